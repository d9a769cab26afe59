//! The credBlob and largeBlobKey extensions: what makeCredential/getAssertion send in their
//! extensions map, and what comes back (authData extensions, response keys 0x05 / 0x07).
//! Callers append `*_extensions` entries to the request's extensions map.

use super::large_blobs::KEY_LEN;
use super::ClientError;
use crate::proto::cbor::{self, MapView};
use crate::proto::ctap2::{get_assertion, make_credential};
use crate::proto::get_info::AuthenticatorInfo;
use ciborium::value::Value;

pub const CRED_BLOB: &str = "credBlob";
pub const LARGE_BLOB_KEY: &str = "largeBlobKey";
/// The spec's floor for maxCredBlobLength on keys that offer credBlob.
pub const MIN_CRED_BLOB_LENGTH: u64 = 32;

/// makeCredential extension entries: {"credBlob": blob} and/or {"largeBlobKey": true}.
pub fn make_credential_extensions(cred_blob: Option<&[u8]>, large_blob_key: bool) -> Vec<(Value, Value)> {
    let mut out = Vec::new();
    if let Some(blob) = cred_blob {
        out.push((cbor::text(CRED_BLOB), cbor::bytes(blob)));
    }
    if large_blob_key {
        out.push((cbor::text(LARGE_BLOB_KEY), Value::Bool(true)));
    }
    out
}

/// getAssertion extension entries: {"credBlob": true} and/or {"largeBlobKey": true}.
/// (WebAuthn calls the first `getCredBlob`; on the wire to the key it is `credBlob`.)
pub fn get_assertion_extensions(get_cred_blob: bool, large_blob_key: bool) -> Vec<(Value, Value)> {
    let mut out = Vec::new();
    if get_cred_blob {
        out.push((cbor::text(CRED_BLOB), Value::Bool(true)));
    }
    if large_blob_key {
        out.push((cbor::text(LARGE_BLOB_KEY), Value::Bool(true)));
    }
    out
}

/// Before sending: the key must list credBlob and take a blob this long.
pub fn check_cred_blob(info: &AuthenticatorInfo, len: usize) -> Result<(), ClientError> {
    if !info.extensions.iter().any(|e| e == CRED_BLOB) {
        return Err(ClientError::Unsupported("this key cannot store a credBlob".into()));
    }
    let max = info.max_cred_blob_length.unwrap_or(MIN_CRED_BLOB_LENGTH);
    if len as u64 > max {
        return Err(ClientError::Unsupported(format!(
            "this key stores at most {max} bytes of credBlob; this one is {len}"
        )));
    }
    Ok(())
}

fn extension<'a>(extensions: Option<&'a Value>, name: &str) -> Result<Option<&'a Value>, ClientError> {
    match extensions {
        None => Ok(None),
        Some(v) => Ok(MapView::new(v, "authenticator data extensions")?.get_text_key(name)),
    }
}

/// makeCredential: did the key store the blob? (authData extensions "credBlob": bool.)
pub fn cred_blob_stored(auth_data_extensions: Option<&Value>) -> Result<Option<bool>, ClientError> {
    match extension(auth_data_extensions, CRED_BLOB)? {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(ClientError::Malformed("the credBlob result is not true or false".into())),
    }
}

/// getAssertion: the stored blob (authData extensions "credBlob": bytes; empty when none).
/// `max` is the key's maxCredBlobLength: a longer answer is refused.
pub fn cred_blob_output(
    auth_data_extensions: Option<&Value>,
    max: Option<u64>,
) -> Result<Option<Vec<u8>>, ClientError> {
    match extension(auth_data_extensions, CRED_BLOB)? {
        None => Ok(None),
        Some(Value::Bytes(b)) if b.len() as u64 <= max.unwrap_or(MIN_CRED_BLOB_LENGTH).max(MIN_CRED_BLOB_LENGTH) => {
            Ok(Some(b.clone()))
        }
        Some(Value::Bytes(b)) => Err(ClientError::Malformed(format!("the key returned a {}-byte credBlob", b.len()))),
        Some(_) => Err(ClientError::Malformed("the credBlob is not a byte string".into())),
    }
}

