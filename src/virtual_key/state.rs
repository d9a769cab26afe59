//! The virtual key's state file: versioned JSON, mode 0600, written atomically, locked while
//! open. It holds private keys in the clear: this is a test and training device.

use super::attestation::{StoredAttestation, StoredCredentialKey, StoredLeaf};
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub const FORMAT: &str = "fidoctl-virtual-key";
pub const VERSION: u32 = 1;
const NOTICE: &str = "fidoctl virtual key: a software authenticator for tests and training. \
Its private keys are stored in this file in the clear; never use it to protect a real account.";
/// How long we wait for another fidoctl process to let go of the same virtual key.
const LOCK_WAIT: Duration = Duration::from_secs(10);
/// The largest state file a key reads: its own maximum of credentials fits many times over.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// The most discoverable credentials `virtual create --max-resident` may ask for.
pub const MAX_RESIDENT_LIMIT: u32 = 10_000;
/// The most credentials of any kind one key stores (non-discoverable ones included).
pub const MAX_STORED_CREDENTIALS: usize = 2 * MAX_RESIDENT_LIMIT as usize;

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("The virtual key state file {path} does not exist; create it with `fidoctl virtual create {path}`.")]
    Missing { path: String },
    #[error("The virtual key state file {path} is damaged ({reason}). It was left untouched: restore it from a copy, or create a new key with `fidoctl virtual create`.")]
    Damaged { path: String, reason: String },
    #[error("The virtual key state file {path} was written by a newer fidoctl (format version {found}); this fidoctl reads version {VERSION}. Upgrade fidoctl.")]
    TooNew { path: String, found: u32 },
    #[error("{path} already exists; choose another file name or delete it first.")]
    Exists { path: String },
    #[error("The virtual key {path} is in use by another fidoctl process (for example `fidoctl virtual serve`); stop it or wait, then try again.")]
    Busy { path: String },
    #[error("The virtual key state file {path} could not be {action}: {reason}.")]
    Io { path: String, action: &'static str, reason: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Profile {
    /// A CTAP 2.2 key: everything ctap2.1 has, plus the persistent read-only token,
    /// encIdentifier and encCredStoreState.
    #[serde(rename = "ctap2.2")]
    Ctap22,
    /// A CTAP 2.1 key (the default).
    #[default]
    #[serde(rename = "ctap2.1")]
    Ctap21,
    /// A FIDO_2_1_PRE key: PIN protocol 1, getPinToken only, credential management preview.
    #[serde(rename = "ctap2.1-pre")]
    Ctap21Pre,
    /// A CTAP 2.0 key: PIN protocol 1, no credential management, no authenticatorSelection.
    #[serde(rename = "ctap2.0")]
    Ctap20,
}

impl Profile {
    pub fn name(self) -> &'static str {
        match self {
            Profile::Ctap22 => "ctap2.2",
            Profile::Ctap21 => "ctap2.1",
            Profile::Ctap21Pre => "ctap2.1-pre",
            Profile::Ctap20 => "ctap2.0",
        }
    }
    pub fn parse(s: &str) -> Option<Profile> {
        [Profile::Ctap22, Profile::Ctap21, Profile::Ctap21Pre, Profile::Ctap20].into_iter().find(|p| p.name() == s)
    }
}

/// Fixed at creation: what the key is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub profile: Profile,
    /// Canonical UUID form.
    pub aaguid: String,
    /// getInfo firmwareVersion (0x0E).
    pub firmware: u64,
    pub max_resident: u32,
    /// A simulated fingerprint sensor (`virtual create --bio`).
    #[serde(default)]
    pub bio: bool,
}

/// The fingerprint sensor's state (keys made with `--bio`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BioState {
    #[serde(default)]
    pub enrollments: Vec<Enrollment>,
    /// Built-in UV attempts left (uvRetries, clientPIN 0x07).
    pub uv_retries: u8,
}

