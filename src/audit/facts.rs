//! What fidoctl read from one key, without a PIN. The command layer fills a [`KeyFacts`] from
//! getInfo, clientPIN getPINRetries / getUVRetries and the CTAPHID INIT response; the rules in
//! [`crate::audit::verdict`] only read it.
//!
//! Conventions: `None` means "not reported / not read"; an empty list means "the key reported
//! none" (or, for a key that gave no getInfo, that nothing is known — see [`KeyFacts::has_get_info`]).

use serde::Serialize;

use super::mds::MetadataEntry;
use super::models;
use super::ZERO_AAGUID;

/// getInfo does not report the maximum number of PIN retries. CTAP 2.1 keys (the virtual key,
/// YubiKeys, most others) start at 8, so fidoctl assumes 8 when it counts failed attempts.
pub const ASSUMED_MAX_PIN_RETRIES: u32 = 8;

/// Where [`KeyFacts::firmware_version`] came from.
pub mod firmware_source {
    /// getInfo 0x0E `firmwareVersion`.
    pub const GET_INFO: &str = "getinfo";
    /// The device version bytes (major, minor, build) of the CTAPHID INIT response.
    pub const CTAPHID_INIT: &str = "ctaphid_init";
}

/// Where [`KeyFacts::model`] came from.
pub mod model_source {
    /// The FIDO metadata entry's description (`--mds`).
    pub const MDS: &str = "mds";
    /// fidoctl's embedded AAGUID table.
    pub const AAGUID_TABLE: &str = "aaguid_table";
}

/// The maximum number of PIN retries fidoctl assumes (always 8). A type of its own so that it
/// appears in every JSON record (and so `KeyFacts` can still derive `Default`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct AssumedMaxPinRetries(pub u32);

impl Default for AssumedMaxPinRetries {
    fn default() -> Self {
        AssumedMaxPinRetries(ASSUMED_MAX_PIN_RETRIES)
    }
}

/// One status report from the FIDO metadata, as shown with the facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MetadataStatus {
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authenticator_version: Option<u32>,
}

/// Everything the audit knows about one key. JSON field names are the Rust names (snake_case).
#[derive(Debug, Clone, Serialize, Default)]
pub struct KeyFacts {
    /// OS path or selector of the device (`/dev/hidraw3`, `virtual:/tmp/k.json`, ...).
    pub path: Option<String>,
    /// USB vendor and product id as `vvvv:pppp` (lowercase hex); `None` for non-USB keys.
    pub vid_pid: Option<String>,
    /// USB product string.
    pub product: Option<String>,
    /// The key speaks only U2F (no CBOR capability): no getInfo, no PIN, no CTAP2 rules apply.
    pub u2f_only: bool,
    /// getInfo 0x03 in canonical UUID form.
    pub aaguid: Option<String>,
    /// Model name: from the metadata when `--mds` was given, else from the embedded table.
    pub model: Option<String>,
    /// "mds" or "aaguid_table".
    pub model_source: Option<String>,
    /// getInfo 0x01, as reported (`FIDO_2_0`, `FIDO_2_1_PRE`, `FIDO_2_1`, `U2F_V2`, ...).
    pub versions: Vec<String>,
    /// Firmware version as a number. From getInfo 0x0E when present, else the CTAPHID INIT device
    /// version encoded the same way Yubico's MDS entries do: major<<16 | minor<<8 | build
    /// (329472 = 5.7.0).
    pub firmware_version: Option<u32>,
    /// The same as text: "5.7.0" when it came from CTAPHID INIT or decodes plausibly that way,
    /// else the plain number.
    pub firmware_version_text: Option<String>,
    /// "getinfo" | "ctaphid_init"; `None` when the firmware version is unknown.
    pub firmware_source: Option<String>,
    /// The key supports a PIN (getInfo option `clientPin` present).
    pub pin_supported: Option<bool>,
    /// A PIN is set (option `clientPin` is true).
    pub pin_set: Option<bool>,
    /// PIN retries left (clientPIN getPINRetries); `None` when no PIN is set or it could not be read.
    pub pin_retries: Option<u32>,
    /// The maximum fidoctl assumes when counting failed attempts: getInfo does not report it.
    pub assumed_max_pin_retries: AssumedMaxPinRetries,
    /// No PIN retries left: only a reset makes the key usable again.
    pub pin_blocked: Option<bool>,
    /// Three wrong PINs in a row: the key refuses PINs until it is unplugged and re-plugged
    /// (clientPIN powerCycleState).
    pub power_cycle_required: Option<bool>,
    /// Built-in UV (e.g. fingerprint) retries left, for keys with built-in UV.
    pub uv_retries: Option<u32>,
    /// No UV retries left.
    pub uv_blocked: Option<bool>,
    /// getInfo 0x0D; absent on CTAP 2.0 keys.
    pub min_pin_length: Option<u32>,
    /// getInfo 0x0C.
    pub force_pin_change: Option<bool>,
    /// getInfo option `alwaysUv`; `None` when the key does not report it (no support).
    pub always_uv: Option<bool>,
    /// getInfo option `ep`; `None` when the key does not support enterprise attestation.
    pub enterprise_attestation: Option<bool>,
    /// getInfo 0x14.
    pub remaining_discoverable_credentials: Option<u32>,
    /// getInfo 0x0A, COSE algorithm identifiers (-7 ES256, -8 EdDSA, ...); JSON writes each
    /// as `{"alg": -7, "name": "ES256"}`, as every document does.
    #[serde(serialize_with = "crate::proto::ctap2::alg::serialize_all")]
    pub algorithms: Vec<i64>,
    /// getInfo 0x06 (pinUvAuthProtocols).
    pub pin_protocols: Vec<u32>,
    /// From the metadata: the latest FIDO certification status, e.g. "FIDO_CERTIFIED_L1".
    pub certification_level: Option<String>,
    /// From the metadata: every status report of the key's model, oldest first.
    pub status_reports: Vec<MetadataStatus>,
    /// What a stored CTAP 2.2 read-only token (`fidoctl token create`) lets the audit read
    /// without a PIN; `None` when no stored token matches the key.
    pub read_only: Option<ReadOnlyFacts>,
    /// A stored token was made for this key (same path and AAGUID) but no longer works: the
    /// key's PIN was changed or it was reset. The token file's path.
    pub read_only_token_ended: Option<String>,
}

