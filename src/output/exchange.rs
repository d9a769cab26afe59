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

/// Any JSON document with a short text form (the expert commands).
pub struct Exchange {
    pub text: String,
    pub fields: Value,
}

impl Render for Exchange {
    fn json(&self) -> Value {
        self.fields.clone()
    }
    fn text(&self) -> String {
        self.text.clone()
    }
}
