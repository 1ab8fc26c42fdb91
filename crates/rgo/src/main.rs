//! The rgo command.
fn main() {}
