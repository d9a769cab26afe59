//! Everything a key (or a host, for the virtual key) sends is hostile: random and mutated
//! bytes must give errors, never panics, and must not wedge the virtual key.

use fidoctl::client::attestation::AttestationObject;
use fidoctl::client::ctaphid::Channel;
use fidoctl::proto::auth_data::AuthenticatorData;
use fidoctl::proto::cbor;
use fidoctl::proto::cose::CoseKey;
use fidoctl::proto::get_info::AuthenticatorInfo;
use fidoctl::transport::in_process::InProcessDevice;
use fidoctl::transport::HidDevice;
use fidoctl::virtual_key::{CreateOptions, VirtualKey};
use std::time::Duration;

/// xorshift64*: deterministic, so a failure can be replayed from its seed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

/// Real encodings to mutate: a getInfo, an authData with a credential, a COSE key.
fn seeds() -> Vec<Vec<u8>> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("k.json");
    drop(VirtualKey::create(&path, &CreateOptions::default()).expect("create"));
    let info = fidoctl::virtual_key::profile::get_info(VirtualKey::open(&path).expect("open").state()).encode();
    let key = fidoctl::virtual_key::attestation::CredentialPrivateKey::generate(-7).expect("key");
    let auth_data = AuthenticatorData {
        rp_id_hash: [7; 32],
        flags: 0x41,
        sign_count: 9,
        attested: Some(fidoctl::proto::auth_data::AttestedCredential {
            aaguid: [1; 16],
            credential_id: vec![3; 40],
            public_key: key.public_cose().expect("cose"),
        }),
        extensions: None,
    }
    .to_bytes();
    let cose = cbor::encode(&key.public_cose().expect("cose").to_value());
    vec![info, auth_data, cose]
}

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut b = seed.to_vec();
    match rng.below(4) {
        0 => {
            let n = rng.below(b.len() + 1);
            b.truncate(n)
        }
        1 => {
            for _ in 0..=rng.below(4) {
                if !b.is_empty() {
                    let i = rng.below(b.len());
                    b[i] = rng.next() as u8;
                }
            }
        }
        2 => {
            let i = rng.below(b.len() + 1);
            let n = rng.below(8) + 1;
            let extra = rng.bytes(n);
            b.splice(i..i, extra);
        }
        _ => {
            let n = rng.below(300);
            b = rng.bytes(n)
        }
    }
    b
}

#[test]
fn parsers_never_panic_on_mutated_input() {
    let seeds = seeds();
    let mut rng = Rng(0x5EED_F1D0);
    for _ in 0..20_000 {
        let which = rng.below(seeds.len());
        let input = mutate(&mut rng, &seeds[which]);
        let _ = cbor::decode(&input);
        let _ = AuthenticatorInfo::decode(&input);
        let _ = AuthenticatorData::parse(&input);
        if let Ok(v) = cbor::decode(&input) {
            let _ = CoseKey::from_value(&v);
            let _ = AttestationObject::from_ctap_response(&v);
        }
    }
}

#[test]
fn the_virtual_key_survives_garbage_reports_and_still_answers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("k.json");
    drop(VirtualKey::create(&path, &CreateOptions::default()).expect("create"));
    let mut rng = Rng(0xBAD_C0DE);
    let mut dev = InProcessDevice::open(&path).expect("open");
    for _ in 0..2_000 {
        let mut report = [0u8; 64];
        report.copy_from_slice(&rng.bytes(64));
        // Half the time aim at the broadcast channel or a small allocated one, to get past the
        // channel checks into the command handlers.
        if rng.below(2) == 0 {
            report[..4].copy_from_slice(&(1 + rng.below(3) as u32).to_be_bytes());
        }
        dev.write_report(&report).expect("write");
        // Drain whatever the key answered.
        while let Ok(Some(_)) = dev.read_report(Duration::from_millis(1)) {}
    }
    drop(dev);
    // A fresh host still gets a proper answer; the state file is intact.
    let dev = InProcessDevice::open(&path).expect("reopen");
    let mut channel = Channel::open(Box::new(dev)).expect("INIT after the garbage");
    assert_eq!(channel.ping(b"still alive").expect("ping"), b"still alive");
    let request = [0x04u8];
    let answer = channel.transact(fidoctl::client::ctaphid::Transaction::new(0x10, &request)).expect("getInfo");
    assert_eq!(answer.first(), Some(&0x00));
    assert!(AuthenticatorInfo::decode(&answer[1..]).is_ok());
}

#[test]
fn the_virtual_key_answers_hostile_cbor_with_statuses() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("k.json");
    drop(VirtualKey::create(&path, &CreateOptions::default()).expect("create"));
    let dev = InProcessDevice::open(&path).expect("open");
    let mut channel = Channel::open(Box::new(dev)).expect("INIT");
    let seeds = seeds();
    let mut rng = Rng(0xC0FFEE);
    for i in 0..1_500 {
        // Every command byte the key knows, with mutated CBOR bodies; up:false-free bodies
        // that need a touch are approved at once by the default presence knob.
        let command = [0x01u8, 0x02, 0x04, 0x06, 0x08, 0x0A, 0x0B, 0x0D, 0x41, 0x07][rng.below(10)];
        if command == 0x07 && i % 50 != 0 {
            continue; // a reset only every so often, to keep some state around
        }
        let which = rng.below(seeds.len());
        let body = mutate(&mut rng, &seeds[which]);
        let mut request = vec![command];
        request.extend(body);
        let mut t = fidoctl::client::ctaphid::Transaction::new(0x10, &request);
        t.timeout = Duration::from_secs(10);
        let answer = channel.transact(t).expect("the key answers every request");
        assert!(!answer.is_empty(), "an empty CBOR answer to command {command:#04x}");
    }
}
