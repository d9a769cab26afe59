//! The journal file: created 0600 in a 0700 folder, appended to under an exclusive lock, one
//! `write` per record with O_APPEND, so concurrent fidoctl processes never interleave and each
//! record's `prev` is the hash of the line before it.
//!
//! Beside the journal, `JOURNAL.head` (0600) holds the last record's seq and hash. It is the
//! lock (flock), so the lock survives the journal being renamed by log rotation, and it is
//! where a fresh journal file continues the chain from: after rotation the new file starts
//! mid-chain (which `verify` reports) instead of at seq 1, and the rotated files concatenated
//! in order verify as one chain.

use super::record::{line_hash, Link, Record, GENESIS};
use std::fs::{DirBuilder, File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// A record longer than this is not one fidoctl wrote.
const MAX_LINE: u64 = 1 << 20;
const TAIL_CHUNK: u64 = 64 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the journal {path} cannot be opened for writing: {source}")]
    Open { path: PathBuf, source: std::io::Error },
    #[error("the journal {path} cannot be read: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("the journal {path} cannot be written: {source}")]
    Write { path: PathBuf, source: std::io::Error },
    #[error("the journal {path} ends in a line longer than {MAX_LINE} bytes, which fidoctl never writes")]
    Damaged { path: PathBuf },
}

pub struct Store {
    path: PathBuf,
}

/// The journal file and its head file, open; the head is exclusively locked until dropped.
struct Locked {
    file: File,
    head: File,
}

impl Store {
    pub fn new(path: impl Into<PathBuf>) -> Store {
        Store { path: path.into() }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `JOURNAL.head`: the lock, and the chain's last link.
    pub fn head_path(&self) -> PathBuf {
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(".head");
        self.path.with_file_name(name)
    }

    fn open_locked(&self) -> Result<Locked, StoreError> {
        let open_err = |source| StoreError::Open { path: self.path.clone(), source };
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.exists() {
                DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(open_err)?;
            }
        }
        let private = || {
            let mut o = OpenOptions::new();
            o.read(true).create(true).mode(0o600);
            o
        };
        let head = private().write(true).truncate(false).open(self.head_path()).map_err(open_err)?;
        head.lock().map_err(open_err)?;
        let file = private().append(true).open(&self.path).map_err(open_err)?;
        Ok(Locked { file, head })
    }

    /// Can a record be appended? Creates the folder and the files as an append would, takes
    /// and releases the lock, and reads the last record. Writes nothing.
    pub fn preflight(&self) -> Result<(), StoreError> {
        let mut locked = self.open_locked()?;
        self.tail(&mut locked).map(|_| ())
    }

    /// Append the record `build(seq, prev)` makes, under the lock, in one write.
    pub fn append(&self, build: impl FnOnce(u64, String) -> Record) -> Result<Record, StoreError> {
        let mut locked = self.open_locked()?;
        let tail = self.tail(&mut locked)?;
        let record = build(tail.next_seq, tail.prev);
        let line = record.to_line();
        let mut buf = Vec::with_capacity(line.len() + 2);
        if tail.unterminated {
            // A torn last line stays a line of its own (and `verify` names it).
            buf.push(b'\n');
        }
        buf.extend_from_slice(line.as_bytes());
        buf.push(b'\n');
        let write_err = |source| StoreError::Write { path: self.path.clone(), source };
        locked.file.write_all(&buf).map_err(write_err)?;
        locked.file.sync_data().map_err(write_err)?;
        let head = format!("{} {}\n", record.seq, line_hash(line.as_bytes()));
        let h = &mut locked.head;
        h.set_len(0)
            .and_then(|_| h.seek(SeekFrom::Start(0)))
            .and_then(|_| h.write_all(head.as_bytes()))
            .map_err(write_err)?;
        Ok(record)
    }

