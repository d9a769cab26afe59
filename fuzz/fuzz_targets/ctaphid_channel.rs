#![no_main]
//! The host's CTAPHID channel reading arbitrary reports as the answer to a request (KEEPALIVE,
//! ERROR, wrong channels and sequence numbers included).
mod common;
use fidoctl::client::ctaphid::{Channel, Transaction};
use fidoctl::proto::ctaphid::{cmd, Report, REPORT_LEN};
use libfuzzer_sys::fuzz_target;
use std::time::Duration;

fuzz_target!(|data: &[u8]| {
    // The first byte steers the reports onto the channel the fake key allocated.
    let Some((&steer, rest)) = data.split_first() else { return };
    let reports: Vec<Report> = rest
        .chunks(REPORT_LEN)
        .enumerate()
        .map(|(i, chunk)| {
            let mut r: Report = [0; REPORT_LEN];
            r[..chunk.len()].copy_from_slice(chunk);
            if steer & (1 << (i % 8)) != 0 {
                r[..4].copy_from_slice(&common::FAKE_CID.to_be_bytes());
            }
            r
        })
        .collect();
    let mut key = common::FakeKey::new(|_| vec![0]);
    key.raw_reply = Some(reports);
    let mut channel = Channel::open(Box::new(key)).expect("INIT");
    let mut t = Transaction::new(cmd::CBOR, &[0x04]);
    t.timeout = Duration::from_secs(5);
    let _ = channel.transact(t);
});
