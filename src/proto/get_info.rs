//! The authenticatorGetInfo response: decoded from bytes a key sent (which may be hostile or
//! just buggy), and encoded again for the virtual key.
//!
//! Decoding is strict about the fields it knows (a wrong type is an error naming the field,
//! so a confused key is noticed rather than half-understood) and lenient about what it does
//! not know: unknown map keys and option names are kept, so `info` and `audit` can still show
//! them and a newer key never makes fidoctl fail.

use crate::proto::cbor::{self, CborError, MapView};
use crate::proto::ctap2::get_info as key;
use base64::Engine as _;
use ciborium::value::Value;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

/// The highest map key this module knows; everything above (or below 1) goes to `unknown`.
const LAST_KNOWN_KEY: i64 = key::AUTHENTICATOR_CONFIG_COMMANDS;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum GetInfoError {
    #[error("the key's getInfo answer could not be read: {0}")]
    Cbor(#[from] CborError),
    #[error("the key's getInfo answer is not a CBOR map")]
    NotAMap,
    #[error("the key's getInfo answer has a map key that is not an integer (CBOR {0})")]
    BadKey(String),
    #[error("the key's getInfo answer lacks the required field {field} (0x{key:02x})")]
    Missing { field: &'static str, key: i64 },
    #[error("the key's getInfo field {field} (0x{key:02x}) has the wrong type")]
    WrongType { field: &'static str, key: i64 },
    #[error("the key's getInfo field {field} (0x{key:02x}) holds a number out of range")]
    OutOfRange { field: &'static str, key: i64 },
    #[error("the key's AAGUID is {0} bytes long instead of 16")]
    AaguidLength(usize),
}

/// One entry of getInfo 0x0A: a PublicKeyCredentialParameters map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Algorithm {
    /// COSE algorithm identifier (-7 ES256, -8 EdDSA, ...).
    pub alg: i64,
    /// Credential type, "public-key" on every key seen so far.
    pub kind: String,
}

/// `{"alg": -7, "name": "ES256", "type": "public-key"}`: the COSE number and its name, the
/// form every fidoctl document gives an algorithm in, plus getInfo's credential type.
impl Serialize for Algorithm {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Algorithm", 3)?;
        st.serialize_field("alg", &self.alg)?;
        st.serialize_field("name", &crate::proto::ctap2::alg::name(self.alg))?;
        st.serialize_field("type", &self.kind)?;
        st.end()
    }
}

/// The three PIN states getInfo's clientPin option tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinSupport {
    Unsupported,
    NotSet,
    Set,
}

impl PinSupport {
    pub fn supported(self) -> bool {
        self != PinSupport::Unsupported
    }
    pub fn is_set(self) -> bool {
        self == PinSupport::Set
    }
}

/// Which credential management command a key takes: 0x0A, or the FIDO_2_1_PRE preview 0x41.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Standard,
    Preview,
}

impl Flavor {
    pub fn command(self) -> u8 {
        match self {
            Flavor::Standard => crate::proto::ctap2::command::CREDENTIAL_MANAGEMENT,
            Flavor::Preview => crate::proto::ctap2::command::CREDENTIAL_MANAGEMENT_PREVIEW,
        }
    }
}

/// The getInfo options behind authenticatorConfig's toggles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    AlwaysUv,
    EnterpriseAttestation,
    /// setMinPINLength: the minimum PIN length (and forcing a PIN change) can be set.
    MinPinLength,
}

