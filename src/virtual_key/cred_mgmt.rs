//! authenticatorCredentialManagement (0x0A, CTAP 2.1 §6.8) and its FIDO_2_1_PRE preview (0x41),
//! device side: metadata, enumeration, delete and update of discoverable credentials.
//!
//! Decisions where the spec leaves room:
//! - Only discoverable credentials exist here: non-discoverable ones are neither listed, counted
//!   nor deletable, as on keys that wrap them into their ids.
//! - RPs are listed in the order their oldest credential was made (stable while credentials come
//!   and go elsewhere); an RP's credentials newest first, as getAssertion returns them. An RP's
//!   name is the newest one a registration gave.
//! - A token without cm, or bound to an RP the request is not about, is PIN_AUTH_INVALID, as
//!   CTAP 2.1 says (and `client_pin::verify_token` answers for every handler).
//! - A ctap2.1 key answers the preview (0x41) exactly as 0x0A, as real 2.1 keys do: libfido2
//!   1.12-1.14 sends every request there, with a cm token and the same MAC scope
//!   (subCommand || subCommandParams) and response keys.
//! - The ctap2.1-pre preview has no updateUserInformation: INVALID_SUBCOMMAND before any auth is looked at.
//!   Preview tokens (getPinToken) carry no permissions and no RP: the MAC is all that is checked.
//! - What the "next" subcommands still have to give lives in `PowerState::cred_mgmt`;
//!   `ctap2::handle` takes it out before every command, so only an immediately following "next"
//!   sees it, and anything else (or a power cycle) ends the enumeration: NOT_ALLOWED.
//! - updateUserInformation replaces name and displayName with what is sent; absent or empty
//!   fields are removed (§6.8.7).

use super::attestation::CredentialPrivateKey;
use super::client_pin;
use super::ctap2::{Answer, Tracked};
use super::request::{rp_id_hash, status_of};
use super::state::{CredMgmtEnumeration, KeyState, StoredCredential};
use crate::proto::cbor::{self, MapView};
use crate::proto::ctap2::client_pin::permission;
use crate::proto::ctap2::credential_management::{self as field, param, response, sub};
use crate::proto::entities::{CredentialDescriptor, RelyingParty, User};
use crate::proto::status::code;
use ciborium::value::Value;

/// Which command byte the request came in on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// The CTAP 2.1 command set: 0x0A, and 0x41 on a 2.1 key (which answers it alike).
    Standard,
    /// credentialMgmtPreview (0x41), ctap2.1-pre profile: no updateUserInformation.
    Preview,
}

/// One request, every present field type-checked.
struct Request<'a> {
    sub_command: u64,
    params: Option<&'a Value>,
    protocol: Option<u64>,
    pin_uv_auth_param: Option<&'a [u8]>,
}

fn parse(params: Option<&Value>) -> Result<Request<'_>, u8> {
    let params = params.ok_or(code::MISSING_PARAMETER)?;
    let map = MapView::new(params, "credentialManagement").map_err(|_| code::CBOR_UNEXPECTED_TYPE)?;
    let sub_params = match map.get(field::SUB_COMMAND_PARAMS) {
        None => None,
        Some(v @ Value::Map(_)) => Some(v),
        Some(_) => return Err(code::CBOR_UNEXPECTED_TYPE),
    };
    Ok(Request {
        sub_command: map.req_u64(field::SUB_COMMAND).map_err(status_of)?,
        params: sub_params,
        protocol: map.opt_u64(field::PIN_UV_AUTH_PROTOCOL).map_err(status_of)?,
        pin_uv_auth_param: map.opt_bytes(field::PIN_UV_AUTH_PARAM).map_err(status_of)?,
    })
}

/// authenticatorCredentialManagement. `enumeration` is what the previous command left for a
/// "next" subcommand (already cleared from the state by the dispatcher).
pub fn handle(
    state: &mut Tracked,
    params: Option<&Value>,
    flavor: Flavor,
    enumeration: Option<CredMgmtEnumeration>,
) -> Answer {
    let request = parse(params)?;
    let Ok(sub_command) = u8::try_from(request.sub_command) else {
        return Err(code::INVALID_SUBCOMMAND);
    };
    match sub_command {
        sub::GET_CREDS_METADATA => {
            if authorize(state, &request, sub_command)? == By::Regular {
                refuse_bound_token(state)?;
            }
            metadata(state)
        }
        sub::ENUMERATE_RPS_BEGIN => {
            if authorize(state, &request, sub_command)? == By::Regular {
                refuse_bound_token(state)?;
            }
            enumerate_rps_begin(state)
        }
        sub::ENUMERATE_RPS_NEXT => enumerate_rps_next(state, enumeration),
        sub::ENUMERATE_CREDENTIALS_BEGIN => {
            let by = authorize(state, &request, sub_command)?;
            enumerate_credentials_begin(state, &request, by)
        }
        sub::ENUMERATE_CREDENTIALS_NEXT => enumerate_credentials_next(state, enumeration),
        sub::DELETE_CREDENTIAL => {
            authorize(state, &request, sub_command)?;
            delete_credential(state, &request)
        }
        sub::UPDATE_USER_INFORMATION if flavor == Flavor::Standard => {
            authorize(state, &request, sub_command)?;
            update_user_information(state, &request)
        }
        _ => Err(code::INVALID_SUBCOMMAND),
    }
}

/// pinUvAuthParam = authenticate(token, subCommand || CBOR(subCommandParams)), token with cm.
/// The dispatcher accepts only canonical CBOR, so re-encoding the parameters gives back
/// exactly the bytes the platform authenticated.
/// Which token authorized a request: an RP binding of the regular token says nothing about
/// a request made with the persistent one (a leftover mc/ga token must not block it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum By {
    Regular,
    Persistent,
}

fn authorize(state: &KeyState, request: &Request, sub_command: u8) -> Result<By, u8> {
    let auth = request.pin_uv_auth_param.ok_or(code::PUAT_REQUIRED)?;
    let protocol = request.protocol.ok_or(code::MISSING_PARAMETER)?;
    let mut message = vec![sub_command];
    if let Some(p) = request.params {
        message.extend(cbor::encode(p));
    }
    // RP binding is judged per subcommand (against a hash, or the credential's RP).
    let regular = client_pin::verify_token(state, protocol, auth, &message, permission::CREDENTIAL_MANAGEMENT, None);
    // CTAP 2.2: the persistent read-only token may read, never change (PIN_AUTH_INVALID).
    let reads =
        matches!(sub_command, sub::GET_CREDS_METADATA | sub::ENUMERATE_RPS_BEGIN | sub::ENUMERATE_CREDENTIALS_BEGIN);
    match regular {
        Err(_) if reads && client_pin::verify_persistent_token(state, protocol, auth, &message) => Ok(By::Persistent),
        other => other.map(|()| By::Regular),
    }
}

/// getCredsMetadata and enumerateRPs speak about every RP: an RP-bound token may not ask.
fn refuse_bound_token(state: &KeyState) -> Result<(), u8> {
    match client_pin::token_rp_id(state) {
        Some(_) => Err(code::PIN_AUTH_INVALID),
        None => Ok(()),
    }
}

/// A bound token may touch only its own RP's credentials.
fn check_bound_rp(state: &KeyState, rp_id: &str) -> Result<(), u8> {
    match client_pin::token_rp_id(state) {
        Some(bound) if bound != rp_id => Err(code::PIN_AUTH_INVALID),
        _ => Ok(()),
    }
}

fn discoverable(state: &KeyState) -> impl Iterator<Item = &StoredCredential> {
    state.credentials.iter().filter(|c| c.discoverable)
}

