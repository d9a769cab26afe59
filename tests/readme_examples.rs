//! The documentation's examples, run against virtual keys, so README.md and docs/*.md cannot
//! rot: an example that stops working, or a documented JSON document that no longer matches
//! what fidoctl prints, fails here. The conventions (` ```sh ` runs, ` ```sh no-run ` does
//! not, ` ```json output ` is checked, ` ```LANG file=NAME ` is written out) are in
//! tests/common/readme.rs and in README.md, "About the examples".

mod common;

use common::readme::{broken_links, compare_shape, heading_anchor, run_bash, Document, Kind, SESSION_TIMEOUT};
use serde_json::json;
use std::path::{Path, PathBuf};

/// At least this many ` ```sh ` blocks of README.md must run. Raise it when examples are added; it
/// fails when examples are deleted or quietly marked no-run.
const README_MIN_RUN: usize = 29;
/// At least this many ` ```json output ` blocks of docs/json.md must be checked.
const JSON_REFERENCE_MIN_OUTPUTS: usize = 20;

/// The README's first section, character for character: what a newcomer types first.
const FRESH_MACHINE_HEADING: &str = "On a fresh machine";
const FRESH_MACHINE_TRY: &str =
    r#"k="$(mktemp -d)/key.json" && cargo run -- virtual create "$k" && cargo run -- -d "virtual:$k" info"#;
const FRESH_MACHINE_TESTS: &str = "bash .ci/run";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn readme_examples_run() {
    let doc = Document::load(&root().join("README.md"));
    let report = common::readme::run_document(&doc);
    eprintln!(
        "README.md: {} sh blocks run in {} sessions, {} outputs checked, {} no-run blocks",
        report.ran, report.sessions, report.outputs_checked, report.skipped
    );
    assert!(
        report.ran >= README_MIN_RUN,
        "only {} ```sh blocks of README.md ran; at least {README_MIN_RUN} should (were examples removed or marked no-run?)",
        report.ran
    );
}

