//! X.509 certificates and certificate paths, for every layer: the MDS BLOB signer
//! ([`crate::audit::mds`]), the genuine-key check of attestation chains, and the client's check
//! of an attestation statement's x5c ([`crate::client::attestation`]). Pure: DER bytes (and a
//! time) in, a verdict out.
//!
//! What is checked, for a chain given leaf first and a set of trust anchors:
//! - every certificate parses as strict DER X.509 (serial numbers up to 32 octets);
//! - with [`PathRules::AtTime`], every certificate used is within its validity period (anchors
//!   excepted: they are trusted as configured);
//! - a path is built from the leaf to an anchor, matching each certificate's issuer name to the
//!   next one's subject name. [`PathRules::AtTime`] takes certificates of the chain in any order
//!   and ignores those not needed (a cross-signed certificate, when the anchor is the newer root),
//!   and trusts an anchor that appears in the chain as is; [`PathRules::AsSent`] uses the chain
//!   exactly as sent (each certificate signed by the next, the last by an anchor);
//! - each signature verifies with the issuer's key (RSA PKCS#1 v1.5 with SHA-256/384/512 and at
//!   least 2048 bits; ECDSA P-256 or P-384 with SHA-256/384/512);
//! - each issuer is a CA (basicConstraints cA, keyCertSign when keyUsage is present, path length);
//! - no certificate carries a critical extension this module does not understand.
//!
//! Not checked: revocation (CRLs / OCSP need the network; fidoctl is offline), name constraints
//! (a certificate that marks them critical is refused), certificate policies.

use std::fmt;

use der::asn1::ObjectIdentifier;
use der::{Decode, Reader, SliceReader, Tag, Tagged};
use sha2::{Digest, Sha256, Sha384, Sha512};
use spki::SubjectPublicKeyInfoOwned;
use x509_cert::certificate::{CertificateInner, Profile};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage, SubjectAltName};
use x509_cert::serial_number::SerialNumber;

/// The parsing profile: strict DER like x509-cert's RFC 5280 profile, but serial numbers up to 32
/// octets are accepted (RFC 5280 says 20; a real FIDO attestation root in the metadata, ESS Smart
/// Card's, has 21 plus a sign octet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lenient;

/// Longest serial number accepted, in encoded octets.
pub const MAX_SERIAL_OCTETS: usize = 32;

impl Profile for Lenient {
    fn check_serial_number(serial: &SerialNumber<Self>) -> der::Result<()> {
        if serial.as_bytes().len() > MAX_SERIAL_OCTETS {
            Err(Tag::Integer.value_error())
        } else {
            Ok(())
        }
    }
}

/// A certificate parsed with the [`Lenient`] profile.
pub type Certificate = CertificateInner<Lenient>;

/// OIDs this module knows.
pub mod oid {
    use der::asn1::ObjectIdentifier as Oid;

    pub const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
    pub const SHA256_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.11");
    pub const SHA384_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.12");
    pub const SHA512_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.13");
    pub const EC_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");
    pub const ECDSA_WITH_SHA256: Oid = Oid::new_unwrap("1.2.840.10045.4.3.2");
    pub const ECDSA_WITH_SHA384: Oid = Oid::new_unwrap("1.2.840.10045.4.3.3");
    pub const ECDSA_WITH_SHA512: Oid = Oid::new_unwrap("1.2.840.10045.4.3.4");
    pub const P256: Oid = Oid::new_unwrap("1.2.840.10045.3.1.7");
    pub const P384: Oid = Oid::new_unwrap("1.3.132.0.34");
    pub const COMMON_NAME: Oid = Oid::new_unwrap("2.5.4.3");
    pub const COUNTRY: Oid = Oid::new_unwrap("2.5.4.6");
    pub const ORGANIZATION: Oid = Oid::new_unwrap("2.5.4.10");
    pub const ORGANIZATIONAL_UNIT: Oid = Oid::new_unwrap("2.5.4.11");
    pub const SUBJECT_KEY_ID: Oid = Oid::new_unwrap("2.5.29.14");
    pub const KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.15");
    pub const SUBJECT_ALT_NAME: Oid = Oid::new_unwrap("2.5.29.17");
    pub const BASIC_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.19");
    pub const CERTIFICATE_POLICIES: Oid = Oid::new_unwrap("2.5.29.32");
    pub const AUTHORITY_KEY_ID: Oid = Oid::new_unwrap("2.5.29.35");
    pub const EXT_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37");
    /// id-fido-gen-ce-aaguid: the AAGUID in an attestation certificate.
    pub const FIDO_AAGUID: Oid = Oid::new_unwrap("1.3.6.1.4.1.45724.1.1.4");
}

