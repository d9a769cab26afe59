//! COSE_Key public keys (RFC 9052/9053, RFC 8230 for RSA) in the shapes CTAP2 uses: the P-256
//! keyAgreement key of the PIN/UV auth protocols and the credential public keys of
//! makeCredential (ES256, EdDSA, ES384, RS256).

use crate::proto::cbor::{self, as_i64, MapView};
use ciborium::value::Value;
use p256::elliptic_curve::sec1::{Coordinates, FromEncodedPoint, ToEncodedPoint};
use p256::{EncodedPoint, FieldBytes, PublicKey};

/// COSE_Key map labels.
pub const LABEL_KTY: i64 = 1;
pub const LABEL_ALG: i64 = 3;
pub const LABEL_CRV: i64 = -1;
pub const LABEL_X: i64 = -2;
pub const LABEL_Y: i64 = -3;
/// RSA labels (RFC 8230): modulus n and public exponent e.
pub const LABEL_N: i64 = -1;
pub const LABEL_E: i64 = -2;

pub const KTY_OKP: i64 = 1;
pub const KTY_EC2: i64 = 2;
pub const KTY_RSA: i64 = 3;
pub const CRV_P256: i64 = 1;
pub const CRV_P384: i64 = 2;
pub const CRV_ED25519: i64 = 6;

/// ECDSA with SHA-256 (credential keys).
pub const ALG_ES256: i64 = -7;
/// EdDSA (credential keys).
pub const ALG_EDDSA: i64 = -8;
/// ECDSA with SHA-384 on P-384 (credential keys).
pub const ALG_ES384: i64 = -35;
/// RSASSA-PKCS1-v1_5 with SHA-256 (credential keys).
pub const ALG_RS256: i64 = -257;

