//! Running the built `fidoctl` binary: a clean environment, temp virtual keys, and the
//! output of one run with assertions that print everything when they fail.

use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const FIDOCTL: &str = env!("CARGO_BIN_EXE_fidoctl");

/// A bound on one run, so a hang fails the test instead of wedging CI.
pub const RUN_TIMEOUT: Duration = Duration::from_secs(60);

/// Variables that change what fidoctl does; removed so a developer's shell cannot leak in.
pub const FIDOCTL_ENV: &[&str] = &[
    "FIDOCTL_DEVICE",
    "FIDOCTL_PIN",
    "FIDOCTL_NEW_PIN",
    "FIDOCTL_VIRTUAL_PRESENCE",
    "FIDOCTL_VIRTUAL_REPORT_LATENCY_US",
];

/// The binary with a clean environment and a timeout. Standard input is an empty pipe
/// (never a terminal), as in CI.
pub fn fidoctl() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(FIDOCTL);
    for var in FIDOCTL_ENV {
        cmd.env_remove(var);
    }
    cmd.timeout(RUN_TIMEOUT);
    cmd
}

/// Run `fidoctl ARGS...` (clean environment) and collect its output.
pub fn run<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut cmd = fidoctl();
    cmd.args(args);
    run_cmd(&mut cmd)
}

/// Run a prepared command (e.g. from [`fidoctl`] with extra environment).
pub fn run_cmd(cmd: &mut assert_cmd::Command) -> Run {
    let described = format!("{cmd:?}");
    let out = cmd.output().unwrap_or_else(|e| panic!("could not run {described}: {e}"));
    Run {
        command: described,
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// One finished run.
#[derive(Debug)]
pub struct Run {
    pub command: String,
    /// `None` when it was killed (by the timeout, or a signal).
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn context(&self) -> String {
        format!(
            "command: {}\nexit: {:?}\n--- stdout ---\n{}--- stderr ---\n{}",
            self.command, self.code, self.stdout, self.stderr
        )
    }

    /// Fail unless it exited with `code`.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(self.code, Some(code), "unexpected exit status\n{}", self.context());
        self
    }

    #[track_caller]
    pub fn success(&self) -> &Self {
        self.expect_code(0)
    }

    /// Fail unless stdout contains `needle`.
    #[track_caller]
    pub fn stdout_has(&self, needle: &str) -> &Self {
        assert!(self.stdout.contains(needle), "stdout lacks {needle:?}\n{}", self.context());
        self
    }

    /// Fail unless stderr contains `needle`.
    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Self {
        assert!(self.stderr.contains(needle), "stderr lacks {needle:?}\n{}", self.context());
        self
    }

    /// Fail if either stream contains `needle` (e.g. a PIN that must never be echoed).
    #[track_caller]
    pub fn never_shows(&self, needle: &str) -> &Self {
        assert!(
            !self.stdout.contains(needle) && !self.stderr.contains(needle),
            "the output shows {needle:?}\n{}",
            self.context()
        );
        self
    }

    /// Decode stdout as one JSON document into a test-side struct.
    #[track_caller]
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!("stdout is not the expected JSON document ({}): {e}\n{}", std::any::type_name::<T>(), self.context())
        })
    }

    /// Stdout as untyped JSON.
    #[track_caller]
    pub fn value(&self) -> serde_json::Value {
        self.json()
    }

    /// A value for an assertion message.
    pub fn describe(&self) -> String {
        self.context()
    }
}

/// `virtual:PATH`, the selector for a virtual key's state file.
pub fn virtual_selector(path: &Path) -> String {
    format!("virtual:{}", path.display())
}

/// A temp dir for virtual keys; everything in it goes when this is dropped.
pub struct TempKeys {
    dir: tempfile::TempDir,
}

impl Default for TempKeys {
    fn default() -> Self {
        Self::new()
    }
}

impl TempKeys {
    pub fn new() -> Self {
        TempKeys { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside the temp dir (nothing is created).
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `fidoctl virtual create DIR/NAME ARGS...`, which must succeed.
    #[track_caller]
    pub fn create(&self, name: &str, args: &[&str]) -> VirtualKeyFile {
        let path = self.path(name);
        let mut all: Vec<&std::ffi::OsStr> = vec!["virtual".as_ref(), "create".as_ref(), path.as_os_str()];
        all.extend(args.iter().map(|a| std::ffi::OsStr::new(*a)));
        run(all).success();
        VirtualKeyFile { path }
    }
}

/// A virtual key's state file.
#[derive(Debug, Clone)]
pub struct VirtualKeyFile {
    pub path: PathBuf,
}

impl VirtualKeyFile {
    /// `virtual:PATH`
    pub fn selector(&self) -> String {
        virtual_selector(&self.path)
    }

    /// The state file as untyped JSON (its layout belongs to the virtual key; tests read only
    /// a few documented facts from it).
    #[track_caller]
    pub fn state(&self) -> serde_json::Value {
        let text = std::fs::read_to_string(&self.path).expect("read state file");
        serde_json::from_str(&text).expect("state file is JSON")
    }

    pub fn bytes(&self) -> Vec<u8> {
        std::fs::read(&self.path).expect("read state file")
    }

    /// `fidoctl -d virtual:PATH ARGS...`
    pub fn run(&self, args: &[&str]) -> Run {
        let device = self.selector();
        let mut all = vec!["-d", device.as_str()];
        all.extend_from_slice(args);
        run(all)
    }
}
