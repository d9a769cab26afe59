//! `fidoctl list` and `fidoctl info`.

use super::vocabulary::{Algorithm, Device};
use super::{csv_field, text, Render};
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

/// A key-provided (or unknown) value for text: escaped, or the empty marker.
fn dash(s: &Option<String>) -> String {
    text::shown(s.as_deref())
}

pub struct DeviceList {
    pub devices: Vec<DeviceEntry>,
}

impl DeviceList {
    /// Every column, or (narrow) the model in place of product and AAGUID, cells wrapped.
    fn table(&self, narrow: bool) -> String {
        let mut table = if narrow {
            text::table(["PATH", "MODEL", "FIRMWARE", "VERSIONS"])
        } else {
            let mut t = Table::new();
            t.load_preset(UTF8_FULL_CONDENSED);
            t.set_header(["PATH", "VID:PID", "PRODUCT", "AAGUID", "MODEL", "FIRMWARE", "VERSIONS"]);
            t
        };
        for entry in &self.devices {
            let d = &entry.device;
            let versions = match &entry.error {
                Some(e) => format!("unreadable: {}", e.message),
                None => entry.versions_text(),
            };
            let firmware = entry.firmware.clone().unwrap_or_else(|| "not reported".into());
            if narrow {
                let model = d.model.as_deref().or(d.product.as_deref()).or(d.aaguid.as_deref());
                table.add_row([d.path.clone(), text::shown(model), firmware, versions]);
            } else {
                table.add_row([
                    d.path.clone(),
                    dash(&d.vid_pid),
                    dash(&d.product),
                    dash(&d.aaguid),
                    dash(&d.model),
                    firmware,
                    versions,
                ]);
            }
        }
        // The path is what `-d` takes: never wrapped.
        if let Some(col) = table.column_mut(0) {
            col.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
        }
        format!("{table}\n")
    }
}

impl Render for DeviceList {
    fn json(&self) -> Value {
        serde_json::json!({ "devices": self.devices })
    }

    fn text(&self) -> String {
        let full = self.table(false);
        if text::widest(&full) <= text::width() {
            full
        } else {
            self.table(true)
        }
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
                text::escape_control(d.product.as_deref().unwrap_or_default()),
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
    /// `-v`: the text also lists getInfo's options under their CTAP names.
    pub raw_options: bool,
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
            return text::key_values(&lines);
        };
        lines.push(("AAGUID".into(), info.aaguid_string()));
        lines.push(("Model".into(), dash(&d.model)));
        lines.push(("Versions".into(), info.versions.join(" ")));
        lines.push(("Firmware".into(), self.firmware_text()));
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
        if let Some(m) = info.max_pin_length {
            lines.push(("Maximum PIN length".into(), m.to_string()));
        }
        if let Some(policy) = info.pin_complexity_policy {
            let mut s = if policy { "enforced by the key" } else { "none" }.to_string();
            if let Some(url) = info.pin_complexity_policy_url_text() {
                s.push_str(&format!(" (policy: {})", text::escape_control(url)));
            }
            lines.push(("PIN complexity policy".into(), s));
        }
        if let Some(n) = info.uv_count_since_last_pin_entry {
            lines.push(("UV uses since PIN".into(), n.to_string()));
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
        lines.extend(settings_lines(info));
        if info.long_touch_for_reset == Some(true) {
            lines.push(("Reset".into(), "needs a long touch (several seconds) on the key".into()));
        }
        if !info.transports_for_reset.is_empty() {
            lines.push(("Reset possible over".into(), info.transports_for_reset.join(" ")));
        }
        lines.push(("Extensions".into(), info.extensions.join(" ")));
        lines.push((
            "PIN protocols".into(),
            info.pin_uv_auth_protocols.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(" "),
        ));
        let algs: Vec<String> = info.algorithms.iter().map(|a| Algorithm::new(a.alg).text()).collect();
        lines.push(("Algorithms".into(), algs.join(" ")));
        if !info.attestation_formats.is_empty() {
            lines.push(("Attestation formats".into(), info.attestation_formats.join(" ")));
        }
        if let Some(m) = info.max_msg_size {
            lines.push(("Max message size".into(), m.to_string()));
        }
        if let Some(r) = info.remaining_discoverable_credentials {
            lines.push(("Free credential slots".into(), r.to_string()));
        }
        if !info.transports.is_empty() {
            lines.push(("Transports".into(), info.transports.join(" ")));
        }
        if info.enc_identifier.is_some() || info.enc_cred_store_state.is_some() {
            let mut what = Vec::new();
            if info.enc_identifier.is_some() {
                what.push("identifier");
            }
            if info.enc_cred_store_state.is_some() {
                what.push("credential-store state");
            }
            lines.push(("Read-only tokens".into(), format!("supported (encrypted {})", what.join(" and "))));
        }
        if self.raw_options {
            let options: Vec<String> = info.options.iter().map(|(k, v)| format!("{k}={v}")).collect();
            lines.push(("CTAP options".into(), options.join(" ")));
        }
        if !info.authenticator_config_commands.is_empty() {
            let cmds: Vec<String> =
                info.authenticator_config_commands.iter().map(|c| config_command_name(*c)).collect();
            lines.push(("Settings commands".into(), cmds.join(", ")));
        }
        text::key_values(&lines)
    }
}

