//! CTAP 2.2 PIN limits through the binary, on `ctap2.2` virtual keys whose PIN policy is set
//! with FIDOCTL_VIRTUAL_PIN_POLICY: a new PIN longer than the key's maxPINLength is refused
//! before anything is sent; a PIN the key's complexity policy refuses (PIN_POLICY_VIOLATION)
//! gets a help-desk sentence naming the policy's URL when the key gives one.

mod common;

use common::cli::{expect_error, TempKeys, VirtualKeyFile};

const POLICY_ENV: &str = "FIDOCTL_VIRTUAL_PIN_POLICY";
const URL: &str = "https://pins.example/policy";
const REFUSED_SET: &str =
    "fidoctl: The key refused the new PIN: it does not meet the key's PIN complexity policy. No PIN was set.\n";

fn ctap22(keys: &TempKeys, name: &str) -> VirtualKeyFile {
    keys.create(name, &["--profile", "ctap2.2"])
}

fn pin_set(key: &VirtualKeyFile, policy: &str, pin: &str, json: bool) -> common::cli::Run {
    let mut args = vec!["pin", "set"];
    if json {
        args.push("--json");
    }
    key.run_env(&[(POLICY_ENV, policy), ("FIDOCTL_NEW_PIN", pin)], &args)
}

fn has_pin(key: &VirtualKeyFile) -> bool {
    !key.state()["pin"].is_null()
}

#[test]
fn the_complexity_policy_refuses_with_its_url_and_accepts_an_allowed_pin() {
    let keys = TempKeys::new();
    let key = ctap22(&keys, "k.json");
    let policy = format!("complexity,url={URL}");
    for refused in ["123456", "999999", "98765"] {
        let run = pin_set(&key, &policy, refused, false);
        run.expect_code(4);
        assert_eq!(
            run.stderr,
            format!(
                "{REFUSED_SET}The key's policy is described at {URL}. Choose a PIN that follows it and run `fidoctl \
                 pin set` again.\n"
            ),
            "{refused}"
        );
        assert!(!has_pin(&key), "{refused}");
    }
    let err = expect_error(&pin_set(&key, &policy, "123456", true), 4, "pin_policy_violation");
    assert!(err.error.hint.as_deref().unwrap_or_default().contains(URL), "{:?}", err.error);

    pin_set(&key, &policy, "271828", false).success();
    assert!(has_pin(&key));

    // pin change: the same rules for the new PIN.
    let change = |new: &str| {
        key.run_env(
            &[(POLICY_ENV, policy.as_str()), ("FIDOCTL_PIN", "271828"), ("FIDOCTL_NEW_PIN", new)],
            &["pin", "change"],
        )
    };
    let run = change("0000");
    run.expect_code(4);
    assert_eq!(
        run.stderr,
        format!(
            "fidoctl: The key refused the new PIN: it does not meet the key's PIN complexity policy. The PIN was not \
             changed.\nThe key's policy is described at {URL}. Choose a PIN that follows it and run `fidoctl pin \
             change` again.\n"
        )
    );
    change("314159").success();
    key.run_env(&[("FIDOCTL_PIN", "314159")], &["pin", "verify"]).success();
}

#[test]
fn without_a_url_the_sentence_says_what_to_avoid() {
    let keys = TempKeys::new();
    let key = ctap22(&keys, "k.json");
    let run = pin_set(&key, "complexity", "4444", false);
    run.expect_code(4);
    assert_eq!(
        run.stderr,
        format!(
            "{REFUSED_SET}The key does not say what its policy asks. Avoid repeated characters (1111) and sequences \
             (123456), choose a longer PIN, and run `fidoctl pin set` again.\n"
        )
    );
}

#[test]
fn a_pin_longer_than_the_keys_maximum_is_refused_before_sending() {
    let keys = TempKeys::new();
    let key = ctap22(&keys, "k.json");
    let before = key.bytes();
    let run = pin_set(&key, "max=8", "135792468", false);
    run.expect_code(4);
    assert_eq!(
        run.stderr,
        "fidoctl: The new PIN is too long for this key: it has 9 characters and this key accepts at most 8 (its \
         maxPINLength).\nChoose a PIN of at most 8 characters.\n"
    );
    assert_eq!(key.bytes(), before, "nothing was sent: the key's state file is untouched");
    expect_error(&pin_set(&key, "max=8", "135792468", true), 4, "pin_policy_violation");
    pin_set(&key, "max=8", "13579246", false).success();

    let run = key.run_env(
        &[(POLICY_ENV, "max=8"), ("FIDOCTL_PIN", "13579246"), ("FIDOCTL_NEW_PIN", "1357924680")],
        &["pin", "change"],
    );
    run.expect_code(4).stderr_has("this key accepts at most 8 (its maxPINLength)");
    key.run_env(&[("FIDOCTL_PIN", "13579246")], &["pin", "verify"]).success();
}

#[test]
fn keys_before_ctap_2_2_have_no_such_policy() {
    let keys = TempKeys::new();
    let key = keys.create("old.json", &[]);
    pin_set(&key, "complexity,max=4", "123456", false).success();
}
