//! Every command that changes a key leaves its journal record: what was run, on which key,
//! what changed and what came of it (done, refused with the key's status, failed with
//! fidoctl's code), never a PIN or a token; `--journal-required` refuses before the key is
//! touched and `--no-journal` writes nothing.

mod common;

use common::cli::{clean_command, expect_error, run_on, run_on_with_stdin, TempKeys, VirtualKeyFile, FIDOCTL};
use common::creds::make_resident;
use common::journal::{poll, Rsyslog};
use fidoctl::journal::{chain, Arg, Change, CredentialId, Outcome, Record, Setting};
use std::path::Path;
use std::time::Duration;

const PIN: &str = "24681357";
const NEW_PIN: &str = "97531864";

fn records(path: &Path) -> Vec<Record> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    assert!(chain::verify(text.as_bytes()).valid(), "the chain breaks:\n{text}");
    text.lines().map(|l| Record::from_line(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}

fn last(key: &VirtualKeyFile) -> Record {
    records(&key.journal()).pop().expect("a record")
}

fn arg<'a>(r: &'a Record, name: &str) -> Option<&'a Arg> {
    r.args.iter().find(|a| a.name.as_str() == name)
}

/// The record of the run just made on `key`: its command and change, outcome done, the key
/// named by path, AAGUID and model.
#[track_caller]
fn expect_done(key: &VirtualKeyFile, command: &str, change: Change) -> Record {
    let r = last(key);
    assert_eq!((r.command.as_str(), &r.change, &r.outcome), (command, &change, &Outcome::Done), "{r:?}");
    assert_eq!(r.device.path, key.selector());
    assert_eq!(r.device.aaguid.as_deref(), Some("6f1d0c7a-5e1b-4c3e-9a7d-0f1d0c7a11e5"));
    assert_eq!(r.device.model.as_deref(), Some("fidoctl virtual key"));
    assert_eq!(r.fidoctl, env!("CARGO_PKG_VERSION"));
    r
}

#[test]
fn every_changing_command_leaves_its_record() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let with_pin = |pin: &str, args: &[&str]| key.run_env(&[("FIDOCTL_PIN", pin)], args);

    key.run_env(&[("FIDOCTL_NEW_PIN", PIN)], &["pin", "set"]).success();
    let r = expect_done(&key, "pin set", Change::PinSet);
    assert_eq!(arg(&r, "pin_stdin").map(|a| &a.value), Some(&fidoctl::journal::record::ArgValue::Flag(false)));
    key.run_env(&[("FIDOCTL_PIN", PIN), ("FIDOCTL_NEW_PIN", NEW_PIN)], &["pin", "change"]).success();
    expect_done(&key, "pin change", Change::PinChanged);

    with_pin(NEW_PIN, &["config", "always-uv", "on", "--yes"]).success();
    expect_done(&key, "config always-uv", Change::Setting { setting: Setting::AlwaysUv(true) });
    with_pin(NEW_PIN, &["config", "enterprise-attestation", "enable", "--yes"]).success();
    expect_done(
        &key,
        "config enterprise-attestation",
        Change::Setting { setting: Setting::EnterpriseAttestation(true) },
    );
    with_pin(NEW_PIN, &["pin", "min-length", "6", "--rp-id", "example.com", "--yes"]).success();
    let r = expect_done(
        &key,
        "pin min-length",
        Change::MinPinLength { length: 6, rp_ids: vec!["example.com".into()], force_change: false },
    );
    assert!(arg(&r, "yes").is_some() && arg(&r, "rp_id").is_some(), "{r:?}");

    // test --resident: what it made, and that it deleted it again.
    let out = with_pin(NEW_PIN, &["test", "--resident", "--json"]);
    out.success();
    let r = last(&key);
    assert_eq!((r.command.as_str(), &r.outcome), ("test", &Outcome::Done));
    let Change::TestCredential { rp_id, credential_id: Some(id), deleted: true } = &r.change else { panic!("{r:?}") };
    assert_eq!(rp_id, "test.fidoctl.invalid");
    let report = out.value();
    let step_detail = report["steps"][0]["detail"].as_str().unwrap_or_default().to_string();
    assert!(step_detail.contains(&id.b64url()), "the recorded id is the one made: {step_detail} vs {}", id.b64url());

    let a = make_resident(&key, NEW_PIN, "a.example", "alice", "Alice");
    make_resident(&key, NEW_PIN, "b.example", "bob", "Bob");
    let id_a = CredentialId(base64_decode(&a.credential_id));
    with_pin(NEW_PIN, &["creds", "update", &a.credential_id, "--display-name", "Alice A."]).success();
    expect_done(
        &key,
        "creds update",
        Change::CredentialUpdated {
            rp_id: "a.example".into(),
            credential_id: id_a.clone(),
            user_name: Some("alice".into()),
            display_name: Some("Alice A.".into()),
        },
    );
    with_pin(NEW_PIN, &["creds", "delete", &a.credential_id, "--yes"]).success();
    let r = expect_done(
        &key,
        "creds delete",
        Change::CredentialDeleted { rp_id: "a.example".into(), user_name: Some("alice".into()), credential_id: id_a },
    );
    assert!(
        matches!(arg(&r, "credential_id").map(|a| &a.value), Some(fidoctl::journal::record::ArgValue::Text(t)) if *t == a.credential_id)
    );

    with_pin(NEW_PIN, &["pin", "force-change", "--yes"]).success();
    expect_done(&key, "pin force-change", Change::ForcePinChange);
    key.run_env(&[("FIDOCTL_PIN", NEW_PIN), ("FIDOCTL_NEW_PIN", PIN)], &["pin", "change"]).success();
    expect_done(&key, "pin change", Change::PinChanged);

    // The reset knows the count when the PIN is given: b.example's credential is left.
    with_pin(PIN, &["reset", "--yes"]).success();
    expect_done(&key, "reset", Change::Reset { credential_count: Some(1) });
    // And without the PIN it does not.
    key.run(&["reset", "--yes"]).success();
    expect_done(&key, "reset", Change::Reset { credential_count: None });

    let all = records(&key.journal());
    let commands: Vec<&str> = all.iter().map(|r| r.command.as_str()).collect();
    assert_eq!(
        commands,
        [
            "pin set",
            "pin change",
            "config always-uv",
            "config enterprise-attestation",
            "pin min-length",
            "test",
            "creds update",
            "creds delete",
            "pin force-change",
            "pin change",
            "reset",
            "reset"
        ],
        "read-only commands (make-credential, creds list inside the others) leave no record"
    );
    // Reading the journal back shows them.
    let listing = key.run(&["--journal", key.journal().to_str().unwrap(), "journal", "--json"]);
    assert_eq!(listing.value()["records"].as_array().map(Vec::len), Some(12), "{}", listing.describe());
}

