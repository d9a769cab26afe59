//! Interop for reset and configuration: python-fido2 and fidoctl take turns on one key served
//! by `fidoctl virtual serve`, each checking the other's work (tests/interop/test_reset_config.py).
//! One fresh server per python test: they change the key, so none may see another's key.
//!
//! Needs the venv: run `tests/interop/setup_venv.sh` first (CI does). Without it the tests
//! fail, on purpose.

mod common;

use common::cli::FIDOCTL;
use common::interop::{python, run_pytest_with, VirtualKeyServer};

const TEST_FILE: &str = "tests/interop/test_reset_config.py";
const MAX_RESIDENT: &str = "5";

/// Serve a fresh key and run the one python test `name` against it; it must run and pass.
fn python_test(name: &str) {
    // Before the server, so a missing venv fails fast with the setup hint.
    let python = python();
    let server = VirtualKeyServer::start_with(&["--max-resident", MAX_RESIDENT]);
    let run = run_pytest_with(
        &python,
        TEST_FILE,
        &["-k", name],
        &[("FIDOCTL_BIN", FIDOCTL), ("FIDOCTL_MAX_RESIDENT", MAX_RESIDENT)],
        &server,
    );
    run.assert_passed(&server, Some(1), name);
}

#[test]
fn fidoctl_reset_seen_by_python() {
    python_test("test_fidoctl_reset_seen_by_python");
}

#[test]
fn fidoctl_config_seen_by_python() {
    python_test("test_fidoctl_config_seen_by_python");
}

#[test]
fn python_config_seen_by_fidoctl() {
    python_test("test_python_config_seen_by_fidoctl");
}

#[test]
fn python_reset_right_after_connecting() {
    python_test("test_python_reset_right_after_connecting");
}

#[test]
fn a_new_connection_opens_the_reset_window() {
    python_test("test_a_new_connection_opens_the_reset_window");
}
