//! Runs the examples of a Markdown document (README.md, docs/*.md) against virtual keys, so
//! the documentation fails a test the day it stops matching the tool.
//!
//! # Conventions (README.md, "About the examples", says the same for readers)
//!
//! - ` ```sh ` — a shell example: it is run.
//! - ` ```sh no-run ` — shown, never run: real HID keys, interactive prompts, commands that
//!   change the machine, `cargo run` and `bash .ci/run` themselves. GitHub highlights it as
//!   `sh` (it reads only the first word of the info string).
//! - ` ```LANG file=NAME ` (e.g. ` ```toml file=policy.toml `) — written to NAME in the
//!   session's directory, in document order, so the examples after it can use it.
//! - ` ```json output ` — the JSON document printed (stdout) by the ` ```sh ` block right
//!   before it. The documented and the printed document must have the same fields (no more,
//!   no fewer, at every level), the same JSON types, arrays of the same length and the same
//!   booleans; strings and numbers are compared by type only (ids, times and counters vary).
//! - Any other block (` ```text `, ` ```json `, ` ```toml `) is prose. A block tagged
//!   `bash`, `shell`, `console`, `zsh` or `shell-session` is refused: say `sh` or `sh no-run`,
//!   so that nothing escapes the test by accident.
//!
//! # Sessions
//!
//! Every `## ` heading starts a session: a fresh temp dir holding three fresh virtual keys
//! (`key.json`, `a.json`, `b.json`, the names the reference sections use), an environment
//! without any `FIDOCTL_*` variable, standard input that is not a terminal (as in CI), and
//! `fidoctl` on the PATH (the binary under test). The session's ` ```sh ` blocks then run in
//! order in ONE `bash` (`set -euo pipefail`), as if typed one after another into one terminal:
//! variables, `export`s and `cd` carry over from block to block. Any failing command fails the
//! test, naming the block's line and showing its output. Processes a block leaves running
//! (a forgotten `virtual serve &`) are killed when the session ends.
//!
//! # Links
//!
//! [`broken_links`] finds relative links (`[text](path#heading)`) whose file or heading does
//! not exist, with GitHub's heading anchors ([`heading_anchor`]).

use super::cli::{clean_command, wait_bounded, FIDOCTL};
use serde_json::Value;
use std::fmt::Write as _;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// The virtual keys every session starts with.
pub const PRELUDE_KEYS: &[&str] = &["key.json", "a.json", "b.json"];

/// A bound on one session, so a hanging example fails the test instead of wedging CI.
pub const SESSION_TIMEOUT: Duration = Duration::from_secs(180);

/// Languages that look like shell but are neither `sh` nor `sh no-run`.
const AMBIGUOUS_SHELL: &[&str] = &["bash", "shell", "console", "zsh", "shell-session", "shellsession"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A ` ```sh ` block.
    Run,
    /// A ` ```sh no-run ` block.
    NoRun,
    /// A ` ```LANG file=NAME ` block.
    File(String),
    /// A ` ```json output ` block.
    Output,
    /// Any other block.
    Prose,
}

/// One fenced code block.
#[derive(Debug, Clone)]
pub struct Block {
    /// 1-based line of the opening fence.
    pub line: usize,
    /// The whole info string (` ```sh no-run ` → `"sh no-run"`).
    pub info: String,
    pub kind: Kind,
    pub body: String,
}

/// A `## ` section and its blocks.
#[derive(Debug, Clone)]
pub struct Section {
    pub heading: String,
    pub line: usize,
    pub blocks: Vec<Block>,
}

/// A parsed document.
#[derive(Debug)]
pub struct Document {
    pub path: PathBuf,
    /// The text before the first `## ` heading is section 0 (heading "").
    pub sections: Vec<Section>,
}

