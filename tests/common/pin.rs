//! PIN tests: a virtual key that remembers every PIN given to it and checks that no run ever
//! shows one, as text, hex or LEFT(SHA-256, 16).

use super::cli::{run_on, run_on_with_stdin, run_virtual, Run, TempKeys, VirtualKeyFile};
use super::schema::{InfoDocument, PinState};
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use unicode_normalization::UnicodeNormalization;

/// The strings that would betray `pin` in output: the PIN as given and in NFC, its UTF-8 in
/// hex (both cases), and LEFT(SHA-256(PIN), 16) in hex (both cases), which is what a key
/// stores and what pinHashEnc encrypts.
pub fn pin_material(pin: &str) -> Vec<String> {
    let mut forms = vec![pin.to_string()];
    let nfc: String = pin.nfc().collect();
    if nfc != pin {
        forms.push(nfc);
    }
    let mut out = Vec::new();
    for form in forms {
        let text_hex = hex::encode(form.as_bytes());
        let hash_hex = hex::encode(&Sha256::digest(form.as_bytes())[..16]);
        out.extend([text_hex.to_uppercase(), text_hex, hash_hex.to_uppercase(), hash_hex, form]);
    }
    out
}

/// Fail if stdout or stderr shows any form of `pin` ([`pin_material`]).
#[track_caller]
pub fn assert_no_pin_material(run: &Run, pin: &str) {
    for needle in pin_material(pin) {
        run.never_shows(&needle);
    }
}

/// A fresh virtual key that remembers every PIN a test gave it (right or wrong) and checks
/// after every run that none of them shows on stdout or stderr.
pub struct PinKey {
    pub key: VirtualKeyFile,
    pins: RefCell<Vec<String>>,
    // Last, so the key file is gone only after everything else.
    _keys: TempKeys,
}

impl PinKey {
    /// `fidoctl virtual create KEY ARGS...` in a fresh temp dir.
    #[track_caller]
    pub fn create(args: &[&str]) -> PinKey {
        let keys = TempKeys::new();
        let key = keys.create("key.json", args);
        PinKey { key, pins: RefCell::new(Vec::new()), _keys: keys }
    }

    pub fn selector(&self) -> String {
        self.key.selector()
    }

    /// Remember a secret that must never show in any later run's output.
    pub fn remember(&self, pin: &str) {
        // A short PIN's hex could turn up by chance in a -vv dump (16^-6 per position for 3
        // bytes); from 7 bytes on that is negligible. Short PINs can use non-ASCII letters.
        assert!(
            pin.len() >= 7,
            "test PINs are at least 7 bytes of UTF-8, so a -vv dump cannot show one by chance: {pin:?}"
        );
        let mut pins = self.pins.borrow_mut();
        if !pins.iter().any(|p| p == pin) {
            pins.push(pin.to_string());
        }
    }

    /// `fidoctl -d virtual:KEY ARGS...` with `stdin` written to standard input (an empty pipe
    /// when `None`) and `env` set. Every line of `stdin` and every FIDOCTL_*PIN value is
    /// remembered as a PIN; the run is checked against every PIN remembered so far.
    #[track_caller]
    pub fn run_with(&self, args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Run {
        if let Some(text) = stdin {
            text.lines().filter(|l| !l.is_empty()).for_each(|l| self.remember(l));
        }
        for (name, value) in env {
            if name.ends_with("PIN") && !value.is_empty() {
                self.remember(value);
            }
        }
        let run = match stdin {
            Some(text) => run_on_with_stdin(&self.selector(), env, args, text),
            None => run_on(&self.selector(), env, args),
        };
        for pin in self.pins.borrow().iter() {
            assert_no_pin_material(&run, pin);
        }
        run
    }

    /// `ARGS... --pin-stdin` with these lines on standard input.
    #[track_caller]
    pub fn run_stdin(&self, args: &[&str], lines: &[&str]) -> Run {
        let mut all = args.to_vec();
        all.push("--pin-stdin");
        let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
        self.run_with(&all, Some(&text), &[])
    }

    /// `pin set`, which must succeed.
    #[track_caller]
    pub fn set(&self, pin: &str) {
        self.run_stdin(&["pin", "set"], &[pin]).success();
    }

    #[track_caller]
    pub fn verify(&self, pin: &str) -> Run {
        self.run_stdin(&["pin", "verify"], &[pin])
    }

    #[track_caller]
    pub fn change(&self, current: &str, new: &str) -> Run {
        self.run_stdin(&["pin", "change"], &[current, new])
    }

    /// `fidoctl virtual replug KEY`: unplug and plug back in.
    #[track_caller]
    pub fn replug(&self) {
        run_virtual("replug", &self.key.path, &[]).success();
    }

    /// `info --json`, decoded.
    #[track_caller]
    pub fn info(&self) -> InfoDocument {
        self.run_with(&["info", "--json"], None, &[]).doc()
    }

    /// The `pin` part of `info --json`.
    #[track_caller]
    pub fn pin_state(&self) -> PinState {
        self.info().pin.expect("a FIDO2 key's info has a pin section")
    }

    /// pin.retries of `info --json`.
    #[track_caller]
    pub fn retries(&self) -> Option<u64> {
        self.pin_state().retries
    }
}
