//! `fidoctl test`, `make-credential`, `get-assertion`.

use super::vocabulary::{Algorithm, Device};
use super::Render;
use serde::Serialize;
use serde_json::Value;

/// A health-check step; `id` is stable for scripts, `name` is for people.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub id: StepId,
    pub name: &'static str,
    pub ok: bool,
    pub ms: u64,
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepId {
    Register,
    VerifyAttestation,
    SignIn,
    VerifySignature,
    DeleteCredential,
}

impl StepId {
    pub fn name(self) -> &'static str {
        match self {
            StepId::Register => "register (makeCredential)",
            StepId::VerifyAttestation => "verify attestation",
            StepId::SignIn => "sign in (getAssertion)",
            StepId::VerifySignature => "verify signature",
            StepId::DeleteCredential => "delete test credential",
        }
    }
}

/// What an attestation proves (`make-credential` and `test`).
#[derive(Debug, Clone, Serialize)]
pub struct Attestation {
    /// The attestation statement format: `packed`, `fido-u2f`, `none`, …
    pub format: String,
    pub trust: Trust,
    /// Certificates in the statement (0 for self and none).
    pub chain_length: u64,
    /// The verdict in words.
    pub detail: String,
}

/// The trust result of an attestation. The chain is not checked against a root here (that is
/// `fidoctl audit --attest`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trust {
    /// Signed by an attestation certificate.
    CertificateChain,
    /// Signed by the credential key itself: proves nothing about the make.
    SelfSigned,
    /// No attestation.
    None,
    /// The statement does not verify.
    Invalid,
}

/// The signature counter before (registration) and after (sign-in).
#[derive(Debug, Clone, Serialize)]
pub struct Counter {
    pub before: u32,
    pub after: u32,
    /// `increasing`, `always_zero` (noted, not a failure) or `not_increasing` (a failure).
    pub verdict: CounterVerdict,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CounterVerdict {
    Increasing,
    AlwaysZero,
    NotIncreasing,
}

impl std::fmt::Display for Counter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (before, after) = (self.before, self.after);
        match self.verdict {
            CounterVerdict::AlwaysZero => {
                f.write_str("always 0 (this key does not count signatures; noted, not a failure)")
            }
            CounterVerdict::Increasing => write!(f, "{before} -> {after} (increasing)"),
            CounterVerdict::NotIncreasing => write!(f, "{before} -> {after} (NOT increasing)"),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct HealthCheck {
    pub device: Device,
    pub rp_id: String,
    pub resident: bool,
    pub uv: bool,
    pub algorithm: Algorithm,
    /// The test credential, base64url.
    pub credential_id: String,
    pub attestation: Attestation,
    pub counter: Counter,
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
        out.push_str(&format!("  attestation: {}\n  counter: {}\n", self.attestation.detail, self.counter));
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
    pub device: Device,
    pub rp_id: String,
    pub credential_id: String,
    pub user_id: String,
    pub aaguid: String,
    pub algorithm: Algorithm,
    pub public_key_cose: String,
    pub public_key_pem: String,
    pub client_data_hash: String,
    pub attestation_format: String,
    pub attestation: Attestation,
    pub attestation_object: String,
    pub authenticator_data: String,
    pub sign_count: u32,
    pub user_verified: bool,
    pub resident: bool,
    /// With --cred-blob: whether the key said it stored the blob.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cred_blob_stored: Option<bool>,
    /// With --large-blob-key: whether the key gave the credential a largeBlobKey.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub large_blob_key: Option<bool>,
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
    /// With --cred-blob: the credBlob stored with the credential (base64url; empty when it has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cred_blob: Option<String>,
}

/// `get-assertion`.
#[derive(Debug, Clone, Serialize)]
pub struct Assertions {
    pub device: Device,
    pub rp_id: String,
    pub client_data_hash: String,
    pub assertions: Vec<AssertionEntry>,
}
