//! Injected device faults, for tests: FIDOCTL_VIRTUAL_FAULT=KIND spoils the key's answer to the
//! Nth CTAPHID_CBOR request of the run (FIDOCTL_VIRTUAL_FAULT_AT=N, default 1), so every step
//! of every operation can be made to fail the way broken keys and flaky USB links do.

use crate::proto::cbor;
use crate::proto::ctaphid::{Report, INIT_DATA};
use ciborium::value::Value;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

pub const ENV: &str = "FIDOCTL_VIRTUAL_FAULT";
pub const AT_ENV: &str = "FIDOCTL_VIRTUAL_FAULT_AT";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The first report of the answer is lost.
    Drop,
    /// The answer's first report arrives with its CBOR bytes flipped.
    Garble,
    /// The answer comes this much later, with no KEEPALIVE meanwhile.
    Delay(Duration),
    /// The answer is sent on a channel the host does not own.
    WrongChannel,
    /// A continuation packet carries a sequence number out of order.
    WrongSeq,
    /// The key goes away after the first report of its answer.
    Disconnect,
    /// KEEPALIVE with this status, for ever, and never an answer (CANCEL is ignored).
    EndlessKeepalive(u8),
    /// Status OK with a CBOR body larger than any answer a key sends.
    Oversize,
    /// The CBOR body is cut short.
    Truncated,
    /// Status OK with the answer's map keys, each holding a value of the wrong type.
    WrongTypes,
    /// The request is not carried out; the answer is this status alone.
    Status(u8),
}

impl Fault {
    pub fn parse(s: &str) -> Option<Fault> {
        use crate::proto::ctaphid::keepalive;
        match s.trim() {
            "drop" => Some(Fault::Drop),
            "garble" => Some(Fault::Garble),
            "wrong-channel" => Some(Fault::WrongChannel),
            "wrong-seq" => Some(Fault::WrongSeq),
            "disconnect" => Some(Fault::Disconnect),
            "keepalive-processing" => Some(Fault::EndlessKeepalive(keepalive::PROCESSING)),
            "keepalive-upneeded" => Some(Fault::EndlessKeepalive(keepalive::UPNEEDED)),
            "oversize" => Some(Fault::Oversize),
            "truncated" => Some(Fault::Truncated),
            "wrong-types" => Some(Fault::WrongTypes),
            other => {
                if let Some(ms) = other.strip_prefix("delay:") {
                    return ms.parse::<u64>().ok().map(|ms| Fault::Delay(Duration::from_millis(ms)));
                }
                let code = other.strip_prefix("status:")?;
                let hex = code.strip_prefix("0x").unwrap_or(code);
                u8::from_str_radix(hex, 16).ok().map(Fault::Status)
            }
        }
    }
}

/// CBOR requests seen by every virtual key of this process: "the Nth of the run" counts across
/// the connections one command opens (a reset re-plugs, `info` opens twice).
static SEEN: AtomicU64 = AtomicU64::new(0);

/// The fault and the CBOR request it spoils, as the environment asks. A value that cannot be
/// read injects nothing, and says so on stderr.
#[derive(Debug, Clone, Copy, Default)]
pub struct Plan {
    fault: Option<(Fault, u64)>,
}

impl Plan {
    pub fn from_env() -> Plan {
        let Ok(kind) = std::env::var(ENV) else { return Plan::default() };
        let Some(fault) = Fault::parse(&kind) else {
            eprintln!("fidoctl virtual key: ignoring {ENV}={kind:?} (not a fault it knows)");
            return Plan::default();
        };
        let at = match std::env::var(AT_ENV) {
            Err(_) => 1,
            Ok(v) => match v.trim().parse::<u64>() {
                Ok(n) if n >= 1 => n,
                _ => {
                    eprintln!("fidoctl virtual key: ignoring {AT_ENV}={v:?} (expected a number from 1)");
                    return Plan::default();
                }
            },
        };
        Plan { fault: Some((fault, at)) }
    }

    /// Count one CBOR request; the fault to inject into its answer, if this is the one.
    pub fn next_request(&mut self) -> Option<Fault> {
        let (fault, at) = self.fault?;
        let seen = SEEN.fetch_add(1, Ordering::SeqCst).saturating_add(1);
        (at == seen).then_some(fault)
    }
}

/// Spoil an answer's body (status byte + CBOR) for the body faults; others pass it through.
pub fn spoil_body(fault: Fault, answer: Vec<u8>) -> Vec<u8> {
    match fault {
        Fault::Oversize => {
            // 7500 bytes: within CTAPHID's 7609, far beyond any maxMsgSize a key announces.
            let mut out = vec![0x00];
            out.extend(cbor::encode(&cbor::int_map([(1, Some(cbor::bytes(&[0x5A; 7500])))])));
            out
        }
        Fault::Truncated => {
            if answer.len() > 1 {
                let keep = 1 + (answer.len() - 1) / 2;
                answer[..keep].to_vec()
            } else {
                // Nothing to cut: a map that promises two entries and holds half of one.
                vec![0x00, 0xA2, 0x01]
            }
        }
        Fault::WrongTypes => {
            let body = answer.get(1..).filter(|b| !b.is_empty()).and_then(|b| cbor::decode(b).ok());
            let keys: Vec<Value> = match body {
                Some(Value::Map(entries)) => entries.into_iter().map(|(k, _)| k).collect(),
                _ => vec![cbor::int(1)],
            };
            // The first entries the key meant to send, each turned to a type nobody expects.
            let map = keys.into_iter().map(|k| (k, Value::Array(vec![cbor::text("wrong type")]))).collect();
            let mut out = vec![0x00];
            out.extend(cbor::encode(&Value::Map(map)));
            out
        }
        _ => answer,
    }
}

