//! `fidoctl enroll --policy FILE [--for NAME] [--attest [--mds FILE [--mds-root CERT]]] [--dry-run]`: audit one
//! key, stop with nothing written when enrolment cannot make it compliant, apply the policy's
//! steps in a safe order ([`plan`], [`apply`]), re-audit, and print and journal the record.
//!
//! Exit codes: a key the policy refuses before anything is written, and a key that still fails
//! the re-audit (a step the policy marks optional was not available), end in 6 like `audit`:
//! the key was read and fails the policy, so a script should pick another key, not retry. 1 is
//! kept for a step that failed (the key refused, or stopped answering), which a re-run may fix.

pub mod apply;
pub mod plan;

use super::audit::{attestation_chain, load_metadata, load_policy, read_facts};
use super::auth::{pin_input, read_pin_for};
use super::confirm::confirm;
use super::journal as cj;
use super::{exit, Context, Failure, Outcome};
use crate::audit::verdict::{self, MetadataView};
use crate::audit::{KeyFacts, Policy, Verdict, ADVISORIES};
use crate::cli::{AuditArgs, EnrollArgs};
use crate::client::Authenticator;
use crate::journal::record::EnrollmentStep;
use crate::journal::{Arg, Change};
use crate::output::audit::outcome_word;
use crate::output::enroll::{AuditPass, EnrollReport, KeyIdentity, StepError};
use plan::{Status, Step, StepKind};

/// The longest `--for NAME` (characters).
const FOR_NAME_MAX: usize = 128;

fn now_unix() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// The audit of one key with the policy (the genuine check carried over from the first
/// audit: the attestation does not change with the settings).
fn audit_pass(
    policy: &Policy,
    facts: &mut KeyFacts,
    blob: Option<&crate::audit::MetadataBlob>,
    genuine: Option<&Verdict>,
) -> AuditPass {
    let view = MetadataView::of(blob, facts.model_aaguid());
    if let MetadataView::Entry(e) = view {
        facts.apply_metadata(e);
    }
    let mut verdicts = verdict::evaluate_view(policy, facts, view, ADVISORIES);
    verdicts.extend(genuine.cloned());
    AuditPass { result: outcome_word(verdict::overall(&verdicts, false)).into(), verdicts }
}

fn genuine_verdict(
    auth: &mut Authenticator,
    facts: &KeyFacts,
    blob: Option<&crate::audit::MetadataBlob>,
    now: u64,
) -> Verdict {
    let view = MetadataView::of(blob, facts.model_aaguid());
    match attestation_chain(auth) {
        Ok(chain) => verdict::genuine(Some(&chain), view, now),
        Err(reason) => Verdict::new("genuine", crate::audit::Outcome::Unknown, reason),
    }
}

/// What the confirmation shows: every step that will be written.
fn describe(auth: &Authenticator, steps: &[Step], enrolled_for: Option<&str>) -> String {
    let mut what = format!("This enrols {}", auth.device().path());
    if let Some(name) = enrolled_for {
        what.push_str(&format!(" for {name}"));
    }
    what.push_str(". It will:");
    for s in steps.iter().filter(|s| s.status == Status::WillDo) {
        what.push_str(&format!("\n  - {}", s.detail));
    }
    // Only what is true: always-UV can be switched off again; the rest only a reset undoes.
    let will = |k: StepKind| steps.iter().any(|s| s.step == k && s.status == Status::WillDo);
    let lasting = will(StepKind::MinPinLength) || will(StepKind::EnterpriseAttestation);
    if lasting {
        what.push_str(
            "\nOnly a factory reset lowers the minimum PIN length or turns enterprise attestation off again.",
        );
    }
    if will(StepKind::AlwaysUv) {
        what.push_str("\n`fidoctl config always-uv off` turns always-UV off again.");
    }
    what
}

fn journal_steps(steps: &[Step]) -> Vec<EnrollmentStep> {
    steps.iter().map(|s| EnrollmentStep { step: s.step.name().into(), status: s.status.word().into() }).collect()
}

