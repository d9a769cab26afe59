//! authenticatorLargeBlobs (0x0C, CTAP 2.1 §6.10), device side: the serialized large-blob
//! array (a CBOR array followed by LEFT(SHA-256(array), 16)), read in fragments at any
//! offset, written in fragments from offset 0 up, authenticated per fragment with an lbw token.
//!
//! Decisions where the spec leaves room:
//! - A write in progress lives in memory only (like an enumeration): a power cycle, or a write
//!   that starts again at offset 0, drops it; the stored array changes only when the last
//!   fragment arrives and the whole array's hash checks out.
//! - The key always protects writes when a PIN is set (or alwaysUv is on), as the spec says;
//!   with no PIN, anyone may write, as on real keys.

use super::client_pin;
use super::ctap2::{Answer, Tracked};
use super::request::{request_map, status_of};
use super::state::KeyState;
use crate::proto::cbor;
use crate::proto::ctap2::client_pin::permission;
use crate::proto::ctaphid::MAX_PAYLOAD;
use crate::proto::status::code;
use ciborium::value::Value;
use sha2::{Digest, Sha256};

/// getInfo maxSerializedLargeBlobArray (0x0B); the spec's minimum is 1024.
pub const MAX_SERIALIZED_LARGE_BLOB_ARRAY: usize = 4096;
/// maxFragmentLength = maxMsgSize - 64 (§6.10.2).
pub const MAX_FRAGMENT_LENGTH: usize = MAX_PAYLOAD - 64;

/// Request keys (§6.10.2).
mod field {
    pub const GET: i64 = 0x01;
    pub const SET: i64 = 0x02;
    pub const OFFSET: i64 = 0x03;
    pub const LENGTH: i64 = 0x04;
    pub const PIN_UV_AUTH_PARAM: i64 = 0x05;
    pub const PIN_UV_AUTH_PROTOCOL: i64 = 0x06;
}
/// Response key: the fragment read.
const CONFIG: i64 = 0x01; // the spec names it "config"

/// The array a fresh (or reset) key holds: an empty CBOR array and its hash.
pub fn initial_array() -> Vec<u8> {
    serialized(&[0x80])
}

/// `array || LEFT(SHA-256(array), 16)`.
pub fn serialized(array: &[u8]) -> Vec<u8> {
    let digest = Sha256::digest(array);
    [array, &digest[..16]].concat()
}

/// A write in progress: what has arrived so far, and the length announced at offset 0.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PendingWrite {
    pub expected_length: usize,
    pub buffer: Vec<u8>,
}

pub fn handle(state: &mut Tracked, params: Option<&Value>) -> Answer {
    let map = request_map(params, "largeBlobs")?;
    let get = map.opt_u64(field::GET).map_err(status_of)?;
    let set = map.opt_bytes(field::SET).map_err(status_of)?;
    let offset = map.opt_u64(field::OFFSET).map_err(status_of)?;
    let length = map.opt_u64(field::LENGTH).map_err(status_of)?;
    let auth = map.opt_bytes(field::PIN_UV_AUTH_PARAM).map_err(status_of)?;
    let protocol = map.opt_u64(field::PIN_UV_AUTH_PROTOCOL).map_err(status_of)?;
    let offset = offset.ok_or(code::MISSING_PARAMETER)?;
    let offset = usize::try_from(offset).map_err(|_| code::INVALID_PARAMETER)?;
    match (get, set) {
        (Some(get), None) => read(state, get, offset, length),
        (None, Some(fragment)) => write(state, fragment, offset, length, auth, protocol),
        _ => Err(code::INVALID_PARAMETER),
    }
}

fn stored(state: &KeyState) -> &[u8] {
    &state.large_blob_array
}

fn read(state: &KeyState, get: u64, offset: usize, length: Option<u64>) -> Answer {
    if length.is_some() {
        return Err(code::INVALID_PARAMETER);
    }
    if get > MAX_FRAGMENT_LENGTH as u64 {
        return Err(code::INVALID_LENGTH);
    }
    let array = stored(state);
    if offset > array.len() {
        return Err(code::INVALID_PARAMETER);
    }
    let end = offset.saturating_add(get as usize).min(array.len());
    Ok(Some(cbor::int_map([(CONFIG, Some(cbor::bytes(&array[offset..end])))])))
}

