//! The virtual key's attestation: a per-key test CA made at `fidoctl virtual create`, the
//! attestation certificate it issues (WebAuthn §8.2.1 packed requirements), packed attestation
//! signing, and the credential private keys (ES256, EdDSA, ES384, RS256) the key signs
//! assertions with.
//!
//! Everything here is for a test device: the state file keeps these keys in the clear.

use crate::proto::cose::{CoseKey, ALG_EDDSA, ALG_ES256, ALG_ES384, ALG_RS256};
use ciborium::value::Value;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{DerSignature, SigningKey};
use p256::FieldBytes;
use rand_core::{OsRng, RngCore};
use std::str::FromStr;
use std::time::{Duration, SystemTime};
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::der::asn1::OctetString;
use x509_cert::der::oid::{AssociatedOid, ObjectIdentifier};
use x509_cert::der::{Decode, Encode, EncodeValue, FixedTag, Length, Tag, Writer};
use x509_cert::ext::{AsExtension, Extension};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::{Time, Validity};
use x509_cert::Certificate;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// id-fido-gen-ce-aaguid: the AAGUID of the authenticator model the certificate attests.
pub const OID_FIDO_GEN_CE_AAGUID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.4.1.45724.1.1.4");

/// RFC 4514 order (last RDN first); `Name::from_str` reverses it into C, O, OU, CN.
const CA_SUBJECT: &str = "CN=fidoctl virtual key test CA,O=fidoctl,C=ZZ";
/// §8.2.1: C is the vendor's country (ZZ, "unknown", as this is nobody's product), O the
/// vendor, OU exactly "Authenticator Attestation", CN anything.
const LEAF_SUBJECT: &str = "CN=fidoctl virtual key attestation,OU=Authenticator Attestation,O=fidoctl,C=ZZ";
/// Enterprise attestation identifies the one device: its serial goes into the CN.
fn enterprise_subject(device_serial: &str) -> String {
    format!("CN=fidoctl virtual key {device_serial} enterprise attestation,OU=Authenticator Attestation,O=fidoctl,C=ZZ")
}

