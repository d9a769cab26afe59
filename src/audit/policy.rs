//! The audit policy: a TOML file of flat settings, each one rule. A setting left out is a rule not
//! checked; a setting fidoctl does not know is an error (a typo must not silently weaken an audit).
//!
//! ```toml
//! require_pin = true              # clientPin must be set (and not blocked)
//! min_pin_length = 8              # the key's minPINLength must be at least this (4..=63)
//! require_always_uv = false       # true: alwaysUv must be on
//! allowed_aaguids = []            # empty = any; otherwise the AAGUID must be listed
//! denied_aaguids = []             # the AAGUID must not be listed
//! min_ctap_version = "2.1"        # "2.0" or "2.1"; FIDO_2_1_PRE counts as 2.0
//! require_pin_protocol_2 = false  # true: pinUvAuthProtocols must include 2
//! forbid_known_vulnerable = true  # built-in advisories table (+ metadata status reports with --mds)
//! require_certified = false       # true: FIDO certified per the metadata (needs --mds)
//! max_failed_pin_attempts = 0     # 8 (assumed maximum) minus the PIN retries left, at most this
//! credentials_unchanged_since_enrolment = true  # CTAP 2.2 credential-store state as the stored token saw it
//! max_credentials = 10            # at most this many discoverable credentials
//! allowed_rp_ids = ["example.com"]  # discoverable credentials only for these sites (empty = any)
//! ```
//!
//! The last three read the credentials, which a key shows only to its PIN or to a persistent
//! read-only token (`fidoctl token create --read-only`, CTAP 2.2): the audit never asks for a
//! PIN, so without a stored token that matches the key they are `unknown`.
//!
//! An `[enroll]` table says what `fidoctl enroll` applies to reach the standard (see
//! [`EnrollPolicy`]); the flat settings above it stay the audit's rules:
//!
//! ```toml
//! [enroll]
//! min_pin_length = 8                 # raise minPINLength to this (4..=63)
//! rp_ids = ["example.com"]           # sites that may read the minimum (minPinLength extension)
//! always_uv = true                   # turn always-UV on
//! enterprise_attestation = false     # true: enable enterprise attestation
//! force_pin_change = true            # last step: the operator's PIN is a one-time PIN
//! require_fresh_key = true           # refuse a key that already has a PIN
//! optional = ["enterprise_attestation"]  # steps a key may lack without stopping enrolment
//! ```
//!
//! `false` for a `require_*` / `forbid_*` / `credentials_unchanged_since_enrolment` setting, and
//! an empty `allowed_aaguids` / `denied_aaguids` / `allowed_rp_ids`, check nothing, exactly like
//! leaving the setting out (`max_credentials = 0` is how to allow no credentials at all).
//!
//! # The default policy
//! Without `--policy`, [`Policy::default_policy`] applies: `require_pin = true` and
//! `forbid_known_vulnerable = true`, nothing else. Those two hold for any key an organisation
//! should hand out, whatever its model or CTAP level: a key without a PIN signs in for whoever
//! holds it, and a key on the advisories list has a published weakness with a firmware fix. Every
//! other rule depends on the fleet (models, CTAP levels, PIN rules) and must be chosen in a file.

use std::fmt;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::canonical_aaguid;
use super::facts::{CtapLevel, ASSUMED_MAX_PIN_RETRIES};

/// The setting names, in the order the rules are evaluated and reported.
pub const SETTINGS: &[&str] = &[
    "require_pin",
    "min_pin_length",
    "require_always_uv",
    "allowed_aaguids",
    "denied_aaguids",
    "min_ctap_version",
    "require_pin_protocol_2",
    "forbid_known_vulnerable",
    "require_certified",
    "max_failed_pin_attempts",
    "credentials_unchanged_since_enrolment",
    "max_credentials",
    "allowed_rp_ids",
];

/// The settings of the `[enroll]` table.
pub const ENROLL_SETTINGS: &[&str] = &[
    "min_pin_length",
    "rp_ids",
    "always_uv",
    "enterprise_attestation",
    "force_pin_change",
    "require_fresh_key",
    "optional",
];

/// The enrolment steps `optional` may name: the settings a key may not offer.
pub const OPTIONAL_STEPS: &[&str] = &["min_pin_length", "always_uv", "enterprise_attestation", "force_pin_change"];

