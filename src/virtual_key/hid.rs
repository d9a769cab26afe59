//! The device side of CTAPHID: channel allocation, reassembly with every malformed case
//! answered by an ERROR frame, KEEPALIVE while waiting for a touch, CANCEL.

use super::link::{Disconnected, Link};
use super::presence::{Presence, KEY_TOUCH_TIMEOUT, SIMULATED_TIMEOUT};
use crate::proto::ctaphid::{
    self, capability, cmd, error as hid_error, keepalive, FramingError, Message, Packet, Reassembler, Report,
    BROADCAST_CID,
};
use crate::proto::status::code;
use std::time::{Duration, Instant};

/// Longest gap allowed between the packets of one message.
const INTER_PACKET_TIMEOUT: Duration = Duration::from_millis(500);
const KEEPALIVE_INTERVAL: Duration = Duration::from_millis(100);
const IDLE_POLL: Duration = Duration::from_millis(500);
pub const LATENCY_ENV: &str = "FIDOCTL_VIRTUAL_REPORT_LATENCY_US";

pub const CAPABILITIES: u8 = capability::WINK | capability::CBOR | capability::NMSG;

/// What the transport layer needs from the authenticator behind it.
pub trait Authenticator {
    /// Handle one CTAPHID_CBOR request (command byte + CBOR); return status byte + CBOR.
    fn handle_cbor(&mut self, request: &[u8], presence: &mut dyn UserPresence) -> Vec<u8>;
    fn wink(&mut self);
    /// (major, minor, build) for the INIT answer.
    fn device_version(&self) -> (u8, u8, u8);
    /// The key can no longer keep what it does (its state could not be saved): it goes away
    /// rather than answer, so the host never takes an unsaved change for a done one.
    fn failed(&self) -> bool {
        false
    }
}

/// A touch request from a CTAP2 handler.
pub trait UserPresence {
    /// Wait for the user; `Err(status)` is the CTAP2 status to answer instead.
    fn wait(&mut self) -> Result<(), u8>;
}

struct Framing {
    next_cid: u32,
    pending: Option<(Reassembler, Instant)>,
    latency: Duration,
}

/// Run the device until the host goes away.
pub fn serve(key: &mut dyn Authenticator, link: &mut dyn Link) {
    let latency = std::env::var(LATENCY_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_micros)
        .unwrap_or_default();
    let mut framing = Framing { next_cid: 1, pending: None, latency };
    let _ = framing.run(key, link);
}

impl Framing {
    fn run(&mut self, key: &mut dyn Authenticator, link: &mut dyn Link) -> Result<(), Disconnected> {
        loop {
            let wait = match &self.pending {
                Some((_, started)) => (*started + INTER_PACKET_TIMEOUT).saturating_duration_since(Instant::now()),
                None => IDLE_POLL,
            };
            let Some(report) = self.recv(link, wait)? else {
                if let Some((partial, started)) = self.pending.take() {
                    if started.elapsed() >= INTER_PACKET_TIMEOUT {
                        self.send_error(link, partial.cid(), hid_error::MSG_TIMEOUT)?;
                    } else {
                        self.pending = Some((partial, started));
                    }
                }
                continue;
            };
            if let Some(msg) = self.accept(link, &report)? {
                self.dispatch(key, link, msg)?;
            }
        }
    }

    fn recv(&self, link: &mut dyn Link, wait: Duration) -> Result<Option<Report>, Disconnected> {
        let r = link.recv(wait)?;
        if r.is_some() && !self.latency.is_zero() {
            std::thread::sleep(self.latency);
        }
        Ok(r)
    }

