//! authenticatorClientPIN (0x06), device side, as CTAP 2.1 §6.5.5 describes it, and the
//! pinUvAuthToken checks the other CTAP2 handlers share.
//!
//! Decisions where the spec leaves room or the profiles differ:
//! - A getPinToken (0x05) token carries the spec's default permissions, mc|ga. On the ctap2.1
//!   profile they are enforced like any other token's. The ctap2.1-pre and ctap2.0 profiles
//!   have no permission system: there a PIN token authorises everything the key can do
//!   (credentialMgmtPreview included), is never bound to an RP and stays valid after
//!   makeCredential/getAssertion, as on real keys of that age.
//! - Keys made with `--bio` have built-in UV (see bio.rs): 0x06 gives a token for a matching
//!   finger (NOT_ALLOWED with nothing enrolled) and 0x07 reports uvRetries.
//! - Without a sensor: 0x06 (getPinUvAuthTokenUsingUvWithPermissions) and 0x07
//!   (getUVRetries) "apply only when the authenticator supports built-in UV", so they are
//!   INVALID_SUBCOMMAND, as OpenSK answers; so is 0x09 on profiles without pinUvAuthToken.
//! - forcePINChange, checked only after the PIN was verified: 0x05 answers PIN_INVALID and 0x09
//!   PIN_POLICY_VIOLATION (§6.5.5.7.1 and §6.5.5.7.2 differ on purpose).
//! - getPINRetries with no PIN set answers PIN_NOT_SET, as YubiKeys do.
//! - The ctap2.2 profile's PIN policy is set for tests by [`PIN_POLICY_ENV`] (see
//!   [`PinPolicy`]): getInfo then reports pinComplexityPolicy, its URL and a smaller
//!   maxPINLength, and setPIN/changePIN answer PIN_POLICY_VIOLATION for a new PIN that breaks it.

use super::ctap2::{Answer, Tracked};
use super::persistent::PERMISSION_PCMR;
use super::profile;
use super::request::status_of;
use super::state::{KeyState, PersistentToken, Profile, StoredPin, TokenState, MAX_PIN_RETRIES};
use crate::proto::cbor::{self, MapView};
use crate::proto::cose::CoseKey;
use crate::proto::ctap2::client_pin::{self as field, permission, response, sub};
use crate::proto::pin_protocol::{pin_hash, unpad_pin, KeyAgreementKey, PinProtocol, PinProtocolError};
use crate::proto::status::code;
use ciborium::value::Value;
use rand_core::{OsRng, RngCore};
use zeroize::Zeroizing;

/// Wrong PINs in a row that block PIN entry until the next power-up.
pub const MAX_CONSECUTIVE_MISMATCHES: u8 = 3;
/// Spec minimum PIN length in code points, whatever minPINLength says.
const MIN_PIN_CODE_POINTS: u32 = 4;
/// 32 bytes suits both protocols (protocol 1 would also allow 16).
const TOKEN_LEN: usize = 32;
/// The permission bits CTAP 2.1 defines; any others "are ignored" (§6.5.5.7.2).
const DEFINED_PERMISSIONS: u64 = 0x3F;

/// One clientPIN request, every present field type-checked.
struct Request<'a> {
    protocol: Option<u64>,
    sub_command: Option<u64>,
    key_agreement: Option<&'a Value>,
    pin_uv_auth_param: Option<&'a [u8]>,
    new_pin_enc: Option<&'a [u8]>,
    pin_hash_enc: Option<&'a [u8]>,
    permissions: Option<u64>,
    rp_id: Option<&'a str>,
}

fn parse(params: Option<&Value>) -> Result<Request<'_>, u8> {
    let params = params.ok_or(code::MISSING_PARAMETER)?;
    let map = MapView::new(params, "clientPIN").map_err(|_| code::CBOR_UNEXPECTED_TYPE)?;
    // A malformed COSE key inside the map is decapsulate's INVALID_PARAMETER; a non-map is a type error.
    let key_agreement = match map.get(field::KEY_AGREEMENT) {
        None => None,
        Some(v @ Value::Map(_)) => Some(v),
        Some(_) => return Err(code::CBOR_UNEXPECTED_TYPE),
    };
    // Every field's type is checked before presence: a mistyped field is refused as such.
    let request = Request {
        protocol: map.opt_u64(field::PIN_UV_AUTH_PROTOCOL).map_err(status_of)?,
        sub_command: map.opt_u64(field::SUB_COMMAND).map_err(status_of)?,
        key_agreement,
        pin_uv_auth_param: map.opt_bytes(field::PIN_UV_AUTH_PARAM).map_err(status_of)?,
        new_pin_enc: map.opt_bytes(field::NEW_PIN_ENC).map_err(status_of)?,
        pin_hash_enc: map.opt_bytes(field::PIN_HASH_ENC).map_err(status_of)?,
        permissions: map.opt_u64(field::PERMISSIONS).map_err(status_of)?,
        rp_id: map.opt_text(field::RP_ID).map_err(status_of)?,
    };
    Ok(request)
}

/// authenticatorClientPIN. State changes (retries, mismatches, keys, tokens) are saved by the
/// caller, including those made on the way to an error status.
pub fn handle(state: &mut Tracked, params: Option<&Value>) -> Answer {
    let request = parse(params)?;
    let with_permissions = state.identity.profile.has_token_permissions();
    let sub_command = request.sub_command.ok_or(code::MISSING_PARAMETER)?;
    match u8::try_from(sub_command) {
        Ok(sub::GET_PIN_RETRIES) => get_pin_retries(state, &request),
        Ok(sub::GET_KEY_AGREEMENT) => get_key_agreement(state, &request),
        Ok(sub::SET_PIN) => set_pin(state, &request),
        Ok(sub::CHANGE_PIN) => change_pin(state, &request),
        Ok(sub::GET_PIN_TOKEN) => get_pin_token(state, &request),
        Ok(sub::GET_TOKEN_USING_PIN_WITH_PERMISSIONS) if with_permissions => {
            get_token_with_permissions(state, &request)
        }
        // Built-in UV only on keys with a sensor (`virtual create --bio`).
        Ok(sub::GET_TOKEN_USING_UV_WITH_PERMISSIONS) if with_permissions && state.identity.bio => {
            get_token_using_uv(state, &request)
        }
        Ok(sub::GET_UV_RETRIES) if state.identity.bio => {
            protocol(state, request.protocol.ok_or(code::MISSING_PARAMETER)?)?;
            Ok(Some(cbor::int_map([(response::UV_RETRIES, Some(cbor::uint(u64::from(state.bio.uv_retries))))])))
        }
        _ => Err(code::INVALID_SUBCOMMAND),
    }
}

/// The PIN/UV auth protocol `number`, if this key's profile offers it.
pub fn protocol(state: &KeyState, number: u64) -> Result<PinProtocol, u8> {
    if !state.identity.profile.pin_protocols().contains(&number) {
        return Err(code::INVALID_PARAMETER);
    }
    PinProtocol::from_number(number).ok_or(code::INVALID_PARAMETER)
}

fn get_pin_retries(state: &KeyState, request: &Request) -> Answer {
    let profile = state.identity.profile;
    // CTAP 2.1 made pinUvAuthProtocol optional here; CTAP 2.0 required it.
    match request.protocol {
        Some(n) => {
            protocol(state, n)?;
        }
        None if !profile.is_21() => return Err(code::MISSING_PARAMETER),
        None => {}
    }
    if state.pin.is_none() {
        return Err(code::PIN_NOT_SET);
    }
    let power_cycle_state =
        profile.is_21().then_some(Value::Bool(state.power.consecutive_pin_mismatches >= MAX_CONSECUTIVE_MISMATCHES));
    Ok(Some(cbor::int_map([
        (response::PIN_RETRIES, Some(cbor::uint(u64::from(state.pin_retries)))),
        (response::POWER_CYCLE_STATE, power_cycle_state),
    ])))
}

fn get_key_agreement(state: &mut Tracked, request: &Request) -> Answer {
    protocol(state, request.protocol.ok_or(code::MISSING_PARAMETER)?)?;
    // Handing out the key the key already has changes nothing worth a save.
    let key = match state.power.key_agreement.as_ref().and_then(load_scalar) {
        Some(key) => key,
        None => key_agreement_key(state)?,
    };
    Ok(Some(cbor::int_map([(response::KEY_AGREEMENT, Some(key.public_cose().to_value()))])))
}

/// §6.5.5.5
fn set_pin(state: &mut KeyState, request: &Request) -> Answer {
    let (Some(number), Some(platform_key), Some(auth), Some(new_pin_enc)) =
        (request.protocol, request.key_agreement, request.pin_uv_auth_param, request.new_pin_enc)
    else {
        return Err(code::MISSING_PARAMETER);
    };
    let p = protocol(state, number)?;
    if state.pin.is_some() {
        return Err(code::PIN_AUTH_INVALID);
    }
    let shared = decapsulate(state, p, platform_key)?;
    if !p.verify(&shared, new_pin_enc, auth) {
        return Err(code::PIN_AUTH_INVALID);
    }
    let (pin, code_points) = new_pin(state, p, &shared, new_pin_enc)?;
    state.pin = Some(StoredPin { hash: pin_hash(&pin), code_points });
    state.pin_retries = MAX_PIN_RETRIES;
    Ok(None)
}

