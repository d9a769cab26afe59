//! clientPIN (authenticatorClientPIN, 0x06): retries, key agreement, setting and changing the
//! PIN, and PIN/UV auth tokens.

use super::{Authenticator, Call, ClientError};
use crate::proto::cbor::{self, MapView};
use crate::proto::cose::CoseKey;
use crate::proto::ctap2::client_pin::Permissions;
use crate::proto::ctap2::{client_pin as cp, command};
use crate::proto::pin_protocol::{pad_pin, pin_hash, KeyAgreementKey, PinProtocol};
use ciborium::value::Value;
use zeroize::Zeroizing;

/// What getPINRetries says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PinRetries {
    pub retries: u64,
    /// CTAP 2.1 powerCycleState: the key must be re-plugged before the next PIN attempt.
    pub power_cycle_required: Option<bool>,
}

/// The PIN protocol to use: 2 when the key offers it, else 1. Keys that list none speak 1.
pub fn choose_protocol(auth: &mut Authenticator) -> Result<PinProtocol, ClientError> {
    let info = auth.info()?;
    if info.supports_pin_protocol(2) {
        Ok(PinProtocol::V2)
    } else if info.supports_pin_protocol(1) || info.pin_uv_auth_protocols.is_empty() {
        Ok(PinProtocol::V1)
    } else {
        Err(ClientError::Unsupported(format!(
            "The key offers only PIN protocols fidoctl does not know ({:?}).",
            info.pin_uv_auth_protocols
        )))
    }
}

pub fn get_retries(auth: &mut Authenticator) -> Result<PinRetries, ClientError> {
    let protocol = choose_protocol(auth)?;
    let request = cbor::int_map([
        (cp::PIN_UV_AUTH_PROTOCOL, Some(cbor::uint(u64::from(protocol.number())))),
        (cp::SUB_COMMAND, Some(cbor::uint(u64::from(cp::sub::GET_PIN_RETRIES)))),
    ]);
    let answer = auth.call(command::CLIENT_PIN, Some(&request), Call::default())?;
    let answer = answer.ok_or_else(|| ClientError::Malformed("getPINRetries answer is empty".into()))?;
    let map = MapView::new(&answer, "getPINRetries")?;
    Ok(PinRetries {
        retries: map.req_u64(cp::response::PIN_RETRIES)?,
        power_cycle_required: map.opt_bool(cp::response::POWER_CYCLE_STATE)?,
    })
}

pub fn get_uv_retries(auth: &mut Authenticator) -> Result<u64, ClientError> {
    let protocol = choose_protocol(auth)?;
    let request = cbor::int_map([
        (cp::PIN_UV_AUTH_PROTOCOL, Some(cbor::uint(u64::from(protocol.number())))),
        (cp::SUB_COMMAND, Some(cbor::uint(u64::from(cp::sub::GET_UV_RETRIES)))),
    ]);
    let answer = auth.call(command::CLIENT_PIN, Some(&request), Call::default())?;
    let answer = answer.ok_or_else(|| ClientError::Malformed("getUVRetries answer is empty".into()))?;
    Ok(MapView::new(&answer, "getUVRetries")?.req_u64(cp::response::UV_RETRIES)?)
}

/// A shared secret with the key for one PIN exchange (getKeyAgreement + our ECDH half).
pub struct PinSession {
    pub protocol: PinProtocol,
    platform_key: KeyAgreementKey,
    shared: Zeroizing<Vec<u8>>,
}

impl PinSession {
    /// Our public half, sent in the request (keyAgreement, key 3).
    pub fn platform_cose(&self) -> Value {
        self.platform_key.public_cose().to_value()
    }
}

/// A PIN/UV auth token and what it was asked for.
pub struct PinToken {
    pub protocol: PinProtocol,
    token: Zeroizing<Vec<u8>>,
    pub permissions: Permissions,
    pub rp_id: Option<String>,
}

impl PinToken {
    /// pinUvAuthParam for a request: authenticate(token, message).
    pub fn authenticate(&self, message: &[u8]) -> Vec<u8> {
        self.protocol.authenticate(&self.token, message)
    }

