//! CTAP 2.2 persistent read-only tokens through the binary, on `ctap2.2` virtual keys:
//! `token create --read-only` with the PIN, then `creds list` and `audit` with no PIN source
//! at all after a re-plug; delete/update never use the token; the store-state fact moves
//! when a credential is added; a PIN change ends the token and fidoctl says so; the
//! identifier is stable across power cycles and differs between keys; token files are
//! private and never written through a link.

mod common;

use common::audit::audit_env;
use common::cli::{expect_error, run_virtual, Run, TempKeys, VirtualKeyFile};
use common::creds::make_resident;
use common::schema::{AuditDocument, CredentialList};
use serde::Deserialize;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use common::tokens::{ctap22_key_with_one_credential, TokenKey, PIN};
const STALE: &str = "no longer works for this key: its PIN was changed or it was reset, which ends every stored token. Run `fidoctl token create --read-only` again (it needs the PIN) to make a new one.";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Created {
    schema_version: u32,
    device: serde_json::Value,
    file: String,
    identifier: String,
    cred_store_state: Option<String>,
    in_token_dir: bool,
}

/// A ctap2.2 key with a PIN and one discoverable credential, and a private token folder.
struct Setup {
    keys: TempKeys,
    key: VirtualKeyFile,
    tokens: PathBuf,
}

impl Setup {
    fn new() -> Setup {
        let TokenKey { keys, key, tokens } = ctap22_key_with_one_credential();
        Setup { keys, key, tokens }
    }

    fn dir(&self) -> &str {
        self.tokens.to_str().unwrap()
    }

    /// Runs on `key` with the token folder and no PIN source at all.
    fn no_pin(&self, key: &VirtualKeyFile, args: &[&str]) -> Run {
        key.run_env(&[("FIDOCTL_TOKEN_DIR", self.dir())], args)
    }

    fn create_token(&self, key: &VirtualKeyFile) -> Created {
        let run = key.run_env(
            &[("FIDOCTL_TOKEN_DIR", self.dir()), ("FIDOCTL_PIN", PIN)],
            &["token", "create", "--read-only", "--json"],
        );
        let created: Created = run.doc();
        assert_eq!(created.schema_version, 1);
        assert_eq!(created.device["path"], key.selector());
        assert!(created.in_token_dir);
        let secret = token_of(Path::new(&created.file));
        run.never_shows(&secret);
        created
    }

    fn replug(&self, key: &VirtualKeyFile) {
        run_virtual("replug", &key.path, &[]).success();
    }

    fn audit(&self, key: &VirtualKeyFile) -> AuditDocument {
        let run = audit_env(&[key.selector()], &["--json"], &[("FIDOCTL_TOKEN_DIR", self.dir())]);
        run.json()
    }
}

fn token_of(file: &Path) -> String {
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    doc["token"].as_str().unwrap().to_string()
}

#[test]
fn after_a_replug_creds_list_and_audit_need_no_pin() {
    let s = Setup::new();
    // Without a token there is no way around the PIN.
    s.no_pin(&s.key, &["creds", "list"]).expect_code(4);

    let created = s.create_token(&s.key);
    let file = PathBuf::from(&created.file);
    assert_eq!(file.parent(), Some(s.tokens.as_path()));
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(created.identifier.len(), 32);
    assert!(created.cred_store_state.is_some());

    s.replug(&s.key);
    let run = s.no_pin(&s.key, &["creds", "list", "--json"]);
    let list: CredentialList = run.doc();
    assert_eq!(list.read_only_token.as_deref(), Some(created.file.as_str()));
    assert_eq!(list.existing, 1);
    assert_eq!(list.rps.len(), 1);
    assert_eq!(list.rps[0].rp_id, "fleet.example");
    run.never_shows(&token_of(&file));
    s.no_pin(&s.key, &["creds", "list"]).success().stdout_has("Read with the stored read-only token");

    let doc = s.audit(&s.key);
    let facts = doc.key(&s.key.selector()).facts.as_ref().unwrap();
    let ro = facts.read_only.as_ref().expect("read-only facts");
    assert_eq!(ro.identifier, created.identifier);
    assert_eq!(ro.token_file, created.file);
    assert_eq!(ro.discoverable_credentials, Some(1));
    assert_eq!(ro.credentials_per_rp.as_ref().unwrap().get("fleet.example"), Some(&1));
    assert_eq!(ro.cred_store_changed, Some(false));
    assert_eq!(facts.read_only_token_ended, None);
}

