//! The rules: one [`Verdict`] per policy setting that checks something, each pass / fail /
//! unknown with a plain-sentence reason; the per-key result; the audit's exit code.
//!
//! `unknown` means fidoctl could not tell (the key did not report the fact, or the metadata was
//! not given). It does not fail the audit unless `--strict`: see [`overall`].

use serde::{Deserialize, Serialize};

use super::advisories::{self, Advisory, Applies};
use super::facts::{firmware_text, KeyFacts};
use super::mds::{AttestationError, MetadataBlob, MetadataEntry};
use super::policy::{Policy, CTAP_MIN_PIN_LENGTH};

/// The result of one rule, or of one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Pass,
    Fail,
    Unknown,
}

/// One rule's verdict for one key. `rule` is the policy setting's name (or `genuine`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub rule: String,
    pub result: Outcome,
    pub reason: String,
}

impl Verdict {
    pub fn new(rule: &str, result: Outcome, reason: impl Into<String>) -> Verdict {
        Verdict { rule: rule.to_string(), result, reason: reason.into() }
    }
}

/// The rules `fidoctl enroll` can bring a key into line with (it sets the PIN, raises the
/// minimum length, turns always-UV on). A key failing any other rule is refused before
/// anything is written: no setting changes its model, firmware or history.
pub const ENROLMENT_FIXES: &[&str] = &["require_pin", "min_pin_length", "require_always_uv"];

/// Whether enrolment can fix a failed verdict of `rule`.
pub fn enrolment_can_fix(rule: &str) -> bool {
    ENROLMENT_FIXES.contains(&rule)
}

/// What the metadata says about one key.
#[derive(Debug, Clone, Copy)]
pub enum MetadataView<'a> {
    /// No metadata was given (`--mds` absent).
    NotLoaded,
    /// Metadata was given, but it has no entry for the key's AAGUID.
    NoEntry,
    /// The key's entry.
    Entry(&'a MetadataEntry),
}

impl<'a> MetadataView<'a> {
    /// The view of a key with AAGUID `aaguid` in an optional BLOB.
    pub fn of(blob: Option<&'a MetadataBlob>, aaguid: Option<&str>) -> MetadataView<'a> {
        match blob {
            None => MetadataView::NotLoaded,
            Some(blob) => match aaguid.and_then(|a| blob.entry(a)) {
                Some(entry) => MetadataView::Entry(entry),
                None => MetadataView::NoEntry,
            },
        }
    }

    fn entry(self) -> Option<&'a MetadataEntry> {
        match self {
            MetadataView::Entry(e) => Some(e),
            _ => None,
        }
    }
}

/// Evaluate every rule the policy sets. `metadata`: the key's metadata entry, `None` when no
/// metadata was given (use [`evaluate_with_blob`] to tell "no --mds" from "not in the metadata").
pub fn evaluate(
    policy: &Policy,
    facts: &KeyFacts,
    metadata: Option<&MetadataEntry>,
    advisories: &[Advisory],
) -> Vec<Verdict> {
    let view = metadata.map_or(MetadataView::NotLoaded, MetadataView::Entry);
    evaluate_view(policy, facts, view, advisories)
}

/// Like [`evaluate`], looking the key up in the BLOB itself.
pub fn evaluate_with_blob(
    policy: &Policy,
    facts: &KeyFacts,
    blob: Option<&MetadataBlob>,
    advisories: &[Advisory],
) -> Vec<Verdict> {
    evaluate_view(policy, facts, MetadataView::of(blob, facts.model_aaguid()), advisories)
}

/// Evaluate every rule the policy sets, in the order of [`crate::audit::policy::SETTINGS`].
pub fn evaluate_view(
    policy: &Policy,
    facts: &KeyFacts,
    metadata: MetadataView<'_>,
    advisories: &[Advisory],
) -> Vec<Verdict> {
    let mut out = Vec::new();
    if policy.require_pin == Some(true) {
        out.push(require_pin(facts));
    }
    if let Some(n) = policy.min_pin_length {
        out.push(min_pin_length(facts, n));
    }
    if policy.require_always_uv == Some(true) {
        out.push(require_always_uv(facts));
    }
    if let Some(list) = policy.allowed_aaguids.as_deref().filter(|l| !l.is_empty()) {
        out.push(allowed_aaguids(facts, list));
    }
    if let Some(list) = policy.denied_aaguids.as_deref().filter(|l| !l.is_empty()) {
        out.push(denied_aaguids(facts, list));
    }
    if let Some(v) = policy.min_ctap_version {
        out.push(min_ctap_version(facts, v));
    }
    if policy.require_pin_protocol_2 == Some(true) {
        out.push(require_pin_protocol_2(facts));
    }
    if policy.forbid_known_vulnerable == Some(true) {
        out.push(forbid_known_vulnerable(facts, metadata.entry(), advisories));
    }
    if policy.require_certified == Some(true) {
        out.push(require_certified(facts, metadata));
    }
    if let Some(n) = policy.max_failed_pin_attempts {
        out.push(max_failed_pin_attempts(facts, n));
    }
    if policy.credentials_unchanged_since_enrolment == Some(true) {
        out.push(credentials_unchanged_since_enrolment(facts));
    }
    if let Some(n) = policy.max_credentials {
        out.push(max_credentials(facts, n));
    }
    if let Some(list) = policy.allowed_rp_ids.as_deref().filter(|l| !l.is_empty()) {
        out.push(allowed_rp_ids(facts, list));
    }
    out
}

/// A key's result: `fail` when any rule fails (or, with `strict`, is unknown); else `unknown`
/// when any rule is unknown; else `pass`. Only `fail` makes the audit exit 6.
pub fn overall(verdicts: &[Verdict], strict: bool) -> Outcome {
    let any = |o: Outcome| verdicts.iter().any(|v| v.result == o);
    if any(Outcome::Fail) || (strict && any(Outcome::Unknown)) {
        Outcome::Fail
    } else if any(Outcome::Unknown) {
        Outcome::Unknown
    } else {
        Outcome::Pass
    }
}

/// Counts for the audit's `summary`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Keys selected or found. JSON `total`: `keys` is the audit's list of keys.
    #[serde(rename = "total")]
    pub keys: usize,
    pub passed: usize,
    pub failed: usize,
    pub unknown: usize,
    /// Keys that could not be read (no verdicts).
    pub unreadable: usize,
    pub exit_code: i32,
}

/// Summarise per-key results (from [`overall`]) and the number of unreadable keys.
pub fn summarize(results: &[Outcome], unreadable: usize) -> Summary {
    let count = |o: Outcome| results.iter().filter(|r| **r == o).count();
    Summary {
        keys: results.len() + unreadable,
        passed: count(Outcome::Pass),
        failed: count(Outcome::Fail),
        unknown: count(Outcome::Unknown),
        unreadable,
        exit_code: exit_code(results, unreadable),
    }
}

