//! Factory reset and key configuration: `reset`, `config always-uv`, `config
//! enterprise-attestation`, `pin min-length`, `pin force-change`, run as the built binary
//! against virtual keys in temp dirs (and one served on a socket).
//!
//! The rules under test (shared/DESIGN.md, "Destructive operations" and the exit codes):
//! a destructive command says what it changes, refuses without a terminal and without
//! `--yes` (exit 2) before touching the key, refuses an ambiguous target (exit 3), and
//! every refusal or failed reset leaves the key as it was. "As it was" is checked on the
//! state file: byte for byte where nothing may even be read with a PIN, otherwise its
//! durable part (everything but the volatile power state a PIN token lives in).

mod common;

use common::cli::{expect_error, fidoctl, info_on, run_cmd, run_on, run_on_with_stdin, TempKeys, VirtualKeyFile};
use common::creds::creds_list;
use common::interop::VirtualKeyServer;
use common::schema::{AlwaysUvDone, EnterpriseAttestationDone, ForceChanged, InfoDocument, MinLengthSet, ResetDone};
use common::state::{durable_state, rewind_power_up};
use common::trace::{
    cbor_commands_sent, requests_sent, Sent, CTAP2_CLIENT_PIN, CTAP2_CONFIG, CTAP2_GET_INFO, CTAP2_RESET, HID_CBOR,
    HID_INIT,
};
use std::time::{Duration, Instant};

const PIN: &str = "123456";
const MAX_RESIDENT: u64 = 5;
const TOO_LATE: &str = "The key refused the reset because it was not sent right after the key was plugged in \
(keys allow a reset only in the first few seconds).";
const TOO_LATE_HINT: &str =
    "Unplug the key, plug it back in, and run `fidoctl reset` again; touch the key as soon as it asks.";
const NEEDS_CONFIRMATION: &str =
    "This changes the key irreversibly and needs a confirmation, but there is no terminal to ask on.";
const CHANGE_REQUIRED: &str = "This key requires a PIN change before its PIN can be used";
/// The reset window of the virtual key is 10 s after power-up; this is comfortably past it.
const PAST_THE_WINDOW: Duration = Duration::from_secs(11);

fn with_pin() -> [(&'static str, &'static str); 1] {
    [("FIDOCTL_PIN", PIN)]
}

/// A fresh key with `MAX_RESIDENT` slots and the PIN [`PIN`].
fn key_with_pin(keys: &TempKeys, name: &str) -> VirtualKeyFile {
    keys.create_with_pin(name, &["--max-resident", &MAX_RESIDENT.to_string()], PIN)
}

/// [`key_with_pin`] plus one discoverable credential per RP in `rps`, made by fidoctl.
fn key_with_pin_and_credentials(keys: &TempKeys, name: &str, rps: &[&str]) -> VirtualKeyFile {
    let key = key_with_pin(keys, name);
    for rp in rps {
        key.run_with_pin(PIN, &["make-credential", "--rp", rp, "--user-name", "alice", "--resident"]).success();
    }
    let doc = info_on(&key.selector());
    assert_eq!(remaining(&doc), MAX_RESIDENT - rps.len() as u64, "the credentials were stored");
    key
}

fn remaining(doc: &InfoDocument) -> u64 {
    doc.get_info().remaining_discoverable_credentials.expect("remainingDiscoverableCredentials")
}

fn option(doc: &InfoDocument, name: &str) -> Option<bool> {
    doc.get_info().option(name)
}

/// What `info --json` says about a freshly reset key (or one never configured).
#[track_caller]
fn assert_factory_state(key: &VirtualKeyFile) {
    let doc = info_on(&key.selector());
    let pin = doc.pin.as_ref().unwrap();
    assert!(pin.supported && !pin.set && !pin.force_change && pin.blocked.is_none(), "{pin:?}");
    assert_eq!(pin.min_length, Some(4));
    assert_eq!(option(&doc, "clientPin"), Some(false));
    assert_eq!(option(&doc, "alwaysUv"), Some(false));
    assert_eq!(option(&doc, "ep"), Some(false));
    let info = doc.info.as_ref().unwrap();
    assert_eq!((info.min_pin_length, info.force_pin_change), (Some(4), Some(false)));
    // No PIN, so no credential-management count: every slot free is the same statement.
    assert_eq!(remaining(&doc), MAX_RESIDENT, "every discoverable credential is gone");
}

// --- reset ---------------------------------------------------------------------------------

#[test]
fn reset_erases_pin_credentials_and_settings() {
    let keys = TempKeys::new();
    let key = key_with_pin_and_credentials(&keys, "key.json", &["one.example", "two.example"]);
    // Settings only a reset undoes (the minimum equals the PIN's length: no forced change).
    key.run_with_pin(PIN, &["config", "always-uv", "on", "--yes"]).success();
    key.run_with_pin(PIN, &["config", "enterprise-attestation", "enable", "--yes"]).success();
    key.run_with_pin(PIN, &["pin", "min-length", "6", "--rp-id", "listed.example", "--yes"]).success();
    let doc = info_on(&key.selector());
    assert_eq!((option(&doc, "alwaysUv"), option(&doc, "ep")), (Some(true), Some(true)));
    assert_eq!(doc.pin.as_ref().unwrap().min_length, Some(6));

    // Long after the key was plugged in: `reset` on a virtual key re-plugs it itself.
    rewind_power_up(&key, PAST_THE_WINDOW);
    let out = key.run_with_pin(PIN, &["reset", "--yes", "--json"]);
    out.success().stderr_has("The key holds 2 discoverable credentials.");
    let done: ResetDone = out.json();
    assert_eq!(done.schema_version, 1);
    assert_eq!(done.device, key.selector());
    assert!(done.reset);
    assert_eq!(done.credentials_destroyed, Some(2));

    assert_factory_state(&key);
    let state = key.state();
    assert_eq!(state["credentials"], serde_json::json!([]), "no credential left in the state file");
    assert_eq!(state["min_pin_length_rp_ids"], serde_json::json!([]));
    // The old PIN is gone with the rest: a new one can be set without it.
    key.set_pin("654321");
}