/// §6.5.5.6
fn change_pin(state: &mut KeyState, request: &Request) -> Answer {
    let (Some(number), Some(platform_key), Some(auth), Some(new_pin_enc), Some(pin_hash_enc)) =
        (request.protocol, request.key_agreement, request.pin_uv_auth_param, request.new_pin_enc, request.pin_hash_enc)
    else {
        return Err(code::MISSING_PARAMETER);
    };
    let p = protocol(state, number)?;
    let stored = pin_gate(state)?;
    let shared = decapsulate(state, p, platform_key)?;
    if !p.verify(&shared, &[new_pin_enc, pin_hash_enc].concat(), auth) {
        return Err(code::PIN_AUTH_INVALID);
    }
    check_pin(state, p, &shared, pin_hash_enc, &stored)?;
    let (pin, code_points) = new_pin(state, p, &shared, new_pin_enc)?;
    let hash = pin_hash(&pin);
    if state.force_pin_change && same(&hash, &stored) {
        return Err(code::PIN_POLICY_VIOLATION);
    }
    state.pin = Some(StoredPin { hash, code_points });
    state.force_pin_change = false;
    state.pin_retries = MAX_PIN_RETRIES;
    // Every pinUvAuthToken dies with the old PIN, the persistent one too.
    state.power.token = None;
    state.persistent_token = None;
    Ok(None)
}

/// §6.5.5.7.1, superseded by 0x09 but all that CTAP 2.0 keys know.
fn get_pin_token(state: &mut KeyState, request: &Request) -> Answer {
    let (Some(number), Some(platform_key), Some(pin_hash_enc)) =
        (request.protocol, request.key_agreement, request.pin_hash_enc)
    else {
        return Err(code::MISSING_PARAMETER);
    };
    let p = protocol(state, number)?;
    // A CTAP 2.1 key refuses them here; older keys never heard of these fields and ignore them.
    if state.identity.profile.has_token_permissions() && (request.permissions.is_some() || request.rp_id.is_some()) {
        return Err(code::INVALID_PARAMETER);
    }
    let stored = pin_gate(state)?;
    let shared = decapsulate(state, p, platform_key)?;
    check_pin(state, p, &shared, pin_hash_enc, &stored)?;
    if state.force_pin_change {
        return Err(code::PIN_INVALID);
    }
    issue_token(state, p, &shared, permission::MAKE_CREDENTIAL | permission::GET_ASSERTION, None)
}

/// §6.5.5.7.2
fn get_token_with_permissions(state: &mut KeyState, request: &Request) -> Answer {
    let (Some(number), Some(platform_key), Some(pin_hash_enc), Some(permissions)) =
        (request.protocol, request.key_agreement, request.pin_hash_enc, request.permissions)
    else {
        return Err(code::MISSING_PARAMETER);
    };
    let p = protocol(state, number)?;
    if permissions == 0 {
        return Err(code::INVALID_PARAMETER);
    }
    let pcmr = PERMISSION_PCMR;
    let defined = if state.identity.profile == Profile::Ctap22 {
        DEFINED_PERMISSIONS | u64::from(pcmr)
    } else {
        DEFINED_PERMISSIONS
    };
    // Masked to the defined bits, so the cast keeps every one of them.
    let permissions = (permissions & defined) as u8;
    if permissions & !offered_permissions(state) != 0 {
        return Err(code::UNAUTHORIZED_PERMISSION);
    }
    // The persistent read-only token stands alone (CTAP 2.2).
    if permissions & pcmr != 0 && permissions != pcmr {
        return Err(code::INVALID_PARAMETER);
    }
    let stored = pin_gate(state)?;
    let shared = decapsulate(state, p, platform_key)?;
    check_pin(state, p, &shared, pin_hash_enc, &stored)?;
    if state.force_pin_change {
        return Err(code::PIN_POLICY_VIOLATION);
    }
    if permissions == pcmr {
        return issue_persistent_token(state, p, &shared);
    }
    issue_token(state, p, &shared, permissions, request.rp_id.map(str::to_string))
}

/// §6.5.5.7.3: a token for a finger on the sensor instead of a PIN.
fn get_token_using_uv(state: &mut Tracked, request: &Request) -> Answer {
    let (Some(number), Some(platform_key), Some(permissions)) =
        (request.protocol, request.key_agreement, request.permissions)
    else {
        return Err(code::MISSING_PARAMETER);
    };
    let p = protocol(state, number)?;
    if permissions == 0 {
        return Err(code::INVALID_PARAMETER);
    }
    let permissions = (permissions & DEFINED_PERMISSIONS) as u8;
    if permissions & !offered_permissions(state) != 0 {
        return Err(code::UNAUTHORIZED_PERMISSION);
    }
    if state.bio.enrollments.is_empty() {
        return Err(code::NOT_ALLOWED);
    }
    let shared = decapsulate(state, p, platform_key)?;
    super::bio::verify_user(state)?;
    issue_token(state, p, &shared, permissions, request.rp_id.map(str::to_string))
}

/// The permissions a token may be granted, from the same getInfo options the host reads:
/// cm needs credMgmt, be bioEnroll, lbw largeBlobs, acfg authnrCfg; mc/ga are refused only
/// when noMcGaPermissionsWithClientPin is true.
fn offered_permissions(state: &KeyState) -> u8 {
    let info = profile::get_info(state);
    let option = |name: &str| info.options.get(name).copied();
    let mut offered = 0;
    if option("noMcGaPermissionsWithClientPin") != Some(true) {
        offered |= permission::MAKE_CREDENTIAL | permission::GET_ASSERTION;
    }
    for (bit, name) in [
        (super::persistent::PERMISSION_PCMR, "perCredMgmtRO"),
        (permission::CREDENTIAL_MANAGEMENT, "credMgmt"),
        (permission::LARGE_BLOB_WRITE, "largeBlobs"),
        (permission::AUTHENTICATOR_CONFIG, "authnrCfg"),
    ] {
        if option(name) == Some(true) {
            offered |= bit;
        }
    }
    // be is refused only when bioEnroll is absent: present-but-false (nothing enrolled) still allows it.
    if option("bioEnroll").is_some() {
        offered |= permission::BIO_ENROLLMENT;
    }
    offered
}

/// Before any PIN attempt: the stored hash, unless there is nothing to try against or trying
/// is blocked. While PIN_AUTH_BLOCKED even the right PIN is refused and no retry is counted.
fn pin_gate(state: &KeyState) -> Result<[u8; 16], u8> {
    let stored = state.pin.as_ref().ok_or(code::PIN_NOT_SET)?;
    if state.pin_retries == 0 {
        return Err(code::PIN_BLOCKED);
    }
    if state.power.consecutive_pin_mismatches >= MAX_CONSECUTIVE_MISMATCHES {
        return Err(code::PIN_AUTH_BLOCKED);
    }
    Ok(stored.hash)
}

/// One PIN attempt: the retry is counted before the PIN is judged, so pulling the plug
/// mid-check cannot win a free guess. A pinHashEnc that does not decrypt is a mismatch.
fn check_pin(
    state: &mut KeyState,
    p: PinProtocol,
    shared: &[u8],
    pin_hash_enc: &[u8],
    stored: &[u8; 16],
) -> Result<(), u8> {
    state.pin_retries = state.pin_retries.saturating_sub(1);
    let matches = p.decrypt(shared, pin_hash_enc).is_ok_and(|hash| same(&hash, stored));
    if matches {
        state.pin_retries = MAX_PIN_RETRIES;
        // A PIN unblocks built-in UV too (§6.5.5.7: uvRetries reset on a good PIN).
        state.bio.uv_retries = super::bio::MAX_UV_RETRIES;
        state.power.consecutive_pin_mismatches = 0;
        return Ok(());
    }
    // A fresh key agreement key, so the platform must start over (made at next use).
    state.power.key_agreement = None;
    state.power.consecutive_pin_mismatches = state.power.consecutive_pin_mismatches.saturating_add(1);
    Err(if state.pin_retries == 0 {
        code::PIN_BLOCKED
    } else if state.power.consecutive_pin_mismatches >= MAX_CONSECUTIVE_MISMATCHES {
        code::PIN_AUTH_BLOCKED
    } else {
        code::PIN_INVALID
    })
}

/// Decrypt, unpad and judge a newPinEnc; the PIN and its length in code points.
fn new_pin(
    state: &KeyState,
    p: PinProtocol,
    shared: &[u8],
    new_pin_enc: &[u8],
) -> Result<(Zeroizing<Vec<u8>>, u32), u8> {
    let padded = p.decrypt(shared, new_pin_enc).map_err(|_| code::PIN_AUTH_INVALID)?;
    let pin = unpad_pin(&padded).map_err(|e| match e {
        PinProtocolError::BadPaddedPinLength(_) => code::INVALID_PARAMETER,
        // 64 bytes with no padding left: over the 63-byte limit.
        _ => code::PIN_POLICY_VIOLATION,
    })?;
    // minPINLength counts code points, so the PIN must be UTF-8 to be measured at all.
    let text = std::str::from_utf8(&pin).map_err(|_| code::PIN_POLICY_VIOLATION)?;
    let code_points = u32::try_from(text.chars().count()).unwrap_or(u32::MAX);
    if code_points < MIN_PIN_CODE_POINTS.max(state.min_pin_length) {
        return Err(code::PIN_POLICY_VIOLATION);
    }
    let policy = PinPolicy::of(state.identity.profile);
    if code_points > policy.max_length || !policy.allows(text) {
        return Err(code::PIN_POLICY_VIOLATION);
    }
    Ok((pin, code_points))
}

/// `FIDOCTL_VIRTUAL_PIN_POLICY`: comma-separated `complexity`, `url=URL`, `max=N` (ctap2.2
/// profile only; unknown items are ignored). Read on every request, like the presence knob.
pub const PIN_POLICY_ENV: &str = "FIDOCTL_VIRTUAL_PIN_POLICY";
/// The longest PIN any key accepts, in code points (it is also at most 63 bytes).
pub const MAX_PIN_CODE_POINTS: u32 = 63;

/// The virtual key's PIN policy. With `complexity`, a new PIN is refused when every character
/// is the same ("0000", "aaaaaa") or when it is all digits, each one more, or each one less,
/// than the one before ("123456", "987654"). `max` lowers maxPINLength (4..=63 code points).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinPolicy {
    pub complexity: bool,
    pub url: Option<String>,
    pub max_length: u32,
}

impl PinPolicy {
    pub fn parse(text: &str) -> PinPolicy {
        PinPolicy::parse_noting(text).0
    }

