//! How the virtual key meets a host: a stream of 64-byte reports each way.

use crate::proto::ctaphid::Report;
use std::time::Duration;

/// The host went away (unplugged, socket closed, process ended).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Disconnected;

pub trait Link {
    /// The next report from the host, or `Ok(None)` when none came within `timeout`.
    fn recv(&mut self, timeout: Duration) -> Result<Option<Report>, Disconnected>;
    fn send(&mut self, report: &Report) -> Result<(), Disconnected>;
}

/// Reports over in-process channels (the `virtual:` transport).
pub struct ChannelLink {
    pub from_host: std::sync::mpsc::Receiver<Report>,
    pub to_host: std::sync::mpsc::Sender<Report>,
}

impl Link for ChannelLink {
    fn recv(&mut self, timeout: Duration) -> Result<Option<Report>, Disconnected> {
        match self.from_host.recv_timeout(timeout) {
            Ok(r) => Ok(Some(r)),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Ok(None),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Err(Disconnected),
        }
    }
    fn send(&mut self, report: &Report) -> Result<(), Disconnected> {
        self.to_host.send(*report).map_err(|_| Disconnected)
    }
}

/// Reports over a UNIX stream socket (`fidoctl virtual serve`): raw 64-byte reports, no framing.
pub struct StreamLink {
    stream: std::os::unix::net::UnixStream,
    buf: Vec<u8>,
}

impl StreamLink {
    pub fn new(stream: std::os::unix::net::UnixStream) -> Self {
        StreamLink { stream, buf: Vec::with_capacity(64) }
    }
}

impl Link for StreamLink {
    fn recv(&mut self, timeout: Duration) -> Result<Option<Report>, Disconnected> {
        use std::io::Read;
        let started = std::time::Instant::now();
        while self.buf.len() < 64 {
            let left = timeout.saturating_sub(started.elapsed());
            if left.is_zero() {
                return Ok(None);
            }
            self.stream.set_read_timeout(Some(left)).map_err(|_| Disconnected)?;
            let mut chunk = [0u8; 64];
            let want = 64 - self.buf.len();
            match self.stream.read(&mut chunk[..want]) {
                Ok(0) => return Err(Disconnected),
                Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
                Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
                    return Ok(None)
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return Err(Disconnected),
            }
        }
        let mut report = [0u8; 64];
        report.copy_from_slice(&self.buf[..64]);
        self.buf.clear();
        Ok(Some(report))
    }

    fn send(&mut self, report: &Report) -> Result<(), Disconnected> {
        use std::io::Write;
        self.stream.write_all(report).map_err(|_| Disconnected)
    }
}
