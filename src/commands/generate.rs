//! `fidoctl completions SHELL` and `fidoctl man DIR`: generated from src/cli.rs, committed.

use super::{exit, Failure, Outcome};
use crate::cli::Cli;
use crate::output::results::{ManWritten, RawText};
use crate::output::Render;
use clap::CommandFactory;
use std::path::Path;

struct Raw(String);

impl Render for Raw {
    fn json(&self) -> serde_json::Value {
        serde_json::to_value(RawText { text: self.0.clone() }).unwrap_or_default()
    }
    fn text(&self) -> String {
        self.0.clone()
    }
}

pub fn completion_script(shell: clap_complete::Shell) -> String {
    use clap_complete::Shell;
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "fidoctl", &mut out);
    let script = String::from_utf8_lossy(&out).into_owned();
    // clap_complete completes -d/--device as a plain file; the selectors need more: `hid`, the
    // prefixes `virtual:`/`unix:`/`hid:` with a file after them, and the HID keys present.
    match shell {
        Shell::Bash => format!("{script}{BASH_DEVICES}"),
        Shell::Zsh => {
            let script = script.replace("]:DEVICE:_default' \\", "]:DEVICE:_fidoctl_devices' \\");
            let tail = "\nif [ \"$funcstack[1]\" = \"_fidoctl\" ]; then";
            match script.rfind(tail) {
                Some(at) => format!("{}{ZSH_DEVICES}{}", &script[..at], &script[at..]),
                None => script,
            }
        }
        Shell::Fish => {
            let lines: Vec<String> = script
                .lines()
                .map(|l| {
                    if l.contains(" -s d -l device ") && l.ends_with(" -r") {
                        format!("{l} -f -a '(__fish_fidoctl_devices)'")
                    } else {
                        l.to_string()
                    }
                })
                .collect();
            format!("{FISH_DEVICES}{}\n", lines.join("\n"))
        }
        _ => script,
    }
}

