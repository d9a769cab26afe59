//! authenticatorBioEnrollment as typed calls: sensor info, enrollment sample by sample,
//! cancel, enumerate, rename, remove. 0x09 or the FIDO_2_1_PRE prototype 0x40, chosen from
//! getInfo options (bioEnroll / userVerificationMgmtPreview), never from version strings.

use super::uv_auth::UvAuth;
use super::{Authenticator, Call, ClientError};
use crate::proto::bio::{self, param, request as req, response as resp, sub, FingerprintKind, SampleStatus};
use crate::proto::cbor::{self, MapView};
use crate::proto::ctap2::command;
use crate::proto::status::CtapStatus;
use ciborium::value::Value;

/// Bounds on what a key may send back: real sensors hold a few dozen templates with short ids.
const MAX_TEMPLATES: usize = 256;
const MAX_TEMPLATE_ID: usize = 255;
const MAX_NAME_BYTES: usize = 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Standard,
    Preview,
}

impl Flavor {
    pub fn command(self) -> u8 {
        match self {
            Flavor::Standard => command::BIO_ENROLLMENT,
            Flavor::Preview => command::BIO_ENROLLMENT_PREVIEW,
        }
    }

    /// From getInfo options: present at all (true: fingerprints enrolled, false: none yet).
    pub fn from_info(info: &crate::proto::get_info::AuthenticatorInfo) -> Option<Flavor> {
        if info.option(bio::OPTION_BIO_ENROLL).is_some() {
            Some(Flavor::Standard)
        } else if info.option(bio::OPTION_BIO_ENROLL_PREVIEW).is_some() {
            Some(Flavor::Preview)
        } else {
            None
        }
    }
}

/// One bioEnrollment exchange; the authenticator in use, or a test double.
pub trait BioExchange {
    /// `waits_for_finger`: the key holds the answer until a finger is on the sensor.
    fn bio(&mut self, command: u8, request: &Value, waits_for_finger: bool) -> Result<Option<Value>, ClientError>;
}

impl BioExchange for Authenticator {
    fn bio(&mut self, command: u8, request: &Value, waits_for_finger: bool) -> Result<Option<Value>, ClientError> {
        self.call(command, Some(request), Call { may_need_touch: waits_for_finger, sensitive: false })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SensorInfo {
    pub modality: u64,
    pub kind: FingerprintKind,
    pub samples_required: u64,
    /// Longest friendly name the key stores, in bytes (the spec's default is 64).
    pub max_name_bytes: Option<u64>,
}

/// What the sensor said about one sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    pub status: SampleStatus,
    pub remaining: u64,
}

impl Sample {
    pub fn is_last(&self) -> bool {
        self.remaining == 0
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub id: Vec<u8>,
    pub name: Option<String>,
}

pub struct BioEnrollment<'a, E: BioExchange + ?Sized> {
    exchange: &'a mut E,
    flavor: Flavor,
}

impl<'a> BioEnrollment<'a, Authenticator> {
    /// `ClientError::Unsupported` when getInfo announces no bio enrollment.
    pub fn open(auth: &'a mut Authenticator) -> Result<Self, ClientError> {
        let flavor = Flavor::from_info(auth.info()?)
            .ok_or_else(|| ClientError::Unsupported("this key has no fingerprint sensor to manage".into()))?;
        Ok(BioEnrollment { exchange: auth, flavor })
    }
}

impl<'a, E: BioExchange + ?Sized> BioEnrollment<'a, E> {
    pub fn with_flavor(exchange: &'a mut E, flavor: Flavor) -> Self {
        BioEnrollment { exchange, flavor }
    }

    pub fn flavor(&self) -> Flavor {
        self.flavor
    }

    fn call(
        &mut self,
        token: Option<&dyn UvAuth>,
        sub_command: u8,
        params: Option<Value>,
        waits_for_finger: bool,
    ) -> Result<Option<Value>, ClientError> {
        let request = request(token, sub_command, params);
        self.exchange.bio(self.flavor.command(), &request, waits_for_finger)
    }

