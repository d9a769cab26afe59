//! One journal record: who changed which key, how, when, and what came of it.
//!
//! Every field is typed. There is no free-form byte field, so a PIN, a PIN token, a
//! key-agreement secret, a private key or large-blob content has nowhere to go: byte values
//! are only credential ids ([`CredentialId`], public by nature), and argument names are
//! `&'static str` chosen in code, never taken from input.
//!
//! Reading is lenient (unknown fields are ignored) because fields are only ever added.

use serde::{Deserialize, Serialize, Serializer};
use sha2::{Digest, Sha256};

/// `prev` of the first record of a journal: 64 zeros.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// SHA-256 of one record's line (without its newline), in lower-case hex: the next record's `prev`.
pub fn line_hash(line: &[u8]) -> String {
    hex::encode(Sha256::digest(line))
}

/// A record as it is written: one JSON object on one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// 1 for the first record of a journal, then +1 per record. 0 only in a syslog message of
    /// a record the local journal could not take (it is in no chain).
    pub seq: u64,
    /// [`line_hash`] of the previous record's line; [`GENESIS`] for the first.
    pub prev: String,
    /// UTC, RFC 3339, to the second.
    pub time: String,
    pub host: String,
    pub user: User,
    /// The fidoctl version that wrote the record.
    pub fidoctl: String,
    /// The command as typed, without options: `creds delete`, `reset`.
    pub command: String,
    /// The command's non-secret arguments (PINs are never arguments).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<Arg>,
    pub device: Device,
    pub change: Change,
    pub outcome: Outcome,
}

/// The operating-system account that ran fidoctl.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub uid: u32,
    /// From the password database; `None` when the uid has no entry.
    pub name: Option<String>,
    /// For root: the account that ran sudo (SUDO_USER), as sudo reported it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sudo_user: Option<String>,
}

/// One named argument. The name is fixed in code (`'static`), so input never chooses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Arg {
    pub name: ArgName,
    pub value: ArgValue,
}

/// An argument name: written from a `&'static str`, read back as a string.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "String")]
pub struct ArgName(std::borrow::Cow<'static, str>);

impl Serialize for ArgName {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl From<String> for ArgName {
    fn from(s: String) -> ArgName {
        ArgName(s.into())
    }
}

impl ArgName {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ArgValue {
    Flag(bool),
    Number(u64),
    Text(String),
    List(Vec<String>),
}

impl Arg {
    pub fn flag(name: &'static str, on: bool) -> Arg {
        Arg { name: ArgName(name.into()), value: ArgValue::Flag(on) }
    }
    pub fn number(name: &'static str, n: u64) -> Arg {
        Arg { name: ArgName(name.into()), value: ArgValue::Number(n) }
    }
    pub fn text(name: &'static str, s: impl Into<String>) -> Arg {
        Arg { name: ArgName(name.into()), value: ArgValue::Text(s.into()) }
    }
    pub fn list(name: &'static str, items: impl IntoIterator<Item = impl Into<String>>) -> Arg {
        Arg { name: ArgName(name.into()), value: ArgValue::List(items.into_iter().map(Into::into).collect()) }
    }
}

/// The key that was changed, as far as fidoctl knew it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Device {
    /// As `--device` takes it: `/dev/hidraw3`, `unix:/run/k.sock`, `virtual:key.json`.
    pub path: String,
    /// `1050:0407` when the USB descriptors were read.
    pub vid_pid: Option<String>,
    /// Canonical UUID form, when getInfo was read.
    pub aaguid: Option<String>,
    /// The model name from the AAGUID table, when known.
    pub model: Option<String>,
    /// The key's own stable identifier, where one is known (e.g. a CTAP 2.2 encIdentifier
    /// decrypted with a persistent token).
    pub identifier: Option<String>,
}

/// A credential id: public (sites store it in the clear), written base64url without padding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialId(pub Vec<u8>);

impl Serialize for CredentialId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use base64::Engine;
        s.serialize_str(&base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for CredentialId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use base64::Engine;
        let s = String::deserialize(d)?;
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(s.as_bytes())
            .map(CredentialId)
            .map_err(|_| serde::de::Error::custom("credential_id is not base64url"))
    }
}

impl CredentialId {
    pub fn b64url(&self) -> String {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&self.0)
    }
}

/// What was changed (or was about to be, for a refused or failed change).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// A first PIN on a key that had none.
    PinSet,
    PinChanged,
    MinPinLength {
        length: u64,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        rp_ids: Vec<String>,
        force_change: bool,
    },
    ForcePinChange,
    CredentialDeleted {
        rp_id: String,
        user_name: Option<String>,
        credential_id: CredentialId,
    },
    CredentialUpdated {
        rp_id: String,
        credential_id: CredentialId,
        /// The names after the update.
        user_name: Option<String>,
        display_name: Option<String>,
    },
    /// A setting that only a reset undoes.
    Setting {
        setting: Setting,
    },
    Reset {
        /// The number of discoverable credentials destroyed, when the PIN was given to count them.
        credential_count: Option<u64>,
    },
    /// `fidoctl test --resident`: a discoverable credential made and deleted again.
    TestCredential {
        rp_id: String,
        credential_id: Option<CredentialId>,
        deleted: bool,
    },
    /// `blobs set`: a credential's large blob written, replacing what it had (its size only;
    /// the content never goes into the journal).
    LargeBlobSet {
        rp_id: String,
        user_name: Option<String>,
        credential_id: CredentialId,
        size: u64,
    },
    /// `blobs delete`, or `creds delete` removing the deleted credential's blob.
    LargeBlobDeleted {
        rp_id: String,
        user_name: Option<String>,
        credential_id: CredentialId,
    },
    /// `blobs clear`: the orphaned entries, or the whole large-blob storage, removed.
    LargeBlobsCleared {
        /// `orphans` or `all`.
        scope: String,
        /// Entries removed (0 when the storage was damaged and could not be counted).
        entries: u64,
        /// The storage failed its check value before it was cleared.
        damaged: bool,
    },
    /// A fingerprint enrolled (`bio enroll`), by template id (hex).
    FingerprintEnrolled {
        template_id: String,
        name: Option<String>,
    },
    FingerprintRenamed {
        template_id: String,
        name: String,
    },
    FingerprintDeleted {
        template_id: String,
        name: Option<String>,
    },
    /// `fidoctl enroll`: the enrolment record. Each step that changed the key also has its
    /// own record just before this one.
    Enrollment {
        /// `--for NAME`: whom the key is for.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        enrolled_for: Option<String>,
        /// The firmware version as the audit reads it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        firmware: Option<String>,
        steps: Vec<EnrollmentStep>,
    },
}

