//! Test-only PKI: roots, intermediates, leaves and signed MDS BLOBs, built in memory. P-256 keys
//! are made fresh; RSA uses one fixed 2048-bit test key (`data/test-only-rsa-2048.pem`), since
//! generating RSA keys in a debug build takes too long.

use std::cell::Cell;
use std::str::FromStr;
use std::time::Duration;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use der::asn1::{BitString, OctetString, UtcTime};
use der::{Any, Decode, Encode};
use p256::ecdsa::signature::Signer;
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::certificate::{CertificateInner, TbsCertificateInner, Version};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage, KeyUsages, SubjectAltName};
use x509_cert::ext::Extension;
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::{Time, Validity};

use crate::proto::certificate::{days_from_civil, oid, Lenient as Raw};

pub const DAY: u64 = 86_400;
const RSA_TEST_KEY: &str = include_str!("data/test-only-rsa-2048.pem");

#[derive(Clone)]
pub enum TestKey {
    P256(p256::ecdsa::SigningKey),
    Rsa(Box<rsa::RsaPrivateKey>),
}

impl TestKey {
    pub fn p256() -> TestKey {
        TestKey::P256(p256::ecdsa::SigningKey::random(&mut rand_core::OsRng))
    }

    pub fn rsa() -> TestKey {
        use rsa::pkcs8::DecodePrivateKey;
        TestKey::Rsa(Box::new(rsa::RsaPrivateKey::from_pkcs8_pem(RSA_TEST_KEY).unwrap()))
    }

    pub fn spki(&self) -> SubjectPublicKeyInfoOwned {
        match self {
            TestKey::P256(k) => SubjectPublicKeyInfoOwned {
                algorithm: AlgorithmIdentifierOwned { oid: oid::EC_PUBLIC_KEY, parameters: Some(Any::from(oid::P256)) },
                subject_public_key: BitString::from_bytes(k.verifying_key().to_encoded_point(false).as_bytes())
                    .unwrap(),
            },
            TestKey::Rsa(k) => {
                use rsa::pkcs1::EncodeRsaPublicKey;
                let der = k.to_public_key().to_pkcs1_der().unwrap();
                SubjectPublicKeyInfoOwned {
                    algorithm: AlgorithmIdentifierOwned { oid: oid::RSA_ENCRYPTION, parameters: Some(Any::null()) },
                    subject_public_key: BitString::from_bytes(der.as_bytes()).unwrap(),
                }
            }
        }
    }

    /// Signature algorithm identifier for certificates signed by this key.
    fn cert_algorithm(&self) -> AlgorithmIdentifierOwned {
        match self {
            TestKey::P256(_) => AlgorithmIdentifierOwned { oid: oid::ECDSA_WITH_SHA256, parameters: None },
            TestKey::Rsa(_) => AlgorithmIdentifierOwned { oid: oid::SHA256_WITH_RSA, parameters: Some(Any::null()) },
        }
    }

    /// Certificate signature (ECDSA in DER, RSA PKCS#1 v1.5 with SHA-256).
    fn sign_cert(&self, message: &[u8]) -> Vec<u8> {
        match self {
            TestKey::P256(k) => {
                let sig: p256::ecdsa::Signature = k.sign(message);
                sig.to_der().as_bytes().to_vec()
            }
            TestKey::Rsa(_) => self.sign_jws(message),
        }
    }

    /// JWS signature: ES256 as r || s, RS256 as PKCS#1 v1.5.
    pub fn sign_jws(&self, message: &[u8]) -> Vec<u8> {
        match self {
            TestKey::P256(k) => {
                let sig: p256::ecdsa::Signature = k.sign(message);
                sig.to_bytes().to_vec()
            }
            TestKey::Rsa(k) => {
                use rsa::signature::SignatureEncoding;
                let signer = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new((**k).clone());
                signer.sign(message).to_vec()
            }
        }
    }

    pub fn jws_alg(&self) -> &'static str {
        match self {
            TestKey::P256(_) => "ES256",
            TestKey::Rsa(_) => "RS256",
        }
    }
}

/// A certificate and the key it certifies.
#[derive(Clone)]
pub struct Issued {
    pub der: Vec<u8>,
    pub name: Name,
    pub key: TestKey,
}

pub struct Pki {
    /// "Now" for every test: 2026-01-01.
    pub now: u64,
    serial: Cell<u8>,
}

enum Kind {
    Ca,
    Leaf { host: String, aaguid: Option<[u8; 16]> },
}

fn ext(id: der::asn1::ObjectIdentifier, critical: bool, value: &impl Encode) -> Extension {
    Extension { extn_id: id, critical, extn_value: OctetString::new(value.to_der().unwrap()).unwrap() }
}

impl Pki {
    pub fn new() -> Pki {
        Pki { now: days_from_civil(2026, 1, 1) as u64 * DAY, serial: Cell::new(1) }
    }

    fn issue(
        &self,
        subject: &str,
        key: TestKey,
        issuer: Option<&Issued>,
        kind: Kind,
        not_before: u64,
        not_after: u64,
    ) -> Issued {
        let serial = self.serial.get();
        self.serial.set(serial.wrapping_add(1));
        self.issue_serial(subject, key, issuer, kind, not_before, not_after, &[serial])
    }

