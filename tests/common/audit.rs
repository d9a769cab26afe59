//! `fidoctl audit`: test-side copies of its JSON document (strict, like [`super::schema`]), an
//! RFC 4180 CSV reader for `--format csv`, the steps that put virtual keys into the states a
//! fleet audit must tell apart, and a test PKI that signs FIDO MDS3 BLOBs (a JWT, ES256 over an
//! x5c chain) under a root the test trusts with `--mds-root`.
//!
//! The PKI is built here with the crates fidoctl already depends on (p256, x509-cert's builder,
//! der, base64, serde_json), independently of src/audit: the tests must catch a verifier that
//! accepts what it should refuse, so they may not share its helpers.

use super::cli::{fidoctl, run_cmd, Run, VirtualKeyFile};
use super::schema::{present, ReadError};
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use p256::ecdsa::{DerSignature, Signature, SigningKey};
use serde::Deserialize;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, SystemTime};
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::der::Encode;
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::{Time, Validity};

/// What `policy` says when no `--policy` is given.
pub const DEFAULT_POLICY: &str = "default (require_pin, forbid_known_vulnerable)";

/// `audit --format csv`'s header, column for column.
pub const CSV_HEADER: &[&str] = &[
    "device",
    "vid_pid",
    "product",
    "aaguid",
    "model",
    "versions",
    "firmware",
    "pin_set",
    "pin_retries",
    "min_pin_length",
    "always_uv",
    "result",
    "failed_rules",
    "unknown_rules",
    "error",
];

// --- the JSON document ------------------------------------------------------------------------

/// `fidoctl audit --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditDocument {
    pub schema_version: u32,
    /// The policy file's path, or [`DEFAULT_POLICY`].
    pub policy: String,
    /// `null` without `--mds`.
    #[serde(deserialize_with = "present")]
    pub metadata: Option<MetadataSummary>,
    pub keys: Vec<KeyAudit>,
    pub summary: Summary,
}

#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MetadataSummary {
    pub no: u64,
    pub next_update: String,
    pub entries: usize,
}

#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub keys: usize,
    pub passed: usize,
    pub failed: usize,
    pub unknown: usize,
    pub unreadable: usize,
    pub exit_code: i32,
    pub max_in_flight: usize,
}

/// A key's overall result.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum KeyResult {
    Pass,
    Fail,
    Unknown,
    /// The key could not be read.
    Error,
}

/// One rule's result.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Pass,
    Fail,
    Unknown,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyAudit {
    pub device: String,
    /// `null` when the key could not be read.
    #[serde(deserialize_with = "present")]
    pub facts: Option<Facts>,
    pub verdicts: Vec<VerdictDoc>,
    pub result: KeyResult,
    /// Only on a key that could not be read.
    #[serde(default)]
    pub error: Option<ReadError>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerdictDoc {
    pub rule: String,
    pub result: Outcome,
    pub reason: String,
}

/// Everything the audit read from one key (every field always printed).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    #[serde(deserialize_with = "present")]
    pub path: Option<String>,
    #[serde(deserialize_with = "present")]
    pub vid_pid: Option<String>,
    #[serde(deserialize_with = "present")]
    pub product: Option<String>,
    pub u2f_only: bool,
    #[serde(deserialize_with = "present")]
    pub aaguid: Option<String>,
    #[serde(deserialize_with = "present")]
    pub model: Option<String>,
    /// "mds" or "aaguid_table".
    #[serde(deserialize_with = "present")]
    pub model_source: Option<String>,
    pub versions: Vec<String>,
    #[serde(deserialize_with = "present")]
    pub firmware_version: Option<u32>,
    #[serde(deserialize_with = "present")]
    pub firmware_version_text: Option<String>,
    /// "getinfo" or "ctaphid_init".
    #[serde(deserialize_with = "present")]
    pub firmware_source: Option<String>,
    #[serde(deserialize_with = "present")]
    pub pin_supported: Option<bool>,
    #[serde(deserialize_with = "present")]
    pub pin_set: Option<bool>,
    #[serde(deserialize_with = "present")]
    pub pin_retries: Option<u32>,
    pub assumed_max_pin_retries: u32,
    #[serde(deserialize_with = "present")]
    pub pin_blocked: Option<bool>,
    #[serde(deserialize_with = "present")]
    pub pin_auth_blocked: Option<bool>,
    #[serde(deserialize_with = "present")]
    pub uv_retries: Option<u32>,
    #[serde(deserialize_with = "present")]
    pub uv_blocked: Option<bool>,
    #[serde(deserialize_with = "present")]
    pub min_pin_length: Option<u32>,
    #[serde(deserialize_with = "present")]
    pub force_pin_change: Option<bool>,
    #[serde(deserialize_with = "present")]
    pub always_uv: Option<bool>,
    #[serde(deserialize_with = "present")]
    pub enterprise_attestation: Option<bool>,
    #[serde(deserialize_with = "present")]
    pub remaining_discoverable_credentials: Option<u32>,
    pub algorithms: Vec<i64>,
    pub pin_protocols: Vec<u32>,
    #[serde(deserialize_with = "present")]
    pub certification_level: Option<String>,
    pub status_reports: Vec<StatusDoc>,
}

