//! The action journal: one JSON Lines record for every change fidoctl makes to a key, chained
//! by SHA-256 so an edited, removed or reordered record shows, and optionally forwarded to
//! syslog so a copy leaves the host.
//!
//! This module does the recording (types, file, chain, syslog) and knows nothing about
//! commands or keys; `commands::journal` turns a command's `Result<_, Failure>` and its
//! device into an [`Entry`]. Wiring a changing command takes three steps:
//!
//! ```text
//! // 1. Before the key is touched (refuses only under --journal-required):
//! commands::journal::preflight(ctx)?;
//! // 2. Say what is about to change (device: path, VID:PID, AAGUID, model):
//! let device = commands::journal::device(auth.device(), auth.info().ok());
//! let attempt = Attempt::new("creds delete", device,
//!     Change::CredentialDeleted { rp_id, user_name, credential_id: CredentialId(id) })
//!     .arg(Arg::flag("yes", ctx.global.yes));
//! // 3. Record the result and hand it on (warns on stderr when the journal cannot take it):
//! let result = do_the_change(...);
//! commands::journal::finish(ctx, attempt, result)
//! ```
//!
//! The outcome comes from the result: `Ok` → done; a CTAP status the key answered → refused
//! with the status name; the key stopping mid-change (disconnect, no answer, garbled answer)
//! → unknown, saying so; anything else → failed with fidoctl's error code.
//!
//! Secrets cannot reach a record: there is no free-form byte field (credential ids are the
//! only bytes, and they are public), and argument names are `&'static str`.

pub mod chain;
pub mod identity;
pub mod location;
pub mod query;
pub mod record;
pub mod store;
pub mod syslog;
pub mod time;

pub use location::{LocationError, Options, Settings};
pub use record::{Arg, Change, CredentialId, Device, Entry, Outcome, Record, Setting};
pub use store::{Store, StoreError};

use std::path::PathBuf;

/// Why a record did not reach the journal or syslog.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error(transparent)]
    Location(#[from] LocationError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the record could not be sent to syslog at {socket}: {source}")]
    Syslog { socket: PathBuf, source: std::io::Error },
}

/// A change about to be made, waiting for its outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    pub command: &'static str,
    pub args: Vec<Arg>,
    pub device: Device,
    pub change: Change,
}

impl Attempt {
    pub fn new(command: &'static str, device: Device, change: Change) -> Attempt {
        Attempt { command, args: Vec::new(), device, change }
    }

    pub fn arg(mut self, arg: Arg) -> Attempt {
        self.args.push(arg);
        self
    }

    /// The change's details as the command learnt them (e.g. the credential count of a reset).
    pub fn change(&mut self) -> &mut Change {
        &mut self.change
    }

    pub fn outcome(self, outcome: Outcome) -> Entry {
        Entry { command: self.command, args: self.args, device: self.device, change: self.change, outcome }
    }
}

/// What became of one record.
#[derive(Debug, Default)]
pub struct Report {
    /// The record as written (or as sent to syslog only, with seq 0, when the file failed).
    pub record: Option<Record>,
    pub errors: Vec<JournalError>,
}

/// The journal as configured for this run.
#[derive(Debug, Clone)]
pub struct Journal {
    settings: Settings,
}

impl Journal {
    pub fn new(settings: Settings) -> Journal {
        Journal { settings }
    }

