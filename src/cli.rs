//! Command-line definitions: the one source for --help, man pages and shell completions.

use crate::transport::Selector;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "fidoctl",
    version,
    about = "Manage FIDO2 security keys: inventory, PINs, credentials, configuration, reset, audit",
    long_about = "fidoctl finds the FIDO2 security keys on this machine, shows what they are, sets and \
changes their PINs, manages their discoverable credentials, configures and resets them, runs test \
registrations and audits many keys against a policy. It ships a software authenticator, the virtual \
key, so every command can be tried without hardware.",
    after_help = "Examples:\n  fidoctl virtual create key.json && fidoctl -d virtual:key.json info\n  fidoctl list --json",
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalOptions,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    #[default]
    Text,
    Json,
    Csv,
}

#[derive(Debug, Args, Clone)]
pub struct GlobalOptions {
    /// Key to work on: /dev/hidrawN or hid:PATH, 'hid' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key.
    #[arg(short = 'd', long = "device", global = true, value_name = "DEVICE", value_delimiter = ',')]
    pub devices: Vec<Selector>,
    /// Output format: text for people, json or csv for scripts.
    #[arg(long, global = true, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Shorthand for --format json.
    #[arg(long, global = true)]
    pub json: bool,
    /// Answer yes to confirmations (for scripts).
    #[arg(short = 'y', long, global = true)]
    pub yes: bool,
    /// Seconds to wait for a touch on the key (at most 86400, one day).
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = 30, value_parser = crate::limits::parse_timeout)]
    pub timeout: u64,
    /// Read PINs from standard input, one per line (see `fidoctl pin --help`).
    #[arg(long, global = true)]
    pub pin_stdin: bool,
    /// More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted).
    #[arg(short = 'v', long = "verbose", global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl).
    #[arg(long = "journal", global = true, value_name = "PATH")]
    pub journal: Option<PathBuf>,
    /// Do not record changes made to keys.
    #[arg(long, global = true, conflicts_with = "journal_required")]
    pub no_journal: bool,
    /// Refuse to change a key unless the journal can record it (checked before the key is touched).
    #[arg(long, global = true)]
    pub journal_required: bool,
    /// Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does.
    #[arg(long, global = true)]
    pub journal_syslog: bool,
    /// Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens).
    #[arg(long = "token-dir", global = true, value_name = "DIR")]
    pub token_dir: Option<PathBuf>,
}

impl GlobalOptions {
    pub fn journal_options(&self) -> crate::journal::Options {
        crate::journal::Options {
            path: self.journal.clone(),
            disabled: self.no_journal,
            required: self.journal_required,
            syslog: self.journal_syslog,
        }
    }
}

impl Cli {
    /// Parse the command line. `-d` given both before and after the subcommand adds up (clap
    /// alone keeps only the innermost level's values for a global option).
    pub fn parse_args<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
        if args.len() == 2 && args[1] == COMPLETE_DEVICES {
            let mut cli = <Cli as Parser>::try_parse_from([&args[0], std::ffi::OsStr::new("list")])?;
            cli.command = Command::CompleteDevices;
            return Ok(cli);
        }
        let mut cli = match <Cli as Parser>::try_parse_from(&args) {
            Ok(cli) => cli,
            Err(e) => return Err(help_about_help(&args).unwrap_or(e)),
        };
        // Every value was already checked by clap's parser; parse them again in order.
        let given: Vec<Selector> = device_arguments(&args).iter().filter_map(|s| s.parse().ok()).collect();
        if !given.is_empty() {
            cli.global.devices = given;
        }
        Ok(cli)
    }
}

/// The hidden command the completion scripts call for the HID keys present.
pub const COMPLETE_DEVICES: &str = "__complete-devices";

/// `fidoctl help --help` (clap takes `--help` for the name of a subcommand there): the help of
/// `help` itself, as `fidoctl help help` gives it.
fn help_about_help(args: &[std::ffi::OsString]) -> Option<clap::Error> {
    let at = args.windows(2).position(|w| w[0] == "help" && (w[1] == "--help" || w[1] == "-h"))?;
    let mut args = args.to_vec();
    args[at + 1] = "help".into();
    <Cli as Parser>::try_parse_from(&args).err().filter(|e| e.kind() == clap::error::ErrorKind::DisplayHelp)
}

/// The long help of `audit`: its exit codes and every setting a policy file may hold, read from
/// the policy module so a new rule shows up here (and in the man page) by itself.
fn audit_long_about() -> String {
    use crate::audit::policy::{ENROLL_SETTINGS, SETTINGS};
    format!(
        "Audit every selected key against a policy (no PIN needed): inventory, verdicts, exit codes for \
scripts.\n\n\
Without a selector every HID key is read. Exit 0: every key passes; 6: some key fails the policy; 1: \
some key could not be read (wins over 6); 3: no key found. An `unknown` verdict fails only with \
--strict. FIDO_2_1_PRE keys count as CTAP 2.0 for min_ctap_version.\n\n\
Policy settings (TOML; an unknown setting is an error): {}.\n\
The [enroll] table (read by `fidoctl enroll`): {}.\n\
What each one checks: the README, section \"The audit\".",
        SETTINGS.join(", "),
        ENROLL_SETTINGS.join(", ")
    )
}

