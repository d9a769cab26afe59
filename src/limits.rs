//! Limits on what fidoctl reads and waits for, in one place, so the README's "Limits" list and
//! the code cannot drift apart: every file and stream is read through [`read_bounded`] or
//! [`read_input_file`], and every deadline is computed with [`deadline_after`].

use std::fmt;
use std::io::{BufRead, Read};
use std::path::Path;
use std::time::{Duration, Instant};

/// Longest `--timeout` in seconds (one day). Far longer than anyone waits for a touch, and far
/// from the point where a deadline would overflow the clock.
pub const MAX_TIMEOUT_SECS: u64 = 86_400;

/// `audit --policy FILE`: a policy is a few dozen lines of TOML.
pub const POLICY_FILE_MAX: u64 = 1024 * 1024;
/// `audit --mds FILE`: the FIDO Metadata Service BLOB is a few megabytes and grows slowly.
pub const MDS_BLOB_MAX: u64 = 64 * 1024 * 1024;
/// `audit --mds-root CERT`: one certificate, PEM or DER.
pub const TRUST_ROOT_MAX: u64 = 1024 * 1024;
/// One line of `--pin-stdin`. A PIN is at most 63 bytes; the rest is room for stray spaces.
pub const PIN_LINE_MAX: usize = 1024;

/// `now + wait`, or the farthest deadline the clock can hold: a huge wait means "wait very
/// long", never a crash.
pub fn deadline_after(wait: Duration) -> Instant {
    let now = Instant::now();
    now.checked_add(wait).or_else(|| now.checked_add(Duration::from_secs(MAX_TIMEOUT_SECS))).unwrap_or(now)
}

/// clap value parser for `--timeout`: whole seconds, 0 to [`MAX_TIMEOUT_SECS`].
pub fn parse_timeout(text: &str) -> Result<u64, String> {
    let too_long = || format!("the longest wait is {MAX_TIMEOUT_SECS} seconds (one day); give a smaller number");
    match text.trim().parse::<u64>() {
        Ok(secs) if secs <= MAX_TIMEOUT_SECS => Ok(secs),
        Ok(_) => Err(too_long()),
        // All digits but too big for u64 is the same mistake as the case above.
        Err(_) if !text.trim().is_empty() && text.trim().bytes().all(|b| b.is_ascii_digit()) => Err(too_long()),
        Err(_) => Err(format!("'{text}' is not a number of seconds (use a whole number from 0 to {MAX_TIMEOUT_SECS})")),
    }
}

/// Why an input could not be read within its limit.
#[derive(Debug, PartialEq, Eq)]
pub enum InputError {
    /// More than `limit` bytes.
    TooLarge { limit: u64 },
    /// A named pipe nothing writes to (reading it would wait forever, or get nothing).
    PipeWithoutWriter,
    /// A directory, socket or other thing that is not a file.
    NotAFile(&'static str),
    /// The operating system's reason.
    Io(String),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::TooLarge { limit } => write!(f, "it is larger than fidoctl's limit of {}", size_words(*limit)),
            InputError::PipeWithoutWriter => {
                write!(f, "it is a named pipe (FIFO) and nothing wrote to it, so there is nothing to read")
            }
            InputError::NotAFile(kind) => write!(f, "it is {kind}, not a file"),
            InputError::Io(reason) => write!(f, "{reason}"),
        }
    }
}

impl InputError {
    /// What to do next, for the help desk.
    pub fn hint(&self) -> &'static str {
        match self {
            InputError::TooLarge { .. } => {
                "Check that the path names the right file; fidoctl's size limits are listed under Limits in the README."
            }
            InputError::PipeWithoutWriter => {
                "Give a regular file, or start the program that writes into the pipe before running fidoctl."
            }
            InputError::NotAFile(_) => "Give the path of a file.",
            InputError::Io(_) => "Check the path and its permissions.",
        }
    }
}

impl std::error::Error for InputError {}

/// Read one line (without its `\n` or `\r\n`) of at most `max` bytes into a buffer that never
/// reallocates, so a secret leaves no copies behind. `Ok(None)` at the end of input;
/// `Err(TooLarge)` as soon as the line passes `max`, without reading the rest.
pub fn read_line_bounded(
    reader: &mut impl BufRead,
    max: usize,
) -> Result<Option<zeroize::Zeroizing<Vec<u8>>>, InputError> {
    let mut line = zeroize::Zeroizing::new(Vec::with_capacity(max + 2));
    let mut limited = reader.take(max as u64 + 2);
    let n = limited.read_until(b'\n', &mut line).map_err(|e| InputError::Io(e.to_string()))?;
    if n == 0 {
        return Ok(None);
    }
    if line.last() == Some(&b'\n') {
        line.pop();
        if line.last() == Some(&b'\r') {
            line.pop();
        }
    }
    if line.len() > max {
        return Err(InputError::TooLarge { limit: max as u64 });
    }
    Ok(Some(line))
}

