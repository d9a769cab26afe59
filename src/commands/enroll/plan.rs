//! The enrolment plan: from the policy and what the key reports, each step's status (will do,
//! already so, not supported) and the reasons enrolment must stop before writing anything.
//! Pure logic, so the rules are unit-tested without a key.

use crate::audit::policy::{EnrollPolicy, Policy};
use crate::audit::verdict::{enrolment_can_fix, Outcome, Verdict};
use crate::audit::KeyFacts;
use crate::proto::get_info::{AuthenticatorInfo, Setting};
use serde::Serialize;

/// The steps, in the order they are applied. The PIN comes first (everything else needs
/// it); the forced PIN change comes last (after it, the PIN only changes the PIN).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    Pin,
    MinPinLength,
    AlwaysUv,
    EnterpriseAttestation,
    ForcePinChange,
}

impl StepKind {
    pub fn name(self) -> &'static str {
        match self {
            StepKind::Pin => "pin",
            StepKind::MinPinLength => "min_pin_length",
            StepKind::AlwaysUv => "always_uv",
            StepKind::EnterpriseAttestation => "enterprise_attestation",
            StepKind::ForcePinChange => "force_pin_change",
        }
    }
}

/// Where a step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Planned (a dry run, or a refused enrolment): would be applied.
    WillDo,
    /// The key already is as the policy asks: nothing to write.
    Already,
    /// The key does not offer it and the policy requires it: enrolment stops before writing.
    Unsupported,
    /// The key does not offer it, and the policy marks it optional.
    Skipped,
    /// Written and confirmed by the key.
    Applied,
    /// Tried and not confirmed (refused, or the key stopped answering).
    Failed,
    /// Not tried, because an earlier step failed.
    NotReached,
}

impl Status {
    pub fn word(self) -> &'static str {
        match self {
            Status::WillDo => "will_do",
            Status::Already => "already",
            Status::Unsupported => "unsupported",
            Status::Skipped => "skipped",
            Status::Applied => "applied",
            Status::Failed => "failed",
            Status::NotReached => "not_reached",
        }
    }
}

/// One step of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    pub step: StepKind,
    pub status: Status,
    /// The value the step sets (the minimum length); null for on/off steps.
    pub value: Option<u64>,
    pub detail: String,
}

/// What the plan needs to know of the key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyState {
    pub pin_supported: bool,
    pub pin_set: bool,
    pub pin_blocked: bool,
    /// getInfo 0x0D; 4 when the key does not report it.
    pub min_pin_length: u64,
    pub force_pin_change: bool,
    /// `None`: the key does not offer the setting.
    pub always_uv: Option<bool>,
    pub enterprise_attestation: Option<bool>,
    /// setMinPINLength (and forceChangePin) is offered.
    pub min_pin_length_settable: bool,
    /// getInfo 0x10: how many RP ids setMinPINLength takes; `None`: none.
    pub max_rp_ids: Option<u64>,
    /// The journal shows this key's PIN was set by an enrolment that was cut short.
    pub resuming_enrolment: bool,
}

impl KeyState {
    pub fn of(info: &AuthenticatorInfo, facts: &KeyFacts) -> KeyState {
        let config = info.authenticator_config();
        let offered = |s: Setting| config && info.setting(s).is_some();
        KeyState {
            pin_supported: info.pin().supported(),
            pin_set: info.pin().is_set(),
            pin_blocked: facts.pin_blocked == Some(true),
            min_pin_length: info.min_pin_length.unwrap_or(4),
            force_pin_change: info.force_pin_change == Some(true),
            always_uv: offered(Setting::AlwaysUv).then(|| info.always_uv()),
            enterprise_attestation: offered(Setting::EnterpriseAttestation)
                .then(|| info.enterprise_attestation() == Some(true)),
            min_pin_length_settable: offered(Setting::MinPinLength),
            max_rp_ids: info.max_rp_ids_for_set_min_pin_length,
            resuming_enrolment: false,
        }
    }
}

/// The minimum PIN length enrolment sets: the higher of the `[enroll]` table's and the audit
/// rule's, so the re-audit with the same file passes.
pub fn target_min_length(policy: &Policy) -> Option<u64> {
    let table = policy.enroll.as_ref().and_then(|e| e.min_pin_length);
    table.max(policy.min_pin_length).map(u64::from)
}

fn wants_always_uv(policy: &Policy) -> bool {
    policy.enroll.as_ref().is_some_and(|e| e.always_uv) || policy.require_always_uv == Some(true)
}

fn step(step: StepKind, status: Status, detail: impl Into<String>) -> Step {
    Step { step, status, value: None, detail: detail.into() }
}