impl Setting {
    fn option_name(self) -> &'static str {
        match self {
            Setting::AlwaysUv => "alwaysUv",
            Setting::EnterpriseAttestation => "ep",
            Setting::MinPinLength => "setMinPINLength",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct AuthenticatorInfo {
    /// 0x01, required.
    pub versions: Vec<String>,
    /// 0x02
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extensions: Vec<String>,
    /// 0x03, required.
    #[serde(serialize_with = "ser_uuid")]
    pub aaguid: [u8; 16],
    /// 0x04. Absent and `false` differ (e.g. clientPin: absent = no PIN support, false = no
    /// PIN set yet), so only the options the key listed are here.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub options: BTreeMap<String, bool>,
    /// 0x05
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_msg_size: Option<u64>,
    /// 0x06, in the key's order of preference.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pin_uv_auth_protocols: Vec<u64>,
    /// 0x07
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_credential_count_in_list: Option<u64>,
    /// 0x08
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_credential_id_length: Option<u64>,
    /// 0x09
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub transports: Vec<String>,
    /// 0x0A, entries that have an integer "alg" and a text "type".
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub algorithms: Vec<Algorithm>,
    /// 0x0A entries of any other shape, as hex of their canonical CBOR. Kept so an audit can
    /// see them and the virtual key can send them back; `to_value` appends them after
    /// `algorithms`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unknown_algorithms: Vec<String>,
    /// 0x0B
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_serialized_large_blob_array: Option<u64>,
    /// 0x0C
    #[serde(skip_serializing_if = "Option::is_none")]
    pub force_pin_change: Option<bool>,
    /// 0x0D
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_pin_length: Option<u64>,
    /// 0x0E, vendor-specific encoding (Yubico: major << 16 | minor << 8 | patch).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub firmware_version: Option<u64>,
    /// 0x0F
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_cred_blob_length: Option<u64>,
    /// 0x10
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_rp_ids_for_set_min_pin_length: Option<u64>,
    /// 0x11
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preferred_platform_uv_attempts: Option<u64>,
    /// 0x12, bit flags from the FIDO registry (fingerprint = 0x02, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uv_modality: Option<u64>,
    /// 0x13, certification name -> level.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub certifications: BTreeMap<String, u64>,
    /// 0x14
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remaining_discoverable_credentials: Option<u64>,
    /// 0x15
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub vendor_prototype_config_commands: Vec<u64>,
    /// 0x16
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attestation_formats: Vec<String>,
    /// 0x17
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uv_count_since_last_pin_entry: Option<u64>,
    /// 0x18
    #[serde(skip_serializing_if = "Option::is_none")]
    pub long_touch_for_reset: Option<bool>,
    /// 0x19, encrypted; changes on every getInfo.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "ser_opt_b64")]
    pub enc_identifier: Option<Vec<u8>>,
    /// 0x1A
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub transports_for_reset: Vec<String>,
    /// 0x1B
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pin_complexity_policy: Option<bool>,
    /// 0x1C, a URL, but the specification sends it as a byte string.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "ser_opt_b64")]
    pub pin_complexity_policy_url: Option<Vec<u8>>,
    /// 0x1D
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_pin_length: Option<u64>,
    /// 0x1E, encrypted; changes on every getInfo.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "ser_opt_b64")]
    pub enc_cred_store_state: Option<Vec<u8>>,
    /// 0x1F
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authenticator_config_commands: Vec<u64>,
    /// Keys this module does not know: key -> hex of the value's canonical CBOR encoding.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub unknown: BTreeMap<i64, String>,
}

/// The specification's name for a getInfo key, for error messages.
pub fn field_name(k: i64) -> &'static str {
    match k {
        key::VERSIONS => "versions",
        key::EXTENSIONS => "extensions",
        key::AAGUID => "aaguid",
        key::OPTIONS => "options",
        key::MAX_MSG_SIZE => "maxMsgSize",
        key::PIN_UV_AUTH_PROTOCOLS => "pinUvAuthProtocols",
        key::MAX_CREDENTIAL_COUNT_IN_LIST => "maxCredentialCountInList",
        key::MAX_CREDENTIAL_ID_LENGTH => "maxCredentialIdLength",
        key::TRANSPORTS => "transports",
        key::ALGORITHMS => "algorithms",
        key::MAX_SERIALIZED_LARGE_BLOB_ARRAY => "maxSerializedLargeBlobArray",
        key::FORCE_PIN_CHANGE => "forcePINChange",
        key::MIN_PIN_LENGTH => "minPINLength",
        key::FIRMWARE_VERSION => "firmwareVersion",
        key::MAX_CRED_BLOB_LENGTH => "maxCredBlobLength",
        key::MAX_RP_IDS_FOR_SET_MIN_PIN_LENGTH => "maxRPIDsForSetMinPINLength",
        key::PREFERRED_PLATFORM_UV_ATTEMPTS => "preferredPlatformUvAttempts",
        key::UV_MODALITY => "uvModality",
        key::CERTIFICATIONS => "certifications",
        key::REMAINING_DISCOVERABLE_CREDENTIALS => "remainingDiscoverableCredentials",
        key::VENDOR_PROTOTYPE_CONFIG_COMMANDS => "vendorPrototypeConfigCommands",
        key::ATTESTATION_FORMATS => "attestationFormats",
        key::UV_COUNT_SINCE_LAST_PIN_ENTRY => "uvCountSinceLastPinEntry",
        key::LONG_TOUCH_FOR_RESET => "longTouchForReset",
        key::ENC_IDENTIFIER => "encIdentifier",
        key::TRANSPORTS_FOR_RESET => "transportsForReset",
        key::PIN_COMPLEXITY_POLICY => "pinComplexityPolicy",
        key::PIN_COMPLEXITY_POLICY_URL => "pinComplexityPolicyURL",
        key::MAX_PIN_LENGTH => "maxPINLength",
        key::ENC_CRED_STORE_STATE => "encCredStoreState",
        key::AUTHENTICATOR_CONFIG_COMMANDS => "authenticatorConfigCommands",
        _ => "unknown",
    }
}

fn wrong_type(k: i64) -> GetInfoError {
    GetInfoError::WrongType { field: field_name(k), key: k }
}

fn is_known(k: i64) -> bool {
    (key::VERSIONS..=LAST_KNOWN_KEY).contains(&k)
}

/// Typed reads of one field; every error names the field.
struct Fields<'a>(MapView<'a>);

impl<'a> Fields<'a> {
    fn get(&self, k: i64) -> Option<&'a Value> {
        self.0.get(k)
    }

    fn uint(&self, k: i64) -> Result<Option<u64>, GetInfoError> {
        self.get(k).map(|v| to_u64(v, k)).transpose()
    }

    fn boolean(&self, k: i64) -> Result<Option<bool>, GetInfoError> {
        match self.get(k) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(wrong_type(k)),
        }
    }

    fn byte_string(&self, k: i64) -> Result<Option<Vec<u8>>, GetInfoError> {
        match self.get(k) {
            None => Ok(None),
            Some(Value::Bytes(b)) => Ok(Some(b.clone())),
            Some(_) => Err(wrong_type(k)),
        }
    }

    fn array(&self, k: i64) -> Result<&'a [Value], GetInfoError> {
        match self.get(k) {
            None => Ok(&[]),
            Some(Value::Array(items)) => Ok(items),
            Some(_) => Err(wrong_type(k)),
        }
    }

    fn texts(&self, k: i64) -> Result<Vec<String>, GetInfoError> {
        self.array(k)?
            .iter()
            .map(|v| match v {
                Value::Text(t) => Ok(t.clone()),
                _ => Err(wrong_type(k)),
            })
            .collect()
    }

    fn uints(&self, k: i64) -> Result<Vec<u64>, GetInfoError> {
        self.array(k)?.iter().map(|v| to_u64(v, k)).collect()
    }

    /// A map with text keys, each value read by `read`.
    fn text_map<T>(
        &self,
        k: i64,
        read: impl Fn(&Value) -> Result<T, GetInfoError>,
    ) -> Result<BTreeMap<String, T>, GetInfoError> {
        let Some(v) = self.get(k) else {
            return Ok(BTreeMap::new());
        };
        let map = MapView::new(v, "getInfo").map_err(|_| wrong_type(k))?;
        map.entries()
            .iter()
            .map(|(name, value)| match name {
                Value::Text(name) => Ok((name.clone(), read(value)?)),
                _ => Err(wrong_type(k)),
            })
            .collect()
    }
}

fn to_u64(v: &Value, k: i64) -> Result<u64, GetInfoError> {
    match v {
        // Negative numbers and numbers past u64 end up here: the right type, the wrong range.
        Value::Integer(i) => u64::try_from(*i).map_err(|_| GetInfoError::OutOfRange { field: field_name(k), key: k }),
        _ => Err(wrong_type(k)),
    }
}

/// Hex of the canonical encoding, the form `unknown` and `unknown_algorithms` keep values in.
fn to_hex(v: &Value) -> String {
    hex::encode(cbor::encode(v))
}

