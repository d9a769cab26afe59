//! `fidoctl creds list | delete | update`: discoverable credentials, exactly.

mod delete;
mod list;
pub(crate) mod lookup;
mod session;
mod update;

use super::{Context, Failure, Outcome};
use crate::cli::CredsCommand;

pub use list::ssh_view;
pub use session::CmSession;

pub fn run(ctx: &Context, command: CredsCommand) -> Result<Outcome, Failure> {
    match command {
        CredsCommand::List { rp } => list::list(ctx, rp.as_deref()),
        CredsCommand::Delete { credential_id } => delete::delete(ctx, &credential_id),
        CredsCommand::Update { credential_id, name, display_name } => {
            update::update(ctx, &credential_id, name, display_name)
        }
    }
}
