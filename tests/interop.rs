//! Interop: python-fido2, an independent client, drives `fidoctl virtual serve` over the
//! socket protocol. Mistakes in our shared `proto` layer are invisible to tests that pair
//! our client with our virtual key; these catch them.
//!
//! Needs the venv: run `tests/interop/setup_venv.sh` first (CI does). Without it the test
//! fails, on purpose.

mod common;

use common::interop::{python, run_pytest, run_pytest_with, VirtualKeyServer};

#[test]
fn python_fido2_foundation() {
    // Before the server, so a missing venv fails fast with the setup hint.
    let python = python();
    let server = VirtualKeyServer::start();
    run_pytest(&python, "tests/interop/test_foundation.py", &server).assert_success(&server);
}

/// python-fido2 decodes each profile's getInfo (strict CBOR) and sees what the profile
/// promises: the versions, PIN protocols and options the host's fallbacks depend on.
fn python_fido2_reads_profile(profile: &str) {
    let python = python();
    let server = VirtualKeyServer::start_with(&["--profile", profile]);
    let run = run_pytest_with(
        &python,
        "tests/interop/test_foundation.py",
        &["-k", "virtual_key"],
        &[("FIDOCTL_PROFILE", profile)],
        &server,
    );
    run.assert_passed(&server, None, &format!("every virtual_key check for {profile}"));
}

#[test]
fn python_fido2_reads_profile_ctap2_1() {
    python_fido2_reads_profile("ctap2.1");
}

#[test]
fn python_fido2_reads_profile_ctap2_1_pre() {
    python_fido2_reads_profile("ctap2.1-pre");
}

#[test]
fn python_fido2_reads_profile_ctap2_0() {
    python_fido2_reads_profile("ctap2.0");
}
