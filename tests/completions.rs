//! The committed completion scripts complete -d/--device: `hid`, the `virtual:`/`unix:`
//! prefixes with a file after them, and the HID keys present (from `fidoctl __complete-devices`).
//! bash's function is run for real; zsh and fish are syntax-checked when installed.

use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A folder to complete in (alpha.json, beta.sock, sub/) and a `fidoctl` on PATH that stands
/// for the real one and reports one HID key present.
fn scene() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("alpha.json"), "{}").expect("file");
    std::fs::write(dir.path().join("beta.sock"), "").expect("file");
    std::fs::create_dir(dir.path().join("sub")).expect("dir");
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).expect("bin");
    let fake = bin.join("fidoctl");
    std::fs::write(&fake, "#!/bin/sh\n[ \"$1\" = __complete-devices ] && echo /dev/hidraw7\n").expect("fake");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    dir
}

/// Run the bash completion for these words (the last is the one being completed) and return
/// COMPREPLY, sorted.
fn complete_bash(dir: &Path, words: &[&str], wordbreaks_with_colon: bool) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let breaks = if wordbreaks_with_colon { r#"$' \t\n"\'><=;|&(:'"# } else { r#"$' \t\n"\'><=;|&('"# };
    let script = format!(
        "source '{}'\nCOMP_WORDBREAKS={breaks}\nCOMP_WORDS=({})\nCOMP_CWORD={}\n_fidoctl_with_devices fidoctl \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"",
        root().join("completions/fidoctl.bash").display(),
        quoted.join(" "),
        words.len() - 1,
    );
    let path = format!("{}:{}", dir.join("bin").display(), std::env::var("PATH").unwrap_or_default());
    let out =
        Command::new("bash").arg("-c").arg(&script).current_dir(dir).env("PATH", path).output().expect("run bash");
    assert!(out.status.success(), "bash failed: {}", String::from_utf8_lossy(&out.stderr));
    let mut reply: Vec<String> =
        String::from_utf8_lossy(&out.stdout).lines().filter(|l| !l.is_empty()).map(str::to_string).collect();
    reply.sort();
    reply
}

#[test]
fn bash_offers_the_selector_kinds_and_the_hid_keys_present() {
    let dir = scene();
    for words in
        [&["fidoctl", "-d", ""][..], &["fidoctl", "info", "--device", ""], &["fidoctl", "creds", "list", "-d", ""]]
    {
        assert_eq!(
            complete_bash(dir.path(), words, true),
            ["/dev/hidraw7", "hid", "hid:", "unix:", "virtual:"],
            "{words:?}"
        );
    }
    assert_eq!(complete_bash(dir.path(), &["fidoctl", "-d", "vi"], true), ["virtual:"]);
    // --device=VALUE: bash splits at '=' as well as at ':'.
    assert_eq!(complete_bash(dir.path(), &["fidoctl", "--device", "=", "vi"], true), ["virtual:"]);
    assert_eq!(complete_bash(dir.path(), &["fidoctl", "--device", "=", "virtual", ":", "al"], true), ["alpha.json"]);
}

#[test]
fn bash_completes_files_after_the_prefix() {
    let dir = scene();
    // bash splits `virtual:` into `virtual` and `:`; the reply replaces what follows the ':'.
    assert_eq!(
        complete_bash(dir.path(), &["fidoctl", "-d", "virtual", ":"], true),
        ["alpha.json", "beta.sock", "bin/", "sub/"]
    );
    assert_eq!(complete_bash(dir.path(), &["fidoctl", "-d", "virtual", ":", "al"], true), ["alpha.json"]);
    assert_eq!(complete_bash(dir.path(), &["fidoctl", "list", "-d", "unix", ":", "be"], true), ["beta.sock"]);
    // Without ':' in COMP_WORDBREAKS the word is whole, and so are the replies.
    assert_eq!(
        complete_bash(dir.path(), &["fidoctl", "-d", "virtual:"], false),
        ["virtual:alpha.json", "virtual:beta.sock", "virtual:bin/", "virtual:sub/"]
    );
    assert_eq!(complete_bash(dir.path(), &["fidoctl", "-d", "virtual:s"], false), ["virtual:sub/"]);
}

#[test]
fn bash_still_completes_everything_else() {
    let dir = scene();
    assert_eq!(complete_bash(dir.path(), &["fidoctl", "pi"], true), ["pin"]);
    let creds = complete_bash(dir.path(), &["fidoctl", "creds", ""], true);
    assert!(creds.contains(&"delete".to_string()), "{creds:?}");
    // The hidden helper is no subcommand anyone is offered.
    assert_eq!(complete_bash(dir.path(), &["fidoctl", "__"], true), Vec::<String>::new());
}

#[test]
fn the_hidden_device_lister_prints_only_paths() {
    let out = Command::new(env!("CARGO_BIN_EXE_fidoctl")).arg("__complete-devices").output().expect("run");
    assert!(out.status.success());
    assert!(out.stderr.is_empty());
    // No HID key in the test environment; if there is one, it is a bare path per line.
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        assert!(!line.contains(' ') && !line.is_empty(), "{line:?}");
    }
}

fn have(shell: &str) -> bool {
    Command::new(shell).arg("--version").output().is_ok_and(|o| o.status.success())
}

#[test]
fn zsh_and_fish_scripts_parse_and_use_the_device_function() {
    let zsh = std::fs::read_to_string(root().join("completions/_fidoctl")).expect("zsh script");
    assert!(zsh.contains("_fidoctl_devices() {") && zsh.contains(":DEVICE:_fidoctl_devices'"));
    assert!(!zsh.contains(":DEVICE:_default'"));
    let fish = std::fs::read_to_string(root().join("completions/fidoctl.fish")).expect("fish script");
    assert!(fish.contains("function __fish_fidoctl_devices"));
    let device_lines: Vec<&str> = fish.lines().filter(|l| l.contains(" -s d -l device ")).collect();
    assert!(!device_lines.is_empty());
    assert!(device_lines.iter().all(|l| l.ends_with("-r -f -a '(__fish_fidoctl_devices)'")));
    if have("zsh") {
        let out = Command::new("zsh").arg("-n").arg(root().join("completions/_fidoctl")).output().expect("zsh");
        assert!(out.status.success(), "zsh -n: {}", String::from_utf8_lossy(&out.stderr));
    }
    if have("fish") {
        let out = Command::new("fish")
            .arg("--no-execute")
            .arg(root().join("completions/fidoctl.fish"))
            .output()
            .expect("fish");
        assert!(out.status.success(), "fish --no-execute: {}", String::from_utf8_lossy(&out.stderr));
    }
}
