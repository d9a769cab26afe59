//! The fault matrix: every command, under every device fault the virtual key can inject
//! (FIDOCTL_VIRTUAL_FAULT, at the first and the last CBOR request of the command, and an
//! unexpected status at each of its CBOR requests), against a fresh copy of one key. Each run
//! must end with a documented exit code, a message that names the problem, no panic, within a
//! bound; `creds delete` must never take another credential with it, and must say so when it
//! cannot tell whether the delete happened.

mod common;

use common::cli::{clean_command, run_virtual, wait_bounded, TempKeys, FIDOCTL};
use common::creds::{creds_list, make_resident};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

const PIN: &str = "123456";
const NEW_PIN: &str = "654321";
/// Not a timing assertion: a run still going after this long is a hang.
const HANG_BOUND: Duration = Duration::from_secs(60);
/// The runs mostly sleep (waiting out timeouts), so more of them than cores is fine.
const WORKERS: usize = 16;

/// Faults applied at the first and at the last CBOR request of each command.
const FAULTS: &[&str] = &[
    "drop",
    "garble",
    "delay:12000",
    "wrong-channel",
    "wrong-seq",
    "disconnect",
    "keepalive-processing",
    "keepalive-upneeded",
    "oversize",
    "truncated",
    "wrong-types",
];
/// CTAP1_ERR_OTHER: a status no step of any operation expects.
const STEP_STATUS: &str = "status:7f";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Template {
    /// A fresh key without a PIN (for `pin set`).
    Blank,
    /// PIN set and three discoverable credentials.
    Full,
}

struct Command {
    name: &'static str,
    template: Template,
    args: Vec<String>,
    env: Vec<(&'static str, &'static str)>,
}

struct Keys {
    _dir: TempKeys,
    blank: PathBuf,
    full: PathBuf,
    /// Credential ids on the full key; the first is the one `creds delete` and `creds update` name.
    ids: Vec<String>,
}

fn keys() -> Keys {
    let dir = TempKeys::new();
    let blank = dir.create("blank.json", &[]);
    let full = dir.create_with_pin("full.json", &[], PIN);
    let ids = ["a.example", "b.example", "c.example"]
        .iter()
        .map(|rp| make_resident(&full, PIN, rp, "user", "User").credential_id)
        .collect();
    Keys { blank: blank.path.clone(), full: full.path.clone(), _dir: dir, ids }
}

fn commands(keys: &Keys) -> Vec<Command> {
    let pin = vec![("FIDOCTL_PIN", PIN)];
    let c = |name: &'static str, template, args: &[&str], env: &[(&'static str, &'static str)]| Command {
        name,
        template,
        args: args.iter().map(|s| s.to_string()).collect(),
        env: env.to_vec(),
    };
    let victim = keys.ids[0].as_str();
    vec![
        c("list", Template::Full, &["list"], &[]),
        c("info", Template::Full, &["info"], &[]),
        c("wink", Template::Full, &["wink"], &[]),
        c("select", Template::Full, &["select"], &[]),
        c("pin set", Template::Blank, &["pin", "set"], &[("FIDOCTL_NEW_PIN", NEW_PIN)]),
        c("pin change", Template::Full, &["pin", "change"], &[("FIDOCTL_PIN", PIN), ("FIDOCTL_NEW_PIN", NEW_PIN)]),
        c("pin verify", Template::Full, &["pin", "verify"], &pin),
        c("pin min-length", Template::Full, &["pin", "min-length", "6"], &pin),
        c("pin force-change", Template::Full, &["pin", "force-change"], &pin),
        c("creds list", Template::Full, &["creds", "list"], &pin),
        c("creds delete", Template::Full, &["creds", "delete", victim], &pin),
        c("creds update", Template::Full, &["creds", "update", victim, "--name", "renamed"], &pin),
        c("config always-uv", Template::Full, &["config", "always-uv", "on"], &pin),
        c("reset", Template::Full, &["reset"], &[]),
        c("test", Template::Full, &["test"], &[]),
        c("make-credential", Template::Full, &["make-credential", "--rp", "fault.example"], &[]),
        c("get-assertion", Template::Full, &["get-assertion", "--rp", "b.example"], &pin),
        c("audit", Template::Full, &["audit"], &[]),
    ]
}

struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Run one command on `key` with the fault knobs in `env`, killed past [`HANG_BOUND`].
fn run(key: &Path, command: &Command, extra: &[&str], env: &[(&str, String)]) -> Outcome {
    let mut cmd = clean_command(FIDOCTL);
    cmd.arg("-d").arg(format!("virtual:{}", key.display())).args(["--timeout", "1", "--yes"]);
    cmd.args(extra).args(&command.args);
    cmd.envs(command.env.iter().copied()).envs(env.iter().map(|(k, v)| (*k, v.as_str())));
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("start fidoctl");
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut out, &mut s);
        s
    });
    let mut stderr = String::new();
    let status = std::thread::scope(|scope| {
        let h = scope.spawn(|| {
            let _ = std::io::Read::read_to_string(&mut err, &mut stderr);
        });
        let status = wait_bounded(&mut child, HANG_BOUND);
        if status.is_none() {
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = h.join();
        status
    });
    let stdout = reader.join().unwrap_or_default();
    Outcome { code: status.map(|s| s.code().unwrap_or(-1)), stdout, stderr }
}

/// A fresh copy of the command's key in its own folder.
fn fresh_key(keys: &Keys, command: &Command, dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).expect("case folder");
    let from = if command.template == Template::Blank { &keys.blank } else { &keys.full };
    let to = dir.join("key.json");
    std::fs::copy(from, &to).expect("copy key");
    to
}

/// How many CBOR requests the command sends to a healthy key: host-to-key CTAPHID_CBOR
/// init packets (command byte 0x90) in the -vv trace.
fn cbor_steps(keys: &Keys, command: &Command, dir: &Path) -> usize {
    let key = fresh_key(keys, command, dir);
    let out = run(&key, command, &["-vv"], &[]);
    assert_eq!(out.code, Some(0), "{} on a healthy key:\n{}\n{}", command.name, out.stdout, out.stderr);
    out.stderr.lines().filter_map(|l| l.split(">> ").nth(1)).filter(|frame| frame.get(8..10) == Some("90")).count()
}

struct Case {
    command: usize,
    fault: String,
    step: usize,
}

/// Commands that go on without what a faulty CBOR step would have told them, and rightly:
/// `wink` asks getInfo only to name the key, and blinks it with CTAPHID_WINK, which no fault
/// touches. Success is accepted for these when the state file shows the command's effect.
const CBOR_STEP_OPTIONAL: &[&str] = &["wink"];

/// Faults at a step whose answer only informs, and a command that rightly goes on: `reset`
/// asks for the PIN retries (step 2) to describe the key in its confirmation, and resets
/// without them, as it does when the PIN is blocked. Accepted when the key was reset.
const TOLERATED: &[(&str, &str, usize)] = &[("reset", STEP_STATUS, 2)];

/// What went wrong with one case, or None when it behaved.
fn check(keys: &Keys, command: &Command, case: &Case, steps: usize, key: &Path, out: &Outcome) -> Option<String> {
    let Some(code) = out.code else {
        return Some(format!("still running after {HANG_BOUND:?}: killed"));
    };
    let text = format!("{}{}", out.stdout, out.stderr);
    if text.contains("panicked") || code == 101 || code == 134 {
        return Some(format!("panicked (exit {code})"));
    }
    if code == 0 && TOLERATED.contains(&(command.name, case.fault.as_str(), case.step)) {
        let state = common::cli::VirtualKeyFile { path: key.to_path_buf() }.state();
        let left = state["credentials"].as_array().map(Vec::len);
        return (left != Some(0)).then(|| format!("exit 0, but the key was not reset ({left:?} credentials left)"));
    }
    if code == 0 && CBOR_STEP_OPTIONAL.contains(&command.name) {
        let winks = common::cli::VirtualKeyFile { path: key.to_path_buf() }.state()["wink_count"].as_u64();
        return (winks != Some(1)).then(|| format!("exit 0, but the key was not winked (wink_count {winks:?})"));
    }
    let documented: &[i32] = if command.name == "audit" { &[1, 3, 4, 5, 6] } else { &[1, 3, 4, 5] };
    if !documented.contains(&code) {
        return Some(format!("exit {code}, not one of {documented:?}"));
    }
    // `list` and `audit` report an unreadable key in their table; the others on stderr.
    let message = if matches!(command.name, "list" | "audit") { text.trim() } else { out.stderr.trim() };
    if message.is_empty() {
        return Some("no message".into());
    }
    // Only KEEPALIVE UPNEEDED means "waiting for a touch"; any other fault is the key's.
    if case.fault != "keepalive-upneeded" && (code == 5 || message.contains("Nobody touched")) {
        return Some(format!("blames the user for a device fault (exit {code}): {message}"));
    }
    if !message.to_lowercase().contains("key") {
        return Some(format!("the message does not name the key as the problem: {message}"));
    }
    if command.name == "creds delete" {
        // The last CBOR request is the delete itself; after a fault there (other than a status
        // the standard defines, which says the key refused), nobody knows whether it happened.
        let unknown = case.step == steps && case.fault != STEP_STATUS;
        if let Some(problem) = check_delete(keys, key, message, unknown) {
            return Some(problem);
        }
    }
    None
}