/// A metadata status report as the facts show it (dates and versions only when the BLOB had them).
#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct StatusDoc {
    pub status: String,
    #[serde(default)]
    pub effective_date: Option<String>,
    #[serde(default)]
    pub authenticator_version: Option<u32>,
}

impl AuditDocument {
    /// The entry for `device`, which must be there exactly once.
    #[track_caller]
    pub fn key(&self, device: &str) -> &KeyAudit {
        let found: Vec<&KeyAudit> = self.keys.iter().filter(|k| k.device == device).collect();
        assert_eq!(found.len(), 1, "{device} is not in the report exactly once: {:#?}", self.keys);
        found[0]
    }

    pub fn devices(&self) -> Vec<&str> {
        self.keys.iter().map(|k| k.device.as_str()).collect()
    }
}

impl KeyAudit {
    /// The facts of a key that was read.
    #[track_caller]
    pub fn facts(&self) -> &Facts {
        self.facts.as_ref().unwrap_or_else(|| panic!("{} has no facts: {:?}", self.device, self.error))
    }

    /// Fail unless the verdicts are exactly these rules with these results, in this order.
    #[track_caller]
    pub fn expect_verdicts(&self, want: &[(&str, Outcome)]) -> &Self {
        let got: Vec<(&str, Outcome)> = self.verdicts.iter().map(|v| (v.rule.as_str(), v.result)).collect();
        assert_eq!(got, want, "verdicts of {}:\n{:#?}", self.device, self.verdicts);
        self
    }

    /// The verdict for `rule`, which must be there.
    #[track_caller]
    pub fn verdict(&self, rule: &str) -> &VerdictDoc {
        self.verdicts
            .iter()
            .find(|v| v.rule == rule)
            .unwrap_or_else(|| panic!("{} has no {rule} verdict: {:#?}", self.device, self.verdicts))
    }

    /// The reason given for `rule`.
    #[track_caller]
    pub fn reason(&self, rule: &str) -> &str {
        &self.verdict(rule).reason
    }
}

// --- CSV ------------------------------------------------------------------------------------

