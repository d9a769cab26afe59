//! What only happens on a terminal: hidden PIN prompts (new PINs asked twice), confirmations,
//! and the touch prompt. Runs fidoctl in a pseudo-terminal.

mod common;

use common::cli::{info_on, TempKeys};
use common::terminal::{Pty, Terminal};
use std::os::unix::process::ExitStatusExt;

const PIN: &str = "term-4711";

#[test]
fn pin_set_asks_twice_hides_the_pin_and_asks_again_after_a_mismatch() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let selector = key.selector();
    let mut term = Terminal::start(&["-d", &selector, "pin", "set"], &[]);
    term.wait_for("New PIN", 1);
    term.type_text("first-1111\n");
    term.wait_for("Repeat the new PIN", 1);
    term.type_text("other-2222\n");
    term.wait_for("The two PINs differ; try again.", 1);
    term.wait_for("New PIN", 2);
    term.type_text(&format!("{PIN}\n"));
    term.wait_for("Repeat the new PIN", 2);
    term.type_text(&format!("{PIN}\n"));
    let (code, shown) = term.finish();
    assert_eq!(code, Some(0), "{shown}");
    assert!(shown.contains("is set"), "{shown}");
    for secret in [PIN, "first-1111", "other-2222"] {
        assert!(!shown.contains(secret), "the terminal showed {secret:?}:\n{shown}");
    }
    // The PIN typed at the prompt is the one the key now has.
    key.run_env(&[("FIDOCTL_PIN", PIN)], &["pin", "verify"]).success();
}

#[test]
fn pin_verify_asks_for_the_pin_when_no_other_source_is_given() {
    let keys = TempKeys::new();
    let key = keys.create_with_pin("key.json", &[], PIN);
    let selector = key.selector();
    let mut term = Terminal::start(&["-d", &selector, "pin", "verify"], &[]);
    term.wait_for("PIN", 1);
    term.type_text(&format!("{PIN}\n"));
    let (code, shown) = term.finish();
    assert_eq!(code, Some(0), "{shown}");
    assert!(shown.contains("The PIN is correct"), "{shown}");
    assert!(!shown.contains(PIN), "{shown}");
}

#[test]
fn the_touch_prompt_shows_on_a_terminal() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let selector = key.selector();
    let term = Terminal::start(&["-d", &selector, "test"], &[("FIDOCTL_VIRTUAL_PRESENCE", "delay:200")]);
    let (code, shown) = term.finish();
    assert_eq!(code, Some(0), "{shown}");
    assert!(shown.contains(&format!("Touch your security key ({selector}) now...")), "{shown}");
}

#[test]
fn a_declined_confirmation_changes_nothing() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let selector = key.selector();
    let before = key.bytes();
    let mut term = Terminal::start(&["-d", &selector, "config", "always-uv", "on"], &[]);
    term.wait_for("Turn always-UV on?", 1);
    term.type_text("n");
    let (code, shown) = term.finish();
    assert_eq!(code, Some(1), "{shown}");
    assert!(shown.contains("Cancelled: nothing was changed."), "{shown}");
    assert_eq!(key.bytes(), before, "the state file must not change");
    assert_eq!(info_on(&selector).get_info().options.get("alwaysUv"), Some(&false));
}

#[test]
fn a_confirmed_reset_asks_for_one_touch() {
    let keys = TempKeys::new();
    let key = keys.create_with_pin("key.json", &[], PIN);
    let selector = key.selector();
    let mut term = Terminal::start(&["-d", &selector, "reset"], &[("FIDOCTL_VIRTUAL_PRESENCE", "delay:200")]);
    term.wait_for("Reset this key?", 1);
    term.type_text("y");
    let (code, shown) = term.finish();
    assert_eq!(code, Some(0), "{shown}");
    assert_eq!(shown.matches("Touch your security key").count(), 1, "one touch prompt:\n{shown}");
    assert!(shown.contains("Touch your security key now to confirm the reset..."), "{shown}");
    assert!(!info_on(&selector).pin_state().set);
}

