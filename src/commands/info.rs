//! `fidoctl info`: decoded getInfo, PIN state and retries for one key.

use super::list::entry_from;
use super::{Context, Failure, Outcome};
use crate::client::bio::BioEnrollment;
use crate::client::inventory::{self, Depth};
use crate::client::Authenticator;
use crate::output::devices::{CtaphidFacts, FingerprintSensor, InfoReport, PinState};

pub fn run(ctx: &Context) -> Result<Outcome, Failure> {
    let mut auth = ctx.open_one()?;
    let mut report = report(&mut auth)?;
    report.raw_options = ctx.global.verbose >= 1;
    Ok(Outcome::ok(report))
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
    let fingerprint_sensor = fingerprint_sensor(auth);
    Ok(InfoReport {
        device: listed.device,
        firmware: listed.firmware,
        get_info_firmware,
        ctaphid,
        info: inv.info,
        pin,
        fingerprint_sensor,
        raw_options: false,
    })
}

/// The sensor of a key with built-in fingerprint UV (read without a PIN); None for other keys,
/// or when the key will not say.
fn fingerprint_sensor(auth: &mut Authenticator) -> Option<FingerprintSensor> {
    let s = BioEnrollment::open(auth).ok()?.sensor_info().ok()?;
    Some(FingerprintSensor {
        sensor: crate::commands::bio::sensor_word(s.kind).into(),
        samples_required: s.samples_required,
        max_name_bytes: s.max_name_bytes,
    })
}