    /// The token itself, for a persistent read-only token that is stored (and for decrypting
    /// encIdentifier / encCredStoreState). Never log it.
    pub fn secret(&self) -> &[u8] {
        &self.token
    }

    /// A persistent read-only token read back from its file (permission pcmr).
    pub fn persistent_read_only(protocol: PinProtocol, token: Zeroizing<Vec<u8>>) -> Result<PinToken, ClientError> {
        let valid_len = match protocol {
            PinProtocol::V1 => token.len() == 16 || token.len() == 32,
            PinProtocol::V2 => token.len() == 32,
        };
        if !valid_len {
            return Err(ClientError::Malformed(format!("a stored token is {} bytes long", token.len())));
        }
        Ok(PinToken {
            protocol,
            token,
            permissions: Permissions::PERSISTENT_CREDENTIAL_MANAGEMENT_READ_ONLY,
            rp_id: None,
        })
    }
}

impl std::fmt::Debug for PinToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PinToken")
            .field("protocol", &self.protocol)
            .field("permissions", &self.permissions)
            .field("rp_id", &self.rp_id)
            .finish_non_exhaustive()
    }
}

fn request(protocol: PinProtocol, sub: u8, extra: Vec<(i64, Option<Value>)>) -> Value {
    let mut entries = vec![
        (cp::PIN_UV_AUTH_PROTOCOL, Some(cbor::uint(u64::from(protocol.number())))),
        (cp::SUB_COMMAND, Some(cbor::uint(u64::from(sub)))),
    ];
    entries.extend(extra);
    cbor::int_map(entries)
}

/// getKeyAgreement and ECDH: one shared secret, reusable for the rest of the command run.
pub fn start_session(auth: &mut Authenticator) -> Result<PinSession, ClientError> {
    let protocol = choose_protocol(auth)?;
    let answer =
        auth.call(command::CLIENT_PIN, Some(&request(protocol, cp::sub::GET_KEY_AGREEMENT, vec![])), Call::default())?;
    let answer = answer.ok_or_else(|| ClientError::Malformed("getKeyAgreement answer is empty".into()))?;
    let map = MapView::new(&answer, "getKeyAgreement")?;
    let peer = CoseKey::from_value(map.require(cp::response::KEY_AGREEMENT)?)
        .map_err(|e| ClientError::Malformed(format!("the key's key-agreement key is unusable: {e}")))?;
    let platform_key = KeyAgreementKey::generate();
    let shared = platform_key
        .shared_secret(protocol, &peer)
        .map_err(|e| ClientError::Malformed(format!("key agreement failed: {e}")))?;
    Ok(PinSession { protocol, platform_key, shared })
}

fn crypto_err(e: crate::proto::pin_protocol::PinProtocolError) -> ClientError {
    ClientError::Unsupported(format!("PIN encryption failed: {e}"))
}

/// setPIN. `new_pin` is already NFC-normalised and policy-checked by the caller.
pub fn set_pin(auth: &mut Authenticator, session: &PinSession, new_pin: &[u8]) -> Result<(), ClientError> {
    let p = session.protocol;
    let padded = pad_pin(new_pin).map_err(crypto_err)?;
    let new_pin_enc = p.encrypt(&session.shared, &padded).map_err(crypto_err)?;
    let param = p.authenticate(&session.shared, &new_pin_enc);
    let req = request(
        p,
        cp::sub::SET_PIN,
        vec![
            (cp::KEY_AGREEMENT, Some(session.platform_cose())),
            (cp::PIN_UV_AUTH_PARAM, Some(cbor::bytes(&param))),
            (cp::NEW_PIN_ENC, Some(cbor::bytes(&new_pin_enc))),
        ],
    );
    auth.call_expecting_nothing(command::CLIENT_PIN, Some(&req), Call { may_need_touch: false, sensitive: true })
}

