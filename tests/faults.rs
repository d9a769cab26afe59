//! Fault injection: lost and garbled reports, keepalive storms, slow presence, a key unplugged
//! in the middle of a command. The rule: a clear error, no panic, nothing changed that was not
//! asked for.

mod common;

use common::cli::{fidoctl, run_cmd, TempKeys};
use fidoctl::client::ctaphid::{Channel, CtaphidError, Transaction};
use fidoctl::proto::ctaphid::{cmd, fragment, keepalive, Report, BROADCAST_CID};
use fidoctl::transport::in_process::InProcessDevice;
use fidoctl::transport::{HidDevice, TransportError};
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Wraps the in-process virtual key and spoils the reports it sends back.
struct Faulty {
    inner: InProcessDevice,
    received: usize,
    spoil: fn(usize, &mut Report) -> bool,
}

impl HidDevice for Faulty {
    fn write_report(&mut self, r: &Report) -> Result<(), TransportError> {
        self.inner.write_report(r)
    }
    fn read_report(&mut self, t: Duration) -> Result<Option<Report>, TransportError> {
        loop {
            let Some(mut r) = self.inner.read_report(t)? else { return Ok(None) };
            self.received += 1;
            // `spoil` returns false to drop the report altogether.
            if (self.spoil)(self.received, &mut r) {
                return Ok(Some(r));
            }
        }
    }
}

fn key_file(keys: &TempKeys) -> std::path::PathBuf {
    keys.create("key.json", &[]);
    keys.path("key.json")
}

fn get_info(channel: &mut Channel) -> Result<Vec<u8>, CtaphidError> {
    let mut t = Transaction::new(cmd::CBOR, &[0x04]);
    t.timeout = Duration::from_millis(800);
    channel.transact(t)
}

#[test]
fn a_lost_continuation_report_is_a_timeout_not_a_hang() {
    let keys = TempKeys::new();
    let path = key_file(&keys);
    // Report 1 answers INIT; report 3 is getInfo's second packet: lose it.
    let dev = Faulty { inner: InProcessDevice::open(&path).unwrap(), received: 0, spoil: |n, _| n != 3 };
    let mut channel = Channel::open(Box::new(dev)).expect("INIT");
    let err = get_info(&mut channel).expect_err("a message with a hole cannot complete");
    assert!(matches!(err, CtaphidError::Timeout(_) | CtaphidError::Framing(_)), "{err:?}");
}

#[test]
fn a_garbled_sequence_number_is_a_framing_error() {
    let keys = TempKeys::new();
    let path = key_file(&keys);
    let dev = Faulty {
        inner: InProcessDevice::open(&path).unwrap(),
        received: 0,
        spoil: |n, r| {
            if n == 3 {
                r[4] = 0x33; // a continuation packet claiming sequence 51
            }
            true
        },
    };
    let mut channel = Channel::open(Box::new(dev)).expect("INIT");
    let err = get_info(&mut channel).expect_err("garbled");
    assert_eq!(err.to_string(), "the key sent a garbled message: packet sequence 51 arrived where 0 was expected");
}

/// A device that answers INIT, then floods KEEPALIVE before its answer.
struct Storm {
    queue: std::collections::VecDeque<Report>,
}

impl HidDevice for Storm {
    fn write_report(&mut self, r: &Report) -> Result<(), TransportError> {
        if r[4] == 0x80 | cmd::INIT {
            let mut answer = r[7..15].to_vec();
            answer.extend_from_slice(&7u32.to_be_bytes());
            answer.extend_from_slice(&[2, 1, 0, 0, 0x05]);
            self.queue.extend(fragment(BROADCAST_CID, cmd::INIT, &answer).unwrap());
        } else if r[4] & 0x80 != 0 {
            for _ in 0..20_000 {
                self.queue.extend(fragment(7, cmd::KEEPALIVE, &[keepalive::PROCESSING]).unwrap());
            }
            self.queue.extend(fragment(7, cmd::CBOR, &[0x00]).unwrap());
        }
        Ok(())
    }
    fn read_report(&mut self, _t: Duration) -> Result<Option<Report>, TransportError> {
        Ok(self.queue.pop_front())
    }
}

#[test]
fn a_keepalive_storm_is_survived() {
    let mut channel = Channel::open(Box::new(Storm { queue: Default::default() })).expect("INIT");
    let mut seen = 0u32;
    let mut count = |_s: u8| seen += 1;
    let mut t = Transaction::new(cmd::CBOR, &[0x0B]);
    t.on_keepalive = Some(&mut count);
    t.timeout = Duration::from_secs(60);
    assert_eq!(channel.transact(t).expect("the answer after the storm"), vec![0x00]);
    assert_eq!(seen, 20_000);
}

#[test]
fn slow_presence_within_the_timeout_succeeds() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let out = run_cmd(fidoctl().env("FIDOCTL_VIRTUAL_PRESENCE", "delay:1500").args([
        "-d",
        &key.selector(),
        "test",
        "--timeout",
        "10",
    ]));
    out.success().stdout_has("PASSED");
}

