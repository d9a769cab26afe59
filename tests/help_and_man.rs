//! What `--help` and the man pages promise: an example for every command, help for every
//! argument, the exit codes, every environment variable, the audit's policy settings.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fidoctl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fidoctl")).args(args).output().expect("run fidoctl")
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The pages as `fidoctl man` writes them now, name → roff text.
fn man_pages() -> Vec<(String, String)> {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = fidoctl(&["man", tmp.path().to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut pages: Vec<(String, String)> = std::fs::read_dir(tmp.path())
        .expect("man dir")
        .map(|e| {
            let path = e.expect("entry").path();
            let name = path.file_name().expect("name").to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).expect("page"))
        })
        .collect();
    pages.sort();
    pages
}

fn page(pages: &[(String, String)], name: &str) -> String {
    pages.iter().find(|(n, _)| n == name).map(|(_, t)| t.clone()).unwrap_or_else(|| panic!("no page {name}"))
}

/// The text of one `.SH NAME` section (up to the next `.SH`).
fn section(page: &str, heading: &str) -> String {
    let start = page.find(&format!(".SH {heading}\n")).unwrap_or_else(|| panic!("no section {heading}"));
    let rest = &page[start + 4..];
    rest[..rest.find("\n.SH ").map(|i| i + 1).unwrap_or(rest.len())].to_string()
}

fn walk(cmd: &clap::Command, path: &str, visit: &mut dyn FnMut(&str, &clap::Command)) {
    visit(path, cmd);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        walk(sub, &format!("{path} {}", sub.get_name()), visit);
    }
}

fn cli() -> clap::Command {
    let mut cmd = <fidoctl::cli::Cli as clap::CommandFactory>::command();
    cmd.build();
    cmd
}

#[test]
fn every_command_and_command_group_has_an_example() {
    let mut missing = Vec::new();
    walk(&cli(), "fidoctl", &mut |path, cmd| {
        if !cmd.get_after_help().map(|h| h.to_string().contains("Example")).unwrap_or(false) {
            missing.push(path.to_string());
        }
    });
    assert!(missing.is_empty(), "no example in --help of: {}", missing.join(", "));
    // And the help shows it.
    for group in ["pin", "creds", "config", "virtual", "blobs", "token", "bio", "ssh", "journal"] {
        let out = fidoctl(&[group, "--help"]);
        assert!(out.status.success(), "{group} --help failed");
        assert!(String::from_utf8_lossy(&out.stdout).contains("Example"), "{group} --help shows no example");
    }
}

#[test]
fn help_about_help_does_not_fail() {
    let out = fidoctl(&["help", "--help"]);
    assert!(out.status.success(), "help --help: {}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Usage: fidoctl help [COMMAND]..."));
    let out = fidoctl(&["help", "-h"]);
    assert!(out.status.success());
    // `help COMMAND` still works.
    let out = fidoctl(&["help", "pin"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Usage: fidoctl pin"));
}

#[test]
fn every_argument_has_help() {
    let mut missing = Vec::new();
    walk(&cli(), "fidoctl", &mut |path, cmd| {
        for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            let help = arg.get_help().or(arg.get_long_help()).map(|h| h.to_string()).unwrap_or_default();
            if help.trim().is_empty() {
                missing.push(format!("{path} {}", arg.get_id()));
            }
        }
    });
    assert!(missing.is_empty(), "arguments without help: {}", missing.join(", "));
}

#[test]
fn man_pages_have_examples_exit_status_and_environment_and_are_not_justified() {
    let pages = man_pages();
    for (name, text) in &pages {
        assert!(text.contains("\n.ad l\n"), "{name} is justified (no .ad l)");
        assert!(!text.contains("EXTRA"), "{name} has an EXTRA section");
        assert!(!text.contains("fidoctl\\-help"), "{name} refers to a fidoctl-help page");
        assert!(!pages.iter().any(|(n, _)| n == "fidoctl-help.1"));
        section(text, "EXAMPLES");
        section(text, "\"EXIT STATUS\"");
        section(text, "ENVIRONMENT");
    }
    let audit = section(&page(&pages, "fidoctl-audit.1"), "EXAMPLES");
    assert!(audit.contains("fidoctl audit \\-\\-policy policy.toml \\-\\-json"), "{audit}");
}

/// Every code of the README's exit-code table, and only those, is in every page's EXIT STATUS.
#[test]
fn man_exit_status_is_the_readme_table() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let table = &readme[readme.find("## Exit codes").expect("Exit codes section")..];
    let table = &table[..table[3..].find("\n## ").expect("next section")];
    let codes: Vec<String> = table
        .lines()
        .filter_map(|l| l.strip_prefix("| ")?.split(" |").next().map(str::to_string))
        .filter(|c| c.parse::<u8>().is_ok())
        .collect();
    assert!(codes.contains(&"130".to_string()) && codes.contains(&"6".to_string()), "{codes:?}");
    for (name, text) in man_pages() {
        let exit = section(&text, "\"EXIT STATUS\"");
        let in_page: Vec<String> =
            exit.lines().filter_map(|l| l.strip_prefix("\\fB")?.strip_suffix("\\fR").map(str::to_string)).collect();
        assert_eq!(in_page, codes, "{name}");
    }
}

fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("read dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            source_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every `FIDOCTL_*` name the program's source mentions is in the ENVIRONMENT section.
#[test]
fn man_environment_lists_every_variable_the_program_reads() {
    let mut files = Vec::new();
    source_files(&root().join("src"), &mut files);
    let mut names = std::collections::BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("source");
        for (i, _) in text.match_indices("FIDOCTL_") {
            let name: String =
                text[i..].chars().take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_').collect();
            names.insert(name.trim_end_matches('_').to_string());
        }
    }
    for must in ["FIDOCTL_PIN", "FIDOCTL_NEW_PIN", "FIDOCTL_DEVICE", "FIDOCTL_TOKEN_DIR", "FIDOCTL_JOURNAL"] {
        assert!(names.contains(must), "the source scan missed {must}: {names:?}");
    }
    let pages = man_pages();
    let env = section(&page(&pages, "fidoctl.1"), "ENVIRONMENT");
    let missing: Vec<&String> = names.iter().filter(|n| !env.contains(&format!("\\fB{n}\\fR"))).collect();
    assert!(missing.is_empty(), "not in the man page's ENVIRONMENT: {missing:?}");
}

/// The policy settings come from the policy module at run time, so a new rule appears in
/// `audit --help` and its man page by itself.
#[test]
fn audit_help_and_man_page_list_every_policy_setting() {
    use fidoctl::audit::policy::{ENROLL_SETTINGS, SETTINGS};
    let help = String::from_utf8(fidoctl(&["audit", "--help"]).stdout).expect("utf-8");
    let man = section(&page(&man_pages(), "fidoctl-audit.1"), "DESCRIPTION");
    for setting in SETTINGS.iter().chain(ENROLL_SETTINGS) {
        assert!(help.contains(setting), "audit --help lacks {setting}");
        assert!(man.contains(&setting.replace('-', "\\-")), "the audit man page lacks {setting}");
    }
    assert!(help.contains("Policy settings (TOML; an unknown setting is an error): require_pin, "));
}