/// RFC 4180: records end with LF (CRLF accepted), fields are separated by commas, a field in
/// double quotes may hold commas, line breaks and doubled quotes. Anything else (a stray quote
/// inside an unquoted field, text after a closing quote, an unterminated quote) is an error.
pub fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    // Whether the current field was quoted (it then ended at its closing quote).
    let mut quoted = false;
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
                loop {
                    match chars.next() {
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        Some('"') => break,
                        Some(c) => {
                            if c == '\n' {
                                line += 1;
                            }
                            field.push(c);
                        }
                        None => return Err(format!("line {line}: unterminated quoted field")),
                    }
                }
                match chars.peek() {
                    None | Some(',') | Some('\n') | Some('\r') => {}
                    Some(other) => return Err(format!("line {line}: {other:?} after a closing quote")),
                }
            }
            '"' => return Err(format!("line {line}: a quote inside an unquoted field")),
            ',' => {
                record.push(std::mem::take(&mut field));
                quoted = false;
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                quoted = false;
                at_field_start = true;
                line += 1;
            }
            c => {
                if quoted {
                    return Err(format!("line {line}: text after a closing quote"));
                }
                at_field_start = false;
                field.push(c);
            }
        }
    }
    if !at_field_start || !record.is_empty() {
        return Err(format!("line {line}: the last record does not end with a line break"));
    }
    Ok(records)
}

/// `audit --format csv` read into a header and named rows.
#[derive(Debug)]
pub struct CsvTable {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl CsvTable {
    /// Parse `run`'s stdout; every row must have as many fields as the header.
    #[track_caller]
    pub fn of(run: &Run) -> CsvTable {
        let mut records =
            parse_csv(&run.stdout).unwrap_or_else(|e| panic!("stdout is not CSV: {e}\n{}", run.describe()));
        assert!(!records.is_empty(), "no CSV header\n{}", run.describe());
        let header = records.remove(0);
        for (i, r) in records.iter().enumerate() {
            assert_eq!(
                r.len(),
                header.len(),
                "row {} has {} fields, the header {}\n{}",
                i + 1,
                r.len(),
                header.len(),
                run.describe()
            );
        }
        CsvTable { header, rows: records }
    }

    /// The row whose `device` column is `device` (exactly one).
    #[track_caller]
    pub fn row(&self, device: &str) -> CsvRow<'_> {
        let col = self.column("device");
        let found: Vec<&Vec<String>> = self.rows.iter().filter(|r| r[col] == device).collect();
        assert_eq!(found.len(), 1, "{device} is not in the CSV exactly once: {:#?}", self.rows);
        CsvRow { table: self, fields: found[0] }
    }

    #[track_caller]
    fn column(&self, name: &str) -> usize {
        self.header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no CSV column {name}: {:?}", self.header))
    }
}

pub struct CsvRow<'a> {
    table: &'a CsvTable,
    fields: &'a [String],
}

impl CsvRow<'_> {
    #[track_caller]
    pub fn get(&self, column: &str) -> &str {
        &self.fields[self.table.column(column)]
    }
}

// --- running audits and preparing keys --------------------------------------------------------

/// `fidoctl -d D1 -d D2 ... audit ARGS...` with `env` set.
pub fn audit_env(devices: &[String], args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = fidoctl();
    for d in devices {
        cmd.arg("-d").arg(d);
    }
    cmd.arg("audit").args(args).envs(env.iter().copied());
    run_cmd(&mut cmd)
}

/// `fidoctl -d D1 -d D2 ... audit ARGS...`
pub fn audit(devices: &[String], args: &[&str]) -> Run {
    audit_env(devices, args, &[])
}

/// An audit that must end with `exit`, decoded.
#[track_caller]
pub fn audit_json(devices: &[String], args: &[&str], exit: i32) -> AuditDocument {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let run = audit(devices, &all);
    run.expect_code(exit);
    let doc: AuditDocument = run.json();
    assert_eq!(doc.schema_version, 1);
    assert_eq!(doc.summary.exit_code, exit, "summary.exit_code\n{}", run.describe());
    assert_eq!(doc.summary.keys, doc.keys.len(), "summary.keys\n{}", run.describe());
    doc
}

/// `fidoctl -d KEY ARGS...` with `env`, which must succeed.
#[track_caller]
pub fn on_key(key: &VirtualKeyFile, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = fidoctl();
    cmd.arg("-d").arg(key.selector()).args(args).envs(env.iter().copied());
    let run = run_cmd(&mut cmd);
    run.success();
    run
}

