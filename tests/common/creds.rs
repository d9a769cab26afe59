//! Discoverable credentials: a virtual key with a PIN, credentials made on it with
//! `make-credential --resident`, the `creds` JSON documents (strict), a CSV reader, and
//! credentials with chosen ids written into the virtual key's state file.
//!
//! Reached as `common::creds` after `mod common;`.

use super::cli::{fidoctl, run_cmd, Run, TempKeys, VirtualKeyFile};
use super::schema::present;
use base64::Engine;
use serde::Deserialize;

/// The PIN every key here gets (never on the command line: FIDOCTL_PIN / FIDOCTL_NEW_PIN).
pub const PIN: &str = "271828";

pub fn b64url(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[track_caller]
pub fn from_b64url(text: &str) -> Vec<u8> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .unwrap_or_else(|e| panic!("{text:?} is not base64url without padding: {e}"))
}

/// `fidoctl -d KEY ARGS...` with FIDOCTL_PIN set (clean environment otherwise).
pub fn run_with_pin(key: &VirtualKeyFile, args: &[&str]) -> Run {
    let mut cmd = fidoctl();
    cmd.env("FIDOCTL_PIN", PIN).arg("-d").arg(key.selector()).args(args);
    run_cmd(&mut cmd)
}

/// A fresh virtual key (`create_args` for `virtual create`) whose PIN is [`PIN`].
#[track_caller]
pub fn key_with_pin(keys: &TempKeys, name: &str, create_args: &[&str]) -> VirtualKeyFile {
    let key = keys.create(name, create_args);
    let mut cmd = fidoctl();
    cmd.env("FIDOCTL_NEW_PIN", PIN).arg("-d").arg(key.selector()).args(["pin", "set"]);
    run_cmd(&mut cmd).success();
    key
}

/// The part of `make-credential --json` these tests read (that document is another test
/// file's to pin field by field, so unknown fields are allowed here).
#[derive(Debug, Clone, Deserialize)]
pub struct MadeCredential {
    pub schema_version: u32,
    pub device: String,
    pub rp_id: String,
    pub credential_id: String,
    pub user_id: String,
    pub algorithm: String,
    pub resident: bool,
}

/// `make-credential --rp RP --user-name USER --display-name DISPLAY --resident --json`
/// with the PIN (a key with a PIN needs it for a discoverable credential).
#[track_caller]
pub fn make_resident(key: &VirtualKeyFile, rp: &str, user: &str, display: &str) -> MadeCredential {
    let out = run_with_pin(
        key,
        &["make-credential", "--rp", rp, "--user-name", user, "--display-name", display, "--resident", "--json"],
    );
    out.success();
    let made: MadeCredential = out.json();
    assert_eq!(made.schema_version, 1);
    assert_eq!(made.rp_id, rp);
    assert!(made.resident, "asked for a discoverable credential\n{}", out.describe());
    made
}

// --- the documents ------------------------------------------------------------------------

/// `fidoctl creds list --json`
#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CredentialList {
    pub schema_version: u32,
    pub device: String,
    /// Discoverable credentials on the key (the whole key, also with `--rp`).
    pub existing: u64,
    /// Room for this many more.
    pub remaining: u64,
    pub rps: Vec<RpCredentials>,
}

#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RpCredentials {
    pub rp_id: String,
    #[serde(deserialize_with = "present")]
    pub rp_name: Option<String>,
    pub credentials: Vec<ListedCredential>,
}

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
    pub algorithm: Option<String>,
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
    pub device: String,
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
    pub device: String,
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

/// `creds list --json` (plus `extra`, e.g. `["--rp", "a.example"]`), which must succeed.
#[track_caller]
pub fn list(key: &VirtualKeyFile, extra: &[&str]) -> CredentialList {
    let mut args = vec!["creds", "list", "--json"];
    args.extend_from_slice(extra);
    let out = run_with_pin(key, &args);
    out.success();
    let doc: CredentialList = out.json();
    assert_eq!(doc.schema_version, 1);
    assert_eq!(doc.device, key.selector());
    doc
}

// --- CSV ------------------------------------------------------------------------------------

/// RFC 4180 records: fields split on commas, `"…"` quoting with `""` for a quote, CRLF or LF
/// line ends. Strict: a quote inside an unquoted field, or an unterminated quote, is an error.
pub fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => {
                    quoted = false;
                    if !matches!(chars.peek(), None | Some(',' | '\n' | '\r')) {
                        return Err(format!("text after a closing quote in record {}", records.len() + 1));
                    }
                }
                other => field.push(other),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            '"' => return Err(format!("a quote inside an unquoted field in record {}", records.len() + 1)),
            ',' => {
                record.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                at_field_start = true;
            }
            other => {
                field.push(other);
                at_field_start = false;
            }
        }
    }
    if quoted {
        return Err("an unterminated quoted field".into());
    }
    if !field.is_empty() || !record.is_empty() {
        return Err("the last record has no line end".into());
    }
    Ok(records)
}

// --- the virtual key's state file -------------------------------------------------------------

/// Add a discoverable credential with the id `id` to a virtual key by editing its state file
/// (no fidoctl may have the key open). No command can choose a credential's id, and the
/// tests of exact-id deletion need ids with a given relation to each other (a prefix of
/// another, the other reading of the same text): so the new entry is a copy of the stored
/// credential `template` (its valid private key included; two credentials sharing a key
/// pair are still two credentials to credential management), with the new id, a new user
/// and the next creation number. The fields are those of src/virtual_key/state.rs
/// `StoredCredential`; ids and user ids are stored as hex.
#[track_caller]
pub fn add_credential_with_id(key: &VirtualKeyFile, template: &str, id: &[u8], user_name: &str, user_id: &[u8]) {
    let mut state = key.state();
    let template_hex = hex::encode(from_b64url(template));
    let credentials = state["credentials"].as_array().expect("credentials in the state file").clone();
    let mut copy = credentials
        .iter()
        .find(|c| c["id"] == template_hex.as_str())
        .unwrap_or_else(|| panic!("no stored credential {template} ({template_hex}) in {}", key.path.display()))
        .clone();
    assert!(
        !credentials.iter().any(|c| c["id"] == hex::encode(id).as_str()),
        "the key already has a credential {}",
        hex::encode(id)
    );
    let sequence = state["next_credential_sequence"].as_u64().expect("next_credential_sequence");
    copy["id"] = hex::encode(id).into();
    copy["user_id"] = hex::encode(user_id).into();
    copy["user_name"] = user_name.into();
    copy["user_display_name"] = format!("{user_name} (written into the state file)").into();
    copy["created"] = sequence.into();
    state["next_credential_sequence"] = (sequence + 1).into();
    state["credentials"].as_array_mut().expect("credentials").push(copy);
    let text = serde_json::to_string_pretty(&state).expect("state as JSON");
    std::fs::write(&key.path, text).expect("write the state file");
}
