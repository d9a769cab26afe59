//! The audit rules that read a key's credentials through a stored CTAP 2.2 read-only token:
//! `credentials_unchanged_since_enrolment`, `max_credentials` and `allowed_rp_ids`, on
//! `ctap2.2` virtual keys, with no PIN source at all. Pass with the state the token recorded,
//! fail once a credential is added (exit 6), unknown without a token or on a CTAP 2.1 key
//! (exit 0, or 6 with `--strict`).

mod common;

use common::audit::{audit_env, write_file};
use common::cli::{TempKeys, VirtualKeyFile};
use common::creds::make_resident;
use common::schema::{
    AuditDocument, KeyResult,
    Outcome::{Fail, Pass, Unknown},
};
use std::path::PathBuf;

use common::tokens::{ctap22_key_with_one_credential, TokenKey, PIN};
const RULES: &str = "credentials_unchanged_since_enrolment = true\n\
                     max_credentials = 1\n\
                     allowed_rp_ids = [\"fleet.example\"]\n";

struct Setup {
    keys: TempKeys,
    key: VirtualKeyFile,
    tokens: PathBuf,
    policy: PathBuf,
}

impl Setup {
    /// A ctap2.2 key with a PIN and one credential for fleet.example, and a private token folder.
    fn new() -> Setup {
        let TokenKey { keys, key, tokens } = ctap22_key_with_one_credential();
        let policy = write_file(keys.dir(), "policy.toml", RULES);
        Setup { keys, key, tokens, policy }
    }

    fn create_token(&self) {
        self.key
            .run_env(
                &[("FIDOCTL_TOKEN_DIR", self.tokens.to_str().unwrap()), ("FIDOCTL_PIN", PIN)],
                &["token", "create", "--read-only"],
            )
            .success();
    }

    /// `audit --policy` on `keys` with the token folder, no PIN source, ending with `exit`.
    #[track_caller]
    fn audit(&self, keys: &[&VirtualKeyFile], extra: &[&str], exit: i32) -> AuditDocument {
        let selectors: Vec<String> = keys.iter().map(|k| k.selector()).collect();
        let mut args = vec!["--json", "--policy", self.policy.to_str().unwrap()];
        args.extend_from_slice(extra);
        let run = audit_env(&selectors, &args, &[("FIDOCTL_TOKEN_DIR", self.tokens.to_str().unwrap())]);
        run.expect_code(exit);
        let doc: AuditDocument = run.json();
        assert_eq!(doc.summary.exit_code, exit, "{}", run.describe());
        doc
    }
}

#[test]
fn the_rules_pass_with_the_state_the_token_recorded() {
    let s = Setup::new();
    s.create_token();
    let doc = s.audit(&[&s.key], &[], 0);
    let key = doc.key(&s.key.selector());
    key.expect_verdicts(&[
        ("credentials_unchanged_since_enrolment", Pass),
        ("max_credentials", Pass),
        ("allowed_rp_ids", Pass),
    ]);
    assert_eq!(key.result, KeyResult::Pass);
    assert!(key
        .verdict("credentials_unchanged_since_enrolment")
        .reason
        .starts_with("no credential was added or removed since the read-only token was made ("));
    assert_eq!(
        key.verdict("max_credentials").reason,
        "1 discoverable credential on the key, at most the 1 the policy allows"
    );
    assert_eq!(key.verdict("allowed_rp_ids").reason, "every credential is for an allowed site: fleet.example (1)");
}

#[test]
fn adding_a_credential_fails_all_three_rules() {
    let s = Setup::new();
    s.create_token();
    make_resident(&s.key, PIN, "other.example", "bob", "Bob");
    let doc = s.audit(&[&s.key], &[], 6);
    let key = doc.key(&s.key.selector());
    key.expect_verdicts(&[
        ("credentials_unchanged_since_enrolment", Fail),
        ("max_credentials", Fail),
        ("allowed_rp_ids", Fail),
    ]);
    assert_eq!(key.result, KeyResult::Fail);
    assert!(key
        .verdict("credentials_unchanged_since_enrolment")
        .reason
        .starts_with("a credential was added or removed since the read-only token was made ("));
    assert_eq!(
        key.verdict("max_credentials").reason,
        "2 discoverable credentials on the key, the policy allows at most 1 (`fidoctl creds list` shows them)"
    );
    assert_eq!(
        key.verdict("allowed_rp_ids").reason,
        "the key holds credentials for sites not on the allowed list: other.example (1) (`fidoctl creds list --rp ID` \
         shows them, `fidoctl creds delete` removes one)"
    );
    assert_eq!((doc.summary.failed, doc.summary.passed), (1, 0));

    // Text output names the failing rule and the site.
    let run = audit_env(
        &[s.key.selector()],
        &["--policy", s.policy.to_str().unwrap()],
        &[("FIDOCTL_TOKEN_DIR", s.tokens.to_str().unwrap())],
    );
    run.expect_code(6).stdout_has("other.example (1)");

    // A fresh token records the reviewed state: unchanged passes again, the others still fail.
    s.create_token();
    let doc = s.audit(&[&s.key], &[], 6);
    doc.key(&s.key.selector()).expect_verdicts(&[
        ("credentials_unchanged_since_enrolment", Pass),
        ("max_credentials", Fail),
        ("allowed_rp_ids", Fail),
    ]);
}

#[test]
fn without_a_token_or_on_a_ctap_2_1_key_the_rules_are_unknown() {
    let s = Setup::new();
    let old = s.keys.create_with_pin("old.json", &[], PIN);
    make_resident(&old, PIN, "fleet.example", "carol", "Carol");
    let doc = s.audit(&[&s.key, &old], &[], 0);
    for key in [&s.key, &old] {
        let k = doc.key(&key.selector());
        k.expect_verdicts(&[
            ("credentials_unchanged_since_enrolment", Unknown),
            ("max_credentials", Unknown),
            ("allowed_rp_ids", Unknown),
        ]);
        assert_eq!(k.result, KeyResult::Unknown);
    }
    assert_eq!(
        doc.key(&s.key.selector()).verdict("credentials_unchanged_since_enrolment").reason,
        "no stored read-only token matches this key, so the credential-store state cannot be read without a PIN; \
         make one with `fidoctl token create --read-only` (it needs the PIN once)"
    );
    assert_eq!(
        doc.key(&old.selector()).verdict("max_credentials").reason,
        "the key supports CTAP 2.1 at most (FIDO_2_0, FIDO_2_1_PRE, FIDO_2_1): reading the number of credentials \
         without a PIN needs a CTAP 2.2 key and a token from `fidoctl token create --read-only`"
    );
    assert_eq!(doc.summary.unknown, 2);
    // --strict: unknown fails.
    s.audit(&[&s.key, &old], &["--strict"], 6);
}

#[test]
fn a_pin_change_makes_the_rules_unknown_and_names_the_token() {
    let s = Setup::new();
    s.create_token();
    s.key.run_env(&[("FIDOCTL_PIN", PIN), ("FIDOCTL_NEW_PIN", "271828")], &["pin", "change"]).success();
    let doc = s.audit(&[&s.key], &[], 0);
    let key = doc.key(&s.key.selector());
    let ended = key.facts().read_only_token_ended.clone().expect("the ended token is named");
    assert_eq!(
        key.verdict("allowed_rp_ids").reason,
        format!(
            "the stored read-only token {ended} no longer works (the key's PIN was changed or it was reset), so the \
             sites of its credentials cannot be read without a PIN; run `fidoctl token create --read-only` again"
        )
    );
}
