//! Exchanges: `fidoctl test` (the health check), `make-credential` and `get-assertion`
//! against fresh virtual keys — every profile, with and without a PIN, a touch declined, not
//! given, waited for too long or interrupted by Ctrl-C, a full key, an excluded credential,
//! EdDSA, several discoverable credentials, the signature counter and every field of the JSON.
//!
//! What the key returned is checked independently (tests/common/exchange.rs): the signatures,
//! keys and attestation are verified here with p256 / ed25519-dalek / x509-cert, never with
//! fidoctl's own verification code.

mod common;

use common::cli::{
    assert_failure_text, clean_command, error_doc, run, run_on_with_stdin, virtual_selector, wait_bounded, Run,
    TempKeys, VirtualKeyFile, FIDOCTL,
};
use common::creds::creds_list;
use common::exchange::{client_data_hash, AuthData, PackedAttestation, PublicKey, FLAG_AT, FLAG_UP, FLAG_UV};
use common::schema::{from_b64url, AssertionEntry, Assertions, Attestation, Counter, HealthCheck, MadeCredential};
use common::state::{attestation_ca, stored_credentials};
use common::trace::{cbor_commands_sent, saw_upneeded, traffic, CTAP2_MAKE_CREDENTIAL, HID_CANCEL, HID_KEEPALIVE};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PIN: &str = "314159";
const DEFAULT_AAGUID: &str = "6f1d0c7a-5e1b-4c3e-9a7d-0f1d0c7a11e5";
const TEST_RP: &str = "test.fidoctl.invalid";
const CHECK_STEPS: [&str; 4] =
    ["register (makeCredential)", "verify attestation", "sign in (getAssertion)", "verify signature"];
const DELETE_STEP: &str = "delete test credential";
const CHECK_STEP_IDS: [&str; 4] = ["register", "verify_attestation", "sign_in", "verify_signature"];

const DECLINED: &str = "The request was declined at the security key.";
const DECLINED_HINT: &str = "Nothing was changed. Run the command again and confirm on the key.";
const KEY_TIMED_OUT: &str = "Nobody touched the key in time, so it stopped waiting.";
const CANCELLED: &str = "The operation was cancelled before it finished.";
const STORE_FULL: &str = "The key has no room left for another credential stored on it.";
const STORE_FULL_HINT: &str =
    "Delete credentials that are no longer needed with `fidoctl creds delete`, then try again.";
const EXCLUDED: &str = "This key is already registered for this account, so it did not register a second time.";
const BAD_CDH: &str = "--client-data-hash must be 64 hex digits (a SHA-256 hash)";
const NO_PIN_SOURCE: &str = "A PIN is needed, but standard input is not a terminal and no PIN was given.";

/// The counter went up, and says so.
#[track_caller]
fn assert_counter_increases(counter: &Counter) {
    assert_eq!(counter.verdict, "increasing", "{counter:?}");
    assert!(counter.after > counter.before, "{counter:?}");
}

/// The test credential's id (hex, as the state file keeps it), from its typed field; the
/// register step's words name the same credential.
#[track_caller]
fn registered_id(doc: &HealthCheck) -> String {
    assert_eq!(doc.steps[0].id, "register");
    assert_eq!(doc.steps[0].detail, format!("credential {}", doc.credential_id));
    hex::encode(from_b64url(&doc.credential_id))
}

/// A verified packed attestation with one certificate.
#[track_caller]
fn assert_packed_chain_of_one(a: &Attestation) {
    assert_eq!((a.format.as_str(), a.trust.as_str(), a.chain_length), ("packed", "certificate_chain", 1), "{a:?}");
    assert_eq!(a.detail, "packed, certificate chain of 1");
}

#[track_caller]
fn health_check_json(run: &Run) -> HealthCheck {
    let doc: HealthCheck = run.doc();
    assert_eq!(doc.rp_id, TEST_RP);
    assert!(doc.steps.iter().all(|s| s.ok), "every step ok\n{}", run.describe());
    assert_eq!(doc.result, "pass");
    assert_eq!((doc.algorithm.alg, doc.algorithm.name()), (-7, "ES256"));
    assert_packed_chain_of_one(&doc.attestation);
    assert_counter_increases(&doc.counter);
    doc
}

/// A successful `make-credential --json`.
#[track_caller]
fn made(run: &Run) -> MadeCredential {
    run.doc()
}

/// A successful `get-assertion --json`.
#[track_caller]
fn asserted(run: &Run) -> Assertions {
    run.doc()
}

/// Verify one assertion of `rp` with `key`, independently: rpIdHash, UP, the signature over
/// authenticatorData || clientDataHash. Returns the parsed authenticator data.
#[track_caller]
fn verify_assertion(a: &AssertionEntry, rp: &str, cdh: &[u8; 32], key: &PublicKey) -> AuthData {
    let raw = from_b64url(&a.authenticator_data);
    let auth_data = AuthData::parse(&raw);
    assert_eq!(auth_data.rp_id_hash, AuthData::rp_id_hash_of(rp));
    assert_ne!(auth_data.flags & FLAG_UP, 0, "UP set");
    assert_eq!(auth_data.flags & FLAG_AT, 0, "no attested credential in an assertion");
    assert_eq!(auth_data.sign_count, a.sign_count, "the JSON counter is the signed one");
    assert_eq!(auth_data.flags & FLAG_UV != 0, a.user_verified);
    let message = [raw.as_slice(), cdh].concat();
    key.verify(&message, &from_b64url(&a.signature)).unwrap_or_else(|e| panic!("{e}: {a:?}"));
    auth_data
}

