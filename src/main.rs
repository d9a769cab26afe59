//! argv → cli::parse → commands::run → print → exit code. Nothing else.

use fidoctl::cli::{Cli, Format};
use fidoctl::commands::{self, failure, Context};
use fidoctl::output;
use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::Ordering;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let json = fidoctl::cli::wants_json(&args);
    let error_format = if json { Format::Json } else { Format::Text };
    if fidoctl::cli::pin_on_command_line(&args) {
        return report(&commands::pin_on_command_line(), error_format);
    }
    let parsed = Cli::parse_args(&args);
    // `reset --force`: point to --yes (exit 2, as every usage error).
    if let Some(f) = parsed.as_ref().err().and_then(commands::reset::force_instead_of_yes) {
        return report(&f, error_format);
    }
    let cli = match parsed {
        Ok(cli) => cli,
        // A value the parser refused (e.g. a --device that is not one): one sentence, like
        // every other usage error.
        Err(e) if json && e.kind() == clap::error::ErrorKind::ValueValidation => {
            // The value parser's own sentence, as when a command refuses a value.
            let message = std::error::Error::source(&e).map(ToString::to_string).unwrap_or_else(|| e.to_string());
            return report(&failure::Failure::usage(message).hint("See `fidoctl --help`."), error_format);
        }
        Err(e) if json && e.use_stderr() => {
            // Scripts asked for JSON: give them the error document too (clap's text on stderr).
            let _ = e.print();
            // A missing subcommand prints the command's help, whose first line is no error.
            let first = if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                "A subcommand is missing; the help above lists them".to_string()
            } else {
                e.to_string().lines().next().unwrap_or("invalid arguments").trim_start_matches("error: ").to_string()
            };
            print_stdout(&output::error_document(
                "usage",
                &failure::sentence(&first),
                Some("See `fidoctl --help`."),
                2,
            ));
            return ExitCode::from(2);
        }
        Err(e) => e.exit(),
    };
    let format = cli.global.format();
    // Refuse an impossible format before anything touches a key.
    if format == Format::Csv && !cli.command.has_table() {
        return report(
            &failure::Failure::usage("This command has no table to write as CSV; use --format text or json."),
            Format::Text,
        );
    }
    let ctx = Context::new(cli.global.clone());
    let cancel = ctx.cancel.clone();
    // Ctrl-C: the waiting request sends CTAPHID_CANCEL and the command ends with exit 5; a
    // PIN prompt gives up at once (exit 130). A second Ctrl-C leaves at once.
    let _ = ctrlc::set_handler(move || {
        if cancel.swap(true, Ordering::SeqCst) {
            end_by_interrupt();
        }
    });
    let code = match commands::run(cli, &ctx) {
        Ok(outcome) => {
            if let Some(out) = outcome.output {
                match output::render(out.as_ref(), format) {
                    Ok(text) => print_stdout(&text),
                    Err(msg) => return report(&failure::Failure::usage(msg), format),
                }
            }
            outcome.exit_code
        }
        Err(failure) => return report(&failure, format),
    };
    ExitCode::from(code)
}

fn print_stdout(text: &str) {
    let mut out = std::io::stdout().lock();
    // A closed pipe (e.g. `| head`) is not an error worth a panic.
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

fn report(f: &failure::Failure, format: Format) -> ExitCode {
    eprintln!("fidoctl: {}", f.message);
    if let Some(h) = &f.hint {
        eprintln!("{h}");
    }
    if format == Format::Json {
        print_stdout(&output::error_document(&f.code, &f.message, f.hint.as_deref(), f.exit_code));
    }
    if f.exit_code == failure::exit::INTERRUPTED {
        end_by_interrupt();
    }
    ExitCode::from(f.exit_code)
}

/// End as a program stopped by Ctrl-C does: terminal restored, then killed by SIGINT, so the
/// shell reports 130 and a script's loop stops too (a plain exit(130) would let it go on).
fn end_by_interrupt() -> ! {
    fidoctl::secrets::restore_terminal();
    // SAFETY: resetting SIGINT to its default action and raising it ends the process.
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_DFL);
        libc::raise(libc::SIGINT);
    }
    std::process::exit(i32::from(failure::exit::INTERRUPTED))
}