/// The smallest PIN any CTAP2 key accepts (4 Unicode code points) and the largest (63 bytes).
pub const CTAP_MIN_PIN_LENGTH: u32 = 4;
pub const CTAP_MAX_PIN_LENGTH: u32 = 63;

/// A minimum CTAP version a policy can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum CtapVersion {
    #[serde(rename = "2.0")]
    V2_0,
    #[serde(rename = "2.1")]
    V2_1,
}

impl CtapVersion {
    pub fn level(self) -> CtapLevel {
        match self {
            CtapVersion::V2_0 => (2, 0),
            CtapVersion::V2_1 => (2, 1),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CtapVersion::V2_0 => "2.0",
            CtapVersion::V2_1 => "2.1",
        }
    }
}

impl<'de> Deserialize<'de> for CtapVersion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        match text.trim() {
            "2.0" => Ok(CtapVersion::V2_0),
            "2.1" => Ok(CtapVersion::V2_1),
            other => Err(de::Error::custom(format!("must be \"2.0\" or \"2.1\", not \"{other}\""))),
        }
    }
}

/// The policy. Every field optional: `None` = the rule is not checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Policy {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub require_pin: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_pin_length: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub require_always_uv: Option<bool>,
    /// Canonical (lowercase) AAGUIDs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_aaguids: Option<Vec<String>>,
    /// Canonical (lowercase) AAGUIDs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub denied_aaguids: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_ctap_version: Option<CtapVersion>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub require_pin_protocol_2: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forbid_known_vulnerable: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub require_certified: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_failed_pin_attempts: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credentials_unchanged_since_enrolment: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_credentials: Option<u32>,
    /// RP ids as written (compared ignoring ASCII case).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_rp_ids: Option<Vec<String>>,
    /// The `[enroll]` table, when the file has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enroll: Option<EnrollPolicy>,
}

/// What `fidoctl enroll` applies (the `[enroll]` table). Left out = not applied.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EnrollPolicy {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_pin_length: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rp_ids: Vec<String>,
    pub always_uv: bool,
    pub enterprise_attestation: bool,
    pub force_pin_change: bool,
    pub require_fresh_key: bool,
    /// Steps (from [`OPTIONAL_STEPS`]) a key may lack: skipped instead of stopping enrolment.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub optional: Vec<String>,
}

impl EnrollPolicy {
    pub fn is_optional(&self, step: &str) -> bool {
        self.optional.iter().any(|s| s == step)
    }
}

/// A policy file that cannot be used: where, which setting, and why, in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    /// 1-based line in the policy file, when known.
    pub line: Option<usize>,
    /// The setting concerned, when known.
    pub key: Option<String>,
    /// What is wrong (names the setting).
    pub message: String,
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for PolicyError {}

// ---- parsing -------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    require_pin: Option<bool>,
    min_pin_length: Option<MinPinLength>,
    require_always_uv: Option<bool>,
    allowed_aaguids: Option<Vec<Spanned<Aaguid>>>,
    denied_aaguids: Option<Vec<Spanned<Aaguid>>>,
    min_ctap_version: Option<CtapVersion>,
    require_pin_protocol_2: Option<bool>,
    forbid_known_vulnerable: Option<bool>,
    require_certified: Option<bool>,
    max_failed_pin_attempts: Option<MaxFailed>,
    credentials_unchanged_since_enrolment: Option<bool>,
    max_credentials: Option<MaxCredentials>,
    allowed_rp_ids: Option<Vec<Spanned<String>>>,
    enroll: Option<RawEnroll>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEnroll {
    min_pin_length: Option<MinPinLength>,
    rp_ids: Option<Vec<Spanned<String>>>,
    always_uv: Option<bool>,
    enterprise_attestation: Option<bool>,
    force_pin_change: Option<bool>,
    require_fresh_key: Option<bool>,
    optional: Option<Vec<Spanned<String>>>,
}

struct Aaguid(String);

impl<'de> Deserialize<'de> for Aaguid {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        canonical_aaguid(&text).map(Aaguid).ok_or_else(|| {
            de::Error::custom(format!(
                "\"{text}\" is not an AAGUID (expected 32 hex digits as 8-4-4-4-12, \
                 e.g. \"cb69481e-8ff7-4039-93ec-0a2729a154a8\")"
            ))
        })
    }
}

struct MinPinLength(u32);

