//! Fleet audit: `fidoctl audit` over sets of virtual keys in different states (no PIN, short
//! minPINLength, denied AAGUID, firmware on the advisories list, wrong PINs entered, CTAP 2.0),
//! checked rule by rule in JSON and CSV, with the exit codes scripts rely on; an unreachable
//! key among healthy ones; policy-file errors; FIDO metadata (`--mds`) signed by a test PKI,
//! tampered or under the wrong root; the genuine-key check (`--attest`); and parallel reads.
//!
//! Nothing here touches a real key: every run names its keys with `-d`, except the "no key
//! found" test, which scans HID only on a machine that has no hidraw node at all.

mod common;

use common::audit::{
    always_uv_on, audit, audit_env, audit_json, enter_wrong_pins, mds_entry, mds_payload, raise_min_pin_length,
    tamper_payload, write_file, MdsSigner, TestCert, CSV_HEADER, DEFAULT_POLICY,
};
use common::cli::{expect_error, no_hid_devices_here, TempKeys, VirtualKeyFile};
use common::csv::CsvTable;
use common::interop::VirtualKeyServer;
use common::schema::{
    AuditDocument, KeyResult, MetadataSummary,
    Outcome::{self, Fail, Pass, Unknown},
};
use common::state::attestation_ca;
use serde_json::json;

const VIRTUAL_AAGUID: &str = "6f1d0c7a-5e1b-4c3e-9a7d-0f1d0c7a11e5";
/// "YubiKey 5 Series" in the model table, listed in YSA-2024-03 (EUCLEAK, fixed in 5.7.0).
const YK5_AAGUID: &str = "cb69481e-8ff7-4039-93ec-0a2729a154a8";
/// An AAGUID no model table knows; the fleet policy denies it.
const DENIED_AAGUID: &str = "11111111-2222-3333-4444-555555555555";
const ZERO_AAGUID: &str = "00000000-0000-0000-0000-000000000000";
const PIN: &str = "12345678";

/// Every rule but allowed_aaguids and require_certified, in the order the audit reports them.
const FLEET_POLICY: &str = r#"# fleet policy for the audit tests
require_pin = true
min_pin_length = 8
require_always_uv = true
denied_aaguids = ["11111111-2222-3333-4444-555555555555"]
min_ctap_version = "2.1"
require_pin_protocol_2 = true
forbid_known_vulnerable = true
max_failed_pin_attempts = 0
"#;

const FLEET_RULES: [&str; 8] = [
    "require_pin",
    "min_pin_length",
    "require_always_uv",
    "denied_aaguids",
    "min_ctap_version",
    "require_pin_protocol_2",
    "forbid_known_vulnerable",
    "max_failed_pin_attempts",
];

/// The fleet rules with these results, in order.
fn fleet(results: [Outcome; 8]) -> Vec<(&'static str, Outcome)> {
    FLEET_RULES.into_iter().zip(results).collect()
}

const EUCLEAK_5_4_3: &str = "firmware 5.4.3 of this YubiKey 5 Series and YubiKey 5 FIPS Series key is affected by \
     CVE-2024-45678 / YSA-2024-03 (EUCLEAK: ECDSA private keys recoverable through a side channel in Infineon's \
     cryptographic library), fixed in firmware 5.7.0; see https://www.yubico.com/support/security-advisories/ysa-2024-03/";

fn selectors(keys: &[&VirtualKeyFile]) -> Vec<String> {
    keys.iter().map(|k| k.selector()).collect()
}

/// A key with everything the fleet policy asks for: PIN of 8, minPINLength 8, alwaysUv on.
#[track_caller]
fn compliant(keys: &TempKeys, name: &str, create: &[&str]) -> VirtualKeyFile {
    let key = keys.create(name, create);
    key.set_pin(PIN);
    raise_min_pin_length(&key, PIN, 8);
    always_uv_on(&key, PIN);
    key
}

/// The keys of the fleet test, each failing (at most) one thing on purpose.
struct Fleet {
    keys: TempKeys,
    good: VirtualKeyFile,
    no_pin: VirtualKeyFile,
    short_min: VirtualKeyFile,
    denied: VirtualKeyFile,
    yk_old: VirtualKeyFile,
    yk_new: VirtualKeyFile,
    retries: VirtualKeyFile,
    ctap20: VirtualKeyFile,
}

impl Fleet {
    fn new() -> Fleet {
        let keys = TempKeys::new();
        let good = compliant(&keys, "good.json", &[]);
        let no_pin = keys.create("no-pin.json", &[]);
        // A PIN, alwaysUv, but minPINLength left at the key's 4.
        let short_min = keys.create("short-min.json", &[]);
        short_min.set_pin("1234");
        always_uv_on(&short_min, "1234");
        let denied = compliant(&keys, "denied.json", &["--aaguid", DENIED_AAGUID]);
        let yk_old = compliant(&keys, "yk-5.4.3.json", &["--aaguid", YK5_AAGUID, "--firmware", "5.4.3"]);
        let yk_new = compliant(&keys, "yk-5.7.0.json", &["--aaguid", YK5_AAGUID, "--firmware", "5.7.0"]);
        let retries = compliant(&keys, "retries.json", &[]);
        enter_wrong_pins(&retries, "87654321", 2);
        let ctap20 = keys.create("ctap20.json", &["--profile", "ctap2.0"]);
        ctap20.set_pin(PIN);
        Fleet { keys, good, no_pin, short_min, denied, yk_old, yk_new, retries, ctap20 }
    }

    fn all(&self) -> Vec<&VirtualKeyFile> {
        vec![
            &self.good,
            &self.no_pin,
            &self.short_min,
            &self.denied,
            &self.yk_old,
            &self.yk_new,
            &self.retries,
            &self.ctap20,
        ]
    }

    fn policy(&self) -> String {
        write_file(self.keys.dir(), "policy.toml", FLEET_POLICY).display().to_string()
    }
}

// --- the fleet: verdicts in JSON and CSV ------------------------------------------------------