/// Spoil the reports of an answer for the framing faults. Returns what to send.
pub fn spoil_reports(fault: Fault, mut reports: Vec<Report>) -> Vec<Report> {
    let Some(first) = reports.first().copied() else { return reports };
    match fault {
        Fault::Drop => {
            reports.remove(0);
        }
        Fault::Garble => {
            let len = usize::from(u16::from_be_bytes([first[5], first[6]]));
            // Keep the status byte when there is CBOR after it, so the body is what breaks.
            let from = if len > 1 { 8 } else { 7 };
            for b in reports[0][from..].iter_mut() {
                *b ^= 0xA5;
            }
        }
        Fault::WrongChannel => {
            let cid = u32::from_be_bytes([first[0], first[1], first[2], first[3]]);
            let other = match cid.wrapping_add(1) {
                0 | crate::proto::ctaphid::BROADCAST_CID => 1,
                c => c,
            };
            for r in reports.iter_mut() {
                r[..4].copy_from_slice(&other.to_be_bytes());
            }
        }
        Fault::WrongSeq => {
            if reports.len() > 1 {
                reports[1][4] = 0x33;
            } else {
                // One packet only: announce more, and send the rest with a sequence out of order.
                let claimed = (INIT_DATA + 7) as u16;
                reports[0][5..7].copy_from_slice(&claimed.to_be_bytes());
                let mut cont = [0u8; 64];
                cont[..4].copy_from_slice(&first[..4]);
                cont[4] = 0x33;
                reports.push(cont);
            }
        }
        Fault::Disconnect => {
            reports.truncate(1);
            let len = usize::from(u16::from_be_bytes([first[5], first[6]]));
            if len <= INIT_DATA {
                // Make the one report the start of a longer message that never ends.
                let claimed = (INIT_DATA + 100) as u16;
                reports[0][5..7].copy_from_slice(&claimed.to_be_bytes());
            }
        }
        _ => {}
    }
    reports
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::ctaphid::{fragment, keepalive};

    #[test]
    fn parses_every_form() {
        assert_eq!(Fault::parse("drop"), Some(Fault::Drop));
        assert_eq!(Fault::parse("delay:250"), Some(Fault::Delay(Duration::from_millis(250))));
        assert_eq!(Fault::parse("keepalive-upneeded"), Some(Fault::EndlessKeepalive(keepalive::UPNEEDED)));
        assert_eq!(Fault::parse("keepalive-processing"), Some(Fault::EndlessKeepalive(keepalive::PROCESSING)));
        assert_eq!(Fault::parse("status:0x31"), Some(Fault::Status(0x31)));
        assert_eq!(Fault::parse("status:7f"), Some(Fault::Status(0x7F)));
        assert_eq!(Fault::parse("status:x"), None);
        assert_eq!(Fault::parse("melt"), None);
    }

    #[test]
    fn only_the_chosen_request_is_spoiled() {
        // The only test that counts requests in this process (the lib tests' keys inject nothing).
        let base = SEEN.load(Ordering::SeqCst);
        let mut plan = Plan { fault: Some((Fault::Drop, base + 3)) };
        let got: Vec<_> = (0..5).map(|_| plan.next_request()).collect();
        assert_eq!(got, vec![None, None, Some(Fault::Drop), None, None]);
    }

    #[test]
    fn body_faults_break_the_answer() {
        let answer = vec![0x00, 0xA1, 0x01, 0x02];
        assert_eq!(spoil_body(Fault::Truncated, answer.clone()), vec![0x00, 0xA1]);
        assert_eq!(spoil_body(Fault::Truncated, vec![0x00]), vec![0x00, 0xA2, 0x01]);
        let wrong = spoil_body(Fault::WrongTypes, answer.clone());
        assert_eq!(wrong[0], 0x00);
        assert_eq!(
            cbor::decode(&wrong[1..]).unwrap(),
            Value::Map(vec![(cbor::int(1), Value::Array(vec![cbor::text("wrong type")]))])
        );
        assert!(spoil_body(Fault::Oversize, answer.clone()).len() > 7500);
        assert_eq!(spoil_body(Fault::Drop, answer.clone()), answer);
    }

    #[test]
    fn framing_faults_break_the_reports() {
        let one = fragment(5, 0x10, &[0x00]).unwrap();
        let two = fragment(5, 0x10, &[0x00; 100]).unwrap();
        assert!(spoil_reports(Fault::Drop, one.clone()).is_empty());
        assert_eq!(spoil_reports(Fault::WrongChannel, one.clone())[0][..4], 6u32.to_be_bytes());
        let seq = spoil_reports(Fault::WrongSeq, one.clone());
        assert_eq!((seq.len(), seq[1][4]), (2, 0x33));
        assert_eq!(spoil_reports(Fault::WrongSeq, two.clone())[1][4], 0x33);
        let cut = spoil_reports(Fault::Disconnect, one.clone());
        assert_eq!((cut.len(), u16::from_be_bytes([cut[0][5], cut[0][6]])), (1, 157));
        assert_eq!(spoil_reports(Fault::Disconnect, two).len(), 1);
        assert_ne!(spoil_reports(Fault::Garble, one.clone())[0][7], 0x00);
    }
}