/// changePIN. The current PIN is sent as is (never length-checked: a raised minimum must
/// not lock the owner out of changing it).
pub fn change_pin(
    auth: &mut Authenticator,
    session: &PinSession,
    current_pin: &[u8],
    new_pin: &[u8],
) -> Result<(), ClientError> {
    let p = session.protocol;
    let pin_hash_enc = p.encrypt(&session.shared, &pin_hash(current_pin)).map_err(crypto_err)?;
    let padded = pad_pin(new_pin).map_err(crypto_err)?;
    let new_pin_enc = p.encrypt(&session.shared, &padded).map_err(crypto_err)?;
    let mut message = new_pin_enc.clone();
    message.extend_from_slice(&pin_hash_enc);
    let param = p.authenticate(&session.shared, &message);
    let req = request(
        p,
        cp::sub::CHANGE_PIN,
        vec![
            (cp::KEY_AGREEMENT, Some(session.platform_cose())),
            (cp::PIN_UV_AUTH_PARAM, Some(cbor::bytes(&param))),
            (cp::NEW_PIN_ENC, Some(cbor::bytes(&new_pin_enc))),
            (cp::PIN_HASH_ENC, Some(cbor::bytes(&pin_hash_enc))),
        ],
    );
    auth.call_expecting_nothing(command::CLIENT_PIN, Some(&req), Call { may_need_touch: false, sensitive: true })
}

/// Does the key issue tokens with permissions (getPinUvAuthTokenUsingPinWithPermissions)?
pub fn has_token_permissions(auth: &mut Authenticator) -> Result<bool, ClientError> {
    Ok(auth.info()?.token_permissions())
}

/// A PIN token: 0x09 with permissions (and rpId) on keys that offer pinUvAuthToken, else the
/// legacy getPinToken (0x05) with neither. Refuses up front when the key demands a PIN change,
/// because such keys answer 0x05 with PIN_INVALID, which is not a wrong PIN.
pub fn get_token(
    auth: &mut Authenticator,
    session: &PinSession,
    pin: &[u8],
    permissions: impl Into<Permissions>,
    rp_id: Option<&str>,
) -> Result<PinToken, ClientError> {
    let permissions = permissions.into();
    if auth.info()?.force_pin_change == Some(true) {
        return Err(ClientError::PinChangeRequired);
    }
    let p = session.protocol;
    let with_permissions = has_token_permissions(auth)?;
    let pin_hash_enc = p.encrypt(&session.shared, &pin_hash(pin)).map_err(crypto_err)?;
    let mut extra =
        vec![(cp::KEY_AGREEMENT, Some(session.platform_cose())), (cp::PIN_HASH_ENC, Some(cbor::bytes(&pin_hash_enc)))];
    let sub = if with_permissions {
        extra.push((cp::PERMISSIONS, Some(cbor::uint(u64::from(permissions.bits())))));
        extra.push((cp::RP_ID, rp_id.map(cbor::text)));
        cp::sub::GET_TOKEN_USING_PIN_WITH_PERMISSIONS
    } else {
        cp::sub::GET_PIN_TOKEN
    };
    let answer = match auth.call(
        command::CLIENT_PIN,
        Some(&request(p, sub, extra)),
        Call { may_need_touch: false, sensitive: true },
    ) {
        // A key whose minimum PIN length was raised since getInfo was read says so this way.
        Err(ClientError::Status { status: crate::proto::status::CtapStatus::PinPolicyViolation, .. })
            if with_permissions && auth.refresh_info()?.force_pin_change == Some(true) =>
        {
            return Err(ClientError::PinChangeRequired)
        }
        other => other?,
    };
    decode_token(session, answer, if with_permissions { Some((permissions, rp_id)) } else { None })
}

/// A token by built-in user verification (clientPIN 0x06, getPinUvAuthTokenUsingUvWithPermissions):
/// the key checks the finger itself, no PIN travels. Fails with UvInvalid (retry) or UvBlocked.
pub fn get_token_using_uv(
    auth: &mut Authenticator,
    session: &PinSession,
    permissions: impl Into<Permissions>,
    rp_id: Option<&str>,
) -> Result<PinToken, ClientError> {
    let permissions = permissions.into();
    let p = session.protocol;
    let extra = vec![
        (cp::KEY_AGREEMENT, Some(session.platform_cose())),
        (cp::PERMISSIONS, Some(cbor::uint(u64::from(permissions.bits())))),
        (cp::RP_ID, rp_id.map(cbor::text)),
    ];
    let answer = auth.call(
        command::CLIENT_PIN,
        Some(&request(p, cp::sub::GET_TOKEN_USING_UV_WITH_PERMISSIONS, extra)),
        Call { may_need_touch: true, sensitive: true },
    )?;
    decode_token(session, answer, Some((permissions, rp_id)))
}