/// Was a PIN given on the command line (`--pin`, `--pin=…`)? It is refused before parsing, so
/// no option of that name exists (nor shows in completions) and its value is never echoed.
pub fn pin_on_command_line(args: &[std::ffi::OsString]) -> bool {
    args.iter()
        .skip(1)
        .map(|a| a.to_string_lossy())
        .take_while(|a| a != "--")
        .any(|a| a == "--pin" || a.starts_with("--pin="))
}

/// Did the user ask for JSON? (Needed before parsing succeeds, for argument errors.)
pub fn wants_json(args: &[std::ffi::OsString]) -> bool {
    let args: Vec<String> = args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
    args.iter().enumerate().any(|(i, a)| {
        a == "--json"
            || a == "--format=json"
            || (a == "--format" && args.get(i + 1).map(String::as_str) == Some("json"))
    })
}

/// The short flags that take no value, so may come before `d` in one cluster (`-yvd PATH`):
/// read from the definitions, so a new flag cannot silently break `-d`.
fn bundling_flags() -> Vec<char> {
    use clap::CommandFactory;
    Cli::command().get_arguments().filter(|a| !a.get_action().takes_values()).filter_map(|a| a.get_short()).collect()
}

/// Every `-d`/`--device` value on the command line, at any level, in order, comma lists split.
/// (clap keeps only one level's values for a global option, and the user may give both.)
fn device_arguments(args: &[std::ffi::OsString]) -> Vec<String> {
    let bundling = bundling_flags();
    let mut out: Vec<String> = Vec::new();
    let mut push = |v: &str| {
        for part in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            if !out.iter().any(|o| o == part) {
                out.push(part.to_string());
            }
        }
    };
    let mut iter = args.iter().skip(1).map(|a| a.to_string_lossy().into_owned());
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        if arg == "--device" || arg == "-d" {
            if let Some(v) = iter.next() {
                push(&v);
            }
        } else if let Some(v) = arg.strip_prefix("--device=") {
            push(v);
        } else if let Some(cluster) = arg.strip_prefix('-').filter(|c| !c.starts_with('-')) {
            // Short flags may be bundled: -yd PATH, -vdPATH.
            let flags: String = cluster.chars().take_while(|c| bundling.contains(c)).collect();
            if let Some(rest) = cluster[flags.len()..].strip_prefix('d') {
                if rest.is_empty() {
                    if let Some(v) = iter.next() {
                        push(&v);
                    }
                } else {
                    push(rest.trim_start_matches('='));
                }
            }
        }
    }
    out
}

impl Command {
    /// Commands whose result is a table, so `--format csv` applies.
    pub fn has_table(&self) -> bool {
        matches!(self, Command::List | Command::Audit(_) | Command::Creds(CredsCommand::List { .. }))
    }
}

