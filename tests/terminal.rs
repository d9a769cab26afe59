//! What only happens on a terminal: hidden PIN prompts (new PINs asked twice), confirmations,
//! and the touch prompt. Runs fidoctl in a pseudo-terminal.

mod common;

use common::cli::{info_on, TempKeys};
use common::terminal::Terminal;

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