// --- fidoctl test ------------------------------------------------------------------------------

fn health_check_passes(profile: &str) {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &["--profile", profile]);

    let text = key.run(&["test"]);
    text.success().stdout_has(&format!("Health check of {} (PASSED):", key.selector()));
    for step in CHECK_STEPS {
        text.stdout_has(&format!("[ok] {step}"));
    }
    text.stdout_has("  counter: 1 -> 2 (increasing)");
    assert!(text.stderr.is_empty(), "nothing on stderr\n{}", text.describe());

    let json = key.run(&["test", "--json"]);
    json.success();
    let doc = health_check_json(&json);
    assert_eq!(doc.device, key.selector());
    assert!(!doc.resident && !doc.uv);
    assert_eq!(doc.cleaned_up, None);
    assert_eq!(doc.step_names(), CHECK_STEPS);
    assert_eq!(doc.step_ids(), CHECK_STEP_IDS);
    assert_eq!(
        (doc.counter.before, doc.counter.after, doc.counter.verdict.as_str()),
        (3, 4, "increasing"),
        "one count per makeCredential and getAssertion"
    );
    // It really registered: the key holds that credential (not discoverable).
    let id = registered_id(&doc);
    assert!(stored_credentials(&key).iter().any(|c| c.rp_id == TEST_RP && !c.discoverable && c.id == id));
    assert!(stored_credentials(&key).iter().all(|c| !c.discoverable), "nothing discoverable made");
}

#[test]
fn health_check_ctap2_1() {
    health_check_passes("ctap2.1");
}

#[test]
fn health_check_ctap2_1_pre() {
    health_check_passes("ctap2.1-pre");
}

#[test]
fn health_check_ctap2_0() {
    health_check_passes("ctap2.0");
}

/// `test --uv` with a PIN set: the PIN gives a token for the registration and a fresh one
/// for the sign-in (the first loses its permissions with makeCredential).
fn health_check_with_pin(profile: &str) {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &["--profile", profile]);
    key.set_pin(PIN);

    let run = key.run_env(&[("FIDOCTL_PIN", PIN)], &["test", "--uv", "--json"]);
    run.success().never_shows(PIN);
    let doc = health_check_json(&run);
    assert!(doc.uv && !doc.resident, "{doc:?}");
    assert_eq!(doc.step_names(), CHECK_STEPS);

    // The PIN on standard input works the same.
    let stdin_run =
        run_on_with_stdin(&key.selector(), &[], &["test", "--uv", "--pin-stdin", "--json"], &format!("{PIN}\n"));
    stdin_run.success().never_shows(PIN);
    assert!(health_check_json(&stdin_run).uv);

    // No PIN source and no terminal: a clear refusal at once, never a hang.
    let no_pin = key.run(&["test", "--uv", "--json"]);
    let err = error_doc(&no_pin, 4);
    assert_eq!(err.error.message, NO_PIN_SOURCE);
    // A wrong PIN is a PIN error, and nothing is registered with it.
    let before = stored_credentials(&key);
    let wrong = key.run_env(&[("FIDOCTL_PIN", "999999")], &["test", "--uv", "--json"]);
    assert_eq!(error_doc(&wrong, 4).error.code, "pin_invalid", "{}", wrong.describe());
    assert_eq!(stored_credentials(&key), before);
}

#[test]
fn health_check_with_pin_ctap2_1() {
    health_check_with_pin("ctap2.1");
}

#[test]
fn health_check_with_pin_ctap2_1_pre() {
    health_check_with_pin("ctap2.1-pre");
}

#[test]
fn health_check_with_pin_ctap2_0() {
    health_check_with_pin("ctap2.0");
}

/// `test --resident` makes a discoverable credential, signs in with it without an allow
/// list, and deletes it again: the key ends as it began.
fn health_check_resident_cleans_up(profile: &str) {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &["--profile", profile, "--max-resident", "3"]);
    key.set_pin(PIN);
    let before = creds_list(&key, PIN, &[]);
    assert_eq!((before.existing, before.remaining, before.rps.len()), (0, 3, 0));

    let run = key.run_env(&[("FIDOCTL_PIN", PIN)], &["test", "--resident", "--json"]);
    run.success().never_shows(PIN);
    let doc = health_check_json(&run);
    assert!(doc.resident && doc.uv, "a discoverable credential on a key with a PIN needs UV");
    assert_eq!(doc.cleaned_up, Some(true));
    let mut steps = CHECK_STEPS.to_vec();
    steps.push(DELETE_STEP);
    assert_eq!(doc.step_names(), steps);
    assert_eq!((doc.steps[4].id.as_str(), doc.steps[4].detail.as_str()), ("delete_credential", "deleted"));

    let after = creds_list(&key, PIN, &[]);
    assert_eq!(after.existing, 0, "{after:?}");
    assert_eq!(after.remaining, 3, "every slot free again");
    assert!(after.rps.is_empty(), "{after:?}");
    assert!(stored_credentials(&key).iter().all(|c| !c.discoverable));

    let text = key.run_env(&[("FIDOCTL_PIN", PIN)], &["test", "--resident"]);
    text.success()
        .stdout_has("(PASSED)")
        .stdout_has("[ok] delete test credential")
        .stdout_has("the test credential was deleted again");
    assert_eq!(creds_list(&key, PIN, &[]).existing, 0);
}

