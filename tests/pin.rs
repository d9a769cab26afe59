//! PINs: `fidoctl pin set | change | verify` (and the `min-length` / `force-change` they
//! interact with) run as the built binary against fresh virtual keys: the JSON documents,
//! the exact sentences of the important refusals, the retry counters, both PIN protocols,
//! the PIN sources and their order, NFC, and that no PIN ever shows in any output, the `-vv`
//! traffic dump included.
//!
//! Every run goes through [`PinKey`], which checks that no PIN given to the key so far
//! (right or wrong) appears on stdout or stderr, as text, hex or LEFT(SHA-256, 16).

mod common;

use common::cli::{assert_failure_text, clean_command, error_doc, text_field, wait_bounded, Run, FIDOCTL, RUN_TIMEOUT};
use common::pin::{assert_no_pin_material, pin_material, PinKey};
use common::schema::{ForceChanged, MinLengthSet, PinChanged, PinSet, PinVerified};
use common::trace::{cbor_commands_sent, client_pin_requests, sub, traffic, Traced, CTAP2_CLIENT_PIN, REDACTED};
use std::process::Stdio;
use std::time::{Duration, Instant};

const PIN: &str = "tulip-4711";
const OTHER_PIN: &str = "lilac-0815";
const WRONG_PIN: &str = "wrong-9999";

const ALREADY_SET: &str = "This key already has a PIN.";
const ALREADY_SET_HINT: &str = "Use `fidoctl pin change` to change it (or `fidoctl reset` if nobody knows it).";
const WRONG_HINT: &str = "Check the PIN (watch for Caps Lock and the keyboard layout) and try again.";
/// After three wrong PINs in a row: a virtual key is re-plugged with a command, which the hint
/// names with the key's file (a HID key gets "Unplug the key, plug it back in, …").
fn replug_hint(key: &PinKey) -> String {
    format!("Re-plug the virtual key with `fidoctl virtual replug {}`, then try again.", key.key.path.display())
}
const BLOCKED: &str = "Too many wrong PINs were entered, so the key has locked its PIN for good.";
const BLOCKED_HINT: &str = "Only a factory reset (`fidoctl reset`) makes the key usable again, and it erases every \
                            credential on it: the user will have to register the key again with every account.";
const NO_SOURCE: &str = "A PIN is needed, but standard input is not a terminal and no PIN was given.";
const NO_SOURCE_HINT_CURRENT: &str = "Give it with --pin-stdin (the PIN on the first line of standard input), in \
                                      the FIDOCTL_PIN environment variable, or run the command in a terminal to be \
                                      asked for it.";
const NO_SOURCE_HINT_NEW: &str = "Give it with --pin-stdin (see `fidoctl pin --help` for the order of lines), in the \
                                  FIDOCTL_PIN and FIDOCTL_NEW_PIN environment variables, or run the command in a \
                                  terminal to be asked for it.";
const STDIN_HINT: &str = "With --pin-stdin, `pin set` reads the new PIN from line 1; `pin change` the current PIN \
                          from line 1 and the new one from line 2; every other command the current PIN from line 1.";
const NEW_PIN_ENV_HINT: &str =
    "Put the new PIN in FIDOCTL_NEW_PIN, or give it with --pin-stdin (see `fidoctl pin --help` for the order of lines).";
const TOO_SHORT_HINT: &str = "Choose a longer PIN.";
const TOO_LONG_HINT: &str = "Choose a shorter PIN.";
const CHANGE_REQUIRED: &str = "This key requires a PIN change before its PIN can be used (its PIN policy was \
                               tightened or an administrator forced a change).";
const CHANGE_REQUIRED_HINT: &str = "Change the PIN with `fidoctl pin change`, then try again.";
const SAME_PIN_REFUSED: &str = "This key requires a new PIN: the new PIN must differ from the current one.";
const SAME_PIN_REFUSED_HINT: &str = "Choose a different PIN and run `fidoctl pin change` again.";

fn attempts(n: u64) -> String {
    if n == 1 {
        "1 attempt remains".to_string()
    } else {
        format!("{n} attempts remain")
    }
}

fn wrong_pin(remaining: u64) -> String {
    format!("The PIN is wrong. {} before the PIN locks for good and only a factory reset helps.", attempts(remaining))
}

fn auth_blocked(remaining: u64) -> String {
    format!(
        "Three wrong PINs were entered in a row, so the key stopped accepting PINs until it is unplugged. {} before the PIN locks for good.",
        attempts(remaining)
    )
}

fn too_short(got: usize, min: usize) -> String {
    format!("The new PIN is too short: it has {got} characters and this key needs at least {min}.")
}

fn too_long(got: usize) -> String {
    format!(
        "The new PIN is too long: it is {got} bytes and at most 63 bytes fit (letters outside ASCII take 2-4 bytes each)."
    )
}

#[track_caller]
fn quiet_success(run: &Run) {
    run.success();
    assert!(run.stderr.is_empty(), "a successful run wrote to stderr\n{}", run.describe());
}

// --- set ------------------------------------------------------------------------------------