    /// The policy, and the items of `text` it did not understand.
    fn parse_noting(text: &str) -> (PinPolicy, Vec<&str>) {
        let mut policy = PinPolicy { complexity: false, url: None, max_length: MAX_PIN_CODE_POINTS };
        let mut unknown = Vec::new();
        for item in text.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            if item == "complexity" {
                policy.complexity = true;
            } else if let Some(url) = item.strip_prefix("url=") {
                policy.url = Some(url.to_string());
            } else if let Some(n) = item.strip_prefix("max=").and_then(|n| n.parse::<u32>().ok()) {
                policy.max_length = n.clamp(MIN_PIN_CODE_POINTS, MAX_PIN_CODE_POINTS);
            } else {
                unknown.push(item);
            }
        }
        (policy, unknown)
    }

    /// The policy of a key with this profile, from the environment. A typo in the knob is said
    /// on stderr (as the presence and fault knobs do) rather than silently checking nothing.
    pub fn of(profile: Profile) -> PinPolicy {
        let text =
            if profile == Profile::Ctap22 { std::env::var(PIN_POLICY_ENV).unwrap_or_default() } else { String::new() };
        let (policy, unknown) = PinPolicy::parse_noting(&text);
        for item in unknown {
            eprintln!(
                "fidoctl virtual key: ignoring {item:?} in {PIN_POLICY_ENV} (expected complexity, url=URL or max=N)"
            );
        }
        policy
    }

    /// Whether the complexity rules let `pin` through.
    pub fn allows(&self, pin: &str) -> bool {
        if !self.complexity {
            return true;
        }
        let chars: Vec<char> = pin.chars().collect();
        let all_same = chars.windows(2).all(|w| w[0] == w[1]);
        let digits: Option<Vec<i32>> = chars.iter().map(|c| c.to_digit(10).map(|d| d as i32)).collect();
        let sequence = digits.is_some_and(|d| {
            let steps: Vec<i32> = d.windows(2).map(|w| w[1] - w[0]).collect();
            steps.iter().all(|s| *s == 1) || steps.iter().all(|s| *s == -1)
        });
        !(all_same || sequence)
    }
}

/// A fresh token replaces every earlier one (resetPinUvAuthToken for all protocols).
fn issue_token(state: &mut KeyState, p: PinProtocol, shared: &[u8], permissions: u8, rp_id: Option<String>) -> Answer {
    let mut token = Zeroizing::new([0u8; TOKEN_LEN]);
    OsRng.try_fill_bytes(token.as_mut_slice()).map_err(|_| code::OTHER)?;
    let encrypted = p.encrypt(shared, token.as_slice()).map_err(|_| code::OTHER)?;
    state.power.token = Some(TokenState { token: token.to_vec(), protocol: p.number(), permissions, rp_id });
    Ok(Some(cbor::int_map([(response::PIN_UV_AUTH_TOKEN, Some(cbor::bytes(&encrypted)))])))
}

/// A persistent read-only token: kept in the state file, so it outlives power cycles; a new
/// one replaces the old. The regular token is left as it was.
fn issue_persistent_token(state: &mut KeyState, p: PinProtocol, shared: &[u8]) -> Answer {
    super::persistent::ensure_identifier(state)?;
    let mut token = Zeroizing::new([0u8; TOKEN_LEN]);
    OsRng.try_fill_bytes(token.as_mut_slice()).map_err(|_| code::OTHER)?;
    let encrypted = p.encrypt(shared, token.as_slice()).map_err(|_| code::OTHER)?;
    state.persistent_token = Some(PersistentToken { token: token.to_vec(), protocol: p.number() });
    Ok(Some(cbor::int_map([(response::PIN_UV_AUTH_TOKEN, Some(cbor::bytes(&encrypted)))])))
}

/// A pinUvAuthParam made with the persistent read-only token (credential management reads).
pub fn verify_persistent_token(state: &KeyState, protocol_number: u64, auth: &[u8], message: &[u8]) -> bool {
    let Ok(p) = protocol(state, protocol_number) else { return false };
    state.persistent_token.as_ref().is_some_and(|t| t.protocol == p.number() && p.verify(&t.token, message, auth))
}

/// The key's ephemeral key-agreement key, made on first use after each power-up.
fn key_agreement_key(state: &mut KeyState) -> Result<KeyAgreementKey, u8> {
    // An unreadable stored scalar is replaced: the key is ephemeral anyway.
    if let Some(key) = state.power.key_agreement.as_ref().and_then(load_scalar) {
        return Ok(key);
    }
    // from_scalar refuses 0 and values ≥ the group order (odds about 2^-32 per draw).
    for _ in 0..8 {
        let mut scalar = Zeroizing::new([0u8; 32]);
        OsRng.try_fill_bytes(scalar.as_mut_slice()).map_err(|_| code::OTHER)?;
        if let Ok(key) = KeyAgreementKey::from_scalar(&scalar) {
            state.power.key_agreement = Some(*scalar);
            return Ok(key);
        }
    }
    Err(code::OTHER)
}

fn load_scalar(scalar: &[u8; 32]) -> Option<KeyAgreementKey> {
    KeyAgreementKey::from_scalar(scalar).ok()
}

/// decapsulate(): ECDH with the platform's key and the protocol's KDF. A key that is not a
/// P-256 point is INVALID_PARAMETER, as the spec says for every subcommand. Also used by
/// the hmac-secret extension, which agrees its secret with the same key-agreement key.
pub fn decapsulate(state: &mut KeyState, p: PinProtocol, platform_key: &Value) -> Result<Zeroizing<Vec<u8>>, u8> {
    let peer = CoseKey::from_value(platform_key).map_err(|_| code::INVALID_PARAMETER)?;
    key_agreement_key(state)?.shared_secret(p, &peer).map_err(|_| code::INVALID_PARAMETER)
}

/// Equal, without an early exit that would time how much of a PIN hash matched (black_box
/// keeps the optimiser from turning the fold back into a short-circuit compare).
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && std::hint::black_box(a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y))) == 0
}

/// Check a pinUvAuthParam made with the current pinUvAuthToken, for the handlers that need
/// one (makeCredential, getAssertion, credentialManagement, authenticatorConfig, ...).
///
/// `permission` is the bit (or bits) the operation needs, 0 for none. A token without it, or
/// bound to another RP, is PIN_AUTH_INVALID, as CTAP 2.1 says for every command that uses a
/// token (makeCredential 11.1, getAssertion 6.1, credentialManagement, authenticatorConfig);
/// UNAUTHORIZED_PERMISSION is only for asking 0x09 for a permission the key does not offer.
/// `rp_id`, when given, must match the RP the token is bound to; a bound token is not refused when `rp_id` is None,
/// so handlers that refuse RP-bound tokens (getCredsMetadata, enumerateRPs) or compare an
/// rpIdHash ask `token_rp_id` themselves. Binding an unbound token is `bind_rp_id`'s job.
/// On profiles without token permissions (ctap2.1-pre, ctap2.0) only the MAC is checked.
pub fn verify_token(
    state: &KeyState,
    protocol_number: u64,
    pin_uv_auth_param: &[u8],
    message: &[u8],
    permission: u8,
    rp_id: Option<&str>,
) -> Result<(), u8> {
    let p = protocol(state, protocol_number)?;
    // Each protocol has its own token: the other protocol's is one nobody holds.
    let token = state.power.token.as_ref().filter(|t| t.protocol == p.number()).ok_or(code::PIN_AUTH_INVALID)?;
    if !p.verify(&token.token, message, pin_uv_auth_param) {
        return Err(code::PIN_AUTH_INVALID);
    }
    if !state.identity.profile.has_token_permissions() {
        return Ok(());
    }
    if token.permissions & permission != permission {
        return Err(code::PIN_AUTH_INVALID);
    }
    match (token.rp_id.as_deref(), rp_id) {
        (Some(bound), Some(asked)) if bound != asked => Err(code::PIN_AUTH_INVALID),
        _ => Ok(()),
    }
}

/// The RP the current token is bound to, if any.
pub fn token_rp_id(state: &KeyState) -> Option<&str> {
    state.power.token.as_ref().and_then(|t| t.rp_id.as_deref())
}

/// Bind an unbound token to the RP of the request it just authorised (makeCredential and
/// getAssertion do this after `verify_token`). A bound token keeps its RP.
pub fn bind_rp_id(state: &mut KeyState, rp_id: &str) {
    if !state.identity.profile.has_token_permissions() {
        return;
    }
    if let Some(token) = state.power.token.as_mut() {
        token.rp_id.get_or_insert_with(|| rp_id.to_string());
    }
}

