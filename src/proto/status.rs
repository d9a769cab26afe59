//! CTAP2 status codes (the first byte of every CTAP2 response) as wire bytes, for the virtual
//! key, and as the `CtapStatus` type the host side works with. The help-desk text for each
//! lives in the command layer (`commands::status_text`).

/// CTAP2 status codes (the first byte of every CTAP2 response).
pub mod code {
    pub const OK: u8 = 0x00;
    pub const INVALID_COMMAND: u8 = 0x01;
    pub const INVALID_PARAMETER: u8 = 0x02;
    pub const INVALID_LENGTH: u8 = 0x03;
    pub const INVALID_SEQ: u8 = 0x04;
    pub const TIMEOUT: u8 = 0x05;
    pub const CHANNEL_BUSY: u8 = 0x06;
    pub const LOCK_REQUIRED: u8 = 0x0A;
    pub const INVALID_CHANNEL: u8 = 0x0B;
    pub const CBOR_UNEXPECTED_TYPE: u8 = 0x11;
    pub const INVALID_CBOR: u8 = 0x12;
    pub const MISSING_PARAMETER: u8 = 0x14;
    pub const LIMIT_EXCEEDED: u8 = 0x15;
    /// CTAP 2.0 only; later versions dropped it, but 2.0 keys still send it.
    pub const UNSUPPORTED_EXTENSION: u8 = 0x16;
    pub const FP_DATABASE_FULL: u8 = 0x17;
    pub const LARGE_BLOB_STORAGE_FULL: u8 = 0x18;
    pub const CREDENTIAL_EXCLUDED: u8 = 0x19;
    pub const PROCESSING: u8 = 0x21;
    pub const INVALID_CREDENTIAL: u8 = 0x22;
    pub const USER_ACTION_PENDING: u8 = 0x23;
    pub const OPERATION_PENDING: u8 = 0x24;
    pub const NO_OPERATIONS: u8 = 0x25;
    pub const UNSUPPORTED_ALGORITHM: u8 = 0x26;
    pub const OPERATION_DENIED: u8 = 0x27;
    pub const KEY_STORE_FULL: u8 = 0x28;
    /// CTAP 2.0 only.
    pub const NOT_BUSY: u8 = 0x29;
    /// CTAP 2.0 only.
    pub const NO_OPERATION_PENDING: u8 = 0x2A;
    pub const UNSUPPORTED_OPTION: u8 = 0x2B;
    pub const INVALID_OPTION: u8 = 0x2C;
    pub const KEEPALIVE_CANCEL: u8 = 0x2D;
    pub const NO_CREDENTIALS: u8 = 0x2E;
    pub const USER_ACTION_TIMEOUT: u8 = 0x2F;
    pub const NOT_ALLOWED: u8 = 0x30;
    pub const PIN_INVALID: u8 = 0x31;
    pub const PIN_BLOCKED: u8 = 0x32;
    pub const PIN_AUTH_INVALID: u8 = 0x33;
    pub const PIN_AUTH_BLOCKED: u8 = 0x34;
    pub const PIN_NOT_SET: u8 = 0x35;
    pub const PUAT_REQUIRED: u8 = 0x36;
    /// The CTAP 2.0 name of 0x36.
    pub const PIN_REQUIRED: u8 = PUAT_REQUIRED;
    pub const PIN_POLICY_VIOLATION: u8 = 0x37;
    /// Reserved since CTAP 2.1; CTAP 2.0 keys use it for an expired PIN token.
    pub const PIN_TOKEN_EXPIRED: u8 = 0x38;
    pub const REQUEST_TOO_LARGE: u8 = 0x39;
    pub const ACTION_TIMEOUT: u8 = 0x3A;
    pub const UP_REQUIRED: u8 = 0x3B;
    pub const UV_BLOCKED: u8 = 0x3C;
    pub const INTEGRITY_FAILURE: u8 = 0x3D;
    pub const INVALID_SUBCOMMAND: u8 = 0x3E;
    pub const UV_INVALID: u8 = 0x3F;
    pub const UNAUTHORIZED_PERMISSION: u8 = 0x40;
    pub const OTHER: u8 = 0x7F;
    /// Marks the end of the standard range; not a real answer.
    pub const SPEC_LAST: u8 = 0xDF;
    pub const EXTENSION_FIRST: u8 = 0xE0;
    pub const EXTENSION_LAST: u8 = 0xEF;
    pub const VENDOR_FIRST: u8 = 0xF0;
    pub const VENDOR_LAST: u8 = 0xFF;
}

