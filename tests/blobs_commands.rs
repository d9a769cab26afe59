//! `fidoctl blobs`, `make-credential --cred-blob/--large-blob-key`, `get-assertion --cred-blob`,
//! `info` and `creds delete` through the binary, on fresh virtual keys: what one credential
//! stores reads back byte for byte and for no other credential, delete and clear take only
//! what they say, orphans are listed, damaged storage is reported and only `clear --all`
//! replaces it, and every change is confirmed and journaled.

mod common;

use common::cli::{error_doc, text_field, TempKeys, VirtualKeyFile};
use common::terminal::Terminal;
use fidoctl::client::cred_mgmt::{flavor, CredentialManager};
use fidoctl::client::ctaphid::Channel;
use fidoctl::client::large_blobs::Limits;
use fidoctl::client::pin::{get_token, start_session};
use fidoctl::client::Authenticator;
use fidoctl::proto::ctap2::client_pin::permission;
use fidoctl::transport::in_process::InProcessDevice;
use fidoctl::transport::{Backend, DeviceDescription};
use fidoctl::virtual_key::state::StateFile;
use serde_json::Value;
use std::path::Path;

const PIN: &str = "271828";
const RP: &str = "ssh:admins";

/// A key with a PIN and one discoverable credential per user, each with a largeBlobKey.
fn key_with(keys: &TempKeys, users: &[&str]) -> (VirtualKeyFile, Vec<String>) {
    let key = keys.create_with_pin("key.json", &[], PIN);
    let ids = users.iter().map(|u| register(&key, u)).collect();
    (key, ids)
}

fn register(key: &VirtualKeyFile, user: &str) -> String {
    let made = key.run_with_pin(
        PIN,
        &["make-credential", "--rp", RP, "--user-name", user, "--resident", "--large-blob-key", "--json"],
    );
    let v = made.value();
    assert_eq!(v["large_blob_key"], true, "{}", made.describe());
    v["credential_id"].as_str().expect("credential_id").to_string()
}

/// Deterministic, incompressible bytes.
fn noise(len: usize, seed: u32) -> Vec<u8> {
    let mut state = seed | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state as u8
        })
        .collect()
}

fn write(dir: &Path, name: &str, data: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, data).unwrap();
    path.to_str().unwrap().to_string()
}

fn set(key: &VirtualKeyFile, id: &str, file: &str) -> common::cli::Run {
    key.run_with_pin(PIN, &["--yes", "blobs", "set", "--cred", id, file])
}

/// `blobs get` into a file; the bytes, or the failed run.
fn get(key: &VirtualKeyFile, dir: &Path, id: &str) -> Result<Vec<u8>, common::cli::Run> {
    let out = dir.join("out.bin");
    let _ = std::fs::remove_file(&out);
    let run = key.run_with_pin(PIN, &["blobs", "get", "--cred", id, "-o", out.to_str().unwrap(), "--json"]);
    if run.code == Some(0) {
        Ok(std::fs::read(&out).unwrap())
    } else {
        Err(run)
    }
}

fn list(key: &VirtualKeyFile) -> Value {
    let run = key.run_with_pin(PIN, &["blobs", "list", "--json"]);
    run.success();
    run.value()
}

