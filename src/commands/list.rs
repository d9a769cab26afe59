//! `fidoctl list`: every selected key, read one by one; an unreadable key is listed with its
//! error (exit 1) rather than hiding the others.

use super::{exit, Context, Failure, Outcome};
use crate::audit::models::model_name;
use crate::client::Authenticator;
use crate::output::devices::{firmware_text, DeviceEntry, DeviceList, ReadError};
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
            ctx.diag(format!("{}: {}", d.path, f.message));
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
    let mut entry = DeviceEntry::from_description(auth.device());
    let init = auth.init_info();
    if !init.has_cbor() {
        entry.u2f_only = true;
        entry.versions = vec!["U2F_V2".to_string()];
        let (a, b, c) = init.device_version;
        entry.firmware = Some(format!("{a}.{b}.{c}"));
        return Ok(entry);
    }
    let info = auth.info()?;
    let aaguid = info.aaguid_string();
    entry.model = model_name(&aaguid).map(String::from);
    entry.aaguid = Some(aaguid);
    entry.versions = info.versions.clone();
    entry.firmware = info.firmware_version.map(firmware_text).or_else(|| {
        let (a, b, c) = init.device_version;
        Some(format!("{a}.{b}.{c}"))
    });
    Ok(entry)
}