/// RP ids in the order of each RP's oldest credential.
fn rp_ids(state: &KeyState) -> Vec<String> {
    let mut firsts: Vec<(u64, &str)> = Vec::new();
    for c in discoverable(state) {
        match firsts.iter_mut().find(|(_, id)| *id == c.rp_id) {
            Some(entry) => entry.0 = entry.0.min(c.created),
            None => firsts.push((c.created, &c.rp_id)),
        }
    }
    firsts.sort();
    firsts.into_iter().map(|(_, id)| id.to_string()).collect()
}

/// The credentials of the RP whose id hashes to `hash`, newest first.
fn rp_credentials<'a>(state: &'a KeyState, hash: &[u8]) -> Vec<&'a StoredCredential> {
    let mut found: Vec<&StoredCredential> = discoverable(state).filter(|c| rp_id_hash(&c.rp_id) == hash).collect();
    found.sort_by(|a, b| b.created.cmp(&a.created).then_with(|| a.id.cmp(&b.id)));
    found
}

/// The discoverable credential with exactly this id: whole bytes, never a prefix.
fn find_index(state: &KeyState, id: &[u8]) -> Result<usize, u8> {
    state.credentials.iter().position(|c| c.discoverable && c.id == id).ok_or(code::NO_CREDENTIALS)
}

fn metadata(state: &KeyState) -> Answer {
    let existing = u64::try_from(state.discoverable_count()).unwrap_or(u64::MAX);
    Ok(Some(cbor::int_map([
        (response::EXISTING_RESIDENT_CREDENTIALS_COUNT, Some(cbor::uint(existing))),
        (
            response::MAX_POSSIBLE_REMAINING_RESIDENT_CREDENTIALS_COUNT,
            Some(cbor::uint(u64::from(state.remaining_discoverable()))),
        ),
    ])))
}

/// One RP's answer; `total` only in the first.
fn rp_answer(state: &KeyState, rp_id: &str, total: Option<usize>) -> Value {
    let name = discoverable(state)
        .filter(|c| c.rp_id == rp_id && c.rp_name.is_some())
        .max_by_key(|c| c.created)
        .and_then(|c| c.rp_name.clone());
    let rp = RelyingParty { id: rp_id.to_string(), name };
    cbor::int_map([
        (response::RP, Some(rp.to_value())),
        (response::RP_ID_HASH, Some(cbor::bytes(&rp_id_hash(rp_id)))),
        (response::TOTAL_RPS, total.map(|t| cbor::uint(t as u64))),
    ])
}

fn enumerate_rps_begin(state: &mut Tracked) -> Answer {
    let ids = rp_ids(state);
    let first = ids.first().ok_or(code::NO_CREDENTIALS)?;
    let answer = rp_answer(state, first, Some(ids.len()));
    let rest = ids[1..].to_vec();
    if !rest.is_empty() {
        state.enumerations().cred_mgmt = Some(CredMgmtEnumeration::Rps(rest));
    }
    Ok(Some(answer))
}

fn enumerate_rps_next(state: &mut Tracked, enumeration: Option<CredMgmtEnumeration>) -> Answer {
    let Some(CredMgmtEnumeration::Rps(mut rest)) = enumeration else {
        return Err(code::NOT_ALLOWED);
    };
    if rest.is_empty() {
        return Err(code::NOT_ALLOWED);
    }
    let rp_id = rest.remove(0);
    if !rest.is_empty() {
        state.enumerations().cred_mgmt = Some(CredMgmtEnumeration::Rps(rest));
    }
    Ok(Some(rp_answer(state, &rp_id, None)))
}

/// One credential's answer; `total` only in the first.
fn credential_answer(c: &StoredCredential, total: Option<usize>) -> Answer {
    // Values the key wrote itself: unreadable ones mean a damaged state file, not a bad request.
    let user_id = c.user_id.clone();
    let credential_id = c.id.clone();
    let key = CredentialPrivateKey::try_from(&c.key).map_err(|_| code::OTHER)?;
    let public_key = key.public_cose().map_err(|_| code::OTHER)?;
    let user = User { id: user_id, name: c.user_name.clone(), display_name: c.user_display_name.clone() };
    Ok(Some(cbor::int_map([
        (response::USER, Some(user.to_value())),
        (response::CREDENTIAL_ID, Some(CredentialDescriptor { id: credential_id }.to_value())),
        (response::PUBLIC_KEY, Some(public_key.to_value())),
        (response::TOTAL_CREDENTIALS, total.map(|t| cbor::uint(t as u64))),
        (response::CRED_PROTECT, Some(cbor::uint(u64::from(c.cred_protect)))),
        (response::LARGE_BLOB_KEY, c.large_blob_key.map(|k| cbor::bytes(&k))),
        // CTAP 2.2: said for payment credentials only, so older hosts see what they always did.
        (response::THIRD_PARTY_PAYMENT, c.third_party_payment.then_some(Value::Bool(true))),
    ])))
}

fn sub_params<'a>(request: &Request<'a>) -> Result<MapView<'a>, u8> {
    let params = request.params.ok_or(code::MISSING_PARAMETER)?;
    MapView::new(params, "subCommandParams").map_err(|_| code::CBOR_UNEXPECTED_TYPE)
}

fn enumerate_credentials_begin(state: &mut Tracked, request: &Request, by: By) -> Answer {
    let hash = sub_params(request)?.req_bytes(param::RP_ID_HASH).map_err(status_of)?;
    // Checked before looking: a bound token learns nothing about other RPs.
    if by == By::Regular && client_pin::token_rp_id(state).is_some_and(|bound| rp_id_hash(bound) != hash) {
        return Err(code::PIN_AUTH_INVALID);
    }
    let found = rp_credentials(state, hash);
    let first = found.first().ok_or(code::NO_CREDENTIALS)?;
    let answer = credential_answer(first, Some(found.len()))?;
    let rest: Vec<Vec<u8>> = found[1..].iter().map(|c| c.id.clone()).collect();
    if !rest.is_empty() {
        state.enumerations().cred_mgmt = Some(CredMgmtEnumeration::Credentials(rest));
    }
    Ok(answer)
}

fn enumerate_credentials_next(state: &mut Tracked, enumeration: Option<CredMgmtEnumeration>) -> Answer {
    let Some(CredMgmtEnumeration::Credentials(mut rest)) = enumeration else {
        return Err(code::NOT_ALLOWED);
    };
    if rest.is_empty() {
        return Err(code::NOT_ALLOWED);
    }
    let id = rest.remove(0);
    // Nothing can delete a credential mid-enumeration, short of editing the state file.
    let credential = discoverable(state).find(|c| c.id == id).ok_or(code::NOT_ALLOWED)?;
    let answer = credential_answer(credential, None)?;
    if !rest.is_empty() {
        state.enumerations().cred_mgmt = Some(CredMgmtEnumeration::Credentials(rest));
    }
    Ok(answer)
}

/// The credential id a request names; a descriptor of another type names none of ours.
fn requested_id(map: &MapView) -> Result<Vec<u8>, u8> {
    let descriptor =
        CredentialDescriptor::from_value(map.require(param::CREDENTIAL_ID).map_err(status_of)?).map_err(status_of)?;
    descriptor.map(|d| d.id).ok_or(code::NO_CREDENTIALS)
}

fn delete_credential(state: &mut KeyState, request: &Request) -> Answer {
    let id = requested_id(&sub_params(request)?)?;
    let index = find_index(state, &id)?;
    check_bound_rp(state, &state.credentials[index].rp_id)?;
    state.credentials.remove(index);
    Ok(None)
}

