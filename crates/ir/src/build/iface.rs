//! Interfaces (conversions, assertions, type switches, method calls,
//! comparison), maps (through the runtime's map entry points), and
//! references to type descriptors. The descriptors themselves are
//! `typedesc`'s; the entry points are docs/ABI.md's.

use syntax::ast::{self, Expr, ExprKind};
use syntax::Pos;
use types::arena::{ObjId, TypeId};
use types::operand::Mode;
use types::predicates::{is_string, underlying};
use types::ty::Type;

use super::*;
use crate::func::{Callee, CmpOp, InstKind, Term, Ty, Value};
use crate::overlay::Subst;
use crate::typedesc::{imethod_index, TYPES_SYM};

/// The size of a map iterator (`it`) the compiler reserves.
const MAP_ITER_SIZE: u32 = 96;

impl<S: Subst> FuncBuilder<'_, '_, '_, S> {
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

    /// The first word of an interface of type `iface` holding a `t`: its
    /// type descriptor or its itab.
    fn iface_word(&mut self, t: TypeId, iface: TypeId, pos: Pos) -> Value {
        self.instance_methods(t, pos);
        if self.is_empty_iface(iface) {
            self.type_desc(t, pos)
        } else {
            let sym = self.sh.descs.itab(self.p.store, t, iface);
            self.ins1(InstKind::SymAddr(sym, 0), pos)
        }
    }

    /// Requests every method of an instance of a generic type (and of a
    /// pointer to one): its method tables refer to them.
    pub(super) fn instance_methods(&mut self, t: TypeId, pos: Pos) {
        let named = match self.p.store.ty(t) {
            Type::Pointer(e) => *e,
            _ => t,
        };
        let Type::Named(n) = self.p.store.ty(named).clone() else {
            return;
        };
        if n.targs.is_empty() {
            return;
        }
        let origin = n.origin.unwrap_or(named);
        let methods = match self.p.store.ty(origin) {
            Type::Named(on) => on.methods.clone(),
            _ => n.methods.clone(),
        };
        for m in methods {
            let ptr = matches!(
                self.p.store.obj(m).kind,
                types::object::ObjKind::Func { ptr_recv: true }
            );
            let _ = self.instance_method(named, ptr, m, pos);
        }
    }

    /// A concrete value as a value of interface type `to`.
    pub(super) fn box_iface(
        &mut self,
        v: Vec<Value>,
        from: TypeId,
        to: TypeId,
        pos: Pos,
    ) -> Result<Vec<Value>> {
        let w0 = self.iface_word(from, to, pos);
        let data = self.box_value(v, from, pos)?;
        Ok(vec![w0, data])
    }

    /// The data word of an interface holding `v` of type `t`.
    fn box_value(&mut self, v: Vec<Value>, t: TypeId, pos: Pos) -> Result<Value> {
        if layout::is_direct_iface(self.p.store, t) {
            return Ok(v[0]);
        }
        let size = self.size_of(t);
        if size == 0 {
            return Ok(self.ins1(InstKind::SymAddr("runtime.zerobase".into(), 0), pos));
        }
        if !self.is_mem(t) {
            let tys: Vec<Ty> = v.iter().map(|&x| self.f.ty(x)).collect();
            let fast = match (tys.as_slice(), self.under(t)) {
                ([Ty::I64], _) if !self.has_pointers(t) => Some("runtime.convT64"),
                ([Ty::I32], _) => Some("runtime.convT32"),
                ([Ty::I16], _) => Some("runtime.convT16"),
                ([Ty::PTR, Ty::I64], Type::Basic { .. }) if is_string(self.p.store, t) => {
                    Some("runtime.convTstring")
                }
                ([Ty::PTR, Ty::I64, Ty::I64], Type::Slice(_)) => Some("runtime.convTslice"),
                _ => None,
            };
            if let Some(f) = fast {
                return Ok(self.call_runtime(f, v, vec![Ty::PTR], pos)[0]);
            }
            let tmp = self.temp(t, pos);
            self.store_value(tmp, t, &v, pos)?;
            let td = self.type_desc(t, pos);
            return Ok(self.call_runtime("runtime.convT", vec![td, tmp], vec![Ty::PTR], pos)[0]);
        }
        let td = self.type_desc(t, pos);
        Ok(self.call_runtime("runtime.convT", vec![td, v[0]], vec![Ty::PTR], pos)[0])
    }

    fn has_pointers(&self, t: TypeId) -> bool {
        match self.under(t) {
            Type::Basic { kind, .. } => matches!(
                kind,
                types::ty::BasicKind::String | types::ty::BasicKind::UnsafePointer
            ),
            _ => true,
        }
    }

    /// The dynamic type descriptor of an interface value (nil for nil).
    fn dynamic_type(&mut self, v: &[Value], t: TypeId, pos: Pos) -> Value {
        if self.is_empty_iface(t) {
            return v[0];
        }
        // tab == nil ? nil : tab.Type
        self.nil_or_load(v[0], 8, pos)
    }

    /// An interface value as a value of another interface type.
    pub(super) fn iface_box_iface(
        &mut self,
        v: Vec<Value>,
        from: TypeId,
        to: TypeId,
        pos: Pos,
    ) -> Result<Vec<Value>> {
        if types::predicates::identical(self.p.store, from, to) {
            return Ok(v);
        }
        let typ = self.dynamic_type(&v, from, pos);
        if self.is_empty_iface(to) {
            return Ok(vec![typ, v[1]]);
        }
        // Statically known to implement: nil stays nil.
        let var = self.ssa.new_var(Ty::PTR);
        let z = self.iconst(Ty::PTR, 0, pos);
        let b0 = self.cur();
        self.ssa.write(var, b0, z);
        let isnil = self.ins1(InstKind::Cmp(CmpOp::Eq, typ, z), pos);
        let conv = self.new_block();
        let join = self.new_block();
        self.branch(isnil, join, conv);
        self.enter(conv);
        let inter = self.type_desc(to, pos);
        let tab = self.call_runtime("runtime.assertE2I", vec![inter, typ], vec![Ty::PTR], pos)[0];
        let b1 = self.cur();
        self.ssa.write(var, b1, tab);
        self.jump(join);
        self.enter(join);
        let b = self.cur();
        Ok(vec![self.ssa.read(&mut self.f, var, b), v[1]])
    }

    /// The callee of method `m` of an interface value `v` of type `t`;
    /// pushes the context and receiver arguments.
    pub(super) fn iface_callee(
        &mut self,
        v: Vec<Value>,
        t: TypeId,
        m: ObjId,
        pos: Pos,
        args: &mut Vec<Value>,
    ) -> Result<Callee> {
        let idx = imethod_index(self.p.store, underlying(self.p.store, t), m);
        let code = self.ins1(InstKind::Load(Ty::PTR, v[0], 24 + 8 * idx as i32), pos);
        args.push(self.iconst(Ty::PTR, 0, pos));
        args.push(v[1]);
        Ok(Callee::Indirect(code))
    }

    /// `x.(T)`, and `x.(T)` with comma-ok when the expression's type is a
    /// tuple.
    pub(super) fn type_assert(&mut self, e: &Expr, x: &Expr) -> Result<Vec<Value>> {
        let pos = e.pos;
        let et = self.type_of(e);
        let (t, comma_ok) = match self.p.store.ty(et) {
            Type::Tuple(vs) => (self.obj_type(vs[0]), true),
            _ => (et, false),
        };
        let xt = self.type_of(x);
        let v = self.expr(x)?;
        let (ok, val) = self.assert_test(&v, xt, t, !comma_ok, pos)?;
        let mut out = val;
        if comma_ok {
            out.push(ok);
        }
        Ok(out)
    }

    /// Tests whether interface `v` (of type `xt`) holds a `t`; the result
    /// flag and the value (zero when not). With `must`, panics as gc
    /// does instead of failing.
    fn assert_test(
        &mut self,
        v: &[Value],
        xt: TypeId,
        t: TypeId,
        must: bool,
        pos: Pos,
    ) -> Result<(Value, Vec<Value>)> {
        if matches!(self.under(t), Type::Interface(_)) {
            let typ = self.dynamic_type(v, xt, pos);
            if self.is_empty_iface(t) {
                let z = self.iconst(Ty::PTR, 0, pos);
                let ok = self.ins1(InstKind::Cmp(CmpOp::Ne, typ, z), pos);
                if must {
                    self.panic_unless(ok, pos, |b| {
                        let want = b.type_desc(t, pos);
                        b.call_runtime("runtime.panicnildottype", vec![want], vec![], pos);
                    });
                }
                let data = self.ins1(InstKind::Select(ok, v[1], z), pos);
                return Ok((ok, vec![typ, data]));
            }
            let inter = self.type_desc(t, pos);
            let f = if must {
                "runtime.assertE2I"
            } else {
                "runtime.assertE2I2"
            };
            let tab = self.call_runtime(f, vec![inter, typ], vec![Ty::PTR], pos)[0];
            let z = self.iconst(Ty::PTR, 0, pos);
            let ok = self.ins1(InstKind::Cmp(CmpOp::Ne, tab, z), pos);
            let data = self.ins1(InstKind::Select(ok, v[1], z), pos);
            return Ok((ok, vec![tab, data]));
        }
        // A concrete type: compare the dynamic type (an itab made at run
        // time is not the compiler's, so compare the types they hold).
        self.instance_methods(t, pos);
        let have = self.dynamic_type(v, xt, pos);
        let want = self.type_desc(t, pos);
        let ok = self.ins1(InstKind::Cmp(CmpOp::Eq, have, want), pos);
        if must {
            let empty = self.is_empty_iface(xt);
            let w0 = v[0];
            self.panic_unless(ok, pos, |b| {
                let want = b.type_desc(t, pos);
                let iface = b.type_desc(xt, pos);
                let f = if empty {
                    "runtime.panicdottypeE"
                } else {
                    "runtime.panicdottypeI"
                };
                b.call_runtime(f, vec![w0, want, iface], vec![], pos);
            });
            let val = self.unbox(v[1], t, pos)?;
            return Ok((ok, val));
        }
        // Load the value only when it is there.
        let tys = self.value_tys(t);
        let vars: Vec<Var> = tys.iter().map(|&ty| self.ssa.new_var(ty)).collect();
        let zero = self.zero_of(t, pos)?;
        let b0 = self.cur();
        for (var, z) in vars.iter().zip(&zero) {
            self.ssa.write(*var, b0, *z);
        }
        let yes = self.new_block();
        let join = self.new_block();
        self.branch(ok, yes, join);
        self.enter(yes);
        let val = self.unbox(v[1], t, pos)?;
        let b1 = self.cur();
        for (var, x) in vars.iter().zip(&val) {
            self.ssa.write(*var, b1, *x);
        }
        self.jump(join);
        self.enter(join);
        let b = self.cur();
        let out = vars
            .iter()
            .map(|&var| self.ssa.read(&mut self.f, var, b))
            .collect();
        Ok((ok, out))
    }

    /// The value of type `t` an interface's data word holds.
    fn unbox(&mut self, data: Value, t: TypeId, pos: Pos) -> Result<Vec<Value>> {
        if layout::is_direct_iface(self.p.store, t) {
            // One pointer-shaped leaf (or a single-element wrapper of one).
            if self.is_mem(t) {
                let tmp = self.temp(t, pos);
                self.ins(InstKind::Store(tmp, data, 0), pos);
                return Ok(vec![tmp]);
            }
            return Ok(vec![data]);
        }
        self.load_value(data, t, pos)
    }

    /// Runs `fail` (which must not return) unless `ok`.
    fn panic_unless(&mut self, ok: Value, _pos: Pos, fail: impl FnOnce(&mut Self)) {
        let good = self.new_block();
        let bad = self.new_block();
        self.branch(ok, good, bad);
        self.enter(bad);
        fail(self);
        self.terminate(Term::Unreachable);
        self.enter(good);
    }

    /// `switch [v :=] x.(type) { ... }`.
    pub(super) fn type_switch(
        &mut self,
        sw: &ast::SwitchStmt,
        label: Option<ast::Symbol>,
    ) -> Result<()> {
        let Some(tag) = &sw.tag else { unreachable!() };
        let ExprKind::TypeSwitchGuard(_, x) = &tag.kind else {
            unreachable!()
        };
        let xt = self.type_of(x);
        let v = self.expr(x)?;
        let exit = self.new_block();
        let mut default = None;
        let mut bodies = Vec::new();
        for cc in &sw.body {
            let body = self.new_block();
            bodies.push(body);
            let Some(cases) = &cc.cases else {
                default = Some((body, cc));
                continue;
            };
            for c in cases {
                let next = self.new_block();
                let ct = self.type_of(c);
                let is_nil = self.tv(c).is_some_and(|t| t.mode == Mode::NilValue)
                    || matches!(
                        self.p.store.ty(ct),
                        Type::Basic {
                            kind: types::ty::BasicKind::UntypedNil,
                            ..
                        }
                    );
                if is_nil {
                    let z = self.iconst(Ty::PTR, 0, c.pos);
                    let ok = self.ins1(InstKind::Cmp(CmpOp::Eq, v[0], z), c.pos);
                    self.branch(ok, body, next);
                } else {
                    let (ok, _) = self.assert_test(&v, xt, ct, false, c.pos)?;
                    self.branch(ok, body, next);
                }
                self.enter(next);
            }
        }
        let _ = default;
        // Control reaching here matched no case.
        let dflt = sw.body.iter().position(|cc| cc.cases.is_none());
        match dflt {
            Some(i) => self.jump(bodies[i]),
            None => self.jump(exit),
        }
        self.targets.push(Target {
            label,
            brk: exit,
            cont: None,
        });
        for (i, cc) in sw.body.iter().enumerate() {
            self.enter(bodies[i]);
            if let Some(&o) = self.p.info.implicits.get(&cc.pos) {
                let ot = self.obj_type(o);
                let val = if types::predicates::identical(self.p.store, ot, xt) {
                    v.clone()
                } else {
                    // Re-derive the value from the interface (cheap and
                    // keeps one path per case).
                    let (_, val) = self.assert_test(&v, xt, ot, false, cc.pos)?;
                    val
                };
                self.declare_local(o, Some(val), cc.pos)?;
            }
            self.block(&cc.body)?;
            self.jump(exit);
        }
        self.targets.pop();
        self.enter(exit);
        Ok(())
    }

    /// `a == b` for interface values of type `t`.
    pub(super) fn iface_equal(&mut self, t: TypeId, a: &[Value], b: &[Value], pos: Pos) -> Value {
        // Compare dynamic types (itabs of one type may differ).
        let ta = self.dynamic_type(a, t, pos);
        let tb = self.dynamic_type(b, t, pos);
        let a = &[ta, a[1]][..];
        let b = &[tb, b[1]][..];
        let res = self.ssa.new_var(Ty::I8);
        let same = self.ins1(InstKind::Cmp(CmpOp::Eq, a[0], b[0]), pos);
        let b0 = self.cur();
        let f = self.iconst(Ty::I8, 0, pos);
        self.ssa.write(res, b0, f);
        let check = self.new_block();
        let join = self.new_block();
        self.branch(same, check, join);
        self.enter(check);
        let z = self.iconst(Ty::PTR, 0, pos);
        let isnil = self.ins1(InstKind::Cmp(CmpOp::Eq, a[0], z), pos);
        let tr = self.iconst(Ty::I8, 1, pos);
        let b1 = self.cur();
        self.ssa.write(res, b1, tr);
        let deep = self.new_block();
        self.branch(isnil, join, deep);
        self.enter(deep);
        let r = self.call_runtime("runtime.efaceeq", vec![a[0], a[1], b[1]], vec![Ty::I8], pos)[0];
        let b2 = self.cur();
        self.ssa.write(res, b2, r);
        self.jump(join);
        self.enter(join);
        let b = self.cur();
        self.ssa.read(&mut self.f, res, b)
    }

    // ---- maps ----

    /// The address of a copy of key `k` (a map key argument).
    fn key_addr(&mut self, k: &Expr, kt: TypeId) -> Result<Value> {
        let v = self.expr_as(k, kt)?;
        self.spill(&v, kt, k.pos)
    }

    fn map_types(&self, mt: TypeId) -> (TypeId, TypeId) {
        match self.under(mt) {
            Type::Map(k, v) => (*k, *v),
            _ => unreachable!("a map type"),
        }
    }

    pub(super) fn map_index(
        &mut self,
        e: &Expr,
        x: &Expr,
        i: &Expr,
        _comma_ok: bool,
    ) -> Result<Vec<Value>> {
        let pos = e.pos;
        let mt = self.type_of(x);
        let (kt, vt) = self.map_types(mt);
        let comma_ok = matches!(self.p.store.ty(self.type_of(e)), Type::Tuple(_));
        let m = self.expr(x)?[0];
        let k = self.key_addr(i, kt)?;
        let td = self.type_desc(mt, pos);
        if comma_ok {
            let r = self.call_runtime(
                "runtime.mapaccess2",
                vec![td, m, k],
                vec![Ty::PTR, Ty::I8],
                pos,
            );
            let mut v = self.load_value(r[0], vt, pos)?;
            v.push(r[1]);
            return Ok(v);
        }
        let p = self.call_runtime("runtime.mapaccess1", vec![td, m, k], vec![Ty::PTR], pos)[0];
        self.load_value(p, vt, pos)
    }

    /// A map index expression's map type descriptor, map, key address
    /// and element type.
    pub(super) fn map_operands(
        &mut self,
        x: &Expr,
        i: &Expr,
        pos: Pos,
    ) -> Result<(Value, Value, Value, TypeId)> {
        let mt = self.type_of(x);
        let (kt, vt) = self.map_types(mt);
        let m = self.expr(x)?[0];
        let k = self.key_addr(i, kt)?;
        let td = self.type_desc(mt, pos);
        Ok((td, m, k, vt))
    }

    pub(super) fn map_store(&mut self, l: &Expr, x: &Expr, i: &Expr, v: Vec<Value>) -> Result<()> {
        let pos = l.pos;
        let mt = self.type_of(x);
        let (kt, vt) = self.map_types(mt);
        let m = self.expr(x)?[0];
        let k = self.key_addr(i, kt)?;
        let td = self.type_desc(mt, pos);
        let p = self.call_runtime("runtime.mapassign", vec![td, m, k], vec![Ty::PTR], pos)[0];
        self.store_value(p, vt, &v, pos)
    }

    pub(super) fn map_literal(
        &mut self,
        e: &Expr,
        c: &ast::CompositeLit,
        t: TypeId,
    ) -> Result<Vec<Value>> {
        let pos = e.pos;
        let (kt, vt) = self.map_types(t);
        let td = self.type_desc(t, pos);
        let hint = self.iconst(Ty::I64, c.elems.len() as i64, pos);
        let z = self.iconst(Ty::PTR, 0, pos);
        let m = self.call_runtime("runtime.makemap", vec![td, hint, z], vec![Ty::PTR], pos)[0];
        for el in &c.elems {
            let ExprKind::KeyValue(k, v) = &el.kind else {
                return Err(unsupported(el.pos, "this map literal"));
            };
            let ka = self.key_addr(k, kt)?;
            let val = self.expr_as(v, vt)?;
            let p = self.call_runtime("runtime.mapassign", vec![td, m, ka], vec![Ty::PTR], pos)[0];
            self.store_value(p, vt, &val, pos)?;
        }
        Ok(vec![m])
    }

    pub(super) fn make_map(
        &mut self,
        e: &Expr,
        c: &ast::CallExpr,
        t: TypeId,
    ) -> Result<Vec<Value>> {
        let pos = e.pos;
        let td = self.type_desc(t, pos);
        let hint = match c.args.get(1) {
            Some(a) => {
                let at = self.type_of(a);
                let at = if types::predicates::is_untyped(self.p.store, at) {
                    types::universe::INT
                } else {
                    at
                };
                let v = self.expr_as(a, at)?[0];
                let u = types::predicates::is_unsigned(self.p.store, at);
                self.widen(v, u, pos)
            }
            None => self.iconst(Ty::I64, 0, pos),
        };
        let z = self.iconst(Ty::PTR, 0, pos);
        Ok(self.call_runtime("runtime.makemap", vec![td, hint, z], vec![Ty::PTR], pos))
    }

    pub(super) fn clear_map(&mut self, e: &Expr, m: &Expr, t: TypeId) -> Result<Vec<Value>> {
        let mv = self.expr(m)?[0];
        let td = self.type_desc(t, e.pos);
        self.call_runtime("runtime.mapclear", vec![td, mv], vec![], e.pos);
        Ok(vec![])
    }

    pub(super) fn delete_map(&mut self, e: &Expr, c: &ast::CallExpr) -> Result<Vec<Value>> {
        let mt = self.type_of(&c.args[0]);
        let (kt, _) = self.map_types(mt);
        let m = self.expr(&c.args[0])?[0];
        let k = self.key_addr(&c.args[1], kt)?;
        let td = self.type_desc(mt, e.pos);
        self.call_runtime("runtime.mapdelete", vec![td, m, k], vec![], e.pos);
        Ok(vec![])
    }

    pub(super) fn range_map(
        &mut self,
        label: Option<ast::Symbol>,
        r: &ast::RangeClause,
        body: &ast::Block,
        pos: Pos,
    ) -> Result<()> {
        let mt = self.type_of(&r.x);
        let (kt, vt) = self.map_types(mt);
        let m = self.expr(&r.x)?[0];
        let slot = self.f.new_slot(MAP_ITER_SIZE, 8);
        let it = self.ins1(InstKind::SlotAddr(slot), pos);
        self.ins(InstKind::Zero(it, MAP_ITER_SIZE), pos);
        let td = self.type_desc(mt, pos);
        self.call_runtime("runtime.mapIterStart", vec![td, m, it], vec![], pos);
        let head = self.new_block();
        let bodyb = self.new_block();
        let post = self.new_block();
        let exit = self.new_block();
        self.jump(head);
        self.start(head);
        let it2 = self.ins1(InstKind::SlotAddr(slot), pos);
        let kp = self.ins1(InstKind::Load(Ty::PTR, it2, 0), pos);
        let z = self.iconst(Ty::PTR, 0, pos);
        let done = self.ins1(InstKind::Cmp(CmpOp::Eq, kp, z), pos);
        self.branch(done, exit, bodyb);
        self.enter(bodyb);
        let key = r
            .lhs
            .first()
            .filter(|k| !matches!(&k.kind, ExprKind::Name(n) if n.as_str() == "_"));
        let val = r
            .lhs
            .get(1)
            .filter(|k| !matches!(&k.kind, ExprKind::Name(n) if n.as_str() == "_"));
        if let Some(k) = key {
            let kv = self.load_value(kp, kt, pos)?;
            self.range_assign(k, r.def, kv)?;
        }
        if let Some(v) = val {
            let vp = self.ins1(InstKind::Load(Ty::PTR, it2, 8), pos);
            let vv = self.load_value(vp, vt, pos)?;
            self.range_assign(v, r.def, vv)?;
        }
        self.loop_body(label, exit, post, &body.stmts)?;
        self.jump(post);
        self.enter(post);
        let it3 = self.ins1(InstKind::SlotAddr(slot), pos);
        self.call_runtime("runtime.mapIterNext", vec![it3], vec![], pos);
        self.jump(head);
        self.ssa.seal(&mut self.f, head);
        self.enter(exit);
        Ok(())
    }
}
