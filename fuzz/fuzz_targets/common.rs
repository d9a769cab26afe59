//! Shared by the fuzz targets: a fake key that speaks real CTAPHID and answers each CTAP2
//! command from a script, with a good getInfo and a real PIN key agreement, so the client's
//! parsing of each answer runs as it does against hardware.
#![allow(dead_code)]

use fidoctl::client::ctaphid::Channel;
use fidoctl::client::{pin, Authenticator};
use fidoctl::proto::cbor;
use fidoctl::proto::cose::CoseKey;
use fidoctl::proto::ctap2::{client_pin as cp, command};
use fidoctl::proto::ctaphid::{
    capability, cmd, fragment, Message, Packet, Reassembler, Report, BROADCAST_CID, MAX_PAYLOAD,
};
use fidoctl::proto::get_info::AuthenticatorInfo;
use fidoctl::proto::pin_protocol::{KeyAgreementKey, PinProtocol};
use fidoctl::transport::{Backend, DeviceDescription, HidDevice, TransportError};
use std::collections::{BTreeMap, VecDeque};
use std::time::Duration;

pub const FAKE_CID: u32 = 0x0102_0304;

pub struct FakeKey {
    out: VecDeque<Report>,
    incoming: Option<Reassembler>,
    answer: Box<dyn FnMut(&[u8]) -> Vec<u8> + Send>,
    /// Sent as they are instead of the next CBOR answer.
    pub raw_reply: Option<Vec<Report>>,
}

impl FakeKey {
    pub fn new(answer: impl FnMut(&[u8]) -> Vec<u8> + Send + 'static) -> FakeKey {
        FakeKey { out: VecDeque::new(), incoming: None, answer: Box::new(answer), raw_reply: None }
    }

    fn send(&mut self, cid: u32, command: u8, payload: &[u8]) {
        let payload = &payload[..payload.len().min(MAX_PAYLOAD)];
        if let Ok(reports) = fragment(cid, command, payload) {
            self.out.extend(reports);
        }
    }

    fn on_message(&mut self, msg: Message) {
        match msg.cmd {
            cmd::INIT => {
                let mut reply = msg.payload.get(..8).unwrap_or_default().to_vec();
                reply.extend(FAKE_CID.to_be_bytes());
                reply.extend([2, 1, 0, 0, capability::CBOR | capability::NMSG | capability::WINK]);
                self.send(BROADCAST_CID, cmd::INIT, &reply);
            }
            cmd::CBOR => match self.raw_reply.take() {
                Some(reports) => self.out.extend(reports),
                None => {
                    let reply = (self.answer)(&msg.payload);
                    self.send(msg.cid, cmd::CBOR, &reply);
                }
            },
            cmd::CANCEL => {}
            other => self.send(msg.cid, other, &msg.payload.clone()),
        }
    }
}

impl HidDevice for FakeKey {
    fn write_report(&mut self, report: &Report) -> Result<(), TransportError> {
        let step = match (Packet::parse(report), self.incoming.take()) {
            (Packet::Init { cid, cmd, total_len, data }, _) => Reassembler::start(cid, cmd, total_len, data),
            (Packet::Cont { cid, seq, data }, Some(r)) => r.push(cid, seq, data),
            (Packet::Cont { .. }, None) => return Ok(()),
        };
        match step {
            Ok(Ok(msg)) => self.on_message(msg),
            Ok(Err(more)) => self.incoming = Some(more),
            Err(_) => {}
        }
        Ok(())
    }

    /// Nothing left to send reads as a disconnect: no run ever waits for a timeout.
    fn read_report(&mut self, _timeout: Duration) -> Result<Option<Report>, TransportError> {
        self.out.pop_front().map(Some).ok_or(TransportError::Disconnected)
    }
}

pub fn authenticator(key: FakeKey) -> Authenticator {
    let channel = Channel::open(Box::new(key)).expect("the fake key answers INIT");
    Authenticator::new(channel, DeviceDescription::new("fake", Backend::Hid))
}

pub fn good_info() -> Vec<u8> {
    let options: BTreeMap<String, bool> =
        [("rk", true), ("up", true), ("clientPin", true), ("pinUvAuthToken", true), ("credMgmt", true)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
    let info = AuthenticatorInfo {
        versions: vec!["FIDO_2_0".into(), "FIDO_2_1".into()],
        aaguid: [9; 16],
        options,
        max_msg_size: Some(1200),
        pin_uv_auth_protocols: vec![2, 1],
        ..AuthenticatorInfo::default()
    };
    [vec![0u8], info.encode()].concat()
}

/// The key's half of the PIN protocols: getKeyAgreement and a token encrypted to the host.
fn pin_answer(key: &KeyAgreementKey, request: &[u8]) -> Option<Vec<u8>> {
    let (&command_byte, body) = request.split_first()?;
    if command_byte != command::CLIENT_PIN {
        return None;
    }
    let value = cbor::decode(body).ok()?;
    let map = cbor::MapView::new(&value, "clientPIN").ok()?;
    let protocol = PinProtocol::from_number(map.req_u64(cp::PIN_UV_AUTH_PROTOCOL).ok()?)?;
    let reply = match u8::try_from(map.req_u64(cp::SUB_COMMAND).ok()?).ok()? {
        cp::sub::GET_KEY_AGREEMENT => {
            cbor::int_map([(cp::response::KEY_AGREEMENT, Some(key.public_cose().to_value()))])
        }
        cp::sub::GET_PIN_TOKEN | cp::sub::GET_TOKEN_USING_PIN_WITH_PERMISSIONS => {
            let platform = CoseKey::from_value(map.require(cp::KEY_AGREEMENT).ok()?).ok()?;
            let shared = key.shared_secret(protocol, &platform).ok()?;
            let token = protocol.encrypt(&shared, &[0x5A; 32]).ok()?;
            cbor::int_map([(cp::response::PIN_UV_AUTH_TOKEN, Some(cbor::bytes(&token)))])
        }
        _ => return None,
    };
    Some([vec![0u8], cbor::encode(&reply)].concat())
}

/// Good getInfo and PIN exchange; the commands in `commands` get the scripted answers in order.
pub fn scripted_key(commands: &'static [u8], scripted: Vec<Vec<u8>>) -> FakeKey {
    let key = KeyAgreementKey::generate();
    let mut queue: VecDeque<Vec<u8>> = scripted.into();
    FakeKey::new(move |request| {
        let command_byte = request.first().copied().unwrap_or(0);
        if commands.contains(&command_byte) {
            return queue.pop_front().unwrap_or_else(|| vec![0x2E]);
        }
        if command_byte == command::GET_INFO {
            return good_info();
        }
        pin_answer(&key, request).unwrap_or_else(|| vec![0x01])
    })
}

pub fn token(auth: &mut Authenticator) -> pin::PinToken {
    let session = pin::start_session(auth).expect("the fake key's key agreement");
    pin::get_token(auth, &session, b"1234", 0x04, None).expect("the fake key's token")
}

/// Fuzz input as several answers: each a big-endian u16 length, then that many bytes.
pub fn answers(mut data: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    while data.len() >= 2 && out.len() < 16 {
        let len = usize::from(u16::from_be_bytes([data[0], data[1]])).min(data.len() - 2);
        out.push(data[2..2 + len].to_vec());
        data = &data[2 + len..];
    }
    out
}
