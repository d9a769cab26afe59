//! Confirmation before anything irreversible (or that weakens a key): --yes for scripts; a question on a terminal;
//! no terminal and no --yes means refuse (never hang waiting for an answer).

use super::{exit, Context, Failure};
use crate::output::notice;
use std::io::IsTerminal;

/// Whether [`confirm`] can end in a yes: `--yes`, or a terminal to ask on. A command that
/// would talk to the key before asking (to say what it will destroy) checks this first, so
/// a run that can only be refused leaves the key untouched.
pub fn can_confirm(ctx: &Context) -> bool {
    ctx.global.yes || (std::io::stdin().is_terminal() && std::io::stderr().is_terminal())
}

/// Show `what` (what will be destroyed or changed) and ask. Refuses without a terminal.
pub fn confirm(ctx: &Context, what: &str, question: &str) -> Result<(), Failure> {
    ask(
        ctx,
        what,
        question,
        "This changes the key irreversibly and needs a confirmation, but there is no terminal to ask on.",
    )
}

/// [`confirm`] for a change that can be switched back (always-UV), which still weakens or
/// restricts the key enough to ask first; the refusal does not call it irreversible.
pub fn confirm_setting(ctx: &Context, what: &str, question: &str) -> Result<(), Failure> {
    ask(
        ctx,
        what,
        question,
        "This changes a setting of the key and needs a confirmation, but there is no terminal to ask on.",
    )
}

fn ask(ctx: &Context, what: &str, question: &str, no_terminal: &str) -> Result<(), Failure> {
    notice::instruct(what);
    if ctx.global.yes {
        return Ok(());
    }
    if !can_confirm(ctx) {
        return Err(Failure::new(exit::USAGE, "confirmation_required", no_terminal)
            .hint("Run it in a terminal to confirm, or add --yes if you are sure (for scripts)."));
    }
    let answer = dialoguer::Confirm::new().with_prompt(question).default(false).interact().map_err(|e| match e {
        // Ctrl-C at the question (read in raw mode, so it arrives as a key, not a signal).
        dialoguer::Error::IO(io) if io.kind() == std::io::ErrorKind::Interrupted => {
            Failure::new(exit::INTERRUPTED, "interrupted", "Stopped at the confirmation (Ctrl-C): nothing was changed.")
        }
        e => Failure::new(exit::FAILED, "confirmation_failed", format!("The confirmation could not be read: {e}.")),
    })?;
    if answer {
        Ok(())
    } else {
        Err(Failure::new(exit::FAILED, "declined", "Cancelled: nothing was changed."))
    }
}