impl InfoReport {
    /// The Firmware line: what getInfo says, else what CTAPHID says, else that nothing does.
    fn firmware_text(&self) -> String {
        match (&self.get_info_firmware, &self.firmware) {
            (Some(f), _) => f.clone(),
            (None, Some(f)) => format!("{f} (CTAPHID device version)"),
            (None, None) => "not reported by the key".into(),
        }
    }
}

/// One word per option value: "on"/"off", or "not supported" when the option is absent.
fn on_off(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "on",
        Some(false) => "off",
        None => "not supported",
    }
}

/// The getInfo options in help-desk words (the raw names are in --json and -v).
fn settings_lines(info: &AuthenticatorInfo) -> Vec<(String, String)> {
    let mut lines: Vec<(String, String)> = Vec::new();
    let mut push = |k: &str, v: String| lines.push((k.into(), v));
    push("Always require UV", on_off(info.option("alwaysUv")).into());
    let cm = match (info.option("credMgmt"), info.option("credentialMgmtPreview")) {
        (Some(true), _) => "yes",
        (_, Some(true)) => "yes (preview version)",
        _ => "no",
    };
    push("Credential management", cm.into());
    let rk = if info.option("rk") == Some(true) { "yes" } else { "no" };
    push("Discoverable creds", rk.into());
    if let Some(uv) = info.option("uv") {
        let s = if uv { "yes (set up)" } else { "yes (not set up yet)" };
        push("Built-in verification", s.into());
    }
    if info.option("bioEnroll").is_some() || info.option("userVerificationMgmtPreview").is_some() {
        push("Fingerprint enrolment", "supported".into());
    }
    if let Some(ep) = info.option("ep") {
        push("Enterprise attestation", if ep { "on" } else { "off" }.into());
    }
    if info.option("authnrCfg") == Some(true) {
        push("Settings changeable", "yes".into());
    }
    if info.option("setMinPINLength") == Some(true) {
        push("Raise min. PIN length", "yes".into());
    }
    if info.option("makeCredUvNotRqd") == Some(true) {
        push("PIN to register a site", "only for discoverable credentials".into());
    }
    if info.option("up") == Some(false) {
        push("Touch", "this key cannot check for a touch".into());
    }
    if info.option("plat") == Some(true) {
        push("Platform authenticator", "yes".into());
    }
    lines
}