#[test]
fn reset_text_output() {
    let keys = TempKeys::new();
    let key = key_with_pin_and_credentials(&keys, "key.json", &["one.example"]);
    let out = key.run_with_pin(PIN, &["reset", "--yes"]);
    out.success()
        .stdout_has(&format!("{} was reset to factory settings: no PIN, no credentials.", key.selector()))
        .stderr_has("The key holds 1 discoverable credential.")
        .stderr_has("This cannot be undone.")
        .never_shows(PIN);
    assert_factory_state(&key);
}

#[test]
fn reset_confirmation_states_the_count_only_with_a_pin() {
    let keys = TempKeys::new();
    // The PIN from standard input counts as given, like FIDOCTL_PIN.
    let key = key_with_pin_and_credentials(&keys, "stdin.json", &["a.example", "b.example", "c.example"]);
    let out =
        run_on_with_stdin(&key.selector(), &[], &["reset", "--yes", "--pin-stdin", "--json"], &format!("{PIN}\n"));
    out.success().stderr_has("The key holds 3 discoverable credentials.");
    assert_eq!(out.json::<ResetDone>().credentials_destroyed, Some(3));
    assert_factory_state(&key);

    // Without a PIN nothing is counted (that would need one), and the reset still works.
    let key = key_with_pin_and_credentials(&keys, "nopin.json", &["a.example"]);
    let out = run_on(&key.selector(), &[], &["reset", "--yes", "--json"]);
    out.success()
        .stderr_has("destroys every credential, the PIN and every setting")
        .stderr_has("The number of credentials cannot be read: no PIN was given (FIDOCTL_PIN or --pin-stdin).");
    assert_eq!(out.json::<ResetDone>().credentials_destroyed, None);
    assert_factory_state(&key);
}

#[test]
fn reset_after_the_replug_sends_only_init_and_reset() {
    let keys = TempKeys::new();
    let key = key_with_pin_and_credentials(&keys, "key.json", &["one.example"]);
    let out = key.run_with_pin(PIN, &["reset", "--yes", "-vv"]);
    out.success().never_shows(PIN);
    let sent = requests_sent(&out);
    // The count is read first, with PIN commands, on the key as it was plugged in ...
    let before: Vec<u8> = cbor_commands_sent(&out);
    assert!(before.contains(&CTAP2_CLIENT_PIN), "the count needs a PIN token: {before:02x?}");
    // ... and after the re-plug the key hears INIT and the reset, nothing else.
    let last_init = sent.iter().rposition(|s| s.ctaphid == HID_INIT).expect("an INIT");
    assert_eq!(
        &sent[last_init..],
        [Sent { ctaphid: HID_INIT, ctap2: None }, Sent { ctaphid: HID_CBOR, ctap2: Some(CTAP2_RESET) }],
        "{}",
        out.describe()
    );
    assert_eq!(sent.iter().filter(|s| s.ctaphid == HID_INIT).count(), 2, "opened twice: {sent:?}");
    assert_factory_state(&key);
}

#[test]
fn reset_outside_the_window_is_not_allowed_and_erases_nothing() {
    let keys = TempKeys::new();
    let key = key_with_pin_and_credentials(&keys, "key.json", &["one.example", "two.example"]);
    key.run_with_pin(PIN, &["config", "always-uv", "on", "--yes"]).success();
    let before = durable_state(&key);

    for format in ["text", "json"] {
        // Plugged in 11 s ago and told not to re-plug: the key sees a reset it must refuse.
        rewind_power_up(&key, PAST_THE_WINDOW);
        let out = key.run_with_pin(PIN, &["reset", "--skip-replug", "--yes", "--format", format]);
        out.expect_code(1).stderr_has(TOO_LATE).stderr_has(TOO_LATE_HINT);
        if format == "json" {
            let doc = expect_error(&out, 1, "reset_too_late");
            assert_eq!(doc.error.message, TOO_LATE);
            assert_eq!(doc.error.hint.as_deref(), Some(TOO_LATE_HINT));
        } else {
            assert!(out.stdout.is_empty(), "{}", out.describe());
        }
        assert_eq!(durable_state(&key), before, "{format}: a refused reset changed the key");
    }
    // The reset did reach the key (and was its last request), so the refusal is the key's.
    rewind_power_up(&key, PAST_THE_WINDOW);
    let traced = run_on(&key.selector(), &[], &["reset", "--skip-replug", "--yes", "-vv"]);
    traced.expect_code(1);
    assert_eq!(cbor_commands_sent(&traced).last(), Some(&CTAP2_RESET), "{}", traced.describe());
    assert_eq!(durable_state(&key), before);

    // The same key, re-plugged the way `reset` does it without --skip-replug: now it works.
    rewind_power_up(&key, PAST_THE_WINDOW);
    key.run_with_pin(PIN, &["reset", "--yes"]).success();
    assert_factory_state(&key);
}

