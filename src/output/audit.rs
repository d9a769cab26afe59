//! `fidoctl audit`.

use super::{csv_field, text, Render};
use crate::audit::verdict::{Outcome, Summary};
use crate::audit::{KeyFacts, Verdict};
use crate::output::devices::ReadError;
use crate::output::vocabulary::Device;
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
        // The reasons can be long (advisory text): they go under the table, wrapped, not in a column.
        let mut table = text::table(["KEY", "MODEL", "FIRMWARE", "PIN", "RESULT"]);
        let mut reasons = String::new();
        let width = text::width();
        for k in &self.keys {
            let (model, firmware, pin) = match &k.facts {
                Some(f) => (
                    text::shown(f.model.as_deref().or(f.aaguid.as_deref())),
                    f.firmware_version_text.clone().unwrap_or_else(|| "unknown".into()),
                    match (f.pin_set, f.pin_retries) {
                        (Some(true), Some(r)) => format!("set, {r} left"),
                        (Some(true), None) => "set".into(),
                        (Some(false), _) => "not set".into(),
                        _ => "unknown".into(),
                    },
                ),
                None => (text::NONE.into(), "unknown".into(), "unknown".into()),
            };
            let why: Vec<String> = match &k.error {
                Some(e) => vec![e.message.clone()],
                None => k
                    .verdicts
                    .iter()
                    .filter(|v| v.result != Outcome::Pass)
                    .map(|v| format!("{} ({}): {}", v.rule, outcome_word(v.result), v.reason))
                    .collect(),
            };
            if !why.is_empty() {
                reasons.push_str(&format!("\n{}:\n", k.device.path));
                for w in why {
                    for (i, line) in text::wrap(&text::escape_control(&w), width.saturating_sub(4)).iter().enumerate() {
                        reasons.push_str(if i == 0 { "  " } else { "    " });
                        reasons.push_str(line);
                        reasons.push('\n');
                    }
                }
            }
            table.add_row([k.device.path.clone(), model, firmware, pin, k.result.to_uppercase()]);
        }
        // The path is what `-d` takes: never wrapped.
        if let Some(col) = table.column_mut(0) {
            col.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
        }
        let s = &self.summary;
        let mut after = vec![
            format!(
                "{} key(s): {} passed, {} failed, {} unknown, {} unreadable.",
                s.keys, s.passed, s.failed, s.unknown, s.unreadable
            ),
            format!("Policy: {}.", self.policy_source),
        ];
        after.extend(self.keys.iter().filter_map(|k| k.facts.as_ref().and_then(|f| read_only_line(&k.device.path, f))));
        let mut out = format!("{table}\n{reasons}");
        if !reasons.is_empty() {
            out.push('\n');
        }
        for line in after {
            out.push_str(&text::wrap(line.trim_end(), text::width()).join("\n"));
            out.push('\n');
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
                text::escape_control(&opt(f.product.clone())),
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
