//! CTAP2 authenticator command codes and the CBOR map keys of their requests and responses.

pub mod command {
    pub const MAKE_CREDENTIAL: u8 = 0x01;
    pub const GET_ASSERTION: u8 = 0x02;
    pub const GET_INFO: u8 = 0x04;
    pub const CLIENT_PIN: u8 = 0x06;
    pub const RESET: u8 = 0x07;
    pub const GET_NEXT_ASSERTION: u8 = 0x08;
    pub const BIO_ENROLLMENT: u8 = 0x09;
    pub const CREDENTIAL_MANAGEMENT: u8 = 0x0A;
    pub const SELECTION: u8 = 0x0B;
    pub const LARGE_BLOBS: u8 = 0x0C;
    pub const CONFIG: u8 = 0x0D;
    pub const BIO_ENROLLMENT_PREVIEW: u8 = 0x40;
    pub const CREDENTIAL_MANAGEMENT_PREVIEW: u8 = 0x41;
}

pub mod make_credential {
    pub const CLIENT_DATA_HASH: i64 = 0x01;
    pub const RP: i64 = 0x02;
    pub const USER: i64 = 0x03;
    pub const PUB_KEY_CRED_PARAMS: i64 = 0x04;
    pub const EXCLUDE_LIST: i64 = 0x05;
    pub const EXTENSIONS: i64 = 0x06;
    pub const OPTIONS: i64 = 0x07;
    pub const PIN_UV_AUTH_PARAM: i64 = 0x08;
    pub const PIN_UV_AUTH_PROTOCOL: i64 = 0x09;
    pub const ENTERPRISE_ATTESTATION: i64 = 0x0A;

    pub mod response {
        pub const FMT: i64 = 0x01;
        pub const AUTH_DATA: i64 = 0x02;
        pub const ATT_STMT: i64 = 0x03;
        pub const EP_ATT: i64 = 0x04;
        pub const LARGE_BLOB_KEY: i64 = 0x05;
    }
}

pub mod get_assertion {
    pub const RP_ID: i64 = 0x01;
    pub const CLIENT_DATA_HASH: i64 = 0x02;
    pub const ALLOW_LIST: i64 = 0x03;
    pub const EXTENSIONS: i64 = 0x04;
    pub const OPTIONS: i64 = 0x05;
    pub const PIN_UV_AUTH_PARAM: i64 = 0x06;
    pub const PIN_UV_AUTH_PROTOCOL: i64 = 0x07;

    pub mod response {
        pub const CREDENTIAL: i64 = 0x01;
        pub const AUTH_DATA: i64 = 0x02;
        pub const SIGNATURE: i64 = 0x03;
        pub const USER: i64 = 0x04;
        pub const NUMBER_OF_CREDENTIALS: i64 = 0x05;
        pub const USER_SELECTED: i64 = 0x06;
        pub const LARGE_BLOB_KEY: i64 = 0x07;
    }
}

pub mod client_pin {
    pub const PIN_UV_AUTH_PROTOCOL: i64 = 0x01;
    pub const SUB_COMMAND: i64 = 0x02;
    pub const KEY_AGREEMENT: i64 = 0x03;
    pub const PIN_UV_AUTH_PARAM: i64 = 0x04;
    pub const NEW_PIN_ENC: i64 = 0x05;
    pub const PIN_HASH_ENC: i64 = 0x06;
    pub const PERMISSIONS: i64 = 0x09;
    pub const RP_ID: i64 = 0x0A;

    pub mod response {
        pub const KEY_AGREEMENT: i64 = 0x01;
        pub const PIN_UV_AUTH_TOKEN: i64 = 0x02;
        pub const PIN_RETRIES: i64 = 0x03;
        pub const POWER_CYCLE_STATE: i64 = 0x04;
        pub const UV_RETRIES: i64 = 0x05;
    }

    pub mod sub {
        pub const GET_PIN_RETRIES: u8 = 0x01;
        pub const GET_KEY_AGREEMENT: u8 = 0x02;
        pub const SET_PIN: u8 = 0x03;
        pub const CHANGE_PIN: u8 = 0x04;
        pub const GET_PIN_TOKEN: u8 = 0x05;
        pub const GET_TOKEN_USING_UV_WITH_PERMISSIONS: u8 = 0x06;
        pub const GET_UV_RETRIES: u8 = 0x07;
        pub const GET_TOKEN_USING_PIN_WITH_PERMISSIONS: u8 = 0x09;
    }

