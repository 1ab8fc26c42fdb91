//! rgo's back end: IR functions to native x86-64 code with Cranelift
//! (`lower`), one relocatable object per program with the function table
//! and module data the runtime reads (`emit`), and linking with the
//! system C compiler driver against the runtime's static library
//! (`link`). The contract with the runtime is docs/ABI.md. Knows the IR,
//! not the AST or the type checker.

pub mod emit;
pub mod link;
pub mod lower;

pub use emit::emit_object;
pub use link::link;
