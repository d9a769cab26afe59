//! Bio enrollment across implementations on one `fidoctl virtual serve` key with a simulated
//! sensor: python-fido2's FPBioEnrollment lists the finger fidoctl's client enrolled, and
//! fidoctl lists (and removes) the one python-fido2 enrolled (tests/interop/test_bio_cross.py).
//!
//! Needs the venv: run `tests/interop/setup_venv.sh` first (CI does).

mod common;

use common::interop::{python, run_pytest_with, VirtualKeyServer};
use fidoctl::client::bio::BioEnrollment;
use fidoctl::client::ctaphid::Channel;
use fidoctl::client::pin::{get_token, set_pin, start_session, PinToken};
use fidoctl::client::Authenticator;
use fidoctl::proto::ctap2::client_pin::permission;
use fidoctl::transport::unix::UnixDevice;
use fidoctl::transport::{Backend, DeviceDescription};

const PIN: &str = "577215";

fn connect(server: &VirtualKeyServer) -> Authenticator {
    let device = UnixDevice::connect(server.socket()).expect("connect to virtual serve");
    let channel = Channel::open(Box::new(device)).expect("CTAPHID INIT");
    Authenticator::new(channel, DeviceDescription::new("virtual-serve", Backend::Virtual))
}

fn be_token(auth: &mut Authenticator) -> PinToken {
    let session = start_session(auth).unwrap();
    get_token(auth, &session, PIN.as_bytes(), permission::BIO_ENROLLMENT, None).unwrap()
}

#[test]
fn python_fido2_and_fidoctl_see_each_others_fingers() {
    let python = python();
    // A sensor key (set in the state file: `virtual create --bio` belongs to the command layer).
    let server =
        VirtualKeyServer::start_prepared(&["--profile", "ctap2.1"], &[("FIDOCTL_VIRTUAL_BIO_REQUIRED", "2")], |key| {
            let mut state: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(key).unwrap()).unwrap();
            state["identity"]["bio"] = serde_json::Value::Bool(true);
            std::fs::write(key, state.to_string()).unwrap();
        });
    {
        let mut auth = connect(&server);
        let session = start_session(&mut auth).unwrap();
        set_pin(&mut auth, &session, PIN.as_bytes()).unwrap();
        auth.refresh_info().unwrap();
        let token = be_token(&mut auth);
        let mut bio = BioEnrollment::open(&mut auth).unwrap();
        let (id, mut sample) = bio.enroll_begin(&token, None).unwrap();
        while !sample.is_last() {
            sample = bio.enroll_capture_next(&token, &id, None).unwrap();
        }
        bio.set_friendly_name(&token, &id, "fidoctl finger").unwrap();
    }

    let run = run_pytest_with(&python, "tests/interop/test_bio_cross.py", &[], &[("FIDOCTL_PIN", PIN)], &server);
    run.assert_passed(&server, Some(1), "python-fido2 lists fidoctl's finger and enrolls its own");

    let mut auth = connect(&server);
    let token = be_token(&mut auth);
    let mut bio = BioEnrollment::open(&mut auth).unwrap();
    let mut names: Vec<_> = bio.enumerate(&token).unwrap().into_iter().filter_map(|t| t.name).collect();
    names.sort();
    assert_eq!(names, ["fidoctl finger", "python finger"]);
    let python_finger =
        bio.enumerate(&token).unwrap().into_iter().find(|t| t.name.as_deref() == Some("python finger")).unwrap();
    bio.remove(&token, &python_finger.id).unwrap();
    let left: Vec<_> = bio.enumerate(&token).unwrap().into_iter().filter_map(|t| t.name).collect();
    assert_eq!(left, ["fidoctl finger"]);
}