    fn send(&self, link: &mut dyn Link, cid: u32, command: u8, payload: &[u8]) -> Result<(), Disconnected> {
        // Every payload we build fits; an oversized one becomes an ERROR rather than a panic.
        let reports = ctaphid::fragment(cid, command, payload)
            .or_else(|_| ctaphid::fragment(cid, cmd::ERROR, &[hid_error::OTHER]))
            .map_err(|_| Disconnected)?;
        for r in reports {
            if !self.latency.is_zero() {
                std::thread::sleep(self.latency);
            }
            link.send(&r)?;
        }
        Ok(())
    }

    fn send_error(&self, link: &mut dyn Link, cid: u32, code: u8) -> Result<(), Disconnected> {
        self.send(link, cid, cmd::ERROR, &[code])
    }

    /// Take one report; return a complete message when one is ready.
    fn accept(&mut self, link: &mut dyn Link, report: &Report) -> Result<Option<Message>, Disconnected> {
        let packet = Packet::parse(report);
        let cid = packet.cid();
        if cid == 0 {
            self.send_error(link, cid, hid_error::INVALID_CHANNEL)?;
            return Ok(None);
        }
        match packet {
            Packet::Init { cmd: command, total_len, data, .. } => {
                if let Some((partial, started)) = self.pending.take() {
                    if partial.cid() != cid {
                        // One transaction at a time: everyone else waits.
                        self.pending = Some((partial, started));
                        self.send_error(link, cid, hid_error::CHANNEL_BUSY)?;
                        return Ok(None);
                    }
                    if command != cmd::INIT {
                        self.send_error(link, cid, hid_error::INVALID_SEQ)?;
                        return Ok(None);
                    }
                    // INIT on the same channel abandons the half-received message.
                }
                if cid == BROADCAST_CID && command != cmd::INIT {
                    self.send_error(link, cid, hid_error::INVALID_CHANNEL)?;
                    return Ok(None);
                }
                if cid != BROADCAST_CID && cid >= self.next_cid {
                    self.send_error(link, cid, hid_error::INVALID_CHANNEL)?;
                    return Ok(None);
                }
                match Reassembler::start(cid, command, total_len, data) {
                    Err(_) => self.send_error(link, cid, hid_error::INVALID_LEN).map(|_| None),
                    Ok(Ok(msg)) => Ok(Some(msg)),
                    Ok(Err(partial)) => {
                        self.pending = Some((partial, Instant::now()));
                        Ok(None)
                    }
                }
            }
            Packet::Cont { seq, data, .. } => {
                let Some((partial, started)) = self.pending.take() else {
                    return Ok(None); // a stray continuation is ignored, as the spec asks
                };
                if partial.cid() != cid {
                    self.pending = Some((partial, started));
                    return Ok(None);
                }
                match partial.push(cid, seq, data) {
                    Ok(Ok(msg)) => Ok(Some(msg)),
                    Ok(Err(partial)) => {
                        self.pending = Some((partial, Instant::now()));
                        Ok(None)
                    }
                    Err(FramingError::WrongSequence { .. }) | Err(_) => {
                        self.send_error(link, cid, hid_error::INVALID_SEQ).map(|_| None)
                    }
                }
            }
        }
    }