#[test]
fn fleet_verdicts_in_json() {
    let f = Fleet::new();
    let policy = f.policy();
    let doc = audit_json(&selectors(&f.all()), &["--policy", &policy], 6);

    assert_eq!(doc.policy, policy);
    assert_eq!(doc.metadata, None);
    assert_eq!(doc.devices(), selectors(&f.all()), "one entry per key, in the order given");
    let s = &doc.summary;
    assert_eq!((s.keys, s.passed, s.failed, s.unknown, s.unreadable, s.exit_code), (8, 2, 6, 0, 0, 6), "{s:?}");
    for k in &doc.keys {
        assert!(k.error.is_none(), "{k:?}");
    }

    let good = doc.key(&f.good.selector());
    good.expect_verdicts(&fleet([Pass; 8]));
    assert_eq!(good.result, KeyResult::Pass);
    assert_eq!(good.reason("require_pin"), "a PIN is set");
    assert_eq!(good.reason("min_pin_length"), "minPINLength is 8, at least the 8 the policy asks for");
    assert_eq!(good.reason("require_always_uv"), "alwaysUv is on");
    assert_eq!(
        good.reason("denied_aaguids"),
        format!("AAGUID {VIRTUAL_AAGUID} (fidoctl virtual key) is not on the denied list")
    );
    assert_eq!(good.reason("min_ctap_version"), "the key supports CTAP 2.1 (FIDO_2_0, FIDO_2_1_PRE, FIDO_2_1)");
    assert_eq!(good.reason("require_pin_protocol_2"), "the key supports PIN/UV auth protocol 2");
    assert_eq!(good.reason("forbid_known_vulnerable"), "no known advisory for this model (3 advisories checked)");
    assert_eq!(
        good.reason("max_failed_pin_attempts"),
        "0 wrong PINs since the last correct one (8 retries left of an assumed maximum of 8; getInfo does not \
         report the maximum)"
    );
    let gf = good.facts();
    assert_eq!(gf.path.as_deref(), Some(f.good.selector().as_str()));
    assert_eq!(gf.aaguid.as_deref(), Some(VIRTUAL_AAGUID));
    assert_eq!((gf.model.as_deref(), gf.model_source.as_deref()), (Some("fidoctl virtual key"), Some("aaguid_table")));
    assert_eq!(gf.product.as_deref(), Some("fidoctl virtual key"));
    assert_eq!(gf.vid_pid, None, "a virtual key is not on USB");
    assert!(!gf.u2f_only);
    assert_eq!(gf.versions, ["FIDO_2_0", "FIDO_2_1_PRE", "FIDO_2_1"]);
    assert_eq!((gf.pin_supported, gf.pin_set, gf.pin_retries), (Some(true), Some(true), Some(8)));
    assert_eq!((gf.pin_blocked, gf.power_cycle_required), (Some(false), Some(false)));
    assert_eq!(gf.assumed_max_pin_retries, 8);
    assert_eq!((gf.min_pin_length, gf.force_pin_change, gf.always_uv), (Some(8), Some(false), Some(true)));
    assert_eq!(gf.pin_protocols, [2, 1]);
    assert_eq!(gf.algorithms.iter().map(|a| (a.alg, a.name())).collect::<Vec<_>>(), [(-7, "ES256"), (-8, "EdDSA")]);
    assert_eq!((gf.uv_retries, gf.uv_blocked), (None, None), "no built-in UV");
    assert_eq!((gf.certification_level.as_deref(), gf.status_reports.len()), (None, 0), "no --mds");

    let no_pin = doc.key(&f.no_pin.selector());
    no_pin.expect_verdicts(&fleet([Fail, Fail, Fail, Pass, Pass, Pass, Pass, Pass]));
    assert_eq!(no_pin.result, KeyResult::Fail);
    assert_eq!(no_pin.reason("require_pin"), "no PIN is set (fidoctl pin set sets one)");
    assert_eq!(
        no_pin.reason("min_pin_length"),
        "minPINLength is 4, the policy asks for at least 8 (fidoctl pin min-length 8 raises it)"
    );
    assert_eq!(no_pin.reason("require_always_uv"), "alwaysUv is off (fidoctl config always-uv on turns it on)");
    assert_eq!(no_pin.reason("max_failed_pin_attempts"), "no PIN is set, so no PIN attempts can have failed");
    let nf = no_pin.facts();
    assert_eq!((nf.pin_set, nf.pin_retries, nf.min_pin_length), (Some(false), None, Some(4)));

    let short = doc.key(&f.short_min.selector());
    short.expect_verdicts(&fleet([Pass, Fail, Pass, Pass, Pass, Pass, Pass, Pass]));
    assert_eq!(short.result, KeyResult::Fail);
    assert_eq!(short.facts().min_pin_length, Some(4));

    let denied = doc.key(&f.denied.selector());
    denied.expect_verdicts(&fleet([Pass, Pass, Pass, Fail, Pass, Pass, Pass, Pass]));
    assert_eq!(denied.reason("denied_aaguids"), format!("AAGUID {DENIED_AAGUID} is on the denied list"));
    assert_eq!(denied.facts().model, None, "an AAGUID no model table knows");

    let yk_old = doc.key(&f.yk_old.selector());
    yk_old.expect_verdicts(&fleet([Pass, Pass, Pass, Pass, Pass, Pass, Fail, Pass]));
    assert_eq!(yk_old.reason("forbid_known_vulnerable"), EUCLEAK_5_4_3);
    let of = yk_old.facts();
    assert_eq!(of.model.as_deref(), Some("YubiKey 5 Series"));
    assert_eq!(
        (of.firmware_version, of.firmware_version_text.as_deref(), of.firmware_source.as_deref()),
        (Some(0x05_04_03), Some("5.4.3"), Some("getinfo"))
    );

    let yk_new = doc.key(&f.yk_new.selector());
    yk_new.expect_verdicts(&fleet([Pass; 8]));
    assert_eq!(yk_new.result, KeyResult::Pass);
    assert_eq!(
        yk_new.reason("forbid_known_vulnerable"),
        "firmware 5.7.0 is not affected by CVE-2024-45678 / YSA-2024-03 (fixed in 5.7.0)"
    );
    assert_eq!(yk_new.facts().firmware_version, Some(329_472));

    let retries = doc.key(&f.retries.selector());
    retries.expect_verdicts(&fleet([Pass, Pass, Pass, Pass, Pass, Pass, Pass, Fail]));
    assert_eq!(
        retries.reason("max_failed_pin_attempts"),
        "2 wrong PINs entered since the last correct one (6 retries left of an assumed maximum of 8; getInfo does \
         not report the maximum); the policy allows at most 0"
    );
    let rf = retries.facts();
    assert_eq!((rf.pin_retries, rf.pin_blocked, rf.power_cycle_required), (Some(6), Some(false), Some(false)));

    let ctap20 = doc.key(&f.ctap20.selector());
    ctap20.expect_verdicts(&fleet([Pass, Unknown, Fail, Pass, Fail, Fail, Pass, Pass]));
    assert_eq!(ctap20.result, KeyResult::Fail);
    assert_eq!(
        ctap20.reason("min_pin_length"),
        "the key does not report minPINLength (CTAP 2.0 keys, FIDO_2_1_PRE included, do not have it), so a \
         minimum of 8 cannot be checked; such keys may accept PINs of 4 characters"
    );
    assert_eq!(
        ctap20.reason("require_always_uv"),
        "the key does not support alwaysUv (getInfo has no alwaysUv option)"
    );
    assert_eq!(
        ctap20.reason("min_ctap_version"),
        "the key supports CTAP 2.0 at most (FIDO_2_0), the policy asks for 2.1"
    );
    assert_eq!(ctap20.reason("require_pin_protocol_2"), "the key supports PIN/UV auth protocol 1 only, not protocol 2");
    let cf = ctap20.facts();
    assert_eq!(cf.versions, ["FIDO_2_0"]);
    assert_eq!(cf.pin_protocols, [1]);
    assert_eq!((cf.min_pin_length, cf.always_uv, cf.force_pin_change), (None, None, None));
    assert_eq!((cf.pin_set, cf.pin_retries), (Some(true), Some(8)));
    // A CTAP 2.0 getInfo has no firmwareVersion: the CTAPHID INIT version stands in.
    assert_eq!(
        (cf.firmware_version_text.as_deref(), cf.firmware_source.as_deref()),
        (Some("1.0.0"), Some("ctaphid_init"))
    );

    // The text table says the same in one line at the bottom.
    let text = audit(&selectors(&f.all()), &["--policy", &policy]);
    text.expect_code(6)
        .stdout_has("8 key(s): 2 passed, 6 failed, 0 unknown, 0 unreadable.\n")
        .stdout_has(&format!("Policy: {policy}.\n"));
    text.stdout_has("EUCLEAK").stdout_has("FAIL");
}