    /// From the command-line options and the environment.
    pub fn from_options(options: &Options) -> Result<Journal, LocationError> {
        options.resolve().map(Journal::new)
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn store(&self) -> Option<Store> {
        self.settings.file.as_ref().map(Store::new)
    }

    /// Could a record be written now? (Creates the file, takes the lock, writes nothing.)
    /// With `--journal-required` a command calls this before touching the key.
    pub fn preflight(&self) -> Result<(), JournalError> {
        if let Some(store) = self.store() {
            store.preflight()?;
        }
        if let Some(socket) = &self.settings.syslog {
            let connected = std::os::unix::net::UnixDatagram::unbound().and_then(|s| s.connect(socket));
            connected.map_err(|source| JournalError::Syslog { socket: socket.clone(), source })?;
        }
        Ok(())
    }

    /// Append the record of `entry` to the file, then send it to syslog if asked. Each
    /// destination that fails is reported; a failed file still lets syslog have the record.
    pub fn record(&self, entry: Entry) -> Report {
        let mut report = Report::default();
        let base = Record {
            seq: 0,
            prev: record::GENESIS.to_string(),
            time: time::now(),
            host: identity::host_name(),
            user: identity::user(),
            fidoctl: env!("CARGO_PKG_VERSION").to_string(),
            command: entry.command.to_string(),
            args: entry.args,
            device: entry.device,
            change: entry.change,
            outcome: entry.outcome,
        };
        let written = match self.store() {
            Some(store) => store
                .append(|seq, prev| Record { seq, prev, ..base.clone() })
                .map_err(|e| report.errors.push(e.into()))
                .ok(),
            None => None,
        };
        let record = written.unwrap_or(base);
        if let Some(socket) = &self.settings.syslog {
            let msg = syslog::message(&record.time, &record.host, std::process::id(), &record.to_line());
            if let Err(source) = syslog::send(socket, &msg) {
                report.errors.push(JournalError::Syslog { socket: socket.clone(), source });
            }
        }
        if self.settings.file.is_some() || self.settings.syslog.is_some() {
            report.record = Some(record);
        }
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> Entry {
        Attempt::new("pin change", Device { path: "virtual:k.json".into(), ..Device::default() }, Change::PinChanged)
            .arg(Arg::flag("pin_stdin", true))
            .outcome(Outcome::Done)
    }

    #[test]
    fn records_chain_in_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let j = Journal::new(Settings { file: Some(path.clone()), required: false, syslog: None });
        j.preflight().unwrap();
        for _ in 0..3 {
            let r = j.record(entry());
            assert!(r.errors.is_empty(), "{:?}", r.errors);
        }
        let text = std::fs::read(&path).unwrap();
        let v = chain::verify(&text);
        assert!(v.valid() && v.records == 3 && !v.starts_mid_chain, "{v:?}");
        let last = Record::from_line(std::str::from_utf8(&text).unwrap().lines().last().unwrap()).unwrap();
        assert_eq!(
            (last.seq, last.command.as_str(), last.fidoctl.as_str()),
            (3, "pin change", env!("CARGO_PKG_VERSION"))
        );
    }

    #[test]
    fn a_failed_file_still_reaches_syslog_and_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("not-a-dir");
        std::fs::write(&blocker, b"").unwrap();
        let sock_path = dir.path().join("log.sock");
        let sock = std::os::unix::net::UnixDatagram::bind(&sock_path).unwrap();
        let j =
            Journal::new(Settings { file: Some(blocker.join("j.jsonl")), required: false, syslog: Some(sock_path) });
        assert!(j.preflight().is_err());
        let report = j.record(entry());
        assert_eq!(report.errors.len(), 1);
        assert!(matches!(report.errors[0], JournalError::Store(StoreError::Open { .. })));
        let mut buf = vec![0u8; 8192];
        let n = sock.recv(&mut buf).unwrap();
        let msg = std::str::from_utf8(&buf[..n]).unwrap();
        assert!(msg.starts_with("<85>1 "), "{msg}");
        let body = msg.split_once(" journal - ").unwrap().1;
        assert_eq!(Record::from_line(body).unwrap().seq, 0);
    }

    #[test]
    fn a_disabled_journal_records_nothing() {
        let j = Journal::new(Settings { file: None, required: false, syslog: None });
        j.preflight().unwrap();
        let r = j.record(entry());
        assert!(r.record.is_none() && r.errors.is_empty());
    }
}
