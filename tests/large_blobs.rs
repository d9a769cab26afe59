//! The large-blob and credBlob client against an in-process virtual key (ctap2.1 profile):
//! credentials registered with largeBlobKey, blobs written in fragments and read back,
//! another credential's key reading nothing, orphans left by a deleted credential, a
//! corrupted array reported and cleared, 0-byte and maximum-size blobs.

use ciborium::value::Value;
use fidoctl::client::cred_blob::{
    cred_blob_output, cred_blob_stored, get_assertion_extensions, large_blob_key_from_get_assertion,
    large_blob_key_from_make_credential, make_credential_extensions,
};
use fidoctl::client::cred_mgmt::{flavor, CredentialManager};
use fidoctl::client::ctaphid::Channel;
use fidoctl::client::exchange::{
    get_assertion_request, make_credential_request, GetAssertionRequest, MakeCredentialRequest,
};
use fidoctl::client::large_blobs::{BlobError, LargeBlobs, Limits};
use fidoctl::client::pin::{get_token, set_pin, start_session, PinToken};
use fidoctl::client::{Authenticator, Call, ClientError};
use fidoctl::proto::auth_data::AuthenticatorData;
use fidoctl::proto::cbor::{self, MapView};
use fidoctl::proto::ctap2::client_pin::permission;
use fidoctl::proto::ctap2::{command, get_assertion as ga, make_credential as mc};
use fidoctl::proto::entities::{RelyingParty, User};
use fidoctl::proto::large_blob::{ArrayError, EMPTY_ARRAY};
use fidoctl::proto::status::CtapStatus;
use fidoctl::transport::in_process::InProcessDevice;
use fidoctl::transport::{Backend, DeviceDescription};
use fidoctl::virtual_key::state::StateFile;
use fidoctl::virtual_key::{CreateOptions, VirtualKey};
use std::path::{Path, PathBuf};

const PIN: &[u8] = b"161803";
const RP: &str = "blobs.example";

