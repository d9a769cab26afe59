//! authenticatorGetAssertion (0x02) and authenticatorGetNextAssertion (0x08), device side, as
//! CTAP 2.1 §6.2 and §6.3 describe them, with the hmac-secret extension (§12.5).
//!
//! Decisions where the spec leaves room, or where this key departs from it on purpose:
//! - `"uv": true` is INVALID_OPTION (no built-in UV; UNSUPPORTED_OPTION on the ctap2.0
//!   profile), and "rk" is UNSUPPORTED_OPTION (INVALID_OPTION on ctap2.0, which called it
//!   "known but not valid for this command"), as for makeCredential.
//! - No applicable credential is NO_CREDENTIALS at once, without a touch: CTAP 2.1 returns it
//!   at step 7, before user presence at step 9.
//! - A token that does not fit is PIN_AUTH_INVALID (step 6.1), as in makeCredential.
//! - The token loses mc/ga when the touch is taken (step 9). An `"up": false` assertion takes
//!   no touch and leaves the token as it was, as the spec says.
//! - The user entity is returned for discoverable credentials only (a non-discoverable one
//!   has no account to report). Its name and displayName only when the PIN token verified the
//!   user and several accounts were found without an allowList: the spec forbids them
//!   without UV and, for a single account, has the key return the id alone.
//! - An allowList that is present but empty counts as absent (the spec only speaks of a
//!   non-empty one); from an allowList the first listed credential is used.
//! - hmac-secret with `"up": false` is UNSUPPORTED_OPTION. Its checks (MAC, salt length) run
//!   after the touch, where §12.5 puts them. A credential made without hmac-secret simply gets
//!   no output. The input is kept (as CBOR) with the pending assertions, so every
//!   getNextAssertion answer carries its own output.
//! - getNextAssertion answers with the UP/UV bits of the getAssertion it continues, and each
//!   assertion, first or next, moves the global signature counter by one. Its 30 s timer
//!   restarts at each call.

use super::attestation::CredentialPrivateKey;
use super::client_pin;
use super::ctap2::{Answer, Tracked};
use super::hid::UserPresence;
use super::request::{
    client_data_hash, credential_ids, extension_entries, options, pin_uv_auth_protocol, request_map, rp_id_hash,
    status_of, touch_probe, uv_configured, uv_option_status, verify_pin_uv_auth,
};
use super::state::{now_ms, HmacSecretKeys, KeyState, PendingAssertions, Profile, StoredCredential};
use crate::proto::auth_data::{AuthenticatorData, FLAG_UP, FLAG_UV};
use crate::proto::cbor::{self, MapView};
use crate::proto::ctap2::client_pin::permission;
use crate::proto::ctap2::get_assertion::{self as field, response};
use crate::proto::entities::{CredentialDescriptor, User};
use crate::proto::status::code;
use ciborium::value::Value;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

/// How long the remaining credentials wait for getNextAssertion (§6.3 step 3).
pub const NEXT_ASSERTION_TIMEOUT_MS: u64 = 30_000;

/// hmac-secret input keys (§12.5).
mod hmac_input {
    pub const KEY_AGREEMENT: i64 = 0x01;
    pub const SALT_ENC: i64 = 0x02;
    pub const SALT_AUTH: i64 = 0x03;
    pub const PIN_UV_AUTH_PROTOCOL: i64 = 0x04;
}

struct Request<'a> {
    rp_id: &'a str,
    client_data_hash: [u8; 32],
    /// None when absent or empty.
    allow_list: Option<Vec<Vec<u8>>>,
    /// The hmac-secret input, type-checked.
    hmac_secret: Option<&'a Value>,
    large_blob_key: bool,
    cred_blob: bool,
    /// thirdPartyPayment: true asks whether the credential is a payment credential (ctap2.2).
    third_party_payment: bool,
    up: bool,
    uv_option: bool,
    rk_option: bool,
    pin_uv_auth_param: Option<&'a [u8]>,
    pin_uv_auth_protocol: Option<u64>,
}

/// `with_blobs`: the profile offers largeBlobKey and credBlob (ctap2.1); `with_payment`:
/// thirdPartyPayment (ctap2.2).
fn parse<'a>(map: &MapView<'a>, with_blobs: bool, with_payment: bool) -> Result<Request<'a>, u8> {
    let rp_id = map.req_text(field::RP_ID).map_err(status_of)?;
    let client_data_hash = client_data_hash(map, field::CLIENT_DATA_HASH)?;
    let allow_list = credential_ids(map, field::ALLOW_LIST)?.filter(|ids| !ids.is_empty());
    let mut hmac_secret = None;
    let (mut large_blob_key, mut cred_blob, mut third_party_payment) = (false, false, false);
    for (name, value) in extension_entries(map, field::EXTENSIONS)? {
        match (name, value) {
            ("hmac-secret", _) => {
                HmacSecretInput::parse(value)?;
                hmac_secret = Some(value);
            }
            ("largeBlobKey", Value::Bool(true)) if with_blobs => large_blob_key = true,
            ("largeBlobKey", Value::Bool(false)) if with_blobs => return Err(code::INVALID_OPTION),
            ("credBlob", Value::Bool(b)) if with_blobs => cred_blob = *b,
            ("largeBlobKey" | "credBlob", _) if with_blobs => return Err(code::CBOR_UNEXPECTED_TYPE),
            ("thirdPartyPayment", Value::Bool(b)) if with_payment => third_party_payment = *b,
            ("thirdPartyPayment", _) if with_payment => return Err(code::CBOR_UNEXPECTED_TYPE),
            _ => {}
        }
    }
    let options = options(map, field::OPTIONS)?;
    Ok(Request {
        rp_id,
        client_data_hash,
        allow_list,
        hmac_secret,
        large_blob_key,
        cred_blob,
        third_party_payment,
        up: options.up.unwrap_or(true),
        uv_option: options.uv == Some(true),
        rk_option: options.rk.is_some(),
        pin_uv_auth_param: map.opt_bytes(field::PIN_UV_AUTH_PARAM).map_err(status_of)?,
        pin_uv_auth_protocol: map.opt_u64(field::PIN_UV_AUTH_PROTOCOL).map_err(status_of)?,
    })
}