/// The way back from `to_hex`; `None` for hex that did not come from `to_hex`.
fn from_hex(h: &str) -> Option<Value> {
    cbor::decode(&hex::decode(h).ok()?).ok()
}

/// Split 0x0A into the entries we understand and the rest (kept, never fatal: a key
/// advertising an algorithm in a new shape must not hide the ones we do understand).
fn read_algorithms(items: &[Value]) -> (Vec<Algorithm>, Vec<String>) {
    let mut known = Vec::new();
    let mut other = Vec::new();
    for item in items {
        let parsed = MapView::new(item, "algorithm").ok().and_then(|m| {
            let alg = m.get_text_key("alg").and_then(cbor::as_i64)?;
            match m.get_text_key("type")? {
                Value::Text(kind) => Some(Algorithm { alg, kind: kind.clone() }),
                _ => None,
            }
        });
        match parsed {
            Some(a) => known.push(a),
            None => other.push(to_hex(item)),
        }
    }
    (known, other)
}

impl AuthenticatorInfo {
    /// Decode the CBOR body of a getInfo response (the bytes after the status byte).
    pub fn decode(bytes: &[u8]) -> Result<Self, GetInfoError> {
        Self::from_value(&cbor::decode(bytes)?)
    }

    pub fn from_value(v: &Value) -> Result<Self, GetInfoError> {
        let map = MapView::new(v, "getInfo").map_err(|_| GetInfoError::NotAMap)?;

        let mut unknown = BTreeMap::new();
        for (k, value) in map.entries() {
            let k = cbor::as_i64(k).ok_or_else(|| GetInfoError::BadKey(to_hex(k)))?;
            if !is_known(k) {
                unknown.insert(k, to_hex(value));
            }
        }

        let f = Fields(map);
        if f.get(key::VERSIONS).is_none() {
            return Err(GetInfoError::Missing { field: "versions", key: key::VERSIONS });
        }
        let aaguid = match f.byte_string(key::AAGUID)? {
            None => return Err(GetInfoError::Missing { field: "aaguid", key: key::AAGUID }),
            Some(b) => <[u8; 16]>::try_from(b.as_slice()).map_err(|_| GetInfoError::AaguidLength(b.len()))?,
        };
        let (algorithms, unknown_algorithms) = read_algorithms(f.array(key::ALGORITHMS)?);

        Ok(Self {
            versions: f.texts(key::VERSIONS)?,
            extensions: f.texts(key::EXTENSIONS)?,
            aaguid,
            options: f.text_map(key::OPTIONS, |v| match v {
                Value::Bool(b) => Ok(*b),
                _ => Err(wrong_type(key::OPTIONS)),
            })?,
            max_msg_size: f.uint(key::MAX_MSG_SIZE)?,
            pin_uv_auth_protocols: f.uints(key::PIN_UV_AUTH_PROTOCOLS)?,
            max_credential_count_in_list: f.uint(key::MAX_CREDENTIAL_COUNT_IN_LIST)?,
            max_credential_id_length: f.uint(key::MAX_CREDENTIAL_ID_LENGTH)?,
            transports: f.texts(key::TRANSPORTS)?,
            algorithms,
            unknown_algorithms,
            max_serialized_large_blob_array: f.uint(key::MAX_SERIALIZED_LARGE_BLOB_ARRAY)?,
            force_pin_change: f.boolean(key::FORCE_PIN_CHANGE)?,
            min_pin_length: f.uint(key::MIN_PIN_LENGTH)?,
            firmware_version: f.uint(key::FIRMWARE_VERSION)?,
            max_cred_blob_length: f.uint(key::MAX_CRED_BLOB_LENGTH)?,
            max_rp_ids_for_set_min_pin_length: f.uint(key::MAX_RP_IDS_FOR_SET_MIN_PIN_LENGTH)?,
            preferred_platform_uv_attempts: f.uint(key::PREFERRED_PLATFORM_UV_ATTEMPTS)?,
            uv_modality: f.uint(key::UV_MODALITY)?,
            certifications: f.text_map(key::CERTIFICATIONS, |v| to_u64(v, key::CERTIFICATIONS))?,
            remaining_discoverable_credentials: f.uint(key::REMAINING_DISCOVERABLE_CREDENTIALS)?,
            vendor_prototype_config_commands: f.uints(key::VENDOR_PROTOTYPE_CONFIG_COMMANDS)?,
            attestation_formats: f.texts(key::ATTESTATION_FORMATS)?,
            uv_count_since_last_pin_entry: f.uint(key::UV_COUNT_SINCE_LAST_PIN_ENTRY)?,
            long_touch_for_reset: f.boolean(key::LONG_TOUCH_FOR_RESET)?,
            enc_identifier: f.byte_string(key::ENC_IDENTIFIER)?,
            transports_for_reset: f.texts(key::TRANSPORTS_FOR_RESET)?,
            pin_complexity_policy: f.boolean(key::PIN_COMPLEXITY_POLICY)?,
            pin_complexity_policy_url: f.byte_string(key::PIN_COMPLEXITY_POLICY_URL)?,
            max_pin_length: f.uint(key::MAX_PIN_LENGTH)?,
            enc_cred_store_state: f.byte_string(key::ENC_CRED_STORE_STATE)?,
            authenticator_config_commands: f.uints(key::AUTHENTICATOR_CONFIG_COMMANDS)?,
            unknown,
        })
    }