impl GlobalOptions {
    pub fn format(&self) -> Format {
        if self.json {
            Format::Json
        } else {
            self.format
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every security key: path, VID:PID, product, AAGUID, model, CTAP versions.
    #[command(after_help = "Example:\n  fidoctl list --json | jq '.devices[].path'")]
    List,
    /// Show what a key is: decoded getInfo, PIN state, retries.
    #[command(after_help = "Example:\n  fidoctl -d virtual:key.json info")]
    Info,
    /// Blink the key so you can find it on the desk.
    #[command(after_help = "Example:\n  fidoctl -d /dev/hidraw3 wink")]
    Wink,
    /// Ask you to touch the key you mean, and print its path.
    #[command(after_help = "Example:\n  fidoctl select")]
    Select,
    /// Set, change and verify the key's PIN.
    ///
    /// PINs are never taken on the command line. Sources, first that applies: --pin-stdin (pin set:
    /// new PIN on line 1; pin change: current PIN on line 1, new PIN on line 2; everything else:
    /// current PIN on line 1), the FIDOCTL_PIN / FIDOCTL_NEW_PIN environment variables, or a
    /// hidden prompt when standard input is a terminal (new PINs asked twice).
    #[command(
        subcommand,
        after_help = "Examples:\n  printf '%s\\n' \"$NEW_PIN\" | fidoctl -d virtual:key.json pin set --pin-stdin\n  FIDOCTL_PIN=... fidoctl -d virtual:key.json pin verify"
    )]
    Pin(PinCommand),
    /// List, delete and update the discoverable credentials on a key (needs the PIN).
    #[command(
        subcommand,
        after_help = "Examples:\n  fidoctl -d virtual:key.json creds list\n  fidoctl -d virtual:key.json creds delete b64:AAECAwQ --yes"
    )]
    Creds(CredsCommand),
    /// SSH keys on the key (OpenSSH's resident `ssh:` credentials): list them, export their files.
    #[command(subcommand, after_help = "Examples:\n  fidoctl ssh list\n  fidoctl ssh export -o ~/.ssh")]
    Ssh(SshCommand),
    /// Change the key's settings: always-UV (on or off again) and enterprise attestation (only a factory reset turns it off).
    #[command(
        subcommand,
        after_help = "Examples:\n  fidoctl -d virtual:key.json config always-uv on --yes\n  fidoctl -d virtual:key.json config enterprise-attestation enable --yes"
    )]
    Config(ConfigCommand),
    /// Factory-reset a key: erases every credential, the PIN and all settings (guided).
    #[command(after_help = "Example:\n  fidoctl -d /dev/hidraw3 reset")]
    Reset {
        /// Do not ask for (or do) the unplug/re-plug first: for a key that was plugged in seconds ago.
        #[arg(long)]
        skip_replug: bool,
    },
    /// Health check: register a throwaway credential, sign in, verify attestation and signature, clean up.
    #[command(after_help = "Example:\n  fidoctl -d virtual:key.json test --resident")]
    Test {
        /// Make a discoverable credential (deleted again afterwards; needs credential management).
        #[arg(long)]
        resident: bool,
        /// Verify the user (PIN) too.
        #[arg(long)]
        uv: bool,
        /// The test credential's algorithm (default: ES256, or EdDSA on a key without ES256).
        #[arg(long, value_enum)]
        alg: Option<AlgArg>,
    },
    /// Expert: register a credential and print everything about it (JSON with --json).
    #[command(
        after_help = "Example:\n  fidoctl -d virtual:key.json make-credential --rp example.com --resident --json"
    )]
    MakeCredential(MakeCredentialArgs),
    /// Expert: sign in and print the assertion(s) (JSON with --json).
    #[command(after_help = "Example:\n  fidoctl -d virtual:key.json get-assertion --rp example.com --json")]
    GetAssertion(GetAssertionArgs),
    /// Audit every selected key against a policy (no PIN needed): inventory, verdicts, exit codes for scripts.
    #[command(
        long_about = audit_long_about(),
        after_help = "Examples:\n  fidoctl audit --policy policy.toml --json | jq '.keys[] | select(.result != \"pass\") | .device'\n  fidoctl audit --format csv > keys.csv"
    )]
    Audit(AuditArgs),
    /// What fidoctl changed on keys, and when (the journal); `journal verify` checks its hash chain.
    #[command(
        after_help = "Examples:\n  fidoctl journal --since 2026-12-01 --key cb69481e-8ff7-4039-93ec-0a2729a154a8\n  fidoctl journal verify"
    )]
    Journal(JournalArgs),
    /// Manage the fingerprints on a key with a sensor.
    #[command(subcommand, after_help = "Examples:\n  fidoctl bio list\n  fidoctl bio enroll --name \"Right thumb\"")]
    Bio(BioCommand),
    /// Create, serve and re-plug virtual keys (software authenticators for tests and training).
    #[command(
        subcommand,
        after_help = "Examples:\n  fidoctl virtual create key.json && fidoctl -d virtual:key.json info\n  fidoctl virtual replug key.json"
    )]
    Virtual(VirtualCommand),
    /// Print a shell completion script.
    #[command(after_help = "Example:\n  fidoctl completions bash > /etc/bash_completion.d/fidoctl")]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write the man pages into a folder.
    #[command(after_help = "Example:\n  fidoctl man ./man")]
    Man {
        /// Where to write fidoctl.1 and one page per subcommand.
        dir: PathBuf,
    },
    /// Large blobs: per-credential data stored on the key (for example SSH certificates).
    #[command(
        subcommand,
        after_help = "Examples:\n  fidoctl blobs list\n  fidoctl blobs set --cred hex:0a1b2c id_ecdsa_sk-cert.pub"
    )]
    Blobs(BlobsCommand),
    /// CTAP 2.2 persistent read-only tokens: `creds list` and `audit` without a PIN.
    ///
    /// `token create --read-only` asks for the PIN once and stores a token that lists a key's
    /// credentials but can change nothing. It is a secret: anyone holding it can read the key's
    /// credential list. A PIN change or a reset of the key ends it.
    #[command(
        subcommand,
        after_help = "Examples:\n  fidoctl -d virtual:key.json token create --read-only\n  fidoctl token list"
    )]
    Token(TokenCommand),
    /// Enrol one key to a policy: audit it, apply the policy's [enroll] settings, re-audit, record.
    ///
    /// Stops before writing anything when the key fails a rule enrolment cannot fix (AAGUID,
    /// firmware, genuineness, a used key under require_fresh_key) or lacks a setting the policy
    /// requires. The steps, in order: set the PIN (or ask for the existing one), raise the
    /// minimum PIN length, always-UV on, enterprise attestation, forced PIN change last. Each
    /// step is skipped when already done, so an interrupted enrolment is finished by running
    /// the same command again. Exit 0: enrolled and compliant; 6: refused by the policy, or
    /// still not compliant; 4: PIN; 1: a step failed.
    #[command(
        after_help = "Examples:\n  fidoctl enroll --policy admins.toml --for alice --dry-run\n  FIDOCTL_NEW_PIN=... fidoctl -d virtual:key.json enroll --policy admins.toml --for alice --yes"
    )]
    Enroll(EnrollArgs),
    /// `fidoctl __complete-devices`, for the shell completions: the paths of the HID security
    /// keys present, one per line. Not a clap subcommand, so no help, man page or completion
    /// shows it.
    #[command(skip)]
    CompleteDevices,
}

