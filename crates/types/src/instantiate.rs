//! Instantiation of generic types and functions (types2's
//! instantiate.go and named type expansion): the instance of a generic
//! named type or alias for type arguments (one per distinct argument
//! list, so identical instances share an id), instantiated signatures,
//! and verification that type arguments satisfy their constraints
//! ("T does not satisfy C (missing method M)").

use syntax::Pos;

use crate::arena::TypeId;
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
}