/// Critical extensions that this module either enforces (basicConstraints, keyUsage) or may
/// ignore safely (names, key identifiers, policies, extended key usage).
const UNDERSTOOD_CRITICAL: &[ObjectIdentifier] = &[
    oid::BASIC_CONSTRAINTS,
    oid::KEY_USAGE,
    oid::SUBJECT_ALT_NAME,
    oid::SUBJECT_KEY_ID,
    oid::AUTHORITY_KEY_ID,
    oid::CERTIFICATE_POLICIES,
    oid::EXT_KEY_USAGE,
];

/// Most certificates a chain may carry (real chains have 1–4; the cap bounds path building).
pub const MAX_CHAIN_LEN: usize = 16;

/// Smallest RSA modulus accepted, in bits.
pub const MIN_RSA_BITS: usize = 2048;

/// A parsed certificate with its original DER (signatures cover the original TBS bytes).
#[derive(Clone)]
pub struct Cert {
    der: Vec<u8>,
    tbs: std::ops::Range<usize>,
    cert: Certificate,
}

impl fmt::Debug for Cert {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cert({})", self.subject_name())
    }
}

impl Cert {
    /// Parse one DER certificate. The error says what is wrong, in words.
    pub fn from_der(der: &[u8]) -> Result<Cert, String> {
        let cert = Certificate::from_der(der).map_err(|e| format!("not a DER X.509 certificate ({e})"))?;
        let tbs = tbs_range(der).map_err(|e| format!("not a DER X.509 certificate ({e})"))?;
        Ok(Cert { der: der.to_vec(), tbs, cert })
    }

    pub fn der(&self) -> &[u8] {
        &self.der
    }

    pub fn certificate(&self) -> &Certificate {
        &self.cert
    }

    /// The signed part (TBSCertificate) exactly as sent.
    pub fn tbs_der(&self) -> &[u8] {
        &self.der[self.tbs.clone()]
    }

    /// The subject's common name, or the whole distinguished name when it has none.
    pub fn subject_name(&self) -> String {
        display_name(&self.cert.tbs_certificate.subject)
    }

    /// The issuer's common name, or the whole distinguished name.
    pub fn issuer_name(&self) -> String {
        display_name(&self.cert.tbs_certificate.issuer)
    }

    pub fn spki(&self) -> &SubjectPublicKeyInfoOwned {
        &self.cert.tbs_certificate.subject_public_key_info
    }

    pub fn not_before(&self) -> u64 {
        self.cert.tbs_certificate.validity.not_before.to_unix_duration().as_secs()
    }

    pub fn not_after(&self) -> u64 {
        self.cert.tbs_certificate.validity.not_after.to_unix_duration().as_secs()
    }

    fn is_self_issued(&self) -> bool {
        self.cert.tbs_certificate.issuer == self.cert.tbs_certificate.subject
    }

    fn issued_by(&self, issuer: &Cert) -> bool {
        self.cert.tbs_certificate.issuer == issuer.cert.tbs_certificate.subject
    }

    /// Every extension, in certificate order.
    pub fn extensions(&self) -> &[x509_cert::ext::Extension] {
        self.cert.tbs_certificate.extensions.as_deref().unwrap_or(&[])
    }

    /// The first extension with this OID.
    pub fn extension(&self, id: ObjectIdentifier) -> Option<&x509_cert::ext::Extension> {
        self.extensions().iter().find(|e| e.extn_id == id)
    }

    /// The text of every subject attribute with this OID (`None` for a value that is not text).
    pub fn subject_attributes(&self, id: ObjectIdentifier) -> Vec<Option<String>> {
        self.cert
            .tbs_certificate
            .subject
            .0
            .iter()
            .flat_map(|rdn| rdn.0.iter())
            .filter(|atv| atv.oid == id)
            .map(|atv| attribute_text(&atv.value))
            .collect()
    }

    /// The basicConstraints extension, when present.
    pub fn basic_constraints(&self) -> Result<Option<BasicConstraints>, String> {
        self.extension(oid::BASIC_CONSTRAINTS)
            .map(|e| BasicConstraints::from_der(e.extn_value.as_bytes()))
            .transpose()
            .map_err(|e| format!("its basicConstraints extension cannot be read ({e})"))
    }

    /// The keyUsage extension, when present.
    pub fn key_usage(&self) -> Result<Option<KeyUsage>, String> {
        self.extension(oid::KEY_USAGE)
            .map(|e| KeyUsage::from_der(e.extn_value.as_bytes()))
            .transpose()
            .map_err(|e| format!("its keyUsage extension cannot be read ({e})"))
    }

    /// Whether the certificate names `host` as a DNS name (subjectAltName) or as its common name.
    pub fn names_host(&self, host: &str) -> bool {
        let in_san = self
            .extension(oid::SUBJECT_ALT_NAME)
            .and_then(|e| SubjectAltName::from_der(e.extn_value.as_bytes()).ok())
            .is_some_and(|san| {
                san.0.iter().any(|n| matches!(n, GeneralName::DnsName(d) if d.as_str().eq_ignore_ascii_case(host)))
            });
        in_san || common_name(&self.cert.tbs_certificate.subject).is_some_and(|cn| cn.eq_ignore_ascii_case(host))
    }