#[test]
fn health_check_resident_cleans_up_ctap2_1() {
    health_check_resident_cleans_up("ctap2.1");
}

#[test]
fn health_check_resident_cleans_up_ctap2_1_pre() {
    health_check_resident_cleans_up("ctap2.1-pre");
}

#[test]
fn health_check_resident_on_ctap2_0_refuses_before_creating_anything() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &["--profile", "ctap2.0"]);
    let state_before = key.state();
    let refused = |run: &Run| {
        let doc = error_doc(run, 1);
        assert_eq!(doc.error.code, "cred_mgmt_unsupported");
        assert_eq!(
            doc.error.message,
            "This key cannot delete single credentials, so `fidoctl test --resident` would leave a credential behind; nothing was created."
        );
        assert_eq!(doc.error.hint.as_deref(), Some("Run `fidoctl test` without --resident."));
        assert!(!cbor_commands_sent(run).contains(&CTAP2_MAKE_CREDENTIAL), "makeCredential sent\n{}", run.describe());
    };
    refused(&key.run(&["test", "--resident", "--json", "-vv"]));
    assert!(key.state()["credentials"].as_array().unwrap().is_empty());
    assert_eq!(key.state()["sign_count"], state_before["sign_count"]);

    // With a PIN set it refuses the same way, before asking for the PIN.
    key.set_pin(PIN);
    refused(&key.run(&["test", "--resident", "--json", "-vv"]));
    assert!(key.state()["credentials"].as_array().unwrap().is_empty(), "the state file's credentials stay empty");
}

/// Deleting the test credential needs a PIN token: on a key without a PIN, `test --resident`
/// must refuse up front rather than leave a discoverable credential behind.
#[test]
fn health_check_resident_without_a_pin_refuses_before_creating_anything() {
    for profile in ["ctap2.1", "ctap2.1-pre"] {
        let keys = TempKeys::new();
        let key = keys.create("key.json", &["--profile", profile]);
        let run = key.run(&["test", "--resident", "--json", "-vv"]);
        let doc = error_doc(&run, 4);
        assert_eq!(doc.error.code, "pin_not_set", "{profile}");
        assert_eq!(
            doc.error.message,
            "This key has no PIN, and deleting the test credential needs one, so `fidoctl test --resident` would leave a credential behind; nothing was created."
        );
        assert!(doc.error.hint.as_deref().is_some_and(|h| h.contains("fidoctl pin set")), "{:?}", doc.error.hint);
        assert!(!cbor_commands_sent(&run).contains(&CTAP2_MAKE_CREDENTIAL), "{profile}\n{}", run.describe());
        assert!(key.state()["credentials"].as_array().unwrap().is_empty(), "{profile}: a credential was left behind");
    }
}

// --- the touch: declined, not given, waited for too long, Ctrl-C -----------------------------------

#[test]
fn presence_denied_exits_5() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let cred = made(&key.run(&["make-credential", "--rp", "deny.example", "--json"]));
    let before = stored_credentials(&key);
    let deny = [("FIDOCTL_VIRTUAL_PRESENCE", "deny")];
    let commands: [&[&str]; 4] = [
        &["test", "--json"],
        &["make-credential", "--rp", "deny.example", "--json"],
        &["make-credential", "--rp", "deny.example", "--resident", "--json"],
        &["get-assertion", "--rp", "deny.example", "--cred", &cred.credential_id, "--json"],
    ];
    for args in commands {
        let run = key.run_env(&deny, args);
        let doc = error_doc(&run, 5);
        assert_eq!(doc.error.code, "operation_denied", "{args:?}");
        assert_eq!(doc.error.message, DECLINED, "{args:?}");
        assert_eq!(doc.error.hint.as_deref(), Some(DECLINED_HINT), "{args:?}");
    }
    assert_eq!(stored_credentials(&key), before, "a declined registration stores nothing");
    let text = key.run_env(&deny, &["make-credential", "--rp", "deny.example"]);
    assert_failure_text(&text, 5, DECLINED, DECLINED_HINT);
}