fn base64_decode(s: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(s).expect("base64url")
}

#[test]
fn a_change_that_finds_nothing_to_change_leaves_no_record() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    key.run(&["config", "always-uv", "off", "--yes"]).success().stdout_has("nothing was changed");
    assert!(!key.journal().exists());
    // `test` without --resident leaves nothing on the key.
    key.run(&["test"]).success();
    assert!(!key.journal().exists());
}

#[test]
fn refused_and_failed_changes_are_recorded_with_their_status() {
    let keys = TempKeys::new();
    let key = keys.create_with_pin("key.json", &[], PIN);

    // The key refuses a wrong current PIN.
    let out = key.run_env(&[("FIDOCTL_PIN", "11112222"), ("FIDOCTL_NEW_PIN", NEW_PIN)], &["pin", "change", "--json"]);
    expect_error(&out, 4, "pin_invalid");
    let r = last(&key);
    assert_eq!((r.command.as_str(), &r.change), ("pin change", &Change::PinChanged));
    assert_eq!(r.outcome, Outcome::Refused { status: "CTAP2_ERR_PIN_INVALID".into(), code: "pin_invalid".into() });

    // A setting the key refuses (the PIN token for it, with a wrong PIN).
    let out = key.run_env(&[("FIDOCTL_PIN", "11112222")], &["config", "always-uv", "on", "--yes", "--json"]);
    expect_error(&out, 4, "pin_invalid");
    let r = last(&key);
    assert_eq!(r.change, Change::Setting { setting: Setting::AlwaysUv(true) });
    assert!(matches!(&r.outcome, Outcome::Refused { status, .. } if status == "CTAP2_ERR_PIN_INVALID"), "{r:?}");

    // A reset declined at the key: refused with OPERATION_DENIED.
    let out = key.run_env(&[("FIDOCTL_VIRTUAL_PRESENCE", "deny")], &["reset", "--yes", "--json"]);
    expect_error(&out, 5, "reset_declined");
    let r = last(&key);
    assert_eq!(
        r.outcome,
        Outcome::Refused { status: "CTAP2_ERR_OPERATION_DENIED".into(), code: "reset_declined".into() }
    );

    // fidoctl's own refusals before sending are failures, not the key's refusals, even when
    // they share a status's code.
    let out = key.run_env(&[("FIDOCTL_PIN", PIN)], &["pin", "min-length", "3", "--yes", "--json"]);
    expect_error(&out, 1, "min_pin_length_not_lowered");
    let r = last(&key);
    assert_eq!(r.command, "pin min-length");
    assert_eq!(r.outcome, Outcome::Failed { code: "min_pin_length_not_lowered".into(), exit_code: 1 });
    let out = key.run_env(&[("FIDOCTL_NEW_PIN", NEW_PIN)], &["pin", "set", "--json"]);
    expect_error(&out, 4, "pin_already_set");
    assert_eq!(last(&key).outcome, Outcome::Failed { code: "pin_already_set".into(), exit_code: 4 });
    // No TTY and no --yes: nothing was sent, and the record says so.
    let out = key.run_env(&[("FIDOCTL_PIN", PIN)], &["pin", "force-change", "--json"]);
    expect_error(&out, 2, "confirmation_required");
    let r = last(&key);
    assert_eq!(
        (r.command.as_str(), &r.outcome),
        ("pin force-change", &Outcome::Failed { code: "confirmation_required".into(), exit_code: 2 })
    );
    // (and the `pin set` that gave the key its PIN)
    assert_eq!(records(&key.journal()).len(), 7);
}

