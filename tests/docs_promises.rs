//! What README and docs/json.md say about argument errors under --json, and the missing
//! metadata file's pointer to the FIDO download, hold.

use std::process::{Command, Output};

fn fidoctl(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fidoctl"))
        .args(args)
        .current_dir(dir)
        .env_remove("FIDOCTL_DEVICE")
        .env_remove("FIDOCTL_PIN")
        .env_remove("FIDOCTL_NEW_PIN")
        .env("FIDOCTL_JOURNAL", dir.join("journal.jsonl"))
        .output()
        .expect("run fidoctl")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn error_document(out: &Output) -> serde_json::Value {
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON document on stdout");
    assert_eq!(doc["schema_version"], 1);
    doc["error"].clone()
}

#[test]
fn parser_errors_with_json_print_clap_text_on_stderr_and_a_usage_document() {
    let dir = tempfile::tempdir().expect("temp dir");
    // An unknown option: clap's own message on stderr, the document on stdout, exit 2.
    let out = fidoctl(dir.path(), &["--json", "list", "--bogus"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("error: unexpected argument '--bogus' found\n"), "{}", text(&out.stderr));
    let e = error_document(&out);
    assert_eq!(e["code"], "usage");
    assert_eq!(e["message"], "Unexpected argument '--bogus' found.");
    assert_eq!(e["hint"], "See `fidoctl --help`.");
    assert_eq!(e["exit_code"], 2);

    // A value the parser refuses: fidoctl's sentence on stderr (as for every usage error).
    let out = fidoctl(dir.path(), &["--format", "json", "-d", "key.json", "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("fidoctl: 'key.json' is not a device: "), "{}", text(&out.stderr));
    assert_eq!(error_document(&out)["code"], "usage");

    // A missing subcommand: the help on stderr, and a message that says what is wrong.
    let out = fidoctl(dir.path(), &["--json", "pin"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("Usage: fidoctl pin [OPTIONS] <COMMAND>"));
    assert_eq!(error_document(&out)["message"], "A subcommand is missing; the help above lists them.");
    let out = fidoctl(dir.path(), &["pin", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(error_document(&out)["message"], "'fidoctl pin' requires a subcommand but one was not provided.");

    // Without --json: clap's text only, nothing on stdout.
    let out = fidoctl(dir.path(), &["list", "--bogus"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).starts_with("error: unexpected argument '--bogus' found\n"));

    // --help and --version are no errors: their text on stdout, exit 0, no document.
    let out = fidoctl(dir.path(), &["--json", "--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with("fidoctl "));
    assert!(serde_json::from_slice::<serde_json::Value>(&out.stdout).is_err());
}

#[test]
fn a_missing_metadata_file_points_to_the_fido_download() {
    let dir = tempfile::tempdir().expect("temp dir");
    let created = fidoctl(dir.path(), &["virtual", "create", "key.json"]);
    assert!(created.status.success());
    std::fs::write(dir.path().join("policy.toml"), "require_pin = true\n").expect("policy");
    let expected = "fidoctl: The metadata file mds.jwt does not exist.\n\
--mds wants the FIDO Metadata Service BLOB, which the FIDO Alliance publishes at \
https://mds3.fidoalliance.org/ (fidoctl never downloads it itself): curl -fsSL -o mds.jwt https://mds3.fidoalliance.org/\n";
    for args in [
        &["-d", "virtual:key.json", "audit", "--attest", "--mds", "mds.jwt"][..],
        &["-d", "virtual:key.json", "enroll", "--policy", "policy.toml", "--attest", "--mds", "mds.jwt", "--dry-run"],
    ] {
        let out = fidoctl(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(text(&out.stderr), expected, "{args:?}");
        assert!(out.stdout.is_empty());
    }
}
