//! Test-side copies of every JSON document fidoctl prints (docs/json.md; DESIGN.md,
//! "Output"), written independently of src/output so a renamed, missing or extra field fails a
//! test. One struct per document, shared by every test file that reads it: two copies of one
//! document drift apart, and then one of them is wrong. One file, in the order of docs/json.md,
//! because the rules below hold for all of them and are easiest to keep when seen together.
//!
//! The rules:
//! - `deny_unknown_fields` on everything fidoctl's own code shapes (the top level, `device`,
//!   `ctaphid`, `pin`, errors, command results): a field added there must be added here, on
//!   purpose, within the schema version.
//! - Fields fidoctl always prints, even as `null`, are *required* here ([`present`]); only
//!   fields documented as optional (`error` on a list entry, a status report's dates) may be
//!   missing.
//! - `info` (the decoded getInfo) is different: which of its ~30 fields appear depends on the
//!   key, and a newer key may send more. [`GetInfo`] types the fields the tests check and keeps
//!   the rest in a map, but decoding still fails on a name that is not one of the getInfo
//!   fields fidoctl knows (the CTAP 2.2 list in [`OTHER_GET_INFO_FIELDS`]): that catches a
//!   misspelled or camelCase name, the point of `deny_unknown_fields`, without making every
//!   test list every optional field.
//! - Binary values are base64url without padding ([`from_b64url`]).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use std::collections::BTreeMap;

/// A field that must be in the document but may be `null`. (With `deserialize_with`, serde
/// no longer treats a missing `Option` field as `None`.)
pub fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d)
}

/// Strict base64url without padding (the documented encoding of every binary JSON value).
#[track_caller]
pub fn from_b64url(text: &str) -> Vec<u8> {
    assert!(!text.contains(['=', '+', '/']), "{text:?} is not base64url without padding");
    URL_SAFE_NO_PAD.decode(text).unwrap_or_else(|e| panic!("{text:?} is not base64url: {e}"))
}

/// `bytes` as fidoctl writes them in JSON (and accepts them as `b64:` ids).
pub fn to_b64url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

// --- errors ------------------------------------------------------------------------------------

/// `{"schema_version": 1, "error": {...}}`, printed on stdout with `--json` when a command fails.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorDocument {
    pub schema_version: u32,
    pub error: ErrorBody,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
    #[serde(deserialize_with = "present")]
    pub hint: Option<String>,
    pub exit_code: u8,
}

// --- shared values -----------------------------------------------------------------------------

/// The `device` object of every document that is about one key (docs/json.md, "Shared
/// values"). Compares equal to its path, so `assert_eq!(doc.device, key.selector())` reads.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Device {
    pub path: String,
    /// "hid", "unix" or "virtual".
    pub backend: String,
    #[serde(deserialize_with = "present")]
    pub vid_pid: Option<String>,
    #[serde(deserialize_with = "present")]
    pub product: Option<String>,
    #[serde(deserialize_with = "present")]
    pub manufacturer: Option<String>,
    /// Null when the command did not read getInfo.
    #[serde(deserialize_with = "present")]
    pub aaguid: Option<String>,
    #[serde(deserialize_with = "present")]
    pub model: Option<String>,
}

impl Device {
    pub fn as_str(&self) -> &str {
        &self.path
    }
}

impl std::fmt::Display for Device {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.path)
    }
}

impl PartialEq<String> for Device {
    fn eq(&self, other: &String) -> bool {
        &self.path == other
    }
}

impl PartialEq<str> for Device {
    fn eq(&self, other: &str) -> bool {
        self.path == other
    }
}

/// An algorithm: the COSE number and its name (null for a number without one).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct AlgorithmRef {
    pub alg: i64,
    #[serde(deserialize_with = "present")]
    pub name: Option<String>,
}

impl AlgorithmRef {
    /// The name, which every algorithm fidoctl makes has.
    #[track_caller]
    pub fn name(&self) -> &str {
        self.name.as_deref().unwrap_or_else(|| panic!("COSE algorithm {} has no name", self.alg))
    }
}

// --- list and info -----------------------------------------------------------------------------

/// `fidoctl list --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceList {
    pub schema_version: u32,
    pub devices: Vec<DeviceEntry>,
}

