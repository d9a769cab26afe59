//! `fidoctl list`: every selected key, read one by one; an unreadable key is listed with its
//! error (exit 1) rather than hiding the others.

use super::{exit, Context, Failure, Outcome};
use crate::audit::models::model_name;
use crate::client::inventory::{self, Depth, Inventory};
use crate::client::Authenticator;
use crate::output::devices::{DeviceEntry, DeviceList, ReadError};
use crate::transport::DeviceDescription;

pub fn run(ctx: &Context) -> Result<Outcome, Failure> {
    let devices = ctx.devices()?;
    let mut entries = Vec::with_capacity(devices.len());
    // The first unreadable key decides the exit code (3 for a device problem, as DESIGN.md's
    // table says); every key is still listed.
    let mut failed: Option<u8> = None;
    for d in &devices {
        let entry = describe(ctx, d).unwrap_or_else(|f| {
            failed.get_or_insert(f.exit_code);
            ctx.diag(format!("{}: {}", d.path(), f.message));
            DeviceEntry {
                error: Some(ReadError { code: f.code, message: f.message }),
                ..DeviceEntry::from_description(d)
            }
        });
        entries.push(entry);
    }
    Ok(Outcome { output: Some(Box::new(DeviceList { devices: entries })), exit_code: failed.unwrap_or(exit::SUCCESS) })
}

/// What `list` says about one key (also used by `info` for its header).
pub fn describe(ctx: &Context, d: &DeviceDescription) -> Result<DeviceEntry, Failure> {
    let mut auth = ctx.open(d)?;
    entry_for(&mut auth)
}

pub fn entry_for(auth: &mut Authenticator) -> Result<DeviceEntry, Failure> {
    let inv = inventory::read(auth, Depth::Identity)?;
    Ok(entry_from(auth.device(), &inv))
}

/// The `list` entry of a key whose inventory was read.
pub fn entry_from(device: &DeviceDescription, inv: &Inventory) -> DeviceEntry {
    let mut entry = DeviceEntry::from_description(device);
    entry.u2f_only = inv.u2f_only();
    entry.versions = inv.versions();
    entry.firmware = Some(inv.firmware.to_string());
    if let Some(info) = &inv.info {
        let aaguid = info.aaguid_string();
        entry.device.model = model_name(&aaguid).map(String::from);
        entry.device.aaguid = Some(aaguid);
    }
    entry
}
