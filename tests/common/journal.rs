//! Journal tests' helpers: hand-made chained journals, processes that append through the
//! library, and a real `rsyslogd` listening on a private socket.

use super::cli::wait_bounded;
use fidoctl::journal::record::{line_hash, User, GENESIS};
use fidoctl::journal::{Arg, Change, CredentialId, Device, Outcome, Record};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A record as a changing command would leave it, at `time`, on the key at `path`.
pub fn record(time: &str, path: &str, aaguid: &str) -> Record {
    Record {
        seq: 0,
        prev: String::new(),
        time: time.to_string(),
        host: "desk-7".into(),
        user: User { uid: 1000, name: Some("helpdesk".into()), sudo_user: None },
        fidoctl: "0.1.0".into(),
        command: "creds delete".into(),
        args: vec![Arg::text("credential_id", "AAECAw"), Arg::flag("yes", true)],
        device: Device {
            path: path.into(),
            vid_pid: None,
            aaguid: Some(aaguid.into()),
            model: Some("fidoctl virtual key".into()),
            identifier: None,
        },
        change: Change::CredentialDeleted {
            rp_id: "example.com".into(),
            user_name: Some("alice".into()),
            credential_id: CredentialId(vec![0, 1, 2, 3]),
        },
        outcome: Outcome::Done,
    }
}

/// Chain `records` (seq from 1, prev from the genesis value) into journal lines.
pub fn chain(records: Vec<Record>) -> Vec<String> {
    let mut prev = GENESIS.to_string();
    records
        .into_iter()
        .enumerate()
        .map(|(i, mut r)| {
            r.seq = i as u64 + 1;
            r.prev = prev.clone();
            let line = r.to_line();
            prev = line_hash(line.as_bytes());
            line
        })
        .collect()
}

/// `n` chained records, one a day from 2026-11-01, on `virtual:key-N.json` in turn.
pub fn sample_journal(n: usize) -> Vec<String> {
    chain(
        (0..n)
            .map(|i| {
                record(
                    &format!("2026-11-{:02}T09:00:00Z", i + 1),
                    &format!("virtual:key-{}.json", i % 3),
                    "6f1d0c7a-5e1b-4c3e-9a7d-0f1d0c7a11e5",
                )
            })
            .collect(),
    )
}

pub fn write_lines(path: &Path, lines: &[String]) {
    std::fs::write(path, lines.join("\n") + "\n").expect("write the journal");
}

/// Start this test binary again, running only the ignored test `worker`, with `env`.
/// Returns the child; [`finish_worker`] waits for it and checks the worker ran and passed.
pub fn spawn_worker(worker: &str, env: &[(&str, &str)]) -> Child {
    let exe = std::env::current_exe().expect("the test binary's path");
    let mut cmd = super::cli::clean_command(exe);
    cmd.args(["--exact", worker, "--ignored", "--nocapture", "--test-threads=1"])
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd.spawn().expect("start a worker process")
}

pub fn finish_worker(mut child: Child) {
    let status = wait_bounded(&mut child, Duration::from_secs(120));
    if status.is_none() {
        let _ = child.kill();
    }
    let out = child.wait_with_output().expect("the worker's output");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        status.is_some_and(|s| s.success()) && stdout.contains("1 passed"),
        "the worker failed or did not run (status {status:?})\n--- stdout ---\n{stdout}--- stderr ---\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Poll `ready` every 20 ms for at most `limit`.
pub fn poll(limit: Duration, mut ready: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    loop {
        if ready() {
            return true;
        }
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A private `rsyslogd`: listens on `socket`, writes every message to `output` as
/// `FACILITY SEVERITY APP-NAME MSGID MSG`, one per line. Killed when dropped.
pub struct Rsyslog {
    child: Child,
    pub socket: PathBuf,
    pub output: PathBuf,
    log: PathBuf,
}

impl Rsyslog {
    pub fn start(dir: &Path) -> Rsyslog {
        let binary = ["/usr/sbin/rsyslogd", "/sbin/rsyslogd"].into_iter().find(|p| Path::new(p).exists()).expect(
            "rsyslogd is not installed: the journal's syslog test needs the Debian package `rsyslog` (.ci/run installs it)",
        );
        let socket = dir.join("log.sock");
        let output = dir.join("received.log");
        let config = dir.join("rsyslog.conf");
        let log = dir.join("rsyslogd.stderr");
        std::fs::write(
            &config,
            format!(
                r#"global(workDirectory="{dir}")
module(load="imuxsock" SysSock.Use="off")
input(type="imuxsock" Socket="{socket}" UseSpecialParser="off" ParseHostname="on" RateLimit.Interval="0")
template(name="journal" type="string" string="%syslogfacility-text% %syslogseverity-text% %app-name% %msgid% %msg%\n")
*.* action(type="omfile" file="{output}" template="journal")
"#,
                dir = dir.display(),
                socket = socket.display(),
                output = output.display()
            ),
        )
        .expect("write the rsyslog config");
        let child = Command::new(binary)
            .args(["-n", "-f"])
            .arg(&config)
            .arg("-i")
            .arg(dir.join("rsyslogd.pid"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("rsyslogd's stderr file"))
            .spawn()
            .expect("start rsyslogd");
        let mut r = Rsyslog { child, socket, output, log };
        let up = poll(Duration::from_secs(30), || r.socket.exists() || r.child.try_wait().ok().flatten().is_some());
        assert!(up && r.socket.exists(), "rsyslogd did not open {}:\n{}", r.socket.display(), r.stderr());
        r
    }

    pub fn stderr(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The lines received so far.
    pub fn received(&self) -> Vec<String> {
        std::fs::read_to_string(&self.output).unwrap_or_default().lines().map(str::to_string).collect()
    }
}

impl Drop for Rsyslog {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
