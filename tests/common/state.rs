//! The state file of a virtual key (src/virtual_key/state.rs): the few facts tests read from
//! it directly (what is stored, the test CA) and the few edits no command can make (a chosen
//! credential id, an earlier power-up). Its layout belongs to the virtual key; no fidoctl may
//! have the key open while a test edits it.

use super::cli::VirtualKeyFile;
use super::schema::from_b64url;
use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

/// One credential in the state file (ids and user ids are hex there).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct StoredCredential {
    pub id: String,
    pub rp_id: String,
    pub discoverable: bool,
    pub user_name: Option<String>,
    pub user_display_name: Option<String>,
}

/// Every credential the key stores, discoverable or not, in the order of the state file.
#[track_caller]
pub fn stored_credentials(key: &VirtualKeyFile) -> Vec<StoredCredential> {
    let text = |c: &Value, name: &str| c[name].as_str().map(str::to_string);
    key.state()["credentials"]
        .as_array()
        .expect("a credentials list in the state file")
        .iter()
        .map(|c| StoredCredential {
            id: text(c, "id").expect("id"),
            rp_id: text(c, "rp_id").expect("rp_id"),
            discoverable: c["discoverable"].as_bool().expect("discoverable"),
            user_name: text(c, "user_name"),
            user_display_name: text(c, "user_display_name"),
        })
        .collect()
}

/// The per-key test CA that signs the attestation certificates (DER), from the state file
/// (also of a served key, hence a path).
#[track_caller]
pub fn attestation_ca(key_file: &Path) -> Vec<u8> {
    let text = std::fs::read_to_string(key_file).expect("read state file");
    let state: Value = serde_json::from_str(&text).expect("state file is JSON");
    hex::decode(state["attestation"]["ca_cert"].as_str().expect("attestation.ca_cert in the state file"))
        .expect("the CA certificate is hex")
}

/// The state file without its volatile part (`power`: power-up time, tokens, key
/// agreement), which a run that only asks for a PIN token or re-plugs the key may change.
/// Whatever a reset or a setting would change (PIN, retries, credentials, minimum PIN
/// length, always-UV, enterprise attestation, forced change) is in here.
#[track_caller]
pub fn durable_state(key: &VirtualKeyFile) -> Value {
    let mut state = key.state();
    let object = state.as_object_mut().expect("the state file is a JSON object");
    assert!(object.remove("power").is_some(), "no `power` in the state file: {object:?}");
    state
}

/// Move the key's power-up time `by` into the past, as if it had been plugged in that long
/// ago (the reset window is the first 10 s after power-up).
#[track_caller]
pub fn rewind_power_up(key: &VirtualKeyFile, by: Duration) {
    let mut state = key.state();
    let at = &mut state["power"]["powered_up_at_ms"];
    let ms = at.as_u64().expect("power.powered_up_at_ms in the state file");
    *at = Value::from(ms - u64::try_from(by.as_millis()).unwrap());
    // Rewritten in place, so the file keeps its mode (0600).
    let mut file = std::fs::OpenOptions::new().write(true).truncate(true).open(&key.path).expect("open state file");
    file.write_all(serde_json::to_string_pretty(&state).unwrap().as_bytes()).expect("write state file");
}

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