fn large_blob_key(response: &Value, key: i64, what: &'static str) -> Result<Option<[u8; KEY_LEN]>, ClientError> {
    match MapView::new(response, what)?.opt_bytes(key)? {
        None => Ok(None),
        Some(k) => k
            .try_into()
            .map(Some)
            .map_err(|_| ClientError::Malformed(format!("the key sent a {}-byte largeBlobKey", k.len()))),
    }
}

/// largeBlobKey from a makeCredential response (key 0x05).
pub fn large_blob_key_from_make_credential(response: &Value) -> Result<Option<[u8; KEY_LEN]>, ClientError> {
    large_blob_key(response, make_credential::response::LARGE_BLOB_KEY, "makeCredential")
}

/// largeBlobKey from a getAssertion response (key 0x07).
pub fn large_blob_key_from_get_assertion(response: &Value) -> Result<Option<[u8; KEY_LEN]>, ClientError> {
    large_blob_key(response, get_assertion::response::LARGE_BLOB_KEY, "getAssertion")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_entries_encode_as_python_fido2_sends_them() {
        // python-fido2 2.2.1 CredBlobExtension / LargeBlobExtension inputs, as CBOR:
        // cbor.encode({"credBlob": b"\x01\x02", "largeBlobKey": True}); for getAssertion its
        // CredBlobExtension turns getCredBlob into cbor.encode({"credBlob": True}).
        let mc = Value::Map(make_credential_extensions(Some(&[1, 2]), true));
        assert_eq!(hex::encode(cbor::encode(&mc)), "a26863726564426c6f624201026c6c61726765426c6f624b6579f5");
        let ga = Value::Map(get_assertion_extensions(true, false));
        assert_eq!(hex::encode(cbor::encode(&ga)), "a16863726564426c6f62f5");
        assert!(make_credential_extensions(None, false).is_empty());
    }

    #[test]
    fn cred_blob_length_is_checked_against_get_info() {
        let mut info = AuthenticatorInfo::default();
        assert!(check_cred_blob(&info, 1).is_err());
        info.extensions.push("credBlob".into());
        assert!(check_cred_blob(&info, 32).is_ok());
        assert!(check_cred_blob(&info, 33).is_err());
        info.max_cred_blob_length = Some(64);
        assert!(check_cred_blob(&info, 64).is_ok());
        assert_eq!(
            check_cred_blob(&info, 65).unwrap_err().to_string(),
            "this key stores at most 64 bytes of credBlob; this one is 65"
        );
    }

    #[test]
    fn outputs_are_read_and_bounded() {
        let ext = |v: Value| Value::Map(vec![(cbor::text("credBlob"), v)]);
        assert_eq!(cred_blob_stored(Some(&ext(Value::Bool(true)))).unwrap(), Some(true));
        assert_eq!(cred_blob_stored(None).unwrap(), None);
        assert!(cred_blob_stored(Some(&ext(cbor::uint(1)))).is_err());
        assert_eq!(cred_blob_output(Some(&ext(cbor::bytes(&[7; 3]))), Some(32)).unwrap(), Some(vec![7; 3]));
        assert_eq!(cred_blob_output(Some(&ext(cbor::bytes(&[]))), None).unwrap(), Some(vec![]));
        assert!(cred_blob_output(Some(&ext(cbor::bytes(&[0; 65]))), Some(64)).is_err());
        assert!(cred_blob_output(Some(&ext(Value::Bool(true))), None).is_err());
        assert!(cred_blob_output(Some(&cbor::uint(3)), None).is_err());
        assert_eq!(cred_blob_output(Some(&Value::Map(vec![])), None).unwrap(), None);
    }

    #[test]
    fn large_blob_keys_are_32_bytes() {
        let mc = cbor::int_map([(0x05, Some(cbor::bytes(&[9; 32])))]);
        assert_eq!(large_blob_key_from_make_credential(&mc).unwrap(), Some([9; 32]));
        assert_eq!(large_blob_key_from_get_assertion(&mc).unwrap(), None);
        let ga = cbor::int_map([(0x07, Some(cbor::bytes(&[9; 31])))]);
        assert!(large_blob_key_from_get_assertion(&ga).is_err());
        assert!(large_blob_key_from_get_assertion(&cbor::uint(1)).is_err());
    }
}
