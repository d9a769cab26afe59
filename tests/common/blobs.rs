//! Large blobs on a served virtual key through fidoctl's client: connect, and give a PIN-less
//! key a PIN, a discoverable credential with a largeBlobKey, and that credential's blob.

use super::interop::VirtualKeyServer;
use ciborium::value::Value;
use fidoctl::client::cred_blob::large_blob_key_from_make_credential;
use fidoctl::client::ctaphid::Channel;
use fidoctl::client::exchange::{make_credential_request, MakeCredentialRequest};
use fidoctl::client::large_blobs::LargeBlobs;
use fidoctl::client::pin::{get_token, set_pin, start_session};
use fidoctl::client::{Authenticator, Call};
use fidoctl::proto::cbor;
use fidoctl::proto::ctap2::client_pin::permission;
use fidoctl::proto::ctap2::{command, make_credential as mc};
use fidoctl::proto::entities::{RelyingParty, User};
use fidoctl::transport::unix::UnixDevice;
use fidoctl::transport::{Backend, DeviceDescription};

/// fidoctl's client on the served key (a fresh connection is a power-up).
pub fn connect(server: &VirtualKeyServer) -> Authenticator {
    let device = UnixDevice::connect(server.socket()).expect("connect to virtual serve");
    let channel = Channel::open(Box::new(device)).expect("CTAPHID INIT");
    Authenticator::new(channel, DeviceDescription::new("virtual-serve", Backend::Virtual))
}

/// `request` (a CTAP2 request map) asking for the largeBlobKey extension under map key `key`.
pub fn with_large_blob_key(mut request: Value, key: i64) -> Value {
    if let Value::Map(m) = &mut request {
        m.push((cbor::int(key), Value::Map(vec![(cbor::text("largeBlobKey"), Value::Bool(true))])));
    }
    request
}

/// Set `pin` on a new key, register alice for `rp` as a discoverable credential with a
/// largeBlobKey, and store `blob` for her; returns her largeBlobKey.
pub fn alice_with_blob(server: &VirtualKeyServer, pin: &str, rp: &str, blob: &[u8]) -> [u8; 32] {
    let mut auth = connect(server);
    let session = start_session(&mut auth).unwrap();
    set_pin(&mut auth, &session, pin.as_bytes()).unwrap();
    auth.refresh_info().unwrap();
    let t = get_token(&mut auth, &session, pin.as_bytes(), permission::MAKE_CREDENTIAL, Some(rp)).unwrap();
    let req = MakeCredentialRequest {
        client_data_hash: [1; 32],
        rp: RelyingParty { id: rp.into(), name: None },
        user: User { id: b"alice".to_vec(), name: Some("alice".into()), display_name: None },
        algorithms: vec![-7],
        resident: true,
        ..MakeCredentialRequest::default()
    };
    let request = with_large_blob_key(
        make_credential_request(&req, Some((2, t.authenticate(&req.client_data_hash)))),
        mc::EXTENSIONS,
    );
    let touch = Call { may_need_touch: true, sensitive: false };
    let answer = auth.call(command::MAKE_CREDENTIAL, Some(&request), touch).unwrap().unwrap();
    let alice = large_blob_key_from_make_credential(&answer).unwrap().unwrap();
    let lbw = get_token(&mut auth, &session, pin.as_bytes(), permission::LARGE_BLOB_WRITE, None).unwrap();
    LargeBlobs::open(&mut auth).unwrap().put(Some(&lbw), &alice, blob).unwrap();
    alice
}

/// The fidoctl binary on the served key (`unix:` selector), with the PIN in FIDOCTL_PIN and no
/// journal (the interop tests are about the bytes on the key).
pub fn fidoctl_on(server: &VirtualKeyServer, pin: &str, args: &[&str]) -> super::cli::Run {
    let selector = format!("unix:{}", server.socket().display());
    let all: Vec<&str> = ["--no-journal"].iter().chain(args).copied().collect();
    super::cli::run_on(&selector, &[("FIDOCTL_PIN", pin)], &all)
}

/// The credential id (base64url, as `creds list` prints it) of `user` at `rp`.
pub fn credential_id(server: &VirtualKeyServer, pin: &str, rp: &str, user: &str) -> String {
    let run = fidoctl_on(server, pin, &["creds", "list", "--rp", rp, "--json"]);
    run.success();
    let doc = run.value();
    doc["rps"][0]["credentials"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["user_name"] == user)
        .and_then(|c| c["credential_id"].as_str())
        .unwrap_or_else(|| panic!("no credential for {user} at {rp}: {}", run.describe()))
        .to_string()
}
