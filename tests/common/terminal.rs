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

/// fidoctl started directly on a pseudo-terminal of its own (openpty; fidoctl is the session
/// leader, so Ctrl-C typed here reaches it as SIGINT), for what `script` hides: how fidoctl
/// itself ended (a signal or an exit code) and the terminal's settings after it ended.
pub struct Pty {
    child: Child,
    master: std::fs::File,
    slave: Option<std::fs::File>,
    shown: Arc<Mutex<Vec<u8>>>,
    reader: Option<std::thread::JoinHandle<()>>,
    deadline: Instant,
}

impl Pty {
    /// Start `fidoctl ARGS` on a fresh pseudo-terminal, with `env` added to a clean environment.
    pub fn start(args: &[&str], env: &[(&str, &str)]) -> Pty {
        use std::os::fd::FromRawFd;
        use std::os::unix::process::CommandExt;
        let (mut master_fd, mut slave_fd) = (-1, -1);
        // SAFETY: two out-parameters; no name, settings or window size.
        let rc = unsafe {
            libc::openpty(&mut master_fd, &mut slave_fd, std::ptr::null_mut(), std::ptr::null(), std::ptr::null())
        };
        assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
        // SAFETY: both descriptors were just opened and are owned here.
        let (master, slave) = unsafe { (std::fs::File::from_raw_fd(master_fd), std::fs::File::from_raw_fd(slave_fd)) };
        let mut cmd = clean_command(super::cli::FIDOCTL);
        cmd.args(args).envs(env.iter().copied()).env("TERM", "dumb");
        cmd.stdin(slave.try_clone().expect("dup")).stdout(slave.try_clone().expect("dup"));
        cmd.stderr(slave.try_clone().expect("dup"));
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().expect("start fidoctl on a pseudo-terminal");
        let shown = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&shown);
        let mut from_terminal = master.try_clone().expect("dup");
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 1024];
            // Ends with an error (EIO) once no one holds the terminal's other side.
            while let Ok(n) = from_terminal.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("lock").extend_from_slice(&buf[..n]);
            }
        });
        Pty { child, master, slave: Some(slave), shown, reader: Some(reader), deadline: Instant::now() + PATIENCE }
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.shown.lock().expect("lock")).into_owned()
    }

    /// Wait until `needle` has been shown `times` times in all.
    pub fn wait_for(&mut self, needle: &str, times: usize) {
        while self.text().matches(needle).count() < times {
            let exited = self.child.try_wait().expect("wait");
            if Instant::now() > self.deadline || exited.is_some() {
                let _ = self.child.kill();
                let status = self.child.wait();
                panic!("fidoctl did not show {needle:?} ×{times} (ended: {status:?}):\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Type on the terminal's keyboard ("\u{3}" is Ctrl-C).
    pub fn type_text(&mut self, text: &str) {
        self.master.write_all(text.as_bytes()).expect("type");
        self.master.flush().expect("flush");
    }

    /// Wait for fidoctl to end: how it ended, whether the terminal echoes again, and
    /// everything shown.
    pub fn finish(mut self) -> (std::process::ExitStatus, bool, String) {
        let left = self.deadline.saturating_duration_since(Instant::now());
        let Some(status) = wait_bounded(&mut self.child, left) else {
            let _ = self.child.kill();
            let _ = self.child.wait();
            panic!("fidoctl did not finish:\n{}", self.text());
        };
        let slave = self.slave.take().expect("terminal");
        // SAFETY: a zeroed termios for tcgetattr to fill in, from an open terminal.
        let mut settings: libc::termios = unsafe { std::mem::zeroed() };
        let rc = unsafe { libc::tcgetattr(std::os::fd::AsRawFd::as_raw_fd(&slave), &mut settings) };
        assert_eq!(rc, 0, "tcgetattr: {}", std::io::Error::last_os_error());
        drop(slave);
        if let Some(r) = self.reader.take() {
            r.join().expect("reader");
        }
        (status, settings.c_lflag & libc::ECHO != 0, self.text())
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
