//! authenticatorMakeCredential (0x01), device side, as CTAP 2.1 §6.1.2 describes it, and the
//! request parsing it shares with getAssertion.
//!
//! Decisions where the spec leaves room, or where this key departs from it on purpose:
//! - No built-in UV, so `"uv": true` is INVALID_OPTION (step 5). The ctap2.0 profile answers
//!   UNSUPPORTED_OPTION, as CTAP 2.0 did for a known option the key does not support. With a
//!   pinUvAuthParam the "uv" option is treated as false, as step 5 says.
//! - alwaysUv (step 6): this key always offers clientPin, so without a pinUvAuthParam the
//!   answer is PUAT_REQUIRED, PIN set or not (with none set, the platform must set one first);
//!   OPERATION_DENIED is only for keys without clientPin.
//! - makeCredUvNotRqd is true on the ctap2.1 profile (unless alwaysUv): with a PIN set, only
//!   discoverable credentials need a token (step 7). The older profiles follow CTAP 2.0: with
//!   a PIN set every makeCredential needs one (PIN_REQUIRED, the same 0x36).
//! - A token without the mc permission, or bound to another RP, is PIN_AUTH_INVALID, as step
//!   11.1 says.
//! - A pinUvAuthParam is checked whenever it is sent. With no PIN set there is no token, so it
//!   fails; the spec would skip step 11 on an unprotected key and silently make a credential
//!   without the UV the platform asked for.
//! - Enterprise attestation (ctap2.1 profile only; older keys never heard of the field):
//!   INVALID_PARAMETER unless enabled, INVALID_OPTION unless 1 or 2. When allowed (both 1,
//!   vendor-facilitated, and 2, platform-managed: a test key has no RP list to check), it
//!   signs with the device-identifying certificate made at `virtual create` and sets epAtt.
//!   A key made before that certificate existed gives its batch attestation without epAtt.
//! - KEY_STORE_FULL is answered before the touch (the spec checks at step 17, after it): a
//!   touch for a credential that cannot be stored only confuses the person at the key.
//! - An excluded credential is CREDENTIAL_EXCLUDED after the touch "regardless of whether user
//!   presence is obtained" (step 12), except that a cancelled request answers KEEPALIVE_CANCEL.
//! - clientDataHash must be 32 bytes; any other length is INVALID_LENGTH ("invalid message or
//!   item length"). A user id over 64 bytes is INVALID_LENGTH too. credProtect outside 1-3 is
//!   INVALID_PARAMETER: refusing beats making a weaker credential than was asked for.
//! - Non-discoverable credentials are remembered in the state file (a real key would wrap the
//!   private key into the credential id); they count against nothing.

use super::attestation::{AttestationMaterial, CredentialPrivateKey, StoredCredentialKey};
use super::client_pin;
use super::ctap2::{Answer, Tracked};
use super::hid::UserPresence;
use super::profile;
use super::request::{
    client_data_hash, credential_ids, extension_entries, options, pin_uv_auth_protocol, random, request_map,
    rp_id_hash, status_of, touch_probe, uv_configured, uv_option_status, verify_pin_uv_auth, Options,
};
use super::state::{HmacSecretKeys, KeyState, Profile, StoredCredential, MAX_STORED_CREDENTIALS};
use crate::proto::auth_data::{AttestedCredential, AuthenticatorData, FLAG_UP, FLAG_UV};
use crate::proto::cbor::{self, as_i64, MapView};
use crate::proto::ctap2::client_pin::permission;
use crate::proto::ctap2::make_credential::{self as field, response};
use crate::proto::entities::{RelyingParty, User, MAX_USER_ID};
use crate::proto::status::code;
use ciborium::value::Value;

/// Length of the credential ids this key makes (random, so they say nothing about the key).
const CREDENTIAL_ID_LEN: usize = 32;

#[derive(Debug, Default)]
struct Extensions {
    cred_protect: Option<u8>,
    hmac_secret: bool,
    min_pin_length: bool,
    /// largeBlobKey: only `true` is valid input (§12.3).
    large_blob_key: bool,
    cred_blob: Option<Vec<u8>>,
    /// hmac-secret-mc (ctap2.2): the hmac-secret input, answered at registration already.
    hmac_secret_mc: Option<Value>,
    /// thirdPartyPayment (ctap2.2): a payment credential.
    third_party_payment: bool,
}

struct Request<'a> {
    client_data_hash: [u8; 32],
    rp: RelyingParty,
    user: User,
    /// The first supported public-key algorithm, if any (refused at step 3).
    alg: Option<i64>,
    exclude_list: Vec<Vec<u8>>,
    extensions: Extensions,
    options: Options,
    pin_uv_auth_param: Option<&'a [u8]>,
    pin_uv_auth_protocol: Option<u64>,
    enterprise_attestation: Option<u64>,
}

fn parse<'a>(state: &KeyState, map: &MapView<'a>) -> Result<Request<'a>, u8> {
    let profile = state.identity.profile;
    let client_data_hash = client_data_hash(map, field::CLIENT_DATA_HASH)?;
    let rp = RelyingParty::from_value(map.require(field::RP).map_err(status_of)?).map_err(status_of)?;
    let user_value = map.require(field::USER).map_err(status_of)?;
    // entities::User refuses a long id as a type error; it is a length error.
    if let Ok(user) = MapView::new(user_value, "user") {
        if matches!(user.get_text_key("id"), Some(Value::Bytes(id)) if id.len() > MAX_USER_ID) {
            return Err(code::INVALID_LENGTH);
        }
    }
    let user = User::from_value(user_value).map_err(status_of)?;
    let params = map.opt_array(field::PUB_KEY_CRED_PARAMS).map_err(status_of)?.ok_or(code::MISSING_PARAMETER)?;
    let alg = choose_algorithm(params, profile)?;
    let exclude_list = credential_ids(map, field::EXCLUDE_LIST)?.unwrap_or_default();
    let extensions = extensions(map, profile)?;
    let options = options(map, field::OPTIONS)?;
    let pin_uv_auth_param = map.opt_bytes(field::PIN_UV_AUTH_PARAM).map_err(status_of)?;
    let pin_uv_auth_protocol = map.opt_u64(field::PIN_UV_AUTH_PROTOCOL).map_err(status_of)?;
    let enterprise_attestation =
        if profile.is_21() { map.opt_u64(field::ENTERPRISE_ATTESTATION).map_err(status_of)? } else { None };
    Ok(Request {
        client_data_hash,
        rp,
        user,
        alg,
        exclude_list,
        extensions,
        options,
        pin_uv_auth_param,
        pin_uv_auth_protocol,
        enterprise_attestation,
    })
}

