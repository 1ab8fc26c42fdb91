//! Index and slice expressions (types2's index.go): indexing of strings,
//! arrays, pointers to arrays, slices, maps and type parameters
//! (through their core types), constant index checks ("invalid argument:
//! index 5 out of bounds [0:3]"), slicing with two and three indices,
//! and `x[T1, T2]` on a generic function or type (instantiation, handed
//! to the generics passes).

use syntax::ast::{self, Expr};

use crate::check::Checker;
use crate::operand::Operand;

impl<'a> Checker<'a, '_> {
    /// `x[i]` or `x[T1, T2]` (types2's indexExpr and funcInst).
    pub(crate) fn index_expr(
        &mut self,
        e: &'a Expr,
        x: &'a Expr,
        indices: &'a [Expr],
        allow_generic: bool,
    ) -> Operand<'a> {
        // SKELETON
        let _ = (x, indices, allow_generic);
        Operand::invalid(Some(e))
    }

    /// `x[lo:hi:max]` (types2's sliceExpr).
    pub(crate) fn slice_expr(&mut self, e: &'a Expr, s: &'a ast::SliceExpr) -> Operand<'a> {
        // SKELETON
        let _ = s;
        Operand::invalid(Some(e))
    }

    /// Checks an index `e` (a non-negative integer constant smaller
    /// than `max` if known, or an integer value): its value if constant
    /// (types2's index).
    pub(crate) fn index(&mut self, e: &'a Expr, max: Option<i64>) -> Option<i64> {
        // SKELETON
        let _ = (e, max);
        None
    }
}
