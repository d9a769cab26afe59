//! The host side of CTAPHID: one channel to one key over a `HidDevice`.
//!
//! Owns INIT (nonce check, channel allocation), fragmentation and reassembly, KEEPALIVE,
//! CANCEL, CTAPHID ERROR frames, CHANNEL_BUSY retries and per-operation deadlines.

use crate::proto::ctaphid::{self, cmd, keepalive, FramingError, Packet, Reassembler, Report, BROADCAST_CID};
use crate::transport::{HidDevice, TransportError};
use rand_core::{OsRng, RngCore};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long a reply to a command that needs no touch may take.
pub const DEFAULT_REPLY_TIMEOUT: Duration = Duration::from_secs(5);
/// How long we keep reading after a CANCEL for the key to confirm it.
const CANCEL_GRACE: Duration = Duration::from_millis(1500);
const BUSY_RETRY_DELAY: Duration = Duration::from_millis(100);
/// Longest single read; short so that a cancel request is noticed quickly.
const POLL: Duration = Duration::from_millis(100);
/// Keys repeat KEEPALIVE every 100 ms or so; a key silent for longer than this has stopped
/// saying that it waits for a touch.
const KEEPALIVE_SILENCE: Duration = Duration::from_secs(1);

#[derive(Debug, thiserror::Error)]
pub enum CtaphidError {
    #[error(transparent)]
    Transport(#[from] TransportError),
    #[error("the key sent a garbled message: {0}")]
    Framing(#[from] FramingError),
    #[error("the key reported CTAPHID error 0x{0:02x}")]
    Device(u8),
    /// Nothing (or only part of a message) came on our channel: a silent or broken key.
    #[error("the key did not answer within {} seconds", .0.as_secs_f32())]
    Timeout(Duration),
    /// The key kept sending KEEPALIVE UPNEEDED (waiting for a touch) until the touch timeout.
    #[error("nobody touched the key within {} seconds", .0.as_secs())]
    TouchTimeout(Duration),
    /// The key kept sending KEEPALIVE "processing" (never asking for a touch) and no answer.
    #[error("the key kept saying it was busy for {} seconds and never answered", .0.as_secs_f32())]
    Stuck(Duration),
    #[error("the operation was cancelled")]
    Cancelled,
    #[error("the key's answer to INIT was malformed ({0})")]
    BadInit(String),
    #[error("the key answered command 0x{got:02x} to command 0x{sent:02x}")]
    UnexpectedCommand { sent: u8, got: u8 },
    #[error("the key does not support this CTAPHID command")]
    Unsupported,
}

impl CtaphidError {
    /// The CTAPHID error code, when the key sent an ERROR frame.
    pub fn device_code(&self) -> Option<u8> {
        match self {
            CtaphidError::Device(c) => Some(*c),
            _ => None,
        }
    }
}

/// What the INIT response says about the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct InitInfo {
    pub cid: u32,
    pub protocol_version: u8,
    pub device_version: (u8, u8, u8),
    pub capabilities: u8,
}

impl InitInfo {
    pub fn has_cbor(&self) -> bool {
        self.capabilities & ctaphid::capability::CBOR != 0
    }
    pub fn has_wink(&self) -> bool {
        self.capabilities & ctaphid::capability::WINK != 0
    }
    /// NMSG set means the key has no CTAPHID_MSG, i.e. no U2F.
    pub fn has_msg(&self) -> bool {
        self.capabilities & ctaphid::capability::NMSG == 0
    }
}

/// A direction for traffic tracing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Out,
    In,
}

/// One report sent or received, as far as it may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TraceEvent<'a> {
    pub direction: Direction,
    /// The whole report, or while a message carrying PIN material is in flight only its
    /// header (and for a clientPIN request also its protocol and subcommand, no secret).
    pub shown: &'a [u8],
    /// The rest of the report was left out.
    pub redacted: bool,
}

