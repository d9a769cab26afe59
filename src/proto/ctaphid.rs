//! CTAPHID packet layout (USB HID, 64-byte reports), shared by the host and the virtual key.
//!
//! init packet:  CID(4, BE) | CMD(1, bit 7 set) | BCNTH | BCNTL | DATA(57)
//! cont packet:  CID(4)     | SEQ(1, 0x00..=0x7F)              | DATA(59)

pub const REPORT_LEN: usize = 64;
pub const INIT_DATA: usize = REPORT_LEN - 7;
pub const CONT_DATA: usize = REPORT_LEN - 5;
pub const MAX_SEQ: usize = 128;
/// 57 + 128 * 59: the largest message one CTAPHID transaction can carry.
pub const MAX_PAYLOAD: usize = INIT_DATA + MAX_SEQ * CONT_DATA;
pub const BROADCAST_CID: u32 = 0xFFFF_FFFF;
pub const INIT_NONCE_LEN: usize = 8;
pub const INIT_RESPONSE_LEN: usize = 17;
pub const CTAPHID_PROTOCOL_VERSION: u8 = 2;

pub type Report = [u8; REPORT_LEN];

/// CTAPHID command codes (without the init bit).
pub mod cmd {
    pub const PING: u8 = 0x01;
    pub const MSG: u8 = 0x03;
    pub const LOCK: u8 = 0x04;
    pub const INIT: u8 = 0x06;
    pub const WINK: u8 = 0x08;
    pub const CBOR: u8 = 0x10;
    pub const CANCEL: u8 = 0x11;
    pub const KEEPALIVE: u8 = 0x3B;
    pub const ERROR: u8 = 0x3F;
}

/// Capability flags in the INIT response.
pub mod capability {
    pub const WINK: u8 = 0x01;
    pub const CBOR: u8 = 0x04;
    pub const NMSG: u8 = 0x08;
}

/// KEEPALIVE status bytes.
pub mod keepalive {
    pub const PROCESSING: u8 = 1;
    pub const UPNEEDED: u8 = 2;
}

/// CTAPHID_ERROR codes.
pub mod error {
    pub const INVALID_CMD: u8 = 0x01;
    pub const INVALID_PAR: u8 = 0x02;
    pub const INVALID_LEN: u8 = 0x03;
    pub const INVALID_SEQ: u8 = 0x04;
    pub const MSG_TIMEOUT: u8 = 0x05;
    pub const CHANNEL_BUSY: u8 = 0x06;
    pub const LOCK_REQUIRED: u8 = 0x0A;
    pub const INVALID_CHANNEL: u8 = 0x0B;
    pub const OTHER: u8 = 0x7F;
}

