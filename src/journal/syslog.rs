//! Forwarding: each record as one RFC 5424 message (facility authpriv, severity notice) to a
//! local datagram socket, `/dev/log` by default, where rsyslog or journald pick it up and send
//! it on to the site's central log system. The message body is the record's JSON line, so the
//! far end can parse it and check it against the host's journal.

use std::os::unix::net::UnixDatagram;
use std::path::Path;

/// authpriv (10) × 8 + notice (5).
const PRIORITY: u8 = 10 * 8 + 5;
pub const APP_NAME: &str = "fidoctl";
pub const MSG_ID: &str = "journal";

/// RFC 5424 HOSTNAME: 1–255 printable US-ASCII characters, no space; "-" when there is none.
fn header_field(s: &str, max: usize) -> String {
    let f: String = s.chars().filter(|c| c.is_ascii_graphic()).take(max).collect();
    if f.is_empty() {
        "-".to_string()
    } else {
        f
    }
}

/// `<85>1 TIME HOST fidoctl PID journal - {record}`.
pub fn message(time: &str, host: &str, pid: u32, record_line: &str) -> String {
    format!(
        "<{PRIORITY}>1 {} {} {APP_NAME} {pid} {MSG_ID} - {record_line}",
        header_field(time, 48),
        header_field(host, 255)
    )
}

/// Send one message as one datagram.
pub fn send(socket: &Path, message: &str) -> std::io::Result<()> {
    let sock = UnixDatagram::unbound()?;
    let sent = sock.send_to(message.as_bytes(), socket)?;
    if sent != message.len() {
        return Err(std::io::Error::other("the syslog socket took only part of the message"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_is_rfc5424() {
        let m = message("2026-12-03T08:00:00Z", "desk one", 42, "{\"seq\":1}");
        assert_eq!(m, "<85>1 2026-12-03T08:00:00Z deskone fidoctl 42 journal - {\"seq\":1}");
        assert_eq!(message("t", "", 1, "{}"), "<85>1 t - fidoctl 1 journal - {}");
    }

    #[test]
    fn a_missing_socket_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(send(&dir.path().join("nothing"), "x").is_err());
    }
}