#[test]
fn set_text_and_json() {
    let key = PinKey::create(&[]);
    assert!(!key.pin_state().set);
    let run = key.run_stdin(&["pin", "set"], &[PIN]);
    quiet_success(&run);
    assert_eq!(run.stdout, format!("The PIN of {} is set.\n", key.selector()));
    let state = key.pin_state();
    assert!(state.set && state.blocked == Some(false) && !state.force_change, "{state:?}");
    assert_eq!(state.retries, Some(8));
    quiet_success(&key.verify(PIN));

    let key = PinKey::create(&[]);
    let json = key.run_stdin(&["pin", "set", "--json"], &[PIN]);
    json.success();
    let doc: PinSet = json.json();
    assert_eq!((doc.schema_version, doc.device.as_str(), doc.pin_set), (1, key.selector().as_str(), true));
    assert_eq!(doc.pin_protocol, 2, "a CTAP 2.1 key offers protocol 2, and fidoctl prefers it");
    assert!(key.pin_state().set);
}

#[test]
fn set_when_a_pin_is_set_is_refused() {
    let key = PinKey::create(&[]);
    key.set(PIN);
    let run = key.run_stdin(&["pin", "set", "-vv"], &[OTHER_PIN]);
    run.expect_code(4).stderr_has(&format!("fidoctl: {ALREADY_SET}\n{ALREADY_SET_HINT}\n"));
    assert!(!cbor_commands_sent(&run).contains(&CTAP2_CLIENT_PIN), "refused before any clientPIN\n{}", run.describe());
    assert_failure_text(&key.run_stdin(&["pin", "set"], &[OTHER_PIN]), 4, ALREADY_SET, ALREADY_SET_HINT);
    // Even with no PIN source at all: the key is checked first.
    assert_failure_text(&key.run_with(&["pin", "set"], None, &[]), 4, ALREADY_SET, ALREADY_SET_HINT);

    let doc = error_doc(&key.run_stdin(&["pin", "set", "--json"], &[OTHER_PIN]), 4);
    assert_eq!(doc.error.code, "pin_already_set");
    assert_eq!(doc.error.message, ALREADY_SET);
    assert_eq!(doc.error.hint.as_deref(), Some(ALREADY_SET_HINT));
    // The old PIN stands, untouched.
    assert_eq!(key.retries(), Some(8));
    quiet_success(&key.verify(PIN));
}

// --- change ---------------------------------------------------------------------------------

#[test]
fn change_text_and_json() {
    let key = PinKey::create(&[]);
    key.set(PIN);
    let run = key.change(PIN, OTHER_PIN);
    quiet_success(&run);
    assert_eq!(run.stdout, format!("The PIN of {} is changed.\n", key.selector()));
    quiet_success(&key.verify(OTHER_PIN));
    assert_failure_text(&key.verify(PIN), 4, &wrong_pin(7), WRONG_HINT);

    let json = key.run_stdin(&["pin", "change", "--json"], &[OTHER_PIN, "peony-2323"]);
    json.success();
    let doc: PinChanged = json.json();
    assert_eq!(
        (doc.schema_version, doc.device.as_str(), doc.pin_changed, doc.pin_protocol),
        (1, key.selector().as_str(), true, 2)
    );
    assert_eq!(key.retries(), Some(8), "a right PIN restores the counter");
    let verified = key.run_stdin(&["pin", "verify", "--json"], &["peony-2323"]);
    verified.success();
    let doc: PinVerified = verified.json();
    assert_eq!((doc.schema_version, doc.device.path, doc.pin_verified, doc.pin_retries), (1, key.selector(), true, 8));
}

#[test]
fn change_without_a_pin_is_refused() {
    let key = PinKey::create(&[]);
    let run = key.change(PIN, OTHER_PIN);
    assert_failure_text(
        &run,
        4,
        "This key has no PIN yet, so there is nothing to change.",
        "Set one with `fidoctl pin set`.",
    );
    assert!(!key.pin_state().set);
}

#[test]
fn change_with_a_wrong_current_pin_counts_down() {
    let key = PinKey::create(&[]);
    key.set(PIN);
    assert_failure_text(&key.change(WRONG_PIN, OTHER_PIN), 4, &wrong_pin(7), WRONG_HINT);
    assert_eq!(key.retries(), Some(7));

    let doc = error_doc(&key.run_stdin(&["pin", "change", "--json"], &[WRONG_PIN, OTHER_PIN]), 4);
    assert_eq!(doc.error.code, "pin_invalid");
    assert_eq!(doc.error.message, wrong_pin(6));
    assert_eq!(doc.error.hint.as_deref(), Some(WRONG_HINT));
    let state = key.pin_state();
    assert_eq!(state.retries, Some(6));
    assert_eq!(state.power_cycle_required, Some(false), "two in a row do not block yet");

    // Nothing was changed, and the right PIN restores the counter.
    assert_failure_text(&key.verify(OTHER_PIN), 4, &auth_blocked(5), &replug_hint(&key));
    key.replug();
    quiet_success(&key.change(PIN, OTHER_PIN));
    assert_eq!(key.retries(), Some(8));
    quiet_success(&key.verify(OTHER_PIN));
}

// --- wrong PINs: three in a row, eight in all -----------------------------------------------