struct Key {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn new_key() -> Key {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("key.json");
    drop(VirtualKey::create(&path, &CreateOptions::default()).unwrap());
    Key { _dir: dir, path }
}

fn open(path: &Path) -> Authenticator {
    let channel = Channel::open(Box::new(InProcessDevice::open(path).unwrap())).unwrap();
    Authenticator::new(channel, DeviceDescription::new(format!("virtual:{}", path.display()), Backend::Virtual))
}

fn token(auth: &mut Authenticator, permissions: u8, rp_id: Option<&str>) -> PinToken {
    let session = start_session(auth).unwrap();
    get_token(auth, &session, PIN, permissions, rp_id).unwrap()
}

fn with_pin(path: &Path) -> Authenticator {
    let mut auth = open(path);
    let session = start_session(&mut auth).unwrap();
    set_pin(&mut auth, &session, PIN).unwrap();
    auth.refresh_info().unwrap();
    auth
}

fn insert_extensions(request: &mut Value, key: i64, entries: Vec<(Value, Value)>) {
    if let Value::Map(m) = request {
        m.push((cbor::int(key), Value::Map(entries)));
    }
}

/// A discoverable credential with largeBlobKey (and maybe a credBlob): its id, key and
/// authData extensions.
fn register(auth: &mut Authenticator, user: u8, cred_blob: Option<&[u8]>) -> (Vec<u8>, [u8; 32], Option<Value>) {
    let t = token(auth, permission::MAKE_CREDENTIAL, Some(RP));
    let req = MakeCredentialRequest {
        client_data_hash: [user; 32],
        rp: RelyingParty { id: RP.into(), name: None },
        user: User { id: vec![user; 8], name: Some(format!("user{user}")), display_name: None },
        algorithms: vec![-7],
        resident: true,
        ..MakeCredentialRequest::default()
    };
    let mut request = make_credential_request(&req, Some((2, t.authenticate(&req.client_data_hash))));
    insert_extensions(&mut request, mc::EXTENSIONS, make_credential_extensions(cred_blob, true));
    let answer = auth.call(command::MAKE_CREDENTIAL, Some(&request), Call { may_need_touch: true, sensitive: false });
    let answer = answer.unwrap().unwrap();
    let key = large_blob_key_from_make_credential(&answer).unwrap().expect("a largeBlobKey");
    let ad = AuthenticatorData::parse(MapView::new(&answer, "mc").unwrap().req_bytes(mc::response::AUTH_DATA).unwrap())
        .unwrap();
    (ad.attested.unwrap().credential_id, key, ad.extensions)
}

/// getAssertion for one credential with largeBlobKey and credBlob asked for.
fn assert_with(auth: &mut Authenticator, credential_id: &[u8]) -> ([u8; 32], Option<Vec<u8>>) {
    let req = GetAssertionRequest {
        rp_id: RP.into(),
        client_data_hash: [9; 32],
        allow_list: vec![credential_id.to_vec()],
        user_presence: true,
    };
    let mut request = get_assertion_request(&req, None);
    insert_extensions(&mut request, ga::EXTENSIONS, get_assertion_extensions(true, true));
    let answer = auth
        .call(command::GET_ASSERTION, Some(&request), Call { may_need_touch: true, sensitive: false })
        .unwrap()
        .unwrap();
    let ad = AuthenticatorData::parse(MapView::new(&answer, "ga").unwrap().req_bytes(ga::response::AUTH_DATA).unwrap())
        .unwrap();
    let max = auth.info().unwrap().max_cred_blob_length;
    (
        large_blob_key_from_get_assertion(&answer).unwrap().unwrap(),
        cred_blob_output(ad.extensions.as_ref(), max).unwrap(),
    )
}

#[test]
fn a_blob_reads_back_byte_identical_and_not_with_another_credentials_key() {
    let key = new_key();
    let mut auth = with_pin(&key.path);
    let (alice_id, alice, _) = register(&mut auth, 1, None);
    let (_, bob, _) = register(&mut auth, 2, None);
    assert_ne!(alice, bob);
    // The key an assertion returns is the one registration gave.
    assert_eq!(assert_with(&mut auth, &alice_id).0, alice);

    let lbw = token(&mut auth, permission::LARGE_BLOB_WRITE, None);
    let data: Vec<u8> = (0..3000u32).map(|i| (i % 251) as u8).collect();
    let mut blobs = LargeBlobs::open(&mut auth).unwrap();
    assert_eq!(blobs.limits().capacity, 4096);
    assert_eq!(blobs.read_serialized().unwrap(), EMPTY_ARRAY);
    blobs.put(Some(&lbw), &alice, &data).unwrap();
    assert_eq!(blobs.get(&alice).unwrap(), Some(data));
    assert_eq!(blobs.get(&bob).unwrap(), None);
    // What the key stores is what the key's own state holds (nothing cached host-side).
    drop(auth);
    let stored = StateFile::open(&key.path).unwrap().state.large_blob_array.clone();
    let mut auth = open(&key.path);
    assert_eq!(LargeBlobs::open(&mut auth).unwrap().read_serialized().unwrap(), stored);
}

#[test]
fn a_token_without_lbw_is_refused_and_nothing_changes() {
    let key = new_key();
    let mut auth = with_pin(&key.path);
    let (_, alice, _) = register(&mut auth, 1, None);
    let cm = token(&mut auth, permission::CREDENTIAL_MANAGEMENT, None);
    let mut blobs = LargeBlobs::open(&mut auth).unwrap();
    let e = blobs.put(Some(&cm), &alice, b"x").unwrap_err();
    assert!(matches!(e, BlobError::Client(ClientError::Status { status: CtapStatus::PinAuthInvalid, .. })), "{e:?}");
    let e = blobs.clear(None).unwrap_err();
    assert!(matches!(e, BlobError::Client(ClientError::Status { status: CtapStatus::PuatRequired, .. })), "{e:?}");
    assert_eq!(blobs.read_serialized().unwrap(), EMPTY_ARRAY);
}

#[test]
fn deleting_a_credential_leaves_an_orphan_that_is_listed_and_cleared() {
    let key = new_key();
    let mut auth = with_pin(&key.path);
    let (_, a, _) = register(&mut auth, 1, None);
    let (b_id, b, _) = register(&mut auth, 2, None);
    let (_, c, _) = register(&mut auth, 3, None);
    let lbw = token(&mut auth, permission::LARGE_BLOB_WRITE, None);
    {
        let mut blobs = LargeBlobs::open(&mut auth).unwrap();
        blobs.put(Some(&lbw), &a, b"alpha").unwrap();
        blobs.put(Some(&lbw), &b, b"bravo").unwrap();
        blobs.put(Some(&lbw), &c, b"charlie").unwrap();
        // Deleting one credential's blob leaves the others intact.
        assert!(blobs.delete(Some(&lbw), &c).unwrap());
        assert_eq!(blobs.get(&a).unwrap().as_deref(), Some(&b"alpha"[..]));
        assert_eq!(blobs.get(&b).unwrap().as_deref(), Some(&b"bravo"[..]));
    }
    // Delete credential b on the key; its blob stays behind, owned by no credential.
    let cm = token(&mut auth, permission::CREDENTIAL_MANAGEMENT, None);
    let f = flavor(&mut auth).unwrap().unwrap();
    CredentialManager::new(&mut auth, &cm, f).delete(&b_id).unwrap();
    let lbw = token(&mut auth, permission::LARGE_BLOB_WRITE, None);
    let mut blobs = LargeBlobs::open(&mut auth).unwrap();
    let live: [&[u8]; 2] = [&a, &c];
    let listed = blobs.list(&live).unwrap();
    assert_eq!(listed.iter().map(|r| r.owner).collect::<Vec<_>>(), vec![Some(0), None]);
    assert_eq!(blobs.remove_orphans(Some(&lbw), &live).unwrap(), 1);
    assert_eq!(blobs.list(&live).unwrap().len(), 1);
    assert_eq!(blobs.get(&a).unwrap().as_deref(), Some(&b"alpha"[..]));
}

#[test]
fn zero_byte_and_maximum_size_blobs() {
    let key = new_key();
    let mut auth = with_pin(&key.path);
    let (_, a, _) = register(&mut auth, 1, None);
    let lbw = token(&mut auth, permission::LARGE_BLOB_WRITE, None);
    let max_msg = auth.info().unwrap().max_msg_size;
    let mut blobs = LargeBlobs::open(&mut auth).unwrap();
    assert_eq!(blobs.limits().max_fragment as u64, max_msg.unwrap_or(1024) - 64);
    blobs.put(Some(&lbw), &a, b"").unwrap();
    assert_eq!(blobs.get(&a).unwrap(), Some(vec![]));
    // Incompressible data, as large as fits alone: several fragments each way.
    let mut state = 0x1234_5678u32;
    let mut data: Vec<u8> = (0..blobs.limits().max_single_entry())
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state as u8
        })
        .collect();
    blobs.put(Some(&lbw), &a, &data).unwrap();
    assert_eq!(blobs.get(&a).unwrap(), Some(data.clone()));
    let stored = blobs.read_serialized().unwrap().len();
    assert!((4096 - 32..=4096).contains(&stored), "{stored}");
    let mut more = data.clone();
    more.extend_from_slice(&data[..200]);
    assert!(matches!(blobs.put(Some(&lbw), &a, &more), Err(BlobError::TooLarge { capacity: 4096, .. })));
    assert_eq!(blobs.get(&a).unwrap(), Some(data.clone()));
    // The same through fragments smaller than the key allows: 41 of 100 bytes each way.
    let small = Limits { max_fragment: 100, ..blobs.limits() };
    let mut blobs = LargeBlobs::with_limits(&mut auth, small);
    data.reverse();
    blobs.put(Some(&lbw), &a, &data).unwrap();
    assert_eq!(blobs.get(&a).unwrap(), Some(data));
}