    #[allow(clippy::too_many_arguments)]
    fn issue_serial(
        &self,
        subject: &str,
        key: TestKey,
        issuer: Option<&Issued>,
        kind: Kind,
        not_before: u64,
        not_after: u64,
        serial: &[u8],
    ) -> Issued {
        let name = Name::from_str(&format!("CN={subject},O=fidoctl tests")).unwrap();
        let (issuer_name, signer) = match issuer {
            Some(i) => (i.name.clone(), i.key.clone()),
            None => (name.clone(), key.clone()),
        };
        let mut extensions = Vec::new();
        match &kind {
            Kind::Ca => {
                extensions.push(ext(
                    oid::BASIC_CONSTRAINTS,
                    true,
                    &BasicConstraints { ca: true, path_len_constraint: None },
                ));
                extensions.push(ext(oid::KEY_USAGE, true, &KeyUsage(KeyUsages::KeyCertSign | KeyUsages::CRLSign)));
            }
            Kind::Leaf { host, aaguid } => {
                extensions.push(ext(
                    oid::BASIC_CONSTRAINTS,
                    false,
                    &BasicConstraints { ca: false, path_len_constraint: None },
                ));
                extensions.push(ext(oid::KEY_USAGE, true, &KeyUsage(KeyUsages::DigitalSignature.into())));
                let dns = der::asn1::Ia5String::new(host).unwrap();
                extensions.push(ext(oid::SUBJECT_ALT_NAME, false, &SubjectAltName(vec![GeneralName::DnsName(dns)])));
                if let Some(aaguid) = aaguid {
                    extensions.push(ext(oid::FIDO_AAGUID, false, &OctetString::new(aaguid.to_vec()).unwrap()));
                }
            }
        }
        let time = |t: u64| Time::UtcTime(UtcTime::from_unix_duration(Duration::from_secs(t)).unwrap());
        let tbs = TbsCertificateInner::<Raw> {
            version: Version::V3,
            serial_number: serial_number(serial),
            signature: signer.cert_algorithm(),
            issuer: issuer_name,
            validity: Validity { not_before: time(not_before), not_after: time(not_after) },
            subject: name.clone(),
            subject_public_key_info: key.spki(),
            issuer_unique_id: None,
            subject_unique_id: None,
            extensions: Some(extensions),
        };
        let signature = signer.sign_cert(&tbs.to_der().unwrap());
        let cert = CertificateInner::<Raw> {
            tbs_certificate: tbs,
            signature_algorithm: signer.cert_algorithm(),
            signature: BitString::from_bytes(&signature).unwrap(),
        };
        Issued { der: cert.to_der().unwrap(), name, key }
    }

    fn default_validity(&self) -> (u64, u64) {
        (self.now - 365 * DAY, self.now + 3650 * DAY)
    }

    pub fn root(&self, name: &str) -> Issued {
        let (nb, na) = self.default_validity();
        self.issue(name, TestKey::p256(), None, Kind::Ca, nb, na)
    }

    pub fn root_with_serial(&self, name: &str, serial: &[u8]) -> Issued {
        let (nb, na) = self.default_validity();
        self.issue_serial(name, TestKey::p256(), None, Kind::Ca, nb, na, serial)
    }

    pub fn rsa_root(&self, name: &str) -> Issued {
        let (nb, na) = self.default_validity();
        self.issue(name, TestKey::rsa(), None, Kind::Ca, nb, na)
    }

    pub fn intermediate(&self, name: &str, issuer: &Issued) -> Issued {
        let (nb, na) = self.default_validity();
        self.issue(name, TestKey::p256(), Some(issuer), Kind::Ca, nb, na)
    }

    /// `subject`'s name and key, certified by `issuer` as a CA.
    pub fn cross_sign(&self, subject: &Issued, issuer: &Issued) -> Issued {
        let (nb, na) = self.default_validity();
        let cn = crate::proto::certificate::Cert::from_der(&subject.der).unwrap().subject_name();
        self.issue(&cn, subject.key.clone(), Some(issuer), Kind::Ca, nb, na)
    }

    pub fn leaf(&self, host: &str, issuer: &Issued) -> Issued {
        let (nb, na) = self.default_validity();
        self.leaf_valid(host, issuer, nb, na)
    }

    pub fn rsa_leaf(&self, host: &str, issuer: &Issued) -> Issued {
        let (nb, na) = self.default_validity();
        self.issue(host, TestKey::rsa(), Some(issuer), Kind::Leaf { host: host.into(), aaguid: None }, nb, na)
    }

    pub fn leaf_valid(&self, host: &str, issuer: &Issued, not_before: u64, not_after: u64) -> Issued {
        self.issue(
            host,
            TestKey::p256(),
            Some(issuer),
            Kind::Leaf { host: host.into(), aaguid: None },
            not_before,
            not_after,
        )
    }

    pub fn attestation_leaf(&self, name: &str, issuer: &Issued, aaguid: Option<[u8; 16]>) -> Issued {
        let (nb, na) = self.default_validity();
        self.issue(name, TestKey::p256(), Some(issuer), Kind::Leaf { host: name.into(), aaguid }, nb, na)
    }
}

/// A serial number from its content octets, as given (the constructor would refuse more than 20
/// octets; decoding under the `Lenient` profile does not).
fn serial_number(content: &[u8]) -> SerialNumber<Raw> {
    let mut der = vec![0x02, content.len() as u8];
    der.extend_from_slice(content);
    SerialNumber::<Raw>::from_der(&der).unwrap()
}

/// A compact JWS over `payload`, signed by `signer`, with `chain` (leaf first) as x5c.
pub fn sign_jwt(signer: &TestKey, chain: &[&Issued], payload: &serde_json::Value) -> String {
    let x5c: Vec<String> = chain.iter().map(|c| STANDARD.encode(&c.der)).collect();
    let header = serde_json::json!({ "alg": signer.jws_alg(), "typ": "JWT", "x5c": x5c });
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(&header).unwrap()),
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(payload).unwrap())
    );
    let signature = signer.sign_jws(input.as_bytes());
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature))
}