#[test]
fn three_wrong_pins_in_a_row_block_until_replug() {
    let key = PinKey::create(&[]);
    key.set(PIN);
    // Three separate runs: the count of mismatches outlives each run, as on a key on a desk.
    assert_failure_text(&key.verify(WRONG_PIN), 4, &wrong_pin(7), WRONG_HINT);
    assert_failure_text(&key.verify(WRONG_PIN), 4, &wrong_pin(6), WRONG_HINT);
    let replug_hint = replug_hint(&key);
    let replug_hint = replug_hint.as_str();
    assert_failure_text(&key.verify(WRONG_PIN), 4, &auth_blocked(5), replug_hint);

    let state = key.pin_state();
    assert_eq!(state.retries, Some(5));
    assert_eq!(state.power_cycle_required, Some(true));
    assert_eq!(state.blocked, Some(false), "blocked until a re-plug, not for good: {state:?}");

    // The right PIN is refused too, and costs nothing.
    assert_failure_text(&key.verify(PIN), 4, &auth_blocked(5), replug_hint);
    assert_failure_text(&key.change(PIN, OTHER_PIN), 4, &auth_blocked(5), replug_hint);
    let doc = error_doc(&key.run_stdin(&["pin", "verify", "--json"], &[PIN]), 4);
    assert_eq!(doc.error.code, "pin_auth_blocked");
    assert_eq!(doc.error.message, auth_blocked(5));
    assert_eq!(doc.error.hint.as_deref(), Some(replug_hint));
    assert_eq!(key.retries(), Some(5));

    key.replug();
    assert_eq!(key.pin_state().power_cycle_required, Some(false));
    let run = key.run_stdin(&["pin", "verify", "--json"], &[PIN]);
    run.success();
    assert_eq!(run.json::<PinVerified>().pin_retries, 8);
    assert_eq!(key.retries(), Some(8));
}

#[test]
fn eight_wrong_pins_block_the_pin_for_good() {
    let key = PinKey::create(&[]);
    key.set(PIN);
    for (attempt, remaining) in (1..=8).zip((0..8).rev()) {
        let run = if attempt == 5 { key.change(WRONG_PIN, OTHER_PIN) } else { key.verify(WRONG_PIN) };
        match attempt {
            8 => assert_failure_text(&run, 4, BLOCKED, BLOCKED_HINT),
            3 | 6 => assert_failure_text(&run, 4, &auth_blocked(remaining), &replug_hint(&key)),
            _ => assert_failure_text(&run, 4, &wrong_pin(remaining), WRONG_HINT),
        }
        assert_eq!(key.retries(), Some(remaining), "after wrong PIN {attempt}");
        if attempt % 3 == 0 {
            key.replug();
        }
    }

    let state = key.pin_state();
    assert!(state.blocked == Some(true) && state.set, "{state:?}");
    assert_eq!(state.retries, Some(0));
    let info = key.run_with(&["info"], None, &[]);
    info.success();
    let line = text_field(&info, "PIN");
    assert!(line.starts_with("BLOCKED") && line.contains("only a factory reset"), "{line:?}\n{}", info.describe());

    // The right PIN cannot help, not even after a re-plug; only a reset could.
    assert_failure_text(&key.verify(PIN), 4, BLOCKED, BLOCKED_HINT);
    key.replug();
    assert_failure_text(&key.verify(PIN), 4, BLOCKED, BLOCKED_HINT);
    assert_failure_text(&key.change(PIN, OTHER_PIN), 4, BLOCKED, BLOCKED_HINT);
    let doc = error_doc(&key.run_stdin(&["pin", "verify", "--json"], &[PIN]), 4);
    assert_eq!(doc.error.code, "pin_blocked");
    assert_eq!(doc.error.message, BLOCKED);
    assert_eq!(doc.error.hint.as_deref(), Some(BLOCKED_HINT));
    assert_eq!(key.pin_state().blocked, Some(true));
}

// --- new PINs checked before they are sent ---------------------------------------------------

/// `pin set ARGS` with `new` on a key with no PIN must be refused with `message`, before any
/// clientPIN request, leaving the key without a PIN.
#[track_caller]
fn set_refused_before_sending(key: &PinKey, new: &str, message: &str, hint: &str) {
    assert_failure_text(&key.run_stdin(&["pin", "set"], &[new]), 4, message, hint);
    let traced = key.run_stdin(&["pin", "set", "-vv"], &[new]);
    traced.expect_code(4).stderr_has(message);
    assert!(
        !cbor_commands_sent(&traced).contains(&CTAP2_CLIENT_PIN),
        "clientPIN was sent for a PIN that breaks the rules\n{}",
        traced.describe()
    );
    let doc = error_doc(&key.run_stdin(&["pin", "set", "--json"], &[new]), 4);
    assert_eq!((doc.error.code.as_str(), doc.error.message.as_str()), ("pin_policy_violation", message));
    assert!(!key.pin_state().set);
}