/// Whether the journal's last word on this key (same path and AAGUID) is an enrolment that
/// was cut short after (or while) setting the PIN: then the PIN is enrolment's own, and a fresh-key
/// policy lets the same enrolment finish. A step's own records (command `enroll`, not the
/// enrolment record) come before it and are passed over.
fn resuming_enrolment(ctx: &Context, path: &str, aaguid: Option<&str>) -> bool {
    let Some(bytes) = cj::open(ctx).ok().and_then(|j| j.store()).and_then(|s| s.read_all().ok().flatten()) else {
        return false;
    };
    let (records, _) = crate::journal::query::select(&bytes, &crate::journal::query::Filter::default());
    let last = records.iter().rev().find(|r| {
        r.device.path == path
            && r.device.aaguid.as_deref() == aaguid
            && (r.command != "enroll" || matches!(r.change, Change::Enrollment { .. }))
    });
    match last {
        Some(r) => match &r.change {
            Change::Enrollment { steps, .. } => {
                // `failed` too: a key that stopped answering may have taken the PIN.
                r.outcome != crate::journal::Outcome::Done
                    && steps.iter().any(|s| {
                        s.step == "pin" && (s.status == Status::Applied.word() || s.status == Status::Failed.word())
                    })
            }
            _ => false,
        },
        None => false,
    }
}

