//! fidoctl: manage FIDO2 security keys from the host.
//!
//! Layers (arrows point down only): cli → commands → client → transport → (hid | unix |
//! virtual key), with `proto` as the vocabulary every layer shares.

pub mod proto;
pub mod transport;
pub mod client;
pub mod audit;
