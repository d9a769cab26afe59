//! Text output that fits the terminal, and key-provided strings made safe to print.
//!
//! Width: `COLUMNS` when it holds a number, else the terminal's width when stdout is one, else
//! 80 columns (pipes, files and tests get the width of a classic terminal).

use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};

/// The narrowest layout we try to fit; below it tables wrap as best they can.
const MIN_WIDTH: usize = 40;
const DEFAULT_WIDTH: usize = 80;

/// Marks an empty value in text tables (ids may start with `-`, so `-` would be ambiguous).
pub const NONE: &str = "(none)";

/// The width text output must fit in.
pub fn width() -> usize {
    if let Some(n) = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok()) {
        if n > 0 {
            return n.clamp(MIN_WIDTH, u16::MAX as usize);
        }
    }
    // Table::new() knows the terminal's width only when stdout is a terminal.
    Table::new().width().map_or(DEFAULT_WIDTH, |w| (w as usize).max(MIN_WIDTH))
}

/// A table with our look that wraps its cells to fit `width()`.
pub fn table<const N: usize>(header: [&str; N]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    t.set_width(width().min(u16::MAX as usize) as u16);
    t.set_header(header);
    t
}

/// The widest line of a rendered text, in characters.
pub fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// A key-provided string with control characters (ESC, newlines, …) shown escaped, so what a
/// key sends can never move the cursor, recolour or clear the operator's terminal.
pub fn escape_control(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() }).collect()
}

/// An optional key-provided string for a text table: escaped, or the empty marker.
pub fn shown(s: Option<&str>) -> String {
    s.filter(|s| !s.is_empty()).map_or_else(|| NONE.to_string(), escape_control)
}

/// A user as sentences name them: `alice (Alice Liddell)`, `alice` when the display name is
/// empty, `(no user name)` when there is none; escaped.
pub fn user_words(name: Option<&str>, display: Option<&str>) -> String {
    let name = name.filter(|n| !n.is_empty()).map_or_else(|| "(no user name)".to_string(), escape_control);
    match display.filter(|d| !d.is_empty()) {
        Some(d) => format!("{name} ({})", escape_control(d)),
        None => name,
    }
}

/// A long id shortened to its first and last characters (text only; JSON/CSV keep it whole).
pub fn shorten(id: &str, keep: usize) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() <= 2 * keep + 1 {
        return id.to_string();
    }
    let head: String = chars[..keep].iter().collect();
    let tail: String = chars[chars.len() - keep..].iter().collect();
    format!("{head}…{tail}")
}

/// `label  value` lines with the values aligned and wrapped (on spaces) to fit `width()`.
pub fn key_values(lines: &[(String, String)]) -> String {
    let label = lines.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
    let room = width().saturating_sub(label + 2).max(20);
    let mut out = String::new();
    for (k, v) in lines {
        for (i, part) in wrap(v, room).iter().enumerate() {
            let k = if i == 0 { k.as_str() } else { "" };
            out.push_str(format!("{k:<label$}  {part}").trim_end());
            out.push('\n');
        }
    }
    out
}

/// Words of `text` in lines of at most `room` characters; a longer word is cut.
pub fn wrap(text: &str, room: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > room {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..room).collect());
        }
        let word: String = word.into_iter().collect();
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > room {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escape_control("a\u{1b}[2Jb\n"), "a\\u{1b}[2Jb\\n");
        assert_eq!(escape_control("Ünïcode ok"), "Ünïcode ok");
        assert_eq!(shown(Some("")), NONE);
        assert_eq!(shown(None), NONE);
        assert_eq!(user_words(Some("alice"), Some("")), "alice");
        assert_eq!(user_words(Some("alice"), None), "alice");
        assert_eq!(user_words(Some("a\u{1b}"), Some("A\n")), "a\\u{1b} (A\\n)");
        assert_eq!(user_words(None, None), "(no user name)");
    }

    #[test]
    fn shortening_keeps_both_ends() {
        assert_eq!(shorten("abcdefghijklmnop", 4), "abcd…mnop");
        assert_eq!(shorten("short", 4), "short");
    }

    #[test]
    fn wrapping_respects_the_room() {
        let lines = wrap("one two three four five six seven", 10);
        assert!(lines.iter().all(|l| l.chars().count() <= 10), "{lines:?}");
        assert_eq!(lines.join(" "), "one two three four five six seven");
        assert!(wrap(&"x".repeat(25), 10).iter().all(|l| l.chars().count() <= 10));
    }
}
