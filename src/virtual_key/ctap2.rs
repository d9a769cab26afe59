//! CTAP2 command dispatch on the virtual key.

use super::cred_mgmt::{self, Flavor};
use super::hid::UserPresence;
use super::state::{KeyState, Profile};
use super::{client_pin, config, get_assertion, make_credential, profile};
use crate::proto::cbor;
use crate::proto::ctap2::command;
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
    // getNextAssertion continues only the getAssertion right before it (CTAP 2.1 §6.3).
    if command_byte != command::GET_NEXT_ASSERTION {
        state.power.pending_assertions = None;
    }
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
        command::MAKE_CREDENTIAL => make_credential::handle(state, params.as_ref(), presence),
        command::GET_ASSERTION => get_assertion::handle(state, params.as_ref(), presence),
        command::GET_NEXT_ASSERTION => get_assertion::next(state),
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