/// `pin change` from `current` (right) to `new` must be refused with `message` before
/// anything is sent: the retry counter, brought to 7 by a wrong PIN first, stays at 7 (a
/// change that reached the key would have checked the right current PIN and restored 8).
#[track_caller]
fn change_refused_before_sending(key: &PinKey, current: &str, new: &str, message: &str, hint: &str) {
    key.verify(WRONG_PIN).expect_code(4);
    assert_eq!(key.retries(), Some(7));
    assert_failure_text(&key.change(current, new), 4, message, hint);
    let traced = key.run_stdin(&["pin", "change", "-vv"], &[current, new]);
    traced.expect_code(4).stderr_has(message);
    assert!(!cbor_commands_sent(&traced).contains(&CTAP2_CLIENT_PIN), "{}", traced.describe());
    assert_eq!(key.retries(), Some(7), "the refused change never reached the key");
    // Put the counter back for the next check.
    quiet_success(&key.verify(current));
}

#[test]
fn new_pin_too_short_is_refused_before_sending() {
    let key = PinKey::create(&[]);
    // Three code points, seven bytes: the rule counts characters, not bytes.
    let three = "\u{3a9}\u{416}\u{2713}";
    set_refused_before_sending(&key, three, &too_short(3, 4), TOO_SHORT_HINT);
    key.set(PIN);
    change_refused_before_sending(&key, PIN, three, &too_short(3, 4), TOO_SHORT_HINT);
    // Four code points is enough, however few bytes or many.
    let four = "\u{3a9}\u{416}\u{2713}\u{1F600}";
    quiet_success(&key.change(PIN, four));
    quiet_success(&key.verify(four));
}

#[test]
fn new_pin_too_long_is_refused_before_sending() {
    let ascii_64 = "x".repeat(64);
    let emoji_16 = "\u{1F511}".repeat(16);
    assert_eq!((ascii_64.len(), emoji_16.len(), emoji_16.chars().count()), (64, 64, 16));

    let key = PinKey::create(&[]);
    set_refused_before_sending(&key, &ascii_64, &too_long(64), TOO_LONG_HINT);
    set_refused_before_sending(&key, &emoji_16, &too_long(64), TOO_LONG_HINT);
    key.set(PIN);
    change_refused_before_sending(&key, PIN, &ascii_64, &too_long(64), TOO_LONG_HINT);
    change_refused_before_sending(&key, PIN, &emoji_16, &too_long(64), TOO_LONG_HINT);

    // 63 bytes is the most that fits, in ASCII and in 4-byte characters.
    let ascii_63 = "x".repeat(63);
    quiet_success(&key.change(PIN, &ascii_63));
    quiet_success(&key.verify(&ascii_63));
    let emoji_15_ascii_3 = format!("{}abc", "\u{1F511}".repeat(15));
    assert_eq!(emoji_15_ascii_3.len(), 63);
    quiet_success(&key.change(&ascii_63, &emoji_15_ascii_3));
    quiet_success(&key.verify(&emoji_15_ascii_3));
    let fresh = PinKey::create(&[]);
    fresh.set(&ascii_63);
    quiet_success(&fresh.verify(&ascii_63));
}

#[test]
fn new_pin_below_the_keys_minimum_is_refused_before_sending() {
    let key = PinKey::create(&[]);
    let raised = key.run_with(&["pin", "min-length", "8", "--yes", "--json"], None, &[]);
    raised.success();
    let doc: MinLengthSet = raised.json();
    assert_eq!((doc.min_pin_length, doc.force_pin_change), (Some(8), false));
    assert_eq!(key.pin_state().min_length, Some(8));

    set_refused_before_sending(&key, "seven-7", &too_short(7, 8), TOO_SHORT_HINT);
    key.set("eight-88");
    change_refused_before_sending(&key, "eight-88", "seven-7", &too_short(7, 8), TOO_SHORT_HINT);
    quiet_success(&key.change("eight-88", "eight-99"));
    quiet_success(&key.verify("eight-99"));
}

#[test]
fn the_current_pin_is_never_length_checked() {
    // A minimum raised above the PIN forces a change; the old, now too short PIN must still
    // be accepted as the current one, or its owner is locked out.
    let key = PinKey::create(&[]);
    key.set("short-7");
    let raised = key.run_stdin(&["pin", "min-length", "10", "--yes", "--json"], &["short-7"]);
    raised.success();
    let doc: MinLengthSet = raised.json();
    assert_eq!(doc.min_pin_length, Some(10));
    let state = key.pin_state();
    assert!(state.force_change, "{state:?}");
    assert_eq!(state.min_length, Some(10));
    assert_failure_text(&key.change("short-7", "ninechars"), 4, &too_short(9, 10), TOO_SHORT_HINT);
    quiet_success(&key.change("short-7", "ten-chars!"));
    quiet_success(&key.verify("ten-chars!"));
    assert!(!key.pin_state().force_change);
}

// --- PIN sources ------------------------------------------------------------------------------

/// Run fidoctl with standard input a pipe that stays open and never carries a byte: a tool
/// that tried to read a PIN from it would hang (and be killed after `limit`).
fn run_with_silent_stdin(args: &[&str], env: &[(&str, &str)], limit: Duration) -> (Run, Duration) {
    let mut cmd = clean_command(FIDOCTL);
    cmd.args(args).envs(env.iter().copied()).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let described = format!("{cmd:?}");
    let started = Instant::now();
    let mut child = cmd.spawn().expect("spawn fidoctl");
    let stdin = child.stdin.take();
    if wait_bounded(&mut child, limit).is_none() {
        let _ = child.kill();
    }
    let elapsed = started.elapsed();
    drop(stdin);
    let out = child.wait_with_output().expect("collect fidoctl output");
    let run = Run {
        command: described,
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    };
    (run, elapsed)
}

