//! Rendering of command results: text for people (comfy-table), JSON and CSV for scripts.

pub mod audit;
pub mod bio;
pub mod blobs;
pub mod creds;
pub mod devices;
pub mod enroll;
pub mod exchange;
pub mod journal;
pub mod message;
pub mod notice;
pub mod results;
pub mod ssh;
pub mod text;
pub mod token;
pub mod vocabulary;

use crate::cli::Format;
use serde_json::{json, Value};

pub const SCHEMA_VERSION: u32 = 1;

/// A command's result, renderable in every format it supports.
pub trait Render {
    /// The document's fields (schema_version is added by `render`).
    fn json(&self) -> Value;
    fn text(&self) -> String;
    /// CSV for tabular results; `None` when the command has no table.
    fn csv(&self) -> Option<String> {
        None
    }
}

/// The text to print on stdout, or an error when the format does not apply.
pub fn render(out: &dyn Render, format: Format) -> Result<String, String> {
    match format {
        Format::Text => Ok(out.text()),
        Format::Json => {
            let mut doc = json!({ "schema_version": SCHEMA_VERSION });
            if let (Some(d), Value::Object(fields)) = (doc.as_object_mut(), out.json()) {
                d.extend(fields);
            }
            Ok(serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n")
        }
        Format::Csv => {
            out.csv().ok_or_else(|| "this command has no table to write as CSV; use --format text or json".to_string())
        }
    }
}

/// The JSON error document.
pub fn error_document(code: &str, message: &str, hint: Option<&str>, exit_code: u8) -> String {
    let doc = json!({
        "schema_version": SCHEMA_VERSION,
        "error": { "code": code, "message": message, "hint": hint, "exit_code": exit_code }
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// Quote one CSV field (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// PEM armour: base64 in 64-character lines between BEGIN/END lines.
pub fn pem(label: &str, der: &[u8]) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let lines: Vec<&str> = b64.as_bytes().chunks(64).filter_map(|c| std::str::from_utf8(c).ok()).collect();
    format!("-----BEGIN {label}-----\n{}\n-----END {label}-----\n", lines.join("\n"))
}

pub fn b64url(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