/// One key in `list`: the fields of [`Device`] and what `list` adds. (Written out: serde's
/// `deny_unknown_fields` does not work with `flatten`.)
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceEntry {
    pub path: String,
    /// "hid", "unix" or "virtual".
    pub backend: String,
    #[serde(deserialize_with = "present")]
    pub vid_pid: Option<String>,
    #[serde(deserialize_with = "present")]
    pub product: Option<String>,
    #[serde(deserialize_with = "present")]
    pub manufacturer: Option<String>,
    #[serde(deserialize_with = "present")]
    pub aaguid: Option<String>,
    #[serde(deserialize_with = "present")]
    pub model: Option<String>,
    pub versions: Vec<String>,
    pub u2f_only: bool,
    #[serde(deserialize_with = "present")]
    pub firmware: Option<String>,
    /// Only on a key that could not be read.
    #[serde(default)]
    pub error: Option<ReadError>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadError {
    pub code: String,
    pub message: String,
}

/// `fidoctl info --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InfoDocument {
    pub schema_version: u32,
    pub device: Device,
    /// As in `list`.
    #[serde(deserialize_with = "present")]
    pub firmware: Option<String>,
    pub ctaphid: Ctaphid,
    /// `null` for a U2F-only key.
    #[serde(deserialize_with = "present")]
    pub info: Option<GetInfo>,
    /// `null` for a U2F-only key.
    #[serde(deserialize_with = "present")]
    pub pin: Option<PinState>,
    /// Only for a key with a fingerprint sensor.
    #[serde(default)]
    pub fingerprint_sensor: Option<FingerprintSensor>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FingerprintSensor {
    pub sensor: String,
    pub samples_required: u64,
    #[serde(deserialize_with = "present")]
    pub max_name_bytes: Option<u64>,
}

impl InfoDocument {
    /// The decoded getInfo, which every FIDO2 key has.
    #[track_caller]
    pub fn get_info(&self) -> &GetInfo {
        self.info.as_ref().expect("a FIDO2 key's info document has the decoded getInfo")
    }

    /// The PIN state, which every FIDO2 key has.
    #[track_caller]
    pub fn pin_state(&self) -> &PinState {
        self.pin.as_ref().expect("a FIDO2 key's info document has a pin section")
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ctaphid {
    pub protocol_version: u8,
    pub device_version: String,
    /// Of "wink", "cbor", "msg".
    pub capabilities: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PinState {
    #[serde(rename = "pin_supported")]
    pub supported: bool,
    #[serde(rename = "pin_set")]
    pub set: bool,
    #[serde(rename = "pin_retries", deserialize_with = "present")]
    pub retries: Option<u64>,
    /// Null when no PIN is set (not applicable).
    #[serde(rename = "pin_blocked", deserialize_with = "present")]
    pub blocked: Option<bool>,
    #[serde(deserialize_with = "present")]
    pub power_cycle_required: Option<bool>,
    #[serde(deserialize_with = "present")]
    pub uv_retries: Option<u64>,
    #[serde(rename = "min_pin_length", deserialize_with = "present")]
    pub min_length: Option<u64>,
    #[serde(rename = "force_pin_change")]
    pub force_change: bool,
}

/// The getInfo fields fidoctl may print that [`GetInfo`] does not type (snake_case of the
/// CTAP 2.2 names, plus fidoctl's `unknown` / `unknown_algorithms` for what it cannot name).
pub const OTHER_GET_INFO_FIELDS: &[&str] = &[
    "max_credential_count_in_list",
    "max_credential_id_length",
    "transports",
    "unknown_algorithms",
    "max_serialized_large_blob_array",
    "max_cred_blob_length",
    "max_rp_ids_for_set_min_pin_length",
    "preferred_platform_uv_attempts",
    "uv_modality",
    "certifications",
    "vendor_prototype_config_commands",
    "attestation_formats",
    "uv_count_since_last_pin_entry",
    "long_touch_for_reset",
    "enc_identifier",
    "transports_for_reset",
    "pin_complexity_policy",
    "pin_complexity_policy_url",
    "max_pin_length",
    "enc_cred_store_state",
    "authenticator_config_commands",
    "unknown",
];

/// `info.info`: the decoded getInfo. Required: versions, aaguid (the specification's
/// required fields); the others appear when the key sends them.
#[derive(Debug, Deserialize)]
#[serde(try_from = "RawGetInfo")]
pub struct GetInfo {
    pub versions: Vec<String>,
    pub aaguid: String,
    pub extensions: Vec<String>,
    /// Only the options the key listed (absent and `false` differ).
    pub options: BTreeMap<String, bool>,
    pub pin_uv_auth_protocols: Vec<u64>,
    pub max_msg_size: Option<u64>,
    pub algorithms: Vec<Algorithm>,
    pub force_pin_change: Option<bool>,
    pub min_pin_length: Option<u64>,
    pub firmware_version: Option<u64>,
    pub remaining_discoverable_credentials: Option<u64>,
    /// Every other field, each named in [`OTHER_GET_INFO_FIELDS`].
    pub other: BTreeMap<String, Value>,
}

#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Algorithm {
    pub alg: i64,
    #[serde(deserialize_with = "present")]
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Deserialize)]
struct RawGetInfo {
    versions: Vec<String>,
    aaguid: String,
    #[serde(default)]
    extensions: Vec<String>,
    #[serde(default)]
    options: BTreeMap<String, bool>,
    #[serde(default)]
    pin_uv_auth_protocols: Vec<u64>,
    #[serde(default)]
    max_msg_size: Option<u64>,
    #[serde(default)]
    algorithms: Vec<Algorithm>,
    #[serde(default)]
    force_pin_change: Option<bool>,
    #[serde(default)]
    min_pin_length: Option<u64>,
    #[serde(default)]
    firmware_version: Option<u64>,
    #[serde(default)]
    remaining_discoverable_credentials: Option<u64>,
    #[serde(flatten)]
    other: BTreeMap<String, Value>,
}

impl TryFrom<RawGetInfo> for GetInfo {
    type Error = String;

    fn try_from(r: RawGetInfo) -> Result<Self, Self::Error> {
        if let Some(name) = r.other.keys().find(|k| !OTHER_GET_INFO_FIELDS.contains(&k.as_str())) {
            return Err(format!("unknown getInfo field `{name}` (not one of the CTAP getInfo fields)"));
        }
        Ok(GetInfo {
            versions: r.versions,
            aaguid: r.aaguid,
            extensions: r.extensions,
            options: r.options,
            pin_uv_auth_protocols: r.pin_uv_auth_protocols,
            max_msg_size: r.max_msg_size,
            algorithms: r.algorithms,
            force_pin_change: r.force_pin_change,
            min_pin_length: r.min_pin_length,
            firmware_version: r.firmware_version,
            remaining_discoverable_credentials: r.remaining_discoverable_credentials,
            other: r.other,
        })
    }
}

impl GetInfo {
    pub fn option(&self, name: &str) -> Option<bool> {
        self.options.get(name).copied()
    }
}

// --- creds ---------------------------------------------------------------------------------------

/// `fidoctl creds list --json`
#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CredentialList {
    pub schema_version: u32,
    pub device: Device,
    /// Discoverable credentials on the key (the whole key, also with `--rp`).
    pub existing: u64,
    /// Room for this many more.
    pub remaining: u64,
    pub rps: Vec<RpCredentials>,
    /// The stored read-only token file the list was read with (only then present).
    #[serde(default)]
    pub read_only_token: Option<String>,
}

#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RpCredentials {
    pub rp_id: String,
    #[serde(deserialize_with = "present")]
    pub rp_name: Option<String>,
    pub credentials: Vec<ListedCredential>,
}

