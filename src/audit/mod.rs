//! Fleet audit logic: policy, checks, AAGUID and metadata lookup, advisories. Pure: no I/O.

pub mod models;
