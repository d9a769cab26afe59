//! fidoctl: manage FIDO2 security keys from the host.
//!
//! Layers (arrows point down only): cli → commands → client → transport → (hid | unix |
//! virtual key), with `proto` as the vocabulary every layer shares.

pub mod audit;
pub mod cli;
pub mod client;
pub mod commands;
pub mod output;
pub mod proto;
pub mod secrets;
pub mod ssh;
pub mod transport;
pub mod virtual_key;