/// Receives each report sent or received (for `-vv`).
pub type Tracer = Box<dyn FnMut(&TraceEvent<'_>) + Send>;

/// Header bytes always shown: channel id and command.
const SHOWN_HEADER: usize = 5;
/// The initialisation packet's header: channel id, command and length.
const INIT_HEADER: usize = 7;

pub struct Channel {
    device: Box<dyn HidDevice>,
    info: InitInfo,
    cancel: Option<Arc<AtomicBool>>,
    tracer: Option<Tracer>,
    redact: bool,
    public_prefix: usize,
}

/// Options for one transaction.
pub struct Transaction<'a> {
    pub command: u8,
    pub payload: &'a [u8],
    /// How long the key may take to answer while it does not wait for a touch: silence, a
    /// message cut short, or KEEPALIVE "processing" for this long is a device fault.
    pub timeout: Duration,
    /// The request may wait for a touch: from the first KEEPALIVE UPNEEDED on, the key has
    /// this long (the touch timeout applies only once the key asks for the touch).
    pub touch_timeout: Option<Duration>,
    /// Called on every KEEPALIVE with its status byte (UPNEEDED = the key wants a touch).
    pub on_keepalive: Option<&'a mut dyn FnMut(u8)>,
    /// The payload carries PIN material: keep it out of traces.
    pub sensitive: bool,
    /// Of a sensitive payload, how many leading bytes are no secret (shown in traces).
    pub public_prefix: usize,
}

impl<'a> Transaction<'a> {
    pub fn new(command: u8, payload: &'a [u8]) -> Self {
        Transaction {
            command,
            payload,
            timeout: DEFAULT_REPLY_TIMEOUT,
            touch_timeout: None,
            on_keepalive: None,
            sensitive: false,
            public_prefix: 0,
        }
    }
}

impl Channel {
    /// Allocate a channel with CTAPHID_INIT on the broadcast channel.
    pub fn open(device: Box<dyn HidDevice>) -> Result<Channel, CtaphidError> {
        Self::open_with(device, None, None)
    }

    pub fn open_with(
        device: Box<dyn HidDevice>,
        cancel: Option<Arc<AtomicBool>>,
        tracer: Option<Tracer>,
    ) -> Result<Channel, CtaphidError> {
        let placeholder =
            InitInfo { cid: BROADCAST_CID, protocol_version: 0, device_version: (0, 0, 0), capabilities: 0 };
        let mut channel = Channel { device, info: placeholder, cancel, tracer, redact: false, public_prefix: 0 };
        channel.info = channel.init()?;
        Ok(channel)
    }

    pub fn info(&self) -> InitInfo {
        self.info
    }

    /// Run CTAPHID_INIT on the broadcast channel and take the channel it allocates.
    fn init(&mut self) -> Result<InitInfo, CtaphidError> {
        let mut nonce = [0u8; ctaphid::INIT_NONCE_LEN];
        OsRng.fill_bytes(&mut nonce);
        self.send(BROADCAST_CID, cmd::INIT, &nonce)?;
        loop {
            let msg = self.receive(BROADCAST_CID, DEFAULT_REPLY_TIMEOUT, None, None)?;
            if msg.cmd != cmd::INIT {
                return Err(CtaphidError::UnexpectedCommand { sent: cmd::INIT, got: msg.cmd });
            }
            // Another program's INIT answer carries its nonce, not ours: keep waiting.
            if msg.payload.get(..8) != Some(&nonce[..]) {
                continue;
            }
            return parse_init(&msg.payload);
        }
    }

    /// Send a request and wait for its answer.
    pub fn transact(&mut self, mut t: Transaction<'_>) -> Result<Vec<u8>, CtaphidError> {
        let deadline = crate::limits::deadline_after(t.timeout.saturating_add(t.touch_timeout.unwrap_or_default()));
        self.redact = t.sensitive;
        self.public_prefix = t.public_prefix;
        let result = loop {
            self.send(self.info.cid, t.command, t.payload)?;
            match self.receive(self.info.cid, t.timeout, t.touch_timeout, t.on_keepalive.as_deref_mut()) {
                Ok(msg) if msg.cmd == t.command => break Ok(msg.payload),
                Ok(msg) => break Err(CtaphidError::UnexpectedCommand { sent: t.command, got: msg.cmd }),
                Err(CtaphidError::Device(ctaphid::error::CHANNEL_BUSY))
                    if crate::limits::deadline_after(BUSY_RETRY_DELAY) < deadline =>
                {
                    std::thread::sleep(BUSY_RETRY_DELAY);
                }
                Err(e) => break Err(e),
            }
        };
        self.redact = false;
        self.public_prefix = 0;
        result
    }

