//! Statements and function bodies (types2's stmt.go, labels handled by
//! the syntax crate's branch checks as in gc): blocks and scopes, simple
//! statements, `if`/`for`/`switch`/type switch/`select`/`range` (over
//! ints, strings, slices, arrays, maps, channels and iterator functions),
//! `return` with result checks, `go`/`defer`, "missing return",
//! "declared and not used: x", and "x (value of type T) is not used".

use syntax::ast;

use crate::arena::{ObjId, TypeId};
use crate::check::Checker;
use crate::constant::Value;

impl<'a> Checker<'a, '_> {
    /// Checks the body of a function (or literal) with signature `sig`,
    /// whose parameters are declared in `scope` (types2's funcBody).
    /// `decl` is the package-level object the function belongs to, if
    /// any (for dependencies); `iota` the value of iota when the literal
    /// appears in a constant declaration.
    pub(crate) fn func_body(
        &mut self,
        decl: Option<ObjId>,
        name: &str,
        sig: TypeId,
        scope: crate::arena::ScopeId,
        body: &'a ast::Block,
        iota: Option<Value>,
    ) {
        // SKELETON
        let _ = (decl, name, sig, scope, body, iota);
    }
}