impl<'de> Deserialize<'de> for MinPinLength {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let n = i64::deserialize(deserializer)?;
        if (i64::from(CTAP_MIN_PIN_LENGTH)..=i64::from(CTAP_MAX_PIN_LENGTH)).contains(&n) {
            Ok(MinPinLength(n as u32))
        } else {
            Err(de::Error::custom(format!(
                "must be between {CTAP_MIN_PIN_LENGTH} and {CTAP_MAX_PIN_LENGTH} (CTAP PINs are at least \
                 {CTAP_MIN_PIN_LENGTH} characters and at most {CTAP_MAX_PIN_LENGTH} bytes), not {n}"
            )))
        }
    }
}

struct MaxFailed(u32);

impl<'de> Deserialize<'de> for MaxFailed {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let n = i64::deserialize(deserializer)?;
        if (0..=i64::from(ASSUMED_MAX_PIN_RETRIES)).contains(&n) {
            Ok(MaxFailed(n as u32))
        } else {
            Err(de::Error::custom(format!(
                "must be between 0 and {ASSUMED_MAX_PIN_RETRIES} (fidoctl assumes a key allows \
                 {ASSUMED_MAX_PIN_RETRIES} PIN retries), not {n}"
            )))
        }
    }
}

/// Any whole number a key's credential count can be compared with.
struct MaxCredentials(u32);

impl<'de> Deserialize<'de> for MaxCredentials {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let n = i64::deserialize(deserializer)?;
        u32::try_from(n).map(MaxCredentials).map_err(|_| {
            de::Error::custom(format!("must be a whole number from 0 (no discoverable credentials at all), not {n}"))
        })
    }
}

