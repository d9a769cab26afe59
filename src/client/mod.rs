//! The host side of the protocol: a CTAPHID channel over a `HidDevice`, and the CTAP2
//! operations as typed calls.

pub mod attestation;
pub mod authenticator;
pub mod bio;
pub mod config;
pub mod cred_blob;
pub mod cred_mgmt;
pub mod ctaphid;
pub mod exchange;
pub mod inventory;
pub mod large_blobs;
pub mod pin;
pub mod read_only;
pub mod uv_auth;

#[cfg(test)]
mod test_vectors;

pub use authenticator::{Authenticator, Call, ClientError};