/// After makeCredential/getAssertion a token keeps only lbw (CTAP 2.1). Pre-2.1 tokens have
/// no permissions to lose and stay usable.
pub fn clear_permissions_except_lbw(state: &mut KeyState) {
    if !state.identity.profile.has_token_permissions() {
        return;
    }
    if let Some(token) = state.power.token.as_mut() {
        token.permissions &= permission::LARGE_BLOB_WRITE;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// clientPIN on a bare state, as the dispatcher would call it.
    fn handle(state: &mut KeyState, params: Option<&Value>) -> Answer {
        super::handle(&mut Tracked::new(state), params)
    }
    use crate::proto::cbor::{bytes, int_map, text, uint};
    use crate::proto::pin_protocol::pad_pin;
    use crate::virtual_key::hid::UserPresence;
    use crate::virtual_key::state::Identity;

    const MC: u8 = permission::MAKE_CREDENTIAL;
    const GA: u8 = permission::GET_ASSERTION;
    const CM: u8 = permission::CREDENTIAL_MANAGEMENT;
    const BE: u8 = permission::BIO_ENROLLMENT;
    const LBW: u8 = permission::LARGE_BLOB_WRITE;
    const ACFG: u8 = permission::AUTHENTICATOR_CONFIG;
    const V1: PinProtocol = PinProtocol::V1;
    const V2: PinProtocol = PinProtocol::V2;
    const MESSAGE: &[u8] = &[0x5a; 32];

    #[test]
    fn the_pin_policy_knob_and_its_rules() {
        let off = PinPolicy::parse("");
        assert_eq!(off, PinPolicy { complexity: false, url: None, max_length: 63 });
        assert!(off.allows("1111"));
        let on = PinPolicy::parse("complexity, url=https://example.com/pin ,max=12,bogus");
        assert_eq!(on, PinPolicy { complexity: true, url: Some("https://example.com/pin".into()), max_length: 12 });
        for refused in ["1111", "aaaaaa", "123456", "987654", "3456", "\u{e9}\u{e9}\u{e9}\u{e9}"] {
            assert!(!on.allows(refused), "{refused}");
        }
        for allowed in ["135790", "123457", "112233", "abcdef", "1234a", "271828"] {
            assert!(on.allows(allowed), "{allowed}");
        }
        assert_eq!(PinPolicy::parse_noting("complexity, url=u ,max=12,bogus,max=x").1, vec!["bogus", "max=x"]);
        assert!(PinPolicy::parse_noting("").1.is_empty());
        assert_eq!(PinPolicy::parse("max=2").max_length, 4);
        assert_eq!(PinPolicy::parse("max=99").max_length, 63);
    }

    fn key(profile: Profile) -> KeyState {
        KeyState::new(Identity {
            profile,
            aaguid: "00000000-0000-0000-0000-000000000000".into(),
            firmware: 1,
            max_resident: 25,
            bio: false,
        })
    }

    /// The host side of one key agreement, built from proto::pin_protocol alone.
    struct Platform {
        p: PinProtocol,
        key: KeyAgreementKey,
        shared: Zeroizing<Vec<u8>>,
    }

    impl Platform {
        fn new(state: &mut KeyState, p: PinProtocol) -> Platform {
            let answer = call(state, p.number(), sub::GET_KEY_AGREEMENT, []).unwrap().unwrap();
            let map = MapView::new(&answer, "answer").unwrap();
            let theirs = CoseKey::from_value(map.require(response::KEY_AGREEMENT).unwrap()).unwrap();
            let key = KeyAgreementKey::generate();
            let shared = key.shared_secret(p, &theirs).unwrap();
            Platform { p, key, shared }
        }
        fn cose(&self) -> Value {
            self.key.public_cose().to_value()
        }
        fn pin_hash_enc(&self, pin: &[u8]) -> Vec<u8> {
            self.p.encrypt(&self.shared, &pin_hash(pin)).unwrap()
        }
        fn new_pin_enc(&self, pin: &[u8]) -> Vec<u8> {
            self.p.encrypt(&self.shared, &pad_pin(pin).unwrap()).unwrap()
        }
        fn set_request(&self, new_pin_enc: &[u8]) -> Vec<(i64, Option<Value>)> {
            vec![
                (field::KEY_AGREEMENT, Some(self.cose())),
                (field::PIN_UV_AUTH_PARAM, Some(bytes(&self.p.authenticate(&self.shared, new_pin_enc)))),
                (field::NEW_PIN_ENC, Some(bytes(new_pin_enc))),
            ]
        }
        fn token(&self, answer: Answer) -> Result<Vec<u8>, u8> {
            let answer = answer?.unwrap();
            let map = MapView::new(&answer, "answer").unwrap();
            let encrypted = map.req_bytes(response::PIN_UV_AUTH_TOKEN).unwrap();
            Ok(self.p.decrypt(&self.shared, encrypted).unwrap().to_vec())
        }
    }

    fn call<I: IntoIterator<Item = (i64, Option<Value>)>>(
        state: &mut KeyState,
        protocol: u8,
        sub_command: u8,
        rest: I,
    ) -> Answer {
        let mut entries = vec![
            (field::PIN_UV_AUTH_PROTOCOL, Some(uint(u64::from(protocol)))),
            (field::SUB_COMMAND, Some(uint(u64::from(sub_command)))),
        ];
        entries.extend(rest);
        handle(state, Some(&int_map(entries)))
    }

    fn status(answer: Answer) -> u8 {
        answer.map(|_| code::OK).unwrap_or_else(|s| s)
    }

    fn set_pin_with(state: &mut KeyState, p: PinProtocol, pin: &[u8]) -> u8 {
        let platform = Platform::new(state, p);
        let request = platform.set_request(&platform.new_pin_enc(pin));
        status(call(state, p.number(), sub::SET_PIN, request))
    }

    fn change_pin_with(state: &mut KeyState, p: PinProtocol, old: &[u8], new: &[u8]) -> u8 {
        let platform = Platform::new(state, p);
        let (new_pin_enc, pin_hash_enc) = (platform.new_pin_enc(new), platform.pin_hash_enc(old));
        let auth = p.authenticate(&platform.shared, &[new_pin_enc.as_slice(), &pin_hash_enc].concat());
        status(call(
            state,
            p.number(),
            sub::CHANGE_PIN,
            [
                (field::KEY_AGREEMENT, Some(platform.cose())),
                (field::PIN_UV_AUTH_PARAM, Some(bytes(&auth))),
                (field::NEW_PIN_ENC, Some(bytes(&new_pin_enc))),
                (field::PIN_HASH_ENC, Some(bytes(&pin_hash_enc))),
            ],
        ))
    }

    /// getPinToken (0x05): the decrypted token.
    fn pin_token(state: &mut KeyState, p: PinProtocol, pin: &[u8]) -> Result<Vec<u8>, u8> {
        let platform = Platform::new(state, p);
        let request = [
            (field::KEY_AGREEMENT, Some(platform.cose())),
            (field::PIN_HASH_ENC, Some(bytes(&platform.pin_hash_enc(pin)))),
        ];
        platform.token(call(state, p.number(), sub::GET_PIN_TOKEN, request))
    }

    /// getPinUvAuthTokenUsingPinWithPermissions (0x09): the decrypted token.
    fn permission_token(
        state: &mut KeyState,
        p: PinProtocol,
        pin: &[u8],
        permissions: u64,
        rp_id: Option<&str>,
    ) -> Result<Vec<u8>, u8> {
        let platform = Platform::new(state, p);
        let request = [
            (field::KEY_AGREEMENT, Some(platform.cose())),
            (field::PIN_HASH_ENC, Some(bytes(&platform.pin_hash_enc(pin)))),
            (field::PERMISSIONS, Some(uint(permissions))),
            (field::RP_ID, rp_id.map(text)),
        ];
        platform.token(call(state, p.number(), sub::GET_TOKEN_USING_PIN_WITH_PERMISSIONS, request))
    }

    /// getPINRetries: (pinRetries, powerCycleState).
    fn retries(state: &mut KeyState) -> Result<(u64, Option<bool>), u8> {
        let answer = call(state, 1, sub::GET_PIN_RETRIES, [])?.unwrap();
        let map = MapView::new(&answer, "answer").unwrap();
        Ok((map.req_u64(response::PIN_RETRIES).unwrap(), map.opt_bool(response::POWER_CYCLE_STATE).unwrap()))
    }

    /// verify_token as a handler would call it, with the MAC made from `token`.
    fn use_token(state: &KeyState, p: PinProtocol, token: &[u8], needs: u8, rp_id: Option<&str>) -> Result<(), u8> {
        verify_token(state, u64::from(p.number()), &p.authenticate(token, MESSAGE), MESSAGE, needs, rp_id)
    }

    #[test]
    fn set_pin_with_each_protocol_the_profile_offers() {
        for (profile, p) in
            [(Profile::Ctap21, V2), (Profile::Ctap21, V1), (Profile::Ctap21Pre, V1), (Profile::Ctap20, V1)]
        {
            let mut state = key(profile);
            assert_eq!(set_pin_with(&mut state, p, "12345é".as_bytes()), code::OK, "{profile:?} v{}", p.number());
            let stored = state.pin.clone().unwrap();
            assert_eq!(stored.hash, pin_hash("12345é".as_bytes()));
            assert_eq!(stored.code_points, 6);
            assert_eq!(state.pin_retries, MAX_PIN_RETRIES);
            assert_eq!(profile::get_info(&state).options.get("clientPin"), Some(&true));
            let power_cycle = (profile == Profile::Ctap21).then_some(false);
            assert_eq!(retries(&mut state), Ok((8, power_cycle)));
            assert!(pin_token(&mut state, p, "12345é".as_bytes()).is_ok());
        }
    }

    #[test]
    fn set_pin_refused_when_already_set_or_badly_authenticated() {
        let mut state = key(Profile::Ctap21);
        assert_eq!(set_pin_with(&mut state, V2, b"1234"), code::OK);
        assert_eq!(set_pin_with(&mut state, V2, b"5678"), code::PIN_AUTH_INVALID);
        assert_eq!(state.pin.as_ref().unwrap().hash, pin_hash(b"1234"));

        for p in [V1, V2] {
            let mut state = key(Profile::Ctap21);
            let platform = Platform::new(&mut state, p);
            let new_pin_enc = platform.new_pin_enc(b"1234");
            let good = p.authenticate(&platform.shared, &new_pin_enc);
            let mut flipped = good.clone();
            flipped[0] ^= 1;
            for auth in [flipped, good[..good.len() - 1].to_vec(), Vec::new()] {
                let request = [
                    (field::KEY_AGREEMENT, Some(platform.cose())),
                    (field::PIN_UV_AUTH_PARAM, Some(bytes(&auth))),
                    (field::NEW_PIN_ENC, Some(bytes(&new_pin_enc))),
                ];
                assert_eq!(status(call(&mut state, p.number(), sub::SET_PIN, request)), code::PIN_AUTH_INVALID);
            }
            assert!(state.pin.is_none());
        }
    }

    #[test]
    fn new_pins_must_meet_the_policy() {
        let mut state = key(Profile::Ctap21);
        for short in ["123", "ééé", ""] {
            assert_eq!(set_pin_with(&mut state, V2, short.as_bytes()), code::PIN_POLICY_VIOLATION, "{short:?}");
        }
        // Not UTF-8: no code points to count.
        assert_eq!(set_pin_with(&mut state, V2, &[0xff, 0xfe, 0xfd, 0xfc]), code::PIN_POLICY_VIOLATION);
        state.min_pin_length = 6;
        assert_eq!(set_pin_with(&mut state, V2, "éééé".as_bytes()), code::PIN_POLICY_VIOLATION);
        assert_eq!(set_pin_with(&mut state, V2, b"12345"), code::PIN_POLICY_VIOLATION);
        assert!(state.pin.is_none());

        // 64 bytes with no zero byte left: a 64-byte PIN (pad_pin refuses to build it).
        let platform = Platform::new(&mut state, V2);
        let too_long = V2.encrypt(&platform.shared, &[b'7'; 64]).unwrap();
        assert_eq!(
            status(call(&mut state, 2, sub::SET_PIN, platform.set_request(&too_long))),
            code::PIN_POLICY_VIOLATION
        );
        // A padded PIN that is not 64 bytes long.
        let short_block = V2.encrypt(&platform.shared, &[b'7'; 32]).unwrap();
        assert_eq!(
            status(call(&mut state, 2, sub::SET_PIN, platform.set_request(&short_block))),
            code::INVALID_PARAMETER
        );
        // Not whole AES blocks: decrypt fails after the MAC was accepted.
        let ragged = [too_long.as_slice(), &[0]].concat();
        assert_eq!(status(call(&mut state, 2, sub::SET_PIN, platform.set_request(&ragged))), code::PIN_AUTH_INVALID);
        assert!(state.pin.is_none());

        let sixty_three = [b'7'; 63];
        assert_eq!(set_pin_with(&mut state, V2, &sixty_three), code::OK);
        assert_eq!(state.pin.as_ref().unwrap().code_points, 63);
    }

    #[test]
    fn change_pin_replaces_the_pin_and_kills_tokens() {
        for p in [V1, V2] {
            let mut state = key(Profile::Ctap21);
            assert_eq!(change_pin_with(&mut state, p, b"1234", b"5678"), code::PIN_NOT_SET);
            assert_eq!(set_pin_with(&mut state, p, b"1234"), code::OK);
            let token = pin_token(&mut state, p, b"1234").unwrap();
            assert_eq!(use_token(&state, p, &token, MC, None), Ok(()));
            assert_eq!(change_pin_with(&mut state, p, b"1234", "ñññññ".as_bytes()), code::OK);
            assert_eq!(state.pin.as_ref().unwrap().code_points, 5);
            assert_eq!(use_token(&state, p, &token, MC, None), Err(code::PIN_AUTH_INVALID));
            assert_eq!(pin_token(&mut state, p, b"1234"), Err(code::PIN_INVALID));
            assert!(pin_token(&mut state, p, "ñññññ".as_bytes()).is_ok());
            // The new PIN is judged like a first one.
            assert_eq!(change_pin_with(&mut state, p, "ñññññ".as_bytes(), b"12"), code::PIN_POLICY_VIOLATION);
            assert_eq!(state.pin_retries, MAX_PIN_RETRIES);
        }
    }

    #[test]
    fn change_pin_checks_its_auth_param_before_counting_a_retry() {
        let mut state = key(Profile::Ctap21);
        assert_eq!(set_pin_with(&mut state, V2, b"1234"), code::OK);
        let platform = Platform::new(&mut state, V2);
        let (new_pin_enc, pin_hash_enc) = (platform.new_pin_enc(b"5678"), platform.pin_hash_enc(b"1234"));
        // Made over newPinEnc alone, not newPinEnc || pinHashEnc.
        let auth = V2.authenticate(&platform.shared, &new_pin_enc);
        let request = [
            (field::KEY_AGREEMENT, Some(platform.cose())),
            (field::PIN_UV_AUTH_PARAM, Some(bytes(&auth))),
            (field::NEW_PIN_ENC, Some(bytes(&new_pin_enc))),
            (field::PIN_HASH_ENC, Some(bytes(&pin_hash_enc))),
        ];
        assert_eq!(status(call(&mut state, 2, sub::CHANGE_PIN, request)), code::PIN_AUTH_INVALID);
        assert_eq!(state.pin_retries, MAX_PIN_RETRIES);
        assert_eq!(change_pin_with(&mut state, V2, b"0000", b"5678"), code::PIN_INVALID);
        assert_eq!(retries(&mut state), Ok((7, Some(false))));
    }

    #[test]
    fn wrong_pins_count_down_and_the_right_one_restores_the_count() {
        let mut state = key(Profile::Ctap21);
        assert_eq!(set_pin_with(&mut state, V2, b"1234"), code::OK);
        assert_eq!(pin_token(&mut state, V2, b"9999"), Err(code::PIN_INVALID));
        assert_eq!(retries(&mut state), Ok((7, Some(false))));
        assert_eq!(permission_token(&mut state, V1, b"9999", 1, None), Err(code::PIN_INVALID));
        assert_eq!(retries(&mut state), Ok((6, Some(false))));
        assert!(pin_token(&mut state, V2, b"1234").is_ok());
        assert_eq!(retries(&mut state), Ok((8, Some(false))));
        assert_eq!(state.power.consecutive_pin_mismatches, 0);
    }

    #[test]
    fn a_mismatch_replaces_the_key_agreement_key() {
        let mut state = key(Profile::Ctap21);
        assert_eq!(set_pin_with(&mut state, V2, b"1234"), code::OK);
        let platform = Platform::new(&mut state, V2);
        let request = || {
            [
                (field::KEY_AGREEMENT, Some(platform.cose())),
                (field::PIN_HASH_ENC, Some(bytes(&platform.pin_hash_enc(b"1234")))),
            ]
        };
        // The same key serves until something goes wrong...
        let before = state.power.key_agreement;
        assert!(call(&mut state, 2, sub::GET_PIN_TOKEN, request()).is_ok());
        assert_eq!(state.power.key_agreement, before);
        let wrong = [(field::KEY_AGREEMENT, Some(platform.cose())), (field::PIN_HASH_ENC, Some(bytes(&[0u8; 32])))];
        assert_eq!(status(call(&mut state, 2, sub::GET_PIN_TOKEN, wrong)), code::PIN_INVALID);
        // ...then the old shared secret is worthless, even with the right PIN.
        assert_eq!(status(call(&mut state, 2, sub::GET_PIN_TOKEN, request())), code::PIN_INVALID);
        assert_ne!(state.power.key_agreement, before);
        assert_eq!(retries(&mut state), Ok((6, Some(false))));
    }

    #[test]
    fn three_wrong_in_a_row_block_until_power_up() {
        let mut state = key(Profile::Ctap21);
        assert_eq!(set_pin_with(&mut state, V2, b"1234"), code::OK);
        assert_eq!(pin_token(&mut state, V2, b"0000"), Err(code::PIN_INVALID));
        assert_eq!(pin_token(&mut state, V2, b"0000"), Err(code::PIN_INVALID));
        assert_eq!(pin_token(&mut state, V2, b"0000"), Err(code::PIN_AUTH_BLOCKED));
        assert_eq!(retries(&mut state), Ok((5, Some(true))));
        // Even the right PIN is refused, and nothing is counted.
        assert_eq!(pin_token(&mut state, V2, b"1234"), Err(code::PIN_AUTH_BLOCKED));
        assert_eq!(permission_token(&mut state, V2, b"1234", 1, None), Err(code::PIN_AUTH_BLOCKED));
        assert_eq!(change_pin_with(&mut state, V2, b"1234", b"5678"), code::PIN_AUTH_BLOCKED);
        assert_eq!(retries(&mut state), Ok((5, Some(true))));
        assert_eq!(state.power.consecutive_pin_mismatches, 3);

        state.power_up();
        assert_eq!(retries(&mut state), Ok((5, Some(false))));
        assert!(pin_token(&mut state, V2, b"1234").is_ok());
        assert_eq!(retries(&mut state), Ok((8, Some(false))));
    }

    #[test]
    fn eight_wrong_block_the_pin_for_good() {
        let mut state = key(Profile::Ctap21);
        assert_eq!(set_pin_with(&mut state, V1, b"1234"), code::OK);
        let mut answers = Vec::new();
        for attempt in 1..=8 {
            answers.push(pin_token(&mut state, V1, b"0000").unwrap_err());
            if attempt % 3 == 0 {
                state.power_up();
            }
        }
        use code::{PIN_AUTH_BLOCKED as AB, PIN_BLOCKED as B, PIN_INVALID as I};
        assert_eq!(answers, [I, I, AB, I, I, AB, I, B]);
        assert_eq!(retries(&mut state), Ok((0, Some(false))));
        for _ in 0..2 {
            assert_eq!(pin_token(&mut state, V1, b"1234"), Err(code::PIN_BLOCKED));
            assert_eq!(permission_token(&mut state, V2, b"1234", 3, None), Err(code::PIN_BLOCKED));
            assert_eq!(change_pin_with(&mut state, V1, b"1234", b"5678"), code::PIN_BLOCKED);
            assert_eq!(set_pin_with(&mut state, V1, b"5678"), code::PIN_AUTH_INVALID);
            state.power_up();
        }
        assert_eq!(state.pin_retries, 0);
    }

    #[test]
    fn blocked_wins_over_auth_blocked_when_both_happen_at_once() {
        // §6.5.5.7.1 lists PIN_BLOCKED first: the permanent state is the one to report.
        let mut state = key(Profile::Ctap21);
        assert_eq!(set_pin_with(&mut state, V2, b"1234"), code::OK);
        state.pin_retries = 1;
        state.power.consecutive_pin_mismatches = 2;
        assert_eq!(pin_token(&mut state, V2, b"0000"), Err(code::PIN_BLOCKED));
    }

    #[test]
    fn no_pin_set() {
        for profile in [Profile::Ctap21, Profile::Ctap21Pre, Profile::Ctap20] {
            let mut state = key(profile);
            assert_eq!(retries(&mut state), Err(code::PIN_NOT_SET));
            assert_eq!(pin_token(&mut state, V1, b"1234"), Err(code::PIN_NOT_SET));
            assert_eq!(change_pin_with(&mut state, V1, b"1234", b"5678"), code::PIN_NOT_SET);
            assert_eq!(state.pin_retries, MAX_PIN_RETRIES);
        }
        let mut state = key(Profile::Ctap21);
        assert_eq!(permission_token(&mut state, V2, b"1234", 1, None), Err(code::PIN_NOT_SET));
    }

    #[test]
    fn legacy_token_on_ctap21_has_mc_and_ga_only() {
        for p in [V1, V2] {
            let mut state = key(Profile::Ctap21);
            assert_eq!(set_pin_with(&mut state, p, b"1234"), code::OK);
            let token = pin_token(&mut state, p, b"1234").unwrap();
            assert_eq!(token.len(), 32);
            assert_eq!(use_token(&state, p, &token, MC, Some("example.com")), Ok(()));
            assert_eq!(use_token(&state, p, &token, GA, None), Ok(()));
            assert_eq!(use_token(&state, p, &token, MC | GA, None), Ok(()));
            assert_eq!(use_token(&state, p, &token, CM, None), Err(code::PIN_AUTH_INVALID));
            assert_eq!(use_token(&state, p, &token, ACFG, None), Err(code::PIN_AUTH_INVALID));
            // A wrong MAC, the other protocol, an unsupported one, a wrong token.
            let other = if p == V1 { V2 } else { V1 };
            let mac = p.authenticate(&token, MESSAGE);
            assert_eq!(
                verify_token(&state, u64::from(p.number()), &mac, b"other", MC, None),
                Err(code::PIN_AUTH_INVALID)
            );
            assert_eq!(use_token(&state, other, &token, MC, None), Err(code::PIN_AUTH_INVALID));
            assert_eq!(verify_token(&state, 3, &mac, MESSAGE, MC, None), Err(code::INVALID_PARAMETER));
            assert_eq!(use_token(&state, p, &[7; 32], MC, None), Err(code::PIN_AUTH_INVALID));
            // getPinToken on a CTAP 2.1 key takes neither permissions nor rpId.
            let platform = Platform::new(&mut state, p);
            for extra in [(field::PERMISSIONS, uint(1)), (field::RP_ID, text("example.com"))] {
                let request = [
                    (field::KEY_AGREEMENT, Some(platform.cose())),
                    (field::PIN_HASH_ENC, Some(bytes(&platform.pin_hash_enc(b"1234")))),
                    (extra.0, Some(extra.1)),
                ];
                assert_eq!(status(call(&mut state, p.number(), sub::GET_PIN_TOKEN, request)), code::INVALID_PARAMETER);
            }
        }
    }

    #[test]
    fn legacy_token_on_older_profiles_authorises_everything() {
        for profile in [Profile::Ctap21Pre, Profile::Ctap20] {
            let mut state = key(profile);
            assert_eq!(set_pin_with(&mut state, V1, b"1234"), code::OK);
            // Fields a pre-2.1 key never heard of are ignored.
            let platform = Platform::new(&mut state, V1);
            let request = [
                (field::KEY_AGREEMENT, Some(platform.cose())),
                (field::PIN_HASH_ENC, Some(bytes(&platform.pin_hash_enc(b"1234")))),
                (field::PERMISSIONS, Some(uint(4))),
            ];
            let token = platform.token(call(&mut state, 1, sub::GET_PIN_TOKEN, request)).unwrap();
            assert_eq!(use_token(&state, V1, &token, CM, None), Ok(()));
            bind_rp_id(&mut state, "a.example");
            clear_permissions_except_lbw(&mut state);
            assert_eq!(use_token(&state, V1, &token, MC, Some("b.example")), Ok(()));
            assert_eq!(token_rp_id(&state), None);
            assert_eq!(use_token(&state, V2, &token, MC, None), Err(code::INVALID_PARAMETER));
        }
    }

    #[test]
    fn permission_token_carries_exactly_what_was_granted() {
        for p in [V1, V2] {
            let mut state = key(Profile::Ctap21);
            assert_eq!(set_pin_with(&mut state, p, b"1234"), code::OK);
            let token = permission_token(&mut state, p, b"1234", u64::from(CM | ACFG), None).unwrap();
            assert_eq!(use_token(&state, p, &token, CM, None), Ok(()));
            assert_eq!(use_token(&state, p, &token, ACFG, None), Ok(()));
            assert_eq!(use_token(&state, p, &token, MC, None), Err(code::PIN_AUTH_INVALID));
            assert_eq!(use_token(&state, p, &token, CM | MC, None), Err(code::PIN_AUTH_INVALID));
            // A newer token replaces it.
            let newer = permission_token(&mut state, p, b"1234", u64::from(MC), None).unwrap();
            assert_eq!(use_token(&state, p, &token, CM, None), Err(code::PIN_AUTH_INVALID));
            assert_eq!(use_token(&state, p, &newer, MC, None), Ok(()));
            // Undefined bits (pcmr arrived with CTAP 2.2) are ignored.
            let undefined =
                permission_token(&mut state, p, b"1234", 0x40 | 0x80 | 0x100 | u64::from(GA), None).unwrap();
            assert_eq!(state.power.token.as_ref().unwrap().permissions, GA);
            assert_eq!(use_token(&state, p, &undefined, GA, None), Ok(()));
        }
    }

    #[test]
    fn permissions_the_key_does_not_offer_are_refused_before_the_pin_is_tried() {
        let mut state = key(Profile::Ctap21);
        assert_eq!(set_pin_with(&mut state, V2, b"1234"), code::OK);
        // lbw is offered since largeBlobs exists; be only once a sensor does.
        for refused in [BE, MC | BE, CM | LBW | BE] {
            let answer = permission_token(&mut state, V2, b"0000", u64::from(refused), None);
            assert_eq!(answer, Err(code::UNAUTHORIZED_PERMISSION), "{refused:#x}");
        }
        assert_eq!(permission_token(&mut state, V2, b"0000", 0, None), Err(code::INVALID_PARAMETER));
        assert_eq!(state.pin_retries, MAX_PIN_RETRIES);

        let platform = Platform::new(&mut state, V2);
        let missing = [
            (field::KEY_AGREEMENT, Some(platform.cose())),
            (field::PIN_HASH_ENC, Some(bytes(&platform.pin_hash_enc(b"1234")))),
        ];
        let answer = call(&mut state, 2, sub::GET_TOKEN_USING_PIN_WITH_PERMISSIONS, missing);
        assert_eq!(status(answer), code::MISSING_PARAMETER);
    }

    #[test]
    fn tokens_bind_to_one_rp() {
        let mut state = key(Profile::Ctap21);
        assert_eq!(set_pin_with(&mut state, V2, b"1234"), code::OK);
        let token = permission_token(&mut state, V2, b"1234", u64::from(MC | GA), Some("example.com")).unwrap();
        assert_eq!(token_rp_id(&state), Some("example.com"));
        assert_eq!(use_token(&state, V2, &token, GA, Some("example.com")), Ok(()));
        assert_eq!(use_token(&state, V2, &token, GA, Some("evil.example")), Err(code::PIN_AUTH_INVALID));
        // Binding never moves a bound token.
        bind_rp_id(&mut state, "evil.example");
        assert_eq!(token_rp_id(&state), Some("example.com"));

        let token = permission_token(&mut state, V2, b"1234", u64::from(MC | GA), None).unwrap();
        assert_eq!(token_rp_id(&state), None);
        assert_eq!(use_token(&state, V2, &token, MC, Some("a.example")), Ok(()));
        bind_rp_id(&mut state, "a.example");
        assert_eq!(use_token(&state, V2, &token, GA, Some("a.example")), Ok(()));
        assert_eq!(use_token(&state, V2, &token, GA, Some("b.example")), Err(code::PIN_AUTH_INVALID));
        assert_eq!(use_token(&state, V2, &token, GA, None), Ok(()));
    }

    #[test]
    fn make_credential_and_get_assertion_leave_only_lbw() {
        let mut state = key(Profile::Ctap21);
        assert_eq!(set_pin_with(&mut state, V2, b"1234"), code::OK);
        let token = permission_token(&mut state, V2, b"1234", u64::from(MC | GA | CM), None).unwrap();
        clear_permissions_except_lbw(&mut state);
        for needs in [MC, GA, CM] {
            assert_eq!(use_token(&state, V2, &token, needs, None), Err(code::PIN_AUTH_INVALID));
        }
        assert_eq!(use_token(&state, V2, &token, 0, None), Ok(()));
        state.power.token.as_mut().unwrap().permissions = MC | LBW;
        clear_permissions_except_lbw(&mut state);
        assert_eq!(state.power.token.as_ref().unwrap().permissions, LBW);
    }

    #[test]
    fn power_up_forgets_tokens_and_the_key_agreement_key() {
        let mut state = key(Profile::Ctap21);
        assert_eq!(set_pin_with(&mut state, V2, b"1234"), code::OK);
        let token = pin_token(&mut state, V2, b"1234").unwrap();
        let before = state.power.key_agreement;
        assert!(before.is_some());
        let first = call(&mut state, 2, sub::GET_KEY_AGREEMENT, []).unwrap();
        assert_eq!(call(&mut state, 1, sub::GET_KEY_AGREEMENT, []).unwrap(), first);
        state.power_up();
        assert_eq!(state.power.key_agreement, None);
        assert_eq!(use_token(&state, V2, &token, MC, None), Err(code::PIN_AUTH_INVALID));
        assert_ne!(call(&mut state, 2, sub::GET_KEY_AGREEMENT, []).unwrap(), first);
        assert_ne!(state.power.key_agreement, before);
    }

    #[test]
    fn force_pin_change() {
        let mut state = key(Profile::Ctap21);
        assert_eq!(set_pin_with(&mut state, V2, b"1234"), code::OK);
        let token = pin_token(&mut state, V2, b"1234").unwrap();
        state.force_pin_change = true;
        // The PIN itself is right: the retries are restored, then the token is refused.
        assert_eq!(pin_token(&mut state, V2, b"0000"), Err(code::PIN_INVALID));
        assert_eq!(pin_token(&mut state, V2, b"1234"), Err(code::PIN_INVALID));
        assert_eq!(permission_token(&mut state, V2, b"1234", 1, None), Err(code::PIN_POLICY_VIOLATION));
        assert_eq!(retries(&mut state), Ok((8, Some(false))));
        // A token from before the flag was raised is left alone (only a PIN change ends it).
        assert_eq!(use_token(&state, V2, &token, MC, None), Ok(()));

        assert_eq!(change_pin_with(&mut state, V2, b"1234", b"1234"), code::PIN_POLICY_VIOLATION);
        assert!(state.force_pin_change);
        assert_eq!(state.pin.as_ref().unwrap().hash, pin_hash(b"1234"));
        assert_eq!(change_pin_with(&mut state, V2, b"1234", b"4321"), code::OK);
        assert!(!state.force_pin_change);
        assert!(pin_token(&mut state, V2, b"4321").is_ok());
        // Without the flag, changing to the same PIN is allowed.
        assert_eq!(change_pin_with(&mut state, V2, b"4321", b"4321"), code::OK);
    }

    #[test]
    fn profiles_decide_subcommands_and_protocols() {
        for profile in [Profile::Ctap20, Profile::Ctap21Pre] {
            let mut state = key(profile);
            assert_eq!(set_pin_with(&mut state, V1, b"1234"), code::OK);
            assert_eq!(permission_token(&mut state, V1, b"1234", 1, None), Err(code::INVALID_SUBCOMMAND));
            assert_eq!(status(call(&mut state, 2, sub::GET_KEY_AGREEMENT, [])), code::INVALID_PARAMETER);
            assert_eq!(status(call(&mut state, 2, sub::GET_PIN_RETRIES, [])), code::INVALID_PARAMETER);
            // CTAP 2.0 requires pinProtocol even for getPINRetries.
            let bare = int_map([(field::SUB_COMMAND, Some(uint(1)))]);
            assert_eq!(status(handle(&mut state, Some(&bare))), code::MISSING_PARAMETER);
        }
        // A well-formed protocol 2 setPIN (its secret agreed with a CTAP 2.1 key) is refused
        // for its protocol before anything else is looked at.
        let mut other = key(Profile::Ctap21);
        let platform = Platform::new(&mut other, V2);
        let mut state = key(Profile::Ctap20);
        let request = platform.set_request(&platform.new_pin_enc(b"5678"));
        assert_eq!(status(call(&mut state, 2, sub::SET_PIN, request)), code::INVALID_PARAMETER);
        assert!(state.pin.is_none());

        let mut state = key(Profile::Ctap21);
        let bare = int_map([(field::SUB_COMMAND, Some(uint(1)))]);
        assert_eq!(status(handle(&mut state, Some(&bare))), code::PIN_NOT_SET);
        for n in [0, 3, 0x1_0000_0000] {
            let request = int_map([(field::PIN_UV_AUTH_PROTOCOL, Some(uint(n))), (field::SUB_COMMAND, Some(uint(2)))]);
            assert_eq!(status(handle(&mut state, Some(&request))), code::INVALID_PARAMETER, "{n}");
        }
    }

    #[test]
    fn no_built_in_uv_and_unknown_subcommands() {
        for profile in [Profile::Ctap21, Profile::Ctap21Pre, Profile::Ctap20] {
            let mut state = key(profile);
            assert_eq!(set_pin_with(&mut state, V1, b"1234"), code::OK);
            let platform = Platform::new(&mut state, V1);
            for sub_command in [0x00, sub::GET_TOKEN_USING_UV_WITH_PERMISSIONS, sub::GET_UV_RETRIES, 0x08, 0x0A, 0xFF] {
                let request = [(field::KEY_AGREEMENT, Some(platform.cose())), (field::PERMISSIONS, Some(uint(1)))];
                assert_eq!(
                    status(call(&mut state, 1, sub_command, request)),
                    code::INVALID_SUBCOMMAND,
                    "{sub_command:#x}"
                );
            }
            let huge = int_map([(field::PIN_UV_AUTH_PROTOCOL, Some(uint(1))), (field::SUB_COMMAND, Some(uint(0x101)))]);
            assert_eq!(status(handle(&mut state, Some(&huge))), code::INVALID_SUBCOMMAND);
        }
    }

    #[test]
    fn request_fields_are_checked() {
        let mut state = key(Profile::Ctap21);
        assert_eq!(status(handle(&mut state, None)), code::MISSING_PARAMETER);
        assert_eq!(status(handle(&mut state, Some(&uint(1)))), code::CBOR_UNEXPECTED_TYPE);
        assert_eq!(
            status(handle(&mut state, Some(&int_map([(field::PIN_UV_AUTH_PROTOCOL, Some(uint(2)))])))),
            code::MISSING_PARAMETER
        );
        for (label, wrong) in [
            (field::PIN_UV_AUTH_PROTOCOL, text("2")),
            (field::PIN_UV_AUTH_PROTOCOL, cbor::int(-2)),
            (field::SUB_COMMAND, bytes(&[2])),
            (field::KEY_AGREEMENT, bytes(&[2])),
            (field::PIN_UV_AUTH_PARAM, text("x")),
            (field::NEW_PIN_ENC, uint(0)),
            (field::PIN_HASH_ENC, Value::Array(vec![])),
            (field::PERMISSIONS, Value::Bool(true)),
            (field::RP_ID, bytes(b"example.com")),
        ] {
            let mut entries = vec![(field::PIN_UV_AUTH_PROTOCOL, Some(uint(2))), (field::SUB_COMMAND, Some(uint(2)))];
            entries.retain(|(k, _)| *k != label);
            entries.push((label, Some(wrong.clone())));
            let answer = handle(&mut state, Some(&int_map(entries)));
            assert_eq!(status(answer), code::CBOR_UNEXPECTED_TYPE, "{label} {wrong:?}");
        }
        // Each missing mandatory field of setPIN.
        let platform = Platform::new(&mut state, V2);
        let full = platform.set_request(&platform.new_pin_enc(b"1234"));
        for skip in 0..full.len() {
            let mut request = full.clone();
            request.remove(skip);
            assert_eq!(status(call(&mut state, 2, sub::SET_PIN, request)), code::MISSING_PARAMETER);
        }
        let no_protocol = int_map(full.iter().cloned().chain([(field::SUB_COMMAND, Some(uint(3)))]));
        assert_eq!(status(handle(&mut state, Some(&no_protocol))), code::MISSING_PARAMETER);
        // A keyAgreement that is a map but not a usable P-256 key.
        let CoseKey::P256 { alg, x, mut y } = platform.key.public_cose() else { unreachable!() };
        y[5] ^= 0x10;
        let off_curve = CoseKey::P256 { alg, x, y }.to_value();
        for bad in [off_curve, int_map([(1, Some(cbor::int(2)))]), CoseKey::Ed25519 { x: [9; 32] }.to_value()] {
            let mut request = full.clone();
            request[0] = (field::KEY_AGREEMENT, Some(bad));
            assert_eq!(status(call(&mut state, 2, sub::SET_PIN, request)), code::INVALID_PARAMETER);
        }
        assert!(state.pin.is_none());
        assert_eq!(status(call(&mut state, 2, sub::SET_PIN, full)), code::OK);
    }

    #[test]
    fn pins_are_bytes_here_normalisation_is_the_hosts_job() {
        let composed = "\u{e9}\u{e9}\u{e9}\u{e9}";
        let decomposed = "e\u{301}e\u{301}e\u{301}e\u{301}";
        let mut state = key(Profile::Ctap21);
        assert_eq!(set_pin_with(&mut state, V2, composed.as_bytes()), code::OK);
        assert_eq!(pin_token(&mut state, V2, decomposed.as_bytes()), Err(code::PIN_INVALID));
        assert!(pin_token(&mut state, V2, composed.as_bytes()).is_ok());
        // Eight code points the other way round: still at least four.
        let mut state = key(Profile::Ctap21);
        assert_eq!(set_pin_with(&mut state, V2, decomposed.as_bytes()), code::OK);
        assert_eq!(state.pin.as_ref().unwrap().code_points, 8);
    }

    // ---- python-fido2's bytes, through the CTAP2 dispatcher --------------------------------

    const REQUESTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/vectors/ctap2_requests.json");
    const PIN_VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/vectors/pin_protocols.json");

    struct Untouched;
    impl UserPresence for Untouched {
        fn wait(&mut self) -> Result<(), u8> {
            Err(code::USER_ACTION_TIMEOUT)
        }
    }

    fn json(path: &str) -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    /// The request python-fido2 sent under `name`, split into command byte and CBOR map.
    fn vector_request(name: &str) -> (u8, Value) {
        let all = json(REQUESTS);
        let found = all["requests"].as_array().unwrap().iter().find(|r| r["name"] == name).unwrap();
        let raw = hex::decode(found["request_hex"].as_str().unwrap()).unwrap();
        (raw[0], cbor::decode(&raw[1..]).unwrap())
    }

    /// The PIN vector for `protocol`: field → bytes.
    fn pin_vector(protocol: u64) -> impl Fn(&str) -> Vec<u8> {
        let all = json(PIN_VECTORS);
        let v = all["pin_uv_auth_protocols"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["protocol"] == protocol)
            .unwrap()
            .clone();
        move |name: &str| hex::decode(v[name].as_str().unwrap()).unwrap()
    }

    fn with_fields(request: &Value, replace: &[(i64, Vec<u8>)]) -> Value {
        let Value::Map(entries) = request else { panic!("not a map") };
        let mut entries = entries.clone();
        for (k, v) in replace {
            let slot = entries.iter_mut().find(|(key, _)| cbor::as_i64(key) == Some(*k)).unwrap();
            slot.1 = bytes(v);
        }
        Value::Map(entries)
    }

    fn dispatch(state: &mut KeyState, command: u8, request: &Value) -> Vec<u8> {
        let wire = [vec![command], cbor::encode(request)].concat();
        crate::virtual_key::ctap2::handle(state, &wire, &mut Untouched)
    }

    #[test]
    fn python_fido2_set_pin_request() {
        let vector = pin_vector(1);
        let (command, request) = vector_request("clientPIN setPIN (protocol 1)");
        assert_eq!(command, 0x06);
        let mut state = key(Profile::Ctap20);
        state.power.key_agreement = Some(vector("authenticator_private_scalar").try_into().unwrap());

        // As recorded, pinUvAuthParam (00..0f) and newPinEnc (64 zero bytes) are stand-ins;
        // what is determined is that the MAC over newPinEnc under the real secret differs.
        let map = MapView::new(&request, "request").unwrap();
        let shared = vector("shared_secret");
        let recorded = map.req_bytes(field::PIN_UV_AUTH_PARAM).unwrap();
        assert_ne!(V1.authenticate(&shared, map.req_bytes(field::NEW_PIN_ENC).unwrap()), recorded);
        assert_eq!(dispatch(&mut state, command, &request), [code::PIN_AUTH_INVALID]);
        assert!(state.pin.is_none());

        // Same request with python-fido2's real newPinEnc and MAC for "a1b2c3d4".
        let real = with_fields(
            &request,
            &[
                (field::PIN_UV_AUTH_PARAM, vector("set_pin_auth_param")),
                (field::NEW_PIN_ENC, vector("new_pin_enc_for_pin_a1b2c3d4")),
            ],
        );
        assert_eq!(dispatch(&mut state, command, &real), [code::OK]);
        assert_eq!(state.pin.as_ref().unwrap().hash, pin_hash(b"a1b2c3d4"));
        assert_eq!(state.pin.as_ref().unwrap().code_points, 8);
    }

    #[test]
    fn python_fido2_change_pin_and_token_requests() {
        let (command, change) = vector_request("clientPIN changePIN (protocol 2)");
        for protocol in [1, 2] {
            let vector = pin_vector(protocol);
            let mut state = key(Profile::Ctap21);
            state.pin = Some(StoredPin { hash: pin_hash(b"1234"), code_points: 4 });
            state.power.key_agreement = Some(vector("authenticator_private_scalar").try_into().unwrap());
            let Value::Map(mut entries) = with_fields(
                &change,
                &[
                    (field::PIN_UV_AUTH_PARAM, vector("change_pin_auth_param_new_a1b2c3d4_old_1234")),
                    (field::NEW_PIN_ENC, vector("new_pin_enc_for_pin_a1b2c3d4")),
                    (field::PIN_HASH_ENC, vector("pin_hash_enc_for_pin_1234")),
                ],
            ) else {
                unreachable!()
            };
            entries.retain(|(k, _)| cbor::as_i64(k) != Some(field::PIN_UV_AUTH_PROTOCOL));
            entries.push((uint(1), uint(protocol)));
            assert_eq!(dispatch(&mut state, command, &Value::Map(entries)), [code::OK], "v{protocol}");
            assert_eq!(state.pin.as_ref().unwrap().hash, pin_hash(b"a1b2c3d4"));
        }

        // Recorded getPinToken: its pinHashEnc (16 zero bytes) is no PIN's hash under the real
        // secret, so it is a counted mismatch.
        let vector = pin_vector(1);
        let (command, token) = vector_request("clientPIN getPinToken legacy 0x05 (protocol 1)");
        let mut state = key(Profile::Ctap20);
        state.pin = Some(StoredPin { hash: pin_hash(b"1234"), code_points: 4 });
        state.power.key_agreement = Some(vector("authenticator_private_scalar").try_into().unwrap());
        assert_eq!(dispatch(&mut state, command, &token), [code::PIN_INVALID]);
        assert_eq!(state.pin_retries, MAX_PIN_RETRIES - 1);
        // With the real pinHashEnc the token comes back encrypted under the shared secret.
        state.power.key_agreement = Some(vector("authenticator_private_scalar").try_into().unwrap());
        let real = with_fields(&token, &[(field::PIN_HASH_ENC, vector("pin_hash_enc_for_pin_1234"))]);
        let answer = dispatch(&mut state, command, &real);
        assert_eq!(answer[0], code::OK);
        let body = cbor::decode(&answer[1..]).unwrap();
        let encrypted = MapView::new(&body, "answer").unwrap().req_bytes(response::PIN_UV_AUTH_TOKEN).unwrap().to_vec();
        let token = V1.decrypt(&vector("shared_secret"), &encrypted).unwrap();
        assert_eq!(token.as_slice(), state.power.token.as_ref().unwrap().token.as_slice());
    }

    #[test]
    fn python_fido2_retries_and_key_agreement_requests() {
        let mut state = key(Profile::Ctap21);
        let (command, retries_request) = vector_request("clientPIN getPINRetries (protocol 2)");
        assert_eq!(dispatch(&mut state, command, &retries_request), [code::PIN_NOT_SET]);
        let (command, agreement) = vector_request("clientPIN getKeyAgreement (protocol 2)");
        let answer = dispatch(&mut state, command, &agreement);
        assert_eq!(answer[0], code::OK);
        let body = cbor::decode(&answer[1..]).unwrap();
        let cose =
            CoseKey::from_value(MapView::new(&body, "answer").unwrap().require(response::KEY_AGREEMENT).unwrap());
        assert_eq!(cose.unwrap().alg(), crate::proto::cose::ALG_ECDH_ES_HKDF_256);

        assert_eq!(set_pin_with(&mut state, V2, b"1234"), code::OK);
        let answer = dispatch(&mut state, command, &retries_request);
        // {3: 8, 4: false}
        assert_eq!(hex::encode(answer), "00a2030804f4");
    }

    // ---- security properties (issue 18) --------------------------------------------------

    /// A key-agreement point that is not on P-256 is refused before any secret is derived
    /// from it (an invalid-curve attack would otherwise learn bits of the key's scalar).
    #[test]
    fn key_agreement_points_off_the_curve_are_refused() {
        for p in [PinProtocol::V1, PinProtocol::V2] {
            let mut state = key(Profile::Ctap21);
            let platform = Platform::new(&mut state, p);
            let mut request = platform.set_request(&platform.new_pin_enc(b"1234"));
            let off_curve = int_map([
                (1, Some(uint(2))),
                (3, Some(crate::proto::cbor::int(-25))),
                (-1, Some(uint(1))),
                (-2, Some(bytes(&[1; 32]))),
                (-3, Some(bytes(&[2; 32]))),
            ]);
            request[0] = (field::KEY_AGREEMENT, Some(off_curve));
            assert_eq!(status(call(&mut state, p.number(), sub::SET_PIN, request)), code::INVALID_PARAMETER);
            assert!(state.pin.is_none());
        }
    }

    /// Every power-up forgets the token and the key-agreement key: neither survives a re-plug.
    #[test]
    fn tokens_and_key_agreement_keys_are_fresh_after_each_power_up() {
        let mut state = key(Profile::Ctap21);
        assert_eq!(set_pin_with(&mut state, PinProtocol::V2, b"1234"), code::OK);
        let agreement = |state: &mut KeyState| {
            let answer = call(state, 2, sub::GET_KEY_AGREEMENT, []).unwrap().unwrap();
            CoseKey::from_value(MapView::new(&answer, "a").unwrap().require(response::KEY_AGREEMENT).unwrap()).unwrap()
        };
        let first = agreement(&mut state);
        assert_eq!(agreement(&mut state), first, "the same key until the next power-up");
        let platform = Platform::new(&mut state, PinProtocol::V2);
        let token = platform
            .token(call(
                &mut state,
                2,
                sub::GET_TOKEN_USING_PIN_WITH_PERMISSIONS,
                [
                    (field::KEY_AGREEMENT, Some(platform.cose())),
                    (field::PIN_HASH_ENC, Some(bytes(&platform.pin_hash_enc(b"1234")))),
                    (field::PERMISSIONS, Some(uint(u64::from(permission::MAKE_CREDENTIAL)))),
                ],
            ))
            .unwrap();
        let message = [0x11; 32];
        let auth = PinProtocol::V2.authenticate(&token, &message);
        assert_eq!(verify_token(&state, 2, &auth, &message, permission::MAKE_CREDENTIAL, None), Ok(()));

        state.power_up();
        assert_ne!(agreement(&mut state), first, "a new key agreement key after power-up");
        assert_eq!(
            verify_token(&state, 2, &auth, &message, permission::MAKE_CREDENTIAL, None),
            Err(code::PIN_AUTH_INVALID),
            "the old token is gone"
        );
    }

    /// PIN hashes are compared without an early exit: every byte position decides alike, and
    /// lengths must match (pinUvAuthParam goes through the MAC's constant-time verify).
    #[test]
    fn pin_hash_comparison_is_exact_and_whole() {
        let a = [0x5a; 16];
        assert!(same(&a, &a));
        for i in 0..16 {
            let mut b = a;
            b[i] ^= 0x01;
            assert!(!same(&a, &b), "byte {i}");
        }
        assert!(!same(&a, &a[..15]));
        assert!(!same(&a[..0], &a));
        // A truncated or extended pinUvAuthParam is refused, never compared on a prefix.
        let full = PinProtocol::V2.authenticate(&[7; 32], b"m");
        assert!(PinProtocol::V2.verify(&[7; 32], b"m", &full));
        assert!(!PinProtocol::V2.verify(&[7; 32], b"m", &full[..16]));
        assert!(!PinProtocol::V2.verify(&[7; 32], b"m", &[full.as_slice(), &[0]].concat()));
    }
}
