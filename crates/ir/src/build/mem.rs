//! Storage: the places expressions denote (SSA locals and parts of them,
//! memory at an address), loads and stores of whole values, field
//! selection, indexing, slicing and composite literals.

use syntax::ast::{self, Expr, ExprKind};
use syntax::token::Operator;
use syntax::Pos;
use types::arena::TypeId;
use types::info::SelectionKind;
use types::predicates::{is_string, is_unsigned};
use types::ty::Type;
use types::universe;

use super::*;
use crate::func::{BinOp, BoundsKind, CmpOp, InstKind, Ty, Value};
use crate::overlay::Subst;

/// Where a value is stored.
#[derive(Clone)]
pub(super) enum Place {
    /// SSA variables: a local, or the leaves of a part of one.
    Ssa(Vec<Var>),
    /// Memory at an address.
    Mem(Value),
}

impl<S: Subst> FuncBuilder<'_, '_, '_, S> {
    // ---- whole values ----

    /// Loads a value of type `t` from `addr` (a private copy for memory
    /// types).
    pub(super) fn load_value(&mut self, addr: Value, t: TypeId, pos: Pos) -> Result<Vec<Value>> {
        match self.leaves_of(t) {
            Some(leaves) => Ok(leaves
                .iter()
                .map(|&(ty, off)| self.ins1(InstKind::Load(ty, addr, off as i32), pos))
                .collect()),
            None => {
                let tmp = self.temp(t, pos);
                let n = self.size_of(t);
                self.ins(InstKind::Copy(tmp, addr, n), pos);
                Ok(vec![tmp])
            }
        }
    }

    pub(super) fn store_value(
        &mut self,
        addr: Value,
        t: TypeId,
        v: &[Value],
        pos: Pos,
    ) -> Result<()> {
        match self.leaves_of(t) {
            Some(leaves) => {
                let mask = self.sh.descs.pointer_mask(self.p.store, t);
                for ((_, off), &val) in leaves.iter().zip(v) {
                    let w = (*off / 8) as usize;
                    let is_ptr =
                        off % 8 == 0 && mask.get(w / 8).is_some_and(|b| b & (1 << (w % 8)) != 0);
                    self.store_leaf(addr, val, *off as i32, is_ptr, pos);
                }
            }
            None => {
                let n = self.size_of(t);
                if n > 0 {
                    // (With a write barrier: gc's typedmemmove when `t`
                    // has pointers.)
                    self.ins(InstKind::Copy(addr, v[0], n), pos);
                }
            }
        }
        Ok(())
    }

    /// One scalar of a Go value stored to memory: the write barrier's
    /// place. Every store of a Go value's pointer word (`is_ptr`) to
    /// memory that may be a heap object goes through here (stores into
    /// fresh objects and stack temporaries made by the builder need none,
    /// as in gc). The collector stops the world, so today this is a plain
    /// store; with concurrent marking, pointer stores will test
    /// `runtime.writeBarrier.enabled` and call `runtime.gcWriteBarrier(slot,
    /// ptr)` when it is set (docs/ABI.md).
    fn store_leaf(&mut self, addr: Value, val: Value, off: i32, is_ptr: bool, pos: Pos) {
        let _ = is_ptr;
        self.ins(InstKind::Store(addr, val, off), pos);
    }

    /// The address of a copy of `v` (a value of type `t`) in the frame.
    pub(super) fn spill(&mut self, v: &[Value], t: TypeId, pos: Pos) -> Result<Value> {
        if self.is_mem(t) {
            return Ok(v[0]);
        }
        let a = self.temp(t, pos);
        self.store_value(a, t, v, pos)?;
        Ok(a)
    }

    pub(super) fn load_place(&mut self, pl: &Place, t: TypeId, pos: Pos) -> Result<Vec<Value>> {
        match pl {
            Place::Ssa(vars) => {
                let b = self.cur();
                Ok(vars
                    .iter()
                    .map(|&v| self.ssa.read(&mut self.f, v, b))
                    .collect())
            }
            Place::Mem(a) => self.load_value(*a, t, pos),
        }
    }

    pub(super) fn store_place(
        &mut self,
        pl: &Place,
        t: TypeId,
        v: &[Value],
        pos: Pos,
    ) -> Result<()> {
        match pl {
            Place::Ssa(vars) => {
                let b = self.cur();
                for (var, &val) in vars.iter().zip(v) {
                    self.ssa.write(*var, b, val);
                }
                Ok(())
            }
            Place::Mem(a) => self.store_value(*a, t, v, pos),
        }
    }

    /// `addr + off`.
    pub(super) fn offset(&mut self, addr: Value, off: i64, pos: Pos) -> Value {
        if off == 0 {
            return addr;
        }
        let o = self.iconst(Ty::PTR, off, pos);
        self.ins1(InstKind::Bin(BinOp::Add, addr, o), pos)
    }

    /// `base + i * size`.
    pub(super) fn elem_addr(&mut self, base: Value, i: Value, size: u32, pos: Pos) -> Value {
        let off = if size == 1 {
            i
        } else {
            let sz = self.iconst(Ty::I64, size as i64, pos);
            self.ins1(InstKind::Bin(BinOp::Mul, i, sz), pos)
        };
        self.ins1(InstKind::Bin(BinOp::Add, base, off), pos)
    }

    /// The leaves (indices into `leaves_of(t)`) of the part of a `t` at
    /// `off` of type `ft`.
    pub(super) fn part_range(&self, t: TypeId, off: u32, ft: TypeId) -> std::ops::Range<usize> {
        let leaves = self.leaves_of(t).unwrap_or_default();
        let size = self.size_of(ft);
        let _ = size;
        let first = leaves
            .iter()
            .position(|&(_, o)| o >= off)
            .unwrap_or(leaves.len());
        let n = self.width_if_ssa(ft);
        first..(first + n).min(leaves.len())
    }

    pub(super) fn width_if_ssa(&self, t: TypeId) -> usize {
        self.leaves_of(t).map_or(0, |l| l.len())
    }

    // ---- places ----

    /// The place `e` denotes, or `None` if it is not addressable (nor an
    /// SSA local or part of one).
    pub(super) fn place(&mut self, e: &Expr) -> Result<Option<Place>> {
        match &e.kind {
            ExprKind::Paren(x) => self.place(x),
            ExprKind::Name(n) if n.as_str() == "_" => Ok(None),
            ExprKind::Name(_) => {
                let Some(obj) = self.use_of(e) else {
                    return Ok(None);
                };
                match self.locals.get(&obj).cloned() {
                    Some(Local::Ssa(vars)) => return Ok(Some(Place::Ssa(vars))),
                    Some(Local::Mem(var)) => {
                        let b = self.cur();
                        let a = self.ssa.read(&mut self.f, var, b);
                        return Ok(Some(Place::Mem(a)));
                    }
                    None => {}
                }
                if let Some(sym) = self.global_sym(obj) {
                    let a = self.ins1(InstKind::SymAddr(sym, 0), e.pos);
                    return Ok(Some(Place::Mem(a)));
                }
                Ok(None)
            }
            ExprKind::Selector(..) if self.use_of(e).is_some() => {
                // A qualified identifier: another package's variable.
                let obj = self.use_of(e).expect("checked");
                match self.global_sym(obj) {
                    Some(sym) => {
                        let a = self.ins1(InstKind::SymAddr(sym, 0), e.pos);
                        Ok(Some(Place::Mem(a)))
                    }
                    None => Ok(None),
                }
            }
            ExprKind::Operation(Operator::Mul, x, None) => {
                let p = self.expr(x)?[0];
                self.ins(InstKind::NilCheck(p), e.pos);
                Ok(Some(Place::Mem(p)))
            }
            ExprKind::Selector(x, _) => {
                let key = self.key(e);
                let Some(sel) = self.p.info.selections.get(&key).cloned() else {
                    return Ok(None);
                };
                if sel.kind != SelectionKind::FieldVal {
                    return Ok(None);
                }
                let xt = self.type_of(x);
                let (base, t) = match self.under(xt) {
                    Type::Pointer(elem) => {
                        let p = self.expr(x)?[0];
                        self.ins(InstKind::NilCheck(p), e.pos);
                        (Place::Mem(p), *elem)
                    }
                    _ => match self.place(x)? {
                        Some(pl) => (pl, xt),
                        None => return Ok(None),
                    },
                };
                Ok(Some(self.field_path(base, t, &sel.index, e.pos)?.0))
            }
            ExprKind::Index(x, idx) if idx.len() == 1 => {
                let xt = self.type_of(x);
                match self.under(xt).clone() {
                    Type::Array(n, elem) => {
                        let Some(base) = self.place(x)? else {
                            return Ok(None);
                        };
                        let n = n.unwrap_or(0);
                        let i = self.index_value(&idx[0], n as i64, None, e.pos)?;
                        match base {
                            Place::Ssa(vars) => Ok(Some(Place::Ssa(vars))),
                            Place::Mem(a) => {
                                let es = self.size_of(elem);
                                Ok(Some(Place::Mem(self.elem_addr(a, i, es, e.pos))))
                            }
                        }
                    }
                    Type::Pointer(pt) => {
                        let Type::Array(n, elem) = self.under(pt).clone() else {
                            return Ok(None);
                        };
                        let p = self.expr(x)?[0];
                        self.ins(InstKind::NilCheck(p), e.pos);
                        let i = self.index_value(&idx[0], n.unwrap_or(0) as i64, None, e.pos)?;
                        let es = self.size_of(elem);
                        Ok(Some(Place::Mem(self.elem_addr(p, i, es, e.pos))))
                    }
                    Type::Slice(elem) => {
                        let s = self.expr(x)?;
                        let i = self.index_value(&idx[0], 0, Some(s[1]), e.pos)?;
                        let es = self.size_of(elem);
                        Ok(Some(Place::Mem(self.elem_addr(s[0], i, es, e.pos))))
                    }
                    _ => Ok(None),
                }
            }
            _ => Ok(None),
        }
    }

    /// Follows a selection's field path from `base` (a value of type
    /// `t`), through embedded pointers; the final place and its type.
    pub(super) fn field_path(
        &mut self,
        mut cur: Place,
        mut t: TypeId,
        path: &[u32],
        pos: Pos,
    ) -> Result<(Place, TypeId)> {
        for (k, &idx) in path.iter().enumerate() {
            if k > 0 {
                if let Type::Pointer(elem) = self.under(t) {
                    let elem = *elem;
                    let p = self.load_place(&cur, t, pos)?[0];
                    self.ins(InstKind::NilCheck(p), pos);
                    cur = Place::Mem(p);
                    t = elem;
                }
            }
            let Type::Struct(st) = self.under(t).clone() else {
                return Err(unsupported(pos, "this field selection"));
            };
            let offs = types::sizes::offsetsof(self.p.store, &st.fields);
            let f = st.fields[idx as usize];
            let ft = self.obj_type(f);
            let off = offs[idx as usize] as u32;
            cur = match cur {
                Place::Mem(a) => Place::Mem(self.offset(a, off as i64, pos)),
                Place::Ssa(vars) => {
                    let r = self.part_range(t, off, ft);
                    Place::Ssa(vars[r].to_vec())
                }
            };
            t = ft;
        }
        Ok((cur, t))
    }

    /// The part at `off` of type `ft` of a value `v` of type `t`.
    pub(super) fn extract(
        &mut self,
        v: &[Value],
        t: TypeId,
        off: u32,
        ft: TypeId,
        pos: Pos,
    ) -> Result<Vec<Value>> {
        if self.is_mem(t) {
            let a = self.offset(v[0], off as i64, pos);
            return self.load_value(a, ft, pos);
        }
        let r = self.part_range(t, off, ft);
        Ok(v[r].to_vec())
    }

    /// A field selection on a value.
    pub(super) fn field_value(&mut self, e: &Expr, x: &Expr, path: &[u32]) -> Result<Vec<Value>> {
        let et = self.type_of(e);
        if let Some(pl) = self.place(e)? {
            return self.load_place(&pl, et, e.pos);
        }
        // A field of a value that is not addressable (a call's result).
        let mut t = self.type_of(x);
        let mut v = self.expr(x)?;
        for &idx in path {
            if let Type::Pointer(elem) = self.under(t) {
                let elem = *elem;
                self.ins(InstKind::NilCheck(v[0]), e.pos);
                v = self.load_value(v[0], elem, e.pos)?;
                t = elem;
            }
            let Type::Struct(st) = self.under(t).clone() else {
                return Err(unsupported(e.pos, "this field selection"));
            };
            let offs = types::sizes::offsetsof(self.p.store, &st.fields);
            let f = st.fields[idx as usize];
            let ft = self.obj_type(f);
            v = self.extract(&v, t, offs[idx as usize] as u32, ft, e.pos)?;
            t = ft;
        }
        Ok(v)
    }

    /// An index operand as an `i64`, checked against `len` (a constant
    /// `n` when `len` is `None`).
    pub(super) fn index_value(
        &mut self,
        i: &Expr,
        n: i64,
        len: Option<Value>,
        pos: Pos,
    ) -> Result<Value> {
        let it = self.type_of(i);
        let it = if self.tv(i).is_some_and(|t| t.val.is_some())
            && types::predicates::is_untyped(self.p.store, it)
        {
            universe::INT
        } else {
            it
        };
        let v = self.expr_as(i, it)?[0];
        let unsigned = is_unsigned(self.p.store, it);
        let v = self.widen(v, unsigned, pos);
        let len = match len {
            Some(l) => l,
            None => self.iconst(Ty::I64, n, pos),
        };
        self.ins(
            InstKind::BoundsCheck {
                kind: BoundsKind::Index,
                index: v,
                len,
                unsigned,
            },
            pos,
        );
        Ok(v)
    }

    /// `x[i]` as a value.
    pub(super) fn index(&mut self, e: &Expr, x: &Expr, i: &Expr) -> Result<Vec<Value>> {
        let xt = self.type_of(x);
        let et = self.type_of(e);
        if is_string(self.p.store, xt) {
            let s = self.expr(x)?;
            let idx = self.index_value(i, 0, Some(s[1]), e.pos)?;
            let addr = self.ins1(InstKind::Bin(BinOp::Add, s[0], idx), e.pos);
            return Ok(vec![self.ins1(InstKind::Load(Ty::I8, addr, 0), e.pos)]);
        }
        if let Type::Map(..) = self.under(xt) {
            return self.map_index(e, x, i, false);
        }
        if let Some(pl) = self.place(e)? {
            return self.load_place(&pl, et, e.pos);
        }
        // An array value that is not addressable.
        let Type::Array(n, elem) = self.under(xt).clone() else {
            return Err(unsupported(e.pos, "indexing of this type"));
        };
        let v = self.expr(x)?;
        let idx = self.index_value(i, n.unwrap_or(0) as i64, None, e.pos)?;
        if self.is_mem(xt) {
            let es = self.size_of(elem);
            let a = self.elem_addr(v[0], idx, es, e.pos);
            return self.load_value(a, elem, e.pos);
        }
        Ok(v)
    }

    /// `x[lo:hi:max]`.
    pub(super) fn slice_expr(&mut self, e: &Expr, se: &ast::SliceExpr) -> Result<Vec<Value>> {
        let xt = self.type_of(&se.x);
        let pos = e.pos;
        // The base pointer, length and capacity of what is sliced.
        // Strings and arrays report lengths, slices capacities (gc's
        // boundsError kinds).
        let by_len = !matches!(self.under(xt), Type::Slice(_));
        let (ptr, len, cap, elem_size, string) = match self.under(xt).clone() {
            Type::Basic { .. } if is_string(self.p.store, xt) => {
                let s = self.expr(&se.x)?;
                (s[0], s[1], s[1], 1, true)
            }
            Type::Slice(elem) => {
                let s = self.expr(&se.x)?;
                (s[0], s[1], s[2], self.size_of(elem), false)
            }
            Type::Array(n, elem) => {
                let Some(Place::Mem(a)) = self.place(&se.x)? else {
                    return Err(unsupported(pos, "slicing of this array"));
                };
                let n = self.iconst(Ty::I64, n.unwrap_or(0) as i64, pos);
                (a, n, n, self.size_of(elem), false)
            }
            Type::Pointer(pt) => {
                let Type::Array(n, elem) = self.under(pt).clone() else {
                    return Err(unsupported(pos, "slicing of this type"));
                };
                let p = self.expr(&se.x)?[0];
                self.ins(InstKind::NilCheck(p), pos);
                let n = self.iconst(Ty::I64, n.unwrap_or(0) as i64, pos);
                (p, n, n, self.size_of(elem), false)
            }
            _ => return Err(unsupported(pos, "slicing of this type")),
        };
        let mut idx = [None, None, None];
        for (k, ix) in se.index.iter().enumerate() {
            if let Some(ix) = ix {
                let it = self.type_of(ix);
                let it = if types::predicates::is_untyped(self.p.store, it) {
                    universe::INT
                } else {
                    it
                };
                let v = self.expr_as(ix, it)?[0];
                let unsigned = is_unsigned(self.p.store, it);
                idx[k] = Some((self.widen(v, unsigned, pos), unsigned));
            }
        }
        let zero = self.iconst(Ty::I64, 0, pos);
        let (lo, lo_u) = idx[0].unwrap_or((zero, false));
        let check = |b: &mut Self, kind: BoundsKind, i: Value, l: Value, u: bool| {
            b.ins(
                InstKind::BoundsCheck {
                    kind,
                    index: i,
                    len: l,
                    unsigned: u,
                },
                pos,
            );
        };
        let (hi, max) = if se.full {
            let (hi, hi_u) = idx[1].expect("full slice has hi");
            let (max, max_u) = idx[2].expect("full slice has max");
            let k3 = if by_len {
                BoundsKind::Slice3Alen
            } else {
                BoundsKind::Slice3Acap
            };
            check(self, k3, max, cap, max_u);
            check(self, BoundsKind::Slice3B, hi, max, hi_u);
            check(self, BoundsKind::Slice3C, lo, hi, lo_u);
            (hi, max)
        } else {
            let hi = match idx[1] {
                Some((hi, hi_u)) => {
                    let kind = if by_len {
                        BoundsKind::SliceAlen
                    } else {
                        BoundsKind::SliceAcap
                    };
                    check(self, kind, hi, if string { len } else { cap }, hi_u);
                    hi
                }
                None => len,
            };
            check(self, BoundsKind::SliceB, lo, hi, lo_u);
            (hi, cap)
        };
        let newlen = self.ins1(InstKind::Bin(BinOp::Sub, hi, lo), pos);
        let newcap = self.ins1(InstKind::Bin(BinOp::Sub, max, lo), pos);
        // Do not point past the end when the result is empty (gc's rule).
        let off = if elem_size == 1 {
            lo
        } else {
            let sz = self.iconst(Ty::I64, elem_size as i64, pos);
            self.ins1(InstKind::Bin(BinOp::Mul, lo, sz), pos)
        };
        let basis = if string { newlen } else { newcap };
        let z = self.iconst(Ty::I64, 0, pos);
        let empty = self.ins1(InstKind::Cmp(CmpOp::Eq, basis, z), pos);
        let off = self.ins1(InstKind::Select(empty, z, off), pos);
        let p = self.ins1(InstKind::Bin(BinOp::Add, ptr, off), pos);
        if string {
            Ok(vec![p, newlen])
        } else {
            Ok(vec![p, newlen, newcap])
        }
    }

    // ---- composite literals ----

    /// A composite literal of type `t` (maybe elided inside another).
    pub(super) fn composite(
        &mut self,
        e: &Expr,
        c: &ast::CompositeLit,
        t: TypeId,
    ) -> Result<Vec<Value>> {
        let pos = e.pos;
        match self.under(t).clone() {
            Type::Struct(st) => {
                let offs = types::sizes::offsetsof(self.p.store, &st.fields);
                let mut fields: Vec<(usize, &Expr)> = Vec::new();
                for (k, el) in c.elems.iter().enumerate() {
                    match &el.kind {
                        ExprKind::KeyValue(key, v) => {
                            let name = key.as_name().unwrap_or_default();
                            let i = st
                                .fields
                                .iter()
                                .position(|&f| self.p.store.obj(f).name == name)
                                .ok_or_else(|| unsupported(pos, "this struct literal"))?;
                            fields.push((i, v));
                        }
                        _ => fields.push((k, el)),
                    }
                }
                if !self.is_mem(t) {
                    let mut vals = self.zero_of(t, pos)?;
                    for (i, v) in fields {
                        let ft = self.obj_type(st.fields[i]);
                        let fv = self.expr_as(v, ft)?;
                        let r = self.part_range(t, offs[i] as u32, ft);
                        for (slot, val) in vals[r].iter_mut().zip(fv) {
                            *slot = val;
                        }
                    }
                    return Ok(vals);
                }
                let a = self.temp(t, pos);
                let n = self.size_of(t);
                self.ins(InstKind::Zero(a, n), pos);
                self.fill_struct(a, &st, &offs, &fields)?;
                Ok(vec![a])
            }
            Type::Array(n, elem) => {
                let a = self.temp(t, pos);
                let size = self.size_of(t);
                self.ins(InstKind::Zero(a, size), pos);
                self.fill_elems(a, elem, c)?;
                let _ = n;
                self.load_value(a, t, pos).map(|v| {
                    // The copy is private already when it is in memory.
                    if self.is_mem(t) {
                        vec![a]
                    } else {
                        v
                    }
                })
            }
            Type::Slice(elem) => {
                let n = self.literal_len(c)?;
                let es = self.size_of(elem);
                let a = self.alloc_of(es as u64 * n, elem, pos);
                self.fill_elems(a, elem, c)?;
                let len = self.iconst(Ty::I64, n as i64, pos);
                Ok(vec![a, len, len])
            }
            Type::Map(..) => self.map_literal(e, c, t),
            Type::Pointer(elem) => {
                // An elided `&T{...}` whose element type is a named
                // pointer type.
                let v = self.composite(e, c, elem)?;
                let a = self.new_object(elem, pos);
                self.store_value(a, elem, &v, pos)?;
                Ok(vec![a])
            }
            _ => Err(unsupported(pos, "this composite literal")),
        }
    }

    pub(super) fn fill_struct(
        &mut self,
        a: Value,
        st: &types::ty::Struct,
        offs: &[i64],
        fields: &[(usize, &Expr)],
    ) -> Result<()> {
        for &(i, v) in fields {
            let ft = self.obj_type(st.fields[i]);
            let fv = self.expr_as(v, ft)?;
            let fa = self.offset(a, offs[i], v.pos);
            self.store_value(fa, ft, &fv, v.pos)?;
        }
        Ok(())
    }

    /// The index of each element of an array or slice literal.
    pub(super) fn literal_indices(&self, c: &ast::CompositeLit) -> Result<Vec<u64>> {
        let mut out = Vec::new();
        let mut next = 0u64;
        for el in &c.elems {
            if let ExprKind::KeyValue(k, _) = &el.kind {
                let v = self
                    .tv(k)
                    .and_then(|t| t.val.as_ref())
                    .and_then(|v| v.to_int().int64_val())
                    .ok_or_else(|| unsupported(k.pos, "this literal index"))?;
                next = v as u64;
            }
            out.push(next);
            next += 1;
        }
        Ok(out)
    }

    pub(super) fn literal_len(&self, c: &ast::CompositeLit) -> Result<u64> {
        Ok(self
            .literal_indices(c)?
            .into_iter()
            .max()
            .map_or(0, |m| m + 1))
    }

    pub(super) fn fill_elems(
        &mut self,
        a: Value,
        elem: TypeId,
        c: &ast::CompositeLit,
    ) -> Result<()> {
        let es = self.size_of(elem) as u64;
        let idx = self.literal_indices(c)?;
        for (el, i) in c.elems.iter().zip(idx) {
            let v = match &el.kind {
                ExprKind::KeyValue(_, v) => v,
                _ => el,
            };
            let val = self.expr_as(v, elem)?;
            let ea = self.offset(a, (i * es) as i64, v.pos);
            self.store_value(ea, elem, &val, v.pos)?;
        }
        Ok(())
    }

    /// `&x`.
    pub(super) fn address_of(&mut self, e: &Expr, x: &Expr) -> Result<Vec<Value>> {
        let x = strip_parens(x);
        if let ExprKind::CompositeLit(c) = &x.kind {
            let t = self.type_of(x);
            let v = self.composite(x, c, t)?;
            let a = self.new_object(t, e.pos);
            self.store_value(a, t, &v, e.pos)?;
            return Ok(vec![a]);
        }
        match self.place(x)? {
            Some(Place::Mem(a)) => Ok(vec![a]),
            _ => Err(unsupported(e.pos, "taking the address of this expression")),
        }
    }
}
