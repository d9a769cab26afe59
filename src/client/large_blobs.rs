//! authenticatorLargeBlobs (0x0C): the whole array read and written in fragments, and the
//! per-credential entries encrypted as the spec says (raw DEFLATE, then AES-256-GCM under the
//! credential's largeBlobKey with associated data "blob" ‖ uint64LE(original size)).
//!
//! A corrupted array (bad check value) is reported as `BlobError::Corrupted` and never written
//! over, except by `clear`, which the caller only uses when the user asks for it.

use super::uv_auth::UvAuth;
use super::{Authenticator, Call, ClientError};
use crate::proto::cbor::{self, MapView};
use crate::proto::ctap2::command;
use crate::proto::large_blob::{
    self as lb, request as req, ArrayError, BlobArray, Entry, Item, MAX_SERIALIZED_ARRAY, NONCE_LEN,
};
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use ciborium::value::Value;
use rand_core::{OsRng, RngCore};
use std::io::{Read, Write};
use zeroize::Zeroizing;

/// Length of a largeBlobKey (an AES-256 key).
pub const KEY_LEN: usize = 32;
/// The largest plaintext we will inflate an entry to; a larger origSize is not an entry of ours.
pub const MAX_ORIGINAL_SIZE: u64 = 16 << 20;

#[derive(Debug, thiserror::Error)]
pub enum BlobError {
    #[error(transparent)]
    Client(#[from] ClientError),
    /// The array on the key fails its check or is not an array.
    #[error("the large-blob storage on this key is damaged ({0}); it can only be cleared")]
    Corrupted(ArrayError),
    /// The new array would not fit.
    #[error("the large blobs would take {needed} bytes, but this key stores at most {capacity}")]
    TooLarge { needed: usize, capacity: usize },
    #[error("this key does not store large blobs")]
    Unsupported,
}

/// One 0x0C request/response exchange; the authenticator in use, or a test double.
pub trait Exchange {
    fn large_blobs(&mut self, request: &Value) -> Result<Option<Value>, ClientError>;
}

impl Exchange for Authenticator {
    fn large_blobs(&mut self, request: &Value) -> Result<Option<Value>, ClientError> {
        self.call(command::LARGE_BLOBS, Some(request), Call::default())
    }
}

/// Sizes a key allows: from getInfo maxMsgSize and maxSerializedLargeBlobArray.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_fragment: usize,
    /// maxSerializedLargeBlobArray, capped by our own ceiling.
    pub capacity: usize,
}

impl Limits {
    /// `None` when getInfo does not offer largeBlobs (option `largeBlobs`), or offers a size
    /// that leaves no room for a fragment.
    pub fn from_info(info: &crate::proto::get_info::AuthenticatorInfo) -> Option<Limits> {
        if info.option("largeBlobs") != Some(true) {
            return None;
        }
        let capacity = info
            .max_serialized_large_blob_array
            .map(|c| usize::try_from(c).unwrap_or(MAX_SERIALIZED_ARRAY))
            .unwrap_or(lb::MIN_SERIALIZED_ARRAY)
            .clamp(lb::EMPTY_ARRAY.len(), MAX_SERIALIZED_ARRAY);
        Some(Limits { max_fragment: lb::max_fragment_length(info.max_msg_size)?, capacity })
    }

    /// The largest data one entry can carry if it were alone in the array (incompressible
    /// data: DEFLATE stored blocks add 5 bytes per 64 KiB; the entry map and GCM tag the rest).
    pub fn max_single_entry(&self) -> usize {
        // 1 (array header) + 1 (map header) + 1+9 (ciphertext header) + 16 (tag)
        // + 1+1+12 (nonce) + 1+9 (origSize) + 16 (check value), rounded up for safety.
        let fixed = 70;
        let room = self.capacity.saturating_sub(fixed);
        room.saturating_sub(5 * (room / 65535 + 1))
    }
}

/// The 0x0C client over an exchange (normally `&mut Authenticator`).
pub struct LargeBlobs<'a, E: Exchange + ?Sized> {
    exchange: &'a mut E,
    limits: Limits,
}