#[test]
fn journal_required_refuses_before_the_key_is_touched() {
    let keys = TempKeys::new();
    let key = keys.create_with_pin("key.json", &[], PIN);
    let blocker = keys.path("not-a-folder");
    std::fs::write(&blocker, b"").unwrap();
    let journal = blocker.join("journal.jsonl");
    let journal = journal.to_str().unwrap();
    let made = make_resident(&key, PIN, "a.example", "alice", "Alice");
    let before = key.bytes();
    for args in [
        &["pin", "change"][..],
        &["pin", "min-length", "8", "--yes"],
        &["pin", "force-change", "--yes"],
        &["config", "always-uv", "on", "--yes"],
        &["config", "enterprise-attestation", "enable", "--yes"],
        &["creds", "delete", &made.credential_id, "--yes"],
        &["creds", "update", &made.credential_id, "--name", "x"],
        &["reset", "--yes"],
        &["test", "--resident"],
    ] {
        let mut all = vec!["--json", "--journal", journal, "--journal-required"];
        all.extend_from_slice(args);
        let out = run_on(&key.selector(), &[("FIDOCTL_PIN", PIN), ("FIDOCTL_NEW_PIN", NEW_PIN)], &all);
        let doc = expect_error(&out, 1, "journal_unwritable");
        assert!(doc.error.message.starts_with("The journal cannot take a record, so nothing was changed:"), "{doc:?}");
        assert_eq!(key.bytes(), before, "{args:?} touched the key");
    }
    // `pin set` too, on a key without a PIN.
    let fresh = keys.create("fresh.json", &[]);
    let before = fresh.bytes();
    let out = run_on(
        &fresh.selector(),
        &[("FIDOCTL_NEW_PIN", PIN)],
        &["--json", "--journal", journal, "--journal-required", "pin", "set"],
    );
    expect_error(&out, 1, "journal_unwritable");
    assert_eq!(fresh.bytes(), before);
    // Read-only commands do not need the journal.
    run_on(&key.selector(), &[], &["--journal", journal, "--journal-required", "info"]).success();
}

#[test]
fn no_journal_writes_nothing() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let state = keys.path("state");
    let out = run_on(
        &key.selector(),
        &[
            ("FIDOCTL_NEW_PIN", PIN),
            ("FIDOCTL_JOURNAL", key.journal().to_str().unwrap()),
            ("XDG_STATE_HOME", state.to_str().unwrap()),
        ],
        &["--no-journal", "pin", "set"],
    );
    out.success();
    assert!(out.stderr.is_empty(), "{}", out.describe());
    assert!(!key.journal().exists() && !state.exists());
    // Without --no-journal the same environment is used, so the test above means something.
    let out = run_on(
        &key.selector(),
        &[("FIDOCTL_PIN", PIN), ("FIDOCTL_JOURNAL", key.journal().to_str().unwrap())],
        &["config", "always-uv", "on", "--yes"],
    );
    out.success();
    assert_eq!(records(&key.journal()).len(), 1);
}

/// The strings a secret could appear as in a JSON line: as typed, hex (either case),
/// base64 and base64url.
fn forms(bytes: &[u8]) -> Vec<String> {
    use base64::Engine;
    vec![
        hex::encode(bytes),
        hex::encode_upper(bytes),
        base64::engine::general_purpose::STANDARD_NO_PAD.encode(bytes),
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes),
    ]
}

/// Every string value named `token` or `key_agreement` in the virtual key's state (its
/// current PIN token and key-agreement secret, hex).
fn secrets_in_state(v: &serde_json::Value, out: &mut Vec<Vec<u8>>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("token" | "key_agreement", serde_json::Value::String(h)) => {
                        out.extend(hex::decode(h).ok().filter(|b| b.len() >= 16))
                    }
                    _ => secrets_in_state(x, out),
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| secrets_in_state(x, out)),
        _ => {}
    }
}