    /// The AAGUID of a FIDO attestation certificate (extension 1.3.6.1.4.1.45724.1.1.4), if any.
    pub fn fido_aaguid(&self) -> Option<Result<[u8; 16], String>> {
        let ext = self.extension(oid::FIDO_AAGUID)?;
        let parsed = der::asn1::OctetString::from_der(ext.extn_value.as_bytes())
            .map_err(|e| e.to_string())
            .and_then(|inner| <[u8; 16]>::try_from(inner.as_bytes()).map_err(|_| "not 16 bytes".to_string()));
        Some(parsed.map_err(|e| format!("its AAGUID extension cannot be read ({e})")))
    }

    fn unknown_critical_extension(&self) -> Option<ObjectIdentifier> {
        self.cert
            .tbs_certificate
            .extensions
            .as_deref()
            .unwrap_or(&[])
            .iter()
            .find(|e| e.critical && !UNDERSTOOD_CRITICAL.contains(&e.extn_id))
            .map(|e| e.extn_id)
    }
}

/// Byte range of the TBSCertificate inside a certificate's DER.
fn tbs_range(der: &[u8]) -> der::Result<std::ops::Range<usize>> {
    let mut reader = SliceReader::new(der)?;
    let outer = der::Header::decode(&mut reader)?;
    outer.tag.assert_eq(Tag::Sequence)?;
    let start = usize::try_from(reader.position())?;
    let tbs = reader.tlv_bytes()?;
    Ok(start..start + tbs.len())
}

fn attribute_text(value: &der::Any) -> Option<String> {
    match value.tag() {
        Tag::Utf8String | Tag::PrintableString | Tag::Ia5String | Tag::TeletexString | Tag::VisibleString => {
            Some(String::from_utf8_lossy(value.value()).into_owned())
        }
        Tag::BmpString => {
            let units: Vec<u16> = value.value().chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            Some(String::from_utf16_lossy(&units))
        }
        _ => None,
    }
}

fn common_name(name: &x509_cert::name::Name) -> Option<String> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|atv| atv.oid == oid::COMMON_NAME)
        .and_then(|atv| attribute_text(&atv.value))
}

fn display_name(name: &x509_cert::name::Name) -> String {
    common_name(name).unwrap_or_else(|| name.to_string())
}

/// "2025-07-28" for a Unix time.
pub fn date_of(unix: u64) -> String {
    let days = (unix / 86_400) as i64;
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

// ---- signatures ----------------------------------------------------------------------------

/// Hash of a signature algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    fn digest(self, message: &[u8]) -> Vec<u8> {
        match self {
            Hash::Sha256 => Sha256::digest(message).to_vec(),
            Hash::Sha384 => Sha384::digest(message).to_vec(),
            Hash::Sha512 => Sha512::digest(message).to_vec(),
        }
    }
}

/// A signature scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SigAlg {
    /// RSASSA-PKCS1-v1_5.
    RsaPkcs1(Hash),
    /// ECDSA; `raw` = the JWS encoding (r || s), else DER.
    Ecdsa { hash: Hash, raw: bool },
}

impl SigAlg {
    fn from_certificate_oid(id: ObjectIdentifier) -> Option<SigAlg> {
        Some(match id {
            oid::SHA256_WITH_RSA => SigAlg::RsaPkcs1(Hash::Sha256),
            oid::SHA384_WITH_RSA => SigAlg::RsaPkcs1(Hash::Sha384),
            oid::SHA512_WITH_RSA => SigAlg::RsaPkcs1(Hash::Sha512),
            oid::ECDSA_WITH_SHA256 => SigAlg::Ecdsa { hash: Hash::Sha256, raw: false },
            oid::ECDSA_WITH_SHA384 => SigAlg::Ecdsa { hash: Hash::Sha384, raw: false },
            oid::ECDSA_WITH_SHA512 => SigAlg::Ecdsa { hash: Hash::Sha512, raw: false },
            _ => return None,
        })
    }
}

/// Why a signature was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SigError {
    /// The signature does not verify.
    Invalid,
    /// The algorithm or key is not one fidoctl accepts (the text says which).
    Unsupported(String),
}

fn algorithm_name(id: ObjectIdentifier) -> String {
    match id.to_string().as_str() {
        "1.2.840.113549.1.1.5" => "sha1WithRSAEncryption".into(),
        "1.2.840.113549.1.1.4" => "md5WithRSAEncryption".into(),
        "1.2.840.113549.1.1.10" => "RSASSA-PSS".into(),
        "1.2.840.10045.4.1" => "ecdsa-with-SHA1".into(),
        "1.3.101.112" => "Ed25519".into(),
        other => format!("algorithm {other}"),
    }
}