impl<'a> LargeBlobs<'a, Authenticator> {
    /// Errors with `BlobError::Unsupported` when getInfo offers no large blobs.
    pub fn open(auth: &'a mut Authenticator) -> Result<Self, BlobError> {
        let limits = Limits::from_info(auth.info()?).ok_or(BlobError::Unsupported)?;
        Ok(LargeBlobs { exchange: auth, limits })
    }
}

/// What one entry of the array is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryReport {
    /// Position in the array.
    pub index: usize,
    /// Which of the given keys opens it; `None`: an orphan (or another platform's data).
    pub owner: Option<usize>,
    /// Stored (encrypted) bytes.
    pub stored_size: usize,
    /// Size of the data once decrypted (as the entry claims).
    pub orig_size: u64,
}

impl<'a, E: Exchange + ?Sized> LargeBlobs<'a, E> {
    pub fn with_limits(exchange: &'a mut E, limits: Limits) -> Self {
        LargeBlobs { exchange, limits }
    }

    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The serialized array as stored, unchecked: `get` in fragments of maxFragmentLength until
    /// a short one.
    pub fn read_serialized(&mut self) -> Result<Vec<u8>, ClientError> {
        let fragment_len = self.limits.max_fragment;
        let mut out = Vec::new();
        loop {
            let request = get_request(out.len(), fragment_len);
            let answer = self
                .exchange
                .large_blobs(&request)?
                .ok_or_else(|| ClientError::Malformed("largeBlobs answer is empty".into()))?;
            let map = MapView::new(&answer, "largeBlobs")?;
            let fragment = map.req_bytes(lb::response::CONFIG)?;
            if fragment.len() > fragment_len {
                return Err(ClientError::Malformed(format!(
                    "the key sent a {}-byte large-blob fragment after we asked for at most {fragment_len}",
                    fragment.len()
                )));
            }
            if out.len() + fragment.len() > MAX_SERIALIZED_ARRAY {
                return Err(ClientError::Malformed(format!(
                    "the key's large-blob array is larger than {MAX_SERIALIZED_ARRAY} bytes"
                )));
            }
            out.extend_from_slice(fragment);
            if fragment.len() < fragment_len {
                return Ok(out);
            }
        }
    }

    /// The array, checked. A bad check value is `BlobError::Corrupted`.
    pub fn read_array(&mut self) -> Result<BlobArray, BlobError> {
        BlobArray::parse(&self.read_serialized()?).map_err(BlobError::Corrupted)
    }

    /// Write a whole array: `set` fragments, the first carrying the total length, each
    /// authenticated with `token` (None only on a key with no PIN or UV configured).
    pub fn write_array(&mut self, token: Option<&dyn UvAuth>, array: &BlobArray) -> Result<(), BlobError> {
        let serialized = array.serialize();
        if serialized.len() > self.limits.capacity {
            return Err(BlobError::TooLarge { needed: serialized.len(), capacity: self.limits.capacity });
        }
        for request in set_requests(&serialized, self.limits.max_fragment, token) {
            self.exchange.large_blobs(&request)?;
        }
        Ok(())
    }

    /// The data stored for a credential, if any entry opens with its largeBlobKey.
    pub fn get(&mut self, large_blob_key: &[u8]) -> Result<Option<Vec<u8>>, BlobError> {
        let array = self.read_array()?;
        let found = array.entries().find_map(|(_, e)| open(large_blob_key, e));
        Ok(found)
    }

    /// Store data for a credential, replacing what it had.
    pub fn put(&mut self, token: Option<&dyn UvAuth>, large_blob_key: &[u8], data: &[u8]) -> Result<(), BlobError> {
        let mut array = self.read_array()?;
        array.items.retain(|item| !opens(large_blob_key, item));
        let entry = seal(large_blob_key, data).map_err(|e| BlobError::Client(ClientError::Unsupported(e)))?;
        array.items.push(Item::Entry(entry));
        self.write_array(token, &array)
    }

