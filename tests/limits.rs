//! Limits on what fidoctl waits for and reads: `--timeout` is bounded and deadlines never
//! overflow; every file and stream it reads has a size limit and a clear error over it.

mod common;

use common::cli::TempKeys;
use fidoctl::client::ctaphid::{Channel, Transaction};
use fidoctl::proto::ctaphid::cmd;
use fidoctl::transport::in_process::InProcessDevice;
use std::time::Duration;

/// Every command that waits for a touch (select in a worker thread per key).
const WAITING_COMMANDS: &[&[&str]] = &[
    &["test"],
    &["make-credential", "--rp", "example.com"],
    &["get-assertion", "--rp", "example.com"],
    &["reset", "--yes"],
    &["select"],
];

#[test]
fn a_timeout_past_one_day_is_a_usage_error_not_a_crash() {
    let keys = TempKeys::new();
    let key = keys.create("k.json", &[]);
    for huge in ["9223372036854775000", "18446744073709551615", "86401"] {
        for command in WAITING_COMMANDS {
            let mut args = vec!["--json", "--timeout", huge];
            args.extend_from_slice(command);
            let run = key.run(&args);
            run.expect_code(2);
            let doc: serde_json::Value = run.json();
            assert_eq!(doc["error"]["code"], "usage", "{args:?}\n{}", run.describe());
            let message = doc["error"]["message"].as_str().unwrap_or_default();
            assert_eq!(
                message,
                format!(
                    "Invalid value '{huge}' for '--timeout <SECONDS>': the longest wait is 86400 seconds (one \
                     day); give a smaller number."
                ),
                "{args:?}\n{}",
                run.describe()
            );
            run.stderr_has("the longest wait is 86400 seconds (one day); give a smaller number");
        }
    }
    // The key was never touched: still there, not reset.
    assert!(key.path.exists());
}

#[test]
fn the_longest_allowed_timeout_works() {
    let keys = TempKeys::new();
    let key = keys.create("k.json", &[]);
    key.run(&["--timeout", "86400", "test"]).success();
    key.run(&["--timeout", "86400", "select"]).success();
}

#[test]
fn a_transaction_with_an_endless_timeout_is_answered_not_a_panic() {
    let keys = TempKeys::new();
    let key = keys.create("k.json", &[]);
    let device = InProcessDevice::open(&key.path).expect("open the virtual key");
    let mut channel = Channel::open(Box::new(device)).expect("INIT");
    let mut t = Transaction::new(cmd::PING, b"ping");
    t.timeout = Duration::MAX;
    assert_eq!(channel.transact(t).expect("PING"), b"ping");
}
