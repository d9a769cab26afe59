//! Shared pieces of the interop tests: find the venv python, serve a fresh virtual key on a
//! socket, run a python-fido2 test file against it.

use super::cli::{clean_command, run_virtual, wait_bounded, FIDOCTL};
use std::fs::File;
use std::os::unix::fs::FileTypeExt;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");
/// How long `virtual serve` may take to start listening.
pub const SERVER_START_TIMEOUT: Duration = Duration::from_secs(10);
/// A bound on one python run, so a wedged test fails instead of hanging CI.
pub const PYTHON_TIMEOUT: Duration = Duration::from_secs(300);

/// The interop venv's python: $FIDOCTL_INTEROP_PYTHON, else .venv/bin/python at the
/// repository top. Missing or without fido2 is a failure, never a skip: CI sets it up first.
pub fn python() -> PathBuf {
    let python = match std::env::var_os("FIDOCTL_INTEROP_PYTHON") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => Path::new(MANIFEST_DIR).join(".venv/bin/python"),
    };
    let hint = "run tests/interop/setup_venv.sh (it creates .venv with the pinned python-fido2), \
                or point FIDOCTL_INTEROP_PYTHON at a python that has it";
    if !python.exists() {
        panic!("interop tests need a python with python-fido2, and {} does not exist: {hint}", python.display());
    }
    let check = Command::new(&python)
        .args(["-c", "import fido2.hid.base, pytest"])
        .output()
        .unwrap_or_else(|e| panic!("could not run {}: {e}; {hint}", python.display()));
    if !check.status.success() {
        panic!(
            "{} cannot import fido2 and pytest: {hint}\n{}",
            python.display(),
            String::from_utf8_lossy(&check.stderr)
        );
    }
    python
}

/// A virtual key in a temp dir, served on a socket by `fidoctl virtual serve` until dropped
/// (also when the test panics).
pub struct VirtualKeyServer {
    child: Child,
    socket: PathBuf,
    key_file: PathBuf,
    log: PathBuf,
    // Last, so the server is killed (in Drop) before its directory goes.
    dir: tempfile::TempDir,
}

impl VirtualKeyServer {
    /// A fresh key with the default profile.
    pub fn start() -> Self {
        Self::start_with(&[])
    }

    /// A fresh key, `create_args` passed to `virtual create` (e.g. `["--profile", "ctap2.0"]`).
    pub fn start_with(create_args: &[&str]) -> Self {
        Self::start_with_env(create_args, &[])
    }

    /// A fresh key, `create_args` passed to `virtual create` and `env` set for the server
    /// (e.g. `[("FIDOCTL_VIRTUAL_PRESENCE", "deny")]`). Other FIDOCTL_* variables of the
    /// caller's environment are removed, so a developer's shell cannot change the key.
    pub fn start_with_env(create_args: &[&str], env: &[(&str, &str)]) -> Self {
        Self::start_prepared(create_args, env, |_| {})
    }

    /// As [`Self::start_with_env`], with `prepare` run on the state file between `virtual
    /// create` and `virtual serve` (for knobs the command line does not offer yet).
    pub fn start_prepared(create_args: &[&str], env: &[(&str, &str)], prepare: impl FnOnce(&Path)) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let key_file = dir.path().join("key.json");
        let socket = dir.path().join("k.sock");
        let log = dir.path().join("serve.log");

        run_virtual("create", &key_file, create_args).success();
        prepare(&key_file);

        // The log goes to a file, not a pipe nobody drains, so the server never blocks on it.
        let log_file = File::create(&log).expect("server log file");
        let child = clean_command(FIDOCTL)
            .args(["virtual", "serve"])
            .arg(&key_file)
            .arg("--socket")
            .arg(&socket)
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().expect("clone log handle"))
            .stderr(log_file)
            .spawn()
            .expect("spawn fidoctl virtual serve");

        let mut server = VirtualKeyServer { child, socket, key_file, log, dir };
        server.wait_until_listening();
        server
    }

    /// Bounded wait for the socket to accept. The probe connection is a plug-in followed by
    /// an unplug, which the server must take in its stride anyway.
    fn wait_until_listening(&mut self) {
        let deadline = Instant::now() + SERVER_START_TIMEOUT;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("fidoctl virtual serve exited ({status}) before listening:\n{}", self.log_text());
            }
            let is_socket = std::fs::metadata(&self.socket).is_ok_and(|m| m.file_type().is_socket());
            if is_socket && UnixStream::connect(&self.socket).is_ok() {
                return;
            }
            if Instant::now() > deadline {
                panic!(
                    "fidoctl virtual serve did not listen on {} within {:?}:\n{}",
                    self.socket.display(),
                    SERVER_START_TIMEOUT,
                    self.log_text()
                );
            }
            sleep(Duration::from_millis(20));
        }
    }

    pub fn socket(&self) -> &Path {
        &self.socket
    }

    pub fn key_file(&self) -> &Path {
        &self.key_file
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// What the server printed so far.
    pub fn log_text(&self) -> String {
        std::fs::read(&self.log).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
    }
}

