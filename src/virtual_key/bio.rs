//! authenticatorBioEnrollment (0x09, CTAP 2.1 §6.7) and its FIDO_2_1_PRE preview (0x40),
//! device side, for a key made with `--bio`: a simulated fingerprint sensor whose samples and
//! matches tests steer through the environment, as they steer presence.
//!
//! - FIDOCTL_VIRTUAL_BIO_SAMPLES: the sensor's answer to each capture of one enrollment, in
//!   order, comma-separated: `good`, `too-fast`, `poor-quality`, `too-high`, `too-low`,
//!   `too-left`, `too-right`, `too-slow`, `too-skewed`, `too-short`, `no-user-activity`, or
//!   `timeout` (the capture times out). Past the list, or unset, every sample is good.
//! - FIDOCTL_VIRTUAL_BIO_REQUIRED: good samples an enrollment needs (1-16, default 4).
//! - FIDOCTL_VIRTUAL_UV: `match` (default) or `nomatch`, the sensor's verdict for built-in UV.
//!
//! Decisions: pinUvAuthParam = authenticate(token, modality || subCommand || CBOR(params))
//! with a be token (§6.7.2); getModality, getFingerprintSensorInfo and
//! cancelCurrentEnrollment need none. An unknown
//! template id is INVALID_OPTION, as is enumerating with nothing enrolled (§6.7.6).

use super::client_pin;
use super::ctap2::{Answer, Tracked};
use super::request::{random, status_of};
use super::state::{Enrollment, KeyState, PendingEnrollment};
use crate::proto::cbor::{self, MapView};
use crate::proto::ctap2::client_pin::permission;
use crate::proto::status::code;
use ciborium::value::Value;

pub const MODALITY_FINGERPRINT: u64 = 0x01;
/// fingerprintKind: touch sensor.
const FINGERPRINT_KIND_TOUCH: u64 = 0x01;
pub const MAX_TEMPLATE_FRIENDLY_NAME: usize = 32;
pub const MAX_ENROLLMENTS: usize = 5;
/// uvRetries at creation and after a good match or a PIN (CTAP 2.1 §6.5.5.7.3).
pub const MAX_UV_RETRIES: u8 = 5;
const DEFAULT_SAMPLES_REQUIRED: u8 = 4;

pub const SAMPLES_ENV: &str = "FIDOCTL_VIRTUAL_BIO_SAMPLES";
pub const REQUIRED_ENV: &str = "FIDOCTL_VIRTUAL_BIO_REQUIRED";
pub const UV_ENV: &str = "FIDOCTL_VIRTUAL_UV";

mod field {
    pub const MODALITY: i64 = 0x01;
    pub const SUB_COMMAND: i64 = 0x02;
    pub const SUB_COMMAND_PARAMS: i64 = 0x03;
    pub const PIN_UV_AUTH_PROTOCOL: i64 = 0x04;
    pub const PIN_UV_AUTH_PARAM: i64 = 0x05;
    pub const GET_MODALITY: i64 = 0x06;
}
mod param {
    pub const TEMPLATE_ID: i64 = 0x01;
    pub const TEMPLATE_FRIENDLY_NAME: i64 = 0x02;
}
mod response {
    pub const MODALITY: i64 = 0x01;
    pub const FINGERPRINT_KIND: i64 = 0x02;
    pub const MAX_CAPTURE_SAMPLES: i64 = 0x03;
    pub const TEMPLATE_ID: i64 = 0x04;
    pub const LAST_SAMPLE_STATUS: i64 = 0x05;
    pub const REMAINING_SAMPLES: i64 = 0x06;
    pub const TEMPLATE_INFOS: i64 = 0x07;
    pub const MAX_TEMPLATE_FRIENDLY_NAME: i64 = 0x08;
}
mod sub {
    pub const ENROLL_BEGIN: u8 = 0x01;
    pub const ENROLL_CAPTURE_NEXT_SAMPLE: u8 = 0x02;
    pub const CANCEL_CURRENT_ENROLLMENT: u8 = 0x03;
    pub const ENUMERATE_ENROLLMENTS: u8 = 0x04;
    pub const SET_FRIENDLY_NAME: u8 = 0x05;
    pub const REMOVE_ENROLLMENT: u8 = 0x06;
    pub const GET_FINGERPRINT_SENSOR_INFO: u8 = 0x07;
}

/// What the simulated sensor will say: read from the environment unless a test set it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SensorScript {
    /// lastEnrollSampleStatus per capture, or None for a capture that times out.
    pub samples: Vec<Option<u8>>,
    pub required: u8,
    pub uv_match: bool,
}

