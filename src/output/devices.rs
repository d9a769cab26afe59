//! `fidoctl list` and `fidoctl info`.

use super::vocabulary::{Algorithm, Device};
use super::{csv_field, Render};
use crate::proto::get_info::AuthenticatorInfo;
use crate::transport::DeviceDescription;
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, Serialize)]
pub struct ReadError {
    pub code: String,
    pub message: String,
}

/// One key as `list` shows it: the shared `device` object and what `list` adds.
#[derive(Debug, Clone, Serialize)]
pub struct DeviceEntry {
    #[serde(flatten)]
    pub device: Device,
    pub versions: Vec<String>,
    /// The key has no CBOR capability: it speaks U2F (CTAP1) only.
    pub u2f_only: bool,
    pub firmware: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ReadError>,
}

impl DeviceEntry {
    pub fn from_description(d: &DeviceDescription) -> DeviceEntry {
        DeviceEntry { device: Device::new(d, None), versions: Vec::new(), u2f_only: false, firmware: None, error: None }
    }

    fn versions_text(&self) -> String {
        if self.u2f_only {
            "U2F only".to_string()
        } else {
            self.versions.join(" ")
        }
    }
}

fn dash(s: &Option<String>) -> String {
    s.clone().unwrap_or_else(|| "-".to_string())
}

pub struct DeviceList {
    pub devices: Vec<DeviceEntry>,
}

impl Render for DeviceList {
    fn json(&self) -> Value {
        serde_json::json!({ "devices": self.devices })
    }

    fn text(&self) -> String {
        let mut table = Table::new();
        table.load_preset(UTF8_FULL_CONDENSED);
        table.set_header(["PATH", "VID:PID", "PRODUCT", "AAGUID", "MODEL", "VERSIONS"]);
        for entry in &self.devices {
            let d = &entry.device;
            let versions = match &entry.error {
                Some(e) => format!("unreadable: {}", e.message),
                None => entry.versions_text(),
            };
            table.add_row([
                d.path.clone(),
                dash(&d.vid_pid),
                dash(&d.product),
                dash(&d.aaguid),
                dash(&d.model),
                versions,
            ]);
        }
        format!("{table}\n")
    }

    fn csv(&self) -> Option<String> {
        let mut out = String::from("path,backend,vid_pid,product,aaguid,model,versions,u2f_only,firmware,error\n");
        for entry in &self.devices {
            let d = &entry.device;
            let backend =
                serde_json::to_value(d.backend).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
            let fields = [
                d.path.clone(),
                backend,
                d.vid_pid.clone().unwrap_or_default(),
                d.product.clone().unwrap_or_default(),
                d.aaguid.clone().unwrap_or_default(),
                d.model.clone().unwrap_or_default(),
                entry.versions.join(" "),
                entry.u2f_only.to_string(),
                entry.firmware.clone().unwrap_or_default(),
                entry.error.as_ref().map(|e| e.message.clone()).unwrap_or_default(),
            ];
            out.push_str(&fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
            out.push('\n');
        }
        Some(out)
    }
}

/// PIN state as `info` shows it, under the names the audit's facts use.
#[derive(Debug, Clone, Serialize, Default)]
pub struct PinState {
    /// The key supports a PIN at all (getInfo clientPin present).
    pub pin_supported: bool,
    pub pin_set: bool,
    /// PIN attempts left before the key locks for good; null when no PIN is set.
    pub pin_retries: Option<u64>,
    /// No attempts left: only a reset helps. Null when no PIN is set (not applicable).
    pub pin_blocked: Option<bool>,
    /// Three wrong PINs in a row: the key must be re-plugged before the next attempt.
    pub power_cycle_required: Option<bool>,
    /// Built-in user verification (e.g. fingerprint) attempts left.
    pub uv_retries: Option<u64>,
    pub min_pin_length: Option<u64>,
    pub force_pin_change: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct CtaphidFacts {
    pub protocol_version: u8,
    pub device_version: String,
    pub capabilities: Vec<&'static str>,
}

pub struct InfoReport {
    pub device: Device,
    pub ctaphid: CtaphidFacts,
    /// As in `list`: getInfo's firmware version as people write it, else CTAPHID's.
    pub firmware: Option<String>,
    /// getInfo's firmware version only (the text's "Firmware" line).
    pub get_info_firmware: Option<String>,
    pub info: Option<AuthenticatorInfo>,
    pub pin: Option<PinState>,
    /// Keys with a fingerprint sensor only.
    pub fingerprint_sensor: Option<FingerprintSensor>,
}

/// The fingerprint sensor, named as `bio info` names it.
#[derive(Debug, Clone, Serialize)]
pub struct FingerprintSensor {
    /// "touch", "swipe" or "other".
    pub sensor: String,
    pub samples_required: u64,
    pub max_name_bytes: Option<u64>,
}

impl Render for InfoReport {
    fn json(&self) -> Value {
        let mut v = serde_json::json!({
            "device": self.device,
            "firmware": self.firmware,
            "ctaphid": self.ctaphid,
            "info": self.info,
            "pin": self.pin,
        });
        // Present only for keys with a sensor, so other keys' documents keep their shape.
        if let (Some(sensor), Some(doc)) = (&self.fingerprint_sensor, v.as_object_mut()) {
            doc.insert("fingerprint_sensor".into(), serde_json::to_value(sensor).unwrap_or_default());
        }
        v
    }