/// Presence not given: exit 5 with the reset's own sentence, and nothing erased.
fn reset_without_presence(presence: &str, code: &str, message: &str) {
    let keys = TempKeys::new();
    let key = key_with_pin_and_credentials(&keys, "key.json", &["one.example"]);
    let before = durable_state(&key);
    for env in [
        vec![("FIDOCTL_VIRTUAL_PRESENCE", presence)],
        vec![("FIDOCTL_VIRTUAL_PRESENCE", presence), ("FIDOCTL_PIN", PIN)],
    ] {
        let out = run_on(&key.selector(), &env, &["reset", "--yes", "--json", "--timeout", "2"]);
        let doc = expect_error(&out, 5, code);
        assert_eq!(doc.error.message, message);
        let hint = doc.error.hint.unwrap_or_default();
        assert!(hint.starts_with("Nothing was erased. Run `fidoctl reset` again"), "{hint:?}");
        assert_eq!(durable_state(&key), before, "{presence}: nothing may be erased");
    }
    let text = run_on(&key.selector(), &[("FIDOCTL_VIRTUAL_PRESENCE", presence)], &["reset", "--yes"]);
    text.expect_code(5).stderr_has(message).stderr_has("Nothing was erased.");
    assert!(text.stdout.is_empty(), "{}", text.describe());
    assert_eq!(durable_state(&key), before);
    let doc = info_on(&key.selector());
    assert!(doc.pin.as_ref().unwrap().set);
    assert_eq!(remaining(&doc), MAX_RESIDENT - 1);
}

#[test]
fn reset_declined_at_the_key_exits_5_and_erases_nothing() {
    reset_without_presence(
        "deny",
        "reset_declined",
        "The reset was declined at the key (or the key does not allow a reset over this connection).",
    );
}

#[test]
fn reset_not_touched_exits_5_and_erases_nothing() {
    reset_without_presence("timeout", "reset_not_touched", "Nobody touched the key in time, so it was not reset.");
}

#[test]
fn reset_with_two_keys_selected_is_refused() {
    let keys = TempKeys::new();
    let a = key_with_pin_and_credentials(&keys, "a.json", &["one.example"]);
    let b = key_with_pin_and_credentials(&keys, "b.json", &["one.example"]);
    let (a_bytes, b_bytes) = (a.bytes(), b.bytes());

    // Two -d, or FIDOCTL_DEVICE with two entries: both keys are selected.
    let both = format!("{},{}", a.selector(), b.selector());
    let mut by_env = fidoctl();
    by_env.envs([("FIDOCTL_PIN", PIN), ("FIDOCTL_DEVICE", both.as_str())]).args(["reset", "--yes", "--json"]);
    let runs =
        [run_on(&a.selector(), &with_pin(), &["-d", &b.selector(), "reset", "--yes", "--json"]), run_cmd(&mut by_env)];
    for out in &runs {
        let doc = expect_error(out, 3, "ambiguous_device");
        assert!(
            doc.error.message.contains(&a.selector()) && doc.error.message.contains(&b.selector()),
            "{}",
            out.describe()
        );
        assert!(doc.error.hint.is_some_and(|h| h.contains("--device")));
        assert!(a.bytes() == a_bytes && b.bytes() == b_bytes, "neither key may be touched\n{}", out.describe());
    }
    // The text form names both and asks for one.
    let out = run_on(&a.selector(), &with_pin(), &["-d", &b.selector(), "reset", "--yes"]);
    out.expect_code(3).stderr_has(&a.selector()).stderr_has(&b.selector()).stderr_has("--device");
    assert!(out.stdout.is_empty());
    assert!(a.bytes() == a_bytes && b.bytes() == b_bytes);
}

#[test]
fn reset_without_a_terminal_or_yes_leaves_the_key_untouched() {
    let keys = TempKeys::new();
    let key = key_with_pin_and_credentials(&keys, "key.json", &["one.example"]);
    let bytes = key.bytes();
    // With no PIN, the right PIN, a wrong one (that would cost a retry), or the PIN on stdin:
    // the answer is no before any PIN command, so the state file keeps every byte.
    let runs = [
        run_on(&key.selector(), &[], &["reset"]),
        run_on(&key.selector(), &with_pin(), &["reset"]),
        run_on(&key.selector(), &[("FIDOCTL_PIN", "999999")], &["reset"]),
        run_on_with_stdin(&key.selector(), &[], &["reset", "--pin-stdin"], &format!("{PIN}\n")),
        run_on(&key.selector(), &with_pin(), &["reset", "--skip-replug"]),
    ];
    for out in &runs {
        out.expect_code(2).stderr_has(NEEDS_CONFIRMATION).stderr_has("--yes").never_shows(PIN);
        assert!(out.stdout.is_empty(), "{}", out.describe());
        assert!(key.bytes() == bytes, "the refused reset changed the state file\n{}", out.describe());
    }
    let json = run_on(&key.selector(), &with_pin(), &["reset", "--json"]);
    let doc = expect_error(&json, 2, "confirmation_required");
    assert_eq!(doc.error.message, NEEDS_CONFIRMATION);
    assert!(key.bytes() == bytes, "{}", json.describe());

    let doc = info_on(&key.selector());
    let pin = doc.pin.as_ref().unwrap();
    assert!(pin.set);
    assert_eq!(pin.retries, Some(8), "no PIN attempt was spent");
    assert_eq!(remaining(&doc), MAX_RESIDENT - 1);
}

