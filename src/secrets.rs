//! PIN input: --pin-stdin, then FIDOCTL_PIN / FIDOCTL_NEW_PIN, then a hidden prompt only when
//! standard input is a terminal. Never the command line, never logged, always in zeroizing
//! buffers, NFC-normalised before use.

use crate::limits::{InputError, PIN_LINE_MAX};
use std::io::{BufRead, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
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
    #[error("The new PIN is too long for this key: it has {got} characters and this key accepts at most {max} (its maxPINLength).")]
    TooLongForKey { got: usize, max: usize },
    #[error("Stopped at the PIN prompt (Ctrl-C): no PIN was sent to the key.")]
    Interrupted,
    #[error(
        "`{command}` reads the new PIN from {ENV_NEW_PIN}, which is not set; {ENV_PIN} holds the current PIN only."
    )]
    NewPinNotInEnvironment { command: &'static str },
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
            SecretError::TooLongForKey { max, .. } => format!("Choose a PIN of at most {max} characters."),
            SecretError::Interrupted => "Run the command again when you are ready to type the PIN.".into(),
            SecretError::NewPinNotInEnvironment { .. } => format!("Put the new PIN in {ENV_NEW_PIN}, or give it with --pin-stdin (see `fidoctl pin --help` for the order of lines)."),
        }
    }
}

/// Where PINs come from for this run. Lines from --pin-stdin are read once, in order.
pub struct PinInput {
    stdin_lines: Option<Vec<Pin>>,
    next_line: usize,
    /// Set by Ctrl-C: a prompt waiting for a PIN gives up at once.
    cancel: Arc<AtomicBool>,
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
        Ok(PinInput { stdin_lines, next_line: 0, cancel: Arc::default() })
    }

    /// The flag Ctrl-C sets (main's handler): a hidden prompt watches it.
    pub fn with_cancel(mut self, cancel: Arc<AtomicBool>) -> PinInput {
        self.cancel = cancel;
        self
    }

    /// For tests and embedding: lines as if read with --pin-stdin.
    pub fn from_lines(lines: &[&str]) -> PinInput {
        PinInput {
            stdin_lines: Some(lines.iter().map(|l| Zeroizing::new(l.to_string())).collect()),
            next_line: 0,
            cancel: Arc::default(),
        }
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
        let typed = read_hidden(prompt, &self.cancel)?;
        Ok(normalize(&typed))
    }

    /// A new PIN for `command`, checked against max(4, the key's minimum) code points and 63
    /// bytes. At the prompt, a PIN that fails the check or the repetition is asked again.
    pub fn new_pin(&mut self, key_min_length: Option<u64>, command: &'static str) -> Result<Pin, SecretError> {
        self.new_pin_within(key_min_length, None, command)
    }

    /// [`PinInput::new_pin`], also checked against the key's maxPINLength (CTAP 2.2 getInfo).
    pub fn new_pin_within(
        &mut self,
        key_min_length: Option<u64>,
        key_max_length: Option<u64>,
        command: &'static str,
    ) -> Result<Pin, SecretError> {
        let pin = if let Some(r) = self.next_stdin_line("new") {
            r?
        } else if let Some(v) = std::env::var(ENV_NEW_PIN).ok().filter(|v| !v.is_empty()) {
            normalize(&Zeroizing::new(v))
        } else if !std::io::stdin().is_terminal() {
            // The usual slip: the new PIN put in the variable for the current one.
            if std::env::var_os(ENV_PIN).is_some_and(|v| !v.is_empty()) {
                return Err(SecretError::NewPinNotInEnvironment { command });
            }
            return Err(SecretError::NoSource { new: true });
        } else {
            return self.prompt_new_pin(key_min_length, key_max_length);
        };
        check_new_pin(&pin, key_min_length, key_max_length)?;
        Ok(pin)
    }

    fn prompt_new_pin(&mut self, key_min_length: Option<u64>, key_max_length: Option<u64>) -> Result<Pin, SecretError> {
        loop {
            let pin = normalize(&read_hidden("New PIN", &self.cancel)?);
            if let Err(e) = check_new_pin(&pin, key_min_length, key_max_length) {
                say(&format!("{e} {}", e.hint()));
                continue;
            }
            let again = normalize(&read_hidden("Repeat the new PIN", &self.cancel)?);
            if *again == *pin {
                return Ok(pin);
            }
            say("The two PINs differ; try again.");
        }
    }
}

/// A line to the person at the prompt (stderr, as the prompts).
fn say(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
    let _ = err.flush();
}

/// The terminal settings to put back when a prompt ends, however it ends (Ctrl-C included).
static SAVED_TERMINAL: Mutex<Option<libc::termios>> = Mutex::new(None);

/// Put the terminal back as it was before a hidden prompt (echo on). Called when the prompt
/// ends, and by the Ctrl-C handler before fidoctl exits.
pub fn restore_terminal() {
    let saved = SAVED_TERMINAL.lock().map(|mut s| s.take()).unwrap_or_else(|p| p.into_inner().take());
    if let Some(t) = saved {
        // SAFETY: fd 0 and a termios value read from it earlier.
        unsafe { libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &t) };
    }
}

