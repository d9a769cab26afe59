//! What the tests of both handlers drive the key with: a person at the key, a platform that
//! gets PIN tokens through clientPIN, and requests sent as bytes through the dispatcher.
use crate::client::attestation::AttestationObject;
use crate::proto::cbor::{self, bytes, int_map, text, uint, MapView};
use crate::proto::cose::{CoseKey, ALG_ES256};
use crate::proto::ctap2::client_pin::{self as cp, response as cp_response, sub};
use crate::proto::ctap2::make_credential as mc;
use crate::proto::entities::{credential_parameter, RelyingParty, User};
use crate::proto::pin_protocol::{pad_pin, pin_hash, KeyAgreementKey, PinProtocol};
use crate::virtual_key::attestation::{AttestationMaterial, StoredAttestation, StoredLeaf};
use crate::virtual_key::hid::UserPresence;
use crate::virtual_key::profile::{parse_aaguid, DEFAULT_AAGUID};

pub const V1: PinProtocol = PinProtocol::V1;
pub const V2: PinProtocol = PinProtocol::V2;
pub const MC: u64 = cp::permission::MAKE_CREDENTIAL as u64;
pub const GA: u64 = cp::permission::GET_ASSERTION as u64;
use crate::virtual_key::state::{Identity, KeyState, Profile};
use crate::virtual_key::{client_pin, ctap2};
use ciborium::value::Value;
use std::sync::OnceLock;
use zeroize::Zeroizing;

pub const RP: &str = "example.com";
pub const CDH: [u8; 32] = [0x11; 32];

/// A fresh key with an attestation CA (made once: it is slow and any one will do).
pub fn key(profile: Profile) -> KeyState {
    static ATTESTATION: OnceLock<StoredAttestation> = OnceLock::new();
    let mut state =
        KeyState::new(Identity { profile, aaguid: DEFAULT_AAGUID.into(), firmware: 1, max_resident: 25, bio: false });
    let stored = ATTESTATION.get_or_init(|| {
        StoredAttestation::from(&AttestationMaterial::create(&parse_aaguid(DEFAULT_AAGUID).unwrap()).unwrap())
    });
    state.attestation = Some(stored.clone());
    static ENTERPRISE: OnceLock<StoredLeaf> = OnceLock::new();
    let leaf = ENTERPRISE.get_or_init(|| {
        let material = AttestationMaterial::try_from(stored).unwrap();
        material.issue_enterprise(&parse_aaguid(DEFAULT_AAGUID).unwrap(), "0011223344556677").unwrap()
    });
    state.enterprise_attestation_leaf = Some(leaf.clone());
    state
}

pub fn ca_cert(state: &KeyState) -> Vec<u8> {
    hex::decode(&state.attestation.as_ref().unwrap().ca_cert).unwrap()
}

/// The person at the key: touches (or not) as told, and counts how often asked.
pub struct Person {
    pub answer: Result<(), u8>,
    pub asked: usize,
}

impl Person {
    pub fn approving() -> Person {
        Person { answer: Ok(()), asked: 0 }
    }
    pub fn answering(status: u8) -> Person {
        Person { answer: Err(status), asked: 0 }
    }
}

impl UserPresence for Person {
    fn wait(&mut self) -> Result<(), u8> {
        self.asked += 1;
        self.answer
    }
}

/// One request as bytes through the CTAP2 dispatcher; the status or the decoded body.
pub fn send(state: &mut KeyState, command: u8, request: Option<&Value>, person: &mut Person) -> Result<Value, u8> {
    let mut wire = vec![command];
    if let Some(r) = request {
        wire.extend(cbor::encode(r));
    }
    let answer = ctap2::handle(state, &wire, person);
    match answer.split_first() {
        Some((0, [])) => Ok(Value::Null),
        Some((0, body)) => Ok(cbor::decode(body).unwrap()),
        Some((status, rest)) => {
            assert!(rest.is_empty(), "an error status carries no body");
            Err(*status)
        }
        None => panic!("empty answer"),
    }
}

pub type Entries = Vec<(i64, Option<Value>)>;

/// Replace (or with None, remove) one entry of a request.
pub fn set(entries: &mut Entries, key: i64, value: Option<Value>) {
    entries.retain(|(k, _)| *k != key);
    entries.push((key, value));
}

pub fn user(id: &[u8]) -> User {
    let n = hex::encode(id);
    User { id: id.to_vec(), name: Some(format!("user-{n}")), display_name: Some(format!("User {n}")) }
}