#[test]
fn fleet_in_csv_with_an_unreadable_key() {
    let keys = TempKeys::new();
    let good = compliant(&keys, "good.json", &[]);
    let yk_old = compliant(&keys, "yk-5.4.3.json", &["--aaguid", YK5_AAGUID, "--firmware", "5.4.3"]);
    let ctap20 = keys.create("ctap20.json", &["--profile", "ctap2.0"]);
    // A quote in the file name: the device field must be quoted (RFC 4180) to survive.
    let odd = keys.create("odd\"name.json", &[]);
    let unreachable = format!("unix:{}", keys.path("no-server.sock").display());
    let policy = write_file(keys.dir(), "policy.toml", FLEET_POLICY).display().to_string();
    let mut devices = selectors(&[&good, &yk_old, &ctap20, &odd]);
    devices.push(unreachable.clone());

    let run = audit(&devices, &["--policy", &policy, "--format", "csv"]);
    run.expect_code(1);
    assert!(run.stdout.contains("\"virtual:"), "the odd name is quoted\n{}", run.describe());
    let table = CsvTable::of(&run);
    assert_eq!(table.header, CSV_HEADER);
    let order: Vec<&str> = table.rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(order, devices, "one row per key, in the order given");

    let row = table.row(&good.selector());
    for (column, want) in [
        ("vid_pid", ""),
        ("product", "fidoctl virtual key"),
        ("aaguid", VIRTUAL_AAGUID),
        ("model", "fidoctl virtual key"),
        ("versions", "FIDO_2_0 FIDO_2_1_PRE FIDO_2_1"),
        ("firmware", "1.0.0"),
        ("pin_set", "true"),
        ("pin_retries", "8"),
        ("min_pin_length", "8"),
        ("always_uv", "true"),
        ("result", "pass"),
        ("failed_rules", ""),
        ("unknown_rules", ""),
        ("error", ""),
    ] {
        assert_eq!(row.get(column), want, "{column} of the compliant key\n{}", run.describe());
    }

    let row = table.row(&yk_old.selector());
    assert_eq!(
        (row.get("model"), row.get("firmware"), row.get("result"), row.get("failed_rules")),
        ("YubiKey 5 Series", "5.4.3", "fail", "forbid_known_vulnerable")
    );

    let row = table.row(&ctap20.selector());
    assert_eq!(row.get("versions"), "FIDO_2_0");
    assert_eq!((row.get("pin_set"), row.get("min_pin_length"), row.get("always_uv")), ("false", "", ""));
    assert_eq!(row.get("result"), "fail");
    assert_eq!(row.get("failed_rules"), "require_pin require_always_uv min_ctap_version require_pin_protocol_2");
    assert_eq!(row.get("unknown_rules"), "min_pin_length");

    let row = table.row(&odd.selector());
    assert!(odd.selector().contains('"'));
    assert_eq!(row.get("result"), "fail");
    assert_eq!(row.get("failed_rules"), "require_pin min_pin_length require_always_uv");

    let row = table.row(&unreachable);
    assert_eq!(row.get("result"), "error");
    assert!(row.get("error").contains("could not be opened"), "{}", row.get("error"));
    for column in ["aaguid", "model", "versions", "firmware", "pin_set", "failed_rules", "unknown_rules"] {
        assert_eq!(row.get(column), "", "{column} of the unreadable key");
    }
}

// --- exit codes -------------------------------------------------------------------------------