#[test]
fn presence_timeout_at_the_key_exits_5() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let cred = made(&key.run(&["make-credential", "--rp", "late.example", "--json"]));
    let before = stored_credentials(&key);
    let commands: [&[&str]; 3] = [
        &["test", "--json"],
        &["make-credential", "--rp", "late.example", "--json"],
        &["get-assertion", "--rp", "late.example", "--cred", &cred.credential_id, "--json"],
    ];
    for args in commands {
        let run = key.run_env(&[("FIDOCTL_VIRTUAL_PRESENCE", "timeout")], args);
        let doc = error_doc(&run, 5);
        assert_eq!(doc.error.code, "user_action_timeout", "{args:?}");
        assert_eq!(doc.error.message, KEY_TIMED_OUT, "{args:?}");
    }
    assert_eq!(stored_credentials(&key), before);
}

/// `--timeout 1` while the key waits 5 s for its touch: fidoctl gives up, tells the key to
/// stop (CTAPHID_CANCEL on its channel) and exits 5. Nothing is registered.
#[test]
fn host_timeout_cancels_at_the_key_and_exits_5() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let run = key.run_env(
        &[("FIDOCTL_VIRTUAL_PRESENCE", "delay:5000")],
        &["--timeout", "1", "make-credential", "--rp", "slow.example", "--json", "-vv"],
    );
    let doc = error_doc(&run, 5);
    assert_eq!(doc.error.code, "touch_timeout");
    assert!(doc.error.message.starts_with("Nobody touched the security key within 1 second"), "{}", doc.error.message);
    assert!(doc.error.hint.as_deref().is_some_and(|h| h.contains("--timeout")), "{:?}", doc.error.hint);

    let trace = traffic(&run.stderr);
    let request = trace
        .iter()
        .position(|t| t.ctap2_request() == Some(CTAP2_MAKE_CREDENTIAL))
        .unwrap_or_else(|| panic!("no makeCredential request\n{}", run.describe()));
    let channel = trace[request].channel().expect("the request's channel");
    let after = &trace[request + 1..];
    assert!(
        after.iter().any(|t| !t.out && (t.channel(), t.command()) == (Some(channel), Some(HID_KEEPALIVE))),
        "the key was waiting for a touch\n{}",
        run.describe()
    );
    assert!(
        after.iter().any(|t| t.out && (t.channel(), t.command()) == (Some(channel), Some(HID_CANCEL))),
        "CTAPHID_CANCEL sent to the key on its channel\n{}",
        run.describe()
    );
    assert!(stored_credentials(&key).is_empty(), "nothing registered");
}

/// Kills the child (if still running) when a test fails before it ends.
struct ChildGuard(Child);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// Ctrl-C while the key waits for a touch: CTAPHID_CANCEL, the key answers KEEPALIVE_CANCEL,
/// exit 5, and no credential.
#[test]
fn ctrl_c_while_waiting_for_a_touch_cancels_and_exits_5() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let (out_path, err_path) = (keys.path("stdout.json"), keys.path("stderr.txt"));
    let mut cmd = clean_command(FIDOCTL);
    cmd.env("FIDOCTL_VIRTUAL_PRESENCE", "delay:20000")
        .args(["-d", &key.selector(), "make-credential", "--rp", "x.example", "--json", "-vv"])
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap());
    let mut child = ChildGuard(cmd.spawn().expect("spawn fidoctl"));
    let stderr = || std::fs::read_to_string(&err_path).unwrap_or_default();

    // Wait (bounded) until the key asks for the touch: fidoctl is then waiting, with its
    // Ctrl-C handler in place.
    let deadline = Instant::now() + Duration::from_secs(15);
    while !saw_upneeded(&stderr()) {
        if let Some(status) = child.0.try_wait().unwrap() {
            panic!("fidoctl ended ({status}) before waiting for a touch:\n{}", stderr());
        }
        assert!(Instant::now() < deadline, "no KEEPALIVE UPNEEDED in the trace within 15 s:\n{}", stderr());
        std::thread::sleep(Duration::from_millis(20));
    }
    let kill = Command::new("kill").args(["-INT", &child.0.id().to_string()]).status().expect("run kill");
    assert!(kill.success(), "kill -INT failed");

    let status = wait_bounded(&mut child.0, Duration::from_secs(15))
        .unwrap_or_else(|| panic!("fidoctl still running 15 s after Ctrl-C:\n{}", stderr()));
    let run = Run {
        command: format!("{cmd:?} + SIGINT"),
        code: status.code(),
        stdout: std::fs::read_to_string(&out_path).unwrap(),
        stderr: stderr(),
    };
    let doc = error_doc(&run, 5);
    // keepalive_cancel (not fidoctl's own "cancelled"): the key got the CANCEL and answered it.
    assert_eq!(doc.error.code, "keepalive_cancel", "{}", run.describe());
    assert_eq!(doc.error.message, CANCELLED);
    assert!(
        traffic(&run.stderr).iter().any(|t| t.out && t.command() == Some(HID_CANCEL)),
        "CTAPHID_CANCEL in the trace\n{}",
        run.describe()
    );
    assert!(stored_credentials(&key).is_empty(), "Ctrl-C registered nothing");
}

// --- make-credential / get-assertion --------------------------------------------------------------

