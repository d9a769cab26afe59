//! CTAP 2.2 on the virtual key: the persistent read-only credential-management token (pcmr)
//! and what it decrypts, encIdentifier and encCredStoreState (first 16 bytes IV, then
//! AES-128-CBC under HKDF-SHA-256(salt 32 zero bytes, the token, info, 16 bytes)).
//!
//! Decisions: the identifier is 16 random bytes made when first needed and kept for the key's
//! life (a reset keeps it: it names the device); the store state is LEFT(SHA-256(each
//! discoverable credential id, length-prefixed, in creation order), 16), so it changes
//! whenever a credential is added or removed. Both are given in getInfo only while a
//! persistent token exists (there is nothing to encrypt them under otherwise).

use super::request::random;
use super::state::KeyState;
use crate::proto::ctap2::client_pin::permission;
use crate::proto::persistent_token::{self as pt, CRED_STORE_STATE_INFO, IDENTIFIER_INFO};
use sha2::{Digest, Sha256};

/// The pcmr permission bit (CTAP 2.2).
pub const PERMISSION_PCMR: u8 = permission::PERSISTENT_CREDENTIAL_MANAGEMENT_READ_ONLY;

fn encrypt(token: &[u8], info: &[u8], plaintext: &[u8; 16]) -> Option<Vec<u8>> {
    let iv = random::<16>().ok()?;
    pt::encrypt(token, info, &iv, plaintext).ok()
}

/// The stable identifier, made (and then kept in the state file) on first use.
pub fn ensure_identifier(state: &mut KeyState) -> Result<[u8; 16], u8> {
    if let Some(id) = state.device_identifier {
        return Ok(id);
    }
    let id = random::<16>()?;
    state.device_identifier = Some(id);
    Ok(id)
}

pub fn cred_store_state(state: &KeyState) -> [u8; 16] {
    let mut hash = Sha256::new();
    let mut ids: Vec<(u64, &[u8])> =
        state.credentials.iter().filter(|c| c.discoverable).map(|c| (c.created, c.id.as_slice())).collect();
    ids.sort();
    for (_, id) in ids {
        hash.update((id.len() as u32).to_be_bytes());
        hash.update(id);
    }
    let mut out = [0u8; 16];
    out.copy_from_slice(&hash.finalize()[..16]);
    out
}

pub fn enc_identifier(state: &KeyState) -> Option<Vec<u8>> {
    let token = state.persistent_token.as_ref()?;
    encrypt(&token.token, IDENTIFIER_INFO, &state.device_identifier?)
}