/// `enroll`.
#[derive(Debug, Clone, Args)]
pub struct EnrollArgs {
    /// The policy (TOML): the audit rules and the [enroll] table.
    #[arg(long, value_name = "FILE")]
    pub policy: PathBuf,
    /// Whom the key is for (kept in the enrolment record and the journal).
    #[arg(long = "for", value_name = "NAME")]
    pub enrolled_for: Option<String>,
    /// Check the key is genuine first: one throwaway registration (one touch).
    #[arg(long)]
    pub attest: bool,
    /// The FIDO Metadata Service BLOB (a JWT), verified before use.
    #[arg(long, value_name = "FILE")]
    pub mds: Option<PathBuf>,
    /// Trust this root (PEM or DER) for --mds instead of the pinned GlobalSign roots.
    #[arg(long, value_name = "CERT")]
    pub mds_root: Option<PathBuf>,
    /// Show the plan (each step: will do, already so, not supported) and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// `make-credential`.
#[derive(Debug, Clone, Args)]
pub struct MakeCredentialArgs {
    /// The relying party id (a domain).
    #[arg(long, value_name = "ID")]
    pub rp: String,
    /// The user name stored with the credential (default: fidoctl).
    #[arg(long, value_name = "NAME")]
    pub user_name: Option<String>,
    /// The user's display name stored with the credential (default: none).
    #[arg(long, value_name = "NAME")]
    pub display_name: Option<String>,
    /// A discoverable (resident) credential.
    #[arg(long)]
    pub resident: bool,
    /// Verify the user (PIN).
    #[arg(long)]
    pub uv: bool,
    /// The signature algorithm to ask the key for.
    #[arg(long, value_enum, default_value_t = AlgArg::Es256)]
    pub alg: AlgArg,
    /// The client data hash to sign (64 hex digits); random if left out.
    #[arg(long, value_name = "HEX")]
    pub client_data_hash: Option<ClientDataHash>,
    /// Store these bytes (hex) with the credential (credBlob extension; at most the key's maxCredBlobLength).
    #[arg(long, value_name = "HEX", value_parser = parse_cred_blob)]
    pub cred_blob: Option<CredBlobArg>,
    /// Ask for a largeBlobKey, so the credential can own a large blob (`fidoctl blobs set`; needs --resident).
    #[arg(long, requires = "resident")]
    pub large_blob_key: bool,
}

/// `--cred-blob`: the bytes, from hex (empty allowed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredBlobArg(pub Vec<u8>);

fn parse_cred_blob(s: &str) -> Result<CredBlobArg, String> {
    hex::decode(s.trim()).map(CredBlobArg).map_err(|_| format!("{s:?} is not hex (two digits per byte)"))
}

/// `get-assertion`.
#[derive(Debug, Clone, Args)]
pub struct GetAssertionArgs {
    /// The relying party id (a domain).
    #[arg(long, value_name = "ID")]
    pub rp: String,
    /// Allowed credential id (base64url, hex:… or b64:…). Repeatable; none = discoverable credentials.
    #[arg(long = "cred", value_name = "ID", allow_hyphen_values = true)]
    pub creds: Vec<CredentialId>,
    /// Verify the user (PIN).
    #[arg(long)]
    pub uv: bool,
    /// The client data hash to sign (64 hex digits); random if left out.
    #[arg(long, value_name = "HEX")]
    pub client_data_hash: Option<ClientDataHash>,
    /// Ask for each credential's credBlob (the extension) and show it.
    #[arg(long)]
    pub cred_blob: bool,
}

/// `audit`.
#[derive(Debug, Clone, Args)]
pub struct AuditArgs {
    /// The policy (TOML); without it: require_pin and forbid_known_vulnerable.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// The FIDO Metadata Service BLOB (a JWT), verified before use.
    #[arg(long, value_name = "FILE")]
    pub mds: Option<PathBuf>,
    /// Trust this root (PEM or DER) for --mds instead of the pinned GlobalSign roots.
    #[arg(long, value_name = "CERT")]
    pub mds_root: Option<PathBuf>,
    /// Check each key is genuine: one throwaway registration (one touch) per key.
    #[arg(long)]
    pub attest: bool,
    /// Treat unknown verdicts as failures.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Subcommand)]
pub enum PinCommand {
    /// Set the PIN of a key that has none.
    #[command(
        after_help = "Example:\n  printf '%s\\n' \"$NEW_PIN\" | fidoctl -d virtual:key.json pin set --pin-stdin"
    )]
    Set,
    /// Change the PIN (the current PIN is needed).
    #[command(after_help = "Example:\n  FIDOCTL_PIN=... FIDOCTL_NEW_PIN=... fidoctl -d virtual:key.json pin change")]
    Change,
    /// Check a PIN without changing anything (a wrong PIN uses up an attempt).
    #[command(after_help = "Example:\n  fidoctl -d virtual:key.json pin verify")]
    Verify,
    /// Raise the minimum PIN length (only a reset lowers it again).
    #[command(after_help = "Example:\n  fidoctl -d virtual:key.json pin min-length 8 --force-change --yes")]
    MinLength {
        /// The new minimum, in characters.
        length: u64,
        /// A site allowed to read the minimum (minPinLength extension). Repeatable.
        #[arg(long = "rp-id", value_name = "ID")]
        rp_ids: Vec<String>,
        /// Also require the PIN to be changed before its next use.
        #[arg(long)]
        force_change: bool,
    },
    /// Require the PIN to be changed before its next use.
    #[command(after_help = "Example:\n  fidoctl -d virtual:key.json pin force-change --yes")]
    ForceChange,
}