#[test]
fn make_credential_json_fields() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let (cdh_hex, cdh) = client_data_hash(1);
    let run = key.run(&["make-credential", "--rp", "fields.example", "--client-data-hash", &cdh_hex, "--json"]);
    let doc = made(&run);

    assert_eq!(doc.device, key.selector());
    assert_eq!(doc.rp_id, "fields.example");
    assert_eq!(doc.aaguid, DEFAULT_AAGUID);
    assert_eq!((doc.algorithm.alg, doc.algorithm.name()), (-7, "ES256"));
    assert_eq!(doc.attestation_format, "packed");
    assert_packed_chain_of_one(&doc.attestation);
    assert!(!doc.user_verified && !doc.resident);
    assert_eq!(from_b64url(&doc.client_data_hash), cdh, "the hash given is the hash signed");
    let credential_id = from_b64url(&doc.credential_id);
    assert!(credential_id.len() >= 16, "a credential id of {} bytes", credential_id.len());
    assert!(!from_b64url(&doc.user_id).is_empty());

    // The public key, two ways, the same key.
    let cose = from_b64url(&doc.public_key_cose);
    let key_from_cose = PublicKey::from_cose(&cose);
    assert!(matches!(key_from_cose, PublicKey::P256(_)));
    assert_eq!(PublicKey::from_pem(&doc.public_key_pem), key_from_cose, "PEM and COSE name the same key");

    // The attestation object: packed, {alg, sig, x5c}, over the same authenticator data.
    let att = PackedAttestation::decode(&from_b64url(&doc.attestation_object));
    assert_eq!(att.alg, -7);
    assert_eq!(att.x5c.len(), 1);
    assert_eq!(att.auth_data_raw, from_b64url(&doc.authenticator_data));
    att.verify(&cdh, &attestation_ca(&key.path)).expect("the attestation verifies up to the key's test CA");
    // (The check is real: another key's CA, or another client data hash, does not verify.)
    let stranger = keys.create("stranger.json", &[]);
    assert!(att.verify(&cdh, &attestation_ca(&stranger.path)).is_err());
    assert!(att.verify(&client_data_hash(9).1, &attestation_ca(&key.path)).is_err());
    assert!(att.leaf_subject().contains("OU=Authenticator Attestation"), "{}", att.leaf_subject());

    let auth_data = AuthData::parse(&att.auth_data_raw);
    assert_eq!(auth_data.rp_id_hash, AuthData::rp_id_hash_of("fields.example"));
    assert_eq!(auth_data.flags, FLAG_UP | FLAG_AT, "UP and AT; no UV without a PIN");
    assert_eq!(auth_data.sign_count, doc.sign_count);
    let (aaguid, id, key_bytes) = auth_data.attested.expect("an attested credential");
    assert_eq!(hex::encode(aaguid), DEFAULT_AAGUID.replace('-', ""));
    assert_eq!(id, credential_id);
    assert_eq!(key_bytes, cose, "public_key_cose is the key in the authenticator data");

    // The text form names the credential.
    let text = key.run(&["make-credential", "--rp", "fields.example"]);
    text.success();
    let line = text.stdout.trim_end();
    assert!(
        line.starts_with("Registered credential ")
            && line.ends_with(" for fields.example (packed, certificate chain of 1)."),
        "{}",
        text.describe()
    );
    let id_text = line.trim_start_matches("Registered credential ").split(' ').next().unwrap();
    assert!(stored_credentials(&key).iter().any(|c| c.id == hex::encode(from_b64url(id_text))));

    // --resident with names: a discoverable credential the key keeps.
    let rk = made(&key.run(&[
        "make-credential",
        "--rp",
        "fields.example",
        "--resident",
        "--user-name",
        "alice",
        "--display-name",
        "Alice A.",
        "--json",
    ]));
    assert!(rk.resident);
    let hex_id = hex::encode(from_b64url(&rk.credential_id));
    assert!(stored_credentials(&key).iter().any(|c| c.rp_id == "fields.example" && c.discoverable && c.id == hex_id));
    let found = asserted(&key.run(&["get-assertion", "--rp", "fields.example", "--json"]));
    assert_eq!(found.assertions.len(), 1);
    assert_eq!(found.assertions[0].credential_id, rk.credential_id);
    assert_eq!(found.assertions[0].user_id.as_deref(), Some(rk.user_id.as_str()));
}

