//! One CTAP2 authenticator reached over a CTAPHID channel: typed calls, status handling,
//! the touch prompt, and a cached getInfo (asked once per run).

use super::ctaphid::{Channel, CtaphidError, InitInfo, Transaction};
use crate::proto::cbor::{self, CborError};
use crate::proto::ctap2::{command, make_credential};
use crate::proto::ctaphid::{cmd, keepalive};
use crate::proto::get_info::AuthenticatorInfo;
use crate::proto::status::{code, CtapStatus};
use crate::transport::DeviceDescription;
use ciborium::value::Value;
use std::time::Duration;

/// Replies to commands that need no touch may still take the key a while (PIN hashing, flash).
pub const REPLY_TIMEOUT: Duration = Duration::from_secs(10);
/// The message size every key accepts when getInfo gives no maxMsgSize (CTAP 2.1, 0x05).
pub const DEFAULT_MAX_MSG_SIZE: usize = 1024;
/// How long we wait for a touch unless told otherwise (`--timeout`).
pub const DEFAULT_TOUCH_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error(transparent)]
    Channel(#[from] CtaphidError),
    /// The key answered with a CTAP2 error status.
    #[error("the key refused the request ({status})")]
    Status { command: u8, status: CtapStatus },
    #[error("the key's answer could not be read: {0}")]
    Malformed(String),
    #[error("this key speaks only U2F (CTAP1); this needs a FIDO2 key")]
    NotFido2,
    #[error("{0}")]
    Unsupported(String),
    /// getInfo says forcePINChange: no token until the PIN is changed.
    #[error("this key requires a PIN change before its PIN can be used")]
    PinChangeRequired,
    /// The request is larger than the key accepts (getInfo maxMsgSize); it was not sent.
    #[error("the request is {size} bytes, more than the {max} bytes this key accepts")]
    RequestTooLarge { size: usize, max: usize },
    /// Nobody touched the key before our deadline (we sent CTAPHID_CANCEL).
    #[error("nobody touched the key within {} seconds", .0.as_secs())]
    TouchTimeout(Duration),
}

impl From<CborError> for ClientError {
    fn from(e: CborError) -> Self {
        ClientError::Malformed(e.to_string())
    }
}

