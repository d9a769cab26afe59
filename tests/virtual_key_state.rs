//! The virtual key's state file under faults, through the built binary: a change the key
//! cannot save is reported as the state-file I/O error (exit 3, `virtual_key_io`), never as
//! a CTAP status or a success; a read-only file is refused before anything is changed; a
//! symlinked file updates its target.

mod common;

use common::cli::{expect_error, run_on, run_virtual, virtual_selector};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

fn new_key(dir: &Path) -> PathBuf {
    let path = dir.join("key.json");
    run_virtual("create", &path, &[]).success();
    path
}

/// Saving writes `.key.json.tmp` first; a directory there (which no open clears) makes every
/// save fail the way a full disk does, whoever runs the test (root included).
fn break_saving(path: &Path) {
    std::fs::create_dir(path.with_file_name(".key.json.tmp")).unwrap();
}

#[test]
fn wink_whose_save_fails_is_a_state_file_error_not_a_success() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_key(dir.path());
    let before = std::fs::read(&path).unwrap();
    break_saving(&path);
    let run = run_on(&virtual_selector(&path), &[], &["wink", "--json"]);
    let doc = expect_error(&run, 3, "virtual_key_io");
    assert!(doc.error.message.contains("could not be written"), "{}", run.describe());
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file is as it was");
}

#[test]
fn make_credential_whose_save_fails_is_a_state_file_error_not_a_ctap_status() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_key(dir.path());
    break_saving(&path);
    let run = run_on(&virtual_selector(&path), &[], &["make-credential", "--rp", "example.com", "--json"]);
    let doc = expect_error(&run, 3, "virtual_key_io");
    assert!(doc.error.message.contains("could not be written"), "{}", run.describe());
    run.never_shows("without saying what went wrong");
    std::fs::remove_dir(path.with_file_name(".key.json.tmp")).unwrap();
    let listed = run_on(&virtual_selector(&path), &[], &["info", "--json"]);
    listed.success();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"credentials\": []"), "nothing was stored: {text}");
}

#[test]
fn a_read_only_state_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_key(dir.path());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let run = run_on(&virtual_selector(&path), &[], &["wink", "--json"]);
    let doc = expect_error(&run, 3, "virtual_key_io");
    assert!(doc.error.message.contains("is read-only (mode 444)"), "{}", run.describe());
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o444);
}

#[test]
fn a_symlinked_state_file_updates_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_key(dir.path());
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&path, &link).unwrap();
    run_on(&virtual_selector(&link), &[], &["make-credential", "--rp", "example.com", "--resident"]).success();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "still a link");
    let target = std::fs::read_to_string(&path).unwrap();
    assert!(target.contains("example.com"), "the target holds the credential");
}
