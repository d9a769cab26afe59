//! Exchanges (`fidoctl test`, `make-credential`, `get-assertion`): an independent reading of
//! what a key returned — CBOR with ciborium, keys and signatures with p256 / ed25519-dalek,
//! certificates with x509-cert — never through fidoctl's own `proto` or `client` code, so a
//! mistake shared by both sides cannot hide. (Their JSON documents are in [`super::schema`].)

use base64::Engine;
use ciborium::value::Value;
use der::{Decode, Encode};
use p256::ecdsa::signature::Verifier;
use sha2::{Digest, Sha256};

// --- CBOR, COSE, PEM ---------------------------------------------------------------------------

/// One CBOR item that must fill `bytes` exactly.
#[track_caller]
pub fn cbor(bytes: &[u8]) -> Value {
    let mut rest = bytes;
    let value: Value = ciborium::de::from_reader(&mut rest).expect("well-formed CBOR");
    assert!(rest.is_empty(), "{} bytes after the CBOR item", rest.len());
    value
}

/// The entry of a CBOR map under an integer key.
pub fn int_entry(map: &Value, key: i64) -> Option<&Value> {
    map.as_map()?.iter().find(|(k, _)| k.as_integer().and_then(|i| i64::try_from(i).ok()) == Some(key)).map(|(_, v)| v)
}

/// The entry of a CBOR map under a text key.
pub fn text_entry<'a>(map: &'a Value, key: &str) -> Option<&'a Value> {
    map.as_map()?.iter().find(|(k, _)| k.as_text() == Some(key)).map(|(_, v)| v)
}

pub fn as_int(v: &Value) -> Option<i64> {
    v.as_integer().and_then(|i| i64::try_from(i).ok())
}

pub const ALG_ES256: i64 = -7;
pub const ALG_EDDSA: i64 = -8;

/// A credential public key, read independently of fidoctl.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublicKey {
    P256(p256::ecdsa::VerifyingKey),
    Ed25519(ed25519_dalek::VerifyingKey),
}

impl PublicKey {
    /// A COSE_Key (RFC 9053): EC2/P-256/ES256 or OKP/Ed25519/EdDSA, nothing else.
    #[track_caller]
    pub fn from_cose(bytes: &[u8]) -> PublicKey {
        let key = cbor(bytes);
        let int = |label| int_entry(&key, label).and_then(as_int);
        let bytes_of = |label| int_entry(&key, label).and_then(Value::as_bytes).cloned();
        match (int(1), int(3), int(-1)) {
            (Some(2), Some(ALG_ES256), Some(1)) => {
                let (x, y) = (bytes_of(-2).expect("x"), bytes_of(-3).expect("y"));
                assert_eq!((x.len(), y.len()), (32, 32), "P-256 coordinates are 32 bytes");
                let point = [&[0x04][..], &x, &y].concat();
                PublicKey::P256(p256::ecdsa::VerifyingKey::from_sec1_bytes(&point).expect("a P-256 point"))
            }
            (Some(1), Some(ALG_EDDSA), Some(6)) => {
                let x: [u8; 32] = bytes_of(-2).expect("x").try_into().expect("an Ed25519 key is 32 bytes");
                PublicKey::Ed25519(ed25519_dalek::VerifyingKey::from_bytes(&x).expect("an Ed25519 point"))
            }
            other => panic!("not an ES256 or EdDSA COSE key (kty, alg, crv) = {other:?}: {key:?}"),
        }
    }

