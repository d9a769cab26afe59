//! Running the built `fidoctl` binary: a clean environment, temp virtual keys, and the
//! output of one run with assertions that print everything when they fail (also on the
//! JSON documents of a success or a failure).

use super::schema::{ErrorDocument, InfoDocument};
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const FIDOCTL: &str = env!("CARGO_BIN_EXE_fidoctl");

/// A bound on one run, so a hang fails the test instead of wedging CI.
pub const RUN_TIMEOUT: Duration = Duration::from_secs(60);

// --- running the binary ----------------------------------------------------------------------------

/// A command for `program` (fidoctl, or what runs it: `script`, `bash`) without any
/// FIDOCTL_* variable of this process's environment (FIDOCTL_DEVICE, FIDOCTL_PIN,
/// FIDOCTL_VIRTUAL_PRESENCE, FIDOCTL_JOURNAL, ...), so a developer's shell cannot leak into a
/// test, and with XDG_STATE_HOME under the build's temp dir, so no test writes to the
/// developer's own journal. (Tests on a [`VirtualKeyFile`] get a journal in their own temp
/// dir; see [`VirtualKeyFile::journal`].)
pub fn clean_command(program: impl AsRef<std::ffi::OsStr>) -> std::process::Command {
    let mut cmd = std::process::Command::new(program);
    for (name, _) in std::env::vars_os().filter(|(name, _)| name.to_string_lossy().starts_with("FIDOCTL_")) {
        cmd.env_remove(name);
    }
    cmd.env("XDG_STATE_HOME", test_state_home());
    cmd
}

/// XDG_STATE_HOME for runs that have no temp dir of their own: in cargo's temp dir for
/// integration tests (target/tmp), never the developer's home.
pub fn test_state_home() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("fidoctl-test-state")
}

/// The binary with a clean environment ([`clean_command`]) and a timeout. Standard input is
/// an empty pipe (never a terminal), as in CI.
pub fn fidoctl() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::from_std(clean_command(FIDOCTL));
    cmd.timeout(RUN_TIMEOUT);
    cmd
}