    /// The response as the virtual key sends it. Empty and `None` fields are left out, except
    /// the two required ones. Entries of `unknown` that do not hold valid hex CBOR, or that
    /// reuse a known key, are left out too (they cannot have come from `from_value`).
    pub fn to_value(&self) -> Value {
        fn texts(v: &[String]) -> Option<Value> {
            (!v.is_empty()).then(|| Value::Array(v.iter().map(|s| cbor::text(s)).collect()))
        }
        fn uints(v: &[u64]) -> Option<Value> {
            (!v.is_empty()).then(|| Value::Array(v.iter().map(|&n| cbor::uint(n)).collect()))
        }
        fn text_map<T>(m: &BTreeMap<String, T>, f: impl Fn(&T) -> Value) -> Option<Value> {
            (!m.is_empty()).then(|| Value::Map(m.iter().map(|(k, v)| (cbor::text(k), f(v))).collect()))
        }
        let uint = |v: Option<u64>| v.map(cbor::uint);
        let boolean = |v: Option<bool>| v.map(Value::Bool);
        let bytes = |v: &Option<Vec<u8>>| v.as_deref().map(cbor::bytes);

        let algorithms: Vec<Value> = self
            .algorithms
            .iter()
            .map(|a| Value::Map(vec![(cbor::text("alg"), cbor::int(a.alg)), (cbor::text("type"), cbor::text(&a.kind))]))
            .chain(self.unknown_algorithms.iter().filter_map(|h| from_hex(h)))
            .collect();

        let mut fields: Vec<(i64, Option<Value>)> = vec![
            (key::VERSIONS, Some(Value::Array(self.versions.iter().map(|s| cbor::text(s)).collect()))),
            (key::EXTENSIONS, texts(&self.extensions)),
            (key::AAGUID, Some(cbor::bytes(&self.aaguid))),
            (key::OPTIONS, text_map(&self.options, |&b| Value::Bool(b))),
            (key::MAX_MSG_SIZE, uint(self.max_msg_size)),
            (key::PIN_UV_AUTH_PROTOCOLS, uints(&self.pin_uv_auth_protocols)),
            (key::MAX_CREDENTIAL_COUNT_IN_LIST, uint(self.max_credential_count_in_list)),
            (key::MAX_CREDENTIAL_ID_LENGTH, uint(self.max_credential_id_length)),
            (key::TRANSPORTS, texts(&self.transports)),
            (key::ALGORITHMS, (!algorithms.is_empty()).then_some(Value::Array(algorithms))),
            (key::MAX_SERIALIZED_LARGE_BLOB_ARRAY, uint(self.max_serialized_large_blob_array)),
            (key::FORCE_PIN_CHANGE, boolean(self.force_pin_change)),
            (key::MIN_PIN_LENGTH, uint(self.min_pin_length)),
            (key::FIRMWARE_VERSION, uint(self.firmware_version)),
            (key::MAX_CRED_BLOB_LENGTH, uint(self.max_cred_blob_length)),
            (key::MAX_RP_IDS_FOR_SET_MIN_PIN_LENGTH, uint(self.max_rp_ids_for_set_min_pin_length)),
            (key::PREFERRED_PLATFORM_UV_ATTEMPTS, uint(self.preferred_platform_uv_attempts)),
            (key::UV_MODALITY, uint(self.uv_modality)),
            (key::CERTIFICATIONS, text_map(&self.certifications, |&n| cbor::uint(n))),
            (key::REMAINING_DISCOVERABLE_CREDENTIALS, uint(self.remaining_discoverable_credentials)),
            (key::VENDOR_PROTOTYPE_CONFIG_COMMANDS, uints(&self.vendor_prototype_config_commands)),
            (key::ATTESTATION_FORMATS, texts(&self.attestation_formats)),
            (key::UV_COUNT_SINCE_LAST_PIN_ENTRY, uint(self.uv_count_since_last_pin_entry)),
            (key::LONG_TOUCH_FOR_RESET, boolean(self.long_touch_for_reset)),
            (key::ENC_IDENTIFIER, bytes(&self.enc_identifier)),
            (key::TRANSPORTS_FOR_RESET, texts(&self.transports_for_reset)),
            (key::PIN_COMPLEXITY_POLICY, boolean(self.pin_complexity_policy)),
            (key::PIN_COMPLEXITY_POLICY_URL, bytes(&self.pin_complexity_policy_url)),
            (key::MAX_PIN_LENGTH, uint(self.max_pin_length)),
            (key::ENC_CRED_STORE_STATE, bytes(&self.enc_cred_store_state)),
            (key::AUTHENTICATOR_CONFIG_COMMANDS, uints(&self.authenticator_config_commands)),
        ];
        fields.extend(self.unknown.iter().filter(|(k, _)| !is_known(**k)).map(|(k, h)| (*k, from_hex(h))));
        cbor::int_map(fields)
    }

    /// Canonical CBOR, byte for byte what a strict key would send.
    pub fn encode(&self) -> Vec<u8> {
        cbor::encode(&self.to_value())
    }

    /// An option as the key reported it; `None` when the key did not list it (which for most
    /// options means "not supported", not "off").
    pub fn option(&self, name: &str) -> Option<bool> {
        self.options.get(name).copied()
    }

    /// clientPin: absent = no PIN support, false = no PIN yet, true = a PIN is set.
    pub fn pin(&self) -> PinSupport {
        match self.option("clientPin") {
            None => PinSupport::Unsupported,
            Some(false) => PinSupport::NotSet,
            Some(true) => PinSupport::Set,
        }
    }

    /// alwaysUv: every makeCredential/getAssertion needs user verification.
    pub fn always_uv(&self) -> bool {
        self.option("alwaysUv") == Some(true)
    }

    /// alwaysUv as listed: `None` when the key does not know the option.
    pub fn always_uv_option(&self) -> Option<bool> {
        self.option("alwaysUv")
    }

    /// makeCredUvNotRqd: non-discoverable registrations may skip user verification.
    pub fn make_cred_uv_not_required(&self) -> bool {
        self.option("makeCredUvNotRqd") == Some(true)
    }

    /// Which credential management command the key takes (never from version strings).
    pub fn cred_mgmt(&self) -> Option<Flavor> {
        if self.option("credMgmt") == Some(true) {
            Some(Flavor::Standard)
        } else if self.option("credentialMgmtPreview") == Some(true) {
            Some(Flavor::Preview)
        } else {
            None
        }
    }

    /// Built-in user verification (fingerprint, ...): absent = none, false = none enrolled.
    pub fn uv(&self) -> Option<bool> {
        self.option("uv")
    }

    /// authnrCfg: the key takes authenticatorConfig.
    pub fn authenticator_config(&self) -> bool {
        self.option("authnrCfg") == Some(true)
    }

    /// ep: enterprise attestation (absent = not offered, false = offered but off).
    pub fn enterprise_attestation(&self) -> Option<bool> {
        self.option("ep")
    }

    /// pinUvAuthToken: the key issues tokens with permissions.
    pub fn token_permissions(&self) -> bool {
        self.option("pinUvAuthToken") == Some(true)
    }

    /// noMcGaPermissionsWithClientPin: a PIN alone does not get mc/ga permissions.
    pub fn no_mc_ga_with_pin(&self) -> bool {
        self.option("noMcGaPermissionsWithClientPin") == Some(true)
    }