impl Drop for VirtualKeyServer {
    fn drop(&mut self) {
        // Errors here mean it already exited; nothing to clean up then.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One finished python run.
pub struct PythonRun {
    pub status: ExitStatus,
    pub output: String,
    pub timed_out: bool,
}

/// Run `python -m pytest` on `test_file` (relative to the repository top) with
/// FIDOCTL_SOCKET pointing at `server`, bounded by [`PYTHON_TIMEOUT`].
pub fn run_pytest(python: &Path, test_file: &str, server: &VirtualKeyServer) -> PythonRun {
    run_pytest_with(python, test_file, &[], &[], server)
}

/// [`run_pytest`] with extra pytest arguments (e.g. `["-k", "virtual_key"]`) and extra
/// environment for the python side (e.g. what the key is expected to say).
pub fn run_pytest_with(
    python: &Path,
    test_file: &str,
    extra_args: &[&str],
    env: &[(&str, &str)],
    server: &VirtualKeyServer,
) -> PythonRun {
    // -p no:cacheprovider and no bytecode: leave nothing behind in the source tree.
    let mut args = vec!["-m", "pytest", "-p", "no:cacheprovider", "-q", "-rs", "--color=no"];
    args.extend_from_slice(extra_args);
    args.push(test_file);
    run_python_with(python, &args, env, server)
}

/// Run `python ARGS...` from the repository top with FIDOCTL_SOCKET set, output captured.
pub fn run_python(python: &Path, args: &[&str], server: &VirtualKeyServer) -> PythonRun {
    run_python_with(python, args, &[], server)
}

/// [`run_python`] with extra environment.
pub fn run_python_with(python: &Path, args: &[&str], env: &[(&str, &str)], server: &VirtualKeyServer) -> PythonRun {
    let out_path = server.dir().join(format!("python-{}.log", std::process::id()));
    let out = File::create(&out_path).expect("python log file");
    let mut child = Command::new(python)
        .args(args)
        .current_dir(MANIFEST_DIR)
        .env("FIDOCTL_SOCKET", server.socket())
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("PYTHONUNBUFFERED", "1")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(out.try_clone().expect("clone log handle"))
        .stderr(out)
        .spawn()
        .unwrap_or_else(|e| panic!("could not run {}: {e}", python.display()));

    let (status, timed_out) = match wait_bounded(&mut child, PYTHON_TIMEOUT) {
        Some(status) => (status, false),
        None => {
            let _ = child.kill();
            (child.wait().expect("wait for killed python"), true)
        }
    };
    let output = std::fs::read(&out_path).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    PythonRun { status, output, timed_out }
}

impl PythonRun {
    /// Fail the test with python's output and the server's log unless python succeeded.
    pub fn assert_success(&self, server: &VirtualKeyServer) {
        assert!(
            self.status.success() && !self.timed_out,
            "python {} ({}):\n--- python output ---\n{}\n--- fidoctl virtual serve log ---\n{}",
            if self.timed_out { "timed out" } else { "failed" },
            self.status,
            self.output,
            server.log_text()
        );
    }

    /// [`PythonRun::assert_success`], and pytest ran exactly `expected` tests (its summary line
    /// starts "N passed"; `None`: any number) and skipped none: a test that quietly skips
    /// (a missing fixture, a wrong `-k`) proves nothing.
    pub fn assert_passed(&self, server: &VirtualKeyServer, expected: Option<usize>, what: &str) {
        self.assert_success(server);
        let passed = match expected {
            Some(n) => self.output.lines().any(|l| l.starts_with(&format!("{n} passed"))),
            None => self.output.contains("passed"),
        };
        assert!(
            passed && !self.output.contains("skipped"),
            "{what}: {} must run and pass, none skip:\n{}",
            expected.map_or("the tests".to_string(), |n| format!("exactly {n} test(s)")),
            self.output
        );
    }
}