/// A makeCredential request for `rp_id` and user `user_id`, ES256.
pub fn mc_request(rp_id: &str, user_id: &[u8], rk: bool) -> Entries {
    vec![
        (mc::CLIENT_DATA_HASH, Some(bytes(&CDH))),
        (mc::RP, Some(RelyingParty { id: rp_id.into(), name: Some("Example".into()) }.to_value())),
        (mc::USER, Some(user(user_id).to_value())),
        (mc::PUB_KEY_CRED_PARAMS, Some(Value::Array(vec![credential_parameter(ALG_ES256)]))),
        (mc::OPTIONS, rk.then(|| Value::Map(vec![(text("rk"), Value::Bool(true))]))),
    ]
}

pub fn make_credential(state: &mut KeyState, entries: &Entries, person: &mut Person) -> Result<AttestationObject, u8> {
    let answer = send(state, 0x01, Some(&int_map(entries.iter().cloned())), person)?;
    Ok(AttestationObject::from_ctap_response(&answer).unwrap())
}

/// Register and return (credential id, public key).
pub fn register(state: &mut KeyState, rp_id: &str, user_id: &[u8], rk: bool) -> (Vec<u8>, CoseKey) {
    let att = make_credential(state, &mc_request(rp_id, user_id, rk), &mut Person::approving()).unwrap();
    let cred = att.auth_data.attested.unwrap();
    (cred.credential_id, cred.public_key)
}

/// The platform's side of one key agreement.
pub struct Platform {
    pub key: KeyAgreementKey,
    pub shared: Zeroizing<Vec<u8>>,
}

pub fn pin_call(state: &mut KeyState, p: PinProtocol, sub_command: u8, rest: Entries) -> Option<Value> {
    let mut entries = vec![
        (cp::PIN_UV_AUTH_PROTOCOL, Some(uint(p.number().into()))),
        (cp::SUB_COMMAND, Some(uint(sub_command.into()))),
    ];
    entries.extend(rest);
    client_pin::handle(&mut ctap2::Tracked::new(state), Some(&int_map(entries))).unwrap()
}

impl Platform {
    pub fn new(state: &mut KeyState, p: PinProtocol) -> Platform {
        let answer = pin_call(state, p, sub::GET_KEY_AGREEMENT, vec![]).unwrap();
        let map = MapView::new(&answer, "answer").unwrap();
        let theirs = CoseKey::from_value(map.require(cp_response::KEY_AGREEMENT).unwrap()).unwrap();
        let key = KeyAgreementKey::generate();
        let shared = key.shared_secret(p, &theirs).unwrap();
        Platform { key, shared }
    }
    pub fn cose(&self) -> Value {
        self.key.public_cose().to_value()
    }
}

pub fn set_pin(state: &mut KeyState, p: PinProtocol, pin: &[u8]) {
    let platform = Platform::new(state, p);
    let new_pin_enc = p.encrypt(&platform.shared, &pad_pin(pin).unwrap()).unwrap();
    let auth = p.authenticate(&platform.shared, &new_pin_enc);
    pin_call(
        state,
        p,
        sub::SET_PIN,
        vec![
            (cp::KEY_AGREEMENT, Some(platform.cose())),
            (cp::PIN_UV_AUTH_PARAM, Some(bytes(&auth))),
            (cp::NEW_PIN_ENC, Some(bytes(&new_pin_enc))),
        ],
    );
}

/// A PIN token: getPinToken (0x05) without permissions, else 0x09 with them.
pub fn pin_token(
    state: &mut KeyState,
    p: PinProtocol,
    pin: &[u8],
    permissions: Option<u64>,
    rp_id: Option<&str>,
) -> Vec<u8> {
    let platform = Platform::new(state, p);
    let pin_hash_enc = p.encrypt(&platform.shared, &pin_hash(pin)).unwrap();
    let sub_command =
        if permissions.is_some() { sub::GET_TOKEN_USING_PIN_WITH_PERMISSIONS } else { sub::GET_PIN_TOKEN };
    let answer = pin_call(
        state,
        p,
        sub_command,
        vec![
            (cp::KEY_AGREEMENT, Some(platform.cose())),
            (cp::PIN_HASH_ENC, Some(bytes(&pin_hash_enc))),
            (cp::PERMISSIONS, permissions.map(uint)),
            (cp::RP_ID, rp_id.map(text)),
        ],
    )
    .unwrap();
    let encrypted =
        MapView::new(&answer, "answer").unwrap().req_bytes(cp_response::PIN_UV_AUTH_TOKEN).unwrap().to_vec();
    p.decrypt(&platform.shared, &encrypted).unwrap().to_vec()
}

/// pinUvAuthParam and pinUvAuthProtocol for a makeCredential/getAssertion over CDH.
pub fn with_token(entries: &mut Entries, auth_key: i64, p: PinProtocol, token: &[u8]) {
    set(entries, auth_key, Some(bytes(&p.authenticate(token, &CDH))));
    set(entries, auth_key + 1, Some(uint(p.number().into())));
}