    /// The setting behind a `fidoctl config` toggle, as the key lists it.
    pub fn setting(&self, setting: Setting) -> Option<bool> {
        self.option(setting.option_name())
    }

    /// Does a registration on this key need user verification (a PIN token)? Always with
    /// alwaysUv; with a PIN set, for discoverable credentials and unless makeCredUvNotRqd.
    pub fn registration_needs_uv(&self, resident: bool) -> bool {
        self.always_uv() || (self.pin().is_set() && (resident || !self.make_cred_uv_not_required()))
    }

    /// forcePINChange is on.
    pub fn must_change_pin(&self) -> bool {
        self.force_pin_change == Some(true)
    }

    pub fn supports_version(&self, v: &str) -> bool {
        self.versions.iter().any(|s| s == v)
    }

    pub fn supports_pin_protocol(&self, n: u64) -> bool {
        self.pin_uv_auth_protocols.contains(&n)
    }

    /// The AAGUID in canonical UUID form, lowercase 8-4-4-4-12.
    pub fn aaguid_string(&self) -> String {
        uuid_string(&self.aaguid)
    }

    /// perCredMgmtRO (CTAP 2.2): the key issues persistent read-only credential-management
    /// tokens (permission pcmr).
    pub fn per_cred_mgmt_read_only(&self) -> bool {
        self.option("perCredMgmtRO") == Some(true)
    }

    /// encIdentifier (0x19) decrypted with a persistent token: the key's stable identifier.
    /// `None` when the key sent none or sent one of the wrong length.
    pub fn identifier(&self, persistent_token: &[u8]) -> Option<[u8; 16]> {
        let enc = self.enc_identifier.as_deref()?;
        crate::proto::persistent_token::decrypt(persistent_token, crate::proto::persistent_token::IDENTIFIER_INFO, enc)
            .ok()
    }

    /// encCredStoreState (0x1E) decrypted with a persistent token.
    pub fn cred_store_state(&self, persistent_token: &[u8]) -> Option<[u8; 16]> {
        let enc = self.enc_cred_store_state.as_deref()?;
        crate::proto::persistent_token::decrypt(
            persistent_token,
            crate::proto::persistent_token::CRED_STORE_STATE_INFO,
            enc,
        )
        .ok()
    }

    /// The PIN policy URL as text, when the key sent valid UTF-8.
    pub fn pin_complexity_policy_url_text(&self) -> Option<&str> {
        std::str::from_utf8(self.pin_complexity_policy_url.as_deref()?).ok()
    }
}

/// An AAGUID in canonical UUID form (lowercase, 8-4-4-4-12): how every layer prints one.
pub fn uuid_string(b: &[u8; 16]) -> String {
    let h = hex::encode(b);
    format!("{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
}

fn ser_uuid<S: Serializer>(b: &[u8; 16], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&uuid_string(b))
}

