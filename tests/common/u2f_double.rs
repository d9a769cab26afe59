//! A U2F-only security key (no CBOR capability) behind a UNIX socket, for the `unix:`
//! selector. It speaks the socket protocol of DESIGN.md — raw 64-byte CTAPHID reports each
//! way, no report-ID byte, no length prefix — and just enough CTAPHID: INIT (answered with
//! the capabilities it was given, never CBOR), PING (echoed), MSG (every APDU answered
//! "instruction not supported"), and ERROR INVALID_CMD for everything else. It records the
//! commands it received, so a test can check that fidoctl never sent CBOR to it.
//!
//! Written here from the CTAPHID specification, not with fidoctl's own framing code, so a
//! mistake shared by fidoctl's client and virtual key cannot hide here too.

use std::io::{ErrorKind, Read, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

pub const REPORT: usize = 64;
pub const BROADCAST: u32 = 0xFFFF_FFFF;
/// The channel the double hands out.
pub const CHANNEL: u32 = 0x0102_0304;

pub const CMD_PING: u8 = 0x01;
pub const CMD_MSG: u8 = 0x03;
pub const CMD_INIT: u8 = 0x06;
pub const CMD_WINK: u8 = 0x08;
pub const CMD_CBOR: u8 = 0x10;
pub const CMD_ERROR: u8 = 0x3F;
pub const ERR_INVALID_CMD: u8 = 0x01;

pub const CAP_WINK: u8 = 0x01;
pub const CAP_CBOR: u8 = 0x04;
pub const CAP_NMSG: u8 = 0x08;

/// Device version in the INIT answer.
pub const DEVICE_VERSION: (u8, u8, u8) = (4, 3, 2);

pub struct U2fOnlyKey {
    dir: tempfile::TempDir,
    socket: PathBuf,
    stop: Arc<AtomicBool>,
    seen: Arc<Mutex<Vec<u8>>>,
    thread: Option<JoinHandle<()>>,
}

impl U2fOnlyKey {
    /// Listen on a fresh socket. `capabilities` must not include CBOR (0x04): that is the
    /// point of the double. Typical: 0x00 (nothing) or 0x01 (WINK).
    pub fn start(capabilities: u8) -> Self {
        assert_eq!(capabilities & CAP_CBOR, 0, "a U2F-only key has no CBOR capability");
        let dir = tempfile::tempdir().expect("temp dir");
        let socket = dir.path().join("u2f.sock");
        let listener = UnixListener::bind(&socket).expect("bind the U2F double's socket");
        listener.set_nonblocking(true).expect("non-blocking listener");
        let stop = Arc::new(AtomicBool::new(false));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let thread = {
            let (stop, seen) = (stop.clone(), seen.clone());
            std::thread::spawn(move || serve(listener, capabilities, &stop, &seen))
        };
        U2fOnlyKey { dir, socket, stop, seen, thread: Some(thread) }
    }

    pub fn socket(&self) -> &Path {
        &self.socket
    }

    /// `unix:PATH`
    pub fn selector(&self) -> String {
        format!("unix:{}", self.socket.display())
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The CTAPHID commands (without the 0x80 bit) received so far, in order.
    pub fn commands_seen(&self) -> Vec<u8> {
        self.seen.lock().expect("seen lock").clone()
    }

    /// Fail if fidoctl sent CTAPHID_CBOR to this key, which does not offer it.
    #[track_caller]
    pub fn assert_no_cbor_seen(&self) {
        let seen = self.commands_seen();
        assert!(!seen.contains(&CMD_CBOR), "CBOR sent to a key without it: {seen:?}");
    }
}

impl Drop for U2fOnlyKey {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(listener: UnixListener, capabilities: u8, stop: &AtomicBool, seen: &Mutex<Vec<u8>>) {
    while !stop.load(Ordering::SeqCst) {
        match listener.accept() {
            // One connection at a time, like a key on one USB port; the next waits.
            Ok((stream, _)) => session(stream, capabilities, stop, seen),
            Err(e) if e.kind() == ErrorKind::WouldBlock => std::thread::sleep(Duration::from_millis(5)),
            Err(_) => return,
        }
    }
}

/// A message being reassembled: channel, command, declared length, payload so far, next seq.
struct Partial {
    cid: u32,
    cmd: u8,
    len: usize,
    data: Vec<u8>,
    seq: u8,
}

fn session(mut stream: UnixStream, capabilities: u8, stop: &AtomicBool, seen: &Mutex<Vec<u8>>) {
    if stream.set_nonblocking(false).is_err() || stream.set_read_timeout(Some(Duration::from_millis(50))).is_err() {
        return;
    }
    let mut buf = Vec::with_capacity(REPORT);
    let mut partial: Option<Partial> = None;
    while !stop.load(Ordering::SeqCst) {
        let mut chunk = [0u8; REPORT];
        match stream.read(&mut chunk[..REPORT - buf.len()]) {
            Ok(0) => return, // unplugged
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut | ErrorKind::Interrupted) => {
                continue
            }
            Err(_) => return,
        }
        if buf.len() < REPORT {
            continue;
        }
        let report: Vec<u8> = std::mem::take(&mut buf);
        let cid = u32::from_be_bytes([report[0], report[1], report[2], report[3]]);
        if report[4] & 0x80 != 0 {
            let cmd = report[4] & 0x7F;
            seen.lock().expect("seen lock").push(cmd);
            let len = usize::from(u16::from_be_bytes([report[5], report[6]]));
            let data = report[7..7 + len.min(REPORT - 7)].to_vec();
            partial = Some(Partial { cid, cmd, len, data, seq: 0 });
        } else if let Some(p) = partial.as_mut().filter(|p| p.cid == cid && p.seq == report[4]) {
            let take = (p.len - p.data.len()).min(REPORT - 5);
            p.data.extend_from_slice(&report[5..5 + take]);
            p.seq += 1;
        } else {
            continue; // a stray continuation: ignored, as the specification asks
        }
        if partial.as_ref().is_some_and(|p| p.data.len() == p.len) {
            let p = partial.take().expect("complete message");
            let (cmd, payload) = answer(&p, capabilities);
            if send(&mut stream, p.cid, cmd, &payload).is_err() {
                return;
            }
        }
    }
}

fn answer(p: &Partial, capabilities: u8) -> (u8, Vec<u8>) {
    match p.cmd {
        CMD_INIT if p.data.len() == 8 => {
            let mut body = p.data.clone();
            body.extend_from_slice(&CHANNEL.to_be_bytes());
            let (major, minor, build) = DEVICE_VERSION;
            body.extend_from_slice(&[2, major, minor, build, capabilities]);
            (CMD_INIT, body)
        }
        _ if p.cid == BROADCAST => (CMD_ERROR, vec![0x0B]), // ERR_INVALID_CHANNEL
        CMD_PING => (CMD_PING, p.data.clone()),
        // SW_INS_NOT_SUPPORTED: this double registers nothing.
        CMD_MSG if capabilities & CAP_NMSG == 0 => (CMD_MSG, vec![0x6D, 0x00]),
        CMD_WINK if capabilities & CAP_WINK != 0 && p.data.is_empty() => (CMD_WINK, Vec::new()),
        _ => (CMD_ERROR, vec![ERR_INVALID_CMD]),
    }
}

/// Fragment one message into 64-byte reports and write them.
pub fn send(stream: &mut UnixStream, cid: u32, cmd: u8, payload: &[u8]) -> std::io::Result<()> {
    for report in frames(cid, cmd, payload) {
        stream.write_all(&report)?;
    }
    Ok(())
}

/// The reports of one CTAPHID message.
pub fn frames(cid: u32, cmd: u8, payload: &[u8]) -> Vec<[u8; REPORT]> {
    let len = u16::try_from(payload.len()).expect("CTAPHID payload fits in 16 bits");
    let mut out = Vec::new();
    let mut first = [0u8; REPORT];
    first[..4].copy_from_slice(&cid.to_be_bytes());
    first[4] = 0x80 | cmd;
    first[5..7].copy_from_slice(&len.to_be_bytes());
    let head = payload.len().min(REPORT - 7);
    first[7..7 + head].copy_from_slice(&payload[..head]);
    out.push(first);
    for (seq, chunk) in payload[head..].chunks(REPORT - 5).enumerate() {
        let mut cont = [0u8; REPORT];
        cont[..4].copy_from_slice(&cid.to_be_bytes());
        cont[4] = u8::try_from(seq).expect("at most 128 continuation packets");
        cont[5..5 + chunk.len()].copy_from_slice(chunk);
        out.push(cont);
    }
    out
}

/// Read one whole CTAPHID message (command without the 0x80 bit, payload) from a stream,
/// for tests that talk to a key directly. Skips KEEPALIVE (0x3B).
pub fn receive(stream: &mut UnixStream) -> std::io::Result<(u32, u8, Vec<u8>)> {
    loop {
        let mut report = [0u8; REPORT];
        stream.read_exact(&mut report)?;
        let cid = u32::from_be_bytes([report[0], report[1], report[2], report[3]]);
        let cmd = report[4] & 0x7F;
        if report[4] & 0x80 == 0 || cmd == 0x3B {
            continue;
        }
        let len = usize::from(u16::from_be_bytes([report[5], report[6]]));
        let mut data = report[7..7 + len.min(REPORT - 7)].to_vec();
        while data.len() < len {
            stream.read_exact(&mut report)?;
            let take = (len - data.len()).min(REPORT - 5);
            data.extend_from_slice(&report[5..5 + take]);
        }
        return Ok((cid, cmd, data));
    }
}
