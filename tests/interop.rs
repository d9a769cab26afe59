//! Interop: python-fido2, an independent client, drives `fidoctl virtual serve` over the
//! socket protocol. Mistakes in our shared `proto` layer are invisible to tests that pair
//! our client with our virtual key; these catch them.
//!
//! Needs the venv: run `tests/interop/setup_venv.sh` first (CI does). Without it the test
//! fails, on purpose.

#[path = "common/interop.rs"]
mod interop_common;

use interop_common::{python, run_pytest, VirtualKeyServer};

#[test]
fn python_fido2_foundation() {
    // Before the server, so a missing venv fails fast with the setup hint.
    let python = python();
    let server = VirtualKeyServer::start();
    run_pytest(&python, "tests/interop/test_foundation.py", &server).assert_success(&server);
}
