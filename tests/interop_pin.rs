//! PIN interop: python-fido2's ClientPin (PIN/UV auth protocols 1 and 2) and fidoctl take
//! turns on one `fidoctl virtual serve` key: python-fido2 sets and changes a PIN that fidoctl
//! verifies, fidoctl sets and changes a PIN that python-fido2 gets tokens with, and both see
//! the same retry counter. The steps are in tests/interop/test_pin.py, which calls the
//! binary under test (FIDOCTL_BIN) between its own turns on the socket.
//!
//! Each test serves a fresh key and runs one python test against it. Needs the venv: run
//! `tests/interop/setup_venv.sh` first (CI does). Without it the tests fail, on purpose.

mod common;

use common::cli::FIDOCTL;
use common::interop::{python, run_pytest_with, VirtualKeyServer};

const TEST_FILE: &str = "tests/interop/test_pin.py";

/// Serve a fresh key of `profile` and run the python test `name` against it, python-fido2
/// speaking PIN protocol `protocol`. Exactly that one test must run and pass.
fn interop(name: &str, profile: &str, protocol: u8) {
    // Before the server, so a missing venv fails fast with the setup hint.
    let python = python();
    let server = VirtualKeyServer::start_with(&["--profile", profile]);
    let protocol = protocol.to_string();
    let run = run_pytest_with(
        &python,
        TEST_FILE,
        &["-k", name],
        &[("FIDOCTL_BIN", FIDOCTL), ("FIDOCTL_PROFILE", profile), ("FIDOCTL_PIN_PROTOCOL", &protocol)],
        &server,
    );
    run.assert_passed(&server, Some(1), &format!("{name} ({profile}, protocol {protocol})"));
}

const PYTHON_SETS: &str = "test_python_sets_and_changes_then_fidoctl_verifies";
const FIDOCTL_SETS: &str = "test_fidoctl_sets_then_python_verifies";
const PYTHON_BLOCKS: &str = "test_python_blocks_until_power_up_then_fidoctl_verifies";

#[test]
fn python_sets_pin_fidoctl_verifies_protocol_2() {
    interop(PYTHON_SETS, "ctap2.1", 2);
}

#[test]
fn python_sets_pin_fidoctl_verifies_protocol_1() {
    interop(PYTHON_SETS, "ctap2.1", 1);
}

#[test]
fn python_sets_pin_fidoctl_verifies_ctap2_0() {
    interop(PYTHON_SETS, "ctap2.0", 1);
}

#[test]
fn fidoctl_sets_pin_python_verifies_protocol_2() {
    interop(FIDOCTL_SETS, "ctap2.1", 2);
}

#[test]
fn fidoctl_sets_pin_python_verifies_protocol_1() {
    interop(FIDOCTL_SETS, "ctap2.1", 1);
}

#[test]
fn fidoctl_sets_pin_python_verifies_ctap2_1_pre() {
    interop(FIDOCTL_SETS, "ctap2.1-pre", 1);
}

#[test]
fn python_blocks_pin_entry_until_fidoctl_powers_up() {
    interop(PYTHON_BLOCKS, "ctap2.1", 2);
}