const DAY: u64 = 24 * 60 * 60;
/// 20 years, leap days included.
const LIFETIME: u64 = (20 * 365 + 5) * DAY;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AttestationError {
    #[error("could not build the test certificates: {0}")]
    Certificate(String),
    #[error("the stored {0} is not 32 bytes of hex")]
    Hex(&'static str),
    #[error("the stored {0} is not a valid private key")]
    BadKey(&'static str),
    #[error("the stored {0} is not a valid certificate: {1}")]
    BadCertificate(&'static str, String),
    #[error("the stored {0} does not belong to its certificate")]
    KeyMismatch(&'static str),
    #[error("COSE algorithm {0} is not supported (ES256 -7, EdDSA -8, ES384 -35 and RS256 -257 are)")]
    UnsupportedAlgorithm(i64),
    #[error("the random number generator failed")]
    Random,
}

impl From<x509_cert::builder::Error> for AttestationError {
    fn from(e: x509_cert::builder::Error) -> Self {
        AttestationError::Certificate(e.to_string())
    }
}

impl From<x509_cert::der::Error> for AttestationError {
    fn from(e: x509_cert::der::Error) -> Self {
        AttestationError::Certificate(e.to_string())
    }
}

/// The test CA and the attestation certificate/key it issued, as the virtual key holds them.
pub struct AttestationMaterial {
    pub ca_cert_der: Vec<u8>,
    /// P-256 scalar, big-endian.
    pub ca_key: Zeroizing<[u8; 32]>,
    pub cert_der: Vec<u8>,
    /// P-256 scalar, big-endian.
    pub key: Zeroizing<[u8; 32]>,
}

impl std::fmt::Debug for AttestationMaterial {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AttestationMaterial")
            .field("ca_cert_der", &hex::encode(&self.ca_cert_der))
            .field("cert_der", &hex::encode(&self.cert_der))
            .finish_non_exhaustive()
    }
}

impl AttestationMaterial {
    /// A fresh self-signed root and an attestation certificate for `aaguid` signed by it.
    pub fn create(aaguid: &[u8; 16]) -> Result<Self, AttestationError> {
        let ca_key = random_p256_scalar()?;
        let ca_signer = signing_key(&ca_key, "CA key")?;
        let ca_subject = Name::from_str(CA_SUBJECT)?;
        let validity = validity()?;

        let ca_spki = SubjectPublicKeyInfoOwned::from_key(*ca_signer.verifying_key())
            .map_err(|e| AttestationError::Certificate(e.to_string()))?;
        let ca_cert = CertificateBuilder::new(
            Profile::Root,
            random_serial()?,
            validity,
            ca_subject.clone(),
            ca_spki,
            &ca_signer,
        )?
        .build::<DerSignature>()?;

        let (cert_der, key) = issue_leaf(&ca_signer, ca_subject, LEAF_SUBJECT, aaguid)?;
        Ok(Self { ca_cert_der: ca_cert.to_der()?, ca_key, cert_der, key })
    }

    /// A second attestation certificate from the same CA, naming this one device
    /// (`device_serial`): what enterprise attestation signs with, never the batch one.
    pub fn issue_enterprise(&self, aaguid: &[u8; 16], device_serial: &str) -> Result<StoredLeaf, AttestationError> {
        let ca_signer = signing_key(&self.ca_key, "CA key")?;
        let ca_cert = Certificate::from_der(&self.ca_cert_der)
            .map_err(|e| AttestationError::BadCertificate("CA certificate", e.to_string()))?;
        let issuer = ca_cert.tbs_certificate.subject.clone();
        let (cert_der, key) = issue_leaf(&ca_signer, issuer, &enterprise_subject(device_serial), aaguid)?;
        Ok(StoredLeaf { cert: hex::encode(&cert_der), key: hex::encode(key.as_slice()) })
    }

    /// The same CA with another of its leaves (the enterprise one) as the signer.
    pub fn with_leaf(&self, leaf: &StoredLeaf) -> Result<Self, AttestationError> {
        let cert_der =
            hex::decode(&leaf.cert).map_err(|e| AttestationError::BadCertificate("leaf certificate", e.to_string()))?;
        let key = scalar_from_hex(&leaf.key, "leaf key")?;
        check_key_matches_cert(&key, &cert_der, "leaf key", "leaf certificate")?;
        Ok(Self { ca_cert_der: self.ca_cert_der.clone(), ca_key: self.ca_key.clone(), cert_der, key })
    }

    /// A packed attestation statement (WebAuthn §8.2) over `auth_data || client_data_hash`.
    ///
    /// x5c holds the attestation certificate only: the test CA is the trust anchor, which a
    /// verifier must get from somewhere it trusts (`ca_cert_der`), never from the statement
    /// itself. Real keys usually send no root either: verifiers take trust anchors from
    /// metadata (FIDO MDS), not from the key.
    pub fn sign_packed(&self, auth_data: &[u8], client_data_hash: &[u8; 32]) -> Result<Value, AttestationError> {
        let signer = signing_key(&self.key, "attestation key")?;
        let mut msg = Vec::with_capacity(auth_data.len() + 32);
        msg.extend_from_slice(auth_data);
        msg.extend_from_slice(client_data_hash);
        let sig: DerSignature = signer.sign(&msg);
        // Text keys of equal length sort bytewise: alg, sig, x5c is already canonical order.
        Ok(Value::Map(vec![
            (Value::Text("alg".into()), Value::Integer(ALG_ES256.into())),
            (Value::Text("sig".into()), Value::Bytes(sig.as_bytes().to_vec())),
            (Value::Text("x5c".into()), Value::Array(vec![Value::Bytes(self.cert_der.clone())])),
        ]))
    }
}

/// One attestation certificate the CA issued, with its key; for §8.2.1 leaf requirements
/// (Basic Constraints CA:false, key usage digitalSignature, the AAGUID extension).
fn issue_leaf(
    ca_signer: &SigningKey,
    issuer: Name,
    subject: &str,
    aaguid: &[u8; 16],
) -> Result<(Vec<u8>, Zeroizing<[u8; 32]>), AttestationError> {
    let key = random_p256_scalar()?;
    let leaf_spki = SubjectPublicKeyInfoOwned::from_key(*signing_key(&key, "attestation key")?.verifying_key())
        .map_err(|e| AttestationError::Certificate(e.to_string()))?;
    let profile = Profile::Leaf { issuer, enable_key_agreement: false, enable_key_encipherment: false };
    let mut builder = CertificateBuilder::new(
        profile,
        random_serial()?,
        validity()?,
        Name::from_str(subject)?,
        leaf_spki,
        ca_signer,
    )?;
    builder.add_extension(&AaguidExtension(OctetString::new(aaguid.as_slice())?))?;
    Ok((builder.build::<DerSignature>()?.to_der()?, key))
}

/// A leaf certificate and its key as hex strings, for the JSON state file.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct StoredLeaf {
    pub cert: String,
    pub key: String,
}

impl std::fmt::Debug for StoredLeaf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredLeaf").field("cert", &self.cert).finish_non_exhaustive()
    }
}

