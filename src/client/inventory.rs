//! What a key tells about itself without a PIN, read once and shared by `list`, `info` and
//! `audit`: the CTAPHID INIT facts (capability bits decoded), getInfo (or the U2F-only
//! fallback), the firmware version and where it came from, and the PIN and UV retry counters.

use super::ctaphid::InitInfo;
use super::pin as client_pin;
use super::{Authenticator, ClientError};
use crate::proto::ctaphid::capability;
use crate::proto::get_info::{AuthenticatorInfo, PinSupport};

pub use crate::proto::firmware::Firmware;

/// PIN and built-in UV facts, read without a PIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PinFacts {
    pub support: PinSupport,
    /// Attempts left before the PIN locks for good; only when a PIN is set.
    pub retries: Option<u64>,
    /// Three wrong PINs in a row: re-plug before the next attempt (when the key says).
    pub power_cycle_required: Option<bool>,
    /// Built-in UV attempts left, for keys with built-in UV that answer.
    pub uv_retries: Option<u64>,
}

#[derive(Debug, Clone)]
pub struct Inventory {
    pub init: InitInfo,
    /// `wink`, `cbor`, and `msg` when the key accepts CTAPHID_MSG (U2F).
    pub capabilities: Vec<&'static str>,
    /// getInfo; `None` for a key that speaks only U2F (CTAP1).
    pub info: Option<AuthenticatorInfo>,
    pub firmware: Firmware,
    /// `None` for a U2F-only key, or when not asked for.
    pub pin: Option<PinFacts>,
}

impl Inventory {
    pub fn u2f_only(&self) -> bool {
        self.info.is_none()
    }
    /// The firmware text when getInfo reported it (0x0E).
    pub fn firmware_from_get_info(&self) -> Option<String> {
        matches!(self.firmware, Firmware::GetInfo(_)).then(|| self.firmware.to_string())
    }

    /// The protocol versions: getInfo's, or U2F_V2 for a U2F-only key.
    pub fn versions(&self) -> Vec<String> {
        match &self.info {
            Some(info) => info.versions.clone(),
            None => vec!["U2F_V2".to_string()],
        }
    }
}

/// How much to read: `list` needs no retry counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    Identity,
    WithPin,
}

pub fn read(auth: &mut Authenticator, depth: Depth) -> Result<Inventory, ClientError> {
    let init = auth.init_info();
    let mut capabilities = Vec::new();
    if init.capabilities & capability::WINK != 0 {
        capabilities.push("wink");
    }
    if init.capabilities & capability::CBOR != 0 {
        capabilities.push("cbor");
    }
    if init.capabilities & capability::NMSG == 0 {
        capabilities.push("msg");
    }
    let (a, b, c) = init.device_version;
    let from_init = Firmware::CtaphidInit(a, b, c);
    if !init.has_cbor() {
        return Ok(Inventory { init, capabilities, info: None, firmware: from_init, pin: None });
    }
    let info = auth.info()?.clone();
    let firmware = info.firmware_version.filter(|v| u32::try_from(*v).is_ok()).map_or(from_init, Firmware::GetInfo);
    let pin = match depth {
        Depth::Identity => None,
        Depth::WithPin => Some(pin_facts(auth, &info)?),
    };
    Ok(Inventory { init, capabilities, info: Some(info), firmware, pin })
}

fn pin_facts(auth: &mut Authenticator, info: &AuthenticatorInfo) -> Result<PinFacts, ClientError> {
    let mut facts = PinFacts { support: info.pin(), retries: None, power_cycle_required: None, uv_retries: None };
    if facts.support.is_set() {
        let r = client_pin::get_retries(auth)?;
        facts.retries = Some(r.retries);
        facts.power_cycle_required = r.power_cycle_required;
    }
    // A key may list uv but refuse the count (e.g. nothing enrolled): the count stays unknown.
    if info.uv().is_some() {
        facts.uv_retries = client_pin::get_uv_retries(auth).ok();
    }
    Ok(facts)
}
