//! The action journal: concurrent appends from many processes, private files, forwarding to a
//! real rsyslogd, and `fidoctl journal` / `journal verify` on intact, edited, cut, reordered
//! and rotated journals.

mod common;

use common::journal::{finish_worker, poll, sample_journal, spawn_worker, write_lines, Rsyslog};
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

// --- fidoctl journal and fidoctl journal verify ---------------------------------------------------

/// `fidoctl --journal PATH ARGS...` in a clean environment.
fn journal_cmd(path: &std::path::Path, args: &[&str]) -> common::cli::Run {
    let mut full = vec!["--journal", path.to_str().unwrap()];
    full.extend_from_slice(args);
    common::cli::run(full)
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn verify_accepts_an_intact_journal_and_names_an_edited_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.jsonl");
    let lines = sample_journal(10);
    write_lines(&path, &lines);
    let ok = journal_cmd(&path, &["journal", "verify"]);
    ok.success();
    assert!(one_line(&ok.stdout).contains("is intact: 10 records, 1 to 10."), "{}", ok.describe());

    // One byte of record 4: a letter of its host name.
    let mut edited = lines.clone();
    edited[3] = edited[3].replacen("desk-7", "desk-8", 1);
    write_lines(&path, &edited);
    let bad = journal_cmd(&path, &["journal", "verify"]);
    bad.expect_code(1);
    assert!(one_line(&bad.stdout).contains("record 4 (line 4) was edited after it was written"), "{}", bad.describe());
    let doc = journal_cmd(&path, &["journal", "verify", "--json"]);
    doc.expect_code(1);
    let v = doc.value();
    assert_eq!(v["valid"], false);
    assert_eq!((v["problem"]["kind"].as_str(), v["problem"]["line"].as_u64()), (Some("edited"), Some(4)));
}

#[test]
fn verify_names_removed_and_reordered_records() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.jsonl");
    let mut removed = sample_journal(10);
    removed.remove(6);
    write_lines(&path, &removed);
    let run = journal_cmd(&path, &["journal", "verify"]);
    run.expect_code(1);
    assert!(one_line(&run.stdout).contains("record 7 was removed (it should be at line 7)"), "{}", run.describe());

    let mut moved = sample_journal(10);
    moved.swap(4, 5);
    write_lines(&path, &moved);
    let run = journal_cmd(&path, &["--json", "journal", "verify"]);
    run.expect_code(1);
    let p = &run.value()["problem"];
    assert_eq!(p["kind"], "reordered");
    assert_eq!(p["message"], "record 6 (line 5) is out of order: record 5 should come before it");
}

#[test]
fn verify_says_a_rotated_journal_starts_mid_chain() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.jsonl");
    write_lines(&path, &sample_journal(10)[6..]);
    let run = journal_cmd(&path, &["journal", "verify"]);
    run.success();
    let text = one_line(&run.stdout);
    assert!(text.contains("is intact: 4 records, 7 to 10."), "{}", run.describe());
    assert!(text.contains("It starts mid-chain, at record 7"), "{}", run.describe());
    let v = journal_cmd(&path, &["journal", "verify", "--json"]).value();
    assert_eq!((v["valid"].as_bool(), v["starts_mid_chain"].as_bool()), (Some(true), Some(true)));
}

#[test]
fn journal_lists_and_filters_records_in_80_columns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.jsonl");
    write_lines(&path, &sample_journal(9));
    // FIDOCTL_JOURNAL names the journal as --journal does.
    let mut cmd = common::cli::fidoctl();
    cmd.env("FIDOCTL_JOURNAL", &path).args(["journal", "--json"]);
    let all = common::cli::run_cmd(&mut cmd);
    all.success();
    let records = all.value()["records"].as_array().unwrap().clone();
    assert_eq!(records.len(), 9);
    assert_eq!(records[0]["change"]["kind"], "credential_deleted");

    let since = journal_cmd(&path, &["journal", "--since", "2026-11-07", "--json"]).value();
    let seqs: Vec<u64> = since["records"].as_array().unwrap().iter().map(|r| r["seq"].as_u64().unwrap()).collect();
    assert_eq!(seqs, vec![7, 8, 9]);
    let key = journal_cmd(&path, &["journal", "--key", "virtual:key-1.json", "--json"]).value();
    let seqs: Vec<u64> = key["records"].as_array().unwrap().iter().map(|r| r["seq"].as_u64().unwrap()).collect();
    assert_eq!(seqs, vec![2, 5, 8]);
    let by_aaguid = journal_cmd(&path, &["journal", "--key", "6F1D0C7A5E1B4C3E9A7D0F1D0C7A11E5", "--json"]).value();
    assert_eq!(by_aaguid["records"].as_array().unwrap().len(), 9);

    let text = journal_cmd(&path, &["journal", "--since", "2026-11-09T00:00:00Z"]);
    text.success()
        .stdout_has("#9  2026-11-09T09:00:00Z  creds delete")
        .stdout_has("delete credential AAECAw of alice at example.com");
    for line in journal_cmd(&path, &["journal"]).stdout.lines() {
        assert!(line.chars().count() <= 80, "{line:?} is wider than 80 columns");
    }
    journal_cmd(&path, &["journal", "--since", "last tuesday"]).expect_code(2).stderr_has("YYYY-MM-DD");
}

#[test]
fn there_is_nothing_to_read_with_no_journal() {
    let run = common::cli::run(["--no-journal", "journal"]);
    run.expect_code(2).stderr_has("There is no journal to read with --no-journal.");
    common::cli::run(["--no-journal", "--journal-required", "journal"]).expect_code(2);
}

#[test]
fn the_documented_record_is_a_record() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/json.md")).unwrap();
    let marker = "<!-- journal record example -->";
    let after = doc.split_once(marker).expect("docs/json.md marks its journal record example").1;
    let block = after.split_once("```json\n").unwrap().1.split_once("```").unwrap().0;
    let value: serde_json::Value = serde_json::from_str(block).expect("the example is JSON");
    let record: Record = serde_json::from_value(value.clone()).expect("the example is a journal record");
    // Every field of the record type is shown.
    assert_eq!(serde_json::to_value(&record).unwrap(), value);
}