/// Read one line from the terminal on standard input without echoing it. Ctrl-C (the flag
/// `cancel`) ends the wait at once, with the terminal restored and nothing returned.
fn read_hidden(prompt: &str, cancel: &AtomicBool) -> Result<Pin, SecretError> {
    let fd = libc::STDIN_FILENO;
    // SAFETY: a zeroed termios is a valid value for tcgetattr to fill in.
    let mut original: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: fd 0 is open (it is a terminal, checked by the caller).
    if unsafe { libc::tcgetattr(fd, &mut original) } != 0 {
        return Err(SecretError::Read(std::io::Error::last_os_error().to_string()));
    }
    let mut hidden = original;
    hidden.c_lflag &= !(libc::ECHO | libc::ECHOE | libc::ECHOK | libc::ECHONL);
    // Canonical mode and signals stay on: the line discipline edits the line, Ctrl-C signals.
    if let Ok(mut s) = SAVED_TERMINAL.lock() {
        *s = Some(original);
    }
    // SAFETY: fd 0 and a termios derived from its own.
    if unsafe { libc::tcsetattr(fd, libc::TCSANOW, &hidden) } != 0 {
        restore_terminal();
        return Err(SecretError::Read(std::io::Error::last_os_error().to_string()));
    }
    // The prompt shows only once echo is off, so nothing typed after it is echoed.
    {
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "{prompt}: ");
        let _ = err.flush();
    }
    let result = read_line_unless_cancelled(fd, cancel);
    restore_terminal();
    say("");
    result
}

fn read_line_unless_cancelled(fd: libc::c_int, cancel: &AtomicBool) -> Result<Pin, SecretError> {
    let mut line = Zeroizing::new(Vec::<u8>::new());
    let mut buf = Zeroizing::new([0u8; 128]);
    loop {
        if cancel.load(Ordering::SeqCst) {
            return Err(SecretError::Interrupted);
        }
        let mut poll = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
        // A short wait, then look at the flag again: the signal handler only sets it.
        // SAFETY: one valid pollfd.
        let ready = unsafe { libc::poll(&mut poll, 1, 100) };
        if ready < 0 {
            let e = std::io::Error::last_os_error();
            if e.kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return Err(SecretError::Read(e.to_string()));
        }
        if ready == 0 {
            continue;
        }
        // SAFETY: buf is a valid buffer of its length.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        if n < 0 {
            let e = std::io::Error::last_os_error();
            if e.kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return Err(SecretError::Read(e.to_string()));
        }
        let n = n as usize;
        if n == 0 {
            if line.is_empty() {
                return Err(SecretError::Read("the terminal closed standard input (Ctrl-D)".into()));
            }
            break;
        }
        line.extend_from_slice(&buf[..n]);
        if line.len() > PIN_LINE_MAX {
            return Err(SecretError::Read(format!(
                "the line typed is longer than {PIN_LINE_MAX} bytes, so it cannot be a PIN"
            )));
        }
        if line.last() == Some(&b'\n') {
            break;
        }
    }
    while matches!(line.last(), Some(b'\n' | b'\r')) {
        line.pop();
    }
    let text = std::str::from_utf8(&line).map_err(|_| SecretError::Read("the PIN typed is not UTF-8 text".into()))?;
    Ok(Zeroizing::new(text.to_string()))
}

/// A new PIN's length: at least max(4, `key_min_length`) code points, at most 63 bytes and at
/// most `key_max_length` code points (getInfo maxPINLength, CTAP 2.2; absent means 63).
pub fn check_new_pin(pin: &str, key_min_length: Option<u64>, key_max_length: Option<u64>) -> Result<(), SecretError> {
    let min = usize::try_from(key_min_length.unwrap_or(0)).unwrap_or(usize::MAX).max(MIN_PIN_CODE_POINTS);
    let code_points = pin.chars().count();
    if code_points < min {
        return Err(SecretError::TooShort { got: code_points, min });
    }
    // A key's maximum below the spec's minimum would refuse every PIN: not believed.
    let max = key_max_length.and_then(|m| usize::try_from(m).ok()).filter(|m| *m >= MIN_PIN_CODE_POINTS);
    if let Some(max) = max.filter(|max| code_points > *max) {
        return Err(SecretError::TooLongForKey { got: code_points, max });
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
        assert_eq!(check_new_pin("123", None, None), Err(SecretError::TooShort { got: 3, min: 4 }));
        assert_eq!(check_new_pin("1234", None, None), Ok(()));
        assert_eq!(check_new_pin("1234567", Some(8), None), Err(SecretError::TooShort { got: 7, min: 8 }));
        assert_eq!(check_new_pin(&"a".repeat(63), None, None), Ok(()));
        assert_eq!(check_new_pin(&"a".repeat(64), None, None), Err(SecretError::TooLong { got: 64 }));
        // Four code points that take 16 bytes are long enough; 16 of them (64 bytes) are not short.
        assert_eq!(check_new_pin("\u{1F600}\u{1F600}\u{1F600}\u{1F600}", None, None), Ok(()));
        assert_eq!(check_new_pin(&"\u{1F600}".repeat(16), None, None), Err(SecretError::TooLong { got: 64 }));
        // maxPINLength counts code points.
        assert_eq!(check_new_pin("12345678", None, Some(8)), Ok(()));
        assert_eq!(check_new_pin("123456789", None, Some(8)), Err(SecretError::TooLongForKey { got: 9, max: 8 }));
        assert_eq!(check_new_pin(&"\u{e9}".repeat(8), None, Some(8)), Ok(()));
        assert_eq!(check_new_pin("123456789", None, Some(2)), Ok(()), "a maximum under 4 is not believed");
        assert_eq!(
            SecretError::TooLongForKey { got: 9, max: 8 }.to_string(),
            "The new PIN is too long for this key: it has 9 characters and this key accepts at most 8 (its maxPINLength)."
        );
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
        assert_eq!(*input.new_pin(None, "pin change").unwrap(), "abcd1234");
        let mut short = PinInput::from_lines(&["1234"]);
        short.current("PIN").unwrap();
        assert_eq!(short.new_pin(None, "pin change"), Err(SecretError::StdinTooShort { what: "new", line: 2 }));
    }
}
