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
