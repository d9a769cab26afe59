//! `fidoctl journal [--since DATE] [--key AAGUID|PATH|ID]` and `fidoctl journal verify`, and
//! the three calls a changing command makes to leave its record (see `crate::journal`):
//! [`preflight`] before the key is touched, [`device`] for the key, [`finish`] with the result.

use super::{exit, Cause, Context, Failure, Outcome};
use crate::cli::{JournalArgs, JournalCommand};
use crate::client::Authenticator;
use crate::journal::{self, chain, query, Attempt, Change, Journal, JournalError};
use crate::output::journal::{JournalCheck, JournalListing};
use crate::proto::get_info::AuthenticatorInfo;
use crate::transport::DeviceDescription;

/// The journal this run writes to, from `--journal`, `--no-journal`, `--journal-required`,
/// `--journal-syslog` and the environment.
pub fn open(ctx: &Context) -> Result<Journal, Failure> {
    Journal::from_options(&ctx.global.journal_options()).map_err(|e| match e {
        journal::LocationError::Contradiction => Failure::usage(super::failure::sentence(&e.to_string())),
        journal::LocationError::NoHome => unwritable(&e.into()),
    })
}

fn unwritable(e: &JournalError) -> Failure {
    Failure::new(exit::FAILED, "journal_unwritable", format!("The journal cannot take a record, so nothing was changed: {e}."))
        .hint("Fix the journal's folder or permissions, or name a journal with --journal PATH, then try again (without --journal-required the change goes ahead with a warning).")
}

/// Before a changing command touches the key: under `--journal-required`, refuse unless the
/// journal (file and, when asked, syslog socket) can take a record. Otherwise nothing to do.
pub fn preflight(ctx: &Context) -> Result<(), Failure> {
    if !ctx.global.journal_required {
        return Ok(());
    }
    open(ctx)?.preflight().map_err(|e| unwritable(&e))
}

/// The key as the journal names it: path, VID:PID, and from getInfo (when it was read) the
/// AAGUID and the model it stands for.
pub fn device(d: &DeviceDescription, info: Option<&AuthenticatorInfo>) -> journal::Device {
    let shared = crate::output::vocabulary::Device::new(d, info);
    journal::Device {
        path: shared.path,
        vid_pid: shared.vid_pid,
        aaguid: shared.aaguid,
        model: shared.model,
        identifier: None,
    }
}

/// What a command's result means for the journal: refused only when the key answered with
/// a status; unknown when the exchange was cut short; fidoctl's own stops are failures.
pub fn outcome_of<T>(result: &Result<T, Failure>) -> journal::Outcome {
    let Err(f) = result else { return journal::Outcome::Done };
    match f.cause {
        Cause::KeyRefused(status) => journal::Outcome::Refused {
            status: status.spec_name().map_or_else(|| format!("0x{:02X}", status.byte()), str::to_string),
            code: f.code.clone(),
        },
        Cause::Interrupted => {
            journal::Outcome::Unknown { code: f.code.clone(), note: journal::Outcome::UNKNOWN_NOTE.to_string() }
        }
        Cause::Fidoctl => journal::Outcome::Failed { code: f.code.clone(), exit_code: f.exit_code },
    }
}

/// The attempt to change the key `auth` talks to, named as [`device`] does (with getInfo
/// when it can be read: a key that cannot answer it is still named by its path).
pub fn attempt(auth: &mut Authenticator, command: &'static str, change: Change) -> Attempt {
    let info = auth.info().ok().cloned();
    Attempt::new(command, device(auth.device(), info.as_ref()), change)
}

/// Record `attempt` with the outcome `result` stands for, and hand `result` back. A journal
/// that cannot take the record is a warning on stderr; under `--journal-required` a change
/// that was made but could not be recorded ends in an error (the change stays made).
pub fn finish<T>(ctx: &Context, attempt: Attempt, result: Result<T, Failure>) -> Result<T, Failure> {
    let outcome = outcome_of(&result);
    finish_as(ctx, attempt, outcome, result)
}