impl Default for BioState {
    fn default() -> Self {
        BioState { enrollments: Vec::new(), uv_retries: super::bio::MAX_UV_RETRIES }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrollment {
    #[serde(with = "hex_bytes")]
    pub template_id: Vec<u8>,
    #[serde(default)]
    pub name: Option<String>,
}

/// An enrollment between enrollBegin and its last sample.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingEnrollment {
    pub template_id: Vec<u8>,
    pub captures: u8,
    pub remaining: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersistentToken {
    #[serde(with = "hex_bytes")]
    pub token: Vec<u8>,
    pub protocol: u8,
}

/// The PIN as the key stores it: never the PIN itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredPin {
    /// LEFT(SHA-256(PIN), 16).
    #[serde(with = "hex_bytes")]
    pub hash: [u8; 16],
    /// Length in Unicode code points (authenticatorConfig compares it with minPINLength).
    pub code_points: u32,
}

/// Volatile state: what a real key forgets when unplugged. Kept in the file so a `virtual:`
/// key stays "plugged in" across fidoctl runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct PowerState {
    /// Wall-clock time of the last power-up, in milliseconds since the Unix epoch.
    pub powered_up_at_ms: u64,
    /// Wrong PINs in a row since power-up (3 blocks PIN entry until the next power-up).
    #[serde(default)]
    pub consecutive_pin_mismatches: u8,
    /// Ephemeral key-agreement private scalar, regenerated at power-up.
    #[serde(default, with = "hex_bytes::option")]
    pub key_agreement: Option<[u8; 32]>,
    /// The current pinUvAuthToken and what it may do.
    #[serde(default)]
    pub token: Option<TokenState>,
}

/// What only the very next command may continue: never written to the state file, since the
/// next run's first command would drop it anyway (older files that hold it still load).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Enumerations {
    /// A credential-management enumeration the next command may continue.
    pub cred_mgmt: Option<CredMgmtEnumeration>,
    /// What getNextAssertion still has to answer; any other command forgets it.
    pub pending_assertions: Option<PendingAssertions>,
    /// A largeBlobs write between its first and last fragment.
    pub large_blob_write: Option<super::large_blobs::PendingWrite>,
    /// A fingerprint enrollment in progress.
    pub bio_enrollment: Option<PendingEnrollment>,
    /// What the simulated sensor says (from the environment unless a test set it).
    pub sensor: Option<super::bio::SensorScript>,
}

/// What the credential-management "next" subcommands still have to give, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredMgmtEnumeration {
    /// RP ids, for enumerateRPsGetNextRP.
    Rps(Vec<String>),
    /// Credential ids, for enumerateCredentialsGetNextCredential.
    Credentials(Vec<Vec<u8>>),
}

/// The rest of a getAssertion that found more than one discoverable credential (CTAP 2.1
/// §6.3): the authenticatorGetAssertion parameters it must remember, and a 30 s timer.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingAssertions {
    pub rp_id: String,
    pub client_data_hash: [u8; 32],
    /// Credential ids still to be returned, next first.
    pub remaining: Vec<Vec<u8>>,
    /// The UP and UV bits the first assertion carried; every later one carries the same.
    pub user_present: bool,
    pub user_verified: bool,
    /// The hmac-secret extension input, answered for each credential.
    pub hmac_secret: Option<ciborium::value::Value>,
    /// The largeBlobKey and credBlob extensions were asked for.
    pub large_blob_key: bool,
    pub cred_blob: bool,
    /// The thirdPartyPayment extension was asked for.
    pub third_party_payment: bool,
    /// Wall-clock deadline (ms since the Unix epoch) for the next getNextAssertion.
    pub expires_at_ms: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenState {
    #[serde(with = "hex_bytes")]
    pub token: Vec<u8>,
    pub protocol: u8,
    pub permissions: u8,
    pub rp_id: Option<String>,
}

