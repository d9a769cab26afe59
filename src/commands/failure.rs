//! Everything that can go wrong, turned into what a help-desk person reads: a sentence, what
//! to do next, a stable machine code and the exit code from DESIGN.md.

use super::status_text;
use crate::client::ctaphid::CtaphidError;
use crate::client::ClientError;
use crate::proto::ctap2::command;
use crate::proto::status::CtapStatus;
use crate::secrets::SecretError;
use crate::transport::TransportError;

pub mod exit {
    pub const SUCCESS: u8 = 0;
    pub const FAILED: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const DEVICE: u8 = 3;
    pub const PIN: u8 = 4;
    pub const PRESENCE: u8 = 5;
    pub const POLICY: u8 = 6;
    /// Ctrl-C at a prompt (or a second one during a wait): the shell convention 128 + SIGINT.
    pub const INTERRUPTED: u8 = 130;
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Failure {
    pub exit_code: u8,
    /// Stable, snake_case: scripts match on it.
    pub code: String,
    pub message: String,
    pub hint: Option<String>,
    /// Where it came from (the journal's outcome rests on it); not part of the JSON.
    pub cause: Cause,
}

/// Where a failure came from: the key's answer, an exchange cut short, or fidoctl itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cause {
    /// fidoctl stopped on its own: bad input, no PIN, a check before sending, a "no" at the
    /// confirmation, a touch never given. The key did not refuse anything.
    #[default]
    Fidoctl,
    /// The key answered a request with this status: it did not do what was asked.
    KeyRefused(CtapStatus),
    /// The key stopped answering, or answered nonsense, once talking had begun: what it did
    /// with the request is not known.
    Interrupted,
}

impl Failure {
    pub fn new(exit_code: u8, code: &str, message: impl Into<String>) -> Failure {
        Failure { exit_code, code: code.to_string(), message: message.into(), hint: None, cause: Cause::Fidoctl }
    }
    fn cause(mut self, cause: Cause) -> Failure {
        self.cause = cause;
        self
    }
    pub fn hint(mut self, hint: impl Into<String>) -> Failure {
        self.hint = Some(hint.into());
        self
    }
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure::new(exit::USAGE, "usage", message)
    }
}

/// Which commands ask the user for a touch (an OPERATION_DENIED there means "declined").
fn asks_for_touch(cmd: u8) -> bool {
    matches!(cmd, command::MAKE_CREDENTIAL | command::GET_ASSERTION | command::SELECTION | command::RESET)
}

fn status_exit(cmd: u8, status: CtapStatus) -> u8 {
    use CtapStatus as S;
    match status {
        S::PinInvalid
        | S::PinBlocked
        | S::PinAuthInvalid
        | S::PinAuthBlocked
        | S::PinNotSet
        | S::PuatRequired
        | S::PinPolicyViolation
        | S::UvBlocked
        | S::UvInvalid
        | S::UnauthorizedPermission => exit::PIN,
        S::UserActionTimeout | S::ActionTimeout | S::KeepaliveCancel => exit::PRESENCE,
        S::OperationDenied if asks_for_touch(cmd) => exit::PRESENCE,
        _ => exit::FAILED,
    }
}

/// The JSON code of a status: its specification name without the prefix, in lowercase;
/// codes the specification does not name share one code per range.
fn status_code(status: CtapStatus) -> String {
    match status.spec_name() {
        Some(name) => snake(name),
        None if status.is_extension() => "extension_error".into(),
        None if status.is_vendor() => "vendor_error".into(),
        None => "unknown_status".into(),
    }
}

fn snake(name: &str) -> String {
    name.trim_start_matches("CTAP2_ERR_").trim_start_matches("CTAP1_ERR_").trim_start_matches("ERR_").to_lowercase()
}

/// Where a key's refusal happened, when that changes what it means to the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum During {
    Any,
    /// authenticatorReset: "not allowed" means too late after plug-in.
    Reset,
    /// changePIN: a policy violation is about the new PIN.
    PinChange,
}