// Ord: tests compare the credentials of an RP as sorted lists.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct ListedCredential {
    pub credential_id: String,
    pub user_id: String,
    #[serde(deserialize_with = "present")]
    pub user_name: Option<String>,
    #[serde(deserialize_with = "present")]
    pub display_name: Option<String>,
    #[serde(deserialize_with = "present")]
    pub cred_protect: Option<u64>,
    #[serde(deserialize_with = "present")]
    pub algorithm: Option<AlgorithmRef>,
    /// The OpenSSH view of an `ssh:` credential; null for web credentials.
    #[serde(deserialize_with = "present")]
    pub ssh: Option<SshKey>,
}

/// The `ssh` object of `creds list` (and each entry of `ssh list`, with its credential id).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct SshKey {
    pub public_key: String,
    pub fingerprint: String,
    pub application: String,
    #[serde(deserialize_with = "present")]
    pub user: Option<String>,
}

impl CredentialList {
    /// Every (rp_id, credential), in the order listed.
    pub fn flat(&self) -> Vec<(String, ListedCredential)> {
        self.rps.iter().flat_map(|rp| rp.credentials.iter().map(|c| (rp.rp_id.clone(), c.clone()))).collect()
    }

    pub fn ids(&self) -> Vec<String> {
        self.flat().into_iter().map(|(_, c)| c.credential_id).collect()
    }

