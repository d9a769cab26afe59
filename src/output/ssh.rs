//! `fidoctl ssh list` and `fidoctl ssh export`.

use super::creds::ssh_key_text;
use super::Render;
use crate::ssh::SshKeySummary;
use serde::Serialize;
use serde_json::Value;

/// One resident SSH key: its credential id and the `ssh` object of `creds list`.
#[derive(Debug, Clone, Serialize)]
pub struct SshKeyRow {
    pub credential_id: String,
    #[serde(flatten)]
    pub ssh: SshKeySummary,
}

pub struct SshKeyList {
    pub device: String,
    pub keys: Vec<SshKeyRow>,
}

impl Render for SshKeyList {
    fn json(&self) -> Value {
        serde_json::json!({ "device": self.device, "keys": self.keys })
    }

    fn text(&self) -> String {
        if self.keys.is_empty() {
            return format!("{}: no SSH keys (no resident credential for ssh: or ssh:NAME).\n", self.device);
        }
        let mut out = format!("{}: {} SSH key(s).\n", self.device, self.keys.len());
        for k in &self.keys {
            out.push_str(&ssh_key_text(&k.ssh, &k.credential_id));
        }
        out
    }
}

/// One exported key: the two files written for it.
#[derive(Debug, Clone, Serialize)]
pub struct ExportedKey {
    pub credential_id: String,
    pub application: String,
    pub fingerprint: String,
    pub private_key_file: String,
    pub public_key_file: String,
}

pub struct SshExport {
    pub device: String,
    pub directory: String,
    pub exported: Vec<ExportedKey>,
}

impl Render for SshExport {
    fn json(&self) -> Value {
        serde_json::json!({ "device": self.device, "directory": self.directory, "exported": self.exported })
    }

    fn text(&self) -> String {
        if self.exported.is_empty() {
            return format!("{}: no SSH keys to export; nothing was written.\n", self.device);
        }
        let mut out = String::new();
        for e in &self.exported {
            out.push_str(&format!(
                "Wrote {} and {} ({} {}).\n",
                e.private_key_file, e.public_key_file, e.application, e.fingerprint
            ));
        }
        out
    }
}