#[test]
fn exit_codes_0_6_1_and_1_wins_over_6() {
    let keys = TempKeys::new();
    let good = compliant(&keys, "good.json", &[]);
    let yk_new = compliant(&keys, "yk-5.7.0.json", &["--aaguid", YK5_AAGUID, "--firmware", "5.7.0"]);
    let no_pin = keys.create("no-pin.json", &[]);
    let policy = write_file(keys.dir(), "policy.toml", FLEET_POLICY).display().to_string();
    let unreachable = format!("unix:{}", keys.path("no-server.sock").display());

    // 0: every key passes.
    let doc = audit_json(&selectors(&[&good, &yk_new]), &["--policy", &policy], 0);
    assert!(doc.keys.iter().all(|k| k.result == KeyResult::Pass), "{:#?}", doc.keys);
    audit(&selectors(&[&good, &yk_new]), &["--policy", &policy]).success();

    // 6: some key fails.
    let doc = audit_json(&selectors(&[&good, &no_pin]), &["--policy", &policy], 6);
    assert_eq!((doc.summary.passed, doc.summary.failed), (1, 1));
    audit(&selectors(&[&good, &no_pin]), &["--policy", &policy, "--format", "csv"]).expect_code(6);

    // 1: a key could not be read, even though another fails the policy (1 wins over 6).
    let mut devices = selectors(&[&good, &no_pin]);
    devices.push(unreachable.clone());
    let doc = audit_json(&devices, &["--policy", &policy], 1);
    let s = &doc.summary;
    assert_eq!((s.keys, s.passed, s.failed, s.unknown, s.unreadable), (3, 1, 1, 0, 1), "{s:?}");
    assert_eq!(doc.key(&no_pin.selector()).result, KeyResult::Fail);
    audit(&devices, &["--policy", &policy]).expect_code(1).stdout_has("1 unreadable");

    // 1 also when the unreadable key is the only one.
    let doc = audit_json(std::slice::from_ref(&unreachable), &[], 1);
    assert_eq!(doc.summary.unreadable, 1);
}

#[test]
fn exit_3_when_no_key_is_found() {
    if !no_hid_devices_here() {
        eprintln!("skipped: this machine has hidraw devices, so `audit -d hid` would read them");
        return;
    }
    let run = audit(&["hid".to_string()], &["--json"]);
    let doc = expect_error(&run, 3, "no_device");
    assert_eq!(doc.error.message, "No security key found.");
    audit(&["hid".to_string()], &[]).expect_code(3).stderr_has("No security key found.");
}

#[test]
fn strict_turns_unknown_into_failure() {
    let keys = TempKeys::new();
    let good = compliant(&keys, "good.json", &[]);
    let ctap20 = keys.create("ctap20.json", &["--profile", "ctap2.0"]);
    ctap20.set_pin(PIN);
    let policy = write_file(keys.dir(), "policy.toml", "require_pin = true\nmin_pin_length = 8\n");
    let policy = policy.to_str().unwrap();
    let devices = selectors(&[&good, &ctap20]);
    let want = [("require_pin", Pass), ("min_pin_length", Unknown)];

    // Without --strict, unknown is not a failure: exit 0.
    let doc = audit_json(&devices, &["--policy", policy], 0);
    let k = doc.key(&ctap20.selector());
    k.expect_verdicts(&want);
    assert_eq!(k.result, KeyResult::Unknown);
    assert_eq!(doc.key(&good.selector()).result, KeyResult::Pass);
    assert_eq!((doc.summary.passed, doc.summary.failed, doc.summary.unknown), (1, 0, 1));

    // With --strict the key fails (its verdict stays "unknown", the reason is kept): exit 6.
    let doc = audit_json(&devices, &["--policy", policy, "--strict"], 6);
    let k = doc.key(&ctap20.selector());
    k.expect_verdicts(&want);
    assert_eq!(k.result, KeyResult::Fail);
    assert!(k.reason("min_pin_length").contains("cannot be checked"), "{}", k.reason("min_pin_length"));
    assert_eq!(doc.key(&good.selector()).result, KeyResult::Pass);
    assert_eq!((doc.summary.passed, doc.summary.failed, doc.summary.unknown), (1, 1, 0));

    let csv = audit(&devices, &["--policy", policy, "--strict", "--format", "csv"]);
    csv.expect_code(6);
    let row = CsvTable::of(&csv);
    let row = row.row(&ctap20.selector());
    assert_eq!((row.get("result"), row.get("failed_rules"), row.get("unknown_rules")), ("fail", "", "min_pin_length"));
}

// --- policy files -----------------------------------------------------------------------------

#[test]
fn unknown_setting_in_the_policy_is_a_usage_error_naming_it_and_its_line() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let policy = write_file(
        keys.dir(),
        "typo.toml",
        "# a typo must not weaken the audit\nrequire_pin = true\nrequire_pni = true\n",
    );
    let run = audit(&selectors(&[&key]), &["--policy", policy.to_str().unwrap()]);
    run.expect_code(2);
    assert!(run.stdout.is_empty(), "nothing audited\n{}", run.describe());
    run.stderr_has(&format!(
        "The policy file {} cannot be used: line 3: unknown setting `require_pni`; a policy file may only contain: \
         require_pin, min_pin_length, require_always_uv, allowed_aaguids, denied_aaguids, min_ctap_version, \
         require_pin_protocol_2, forbid_known_vulnerable, require_certified, max_failed_pin_attempts, \
         credentials_unchanged_since_enrolment, max_credentials, allowed_rp_ids.",
        policy.display()
    ));

    let json = audit(&selectors(&[&key]), &["--policy", policy.to_str().unwrap(), "--json"]);
    let doc = expect_error(&json, 2, "usage");
    assert!(doc.error.message.contains("line 3: unknown setting `require_pni`"), "{}", doc.error.message);
}

#[test]
fn wrong_type_in_the_policy_is_a_usage_error() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    for (text, says) in [
        ("\nmin_pin_length = \"8\"\n", "line 2: min_pin_length must be a whole number from 4 to 63, not string \"8\""),
        ("require_pin = \"yes\"\n", "line 1: require_pin must be true or false, not string \"yes\""),
        ("require_pin = true\nmin_ctap_version = 2.1\n", "line 2: min_ctap_version must be \"2.0\" or \"2.1\""),
        (
            "denied_aaguids = \"11111111-2222-3333-4444-555555555555\"\n",
            "line 1: denied_aaguids must be a list of AAGUID strings",
        ),
    ] {
        let policy = write_file(keys.dir(), "policy.toml", text);
        let run = audit(&selectors(&[&key]), &["--policy", policy.to_str().unwrap()]);
        run.expect_code(2).stderr_has(says);
        assert!(run.stdout.is_empty(), "nothing audited\n{}", run.describe());
    }
}