impl SensorScript {
    pub fn from_env() -> SensorScript {
        let samples = std::env::var(SAMPLES_ENV)
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(sample_status)
            .collect();
        let required = std::env::var(REQUIRED_ENV)
            .ok()
            .and_then(|v| v.trim().parse::<u8>().ok())
            .filter(|n| (1..=16).contains(n))
            .unwrap_or(DEFAULT_SAMPLES_REQUIRED);
        let uv_match = std::env::var(UV_ENV).map(|v| v.trim() != "nomatch").unwrap_or(true);
        SensorScript { samples, required, uv_match }
    }
}

/// CTAP 2.1 §6.7.1 lastEnrollSampleStatus values; unknown words count as poor quality.
fn sample_status(word: &str) -> Option<u8> {
    Some(match word {
        "good" => 0x00,
        "too-high" => 0x01,
        "too-low" => 0x02,
        "too-left" => 0x03,
        "too-right" => 0x04,
        "too-fast" => 0x05,
        "too-slow" => 0x06,
        "too-skewed" => 0x08,
        "too-short" => 0x09,
        "no-user-activity" => 0x0D,
        "timeout" => return None,
        _ => 0x07,
    })
}

fn script(state: &mut Tracked) -> SensorScript {
    state.enumerations().sensor.get_or_insert_with(SensorScript::from_env).clone()
}

/// Built-in UV: one finger on the sensor. Counts uvRetries as the spec says: a miss takes
/// one, a match restores them; none left is UV_BLOCKED.
pub fn verify_user(state: &mut Tracked) -> Result<(), u8> {
    if state.bio.uv_retries == 0 {
        return Err(code::UV_BLOCKED);
    }
    if state.bio.enrollments.is_empty() {
        return Err(code::UV_INVALID);
    }
    if script(state).uv_match {
        if state.bio.uv_retries != MAX_UV_RETRIES {
            state.bio.uv_retries = MAX_UV_RETRIES;
        }
        Ok(())
    } else {
        state.bio.uv_retries -= 1;
        Err(if state.bio.uv_retries == 0 { code::UV_BLOCKED } else { code::UV_INVALID })
    }
}

pub fn handle(state: &mut Tracked, params: Option<&Value>) -> Answer {
    let map = MapView::new(params.ok_or(code::MISSING_PARAMETER)?, "bioEnrollment").map_err(status_of)?;
    let modality = map.opt_u64(field::MODALITY).map_err(status_of)?;
    let sub_command = map.opt_u64(field::SUB_COMMAND).map_err(status_of)?;
    let sub_params = match map.get(field::SUB_COMMAND_PARAMS) {
        None => None,
        Some(v @ Value::Map(_)) => Some(v),
        Some(_) => return Err(code::CBOR_UNEXPECTED_TYPE),
    };
    let protocol = map.opt_u64(field::PIN_UV_AUTH_PROTOCOL).map_err(status_of)?;
    let auth = map.opt_bytes(field::PIN_UV_AUTH_PARAM).map_err(status_of)?;
    if map.opt_bool(field::GET_MODALITY).map_err(status_of)? == Some(true) {
        return Ok(Some(cbor::int_map([(response::MODALITY, Some(cbor::uint(MODALITY_FINGERPRINT)))])));
    }
    let sub_command = sub_command.ok_or(code::MISSING_PARAMETER)?;
    if modality.ok_or(code::MISSING_PARAMETER)? != MODALITY_FINGERPRINT {
        return Err(code::INVALID_OPTION);
    }
    let sub_command = u8::try_from(sub_command).map_err(|_| code::INVALID_SUBCOMMAND)?;
    if sub_command == sub::GET_FINGERPRINT_SENSOR_INFO {
        return Ok(Some(cbor::int_map([
            (response::MODALITY, Some(cbor::uint(MODALITY_FINGERPRINT))),
            (response::FINGERPRINT_KIND, Some(cbor::uint(FINGERPRINT_KIND_TOUCH))),
            (response::MAX_CAPTURE_SAMPLES, Some(cbor::uint(u64::from(script(state).required)))),
            (response::MAX_TEMPLATE_FRIENDLY_NAME, Some(cbor::uint(MAX_TEMPLATE_FRIENDLY_NAME as u64))),
        ])));
    }
    if !(sub::ENROLL_BEGIN..=sub::REMOVE_ENROLLMENT).contains(&sub_command) {
        return Err(code::INVALID_SUBCOMMAND);
    }
    // Cancelling takes no authorisation (python-fido2 and libfido2 send none).
    if sub_command == sub::CANCEL_CURRENT_ENROLLMENT {
        return state.enumerations().bio_enrollment.take().map(|_| None).ok_or(code::INVALID_OPTION);
    }
    // Every other subcommand is authorised by a be token.
    let auth = auth.ok_or(code::PUAT_REQUIRED)?;
    let protocol = protocol.ok_or(code::MISSING_PARAMETER)?;
    let mut message = vec![MODALITY_FINGERPRINT as u8, sub_command];
    if let Some(p) = sub_params {
        message.extend(cbor::encode(p));
    }
    client_pin::verify_token(state, protocol, auth, &message, permission::BIO_ENROLLMENT, None)?;
    let empty = Value::Map(Vec::new());
    let params = MapView::new(sub_params.unwrap_or(&empty), "subCommandParams").map_err(status_of)?;
    match sub_command {
        sub::ENROLL_BEGIN => enroll_begin(state),
        sub::ENROLL_CAPTURE_NEXT_SAMPLE => capture(state, &params),
        sub::ENUMERATE_ENROLLMENTS => enumerate(state),
        sub::SET_FRIENDLY_NAME => set_friendly_name(state, &params),
        _ => remove(state, &params),
    }
}

