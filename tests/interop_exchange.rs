//! Exchange interop: python-fido2 registers and signs in against `fidoctl virtual serve` and
//! verifies attestation and signatures with its own code; credentials made by fidoctl are
//! used by python-fido2 and the other way round (tests/interop/test_exchange.py).
//!
//! Each group runs on a freshly served key (a PIN, once set, stays). Needs the venv: run
//! `tests/interop/setup_venv.sh` first (CI does). Without it the tests fail, on purpose.

mod common;

use common::cli::FIDOCTL;
use common::interop::{python, run_pytest_with, VirtualKeyServer};
use common::state::attestation_ca;

const TEST_FILE: &str = "tests/interop/test_exchange.py";

/// Run the tests of TEST_FILE that `selection` (pytest -k) picks on a fresh key of
/// `profile`: exactly `expected` of them, none skipped, all passing.
fn run_group(profile: &str, selection: &str, expected: usize) {
    let python = python();
    let server = VirtualKeyServer::start_with(&["--profile", profile]);
    let ca = hex::encode(attestation_ca(server.key_file()));
    let run = run_pytest_with(
        &python,
        TEST_FILE,
        &["-k", selection],
        &[("FIDOCTL_PROFILE", profile), ("FIDOCTL_CA_CERT", &ca), ("FIDOCTL_BIN", FIDOCTL)],
        &server,
    );
    run.assert_passed(&server, Some(expected), &format!("{profile} / {selection:?}"));
}

const WITHOUT_PIN: &str = "server or ctap2";

#[test]
fn python_fido2_registers_and_signs_in_ctap2_1() {
    run_group("ctap2.1", WITHOUT_PIN, 8);
}

#[test]
fn python_fido2_registers_and_signs_in_ctap2_0() {
    run_group("ctap2.0", WITHOUT_PIN, 8);
}

#[test]
fn python_fido2_pin_protected_registration_ctap2_1() {
    run_group("ctap2.1", "pin", 1);
}

#[test]
fn python_fido2_pin_protected_registration_ctap2_0() {
    run_group("ctap2.0", "pin", 1);
}

#[test]
fn fidoctl_and_python_fido2_share_credentials() {
    run_group("ctap2.1", "cross", 4);
}