#[test]
fn eddsa_credential_signs_in() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let (cdh_hex, cdh) = client_data_hash(2);
    let doc = made(&key.run(&[
        "make-credential",
        "--rp",
        "ed.example",
        "--alg",
        "eddsa",
        "--client-data-hash",
        &cdh_hex,
        "--json",
    ]));
    assert_eq!((doc.algorithm.alg, doc.algorithm.name()), (-8, "EdDSA"));
    let public = PublicKey::from_cose(&from_b64url(&doc.public_key_cose));
    assert!(matches!(public, PublicKey::Ed25519(_)), "an OKP Ed25519 COSE key");
    assert_eq!(PublicKey::from_pem(&doc.public_key_pem), public);
    assert!(doc.public_key_pem.starts_with("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA"), "Ed25519 SPKI");
    // The attestation is still the key's ES256 certificate, over the EdDSA credential.
    let att = PackedAttestation::decode(&from_b64url(&doc.attestation_object));
    att.verify(&cdh, &attestation_ca(&key.path)).expect("attestation verifies");

    let (cdh2_hex, cdh2) = client_data_hash(3);
    let run = key.run(&[
        "get-assertion",
        "--rp",
        "ed.example",
        "--cred",
        &doc.credential_id,
        "--client-data-hash",
        &cdh2_hex,
        "--json",
    ]);
    let got = asserted(&run);
    assert_eq!(got.rp_id, "ed.example");
    assert_eq!(from_b64url(&got.client_data_hash), cdh2);
    assert_eq!(got.assertions.len(), 1);
    let a = &got.assertions[0];
    assert_eq!(a.credential_id, doc.credential_id);
    assert_eq!(a.user_id, None, "no user for a non-discoverable credential");
    let auth_data = verify_assertion(a, "ed.example", &cdh2, &public);
    assert!(auth_data.sign_count > doc.sign_count);
    // The signature is over this client data hash, not another.
    let message = [from_b64url(&a.authenticator_data), cdh.to_vec()].concat();
    assert!(public.verify(&message, &from_b64url(&a.signature)).is_err());
}

#[test]
fn discoverable_credentials_come_newest_first() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let rp = "two.example";
    let first = made(&key.run(&["make-credential", "--rp", rp, "--resident", "--user-name", "first", "--json"]));
    let second = made(&key.run(&["make-credential", "--rp", rp, "--resident", "--user-name", "second", "--json"]));
    // Neither of these may be offered: another RP's, and a non-discoverable one.
    made(&key.run(&["make-credential", "--rp", "other.example", "--resident", "--json"]));
    made(&key.run(&["make-credential", "--rp", rp, "--json"]));

    let (cdh_hex, cdh) = client_data_hash(4);
    let got = asserted(&key.run(&["get-assertion", "--rp", rp, "--client-data-hash", &cdh_hex, "--json"]));
    let ids: Vec<&str> = got.assertions.iter().map(|a| a.credential_id.as_str()).collect();
    assert_eq!(ids, [second.credential_id.as_str(), first.credential_id.as_str()], "both, newest first");
    let users: Vec<Option<&str>> = got.assertions.iter().map(|a| a.user_id.as_deref()).collect();
    assert_eq!(users, [Some(second.user_id.as_str()), Some(first.user_id.as_str())]);
    let mut counters = Vec::new();
    for (a, cred) in got.assertions.iter().zip([&second, &first]) {
        let public = PublicKey::from_cose(&from_b64url(&cred.public_key_cose));
        counters.push(verify_assertion(a, rp, &cdh, &public).sign_count);
    }
    assert!(counters[1] > counters[0], "getNextAssertion counts too: {counters:?}");

    let text = key.run(&["get-assertion", "--rp", rp]);
    text.success();
    let lines: Vec<&str> = text.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", text.describe());
    assert!(lines[0].starts_with(&format!("Signed in with credential {} (counter ", second.credential_id)));
    assert!(lines[1].starts_with(&format!("Signed in with credential {} (counter ", first.credential_id)));
}

#[test]
fn signature_counter_increases() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let cred = made(&key.run(&["make-credential", "--rp", "count.example", "--json"]));
    let public = PublicKey::from_cose(&from_b64url(&cred.public_key_cose));
    let mut last = cred.sign_count;
    for seed in 10..13 {
        let (cdh_hex, cdh) = client_data_hash(seed);
        let got = asserted(&key.run(&[
            "get-assertion",
            "--rp",
            "count.example",
            "--cred",
            &cred.credential_id,
            "--client-data-hash",
            &cdh_hex,
            "--json",
        ]));
        let count = verify_assertion(&got.assertions[0], "count.example", &cdh, &public).sign_count;
        assert!(count > last, "{last} -> {count}");
        last = count;
    }
    // A credential id written as hex names the same credential.
    let hex_id = format!("hex:{}", hex::encode(from_b64url(&cred.credential_id)));
    let got = asserted(&key.run(&["get-assertion", "--rp", "count.example", "--cred", &hex_id, "--json"]));
    assert_eq!(got.assertions[0].credential_id, cred.credential_id);
    assert!(got.assertions[0].sign_count > last);
    // The signature covers the client data hash: with another one it does not verify.
    let (_, other_cdh) = client_data_hash(99);
    let a = &got.assertions[0];
    let message = [from_b64url(&a.authenticator_data), other_cdh.to_vec()].concat();
    assert!(public.verify(&message, &from_b64url(&a.signature)).is_err());
}

/// One base64url credential id in 64 starts with '-': `--cred ID` must still take it as the
/// id, not as an unknown option (found by this file's random ids failing now and then).
#[test]
fn a_credential_id_may_start_with_a_hyphen() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    made(&key.run(&["make-credential", "--rp", "dash.example", "--json"]));
    let dashed = format!("-{}", "A".repeat(42));
    let run = key.run(&["get-assertion", "--rp", "dash.example", "--cred", &dashed, "--json"]);
    // The key is asked, and knows no such credential (not a usage error).
    let doc = error_doc(&run, 1);
    assert_eq!(doc.error.code, "no_credentials", "{}", run.describe());
}

