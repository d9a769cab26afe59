//! authenticatorConfig (0x0D) and authenticatorReset (0x07).

use super::pin::PinToken;
use super::{Authenticator, Call, ClientError};
use crate::proto::cbor;
use crate::proto::ctap2::{command, config as cfg};
use ciborium::value::Value;

/// What pinUvAuthParam authenticates: 32 x 0xff || 0x0d || subCommand || CBOR(subCommandParams).
pub fn auth_message(sub: u8, params: Option<&Value>) -> Vec<u8> {
    let mut message = vec![0xffu8; 32];
    message.push(command::CONFIG);
    message.push(sub);
    if let Some(p) = params {
        message.extend(cbor::encode(p));
    }
    message
}

pub fn request(sub: u8, params: Option<Value>, protocol: u8, pin_uv_auth_param: &[u8]) -> Value {
    cbor::int_map([
        (cfg::SUB_COMMAND, Some(cbor::uint(u64::from(sub)))),
        (cfg::SUB_COMMAND_PARAMS, params),
        (cfg::PIN_UV_AUTH_PROTOCOL, Some(cbor::uint(u64::from(protocol)))),
        (cfg::PIN_UV_AUTH_PARAM, Some(cbor::bytes(pin_uv_auth_param))),
    ])
}

/// `token` is None only for a key with no PIN (nothing to authenticate with, and the key
/// allows configuration without one).
fn call(auth: &mut Authenticator, token: Option<&PinToken>, sub: u8, params: Option<Value>) -> Result<(), ClientError> {
    let req = match token {
        Some(t) => {
            let param = t.authenticate(&auth_message(sub, params.as_ref()));
            request(sub, params, t.protocol.number(), &param)
        }
        None => {
            cbor::int_map([(cfg::SUB_COMMAND, Some(cbor::uint(u64::from(sub)))), (cfg::SUB_COMMAND_PARAMS, params)])
        }
    };
    auth.call_expecting_nothing(command::CONFIG, Some(&req), Call::default())
}

pub fn enable_enterprise_attestation(auth: &mut Authenticator, token: Option<&PinToken>) -> Result<(), ClientError> {
    call(auth, token, cfg::sub::ENABLE_ENTERPRISE_ATTESTATION, None)
}

pub fn toggle_always_uv(auth: &mut Authenticator, token: Option<&PinToken>) -> Result<(), ClientError> {
    call(auth, token, cfg::sub::TOGGLE_ALWAYS_UV, None)
}

/// setMinPINLength: a new minimum (never lower), RP ids that may read it, and/or a forced change.
pub fn set_min_pin_length(
    auth: &mut Authenticator,
    token: Option<&PinToken>,
    new_min: Option<u64>,
    rp_ids: &[String],
    force_change: bool,
) -> Result<(), ClientError> {
    call(auth, token, cfg::sub::SET_MIN_PIN_LENGTH, Some(min_pin_length_params(new_min, rp_ids, force_change)))
}

pub fn min_pin_length_params(new_min: Option<u64>, rp_ids: &[String], force_change: bool) -> Value {
    use cfg::set_min_pin_length as k;
    cbor::int_map([
        (k::NEW_MIN_PIN_LENGTH, new_min.map(cbor::uint)),
        (
            k::MIN_PIN_LENGTH_RP_IDS,
            (!rp_ids.is_empty()).then(|| Value::Array(rp_ids.iter().map(|r| cbor::text(r)).collect())),
        ),
        (k::FORCE_CHANGE_PIN, force_change.then_some(Value::Bool(true))),
    ])
}

/// authenticatorReset: the key asks for a touch, and only shortly after being plugged in.
pub fn reset(auth: &mut Authenticator) -> Result<(), ClientError> {
    auth.call_expecting_nothing(command::RESET, None, Call { may_need_touch: true, sensitive: false })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::test_vectors::{message_hex, param_of, request_hex};

    #[test]
    fn toggle_always_uv_matches_python_fido2() {
        let expected = request_hex("authenticatorConfig toggleAlwaysUv");
        assert_eq!(hex::encode(auth_message(cfg::sub::TOGGLE_ALWAYS_UV, None)), message_hex("config toggleAlwaysUv"));
        let ours = request(cfg::sub::TOGGLE_ALWAYS_UV, None, 2, &param_of(&expected, cfg::PIN_UV_AUTH_PARAM));
        assert_eq!(format!("0d{}", hex::encode(cbor::encode(&ours))), expected);
    }

    #[test]
    fn set_min_pin_length_matches_python_fido2() {
        let expected = request_hex("authenticatorConfig setMinPINLength 8, rp ids, forceChangePin");
        let params = min_pin_length_params(Some(8), &["example.com".to_string()], true);
        assert_eq!(
            hex::encode(auth_message(cfg::sub::SET_MIN_PIN_LENGTH, Some(&params))),
            message_hex("config setMinPINLength 8 rp example.com force")
        );
        let ours = request(cfg::sub::SET_MIN_PIN_LENGTH, Some(params), 2, &param_of(&expected, cfg::PIN_UV_AUTH_PARAM));
        assert_eq!(format!("0d{}", hex::encode(cbor::encode(&ours))), expected);
    }
}