/// A credential the key made. Non-discoverable ones are kept too (a real key would wrap the
/// private key into the credential id; a test device may simply remember it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredCredential {
    #[serde(with = "hex_bytes")]
    pub id: Vec<u8>,
    pub rp_id: String,
    #[serde(default)]
    pub rp_name: Option<String>,
    /// User handle.
    #[serde(with = "hex_bytes")]
    pub user_id: Vec<u8>,
    #[serde(default)]
    pub user_name: Option<String>,
    #[serde(default)]
    pub user_display_name: Option<String>,
    pub key: StoredCredentialKey,
    pub discoverable: bool,
    /// credProtect level 1-3.
    #[serde(default = "default_cred_protect")]
    pub cred_protect: u8,
    /// The largeBlobKey extension's key, when it was asked for.
    #[serde(default, with = "hex_bytes::option")]
    pub large_blob_key: Option<[u8; 32]>,
    /// The credBlob extension's value, when one was given.
    #[serde(default, with = "hex_bytes::option")]
    pub cred_blob: Option<Vec<u8>>,
    /// hmac-secret CredRandom values, when the extension was asked for.
    #[serde(default)]
    pub hmac_secret: Option<HmacSecretKeys>,
    /// thirdPartyPayment (CTAP 2.2): the credential may be used for payments another party starts.
    #[serde(default)]
    pub third_party_payment: bool,
    /// Creation order (higher is newer): getAssertion lists discoverable credentials newest first.
    pub created: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HmacSecretKeys {
    #[serde(with = "hex_bytes")]
    pub with_uv: [u8; 32],
    #[serde(with = "hex_bytes")]
    pub without_uv: [u8; 32],
}

fn default_cred_protect() -> u8 {
    1
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyState {
    pub format: String,
    pub version: u32,
    pub notice: String,
    pub identity: Identity,
    #[serde(default)]
    pub pin: Option<StoredPin>,
    pub pin_retries: u8,
    pub min_pin_length: u32,
    #[serde(default)]
    pub min_pin_length_rp_ids: Vec<String>,
    #[serde(default)]
    pub force_pin_change: bool,
    #[serde(default)]
    pub always_uv: bool,
    #[serde(default)]
    pub enterprise_attestation: bool,
    #[serde(default)]
    pub wink_count: u64,
    /// The per-key test CA and attestation certificate made at `virtual create`.
    #[serde(default)]
    pub attestation: Option<StoredAttestation>,
    /// The device-identifying certificate enterprise attestation signs with (same CA).
    /// Keys made before it existed have none and attest as before, without epAtt.
    #[serde(default)]
    pub enterprise_attestation_leaf: Option<StoredLeaf>,
    #[serde(default)]
    pub credentials: Vec<StoredCredential>,
    /// Next value for `StoredCredential::created`.
    #[serde(default)]
    pub next_credential_sequence: u64,
    /// The global signature counter.
    #[serde(default)]
    pub sign_count: u32,
    /// The serialized large-blob array (CTAP 2.1 §6.10).
    #[serde(default = "super::large_blobs::initial_array", with = "hex_bytes")]
    pub large_blob_array: Vec<u8>,
    #[serde(default)]
    pub bio: BioState,
    /// CTAP 2.2 persistent read-only credential-management token (pcmr): survives power
    /// cycles, dies with a PIN change or reset.
    #[serde(default)]
    pub persistent_token: Option<PersistentToken>,
    /// The stable identifier encIdentifier encrypts (made when first needed).
    #[serde(default, with = "hex_bytes::option")]
    pub device_identifier: Option<[u8; 16]>,
    pub power: PowerState,
    #[serde(skip)]
    pub enumerations: Enumerations,
}

pub const MAX_PIN_RETRIES: u8 = 8;
pub const DEFAULT_MIN_PIN_LENGTH: u32 = 4;

impl KeyState {
    pub fn new(identity: Identity) -> KeyState {
        KeyState {
            format: FORMAT.to_string(),
            version: VERSION,
            notice: NOTICE.to_string(),
            identity,
            pin: None,
            pin_retries: MAX_PIN_RETRIES,
            min_pin_length: DEFAULT_MIN_PIN_LENGTH,
            min_pin_length_rp_ids: Vec::new(),
            force_pin_change: false,
            always_uv: false,
            enterprise_attestation: false,
            wink_count: 0,
            attestation: None,
            enterprise_attestation_leaf: None,
            credentials: Vec::new(),
            next_credential_sequence: 0,
            sign_count: 0,
            large_blob_array: super::large_blobs::initial_array(),
            bio: BioState::default(),
            persistent_token: None,
            device_identifier: None,
            power: PowerState { powered_up_at_ms: now_ms(), ..PowerState::default() },
            enumerations: Enumerations::default(),
        }
    }

    /// Unplug and re-plug: forget everything volatile, open the reset window.
    pub fn power_up(&mut self) {
        self.power = PowerState { powered_up_at_ms: now_ms(), ..PowerState::default() };
        self.enumerations = Enumerations::default();
    }

    /// Discoverable credentials stored now.
    pub fn discoverable_count(&self) -> usize {
        self.credentials.iter().filter(|c| c.discoverable).count()
    }

    /// Room left for discoverable credentials.
    pub fn remaining_discoverable(&self) -> u32 {
        self.identity.max_resident.saturating_sub(u32::try_from(self.discoverable_count()).unwrap_or(u32::MAX))
    }

    /// Time since the last power-up (zero if the clock went backwards).
    pub fn since_power_up(&self) -> Duration {
        Duration::from_millis(now_ms().saturating_sub(self.power.powered_up_at_ms))
    }
}

/// Byte fields in the state file: hex strings, so the file stays readable and older files load.
mod hex_bytes {
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer, T: AsRef<[u8]>>(value: &T, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&hex::encode(value))
    }

    pub fn deserialize<'de, D: Deserializer<'de>, T: TryFrom<Vec<u8>>>(d: D) -> Result<T, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        let bytes = hex::decode(text.as_ref()).map_err(D::Error::custom)?;
        let len = bytes.len();
        T::try_from(bytes).map_err(|_| D::Error::custom(format!("{len} bytes is the wrong length")))
    }

    pub mod option {
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer, T: AsRef<[u8]>>(value: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
            match value {
                Some(v) => super::serialize(v, s),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>, T: TryFrom<Vec<u8>>>(d: D) -> Result<Option<T>, D::Error> {
            #[derive(Deserialize)]
            struct Wrapped<T: TryFrom<Vec<u8>>>(#[serde(with = "super")] T);
            Ok(Option::<Wrapped<T>>::deserialize(d)?.map(|w| w.0))
        }
    }
}

pub fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

/// An open state file: the lock is held until this is dropped.
#[derive(Debug)]
pub struct StateFile {
    path: PathBuf,
    _lock: File,
    pub state: KeyState,
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

fn io_err(path: &Path, action: &'static str, e: std::io::Error) -> StateError {
    StateError::Io { path: display(path), action, reason: e.to_string() }
}

/// A symlinked state file is followed: the real file is the key (one lock, and the target
/// is what a save replaces). A dangling link is a missing key.
fn real_path(path: &Path) -> Result<PathBuf, StateError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => StateError::Missing { path: display(path) },
            _ => io_err(path, "read", e),
        }),
        _ => Ok(path.to_path_buf()),
    }
}