#[test]
fn reset_over_a_socket_reconnects_to_open_the_window() {
    let server = VirtualKeyServer::start_with(&["--max-resident", &MAX_RESIDENT.to_string()]);
    let socket = format!("unix:{}", server.socket().display());
    run_on(&socket, &[("FIDOCTL_NEW_PIN", PIN)], &["pin", "set"]).success();
    run_on(&socket, &with_pin(), &["make-credential", "--rp", "one.example", "--resident"]).success();
    run_on(&socket, &with_pin(), &["config", "always-uv", "on", "--yes"]).success();
    // The key has been plugged in (this connection) longer than the window by now; the
    // reset opens a new connection, which is a power-up.
    let last_connection = Instant::now();
    assert_eq!(option(&info_on(&socket), "alwaysUv"), Some(true));
    std::thread::sleep(PAST_THE_WINDOW.saturating_sub(last_connection.elapsed()));

    let out = run_on(&socket, &with_pin(), &["reset", "--yes", "--json"]);
    out.success();
    let done: ResetDone = out.json();
    assert_eq!((done.device.as_str(), done.reset, done.credentials_destroyed), (socket.as_str(), true, Some(1)));

    let doc = info_on(&socket);
    let pin = doc.pin.as_ref().unwrap();
    assert!(!pin.set, "{pin:?}\n{}", server.log_text());
    assert_eq!(option(&doc, "alwaysUv"), Some(false));
    assert_eq!(remaining(&doc), MAX_RESIDENT);
}

// --- pin min-length ---------------------------------------------------------------------------

#[test]
fn min_length_raises_the_bar_and_forces_a_change_of_a_shorter_pin() {
    let keys = TempKeys::new();
    let key = key_with_pin(&keys, "key.json");
    let out = key.run_with_pin(PIN, &["pin", "min-length", "8", "--yes", "--json"]);
    out.success().stderr_has("from 4 to 8");
    let done: MinLengthSet = out.json();
    assert_eq!(done.schema_version, 1);
    assert_eq!(done.device, key.selector());
    assert_eq!(done.min_pin_length, Some(8));
    assert!(done.force_pin_change, "the 6-character PIN is now too short");
    assert!(done.rp_ids.is_empty());

    let doc = info_on(&key.selector());
    let pin = doc.pin.as_ref().unwrap();
    assert_eq!((pin.min_length, pin.force_change), (Some(8), true));
    let info = doc.info.as_ref().unwrap();
    assert_eq!((info.min_pin_length, info.force_pin_change), (Some(8), Some(true)));

    // A new PIN under the key's minimum is refused by fidoctl before anything is sent.
    let short = [("FIDOCTL_PIN", PIN), ("FIDOCTL_NEW_PIN", "1234567")];
    let refused = run_on(&key.selector(), &short, &["pin", "change", "-vv"]);
    refused.expect_code(4).stderr_has("The new PIN is too short: it has 7 characters and this key needs at least 8.");
    refused.never_shows("1234567").never_shows(PIN);
    assert_eq!(
        cbor_commands_sent(&refused),
        [CTAP2_GET_INFO],
        "only getInfo before the refusal\n{}",
        refused.describe()
    );
    let json = run_on(&key.selector(), &short, &["pin", "change", "--json"]);
    let doc = expect_error(&json, 4, "pin_policy_violation");
    assert_eq!(doc.error.message, "The new PIN is too short: it has 7 characters and this key needs at least 8.");
    assert_eq!(info_on(&key.selector()).pin.unwrap().retries, Some(8));

    // Long enough: the change goes through and clears the forced change.
    run_on(&key.selector(), &[("FIDOCTL_PIN", PIN), ("FIDOCTL_NEW_PIN", "12345678")], &["pin", "change"]).success();
    let pin = info_on(&key.selector()).pin.unwrap();
    assert_eq!((pin.min_length, pin.force_change, pin.retries), (Some(8), false, Some(8)));
    run_on(&key.selector(), &[("FIDOCTL_PIN", "12345678")], &["pin", "verify"]).success();
}

#[test]
fn min_length_not_above_the_pin_length_forces_nothing() {
    let keys = TempKeys::new();
    let key = key_with_pin(&keys, "key.json");
    // The text form says so without asking for a change.
    let out = key.run_with_pin(PIN, &["pin", "min-length", "6", "--yes"]);
    out.success().stdout_has("The minimum PIN length is now 6.");
    assert!(!out.stdout.contains("must be changed"), "{}", out.describe());
    let pin = info_on(&key.selector()).pin.unwrap();
    assert_eq!((pin.min_length, pin.force_change), (Some(6), false));
    key.run_with_pin(PIN, &["pin", "verify"]).success();

    // The same minimum again changes nothing (and needs no PIN or confirmation).
    let out = run_on(&key.selector(), &[], &["pin", "min-length", "6", "--json"]);
    let again: MinLengthSet = out.success().json();
    assert_eq!((again.min_pin_length, again.force_pin_change, again.changed), (Some(6), false, false));
    let out = run_on(&key.selector(), &[], &["pin", "min-length", "6"]);
    out.success().stdout_has("The minimum PIN length is already 6; nothing was changed.");

    // A key without a PIN takes a new minimum too (no token needed), and pin set obeys it.
    let bare = keys.create("bare.json", &[]);
    run_on(&bare.selector(), &[], &["pin", "min-length", "7", "--yes"]).success();
    run_on(&bare.selector(), &[("FIDOCTL_NEW_PIN", PIN)], &["pin", "set"])
        .expect_code(4)
        .stderr_has("it has 6 characters and this key needs at least 7");
    assert!(!info_on(&bare.selector()).pin.unwrap().set);
}

