//! authenticatorBioEnrollment (0x09, and the FIDO_2_1_PRE prototype 0x40): request and
//! response keys, subcommands, modality, sensor kinds and sample statuses. Names only: what
//! a status means for the person at the sensor is said by the output layer.

/// Request keys.
pub mod request {
    pub const MODALITY: i64 = 0x01;
    pub const SUB_COMMAND: i64 = 0x02;
    pub const SUB_COMMAND_PARAMS: i64 = 0x03;
    pub const PIN_UV_AUTH_PROTOCOL: i64 = 0x04;
    pub const PIN_UV_AUTH_PARAM: i64 = 0x05;
    pub const GET_MODALITY: i64 = 0x06;
}

/// subCommandParams keys.
pub mod param {
    pub const TEMPLATE_ID: i64 = 0x01;
    pub const TEMPLATE_FRIENDLY_NAME: i64 = 0x02;
    pub const TIMEOUT_MILLISECONDS: i64 = 0x03;
}

/// Response keys.
pub mod response {
    pub const MODALITY: i64 = 0x01;
    pub const FINGERPRINT_KIND: i64 = 0x02;
    pub const MAX_CAPTURE_SAMPLES_REQUIRED_FOR_ENROLL: i64 = 0x03;
    pub const TEMPLATE_ID: i64 = 0x04;
    pub const LAST_ENROLL_SAMPLE_STATUS: i64 = 0x05;
    pub const REMAINING_SAMPLES: i64 = 0x06;
    pub const TEMPLATE_INFOS: i64 = 0x07;
    pub const MAX_TEMPLATE_FRIENDLY_NAME: i64 = 0x08;
}

/// Keys of one templateInfo map.
pub mod template_info {
    pub const ID: i64 = 0x01;
    pub const FRIENDLY_NAME: i64 = 0x02;
}

pub mod sub {
    pub const ENROLL_BEGIN: u8 = 0x01;
    pub const ENROLL_CAPTURE_NEXT_SAMPLE: u8 = 0x02;
    pub const CANCEL_CURRENT_ENROLLMENT: u8 = 0x03;
    pub const ENUMERATE_ENROLLMENTS: u8 = 0x04;
    pub const SET_FRIENDLY_NAME: u8 = 0x05;
    pub const REMOVE_ENROLLMENT: u8 = 0x06;
    pub const GET_FINGERPRINT_SENSOR_INFO: u8 = 0x07;
}

/// The only modality the spec defines.
pub const MODALITY_FINGERPRINT: u8 = 0x01;

/// Which getInfo options announce the command (never the version strings).
pub const OPTION_BIO_ENROLL: &str = "bioEnroll";
pub const OPTION_BIO_ENROLL_PREVIEW: &str = "userVerificationMgmtPreview";

/// What pinUvAuthParam authenticates: modality ‖ subCommand ‖ CBOR(subCommandParams)
/// (no 32×0xff prefix, unlike config and largeBlobs).
pub fn auth_message(modality: u8, sub: u8, encoded_params: Option<&[u8]>) -> Vec<u8> {
    let mut message = vec![modality, sub];
    if let Some(p) = encoded_params {
        message.extend_from_slice(p);
    }
    message
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FingerprintKind {
    Touch,
    Swipe,
    Other(u64),
}

impl FingerprintKind {
    pub fn from_u64(v: u64) -> FingerprintKind {
        match v {
            1 => FingerprintKind::Touch,
            2 => FingerprintKind::Swipe,
            other => FingerprintKind::Other(other),
        }
    }

    pub fn to_u64(self) -> u64 {
        match self {
            FingerprintKind::Touch => 1,
            FingerprintKind::Swipe => 2,
            FingerprintKind::Other(v) => v,
        }
    }
}

/// lastEnrollSampleStatus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SampleStatus {
    Good,
    TooHigh,
    TooLow,
    TooLeft,
    TooRight,
    TooFast,
    TooSlow,
    PoorQuality,
    TooSkewed,
    TooShort,
    MergeFailure,
    Exists,
    DatabaseFull,
    NoUserActivity,
    NoUserPresenceTransition,
    /// A value the spec does not define (vendors, later versions).
    Other(u8),
}

/// Every defined status in code order (0x00–0x0E).
pub const SAMPLE_STATUSES: [SampleStatus; 15] = [
    SampleStatus::Good,
    SampleStatus::TooHigh,
    SampleStatus::TooLow,
    SampleStatus::TooLeft,
    SampleStatus::TooRight,
    SampleStatus::TooFast,
    SampleStatus::TooSlow,
    SampleStatus::PoorQuality,
    SampleStatus::TooSkewed,
    SampleStatus::TooShort,
    SampleStatus::MergeFailure,
    SampleStatus::Exists,
    SampleStatus::DatabaseFull,
    SampleStatus::NoUserActivity,
    SampleStatus::NoUserPresenceTransition,
];

