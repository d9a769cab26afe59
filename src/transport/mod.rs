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

/// Where one device is reached. Shown (Display) as a user writes it in `--device`:
/// `/dev/hidraw3`, `unix:/tmp/k.sock`, `virtual:key.json`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Location {
    Hid(String),
    Unix(std::path::PathBuf),
    Virtual(std::path::PathBuf),
}

impl Location {
    pub fn backend(&self) -> Backend {
        match self {
            Location::Hid(_) => Backend::Hid,
            Location::Unix(_) => Backend::Unix,
            Location::Virtual(_) => Backend::Virtual,
        }
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::Hid(p) => f.write_str(p),
            Location::Unix(p) => write!(f, "unix:{}", p.display()),
            Location::Virtual(p) => write!(f, "virtual:{}", p.display()),
        }
    }
}

/// What is known about a device before talking to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceDescription {
    /// Where it is; `path` (its Display) is what fidoctl prints.
    pub location: Location,
    /// `location` as a user writes it in `--device`, kept so it is written once.
    path: String,
    pub vendor_id: Option<u16>,
    pub product_id: Option<u16>,
    pub product: Option<String>,
    pub manufacturer: Option<String>,
    pub serial: Option<String>,
}

impl DeviceDescription {
    /// A virtual key's state file, described as every command describes it.
    pub fn virtual_key(file: std::path::PathBuf) -> DeviceDescription {
        DeviceDescription {
            product: Some("fidoctl virtual key".into()),
            ..DeviceDescription::at(Location::Virtual(file))
        }
    }

    /// A device named by its printed path (`virtual:k.json`, `unix:/s`, `/dev/hidraw3`) and
    /// backend, for callers that hold only that text.
    pub fn new(path: impl Into<String>, backend: Backend) -> DeviceDescription {
        let path = path.into();
        let location = match (backend, path.parse::<Selector>()) {
            (Backend::Unix, Ok(Selector::Unix(p))) => Location::Unix(p),
            (Backend::Virtual, Ok(Selector::Virtual(p))) => Location::Virtual(p),
            (Backend::Unix, _) => Location::Unix(path.into()),
            (Backend::Virtual, _) => Location::Virtual(path.into()),
            (Backend::Hid, Ok(Selector::HidPath(p))) => Location::Hid(p),
            (Backend::Hid, _) => Location::Hid(path),
        };
        DeviceDescription::at(location)
    }

    /// Where the device is, as a user writes it in `--device`.
    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn backend(&self) -> Backend {
        self.location.backend()
    }

    /// A device known only by where it is (nothing read from USB descriptors).
    pub fn at(location: Location) -> DeviceDescription {
        DeviceDescription {
            path: location.to_string(),
            location,
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
            Selector::HidPath(p) => vec![DeviceDescription::at(Location::Hid(p.clone()))],
            Selector::Unix(p) => vec![DeviceDescription::at(Location::Unix(p.clone()))],
            Selector::Virtual(p) => vec![DeviceDescription::virtual_key(p.clone())],
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
    if a.backend() != b.backend() {
        return false;
    }
    let file = |d: &DeviceDescription| {
        let raw = match &d.location {
            Location::Hid(p) => std::path::PathBuf::from(p),
            Location::Unix(p) | Location::Virtual(p) => p.clone(),
        };
        std::fs::canonicalize(&raw).unwrap_or(raw)
    };
    a.location == b.location || file(a) == file(b)
}

/// Open a device for reports.
pub fn open(device: &DeviceDescription) -> Result<Box<dyn HidDevice>, TransportError> {
    match &device.location {
        Location::Hid(path) => Ok(Box::new(hid::open(path)?)),
        Location::Unix(path) => Ok(Box::new(unix::UnixDevice::connect(path)?)),
        Location::Virtual(path) => Ok(Box::new(in_process::InProcessDevice::open(path)?)),
    }
}