/// "1 MiB", "64 MiB", "1024 bytes": limits as the README writes them.
pub fn size_words(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{bytes} bytes")
    }
}

/// Read all of `reader`, refusing more than `limit` bytes (never allocating beyond it).
pub fn read_bounded(reader: impl Read, limit: u64) -> Result<Vec<u8>, InputError> {
    let mut out = Vec::new();
    reader.take(limit.saturating_add(1)).read_to_end(&mut out).map_err(|e| InputError::Io(e.to_string()))?;
    if out.len() as u64 > limit {
        return Err(InputError::TooLarge { limit });
    }
    Ok(out)
}

/// Read a file named on the command line, at most `limit` bytes. Opening never waits: a named
/// pipe without a writer is refused rather than waited on. Regular files, pipes (`<(command)`)
/// and character devices are read; directories and sockets are refused.
pub fn read_input_file(path: &Path, limit: u64) -> Result<Vec<u8>, InputError> {
    let file = open_without_waiting(path)?;
    let kind = file.metadata().map_err(|e| InputError::Io(e.to_string()))?.file_type();
    if kind.is_dir() {
        return Err(InputError::NotAFile("a directory"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_socket() {
            return Err(InputError::NotAFile("a socket"));
        }
        if kind.is_fifo() {
            let bytes = read_bounded(&file, limit)?;
            if bytes.is_empty() {
                return Err(InputError::PipeWithoutWriter);
            }
            return Ok(bytes);
        }
    }
    // A regular file's size is known: refuse a big one before reading any of it.
    if kind.is_file() && file.metadata().map(|m| m.len() > limit).unwrap_or(false) {
        return Err(InputError::TooLarge { limit });
    }
    read_bounded(&file, limit)
}

/// Open for reading with O_NONBLOCK (a FIFO without a writer would otherwise block in open),
/// then switch back to blocking reads so a slow writer (`<(curl ...)`) is still waited for.
#[cfg(unix)]
fn open_without_waiting(path: &Path) -> Result<std::fs::File, InputError> {
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| InputError::Io(e.to_string()))?;
    let fd = file.as_raw_fd();
    // SAFETY: fcntl on a descriptor this function owns; no memory is passed.
    let cleared = unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        flags >= 0 && libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) >= 0
    };
    if !cleared {
        return Err(InputError::Io(std::io::Error::last_os_error().to_string()));
    }
    Ok(file)
}

#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> Result<std::fs::File, InputError> {
    std::fs::File::open(path).map_err(|e| InputError::Io(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_up_to_one_day_pass_and_longer_ones_are_refused_in_words() {
        assert_eq!(parse_timeout("0"), Ok(0));
        assert_eq!(parse_timeout("86400"), Ok(86_400));
        let expected = "the longest wait is 86400 seconds (one day); give a smaller number";
        assert_eq!(parse_timeout("86401").unwrap_err(), expected);
        assert_eq!(parse_timeout("9223372036854775000").unwrap_err(), expected);
        assert_eq!(parse_timeout("18446744073709551616").unwrap_err(), expected);
        assert!(parse_timeout("soon").unwrap_err().contains("not a number of seconds"));
    }

    #[test]
    fn a_deadline_past_the_end_of_the_clock_does_not_panic() {
        assert!(deadline_after(Duration::MAX) > Instant::now());
    }

    #[test]
    fn bounded_reads_stop_one_byte_past_the_limit() {
        assert_eq!(read_bounded(&[1u8, 2, 3][..], 3), Ok(vec![1, 2, 3]));
        assert_eq!(read_bounded(&[1u8, 2, 3, 4][..], 3), Err(InputError::TooLarge { limit: 3 }));
        assert_eq!(read_bounded(std::io::repeat(0), 1000), Err(InputError::TooLarge { limit: 1000 }));
    }

    #[test]
    fn lines_are_cut_at_their_limit_without_reading_on() {
        let mut input = &b"1234\r\nabcd\n\nxyz"[..];
        let mut lines = Vec::new();
        while let Some(line) = read_line_bounded(&mut input, 4).unwrap() {
            lines.push(line.to_vec());
        }
        assert_eq!(lines, [b"1234".to_vec(), b"abcd".to_vec(), vec![], b"xyz".to_vec()]);
        let mut long = &b"12345\n"[..];
        assert_eq!(read_line_bounded(&mut long, 4).unwrap_err(), InputError::TooLarge { limit: 4 });
        let mut endless = std::io::BufReader::new(std::io::repeat(b'1'));
        assert_eq!(read_line_bounded(&mut endless, 1024).unwrap_err(), InputError::TooLarge { limit: 1024 });
    }

    #[test]
    fn limits_are_written_in_mib_when_whole() {
        assert_eq!(size_words(POLICY_FILE_MAX), "1 MiB");
        assert_eq!(size_words(MDS_BLOB_MAX), "64 MiB");
        assert_eq!(size_words(1000), "1000 bytes");
    }
}