/// [`finish`] with an outcome the command worked out itself (`test --resident` succeeds as a
/// command when the key refuses to delete its test credential, but the record says so).
pub fn finish_as<T>(
    ctx: &Context,
    attempt: Attempt,
    outcome: journal::Outcome,
    result: Result<T, Failure>,
) -> Result<T, Failure> {
    let journal = match open(ctx) {
        Ok(j) => j,
        Err(f) => {
            warn(&f.message);
            return result;
        }
    };
    let report = journal.record(attempt.outcome(outcome));
    for e in &report.errors {
        warn(&format!("{e}"));
    }
    match result {
        Ok(_) if ctx.global.journal_required && !report.errors.is_empty() => Err(Failure::new(
            exit::FAILED,
            "journal_write_failed",
            "The change was made on the key, but its journal record could not be written.",
        )
        .hint("Fix the journal (see the warning above) and note this change by hand for the security team.")),
        other => other,
    }
}

fn warn(what: &str) {
    crate::output::notice::note(&format!("warning: this change is not in the journal: {what}."));
    crate::output::notice::instruct("Fix the journal's location or permissions (or name one with --journal PATH); --journal-required refuses changes that cannot be recorded.");
}

/// `fidoctl journal …`
pub fn run(ctx: &Context, args: JournalArgs) -> Result<Outcome, Failure> {
    let journal = Journal::from_options(&ctx.global.journal_options()).map_err(|e| match e {
        journal::LocationError::Contradiction => Failure::usage(super::failure::sentence(&e.to_string())),
        journal::LocationError::NoHome => {
            Failure::new(exit::FAILED, "journal_unreadable", super::failure::sentence(&e.to_string()))
        }
    })?;
    let Some(store) = journal.store() else {
        return Err(Failure::usage("There is no journal to read with --no-journal."));
    };
    let path = store.path().display().to_string();
    let read_fail = |e: journal::StoreError| {
        Failure::new(exit::FAILED, "journal_unreadable", super::failure::sentence(&e.to_string()))
            .hint("Check the journal's permissions (it is readable by its owner only), or name it with --journal PATH.")
    };
    let bytes = store.read_all().map_err(read_fail)?;
    let exists = bytes.is_some();
    let bytes = bytes.unwrap_or_default();
    match args.command {
        Some(JournalCommand::Verify) => {
            let verification = chain::verify(&bytes);
            let code = if verification.valid() { exit::SUCCESS } else { exit::FAILED };
            Ok(Outcome { exit_code: code, ..Outcome::ok(JournalCheck { journal: path, exists, verification }) })
        }
        None => {
            let filter = query::Filter { since: args.since, key: args.key };
            let filtered = filter != query::Filter::default();
            let (records, unreadable_lines) = query::select(&bytes, &filter);
            Ok(Outcome::ok(JournalListing { journal: path, exists, records, unreadable_lines, filtered }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::failure;
    use super::*;

    #[test]
    fn only_the_keys_answer_is_a_refusal() {
        use crate::client::ClientError;
        use crate::proto::ctap2::command;
        use crate::proto::status::CtapStatus;
        assert_eq!(outcome_of(&Ok::<(), Failure>(())), journal::Outcome::Done);
        // fidoctl's own refusal, even when it uses a status's code, is not the key's.
        let own = Failure::new(exit::PIN, "pin_policy_violation", "too short");
        assert_eq!(
            outcome_of(&Err::<(), _>(own)),
            journal::Outcome::Failed { code: "pin_policy_violation".into(), exit_code: exit::PIN }
        );
        let keys = Failure::from(ClientError::Status { command: command::CLIENT_PIN, status: CtapStatus::PinInvalid });
        assert_eq!(
            outcome_of(&Err::<(), _>(keys)),
            journal::Outcome::Refused { status: "CTAP2_ERR_PIN_INVALID".into(), code: "pin_invalid".into() }
        );
        // A wrong PIN told with its retries, and a key's policy refusal read for a PIN change.
        let told = failure::wrong_pin(CtapStatus::PinAuthBlocked, 5).unwrap();
        assert!(
            matches!(outcome_of(&Err::<(), _>(told)), journal::Outcome::Refused { status, .. } if status == "CTAP2_ERR_PIN_AUTH_BLOCKED")
        );
        let policy = failure::refused(
            ClientError::Status { command: command::CLIENT_PIN, status: CtapStatus::PinPolicyViolation },
            failure::During::PinChange,
        );
        assert!(matches!(outcome_of(&Err::<(), _>(policy)), journal::Outcome::Refused { .. }));
        let vendor = Failure::from(ClientError::Status { command: command::CONFIG, status: CtapStatus::Unknown(0xF3) });
        assert!(
            matches!(outcome_of(&Err::<(), _>(vendor)), journal::Outcome::Refused { status, .. } if status == "0xF3")
        );
        let touch = Failure::from(ClientError::TouchTimeout(std::time::Duration::from_secs(3)));
        assert!(matches!(outcome_of(&Err::<(), _>(touch)), journal::Outcome::Failed { .. }));
        let garbled = Failure::from(ClientError::Malformed("x".into()));
        assert!(matches!(outcome_of(&Err::<(), _>(garbled)), journal::Outcome::Unknown { .. }));
    }

    fn context(args: &[&str]) -> Context {
        let argv = ["fidoctl"].iter().chain(args).chain(&["list"]).copied().collect::<Vec<_>>();
        Context::new(crate::cli::Cli::parse_args(argv).unwrap().global)
    }

    fn attempt() -> Attempt {
        let d = DeviceDescription::new("virtual:k.json", crate::transport::Backend::Virtual);
        Attempt::new("reset", device(&d, None), journal::Change::Reset { credential_count: None })
    }

    #[test]
    fn finish_records_the_outcome_and_hands_the_result_on() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let ctx = context(&["--journal", path.to_str().unwrap()]);
        preflight(&ctx).unwrap();
        assert_eq!(finish(&ctx, attempt(), Ok::<u8, Failure>(7)), Ok(7));
        let refused = Failure::from(crate::client::ClientError::Status {
            command: crate::proto::ctap2::command::RESET,
            status: crate::proto::status::CtapStatus::NotAllowed,
        });
        assert_eq!(finish(&ctx, attempt(), Err::<u8, _>(refused.clone())), Err(refused));
        let text = std::fs::read(&path).unwrap();
        let (records, _) = query::select(&text, &query::Filter::default());
        let outcomes: Vec<&str> = records.iter().map(|r| r.outcome.word()).collect();
        assert_eq!(outcomes, ["done", "refused"]);
        assert_eq!(records[0].device.path, "virtual:k.json");
        assert!(chain::verify(&text).valid());
    }

    #[test]
    fn journal_required_refuses_before_and_fails_after() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("a-file");
        std::fs::write(&blocker, b"").unwrap();
        let bad = blocker.join("j.jsonl");
        let ctx = context(&["--journal", bad.to_str().unwrap(), "--journal-required"]);
        let f = preflight(&ctx).unwrap_err();
        assert_eq!((f.code.as_str(), f.exit_code), ("journal_unwritable", exit::FAILED));
        assert!(f.message.starts_with("The journal cannot take a record, so nothing was changed:"), "{}", f.message);
        let f = finish(&ctx, attempt(), Ok::<(), Failure>(())).unwrap_err();
        assert_eq!(f.code, "journal_write_failed");
        // Without --journal-required: no preflight refusal, and the result stands (with a warning).
        let lenient = context(&["--journal", bad.to_str().unwrap()]);
        assert_eq!(preflight(&lenient), Ok(()));
        assert_eq!(finish(&lenient, attempt(), Ok::<(), Failure>(())), Ok(()));
    }

    #[test]
    fn a_real_failure_conversion_gives_the_status() {
        use crate::client::ctaphid::CtaphidError;
        use crate::client::ClientError;
        use crate::proto::ctap2::command;
        use crate::proto::status::CtapStatus;
        let f = failure::refused(
            ClientError::Status { command: command::RESET, status: CtapStatus::NotAllowed },
            failure::During::Reset,
        );
        assert_eq!(
            outcome_of(&Err::<(), _>(f)),
            journal::Outcome::Refused { status: "CTAP2_ERR_NOT_ALLOWED".into(), code: "reset_too_late".into() }
        );
        let f = Failure::from(ClientError::Channel(CtaphidError::Transport(
            crate::transport::TransportError::Disconnected,
        )));
        assert!(matches!(outcome_of(&Err::<(), _>(f)), journal::Outcome::Unknown { .. }));
    }
}