#[test]
fn no_pin_source_without_a_terminal_exits_4_at_once() {
    let fresh = PinKey::create(&[]);
    let with_pin = PinKey::create(&[]);
    with_pin.set(PIN);
    let new_pin_env =
        "`pin change` reads the new PIN from FIDOCTL_NEW_PIN, which is not set; FIDOCTL_PIN holds the current PIN only.";
    let cases: [(&PinKey, &[&str], &str, &str); 4] = [
        (&fresh, &["pin", "set"], NO_SOURCE, NO_SOURCE_HINT_NEW),
        (&with_pin, &["pin", "verify"], NO_SOURCE, NO_SOURCE_HINT_CURRENT),
        (&with_pin, &["pin", "change"], NO_SOURCE, NO_SOURCE_HINT_CURRENT),
        // The current PIN from the environment, the new one from nowhere.
        (&with_pin, &["pin", "change"], new_pin_env, NEW_PIN_ENV_HINT),
    ];
    for (i, (key, args, message, hint)) in cases.into_iter().enumerate() {
        let sel = key.selector();
        let mut all = vec!["-d", sel.as_str(), "-vv"];
        all.extend_from_slice(args);
        let env: &[(&str, &str)] = if i == 3 { &[("FIDOCTL_PIN", PIN)] } else { &[] };
        let (run, elapsed) = run_with_silent_stdin(&all, env, RUN_TIMEOUT);
        assert!(
            elapsed < Duration::from_secs(10),
            "{args:?} took {elapsed:?}: it waited for input\n{}",
            run.describe()
        );
        run.expect_code(4).stderr_has(&format!("fidoctl: {message}\n{hint}\n"));
        assert!(run.stdout.is_empty(), "{}", run.describe());
        assert!(!cbor_commands_sent(&run).contains(&CTAP2_CLIENT_PIN), "asked the key first\n{}", run.describe());
        assert_no_pin_material(&run, PIN);

        let (json, _) = run_with_silent_stdin(&[&["-d", sel.as_str(), "--json"][..], args].concat(), env, RUN_TIMEOUT);
        let doc = error_doc(&json, 4);
        assert_eq!(doc.error.code, "pin_source_missing");
        assert_eq!(doc.error.message, message);
        assert_eq!(doc.error.hint.as_deref(), Some(hint));
    }
    assert!(!fresh.pin_state().set);
    assert_eq!(with_pin.retries(), Some(8));
}

#[test]
fn pin_stdin_wins_over_the_environment() {
    // set: line 1, not FIDOCTL_NEW_PIN.
    let key = PinKey::create(&[]);
    let set =
        key.run_with(&["pin", "set", "--pin-stdin"], Some(&format!("{PIN}\n")), &[("FIDOCTL_NEW_PIN", OTHER_PIN)]);
    quiet_success(&set);
    quiet_success(&key.verify(PIN));

    // verify: line 1, not FIDOCTL_PIN, whichever of the two is right.
    let from_stdin = |line: &str, env_pin: &str| {
        key.run_with(&["pin", "verify", "--pin-stdin"], Some(&format!("{line}\n")), &[("FIDOCTL_PIN", env_pin)])
    };
    quiet_success(&from_stdin(PIN, WRONG_PIN));
    assert_failure_text(&from_stdin(WRONG_PIN, PIN), 4, &wrong_pin(7), WRONG_HINT);

    // change: lines 1 and 2, not FIDOCTL_PIN / FIDOCTL_NEW_PIN.
    let change = key.run_with(
        &["pin", "change", "--pin-stdin"],
        Some(&format!("{PIN}\n{OTHER_PIN}\n")),
        &[("FIDOCTL_PIN", WRONG_PIN), ("FIDOCTL_NEW_PIN", "peony-2323")],
    );
    quiet_success(&change);
    quiet_success(&key.verify(OTHER_PIN));

    // --pin-stdin with nothing on it is an error, never a quiet fall-back to the environment.
    let empty = key.run_with(&["pin", "verify", "--pin-stdin"], Some(""), &[("FIDOCTL_PIN", OTHER_PIN)]);
    assert_failure_text(&empty, 4, "Standard input ended before the current PIN (line 1 of --pin-stdin).", STDIN_HINT);
    assert_eq!(key.retries(), Some(8));
}

