//! Simulated user presence: FIDOCTL_VIRTUAL_PRESENCE=approve|deny|timeout|delay:MS.

use std::time::Duration;

pub const ENV: &str = "FIDOCTL_VIRTUAL_PRESENCE";
/// How long the key itself waits for a touch before answering USER_ACTION_TIMEOUT.
pub const KEY_TOUCH_TIMEOUT: Duration = Duration::from_secs(30);
/// `timeout` answers after this long, so tests do not wait the key's full 30 seconds.
pub const SIMULATED_TIMEOUT: Duration = Duration::from_millis(300);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Touched at once (after one UPNEEDED keepalive, so hosts see the prompt path).
    Approve,
    /// The user declines: OPERATION_DENIED.
    Deny,
    /// Nobody touches it: USER_ACTION_TIMEOUT.
    Timeout,
    /// Touched after this long (or USER_ACTION_TIMEOUT past the key's own limit).
    Delay(Duration),
}

impl Presence {
    pub fn parse(s: &str) -> Option<Presence> {
        match s.trim() {
            "" | "approve" => Some(Presence::Approve),
            "deny" => Some(Presence::Deny),
            "timeout" => Some(Presence::Timeout),
            other => other
                .strip_prefix("delay:")
                .and_then(|ms| ms.parse::<u64>().ok())
                .map(|ms| Presence::Delay(Duration::from_millis(ms))),
        }
    }

    /// Read the knob from the environment of the process hosting the key. An unreadable value
    /// approves, and says so on stderr once per wait, rather than hanging a test.
    pub fn from_env() -> Presence {
        match std::env::var(ENV) {
            Err(_) => Presence::Approve,
            Ok(v) => Presence::parse(&v).unwrap_or_else(|| {
                eprintln!("fidoctl virtual key: ignoring {ENV}={v:?} (expected approve, deny, timeout or delay:MS)");
                Presence::Approve
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        assert_eq!(Presence::parse("approve"), Some(Presence::Approve));
        assert_eq!(Presence::parse("deny"), Some(Presence::Deny));
        assert_eq!(Presence::parse("timeout"), Some(Presence::Timeout));
        assert_eq!(Presence::parse("delay:250"), Some(Presence::Delay(Duration::from_millis(250))));
        assert_eq!(Presence::parse("delay:x"), None);
        assert_eq!(Presence::parse("yes"), None);
    }
}