    /// Remove a credential's entries; false (and nothing written) when it had none.
    pub fn delete(&mut self, token: Option<&dyn UvAuth>, large_blob_key: &[u8]) -> Result<bool, BlobError> {
        let mut array = self.read_array()?;
        let before = array.items.len();
        array.items.retain(|item| !opens(large_blob_key, item));
        if array.items.len() == before {
            return Ok(false);
        }
        self.write_array(token, &array)?;
        Ok(true)
    }

    /// Every entry, with which of `keys` opens it (orphans: none does).
    pub fn list(&mut self, keys: &[&[u8]]) -> Result<Vec<EntryReport>, BlobError> {
        Ok(report(&self.read_array()?, keys))
    }

    /// Remove every element none of `keys` opens (orphans and foreign data); returns how many.
    pub fn remove_orphans(&mut self, token: Option<&dyn UvAuth>, keys: &[&[u8]]) -> Result<usize, BlobError> {
        let mut array = self.read_array()?;
        let before = array.items.len();
        array.items.retain(|item| keys.iter().any(|k| opens(k, item)));
        let removed = before - array.items.len();
        if removed > 0 {
            self.write_array(token, &array)?;
        }
        Ok(removed)
    }

    /// Write the empty array, whatever is stored now (the only write a corrupted array gets).
    pub fn clear(&mut self, token: Option<&dyn UvAuth>) -> Result<(), BlobError> {
        self.write_array(token, &BlobArray::default())
    }
}

/// Which of `keys` opens each entry of an array.
pub fn report(array: &BlobArray, keys: &[&[u8]]) -> Vec<EntryReport> {
    array
        .items
        .iter()
        .enumerate()
        .map(|(index, item)| match item {
            Item::Entry(e) => EntryReport {
                index,
                owner: keys.iter().position(|k| open(k, e).is_some()),
                stored_size: e.ciphertext.len(),
                orig_size: e.orig_size,
            },
            Item::Other(v) => EntryReport { index, owner: None, stored_size: cbor::encode(v).len(), orig_size: 0 },
        })
        .collect()
}

fn opens(key: &[u8], item: &Item) -> bool {
    matches!(item, Item::Entry(e) if open(key, e).is_some())
}

pub fn get_request(offset: usize, count: usize) -> Value {
    cbor::int_map([(req::GET, Some(cbor::uint(count as u64))), (req::OFFSET, Some(cbor::uint(offset as u64)))])
}

/// The `set` requests for a serialized array, in order. An empty input still yields one
/// request (a zero-length array is not valid, but the caller never passes one).
pub fn set_requests(serialized: &[u8], max_fragment: usize, token: Option<&dyn UvAuth>) -> Vec<Value> {
    let max_fragment = max_fragment.max(1);
    let mut requests = Vec::new();
    let mut offset = 0usize;
    loop {
        let end = serialized.len().min(offset + max_fragment);
        let fragment = &serialized[offset..end];
        let auth = token.map(|t| {
            // Offsets fit: serialized arrays are capped far below 4 GiB.
            let offset32 = u32::try_from(offset).unwrap_or(u32::MAX);
            (t.protocol_number(), t.authenticate(&lb::set_auth_message(offset32, fragment)))
        });
        requests.push(cbor::int_map([
            (req::SET, Some(cbor::bytes(fragment))),
            (req::OFFSET, Some(cbor::uint(offset as u64))),
            (req::LENGTH, (offset == 0).then(|| cbor::uint(serialized.len() as u64))),
            (req::PIN_UV_AUTH_PARAM, auth.as_ref().map(|(_, p)| cbor::bytes(p))),
            (req::PIN_UV_AUTH_PROTOCOL, auth.as_ref().map(|(n, _)| cbor::uint(u64::from(*n)))),
        ]));
        offset = end;
        if offset >= serialized.len() {
            return requests;
        }
    }
}

/// "blob" ‖ uint64LE(original size).
pub fn associated_data(orig_size: u64) -> [u8; 12] {
    let mut ad = [0u8; 12];
    ad[..4].copy_from_slice(b"blob");
    ad[4..].copy_from_slice(&orig_size.to_le_bytes());
    ad
}