// --- keys that cannot be read -------------------------------------------------------------------

#[test]
fn an_unreachable_unix_key_is_reported_beside_the_healthy_ones() {
    let keys = TempKeys::new();
    let a = keys.create("a.json", &[]);
    a.set_pin(PIN);
    let served = VirtualKeyServer::start();
    let served_selector = format!("unix:{}", served.socket().display());
    let unreachable = format!("unix:{}", keys.path("nobody-listens.sock").display());
    let b = keys.create("b.json", &["--aaguid", YK5_AAGUID, "--firmware", "5.7.1"]);
    b.set_pin(PIN);
    let devices = vec![a.selector(), served_selector.clone(), unreachable.clone(), b.selector()];

    let doc = audit_json(&devices, &[], 1);
    assert_eq!(doc.devices(), devices, "in the order given, the unreachable one in its place");
    let s = &doc.summary;
    assert_eq!((s.keys, s.passed, s.failed, s.unknown, s.unreadable), (4, 2, 1, 0, 1), "{s:?}");

    let bad = doc.key(&unreachable);
    assert_eq!(bad.result, KeyResult::Error);
    assert!(bad.facts.is_none() && bad.verdicts.is_empty(), "{bad:?}");
    let err = bad.error.as_ref().expect("the unreadable key carries its error");
    assert_eq!(err.code, "device_unreachable");
    assert!(err.message.contains(&unreachable) && err.message.contains("could not be opened"), "{}", err.message);

    // The others lost nothing.
    for (device, result) in [(&a.selector(), KeyResult::Pass), (&b.selector(), KeyResult::Pass)] {
        let k = doc.key(device);
        assert_eq!(k.result, result, "{k:?}");
        k.expect_verdicts(&[("require_pin", Pass), ("forbid_known_vulnerable", Pass)]);
        assert!(k.error.is_none());
    }
    assert_eq!(doc.key(&b.selector()).facts().firmware_version_text.as_deref(), Some("5.7.1"));
    let over_socket = doc.key(&served_selector);
    over_socket.expect_verdicts(&[("require_pin", Fail), ("forbid_known_vulnerable", Pass)]);
    assert_eq!(over_socket.facts().aaguid.as_deref(), Some(VIRTUAL_AAGUID));

    // The text output names the unreadable key and why (wide enough that the long temporary
    // path is not wrapped inside the KEY column).
    audit_env(&devices, &[], &[("COLUMNS", "400")])
        .expect_code(1)
        .stdout_has(&unreachable)
        .stdout_has("ERROR")
        .stdout_has("1 unreadable");
}

// --- the default policy -------------------------------------------------------------------------

#[test]
fn default_policy_is_require_pin_and_forbid_known_vulnerable() {
    let keys = TempKeys::new();
    let with_pin = keys.create("with-pin.json", &[]);
    with_pin.set_pin(PIN);
    // Short minPINLength, no alwaysUv, CTAP 2.0: none of that is in the default policy.
    let ctap20 = keys.create("ctap20.json", &["--profile", "ctap2.0"]);
    ctap20.set_pin("1234");
    let both = [("require_pin", Pass), ("forbid_known_vulnerable", Pass)];

    let doc = audit_json(&selectors(&[&with_pin, &ctap20]), &[], 0);
    assert_eq!(doc.policy, DEFAULT_POLICY);
    for k in &doc.keys {
        k.expect_verdicts(&both);
        assert_eq!(k.result, KeyResult::Pass);
    }

    let old = keys.create("yk-5.4.3.json", &["--aaguid", YK5_AAGUID, "--firmware", "5.4.3"]);
    let doc = audit_json(&selectors(&[&with_pin, &old]), &[], 6);
    let k = doc.key(&old.selector());
    k.expect_verdicts(&[("require_pin", Fail), ("forbid_known_vulnerable", Fail)]);
    assert_eq!(k.reason("forbid_known_vulnerable"), EUCLEAK_5_4_3);
    let s = &doc.summary;
    assert_eq!((s.keys, s.passed, s.failed, s.unknown, s.unreadable), (2, 1, 1, 0, 0), "{s:?}");
    audit(&selectors(&[&old]), &[]).expect_code(6).stdout_has(&format!("Policy: {DEFAULT_POLICY}.\n"));
}

// --- parallel reads -----------------------------------------------------------------------------

#[test]
fn thirty_two_keys_are_read_concurrently() {
    let keys = TempKeys::new();
    let fleet: Vec<VirtualKeyFile> = (0..32).map(|i| keys.create(&format!("k{i:02}.json"), &[])).collect();
    let devices: Vec<String> = fleet.iter().map(VirtualKeyFile::selector).collect();
    // Each 64-byte report takes 2 ms, like a slow USB key, so reads overlap if they run at once.
    let run = audit_env(&devices, &["--json"], &[("FIDOCTL_VIRTUAL_REPORT_LATENCY_US", "2000")]);
    run.expect_code(6);
    let doc: AuditDocument = run.json();
    assert_eq!(doc.devices(), devices);
    assert_eq!((doc.summary.keys, doc.summary.failed), (32, 32), "no PIN on any of them");
    assert!(doc.keys.iter().all(|k| k.facts.is_some()), "every key was read");
    assert!(
        doc.summary.max_in_flight > 1 && doc.summary.max_in_flight <= 32,
        "the keys were read one at a time: max_in_flight = {}",
        doc.summary.max_in_flight
    );
}

// --- FIDO metadata (--mds) ------------------------------------------------------------------------

/// Keys and a signed BLOB that has entries for some of them.
struct MdsFixture {
    keys: TempKeys,
    signer: MdsSigner,
    certified: VirtualKeyFile,
    revoked: VirtualKeyFile,
    uv_bypass: VirtualKeyFile,
    not_certified: VirtualKeyFile,
    absent: VirtualKeyFile,
    no_aaguid: VirtualKeyFile,
    blob: String,
    policy: String,
}

