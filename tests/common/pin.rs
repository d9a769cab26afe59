//! PIN tests: the JSON documents of `pin set | change | verify | min-length | force-change`,
//! a virtual key that remembers every PIN given to it and checks that no run ever shows one,
//! and readers for the `-vv` traffic dump.

use super::cli::{fidoctl, run_cmd, Run, TempKeys, VirtualKeyFile};
use super::schema::{ErrorDocument, InfoDocument, PinState};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use unicode_normalization::UnicodeNormalization;

/// `fidoctl pin set --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PinSet {
    pub schema_version: u32,
    pub device: String,
    pub pin_set: bool,
    pub pin_protocol: u8,
}

/// `fidoctl pin change --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PinChanged {
    pub schema_version: u32,
    pub device: String,
    pub pin_changed: bool,
    pub pin_protocol: u8,
}

/// `fidoctl pin verify --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PinVerified {
    pub schema_version: u32,
    pub device: String,
    pub pin_verified: bool,
    pub retries: u64,
    pub pin_protocol: u8,
}

/// `fidoctl pin min-length N --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinLengthSet {
    pub schema_version: u32,
    pub device: String,
    pub min_pin_length: Option<u64>,
    pub force_pin_change: bool,
    pub rp_ids: Vec<String>,
    pub changed: bool,
}

/// `fidoctl pin force-change --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForceChanged {
    pub schema_version: u32,
    pub device: String,
    pub force_pin_change: bool,
    pub changed: bool,
}

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
        let mut cmd = fidoctl();
        cmd.arg("-d").arg(self.selector()).args(args).envs(env.iter().copied());
        if let Some(text) = stdin {
            cmd.write_stdin(text.as_bytes().to_vec());
        }
        let run = run_cmd(&mut cmd);
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
        let mut cmd = fidoctl();
        cmd.args(["virtual", "replug"]).arg(&self.key.path);
        run_cmd(&mut cmd).success();
    }

    /// `info --json`, decoded.
    #[track_caller]
    pub fn info(&self) -> InfoDocument {
        let run = self.run_with(&["info", "--json"], None, &[]);
        run.success();
        let doc: InfoDocument = run.json();
        assert_eq!(doc.schema_version, 1);
        doc
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

/// The error document a failed `--json` run prints, checked against its exit code and the
/// sentence on stderr.
#[track_caller]
pub fn error_doc(run: &Run, exit: i32) -> ErrorDocument {
    run.expect_code(exit);
    let doc: ErrorDocument = run.json();
    assert_eq!(doc.schema_version, 1);
    assert_eq!(i32::from(doc.error.exit_code), exit, "exit_code in the document\n{}", run.describe());
    run.stderr_has(&doc.error.message);
    doc
}

/// Fail unless the run failed with exactly `fidoctl: MESSAGE` and `HINT` on stderr and
/// nothing on stdout.
#[track_caller]
pub fn assert_failure_text(run: &Run, exit: i32, message: &str, hint: &str) {
    run.expect_code(exit);
    assert_eq!(run.stderr, format!("fidoctl: {message}\n{hint}\n"), "stderr\n{}", run.describe());
    assert!(run.stdout.is_empty(), "nothing on stdout\n{}", run.describe());
}

/// One report of a `-vv` traffic dump.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Traced {
    /// true for `>>` (host to key).
    pub out: bool,
    /// The bytes shown.
    pub bytes: Vec<u8>,
    /// Shown with "[payload redacted: PIN material]".
    pub redacted: bool,
}

pub const REDACTED: &str = "[payload redacted: PIN material]";

/// Every report line of a `-vv` dump ("fidoctl: DEVICE >> HEX" / "<< HEX", HEX possibly
/// followed by the redaction notice).
pub fn traffic(run: &Run) -> Vec<Traced> {
    run.stderr
        .lines()
        .filter_map(|line| {
            let (out, rest) = if let Some((_, rest)) = line.split_once(" >> ") {
                (true, rest)
            } else {
                (false, line.split_once(" << ")?.1)
            };
            let (hex_part, redacted) = match rest.strip_suffix(REDACTED) {
                Some(h) => (h.trim(), true),
                None => (rest.trim(), false),
            };
            let bytes = hex::decode(hex_part).ok()?;
            Some(Traced { out, bytes, redacted })
        })
        .collect()
}

/// An outgoing CTAPHID_CBOR init packet: its CTAP2 command byte.
fn cbor_request(t: &Traced) -> Option<u8> {
    (t.out && t.bytes.get(4) == Some(&0x90)).then(|| t.bytes.get(7).copied()).flatten()
}

/// The CTAP2 command of every CBOR request, redacted or not, in order.
pub fn cbor_commands_sent(run: &Run) -> Vec<u8> {
    traffic(run).iter().filter_map(cbor_request).collect()
}

pub const CTAP2_CLIENT_PIN: u8 = 0x06;

/// (pinUvAuthProtocol, subCommand) of every clientPIN request fidoctl sent, read from the
/// canonical CBOR map {1: protocol, 2: subCommand, ...} at the start of the request.
#[track_caller]
pub fn client_pin_requests(run: &Run) -> Vec<(u8, u8)> {
    traffic(run)
        .iter()
        .filter(|t| cbor_request(t) == Some(CTAP2_CLIENT_PIN))
        .map(|t| match t.bytes.get(8..13) {
            Some(&[map, 0x01, protocol, 0x02, sub]) if (0xA2..=0xB7).contains(&map) => (protocol, sub),
            _ => panic!(
                "a clientPIN request whose protocol and subcommand the dump does not show: {t:?}\n{}",
                run.describe()
            ),
        })
        .collect()
}

pub mod sub {
    pub const GET_PIN_RETRIES: u8 = 0x01;
    pub const GET_KEY_AGREEMENT: u8 = 0x02;
    pub const SET_PIN: u8 = 0x03;
    pub const CHANGE_PIN: u8 = 0x04;
    pub const GET_PIN_TOKEN: u8 = 0x05;
    pub const GET_TOKEN_USING_PIN_WITH_PERMISSIONS: u8 = 0x09;
}
