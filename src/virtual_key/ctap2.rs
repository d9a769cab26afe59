//! CTAP2 command dispatch on the virtual key.

use super::client_pin;
use super::config;
use super::cred_mgmt::{self, Flavor};
use super::hid::UserPresence;
use super::profile;
use super::state::{KeyState, Profile};
use crate::proto::cbor::{self, MapView};
use crate::proto::ctap2::{command, make_credential};
use crate::proto::status::code;

/// A handler's answer: a status, or success with an optional CBOR body.
pub type Answer = Result<Option<ciborium::value::Value>, u8>;

/// Handle one request; returns the status byte followed by the CBOR body, and whether the
/// persistent state changed (so the caller saves it).
pub fn handle(state: &mut KeyState, request: &[u8], presence: &mut dyn UserPresence) -> Vec<u8> {
    // An enumeration continues only on the very next command: taken out here, so only a
    // credential-management "next" can see (and put back) what is left of it.
    let enumeration = state.power.cred_mgmt.take();
    let (command_byte, body) = match request.split_first() {
        Some((c, b)) => (*c, b),
        None => return vec![code::INVALID_LENGTH],
    };
    let params = if body.is_empty() {
        None
    } else {
        // Like strict authenticators, accept only canonical CBOR.
        match cbor::decode(body) {
            Ok(v) if cbor::encode(&v) == body => Some(v),
            Ok(_) | Err(_) => return vec![code::INVALID_CBOR],
        }
    };
    let answer = match command_byte {
        command::GET_INFO => Ok(Some(profile::get_info(state).to_value())),
        command::SELECTION if state.identity.profile.has_selection() => presence.wait().map(|_| None),
        command::MAKE_CREDENTIAL => make_credential(state, params.as_ref(), presence),
        command::CLIENT_PIN => client_pin::handle(state, params.as_ref()),
        command::CONFIG => config::config(state, params.as_ref()),
        command::RESET => config::reset(state, presence),
        command::CREDENTIAL_MANAGEMENT if state.identity.profile == Profile::Ctap21 => {
            cred_mgmt::handle(state, params.as_ref(), Flavor::Standard, enumeration)
        }
        command::CREDENTIAL_MANAGEMENT_PREVIEW if state.identity.profile == Profile::Ctap21Pre => {
            cred_mgmt::handle(state, params.as_ref(), Flavor::Preview, enumeration)
        }
        _ => Err(code::INVALID_COMMAND),
    };
    match answer {
        Ok(None) => vec![code::OK],
        Ok(Some(v)) => {
            let mut out = vec![code::OK];
            out.extend(cbor::encode(&v));
            out
        }
        Err(status) => vec![status],
    }
}

fn make_credential(
    state: &mut KeyState,
    params: Option<&ciborium::value::Value>,
    presence: &mut dyn UserPresence,
) -> Answer {
    let params = params.ok_or(code::MISSING_PARAMETER)?;
    let map = MapView::new(params, "makeCredential").map_err(|_| code::INVALID_CBOR)?;
    // A zero-length pinUvAuthParam is the platform asking "which key did the user touch?":
    // wait for the touch, then answer PIN_NOT_SET or PIN_INVALID (CTAP 2.0 and 2.1 alike).
    if let Ok(Some(auth)) = map.opt_bytes(make_credential::PIN_UV_AUTH_PARAM) {
        if auth.is_empty() {
            presence.wait()?;
            return Err(if state.pin.is_some() { code::PIN_INVALID } else { code::PIN_NOT_SET });
        }
    }
    // Registrations themselves arrive with the test-exchange work; until then the key says so.
    Err(code::UNSUPPORTED_OPTION)
}