/// The attestation material as hex strings, for the JSON state file.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct StoredAttestation {
    pub ca_cert: String,
    pub ca_key: String,
    pub cert: String,
    pub key: String,
}

impl std::fmt::Debug for StoredAttestation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredAttestation")
            .field("ca_cert", &self.ca_cert)
            .field("cert", &self.cert)
            .finish_non_exhaustive()
    }
}

impl From<&AttestationMaterial> for StoredAttestation {
    fn from(m: &AttestationMaterial) -> Self {
        Self {
            ca_cert: hex::encode(&m.ca_cert_der),
            ca_key: hex::encode(m.ca_key.as_slice()),
            cert: hex::encode(&m.cert_der),
            key: hex::encode(m.key.as_slice()),
        }
    }
}

impl TryFrom<&StoredAttestation> for AttestationMaterial {
    type Error = AttestationError;

    /// Checks everything a damaged state file could get wrong: hex, certificate syntax, valid
    /// scalars, and that each key belongs to its certificate.
    fn try_from(s: &StoredAttestation) -> Result<Self, AttestationError> {
        let material = Self {
            ca_cert_der: hex::decode(&s.ca_cert)
                .map_err(|e| AttestationError::BadCertificate("CA certificate", e.to_string()))?,
            ca_key: scalar_from_hex(&s.ca_key, "CA key")?,
            cert_der: hex::decode(&s.cert)
                .map_err(|e| AttestationError::BadCertificate("attestation certificate", e.to_string()))?,
            key: scalar_from_hex(&s.key, "attestation key")?,
        };
        check_key_matches_cert(&material.ca_key, &material.ca_cert_der, "CA key", "CA certificate")?;
        check_key_matches_cert(&material.key, &material.cert_der, "attestation key", "attestation certificate")?;
        Ok(material)
    }
}

fn check_key_matches_cert(
    key: &[u8; 32],
    cert_der: &[u8],
    key_name: &'static str,
    cert_name: &'static str,
) -> Result<(), AttestationError> {
    let cert =
        Certificate::from_der(cert_der).map_err(|e| AttestationError::BadCertificate(cert_name, e.to_string()))?;
    let public = signing_key(key, key_name)?.verifying_key().to_encoded_point(false);
    if cert.tbs_certificate.subject_public_key_info.subject_public_key.raw_bytes() != public.as_bytes() {
        return Err(AttestationError::KeyMismatch(key_name));
    }
    Ok(())
}

/// The id-fido-gen-ce-aaguid extension: extnValue is the DER OCTET STRING holding the 16 bytes.
struct AaguidExtension(OctetString);

impl AssociatedOid for AaguidExtension {
    const OID: ObjectIdentifier = OID_FIDO_GEN_CE_AAGUID;
}