/// The facts a persistent read-only token gives (CTAP 2.2 encIdentifier, encCredStoreState
/// and read-only credential management).
#[derive(Debug, Clone, Serialize, Default, PartialEq, Eq)]
pub struct ReadOnlyFacts {
    /// The token file used.
    pub token_file: String,
    /// When the token was made (RFC 3339).
    pub token_created: String,
    /// The key's stable identifier (encIdentifier decrypted), lowercase hex.
    pub identifier: String,
    /// Discoverable credentials per RP id (the key's own count, `None` if it could not be read).
    pub credentials_per_rp: Option<std::collections::BTreeMap<String, u32>>,
    /// Discoverable credentials on the key (getCredsMetadata).
    pub discoverable_credentials: Option<u32>,
    /// The credential store changed (a credential added or removed) since the token was made:
    /// encCredStoreState now against the state stored with the token. `None` when either is
    /// missing.
    pub cred_store_changed: Option<bool>,
}

/// A CTAP level: `(major, minor)`; `(2, 0)` for FIDO_2_0 and FIDO_2_1_PRE, `(2, 1)` for FIDO_2_1.
pub type CtapLevel = (u32, u32);

/// The CTAP level a getInfo version string stands for. `FIDO_2_1_PRE` (the 2.1 preview that
/// YubiKey 5.2–5.4 and other 2019–2021 keys report) counts as 2.0: it lacks most of what 2.1
/// requires (PIN protocol 2, permissions, minPINLength, alwaysUv). `U2F_V2` and unknown strings
/// give `None`.
pub fn ctap_level_of(version: &str) -> Option<CtapLevel> {
    match version {
        "FIDO_2_0" | "FIDO_2_1_PRE" => Some((2, 0)),
        other => {
            let rest = other.strip_prefix("FIDO_")?;
            let (major, minor) = rest.split_once('_')?;
            let major: u32 = major.parse().ok()?;
            let minor: u32 = minor.parse().ok()?;
            (major >= 2).then_some((major, minor))
        }
    }
}

/// "5.7.0" for 329472 when the number decodes as major<<16 | minor<<8 | patch with a sensible
/// major (1..=99); otherwise the number itself.
pub fn firmware_text(version: u32) -> String {
    crate::proto::firmware::Firmware::GetInfo(u64::from(version)).to_string()
}

impl KeyFacts {
    /// Record getInfo 0x0E.
    pub fn set_firmware_from_get_info(&mut self, version: u32) {
        self.firmware_version = Some(version);
        self.firmware_version_text = Some(firmware_text(version));
        self.firmware_source = Some(firmware_source::GET_INFO.to_string());
    }

    /// Record the CTAPHID INIT device version (used when getInfo has no 0x0E).
    pub fn set_firmware_from_ctaphid_init(&mut self, major: u8, minor: u8, build: u8) {
        self.firmware_version = Some(u32::from(major) << 16 | u32::from(minor) << 8 | u32::from(build));
        self.firmware_version_text = Some(format!("{major}.{minor}.{build}"));
        self.firmware_source = Some(firmware_source::CTAPHID_INIT.to_string());
    }

    /// Whether getInfo was read (a CTAP2 key that answered). Rules that read options tell
    /// "the key does not support this" (getInfo read, option absent) from "not known".
    pub fn has_get_info(&self) -> bool {
        !self.u2f_only && self.versions.iter().any(|v| ctap_level_of(v).is_some())
    }

