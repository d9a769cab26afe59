//! `fidoctl creds list`.

use super::text;
use super::{b64url, csv_field, Render};
use crate::output::vocabulary::{Algorithm, Device};
use crate::ssh::SshKeySummary;
use comfy_table::{presets::UTF8_FULL_CONDENSED, ColumnConstraint, Table};
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, Serialize)]
pub struct CredentialRow {
    pub credential_id: String,
    pub user_id: String,
    pub user_name: Option<String>,
    pub display_name: Option<String>,
    pub cred_protect: Option<u64>,
    pub algorithm: Option<Algorithm>,
    /// The OpenSSH view of an `ssh:` credential; null for web credentials.
    pub ssh: Option<SshKeySummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RpGroup {
    pub rp_id: String,
    pub rp_name: Option<String>,
    pub credentials: Vec<CredentialRow>,
}

pub struct CredentialList {
    pub device: Device,
    pub existing: u64,
    pub remaining: u64,
    pub rps: Vec<RpGroup>,
    /// The stored read-only token file the list was read with (no PIN); `None`: the PIN.
    pub read_only_token: Option<String>,
}

impl CredentialRow {
    pub fn new(
        credential_id: &[u8],
        user: &crate::proto::entities::User,
        cred_protect: Option<u64>,
        alg: Option<i64>,
        ssh: Option<SshKeySummary>,
    ) -> Self {
        CredentialRow {
            credential_id: b64url(credential_id),
            user_id: b64url(&user.id),
            user_name: user.name.clone(),
            display_name: user.display_name.clone(),
            cred_protect,
            algorithm: alg.map(Algorithm::new),
            ssh,
        }
    }
}

fn protect_text(level: Option<u64>) -> String {
    match level {
        Some(1) => "1 (userVerificationOptional)".into(),
        Some(2) => "2 (userVerificationOptionalWithCredentialIDList)".into(),
        Some(3) => "3 (userVerificationRequired)".into(),
        Some(n) => n.to_string(),
        None => text::NONE.into(),
    }
}

/// "no discoverable credentials", "1 discoverable credential", "N discoverable credentials".
fn count_text(n: u64) -> String {
    match n {
        0 => "no discoverable credentials".into(),
        1 => "1 discoverable credential".into(),
        n => format!("{n} discoverable credentials"),
    }
}

impl CredentialList {
    /// Every column, ids whole: used when it fits the terminal.
    fn full_table(&self) -> String {
        let mut table = Table::new();
        table.load_preset(UTF8_FULL_CONDENSED);
        table.set_header(["RP ID", "USER NAME", "DISPLAY NAME", "USER ID", "CREDENTIAL ID", "CRED PROTECT", "ALG"]);
        for rp in &self.rps {
            for c in &rp.credentials {
                table.add_row([
                    text::escape_control(&rp.rp_id),
                    text::shown(c.user_name.as_deref()),
                    text::shown(c.display_name.as_deref()),
                    c.user_id.clone(),
                    c.credential_id.clone(),
                    protect_text(c.cred_protect),
                    c.algorithm.map_or_else(|| text::NONE.into(), |a| a.text()),
                ]);
            }
        }
        format!("{table}\n")
    }

    /// A narrower layout: user name and display name share a cell and the user id is left to
    /// JSON/CSV. `whole_ids`: ids stay whole (long names wrap around them); else they are
    /// shortened. `protect`: with the credProtect column.
    fn narrow_table(&self, whole_ids: bool, protect: bool, wrap: bool) -> String {
        let mut table = if protect {
            text::table(["RP ID", "USER", "CREDENTIAL ID", "PROTECT", "ALG"])
        } else {
            text::table(["RP ID", "USER", "CREDENTIAL ID", "ALG"])
        };
        if !wrap {
            table.set_content_arrangement(comfy_table::ContentArrangement::Disabled);
        }
        for rp in &self.rps {
            for c in &rp.credentials {
                let mut user = text::shown(c.user_name.as_deref());
                if let Some(d) = c.display_name.as_deref().filter(|d| !d.is_empty()) {
                    user.push('\n');
                    user.push_str(&text::escape_control(d));
                }
                let id = if whole_ids { c.credential_id.clone() } else { text::shorten(&c.credential_id, 6) };
                let mut row = vec![text::escape_control(&rp.rp_id), user, id];
                if protect {
                    row.push(c.cred_protect.map_or_else(|| text::NONE.into(), |p| p.to_string()));
                }
                row.push(c.algorithm.map_or_else(|| text::NONE.into(), |a| a.text()));
                table.add_row(row);
            }
        }
        for i in 2..table.column_count() {
            if let Some(col) = table.column_mut(i) {
                col.set_constraint(ColumnConstraint::ContentWidth);
            }
        }
        format!("{table}\n")
    }