    /// The whole journal; `None` when there is no file.
    pub fn read_all(&self) -> Result<Option<Vec<u8>>, StoreError> {
        match std::fs::read(&self.path) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(StoreError::Read { path: self.path.clone(), source }),
        }
    }

    /// What the next record continues from: the last line's hash and the next seq.
    fn tail(&self, locked: &mut Locked) -> Result<Tail, StoreError> {
        let read_err = |source| StoreError::Read { path: self.path.clone(), source };
        let file = &mut locked.file;
        let len = file.metadata().map_err(read_err)?.len();
        if len == 0 {
            // A new file: continue the chain of the file rotated away, if there was one.
            let mut head = String::new();
            locked.head.read_to_string(&mut head).map_err(read_err)?;
            let link = head.trim().split_once(' ').and_then(|(seq, hash)| {
                let valid = hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit());
                Some((seq.parse::<u64>().ok()?, hash.to_string())).filter(|_| valid)
            });
            let (next_seq, prev) = link.map_or((1, GENESIS.to_string()), |(seq, hash)| (seq + 1, hash));
            return Ok(Tail { prev, next_seq, unterminated: false });
        }
        let mut window = TAIL_CHUNK.min(len);
        loop {
            file.seek(SeekFrom::Start(len - window)).map_err(read_err)?;
            let mut buf = Vec::with_capacity(window as usize);
            Read::by_ref(file).take(window).read_to_end(&mut buf).map_err(read_err)?;
            let unterminated = buf.last() != Some(&b'\n');
            let body = buf.strip_suffix(b"\n").unwrap_or(&buf);
            // The last line is complete when a newline precedes it or the window reaches the start.
            let start = body.iter().rposition(|b| *b == b'\n').map(|i| i + 1);
            if start.is_none() && window < len {
                if window >= MAX_LINE {
                    return Err(StoreError::Damaged { path: self.path.clone() });
                }
                window = (window * 4).min(len);
                continue;
            }
            let last = &body[start.unwrap_or(0)..];
            // The seq continues from the last record that reads as one, counting the lines
            // after it; a journal whose tail is garbage still gets increasing numbers.
            let lines: Vec<&[u8]> = body.split(|b| *b == b'\n').collect();
            let complete = if start.is_some() || window == len { &lines[..] } else { &lines[lines.len() - 1..] };
            let mut next_seq = 1;
            for (after, line) in complete.iter().rev().enumerate() {
                if let Some(r) = Link::from_line(line) {
                    next_seq = r.seq + after as u64 + 1;
                    break;
                }
            }
            return Ok(Tail { prev: line_hash(last), next_seq, unterminated });
        }
    }
}

struct Tail {
    prev: String,
    next_seq: u64,
    unterminated: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::record::tests::sample;
    use std::os::unix::fs::PermissionsExt;

    fn append_sample(store: &Store) -> Record {
        store
            .append(|seq, prev| {
                let mut r = sample();
                r.seq = seq;
                r.prev = prev;
                r
            })
            .unwrap()
    }

    #[test]
    fn appends_chain_and_create_private_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state/fidoctl/journal.jsonl");
        let store = Store::new(&path);
        store.preflight().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"", "preflight writes nothing");
        let first = append_sample(&store);
        let second = append_sample(&store);
        assert_eq!((first.seq, first.prev.as_str()), (1, GENESIS));
        let text = String::from_utf8(store.read_all().unwrap().unwrap()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(second.seq, 2);
        assert_eq!(second.prev, line_hash(lines[0].as_bytes()));
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&store.head_path()), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
        assert_eq!(mode(path.parent().unwrap().parent().unwrap()), 0o700);
    }

    #[test]
    fn a_rotated_journal_continues_the_chain_in_the_new_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let store = Store::new(&path);
        append_sample(&store);
        append_sample(&store);
        // logrotate's default: rename, and the next writer creates a new file.
        std::fs::rename(&path, dir.path().join("j.jsonl.1")).unwrap();
        let third = append_sample(&store);
        let old = std::fs::read_to_string(dir.path().join("j.jsonl.1")).unwrap();
        assert_eq!(third.seq, 3);
        assert_eq!(third.prev, line_hash(old.lines().last().unwrap().as_bytes()));
        let new = std::fs::read(&path).unwrap();
        let v = crate::journal::chain::verify(&new);
        assert!(v.valid() && v.starts_mid_chain, "{v:?}");
        let whole = [old.as_bytes(), &new].concat();
        let v = crate::journal::chain::verify(&whole);
        assert!(v.valid() && !v.starts_mid_chain && v.records == 3, "{v:?}");
    }

    #[test]
    fn a_torn_last_line_is_chained_over_not_glued_to() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let store = Store::new(&path);
        append_sample(&store);
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(b"{\"seq\":2,\"prev\":\"to").unwrap();
        let third = append_sample(&store);
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1], "{\"seq\":2,\"prev\":\"to");
        assert_eq!(third.prev, line_hash(lines[1].as_bytes()));
        assert_eq!(third.seq, 3);
    }

    #[test]
    fn a_long_journal_continues_from_its_last_line() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("j.jsonl"));
        // More than one tail window of records.
        let n = (TAIL_CHUNK as usize / sample().to_line().len()) + 5;
        for _ in 0..n {
            append_sample(&store);
        }
        let last = append_sample(&store);
        assert_eq!(last.seq, n as u64 + 1);
    }

    #[test]
    fn an_unwritable_place_is_an_open_error() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, b"").unwrap();
        let store = Store::new(blocker.join("journal.jsonl"));
        assert!(matches!(store.preflight(), Err(StoreError::Open { .. })));
    }
}
