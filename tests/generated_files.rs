//! completions/ and man/ are generated from src/cli.rs and committed. This fails when they are
//! stale; `FIDOCTL_REGENERATE=1 cargo test --test generated_files` rewrites them.

use std::path::Path;
use std::process::Command;

const SHELLS: &[(&str, &str)] = &[
    ("bash", "fidoctl.bash"),
    ("zsh", "_fidoctl"),
    ("fish", "fidoctl.fish"),
    ("powershell", "_fidoctl.ps1"),
    ("elvish", "fidoctl.elv"),
];

fn fidoctl(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_fidoctl")).args(args).output().expect("run fidoctl");
    assert!(out.status.success(), "fidoctl {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

#[test]
fn completions_and_man_pages_are_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let regenerate = std::env::var_os("FIDOCTL_REGENERATE").is_some();
    let mut stale = Vec::new();

    let mut expected: Vec<(std::path::PathBuf, Vec<u8>)> = Vec::new();
    for (shell, file) in SHELLS {
        expected.push((root.join("completions").join(file), fidoctl(&["completions", shell])));
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    fidoctl(&["man", tmp.path().to_str().expect("utf-8 temp path")]);
    let mut pages: Vec<_> = std::fs::read_dir(tmp.path()).expect("man dir").map(|e| e.expect("entry").path()).collect();
    pages.sort();
    assert!(pages.len() > 10, "expected a page per subcommand, got {}", pages.len());
    for page in &pages {
        let name = page.file_name().expect("name");
        expected.push((root.join("man").join(name), std::fs::read(page).expect("page")));
    }
    // Pages for commands that no longer exist are stale too.
    if let Ok(entries) = std::fs::read_dir(root.join("man")) {
        for e in entries.flatten() {
            if !expected.iter().any(|(p, _)| *p == e.path()) {
                stale.push(format!("{} (no such command any more)", e.path().display()));
                if regenerate {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
    }
    for (path, bytes) in expected {
        if std::fs::read(&path).ok().as_deref() != Some(&bytes[..]) {
            stale.push(path.display().to_string());
            if regenerate {
                std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                std::fs::write(&path, &bytes).expect("write");
            }
        }
    }
    if !regenerate {
        assert!(
            stale.is_empty(),
            "stale generated files (run FIDOCTL_REGENERATE=1 cargo test --test generated_files):\n{}",
            stale.join("\n")
        );
    }
}

#[test]
fn every_subcommand_has_a_purpose_and_an_example() {
    fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help" && !s.is_hide_set()) {
            let name = format!("{path} {}", sub.get_name());
            if sub.get_about().is_none() {
                missing.push(format!("{name}: no one-line purpose"));
            }
            if sub.has_subcommands() {
                walk(sub, &name, missing);
            } else if !sub.get_after_help().map(|h| h.to_string().contains("Example")).unwrap_or(false) {
                missing.push(format!("{name}: no example"));
            }
        }
    }
    let mut missing = Vec::new();
    walk(&<fidoctl::cli::Cli as clap::CommandFactory>::command(), "fidoctl", &mut missing);
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