fn tmp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp"))
}

/// Read at most MAX_FILE_BYTES of a regular file (a FIFO or device is refused before it is
/// opened, so nothing blocks or streams forever).
fn read_bounded(path: &Path) -> Result<String, StateError> {
    use std::io::Read;
    let damaged = |reason: String| StateError::Damaged { path: display(path), reason };
    let meta = std::fs::metadata(path).map_err(|e| io_err(path, "read", e))?;
    if !meta.is_file() {
        return Err(damaged("it is not a regular file".into()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(damaged(format!("it is {} bytes, more than the {MAX_FILE_BYTES} a virtual key reads", meta.len())));
    }
    let mut bytes = Vec::new();
    File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| io_err(path, "read", e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(damaged(format!("it is more than the {MAX_FILE_BYTES} bytes a virtual key reads")));
    }
    String::from_utf8(bytes).map_err(|_| damaged("not UTF-8 text".into()))
}

/// A key must be able to save what it changes: a read-only file is refused up front rather
/// than replaced (which would also change its mode).
fn refuse_read_only(path: &Path) -> Result<(), StateError> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(path).map_err(|e| io_err(path, "read", e))?;
    if meta.permissions().mode() & 0o200 == 0 {
        return Err(StateError::Io {
            path: display(path),
            action: "opened for changes",
            reason: format!(
                "it is read-only (mode {:o}) and fidoctl leaves it as it is; make it writable \
                 (chmod 600 {}) or use a copy",
                meta.permissions().mode() & 0o777,
                display(path)
            ),
        });
    }
    Ok(())
}

fn lock_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.lock"))
}