#[test]
fn pins_from_the_environment() {
    let key = PinKey::create(&[]);
    // FIDOCTL_PIN is the current PIN: it never becomes a new one, and the refusal says where
    // the new one goes.
    let run = key.run_with(&["pin", "set"], None, &[("FIDOCTL_PIN", PIN)]);
    assert_failure_text(
        &run,
        4,
        "`pin set` reads the new PIN from FIDOCTL_NEW_PIN, which is not set; FIDOCTL_PIN holds the current PIN only.",
        NEW_PIN_ENV_HINT,
    );
    let doc = error_doc(&key.run_with(&["pin", "set", "--json"], None, &[("FIDOCTL_PIN", PIN)]), 4);
    assert_eq!(doc.error.code, "pin_source_missing");
    assert!(!key.pin_state().set);

    let set = key.run_with(&["pin", "set", "--json"], None, &[("FIDOCTL_NEW_PIN", PIN)]);
    set.success();
    assert!(set.json::<PinSet>().pin_set);
    quiet_success(&key.run_with(&["pin", "verify"], None, &[("FIDOCTL_PIN", PIN)]));
    assert_failure_text(
        &key.run_with(&["pin", "verify"], None, &[("FIDOCTL_PIN", WRONG_PIN)]),
        4,
        &wrong_pin(7),
        WRONG_HINT,
    );

    // An empty variable is no PIN: it is never sent (which would cost an attempt).
    assert_eq!(key.retries(), Some(7));
    let empty = key.run_with(&["pin", "verify", "-vv"], None, &[("FIDOCTL_PIN", "")]);
    empty.expect_code(4).stderr_has(&format!("fidoctl: {NO_SOURCE}\n{NO_SOURCE_HINT_CURRENT}\n"));
    assert!(!cbor_commands_sent(&empty).contains(&CTAP2_CLIENT_PIN), "{}", empty.describe());
    assert_eq!(key.retries(), Some(7));
    let empty_new = key.run_with(&["pin", "change"], None, &[("FIDOCTL_PIN", PIN), ("FIDOCTL_NEW_PIN", "")]);
    assert_failure_text(
        &empty_new,
        4,
        "`pin change` reads the new PIN from FIDOCTL_NEW_PIN, which is not set; FIDOCTL_PIN holds the current PIN only.",
        NEW_PIN_ENV_HINT,
    );

    let change = key.run_with(&["pin", "change"], None, &[("FIDOCTL_PIN", PIN), ("FIDOCTL_NEW_PIN", OTHER_PIN)]);
    quiet_success(&change);
    quiet_success(&key.verify(OTHER_PIN));
    assert_failure_text(&key.verify(PIN), 4, &wrong_pin(7), WRONG_HINT);
}

#[test]
fn pin_change_reads_two_lines_from_stdin() {
    let key = PinKey::create(&[]);
    key.set(PIN);
    // Line 1 is the current PIN, line 2 the new one: swapped, the "current" one is wrong.
    assert_failure_text(&key.change(OTHER_PIN, PIN), 4, &wrong_pin(7), WRONG_HINT);
    key.verify(PIN).success();

    // One line only: refused before anything is sent, the counter untouched.
    key.verify(WRONG_PIN).expect_code(4);
    let one_line = key.run_stdin(&["pin", "change", "-vv"], &[PIN]);
    one_line.expect_code(4).stderr_has(&format!(
        "fidoctl: Standard input ended before the new PIN (line 2 of --pin-stdin).\n{STDIN_HINT}\n"
    ));
    assert!(!cbor_commands_sent(&one_line).contains(&CTAP2_CLIENT_PIN), "{}", one_line.describe());
    assert_eq!(key.retries(), Some(7));

    // Trailing CR (a file written on Windows) and further lines are not part of the PINs.
    let run =
        key.run_with(&["pin", "change", "--pin-stdin"], Some(&format!("{PIN}\r\n{OTHER_PIN}\r\nextra-line\n")), &[]);
    quiet_success(&run);
    quiet_success(&key.verify(OTHER_PIN));
}

// --- NFC --------------------------------------------------------------------------------------

const CAFE_NFD: &str = "cafe\u{301}-2024";
const CAFE_NFC: &str = "caf\u{e9}-2024";

#[test]
fn pins_are_normalised_to_nfc() {
    assert_ne!(CAFE_NFD.as_bytes(), CAFE_NFC.as_bytes());

    // Set in the decomposed form (--pin-stdin), verified in the composed one, from each source.
    let key = PinKey::create(&[]);
    key.set(CAFE_NFD);
    quiet_success(&key.verify(CAFE_NFC));
    quiet_success(&key.run_with(&["pin", "verify"], None, &[("FIDOCTL_PIN", CAFE_NFC)]));
    quiet_success(&key.verify(CAFE_NFD));
    // Not a key that takes anything: without the accent it is another PIN.
    assert_failure_text(&key.verify("cafe-2024"), 4, &wrong_pin(7), WRONG_HINT);
    quiet_success(&key.change(CAFE_NFC, OTHER_PIN));

    // And the other way round, with the new PIN from the environment.
    let key = PinKey::create(&[]);
    quiet_success(&key.run_with(&["pin", "set"], None, &[("FIDOCTL_NEW_PIN", CAFE_NFC)]));
    quiet_success(&key.verify(CAFE_NFD));

    // Lengths are counted after normalising: 10 code points as typed, 9 as sent.
    let key = PinKey::create(&[]);
    key.run_with(&["pin", "min-length", "10", "--yes"], None, &[]).success();
    assert_eq!(CAFE_NFD.chars().count(), 10);
    assert_failure_text(&key.run_stdin(&["pin", "set"], &[CAFE_NFD]), 4, &too_short(9, 10), TOO_SHORT_HINT);
    assert!(!key.pin_state().set);
}

// --- force-change ------------------------------------------------------------------------------

