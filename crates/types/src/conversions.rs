//! Conversions `T(x)` (types2's conversions.go): constant conversions
//! with gc's messages ("cannot convert 300 (untyped int constant) to type
//! int8" and truncation), convertibility between non-constant types
//! (numeric, string/byte/rune slices, pointers, unsafe.Pointer, slices to
//! arrays and array pointers, type parameters by their type sets).

use crate::arena::TypeId;
use crate::check::Checker;
use crate::operand::Operand;

impl<'a> Checker<'a, '_> {
    /// Converts `x` to type `t` in place (types2's conversion); on
    /// failure reports the error and invalidates `x`.
    pub(crate) fn conversion(&mut self, x: &mut Operand<'a>, t: TypeId) {
        // SKELETON
        let _ = (x, t);
    }
}
