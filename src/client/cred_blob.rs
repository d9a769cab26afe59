//! The credBlob and largeBlobKey extensions: what makeCredential/getAssertion send in their
//! extensions map, and what comes back (authData extensions, response keys 0x05 / 0x07).
//! Callers append `*_extensions` entries to the request's extensions map.

use super::attestation::AttestationObject;
use super::exchange::{
    get_assertion_request, make_credential_request, parse_assertion, Assertion, GetAssertionRequest,
    MakeCredentialRequest, MAX_ASSERTIONS,
};
use super::large_blobs::KEY_LEN;
use super::pin::PinToken;
use super::{Authenticator, Call, ClientError};
use crate::proto::cbor::{self, MapView};
use crate::proto::ctap2::command;
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

/// Add `entries` to the extensions map under `key` of a request map (creating the map, or
/// extending the one the request already has, e.g. for credProtect).
pub fn add_extensions(request: &mut Value, key: i64, entries: Vec<(Value, Value)>) {
    if entries.is_empty() {
        return;
    }
    let Value::Map(fields) = request else { return };
    match fields.iter_mut().find(|(k, _)| cbor::as_i64(k) == Some(key)) {
        Some((_, Value::Map(existing))) => existing.extend(entries),
        Some((_, other)) => *other = Value::Map(entries),
        None => {
            fields.push((cbor::int(key), Value::Map(entries)));
            // Canonical CTAP2 order: integer keys ascending.
            fields.sort_by_key(|(k, _)| cbor::as_i64(k).unwrap_or(i64::MAX));
        }
    }
}

/// What makeCredential gave for these extensions.
#[derive(Debug, Clone)]
pub struct Made {
    pub attestation: AttestationObject,
    pub large_blob_key: Option<[u8; KEY_LEN]>,
    /// Whether the key said it stored the credBlob (None: it did not say).
    pub cred_blob_stored: Option<bool>,
}

/// makeCredential asking for a credBlob and/or a largeBlobKey.
pub fn make_credential_with(
    auth: &mut Authenticator,
    req: &MakeCredentialRequest,
    token: Option<&PinToken>,
    cred_blob: Option<&[u8]>,
    large_blob_key: bool,
) -> Result<Made, ClientError> {
    let pin_auth = token.map(|t| (t.protocol.number(), t.authenticate(&req.client_data_hash)));
    let mut request = make_credential_request(req, pin_auth);
    add_extensions(&mut request, make_credential::EXTENSIONS, make_credential_extensions(cred_blob, large_blob_key));
    let answer = auth
        .call(command::MAKE_CREDENTIAL, Some(&request), Call { may_need_touch: true, sensitive: false })?
        .ok_or_else(|| ClientError::Malformed("the makeCredential answer is empty".into()))?;
    let attestation =
        AttestationObject::from_ctap_response(&answer).map_err(|e| ClientError::Malformed(e.to_string()))?;
    let cred_blob_stored = cred_blob_stored(attestation.auth_data.extensions.as_ref())?;
    Ok(Made { large_blob_key: large_blob_key_from_make_credential(&answer)?, attestation, cred_blob_stored })
}

/// An assertion and the credBlob it carried (empty: the credential has none; None: not said).
pub type WithCredBlob = (Assertion, Option<Vec<u8>>);

/// getAssertion (+ getNextAssertion) asking for each credential's credBlob.
pub fn get_assertions_with_cred_blob(
    auth: &mut Authenticator,
    req: &GetAssertionRequest,
    token: Option<&PinToken>,
) -> Result<Vec<WithCredBlob>, ClientError> {
    let pin_auth = token.map(|t| (t.protocol.number(), t.authenticate(&req.client_data_hash)));
    let mut request = get_assertion_request(req, pin_auth);
    add_extensions(&mut request, get_assertion::EXTENSIONS, get_assertion_extensions(true, false));
    let max = auth.info()?.max_cred_blob_length;
    let touch = Call { may_need_touch: req.user_presence, sensitive: false };
    let first = parse_assertion(auth.call(command::GET_ASSERTION, Some(&request), touch)?, &req.allow_list)?;
    let total = first.number_of_credentials.unwrap_or(1).min(MAX_ASSERTIONS);
    let mut out = vec![first];
    for _ in 1..total {
        let next = auth.call(command::GET_NEXT_ASSERTION, None, Call::default())?;
        out.push(parse_assertion(next, &req.allow_list)?);
    }
    out.into_iter()
        .map(|a| {
            let blob = cred_blob_output(a.auth_data.extensions.as_ref(), max)?;
            Ok((a, blob))
        })
        .collect()
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
    fn extensions_join_the_request_map_in_canonical_order() {
        let mut r = cbor::int_map([(1, Some(cbor::uint(1))), (7, Some(cbor::uint(7)))]);
        add_extensions(&mut r, 6, make_credential_extensions(Some(&[1]), false));
        assert_eq!(hex::encode(cbor::encode(&r)), "a3010106a16863726564426c6f6241010707");
        // An existing map (credProtect) is extended, not replaced.
        add_extensions(&mut r, 6, make_credential_extensions(None, true));
        let m = MapView::new(&r, "r").unwrap();
        let ext = MapView::new(m.get(6).unwrap(), "ext").unwrap();
        assert!(ext.get_text_key("credBlob").is_some() && ext.get_text_key("largeBlobKey").is_some());
        let before = r.clone();
        add_extensions(&mut r, 6, vec![]);
        assert_eq!(r, before);
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