fn classify(info: &str, line: usize, path: &Path) -> Result<Kind, String> {
    let mut words = info.split_whitespace();
    let lang = words.next().unwrap_or("");
    let attrs: Vec<&str> = words.collect();
    let at = format!("{}:{line}", path.display());
    if AMBIGUOUS_SHELL.contains(&lang) {
        return Err(format!(
            "{at}: a ```{info} block is neither run nor marked as not run: write ```sh (run by \
             tests/readme_examples.rs) or ```sh no-run (shown only)"
        ));
    }
    if let Some(name) = attrs.iter().find_map(|a| a.strip_prefix("file=")) {
        if name.is_empty() || name.contains("..") || name.starts_with('/') {
            return Err(format!("{at}: file= needs a plain relative name, not {name:?}"));
        }
        return Ok(Kind::File(name.to_string()));
    }
    match (lang, attrs.as_slice()) {
        ("sh", []) => Ok(Kind::Run),
        ("sh", ["no-run"]) => Ok(Kind::NoRun),
        ("sh", other) => Err(format!("{at}: unknown ```sh attributes {other:?} (only no-run)")),
        ("json", ["output"]) => Ok(Kind::Output),
        _ => Ok(Kind::Prose),
    }
}

impl Document {
    pub fn load(path: &Path) -> Document {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        Document::parse(path, &text)
    }

    /// Parse, panicking with the reason when the document breaks the conventions.
    pub fn parse(path: &Path, text: &str) -> Document {
        Document::try_parse(path, text).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Parse; `Err` names the line that breaks the conventions.
    pub fn try_parse(path: &Path, text: &str) -> Result<Document, String> {
        let mut sections = vec![Section { heading: String::new(), line: 1, blocks: Vec::new() }];
        let mut lines = text.lines().enumerate();
        while let Some((i, raw)) = lines.next() {
            let trimmed = raw.trim_start();
            let indent = raw.len() - trimmed.len();
            if indent == 0 {
                if let Some(h) = trimmed.strip_prefix("## ") {
                    sections.push(Section { heading: h.trim().to_string(), line: i + 1, blocks: Vec::new() });
                    continue;
                }
            }
            let ticks = trimmed.chars().take_while(|c| *c == '`').count();
            if ticks < 3 {
                continue;
            }
            let fence = &trimmed[..ticks];
            let info = trimmed[ticks..].trim().to_string();
            let mut body = String::new();
            let mut closed = false;
            for (_, inner) in lines.by_ref() {
                if inner.trim() == fence {
                    closed = true;
                    break;
                }
                // Blocks inside list items are indented; take the indentation off.
                let content = if inner.len() >= indent && inner[..indent].trim().is_empty() {
                    &inner[indent..]
                } else {
                    inner.trim_start()
                };
                body.push_str(content);
                body.push('\n');
            }
            if !closed {
                return Err(format!("{}:{}: code block never closed", path.display(), i + 1));
            }
            let kind = classify(&info, i + 1, path)?;
            sections.last_mut().expect("section").blocks.push(Block { line: i + 1, info, kind, body });
        }
        Ok(Document { path: path.to_path_buf(), sections })
    }

    /// Every block of a kind, in order.
    pub fn blocks<'a>(&'a self, kind: &'a Kind) -> impl Iterator<Item = (&'a Section, &'a Block)> + 'a {
        self.sections.iter().flat_map(move |s| s.blocks.iter().filter(move |b| &b.kind == kind).map(move |b| (s, b)))
    }
}

/// What running a document did.
#[derive(Debug, Default)]
pub struct Report {
    /// ` ```sh ` blocks that ran (and succeeded).
    pub ran: usize,
    /// ` ```json output ` blocks checked against the real output.
    pub outputs_checked: usize,
    /// ` ```sh no-run ` blocks skipped.
    pub skipped: usize,
    /// Sessions with at least one ` ```sh ` block.
    pub sessions: usize,
}

/// Run every session of a document; panic with a full account at the first failure.
pub fn run_document(doc: &Document) -> Report {
    let mut report = Report::default();
    for section in &doc.sections {
        report.skipped += section.blocks.iter().filter(|b| b.kind == Kind::NoRun).count();
        if !section.blocks.iter().any(|b| b.kind == Kind::Run) {
            assert!(
                !section.blocks.iter().any(|b| b.kind == Kind::Output),
                "{}:{}: a ```json output block in a section with no ```sh block to compare with",
                doc.path.display(),
                section.line
            );
            continue;
        }
        let session = Session::run(doc, section);
        report.sessions += 1;
        report.ran += session.ran;
        report.outputs_checked += session.check_outputs();
    }
    report
}

/// One `## ` section run in its own temp dir.
pub struct Session<'a> {
    doc: &'a Document,
    section: &'a Section,
    dir: tempfile::TempDir,
    pub ran: usize,
}

