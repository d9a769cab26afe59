//! Where reports go: the `HidDevice` trait, device selectors and enumeration, and the three
//! backends (hidapi, a UNIX socket, the in-process virtual key).

pub mod hid;
pub mod selector;

use crate::proto::ctaphid::Report;
use std::time::Duration;

pub use selector::Selector;

/// One FIDO HID interface: 64-byte reports in, 64-byte reports out.
pub trait HidDevice: Send {
    /// Write one output report (no report-ID byte).
    fn write_report(&mut self, report: &Report) -> Result<(), TransportError>;
    /// Read one input report, waiting at most `timeout`. `Ok(None)` means nothing arrived.
    fn read_report(&mut self, timeout: Duration) -> Result<Option<Report>, TransportError>;
}

/// Which backend a device is reached through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Backend {
    Hid,
    Unix,
    Virtual,
}

/// What is known about a device before talking to it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DeviceDescription {
    /// The path as a user writes it in `--device`: `/dev/hidraw3`, `unix:/tmp/k.sock`, `virtual:key.json`.
    pub path: String,
    pub backend: Backend,
    pub vendor_id: Option<u16>,
    pub product_id: Option<u16>,
    pub product: Option<String>,
    pub manufacturer: Option<String>,
    pub serial: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    #[error("the security key at {path} could not be opened: {reason}")]
    Open { path: String, reason: String },
    #[error("the security key was disconnected")]
    Disconnected,
    #[error("reading from or writing to the security key failed: {0}")]
    Io(String),
    #[error("{0}")]
    VirtualState(String),
}
