//! Type expressions and identifiers (types2's typexpr.go, signature.go,
//! struct.go, interface.go, union.go): resolving a name to its object
//! (`ident`, which records uses and marks variables and imports used),
//! turning type expressions into types (`typ`, `defined_type` for the
//! right-hand side of a type declaration, `var_type` which rejects
//! constraint interfaces), signatures with their parameter scopes,
//! structs with embedded fields and tags, interfaces with methods and
//! embedded elements, unions, array lengths, and instantiation of generic
//! types written `T[A, B]`.

use syntax::ast::{self, Expr, Symbol};

use crate::arena::TypeId;
use crate::check::Checker;
use crate::operand::Operand;
use crate::universe;

impl<'a> Checker<'a, '_> {
    /// The operand a name expression denotes (types2's ident). `def` is
    /// the named type being declared (for cycle detection), `want_type`
    /// says a type is expected (for the message on failure).
    pub(crate) fn ident(
        &mut self,
        e: &'a Expr,
        name: Symbol,
        def: Option<TypeId>,
        want_type: bool,
    ) -> Operand<'a> {
        // SKELETON
        let _ = (name, def, want_type);
        Operand::invalid(Some(e))
    }

    /// The type `e` denotes; reports an error and returns
    /// `universe::INVALID` if it is not a type (types2's typ).
    pub(crate) fn typ(&mut self, e: &'a Expr) -> TypeId {
        self.defined_type(e, None)
    }

    /// Like `typ`, but constraint interfaces are not allowed (types2's
    /// varType): the type of a variable, field or parameter.
    pub(crate) fn var_type(&mut self, e: &'a Expr) -> TypeId {
        // SKELETON
        self.typ(e)
    }

    /// The type `e` denotes when it is the right-hand side of the
    /// declaration of the named type `def` (types2's definedType).
    pub(crate) fn defined_type(&mut self, e: &'a Expr, def: Option<TypeId>) -> TypeId {
        // SKELETON
        let _ = (e, def);
        universe::INVALID
    }

    /// A generic type used without instantiation is allowed here (the
    /// callee of an index expression instantiating it).
    pub(crate) fn generic_type(&mut self, e: &'a Expr) -> TypeId {
        // SKELETON
        self.typ(e)
    }

    /// The signature of a function or method declaration or literal
    /// (types2's funcType): declares receiver, type parameters,
    /// parameters and results in a new function scope, which becomes
    /// `self.env.scope`'s child and is returned with the signature (the
    /// body is checked in that scope).
    pub(crate) fn func_type(
        &mut self,
        recv: Option<&'a ast::Field>,
        tparams: &'a [ast::Field],
        ft: &'a ast::FuncType,
    ) -> (TypeId, crate::arena::ScopeId) {
        // SKELETON
        let _ = (recv, tparams);
        let scope = self.open_scope(ft.pos, ft.end, "function");
        self.close_scope();
        (universe::INVALID, scope)
    }

    /// The length of an array type `[e]T` (types2's arrayLength).
    pub(crate) fn array_length(&mut self, e: &'a Expr) -> Option<u64> {
        // SKELETON
        let _ = e;
        None
    }
}