    /// The highest CTAP level among the reported versions (FIDO_2_1_PRE counts as 2.0).
    pub fn ctap_level(&self) -> Option<CtapLevel> {
        self.versions.iter().filter_map(|v| ctap_level_of(v)).max()
    }

    /// The AAGUID when it names a model (not absent, not all zeros).
    pub fn model_aaguid(&self) -> Option<&str> {
        self.aaguid.as_deref().filter(|a| *a != ZERO_AAGUID)
    }

    /// Failed PIN attempts since the last correct PIN: the assumed maximum (8) minus the retries
    /// left. `Some(0)` when no PIN is set; `None` when a PIN is set but the retries are unknown.
    pub fn failed_pin_attempts(&self) -> Option<u32> {
        match (self.pin_set, self.pin_retries) {
            (_, Some(left)) => Some(self.assumed_max_pin_retries.0.saturating_sub(left)),
            (Some(false), None) => Some(0),
            _ => None,
        }
    }

    /// Fill `model` from the embedded table when nothing better is known.
    pub fn apply_model_table(&mut self) {
        if self.model.is_some() {
            return;
        }
        if let Some(name) = self.model_aaguid().and_then(models::model_name) {
            self.model = Some(name.to_string());
            self.model_source = Some(model_source::AAGUID_TABLE.to_string());
        }
    }

    /// Take the model name, certification level and status reports from a metadata entry.
    pub fn apply_metadata(&mut self, entry: &MetadataEntry) {
        if let Some(description) = entry.description.as_deref().filter(|d| !d.trim().is_empty()) {
            self.model = Some(description.trim().to_string());
            self.model_source = Some(model_source::MDS.to_string());
        }
        self.certification_level = entry.certification_level().map(|r| r.status.clone());
        self.status_reports = entry
            .sorted_status_reports()
            .into_iter()
            .map(|r| MetadataStatus {
                status: r.status.clone(),
                effective_date: r.effective_date.clone(),
                authenticator_version: r.authenticator_version,
            })
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctap_levels() {
        assert_eq!(ctap_level_of("FIDO_2_0"), Some((2, 0)));
        assert_eq!(ctap_level_of("FIDO_2_1_PRE"), Some((2, 0)));
        assert_eq!(ctap_level_of("FIDO_2_1"), Some((2, 1)));
        assert_eq!(ctap_level_of("FIDO_2_2"), Some((2, 2)));
        assert_eq!(ctap_level_of("FIDO_2_3"), Some((2, 3)));
        assert_eq!(ctap_level_of("U2F_V2"), None);
        assert_eq!(ctap_level_of("FIDO_X"), None);
        let facts = KeyFacts {
            versions: vec!["U2F_V2".into(), "FIDO_2_0".into(), "FIDO_2_1_PRE".into()],
            ..Default::default()
        };
        assert_eq!(facts.ctap_level(), Some((2, 0)));
        assert!(facts.has_get_info());
        assert!(!KeyFacts { versions: vec!["U2F_V2".into()], ..Default::default() }.has_get_info());
    }

    #[test]
    fn firmware_sources_and_text() {
        let mut facts = KeyFacts::default();
        facts.set_firmware_from_get_info(329472);
        assert_eq!(facts.firmware_version, Some(329472));
        assert_eq!(facts.firmware_version_text.as_deref(), Some("5.7.0"));
        assert_eq!(facts.firmware_source.as_deref(), Some("getinfo"));
        facts.set_firmware_from_ctaphid_init(5, 4, 3);
        assert_eq!(facts.firmware_version, Some(0x050403));
        assert_eq!(facts.firmware_version_text.as_deref(), Some("5.4.3"));
        assert_eq!(facts.firmware_source.as_deref(), Some("ctaphid_init"));
        assert_eq!(firmware_text(7), "7");
    }

    #[test]
    fn failed_attempts_assume_eight() {
        let mut facts = KeyFacts { pin_set: Some(true), pin_retries: Some(5), ..Default::default() };
        assert_eq!(facts.failed_pin_attempts(), Some(3));
        facts.pin_retries = None;
        assert_eq!(facts.failed_pin_attempts(), None);
        facts.pin_set = Some(false);
        assert_eq!(facts.failed_pin_attempts(), Some(0));
        let json = serde_json::to_value(KeyFacts::default()).unwrap();
        assert_eq!(json["assumed_max_pin_retries"], 8);
        assert_eq!(json["firmware_source"], serde_json::Value::Null);
    }

    #[test]
    fn model_from_table() {
        let mut facts = KeyFacts { aaguid: Some(models::VIRTUAL_KEY_AAGUID.to_string()), ..Default::default() };
        facts.apply_model_table();
        assert_eq!(facts.model.as_deref(), Some("fidoctl virtual key"));
        assert_eq!(facts.model_source.as_deref(), Some("aaguid_table"));
        let mut zero = KeyFacts { aaguid: Some(ZERO_AAGUID.to_string()), ..Default::default() };
        zero.apply_model_table();
        assert_eq!(zero.model, None);
    }
}
