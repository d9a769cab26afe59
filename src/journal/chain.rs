//! Checking the hash chain: every record's `prev` is the SHA-256 of the line before it and its
//! `seq` is one more. The first break is named: a record edited, removed or moved, or a line
//! that is no record at all. A file that starts mid-chain (its first record is not seq 1 on
//! the genesis value) is what log rotation leaves; it is reported, not failed.
//!
//! What a chain cannot show: records cut off the end, an edit of the very last record, or a
//! whole file rewritten with a fresh chain. Forwarding each record off the host (syslog) is
//! the answer to those.

use super::record::{line_hash, Link, GENESIS};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    /// Lines read (each should be one record).
    pub records: usize,
    pub first_seq: Option<u64>,
    pub last_seq: Option<u64>,
    /// The file's first record continues an earlier chain (rotation, or its head removed).
    pub starts_mid_chain: bool,
    /// The first break, if any.
    pub problem: Option<Problem>,
}

impl Verification {
    pub fn valid(&self) -> bool {
        self.problem.is_none()
    }
}

/// The first break in the chain. `line` counts from 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    /// The line is not a journal record (damaged, or edited into something unreadable).
    Malformed { line: usize },
    /// The record on this line was changed after it was written.
    Edited { line: usize, seq: u64 },
    /// Records `first..=last` are missing before this line.
    Removed { line: usize, first: u64, last: u64 },
    /// The record on this line is out of place: `expected` should come before it.
    Reordered { line: usize, seq: u64, expected: u64 },
}

impl Problem {
    pub fn line(&self) -> usize {
        match self {
            Problem::Malformed { line }
            | Problem::Edited { line, .. }
            | Problem::Removed { line, .. }
            | Problem::Reordered { line, .. } => *line,
        }
    }

    /// One sentence for people.
    pub fn describe(&self) -> String {
        match self {
            Problem::Malformed { line } => {
                format!("line {line} is not a journal record: it was damaged or edited")
            }
            Problem::Edited { line, seq } => format!("record {seq} (line {line}) was edited after it was written"),
            Problem::Removed { line, first, last } if first == last => {
                format!("record {first} was removed (it should be at line {line})")
            }
            Problem::Removed { line, first, last } => {
                format!("records {first} to {last} were removed (they should start at line {line})")
            }
            Problem::Reordered { line, seq, expected } => {
                format!("record {seq} (line {line}) is out of order: record {expected} should come before it")
            }
        }
    }
}

struct Line<'a> {
    bytes: &'a [u8],
    record: Option<Link>,
}

/// Check the whole journal text.
pub fn verify(journal: &[u8]) -> Verification {
    let body = journal.strip_suffix(b"\n").unwrap_or(journal);
    let lines: Vec<Line> = if body.is_empty() {
        Vec::new()
    } else {
        body.split(|b| *b == b'\n').map(|bytes| Line { bytes, record: Link::from_line(bytes) }).collect()
    };
    let seq_at = |i: usize| lines.get(i).and_then(|l| l.record.as_ref()).map(|r| r.seq);
    let mut v = Verification {
        records: lines.len(),
        first_seq: seq_at(0),
        last_seq: lines.len().checked_sub(1).and_then(seq_at),
        starts_mid_chain: false,
        problem: None,
    };
    v.problem = first_problem(&lines, &mut v.starts_mid_chain);
    v
}

