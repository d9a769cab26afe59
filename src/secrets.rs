//! PIN input: --pin-stdin, then FIDOCTL_PIN / FIDOCTL_NEW_PIN, then a hidden prompt only when
//! standard input is a terminal. Never the command line, never logged, always in zeroizing
//! buffers, NFC-normalised before use.

use crate::limits::{InputError, PIN_LINE_MAX};
use std::io::{BufRead, IsTerminal};
use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

pub const ENV_PIN: &str = "FIDOCTL_PIN";
pub const ENV_NEW_PIN: &str = "FIDOCTL_NEW_PIN";
/// Shortest PIN the specification allows, in code points.
pub const MIN_PIN_CODE_POINTS: usize = 4;
/// Longest PIN: 63 bytes of UTF-8 (it is padded to 64 with at least one zero).
pub const MAX_PIN_BYTES: usize = 63;

pub type Pin = Zeroizing<String>;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SecretError {
    #[error("A PIN is needed, but standard input is not a terminal and no PIN was given.")]
    NoSource { new: bool },
    #[error("Standard input ended before the {what} PIN (line {line} of --pin-stdin).")]
    StdinTooShort { what: &'static str, line: usize },
    #[error("The PIN could not be read: {0}")]
    Read(String),
    #[error("The two new PINs you typed differ.")]
    Mismatch,
    #[error("The new PIN is too short: it has {got} characters and this key needs at least {min}.")]
    TooShort { got: usize, min: usize },
    #[error("The new PIN is too long: it is {got} bytes and at most {MAX_PIN_BYTES} bytes fit (letters outside ASCII take 2-4 bytes each).")]
    TooLong { got: usize },
}

impl SecretError {
    pub fn hint(&self) -> String {
        match self {
            SecretError::NoSource { new: false } => format!("Give it with --pin-stdin (the PIN on the first line of standard input), in the {ENV_PIN} environment variable, or run the command in a terminal to be asked for it."),
            SecretError::NoSource { new: true } => format!("Give it with --pin-stdin (see `fidoctl pin --help` for the order of lines), in the {ENV_PIN} and {ENV_NEW_PIN} environment variables, or run the command in a terminal to be asked for it."),
            SecretError::StdinTooShort { .. } => "With --pin-stdin, `pin set` reads the new PIN from line 1; `pin change` the current PIN from line 1 and the new one from line 2; every other command the current PIN from line 1.".into(),
            SecretError::Read(_) => "Check what standard input carries (with --pin-stdin: one PIN per line), or give the PIN in the environment or at the prompt instead.".into(),
            SecretError::Mismatch => "Run the command again and type the same new PIN twice.".into(),
            SecretError::TooShort { .. } => "Choose a longer PIN.".into(),
            SecretError::TooLong { .. } => "Choose a shorter PIN.".into(),
        }
    }
}

/// Where PINs come from for this run. Lines from --pin-stdin are read once, in order.
pub struct PinInput {
    stdin_lines: Option<Vec<Pin>>,
    next_line: usize,
}

/// The first two lines of `--pin-stdin`, each at most [`PIN_LINE_MAX`] bytes: endless input
/// (`< /dev/zero`) is refused after that many bytes instead of filling memory.
pub fn read_pin_lines(input: &mut impl BufRead) -> Result<Vec<Pin>, SecretError> {
    let mut lines = Vec::new();
    while lines.len() < 2 {
        let number = lines.len() + 1;
        let bytes = match crate::limits::read_line_bounded(input, PIN_LINE_MAX) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => break,
            Err(InputError::TooLarge { .. }) => {
                return Err(SecretError::Read(format!(
                    "line {number} of --pin-stdin is longer than {PIN_LINE_MAX} bytes, so it cannot be a PIN \
                     (a PIN is at most {MAX_PIN_BYTES} bytes)"
                )))
            }
            Err(e) => return Err(SecretError::Read(e.to_string())),
        };
        let text = std::str::from_utf8(&bytes)
            .map_err(|_| SecretError::Read(format!("line {number} of --pin-stdin is not UTF-8 text")))?;
        lines.push(Zeroizing::new(text.to_string()));
    }
    Ok(lines)
}

/// Unicode NFC, as the specification asks, so the same PIN typed on another system matches.
pub fn normalize(pin: &str) -> Pin {
    Zeroizing::new(pin.nfc().collect())
}

impl PinInput {
    pub fn new(pin_stdin: bool) -> Result<PinInput, SecretError> {
        let stdin_lines = if pin_stdin { Some(read_pin_lines(&mut std::io::stdin().lock())?) } else { None };
        Ok(PinInput { stdin_lines, next_line: 0 })
    }

    /// For tests and embedding: lines as if read with --pin-stdin.
    pub fn from_lines(lines: &[&str]) -> PinInput {
        PinInput { stdin_lines: Some(lines.iter().map(|l| Zeroizing::new(l.to_string())).collect()), next_line: 0 }
    }

    fn next_stdin_line(&mut self, what: &'static str) -> Option<Result<Pin, SecretError>> {
        let lines = self.stdin_lines.as_ref()?;
        let index = self.next_line;
        self.next_line += 1;
        Some(match lines.get(index) {
            Some(l) => Ok(normalize(l)),
            None => Err(SecretError::StdinTooShort { what, line: index + 1 }),
        })
    }

