//! python-fido2 2.2.1 against a served ctap2.2 virtual key (tests/interop/
//! test_vkey_ctap22_extensions.py): ES384 and RS256 credentials whose attestation and assertion
//! signatures python-fido2 verifies, hmac-secret-mc through its prf extension code, and
//! thirdPartyPayment.
//!
//! Needs the venv: run `tests/interop/setup_venv.sh` first (CI does).

mod common;

use common::interop::{python, run_pytest_with, VirtualKeyServer};

const TEST_FILE: &str = "tests/interop/test_vkey_ctap22_extensions.py";

fn python_test(name: &str) {
    let python = python();
    let server = VirtualKeyServer::start_with(&["--profile", "ctap2.2"]);
    let run = run_pytest_with(&python, TEST_FILE, &["-k", name], &[], &server);
    run.assert_passed(&server, Some(1), name);
}

#[test]
fn python_fido2_verifies_es384_and_rs256() {
    python_test("test_algorithms_sign_and_python_fido2_verifies");
}

#[test]
fn python_fido2_prf_uses_hmac_secret_mc() {
    python_test("test_hmac_secret_mc_through_prf");
}

#[test]
fn python_fido2_third_party_payment() {
    python_test("test_third_party_payment");
}