/// Every entry must be a well-formed {"alg": int, "type": text}; the first public-key entry
/// with an algorithm this profile offers (getInfo algorithms) wins: the platform lists them in
/// its order of preference. Other types and algorithms are skipped, not refused.
fn choose_algorithm(params: &[Value], profile: Profile) -> Result<Option<i64>, u8> {
    let mut chosen = None;
    for param in params {
        let entry = MapView::new(param, "pubKeyCredParams entry").map_err(|_| code::CBOR_UNEXPECTED_TYPE)?;
        let kind = match entry.get_text_key("type") {
            Some(Value::Text(t)) => t.as_str(),
            Some(_) => return Err(code::CBOR_UNEXPECTED_TYPE),
            None => return Err(code::MISSING_PARAMETER),
        };
        let alg = match entry.get_text_key("alg") {
            // An integer beyond i64 is no algorithm this key knows.
            Some(v @ Value::Integer(_)) => as_i64(v),
            Some(_) => return Err(code::CBOR_UNEXPECTED_TYPE),
            None => return Err(code::MISSING_PARAMETER),
        };
        if chosen.is_none() && kind == "public-key" && alg.is_some_and(|a| profile.algorithms().contains(&a)) {
            chosen = alg;
        }
    }
    Ok(chosen)
}

fn extensions(map: &MapView, profile: Profile) -> Result<Extensions, u8> {
    let mut out = Extensions::default();
    for (name, value) in extension_entries(map, field::EXTENSIONS)? {
        match name {
            "credProtect" => {
                let Value::Integer(_) = value else { return Err(code::CBOR_UNEXPECTED_TYPE) };
                match cbor::as_u64(value) {
                    Some(level @ 1..=3) => out.cred_protect = Some(level as u8),
                    _ => return Err(code::INVALID_PARAMETER),
                }
            }
            "hmac-secret" => out.hmac_secret = bool_input(value)?,
            // Only the ctap2.1 profile lists minPinLength in getInfo.
            "minPinLength" if profile.is_21() => out.min_pin_length = bool_input(value)?,
            "largeBlobKey" if profile.is_21() => {
                if !bool_input(value)? {
                    return Err(code::INVALID_OPTION);
                }
                out.large_blob_key = true;
            }
            "credBlob" if profile.is_21() => match value {
                Value::Bytes(b) => out.cred_blob = Some(b.clone()),
                _ => return Err(code::CBOR_UNEXPECTED_TYPE),
            },
            "hmac-secret-mc" if profile == Profile::Ctap22 => {
                // Checked before the touch; the MAC and salts after it, as for getAssertion.
                super::get_assertion::HmacSecretInput::parse(value)?;
                out.hmac_secret_mc = Some(value.clone());
            }
            "thirdPartyPayment" if profile == Profile::Ctap22 => out.third_party_payment = bool_input(value)?,
            _ => {}
        }
    }
    Ok(out)
}

fn bool_input(value: &Value) -> Result<bool, u8> {
    match value {
        Value::Bool(b) => Ok(*b),
        _ => Err(code::CBOR_UNEXPECTED_TYPE),
    }
}