/// Whether `id` can name a site: not empty, at most 253 bytes, no spaces or control characters.
fn is_site_name(id: &str) -> bool {
    !id.is_empty() && id.len() <= 253 && !id.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The `allowed_rp_ids` list, each entry checked.
fn site_list(text: &str, key: &str, items: Vec<Spanned<String>>) -> Result<Vec<String>, PolicyError> {
    items
        .into_iter()
        .map(|id| {
            if is_site_name(id.get_ref()) {
                Ok(id.into_inner())
            } else {
                Err(PolicyError {
                    line: Some(line_of(text, id.span().start)),
                    key: Some(key.into()),
                    message: format!(
                        "{key}: {:?} is not a site name (write an RP id, e.g. \"example.com\")",
                        id.get_ref()
                    ),
                })
            }
        })
        .collect()
}

impl Policy {
    /// What applies when no `--policy` is given: a PIN must be set and the key must not be on the
    /// advisories list (or, with `--mds`, have a compromise status report). See the module docs.
    pub fn default_policy() -> Policy {
        Policy { require_pin: Some(true), forbid_known_vulnerable: Some(true), ..Policy::default() }
    }

    /// Parse a policy file's text. Errors name the line and the setting.
    pub fn from_toml(text: &str) -> Result<Policy, PolicyError> {
        let raw: RawPolicy = toml::from_str(text).map_err(|e| describe_toml_error(text, &e))?;
        let list = |v: &Option<Vec<Spanned<Aaguid>>>| {
            v.as_ref().map(|items| items.iter().map(|s| s.get_ref().0.clone()).collect::<Vec<_>>())
        };
        if let (Some(allowed), Some(denied)) = (&raw.allowed_aaguids, &raw.denied_aaguids) {
            for d in denied {
                if allowed.iter().any(|a| a.get_ref().0 == d.get_ref().0) {
                    return Err(PolicyError {
                        line: Some(line_of(text, d.span().start)),
                        key: Some("denied_aaguids".into()),
                        message: format!(
                            "denied_aaguids: {} is also in allowed_aaguids; a key cannot be both allowed \
                             and denied",
                            d.get_ref().0
                        ),
                    });
                }
            }
        }
        let allowed_rp_ids = raw.allowed_rp_ids.map(|v| site_list(text, "allowed_rp_ids", v)).transpose()?;
        let top_min = raw.min_pin_length.is_some();
        let enroll = raw.enroll.map(|e| enroll_from_raw(text, e, top_min)).transpose()?;
        Ok(Policy {
            enroll,
            require_pin: raw.require_pin,
            min_pin_length: raw.min_pin_length.map(|m| m.0),
            require_always_uv: raw.require_always_uv,
            allowed_aaguids: list(&raw.allowed_aaguids),
            denied_aaguids: list(&raw.denied_aaguids),
            min_ctap_version: raw.min_ctap_version,
            require_pin_protocol_2: raw.require_pin_protocol_2,
            forbid_known_vulnerable: raw.forbid_known_vulnerable,
            require_certified: raw.require_certified,
            max_failed_pin_attempts: raw.max_failed_pin_attempts.map(|m| m.0),
            credentials_unchanged_since_enrolment: raw.credentials_unchanged_since_enrolment,
            max_credentials: raw.max_credentials.map(|m| m.0),
            allowed_rp_ids,
        })
    }

    /// Whether any rule needs the FIDO metadata (`--mds`).
    pub fn needs_metadata(&self) -> bool {
        self.require_certified == Some(true)
    }
}

/// `top_min`: the audit rules set min_pin_length (which enrolment also reaches).
fn enroll_from_raw(text: &str, raw: RawEnroll, top_min: bool) -> Result<EnrollPolicy, PolicyError> {
    let strings = |v: Option<Vec<Spanned<String>>>| v.unwrap_or_default();
    let rp_ids = strings(raw.rp_ids);
    for id in &rp_ids {
        let t = id.get_ref();
        if !is_site_name(t) {
            return Err(PolicyError {
                line: Some(line_of(text, id.span().start)),
                key: Some("rp_ids".into()),
                message: format!("[enroll] rp_ids: {t:?} is not a site name (write a domain, e.g. \"example.com\")"),
            });
        }
    }
    let optional = strings(raw.optional);
    for step in &optional {
        if !OPTIONAL_STEPS.contains(&step.get_ref().as_str()) {
            return Err(PolicyError {
                line: Some(line_of(text, step.span().start)),
                key: Some("optional".into()),
                message: format!(
                    "[enroll] optional: {:?} is not a step that can be optional; use: {}",
                    step.get_ref(),
                    OPTIONAL_STEPS.join(", ")
                ),
            });
        }
    }
    let min_pin_length = raw.min_pin_length.map(|m| m.0);
    if !rp_ids.is_empty() && min_pin_length.is_none() && !top_min {
        return Err(PolicyError {
            line: Some(line_of(text, rp_ids[0].span().start)),
            key: Some("rp_ids".into()),
            message: "[enroll] rp_ids needs a min_pin_length (in [enroll] or as a rule): the sites are told the minimum when it is raised".into(),
        });
    }
    Ok(EnrollPolicy {
        min_pin_length,
        rp_ids: rp_ids.into_iter().map(Spanned::into_inner).collect(),
        always_uv: raw.always_uv.unwrap_or(false),
        enterprise_attestation: raw.enterprise_attestation.unwrap_or(false),
        force_pin_change: raw.force_pin_change.unwrap_or(false),
        require_fresh_key: raw.require_fresh_key.unwrap_or(false),
        optional: optional.into_iter().map(Spanned::into_inner).collect(),
    })
}

/// The table (`[name]`) a line is in; `None` for the top level.
fn table_of_line(text: &str, line: usize) -> Option<String> {
    let mut table = None;
    for l in text.lines().take(line) {
        let t = l.trim();
        if let Some(name) = t.strip_prefix('[').and_then(|r| r.split(']').next()) {
            table = Some(name.trim().to_string());
        }
    }
    table
}

/// 1-based line number of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset].iter().filter(|b| **b == b'\n').count() + 1
}

/// The setting named on a line (`key = value`), if any.
fn key_on_line(text: &str, line: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let (key, _) = l.split_once('=')?;
    let key = key.trim().trim_matches('"').trim_matches('\'');
    (!key.is_empty() && !key.starts_with('#')).then(|| key.to_string())
}