pub fn run(ctx: &Context, args: EnrollArgs) -> Result<Outcome, Failure> {
    let now = now_unix();
    if let Some(name) = &args.enrolled_for {
        // It goes into the record and the journal as it is: one printable line.
        if name.trim().is_empty() || name.chars().count() > FOR_NAME_MAX || name.chars().any(char::is_control) {
            return Err(Failure::usage(format!(
                "--for must name the person the key is for: 1 to {FOR_NAME_MAX} characters on one line."
            )));
        }
    }
    let (policy, policy_source) = load_policy(Some(&args.policy))?;
    if args.mds.is_some() && !args.attest {
        return Err(Failure::usage("--mds is used with --attest (the genuine-key check) in enroll."));
    }
    let audit_args = AuditArgs {
        policy: None,
        mds: args.mds.clone(),
        mds_root: args.mds_root.clone(),
        attest: args.attest,
        strict: false,
    };
    let blob = load_metadata(&audit_args, now)?;
    if !args.dry_run {
        cj::preflight(ctx)?;
    }
    let mut auth = ctx.open_one()?;
    let device = auth.device().clone();
    let mut facts = read_facts(ctx, &mut auth, &device)?;
    if facts.u2f_only {
        return Err(Failure::new(
            exit::POLICY,
            "enroll_refused",
            "This key speaks only U2F: it has no PIN and no settings to enrol, so nothing was written.",
        )
        .hint("Use a FIDO2 key for administrators."));
    }
    // The throwaway registration comes before the PIN: afterwards many keys refuse it without one.
    let genuine = args.attest.then(|| genuine_verdict(&mut auth, &facts, blob.as_ref(), now));
    let before = audit_pass(&policy, &mut facts, blob.as_ref(), genuine.as_ref());
    let info = auth.info()?.clone();
    let mut key = plan::KeyState::of(&info, &facts);
    key.resuming_enrolment = key.pin_set && resuming_enrolment(ctx, device.path(), facts.aaguid.as_deref());
    let mut steps = plan::plan(&policy, &key);
    let refused = plan::blockers(&policy, &key, &before.verdicts, &steps);

    let mut report = EnrollReport {
        device: super::device_object(&auth),
        policy: policy_source,
        result: String::new(),
        dry_run: args.dry_run,
        enrolled_for: args.enrolled_for.clone(),
        operator: crate::journal::identity::user(),
        key: KeyIdentity {
            aaguid: facts.aaguid.clone(),
            model: facts.model.clone(),
            firmware: facts.firmware_version_text.clone(),
            versions: facts.versions.clone(),
        },
        audit_before: before,
        refused_because: refused,
        steps: Vec::new(),
        audit_after: None,
        error: None,
    };

    if !report.refused_because.is_empty() {
        report.result = "refused".into();
        report.steps = steps;
        crate::output::notice::note(&format!(
            "enrolment refused, nothing was written to the key: {}.",
            report.refused_because.iter().map(|v| format!("{} ({})", v.rule, v.reason)).collect::<Vec<_>>().join("; ")
        ));
        return Ok(Outcome { output: Some(Box::new(report)), exit_code: exit::POLICY });
    }
    if args.dry_run {
        report.result = "planned".into();
        report.steps = steps;
        return Ok(Outcome::ok(report));
    }

    let to_do = steps.iter().any(|s| s.status == Status::WillDo);
    let mut applied = Ok(());
    if to_do {
        confirm(ctx, &describe(&auth, &steps, args.enrolled_for.as_deref()), "Enrol this key?")?;
        let mut input = pin_input(ctx)?;
        let sets_pin = steps.iter().any(|s| s.step == StepKind::Pin && s.status == Status::WillDo);
        let pin = if sets_pin {
            // The operator's PIN must meet the minimum enrolment sets, or raising it would lock
            // the PIN behind a forced change half-way through.
            let min = plan::target_min_length(&policy).unwrap_or(0).max(key.min_pin_length);
            input.new_pin_within(Some(min), info.max_pin_length, "enroll")?
        } else {
            read_pin_for(&mut auth, &mut input, "enrolling this key")?
        };
        let rp_ids = policy.enroll.as_ref().map(|e| e.rp_ids.clone()).unwrap_or_default();
        let mut applier = apply::Applier::new(ctx, &pin, &rp_ids);
        applied = applier.apply(&mut auth, &mut steps);
    }
    report.steps = steps;

    // Named from the getInfo read at the start: a key that stopped answering is still this key.
    let attempt = crate::journal::Attempt::new(
        "enroll",
        cj::device(&device, Some(&info)),
        Change::Enrollment {
            enrolled_for: args.enrolled_for.clone(),
            firmware: report.key.firmware.clone(),
            steps: journal_steps(&report.steps),
        },
    )
    .arg(Arg::text("policy", args.policy.display().to_string()))
    .arg(Arg::flag("attest", args.attest))
    .arg(Arg::flag("yes", ctx.global.yes));
    let exit_code = match applied {
        Err(f) => {
            report.result = "interrupted".into();
            let applied: Vec<&str> =
                report.steps.iter().filter(|s| s.status == Status::Applied).map(|s| s.step.name()).collect();
            let failed = report.steps.iter().find(|s| s.status == Status::Failed).map_or("?", |s| s.step.name());
            let message = format!(
                "Enrolment stopped at the {failed} step: {} Applied before it: {}.",
                f.message,
                if applied.is_empty() { "nothing".to_string() } else { applied.join(", ") }
            );
            let mut hint = "Run the same command again to finish: the steps already applied are skipped.".to_string();
            if report.steps.iter().any(|s| s.step == StepKind::Pin && s.status == Status::Applied) {
                hint.push_str(" The key now has the new PIN: give it as the current PIN (FIDOCTL_PIN or --pin-stdin).");
            }
            if let Some(h) = &f.hint {
                hint = format!("{h} {hint}");
            }
            crate::output::notice::note(&message);
            crate::output::notice::instruct(&hint);
            let code = f.exit_code;
            let stopped = Failure { message: message.clone(), hint: Some(hint.clone()), ..f };
            report.error = Some(StepError { code: stopped.code.clone(), message, hint: Some(hint), exit_code: code });
            // The record says which steps were applied; the outcome is the failed step's.
            let _ = cj::finish(ctx, attempt, Err::<(), _>(stopped));
            code
        }
        Ok(()) => {
            // Every step is on the key: that is the record, whatever the re-audit reads.
            cj::finish(ctx, attempt, Ok(()))?;
            let mut after_facts = read_facts(ctx, &mut auth, &device)?;
            let genuine = report.audit_before.verdicts.iter().find(|v| v.rule == "genuine").cloned();
            let after = audit_pass(&policy, &mut after_facts, blob.as_ref(), genuine.as_ref());
            let compliant = after.result != "fail";
            report.result = if compliant { "enrolled" } else { "not_compliant" }.into();
            report.audit_after = Some(after);
            if compliant {
                exit::SUCCESS
            } else {
                exit::POLICY
            }
        }
    };
    Ok(Outcome { output: Some(Box::new(report)), exit_code })
}
