//! Wire vocabulary shared by the host side and the virtual key. No I/O here.

pub mod auth_data;
pub mod bio;
pub mod cbor;
pub mod certificate;
pub mod cose;
pub mod ctap2;
pub mod ctaphid;
pub mod entities;
pub mod firmware;
pub mod get_info;
pub mod large_blob;
pub mod persistent_token;
pub mod pin_protocol;
pub mod status;
