//! Host-side checks of what a key returns from makeCredential and getAssertion: the attestation
//! object (formats packed, fido-u2f, none; WebAuthn §8.2, §8.6, §8.7), the attestation
//! certificate chain, and assertion signatures.
//!
//! Certificates and statements come from the key and are parsed as hostile. Certificates are
//! read and chains checked by [`crate::proto::certificate`], the same code the audit uses; the
//! attestation key itself must be P-256 (ES256).

use crate::proto::auth_data::{AuthDataError, AuthenticatorData};
use crate::proto::cbor::{as_i64, CborError, MapView};
use crate::proto::certificate::{self, oid, Cert, ChainError, PathRules};
use crate::proto::cose::{CoseError, CoseKey, ALG_ES256};
use crate::proto::ctap2::make_credential::response as mc;
use ciborium::value::Value;
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{Signature, VerifyingKey};
use x509_cert::der::oid::ObjectIdentifier;

/// The OU every packed attestation certificate must carry.
pub const PACKED_OU: &str = "Authenticator Attestation";
/// Real chains are one to three certificates; more is either a mistake or an attack on CPU.
pub const MAX_CHAIN: usize = 8;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AttestationError {
    #[error("the makeCredential response is malformed: {0}")]
    Response(#[from] CborError),
    #[error("the authenticator data is malformed: {0}")]
    AuthData(#[from] AuthDataError),
    #[error("the makeCredential response carries no attested credential (AT flag clear)")]
    NoAttestedCredential,
    #[error("the public key is not usable: {0}")]
    Cose(#[from] CoseError),
    #[error("the Ed25519 public key is not a valid curve point")]
    BadEd25519Key,
    #[error("attestation format \"{0}\" is not supported (packed, fido-u2f and none are)")]
    UnsupportedFormat(String),
    #[error("the {fmt} attestation statement is malformed: {reason}")]
    BadStatement { fmt: &'static str, reason: &'static str },
    #[error(
        "COSE algorithm {0} is not supported here (ES256 -7, and EdDSA -8, ES384 -35, RS256 -257 for credential keys)"
    )]
    UnsupportedAlgorithm(i64),
    #[error("the attestation statement says algorithm {statement}, but the credential key is {key}")]
    AlgorithmMismatch { statement: i64, key: i64 },
    #[error("the signature is not a well-formed {0} signature")]
    MalformedSignature(&'static str),
    #[error("the signature does not verify")]
    SignatureInvalid,
    #[error("certificate {index} of the chain cannot be used: {reason}")]
    BadCertificate { index: usize, reason: String },
    #[error("trusted root {index} cannot be used: {reason}")]
    BadRoot { index: usize, reason: String },
    #[error("the attestation certificate does not meet the packed requirements: {0}")]
    CertificateRequirement(&'static str),
    #[error("the attestation certificate is for AAGUID {cert}, but the authenticator data says {auth_data}")]
    AaguidMismatch { cert: String, auth_data: String },
    #[error("certificate algorithm {0} is not supported (attestation keys must be P-256; chains may also use RSA and P-384)")]
    UnsupportedCertificateAlgorithm(String),
    #[error("this attestation has no certificate chain")]
    NoCertificateChain,
}

/// What kind of attestation a key gave, once its signature checked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttestationVerdict {
    /// Packed with a certificate chain (DER, attestation certificate first). Whether the chain
    /// leads to a trusted root is a separate question: see `verify_chain_to`.
    Packed { chain: Vec<Vec<u8>> },
    /// Packed, signed by the credential key itself: proves nothing about the key's make.
    SelfAttestation,
    /// fido-u2f (a U2F-era key): exactly one certificate.
    FidoU2f { chain: Vec<Vec<u8>> },
    /// Format "none": the key (or a privacy-minded platform) gave no attestation.
    None,
}

/// A makeCredential response's attestation object.
#[derive(Debug, Clone, PartialEq)]
pub struct AttestationObject {
    pub fmt: String,
    /// The bytes as sent: the signature covers these, not a re-encoding.
    pub auth_data_raw: Vec<u8>,
    pub auth_data: AuthenticatorData,
    pub att_stmt: Value,
}

impl AttestationObject {
    /// The WebAuthn attestationObject ({"fmt", "attStmt", "authData"}, canonical CBOR): what a
    /// browser would hand a relying party.
    pub fn to_webauthn_bytes(&self) -> Vec<u8> {
        use crate::proto::cbor;
        cbor::encode(&Value::Map(vec![
            (cbor::text("fmt"), cbor::text(&self.fmt)),
            (cbor::text("attStmt"), self.att_stmt.clone()),
            (cbor::text("authData"), cbor::bytes(&self.auth_data_raw)),
        ]))
    }

    /// From the CTAP2 makeCredential response map (1 fmt, 2 authData, 3 attStmt).
    pub fn from_ctap_response(response: &Value) -> Result<Self, AttestationError> {
        let map = MapView::new(response, "makeCredential response")?;
        let fmt = map.req_text(mc::FMT)?.to_string();
        let auth_data_raw = map.req_bytes(mc::AUTH_DATA)?.to_vec();
        let att_stmt = map.require(mc::ATT_STMT)?;
        if !matches!(att_stmt, Value::Map(_)) {
            return Err(CborError::WrongType("makeCredential response 0x03".into()).into());
        }
        let auth_data = AuthenticatorData::parse(&auth_data_raw)?;
        if auth_data.attested.is_none() {
            return Err(AttestationError::NoAttestedCredential);
        }
        Ok(Self { fmt, auth_data_raw, auth_data, att_stmt: att_stmt.clone() })
    }

    /// Check the attestation signature (and, for packed, the certificate requirements).
    /// Does not check the rpIdHash or flags, nor whether the chain is trusted.
    pub fn verify(&self, client_data_hash: &[u8; 32]) -> Result<AttestationVerdict, AttestationError> {
        match self.fmt.as_str() {
            "packed" => self.verify_packed(client_data_hash),
            "fido-u2f" => self.verify_fido_u2f(client_data_hash),
            "none" => match &self.att_stmt {
                Value::Map(entries) if entries.is_empty() => Ok(AttestationVerdict::None),
                _ => Err(AttestationError::BadStatement { fmt: "none", reason: "the statement is not empty" }),
            },
            other => Err(AttestationError::UnsupportedFormat(other.to_string())),
        }
    }

    /// Does the x5c chain lead to one of `roots_der`? The chain is used as sent: each
    /// certificate signed by the next (which must be a CA), the last by one of the roots (which
    /// may be the last certificate itself). Validity dates are not checked: attestation
    /// certificates routinely outlive them, and the virtual key's clock is the host's.
    /// `Ok(false)` means the signatures or names do not line up; errors mean the question could
    /// not be answered (unreadable certificate, unsupported algorithm).
    pub fn verify_chain_to(&self, roots_der: &[Vec<u8>]) -> Result<bool, AttestationError> {
        let fmt = match self.fmt.as_str() {
            "packed" => "packed",
            "fido-u2f" => "fido-u2f",
            _ => return Err(AttestationError::NoCertificateChain),
        };
        let stmt = MapView::new(&self.att_stmt, "attStmt")?;
        let Some(x5c) = stmt.get_text_key("x5c") else {
            return Err(AttestationError::NoCertificateChain);
        };
        let chain = x5c_list(x5c, fmt)?;
        let roots: Vec<&[u8]> = roots_der.iter().map(Vec::as_slice).collect();
        match certificate::verify_path(&chain, &roots, PathRules::AsSent) {
            Ok(_) => Ok(true),
            Err(ChainError::BadCertificate { index, reason }) => {
                Err(AttestationError::BadCertificate { index, reason })
            }
            Err(ChainError::BadAnchor { index, reason }) => Err(AttestationError::BadRoot { index, reason }),
            Err(ChainError::Unsupported { what, .. }) => Err(AttestationError::UnsupportedCertificateAlgorithm(what)),
            Err(ChainError::Empty) => Err(AttestationError::NoCertificateChain),
            Err(ChainError::TooLong(_)) => {
                Err(AttestationError::BadStatement { fmt, reason: "x5c holds too many certificates" })
            }
            Err(
                ChainError::DoesNotReachRoot { .. }
                | ChainError::BadSignature { .. }
                | ChainError::NotACa { .. }
                | ChainError::CriticalExtension { .. }
                | ChainError::Expired { .. }
                | ChainError::NotYetValid { .. },
            ) => Ok(false),
        }
    }

    fn credential_key(&self) -> Result<&CoseKey, AttestationError> {
        self.auth_data.attested.as_ref().map(|c| &c.public_key).ok_or(AttestationError::NoAttestedCredential)
    }

    /// authenticatorData || clientDataHash: what packed signatures cover.
    fn signed_data(&self, client_data_hash: &[u8; 32]) -> Vec<u8> {
        [self.auth_data_raw.as_slice(), client_data_hash].concat()
    }

    fn verify_packed(&self, client_data_hash: &[u8; 32]) -> Result<AttestationVerdict, AttestationError> {
        const FMT: &str = "packed";
        let bad = |reason| AttestationError::BadStatement { fmt: FMT, reason };
        let stmt = MapView::new(&self.att_stmt, "attStmt")?;
        let alg = stmt.get_text_key("alg").and_then(as_i64).ok_or_else(|| bad("alg is missing or not an integer"))?;
        let sig = match stmt.get_text_key("sig") {
            Some(Value::Bytes(b)) => b.as_slice(),
            _ => return Err(bad("sig is missing or not a byte string")),
        };
        if stmt.get_text_key("ecdaaKeyId").is_some() {
            return Err(bad("ECDAA attestation is not supported"));
        }
        let message = self.signed_data(client_data_hash);

        let Some(x5c) = stmt.get_text_key("x5c") else {
            // Self attestation: signed with the credential key, under the credential's algorithm.
            let key = self.credential_key()?;
            if alg != key.alg() {
                return Err(AttestationError::AlgorithmMismatch { statement: alg, key: key.alg() });
            }
            verify_with_cose(key, &message, sig)?;
            return Ok(AttestationVerdict::SelfAttestation);
        };

        let chain = x5c_list(x5c, FMT)?;
        if alg != ALG_ES256 {
            return Err(AttestationError::UnsupportedAlgorithm(alg));
        }
        let leaf_error = |reason| AttestationError::BadCertificate { index: 0, reason };
        let leaf = Cert::from_der(&chain[0]).map_err(leaf_error)?;
        let aaguid =
            self.auth_data.attested.as_ref().map(|c| c.aaguid).ok_or(AttestationError::NoAttestedCredential)?;
        check_packed_leaf(&leaf, &aaguid)?;
        verify_es256(&p256_key_of(&leaf, leaf_error)?, &message, sig)?;
        Ok(AttestationVerdict::Packed { chain })
    }

    fn verify_fido_u2f(&self, client_data_hash: &[u8; 32]) -> Result<AttestationVerdict, AttestationError> {
        const FMT: &str = "fido-u2f";
        let bad = |reason| AttestationError::BadStatement { fmt: FMT, reason };
        let stmt = MapView::new(&self.att_stmt, "attStmt")?;
        let sig = match stmt.get_text_key("sig") {
            Some(Value::Bytes(b)) => b.as_slice(),
            _ => return Err(bad("sig is missing or not a byte string")),
        };
        let chain = x5c_list(stmt.get_text_key("x5c").ok_or_else(|| bad("x5c is missing"))?, FMT)?;
        if chain.len() != 1 {
            return Err(bad("x5c must hold exactly one certificate"));
        }
        let cert_error = |reason| AttestationError::BadCertificate { index: 0, reason };
        let cert_key = p256_key_of(&Cert::from_der(&chain[0]).map_err(cert_error)?, cert_error)?;

        let cred = self.auth_data.attested.as_ref().ok_or(AttestationError::NoAttestedCredential)?;
        let CoseKey::P256 { x, y, .. } = &cred.public_key else {
            return Err(bad("the credential key must be a P-256 key"));
        };
        // verificationData = 0x00 || rpIdHash || clientDataHash || credentialId || 0x04 || x || y
        let mut message = Vec::with_capacity(1 + 32 + 32 + cred.credential_id.len() + 65);
        message.push(0x00);
        message.extend_from_slice(&self.auth_data.rp_id_hash);
        message.extend_from_slice(client_data_hash);
        message.extend_from_slice(&cred.credential_id);
        message.push(0x04);
        message.extend_from_slice(x);
        message.extend_from_slice(y);
        verify_es256(&cert_key, &message, sig)?;
        Ok(AttestationVerdict::FidoU2f { chain })
    }
}

/// Check a getAssertion signature over `auth_data || client_data_hash` with the credential's
/// public key: ES256 or ES384 (ASN.1 DER signature), RS256 (PKCS#1 v1.5, as long as the
/// modulus) or EdDSA (64 bytes, strict verification).
pub fn verify_assertion_signature(
    public_key: &CoseKey,
    auth_data: &[u8],
    client_data_hash: &[u8; 32],
    signature: &[u8],
) -> Result<(), AttestationError> {
    verify_with_cose(public_key, &[auth_data, client_data_hash].concat(), signature)
}

fn verify_with_cose(key: &CoseKey, message: &[u8], signature: &[u8]) -> Result<(), AttestationError> {
    match key {
        CoseKey::P256 { alg: ALG_ES256, .. } => verify_es256(&VerifyingKey::from(key.to_p256()?), message, signature),
        CoseKey::P256 { alg, .. } => Err(AttestationError::UnsupportedAlgorithm(*alg)),
        CoseKey::P384 { .. } => {
            let key = p384::ecdsa::VerifyingKey::from(key.to_p384()?);
            let sig = p384::ecdsa::Signature::from_der(signature)
                .map_err(|_| AttestationError::MalformedSignature("ES384"))?;
            key.verify(message, &sig).map_err(|_| AttestationError::SignatureInvalid)
        }
        CoseKey::Rsa { .. } => {
            let key = rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(key.to_rsa()?);
            let sig = rsa::pkcs1v15::Signature::try_from(signature)
                .map_err(|_| AttestationError::MalformedSignature("RS256"))?;
            key.verify(message, &sig).map_err(|_| AttestationError::SignatureInvalid)
        }
        CoseKey::Ed25519 { x } => {
            let key = ed25519_dalek::VerifyingKey::from_bytes(x).map_err(|_| AttestationError::BadEd25519Key)?;
            let sig = <[u8; 64]>::try_from(signature).map_err(|_| AttestationError::MalformedSignature("EdDSA"))?;
            // Strict: no small-order keys or non-canonical signatures (no malleability).
            key.verify_strict(message, &ed25519_dalek::Signature::from_bytes(&sig))
                .map_err(|_| AttestationError::SignatureInvalid)
        }
    }
}

fn verify_es256(key: &VerifyingKey, message: &[u8], signature: &[u8]) -> Result<(), AttestationError> {
    let sig = Signature::from_der(signature).map_err(|_| AttestationError::MalformedSignature("ES256"))?;
    key.verify(message, &sig).map_err(|_| AttestationError::SignatureInvalid)
}

/// The x5c array: 1..=MAX_CHAIN byte strings.
fn x5c_list(x5c: &Value, fmt: &'static str) -> Result<Vec<Vec<u8>>, AttestationError> {
    let bad = |reason| AttestationError::BadStatement { fmt, reason };
    let Value::Array(items) = x5c else {
        return Err(bad("x5c is not an array"));
    };
    if items.is_empty() {
        return Err(bad("x5c is empty"));
    }
    if items.len() > MAX_CHAIN {
        return Err(bad("x5c holds too many certificates"));
    }
    items
        .iter()
        .map(|item| match item {
            Value::Bytes(b) => Ok(b.clone()),
            _ => Err(bad("an x5c entry is not a byte string")),
        })
        .collect()
}

/// WebAuthn §8.2.1: version 3; subject C, O, CN present and OU exactly "Authenticator
/// Attestation"; Basic Constraints CA:false; the AAGUID extension, if present, non-critical and
/// equal to the authenticator data's AAGUID.
fn check_packed_leaf(cert: &Cert, aaguid: &[u8; 16]) -> Result<(), AttestationError> {
    use AttestationError::CertificateRequirement as Req;
    if cert.certificate().tbs_certificate.version != x509_cert::Version::V3 {
        return Err(Req("it must be an X.509 version 3 certificate"));
    }
    if cert.subject_attributes(oid::COUNTRY).is_empty() {
        return Err(Req("the subject has no C (country)"));
    }
    if cert.subject_attributes(oid::ORGANIZATION).is_empty() {
        return Err(Req("the subject has no O (vendor)"));
    }
    if cert.subject_attributes(oid::COMMON_NAME).is_empty() {
        return Err(Req("the subject has no CN"));
    }
    match cert.subject_attributes(oid::ORGANIZATIONAL_UNIT).as_slice() {
        [Some(ou)] if ou == PACKED_OU => {}
        _ => return Err(Req("the subject's OU must be exactly \"Authenticator Attestation\"")),
    }

    for id in [oid::BASIC_CONSTRAINTS, oid::FIDO_AAGUID] {
        if cert.extensions().iter().filter(|e| e.extn_id == id).count() > 1 {
            return Err(Req("an extension appears twice"));
        }
    }
    let bc = cert.basic_constraints().map_err(|_| Req("Basic Constraints is malformed"))?;
    if bc.ok_or(Req("Basic Constraints is missing"))?.ca {
        return Err(Req("Basic Constraints must say CA:false"));
    }
    if let Some(ext) = cert.extension(oid::FIDO_AAGUID) {
        if ext.critical {
            return Err(Req("the AAGUID extension must not be critical"));
        }
    }
    match cert.fido_aaguid() {
        None => Ok(()),
        Some(Err(_)) => Err(Req("the AAGUID extension is not a 16-byte OCTET STRING")),
        Some(Ok(found)) if found == *aaguid => Ok(()),
        Some(Ok(found)) => {
            Err(AttestationError::AaguidMismatch { cert: hex::encode(found), auth_data: hex::encode(aaguid) })
        }
    }
}

/// The certificate's key, which must be an EC key on P-256.
fn p256_key_of(cert: &Cert, error: impl Fn(String) -> AttestationError) -> Result<VerifyingKey, AttestationError> {
    let spki = cert.spki();
    let curve = spki.algorithm.parameters.as_ref().and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
    if spki.algorithm.oid != oid::EC_PUBLIC_KEY || curve != Some(oid::P256) {
        let what = match curve {
            Some(curve) => format!("key {} on {}", spki.algorithm.oid, curve),
            None => format!("key {}", spki.algorithm.oid),
        };
        return Err(AttestationError::UnsupportedCertificateAlgorithm(what));
    }
    let point = spki.subject_public_key.as_bytes().ok_or_else(|| error("the public key has unused bits".into()))?;
    VerifyingKey::from_sec1_bytes(point).map_err(|_| error("the public key is not a valid P-256 point".into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::auth_data::{AttestedCredential, FLAG_UP};
    use crate::proto::cbor::{self, bytes, int, text};
    use crate::proto::cose::ALG_EDDSA;
    use crate::virtual_key::attestation::{AttestationMaterial, CredentialPrivateKey};
    use sha2::{Digest, Sha256};
    use std::str::FromStr;
    use x509_cert::builder::{Builder, CertificateBuilder, Profile};
    use x509_cert::der::Encode;
    use x509_cert::name::Name;
    use x509_cert::serial_number::SerialNumber;
    use x509_cert::spki::SubjectPublicKeyInfoOwned;
    use x509_cert::time::Validity;

    const AAGUID: [u8; 16] = *b"fidoctl-virtual!";
    const CDH: [u8; 32] = [0xcd; 32];

    fn auth_data(key: &CredentialPrivateKey, aaguid: [u8; 16]) -> Vec<u8> {
        AuthenticatorData {
            rp_id_hash: Sha256::digest(b"example.com").into(),
            flags: FLAG_UP,
            sign_count: 0,
            attested: Some(AttestedCredential {
                aaguid,
                credential_id: vec![0xc1; 48],
                public_key: key.public_cose().unwrap(),
            }),
            extensions: None,
        }
        .to_bytes()
    }

    /// The response as it crosses the wire: canonical CBOR, decoded by the strict decoder.
    fn object(fmt: &str, auth_data: &[u8], att_stmt: Value) -> AttestationObject {
        let response = cbor::int_map([
            (mc::FMT, Some(text(fmt))),
            (mc::AUTH_DATA, Some(bytes(auth_data))),
            (mc::ATT_STMT, Some(att_stmt)),
        ]);
        AttestationObject::from_ctap_response(&cbor::decode(&cbor::encode(&response)).unwrap()).unwrap()
    }

    fn stmt_entry<'a>(stmt: &'a mut Value, key: &str) -> &'a mut Value {
        let Value::Map(entries) = stmt else { panic!("not a map") };
        &mut entries.iter_mut().find(|(k, _)| *k == text(key)).unwrap().1
    }

    fn packed(m: &AttestationMaterial, aaguid: [u8; 16]) -> (Vec<u8>, Value) {
        let cred = CredentialPrivateKey::generate(ALG_ES256).unwrap();
        let ad = auth_data(&cred, aaguid);
        let stmt = m.sign_packed(&ad, &CDH).unwrap();
        (ad, stmt)
    }

    /// A certificate for the material's attestation key, issued by its CA, with another subject.
    fn leaf_with(m: &AttestationMaterial, subject: &str, profile_ca: bool) -> Vec<u8> {
        let ca_key = p256::ecdsa::SigningKey::from_slice(m.ca_key.as_slice()).unwrap();
        let key = p256::ecdsa::SigningKey::from_slice(m.key.as_slice()).unwrap();
        let issuer = Cert::from_der(&m.ca_cert_der).unwrap().certificate().tbs_certificate.subject.clone();
        let profile = if profile_ca {
            Profile::SubCA { issuer, path_len_constraint: None }
        } else {
            Profile::Leaf { issuer, enable_key_agreement: false, enable_key_encipherment: false }
        };
        CertificateBuilder::new(
            profile,
            SerialNumber::from(7u32),
            Validity::from_now(std::time::Duration::from_secs(3600)).unwrap(),
            Name::from_str(subject).unwrap(),
            SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).unwrap(),
            &ca_key,
        )
        .unwrap()
        .build::<p256::ecdsa::DerSignature>()
        .unwrap()
        .to_der()
        .unwrap()
    }

    #[test]
    fn packed_from_the_virtual_key_verifies_and_chains_to_its_ca() {
        let m = AttestationMaterial::create(&AAGUID).unwrap();
        let (ad, stmt) = packed(&m, AAGUID);
        let obj = object("packed", &ad, stmt);
        assert_eq!(obj.verify(&CDH).unwrap(), AttestationVerdict::Packed { chain: vec![m.cert_der.clone()] });
        // The signed bytes are cut out of the certificate as sent; here they equal a re-encoding.
        let cert = Cert::from_der(&m.cert_der).unwrap();
        let tbs = cert.certificate().tbs_certificate.to_der().unwrap();
        assert_eq!(cert.tbs_der(), tbs.as_slice());
        assert!(Cert::from_der(&[&m.cert_der[..], &[0]].concat()).is_err(), "trailing byte");
        assert_eq!(obj.verify_chain_to(std::slice::from_ref(&m.ca_cert_der)), Ok(true));

        let other = AttestationMaterial::create(&AAGUID).unwrap();
        assert_eq!(obj.verify_chain_to(std::slice::from_ref(&other.ca_cert_der)), Ok(false));
        assert_eq!(obj.verify_chain_to(&[]), Ok(false));
        assert_eq!(obj.verify_chain_to(&[other.ca_cert_der.clone(), m.ca_cert_der.clone()]), Ok(true));
        // A leaf is not a root that signed anything.
        assert_eq!(obj.verify_chain_to(std::slice::from_ref(&m.cert_der)), Ok(false));
        assert!(matches!(obj.verify_chain_to(&[vec![0x30, 0x00]]), Err(AttestationError::BadRoot { index: 0, .. })));

        // Had the key sent its root too, the chain still checks out (the root signs itself).
        let mut with_root = obj.clone();
        *stmt_entry(&mut with_root.att_stmt, "x5c") = Value::Array(vec![bytes(&m.cert_der), bytes(&m.ca_cert_der)]);
        assert!(matches!(with_root.verify(&CDH), Ok(AttestationVerdict::Packed { chain }) if chain.len() == 2));
        assert_eq!(with_root.verify_chain_to(std::slice::from_ref(&m.ca_cert_der)), Ok(true));
        assert_eq!(with_root.verify_chain_to(std::slice::from_ref(&other.ca_cert_der)), Ok(false));
        // ... but a non-CA certificate cannot stand in the middle of a chain.
        *stmt_entry(&mut with_root.att_stmt, "x5c") = Value::Array(vec![bytes(&m.cert_der), bytes(&m.cert_der)]);
        assert_eq!(with_root.verify_chain_to(std::slice::from_ref(&m.ca_cert_der)), Ok(false));
    }

    #[test]
    fn tampering_is_caught() {
        let m = AttestationMaterial::create(&AAGUID).unwrap();
        let (ad, stmt) = packed(&m, AAGUID);
        let good = object("packed", &ad, stmt.clone());
        assert!(good.verify(&CDH).is_ok());

        // Authenticator data: one bit of the rpIdHash.
        let mut bad_ad = ad.clone();
        bad_ad[0] ^= 1;
        assert_eq!(object("packed", &bad_ad, stmt.clone()).verify(&CDH), Err(AttestationError::SignatureInvalid));
        // Client data hash.
        let mut cdh = CDH;
        cdh[31] ^= 1;
        assert_eq!(good.verify(&cdh), Err(AttestationError::SignatureInvalid));
        // Signature: the last byte of s, and a mangled DER header.
        let mut bad = good.clone();
        let Value::Bytes(sig) = stmt_entry(&mut bad.att_stmt, "sig") else { panic!() };
        let last = sig.len() - 1;
        sig[last] ^= 1;
        assert_eq!(bad.verify(&CDH), Err(AttestationError::SignatureInvalid));
        let Value::Bytes(sig) = stmt_entry(&mut bad.att_stmt, "sig") else { panic!() };
        sig[0] = 0x31;
        assert_eq!(bad.verify(&CDH), Err(AttestationError::MalformedSignature("ES256")));

        // Certificate: a different (valid) attestation certificate does not match the signature.
        let other = AttestationMaterial::create(&AAGUID).unwrap();
        let mut bad = good.clone();
        *stmt_entry(&mut bad.att_stmt, "x5c") = Value::Array(vec![bytes(&other.cert_der)]);
        assert_eq!(bad.verify(&CDH), Err(AttestationError::SignatureInvalid));
        // A byte changed in the certificate's CN keeps the key, so the statement signature still
        // holds; it is the CA's signature over the certificate that breaks.
        let cn = b"virtual key attestation";
        let pos = m.cert_der.windows(cn.len()).position(|w| w == cn).unwrap();
        let mut cert = m.cert_der.clone();
        cert[pos] = b'V';
        *stmt_entry(&mut bad.att_stmt, "x5c") = Value::Array(vec![bytes(&cert)]);
        assert!(bad.verify(&CDH).is_ok());
        assert_eq!(bad.verify_chain_to(std::slice::from_ref(&m.ca_cert_der)), Ok(false));
        // A truncated certificate cannot be read.
        *stmt_entry(&mut bad.att_stmt, "x5c") = Value::Array(vec![bytes(&m.cert_der[..100])]);
        assert!(matches!(bad.verify(&CDH), Err(AttestationError::BadCertificate { index: 0, .. })));
        assert!(matches!(bad.verify_chain_to(&[]), Err(AttestationError::BadCertificate { index: 0, .. })));
    }

    #[test]
    fn packed_certificate_requirements() {
        let m = AttestationMaterial::create(&AAGUID).unwrap();
        let (ad, stmt) = packed(&m, AAGUID);
        let with_cert = |cert: Vec<u8>| {
            let mut obj = object("packed", &ad, stmt.clone());
            *stmt_entry(&mut obj.att_stmt, "x5c") = Value::Array(vec![Value::Bytes(cert)]);
            obj.verify(&CDH)
        };
        let req = AttestationError::CertificateRequirement;

        // Same key, same CA, only the subject or profile differs.
        let ok = leaf_with(&m, "CN=x,OU=Authenticator Attestation,O=v,C=SE", false);
        assert!(with_cert(ok).is_ok(), "no AAGUID extension is allowed");
        let ou = || req("the subject's OU must be exactly \"Authenticator Attestation\"");
        assert_eq!(with_cert(leaf_with(&m, "CN=x,OU=Something Else,O=v,C=SE", false)), Err(ou()));
        assert_eq!(with_cert(leaf_with(&m, "CN=x,OU=authenticator attestation,O=v,C=SE", false)), Err(ou()));
        assert_eq!(with_cert(leaf_with(&m, "CN=x,O=v,C=SE", false)), Err(ou()));
        assert_eq!(
            with_cert(leaf_with(&m, "CN=x,OU=Authenticator Attestation,O=v", false)),
            Err(req("the subject has no C (country)"))
        );
        assert_eq!(
            with_cert(leaf_with(&m, "CN=x,OU=Authenticator Attestation,C=SE", false)),
            Err(req("the subject has no O (vendor)"))
        );
        assert_eq!(
            with_cert(leaf_with(&m, "OU=Authenticator Attestation,O=v,C=SE", false)),
            Err(req("the subject has no CN"))
        );
        assert_eq!(
            with_cert(leaf_with(&m, "CN=x,OU=Authenticator Attestation,O=v,C=SE", true)),
            Err(req("Basic Constraints must say CA:false"))
        );
        // The CA certificate itself (no OU) is no attestation certificate.
        assert!(matches!(with_cert(m.ca_cert_der.clone()), Err(AttestationError::CertificateRequirement(_))));

        // The certificate's AAGUID must be the one in the authenticator data.
        let (ad_other, stmt_other) = packed(&m, [0x11; 16]);
        assert_eq!(
            object("packed", &ad_other, stmt_other).verify(&CDH),
            Err(AttestationError::AaguidMismatch { cert: hex::encode(AAGUID), auth_data: "11".repeat(16) })
        );
    }

    #[test]
    fn self_attestation() {
        for alg in [ALG_ES256, ALG_EDDSA] {
            let cred = CredentialPrivateKey::generate(alg).unwrap();
            let ad = auth_data(&cred, [0; 16]);
            let sig = cred.sign(&[ad.as_slice(), &CDH].concat()).unwrap();
            let stmt = Value::Map(vec![(text("alg"), int(alg)), (text("sig"), bytes(&sig))]);
            let obj = object("packed", &ad, stmt.clone());
            assert_eq!(obj.verify(&CDH), Ok(AttestationVerdict::SelfAttestation), "alg {alg}");
            assert_eq!(obj.verify_chain_to(&[]), Err(AttestationError::NoCertificateChain));
            let mut cdh = CDH;
            cdh[0] ^= 0x80;
            assert_eq!(obj.verify(&cdh), Err(AttestationError::SignatureInvalid), "alg {alg}");

            let other = if alg == ALG_ES256 { ALG_EDDSA } else { ALG_ES256 };
            let stmt = Value::Map(vec![(text("alg"), int(other)), (text("sig"), bytes(&sig))]);
            assert_eq!(
                object("packed", &ad, stmt).verify(&CDH),
                Err(AttestationError::AlgorithmMismatch { statement: other, key: alg })
            );
        }
    }

    #[test]
    fn fido_u2f() {
        // A U2F-style registration: the attestation certificate and key of a test material,
        // the credential an ES256 key, AAGUID zero as a platform builds it.
        let m = AttestationMaterial::create(&AAGUID).unwrap();
        let cred = CredentialPrivateKey::generate(ALG_ES256).unwrap();
        let ad = auth_data(&cred, [0; 16]);
        let parsed = AuthenticatorData::parse(&ad).unwrap();
        let CoseKey::P256 { x, y, .. } = cred.public_cose().unwrap() else { panic!() };
        let verification_data = [&[0x00][..], &parsed.rp_id_hash, &CDH, &[0xc1; 48], &[0x04], &x, &y].concat();
        let att_key = p256::ecdsa::SigningKey::from_slice(m.key.as_slice()).unwrap();
        let sig: p256::ecdsa::DerSignature = p256::ecdsa::signature::Signer::sign(&att_key, &verification_data);
        let stmt =
            |x5c: Vec<Value>| Value::Map(vec![(text("sig"), bytes(sig.as_bytes())), (text("x5c"), Value::Array(x5c))]);

        let obj = object("fido-u2f", &ad, stmt(vec![bytes(&m.cert_der)]));
        assert_eq!(obj.verify(&CDH), Ok(AttestationVerdict::FidoU2f { chain: vec![m.cert_der.clone()] }));
        assert_eq!(obj.verify_chain_to(std::slice::from_ref(&m.ca_cert_der)), Ok(true));
        assert_eq!(obj.verify(&[0; 32]), Err(AttestationError::SignatureInvalid));
        // The packed signature (over authData || clientDataHash) is not a U2F signature.
        assert_eq!(
            object("fido-u2f", &ad, stmt(vec![bytes(&m.cert_der), bytes(&m.ca_cert_der)])).verify(&CDH),
            Err(AttestationError::BadStatement { fmt: "fido-u2f", reason: "x5c must hold exactly one certificate" })
        );
        let ed = CredentialPrivateKey::generate(ALG_EDDSA).unwrap();
        assert_eq!(
            object("fido-u2f", &auth_data(&ed, [0; 16]), stmt(vec![bytes(&m.cert_der)])).verify(&CDH),
            Err(AttestationError::BadStatement { fmt: "fido-u2f", reason: "the credential key must be a P-256 key" })
        );
    }

    #[test]
    fn none_and_malformed_statements() {
        let cred = CredentialPrivateKey::generate(ALG_ES256).unwrap();
        let ad = auth_data(&cred, [0; 16]);
        let obj = object("none", &ad, Value::Map(vec![]));
        assert_eq!(obj.verify(&CDH), Ok(AttestationVerdict::None));
        assert_eq!(obj.verify_chain_to(&[]), Err(AttestationError::NoCertificateChain));
        assert!(matches!(
            object("none", &ad, Value::Map(vec![(text("sig"), bytes(&[1]))])).verify(&CDH),
            Err(AttestationError::BadStatement { fmt: "none", .. })
        ));
        assert_eq!(
            object("tpm", &ad, Value::Map(vec![])).verify(&CDH),
            Err(AttestationError::UnsupportedFormat("tpm".into()))
        );

        let packed_with = |entries: Vec<(Value, Value)>| object("packed", &ad, Value::Map(entries)).verify(&CDH);
        let bad = |reason| Err(AttestationError::BadStatement { fmt: "packed", reason });
        assert_eq!(packed_with(vec![(text("sig"), bytes(&[]))]), bad("alg is missing or not an integer"));
        assert_eq!(packed_with(vec![(text("alg"), int(-7))]), bad("sig is missing or not a byte string"));
        let base = vec![(text("alg"), int(-7)), (text("sig"), bytes(&[0x30, 0x00]))];
        let with = |k: &str, v: Value| [base.clone(), vec![(text(k), v)]].concat();
        assert_eq!(packed_with(with("x5c", Value::Array(vec![]))), bad("x5c is empty"));
        assert_eq!(packed_with(with("x5c", bytes(&[1]))), bad("x5c is not an array"));
        assert_eq!(
            packed_with(with("x5c", Value::Array(vec![text("cert")]))),
            bad("an x5c entry is not a byte string")
        );
        assert_eq!(
            packed_with(with("x5c", Value::Array(vec![bytes(&[0x30]); MAX_CHAIN + 1]))),
            bad("x5c holds too many certificates")
        );
        assert!(matches!(
            packed_with(with("x5c", Value::Array(vec![bytes(&[0x30, 0x03, 1, 2, 3])]))),
            Err(AttestationError::BadCertificate { index: 0, .. })
        ));
        assert_eq!(packed_with(with("ecdaaKeyId", bytes(&[1]))), bad("ECDAA attestation is not supported"));
        let rs256 =
            vec![(text("alg"), int(-257)), (text("sig"), bytes(&[1])), (text("x5c"), Value::Array(vec![bytes(&[1])]))];
        assert_eq!(packed_with(rs256), Err(AttestationError::UnsupportedAlgorithm(-257)));
    }

    #[test]
    fn response_shape() {
        let cred = CredentialPrivateKey::generate(ALG_ES256).unwrap();
        let ad = auth_data(&cred, [0; 16]);
        let parse = |entries: Vec<(i64, Option<Value>)>| AttestationObject::from_ctap_response(&cbor::int_map(entries));
        let ok = parse(vec![(1, Some(text("none"))), (2, Some(bytes(&ad))), (3, Some(Value::Map(vec![])))]).unwrap();
        assert_eq!(ok.auth_data_raw, ad);
        assert_eq!(ok.auth_data.attested.unwrap().public_key, cred.public_cose().unwrap());

        assert!(matches!(
            parse(vec![(2, Some(bytes(&ad))), (3, Some(Value::Map(vec![])))]),
            Err(AttestationError::Response(_))
        ));
        assert!(matches!(
            parse(vec![(1, Some(text("none"))), (2, Some(bytes(&ad))), (3, Some(bytes(&[])))]),
            Err(AttestationError::Response(CborError::WrongType(_)))
        ));
        // An assertion-shaped authData (no AT) is no makeCredential answer.
        assert_eq!(
            parse(vec![(1, Some(text("none"))), (2, Some(bytes(&ad[..37]))), (3, Some(Value::Map(vec![])))]),
            Err(AttestationError::AuthData(AuthDataError::MissingAttestedData))
        );
        let mut no_at = ad[..37].to_vec();
        no_at[32] = FLAG_UP;
        assert_eq!(
            parse(vec![(1, Some(text("none"))), (2, Some(bytes(&no_at))), (3, Some(Value::Map(vec![])))]),
            Err(AttestationError::NoAttestedCredential)
        );
        assert!(AttestationObject::from_ctap_response(&bytes(&[])).is_err());
    }

    #[test]
    fn unsupported_certificate_algorithm_is_an_error_not_a_no() {
        let m = AttestationMaterial::create(&AAGUID).unwrap();
        let (ad, stmt) = packed(&m, AAGUID);
        let mut obj = object("packed", &ad, stmt);
        // ecdsa-with-SHA256 -> ecdsa-with-SHA224 (same length, not accepted), both in the TBS and
        // outside. (SHA-384 and SHA-512 are accepted since the audit's verifier is used.)
        let sha256 = [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];
        let mut cert = m.cert_der.clone();
        let mut n = 0;
        for i in 0..cert.len() - sha256.len() {
            if cert[i..i + sha256.len()] == sha256 {
                cert[i + sha256.len() - 1] = 0x01;
                n += 1;
            }
        }
        assert_eq!(n, 2);
        *stmt_entry(&mut obj.att_stmt, "x5c") = Value::Array(vec![bytes(&cert)]);
        assert_eq!(
            obj.verify_chain_to(std::slice::from_ref(&m.ca_cert_der)),
            Err(AttestationError::UnsupportedCertificateAlgorithm("algorithm 1.2.840.10045.4.3.1".into()))
        );
    }

    #[test]
    fn assertion_signatures() {
        let ad = [0x5a; 37];
        for alg in [ALG_ES256, ALG_EDDSA] {
            let key = CredentialPrivateKey::generate(alg).unwrap();
            let public = key.public_cose().unwrap();
            let sig = key.sign(&[&ad[..], &CDH].concat()).unwrap();
            assert_eq!(verify_assertion_signature(&public, &ad, &CDH, &sig), Ok(()), "alg {alg}");

            let mut bad_ad = ad;
            bad_ad[32] ^= 0x04; // claim UV
            assert_eq!(
                verify_assertion_signature(&public, &bad_ad, &CDH, &sig),
                Err(AttestationError::SignatureInvalid)
            );
            assert_eq!(
                verify_assertion_signature(&public, &ad, &[0; 32], &sig),
                Err(AttestationError::SignatureInvalid)
            );
            let mut bad_sig = sig.clone();
            let last = bad_sig.len() - 1;
            bad_sig[last] ^= 1;
            assert!(verify_assertion_signature(&public, &ad, &CDH, &bad_sig).is_err());
            let other = CredentialPrivateKey::generate(alg).unwrap().public_cose().unwrap();
            assert_eq!(verify_assertion_signature(&other, &ad, &CDH, &sig), Err(AttestationError::SignatureInvalid));
        }
        let ed = CredentialPrivateKey::generate(ALG_EDDSA).unwrap();
        assert_eq!(
            verify_assertion_signature(&ed.public_cose().unwrap(), &ad, &CDH, &[0; 63]),
            Err(AttestationError::MalformedSignature("EdDSA"))
        );
        let es = CredentialPrivateKey::generate(ALG_ES256).unwrap();
        let CoseKey::P256 { x, y, .. } = es.public_cose().unwrap() else { panic!() };
        let sig = es.sign(&[&ad[..], &CDH].concat()).unwrap();
        assert_eq!(
            verify_assertion_signature(&CoseKey::P256 { alg: -25, x, y }, &ad, &CDH, &sig),
            Err(AttestationError::UnsupportedAlgorithm(-25))
        );
        assert_eq!(
            verify_assertion_signature(&es.public_cose().unwrap(), &ad, &CDH, &sig[..sig.len() - 1]),
            Err(AttestationError::MalformedSignature("ES256"))
        );
        // A raw r || s signature (the JOSE form) is not what CTAP sends for ES256.
        let raw = p256::ecdsa::Signature::from_der(&sig).unwrap().to_bytes();
        assert_eq!(
            verify_assertion_signature(&es.public_cose().unwrap(), &ad, &CDH, &raw),
            Err(AttestationError::MalformedSignature("ES256"))
        );
        // An off-curve P-256 key is refused, not verified against.
        let mut off = y;
        off[31] ^= 1;
        assert_eq!(
            verify_assertion_signature(&CoseKey::P256 { alg: ALG_ES256, x, y: off }, &ad, &CDH, &sig),
            Err(AttestationError::Cose(CoseError::NotOnCurve))
        );
        // A small-order Ed25519 key (the identity point) is refused by strict verification.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        assert!(verify_assertion_signature(&CoseKey::Ed25519 { x: identity }, &ad, &CDH, &[0; 64]).is_err());
    }
}
