//! Calls and selectors (types2's call.go): function and method calls
//! with argument passing (variadic, `f(g())` with multiple results,
//! "not enough arguments in call to f\n\thave (...)\n\twant (...)"),
//! conversions and built-ins reached through a call, generic function
//! calls with type argument inference, and `x.sel` selectors: package
//! members, fields and methods through embedding, method values and
//! method expressions, with gc's "x.f undefined (type T has no field or
//! method f, but does have F)" family of messages.

use syntax::ast::{self, Expr};

use crate::arena::TypeId;
use crate::check::Checker;
use crate::operand::Operand;

impl<'a> Checker<'a, '_> {
    /// A call expression: function call, conversion or built-in.
    pub(crate) fn call_expr(&mut self, e: &'a Expr, call: &'a ast::CallExpr) -> Operand<'a> {
        // SKELETON
        let _ = call;
        Operand::invalid(Some(e))
    }

    /// `x.sel` (types2's selector). `def` and `want_type` as for
    /// `ident` (a qualified identifier may name a type).
    pub(crate) fn selector(
        &mut self,
        e: &'a Expr,
        x: &'a Expr,
        sel: ast::Name,
        def: Option<TypeId>,
        want_type: bool,
    ) -> Operand<'a> {
        // SKELETON
        let _ = (x, sel, def, want_type);
        Operand::invalid(Some(e))
    }
}
