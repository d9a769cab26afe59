//! Discoverable credentials made and listed through the binary: `make-credential --resident`
//! and `creds list`, both with the PIN in FIDOCTL_PIN and checked as they are decoded.
//! (Credentials with chosen ids are written into the state file: [`super::state`].)

use super::cli::VirtualKeyFile;
use super::schema::{CredentialList, MadeCredential};

/// `make-credential --rp RP --user-name USER --display-name DISPLAY --resident --json`
/// with the PIN (a key with a PIN needs it for a discoverable credential).
#[track_caller]
pub fn make_resident(key: &VirtualKeyFile, pin: &str, rp: &str, user: &str, display: &str) -> MadeCredential {
    let out = key.run_with_pin(
        pin,
        &["make-credential", "--rp", rp, "--user-name", user, "--display-name", display, "--resident", "--json"],
    );
    let made: MadeCredential = out.doc();
    assert_eq!(made.rp_id, rp);
    assert!(made.resident, "asked for a discoverable credential\n{}", out.describe());
    made
}

/// `creds list --json` (plus `extra`, e.g. `["--rp", "a.example"]`), which must succeed.
#[track_caller]
pub fn creds_list(key: &VirtualKeyFile, pin: &str, extra: &[&str]) -> CredentialList {
    let mut args = vec!["creds", "list", "--json"];
    args.extend_from_slice(extra);
    let doc: CredentialList = key.run_with_pin(pin, &args).doc();
    assert_eq!(doc.device, key.selector());
    doc
}