    fn text(&self) -> String {
        let d = &self.device;
        let mut lines: Vec<(String, String)> = vec![
            ("Device".into(), d.path.clone()),
            ("Product".into(), dash(&d.product)),
            ("VID:PID".into(), dash(&d.vid_pid)),
            (
                "CTAPHID".into(),
                format!(
                    "version {}, device {}, {}",
                    self.ctaphid.protocol_version,
                    self.ctaphid.device_version,
                    self.ctaphid.capabilities.join(" ")
                ),
            ),
        ];
        let Some(info) = &self.info else {
            lines.push((
                "Protocol".into(),
                "U2F only (no FIDO2): PINs, credentials and settings cannot be managed".into(),
            ));
            return table_of(lines);
        };
        lines.push(("AAGUID".into(), info.aaguid_string()));
        lines.push(("Model".into(), dash(&d.model)));
        lines.push(("Versions".into(), info.versions.join(" ")));
        if let Some(f) = &self.get_info_firmware {
            lines.push(("Firmware".into(), f.clone()));
        }
        if let Some(pin) = &self.pin {
            lines.push(("PIN".into(), pin_text(pin)));
            if let Some(m) = pin.min_pin_length {
                lines.push(("Minimum PIN length".into(), m.to_string()));
            }
            if pin.force_pin_change {
                lines.push(("PIN change required".into(), "yes: the PIN must be changed before it can be used".into()));
            }
            if let Some(uv) = pin.uv_retries {
                lines.push(("UV retries".into(), uv.to_string()));
            }
        }
        if let Some(f) = &self.fingerprint_sensor {
            let names = f.max_name_bytes.map_or(String::new(), |n| format!(", names up to {n} bytes"));
            lines.push((
                "Fingerprint sensor".into(),
                format!("{}, {} good samples per finger{names}", f.sensor, f.samples_required),
            ));
        }
        if info.option("largeBlobs") == Some(true) {
            let capacity = info
                .max_serialized_large_blob_array
                .map_or("size not stated (at least 1024 bytes)".to_string(), |c| format!("{c} bytes"));
            lines.push(("Large-blob storage".into(), capacity));
        }
        lines.push(("Extensions".into(), info.extensions.join(" ")));
        let options: Vec<String> = info.options.iter().map(|(k, v)| format!("{k}={v}")).collect();
        lines.push(("Options".into(), options.join(" ")));
        lines.push((
            "PIN protocols".into(),
            info.pin_uv_auth_protocols.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(" "),
        ));
        let algs: Vec<String> = info.algorithms.iter().map(|a| Algorithm::new(a.alg).text()).collect();
        lines.push(("Algorithms".into(), algs.join(" ")));
        if let Some(m) = info.max_msg_size {
            lines.push(("Max message size".into(), m.to_string()));
        }
        if let Some(r) = info.remaining_discoverable_credentials {
            lines.push(("Free credential slots".into(), r.to_string()));
        }
        if !info.transports.is_empty() {
            lines.push(("Transports".into(), info.transports.join(" ")));
        }
        table_of(lines)
    }
}

fn pin_text(pin: &PinState) -> String {
    if !pin.pin_supported {
        return "not supported by this key".into();
    }
    if !pin.pin_set {
        return "not set".into();
    }
    if pin.pin_blocked == Some(true) {
        return "BLOCKED: too many wrong PINs; only a factory reset (which erases the key) makes it usable again"
            .into();
    }
    let mut s = "set".to_string();
    if let Some(r) = pin.pin_retries {
        s.push_str(&format!(", {r} attempts left"));
    }
    if pin.power_cycle_required == Some(true) {
        s.push_str("; three wrong PINs in a row: unplug and re-plug the key before the next try");
    }
    s
}

fn table_of(lines: Vec<(String, String)>) -> String {
    let width = lines.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (k, v) in lines {
        out.push_str(&format!("{k:<width$}  {v}\n"));
    }
    out
}
