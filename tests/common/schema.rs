//! Test-side copies of the JSON documents fidoctl prints (DESIGN.md, "Output"), written
//! independently of src/output so a renamed, missing or extra field fails a test.
//!
//! The rules:
//! - `deny_unknown_fields` on everything fidoctl's own code shapes (the top level, `device`,
//!   `ctaphid`, `pin`, errors, command results): a field added there must be added here, on
//!   purpose, within the schema version.
//! - Fields fidoctl always prints, even as `null`, are *required* here ([`present`]); only
//!   fields documented as optional (`error` on a list entry) may be missing.
//! - `info` (the decoded getInfo) is different: which of its ~30 fields appear depends on the
//!   key, and a newer key may send more. [`GetInfo`] types the fields the tests check and keeps
//!   the rest in a map, but decoding still fails on a name that is not one of the getInfo
//!   fields fidoctl knows (the CTAP 2.2 list in [`OTHER_GET_INFO_FIELDS`]): that catches a
//!   misspelled or camelCase name, the point of `deny_unknown_fields`, without making every
//!   test list every optional field.

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

/// `fidoctl list --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceList {
    pub schema_version: u32,
    pub devices: Vec<DeviceEntry>,
}

/// One key in `list`, and the `device` part of `info`.
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
    pub device: DeviceEntry,
    pub ctaphid: Ctaphid,
    /// `null` for a U2F-only key.
    #[serde(deserialize_with = "present")]
    pub info: Option<GetInfo>,
    /// `null` for a U2F-only key.
    #[serde(deserialize_with = "present")]
    pub pin: Option<PinState>,
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
    pub supported: bool,
    pub set: bool,
    #[serde(deserialize_with = "present")]
    pub retries: Option<u64>,
    pub blocked: bool,
    #[serde(deserialize_with = "present")]
    pub power_cycle_required: Option<bool>,
    #[serde(deserialize_with = "present")]
    pub uv_retries: Option<u64>,
    #[serde(deserialize_with = "present")]
    pub min_length: Option<u64>,
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

/// `fidoctl virtual create FILE --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Created {
    pub schema_version: u32,
    pub file: String,
    pub device: String,
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

/// `fidoctl wink --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Winked {
    pub schema_version: u32,
    pub device: String,
    pub winked: bool,
}

/// `fidoctl select --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selected {
    pub schema_version: u32,
    pub device: String,
}