/// A credential id as the user wrote it (`hex:…`, `b64:…`, or bare as `creds list` prints it)
/// and every byte string it can stand for: a bare id that is valid hex and valid base64url has
/// two readings, and the command refuses when both name a credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialId {
    pub written: String,
    pub readings: Vec<Vec<u8>>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a credential id: write it as hex:…, b64:… (base64url) or as `fidoctl creds list` prints it")]
pub struct BadCredentialId(pub String);

impl std::str::FromStr for CredentialId {
    type Err = BadCredentialId;
    fn from_str(written: &str) -> Result<Self, Self::Err> {
        use base64::Engine as _;
        // Lenient about the last character's unused bits, so a cut-off id reads as bytes too.
        let engine = base64::engine::GeneralPurpose::new(
            &base64::alphabet::URL_SAFE,
            base64::engine::GeneralPurposeConfig::new()
                .with_decode_allow_trailing_bits(true)
                .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
        );
        let b64 = |s: &str| engine.decode(s.trim_end_matches('=')).ok().filter(|b| !b.is_empty());
        let hexed = |s: &str| hex::decode(s).ok().filter(|b| !b.is_empty());
        let readings: Vec<Vec<u8>> = if let Some(h) = written.strip_prefix("hex:") {
            hexed(h).into_iter().collect()
        } else if let Some(b) = written.strip_prefix("b64:") {
            b64(b).into_iter().collect()
        } else {
            let mut r: Vec<Vec<u8>> = [hexed(written), b64(written)].into_iter().flatten().collect();
            r.dedup();
            r
        };
        // Text that only looks like part of an id (base64url characters whose length no id can
        // have) names no credential: `creds` answers "no credential has this id", as for any
        // other prefix; get-assertion refuses it.
        let id_like = !written.is_empty() && written.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if readings.is_empty() && !id_like {
            return Err(BadCredentialId(written.to_string()));
        }
        Ok(CredentialId { written: written.to_string(), readings })
    }
}

impl std::fmt::Display for CredentialId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.written)
    }
}

/// `--aaguid`: a UUID in canonical form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AaguidArg(pub [u8; 16]);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--aaguid {0:?} is not a UUID such as 2fc0579f-8113-47ea-b116-bb5a8db9202a")]
pub struct BadAaguid(pub String);

impl std::str::FromStr for AaguidArg {
    type Err = BadAaguid;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        crate::transport::virtual_admin::parse_aaguid(s).map(AaguidArg).ok_or_else(|| BadAaguid(s.to_string()))
    }
}

/// `--firmware`: MAJOR.MINOR[.PATCH] (each below 256) or one integer, as getInfo 0x0E carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FirmwareArg(pub u64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--firmware {0:?} is not a version such as 5.7.1 or an integer")]
pub struct BadFirmware(pub String);

impl std::str::FromStr for FirmwareArg {
    type Err = BadFirmware;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadFirmware(s.to_string());
        if let Ok(n) = s.parse::<u64>() {
            return Ok(FirmwareArg(n));
        }
        let parts: Vec<u64> =
            s.split('.').map(|p| p.parse::<u64>().ok().filter(|n| *n < 256)).collect::<Option<_>>().ok_or_else(bad)?;
        match parts.as_slice() {
            [a, b, c] => Ok(FirmwareArg(a << 16 | b << 8 | c)),
            [a, b] => Ok(FirmwareArg(a << 16 | b << 8)),
            _ => Err(bad()),
        }
    }
}

/// `--client-data-hash`: a SHA-256 hash written as 64 hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientDataHash(pub [u8; 32]);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--client-data-hash must be 64 hex digits (a SHA-256 hash)")]
pub struct BadClientDataHash;