/// authenticatorGetAssertion. State changes (token, counter, pending assertions) are saved by
/// the caller.
pub fn handle(state: &mut Tracked, params: Option<&Value>, presence: &mut dyn UserPresence) -> Answer {
    let map = request_map(params, "getAssertion")?;
    touch_probe(state, &map, field::PIN_UV_AUTH_PARAM, presence)?;
    let profile = state.identity.profile;
    let request = parse(&map, profile.is_21(), profile == super::state::Profile::Ctap22)?;
    let profile = state.identity.profile;
    let rp_id = request.rp_id;

    // Step 2.
    let protocol = pin_uv_auth_protocol(state, request.pin_uv_auth_param, request.pin_uv_auth_protocol)?;
    // Step 4: a pinUvAuthParam overrides "uv".
    let with_token = request.pin_uv_auth_param.is_some();
    let builtin_uv = request.uv_option && !with_token && uv_configured(state);
    if request.uv_option && !with_token && !builtin_uv {
        return Err(uv_option_status(profile));
    }
    if request.rk_option {
        return Err(if profile == Profile::Ctap20 { code::INVALID_OPTION } else { code::UNSUPPORTED_OPTION });
    }
    // Step 5: this key offers clientPin, so alwaysUv without a token is PUAT_REQUIRED.
    if state.always_uv && request.up && !with_token && !builtin_uv {
        return Err(code::PUAT_REQUIRED);
    }
    if request.hmac_secret.is_some() && !request.up {
        return Err(code::UNSUPPORTED_OPTION);
    }
    // Step 6.
    let mut uv = false;
    if let Some(auth) = request.pin_uv_auth_param {
        verify_pin_uv_auth(state, protocol, auth, &request.client_data_hash, permission::GET_ASSERTION, rp_id)?;
        uv = true;
    } else if builtin_uv {
        super::bio::verify_user(state)?;
        uv = true;
    }

    // Step 7: credProtect 3 needs UV; 2 needs UV or the credential's id.
    let applicable: Vec<StoredCredential> = match &request.allow_list {
        Some(ids) => {
            let mut found: Vec<StoredCredential> = Vec::new();
            for id in ids {
                let cred = state.credentials.iter().find(|c| &c.id == id && c.rp_id == rp_id);
                if let Some(c) = cred.filter(|c| c.cred_protect < 3 || uv) {
                    if !found.iter().any(|f| f.id == c.id) {
                        found.push(c.clone());
                    }
                }
            }
            found
        }
        None => {
            let mut found: Vec<StoredCredential> = state
                .credentials
                .iter()
                .filter(|c| c.discoverable && c.rp_id == rp_id && (c.cred_protect < 2 || uv))
                .cloned()
                .collect();
            // Newest first (step 12).
            found.sort_by_key(|c| std::cmp::Reverse(c.created));
            found
        }
    };
    let Some(first) = applicable.first() else { return Err(code::NO_CREDENTIALS) };

    // Step 9.
    if request.up {
        presence.wait()?;
        client_pin::clear_permissions_except_lbw(state);
    }

    // Steps 10-13.
    let several = request.allow_list.is_none() && applicable.len() > 1;
    let answer = Assertion {
        rp_id,
        client_data_hash: &request.client_data_hash,
        up: request.up,
        uv,
        hmac_secret: request.hmac_secret,
        large_blob_key: request.large_blob_key,
        cred_blob: request.cred_blob,
        third_party_payment: request.third_party_payment,
        user_details: uv && several,
        number_of_credentials: several.then_some(applicable.len()),
    }
    .sign(state, first)?;
    if several {
        state.enumerations().pending_assertions = Some(PendingAssertions {
            rp_id: rp_id.to_string(),
            client_data_hash: request.client_data_hash,
            remaining: applicable[1..].iter().map(|c| c.id.clone()).collect(),
            user_present: request.up,
            user_verified: uv,
            hmac_secret: request.hmac_secret.cloned(),
            large_blob_key: request.large_blob_key,
            cred_blob: request.cred_blob,
            third_party_payment: request.third_party_payment,
            expires_at_ms: now_ms().saturating_add(NEXT_ASSERTION_TIMEOUT_MS),
        });
    }
    Ok(Some(answer))
}

/// authenticatorGetNextAssertion: the next of the credentials the last getAssertion found.
/// The dispatcher has already forgotten them if any other command came in between.
pub fn next(state: &mut Tracked) -> Answer {
    let mut pending = state.enumerations().pending_assertions.take().ok_or(code::NOT_ALLOWED)?;
    if now_ms() > pending.expires_at_ms || pending.remaining.is_empty() {
        return Err(code::NOT_ALLOWED);
    }
    let id = pending.remaining.remove(0);
    // Nothing can delete it in between (every other command ends the pending list), so a
    // missing one means the list is stale.
    let credential = state.credentials.iter().find(|c| c.id == id).cloned().ok_or(code::NOT_ALLOWED)?;
    let answer = Assertion {
        rp_id: &pending.rp_id,
        client_data_hash: &pending.client_data_hash,
        up: pending.user_present,
        uv: pending.user_verified,
        hmac_secret: pending.hmac_secret.as_ref(),
        large_blob_key: pending.large_blob_key,
        cred_blob: pending.cred_blob,
        third_party_payment: pending.third_party_payment,
        user_details: pending.user_verified,
        number_of_credentials: None,
    }
    .sign(state, &credential)?;
    if !pending.remaining.is_empty() {
        pending.expires_at_ms = now_ms().saturating_add(NEXT_ASSERTION_TIMEOUT_MS);
        state.enumerations().pending_assertions = Some(pending);
    }
    Ok(Some(answer))
}

/// One assertion's response, as getAssertion and getNextAssertion give it.
struct Assertion<'a> {
    rp_id: &'a str,
    client_data_hash: &'a [u8; 32],
    up: bool,
    uv: bool,
    hmac_secret: Option<&'a Value>,
    large_blob_key: bool,
    cred_blob: bool,
    third_party_payment: bool,
    /// name and displayName may be returned.
    user_details: bool,
    number_of_credentials: Option<usize>,
}

impl Assertion<'_> {
    fn sign(&self, state: &mut KeyState, credential: &StoredCredential) -> Result<Value, u8> {
        // Canonical order: "credBlob" before "hmac-secret".
        let mut outputs = Vec::new();
        if self.cred_blob {
            let blob = credential.cred_blob.clone().unwrap_or_default();
            outputs.push((cbor::text("credBlob"), cbor::bytes(&blob)));
        }
        if let Some(input) = self.hmac_secret {
            if let Some(out) = hmac_secret(state, input, credential.hmac_secret.as_ref(), self.uv)? {
                outputs.push((cbor::text("hmac-secret"), cbor::bytes(&out)));
            }
        }
        // Every credential answers: false is an answer too (CTAP 2.2 thirdPartyPayment).
        if self.third_party_payment {
            outputs.push((cbor::text("thirdPartyPayment"), Value::Bool(credential.third_party_payment)));
        }
        let extensions = (!outputs.is_empty()).then_some(Value::Map(outputs));
        let sign_count = state.sign_count.saturating_add(1);
        let auth_data = AuthenticatorData {
            rp_id_hash: rp_id_hash(self.rp_id),
            flags: if self.up { FLAG_UP } else { 0 } | if self.uv { FLAG_UV } else { 0 },
            sign_count,
            attested: None,
            extensions,
        }
        .to_bytes();
        // A key the state file cannot give back is a damaged key.
        let key = CredentialPrivateKey::try_from(&credential.key).map_err(|_| code::OTHER)?;
        let signature = key.sign(&[auth_data.as_slice(), self.client_data_hash].concat()).map_err(|_| code::OTHER)?;
        let credential_id = credential.id.clone();
        let user = if credential.discoverable {
            let id = credential.user_id.clone();
            let detail = |v: &Option<String>| if self.user_details { v.clone() } else { None };
            let user =
                User { id, name: detail(&credential.user_name), display_name: detail(&credential.user_display_name) };
            Some(user.to_value())
        } else {
            None
        };
        state.sign_count = sign_count;
        Ok(cbor::int_map([
            (response::CREDENTIAL, Some(CredentialDescriptor { id: credential_id }.to_value())),
            (response::AUTH_DATA, Some(cbor::bytes(&auth_data))),
            (response::SIGNATURE, Some(cbor::bytes(&signature))),
            (response::USER, user),
            (response::NUMBER_OF_CREDENTIALS, self.number_of_credentials.map(|n| cbor::uint(n as u64))),
            (
                response::LARGE_BLOB_KEY,
                credential.large_blob_key.filter(|_| self.large_blob_key).map(|k| cbor::bytes(&k)),
            ),
        ]))
    }
}

