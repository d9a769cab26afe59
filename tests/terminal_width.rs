//! Text output fits an 80-column terminal (COLUMNS=80; tests run without a terminal), with
//! long RP ids, user names and credential ids; ids stay whole in CSV and JSON.

mod common;

use common::cli::{fidoctl, run_cmd, Run, TempKeys, VirtualKeyFile};
use common::creds::make_resident;
use common::state::add_credential_with_id;

const PIN: &str = "271828";
const LONG_RP: &str = "very-long-relying-party-identifier.subdomain.department.example.com";
const LONG_USER: &str = "alice.with.a.very.long.user.name@corporate-directory.example.org";
const LONG_DISPLAY: &str = "Alice Wonderland-Liddell, Head of Very Long Display Names";

/// A key in its own folder, run as `fidoctl -d virtual:key.json` from that folder (a short
/// selector, as /dev/hidrawN is) with COLUMNS=80.
struct Setup {
    keys: TempKeys,
    key: VirtualKeyFile,
}

impl Setup {
    fn new(args: &[&str]) -> Setup {
        let keys = TempKeys::new();
        let key = keys.create_with_pin("key.json", args, PIN);
        Setup { keys, key }
    }

    fn run_cols(&self, columns: &str, args: &[&str]) -> Run {
        let mut cmd = fidoctl();
        cmd.current_dir(self.keys.dir())
            .env("COLUMNS", columns)
            .env("FIDOCTL_PIN", PIN)
            .env("FIDOCTL_JOURNAL", self.keys.path("journal.jsonl"))
            .env("FIDOCTL_TOKEN_DIR", self.keys.path("tokens"))
            .args(["-d", "virtual:key.json"])
            .args(args);
        run_cmd(&mut cmd)
    }

    fn run(&self, args: &[&str]) -> Run {
        self.run_cols("80", args)
    }

    /// Two credentials with long names, and one with a 100-byte id.
    fn with_long_credentials(self) -> (Setup, String) {
        let made = make_resident(&self.key, PIN, LONG_RP, LONG_USER, LONG_DISPLAY);
        make_resident(&self.key, PIN, &format!("second.{LONG_RP}"), &format!("bob.{LONG_USER}"), LONG_DISPLAY);
        let long_id: Vec<u8> = (0..100u8).collect();
        add_credential_with_id(&self.key, &made.credential_id, &long_id, LONG_USER, b"user-id-of-the-long-one");
        (self, common::schema::to_b64url(&long_id))
    }
}

/// No line of stdout is wider than `max` characters.
#[track_caller]
fn fits(run: &Run, max: usize) {
    run.success();
    for line in run.stdout.lines() {
        assert!(
            line.chars().count() <= max,
            "{} characters, over {max}:\n{line}\n{}",
            line.chars().count(),
            run.describe()
        );
    }
}

#[test]
fn creds_list_fits_80_columns_and_ids_stay_whole_in_csv_and_json() {
    let (s, long_id) = Setup::new(&[]).with_long_credentials();
    let text = s.run(&["creds", "list"]);
    fits(&text, 80);
    assert!(!text.stdout.contains(&long_id), "the long id is shortened in text\n{}", text.describe());
    text.stdout_has(&format!("{}…{}", &long_id[..6], &long_id[long_id.len() - 6..]))
        .stdout_has("Ids are shortened to fit; `fidoctl creds list --format csv` shows them whole.");
    // A wide terminal gets every column and whole ids.
    s.run_cols("1000", &["creds", "list"]).success().stdout_has(&long_id).stdout_has("USER ID");
    s.run(&["creds", "list", "--format", "csv"]).success().stdout_has(&long_id);
    s.run(&["creds", "list", "--json"]).success().stdout_has(&long_id);
    // The whole id, copied from CSV, deletes the credential.
    s.run(&["--yes", "creds", "delete", &long_id]).success();
    assert!(!s.run(&["creds", "list", "--format", "csv"]).stdout.contains(&long_id));
}

#[test]
fn list_fits_80_columns_and_shows_firmware() {
    let s = Setup::new(&["--firmware", "5.7.1"]);
    let text = s.run(&["list"]);
    fits(&text, 80);
    text.stdout_has("FIRMWARE").stdout_has("5.7.1");
    s.run_cols("400", &["list"]).success().stdout_has("FIRMWARE").stdout_has("5.7.1");
}

#[test]
fn info_fits_80_columns() {
    for profile in ["ctap2.0", "ctap2.1", "ctap2.2"] {
        let s = Setup::new(&["--profile", profile]);
        fits(&s.run(&["info"]), 80);
        fits(&s.run(&["info", "-v"]), 80);
    }
}

#[test]
fn info_has_a_firmware_line_without_get_info_firmware() {
    // CTAP 2.0 has no firmwareVersion in getInfo; the JSON's `firmware` is CTAPHID's.
    let s = Setup::new(&["--profile", "ctap2.0"]);
    let doc = s.run(&["info", "--json"]).value();
    let firmware = doc["firmware"].as_str().expect("firmware in JSON").to_string();
    s.run(&["info"]).success().stdout_has(&format!("{firmware} (CTAPHID device version)"));
}

