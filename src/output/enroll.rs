//! `fidoctl enroll`: the plan (dry run), the refusal, or the enrolment record.

use super::vocabulary::Device;
use super::Render;
use crate::audit::verdict::Verdict;
use crate::commands::enroll::plan::Step;
use crate::journal::record::User;
use serde::Serialize;
use serde_json::Value;

/// Who the key is, as the enrolment record states it.
#[derive(Debug, Clone, Serialize)]
pub struct KeyIdentity {
    pub aaguid: Option<String>,
    pub model: Option<String>,
    pub firmware: Option<String>,
    pub versions: Vec<String>,
}

/// An audit of the key with the enrolment's policy: before, and after.
#[derive(Debug, Clone, Serialize)]
pub struct AuditPass {
    /// pass | fail | unknown
    pub result: String,
    pub verdicts: Vec<Verdict>,
}

/// The enrolment error, when a step failed half-way (the same fields as the error document).
#[derive(Debug, Clone, Serialize)]
pub struct StepError {
    pub code: String,
    pub message: String,
    pub hint: Option<String>,
    pub exit_code: u8,
}

#[derive(Debug, Clone, Serialize)]
pub struct EnrollReport {
    pub device: Device,
    pub policy: String,
    /// planned (dry run) | refused | enrolled | not_compliant | interrupted
    pub result: String,
    pub dry_run: bool,
    /// `--for NAME`.
    #[serde(rename = "for")]
    pub enrolled_for: Option<String>,
    pub operator: User,
    pub key: KeyIdentity,
    pub audit_before: AuditPass,
    /// Why enrolment stopped before writing anything (empty unless `refused`).
    pub refused_because: Vec<Verdict>,
    pub steps: Vec<Step>,
    /// Null unless the steps ran to the end.
    pub audit_after: Option<AuditPass>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<StepError>,
}

fn status_text(s: &Step) -> &'static str {
    use crate::commands::enroll::plan::Status;
    match s.status {
        Status::WillDo => "will do",
        Status::Already => "already so",
        Status::Unsupported => "NOT SUPPORTED by this key",
        Status::Skipped => "skipped (not supported, optional)",
        Status::Applied => "applied",
        Status::Failed => "FAILED",
        Status::NotReached => "not reached",
    }
}

impl Render for EnrollReport {
    fn json(&self) -> Value {
        serde_json::to_value(self).unwrap_or_default()
    }

    fn text(&self) -> String {
        use super::text::{escape_control, key_values, width, wrap};
        let or = |v: &Option<String>| v.as_deref().map_or_else(|| "unknown".into(), escape_control);
        let mut out = key_values(&[
            ("Key".into(), self.device.path.clone()),
            ("Model".into(), or(&self.key.model)),
            ("AAGUID".into(), or(&self.key.aaguid)),
            ("Firmware".into(), or(&self.key.firmware)),
            ("For".into(), or(&self.enrolled_for)),
            ("Operator".into(), self.operator.name.clone().unwrap_or_else(|| format!("uid {}", self.operator.uid))),
            ("Policy".into(), self.policy.clone()),
            ("Audit before".into(), self.audit_before.result.to_string()),
        ]);
        // Indented items, wrapped to the terminal so long reasons stay readable at 80 columns.
        let item = |out: &mut String, text: String| {
            for (i, line) in wrap(&text, width().saturating_sub(4).max(20)).iter().enumerate() {
                out.push_str(if i == 0 { "  - " } else { "    " });
                out.push_str(line);
                out.push('\n');
            }
        };
        for v in &self.refused_because {
            item(&mut out, format!("refused: {}: {}", v.rule, v.reason));
        }
        out += "Steps\n";
        for s in &self.steps {
            item(&mut out, format!("{}: {} ({})", s.detail, status_text(s), s.step.name()));
        }
        if let Some(after) = &self.audit_after {
            out += &format!("{:<14}{}\n", "Audit after", after.result);
            for v in after.verdicts.iter().filter(|v| v.result != crate::audit::Outcome::Pass) {
                item(&mut out, format!("{}: {} ({})", v.rule, super::audit::outcome_word(v.result), v.reason));
            }
        }
        out += match self.result.as_str() {
            "planned" => "Dry run: nothing was written to the key.\n",
            "refused" => "Enrolment refused: nothing was written to the key.\n",
            "enrolled" => "Enrolled: the key meets the policy.\n",
            "not_compliant" => "The steps were applied, but the key still fails the policy (see above).\n",
            _ => "Enrolment stopped part-way: the steps marked applied are on the key; run the same command again to finish.\n",
        };
        out
    }
}
