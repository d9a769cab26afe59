//! Where the journal goes, from the options and the environment: `--journal PATH`, else
//! `FIDOCTL_JOURNAL`, else `$XDG_STATE_HOME/fidoctl/journal.jsonl`, else
//! `~/.local/state/fidoctl/journal.jsonl`; `--no-journal` turns it off. Syslog forwarding:
//! `--journal-syslog` or `FIDOCTL_JOURNAL_SYSLOG=1`, to `/dev/log` or the socket named by
//! `FIDOCTL_JOURNAL_SYSLOG_SOCKET`.

use std::path::PathBuf;

pub const ENV_PATH: &str = "FIDOCTL_JOURNAL";
pub const ENV_SYSLOG: &str = "FIDOCTL_JOURNAL_SYSLOG";
pub const ENV_SYSLOG_SOCKET: &str = "FIDOCTL_JOURNAL_SYSLOG_SOCKET";
pub const DEFAULT_SYSLOG_SOCKET: &str = "/dev/log";

/// The journal options as given on the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    pub path: Option<PathBuf>,
    pub disabled: bool,
    pub required: bool,
    pub syslog: bool,
}

/// Where records go, once options and environment are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// `None`: `--no-journal`.
    pub file: Option<PathBuf>,
    /// A change must not be made unless the journal can take its record.
    pub required: bool,
    /// Also send each record to this syslog socket.
    pub syslog: Option<PathBuf>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LocationError {
    #[error("--no-journal and --journal-required contradict each other")]
    Contradiction,
    #[error(
        "there is no place for the journal: neither XDG_STATE_HOME nor HOME is set (name one with --journal PATH)"
    )]
    NoHome,
}

impl Options {
    /// Resolve against the process environment.
    pub fn resolve(&self) -> Result<Settings, LocationError> {
        self.resolve_with(|name| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from))
    }

    /// Resolve against `env` (a lookup of non-empty variables).
    pub fn resolve_with(&self, env: impl Fn(&str) -> Option<PathBuf>) -> Result<Settings, LocationError> {
        if self.disabled && self.required {
            return Err(LocationError::Contradiction);
        }
        let syslog_env = env(ENV_SYSLOG).is_some_and(|v| matches!(v.to_str(), Some("1" | "true" | "yes" | "on")));
        let syslog = (!self.disabled && (self.syslog || syslog_env))
            .then(|| env(ENV_SYSLOG_SOCKET).unwrap_or_else(|| PathBuf::from(DEFAULT_SYSLOG_SOCKET)));
        let file = if self.disabled {
            None
        } else if let Some(p) = self.path.clone().or_else(|| env(ENV_PATH)) {
            Some(p)
        } else {
            // The XDG spec says a relative XDG_STATE_HOME is to be ignored.
            let base = env("XDG_STATE_HOME")
                .filter(|p| p.is_absolute())
                .or_else(|| env("HOME").map(|h| h.join(".local/state")))
                .ok_or(LocationError::NoHome)?;
            Some(base.join("fidoctl").join("journal.jsonl"))
        };
        Ok(Settings { file, required: self.required, syslog })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<PathBuf> {
        move |name| vars.iter().find(|(n, _)| *n == name).map(|(_, v)| PathBuf::from(v))
    }

    #[test]
    fn option_beats_environment_beats_xdg_beats_home() {
        let all = env_of(&[("FIDOCTL_JOURNAL", "/env/j"), ("XDG_STATE_HOME", "/xdg"), ("HOME", "/home/a")]);
        let opt = Options { path: Some("/opt/j".into()), ..Options::default() };
        assert_eq!(opt.resolve_with(&all).unwrap().file, Some("/opt/j".into()));
        assert_eq!(Options::default().resolve_with(&all).unwrap().file, Some("/env/j".into()));
        let xdg = env_of(&[("XDG_STATE_HOME", "/xdg"), ("HOME", "/home/a")]);
        assert_eq!(Options::default().resolve_with(xdg).unwrap().file, Some("/xdg/fidoctl/journal.jsonl".into()));
        let relative_xdg = env_of(&[("XDG_STATE_HOME", "state"), ("HOME", "/home/a")]);
        assert_eq!(
            Options::default().resolve_with(relative_xdg).unwrap().file,
            Some("/home/a/.local/state/fidoctl/journal.jsonl".into())
        );
        assert_eq!(Options::default().resolve_with(env_of(&[])), Err(LocationError::NoHome));
    }

    #[test]
    fn disabling_and_syslog() {
        let env = env_of(&[("HOME", "/h"), ("FIDOCTL_JOURNAL_SYSLOG", "1")]);
        let s = Options::default().resolve_with(&env).unwrap();
        assert_eq!(s.syslog, Some(PathBuf::from("/dev/log")));
        let off = Options { disabled: true, ..Options::default() }.resolve_with(&env).unwrap();
        assert_eq!((off.file, off.syslog), (None, None));
        let both = Options { disabled: true, required: true, ..Options::default() };
        assert_eq!(both.resolve_with(&env), Err(LocationError::Contradiction));
        let sock = env_of(&[("HOME", "/h"), ("FIDOCTL_JOURNAL_SYSLOG_SOCKET", "/tmp/s")]);
        let s = Options { syslog: true, ..Options::default() }.resolve_with(sock).unwrap();
        assert_eq!(s.syslog, Some(PathBuf::from("/tmp/s")));
    }
}