#[track_caller]
pub fn set_pin(key: &VirtualKeyFile, pin: &str) {
    on_key(key, &["pin", "set"], &[("FIDOCTL_NEW_PIN", pin)]);
}

#[track_caller]
pub fn raise_min_pin_length(key: &VirtualKeyFile, pin: &str, length: u32) {
    on_key(key, &["pin", "min-length", &length.to_string(), "--yes"], &[("FIDOCTL_PIN", pin)]);
}

#[track_caller]
pub fn always_uv_on(key: &VirtualKeyFile, pin: &str) {
    on_key(key, &["config", "always-uv", "on", "--yes"], &[("FIDOCTL_PIN", pin)]);
}

/// `pin verify` with a wrong PIN, `times` times (each answered "wrong PIN", exit 4).
#[track_caller]
pub fn enter_wrong_pins(key: &VirtualKeyFile, wrong: &str, times: usize) {
    for _ in 0..times {
        let mut cmd = fidoctl();
        cmd.arg("-d").arg(key.selector()).args(["pin", "verify"]).env("FIDOCTL_PIN", wrong);
        run_cmd(&mut cmd).expect_code(4).stderr_has("The PIN is wrong.");
    }
}

/// The DER of a virtual key's own test CA (`attestation.ca_cert` in its state file, hex).
#[track_caller]
pub fn attestation_ca_of(key: &VirtualKeyFile) -> Vec<u8> {
    let state = key.state();
    let hex_text = state["attestation"]["ca_cert"].as_str().expect("attestation.ca_cert in the state file");
    hex::decode(hex_text).expect("attestation.ca_cert is hex")
}

/// Write `text` to DIR/NAME and return the path.
pub fn write_file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write test file");
    path
}

// --- a test PKI and signed MDS3 BLOBs ---------------------------------------------------------

/// A certificate and its P-256 key.
pub struct TestCert {
    pub der: Vec<u8>,
    pub name: Name,
    pub key: SigningKey,
}

fn validity() -> Validity {
    // From a day ago (so "now" is well inside) to ten years ahead.
    let now = SystemTime::now();
    Validity {
        not_before: Time::try_from(now - Duration::from_secs(86_400)).unwrap(),
        not_after: Time::try_from(now + Duration::from_secs(10 * 365 * 86_400)).unwrap(),
    }
}

fn serial(n: u8) -> SerialNumber {
    SerialNumber::new(&[0x40, n, 0x5a, 0xa5]).unwrap()
}

impl TestCert {
    fn issue(profile: Profile, subject: &str, serial_no: u8, signer: Option<&TestCert>) -> TestCert {
        let key = SigningKey::random(&mut rand_core::OsRng);
        let name = Name::from_str(subject).unwrap();
        let spki = SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).unwrap();
        let signing = signer.map_or(&key, |s| &s.key);
        let cert = CertificateBuilder::new(profile, serial(serial_no), validity(), name.clone(), spki, signing)
            .unwrap()
            .build::<DerSignature>()
            .unwrap();
        TestCert { der: cert.to_der().unwrap(), name, key }
    }

    /// A self-signed root CA.
    pub fn root(cn: &str) -> TestCert {
        TestCert::issue(Profile::Root, &format!("CN={cn},O=fidoctl audit tests"), 1, None)
    }

    /// An intermediate CA under `issuer`.
    pub fn intermediate(cn: &str, issuer: &TestCert) -> TestCert {
        let profile = Profile::SubCA { issuer: issuer.name.clone(), path_len_constraint: Some(0) };
        TestCert::issue(profile, &format!("CN={cn},O=fidoctl audit tests"), 2, Some(issuer))
    }

    /// An end-entity (signing) certificate under `issuer`.
    pub fn leaf(cn: &str, issuer: &TestCert) -> TestCert {
        let profile =
            Profile::Leaf { issuer: issuer.name.clone(), enable_key_agreement: false, enable_key_encipherment: false };
        TestCert::issue(profile, &format!("CN={cn},O=fidoctl audit tests"), 3, Some(issuer))
    }

    /// PEM, as `--mds-root` reads it.
    pub fn pem(&self) -> String {
        let b64 = STANDARD.encode(&self.der);
        let lines: Vec<&str> = b64.as_bytes().chunks(64).map(|c| std::str::from_utf8(c).unwrap()).collect();
        format!("-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n", lines.join("\n"))
    }

    pub fn b64(&self) -> String {
        STANDARD.encode(&self.der)
    }
}