    #[track_caller]
    pub fn find(&self, credential_id: &str) -> (String, ListedCredential) {
        self.flat()
            .into_iter()
            .find(|(_, c)| c.credential_id == credential_id)
            .unwrap_or_else(|| panic!("{credential_id} is not listed: {self:#?}"))
    }
}

/// `fidoctl creds delete ID --yes --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeletedDocument {
    pub schema_version: u32,
    pub device: Device,
    pub deleted: Deleted,
}

#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Deleted {
    pub credential_id: String,
    pub rp_id: String,
    #[serde(deserialize_with = "present")]
    pub user_name: Option<String>,
}

/// `fidoctl creds update ID --name N --display-name D --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdatedDocument {
    pub schema_version: u32,
    pub device: Device,
    pub updated: Updated,
}

#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Updated {
    pub credential_id: String,
    pub rp_id: String,
    #[serde(deserialize_with = "present")]
    pub user_name: Option<String>,
    #[serde(deserialize_with = "present")]
    pub display_name: Option<String>,
}

// --- pin -----------------------------------------------------------------------------------------

/// `fidoctl pin set --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PinSet {
    pub schema_version: u32,
    pub device: Device,
    pub pin_set: bool,
    pub pin_protocol: u8,
}

/// `fidoctl pin change --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PinChanged {
    pub schema_version: u32,
    pub device: Device,
    pub pin_changed: bool,
    pub pin_protocol: u8,
}

/// `fidoctl pin verify --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PinVerified {
    pub schema_version: u32,
    pub device: Device,
    pub pin_verified: bool,
    pub pin_retries: u64,
    pub pin_protocol: u8,
}

/// `fidoctl pin min-length N --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinLengthSet {
    pub schema_version: u32,
    pub device: Device,
    /// The minimum the key reports afterwards; `null` (always printed) if it reports none.
    #[serde(deserialize_with = "present")]
    pub min_pin_length: Option<u64>,
    pub force_pin_change: bool,
    pub rp_ids: Vec<String>,
    pub changed: bool,
}

/// `fidoctl pin force-change --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForceChanged {
    pub schema_version: u32,
    pub device: Device,
    pub force_pin_change: bool,
    pub changed: bool,
}

// --- config and reset ----------------------------------------------------------------------------

/// `fidoctl config always-uv on|off --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlwaysUvDone {
    pub schema_version: u32,
    pub device: Device,
    pub always_uv: bool,
    pub changed: bool,
}

/// `fidoctl config enterprise-attestation enable --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnterpriseAttestationDone {
    pub schema_version: u32,
    pub device: Device,
    pub enterprise_attestation: bool,
    pub changed: bool,
}

/// `fidoctl reset --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResetDone {
    pub schema_version: u32,
    pub device: Device,
    pub reset: bool,
    /// Counted only when a PIN was given.
    #[serde(deserialize_with = "present")]
    pub credentials_destroyed: Option<u64>,
}

// --- wink and select -----------------------------------------------------------------------------

/// `fidoctl wink --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Winked {
    pub schema_version: u32,
    pub device: Device,
    pub winked: bool,
}

/// `fidoctl select --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selected {
    pub schema_version: u32,
    pub device: Device,
}

// --- test ----------------------------------------------------------------------------------------

/// `fidoctl test --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HealthCheck {
    pub schema_version: u32,
    pub device: Device,
    pub rp_id: String,
    pub resident: bool,
    /// Whether the check verified the user (a PIN token was used).
    pub uv: bool,
    pub algorithm: AlgorithmRef,
    /// The test credential, base64url.
    pub credential_id: String,
    pub attestation: Attestation,
    pub counter: Counter,
    /// `null` unless `--resident`.
    #[serde(deserialize_with = "present")]
    pub cleaned_up: Option<bool>,
    pub steps: Vec<Step>,
    /// "pass" or "fail".
    pub result: String,
}

/// What an attestation proves (`test` and `make-credential`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attestation {
    /// `packed`, `fido-u2f`, `none`, …
    pub format: String,
    /// `certificate_chain`, `self_signed`, `none` or `invalid`.
    pub trust: String,
    pub chain_length: u64,
    pub detail: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counter {
    pub before: u32,
    pub after: u32,
    /// `increasing`, `always_zero` or `not_increasing`.
    pub verdict: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// `register`, `verify_attestation`, `sign_in`, `verify_signature`, `delete_credential`.
    pub id: String,
    pub name: String,
    pub ok: bool,
    pub ms: u64,
    pub detail: String,
}

