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
    let (status, text) = common::trace::unplug_while_waiting_for_touch(&mut server, &mut client);
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

/// How a scripted key answers a CTAPHID_CBOR request (after a proper INIT on channel 7).
#[derive(Clone, Copy)]
enum Behaviour {
    /// One message on our channel with this payload.
    Answer(&'static [u8]),
    /// Nothing, ever.
    Silent,
    /// The first packet of a 200-byte answer, then nothing.
    Truncated,
    /// A whole answer, on another channel.
    WrongChannel,
    /// KEEPALIVE with this status for as long as the host listens.
    Keepalives(u8),
    /// A continuation packet with a sequence number out of order.
    Garbled,
}

struct Scripted {
    behaviour: Behaviour,
    queue: std::collections::VecDeque<Report>,
    answering: bool,
}

const SCRIPT_CID: u32 = 7;

impl HidDevice for Scripted {
    fn write_report(&mut self, r: &Report) -> Result<(), TransportError> {
        if r[4] == 0x80 | cmd::INIT {
            let mut answer = r[7..15].to_vec();
            answer.extend_from_slice(&SCRIPT_CID.to_be_bytes());
            answer.extend_from_slice(&[2, 1, 0, 0, 0x05]);
            self.queue.extend(fragment(BROADCAST_CID, cmd::INIT, &answer).unwrap());
        } else if r[4] == 0x80 | cmd::CBOR {
            self.answering = true;
            match self.behaviour {
                Behaviour::Answer(payload) => self.queue.extend(fragment(SCRIPT_CID, cmd::CBOR, payload).unwrap()),
                Behaviour::Truncated => {
                    self.queue.push_back(fragment(SCRIPT_CID, cmd::CBOR, &[0u8; 200]).unwrap()[0]);
                }
                Behaviour::WrongChannel => self.queue.extend(fragment(SCRIPT_CID + 1, cmd::CBOR, &[0x00]).unwrap()),
                Behaviour::Garbled => {
                    let mut reports = fragment(SCRIPT_CID, cmd::CBOR, &[0u8; 200]).unwrap();
                    reports[1][4] = 0x33;
                    self.queue.extend(reports);
                }
                Behaviour::Silent | Behaviour::Keepalives(_) => {}
            }
        }
        Ok(())
    }
    fn read_report(&mut self, t: Duration) -> Result<Option<Report>, TransportError> {
        if let Some(r) = self.queue.pop_front() {
            return Ok(Some(r));
        }
        match self.behaviour {
            Behaviour::Keepalives(status) if self.answering => {
                std::thread::sleep(t.min(Duration::from_millis(20)));
                Ok(Some(fragment(SCRIPT_CID, cmd::KEEPALIVE, &[status]).unwrap()[0]))
            }
            _ => {
                std::thread::sleep(t);
                Ok(None)
            }
        }
    }
}

fn scripted(behaviour: Behaviour) -> fidoctl::client::Authenticator {
    use fidoctl::transport::{Backend, DeviceDescription};
    let dev = Scripted { behaviour, queue: Default::default(), answering: false };
    let channel = Channel::open(Box::new(dev)).expect("INIT");
    let mut auth =
        fidoctl::client::Authenticator::new(channel, DeviceDescription::new("unix:/scripted", Backend::Unix));
    auth.set_touch_timeout(Duration::from_secs(1));
    auth
}

/// The commands that wait for a touch: (name, CTAP2 command byte).
const TOUCH_COMMANDS: [(&str, u8); 4] =
    [("makeCredential", 0x01), ("getAssertion", 0x02), ("selection", 0x0B), ("reset", 0x07)];

fn touch_call(behaviour: Behaviour, command: u8) -> fidoctl::commands::failure::Failure {
    let mut auth = scripted(behaviour);
    let how = fidoctl::client::Call { may_need_touch: true, sensitive: false };
    let params = ciborium::value::Value::Map(vec![]);
    let err = auth.call(command, Some(&params), how).expect_err("a broken key cannot succeed");
    fidoctl::commands::failure::Failure::from(err)
}

/// Before: selection and reset took status OK with any body (junk, a getInfo map) as success.
#[test]
fn selection_and_reset_answered_with_a_body_are_not_success() {
    let get_info_map: &'static [u8] = &[0x00, 0xA1, 0x01, 0x81, 0x68, b'F', b'I', b'D', b'O', b'_', b'2', b'_', b'0'];
    let junk: &'static [u8] = &[0x00, 0xFF, 0x13, 0x37];
    let wrong_type: &'static [u8] = &[0x00, 0x18, 0x2A];
    for body in [get_info_map, junk, wrong_type] {
        let err = scripted(Behaviour::Answer(body)).selection().expect_err("selection answers nothing on success");
        assert!(matches!(err, fidoctl::client::ClientError::Malformed(_)), "{body:02x?}: {err:?}");
        let err = fidoctl::client::config::reset(&mut scripted(Behaviour::Answer(body)))
            .expect_err("reset answers nothing on success");
        assert!(matches!(err, fidoctl::client::ClientError::Malformed(_)), "{body:02x?}: {err:?}");
        let failure = fidoctl::commands::failure::Failure::from(err);
        assert_eq!((failure.exit_code, failure.code.as_str()), (1, "malformed_answer"));
    }
    // A plain OK is still success.
    scripted(Behaviour::Answer(&[0x00])).selection().expect("OK with no body");
    fidoctl::client::config::reset(&mut scripted(Behaviour::Answer(&[0x00]))).expect("OK with no body");
}

const FAULTY_HINT: &str =
    "Unplug the key, plug it back in and try again; if it keeps happening, try another USB port, then another key.";

/// Before: a silent key, a cut-off message or an answer on another channel was "Nobody touched
/// the security key within 1 second" (exit 5) for every command that waits for a touch.
#[test]
fn a_silent_or_truncated_key_is_a_device_fault_not_a_missing_touch() {
    for behaviour in [Behaviour::Silent, Behaviour::Truncated, Behaviour::WrongChannel] {
        for (name, command) in TOUCH_COMMANDS {
            let f = touch_call(behaviour, command);
            assert_eq!((f.exit_code, f.code.as_str()), (3, "no_answer"), "{name}: {f:?}");
            assert_eq!(
                f.message,
                "The security key stopped answering: it sent no complete answer for 1 second and never asked for a touch. The key or its connection is faulty.",
                "{name}"
            );
            assert_eq!(f.hint.as_deref(), Some(FAULTY_HINT));
        }
    }
}

/// Before: endless KEEPALIVE "processing" ended as "Nobody touched the security key" (exit 5).
#[test]
fn endless_keepalive_processing_is_a_stuck_key() {
    for (name, command) in TOUCH_COMMANDS {
        let f = touch_call(Behaviour::Keepalives(fidoctl::proto::ctaphid::keepalive::PROCESSING), command);
        assert_eq!((f.exit_code, f.code.as_str()), (3, "device_stuck"), "{name}: {f:?}");
        assert_eq!(
            f.message,
            "The security key kept saying it was busy for 1 second but never answered and never asked for a touch. The key is faulty or stuck.",
            "{name}"
        );
        assert_eq!(f.hint.as_deref(), Some(FAULTY_HINT));
    }
}

/// Before: a garbled key was exit 1; it is a device fault.
#[test]
fn a_garbled_answer_is_a_device_fault() {
    for (name, command) in TOUCH_COMMANDS {
        let f = touch_call(Behaviour::Garbled, command);
        assert_eq!((f.exit_code, f.code.as_str()), (3, "protocol_error"), "{name}: {f:?}");
        assert_eq!(
            f.message,
            "The security key's answer made no sense: the key sent a garbled message: packet sequence 51 arrived where 0 was expected. The key or its connection is faulty.",
        );
    }
}

/// Only a key that keeps asking for a touch until the timeout means nobody touched it.
#[test]
fn endless_upneeded_is_a_missing_touch() {
    for (name, command) in TOUCH_COMMANDS {
        let f = touch_call(Behaviour::Keepalives(fidoctl::proto::ctaphid::keepalive::UPNEEDED), command);
        assert_eq!((f.exit_code, f.code.as_str()), (5, "touch_timeout"), "{name}: {f:?}");
        assert_eq!(f.message, "Nobody touched the security key within 1 second.");
    }
}
