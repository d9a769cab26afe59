//! Request parsing the CTAP2 handlers share: the one mapping from a CBOR field error to a
//! CTAP status, and the fields makeCredential and getAssertion have in common.

use super::client_pin;
use super::hid::UserPresence;
use super::state::{KeyState, Profile};
use crate::proto::cbor::{CborError, MapView};
use crate::proto::entities::CredentialDescriptor;
use crate::proto::status::code;
use ciborium::value::Value;
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

/// The status for a field that failed to parse.
pub fn status_of(e: CborError) -> u8 {
    match e {
        CborError::Missing(_) => code::MISSING_PARAMETER,
        CborError::WrongType(_) => code::CBOR_UNEXPECTED_TYPE,
        _ => code::INVALID_CBOR,
    }
}

/// The request map, or the status for a request that is not one.
pub fn request_map<'a>(params: Option<&'a Value>, what: &'static str) -> Result<MapView<'a>, u8> {
    MapView::new(params.ok_or(code::MISSING_PARAMETER)?, what).map_err(|_| code::CBOR_UNEXPECTED_TYPE)
}

/// Step 1 of both commands: a zero-length pinUvAuthParam is the platform asking "which key
/// did the user touch?": wait for the touch, then answer PIN_NOT_SET or PIN_INVALID.
pub fn touch_probe(state: &KeyState, map: &MapView, key: i64, presence: &mut dyn UserPresence) -> Result<(), u8> {
    if let Ok(Some(auth)) = map.opt_bytes(key) {
        if auth.is_empty() {
            presence.wait()?;
            return Err(if state.pin.is_some() { code::PIN_INVALID } else { code::PIN_NOT_SET });
        }
    }
    Ok(())
}

pub fn client_data_hash(map: &MapView, key: i64) -> Result<[u8; 32], u8> {
    let bytes = map.req_bytes(key).map_err(status_of)?;
    <[u8; 32]>::try_from(bytes).map_err(|_| code::INVALID_LENGTH)
}

/// A list of credential descriptors: the public-key ones' ids (other types are ignored).
pub fn credential_ids(map: &MapView, key: i64) -> Result<Option<Vec<Vec<u8>>>, u8> {
    let Some(items) = map.opt_array(key).map_err(status_of)? else { return Ok(None) };
    let mut ids = Vec::with_capacity(items.len());
    for item in items {
        if let Some(d) = CredentialDescriptor::from_value(item).map_err(status_of)? {
            ids.push(d.id);
        }
    }
    Ok(Some(ids))
}

/// The "rk", "up" and "uv" options; option keys this key does not understand count as absent.
#[derive(Debug, Default, Clone, Copy)]
pub struct Options {
    pub rk: Option<bool>,
    pub up: Option<bool>,
    pub uv: Option<bool>,
}

pub fn options(map: &MapView, key: i64) -> Result<Options, u8> {
    let mut options = Options::default();
    let Some(value) = map.get(key) else { return Ok(options) };
    let Value::Map(entries) = value else { return Err(code::CBOR_UNEXPECTED_TYPE) };
    for (k, v) in entries {
        let slot = match k {
            Value::Text(t) if t == "rk" => &mut options.rk,
            Value::Text(t) if t == "up" => &mut options.up,
            Value::Text(t) if t == "uv" => &mut options.uv,
            _ => continue,
        };
        *slot = Some(match v {
            Value::Bool(b) => *b,
            _ => return Err(code::CBOR_UNEXPECTED_TYPE),
        });
    }
    Ok(options)
}

/// The entries of an extensions map, whose keys are extension identifiers (text).
pub fn extension_entries<'a>(map: &MapView<'a>, key: i64) -> Result<Vec<(&'a str, &'a Value)>, u8> {
    match map.get(key) {
        None => Ok(Vec::new()),
        Some(Value::Map(entries)) => entries
            .iter()
            .map(|(k, v)| match k {
                Value::Text(t) => Ok((t.as_str(), v)),
                _ => Err(code::CBOR_UNEXPECTED_TYPE),
            })
            .collect(),
        Some(_) => Err(code::CBOR_UNEXPECTED_TYPE),
    }
}

/// The key has built-in UV with a finger enrolled (`virtual create --bio`).
pub fn uv_configured(state: &KeyState) -> bool {
    state.identity.bio && !state.bio.enrollments.is_empty()
}

/// `"uv": true` on a key without built-in UV.
pub fn uv_option_status(profile: Profile) -> u8 {
    if profile == Profile::Ctap20 {
        code::UNSUPPORTED_OPTION
    } else {
        code::INVALID_OPTION
    }
}

/// Step 2 of both commands: a pinUvAuthParam needs a protocol this key offers. Returns the
/// protocol number to verify with.
pub fn pin_uv_auth_protocol(state: &KeyState, auth: Option<&[u8]>, number: Option<u64>) -> Result<u64, u8> {
    let n = match (auth, number) {
        (None, _) => return Ok(0),
        (Some(_), None) => return Err(code::MISSING_PARAMETER),
        (Some(_), Some(n)) => n,
    };
    client_pin::protocol(state, n)?;
    Ok(n)
}

/// Check a makeCredential/getAssertion pinUvAuthParam over clientDataHash and bind the token
/// to the RP. Every way the token does not fit is PIN_AUTH_INVALID here (§6.1.2 step 11.1,
/// §6.2.2 step 6.1).
pub fn verify_pin_uv_auth(
    state: &mut KeyState,
    protocol: u64,
    auth: &[u8],
    client_data_hash: &[u8; 32],
    needs: u8,
    rp_id: &str,
) -> Result<(), u8> {
    client_pin::verify_token(state, protocol, auth, client_data_hash, needs, Some(rp_id))?;
    client_pin::bind_rp_id(state, rp_id);
    Ok(())
}

pub fn rp_id_hash(rp_id: &str) -> [u8; 32] {
    Sha256::digest(rp_id.as_bytes()).into()
}

pub fn random<const N: usize>() -> Result<[u8; N], u8> {
    let mut out = [0u8; N];
    OsRng.try_fill_bytes(&mut out).map_err(|_| code::OTHER)?;
    Ok(out)
}
