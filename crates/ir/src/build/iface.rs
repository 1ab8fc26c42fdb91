//! Interfaces (conversions, assertions, method calls), maps, and
//! references to type descriptors. The descriptors themselves are
//! `typedesc`'s.

use syntax::ast::{self, Expr};
use syntax::Pos;
use types::arena::{ObjId, Store, TypeId};
use types::ty::Type;

use super::*;
use crate::func::{Callee, InstKind, Value};
use crate::typedesc::TYPES_SYM;

impl<S: Store> FuncBuilder<'_, '_, '_, S> {
    /// The address of `t`'s type descriptor.
    pub(super) fn type_desc(&mut self, t: TypeId, pos: Pos) -> Value {
        let off = self.sh.descs.type_off(self.p.store, t);
        self.ins1(InstKind::SymAddr(TYPES_SYM.to_string(), off as i64), pos)
    }

    /// The type `interface{}`.
    pub(super) fn empty_iface(&self) -> TypeId {
        types::universe::EMPTY_INTERFACE
    }

    pub(super) fn is_empty_iface(&self, t: TypeId) -> bool {
        match self.under(t) {
            Type::Interface(i) => i.methods.is_empty() && i.embeddeds.is_empty(),
            _ => false,
        }
    }

    /// A concrete value as a value of interface type `to`.
    pub(super) fn to_iface(
        &mut self,
        _v: Vec<Value>,
        _from: TypeId,
        _to: TypeId,
        pos: Pos,
    ) -> Result<Vec<Value>> {
        Err(unsupported(pos, "conversion to interface"))
    }

    /// An interface value as a value of another interface type.
    pub(super) fn iface_to_iface(
        &mut self,
        v: Vec<Value>,
        from: TypeId,
        to: TypeId,
        pos: Pos,
    ) -> Result<Vec<Value>> {
        if types::predicates::identical(self.p.store, from, to) {
            return Ok(v);
        }
        Err(unsupported(pos, "interface conversion"))
    }

    /// The callee of method `m` of an interface value `v` of type `t`.
    pub(super) fn iface_callee(
        &mut self,
        _v: Vec<Value>,
        _t: TypeId,
        _m: ObjId,
        pos: Pos,
        _args: &mut Vec<Value>,
    ) -> Result<Callee> {
        Err(unsupported(pos, "interface method calls"))
    }

    pub(super) fn map_index(&mut self, e: &Expr, _x: &Expr, _i: &Expr, _comma_ok: bool) -> Result<Vec<Value>> {
        Err(unsupported(e.pos, "maps"))
    }

    pub(super) fn map_store(&mut self, l: &Expr, _x: &Expr, _i: &Expr, _v: Vec<Value>) -> Result<()> {
        Err(unsupported(l.pos, "maps"))
    }

    pub(super) fn map_literal(&mut self, e: &Expr, _c: &ast::CompositeLit, _t: TypeId) -> Result<Vec<Value>> {
        Err(unsupported(e.pos, "maps"))
    }

    pub(super) fn make_map(&mut self, e: &Expr, _c: &ast::CallExpr, _t: TypeId) -> Result<Vec<Value>> {
        Err(unsupported(e.pos, "maps"))
    }

    pub(super) fn clear_map(&mut self, e: &Expr, _m: &Expr, _t: TypeId) -> Result<Vec<Value>> {
        Err(unsupported(e.pos, "maps"))
    }

    pub(super) fn delete_map(&mut self, e: &Expr, _c: &ast::CallExpr) -> Result<Vec<Value>> {
        Err(unsupported(e.pos, "maps"))
    }

    pub(super) fn recover(&mut self, e: &Expr) -> Result<Vec<Value>> {
        Err(unsupported(e.pos, "recover"))
    }

    pub(super) fn range_map(
        &mut self,
        _label: Option<ast::Symbol>,
        _r: &ast::RangeClause,
        _body: &ast::Block,
        pos: Pos,
    ) -> Result<()> {
        Err(unsupported(pos, "range over maps"))
    }
}
