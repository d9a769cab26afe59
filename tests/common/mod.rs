//! Helpers shared by the integration tests. Each file in tests/ is its own crate and uses a
//! different subset, so include the whole set with `mod common;` and ignore dead code.
//!
//! - [`cli`]: the built binary, a clean environment, temp virtual keys, runs and their output.
//! - [`schema`]: test-side copies of the JSON documents fidoctl prints, strict about fields.
//! - [`u2f_double`]: a tiny U2F-only key (no CBOR) behind a UNIX socket, written here.
//! - [`interop`]: `fidoctl virtual serve` in a temp dir, and python-fido2 runs against it.

#![allow(dead_code)]

pub mod audit;
pub mod cli;
pub mod creds;
pub mod exchange;
pub mod interop;
pub mod pin;
pub mod readme;
pub mod reset;
pub mod schema;
pub mod u2f_double;
