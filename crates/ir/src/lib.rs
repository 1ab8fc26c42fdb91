//! rgo's middle end: the typed SSA IR with block parameters (`func`), its
//! construction from a type-checked package (`build`, with on-the-fly SSA
//! construction in `ssa`), the representation of Go values as machine
//! scalars (`layout`), the verifier and the textual dump. Knows the AST
//! and the checker's results; knows nothing of Cranelift, object files
//! or the runtime's internals beyond the names of its entry points.

pub mod build;
pub mod func;
pub mod inline;
pub mod layout;
pub mod names;
pub mod opt;
pub mod overlay;
pub mod print;
pub mod ssa;
pub mod typedesc;
pub mod verify;