    pub fn ping(&mut self, data: &[u8]) -> Result<Vec<u8>, CtaphidError> {
        self.transact(Transaction::new(cmd::PING, data))
    }

    pub fn wink(&mut self) -> Result<(), CtaphidError> {
        if !self.info.has_wink() {
            return Err(CtaphidError::Unsupported);
        }
        self.transact(Transaction::new(cmd::WINK, &[])).map(|_| ())
    }

    /// Tell the key to stop waiting for a touch. No answer of its own.
    pub fn send_cancel(&mut self) -> Result<(), CtaphidError> {
        self.send(self.info.cid, cmd::CANCEL, &[])
    }

    fn send(&mut self, cid: u32, command: u8, payload: &[u8]) -> Result<(), CtaphidError> {
        for (i, report) in ctaphid::fragment(cid, command, payload)?.into_iter().enumerate() {
            // Only the first packet carries the public prefix.
            let public = if i == 0 && self.public_prefix > 0 { INIT_HEADER + self.public_prefix } else { 0 };
            self.trace(Direction::Out, &report, public);
            self.device.write_report(&report)?;
        }
        Ok(())
    }

    /// `public`: how much of a redacted report may be shown, when more than the header.
    fn trace(&mut self, direction: Direction, report: &Report, public: usize) {
        let redacted = self.redact;
        if let Some(trace) = self.tracer.as_mut() {
            let shown = if redacted { &report[..public.max(SHOWN_HEADER).min(report.len())] } else { &report[..] };
            trace(&TraceEvent { direction, shown, redacted });
        }
    }

    fn cancel_requested(&self) -> bool {
        self.cancel.as_ref().is_some_and(|c| c.load(Ordering::SeqCst))
    }

    /// Read reports until a whole message for `cid` arrives (KEEPALIVEs handled here).
    ///
    /// `reply` bounds the time before the key asks for a touch (and any silence); `touch`,
    /// when the request may wait for one, bounds the time from the first UPNEEDED on.
    fn receive<'c>(
        &mut self,
        cid: u32,
        reply: Duration,
        touch: Option<Duration>,
        mut on_keepalive: Option<&mut (dyn FnMut(u8) + 'c)>,
    ) -> Result<ctaphid::Message, CtaphidError> {
        // Saturate far in the future (a day, the longest --timeout), never at `t` itself.
        let after = |t: Instant, d: Duration| {
            t.checked_add(d)
                .or_else(|| t.checked_add(Duration::from_secs(crate::limits::MAX_TIMEOUT_SECS)))
                .unwrap_or(t)
        };
        let start = Instant::now();
        let mut last_heard = start;
        // The last KEEPALIVE: when, and its status.
        let mut last_keepalive: Option<(Instant, u8)> = None;
        let mut touch_since: Option<Instant> = None;
        let mut partial: Option<Reassembler> = None;
        let mut cancel_deadline: Option<Instant> = None;
        loop {
            let now = Instant::now();
            let silent_at = after(last_heard, reply);
            let deadline = match (touch_since, touch) {
                (Some(since), Some(t)) => after(since, t).min(silent_at),
                _ => after(start, reply).min(silent_at),
            };
            if let Some(cd) = cancel_deadline {
                if now >= cd {
                    return Err(CtaphidError::Cancelled);
                }
            } else if self.cancel_requested() || now >= deadline {
                // Ask the key to stop, then give it a moment to confirm with KEEPALIVE_CANCEL.
                self.send_cancel()?;
                if now >= deadline {
                    // Only a key that keeps saying UPNEEDED is waiting for a touch.
                    let recent = |at: Instant| now.saturating_duration_since(at) < KEEPALIVE_SILENCE;
                    return Err(match (last_keepalive, touch) {
                        (Some((at, keepalive::UPNEEDED)), Some(t)) if recent(at) && touch_since.is_some() => {
                            CtaphidError::TouchTimeout(t)
                        }
                        (Some((at, _)), _) if recent(at) => CtaphidError::Stuck(match touch_since {
                            Some(_) => Duration::from_secs(now.saturating_duration_since(start).as_secs()),
                            None => reply,
                        }),
                        _ => CtaphidError::Timeout(reply),
                    });
                }
                cancel_deadline = Some(now.checked_add(CANCEL_GRACE).unwrap_or(now));
            }
            let wait = POLL.min(deadline.saturating_duration_since(now)).max(Duration::from_millis(1));
            let Some(report) = self.device.read_report(wait)? else { continue };
            self.trace(Direction::In, &report, 0);
            let packet = Packet::parse(&report);
            if packet.cid() != cid {
                continue; // someone else's channel
            }
            last_heard = Instant::now();
            match (packet, partial.take()) {
                (Packet::Init { cmd: c, data, .. }, None) if c == cmd::KEEPALIVE => {
                    let status = data.first().copied().unwrap_or(0);
                    last_keepalive = Some((last_heard, status));
                    if status == keepalive::UPNEEDED && touch_since.is_none() {
                        touch_since = Some(last_heard);
                    }
                    if let Some(cb) = on_keepalive.as_deref_mut() {
                        cb(status);
                    }
                }
                (Packet::Init { cmd: c, data, total_len, .. }, None) if c == cmd::ERROR => {
                    let code = if total_len >= 1 { data.first().copied().unwrap_or(0) } else { ctaphid::error::OTHER };
                    return Err(CtaphidError::Device(code));
                }
                (Packet::Init { cmd: c, total_len, data, .. }, None) => {
                    match Reassembler::start(cid, c, total_len, data)? {
                        Ok(msg) => return Ok(msg),
                        Err(more) => partial = Some(more),
                    }
                }
                (Packet::Init { .. }, Some(_)) => return Err(FramingError::Interrupted.into()),
                (Packet::Cont { .. }, None) => return Err(FramingError::UnexpectedContinuation.into()),
                (Packet::Cont { cid: c, seq, data }, Some(r)) => match r.push(c, seq, data)? {
                    Ok(msg) => return Ok(msg),
                    Err(more) => partial = Some(more),
                },
            }
        }
    }
}