#[test]
fn force_change_then_change() {
    let key = PinKey::create(&[]);
    key.set(PIN);
    let forced = key.run_stdin(&["pin", "force-change", "--yes", "--json"], &[PIN]);
    forced.success();
    let doc: ForceChanged = forced.json();
    assert_eq!((doc.schema_version, doc.device.as_str(), doc.force_pin_change), (1, key.selector().as_str(), true));
    assert!(key.pin_state().force_change);

    // verify says a change is needed, before trying the PIN (never "wrong PIN").
    assert_failure_text(&key.verify(PIN), 4, CHANGE_REQUIRED, CHANGE_REQUIRED_HINT);
    let traced = key.run_stdin(&["pin", "verify", "-vv"], &[PIN]);
    traced.expect_code(4).stderr_has(CHANGE_REQUIRED);
    let tokens: Vec<_> = client_pin_requests(&traced)
        .into_iter()
        .filter(|(_, s)| [sub::GET_PIN_TOKEN, sub::GET_TOKEN_USING_PIN_WITH_PERMISSIONS].contains(s))
        .collect();
    assert!(tokens.is_empty(), "a token was asked for: {tokens:?}\n{}", traced.describe());
    let doc = error_doc(&key.run_stdin(&["pin", "verify", "--json"], &[PIN]), 4);
    assert_eq!((doc.error.code.as_str(), doc.error.message.as_str()), ("pin_change_required", CHANGE_REQUIRED));
    assert_eq!(key.retries(), Some(8));

    // Not to the same PIN.
    // fidoctl refuses before sending: reusing the PIN would only cost a round trip.
    assert_failure_text(&key.change(PIN, PIN), 4, SAME_PIN_REFUSED, SAME_PIN_REFUSED_HINT);
    let doc = error_doc(&key.run_stdin(&["pin", "change", "--json"], &[PIN, PIN]), 4);
    assert_eq!(doc.error.code, "pin_policy_violation");
    assert!(key.pin_state().force_change);

    let changed = key.run_stdin(&["pin", "change", "--json"], &[PIN, OTHER_PIN]);
    changed.success();
    assert!(changed.json::<PinChanged>().pin_changed);
    let state = key.pin_state();
    assert!(!state.force_change && state.set, "{state:?}");
    quiet_success(&key.verify(OTHER_PIN));
    assert_failure_text(&key.verify(PIN), 4, &wrong_pin(7), WRONG_HINT);
}

// --- PIN protocols ------------------------------------------------------------------------------

/// (profile, PIN protocol, the token subcommand fidoctl must use, the one it must not)
const PROFILES: [(&str, u8, u8, u8); 3] = [
    ("ctap2.1", 2, sub::GET_TOKEN_USING_PIN_WITH_PERMISSIONS, sub::GET_PIN_TOKEN),
    ("ctap2.1-pre", 1, sub::GET_PIN_TOKEN, sub::GET_TOKEN_USING_PIN_WITH_PERMISSIONS),
    ("ctap2.0", 1, sub::GET_PIN_TOKEN, sub::GET_TOKEN_USING_PIN_WITH_PERMISSIONS),
];

#[test]
fn pin_protocol_and_token_subcommand_per_profile() {
    for (profile, protocol, token_sub, never_sub) in PROFILES {
        let key = PinKey::create(&["--profile", profile]);
        let set = key.run_stdin(&["pin", "set", "--json", "-vv"], &[PIN]);
        set.success();
        assert_eq!(set.json::<PinSet>().pin_protocol, protocol, "{profile}");
        assert_eq!(
            client_pin_requests(&set),
            [(protocol, sub::GET_KEY_AGREEMENT), (protocol, sub::SET_PIN)],
            "{profile}\n{}",
            set.describe()
        );

        let change = key.run_stdin(&["pin", "change", "--json", "-vv"], &[PIN, OTHER_PIN]);
        change.success();
        assert_eq!(change.json::<PinChanged>().pin_protocol, protocol, "{profile}");
        assert_eq!(
            client_pin_requests(&change),
            [(protocol, sub::GET_KEY_AGREEMENT), (protocol, sub::CHANGE_PIN)],
            "{profile}\n{}",
            change.describe()
        );

        let verify = key.run_stdin(&["pin", "verify", "--json", "-vv"], &[OTHER_PIN]);
        verify.success();
        let doc: PinVerified = verify.json();
        assert_eq!((doc.pin_protocol, doc.pin_retries), (protocol, 8), "{profile}");
        let requests = client_pin_requests(&verify);
        assert!(requests.iter().all(|&(p, _)| p == protocol), "{profile}: {requests:?}");
        let subs: Vec<u8> = requests.iter().map(|&(_, s)| s).collect();
        assert_eq!(subs.iter().filter(|&&s| s == token_sub).count(), 1, "{profile}: {subs:x?}\n{}", verify.describe());
        assert!(!subs.contains(&never_sub), "{profile}: {subs:x?}");

        // A wrong PIN counts the same way on either protocol.
        assert_failure_text(&key.verify(WRONG_PIN), 4, &wrong_pin(7), WRONG_HINT);
        assert_eq!(key.retries(), Some(7), "{profile}");
    }
}

// --- PIN material never in traffic dumps -------------------------------------------------------