/// The hmac-secret input, every field type-checked.
pub(super) struct HmacSecretInput<'a> {
    key_agreement: &'a Value,
    salt_enc: &'a [u8],
    salt_auth: &'a [u8],
    protocol: Option<u64>,
}

impl<'a> HmacSecretInput<'a> {
    pub(super) fn parse(value: &'a Value) -> Result<Self, u8> {
        let map = MapView::new(value, "hmac-secret").map_err(|_| code::CBOR_UNEXPECTED_TYPE)?;
        // Types first, then presence, as for every other field.
        let key_agreement = match map.get(hmac_input::KEY_AGREEMENT) {
            Some(v @ Value::Map(_)) => Some(v),
            Some(_) => return Err(code::CBOR_UNEXPECTED_TYPE),
            None => None,
        };
        let salt_enc = map.opt_bytes(hmac_input::SALT_ENC).map_err(status_of)?;
        let salt_auth = map.opt_bytes(hmac_input::SALT_AUTH).map_err(status_of)?;
        let protocol = map.opt_u64(hmac_input::PIN_UV_AUTH_PROTOCOL).map_err(status_of)?;
        match (key_agreement, salt_enc, salt_auth) {
            (Some(key_agreement), Some(salt_enc), Some(salt_auth)) => {
                Ok(Self { key_agreement, salt_enc, salt_auth, protocol })
            }
            _ => Err(code::MISSING_PARAMETER),
        }
    }
}

