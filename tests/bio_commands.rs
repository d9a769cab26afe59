//! Fingerprint keys through the binary: `virtual create --bio`, and built-in UV standing in
//! for the PIN (clientPIN 0x06), with uvRetries counting down to a block.

mod common;

use common::cli::{error_doc, TempKeys, VirtualKeyFile};
use common::schema::HealthCheck;
use fidoctl::client::bio::BioEnrollment;
use fidoctl::client::ctaphid::Channel;
use fidoctl::client::pin::{get_token, get_uv_retries, start_session};
use fidoctl::client::Authenticator;
use fidoctl::proto::ctap2::client_pin::permission;
use fidoctl::transport::in_process::InProcessDevice;
use fidoctl::transport::{Backend, DeviceDescription};

const PIN: &str = "314159";
const NO_MATCH: (&str, &str) = ("FIDOCTL_VIRTUAL_UV", "nomatch");

fn open(key: &VirtualKeyFile) -> Authenticator {
    let channel = Channel::open(Box::new(InProcessDevice::open(&key.path).unwrap())).unwrap();
    Authenticator::new(channel, DeviceDescription::new(key.selector(), Backend::Virtual))
}

/// Enroll one finger with the client (every sample good: the default sensor script).
fn enroll_finger(key: &VirtualKeyFile) {
    let mut auth = open(key);
    let session = start_session(&mut auth).unwrap();
    let token = get_token(&mut auth, &session, PIN.as_bytes(), permission::BIO_ENROLLMENT, None).unwrap();
    let mut bio = BioEnrollment::open(&mut auth).unwrap();
    let (id, mut sample) = bio.enroll_begin(&token, None).unwrap();
    while !sample.is_last() {
        sample = bio.enroll_capture_next(&token, &id, None).unwrap();
    }
}

fn uv_retries(key: &VirtualKeyFile) -> u64 {
    get_uv_retries(&mut open(key)).unwrap()
}

fn bio_key(keys: &TempKeys) -> VirtualKeyFile {
    let key = keys.create_with_pin("bio.json", &["--bio"], PIN);
    enroll_finger(&key);
    key
}

#[test]
fn virtual_create_bio_offers_a_sensor_and_plain_keys_do_not() {
    let keys = TempKeys::new();
    let plain = keys.create("plain.json", &[]);
    let bio = keys.create("bio.json", &["--bio"]);
    let uv_of = |k: &VirtualKeyFile| open(k).info().unwrap().uv();
    assert_eq!(uv_of(&plain), None, "no sensor without --bio");
    assert_eq!(uv_of(&bio), Some(false), "a sensor, nothing enrolled yet");
}

#[test]
fn a_fingerprint_satisfies_test_uv_without_a_pin() {
    let keys = TempKeys::new();
    let key = bio_key(&keys);
    let run = key.run(&["test", "--uv", "--json"]);
    run.success();
    let doc: HealthCheck = run.doc();
    assert!(doc.uv, "{doc:?}");
    assert_eq!(uv_retries(&key), 5, "a match leaves the retries full");
}

#[test]
fn uv_retries_count_down_block_and_the_pin_still_works() {
    let keys = TempKeys::new();
    let key = bio_key(&keys);
    for left in (0..5).rev() {
        // Not recognised, no PIN source: the fallback to the PIN refuses at once.
        let run = key.run_env(&[NO_MATCH], &["test", "--uv", "--json"]);
        assert_eq!(error_doc(&run, 4).error.code, "pin_source_missing", "{}", run.describe());
        assert_eq!(uv_retries(&key), left);
    }
    // Blocked: even a matching finger is refused now; the PIN still verifies the user...
    let blocked = key.run(&["test", "--uv", "--json"]);
    error_doc(&blocked, 4);
    assert_eq!(uv_retries(&key), 0);
    key.run_with_pin(PIN, &["test", "--uv", "--json"]).success();
    // ...and a good PIN restores the fingerprint's attempts (CTAP 2.1 §6.5.5.7).
    assert_eq!(uv_retries(&key), 5);
    key.run(&["test", "--uv", "--json"]).success();
}

fn list_json(key: &VirtualKeyFile) -> Vec<(String, Option<String>)> {
    let run = key.run_with_pin(PIN, &["bio", "list", "--json"]);
    run.success();
    let doc = run.value();
    doc["fingerprints"]
        .as_array()
        .expect("fingerprints array")
        .iter()
        .map(|f| (f["id"].as_str().unwrap().to_string(), f["name"].as_str().map(String::from)))
        .collect()
}

#[test]
fn enroll_with_a_failed_sample_then_list_rename_and_delete() {
    let keys = TempKeys::new();
    let key = keys.create_with_pin("bio.json", &["--bio"], PIN);
    let sensor = [
        ("FIDOCTL_PIN", PIN),
        ("FIDOCTL_VIRTUAL_BIO_SAMPLES", "good,too-fast,good,good"),
        ("FIDOCTL_VIRTUAL_BIO_REQUIRED", "3"),
    ];
    // No terminal and no --yes: refused before anything changes.
    let refused = key.run_env(&sensor, &["bio", "enroll", "--json"]);
    assert_eq!(error_doc(&refused, 2).error.code, "confirmation_required");
    assert_eq!(list_json(&key), vec![]);

    let run = key.run_env(&sensor, &["--yes", "bio", "enroll", "--name", "Right thumb"]);
    run.success()
        .stderr_has("Sample good, 2 more needed.")
        .stderr_has("Sample not taken: the finger moved too fast; hold it still. 2 more needed.")
        .stderr_has("Sample good, 0 more needed.");
    let listed = list_json(&key);
    assert_eq!(listed.len(), 1);
    let (id, name) = listed[0].clone();
    assert_eq!(name.as_deref(), Some("Right thumb"));
    let changed = key.run_env(&sensor, &["--yes", "bio", "enroll", "--json"]);
    assert_eq!(changed.value()["rejected_samples"], 1, "{}", changed.describe());

    key.run_with_pin(PIN, &["--yes", "bio", "rename", &id, "Left index"])
        .success()
        .stdout_has(&format!("Renamed fingerprint {id} (Left index)."));
    assert!(list_json(&key).contains(&(id.clone(), Some("Left index".into()))));

    key.run_with_pin(PIN, &["--yes", "bio", "delete", &id]).success().stdout_has(&format!("Deleted fingerprint {id}"));
    let left = list_json(&key);
    assert_eq!(left.len(), 1, "the other finger stays: {left:?}");
    assert!(left.iter().all(|(other, _)| *other != id));

    let gone = key.run_with_pin(PIN, &["--yes", "bio", "delete", &id, "--json"]);
    assert_eq!(error_doc(&gone, 1).error.code, "fingerprint_not_found");
}

#[test]
fn bio_info_shows_the_sensor_and_a_plain_key_has_none() {
    let keys = TempKeys::new();
    let key = keys.create("bio.json", &["--bio"]);
    let run = key.run_env(&[("FIDOCTL_VIRTUAL_BIO_REQUIRED", "3")], &["bio", "info"]);
    run.success().stdout_has("Fingerprint sensor: touch, 3 good samples per finger, names up to 32 bytes.");
    let plain = keys.create("plain.json", &[]);
    let run = plain.run(&["bio", "list", "--json"]);
    assert_eq!(error_doc(&run, 1).error.code, "bio_unsupported");
}
