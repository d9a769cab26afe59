//! `fidoctl test`, `make-credential`, `get-assertion`.

use super::Render;
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub name: String,
    pub ok: bool,
    pub ms: u64,
    pub detail: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct HealthCheck {
    pub device: String,
    pub rp_id: String,
    pub resident: bool,
    pub uv: bool,
    pub algorithm: String,
    pub attestation: String,
    pub counter: String,
    pub cleaned_up: Option<bool>,
    pub steps: Vec<Step>,
    pub result: String,
}

impl Render for HealthCheck {
    fn json(&self) -> Value {
        serde_json::to_value(self).unwrap_or_default()
    }

    fn text(&self) -> String {
        let mut out =
            format!("Health check of {} ({}):\n", self.device, if self.result == "pass" { "PASSED" } else { "FAILED" });
        for s in &self.steps {
            out.push_str(&format!(
                "  [{}] {:<28} {:>5} ms  {}\n",
                if s.ok { "ok" } else { "!!" },
                s.name,
                s.ms,
                s.detail
            ));
        }
        out.push_str(&format!("  attestation: {}\n  counter: {}\n", self.attestation, self.counter));
        match self.cleaned_up {
            Some(true) => out.push_str("  the test credential was deleted again\n"),
            Some(false) => {
                out.push_str("  the test credential could NOT be deleted: remove it with `fidoctl creds delete`\n")
            }
            None => {}
        }
        out
    }
}

/// An expert command's document with its short text form.
pub struct Exchange<T: Serialize> {
    pub text: String,
    pub fields: T,
}

impl<T: Serialize> Render for Exchange<T> {
    fn json(&self) -> Value {
        serde_json::to_value(&self.fields).unwrap_or_default()
    }
    fn text(&self) -> String {
        self.text.clone()
    }
}

/// `make-credential`.
#[derive(Debug, Clone, Serialize)]
pub struct MadeCredential {
    pub device: String,
    pub rp_id: String,
    pub credential_id: String,
    pub user_id: String,
    pub aaguid: String,
    pub algorithm: String,
    pub public_key_cose: String,
    pub public_key_pem: String,
    pub client_data_hash: String,
    pub attestation_format: String,
    pub attestation: String,
    pub attestation_object: String,
    pub authenticator_data: String,
    pub sign_count: u32,
    pub user_verified: bool,
    pub resident: bool,
}

/// One assertion of `get-assertion`.
#[derive(Debug, Clone, Serialize)]
pub struct AssertionEntry {
    pub credential_id: String,
    pub authenticator_data: String,
    pub signature: String,
    pub sign_count: u32,
    pub user_verified: bool,
    pub user_id: Option<String>,
    pub user_name: Option<String>,
}

/// `get-assertion`.
#[derive(Debug, Clone, Serialize)]
pub struct Assertions {
    pub device: String,
    pub rp_id: String,
    pub client_data_hash: String,
    pub assertions: Vec<AssertionEntry>,
}
