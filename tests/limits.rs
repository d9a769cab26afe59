//! Limits on what fidoctl waits for and reads: `--timeout` is bounded and deadlines never
//! overflow; every file and stream it reads has a size limit and a clear error over it.

mod common;

use common::cli::{expect_error, TempKeys};
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
                "the longest wait is 86400 seconds (one day); give a smaller number",
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

// --- files and streams: a size limit each, and named pipes never waited on --------------------------

/// `audit` with `args` must refuse one input with `message` (exit 2, usage) and `hint`.
#[track_caller]
fn audit_refuses(key: &common::cli::VirtualKeyFile, args: &[&str], message: &str, hint: &str) {
    let mut all = vec!["audit", "--json"];
    all.extend_from_slice(args);
    let run = key.run(&all);
    let doc = expect_error(&run, 2, "usage");
    assert_eq!(doc.error.message, message, "{}", run.describe());
    assert_eq!(doc.error.hint.as_deref(), Some(hint), "{}", run.describe());
}

const OVER_LIMIT_HINT: &str =
    "Check that the path names the right file; fidoctl's size limits are listed under Limits in the README.";
const PIPE_HINT: &str = "Give a regular file, or start the program that writes into the pipe before running fidoctl.";

#[test]
fn audit_inputs_that_never_end_are_refused_at_their_limit() {
    let keys = TempKeys::new();
    let key = keys.create("k.json", &[]);
    audit_refuses(
        &key,
        &["--policy", "/dev/zero"],
        "The policy file /dev/zero cannot be read: it is larger than fidoctl's limit of 1 MiB.",
        OVER_LIMIT_HINT,
    );
    audit_refuses(
        &key,
        &["--mds", "/dev/zero"],
        "The metadata file /dev/zero cannot be read: it is larger than fidoctl's limit of 64 MiB.",
        OVER_LIMIT_HINT,
    );
    let blob = keys.path("blob.jwt");
    std::fs::write(&blob, "a.b.c").expect("write a BLOB");
    let blob = blob.display().to_string();
    audit_refuses(
        &key,
        &["--mds", &blob, "--mds-root", "/dev/zero"],
        "The root certificate /dev/zero cannot be read: it is larger than fidoctl's limit of 1 MiB.",
        OVER_LIMIT_HINT,
    );
}

#[test]
fn a_regular_file_over_its_limit_is_refused_by_its_size() {
    let keys = TempKeys::new();
    let key = keys.create("k.json", &[]);
    // Sparse: one byte over 1 MiB costs no disk.
    let policy = keys.path("policy.toml");
    std::fs::File::create(&policy).and_then(|f| f.set_len(1024 * 1024 + 1)).expect("sparse policy file");
    let shown = policy.display().to_string();
    audit_refuses(
        &key,
        &["--policy", &shown],
        &format!("The policy file {shown} cannot be read: it is larger than fidoctl's limit of 1 MiB."),
        OVER_LIMIT_HINT,
    );
}

