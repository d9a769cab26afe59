//! `fidoctl token create | list | forget`. The token itself is never printed.

use super::vocabulary::Device;
use super::Render;
use serde::Serialize;
use serde_json::{json, Value};

pub struct TokenCreated {
    pub device: Device,
    pub file: String,
    pub identifier: String,
    pub cred_store_state: Option<String>,
    /// The file is in the token folder, where `creds list` and `audit` look.
    pub in_token_dir: bool,
}

impl Render for TokenCreated {
    fn json(&self) -> Value {
        json!({
            "device": self.device,
            "file": self.file,
            "identifier": self.identifier,
            "cred_store_state": self.cred_store_state,
            "in_token_dir": self.in_token_dir,
        })
    }

    fn text(&self) -> String {
        let mut out = format!(
            "Stored a read-only token for {} (identifier {}) in {}.\n",
            self.device.path, self.identifier, self.file
        );
        if self.in_token_dir {
            out.push_str("`fidoctl creds list` and `fidoctl audit` now read this key without the PIN.\n");
        } else {
            out.push_str("This file is outside the token folder: fidoctl uses it only once it is moved there (or --token-dir names its folder).\n");
        }
        out.push_str(
            "Keep the file private: it reads this key's credential list. Changing the key's PIN ends the token.\n",
        );
        out
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TokenRow {
    pub file: String,
    pub identifier: Option<String>,
    pub aaguid: Option<String>,
    pub device_path: Option<String>,
    pub created: Option<String>,
    /// Why the file cannot be used (damaged, readable by others, ...); `None` when it can.
    pub problem: Option<String>,
}

pub struct TokenList {
    pub directory: String,
    pub tokens: Vec<TokenRow>,
}

impl Render for TokenList {
    fn json(&self) -> Value {
        json!({ "directory": self.directory, "tokens": self.tokens })
    }

    fn text(&self) -> String {
        if self.tokens.is_empty() {
            return format!("No stored tokens in {}.\n", self.directory);
        }
        let mut out = format!("{} stored token(s) in {}:\n", self.tokens.len(), self.directory);
        for t in &self.tokens {
            match (&t.identifier, &t.problem) {
                // Two lines per token so each fits 80 columns: the identifier, then its key.
                (Some(id), None) => out.push_str(&format!(
                    "  {id}  made {}\n    for {} (AAGUID {})\n",
                    t.created.as_deref().unwrap_or("unknown"),
                    t.device_path.as_deref().unwrap_or("an unknown key"),
                    t.aaguid.as_deref().unwrap_or("unknown")
                )),
                (_, problem) => {
                    out.push_str(&format!("  {}: not usable: {}\n", t.file, problem.as_deref().unwrap_or("unknown")))
                }
            }
        }
        out
    }
}

pub struct ForgottenTokens {
    pub directory: String,
    pub forgotten: Vec<String>,
}

impl Render for ForgottenTokens {
    fn json(&self) -> Value {
        json!({ "directory": self.directory, "forgotten": self.forgotten })
    }

    fn text(&self) -> String {
        let mut out = String::new();
        for f in &self.forgotten {
            out.push_str(&format!("Deleted {f}.\n"));
        }
        out.push_str("The token itself stays valid on the key until its PIN is changed or it is reset.\n");
        out
    }
}