    fn answer(
        &mut self,
        token: Option<&dyn UvAuth>,
        sub_command: u8,
        params: Option<Value>,
        waits: bool,
        what: &str,
    ) -> Result<Value, ClientError> {
        self.call(token, sub_command, params, waits)?
            .ok_or_else(|| ClientError::Malformed(format!("the key's {what} answer is empty")))
    }

    /// getModality: which kind of user verification the key enrolls (1: fingerprint).
    pub fn modality(&mut self) -> Result<u64, ClientError> {
        let request = cbor::int_map([(req::GET_MODALITY, Some(Value::Bool(true)))]);
        let answer = self
            .exchange
            .bio(self.flavor.command(), &request, false)?
            .ok_or_else(|| ClientError::Malformed("the key's getModality answer is empty".into()))?;
        Ok(MapView::new(&answer, "getModality")?.req_u64(resp::MODALITY)?)
    }

    /// getFingerprintSensorInfo (needs no token).
    pub fn sensor_info(&mut self) -> Result<SensorInfo, ClientError> {
        let answer = self.answer(None, sub::GET_FINGERPRINT_SENSOR_INFO, None, false, "sensor info")?;
        let m = MapView::new(&answer, "getFingerprintSensorInfo")?;
        Ok(SensorInfo {
            modality: m.opt_u64(resp::MODALITY)?.unwrap_or(u64::from(bio::MODALITY_FINGERPRINT)),
            kind: FingerprintKind::from_u64(m.req_u64(resp::FINGERPRINT_KIND)?),
            samples_required: m.req_u64(resp::MAX_CAPTURE_SAMPLES_REQUIRED_FOR_ENROLL)?,
            max_name_bytes: m.opt_u64(resp::MAX_TEMPLATE_FRIENDLY_NAME)?,
        })
    }

    /// enrollBegin: the key waits for the first sample and names the new template.
    pub fn enroll_begin(
        &mut self,
        token: &dyn UvAuth,
        timeout_ms: Option<u32>,
    ) -> Result<(Vec<u8>, Sample), ClientError> {
        let params = timeout_ms.map(|t| cbor::int_map([(param::TIMEOUT_MILLISECONDS, Some(cbor::uint(u64::from(t))))]));
        let answer = self.answer(Some(token), sub::ENROLL_BEGIN, params, true, "enrollBegin")?;
        let m = MapView::new(&answer, "enrollBegin")?;
        let id = template_id(m.req_bytes(resp::TEMPLATE_ID)?)?;
        Ok((id, sample(&m)?))
    }

    /// enrollCaptureNextSample for the template enrollBegin named.
    pub fn enroll_capture_next(
        &mut self,
        token: &dyn UvAuth,
        template_id: &[u8],
        timeout_ms: Option<u32>,
    ) -> Result<Sample, ClientError> {
        let params = cbor::int_map([
            (param::TEMPLATE_ID, Some(cbor::bytes(template_id))),
            (param::TIMEOUT_MILLISECONDS, timeout_ms.map(|t| cbor::uint(u64::from(t)))),
        ]);
        let answer =
            self.answer(Some(token), sub::ENROLL_CAPTURE_NEXT_SAMPLE, Some(params), true, "enrollCaptureNextSample")?;
        sample(&MapView::new(&answer, "enrollCaptureNextSample")?)
    }

    /// cancelCurrentEnrollment (needs no token).
    pub fn cancel(&mut self) -> Result<(), ClientError> {
        self.call(None, sub::CANCEL_CURRENT_ENROLLMENT, None, false).map(|_| ())
    }