impl FixedTag for AaguidExtension {
    const TAG: Tag = Tag::OctetString;
}

impl EncodeValue for AaguidExtension {
    fn value_len(&self) -> x509_cert::der::Result<Length> {
        self.0.value_len()
    }
    fn encode_value(&self, writer: &mut impl Writer) -> x509_cert::der::Result<()> {
        self.0.encode_value(writer)
    }
}

impl AsExtension for AaguidExtension {
    /// §8.2.1: the extension MUST NOT be critical.
    fn critical(&self, _subject: &Name, _extensions: &[Extension]) -> bool {
        false
    }
}

fn signing_key(scalar: &[u8; 32], what: &'static str) -> Result<SigningKey, AttestationError> {
    SigningKey::from_bytes(FieldBytes::from_slice(scalar)).map_err(|_| AttestationError::BadKey(what))
}

/// 32 random bytes that are a valid P-256 scalar (0 < k < n), drawn straight into a zeroizing
/// buffer. A draw is out of range with probability ~2^-32, so a handful of tries is plenty.
fn random_p256_scalar() -> Result<Zeroizing<[u8; 32]>, AttestationError> {
    let mut k = Zeroizing::new([0u8; 32]);
    for _ in 0..8 {
        OsRng.try_fill_bytes(k.as_mut_slice()).map_err(|_| AttestationError::Random)?;
        if SigningKey::from_slice(k.as_slice()).is_ok() {
            return Ok(k);
        }
    }
    Err(AttestationError::Random)
}

/// 128 random bits as a positive INTEGER with no leading zero byte (RFC 5280 allows 20 octets).
fn random_serial() -> Result<SerialNumber, AttestationError> {
    let mut b = [0u8; 16];
    OsRng.try_fill_bytes(&mut b).map_err(|_| AttestationError::Random)?;
    b[0] = (b[0] & 0x7f) | 0x40;
    Ok(SerialNumber::new(&b)?)
}

/// From a day ago (clock skew between the key and a verifier) to 20 years ahead.
fn validity() -> Result<Validity, AttestationError> {
    let now = SystemTime::now();
    let bad_clock = || AttestationError::Certificate("the system clock is out of range".into());
    let not_before = now.checked_sub(Duration::from_secs(DAY)).ok_or_else(bad_clock)?;
    let not_after = now.checked_add(Duration::from_secs(LIFETIME)).ok_or_else(bad_clock)?;
    // The builder turns these into UTCTime, as RFC 5280 wants for dates before 2050.
    Ok(Validity { not_before: Time::try_from(not_before)?, not_after: Time::try_from(not_after)? })
}

fn scalar_from_hex(s: &str, what: &'static str) -> Result<Zeroizing<[u8; 32]>, AttestationError> {
    let mut k = Zeroizing::new([0u8; 32]);
    hex::decode_to_slice(s, k.as_mut_slice()).map_err(|_| AttestationError::Hex(what))?;
    Ok(k)
}

// ---- credential keys ---------------------------------------------------------------------

/// A credential's private key. ES256 holds the P-256 scalar, ES384 the P-384 scalar, Ed25519
/// the 32-byte seed, RS256 a 2048-bit RSA key (zeroized on drop by the rsa crate).
pub enum CredentialPrivateKey {
    Es256(Zeroizing<[u8; 32]>),
    Ed25519(Zeroizing<[u8; 32]>),
    Es384(Zeroizing<[u8; 48]>),
    Rs256(Box<rsa::RsaPrivateKey>),
}

/// The RSA credential size: what RS256 authenticators (Windows Hello, TPMs) use.
const RSA_BITS: usize = 2048;

impl std::fmt::Debug for CredentialPrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CredentialPrivateKey::Es256(_) => f.write_str("CredentialPrivateKey::Es256(..)"),
            CredentialPrivateKey::Ed25519(_) => f.write_str("CredentialPrivateKey::Ed25519(..)"),
            CredentialPrivateKey::Es384(_) => f.write_str("CredentialPrivateKey::Es384(..)"),
            CredentialPrivateKey::Rs256(_) => f.write_str("CredentialPrivateKey::Rs256(..)"),
        }
    }
}

