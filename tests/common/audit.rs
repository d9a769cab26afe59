//! `fidoctl audit`: running it over several keys, the steps that put virtual keys into the
//! states a fleet audit must tell apart, and a test PKI that signs FIDO MDS3 BLOBs (a JWT, ES256
//! over an x5c chain) under a root the test trusts with `--mds-root`. (Its JSON document is
//! [`super::schema::AuditDocument`], its CSV read by [`super::csv`].)
//!
//! The PKI is built here with the crates fidoctl already depends on (p256, x509-cert's builder,
//! der, base64, serde_json), independently of src/audit: the tests must catch a verifier that
//! accepts what it should refuse, so they may not share its helpers.

use super::cli::{fidoctl, run_cmd, Run, VirtualKeyFile};
use super::schema::{from_b64url, to_b64url, AuditDocument};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use p256::ecdsa::{DerSignature, Signature, SigningKey};
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
    assert_eq!(doc.summary.keys, doc.keys.len(), "summary.total\n{}", run.describe());
    doc
}

#[track_caller]
pub fn raise_min_pin_length(key: &VirtualKeyFile, pin: &str, length: u32) {
    key.run_with_pin(pin, &["pin", "min-length", &length.to_string(), "--yes"]).success();
}

#[track_caller]
pub fn always_uv_on(key: &VirtualKeyFile, pin: &str) {
    key.run_with_pin(pin, &["config", "always-uv", "on", "--yes"]).success();
}

/// `pin verify` with a wrong PIN, `times` times (each answered "wrong PIN", exit 4).
#[track_caller]
pub fn enter_wrong_pins(key: &VirtualKeyFile, wrong: &str, times: usize) {
    for _ in 0..times {
        key.run_with_pin(wrong, &["pin", "verify"]).expect_code(4).stderr_has("The PIN is wrong.");
    }
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
            to_b64url(&serde_json::to_vec(&header).unwrap()),
            to_b64url(&serde_json::to_vec(payload).unwrap())
        );
        let signature: Signature = p256::ecdsa::signature::Signer::sign(&self.leaf.key, input.as_bytes());
        let raw = signature.to_bytes();
        assert_eq!(raw.len(), 64, "ES256 in a JWS is r || s, 32 bytes each");
        format!("{input}.{}", to_b64url(&raw))
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
    let payload = String::from_utf8(from_b64url(parts[1])).unwrap();
    assert_eq!(payload.matches(from).count(), 1, "{from:?} must occur once in the payload: {payload}");
    let changed = payload.replacen(from, to, 1);
    format!("{}.{}.{}", parts[0], to_b64url(changed.as_bytes()), parts[2])
}