/// Verify `signature` over `message` with the key in `spki`.
pub fn verify_signature(
    spki: &SubjectPublicKeyInfoOwned,
    alg: SigAlg,
    message: &[u8],
    signature: &[u8],
) -> Result<(), SigError> {
    let key_bytes = spki.subject_public_key.as_bytes().ok_or(SigError::Invalid)?;
    match (spki.algorithm.oid, alg) {
        (oid::RSA_ENCRYPTION, SigAlg::RsaPkcs1(hash)) => verify_rsa(key_bytes, hash, message, signature),
        (oid::EC_PUBLIC_KEY, SigAlg::Ecdsa { hash, raw }) => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
                .ok_or_else(|| SigError::Unsupported("an EC key without a named curve".into()))?;
            let prehash = hash.digest(message);
            match curve {
                oid::P256 => verify_p256(key_bytes, &prehash, signature, raw),
                oid::P384 => verify_p384(key_bytes, &prehash, signature, raw),
                other => Err(SigError::Unsupported(format!("an EC key on curve {other}"))),
            }
        }
        (oid::RSA_ENCRYPTION, SigAlg::Ecdsa { .. }) => {
            Err(SigError::Unsupported("an ECDSA signature made with an RSA key".into()))
        }
        (oid::EC_PUBLIC_KEY, SigAlg::RsaPkcs1(_)) => {
            Err(SigError::Unsupported("an RSA signature made with an EC key".into()))
        }
        (other, _) => Err(SigError::Unsupported(format!("a key of type {}", algorithm_name(other)))),
    }
}

fn verify_rsa(key: &[u8], hash: Hash, message: &[u8], signature: &[u8]) -> Result<(), SigError> {
    use rsa::pkcs1::DecodeRsaPublicKey;
    use rsa::signature::Verifier;
    use rsa::traits::PublicKeyParts;

    let public = rsa::RsaPublicKey::from_pkcs1_der(key)
        .map_err(|e| SigError::Unsupported(format!("an RSA key fidoctl cannot use ({e})")))?;
    let bits = public.n().bits();
    if bits < MIN_RSA_BITS {
        return Err(SigError::Unsupported(format!("a {bits}-bit RSA key (at least {MIN_RSA_BITS} bits are required)")));
    }
    let sig = rsa::pkcs1v15::Signature::try_from(signature).map_err(|_| SigError::Invalid)?;
    let ok = match hash {
        Hash::Sha256 => rsa::pkcs1v15::VerifyingKey::<Sha256>::new(public).verify(message, &sig),
        Hash::Sha384 => rsa::pkcs1v15::VerifyingKey::<Sha384>::new(public).verify(message, &sig),
        Hash::Sha512 => rsa::pkcs1v15::VerifyingKey::<Sha512>::new(public).verify(message, &sig),
    };
    ok.map_err(|_| SigError::Invalid)
}

fn verify_p256(key: &[u8], prehash: &[u8], signature: &[u8], raw: bool) -> Result<(), SigError> {
    use p256::ecdsa::signature::hazmat::PrehashVerifier;
    let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(key).map_err(|_| SigError::Invalid)?;
    let sig =
        if raw { p256::ecdsa::Signature::from_slice(signature) } else { p256::ecdsa::Signature::from_der(signature) }
            .map_err(|_| SigError::Invalid)?;
    key.verify_prehash(prehash, &sig).map_err(|_| SigError::Invalid)
}

fn verify_p384(key: &[u8], prehash: &[u8], signature: &[u8], raw: bool) -> Result<(), SigError> {
    use p384::ecdsa::signature::hazmat::PrehashVerifier;
    let key = p384::ecdsa::VerifyingKey::from_sec1_bytes(key).map_err(|_| SigError::Invalid)?;
    let sig =
        if raw { p384::ecdsa::Signature::from_slice(signature) } else { p384::ecdsa::Signature::from_der(signature) }
            .map_err(|_| SigError::Invalid)?;
    key.verify_prehash(prehash, &sig).map_err(|_| SigError::Invalid)
}

/// Verify the signature on `cert` with `issuer`'s key.
fn verify_certificate_signature(cert: &Cert, issuer: &Cert) -> Result<(), SigError> {
    let id = cert.cert.signature_algorithm.oid;
    if cert.cert.tbs_certificate.signature.oid != id {
        return Err(SigError::Invalid);
    }
    let alg = SigAlg::from_certificate_oid(id).ok_or_else(|| SigError::Unsupported(algorithm_name(id)))?;
    let signature = cert.cert.signature.as_bytes().ok_or(SigError::Invalid)?;
    verify_signature(issuer.spki(), alg, cert.tbs_der(), signature)
}

// ---- paths ---------------------------------------------------------------------------------