#[test]
fn delete_and_update_never_use_the_read_only_token() {
    let s = Setup::new();
    s.create_token(&s.key);
    let list: CredentialList = s.no_pin(&s.key, &["creds", "list", "--json"]).doc();
    let id = list.rps[0].credentials[0].credential_id.clone();
    // Both still need the PIN: fidoctl does not offer the key a token it would refuse.
    for args in [vec!["creds", "delete", id.as_str(), "--yes"], vec!["creds", "update", id.as_str(), "--name", "x"]] {
        let run = s.no_pin(&s.key, &args);
        run.expect_code(4).stderr_has("A PIN is needed");
    }
    let after: CredentialList = s.no_pin(&s.key, &["creds", "list", "--json"]).doc();
    assert_eq!(after.existing, 1);
    assert_eq!(after.rps[0].credentials[0].user_name.as_deref(), Some("alice"));
}

#[test]
fn a_new_credential_changes_the_store_state_fact() {
    let s = Setup::new();
    s.create_token(&s.key);
    make_resident(&s.key, PIN, "other.example", "bob", "Bob");
    s.replug(&s.key);
    let doc = s.audit(&s.key);
    let ro = doc.key(&s.key.selector()).facts.as_ref().unwrap().read_only.clone_facts();
    assert_eq!(ro.2, Some(true), "the store changed since the token was made");
    assert_eq!(ro.1, Some(2));
    assert_eq!(ro.0.len(), 2);
}

/// (credentials per RP, count, changed) without tying the test to the doc type's Clone.
trait CloneFacts {
    fn clone_facts(&self) -> (std::collections::BTreeMap<String, u32>, Option<u32>, Option<bool>);
}

impl CloneFacts for Option<common::schema::ReadOnlyFactsDoc> {
    fn clone_facts(&self) -> (std::collections::BTreeMap<String, u32>, Option<u32>, Option<bool>) {
        let ro = self.as_ref().expect("read-only facts");
        (ro.credentials_per_rp.clone().unwrap_or_default(), ro.discoverable_credentials, ro.cred_store_changed)
    }
}

#[test]
fn a_pin_change_ends_the_token_and_fidoctl_says_so() {
    let s = Setup::new();
    let created = s.create_token(&s.key);
    s.key.run_env(&[("FIDOCTL_PIN", PIN), ("FIDOCTL_NEW_PIN", "271828")], &["pin", "change"]).success();

    // No PIN source: the token's end is named, then the usual "PIN needed".
    let run = s.no_pin(&s.key, &["creds", "list"]);
    run.expect_code(4).stderr_has(&format!("The read-only token stored in {} {STALE}", created.file));
    // With a PIN source, fidoctl falls back to it.
    let run = s.key.run_env(&[("FIDOCTL_TOKEN_DIR", s.dir()), ("FIDOCTL_PIN", "271828")], &["creds", "list", "--json"]);
    let list: CredentialList = run.doc();
    assert_eq!((list.existing, list.read_only_token), (1, None));
    run.stderr_has(STALE);

    let doc = s.audit(&s.key);
    let facts = doc.key(&s.key.selector()).facts.as_ref().unwrap();
    assert!(facts.read_only.is_none());
    assert_eq!(facts.read_only_token_ended.as_deref(), Some(created.file.as_str()));
}