#[test]
fn audit_fits_80_columns_with_long_reasons() {
    let (s, _) = Setup::new(&[]).with_long_credentials();
    let policy = s.keys.path("policy.toml");
    std::fs::write(&policy, "require_pin = true\nmin_pin_length = 12\nrequire_always_uv = true\n").unwrap();
    let run = s.run(&["audit", "--policy", policy.to_str().unwrap()]);
    run.expect_code(6);
    for line in run.stdout.lines() {
        assert!(line.chars().count() <= 80, "over 80:\n{line}\n{}", run.describe());
    }
    run.stdout_has("FAIL").stdout_has("  min_pin_length (fail): minPINLength is 4");
}

#[test]
fn the_other_listings_fit_80_columns() {
    let (s, _) = Setup::new(&["--profile", "ctap2.2"]).with_long_credentials();
    let mut ssh = vec!["make-credential", "--resident", "--rp", "ssh:", "--user-name", LONG_USER];
    ssh.extend(["--display-name", LONG_DISPLAY]);
    s.run(&ssh).success();
    s.run(&["token", "create", "--read-only"]).success();
    for args in [&["blobs", "list"][..], &["token", "list"], &["journal"], &["bio", "list"]] {
        let run = s.run(args);
        if run.code == Some(0) {
            fits(&run, 80);
        }
    }
    // The public key line is data to copy and stays whole; everything else fits.
    let run = s.run(&["ssh", "list"]);
    run.success();
    for line in run.stdout.lines().filter(|l| !l.trim_start().starts_with("sk-")) {
        assert!(line.chars().count() <= 80, "over 80:\n{line}\n{}", run.describe());
    }
}

#[test]
fn key_strings_are_escaped_in_text_and_csv_and_exact_in_json() {
    let s = Setup::new(&[]);
    let evil = "mallory\u{1b}[2J\u{1b}[31m";
    let made = make_resident(&s.key, PIN, "evil.example", evil, "");
    // Wide, so the escaped name is not wrapped inside its cell.
    for args in [&["creds", "list"][..], &["creds", "list", "--format", "csv"]] {
        let run = s.run_cols("1000", args);
        run.success().stdout_has("mallory\\u{1b}[2J\\u{1b}[31m");
        assert!(!run.stdout.contains('\u{1b}'), "{}", run.describe());
    }
    let doc = s.run(&["creds", "list", "--json"]).value();
    assert_eq!(doc["rps"][0]["credentials"][0]["user_name"], evil);
    // The confirmation (refused without a terminal) and the result name the user escaped, and
    // an empty display name is not shown as "(-)".
    let refused = s.run(&["creds", "delete", &made.credential_id]);
    refused.expect_code(2);
    assert!(!refused.stderr.contains('\u{1b}') && !refused.stdout.contains('\u{1b}'), "{}", refused.describe());
    let deleted = s.run(&["--yes", "creds", "delete", &made.credential_id]);
    deleted.success();
    let all = format!("{}{}", deleted.stdout, deleted.stderr);
    assert!(!all.contains('\u{1b}') && all.contains("mallory\\u{1b}[2J"), "{}", deleted.describe());
    assert!(!all.contains("(-)"), "{}", deleted.describe());
}

#[test]
fn a_prefix_of_an_id_gets_the_same_answer_at_any_length() {
    let s = Setup::new(&[]);
    let made = make_resident(&s.key, PIN, "example.com", "alice", "Alice");
    let id = &made.credential_id;
    for len in 1..id.len() {
        let prefix = &id[..len];
        let run = s.run(&["--yes", "creds", "delete", prefix]);
        run.expect_code(1).stderr_has(&format!("No credential on this key has the id {prefix}; nothing was changed."));
    }
    s.run(&["--yes", "creds", "delete", id]).success();
}

#[test]
fn enroll_fits_80_columns() {
    let policy =
        "require_pin = true\nmin_pin_length = 8\nrequire_always_uv = true\n[enroll]\nforce_pin_change = true\n";
    let long_for = "Alice Wonderland-Liddell, Head of Very Long Display Names and Privileged Access";
    // A key that cannot do the steps: the refusal's reasons are long sentences.
    let old = Setup::new(&["--profile", "ctap2.0"]);
    std::fs::write(old.keys.path("policy.toml"), policy).unwrap();
    let run = old.run(&["enroll", "--policy", "policy.toml", "--for", long_for, "--dry-run"]);
    run.expect_code(6);
    for line in run.stdout.lines() {
        assert!(line.chars().count() <= 80, "over 80:\n{line}\n{}", run.describe());
    }
    run.stdout_has("NOT SUPPORTED by this key");
    // A key that takes every step.
    let new = Setup::new(&[]);
    std::fs::write(new.keys.path("policy.toml"), policy).unwrap();
    let run = new.run(&["enroll", "--policy", "policy.toml", "--for", long_for, "--yes"]);
    fits(&run, 80);
    run.stdout_has("Steps").stdout_has("raise the minimum PIN length from 4 to 8: applied");
    // The confirmation says what only a reset undoes, and that always-UV can be turned off.
    assert!(run.stderr.contains("Only a factory reset lowers the minimum PIN length"), "{}", run.describe());
    assert!(run.stderr.contains("`fidoctl config always-uv off` turns always-UV off again."), "{}", run.describe());
}