/// Why a certificate chain was not accepted. Each message is a sentence that names the
/// certificate concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainError {
    /// No certificates at all.
    Empty,
    /// More than [`MAX_CHAIN_LEN`] certificates.
    TooLong(usize),
    /// A certificate of the chain does not parse (`index` 0 = leaf).
    BadCertificate { index: usize, reason: String },
    /// A trust anchor does not parse (`index` into the anchors given).
    BadAnchor { index: usize, reason: String },
    /// A certificate was used after its notAfter.
    Expired { subject: String, not_after: String },
    /// A certificate was used before its notBefore.
    NotYetValid { subject: String, not_before: String },
    /// No path from the leaf to any anchor.
    DoesNotReachRoot { anchors: String, last: String, issuer: String },
    /// An issuer was found but its signature on the certificate does not verify.
    BadSignature { subject: String, issuer: String },
    /// A certificate signs another but is not a CA.
    NotACa { subject: String, reason: String },
    /// A signature algorithm or key fidoctl does not accept.
    Unsupported { subject: String, what: String },
    /// A critical extension fidoctl does not process.
    CriticalExtension { subject: String, oid: String },
}

impl fmt::Display for ChainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChainError::Empty => write!(f, "there are no certificates"),
            ChainError::TooLong(n) => {
                write!(f, "the chain has {n} certificates; fidoctl accepts at most {MAX_CHAIN_LEN}")
            }
            ChainError::BadCertificate { index: 0, reason } => write!(f, "the first certificate is {reason}"),
            ChainError::BadCertificate { index, reason } => {
                write!(f, "certificate {} of the chain is {reason}", index + 1)
            }
            ChainError::BadAnchor { reason, .. } => write!(f, "the trusted root certificate is {reason}"),
            ChainError::Expired { subject, not_after } => {
                write!(f, "the certificate \"{subject}\" expired on {not_after}")
            }
            ChainError::NotYetValid { subject, not_before } => {
                write!(f, "the certificate \"{subject}\" is not valid before {not_before}")
            }
            ChainError::DoesNotReachRoot { anchors, last, issuer } => write!(
                f,
                "the certificate chain does not reach the trusted root ({anchors}): the last certificate \
                 it could follow, \"{last}\", was issued by \"{issuer}\""
            ),
            ChainError::BadSignature { subject, issuer } => {
                write!(f, "the signature on the certificate \"{subject}\" does not verify with the key of \"{issuer}\"")
            }
            ChainError::NotACa { subject, reason } => {
                write!(f, "the certificate \"{subject}\" signs other certificates but {reason}")
            }
            ChainError::Unsupported { subject, what } => {
                write!(f, "the certificate \"{subject}\" uses {what}, which fidoctl does not accept")
            }
            ChainError::CriticalExtension { subject, oid } => write!(
                f,
                "the certificate \"{subject}\" has a critical extension ({oid}) that fidoctl does not process"
            ),
        }
    }
}

impl std::error::Error for ChainError {}

/// A chain that verified: its leaf and which anchor it reached.
#[derive(Debug, Clone)]
pub struct VerifiedChain {
    pub leaf: Cert,
    /// Index into the anchors given.
    pub anchor: usize,
}

/// How a chain is matched to its anchors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathRules {
    /// A PKI at a point in time (Unix seconds): validity periods are checked, the chain's
    /// certificates may come in any order and those not needed are ignored, and an anchor found
    /// in the chain is trusted where it stands (FIDO metadata may list an attestation
    /// certificate itself as its root).
    AtTime(u64),
    /// An attestation statement's x5c: used exactly as sent, each certificate signed by the
    /// next and the last by an anchor (which may be the last certificate itself, signing
    /// itself). No validity dates: attestation certificates routinely outlive them, and a
    /// key's clock is not to be trusted.
    AsSent,
}

fn check_time(cert: &Cert, rules: PathRules) -> Result<(), ChainError> {
    let PathRules::AtTime(now) = rules else {
        return Ok(());
    };
    if now < cert.not_before() {
        return Err(ChainError::NotYetValid { subject: cert.subject_name(), not_before: date_of(cert.not_before()) });
    }
    if now > cert.not_after() {
        return Err(ChainError::Expired { subject: cert.subject_name(), not_after: date_of(cert.not_after()) });
    }
    Ok(())
}

fn check_critical(cert: &Cert) -> Result<(), ChainError> {
    match cert.unknown_critical_extension() {
        Some(id) => Err(ChainError::CriticalExtension { subject: cert.subject_name(), oid: id.to_string() }),
        None => Ok(()),
    }
}