#[test]
fn the_identifier_is_stable_across_power_cycles_and_differs_between_keys() {
    let s = Setup::new();
    let other = s.keys.create_with_pin("other.json", &["--profile", "ctap2.2"], PIN);
    let mine = s.create_token(&s.key);
    let theirs = s.create_token(&other);
    assert_ne!(mine.identifier, theirs.identifier);
    assert_ne!(mine.file, theirs.file);
    for _ in 0..2 {
        s.replug(&s.key);
        s.replug(&other);
        let run = audit_env(&[s.key.selector(), other.selector()], &["--json"], &[("FIDOCTL_TOKEN_DIR", s.dir())]);
        let doc: AuditDocument = run.json();
        let id = |k: &VirtualKeyFile| {
            doc.key(&k.selector()).facts.as_ref().unwrap().read_only.as_ref().unwrap().identifier.clone()
        };
        assert_eq!(id(&s.key), mine.identifier);
        assert_eq!(id(&other), theirs.identifier);
    }
    // Each key reads only with its own token: the other's file is not taken.
    let list: CredentialList = s.no_pin(&other, &["creds", "list", "--json"]).doc();
    assert_eq!(list.read_only_token.as_deref(), Some(theirs.file.as_str()));
}

#[test]
fn list_and_forget() {
    let s = Setup::new();
    let created = s.create_token(&s.key);
    let run = s.no_pin(&s.key, &["token", "list", "--json"]);
    let doc = run.value();
    assert_eq!(doc["directory"], s.dir());
    assert_eq!(doc["tokens"][0]["identifier"], created.identifier.as_str());
    assert_eq!(doc["tokens"][0]["problem"], serde_json::Value::Null);
    run.never_shows(&token_of(Path::new(&created.file)));

    s.no_pin(&s.key, &["token", "forget"]).success().stdout_has("stays valid on the key until its PIN is changed");
    assert!(!Path::new(&created.file).exists());
    expect_error(&s.no_pin(&s.key, &["token", "forget", "--json"]), 1, "no_token");
    s.no_pin(&s.key, &["creds", "list"]).expect_code(4);

    // By identifier, without the key.
    let again = s.create_token(&s.key);
    s.no_pin(&s.key, &["token", "forget", &again.identifier]).success();
    assert!(!Path::new(&again.file).exists());
}

#[test]
fn token_files_are_never_written_through_a_link_or_into_a_shared_folder() {
    let s = Setup::new();
    let target = s.keys.path("elsewhere");
    let link = s.keys.path("link.token");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let run = s
        .key
        .run_env(&[("FIDOCTL_PIN", PIN)], &["token", "create", "--read-only", "-o", link.to_str().unwrap(), "--json"]);
    expect_error(&run, 2, "token_file_unsafe");
    assert!(!target.exists());

    let shared = s.keys.path("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o777)).unwrap();
    let out = shared.join("t.token");
    let run = s.key.run_env(&[("FIDOCTL_PIN", PIN)], &["token", "create", "--read-only", "-o", out.to_str().unwrap()]);
    run.expect_code(2).stderr_has("is writable by every user");
    assert!(!out.exists());

    // -o writes exactly there; such a file is used once --token-dir names its folder.
    let own = s.keys.path("mine");
    std::fs::create_dir(&own).unwrap();
    let file = own.join("desk.token");
    let created: Created = s
        .key
        .run_env(&[("FIDOCTL_PIN", PIN)], &["token", "create", "--read-only", "-o", file.to_str().unwrap(), "--json"])
        .doc();
    assert!(!created.in_token_dir);
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    let list: CredentialList = s.key.run(&["--token-dir", own.to_str().unwrap(), "creds", "list", "--json"]).doc();
    assert_eq!(list.read_only_token.as_deref(), Some(file.to_str().unwrap()));
}

#[test]
fn keys_before_ctap_2_2_have_no_read_only_tokens() {
    let s = Setup::new();
    let old = s.keys.create_with_pin("old.json", &[], PIN);
    let run = old.run_env(
        &[("FIDOCTL_TOKEN_DIR", s.dir()), ("FIDOCTL_PIN", PIN)],
        &["token", "create", "--read-only", "--json"],
    );
    let err = expect_error(&run, 1, "read_only_token_unsupported");
    assert!(err.error.message.contains("CTAP 2.2"), "{}", err.error.message);
}