/// (owner credential id or None for an orphan, size) per entry.
fn owners(key: &VirtualKeyFile) -> Vec<(Option<String>, Option<u64>)> {
    list(key)["blobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["owner"]["credential_id"].as_str().map(String::from), b["size"].as_u64()))
        .collect()
}

fn journal(key: &VirtualKeyFile) -> Vec<Value> {
    std::fs::read_to_string(key.journal())
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn open(key: &VirtualKeyFile) -> Authenticator {
    let channel = Channel::open(Box::new(InProcessDevice::open(&key.path).unwrap())).unwrap();
    Authenticator::new(channel, DeviceDescription::new(key.selector(), Backend::Virtual))
}

/// Delete a credential with credential management alone (as another tool would), leaving its
/// blob behind as an orphan.
fn delete_credential_only(key: &VirtualKeyFile, id: &str) {
    use base64::Engine;
    let id = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(id).unwrap();
    let mut auth = open(key);
    let session = start_session(&mut auth).unwrap();
    let token = get_token(&mut auth, &session, PIN.as_bytes(), permission::CREDENTIAL_MANAGEMENT, None).unwrap();
    let f = flavor(&mut auth).unwrap().unwrap();
    CredentialManager::new(&mut auth, &token, f).delete(&id).unwrap();
}

#[test]
fn a_blob_reads_back_byte_identical_and_for_no_other_credential() {
    let keys = TempKeys::new();
    let (key, ids) = key_with(&keys, &["alice", "bob"]);
    let data = noise(2500, 7);
    let file = write(keys.dir(), "cert.bin", &data);
    let run = set(&key, &ids[0], &file);
    run.success().stdout_has(&format!("Stored 2500 bytes as the large blob of credential {}", ids[0]));
    assert_eq!(get(&key, keys.dir(), &ids[0]).unwrap(), data);
    // Bob's largeBlobKey opens nothing.
    let bob = get(&key, keys.dir(), &ids[1]).unwrap_err();
    let e = error_doc(&bob, 1);
    assert_eq!(e.error.code, "large_blob_not_found");
    assert_eq!(e.error.message, format!("Credential {} (bob at {RP}) has no large blob on this key.", ids[1]));
    assert_eq!(owners(&key), vec![(Some(ids[0].clone()), Some(2500))]);
    // Replacing keeps one entry for the credential.
    let file = write(keys.dir(), "new.bin", b"replaced");
    set(&key, &ids[0], &file).success();
    assert_eq!(get(&key, keys.dir(), &ids[0]).unwrap(), b"replaced");
    assert_eq!(owners(&key), vec![(Some(ids[0].clone()), Some(8))]);
    // Text data to standard output (not a terminal here), and base64url in a JSON document.
    key.run_with_pin(PIN, &["blobs", "get", "--cred", &ids[0]]).success().stdout_has("replaced");
    let doc = key.run_with_pin(PIN, &["blobs", "get", "--cred", &ids[0], "--json"]).value();
    assert_eq!(
        (doc["data"].as_str(), doc["size"].as_u64(), doc["file"].is_null()),
        (Some("cmVwbGFjZWQ"), Some(8), true)
    );
    let journaled: Vec<(String, String)> = journal(&key)
        .iter()
        .filter(|r| r["command"] == "blobs set")
        .map(|r| (r["change"]["kind"].as_str().unwrap().into(), r["outcome"]["result"].as_str().unwrap().into()))
        .collect();
    assert_eq!(journaled, vec![("large_blob_set".into(), "done".into()); 2]);
    assert!(journal(&key).iter().any(|r| r["change"]["size"] == 2500));
}

#[test]
fn delete_leaves_the_other_blobs_intact_and_changes_are_confirmed() {
    let keys = TempKeys::new();
    let (key, ids) = key_with(&keys, &["alice", "bob", "carol"]);
    let blobs: Vec<Vec<u8>> = (0..3).map(|i| noise(300 + i * 10, i as u32 + 1)).collect();
    for (id, data) in ids.iter().zip(&blobs) {
        set(&key, id, &write(keys.dir(), "b.bin", data)).success();
    }
    // No terminal and no --yes: refused, nothing changed.
    let refused = key.run_with_pin(PIN, &["blobs", "delete", "--cred", &ids[1], "--json"]);
    assert_eq!(error_doc(&refused, 2).error.code, "confirmation_required");
    let refused = key.run_with_pin(PIN, &["blobs", "set", "--cred", &ids[1], &write(keys.dir(), "x", b"x"), "--json"]);
    assert_eq!(error_doc(&refused, 2).error.code, "confirmation_required");
    assert_eq!(get(&key, keys.dir(), &ids[1]).unwrap(), blobs[1]);

    key.run_with_pin(PIN, &["--yes", "blobs", "delete", "--cred", &ids[1]])
        .success()
        .stdout_has(&format!("Deleted the large blob of credential {}; the other blobs are unchanged.", ids[1]));
    assert_eq!(get(&key, keys.dir(), &ids[0]).unwrap(), blobs[0]);
    assert_eq!(get(&key, keys.dir(), &ids[2]).unwrap(), blobs[2]);
    assert!(get(&key, keys.dir(), &ids[1]).is_err());
    // The credential itself stays.
    let creds = key.run_with_pin(PIN, &["creds", "list", "--json"]).value();
    assert_eq!(creds["rps"][0]["credentials"].as_array().unwrap().len(), 3);
    let again = key.run_with_pin(PIN, &["--yes", "blobs", "delete", "--cred", &ids[1], "--json"]);
    assert_eq!(error_doc(&again, 1).error.code, "large_blob_not_found");
    assert!(journal(&key).iter().any(|r| r["command"] == "blobs delete"
        && r["change"]["kind"] == "large_blob_deleted"
        && r["change"]["credential_id"] == ids[1].as_str()));
}

#[test]
fn orphans_are_listed_and_cleared() {
    let keys = TempKeys::new();
    let (key, ids) = key_with(&keys, &["alice", "bob"]);
    set(&key, &ids[0], &write(keys.dir(), "a", b"alpha")).success();
    set(&key, &ids[1], &write(keys.dir(), "b", b"bravo")).success();
    delete_credential_only(&key, &ids[1]);
    assert_eq!(owners(&key), vec![(Some(ids[0].clone()), Some(5)), (None, Some(5))]);
    let text = key.run_with_pin(PIN, &["blobs", "list"]);
    text.success()
        .stdout_has("1  orphan (no credential on this key owns it)")
        .stdout_has("1 orphaned entry can be removed with `fidoctl blobs clear --orphans`.");

    let refused = key.run_with_pin(PIN, &["blobs", "clear", "--orphans", "--json"]);
    assert_eq!(error_doc(&refused, 2).error.code, "confirmation_required");
    assert_eq!(owners(&key).len(), 2);
    let run = key.run_with_pin(PIN, &["--yes", "blobs", "clear", "--orphans"]);
    run.success()
        .stdout_has("Removed 1 orphaned large blob.")
        .stderr_has("This removes 1 large blob that no credential on this key owns:");
    assert_eq!(owners(&key), vec![(Some(ids[0].clone()), Some(5))]);
    assert_eq!(get(&key, keys.dir(), &ids[0]).unwrap(), b"alpha");
    let none = key.run_with_pin(PIN, &["--yes", "blobs", "clear", "--orphans", "--json"]).value();
    assert_eq!((none["removed"].as_u64(), none["scope"].as_str()), (Some(0), Some("orphans")));
    let records = journal(&key);
    let cleared: Vec<&Value> = records.iter().filter(|r| r["command"] == "blobs clear").collect();
    assert_eq!(cleared.len(), 1, "only the clear that removed something is a change");
    assert_eq!(cleared[0]["change"]["entries"], 1);

    let all = key.run_with_pin(PIN, &["--yes", "blobs", "clear", "--all", "--json"]).value();
    assert_eq!((all["removed"].as_u64(), all["damaged"].as_bool()), (Some(1), Some(false)));
    assert_eq!(owners(&key), vec![]);
}

#[test]
fn creds_delete_removes_the_credentials_blob() {
    let keys = TempKeys::new();
    let (key, ids) = key_with(&keys, &["alice", "bob"]);
    set(&key, &ids[0], &write(keys.dir(), "a", b"alpha")).success();
    set(&key, &ids[1], &write(keys.dir(), "b", b"bravo")).success();
    key.run_with_pin(PIN, &["--yes", "creds", "delete", &ids[0]])
        .success()
        .stdout_has("Its large blob was removed too; the other blobs are unchanged.");
    assert_eq!(owners(&key), vec![(Some(ids[1].clone()), Some(5))]);
    assert!(journal(&key).iter().any(|r| r["command"] == "creds delete"
        && r["change"]["kind"] == "large_blob_deleted"
        && r["change"]["credential_id"] == ids[0].as_str()));
    // A credential without a blob: no word about blobs, one record.
    let third = register(&key, "carol");
    let before = journal(&key).len();
    let run = key.run_with_pin(PIN, &["--yes", "creds", "delete", &third]);
    run.success().never_shows("large blob");
    assert_eq!(journal(&key).len(), before + 1);
    // With a blob: the credential's record and the blob's.
    key.run_with_pin(PIN, &["--yes", "creds", "delete", &ids[1]])
        .success()
        .stdout_has("Its large blob was removed too");
    assert_eq!(journal(&key).len(), before + 3);
    key.run_with_pin(PIN, &["blobs", "list"]).success().stdout_has("0 entries");
}

#[test]
fn a_damaged_storage_is_reported_and_only_clear_all_replaces_it() {
    let keys = TempKeys::new();
    let (key, ids) = key_with(&keys, &["alice"]);
    set(&key, &ids[0], &write(keys.dir(), "a", b"alpha")).success();
    let damaged = {
        let mut file = StateFile::open(&key.path).unwrap();
        let last = file.state.large_blob_array.len() - 1;
        file.state.large_blob_array[last] ^= 0x55;
        file.save().unwrap();
        file.state.large_blob_array.clone()
    };
    let stored = || StateFile::open(&key.path).unwrap().state.large_blob_array.clone();
    let run = key.run_with_pin(PIN, &["blobs", "list", "--json"]);
    let e = error_doc(&run, 1);
    assert_eq!(e.error.code, "large_blobs_damaged");
    assert_eq!(
        e.error.message,
        "The large-blob storage on this key is damaged (the stored array does not match its check value), so no blob on it can be read or changed; fidoctl did not write anything."
    );
    assert_eq!(
        e.error.hint.as_deref(),
        Some("`fidoctl blobs clear --all` replaces it with empty storage: every blob on the key is lost, the credentials stay.")
    );
    let file = write(keys.dir(), "new", b"new");
    for args in [
        vec!["--yes", "blobs", "set", "--cred", &ids[0], &file, "--json"],
        vec!["--yes", "blobs", "delete", "--cred", &ids[0], "--json"],
        vec!["--yes", "blobs", "clear", "--orphans", "--json"],
        vec!["blobs", "get", "--cred", &ids[0], "--json"],
    ] {
        assert_eq!(error_doc(&key.run_with_pin(PIN, &args), 1).error.code, "large_blobs_damaged", "{args:?}");
        assert_eq!(stored(), damaged, "{args:?} wrote over the damaged storage");
    }
    let run = key.run_with_pin(PIN, &["--yes", "blobs", "clear", "--all"]);
    run.success()
        .stdout_has("Replaced the damaged large-blob storage with empty storage.")
        .stderr_has("The large-blob storage on this key is damaged (the stored array does not match its check value).");
    assert_eq!(owners(&key), vec![]);
    let record = journal(&key).into_iter().rfind(|r| r["command"] == "blobs clear").unwrap();
    assert_eq!(
        record["change"],
        serde_json::json!({"kind": "large_blobs_cleared", "scope": "all", "entries": 0, "damaged": true})
    );
}

#[test]
fn creds_delete_stands_when_the_blob_cannot_be_removed() {
    let keys = TempKeys::new();
    let (key, ids) = key_with(&keys, &["alice", "bob"]);
    set(&key, &ids[0], &write(keys.dir(), "a", b"alpha")).success();
    // Damaged storage: the deletion stands, and the way out is clear --all.
    let mut file = StateFile::open(&key.path).unwrap();
    let last = file.state.large_blob_array.len() - 1;
    file.state.large_blob_array[last] ^= 0x55;
    file.save().unwrap();
    drop(file);
    let run = key.run_with_pin(PIN, &["--yes", "creds", "delete", &ids[1]]);
    run.success().stdout_has(&format!("Deleted credential {}", ids[1])).stdout_has(
        "The credential is deleted, but the key's large-blob storage is damaged, so a blob it had could not be removed. Replace the storage with `fidoctl blobs clear --all` (every blob on the key is lost).",
    );
    let left = key.run_with_pin(PIN, &["creds", "list", "--json"]).value();
    assert!(!left.to_string().contains(&ids[1]), "the credential is gone");
}

#[test]
fn zero_byte_and_maximum_size_blobs() {
    let keys = TempKeys::new();
    let (key, ids) = key_with(&keys, &["alice"]);
    set(&key, &ids[0], &write(keys.dir(), "empty", b"")).success();
    assert_eq!(get(&key, keys.dir(), &ids[0]).unwrap(), b"");
    assert_eq!(owners(&key), vec![(Some(ids[0].clone()), Some(0))]);
    let limits = Limits { max_fragment: 1024, capacity: list(&key)["capacity"].as_u64().unwrap() as usize };
    assert_eq!(limits.capacity, 4096);
    let biggest = noise(limits.max_single_entry(), 99);
    set(&key, &ids[0], &write(keys.dir(), "big", &biggest)).success();
    assert_eq!(get(&key, keys.dir(), &ids[0]).unwrap(), biggest);
    let used = list(&key)["used"].as_u64().unwrap();
    assert!((4096 - 32..=4096).contains(&used), "{used}");
    let too_big = noise(limits.max_single_entry() + 200, 98);
    let run = key
        .run_with_pin(PIN, &["--yes", "blobs", "set", "--cred", &ids[0], &write(keys.dir(), "x", &too_big), "--json"]);
    let e = error_doc(&run, 1);
    assert_eq!(e.error.code, "large_blob_too_large");
    assert!(e.error.message.ends_with("but this key stores at most 4096; nothing was changed."), "{}", e.error.message);
    assert_eq!(get(&key, keys.dir(), &ids[0]).unwrap(), biggest, "a refused write leaves the old blob");
    // A file far too large is refused before the key is asked anything.
    let huge = keys.dir().join("huge");
    std::fs::File::create(&huge).unwrap().set_len(17 << 20).unwrap();
    let run = key.run_with_pin(PIN, &["--yes", "blobs", "set", "--cred", &ids[0], huge.to_str().unwrap(), "--json"]);
    assert!(error_doc(&run, 2)
        .error
        .message
        .ends_with("is larger than 16 MiB, far more than a key can store as a large blob."));
}

#[test]
fn get_never_prints_binary_to_a_terminal() {
    let keys = TempKeys::new();
    let (key, ids) = key_with(&keys, &["alice"]);
    set(&key, &ids[0], &write(keys.dir(), "a", &[0, 1, 2, 0x1b, b'[', b'2', b'J'])).success();
    let selector = key.selector();
    let term = Terminal::start(&["-d", &selector, "blobs", "get", "--cred", &ids[0]], &[("FIDOCTL_PIN", PIN)]);
    let (code, shown) = term.finish();
    assert_eq!(code, Some(2), "{shown}");
    assert!(shown.contains("A large blob is binary data, and fidoctl does not print it to a terminal."), "{shown}");
    let term =
        Terminal::start(&["-d", &selector, "blobs", "get", "--cred", &ids[0], "-o", "-"], &[("FIDOCTL_PIN", PIN)]);
    assert_eq!(term.finish().0, Some(2));
}

#[test]
fn a_credential_without_a_large_blob_key_cannot_have_a_blob() {
    let keys = TempKeys::new();
    let key = keys.create_with_pin("key.json", &[], PIN);
    let made = key.run_with_pin(PIN, &["make-credential", "--rp", RP, "--resident", "--json"]).value();
    let id = made["credential_id"].as_str().unwrap();
    assert!(made.get("large_blob_key").is_none());
    let run = key.run_with_pin(PIN, &["--yes", "blobs", "set", "--cred", id, &write(keys.dir(), "a", b"a"), "--json"]);
    assert_eq!(error_doc(&run, 1).error.code, "no_large_blob_key");
    let plain = keys.create("old.json", &["--profile", "ctap2.0"]);
    let e = error_doc(&plain.run(&["blobs", "list", "--json"]), 1);
    assert_eq!(
        (e.error.code.as_str(), e.error.message.as_str()),
        ("large_blobs_unsupported", "This key has no large-blob storage.")
    );
}

#[test]
fn cred_blob_round_trip_and_its_limit() {
    let keys = TempKeys::new();
    let key = keys.create_with_pin("key.json", &[], PIN);
    let blob = "00112233445566778899aabbccddeeff0123456789abcdef0011223344556677";
    let made = key.run_with_pin(PIN, &["make-credential", "--rp", RP, "--resident", "--cred-blob", blob, "--json"]);
    let v = made.value();
    assert_eq!(v["cred_blob_stored"], true, "{}", made.describe());
    key.run_with_pin(PIN, &["make-credential", "--rp", RP, "--resident", "--cred-blob", "0a0b"])
        .success()
        .stdout_has("The key stored the 2-byte credBlob with it.");
    let got = key.run_with_pin(PIN, &["get-assertion", "--rp", RP, "--cred-blob", "--json"]).value();
    let blobs: Vec<&str> =
        got["assertions"].as_array().unwrap().iter().map(|a| a["cred_blob"].as_str().unwrap()).collect();
    // Newest first: 0a0b, then the 32 bytes (base64url).
    assert_eq!(blobs, vec!["Cgs", "ABEiM0RVZneImaq7zN3u_wEjRWeJq83vABEiM0RVZnc"]);
    key.run_with_pin(PIN, &["get-assertion", "--rp", RP, "--cred-blob"])
        .success()
        .stdout_has("  credBlob (2 bytes): 0a0b\n");
    // Without --cred-blob nothing is asked and nothing shown.
    let plain = key.run_with_pin(PIN, &["get-assertion", "--rp", RP, "--json"]).value();
    assert!(plain["assertions"][0].get("cred_blob").is_none());
    let long = format!("{blob}ff");
    let run = key.run_with_pin(PIN, &["make-credential", "--rp", RP, "--cred-blob", &long, "--json"]);
    let e = error_doc(&run, 2);
    assert_eq!(
        e.error.message,
        "--cred-blob cannot be used here: this key stores at most 32 bytes of credBlob; this one is 33."
    );
    let old = keys.create("old.json", &["--profile", "ctap2.0"]);
    let e = error_doc(&old.run(&["make-credential", "--rp", RP, "--cred-blob", "01", "--json"]), 2);
    assert_eq!(e.error.message, "--cred-blob cannot be used here: this key cannot store a credBlob.");
}

#[test]
fn info_shows_the_sensor_uv_retries_and_large_blob_capacity() {
    let keys = TempKeys::new();
    let bio = keys.create("bio.json", &["--bio"]);
    let doc = bio.run(&["info", "--json"]).value();
    assert_eq!(
        doc["fingerprint_sensor"],
        serde_json::json!({"sensor": "touch", "samples_required": 4, "max_name_bytes": 32})
    );
    assert_eq!(doc["pin"]["uv_retries"], 5);
    assert_eq!(doc["info"]["max_serialized_large_blob_array"], 4096);
    let text = bio.run(&["info"]);
    text.success();
    assert_eq!(text_field(&text, "Fingerprint sensor"), "touch, 4 good samples per finger, names up to 32 bytes");
    assert_eq!(text_field(&text, "Large-blob storage"), "4096 bytes");
    assert_eq!(text_field(&text, "UV retries"), "5");
    let plain = keys.create("plain.json", &[]);
    let doc = plain.run(&["info", "--json"]).value();
    assert!(doc.get("fingerprint_sensor").is_none());
    plain.run(&["info"]).success().never_shows("Fingerprint sensor").stdout_has("Large-blob storage");
    keys.create("old.json", &["--profile", "ctap2.0"]).run(&["info"]).success().never_shows("Large-blob storage");
}

#[test]
fn bio_changes_are_journaled() {
    let keys = TempKeys::new();
    let key = keys.create_with_pin("bio.json", &["--bio"], PIN);
    let sensor = [("FIDOCTL_PIN", PIN), ("FIDOCTL_VIRTUAL_BIO_REQUIRED", "2")];
    let enrolled = key.run_env(&sensor, &["--yes", "bio", "enroll", "--name", "Thumb", "--json"]).value();
    let id = enrolled["fingerprint"]["id"].as_str().unwrap().to_string();
    key.run_with_pin(PIN, &["--yes", "bio", "rename", &id, "Index"]).success();
    key.run_with_pin(PIN, &["--yes", "bio", "delete", &id]).success();
    let changes: Vec<Value> = journal(&key)
        .into_iter()
        .filter(|r| r["command"].as_str().unwrap().starts_with("bio"))
        .map(|r| r["change"].clone())
        .collect();
    assert_eq!(
        changes,
        vec![
            serde_json::json!({"kind": "fingerprint_enrolled", "template_id": id, "name": "Thumb"}),
            serde_json::json!({"kind": "fingerprint_renamed", "template_id": id, "name": "Index"}),
            serde_json::json!({"kind": "fingerprint_deleted", "template_id": id, "name": "Index"}),
        ]
    );
}
