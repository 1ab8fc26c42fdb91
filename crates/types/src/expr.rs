//! Expressions (types2's expr.go, const.go, operand.go's checks): the
//! dispatcher over expression kinds (`raw_expr`), the variants callers
//! use (`expr`, `multi_expr`, `expr_with_hint`, `expr_or_type`),
//! literals, unary and binary operations, shifts, comparisons, constant
//! overflow and representability ("cannot use 300 (untyped int constant)
//! as int8 value in ... (overflows)"), and the untyped machinery
//! (`convert_untyped`, `update_expr_type`, `record_untyped`).

use syntax::ast::Expr;
use syntax::token::Operator;

use crate::arena::TypeId;
use crate::check::Checker;
use crate::operand::Operand;

/// The signature a function-valued expression is expected to have (for
/// inferring the type arguments of a generic function used as a value,
/// Go 1.21's reverse inference), and how to describe it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Target<'t> {
    pub sig: TypeId,
    pub desc: &'t str,
}

impl<'a> Checker<'a, '_> {
    /// Checks `e` of any kind (value, type, built-in, no value) and
    /// records its type (types2's rawExpr). `hint` is the type of the
    /// enclosing composite literal's elements (for elided types).
    pub(crate) fn raw_expr(
        &mut self,
        target: Option<Target>,
        e: &'a Expr,
        hint: Option<TypeId>,
        allow_generic: bool,
    ) -> Operand<'a> {
        // SKELETON
        let _ = (target, hint, allow_generic);
        Operand::invalid(Some(e))
    }

    /// `e` must be a single value (types2's expr): not a type, not a
    /// call without results, not a tuple.
    pub(crate) fn expr(&mut self, target: Option<Target>, e: &'a Expr) -> Operand<'a> {
        self.raw_expr(target, e, None, false)
    }

    /// Like `expr`, but a generic function value is allowed (types2's
    /// genericExpr).
    pub(crate) fn gen_expr(&mut self, e: &'a Expr) -> Operand<'a> {
        self.raw_expr(None, e, None, true)
    }

    /// `e` may be a call with several results, or a comma-ok
    /// expression if `allow_comma_ok` (types2's multiExpr): one operand
    /// per value.
    pub(crate) fn multi_expr(&mut self, e: &'a Expr, allow_comma_ok: bool) -> Vec<Operand<'a>> {
        // SKELETON
        let _ = allow_comma_ok;
        vec![self.expr(None, e)]
    }

    /// `e` as a single value, with `hint` for an elided composite literal
    /// type (types2's exprWithHint).
    pub(crate) fn expr_with_hint(&mut self, e: &'a Expr, hint: TypeId) -> Operand<'a> {
        self.raw_expr(None, e, Some(hint), false)
    }

    /// `e` may be a value or a type (types2's exprOrType).
    pub(crate) fn expr_or_type(&mut self, e: &'a Expr, allow_generic: bool) -> Operand<'a> {
        self.raw_expr(None, e, None, allow_generic)
    }

    /// The binary operation `lhs op rhs` (types2's binary): evaluates both
    /// operands. `e` is the operation's own expression, `None` for the
    /// operation of an assignment `lhs op= rhs` (then nothing is recorded
    /// for it and messages quote `lhs op rhs`).
    pub(crate) fn binary(
        &mut self,
        e: Option<&'a Expr>,
        lhs: &'a Expr,
        rhs: &'a Expr,
        op: Operator,
    ) -> Operand<'a> {
        // SKELETON
        let _ = (e, rhs, op);
        Operand::invalid(Some(lhs))
    }

    /// Checks the expressions of a list for their side effects and
    /// errors only, after an error made their values irrelevant (types2's
    /// use).
    pub(crate) fn use_exprs(&mut self, es: &'a [Expr]) {
        for e in es {
            let _ = self.raw_expr(None, e, None, false);
        }
    }

    /// Converts an untyped operand to `target` (types2's convertUntyped):
    /// on failure reports gc's error and invalidates `x`.
    pub(crate) fn convert_untyped(&mut self, x: &mut Operand<'a>, target: TypeId) {
        // SKELETON
        let _ = (x, target);
    }

    /// The final type of the untyped expression `e` (and its operands)
    /// is `t` (types2's updateExprType).
    pub(crate) fn update_expr_type(&mut self, e: &'a Expr, t: TypeId, final_: bool) {
        // SKELETON
        let _ = (e, t, final_);
    }

    /// Records the untyped expressions left with their default types.
    pub(crate) fn record_untyped(&mut self) {
        // SKELETON
        self.untyped.clear();
    }
}
