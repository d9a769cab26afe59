#![no_main]
//! CTAPHID reassembly of arbitrary 64-byte reports.
use fidoctl::proto::ctaphid::{Packet, Reassembler, Report, REPORT_LEN};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut state: Option<Reassembler> = None;
    for chunk in data.chunks(REPORT_LEN) {
        let mut report: Report = [0; REPORT_LEN];
        report[..chunk.len()].copy_from_slice(chunk);
        let step = match (Packet::parse(&report), state.take()) {
            (Packet::Init { cid, cmd, total_len, data }, _) => Reassembler::start(cid, cmd, total_len, data),
            (Packet::Cont { cid, seq, data }, Some(s)) => s.push(cid, seq, data),
            (Packet::Cont { .. }, None) => continue,
        };
        if let Ok(Err(more)) = step {
            state = Some(more);
        }
    }
});
