//! The action journal: concurrent appends from many processes, private files, forwarding to a
//! real rsyslogd, and `fidoctl journal` / `journal verify` on intact, edited, cut, reordered
//! and rotated journals.

mod common;

use common::journal::{finish_worker, poll, spawn_worker, Rsyslog};
use fidoctl::journal::chain;
use fidoctl::journal::record::GENESIS;
use fidoctl::journal::{Arg, Attempt, Change, Device, Journal, Options, Outcome, Record, Setting};
use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

/// Not a test of its own: the tests below start this test binary again to run it as a
/// separate process. It appends JOURNAL_WORKER_COUNT records through the library, with the
/// journal chosen by the environment (FIDOCTL_JOURNAL, FIDOCTL_JOURNAL_SYSLOG…), as fidoctl does.
#[test]
#[ignore = "a worker process the journal tests start; not run on its own"]
fn append_worker() {
    let count: usize = std::env::var("JOURNAL_WORKER_COUNT")
        .expect("JOURNAL_WORKER_COUNT: this worker is started by the journal tests")
        .parse()
        .expect("a count");
    let id = std::env::var("JOURNAL_WORKER_ID").unwrap_or_default();
    let journal = Journal::from_options(&Options::default()).expect("a journal location");
    for i in 0..count {
        let device = Device { path: format!("virtual:worker-{id}.json"), ..Device::default() };
        let attempt =
            Attempt::new("config always-uv", device, Change::Setting { setting: Setting::AlwaysUv(i % 2 == 0) })
                .arg(Arg::number("worker_record", i as u64));
        let report = journal.record(attempt.outcome(Outcome::Done));
        assert!(report.errors.is_empty(), "record {i} of worker {id}: {:?}", report.errors);
    }
}

fn lines_of(path: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(path).expect("the journal").lines().map(str::to_string).collect()
}

#[test]
fn eight_processes_appending_fifty_records_each_leave_one_valid_chain() {
    let dir = tempfile::tempdir().unwrap();
    // A folder that does not exist yet: the first append creates it, privately.
    let path = dir.path().join("state/fidoctl/journal.jsonl");
    let journal = path.to_str().unwrap();
    let workers: Vec<_> = (0..8)
        .map(|id| {
            let id = id.to_string();
            spawn_worker(
                "append_worker",
                &[("FIDOCTL_JOURNAL", journal), ("JOURNAL_WORKER_COUNT", "50"), ("JOURNAL_WORKER_ID", &id)],
            )
        })
        .collect();
    for w in workers {
        finish_worker(w);
    }
    let lines = lines_of(&path);
    assert_eq!(lines.len(), 400);
    let records: Vec<Record> =
        lines.iter().map(|l| Record::from_line(l).unwrap_or_else(|e| panic!("{e}: not a record: {l}"))).collect();
    let seqs: Vec<u64> = records.iter().map(|r| r.seq).collect();
    assert_eq!(seqs, (1..=400).collect::<Vec<_>>());
    for id in 0..8 {
        let mine: Vec<&Record> =
            records.iter().filter(|r| r.device.path == format!("virtual:worker-{id}.json")).collect();
        assert_eq!(mine.len(), 50, "worker {id}");
    }
    let v = chain::verify(std::fs::read(&path).unwrap().as_slice());
    assert!(v.valid() && !v.starts_mid_chain && v.records == 400, "{v:?}");

    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600, "the journal file");
    assert_eq!(mode(path.parent().unwrap()), 0o700, "the journal's folder");
    assert_eq!(mode(path.parent().unwrap().parent().unwrap()), 0o700, "the folder above, created with it");
}

#[test]
fn rsyslog_receives_every_record_as_written_to_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let syslog = Rsyslog::start(dir.path());
    let path = dir.path().join("journal.jsonl");
    let worker = spawn_worker(
        "append_worker",
        &[
            ("FIDOCTL_JOURNAL", path.to_str().unwrap()),
            ("FIDOCTL_JOURNAL_SYSLOG", "1"),
            ("FIDOCTL_JOURNAL_SYSLOG_SOCKET", syslog.socket.to_str().unwrap()),
            ("JOURNAL_WORKER_COUNT", "5"),
        ],
    );
    finish_worker(worker);
    let arrived = poll(Duration::from_secs(60), || syslog.received().len() >= 5);
    assert!(arrived, "rsyslogd wrote {:?}\nits stderr:\n{}", syslog.received(), syslog.stderr());
    let received = syslog.received();
    assert_eq!(received.len(), 5, "{received:?}");
    let journal = lines_of(&path);
    for (got, line) in received.iter().zip(&journal) {
        let body = got.strip_prefix("authpriv notice fidoctl journal ").unwrap_or_else(|| panic!("header of {got:?}"));
        // The message is the journal's line itself, so the far end can check the chain.
        assert_eq!(body.trim(), line);
    }
}

#[test]
fn a_journal_that_cannot_be_written_reports_it_and_syslog_still_gets_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let syslog = Rsyslog::start(dir.path());
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, b"").unwrap();
    let options = Options { path: Some(blocker.join("journal.jsonl")), syslog: true, ..Options::default() };
    let mut settings = options.resolve().unwrap();
    settings.syslog = Some(syslog.socket.clone());
    let journal = Journal::new(settings);
    assert!(journal.preflight().is_err(), "preflight sees the journal cannot be written");
    let attempt = Attempt::new(
        "reset",
        Device { path: "virtual:k.json".into(), ..Device::default() },
        Change::Reset { credential_count: Some(3) },
    );
    let report = journal.record(attempt.outcome(Outcome::Done));
    assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
    assert!(report.errors[0].to_string().contains("cannot be opened for writing"), "{}", report.errors[0]);
    assert!(poll(Duration::from_secs(60), || !syslog.received().is_empty()), "{}", syslog.stderr());
    let body = syslog.received()[0].strip_prefix("authpriv notice fidoctl journal ").unwrap().trim().to_string();
    let r = Record::from_line(&body).unwrap();
    assert_eq!((r.seq, r.prev.as_str()), (0, GENESIS), "a record in no local chain says so with seq 0");
    assert_eq!(r.change, Change::Reset { credential_count: Some(3) });
}