macro_rules! statuses {
    ($($variant:ident = $code:ident, $name:literal;)*) => {
        /// A status a key answered with: every CTAP2 status and CTAP1 error the standard
        /// names, and `Unknown` for the rest (extension and vendor codes included).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum CtapStatus {
            $($variant,)*
            Unknown(u8),
        }

        impl From<u8> for CtapStatus {
            fn from(byte: u8) -> CtapStatus {
                match byte {
                    $(code::$code => CtapStatus::$variant,)*
                    other => CtapStatus::Unknown(other),
                }
            }
        }

        impl From<CtapStatus> for u8 {
            fn from(status: CtapStatus) -> u8 {
                status.byte()
            }
        }

        impl CtapStatus {
            /// Every named status, in code order.
            pub const NAMED: &'static [CtapStatus] = &[$(CtapStatus::$variant,)*];

            pub const fn byte(self) -> u8 {
                match self {
                    $(CtapStatus::$variant => code::$code,)*
                    CtapStatus::Unknown(other) => other,
                }
            }

            /// The specification's name ("CTAP2_ERR_PIN_INVALID"); `None` for codes it does
            /// not name.
            pub fn spec_name(self) -> Option<&'static str> {
                match self {
                    $(CtapStatus::$variant => Some($name),)*
                    CtapStatus::Unknown(_) => None,
                }
            }
        }
    };
}

statuses! {
    Ok = OK, "CTAP2_OK";
    InvalidCommand = INVALID_COMMAND, "CTAP1_ERR_INVALID_COMMAND";
    InvalidParameter = INVALID_PARAMETER, "CTAP1_ERR_INVALID_PARAMETER";
    InvalidLength = INVALID_LENGTH, "CTAP1_ERR_INVALID_LENGTH";
    InvalidSeq = INVALID_SEQ, "CTAP1_ERR_INVALID_SEQ";
    Timeout = TIMEOUT, "CTAP1_ERR_TIMEOUT";
    ChannelBusy = CHANNEL_BUSY, "CTAP1_ERR_CHANNEL_BUSY";
    LockRequired = LOCK_REQUIRED, "CTAP1_ERR_LOCK_REQUIRED";
    InvalidChannel = INVALID_CHANNEL, "CTAP1_ERR_INVALID_CHANNEL";
    CborUnexpectedType = CBOR_UNEXPECTED_TYPE, "CTAP2_ERR_CBOR_UNEXPECTED_TYPE";
    InvalidCbor = INVALID_CBOR, "CTAP2_ERR_INVALID_CBOR";
    MissingParameter = MISSING_PARAMETER, "CTAP2_ERR_MISSING_PARAMETER";
    LimitExceeded = LIMIT_EXCEEDED, "CTAP2_ERR_LIMIT_EXCEEDED";
    UnsupportedExtension = UNSUPPORTED_EXTENSION, "CTAP2_ERR_UNSUPPORTED_EXTENSION";
    FpDatabaseFull = FP_DATABASE_FULL, "CTAP2_ERR_FP_DATABASE_FULL";
    LargeBlobStorageFull = LARGE_BLOB_STORAGE_FULL, "CTAP2_ERR_LARGE_BLOB_STORAGE_FULL";
    CredentialExcluded = CREDENTIAL_EXCLUDED, "CTAP2_ERR_CREDENTIAL_EXCLUDED";
    Processing = PROCESSING, "CTAP2_ERR_PROCESSING";
    InvalidCredential = INVALID_CREDENTIAL, "CTAP2_ERR_INVALID_CREDENTIAL";
    UserActionPending = USER_ACTION_PENDING, "CTAP2_ERR_USER_ACTION_PENDING";
    OperationPending = OPERATION_PENDING, "CTAP2_ERR_OPERATION_PENDING";
    NoOperations = NO_OPERATIONS, "CTAP2_ERR_NO_OPERATIONS";
    UnsupportedAlgorithm = UNSUPPORTED_ALGORITHM, "CTAP2_ERR_UNSUPPORTED_ALGORITHM";
    OperationDenied = OPERATION_DENIED, "CTAP2_ERR_OPERATION_DENIED";
    KeyStoreFull = KEY_STORE_FULL, "CTAP2_ERR_KEY_STORE_FULL";
    NotBusy = NOT_BUSY, "CTAP2_ERR_NOT_BUSY";
    NoOperationPending = NO_OPERATION_PENDING, "CTAP2_ERR_NO_OPERATION_PENDING";
    UnsupportedOption = UNSUPPORTED_OPTION, "CTAP2_ERR_UNSUPPORTED_OPTION";
    InvalidOption = INVALID_OPTION, "CTAP2_ERR_INVALID_OPTION";
    KeepaliveCancel = KEEPALIVE_CANCEL, "CTAP2_ERR_KEEPALIVE_CANCEL";
    NoCredentials = NO_CREDENTIALS, "CTAP2_ERR_NO_CREDENTIALS";
    UserActionTimeout = USER_ACTION_TIMEOUT, "CTAP2_ERR_USER_ACTION_TIMEOUT";
    NotAllowed = NOT_ALLOWED, "CTAP2_ERR_NOT_ALLOWED";
    PinInvalid = PIN_INVALID, "CTAP2_ERR_PIN_INVALID";
    PinBlocked = PIN_BLOCKED, "CTAP2_ERR_PIN_BLOCKED";
    PinAuthInvalid = PIN_AUTH_INVALID, "CTAP2_ERR_PIN_AUTH_INVALID";
    PinAuthBlocked = PIN_AUTH_BLOCKED, "CTAP2_ERR_PIN_AUTH_BLOCKED";
    PinNotSet = PIN_NOT_SET, "CTAP2_ERR_PIN_NOT_SET";
    PuatRequired = PUAT_REQUIRED, "CTAP2_ERR_PUAT_REQUIRED";
    PinPolicyViolation = PIN_POLICY_VIOLATION, "CTAP2_ERR_PIN_POLICY_VIOLATION";
    PinTokenExpired = PIN_TOKEN_EXPIRED, "CTAP2_ERR_PIN_TOKEN_EXPIRED";
    RequestTooLarge = REQUEST_TOO_LARGE, "CTAP2_ERR_REQUEST_TOO_LARGE";
    ActionTimeout = ACTION_TIMEOUT, "CTAP2_ERR_ACTION_TIMEOUT";
    UpRequired = UP_REQUIRED, "CTAP2_ERR_UP_REQUIRED";
    UvBlocked = UV_BLOCKED, "CTAP2_ERR_UV_BLOCKED";
    IntegrityFailure = INTEGRITY_FAILURE, "CTAP2_ERR_INTEGRITY_FAILURE";
    InvalidSubcommand = INVALID_SUBCOMMAND, "CTAP2_ERR_INVALID_SUBCOMMAND";
    UvInvalid = UV_INVALID, "CTAP2_ERR_UV_INVALID";
    UnauthorizedPermission = UNAUTHORIZED_PERMISSION, "CTAP2_ERR_UNAUTHORIZED_PERMISSION";
    Other = OTHER, "CTAP1_ERR_OTHER";
    SpecLast = SPEC_LAST, "CTAP2_ERR_SPEC_LAST";
}