#[test]
fn min_length_cannot_go_down() {
    let keys = TempKeys::new();
    let key = key_with_pin(&keys, "key.json");
    key.run_with_pin(PIN, &["pin", "min-length", "6", "--yes"]).success();
    let before = key.bytes();
    // The key's rule, not a PIN problem: exit 1 (the operation is refused), never 4.
    let message = "Security keys never lower their minimum PIN length: this key's is 6, so the key refuses 5. \
                   Nothing was changed.";

    let out = key.run_with_pin(PIN, &["pin", "min-length", "5", "--yes", "--json"]);
    let doc = expect_error(&out, 1, "min_pin_length_not_lowered");
    assert_eq!(doc.error.message, message);
    assert_eq!(
        doc.error.hint.as_deref(),
        Some("Only a factory reset (`fidoctl reset`) lowers it again, and that erases the key.")
    );
    let text = key.run_with_pin(PIN, &["pin", "min-length", "4", "--yes", "-vv"]);
    text.expect_code(1).stderr_has("this key's is 6, so the key refuses 4. Nothing was changed.");
    assert_eq!(cbor_commands_sent(&text), [CTAP2_GET_INFO], "refused before anything was sent\n{}", text.describe());
    assert!(key.bytes() == before);
    assert_eq!(info_on(&key.selector()).pin.unwrap().min_length, Some(6));
}

#[test]
fn min_length_rp_ids_are_sent_and_bounded() {
    let keys = TempKeys::new();
    let key = key_with_pin(&keys, "key.json");
    let doc = info_on(&key.selector());
    let max = doc.info.as_ref().unwrap().other.get("max_rp_ids_for_set_min_pin_length").and_then(|v| v.as_u64());
    assert_eq!(max, Some(4), "getInfo 0x10 says how many --rp-id the key takes");

    let out = key.run_with_pin(
        PIN,
        &["pin", "min-length", "6", "--rp-id", "listed.example", "--rp-id", "b.example", "--yes", "--json"],
    );
    out.success().stderr_has("These sites may read the minimum: listed.example, b.example.");
    let done: MinLengthSet = out.json();
    assert_eq!(done.rp_ids, ["listed.example", "b.example"]);
    assert_eq!(key.state()["min_pin_length_rp_ids"], serde_json::json!(["listed.example", "b.example"]));

    // One more than the key takes: a usage error, nothing sent.
    let before = key.bytes();
    let too_many = [
        "pin",
        "min-length",
        "7",
        "--rp-id",
        "a",
        "--rp-id",
        "b",
        "--rp-id",
        "c",
        "--rp-id",
        "d",
        "--rp-id",
        "e",
        "--yes",
    ];
    key.run_with_pin(PIN, &too_many)
        .expect_code(2)
        .stderr_has("This key accepts at most 4 --rp-id values; 5 were given.");
    assert!(key.bytes() == before);
}

// --- pin force-change -------------------------------------------------------------------------

#[test]
fn force_change_blocks_the_pin_until_it_is_changed() {
    let keys = TempKeys::new();
    let key = key_with_pin_and_credentials(&keys, "key.json", &["one.example"]);
    let out = key.run_with_pin(PIN, &["pin", "force-change", "--yes", "--json"]);
    out.success().stderr_has("the current PIN will only be accepted to change it");
    let done: ForceChanged = out.json();
    assert_eq!((done.schema_version, done.device.as_str(), done.force_pin_change), (1, key.selector().as_str(), true));
    assert!(done.changed);
    let pin = info_on(&key.selector()).pin.unwrap();
    assert!(pin.force_change && pin.set);

    // Asking again changes nothing and needs no PIN (the key would refuse a token now).
    let again = common::cli::run(["-d", &key.selector(), "pin", "force-change", "--json"]);
    let again: ForceChanged = again.success().stdout_has("\"changed\": false").json();
    assert!(again.force_pin_change && !again.changed);

    // Every command that needs a token says a change is required, never "wrong PIN".
    for args in [&["creds", "list"][..], &["pin", "verify"], &["config", "always-uv", "on", "--yes"]] {
        let out = key.run_with_pin(PIN, args);
        out.expect_code(4).stderr_has(CHANGE_REQUIRED).stderr_has("fidoctl pin change");
        assert!(!out.stderr.to_lowercase().contains("wrong"), "{}", out.describe());
        let mut json_args = args.to_vec();
        json_args.push("--json");
        expect_error(&key.run_with_pin(PIN, &json_args), 4, "pin_change_required");
    }
    let pin = info_on(&key.selector()).pin.unwrap();
    assert_eq!((pin.retries, pin.force_change), (Some(8), true), "no attempt spent, still forced");

    run_on(&key.selector(), &[("FIDOCTL_PIN", PIN), ("FIDOCTL_NEW_PIN", "246810")], &["pin", "change"]).success();
    let pin = info_on(&key.selector()).pin.unwrap();
    assert!(!pin.force_change);
    assert_eq!(creds_list(&key, "246810", &[]).existing, 1);
}

#[test]
fn force_change_needs_a_pin() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let before = key.bytes();
    let out = run_on(&key.selector(), &[], &["pin", "force-change", "--yes", "--json"]);
    let doc = expect_error(&out, 4, "pin_not_set");
    assert!(doc.error.hint.is_some_and(|h| h.contains("fidoctl pin set")));
    assert!(key.bytes() == before);
}