#[test]
fn neither_the_journal_nor_syslog_holds_a_pin_or_a_token() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let syslog = Rsyslog::start(keys.dir());
    let socket = syslog.socket.to_str().unwrap().to_string();
    let journal = key.journal();
    let journal_s = journal.to_str().unwrap().to_string();
    let env = |extra: &[(&'static str, &'static str)]| {
        let mut e: Vec<(&str, &str)> = vec![
            ("FIDOCTL_JOURNAL_SYSLOG", "1"),
            ("FIDOCTL_JOURNAL_SYSLOG_SOCKET", &socket),
            ("FIDOCTL_JOURNAL", &journal_s),
        ];
        e.extend_from_slice(extra);
        e
    };
    let mut secrets: Vec<Vec<u8>> = Vec::new();
    let note_state = |secrets: &mut Vec<Vec<u8>>| secrets_in_state(&key.state(), secrets);
    run_on(&key.selector(), &env(&[("FIDOCTL_NEW_PIN", PIN)]), &["pin", "set"]).success();
    note_state(&mut secrets);
    run_on(&key.selector(), &env(&[("FIDOCTL_PIN", PIN)]), &["config", "always-uv", "on", "--yes"]).success();
    note_state(&mut secrets);
    run_on(&key.selector(), &env(&[("FIDOCTL_PIN", PIN)]), &["test", "--resident"]).success();
    note_state(&mut secrets);
    let out = run_on_with_stdin(
        &key.selector(),
        &env(&[]),
        &["--pin-stdin", "pin", "change"],
        &format!("{PIN}\n{NEW_PIN}\n"),
    );
    out.success();
    note_state(&mut secrets);
    // A wrong PIN, refused: its record must not quote it either.
    let out =
        run_on(&key.selector(), &env(&[("FIDOCTL_PIN", "13572468")]), &["pin", "force-change", "--yes", "--json"]);
    expect_error(&out, 4, "pin_invalid");
    note_state(&mut secrets);
    assert!(!secrets.is_empty(), "the virtual key's state file holds its token: {}", key.state());

    let written = records(&journal);
    assert_eq!(written.len(), 5);
    let arrived = poll(Duration::from_secs(60), || syslog.received().len() >= 5);
    assert!(arrived, "rsyslogd received {:?}\n{}", syslog.received(), syslog.stderr());
    let text = std::fs::read_to_string(&journal).unwrap();
    let received = syslog.received().join("\n");
    for pin in [PIN, NEW_PIN, "13572468"] {
        let mut needles = forms(pin.as_bytes());
        needles.push(pin.to_string());
        for n in &needles {
            assert!(!text.contains(n.as_str()), "the journal holds the PIN {pin} as {n}:\n{text}");
            assert!(!received.contains(n.as_str()), "syslog got the PIN {pin} as {n}:\n{received}");
        }
    }
    for secret in &secrets {
        for n in forms(secret) {
            assert!(
                !text.contains(&n) && !received.contains(&n),
                "a PIN token or key-agreement secret ({n}) was recorded"
            );
        }
    }
}

/// A key pulled out while it waits for the touch that would make the test credential: nobody
/// knows what it did, and the record says so.
#[test]
fn a_key_unplugged_during_the_change_is_recorded_as_unknown() {
    use std::process::Stdio;
    let keys = TempKeys::new();
    let key = keys.create_with_pin("key.json", &[], PIN);
    let socket = keys.path("k.sock");
    let mut server = clean_command(FIDOCTL)
        .args(["virtual", "serve"])
        .arg(&key.path)
        .arg("--socket")
        .arg(&socket)
        .env("FIDOCTL_VIRTUAL_PRESENCE", "delay:20000")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve");
    assert!(poll(Duration::from_secs(10), || socket.exists()), "the server never listened");
    let mut client = clean_command(FIDOCTL)
        .args(["-vv", "-d", &format!("unix:{}", socket.display()), "test", "--resident"])
        .env("FIDOCTL_PIN", PIN)
        .env("FIDOCTL_JOURNAL", key.journal())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("client");
    let (status, text) = common::trace::unplug_while_waiting_for_touch(&mut server, &mut client);
    assert_eq!(status.code(), Some(3), "{text}");
    let r = last(&key);
    assert_eq!(r.command, "test");
    assert_eq!(r.device.path, format!("unix:{}", socket.display()));
    assert_eq!(
        r.change,
        Change::TestCredential { rp_id: "test.fidoctl.invalid".into(), credential_id: None, deleted: false }
    );
    assert!(
        matches!(&r.outcome, Outcome::Unknown { code, note } if code == "device_disconnected" && note.contains("may or may not")),
        "{r:?}"
    );
}