impl SampleStatus {
    pub fn from_code(code: u8) -> SampleStatus {
        SAMPLE_STATUSES.get(usize::from(code)).copied().unwrap_or(SampleStatus::Other(code))
    }

    /// A sample status arrives as a CBOR unsigned; anything above 0xff is `Other(0xff)`.
    pub fn from_u64(v: u64) -> SampleStatus {
        SampleStatus::from_code(u8::try_from(v).unwrap_or(u8::MAX))
    }

    pub fn code(self) -> u8 {
        match self {
            SampleStatus::Other(c) => c,
            known => SAMPLE_STATUSES.iter().position(|s| *s == known).map(|i| i as u8).unwrap_or(u8::MAX),
        }
    }

    /// The name the specification uses.
    pub fn name(self) -> &'static str {
        match self {
            SampleStatus::Good => "CTAP2_ENROLL_FEEDBACK_FP_GOOD",
            SampleStatus::TooHigh => "CTAP2_ENROLL_FEEDBACK_FP_TOO_HIGH",
            SampleStatus::TooLow => "CTAP2_ENROLL_FEEDBACK_FP_TOO_LOW",
            SampleStatus::TooLeft => "CTAP2_ENROLL_FEEDBACK_FP_TOO_LEFT",
            SampleStatus::TooRight => "CTAP2_ENROLL_FEEDBACK_FP_TOO_RIGHT",
            SampleStatus::TooFast => "CTAP2_ENROLL_FEEDBACK_FP_TOO_FAST",
            SampleStatus::TooSlow => "CTAP2_ENROLL_FEEDBACK_FP_TOO_SLOW",
            SampleStatus::PoorQuality => "CTAP2_ENROLL_FEEDBACK_FP_POOR_QUALITY",
            SampleStatus::TooSkewed => "CTAP2_ENROLL_FEEDBACK_FP_TOO_SKEWED",
            SampleStatus::TooShort => "CTAP2_ENROLL_FEEDBACK_FP_TOO_SHORT",
            SampleStatus::MergeFailure => "CTAP2_ENROLL_FEEDBACK_FP_MERGE_FAILURE",
            SampleStatus::Exists => "CTAP2_ENROLL_FEEDBACK_FP_EXISTS",
            SampleStatus::DatabaseFull => "CTAP2_ENROLL_FEEDBACK_FP_DATABASE_FULL",
            SampleStatus::NoUserActivity => "CTAP2_ENROLL_FEEDBACK_NO_USER_ACTIVITY",
            SampleStatus::NoUserPresenceTransition => "CTAP2_ENROLL_FEEDBACK_NO_USER_PRESENCE_TRANSITION",
            SampleStatus::Other(_) => "unknown sample status",
        }
    }

    pub fn is_good(self) -> bool {
        self == SampleStatus::Good
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_status_codes_round_trip_in_spec_order() {
        for code in 0u8..=0x0e {
            let s = SampleStatus::from_code(code);
            assert!(!matches!(s, SampleStatus::Other(_)), "{code:#x}");
            assert_eq!(s.code(), code);
        }
        assert_eq!(SampleStatus::from_code(0x05), SampleStatus::TooFast);
        assert_eq!(SampleStatus::from_code(0x07), SampleStatus::PoorQuality);
        assert_eq!(SampleStatus::from_code(0x0e).name(), "CTAP2_ENROLL_FEEDBACK_NO_USER_PRESENCE_TRANSITION");
        assert_eq!(SampleStatus::from_code(0x0f), SampleStatus::Other(0x0f));
        assert_eq!(SampleStatus::from_u64(1 << 40), SampleStatus::Other(0xff));
        assert!(SampleStatus::from_code(0).is_good() && !SampleStatus::from_code(1).is_good());
    }

    #[test]
    fn names_are_distinct() {
        let mut names: Vec<_> = SAMPLE_STATUSES.iter().map(|s| s.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), SAMPLE_STATUSES.len());
    }

    #[test]
    fn fingerprint_kinds() {
        assert_eq!(FingerprintKind::from_u64(1), FingerprintKind::Touch);
        assert_eq!(FingerprintKind::from_u64(2), FingerprintKind::Swipe);
        assert_eq!(FingerprintKind::from_u64(9).to_u64(), 9);
    }

    #[test]
    fn auth_message_has_no_prefix() {
        assert_eq!(auth_message(1, sub::ENUMERATE_ENROLLMENTS, None), vec![1, 4]);
        assert_eq!(
            auth_message(1, sub::REMOVE_ENROLLMENT, Some(&[0xa1, 0x01, 0x41, 0x07])),
            vec![1, 6, 0xa1, 1, 0x41, 7]
        );
    }
}