/// One Ctrl-C at the hidden PIN prompt ends fidoctl at once, as SIGINT ends a program (the
/// shell reports 130), with the terminal echoing again and no PIN sent to the key.
#[test]
fn one_ctrl_c_at_the_pin_prompt_ends_fidoctl_and_restores_the_terminal() {
    let keys = TempKeys::new();
    let key = keys.create_with_pin("key.json", &[], PIN);
    let selector = key.selector();
    let mut term = Pty::start(&["-d", &selector, "pin", "verify"], &[]);
    term.wait_for("PIN: ", 1);
    term.type_text("wrong-but-not-sent");
    term.type_text("\u{3}");
    let (status, echo, shown) = term.finish();
    assert_eq!(status.signal(), Some(libc::SIGINT), "ended by Ctrl-C ({status:?}):\n{shown}");
    assert_eq!(status.code(), None, "{shown}");
    assert!(echo, "the terminal must echo again after fidoctl ends:\n{shown}");
    assert!(
        shown.contains(
            "fidoctl: Stopped at the PIN prompt (Ctrl-C): no PIN was sent to the key.\r\n\
             Run the command again when you are ready to type the PIN."
        ),
        "{shown}"
    );
    assert!(!shown.contains("wrong-but-not-sent"), "{shown}");
    assert_eq!(info_on(&selector).pin_state().retries, Some(8), "no PIN attempt was used");
}

/// The same at the new-PIN prompt of `pin set`: the key keeps having no PIN.
#[test]
fn ctrl_c_at_the_new_pin_prompt_sets_nothing() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let selector = key.selector();
    let mut term = Pty::start(&["-d", &selector, "pin", "set"], &[]);
    term.wait_for("New PIN: ", 1);
    term.type_text("\u{3}");
    let (status, echo, shown) = term.finish();
    assert_eq!(status.signal(), Some(libc::SIGINT), "{status:?}:\n{shown}");
    assert!(echo, "{shown}");
    assert!(!info_on(&selector).pin_state().set, "{shown}");
}

/// A new PIN shorter than the key allows is asked for again, as a mismatch is.
#[test]
fn a_too_short_new_pin_at_the_prompt_is_asked_again() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let selector = key.selector();
    let mut term = Terminal::start(&["-d", &selector, "pin", "set"], &[]);
    term.wait_for("New PIN", 1);
    term.type_text("123\n");
    term.wait_for(
        "The new PIN is too short: it has 3 characters and this key needs at least 4. Choose a longer PIN.",
        1,
    );
    term.wait_for("New PIN", 2);
    term.type_text(&format!("{PIN}\n"));
    term.wait_for("Repeat the new PIN", 1);
    term.type_text(&format!("{PIN}\n"));
    let (code, shown) = term.finish();
    assert_eq!(code, Some(0), "{shown}");
    assert!(shown.contains("is set"), "{shown}");
    key.run_env(&[("FIDOCTL_PIN", PIN)], &["pin", "verify"]).success();
}

/// Ctrl-C at a confirmation question ends fidoctl the same way, with nothing changed.
#[test]
fn ctrl_c_at_a_confirmation_changes_nothing() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let selector = key.selector();
    let mut term = Pty::start(&["-d", &selector, "config", "always-uv", "on"], &[]);
    term.wait_for("Turn always-UV on?", 1);
    term.type_text("\u{3}");
    let (status, echo, shown) = term.finish();
    assert_eq!(status.signal(), Some(libc::SIGINT), "{status:?}:\n{shown}");
    assert!(echo, "{shown}");
    assert!(shown.contains("fidoctl: Stopped at the confirmation (Ctrl-C): nothing was changed."), "{shown}");
    assert_eq!(info_on(&selector).get_info().options.get("alwaysUv"), Some(&false));
}
