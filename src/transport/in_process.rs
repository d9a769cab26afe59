//! The `virtual:` backend: the virtual key runs on a thread of this process, fed 64-byte
//! reports over channels, exactly as a USB key would be.

use super::{HidDevice, TransportError};
use crate::proto::ctaphid::Report;
use crate::virtual_key::link::ChannelLink;
use crate::virtual_key::state::StateError;
use crate::virtual_key::VirtualKey;
use std::path::Path;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

pub struct InProcessDevice {
    to_key: Option<mpsc::Sender<Report>>,
    from_key: mpsc::Receiver<Report>,
    thread: Option<JoinHandle<Option<StateError>>>,
}

impl InProcessDevice {
    /// Open the key's state file (locking it) and plug the key in.
    pub fn open(path: &Path) -> Result<InProcessDevice, TransportError> {
        let mut key = VirtualKey::open(path)?;
        let (to_key, from_host) = mpsc::channel();
        let (to_host, from_key) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("virtual-key".into())
            .spawn(move || {
                key.serve(&mut ChannelLink { from_host, to_host });
                key.take_fault()
            })
            .map_err(|e| TransportError::Io(e.to_string()))?;
        Ok(InProcessDevice { to_key: Some(to_key), from_key, thread: Some(thread) })
    }
}

impl InProcessDevice {
    /// The key went away: because its state file could not be saved, or simply gone.
    fn gone(&mut self) -> TransportError {
        match self.thread.take().map(|t| t.join()) {
            Some(Ok(Some(fault))) => TransportError::VirtualKey(fault),
            _ => TransportError::Disconnected,
        }
    }
}

impl HidDevice for InProcessDevice {
    fn write_report(&mut self, report: &Report) -> Result<(), TransportError> {
        let tx = self.to_key.as_ref().ok_or(TransportError::Disconnected)?;
        if tx.send(*report).is_err() {
            return Err(self.gone());
        }
        Ok(())
    }

    fn read_report(&mut self, timeout: Duration) -> Result<Option<Report>, TransportError> {
        match self.from_key.recv_timeout(timeout) {
            Ok(r) => Ok(Some(r)),
            Err(mpsc::RecvTimeoutError::Timeout) => Ok(None),
            Err(mpsc::RecvTimeoutError::Disconnected) => Err(self.gone()),
        }
    }
}

impl Drop for InProcessDevice {
    /// Unplug: the key's thread sees its input close, finishes, and releases the state file.
    fn drop(&mut self) {
        self.to_key.take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
