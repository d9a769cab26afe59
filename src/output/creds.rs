//! `fidoctl creds list`.

use super::{b64url, csv_field, Render};
use crate::output::vocabulary::{Algorithm, Device};
use crate::ssh::SshKeySummary;
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
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
        None => "-".into(),
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
        let mut out = format!(
            "{}: {} discoverable credential(s), room for {} more.\n",
            self.device, self.existing, self.remaining
        );
        if let Some(file) = &self.read_only_token {
            out.push_str(&format!("(Read with the stored read-only token {file}; no PIN was needed.)\n"));
        }
        if self.rps.is_empty() {
            return out;
        }
        let mut table = Table::new();
        table.load_preset(UTF8_FULL_CONDENSED);
        table.set_header(["RP ID", "USER NAME", "DISPLAY NAME", "USER ID", "CREDENTIAL ID", "CRED PROTECT", "ALG"]);
        for rp in &self.rps {
            for c in &rp.credentials {
                table.add_row([
                    rp.rp_id.clone(),
                    c.user_name.clone().unwrap_or_else(|| "-".into()),
                    c.display_name.clone().unwrap_or_else(|| "-".into()),
                    c.user_id.clone(),
                    c.credential_id.clone(),
                    protect_text(c.cred_protect),
                    c.algorithm.map_or_else(|| "-".into(), |a| a.text()),
                ]);
            }
        }
        out.push_str(&format!("{table}\n"));
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
                    rp.rp_id.clone(),
                    c.user_name.clone().unwrap_or_default(),
                    c.display_name.clone().unwrap_or_default(),
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
        s.user.as_deref().map(printable).unwrap_or_else(|| "-".into()),
        s.fingerprint,
        credential_id,
        s.public_key
    )
}

/// The user id is the key's data: control characters are shown escaped, never sent to the terminal.
fn printable(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() }).collect()
}