#[test]
fn a_key_unplugged_mid_command_is_a_clear_device_error() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let socket = keys.path("k.sock");
    let mut server = Command::new(env!("CARGO_BIN_EXE_fidoctl"))
        .args(["virtual", "serve"])
        .arg(keys.path("key.json"))
        .arg("--socket")
        .arg(&socket)
        .env("FIDOCTL_VIRTUAL_PRESENCE", "delay:20000")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !socket.exists() {
        assert!(Instant::now() < deadline, "the server never listened");
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut client = Command::new(env!("CARGO_BIN_EXE_fidoctl"))
        .args(["-vv", "-d", &format!("unix:{}", socket.display()), "make-credential", "--rp", "unplug.example"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("client");
    // Wait until the key is waiting for the touch (a KEEPALIVE frame, bb 0001, in the -vv
    // trace), then unplug it.
    let mut stderr = client.stderr.take().expect("stderr");
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&seen).contains("bb0001") {
        let n = stderr.read(&mut buf).expect("read trace");
        assert!(n > 0, "the client ended before the key asked for a touch:\n{}", String::from_utf8_lossy(&seen));
        seen.extend_from_slice(&buf[..n]);
    }
    server.kill().expect("unplug");
    let _ = server.wait();
    let _ = stderr.read_to_end(&mut seen);
    let status = client.wait().expect("client ends");
    let text = String::from_utf8_lossy(&seen);
    assert_eq!(status.code(), Some(3), "{text}");
    assert!(text.contains("The security key was disconnected."), "{text}");
    assert!(!text.contains("panicked"), "{text}");
    // Nothing was registered: the key never got its touch.
    assert_eq!(key.state()["credentials"].as_array().map(Vec::len), Some(0));
}

/// Passes reports through until the host sends a clientPIN request; then the key is gone.
struct UnpluggedAtClientPin {
    inner: InProcessDevice,
    gone: bool,
}

impl HidDevice for UnpluggedAtClientPin {
    fn write_report(&mut self, r: &Report) -> Result<(), TransportError> {
        // An initialisation packet (command byte with the top bit) of CTAPHID_CBOR whose
        // payload starts with clientPIN (0x06).
        if r[4] == 0x80 | cmd::CBOR && r[7] == 0x06 {
            self.gone = true;
        }
        if self.gone {
            return Err(TransportError::Disconnected);
        }
        self.inner.write_report(r)
    }
    fn read_report(&mut self, t: Duration) -> Result<Option<Report>, TransportError> {
        if self.gone {
            return Err(TransportError::Disconnected);
        }
        self.inner.read_report(t)
    }
}

/// `info` reads the PIN retries after getInfo: a key pulled out right then is a device
/// problem (exit 3, device_disconnected) like everywhere else, not an unknown failure.
#[test]
fn info_on_a_key_unplugged_while_reading_pin_retries_is_device_disconnected() {
    use fidoctl::client::Authenticator;
    use fidoctl::transport::{Backend, DeviceDescription};
    let keys = TempKeys::new();
    let key = keys.create_with_pin("key.json", &[], "123456");
    let dev = UnpluggedAtClientPin { inner: InProcessDevice::open(&key.path).unwrap(), gone: false };
    let channel = Channel::open(Box::new(dev)).expect("INIT");
    let mut auth = Authenticator::new(channel, DeviceDescription::new(key.selector(), Backend::Virtual));
    let Err(failure) = fidoctl::commands::info::report(&mut auth) else { panic!("the key is gone") };
    assert_eq!((failure.exit_code, failure.code.as_str()), (3, "device_disconnected"), "{failure:?}");
    assert_eq!(failure.message, "The security key was disconnected.");
    assert_eq!(failure.hint.as_deref(), Some("Plug the key back in and run the command again."));
}

#[test]
fn ctrl_c_during_select_cancels_every_waiting_key() {
    let keys = TempKeys::new();
    let a = keys.create("a.json", &[]);
    let b = keys.create("b.json", &[]);
    let mut client = Command::new(env!("CARGO_BIN_EXE_fidoctl"))
        .args(["-vv", "-d", &a.selector(), "-d", &b.selector(), "select"])
        .env("FIDOCTL_VIRTUAL_PRESENCE", "delay:25000")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("select");
    // Both keys ask for a touch (a KEEPALIVE frame from each in the -vv trace)...
    let mut stderr = client.stderr.take().expect("stderr");
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    let waiting = |seen: &[u8]| {
        let text = String::from_utf8_lossy(seen);
        [a.selector(), b.selector()]
            .iter()
            .all(|s| text.lines().any(|l| l.contains(s.as_str()) && l.contains("bb0001")))
    };
    while !waiting(&seen) {
        let n = stderr.read(&mut buf).expect("read trace");
        assert!(n > 0, "select ended before both keys asked for a touch:\n{}", String::from_utf8_lossy(&seen));
        seen.extend_from_slice(&buf[..n]);
    }
    // ...then the user presses Ctrl-C.
    let interrupted =
        Command::new("kill").args(["-INT", &client.id().to_string()]).status().expect("kill -INT").success();
    assert!(interrupted);
    let _ = stderr.read_to_end(&mut seen);
    let status = client.wait().expect("select ends");
    let text = String::from_utf8_lossy(&seen);
    assert_eq!(status.code(), Some(5), "{text}");
    // Each key was sent CTAPHID_CANCEL (init packet 0x91) on its channel.
    for key in [a.selector(), b.selector()] {
        assert!(
            text.lines().any(|l| l.contains(key.as_str())
                && l.contains(">>")
                && l.split_whitespace().last().is_some_and(|h| h.get(8..10) == Some("91"))),
            "no CANCEL to {key}:\n{text}"
        );
    }
}