#[test]
fn min_length_with_force_change_forces_a_change_of_a_long_enough_pin() {
    let keys = TempKeys::new();
    let key = key_with_pin(&keys, "key.json");
    let out = key.run_with_pin(PIN, &["pin", "min-length", "5", "--force-change", "--yes", "--json"]);
    out.success().stderr_has("It also forces a PIN change");
    let done: MinLengthSet = out.json();
    assert_eq!((done.min_pin_length, done.force_pin_change), (Some(5), true));
    key.run_with_pin(PIN, &["pin", "verify"]).expect_code(4).stderr_has(CHANGE_REQUIRED);
}

// --- config always-uv / enterprise-attestation --------------------------------------------------

#[track_caller]
fn always_uv(key: &VirtualKeyFile, state: &str) -> AlwaysUvDone {
    let out = key.run_with_pin(PIN, &["config", "always-uv", state, "--yes", "--json"]);
    out.success();
    let done: AlwaysUvDone = out.json();
    assert_eq!((done.schema_version, done.device.as_str()), (1, key.selector().as_str()));
    assert_eq!(done.always_uv, state == "on", "{}", out.describe());
    done
}

#[test]
fn always_uv_on_and_off_twice_ends_in_the_asked_state() {
    let keys = TempKeys::new();
    let key = key_with_pin(&keys, "key.json");
    for state in ["on", "off"] {
        assert!(always_uv(&key, state).changed, "{state}: the first run toggles");
        assert_eq!(option(&info_on(&key.selector()), "alwaysUv"), Some(state == "on"));
        let before = durable_state(&key);
        assert!(!always_uv(&key, state).changed, "{state}: the second run changes nothing");
        assert_eq!(
            option(&info_on(&key.selector()), "alwaysUv"),
            Some(state == "on"),
            "toggled back by the second run"
        );
        assert_eq!(durable_state(&key), before);
        // The text form says "already", and needs no confirmation for nothing.
        run_on(&key.selector(), &[], &["config", "always-uv", state])
            .success()
            .stdout_has(&format!("Always-UV is already {state}; nothing was changed."));
    }
    key.run_with_pin(PIN, &["config", "always-uv", "on", "--yes"]).success().stdout_has("Always-UV is now on.");
}

/// What the confirmation says: always-UV is switched either way (never "irreversibly", never
/// "only a reset"), and `off` says that it weakens the key.
#[test]
fn always_uv_confirmations_say_it_can_be_switched_back() {
    let keys = TempKeys::new();
    let key = key_with_pin(&keys, "key.json");
    let on = key.run_with_pin(PIN, &["config", "always-uv", "on", "--yes"]);
    on.success().stderr_has(
        "This turns always-UV on: the key will ask for its PIN (or fingerprint) for every registration and sign-in, \
         and sites that cannot ask for one (U2F) stop working with it. `fidoctl config always-uv off` turns it off again.\n",
    );
    let off = key.run_with_pin(PIN, &["config", "always-uv", "off", "--yes"]);
    off.success().stderr_has(
        "This turns always-UV off, which weakens the key's protection: it will allow sign-ins with a touch alone \
         where the site allows it. `fidoctl config always-uv on` turns it back on.\n",
    );
    for out in [&on, &off] {
        assert!(!out.stderr.contains("irreversibl") && !out.stderr.contains("reset"), "{}", out.describe());
    }
    assert_eq!(option(&info_on(&key.selector()), "alwaysUv"), Some(false));
    // `config --help` says the same.
    let help = run_on(&key.selector(), &[], &["config", "--help"]);
    help.success().stdout_has("always-UV (on or off again)");
    assert!(!help.stdout.contains("Change settings that only a factory reset undoes"), "{}", help.describe());
}

#[test]
fn always_uv_on_without_a_pin() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let out = run_on(&key.selector(), &[], &["config", "always-uv", "on", "--yes", "--json"]);
    out.success();
    let done: AlwaysUvDone = out.json();
    assert!(done.always_uv && done.changed);
    assert_eq!(option(&info_on(&key.selector()), "alwaysUv"), Some(true));

    // Now the key takes settings only with a PIN token, and it has no PIN: fidoctl says to
    // set one (asking for "the key's PIN" would send the operator in circles).
    let before = durable_state(&key);
    for env in [vec![], vec![("FIDOCTL_PIN", PIN)]] {
        let out = run_on(&key.selector(), &env, &["config", "always-uv", "off", "--yes", "--json"]);
        let doc = expect_error(&out, 4, "pin_not_set");
        assert!(doc.error.message.contains("has no PIN"), "{}", out.describe());
        assert!(doc.error.hint.is_some_and(|h| h.contains("fidoctl pin set")), "{}", out.describe());
        assert_eq!(durable_state(&key), before);
    }
    key.set_pin(PIN);
    assert!(!always_uv(&key, "off").always_uv);
    assert_eq!(option(&info_on(&key.selector()), "alwaysUv"), Some(false));
}

#[test]
fn enterprise_attestation_enable_is_idempotent() {
    let keys = TempKeys::new();
    let key = key_with_pin(&keys, "key.json");
    assert_eq!(option(&info_on(&key.selector()), "ep"), Some(false));
    let out = key.run_with_pin(PIN, &["config", "enterprise-attestation", "enable", "--yes", "--json"]);
    out.success().stderr_has("Only a factory reset turns it off again.");
    let done: EnterpriseAttestationDone = out.json();
    assert_eq!((done.schema_version, done.device.as_str()), (1, key.selector().as_str()));
    assert!(done.enterprise_attestation && done.changed);
    assert_eq!(option(&info_on(&key.selector()), "ep"), Some(true));

    let before = durable_state(&key);
    let again = key.run_with_pin(PIN, &["config", "enterprise-attestation", "enable", "--yes", "--json", "-vv"]);
    again.success();
    let done: EnterpriseAttestationDone = again.json();
    assert!(done.enterprise_attestation && !done.changed);
    assert!(!cbor_commands_sent(&again).contains(&CTAP2_CONFIG), "nothing to send\n{}", again.describe());
    assert_eq!(durable_state(&key), before);
    run_on(&key.selector(), &[], &["config", "enterprise-attestation", "enable"])
        .success()
        .stdout_has("Enterprise attestation is already enabled; nothing was changed.");
    assert_eq!(option(&info_on(&key.selector()), "ep"), Some(true));
}

