//! The host side of the protocol: a CTAPHID channel over a `HidDevice`, and the CTAP2
//! operations as typed calls.

pub mod ctaphid;
pub mod attestation;