impl CredentialPrivateKey {
    /// A new key for COSE algorithm `alg` (-7 ES256, -8 EdDSA, -35 ES384 or -257 RS256).
    pub fn generate(alg: i64) -> Result<Self, AttestationError> {
        match alg {
            ALG_ES256 => Ok(Self::Es256(random_p256_scalar()?)),
            ALG_EDDSA => {
                // Every 32-byte string is a valid Ed25519 seed.
                let mut seed = Zeroizing::new([0u8; 32]);
                OsRng.try_fill_bytes(seed.as_mut_slice()).map_err(|_| AttestationError::Random)?;
                Ok(Self::Ed25519(seed))
            }
            ALG_ES384 => {
                let key = p384::SecretKey::random(&mut OsRng);
                let mut k = Zeroizing::new([0u8; 48]);
                k.copy_from_slice(&key.to_bytes());
                Ok(Self::Es384(k))
            }
            ALG_RS256 => {
                let key = rsa::RsaPrivateKey::new(&mut OsRng, RSA_BITS).map_err(|_| AttestationError::Random)?;
                Ok(Self::Rs256(Box::new(key)))
            }
            other => Err(AttestationError::UnsupportedAlgorithm(other)),
        }
    }

    pub fn alg(&self) -> i64 {
        match self {
            Self::Es256(_) => ALG_ES256,
            Self::Ed25519(_) => ALG_EDDSA,
            Self::Es384(_) => ALG_ES384,
            Self::Rs256(_) => ALG_RS256,
        }
    }

    /// The public key as the COSE_Key that goes into attested credential data.
    pub fn public_cose(&self) -> Result<CoseKey, AttestationError> {
        match self {
            Self::Es256(k) => {
                let public = p256::PublicKey::from(signing_key(k, "credential key")?.verifying_key());
                Ok(CoseKey::from_p256(&public, ALG_ES256))
            }
            Self::Ed25519(seed) => {
                Ok(CoseKey::Ed25519 { x: ed25519_dalek::SigningKey::from_bytes(seed).verifying_key().to_bytes() })
            }
            Self::Es384(k) => Ok(CoseKey::from_p384(&p384_key(k)?.public_key())),
            Self::Rs256(key) => Ok(CoseKey::from_rsa(&key.to_public_key())),
        }
    }

    /// Sign `msg`: ES256/ES384 give an ASN.1 DER signature, EdDSA the 64-byte R || S, RS256 a
    /// PKCS#1 v1.5 signature over SHA-256 as long as the modulus.
    pub fn sign(&self, msg: &[u8]) -> Result<Vec<u8>, AttestationError> {
        match self {
            Self::Es256(k) => {
                let sig: DerSignature = signing_key(k, "credential key")?.sign(msg);
                Ok(sig.as_bytes().to_vec())
            }
            Self::Ed25519(seed) => {
                use ed25519_dalek::Signer as _;
                Ok(ed25519_dalek::SigningKey::from_bytes(seed).sign(msg).to_bytes().to_vec())
            }
            Self::Es384(k) => {
                let signer = p384::ecdsa::SigningKey::from(p384_key(k)?);
                let sig: p384::ecdsa::DerSignature = signer.sign(msg);
                Ok(sig.as_bytes().to_vec())
            }
            Self::Rs256(key) => {
                use rsa::signature::SignatureEncoding as _;
                let signer = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(key.as_ref().clone());
                Ok(signer.sign(msg).to_vec())
            }
        }
    }

    /// The private key as hex (for the state file, beside `alg()`): the scalar or seed, or for
    /// RSA the PKCS#8 DER.
    pub fn to_hex(&self) -> Zeroizing<String> {
        match self {
            Self::Es256(k) | Self::Ed25519(k) => Zeroizing::new(hex::encode(k.as_slice())),
            Self::Es384(k) => Zeroizing::new(hex::encode(k.as_slice())),
            Self::Rs256(key) => {
                use rsa::pkcs8::EncodePrivateKey as _;
                // Encoding a valid key cannot fail; an empty string would fail to load, loudly.
                key.to_pkcs8_der().map(|doc| Zeroizing::new(hex::encode(doc.as_bytes()))).unwrap_or_default()
            }
        }
    }

