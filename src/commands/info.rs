//! `fidoctl info`: decoded getInfo, PIN state and retries for one key.

use super::list::entry_from;
use super::{Context, Failure, Outcome};
use crate::client::inventory::{self, Depth};
use crate::client::Authenticator;
use crate::output::devices::{CtaphidFacts, InfoReport, PinState};

pub fn run(ctx: &Context) -> Result<Outcome, Failure> {
    let mut auth = ctx.open_one()?;
    Ok(Outcome::ok(report(&mut auth)?))
}

/// Everything `info` says about an open key.
pub fn report(auth: &mut Authenticator) -> Result<InfoReport, Failure> {
    let inv = inventory::read(auth, Depth::WithPin)?;
    let listed = entry_from(auth.device(), &inv);
    let (a, b, c) = inv.init.device_version;
    let ctaphid = CtaphidFacts {
        protocol_version: inv.init.protocol_version,
        device_version: format!("{a}.{b}.{c}"),
        capabilities: inv.capabilities.clone(),
    };
    let get_info_firmware = inv.info.as_ref().and(inv.firmware_from_get_info());
    let pin = inv.pin.map(|p| PinState {
        pin_supported: p.support.supported(),
        pin_set: p.support.is_set(),
        pin_retries: p.retries,
        // Null = not applicable (no PIN set, so no retries): the audit's rule.
        pin_blocked: p.retries.map(|r| r == 0),
        power_cycle_required: p.power_cycle_required,
        uv_retries: p.uv_retries,
        min_pin_length: inv.info.as_ref().and_then(|i| i.min_pin_length),
        force_pin_change: inv.info.as_ref().is_some_and(|i| i.must_change_pin()),
    });
    Ok(InfoReport { device: listed.device, firmware: listed.firmware, get_info_firmware, ctaphid, info: inv.info, pin })
}
