//! `fidoctl info`: decoded getInfo, PIN state and retries for one key.

use super::list::entry_for;
use super::{Context, Failure, Outcome};
use crate::client::Authenticator;
use crate::output::devices::{CtaphidFacts, InfoReport, PinState};
use crate::proto::ctaphid::capability;

pub fn run(ctx: &Context) -> Result<Outcome, Failure> {
    let mut auth = ctx.open_one()?;
    Ok(Outcome::ok(report(&mut auth)?))
}

/// Everything `info` says about an open key.
pub fn report(auth: &mut Authenticator) -> Result<InfoReport, Failure> {
    let device = entry_for(auth)?;
    let init = auth.init_info();
    let mut caps = Vec::new();
    if init.capabilities & capability::WINK != 0 {
        caps.push("wink");
    }
    if init.capabilities & capability::CBOR != 0 {
        caps.push("cbor");
    }
    if init.capabilities & capability::NMSG == 0 {
        caps.push("msg");
    }
    let (a, b, c) = init.device_version;
    let ctaphid = CtaphidFacts {
        protocol_version: init.protocol_version,
        device_version: format!("{a}.{b}.{c}"),
        capabilities: caps,
    };
    if device.u2f_only {
        return Ok(InfoReport { device, ctaphid, info: None, pin: None });
    }
    let pin = pin_state(auth)?;
    let info = auth.info()?.clone();
    Ok(InfoReport { device, ctaphid, info: Some(info), pin: Some(pin) })
}

/// PIN facts: from getInfo, plus the retry counters when the key has a PIN.
pub fn pin_state(auth: &mut Authenticator) -> Result<PinState, Failure> {
    let info = auth.info()?;
    let mut state = PinState {
        supported: info.pin().supported(),
        set: info.pin().is_set(),
        min_length: info.min_pin_length,
        force_change: info.force_pin_change == Some(true),
        ..PinState::default()
    };
    if state.set {
        let retries = crate::client::pin::get_retries(auth)?;
        state.retries = Some(retries.retries);
        state.blocked = retries.retries == 0;
        state.power_cycle_required = retries.power_cycle_required;
    }
    if auth.info()?.uv().is_some() {
        state.uv_retries = crate::client::pin::get_uv_retries(auth).ok();
    }
    Ok(state)
}