fn update_user_information(state: &mut KeyState, request: &Request) -> Answer {
    let map = sub_params(request)?;
    let id = requested_id(&map)?;
    let user = User::from_value(map.require(param::USER).map_err(status_of)?).map_err(status_of)?;
    let index = find_index(state, &id)?;
    check_bound_rp(state, &state.credentials[index].rp_id)?;
    let credential = &mut state.credentials[index];
    if credential.user_id != user.id {
        return Err(code::INVALID_PARAMETER);
    }
    credential.user_name = user.name.filter(|n| !n.is_empty());
    credential.user_display_name = user.display_name.filter(|n| !n.is_empty());
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::cbor::{bytes, int_map, text, uint};
    use crate::proto::cose::{CoseKey, ALG_EDDSA, ALG_ES256};
    use crate::proto::ctap2::client_pin as cp;
    use crate::proto::ctap2::command;
    use crate::proto::pin_protocol::{pad_pin, pin_hash, KeyAgreementKey, PinProtocol};
    use crate::virtual_key::attestation::StoredCredentialKey;
    use crate::virtual_key::hid::UserPresence;
    use crate::virtual_key::state::{Identity, Profile};
    use sha2::{Digest, Sha256};

    const PIN: &[u8] = b"1234";
    const CM: u8 = permission::CREDENTIAL_MANAGEMENT;
    const STANDARD: u8 = command::CREDENTIAL_MANAGEMENT;
    const PREVIEW: u8 = command::CREDENTIAL_MANAGEMENT_PREVIEW;
    /// RPs in the order of their oldest credential (not alphabetical, on purpose).
    const RPS: [&str; 3] = ["b.example", "a.example", "c.example"];

    struct Untouched;
    impl UserPresence for Untouched {
        fn wait(&mut self) -> Result<(), u8> {
            Err(code::USER_ACTION_TIMEOUT)
        }
    }

    /// One whole request through the CTAP2 dispatcher: status, or the decoded body.
    fn dispatch(state: &mut KeyState, command_byte: u8, request: Option<&Value>) -> Result<Option<Value>, u8> {
        let mut wire = vec![command_byte];
        if let Some(r) = request {
            wire.extend(cbor::encode(r));
        }
        let answer = super::super::ctap2::handle(state, &wire, &mut Untouched);
        match answer.split_first() {
            Some((&code::OK, [])) => Ok(None),
            Some((&code::OK, body)) => Ok(Some(cbor::decode(body).unwrap())),
            Some((status, _)) => Err(*status),
            None => panic!("empty answer"),
        }
    }

    fn client_pin(state: &mut KeyState, p: PinProtocol, sub_command: u8, rest: Vec<(i64, Option<Value>)>) -> Value {
        let mut entries = vec![
            (cp::PIN_UV_AUTH_PROTOCOL, Some(uint(u64::from(p.number())))),
            (cp::SUB_COMMAND, Some(uint(u64::from(sub_command)))),
        ];
        entries.extend(rest);
        dispatch(state, command::CLIENT_PIN, Some(&int_map(entries))).unwrap().unwrap_or(Value::Null)
    }

    /// The platform's half of one key agreement.
    fn agree(state: &mut KeyState, p: PinProtocol) -> (KeyAgreementKey, Vec<u8>) {
        let answer = client_pin(state, p, cp::sub::GET_KEY_AGREEMENT, vec![]);
        let map = MapView::new(&answer, "answer").unwrap();
        let theirs = CoseKey::from_value(map.require(cp::response::KEY_AGREEMENT).unwrap()).unwrap();
        let ours = KeyAgreementKey::generate();
        let shared = ours.shared_secret(p, &theirs).unwrap().to_vec();
        (ours, shared)
    }

    fn set_pin(state: &mut KeyState, p: PinProtocol) {
        let (ours, shared) = agree(state, p);
        let new_pin_enc = p.encrypt(&shared, &pad_pin(PIN).unwrap()).unwrap();
        let request = vec![
            (cp::KEY_AGREEMENT, Some(ours.public_cose().to_value())),
            (cp::PIN_UV_AUTH_PARAM, Some(bytes(&p.authenticate(&shared, &new_pin_enc)))),
            (cp::NEW_PIN_ENC, Some(bytes(&new_pin_enc))),
        ];
        client_pin(state, p, cp::sub::SET_PIN, request);
    }

    /// A token as a platform gets it: 0x09 with `permissions` (and rpId), or 0x05 when None.
    fn token(state: &mut KeyState, p: PinProtocol, permissions: Option<u8>, rp_id: Option<&str>) -> Vec<u8> {
        let (ours, shared) = agree(state, p);
        let mut request = vec![
            (cp::KEY_AGREEMENT, Some(ours.public_cose().to_value())),
            (cp::PIN_HASH_ENC, Some(bytes(&p.encrypt(&shared, &pin_hash(PIN)).unwrap()))),
        ];
        let sub_command = match permissions {
            Some(bits) => {
                request.push((cp::PERMISSIONS, Some(uint(u64::from(bits)))));
                request.push((cp::RP_ID, rp_id.map(text)));
                cp::sub::GET_TOKEN_USING_PIN_WITH_PERMISSIONS
            }
            None => cp::sub::GET_PIN_TOKEN,
        };
        let answer = client_pin(state, p, sub_command, request);
        let encrypted = MapView::new(&answer, "answer").unwrap().req_bytes(cp::response::PIN_UV_AUTH_TOKEN).unwrap();
        p.decrypt(&shared, encrypted).unwrap().to_vec()
    }

    /// A discoverable credential `created`-th on the key, its id 16 bytes of 0x10 + created.
    fn credential(rp: &str, user: &str, created: u64) -> StoredCredential {
        let alg = if created.is_multiple_of(2) { ALG_ES256 } else { ALG_EDDSA };
        let key = CredentialPrivateKey::generate(alg).unwrap();
        StoredCredential {
            id: vec![0x10 + created as u8; 16],
            rp_id: rp.to_string(),
            rp_name: (rp != "a.example").then(|| format!("{rp} (name {created})")),
            user_id: user.as_bytes().to_vec(),
            user_name: Some(format!("{user}@{rp}")),
            user_display_name: Some(user.to_uppercase()),
            key: StoredCredentialKey::from(&key),
            discoverable: true,
            cred_protect: (created % 3) as u8 + 1,
            hmac_secret: None,
            third_party_payment: false,
            large_blob_key: None,
            cred_blob: None,
            created,
        }
    }

    /// 3 RPs × 2 users, interleaved, plus one non-discoverable credential that must stay unseen.
    fn credentials() -> Vec<StoredCredential> {
        let mut all = Vec::new();
        for (created, (user, rp)) in ["alice", "bob"].iter().flat_map(|u| RPS.iter().map(move |r| (*u, *r))).enumerate()
        {
            all.push(credential(rp, user, created as u64));
        }
        let mut hidden = credential("a.example", "carol", 6);
        hidden.discoverable = false;
        all.push(hidden);
        all
    }

    fn key(profile: Profile) -> KeyState {
        let mut state = KeyState::new(Identity {
            profile,
            aaguid: "00000000-0000-0000-0000-000000000000".into(),
            firmware: 1,
            max_resident: 25,
            bio: false,
        });
        state.credentials = credentials();
        state.next_credential_sequence = 7;
        set_pin(&mut state, if profile == Profile::Ctap21 { PinProtocol::V2 } else { PinProtocol::V1 });
        state
    }

    fn by_id(created: u64) -> Vec<u8> {
        vec![0x10 + created as u8; 16]
    }

    fn rp_hash_param(rp: &str) -> Value {
        int_map([(param::RP_ID_HASH, Some(bytes(&rp_id_hash(rp))))])
    }

    fn id_param(id: &[u8]) -> Value {
        int_map([(param::CREDENTIAL_ID, Some(CredentialDescriptor { id: id.to_vec() }.to_value()))])
    }

    fn update_param(id: &[u8], user: &User) -> Value {
        int_map([
            (param::CREDENTIAL_ID, Some(CredentialDescriptor { id: id.to_vec() }.to_value())),
            (param::USER, Some(user.to_value())),
        ])
    }

    /// A test platform holding one token, talking on one command byte.
    struct Platform {
        command: u8,
        p: PinProtocol,
        token: Vec<u8>,
    }

    impl Platform {
        fn request(&self, sub_command: u8, params: Option<Value>, signed: bool) -> Value {
            let mut message = vec![sub_command];
            if let Some(v) = &params {
                message.extend(cbor::encode(v));
            }
            int_map([
                (field::SUB_COMMAND, Some(uint(u64::from(sub_command)))),
                (field::SUB_COMMAND_PARAMS, params),
                (field::PIN_UV_AUTH_PROTOCOL, signed.then(|| uint(u64::from(self.p.number())))),
                (field::PIN_UV_AUTH_PARAM, signed.then(|| bytes(&self.p.authenticate(&self.token, &message)))),
            ])
        }

        fn call(&self, state: &mut KeyState, sub_command: u8, params: Option<Value>) -> Result<Option<Value>, u8> {
            let signed = !matches!(sub_command, sub::ENUMERATE_RPS_NEXT | sub::ENUMERATE_CREDENTIALS_NEXT);
            dispatch(state, self.command, Some(&self.request(sub_command, params, signed)))
        }

        /// (existing, remaining)
        fn metadata(&self, state: &mut KeyState) -> Result<(u64, u64), u8> {
            let answer = self.call(state, sub::GET_CREDS_METADATA, None)?.unwrap();
            let m = MapView::new(&answer, "metadata").unwrap();
            Ok((
                m.req_u64(response::EXISTING_RESIDENT_CREDENTIALS_COUNT).unwrap(),
                m.req_u64(response::MAX_POSSIBLE_REMAINING_RESIDENT_CREDENTIALS_COUNT).unwrap(),
            ))
        }

        /// Every RP as (entity, hash), after checking totalRPs appears in the first answer only.
        fn rps(&self, state: &mut KeyState) -> Result<Vec<(RelyingParty, Vec<u8>)>, u8> {
            let first = self.call(state, sub::ENUMERATE_RPS_BEGIN, None)?.unwrap();
            let total = MapView::new(&first, "rps").unwrap().req_u64(response::TOTAL_RPS).unwrap();
            let mut answers = vec![first];
            for _ in 1..total {
                let next = self.call(state, sub::ENUMERATE_RPS_NEXT, None).unwrap().unwrap();
                assert_eq!(MapView::new(&next, "rps").unwrap().get(response::TOTAL_RPS), None);
                answers.push(next);
            }
            // Enumeration over: one more "next" is not allowed.
            assert_eq!(self.call(state, sub::ENUMERATE_RPS_NEXT, None), Err(code::NOT_ALLOWED));
            Ok(answers
                .iter()
                .map(|a| {
                    let m = MapView::new(a, "rp").unwrap();
                    let rp = RelyingParty::from_value(m.require(response::RP).unwrap()).unwrap();
                    (rp, m.req_bytes(response::RP_ID_HASH).unwrap().to_vec())
                })
                .collect())
        }

        /// Every credential of one RP, each answer as a map.
        fn credentials(&self, state: &mut KeyState, rp: &str) -> Result<Vec<Value>, u8> {
            let first = self.call(state, sub::ENUMERATE_CREDENTIALS_BEGIN, Some(rp_hash_param(rp)))?.unwrap();
            let total = MapView::new(&first, "creds").unwrap().req_u64(response::TOTAL_CREDENTIALS).unwrap();
            let mut answers = vec![first];
            for _ in 1..total {
                let next = self.call(state, sub::ENUMERATE_CREDENTIALS_NEXT, None).unwrap().unwrap();
                assert_eq!(MapView::new(&next, "creds").unwrap().get(response::TOTAL_CREDENTIALS), None);
                answers.push(next);
            }
            assert_eq!(self.call(state, sub::ENUMERATE_CREDENTIALS_NEXT, None), Err(code::NOT_ALLOWED));
            Ok(answers)
        }

        fn delete(&self, state: &mut KeyState, id: &[u8]) -> Result<(), u8> {
            self.call(state, sub::DELETE_CREDENTIAL, Some(id_param(id))).map(|_| ())
        }

        fn update(&self, state: &mut KeyState, id: &[u8], user: &User) -> Result<(), u8> {
            self.call(state, sub::UPDATE_USER_INFORMATION, Some(update_param(id, user))).map(|_| ())
        }
    }

    fn standard(state: &mut KeyState) -> Platform {
        let token = token(state, PinProtocol::V2, Some(CM), None);
        Platform { command: STANDARD, p: PinProtocol::V2, token }
    }

    fn user_of(answer: &Value) -> User {
        User::from_value(MapView::new(answer, "cred").unwrap().require(response::USER).unwrap()).unwrap()
    }

    fn id_of(answer: &Value) -> Vec<u8> {
        let m = MapView::new(answer, "cred").unwrap();
        CredentialDescriptor::from_value(m.require(response::CREDENTIAL_ID).unwrap()).unwrap().unwrap().id
    }

    fn stored(state: &KeyState, id: &[u8]) -> Option<StoredCredential> {
        state.credentials.iter().find(|c| c.id == id).cloned()
    }

    #[test]
    fn metadata_counts_discoverable_credentials_only() {
        let mut state = key(Profile::Ctap21);
        let platform = standard(&mut state);
        assert_eq!(platform.metadata(&mut state), Ok((6, 19)));
        assert_eq!(u64::from(state.remaining_discoverable()), 19);
    }

    #[test]
    fn rps_in_order_of_their_oldest_credential_with_hashes_and_names() {
        let mut state = key(Profile::Ctap21);
        let platform = standard(&mut state);
        let rps = platform.rps(&mut state).unwrap();
        let ids: Vec<&str> = rps.iter().map(|(rp, _)| rp.id.as_str()).collect();
        assert_eq!(ids, RPS);
        for (rp, hash) in &rps {
            assert_eq!(hash.as_slice(), Sha256::digest(rp.id.as_bytes()).as_slice());
        }
        // The newest registration's name; an RP registered without one has none.
        assert_eq!(rps[0].0.name.as_deref(), Some("b.example (name 3)"));
        assert_eq!(rps[1].0.name, None);
        assert_eq!(rps[2].0.name.as_deref(), Some("c.example (name 5)"));

        let mut empty = key(Profile::Ctap21);
        empty.credentials.retain(|c| !c.discoverable);
        let platform = standard(&mut empty);
        assert_eq!(platform.call(&mut empty, sub::ENUMERATE_RPS_BEGIN, None), Err(code::NO_CREDENTIALS));
        assert_eq!(platform.metadata(&mut empty), Ok((0, 25)));
    }

    #[test]
    fn credentials_per_rp_newest_first_with_their_public_keys() {
        let mut state = key(Profile::Ctap21);
        let platform = standard(&mut state);
        for (index, rp) in RPS.iter().enumerate() {
            let answers = platform.credentials(&mut state, rp).unwrap();
            // bob registered after alice at every RP; carol's credential is not discoverable.
            let created = [index as u64 + 3, index as u64];
            assert_eq!(answers.iter().map(id_of).collect::<Vec<_>>(), created.map(by_id));
            for (answer, created) in answers.iter().zip(created) {
                let expected = state.credentials.iter().find(|c| c.created == created).unwrap();
                let m = MapView::new(answer, "cred").unwrap();
                let public = CredentialPrivateKey::try_from(&expected.key).unwrap().public_cose().unwrap();
                assert_eq!(m.require(response::PUBLIC_KEY).unwrap(), &public.to_value());
                assert_eq!(m.req_u64(response::CRED_PROTECT).unwrap(), u64::from(expected.cred_protect));
                let user = user_of(answer);
                assert_eq!(user.id, expected.user_id);
                assert_eq!(user.name, expected.user_name);
                assert_eq!(user.display_name, expected.user_display_name);
            }
        }
        assert_eq!(platform.credentials(&mut state, "z.example"), Err(code::NO_CREDENTIALS));
    }

    #[test]
    fn delete_removes_exactly_the_credential_named() {
        let mut state = key(Profile::Ctap21);
        let platform = standard(&mut state);
        let before = state.credentials.clone();
        let id = by_id(1);
        // A prefix of an id, an id with a byte more, and the hidden credential's id name nothing.
        for wrong in [id[..8].to_vec(), [id.clone(), vec![0]].concat(), by_id(6), Vec::new()] {
            assert_eq!(platform.delete(&mut state, &wrong), Err(code::NO_CREDENTIALS), "{}", hex::encode(&wrong));
        }
        assert_eq!(state.credentials, before);

        assert_eq!(platform.delete(&mut state, &id), Ok(()));
        assert_eq!(state.credentials.len(), before.len() - 1);
        assert!(stored(&state, &id).is_none());
        assert!(before.iter().filter(|c| c.id != id).all(|c| state.credentials.contains(c)));
        assert_eq!(platform.metadata(&mut state), Ok((5, 20)));
        assert_eq!(
            platform.credentials(&mut state, "a.example").unwrap().iter().map(id_of).collect::<Vec<_>>(),
            [by_id(4)]
        );
        assert_eq!(platform.delete(&mut state, &id), Err(code::NO_CREDENTIALS));
    }

    #[test]
    fn update_replaces_names_for_the_same_user_only() {
        let mut state = key(Profile::Ctap21);
        let platform = standard(&mut state);
        let id = by_id(2);
        let user_id = b"alice".to_vec();
        let renamed = User { id: user_id.clone(), name: Some("alice2".into()), display_name: Some("Alice Two".into()) };
        assert_eq!(platform.update(&mut state, &id, &renamed), Ok(()));
        let c = stored(&state, &id).unwrap();
        assert_eq!((c.user_name.as_deref(), c.user_display_name.as_deref()), (Some("alice2"), Some("Alice Two")));
        let listed = platform.credentials(&mut state, "c.example").unwrap();
        assert_eq!(user_of(&listed[1]), renamed);

        // What is not sent (or sent empty) is removed: the whole entity is replaced.
        let bare = User { id: user_id.clone(), name: Some(String::new()), display_name: None };
        assert_eq!(platform.update(&mut state, &id, &bare), Ok(()));
        let c = stored(&state, &id).unwrap();
        assert_eq!((c.user_name, c.user_display_name), (None, None));

        let other = User { id: b"bob".to_vec(), name: Some("mallory".into()), display_name: None };
        assert_eq!(platform.update(&mut state, &id, &other), Err(code::INVALID_PARAMETER));
        assert_eq!(stored(&state, &id).unwrap().user_id, user_id);
        assert_eq!(platform.update(&mut state, &by_id(6), &renamed), Err(code::NO_CREDENTIALS));
        // Another credential of the same user is untouched.
        assert_eq!(stored(&state, &by_id(0)).unwrap().user_name.as_deref(), Some("alice@b.example"));
    }

    #[test]
    fn rp_bound_token_reaches_its_own_rp_only() {
        let mut state = key(Profile::Ctap21);
        let token = token(&mut state, PinProtocol::V2, Some(CM), Some("a.example"));
        let platform = Platform { command: STANDARD, p: PinProtocol::V2, token };
        assert_eq!(platform.metadata(&mut state), Err(code::PIN_AUTH_INVALID));
        assert_eq!(platform.call(&mut state, sub::ENUMERATE_RPS_BEGIN, None), Err(code::PIN_AUTH_INVALID));

        assert_eq!(platform.credentials(&mut state, "a.example").unwrap().len(), 2);
        for other in ["b.example", "z.example"] {
            assert_eq!(platform.credentials(&mut state, other), Err(code::PIN_AUTH_INVALID), "{other}");
        }
        let before = state.credentials.clone();
        let user = User { id: b"alice".to_vec(), name: Some("x".into()), display_name: None };
        assert_eq!(platform.update(&mut state, &by_id(0), &user), Err(code::PIN_AUTH_INVALID));
        assert_eq!(platform.delete(&mut state, &by_id(0)), Err(code::PIN_AUTH_INVALID));
        assert_eq!(state.credentials, before);

        assert_eq!(platform.update(&mut state, &by_id(1), &user), Ok(()));
        assert_eq!(platform.delete(&mut state, &by_id(4)), Ok(()));
        assert_eq!(state.credentials.len(), before.len() - 1);
    }

    #[test]
    fn next_needs_its_begin_immediately_before() {
        let mut state = key(Profile::Ctap21);
        let platform = standard(&mut state);
        assert_eq!(platform.call(&mut state, sub::ENUMERATE_RPS_NEXT, None), Err(code::NOT_ALLOWED));
        assert_eq!(platform.call(&mut state, sub::ENUMERATE_CREDENTIALS_NEXT, None), Err(code::NOT_ALLOWED));

        // Any other command in between ends the enumeration, getInfo included.
        platform.call(&mut state, sub::ENUMERATE_RPS_BEGIN, None).unwrap();
        assert!(state.enumerations.cred_mgmt.is_some());
        dispatch(&mut state, command::GET_INFO, None).unwrap();
        assert_eq!(state.enumerations.cred_mgmt, None);
        assert_eq!(platform.call(&mut state, sub::ENUMERATE_RPS_NEXT, None), Err(code::NOT_ALLOWED));

        // The other enumeration's "next" is no continuation either, and ends this one.
        platform.call(&mut state, sub::ENUMERATE_RPS_BEGIN, None).unwrap();
        assert_eq!(platform.call(&mut state, sub::ENUMERATE_CREDENTIALS_NEXT, None), Err(code::NOT_ALLOWED));
        assert_eq!(platform.call(&mut state, sub::ENUMERATE_RPS_NEXT, None), Err(code::NOT_ALLOWED));

        // A refused request ends it; so does a power cycle.
        platform.call(&mut state, sub::ENUMERATE_CREDENTIALS_BEGIN, Some(rp_hash_param("b.example"))).unwrap();
        assert_eq!(dispatch(&mut state, STANDARD, Some(&uint(1))), Err(code::CBOR_UNEXPECTED_TYPE));
        assert_eq!(platform.call(&mut state, sub::ENUMERATE_CREDENTIALS_NEXT, None), Err(code::NOT_ALLOWED));
        platform.call(&mut state, sub::ENUMERATE_CREDENTIALS_BEGIN, Some(rp_hash_param("b.example"))).unwrap();
        state.power_up();
        assert_eq!(platform.call(&mut state, sub::ENUMERATE_CREDENTIALS_NEXT, None), Err(code::NOT_ALLOWED));

        // An RP with one credential leaves nothing to continue.
        state.credentials.retain(|c| c.created != 0);
        let platform = standard(&mut state);
        assert_eq!(platform.credentials(&mut state, "b.example").unwrap().len(), 1);
        assert_eq!(state.enumerations.cred_mgmt, None);
    }

    #[test]
    fn pin_uv_auth_param_is_checked() {
        let mut state = key(Profile::Ctap21);
        let platform = standard(&mut state);
        let request = |sub_command, params: Option<Value>, auth: Option<(u64, Vec<u8>)>| {
            int_map([
                (field::SUB_COMMAND, Some(uint(u64::from(sub_command)))),
                (field::SUB_COMMAND_PARAMS, params),
                (field::PIN_UV_AUTH_PROTOCOL, auth.as_ref().map(|(p, _)| uint(*p))),
                (field::PIN_UV_AUTH_PARAM, auth.map(|(_, a)| bytes(&a))),
            ])
        };
        let good = platform.p.authenticate(&platform.token, &[sub::GET_CREDS_METADATA]);
        let mut flipped = good.clone();
        flipped[3] ^= 1;
        for (auth, expected) in [
            (None, code::PUAT_REQUIRED),
            (Some((2, flipped)), code::PIN_AUTH_INVALID),
            (Some((2, good[..16].to_vec())), code::PIN_AUTH_INVALID),
            (Some((2, Vec::new())), code::PIN_AUTH_INVALID),
            // The token belongs to protocol 2; protocol 3 does not exist.
            (Some((1, good[..16].to_vec())), code::PIN_AUTH_INVALID),
            (Some((3, good.clone())), code::INVALID_PARAMETER),
        ] {
            let answer = dispatch(&mut state, STANDARD, Some(&request(sub::GET_CREDS_METADATA, None, auth.clone())));
            assert_eq!(answer, Err(expected), "{auth:?}");
        }
        let no_protocol = int_map([
            (field::SUB_COMMAND, Some(uint(u64::from(sub::GET_CREDS_METADATA)))),
            (field::PIN_UV_AUTH_PARAM, Some(bytes(&good))),
        ]);
        assert_eq!(dispatch(&mut state, STANDARD, Some(&no_protocol)), Err(code::MISSING_PARAMETER));
        assert_eq!(
            dispatch(&mut state, STANDARD, Some(&request(sub::GET_CREDS_METADATA, None, Some((2, good))))).map(|_| ()),
            Ok(())
        );

        // The MAC covers the parameters: the same MAC for another credential is refused.
        let mac = platform.p.authenticate(
            &platform.token,
            &[&[sub::DELETE_CREDENTIAL][..], &cbor::encode(&id_param(&by_id(0)))].concat(),
        );
        let swapped = request(sub::DELETE_CREDENTIAL, Some(id_param(&by_id(1))), Some((2, mac)));
        assert_eq!(dispatch(&mut state, STANDARD, Some(&swapped)), Err(code::PIN_AUTH_INVALID));
        assert_eq!(state.credentials.len(), 7);
        for sub_command in [
            sub::ENUMERATE_RPS_BEGIN,
            sub::ENUMERATE_CREDENTIALS_BEGIN,
            sub::DELETE_CREDENTIAL,
            sub::UPDATE_USER_INFORMATION,
        ] {
            let answer = dispatch(&mut state, STANDARD, Some(&request(sub_command, Some(id_param(&by_id(0))), None)));
            assert_eq!(answer, Err(code::PUAT_REQUIRED), "{sub_command}");
        }

        // A token without cm: getPinToken's (mc|ga), and a 0x09 token for makeCredential.
        for permissions in [None, Some(permission::MAKE_CREDENTIAL)] {
            let token =
                token(&mut state, PinProtocol::V2, permissions, Some("a.example").filter(|_| permissions.is_some()));
            let platform = Platform { command: STANDARD, p: PinProtocol::V2, token };
            assert_eq!(platform.metadata(&mut state), Err(code::PIN_AUTH_INVALID));
            assert_eq!(platform.delete(&mut state, &by_id(1)), Err(code::PIN_AUTH_INVALID));
        }
        // A protocol 1 token with cm works as well as a protocol 2 one.
        let token = token(&mut state, PinProtocol::V1, Some(CM), None);
        let platform = Platform { command: STANDARD, p: PinProtocol::V1, token };
        assert_eq!(platform.metadata(&mut state), Ok((6, 19)));
        assert_eq!(state.credentials.len(), 7);
    }

    #[test]
    fn malformed_requests() {
        let mut state = key(Profile::Ctap21);
        let platform = standard(&mut state);
        assert_eq!(dispatch(&mut state, STANDARD, None), Err(code::MISSING_PARAMETER));
        assert_eq!(dispatch(&mut state, STANDARD, Some(&bytes(&[1]))), Err(code::CBOR_UNEXPECTED_TYPE));
        let bare = |entries: Vec<(i64, Option<Value>)>| int_map(entries);
        assert_eq!(dispatch(&mut state, STANDARD, Some(&bare(vec![]))), Err(code::MISSING_PARAMETER));
        for wrong in [
            vec![(field::SUB_COMMAND, Some(text("1")))],
            vec![(field::SUB_COMMAND, Some(cbor::int(-1)))],
            vec![(field::SUB_COMMAND, Some(uint(4))), (field::SUB_COMMAND_PARAMS, Some(bytes(&[1])))],
            vec![(field::SUB_COMMAND, Some(uint(1))), (field::PIN_UV_AUTH_PROTOCOL, Some(text("2")))],
            vec![(field::SUB_COMMAND, Some(uint(1))), (field::PIN_UV_AUTH_PARAM, Some(uint(2)))],
        ] {
            assert_eq!(
                dispatch(&mut state, STANDARD, Some(&bare(wrong.clone()))),
                Err(code::CBOR_UNEXPECTED_TYPE),
                "{wrong:?}"
            );
        }
        for unknown in [0, 8, 0xFF, 0x101, u64::MAX] {
            let request = bare(vec![(field::SUB_COMMAND, Some(uint(unknown)))]);
            assert_eq!(dispatch(&mut state, STANDARD, Some(&request)), Err(code::INVALID_SUBCOMMAND), "{unknown}");
        }

        // Well authenticated, badly parameterised.
        let descriptor = |entries: Vec<(&str, Value)>| {
            int_map([(
                param::CREDENTIAL_ID,
                Some(Value::Map(entries.into_iter().map(|(k, v)| (text(k), v)).collect())),
            )])
        };
        for (sub_command, params, expected) in [
            (sub::ENUMERATE_CREDENTIALS_BEGIN, None, code::MISSING_PARAMETER),
            (sub::ENUMERATE_CREDENTIALS_BEGIN, Some(int_map([])), code::MISSING_PARAMETER),
            (
                sub::ENUMERATE_CREDENTIALS_BEGIN,
                Some(int_map([(param::RP_ID_HASH, Some(text("b.example")))])),
                code::CBOR_UNEXPECTED_TYPE,
            ),
            (
                sub::ENUMERATE_CREDENTIALS_BEGIN,
                Some(int_map([(param::RP_ID_HASH, Some(bytes(&[0; 31])))])),
                code::NO_CREDENTIALS,
            ),
            (sub::DELETE_CREDENTIAL, None, code::MISSING_PARAMETER),
            (sub::DELETE_CREDENTIAL, Some(descriptor(vec![("id", bytes(&by_id(0)))])), code::MISSING_PARAMETER),
            (
                sub::DELETE_CREDENTIAL,
                Some(descriptor(vec![("id", text("x")), ("type", text("public-key"))])),
                code::CBOR_UNEXPECTED_TYPE,
            ),
            (
                sub::DELETE_CREDENTIAL,
                Some(descriptor(vec![("id", bytes(&by_id(0))), ("type", text("other"))])),
                code::NO_CREDENTIALS,
            ),
            (
                sub::DELETE_CREDENTIAL,
                Some(int_map([(param::CREDENTIAL_ID, Some(bytes(&by_id(0))))])),
                code::CBOR_UNEXPECTED_TYPE,
            ),
            (sub::UPDATE_USER_INFORMATION, Some(id_param(&by_id(0))), code::MISSING_PARAMETER),
            (
                sub::UPDATE_USER_INFORMATION,
                Some(int_map([(param::USER, Some(User { id: b"alice".to_vec(), ..User::default() }.to_value()))])),
                code::MISSING_PARAMETER,
            ),
        ] {
            assert_eq!(
                platform.call(&mut state, sub_command, params.clone()),
                Err(expected),
                "{sub_command} {params:?}"
            );
        }
        assert_eq!(state.credentials, credentials_like(&state));
    }

    /// The credentials as `key` made them (keys aside): nothing changed.
    fn credentials_like(state: &KeyState) -> Vec<StoredCredential> {
        let fresh = credentials();
        state
            .credentials
            .iter()
            .zip(fresh)
            .map(|(now, mut made)| {
                made.key = now.key.clone();
                made
            })
            .collect()
    }

    #[test]
    fn preview_on_ctap21_pre_with_a_get_pin_token_token() {
        let mut state = key(Profile::Ctap21Pre);
        let token = token(&mut state, PinProtocol::V1, None, None);
        let platform = Platform { command: PREVIEW, p: PinProtocol::V1, token };
        assert_eq!(platform.metadata(&mut state), Ok((6, 19)));
        let rps = platform.rps(&mut state).unwrap();
        assert_eq!(rps.iter().map(|(rp, _)| rp.id.as_str()).collect::<Vec<_>>(), RPS);
        let creds = platform.credentials(&mut state, "c.example").unwrap();
        assert_eq!(creds.iter().map(id_of).collect::<Vec<_>>(), [by_id(5), by_id(2)]);
        assert_eq!(platform.delete(&mut state, &by_id(5)), Ok(()));
        assert_eq!(platform.metadata(&mut state), Ok((5, 20)));

        // No updateUserInformation in the preview, however well it is authenticated.
        let user = User { id: b"alice".to_vec(), name: Some("x".into()), display_name: None };
        assert_eq!(platform.update(&mut state, &by_id(2), &user), Err(code::INVALID_SUBCOMMAND));
        assert_eq!(stored(&state, &by_id(2)).unwrap().user_name.as_deref(), Some("alice@c.example"));
        // Still a MAC check: a wrong token is refused.
        let wrong = Platform { command: PREVIEW, p: PinProtocol::V1, token: vec![7; 32] };
        assert_eq!(wrong.metadata(&mut state), Err(code::PIN_AUTH_INVALID));

        // A preview key has no 0x0A.
        let standard_byte = Platform { command: STANDARD, ..platform };
        assert_eq!(standard_byte.metadata(&mut state), Err(code::INVALID_COMMAND));
    }

    /// What libfido2 1.12-1.14 does on a 2.1 key: a protocol-2 token with cm from 0x09, every
    /// subcommand (update included) over 0x41, MAC over subCommand || subCommandParams.
    #[test]
    fn preview_on_ctap21_as_libfido2_sends_it() {
        let mut state = key(Profile::Ctap21);
        let info = super::super::profile::get_info(&state);
        assert_eq!(info.versions, ["FIDO_2_0", "FIDO_2_1_PRE", "FIDO_2_1"]);
        assert_eq!(info.options.get("credentialMgmtPreview"), Some(&true));
        assert_eq!(info.options.get("credMgmt"), Some(&true));

        let platform = Platform { command: PREVIEW, ..standard(&mut state) };
        assert_eq!(platform.metadata(&mut state), Ok((6, 19)));
        let rps = platform.rps(&mut state).unwrap();
        assert_eq!(rps.iter().map(|(rp, _)| rp.id.as_str()).collect::<Vec<_>>(), RPS);
        let creds = platform.credentials(&mut state, "c.example").unwrap();
        assert_eq!(creds.iter().map(id_of).collect::<Vec<_>>(), [by_id(5), by_id(2)]);
        // The keys libfido2 parses: user 6, credentialID 7, publicKey 8, totalCredentials 9.
        let first = MapView::new(&creds[0], "cred").unwrap();
        for k in [response::USER, response::CREDENTIAL_ID, response::PUBLIC_KEY, response::TOTAL_CREDENTIALS] {
            assert!(first.get(k).is_some(), "{k}");
        }
        let user = User { id: b"alice".to_vec(), name: Some("renamed".into()), display_name: None };
        assert_eq!(platform.update(&mut state, &by_id(2), &user), Ok(()));
        assert_eq!(stored(&state, &by_id(2)).unwrap().user_name.as_deref(), Some("renamed"));
        assert_eq!(platform.delete(&mut state, &by_id(5)), Ok(()));
        assert_eq!(platform.metadata(&mut state), Ok((5, 20)));
        // And 0x0A still answers the same token.
        let standard_byte = Platform { command: STANDARD, ..platform };
        assert_eq!(standard_byte.metadata(&mut state), Ok((5, 20)));
    }

    /// CTAP 2.1 §6.8 (and what python-fido2 expects): a token without cm is PIN_AUTH_INVALID,
    /// on either command byte; UNAUTHORIZED_PERMISSION is only 0x09's answer.
    #[test]
    fn a_token_without_cm_is_pin_auth_invalid() {
        for command_byte in [STANDARD, PREVIEW] {
            for permissions in [Some(cp::permission::MAKE_CREDENTIAL), None] {
                let mut state = key(Profile::Ctap21);
                let token = token(&mut state, PinProtocol::V2, permissions, None);
                let platform = Platform { command: command_byte, p: PinProtocol::V2, token };
                assert_eq!(platform.metadata(&mut state), Err(code::PIN_AUTH_INVALID), "{command_byte:#x}");
                assert_eq!(platform.delete(&mut state, &by_id(0)), Err(code::PIN_AUTH_INVALID));
                assert_eq!(state.credentials.len(), 7);
            }
        }
    }

    #[test]
    fn ctap20_has_no_credential_management() {
        let mut state = key(Profile::Ctap20);
        let token = token(&mut state, PinProtocol::V1, None, None);
        for command_byte in [STANDARD, PREVIEW] {
            let platform = Platform { command: command_byte, p: PinProtocol::V1, token: token.clone() };
            assert_eq!(platform.metadata(&mut state), Err(code::INVALID_COMMAND));
            assert_eq!(platform.delete(&mut state, &by_id(0)), Err(code::INVALID_COMMAND));
        }
        assert_eq!(state.credentials.len(), 7);
    }

    // ---- python-fido2's request bytes ------------------------------------------------------

    const REQUESTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/vectors/ctap2_requests.json");

    #[test]
    fn python_fido2_requests() {
        let all: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(REQUESTS).unwrap()).unwrap();
        let request = |name: &str| {
            let found = all["requests"].as_array().unwrap().iter().find(|r| r["name"] == name).unwrap();
            let raw = hex::decode(found["request_hex"].as_str().unwrap()).unwrap();
            assert_eq!(raw[0], STANDARD);
            cbor::decode(&raw[1..]).unwrap()
        };
        let recorded_message =
            |name: &str| hex::decode(all["pin_uv_auth_param_messages"][name].as_str().unwrap()).unwrap();

        // The credential python-fido2's requests name: 16 × 0xbb at example.com, user 010203.
        let mut state = key(Profile::Ctap21);
        let mut theirs = credential("example.com", "x", 9);
        theirs.id = vec![0xbb; 16];
        theirs.user_id = vec![1, 2, 3];
        state.credentials.push(theirs);
        let platform = standard(&mut state);

        // Their pinUvAuthParam is a stand-in: sign what they signed with our token, and where
        // the message they sign is recorded, sign that (so our reading of it must agree).
        let signed = |request: Value, message: Vec<u8>| {
            let Value::Map(mut entries) = request else { panic!("not a map") };
            for (k, v) in entries.iter_mut() {
                if cbor::as_i64(k) == Some(field::PIN_UV_AUTH_PARAM) {
                    *v = bytes(&platform.p.authenticate(&platform.token, &message));
                }
            }
            Value::Map(entries)
        };
        let own_message = |request: &Value| {
            let m = MapView::new(request, "request").unwrap();
            let mut message = vec![m.req_u64(field::SUB_COMMAND).unwrap() as u8];
            if let Some(p) = m.get(field::SUB_COMMAND_PARAMS) {
                message.extend(cbor::encode(p));
            }
            message
        };

        let metadata =
            signed(request("credentialManagement getCredsMetadata"), recorded_message("credMgmt getCredsMetadata"));
        let answer = dispatch(&mut state, STANDARD, Some(&metadata)).unwrap().unwrap();
        // {1: 7, 2: 18}
        assert_eq!(hex::encode(cbor::encode(&answer)), "a201070212");

        let begin = request("credentialManagement enumerateRPsBegin");
        let begin = signed(begin.clone(), own_message(&begin));
        assert!(dispatch(&mut state, STANDARD, Some(&begin)).is_ok());
        assert!(dispatch(&mut state, STANDARD, Some(&request("credentialManagement enumerateRPsGetNextRP"))).is_ok());

        let creds = signed(
            request("credentialManagement enumerateCredentialsBegin"),
            recorded_message("credMgmt enumerateCredentialsBegin"),
        );
        let answer = dispatch(&mut state, STANDARD, Some(&creds)).unwrap().unwrap();
        assert_eq!(id_of(&answer), vec![0xbb; 16]);
        assert_eq!(MapView::new(&answer, "cred").unwrap().req_u64(response::TOTAL_CREDENTIALS), Ok(1));

        let update = request("credentialManagement updateUserInformation");
        let update = signed(update.clone(), own_message(&update));
        assert_eq!(dispatch(&mut state, STANDARD, Some(&update)), Ok(None));
        let c = stored(&state, &[0xbb; 16]).unwrap();
        assert_eq!((c.user_name.as_deref(), c.user_display_name.as_deref()), (Some("bob"), Some("Bob")));

        let delete = request("credentialManagement deleteCredential");
        let delete = signed(delete.clone(), own_message(&delete));
        assert_eq!(dispatch(&mut state, STANDARD, Some(&delete)), Ok(None));
        assert!(stored(&state, &[0xbb; 16]).is_none());
        assert_eq!(state.credentials.len(), 7);
    }

    // ---- the host side, over CTAPHID, against this device side -----------------------------

    #[test]
    fn host_credential_manager_against_the_virtual_key() {
        use crate::client::cred_mgmt::{flavor, CredentialManager, Flavor as HostFlavor};
        use crate::client::ctaphid::Channel;
        use crate::client::pin::{get_token, set_pin, start_session};
        use crate::client::{Authenticator, ClientError};
        use crate::transport::in_process::InProcessDevice;
        use crate::transport::{Backend, DeviceDescription};
        use crate::virtual_key::state::StateFile;
        use crate::virtual_key::{CreateOptions, VirtualKey};

        for (profile, expected_flavor) in
            [(Profile::Ctap21, HostFlavor::Standard), (Profile::Ctap21Pre, HostFlavor::Preview)]
        {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("key.json");
            drop(VirtualKey::create(&path, &CreateOptions { profile, ..CreateOptions::default() }).unwrap());
            let made = credentials();
            {
                let mut file = StateFile::open(&path).unwrap();
                file.state.credentials = made.clone();
                file.state.next_credential_sequence = 7;
                file.save().unwrap();
            }
            let description = DeviceDescription::new(format!("virtual:{}", path.display()), Backend::Virtual);
            let channel = Channel::open(Box::new(InProcessDevice::open(&path).unwrap())).unwrap();
            let mut auth = Authenticator::new(channel, description);
            assert_eq!(flavor(&mut auth).unwrap(), Some(expected_flavor));
            let session = start_session(&mut auth).unwrap();
            set_pin(&mut auth, &session, PIN).unwrap();
            auth.refresh_info().unwrap();
            let token = get_token(&mut auth, &session, PIN, CM, None).unwrap();
            let mut manager = CredentialManager::new(&mut auth, &token, expected_flavor);

            let metadata = manager.metadata().unwrap();
            assert_eq!((metadata.existing, metadata.remaining), (6, 19), "{profile:?}");
            let rps = manager.relying_parties().unwrap();
            assert_eq!(rps.iter().map(|r| r.rp.id.as_str()).collect::<Vec<_>>(), RPS);
            for rp in &rps {
                assert_eq!(rp.rp_id_hash, rp_id_hash(&rp.rp.id).to_vec());
                let listed = manager.credentials(&rp.rp_id_hash).unwrap();
                assert_eq!(listed.len(), 2);
                for entry in &listed {
                    let original = made.iter().find(|c| c.id == entry.credential_id).unwrap();
                    assert_eq!(original.rp_id, rp.rp.id);
                    assert_eq!(entry.user.name, original.user_name);
                    assert_eq!(entry.algorithm, Some(original.key.alg));
                    assert_eq!(entry.cred_protect, Some(u64::from(original.cred_protect)));
                    let public = CredentialPrivateKey::try_from(&original.key).unwrap().public_cose().unwrap();
                    assert_eq!(entry.public_key, public.to_value());
                }
            }

            manager.delete(&by_id(3)).unwrap();
            let gone = manager.delete(&by_id(3)).unwrap_err();
            assert_eq!(gone.status(), Some(code::NO_CREDENTIALS));
            assert_eq!(manager.metadata().unwrap().existing, 5);
            let b_hash = rp_id_hash("b.example");
            let left: Vec<Vec<u8>> =
                manager.credentials(&b_hash).unwrap().into_iter().map(|c| c.credential_id).collect();
            assert_eq!(left, [by_id(0)]);

            let renamed =
                User { id: b"alice".to_vec(), name: Some("alice.new".into()), display_name: Some("Alice N".into()) };
            match expected_flavor {
                HostFlavor::Standard => {
                    manager.update_user(&by_id(0), &renamed).unwrap();
                    assert_eq!(manager.credentials(&b_hash).unwrap()[0].user, renamed);
                }
                HostFlavor::Preview => {
                    assert!(matches!(manager.update_user(&by_id(0), &renamed), Err(ClientError::Unsupported(_))));
                }
            }
            // Unplug: the key's thread lets go of the state file.
            drop(auth);
            let file = StateFile::open(&path).unwrap();
            assert_eq!(file.state.credentials.len(), 6);
            assert!(!file.state.credentials.iter().any(|c| c.id == by_id(3)));
            let alice_b = file.state.credentials.iter().find(|c| c.created == 0).unwrap();
            let expected_name = if expected_flavor == HostFlavor::Standard { "alice.new" } else { "alice@b.example" };
            assert_eq!(alice_b.user_name.as_deref(), Some(expected_name));
        }
    }
}