fn enroll_begin(state: &mut Tracked) -> Answer {
    if state.bio.enrollments.len() >= MAX_ENROLLMENTS {
        return Err(code::FP_DATABASE_FULL);
    }
    let template_id = random::<4>()?.to_vec();
    state.enumerations().bio_enrollment =
        Some(PendingEnrollment { template_id, captures: 0, remaining: script(state).required });
    capture_sample(state)
}

fn capture(state: &mut Tracked, params: &MapView) -> Answer {
    let id = params.req_bytes(param::TEMPLATE_ID).map_err(status_of)?;
    match &state.enumerations().bio_enrollment {
        Some(p) if p.template_id == id => capture_sample(state),
        _ => Err(code::INVALID_PARAMETER),
    }
}

/// One touch of the sensor for the enrollment in progress.
fn capture_sample(state: &mut Tracked) -> Answer {
    let sensor = script(state);
    let Some(mut pending) = state.enumerations().bio_enrollment.take() else { return Err(code::INVALID_PARAMETER) };
    let status = sensor.samples.get(usize::from(pending.captures)).copied().unwrap_or(Some(0));
    pending.captures = pending.captures.saturating_add(1);
    let Some(status) = status else {
        // A timed-out capture ends the enrollment (§6.7.3).
        return Err(code::USER_ACTION_TIMEOUT);
    };
    if status == 0 {
        pending.remaining = pending.remaining.saturating_sub(1);
    }
    let first = pending.captures == 1;
    let answer = cbor::int_map([
        (response::TEMPLATE_ID, first.then(|| cbor::bytes(&pending.template_id))),
        (response::LAST_SAMPLE_STATUS, Some(cbor::uint(u64::from(status)))),
        (response::REMAINING_SAMPLES, Some(cbor::uint(u64::from(pending.remaining)))),
    ]);
    if pending.remaining == 0 {
        state.bio.enrollments.push(Enrollment { template_id: pending.template_id, name: None });
    } else {
        state.enumerations().bio_enrollment = Some(pending);
    }
    Ok(Some(answer))
}

fn enumerate(state: &KeyState) -> Answer {
    if state.bio.enrollments.is_empty() {
        return Err(code::INVALID_OPTION);
    }
    let infos = state
        .bio
        .enrollments
        .iter()
        .map(|e| {
            cbor::int_map([
                (param::TEMPLATE_ID, Some(cbor::bytes(&e.template_id))),
                (param::TEMPLATE_FRIENDLY_NAME, e.name.as_deref().map(cbor::text)),
            ])
        })
        .collect();
    Ok(Some(cbor::int_map([(response::TEMPLATE_INFOS, Some(Value::Array(infos)))])))
}

fn find(state: &KeyState, params: &MapView) -> Result<usize, u8> {
    let id = params.req_bytes(param::TEMPLATE_ID).map_err(status_of)?;
    state.bio.enrollments.iter().position(|e| e.template_id == id).ok_or(code::INVALID_OPTION)
}