impl HealthCheck {
    pub fn step_names(&self) -> Vec<&str> {
        self.steps.iter().map(|s| s.name.as_str()).collect()
    }

    pub fn step_ids(&self) -> Vec<&str> {
        self.steps.iter().map(|s| s.id.as_str()).collect()
    }
}

// --- make-credential and get-assertion -----------------------------------------------------------

/// `fidoctl make-credential --json`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MadeCredential {
    pub schema_version: u32,
    pub device: Device,
    pub rp_id: String,
    pub credential_id: String,
    pub user_id: String,
    pub aaguid: String,
    pub algorithm: AlgorithmRef,
    pub public_key_cose: String,
    pub public_key_pem: String,
    pub client_data_hash: String,
    pub attestation_format: String,
    pub attestation: Attestation,
    pub attestation_object: String,
    pub authenticator_data: String,
    pub sign_count: u32,
    pub user_verified: bool,
    pub resident: bool,
    /// With --cred-blob only.
    #[serde(default)]
    pub cred_blob_stored: Option<bool>,
    /// With --large-blob-key only.
    #[serde(default)]
    pub large_blob_key: Option<bool>,
}

/// `fidoctl get-assertion --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assertions {
    pub schema_version: u32,
    pub device: Device,
    pub rp_id: String,
    pub client_data_hash: String,
    pub assertions: Vec<AssertionEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssertionEntry {
    pub credential_id: String,
    pub authenticator_data: String,
    pub signature: String,
    pub sign_count: u32,
    pub user_verified: bool,
    /// Only for a discoverable credential.
    #[serde(deserialize_with = "present")]
    pub user_id: Option<String>,
    #[serde(deserialize_with = "present")]
    pub user_name: Option<String>,
    /// With --cred-blob only (base64url).
    #[serde(default)]
    pub cred_blob: Option<String>,
}

// --- audit ---------------------------------------------------------------------------------------

/// `fidoctl audit --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditDocument {
    pub schema_version: u32,
    /// The policy file's path, or [`super::audit::DEFAULT_POLICY`].
    pub policy: String,
    /// `null` without `--mds`.
    #[serde(deserialize_with = "present")]
    pub metadata: Option<MetadataSummary>,
    pub keys: Vec<KeyAudit>,
    pub summary: Summary,
}

#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MetadataSummary {
    pub no: u64,
    pub next_update: String,
    pub entries: usize,
}

#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// JSON `total` (`keys` is the list of keys).
    #[serde(rename = "total")]
    pub keys: usize,
    pub passed: usize,
    pub failed: usize,
    pub unknown: usize,
    pub unreadable: usize,
    pub exit_code: i32,
    pub max_in_flight: usize,
}

/// A key's overall result.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum KeyResult {
    Pass,
    Fail,
    Unknown,
    /// The key could not be read.
    Error,
}