/// §12.5: encrypt(shared, HMAC-SHA-256(CredRandom, salt1) [|| HMAC-SHA-256(CredRandom, salt2)]),
/// with CredRandom chosen by the UV bit; None for a credential made without hmac-secret.
/// makeCredential's hmac-secret-mc (CTAP 2.2) takes the same input and gives the same output.
pub(super) fn hmac_secret(
    state: &mut KeyState,
    input: &Value,
    keys: Option<&HmacSecretKeys>,
    uv: bool,
) -> Result<Option<Vec<u8>>, u8> {
    let input = HmacSecretInput::parse(input)?;
    // Absent means protocol 1 (CTAP 2.0 had no choice); every profile here offers 1.
    let p = client_pin::protocol(state, input.protocol.unwrap_or(1))?;
    let shared = client_pin::decapsulate(state, p, input.key_agreement)?;
    if !p.verify(&shared, input.salt_enc, input.salt_auth) {
        return Err(code::PIN_AUTH_INVALID);
    }
    let salts = p.decrypt(&shared, input.salt_enc).map_err(|_| code::INVALID_PARAMETER)?;
    if salts.len() != 32 && salts.len() != 64 {
        return Err(code::INVALID_PARAMETER);
    }
    let Some(keys) = keys else { return Ok(None) };
    let cred_random = if uv { &keys.with_uv } else { &keys.without_uv };
    let mut outputs = Zeroizing::new(Vec::with_capacity(salts.len()));
    for salt in salts.chunks(32) {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(cred_random.as_slice()).map_err(|_| code::OTHER)?;
        mac.update(salt);
        outputs.extend_from_slice(&mac.finalize().into_bytes());
    }
    p.encrypt(&shared, &outputs).map(Some).map_err(|_| code::OTHER)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::attestation::verify_assertion_signature;
    use crate::proto::cbor::{bytes, int_map, text, uint};
    use crate::proto::cose::CoseKey;
    use crate::proto::ctap2::command;
    use crate::proto::pin_protocol::PinProtocol;
    use crate::virtual_key::testing::*;

    fn ga_request(rp_id: &str, allow: &[&[u8]]) -> Entries {
        let allow = (!allow.is_empty()).then(|| {
            Value::Array(allow.iter().map(|id| CredentialDescriptor { id: id.to_vec() }.to_value()).collect())
        });
        vec![
            (field::RP_ID, Some(text(rp_id))),
            (field::CLIENT_DATA_HASH, Some(bytes(&CDH))),
            (field::ALLOW_LIST, allow),
        ]
    }

    /// One decoded assertion answer.
    #[derive(Debug)]
    struct Got {
        credential_id: Vec<u8>,
        auth_data_raw: Vec<u8>,
        auth_data: AuthenticatorData,
        signature: Vec<u8>,
        user: Option<User>,
        number_of_credentials: Option<u64>,
    }

    impl Got {
        fn verify(&self, key: &CoseKey) {
            verify_assertion_signature(key, &self.auth_data_raw, &CDH, &self.signature).unwrap();
        }
        fn hmac_output(&self) -> Option<Vec<u8>> {
            let Some(Value::Map(ext)) = &self.auth_data.extensions else { return None };
            match ext.iter().find(|(k, _)| *k == text("hmac-secret")) {
                Some((_, Value::Bytes(b))) => Some(b.clone()),
                _ => panic!("hmac-secret output is not bytes: {ext:?}"),
            }
        }
    }

    fn decode(answer: Value) -> Got {
        let map = MapView::new(&answer, "answer").unwrap();
        let credential = CredentialDescriptor::from_value(map.require(response::CREDENTIAL).unwrap()).unwrap().unwrap();
        let auth_data_raw = map.req_bytes(response::AUTH_DATA).unwrap().to_vec();
        Got {
            credential_id: credential.id,
            auth_data: AuthenticatorData::parse(&auth_data_raw).unwrap(),
            auth_data_raw,
            signature: map.req_bytes(response::SIGNATURE).unwrap().to_vec(),
            user: map.get(response::USER).map(|u| User::from_value(u).unwrap()),
            number_of_credentials: map.opt_u64(response::NUMBER_OF_CREDENTIALS).unwrap(),
        }
    }

    fn get(state: &mut KeyState, entries: &Entries, person: &mut Person) -> Result<Got, u8> {
        send(state, command::GET_ASSERTION, Some(&int_map(entries.iter().cloned())), person).map(decode)
    }

    fn next(state: &mut KeyState) -> Result<Got, u8> {
        send(state, command::GET_NEXT_ASSERTION, None, &mut Person::approving()).map(decode)
    }

    fn status<T>(r: Result<T, u8>) -> u8 {
        r.map(|_| code::OK).unwrap_or_else(|s| s)
    }

    fn ga_status(state: &mut KeyState, entries: &Entries) -> u8 {
        status(get(state, entries, &mut Person::approving()))
    }

    fn with_cred_protect(state: &mut KeyState, rp_id: &str, user_id: &[u8], rk: bool, level: u8) -> Vec<u8> {
        let mut request = mc_request(rp_id, user_id, rk);
        let ext = Value::Map(vec![(text("credProtect"), uint(level.into()))]);
        set(&mut request, crate::proto::ctap2::make_credential::EXTENSIONS, Some(ext));
        make_credential(state, &request, &mut Person::approving()).unwrap().auth_data.attested.unwrap().credential_id
    }

    #[test]
    fn discoverable_credentials_newest_first_then_get_next_assertion() {
        let mut state = key(Profile::Ctap21);
        let keys: Vec<(Vec<u8>, CoseKey)> = (1..=3u8).map(|u| register(&mut state, RP, &[u], true)).collect();
        register(&mut state, "other.example", &[9], true);
        register(&mut state, RP, &[8], false);

        let mut person = Person::approving();
        let first = get(&mut state, &ga_request(RP, &[]), &mut person).unwrap();
        assert_eq!(person.asked, 1);
        assert_eq!(first.number_of_credentials, Some(3));
        let mut counts = vec![first.auth_data.sign_count];
        let mut got = vec![first];
        for _ in 0..2 {
            let n = next(&mut state).unwrap();
            assert_eq!(n.number_of_credentials, None);
            counts.push(n.auth_data.sign_count);
            got.push(n);
        }
        assert_eq!(next(&mut state).err(), Some(code::NOT_ALLOWED));
        assert_eq!(person.asked, 1, "getNextAssertion asks for no further touch");
        // Newest first; each signed by its own key; the counter moves once per assertion.
        for (g, (id, key)) in got.iter().zip(keys.iter().rev()) {
            assert_eq!(&g.credential_id, id);
            g.verify(key);
            assert_eq!(g.auth_data.flags, FLAG_UP);
            assert_eq!(g.auth_data.rp_id_hash, rp_id_hash(RP));
            // No UV: the user handle only.
            let user = g.user.clone().unwrap();
            assert_eq!((user.name, user.display_name), (None, None));
        }
        let user_ids: Vec<Vec<u8>> = got.iter().map(|g| g.user.clone().unwrap().id).collect();
        assert_eq!(user_ids, [vec![3], vec![2], vec![1]]);
        assert_eq!(counts, [6, 7, 8]);
        assert_eq!(state.sign_count, 8);
    }

    #[test]
    fn get_next_assertion_only_right_after_get_assertion() {
        let mut state = key(Profile::Ctap21);
        assert_eq!(next(&mut state).err(), Some(code::NOT_ALLOWED));
        for u in 1..=3u8 {
            register(&mut state, RP, &[u], true);
        }
        // Any other command in between ends the list.
        get(&mut state, &ga_request(RP, &[]), &mut Person::approving()).unwrap();
        assert!(state.enumerations.pending_assertions.is_some());
        send(&mut state, command::GET_INFO, None, &mut Person::approving()).unwrap();
        assert_eq!(next(&mut state).err(), Some(code::NOT_ALLOWED));
        // Even a failed command.
        get(&mut state, &ga_request(RP, &[]), &mut Person::approving()).unwrap();
        assert_eq!(send(&mut state, 0x55, None, &mut Person::approving()).err(), Some(code::INVALID_COMMAND));
        assert_eq!(next(&mut state).err(), Some(code::NOT_ALLOWED));
        // 30 s after the last call.
        get(&mut state, &ga_request(RP, &[]), &mut Person::approving()).unwrap();
        let deadline = state.enumerations.pending_assertions.as_ref().unwrap().expires_at_ms;
        assert!(deadline >= now_ms() + NEXT_ASSERTION_TIMEOUT_MS - 5_000);
        next(&mut state).unwrap();
        state.enumerations.pending_assertions.as_mut().unwrap().expires_at_ms = now_ms() - 1;
        assert_eq!(next(&mut state).err(), Some(code::NOT_ALLOWED));
        assert!(state.enumerations.pending_assertions.is_none());
        // And a power cycle.
        get(&mut state, &ga_request(RP, &[]), &mut Person::approving()).unwrap();
        state.power_up();
        assert_eq!(next(&mut state).err(), Some(code::NOT_ALLOWED));
        // A single credential leaves nothing pending.
        let mut state = key(Profile::Ctap21);
        register(&mut state, RP, &[1], true);
        assert_eq!(
            get(&mut state, &ga_request(RP, &[]), &mut Person::approving()).unwrap().number_of_credentials,
            None
        );
        assert!(state.enumerations.pending_assertions.is_none());
    }

    #[test]
    fn allow_list_names_the_credentials() {
        let mut state = key(Profile::Ctap21);
        let (rk, rk_key) = register(&mut state, RP, b"rk", true);
        let (plain, plain_key) = register(&mut state, RP, b"plain", false);
        let (elsewhere, _) = register(&mut state, "other.example", b"x", false);

        let got = get(&mut state, &ga_request(RP, &[&[7; 32], &plain, &rk]), &mut Person::approving()).unwrap();
        assert_eq!(got.credential_id, plain);
        got.verify(&plain_key);
        assert_eq!((got.number_of_credentials, got.user), (None, None));
        assert!(state.enumerations.pending_assertions.is_none());
        let got = get(&mut state, &ga_request(RP, &[&rk]), &mut Person::approving()).unwrap();
        got.verify(&rk_key);
        assert_eq!(got.user.unwrap().id, b"rk");

        // Another RP's credential, or none this key made: no credentials, and no touch.
        let mut person = Person::approving();
        assert_eq!(
            status(get(&mut state, &ga_request(RP, &[&elsewhere, &[7; 32]]), &mut person)),
            code::NO_CREDENTIALS
        );
        assert_eq!(status(get(&mut state, &ga_request("nobody.example", &[]), &mut person)), code::NO_CREDENTIALS);
        assert_eq!(person.asked, 0);
        // An empty allowList is no allowList.
        let mut request = ga_request(RP, &[]);
        set(&mut request, field::ALLOW_LIST, Some(Value::Array(vec![])));
        assert_eq!(get(&mut state, &request, &mut Person::approving()).unwrap().credential_id, rk);
    }

    #[test]
    fn cred_protect_hides_credentials_from_unverified_users() {
        let mut state = key(Profile::Ctap21);
        let level3 = with_cred_protect(&mut state, RP, b"three", true, 3);
        let level2 = with_cred_protect(&mut state, RP, b"two", true, 2);

        assert_eq!(ga_status(&mut state, &ga_request(RP, &[])), code::NO_CREDENTIALS);
        assert_eq!(ga_status(&mut state, &ga_request(RP, &[&level3])), code::NO_CREDENTIALS);
        let got = get(&mut state, &ga_request(RP, &[&level2]), &mut Person::approving());
        assert_eq!(got.map(|g| g.credential_id), Ok(level2.clone()));
        // Nor can an unverified makeCredential learn that a level 3 credential exists.
        let mut request = mc_request(RP, b"new", false);
        set(
            &mut request,
            crate::proto::ctap2::make_credential::EXCLUDE_LIST,
            Some(Value::Array(vec![CredentialDescriptor { id: level3.clone() }.to_value()])),
        );
        assert!(make_credential(&mut state, &request, &mut Person::approving()).is_ok());

        set_pin(&mut state, V2, b"1234");
        for allow in [vec![], vec![level3.as_slice()]] {
            let token = pin_token(&mut state, V2, b"1234", Some(GA), None);
            let mut request = ga_request(RP, &allow);
            with_token(&mut request, field::PIN_UV_AUTH_PARAM, V2, &token);
            let got = get(&mut state, &request, &mut Person::approving()).unwrap();
            assert_eq!(got.credential_id, if allow.is_empty() { level2.clone() } else { level3.clone() });
            assert_eq!(got.auth_data.flags, FLAG_UP | FLAG_UV);
        }
        // With UV, an excludeList names it after all.
        let token = pin_token(&mut state, V2, b"1234", Some(MC), None);
        with_token(&mut request, crate::proto::ctap2::make_credential::PIN_UV_AUTH_PARAM, V2, &token);
        assert_eq!(status(make_credential(&mut state, &request, &mut Person::approving())), code::CREDENTIAL_EXCLUDED);
    }

    #[test]
    fn a_token_verifies_the_user_once() {
        let mut state = key(Profile::Ctap21);
        for u in 1..=2u8 {
            register(&mut state, RP, &[u], true);
        }
        set_pin(&mut state, V2, b"1234");
        let token = pin_token(&mut state, V2, b"1234", Some(GA), None);
        let mut request = ga_request(RP, &[]);
        with_token(&mut request, field::PIN_UV_AUTH_PARAM, V2, &token);
        let first = get(&mut state, &request, &mut Person::approving()).unwrap();
        assert_eq!(first.auth_data.flags, FLAG_UP | FLAG_UV);
        // Verified, and several accounts: the platform gets names to choose from.
        let user = first.user.unwrap();
        assert_eq!((user.name.as_deref(), user.display_name.as_deref()), (Some("user-02"), Some("User 02")));
        let second = next(&mut state).unwrap();
        assert_eq!(second.auth_data.flags, FLAG_UP | FLAG_UV);
        assert_eq!(second.user.unwrap().name.as_deref(), Some("user-01"));
        // The token was bound to the RP and spent its ga permission.
        let kept = state.power.token.clone().unwrap();
        assert_eq!((kept.permissions, kept.rp_id.as_deref()), (0, Some(RP)));
        assert_eq!(ga_status(&mut state, &request), code::PIN_AUTH_INVALID);

        // Bound to another RP, or without ga: refused before any touch.
        for (permissions, rp_id) in [(GA, Some("other.example")), (MC, None)] {
            let token = pin_token(&mut state, V2, b"1234", Some(permissions), rp_id);
            with_token(&mut request, field::PIN_UV_AUTH_PARAM, V2, &token);
            let mut person = Person::approving();
            assert_eq!(status(get(&mut state, &request, &mut person)), code::PIN_AUTH_INVALID);
            assert_eq!(person.asked, 0);
        }

        // One account, verified: the user handle alone (the single-account case).
        let mut state = key(Profile::Ctap21);
        register(&mut state, RP, &[1], true);
        set_pin(&mut state, V2, b"1234");
        let token = pin_token(&mut state, V2, b"1234", Some(GA), Some(RP));
        with_token(&mut request, field::PIN_UV_AUTH_PARAM, V2, &token);
        let user = get(&mut state, &request, &mut Person::approving()).unwrap().user.unwrap();
        assert_eq!((user.id, user.name), (vec![1], None));
    }

    #[test]
    fn a_silent_assertion_takes_no_touch_and_keeps_the_token() {
        let mut state = key(Profile::Ctap21);
        let (id, public) = register(&mut state, RP, b"u", false);
        set_pin(&mut state, V2, b"1234");
        let token = pin_token(&mut state, V2, b"1234", Some(GA), None);
        let mut request = ga_request(RP, &[&id]);
        set(&mut request, field::OPTIONS, Some(Value::Map(vec![(text("up"), Value::Bool(false))])));
        with_token(&mut request, field::PIN_UV_AUTH_PARAM, V2, &token);
        let mut person = Person::approving();
        let got = get(&mut state, &request, &mut person).unwrap();
        assert_eq!(person.asked, 0);
        assert_eq!(got.auth_data.flags, FLAG_UV);
        got.verify(&public);
        // Step 9 did not run, so the token still has ga; a touched assertion then spends it.
        assert_eq!(state.power.token.as_ref().unwrap().permissions, GA as u8);
        set(&mut request, field::OPTIONS, None);
        assert_eq!(ga_status(&mut state, &request), code::OK);
        assert_eq!(ga_status(&mut state, &request), code::PIN_AUTH_INVALID);
    }

    #[test]
    fn options_always_uv_and_presence() {
        let opts =
            |pairs: &[(&str, bool)]| Some(Value::Map(pairs.iter().map(|(k, v)| (text(k), Value::Bool(*v))).collect()));
        for (profile, uv_status, rk_status) in [
            (Profile::Ctap21, code::INVALID_OPTION, code::UNSUPPORTED_OPTION),
            (Profile::Ctap20, code::UNSUPPORTED_OPTION, code::INVALID_OPTION),
        ] {
            let mut state = key(profile);
            register(&mut state, RP, b"u", true);
            let mut request = ga_request(RP, &[]);
            set(&mut request, field::OPTIONS, opts(&[("uv", true)]));
            assert_eq!(ga_status(&mut state, &request), uv_status);
            for rk in [true, false] {
                set(&mut request, field::OPTIONS, opts(&[("rk", rk)]));
                assert_eq!(ga_status(&mut state, &request), rk_status);
            }
            set(&mut request, field::OPTIONS, opts(&[("up", true), ("uv", false), ("something", true)]));
            assert_eq!(ga_status(&mut state, &request), code::OK);
            set(&mut request, field::OPTIONS, Some(Value::Map(vec![(text("up"), text("no"))])));
            assert_eq!(ga_status(&mut state, &request), code::CBOR_UNEXPECTED_TYPE);
        }

        let mut state = key(Profile::Ctap21);
        register(&mut state, RP, b"u", true);
        for answer in [code::OPERATION_DENIED, code::USER_ACTION_TIMEOUT] {
            let mut person = Person::answering(answer);
            assert_eq!(status(get(&mut state, &ga_request(RP, &[]), &mut person)), answer);
            assert_eq!(person.asked, 1);
        }
        assert_eq!(state.sign_count, 1, "only the registration counted");

        state.always_uv = true;
        assert_eq!(ga_status(&mut state, &ga_request(RP, &[])), code::PUAT_REQUIRED);
        let mut silent = ga_request(RP, &[]);
        set(&mut silent, field::OPTIONS, opts(&[("up", false)]));
        let got = get(&mut state, &silent, &mut Person::approving()).unwrap();
        assert_eq!(got.auth_data.flags, 0);
    }

    #[test]
    fn ctap20_profile_with_a_protocol_1_get_pin_token() {
        let mut state = key(Profile::Ctap20);
        set_pin(&mut state, V1, b"1234");
        let token = pin_token(&mut state, V1, b"1234", None, None);
        let mut request = mc_request(RP, b"u", true);
        with_token(&mut request, crate::proto::ctap2::make_credential::PIN_UV_AUTH_PARAM, V1, &token);
        let att = make_credential(&mut state, &request, &mut Person::approving()).unwrap();
        let public = att.auth_data.attested.unwrap().public_key;
        // Without the PIN an assertion is still allowed, just not verified.
        let got = get(&mut state, &ga_request(RP, &[]), &mut Person::approving()).unwrap();
        assert_eq!(got.auth_data.flags, FLAG_UP);
        got.verify(&public);
        // The same token again and again: a 2.0 token has no permissions to lose.
        for _ in 0..2 {
            let mut request = ga_request(RP, &[]);
            with_token(&mut request, field::PIN_UV_AUTH_PARAM, V1, &token);
            let got = get(&mut state, &request, &mut Person::approving()).unwrap();
            assert_eq!(got.auth_data.flags, FLAG_UP | FLAG_UV);
            got.verify(&public);
        }
        // The probe works here too.
        let mut probe = ga_request(RP, &[]);
        set(&mut probe, field::PIN_UV_AUTH_PARAM, Some(bytes(&[])));
        let mut person = Person::approving();
        assert_eq!(status(get(&mut state, &probe, &mut person)), code::PIN_INVALID);
        assert_eq!(person.asked, 1);
    }

    /// The platform's hmac-secret input for `salts`, and the secret to read the output with.
    fn hmac_input(state: &mut KeyState, p: PinProtocol, salts: &[u8], include_protocol: bool) -> (Value, Platform) {
        let platform = Platform::new(state, p);
        let salt_enc = p.encrypt(&platform.shared, salts).unwrap();
        let salt_auth = p.authenticate(&platform.shared, &salt_enc);
        let input = int_map([
            (hmac_input::KEY_AGREEMENT, Some(platform.cose())),
            (hmac_input::SALT_ENC, Some(bytes(&salt_enc))),
            (hmac_input::SALT_AUTH, Some(bytes(&salt_auth))),
            (hmac_input::PIN_UV_AUTH_PROTOCOL, include_protocol.then(|| uint(p.number().into()))),
        ]);
        (input, platform)
    }

    fn expected_hmac(cred_random: &[u8; 32], salts: &[u8]) -> Vec<u8> {
        salts
            .chunks(32)
            .flat_map(|salt| {
                let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(cred_random).unwrap();
                mac.update(salt);
                mac.finalize().into_bytes().to_vec()
            })
            .collect()
    }

    fn with_hmac_secret(entries: &mut Entries, input: Value) {
        set(entries, field::EXTENSIONS, Some(Value::Map(vec![(text("hmac-secret"), input)])));
    }

    fn extension(extensions: &Option<Value>, name: &str) -> Option<Value> {
        let Some(Value::Map(ext)) = extensions else { return None };
        ext.iter().find(|(k, _)| *k == text(name)).map(|(_, v)| v.clone())
    }

    #[test]
    fn hmac_secret_mc_gives_the_first_outputs_at_registration() {
        let salts: Vec<u8> = (100..164).collect();
        for profile in [Profile::Ctap22, Profile::Ctap21] {
            let mut state = key(profile);
            let (input, platform) = hmac_input(&mut state, V2, &salts, true);
            let mut request = mc_request(RP, b"u", true);
            let ext = Value::Map(vec![(text("hmac-secret"), Value::Bool(true)), (text("hmac-secret-mc"), input)]);
            set(&mut request, crate::proto::ctap2::make_credential::EXTENSIONS, Some(ext));
            let att = make_credential(&mut state, &request, &mut Person::approving()).unwrap();
            let keys = state.credentials[0].hmac_secret.clone().unwrap();
            let at_registration = extension(&att.auth_data.extensions, "hmac-secret-mc");
            if profile == Profile::Ctap21 {
                // A CTAP 2.1 key does not know the extension and ignores it.
                assert_eq!(at_registration, None);
                continue;
            }
            let Some(Value::Bytes(encrypted)) = at_registration else { panic!("hmac-secret-mc output") };
            let output = V2.decrypt(&platform.shared, &encrypted).unwrap();
            // No UV at this registration: the CredRandom without UV, as a later sign-in without UV.
            assert_eq!(output.to_vec(), expected_hmac(&keys.without_uv, &salts));
            let (input, platform) = hmac_input(&mut state, V2, &salts, true);
            let mut request = ga_request(RP, &[]);
            with_hmac_secret(&mut request, input);
            let got = get(&mut state, &request, &mut Person::approving()).unwrap();
            assert_eq!(V2.decrypt(&platform.shared, &got.hmac_output().unwrap()).unwrap().to_vec(), output.to_vec());
        }

        // A forged saltAuth is refused, and no credential is stored.
        let mut state = key(Profile::Ctap22);
        let (input, _) = hmac_input(&mut state, V2, &salts[..32], true);
        let Value::Map(mut entries) = input else { unreachable!() };
        entries.retain(|(k, _)| *k != uint(hmac_input::SALT_AUTH as u64));
        entries.push((uint(hmac_input::SALT_AUTH as u64), bytes(&[0; 32])));
        let mut request = mc_request(RP, b"u", true);
        let ext =
            Value::Map(vec![(text("hmac-secret"), Value::Bool(true)), (text("hmac-secret-mc"), Value::Map(entries))]);
        set(&mut request, crate::proto::ctap2::make_credential::EXTENSIONS, Some(ext));
        assert_eq!(status(make_credential(&mut state, &request, &mut Person::approving())), code::PIN_AUTH_INVALID);
        assert!(state.credentials.is_empty());
        // A wrongly typed input is refused before the touch.
        let ext = Value::Map(vec![(text("hmac-secret-mc"), Value::Bool(true))]);
        set(&mut request, crate::proto::ctap2::make_credential::EXTENSIONS, Some(ext));
        let mut person = Person::approving();
        assert_eq!(status(make_credential(&mut state, &request, &mut person)), code::CBOR_UNEXPECTED_TYPE);
        assert_eq!(person.asked, 0);
    }

    #[test]
    fn third_party_payment_is_remembered_and_told() {
        let mut state = key(Profile::Ctap22);
        let mut request = mc_request(RP, b"payer", true);
        let ext = Value::Map(vec![(text("thirdPartyPayment"), Value::Bool(true))]);
        set(&mut request, crate::proto::ctap2::make_credential::EXTENSIONS, Some(ext));
        let att = make_credential(&mut state, &request, &mut Person::approving()).unwrap();
        assert_eq!(extension(&att.auth_data.extensions, "thirdPartyPayment"), None, "no output at registration");
        let payment = att.auth_data.attested.unwrap().credential_id;
        let (plain, _) = register(&mut state, RP, b"plain", false);

        let ask = |state: &mut KeyState, id: &[u8], value: Value| {
            let mut request = ga_request(RP, &[id]);
            set(&mut request, field::EXTENSIONS, Some(Value::Map(vec![(text("thirdPartyPayment"), value)])));
            get(state, &request, &mut Person::approving())
                .map(|got| extension(&got.auth_data.extensions, "thirdPartyPayment"))
        };
        assert_eq!(ask(&mut state, &payment, Value::Bool(true)), Ok(Some(Value::Bool(true))));
        assert_eq!(ask(&mut state, &plain, Value::Bool(true)), Ok(Some(Value::Bool(false))));
        assert_eq!(ask(&mut state, &payment, Value::Bool(false)), Ok(None));
        assert_eq!(ask(&mut state, &payment, text("yes")), Err(code::CBOR_UNEXPECTED_TYPE));

        // The flag survives the state file; a ctap2.1 key knows nothing of it.
        let reloaded: KeyState = serde_json::from_str(&serde_json::to_string(&state).unwrap()).unwrap();
        assert!(reloaded.credentials.iter().any(|c| c.id == payment && c.third_party_payment));
        let mut old = key(Profile::Ctap21);
        let mut request = mc_request(RP, b"payer", false);
        set(
            &mut request,
            crate::proto::ctap2::make_credential::EXTENSIONS,
            Some(Value::Map(vec![(text("thirdPartyPayment"), Value::Bool(true))])),
        );
        let id = make_credential(&mut old, &request, &mut Person::approving())
            .unwrap()
            .auth_data
            .attested
            .unwrap()
            .credential_id;
        assert!(!old.credentials[0].third_party_payment);
        assert_eq!(ask(&mut old, &id, Value::Bool(true)), Ok(None));
    }

    #[test]
    fn hmac_secret() {
        let mut state = key(Profile::Ctap21);
        let mut request = mc_request(RP, b"u", true);
        let ext = Value::Map(vec![(text("hmac-secret"), Value::Bool(true))]);
        set(&mut request, crate::proto::ctap2::make_credential::EXTENSIONS, Some(ext));
        make_credential(&mut state, &request, &mut Person::approving()).unwrap();
        let keys = state.credentials[0].hmac_secret.clone().unwrap();

        let salts: Vec<u8> = (0..64).collect();
        for (p, salt_len, include_protocol) in [(V2, 32, true), (V2, 64, true), (V1, 64, true), (V1, 32, false)] {
            let (input, platform) = hmac_input(&mut state, p, &salts[..salt_len], include_protocol);
            let mut request = ga_request(RP, &[]);
            with_hmac_secret(&mut request, input);
            let got = get(&mut state, &request, &mut Person::approving()).unwrap();
            assert_ne!(got.auth_data.flags & crate::proto::auth_data::FLAG_ED, 0);
            let output = p.decrypt(&platform.shared, &got.hmac_output().unwrap()).unwrap();
            assert_eq!(
                output.to_vec(),
                expected_hmac(&keys.without_uv, &salts[..salt_len]),
                "v{} {salt_len}",
                p.number()
            );
        }

        // With UV the other CredRandom: a different secret for the same salt.
        set_pin(&mut state, V2, b"1234");
        let token = pin_token(&mut state, V2, b"1234", Some(GA), None);
        let (input, platform) = hmac_input(&mut state, V2, &salts[..32], true);
        let mut request = ga_request(RP, &[]);
        with_hmac_secret(&mut request, input);
        with_token(&mut request, field::PIN_UV_AUTH_PARAM, V2, &token);
        let got = get(&mut state, &request, &mut Person::approving()).unwrap();
        let output = V2.decrypt(&platform.shared, &got.hmac_output().unwrap()).unwrap();
        assert_eq!(output.to_vec(), expected_hmac(&keys.with_uv, &salts[..32]));
        assert_ne!(keys.with_uv, keys.without_uv);
    }

    #[test]
    fn hmac_secret_for_every_assertion_and_only_for_credentials_that_have_one() {
        let mut state = key(Profile::Ctap21);
        register(&mut state, RP, &[1], true);
        let mut request = mc_request(RP, &[2], true);
        let ext = Value::Map(vec![(text("hmac-secret"), Value::Bool(true))]);
        set(&mut request, crate::proto::ctap2::make_credential::EXTENSIONS, Some(ext));
        make_credential(&mut state, &request, &mut Person::approving()).unwrap();
        register(&mut state, RP, &[3], true);
        let keys = state.credentials[1].hmac_secret.clone().unwrap();

        let (input, platform) = hmac_input(&mut state, V2, &[5; 32], true);
        let mut request = ga_request(RP, &[]);
        with_hmac_secret(&mut request, input);
        let first = get(&mut state, &request, &mut Person::approving()).unwrap();
        let second = next(&mut state).unwrap();
        let third = next(&mut state).unwrap();
        assert_eq!([&first, &second, &third].map(|g| g.user.clone().unwrap().id), [vec![3], vec![2], vec![1]]);
        assert_eq!(first.hmac_output(), None);
        assert_eq!(third.hmac_output(), None);
        let output = V2.decrypt(&platform.shared, &second.hmac_output().unwrap()).unwrap();
        assert_eq!(output.to_vec(), expected_hmac(&keys.without_uv, &[5; 32]));
    }

    #[test]
    fn hmac_secret_refusals() {
        let mut state = key(Profile::Ctap21);
        let (id, _) = register(&mut state, RP, b"u", false);
        let (good, platform) = hmac_input(&mut state, V2, &[5; 32], true);
        let replace = |key: i64, value: Option<Value>| {
            let Value::Map(mut entries) = good.clone() else { unreachable!() };
            entries.retain(|(k, _)| cbor::as_i64(k) != Some(key));
            if let Some(v) = value {
                entries.push((cbor::int(key), v));
            }
            Value::Map(entries)
        };
        let salt_enc_48 = V2.encrypt(&platform.shared, &[5; 48]).unwrap();
        let bad_mac = replace(hmac_input::SALT_AUTH, Some(bytes(&[0; 32])));
        let cases = [
            (bad_mac, code::PIN_AUTH_INVALID, 1),
            (replace(hmac_input::SALT_ENC, Some(bytes(&salt_enc_48))).clone(), code::PIN_AUTH_INVALID, 1),
            (replace(hmac_input::PIN_UV_AUTH_PROTOCOL, Some(uint(3))), code::INVALID_PARAMETER, 1),
            (replace(hmac_input::KEY_AGREEMENT, Some(Value::Map(vec![]))), code::INVALID_PARAMETER, 1),
            (replace(hmac_input::SALT_AUTH, None), code::MISSING_PARAMETER, 0),
            (replace(hmac_input::KEY_AGREEMENT, None), code::MISSING_PARAMETER, 0),
            (replace(hmac_input::KEY_AGREEMENT, Some(bytes(&[1]))), code::CBOR_UNEXPECTED_TYPE, 0),
            (replace(hmac_input::SALT_ENC, Some(text("salt"))), code::CBOR_UNEXPECTED_TYPE, 0),
            (Value::Bool(true), code::CBOR_UNEXPECTED_TYPE, 0),
        ];
        for (input, expected, touches) in cases {
            let mut request = ga_request(RP, &[&id]);
            with_hmac_secret(&mut request, input.clone());
            let mut person = Person::approving();
            assert_eq!(status(get(&mut state, &request, &mut person)), expected, "{input:?}");
            assert_eq!(person.asked, touches, "{input:?}");
        }
        // A salt of neither 32 nor 64 bytes, properly authenticated.
        let mut request = ga_request(RP, &[&id]);
        let salt_auth = V2.authenticate(&platform.shared, &salt_enc_48);
        let odd = int_map([
            (hmac_input::KEY_AGREEMENT, Some(platform.cose())),
            (hmac_input::SALT_ENC, Some(bytes(&salt_enc_48))),
            (hmac_input::SALT_AUTH, Some(bytes(&salt_auth))),
            (hmac_input::PIN_UV_AUTH_PROTOCOL, Some(uint(2))),
        ]);
        with_hmac_secret(&mut request, odd);
        assert_eq!(ga_status(&mut state, &request), code::INVALID_PARAMETER);
        // Without a touch there is no hmac-secret.
        let mut request = ga_request(RP, &[&id]);
        with_hmac_secret(&mut request, good);
        set(&mut request, field::OPTIONS, Some(Value::Map(vec![(text("up"), Value::Bool(false))])));
        assert_eq!(ga_status(&mut state, &request), code::UNSUPPORTED_OPTION);
    }

    #[test]
    fn python_fido2_get_assertion_request() {
        let all: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/vectors/ctap2_requests.json"))
                .unwrap(),
        )
        .unwrap();
        let found = all["requests"].as_array().unwrap().iter().find(|r| r["name"] == "getAssertion with allowList");
        let raw = hex::decode(found.unwrap()["request_hex"].as_str().unwrap()).unwrap();
        let request = cbor::decode(&raw[1..]).unwrap();
        let cdh: [u8; 32] = MapView::new(&request, "r").unwrap().req_bytes(2).unwrap().try_into().unwrap();

        let mut state = key(Profile::Ctap21);
        let mut person = Person::approving();
        assert_eq!(send(&mut state, raw[0], Some(&request), &mut person).err(), Some(code::NO_CREDENTIALS));
        // Give this key the credential python-fido2 asked for (0xaa * 32).
        let (_, public) = register(&mut state, "example.com", b"u", false);
        state.credentials[0].id = vec![0xaa; 32];
        let got = decode(send(&mut state, raw[0], Some(&request), &mut person).unwrap());
        assert_eq!(got.credential_id, vec![0xaa; 32]);
        verify_assertion_signature(&public, &got.auth_data_raw, &cdh, &got.signature).unwrap();
        assert_eq!(got.auth_data.flags, FLAG_UP);
    }

    #[test]
    fn hostile_requests_get_the_right_status() {
        let mut state = key(Profile::Ctap21);
        let (id, _) = register(&mut state, RP, b"u", true);
        let mut person = Person::approving();
        assert_eq!(send(&mut state, command::GET_ASSERTION, None, &mut person).err(), Some(code::MISSING_PARAMETER));
        assert_eq!(
            send(&mut state, command::GET_ASSERTION, Some(&text("x")), &mut person).err(),
            Some(code::CBOR_UNEXPECTED_TYPE)
        );
        let good = ga_request(RP, &[&id]);
        for key in [field::RP_ID, field::CLIENT_DATA_HASH] {
            let mut request = good.clone();
            set(&mut request, key, None);
            assert_eq!(ga_status(&mut state, &request), code::MISSING_PARAMETER, "without {key}");
        }
        let descriptor = |pairs: Vec<(&str, Value)>| Value::Map(pairs.into_iter().map(|(k, v)| (text(k), v)).collect());
        for (key, value, expected) in [
            (field::RP_ID, bytes(RP.as_bytes()), code::CBOR_UNEXPECTED_TYPE),
            (field::CLIENT_DATA_HASH, bytes(&[0; 33]), code::INVALID_LENGTH),
            (field::CLIENT_DATA_HASH, bytes(&[0; 16]), code::INVALID_LENGTH),
            (field::CLIENT_DATA_HASH, uint(0), code::CBOR_UNEXPECTED_TYPE),
            (field::ALLOW_LIST, descriptor(vec![("id", bytes(&id))]), code::CBOR_UNEXPECTED_TYPE),
            (field::ALLOW_LIST, Value::Array(vec![descriptor(vec![("id", bytes(&id))])]), code::MISSING_PARAMETER),
            (
                field::ALLOW_LIST,
                Value::Array(vec![descriptor(vec![("type", text("public-key"))])]),
                code::MISSING_PARAMETER,
            ),
            (
                field::ALLOW_LIST,
                Value::Array(vec![descriptor(vec![("id", text("x")), ("type", text("public-key"))])]),
                code::CBOR_UNEXPECTED_TYPE,
            ),
            (field::EXTENSIONS, uint(1), code::CBOR_UNEXPECTED_TYPE),
            (field::EXTENSIONS, Value::Map(vec![(uint(1), uint(1))]), code::CBOR_UNEXPECTED_TYPE),
            (field::OPTIONS, text("up"), code::CBOR_UNEXPECTED_TYPE),
            (field::PIN_UV_AUTH_PARAM, uint(1), code::CBOR_UNEXPECTED_TYPE),
            (field::PIN_UV_AUTH_PROTOCOL, text("2"), code::CBOR_UNEXPECTED_TYPE),
        ] {
            let mut request = good.clone();
            set(&mut request, key, Some(value.clone()));
            assert_eq!(ga_status(&mut state, &request), expected, "{key}: {value:?}");
        }
        // Foreign descriptor types and unknown extensions are ignored.
        let mut request = good.clone();
        let foreign = descriptor(vec![("id", bytes(&id)), ("type", text("other"))]);
        set(&mut request, field::ALLOW_LIST, Some(Value::Array(vec![foreign])));
        assert_eq!(ga_status(&mut state, &request), code::OK, "an allowList of nothing usable is no allowList");
        set(&mut request, field::EXTENSIONS, Some(Value::Map(vec![(text("credBlob"), Value::Bool(true))])));
        assert_eq!(ga_status(&mut state, &request), code::OK);
        // A pinUvAuthParam needs its protocol.
        let mut request = good.clone();
        set(&mut request, field::PIN_UV_AUTH_PARAM, Some(bytes(&[1; 32])));
        assert_eq!(ga_status(&mut state, &request), code::MISSING_PARAMETER);
        set(&mut request, field::PIN_UV_AUTH_PROTOCOL, Some(uint(7)));
        assert_eq!(ga_status(&mut state, &request), code::INVALID_PARAMETER);
        // getNextAssertion ignores a body rather than failing on it.
        assert_eq!(
            send(&mut state, command::GET_NEXT_ASSERTION, Some(&uint(1)), &mut person).err(),
            Some(code::NOT_ALLOWED)
        );
    }

    #[test]
    fn mangled_requests_never_panic() {
        let mut state = key(Profile::Ctap21);
        let (id, _) = register(&mut state, RP, b"u", true);
        register(&mut state, RP, b"v", true);
        let (input, _) = hmac_input(&mut state, V2, &[5; 32], true);
        let mut request = ga_request(RP, &[&id]);
        with_hmac_secret(&mut request, input);
        let wire = [vec![command::GET_ASSERTION], cbor::encode(&int_map(request))].concat();
        let mut person = Person::approving();
        for cut in 0..wire.len() {
            assert!(!crate::virtual_key::ctap2::handle(&mut state, &wire[..cut], &mut person).is_empty());
        }
        for i in 1..wire.len() {
            for bit in [0x01, 0x20, 0x80] {
                let mut mangled = wire.clone();
                mangled[i] ^= bit;
                assert!(!crate::virtual_key::ctap2::handle(&mut state, &mangled, &mut person).is_empty());
                assert!(!crate::virtual_key::ctap2::handle(&mut state, &[command::GET_NEXT_ASSERTION], &mut person)
                    .is_empty());
            }
        }
    }
}
