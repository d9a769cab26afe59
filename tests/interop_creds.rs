//! Interop for discoverable credentials: python-fido2 and fidoctl share one served virtual
//! key (tests/interop/test_creds.py). Each sees, exactly, what the other created, deleted and
//! renamed, through both credential-management commands (0x0A on ctap2.1, the 0x41 preview on
//! ctap2.1-pre).
//!
//! Needs the venv: run `tests/interop/setup_venv.sh` first (CI does). Without it the test
//! fails, on purpose.

mod common;

use common::cli::FIDOCTL;
use common::interop::{python, run_pytest_with, VirtualKeyServer};

fn python_fido2_and_fidoctl_share_credentials(profile: &str) {
    // Before the server, so a missing venv fails fast with the setup hint.
    let python = python();
    let server = VirtualKeyServer::start_with(&["--profile", profile]);
    let run = run_pytest_with(
        &python,
        "tests/interop/test_creds.py",
        &[],
        &[("FIDOCTL_BIN", FIDOCTL), ("FIDOCTL_PROFILE", profile)],
        &server,
    );
    run.assert_passed(&server, Some(1), &format!("the credentials test for {profile}"));
}

#[test]
fn python_fido2_and_fidoctl_share_credentials_ctap2_1() {
    python_fido2_and_fidoctl_share_credentials("ctap2.1");
}

#[test]
fn python_fido2_and_fidoctl_share_credentials_ctap2_1_pre() {
    python_fido2_and_fidoctl_share_credentials("ctap2.1-pre");
}
