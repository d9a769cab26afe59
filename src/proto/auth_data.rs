//! Authenticator data (WebAuthn §6.1), the bytes a key signs in makeCredential and getAssertion.
//!
//! ```text
//! rpIdHash (32) | flags (1) | signCount (4, big-endian)
//!   [AT] aaguid (16) | credentialIdLength (2, big-endian) | credentialId | credentialPublicKey (COSE)
//!   [ED] extensions (CBOR map)
//! ```
//!
//! The COSE key has no length prefix: its end is wherever its CBOR item ends, so parsing has to
//! decode it from a prefix and carry on with whatever follows.

use crate::proto::cbor::{self, CborError, MAX_DEPTH, MAX_MESSAGE};
use crate::proto::cose::{CoseError, CoseKey};
use ciborium::value::Value;

/// User present.
pub const FLAG_UP: u8 = 0x01;
/// User verified.
pub const FLAG_UV: u8 = 0x04;
/// Backup eligible.
pub const FLAG_BE: u8 = 0x08;
/// Backed up.
pub const FLAG_BS: u8 = 0x10;
/// Attested credential data follows.
pub const FLAG_AT: u8 = 0x40;
/// Extension data follows.
pub const FLAG_ED: u8 = 0x80;

/// Longest credential id WebAuthn allows in attested credential data.
pub const MAX_CREDENTIAL_ID: usize = 1023;
/// rpIdHash + flags + signCount.
const FIXED_LEN: usize = 37;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AuthDataError {
    #[error("the authenticator data is {0} bytes long, shorter than the 37-byte minimum")]
    TooShort(usize),
    #[error("the authenticator data is larger than {MAX_MESSAGE} bytes")]
    TooLarge,
    #[error("the authenticator data ends inside the {0}")]
    Truncated(&'static str),
    #[error("the credential id is {0} bytes long, more than the {MAX_CREDENTIAL_ID} allowed")]
    CredentialIdTooLong(usize),
    #[error("the AT flag says attested credential data follows, but none does")]
    MissingAttestedData,
    #[error("the ED flag says extensions follow, but none do")]
    MissingExtensions,
    #[error("the authenticator data's {0} is not valid CBOR: {1}")]
    Cbor(&'static str, CborError),
    #[error("the credential public key is not usable: {0}")]
    Cose(#[from] CoseError),
    #[error("the authenticator data's extensions are not a CBOR map")]
    ExtensionsNotAMap,
    #[error("the authenticator data has {0} bytes that its AT/ED flags do not account for")]
    TrailingBytes(usize),
}

/// Attested credential data: present in makeCredential responses (flag AT).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttestedCredential {
    pub aaguid: [u8; 16],
    /// At most [`MAX_CREDENTIAL_ID`] bytes; a longer id encodes to bytes `parse` refuses.
    pub credential_id: Vec<u8>,
    pub public_key: CoseKey,
}

// No Eq: ciborium's Value has none (floats).
#[derive(Debug, Clone, PartialEq)]
pub struct AuthenticatorData {
    pub rp_id_hash: [u8; 32],
    /// The AT and ED bits are derived from `attested` / `extensions` when encoding, so the
    /// flags can never disagree with what follows.
    pub flags: u8,
    pub sign_count: u32,
    pub attested: Option<AttestedCredential>,
    /// A CBOR map when present.
    pub extensions: Option<Value>,
}

impl AuthenticatorData {
    /// The flags as encoded: the caller's bits with AT/ED set exactly when their data is there.
    pub fn encoded_flags(&self) -> u8 {
        let mut flags = self.flags & !(FLAG_AT | FLAG_ED);
        if self.attested.is_some() {
            flags |= FLAG_AT;
        }
        if self.extensions.is_some() {
            flags |= FLAG_ED;
        }
        flags
    }

    pub fn user_present(&self) -> bool {
        self.flags & FLAG_UP != 0
    }

    pub fn user_verified(&self) -> bool {
        self.flags & FLAG_UV != 0
    }

    /// Encode, with the COSE key and extensions in CTAP2 canonical CBOR.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(FIXED_LEN + 200);
        out.extend_from_slice(&self.rp_id_hash);
        out.push(self.encoded_flags());
        out.extend_from_slice(&self.sign_count.to_be_bytes());
        if let Some(cred) = &self.attested {
            out.extend_from_slice(&cred.aaguid);
            // Saturating keeps this infallible; such an id is already past the 1023-byte limit.
            let len = u16::try_from(cred.credential_id.len()).unwrap_or(u16::MAX);
            out.extend_from_slice(&len.to_be_bytes());
            out.extend_from_slice(&cred.credential_id);
            out.extend_from_slice(&cbor::encode(&cred.public_key.to_value()));
        }
        if let Some(ext) = &self.extensions {
            out.extend_from_slice(&cbor::encode(ext));
        }
        out
    }

    /// Parse authenticator data a key sent. Every byte must be accounted for by the flags.
    pub fn parse(bytes: &[u8]) -> Result<Self, AuthDataError> {
        if bytes.len() > MAX_MESSAGE {
            return Err(AuthDataError::TooLarge);
        }
        let mut cur = Cursor(bytes);
        let rp_id_hash: [u8; 32] = cur.take("rpIdHash").map_err(|_| AuthDataError::TooShort(bytes.len()))?;
        let [flags] = cur.take("flags").map_err(|_| AuthDataError::TooShort(bytes.len()))?;
        let sign_count = u32::from_be_bytes(cur.take("signCount").map_err(|_| AuthDataError::TooShort(bytes.len()))?);

        let attested = if flags & FLAG_AT != 0 {
            if cur.0.is_empty() {
                return Err(AuthDataError::MissingAttestedData);
            }
            let aaguid: [u8; 16] = cur.take("AAGUID")?;
            let id_len = usize::from(u16::from_be_bytes(cur.take("credential id length")?));
            if id_len > MAX_CREDENTIAL_ID {
                return Err(AuthDataError::CredentialIdTooLong(id_len));
            }
            let credential_id = cur.take_slice(id_len, "credential id")?.to_vec();
            if cur.0.is_empty() {
                return Err(AuthDataError::Truncated("credential public key"));
            }
            let key = cur.cbor_item("credential public key")?;
            Some(AttestedCredential { aaguid, credential_id, public_key: CoseKey::from_value(&key)? })
        } else {
            None
        };

        let extensions = if flags & FLAG_ED != 0 {
            if cur.0.is_empty() {
                return Err(AuthDataError::MissingExtensions);
            }
            let ext = cur.cbor_item("extensions")?;
            if !matches!(ext, Value::Map(_)) {
                return Err(AuthDataError::ExtensionsNotAMap);
            }
            Some(ext)
        } else {
            None
        };

        if !cur.0.is_empty() {
            return Err(AuthDataError::TrailingBytes(cur.0.len()));
        }
        Ok(Self { rp_id_hash, flags, sign_count, attested, extensions })
    }
}

/// Reads from the front of the bytes; every read is length-checked.
struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn take<const N: usize>(&mut self, what: &'static str) -> Result<[u8; N], AuthDataError> {
        let (head, rest) = self.0.split_first_chunk::<N>().ok_or(AuthDataError::Truncated(what))?;
        self.0 = rest;
        Ok(*head)
    }

    fn take_slice(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], AuthDataError> {
        if self.0.len() < n {
            return Err(AuthDataError::Truncated(what));
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    /// One CBOR item from the front. ciborium reads a slice exactly up to the item's end, which
    /// tells us where it ends; the item's own bytes are then decoded again by `cbor::decode` so
    /// they get the same duplicate-key and depth checks as any other message from a key.
    fn cbor_item(&mut self, what: &'static str) -> Result<Value, AuthDataError> {
        let mut rest = self.0;
        ciborium::de::from_reader_with_recursion_limit::<Value, _>(&mut rest, MAX_DEPTH + 1).map_err(|e| {
            let e = match e {
                ciborium::de::Error::RecursionLimitExceeded => CborError::TooDeep,
                other => CborError::Malformed(other.to_string()),
            };
            AuthDataError::Cbor(what, e)
        })?;
        let item = self.take_slice(self.0.len() - rest.len(), what)?;
        cbor::decode(item).map_err(|e| AuthDataError::Cbor(what, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::cbor::{int, text};
    use crate::proto::cose::ALG_ES256;

    fn es256_key() -> CoseKey {
        let secret = p256::SecretKey::from_slice(&[0x42; 32]).unwrap();
        CoseKey::from_p256(&secret.public_key(), ALG_ES256)
    }

    fn full() -> AuthenticatorData {
        AuthenticatorData {
            rp_id_hash: [0xab; 32],
            flags: FLAG_UP | FLAG_UV | FLAG_BE,
            sign_count: 0x0102_0304,
            attested: Some(AttestedCredential {
                aaguid: [0x5a; 16],
                credential_id: (0..=200u8).collect(),
                public_key: es256_key(),
            }),
            extensions: Some(Value::Map(vec![(text("hmac-secret"), Value::Bool(true)), (text("credProtect"), int(2))])),
        }
    }

    #[test]
    fn round_trips_with_and_without_optional_parts() {
        let mut ad = full();
        let bytes = ad.to_bytes();
        assert_eq!(bytes[32], FLAG_UP | FLAG_UV | FLAG_BE | FLAG_AT | FLAG_ED);
        let parsed = AuthenticatorData::parse(&bytes).unwrap();
        assert_eq!(parsed.flags, bytes[32]);
        assert_eq!(parsed.attested, ad.attested);
        assert_eq!(parsed.to_bytes(), bytes);
        // Extensions come back in canonical order (encode sorts them).
        assert_eq!(parsed.extensions.as_ref().map(cbor::encode), ad.extensions.as_ref().map(cbor::encode));

        ad.extensions = None;
        let parsed = AuthenticatorData::parse(&ad.to_bytes()).unwrap();
        assert_eq!(parsed.flags & (FLAG_AT | FLAG_ED), FLAG_AT);
        assert_eq!(parsed.attested, ad.attested);

        ad.attested = Some(AttestedCredential {
            aaguid: [0; 16],
            credential_id: vec![],
            public_key: CoseKey::Ed25519 { x: [9; 32] },
        });
        assert_eq!(AuthenticatorData::parse(&ad.to_bytes()).unwrap().attested, ad.attested);

        // An assertion's authenticator data: just the 37 fixed bytes.
        ad.attested = None;
        ad.flags = FLAG_UP | FLAG_AT | FLAG_ED; // stale bits are cleared on encoding
        let bytes = ad.to_bytes();
        assert_eq!(bytes.len(), 37);
        assert_eq!(bytes[32], FLAG_UP);
        let parsed = AuthenticatorData::parse(&bytes).unwrap();
        assert!(parsed.user_present() && !parsed.user_verified());
        assert_eq!(parsed.sign_count, 0x0102_0304);
    }

    #[test]
    fn hand_written_bytes() {
        let hex = concat!(
            "1111111111111111111111111111111111111111111111111111111111111111", // rpIdHash
            "c5",                                                               // UP|UV|AT|ED
            "00000005",                                                         // signCount
            "22222222222222222222222222222222",                                 // aaguid
            "0004",
            "01020304", // credential id
            // COSE key {1: 1, 3: -8, -1: 6, -2: h'07..07'}
            "a4010103272006215820",
            "0707070707070707070707070707070707070707070707070707070707070707",
            // {"credProtect": 2}
            "a16b6372656450726f7465637402",
        );
        let bytes = hex::decode(hex).unwrap();
        let ad = AuthenticatorData::parse(&bytes).unwrap();
        assert_eq!(ad.rp_id_hash, [0x11; 32]);
        assert_eq!(ad.flags, 0xc5);
        assert!(ad.user_present() && ad.user_verified());
        assert_eq!(ad.sign_count, 5);
        let cred = ad.attested.as_ref().unwrap();
        assert_eq!(cred.aaguid, [0x22; 16]);
        assert_eq!(cred.credential_id, [1, 2, 3, 4]);
        assert_eq!(cred.public_key, CoseKey::Ed25519 { x: [7; 32] });
        assert_eq!(ad.extensions, Some(Value::Map(vec![(text("credProtect"), int(2))])));
        assert_eq!(ad.to_bytes(), bytes);

        // The same without extensions: flags 0x45, nothing after the key.
        let mut no_ext = bytes[..bytes.len() - 14].to_vec();
        no_ext[32] = 0x45;
        assert_eq!(AuthenticatorData::parse(&no_ext).unwrap().extensions, None);
        // ... and with ED still set, the missing extensions are noticed.
        no_ext[32] = 0xc5;
        assert_eq!(AuthenticatorData::parse(&no_ext), Err(AuthDataError::MissingExtensions));
    }

    #[test]
    fn every_truncation_is_an_error() {
        for ad in [full(), AuthenticatorData { extensions: None, ..full() }] {
            let bytes = ad.to_bytes();
            for len in 0..bytes.len() {
                assert!(AuthenticatorData::parse(&bytes[..len]).is_err(), "length {len}");
            }
            assert!(AuthenticatorData::parse(&bytes).is_ok());
        }
        assert_eq!(AuthenticatorData::parse(&[0; 36]), Err(AuthDataError::TooShort(36)));
    }

    #[test]
    fn flags_must_agree_with_what_follows() {
        let mut bytes = vec![0u8; 37];
        bytes[32] = FLAG_UP | FLAG_AT;
        assert_eq!(AuthenticatorData::parse(&bytes), Err(AuthDataError::MissingAttestedData));
        bytes[32] = FLAG_UP | FLAG_ED;
        assert_eq!(AuthenticatorData::parse(&bytes), Err(AuthDataError::MissingExtensions));

        // Attested data behind a cleared AT flag is trailing garbage.
        let mut with_cred = AuthenticatorData { extensions: None, ..full() }.to_bytes();
        let extra = with_cred.len() - 37;
        with_cred[32] &= !FLAG_AT;
        assert_eq!(AuthenticatorData::parse(&with_cred), Err(AuthDataError::TrailingBytes(extra)));
        // ... and read as extensions (ED set) it is not a map.
        with_cred[32] |= FLAG_ED;
        assert!(AuthenticatorData::parse(&with_cred).is_err());

        // A byte after the extensions.
        let mut bytes = full().to_bytes();
        bytes.push(0);
        assert_eq!(AuthenticatorData::parse(&bytes), Err(AuthDataError::TrailingBytes(1)));

        // Extensions that are not a map.
        let mut bytes = vec![0u8; 37];
        bytes[32] = FLAG_ED;
        bytes.push(0x01);
        assert_eq!(AuthenticatorData::parse(&bytes), Err(AuthDataError::ExtensionsNotAMap));
    }

    #[test]
    fn hostile_attested_data() {
        let head = |id_len: u16| {
            let mut b = vec![0u8; 37];
            b[32] = FLAG_AT;
            b.extend_from_slice(&[0; 16]);
            b.extend_from_slice(&id_len.to_be_bytes());
            b
        };
        assert_eq!(AuthenticatorData::parse(&head(1024)), Err(AuthDataError::CredentialIdTooLong(1024)));
        assert_eq!(AuthenticatorData::parse(&head(0xffff)), Err(AuthDataError::CredentialIdTooLong(0xffff)));
        assert_eq!(AuthenticatorData::parse(&head(4)), Err(AuthDataError::Truncated("credential id")));
        assert_eq!(AuthenticatorData::parse(&head(0)), Err(AuthDataError::Truncated("credential public key")));

        // A COSE key with a repeated label is refused by the strict decoder.
        let mut dup = head(0);
        dup.extend_from_slice(&hex::decode("a3010101010327").unwrap());
        assert!(matches!(
            AuthenticatorData::parse(&dup),
            Err(AuthDataError::Cbor("credential public key", CborError::DuplicateKey(_)))
        ));
        // A byte string that claims 4 GiB.
        let mut huge = head(0);
        huge.extend_from_slice(&[0x5a, 0xff, 0xff, 0xff, 0xff, 0x00]);
        assert!(matches!(AuthenticatorData::parse(&huge), Err(AuthDataError::Cbor(..))));
        // Deep nesting.
        let mut deep = head(0);
        deep.extend(std::iter::repeat_n(0x81u8, 64));
        deep.push(0);
        assert!(matches!(AuthenticatorData::parse(&deep), Err(AuthDataError::Cbor(_, CborError::TooDeep))));
        // A well-formed COSE map that is not a key we accept.
        let mut symmetric = head(0);
        symmetric.extend_from_slice(&cbor::encode(&cbor::int_map([(1, Some(int(4)))])));
        assert_eq!(AuthenticatorData::parse(&symmetric), Err(AuthDataError::Cose(CoseError::UnsupportedKeyType(4))));
        // An RSA key too small to trust.
        let mut rsa = head(0);
        let small = cbor::int_map([
            (1, Some(int(3))),
            (3, Some(int(-257))),
            (-1, Some(cbor::bytes(&[0xc5; 128]))),
            (-2, Some(cbor::bytes(&[1, 0, 1]))),
        ]);
        rsa.extend_from_slice(&cbor::encode(&small));
        assert_eq!(AuthenticatorData::parse(&rsa), Err(AuthDataError::Cose(CoseError::RsaModulusSize(1024))));

        assert_eq!(AuthenticatorData::parse(&vec![0; MAX_MESSAGE + 1]), Err(AuthDataError::TooLarge));
    }
}
