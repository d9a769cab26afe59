//! clientPIN (authenticatorClientPIN, 0x06): retries, key agreement, setting and changing the
//! PIN, and PIN/UV auth tokens.

use super::{Authenticator, Call, ClientError};
use crate::proto::cbor::{self, MapView};
use crate::proto::ctap2::{client_pin as cp, command};
use crate::proto::pin_protocol::PinProtocol;

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