impl std::str::FromStr for ClientDataHash {
    type Err = BadClientDataHash;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        hex::decode(s).ok().and_then(|b| <[u8; 32]>::try_from(b).ok()).map(ClientDataHash).ok_or(BadClientDataHash)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlgArg {
    Es256,
    Eddsa,
    Es384,
    Rs256,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnOff {
    On,
    Off,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Enable {
    Enable,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Require user verification (PIN) for every use of the key (on), or no longer (off).
    #[command(after_help = "Example:\n  fidoctl -d virtual:key.json config always-uv on --yes")]
    AlwaysUv {
        /// on: the PIN for every use; off: as the site asks.
        #[arg(value_enum)]
        state: OnOff,
    },
    /// Allow enterprise attestation (identifies the individual key to sites your organisation lists).
    #[command(after_help = "Example:\n  fidoctl -d virtual:key.json config enterprise-attestation enable --yes")]
    EnterpriseAttestation {
        /// enable (only a factory reset turns it off again).
        #[arg(value_enum)]
        action: Enable,
    },
}

#[derive(Debug, Subcommand)]
pub enum CredsCommand {
    /// Every discoverable credential, grouped by relying party, with slots used and left.
    #[command(after_help = "Example:\n  fidoctl -d virtual:key.json creds list --format csv")]
    List {
        /// Only this relying party (e.g. github.com).
        #[arg(long, value_name = "RPID")]
        rp: Option<String>,
    },
    /// Delete exactly one credential; shows its RP and user and asks first.
    #[command(after_help = "Example:\n  fidoctl -d virtual:key.json creds delete b64:AAECAwQ --yes")]
    Delete {
        /// The credential id as `creds list` prints it, or hex:… / b64:…
        #[arg(allow_hyphen_values = true)]
        credential_id: CredentialId,
    },
    /// Change the user name and/or display name stored with a credential.
    #[command(
        after_help = "Example:\n  fidoctl -d virtual:key.json creds update b64:AAECAwQ --display-name \"Alice Smith\""
    )]
    Update {
        /// The credential id as `creds list` prints it, or hex:… / b64:…
        #[arg(allow_hyphen_values = true)]
        credential_id: CredentialId,
        /// The new user name.
        #[arg(long)]
        name: Option<String>,
        /// The new display name.
        #[arg(long)]
        display_name: Option<String>,
    },
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct JournalArgs {
    #[command(subcommand)]
    pub command: Option<JournalCommand>,
    /// Only records from this day (YYYY-MM-DD, UTC) or moment (RFC 3339) on.
    #[arg(long, value_name = "DATE", value_parser = journal_date)]
    pub since: Option<i64>,
    /// Only records of this key: its AAGUID, its path or its identifier.
    #[arg(long, value_name = "AAGUID|PATH|ID")]
    pub key: Option<String>,
}

fn journal_date(s: &str) -> Result<i64, String> {
    crate::journal::time::parse(s).ok_or_else(|| "write the date as YYYY-MM-DD or 2026-12-03T08:00:00Z".to_string())
}

#[derive(Debug, Subcommand)]
pub enum JournalCommand {
    /// Check the journal's hash chain: exit 1 and the first record edited, removed or reordered.
    #[command(after_help = "Example:\n  fidoctl journal verify --json")]
    Verify,
}

#[derive(Debug, Subcommand)]
pub enum SshCommand {
    /// The resident SSH keys: application, user, fingerprint and public key line (needs the PIN).
    #[command(after_help = "Example:\n  fidoctl -d virtual:key.json ssh list")]
    List {
        /// Only this application (ssh: or ssh:NAME).
        #[arg(long, value_name = "APPLICATION")]
        rp: Option<String>,
    },
    /// Write the key-handle file and .pub that `ssh-keygen -K` writes, for each resident SSH key.
    ///
    /// The private key file holds no secret, only the credential id: signing still needs the
    /// security key. Existing files are never overwritten without --force.
    #[command(after_help = "Example:\n  fidoctl ssh export -o ~/.ssh")]
    Export {
        /// Only this application (ssh: or ssh:NAME).
        #[arg(long, value_name = "APPLICATION")]
        rp: Option<String>,
        /// The folder to write into (it must exist).
        #[arg(short = 'o', long = "output", value_name = "DIR", default_value = ".")]
        output: PathBuf,
        /// Replace files that already exist.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileArg {
    /// CTAP 2.2: also the persistent read-only token, encIdentifier and encCredStoreState.
    #[value(name = "ctap2.2")]
    Ctap22,
    /// CTAP 2.1 (also answers the 2.1 preview commands, as real 2.1 keys do).
    #[value(name = "ctap2.1")]
    Ctap21,
    /// The 2.1 preview of 2019-2021 keys: PIN protocol 1, credential management preview.
    #[value(name = "ctap2.1-pre")]
    Ctap21Pre,
    /// CTAP 2.0 only: PIN protocol 1, no credential management.
    #[value(name = "ctap2.0")]
    Ctap20,
}

#[derive(Debug, Subcommand)]
pub enum VirtualCommand {
    /// Create a virtual key whose state lives in FILE (private keys in the clear: tests only).
    #[command(
        after_help = "Example:\n  fidoctl virtual create key.json --profile ctap2.1 && fidoctl -d virtual:key.json info"
    )]
    Create {
        /// The state file to create.
        file: PathBuf,
        /// Which kind of key to behave like.
        #[arg(long, value_enum, default_value_t = ProfileArg::Ctap21)]
        profile: ProfileArg,
        /// The AAGUID to report (canonical UUID form).
        #[arg(long, value_name = "UUID")]
        aaguid: Option<AaguidArg>,
        /// The firmware version to report, as MAJOR.MINOR.PATCH or an integer.
        #[arg(long, value_name = "VERSION")]
        firmware: Option<FirmwareArg>,
        /// How many discoverable credentials fit on the key.
        #[arg(long, value_name = "N")]
        max_resident: Option<u32>,
        /// Give the key a simulated fingerprint sensor (bio enrollment, built-in UV).
        #[arg(long)]
        bio: bool,
    },
    /// Expose a virtual key on a UNIX socket (raw 64-byte CTAPHID reports) until stopped.
    #[command(
        after_help = "Example:\n  fidoctl virtual serve key.json --socket /tmp/key.sock &\n  fidoctl -d unix:/tmp/key.sock info"
    )]
    Serve {
        /// The key's state file.
        file: PathBuf,
        /// Where to listen.
        #[arg(long, value_name = "PATH")]
        socket: PathBuf,
    },
    /// Unplug and re-plug a virtual key (power cycle).
    #[command(after_help = "Example:\n  fidoctl virtual replug key.json")]
    Replug {
        /// The key's state file.
        file: PathBuf,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn devices_repeat_and_split_on_commas() {
        let cli = Cli::parse_args(["fidoctl", "-d", "virtual:a", "list", "--device", "unix:/b,hid"]).unwrap();
        let sel = |s: &str| s.parse::<Selector>().unwrap();
        assert_eq!(cli.global.devices, vec![sel("virtual:a"), sel("unix:/b"), sel("hid")]);
        let cli = Cli::parse_args(["fidoctl", "pin", "set", "-yd", "virtual:a", "--device=unix:/c"]).unwrap();
        assert_eq!(cli.global.devices, vec![sel("virtual:a"), sel("unix:/c")]);
        // A device that is not one is refused by the parser, before any command runs.
        assert!(Cli::parse_args(["fidoctl", "-d", "key.json", "list"]).is_err());
        let cli = Cli::parse_args(["fidoctl", "-vyd", "virtual:a", "list"]).unwrap();
        assert_eq!((cli.global.devices, cli.global.verbose, cli.global.yes), (vec![sel("virtual:a")], 1, true));
    }

    #[test]
    fn firmware_forms() {
        let parse_firmware = |s: &str| s.parse::<FirmwareArg>().ok().map(|f| f.0);
        assert_eq!(parse_firmware("5.7.0"), Some(329472));
        assert_eq!(parse_firmware("329472"), Some(329472));
        assert_eq!(parse_firmware("5.4"), Some(0x050400));
        assert_eq!(parse_firmware("5.256.0"), None);
        assert_eq!(parse_firmware("five"), None);
        assert!("not-a-uuid".parse::<AaguidArg>().is_err());
        assert!("2fc0579f-8113-47ea-b116-bb5a8db9202a".parse::<AaguidArg>().is_ok());
    }

    #[test]
    fn id_forms() {
        let id_readings = |s: &str| s.parse::<CredentialId>().map(|c| c.readings);
        assert_eq!(id_readings("hex:0a0b").unwrap(), vec![vec![0x0a, 0x0b]]);
        assert_eq!(id_readings("b64:AQID").unwrap(), vec![vec![1, 2, 3]]);
        // "abcd" is valid hex and valid base64url: two readings.
        assert_eq!(id_readings("abcd").unwrap(), vec![vec![0xab, 0xcd], vec![0x69, 0xb7, 0x1d]]);
        // Not hex: only the base64url reading.
        assert_eq!(id_readings("AQID").unwrap(), vec![vec![1, 2, 3]]);
        assert!(id_readings("hex:xyz").is_err());
        assert!(id_readings("!!").is_err());
        assert!(id_readings("").is_err());
    }

    #[test]
    fn client_data_hashes_are_parsed_by_the_parser() {
        let hash = "ab".repeat(32);
        let cli = Cli::parse_args(["fidoctl", "make-credential", "--rp", "x", "--client-data-hash", &hash]).unwrap();
        let Command::MakeCredential(args) = cli.command else { panic!("make-credential") };
        assert_eq!(args.client_data_hash, Some(ClientDataHash([0xab; 32])));
        for bad in ["zz".repeat(32), "abcd".into(), "ab".repeat(33)] {
            assert!(Cli::parse_args(["fidoctl", "make-credential", "--rp", "x", "--client-data-hash", &bad]).is_err());
        }
    }

    #[test]
    fn the_flags_that_bundle_with_d_come_from_the_definitions() {
        let mut flags = bundling_flags();
        flags.sort_unstable();
        assert_eq!(flags, vec!['v', 'y']);
        let cli = Cli::parse_args(["fidoctl", "creds", "update", "x", "--name", "-d"]);
        assert!(cli.is_err() || cli.unwrap().global.devices.is_empty());
    }
}