/// One parsed report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Packet<'a> {
    Init { cid: u32, cmd: u8, total_len: usize, data: &'a [u8] },
    Cont { cid: u32, seq: u8, data: &'a [u8] },
}

impl<'a> Packet<'a> {
    pub fn parse(report: &'a Report) -> Packet<'a> {
        let cid = u32::from_be_bytes([report[0], report[1], report[2], report[3]]);
        if report[4] & 0x80 != 0 {
            let total_len = usize::from(u16::from_be_bytes([report[5], report[6]]));
            Packet::Init { cid, cmd: report[4] & 0x7F, total_len, data: &report[7..] }
        } else {
            Packet::Cont { cid, seq: report[4], data: &report[5..] }
        }
    }

    pub fn cid(&self) -> u32 {
        match self {
            Packet::Init { cid, .. } | Packet::Cont { cid, .. } => *cid,
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq, Clone)]
pub enum FramingError {
    #[error("the message is {0} bytes, more than the {MAX_PAYLOAD} bytes CTAPHID can carry")]
    TooLong(usize),
    #[error("a continuation packet arrived without a message being started")]
    UnexpectedContinuation,
    #[error("packet sequence {got} arrived where {expected} was expected")]
    WrongSequence { expected: u8, got: u8 },
    #[error("a packet for channel {got:08x} arrived in the middle of a message on channel {expected:08x}")]
    WrongChannel { expected: u32, got: u32 },
    #[error("a new message started before the previous one was complete")]
    Interrupted,
}

/// Split a message into the reports that carry it.
pub fn fragment(cid: u32, command: u8, payload: &[u8]) -> Result<Vec<Report>, FramingError> {
    if payload.len() > MAX_PAYLOAD {
        return Err(FramingError::TooLong(payload.len()));
    }
    let mut reports = Vec::with_capacity(1 + payload.len().saturating_sub(INIT_DATA).div_ceil(CONT_DATA));
    let mut first = [0u8; REPORT_LEN];
    first[..4].copy_from_slice(&cid.to_be_bytes());
    first[4] = command | 0x80;
    // MAX_PAYLOAD < 65536, so the length always fits in two bytes.
    first[5..7].copy_from_slice(&(payload.len() as u16).to_be_bytes());
    let head = payload.len().min(INIT_DATA);
    first[7..7 + head].copy_from_slice(&payload[..head]);
    reports.push(first);
    for (seq, chunk) in payload[head..].chunks(CONT_DATA).enumerate() {
        let mut cont = [0u8; REPORT_LEN];
        cont[..4].copy_from_slice(&cid.to_be_bytes());
        cont[4] = seq as u8; // at most 127 by the length check above
        cont[5..5 + chunk.len()].copy_from_slice(chunk);
        reports.push(cont);
    }
    Ok(reports)
}

/// A complete message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub cid: u32,
    pub cmd: u8,
    pub payload: Vec<u8>,
}

/// Reassembles one message on one channel from its reports.
#[derive(Debug)]
pub struct Reassembler {
    cid: u32,
    cmd: u8,
    total: usize,
    next_seq: u8,
    buf: Vec<u8>,
}

impl Reassembler {
    /// Start from an init packet. Returns the finished message at once if it fits.
    pub fn start(
        cid: u32,
        cmd: u8,
        total_len: usize,
        data: &[u8],
    ) -> Result<Result<Message, Reassembler>, FramingError> {
        if total_len > MAX_PAYLOAD {
            return Err(FramingError::TooLong(total_len));
        }
        let take = total_len.min(INIT_DATA);
        let mut buf = Vec::with_capacity(total_len);
        buf.extend_from_slice(&data[..take.min(data.len())]);
        let r = Reassembler { cid, cmd, total: total_len, next_seq: 0, buf };
        Ok(r.finish_if_complete())
    }

    pub fn cid(&self) -> u32 {
        self.cid
    }

    /// Add a continuation packet.
    pub fn push(mut self, cid: u32, seq: u8, data: &[u8]) -> Result<Result<Message, Reassembler>, FramingError> {
        if cid != self.cid {
            return Err(FramingError::WrongChannel { expected: self.cid, got: cid });
        }
        if seq != self.next_seq {
            return Err(FramingError::WrongSequence { expected: self.next_seq, got: seq });
        }
        self.next_seq = self.next_seq.wrapping_add(1);
        let take = (self.total - self.buf.len()).min(data.len());
        self.buf.extend_from_slice(&data[..take]);
        Ok(self.finish_if_complete())
    }

    fn finish_if_complete(self) -> Result<Message, Reassembler> {
        if self.buf.len() >= self.total {
            Ok(Message { cid: self.cid, cmd: self.cmd, payload: self.buf })
        } else {
            Err(self)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(len: usize) -> Vec<u8> {
        (0..len).map(|i| ((7 * i + 3) % 256) as u8).collect()
    }

    fn reassemble(reports: &[Report]) -> Result<Message, FramingError> {
        let mut iter = reports.iter();
        let first = iter.next().expect("at least one report");
        let Packet::Init { cid, cmd, total_len, data } = Packet::parse(first) else {
            panic!("first packet must be init")
        };
        let mut state = Reassembler::start(cid, cmd, total_len, data)?;
        for r in iter {
            let r_state = match state {
                Ok(_) => panic!("message complete before all reports were used"),
                Err(s) => s,
            };
            let Packet::Cont { cid, seq, data } = Packet::parse(r) else { panic!("expected continuation") };
            state = r_state.push(cid, seq, data)?;
        }
        state.map_err(|_| FramingError::Interrupted)
    }

    /// Checks our framing against the reports python-fido2 writes (shared/vectors).
    #[test]
    fn fragments_match_python_fido2_vectors() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/vectors/ctaphid_frames.json");
        let Ok(text) = std::fs::read_to_string(path) else { panic!("shared vectors missing at {path}") };
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        let cases = doc["fragmentation"].as_array().unwrap();
        assert!(cases.len() >= 7);
        for case in cases {
            let len = case["payload_len"].as_u64().unwrap() as usize;
            let cid = u32::from_str_radix(case["cid"].as_str().unwrap(), 16).unwrap();
            let expected: Vec<String> =
                case["reports_hex"].as_array().unwrap().iter().map(|r| r.as_str().unwrap().to_string()).collect();
            let ours: Vec<String> = fragment(cid, cmd::PING, &pattern(len)).unwrap().iter().map(hex::encode).collect();
            assert_eq!(ours, expected, "payload of {len} bytes");
        }
    }

    #[test]
    fn round_trip_at_the_boundaries() {
        for len in [0, 1, 57, 58, 116, 117, 7609] {
            let payload = pattern(len);
            let reports = fragment(0x0102_0304, cmd::CBOR, &payload).unwrap();
            let expected_reports = if len <= INIT_DATA { 1 } else { 1 + (len - INIT_DATA).div_ceil(CONT_DATA) };
            assert_eq!(reports.len(), expected_reports, "{len}");
            let msg = reassemble(&reports).unwrap();
            assert_eq!(msg.payload, payload);
            assert_eq!(msg.cmd, cmd::CBOR);
        }
        // 7609 bytes uses every sequence number 0..=127.
        let reports = fragment(1, cmd::CBOR, &pattern(MAX_PAYLOAD)).unwrap();
        assert_eq!(reports.len(), 129);
        assert_eq!(reports[128][4], 127);
    }

    #[test]
    fn one_byte_too_many_is_refused() {
        assert_eq!(fragment(1, cmd::CBOR, &pattern(7610)), Err(FramingError::TooLong(7610)));
        assert_eq!(Reassembler::start(1, cmd::CBOR, 7610, &[0; 57]).err(), Some(FramingError::TooLong(7610)));
    }

    #[test]
    fn wrong_channel_and_sequence_are_caught() {
        let reports = fragment(0x0102_0304, cmd::CBOR, &pattern(200)).unwrap();
        let mut bad = reports.clone();
        bad[1][0..4].copy_from_slice(&9u32.to_be_bytes());
        assert_eq!(reassemble(&bad), Err(FramingError::WrongChannel { expected: 0x0102_0304, got: 9 }));
        let mut skipped = reports.clone();
        skipped.remove(1);
        assert_eq!(reassemble(&skipped), Err(FramingError::WrongSequence { expected: 0, got: 1 }));
        let truncated = &reports[..2];
        assert_eq!(reassemble(truncated), Err(FramingError::Interrupted));
    }
}