/// A private metadata service: root → intermediate → signing leaf, like the real MDS chain.
pub struct MdsSigner {
    pub root: TestCert,
    pub intermediate: TestCert,
    pub leaf: TestCert,
}

impl Default for MdsSigner {
    fn default() -> Self {
        Self::new()
    }
}

impl MdsSigner {
    pub fn new() -> MdsSigner {
        let root = TestCert::root("fidoctl test MDS root");
        let intermediate = TestCert::intermediate("fidoctl test MDS CA", &root);
        let leaf = TestCert::leaf("mds.fidoctl.invalid", &intermediate);
        MdsSigner { root, intermediate, leaf }
    }

    /// A compact JWS (ES256) over `payload`: base64url(header).base64url(payload).base64url(r||s),
    /// the header carrying x5c = [leaf, intermediate] in standard base64 DER.
    pub fn sign(&self, payload: &Value) -> String {
        let header = json!({ "alg": "ES256", "typ": "JWT", "x5c": [self.leaf.b64(), self.intermediate.b64()] });
        let input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(serde_json::to_vec(&header).unwrap()),
            URL_SAFE_NO_PAD.encode(serde_json::to_vec(payload).unwrap())
        );
        let signature: Signature = p256::ecdsa::signature::Signer::sign(&self.leaf.key, input.as_bytes());
        let raw = signature.to_bytes();
        assert_eq!(raw.len(), 64, "ES256 in a JWS is r || s, 32 bytes each");
        format!("{input}.{}", URL_SAFE_NO_PAD.encode(raw))
    }
}

/// An MDS3 payload with these entries (serial 1, next update 2030-01-01).
pub fn mds_payload(entries: Vec<Value>) -> Value {
    json!({
        "legalHeader": "Test metadata made by fidoctl's audit tests; not from the FIDO Alliance.",
        "no": 1,
        "nextUpdate": "2030-01-01",
        "entries": entries,
    })
}

/// One FIDO2 metadata entry: `roots` are attestation root certificates (DER).
pub fn mds_entry(aaguid: &str, description: &str, roots: &[&[u8]], status_reports: Value) -> Value {
    let roots: Vec<String> = roots.iter().map(|r| STANDARD.encode(r)).collect();
    json!({
        "aaguid": aaguid,
        "metadataStatement": {
            "description": description,
            "aaguid": aaguid,
            "protocolFamily": "fido2",
            "schema": 3,
            "attestationTypes": ["basic_full"],
            "attestationRootCertificates": roots,
        },
        "statusReports": status_reports,
        "timeOfLastStatusChange": "2024-06-01",
    })
}

/// The same JWT with one byte of its payload changed: `from` (which must occur once) becomes
/// `to`, which differs from it in exactly one byte. Header and signature are kept.
pub fn tamper_payload(jwt: &str, from: &str, to: &str) -> String {
    let differing = from.bytes().zip(to.bytes()).filter(|(a, b)| a != b).count();
    assert!(from.len() == to.len() && differing == 1, "{from:?} -> {to:?} is not a one-byte change");
    let parts: Vec<&str> = jwt.split('.').collect();
    assert_eq!(parts.len(), 3);
    let payload = String::from_utf8(URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    assert_eq!(payload.matches(from).count(), 1, "{from:?} must occur once in the payload: {payload}");
    let changed = payload.replacen(from, to, 1);
    format!("{}.{}.{}", parts[0], URL_SAFE_NO_PAD.encode(changed), parts[2])
}
