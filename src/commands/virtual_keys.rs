//! `fidoctl virtual create | serve | replug`: software authenticators for tests and training.

use super::{exit, Context, Failure, Outcome};
use crate::cli::{ProfileArg, VirtualCommand};
use crate::output::message::Message;
use crate::output::notice;
use crate::output::results::{VirtualCreated, VirtualReplugged};
use crate::output::vocabulary::Device;
use crate::transport::virtual_admin::{self, CreateOptions, Profile, ServeError};
use crate::transport::DeviceDescription;
use std::path::Path;

pub fn run(ctx: &Context, command: VirtualCommand) -> Result<Outcome, Failure> {
    match command {
        VirtualCommand::Create { file, profile, aaguid, firmware, max_resident, bio } => {
            let mut options = CreateOptions {
                profile: match profile {
                    ProfileArg::Ctap22 => Profile::Ctap22,
                    ProfileArg::Ctap21 => Profile::Ctap21,
                    ProfileArg::Ctap21Pre => Profile::Ctap21Pre,
                    ProfileArg::Ctap20 => Profile::Ctap20,
                },
                bio,
                ..CreateOptions::default()
            };
            if let Some(a) = aaguid {
                options.aaguid = a.0;
            }
            if let Some(f) = firmware {
                options.firmware = f.0;
            }
            if let Some(m) = max_resident {
                options.max_resident = m;
            }
            let created = virtual_admin::create(&file, &options)?;
            ctx.diag(format!("created {}", file.display()));
            Ok(Outcome::ok(Message {
                text: format!(
                    "Created virtual key {} ({}, AAGUID {}). Use it with --device virtual:{}",
                    file.display(),
                    created.profile,
                    created.aaguid,
                    file.display()
                ),
                fields: VirtualCreated {
                    file: file.display().to_string(),
                    device: Device {
                        aaguid: Some(created.aaguid.clone()),
                        model: crate::audit::models::model_name(&created.aaguid).map(String::from),
                        ..Device::new(&DeviceDescription::virtual_key(file.clone()), None)
                    },
                    profile: created.profile.to_string(),
                    aaguid: created.aaguid.clone(),
                },
            }))
        }
        VirtualCommand::Replug { file } => {
            virtual_admin::replug(&file)?;
            Ok(Outcome::ok(Message {
                text: format!("Virtual key {} was unplugged and plugged back in.", file.display()),
                fields: VirtualReplugged { file: file.display().to_string(), replugged: true },
            }))
        }
        VirtualCommand::Serve { file, socket } => serve(ctx, &file, &socket),
    }
}

/// Serve until killed.
fn serve(ctx: &Context, file: &Path, socket: &Path) -> Result<Outcome, Failure> {
    let event = |m: &str| {
        if m.starts_with("serving") {
            notice::note(m);
        } else {
            ctx.diag(m);
        }
    };
    virtual_admin::serve(file, socket, &event).map_err(|e| match e {
        ServeError::State(s) => Failure::from(s),
        ServeError::InUse(_) => {
            Failure::new(exit::USAGE, "socket_in_use", e.to_string()).hint("Stop it, or choose another --socket path.")
        }
        ServeError::NotASocket(_) => Failure::usage(e.to_string()).hint("Choose another --socket path."),
        ServeError::Socket { .. } => {
            Failure::new(exit::FAILED, "socket_failed", super::failure::sentence(&e.to_string()))
        }
        ServeError::Crashed => {
            Failure::new(exit::FAILED, "virtual_key_crashed", super::failure::sentence(&e.to_string()))
        }
    })?;
    Ok(Outcome::silent())
}
