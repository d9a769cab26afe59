//! Debian's unmodified libfido2 tools and OpenSSH against `fidoctl virtual serve`, through
//! the LD_PRELOAD shim in tests/libfido2/socket_shim.c (compiled here with `cc`).
//!
//! Every tool runs in a new session (`setsid`), so it has no controlling terminal: libfido2's
//! readpassphrase then reads the PIN from standard input, and ssh-keygen asks SSH_ASKPASS
//! (forced), a script that prints the PIN. Nothing can prompt the developer's terminal.
//! A missing tool is a failure that names the Debian package, never a skip.

use super::cli::wait_bounded;
use super::interop::VirtualKeyServer;
use std::fs::File;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::Duration;

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");
/// A bound on one tool run: a wedged exchange fails the test instead of hanging CI.
pub const TOOL_TIMEOUT: Duration = Duration::from_secs(120);
/// The variable the shim reads: the socket that stands for the one device.
pub const SHIM_SOCKET_VAR: &str = "FIDOCTL_LIBFIDO2_SOCKET";
/// What `.ci/run` installs, for the failure messages.
pub const PACKAGES: &str = "fido2-tools libfido2-dev openssh-client gcc";

/// Where `program` is on PATH (or the absolute path itself); a failure naming `package`.
pub fn require(program: &str, package: &str) -> PathBuf {
    let found = if program.starts_with('/') {
        Some(PathBuf::from(program)).filter(|p| p.exists())
    } else {
        std::env::var_os("PATH")
            .and_then(|path| std::env::split_paths(&path).map(|dir| dir.join(program)).find(|p| p.is_file()))
    };
    found.unwrap_or_else(|| {
        panic!(
            "the interop tests need {program}, from the Debian package {package}, and it is not installed: \
             run `apt-get install {package}` (bash .ci/run installs {PACKAGES})"
        )
    })
}

/// The host side of one served key: the compiled shim, a working directory (also HOME), and
/// the PIN the askpass script gives ssh-keygen.
pub struct Host {
    shim: PathBuf,
    socket: PathBuf,
    work: tempfile::TempDir,
}