/// Whether `issuer` may sign certificates with `below` CA certificates (not counting the leaf)
/// between it and the leaf. Anchors without basicConstraints (v1 roots) are accepted.
fn check_issuer(issuer: &Cert, below: usize, is_anchor: bool) -> Result<(), ChainError> {
    let not_ca = |reason: String| ChainError::NotACa { subject: issuer.subject_name(), reason };
    match issuer.basic_constraints().map_err(not_ca)? {
        Some(bc) if !bc.ca => return Err(not_ca("it is not a CA (basicConstraints cA is false)".into())),
        Some(bc) => {
            if let Some(limit) = bc.path_len_constraint {
                if below > usize::from(limit) {
                    return Err(not_ca(format!(
                        "its path length limit is {limit} and {below} CA certificates follow it"
                    )));
                }
            }
        }
        None if !is_anchor => return Err(not_ca("it has no basicConstraints extension marking it a CA".into())),
        None => {}
    }
    if let Some(ku) = issuer.key_usage().map_err(not_ca)? {
        if !ku.key_cert_sign() {
            return Err(not_ca("its keyUsage does not include keyCertSign".into()));
        }
    }
    Ok(())
}

fn sig_error(cert: &Cert, issuer: &Cert, e: SigError) -> ChainError {
    match e {
        SigError::Invalid => ChainError::BadSignature { subject: cert.subject_name(), issuer: issuer.subject_name() },
        SigError::Unsupported(what) => ChainError::Unsupported { subject: cert.subject_name(), what },
    }
}

/// Parse DER certificates, reporting the first that fails by position.
pub fn parse_chain(chain: &[Vec<u8>]) -> Result<Vec<Cert>, ChainError> {
    chain
        .iter()
        .enumerate()
        .map(|(index, der)| Cert::from_der(der).map_err(|reason| ChainError::BadCertificate { index, reason }))
        .collect()
}

/// Verify `chain` (leaf first) up to one of `anchors` at time `now` (Unix seconds).
pub fn verify_chain(chain: &[Vec<u8>], anchors: &[&[u8]], now: u64) -> Result<VerifiedChain, ChainError> {
    verify_path(chain, anchors, PathRules::AtTime(now))
}

/// Verify `chain` (leaf first) up to one of `anchors` under `rules`.
pub fn verify_path(chain: &[Vec<u8>], anchors: &[&[u8]], rules: PathRules) -> Result<VerifiedChain, ChainError> {
    let as_sent = rules == PathRules::AsSent;
    if chain.len() > MAX_CHAIN_LEN {
        return Err(ChainError::TooLong(chain.len()));
    }
    let certs = parse_chain(chain)?;
    let anchors: Vec<Cert> = anchors
        .iter()
        .enumerate()
        .map(|(index, der)| Cert::from_der(der).map_err(|reason| ChainError::BadAnchor { index, reason }))
        .collect::<Result<_, _>>()?;
    let leaf = certs.first().ok_or(ChainError::Empty)?;
    check_time(leaf, rules)?;
    check_critical(leaf)?;

    let mut used = vec![false; certs.len()];
    used[0] = true;
    let mut current = 0usize;
    let mut cas_below = 0usize;
    loop {
        let cert = &certs[current];
        if !as_sent {
            if let Some(anchor) = anchors.iter().position(|a| a.der == cert.der) {
                return Ok(VerifiedChain { leaf: leaf.clone(), anchor });
            }
        }
        let is_last = current + 1 == certs.len();

        // Most specific failure seen while looking for the next link.
        let mut failure: Option<ChainError> = None;
        for (index, anchor) in anchors.iter().enumerate() {
            if (as_sent && !is_last) || !cert.issued_by(anchor) {
                continue;
            }
            let attempt = check_issuer(anchor, cas_below, true)
                .and_then(|()| verify_certificate_signature(cert, anchor).map_err(|e| sig_error(cert, anchor, e)));
            match attempt {
                Ok(()) => return Ok(VerifiedChain { leaf: leaf.clone(), anchor: index }),
                Err(e) => failure = Some(e),
            }
        }

        let mut next = None;
        for (index, candidate) in certs.iter().enumerate() {
            if used[index] || (as_sent && index != current + 1) || !cert.issued_by(candidate) {
                continue;
            }
            let attempt = check_time(candidate, rules)
                .and_then(|()| check_critical(candidate))
                .and_then(|()| check_issuer(candidate, cas_below, false))
                .and_then(|()| {
                    verify_certificate_signature(cert, candidate).map_err(|e| sig_error(cert, candidate, e))
                });
            match attempt {
                Ok(()) => {
                    next = Some(index);
                    break;
                }
                Err(e) => failure = failure.or(Some(e)),
            }
        }

        match next {
            Some(index) => {
                used[index] = true;
                if !certs[index].is_self_issued() {
                    cas_below += 1;
                }
                current = index;
            }
            None => {
                return Err(failure.unwrap_or_else(|| ChainError::DoesNotReachRoot {
                    anchors: anchors.iter().map(Cert::subject_name).collect::<Vec<_>>().join(" or "),
                    last: cert.subject_name(),
                    issuer: cert.issuer_name(),
                }))
            }
        }
    }
}