#[test]
fn a_named_pipe_without_a_writer_is_refused_not_waited_on() {
    let keys = TempKeys::new();
    let key = keys.create("k.json", &[]);
    let fifo = keys.path("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("run mkfifo");
    assert!(made.success(), "mkfifo failed");
    let fifo = fifo.display().to_string();
    let blob = keys.path("blob.jwt");
    std::fs::write(&blob, "a.b.c").expect("write a BLOB");
    let blob = blob.display().to_string();
    // Each run is bounded by the helpers' run timeout: a hang fails the test instead of wedging it.
    for (what, args) in [
        ("policy file", vec!["--policy", fifo.as_str()]),
        ("metadata file", vec!["--mds", fifo.as_str()]),
        ("root certificate", vec!["--mds", blob.as_str(), "--mds-root", fifo.as_str()]),
    ] {
        audit_refuses(
            &key,
            &args,
            &format!(
                "The {what} {fifo} cannot be read: it is a named pipe (FIFO) and nothing wrote to it, so there \
                 is nothing to read."
            ),
            PIPE_HINT,
        );
    }
}

#[test]
fn a_pipe_with_a_writer_is_read() {
    let keys = TempKeys::new();
    let key = keys.create("k.json", &[]);
    // Process substitution: bash holds the pipe's write end before fidoctl starts, as with
    // `--policy <(curl ...)`.
    let mut cmd = assert_cmd::Command::from_std(common::cli::clean_command("bash"));
    cmd.timeout(common::cli::RUN_TIMEOUT).args([
        "-c",
        r#""$0" -d "$1" audit --json --policy <(printf 'require_pin = true\n')"#,
        common::cli::FIDOCTL,
        &key.selector(),
    ]);
    let run = common::cli::run_cmd(&mut cmd);
    // A fresh virtual key has no PIN, so the policy from the pipe fails it (exit 6).
    run.expect_code(6).stdout_has("\"policy\": \"/dev/fd/");
}

#[test]
fn pin_stdin_that_never_ends_is_refused_after_one_line_limit() {
    let keys = TempKeys::new();
    let key = keys.create_with_pin("k.json", &[], "1234");
    let mut cmd = common::cli::clean_command(common::cli::FIDOCTL);
    cmd.args(["-d", &key.selector(), "--json", "pin", "verify", "--pin-stdin"])
        .stdin(std::fs::File::open("/dev/zero").expect("open /dev/zero"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("run fidoctl");
    let status = common::cli::wait_bounded(&mut child, common::cli::RUN_TIMEOUT);
    if status.is_none() {
        let _ = child.kill();
    }
    let out = child.wait_with_output().expect("collect output");
    let run = common::cli::Run {
        command: format!("{cmd:?}"),
        code: status.and_then(|s| s.code()),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    let doc = expect_error(&run, 4, "pin_unreadable");
    assert_eq!(
        doc.error.message,
        "The PIN could not be read: line 1 of --pin-stdin is longer than 1024 bytes, so it cannot be a PIN (a PIN \
         is at most 63 bytes).",
        "{}",
        run.describe()
    );
}

/// Before: a FIDOCTL_DEVICE that is not UTF-8 was ignored and fidoctl scanned HID, though a
/// named selector promises no scan.
#[test]
fn a_non_utf8_fidoctl_device_is_refused_not_replaced_by_a_hid_scan() {
    use std::os::unix::ffi::OsStrExt;
    let mut cmd = common::cli::fidoctl();
    cmd.env("FIDOCTL_DEVICE", std::ffi::OsStr::from_bytes(b"virtual:/tmp/k\xff.json")).args(["--json", "info"]);
    let run = common::cli::run_cmd(&mut cmd);
    let doc = expect_error(&run, 2, "usage");
    assert_eq!(
        doc.error.message,
        "FIDOCTL_DEVICE is set, but it is not valid UTF-8 text (virtual:/tmp/k\u{FFFD}.json), so fidoctl cannot tell \
         which key it names."
    );
    assert_eq!(
        doc.error.hint.as_deref(),
        Some("Set FIDOCTL_DEVICE to selectors such as virtual:/path/key.json (with a UTF-8 path), or name the key with -d.")
    );
}

/// Before: `--rp` of 8,000 characters was "the key sent a garbled message" (our own request
/// was too long for CTAPHID); requests are now checked against the key's maxMsgSize.
#[test]
fn a_request_larger_than_max_msg_size_is_refused_before_it_is_sent() {
    let keys = TempKeys::new();
    let key = keys.create("k.json", &[]);
    for len in [7_700usize, 8_000, 100_000] {
        let rp = format!("{}.example", "a".repeat(len));
        for command in ["make-credential", "get-assertion"] {
            let run = key.run(&["--json", command, "--rp", &rp]);
            let doc = expect_error(&run, 2, "request_too_large");
            assert!(
                doc.error.message.starts_with("The request would be ")
                    && doc
                        .error
                        .message
                        .ends_with(" bytes, more than the 7609 bytes this key accepts, so fidoctl did not send it."),
                "{}",
                run.describe()
            );
        }
    }
    assert_eq!(key.state()["credentials"].as_array().map(Vec::len), Some(0));
}
