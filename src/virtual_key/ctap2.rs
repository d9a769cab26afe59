//! CTAP2 command dispatch on the virtual key.

use super::cred_mgmt::{self, Flavor};
use super::hid::UserPresence;
use super::state::{Enumerations, KeyState, Profile};
use super::{bio, client_pin, config, get_assertion, large_blobs, make_credential, profile};
use crate::proto::cbor;
use crate::proto::ctap2::command;
use crate::proto::status::code;

/// A handler's answer: a status, or success with an optional CBOR body.
pub type Answer = Result<Option<ciborium::value::Value>, u8>;

/// The key's state as a handler holds it. Reading is free; every write goes through
/// `DerefMut`, which records that the handler changed the state, so the caller knows whether
/// to save without comparing copies. Enumerations in progress are not worth a save and are
/// reached through `enumerations()`, which records nothing.
pub struct Tracked<'a> {
    state: &'a mut KeyState,
    changed: bool,
}

impl<'a> Tracked<'a> {
    pub fn new(state: &'a mut KeyState) -> Self {
        Tracked { state, changed: false }
    }
    /// Whether a handler asked to change the persistent state.
    pub fn changed(&self) -> bool {
        self.changed
    }
    pub fn enumerations(&mut self) -> &mut Enumerations {
        &mut self.state.enumerations
    }
}

impl std::ops::Deref for Tracked<'_> {
    type Target = KeyState;
    fn deref(&self) -> &KeyState {
        self.state
    }
}

impl std::ops::DerefMut for Tracked<'_> {
    fn deref_mut(&mut self) -> &mut KeyState {
        self.changed = true;
        self.state
    }
}

/// One answered request: the status byte and CBOR body, and whether the state changed.
pub struct Reply {
    pub bytes: Vec<u8>,
    pub changed: bool,
}

/// Handle one request; the status byte followed by the CBOR body (tests that need no more).
#[cfg(test)]
pub fn handle(state: &mut KeyState, request: &[u8], presence: &mut dyn UserPresence) -> Vec<u8> {
    dispatch(state, request, presence).bytes
}

/// Handle one request, and say whether the persistent state changed (so the caller saves it).
pub fn dispatch(state: &mut KeyState, request: &[u8], presence: &mut dyn UserPresence) -> Reply {
    let mut tracked = Tracked::new(state);
    let bytes = answer(&mut tracked, request, presence);
    Reply { bytes, changed: tracked.changed() }
}

fn answer(state: &mut Tracked, request: &[u8], presence: &mut dyn UserPresence) -> Vec<u8> {
    // An enumeration continues only on the very next command: taken out here, so only a
    // credential-management "next" can see (and put back) what is left of it.
    let enumeration = state.enumerations().cred_mgmt.take();
    let (command_byte, body) = match request.split_first() {
        Some((c, b)) => (*c, b),
        None => return vec![code::INVALID_LENGTH],
    };
    // getNextAssertion continues only the getAssertion right before it (CTAP 2.1 §6.3).
    if command_byte != command::GET_NEXT_ASSERTION {
        state.enumerations().pending_assertions = None;
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
        // Like real bio keys: 0x09 on 2.1, and the 0x40 preview on 2.1 and 2.1-pre.
        command::BIO_ENROLLMENT if state.identity.bio && state.identity.profile == Profile::Ctap21 => {
            bio::handle(state, params.as_ref())
        }
        command::BIO_ENROLLMENT_PREVIEW
            if state.identity.bio && matches!(state.identity.profile, Profile::Ctap21 | Profile::Ctap21Pre) =>
        {
            bio::handle(state, params.as_ref())
        }
        command::LARGE_BLOBS if state.identity.profile == Profile::Ctap21 => {
            large_blobs::handle(state, params.as_ref())
        }
        command::RESET => config::reset(state, presence),
        command::CREDENTIAL_MANAGEMENT if state.identity.profile == Profile::Ctap21 => {
            cred_mgmt::handle(state, params.as_ref(), Flavor::Standard, enumeration)
        }
        // A 2.1 key answers the preview as it answers 0x0A: libfido2 1.12-1.14 sends over 0x41
        // exactly what 0x0A takes (a cm token, updateUserInformation included).
        command::CREDENTIAL_MANAGEMENT_PREVIEW if state.identity.profile == Profile::Ctap21 => {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::virtual_key::testing::*;

    fn changed(state: &mut KeyState, wire: &[u8]) -> bool {
        dispatch(state, wire, &mut Person::approving()).changed
    }

    #[test]
    fn only_handlers_that_write_report_a_change() {
        let mut state = key(Profile::Ctap21);
        assert!(!changed(&mut state, &[command::GET_INFO]));
        // Refused before any handler looked at the state.
        assert!(!changed(&mut state, &[command::MAKE_CREDENTIAL, 0xa1]));
        assert!(!changed(&mut state, &[command::GET_NEXT_ASSERTION]));
        let request = cbor::encode(&cbor::int_map(mc_request(RP, b"u", true)));
        assert!(changed(&mut state, &[&[command::MAKE_CREDENTIAL][..], &request].concat()));
        assert_eq!(state.credentials.len(), 1);
    }

    #[test]
    fn enumerations_in_progress_are_no_change() {
        let mut state = key(Profile::Ctap21);
        set_pin(&mut state, V2, b"1234");
        for user in [b"a", b"b", b"c"] {
            let token = pin_token(&mut state, V2, b"1234", Some(MC), None);
            let mut request = mc_request(RP, user, true);
            with_token(&mut request, crate::proto::ctap2::make_credential::PIN_UV_AUTH_PARAM, V2, &token);
            make_credential(&mut state, &request, &mut Person::approving()).unwrap();
        }
        let token = pin_token(&mut state, V2, b"1234", Some(GA), None);
        let mut request = vec![
            (crate::proto::ctap2::get_assertion::RP_ID, Some(cbor::text(RP))),
            (crate::proto::ctap2::get_assertion::CLIENT_DATA_HASH, Some(cbor::bytes(&CDH))),
        ];
        with_token(&mut request, crate::proto::ctap2::get_assertion::PIN_UV_AUTH_PARAM, V2, &token);
        let wire = [&[command::GET_ASSERTION][..], &cbor::encode(&cbor::int_map(request))].concat();
        // The first assertion moves the counter; what is left to enumerate is no change.
        assert!(changed(&mut state, &wire));
        assert!(state.enumerations.pending_assertions.is_some());
        let before = serde_json::to_string(&state).unwrap();
        assert!(changed(&mut state, &[command::GET_NEXT_ASSERTION]), "each assertion moves the counter");
        assert_ne!(serde_json::to_string(&state).unwrap(), before);
        // Not written to the state file.
        assert!(!serde_json::to_string(&state).unwrap().contains("pending"));
    }
}