fn take_lock(path: &Path) -> Result<File, StateError> {
    let lock_file = lock_path(path);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_file)
        .map_err(|e| io_err(path, "locked", e))?;
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(std::fs::TryLockError::WouldBlock) => return Err(StateError::Busy { path: display(path) }),
            Err(std::fs::TryLockError::Error(e)) => return Err(io_err(path, "locked", e)),
        }
    }
}

impl StateFile {
    /// Create a new key. Refuses to overwrite an existing file.
    pub fn create(path: &Path, state: KeyState) -> Result<StateFile, StateError> {
        let lock = take_lock(path)?;
        // A symlink, even a dangling one, is something that exists.
        if path.exists() || std::fs::symlink_metadata(path).is_ok() {
            return Err(StateError::Exists { path: display(path) });
        }
        let file = StateFile { path: path.to_path_buf(), _lock: lock, state };
        file.save()?;
        Ok(file)
    }

    /// Open and lock an existing key. A damaged file is reported, never replaced.
    pub fn open(path: &Path) -> Result<StateFile, StateError> {
        if !path.exists() {
            return Err(StateError::Missing { path: display(path) });
        }
        let path = &real_path(path)?;
        let lock = take_lock(path)?;
        let text = read_bounded(path)?;
        let state = parse(path, &text)?;
        refuse_read_only(path)?;
        // A save interrupted by kill -9 leaves its temp file; the lock is ours, so nobody is
        // writing it now.
        let tmp = tmp_path(path);
        if std::fs::symlink_metadata(&tmp).is_ok_and(|m| m.is_file()) {
            let _ = std::fs::remove_file(&tmp);
        }
        Ok(StateFile { path: path.to_path_buf(), _lock: lock, state })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Read the file again (the lock is still ours): after a failed save, what is on disk is
    /// the state the host may believe in.
    pub fn reload(&mut self) -> Result<(), StateError> {
        let text = read_bounded(&self.path)?;
        self.state = parse(&self.path, &text)?;
        Ok(())
    }

    /// Write atomically: temp file in the same folder, fsync, rename over, fsync the folder.
    pub fn save(&self) -> Result<(), StateError> {
        let path = &self.path;
        let json = serde_json::to_string_pretty(&self.state).map_err(|e| StateError::Io {
            path: display(path),
            action: "written",
            reason: e.to_string(),
        })?;
        let tmp = tmp_path(path);
        {
            use std::os::unix::fs::OpenOptionsExt;
            let mut f = OpenOptions::new()
                .create(true)
                .write(true)
                .truncate(true)
                .mode(0o600)
                .open(&tmp)
                .map_err(|e| io_err(&tmp, "written", e))?;
            f.write_all(json.as_bytes()).map_err(|e| io_err(&tmp, "written", e))?;
            f.write_all(b"\n").map_err(|e| io_err(&tmp, "written", e))?;
            f.sync_all().map_err(|e| io_err(&tmp, "written", e))?;
        }
        std::fs::rename(&tmp, path).map_err(|e| io_err(path, "written", e))?;
        if let Some(dir) = path.parent() {
            let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
            if let Ok(d) = File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }
}

fn parse(path: &Path, text: &str) -> Result<KeyState, StateError> {
    let damaged = |reason: String| StateError::Damaged { path: display(path), reason };
    let raw: serde_json::Value = serde_json::from_str(text).map_err(|e| damaged(format!("not valid JSON: {e}")))?;
    if raw.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(damaged("it is not a fidoctl virtual key file".into()));
    }
    match raw.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(VERSION) => {}
        Some(v) if v > u64::from(VERSION) => {
            return Err(StateError::TooNew { path: display(path), found: u32::try_from(v).unwrap_or(u32::MAX) })
        }
        _ => return Err(damaged("its format version is missing or unknown".into())),
    }
    let state: KeyState = serde_json::from_value(raw).map_err(|e| damaged(e.to_string()))?;
    if state.pin_retries > MAX_PIN_RETRIES {
        return Err(damaged(format!("pin_retries is {}, more than {MAX_PIN_RETRIES}", state.pin_retries)));
    }
    let max_resident = state.identity.max_resident;
    if max_resident > MAX_RESIDENT_LIMIT {
        return Err(damaged(format!("max_resident is {max_resident}, more than {MAX_RESIDENT_LIMIT}")));
    }
    if state.discoverable_count() > max_resident as usize {
        return Err(damaged(format!(
            "it holds {} discoverable credentials, more than the key's own maximum of {max_resident}",
            state.discoverable_count()
        )));
    }
    if state.credentials.len() > MAX_STORED_CREDENTIALS {
        return Err(damaged(format!(
            "it holds {} credentials, more than the {MAX_STORED_CREDENTIALS} a virtual key stores",
            state.credentials.len()
        )));
    }
    Ok(state)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn identity() -> Identity {
        Identity {
            profile: Profile::Ctap21,
            aaguid: "00000000-0000-0000-0000-000000000000".into(),
            firmware: 1,
            max_resident: 25,
            bio: false,
        }
    }

