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
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "fidoctl", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

pub fn completions(shell: clap_complete::Shell) -> Result<Outcome, Failure> {
    Ok(Outcome::ok(Raw(completion_script(shell))))
}

/// Every man page: fidoctl.1 and one per subcommand (fidoctl-pin-set.1, ...), name → text.
pub fn man_pages() -> Result<Vec<(String, Vec<u8>)>, std::io::Error> {
    let mut pages = Vec::new();
    fn walk(cmd: &clap::Command, prefix: &str, pages: &mut Vec<(String, Vec<u8>)>) -> Result<(), std::io::Error> {
        let name = if prefix.is_empty() { cmd.get_name().to_string() } else { format!("{prefix}-{}", cmd.get_name()) };
        let mut buf = Vec::new();
        clap_mangen::Man::new(cmd.clone().name(name.clone())).render(&mut buf)?;
        pages.push((format!("{name}.1"), buf));
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            walk(sub, &name, pages)?;
        }
        Ok(())
    }
    let mut root = Cli::command();
    root.build();
    walk(&root, "", &mut pages)?;
    Ok(pages)
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
