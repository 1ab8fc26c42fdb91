//! Assignments and initializations (types2's assignments.go): a value
//! assigned to a variable of a type (`assignment`, with gc's "cannot use
//! x (variable of type int) as string value in assignment: ..."),
//! initialization of declared variables (type inference from the
//! initializer, default types for untyped values), assignment to
//! addressable expressions and map entries ("cannot assign to x (neither
//! addressable nor a map index expression)"), multi-value assignments
//! with gc's "assignment mismatch: 2 variables but f returns 1 value",
//! and short variable declarations ("no new variables on left side of
//! :=").

use syntax::ast::{Expr, Stmt};

use crate::arena::{ObjId, TypeId};
use crate::check::Checker;
use crate::operand::Operand;

impl<'a> Checker<'a, '_> {
    /// Checks that `x` can be assigned to a variable of type `t` (or, if
    /// `t` is `None`, gives an untyped `x` its default type), converting
    /// untyped values; `context` completes the message ("assignment",
    /// "argument", "return statement", ...). On failure `x` becomes
    /// invalid (types2's assignment).
    pub(crate) fn assignment(&mut self, x: &mut Operand<'a>, t: Option<TypeId>, context: &str) {
        // SKELETON
        let _ = (x, t, context);
    }

    /// Initializes variable `lhs` with `x` (types2's initVar): an untyped
    /// `lhs` gets `x`'s (default) type.
    pub(crate) fn init_var(&mut self, lhs: ObjId, x: &mut Operand<'a>, context: &str) {
        // SKELETON
        let _ = (lhs, x, context);
    }

    /// Initializes the variables `lhs` with the values of `rhs` (types2's
    /// initVars), for `var` declarations and (with `return_stmt`) returns.
    pub(crate) fn init_vars(
        &mut self,
        lhs: &[ObjId],
        rhs: &'a [Expr],
        return_stmt: Option<&'a Stmt>,
    ) {
        // SKELETON
        let _ = (lhs, rhs, return_stmt);
    }
}