/// RSA moduli fidoctl accepts, in bits: below 2048 is too weak to trust a signature from, above
/// 4096 only costs verification time (and no authenticator makes such keys).
pub const RSA_MIN_BITS: usize = 2048;
pub const RSA_MAX_BITS: usize = 4096;
/// ECDH-ES + HKDF-256: what CTAP puts in keyAgreement, although it is not the algorithm the
/// PIN/UV auth protocols actually run; the spec keeps it for compatibility.
pub const ALG_ECDH_ES_HKDF_256: i64 = -25;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CoseError {
    #[error("the COSE key is not a CBOR map")]
    NotAMap,
    #[error("the COSE key has no {0}")]
    Missing(&'static str),
    #[error("the COSE key repeats its {0}")]
    Duplicate(&'static str),
    #[error("the COSE key's {0} has the wrong type")]
    WrongType(&'static str),
    #[error("the COSE key type {0} is not supported (only EC2, OKP and RSA)")]
    UnsupportedKeyType(i64),
    #[error("the COSE curve {0} is not supported for this key type")]
    UnsupportedCurve(i64),
    #[error("the COSE algorithm {0} does not fit this key")]
    UnsupportedAlgorithm(i64),
    #[error("the COSE key's {field} coordinate is {len} bytes long, expected {expected}")]
    BadCoordinateLength { field: &'static str, len: usize, expected: usize },
    #[error("the COSE key's point is not on the P-256 curve")]
    NotOnCurve,
    #[error("the COSE key's point is not on the P-384 curve")]
    NotOnCurveP384,
    #[error("the RSA modulus is {0} bits long; only {RSA_MIN_BITS} to {RSA_MAX_BITS} bits are accepted")]
    RsaModulusSize(usize),
    #[error("the RSA public exponent is not an odd number from 3 to 2^32-1")]
    RsaExponent,
    #[error("the COSE key is not a P-256 key")]
    NotP256,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CoseKey {
    /// kty 2 (EC2), crv 1 (P-256). alg is -7 (ES256) for credentials, -25 (ECDH-ES+HKDF-256)
    /// for key agreement.
    P256 { alg: i64, x: [u8; 32], y: [u8; 32] },
    /// kty 1 (OKP), crv 6 (Ed25519), alg -8 (EdDSA).
    Ed25519 { x: [u8; 32] },
    /// kty 2 (EC2), crv 2 (P-384), alg -35 (ES384).
    P384 { x: [u8; 48], y: [u8; 48] },
    /// kty 3 (RSA), alg -257 (RS256): big-endian modulus and exponent without leading zeros.
    Rsa { n: Vec<u8>, e: Vec<u8> },
}

impl CoseKey {
    /// The key in canonical CBOR.
    pub fn to_bytes(&self) -> Vec<u8> {
        crate::proto::cbor::encode(&self.to_value())
    }

    /// X.509 SubjectPublicKeyInfo DER, for tools that want a PEM key: the fixed
    /// AlgorithmIdentifier prefix for P-256 (uncompressed point) or Ed25519, then the key;
    /// P-384 and RSA through their crates. Empty for a key built in code that is not valid.
    pub fn to_spki_der(&self) -> Vec<u8> {
        use p256::pkcs8::EncodePublicKey;
        const P256_PREFIX: [u8; 26] = [
            0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48,
            0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
        ];
        const ED25519_PREFIX: [u8; 12] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];
        match self {
            CoseKey::P256 { x, y, .. } => Some([&P256_PREFIX[..], &[0x04], x, y].concat()),
            CoseKey::Ed25519 { x } => Some([&ED25519_PREFIX[..], x].concat()),
            CoseKey::P384 { .. } => self.to_p384().ok().and_then(|k| k.to_public_key_der().ok()).map(der_bytes),
            CoseKey::Rsa { .. } => self.to_rsa().ok().and_then(|k| k.to_public_key_der().ok()).map(der_bytes),
        }
        .unwrap_or_default()
    }

    /// The COSE_Key map, labels in canonical order (`cbor::encode` sorts them anyway).
    pub fn to_value(&self) -> Value {
        match self {
            CoseKey::P256 { alg, x, y } => cbor::int_map([
                (LABEL_KTY, Some(cbor::int(KTY_EC2))),
                (LABEL_ALG, Some(cbor::int(*alg))),
                (LABEL_CRV, Some(cbor::int(CRV_P256))),
                (LABEL_X, Some(cbor::bytes(x))),
                (LABEL_Y, Some(cbor::bytes(y))),
            ]),
            CoseKey::Ed25519 { x } => cbor::int_map([
                (LABEL_KTY, Some(cbor::int(KTY_OKP))),
                (LABEL_ALG, Some(cbor::int(ALG_EDDSA))),
                (LABEL_CRV, Some(cbor::int(CRV_ED25519))),
                (LABEL_X, Some(cbor::bytes(x))),
            ]),
            CoseKey::P384 { x, y } => cbor::int_map([
                (LABEL_KTY, Some(cbor::int(KTY_EC2))),
                (LABEL_ALG, Some(cbor::int(ALG_ES384))),
                (LABEL_CRV, Some(cbor::int(CRV_P384))),
                (LABEL_X, Some(cbor::bytes(x))),
                (LABEL_Y, Some(cbor::bytes(y))),
            ]),
            CoseKey::Rsa { n, e } => cbor::int_map([
                (LABEL_KTY, Some(cbor::int(KTY_RSA))),
                (LABEL_ALG, Some(cbor::int(ALG_RS256))),
                (LABEL_N, Some(cbor::bytes(n))),
                (LABEL_E, Some(cbor::bytes(e))),
            ]),
        }
    }

    /// Parse a COSE_Key a peer sent. Any integer alg is accepted for P-256, because the same
    /// shape arrives as keyAgreement (-25, or -7 from older libfido2) and as a credential key
    /// (-7); the caller checks alg where it matters. Other labels are ignored, as COSE allows.
    pub fn from_value(v: &Value) -> Result<CoseKey, CoseError> {
        let map = MapView::new(v, "COSE key").map_err(|_| CoseError::NotAMap)?;
        let kty = int_field(&map, LABEL_KTY, "key type (1)")?;
        if kty != KTY_EC2 && kty != KTY_OKP && kty != KTY_RSA {
            // Checked first: other key types (symmetric) have no curve to complain about.
            return Err(CoseError::UnsupportedKeyType(kty));
        }
        let alg = int_field(&map, LABEL_ALG, "algorithm (3)")?;
        if kty == KTY_RSA {
            // RSA has no curve: -1 and -2 are n and e.
            if alg != ALG_RS256 {
                return Err(CoseError::UnsupportedAlgorithm(alg));
            }
            let key = CoseKey::Rsa { n: big_uint(&map, LABEL_N, "n (-1)")?, e: big_uint(&map, LABEL_E, "e (-2)")? };
            key.to_rsa()?;
            return Ok(key);
        }
        let crv = int_field(&map, LABEL_CRV, "curve (-1)")?;
        match kty {
            KTY_EC2 if crv == CRV_P384 => {
                if alg != ALG_ES384 {
                    return Err(CoseError::UnsupportedAlgorithm(alg));
                }
                let key =
                    CoseKey::P384 { x: coordinate(&map, LABEL_X, "x (-2)")?, y: coordinate(&map, LABEL_Y, "y (-3)")? };
                key.to_p384()?;
                Ok(key)
            }
            KTY_EC2 => {
                if crv != CRV_P256 {
                    return Err(CoseError::UnsupportedCurve(crv));
                }
                let key = CoseKey::P256 {
                    alg,
                    x: coordinate(&map, LABEL_X, "x (-2)")?,
                    y: coordinate(&map, LABEL_Y, "y (-3)")?,
                };
                // Off-curve points (invalid-curve attacks) must never reach ECDH.
                key.to_p256()?;
                Ok(key)
            }
            KTY_OKP => {
                if crv != CRV_ED25519 {
                    return Err(CoseError::UnsupportedCurve(crv));
                }
                if alg != ALG_EDDSA {
                    return Err(CoseError::UnsupportedAlgorithm(alg));
                }
                Ok(CoseKey::Ed25519 { x: coordinate(&map, LABEL_X, "x (-2)")? })
            }
            other => Err(CoseError::UnsupportedKeyType(other)),
        }
    }

    /// The P-256 public key, checked to be a valid point (the fields are public, so a
    /// `CoseKey` built in code is re-checked here too).
    pub fn to_p256(&self) -> Result<PublicKey, CoseError> {
        match self {
            CoseKey::P256 { x, y, .. } => {
                let point = EncodedPoint::from_affine_coordinates(&FieldBytes::from(*x), &FieldBytes::from(*y), false);
                Option::from(PublicKey::from_encoded_point(&point)).ok_or(CoseError::NotOnCurve)
            }
            _ => Err(CoseError::NotP256),
        }
    }

    /// The P-384 public key, checked to be a valid point.
    pub fn to_p384(&self) -> Result<p384::PublicKey, CoseError> {
        use p384::elliptic_curve::sec1::FromEncodedPoint as _;
        match self {
            CoseKey::P384 { x, y } => {
                let point = p384::EncodedPoint::from_affine_coordinates(
                    &p384::FieldBytes::clone_from_slice(x),
                    &p384::FieldBytes::clone_from_slice(y),
                    false,
                );
                Option::from(p384::PublicKey::from_encoded_point(&point)).ok_or(CoseError::NotOnCurveP384)
            }
            _ => Err(CoseError::UnsupportedAlgorithm(self.alg())),
        }
    }

    /// The RSA public key, its modulus size and exponent checked (see [`RSA_MIN_BITS`]).
    pub fn to_rsa(&self) -> Result<rsa::RsaPublicKey, CoseError> {
        let CoseKey::Rsa { n, e } = self else { return Err(CoseError::UnsupportedAlgorithm(self.alg())) };
        let bits = n.len() * 8 - n.first().map_or(8, |b| b.leading_zeros() as usize);
        if !(RSA_MIN_BITS..=RSA_MAX_BITS).contains(&bits) {
            return Err(CoseError::RsaModulusSize(bits));
        }
        let exponent = match e.len() {
            1..=4 => e.iter().fold(0u64, |acc, b| acc << 8 | u64::from(*b)),
            _ => return Err(CoseError::RsaExponent),
        };
        if exponent < 3 || exponent % 2 == 0 {
            return Err(CoseError::RsaExponent);
        }
        let n = rsa::BigUint::from_bytes_be(n);
        rsa::RsaPublicKey::new(n, rsa::BigUint::from(exponent)).map_err(|_| CoseError::RsaModulusSize(bits))
    }

    pub fn from_p384(key: &p384::PublicKey) -> CoseKey {
        use p384::elliptic_curve::sec1::ToEncodedPoint as _;
        let (mut x, mut y) = ([0u8; 48], [0u8; 48]);
        let point = key.to_encoded_point(false);
        if let (Some(px), Some(py)) = (point.x(), point.y()) {
            x.copy_from_slice(px);
            y.copy_from_slice(py);
        }
        CoseKey::P384 { x, y }
    }

    pub fn from_rsa(key: &rsa::RsaPublicKey) -> CoseKey {
        use rsa::traits::PublicKeyParts;
        CoseKey::Rsa { n: key.n().to_bytes_be(), e: key.e().to_bytes_be() }
    }

    pub fn from_p256(key: &PublicKey, alg: i64) -> CoseKey {
        let (mut x, mut y) = ([0u8; 32], [0u8; 32]);
        // A PublicKey is never the identity, so its uncompressed form always has both
        // coordinates; were it otherwise, (0, 0) is off the curve and to_p256 refuses it.
        if let Coordinates::Uncompressed { x: px, y: py } = key.to_encoded_point(false).coordinates() {
            x = (*px).into();
            y = (*py).into();
        }
        CoseKey::P256 { alg, x, y }
    }

    pub fn alg(&self) -> i64 {
        match self {
            CoseKey::P256 { alg, .. } => *alg,
            CoseKey::Ed25519 { .. } => ALG_EDDSA,
            CoseKey::P384 { .. } => ALG_ES384,
            CoseKey::Rsa { .. } => ALG_RS256,
        }
    }
}

fn der_bytes(doc: spki::Document) -> Vec<u8> {
    doc.as_bytes().to_vec()
}

/// The one entry under `label`. A repeated label is refused here even though `cbor::decode`
/// already refuses duplicates, because a `Value` can come from elsewhere.
fn field<'a>(map: &MapView<'a>, label: i64, name: &'static str) -> Result<&'a Value, CoseError> {
    let mut found = map.entries().iter().filter(|(k, _)| as_i64(k) == Some(label));
    let (_, value) = found.next().ok_or(CoseError::Missing(name))?;
    if found.next().is_some() {
        return Err(CoseError::Duplicate(name));
    }
    Ok(value)
}

fn int_field(map: &MapView<'_>, label: i64, name: &'static str) -> Result<i64, CoseError> {
    as_i64(field(map, label, name)?).ok_or(CoseError::WrongType(name))
}

fn coordinate<const N: usize>(map: &MapView<'_>, label: i64, name: &'static str) -> Result<[u8; N], CoseError> {
    match field(map, label, name)? {
        Value::Bytes(b) => <[u8; N]>::try_from(b.as_slice()).map_err(|_| CoseError::BadCoordinateLength {
            field: name,
            len: b.len(),
            expected: N,
        }),
        _ => Err(CoseError::WrongType(name)),
    }
}

/// An RSA integer: a byte string of at most RSA_MAX_BITS, leading zeros dropped (RFC 8230 wants
/// none, but a zero byte changes nothing about the number).
fn big_uint(map: &MapView<'_>, label: i64, name: &'static str) -> Result<Vec<u8>, CoseError> {
    match field(map, label, name)? {
        Value::Bytes(b) => {
            let start = b.iter().position(|x| *x != 0).unwrap_or(b.len());
            let trimmed = &b[start..];
            if trimmed.len() > RSA_MAX_BITS / 8 {
                return Err(if label == LABEL_N {
                    CoseError::RsaModulusSize(trimmed.len() * 8)
                } else {
                    CoseError::RsaExponent
                });
            }
            Ok(trimmed.to_vec())
        }
        _ => Err(CoseError::WrongType(name)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spki_der_is_what_the_p256_crate_writes() {
        use p256::pkcs8::EncodePublicKey;
        let secret = p256::SecretKey::from_slice(&[7u8; 32]).unwrap();
        let key = CoseKey::from_p256(&secret.public_key(), -7);
        assert_eq!(key.to_spki_der(), secret.public_key().to_public_key_der().unwrap().as_bytes());
        let ed = CoseKey::Ed25519 { x: [9; 32] };
        assert_eq!(ed.to_spki_der().len(), 44);
    }
    use crate::proto::cbor::{bytes, decode, encode, int};

    const REQUESTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/vectors/ctap2_requests.json");
    const PIN_VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/vectors/pin_protocols.json");

    fn json(path: &str) -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    /// The platform keyAgreement key python-fido2 derived from the fixed scalar.
    fn platform_key() -> CoseKey {
        let v = json(PIN_VECTORS);
        let cose = &v["pin_uv_auth_protocols"][0]["platform_key_agreement_cose"];
        let coord =
            |label: &str| -> [u8; 32] { hex::decode(cose[label].as_str().unwrap()).unwrap().try_into().unwrap() };
        CoseKey::P256 { alg: cose["3"].as_i64().unwrap(), x: coord("-2"), y: coord("-3") }
    }

    fn with_entry(v: &Value, label: i64, value: Option<Value>) -> Value {
        let Value::Map(entries) = v else { panic!("not a map") };
        let mut entries: Vec<(Value, Value)> =
            entries.iter().filter(|(k, _)| as_i64(k) != Some(label)).cloned().collect();
        if let Some(value) = value {
            entries.push((int(label), value));
        }
        Value::Map(entries)
    }

    #[test]
    fn encoding_matches_the_key_agreement_python_fido2_sends() {
        let key = platform_key();
        let ours = encode(&key.to_value());
        let v = json(REQUESTS);
        let mut checked = 0;
        for request in v["requests"].as_array().unwrap() {
            let name = request["name"].as_str().unwrap();
            let raw = hex::decode(request["request_hex"].as_str().unwrap()).unwrap();
            if raw[0] != 0x06 {
                continue;
            }
            let body = decode(&raw[1..]).unwrap();
            let Some(ka) = MapView::new(&body, "clientPIN").unwrap().get(0x03) else {
                continue;
            };
            // Same key, and byte-identical where it sits in the request.
            assert_eq!(CoseKey::from_value(ka).unwrap(), key, "{name}");
            assert!(raw.windows(ours.len()).any(|w| w == ours.as_slice()), "{name}");
            checked += 1;
        }
        assert_eq!(checked, 5, "clientPIN requests carrying a keyAgreement");
        assert!(hex::encode(&ours).starts_with("a501020338182001215820f5fefb17"));
    }

    #[test]
    fn round_trips() {
        let p256 = platform_key();
        assert_eq!(CoseKey::from_value(&p256.to_value()).unwrap(), p256);
        assert_eq!(CoseKey::from_value(&decode(&encode(&p256.to_value())).unwrap()).unwrap(), p256);
        assert_eq!(CoseKey::from_p256(&p256.to_p256().unwrap(), ALG_ECDH_ES_HKDF_256), p256);
        let es256 = CoseKey::from_p256(&p256.to_p256().unwrap(), ALG_ES256);
        assert_eq!(es256.alg(), ALG_ES256);
        assert_eq!(CoseKey::from_value(&es256.to_value()).unwrap(), es256);

        let ed = CoseKey::Ed25519 { x: [7; 32] };
        assert_eq!(ed.alg(), ALG_EDDSA);
        assert_eq!(CoseKey::from_value(&ed.to_value()).unwrap(), ed);
        assert_eq!(hex::encode(encode(&ed.to_value())), format!("a4010103272006215820{}", "07".repeat(32)));
        assert_eq!(ed.to_p256(), Err(CoseError::NotP256));
    }

    #[test]
    fn accepts_any_integer_alg_for_p256_but_requires_one() {
        let v = platform_key().to_value();
        for alg in [ALG_ES256, -35, 0, 7] {
            let key = CoseKey::from_value(&with_entry(&v, LABEL_ALG, Some(int(alg)))).unwrap();
            assert_eq!(key.alg(), alg);
        }
        assert_eq!(CoseKey::from_value(&with_entry(&v, LABEL_ALG, None)), Err(CoseError::Missing("algorithm (3)")));
        assert_eq!(
            CoseKey::from_value(&with_entry(&v, LABEL_ALG, Some(cbor::text("ES256")))),
            Err(CoseError::WrongType("algorithm (3)"))
        );
    }

    #[test]
    fn rejects_wrong_shapes() {
        let v = platform_key().to_value();
        let reject = |v: &Value| CoseKey::from_value(v).unwrap_err();

        assert_eq!(reject(&bytes(&encode(&v))), CoseError::NotAMap);
        assert_eq!(reject(&Value::Array(vec![])), CoseError::NotAMap);
        assert_eq!(reject(&Value::Map(vec![])), CoseError::Missing("key type (1)"));

        assert_eq!(reject(&with_entry(&v, LABEL_KTY, Some(int(4)))), CoseError::UnsupportedKeyType(4));
        // RSA with an EC key's algorithm.
        assert_eq!(reject(&with_entry(&v, LABEL_KTY, Some(int(KTY_RSA)))), CoseError::UnsupportedAlgorithm(-25));
        assert_eq!(reject(&with_entry(&v, LABEL_KTY, Some(cbor::text("EC2")))), CoseError::WrongType("key type (1)"));
        assert_eq!(reject(&with_entry(&v, LABEL_KTY, Some(int(KTY_OKP)))), CoseError::UnsupportedCurve(1));
        assert_eq!(reject(&with_entry(&v, LABEL_KTY, None)), CoseError::Missing("key type (1)"));
        assert_eq!(reject(&with_entry(&v, LABEL_CRV, Some(int(3)))), CoseError::UnsupportedCurve(3));
        // P-384 under another algorithm than ES384.
        assert_eq!(reject(&with_entry(&v, LABEL_CRV, Some(int(CRV_P384)))), CoseError::UnsupportedAlgorithm(-25));
        assert_eq!(reject(&with_entry(&v, LABEL_CRV, None)), CoseError::Missing("curve (-1)"));
        // Numbers beyond i64 are not integers we know.
        assert_eq!(reject(&with_entry(&v, LABEL_CRV, Some(cbor::uint(u64::MAX)))), CoseError::WrongType("curve (-1)"));

        for (len, label, name) in
            [(31, LABEL_X, "x (-2)"), (33, LABEL_X, "x (-2)"), (0, LABEL_Y, "y (-3)"), (64, LABEL_Y, "y (-3)")]
        {
            assert_eq!(
                reject(&with_entry(&v, label, Some(bytes(&vec![1; len])))),
                CoseError::BadCoordinateLength { field: name, len, expected: 32 }
            );
        }
        assert_eq!(reject(&with_entry(&v, LABEL_X, Some(cbor::text("x")))), CoseError::WrongType("x (-2)"));
        assert_eq!(reject(&with_entry(&v, LABEL_Y, None)), CoseError::Missing("y (-3)"));

        let Value::Map(mut entries) = v.clone() else { unreachable!() };
        entries.push((int(LABEL_KTY), int(KTY_EC2)));
        assert_eq!(reject(&Value::Map(entries)), CoseError::Duplicate("key type (1)"));

        let ed = CoseKey::Ed25519 { x: [7; 32] }.to_value();
        assert_eq!(
            reject(&with_entry(&ed, LABEL_ALG, Some(int(ALG_ES256)))),
            CoseError::UnsupportedAlgorithm(ALG_ES256)
        );
        assert_eq!(reject(&with_entry(&ed, LABEL_CRV, Some(int(CRV_P256)))), CoseError::UnsupportedCurve(CRV_P256));
        assert_eq!(
            reject(&with_entry(&ed, LABEL_X, Some(bytes(&[7; 31])))),
            CoseError::BadCoordinateLength { field: "x (-2)", len: 31, expected: 32 }
        );
    }

    #[test]
    fn p384_and_rsa_keys_round_trip_with_bounds() {
        use p256::pkcs8::EncodePublicKey;
        let p384 = p384::SecretKey::from_slice(&[5u8; 48]).unwrap().public_key();
        let key = CoseKey::from_p384(&p384);
        assert_eq!(key.alg(), ALG_ES384);
        assert_eq!(CoseKey::from_value(&decode(&encode(&key.to_value())).unwrap()).unwrap(), key);
        assert_eq!(key.to_spki_der(), p384.to_public_key_der().unwrap().as_bytes());
        let v = key.to_value();
        let reject = |v: &Value| CoseKey::from_value(v).unwrap_err();
        assert_eq!(reject(&with_entry(&v, LABEL_ALG, Some(int(ALG_ES256)))), CoseError::UnsupportedAlgorithm(-7));
        assert_eq!(
            reject(&with_entry(&v, LABEL_X, Some(bytes(&[1; 32])))),
            CoseError::BadCoordinateLength { field: "x (-2)", len: 32, expected: 48 }
        );
        assert_eq!(reject(&with_entry(&v, LABEL_Y, Some(bytes(&[1; 48])))), CoseError::NotOnCurveP384);
        assert_eq!(reject(&with_entry(&v, LABEL_CRV, Some(int(3)))), CoseError::UnsupportedCurve(3));

        // A real 2048-bit modulus (any odd number of that size makes a public key).
        let mut n = vec![0xc5; 256];
        n[255] = 0x01;
        let rsa = CoseKey::Rsa { n: n.clone(), e: vec![1, 0, 1] };
        assert_eq!(rsa.alg(), ALG_RS256);
        assert_eq!(hex::encode(&encode(&rsa.to_value())[..6]), "a40103033901");
        assert_eq!(CoseKey::from_value(&decode(&encode(&rsa.to_value())).unwrap()).unwrap(), rsa);
        assert!(rsa.to_spki_der().starts_with(&[0x30, 0x82, 0x01, 0x22]), "SPKI of a 2048-bit key");
        let v = rsa.to_value();
        // A leading zero byte is dropped, not counted.
        let padded = with_entry(&v, LABEL_N, Some(bytes(&[&[0u8][..], &n].concat())));
        assert_eq!(CoseKey::from_value(&padded).unwrap(), rsa);
        for (modulus, bits) in [(vec![0xc5; 128], 1024), (vec![0xc5; 513], 4104), (vec![0x7f; 256], 2047)] {
            assert_eq!(reject(&with_entry(&v, LABEL_N, Some(bytes(&modulus)))), CoseError::RsaModulusSize(bits));
        }
        assert!(CoseKey::from_value(&with_entry(&v, LABEL_N, Some(bytes(&[0xc5; 512])))).is_ok(), "4096 bits");
        for e in [vec![], vec![1], vec![2], vec![1, 0, 0], vec![1, 0, 0, 0, 1], vec![0; 600]] {
            assert_eq!(reject(&with_entry(&v, LABEL_E, Some(bytes(&e)))), CoseError::RsaExponent, "{e:?}");
        }
        assert_eq!(reject(&with_entry(&v, LABEL_ALG, Some(int(-37)))), CoseError::UnsupportedAlgorithm(-37));
        assert_eq!(reject(&with_entry(&v, LABEL_E, None)), CoseError::Missing("e (-2)"));
        assert_eq!(reject(&with_entry(&v, LABEL_N, Some(cbor::text("n")))), CoseError::WrongType("n (-1)"));
    }

    #[test]
    fn rejects_points_off_the_curve() {
        let CoseKey::P256 { alg, x, mut y } = platform_key() else { unreachable!() };
        y[31] ^= 1;
        let off = CoseKey::P256 { alg, x, y };
        assert_eq!(off.to_p256(), Err(CoseError::NotOnCurve));
        assert_eq!(CoseKey::from_value(&off.to_value()), Err(CoseError::NotOnCurve));
        // (0, 0) stands for the point at infinity in some encodings; it is not a public key.
        let zero = CoseKey::P256 { alg, x: [0; 32], y: [0; 32] };
        assert_eq!(CoseKey::from_value(&zero.to_value()), Err(CoseError::NotOnCurve));
        // Coordinates at or above the field prime are not field elements.
        let big = CoseKey::P256 { alg, x: [0xff; 32], y };
        assert_eq!(CoseKey::from_value(&big.to_value()), Err(CoseError::NotOnCurve));
    }
}