    /// pinUvAuthToken permission bits.
    pub mod permission {
        pub const MAKE_CREDENTIAL: u8 = 0x01;
        pub const GET_ASSERTION: u8 = 0x02;
        pub const CREDENTIAL_MANAGEMENT: u8 = 0x04;
        pub const BIO_ENROLLMENT: u8 = 0x08;
        pub const LARGE_BLOB_WRITE: u8 = 0x10;
        pub const AUTHENTICATOR_CONFIG: u8 = 0x20;
        /// CTAP 2.2 pcmr: a persistent, read-only credential-management token; must stand alone.
        pub const PERSISTENT_CREDENTIAL_MANAGEMENT_READ_ONLY: u8 = 0x40;
    }

    /// A set of pinUvAuthToken permissions (the bits in `permission`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
    pub struct Permissions(u8);

    impl Permissions {
        pub const NONE: Permissions = Permissions(0);
        pub const MAKE_CREDENTIAL: Permissions = Permissions(permission::MAKE_CREDENTIAL);
        pub const GET_ASSERTION: Permissions = Permissions(permission::GET_ASSERTION);
        pub const CREDENTIAL_MANAGEMENT: Permissions = Permissions(permission::CREDENTIAL_MANAGEMENT);
        pub const BIO_ENROLLMENT: Permissions = Permissions(permission::BIO_ENROLLMENT);
        pub const LARGE_BLOB_WRITE: Permissions = Permissions(permission::LARGE_BLOB_WRITE);
        pub const AUTHENTICATOR_CONFIG: Permissions = Permissions(permission::AUTHENTICATOR_CONFIG);
        pub const PERSISTENT_CREDENTIAL_MANAGEMENT_READ_ONLY: Permissions =
            Permissions(permission::PERSISTENT_CREDENTIAL_MANAGEMENT_READ_ONLY);

        pub const fn from_bits(bits: u8) -> Permissions {
            Permissions(bits)
        }
        pub const fn bits(self) -> u8 {
            self.0
        }
        pub const fn contains(self, other: Permissions) -> bool {
            self.0 & other.0 == other.0
        }
        pub const fn is_empty(self) -> bool {
            self.0 == 0
        }
    }

    impl From<u8> for Permissions {
        fn from(bits: u8) -> Permissions {
            Permissions(bits)
        }
    }

    impl std::ops::BitOr for Permissions {
        type Output = Permissions;
        fn bitor(self, rhs: Permissions) -> Permissions {
            Permissions(self.0 | rhs.0)
        }
    }
}

pub mod credential_management {
    pub const SUB_COMMAND: i64 = 0x01;
    pub const SUB_COMMAND_PARAMS: i64 = 0x02;
    pub const PIN_UV_AUTH_PROTOCOL: i64 = 0x03;
    pub const PIN_UV_AUTH_PARAM: i64 = 0x04;

    pub mod sub {
        pub const GET_CREDS_METADATA: u8 = 0x01;
        pub const ENUMERATE_RPS_BEGIN: u8 = 0x02;
        pub const ENUMERATE_RPS_NEXT: u8 = 0x03;
        pub const ENUMERATE_CREDENTIALS_BEGIN: u8 = 0x04;
        pub const ENUMERATE_CREDENTIALS_NEXT: u8 = 0x05;
        pub const DELETE_CREDENTIAL: u8 = 0x06;
        pub const UPDATE_USER_INFORMATION: u8 = 0x07;
    }

    pub mod param {
        pub const RP_ID_HASH: i64 = 0x01;
        pub const CREDENTIAL_ID: i64 = 0x02;
        pub const USER: i64 = 0x03;
    }

    pub mod response {
        pub const EXISTING_RESIDENT_CREDENTIALS_COUNT: i64 = 0x01;
        pub const MAX_POSSIBLE_REMAINING_RESIDENT_CREDENTIALS_COUNT: i64 = 0x02;
        pub const RP: i64 = 0x03;
        pub const RP_ID_HASH: i64 = 0x04;
        pub const TOTAL_RPS: i64 = 0x05;
        pub const USER: i64 = 0x06;
        pub const CREDENTIAL_ID: i64 = 0x07;
        pub const PUBLIC_KEY: i64 = 0x08;
        pub const TOTAL_CREDENTIALS: i64 = 0x09;
        pub const CRED_PROTECT: i64 = 0x0A;
        pub const LARGE_BLOB_KEY: i64 = 0x0B;
        /// CTAP 2.2: the credential is a thirdPartyPayment credential.
        pub const THIRD_PARTY_PAYMENT: i64 = 0x0C;
    }
}

pub mod config {
    pub const SUB_COMMAND: i64 = 0x01;
    pub const SUB_COMMAND_PARAMS: i64 = 0x02;
    pub const PIN_UV_AUTH_PROTOCOL: i64 = 0x03;
    pub const PIN_UV_AUTH_PARAM: i64 = 0x04;