const REVOKED_AAGUID: &str = "aaaaaaaa-0000-4000-8000-000000000001";
const BYPASS_AAGUID: &str = "aaaaaaaa-0000-4000-8000-000000000002";
const NOT_CERTIFIED_AAGUID: &str = "aaaaaaaa-0000-4000-8000-000000000003";

impl MdsFixture {
    fn new() -> MdsFixture {
        let keys = TempKeys::new();
        let certified = keys.create("certified.json", &["--aaguid", YK5_AAGUID, "--firmware", "5.7.0"]);
        let revoked = keys.create("revoked.json", &["--aaguid", REVOKED_AAGUID]);
        let uv_bypass = keys.create("uv-bypass.json", &["--aaguid", BYPASS_AAGUID]);
        let not_certified = keys.create("not-certified.json", &["--aaguid", NOT_CERTIFIED_AAGUID]);
        let absent = keys.create("absent.json", &[]);
        let no_aaguid = keys.create("no-aaguid.json", &["--aaguid", ZERO_AAGUID]);
        let signer = MdsSigner::new();
        let payload = mds_payload(vec![
            mds_entry(
                // Upper case, as some BLOBs write it: matched all the same.
                &YK5_AAGUID.to_uppercase(),
                "YubiKey 5 Series (test metadata)",
                &[],
                json!([
                    {"status": "FIDO_CERTIFIED_L1", "effectiveDate": "2021-03-01", "certificateNumber": "FIDO20020210301001"},
                    {"status": "FIDO_CERTIFIED", "effectiveDate": "2019-01-01"},
                ]),
            ),
            mds_entry(
                REVOKED_AAGUID,
                "Revoked Test Key",
                &[],
                json!([
                    {"status": "FIDO_CERTIFIED_L1", "effectiveDate": "2020-01-01"},
                    {"status": "REVOKED", "effectiveDate": "2024-05-01"},
                ]),
            ),
            mds_entry(
                BYPASS_AAGUID,
                "Bypassable Test Key",
                &[],
                json!([
                    {"status": "FIDO_CERTIFIED_L2", "effectiveDate": "2021-06-01"},
                    {"status": "USER_VERIFICATION_BYPASS", "effectiveDate": "2024-02-01"},
                ]),
            ),
            mds_entry(NOT_CERTIFIED_AAGUID, "Uncertified Test Key", &[], json!([{"status": "NOT_FIDO_CERTIFIED"}])),
        ]);
        let blob = signer.sign(&payload);
        let policy =
            write_file(keys.dir(), "policy.toml", "forbid_known_vulnerable = true\nrequire_certified = true\n")
                .display()
                .to_string();
        MdsFixture { keys, signer, certified, revoked, uv_bypass, not_certified, absent, no_aaguid, blob, policy }
    }

    fn all(&self) -> Vec<String> {
        selectors(&[
            &self.certified,
            &self.revoked,
            &self.uv_bypass,
            &self.not_certified,
            &self.absent,
            &self.no_aaguid,
        ])
    }

    fn file(&self, name: &str, text: &str) -> String {
        write_file(self.keys.dir(), name, text).display().to_string()
    }

    fn root_pem(&self) -> String {
        self.file("root.pem", &self.signer.root.pem())
    }
}

#[test]
fn mds_models_certification_and_status_reports() {
    let f = MdsFixture::new();
    let mds = f.file("blob.jwt", &f.blob);
    let root = f.root_pem();
    let doc = audit_json(&f.all(), &["--policy", &f.policy, "--mds", &mds, "--mds-root", &root], 6);
    assert_eq!(doc.metadata, Some(MetadataSummary { no: 1, next_update: "2030-01-01".into(), entries: 4 }));
    let s = &doc.summary;
    assert_eq!((s.passed, s.failed, s.unknown, s.unreadable), (1, 4, 1, 0), "{s:?}");

    let k = doc.key(&f.certified.selector());
    k.expect_verdicts(&[("forbid_known_vulnerable", Pass), ("require_certified", Pass)]);
    assert_eq!(k.result, KeyResult::Pass);
    assert_eq!(k.reason("require_certified"), "FIDO_CERTIFIED_L1 since 2021-03-01, certificate FIDO20020210301001");
    let facts = k.facts();
    assert_eq!(facts.model.as_deref(), Some("YubiKey 5 Series (test metadata)"), "the metadata's name wins");
    assert_eq!(facts.model_source.as_deref(), Some("mds"));
    assert_eq!(facts.certification_level.as_deref(), Some("FIDO_CERTIFIED_L1"));
    let reports: Vec<(&str, Option<&str>)> =
        facts.status_reports.iter().map(|r| (r.status.as_str(), r.effective_date.as_deref())).collect();
    assert_eq!(
        reports,
        [("FIDO_CERTIFIED", Some("2019-01-01")), ("FIDO_CERTIFIED_L1", Some("2021-03-01"))],
        "oldest first"
    );

    let k = doc.key(&f.revoked.selector());
    k.expect_verdicts(&[("forbid_known_vulnerable", Fail), ("require_certified", Fail)]);
    assert_eq!(
        k.reason("forbid_known_vulnerable"),
        "the FIDO metadata reports REVOKED for this model since 2024-05-01"
    );
    assert_eq!(k.reason("require_certified"), "the FIDO metadata reports this model REVOKED since 2024-05-01");
    assert_eq!(k.facts().model.as_deref(), Some("Revoked Test Key"));

    let k = doc.key(&f.uv_bypass.selector());
    k.expect_verdicts(&[("forbid_known_vulnerable", Fail), ("require_certified", Pass)]);
    assert_eq!(
        k.reason("forbid_known_vulnerable"),
        "the FIDO metadata reports USER_VERIFICATION_BYPASS for this model since 2024-02-01"
    );
    assert_eq!(k.facts().certification_level.as_deref(), Some("FIDO_CERTIFIED_L2"));

    let k = doc.key(&f.not_certified.selector());
    k.expect_verdicts(&[("forbid_known_vulnerable", Pass), ("require_certified", Fail)]);
    assert_eq!(k.reason("require_certified"), "the FIDO metadata lists no current FIDO certification for this model");
    assert_eq!(k.facts().certification_level, None);
    assert_eq!(k.facts().model.as_deref(), Some("Uncertified Test Key"));

    let k = doc.key(&f.absent.selector());
    k.expect_verdicts(&[("forbid_known_vulnerable", Pass), ("require_certified", Fail)]);
    assert_eq!(
        k.reason("require_certified"),
        format!("the FIDO metadata has no entry for AAGUID {VIRTUAL_AAGUID} (fidoctl virtual key), so it is not FIDO certified")
    );
    assert_eq!(k.facts().model_source.as_deref(), Some("aaguid_table"), "no entry: the table's name stays");

    let k = doc.key(&f.no_aaguid.selector());
    k.expect_verdicts(&[("forbid_known_vulnerable", Unknown), ("require_certified", Unknown)]);
    assert_eq!(k.result, KeyResult::Unknown);
    assert_eq!(
        k.reason("require_certified"),
        "the key reports no AAGUID, so it cannot be looked up in the FIDO metadata"
    );

    // Without --mds, certification cannot be known.
    let doc = audit_json(&f.all(), &["--policy", &f.policy], 0);
    assert_eq!(doc.metadata, None);
    for k in &doc.keys {
        assert_eq!(k.verdict("require_certified").result, Unknown, "{k:?}");
        assert_eq!(k.reason("require_certified"), "FIDO certification needs the FIDO metadata (--mds FILE)");
        assert_eq!(k.facts().certification_level, None);
    }
    // The revoked model passes forbid_known_vulnerable without the metadata: the report is the only source.
    assert_eq!(doc.key(&f.revoked.selector()).verdict("forbid_known_vulnerable").result, Pass);
    // And --strict turns those unknowns into failures.
    audit_json(&f.all(), &["--policy", &f.policy, "--strict"], 6);
}