/// authenticatorConfig subcommands by the names the specification gives them.
fn config_command_name(c: u64) -> String {
    match c {
        0x01 => "enable enterprise attestation".into(),
        0x02 => "toggle always-UV".into(),
        0x03 => "set minimum PIN length".into(),
        0xFF => "vendor prototype".into(),
        n => format!("0x{n:02x}"),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::Backend;

    fn report(info: AuthenticatorInfo, get_info_firmware: Option<&str>, firmware: Option<&str>) -> InfoReport {
        InfoReport {
            device: Device {
                path: "/dev/hidraw3".into(),
                backend: Backend::Hid,
                vid_pid: Some("1050:0407".into()),
                product: Some("Evil\u{1b}[2JKey".into()),
                manufacturer: None,
                aaguid: Some(info.aaguid_string()),
                model: None,
            },
            ctaphid: CtaphidFacts { protocol_version: 2, device_version: "5.7.1".into(), capabilities: vec!["cbor"] },
            firmware: firmware.map(String::from),
            get_info_firmware: get_info_firmware.map(String::from),
            info: Some(info),
            pin: Some(PinState { pin_supported: true, ..PinState::default() }),
            fingerprint_sensor: None,
            raw_options: false,
        }
    }

    /// The value labelled `label`, its wrapped continuation lines joined again.
    fn value(text: &str, label: &str) -> String {
        let lines: Vec<&str> = text.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.strip_prefix(label).is_some_and(|rest| rest.starts_with("  ")))
            .unwrap_or_else(|| panic!("no {label:?} line in\n{text}"));
        let mut parts = vec![lines[at][label.len()..].trim()];
        parts.extend(lines[at + 1..].iter().take_while(|l| l.starts_with(' ')).map(|l| l.trim()));
        parts.join(" ")
    }

    fn ctap22_info() -> AuthenticatorInfo {
        let mut info = AuthenticatorInfo { versions: vec!["FIDO_2_2".into()], ..Default::default() };
        for (k, v) in [("alwaysUv", false), ("clientPin", false), ("credMgmt", true), ("rk", true)] {
            info.options.insert(k.into(), v);
        }
        info.max_pin_length = Some(63);
        info.pin_complexity_policy = Some(true);
        info.pin_complexity_policy_url = Some(b"https://example.com/pin-policy".to_vec());
        info.long_touch_for_reset = Some(true);
        info.transports_for_reset = vec!["usb".into(), "nfc".into()];
        info.attestation_formats = vec!["packed".into(), "none".into()];
        info.uv_count_since_last_pin_entry = Some(3);
        info.enc_identifier = Some(vec![1; 32]);
        info.enc_cred_store_state = Some(vec![2; 32]);
        info.authenticator_config_commands = vec![1, 2, 3];
        info
    }

    #[test]
    fn info_speaks_help_desk_words_and_keeps_ctap_names_for_verbose() {
        let r = report(ctap22_info(), Some("5.7.1"), Some("5.7.1"));
        let text = r.text();
        assert_eq!(value(&text, "Always require UV"), "off");
        assert_eq!(value(&text, "PIN"), "not set");
        assert!(!text.contains("alwaysUv") && !text.contains("credMgmt"), "raw names only with -v:\n{text}");
        let verbose = InfoReport { raw_options: true, ..r }.text();
        assert!(verbose.contains("alwaysUv=false"), "{verbose}");
    }

    #[test]
    fn info_shows_the_ctap_2_2_fields() {
        let text = report(ctap22_info(), Some("5.7.1"), Some("5.7.1")).text();
        for (label, expected) in [
            ("Maximum PIN length", "63"),
            ("PIN complexity policy", "enforced by the key (policy: https://example.com/pin-policy)"),
            ("UV uses since PIN", "3"),
            ("Reset", "needs a long touch (several seconds) on the key"),
            ("Reset possible over", "usb nfc"),
            ("Attestation formats", "packed none"),
            ("Read-only tokens", "supported (encrypted identifier and credential-store state)"),
            ("Settings commands", "enable enterprise attestation, toggle always-UV, set minimum PIN length"),
        ] {
            assert_eq!(value(&text, label), expected, "{text}");
        }
    }

    #[test]
    fn info_always_has_a_firmware_line() {
        let info = AuthenticatorInfo { versions: vec!["FIDO_2_0".into()], ..Default::default() };
        let text = report(info.clone(), None, Some("5.7.1")).text();
        assert_eq!(value(&text, "Firmware"), "5.7.1 (CTAPHID device version)");
        let text = report(info, None, None).text();
        assert_eq!(value(&text, "Firmware"), "not reported by the key");
    }

    #[test]
    fn key_strings_are_escaped_in_info() {
        let text = report(ctap22_info(), None, None).text();
        assert!(!text.contains('\u{1b}') && text.contains("Evil\\u{1b}[2JKey"), "{text}");
    }
}