    /// A SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----").
    #[track_caller]
    pub fn from_pem(pem: &str) -> PublicKey {
        let body: String = {
            let mut lines = pem.lines();
            assert_eq!(lines.next(), Some("-----BEGIN PUBLIC KEY-----"), "{pem}");
            let rest: Vec<&str> = lines.collect();
            assert_eq!(rest.last().copied(), Some("-----END PUBLIC KEY-----"), "{pem}");
            assert!(rest[..rest.len() - 1].iter().all(|l| l.len() <= 64), "PEM lines are at most 64 characters");
            rest[..rest.len() - 1].concat()
        };
        let der = base64::engine::general_purpose::STANDARD.decode(body).expect("PEM body is base64");
        let spki = spki::SubjectPublicKeyInfoRef::from_der(&der).expect("a DER SubjectPublicKeyInfo");
        let key = spki.subject_public_key.raw_bytes();
        match spki.algorithm.oid.to_string().as_str() {
            "1.2.840.10045.2.1" => {
                let curve = spki.algorithm.parameters_oid().expect("an EC key names its curve").to_string();
                assert_eq!(curve, "1.2.840.10045.3.1.7", "P-256");
                PublicKey::P256(p256::ecdsa::VerifyingKey::from_sec1_bytes(key).expect("a P-256 point"))
            }
            "1.3.101.112" => {
                assert!(spki.algorithm.parameters.is_none(), "Ed25519 has no parameters");
                let x: [u8; 32] = key.try_into().expect("an Ed25519 key is 32 bytes");
                PublicKey::Ed25519(ed25519_dalek::VerifyingKey::from_bytes(&x).expect("an Ed25519 point"))
            }
            other => panic!("unexpected key algorithm {other}"),
        }
    }

    /// Verify a WebAuthn signature: ES256 as DER ECDSA over SHA-256, EdDSA as pure Ed25519.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), String> {
        match self {
            PublicKey::P256(k) => {
                let sig = p256::ecdsa::Signature::from_der(signature).map_err(|e| format!("not DER ECDSA: {e}"))?;
                k.verify(message, &sig).map_err(|e| format!("ES256 signature does not verify: {e}"))
            }
            PublicKey::Ed25519(k) => {
                let sig = ed25519_dalek::Signature::from_slice(signature).map_err(|e| format!("not Ed25519: {e}"))?;
                k.verify_strict(message, &sig).map_err(|e| format!("EdDSA signature does not verify: {e}"))
            }
        }
    }
}

// --- authenticator data and the attestation object ---------------------------------------------

pub const FLAG_UP: u8 = 0x01;
pub const FLAG_UV: u8 = 0x04;
pub const FLAG_AT: u8 = 0x40;

/// Authenticator data (WebAuthn §6.1), parsed here.
#[derive(Debug, Clone)]
pub struct AuthData {
    pub rp_id_hash: [u8; 32],
    pub flags: u8,
    pub sign_count: u32,
    /// aaguid, credential id, the COSE key bytes.
    pub attested: Option<([u8; 16], Vec<u8>, Vec<u8>)>,
}

impl AuthData {
    #[track_caller]
    pub fn parse(bytes: &[u8]) -> AuthData {
        assert!(bytes.len() >= 37, "authenticator data of {} bytes", bytes.len());
        let rp_id_hash: [u8; 32] = bytes[..32].try_into().unwrap();
        let flags = bytes[32];
        let sign_count = u32::from_be_bytes(bytes[33..37].try_into().unwrap());
        let mut rest = &bytes[37..];
        let attested = (flags & FLAG_AT != 0).then(|| {
            let aaguid: [u8; 16] = rest[..16].try_into().expect("an AAGUID");
            let len = usize::from(u16::from_be_bytes([rest[16], rest[17]]));
            let id = rest[18..18 + len].to_vec();
            let mut key_start = &rest[18 + len..];
            let before = key_start.len();
            let _: Value = ciborium::de::from_reader(&mut key_start).expect("a CBOR credential key");
            let key = rest[18 + len..18 + len + (before - key_start.len())].to_vec();
            rest = key_start;
            (aaguid, id, key)
        });
        assert!(rest.is_empty(), "{} unexpected bytes after the authenticator data (no extensions asked)", rest.len());
        AuthData { rp_id_hash, flags, sign_count, attested }
    }

    pub fn rp_id_hash_of(rp_id: &str) -> [u8; 32] {
        Sha256::digest(rp_id.as_bytes()).into()
    }
}