/// A PIN refusal, told with the number of attempts left (read from the key afterwards).
pub fn wrong_pin(status: CtapStatus, retries: u64) -> Option<Failure> {
    let attempts = if retries == 1 { "1 attempt remains".to_string() } else { format!("{retries} attempts remain") };
    let message = match status {
        CtapStatus::PinAuthBlocked => format!(
            "Three wrong PINs were entered in a row, so the key stopped accepting PINs until it is unplugged. {attempts} before the PIN locks for good."
        ),
        CtapStatus::PinInvalid => {
            format!("The PIN is wrong. {attempts} before the PIN locks for good and only a factory reset helps.")
        }
        _ => return None,
    };
    let mut f = Failure::from(ClientError::Status { command: command::CLIENT_PIN, status });
    f.message = message;
    Some(f)
}

/// A key's refusal, read in the light of what was asked.
pub fn refused(e: ClientError, during: During) -> Failure {
    let status = e.ctap_status();
    let special = match (during, status) {
        (During::Reset, Some(CtapStatus::NotAllowed)) => Failure::new(
            exit::FAILED,
            "reset_too_late",
            "The key refused the reset because it was not sent right after the key was plugged in (keys allow a reset only in the first few seconds).",
        )
        .hint("Unplug the key, plug it back in, and run `fidoctl reset` again; touch the key as soon as it asks."),
        (During::Reset, Some(CtapStatus::OperationDenied)) => Failure::new(
            exit::PRESENCE,
            "reset_declined",
            "The reset was declined at the key (or the key does not allow a reset over this connection).",
        )
        .hint("Nothing was erased. Run `fidoctl reset` again and confirm on the key; if it is connected over NFC, use USB."),
        (During::Reset, Some(CtapStatus::UserActionTimeout | CtapStatus::ActionTimeout)) => Failure::new(
            exit::PRESENCE,
            "reset_not_touched",
            "Nobody touched the key in time, so it was not reset.",
        )
        .hint("Nothing was erased. Run `fidoctl reset` again and touch the key when it blinks."),
        (During::PinChange, Some(CtapStatus::PinPolicyViolation)) => Failure::new(
            exit::PIN,
            "pin_policy_violation",
            "The key refused the new PIN: it does not meet the key's PIN policy (too short, or the same as the PIN it must replace).",
        )
        .hint("Choose a different, longer PIN and try again."),
        _ => return Failure::from(e),
    };
    special.cause(status.map_or(Cause::Fidoctl, Cause::KeyRefused))
}