/// The other credentials survive; a delete whose outcome is unknown says so and how to check.
fn check_delete(keys: &Keys, key: &Path, message: &str, unknown: bool) -> Option<String> {
    let replug = run_virtual("replug", key, &[]);
    if replug.code != Some(0) {
        return Some(format!("the key could not be re-plugged afterwards: {}", replug.describe()));
    }
    let key_file = common::cli::VirtualKeyFile { path: key.to_path_buf() };
    let left = creds_list(&key_file, PIN, &[]).ids();
    for other in &keys.ids[1..] {
        if !left.contains(other) {
            return Some(format!("credential {other} was deleted too"));
        }
    }
    let deleted = !left.contains(&keys.ids[0]);
    if (deleted || unknown) && !(message.contains("cannot tell whether") && message.contains("creds list")) {
        return Some(format!(
            "the delete may have happened (deleted: {deleted}) but the message does not say so and how to check: {message}"
        ));
    }
    None
}

#[test]
fn every_command_under_every_fault() {
    let keys = keys();
    let work = TempKeys::new();
    let commands = commands(&keys);
    let steps: Vec<usize> =
        commands.iter().enumerate().map(|(i, c)| cbor_steps(&keys, c, &work.path(&format!("healthy-{i}")))).collect();
    let mut cases = Vec::new();
    for (i, &k) in steps.iter().enumerate() {
        for fault in FAULTS {
            let mut at = vec![1, k];
            at.dedup();
            for step in at.into_iter().filter(|&s| s >= 1) {
                cases.push(Case { command: i, fault: fault.to_string(), step });
            }
        }
        for step in 1..=k {
            cases.push(Case { command: i, fault: STEP_STATUS.to_string(), step });
        }
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, Option<String>, Outcome)>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..WORKERS {
            scope.spawn(|| loop {
                let n = next.fetch_add(1, Ordering::SeqCst);
                let Some(case) = cases.get(n) else { break };
                let command = &commands[case.command];
                let key = fresh_key(&keys, command, &work.path(&format!("case-{n}")));
                let env = [
                    ("FIDOCTL_VIRTUAL_FAULT", case.fault.clone()),
                    ("FIDOCTL_VIRTUAL_FAULT_AT", case.step.to_string()),
                ];
                let out = run(&key, command, &[], &env);
                let problem = check(&keys, command, case, steps[case.command], &key, &out);
                results.lock().unwrap_or_else(|e| e.into_inner()).push((n, problem, out));
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    results.sort_by_key(|(n, _, _)| *n);
    let mut failures = Vec::new();
    for (n, problem, out) in &results {
        let case = &cases[*n];
        let name = commands[case.command].name;
        let first = out.stderr.lines().next().unwrap_or("").chars().take(160).collect::<String>();
        let line = format!("{name} | {} at CBOR request {} | exit {:?} | {first}", case.fault, case.step, out.code);
        match problem {
            None => println!("ok      {line}"),
            Some(p) => failures.push(format!("{line}\n    {p}")),
        }
    }
    println!("{} fault cases over {} commands", cases.len(), commands.len());
    assert!(
        failures.is_empty(),
        "{} of {} fault cases misbehaved:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn a_delete_cut_off_by_an_unplug_says_the_outcome_is_unknown_and_how_to_check() {
    let keys = keys();
    let work = TempKeys::new();
    let delete = commands(&keys).into_iter().find(|c| c.name == "creds delete").expect("creds delete");
    let last = cbor_steps(&keys, &delete, &work.path("healthy"));
    let key = fresh_key(&keys, &delete, &work.path("cut"));
    let env = [("FIDOCTL_VIRTUAL_FAULT", "disconnect".to_string()), ("FIDOCTL_VIRTUAL_FAULT_AT", last.to_string())];
    let out = run(&key, &delete, &[], &env);
    assert_eq!(out.code, Some(3), "{}", out.stderr);
    let tail: Vec<&str> = out.stderr.lines().rev().take(2).collect();
    assert_eq!(
        tail,
        [
            "Plug the key back in and run `fidoctl creds list` to check whether the credential is still there.",
            "fidoctl: The security key was disconnected. fidoctl cannot tell whether the key deleted the credential before this happened.",
        ]
    );
    // The key did delete before it was unplugged, and only that credential.
    assert_eq!(run_virtual("replug", &key, &[]).code, Some(0));
    let left = creds_list(&common::cli::VirtualKeyFile { path: key }, PIN, &[]).ids();
    assert_eq!(left, keys.ids[1..].to_vec());
}
