//! Where reports go: the `HidDevice` trait, device selectors and enumeration, and the three
//! backends (hidapi, a UNIX socket, the in-process virtual key).

pub mod hid;
pub mod in_process;
pub mod selector;
pub mod unix;
pub mod virtual_admin;

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

impl DeviceDescription {
    /// A device known only by its path (nothing read from USB descriptors).
    pub fn new(path: impl Into<String>, backend: Backend) -> DeviceDescription {
        DeviceDescription {
            path: path.into(),
            backend,
            vendor_id: None,
            product_id: None,
            product: None,
            manufacturer: None,
            serial: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    #[error("the security key at {path} could not be opened: {reason}")]
    Open { path: String, reason: String },
    #[error("the security key was disconnected")]
    Disconnected,
    #[error("reading from or writing to the security key failed: {0}")]
    Io(String),
    #[error(transparent)]
    VirtualKey(#[from] crate::virtual_key::state::StateError),
}

/// The devices the selectors name, in order, without duplicates. Only `hid` (or no selector
/// at all) scans for HID keys; a failed scan is an error only when nothing else was named.
pub fn resolve(selectors: &[Selector]) -> Result<Vec<DeviceDescription>, TransportError> {
    let mut out: Vec<DeviceDescription> = Vec::new();
    for selector in selectors {
        let found = match selector {
            Selector::AllHid => hid::enumerate()?,
            Selector::HidPath(p) => vec![DeviceDescription::new(p.clone(), Backend::Hid)],
            Selector::Unix(_) => vec![DeviceDescription::new(selector.display_path(), Backend::Unix)],
            Selector::Virtual(_) => vec![DeviceDescription {
                product: Some("fidoctl virtual key".into()),
                ..DeviceDescription::new(selector.display_path(), Backend::Virtual)
            }],
        };
        for d in found {
            if !out.iter().any(|o| same_device(o, &d)) {
                out.push(d);
            }
        }
    }
    Ok(out)
}

/// `virtual:k.json` and `virtual:./k.json` are one key: compare resolved file paths.
fn same_device(a: &DeviceDescription, b: &DeviceDescription) -> bool {
    if a.backend != b.backend {
        return false;
    }
    let file = |d: &DeviceDescription| {
        let raw = d.path.split_once(':').filter(|_| d.backend != Backend::Hid).map(|(_, p)| p).unwrap_or(&d.path);
        std::fs::canonicalize(raw).unwrap_or_else(|_| std::path::PathBuf::from(raw))
    };
    a.path == b.path || file(a) == file(b)
}

/// Open a device for reports.
pub fn open(device: &DeviceDescription) -> Result<Box<dyn HidDevice>, TransportError> {
    match device.backend {
        Backend::Hid => Ok(Box::new(hid::open(device.path.strip_prefix("hid:").unwrap_or(&device.path))?)),
        Backend::Unix => {
            let path = device.path.strip_prefix("unix:").unwrap_or(&device.path);
            Ok(Box::new(unix::UnixDevice::connect(std::path::Path::new(path))?))
        }
        Backend::Virtual => {
            let path = device.path.strip_prefix("virtual:").unwrap_or(&device.path);
            Ok(Box::new(in_process::InProcessDevice::open(std::path::Path::new(path))?))
        }
    }
}
