//! What fidoctl says on stderr while a command runs: instructions to the person at the key,
//! notes and warnings, -v diagnostics and the -vv traffic. One place, one rule: a line about
//! fidoctl's own doing starts with "fidoctl: ", an instruction to the person does not.

/// An instruction for the person at the key ("Touch your security key now...").
pub fn instruct(text: &str) {
    eprintln!("{text}");
}

/// A note, warning or diagnostic from fidoctl itself.
pub fn note(text: &str) {
    eprintln!("fidoctl: {text}");
}