/// The clientPIN subcommands that carry PIN material (or return a token).
const SENSITIVE: [u8; 4] =
    [sub::SET_PIN, sub::CHANGE_PIN, sub::GET_PIN_TOKEN, sub::GET_TOKEN_USING_PIN_WITH_PERMISSIONS];

/// In a `-vv` dump: every request that carries PIN material, every packet after it up to the
/// next request (its continuation packets and the key's answer) is redacted, and a redacted
/// line shows no more than the CTAPHID header and clientPIN's protocol and subcommand.
#[track_caller]
fn assert_redacted(run: &Run, expected_sensitive: usize) {
    let reports = traffic(&run.stderr);
    assert!(!reports.is_empty(), "no traffic dump\n{}", run.describe());
    let is_request = |t: &Traced| t.out && t.command().is_some();
    let mut sensitive = 0;
    let mut in_sensitive = false;
    for t in &reports {
        if is_request(t) {
            let client_pin_sub =
                (t.ctap2_request() == Some(CTAP2_CLIENT_PIN)).then(|| t.bytes.get(12).copied()).flatten();
            in_sensitive = client_pin_sub.is_some_and(|s| SENSITIVE.contains(&s));
            sensitive += usize::from(in_sensitive);
        }
        if in_sensitive {
            assert!(t.redacted, "PIN traffic shown in full: {t:?}\n{}", run.describe());
        }
        if t.redacted {
            let limit = if is_request(t) { 13 } else { 5 };
            assert!(t.bytes.len() <= limit, "a redacted line shows {} bytes: {t:?}", t.bytes.len());
        }
    }
    assert_eq!(sensitive, expected_sensitive, "requests carrying PIN material\n{}", run.describe());
    assert!(run.stderr.contains(REDACTED), "{}", run.describe());
}

#[test]
fn pin_material_never_in_traffic_dumps() {
    for (profile, ..) in PROFILES {
        let key = PinKey::create(&["--profile", profile]);
        let set = key.run_stdin(&["pin", "set", "-vv"], &[PIN]);
        set.success();
        assert_redacted(&set, 1);

        let wrong = key.run_stdin(&["pin", "verify", "-vv"], &[WRONG_PIN]);
        wrong.expect_code(4).stderr_has(&wrong_pin(7));
        assert_redacted(&wrong, 1);

        let change = key.run_stdin(&["pin", "change", "-vv"], &[PIN, OTHER_PIN]);
        change.success();
        assert_redacted(&change, 1);

        let verify = key.run_stdin(&["pin", "verify", "-vv"], &[OTHER_PIN]);
        verify.success();
        assert_redacted(&verify, 1);

        // The same through the environment.
        let env =
            key.run_with(&["pin", "change", "-vv"], None, &[("FIDOCTL_PIN", OTHER_PIN), ("FIDOCTL_NEW_PIN", PIN)]);
        env.success();
        assert_redacted(&env, 1);
        for run in [&set, &wrong, &change, &verify, &env] {
            for pin in [PIN, OTHER_PIN, WRONG_PIN] {
                assert_no_pin_material(run, pin);
            }
        }
    }
}

// --- the helpers themselves ---------------------------------------------------------------------

#[test]
fn helpers_see_what_they_look_for() {
    // SHA-256("1234") = 03ac6742 16f3e15c 761ee1a5 e255f067 ...: the key-side PIN hash.
    let forms = pin_material("1234");
    for needle in ["1234", "31323334", "03ac674216f3e15c761ee1a5e255f067", "03AC674216F3E15C761EE1A5E255F067"] {
        assert!(forms.iter().any(|f| f == needle), "{needle} missing from {forms:?}");
    }
    // The NFC form of a decomposed PIN is looked for too.
    assert!(pin_material(CAFE_NFD).iter().any(|f| f == CAFE_NFC));

    let run =
        |stderr: &str| Run { command: "test".into(), code: Some(0), stdout: String::new(), stderr: stderr.into() };
    let dump = run("fidoctl: virtual:k.json >> 0000000190000606a201020202\n\
                    fidoctl: virtual:k.json >> 0000000190007a06a501020209 [payload redacted: PIN material]\n\
                    fidoctl: virtual:k.json >> 0000000100 [payload redacted: PIN material]\n\
                    fidoctl: virtual:k.json << 0000000190 [payload redacted: PIN material]\n\
                    fidoctl: virtual:k.json >> 0000000190000104\n");
    assert_eq!(
        client_pin_requests(&dump),
        [(2, sub::GET_KEY_AGREEMENT), (2, sub::GET_TOKEN_USING_PIN_WITH_PERMISSIONS)]
    );
    assert_eq!(cbor_commands_sent(&dump), [CTAP2_CLIENT_PIN, CTAP2_CLIENT_PIN, 0x04]);
    assert_redacted(&dump, 1);
    let leaky = run("fidoctl: virtual:k.json >> 0000000190007a06a5010202090102 [payload redacted: PIN material]\n");
    assert!(std::panic::catch_unwind(|| assert_redacted(&leaky, 1)).is_err(), "a redacted line showing too much");
    let unredacted = run("fidoctl: virtual:k.json >> 0000000190007a06a501020203a1\n");
    assert!(std::panic::catch_unwind(|| assert_redacted(&unredacted, 1)).is_err(), "setPIN shown in full");
}