/// SHA-256 of DER bytes, as lowercase hex (certificate fingerprints).
pub fn sha256_hex(der: &[u8]) -> String {
    hex::encode(Sha256::digest(der))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::testpki::{Issued, Pki, DAY};
    use der::Decode;

    #[test]
    fn dates() {
        assert_eq!(date_of(0), "1970-01-01");
        assert_eq!(date_of(1_753_733_823), "2025-07-28");
        assert_eq!(days_from_civil(2025, 7, 28), 1_753_733_823 / 86_400);
        assert_eq!(days_from_civil(2000, 2, 29) + 1, days_from_civil(2000, 3, 1));
        assert_eq!(date_of(days_from_civil(2024, 2, 29) as u64 * 86_400), "2024-02-29");
    }

    #[test]
    fn leaf_intermediate_root_verifies_and_picks_the_anchor() {
        let pki = Pki::new();
        let root = pki.root("Test Root");
        let other = pki.root("Other Root");
        let int = pki.intermediate("Test Intermediate", &root);
        let leaf = pki.leaf("leaf.example", &int);
        let chain = vec![leaf.der.clone(), int.der.clone()];
        let got = verify_chain(&chain, &[&other.der, &root.der], pki.now).unwrap();
        assert_eq!(got.anchor, 1);
        assert_eq!(got.leaf.subject_name(), "leaf.example");
        assert!(got.leaf.names_host("leaf.example"));
        assert!(!got.leaf.names_host("other.example"));
    }

    #[test]
    fn wrong_root_is_refused_with_names() {
        let pki = Pki::new();
        let root = pki.root("Test Root");
        let other = pki.root("Other Root");
        let leaf = pki.leaf("leaf.example", &root);
        let err = verify_chain(std::slice::from_ref(&leaf.der), &[&other.der], pki.now).unwrap_err();
        assert!(matches!(err, ChainError::DoesNotReachRoot { .. }), "{err}");
        let text = err.to_string();
        assert!(text.contains("Other Root") && text.contains("leaf.example") && text.contains("Test Root"), "{text}");
    }

    #[test]
    fn same_name_different_key_is_a_bad_signature() {
        let pki = Pki::new();
        let root = pki.root("Test Root");
        let impostor = pki.root("Test Root");
        let leaf = pki.leaf("leaf.example", &impostor);
        let err = verify_chain(std::slice::from_ref(&leaf.der), &[&root.der], pki.now).unwrap_err();
        assert!(matches!(err, ChainError::BadSignature { .. }), "{err}");
    }

    #[test]
    fn expired_and_not_yet_valid() {
        let pki = Pki::new();
        let root = pki.root("Test Root");
        let leaf = pki.leaf_valid("old.example", &root, pki.now - 400 * DAY, pki.now - DAY);
        let err = verify_chain(std::slice::from_ref(&leaf.der), &[&root.der], pki.now).unwrap_err();
        assert!(matches!(err, ChainError::Expired { .. }), "{err}");
        assert!(err.to_string().contains("\"old.example\" expired on"), "{err}");
        let leaf = pki.leaf_valid("new.example", &root, pki.now + DAY, pki.now + 400 * DAY);
        let err = verify_chain(std::slice::from_ref(&leaf.der), &[&root.der], pki.now).unwrap_err();
        assert!(matches!(err, ChainError::NotYetValid { .. }), "{err}");
    }

    #[test]
    fn an_intermediate_must_be_a_ca() {
        let pki = Pki::new();
        let root = pki.root("Test Root");
        let not_ca = pki.leaf("Not A CA", &root);
        let leaf = pki.leaf("leaf.example", &not_ca);
        let err = verify_chain(&[leaf.der.clone(), not_ca.der.clone()], &[&root.der], pki.now).unwrap_err();
        assert!(matches!(err, ChainError::NotACa { .. }), "{err}");
    }

    #[test]
    fn unneeded_cross_signed_certificate_is_ignored() {
        // leaf → intermediate → new root; the chain also carries "new root cross-signed by old
        // root" (as the FIDO MDS x5c does since its move to GlobalSign Root R46).
        let pki = Pki::new();
        let old_root = pki.root("Old Root");
        let new_root = pki.root("New Root");
        let cross = pki.cross_sign(&new_root, &old_root);
        let int = pki.intermediate("Issuing CA", &new_root);
        let leaf = pki.leaf("leaf.example", &int);
        let chain = vec![leaf.der.clone(), int.der.clone(), cross.der.clone()];
        assert_eq!(verify_chain(&chain, &[&new_root.der], pki.now).unwrap().anchor, 0);
        assert_eq!(verify_chain(&chain, &[&old_root.der], pki.now).unwrap().anchor, 0);
    }

    #[test]
    fn garbage_is_reported_by_position() {
        let pki = Pki::new();
        let root = pki.root("Test Root");
        let err = verify_chain(&[vec![0x30, 0x03, 1, 2, 3]], &[&root.der], pki.now).unwrap_err();
        assert!(err.to_string().starts_with("the first certificate is not a DER X.509 certificate"), "{err}");
        let err = verify_chain(&[], &[&root.der], pki.now).unwrap_err();
        assert_eq!(err, ChainError::Empty);
    }

    #[test]
    fn serial_numbers_longer_than_20_octets_are_accepted() {
        // Shape of a real attestation root in the FIDO metadata (ESS Smart Card): a 21-octet
        // serial number, encoded in 22 octets with its sign byte.
        let pki = Pki::new();
        let mut serial = vec![0x00, 0xAA];
        serial.extend([0; 20]);
        let root = pki.root_with_serial("Long Serial Root", &serial);
        assert!(x509_cert::Certificate::from_der(&root.der).is_err(), "the strict profile refuses it");
        let leaf = pki.leaf("leaf.example", &root);
        verify_chain(std::slice::from_ref(&leaf.der), &[&root.der], pki.now).unwrap();
    }

    #[test]
    fn overlong_chains_are_refused() {
        let pki = Pki::new();
        let root = pki.root("Test Root");
        let leaf = pki.leaf("leaf.example", &root);
        let chain = vec![leaf.der.clone(); MAX_CHAIN_LEN + 1];
        assert_eq!(verify_chain(&chain, &[&root.der], pki.now).unwrap_err(), ChainError::TooLong(MAX_CHAIN_LEN + 1));
    }

    #[test]
    fn corrupted_certificates_never_panic() {
        let pki = Pki::new();
        let root = pki.rsa_root("RSA Root");
        let int = pki.intermediate("Intermediate", &root);
        let leaf = pki.leaf("leaf.example", &int);
        let mut rng = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        for round in 0..400 {
            let mut chain = vec![leaf.der.clone(), int.der.clone()];
            let which = round % 2;
            for _ in 0..=(next() % 3) {
                let at = (next() as usize) % chain[which].len();
                chain[which][at] ^= 1 << (next() % 8);
            }
            if round % 7 == 0 {
                let cut = (next() as usize) % chain[which].len();
                chain[which].truncate(cut);
            }
            // Any outcome but a panic; a flipped bit must never make a forged chain verify
            // unless it hit a byte no signature covers (outer lengths are re-checked by parsing).
            if verify_chain(&chain, &[&root.der], pki.now).is_ok() {
                let parsed = Cert::from_der(&chain[which]).unwrap();
                assert_eq!(
                    parsed.tbs_der(),
                    Cert::from_der(if which == 0 { &leaf.der } else { &int.der }).unwrap().tbs_der()
                );
            }
        }
    }

    #[test]
    fn as_sent_uses_the_chain_in_order_without_dates() {
        let pki = Pki::new();
        let root = pki.root("Test Root");
        let int = pki.intermediate("Test Intermediate", &root);
        let leaf = pki.leaf_valid("old.example", &int, pki.now - 400 * DAY, pki.now - DAY);
        let as_sent = |chain: &[&Issued], anchors: &[&[u8]]| {
            let chain: Vec<Vec<u8>> = chain.iter().map(|c| c.der.clone()).collect();
            verify_path(&chain, anchors, PathRules::AsSent)
        };
        // Expired does not matter here, but does at a time.
        assert_eq!(as_sent(&[&leaf, &int], &[&root.der]).unwrap().anchor, 0);
        assert!(matches!(
            verify_chain(&[leaf.der.clone(), int.der.clone()], &[&root.der], pki.now),
            Err(ChainError::Expired { .. })
        ));
        // The root may come along, signing itself.
        assert_eq!(as_sent(&[&leaf, &int, &root], &[&root.der]).unwrap().anchor, 0);
        // Out of order, or with a certificate it does not need, the chain is refused as sent.
        assert!(matches!(as_sent(&[&int, &leaf], &[&root.der]), Err(ChainError::DoesNotReachRoot { .. })));
        assert!(matches!(as_sent(&[&leaf, &leaf, &int], &[&root.der]), Err(ChainError::DoesNotReachRoot { .. })));
        // A listed certificate is an issuer, not trusted as itself.
        assert!(as_sent(&[&leaf, &int], &[&int.der]).is_err());
        assert!(as_sent(&[&leaf], &[&leaf.der]).is_err());
        assert_eq!(verify_chain(std::slice::from_ref(&leaf.der), &[&leaf.der], pki.now - 2 * DAY).unwrap().anchor, 0);
        // A root that cannot be read is named by its position.
        assert!(matches!(
            as_sent(&[&leaf, &int], &[&root.der, &[0x30, 0x00]]),
            Err(ChainError::BadAnchor { index: 1, .. })
        ));
    }

    #[test]
    fn rsa_chain_verifies() {
        let pki = Pki::new();
        let root = pki.rsa_root("RSA Root");
        let leaf = pki.leaf("leaf.example", &root);
        verify_chain(std::slice::from_ref(&leaf.der), &[&root.der], pki.now).unwrap();
    }
}