fn first_problem(lines: &[Line], starts_mid_chain: &mut bool) -> Option<Problem> {
    for (i, line) in lines.iter().enumerate() {
        let n = i + 1;
        let Some(rec) = &line.record else { return Some(Problem::Malformed { line: n }) };
        if i == 0 {
            match (rec.seq == 1, rec.prev == GENESIS) {
                (true, true) => {}
                (false, false) => *starts_mid_chain = true,
                _ => return Some(Problem::Edited { line: n, seq: rec.seq }),
            }
            continue;
        }
        // Lines before this one all parsed (else we would have stopped there).
        let before = lines[i - 1].record.as_ref()?;
        let prev_ok = rec.prev == line_hash(lines[i - 1].bytes);
        let expected = before.seq + 1;
        if rec.seq == expected && prev_ok {
            continue;
        }
        if prev_ok {
            // The link to the line before holds, so this record's own seq was changed.
            return Some(Problem::Edited { line: n, seq: rec.seq });
        }
        if rec.seq == expected {
            // Either the line before was edited (this link breaks, the next holds) or this
            // record's `prev` was (this link breaks and, since its line changed, the next too).
            let next_holds = lines.get(i + 1).and_then(|l| l.record.as_ref()).map(|r| r.prev == line_hash(line.bytes));
            return Some(match next_holds {
                Some(false) => Problem::Edited { line: n, seq: rec.seq },
                _ => Problem::Edited { line: n - 1, seq: before.seq },
            });
        }
        let later = |s: u64| lines[i + 1..].iter().any(|l| l.record.as_ref().is_some_and(|r| r.seq == s));
        if rec.seq > expected && !(expected..rec.seq).any(later) {
            return Some(Problem::Removed { line: n, first: expected, last: rec.seq - 1 });
        }
        return Some(Problem::Reordered { line: n, seq: rec.seq, expected });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::record::tests::sample;

    /// A valid journal of `n` records, as lines.
    fn journal(n: u64, first_seq: u64, first_prev: &str) -> Vec<String> {
        let mut prev = first_prev.to_string();
        (0..n)
            .map(|i| {
                let mut r = sample();
                r.seq = first_seq + i;
                r.prev = prev.clone();
                r.command = format!("pin change {i}");
                let line = r.to_line();
                prev = line_hash(line.as_bytes());
                line
            })
            .collect()
    }

    fn check(lines: &[String]) -> Verification {
        verify((lines.join("\n") + "\n").as_bytes())
    }

    #[test]
    fn an_intact_chain_is_valid() {
        let v = check(&journal(5, 1, GENESIS));
        assert_eq!((v.records, v.first_seq, v.last_seq, v.starts_mid_chain), (5, Some(1), Some(5), false));
        assert!(v.valid(), "{v:?}");
        assert!(verify(b"").valid());
    }

    #[test]
    fn an_edit_anywhere_in_a_middle_record_names_it() {
        let lines = journal(6, 1, GENESIS);
        // One byte in the command, in the seq, in prev, in the host.
        for (from, to) in
            [("pin change 2", "pin chanGe 2"), ("\"seq\":3", "\"seq\":7"), ("\"prev\":\"", "\"prev\":\"f")]
        {
            let mut edited = lines.clone();
            edited[2] = edited[2].replacen(from, to, 1);
            assert_ne!(edited[2], lines[2]);
            let v = check(&edited);
            assert_eq!(
                v.problem,
                Some(Problem::Edited { line: 3, seq: if from.contains("seq") { 7 } else { 3 } }),
                "{from}"
            );
        }
        let mut broken = lines.clone();
        broken[3].pop();
        assert_eq!(check(&broken).problem, Some(Problem::Malformed { line: 4 }));
    }

    #[test]
    fn an_edited_first_record_is_named() {
        let mut lines = journal(3, 1, GENESIS);
        lines[0] = lines[0].replacen("\"seq\":1", "\"seq\":9", 1);
        assert_eq!(check(&lines).problem, Some(Problem::Edited { line: 1, seq: 9 }));
    }

    #[test]
    fn removed_records_are_named() {
        let mut lines = journal(6, 1, GENESIS);
        lines.remove(2);
        assert_eq!(check(&lines).problem, Some(Problem::Removed { line: 3, first: 3, last: 3 }));
        lines.remove(2);
        assert_eq!(check(&lines).problem, Some(Problem::Removed { line: 3, first: 3, last: 4 }));
    }

    #[test]
    fn reordered_records_are_named() {
        let mut lines = journal(6, 1, GENESIS);
        lines.swap(2, 3);
        let p = check(&lines).problem.unwrap();
        assert_eq!(p, Problem::Reordered { line: 3, seq: 4, expected: 3 });
        assert_eq!(p.describe(), "record 4 (line 3) is out of order: record 3 should come before it");
        let mut back = journal(4, 1, GENESIS);
        let first = back.remove(0);
        back.push(first);
        // The first record moved to the end: the file looks rotated until seq 1 turns up.
        let v = check(&back);
        assert!(v.starts_mid_chain);
        assert_eq!(v.problem, Some(Problem::Reordered { line: 4, seq: 1, expected: 5 }));
    }

    #[test]
    fn records_of_a_later_version_still_verify() {
        let mut r = sample();
        let first = r.to_line().replacen('{', "{\"added_later\":[1,2],", 1);
        r.seq = 2;
        r.prev = line_hash(first.as_bytes());
        let v = check(&[first, r.to_line()]);
        assert!(v.valid() && v.records == 2, "{v:?}");
    }

    #[test]
    fn a_rotated_journal_starts_mid_chain() {
        let full = journal(8, 1, GENESIS);
        let v = check(&full[5..]);
        assert!(v.valid(), "{v:?}");
        assert!(v.starts_mid_chain);
        assert_eq!(v.first_seq, Some(6));
    }
}
