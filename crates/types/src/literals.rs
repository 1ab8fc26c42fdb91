//! Composite and function literals (types2's literals.go): struct
//! literals (keyed and positional, "too few values in struct literal",
//! "unknown field f in struct literal of type T"), array, slice and map
//! literals with elided element types, duplicate keys and indices,
//! `[...]T` lengths; function literals with their bodies.

use syntax::ast::{self, Expr};

use crate::arena::TypeId;
use crate::check::Checker;
use crate::operand::Operand;

impl<'a> Checker<'a, '_> {
    /// `T{...}`; `hint` is the element type of an enclosing literal when
    /// `T` is elided.
    pub(crate) fn composite_lit(
        &mut self,
        e: &'a Expr,
        lit: &'a ast::CompositeLit,
        hint: Option<TypeId>,
    ) -> Operand<'a> {
        // SKELETON
        let _ = (lit, hint);
        Operand::invalid(Some(e))
    }

    /// `func(...) {...}`: its signature; the body is checked in the
    /// enclosing function's context (captured variables are used).
    pub(crate) fn func_lit(&mut self, e: &'a Expr, lit: &'a ast::FuncLit) -> Operand<'a> {
        // SKELETON
        let _ = lit;
        Operand::invalid(Some(e))
    }
}