    /// The key's current PIN. Never length-checked.
    pub fn current(&mut self, prompt: &str) -> Result<Pin, SecretError> {
        if let Some(r) = self.next_stdin_line("current") {
            return r;
        }
        // An empty variable is no PIN (and sending one would cost an attempt).
        if let Some(v) = std::env::var(ENV_PIN).ok().filter(|v| !v.is_empty()) {
            return Ok(normalize(&Zeroizing::new(v)));
        }
        if !std::io::stdin().is_terminal() {
            return Err(SecretError::NoSource { new: false });
        }
        let typed = Zeroizing::new(
            dialoguer::Password::new()
                .with_prompt(prompt)
                .allow_empty_password(true)
                .interact()
                .map_err(|e| SecretError::Read(e.to_string()))?,
        );
        Ok(normalize(&typed))
    }

    /// A new PIN, checked against max(4, the key's minimum) code points and 63 bytes.
    pub fn new_pin(&mut self, key_min_length: Option<u64>) -> Result<Pin, SecretError> {
        let pin = if let Some(r) = self.next_stdin_line("new") {
            r?
        } else if let Some(v) = std::env::var(ENV_NEW_PIN).ok().filter(|v| !v.is_empty()) {
            normalize(&Zeroizing::new(v))
        } else if !std::io::stdin().is_terminal() {
            return Err(SecretError::NoSource { new: true });
        } else {
            let typed = Zeroizing::new(
                dialoguer::Password::new()
                    .with_prompt("New PIN")
                    .with_confirmation("Repeat the new PIN", "The two PINs differ; try again.")
                    .interact()
                    .map_err(|e| SecretError::Read(e.to_string()))?,
            );
            normalize(&typed)
        };
        check_new_pin(&pin, key_min_length)?;
        Ok(pin)
    }
}

pub fn check_new_pin(pin: &str, key_min_length: Option<u64>) -> Result<(), SecretError> {
    let min = usize::try_from(key_min_length.unwrap_or(0)).unwrap_or(usize::MAX).max(MIN_PIN_CODE_POINTS);
    let code_points = pin.chars().count();
    if code_points < min {
        return Err(SecretError::TooShort { got: code_points, min });
    }
    if pin.len() > MAX_PIN_BYTES {
        return Err(SecretError::TooLong { got: pin.len() });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_makes_composed_and_decomposed_forms_equal() {
        // "é" as one code point and as e + combining acute accent.
        assert_eq!(*normalize("caf\u{e9}1"), *normalize("cafe\u{301}1"));
        assert_eq!(normalize("cafe\u{301}1").chars().count(), 5);
    }

    #[test]
    fn new_pin_limits() {
        assert_eq!(check_new_pin("123", None), Err(SecretError::TooShort { got: 3, min: 4 }));
        assert_eq!(check_new_pin("1234", None), Ok(()));
        assert_eq!(check_new_pin("1234567", Some(8)), Err(SecretError::TooShort { got: 7, min: 8 }));
        assert_eq!(check_new_pin(&"a".repeat(63), None), Ok(()));
        assert_eq!(check_new_pin(&"a".repeat(64), None), Err(SecretError::TooLong { got: 64 }));
        // Four code points that take 16 bytes are long enough; 16 of them (64 bytes) are not short.
        assert_eq!(check_new_pin("\u{1F600}\u{1F600}\u{1F600}\u{1F600}", None), Ok(()));
        assert_eq!(check_new_pin(&"\u{1F600}".repeat(16), None), Err(SecretError::TooLong { got: 64 }));
    }

    #[test]
    fn pin_lines_are_bounded_and_must_be_text() {
        let lines = read_pin_lines(&mut &b"1234\r\nabcd1234\nignored\n"[..]).unwrap();
        assert_eq!(lines.iter().map(|l| l.as_str()).collect::<Vec<_>>(), ["1234", "abcd1234"]);
        let endless = read_pin_lines(&mut std::io::BufReader::new(std::io::repeat(0)));
        assert_eq!(
            endless.unwrap_err(),
            SecretError::Read(
                "line 1 of --pin-stdin is longer than 1024 bytes, so it cannot be a PIN (a PIN is at most 63 bytes)"
                    .into()
            )
        );
        let second = format!("1234\n{}\n", "9".repeat(PIN_LINE_MAX + 1));
        assert!(
            matches!(read_pin_lines(&mut second.as_bytes()), Err(SecretError::Read(m)) if m.starts_with("line 2 "))
        );
        assert!(
            matches!(read_pin_lines(&mut &b"\xff\xfe\n"[..]), Err(SecretError::Read(m)) if m.contains("not UTF-8"))
        );
    }

    #[test]
    fn stdin_lines_in_order_and_too_few() {
        let mut input = PinInput::from_lines(&["1234", "abcd1234"]);
        assert_eq!(*input.current("PIN").unwrap(), "1234");
        assert_eq!(*input.new_pin(None).unwrap(), "abcd1234");
        let mut short = PinInput::from_lines(&["1234"]);
        short.current("PIN").unwrap();
        assert_eq!(short.new_pin(None), Err(SecretError::StdinTooShort { what: "new", line: 2 }));
    }
}
