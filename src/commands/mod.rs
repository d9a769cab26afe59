//! One file per command group. A command opens devices, calls the client and builds an
//! output value; it does no CBOR, no framing and no printing details.

pub mod audit;
pub mod auth;
pub mod bio;
pub mod blobs;
pub mod config;
pub mod confirm;
pub mod creds;
pub mod enroll;
pub mod exchange;
pub mod failure;
pub mod generate;
pub mod info;
pub mod journal;
pub mod list;
pub mod pin;
pub mod replug;
pub mod reset;
pub mod select;
pub mod session;
pub mod ssh;
pub mod status_text;
pub mod token;
pub mod virtual_keys;
pub mod wink;

use crate::cli::{Cli, Command};
use crate::output::Render;
pub use failure::{exit, Cause, Failure};
pub use session::Context;

/// What a command produced: something to print, and the exit code to end with.
pub struct Outcome {
    pub output: Option<Box<dyn Render>>,
    pub exit_code: u8,
}

impl Outcome {
    pub fn ok(output: impl Render + 'static) -> Outcome {
        Outcome { output: Some(Box::new(output)), exit_code: exit::SUCCESS }
    }
    pub fn silent() -> Outcome {
        Outcome { output: None, exit_code: exit::SUCCESS }
    }
}

/// The refusal for a PIN given on the command line.
pub fn pin_on_command_line() -> Failure {
    Failure::usage(
        "fidoctl does not take a PIN on the command line: every user of this machine can read the command line (for example with `ps`).",
    )
    .hint("Give the PIN with --pin-stdin (one per line on standard input), in the FIDOCTL_PIN / FIDOCTL_NEW_PIN environment variables, or type it at the prompt.")
}

pub fn run(cli: Cli, ctx: &Context) -> Result<Outcome, Failure> {
    match cli.command {
        Command::List => list::run(ctx),
        Command::Info => info::run(ctx),
        Command::Wink => wink::run(ctx),
        Command::Select => select::run(ctx),
        Command::Pin(p) => pin::run(ctx, p),
        Command::Creds(c) => creds::run(ctx, c),
        Command::Ssh(c) => ssh::run(ctx, c),
        Command::Bio(c) => bio::run(ctx, c),
        Command::Config(c) => config::run(ctx, c),
        Command::Reset { skip_replug } => reset::run(ctx, skip_replug),
        Command::Test { resident, uv, alg } => exchange::health_check(ctx, resident, uv, alg),
        Command::MakeCredential(args) => exchange::make_credential_cmd(ctx, args),
        Command::GetAssertion(args) => exchange::get_assertion_cmd(ctx, args),
        Command::Audit(args) => audit::run(ctx, args),
        Command::Journal(j) => journal::run(ctx, j),
        Command::Virtual(v) => virtual_keys::run(ctx, v),
        Command::Completions { shell } => generate::completions(shell),
        Command::Man { dir } => generate::man(&dir),
        Command::Enroll(args) => enroll::run(ctx, args),
        Command::Token(c) => token::run(ctx, c),
        Command::Blobs(c) => blobs::run(ctx, c),
        Command::CompleteDevices => generate::complete_devices(),
    }
}

/// The shared `device` object of an open key: AAGUID and model when getInfo was already read.
pub fn device_object(auth: &crate::client::Authenticator) -> crate::output::vocabulary::Device {
    crate::output::vocabulary::Device::new(auth.device(), auth.cached_info())
}
