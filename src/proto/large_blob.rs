//! The serialized large-blob array (CTAP 2.1 authenticatorLargeBlobs, 0x0C): a CBOR array of
//! entries followed by LEFT(SHA-256(array), 16), and the 0x0C request/response keys.
//!
//! Entries we cannot read (other shapes, other platforms' data) are kept verbatim: the spec
//! asks platforms to preserve what they do not understand.

use crate::proto::cbor::{self, MapView};
use ciborium::value::Value;
use sha2::{Digest, Sha256};

/// The trailing check value: the first 16 bytes of SHA-256 over the CBOR array.
pub const HASH_LEN: usize = 16;
/// AES-256-GCM nonce length in an entry.
pub const NONCE_LEN: usize = 12;
/// AES-GCM tag at the end of every ciphertext.
pub const TAG_LEN: usize = 16;
/// The spec's floor for maxSerializedLargeBlobArray (also what a key that omits it offers).
pub const MIN_SERIALIZED_ARRAY: usize = 1024;
/// Our own ceiling on a serialized array, whatever a key claims: real keys offer a few KiB.
pub const MAX_SERIALIZED_ARRAY: usize = 1 << 20;
/// A fresh key's array: the empty CBOR array 0x80 and its check value.
pub const EMPTY_ARRAY: [u8; 17] =
    [0x80, 0x76, 0xbe, 0x8b, 0x52, 0x8d, 0x00, 0x75, 0xf7, 0xaa, 0xe9, 0x8d, 0x6f, 0xa5, 0x7a, 0x6d, 0x3c];
/// The spec's overhead between maxMsgSize and maxFragmentLength.
pub const FRAGMENT_OVERHEAD: u64 = 64;

/// authenticatorLargeBlobs request keys.
pub mod request {
    pub const GET: i64 = 0x01;
    pub const SET: i64 = 0x02;
    pub const OFFSET: i64 = 0x03;
    pub const LENGTH: i64 = 0x04;
    pub const PIN_UV_AUTH_PARAM: i64 = 0x05;
    pub const PIN_UV_AUTH_PROTOCOL: i64 = 0x06;
}

/// authenticatorLargeBlobs response keys.
pub mod response {
    pub const CONFIG: i64 = 0x01;
}

/// Keys of one encrypted entry in the array.
pub mod entry {
    pub const CIPHERTEXT: i64 = 0x01;
    pub const NONCE: i64 = 0x02;
    pub const ORIG_SIZE: i64 = 0x03;
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ArrayError {
    #[error("the stored array is {0} bytes, shorter than its 16-byte check value")]
    TooShort(usize),
    #[error("the stored array is larger than {MAX_SERIALIZED_ARRAY} bytes")]
    TooLarge,
    #[error("the stored array does not match its check value")]
    HashMismatch,
    #[error("the stored array is not a CBOR array ({0})")]
    NotAnArray(String),
}

/// One encrypted entry: {1: ciphertext, 2: nonce, 3: origSize}.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// AES-256-GCM output, the 16-byte tag included.
    pub ciphertext: Vec<u8>,
    pub nonce: [u8; NONCE_LEN],
    /// Length of the data before compression.
    pub orig_size: u64,
}

impl Entry {
    /// Read an array element; `None` when it is not an entry of this shape (kept as it is).
    pub fn from_value(v: &Value) -> Option<Entry> {
        let m = MapView::new(v, "large-blob entry").ok()?;
        let ciphertext = m.req_bytes(entry::CIPHERTEXT).ok()?;
        if ciphertext.len() < TAG_LEN {
            return None;
        }
        let nonce = m.req_bytes(entry::NONCE).ok()?.try_into().ok()?;
        let orig_size = m.req_u64(entry::ORIG_SIZE).ok()?;
        Some(Entry { ciphertext: ciphertext.to_vec(), nonce, orig_size })
    }

    pub fn to_value(&self) -> Value {
        cbor::int_map([
            (entry::CIPHERTEXT, Some(cbor::bytes(&self.ciphertext))),
            (entry::NONCE, Some(cbor::bytes(&self.nonce))),
            (entry::ORIG_SIZE, Some(cbor::uint(self.orig_size))),
        ])
    }
}

/// An element of the array: an entry we can try keys on, or something else we keep as sent.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Entry(Entry),
    Other(Value),
}

impl Item {
    fn to_value(&self) -> Value {
        match self {
            Item::Entry(e) => e.to_value(),
            Item::Other(v) => v.clone(),
        }
    }
}

/// The decoded large-blob array.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BlobArray {
    pub items: Vec<Item>,
}