/// authenticatorMakeCredential. State changes (a token bound or spent, a credential stored,
/// the counter) are saved by the caller.
pub fn handle(state: &mut Tracked, params: Option<&Value>, presence: &mut dyn UserPresence) -> Answer {
    let map = request_map(params, "makeCredential")?;
    touch_probe(state, &map, field::PIN_UV_AUTH_PARAM, presence)?;
    let request = parse(state, &map)?;
    let profile = state.identity.profile;
    let rp_id = request.rp.id.as_str();

    // Step 2.
    let protocol = pin_uv_auth_protocol(state, request.pin_uv_auth_param, request.pin_uv_auth_protocol)?;
    // Step 3.
    let alg = request.alg.ok_or(code::UNSUPPORTED_ALGORITHM)?;
    // Step 5: a pinUvAuthParam overrides "uv"; makeCredential always needs a touch.
    let with_token = request.pin_uv_auth_param.is_some();
    // A key with an enrolled finger verifies the user itself.
    let builtin_uv = request.options.uv == Some(true) && !with_token && uv_configured(state);
    if request.options.uv == Some(true) && !with_token && !builtin_uv {
        return Err(uv_option_status(profile));
    }
    if request.options.up == Some(false) {
        return Err(code::INVALID_OPTION);
    }
    let rk = request.options.rk.unwrap_or(false);
    // A large-blob key belongs to a discoverable credential only (§12.3).
    if request.extensions.large_blob_key && !rk {
        return Err(code::INVALID_OPTION);
    }
    // Steps 6-8.
    let uv_not_required = profile.is_21() && !state.always_uv;
    if !with_token && !builtin_uv && (state.always_uv || (state.pin.is_some() && (rk || !uv_not_required))) {
        return Err(code::PUAT_REQUIRED);
    }
    // Step 9.
    if let Some(ep) = request.enterprise_attestation {
        if !state.enterprise_attestation {
            return Err(code::INVALID_PARAMETER);
        }
        if !matches!(ep, 1 | 2) {
            return Err(code::INVALID_OPTION);
        }
    }
    // Step 11.
    let mut uv = false;
    if let Some(auth) = request.pin_uv_auth_param {
        verify_pin_uv_auth(state, protocol, auth, &request.client_data_hash, permission::MAKE_CREDENTIAL, rp_id)?;
        uv = true;
    } else if builtin_uv {
        super::bio::verify_user(state)?;
        uv = true;
    }
    // Step 12: a userVerificationRequired credential is only excluded for a verified user
    // (otherwise its existence stays hidden).
    let excluded = request
        .exclude_list
        .iter()
        .any(|id| state.credentials.iter().any(|c| &c.id == id && c.rp_id == rp_id && (c.cred_protect < 3 || uv)));
    if excluded {
        return match presence.wait() {
            Err(code::KEEPALIVE_CANCEL) => Err(code::KEEPALIVE_CANCEL),
            _ => Err(code::CREDENTIAL_EXCLUDED),
        };
    }

    let user_id = request.user.id.clone();
    let same_account = |c: &StoredCredential| c.discoverable && c.rp_id == rp_id && c.user_id == user_id;
    if rk && state.remaining_discoverable() == 0 && !state.credentials.iter().any(same_account) {
        return Err(code::KEY_STORE_FULL);
    }
    // Non-discoverable credentials are remembered too: a ceiling keeps the file loadable.
    if state.credentials.len() >= MAX_STORED_CREDENTIALS {
        return Err(code::KEY_STORE_FULL);
    }
    // A damaged attestation is found before the user is asked to touch.
    let material = state
        .attestation
        .as_ref()
        .ok_or(code::OTHER)
        .and_then(|a| AttestationMaterial::try_from(a).map_err(|_| code::OTHER))?;
    // Enterprise attestation (allowed by step 9) signs with the device's own certificate.
    let enterprise = match (&request.enterprise_attestation, &state.enterprise_attestation_leaf) {
        (Some(_), Some(leaf)) => Some(material.with_leaf(leaf).map_err(|_| code::OTHER)?),
        _ => None,
    };
    let ep_att = enterprise.is_some();
    let material = enterprise.unwrap_or(material);
    let aaguid = profile::parse_aaguid(&state.identity.aaguid).ok_or(code::OTHER)?;

    // Step 14: the touch spends the token's mc/ga permissions, whoever's token it is.
    presence.wait()?;
    client_pin::clear_permissions_except_lbw(state);

    // Step 15 (outputs in canonical key order: shorter names first).
    let mut outputs = Vec::new();
    let cred_blob = request.extensions.cred_blob.as_ref().map(|blob| {
        let fits = blob.len() as u64 <= profile::MAX_CRED_BLOB_LENGTH;
        outputs.push((cbor::text("credBlob"), Value::Bool(fits)));
        fits.then(|| blob.clone())
    });
    let cred_blob = cred_blob.flatten();
    let large_blob_key = if request.extensions.large_blob_key { Some(random::<32>()?) } else { None };
    if let Some(level) = request.extensions.cred_protect {
        outputs.push((cbor::text("credProtect"), cbor::uint(u64::from(level))));
    }
    let hmac_secret = if request.extensions.hmac_secret {
        outputs.push((cbor::text("hmac-secret"), Value::Bool(true)));
        Some(HmacSecretKeys { with_uv: random::<32>()?, without_uv: random::<32>()? })
    } else {
        None
    };
    // hmac-secret-mc: the outputs the first getAssertion would give, under this registration's
    // UV. Without hmac-secret there is no CredRandom, so no output (as getAssertion does).
    if let Some(input) = &request.extensions.hmac_secret_mc {
        if let Some(out) = super::get_assertion::hmac_secret(state, input, hmac_secret.as_ref(), uv)? {
            outputs.push((cbor::text("hmac-secret-mc"), cbor::bytes(&out)));
        }
    }
    // Only the RPs the key was told may learn it (§12.4).
    if request.extensions.min_pin_length && state.min_pin_length_rp_ids.iter().any(|r| r == rp_id) {
        outputs.push((cbor::text("minPinLength"), cbor::uint(u64::from(state.min_pin_length))));
    }

    // Steps 16-19, computed before anything is stored so a failure leaves no trace.
    let key = CredentialPrivateKey::generate(alg).map_err(|_| code::OTHER)?;
    let credential_id = random::<CREDENTIAL_ID_LEN>()?.to_vec();
    let sign_count = state.sign_count.saturating_add(1);
    let auth_data = AuthenticatorData {
        rp_id_hash: rp_id_hash(rp_id),
        flags: FLAG_UP | if uv { FLAG_UV } else { 0 },
        sign_count,
        attested: Some(AttestedCredential {
            aaguid,
            credential_id: credential_id.clone(),
            public_key: key.public_cose().map_err(|_| code::OTHER)?,
        }),
        extensions: (!outputs.is_empty()).then_some(Value::Map(outputs)),
    }
    .to_bytes();
    let att_stmt = material.sign_packed(&auth_data, &request.client_data_hash).map_err(|_| code::OTHER)?;

    state.sign_count = sign_count;
    if rk {
        // Same RP and user: the new credential replaces the old one.
        state.credentials.retain(|c| !same_account(c));
    }
    let created = state.next_credential_sequence;
    state.credentials.push(StoredCredential {
        id: credential_id.clone(),
        rp_id: rp_id.to_string(),
        rp_name: request.rp.name.clone(),
        user_id,
        user_name: request.user.name.clone(),
        user_display_name: request.user.display_name.clone(),
        key: StoredCredentialKey::from(&key),
        discoverable: rk,
        cred_protect: request.extensions.cred_protect.unwrap_or(1),
        hmac_secret,
        large_blob_key,
        cred_blob,
        third_party_payment: request.extensions.third_party_payment,
        created,
    });
    state.next_credential_sequence = state.next_credential_sequence.saturating_add(1);

    Ok(Some(cbor::int_map([
        (response::FMT, Some(cbor::text("packed"))),
        (response::AUTH_DATA, Some(cbor::bytes(&auth_data))),
        (response::ATT_STMT, Some(att_stmt)),
        (response::EP_ATT, ep_att.then_some(Value::Bool(true))),
        (response::LARGE_BLOB_KEY, large_blob_key.map(|k| cbor::bytes(&k))),
    ])))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::attestation::{verify_assertion_signature, AttestationVerdict};
    use crate::proto::cbor::{bytes, int_map, text, uint};
    use crate::proto::cose::{ALG_EDDSA, ALG_ES256, ALG_ES384, ALG_RS256};
    use crate::proto::ctap2::{command, get_assertion as ga};
    use crate::proto::entities::credential_parameter;
    use crate::proto::entities::CredentialDescriptor;
    use crate::virtual_key::testing::*;

    fn status(r: Result<impl Sized, u8>) -> u8 {
        r.map(|_| code::OK).unwrap_or_else(|s| s)
    }

    fn mc_status(state: &mut KeyState, entries: &Entries) -> u8 {
        status(make_credential(state, entries, &mut Person::approving()))
    }

    fn extensions_of(att: &crate::client::attestation::AttestationObject) -> Vec<(Value, Value)> {
        match &att.auth_data.extensions {
            Some(Value::Map(m)) => m.clone(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn es256_and_eddsa_registrations_verify_and_chain_to_the_keys_ca() {
        for alg in [ALG_ES256, ALG_EDDSA] {
            let mut state = key(Profile::Ctap21);
            let mut request = mc_request(RP, b"u1", false);
            // RS256 and a foreign type come first and are skipped.
            let foreign = Value::Map(vec![(text("alg"), cbor::int(ALG_ES256)), (text("type"), text("other"))]);
            let params = vec![credential_parameter(-257), foreign, credential_parameter(alg), credential_parameter(-7)];
            set(&mut request, field::PUB_KEY_CRED_PARAMS, Some(Value::Array(params)));
            let mut person = Person::approving();
            let att = make_credential(&mut state, &request, &mut person).unwrap();
            assert_eq!(person.asked, 1);
            assert_eq!(att.fmt, "packed");
            assert!(matches!(att.verify(&CDH).unwrap(), AttestationVerdict::Packed { .. }));
            assert!(att.verify_chain_to(&[ca_cert(&state)]).unwrap());
            let data = &att.auth_data;
            assert_eq!(data.rp_id_hash, rp_id_hash(RP));
            assert_eq!(data.encoded_flags(), FLAG_UP | crate::proto::auth_data::FLAG_AT);
            assert_eq!(data.sign_count, 1);
            let cred = data.attested.as_ref().unwrap();
            assert_eq!(cred.aaguid, profile::parse_aaguid(profile::DEFAULT_AAGUID).unwrap());
            assert_eq!(cred.public_key.alg(), alg);
            assert!(cred.credential_id.len() >= 32);

            let stored = &state.credentials[0];
            assert_eq!(stored.id, cred.credential_id);
            assert_eq!((stored.rp_id.as_str(), stored.discoverable, stored.cred_protect), (RP, false, 1));
            assert_eq!(stored.user_id, b"u1");
            assert_eq!(state.next_credential_sequence, 1);

            // The credential signs assertions its public key verifies.
            let allow = Value::Array(vec![CredentialDescriptor { id: cred.credential_id.clone() }.to_value()]);
            let request = int_map([
                (ga::RP_ID, Some(text(RP))),
                (ga::CLIENT_DATA_HASH, Some(bytes(&CDH))),
                (ga::ALLOW_LIST, Some(allow)),
            ]);
            let answer = send(&mut state, command::GET_ASSERTION, Some(&request), &mut person).unwrap();
            let map = MapView::new(&answer, "answer").unwrap();
            let auth_data = map.req_bytes(ga::response::AUTH_DATA).unwrap();
            let signature = map.req_bytes(ga::response::SIGNATURE).unwrap();
            verify_assertion_signature(&cred.public_key, auth_data, &CDH, signature).unwrap();
            assert_eq!(AuthenticatorData::parse(auth_data).unwrap().sign_count, 2);
        }
    }

    /// Register with `params` (COSE numbers, in order) and sign in once; the algorithm chosen.
    fn register_and_sign_in(state: &mut KeyState, params: &[i64]) -> Result<i64, u8> {
        let mut request = mc_request(RP, b"u1", false);
        let params = params.iter().map(|a| credential_parameter(*a)).collect();
        set(&mut request, field::PUB_KEY_CRED_PARAMS, Some(Value::Array(params)));
        let mut person = Person::approving();
        let att = make_credential(state, &request, &mut person)?;
        assert!(matches!(att.verify(&CDH).unwrap(), AttestationVerdict::Packed { .. }));
        let cred = att.auth_data.attested.as_ref().unwrap();
        // The public key survives a CBOR round trip through the parser with its bounds.
        assert_eq!(crate::proto::cose::CoseKey::from_value(&cred.public_key.to_value()).unwrap(), cred.public_key);
        let allow = Value::Array(vec![CredentialDescriptor { id: cred.credential_id.clone() }.to_value()]);
        let request = int_map([
            (ga::RP_ID, Some(text(RP))),
            (ga::CLIENT_DATA_HASH, Some(bytes(&CDH))),
            (ga::ALLOW_LIST, Some(allow)),
        ]);
        let answer = send(state, command::GET_ASSERTION, Some(&request), &mut person).unwrap();
        let map = MapView::new(&answer, "answer").unwrap();
        let auth_data = map.req_bytes(ga::response::AUTH_DATA).unwrap();
        let signature = map.req_bytes(ga::response::SIGNATURE).unwrap();
        verify_assertion_signature(&cred.public_key, auth_data, &CDH, signature).unwrap();
        // A signature over other data does not verify: the check is real.
        assert!(verify_assertion_signature(&cred.public_key, auth_data, &[0; 32], signature).is_err());
        Ok(cred.public_key.alg())
    }

    #[test]
    fn ctap22_signs_with_es384_and_rs256_in_the_platforms_order() {
        let mut state = key(Profile::Ctap22);
        assert_eq!(register_and_sign_in(&mut state, &[ALG_ES384]), Ok(ALG_ES384));
        assert_eq!(register_and_sign_in(&mut state, &[-36, ALG_RS256, ALG_ES256]), Ok(ALG_RS256));
        assert_eq!(register_and_sign_in(&mut state, &[ALG_EDDSA, ALG_RS256]), Ok(ALG_EDDSA));
        // The keys survive the state file.
        let reloaded: KeyState = serde_json::from_str(&serde_json::to_string(&state).unwrap()).unwrap();
        for c in &reloaded.credentials {
            CredentialPrivateKey::try_from(&c.key).unwrap();
        }
        assert_eq!(
            reloaded.credentials.iter().map(|c| c.key.alg).collect::<Vec<_>>(),
            [ALG_ES384, ALG_RS256, ALG_EDDSA]
        );
    }

    #[test]
    fn older_profiles_refuse_es384_and_rs256() {
        let mut state = key(Profile::Ctap21);
        assert_eq!(register_and_sign_in(&mut state, &[ALG_ES384, ALG_RS256]), Err(code::UNSUPPORTED_ALGORITHM));
        assert_eq!(register_and_sign_in(&mut state, &[ALG_ES384, ALG_ES256]), Ok(ALG_ES256));
    }

    #[test]
    fn the_signature_counter_is_global_and_only_moves_on_success() {
        let mut state = key(Profile::Ctap21);
        for expected in 1..=3 {
            let att = make_credential(&mut state, &mc_request(RP, &[expected as u8], false), &mut Person::approving());
            assert_eq!(att.unwrap().auth_data.sign_count, expected);
        }
        let denied =
            make_credential(&mut state, &mc_request(RP, b"x", false), &mut Person::answering(code::OPERATION_DENIED));
        assert_eq!(status(denied), code::OPERATION_DENIED);
        assert_eq!(state.sign_count, 3);
        let att = make_credential(&mut state, &mc_request("other.example", b"x", false), &mut Person::approving());
        assert_eq!(att.unwrap().auth_data.sign_count, 4);
    }

    #[test]
    fn presence_refused_or_absent_stores_nothing() {
        for answer in [code::OPERATION_DENIED, code::USER_ACTION_TIMEOUT, code::KEEPALIVE_CANCEL] {
            let mut state = key(Profile::Ctap21);
            let mut person = Person::answering(answer);
            assert_eq!(status(make_credential(&mut state, &mc_request(RP, b"u", true), &mut person)), answer);
            assert_eq!(person.asked, 1);
            assert!(state.credentials.is_empty());
            assert_eq!((state.sign_count, state.next_credential_sequence), (0, 0));
        }
    }

    #[test]
    fn exclude_list_names_a_credential_of_this_rp() {
        let mut state = key(Profile::Ctap21);
        let (id, _) = register(&mut state, RP, b"u1", false);
        let (other_rp_id, _) = register(&mut state, "other.example", b"u1", false);
        let exclude = |ids: &[&[u8]]| {
            Some(Value::Array(ids.iter().map(|id| CredentialDescriptor { id: id.to_vec() }.to_value()).collect()))
        };
        for answer in [Ok(()), Err(code::OPERATION_DENIED), Err(code::USER_ACTION_TIMEOUT)] {
            let mut request = mc_request(RP, b"u2", false);
            set(&mut request, field::EXCLUDE_LIST, exclude(&[&[7; 32], &id]));
            let mut person = Person { answer, asked: 0 };
            // Asked to touch, then excluded whatever the touch gave.
            assert_eq!(status(make_credential(&mut state, &request, &mut person)), code::CREDENTIAL_EXCLUDED);
            assert_eq!(person.asked, 1);
        }
        let mut request = mc_request(RP, b"u2", false);
        set(&mut request, field::EXCLUDE_LIST, exclude(&[&id]));
        let mut cancelled = Person::answering(code::KEEPALIVE_CANCEL);
        assert_eq!(status(make_credential(&mut state, &request, &mut cancelled)), code::KEEPALIVE_CANCEL);
        assert_eq!(state.credentials.len(), 2);
        // Another RP's credential, or an id nobody made, excludes nothing.
        set(&mut request, field::EXCLUDE_LIST, exclude(&[&other_rp_id, &[7; 32]]));
        assert_eq!(mc_status(&mut state, &request), code::OK);
        assert_eq!(state.credentials.len(), 3);
    }

    #[test]
    fn a_full_key_says_so_before_asking_for_a_touch() {
        let mut state = key(Profile::Ctap21);
        state.identity.max_resident = 2;
        register(&mut state, RP, b"u1", true);
        register(&mut state, RP, b"u2", true);
        assert_eq!(state.remaining_discoverable(), 0);
        let mut person = Person::approving();
        assert_eq!(
            status(make_credential(&mut state, &mc_request(RP, b"u3", true), &mut person)),
            code::KEY_STORE_FULL
        );
        assert_eq!(person.asked, 0);
        // Non-discoverable credentials take no slot; replacing an account needs no new one.
        assert_eq!(mc_status(&mut state, &mc_request(RP, b"u3", false)), code::OK);
        assert_eq!(mc_status(&mut state, &mc_request(RP, b"u2", true)), code::OK);
        assert_eq!(state.discoverable_count(), 2);
    }

    #[test]
    fn same_rp_and_user_replaces_the_discoverable_credential() {
        let mut state = key(Profile::Ctap21);
        let (old, _) = register(&mut state, RP, b"alice", true);
        register(&mut state, "other.example", b"alice", true);
        let (non_rk, _) = register(&mut state, RP, b"alice", false);
        let (new, _) = register(&mut state, RP, b"alice", true);
        assert_ne!(old, new);
        let ids: Vec<&Vec<u8>> = state.credentials.iter().map(|c| &c.id).collect();
        assert!(!ids.contains(&&old));
        assert!(ids.contains(&&new));
        assert!(ids.contains(&&non_rk));
        assert_eq!(state.discoverable_count(), 2);
        register(&mut state, RP, b"bob", true);
        assert_eq!(state.discoverable_count(), 3);
    }

    #[test]
    fn with_a_pin_set_discoverable_credentials_need_a_token() {
        let mut state = key(Profile::Ctap21);
        set_pin(&mut state, V2, b"1234");
        let mut person = Person::approving();
        let answer = make_credential(&mut state, &mc_request(RP, b"u", true), &mut person);
        assert_eq!(status(answer), 0x36);
        assert_eq!(person.asked, 0);
        // makeCredUvNotRqd: a non-discoverable credential without UV is allowed.
        let att = make_credential(&mut state, &mc_request(RP, b"u", false), &mut person).unwrap();
        assert_eq!(att.auth_data.flags & FLAG_UV, 0);

        // CTAP 2.0 and 2.1-pre keys want the PIN for every registration.
        for profile in [Profile::Ctap20, Profile::Ctap21Pre] {
            let mut state = key(profile);
            assert_eq!(mc_status(&mut state, &mc_request(RP, b"u", false)), code::OK);
            set_pin(&mut state, V1, b"1234");
            assert_eq!(mc_status(&mut state, &mc_request(RP, b"u", false)), code::PIN_REQUIRED);
        }
    }

    #[test]
    fn a_token_verifies_the_user_once_for_its_rp() {
        let mut state = key(Profile::Ctap21);
        set_pin(&mut state, V2, b"1234");
        let token = pin_token(&mut state, V2, b"1234", Some(MC | GA), None);
        let mut request = mc_request(RP, b"u", true);
        with_token(&mut request, field::PIN_UV_AUTH_PARAM, V2, &token);
        let att = make_credential(&mut state, &request, &mut Person::approving()).unwrap();
        assert_eq!(att.auth_data.flags & (FLAG_UP | FLAG_UV), FLAG_UP | FLAG_UV);
        assert!(state.credentials[0].discoverable);
        // The token is now bound to the RP and has lost mc and ga: the platform must get a new one.
        let kept = state.power.token.clone().unwrap();
        assert_eq!((kept.permissions, kept.rp_id.as_deref()), (0, Some(RP)));
        assert_eq!(mc_status(&mut state, &request), code::PIN_AUTH_INVALID);

        // Bound to another RP, or without mc: refused before any touch.
        for (permissions, rp_id) in [(MC, Some("other.example")), (GA, None)] {
            let token = pin_token(&mut state, V2, b"1234", Some(permissions), rp_id);
            with_token(&mut request, field::PIN_UV_AUTH_PARAM, V2, &token);
            let mut person = Person::approving();
            assert_eq!(status(make_credential(&mut state, &request, &mut person)), code::PIN_AUTH_INVALID);
            assert_eq!(person.asked, 0);
        }
        // A protocol 1 token from getPinToken works too (default permissions mc|ga).
        let token = pin_token(&mut state, V1, b"1234", None, None);
        with_token(&mut request, field::PIN_UV_AUTH_PARAM, V1, &token);
        assert_eq!(mc_status(&mut state, &request), code::OK);
        // A MAC made with the wrong key, or the token under the other protocol.
        let token = pin_token(&mut state, V2, b"1234", Some(MC), None);
        with_token(&mut request, field::PIN_UV_AUTH_PARAM, V2, &[0x55; 32]);
        assert_eq!(mc_status(&mut state, &request), code::PIN_AUTH_INVALID);
        with_token(&mut request, field::PIN_UV_AUTH_PARAM, V1, &token);
        assert_eq!(mc_status(&mut state, &request), code::PIN_AUTH_INVALID);
        assert_eq!(state.discoverable_count(), 1);
    }

    #[test]
    fn pin_uv_auth_protocol_must_come_with_the_param_and_be_offered() {
        let mut state = key(Profile::Ctap21);
        let mut request = mc_request(RP, b"u", false);
        set(&mut request, field::PIN_UV_AUTH_PARAM, Some(bytes(&[1; 32])));
        assert_eq!(mc_status(&mut state, &request), code::MISSING_PARAMETER);
        for n in [0, 3, 1 << 40] {
            set(&mut request, field::PIN_UV_AUTH_PROTOCOL, Some(uint(n)));
            assert_eq!(mc_status(&mut state, &request), code::INVALID_PARAMETER, "{n}");
        }
        // No PIN, so no token: a param is never silently ignored.
        set(&mut request, field::PIN_UV_AUTH_PROTOCOL, Some(uint(2)));
        assert_eq!(mc_status(&mut state, &request), code::PIN_AUTH_INVALID);
        let mut state = key(Profile::Ctap20);
        set(&mut request, field::PIN_UV_AUTH_PARAM, Some(bytes(&[1; 16])));
        assert_eq!(mc_status(&mut state, &request), code::INVALID_PARAMETER);
    }

    #[test]
    fn ctap20_profile_with_a_protocol_1_get_pin_token() {
        let mut state = key(Profile::Ctap20);
        set_pin(&mut state, V1, b"1234");
        let token = pin_token(&mut state, V1, b"1234", None, None);
        for rk in [true, false, true] {
            let mut request = mc_request(RP, if rk { b"rk" } else { b"nr" }, rk);
            with_token(&mut request, field::PIN_UV_AUTH_PARAM, V1, &token);
            // No permissions on a 2.0 key: the same token keeps working.
            let att = make_credential(&mut state, &request, &mut Person::approving()).unwrap();
            assert_eq!(att.auth_data.flags & FLAG_UV, FLAG_UV);
            assert!(att.verify_chain_to(&[ca_cert(&state)]).unwrap());
        }
        assert_eq!(state.credentials.len(), 2);
    }

    #[test]
    fn options() {
        for (profile, uv_status) in
            [(Profile::Ctap21, code::INVALID_OPTION), (Profile::Ctap20, code::UNSUPPORTED_OPTION)]
        {
            let mut state = key(profile);
            let mut request = mc_request(RP, b"u", false);
            let opts = |pairs: &[(&str, bool)]| {
                Some(Value::Map(pairs.iter().map(|(k, v)| (text(k), Value::Bool(*v))).collect()))
            };
            set(&mut request, field::OPTIONS, opts(&[("uv", true)]));
            assert_eq!(mc_status(&mut state, &request), uv_status);
            set(&mut request, field::OPTIONS, opts(&[("up", false)]));
            assert_eq!(mc_status(&mut state, &request), code::INVALID_OPTION);
            set(&mut request, field::OPTIONS, opts(&[("up", true), ("uv", false), ("rk", false), ("plat", true)]));
            assert_eq!(mc_status(&mut state, &request), code::OK);
            set(&mut request, field::OPTIONS, Some(Value::Map(vec![(text("rk"), uint(1))])));
            assert_eq!(mc_status(&mut state, &request), code::CBOR_UNEXPECTED_TYPE);
            // An option this key does not know is ignored, whatever its value.
            set(&mut request, field::OPTIONS, Some(Value::Map(vec![(text("future"), uint(1)), (uint(5), uint(1))])));
            assert_eq!(mc_status(&mut state, &request), code::OK);
        }
        // With a token, "uv" counts as false.
        let mut state = key(Profile::Ctap21);
        set_pin(&mut state, V2, b"1234");
        let token = pin_token(&mut state, V2, b"1234", Some(MC), None);
        let mut request = mc_request(RP, b"u", true);
        set(
            &mut request,
            field::OPTIONS,
            Some(Value::Map(vec![(text("rk"), Value::Bool(true)), (text("uv"), Value::Bool(true))])),
        );
        with_token(&mut request, field::PIN_UV_AUTH_PARAM, V2, &token);
        assert_eq!(mc_status(&mut state, &request), code::OK);
    }

    #[test]
    fn always_uv_wants_a_token_for_every_registration() {
        let mut state = key(Profile::Ctap21);
        state.always_uv = true;
        // No PIN yet: clientPin is supported, so the platform is told to get a token (set a PIN).
        assert_eq!(mc_status(&mut state, &mc_request(RP, b"u", false)), code::PUAT_REQUIRED);
        set_pin(&mut state, V2, b"1234");
        assert_eq!(mc_status(&mut state, &mc_request(RP, b"u", false)), code::PUAT_REQUIRED);
        let token = pin_token(&mut state, V2, b"1234", Some(MC), None);
        let mut request = mc_request(RP, b"u", false);
        with_token(&mut request, field::PIN_UV_AUTH_PARAM, V2, &token);
        assert_eq!(mc_status(&mut state, &request), code::OK);
    }

    #[test]
    fn enterprise_attestation() {
        let mut state = key(Profile::Ctap21);
        let mut request = mc_request(RP, b"u", false);
        set(&mut request, field::ENTERPRISE_ATTESTATION, Some(uint(1)));
        assert_eq!(mc_status(&mut state, &request), code::INVALID_PARAMETER);
        state.enterprise_attestation = true;
        for (ep, expected) in [(0, code::INVALID_OPTION), (3, code::INVALID_OPTION), (1, code::OK), (2, code::OK)] {
            set(&mut request, field::ENTERPRISE_ATTESTATION, Some(uint(ep)));
            assert_eq!(mc_status(&mut state, &request), expected, "{ep}");
        }
        set(&mut request, field::ENTERPRISE_ATTESTATION, Some(text("1")));
        assert_eq!(mc_status(&mut state, &request), code::CBOR_UNEXPECTED_TYPE);
        // Allowed: signed by the device's own certificate, from the same CA, and epAtt set.
        let x5c = |answer: &Value| {
            let map = MapView::new(answer, "answer").unwrap();
            let stmt = MapView::new(map.get(response::ATT_STMT).unwrap(), "attStmt").unwrap();
            let Some(Value::Array(chain)) = stmt.get_text_key("x5c") else { panic!("no x5c") };
            let Value::Bytes(cert) = &chain[0] else { panic!("x5c entry") };
            cert.clone()
        };
        let ordinary = send(
            &mut state,
            command::MAKE_CREDENTIAL,
            Some(&int_map(mc_request(RP, b"v", false))),
            &mut Person::approving(),
        )
        .unwrap();
        assert!(MapView::new(&ordinary, "answer").unwrap().get(response::EP_ATT).is_none());
        for ep in [1, 2] {
            set(&mut request, field::ENTERPRISE_ATTESTATION, Some(uint(ep)));
            let answer =
                send(&mut state, command::MAKE_CREDENTIAL, Some(&int_map(request.clone())), &mut Person::approving())
                    .unwrap();
            assert_eq!(MapView::new(&answer, "answer").unwrap().get(response::EP_ATT), Some(&Value::Bool(true)));
            let cert = x5c(&answer);
            assert_ne!(cert, x5c(&ordinary), "enterprise attestation must not use the batch certificate");
            let subject = crate::proto::certificate::Cert::from_der(&cert).unwrap().subject_name();
            assert!(subject.contains("0011223344556677"), "{subject}");
            let att = crate::client::attestation::AttestationObject::from_ctap_response(&answer).unwrap();
            assert!(att.verify_chain_to(&[ca_cert(&state)]).unwrap());
            assert!(matches!(att.verify(&CDH).unwrap(), AttestationVerdict::Packed { .. }));
        }
        // A key made before the enterprise certificate existed attests as before.
        state.enterprise_attestation_leaf = None;
        let answer =
            send(&mut state, command::MAKE_CREDENTIAL, Some(&int_map(request.clone())), &mut Person::approving())
                .unwrap();
        assert!(MapView::new(&answer, "answer").unwrap().get(response::EP_ATT).is_none());
        assert_eq!(x5c(&answer), x5c(&ordinary));
        // A CTAP 2.0 key never heard of the field.
        let mut state = key(Profile::Ctap20);
        set(&mut request, field::ENTERPRISE_ATTESTATION, Some(text("whatever")));
        assert_eq!(mc_status(&mut state, &request), code::OK);
    }

    #[test]
    fn extensions() {
        let mut state = key(Profile::Ctap21);
        state.min_pin_length = 6;
        state.min_pin_length_rp_ids = vec!["listed.example".into()];
        let ext = |pairs: Vec<(&str, Value)>| Some(Value::Map(pairs.into_iter().map(|(k, v)| (text(k), v)).collect()));

        let mut request = mc_request("listed.example", b"u", true);
        set(
            &mut request,
            field::EXTENSIONS,
            ext(vec![
                ("credProtect", uint(2)),
                ("hmac-secret", Value::Bool(true)),
                ("minPinLength", Value::Bool(true)),
                ("credBlob", bytes(b"ignored")),
            ]),
        );
        let att = make_credential(&mut state, &request, &mut Person::approving()).unwrap();
        assert!(att.verify(&CDH).is_ok());
        let mut outputs = extensions_of(&att);
        outputs.sort_by_key(|(k, _)| format!("{k:?}"));
        assert_eq!(
            outputs,
            vec![
                (text("credBlob"), Value::Bool(true)),
                (text("credProtect"), uint(2)),
                (text("hmac-secret"), Value::Bool(true)),
                (text("minPinLength"), uint(6)),
            ]
        );
        let stored = state.credentials.last().unwrap();
        assert_eq!(stored.cred_protect, 2);
        let keys = stored.hmac_secret.clone().unwrap();
        assert_ne!(keys.with_uv, keys.without_uv);
        assert_eq!(keys.with_uv.len(), 32);

        // minPinLength only for the RPs it was given to; hmac-secret false makes no keys.
        let mut request = mc_request(RP, b"u", false);
        set(
            &mut request,
            field::EXTENSIONS,
            ext(vec![("minPinLength", Value::Bool(true)), ("hmac-secret", Value::Bool(false))]),
        );
        let att = make_credential(&mut state, &request, &mut Person::approving()).unwrap();
        assert!(extensions_of(&att).is_empty());
        assert_eq!(att.auth_data.encoded_flags() & crate::proto::auth_data::FLAG_ED, 0);
        assert!(state.credentials.last().unwrap().hmac_secret.is_none());

        for (bad, expected) in [
            (ext(vec![("credProtect", uint(0))]), code::INVALID_PARAMETER),
            (ext(vec![("credProtect", uint(4))]), code::INVALID_PARAMETER),
            (ext(vec![("credProtect", cbor::int(-1))]), code::INVALID_PARAMETER),
            (ext(vec![("credProtect", text("3"))]), code::CBOR_UNEXPECTED_TYPE),
            (ext(vec![("hmac-secret", uint(1))]), code::CBOR_UNEXPECTED_TYPE),
            (ext(vec![("minPinLength", text("yes"))]), code::CBOR_UNEXPECTED_TYPE),
            (Some(Value::Map(vec![(uint(1), Value::Bool(true))])), code::CBOR_UNEXPECTED_TYPE),
            (Some(Value::Array(vec![])), code::CBOR_UNEXPECTED_TYPE),
        ] {
            set(&mut request, field::EXTENSIONS, bad.clone());
            assert_eq!(mc_status(&mut state, &request), expected, "{bad:?}");
        }
        // The ctap2.0 profile does not offer minPinLength, so ignores it.
        let mut state = key(Profile::Ctap20);
        state.min_pin_length_rp_ids = vec![RP.into()];
        set(&mut request, field::EXTENSIONS, ext(vec![("minPinLength", text("not even a bool"))]));
        let att = make_credential(&mut state, &request, &mut Person::approving()).unwrap();
        assert!(extensions_of(&att).is_empty());
    }

    #[test]
    fn zero_length_pin_uv_auth_param_is_a_touch_probe() {
        for (pin, expected) in [(false, code::PIN_NOT_SET), (true, code::PIN_INVALID)] {
            let mut state = key(Profile::Ctap21);
            if pin {
                set_pin(&mut state, V2, b"1234");
            }
            let mut request = mc_request(".dummy", &[0], false);
            set(&mut request, field::PIN_UV_AUTH_PARAM, Some(bytes(&[])));
            set(&mut request, field::PIN_UV_AUTH_PROTOCOL, Some(uint(1)));
            let mut person = Person::approving();
            assert_eq!(status(make_credential(&mut state, &request, &mut person)), expected);
            assert_eq!(person.asked, 1);
            let mut person = Person::answering(code::OPERATION_DENIED);
            assert_eq!(status(make_credential(&mut state, &request, &mut person)), code::OPERATION_DENIED);
            assert!(state.credentials.is_empty());
        }
    }

    #[test]
    fn python_fido2_make_credential_request() {
        let all: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/vectors/ctap2_requests.json"))
                .unwrap(),
        )
        .unwrap();
        let name = "makeCredential rk es256+eddsa credProtect=2 with PIN auth (protocol 2)";
        let found = all["requests"].as_array().unwrap().iter().find(|r| r["name"] == name).unwrap();
        let raw = hex::decode(found["request_hex"].as_str().unwrap()).unwrap();
        let Value::Map(mut entries) = cbor::decode(&raw[1..]).unwrap() else { panic!() };
        let cdh: [u8; 32] =
            MapView::new(&Value::Map(entries.clone()), "r").unwrap().req_bytes(1).unwrap().try_into().unwrap();

        let mut state = key(Profile::Ctap21);
        set_pin(&mut state, V2, b"1234");
        let token = pin_token(&mut state, V2, b"1234", Some(MC), None);
        // Recorded with a stand-in pinUvAuthParam; ours is made with the token this key gave.
        for (k, v) in entries.iter_mut() {
            if cbor::as_i64(k) == Some(field::PIN_UV_AUTH_PARAM) {
                *v = bytes(&V2.authenticate(&token, &cdh));
            }
        }
        let answer = send(&mut state, raw[0], Some(&Value::Map(entries)), &mut Person::approving()).unwrap();
        let att = crate::client::attestation::AttestationObject::from_ctap_response(&answer).unwrap();
        assert!(att.verify_chain_to(&[ca_cert(&state)]).unwrap());
        assert!(matches!(att.verify(&cdh).unwrap(), AttestationVerdict::Packed { .. }));
        assert_eq!(att.auth_data.attested.as_ref().unwrap().public_key.alg(), ALG_ES256);
        assert_eq!(extensions_of(&att), vec![(text("credProtect"), uint(2))]);
        let stored = &state.credentials[0];
        assert!(stored.discoverable);
        assert_eq!(
            (stored.rp_id.as_str(), stored.rp_name.as_deref(), stored.user_id.as_slice(), stored.user_name.as_deref()),
            ("example.com", Some("Example"), &[1u8, 2, 3][..], Some("alice"))
        );
        assert_eq!(stored.user_display_name.as_deref(), Some("Alice"));
    }

    #[test]
    fn hostile_requests_get_the_right_status() {
        let mut state = key(Profile::Ctap21);
        let mut person = Person::approving();
        assert_eq!(send(&mut state, command::MAKE_CREDENTIAL, None, &mut person), Err(code::MISSING_PARAMETER));
        assert_eq!(
            send(&mut state, command::MAKE_CREDENTIAL, Some(&uint(1)), &mut person),
            Err(code::CBOR_UNEXPECTED_TYPE)
        );
        // Not canonical: keys out of order.
        let wire = [&[command::MAKE_CREDENTIAL, 0xa2, 0x02, 0x00, 0x01, 0x00][..]].concat();
        assert_eq!(crate::virtual_key::ctap2::handle(&mut state, &wire, &mut person), [code::INVALID_CBOR]);

        let good = mc_request(RP, b"u", true);
        for key in [field::CLIENT_DATA_HASH, field::RP, field::USER, field::PUB_KEY_CRED_PARAMS] {
            let mut request = good.clone();
            set(&mut request, key, None);
            assert_eq!(mc_status(&mut state, &request), code::MISSING_PARAMETER, "without {key}");
        }
        let descriptor_without_id = Value::Map(vec![(text("type"), text("public-key"))]);
        let map_of = |pairs: Vec<(&str, Value)>| Value::Map(pairs.into_iter().map(|(k, v)| (text(k), v)).collect());
        for (key, value, expected) in [
            (field::CLIENT_DATA_HASH, bytes(&[0; 33]), code::INVALID_LENGTH),
            (field::CLIENT_DATA_HASH, bytes(&[0; 31]), code::INVALID_LENGTH),
            (field::CLIENT_DATA_HASH, bytes(&[]), code::INVALID_LENGTH),
            (field::CLIENT_DATA_HASH, text("hash"), code::CBOR_UNEXPECTED_TYPE),
            (field::RP, text(RP), code::CBOR_UNEXPECTED_TYPE),
            (field::RP, map_of(vec![("name", text("x"))]), code::MISSING_PARAMETER),
            (field::RP, map_of(vec![("id", bytes(b"example.com"))]), code::CBOR_UNEXPECTED_TYPE),
            (field::RP, Value::Map(vec![(uint(1), text(RP))]), code::CBOR_UNEXPECTED_TYPE),
            (field::USER, bytes(b"u"), code::CBOR_UNEXPECTED_TYPE),
            (field::USER, map_of(vec![("name", text("x"))]), code::MISSING_PARAMETER),
            (field::USER, map_of(vec![("id", text("u"))]), code::CBOR_UNEXPECTED_TYPE),
            (field::USER, map_of(vec![("id", bytes(&[1; 65]))]), code::INVALID_LENGTH),
            (field::USER, map_of(vec![("id", bytes(b"u")), ("displayName", uint(3))]), code::CBOR_UNEXPECTED_TYPE),
            (field::PUB_KEY_CRED_PARAMS, credential_parameter(-7), code::CBOR_UNEXPECTED_TYPE),
            (field::PUB_KEY_CRED_PARAMS, Value::Array(vec![]), code::UNSUPPORTED_ALGORITHM),
            (field::PUB_KEY_CRED_PARAMS, Value::Array(vec![credential_parameter(-257)]), code::UNSUPPORTED_ALGORITHM),
            (field::PUB_KEY_CRED_PARAMS, Value::Array(vec![uint(7)]), code::CBOR_UNEXPECTED_TYPE),
            (
                field::PUB_KEY_CRED_PARAMS,
                Value::Array(vec![map_of(vec![("type", text("public-key"))])]),
                code::MISSING_PARAMETER,
            ),
            (
                field::PUB_KEY_CRED_PARAMS,
                Value::Array(vec![map_of(vec![("alg", cbor::int(-7))])]),
                code::MISSING_PARAMETER,
            ),
            (
                field::PUB_KEY_CRED_PARAMS,
                Value::Array(vec![map_of(vec![("alg", text("ES256")), ("type", text("public-key"))])]),
                code::CBOR_UNEXPECTED_TYPE,
            ),
            (
                field::PUB_KEY_CRED_PARAMS,
                Value::Array(vec![credential_parameter(-7), map_of(vec![("alg", cbor::int(-8)), ("type", uint(1))])]),
                code::CBOR_UNEXPECTED_TYPE,
            ),
            (
                field::PUB_KEY_CRED_PARAMS,
                Value::Array(vec![map_of(vec![("alg", uint(u64::MAX)), ("type", text("public-key"))])]),
                code::UNSUPPORTED_ALGORITHM,
            ),
            (field::EXCLUDE_LIST, bytes(&[1]), code::CBOR_UNEXPECTED_TYPE),
            (field::EXCLUDE_LIST, Value::Array(vec![descriptor_without_id]), code::MISSING_PARAMETER),
            (field::EXCLUDE_LIST, Value::Array(vec![text("id")]), code::CBOR_UNEXPECTED_TYPE),
            (field::OPTIONS, Value::Array(vec![]), code::CBOR_UNEXPECTED_TYPE),
            (field::PIN_UV_AUTH_PARAM, text("auth"), code::CBOR_UNEXPECTED_TYPE),
            (field::PIN_UV_AUTH_PROTOCOL, cbor::int(-1), code::CBOR_UNEXPECTED_TYPE),
        ] {
            let mut request = good.clone();
            set(&mut request, key, Some(value.clone()));
            assert_eq!(mc_status(&mut state, &request), expected, "{key}: {value:?}");
        }
        assert!(state.credentials.is_empty());
        assert_eq!(mc_status(&mut state, &good), code::OK);
    }

    #[test]
    fn mangled_requests_never_panic() {
        let mut state = key(Profile::Ctap21);
        let mut request = mc_request(RP, b"u", true);
        set(
            &mut request,
            field::EXCLUDE_LIST,
            Some(Value::Array(vec![CredentialDescriptor { id: vec![1; 32] }.to_value()])),
        );
        set(&mut request, field::EXTENSIONS, Some(Value::Map(vec![(text("credProtect"), uint(2))])));
        let wire = [vec![command::MAKE_CREDENTIAL], cbor::encode(&int_map(request))].concat();
        let mut person = Person::approving();
        for cut in 0..wire.len() {
            let answer = crate::virtual_key::ctap2::handle(&mut state, &wire[..cut], &mut person);
            assert!(!answer.is_empty());
        }
        for i in 1..wire.len() {
            for bit in [0x01, 0x20, 0x80] {
                let mut mangled = wire.clone();
                mangled[i] ^= bit;
                let answer = crate::virtual_key::ctap2::handle(&mut state, &mangled, &mut person);
                assert!(!answer.is_empty());
            }
        }
    }
}