fn fidoctl_bin() -> PathBuf {
    PathBuf::from(FIDOCTL)
}

fn work_dir(dir: &Path) -> PathBuf {
    dir.join("work")
}

fn out_path(dir: &Path, index: usize, stream: &str) -> PathBuf {
    dir.join(format!("block-{index}.{stream}"))
}

fn read_lossy(path: &Path) -> String {
    std::fs::read(path).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
}

fn shell_quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

/// `bash -euo pipefail SCRIPT` with a clean fidoctl environment, `fidoctl` first on the PATH,
/// standard input /dev/null, in its own process group (so leftovers can be killed), bounded by
/// `timeout`. Returns the exit code (`None` when killed).
pub fn run_bash(script: &Path, cwd: &Path, log: &Path, extra_env: &[(&str, &Path)], timeout: Duration) -> Option<i32> {
    use std::os::unix::process::CommandExt;
    let bin_dir = fidoctl_bin().parent().expect("binary dir").to_path_buf();
    let path = match std::env::var_os("PATH") {
        Some(p) => {
            let mut dirs = vec![bin_dir];
            dirs.extend(std::env::split_paths(&p));
            std::env::join_paths(dirs).expect("PATH")
        }
        None => bin_dir.into_os_string(),
    };
    let mut cmd = clean_command("bash");
    cmd.arg("-euo").arg("pipefail").arg(script).current_dir(cwd).env("PATH", path);
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    let log_file = File::create(log).expect("session log");
    cmd.stdin(Stdio::null())
        .stdout(Stdio::from(log_file.try_clone().expect("log")))
        .stderr(Stdio::from(log_file))
        .process_group(0);
    let mut child = cmd.spawn().expect("run bash");
    let pgid = child.id();
    let finished = wait_bounded(&mut child, timeout);
    // Whatever the examples left running (a server started with &) goes with the session,
    // and bash itself if it ran out of time.
    kill_group(pgid);
    match finished {
        Some(status) => status.code(),
        None => {
            let _ = child.wait();
            None
        }
    }
}