fn write(
    state: &mut Tracked,
    fragment: &[u8],
    offset: usize,
    length: Option<u64>,
    auth: Option<&[u8]>,
    protocol: Option<u64>,
) -> Answer {
    if fragment.len() > MAX_FRAGMENT_LENGTH {
        return Err(code::INVALID_LENGTH);
    }
    let mut pending = state.enumerations().large_blob_write.take();
    if offset == 0 {
        let length = length.ok_or(code::INVALID_PARAMETER)?;
        if length > MAX_SERIALIZED_LARGE_BLOB_ARRAY as u64 {
            return Err(code::LARGE_BLOB_STORAGE_FULL);
        }
        // At least the 16-byte hash (§6.10.2 step 2.4).
        if length < 17 {
            return Err(code::INVALID_PARAMETER);
        }
        pending = Some(PendingWrite { expected_length: length as usize, buffer: Vec::new() });
    } else if length.is_some() {
        return Err(code::INVALID_PARAMETER);
    }
    let Some(mut write) = pending else { return Err(code::INVALID_SEQ) };
    if offset != write.buffer.len() {
        return Err(code::INVALID_SEQ);
    }
    if state.pin.is_some() || state.always_uv {
        let auth = auth.ok_or(code::PUAT_REQUIRED)?;
        let protocol = protocol.ok_or(code::MISSING_PARAMETER)?;
        let offset32 = u32::try_from(offset).map_err(|_| code::INVALID_PARAMETER)?;
        let mut message = vec![0xff; 32];
        message.extend_from_slice(&[0x0c, 0x00]);
        message.extend_from_slice(&offset32.to_le_bytes());
        message.extend_from_slice(&Sha256::digest(fragment));
        client_pin::verify_token(state, protocol, auth, &message, permission::LARGE_BLOB_WRITE, None)?;
    }
    if offset + fragment.len() > write.expected_length {
        return Err(code::INVALID_PARAMETER);
    }
    write.buffer.extend_from_slice(fragment);
    if write.buffer.len() < write.expected_length {
        state.enumerations().large_blob_write = Some(write);
        return Ok(None);
    }
    let (array, hash) = write.buffer.split_at(write.buffer.len() - 16);
    if Sha256::digest(array)[..16] != *hash {
        return Err(code::INTEGRITY_FAILURE);
    }
    state.large_blob_array = write.buffer;
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::cbor::{bytes, int_map, uint, MapView};
    use crate::proto::ctap2::command;
    use crate::proto::pin_protocol::PinProtocol;
    use crate::virtual_key::state::Profile;
    use crate::virtual_key::testing::*;

    const LBW: u64 = permission::LARGE_BLOB_WRITE as u64;

    fn call(state: &mut KeyState, entries: Vec<(i64, Option<Value>)>) -> Result<Value, u8> {
        send(state, command::LARGE_BLOBS, Some(&int_map(entries)), &mut Person::approving())
    }

    fn read_all(state: &mut KeyState, fragment: u64) -> Vec<u8> {
        let mut out = Vec::new();
        loop {
            let answer =
                call(state, vec![(field::GET, Some(uint(fragment))), (field::OFFSET, Some(uint(out.len() as u64)))])
                    .unwrap();
            let chunk = MapView::new(&answer, "a").unwrap().req_bytes(CONFIG).unwrap().to_vec();
            let done = (chunk.len() as u64) < fragment;
            out.extend(chunk);
            if done {
                return out;
            }
        }
    }

    fn write_all(state: &mut KeyState, data: &[u8], fragment: usize, token: Option<&[u8]>) -> Result<(), u8> {
        for (i, chunk) in data.chunks(fragment).enumerate() {
            let offset = i * fragment;
            let mut entries = vec![(field::SET, Some(bytes(chunk))), (field::OFFSET, Some(uint(offset as u64)))];
            if offset == 0 {
                entries.push((field::LENGTH, Some(uint(data.len() as u64))));
            }
            if let Some(token) = token {
                let mut message = vec![0xff; 32];
                message.extend_from_slice(&[0x0c, 0x00]);
                message.extend_from_slice(&(offset as u32).to_le_bytes());
                message.extend_from_slice(&Sha256::digest(chunk));
                entries.push((field::PIN_UV_AUTH_PARAM, Some(bytes(&PinProtocol::V2.authenticate(token, &message)))));
                entries.push((field::PIN_UV_AUTH_PROTOCOL, Some(uint(2))));
            }
            call(state, entries)?;
        }
        Ok(())
    }

    #[test]
    fn a_fresh_key_holds_the_empty_array() {
        let mut state = key(Profile::Ctap21);
        let expected = hex::decode("8076be8b528d0075f7aae98d6fa57a6d3c").unwrap();
        assert_eq!(read_all(&mut state, 5), expected);
        assert_eq!(initial_array(), expected);
    }

    #[test]
    fn written_in_fragments_read_back_in_others() {
        let mut state = key(Profile::Ctap21);
        let array = cbor::encode(&Value::Array(vec![bytes(&[7; 300]), bytes(&[9; 5])]));
        let data = serialized(&array);
        write_all(&mut state, &data, 100, None).unwrap();
        assert_eq!(read_all(&mut state, 64), data);
        assert_eq!(state.large_blob_array, data);
        // A bad hash at the end changes nothing.
        let mut broken = serialized(&cbor::encode(&Value::Array(vec![])));
        broken[5] ^= 1;
        assert_eq!(write_all(&mut state, &broken, 8, None), Err(code::INTEGRITY_FAILURE));
        assert_eq!(state.large_blob_array, data);
    }

    #[test]
    fn malformed_and_out_of_order_requests() {
        let mut state = key(Profile::Ctap21);
        let before = state.large_blob_array.clone();
        for (entries, expected) in [
            (vec![(field::GET, Some(uint(1)))], code::MISSING_PARAMETER),
            (
                vec![(field::GET, Some(uint(1))), (field::SET, Some(bytes(b"x"))), (field::OFFSET, Some(uint(0)))],
                code::INVALID_PARAMETER,
            ),
            (vec![(field::OFFSET, Some(uint(0)))], code::INVALID_PARAMETER),
            (vec![(field::GET, Some(uint(1))), (field::OFFSET, Some(uint(99)))], code::INVALID_PARAMETER),
            (
                vec![(field::GET, Some(uint(1))), (field::OFFSET, Some(uint(0))), (field::LENGTH, Some(uint(1)))],
                code::INVALID_PARAMETER,
            ),
            (
                vec![(field::GET, Some(uint(MAX_FRAGMENT_LENGTH as u64 + 1))), (field::OFFSET, Some(uint(0)))],
                code::INVALID_LENGTH,
            ),
            (vec![(field::SET, Some(bytes(b"x"))), (field::OFFSET, Some(uint(0)))], code::INVALID_PARAMETER),
            (
                vec![
                    (field::SET, Some(bytes(b"x"))),
                    (field::OFFSET, Some(uint(0))),
                    (field::LENGTH, Some(uint(5000))),
                ],
                code::LARGE_BLOB_STORAGE_FULL,
            ),
            (vec![(field::SET, Some(bytes(b"x"))), (field::OFFSET, Some(uint(3)))], code::INVALID_SEQ),
        ] {
            assert_eq!(call(&mut state, entries.clone()).err(), Some(expected), "{entries:?}");
        }
        assert_eq!(state.large_blob_array, before);
    }

    #[test]
    fn with_a_pin_each_fragment_needs_an_lbw_token() {
        let mut state = key(Profile::Ctap21);
        set_pin(&mut state, V2, b"1234");
        let data = serialized(&cbor::encode(&Value::Array(vec![bytes(&[1; 40])])));
        assert_eq!(write_all(&mut state, &data, 20, None), Err(code::PUAT_REQUIRED));
        let wrong = pin_token(&mut state, V2, b"1234", Some(MC), None);
        assert_eq!(write_all(&mut state, &data, 20, Some(&wrong)), Err(code::PIN_AUTH_INVALID));
        let token = pin_token(&mut state, V2, b"1234", Some(LBW), None);
        write_all(&mut state, &data, 20, Some(&token)).unwrap();
        assert_eq!(read_all(&mut state, 1000), data);
        assert_eq!(super::super::profile::get_info(&state).max_serialized_large_blob_array, Some(4096));
    }

    #[test]
    fn reset_clears_the_array() {
        let mut state = key(Profile::Ctap21);
        write_all(&mut state, &serialized(&cbor::encode(&Value::Array(vec![bytes(&[3; 10])]))), 50, None).unwrap();
        assert_eq!(send(&mut state, command::RESET, None, &mut Person::approving()), Ok(Value::Null));
        assert_eq!(state.large_blob_array, initial_array());
    }

    #[test]
    fn large_blob_key_and_cred_blob_extensions() {
        use crate::proto::ctap2::{get_assertion as ga, make_credential as mc};
        let mut state = key(Profile::Ctap21);
        let ext =
            |pairs: Vec<(&str, Value)>| Some(Value::Map(pairs.into_iter().map(|(k, v)| (cbor::text(k), v)).collect()));
        let mut request = mc_request(RP, b"u", true);
        set(&mut request, mc::EXTENSIONS, ext(vec![("credBlob", bytes(b"blob")), ("largeBlobKey", Value::Bool(true))]));
        let answer =
            send(&mut state, command::MAKE_CREDENTIAL, Some(&int_map(request.clone())), &mut Person::approving())
                .unwrap();
        let made = MapView::new(&answer, "mc").unwrap();
        let key = made.req_bytes(mc::response::LARGE_BLOB_KEY).unwrap().to_vec();
        assert_eq!(key.len(), 32);

        let assertion = |state: &mut KeyState, extensions: Option<Value>| {
            let request = int_map([
                (ga::RP_ID, Some(cbor::text(RP))),
                (ga::CLIENT_DATA_HASH, Some(bytes(&CDH))),
                (ga::EXTENSIONS, extensions),
            ]);
            send(state, command::GET_ASSERTION, Some(&request), &mut Person::approving())
        };
        let answer =
            assertion(&mut state, ext(vec![("credBlob", Value::Bool(true)), ("largeBlobKey", Value::Bool(true))]))
                .unwrap();
        let got = MapView::new(&answer, "ga").unwrap();
        assert_eq!(got.req_bytes(ga::response::LARGE_BLOB_KEY).unwrap(), key.as_slice());
        let auth_data =
            crate::proto::auth_data::AuthenticatorData::parse(got.req_bytes(ga::response::AUTH_DATA).unwrap()).unwrap();
        assert_eq!(auth_data.extensions, Some(Value::Map(vec![(cbor::text("credBlob"), bytes(b"blob"))])));
        // Not asked for, not given.
        let answer = assertion(&mut state, None).unwrap();
        assert!(MapView::new(&answer, "ga").unwrap().get(ga::response::LARGE_BLOB_KEY).is_none());
        assert_eq!(assertion(&mut state, ext(vec![("largeBlobKey", Value::Bool(false))])), Err(code::INVALID_OPTION));

        // largeBlobKey needs a discoverable credential; a credBlob over 32 bytes is not kept.
        let mut request = mc_request(RP, b"v", false);
        set(&mut request, mc::EXTENSIONS, ext(vec![("largeBlobKey", Value::Bool(true))]));
        assert_eq!(
            send(&mut state, command::MAKE_CREDENTIAL, Some(&int_map(request)), &mut Person::approving()),
            Err(code::INVALID_OPTION)
        );
        let mut request = mc_request("other.example", b"w", true);
        set(&mut request, mc::EXTENSIONS, ext(vec![("credBlob", bytes(&[1; 33]))]));
        let att = make_credential(&mut state, &request, &mut Person::approving()).unwrap();
        let Some(Value::Map(outputs)) = att.auth_data.extensions else { panic!("no extension outputs") };
        assert_eq!(outputs, vec![(cbor::text("credBlob"), Value::Bool(false))]);
        assert!(state.credentials.last().unwrap().cred_blob.is_none());
    }
}