#[test]
fn with_a_pin_make_credential_and_get_assertion_verify_the_user() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    key.set_pin(PIN);
    let pin = [("FIDOCTL_PIN", PIN)];
    let cred = made(&key.run_env(&pin, &["make-credential", "--rp", "uv.example", "--uv", "--json"]));
    assert!(cred.user_verified);
    let att = PackedAttestation::decode(&from_b64url(&cred.attestation_object));
    assert_eq!(AuthData::parse(&att.auth_data_raw).flags, FLAG_UP | FLAG_UV | FLAG_AT);

    let (cdh_hex, cdh) = client_data_hash(5);
    let got = asserted(&key.run_env(
        &pin,
        &[
            "get-assertion",
            "--rp",
            "uv.example",
            "--cred",
            &cred.credential_id,
            "--uv",
            "--client-data-hash",
            &cdh_hex,
            "--json",
        ],
    ));
    let public = PublicKey::from_cose(&from_b64url(&cred.public_key_cose));
    assert!(got.assertions[0].user_verified);
    assert_ne!(verify_assertion(&got.assertions[0], "uv.example", &cdh, &public).flags & FLAG_UV, 0);

    // A discoverable credential on a key with a PIN needs the PIN: refused at once without one.
    let run = key.run(&["make-credential", "--rp", "uv.example", "--resident", "--json"]);
    assert_eq!(error_doc(&run, 4).error.message, NO_PIN_SOURCE);
}

#[test]
fn key_store_full() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &["--max-resident", "2"]);
    let rp = "full.example";
    let a = made(&key.run(&["make-credential", "--rp", rp, "--resident", "--user-name", "a", "--json"]));
    let b = made(&key.run(&["make-credential", "--rp", rp, "--resident", "--user-name", "b", "--json"]));
    let before = stored_credentials(&key);

    for args in [
        &["make-credential", "--rp", rp, "--resident", "--user-name", "c", "--json"][..],
        &["make-credential", "--rp", "elsewhere.example", "--resident", "--json"][..],
    ] {
        let run = key.run(args);
        let doc = error_doc(&run, 1);
        assert_eq!(doc.error.code, "key_store_full");
        assert_eq!(doc.error.message, STORE_FULL);
        assert_eq!(doc.error.hint.as_deref(), Some(STORE_FULL_HINT));
    }
    let text = key.run(&["make-credential", "--rp", rp, "--resident"]);
    assert_failure_text(&text, 1, STORE_FULL, STORE_FULL_HINT);
    assert_eq!(stored_credentials(&key), before, "the full key is unchanged");

    // The earlier credentials are intact: both still sign in, newest first.
    let (cdh_hex, cdh) = client_data_hash(6);
    let got = asserted(&key.run(&["get-assertion", "--rp", rp, "--client-data-hash", &cdh_hex, "--json"]));
    let ids: Vec<&str> = got.assertions.iter().map(|x| x.credential_id.as_str()).collect();
    assert_eq!(ids, [b.credential_id.as_str(), a.credential_id.as_str()]);
    for (assertion, cred) in got.assertions.iter().zip([&b, &a]) {
        verify_assertion(assertion, rp, &cdh, &PublicKey::from_cose(&from_b64url(&cred.public_key_cose)));
    }
    // A non-discoverable credential takes no slot, so it still works.
    made(&key.run(&["make-credential", "--rp", rp, "--json"]));
}

#[test]
fn bad_client_data_hash_is_a_usage_error() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let cred = made(&key.run(&["make-credential", "--rp", "cdh.example", "--json"]));
    let before = key.bytes();
    let bad = ["zz".repeat(32), "abcd".to_string(), "ab".repeat(33), "ab".repeat(31) + "a", String::new()];
    for value in &bad {
        for args in [
            vec!["make-credential", "--rp", "cdh.example", "--client-data-hash", value, "--json"],
            vec![
                "get-assertion",
                "--rp",
                "cdh.example",
                "--cred",
                &cred.credential_id,
                "--client-data-hash",
                value,
                "--json",
            ],
        ] {
            let run = key.run(&args);
            let doc = error_doc(&run, 2);
            assert_eq!(doc.error.code, "usage");
            assert_eq!(doc.error.message, BAD_CDH, "{value:?}");
        }
    }
    assert_eq!(key.bytes(), before, "nothing reached the key");
    // Refused before any key is opened: exit 2, not the missing key's 3.
    let missing = virtual_selector(&keys.path("nothing.json"));
    run(["-d", &missing, "make-credential", "--rp", "cdh.example", "--client-data-hash", "zz"])
        .expect_code(2)
        .stderr_has(BAD_CDH);
    run(["-d", &missing, "get-assertion", "--rp", "cdh.example", "--client-data-hash", "zz"])
        .expect_code(2)
        .stderr_has(BAD_CDH);
}