#[test]
fn config_commands_without_a_terminal_or_yes_change_nothing() {
    let keys = TempKeys::new();
    let key = key_with_pin(&keys, "key.json");
    let uv_on = key_with_pin(&keys, "uv.json");
    uv_on.run_with_pin(PIN, &["config", "always-uv", "on", "--yes"]).success();

    // Always-UV can be switched back: its refusal does not call it irreversible.
    let setting = "This changes a setting of the key and needs a confirmation, but there is no terminal to ask on.";
    let cases: [(&VirtualKeyFile, &[&str], &str); 6] = [
        (&key, &["config", "always-uv", "on"], setting),
        (&uv_on, &["config", "always-uv", "off"], setting),
        (&key, &["config", "enterprise-attestation", "enable"], NEEDS_CONFIRMATION),
        (&key, &["pin", "min-length", "8"], NEEDS_CONFIRMATION),
        (&key, &["pin", "min-length", "6", "--force-change", "--rp-id", "listed.example"], NEEDS_CONFIRMATION),
        (&key, &["pin", "force-change"], NEEDS_CONFIRMATION),
    ];
    for (target, args, refusal) in cases {
        let before = target.bytes();
        let out = target.run_with_pin(PIN, args);
        out.expect_code(2).stderr_has(&format!("fidoctl: {refusal}\n")).stderr_has("--yes");
        assert!(out.stdout.is_empty(), "{}", out.describe());
        assert!(target.bytes() == before, "{args:?} changed the key\n{}", out.describe());
        let mut json_args = args.to_vec();
        json_args.push("--json");
        expect_error(&target.run_with_pin(PIN, &json_args), 2, "confirmation_required");
        assert!(target.bytes() == before, "{args:?} --json changed the key");
    }
    let doc = info_on(&key.selector());
    let pin = doc.pin.as_ref().unwrap();
    assert_eq!((pin.min_length, pin.force_change, pin.retries), (Some(4), false, Some(8)));
    assert_eq!((option(&doc, "alwaysUv"), option(&doc, "ep")), (Some(false), Some(false)));
    assert_eq!(option(&info_on(&uv_on.selector()), "alwaysUv"), Some(true));
}

#[test]
fn config_on_keys_without_authenticator_config_is_unsupported() {
    let cases: [(&[&str], &str); 5] = [
        (&["config", "always-uv", "on"], "require user verification for every use"),
        (&["config", "always-uv", "off"], "require user verification for every use"),
        (&["config", "enterprise-attestation", "enable"], "enable enterprise attestation"),
        (&["pin", "min-length", "8"], "change its minimum PIN length"),
        (&["pin", "force-change"], "force a PIN change"),
    ];
    for profile in ["ctap2.0", "ctap2.1-pre"] {
        let keys = TempKeys::new();
        let key = keys.create("key.json", &["--profile", profile]);
        key.set_pin(PIN);
        let before = key.bytes();
        for (args, what) in cases {
            let mut with_yes = args.to_vec();
            with_yes.push("--yes");
            let message = format!("This key cannot {what}: it does not offer that setting.");
            key.run_with_pin(PIN, &with_yes).expect_code(1).stderr_has(&message);
            with_yes.push("--json");
            let doc = expect_error(&key.run_with_pin(PIN, &with_yes), 1, "config_unsupported");
            assert_eq!(doc.error.message, message, "{profile} {args:?}");
            assert!(key.bytes() == before, "{profile} {args:?} changed the key");
        }
    }
}

/// A wrong PIN given to count the credentials stops the reset with nothing erased (the
/// operator meant to see the count), and says how to reset without counting.
#[test]
fn a_wrong_pin_for_the_count_stops_the_reset_and_erases_nothing() {
    let keys = TempKeys::new();
    let key = key_with_pin_and_credentials(&keys, "key.json", &["one.example"]);
    let before = durable_state(&key);
    let out = key.run_env(&[("FIDOCTL_PIN", "not-the-pin")], &["reset", "--yes"]);
    out.expect_code(4).stderr_has(
        "fidoctl: The PIN is wrong. 7 attempts remain before the PIN locks for good and only a factory reset helps.\n\
         The reset was stopped before anything was erased. Run `fidoctl reset` again with the right PIN to count \
         the credentials, or with no PIN (no FIDOCTL_PIN, no --pin-stdin) to reset without counting them.\n",
    );
    assert!(!cbor_commands_sent(&out).contains(&CTAP2_RESET), "{}", out.describe());
    let after = info_on(&key.selector());
    assert!(after.pin_state().set, "the PIN is still there");
    assert_eq!(remaining(&after), MAX_RESIDENT - 1, "the credential is still there");
    assert_ne!(durable_state(&key), before, "only the retry counter moved");
    let doc =
        expect_error(&key.run_env(&[("FIDOCTL_PIN", "not-the-pin")], &["reset", "--yes", "--json"]), 4, "pin_invalid");
    assert!(doc.error.hint.is_some_and(|h| h.contains("reset without counting")));
    assert!(info_on(&key.selector()).pin_state().set);

    // As the hint says: with no PIN, the reset goes ahead without the count.
    let out = key.run(&["reset", "--yes"]);
    out.success()
        .stderr_has("The number of credentials cannot be read: no PIN was given (FIDOCTL_PIN or --pin-stdin).");
    assert_factory_state(&key);
}

