//! argv → cli::parse → commands::run → print → exit code. Nothing else.

use fidoctl::cli::{Cli, Format};
use fidoctl::commands::{self, failure, Context};
use fidoctl::output;
use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::Ordering;

fn main() -> ExitCode {
    let cli = Cli::parse_args(std::env::args_os()).unwrap_or_else(|e| e.exit());
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
    // Ctrl-C: the waiting request sends CTAPHID_CANCEL and the command ends with exit 5.
    // A second Ctrl-C leaves at once.
    let _ = ctrlc::set_handler(move || {
        if cancel.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
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
        Err(err) => return report(&failure::describe(&err), format),
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
    ExitCode::from(f.exit_code)
}