fn ser_opt_b64<S: Serializer>(b: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
    match b {
        Some(b) => s.serialize_str(&base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::cbor::{int, int_map, text, uint};

    /// A YubiKey 5 NFC (firmware 5.7) answer, encoded by hand in canonical form: one line per
    /// field, map key first.
    const YUBIKEY_5: &str = concat!(
        "b1", // map, 17 entries
        // 0x01 versions: ["U2F_V2", "FIDO_2_0", "FIDO_2_1_PRE", "FIDO_2_1"]
        "0184",
        "665532465f5632",
        "684649444f5f325f30",
        "6c4649444f5f325f315f505245",
        "684649444f5f325f31",
        // 0x02 extensions: credProtect, hmac-secret, largeBlobKey, credBlob, minPinLength
        "0285",
        "6b6372656450726f74656374",
        "6b686d61632d736563726574",
        "6c6c61726765426c6f624b6579",
        "6863726564426c6f62",
        "6c6d696e50696e4c656e677468",
        // 0x03 aaguid: 2fc0579f-8113-47ea-b116-bb5a8db9202a
        "03502fc0579f811347eab116bb5a8db9202a",
        // 0x04 options, 12 entries in canonical order (length, then bytes)
        "04ac",
        "62726bf5",                                       // rk: true
        "627570f5",                                       // up: true
        "64706c6174f4",                                   // plat: false
        "68616c776179735576f4",                           // alwaysUv: false
        "68637265644d676d74f5",                           // credMgmt: true
        "69617574686e72436667f5",                         // authnrCfg: true
        "69636c69656e7450696ef5",                         // clientPin: true
        "6a6c61726765426c6f6273f5",                       // largeBlobs: true
        "6e70696e557641757468546f6b656ef5",               // pinUvAuthToken: true
        "6f7365744d696e50494e4c656e677468f5",             // setMinPINLength: true
        "706d616b654372656455764e6f74527164f4",           // makeCredUvNotRqd: false
        "7563726564656e7469616c4d676d7450726576696577f5", // credentialMgmtPreview: true
        "051904b0",                                       // maxMsgSize: 1200
        "06820201",                                       // pinUvAuthProtocols: [2, 1]
        "0708",                                           // maxCredentialCountInList: 8
        "081880",                                         // maxCredentialIdLength: 128
        "0982636e666363757362",                           // transports: ["nfc", "usb"]
        // 0x0a algorithms: [{"alg": -7, "type": "public-key"}, {"alg": -8, ...}]
        "0a82",
        "a263616c672664747970656a7075626c69632d6b6579",
        "a263616c672764747970656a7075626c69632d6b6579",
        "0b190400",     // maxSerializedLargeBlobArray: 1024
        "0cf4",         // forcePINChange: false
        "0d04",         // minPINLength: 4
        "0e1a00050700", // firmwareVersion: 329472 = 0x050700 = 5.7.0
        "0f1820",       // maxCredBlobLength: 32
        "1001",         // maxRPIDsForSetMinPINLength: 1
        "141864",       // remainingDiscoverableCredentials: 100
    );

    /// A CTAP 2.0 key with a PIN protocol but no PIN set.
    const CTAP20: &str = concat!(
        "a6",                                   // map, 6 entries
        "0182665532465f5632684649444f5f325f30", // versions: [U2F_V2, FIDO_2_0]
        "02816b686d61632d736563726574",         // extensions: [hmac-secret]
        "0350cb69481e8ff7403993ec0a2729a154a8", // aaguid
        // options: {rk: true, up: true, plat: false, clientPin: false}
        "04a462726bf5627570f564706c6174f469636c69656e7450696ef4",
        "051904b0", // maxMsgSize: 1200
        "068101",   // pinUvAuthProtocols: [1]
    );

    fn bytes_of(h: &str) -> Vec<u8> {
        hex::decode(h).unwrap()
    }

    type Extra = Vec<(i64, Option<Value>)>;

    /// A map with the required fields plus `extra`.
    fn with(extra: Extra) -> Value {
        let mut fields = vec![
            (key::VERSIONS, Some(Value::Array(vec![text("FIDO_2_1")]))),
            (key::AAGUID, Some(cbor::bytes(&[7; 16]))),
        ];
        fields.extend(extra);
        int_map(fields)
    }

    #[test]
    fn decodes_a_yubikey_5() {
        let info = AuthenticatorInfo::decode(&bytes_of(YUBIKEY_5)).unwrap();
        assert_eq!(info.versions, ["U2F_V2", "FIDO_2_0", "FIDO_2_1_PRE", "FIDO_2_1"]);
        assert_eq!(info.extensions, ["credProtect", "hmac-secret", "largeBlobKey", "credBlob", "minPinLength"]);
        assert_eq!(info.aaguid_string(), "2fc0579f-8113-47ea-b116-bb5a8db9202a");
        assert_eq!(info.options.len(), 12);
        assert_eq!(info.option("rk"), Some(true));
        assert_eq!(info.option("plat"), Some(false));
        assert_eq!(info.option("clientPin"), Some(true));
        assert_eq!(info.option("makeCredUvNotRqd"), Some(false));
        assert_eq!(info.option("uv"), None);
        assert_eq!(info.max_msg_size, Some(1200));
        assert_eq!(info.pin_uv_auth_protocols, [2, 1]);
        assert!(info.supports_pin_protocol(2) && info.supports_pin_protocol(1));
        assert!(!info.supports_pin_protocol(3));
        assert!(info.supports_version("FIDO_2_1") && !info.supports_version("FIDO_2_2"));
        assert_eq!(info.max_credential_count_in_list, Some(8));
        assert_eq!(info.max_credential_id_length, Some(128));
        assert_eq!(info.transports, ["nfc", "usb"]);
        assert_eq!(
            info.algorithms,
            [Algorithm { alg: -7, kind: "public-key".into() }, Algorithm { alg: -8, kind: "public-key".into() }]
        );
        assert!(info.unknown_algorithms.is_empty());
        assert_eq!(info.max_serialized_large_blob_array, Some(1024));
        assert_eq!(info.force_pin_change, Some(false));
        assert_eq!(info.min_pin_length, Some(4));
        assert_eq!(info.firmware_version, Some(329472));
        assert_eq!(info.max_cred_blob_length, Some(32));
        assert_eq!(info.max_rp_ids_for_set_min_pin_length, Some(1));
        assert_eq!(info.remaining_discoverable_credentials, Some(100));
        assert_eq!(info.uv_modality, None);
        assert!(info.unknown.is_empty());
        // Our canonical encoder reproduces the key's bytes exactly.
        assert_eq!(hex::encode(info.encode()), YUBIKEY_5);
    }

    #[test]
    fn decodes_a_ctap20_key() {
        let info = AuthenticatorInfo::decode(&bytes_of(CTAP20)).unwrap();
        assert_eq!(info.versions, ["U2F_V2", "FIDO_2_0"]);
        assert_eq!(info.aaguid_string(), "cb69481e-8ff7-4039-93ec-0a2729a154a8");
        assert_eq!(info.option("clientPin"), Some(false));
        assert_eq!(info.pin_uv_auth_protocols, [1]);
        assert_eq!(info.firmware_version, None);
        assert!(info.algorithms.is_empty());
        assert_eq!(hex::encode(info.encode()), CTAP20);

        // The least a key may send: versions and aaguid.
        let minimal = AuthenticatorInfo::from_value(&with(vec![])).unwrap();
        assert_eq!(minimal.versions, ["FIDO_2_1"]);
        assert!(minimal.options.is_empty() && minimal.max_msg_size.is_none());
        assert_eq!(minimal.aaguid_string(), "07070707-0707-0707-0707-070707070707");
    }

    #[test]
    fn unknown_keys_and_options_are_kept_and_sent_back() {
        let raw = bytes_of(concat!(
            "a4",
            "0181684649444f5f325f30",                 // versions [FIDO_2_0]
            "035000000000000000000000000000000000",   // aaguid, all zero
            "04a262726bf56b76656e646f725468696e67f5", // options {rk: true, vendorThing: true}
            "1842a16178820102",                       // 0x42: {"x": [1, 2]}
        ));
        let info = AuthenticatorInfo::decode(&raw).unwrap();
        assert_eq!(info.option("vendorThing"), Some(true));
        assert_eq!(info.unknown.get(&0x42).map(String::as_str), Some("a16178820102"));
        assert_eq!(info.aaguid_string(), "00000000-0000-0000-0000-000000000000");
        assert_eq!(info.encode(), raw);

        // A negative key is odd but representable, so it is kept too.
        let v = with(vec![(-3, Some(text("?")))]);
        let info = AuthenticatorInfo::from_value(&v).unwrap();
        assert_eq!(info.unknown.get(&-3).map(String::as_str), Some("613f"));
    }

    #[test]
    fn every_field_round_trips_canonically() {
        let info = AuthenticatorInfo {
            versions: vec!["FIDO_2_1".into(), "FIDO_2_2".into()],
            extensions: vec!["credProtect".into()],
            aaguid: [0xab; 16],
            options: [("rk".to_string(), true), ("uv".to_string(), false)].into(),
            max_msg_size: Some(7609),
            pin_uv_auth_protocols: vec![2],
            max_credential_count_in_list: Some(10),
            max_credential_id_length: Some(255),
            transports: vec!["usb".into()],
            algorithms: vec![Algorithm { alg: -7, kind: "public-key".into() }],
            unknown_algorithms: vec!["a163616c6720".into()], // {"alg": -1}, no type
            max_serialized_large_blob_array: Some(4096),
            force_pin_change: Some(true),
            min_pin_length: Some(6),
            firmware_version: Some(u64::MAX),
            max_cred_blob_length: Some(64),
            max_rp_ids_for_set_min_pin_length: Some(4),
            preferred_platform_uv_attempts: Some(3),
            uv_modality: Some(2),
            certifications: [("FIDO".to_string(), 2), ("FIPS-CMVP-2".to_string(), 2)].into(),
            remaining_discoverable_credentials: Some(0),
            vendor_prototype_config_commands: vec![0xffff_ffff_ffff],
            attestation_formats: vec!["packed".into(), "none".into()],
            uv_count_since_last_pin_entry: Some(1),
            long_touch_for_reset: Some(false),
            enc_identifier: Some(vec![1, 2, 3]),
            transports_for_reset: vec!["usb".into()],
            pin_complexity_policy: Some(true),
            pin_complexity_policy_url: Some(b"https://example.com/pin".to_vec()),
            max_pin_length: Some(63),
            enc_cred_store_state: Some(vec![0xff; 32]),
            authenticator_config_commands: vec![1, 2, 3],
            unknown: [(0x20, "f5".to_string()), (0x42, "00".to_string())].into(),
        };
        let bytes = info.encode();
        assert!(cbor::is_canonical(&bytes));
        assert_eq!(AuthenticatorInfo::decode(&bytes).unwrap(), info);
        assert_eq!(info.pin_complexity_policy_url_text(), Some("https://example.com/pin"));
        // One entry per field: 31 known keys + 2 unknown.
        match info.to_value() {
            Value::Map(m) => assert_eq!(m.len(), 33),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn empty_and_none_fields_are_left_out() {
        let info = AuthenticatorInfo { versions: vec!["FIDO_2_0".into()], ..Default::default() };
        // {1: ["FIDO_2_0"], 3: h'00..00'}
        assert_eq!(hex::encode(info.encode()), "a20181684649444f5f325f30035000000000000000000000000000000000");
        // Unknown entries that could not have come from a key are dropped, not sent.
        let odd =
            AuthenticatorInfo { unknown: [(0x01, "f5".to_string()), (0x50, "zz".to_string())].into(), ..info.clone() };
        assert_eq!(odd.encode(), info.encode());
    }

    #[test]
    fn algorithms_of_unknown_shape_are_kept() {
        let v = with(vec![(
            key::ALGORITHMS,
            Some(Value::Array(vec![
                Value::Map(vec![(text("alg"), int(-8)), (text("type"), text("public-key"))]),
                // Extra members are ignored, as WebAuthn asks.
                Value::Map(vec![(text("alg"), int(-7)), (text("type"), text("public-key")), (text("x"), int(1))]),
                Value::Map(vec![(text("alg"), uint(u64::MAX))]), // alg beyond i64, no type
                text("ES256"),
            ])),
        )]);
        let info = AuthenticatorInfo::from_value(&v).unwrap();
        assert_eq!(info.algorithms.iter().map(|a| a.alg).collect::<Vec<_>>(), [-8, -7]);
        assert_eq!(info.unknown_algorithms, ["a163616c671bffffffffffffffff", "654553323536"]);
    }

    #[test]
    fn missing_required_fields_are_errors_naming_them() {
        let no_versions = int_map([(key::AAGUID, Some(cbor::bytes(&[0; 16])))]);
        let err = AuthenticatorInfo::from_value(&no_versions).unwrap_err();
        assert_eq!(err, GetInfoError::Missing { field: "versions", key: 1 });
        assert!(err.to_string().contains("versions"));

        let no_aaguid = int_map([(key::VERSIONS, Some(Value::Array(vec![])))]);
        let err = AuthenticatorInfo::from_value(&no_aaguid).unwrap_err();
        assert_eq!(err, GetInfoError::Missing { field: "aaguid", key: 3 });
    }

    #[test]
    fn a_short_aaguid_is_an_error() {
        let v = int_map([
            (key::VERSIONS, Some(Value::Array(vec![text("FIDO_2_0")]))),
            (key::AAGUID, Some(cbor::bytes(&[0; 15]))),
        ]);
        let err = AuthenticatorInfo::from_value(&v).unwrap_err();
        assert_eq!(err, GetInfoError::AaguidLength(15));
        assert!(err.to_string().contains("15 bytes"));
    }

    #[test]
    fn wrong_types_are_errors_naming_the_key() {
        let cases: Vec<(Extra, GetInfoError)> = vec![
            (vec![(key::OPTIONS, Some(Value::Array(vec![])))], GetInfoError::WrongType { field: "options", key: 4 }),
            (
                vec![(key::OPTIONS, Some(Value::Map(vec![(text("rk"), uint(1))])))],
                GetInfoError::WrongType { field: "options", key: 4 },
            ),
            (
                vec![(key::OPTIONS, Some(Value::Map(vec![(uint(1), Value::Bool(true))])))],
                GetInfoError::WrongType { field: "options", key: 4 },
            ),
            (vec![(key::MAX_MSG_SIZE, Some(text("1200")))], GetInfoError::WrongType { field: "maxMsgSize", key: 5 }),
            (
                vec![(key::EXTENSIONS, Some(Value::Array(vec![uint(1)])))],
                GetInfoError::WrongType { field: "extensions", key: 2 },
            ),
            (
                vec![(key::ALGORITHMS, Some(Value::Map(vec![])))],
                GetInfoError::WrongType { field: "algorithms", key: 10 },
            ),
            (
                vec![(key::FORCE_PIN_CHANGE, Some(uint(0)))],
                GetInfoError::WrongType { field: "forcePINChange", key: 12 },
            ),
            (
                vec![(key::ENC_IDENTIFIER, Some(text("abc")))],
                GetInfoError::WrongType { field: "encIdentifier", key: 0x19 },
            ),
            (
                vec![(key::CERTIFICATIONS, Some(Value::Map(vec![(text("FIDO"), text("L1"))])))],
                GetInfoError::WrongType { field: "certifications", key: 0x13 },
            ),
            (
                vec![(key::PIN_COMPLEXITY_POLICY_URL, Some(text("https://example.com")))],
                GetInfoError::WrongType { field: "pinComplexityPolicyURL", key: 0x1c },
            ),
        ];
        for (extra, expected) in cases {
            let err = AuthenticatorInfo::from_value(&with(extra)).unwrap_err();
            assert_eq!(err, expected);
        }
        let err = AuthenticatorInfo::from_value(&with(vec![(key::OPTIONS, Some(uint(1)))])).unwrap_err();
        assert_eq!(err.to_string(), "the key's getInfo field options (0x04) has the wrong type");

        let versions_as_text =
            int_map([(key::VERSIONS, Some(text("FIDO_2_0"))), (key::AAGUID, Some(cbor::bytes(&[0; 16])))]);
        assert_eq!(
            AuthenticatorInfo::from_value(&versions_as_text),
            Err(GetInfoError::WrongType { field: "versions", key: 1 })
        );
    }

    #[test]
    fn numbers_that_do_not_fit_are_errors() {
        for (k, v) in [
            (key::MAX_MSG_SIZE, int(-1)),
            (key::PIN_UV_AUTH_PROTOCOLS, Value::Array(vec![int(-2)])),
            (key::CERTIFICATIONS, Value::Map(vec![(text("FIDO"), int(-1))])),
        ] {
            let err = AuthenticatorInfo::from_value(&with(vec![(k, Some(v))])).unwrap_err();
            assert_eq!(err, GetInfoError::OutOfRange { field: field_name(k), key: k });
        }
        // -2^64 in CBOR: major type 1 with the largest argument; fits neither u64 nor i64.
        let mut raw = bytes_of("a3");
        raw.extend(bytes_of("0181684649444f5f325f30035000000000000000000000000000000000"));
        raw.extend(bytes_of("053bffffffffffffffff"));
        assert_eq!(AuthenticatorInfo::decode(&raw), Err(GetInfoError::OutOfRange { field: "maxMsgSize", key: 5 }));
    }

    #[test]
    fn hostile_shapes_do_not_panic() {
        assert_eq!(AuthenticatorInfo::decode(&[0x80]), Err(GetInfoError::NotAMap));
        assert!(matches!(AuthenticatorInfo::decode(&[]), Err(GetInfoError::Cbor(_))));
        assert!(matches!(AuthenticatorInfo::decode(&[0xa1, 0x01]), Err(GetInfoError::Cbor(_))));
        // A text key at the top level: CTAP uses integer keys only.
        let v = with(vec![]);
        let Value::Map(mut m) = v else { unreachable!() };
        m.push((text("versions"), Value::Array(vec![])));
        assert_eq!(
            AuthenticatorInfo::from_value(&Value::Map(m)),
            Err(GetInfoError::BadKey("6876657273696f6e73".into()))
        );
        // A key past i64::MAX cannot be kept as an i64.
        let v = Value::Map(vec![(uint(u64::MAX), Value::Null)]);
        assert!(matches!(AuthenticatorInfo::from_value(&v), Err(GetInfoError::BadKey(_))));
        // Every prefix of a real answer fails cleanly.
        let full = bytes_of(YUBIKEY_5);
        for n in 0..full.len() {
            assert!(AuthenticatorInfo::decode(&full[..n]).is_err(), "{n}");
        }
    }

    #[test]
    fn json_uses_snake_case_uuid_and_base64url() {
        let mut info = AuthenticatorInfo::decode(&bytes_of(YUBIKEY_5)).unwrap();
        info.enc_identifier = Some(vec![0xfb, 0xff]);
        let json = serde_json::to_value(&info).unwrap();
        assert_eq!(json["aaguid"], "2fc0579f-8113-47ea-b116-bb5a8db9202a");
        assert_eq!(json["firmware_version"], 329472);
        assert_eq!(json["max_msg_size"], 1200);
        assert_eq!(json["options"]["clientPin"], true);
        assert_eq!(json["algorithms"][0]["alg"], -7);
        assert_eq!(json["algorithms"][0]["type"], "public-key");
        assert_eq!(json["enc_identifier"], "-_8");
        // None and empty are left out.
        for absent in ["uv_modality", "certifications", "unknown", "unknown_algorithms", "enc_cred_store_state"] {
            assert!(json.get(absent).is_none(), "{absent}");
        }
        let text = serde_json::to_string(&info).unwrap();
        assert!(text.contains("\"pin_uv_auth_protocols\":[2,1]"));
        assert!(!text.contains("null"));
    }

    /// python-fido2 2.2.1 `cbor.encode(dict(Info(...)))` with every CTAP 2.2 field (0x16-0x1F)
    /// set (and its defaults for the rest): the key numbers agree with its `Info` class.
    #[test]
    fn ctap22_fields_as_python_fido2_encodes_them() {
        let h = concat!(
            "b81e0181684649444f5f325f32028003500000000000000000000000000000000004a00519040006800700080009800a800b000cf40d04",
            "0e000f0010001100120013a015801682667061636b6564646e6f6e6517031818f5181958200101010101010101010101010101010101",
            "010101010101010101010101010101181a8263757362636e6663181bf5181c581a68747470733a2f2f70696e2e6578616d706c652f70",
            "6f6c696379181d1820181e58200202020202020202020202020202020202020202020202020202020202020202181f83010203",
        );
        let info = AuthenticatorInfo::decode(&bytes_of(h)).unwrap();
        assert_eq!(info.attestation_formats, ["packed", "none"]);
        assert_eq!(info.uv_count_since_last_pin_entry, Some(3));
        assert_eq!(info.long_touch_for_reset, Some(true));
        assert_eq!(info.enc_identifier, Some(vec![1; 32]));
        assert_eq!(info.transports_for_reset, ["usb", "nfc"]);
        assert_eq!(info.pin_complexity_policy, Some(true));
        assert_eq!(info.pin_complexity_policy_url_text(), Some("https://pin.example/policy"));
        assert_eq!(info.max_pin_length, Some(32));
        assert_eq!(info.enc_cred_store_state, Some(vec![2; 32]));
        assert_eq!(info.authenticator_config_commands, [1, 2, 3]);
        assert!(info.unknown.is_empty());
        // A 32-byte field decrypts (to something); a hostile length never does.
        assert!(info.identifier(&[9; 32]).is_some());
        let short = AuthenticatorInfo { enc_identifier: Some(vec![1; 31]), ..info.clone() };
        assert_eq!(short.identifier(&[9; 32]), None);
        assert!(!info.per_cred_mgmt_read_only());
    }
}