impl ClientError {
    /// The key's refusal, typed.
    pub fn ctap_status(&self) -> Option<CtapStatus> {
        match self {
            ClientError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The refusal as its wire byte, for tests that compare with the virtual key's codes.
    pub fn status(&self) -> Option<u8> {
        self.ctap_status().map(u8::from)
    }
}

/// The bytes of a clientPIN request that are no secret: the command and the start of its
/// canonical map, {1: protocol, 2: subCommand, ...}, when both are small integers.
fn client_pin_public_prefix(request: &[u8]) -> usize {
    match request {
        [command::CLIENT_PIN, 0xA2..=0xB7, 0x01, protocol, 0x02, sub, ..] if *protocol < 0x18 && *sub < 0x18 => 6,
        _ => 0,
    }
}

/// Called the first time a request asks for a touch (KEEPALIVE UPNEEDED).
pub type TouchPrompt = Box<dyn FnMut() + Send>;

pub struct Authenticator {
    channel: Channel,
    device: DeviceDescription,
    info: Option<AuthenticatorInfo>,
    touch_prompt: Option<TouchPrompt>,
    touch_timeout: Duration,
}

/// How a request is sent.
#[derive(Debug, Clone, Copy, Default)]
pub struct Call {
    /// The key may wait for a touch: use the touch timeout and prompt on UPNEEDED.
    pub may_need_touch: bool,
    /// The request carries PIN material: keep it out of traces.
    pub sensitive: bool,
}

impl Authenticator {
    pub fn new(channel: Channel, device: DeviceDescription) -> Authenticator {
        Authenticator { channel, device, info: None, touch_prompt: None, touch_timeout: DEFAULT_TOUCH_TIMEOUT }
    }

    pub fn set_touch_prompt(&mut self, prompt: TouchPrompt) {
        self.touch_prompt = Some(prompt);
    }

    pub fn set_touch_timeout(&mut self, timeout: Duration) {
        self.touch_timeout = timeout;
    }

    pub fn device(&self) -> &DeviceDescription {
        &self.device
    }

    pub fn init_info(&self) -> InitInfo {
        self.channel.info()
    }

    pub fn channel(&mut self) -> &mut Channel {
        &mut self.channel
    }

    /// authenticatorGetInfo, asked once and remembered.
    pub fn info(&mut self) -> Result<&AuthenticatorInfo, ClientError> {
        if self.info.is_none() {
            let info = self.fetch_info()?;
            self.info = Some(info);
        }
        self.info.as_ref().ok_or_else(|| ClientError::Malformed("no getInfo answer".into()))
    }

    /// getInfo if it was already asked, without asking.
    pub fn cached_info(&self) -> Option<&AuthenticatorInfo> {
        self.info.as_ref()
    }

    /// Ask again (after something that changes it, e.g. setting a PIN).
    pub fn refresh_info(&mut self) -> Result<&AuthenticatorInfo, ClientError> {
        self.info = None;
        self.info()
    }

    fn fetch_info(&mut self) -> Result<AuthenticatorInfo, ClientError> {
        let answer = self.call(command::GET_INFO, None, Call::default())?;
        let value = answer.ok_or_else(|| ClientError::Malformed("getInfo answer is empty".into()))?;
        AuthenticatorInfo::from_value(&value).map_err(|e| ClientError::Malformed(e.to_string()))
    }

    /// authenticatorSelection (CTAP 2.1): the key blinks and waits for a touch.
    pub fn selection(&mut self) -> Result<(), ClientError> {
        self.call_expecting_nothing(command::SELECTION, None, Call { may_need_touch: true, sensitive: false })
    }

    /// Send a command whose success carries no body (selection, reset, setPIN, config,
    /// deleteCredential ...): status OK with anything after it is a broken answer, not success.
    pub fn call_expecting_nothing(
        &mut self,
        command_byte: u8,
        params: Option<&Value>,
        how: Call,
    ) -> Result<(), ClientError> {
        match self.call(command_byte, params, how)? {
            None => Ok(()),
            Some(_) => Err(ClientError::Malformed(format!(
                "it answered command 0x{command_byte:02x} with data where a success carries none"
            ))),
        }
    }

    /// Wait for a touch: authenticatorSelection where the key has it, the CTAP 2.0 touch
    /// probe otherwise.
    pub fn wait_for_touch(&mut self) -> Result<(), ClientError> {
        if self.info()?.supports_version("FIDO_2_1") {
            match self.selection() {
                // Some keys list FIDO_2_1 but lack the command: fall back rather than fail.
                Err(ClientError::Status { status: CtapStatus::InvalidCommand, .. }) => self.touch_probe(),
                other => other,
            }
        } else {
            self.touch_probe()
        }
    }

    /// The CTAP 2.0 way to wait for a touch: makeCredential with an empty pinUvAuthParam,
    /// which keys answer after the touch with PIN_NOT_SET or PIN_INVALID (nothing is created).
    pub fn touch_probe(&mut self) -> Result<(), ClientError> {
        let params = cbor::int_map([
            (make_credential::CLIENT_DATA_HASH, Some(cbor::bytes(&[0u8; 32]))),
            (make_credential::RP, Some(Value::Map(vec![(cbor::text("id"), cbor::text(".dummy"))]))),
            (
                make_credential::USER,
                Some(Value::Map(vec![
                    (cbor::text("id"), cbor::bytes(&[0u8])),
                    (cbor::text("name"), cbor::text("dummy")),
                ])),
            ),
            (
                make_credential::PUB_KEY_CRED_PARAMS,
                Some(Value::Array(vec![Value::Map(vec![
                    (cbor::text("alg"), cbor::int(crate::proto::ctap2::alg::ES256)),
                    (cbor::text("type"), cbor::text("public-key")),
                ])])),
            ),
            (make_credential::PIN_UV_AUTH_PARAM, Some(cbor::bytes(&[]))),
            (make_credential::PIN_UV_AUTH_PROTOCOL, Some(cbor::uint(1))),
        ]);
        match self.call(command::MAKE_CREDENTIAL, Some(&params), Call { may_need_touch: true, sensitive: false }) {
            Ok(_) => Ok(()),
            Err(ClientError::Status {
                status: CtapStatus::PinNotSet | CtapStatus::PinInvalid | CtapStatus::PinAuthInvalid,
                ..
            }) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Refuse a request larger than the key's maxMsgSize (1024 when getInfo does not say,
    /// and never more than one CTAPHID message) before sending it. getInfo is read for this
    /// only when the request is larger than every key must accept.
    fn check_size(&mut self, size: usize) -> Result<(), ClientError> {
        if size <= DEFAULT_MAX_MSG_SIZE {
            return Ok(());
        }
        let announced = self.info()?.max_msg_size.unwrap_or(DEFAULT_MAX_MSG_SIZE as u64);
        let max = usize::try_from(announced).unwrap_or(usize::MAX).min(crate::proto::ctaphid::MAX_PAYLOAD);
        if size > max {
            return Err(ClientError::RequestTooLarge { size, max });
        }
        Ok(())
    }

    /// Send one CTAP2 command; return its CBOR body (if any) or the key's error status.
    pub fn call(&mut self, command_byte: u8, params: Option<&Value>, how: Call) -> Result<Option<Value>, ClientError> {
        if !self.channel.info().has_cbor() {
            return Err(ClientError::NotFido2);
        }
        let mut request = vec![command_byte];
        if let Some(p) = params {
            request.extend(cbor::encode(p));
        }
        self.check_size(request.len())?;
        let mut prompted = false;
        let prompt = &mut self.touch_prompt;
        let mut on_keepalive = |status: u8| {
            if status == keepalive::UPNEEDED && !prompted {
                prompted = true;
                if let Some(p) = prompt.as_mut() {
                    p();
                }
            }
        };
        let mut t = Transaction::new(cmd::CBOR, &request);
        // Until the key asks for a touch it must answer like any other request; the touch
        // timeout runs only from its first KEEPALIVE UPNEEDED.
        t.timeout = if how.may_need_touch { REPLY_TIMEOUT.min(self.touch_timeout) } else { REPLY_TIMEOUT };
        t.touch_timeout = how.may_need_touch.then_some(self.touch_timeout);
        t.sensitive = how.sensitive;
        t.public_prefix = if how.sensitive { client_pin_public_prefix(&request) } else { 0 };
        t.on_keepalive = Some(&mut on_keepalive);
        let answer = match self.channel.transact(t) {
            Err(CtaphidError::TouchTimeout(d)) => return Err(ClientError::TouchTimeout(d)),
            other => other?,
        };
        let (status, body) =
            answer.split_first().ok_or_else(|| ClientError::Malformed("the answer is empty".into()))?;
        if *status != code::OK {
            return Err(ClientError::Status { command: command_byte, status: CtapStatus::from(*status) });
        }
        if body.is_empty() {
            return Ok(None);
        }
        Ok(Some(cbor::decode(body)?))
    }
}