#[test]
fn mds_root_as_der_works_too() {
    let f = MdsFixture::new();
    let mds = f.file("blob.jwt", &f.blob);
    let der = f.keys.path("root.der");
    std::fs::write(&der, &f.signer.root.der).unwrap();
    let doc = audit_json(
        &selectors(&[&f.certified]),
        &["--policy", &f.policy, "--mds", &mds, "--mds-root", der.to_str().unwrap()],
        0,
    );
    assert_eq!(doc.key(&f.certified.selector()).facts().model_source.as_deref(), Some("mds"));
}

/// A refused BLOB: exit 1, the error document says why, and no key is audited.
#[track_caller]
fn refused(f: &MdsFixture, args: &[&str], why: &str) {
    let mut all = vec!["--policy", f.policy.as_str(), "--json"];
    all.extend_from_slice(args);
    let run = audit(&f.all(), &all);
    let doc = expect_error(&run, 1, "metadata_invalid");
    assert!(doc.error.message.contains("was refused: ") && doc.error.message.contains(why), "{}", doc.error.message);
    assert!(doc.error.hint.as_deref().is_some_and(|h| h.contains("nothing was audited")), "{:?}", doc.error.hint);
    run.stderr_has(why);
    // Text output: the sentence on stderr, no table on stdout.
    let mut all = vec!["--policy", f.policy.as_str()];
    all.extend_from_slice(args);
    let text = audit(&f.all(), &all);
    text.expect_code(1).stderr_has(why);
    assert!(text.stdout.is_empty(), "nothing audited\n{}", text.describe());
}

#[test]
fn tampered_blob_is_refused_and_nothing_is_audited() {
    let f = MdsFixture::new();
    let root = f.root_pem();
    // One byte of the payload: the revoked model's status becomes "REVOKEX".
    let tampered = tamper_payload(&f.blob, "\"REVOKED\"", "\"REVOKEX\"");
    let mds = f.file("tampered.jwt", &tampered);
    refused(
        &f,
        &["--mds", &mds, "--mds-root", &root],
        "the metadata BLOB's signature does not verify: the file was altered after signing",
    );
    // The untouched BLOB under the same root is accepted (the refusal was the tampering).
    let good = f.file("blob.jwt", &f.blob);
    audit_json(&f.all(), &["--policy", &f.policy, "--mds", &good, "--mds-root", &root], 6);
}

#[test]
fn blob_is_refused_under_the_pinned_roots_or_another_root() {
    let f = MdsFixture::new();
    let mds = f.file("blob.jwt", &f.blob);
    // No --mds-root: only the pinned GlobalSign roots are trusted.
    refused(&f, &["--mds", &mds], "the metadata BLOB's signing certificate is not trusted");
    // A root of the same name but another key.
    let stranger = TestCert::root("fidoctl test MDS root");
    let other = f.file("other-root.pem", &stranger.pem());
    refused(&f, &["--mds", &mds, "--mds-root", &other], "the metadata BLOB's signing certificate is not trusted");
}

// --- the genuine-key check (--attest) -------------------------------------------------------------

