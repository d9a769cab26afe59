//! `fidoctl audit`.

use super::{csv_field, Render};
use crate::audit::verdict::{Outcome, Summary};
use crate::audit::{KeyFacts, Verdict};
use crate::output::devices::ReadError;
use crate::output::vocabulary::Device;
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, Serialize)]
pub struct KeyAudit {
    pub device: Device,
    /// `None` when the key could not be read (then `error` says why).
    pub facts: Option<KeyFacts>,
    pub verdicts: Vec<Verdict>,
    /// pass | fail | unknown, or "error" for a key that could not be read.
    pub result: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ReadError>,
}

/// The metadata BLOB an audit used.
#[derive(Debug, Clone, Serialize)]
pub struct MetadataSummary {
    pub no: u64,
    pub next_update: String,
    pub entries: usize,
}

pub struct AuditReport {
    pub policy_source: String,
    pub metadata: Option<MetadataSummary>,
    pub keys: Vec<KeyAudit>,
    pub summary: Summary,
    /// Most keys being read at the same moment (shows the reads ran in parallel).
    pub max_in_flight: usize,
}

/// What a stored read-only token showed about one key, in a sentence (or that it ended).
fn read_only_line(path: &str, f: &KeyFacts) -> Option<String> {
    if let Some(ro) = &f.read_only {
        let creds = match (&ro.discoverable_credentials, &ro.credentials_per_rp) {
            (Some(n), Some(rps)) => format!("{n} discoverable credential(s) for {} RP(s)", rps.len()),
            _ => "credentials not read".into(),
        };
        let store = match ro.cred_store_changed {
            Some(true) => format!("credentials CHANGED since the token of {}", ro.token_created),
            Some(false) => format!("credentials unchanged since the token of {}", ro.token_created),
            None => "whether credentials changed is not known".into(),
        };
        return Some(format!("{path}: identifier {}; {creds}; {store}.\n", ro.identifier));
    }
    f.read_only_token_ended.as_ref().map(|file| {
        format!("{path}: the stored read-only token {file} no longer works (PIN changed or key reset); run `fidoctl token create --read-only` again.\n")
    })
}

pub fn outcome_word(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "pass",
        Outcome::Fail => "fail",
        Outcome::Unknown => "unknown",
    }
}

impl Render for AuditReport {
    fn json(&self) -> Value {
        let mut summary = serde_json::to_value(self.summary).unwrap_or_default();
        summary["max_in_flight"] = serde_json::json!(self.max_in_flight);
        serde_json::json!({
            "policy": self.policy_source,
            "metadata": self.metadata,
            "keys": self.keys,
            "summary": summary,
        })
    }

    fn text(&self) -> String {
        let mut table = Table::new();
        table.load_preset(UTF8_FULL_CONDENSED);
        table.set_header(["KEY", "MODEL", "FIRMWARE", "PIN", "RESULT", "WHY"]);
        for k in &self.keys {
            let (model, firmware, pin) = match &k.facts {
                Some(f) => (
                    f.model.clone().or_else(|| f.aaguid.clone()).unwrap_or_else(|| "-".into()),
                    f.firmware_version_text.clone().unwrap_or_else(|| "unknown".into()),
                    match (f.pin_set, f.pin_retries) {
                        (Some(true), Some(r)) => format!("set, {r} left"),
                        (Some(true), None) => "set".into(),
                        (Some(false), _) => "not set".into(),
                        _ => "-".into(),
                    },
                ),
                None => ("-".into(), "-".into(), "-".into()),
            };
            let why = match &k.error {
                Some(e) => e.message.clone(),
                None => k
                    .verdicts
                    .iter()
                    .filter(|v| v.result != Outcome::Pass)
                    .map(|v| format!("{}: {}", v.rule, v.reason))
                    .collect::<Vec<_>>()
                    .join("\n"),
            };
            table.add_row([k.device.path.clone(), model, firmware, pin, k.result.to_uppercase(), why]);
        }
        let s = &self.summary;
        let mut out = format!(
            "{table}\n{} key(s): {} passed, {} failed, {} unknown, {} unreadable (policy: {}).\n",
            s.keys, s.passed, s.failed, s.unknown, s.unreadable, self.policy_source
        );
        for k in &self.keys {
            if let Some(line) = k.facts.as_ref().and_then(|f| read_only_line(&k.device.path, f)) {
                out.push_str(&line);
            }
        }
        out
    }

    fn csv(&self) -> Option<String> {
        let mut out = String::from(
            "device,vid_pid,product,aaguid,model,versions,firmware,pin_set,pin_retries,min_pin_length,always_uv,result,failed_rules,unknown_rules,error\n",
        );
        for k in &self.keys {
            let f = k.facts.clone().unwrap_or_default();
            let rules = |o: Outcome| {
                k.verdicts.iter().filter(|v| v.result == o).map(|v| v.rule.clone()).collect::<Vec<_>>().join(" ")
            };
            let opt = |v: Option<String>| v.unwrap_or_default();
            let fields = [
                k.device.path.clone(),
                opt(f.vid_pid.clone()),
                opt(f.product.clone()),
                opt(f.aaguid.clone()),
                opt(f.model.clone()),
                f.versions.join(" "),
                opt(f.firmware_version_text.clone()),
                opt(f.pin_set.map(|b| b.to_string())),
                opt(f.pin_retries.map(|r| r.to_string())),
                opt(f.min_pin_length.map(|r| r.to_string())),
                opt(f.always_uv.map(|b| b.to_string())),
                k.result.clone(),
                rules(Outcome::Fail),
                rules(Outcome::Unknown),
                k.error.as_ref().map(|e| e.message.clone()).unwrap_or_default(),
            ];
            out.push_str(&fields.iter().map(|x| csv_field(x)).collect::<Vec<_>>().join(","));
            out.push('\n');
        }
        Some(out)
    }
}