fn describe_toml_error(text: &str, err: &toml::de::Error) -> PolicyError {
    let line = err.span().map(|s| line_of(text, s.start));
    let raw = err.message().trim().to_string();

    let in_enroll = line.and_then(|l| table_of_line(text, l)).as_deref() == Some("enroll");
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let name = rest.split('`').next().unwrap_or_default().to_string();
        let header = line.and_then(|l| text.lines().nth(l - 1)).is_some_and(|l| l.trim_start().starts_with('['));
        let message = if header {
            format!("unknown table [{name}]; the only table a policy file may contain is [enroll]")
        } else if in_enroll {
            format!("unknown setting `{name}` in [enroll]; it may only contain: {}", ENROLL_SETTINGS.join(", "))
        } else {
            format!("unknown setting `{name}`; a policy file may only contain: {}", SETTINGS.join(", "))
        };
        return PolicyError { line, key: Some(name), message };
    }

    let known = if in_enroll { ENROLL_SETTINGS } else { SETTINGS };
    let key = line.and_then(|l| key_on_line(text, l)).filter(|k| known.contains(&k.as_str()));
    let message = match key.as_deref() {
        Some(key) => {
            let expected = match key {
                "always_uv" | "enterprise_attestation" | "force_pin_change" | "require_fresh_key" => {
                    "true or false".to_string()
                }
                "rp_ids" | "allowed_rp_ids" => "a list of site names".to_string(),
                "optional" => format!("a list of step names ({})", OPTIONAL_STEPS.join(", ")),
                "require_pin"
                | "require_always_uv"
                | "require_pin_protocol_2"
                | "forbid_known_vulnerable"
                | "require_certified"
                | "credentials_unchanged_since_enrolment" => "true or false".to_string(),
                "max_credentials" => "a whole number from 0".to_string(),
                "min_pin_length" => format!("a whole number from {CTAP_MIN_PIN_LENGTH} to {CTAP_MAX_PIN_LENGTH}"),
                "max_failed_pin_attempts" => format!("a whole number from 0 to {ASSUMED_MAX_PIN_RETRIES}"),
                "allowed_aaguids" | "denied_aaguids" => "a list of AAGUID strings".to_string(),
                _ => "\"2.0\" or \"2.1\"".to_string(),
            };
            let key = if in_enroll { format!("[enroll] {key}") } else { key.to_string() };
            if let Some(found) = raw.strip_prefix("invalid type: ") {
                let found = found.split(", expected").next().unwrap_or(found);
                format!("{key} must be {expected}, not {found}")
            } else if raw.starts_with("must ") {
                format!("{key} {raw}")
            } else {
                format!("{key}: {raw}")
            }
        }
        None => format!("not a valid policy file: {raw}"),
    };
    PolicyError { line, key, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"
require_pin = true              # clientPin must be set
min_pin_length = 8              # the key's minPINLength must be at least this
require_always_uv = false
allowed_aaguids = []            # empty = any; otherwise the AAGUID must be listed
denied_aaguids = []
min_ctap_version = "2.1"        # "2.0" or "2.1"
require_pin_protocol_2 = false
forbid_known_vulnerable = true  # advisories table
require_certified = false       # needs --mds
max_failed_pin_attempts = 0     # max retries minus retries left
"#;

    #[test]
    fn parses_the_issue_example() {
        let p = Policy::from_toml(EXAMPLE).unwrap();
        assert_eq!(p.require_pin, Some(true));
        assert_eq!(p.min_pin_length, Some(8));
        assert_eq!(p.require_always_uv, Some(false));
        assert_eq!(p.allowed_aaguids, Some(vec![]));
        assert_eq!(p.min_ctap_version, Some(CtapVersion::V2_1));
        assert_eq!(p.max_failed_pin_attempts, Some(0));
        assert!(!p.needs_metadata());
    }

    #[test]
    fn empty_file_checks_nothing() {
        assert_eq!(Policy::from_toml("# nothing\n").unwrap(), Policy::default());
    }

    #[test]
    fn default_policy_is_pin_and_advisories() {
        let p = Policy::default_policy();
        assert_eq!(p.require_pin, Some(true));
        assert_eq!(p.forbid_known_vulnerable, Some(true));
        assert_eq!(p.min_pin_length, None);
        assert_eq!(p.require_certified, None);
        assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"require_pin":true,"forbid_known_vulnerable":true}"#);
    }

    #[test]
    fn aaguids_are_canonicalised() {
        let p = Policy::from_toml("allowed_aaguids = [\"CB69481E8FF7403993EC0A2729A154A8\"]\n").unwrap();
        assert_eq!(p.allowed_aaguids, Some(vec!["cb69481e-8ff7-4039-93ec-0a2729a154a8".to_string()]));
    }

    #[test]
    fn unknown_key_is_an_error_naming_it_and_its_line() {
        let err = Policy::from_toml("require_pin = true\nrequire_pni = true\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert_eq!(err.key.as_deref(), Some("require_pni"));
        assert!(err.message.contains("unknown setting `require_pni`"), "{err}");
        assert!(err.message.contains("require_pin, min_pin_length"), "{err}");
        assert!(err.to_string().starts_with("line 2: "), "{err}");

        let err = Policy::from_toml("[rules]\nrequire_pin = true\n").unwrap_err();
        assert_eq!(err.key.as_deref(), Some("rules"), "{err}");
    }

    #[test]
    fn wrong_type_is_an_error_naming_the_key() {
        let err = Policy::from_toml("\nrequire_pin = \"yes\"\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert_eq!(err.key.as_deref(), Some("require_pin"));
        assert_eq!(err.message, "require_pin must be true or false, not string \"yes\"");

        let err = Policy::from_toml("min_pin_length = \"8\"\n").unwrap_err();
        assert!(err.message.starts_with("min_pin_length must be a whole number from 4 to 63"), "{err}");

        let err = Policy::from_toml("allowed_aaguids = \"cb69481e-8ff7-4039-93ec-0a2729a154a8\"\n").unwrap_err();
        assert!(err.message.starts_with("allowed_aaguids must be a list of AAGUID strings"), "{err}");
    }

    #[test]
    fn bad_values_are_errors_naming_the_key() {
        let err = Policy::from_toml("min_pin_length = 3\n").unwrap_err();
        assert_eq!(err.line, Some(1));
        assert!(err.message.contains("min_pin_length") && err.message.contains("between 4 and 63"), "{err}");

        let err = Policy::from_toml("min_ctap_version = \"2.2\"\n").unwrap_err();
        assert!(err.message.contains("min_ctap_version") && err.message.contains("\"2.0\" or \"2.1\""), "{err}");

        let err = Policy::from_toml("max_failed_pin_attempts = 9\n").unwrap_err();
        assert!(err.message.contains("between 0 and 8"), "{err}");

        // toml places errors inside an array at the array's key.
        let err = Policy::from_toml("require_pin = true\ndenied_aaguids = [\n  \"abc\",\n]\n").unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
        assert_eq!(err.key.as_deref(), Some("denied_aaguids"));
        assert!(err.message.starts_with("denied_aaguids: \"abc\" is not an AAGUID"), "{err}");
    }

    #[test]
    fn allowed_and_denied_overlap_is_an_error() {
        let text = "allowed_aaguids = [\"cb69481e-8ff7-4039-93ec-0a2729a154a8\"]\n\
                    denied_aaguids = [\"CB69481E-8FF7-4039-93EC-0A2729A154A8\"]\n";
        let err = Policy::from_toml(text).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("both allowed and denied"), "{err}");
    }

    #[test]
    fn the_enroll_table_is_read_beside_the_rules() {
        let text = "require_pin = true\nmin_pin_length = 8\n\n[enroll]\nmin_pin_length = 10\n\
                    rp_ids = [\"example.com\"]\nalways_uv = true\nforce_pin_change = true\n\
                    require_fresh_key = true\noptional = [\"always_uv\"]\n";
        let p = Policy::from_toml(text).unwrap();
        assert_eq!(p.min_pin_length, Some(8));
        let e = p.enroll.unwrap();
        assert_eq!(e.min_pin_length, Some(10));
        assert_eq!(e.rp_ids, ["example.com"]);
        assert!(e.always_uv && e.force_pin_change && e.require_fresh_key && !e.enterprise_attestation);
        assert!(e.is_optional("always_uv") && !e.is_optional("force_pin_change"));
        assert_eq!(Policy::from_toml("[enroll]\n").unwrap().enroll, Some(EnrollPolicy::default()));
        assert_eq!(Policy::from_toml("require_pin = true\n").unwrap().enroll, None);
    }

    #[test]
    fn enroll_errors_name_the_table_the_setting_and_the_line() {
        let err = Policy::from_toml("require_pin = true\n[enroll]\nalways_uv = true\nalway_uv = true\n").unwrap_err();
        assert_eq!((err.line, err.key.as_deref()), (Some(4), Some("alway_uv")), "{err}");
        assert!(
            err.message
                .starts_with("unknown setting `alway_uv` in [enroll]; it may only contain: min_pin_length, rp_ids"),
            "{err}"
        );

        let err = Policy::from_toml("[enroll]\nalways_uv = \"yes\"\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert_eq!(err.message, "[enroll] always_uv must be true or false, not string \"yes\"");

        let err = Policy::from_toml("[enroll]\nmin_pin_length = 99\n").unwrap_err();
        assert!(err.message.starts_with("[enroll] min_pin_length must be between 4 and 63"), "{err}");

        let err = Policy::from_toml("[enroll]\noptional = [\"pin\"]\n").unwrap_err();
        assert_eq!((err.line, err.key.as_deref()), (Some(2), Some("optional")));
        assert!(err.message.contains("\"pin\" is not a step that can be optional"), "{err}");

        let err = Policy::from_toml("[enroll]\nrp_ids = [\"example.com\"]\n").unwrap_err();
        assert!(err.message.contains("rp_ids needs a min_pin_length"), "{err}");
        assert!(Policy::from_toml("min_pin_length = 6\n[enroll]\nrp_ids = [\"example.com\"]\n").is_ok());

        // A rule written below [enroll] belongs to the table, and is not one of its settings.
        let err = Policy::from_toml("[enroll]\nrequire_pin = true\n").unwrap_err();
        assert!(err.message.starts_with("unknown setting `require_pin` in [enroll]"), "{err}");
        // Any other table is still an error at the top level.
        let err = Policy::from_toml("[enrol]\nalways_uv = true\n").unwrap_err();
        assert_eq!(err.key.as_deref(), Some("enrol"), "{err}");
        assert_eq!(
            err.to_string(),
            "line 1: unknown table [enrol]; the only table a policy file may contain is [enroll]"
        );
    }

    #[test]
    fn the_credential_rules_are_read() {
        let text = "credentials_unchanged_since_enrolment = true\nmax_credentials = 0\n\
                    allowed_rp_ids = [\"example.com\", \"ssh:\"]\n";
        let p = Policy::from_toml(text).unwrap();
        assert_eq!(p.credentials_unchanged_since_enrolment, Some(true));
        assert_eq!(p.max_credentials, Some(0));
        assert_eq!(p.allowed_rp_ids, Some(vec!["example.com".to_string(), "ssh:".to_string()]));
        assert_eq!(Policy::from_toml("allowed_rp_ids = []\n").unwrap().allowed_rp_ids, Some(vec![]));
    }

    #[test]
    fn credential_rule_errors_name_the_setting_and_the_line() {
        let err = Policy::from_toml("require_pin = true\nmax_credentials = -1\n").unwrap_err();
        assert_eq!((err.line, err.key.as_deref()), (Some(2), Some("max_credentials")), "{err}");
        assert_eq!(
            err.message,
            "max_credentials must be a whole number from 0 (no discoverable credentials at all), not -1"
        );
        let err = Policy::from_toml("max_credentials = \"ten\"\n").unwrap_err();
        assert_eq!(err.message, "max_credentials must be a whole number from 0, not string \"ten\"");

        let err = Policy::from_toml("\ncredentials_unchanged_since_enrolment = 1\n").unwrap_err();
        assert_eq!((err.line, err.key.as_deref()), (Some(2), Some("credentials_unchanged_since_enrolment")));
        assert_eq!(err.message, "credentials_unchanged_since_enrolment must be true or false, not integer `1`");

        let err = Policy::from_toml("require_pin = true\nallowed_rp_ids = [\"example.com\", \"a b\"]\n").unwrap_err();
        assert_eq!((err.line, err.key.as_deref()), (Some(2), Some("allowed_rp_ids")), "{err}");
        assert_eq!(err.message, "allowed_rp_ids: \"a b\" is not a site name (write an RP id, e.g. \"example.com\")");
        let err = Policy::from_toml("allowed_rp_ids = \"example.com\"\n").unwrap_err();
        assert!(err.message.starts_with("allowed_rp_ids must be a list of site names"), "{err}");

        let err = Policy::from_toml("max_credential = 3\n").unwrap_err();
        assert!(
            err.message.ends_with("credentials_unchanged_since_enrolment, max_credentials, allowed_rp_ids"),
            "{err}"
        );
    }

    #[test]
    fn broken_toml_is_an_error_with_a_line() {
        let err = Policy::from_toml("require_pin = true\nmin_pin_length = \n").unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
        let err = Policy::from_toml("require_pin = true\nrequire_pin = false\n").unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
    }
}