impl BlobArray {
    /// Check and decode a serialized array (as read from the key).
    pub fn parse(serialized: &[u8]) -> Result<BlobArray, ArrayError> {
        if serialized.len() > MAX_SERIALIZED_ARRAY {
            return Err(ArrayError::TooLarge);
        }
        if serialized.len() < HASH_LEN {
            return Err(ArrayError::TooShort(serialized.len()));
        }
        let (array, check) = serialized.split_at(serialized.len() - HASH_LEN);
        if check_value(array) != check {
            return Err(ArrayError::HashMismatch);
        }
        // cbor::decode caps messages at the CTAPHID payload; an array may be larger, so
        // decode here with the same depth limit and our own size cap (checked above).
        let mut reader = array;
        let value: Value = ciborium::de::from_reader_with_recursion_limit(&mut reader, cbor::MAX_DEPTH + 1)
            .map_err(|e| ArrayError::NotAnArray(e.to_string()))?;
        if !reader.is_empty() {
            return Err(ArrayError::NotAnArray("bytes after the array".into()));
        }
        match value {
            Value::Array(elements) => Ok(BlobArray {
                items: elements
                    .into_iter()
                    .map(|v| Entry::from_value(&v).map(Item::Entry).unwrap_or(Item::Other(v)))
                    .collect(),
            }),
            _ => Err(ArrayError::NotAnArray("the top level is not an array".into())),
        }
    }

    /// The bytes to write: canonical CBOR array ‖ LEFT(SHA-256, 16).
    pub fn serialize(&self) -> Vec<u8> {
        let mut out = cbor::encode(&Value::Array(self.items.iter().map(Item::to_value).collect()));
        let check = check_value(&out);
        out.extend_from_slice(&check);
        out
    }

    pub fn entries(&self) -> impl Iterator<Item = (usize, &Entry)> {
        self.items.iter().enumerate().filter_map(|(i, item)| match item {
            Item::Entry(e) => Some((i, e)),
            Item::Other(_) => None,
        })
    }
}

/// LEFT(SHA-256(array), 16).
pub fn check_value(array: &[u8]) -> [u8; HASH_LEN] {
    let digest = Sha256::digest(array);
    let mut out = [0u8; HASH_LEN];
    out.copy_from_slice(&digest[..HASH_LEN]);
    out
}

/// maxFragmentLength = maxMsgSize − 64 (maxMsgSize defaults to 1024 when a key omits it).
/// `None` when a key's maxMsgSize leaves no room for a fragment.
pub fn max_fragment_length(max_msg_size: Option<u64>) -> Option<usize> {
    let size = max_msg_size.unwrap_or(1024);
    let fragment = size.checked_sub(FRAGMENT_OVERHEAD).filter(|f| *f > 0)?;
    // Never more than a serialized array can hold: bounds what one `get` may ask for.
    Some(usize::try_from(fragment).unwrap_or(MAX_SERIALIZED_ARRAY).min(MAX_SERIALIZED_ARRAY))
}