/// One finished tool run.
pub struct ToolRun {
    pub what: String,
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Host {
    /// Compile the shim against libfido2-dev and point it at `server`'s socket.
    pub fn new(server: &VirtualKeyServer) -> Host {
        require("setsid", "util-linux");
        let cc = require("cc", "gcc");
        let work = tempfile::tempdir().expect("temp dir for the host tools");
        if !Path::new("/usr/include/fido.h").exists() {
            panic!(
                "the interop tests compile a shim against libfido2's header /usr/include/fido.h, which is missing: \
                 run `apt-get install libfido2-dev` (bash .ci/run installs {PACKAGES})"
            );
        }
        let shim = work.path().join("fidoctl_socket_shim.so");
        let source = Path::new(MANIFEST_DIR).join("tests/libfido2/socket_shim.c");
        let out = Command::new(cc)
            .args(["-shared", "-fPIC", "-O1", "-Wall", "-Wextra", "-Werror", "-o"])
            .arg(&shim)
            .arg(&source)
            .args(["-lfido2", "-ldl"])
            .output()
            .expect("run cc");
        assert!(
            out.status.success(),
            "compiling {} failed (needs gcc and libfido2-dev):\n{}",
            source.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        Host { shim, socket: server.socket().to_path_buf(), work }
    }

    /// The device path the tools are given (the socket path; the shim knows it).
    pub fn device(&self) -> String {
        self.socket.to_string_lossy().into_owned()
    }

    /// The working directory (files the tools read and write; HOME for ssh-keygen).
    pub fn dir(&self) -> &Path {
        self.work.path()
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.work.path().join(name)
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, text).expect("write a tool input file");
        path
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap_or_else(|e| panic!("read {name}: {e}"))
    }

    /// Run `program ARGS` in the working directory (in `cwd` below it when given), `stdin`
    /// fed to it (the PINs libfido2's tools ask for, one a line), `askpass_pin` what
    /// ssh-keygen's askpass answers. Bounded by [`TOOL_TIMEOUT`].
    pub fn run_in(&self, cwd: &Path, program: &str, args: &[&str], stdin: &str, askpass_pin: &str) -> ToolRun {
        let askpass = self.path("askpass.sh");
        // The PIN goes in a file the script prints, not into the environment.
        let pin_file = self.path("askpass.pin");
        std::fs::write(&pin_file, format!("{askpass_pin}\n")).expect("write the askpass PIN");
        std::fs::write(&askpass, format!("#!/bin/sh\ncat '{}'\n", pin_file.display())).expect("write askpass");
        std::fs::set_permissions(&askpass, std::fs::Permissions::from_mode(0o700)).expect("chmod askpass");

        let what = format!("{program} {}", args.join(" "));
        let out_path = self.path("tool.out");
        let err_path = self.path("tool.err");
        let mut child = Command::new("setsid")
            .arg("-w")
            .arg(program)
            .args(args)
            .current_dir(cwd)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir())
            .env("LD_PRELOAD", &self.shim)
            .env(SHIM_SOCKET_VAR, &self.socket)
            .env("SSH_ASKPASS", &askpass)
            .env("SSH_ASKPASS_REQUIRE", "force")
            .stdin(Stdio::piped())
            .stdout(File::create(&out_path).expect("tool stdout file"))
            .stderr(File::create(&err_path).expect("tool stderr file"))
            .spawn()
            .unwrap_or_else(|e| panic!("could not run {what}: {e}"));
        {
            let mut input = child.stdin.take().expect("tool stdin");
            // A tool that exits before reading closes the pipe; its status says why.
            let _ = input.write_all(stdin.as_bytes());
        }
        let status = match wait_bounded(&mut child, TOOL_TIMEOUT) {
            Some(status) => status,
            None => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("{what} did not finish within {TOOL_TIMEOUT:?}");
            }
        };
        let text = |p: &Path| std::fs::read(p).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
        ToolRun { what, status, stdout: text(&out_path), stderr: text(&err_path) }
    }

    /// [`Host::run_in`] in the working directory.
    pub fn run(&self, program: &str, args: &[&str], stdin: &str) -> ToolRun {
        self.run_in(self.dir(), program, args, stdin, "")
    }

    /// fido2-token / fido2-cred / fido2-assert with `args` then the device path.
    pub fn fido2(&self, program: &str, args: &[&str], stdin: &str) -> ToolRun {
        require(program, "fido2-tools");
        let device = self.device();
        let mut all = args.to_vec();
        all.push(&device);
        self.run(program, &all, stdin)
    }

    /// ssh-keygen ARGS in `cwd`, the askpass answering `pin`.
    pub fn ssh_keygen(&self, cwd: &Path, args: &[&str], pin: &str) -> ToolRun {
        require("ssh-keygen", "openssh-client");
        require("/usr/lib/openssh/ssh-sk-helper", "openssh-client");
        self.run_in(cwd, "ssh-keygen", args, "", pin)
    }
}

impl ToolRun {
    fn describe(&self, server: &VirtualKeyServer) -> String {
        format!(
            "{} ({}):\n--- stdout ---\n{}\n--- stderr ---\n{}\n--- fidoctl virtual serve log ---\n{}",
            self.what,
            self.status,
            self.stdout,
            self.stderr,
            server.log_text()
        )
    }

    /// Its standard output, failing the test (with everything printed) unless it succeeded.
    pub fn ok(&self, server: &VirtualKeyServer) -> &str {
        assert!(self.status.success(), "expected success: {}", self.describe(server));
        &self.stdout
    }

    /// Its standard error, failing the test unless it failed.
    pub fn failed(&self, server: &VirtualKeyServer) -> &str {
        assert!(!self.status.success(), "expected a failure: {}", self.describe(server));
        &self.stderr
    }
}