/// A step the key cannot do: skipped when optional, else it blocks enrolment.
fn missing(kind: StepKind, table: &EnrollPolicy, why: &str) -> Step {
    if table.is_optional(kind.name()) {
        step(kind, Status::Skipped, format!("{why}; the policy marks this step optional"))
    } else {
        step(kind, Status::Unsupported, why.to_string())
    }
}

/// Every step the policy asks for, with its status on this key.
pub fn plan(policy: &Policy, key: &KeyState) -> Vec<Step> {
    let table = policy.enroll.clone().unwrap_or_default();
    let mut steps = Vec::new();

    steps.push(if !key.pin_supported {
        step(StepKind::Pin, Status::Unsupported, "this key does not support a PIN")
    } else if key.pin_set {
        step(StepKind::Pin, Status::Already, "the key has a PIN: enrolment asks for it")
    } else {
        step(StepKind::Pin, Status::WillDo, "set the PIN")
    });

    if let Some(target) = target_min_length(policy) {
        let mut s = if !key.min_pin_length_settable {
            missing(StepKind::MinPinLength, &table, "this key cannot change its minimum PIN length")
        } else if !table.rp_ids.is_empty() && key.max_rp_ids.is_none_or(|max| table.rp_ids.len() as u64 > max) {
            let why = match key.max_rp_ids {
                None => "this key cannot tell sites its minimum PIN length (rp_ids)".to_string(),
                Some(max) => format!("this key takes at most {max} rp_ids; the policy names {}", table.rp_ids.len()),
            };
            missing(StepKind::MinPinLength, &table, &why)
        } else if key.min_pin_length >= target {
            // The RP ids cannot be read back from a key; they were sent when the minimum was raised.
            step(StepKind::MinPinLength, Status::Already, format!("the minimum PIN length is {}", key.min_pin_length))
        } else {
            let mut detail = format!("raise the minimum PIN length from {} to {target}", key.min_pin_length);
            if !table.rp_ids.is_empty() {
                detail.push_str(&format!(" (readable by {})", table.rp_ids.join(", ")));
            }
            step(StepKind::MinPinLength, Status::WillDo, detail)
        };
        s.value = Some(target);
        steps.push(s);
    }

    if wants_always_uv(policy) {
        steps.push(match key.always_uv {
            None => missing(StepKind::AlwaysUv, &table, "this key cannot require user verification for every use"),
            Some(true) => step(StepKind::AlwaysUv, Status::Already, "always-UV is on"),
            Some(false) => step(StepKind::AlwaysUv, Status::WillDo, "turn always-UV on"),
        });
    }

    if table.enterprise_attestation {
        steps.push(match key.enterprise_attestation {
            None => missing(StepKind::EnterpriseAttestation, &table, "this key does not offer enterprise attestation"),
            Some(true) => step(StepKind::EnterpriseAttestation, Status::Already, "enterprise attestation is enabled"),
            Some(false) => step(StepKind::EnterpriseAttestation, Status::WillDo, "enable enterprise attestation"),
        });
    }

    if table.force_pin_change {
        steps.push(if !key.min_pin_length_settable {
            missing(StepKind::ForcePinChange, &table, "this key cannot force a PIN change")
        } else if key.pin_set && key.force_pin_change {
            step(StepKind::ForcePinChange, Status::Already, "a PIN change is already required")
        } else {
            step(StepKind::ForcePinChange, Status::WillDo, "require a PIN change at first use (last step)")
        });
    }
    steps
}