/// Decrypt a token answer; `scope` is None for a legacy token without permissions.
fn decode_token(
    session: &PinSession,
    answer: Option<Value>,
    scope: Option<(Permissions, Option<&str>)>,
) -> Result<PinToken, ClientError> {
    let p = session.protocol;
    let answer = answer.ok_or_else(|| ClientError::Malformed("the PIN token answer is empty".into()))?;
    let map = MapView::new(&answer, "pinUvAuthToken")?;
    let encrypted = map.req_bytes(cp::response::PIN_UV_AUTH_TOKEN)?;
    let token = p
        .decrypt(&session.shared, encrypted)
        .map_err(|e| ClientError::Malformed(format!("the PIN token could not be decrypted: {e}")))?;
    let valid_len = match p {
        PinProtocol::V1 => token.len() == 16 || token.len() == 32,
        PinProtocol::V2 => token.len() == 32,
    };
    if !valid_len {
        return Err(ClientError::Malformed(format!("the PIN token is {} bytes long", token.len())));
    }
    Ok(PinToken {
        protocol: p,
        token,
        permissions: scope.map_or(Permissions::NONE, |(perm, _)| perm),
        rp_id: scope.and_then(|(_, rp)| rp.map(String::from)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::test_vectors::{param_of, request_hex};

    fn platform_cose() -> Value {
        let scalar: [u8; 32] = hex::decode("1f2e3d4c5b6a79880123456789abcdef0f1e2d3c4b5a69788796a5b4c3d2e1f0")
            .unwrap()
            .try_into()
            .unwrap();
        KeyAgreementKey::from_scalar(&scalar).unwrap().public_cose().to_value()
    }

    fn encoded(v: &Value) -> String {
        format!("06{}", hex::encode(cbor::encode(v)))
    }

    #[test]
    fn simple_requests_match_python_fido2() {
        assert_eq!(
            encoded(&request(PinProtocol::V2, cp::sub::GET_PIN_RETRIES, vec![])),
            request_hex("clientPIN getPINRetries (protocol 2)")
        );
        assert_eq!(
            encoded(&request(PinProtocol::V2, cp::sub::GET_KEY_AGREEMENT, vec![])),
            request_hex("clientPIN getKeyAgreement (protocol 2)")
        );
    }

    #[test]
    fn token_requests_match_python_fido2() {
        for (name, protocol, sub, permissions, rp_id) in [
            (
                "clientPIN getPinUvAuthTokenUsingPinWithPermissions cm (protocol 2)",
                PinProtocol::V2,
                cp::sub::GET_TOKEN_USING_PIN_WITH_PERMISSIONS,
                Some(4u64),
                None,
            ),
            (
                "clientPIN getPinUvAuthTokenUsingPinWithPermissions mc+ga rp example.com",
                PinProtocol::V2,
                cp::sub::GET_TOKEN_USING_PIN_WITH_PERMISSIONS,
                Some(3),
                Some("example.com"),
            ),
            ("clientPIN getPinToken legacy 0x05 (protocol 1)", PinProtocol::V1, cp::sub::GET_PIN_TOKEN, None, None),
        ] {
            let expected = request_hex(name);
            let pin_hash_enc = param_of(&expected, cp::PIN_HASH_ENC);
            let req = request(
                protocol,
                sub,
                vec![
                    (cp::KEY_AGREEMENT, Some(platform_cose())),
                    (cp::PIN_HASH_ENC, Some(cbor::bytes(&pin_hash_enc))),
                    (cp::PERMISSIONS, permissions.map(cbor::uint)),
                    (cp::RP_ID, rp_id.map(cbor::text)),
                ],
            );
            assert_eq!(encoded(&req), expected, "{name}");
        }
    }
}
