//! Type argument inference (types2's infer.go, unify.go): from typed
//! and untyped function arguments, from constraints' core types, from
//! the assignment context (reverse inference), with untyped defaults,
//! and gc's "in call to f, cannot infer T" messages.

use syntax::Pos;

use crate::arena::TypeId;
use crate::check::Checker;
use crate::operand::Operand;

impl<'a> Checker<'a, '_> {
    /// Infers the missing type arguments of `tparams` (the first
    /// `targs.len()` are given) from `args` passed to parameters
    /// `params` (a tuple). Returns all type arguments, or `None` after
    /// reporting why inference failed.
    pub(crate) fn infer(
        &mut self,
        pos: Pos,
        tparams: &[TypeId],
        targs: &[TypeId],
        params: Option<TypeId>,
        args: &[Operand<'a>],
        reverse: bool,
    ) -> Option<Vec<TypeId>> {
        // SKELETON
        let _ = (pos, params, args, reverse);
        (targs.len() == tparams.len()).then(|| targs.to_vec())
    }
}
