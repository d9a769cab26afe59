//! The virtual key's ctap2.1 profile against an independent client and a bare socket host:
//! python-fido2's CredentialManagement over the 0x41 preview (tests/interop/test_vkey_preview.py),
//! a token without cm refused with PIN_AUTH_INVALID, enterprise attestation with its own
//! certificate; python-fido2's LargeBlobs and credBlob (tests/interop/test_vkey_blobs.py);
//! FPBioEnrollment on a key with a sensor (tests/interop/test_vkey_bio.py); and `virtual
//! serve` closing the connection when the host leaves.
//!
//! Needs the venv: run `tests/interop/setup_venv.sh` first (CI does). Without it the python
//! tests fail, on purpose.

mod common;

use common::interop::{python, run_pytest_with, VirtualKeyServer};
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::time::Duration;

const TEST_FILE: &str = "tests/interop/test_vkey_preview.py";

fn python_test(name: &str) {
    python_test_in(TEST_FILE, name);
}

fn python_test_in(file: &str, name: &str) {
    let python = python();
    let server = VirtualKeyServer::start_with(&["--profile", "ctap2.1"]);
    let run = run_pytest_with(&python, file, &["-k", name], &[], &server);
    run.assert_passed(&server, Some(1), name);
}

#[test]
fn python_fido2_large_blobs_round_trip() {
    python_test_in("tests/interop/test_vkey_blobs.py", "test_large_blobs_round_trip");
}

#[test]
fn python_fido2_cred_blob_round_trip() {
    python_test_in("tests/interop/test_vkey_blobs.py", "test_cred_blob_round_trip");
}

#[test]
fn python_fido2_manages_credentials_over_the_preview_command_on_ctap2_1() {
    python_test("test_credential_management_over_the_preview_command");
}

#[test]
fn python_fido2_sees_pin_auth_invalid_for_a_token_without_cm() {
    python_test("test_a_token_without_cm_is_pin_auth_invalid");
}

#[test]
fn python_fido2_sees_enterprise_attestation_with_its_own_certificate() {
    python_test("test_enterprise_attestation_uses_its_own_certificate");
}

/// A `--bio` key (set in the state file: the command-line flag belongs to the command layer)
/// whose sensor gives one poor sample among good ones.
#[test]
fn python_fido2_enrolls_a_finger_and_gets_a_token_by_uv() {
    let python = python();
    let server = VirtualKeyServer::start_prepared(
        &["--profile", "ctap2.1"],
        &[("FIDOCTL_VIRTUAL_BIO_SAMPLES", "good,poor-quality,good,good"), ("FIDOCTL_VIRTUAL_BIO_REQUIRED", "3")],
        |key| {
            let mut state: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(key).unwrap()).unwrap();
            state["identity"]["bio"] = serde_json::Value::Bool(true);
            std::fs::write(key, state.to_string()).unwrap();
        },
    );
    let run = run_pytest_with(&python, "tests/interop/test_vkey_bio.py", &[], &[], &server);
    run.assert_passed(&server, Some(1), "python-fido2 FPBioEnrollment");
}

/// The host half-closes its side (it is leaving); the key must then close the connection, so
/// the host reads end-of-file rather than waiting on a key that is gone.
#[test]
fn the_host_sees_eof_after_it_leaves() {
    let server = VirtualKeyServer::start();
    let mut host = UnixStream::connect(server.socket()).expect("connect");
    // Only a bound against a hang: the assertion is on what arrives, not on when.
    host.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    // CTAPHID_INIT on the broadcast channel: the key is there and answering.
    let mut init = [0u8; 64];
    init[..7].copy_from_slice(&[0xff, 0xff, 0xff, 0xff, 0x86, 0x00, 0x08]);
    init[7..15].copy_from_slice(b"eofnonce");
    host.write_all(&init).unwrap();
    let mut answer = [0u8; 64];
    host.read_exact(&mut answer).unwrap();
    assert_eq!(&answer[7..15], b"eofnonce", "INIT echoes the nonce");

    host.shutdown(std::net::Shutdown::Write).unwrap();
    let mut rest = Vec::new();
    match host.read_to_end(&mut rest) {
        Ok(_) => assert!(rest.is_empty(), "nothing after the host left: {rest:?}"),
        Err(e) => panic!("the key kept the connection open after the host left: {e}"),
    }
    // And the server takes the next host as a fresh plug-in.
    let mut next = UnixStream::connect(server.socket()).expect("reconnect");
    next.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    next.write_all(&init).unwrap();
    next.read_exact(&mut answer).unwrap();
    assert_eq!(&answer[7..15], b"eofnonce");
}
