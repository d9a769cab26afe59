//! A key behind a UNIX stream socket: raw 64-byte reports each way (see DESIGN.md). Connecting
//! plugs the key in; dropping the connection unplugs it.

use super::{HidDevice, TransportError};
use crate::proto::ctaphid::{Report, REPORT_LEN};
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::{Duration, Instant};

pub struct UnixDevice {
    stream: UnixStream,
    buf: Vec<u8>,
}

impl UnixDevice {
    pub fn connect(path: &Path) -> Result<UnixDevice, TransportError> {
        let stream = UnixStream::connect(path).map_err(|e| TransportError::Open {
            path: format!("unix:{}", path.display()),
            reason: match e.kind() {
                std::io::ErrorKind::NotFound => {
                    "no socket there (is `fidoctl virtual serve` or the emulator running?)".into()
                }
                std::io::ErrorKind::ConnectionRefused => "nothing is listening on that socket".into(),
                _ => e.to_string(),
            },
        })?;
        Ok(UnixDevice { stream, buf: Vec::with_capacity(REPORT_LEN) })
    }
}

impl HidDevice for UnixDevice {
    fn write_report(&mut self, report: &Report) -> Result<(), TransportError> {
        self.stream.write_all(report).map_err(|e| match e.kind() {
            std::io::ErrorKind::BrokenPipe | std::io::ErrorKind::ConnectionReset => TransportError::Disconnected,
            _ => TransportError::Io(e.to_string()),
        })
    }

    fn read_report(&mut self, timeout: Duration) -> Result<Option<Report>, TransportError> {
        let deadline = crate::limits::deadline_after(timeout);
        // A report may arrive in pieces; keep what came until the rest does.
        while self.buf.len() < REPORT_LEN {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Ok(None);
            }
            self.stream.set_read_timeout(Some(left)).map_err(|e| TransportError::Io(e.to_string()))?;
            let mut chunk = [0u8; REPORT_LEN];
            let want = REPORT_LEN - self.buf.len();
            match self.stream.read(&mut chunk[..want]) {
                Ok(0) => return Err(TransportError::Disconnected),
                Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
                Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
                    return Ok(None)
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return Err(TransportError::Disconnected),
                Err(e) => return Err(TransportError::Io(e.to_string())),
            }
        }
        let mut report = [0u8; REPORT_LEN];
        report.copy_from_slice(&self.buf[..REPORT_LEN]);
        self.buf.clear();
        Ok(Some(report))
    }
}