fn parse_init(payload: &[u8]) -> Result<InitInfo, CtaphidError> {
    if payload.len() < ctaphid::INIT_RESPONSE_LEN {
        return Err(CtaphidError::BadInit(format!("{} bytes instead of 17", payload.len())));
    }
    let cid = u32::from_be_bytes([payload[8], payload[9], payload[10], payload[11]]);
    if cid == 0 || cid == BROADCAST_CID {
        return Err(CtaphidError::BadInit(format!("it allocated the reserved channel {cid:08x}")));
    }
    Ok(InitInfo {
        cid,
        protocol_version: payload[12],
        device_version: (payload[13], payload[14], payload[15]),
        capabilities: payload[16],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::ctaphid::{error as hid_error, fragment, keepalive};
    use std::collections::VecDeque;

    const CID: u32 = 0x0A0B_0C0D;

    /// A device whose answers are produced by a script from what the host wrote.
    struct Scripted<F: FnMut(&Report, &mut VecDeque<Report>) + Send> {
        respond: F,
        queue: VecDeque<Report>,
    }

    impl<F: FnMut(&Report, &mut VecDeque<Report>) + Send> HidDevice for Scripted<F> {
        fn write_report(&mut self, report: &Report) -> Result<(), TransportError> {
            (self.respond)(report, &mut self.queue);
            Ok(())
        }
        fn read_report(&mut self, _timeout: Duration) -> Result<Option<Report>, TransportError> {
            Ok(self.queue.pop_front())
        }
    }

    fn init_answer(request: &Report, cid: u32, caps: u8) -> Vec<Report> {
        let mut payload = request[7..15].to_vec();
        payload.extend_from_slice(&cid.to_be_bytes());
        payload.extend_from_slice(&[2, 5, 4, 1, caps]);
        fragment(BROADCAST_CID, cmd::INIT, &payload).unwrap()
    }

    /// A device that answers INIT properly and hands every other request to `then`.
    fn device(mut then: impl FnMut(&Report, &mut VecDeque<Report>) + Send + 'static) -> Box<dyn HidDevice> {
        Box::new(Scripted {
            respond: move |r: &Report, q: &mut VecDeque<Report>| {
                if r[4] == 0x80 | cmd::INIT && r[..4] == BROADCAST_CID.to_be_bytes() {
                    q.extend(init_answer(r, CID, 0x05));
                } else {
                    then(r, q)
                }
            },
            queue: VecDeque::new(),
        })
    }

    /// An echo device: collects the request and answers with the same payload.
    fn echo_device() -> Box<dyn HidDevice> {
        let mut partial: Option<Reassembler> = None;
        device(move |r, q| {
            let done = match (Packet::parse(r), partial.take()) {
                (Packet::Init { cid, cmd, total_len, data }, _) => {
                    Reassembler::start(cid, cmd, total_len, data).unwrap()
                }
                (Packet::Cont { cid, seq, data }, Some(p)) => p.push(cid, seq, data).unwrap(),
                _ => return,
            };
            match done {
                Ok(msg) => q.extend(fragment(msg.cid, msg.cmd, &msg.payload).unwrap()),
                Err(p) => partial = Some(p),
            }
        })
    }

    fn one(reports: Vec<Report>) -> impl FnMut(&Report, &mut VecDeque<Report>) + Send + 'static {
        let mut reports = Some(reports);
        move |_r, q| {
            if let Some(rs) = reports.take() {
                q.extend(rs)
            }
        }
    }

    #[test]
    fn init_allocates_the_channel_and_reads_capabilities() {
        let ch = Channel::open(echo_device()).unwrap();
        assert_eq!(ch.info().cid, CID);
        assert_eq!(ch.info().device_version, (5, 4, 1));
        assert!(ch.info().has_cbor() && ch.info().has_wink());
    }

    #[test]
    fn init_ignores_answers_with_another_nonce() {
        let dev = Box::new(Scripted {
            respond: |r: &Report, q: &mut VecDeque<Report>| {
                let mut foreign = *r;
                foreign[7] ^= 0xFF;
                q.extend(init_answer(&foreign, 0x1111_1111, 0x04));
                q.extend(init_answer(r, CID, 0x04));
            },
            queue: VecDeque::new(),
        });
        assert_eq!(Channel::open(dev).unwrap().info().cid, CID);
    }

    #[test]
    fn short_init_answer_is_an_error() {
        let dev = Box::new(Scripted {
            respond: |r: &Report, q: &mut VecDeque<Report>| {
                q.extend(fragment(BROADCAST_CID, cmd::INIT, &r[7..15]).unwrap());
            },
            queue: VecDeque::new(),
        });
        let err = Channel::open(dev).err().unwrap();
        assert_eq!(err.to_string(), "the key's answer to INIT was malformed (8 bytes instead of 17)");
    }

    #[test]
    fn ping_round_trips_every_boundary_size() {
        let mut ch = Channel::open(echo_device()).unwrap();
        for len in [0usize, 1, 57, 58, 7609] {
            let data: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            assert_eq!(ch.ping(&data).unwrap(), data, "{len}");
        }
        let too_long = vec![0u8; 7610];
        assert!(matches!(ch.ping(&too_long), Err(CtaphidError::Framing(FramingError::TooLong(7610)))));
    }

    #[test]
    fn keepalives_are_reported_then_the_answer_arrives() {
        let mut answer = fragment(CID, cmd::KEEPALIVE, &[keepalive::PROCESSING]).unwrap();
        answer.extend(fragment(CID, cmd::KEEPALIVE, &[keepalive::UPNEEDED]).unwrap());
        answer.extend(fragment(CID, cmd::CBOR, &[0x00]).unwrap());
        let mut ch = Channel::open(device(one(answer))).unwrap();
        let mut seen = Vec::new();
        let mut cb = |s: u8| seen.push(s);
        let mut t = Transaction::new(cmd::CBOR, &[0x0B]);
        t.on_keepalive = Some(&mut cb);
        assert_eq!(ch.transact(t).unwrap(), vec![0x00]);
        assert_eq!(seen, vec![keepalive::PROCESSING, keepalive::UPNEEDED]);
    }

    #[test]
    fn reports_for_other_channels_are_ignored() {
        let payload: Vec<u8> = (0..100).collect();
        let mut answer = fragment(0x7777_7777, cmd::CBOR, &[9; 80]).unwrap();
        let ours = fragment(CID, cmd::CBOR, &payload).unwrap();
        // Interleave a stranger's continuation packet between ours.
        answer.insert(1, ours[0]);
        answer.push(ours[1]);
        let mut ch = Channel::open(device(one(answer))).unwrap();
        assert_eq!(ch.transact(Transaction::new(cmd::CBOR, &[4])).unwrap(), payload);
    }

    #[test]
    fn skipped_sequence_is_a_framing_error() {
        let mut answer = fragment(CID, cmd::CBOR, &[1; 200]).unwrap();
        answer.remove(1);
        let mut ch = Channel::open(device(one(answer))).unwrap();
        let err = ch.transact(Transaction::new(cmd::CBOR, &[4])).err().unwrap();
        assert_eq!(err.to_string(), "the key sent a garbled message: packet sequence 1 arrived where 0 was expected");
    }

    #[test]
    fn truncated_message_times_out() {
        let mut answer = fragment(CID, cmd::CBOR, &[1; 200]).unwrap();
        answer.truncate(2);
        let mut ch = Channel::open(device(one(answer))).unwrap();
        let mut t = Transaction::new(cmd::CBOR, &[4]);
        t.timeout = Duration::from_millis(50);
        let err = ch.transact(t).err().unwrap();
        assert_eq!(err.to_string(), "the key did not answer within 0.05 seconds");
    }

    #[test]
    fn ctaphid_error_frames_are_decoded() {
        let answer = fragment(CID, cmd::ERROR, &[hid_error::INVALID_LEN]).unwrap();
        let mut ch = Channel::open(device(one(answer))).unwrap();
        let err = ch.transact(Transaction::new(cmd::CBOR, &[4])).err().unwrap();
        assert_eq!(err.device_code(), Some(hid_error::INVALID_LEN));
    }

    #[test]
    fn channel_busy_is_retried() {
        let mut calls = 0;
        let dev = device(move |r, q| {
            if r[4] & 0x80 == 0 {
                return;
            }
            calls += 1;
            if calls < 3 {
                q.extend(fragment(CID, cmd::ERROR, &[hid_error::CHANNEL_BUSY]).unwrap());
            } else {
                q.extend(fragment(CID, cmd::PING, b"ok").unwrap());
            }
        });
        let mut ch = Channel::open(dev).unwrap();
        assert_eq!(ch.ping(b"ok").unwrap(), b"ok");
    }

    #[test]
    fn cancel_flag_sends_cancel_and_reports_cancelled() {
        let flag = Arc::new(AtomicBool::new(false));
        let seen_cancel = Arc::new(AtomicBool::new(false));
        let (f, s) = (flag.clone(), seen_cancel.clone());
        let dev = device(move |r, q| {
            if r[4] == 0x80 | cmd::CANCEL {
                s.store(true, Ordering::SeqCst);
                q.extend(fragment(CID, cmd::CBOR, &[0x2D]).unwrap());
            } else {
                // Wait for a touch forever; the user presses Ctrl-C.
                q.extend(fragment(CID, cmd::KEEPALIVE, &[keepalive::UPNEEDED]).unwrap());
                f.store(true, Ordering::SeqCst);
            }
        });
        let mut ch = Channel::open_with(dev, Some(flag), None).unwrap();
        // The key confirms the cancel with status 0x2D; that answer is returned to the caller.
        assert_eq!(ch.transact(Transaction::new(cmd::CBOR, &[0x0B])).unwrap(), vec![0x2D]);
        assert!(seen_cancel.load(Ordering::SeqCst));
    }

    #[test]
    fn sensitive_transactions_are_traced_redacted() {
        let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
        let s = seen.clone();
        let tracer: Tracer = Box::new(move |e| s.lock().unwrap().push((e.direction, e.redacted, e.shown.len())));
        let mut ch = Channel::open_with(echo_device(), None, Some(tracer)).unwrap();
        let mut t = Transaction::new(cmd::PING, b"secret");
        t.sensitive = true;
        ch.transact(t).unwrap();
        let seen = seen.lock().unwrap();
        assert_eq!(&seen[seen.len() - 2..], &[(Direction::Out, true, 5), (Direction::In, true, 5)]);
        assert_eq!(seen[0], (Direction::Out, false, 64));
    }
}
