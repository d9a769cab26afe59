//! Helpers shared by the integration tests. Each file in tests/ is its own crate and uses a
//! different subset, so include the whole set with `mod common;` and ignore dead code.
//!
//! - [`cli`]: the built binary, a clean environment, temp virtual keys, runs and their output
//!   (success documents, error documents, text failures).
//! - [`schema`]: test-side copies of every JSON document fidoctl prints, strict about fields.
//! - [`csv`]: a strict RFC 4180 reader for `--format csv`.
//! - [`trace`]: what fidoctl sent and received, from its `-vv` trace.
//! - [`state`]: reading and editing a virtual key's state file.
//! - [`creds`], [`exchange`], [`pin`], [`audit`], [`readme`]: what only one area needs
//!   (credentials made through the binary; independent CBOR/COSE/attestation checks; a key
//!   that watches for leaked PINs; fleets and a metadata PKI; running documentation).
//! - [`u2f_double`]: a tiny U2F-only key (no CBOR) behind a UNIX socket, written here.
//! - [`blobs`]: fidoctl's client on a served key, with a PIN and a credential holding a large blob.
//! - [`interop`]: `fidoctl virtual serve` in a temp dir, and python-fido2 runs against it.
//! - [`host_tools`]: libfido2's tools and OpenSSH against it, through the LD_PRELOAD shim.
//! - [`tokens`]: a CTAP 2.2 key with a PIN, a credential and a token folder, for read-only tokens.

#![allow(dead_code)]

pub mod audit;
pub mod blobs;
pub mod cli;
pub mod creds;
pub mod csv;
pub mod exchange;
pub mod host_tools;
pub mod interop;
pub mod journal;
pub mod pin;
pub mod readme;
pub mod schema;
pub mod state;
pub mod terminal;
pub mod tokens;
pub mod trace;
pub mod u2f_double;