    /// The inverse of `alg()` + `to_hex()`; a scalar is checked to be in range, an RSA key to be
    /// a consistent 2048-bit key.
    pub fn from_hex(alg: i64, hex: &str) -> Result<Self, AttestationError> {
        match alg {
            ALG_ES256 => {
                let k = scalar_from_hex(hex, "credential key")?;
                signing_key(&k, "credential key")?;
                Ok(Self::Es256(k))
            }
            ALG_EDDSA => Ok(Self::Ed25519(scalar_from_hex(hex, "credential key")?)),
            ALG_ES384 => {
                let mut k = Zeroizing::new([0u8; 48]);
                hex::decode_to_slice(hex, k.as_mut_slice()).map_err(|_| AttestationError::Hex("credential key"))?;
                p384_key(&k)?;
                Ok(Self::Es384(k))
            }
            ALG_RS256 => {
                use rsa::pkcs8::DecodePrivateKey as _;
                use rsa::traits::PublicKeyParts as _;
                let der = Zeroizing::new(hex::decode(hex).map_err(|_| AttestationError::Hex("credential key"))?);
                let key =
                    rsa::RsaPrivateKey::from_pkcs8_der(&der).map_err(|_| AttestationError::BadKey("credential key"))?;
                if key.size() * 8 != RSA_BITS || key.validate().is_err() {
                    return Err(AttestationError::BadKey("credential key"));
                }
                Ok(Self::Rs256(Box::new(key)))
            }
            other => Err(AttestationError::UnsupportedAlgorithm(other)),
        }
    }
}

fn p384_key(k: &[u8; 48]) -> Result<p384::SecretKey, AttestationError> {
    p384::SecretKey::from_slice(k).map_err(|_| AttestationError::BadKey("credential key"))
}

/// A credential key as the state file keeps it.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct StoredCredentialKey {
    pub alg: i64,
    pub key: String,
}

impl std::fmt::Debug for StoredCredentialKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredCredentialKey").field("alg", &self.alg).finish_non_exhaustive()
    }
}

impl From<&CredentialPrivateKey> for StoredCredentialKey {
    fn from(k: &CredentialPrivateKey) -> Self {
        Self { alg: k.alg(), key: k.to_hex().to_string() }
    }
}

impl TryFrom<&StoredCredentialKey> for CredentialPrivateKey {
    type Error = AttestationError;
    fn try_from(s: &StoredCredentialKey) -> Result<Self, AttestationError> {
        Self::from_hex(s.alg, &s.key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use p256::ecdsa::signature::Verifier;

    const AAGUID: [u8; 16] = *b"fidoctl-virtual!";

    fn parse(der: &[u8]) -> Certificate {
        Certificate::from_der(der).unwrap()
    }

    fn extension<'a>(cert: &'a Certificate, oid: &str) -> Option<&'a Extension> {
        let oid = ObjectIdentifier::new(oid).unwrap();
        cert.tbs_certificate.extensions.as_ref()?.iter().find(|e| e.extn_id == oid)
    }