/// The audit's exit code: 3 no key at all; 1 some key unreadable (wins over 6); 6 some key
/// fails; else 0.
pub fn exit_code(results: &[Outcome], unreadable: usize) -> i32 {
    if results.is_empty() && unreadable == 0 {
        3
    } else if unreadable > 0 {
        1
    } else if results.contains(&Outcome::Fail) {
        6
    } else {
        0
    }
}

/// `--attest`: whether the key's attestation chain (leaf first; `None` when no attestation was
/// obtained) leads to an attestation root its metadata lists. Rule name `genuine`.
pub fn genuine(chain: Option<&[Vec<u8>]>, metadata: MetadataView<'_>, now_unix: u64) -> Verdict {
    const RULE: &str = "genuine";
    let entry = match metadata {
        MetadataView::NotLoaded => {
            return Verdict::new(RULE, Outcome::Unknown, "the genuine-key check needs the FIDO metadata (--mds)")
        }
        MetadataView::NoEntry => return Verdict::new(
            RULE,
            Outcome::Unknown,
            "the FIDO metadata has no entry for this key's AAGUID, so there is no attestation root to check against",
        ),
        MetadataView::Entry(e) => e,
    };
    let Some(chain) = chain else {
        return Verdict::new(RULE, Outcome::Unknown, "no attestation was obtained from the key");
    };
    let model = entry.description.as_deref().unwrap_or("this model");
    match entry.verify_attestation(chain, now_unix) {
        Ok(()) => Verdict::new(
            RULE,
            Outcome::Pass,
            format!(
                "genuine: the attestation certificate leads to an attestation root the FIDO metadata lists for {model}"
            ),
        ),
        Err(e @ (AttestationError::NoRoots | AttestationError::UnreadableRoots)) => {
            Verdict::new(RULE, Outcome::Unknown, e.to_string())
        }
        Err(e) => Verdict::new(RULE, Outcome::Fail, format!("not shown genuine: {e}")),
    }
}

// ---- the rules -----------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pin {
    U2fOnly,
    NoSupport,
    NotSet,
    Set,
    Unknown,
}

fn pin_state(f: &KeyFacts) -> Pin {
    if f.u2f_only {
        return Pin::U2fOnly;
    }
    match (f.pin_supported, f.pin_set) {
        (_, Some(true)) => Pin::Set,
        (Some(false), _) => Pin::NoSupport,
        (_, Some(false)) => Pin::NotSet,
        _ => Pin::Unknown,
    }
}

fn pin_blocked(f: &KeyFacts) -> bool {
    f.pin_blocked == Some(true) || f.pin_retries == Some(0)
}

