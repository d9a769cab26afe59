//! `fidoctl wink`: blink the key.

use super::{exit, Context, Failure, Outcome};
use crate::client::ctaphid::CtaphidError;
use crate::output::message::Message;

pub fn run(ctx: &Context) -> Result<Outcome, Failure> {
    let mut auth = ctx.open_one()?;
    let path = auth.device().path().to_string();
    match auth.channel().wink() {
        Ok(()) => Ok(Outcome::ok(Message {
            text: format!("{path} is blinking."),
            fields: crate::output::results::Winked { device: super::device_object(&auth), winked: true },
        })),
        Err(CtaphidError::Unsupported) => Err(Failure::new(
            exit::FAILED,
            "wink_unsupported",
            format!("The key at {path} cannot blink (it does not offer CTAPHID_WINK)."),
        )
        .hint("Use `fidoctl select` and touch the key instead.")),
        Err(e) => Err(Failure::from(e)),
    }
}