    #[test]
    fn certificates_meet_the_packed_requirements() {
        let m = AttestationMaterial::create(&AAGUID).unwrap();
        let ca = parse(&m.ca_cert_der);
        let leaf = parse(&m.cert_der);

        assert_eq!(leaf.tbs_certificate.version, x509_cert::Version::V3);
        assert_eq!(leaf.tbs_certificate.subject.to_string(), LEAF_SUBJECT);
        assert_eq!(leaf.tbs_certificate.issuer, ca.tbs_certificate.subject);
        assert_eq!(ca.tbs_certificate.issuer, ca.tbs_certificate.subject);

        // extnValue = OCTET STRING { OCTET STRING (16) aaguid }, not critical.
        let ext = extension(&leaf, "1.3.6.1.4.1.45724.1.1.4").unwrap();
        assert!(!ext.critical);
        assert_eq!(ext.extn_value.as_bytes(), [&[0x04, 0x10][..], &AAGUID].concat());
        // The whole Extension, written out by hand: SEQUENCE { OID, OCTET STRING { OCTET STRING } }.
        let expected = format!("3021060b2b0601040182e51c0101040412{}{}", "0410", hex::encode(AAGUID));
        assert_eq!(hex::encode(ext.to_der().unwrap()), expected);

        // Basic Constraints: CA:false on the leaf (an empty SEQUENCE), CA:true on the root.
        let bc = extension(&leaf, "2.5.29.19").unwrap();
        assert_eq!(bc.extn_value.as_bytes(), [0x30, 0x00]);
        let bc = extension(&ca, "2.5.29.19").unwrap();
        assert_eq!(bc.extn_value.as_bytes(), [0x30, 0x03, 0x01, 0x01, 0xff]);

        // The leaf is signed by the CA key.
        let ca_key = signing_key(&m.ca_key, "").unwrap();
        let sig = p256::ecdsa::DerSignature::from_bytes(leaf.signature.raw_bytes()).unwrap();
        ca_key.verifying_key().verify(&leaf.tbs_certificate.to_der().unwrap(), &sig).unwrap();

        // Validity: starts about a day ago and lasts 20 years.
        let v = leaf.tbs_certificate.validity;
        let now = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs();
        let nb = v.not_before.to_unix_duration().as_secs();
        let na = v.not_after.to_unix_duration().as_secs();
        assert!(nb <= now - DAY + 5 && nb + 60 >= now - DAY, "{nb} vs {now}");
        assert!(na >= now + 20 * 365 * DAY);

        // Serials are random: two runs differ.
        let other = parse(&AttestationMaterial::create(&AAGUID).unwrap().cert_der);
        assert_ne!(other.tbs_certificate.serial_number, leaf.tbs_certificate.serial_number);
        assert_eq!(leaf.tbs_certificate.serial_number.as_bytes().len(), 16);
    }

    #[test]
    fn sign_packed_statement_shape() {
        let m = AttestationMaterial::create(&AAGUID).unwrap();
        let stmt = m.sign_packed(b"authdata", &[7; 32]).unwrap();
        let encoded = crate::proto::cbor::encode(&stmt);
        assert_eq!(crate::proto::cbor::decode(&encoded).unwrap(), stmt, "already canonical");
        let Value::Map(entries) = &stmt else { panic!() };
        assert_eq!(entries[0], (Value::Text("alg".into()), Value::Integer((-7).into())));
        let Value::Bytes(sig) = &entries[1].1 else { panic!() };
        let sig = p256::ecdsa::DerSignature::from_bytes(sig).unwrap();
        let msg = [&b"authdata"[..], &[7; 32]].concat();
        signing_key(&m.key, "").unwrap().verifying_key().verify(&msg, &sig).unwrap();
        assert_eq!(entries[2].1, Value::Array(vec![Value::Bytes(m.cert_der.clone())]));
    }