/// One rule's result.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Pass,
    Fail,
    Unknown,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyAudit {
    pub device: Device,
    /// `null` when the key could not be read.
    #[serde(deserialize_with = "present")]
    pub facts: Option<Facts>,
    pub verdicts: Vec<VerdictDoc>,
    pub result: KeyResult,
    /// Only on a key that could not be read.
    #[serde(default)]
    pub error: Option<ReadError>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerdictDoc {
    pub rule: String,
    pub result: Outcome,
    pub reason: String,
}

/// Everything the audit read from one key (every field always printed).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    #[serde(deserialize_with = "present")]
    pub path: Option<String>,
    #[serde(deserialize_with = "present")]
    pub vid_pid: Option<String>,
    #[serde(deserialize_with = "present")]
    pub product: Option<String>,
    pub u2f_only: bool,
    #[serde(deserialize_with = "present")]
    pub aaguid: Option<String>,
    #[serde(deserialize_with = "present")]
    pub model: Option<String>,
    /// "mds" or "aaguid_table".
    #[serde(deserialize_with = "present")]
    pub model_source: Option<String>,
    pub versions: Vec<String>,
    #[serde(deserialize_with = "present")]
    pub firmware_version: Option<u32>,
    #[serde(deserialize_with = "present")]
    pub firmware_version_text: Option<String>,
    /// "getinfo" or "ctaphid_init".
    #[serde(deserialize_with = "present")]
    pub firmware_source: Option<String>,
    #[serde(deserialize_with = "present")]
    pub pin_supported: Option<bool>,
    #[serde(deserialize_with = "present")]
    pub pin_set: Option<bool>,
    #[serde(deserialize_with = "present")]
    pub pin_retries: Option<u32>,
    pub assumed_max_pin_retries: u32,
    #[serde(deserialize_with = "present")]
    pub pin_blocked: Option<bool>,
    #[serde(deserialize_with = "present")]
    pub power_cycle_required: Option<bool>,
    #[serde(deserialize_with = "present")]
    pub uv_retries: Option<u32>,
    #[serde(deserialize_with = "present")]
    pub uv_blocked: Option<bool>,
    #[serde(deserialize_with = "present")]
    pub min_pin_length: Option<u32>,
    #[serde(deserialize_with = "present")]
    pub force_pin_change: Option<bool>,
    #[serde(deserialize_with = "present")]
    pub always_uv: Option<bool>,
    #[serde(deserialize_with = "present")]
    pub enterprise_attestation: Option<bool>,
    #[serde(deserialize_with = "present")]
    pub remaining_discoverable_credentials: Option<u32>,
    pub algorithms: Vec<AlgorithmRef>,
    pub pin_protocols: Vec<u32>,
    #[serde(deserialize_with = "present")]
    pub certification_level: Option<String>,
    pub status_reports: Vec<StatusDoc>,
    /// What a stored CTAP 2.2 read-only token showed (null without a matching token).
    #[serde(deserialize_with = "present")]
    pub read_only: Option<ReadOnlyFactsDoc>,
    /// The path of a stored token that stopped working (PIN changed, key reset).
    #[serde(deserialize_with = "present")]
    pub read_only_token_ended: Option<String>,
}

#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ReadOnlyFactsDoc {
    pub token_file: String,
    pub token_created: String,
    pub identifier: String,
    #[serde(deserialize_with = "present")]
    pub credentials_per_rp: Option<std::collections::BTreeMap<String, u32>>,
    #[serde(deserialize_with = "present")]
    pub discoverable_credentials: Option<u32>,
    #[serde(deserialize_with = "present")]
    pub cred_store_changed: Option<bool>,
}

/// A metadata status report as the facts show it (dates and versions only when the BLOB had them).
#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct StatusDoc {
    pub status: String,
    #[serde(default)]
    pub effective_date: Option<String>,
    #[serde(default)]
    pub authenticator_version: Option<u32>,
}

impl AuditDocument {
    /// The entry for `device`, which must be there exactly once.
    #[track_caller]
    pub fn key(&self, device: &str) -> &KeyAudit {
        let found: Vec<&KeyAudit> = self.keys.iter().filter(|k| k.device.path == device).collect();
        assert_eq!(found.len(), 1, "{device} is not in the report exactly once: {:#?}", self.keys);
        found[0]
    }

    pub fn devices(&self) -> Vec<&str> {
        self.keys.iter().map(|k| k.device.path.as_str()).collect()
    }
}

impl KeyAudit {
    /// The facts of a key that was read.
    #[track_caller]
    pub fn facts(&self) -> &Facts {
        self.facts.as_ref().unwrap_or_else(|| panic!("{} has no facts: {:?}", self.device, self.error))
    }

    /// Fail unless the verdicts are exactly these rules with these results, in this order.
    #[track_caller]
    pub fn expect_verdicts(&self, want: &[(&str, Outcome)]) -> &Self {
        let got: Vec<(&str, Outcome)> = self.verdicts.iter().map(|v| (v.rule.as_str(), v.result)).collect();
        assert_eq!(got, want, "verdicts of {}:\n{:#?}", self.device, self.verdicts);
        self
    }

    /// The verdict for `rule`, which must be there.
    #[track_caller]
    pub fn verdict(&self, rule: &str) -> &VerdictDoc {
        self.verdicts
            .iter()
            .find(|v| v.rule == rule)
            .unwrap_or_else(|| panic!("{} has no {rule} verdict: {:#?}", self.device, self.verdicts))
    }

    /// The reason given for `rule`.
    #[track_caller]
    pub fn reason(&self, rule: &str) -> &str {
        &self.verdict(rule).reason
    }
}

// --- virtual -------------------------------------------------------------------------------------

/// `fidoctl virtual create FILE --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Created {
    pub schema_version: u32,
    pub file: String,
    pub device: Device,
    pub profile: String,
    pub aaguid: String,
}

/// `fidoctl virtual replug FILE --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Replugged {
    pub schema_version: u32,
    pub file: String,
    pub replugged: bool,
}
