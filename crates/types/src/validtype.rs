//! Detection of invalid recursive types (types2's validtype.go): a type
//! that contains itself by value (`type T struct{ a [2]T }`), reported
//! as "invalid recursive type T" with the "T refers to U" cycle lines.

use crate::arena::TypeId;
use crate::check::Checker;

impl<'a> Checker<'a, '_> {
    /// Reports `t` (a named type being declared) if it contains itself.
    pub(crate) fn valid_type(&mut self, t: TypeId) {
        // SKELETON
        let _ = t;
    }
}
