//! The bio-enrollment client against an in-process virtual key with a simulated sensor:
//! an enrollment with a failed sample in the middle, sensor info, list, rename, remove,
//! cancel, and the 0x09 / 0x40 choice by getInfo options.

use fidoctl::client::bio::{BioEnrollment, Flavor, Sample, SensorInfo, Template};
use fidoctl::client::ctaphid::Channel;
use fidoctl::client::pin::{get_token, set_pin, start_session, PinToken};
use fidoctl::client::{Authenticator, ClientError};
use fidoctl::proto::bio::{FingerprintKind, SampleStatus};
use fidoctl::proto::ctap2::client_pin::permission;
use fidoctl::proto::status::{code, CtapStatus};
use fidoctl::transport::in_process::InProcessDevice;
use fidoctl::transport::{Backend, DeviceDescription};
use fidoctl::virtual_key::state::Profile;
use fidoctl::virtual_key::{CreateOptions, VirtualKey};
use std::path::Path;
use std::sync::Mutex;

const PIN: &[u8] = b"314159";

/// The in-process key reads its sensor script from this process's environment once per key;
/// tests that set it hold this lock.
static SENSOR_ENV: Mutex<()> = Mutex::new(());

fn sensor(samples: &str, required: &str) -> std::sync::MutexGuard<'static, ()> {
    let guard = SENSOR_ENV.lock().unwrap_or_else(|e| e.into_inner());
    // Edition 2021: safe; every in-process key of this test binary is opened under the lock.
    std::env::set_var("FIDOCTL_VIRTUAL_BIO_SAMPLES", samples);
    std::env::set_var("FIDOCTL_VIRTUAL_BIO_REQUIRED", required);
    guard
}

fn bio_key(dir: &Path, profile: Profile) -> Authenticator {
    let path = dir.join("bio.json");
    drop(VirtualKey::create(&path, &CreateOptions { profile, bio: true, ..CreateOptions::default() }).unwrap());
    let channel = Channel::open(Box::new(InProcessDevice::open(&path).unwrap())).unwrap();
    let mut auth =
        Authenticator::new(channel, DeviceDescription::new(format!("virtual:{}", path.display()), Backend::Virtual));
    let session = start_session(&mut auth).unwrap();
    set_pin(&mut auth, &session, PIN).unwrap();
    auth.refresh_info().unwrap();
    auth
}

fn be_token(auth: &mut Authenticator) -> PinToken {
    let session = start_session(auth).unwrap();
    get_token(auth, &session, PIN, permission::BIO_ENROLLMENT, None).unwrap()
}

fn good(remaining: u64) -> Sample {
    Sample { status: SampleStatus::Good, remaining }
}

#[test]
fn enroll_with_a_failed_sample_then_list_rename_and_remove() {
    let _sensor = sensor("good,too-fast,good,good", "3");
    let dir = tempfile::tempdir().unwrap();
    let mut auth = bio_key(dir.path(), Profile::Ctap21);
    let token = be_token(&mut auth);
    let mut bio = BioEnrollment::open(&mut auth).unwrap();
    assert_eq!(bio.flavor(), Flavor::Standard);
    assert_eq!(bio.modality().unwrap(), 1);
    assert_eq!(
        bio.sensor_info().unwrap(),
        SensorInfo { modality: 1, kind: FingerprintKind::Touch, samples_required: 3, max_name_bytes: Some(32) }
    );
    assert_eq!(bio.enumerate(&token).unwrap(), vec![], "nothing enrolled yet");

    let (id, first) = bio.enroll_begin(&token, Some(10_000)).unwrap();
    assert_eq!(first, good(2));
    let failed = bio.enroll_capture_next(&token, &id, None).unwrap();
    assert_eq!(failed, Sample { status: SampleStatus::TooFast, remaining: 2 }, "a failed sample counts for nothing");
    assert_eq!(bio.enroll_capture_next(&token, &id, None).unwrap(), good(1));
    let last = bio.enroll_capture_next(&token, &id, None).unwrap();
    assert!(last.is_last() && last.status.is_good());

    assert_eq!(bio.enumerate(&token).unwrap(), vec![Template { id: id.clone(), name: None }]);
    bio.set_friendly_name(&token, &id, "Right thumb").unwrap();
    assert_eq!(bio.enumerate(&token).unwrap(), vec![Template { id: id.clone(), name: Some("Right thumb".into()) }]);
    bio.remove(&token, &id).unwrap();
    assert_eq!(bio.enumerate(&token).unwrap(), vec![]);
    let gone = bio.remove(&token, &id).unwrap_err();
    assert_eq!(gone.status(), Some(code::INVALID_OPTION));
}

#[test]
fn cancel_ends_the_enrollment_in_progress() {
    let _sensor = sensor("", "2");
    let dir = tempfile::tempdir().unwrap();
    let mut auth = bio_key(dir.path(), Profile::Ctap21);
    let token = be_token(&mut auth);
    let mut bio = BioEnrollment::open(&mut auth).unwrap();
    let (id, first) = bio.enroll_begin(&token, None).unwrap();
    assert_eq!(first, good(1));
    bio.cancel().unwrap();
    assert!(bio.enroll_capture_next(&token, &id, None).is_err());
    assert_eq!(bio.enumerate(&token).unwrap(), vec![]);
}

#[test]
fn a_token_without_be_is_refused() {
    let _sensor = sensor("", "2");
    let dir = tempfile::tempdir().unwrap();
    let mut auth = bio_key(dir.path(), Profile::Ctap21);
    let session = start_session(&mut auth).unwrap();
    let cm = get_token(&mut auth, &session, PIN, permission::CREDENTIAL_MANAGEMENT, None).unwrap();
    let e = BioEnrollment::open(&mut auth).unwrap().enroll_begin(&cm, None).unwrap_err();
    assert!(matches!(e, ClientError::Status { status: CtapStatus::PinAuthInvalid, .. }), "{e:?}");
}

#[test]
fn a_preview_key_is_enrolled_through_0x40() {
    let _sensor = sensor("", "1");
    let dir = tempfile::tempdir().unwrap();
    let mut auth = bio_key(dir.path(), Profile::Ctap21Pre);
    let token = be_token(&mut auth);
    let mut bio = BioEnrollment::open(&mut auth).unwrap();
    assert_eq!(bio.flavor(), Flavor::Preview);
    let (id, first) = bio.enroll_begin(&token, None).unwrap();
    assert!(first.is_last());
    assert_eq!(bio.enumerate(&token).unwrap(), vec![Template { id, name: None }]);
}

#[test]
fn a_key_without_a_sensor_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.json");
    drop(VirtualKey::create(&path, &CreateOptions::default()).unwrap());
    let channel = Channel::open(Box::new(InProcessDevice::open(&path).unwrap())).unwrap();
    let mut auth = Authenticator::new(channel, DeviceDescription::new("plain", Backend::Virtual));
    let e = BioEnrollment::open(&mut auth).err().expect("no bio on a plain key");
    assert_eq!(e.to_string(), "this key has no fingerprint sensor to manage");
}