#[test]
fn a_corrupted_array_is_reported_and_only_clear_replaces_it() {
    let key = new_key();
    let mut auth = with_pin(&key.path);
    let (_, a, _) = register(&mut auth, 1, None);
    let lbw = token(&mut auth, permission::LARGE_BLOB_WRITE, None);
    LargeBlobs::open(&mut auth).unwrap().put(Some(&lbw), &a, b"alpha").unwrap();
    drop(auth);
    let corrupted = {
        let mut file = StateFile::open(&key.path).unwrap();
        let last = file.state.large_blob_array.len() - 1;
        file.state.large_blob_array[last] ^= 0x55;
        file.save().unwrap();
        file.state.large_blob_array.clone()
    };
    let mut auth = open(&key.path);
    let lbw = token(&mut auth, permission::LARGE_BLOB_WRITE, None);
    let mut blobs = LargeBlobs::open(&mut auth).unwrap();
    assert!(matches!(blobs.get(&a), Err(BlobError::Corrupted(ArrayError::HashMismatch))));
    assert!(matches!(blobs.put(Some(&lbw), &a, b"new"), Err(BlobError::Corrupted(_))));
    assert!(matches!(blobs.list(&[&a]), Err(BlobError::Corrupted(_))));
    assert_eq!(blobs.read_serialized().unwrap(), corrupted, "a corrupted array is never written over");
    blobs.clear(Some(&lbw)).unwrap();
    assert_eq!(blobs.read_serialized().unwrap(), EMPTY_ARRAY);
    assert_eq!(blobs.get(&a).unwrap(), None);
}

#[test]
fn cred_blob_given_at_registration_comes_back_in_an_assertion() {
    let key = new_key();
    let mut auth = with_pin(&key.path);
    let max = auth.info().unwrap().max_cred_blob_length;
    assert_eq!(max, Some(32));
    let blob = b"thirty-two bytes or fewer";
    fidoctl::client::cred_blob::check_cred_blob(auth.info().unwrap(), blob.len()).unwrap();
    let (id, _, extensions) = register(&mut auth, 4, Some(blob));
    assert_eq!(cred_blob_stored(extensions.as_ref()).unwrap(), Some(true));
    assert_eq!(assert_with(&mut auth, &id).1.as_deref(), Some(&blob[..]));
    // A credential registered without one answers an empty credBlob.
    let (other, _, _) = register(&mut auth, 5, None);
    assert_eq!(assert_with(&mut auth, &other).1, Some(vec![]));
}