/// Why enrolment must stop before writing anything, one verdict per reason; empty: go ahead.
/// A failed audit rule that enrolment cannot fix, a used key under `require_fresh_key`, a
/// blocked PIN, and a required step the key does not offer.
pub fn blockers(policy: &Policy, key: &KeyState, before: &[Verdict], steps: &[Step]) -> Vec<Verdict> {
    let mut out: Vec<Verdict> =
        before.iter().filter(|v| v.result == Outcome::Fail && !enrolment_can_fix(&v.rule)).cloned().collect();
    let fresh = policy.enroll.as_ref().is_some_and(|e| e.require_fresh_key);
    if fresh && key.pin_set && !key.resuming_enrolment {
        out.push(Verdict::new(
            "require_fresh_key",
            Outcome::Fail,
            "this key already has a PIN, so it has been used before, and the policy requires a fresh key",
        ));
    }
    if key.pin_blocked {
        out.push(Verdict::new("pin", Outcome::Fail, "the key's PIN is blocked; only a factory reset makes it usable"));
    }
    for s in steps.iter().filter(|s| s.status == Status::Unsupported) {
        out.push(Verdict::new(
            s.step.name(),
            Outcome::Fail,
            format!("{}, and the policy does not mark this step optional", s.detail),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctap21_new() -> KeyState {
        KeyState {
            pin_supported: true,
            min_pin_length: 4,
            always_uv: Some(false),
            enterprise_attestation: Some(false),
            min_pin_length_settable: true,
            max_rp_ids: Some(4),
            ..KeyState::default()
        }
    }

    fn policy(text: &str) -> Policy {
        Policy::from_toml(text).unwrap()
    }

    fn statuses(steps: &[Step]) -> Vec<(&'static str, &'static str)> {
        steps.iter().map(|s| (s.step.name(), s.status.word())).collect()
    }

    const FULL: &str = "require_pin = true\n[enroll]\nmin_pin_length = 8\nrp_ids = [\"example.com\"]\n\
                        always_uv = true\nenterprise_attestation = true\nforce_pin_change = true\n";

    #[test]
    fn a_new_key_gets_every_step_in_the_safe_order() {
        let steps = plan(&policy(FULL), &ctap21_new());
        assert_eq!(
            statuses(&steps),
            [
                ("pin", "will_do"),
                ("min_pin_length", "will_do"),
                ("always_uv", "will_do"),
                ("enterprise_attestation", "will_do"),
                ("force_pin_change", "will_do")
            ]
        );
        assert_eq!(steps[1].value, Some(8));
        assert!(blockers(&policy(FULL), &ctap21_new(), &[], &steps).is_empty());
    }

    #[test]
    fn steps_already_done_are_not_done_again() {
        let key = KeyState {
            pin_set: true,
            min_pin_length: 8,
            always_uv: Some(true),
            enterprise_attestation: Some(true),
            force_pin_change: true,
            ..ctap21_new()
        };
        let steps = plan(&policy(FULL), &key);
        assert!(steps.iter().all(|s| s.status == Status::Already), "{steps:?}");
        // A higher minimum still to reach is a step.
        let key = KeyState { min_pin_length: 6, ..key };
        assert_eq!(plan(&policy(FULL), &key)[1].status, Status::WillDo);
    }

    #[test]
    fn the_audit_rules_raise_what_the_table_sets() {
        let p = policy("min_pin_length = 10\nrequire_always_uv = true\n[enroll]\nmin_pin_length = 6\n");
        let steps = plan(&p, &ctap21_new());
        assert_eq!(statuses(&steps), [("pin", "will_do"), ("min_pin_length", "will_do"), ("always_uv", "will_do")]);
        assert_eq!(steps[1].value, Some(10));
    }

    #[test]
    fn a_missing_setting_blocks_unless_optional() {
        let old = KeyState { pin_supported: true, min_pin_length: 4, ..KeyState::default() };
        let steps = plan(&policy(FULL), &old);
        let blocked = blockers(&policy(FULL), &old, &[], &steps);
        let rules: Vec<&str> = blocked.iter().map(|v| v.rule.as_str()).collect();
        assert_eq!(rules, ["min_pin_length", "always_uv", "enterprise_attestation", "force_pin_change"]);
        let optional = format!(
            "{FULL}optional = [\"min_pin_length\", \"always_uv\", \"enterprise_attestation\", \"force_pin_change\"]\n"
        );
        let steps = plan(&policy(&optional), &old);
        assert_eq!(steps.iter().filter(|s| s.status == Status::Skipped).count(), 4);
        assert!(blockers(&policy(&optional), &old, &[], &steps).is_empty());
    }

    #[test]
    fn rules_enrolment_cannot_fix_block_and_the_others_do_not() {
        let p = policy("require_pin = true\n[enroll]\nrequire_fresh_key = true\n");
        let before = vec![
            Verdict::new("require_pin", Outcome::Fail, "no PIN"),
            Verdict::new("denied_aaguids", Outcome::Fail, "denied"),
            Verdict::new("genuine", Outcome::Unknown, "not checked"),
        ];
        let key = ctap21_new();
        let b = blockers(&p, &key, &before, &plan(&p, &key));
        assert_eq!(b.iter().map(|v| v.rule.as_str()).collect::<Vec<_>>(), ["denied_aaguids"]);
        let used = KeyState { pin_set: true, ..ctap21_new() };
        let b = blockers(&p, &used, &[], &plan(&p, &used));
        assert_eq!(b.iter().map(|v| v.rule.as_str()).collect::<Vec<_>>(), ["require_fresh_key"]);
        // Its own interrupted enrolment set that PIN: the same enrolment may finish.
        let resuming = KeyState { resuming_enrolment: true, ..used };
        assert!(blockers(&p, &resuming, &[], &plan(&p, &resuming)).is_empty());
    }

    #[test]
    fn too_many_rp_ids_for_the_key_is_a_missing_setting() {
        let key = KeyState { max_rp_ids: None, ..ctap21_new() };
        let steps = plan(&policy(FULL), &key);
        assert_eq!(steps[1].status, Status::Unsupported);
        assert!(steps[1].detail.contains("cannot tell sites"), "{}", steps[1].detail);
    }
}