    #[test]
    fn stored_form_round_trips_and_damage_is_caught() {
        let m = AttestationMaterial::create(&AAGUID).unwrap();
        let stored = StoredAttestation::from(&m);
        let json = serde_json::to_string(&stored).unwrap();
        let back: StoredAttestation = serde_json::from_str(&json).unwrap();
        let m2 = AttestationMaterial::try_from(&back).unwrap();
        assert_eq!(
            (m2.ca_cert_der, &*m2.ca_key, m2.cert_der, &*m2.key),
            (m.ca_cert_der.clone(), &*m.ca_key, m.cert_der.clone(), &*m.key)
        );

        let broken = |f: &dyn Fn(&mut StoredAttestation)| {
            let mut s = stored.clone();
            f(&mut s);
            AttestationMaterial::try_from(&s).unwrap_err()
        };
        assert_eq!(broken(&|s| s.key.truncate(10)), AttestationError::Hex("attestation key"));
        assert_eq!(broken(&|s| s.ca_key = "00".repeat(32)), AttestationError::BadKey("CA key"));
        assert_eq!(broken(&|s| s.key = "ff".repeat(32)), AttestationError::BadKey("attestation key"));
        assert_eq!(broken(&|s| s.key = s.ca_key.clone()), AttestationError::KeyMismatch("attestation key"));
        assert!(matches!(
            broken(&|s| s.cert.truncate(100)),
            AttestationError::BadCertificate("attestation certificate", _)
        ));
        assert!(matches!(broken(&|s| s.ca_cert.push('x')), AttestationError::BadCertificate("CA certificate", _)));
        // Debug output never shows private keys.
        assert!(!format!("{stored:?} {m:?}").contains(&stored.key));
    }

    #[test]
    fn credential_keys() {
        for alg in [ALG_ES256, ALG_EDDSA, ALG_ES384, ALG_RS256] {
            let k = CredentialPrivateKey::generate(alg).unwrap();
            assert_eq!(k.alg(), alg);
            assert_eq!(k.public_cose().unwrap().alg(), alg);
            let stored = StoredCredentialKey::from(&k);
            let back = CredentialPrivateKey::try_from(&stored).unwrap();
            assert_eq!(back.public_cose().unwrap(), k.public_cose().unwrap());
            assert!(!format!("{k:?} {stored:?}").contains(&stored.key));
        }
        let ed = CredentialPrivateKey::generate(ALG_EDDSA).unwrap();
        assert_eq!(ed.sign(b"m").unwrap().len(), 64);
        let es = CredentialPrivateKey::generate(ALG_ES256).unwrap();
        assert_eq!(es.sign(b"m").unwrap()[0], 0x30);

        let es384 = CredentialPrivateKey::generate(ALG_ES384).unwrap();
        assert_eq!(es384.sign(b"m").unwrap()[0], 0x30);
        let rs = CredentialPrivateKey::generate(ALG_RS256).unwrap();
        assert_eq!(rs.sign(b"m").unwrap().len(), 256);
        let CoseKey::Rsa { n, e } = rs.public_cose().unwrap() else { panic!() };
        assert_eq!((n.len(), e.as_slice()), (256, &[1, 0, 1][..]));

        assert_eq!(CredentialPrivateKey::generate(-36).unwrap_err(), AttestationError::UnsupportedAlgorithm(-36));
        assert_eq!(
            CredentialPrivateKey::from_hex(ALG_ES384, &"00".repeat(48)).unwrap_err(),
            AttestationError::BadKey("credential key")
        );
        assert_eq!(
            CredentialPrivateKey::from_hex(ALG_ES384, &"01".repeat(32)).unwrap_err(),
            AttestationError::Hex("credential key")
        );
        assert_eq!(
            CredentialPrivateKey::from_hex(ALG_RS256, "3000").unwrap_err(),
            AttestationError::BadKey("credential key")
        );
        assert_eq!(
            CredentialPrivateKey::from_hex(ALG_ES256, &"00".repeat(32)).unwrap_err(),
            AttestationError::BadKey("credential key")
        );
        assert_eq!(
            CredentialPrivateKey::from_hex(ALG_EDDSA, "abcd").unwrap_err(),
            AttestationError::Hex("credential key")
        );
        assert_eq!(
            CredentialPrivateKey::from_hex(-36, &"01".repeat(32)).unwrap_err(),
            AttestationError::UnsupportedAlgorithm(-36)
        );
        // A known Ed25519 key (RFC 8032 test 1) gives the known public key.
        let seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
        let k = CredentialPrivateKey::from_hex(ALG_EDDSA, seed).unwrap();
        let CoseKey::Ed25519 { x } = k.public_cose().unwrap() else { panic!() };
        assert_eq!(hex::encode(x), "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assert_eq!(
            hex::encode(k.sign(b"").unwrap()),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        );
    }
}