pub fn enc_cred_store_state(state: &KeyState) -> Option<Vec<u8>> {
    let token = state.persistent_token.as_ref()?;
    encrypt(&token.token, CRED_STORE_STATE_INFO, &cred_store_state(state))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::cbor::{self, bytes, int_map, uint, MapView};
    use crate::proto::ctap2::command;
    use crate::proto::ctap2::credential_management::{self as cm, param, sub};
    use crate::proto::status::code;
    use crate::virtual_key::profile::get_info;
    use crate::virtual_key::state::Profile;
    use crate::virtual_key::testing::*;
    use ciborium::value::Value;

    const PCMR: u64 = PERMISSION_PCMR as u64;

    fn decrypt(token: &[u8], info: &[u8], encrypted: &[u8]) -> Vec<u8> {
        pt::decrypt(token, info, encrypted).unwrap().to_vec()
    }

    fn cm_call(state: &mut KeyState, token: &[u8], sub_command: u8, params: Option<Value>) -> Result<Value, u8> {
        let mut message = vec![sub_command];
        if let Some(p) = &params {
            message.extend(cbor::encode(p));
        }
        let request = int_map([
            (cm::SUB_COMMAND, Some(uint(u64::from(sub_command)))),
            (cm::SUB_COMMAND_PARAMS, params),
            (cm::PIN_UV_AUTH_PROTOCOL, Some(uint(2))),
            (cm::PIN_UV_AUTH_PARAM, Some(bytes(&V2.authenticate(token, &message)))),
        ]);
        send(state, command::CREDENTIAL_MANAGEMENT, Some(&request), &mut Person::approving())
    }

    fn register_rk(state: &mut KeyState, user: &[u8]) {
        let token = pin_token(state, V2, b"1234", Some(MC), None);
        let mut request = mc_request(RP, user, true);
        with_token(&mut request, crate::proto::ctap2::make_credential::PIN_UV_AUTH_PARAM, V2, &token);
        make_credential(state, &request, &mut Person::approving()).unwrap();
    }

    #[test]
    fn ctap22_get_info() {
        let state = key(Profile::Ctap22);
        let info = get_info(&state);
        assert_eq!(info.versions, ["FIDO_2_0", "FIDO_2_1_PRE", "FIDO_2_1", "FIDO_2_2"]);
        assert_eq!(info.options.get("perCredMgmtRO"), Some(&true));
        assert_eq!(info.options.get("credMgmt"), Some(&true));
        assert_eq!((info.long_touch_for_reset, info.max_pin_length), (Some(false), Some(63)));
        assert_eq!(info.transports_for_reset, ["usb"]);
        // Nothing to encrypt under until a persistent token exists.
        assert_eq!((info.enc_identifier, info.enc_cred_store_state), (None, None));
        assert_eq!(get_info(&key(Profile::Ctap21)).options.get("perCredMgmtRO"), None);
    }

    #[test]
    fn the_persistent_token_reads_across_power_cycles_and_never_changes() {
        let mut state = key(Profile::Ctap22);
        set_pin(&mut state, V2, b"1234");
        register_rk(&mut state, b"alice");
        // pcmr stands alone.
        let platform = Platform::new(&mut state, V2);
        let mixed = int_map([
            (crate::proto::ctap2::client_pin::PIN_UV_AUTH_PROTOCOL, Some(uint(2))),
            (crate::proto::ctap2::client_pin::SUB_COMMAND, Some(uint(9))),
            (crate::proto::ctap2::client_pin::KEY_AGREEMENT, Some(platform.cose())),
            (
                crate::proto::ctap2::client_pin::PIN_HASH_ENC,
                Some(bytes(&V2.encrypt(&platform.shared, &crate::proto::pin_protocol::pin_hash(b"1234")).unwrap())),
            ),
            (crate::proto::ctap2::client_pin::PERMISSIONS, Some(uint(PCMR | 0x04))),
        ]);
        assert_eq!(
            send(&mut state, command::CLIENT_PIN, Some(&mixed), &mut Person::approving()),
            Err(code::INVALID_PARAMETER)
        );

        let token = pin_token(&mut state, V2, b"1234", Some(PCMR), None);
        let info = get_info(&state);
        let identifier = decrypt(&token, b"encIdentifier", &info.enc_identifier.unwrap());
        let store = decrypt(&token, b"encCredStoreState", &info.enc_cred_store_state.unwrap());
        assert_eq!(identifier.len(), 16);

        state.power_up();
        let metadata = cm_call(&mut state, &token, sub::GET_CREDS_METADATA, None).unwrap();
        assert_eq!(
            MapView::new(&metadata, "m").unwrap().opt_u64(cm::response::EXISTING_RESIDENT_CREDENTIALS_COUNT),
            Ok(Some(1))
        );
        let hash = crate::virtual_key::request::rp_id_hash(RP);
        let params = int_map([(param::RP_ID_HASH, Some(bytes(&hash)))]);
        let creds = cm_call(&mut state, &token, sub::ENUMERATE_CREDENTIALS_BEGIN, Some(params)).unwrap();
        let id = MapView::new(&creds, "c").unwrap().require(cm::response::CREDENTIAL_ID).unwrap().clone();
        let delete = int_map([(param::CREDENTIAL_ID, Some(id))]);
        assert_eq!(cm_call(&mut state, &token, sub::DELETE_CREDENTIAL, Some(delete)), Err(code::PIN_AUTH_INVALID));
        assert_eq!(state.credentials.len(), 1);

        // Same identifier after the power cycle; the store state moves with the credentials.
        let info = get_info(&state);
        assert_eq!(decrypt(&token, b"encIdentifier", &info.enc_identifier.unwrap()), identifier);
        register_rk(&mut state, b"bob");
        let info = get_info(&state);
        assert_ne!(decrypt(&token, b"encCredStoreState", &info.enc_cred_store_state.unwrap()), store);
        // Another key, another identifier.
        let mut other = key(Profile::Ctap22);
        set_pin(&mut other, V2, b"1234");
        let other_token = pin_token(&mut other, V2, b"1234", Some(PCMR), None);
        let other_id = decrypt(&other_token, b"encIdentifier", &get_info(&other).enc_identifier.unwrap());
        assert_ne!(other_id, identifier);

        // A PIN change ends it.
        let platform = Platform::new(&mut state, V2);
        let new_pin_enc = V2.encrypt(&platform.shared, &crate::proto::pin_protocol::pad_pin(b"5678").unwrap()).unwrap();
        let pin_hash_enc = V2.encrypt(&platform.shared, &crate::proto::pin_protocol::pin_hash(b"1234")).unwrap();
        let auth = V2.authenticate(&platform.shared, &[new_pin_enc.as_slice(), &pin_hash_enc].concat());
        pin_call(
            &mut state,
            V2,
            crate::proto::ctap2::client_pin::sub::CHANGE_PIN,
            vec![
                (crate::proto::ctap2::client_pin::KEY_AGREEMENT, Some(platform.cose())),
                (crate::proto::ctap2::client_pin::PIN_UV_AUTH_PARAM, Some(bytes(&auth))),
                (crate::proto::ctap2::client_pin::NEW_PIN_ENC, Some(bytes(&new_pin_enc))),
                (crate::proto::ctap2::client_pin::PIN_HASH_ENC, Some(bytes(&pin_hash_enc))),
            ],
        );
        assert!(state.persistent_token.is_none());
        assert_eq!(cm_call(&mut state, &token, sub::GET_CREDS_METADATA, None), Err(code::PIN_AUTH_INVALID));
    }

    #[test]
    fn a_leftover_rp_bound_token_does_not_block_the_persistent_one() {
        let mut state = key(Profile::Ctap22);
        set_pin(&mut state, V2, b"1234");
        register_rk(&mut state, b"alice");
        let persistent = pin_token(&mut state, V2, b"1234", Some(PCMR), None);
        // A registration elsewhere leaves a regular token bound to another RP.
        pin_token(&mut state, V2, b"1234", Some(MC), Some("elsewhere.example"));
        assert!(cm_call(&mut state, &persistent, sub::GET_CREDS_METADATA, None).is_ok());
        assert!(cm_call(&mut state, &persistent, sub::ENUMERATE_RPS_BEGIN, None).is_ok());
        let hash = crate::virtual_key::request::rp_id_hash(RP);
        let params = int_map([(param::RP_ID_HASH, Some(bytes(&hash)))]);
        assert!(cm_call(&mut state, &persistent, sub::ENUMERATE_CREDENTIALS_BEGIN, Some(params)).is_ok());
    }
}
