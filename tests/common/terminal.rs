//! fidoctl in a pseudo-terminal (util-linux `script`), for the paths that only run when
//! standard input and error are a terminal: hidden PIN prompts, confirmations, touch prompts.

use super::cli::{clean_command, wait_bounded, FIDOCTL};
use std::io::{Read, Write};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PATIENCE: Duration = Duration::from_secs(30);

pub struct Terminal {
    child: Child,
    stdin: Option<ChildStdin>,
    shown: Arc<Mutex<Vec<u8>>>,
    reader: Option<std::thread::JoinHandle<()>>,
    deadline: Instant,
}

impl Terminal {
    /// Start `fidoctl ARGS` on a terminal, with `env` added to a clean environment.
    pub fn start(args: &[&str], env: &[(&str, &str)]) -> Terminal {
        let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
        let command = std::iter::once(FIDOCTL).chain(args.iter().copied()).map(quote).collect::<Vec<_>>().join(" ");
        let mut child = clean_command("script")
            .args(["-q", "-e", "-c", &command, "/dev/null"])
            .envs(env.iter().copied())
            .env("TERM", "dumb")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the terminal tests need util-linux `script` (a pseudo-terminal for fidoctl)");
        let shown = Arc::new(Mutex::new(Vec::new()));
        let mut stdout = child.stdout.take().expect("stdout");
        let sink = Arc::clone(&shown);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 1024];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("lock").extend_from_slice(&buf[..n]);
            }
        });
        let stdin = child.stdin.take();
        Terminal { child, stdin, shown, reader: Some(reader), deadline: Instant::now() + PATIENCE }
    }

    /// Everything the terminal showed so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.shown.lock().expect("lock")).into_owned()
    }

    /// Wait until `needle` has been shown `times` times in all (prompts repeat).
    pub fn wait_for(&mut self, needle: &str, times: usize) {
        while self.text().matches(needle).count() < times {
            let exited = self.child.try_wait().expect("wait");
            if Instant::now() > self.deadline || exited.is_some() {
                let _ = self.child.kill();
                let status = self.child.wait();
                std::thread::sleep(Duration::from_millis(200));
                panic!("fidoctl did not show {needle:?} ×{times} (script ended: {status:?}):\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Type a line (or a single key, without "\n").
    pub fn type_text(&mut self, text: &str) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(text.as_bytes()).expect("type");
        stdin.flush().expect("flush");
    }

    /// Wait for the end; the exit code and everything shown.
    pub fn finish(mut self) -> (Option<i32>, String) {
        let left = self.deadline.saturating_duration_since(Instant::now());
        let Some(status) = wait_bounded(&mut self.child, left) else {
            let _ = self.child.kill();
            let _ = self.child.wait();
            panic!("fidoctl did not finish:\n{}", self.text());
        };
        self.stdin.take();
        if let Some(r) = self.reader.take() {
            r.join().expect("reader");
        }
        (status.code(), self.text())
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
