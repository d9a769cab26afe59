//! Host overhead benchmark: `cargo run --release --example bench`.
//!
//! Each operation runs against a fresh virtual key that sleeps FIDOCTL_VIRTUAL_REPORT_LATENCY_US
//! (1000 µs here, a full-speed USB poll interval) per 64-byte report, each way. The floor is
//! reports × 1 ms; the ratio wall / floor shows what the host (and the key's own crypto) adds.
//! A ratio near 1.0 means fidoctl adds nothing measurable. Timings vary with the machine; the
//! report counts do not.

use fidoctl::client::cred_mgmt::{CredentialManager, Flavor};
use fidoctl::client::ctaphid::Channel;
use fidoctl::client::exchange::{get_assertions, make_credential, GetAssertionRequest, MakeCredentialRequest};
use fidoctl::client::{pin, Authenticator};
use fidoctl::proto::ctap2::{alg, client_pin::permission};
use fidoctl::proto::ctaphid::Report;
use fidoctl::proto::entities::{RelyingParty, User};
use fidoctl::transport::in_process::InProcessDevice;
use fidoctl::transport::{virtual_admin, Backend, DeviceDescription, HidDevice, TransportError};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const LATENCY_US: u64 = 1000;
const PIN: &[u8] = b"bench-1234";

/// Counts the reports crossing the wire.
struct Counting {
    inner: InProcessDevice,
    reports: Arc<AtomicU64>,
}

impl HidDevice for Counting {
    fn write_report(&mut self, r: &Report) -> Result<(), TransportError> {
        self.reports.fetch_add(1, Ordering::SeqCst);
        self.inner.write_report(r)
    }
    fn read_report(&mut self, t: Duration) -> Result<Option<Report>, TransportError> {
        let r = self.inner.read_report(t)?;
        if r.is_some() {
            self.reports.fetch_add(1, Ordering::SeqCst);
        }
        Ok(r)
    }
}

fn open(path: &std::path::Path, reports: &Arc<AtomicU64>) -> Authenticator {
    let dev = Counting { inner: InProcessDevice::open(path).expect("open"), reports: reports.clone() };
    let channel = Channel::open(Box::new(dev)).expect("INIT");
    let desc = DeviceDescription::new(format!("virtual:{}", path.display()), Backend::Virtual);
    Authenticator::new(channel, desc)
}

fn registration(rp: &str, user: u8, resident: bool) -> MakeCredentialRequest {
    MakeCredentialRequest {
        client_data_hash: [user; 32],
        rp: RelyingParty { id: rp.into(), name: None },
        user: User { id: vec![user], name: Some(format!("user{user}")), display_name: None },
        algorithms: vec![alg::ES256],
        resident,
        ..MakeCredentialRequest::default()
    }
}

fn row(name: &str, reports: u64, wall: Duration) {
    let floor = Duration::from_micros(reports * LATENCY_US);
    println!(
        "{name:<44} {reports:>7} {:>10.1} {:>10.1} {:>7.2}",
        floor.as_secs_f64() * 1000.0,
        wall.as_secs_f64() * 1000.0,
        wall.as_secs_f64() / floor.as_secs_f64()
    );
}

fn main() {
    // The in-process key reads the latency knob from this process's environment.
    std::env::set_var("FIDOCTL_VIRTUAL_REPORT_LATENCY_US", LATENCY_US.to_string());
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.json");
    virtual_admin::create(&path, &virtual_admin::CreateOptions { max_resident: 100, ..Default::default() })
        .expect("create");
    let reports = Arc::new(AtomicU64::new(0));
    println!("{:<44} {:>7} {:>10} {:>10} {:>7}", "operation", "reports", "floor ms", "wall ms", "ratio");

    let measure = |name: &str, f: &mut dyn FnMut()| {
        reports.store(0, Ordering::SeqCst);
        let t = Instant::now();
        f();
        row(name, reports.load(Ordering::SeqCst), t.elapsed());
    };

    measure("INIT + getInfo", &mut || {
        let mut a = open(&path, &reports);
        a.info().expect("getInfo");
    });
    {
        let mut a = open(&path, &reports);
        let s = pin::start_session(&mut a).expect("session");
        pin::set_pin(&mut a, &s, PIN).expect("set PIN");
    }
    measure("INIT + getInfo + key agreement + PIN token", &mut || {
        let mut a = open(&path, &reports);
        let s = pin::start_session(&mut a).expect("session");
        pin::get_token(&mut a, &s, PIN, permission::CREDENTIAL_MANAGEMENT, None).expect("token");
    });
    // 40 discoverable credentials across 8 RPs to list.
    {
        let mut a = open(&path, &reports);
        for i in 0..40u8 {
            let s = pin::start_session(&mut a).expect("session");
            let t = pin::get_token(&mut a, &s, PIN, permission::MAKE_CREDENTIAL, Some(&format!("rp{}.example", i % 8)))
                .expect("token");
            make_credential(&mut a, &registration(&format!("rp{}.example", i % 8), i, true), Some(&t))
                .expect("register");
        }
    }
    measure("creds list: 8 RPs x 5 credentials", &mut || {
        let mut a = open(&path, &reports);
        let s = pin::start_session(&mut a).expect("session");
        let t = pin::get_token(&mut a, &s, PIN, permission::CREDENTIAL_MANAGEMENT, None).expect("token");
        let mut m = CredentialManager::new(&mut a, &t, Flavor::Standard);
        m.metadata().expect("metadata");
        for rp in m.relying_parties().expect("rps") {
            m.credentials(&rp.rp_id_hash).expect("credentials");
        }
    });
    measure("register + sign in (no PIN, non-resident)", &mut || {
        let mut a = open(&path, &reports);
        let att = make_credential(&mut a, &registration("bench.example", 200, false), None).expect("register");
        let id = att.auth_data.attested.expect("credential").credential_id;
        let req = GetAssertionRequest {
            rp_id: "bench.example".into(),
            client_data_hash: [1; 32],
            allow_list: vec![id],
            user_presence: true,
        };
        get_assertions(&mut a, &req, None).expect("sign in");
    });
}