fn set_friendly_name(state: &mut Tracked, params: &MapView) -> Answer {
    let name = params.req_text(param::TEMPLATE_FRIENDLY_NAME).map_err(status_of)?;
    if name.len() > MAX_TEMPLATE_FRIENDLY_NAME {
        return Err(code::INVALID_PARAMETER);
    }
    let index = find(state, params)?;
    state.bio.enrollments[index].name = Some(name.to_string());
    Ok(None)
}

fn remove(state: &mut Tracked, params: &MapView) -> Answer {
    let index = find(state, params)?;
    state.bio.enrollments.remove(index);
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::cbor::{bytes, int_map, text, uint};
    use crate::proto::ctap2::client_pin::{self as cp, sub as cp_sub};
    use crate::proto::ctap2::{command, get_assertion as ga, make_credential as mc};
    use crate::proto::pin_protocol::PinProtocol;
    use crate::virtual_key::state::Profile;
    use crate::virtual_key::testing::*;

    const BE: u64 = permission::BIO_ENROLLMENT as u64;

    fn bio_key(profile: Profile, samples: &[Option<u8>], uv_match: bool) -> KeyState {
        let mut state = key(profile);
        state.identity.bio = true;
        state.enumerations.sensor = Some(SensorScript { samples: samples.to_vec(), required: 3, uv_match });
        state
    }

    struct Enroller {
        command: u8,
        p: PinProtocol,
        token: Vec<u8>,
    }

    impl Enroller {
        fn call(&self, state: &mut KeyState, sub_command: u8, params: Option<Value>) -> Result<Value, u8> {
            let mut message = vec![1, sub_command];
            if let Some(p) = &params {
                message.extend(cbor::encode(p));
            }
            let request = int_map([
                (field::MODALITY, Some(uint(1))),
                (field::SUB_COMMAND, Some(uint(u64::from(sub_command)))),
                (field::SUB_COMMAND_PARAMS, params),
                (field::PIN_UV_AUTH_PROTOCOL, Some(uint(u64::from(self.p.number())))),
                (field::PIN_UV_AUTH_PARAM, Some(bytes(&self.p.authenticate(&self.token, &message)))),
            ]);
            send(state, self.command, Some(&request), &mut Person::approving())
        }
        fn id_param(id: &[u8]) -> Option<Value> {
            Some(int_map([(param::TEMPLATE_ID, Some(bytes(id)))]))
        }
    }

    fn get(answer: &Value, key: i64) -> Option<u64> {
        MapView::new(answer, "a").unwrap().opt_u64(key).unwrap()
    }

    fn enroller(state: &mut KeyState) -> Enroller {
        set_pin(state, V2, b"1234");
        let token = pin_token(state, V2, b"1234", Some(BE), None);
        Enroller { command: command::BIO_ENROLLMENT, p: V2, token }
    }

    #[test]
    fn enroll_with_a_poor_sample_then_list_rename_and_remove() {
        let mut state = bio_key(Profile::Ctap21, &[Some(0), Some(0x07), Some(0), Some(0)], true);
        let info = crate::virtual_key::profile::get_info(&state);
        assert_eq!((info.options.get("bioEnroll"), info.options.get("uv")), (Some(&false), Some(&false)));
        let e = enroller(&mut state);

        let sensor = send(
            &mut state,
            command::BIO_ENROLLMENT,
            Some(&int_map([(field::MODALITY, Some(uint(1))), (field::SUB_COMMAND, Some(uint(7)))])),
            &mut Person::approving(),
        )
        .unwrap();
        assert_eq!(
            (get(&sensor, response::FINGERPRINT_KIND), get(&sensor, response::MAX_CAPTURE_SAMPLES)),
            (Some(1), Some(3))
        );

        let begin = e.call(&mut state, sub::ENROLL_BEGIN, None).unwrap();
        let id = MapView::new(&begin, "b").unwrap().req_bytes(response::TEMPLATE_ID).unwrap().to_vec();
        assert_eq!(
            (get(&begin, response::LAST_SAMPLE_STATUS), get(&begin, response::REMAINING_SAMPLES)),
            (Some(0), Some(2))
        );
        let poor = e.call(&mut state, sub::ENROLL_CAPTURE_NEXT_SAMPLE, Enroller::id_param(&id)).unwrap();
        assert_eq!(
            (get(&poor, response::LAST_SAMPLE_STATUS), get(&poor, response::REMAINING_SAMPLES)),
            (Some(7), Some(2))
        );
        assert_eq!(
            e.call(&mut state, sub::ENROLL_CAPTURE_NEXT_SAMPLE, Enroller::id_param(b"nope")),
            Err(code::INVALID_PARAMETER)
        );
        e.call(&mut state, sub::ENROLL_CAPTURE_NEXT_SAMPLE, Enroller::id_param(&id)).unwrap();
        let last = e.call(&mut state, sub::ENROLL_CAPTURE_NEXT_SAMPLE, Enroller::id_param(&id)).unwrap();
        assert_eq!(get(&last, response::REMAINING_SAMPLES), Some(0));
        assert_eq!(state.bio.enrollments.len(), 1);
        let info = crate::virtual_key::profile::get_info(&state);
        assert_eq!((info.options.get("bioEnroll"), info.options.get("uv")), (Some(&true), Some(&true)));

        let named = Some(int_map([
            (param::TEMPLATE_ID, Some(bytes(&id))),
            (param::TEMPLATE_FRIENDLY_NAME, Some(text("right thumb"))),
        ]));
        assert_eq!(e.call(&mut state, sub::SET_FRIENDLY_NAME, named), Ok(Value::Null));
        let list = e.call(&mut state, sub::ENUMERATE_ENROLLMENTS, None).unwrap();
        let Some(Value::Array(infos)) = MapView::new(&list, "l").unwrap().get(response::TEMPLATE_INFOS).cloned() else {
            panic!()
        };
        assert_eq!(
            infos,
            vec![int_map([
                (param::TEMPLATE_ID, Some(bytes(&id))),
                (param::TEMPLATE_FRIENDLY_NAME, Some(text("right thumb")))
            ])]
        );
        assert_eq!(e.call(&mut state, sub::REMOVE_ENROLLMENT, Enroller::id_param(b"nope")), Err(code::INVALID_OPTION));
        assert_eq!(e.call(&mut state, sub::REMOVE_ENROLLMENT, Enroller::id_param(&id)), Ok(Value::Null));
        assert_eq!(e.call(&mut state, sub::ENUMERATE_ENROLLMENTS, None), Err(code::INVALID_OPTION));

        // A token without be, and a timed-out capture.
        let mc_token = pin_token(&mut state, V2, b"1234", Some(MC), None);
        let wrong = Enroller { token: mc_token, ..e };
        assert_eq!(wrong.call(&mut state, sub::ENROLL_BEGIN, None), Err(code::PIN_AUTH_INVALID));
        let mut state = bio_key(Profile::Ctap21, &[Some(0), None], true);
        let e = enroller(&mut state);
        let begin = e.call(&mut state, sub::ENROLL_BEGIN, None).unwrap();
        let id = MapView::new(&begin, "b").unwrap().req_bytes(response::TEMPLATE_ID).unwrap().to_vec();
        assert_eq!(
            e.call(&mut state, sub::ENROLL_CAPTURE_NEXT_SAMPLE, Enroller::id_param(&id)),
            Err(code::USER_ACTION_TIMEOUT)
        );
        assert!(state.bio.enrollments.is_empty());

        // Cancelling needs no token, and ends the enrollment.
        let begin = e.call(&mut state, sub::ENROLL_BEGIN, None).unwrap();
        let id = MapView::new(&begin, "b").unwrap().req_bytes(response::TEMPLATE_ID).unwrap().to_vec();
        let cancel = int_map([
            (field::MODALITY, Some(uint(1))),
            (field::SUB_COMMAND, Some(uint(u64::from(sub::CANCEL_CURRENT_ENROLLMENT)))),
        ]);
        assert_eq!(send(&mut state, command::BIO_ENROLLMENT, Some(&cancel), &mut Person::approving()), Ok(Value::Null));
        assert_eq!(
            e.call(&mut state, sub::ENROLL_CAPTURE_NEXT_SAMPLE, Enroller::id_param(&id)),
            Err(code::INVALID_PARAMETER)
        );
    }

    fn enrolled(profile: Profile, uv_match: bool) -> KeyState {
        let mut state = bio_key(profile, &[], uv_match);
        state.bio.enrollments.push(Enrollment { template_id: vec![1, 2, 3, 4], name: None });
        state
    }

    #[test]
    fn built_in_uv_for_make_credential_and_get_assertion() {
        let mut state = enrolled(Profile::Ctap21, true);
        let mut request = mc_request(RP, b"u", true);
        set(
            &mut request,
            mc::OPTIONS,
            Some(Value::Map(vec![(text("rk"), Value::Bool(true)), (text("uv"), Value::Bool(true))])),
        );
        let att = make_credential(&mut state, &request, &mut Person::approving()).unwrap();
        assert_ne!(att.auth_data.encoded_flags() & crate::proto::auth_data::FLAG_UV, 0);
        let ga_request = int_map([
            (ga::RP_ID, Some(text(RP))),
            (ga::CLIENT_DATA_HASH, Some(bytes(&CDH))),
            (ga::OPTIONS, Some(Value::Map(vec![(text("uv"), Value::Bool(true))]))),
        ]);
        let answer = send(&mut state, command::GET_ASSERTION, Some(&ga_request), &mut Person::approving()).unwrap();
        let auth_data = MapView::new(&answer, "a").unwrap().req_bytes(ga::response::AUTH_DATA).unwrap().to_vec();
        assert_ne!(auth_data[32] & crate::proto::auth_data::FLAG_UV, 0);
        // No finger enrolled: no built-in UV.
        let mut bare = bio_key(Profile::Ctap21, &[], true);
        assert_eq!(make_credential(&mut bare, &request, &mut Person::approving()).err(), Some(code::INVALID_OPTION));
    }

    #[test]
    fn uv_retries_count_down_block_and_a_pin_restores_them() {
        let mut state = enrolled(Profile::Ctap21, false);
        set_pin(&mut state, V2, b"1234");
        let retries = |state: &mut KeyState| {
            let answer = pin_call(state, V2, cp_sub::GET_UV_RETRIES, vec![]).unwrap();
            get(&answer, cp::response::UV_RETRIES)
        };
        assert_eq!(retries(&mut state), Some(5));
        let uv_token = |state: &mut KeyState| {
            let platform = Platform::new(state, V2);
            let request = int_map([
                (cp::PIN_UV_AUTH_PROTOCOL, Some(uint(2))),
                (cp::SUB_COMMAND, Some(uint(u64::from(cp_sub::GET_TOKEN_USING_UV_WITH_PERMISSIONS)))),
                (cp::KEY_AGREEMENT, Some(platform.cose())),
                (cp::PERMISSIONS, Some(uint(GA))),
            ]);
            send(state, command::CLIENT_PIN, Some(&request), &mut Person::approving()).map(|_| ())
        };
        for left in (1..5).rev() {
            assert_eq!(uv_token(&mut state), Err(code::UV_INVALID));
            assert_eq!(retries(&mut state), Some(left));
        }
        assert_eq!(uv_token(&mut state), Err(code::UV_BLOCKED));
        assert_eq!(uv_token(&mut state), Err(code::UV_BLOCKED));
        assert_eq!(retries(&mut state), Some(0));
        pin_token(&mut state, V2, b"1234", Some(GA), None);
        assert_eq!(retries(&mut state), Some(5));
        state.enumerations.sensor.as_mut().unwrap().uv_match = true;
        assert_eq!(uv_token(&mut state), Ok(()));
    }

    #[test]
    fn preview_0x40_and_which_profiles_answer() {
        // ctap2.1-pre: only the preview, with a getPinToken token (no permissions there).
        let mut state = bio_key(Profile::Ctap21Pre, &[], true);
        set_pin(&mut state, V1, b"1234");
        let token = pin_token(&mut state, V1, b"1234", None, None);
        let e = Enroller { command: command::BIO_ENROLLMENT_PREVIEW, p: PinProtocol::V1, token };
        let begin = e.call(&mut state, sub::ENROLL_BEGIN, None).unwrap();
        assert!(MapView::new(&begin, "b").unwrap().get(response::TEMPLATE_ID).is_some());
        let plain = Enroller { command: command::BIO_ENROLLMENT, ..e };
        assert_eq!(plain.call(&mut state, sub::ENROLL_BEGIN, None), Err(code::INVALID_COMMAND));
        assert_eq!(
            crate::virtual_key::profile::get_info(&state).options.get("userVerificationMgmtPreview"),
            Some(&false)
        );
        // ctap2.1: both; a key without a sensor: neither.
        let mut state = bio_key(Profile::Ctap21, &[], true);
        let e = enroller(&mut state);
        for command_byte in [command::BIO_ENROLLMENT, command::BIO_ENROLLMENT_PREVIEW] {
            let e = Enroller { command: command_byte, p: V2, token: e.token.clone() };
            assert!(e.call(&mut state, sub::ENROLL_BEGIN, None).is_ok(), "{command_byte:#x}");
        }
        state.identity.bio = false;
        assert_eq!(e.call(&mut state, sub::ENROLL_BEGIN, None), Err(code::INVALID_COMMAND));
    }
}