/// SIGKILL to a process group, with bash's builtin `kill` (a minimal system may lack /bin/kill).
fn kill_group(pgid: u32) {
    let _ = Command::new("bash")
        .args(["-c", &format!("kill -KILL -- -{pgid}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

impl<'a> Session<'a> {
    fn run(doc: &'a Document, section: &'a Section) -> Session<'a> {
        let dir = tempfile::tempdir().expect("temp dir");
        let work = work_dir(dir.path());
        std::fs::create_dir(&work).expect("work dir");
        let marker = dir.path().join("current-block");
        let mut script = String::new();
        // The prelude: the virtual keys the reference sections use.
        for key in PRELUDE_KEYS {
            writeln!(script, "fidoctl virtual create {key} >/dev/null").unwrap();
        }
        let mut ran = 0;
        for (index, block) in section.blocks.iter().enumerate() {
            match &block.kind {
                Kind::Run => {
                    ran += 1;
                    writeln!(script, "printf '%s\\n' {index} > {}", shell_quote(&marker)).unwrap();
                    // A group, not a subshell: variables, exports and cd carry over.
                    writeln!(script, "{{").unwrap();
                    script.push_str(&block.body);
                    writeln!(
                        script,
                        "}} > {} 2> {}",
                        shell_quote(&out_path(dir.path(), index, "out")),
                        shell_quote(&out_path(dir.path(), index, "err"))
                    )
                    .unwrap();
                }
                Kind::File(name) => {
                    let target = work.join(name);
                    writeln!(script, "mkdir -p {}", shell_quote(target.parent().expect("parent"))).unwrap();
                    let source = dir.path().join(format!("block-{index}.file"));
                    std::fs::write(&source, &block.body).expect("write file block");
                    writeln!(script, "cp {} {}", shell_quote(&source), shell_quote(&target)).unwrap();
                }
                Kind::NoRun | Kind::Output | Kind::Prose => {}
            }
        }
        writeln!(script, "printf 'done\\n' > {}", shell_quote(&marker)).unwrap();
        let script_path = dir.path().join("session.sh");
        std::fs::write(&script_path, &script).expect("write session script");
        let log = dir.path().join("session.log");
        // mktemp in an example stays inside the session's directory, and so does the journal
        // of the examples that change a key.
        let state = dir.path().join("state");
        let code =
            run_bash(&script_path, &work, &log, &[("TMPDIR", dir.path()), ("XDG_STATE_HOME", &state)], SESSION_TIMEOUT);
        let session = Session { doc, section, dir, ran };
        let reached = read_lossy(&marker).trim().to_string();
        if code != Some(0) || reached != "done" {
            session.fail(code, &reached, &read_lossy(&log));
        }
        session
    }

    fn fail(&self, code: Option<i32>, reached: &str, log: &str) -> ! {
        let mut msg = format!(
            "{}: an example in section \"{}\" (line {}) failed: bash exited with {}\n",
            self.doc.path.display(),
            self.section.heading,
            self.section.line,
            match code {
                Some(c) => c.to_string(),
                None => format!("no status (killed after {} s or by a signal)", SESSION_TIMEOUT.as_secs()),
            }
        );
        match reached.parse::<usize>().ok().and_then(|i| self.section.blocks.get(i).map(|b| (i, b))) {
            Some((index, block)) => {
                let _ = write!(
                    msg,
                    "--- the ```{} block at line {} ---\n{}--- its stdout ---\n{}--- its stderr ---\n{}",
                    block.info,
                    block.line,
                    block.body,
                    read_lossy(&out_path(self.dir.path(), index, "out")),
                    read_lossy(&out_path(self.dir.path(), index, "err"))
                );
                if code == Some(0) {
                    msg.push_str("(the session ended early: does the block call `exit`?)\n");
                }
            }
            None => {
                msg.push_str("(before the first block: the prelude failed)\n");
            }
        }
        let _ = write!(msg, "--- session log ---\n{log}");
        panic!("{msg}");
    }

    /// Compare every ` ```json output ` block with what the block before it printed.
    fn check_outputs(&self) -> usize {
        let mut checked = 0;
        for (index, block) in self.section.blocks.iter().enumerate() {
            if block.kind != Kind::Output {
                continue;
            }
            let at = format!("{}:{}", self.doc.path.display(), block.line);
            let previous = index.checked_sub(1).map(|i| (i, &self.section.blocks[i]));
            let Some((source_index, source)) = previous.filter(|(_, b)| b.kind == Kind::Run) else {
                panic!("{at}: a ```json output block must come right after the ```sh block that prints it");
            };
            let documented: Value = serde_json::from_str(&block.body)
                .unwrap_or_else(|e| panic!("{at}: the documented output is not JSON: {e}"));
            let printed_text = read_lossy(&out_path(self.dir.path(), source_index, "out"));
            let printed: Value = serde_json::from_str(&printed_text).unwrap_or_else(|e| {
                panic!(
                    "{at}: the ```sh block at line {} did not print one JSON document ({e}):\n{printed_text}",
                    source.line
                )
            });
            let mut differences = Vec::new();
            compare_shape("$", &documented, &printed, &mut differences);
            assert!(
                differences.is_empty(),
                "{at}: the documented output no longer matches what `{}` prints:\n  {}\n--- printed ---\n{}",
                source.body.trim(),
                differences.join("\n  "),
                printed_text
            );
            checked += 1;
        }
        checked
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Same fields at every level, same types, same array lengths, same booleans.
pub fn compare_shape(at: &str, documented: &Value, printed: &Value, out: &mut Vec<String>) {
    match (documented, printed) {
        (Value::Object(d), Value::Object(p)) => {
            for k in d.keys().filter(|k| !p.contains_key(*k)) {
                out.push(format!("{at}.{k}: documented, but not printed"));
            }
            for k in p.keys().filter(|k| !d.contains_key(*k)) {
                out.push(format!("{at}.{k}: printed, but not documented"));
            }
            for (k, dv) in d {
                if let Some(pv) = p.get(k) {
                    compare_shape(&format!("{at}.{k}"), dv, pv, out);
                }
            }
        }
        (Value::Array(d), Value::Array(p)) => {
            if d.len() != p.len() {
                out.push(format!("{at}: documented with {} element(s), printed with {}", d.len(), p.len()));
            }
            for (i, (dv, pv)) in d.iter().zip(p).enumerate() {
                compare_shape(&format!("{at}[{i}]"), dv, pv, out);
            }
        }
        (Value::Bool(d), Value::Bool(p)) if d != p => out.push(format!("{at}: documented {d}, printed {p}")),
        (d, p) if type_name(d) != type_name(p) => {
            out.push(format!("{at}: documented as {} ({d}), printed as {} ({p})", type_name(d), type_name(p)))
        }
        _ => {}
    }
}

/// GitHub's anchor for a heading: lowercase; letters, digits, `-` and `_` kept; spaces become
/// `-`; everything else (punctuation, backticks) dropped.
pub fn heading_anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The text outside fenced code blocks, line by line (1-based numbers).
fn prose_lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut fence: Option<String> = None;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let ticks = trimmed.chars().take_while(|c| *c == '`').count();
        match &fence {
            Some(f) if trimmed.trim_end() == f => fence = None,
            Some(_) => {}
            None if ticks >= 3 => fence = Some(trimmed[..ticks].to_string()),
            None => out.push((i + 1, line)),
        }
    }
    out
}

/// Every heading anchor of a Markdown file.
pub fn anchors(text: &str) -> Vec<String> {
    prose_lines(text)
        .into_iter()
        .filter_map(|(_, l)| {
            let hashes = l.chars().take_while(|c| *c == '#').count();
            (hashes > 0 && l[hashes..].starts_with(' ')).then(|| heading_anchor(&l[hashes..]))
        })
        .collect()
}

/// Relative links (`[text](path#anchor)`) whose file or heading does not exist.
pub fn broken_links(doc: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(doc).unwrap_or_else(|e| panic!("read {}: {e}", doc.display()));
    let dir = doc.parent().expect("doc dir");
    let mut broken = Vec::new();
    for (line_no, line) in prose_lines(&text) {
        // Inline code (`[a](b)` shown as an example) is not a link.
        let outside_code: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        let mut rest = outside_code.as_str();
        while let Some(start) = rest.find("](") {
            let after = &rest[start + 2..];
            let Some(end) = after.find(')') else { break };
            let target = &after[..end];
            rest = &after[end..];
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (file, anchor) = target.split_once('#').map_or((target, None), |(f, a)| (f, Some(a)));
            let file_path = if file.is_empty() { doc.to_path_buf() } else { dir.join(file) };
            if !file_path.exists() {
                broken.push(format!("{}:{line_no}: {target}: no such file", doc.display()));
                continue;
            }
            if let Some(anchor) = anchor {
                let target_text = std::fs::read_to_string(&file_path).unwrap_or_default();
                if !anchors(&target_text).iter().any(|a| a == anchor) {
                    broken.push(format!("{}:{line_no}: {target}: no such heading", doc.display()));
                }
            }
        }
    }
    broken
}
