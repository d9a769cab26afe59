//! The values every JSON document shares, one type each, so a fact has one name and one shape
//! in every command's output (docs/json.md, "Shared values").

use crate::proto::get_info::AuthenticatorInfo;
use crate::transport::{Backend, DeviceDescription};
use serde::Serialize;

/// The `device` object: which key a document is about.
#[derive(Debug, Clone, Serialize)]
pub struct Device {
    /// The selector that opens this key again (`/dev/hidraw3`, `unix:PATH`, `virtual:PATH`).
    pub path: String,
    pub backend: Backend,
    pub vid_pid: Option<String>,
    pub product: Option<String>,
    pub manufacturer: Option<String>,
    /// Null when the command did not read getInfo (or the key is U2F-only).
    pub aaguid: Option<String>,
    pub model: Option<String>,
}

impl Device {
    /// A key as its transport describes it, with the AAGUID and model when getInfo was read.
    pub fn new(d: &DeviceDescription, info: Option<&AuthenticatorInfo>) -> Device {
        let aaguid = info.map(|i| i.aaguid_string());
        Device {
            path: d.path().to_string(),
            backend: d.backend(),
            vid_pid: match (d.vendor_id, d.product_id) {
                (Some(v), Some(p)) => Some(format!("{v:04x}:{p:04x}")),
                _ => None,
            },
            product: d.product.clone(),
            manufacturer: d.manufacturer.clone(),
            model: aaguid.as_deref().and_then(crate::audit::models::model_name).map(String::from),
            aaguid,
        }
    }
}

impl std::fmt::Display for Device {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.path)
    }
}

pub use crate::proto::ctap2::alg::Algorithm;