    #[test]
    fn create_writes_0600_and_reopens_equal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key.json");
        let created = StateFile::create(&path, KeyState::new(identity())).unwrap();
        let original = created.state.clone();
        drop(created);
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(StateFile::open(&path).unwrap().state, original);
    }

    #[test]
    fn create_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key.json");
        drop(StateFile::create(&path, KeyState::new(identity())).unwrap());
        assert!(matches!(StateFile::create(&path, KeyState::new(identity())), Err(StateError::Exists { .. })));
    }

    #[test]
    fn damaged_files_are_reported_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key.json");
        for bad in [
            "{not json",
            "{\"format\":\"something-else\",\"version\":1}",
            "{\"format\":\"fidoctl-virtual-key\",\"version\":1}",
        ] {
            std::fs::write(&path, bad).unwrap();
            let err = StateFile::open(&path).unwrap_err();
            assert!(matches!(err, StateError::Damaged { .. }), "{bad}: {err}");
            assert_eq!(std::fs::read_to_string(&path).unwrap(), bad);
        }
        std::fs::write(&path, "{\"format\":\"fidoctl-virtual-key\",\"version\":7}").unwrap();
        assert!(matches!(StateFile::open(&path), Err(StateError::TooNew { found: 7, .. })));
    }

    #[test]
    fn a_second_opener_waits_for_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key.json");
        let held = StateFile::create(&path, KeyState::new(identity())).unwrap();
        let p = path.clone();
        let waiter = std::thread::spawn(move || StateFile::open(&p).map(|f| f.state.version));
        std::thread::sleep(Duration::from_millis(200));
        assert!(!waiter.is_finished(), "the second opener must wait while the first holds the lock");
        drop(held);
        assert_eq!(waiter.join().unwrap().unwrap(), VERSION);
    }

    #[test]
    fn byte_fields_are_hex_in_the_file_and_bytes_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key.json");
        let mut state = KeyState::new(identity());
        state.pin = Some(StoredPin { hash: [0xab; 16], code_points: 4 });
        state.power.key_agreement = Some([7; 32]);
        drop(StateFile::create(&path, state).unwrap());
        let raw: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(raw["pin"]["hash"], "ab".repeat(16));
        assert_eq!(raw["power"]["key_agreement"], "07".repeat(32));
        let reopened = StateFile::open(&path).unwrap();
        assert_eq!(reopened.state.pin.as_ref().unwrap().hash, [0xab; 16]);
        drop(reopened);

        // A file written before (with an enumeration in progress, which is no longer kept) loads.
        let mut old = raw.clone();
        old["power"]["cred_mgmt"] = serde_json::json!({"credentials": ["aabb"]});
        std::fs::write(&path, old.to_string()).unwrap();
        assert!(StateFile::open(&path).is_ok());
        // Hex of the wrong length, or not hex at all, is a damaged file.
        for bad in ["abc", "zz".repeat(16).as_str(), "ab".repeat(15).as_str()] {
            let mut broken = raw.clone();
            broken["pin"]["hash"] = serde_json::json!(bad);
            std::fs::write(&path, broken.to_string()).unwrap();
            assert!(matches!(StateFile::open(&path), Err(StateError::Damaged { .. })), "{bad}");
        }
    }

    fn credential(n: u8, discoverable: bool) -> StoredCredential {
        StoredCredential {
            id: vec![n; 16],
            rp_id: "example.com".into(),
            rp_name: None,
            user_id: vec![n],
            user_name: None,
            user_display_name: None,
            key: StoredCredentialKey { alg: -7, key: "11".repeat(32) },
            discoverable,
            cred_protect: 1,
            hmac_secret: None,
            third_party_payment: false,
            large_blob_key: None,
            cred_blob: None,
            created: u64::from(n),
        }
    }

    #[test]
    fn a_symlinked_state_file_is_followed_and_locked_as_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("key.json");
        let link = dir.path().join("link.json");
        drop(StateFile::create(&real, KeyState::new(identity())).unwrap());
        std::os::unix::fs::symlink(&real, &link).unwrap();

        let mut via_link = StateFile::open(&link).unwrap();
        via_link.state.wink_count = 41;
        via_link.save().unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link stays a link");

        // One lock for both names: while the link's opener holds the key, the real name waits.
        let p = real.clone();
        let waiter = std::thread::spawn(move || StateFile::open(&p).map(|f| f.state.wink_count));
        std::thread::sleep(Duration::from_millis(200));
        assert!(!waiter.is_finished(), "opening the target must wait for the link's lock");
        drop(via_link);
        assert_eq!(waiter.join().unwrap().unwrap(), 41, "the target holds what was saved through the link");
        // Creating over a symlink (even a dangling one) is refused, never replaced.
        let dangling = dir.path().join("dangling.json");
        std::os::unix::fs::symlink(dir.path().join("nowhere.json"), &dangling).unwrap();
        assert!(matches!(StateFile::create(&dangling, KeyState::new(identity())), Err(StateError::Exists { .. })));
        assert!(matches!(StateFile::open(&dangling), Err(StateError::Missing { .. })));
    }

    #[test]
    fn a_read_only_state_file_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key.json");
        drop(StateFile::create(&path, KeyState::new(identity())).unwrap());
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let before = std::fs::read(&path).unwrap();
        let err = StateFile::open(&path).unwrap_err();
        assert!(matches!(err, StateError::Io { .. }), "{err}");
        assert!(err.to_string().contains("is read-only (mode 444)"), "{err}");
        assert!(err.to_string().contains("chmod 600"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o444);
    }

    #[test]
    fn state_files_are_bounded_and_validated_on_load() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key.json");
        let damaged = |path: &Path| match StateFile::open(path) {
            Err(StateError::Damaged { reason, .. }) => reason,
            other => panic!("{other:?}"),
        };
        // More discoverable credentials than the key's own maximum.
        let mut state = KeyState::new(Identity { max_resident: 2, ..identity() });
        state.credentials = (0..3).map(|n| credential(n, true)).collect();
        std::fs::write(&path, serde_json::to_string(&state).unwrap()).unwrap();
        assert!(damaged(&path).contains("3 discoverable credentials, more than the key's own maximum of 2"));
        // Non-discoverable ones have a ceiling too.
        state.credentials = (0..=MAX_STORED_CREDENTIALS).map(|n| credential(n as u8, false)).collect();
        std::fs::write(&path, serde_json::to_string(&state).unwrap()).unwrap();
        assert!(damaged(&path).contains("more than the 20000 a virtual key stores"));
        // Too large to read at all (sparse: no disk is spent).
        let big = std::fs::File::create(&path).unwrap();
        big.set_len(MAX_FILE_BYTES + 1).unwrap();
        assert!(damaged(&path).contains("more than the 16777216 a virtual key reads"));
        // Not a regular file: a FIFO with no writer must not block.
        let fifo = dir.path().join("fifo.json");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        assert!(damaged(&fifo).contains("not a regular file"));
    }

    #[test]
    fn a_temp_file_left_by_a_killed_save_is_removed_on_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key.json");
        drop(StateFile::create(&path, KeyState::new(identity())).unwrap());
        let tmp = dir.path().join(".key.json.tmp");
        std::fs::write(&tmp, "{\"half\": ").unwrap();
        let file = StateFile::open(&path).unwrap();
        assert!(!tmp.exists());
        file.save().unwrap();
        assert!(!tmp.exists(), "a save leaves no temp file behind");
    }
}