    /// The widest layout that fits the terminal; ids are shortened only when nothing else fits
    /// (the note says where whole ids are).
    fn table_text(&self) -> String {
        let width = text::width();
        let full = self.full_table();
        if text::widest(&full) <= width {
            return full;
        }
        for protect in [true, false] {
            let t = self.narrow_table(true, protect, false);
            if text::widest(&t) <= width {
                return t;
            }
        }
        // Whole ids with the names wrapped beside them, while the names keep ~10 columns each.
        let longest_id = self.rps.iter().flat_map(|rp| &rp.credentials).map(|c| c.credential_id.len()).max();
        if longest_id.unwrap_or(0) + 36 <= width {
            let t = self.narrow_table(true, false, true);
            if text::widest(&t) <= width {
                return t;
            }
        }
        let note = "Ids are shortened to fit; `fidoctl creds list --format csv` shows them whole.";
        format!("{}{}\n", self.narrow_table(false, true, true), text::wrap(note, width).join("\n"))
    }
}

impl Render for CredentialList {
    fn json(&self) -> Value {
        let mut doc = serde_json::json!({
            "device": self.device,
            "existing": self.existing,
            "remaining": self.remaining,
            "rps": self.rps,
        });
        if let Some(file) = &self.read_only_token {
            doc["read_only_token"] = Value::from(file.as_str());
        }
        doc
    }

    fn text(&self) -> String {
        let mut out = format!("{}: {}, room for {} more.\n", self.device, count_text(self.existing), self.remaining);
        if let Some(file) = &self.read_only_token {
            out.push_str(&format!("(Read with the stored read-only token {file}; no PIN was needed.)\n"));
        }
        if self.rps.is_empty() {
            return out;
        }
        out.push_str(&self.table_text());
        let ssh: Vec<(&CredentialRow, &SshKeySummary)> =
            self.rps.iter().flat_map(|rp| &rp.credentials).filter_map(|c| c.ssh.as_ref().map(|s| (c, s))).collect();
        if !ssh.is_empty() {
            out.push_str("\nSSH keys:\n");
            for (c, s) in ssh {
                out.push_str(&ssh_key_text(s, &c.credential_id));
            }
        }
        out
    }

    fn csv(&self) -> Option<String> {
        let mut out = String::from("rp_id,user_name,display_name,user_id,credential_id,cred_protect,algorithm\n");
        for rp in &self.rps {
            for c in &rp.credentials {
                let fields = [
                    text::escape_control(&rp.rp_id),
                    text::escape_control(c.user_name.as_deref().unwrap_or_default()),
                    text::escape_control(c.display_name.as_deref().unwrap_or_default()),
                    c.user_id.clone(),
                    c.credential_id.clone(),
                    c.cred_protect.map(|p| p.to_string()).unwrap_or_default(),
                    c.algorithm.map(|a| a.text()).unwrap_or_default(),
                ];
                out.push_str(&fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
                out.push('\n');
            }
        }
        Some(out)
    }
}

/// One SSH key in text: application, user and fingerprint on a line that fits 80 columns, the
/// credential id, and the public key line (long) alone on its line, ready to copy.
pub fn ssh_key_text(s: &SshKeySummary, credential_id: &str) -> String {
    format!(
        "  {}  user {}  {}\n    credential {}\n    {}\n",
        s.application,
        s.user.as_deref().map(text::escape_control).unwrap_or_else(|| text::NONE.into()),
        s.fingerprint,
        credential_id,
        s.public_key
    )
}