/// Wait for `child` at most `limit`: its exit status, or `None` if it is still running (the
/// caller decides whether to kill it, and what that means).
pub fn wait_bounded(child: &mut std::process::Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let deadline = std::time::Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().expect("wait for a child process") {
            return Some(status);
        }
        if std::time::Instant::now() > deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
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

/// `fidoctl -d SELECTOR ARGS...` with `env` added to the clean environment.
pub fn run_on(selector: &str, env: &[(&str, &str)], args: &[&str]) -> Run {
    run_cmd(&mut command_on(selector, env, args))
}

/// [`run_on`] with `stdin` as standard input (still a pipe, never a terminal).
pub fn run_on_with_stdin(selector: &str, env: &[(&str, &str)], args: &[&str], stdin: &str) -> Run {
    let mut cmd = command_on(selector, env, args);
    cmd.write_stdin(stdin.as_bytes().to_vec());
    run_cmd(&mut cmd)
}

fn command_on(selector: &str, env: &[(&str, &str)], args: &[&str]) -> assert_cmd::Command {
    let mut cmd = fidoctl();
    cmd.envs(env.iter().copied()).args(["-d", selector]).args(args);
    cmd
}

/// `fidoctl virtual SUB PATH EXTRA...`
pub fn run_virtual(sub: &str, path: &Path, extra: &[&str]) -> Run {
    let mut cmd = fidoctl();
    cmd.args(["virtual", sub]).arg(path).args(extra);
    run_cmd(&mut cmd)
}

/// Tests that let fidoctl scan HID run only where that finds nothing (no hidraw node at all).
pub fn no_hid_devices_here() -> bool {
    std::fs::read_dir("/sys/class/hidraw").map(|mut d| d.next().is_none()).unwrap_or(true)
}

// --- one finished run ------------------------------------------------------------------------------

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

    /// A successful run's stdout as document `T`, whose `schema_version` must be 1.
    #[track_caller]
    pub fn doc<T: DeserializeOwned>(&self) -> T {
        self.success();
        assert_eq!(self.value()["schema_version"], 1, "schema_version\n{}", self.context());
        self.json()
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

// --- what a run printed ----------------------------------------------------------------------------

/// `info --json` on `selector`, which must succeed: a FIDO2 key's, with getInfo and PIN state.
#[track_caller]
pub fn info_on(selector: &str) -> InfoDocument {
    let run = run_on(selector, &[], &["info", "--json"]);
    let doc: InfoDocument = run.doc();
    assert!(
        doc.info.is_some() && doc.pin.is_some(),
        "a FIDO2 key's info has getInfo and PIN state\n{}",
        run.describe()
    );
    doc
}

/// The error document a failed `--json` run prints: the exit status, `exit_code` in the
/// document, and the sentence repeated on stderr (`fidoctl: MESSAGE`) for the person watching.
#[track_caller]
pub fn error_doc(run: &Run, exit: i32) -> ErrorDocument {
    run.expect_code(exit);
    let doc: ErrorDocument = run.json();
    assert_eq!(doc.schema_version, 1);
    assert_eq!(i32::from(doc.error.exit_code), exit, "exit_code in the document\n{}", run.describe());
    assert!(!doc.error.message.is_empty(), "an error says what went wrong\n{}", run.describe());
    let first = doc.error.message.lines().next().unwrap_or_default();
    run.stderr_has(&format!("fidoctl: {first}")).stderr_has(&doc.error.message);
    doc
}

/// [`error_doc`] with its `code`.
#[track_caller]
pub fn expect_error(run: &Run, exit: i32, code: &str) -> ErrorDocument {
    let doc = error_doc(run, exit);
    assert_eq!(doc.error.code, code, "error code\n{}", run.describe());
    doc
}

/// Fail unless the run failed with exactly `fidoctl: MESSAGE` and `HINT` on stderr and
/// nothing on stdout.
#[track_caller]
pub fn assert_failure_text(run: &Run, exit: i32, message: &str, hint: &str) {
    run.expect_code(exit);
    assert_eq!(run.stderr, format!("fidoctl: {message}\n{hint}\n"), "stderr\n{}", run.describe());
    assert!(run.stdout.is_empty(), "nothing on stdout\n{}", run.describe());
}

/// The value printed after a label in `info`'s text output ("PIN    set, 8 attempts left").
#[track_caller]
pub fn text_field(run: &Run, label: &str) -> String {
    run.stdout
        .lines()
        .find_map(|l| l.strip_prefix(label).filter(|rest| rest.starts_with("  ")).map(|rest| rest.trim().to_string()))
        .unwrap_or_else(|| panic!("no {label:?} line in info\n{}", run.describe()))
}

// --- virtual keys in a temp dir ---------------------------------------------------------------------

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
        run_virtual("create", &path, args).success();
        VirtualKeyFile { path }
    }

    /// [`TempKeys::create`], then `pin set` to `pin`.
    #[track_caller]
    pub fn create_with_pin(&self, name: &str, args: &[&str], pin: &str) -> VirtualKeyFile {
        let key = self.create(name, args);
        key.set_pin(pin);
        key
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
        self.run_env(&[], args)
    }

    /// [`VirtualKeyFile::run`] with `env` (e.g. FIDOCTL_VIRTUAL_PRESENCE, which the
    /// in-process virtual key reads from fidoctl's own environment). The journal is
    /// [`VirtualKeyFile::journal`] unless `env` names another.
    pub fn run_env(&self, env: &[(&str, &str)], args: &[&str]) -> Run {
        let journal = self.journal();
        let mut all = vec![("FIDOCTL_JOURNAL", journal.to_str().expect("UTF-8 temp path"))];
        all.extend_from_slice(env);
        run_on(&self.selector(), &all, args)
    }

    /// The journal that runs on this key write to: `journal.jsonl` beside the state file (in
    /// the test's temp dir).
    pub fn journal(&self) -> PathBuf {
        self.path.with_file_name("journal.jsonl")
    }

    /// [`VirtualKeyFile::run`] with the PIN in FIDOCTL_PIN (never on the command line).
    pub fn run_with_pin(&self, pin: &str, args: &[&str]) -> Run {
        self.run_env(&[("FIDOCTL_PIN", pin)], args)
    }

    /// `pin set`, the new PIN from FIDOCTL_NEW_PIN, which must succeed.
    #[track_caller]
    pub fn set_pin(&self, pin: &str) {
        self.run_env(&[("FIDOCTL_NEW_PIN", pin)], &["pin", "set"]).success();
    }
}