/// bash: a wrapper around clap's `_fidoctl` that completes the value of -d/--device itself.
/// bash splits words at `:` (COMP_WORDBREAKS), so `virtual:dir/f` arrives as three words.
const BASH_DEVICES: &str = r#"
# -d/--device: hid, virtual:FILE, unix:SOCKET, hid:PATH and the HID keys present.
_fidoctl_devices() {
    local cur="$1" word kind rest f
    local -a found=()
    case "$cur" in
        virtual:*|unix:*|hid:*)
            kind="${cur%%:*}:"
            rest="${cur#*:}"
            while IFS= read -r f; do
                [[ -d "$f" ]] && f="$f/"
                found+=("$kind$f")
            done < <(compgen -f -- "$rest")
            ;;
        *)
            for word in hid virtual: unix: hid: $("${COMP_WORDS[0]}" __complete-devices 2>/dev/null); do
                [[ "$word" == "$cur"* ]] && found+=("$word")
            done
            ;;
    esac
    # What bash shows replaces only the part after the last ':' of the word.
    if [[ "$COMP_WORDBREAKS" == *:* && "$cur" == *:* ]]; then
        found=("${found[@]#"${cur%"${cur##*:}"}"}")
    fi
    COMPREPLY=("${found[@]}")
    if [[ ${#COMPREPLY[@]} -eq 1 && ( "${COMPREPLY[0]}" == */ || "${COMPREPLY[0]}" == *: ) ]]; then
        compopt -o nospace 2>/dev/null
    fi
}

_fidoctl_with_devices() {
    local i=$COMP_CWORD cur="${COMP_WORDS[COMP_CWORD]}"
    # Join the pieces bash split at ':' back into the word being completed.
    while (( i > 1 )) && [[ "${COMP_WORDS[i]}" == : || "${COMP_WORDS[i-1]}" == : ]]; do
        i=$((i - 1))
        cur="${COMP_WORDS[i]}$cur"
    done
    # --device=VALUE arrives as `--device` `=` VALUE (bash splits at '=' too).
    if [[ "${COMP_WORDS[i-1]}" == -d || "${COMP_WORDS[i-1]}" == --device ||
          ( "${COMP_WORDS[i-1]}" == = && "${COMP_WORDS[i-2]}" == --device ) ]]; then
        _fidoctl_devices "$cur"
        return 0
    fi
    _fidoctl "$@"
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _fidoctl_with_devices -o nosort -o bashdefault -o default fidoctl
else
    complete -F _fidoctl_with_devices -o bashdefault -o default fidoctl
fi
"#;

/// zsh: the action for the value of -d/--device.
const ZSH_DEVICES: &str = r#"
(( $+functions[_fidoctl_devices] )) ||
_fidoctl_devices() {
    if compset -P '(virtual|unix|hid):'; then
        _files
        return
    fi
    local -a present
    present=(${(f)"$(_call_program devices ${words[1]} __complete-devices 2>/dev/null)"})
    compadd -S '' -- virtual: unix: hid:
    compadd -- hid $present
}
"#;

/// fish: the candidates for the value of -d/--device.
const FISH_DEVICES: &str = r#"# -d/--device: hid, virtual:FILE, unix:SOCKET, hid:PATH and the HID keys present.
function __fish_fidoctl_devices
    set -l tok (commandline -ct)
    switch $tok
        case 'virtual:*' 'unix:*' 'hid:*'
            set -l kind (string replace -r ':.*' ':' -- $tok)
            for f in (__fish_complete_path (string replace -r '^[^:]*:' '' -- $tok))
                echo $kind$f
            end
        case '*'
            printf '%s\n' hid virtual: unix: hid:
            fidoctl __complete-devices 2>/dev/null
    end
end

"#;

pub fn completions(shell: clap_complete::Shell) -> Result<Outcome, Failure> {
    Ok(Outcome::ok(Raw(completion_script(shell))))
}

/// Every man page: fidoctl.1 and one per subcommand (fidoctl-pin-set.1, ...), name → text.
pub fn man_pages() -> Result<Vec<(String, Vec<u8>)>, std::io::Error> {
    let mut pages = Vec::new();
    fn walk(cmd: &clap::Command, prefix: &str, pages: &mut Vec<(String, Vec<u8>)>) -> Result<(), std::io::Error> {
        let name = if prefix.is_empty() { cmd.get_name().to_string() } else { format!("{prefix}-{}", cmd.get_name()) };
        pages.push((format!("{name}.1"), man_page(cmd.clone().name(name.clone()))?));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            walk(sub, &name, pages)?;
        }
        Ok(())
    }
    // No `help` subcommand in the pages: it would list a fidoctl-help(1) that does not exist.
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();
    walk(&root, "", &mut pages)?;
    Ok(pages)
}

/// One page: clap_mangen's sections, then EXAMPLES (the `after_help` text), EXIT STATUS and
/// ENVIRONMENT. Left-aligned (`.ad l`), so example commands are never stretched or hyphenated.
fn man_page(cmd: clap::Command) -> Result<Vec<u8>, std::io::Error> {
    let examples = cmd.get_after_help().map(ToString::to_string);
    let man = clap_mangen::Man::new(cmd);
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    out.extend_from_slice(b".ad l\n.nh\n");
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    man.render_subcommands_section(&mut out)?;
    if let Some(text) = examples {
        out.extend_from_slice(examples_section(&text).as_bytes());
    }
    out.extend_from_slice(exit_status_section().as_bytes());
    out.extend_from_slice(environment_section().as_bytes());
    man.render_version_section(&mut out)?;
    Ok(out)
}

/// Text as roff: backslashes and hyphens escaped, no line starting with a control character.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

fn examples_section(after_help: &str) -> String {
    let mut out = String::from(".SH EXAMPLES\n.nf\n");
    for line in after_help.lines().filter(|l| !matches!(l.trim(), "Example:" | "Examples:")) {
        out.push_str(&roff(line.trim()));
        out.push('\n');
    }
    out.push_str(".fi\n");
    out
}

/// The exit codes, as the README's table gives them.
pub const EXIT_STATUS: &[(u8, &str)] = &[
    (0, "Success."),
    (1, "The operation failed: the key refused, an I/O error, the credential was not found, the key lacks the feature. audit: some key could not be read (the others are still reported)."),
    (2, "Usage: bad arguments, a policy file that cannot be used, a PIN on the command line, or a confirmation needed with no terminal and no --yes."),
    (3, "Device: none found, more than one for a one-key command, unreachable or faulty, a missing, busy or damaged virtual-key state file."),
    (4, "PIN or UV: wrong, blocked, re-plug needed, not set when needed, no PIN source, too short or too long, change required."),
    (5, "User presence not given: the touch timed out, was declined, or was cancelled (Ctrl-C)."),
    (6, "audit read every key and at least one fails the policy (1 wins over 6); enroll: the policy refused the key before anything was written, or the enrolled key still fails it."),
    (130, "Interrupted: Ctrl-C at a PIN prompt or a confirmation (nothing was sent to the key), or a second Ctrl-C during a wait for a touch. fidoctl ends by SIGINT, so the shell reports 130."),
];

fn exit_status_section() -> String {
    let mut out = String::from(".SH \"EXIT STATUS\"\n");
    for (code, meaning) in EXIT_STATUS {
        out.push_str(&format!(".TP\n\\fB{code}\\fR\n{}\n", roff(meaning)));
    }
    out.push_str(".PP\nWith \\-\\-json a failure also prints a JSON error document on standard output.\n");
    out
}

/// Every environment variable fidoctl reads (a test checks the source against this list).
pub const ENVIRONMENT: &[(&str, &str)] = &[
    ("FIDOCTL_DEVICE", "The keys to work on when no -d is given: selectors as for -d, comma-separated."),
    ("FIDOCTL_PIN", "The current PIN (after --pin-stdin, before the prompt). Set it for one command only."),
    ("FIDOCTL_NEW_PIN", "The new PIN for pin set, pin change and enroll."),
    ("FIDOCTL_JOURNAL", "The journal file, when --journal is not given."),
    ("FIDOCTL_JOURNAL_SYSLOG", "1: also send each journal record to syslog, as --journal-syslog does."),
    ("FIDOCTL_JOURNAL_SYSLOG_SOCKET", "The syslog socket for journal records (default /dev/log)."),
    ("FIDOCTL_TOKEN_DIR", "The folder of stored read-only tokens, when --token-dir is not given."),
    ("FIDOCTL_VIRTUAL_PRESENCE", "Virtual keys: the simulated touch, approve (default), deny, timeout or delay:MS."),
    ("FIDOCTL_VIRTUAL_REPORT_LATENCY_US", "Virtual keys: a delay per 64-byte report, in microseconds, to model USB polling."),
    ("FIDOCTL_VIRTUAL_FAULT", "Virtual keys: a device fault injected into the answer to one CBOR request."),
    ("FIDOCTL_VIRTUAL_FAULT_AT", "Virtual keys: which CBOR request of the run FIDOCTL_VIRTUAL_FAULT hits (default 1)."),
    ("FIDOCTL_VIRTUAL_UV", "Virtual keys with a sensor: match (default) or nomatch, the fingerprint verdict."),
    ("FIDOCTL_VIRTUAL_BIO_SAMPLES", "Virtual keys with a sensor: the answer to each capture of an enrollment, comma-separated (good, too-fast, poor-quality, ..., timeout)."),
    ("FIDOCTL_VIRTUAL_BIO_REQUIRED", "Virtual keys with a sensor: good samples an enrollment needs (1-16, default 4)."),
    ("FIDOCTL_VIRTUAL_PIN_POLICY", "Virtual CTAP 2.2 keys: the PIN policy they report and enforce, e.g. complexity,url=URL,max=N."),
];

fn environment_section() -> String {
    let mut out = String::from(".SH ENVIRONMENT\n");
    for (name, meaning) in ENVIRONMENT {
        out.push_str(&format!(".TP\n\\fB{}\\fR\n{}\n", roff(name), roff(meaning)));
    }
    out
}

/// `fidoctl __complete-devices` (hidden): the HID keys present, one path a line, for the shell
/// completions. Quiet on every error: a completion must never print one.
pub fn complete_devices() -> Result<Outcome, Failure> {
    let paths: Vec<String> = crate::transport::hid::enumerate()
        .map(|devices| devices.iter().map(|d| d.path().to_string()).collect())
        .unwrap_or_default();
    Ok(Outcome::ok(Raw(paths.iter().map(|p| format!("{p}\n")).collect())))
}

pub fn man(dir: &Path) -> Result<Outcome, Failure> {
    let fail = |e: std::io::Error| {
        Failure::new(exit::FAILED, "man_write_failed", format!("Cannot write man pages into {}: {e}.", dir.display()))
    };
    std::fs::create_dir_all(dir).map_err(fail)?;
    let pages = man_pages().map_err(fail)?;
    for (name, text) in &pages {
        std::fs::write(dir.join(name), text).map_err(fail)?;
    }
    Ok(Outcome::ok(crate::output::message::Message {
        text: format!("Wrote {} man pages into {}.", pages.len(), dir.display()),
        fields: ManWritten { dir: dir.display().to_string(), pages: pages.iter().map(|(n, _)| n.clone()).collect() },
    }))
}