/// A locked key is the usual reason for a reset: when the credentials cannot be counted, the
/// reset goes ahead and the confirmation says plainly why the number is missing.
#[test]
fn a_blocked_pin_is_said_in_the_confirmation_and_the_reset_goes_ahead() {
    let keys = TempKeys::new();
    // Three wrong PINs in a row: the count is not even tried (it would be refused).
    let key = key_with_pin_and_credentials(&keys, "replug.json", &["one.example"]);
    for _ in 0..3 {
        key.run_env(&[("FIDOCTL_PIN", "wrong-pin")], &["pin", "verify"]).expect_code(4);
    }
    let out = key.run_env(&[("FIDOCTL_PIN", PIN)], &["reset", "--yes", "--json"]);
    out.success().stderr_has(
        "The number of credentials cannot be read: the key refuses PINs until it is re-plugged (three wrong PINs in a row).",
    );
    assert_eq!(out.json::<ResetDone>().credentials_destroyed, None);
    assert!(!info_on(&key.selector()).pin_state().set);

    // Blocked for good: eight wrong PINs.
    let key = key_with_pin_and_credentials(&keys, "blocked.json", &["one.example"]);
    for i in 0..8 {
        if i % 3 == 0 {
            common::cli::run_virtual("replug", &key.path, &[]).success();
        }
        key.run_env(&[("FIDOCTL_PIN", "wrong-pin")], &["pin", "verify"]).expect_code(4);
    }
    assert_eq!(info_on(&key.selector()).pin_state().blocked, Some(true));
    let out = key.run_env(&[("FIDOCTL_PIN", PIN)], &["reset", "--yes"]);
    out.success().stderr_has("The number of credentials cannot be read: the PIN is blocked.");
    assert!(!info_on(&key.selector()).pin_state().set);
}

/// The count in words: singular, plural and none.
#[test]
fn the_confirmation_counts_in_words() {
    let keys = TempKeys::new();
    for (rps, sentence) in [
        (&[][..], "The key holds no discoverable credentials."),
        (&["one.example"][..], "The key holds 1 discoverable credential."),
        (&["one.example", "two.example"][..], "The key holds 2 discoverable credentials."),
    ] {
        let key = key_with_pin_and_credentials(&keys, &format!("key{}.json", rps.len()), rps);
        let out = key.run_with_pin(PIN, &["reset", "--yes"]);
        out.success().stderr_has(&format!(
            "destroys every credential, the PIN and every setting (minimum PIN length, always-UV, enterprise \
             attestation). {sentence} Every account that uses this key must register it again."
        ));
        assert!(!out.stderr.contains("(s)"), "{}", out.describe());
    }
}

/// `--force` is what other tools call it; reset says to use --yes, and touches nothing.
#[test]
fn reset_force_points_to_yes() {
    let keys = TempKeys::new();
    let key = key_with_pin(&keys, "key.json");
    let before = key.bytes();
    let out = key.run(&["reset", "--force"]);
    out.expect_code(2);
    assert_eq!(
        out.stderr,
        "fidoctl: `fidoctl reset` has no --force option; nothing was changed.\n\
         To reset without being asked, add --yes (-y): `fidoctl reset --yes`.\n"
    );
    expect_error(&key.run(&["reset", "--force", "--json"]), 2, "usage");
    assert!(key.bytes() == before);
}

/// A bare name that is a file is a virtual key's state file, almost always: say so.
#[test]
fn a_bare_file_name_as_device_suggests_the_virtual_prefix() {
    let keys = TempKeys::new();
    keys.create("j.json", &[]);
    let mut cmd = fidoctl();
    cmd.current_dir(keys.dir()).args(["-d", "j.json", "info"]);
    let out = run_cmd(&mut cmd);
    out.expect_code(2)
        .stderr_has("'j.json' is not a device selector. To use the virtual key in this file, write virtual:j.json.");
    // A name that is no file gets the list of every form.
    let mut cmd = fidoctl();
    cmd.current_dir(keys.dir()).args(["-d", "nothing.json", "info"]);
    run_cmd(&mut cmd).expect_code(2).stderr_has(
        "'nothing.json' is not a device: write a HID path such as /dev/hidraw3 (or hid:PATH), 'hid' for every HID \
         key, unix:PATH or virtual:PATH.",
    );
}

/// A CTAP 2.2 key names the transports it can be reset over (transportsForReset); a 2.1 key,
/// which does not say, gets no such sentence.
#[test]
fn the_confirmation_names_the_transports_a_ctap_2_2_key_resets_over() {
    let keys = TempKeys::new();
    let key = keys.create("k22.json", &["--profile", "ctap2.2"]);
    key.run(&["reset", "--yes"]).success().stderr_has(
        "Every account that uses this key must register it again. This cannot be undone. This key can be reset \
         only over USB.\n",
    );
    let old = keys.create("k21.json", &[]);
    let out = old.run(&["reset", "--yes"]);
    out.success().stderr_has("This cannot be undone.\n");
    assert!(!out.stderr.contains("reset only over"), "{}", out.describe());
}