/// What pinUvAuthParam authenticates for a `set` fragment:
/// 32×0xff ‖ 0x0c 0x00 ‖ uint32LE(offset) ‖ SHA-256(fragment).
pub fn set_auth_message(offset: u32, fragment: &[u8]) -> Vec<u8> {
    let mut message = vec![0xffu8; 32];
    message.extend_from_slice(&[crate::proto::ctap2::command::LARGE_BLOBS, 0x00]);
    message.extend_from_slice(&offset.to_le_bytes());
    message.extend_from_slice(&Sha256::digest(fragment));
    message
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    // Made with python-fido2 2.2.1: key = bytes(range(32)), nonce = bytes(range(0xa0, 0xac)),
    // data = b"fidoctl large blob: " + b"abc" * 10; entry = {1: AESGCM(key).encrypt(nonce,
    // blob._compress(data), blob._lb_ad(len(data))), 2: nonce, 3: len(data)};
    // serialized = cbor.encode([entry]) + sha256(cbor.encode([entry]))[:16].
    pub(crate) const PY_SERIALIZED: &str = "81a301582aadd330e40ae5cbeeaa2cab99482f8814b9e3eb42dafb08aa1f0e69124cf6847aac4570afe1ba85473614024ca0a1a2a3a4a5a6a7a8a9aaab031832dbe79c3f32236a7d966421ac5c5811e9";

    #[test]
    fn empty_array_is_the_spec_initial_value() {
        assert_eq!(BlobArray::default().serialize(), EMPTY_ARRAY);
        assert_eq!(BlobArray::parse(&EMPTY_ARRAY), Ok(BlobArray::default()));
    }

    #[test]
    fn python_fido2_array_parses_and_reserializes_byte_identical() {
        let bytes = hex::decode(PY_SERIALIZED).unwrap();
        let array = BlobArray::parse(&bytes).unwrap();
        let entries: Vec<_> = array.entries().collect();
        assert_eq!(entries.len(), 1);
        let (_, e) = entries[0];
        assert_eq!(e.orig_size, 50);
        assert_eq!(e.nonce.to_vec(), (0xa0u8..0xac).collect::<Vec<_>>());
        assert_eq!(e.ciphertext.len(), 26 + TAG_LEN);
        assert_eq!(array.serialize(), bytes);
    }

    #[test]
    fn a_flipped_bit_anywhere_is_a_hash_mismatch() {
        let good = hex::decode(PY_SERIALIZED).unwrap();
        for i in 0..good.len() {
            let mut bad = good.clone();
            bad[i] ^= 0x01;
            assert_eq!(BlobArray::parse(&bad), Err(ArrayError::HashMismatch), "byte {i}");
        }
        assert_eq!(BlobArray::parse(&good[..good.len() - 1]), Err(ArrayError::HashMismatch));
        assert_eq!(BlobArray::parse(&[0x80; 15]), Err(ArrayError::TooShort(15)));
        assert_eq!(BlobArray::parse(&[]), Err(ArrayError::TooShort(0)));
    }

    #[test]
    fn a_correct_hash_over_a_non_array_is_reported() {
        for body in [&[0xa0u8][..], &[0x01], &[0x81], &[0x80, 0x80], &[0x5a, 0xff, 0xff, 0xff, 0xff]] {
            let mut s = body.to_vec();
            s.extend_from_slice(&check_value(body));
            assert!(matches!(BlobArray::parse(&s), Err(ArrayError::NotAnArray(_))), "{}", hex::encode(body));
        }
    }

    #[test]
    fn hostile_arrays_are_bounded() {
        let mut deep: Vec<u8> = std::iter::repeat_n(0x81u8, 100).chain([0x80]).collect();
        deep.extend_from_slice(&check_value(&deep.clone()));
        assert!(matches!(BlobArray::parse(&deep), Err(ArrayError::NotAnArray(_))));
        // An array header claiming 2^32 elements with none behind it.
        let mut huge = vec![0x9a, 0xff, 0xff, 0xff, 0xff];
        huge.extend_from_slice(&check_value(&huge.clone()));
        assert!(matches!(BlobArray::parse(&huge), Err(ArrayError::NotAnArray(_))));
        assert_eq!(BlobArray::parse(&vec![0u8; MAX_SERIALIZED_ARRAY + 1]), Err(ArrayError::TooLarge));
    }

    #[test]
    fn unknown_elements_are_kept_verbatim() {
        let foreign = Value::Map(vec![(cbor::text("vendor"), cbor::bytes(&[1, 2]))]);
        let short_nonce = cbor::int_map([
            (entry::CIPHERTEXT, Some(cbor::bytes(&[0; 16]))),
            (entry::NONCE, Some(cbor::bytes(&[0; 11]))),
            (entry::ORIG_SIZE, Some(cbor::uint(1))),
        ]);
        let array = BlobArray { items: vec![Item::Other(foreign.clone()), Item::Other(short_nonce.clone())] };
        let parsed = BlobArray::parse(&array.serialize()).unwrap();
        assert_eq!(parsed.items, vec![Item::Other(foreign), Item::Other(short_nonce)]);
        assert_eq!(parsed.entries().count(), 0);
    }

    #[test]
    fn fragment_length_is_max_msg_size_minus_64() {
        assert_eq!(max_fragment_length(Some(1200)), Some(1136));
        assert_eq!(max_fragment_length(None), Some(960));
        assert_eq!(max_fragment_length(Some(64)), None);
        assert_eq!(max_fragment_length(Some(3)), None);
        assert_eq!(max_fragment_length(Some(u64::MAX)), Some(MAX_SERIALIZED_ARRAY));
    }

    #[test]
    fn set_auth_message_matches_python_fido2() {
        // python-fido2 2.2.1 LargeBlobs.write_blob_array's message for offset 1136 and
        // fragment bytes(range(200)).
        let fragment: Vec<u8> = (0u8..200).collect();
        assert_eq!(
            hex::encode(set_auth_message(1136, &fragment)),
            "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0c00700400001901da1c9f699b48f6b2636e65cbf73abf99d0441ef67f5c540a42f7051dec6f"
        );
    }
}