/// A packed attestation object, decoded and checked.
#[derive(Debug)]
pub struct PackedAttestation {
    pub auth_data_raw: Vec<u8>,
    pub alg: i64,
    pub sig: Vec<u8>,
    /// DER certificates, attestation certificate first.
    pub x5c: Vec<Vec<u8>>,
}

impl PackedAttestation {
    /// Decode `{"fmt": "packed", "attStmt": {alg, sig, x5c}, "authData": ...}`.
    #[track_caller]
    pub fn decode(bytes: &[u8]) -> PackedAttestation {
        let obj = cbor(bytes);
        let keys: Vec<&str> = obj.as_map().expect("a map").iter().filter_map(|(k, _)| k.as_text()).collect();
        assert_eq!(keys.len(), 3, "fmt, attStmt, authData: {keys:?}");
        assert_eq!(text_entry(&obj, "fmt").and_then(Value::as_text), Some("packed"));
        let auth_data_raw = text_entry(&obj, "authData").and_then(Value::as_bytes).expect("authData bytes").clone();
        let stmt = text_entry(&obj, "attStmt").expect("attStmt");
        let mut names: Vec<&str> =
            stmt.as_map().expect("attStmt is a map").iter().filter_map(|(k, _)| k.as_text()).collect();
        names.sort();
        assert_eq!(names, ["alg", "sig", "x5c"], "a packed statement with a certificate chain");
        let alg = text_entry(stmt, "alg").and_then(as_int).expect("alg is an integer");
        let sig = text_entry(stmt, "sig").and_then(Value::as_bytes).expect("sig is bytes").clone();
        let x5c: Vec<Vec<u8>> = text_entry(stmt, "x5c")
            .and_then(Value::as_array)
            .expect("x5c is an array")
            .iter()
            .map(|c| c.as_bytes().expect("each certificate is bytes").clone())
            .collect();
        assert!(!x5c.is_empty(), "x5c holds at least the attestation certificate");
        PackedAttestation { auth_data_raw, alg, sig, x5c }
    }

    /// The attestation signature (ES256 by the first certificate's key) over
    /// authData || clientDataHash, and that certificate signed by `ca_der`.
    pub fn verify(&self, client_data_hash: &[u8], ca_der: &[u8]) -> Result<(), String> {
        if self.alg != ALG_ES256 {
            return Err(format!("attestation alg {} (expected ES256)", self.alg));
        }
        let leaf =
            x509_cert::Certificate::from_der(&self.x5c[0]).map_err(|e| format!("attestation certificate: {e}"))?;
        let leaf_key = p256_key_of(&leaf)?;
        let message = [self.auth_data_raw.as_slice(), client_data_hash].concat();
        PublicKey::P256(leaf_key).verify(&message, &self.sig)?;
        let ca = x509_cert::Certificate::from_der(ca_der).map_err(|e| format!("CA certificate: {e}"))?;
        let tbs = leaf.tbs_certificate.to_der().map_err(|e| e.to_string())?;
        let cert_sig = leaf.signature.raw_bytes();
        PublicKey::P256(p256_key_of(&ca)?).verify(&tbs, cert_sig).map_err(|e| format!("certificate chain: {e}"))
    }

    /// The organizational unit of the attestation certificate's subject (WebAuthn §8.2.1
    /// requires "Authenticator Attestation").
    pub fn leaf_subject(&self) -> String {
        x509_cert::Certificate::from_der(&self.x5c[0]).expect("certificate").tbs_certificate.subject.to_string()
    }
}

fn p256_key_of(cert: &x509_cert::Certificate) -> Result<p256::ecdsa::VerifyingKey, String> {
    let spki = &cert.tbs_certificate.subject_public_key_info;
    let raw = spki.subject_public_key.raw_bytes();
    p256::ecdsa::VerifyingKey::from_sec1_bytes(raw).map_err(|e| format!("certificate key is not P-256: {e}"))
}

/// 64 hex digits of a fixed client data hash, and its bytes.
pub fn client_data_hash(seed: u8) -> (String, [u8; 32]) {
    let bytes: [u8; 32] = Sha256::digest([seed; 8]).into();
    (hex::encode(bytes), bytes)
}
