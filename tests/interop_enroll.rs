//! Enrolment interop: `fidoctl enroll` on a key served by `fidoctl virtual serve`, then
//! python-fido2 confirms from getInfo that the enrolled settings are on the key
//! (tests/interop/test_enroll.py).
//!
//! Needs the venv: run `tests/interop/setup_venv.sh` first (CI does). Without it the test
//! fails, on purpose.

mod common;

use common::cli::FIDOCTL;
use common::interop::{python, run_pytest_with, VirtualKeyServer};

#[test]
fn enrolled_settings_seen_by_python() {
    let python = python();
    let server = VirtualKeyServer::start();
    let run = run_pytest_with(
        &python,
        "tests/interop/test_enroll.py",
        &["-k", "test_enrolled_settings_seen_by_python"],
        &[("FIDOCTL_BIN", FIDOCTL)],
        &server,
    );
    run.assert_passed(&server, Some(1), "enrolled_settings_seen_by_python");
}