    /// enumerateEnrollments; a key with none answers INVALID_OPTION, which is an empty list.
    pub fn enumerate(&mut self, token: &dyn UvAuth) -> Result<Vec<Template>, ClientError> {
        let answer = match self.call(Some(token), sub::ENUMERATE_ENROLLMENTS, None, false) {
            Err(ClientError::Status { status: CtapStatus::InvalidOption, .. }) => return Ok(vec![]),
            other => {
                other?.ok_or_else(|| ClientError::Malformed("the key's enumerateEnrollments answer is empty".into()))?
            }
        };
        let m = MapView::new(&answer, "enumerateEnrollments")?;
        let infos = m.opt_array(resp::TEMPLATE_INFOS)?.unwrap_or(&[]);
        if infos.len() > MAX_TEMPLATES {
            return Err(ClientError::Malformed(format!("the key lists {} fingerprints", infos.len())));
        }
        infos
            .iter()
            .map(|v| {
                let t = MapView::new(v, "templateInfo")?;
                let name = t.opt_text(bio::template_info::FRIENDLY_NAME)?;
                if name.is_some_and(|n| n.len() > MAX_NAME_BYTES) {
                    return Err(ClientError::Malformed("a fingerprint's name is implausibly long".into()));
                }
                Ok(Template { id: template_id(t.req_bytes(bio::template_info::ID)?)?, name: name.map(String::from) })
            })
            .collect()
    }

    /// setFriendlyName.
    pub fn set_friendly_name(&mut self, token: &dyn UvAuth, template_id: &[u8], name: &str) -> Result<(), ClientError> {
        let params = cbor::int_map([
            (param::TEMPLATE_ID, Some(cbor::bytes(template_id))),
            (param::TEMPLATE_FRIENDLY_NAME, Some(cbor::text(name))),
        ]);
        self.call(Some(token), sub::SET_FRIENDLY_NAME, Some(params), false).map(|_| ())
    }

