//! `fidoctl enroll` on virtual keys of every profile: a new key ends compliant with the same
//! policy, a key the policy refuses is left byte-for-byte untouched, a key with a PIN asks for
//! it, the dry run writes nothing, and an enrolment cut short by a fault is journalled step by
//! step and finished by running it again.

mod common;

use common::audit::{mds_entry, mds_payload, write_file, MdsSigner};
use common::cli::{TempKeys, VirtualKeyFile};
use common::state::{attestation_ca, durable_state};
use serde::Deserialize;
use std::path::{Path, PathBuf};

const PIN: &str = "enrol-2468";
const PROFILES: &[&str] = &["ctap2.0", "ctap2.1-pre", "ctap2.1", "ctap2.2"];

/// Every step a key may lack is optional: any profile can be enrolled with it.
const ANY_KEY: &str = "require_pin = true\nforbid_known_vulnerable = true\n\n[enroll]\nmin_pin_length = 8\n\
                       rp_ids = [\"example.com\"]\nalways_uv = true\nforce_pin_change = true\n\
                       optional = [\"min_pin_length\", \"always_uv\", \"force_pin_change\"]\n";

/// The audit rules themselves require what enrolment applies: only CTAP 2.1 keys can meet it.
const STRICT: &str =
    "require_pin = true\nmin_pin_length = 8\nrequire_always_uv = true\nforbid_known_vulnerable = true\n\n\
                      [enroll]\nrp_ids = [\"example.com\"]\nforce_pin_change = true\nrequire_fresh_key = true\n";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Report {
    schema_version: u32,
    device: serde_json::Value,
    policy: String,
    result: String,
    dry_run: bool,
    #[serde(rename = "for")]
    enrolled_for: Option<String>,
    operator: serde_json::Value,
    key: Key,
    audit_before: AuditPass,
    refused_because: Vec<Verdict>,
    steps: Vec<Step>,
    audit_after: Option<AuditPass>,
    #[serde(default)]
    error: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Key {
    aaguid: Option<String>,
    model: Option<String>,
    firmware: Option<String>,
    versions: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AuditPass {
    result: String,
    verdicts: Vec<Verdict>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Verdict {
    rule: String,
    result: String,
    reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Step {
    step: String,
    status: String,
    value: Option<u64>,
    detail: String,
}

impl Report {
    fn statuses(&self) -> Vec<(&str, &str)> {
        self.steps.iter().map(|s| (s.step.as_str(), s.status.as_str())).collect()
    }
}

/// The journal's records, as JSON.
fn records(path: &std::path::Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).expect("the journal exists");
    text.lines().map(|l| serde_json::from_str(l).expect("a record is JSON")).collect()
}

fn policy(keys: &TempKeys, text: &str) -> PathBuf {
    let path = keys.path("policy.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn enroll(key: &VirtualKeyFile, env: &[(&str, &str)], policy: &Path, extra: &[&str]) -> common::cli::Run {
    let mut args = vec!["enroll", "--policy", policy.to_str().unwrap(), "--for", "alice", "--json"];
    args.extend_from_slice(extra);
    key.run_env(env, &args)
}

fn info(key: &VirtualKeyFile) -> serde_json::Value {
    let run = key.run(&["info", "--json"]);
    run.success();
    run.value()
}

fn audit_exit(key: &VirtualKeyFile, policy: &Path) -> Option<i32> {
    key.run(&["audit", "--policy", policy.to_str().unwrap()]).code
}

#[test]
fn a_new_key_of_every_profile_ends_compliant() {
    for profile in PROFILES {
        let keys = TempKeys::new();
        let key = keys.create("key.json", &["--profile", profile]);
        let policy = policy(&keys, ANY_KEY);
        assert_eq!(audit_exit(&key, &policy), Some(6), "{profile}: a new key has no PIN, so it fails first");
        let run = enroll(&key, &[("FIDOCTL_NEW_PIN", PIN)], &policy, &["--yes"]);
        run.success();
        let report: Report = run.json();
        assert_eq!(report.schema_version, 1);
        assert_eq!((report.result.as_str(), report.dry_run), ("enrolled", false), "{profile}");
        assert_eq!(report.enrolled_for.as_deref(), Some("alice"));
        assert_eq!(report.audit_before.result, "fail");
        assert_eq!(report.device["path"], key.selector().as_str());
        assert_eq!(report.policy, policy.display().to_string());
        let before_pin = report.audit_before.verdicts.iter().find(|v| v.rule == "require_pin").unwrap();
        assert_eq!(
            (before_pin.result.as_str(), before_pin.reason.as_str()),
            ("fail", "no PIN is set (fidoctl pin set sets one)")
        );
        assert_eq!(report.audit_after.as_ref().map(|a| a.result.as_str()), Some("pass"), "{profile}");
        assert_eq!(report.key.model.as_deref(), Some("fidoctl virtual key"));
        assert!(report.key.aaguid.is_some() && report.key.firmware.is_some() && !report.key.versions.is_empty());
        assert!(report.operator["uid"].is_u64(), "{:?}", report.operator);
        let config = matches!(*profile, "ctap2.1" | "ctap2.2");
        let rest = if config { "applied" } else { "skipped" };
        assert_eq!(
            report.statuses(),
            [("pin", "applied"), ("min_pin_length", rest), ("always_uv", rest), ("force_pin_change", rest)],
            "{profile}"
        );
        // The same policy passes on the enrolled key, and the key says so itself.
        assert_eq!(audit_exit(&key, &policy), Some(0), "{profile}");
        let pin = &info(&key)["pin"];
        assert_eq!(pin["pin_set"], true, "{profile}");
        if config {
            assert_eq!((pin["min_pin_length"].as_u64(), pin["force_pin_change"].as_bool()), (Some(8), Some(true)));
            assert_eq!(key.state()["always_uv"], true);
        }
    }
}

#[test]
fn a_strict_policy_enrols_a_ctap21_key_and_the_reaudit_passes() {
    for profile in ["ctap2.1", "ctap2.2"] {
        let keys = TempKeys::new();
        let key = keys.create("key.json", &["--profile", profile]);
        let policy = policy(&keys, STRICT);
        let run = enroll(&key, &[("FIDOCTL_NEW_PIN", PIN)], &policy, &["--yes"]);
        run.success();
        let report: Report = run.json();
        assert_eq!(report.result, "enrolled");
        assert_eq!(report.steps[1].value, Some(8), "the audit rule's minimum is the one set");
        assert_eq!(audit_exit(&key, &policy), Some(0));
        // The journal: one record per step, then the enrolment record naming whom it is for.
        let journal = records(&key.journal());
        let kinds: Vec<&str> = journal.iter().map(|r| r["change"]["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["pin_set", "min_pin_length", "setting", "force_pin_change", "enrollment"]);
        let last = journal.last().unwrap();
        assert_eq!(last["change"]["enrolled_for"], "alice");
        assert_eq!(last["outcome"]["result"], "done");
        assert_eq!(last["change"]["steps"][3], serde_json::json!({"step": "force_pin_change", "status": "applied"}));
        assert!(!std::fs::read_to_string(key.journal()).unwrap().contains(PIN), "no PIN in the journal");
    }
}

#[test]
fn a_key_that_cannot_meet_a_required_step_is_refused_with_nothing_written() {
    for profile in ["ctap2.0", "ctap2.1-pre"] {
        let keys = TempKeys::new();
        let key = keys.create("key.json", &["--profile", profile]);
        let policy = policy(&keys, STRICT);
        let before = key.bytes();
        let run = enroll(&key, &[("FIDOCTL_NEW_PIN", PIN)], &policy, &["--yes"]);
        run.expect_code(6);
        run.stderr_has("fidoctl: enrolment refused, nothing was written to the key: min_pin_length (this key cannot change its minimum PIN length, and the policy does not mark this step optional)");
        let report: Report = run.json();
        assert_eq!(report.result, "refused");
        let rules: Vec<&str> = report.refused_because.iter().map(|v| v.rule.as_str()).collect();
        assert_eq!(rules, ["min_pin_length", "always_uv", "force_pin_change"], "{profile}");
        assert_eq!(report.steps[0].status, "will_do");
        assert_eq!(key.bytes(), before, "{profile}: the state file is untouched");
        assert!(!key.journal().exists(), "nothing changed, nothing journalled");
    }
}

#[test]
fn a_denied_key_is_refused_with_nothing_changed() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let aaguid = info(&key)["device"]["aaguid"].as_str().unwrap().to_string();
    let policy =
        policy(&keys, &format!("require_pin = true\ndenied_aaguids = [\"{aaguid}\"]\n\n[enroll]\nalways_uv = true\n"));
    let before = key.bytes();
    let run = enroll(&key, &[("FIDOCTL_NEW_PIN", PIN)], &policy, &["--yes"]);
    run.expect_code(6);
    let report: Report = run.json();
    assert_eq!(report.result, "refused");
    assert_eq!(report.refused_because.len(), 1);
    assert_eq!(report.refused_because[0].rule, "denied_aaguids");
    assert_eq!(report.refused_because[0].result, "fail");
    assert!(report.audit_after.is_none() && report.error.is_none());
    assert_eq!(key.bytes(), before);
    assert!(!key.journal().exists());
    // The text view says so too.
    let text = key.run_env(&[("FIDOCTL_NEW_PIN", PIN)], &["enroll", "--policy", policy.to_str().unwrap(), "--yes"]);
    text.expect_code(6).stdout_has("Enrolment refused: nothing was written to the key.");
}

#[test]
fn a_used_key_is_refused_when_the_policy_requires_a_fresh_one() {
    let keys = TempKeys::new();
    let key = keys.create_with_pin("key.json", &[], PIN);
    let policy = policy(&keys, STRICT);
    let before = key.bytes();
    let run = enroll(&key, &[("FIDOCTL_PIN", PIN)], &policy, &["--yes"]);
    run.expect_code(6);
    let report: Report = run.json();
    assert_eq!(report.refused_because.iter().map(|v| v.rule.as_str()).collect::<Vec<_>>(), ["require_fresh_key"]);
    assert_eq!(key.bytes(), before);
}

#[test]
fn a_key_with_a_pin_asks_for_it() {
    let keys = TempKeys::new();
    let key = keys.create_with_pin("key.json", &[], PIN);
    let policy = policy(&keys, ANY_KEY);
    let before = key.bytes();
    // No PIN source and no terminal: exit 4 at once, naming the sources, nothing written.
    let run = enroll(&key, &[], &policy, &["--yes"]);
    run.expect_code(4);
    run.stderr_has("fidoctl: A PIN is needed, but standard input is not a terminal and no PIN was given.");
    run.stderr_has("--pin-stdin").stderr_has("FIDOCTL_PIN");
    assert_eq!(run.value()["error"]["code"], "pin_source_missing");
    assert_eq!(key.bytes(), before);
    // With the PIN (here on standard input): the PIN step is already so, the rest is applied.
    let run = common::cli::run_on_with_stdin(
        &key.selector(),
        &[("FIDOCTL_JOURNAL", key.journal().to_str().unwrap())],
        &["enroll", "--policy", policy.to_str().unwrap(), "--yes", "--pin-stdin", "--json"],
        &format!("{PIN}\n"),
    );
    run.success();
    let report: Report = run.json();
    assert_eq!(
        report.statuses(),
        [("pin", "already"), ("min_pin_length", "applied"), ("always_uv", "applied"), ("force_pin_change", "applied")]
    );
    // A wrong PIN is the key's refusal, told with the attempts left: nothing applied.
    let keys2 = TempKeys::new();
    let other = keys2.create_with_pin("key.json", &[], PIN);
    let run = enroll(&other, &[("FIDOCTL_PIN", "wrong-pin-1")], &policy, &["--yes"]);
    run.expect_code(4);
    let report: Report = run.json();
    assert_eq!(report.result, "interrupted");
    assert_eq!(report.steps[1].status, "failed");
    assert!(report.steps.iter().all(|s| s.status != "applied"), "{:?}", report.steps);
}

#[test]
fn without_yes_and_without_a_terminal_it_refuses() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let policy = policy(&keys, ANY_KEY);
    let before = key.bytes();
    let run = enroll(&key, &[("FIDOCTL_NEW_PIN", PIN)], &policy, &[]);
    run.expect_code(2);
    assert_eq!(run.value()["error"]["code"], "confirmation_required");
    assert_eq!(key.bytes(), before);
}

#[test]
fn the_dry_run_changes_nothing() {
    for profile in PROFILES {
        let keys = TempKeys::new();
        let key = keys.create("key.json", &["--profile", profile]);
        let policy = policy(&keys, ANY_KEY);
        let before = key.bytes();
        // No --yes, no PIN: a dry run needs neither.
        let run = enroll(&key, &[], &policy, &["--dry-run"]);
        run.success();
        let report: Report = run.json();
        assert_eq!((report.result.as_str(), report.dry_run), ("planned", true));
        let config = matches!(*profile, "ctap2.1" | "ctap2.2");
        let rest = if config { "will_do" } else { "skipped" };
        assert_eq!(
            report.statuses(),
            [("pin", "will_do"), ("min_pin_length", rest), ("always_uv", rest), ("force_pin_change", rest)],
            "{profile}"
        );
        assert!(report.steps.iter().all(|s| !s.detail.is_empty()));
        assert!(report.audit_after.is_none());
        assert_eq!(key.bytes(), before, "{profile}: byte-identical state file");
        assert!(!key.journal().exists());
        // After enrolment the plan says everything is already so.
        enroll(&key, &[("FIDOCTL_NEW_PIN", PIN)], &policy, &["--yes"]).success();
        let again: Report = enroll(&key, &[], &policy, &["--dry-run"]).json();
        let done = if config { "already" } else { "skipped" };
        assert_eq!(
            again.statuses(),
            [("pin", "already"), ("min_pin_length", done), ("always_uv", done), ("force_pin_change", done)]
        );
    }
}

/// The key goes away at the Nth CBOR request; the first N that cuts the enrolment short after
/// the PIN was set (and before the last step) is the interruption under test.
#[test]
fn an_interrupted_enrolment_is_journalled_and_finished_by_running_it_again() {
    let mut found = false;
    for at in 1..80 {
        let keys = TempKeys::new();
        let key = keys.create("key.json", &[]);
        let policy = policy(&keys, STRICT);
        let at = at.to_string();
        let faulty =
            [("FIDOCTL_NEW_PIN", PIN), ("FIDOCTL_VIRTUAL_FAULT", "disconnect"), ("FIDOCTL_VIRTUAL_FAULT_AT", &at)];
        let run = enroll(&key, &faulty, &policy, &["--yes"]);
        let Ok(report) = serde_json::from_str::<Report>(&run.stdout) else { continue };
        if report.result != "interrupted" || report.steps[0].status != "applied" {
            continue;
        }
        found = true;
        assert_ne!(run.code, Some(0));
        run.stderr_has("fidoctl: Enrolment stopped at the ");
        run.stderr_has("Run the same command again to finish: the steps already applied are skipped.");
        run.stderr_has("The key now has the new PIN: give it as the current PIN (FIDOCTL_PIN or --pin-stdin).");
        let applied: Vec<String> =
            report.steps.iter().filter(|s| s.status == "applied").map(|s| s.step.clone()).collect();
        let failed = report.steps.iter().find(|s| s.status == "failed").expect("a failed step");
        // The journal says exactly what was applied.
        let journal = records(&key.journal());
        let last = journal.last().unwrap();
        assert_eq!(last["change"]["kind"], "enrollment");
        assert_ne!(last["outcome"]["result"], "done");
        let journalled: Vec<String> = last["change"]["steps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["status"] == "applied")
            .map(|s| s["step"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(journalled, applied);
        // Each applied step has its own record, done; the failed one, if it got as far as
        // writing, is not done.
        let step_records = |name: &str| -> Vec<&serde_json::Value> {
            journal.iter().filter(|r| r["command"] == "enroll" && r["args"][0]["value"] == name).collect()
        };
        for step in &applied {
            let r = step_records(step);
            assert_eq!(r.len(), 1, "{step}");
            assert_eq!(r[0]["outcome"]["result"], "done", "{step}");
        }
        assert!(step_records(&failed.step).iter().all(|r| r["outcome"]["result"] != "done"));

        // Run again: the PIN is the current one now; what was applied is skipped. The policy
        // requires a fresh key, and the journal shows this key's PIN is its own enrolment's.
        let resumed = enroll(&key, &[("FIDOCTL_PIN", PIN)], &policy, &["--yes"]);
        resumed.success();
        let report: Report = resumed.json();
        assert_eq!(report.result, "enrolled");
        for step in &applied {
            let s = report.steps.iter().find(|s| &s.step == step).unwrap();
            assert_eq!(s.status, "already", "{step} was applied by the first run");
        }
        assert_eq!(audit_exit(&key, &policy), Some(0));
        // Once finished, the key is no longer fresh for another enrolment.
        enroll(&key, &[("FIDOCTL_PIN", PIN)], &policy, &["--yes"]).expect_code(6);
        break;
    }
    assert!(found, "no fault position interrupted the enrolment after the PIN step");
}

#[test]
fn a_policy_with_a_bad_enroll_table_is_a_usage_error_before_any_key_is_touched() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let policy = policy(&keys, "require_pin = true\n[enroll]\nalways_uv = true\nforce_change = true\n");
    let run = enroll(&key, &[], &policy, &["--dry-run"]);
    run.expect_code(2);
    let bad = key.run(&["enroll", "--policy", policy.to_str().unwrap(), "--for", "alice\nroot", "--dry-run"]);
    bad.expect_code(2).stderr_has("--for must name the person the key is for: 1 to 128 characters on one line.");
    run.stderr_has(&format!(
        "The policy file {} cannot be used: line 4: unknown setting `force_change` in [enroll]; it may only contain: \
         min_pin_length, rp_ids, always_uv, enterprise_attestation, force_pin_change, require_fresh_key, optional.",
        policy.display()
    ));
}

#[test]
fn a_key_that_is_not_genuine_is_refused_and_a_genuine_one_enrolled() {
    let keys = TempKeys::new();
    let aaguid = "bbbbbbbb-0000-4000-8000-000000000001";
    let genuine = keys.create("genuine.json", &["--aaguid", aaguid]);
    // Same AAGUID, another attestation CA: a key that claims a model it is not.
    let forged = keys.create("forged.json", &["--aaguid", aaguid]);
    let signer = MdsSigner::new();
    let status = serde_json::json!([{"status": "FIDO_CERTIFIED_L1", "effectiveDate": "2022-01-01"}]);
    let blob = signer.sign(&mds_payload(vec![mds_entry(
        aaguid,
        "Genuine Test Key",
        &[&attestation_ca(&genuine.path)],
        status,
    )]));
    let mds = write_file(keys.dir(), "blob.jwt", &blob);
    let root = write_file(keys.dir(), "root.pem", &signer.root.pem());
    let policy = policy(&keys, ANY_KEY);
    let attest = ["--attest", "--mds", mds.to_str().unwrap(), "--mds-root", root.to_str().unwrap(), "--yes"];

    // The genuine check's throwaway registration is the audit's, not a setting: compare what
    // enrolment would write.
    let settings = |k: &VirtualKeyFile| {
        let s = durable_state(k);
        ["pin", "pin_retries", "min_pin_length", "force_pin_change", "always_uv", "enterprise_attestation"]
            .map(|f| s[f].clone())
    };
    let before = settings(&forged);
    let run = enroll(&forged, &[("FIDOCTL_NEW_PIN", PIN)], &policy, &attest);
    run.expect_code(6);
    let report: Report = run.json();
    assert_eq!(report.result, "refused");
    assert_eq!(report.refused_because.iter().map(|v| v.rule.as_str()).collect::<Vec<_>>(), ["genuine"]);
    assert!(report.refused_because[0].reason.starts_with("not shown genuine"), "{:?}", report.refused_because);
    assert_eq!(settings(&forged), before, "no PIN, no setting");
    assert!(!key_has_discoverable(&forged));

    let run = enroll(&genuine, &[("FIDOCTL_NEW_PIN", PIN)], &policy, &attest);
    run.success();
    let report: Report = run.json();
    assert_eq!(report.key.model.as_deref(), Some("Genuine Test Key"));
    let after = report.audit_after.unwrap();
    assert!(after.verdicts.iter().any(|v| v.rule == "genuine" && v.result == "pass"), "{:?}", after.verdicts);
}

fn key_has_discoverable(key: &VirtualKeyFile) -> bool {
    key.state()["credentials"].as_array().unwrap().iter().any(|c| c["discoverable"] == true)
}

/// Faults that end a run at once (the ones that make the host wait out a timeout are in
/// tests/fault_matrix.rs), at every CBOR request of an enrolment in turn: never a panic, an
/// exit code from the table, a journal that states every step the report calls applied, and
/// a second run that finishes the enrolment.
#[test]
fn a_fault_at_any_request_leaves_a_true_record_and_a_run_that_finishes() {
    let relaxed = STRICT.replace("require_fresh_key = true\n", "");
    for fault in ["disconnect", "garble", "status:7f"] {
        let mut at = 1;
        loop {
            let keys = TempKeys::new();
            let key = keys.create("key.json", &[]);
            let policy = policy(&keys, &relaxed);
            let n = at.to_string();
            let env = [("FIDOCTL_NEW_PIN", PIN), ("FIDOCTL_VIRTUAL_FAULT", fault), ("FIDOCTL_VIRTUAL_FAULT_AT", &n)];
            let run = enroll(&key, &env, &policy, &["--yes"]);
            assert!(!run.stderr.contains("panicked"), "{fault} at {at}: {}", run.stderr);
            if run.code == Some(0) {
                let report: Report = run.json();
                if report.steps.iter().all(|s| s.status == "applied") && report.result == "enrolled" {
                    // Past the last request: the fault never fired.
                    break;
                }
            }
            assert!(
                matches!(run.code, Some(0 | 1 | 3 | 4 | 5)),
                "{fault} at {at}: exit {:?}\n{}",
                run.code,
                run.stderr
            );
            if let Ok(report) = serde_json::from_str::<Report>(&run.stdout) {
                if report.result == "interrupted" {
                    let journal = records(&key.journal());
                    let last = journal.last().unwrap();
                    let journalled: Vec<(String, String)> = last["change"]["steps"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|s| (s["step"].as_str().unwrap().to_string(), s["status"].as_str().unwrap().to_string()))
                        .collect();
                    let reported: Vec<(String, String)> =
                        report.steps.iter().map(|s| (s.step.clone(), s.status.clone())).collect();
                    assert_eq!(journalled, reported, "{fault} at {at}");
                    let state = key.state();
                    for s in report.steps.iter().filter(|s| s.status == "applied") {
                        let on_key = match s.step.as_str() {
                            "pin" => !state["pin"].is_null(),
                            "min_pin_length" => state["min_pin_length"] == 8,
                            "always_uv" => state["always_uv"] == true,
                            _ => state["force_pin_change"] == true,
                        };
                        assert!(on_key, "{fault} at {at}: {} reported applied", s.step);
                    }
                }
            }
            let again = enroll(&key, &[("FIDOCTL_NEW_PIN", PIN), ("FIDOCTL_PIN", PIN)], &policy, &["--yes"]);
            again.success();
            let report: Report = again.json();
            assert_eq!(report.result, "enrolled", "{fault} at {at}");
            at += 1;
            assert!(at < 60, "{fault}: the enrolment never got past the fault");
        }
    }
}