impl CtapStatus {
    /// The CTAP 2.0 name of 0x36.
    pub const PIN_REQUIRED: CtapStatus = CtapStatus::PuatRequired;

    /// 0xE0..=0xEF: errors of an extension.
    pub fn is_extension(self) -> bool {
        matches!(self.byte(), code::EXTENSION_FIRST..=code::EXTENSION_LAST)
    }
    /// 0xF0..=0xFF: vendor-defined.
    pub fn is_vendor(self) -> bool {
        matches!(self.byte(), code::VENDOR_FIRST..=code::VENDOR_LAST)
    }
}

impl std::fmt::Display for CtapStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.spec_name() {
            Some(name) => f.write_str(name),
            None => write!(f, "status 0x{:02x}", self.byte()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_round_trips() {
        for b in 0..=u8::MAX {
            assert_eq!(u8::from(CtapStatus::from(b)), b);
        }
        // Unknown never shadows a named code.
        for s in CtapStatus::NAMED {
            assert!(!matches!(CtapStatus::from(s.byte()), CtapStatus::Unknown(_)));
        }
        assert_eq!(CtapStatus::from(0x31), CtapStatus::PinInvalid);
        assert_eq!(CtapStatus::from(0xE5), CtapStatus::Unknown(0xE5));
        assert!(CtapStatus::from(0xE5).is_extension() && CtapStatus::from(0xF3).is_vendor());
        assert_eq!(CtapStatus::PinAuthBlocked.to_string(), "CTAP2_ERR_PIN_AUTH_BLOCKED");
        assert_eq!(CtapStatus::Unknown(0x42).to_string(), "status 0x42");
    }
}
