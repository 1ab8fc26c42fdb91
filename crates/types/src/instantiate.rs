//! Instantiation of generic types and functions (types2's
//! instantiate.go and named type expansion): the instance of a generic
//! named type or alias for type arguments (one per distinct argument
//! list, so identical instances share an id), instantiated signatures,
//! and verification that type arguments satisfy their constraints
//! ("T does not satisfy C (missing method M)").

use syntax::Pos;

use crate::arena::{ObjId, TypeId};
use crate::check::Checker;

impl<'a> Checker<'a, '_> {
    /// The instance of generic type or signature `orig` for `targs`;
    /// with `verify`, constraint satisfaction is checked (errors at
    /// `pos`).
    pub(crate) fn instantiate(
        &mut self,
        pos: Pos,
        orig: TypeId,
        targs: &[TypeId],
        verify: bool,
    ) -> TypeId {
        // SKELETON
        let _ = (pos, targs, verify);
        orig
    }

    /// The type of method `m` (found by lookup on `recv`, possibly an
    /// instance of a generic type, or a pointer to one) with the
    /// receiver's type arguments substituted for the method's receiver
    /// type parameters.
    pub(crate) fn method_type(&mut self, recv: TypeId, m: ObjId) -> TypeId {
        // SKELETON
        let _ = recv;
        use crate::arena::Store;
        self.store.obj(m).typ.unwrap_or(crate::universe::INVALID)
    }
}