/// One step of an enrolment and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollmentStep {
    /// `pin`, `min_pin_length`, `always_uv`, `enterprise_attestation`, `force_pin_change`.
    pub step: String,
    /// `applied`, `already`, `unsupported`, `failed`, `not_reached`.
    pub status: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "name", content = "value", rename_all = "snake_case")]
pub enum Setting {
    AlwaysUv(bool),
    EnterpriseAttestation(bool),
}

/// What came of the change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum Outcome {
    /// The key confirmed the change.
    Done,
    /// The key answered with a CTAP error status: nothing was changed.
    Refused {
        /// The specification's name, e.g. `CTAP2_ERR_PIN_INVALID`.
        status: String,
        /// fidoctl's error code for it (as in the JSON error document).
        code: String,
    },
    /// fidoctl stopped before or without the key's answer being a change (its error code).
    Failed { code: String, exit_code: u8 },
    /// The key stopped answering (unplugged, timed out, garbled) after the request was sent:
    /// nobody knows whether the change was applied.
    Unknown { code: String, note: String },
}

impl Outcome {
    pub const UNKNOWN_NOTE: &'static str =
        "the key stopped answering while the change was under way; it may or may not have been applied";

    /// The word for the text view and for `result`.
    pub fn word(&self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::Refused { .. } => "refused",
            Outcome::Failed { .. } => "failed",
            Outcome::Unknown { .. } => "unknown",
        }
    }
}

/// What a caller supplies; the journal adds time, host, user, version, `seq` and `prev`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub command: &'static str,
    pub args: Vec<Arg>,
    pub device: Device,
    pub change: Change,
    pub outcome: Outcome,
}

/// What the chain needs of a line: its number and its link. Read on its own, so a record of a
/// later fidoctl (fields are only ever added) still verifies.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Link {
    pub seq: u64,
    pub prev: String,
}

impl Link {
    pub fn from_line(line: &[u8]) -> Option<Link> {
        serde_json::from_slice(line).ok()
    }
}

impl Record {
    /// The record's line, without the newline.
    pub fn to_line(&self) -> String {
        // A struct of strings, numbers and enums always serializes.
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_line(line: &str) -> Result<Record, serde_json::Error> {
        serde_json::from_str(line)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn sample() -> Record {
        Record {
            seq: 1,
            prev: GENESIS.to_string(),
            time: "2026-12-03T08:00:00Z".into(),
            host: "desk".into(),
            user: User { uid: 1000, name: Some("helpdesk".into()), sudo_user: None },
            fidoctl: "0.1.0".into(),
            command: "creds delete".into(),
            args: vec![Arg::text("credential_id", "AAEC"), Arg::flag("yes", true)],
            device: Device {
                path: "virtual:key.json".into(),
                vid_pid: None,
                aaguid: Some("6f1d0c7a-5e1b-4c3e-9a7d-0f1d0c7a11e5".into()),
                model: Some("fidoctl virtual key".into()),
                identifier: None,
            },
            change: Change::CredentialDeleted {
                rp_id: "example.com".into(),
                user_name: Some("alice".into()),
                credential_id: CredentialId(vec![0, 1, 2]),
            },
            outcome: Outcome::Refused { status: "CTAP2_ERR_PIN_INVALID".into(), code: "pin_invalid".into() },
        }
    }

    #[test]
    fn a_record_reads_back_as_written() {
        let r = sample();
        let line = r.to_line();
        assert!(!line.contains('\n'));
        assert_eq!(Record::from_line(&line).unwrap(), r);
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["change"]["kind"], "credential_deleted");
        assert_eq!(v["change"]["credential_id"], "AAEC");
        assert_eq!(v["outcome"]["result"], "refused");
        assert_eq!(v["args"][0], serde_json::json!({"name": "credential_id", "value": "AAEC"}));
    }

    #[test]
    fn settings_and_outcomes_have_stable_shapes() {
        let c = serde_json::to_value(Change::Setting { setting: Setting::AlwaysUv(true) }).unwrap();
        assert_eq!(c, serde_json::json!({"kind": "setting", "setting": {"name": "always_uv", "value": true}}));
        let o = serde_json::to_value(Outcome::Done).unwrap();
        assert_eq!(o, serde_json::json!({"result": "done"}));
    }

    #[test]
    fn the_hash_is_sha256_of_the_line() {
        // SHA-256("abc"), FIPS 180-2 appendix B.1.
        assert_eq!(line_hash(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
