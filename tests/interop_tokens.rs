//! Persistent read-only tokens between python-fido2 2.2.1 and fidoctl on a served ctap2.2
//! virtual key (tests/interop/test_vkey_tokens.py): each uses a token the other obtained,
//! and both decrypt the same identifier and credential-store state.
//!
//! Needs the venv: run `tests/interop/setup_venv.sh` first (CI does).

mod common;

use common::cli::FIDOCTL;
use common::interop::{python, run_pytest_with, VirtualKeyServer};
use std::os::unix::fs::PermissionsExt;

const TEST_FILE: &str = "tests/interop/test_vkey_tokens.py";

fn python_test(name: &str) {
    let python = python();
    let server = VirtualKeyServer::start_with(&["--profile", "ctap2.2"]);
    let tokens = tempfile::tempdir().unwrap();
    std::fs::set_permissions(tokens.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    let run = run_pytest_with(
        &python,
        TEST_FILE,
        &["-k", name],
        &[("FIDOCTL_BIN", FIDOCTL), ("FIDOCTL_TOKEN_DIR", tokens.path().to_str().unwrap())],
        &server,
    );
    run.assert_passed(&server, Some(1), name);
}

#[test]
fn fidoctl_uses_a_token_python_fido2_obtained() {
    python_test("test_fidoctl_uses_a_token_python_fido2_obtained");
}

#[test]
fn python_fido2_uses_a_token_fidoctl_stored() {
    python_test("test_python_fido2_uses_a_token_fidoctl_stored");
}