#[derive(Debug, Clone, Subcommand)]
pub enum BioCommand {
    /// Show the fingerprint sensor's details.
    #[command(after_help = "Example:\n  fidoctl bio info")]
    Info,
    /// List the enrolled fingerprints (id and name).
    #[command(after_help = "Example:\n  fidoctl bio list")]
    List,
    /// Enroll a new fingerprint: place the finger on the sensor as asked.
    #[command(after_help = "Example:\n  fidoctl bio enroll --name \"Right thumb\"")]
    Enroll {
        /// A name for the fingerprint.
        #[arg(long, value_name = "N")]
        name: Option<String>,
    },
    /// Rename an enrolled fingerprint.
    #[command(after_help = "Example:\n  fidoctl bio rename 3f2a \"Left index\"")]
    Rename {
        /// The fingerprint id (hex, from `fidoctl bio list`).
        id: String,
        /// The new name.
        name: String,
    },
    /// Delete an enrolled fingerprint.
    #[command(after_help = "Example:\n  fidoctl bio delete 3f2a")]
    Delete {
        /// The fingerprint id (hex, from `fidoctl bio list`).
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Get a persistent read-only token with the PIN and store it (mode 0600) for this key.
    ///
    /// Without -o the file goes into the token folder (--token-dir, FIDOCTL_TOKEN_DIR, else
    /// $XDG_STATE_HOME/fidoctl/tokens), named by the key's identifier, where `creds list` and
    /// `audit` find it. With -o it goes exactly there (e.g. to copy to another host); only files
    /// in the token folder are used automatically.
    #[command(after_help = "Example:\n  fidoctl -d virtual:key.json token create --read-only")]
    Create {
        /// A read-only token (the only kind: CTAP 2.2 permission pcmr).
        #[arg(long, required = true)]
        read_only: bool,
        /// Write the token to this file instead of the token folder.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// The tokens in the token folder: which key each is for, and when it was made.
    #[command(after_help = "Example:\n  fidoctl token list --json")]
    List,
    /// Delete stored tokens: the selected key's, or those of the identifier given.
    ///
    /// This deletes the file only; the token stays valid on the key until its PIN is changed or
    /// it is reset.
    #[command(after_help = "Example:\n  fidoctl -d virtual:key.json token forget")]
    Forget {
        /// The key identifier (hex, as `token list` shows it).
        identifier: Option<String>,
    },
}

#[derive(Debug, Clone, Subcommand)]
pub enum BlobsCommand {
    /// List the large blobs: which credential each belongs to, and orphans (needs the PIN).
    #[command(after_help = "Example:\n  fidoctl blobs list")]
    List,
    /// Write a credential's large blob to a file (or to standard output when it is not a terminal).
    #[command(
        after_help = "Examples:\n  fidoctl blobs get --cred hex:0a1b2c -o cert.pub\n  fidoctl blobs get --cred hex:0a1b2c | ssh-keygen -L -f -"
    )]
    Get {
        /// The credential id (base64url as `fidoctl creds list` prints it, hex:… or b64:…).
        #[arg(long = "cred", value_name = "ID", allow_hyphen_values = true)]
        cred: CredentialId,
        /// Where to write the bytes; `-` is standard output (never a terminal).
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Store a file as a credential's large blob, replacing what it had.
    #[command(after_help = "Example:\n  fidoctl blobs set --cred hex:0a1b2c id_ecdsa_sk-cert.pub")]
    Set {
        /// The credential id (base64url as `fidoctl creds list` prints it, hex:… or b64:…).
        #[arg(long = "cred", value_name = "ID", allow_hyphen_values = true)]
        cred: CredentialId,
        /// The file to store.
        file: PathBuf,
    },
    /// Delete a credential's large blob (the others stay).
    #[command(after_help = "Example:\n  fidoctl blobs delete --cred hex:0a1b2c")]
    Delete {
        /// The credential id (base64url as `fidoctl creds list` prints it, hex:… or b64:…).
        #[arg(long = "cred", value_name = "ID", allow_hyphen_values = true)]
        cred: CredentialId,
    },
    /// Remove the orphaned blobs (no credential on the key owns them), or everything.
    #[command(after_help = "Examples:\n  fidoctl blobs clear --orphans\n  fidoctl blobs clear --all")]
    Clear {
        /// Remove only the blobs no credential on the key owns.
        #[arg(long, conflicts_with = "all", required_unless_present = "all")]
        orphans: bool,
        /// Remove every blob; also the only way to replace damaged large-blob storage.
        #[arg(long)]
        all: bool,
    },
}
