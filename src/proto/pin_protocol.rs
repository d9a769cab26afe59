//! PIN/UV auth protocols 1 and 2 (CTAP 2.1 §6.5.6, §6.5.7): key agreement, KDF, encrypt,
//! decrypt, authenticate, verify. The host client and the virtual key both run this code, so
//! the tests pin it to python-fido2's bytes, not to itself.

use crate::proto::cose::{CoseError, CoseKey, ALG_ECDH_ES_HKDF_256};
use aes::Aes256;
use cbc::cipher::block_padding::NoPadding;
use cbc::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use p256::SecretKey;
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

/// AES block size, and the length of protocol 2's IV.
const BLOCK: usize = 16;
/// newPinEnc always carries the PIN zero-padded to this length.
pub const PADDED_PIN_LEN: usize = 64;
/// Longest PIN in UTF-8 bytes: the padded form must keep at least one zero byte.
pub const MAX_PIN_BYTES: usize = 63;

const V2_HMAC_INFO: &[u8] = b"CTAP2 HMAC key";
const V2_AES_INFO: &[u8] = b"CTAP2 AES key";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PinProtocolError {
    #[error("PIN/UV auth protocol {protocol} needs a {expected}-byte key here, not {len} bytes")]
    BadKeyLength { protocol: u8, expected: usize, len: usize },
    #[error("the data to encrypt is {0} bytes long, not a multiple of 16")]
    PlaintextNotBlockAligned(usize),
    #[error("the ciphertext is {0} bytes long, not a multiple of 16")]
    CiphertextNotBlockAligned(usize),
    #[error("the ciphertext is {0} bytes long, too short to hold its 16-byte IV")]
    CiphertextTooShort(usize),
    #[error("the system random number generator failed")]
    Random,
    #[error("the other side's key-agreement key is unusable: {0}")]
    InvalidPeerKey(#[from] CoseError),
    #[error("the key-agreement private scalar is zero or not below the P-256 group order")]
    InvalidScalar,
    #[error("the PIN is {0} bytes long in UTF-8; at most 63 bytes are allowed")]
    PinTooLong(usize),
    #[error("the padded PIN is {0} bytes long; it must be exactly 64")]
    BadPaddedPinLength(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinProtocol {
    V1,
    V2,
}

impl PinProtocol {
    pub fn from_number(n: u64) -> Option<PinProtocol> {
        match n {
            1 => Some(PinProtocol::V1),
            2 => Some(PinProtocol::V2),
            _ => None,
        }
    }

    pub fn number(self) -> u8 {
        match self {
            PinProtocol::V1 => 1,
            PinProtocol::V2 => 2,
        }
    }

    /// Length of a pinUvAuthParam.
    fn tag_len(self) -> usize {
        match self {
            PinProtocol::V1 => 16,
            PinProtocol::V2 => 32,
        }
    }

    /// KDF(Z): v1 SHA-256(Z) (32 B); v2 HKDF-SHA-256(salt 32 zero bytes, info "CTAP2 HMAC key")
    /// || HKDF(..., "CTAP2 AES key") (64 B).
    pub fn kdf(self, z: &[u8; 32]) -> Zeroizing<Vec<u8>> {
        match self {
            PinProtocol::V1 => {
                let mut digest = Sha256::digest(z);
                let out = Zeroizing::new(digest.to_vec());
                digest.as_mut_slice().zeroize();
                out
            }
            PinProtocol::V2 => {
                let mut out = Zeroizing::new(vec![0u8; 64]);
                let (hmac_key, aes_key) = out.split_at_mut(32);
                let hk = Hkdf::<Sha256>::new(Some(&[0u8; 32]), z);
                // Not data-dependent: 32 bytes is far below HKDF-SHA-256's 8160-byte limit.
                hk.expand(V2_HMAC_INFO, hmac_key).expect("HKDF output of 32 bytes is always valid");
                hk.expand(V2_AES_INFO, aes_key).expect("HKDF output of 32 bytes is always valid");
                out
            }
        }
    }

    /// The AES-256 key inside a shared secret: all of v1's 32 bytes, the last 32 of v2's 64.
    fn aes_key(self, key: &[u8]) -> Result<&[u8], PinProtocolError> {
        let (expected, start) = match self {
            PinProtocol::V1 => (32, 0),
            PinProtocol::V2 => (64, 32),
        };
        if key.len() != expected {
            return Err(PinProtocolError::BadKeyLength { protocol: self.number(), expected, len: key.len() });
        }
        Ok(&key[start..])
    }

    /// v1: AES-256-CBC, zero IV, no padding (plaintext must be a multiple of 16); v2: random IV
    /// prepended, AES key = last 32 bytes of the 64-byte secret.
    pub fn encrypt(self, key: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, PinProtocolError> {
        let mut iv = [0u8; BLOCK];
        if self == PinProtocol::V2 {
            OsRng.try_fill_bytes(&mut iv).map_err(|_| PinProtocolError::Random)?;
        }
        self.encrypt_with_iv(key, &iv, plaintext)
    }

    /// Same with a caller-chosen IV (v2 only uses it; for tests and the known-answer vectors).
    pub fn encrypt_with_iv(self, key: &[u8], iv: &[u8; 16], plaintext: &[u8]) -> Result<Vec<u8>, PinProtocolError> {
        let aes_key = self.aes_key(key)?;
        if !plaintext.len().is_multiple_of(BLOCK) {
            return Err(PinProtocolError::PlaintextNotBlockAligned(plaintext.len()));
        }
        let (iv, prefix): (&[u8; 16], usize) = match self {
            PinProtocol::V1 => (&[0u8; BLOCK], 0),
            PinProtocol::V2 => (iv, BLOCK),
        };
        // Encrypt in place in the output buffer, so no extra copy of the plaintext is left.
        let mut out = Vec::with_capacity(prefix + plaintext.len());
        out.extend_from_slice(&iv[..prefix]);
        out.extend_from_slice(plaintext);
        cbc::Encryptor::<Aes256>::new_from_slices(aes_key, iv)
            .map_err(|_| self.key_length_error(key))?
            .encrypt_padded_mut::<NoPadding>(&mut out[prefix..], plaintext.len())
            .map_err(|_| PinProtocolError::PlaintextNotBlockAligned(plaintext.len()))?;
        Ok(out)
    }

    /// Inverse of `encrypt`; v2 reads its IV from the first 16 bytes. The plaintext (a PIN,
    /// a PIN hash, a token) comes back in a wiped buffer.
    pub fn decrypt(self, key: &[u8], ciphertext: &[u8]) -> Result<Zeroizing<Vec<u8>>, PinProtocolError> {
        let aes_key = self.aes_key(key)?;
        let (iv, body): ([u8; BLOCK], &[u8]) = match self {
            PinProtocol::V1 => ([0u8; BLOCK], ciphertext),
            PinProtocol::V2 => match ciphertext.split_first_chunk::<BLOCK>() {
                Some((iv, body)) => (*iv, body),
                None => return Err(PinProtocolError::CiphertextTooShort(ciphertext.len())),
            },
        };
        if !body.len().is_multiple_of(BLOCK) {
            return Err(PinProtocolError::CiphertextNotBlockAligned(body.len()));
        }
        let mut plain = Zeroizing::new(body.to_vec());
        cbc::Decryptor::<Aes256>::new_from_slices(aes_key, &iv)
            .map_err(|_| self.key_length_error(key))?
            .decrypt_padded_mut::<NoPadding>(&mut plain)
            .map_err(|_| PinProtocolError::CiphertextNotBlockAligned(body.len()))?;
        Ok(plain)
    }

    fn key_length_error(self, key: &[u8]) -> PinProtocolError {
        PinProtocolError::BadKeyLength {
            protocol: self.number(),
            expected: 32 * usize::from(self.number()),
            len: key.len(),
        }
    }

    /// HMAC-SHA-256 keyed as the protocol says: v1 with the whole key; v2 with its first 32
    /// bytes (the HMAC half of the shared secret; a 32-byte token is used whole).
    fn mac(self, key: &[u8], message: &[u8]) -> Hmac<Sha256> {
        let key = match self {
            PinProtocol::V1 => key,
            PinProtocol::V2 => &key[..key.len().min(32)],
        };
        // Not data-dependent: HMAC takes keys of any length (long ones are hashed first).
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC-SHA-256 accepts keys of every length");
        mac.update(message);
        mac
    }

    /// v1: first 16 bytes of HMAC-SHA-256(key, msg); v2: full HMAC-SHA-256 with key truncated
    /// to its first 32 bytes (the HMAC half of the shared secret; a 32-byte token is used whole).
    pub fn authenticate(self, key: &[u8], message: &[u8]) -> Vec<u8> {
        let tag = self.mac(key, message).finalize().into_bytes();
        tag[..self.tag_len()].to_vec()
    }

    /// Constant-time check of a pinUvAuthParam (wrong length = false).
    pub fn verify(self, key: &[u8], message: &[u8], signature: &[u8]) -> bool {
        if signature.len() != self.tag_len() {
            return false;
        }
        // verify_truncated_left compares in constant time; the length was checked above.
        self.mac(key, message).verify_truncated_left(signature).is_ok()
    }
}

/// An ephemeral P-256 key-agreement key (the platform's, or the authenticator's).
pub struct KeyAgreementKey {
    // SecretKey wipes its scalar on drop.
    secret: SecretKey,
}

impl std::fmt::Debug for KeyAgreementKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the private scalar.
        f.debug_struct("KeyAgreementKey").field("public", &self.public_cose()).finish_non_exhaustive()
    }
}

impl KeyAgreementKey {
    pub fn generate() -> Self {
        Self { secret: SecretKey::random(&mut OsRng) }
    }

    pub fn from_scalar(bytes: &[u8; 32]) -> Result<Self, PinProtocolError> {
        SecretKey::from_slice(bytes).map(|secret| Self { secret }).map_err(|_| PinProtocolError::InvalidScalar)
    }

    /// The public half as CTAP sends it: COSE, alg -25.
    pub fn public_cose(&self) -> CoseKey {
        CoseKey::from_p256(&self.secret.public_key(), ALG_ECDH_ES_HKDF_256)
    }

    /// Z: the x-coordinate of ECDH with the peer's key (which is checked to be on the curve).
    fn ecdh_z(&self, peer: &CoseKey) -> Result<Zeroizing<[u8; 32]>, PinProtocolError> {
        let peer = peer.to_p256()?;
        let scalar = Zeroizing::new(self.secret.to_nonzero_scalar());
        // SharedSecret wipes itself on drop; Z is copied into a wiped buffer.
        let shared = p256::ecdh::diffie_hellman(&*scalar, peer.as_affine());
        let mut z = Zeroizing::new([0u8; 32]);
        z.copy_from_slice(shared.raw_secret_bytes());
        Ok(z)
    }

    /// ECDH with the peer's COSE key, then the protocol's KDF: the shared secret.
    pub fn shared_secret(&self, protocol: PinProtocol, peer: &CoseKey) -> Result<Zeroizing<Vec<u8>>, PinProtocolError> {
        Ok(protocol.kdf(&*self.ecdh_z(peer)?))
    }
}

/// LEFT(SHA-256(pin), 16)
pub fn pin_hash(pin: &[u8]) -> [u8; 16] {
    let mut digest = Sha256::digest(pin);
    let mut out = [0u8; 16];
    out.copy_from_slice(&digest[..16]);
    digest.as_mut_slice().zeroize();
    out
}

/// The PIN zero-padded to 64 bytes; error if longer than 63 bytes.
pub fn pad_pin(pin: &[u8]) -> Result<Zeroizing<Vec<u8>>, PinProtocolError> {
    if pin.len() > MAX_PIN_BYTES {
        return Err(PinProtocolError::PinTooLong(pin.len()));
    }
    let mut padded = Zeroizing::new(vec![0u8; PADDED_PIN_LEN]);
    padded[..pin.len()].copy_from_slice(pin);
    Ok(padded)
}

/// Strip the zero padding of a decrypted newPinEnc (authenticator side); errors if not exactly
/// 64 bytes, or if no zero byte is left (the PIN would be 64 bytes, over the 63-byte limit).
/// Only trailing zeros go, as the spec says; judging the PIN itself is the caller's job.
pub fn unpad_pin(padded: &[u8]) -> Result<Zeroizing<Vec<u8>>, PinProtocolError> {
    if padded.len() != PADDED_PIN_LEN {
        return Err(PinProtocolError::BadPaddedPinLength(padded.len()));
    }
    let len = padded.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    if len > MAX_PIN_BYTES {
        return Err(PinProtocolError::PinTooLong(len));
    }
    Ok(Zeroizing::new(padded[..len].to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::cbor::{self, as_i64};
    use ciborium::value::Value;

    const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/vectors/pin_protocols.json");

    struct Vector(serde_json::Value);

    impl Vector {
        fn hex(&self, field: &str) -> Vec<u8> {
            let text = self.0[field].as_str().unwrap_or_else(|| panic!("{field} missing"));
            hex::decode(text).unwrap()
        }
        fn hex32(&self, field: &str) -> [u8; 32] {
            self.hex(field).try_into().unwrap()
        }
        fn protocol(&self) -> PinProtocol {
            PinProtocol::from_number(self.0["protocol"].as_u64().unwrap()).unwrap()
        }
    }

    fn vectors() -> Vec<Vector> {
        let text = std::fs::read_to_string(VECTORS).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let list: Vec<Vector> = v["pin_uv_auth_protocols"].as_array().unwrap().iter().cloned().map(Vector).collect();
        let numbers: Vec<u8> = list.iter().map(|v| v.protocol().number()).collect();
        assert_eq!(numbers, [1, 2], "one vector per protocol");
        list
    }

    /// Every label of the JSON COSE object equals the entry our key encodes.
    fn assert_cose_matches(key: &CoseKey, json: &serde_json::Value, what: &str) {
        let Value::Map(ours) = key.to_value() else { panic!("not a map") };
        let theirs = json.as_object().unwrap();
        assert_eq!(ours.len(), theirs.len(), "{what}: label count");
        for (label, expected) in theirs {
            let label: i64 = label.parse().unwrap();
            let ours = ours
                .iter()
                .find(|(k, _)| as_i64(k) == Some(label))
                .map(|(_, v)| v)
                .unwrap_or_else(|| panic!("{what}: label {label} missing"));
            let expected = match expected {
                serde_json::Value::Number(n) => cbor::int(n.as_i64().unwrap()),
                serde_json::Value::String(s) => cbor::bytes(&hex::decode(s).unwrap()),
                other => panic!("{what}: unexpected {other}"),
            };
            assert_eq!(ours, &expected, "{what}: label {label}");
        }
    }

    #[test]
    fn known_answers_from_python_fido2() {
        for v in vectors() {
            let p = v.protocol();
            let n = p.number();
            let platform = KeyAgreementKey::from_scalar(&v.hex32("platform_private_scalar")).unwrap();
            let authenticator = KeyAgreementKey::from_scalar(&v.hex32("authenticator_private_scalar")).unwrap();
            assert_cose_matches(&platform.public_cose(), &v.0["platform_key_agreement_cose"], "platform key");
            assert_cose_matches(
                &authenticator.public_cose(),
                &v.0["authenticator_key_agreement_cose"],
                "authenticator key",
            );

            let z = platform.ecdh_z(&authenticator.public_cose()).unwrap();
            assert_eq!(z.as_slice(), v.hex("ecdh_z_x_coordinate"), "v{n} Z");
            assert_eq!(*p.kdf(&z), v.hex("shared_secret"), "v{n} KDF");

            // Each side derives the secret from the other's public key as it travels (COSE).
            let shared = platform.shared_secret(p, &authenticator.public_cose()).unwrap();
            assert_eq!(*shared, v.hex("shared_secret"), "v{n} platform shared secret");
            let theirs = authenticator.shared_secret(p, &platform.public_cose()).unwrap();
            assert_eq!(*theirs, v.hex("shared_secret"), "v{n} authenticator shared secret");

            let iv: [u8; 16] = match p {
                PinProtocol::V1 => [0xee; 16], // ignored: v1 always uses a zero IV
                PinProtocol::V2 => v.hex("iv_used_by_encrypt").try_into().unwrap(),
            };
            let pin_hash_enc = p.encrypt_with_iv(&shared, &iv, &pin_hash(b"1234")).unwrap();
            assert_eq!(pin_hash_enc, v.hex("pin_hash_enc_for_pin_1234"), "v{n} pinHashEnc");
            let padded = pad_pin(b"a1b2c3d4").unwrap();
            let new_pin_enc = p.encrypt_with_iv(&shared, &iv, &padded).unwrap();
            assert_eq!(new_pin_enc, v.hex("new_pin_enc_for_pin_a1b2c3d4"), "v{n} newPinEnc");

            let set_param = p.authenticate(&shared, &new_pin_enc);
            assert_eq!(set_param, v.hex("set_pin_auth_param"), "v{n} setPIN param");
            let change_msg = [new_pin_enc.as_slice(), &pin_hash_enc].concat();
            assert_eq!(
                p.authenticate(&shared, &change_msg),
                v.hex("change_pin_auth_param_new_a1b2c3d4_old_1234"),
                "v{n} changePIN param"
            );

            let token = v.hex("pin_token");
            assert_eq!(p.encrypt_with_iv(&shared, &iv, &token).unwrap(), v.hex("pin_token_enc"), "v{n} pinTokenEnc");
            assert_eq!(
                p.authenticate(&token, &[0x11; 32]),
                v.hex("authenticate_token_over_32_bytes_0x11"),
                "v{n} authenticate with token"
            );

            // The other direction, on python-fido2's bytes: the authenticator checks the
            // setPIN/changePIN params and reads the PIN, the platform reads the token.
            assert!(p.verify(&theirs, &v.hex("new_pin_enc_for_pin_a1b2c3d4"), &v.hex("set_pin_auth_param")));
            let change_msg = [v.hex("new_pin_enc_for_pin_a1b2c3d4"), v.hex("pin_hash_enc_for_pin_1234")].concat();
            assert!(p.verify(&theirs, &change_msg, &v.hex("change_pin_auth_param_new_a1b2c3d4_old_1234")));
            let new_pin = p.decrypt(&theirs, &v.hex("new_pin_enc_for_pin_a1b2c3d4")).unwrap();
            assert_eq!(*unpad_pin(&new_pin).unwrap(), b"a1b2c3d4");
            let old_hash = p.decrypt(&theirs, &v.hex("pin_hash_enc_for_pin_1234")).unwrap();
            assert_eq!(*old_hash, pin_hash(b"1234"));
            assert_eq!(*p.decrypt(&shared, &v.hex("pin_token_enc")).unwrap(), token);
        }
    }

    #[test]
    fn pin_hash_is_the_left_half_of_sha256() {
        // SHA-256("1234") from FIPS 180 tooling, not from this code.
        assert_eq!(hex::encode(pin_hash(b"1234")), "03ac674216f3e15c761ee1a5e255f067");
    }

    #[test]
    fn decrypt_inverts_encrypt() {
        let plain: Vec<u8> = (0u8..48).collect();
        for p in [PinProtocol::V1, PinProtocol::V2] {
            let a = KeyAgreementKey::generate();
            let b = KeyAgreementKey::generate();
            let key = a.shared_secret(p, &b.public_cose()).unwrap();
            for len in [0, 16, 48] {
                let ct = p.encrypt(&key, &plain[..len]).unwrap();
                assert_eq!(*p.decrypt(&key, &ct).unwrap(), plain[..len], "v{} {len}", p.number());
            }
            let first = p.encrypt(&key, &plain).unwrap();
            let second = p.encrypt(&key, &plain).unwrap();
            match p {
                PinProtocol::V1 => assert_eq!(first, second),
                // A fresh random IV each time: same plaintext, different bytes.
                PinProtocol::V2 => {
                    assert_eq!(first.len(), 16 + plain.len());
                    assert_ne!(first[..16], second[..16]);
                    assert_ne!(first, second);
                }
            }
        }
    }

    #[test]
    fn both_sides_agree_on_fresh_keys() {
        let platform = KeyAgreementKey::generate();
        let authenticator = KeyAgreementKey::generate();
        for p in [PinProtocol::V1, PinProtocol::V2] {
            let ours = platform.shared_secret(p, &authenticator.public_cose()).unwrap();
            let theirs = authenticator.shared_secret(p, &platform.public_cose()).unwrap();
            assert_eq!(*ours, *theirs);
            assert_eq!(ours.len(), 32 * usize::from(p.number()));
        }
        assert_ne!(platform.public_cose(), KeyAgreementKey::generate().public_cose());
    }

    #[test]
    fn verify_accepts_only_the_exact_tag() {
        let message = b"pinUvAuthParam message";
        for (p, key) in [(PinProtocol::V1, vec![9u8; 32]), (PinProtocol::V2, vec![9u8; 64])] {
            let tag = p.authenticate(&key, message);
            assert_eq!(tag.len(), p.tag_len());
            assert!(p.verify(&key, message, &tag));
            for bit in [0, 7, tag.len() * 8 - 1] {
                let mut flipped = tag.clone();
                flipped[bit / 8] ^= 1 << (bit % 8);
                assert!(!p.verify(&key, message, &flipped), "v{} bit {bit}", p.number());
            }
            assert!(!p.verify(&key, message, &tag[..tag.len() - 1]));
            assert!(!p.verify(&key, message, &tag[..16.min(tag.len() - 1)]));
            assert!(!p.verify(&key, message, &[tag.as_slice(), &[0]].concat()));
            assert!(!p.verify(&key, message, &[]));
            assert!(!p.verify(&key, b"another message", &tag));
        }
        // v2 keys with the shared secret's HMAC half only: the AES half must not matter.
        let mut key = vec![9u8; 64];
        let tag = PinProtocol::V2.authenticate(&key, message);
        key[40] ^= 0xff;
        assert!(PinProtocol::V2.verify(&key, message, &tag));
        assert!(PinProtocol::V2.verify(&key[..32], message, &tag));
    }

    #[test]
    fn pad_and_unpad_edges() {
        let max = [b'7'; 63];
        let padded = pad_pin(&max).unwrap();
        assert_eq!(padded.len(), 64);
        assert_eq!(padded[..63], max);
        assert_eq!(padded[63], 0);
        assert_eq!(*unpad_pin(&padded).unwrap(), max);
        assert_eq!(pad_pin(&[b'7'; 64]), Err(PinProtocolError::PinTooLong(64)));
        assert_eq!(*pad_pin(b"").unwrap(), [0u8; 64]);

        assert_eq!(unpad_pin(&[b'7'; 63]), Err(PinProtocolError::BadPaddedPinLength(63)));
        assert_eq!(unpad_pin(&[0; 65]), Err(PinProtocolError::BadPaddedPinLength(65)));
        assert_eq!(unpad_pin(&[]), Err(PinProtocolError::BadPaddedPinLength(0)));
        // Sixty-four bytes with no zero left: a 64-byte PIN, over the limit.
        assert_eq!(unpad_pin(&[b'7'; 64]), Err(PinProtocolError::PinTooLong(64)));
        assert!(unpad_pin(&[0; 64]).unwrap().is_empty());
        // Only trailing zeros are padding.
        let mut inner = [0u8; 64];
        inner[..4].copy_from_slice(b"ab\0c");
        assert_eq!(*unpad_pin(&inner).unwrap(), b"ab\0c");
    }

    #[test]
    fn rejects_bad_lengths_and_keys() {
        use PinProtocolError::*;
        let v1 = PinProtocol::V1;
        let v2 = PinProtocol::V2;
        assert_eq!(v1.encrypt(&[0; 64], &[0; 16]), Err(BadKeyLength { protocol: 1, expected: 32, len: 64 }));
        assert_eq!(v2.encrypt(&[0; 32], &[0; 16]), Err(BadKeyLength { protocol: 2, expected: 64, len: 32 }));
        assert_eq!(v2.decrypt(&[0; 31], &[0; 32]), Err(BadKeyLength { protocol: 2, expected: 64, len: 31 }));
        assert_eq!(v1.encrypt(&[0; 32], &[0; 15]), Err(PlaintextNotBlockAligned(15)));
        assert_eq!(v2.encrypt(&[0; 64], &[0; 17]), Err(PlaintextNotBlockAligned(17)));
        assert_eq!(v1.decrypt(&[0; 32], &[0; 17]), Err(CiphertextNotBlockAligned(17)));
        assert_eq!(v2.decrypt(&[0; 64], &[0; 40]), Err(CiphertextNotBlockAligned(24)));
        assert_eq!(v2.decrypt(&[0; 64], &[0; 15]), Err(CiphertextTooShort(15)));
        assert!(v2.decrypt(&[0; 64], &[0; 16]).unwrap().is_empty());

        assert_eq!(KeyAgreementKey::from_scalar(&[0; 32]).unwrap_err(), InvalidScalar);
        assert_eq!(KeyAgreementKey::from_scalar(&[0xff; 32]).unwrap_err(), InvalidScalar);
        // The P-256 group order n itself is not a valid scalar; n - 1 is.
        let n = hex::decode("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551").unwrap();
        let mut n: [u8; 32] = n.try_into().unwrap();
        assert_eq!(KeyAgreementKey::from_scalar(&n).unwrap_err(), InvalidScalar);
        n[31] -= 1;
        assert!(KeyAgreementKey::from_scalar(&n).is_ok());

        let key = KeyAgreementKey::generate();
        let CoseKey::P256 { alg, x, mut y } = KeyAgreementKey::generate().public_cose() else { unreachable!() };
        y[0] ^= 0x80;
        let off_curve = CoseKey::P256 { alg, x, y };
        assert_eq!(key.shared_secret(v2, &off_curve).unwrap_err(), InvalidPeerKey(CoseError::NotOnCurve));
        assert_eq!(
            key.shared_secret(v1, &CoseKey::Ed25519 { x: [1; 32] }).unwrap_err(),
            InvalidPeerKey(CoseError::NotP256)
        );
    }

    #[test]
    fn protocol_numbers() {
        assert_eq!(PinProtocol::from_number(1), Some(PinProtocol::V1));
        assert_eq!(PinProtocol::from_number(2), Some(PinProtocol::V2));
        for n in [0, 3, u64::MAX] {
            assert_eq!(PinProtocol::from_number(n), None);
        }
        assert_eq!(PinProtocol::V1.number(), 1);
        assert_eq!(PinProtocol::V2.number(), 2);
    }

    #[test]
    fn debug_output_hides_the_scalar() {
        let scalar = [0x42u8; 32];
        let key = KeyAgreementKey::from_scalar(&scalar).unwrap();
        let shown = format!("{key:?}");
        assert!(!shown.contains(&hex::encode(scalar)));
        assert!(!shown.contains(&format!("{:?}", scalar)));
        assert!(shown.starts_with("KeyAgreementKey"));
    }
}