#[test]
fn docs_pages_examples_run() {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .expect("docs/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    pages.sort();
    assert!(pages.iter().any(|p| p.ends_with("json.md")), "docs/json.md is missing");
    for page in pages {
        let doc = Document::load(&page);
        let report = common::readme::run_document(&doc);
        eprintln!(
            "{}: {} sh blocks run in {} sessions, {} outputs checked, {} no-run blocks",
            page.display(),
            report.ran,
            report.sessions,
            report.outputs_checked,
            report.skipped
        );
        if page.ends_with("json.md") {
            assert!(
                report.outputs_checked >= JSON_REFERENCE_MIN_OUTPUTS,
                "only {} documented outputs in docs/json.md were checked; at least {JSON_REFERENCE_MIN_OUTPUTS} should",
                report.outputs_checked
            );
        }
    }
}

/// The first section is "On a fresh machine" with exactly the two commands. They are shown,
/// not run by the README test (`cargo run` inside `cargo test` would rebuild the crate, and
/// `bash .ci/run` is the whole suite), so the first one is run here through the built binary:
/// the same command line with `cargo run --` as `fidoctl`.
#[test]
fn fresh_machine_section_is_first_and_its_command_works() {
    let doc = Document::load(&root().join("README.md"));
    let first = doc.sections.iter().find(|s| !s.heading.is_empty()).expect("README.md has sections");
    assert_eq!(first.heading, FRESH_MACHINE_HEADING, "the README's first section must be \"On a fresh machine\"");
    let bodies: Vec<(&Kind, &str)> = first.blocks.iter().map(|b| (&b.kind, b.body.trim_end())).collect();
    assert_eq!(
        bodies,
        vec![(&Kind::NoRun, FRESH_MACHINE_TRY), (&Kind::NoRun, FRESH_MACHINE_TESTS)],
        "\"On a fresh machine\" must hold exactly the two commands, marked ```sh no-run"
    );
    assert!(root().join(".ci/run").is_file(), "the README points at .ci/run, which is missing");

    let dir = tempfile::tempdir().expect("temp dir");
    let script = dir.path().join("fresh.sh");
    std::fs::write(&script, format!("{}\n", FRESH_MACHINE_TRY.replace("cargo run --", "fidoctl"))).expect("script");
    let log = dir.path().join("fresh.log");
    let code = run_bash(&script, dir.path(), &log, &[("TMPDIR", dir.path())], SESSION_TIMEOUT);
    let output = std::fs::read_to_string(&log).unwrap_or_default();
    assert_eq!(code, Some(0), "the fresh-machine command failed through the binary:\n{output}");
    for expected in ["Created virtual key", "fidoctl virtual key", "FIDO_2_1", "PIN"] {
        assert!(output.contains(expected), "the fresh-machine command's output lacks {expected:?}:\n{output}");
    }
}

/// Every shell-looking block is either run or explicitly marked as not run, and a documented
/// output always follows the block that prints it.
#[test]
fn every_shell_block_is_marked() {
    let path = root().join("README.md");
    let text = std::fs::read_to_string(&path).expect("README.md");
    // Refuses ```bash, ```console and ```shell blocks: each must say sh or sh no-run.
    let doc = Document::parse(&path, &text);
    let no_run = doc.blocks(&Kind::NoRun).count();
    assert!(no_run >= 2, "the fresh-machine commands are no-run blocks");
    for info in ["bash", "console", "shell", "sh run", "toml file=/etc/passwd"] {
        let text = format!("## s\n```{info}\nfidoctl list\n```\n");
        assert!(Document::try_parse(Path::new("x.md"), &text).is_err(), "a ```{info} block must be refused");
    }
    assert!(Document::try_parse(Path::new("x.md"), "```sh\nopen\n").is_err(), "an unclosed block must be refused");
    let parsed = Document::parse(
        Path::new("x.md"),
        "intro\n## A\n```sh\na\n```\n```sh no-run\nb\n```\n  ```toml file=p.toml\n  x = 1\n  ```\n## B\n```json output\n{}\n```\n",
    );
    let kinds: Vec<(String, Kind, String)> = parsed
        .sections
        .iter()
        .flat_map(|s| s.blocks.iter().map(move |b| (s.heading.clone(), b.kind.clone(), b.body.clone())))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("A".into(), Kind::Run, "a\n".into()),
            ("A".into(), Kind::NoRun, "b\n".into()),
            ("A".into(), Kind::File("p.toml".into()), "x = 1\n".into()),
            ("B".into(), Kind::Output, "{}\n".into()),
        ]
    );
}

#[test]
fn documented_output_comparison() {
    let mut out = Vec::new();
    compare_shape(
        "$",
        &json!({"a": 1, "b": ["x", {"c": null}], "d": true}),
        &json!({"a": 2, "b": ["y", {"c": null}], "d": true}),
        &mut out,
    );
    assert!(out.is_empty(), "{out:?}");
    compare_shape(
        "$",
        &json!({"a": 1, "b": [1], "d": true, "gone": 0}),
        &json!({"a": "1", "b": [1, 2], "d": false, "new": null}),
        &mut out,
    );
    assert_eq!(
        out,
        vec![
            "$.gone: documented, but not printed",
            "$.new: printed, but not documented",
            "$.a: documented as number (1), printed as string (\"1\")",
            "$.b: documented with 1 element(s), printed with 2",
            "$.d: documented true, printed false",
        ]
    );
}

/// Links between the documents (files and headings) resolve, as GitHub renders them.
#[test]
fn relative_links_resolve() {
    assert_eq!(
        heading_anchor("Walkthrough: help desk, a locked or lost key"),
        "walkthrough-help-desk-a-locked-or-lost-key"
    );
    assert_eq!(heading_anchor("4. Reset a key whose PIN is `forgotten`"), "4-reset-a-key-whose-pin-is-forgotten");
    let mut docs = vec![root().join("README.md")];
    for entry in std::fs::read_dir(root().join("docs")).expect("docs/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|x| x == "md") {
            docs.push(path);
        }
    }
    let broken: Vec<String> = docs.iter().flat_map(|d| broken_links(d)).collect();
    assert!(broken.is_empty(), "broken links:\n  {}", broken.join("\n  "));
}