    /// removeEnrollment.
    pub fn remove(&mut self, token: &dyn UvAuth, template_id: &[u8]) -> Result<(), ClientError> {
        let params = cbor::int_map([(param::TEMPLATE_ID, Some(cbor::bytes(template_id)))]);
        self.call(Some(token), sub::REMOVE_ENROLLMENT, Some(params), false).map(|_| ())
    }
}

/// A bioEnrollment request; with a token, pinUvAuthParam = authenticate(token, modality ‖
/// subCommand ‖ CBOR(subCommandParams)).
pub fn request(token: Option<&dyn UvAuth>, sub_command: u8, params: Option<Value>) -> Value {
    let auth = token.map(|t| {
        let encoded = params.as_ref().map(cbor::encode);
        let message = bio::auth_message(bio::MODALITY_FINGERPRINT, sub_command, encoded.as_deref());
        (t.protocol_number(), t.authenticate(&message))
    });
    cbor::int_map([
        (req::MODALITY, Some(cbor::uint(u64::from(bio::MODALITY_FINGERPRINT)))),
        (req::SUB_COMMAND, Some(cbor::uint(u64::from(sub_command)))),
        (req::SUB_COMMAND_PARAMS, params),
        (req::PIN_UV_AUTH_PROTOCOL, auth.as_ref().map(|(n, _)| cbor::uint(u64::from(*n)))),
        (req::PIN_UV_AUTH_PARAM, auth.as_ref().map(|(_, p)| cbor::bytes(p))),
    ])
}

fn sample(m: &MapView) -> Result<Sample, ClientError> {
    Ok(Sample {
        status: SampleStatus::from_u64(m.req_u64(resp::LAST_ENROLL_SAMPLE_STATUS)?),
        remaining: m.req_u64(resp::REMAINING_SAMPLES)?,
    })
}

fn template_id(id: &[u8]) -> Result<Vec<u8>, ClientError> {
    if id.is_empty() || id.len() > MAX_TEMPLATE_ID {
        return Err(ClientError::Malformed(format!("the key sent a {}-byte fingerprint id", id.len())));
    }
    Ok(id.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::uv_auth::python_test_token;

    /// Records requests and answers from a script.
    struct Scripted {
        sent: Vec<(u8, Value, bool)>,
        answers: Vec<Result<Option<Value>, ClientError>>,
    }

    impl Scripted {
        fn new(answers: Vec<Result<Option<Value>, ClientError>>) -> Scripted {
            Scripted { sent: vec![], answers }
        }
        fn last_hex(&self) -> String {
            let (cmd, v, _) = self.sent.last().unwrap();
            format!("{cmd:02x}{}", hex::encode(cbor::encode(v)))
        }
    }

    impl BioExchange for Scripted {
        fn bio(&mut self, command: u8, request: &Value, waits: bool) -> Result<Option<Value>, ClientError> {
            self.sent.push((command, request.clone(), waits));
            if self.answers.is_empty() {
                Ok(None)
            } else {
                self.answers.remove(0)
            }
        }
    }

    fn map(entries: Vec<(i64, Value)>) -> Result<Option<Value>, ClientError> {
        Ok(Some(cbor::int_map(entries.into_iter().map(|(k, v)| (k, Some(v))))))
    }

    const TID: [u8; 2] = [0x11, 0x22];

    // The expected bytes below are what python-fido2 2.2.1's FPBioEnrollment sent for the same
    // calls (token bytes(range(0x40, 0x60)), PIN/UV protocol 2, template id 11 22), captured by
    // replacing Ctap2.send_cbor with a recorder.
    #[test]
    fn requests_match_python_fido2() {
        let t = python_test_token();
        let mut key = Scripted::new(vec![]);
        let mut b = BioEnrollment::with_flavor(&mut key, Flavor::Standard);
        let _ = b.cancel();
        assert_eq!(key.last_hex(), "09a201010203");
        let mut b = BioEnrollment::with_flavor(&mut key, Flavor::Standard);
        let _ = b.set_friendly_name(&t, &TID, "Left index");
        assert_eq!(key.last_hex(), "09a50101020503a201421122026a4c65667420696e64657804020558209a632202e99b7e64d91854584cbdfc15e9c4224755389070e59984395b548b13");
        let mut b = BioEnrollment::with_flavor(&mut key, Flavor::Standard);
        let _ = b.remove(&t, &TID);
        assert_eq!(
            key.last_hex(),
            "09a50101020603a1014211220402055820d362f93bac6d81a2799ce2fe59422917dc8ab836ab5f1fb38d0ab7760eacb6c1"
        );
        let mut b = BioEnrollment::with_flavor(&mut key, Flavor::Standard);
        let _ = b.enumerate(&t);
        assert_eq!(
            key.last_hex(),
            "09a40101020404020558201c92ee2c2d055d665bab0dc8941099ffe6eca048b5354c5657e5df658eb5286e"
        );
        let mut b = BioEnrollment::with_flavor(&mut key, Flavor::Standard);
        let _ = b.enroll_begin(&t, Some(10000));
        assert_eq!(
            key.last_hex(),
            "09a50101020103a103192710040205582028739bfc23f91fe3b3a9ea2aa962c4eafcb41998a9fe4c5064b645d049e9a1a9"
        );
        let mut b = BioEnrollment::with_flavor(&mut key, Flavor::Standard);
        let _ = b.enroll_begin(&t, None);
        assert_eq!(
            key.last_hex(),
            "09a4010102010402055820a9fb01983792ca99b7d08035fa4a99a5746dcde8747f1e5182f4c709255cb7ed"
        );
        let mut b = BioEnrollment::with_flavor(&mut key, Flavor::Standard);
        let _ = b.enroll_capture_next(&t, &TID, Some(10000));
        assert_eq!(key.last_hex(), "09a50101020203a201421122031927100402055820d9b40b9f9575731bb3c2a382cf86f976c5710a70d291aa127152ccc62f6836c7");
        let mut b = BioEnrollment::with_flavor(&mut key, Flavor::Standard);
        let _ = b.sensor_info();
        assert_eq!(key.last_hex(), "09a201010207");
        let mut b = BioEnrollment::with_flavor(&mut key, Flavor::Standard);
        let _ = b.modality();
        assert_eq!(key.last_hex(), "09a106f5");
        // Only the enroll calls wait for a finger.
        let waits: Vec<bool> = key.sent.iter().map(|s| s.2).collect();
        assert_eq!(waits, vec![false, false, false, false, true, true, true, false, false]);
    }

    #[test]
    fn preview_keys_get_0x40() {
        let mut key = Scripted::new(vec![]);
        let _ = BioEnrollment::with_flavor(&mut key, Flavor::Preview).cancel();
        assert_eq!(key.last_hex(), "40a201010203");
    }

    #[test]
    fn flavor_comes_from_options_not_versions() {
        use crate::proto::get_info::AuthenticatorInfo;
        let mut info = AuthenticatorInfo { versions: vec!["FIDO_2_1".into()], ..Default::default() };
        assert_eq!(Flavor::from_info(&info), None);
        info.options.insert("userVerificationMgmtPreview".into(), false);
        assert_eq!(Flavor::from_info(&info), Some(Flavor::Preview));
        info.options.insert("bioEnroll".into(), false);
        assert_eq!(Flavor::from_info(&info), Some(Flavor::Standard));
        let mut pre_only = AuthenticatorInfo { versions: vec!["FIDO_2_1_PRE".into()], ..Default::default() };
        assert_eq!(Flavor::from_info(&pre_only), None);
        pre_only.options.insert("userVerificationMgmtPreview".into(), true);
        assert_eq!(Flavor::from_info(&pre_only), Some(Flavor::Preview));
    }

    #[test]
    fn enrollment_answers_are_typed() {
        let t = python_test_token();
        let mut key = Scripted::new(vec![
            map(vec![
                (resp::TEMPLATE_ID, cbor::bytes(&TID)),
                (resp::LAST_ENROLL_SAMPLE_STATUS, cbor::uint(0)),
                (resp::REMAINING_SAMPLES, cbor::uint(2)),
            ]),
            map(vec![(resp::LAST_ENROLL_SAMPLE_STATUS, cbor::uint(5)), (resp::REMAINING_SAMPLES, cbor::uint(2))]),
            map(vec![(resp::LAST_ENROLL_SAMPLE_STATUS, cbor::uint(0)), (resp::REMAINING_SAMPLES, cbor::uint(0))]),
        ]);
        let mut b = BioEnrollment::with_flavor(&mut key, Flavor::Standard);
        let (id, first) = b.enroll_begin(&t, None).unwrap();
        assert_eq!((id.as_slice(), first), (&TID[..], Sample { status: SampleStatus::Good, remaining: 2 }));
        let too_fast = b.enroll_capture_next(&t, &id, None).unwrap();
        assert_eq!(too_fast, Sample { status: SampleStatus::TooFast, remaining: 2 });
        assert!(!too_fast.is_last());
        assert!(b.enroll_capture_next(&t, &id, None).unwrap().is_last());
    }

    #[test]
    fn sensor_info_and_enumeration() {
        let t = python_test_token();
        let mut key = Scripted::new(vec![
            map(vec![
                (resp::MODALITY, cbor::uint(1)),
                (resp::FINGERPRINT_KIND, cbor::uint(1)),
                (resp::MAX_CAPTURE_SAMPLES_REQUIRED_FOR_ENROLL, cbor::uint(4)),
                (resp::MAX_TEMPLATE_FRIENDLY_NAME, cbor::uint(15)),
            ]),
            map(vec![(
                resp::TEMPLATE_INFOS,
                Value::Array(vec![
                    cbor::int_map([(1, Some(cbor::bytes(&TID))), (2, Some(cbor::text("Left index")))]),
                    cbor::int_map([(1, Some(cbor::bytes(&[0x33])))]),
                ]),
            )]),
            Err(ClientError::Status { command: 0x09, status: CtapStatus::InvalidOption }),
            Err(ClientError::Status { command: 0x09, status: CtapStatus::PinAuthInvalid }),
        ]);
        let mut b = BioEnrollment::with_flavor(&mut key, Flavor::Standard);
        assert_eq!(
            b.sensor_info().unwrap(),
            SensorInfo { modality: 1, kind: FingerprintKind::Touch, samples_required: 4, max_name_bytes: Some(15) }
        );
        assert_eq!(
            b.enumerate(&t).unwrap(),
            vec![
                Template { id: TID.to_vec(), name: Some("Left index".into()) },
                Template { id: vec![0x33], name: None }
            ]
        );
        assert_eq!(b.enumerate(&t).unwrap(), vec![], "INVALID_OPTION: nothing enrolled");
        assert_eq!(b.enumerate(&t).unwrap_err().ctap_status(), Some(CtapStatus::PinAuthInvalid));
    }

    #[test]
    fn hostile_answers_are_errors_not_panics() {
        let t = python_test_token();
        let many = Value::Array(vec![cbor::int_map([(1, Some(cbor::bytes(&[1])))]); MAX_TEMPLATES + 1]);
        for answer in [
            Ok(None),
            Ok(Some(cbor::text("not a map"))),
            map(vec![(resp::TEMPLATE_INFOS, many)]),
            map(vec![(resp::TEMPLATE_INFOS, Value::Array(vec![cbor::int_map([(1, Some(cbor::bytes(&[])))])]))]),
            map(vec![(resp::TEMPLATE_INFOS, Value::Array(vec![cbor::int_map([(1, Some(cbor::bytes(&[0; 256])))])]))]),
            map(vec![(resp::TEMPLATE_INFOS, Value::Array(vec![cbor::uint(1)]))]),
            map(vec![(
                resp::TEMPLATE_INFOS,
                Value::Array(vec![cbor::int_map([
                    (1, Some(cbor::bytes(&[1]))),
                    (2, Some(cbor::text(&"n".repeat(2000)))),
                ])]),
            )]),
        ] {
            let mut key = Scripted::new(vec![answer]);
            let e = BioEnrollment::with_flavor(&mut key, Flavor::Standard).enumerate(&t).unwrap_err();
            assert!(matches!(e, ClientError::Malformed(_)), "{e:?}");
        }
        for answer in [
            Ok(None),
            map(vec![(resp::TEMPLATE_ID, cbor::bytes(&TID)), (resp::REMAINING_SAMPLES, cbor::uint(1))]),
            map(vec![
                (resp::TEMPLATE_ID, cbor::text("x")),
                (resp::LAST_ENROLL_SAMPLE_STATUS, cbor::uint(0)),
                (resp::REMAINING_SAMPLES, cbor::uint(1)),
            ]),
            map(vec![
                (resp::TEMPLATE_ID, cbor::bytes(&TID)),
                (resp::LAST_ENROLL_SAMPLE_STATUS, cbor::int(-1)),
                (resp::REMAINING_SAMPLES, cbor::uint(1)),
            ]),
        ] {
            let mut key = Scripted::new(vec![answer]);
            assert!(BioEnrollment::with_flavor(&mut key, Flavor::Standard).enroll_begin(&t, None).is_err());
        }
        // A status beyond the spec's list is kept, not refused.
        let mut key = Scripted::new(vec![map(vec![
            (resp::LAST_ENROLL_SAMPLE_STATUS, cbor::uint(0x99)),
            (resp::REMAINING_SAMPLES, cbor::uint(1)),
        ])]);
        let s = BioEnrollment::with_flavor(&mut key, Flavor::Standard).enroll_capture_next(&t, &TID, None).unwrap();
        assert_eq!(s.status, SampleStatus::Other(0x99));
    }
}