/// Raw DEFLATE (no zlib header), as the spec and python-fido2 use.
pub fn compress(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

/// Inflate at most `expected` bytes; `None` unless exactly `expected` come out.
pub fn decompress(compressed: &[u8], expected: u64) -> Option<Vec<u8>> {
    if expected > MAX_ORIGINAL_SIZE {
        return None;
    }
    let mut out = Vec::new();
    flate2::read::DeflateDecoder::new(compressed).take(expected + 1).read_to_end(&mut out).ok()?;
    (out.len() as u64 == expected).then_some(out)
}

/// AES-256-GCM over already-compressed data with a given nonce (the deterministic half of
/// `seal`, used by tests against known answers).
pub fn seal_compressed(key: &[u8], nonce: [u8; NONCE_LEN], compressed: &[u8], orig_size: u64) -> Result<Entry, String> {
    let cipher = Aes256Gcm::new_from_slice(key).map_err(|_| format!("a largeBlobKey is {KEY_LEN} bytes long"))?;
    let ciphertext = cipher
        .encrypt(Nonce::from_slice(&nonce), Payload { msg: compressed, aad: &associated_data(orig_size) })
        .map_err(|_| "large-blob encryption failed".to_string())?;
    Ok(Entry { ciphertext, nonce, orig_size })
}

/// Compress and encrypt data for a credential under a fresh random nonce.
pub fn seal(key: &[u8], data: &[u8]) -> Result<Entry, String> {
    let mut nonce = [0u8; NONCE_LEN];
    OsRng.fill_bytes(&mut nonce);
    seal_compressed(key, nonce, &compress(data), data.len() as u64)
}

/// Decrypt and inflate an entry with a key; `None` when the key does not open it (or the
/// entry is malformed).
pub fn open(key: &[u8], entry: &Entry) -> Option<Vec<u8>> {
    let cipher = Aes256Gcm::new_from_slice(key).ok()?;
    let compressed = Zeroizing::new(
        cipher
            .decrypt(
                Nonce::from_slice(&entry.nonce),
                Payload { msg: &entry.ciphertext, aad: &associated_data(entry.orig_size) },
            )
            .ok()?,
    );
    decompress(&compressed, entry.orig_size)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::uv_auth::{python_test_token, TestToken};
    use crate::proto::pin_protocol::PinProtocol;
    use crate::proto::status::{code, CtapStatus};

    const KEY: [u8; 32] = {
        let mut k = [0u8; 32];
        let mut i = 0;
        while i < 32 {
            k[i] = i as u8;
            i += 1;
        }
        k
    };
    const NONCE: [u8; 12] = [0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab];
    const DATA: &[u8] = b"fidoctl large blob: abcabcabcabcabcabcabcabcabcabc";
    // python-fido2 2.2.1: blob._compress(DATA).
    const PY_COMPRESSED: &str = "4bcb4cc94f2ec951c8492c4a4f5548cac94fb252484c4ac68300";
    // python-fido2 2.2.1: serialized array of one entry for KEY, NONCE and b"" (empty data;
    // blob._compress(b"") is 03 00).
    const PY_SERIALIZED_EMPTY_DATA: &str =
        "81a30152e5181946b3361cb37cb1af9baed582cda86a024ca0a1a2a3a4a5a6a7a8a9aaab0300d0098bbc2de02ebcbb05387953c3d947";

    fn py_serialized() -> Vec<u8> {
        hex::decode(crate::proto::large_blob::tests::PY_SERIALIZED).unwrap()
    }

    fn token() -> TestToken {
        python_test_token()
    }

    /// A key's 0x0C behaviour, as the spec describes it: serves `get` from the stored array;
    /// collects `set` fragments, checks each one's pinUvAuthParam, and commits when all
    /// `length` bytes are in and the check value is right.
    struct FakeKey {
        stored: Vec<u8>,
        pending: Vec<u8>,
        expected_length: usize,
        token: Option<TestToken>,
        requests: Vec<Value>,
        /// Answer every `get` with this many extra bytes (a hostile key).
        overlong: usize,
    }

    impl FakeKey {
        fn new(stored: Vec<u8>) -> FakeKey {
            FakeKey { stored, pending: vec![], expected_length: 0, token: Some(token()), requests: vec![], overlong: 0 }
        }
        fn sets(&self) -> usize {
            self.requests.iter().filter(|r| MapView::new(r, "r").unwrap().get(req::SET).is_some()).count()
        }
    }

    fn status(c: u8) -> ClientError {
        ClientError::Status { command: command::LARGE_BLOBS, status: CtapStatus::from(c) }
    }

    impl Exchange for FakeKey {
        fn large_blobs(&mut self, request: &Value) -> Result<Option<Value>, ClientError> {
            self.requests.push(request.clone());
            let m = MapView::new(request, "request").unwrap();
            let offset = m.req_u64(req::OFFSET).unwrap() as usize;
            if let Some(count) = m.opt_u64(req::GET).unwrap() {
                let fragment = if self.overlong > 0 {
                    vec![0u8; count as usize + self.overlong]
                } else {
                    self.stored.iter().skip(offset).take(count as usize).copied().collect()
                };
                return Ok(Some(cbor::int_map([(lb::response::CONFIG, Some(cbor::bytes(&fragment)))])));
            }
            let fragment = m.req_bytes(req::SET).unwrap();
            if let Some(t) = &self.token {
                let param = m.opt_bytes(req::PIN_UV_AUTH_PARAM).unwrap().ok_or(status(code::PUAT_REQUIRED))?;
                if param != t.authenticate(&lb::set_auth_message(offset as u32, fragment)) {
                    return Err(status(code::PIN_AUTH_INVALID));
                }
            }
            if offset == 0 {
                self.expected_length = m.req_u64(req::LENGTH).unwrap() as usize;
                self.pending.clear();
            } else if m.get(req::LENGTH).is_some() || offset != self.pending.len() {
                return Err(status(code::INVALID_SEQ));
            }
            self.pending.extend_from_slice(fragment);
            if self.pending.len() == self.expected_length {
                let (array, check) = self.pending.split_at(self.pending.len() - 16);
                if lb::check_value(array) != check {
                    return Err(status(code::INTEGRITY_FAILURE));
                }
                self.stored = std::mem::take(&mut self.pending);
            }
            Ok(None)
        }
    }

    fn limits(max_fragment: usize) -> Limits {
        Limits { max_fragment, capacity: 4096 }
    }

    #[test]
    fn opens_what_python_fido2_sealed() {
        let array = BlobArray::parse(&py_serialized()).unwrap();
        let (_, entry) = array.entries().next().unwrap();
        assert_eq!(open(&KEY, entry).as_deref(), Some(DATA));
        let mut other_key = KEY;
        other_key[0] ^= 1;
        assert_eq!(open(&other_key, entry), None);
        let empty = BlobArray::parse(&hex::decode(PY_SERIALIZED_EMPTY_DATA).unwrap()).unwrap();
        assert_eq!(open(&KEY, empty.entries().next().unwrap().1).as_deref(), Some(&b""[..]));
    }

    #[test]
    fn seals_exactly_as_python_fido2() {
        // Same key, nonce and compressed bytes give python-fido2's array byte for byte.
        let entry = seal_compressed(&KEY, NONCE, &hex::decode(PY_COMPRESSED).unwrap(), DATA.len() as u64).unwrap();
        assert_eq!(BlobArray { items: vec![Item::Entry(entry)] }.serialize(), py_serialized());
        let empty = seal_compressed(&KEY, NONCE, &compress(b""), 0).unwrap();
        assert_eq!(hex::encode(BlobArray { items: vec![Item::Entry(empty)] }.serialize()), PY_SERIALIZED_EMPTY_DATA);
        // Our own DEFLATE output is a valid raw stream of the same data (zlib and miniz may
        // choose different blocks, so the bytes themselves may differ).
        assert_eq!(decompress(&compress(DATA), DATA.len() as u64).as_deref(), Some(DATA));
        assert_eq!(decompress(&hex::decode(PY_COMPRESSED).unwrap(), DATA.len() as u64).as_deref(), Some(DATA));
    }

    #[test]
    fn associated_data_binds_the_original_size() {
        assert_eq!(hex::encode(associated_data(50)), "626c6f623200000000000000");
        let mut entry = seal(&KEY, DATA).unwrap();
        assert_eq!(entry.nonce.len(), 12);
        entry.orig_size += 1;
        assert_eq!(open(&KEY, &entry), None);
    }

    #[test]
    fn fresh_nonce_per_seal() {
        assert_ne!(seal(&KEY, DATA).unwrap().nonce, seal(&KEY, DATA).unwrap().nonce);
    }

    #[test]
    fn inflation_is_bounded_by_the_claimed_size() {
        let bomb = compress(&vec![0u8; 1 << 20]);
        assert_eq!(decompress(&bomb, 10), None);
        assert_eq!(decompress(&bomb, MAX_ORIGINAL_SIZE + 1), None);
        assert_eq!(decompress(b"\xff\xff\xff", 3), None);
        assert_eq!(decompress(&bomb, 1 << 20).map(|d| d.len()), Some(1 << 20));
    }

    #[test]
    fn requests_match_python_fido2() {
        // python-fido2 2.2.1 Ctap2.large_blobs(...) with maxMsgSize 1200, token
        // bytes(range(0x40, 0x60)), protocol 2, fragment bytes(range(200)).
        assert_eq!(format!("0c{}", hex::encode(cbor::encode(&get_request(0, 1136)))), "0ca2011904700300");
        let fragment: Vec<u8> = (0u8..200).collect();
        let mut serialized = vec![0u8; 1136];
        serialized.extend_from_slice(&fragment);
        let requests = set_requests(&serialized, 1136, Some(&token()));
        assert_eq!(requests.len(), 2);
        assert_eq!(
            format!("0c{}", hex::encode(cbor::encode(&requests[1]))),
            "0ca40258c8000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c703190470055820b7a812069a85a40e5ffa9ff3be202c5e8d4ad20d8d2065a1dba360956f5a35f70602"
        );
        let first = set_requests(&fragment, 1136, Some(&token()));
        let mut first = first[0].clone();
        // python-fido2 sent length 1336 for a first fragment of the same bytes.
        if let Value::Map(entries) = &mut first {
            for (k, v) in entries.iter_mut() {
                if cbor::as_i64(k) == Some(req::LENGTH) {
                    *v = cbor::uint(1336);
                }
            }
        }
        assert_eq!(
            format!("0c{}", hex::encode(cbor::encode(&first))),
            "0ca50258c8000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7030004190538055820470228b6c489fdc7f9c01b931fd46792f0f6e2753fa1f4c1c37d98e69fd98f280602"
        );
    }

    #[test]
    fn unauthenticated_set_on_a_key_without_pin() {
        let r = set_requests(&lb::EMPTY_ARRAY, 100, None);
        assert_eq!(hex::encode(cbor::encode(&r[0])), format!("a30251{}030004{}", hex::encode(lb::EMPTY_ARRAY), "11"));
    }

    #[test]
    fn fragments_cover_the_array_exactly_at_every_boundary() {
        for max_fragment in [1usize, 16, 17, 18, 50] {
            for len in [17usize, 18, 49, 50, 51, 100, 101] {
                let serialized: Vec<u8> = (0..len).map(|i| i as u8).collect();
                let requests = set_requests(&serialized, max_fragment, None);
                assert_eq!(requests.len(), len.div_ceil(max_fragment), "{max_fragment}/{len}");
                let mut joined = vec![];
                for (i, r) in requests.iter().enumerate() {
                    let m = MapView::new(r, "r").unwrap();
                    assert_eq!(m.req_u64(req::OFFSET).unwrap() as usize, joined.len());
                    assert_eq!(m.opt_u64(req::LENGTH).unwrap(), (i == 0).then_some(len as u64));
                    let f = m.req_bytes(req::SET).unwrap();
                    assert!(!f.is_empty() && f.len() <= max_fragment);
                    joined.extend_from_slice(f);
                }
                assert_eq!(joined, serialized);
            }
        }
    }

    #[test]
    fn reads_until_a_short_fragment_including_an_exact_multiple() {
        for max_fragment in [16usize, 17, 32, 960] {
            let mut key = FakeKey::new(lb::EMPTY_ARRAY.to_vec());
            let mut blobs = LargeBlobs::with_limits(&mut key, limits(max_fragment));
            assert_eq!(blobs.read_serialized().unwrap(), lb::EMPTY_ARRAY);
            // 17 bytes: one get when the fragment is larger, two when it is 16 or exactly 17.
            let gets = 17 / max_fragment + 1;
            assert_eq!(key.requests.len(), gets, "{max_fragment}");
        }
    }

    #[test]
    fn put_get_delete_through_fragments() {
        let mut key = FakeKey::new(lb::EMPTY_ARRAY.to_vec());
        let other_key = [7u8; 32];
        let mut blobs = LargeBlobs::with_limits(&mut key, limits(40));
        let t = token();
        blobs.put(Some(&t), &KEY, DATA).unwrap();
        blobs.put(Some(&t), &other_key, b"second").unwrap();
        assert_eq!(blobs.get(&KEY).unwrap().as_deref(), Some(DATA));
        assert_eq!(blobs.get(&other_key).unwrap().as_deref(), Some(&b"second"[..]));
        // Replacing keeps one entry per credential.
        blobs.put(Some(&t), &KEY, b"replaced").unwrap();
        assert_eq!(blobs.read_array().unwrap().items.len(), 2);
        assert_eq!(blobs.get(&KEY).unwrap().as_deref(), Some(&b"replaced"[..]));
        assert!(blobs.delete(Some(&t), &KEY).unwrap());
        assert_eq!(blobs.get(&KEY).unwrap(), None);
        assert_eq!(blobs.get(&other_key).unwrap().as_deref(), Some(&b"second"[..]));
        assert!(!blobs.delete(Some(&t), &KEY).unwrap());
        assert!(key.sets() > 6, "arrays above 40 bytes go in several fragments");
    }

    #[test]
    fn a_wrong_token_is_the_keys_refusal() {
        let mut key = FakeKey::new(lb::EMPTY_ARRAY.to_vec());
        let mut blobs = LargeBlobs::with_limits(&mut key, limits(960));
        let wrong = TestToken(PinProtocol::V2, vec![0u8; 32]);
        let e = blobs.put(Some(&wrong), &KEY, DATA).unwrap_err();
        assert!(
            matches!(e, BlobError::Client(ClientError::Status { status: CtapStatus::PinAuthInvalid, .. })),
            "{e:?}"
        );
        assert_eq!(key.stored, lb::EMPTY_ARRAY);
    }

    #[test]
    fn zero_byte_and_maximum_size_blobs() {
        let capacity = 1024;
        let mut key = FakeKey::new(lb::EMPTY_ARRAY.to_vec());
        let l = Limits { max_fragment: 960, capacity };
        let mut blobs = LargeBlobs::with_limits(&mut key, l);
        let t = token();
        blobs.put(Some(&t), &KEY, b"").unwrap();
        assert_eq!(blobs.get(&KEY).unwrap().as_deref(), Some(&b""[..]));
        // Incompressible data of the largest size that fits alone, then one byte more.
        let mut data = vec![0u8; l.max_single_entry()];
        OsRng.fill_bytes(&mut data);
        blobs.put(Some(&t), &KEY, &data).unwrap();
        assert_eq!(blobs.get(&KEY).unwrap(), Some(data.clone()));
        let stored = blobs.read_serialized().unwrap().len();
        assert!(stored <= capacity && stored > 960, "{stored} bytes span two fragments");
        let mut bigger = vec![0u8; capacity];
        OsRng.fill_bytes(&mut bigger);
        let e = blobs.put(Some(&t), &KEY, &bigger).unwrap_err();
        assert!(matches!(e, BlobError::TooLarge { capacity: 1024, .. }), "{e:?}");
        assert_eq!(blobs.get(&KEY).unwrap(), Some(data), "a refused write leaves the old blob");
    }

    #[test]
    fn a_corrupted_array_is_reported_and_only_clear_writes() {
        let mut bad = py_serialized();
        bad[5] ^= 0xff;
        let mut key = FakeKey::new(bad.clone());
        let mut blobs = LargeBlobs::with_limits(&mut key, limits(960));
        let t = token();
        assert!(matches!(blobs.get(&KEY), Err(BlobError::Corrupted(ArrayError::HashMismatch))));
        assert!(matches!(blobs.put(Some(&t), &KEY, DATA), Err(BlobError::Corrupted(_))));
        assert!(matches!(blobs.delete(Some(&t), &KEY), Err(BlobError::Corrupted(_))));
        assert!(matches!(blobs.remove_orphans(Some(&t), &[]), Err(BlobError::Corrupted(_))));
        assert_eq!(key.sets(), 0);
        assert_eq!(key.stored, bad);
        let e = LargeBlobs::with_limits(&mut key, limits(960)).get(&KEY).unwrap_err();
        assert_eq!(
            e.to_string(),
            "the large-blob storage on this key is damaged (the stored array does not match its check value); it can only be cleared"
        );
        LargeBlobs::with_limits(&mut key, limits(960)).clear(Some(&t)).unwrap();
        assert_eq!(key.stored, lb::EMPTY_ARRAY);
    }

    #[test]
    fn orphans_are_entries_no_given_key_opens() {
        let mut key = FakeKey::new(lb::EMPTY_ARRAY.to_vec());
        let mut blobs = LargeBlobs::with_limits(&mut key, limits(960));
        let t = token();
        let (a, b, gone) = ([1u8; 32], [2u8; 32], [3u8; 32]);
        blobs.put(Some(&t), &a, b"a").unwrap();
        blobs.put(Some(&t), &gone, b"left behind").unwrap();
        blobs.put(Some(&t), &b, b"bb").unwrap();
        let listed = blobs.list(&[&a, &b]).unwrap();
        assert_eq!(listed.iter().map(|r| r.owner).collect::<Vec<_>>(), vec![Some(0), None, Some(1)]);
        assert_eq!(listed.iter().map(|r| r.orig_size).collect::<Vec<_>>(), vec![1, 11, 2]);
        assert_eq!(blobs.remove_orphans(Some(&t), &[&a, &b]).unwrap(), 1);
        assert_eq!(blobs.remove_orphans(Some(&t), &[&a, &b]).unwrap(), 0);
        assert_eq!(blobs.get(&gone).unwrap(), None);
        assert_eq!(blobs.get(&a).unwrap().as_deref(), Some(&b"a"[..]));
        assert_eq!(blobs.get(&b).unwrap().as_deref(), Some(&b"bb"[..]));
    }

    #[test]
    fn hostile_reads_are_bounded() {
        let mut key = FakeKey::new(lb::EMPTY_ARRAY.to_vec());
        key.overlong = 5;
        let e = LargeBlobs::with_limits(&mut key, limits(16)).read_serialized().unwrap_err();
        assert!(e.to_string().contains("21-byte large-blob fragment"), "{e}");
        // A key that always sends a full fragment stops at our ceiling.
        struct Endless;
        impl Exchange for Endless {
            fn large_blobs(&mut self, r: &Value) -> Result<Option<Value>, ClientError> {
                let n = MapView::new(r, "r").unwrap().req_u64(req::GET).unwrap() as usize;
                Ok(Some(cbor::int_map([(lb::response::CONFIG, Some(cbor::bytes(&vec![0u8; n])))])))
            }
        }
        let e = LargeBlobs::with_limits(&mut Endless, limits(4096)).read_serialized().unwrap_err();
        assert!(e.to_string().contains("larger than"), "{e}");
        struct Wrong;
        impl Exchange for Wrong {
            fn large_blobs(&mut self, _: &Value) -> Result<Option<Value>, ClientError> {
                Ok(Some(cbor::int_map([(lb::response::CONFIG, Some(cbor::text("x")))])))
            }
        }
        assert!(matches!(LargeBlobs::with_limits(&mut Wrong, limits(64)).read_array(), Err(BlobError::Client(_))));
    }
}