    pub mod sub {
        pub const ENABLE_ENTERPRISE_ATTESTATION: u8 = 0x01;
        pub const TOGGLE_ALWAYS_UV: u8 = 0x02;
        pub const SET_MIN_PIN_LENGTH: u8 = 0x03;
    }

    pub mod set_min_pin_length {
        pub const NEW_MIN_PIN_LENGTH: i64 = 0x01;
        pub const MIN_PIN_LENGTH_RP_IDS: i64 = 0x02;
        pub const FORCE_CHANGE_PIN: i64 = 0x03;
    }
}

/// getInfo response keys.
pub mod get_info {
    pub const VERSIONS: i64 = 0x01;
    pub const EXTENSIONS: i64 = 0x02;
    pub const AAGUID: i64 = 0x03;
    pub const OPTIONS: i64 = 0x04;
    pub const MAX_MSG_SIZE: i64 = 0x05;
    pub const PIN_UV_AUTH_PROTOCOLS: i64 = 0x06;
    pub const MAX_CREDENTIAL_COUNT_IN_LIST: i64 = 0x07;
    pub const MAX_CREDENTIAL_ID_LENGTH: i64 = 0x08;
    pub const TRANSPORTS: i64 = 0x09;
    pub const ALGORITHMS: i64 = 0x0A;
    pub const MAX_SERIALIZED_LARGE_BLOB_ARRAY: i64 = 0x0B;
    pub const FORCE_PIN_CHANGE: i64 = 0x0C;
    pub const MIN_PIN_LENGTH: i64 = 0x0D;
    pub const FIRMWARE_VERSION: i64 = 0x0E;
    pub const MAX_CRED_BLOB_LENGTH: i64 = 0x0F;
    pub const MAX_RP_IDS_FOR_SET_MIN_PIN_LENGTH: i64 = 0x10;
    pub const PREFERRED_PLATFORM_UV_ATTEMPTS: i64 = 0x11;
    pub const UV_MODALITY: i64 = 0x12;
    pub const CERTIFICATIONS: i64 = 0x13;
    pub const REMAINING_DISCOVERABLE_CREDENTIALS: i64 = 0x14;
    pub const VENDOR_PROTOTYPE_CONFIG_COMMANDS: i64 = 0x15;
    pub const ATTESTATION_FORMATS: i64 = 0x16;
    pub const UV_COUNT_SINCE_LAST_PIN_ENTRY: i64 = 0x17;
    pub const LONG_TOUCH_FOR_RESET: i64 = 0x18;
    pub const ENC_IDENTIFIER: i64 = 0x19;
    pub const TRANSPORTS_FOR_RESET: i64 = 0x1A;
    pub const PIN_COMPLEXITY_POLICY: i64 = 0x1B;
    pub const PIN_COMPLEXITY_POLICY_URL: i64 = 0x1C;
    pub const MAX_PIN_LENGTH: i64 = 0x1D;
    pub const ENC_CRED_STORE_STATE: i64 = 0x1E;
    pub const AUTHENTICATOR_CONFIG_COMMANDS: i64 = 0x1F;
}

/// COSE algorithm identifiers.
pub mod alg {
    pub const ES256: i64 = -7;
    pub const EDDSA: i64 = -8;
    pub const ECDH_ES_HKDF_256: i64 = -25;
    pub const ES384: i64 = -35;
    pub const RS256: i64 = -257;

    /// The IANA COSE name of a signature algorithm, if it is one a security key may use.
    pub fn name(alg: i64) -> Option<&'static str> {
        Some(match alg {
            ES256 => "ES256",
            EDDSA => "EdDSA",
            ES384 => "ES384",
            -36 => "ES512",
            -47 => "ES256K",
            RS256 => "RS256",
            _ => return None,
        })
    }

    /// An algorithm as every fidoctl document writes it: `{"alg": -7, "name": "ES256"}`, the
    /// COSE number and its name (null for a number without one).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
    pub struct Algorithm {
        pub alg: i64,
        pub name: Option<&'static str>,
    }

    impl Algorithm {
        pub fn new(number: i64) -> Algorithm {
            Algorithm { alg: number, name: name(number) }
        }

        /// The name, or the number as text for one without a name (tables and CSV).
        pub fn text(&self) -> String {
            self.name.map_or_else(|| self.alg.to_string(), String::from)
        }
    }

    /// COSE numbers written as [`Algorithm`] objects (serde `serialize_with`).
    pub fn serialize_all<S: serde::Serializer>(numbers: &[i64], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(numbers.iter().map(|&n| Algorithm::new(n)))
    }
}
