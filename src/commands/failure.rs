//! Everything that can go wrong, turned into what a help-desk person reads: a sentence, what
//! to do next, a stable machine code and the exit code from DESIGN.md.

use crate::client::ctaphid::CtaphidError;
use crate::client::ClientError;
use crate::proto::ctap2::command;
use crate::proto::status::{self, code};
use crate::transport::TransportError;

pub mod exit {
    pub const SUCCESS: u8 = 0;
    pub const FAILED: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const DEVICE: u8 = 3;
    pub const PIN: u8 = 4;
    pub const PRESENCE: u8 = 5;
    pub const POLICY: u8 = 6;
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Failure {
    pub exit_code: u8,
    /// Stable, snake_case: scripts match on it.
    pub code: String,
    pub message: String,
    pub hint: Option<String>,
}

impl Failure {
    pub fn new(exit_code: u8, code: &str, message: impl Into<String>) -> Failure {
        Failure { exit_code, code: code.to_string(), message: message.into(), hint: None }
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

fn status_exit(cmd: u8, status: u8) -> u8 {
    match status {
        code::PIN_INVALID
        | code::PIN_BLOCKED
        | code::PIN_AUTH_INVALID
        | code::PIN_AUTH_BLOCKED
        | code::PIN_NOT_SET
        | code::PUAT_REQUIRED
        | code::PIN_POLICY_VIOLATION
        | code::UV_BLOCKED
        | code::UV_INVALID
        | code::UNAUTHORIZED_PERMISSION => exit::PIN,
        code::USER_ACTION_TIMEOUT | code::ACTION_TIMEOUT | code::KEEPALIVE_CANCEL => exit::PRESENCE,
        code::OPERATION_DENIED if asks_for_touch(cmd) => exit::PRESENCE,
        _ => exit::FAILED,
    }
}

fn snake(name: &str) -> String {
    name.trim_start_matches("CTAP2_ERR_").trim_start_matches("CTAP1_ERR_").trim_start_matches("ERR_").to_lowercase()
}

/// Lower-level errors are phrases; a help-desk reader gets sentences.
pub fn sentence(s: &str) -> String {
    let mut out: String = s.chars().take(1).flat_map(char::to_uppercase).chain(s.chars().skip(1)).collect();
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

impl From<crate::transport::virtual_admin::StateError> for Failure {
    fn from(e: crate::transport::virtual_admin::StateError) -> Failure {
        use crate::transport::virtual_admin::StateError;
        let code = match e {
            StateError::Exists { .. } => return Failure::new(exit::USAGE, "file_exists", e.to_string()),
            StateError::Missing { .. } => "virtual_key_missing",
            StateError::Busy { .. } => "virtual_key_busy",
            StateError::Damaged { .. } | StateError::TooNew { .. } => "virtual_key_damaged",
            StateError::Io { .. } => "virtual_key_io",
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
                .hint("Plug the key back in and run the command again."),
            TransportError::Io(_) => Failure::new(exit::DEVICE, "device_io", sentence(&e.to_string()))
                .hint("Unplug the key, plug it back in and try again."),
        }
    }
}

impl From<CtaphidError> for Failure {
    fn from(e: CtaphidError) -> Failure {
        match e {
            CtaphidError::Transport(t) => t.into(),
            CtaphidError::Device(c) => {
                let ex = status::ctaphid_error(c);
                Failure::new(exit::FAILED, &format!("ctaphid_{}", snake(ex.name)), ex.what_happened).hint(ex.next_step)
            }
            CtaphidError::Cancelled => {
                Failure::new(exit::PRESENCE, "cancelled", "The operation was cancelled before the key was touched.")
            }
            CtaphidError::Timeout(_) => {
                Failure::new(exit::FAILED, "no_answer", format!("The security key stopped answering: {e}."))
                    .hint("Unplug the key, plug it back in and try again.")
            }
            other => Failure::new(
                exit::FAILED,
                "protocol_error",
                format!("The security key's answer made no sense: {other}."),
            )
            .hint("Unplug the key, plug it back in and try again; if it keeps happening, the key may be faulty."),
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
            ClientError::Status { command, code: code::OPERATION_DENIED } if asks_for_touch(command) && command != crate::proto::ctap2::command::RESET => {
                Failure::new(exit::PRESENCE, "operation_denied", "The request was declined at the security key.")
                    .hint("Nothing was changed. Run the command again and confirm on the key.")
            }
            ClientError::Status { command, code } => {
                let ex = status::ctap_status(code);
                Failure::new(status_exit(command, code), &snake(ex.name), ex.what_happened).hint(ex.next_step)
            }
            ClientError::Malformed(m) => Failure::new(exit::FAILED, "malformed_answer", format!("The security key sent an answer fidoctl cannot read ({m})."))
                .hint("Unplug the key, plug it back in and try again; if it keeps happening, the key may be faulty or unsupported."),
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

/// Convert any error that reached the top into a Failure.
pub fn describe(err: &anyhow::Error) -> Failure {
    if let Some(f) = err.downcast_ref::<Failure>() {
        return f.clone();
    }
    Failure::new(exit::FAILED, "failed", format!("{err:#}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_the_exit_code_table() {
        let f = |cmd, c| Failure::from(ClientError::Status { command: cmd, code: c }).exit_code;
        assert_eq!(f(command::CLIENT_PIN, code::PIN_INVALID), exit::PIN);
        assert_eq!(f(command::CLIENT_PIN, code::PIN_AUTH_BLOCKED), exit::PIN);
        assert_eq!(f(command::SELECTION, code::OPERATION_DENIED), exit::PRESENCE);
        assert_eq!(f(command::CONFIG, code::OPERATION_DENIED), exit::FAILED);
        assert_eq!(f(command::MAKE_CREDENTIAL, code::USER_ACTION_TIMEOUT), exit::PRESENCE);
        assert_eq!(f(command::RESET, code::NOT_ALLOWED), exit::FAILED);
        assert_eq!(f(command::MAKE_CREDENTIAL, code::KEY_STORE_FULL), exit::FAILED);
    }

    #[test]
    fn codes_are_snake_case_names() {
        let f = Failure::from(ClientError::Status { command: command::CLIENT_PIN, code: code::PIN_AUTH_BLOCKED });
        assert_eq!(f.code, "pin_auth_blocked");
    }
}