    fn dispatch(&mut self, key: &mut dyn Authenticator, link: &mut dyn Link, msg: Message) -> Result<(), Disconnected> {
        match msg.cmd {
            cmd::INIT => {
                if msg.payload.len() != ctaphid::INIT_NONCE_LEN {
                    return self.send_error(link, msg.cid, hid_error::INVALID_LEN);
                }
                let new_cid = if msg.cid == BROADCAST_CID { self.allocate() } else { msg.cid };
                let (major, minor, build) = key.device_version();
                let mut answer = msg.payload.clone();
                answer.extend_from_slice(&new_cid.to_be_bytes());
                answer.extend_from_slice(&[ctaphid::CTAPHID_PROTOCOL_VERSION, major, minor, build, CAPABILITIES]);
                self.send(link, msg.cid, cmd::INIT, &answer)
            }
            cmd::PING => self.send(link, msg.cid, cmd::PING, &msg.payload),
            cmd::WINK => {
                if !msg.payload.is_empty() {
                    return self.send_error(link, msg.cid, hid_error::INVALID_LEN);
                }
                key.wink();
                if key.failed() {
                    return Err(Disconnected);
                }
                self.send(link, msg.cid, cmd::WINK, &[])
            }
            cmd::CBOR => {
                if msg.payload.is_empty() {
                    return self.send_error(link, msg.cid, hid_error::INVALID_LEN);
                }
                let mut presence = LinkPresence { framing: self, link: &mut *link, cid: msg.cid, gone: false };
                let answer = key.handle_cbor(&msg.payload, &mut presence);
                if presence.gone || key.failed() {
                    return Err(Disconnected);
                }
                self.send(link, msg.cid, cmd::CBOR, &answer)
            }
            // Nothing is in progress, so there is nothing to cancel: no answer, as the spec says.
            cmd::CANCEL => Ok(()),
            _ => self.send_error(link, msg.cid, hid_error::INVALID_CMD),
        }
    }

    fn allocate(&mut self) -> u32 {
        let cid = self.next_cid;
        // Wrap before the broadcast channel; channel 0 is reserved.
        self.next_cid = if self.next_cid >= BROADCAST_CID - 1 { 1 } else { self.next_cid + 1 };
        cid
    }
}

/// Waits for the simulated touch while keeping the host informed and listening for CANCEL.
struct LinkPresence<'a> {
    framing: &'a mut Framing,
    link: &'a mut dyn Link,
    cid: u32,
    gone: bool,
}

impl UserPresence for LinkPresence<'_> {
    fn wait(&mut self) -> Result<(), u8> {
        let policy = Presence::from_env();
        let started = Instant::now();
        let decided_after = match policy {
            Presence::Approve | Presence::Deny => Duration::ZERO,
            Presence::Timeout => SIMULATED_TIMEOUT,
            Presence::Delay(d) => d.min(KEY_TOUCH_TIMEOUT),
        };
        let outcome = match policy {
            Presence::Approve => Ok(()),
            Presence::Deny => Err(code::OPERATION_DENIED),
            Presence::Timeout => Err(code::USER_ACTION_TIMEOUT),
            Presence::Delay(d) if d > KEY_TOUCH_TIMEOUT => Err(code::USER_ACTION_TIMEOUT),
            Presence::Delay(_) => Ok(()),
        };
        loop {
            if self.framing.send(self.link, self.cid, cmd::KEEPALIVE, &[keepalive::UPNEEDED]).is_err() {
                self.gone = true;
                return Err(code::KEEPALIVE_CANCEL);
            }
            let left = decided_after.saturating_sub(started.elapsed());
            if left.is_zero() {
                return outcome;
            }
            let until_next = KEEPALIVE_INTERVAL.min(left);
            let tick_end = Instant::now() + until_next;
            // Listen until the next keepalive is due.
            loop {
                let wait = tick_end.saturating_duration_since(Instant::now());
                if wait.is_zero() {
                    break;
                }
                match self.framing.recv(self.link, wait) {
                    Err(Disconnected) => {
                        self.gone = true;
                        return Err(code::KEEPALIVE_CANCEL);
                    }
                    Ok(None) => {}
                    Ok(Some(report)) => match Packet::parse(&report) {
                        Packet::Init { cid, cmd: c, .. } if cid == self.cid && c == cmd::CANCEL => {
                            return Err(code::KEEPALIVE_CANCEL);
                        }
                        Packet::Init { cid, .. }
                            if cid != self.cid
                                && self.framing.send_error(self.link, cid, hid_error::CHANNEL_BUSY).is_err() =>
                        {
                            self.gone = true;
                            return Err(code::KEEPALIVE_CANCEL);
                        }
                        // Anything else from our host while it should be waiting is dropped.
                        _ => {}
                    },
                }
            }
        }
    }
}