#[test]
fn attest_with_the_keys_own_ca_is_genuine_and_with_another_root_is_not() {
    let keys = TempKeys::new();
    let own_aaguid = "bbbbbbbb-0000-4000-8000-000000000001";
    let other_aaguid = "bbbbbbbb-0000-4000-8000-000000000002";
    let genuine = keys.create("genuine.json", &["--aaguid", own_aaguid]);
    let forged = keys.create("forged.json", &["--aaguid", other_aaguid]);
    // A third key's CA: same subject name as every virtual key's CA, another key pair.
    let stranger = keys.create("stranger.json", &["--aaguid", other_aaguid]);
    let own_ca = attestation_ca(&genuine.path);
    let stranger_ca = attestation_ca(&stranger.path);
    assert_ne!(own_ca, stranger_ca);

    let signer = MdsSigner::new();
    let blob = signer.sign(&mds_payload(vec![
        mds_entry(
            own_aaguid,
            "Genuine Test Key",
            &[&own_ca],
            json!([{"status": "FIDO_CERTIFIED_L1", "effectiveDate": "2022-01-01"}]),
        ),
        mds_entry(
            other_aaguid,
            "Other Test Key",
            &[&stranger_ca],
            json!([{"status": "FIDO_CERTIFIED_L1", "effectiveDate": "2022-01-01"}]),
        ),
    ]));
    let mds = write_file(keys.dir(), "blob.jwt", &blob).display().to_string();
    let root = write_file(keys.dir(), "root.pem", &signer.root.pem()).display().to_string();
    // An empty policy checks nothing: the only verdict is the genuine-key check.
    let policy = write_file(keys.dir(), "empty.toml", "# nothing\n").display().to_string();
    let devices = selectors(&[&genuine, &forged]);

    let doc = audit_json(&devices, &["--policy", &policy, "--mds", &mds, "--mds-root", &root, "--attest"], 6);
    let k = doc.key(&genuine.selector());
    k.expect_verdicts(&[("genuine", Pass)]);
    assert_eq!(
        k.reason("genuine"),
        "genuine: the attestation certificate leads to an attestation root the FIDO metadata lists for Genuine Test Key"
    );
    assert_eq!(k.result, KeyResult::Pass);
    let k = doc.key(&forged.selector());
    k.expect_verdicts(&[("genuine", Fail)]);
    assert!(
        k.reason("genuine").starts_with("not shown genuine: the attestation certificate is not trusted"),
        "{}",
        k.reason("genuine")
    );
    assert_eq!(k.result, KeyResult::Fail);

    // Without --mds there is nothing to check against: unknown, and not a failure.
    let doc = audit_json(&devices, &["--policy", &policy, "--attest"], 0);
    for k in &doc.keys {
        k.expect_verdicts(&[("genuine", Unknown)]);
        assert_eq!(k.reason("genuine"), "the genuine-key check needs the FIDO metadata (--mds)");
        assert_eq!(k.result, KeyResult::Unknown);
    }
    // Without --attest there is no genuine verdict at all.
    let doc = audit_json(&devices, &["--policy", &policy, "--mds", &mds, "--mds-root", &root], 0);
    assert!(doc.keys.iter().all(|k| k.verdicts.is_empty()), "{:#?}", doc.keys);
}

#[test]
fn stale_blob_is_used_with_a_warning_and_mds_root_needs_mds() {
    let f = MdsFixture::new();
    let root = f.root_pem();
    let mut payload = mds_payload(vec![mds_entry(
        YK5_AAGUID,
        "YubiKey 5 Series (old metadata)",
        &[],
        json!([{"status": "FIDO_CERTIFIED_L1", "effectiveDate": "2021-03-01"}]),
    )]);
    payload["nextUpdate"] = json!("2020-01-01");
    payload["no"] = json!(7);
    let mds = f.file("stale.jwt", &f.signer.sign(&payload));
    let devices = selectors(&[&f.certified]);
    // fidoctl works offline: a BLOB past its nextUpdate is still used, with a warning.
    let run = audit(&devices, &["--policy", &f.policy, "--mds", &mds, "--mds-root", &root, "--json"]);
    run.expect_code(0).stderr_has("warning: the metadata BLOB is past its nextUpdate date");
    let doc: AuditDocument = run.json();
    assert_eq!(doc.metadata, Some(MetadataSummary { no: 7, next_update: "2020-01-01".into(), entries: 1 }));
    assert_eq!(doc.key(&f.certified.selector()).facts().model.as_deref(), Some("YubiKey 5 Series (old metadata)"));
    // A current BLOB gives no warning.
    let current = f.file("blob.jwt", &f.blob);
    let run = audit(&devices, &["--policy", &f.policy, "--mds", &current, "--mds-root", &root, "--json"]);
    run.expect_code(0);
    assert!(!run.stderr.contains("warning"), "{}", run.describe());

    // --mds-root alone is a usage error.
    audit(&devices, &["--mds-root", &root]).expect_code(2).stderr_has("--mds-root only makes sense with --mds FILE");
}

#[test]
fn ctap_2_1_pre_counts_as_2_0() {
    let keys = TempKeys::new();
    let pre = keys.create("pre.json", &["--profile", "ctap2.1-pre"]);
    let policy = write_file(keys.dir(), "policy.toml", "min_ctap_version = \"2.1\"\nrequire_pin_protocol_2 = true\n");
    let doc = audit_json(&selectors(&[&pre]), &["--policy", policy.to_str().unwrap()], 6);
    let k = doc.key(&pre.selector());
    k.expect_verdicts(&[("min_ctap_version", Fail), ("require_pin_protocol_2", Fail)]);
    assert_eq!(
        k.reason("min_ctap_version"),
        "the key supports CTAP 2.0 at most (FIDO_2_0, FIDO_2_1_PRE; FIDO_2_1_PRE is the 2.1 preview and counts as \
         2.0), the policy asks for 2.1"
    );
    assert_eq!(k.facts().versions, ["FIDO_2_0", "FIDO_2_1_PRE"]);

    let policy = write_file(keys.dir(), "policy.toml", "min_ctap_version = \"2.0\"\n");
    let doc = audit_json(&selectors(&[&pre]), &["--policy", policy.to_str().unwrap()], 0);
    doc.key(&pre.selector()).expect_verdicts(&[("min_ctap_version", Pass)]);
}

#[test]
fn three_wrong_pins_in_a_row_show_as_power_cycle_required() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    key.set_pin(PIN);
    enter_wrong_pins(&key, "0000", 2);
    // The third in a row blocks PIN entry until the key is re-plugged.
    key.run_with_pin("0000", &["pin", "verify"]).expect_code(4).stderr_has("Three wrong PINs were entered in a row");

    let policy = write_file(keys.dir(), "policy.toml", "require_pin = true\nmax_failed_pin_attempts = 3\n");
    let doc = audit_json(&selectors(&[&key]), &["--policy", policy.to_str().unwrap()], 0);
    let k = doc.key(&key.selector());
    k.expect_verdicts(&[("require_pin", Pass), ("max_failed_pin_attempts", Pass)]);
    let facts = k.facts();
    assert_eq!((facts.pin_retries, facts.pin_blocked, facts.power_cycle_required), (Some(5), Some(false), Some(true)));
    assert!(
        k.reason("max_failed_pin_attempts").starts_with("3 wrong PINs since the last correct one"),
        "{}",
        k.reason("max_failed_pin_attempts")
    );

    let policy = write_file(keys.dir(), "policy.toml", "max_failed_pin_attempts = 2\n");
    let doc = audit_json(&selectors(&[&key]), &["--policy", policy.to_str().unwrap()], 6);
    doc.key(&key.selector()).expect_verdicts(&[("max_failed_pin_attempts", Fail)]);
}