/// "AAGUID x (model)".
fn describe_aaguid(f: &KeyFacts, aaguid: &str) -> String {
    match &f.model {
        Some(model) => format!("AAGUID {aaguid} ({model})"),
        None => format!("AAGUID {aaguid}"),
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

fn require_pin(f: &KeyFacts) -> Verdict {
    const RULE: &str = "require_pin";
    match pin_state(f) {
        Pin::Set if pin_blocked(f) => Verdict::new(
            RULE,
            Outcome::Fail,
            "a PIN is set but it is blocked (no retries left): the key must be reset before it can be used",
        ),
        Pin::Set if f.force_pin_change == Some(true) => {
            Verdict::new(RULE, Outcome::Pass, "a PIN is set (the key requires it to be changed before its next use)")
        }
        Pin::Set => Verdict::new(RULE, Outcome::Pass, "a PIN is set"),
        Pin::NotSet => Verdict::new(RULE, Outcome::Fail, "no PIN is set (fidoctl pin set sets one)"),
        Pin::NoSupport => Verdict::new(RULE, Outcome::Fail, "the key does not support a PIN"),
        Pin::U2fOnly => Verdict::new(RULE, Outcome::Fail, "the key speaks only U2F and has no PIN"),
        Pin::Unknown => Verdict::new(RULE, Outcome::Unknown, "the key did not report whether a PIN is set"),
    }
}

fn min_pin_length(f: &KeyFacts, want: u32) -> Verdict {
    const RULE: &str = "min_pin_length";
    match pin_state(f) {
        Pin::U2fOnly => return Verdict::new(RULE, Outcome::Fail, "the key speaks only U2F and has no PIN"),
        Pin::NoSupport => return Verdict::new(RULE, Outcome::Fail, "the key does not support a PIN"),
        _ => {}
    }
    match f.min_pin_length {
        Some(have) if have >= want => {
            Verdict::new(RULE, Outcome::Pass, format!("minPINLength is {have}, at least the {want} the policy asks for"))
        }
        Some(have) => Verdict::new(
            RULE,
            Outcome::Fail,
            format!(
                "minPINLength is {have}, the policy asks for at least {want} (fidoctl pin min-length {want} raises it)"
            ),
        ),
        None if want <= CTAP_MIN_PIN_LENGTH && f.has_get_info() => Verdict::new(
            RULE,
            Outcome::Pass,
            format!("the key does not report minPINLength, but every CTAP2 key requires PINs of at least {CTAP_MIN_PIN_LENGTH} characters"),
        ),
        None if f.has_get_info() => Verdict::new(
            RULE,
            Outcome::Unknown,
            format!(
                "the key does not report minPINLength (CTAP 2.0 keys, FIDO_2_1_PRE included, do not have it), so a \
                 minimum of {want} cannot be checked; such keys may accept PINs of {CTAP_MIN_PIN_LENGTH} characters"
            ),
        ),
        None => Verdict::new(RULE, Outcome::Unknown, "the key's getInfo could not be read"),
    }
}

fn require_always_uv(f: &KeyFacts) -> Verdict {
    const RULE: &str = "require_always_uv";
    match f.always_uv {
        _ if f.u2f_only => {
            Verdict::new(RULE, Outcome::Fail, "the key speaks only U2F and cannot require user verification")
        }
        Some(true) => Verdict::new(RULE, Outcome::Pass, "alwaysUv is on"),
        Some(false) => Verdict::new(RULE, Outcome::Fail, "alwaysUv is off (fidoctl config always-uv on turns it on)"),
        None if f.has_get_info() => {
            Verdict::new(RULE, Outcome::Fail, "the key does not support alwaysUv (getInfo has no alwaysUv option)")
        }
        None => Verdict::new(RULE, Outcome::Unknown, "the key's getInfo could not be read"),
    }
}

fn allowed_aaguids(f: &KeyFacts, list: &[String]) -> Verdict {
    const RULE: &str = "allowed_aaguids";
    match f.model_aaguid() {
        Some(a) if list.iter().any(|x| x == a) => {
            Verdict::new(RULE, Outcome::Pass, format!("{} is on the allowed list", describe_aaguid(f, a)))
        }
        Some(a) => Verdict::new(RULE, Outcome::Fail, format!("{} is not on the allowed list", describe_aaguid(f, a))),
        None => {
            Verdict::new(RULE, Outcome::Fail, "the key reports no AAGUID, so it cannot be shown to be an allowed model")
        }
    }
}

fn denied_aaguids(f: &KeyFacts, list: &[String]) -> Verdict {
    const RULE: &str = "denied_aaguids";
    match f.model_aaguid() {
        Some(a) if list.iter().any(|x| x == a) => {
            Verdict::new(RULE, Outcome::Fail, format!("{} is on the denied list", describe_aaguid(f, a)))
        }
        Some(a) => Verdict::new(RULE, Outcome::Pass, format!("{} is not on the denied list", describe_aaguid(f, a))),
        None => Verdict::new(
            RULE,
            Outcome::Unknown,
            "the key reports no AAGUID, so it cannot be checked against the denied list",
        ),
    }
}

fn min_ctap_version(f: &KeyFacts, want: super::policy::CtapVersion) -> Verdict {
    const RULE: &str = "min_ctap_version";
    let reported = f.versions.join(", ");
    if f.u2f_only {
        return Verdict::new(
            RULE,
            Outcome::Fail,
            format!("the key speaks only U2F, not CTAP 2; the policy asks for CTAP {} or later", want.as_str()),
        );
    }
    match f.ctap_level() {
        Some(level) if level >= want.level() => {
            Verdict::new(RULE, Outcome::Pass, format!("the key supports CTAP {}.{} ({reported})", level.0, level.1))
        }
        Some(level) => {
            let pre = if f.versions.iter().any(|v| v == "FIDO_2_1_PRE") {
                "; FIDO_2_1_PRE is the 2.1 preview and counts as 2.0"
            } else {
                ""
            };
            Verdict::new(
                RULE,
                Outcome::Fail,
                format!(
                    "the key supports CTAP {}.{} at most ({reported}{pre}), the policy asks for {}",
                    level.0,
                    level.1,
                    want.as_str()
                ),
            )
        }
        None => Verdict::new(RULE, Outcome::Unknown, "the key reported no CTAP 2 version"),
    }
}

fn require_pin_protocol_2(f: &KeyFacts) -> Verdict {
    const RULE: &str = "require_pin_protocol_2";
    if f.u2f_only {
        return Verdict::new(RULE, Outcome::Fail, "the key speaks only U2F and has no PIN/UV auth protocol");
    }
    if f.pin_protocols.contains(&2) {
        return Verdict::new(RULE, Outcome::Pass, "the key supports PIN/UV auth protocol 2");
    }
    if !f.pin_protocols.is_empty() {
        let list: Vec<String> = f.pin_protocols.iter().map(u32::to_string).collect();
        return Verdict::new(
            RULE,
            Outcome::Fail,
            format!("the key supports PIN/UV auth protocol {} only, not protocol 2", list.join(" and ")),
        );
    }
    if f.has_get_info() {
        Verdict::new(
            RULE,
            Outcome::Fail,
            "the key lists no PIN/UV auth protocols (a CTAP 2.0 key without the list speaks protocol 1 only)",
        )
    } else {
        Verdict::new(RULE, Outcome::Unknown, "the key's getInfo could not be read")
    }
}

fn forbid_known_vulnerable(f: &KeyFacts, entry: Option<&MetadataEntry>, table: &[Advisory]) -> Verdict {
    const RULE: &str = "forbid_known_vulnerable";
    let Some(aaguid) = f.model_aaguid() else {
        return Verdict::new(
            RULE,
            Outcome::Unknown,
            "the key reports no AAGUID, so it cannot be matched against the known advisories",
        );
    };
    let firmware = f.firmware_version.map(|v| f.firmware_version_text.clone().unwrap_or_else(|| firmware_text(v)));

    let mut failures = Vec::new();
    let mut unknowns = Vec::new();
    let mut clear = Vec::new();
    for (advisory, applies) in advisories::matching(table, aaguid, f.firmware_version) {
        let fixed = firmware_text(advisory.fixed_in);
        let what = format!("{} ({})", advisory.reference(), advisory.title);
        match applies {
            Applies::Affected => failures.push(format!(
                "firmware {} of this {} key is affected by {what}, fixed in firmware {fixed}; see {}",
                firmware.as_deref().unwrap_or("?"),
                advisory.products,
                advisory.source
            )),
            Applies::FirmwareUnknown => unknowns.push(format!(
                "{} affects {} firmware before {fixed}, and this key's firmware version is unknown",
                advisory.reference(),
                advisory.products
            )),
            Applies::NotAffected => clear.push(format!(
                "firmware {} is not affected by {} (fixed in {fixed})",
                firmware.as_deref().unwrap_or("?"),
                advisory.reference()
            )),
        }
    }
    if let Some(entry) = entry {
        for report in entry.compromised_statuses() {
            // A compromised attestation certificate concerns the genuine-key check, not the key.
            if report.status == "ATTESTATION_KEY_COMPROMISE" && report.certificate.is_some() {
                continue;
            }
            let since = report.effective_date.as_deref().map(|d| format!(" since {d}")).unwrap_or_default();
            if entry.compromise_fixed_for(report, f.firmware_version) {
                clear.push(format!(
                    "the FIDO metadata's {} report{since} is answered by a firmware update this key has",
                    report.status
                ));
            } else {
                let version = report
                    .authenticator_version
                    .map(|v| format!(" (reported for authenticator version {})", firmware_text(v)))
                    .unwrap_or_default();
                failures.push(format!("the FIDO metadata reports {} for this model{since}{version}", report.status));
            }
        }
    }

    if !failures.is_empty() {
        Verdict::new(RULE, Outcome::Fail, failures.join("; "))
    } else if !unknowns.is_empty() {
        Verdict::new(RULE, Outcome::Unknown, unknowns.join("; "))
    } else if !clear.is_empty() {
        Verdict::new(RULE, Outcome::Pass, clear.join("; "))
    } else {
        let metadata = if entry.is_some() { " and no compromise report in the FIDO metadata" } else { "" };
        Verdict::new(
            RULE,
            Outcome::Pass,
            format!(
                "no known advisory for this model ({} checked){metadata}",
                plural(table.len() as u32, "advisory", "advisories")
            ),
        )
    }
}

fn require_certified(f: &KeyFacts, metadata: MetadataView<'_>) -> Verdict {
    const RULE: &str = "require_certified";
    let entry = match metadata {
        MetadataView::NotLoaded => {
            return Verdict::new(RULE, Outcome::Unknown, "FIDO certification needs the FIDO metadata (--mds FILE)")
        }
        MetadataView::NoEntry => {
            return match f.model_aaguid() {
                Some(a) => Verdict::new(
                    RULE,
                    Outcome::Fail,
                    format!(
                        "the FIDO metadata has no entry for {}, so it is not FIDO certified",
                        describe_aaguid(f, a)
                    ),
                ),
                None => Verdict::new(
                    RULE,
                    Outcome::Unknown,
                    "the key reports no AAGUID, so it cannot be looked up in the FIDO metadata",
                ),
            }
        }
        MetadataView::Entry(e) => e,
    };
    if let Some(revoked) = entry.status_reports.iter().find(|r| r.status == "REVOKED") {
        let since = revoked.effective_date.as_deref().map(|d| format!(" since {d}")).unwrap_or_default();
        return Verdict::new(RULE, Outcome::Fail, format!("the FIDO metadata reports this model REVOKED{since}"));
    }
    match entry.certification_level() {
        Some(report) => {
            let since = report.effective_date.as_deref().map(|d| format!(" since {d}")).unwrap_or_default();
            let number = report.certificate_number.as_deref().map(|n| format!(", certificate {n}")).unwrap_or_default();
            Verdict::new(RULE, Outcome::Pass, format!("{}{since}{number}", report.status))
        }
        None => {
            Verdict::new(RULE, Outcome::Fail, "the FIDO metadata lists no current FIDO certification for this model")
        }
    }
}

fn max_failed_pin_attempts(f: &KeyFacts, allowed: u32) -> Verdict {
    const RULE: &str = "max_failed_pin_attempts";
    let max = f.assumed_max_pin_retries.0;
    match pin_state(f) {
        Pin::U2fOnly | Pin::NoSupport => {
            return Verdict::new(RULE, Outcome::Pass, "the key has no PIN, so no PIN attempts can have failed")
        }
        Pin::NotSet => return Verdict::new(RULE, Outcome::Pass, "no PIN is set, so no PIN attempts can have failed"),
        Pin::Unknown => return Verdict::new(RULE, Outcome::Unknown, "the key did not report whether a PIN is set"),
        Pin::Set => {}
    }
    let Some(left) = f.pin_retries else {
        return Verdict::new(RULE, Outcome::Unknown, "a PIN is set but its retry counter could not be read");
    };
    let failed = max.saturating_sub(left);
    let counted = format!(
        "{} left of an assumed maximum of {max}; getInfo does not report the maximum",
        plural(left, "retry", "retries")
    );
    if left == 0 {
        return Verdict::new(
            RULE,
            Outcome::Fail,
            format!("the PIN is blocked: {max} or more wrong PINs were entered ({counted})"),
        );
    }
    let wrong = plural(failed, "wrong PIN", "wrong PINs");
    if failed <= allowed {
        Verdict::new(RULE, Outcome::Pass, format!("{wrong} since the last correct one ({counted})"))
    } else {
        Verdict::new(
            RULE,
            Outcome::Fail,
            format!("{wrong} entered since the last correct one ({counted}); the policy allows at most {allowed}"),
        )
    }
}

// ---- the rules that read the credentials (CTAP 2.2 read-only token) -------------------------

/// Why a rule that needs the credentials cannot be checked: no usable stored token. Names the
/// command that makes one (or says why it cannot work on this key).
fn without_token(f: &KeyFacts, what: &str) -> String {
    if let Some(file) = &f.read_only_token_ended {
        return format!(
            "the stored read-only token {file} no longer works (the key's PIN was changed or it was reset), so \
             {what} cannot be read without a PIN; run `fidoctl token create --read-only` again"
        );
    }
    if f.u2f_only {
        return format!("the key speaks only U2F, so {what} cannot be read");
    }
    match f.ctap_level() {
        Some(level) if level < (2, 2) => format!(
            "the key supports CTAP {}.{} at most ({}): reading {what} without a PIN needs a CTAP 2.2 key and a \
             token from `fidoctl token create --read-only`",
            level.0,
            level.1,
            f.versions.join(", ")
        ),
        _ => format!(
            "no stored read-only token matches this key, so {what} cannot be read without a PIN; make one with \
             `fidoctl token create --read-only` (it needs the PIN once)"
        ),
    }
}

/// "a.example (2), b.example (1)".
fn describe_rps<'a>(rps: impl Iterator<Item = (&'a String, &'a u32)>) -> String {
    rps.map(|(rp, n)| format!("{rp} ({n})")).collect::<Vec<_>>().join(", ")
}

fn credentials_unchanged_since_enrolment(f: &KeyFacts) -> Verdict {
    const RULE: &str = "credentials_unchanged_since_enrolment";
    let Some(ro) = &f.read_only else {
        return Verdict::new(RULE, Outcome::Unknown, without_token(f, "the credential-store state"));
    };
    match ro.cred_store_changed {
        Some(false) => Verdict::new(
            RULE,
            Outcome::Pass,
            format!("no credential was added or removed since the read-only token was made ({})", ro.token_created),
        ),
        Some(true) => Verdict::new(
            RULE,
            Outcome::Fail,
            format!(
                "a credential was added or removed since the read-only token was made ({}); `fidoctl creds list` \
                 shows the credentials, and once they are reviewed `fidoctl token create --read-only` records the \
                 new state",
                ro.token_created
            ),
        ),
        None => Verdict::new(
            RULE,
            Outcome::Unknown,
            format!(
                "the key or the token file {} has no credential-store state (encCredStoreState) to compare",
                ro.token_file
            ),
        ),
    }
}

fn max_credentials(f: &KeyFacts, max: u32) -> Verdict {
    const RULE: &str = "max_credentials";
    let Some(ro) = &f.read_only else {
        return Verdict::new(RULE, Outcome::Unknown, without_token(f, "the number of credentials"));
    };
    match ro.discoverable_credentials {
        Some(n) if n <= max => Verdict::new(
            RULE,
            Outcome::Pass,
            format!(
                "{} on the key, at most the {max} the policy allows",
                plural(n, "discoverable credential", "discoverable credentials")
            ),
        ),
        Some(n) => Verdict::new(
            RULE,
            Outcome::Fail,
            format!(
                "{} on the key, the policy allows at most {max} (`fidoctl creds list` shows them)",
                plural(n, "discoverable credential", "discoverable credentials")
            ),
        ),
        None => Verdict::new(
            RULE,
            Outcome::Unknown,
            format!("the number of credentials could not be read with the stored token {}", ro.token_file),
        ),
    }
}

fn allowed_rp_ids(f: &KeyFacts, list: &[String]) -> Verdict {
    const RULE: &str = "allowed_rp_ids";
    let Some(ro) = &f.read_only else {
        return Verdict::new(RULE, Outcome::Unknown, without_token(f, "the sites of its credentials"));
    };
    let Some(per_rp) = &ro.credentials_per_rp else {
        return Verdict::new(
            RULE,
            Outcome::Unknown,
            format!("the credentials could not be listed with the stored token {}", ro.token_file),
        );
    };
    let allowed = |rp: &str| list.iter().any(|a| a.eq_ignore_ascii_case(rp));
    let outside: Vec<(&String, &u32)> = per_rp.iter().filter(|(rp, _)| !allowed(rp)).collect();
    if !outside.is_empty() {
        return Verdict::new(
            RULE,
            Outcome::Fail,
            format!(
                "the key holds credentials for sites not on the allowed list: {} (`fidoctl creds list --rp ID` \
                 shows them, `fidoctl creds delete` removes one)",
                describe_rps(outside.into_iter())
            ),
        );
    }
    if per_rp.is_empty() {
        Verdict::new(RULE, Outcome::Pass, "the key holds no discoverable credentials")
    } else {
        Verdict::new(
            RULE,
            Outcome::Pass,
            format!("every credential is for an allowed site: {}", describe_rps(per_rp.iter())),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::advisories::{firmware, ADVISORIES};
    use crate::audit::mds::{parse_payload, StatusReport};
    use crate::audit::models::VIRTUAL_KEY_AAGUID;
    use crate::audit::policy::CtapVersion;

    const YK5_NFC: &str = "2fc0579f-8113-47ea-b116-bb5a8db9202a";

    /// A CTAP 2.1 key with everything in order (like a fresh virtual key with a PIN).
    fn good_key() -> KeyFacts {
        let mut f = KeyFacts {
            path: Some("virtual:/tmp/k.json".into()),
            aaguid: Some(VIRTUAL_KEY_AAGUID.into()),
            versions: vec!["FIDO_2_0".into(), "FIDO_2_1".into()],
            pin_supported: Some(true),
            pin_set: Some(true),
            pin_retries: Some(8),
            min_pin_length: Some(8),
            force_pin_change: Some(false),
            always_uv: Some(true),
            algorithms: vec![-7, -8],
            pin_protocols: vec![2, 1],
            ..Default::default()
        };
        f.set_firmware_from_get_info(1);
        f.apply_model_table();
        f
    }

    /// A CTAP 2.0 key: no minPINLength, no alwaysUv, protocol 1.
    fn ctap20_key() -> KeyFacts {
        KeyFacts {
            aaguid: Some(VIRTUAL_KEY_AAGUID.into()),
            versions: vec!["U2F_V2".into(), "FIDO_2_0".into()],
            pin_supported: Some(true),
            pin_set: Some(true),
            pin_retries: Some(8),
            pin_protocols: vec![1],
            ..Default::default()
        }
    }

    fn u2f_key() -> KeyFacts {
        KeyFacts { u2f_only: true, versions: vec!["U2F_V2".into()], ..Default::default() }
    }

    fn one(policy: Policy, facts: &KeyFacts) -> Verdict {
        let mut v = evaluate(&policy, facts, None, ADVISORIES);
        assert_eq!(v.len(), 1, "{v:?}");
        v.remove(0)
    }

    fn check(policy: Policy, facts: &KeyFacts, want: Outcome, reason_has: &str) -> Verdict {
        let v = one(policy, facts);
        assert_eq!(v.result, want, "{v:?}");
        assert!(v.reason.contains(reason_has), "reason {:?} lacks {reason_has:?}", v.reason);
        v
    }

    fn p() -> Policy {
        Policy::default()
    }

    #[test]
    fn outcome_serialises_lowercase() {
        let v = Verdict::new("require_pin", Outcome::Unknown, "x");
        assert_eq!(serde_json::to_string(&v).unwrap(), r#"{"rule":"require_pin","result":"unknown","reason":"x"}"#);
    }

    #[test]
    fn require_pin_rule() {
        let rule = || Policy { require_pin: Some(true), ..p() };
        let v = check(rule(), &good_key(), Outcome::Pass, "a PIN is set");
        assert_eq!(v.rule, "require_pin");
        check(rule(), &KeyFacts { pin_set: Some(false), ..good_key() }, Outcome::Fail, "no PIN is set");
        check(
            rule(),
            &KeyFacts { pin_supported: Some(false), pin_set: None, ..good_key() },
            Outcome::Fail,
            "does not support a PIN",
        );
        check(rule(), &KeyFacts { pin_retries: Some(0), ..good_key() }, Outcome::Fail, "blocked");
        check(rule(), &KeyFacts { force_pin_change: Some(true), ..good_key() }, Outcome::Pass, "changed");
        check(
            rule(),
            &KeyFacts { pin_supported: None, pin_set: None, ..good_key() },
            Outcome::Unknown,
            "did not report",
        );
        check(rule(), &u2f_key(), Outcome::Fail, "only U2F");
        assert!(evaluate(&Policy { require_pin: Some(false), ..p() }, &good_key(), None, ADVISORIES).is_empty());
    }

    #[test]
    fn min_pin_length_rule() {
        let rule = |n| Policy { min_pin_length: Some(n), ..p() };
        check(rule(8), &good_key(), Outcome::Pass, "minPINLength is 8");
        let v = check(rule(8), &KeyFacts { min_pin_length: Some(4), ..good_key() }, Outcome::Fail, "");
        assert_eq!(v.reason, "minPINLength is 4, the policy asks for at least 8 (fidoctl pin min-length 8 raises it)");
        check(rule(8), &ctap20_key(), Outcome::Unknown, "does not report minPINLength");
        check(rule(4), &ctap20_key(), Outcome::Pass, "at least 4 characters");
        check(
            rule(8),
            &KeyFacts { pin_supported: Some(false), pin_set: None, ..good_key() },
            Outcome::Fail,
            "does not support",
        );
        check(rule(8), &u2f_key(), Outcome::Fail, "only U2F");
        check(rule(8), &KeyFacts::default(), Outcome::Unknown, "getInfo could not be read");
    }

    #[test]
    fn require_always_uv_rule() {
        let rule = || Policy { require_always_uv: Some(true), ..p() };
        check(rule(), &good_key(), Outcome::Pass, "alwaysUv is on");
        check(rule(), &KeyFacts { always_uv: Some(false), ..good_key() }, Outcome::Fail, "alwaysUv is off");
        check(rule(), &ctap20_key(), Outcome::Fail, "does not support alwaysUv");
        check(rule(), &KeyFacts::default(), Outcome::Unknown, "could not be read");
        check(rule(), &u2f_key(), Outcome::Fail, "only U2F");
    }

    #[test]
    fn allowed_and_denied_aaguids_rules() {
        let allowed = |l: &[&str]| Policy { allowed_aaguids: Some(l.iter().map(|s| s.to_string()).collect()), ..p() };
        let denied = |l: &[&str]| Policy { denied_aaguids: Some(l.iter().map(|s| s.to_string()).collect()), ..p() };
        check(
            allowed(&[VIRTUAL_KEY_AAGUID]),
            &good_key(),
            Outcome::Pass,
            "(fidoctl virtual key) is on the allowed list",
        );
        check(allowed(&[YK5_NFC]), &good_key(), Outcome::Fail, "is not on the allowed list");
        check(allowed(&[YK5_NFC]), &u2f_key(), Outcome::Fail, "reports no AAGUID");
        check(
            allowed(&[YK5_NFC]),
            &KeyFacts { aaguid: Some(crate::audit::ZERO_AAGUID.into()), ..good_key() },
            Outcome::Fail,
            "no AAGUID",
        );
        check(denied(&[VIRTUAL_KEY_AAGUID]), &good_key(), Outcome::Fail, "is on the denied list");
        check(denied(&[YK5_NFC]), &good_key(), Outcome::Pass, "is not on the denied list");
        check(denied(&[YK5_NFC]), &u2f_key(), Outcome::Unknown, "reports no AAGUID");
        assert!(evaluate(&allowed(&[]), &good_key(), None, ADVISORIES).is_empty(), "empty list = any");
    }

    #[test]
    fn min_ctap_version_rule_counts_2_1_pre_as_2_0() {
        let rule = |v| Policy { min_ctap_version: Some(v), ..p() };
        check(rule(CtapVersion::V2_1), &good_key(), Outcome::Pass, "CTAP 2.1");
        let pre = KeyFacts { versions: vec!["U2F_V2".into(), "FIDO_2_0".into(), "FIDO_2_1_PRE".into()], ..good_key() };
        let v =
            check(rule(CtapVersion::V2_1), &pre, Outcome::Fail, "FIDO_2_1_PRE is the 2.1 preview and counts as 2.0");
        assert!(v.reason.starts_with("the key supports CTAP 2.0 at most"), "{}", v.reason);
        check(rule(CtapVersion::V2_0), &pre, Outcome::Pass, "CTAP 2.0");
        check(
            rule(CtapVersion::V2_1),
            &KeyFacts { versions: vec!["FIDO_2_2".into()], ..good_key() },
            Outcome::Pass,
            "CTAP 2.2",
        );
        check(rule(CtapVersion::V2_0), &u2f_key(), Outcome::Fail, "only U2F");
        check(rule(CtapVersion::V2_0), &KeyFacts::default(), Outcome::Unknown, "no CTAP 2 version");
    }

    #[test]
    fn require_pin_protocol_2_rule() {
        let rule = || Policy { require_pin_protocol_2: Some(true), ..p() };
        check(rule(), &good_key(), Outcome::Pass, "protocol 2");
        check(rule(), &ctap20_key(), Outcome::Fail, "protocol 1 only");
        check(
            rule(),
            &KeyFacts { pin_protocols: vec![], ..ctap20_key() },
            Outcome::Fail,
            "lists no PIN/UV auth protocols",
        );
        check(rule(), &KeyFacts::default(), Outcome::Unknown, "could not be read");
        check(rule(), &u2f_key(), Outcome::Fail, "only U2F");
    }

    fn yubikey(fw: Option<(u8, u8, u8)>) -> KeyFacts {
        let mut f = KeyFacts { aaguid: Some(YK5_NFC.into()), ..good_key() };
        f.firmware_version = None;
        f.firmware_version_text = None;
        f.firmware_source = None;
        if let Some((a, b, c)) = fw {
            f.set_firmware_from_ctaphid_init(a, b, c);
        }
        f.model = None;
        f.apply_model_table();
        f
    }

    #[test]
    fn forbid_known_vulnerable_at_the_5_7_boundary() {
        let rule = || Policy { forbid_known_vulnerable: Some(true), ..p() };
        let v = check(rule(), &yubikey(Some((5, 6, 3))), Outcome::Fail, "firmware 5.6.3 of this YubiKey 5 Series");
        assert!(v.reason.contains("CVE-2024-45678 / YSA-2024-03"), "{}", v.reason);
        assert!(v.reason.contains("fixed in firmware 5.7.0"), "{}", v.reason);
        assert!(v.reason.contains("https://www.yubico.com/support/security-advisories/ysa-2024-03/"), "{}", v.reason);
        check(rule(), &yubikey(Some((5, 4, 3))), Outcome::Fail, "EUCLEAK");
        check(rule(), &yubikey(Some((5, 7, 0))), Outcome::Pass, "firmware 5.7.0 is not affected");
        check(rule(), &yubikey(None), Outcome::Unknown, "firmware version is unknown");
        let mut from_getinfo = yubikey(None);
        from_getinfo.set_firmware_from_get_info(firmware(5, 7, 1));
        check(rule(), &from_getinfo, Outcome::Pass, "5.7.1 is not affected");
        check(rule(), &good_key(), Outcome::Pass, "no known advisory for this model (3 advisories checked)");
        check(rule(), &u2f_key(), Outcome::Unknown, "no AAGUID");
    }

    fn entry_with(reports: serde_json::Value) -> MetadataEntry {
        let payload = serde_json::json!({
            "no": 1, "nextUpdate": "2026-02-01",
            "entries": [{"aaguid": YK5_NFC, "metadataStatement": {"description": "YubiKey 5 NFC (metadata)"}, "statusReports": reports}]
        });
        parse_payload(&serde_json::to_vec(&payload).unwrap()).unwrap().entries.remove(0)
    }

    #[test]
    fn forbid_known_vulnerable_reads_metadata_status_reports() {
        let rule = Policy { forbid_known_vulnerable: Some(true), ..p() };
        let key = yubikey(Some((5, 7, 1)));
        let entry = entry_with(serde_json::json!([
            {"status": "FIDO_CERTIFIED_L1", "effectiveDate": "2020-01-01"},
            {"status": "USER_VERIFICATION_BYPASS", "effectiveDate": "2024-01-01", "authenticatorVersion": 329472}
        ]));
        let v = evaluate(&rule, &key, Some(&entry), ADVISORIES).remove(0);
        assert_eq!(v.result, Outcome::Fail, "{v:?}");
        assert!(
            v.reason.contains("the FIDO metadata reports USER_VERIFICATION_BYPASS for this model since 2024-01-01"),
            "{}",
            v.reason
        );

        let fixed = entry_with(serde_json::json!([
            {"status": "USER_VERIFICATION_BYPASS", "effectiveDate": "2024-01-01"},
            {"status": "UPDATE_AVAILABLE", "effectiveDate": "2024-02-01", "authenticatorVersion": 329473}
        ]));
        let v = evaluate(&rule, &key, Some(&fixed), ADVISORIES).remove(0);
        assert_eq!(v.result, Outcome::Pass, "{v:?}");

        let clean = entry_with(serde_json::json!([{"status": "FIDO_CERTIFIED_L1"}]));
        let v = evaluate(&rule, &key, Some(&clean), ADVISORIES).remove(0);
        assert_eq!(v.result, Outcome::Pass, "{v:?}");
    }

    #[test]
    fn require_certified_rule() {
        let rule = Policy { require_certified: Some(true), ..p() };
        let key = yubikey(Some((5, 7, 1)));
        let v = evaluate(&rule, &key, None, ADVISORIES).remove(0);
        assert_eq!((v.result, v.reason.contains("--mds")), (Outcome::Unknown, true), "{v:?}");

        let certified = entry_with(serde_json::json!([
            {"status": "FIDO_CERTIFIED_L1", "effectiveDate": "2020-01-01", "certificateNumber": "FIDO20020190418002"}
        ]));
        let v = evaluate(&rule, &key, Some(&certified), ADVISORIES).remove(0);
        assert_eq!(v.result, Outcome::Pass);
        assert_eq!(v.reason, "FIDO_CERTIFIED_L1 since 2020-01-01, certificate FIDO20020190418002");

        let revoked = entry_with(
            serde_json::json!([{"status": "FIDO_CERTIFIED_L1"}, {"status": "REVOKED", "effectiveDate": "2023-01-01"}]),
        );
        let v = evaluate(&rule, &key, Some(&revoked), ADVISORIES).remove(0);
        assert_eq!(
            (v.result, v.reason.as_str()),
            (Outcome::Fail, "the FIDO metadata reports this model REVOKED since 2023-01-01")
        );

        let none = entry_with(serde_json::json!([{"status": "NOT_FIDO_CERTIFIED"}]));
        assert_eq!(evaluate(&rule, &key, Some(&none), ADVISORIES)[0].result, Outcome::Fail);

        let blob = parse_payload(br#"{"no": 1, "nextUpdate": "2026-02-01", "entries": []}"#).unwrap();
        let v = evaluate_with_blob(&rule, &key, Some(&blob), ADVISORIES).remove(0);
        assert_eq!(v.result, Outcome::Fail, "{v:?}");
        assert!(v.reason.contains("has no entry for AAGUID 2fc0579f"), "{}", v.reason);
    }

    #[test]
    fn max_failed_pin_attempts_rule() {
        let rule = |n| Policy { max_failed_pin_attempts: Some(n), ..p() };
        check(
            rule(0),
            &good_key(),
            Outcome::Pass,
            "0 wrong PINs since the last correct one (8 retries left of an assumed maximum of 8",
        );
        let v = check(rule(0), &KeyFacts { pin_retries: Some(5), ..good_key() }, Outcome::Fail, "3 wrong PINs entered");
        assert!(
            v.reason.contains("getInfo does not report the maximum") && v.reason.contains("allows at most 0"),
            "{}",
            v.reason
        );
        check(rule(3), &KeyFacts { pin_retries: Some(5), ..good_key() }, Outcome::Pass, "3 wrong PINs");
        check(rule(8), &KeyFacts { pin_retries: Some(0), ..good_key() }, Outcome::Fail, "the PIN is blocked");
        check(rule(0), &KeyFacts { pin_retries: None, ..good_key() }, Outcome::Unknown, "could not be read");
        check(
            rule(0),
            &KeyFacts { pin_set: Some(false), pin_retries: None, ..good_key() },
            Outcome::Pass,
            "no PIN is set",
        );
        check(rule(0), &u2f_key(), Outcome::Pass, "no PIN");
    }

    /// A CTAP 2.2 key audited with a stored token: credentials for two sites.
    fn with_token(changed: Option<bool>) -> KeyFacts {
        let per_rp: std::collections::BTreeMap<String, u32> =
            [("example.com".to_string(), 2), ("ssh:".to_string(), 1)].into_iter().collect();
        KeyFacts {
            versions: vec!["FIDO_2_1".into(), "FIDO_2_2".into()],
            read_only: Some(crate::audit::facts::ReadOnlyFacts {
                token_file: "/t/k.token".into(),
                token_created: "2026-12-01T09:00:00Z".into(),
                identifier: "00".repeat(16),
                credentials_per_rp: Some(per_rp),
                discoverable_credentials: Some(3),
                cred_store_changed: changed,
            }),
            ..good_key()
        }
    }

    #[test]
    fn credentials_unchanged_since_enrolment_rule() {
        let rule = || Policy { credentials_unchanged_since_enrolment: Some(true), ..p() };
        check(
            rule(),
            &with_token(Some(false)),
            Outcome::Pass,
            "no credential was added or removed since the read-only token was made (2026-12-01T09:00:00Z)",
        );
        check(
            rule(),
            &with_token(Some(true)),
            Outcome::Fail,
            "a credential was added or removed since the read-only token was made",
        );
        check(rule(), &with_token(None), Outcome::Unknown, "no credential-store state (encCredStoreState)");
        let v = check(
            rule(),
            &KeyFacts { versions: vec!["FIDO_2_2".into()], ..good_key() },
            Outcome::Unknown,
            "no stored read-only token matches this key",
        );
        assert!(
            v.reason.ends_with("make one with `fidoctl token create --read-only` (it needs the PIN once)"),
            "{}",
            v.reason
        );
        let v = check(rule(), &good_key(), Outcome::Unknown, "the key supports CTAP 2.1 at most (FIDO_2_0, FIDO_2_1)");
        assert!(v.reason.contains("`fidoctl token create --read-only`"), "{}", v.reason);
        check(
            rule(),
            &KeyFacts { read_only_token_ended: Some("/t/k.token".into()), ..good_key() },
            Outcome::Unknown,
            "the stored read-only token /t/k.token no longer works",
        );
        check(rule(), &u2f_key(), Outcome::Unknown, "only U2F");
    }

    #[test]
    fn max_credentials_rule() {
        let rule = |n| Policy { max_credentials: Some(n), ..p() };
        check(rule(3), &with_token(Some(false)), Outcome::Pass, "3 discoverable credentials on the key, at most the 3");
        check(
            rule(2),
            &with_token(Some(false)),
            Outcome::Fail,
            "3 discoverable credentials on the key, the policy allows at most 2",
        );
        let mut unread = with_token(Some(false));
        unread.read_only.as_mut().unwrap().discoverable_credentials = None;
        check(rule(2), &unread, Outcome::Unknown, "could not be read with the stored token /t/k.token");
        check(rule(2), &good_key(), Outcome::Unknown, "`fidoctl token create --read-only`");
    }

    #[test]
    fn allowed_rp_ids_rule() {
        let rule = |l: &[&str]| Policy { allowed_rp_ids: Some(l.iter().map(|s| s.to_string()).collect()), ..p() };
        check(
            rule(&["Example.com", "ssh:"]),
            &with_token(Some(false)),
            Outcome::Pass,
            "every credential is for an allowed site: example.com (2), ssh: (1)",
        );
        let v = check(
            rule(&["ssh:"]),
            &with_token(Some(false)),
            Outcome::Fail,
            "sites not on the allowed list: example.com (2) (",
        );
        assert!(!v.reason.contains("ssh: (1)"), "{}", v.reason);
        let mut none = with_token(Some(false));
        none.read_only.as_mut().unwrap().credentials_per_rp = Some(Default::default());
        check(rule(&["ssh:"]), &none, Outcome::Pass, "no discoverable credentials");
        none.read_only.as_mut().unwrap().credentials_per_rp = None;
        check(rule(&["ssh:"]), &none, Outcome::Unknown, "could not be listed");
        check(rule(&["ssh:"]), &good_key(), Outcome::Unknown, "the sites of its credentials");
        assert!(evaluate(&rule(&[]), &with_token(None), None, ADVISORIES).is_empty(), "empty list = any");
    }

    #[test]
    fn overall_and_strict() {
        let v = |r| Verdict::new("x", r, "");
        assert_eq!(overall(&[], false), Outcome::Pass);
        assert_eq!(overall(&[v(Outcome::Pass), v(Outcome::Pass)], true), Outcome::Pass);
        assert_eq!(overall(&[v(Outcome::Pass), v(Outcome::Unknown)], false), Outcome::Unknown);
        assert_eq!(overall(&[v(Outcome::Pass), v(Outcome::Unknown)], true), Outcome::Fail);
        assert_eq!(overall(&[v(Outcome::Fail), v(Outcome::Unknown)], false), Outcome::Fail);
    }

    #[test]
    fn exit_codes() {
        assert_eq!(exit_code(&[], 0), 3);
        assert_eq!(exit_code(&[Outcome::Pass, Outcome::Unknown], 0), 0);
        assert_eq!(exit_code(&[Outcome::Pass, Outcome::Fail], 0), 6);
        assert_eq!(exit_code(&[Outcome::Fail], 1), 1, "1 wins over 6");
        assert_eq!(exit_code(&[], 2), 1);
        let s = summarize(&[Outcome::Pass, Outcome::Fail, Outcome::Unknown], 1);
        assert_eq!((s.keys, s.passed, s.failed, s.unknown, s.unreadable, s.exit_code), (4, 1, 1, 1, 1, 1));
    }

    #[test]
    fn default_policy_on_a_good_and_a_bad_key() {
        let policy = Policy::default_policy();
        let verdicts = evaluate(&policy, &good_key(), None, ADVISORIES);
        let rules: Vec<&str> = verdicts.iter().map(|v| v.rule.as_str()).collect();
        assert_eq!(rules, ["require_pin", "forbid_known_vulnerable"]);
        assert_eq!(overall(&verdicts, true), Outcome::Pass);

        let bad = KeyFacts { pin_set: Some(false), pin_retries: None, ..yubikey(Some((5, 2, 7))) };
        let verdicts = evaluate(&policy, &bad, None, ADVISORIES);
        assert!(verdicts.iter().all(|v| v.result == Outcome::Fail), "{verdicts:?}");
    }

    #[test]
    fn genuine_rule() {
        use crate::audit::testpki::Pki;
        let pki = Pki::new();
        let root = pki.root("Vendor Root");
        let aaguid: [u8; 16] = hex::decode(YK5_NFC.replace('-', "")).unwrap().try_into().unwrap();
        let att = pki.attestation_leaf("Vendor Attestation", &root, Some(aaguid));
        let mut entry = entry_with(serde_json::json!([]));
        entry.attestation_root_certificates = vec![root.der.clone()];
        let chain = vec![att.der.clone()];

        let v = genuine(Some(&chain), MetadataView::Entry(&entry), pki.now);
        assert_eq!(v.result, Outcome::Pass, "{v:?}");
        assert!(v.reason.contains("YubiKey 5 NFC (metadata)"), "{}", v.reason);
        assert_eq!(genuine(Some(&chain), MetadataView::NotLoaded, pki.now).result, Outcome::Unknown);
        assert_eq!(genuine(Some(&chain), MetadataView::NoEntry, pki.now).result, Outcome::Unknown);
        assert_eq!(genuine(None, MetadataView::Entry(&entry), pki.now).result, Outcome::Unknown);
        let v = genuine(Some(&[]), MetadataView::Entry(&entry), pki.now);
        assert_eq!(v.result, Outcome::Fail, "{v:?}");
        let forged = pki.attestation_leaf("Vendor Attestation", &pki.root("Vendor Root"), Some(aaguid));
        let v = genuine(Some(std::slice::from_ref(&forged.der)), MetadataView::Entry(&entry), pki.now);
        assert_eq!(v.result, Outcome::Fail, "{v:?}");
        assert!(v.reason.starts_with("not shown genuine: the attestation certificate is not trusted"), "{}", v.reason);
        entry.attestation_root_certificates.clear();
        assert_eq!(genuine(Some(&chain), MetadataView::Entry(&entry), pki.now).result, Outcome::Unknown);
        let _ = StatusReport::clone;
    }

    #[test]
    fn facts_json_carries_every_field() {
        let mut f = yubikey(Some((5, 4, 3)));
        let entry = entry_with(serde_json::json!([{"status": "FIDO_CERTIFIED_L1", "effectiveDate": "2020-01-01"}]));
        f.apply_metadata(&entry);
        let json = serde_json::to_value(&f).unwrap();
        for key in [
            "path",
            "vid_pid",
            "product",
            "u2f_only",
            "aaguid",
            "model",
            "model_source",
            "versions",
            "firmware_version",
            "firmware_version_text",
            "firmware_source",
            "pin_supported",
            "pin_set",
            "pin_retries",
            "assumed_max_pin_retries",
            "pin_blocked",
            "power_cycle_required",
            "uv_retries",
            "uv_blocked",
            "min_pin_length",
            "force_pin_change",
            "always_uv",
            "enterprise_attestation",
            "remaining_discoverable_credentials",
            "algorithms",
            "pin_protocols",
            "certification_level",
            "status_reports",
        ] {
            assert!(json.get(key).is_some(), "facts JSON lacks {key}");
        }
        assert_eq!(json["model"], "YubiKey 5 NFC (metadata)");
        assert_eq!(json["model_source"], "mds");
        assert_eq!(json["certification_level"], "FIDO_CERTIFIED_L1");
        assert_eq!(json["firmware_version"], 0x050403);
        assert_eq!(json["firmware_source"], "ctaphid_init");
    }
}