// --- through the library: what the CLI cannot ask for ------------------------------------------

use fidoctl::client::ctaphid::Channel;
use fidoctl::client::exchange::{make_credential, MakeCredentialRequest};
use fidoctl::client::Authenticator;
use fidoctl::commands::Failure;
use fidoctl::proto::entities::{RelyingParty, User};
use fidoctl::proto::status::CtapStatus;
use fidoctl::transport::in_process::InProcessDevice;
use fidoctl::transport::{Backend, DeviceDescription};

/// The in-process virtual key reads FIDOCTL_VIRTUAL_PRESENCE from this test process's
/// environment; the tests that open one take this lock, so each sees only its own setting.
static IN_PROCESS: Mutex<()> = Mutex::new(());

/// Set (or with None remove) the presence knob for in-process keys while the guard lives.
fn presence_knob(value: Option<&str>) -> std::sync::MutexGuard<'static, ()> {
    let guard = IN_PROCESS.lock().unwrap_or_else(|e| e.into_inner());
    // Edition 2021: safe; every reader in this process holds the lock above.
    match value {
        Some(v) => std::env::set_var("FIDOCTL_VIRTUAL_PRESENCE", v),
        None => std::env::remove_var("FIDOCTL_VIRTUAL_PRESENCE"),
    }
    guard
}

fn open_in_process(key: &VirtualKeyFile, cancel: Option<Arc<AtomicBool>>) -> Authenticator {
    let device = InProcessDevice::open(&key.path).expect("open the virtual key");
    let channel = Channel::open_with(Box::new(device), cancel, None).expect("CTAPHID INIT");
    let description = DeviceDescription::new(key.selector(), Backend::Virtual);
    Authenticator::new(channel, description)
}

fn registration(rp: &str, user: u8, exclude: Vec<Vec<u8>>) -> MakeCredentialRequest {
    MakeCredentialRequest {
        client_data_hash: client_data_hash(user).1,
        rp: RelyingParty { id: rp.into(), name: None },
        user: User { id: vec![user; 8], name: Some(format!("user{user}")), display_name: None },
        algorithms: vec![-7],
        exclude_list: exclude,
        ..MakeCredentialRequest::default()
    }
}

const CTAP2_ERR_CREDENTIAL_EXCLUDED: CtapStatus = CtapStatus::CredentialExcluded;
const CTAP2_ERR_KEEPALIVE_CANCEL: CtapStatus = CtapStatus::KeepaliveCancel;

#[test]
fn excluded_credential_is_refused() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let _presence = presence_knob(None);
    let mut auth = open_in_process(&key, None);
    let att = make_credential(&mut auth, &registration("ex.example", 1, vec![]), None).expect("first registration");
    let id = att.auth_data.attested.expect("a credential").credential_id;
    let unknown = vec![0x5a; 32];

    // The same RP, with that credential in the exclude list (beside one the key never made).
    let err = make_credential(&mut auth, &registration("ex.example", 2, vec![unknown.clone(), id.clone()]), None)
        .expect_err("an excluded credential must not register");
    assert_eq!(err.ctap_status(), Some(CTAP2_ERR_CREDENTIAL_EXCLUDED), "{err:?}");
    let failure = Failure::from(err);
    assert_eq!((failure.exit_code, failure.code.as_str()), (1, "credential_excluded"));
    assert_eq!(failure.message, EXCLUDED);

    // Exclusion is per RP and per credential.
    make_credential(&mut auth, &registration("other.example", 3, vec![id.clone()]), None).expect("another RP");
    make_credential(&mut auth, &registration("ex.example", 4, vec![unknown]), None).expect("unknown ids only");
    drop(auth); // unplug: the state file is unlocked

    let stored = stored_credentials(&key);
    assert_eq!(stored.len(), 3, "the refused registration stored nothing: {stored:?}");
    assert_eq!(stored.iter().filter(|c| c.rp_id == "ex.example").count(), 2);
    assert!(stored.iter().any(|c| c.id == hex::encode(&id)), "the excluded credential itself is intact");
}

/// A host that stops waiting sends CTAPHID_CANCEL, and the key answers KEEPALIVE_CANCEL
/// without registering anything (what Ctrl-C relies on, without a signal).
#[test]
fn cancel_while_the_key_waits_is_answered_keepalive_cancel() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let _presence = presence_knob(Some("delay:20000"));
    let cancel = Arc::new(AtomicBool::new(false));
    let mut auth = open_in_process(&key, Some(cancel.clone()));
    // Asked for a touch: the person at the computer changes their mind.
    let flag = cancel.clone();
    auth.set_touch_prompt(Box::new(move || flag.store(true, Ordering::SeqCst)));
    let err = make_credential(&mut auth, &registration("cancel.example", 1, vec![]), None)
        .expect_err("a cancelled registration fails");
    assert_eq!(err.ctap_status(), Some(CTAP2_ERR_KEEPALIVE_CANCEL), "the key confirmed the cancel: {err:?}");
    assert!(cancel.load(Ordering::SeqCst));
    drop(auth);
    assert!(stored_credentials(&key).is_empty());
}