/// Lower-level errors are phrases; a help-desk reader gets sentences.
pub fn sentence(s: &str) -> String {
    let mut out: String = s.chars().take(1).flat_map(char::to_uppercase).chain(s.chars().skip(1)).collect();
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

impl From<SecretError> for Failure {
    fn from(e: SecretError) -> Failure {
        let code = match e {
            SecretError::NoSource { .. } => "pin_source_missing",
            SecretError::StdinTooShort { .. } => "pin_source_missing",
            SecretError::Read(_) => "pin_unreadable",
            SecretError::Mismatch => "pin_mismatch",
            SecretError::TooShort { .. } | SecretError::TooLong { .. } | SecretError::TooLongForKey { .. } => {
                "pin_policy_violation"
            }
            SecretError::Interrupted => {
                return Failure::new(exit::INTERRUPTED, "interrupted", e.to_string()).hint(e.hint())
            }
            SecretError::NewPinNotInEnvironment { .. } => "pin_source_missing",
        };
        Failure::new(exit::PIN, code, sentence(&e.to_string())).hint(e.hint())
    }
}

impl From<crate::transport::virtual_admin::StateError> for Failure {
    fn from(e: crate::transport::virtual_admin::StateError) -> Failure {
        use crate::transport::virtual_admin::StateError;
        let code = match e {
            StateError::Exists { .. } => return Failure::new(exit::USAGE, "file_exists", e.to_string()),
            StateError::Missing { .. } => "virtual_key_missing",
            StateError::Busy { .. } => "virtual_key_busy",
            StateError::Damaged { .. } | StateError::TooNew { .. } => "virtual_key_damaged",
            StateError::Io { .. } => {
                return Failure::new(exit::DEVICE, "virtual_key_io", e.to_string()).cause(Cause::Interrupted)
            }
        };
        Failure::new(exit::DEVICE, code, e.to_string())
    }
}

impl From<TransportError> for Failure {
    fn from(e: TransportError) -> Failure {
        match e {
            TransportError::VirtualKey(state) => state.into(),
            TransportError::Open { .. } => Failure::new(exit::DEVICE, "device_unreachable", sentence(&e.to_string()))
                .hint("Check that the key is plugged in and that you may open it, then try again."),
            TransportError::Disconnected => Failure::new(exit::DEVICE, "device_disconnected", sentence(&e.to_string()))
                .hint("Plug the key back in and run the command again.")
                .cause(Cause::Interrupted),
            TransportError::Io(_) => Failure::new(exit::DEVICE, "device_io", sentence(&e.to_string()))
                .hint("Unplug the key, plug it back in and try again.")
                .cause(Cause::Interrupted),
        }
    }
}

fn seconds(d: std::time::Duration) -> String {
    match d.as_secs_f32() {
        1.0 => "1 second".into(),
        s => format!("{s} seconds"),
    }
}

/// What to do about a key that misbehaves below CTAP2 (silent, garbled, stuck).
const FAULTY_KEY_HINT: &str =
    "Unplug the key, plug it back in and try again; if it keeps happening, try another USB port, then another key.";

impl From<CtaphidError> for Failure {
    fn from(e: CtaphidError) -> Failure {
        match e {
            CtaphidError::Transport(t) => t.into(),
            CtaphidError::Device(c) => {
                let ex = status_text::ctaphid_error(c);
                let code = if ex.name.starts_with("unknown") {
                    "ctaphid_unknown".into()
                } else {
                    format!("ctaphid_{}", snake(ex.name))
                };
                // A framing-level error, not an answer to the request.
                Failure::new(exit::FAILED, &code, ex.what_happened).hint(ex.next_step).cause(Cause::Interrupted)
            }
            CtaphidError::Cancelled => {
                Failure::new(exit::PRESENCE, "cancelled", "The operation was cancelled before the key was touched.")
            }
            // A key that never asked for a touch is faulty, not waiting for the user.
            CtaphidError::Timeout(d) => Failure::new(
                exit::DEVICE,
                "no_answer",
                format!(
                    "The security key stopped answering: it sent no complete answer for {} and never asked for a touch. The key or its connection is faulty.",
                    seconds(d)
                ),
            )
            .hint(FAULTY_KEY_HINT)
            .cause(Cause::Interrupted),
            CtaphidError::Stuck(d) => Failure::new(
                exit::DEVICE,
                "device_stuck",
                format!(
                    "The security key kept saying it was busy for {} but never answered and never asked for a touch. The key is faulty or stuck.",
                    seconds(d)
                ),
            )
            .hint(FAULTY_KEY_HINT)
            .cause(Cause::Interrupted),
            CtaphidError::TouchTimeout(d) => ClientError::TouchTimeout(d).into(),
            other => Failure::new(
                exit::DEVICE,
                "protocol_error",
                format!("The security key's answer made no sense: {other}. The key or its connection is faulty."),
            )
            .hint(FAULTY_KEY_HINT)
            .cause(Cause::Interrupted),
        }
    }
}

impl From<ClientError> for Failure {
    fn from(e: ClientError) -> Failure {
        match e {
            ClientError::Channel(c) => c.into(),
            ClientError::TouchTimeout(d) => Failure::new(
                exit::PRESENCE,
                "touch_timeout",
                match d.as_secs() {
                    1 => "Nobody touched the security key within 1 second.".to_string(),
                    n => format!("Nobody touched the security key within {n} seconds."),
                },
            )
            .hint("Run the command again and touch the key when it blinks (use --timeout to wait longer)."),
            ClientError::Status { command, status: CtapStatus::OperationDenied } if asks_for_touch(command) && command != command::RESET => {
                Failure::new(exit::PRESENCE, "operation_denied", "The request was declined at the security key.")
                    .hint("Nothing was changed. Run the command again and confirm on the key.")
                    .cause(Cause::KeyRefused(CtapStatus::OperationDenied))
            }
            ClientError::Status { command, status } => {
                let ex = status_text::ctap_status(status);
                Failure::new(status_exit(command, status), &status_code(status), ex.what_happened)
                    .hint(ex.next_step)
                    .cause(Cause::KeyRefused(status))
            }
            ClientError::Malformed(m) => Failure::new(exit::FAILED, "malformed_answer", format!("The security key sent an answer fidoctl cannot read ({m})."))
                .hint("Unplug the key, plug it back in and try again; if it keeps happening, the key may be faulty or unsupported.")
                .cause(Cause::Interrupted),
            // Our own request, not the key's fault: what was typed must get shorter.
            ClientError::RequestTooLarge { size, max } => Failure::new(
                exit::USAGE,
                "request_too_large",
                format!("The request would be {size} bytes, more than the {max} bytes this key accepts, so fidoctl did not send it."),
            )
            .hint("Shorten what was given on the command line (the relying party, user name or display name) and try again."),
            ClientError::NotFido2 => Failure::new(exit::FAILED, "u2f_only", "This key speaks only U2F (CTAP1), so it cannot do this; it needs a FIDO2 key."),
            ClientError::Unsupported(m) => Failure::new(exit::FAILED, "unsupported", m),
            ClientError::PinChangeRequired => Failure::new(
                exit::PIN,
                "pin_change_required",
                "This key requires a PIN change before its PIN can be used (its PIN policy was tightened or an administrator forced a change).",
            )
            .hint("Change the PIN with `fidoctl pin change`, then try again."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_the_exit_code_table() {
        let f = |cmd, status| Failure::from(ClientError::Status { command: cmd, status }).exit_code;
        assert_eq!(f(command::CLIENT_PIN, CtapStatus::PinInvalid), exit::PIN);
        assert_eq!(f(command::CLIENT_PIN, CtapStatus::PinAuthBlocked), exit::PIN);
        assert_eq!(f(command::SELECTION, CtapStatus::OperationDenied), exit::PRESENCE);
        assert_eq!(f(command::CONFIG, CtapStatus::OperationDenied), exit::FAILED);
        assert_eq!(f(command::MAKE_CREDENTIAL, CtapStatus::UserActionTimeout), exit::PRESENCE);
        assert_eq!(f(command::RESET, CtapStatus::NotAllowed), exit::FAILED);
        assert_eq!(f(command::MAKE_CREDENTIAL, CtapStatus::KeyStoreFull), exit::FAILED);
    }

    /// One failure of every kind the lower layers can produce, read in every situation.
    fn every_typed_failure() -> Vec<Failure> {
        use crate::client::ctaphid::CtaphidError as H;
        use crate::proto::ctaphid::FramingError;
        use crate::transport::virtual_admin::StateError;
        let mut out = Vec::new();
        let mut statuses: Vec<CtapStatus> = CtapStatus::NAMED.to_vec();
        statuses.extend([CtapStatus::Unknown(0x42), CtapStatus::Unknown(0xE5), CtapStatus::Unknown(0xF3)]);
        for status in statuses {
            for cmd in [command::CLIENT_PIN, command::MAKE_CREDENTIAL, command::RESET, command::CONFIG] {
                for during in [During::Any, During::Reset, During::PinChange] {
                    out.push(refused(ClientError::Status { command: cmd, status }, during));
                }
            }
            out.extend(wrong_pin(status, 1));
            out.extend(wrong_pin(status, 7));
        }
        let path = || "k.json".to_string();
        let states = [
            StateError::Missing { path: path() },
            StateError::Damaged { path: path(), reason: "x".into() },
            StateError::TooNew { path: path(), found: 9 },
            StateError::Exists { path: path() },
            StateError::Busy { path: path() },
            StateError::Io { path: path(), action: "read", reason: "x".into() },
        ];
        for st in states {
            out.push(Failure::from(ClientError::Channel(H::Transport(TransportError::VirtualKey(st)))));
        }
        let transports = [
            TransportError::Open { path: path(), reason: "x".into() },
            TransportError::Disconnected,
            TransportError::Io("x".into()),
        ];
        for t in transports {
            out.push(Failure::from(ClientError::Channel(H::Transport(t))));
        }
        let mut channel = vec![
            H::Framing(FramingError::WrongSequence { expected: 0, got: 51 }),
            H::Framing(FramingError::TooLong(9999)),
            H::Timeout(std::time::Duration::from_secs(3)),
            H::TouchTimeout(std::time::Duration::from_secs(3)),
            H::Stuck(std::time::Duration::from_secs(10)),
            H::Cancelled,
            H::BadInit("x".into()),
            H::UnexpectedCommand { sent: 0x10, got: 0x11 },
            H::Unsupported,
        ];
        channel.extend((0..=u8::MAX).map(H::Device));
        out.extend(channel.into_iter().map(|c| Failure::from(ClientError::Channel(c))));
        out.extend(
            [
                ClientError::TouchTimeout(std::time::Duration::from_secs(1)),
                ClientError::TouchTimeout(std::time::Duration::from_secs(30)),
                ClientError::Malformed("x".into()),
                ClientError::NotFido2,
                ClientError::RequestTooLarge { size: 8100, max: 1024 },
                ClientError::Unsupported("This key cannot do that.".into()),
                ClientError::PinChangeRequired,
            ]
            .map(Failure::from),
        );
        out.extend(
            [
                SecretError::NoSource { new: false },
                SecretError::NoSource { new: true },
                SecretError::StdinTooShort { what: "new", line: 2 },
                SecretError::Read("x".into()),
                SecretError::Mismatch,
                SecretError::TooShort { got: 2, min: 4 },
                SecretError::TooLong { got: 99 },
                SecretError::Interrupted,
                SecretError::NewPinNotInEnvironment { command: "pin set" },
            ]
            .map(Failure::from),
        );
        out
    }

    fn repo_file(name: &str) -> String {
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap()
    }

    /// The codes docs/json.md lists under "Codes you will meet", and whether the CTAP status
    /// names rule covers a code.
    fn documented(doc: &str, code: &str) -> bool {
        let section = doc.split("Codes you will meet").nth(1).and_then(|s| s.split("\n## ").next()).unwrap_or("");
        section.contains(&format!("`{code}`"))
            || code.starts_with("ctaphid_") && section.contains("`ctaphid_…`")
            || CtapStatus::NAMED.iter().any(|s| s.spec_name().map(snake).as_deref() == Some(code))
                && section.contains("under their name from the specification")
    }

    /// The exit codes in the README's table.
    fn exit_table() -> Vec<u8> {
        let readme = repo_file("README.md");
        let table = readme.split("## Exit codes").nth(1).unwrap_or("");
        table
            .lines()
            .skip_while(|l| !l.starts_with('|'))
            .take_while(|l| l.starts_with('|'))
            .filter_map(|l| l.trim_start_matches('|').split('|').next()?.trim().parse().ok())
            .collect()
    }

    #[test]
    fn every_failure_has_a_documented_code_and_exit_code() {
        let doc = repo_file("docs/json.md");
        let exits = exit_table();
        assert_eq!(exits, vec![0, 1, 2, 3, 4, 5, 6, 130]);
        let all = every_typed_failure();
        assert!(all.len() > 400, "{}", all.len());
        for f in &all {
            assert!(documented(&doc, &f.code), "code {:?} is not in docs/json.md ({f:?})", f.code);
            assert!(exits.contains(&f.exit_code) && f.exit_code != exit::SUCCESS, "{f:?}");
            assert!(f.code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'), "{f:?}");
            // A sentence said once, starting with a capital and ending with a full stop.
            assert!(f.message.ends_with(['.', '!', '?', ')']), "{f:?}");
            let sentences: Vec<&str> = f.message.split(". ").map(|x| x.trim_end_matches('.')).collect();
            for (i, x) in sentences.iter().enumerate() {
                assert!(!sentences[i + 1..].contains(x), "doubled sentence in {f:?}");
            }
            assert!(!f.message.to_lowercase().contains("garbled message: the key sent"), "{f:?}");
        }
        // Codes the commands spell out themselves.
        let pattern = "Failure::new(";
        // src/commands and its folders (creds/).
        let mut files = Vec::new();
        let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/commands")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        for file in files {
            let text = std::fs::read_to_string(file).unwrap();
            for piece in text.split(pattern).skip(1) {
                let mut parts = piece.splitn(3, ',');
                let (Some(exit_name), Some(code)) = (parts.next(), parts.next()) else { continue };
                let code = code.trim();
                if !code.starts_with('"') {
                    continue; // computed from a typed error above
                }
                let code = code.trim_matches('"');
                assert!(documented(&doc, code), "code {code:?} is not in docs/json.md");
                assert!(exit_name.trim().starts_with("exit::"), "{exit_name}");
            }
        }
    }

    #[test]
    fn codes_are_snake_case_names() {
        let f = Failure::from(ClientError::Status { command: command::CLIENT_PIN, status: CtapStatus::PinAuthBlocked });
        assert_eq!(f.code, "pin_auth_blocked");
    }
}
