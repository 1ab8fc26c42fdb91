//! Calls (package functions, methods, function values), function
//! literals and their closure objects, conversions, and the built-in
//! functions.

use super::{LitBody, PendingInst};
use syntax::ast::{self, Expr, ExprKind};
use syntax::token::Operator;
use syntax::Pos;
use types::arena::{ObjId, TypeId};
use types::info::{Selection, SelectionKind};
use types::object::{Builtin, ObjKind};
use types::operand::Mode;
use types::predicates::{is_complex, is_float, is_string, is_unsigned};
use types::ty::{BasicKind, Type};
use types::universe;

use super::mem::Place;
use super::*;
use crate::func::{BinOp, BoundsKind, Callee, CmpOp, ConvOp, InstKind, Term, Ty, Value};
use crate::func::{Block, Func};
use crate::overlay::Subst;

/// The bytes of the frame buffer appends to a slice that does not
/// escape start in (gc's).
const APPEND_BUF: u32 = 32;

/// A value being followed through embedded fields: in place, or a value.
pub(super) enum Operand {
    Place(Place),
    Val(Vec<Value>),
}

impl<S: Subst> FuncBuilder<'_, '_, '_, S> {
    pub(super) fn call(&mut self, e: &Expr, c: &ast::CallExpr) -> Result<Vec<Value>> {
        let fun = strip_parens(&c.fun);
        let Some(ftv) = self.tv(fun).cloned() else {
            return Err(unsupported(e.pos, "this call"));
        };
        match ftv.mode {
            Mode::TypeExpr => return self.conversion(e, self.sub(ftv.typ), &c.args[0]),
            Mode::Builtin(b) => return self.builtin(e, b, c),
            _ => {}
        }
        let Type::Signature(sig) = self.under(self.sub(ftv.typ)).clone() else {
            return Err(unsupported(e.pos, "this call"));
        };
        let _ = sig;
        let (callee, args) = self.prepare_call(e, c)?;
        self.emit_call(e, callee, args)
    }

    /// Evaluates a call's callee and arguments (with hidden result
    /// pointers).
    pub(super) fn prepare_call(
        &mut self,
        e: &Expr,
        c: &ast::CallExpr,
    ) -> Result<(Callee, Vec<Value>)> {
        // Only this call is deferred (not calls inside its operands).
        let lazy = std::mem::replace(&mut self.defer_call, false);
        let fun = strip_parens(&c.fun);
        let ftv = self.tv(fun).cloned().expect("checked");
        let Type::Signature(sig) = self.under(self.sub(ftv.typ)).clone() else {
            return Err(unsupported(e.pos, "this call"));
        };
        let mut args = Vec::new();
        let callee = match &fun.kind {
            ExprKind::Name(_) | ExprKind::Selector(..)
                if self
                    .use_of(fun)
                    .is_some_and(|o| matches!(self.p.store.obj(o).kind, ObjKind::Func { .. })) =>
            {
                let o = self.use_of(fun).expect("checked above");
                args.push(self.iconst(Ty::PTR, 0, e.pos));
                Callee::Direct(self.func_link_name(fun, o)?)
            }
            ExprKind::Index(x, _) if self.generic_func_of(x).is_some() => {
                let o = self.generic_func_of(x).expect("checked");
                args.push(self.iconst(Ty::PTR, 0, e.pos));
                Callee::Direct(self.func_link_name(x, o)?)
            }
            ExprKind::Selector(x, _)
                if self
                    .p
                    .info
                    .selections
                    .get(&self.key(fun))
                    .is_some_and(|s| s.kind == SelectionKind::MethodVal) =>
            {
                let sel = self.p.info.selections[&self.key(fun)].clone();
                self.method_callee(x, &sel, e.pos, &mut args)?
            }
            _ => {
                let v = self.expr(fun)?[0];
                args.push(v);
                if lazy {
                    // The deferred call loads the code when it runs (a
                    // nil function panics then, not at the defer).
                    Callee::Indirect(v)
                } else {
                    let code = self.ins1(InstKind::Load(Ty::PTR, v, 0), e.pos);
                    Callee::Indirect(code)
                }
            }
        };
        self.call_args(e, c, &sig, &mut args)?;
        Ok((callee, args))
    }

    /// The generic function `x` names, if it does.
    pub(super) fn generic_func_of(&self, x: &Expr) -> Option<ObjId> {
        let x = strip_parens(x);
        if !matches!(x.kind, ExprKind::Name(_) | ExprKind::Selector(..)) {
            return None;
        }
        let o = self.use_of(x)?;
        let obj = self.p.store.obj(o);
        if !matches!(obj.kind, ObjKind::Func { .. }) {
            return None;
        }
        match self.p.store.ty(obj.typ?) {
            Type::Signature(sg) if !sg.tparams.is_empty() => Some(o),
            _ => None,
        }
    }

    /// The link name of function `o` as `fun` refers to it: an instance
    /// (`main.F[int]`, built on request) for a generic function.
    pub(super) fn func_link_name(&mut self, fun: &Expr, o: ObjId) -> Result<String> {
        let base = names::func_name(self.p.store, o);
        let obj = self.p.store.obj(o);
        let Some(ft) = obj.typ else { return Ok(base) };
        let Type::Signature(sg) = self.p.store.ty(ft).clone() else {
            return Ok(base);
        };
        if sg.tparams.is_empty() {
            return Ok(base);
        }
        let Some(inst) = self
            .p
            .info
            .instances
            .get(&self.key(strip_parens(fun)))
            .cloned()
        else {
            return Err(unsupported(fun.pos, "this generic function reference"));
        };
        let targs: Vec<TypeId> = inst.targs.iter().map(|&t| self.sub(t)).collect();
        let smap: Vec<(TypeId, TypeId)> = sg
            .tparams
            .iter()
            .copied()
            .zip(targs.iter().copied())
            .collect();
        let strs: Vec<String> = targs
            .iter()
            .map(|&t| names::type_string_linked(self.p.store, t))
            .collect();
        let name = format!("{base}[{}]", strs.join(","));
        if self.sh.prog.done.insert(name.clone()) {
            let sig = self.p.store.subst(ft, &smap);
            let inst = PendingInst {
                name: name.clone(),
                decl: obj.pos,
                sig,
                smap,
            };
            self.request(obj.pkg, inst);
        }
        Ok(name)
    }

    /// Queues an instance: here, or for the package declaring it.
    fn request(&mut self, pkg: Option<types::arena::PkgIdx>, inst: PendingInst) {
        match pkg {
            Some(k) if k != self.p.pkg => self.sh.prog.foreign.push((k, inst)),
            _ => self.sh.insts.push(inst),
        }
    }

    /// Requests the method `mname` of instance `named` (its link name).
    pub(super) fn instance_method(
        &mut self,
        named: TypeId,
        ptr_recv: bool,
        m: ObjId,
        pos: Pos,
    ) -> Result<String> {
        let mname = self.p.store.obj(m).name.to_string();
        let name = names::method_name(self.p.store, named, ptr_recv, &mname);
        if self.sh.prog.done.contains(&name) {
            return Ok(name);
        }
        let Type::Named(n) = self.p.store.ty(named).clone() else {
            return Ok(name);
        };
        // The method as declared (on the generic type).
        let origin = n.origin.unwrap_or(named);
        let decl = match self.p.store.ty(origin) {
            Type::Named(on) => on
                .methods
                .iter()
                .copied()
                .find(|&x| self.p.store.obj(x).name.as_str() == mname),
            _ => None,
        };
        let Some(decl) = decl else {
            return Err(unsupported(pos, "this method"));
        };
        let mpos = self.p.store.obj(decl).pos;
        let dt = self.p.store.obj(decl).typ.unwrap_or(universe::INVALID);
        let Type::Signature(sg) = self.p.store.ty(dt).clone() else {
            return Err(unsupported(pos, "this method"));
        };
        let smap: Vec<(TypeId, TypeId)> = sg
            .recv_tparams
            .iter()
            .copied()
            .zip(n.targs.iter().copied())
            .collect();
        let sig = self.p.store.subst(dt, &smap);
        self.sh.prog.done.insert(name.clone());
        let inst = PendingInst {
            name: name.clone(),
            decl: mpos,
            sig,
            smap,
        };
        self.request(self.p.store.obj(decl).pkg, inst);
        Ok(name)
    }

    /// Evaluates the arguments of a call of signature `sig` into `args`,
    /// then the hidden result pointers.
    fn call_args(
        &mut self,
        e: &Expr,
        c: &ast::CallExpr,
        sig: &types::ty::Signature,
        args: &mut Vec<Value>,
    ) -> Result<()> {
        let pos = e.pos;
        let params: Vec<TypeId> = match self.p.store.ty(sig.params) {
            Type::Tuple(ps) => ps.iter().map(|&v| self.obj_type(v)).collect(),
            _ => Vec::new(),
        };
        let results: Vec<TypeId> = match self.p.store.ty(sig.results) {
            Type::Tuple(rs) => rs.iter().map(|&v| self.obj_type(v)).collect(),
            _ => Vec::new(),
        };
        let multi = c.args.len() == 1
            && matches!(self.p.store.ty(self.type_of(&c.args[0])), Type::Tuple(_));
        if multi {
            let parts = self.split_multi(&c.args[0])?;
            let tuple = self.type_of(&c.args[0]);
            let Type::Tuple(vs) = self.p.store.ty(tuple).clone() else {
                unreachable!()
            };
            let fixed = if sig.variadic {
                params.len() - 1
            } else {
                params.len()
            };
            let mut extra = Vec::new();
            for (i, (v, var)) in parts.into_iter().zip(vs).enumerate() {
                let vt = self.obj_type(var);
                if i < fixed {
                    let v = self.coerce(v, vt, params[i], pos)?;
                    args.extend(v);
                } else {
                    extra.push((v, vt));
                }
            }
            if sig.variadic {
                let st = params[params.len() - 1];
                let packed = self.pack_variadic_vals(st, extra, pos)?;
                args.extend(packed);
            }
        } else {
            let fixed = if sig.variadic && !c.has_dots {
                params.len() - 1
            } else {
                params.len()
            };
            for (i, a) in c.args.iter().take(fixed).enumerate() {
                let v = self.expr_as(a, params[i])?;
                args.extend(v);
            }
            if sig.variadic && !c.has_dots {
                let st = params[params.len() - 1];
                let Type::Slice(elem) = self.under(st).clone() else {
                    return Err(unsupported(pos, "this variadic call"));
                };
                let mut extra = Vec::new();
                for a in &c.args[fixed..] {
                    extra.push((self.expr_as(a, elem)?, elem));
                }
                let packed = self.pack_variadic_vals(st, extra, pos)?;
                args.extend(packed);
            }
        }
        // Hidden result pointers.
        for &r in &results {
            if self.is_mem(r) {
                let a = self.temp(r, pos);
                args.push(a);
            }
        }
        Ok(())
    }

    /// Emits a prepared call; the Go results.
    fn emit_call(&mut self, e: &Expr, callee: Callee, args: Vec<Value>) -> Result<Vec<Value>> {
        let pos = e.pos;
        let c = match &e.kind {
            ExprKind::Call(c) => c,
            _ => unreachable!(),
        };
        let ft = self.type_of(strip_parens(&c.fun));
        let results: Vec<TypeId> = match self.under(ft) {
            Type::Signature(sg) => match self.p.store.ty(sg.results) {
                Type::Tuple(rs) => rs.iter().map(|&v| self.obj_type(v)).collect(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        let nmem = results.iter().filter(|&&r| self.is_mem(r)).count();
        let mut outs_mem: Vec<Value> = args[args.len() - nmem..].to_vec();
        outs_mem.reverse();
        let mut rtys = Vec::new();
        for &r in &results {
            if !self.is_mem(r) {
                rtys.extend(self.value_tys(r));
            }
        }
        let flat = self.ins(
            InstKind::Call {
                callee,
                args,
                results: rtys,
            },
            pos,
        );
        let mut out = Vec::new();
        let mut k = 0;
        for &r in &results {
            if self.is_mem(r) {
                out.push(outs_mem.pop().expect("a hidden result pointer"));
            } else {
                let n = self.width(r);
                out.extend_from_slice(&flat[k..k + n]);
                k += n;
            }
        }
        Ok(out)
    }

    /// A value of type `from` as a value of the assignable type `to`.
    pub(super) fn coerce(
        &mut self,
        v: Vec<Value>,
        from: TypeId,
        to: TypeId,
        pos: Pos,
    ) -> Result<Vec<Value>> {
        let to_iface = matches!(self.under(to), Type::Interface(_));
        let from_iface = matches!(self.under(from), Type::Interface(_));
        match (from_iface, to_iface) {
            (false, true) => self.box_iface(v, from, to, pos),
            (true, true) => self.iface_box_iface(v, from, to, pos),
            _ => Ok(v),
        }
    }

    /// The slice of a variadic call's extra arguments (nil if none).
    pub(super) fn pack_variadic_vals(
        &mut self,
        st: TypeId,
        extra: Vec<(Vec<Value>, TypeId)>,
        pos: Pos,
    ) -> Result<Vec<Value>> {
        let Type::Slice(elem) = self.under(st).clone() else {
            return Err(unsupported(pos, "this variadic call"));
        };
        if extra.is_empty() {
            return self.zero_of(st, pos);
        }
        let n = extra.len();
        let es = self.size_of(elem);
        let arr = self.alloc_array(elem, n as u64, pos);
        for (i, (v, vt)) in extra.into_iter().enumerate() {
            let v = self.coerce(v, vt, elem, pos)?;
            let a = self.offset(arr, (i as u32 * es) as i64, pos);
            self.store_value(a, elem, &v, pos)?;
        }
        let len = self.iconst(Ty::I64, n as i64, pos);
        Ok(vec![arr, len, len])
    }

    /// Heap memory for `n` elements of `elem`, zeroed.
    pub(super) fn alloc_array(&mut self, elem: TypeId, n: u64, pos: Pos) -> Value {
        let es = self.size_of(elem) as u64;
        let et = self.type_desc(elem, pos);
        let len = self.iconst(Ty::I64, n as i64, pos);
        let _ = es;
        self.call_runtime("runtime.makeslice", vec![et, len, len], vec![Ty::PTR], pos)[0]
    }

    /// The receiver arguments and callee of a static method call
    /// `x.m(...)`.
    pub(super) fn method_callee(
        &mut self,
        x: &Expr,
        sel: &Selection,
        pos: Pos,
        args: &mut Vec<Value>,
    ) -> Result<Callee> {
        // A method of a type parameter: look it up in the type argument.
        let raw = sel.recv;
        let raw_base = match self.p.store.ty(raw) {
            Type::Pointer(e) => *e,
            _ => raw,
        };
        if matches!(self.p.store.ty(raw_base), Type::TypeParam(_)) && !self.smap.is_empty() {
            let xt = self.type_of(x);
            let name = self.p.store.obj(sel.obj).name;
            if let types::lookup::Lookup::Found {
                obj,
                index,
                indirect,
            } = types::lookup::lookup_field_or_method(
                self.p.store,
                xt,
                true,
                Some(self.p.pkg),
                name,
            ) {
                let sel2 = Selection {
                    kind: SelectionKind::MethodVal,
                    recv: xt,
                    obj,
                    index: index.iter().map(|&i| i as u32).collect(),
                    indirect,
                };
                return self.method_callee(x, &sel2, pos, args);
            }
            return Err(unsupported(pos, "this method of a type parameter"));
        }
        let m = sel.obj;
        let ptr_recv = matches!(self.p.store.obj(m).kind, ObjKind::Func { ptr_recv: true });
        let (cur, t) = self.embedded_operand(x, &sel.index[..sel.index.len() - 1], pos)?;
        if let Type::Interface(_) = self.under(t) {
            let v = self.operand_value(cur, t, pos)?;
            return self.iface_callee(v, t, m, pos, args);
        }
        let mt = self.obj_type(m);
        let Type::Signature(msig) = self.p.store.ty(mt).clone() else {
            return Err(unsupported(pos, "this method"));
        };
        let _ = msig;
        // The type declaring the method: the operand's, after embedding.
        let named = match self.under(t) {
            Type::Pointer(e) if !matches!(self.p.store.ty(t), Type::Named(_)) => *e,
            _ => t,
        };
        let named = match self.p.store.ty(named) {
            Type::Alias(a) => a.actual.unwrap_or(named),
            _ => named,
        };
        let generic_inst = matches!(self.p.store.ty(named), Type::Named(n) if !n.targs.is_empty());
        args.push(self.iconst(Ty::PTR, 0, pos));
        let is_ptr = matches!(self.under(t), Type::Pointer(_));
        if ptr_recv {
            if is_ptr {
                args.extend(self.operand_value(cur, t, pos)?);
            } else {
                match cur {
                    Operand::Place(Place::Mem(a)) => args.push(a),
                    _ => return Err(unsupported(pos, "a pointer method on this value")),
                }
            }
        } else if is_ptr {
            let Type::Pointer(elem) = self.under(t).clone() else {
                unreachable!()
            };
            let p = self.operand_value(cur, t, pos)?[0];
            self.ins(InstKind::NilCheck(p), pos);
            args.extend(self.load_value(p, elem, pos)?);
        } else {
            args.extend(self.operand_value(cur, t, pos)?);
        }
        let name = if generic_inst {
            self.instance_method(named, ptr_recv, m, pos)?
        } else {
            names::method_name(
                self.p.store,
                named,
                ptr_recv,
                self.p.store.obj(m).name.as_str(),
            )
        };
        Ok(Callee::Direct(name))
    }

    /// Follows embedded fields `path` from `x`.
    pub(super) fn embedded_operand(
        &mut self,
        x: &Expr,
        path: &[u32],
        pos: Pos,
    ) -> Result<(Operand, TypeId)> {
        let mut t = self.type_of(x);
        let mut cur = match self.place(x)? {
            Some(pl) => Operand::Place(pl),
            None => Operand::Val(self.expr(x)?),
        };
        for &idx in path {
            if let Type::Pointer(elem) = self.under(t) {
                let elem = *elem;
                let p = self.operand_value(cur, t, pos)?[0];
                self.ins(InstKind::NilCheck(p), pos);
                cur = Operand::Place(Place::Mem(p));
                t = elem;
            }
            match cur {
                Operand::Place(pl) => {
                    let (pl, ft) = self.field_path(pl, t, &[idx], pos)?;
                    cur = Operand::Place(pl);
                    t = ft;
                }
                Operand::Val(v) => {
                    let Type::Struct(st) = self.under(t).clone() else {
                        return Err(unsupported(pos, "this selection"));
                    };
                    let offs = types::sizes::offsetsof(self.p.store, &st.fields);
                    let ft = self.obj_type(st.fields[idx as usize]);
                    let v = self.extract(&v, t, offs[idx as usize] as u32, ft, pos)?;
                    cur = Operand::Val(v);
                    t = ft;
                }
            }
        }
        Ok((cur, t))
    }

    pub(super) fn operand_value(&mut self, o: Operand, t: TypeId, pos: Pos) -> Result<Vec<Value>> {
        match o {
            Operand::Place(pl) => self.load_place(&pl, t, pos),
            Operand::Val(v) => Ok(v),
        }
    }

    /// A method value `x.m`: a closure binding the receiver, whose code
    /// (`METHOD-fm`) calls the method with it.
    pub(super) fn method_value(
        &mut self,
        e: &Expr,
        x: &Expr,
        sel: &Selection,
    ) -> Result<Vec<Value>> {
        let pos = e.pos;
        let mut args = Vec::new();
        let callee = self.method_callee(x, sel, pos, &mut args)?;
        // args: the context (dropped), then the receiver words.
        let mut bound: Vec<Value> = args[1..].to_vec();
        let wrapper = match &callee {
            Callee::Direct(name) => format!("{name}-fm"),
            Callee::Indirect(code) => {
                bound.insert(0, *code);
                let xt = self.type_of(x);
                let m = self.p.store.obj(sel.obj).name.to_string();
                format!("{}.{}-fm", names::type_string_linked(self.p.store, xt), m)
            }
        };
        let ft = self.type_of(e);
        if self.sh.fm_done.insert(wrapper.clone()) {
            let (ptys, rtys) = sig_abi(self.p.store, None, ft);
            let tys: Vec<Ty> = bound.iter().map(|&v| self.f.ty(v)).collect();
            let line = self.line(pos);
            let mut w = Func::new(
                wrapper.clone(),
                self.f.file.clone(),
                line,
                &ptys,
                rtys.clone(),
            );
            w.wrapper = true;
            let b0 = Block(0);
            let params = w.params().to_vec();
            let ctx = params[0];
            let loaded: Vec<Value> = tys
                .iter()
                .enumerate()
                .map(|(i, &ty)| w.push(b0, InstKind::Load(ty, ctx, 8 + 8 * i as i32), line)[0])
                .collect();
            let zero = w.push(b0, InstKind::Iconst(Ty::PTR, 0), line)[0];
            let (callee, recv) = match &callee {
                Callee::Direct(n) => (Callee::Direct(n.clone()), loaded),
                Callee::Indirect(_) => (Callee::Indirect(loaded[0]), loaded[1..].to_vec()),
            };
            let mut cargs = vec![zero];
            cargs.extend(recv);
            cargs.extend_from_slice(&params[1..]);
            let res = w.push(
                b0,
                InstKind::Call {
                    callee,
                    args: cargs,
                    results: rtys,
                },
                line,
            );
            w.set_term(b0, Term::Return(res));
            self.sh.out.push(w);
        }
        Ok(vec![self.closure_object(wrapper, &bound, pos)])
    }

    /// A method expression `T.m` / `(*T).m`: the method as a function.
    pub(super) fn method_expr(&mut self, e: &Expr, sel: &Selection) -> Result<Vec<Value>> {
        let m = sel.obj;
        let ptr_recv = matches!(self.p.store.obj(m).kind, ObjKind::Func { ptr_recv: true });
        let raw = sel.recv;
        let recv = self.sub(raw);
        let raw_base = match self.p.store.ty(raw) {
            Type::Pointer(e) => *e,
            _ => raw,
        };
        if recv != raw && matches!(self.under(recv), Type::Interface(_)) {
            // A type argument that is an interface.
            let name = self.p.store.obj(m).name;
            if let types::lookup::Lookup::Found { obj, .. } = types::lookup::lookup_field_or_method(
                self.p.store,
                recv,
                false,
                Some(self.p.pkg),
                name,
            ) {
                let mname = name.to_string();
                return self.iface_method_expr(e, recv, obj, &mname);
            }
        }
        if matches!(self.p.store.ty(raw_base), Type::TypeParam(_)) || recv != raw {
            // A method of a type argument: the method table's function.
            let (named, is_ptr) = match self.p.store.ty(recv) {
                Type::Pointer(el) => (*el, true),
                _ => (recv, false),
            };
            self.instance_methods(recv, e.pos);
            let mname = self.p.store.obj(m).name.to_string();
            let pkg = self.p.store.obj(m).pkg;
            let name = self
                .sh
                .descs
                .method_func(self.p.store, named, is_ptr, &mname, pkg)
                .ok_or_else(|| unsupported(e.pos, "this method expression"))?;
            return Ok(vec![self.static_closure(&name, e.pos)]);
        }
        let (named, is_ptr) = match self.under(recv) {
            Type::Pointer(el) => (*el, true),
            _ => (recv, false),
        };
        let mname = self.p.store.obj(m).name.to_string();
        if let Type::Interface(_) = self.under(recv) {
            return self.iface_method_expr(e, recv, m, &mname);
        }
        let name = if sel.index.len() == 1
            && !matches!(self.under(named), Type::Interface(_))
            && (ptr_recv || !is_ptr)
        {
            names::method_name(self.p.store, named, ptr_recv, &mname)
        } else {
            // Promoted, through a pointer, or of an interface: the
            // method table's function (a wrapper).
            let pkg = self.p.store.obj(m).pkg;
            self.sh
                .descs
                .method_func(self.p.store, named, is_ptr, &mname, pkg)
                .ok_or_else(|| unsupported(e.pos, "this method expression"))?
        };
        Ok(vec![self.static_closure(&name, e.pos)])
    }

    /// `I.m` for an interface type `I`: a function taking the interface
    /// value first, calling through its itab.
    fn iface_method_expr(
        &mut self,
        e: &Expr,
        iface: TypeId,
        m: ObjId,
        mname: &str,
    ) -> Result<Vec<Value>> {
        let pos = e.pos;
        let name = format!(
            "{}.{}",
            names::type_string_linked(self.p.store, iface),
            mname
        );
        if self.sh.fm_done.insert(name.clone()) {
            let ft = self.type_of(e);
            let (ptys, rtys) = sig_abi(self.p.store, None, ft);
            let line = self.line(pos);
            let mut w = Func::new(name.clone(), self.f.file.clone(), line, &ptys, rtys.clone());
            w.wrapper = true;
            let b0 = Block(0);
            let params = w.params().to_vec();
            let idx = crate::typedesc::imethod_index(
                self.p.store,
                types::predicates::underlying(self.p.store, iface),
                m,
            );
            let code = w.push(
                b0,
                InstKind::Load(Ty::PTR, params[1], 24 + 8 * idx as i32),
                line,
            )[0];
            let zero = w.push(b0, InstKind::Iconst(Ty::PTR, 0), line)[0];
            let mut args = vec![zero, params[2]];
            args.extend_from_slice(&params[3..]);
            let res = w.push(
                b0,
                InstKind::Call {
                    callee: Callee::Indirect(code),
                    args,
                    results: rtys,
                },
                line,
            );
            w.set_term(b0, Term::Return(res));
            self.sh.out.push(w);
        }
        Ok(vec![self.static_closure(&name, pos)])
    }

    // ---- function literals ----

    pub(super) fn func_lit(&mut self, e: &Expr, _fl: &ast::FuncLit) -> Result<Vec<Value>> {
        let key = self.key(e);
        let caps = self
            .sh
            .escapes
            .captures
            .get(&key)
            .cloned()
            .unwrap_or_default();
        let lit = LitBody::Func(
            *self
                .sh
                .escapes
                .lits
                .get(&key)
                .ok_or_else(|| unsupported(e.pos, "this function literal"))?,
        );
        let name = self.next_lit_name();
        self.sh.pending.push(PendingLit {
            name: name.clone(),
            key,
            lit,
            captures: caps.clone(),
            smap: self.smap.clone(),
            label: None,
            outer_results: Vec::new(),
        });
        if caps.is_empty() {
            return Ok(vec![self.static_closure(&name, e.pos)]);
        }
        let boxes = self.capture_boxes(&caps, e.pos)?;
        let obj = self.closure_object(name, &boxes, e.pos);
        Ok(vec![obj])
    }

    // ---- conversions ----

    pub(super) fn conversion(&mut self, e: &Expr, to: TypeId, x: &Expr) -> Result<Vec<Value>> {
        let from = self.type_of(x);
        let s = self.p.store;
        let pos = e.pos;
        if let Some(tv) = self.tv(e) {
            if let Some(v) = tv.val.clone() {
                return self.constant(&v, to, pos);
            }
        }
        if matches!(self.under(to), Type::Interface(_)) {
            return self.expr_as(x, to);
        }
        let from = if types::predicates::is_untyped(s, from) {
            self.default_type(from)
        } else {
            from
        };
        let v = self.expr_as(x, from)?;
        // Strings.
        if is_string(s, to) {
            if is_string(s, from) {
                return Ok(v);
            }
            match self.under(from).clone() {
                Type::Slice(elem) => {
                    let f = if self
                        .basic_kind(elem)
                        .is_some_and(|k| matches!(k, BasicKind::Uint8))
                    {
                        "runtime.slicebytetostring"
                    } else {
                        "runtime.slicerunetostring"
                    };
                    return Ok(self.call_runtime(f, vec![v[0], v[1]], vec![Ty::PTR, Ty::I64], pos));
                }
                _ => {
                    let unsigned = is_unsigned(s, from);
                    let w = self.widen(v[0], unsigned, pos);
                    let w = if unsigned {
                        // Values above MaxInt64 are not runes.
                        let z = self.iconst(Ty::I64, 0, pos);
                        let neg = self.ins1(InstKind::Cmp(CmpOp::SLt, w, z), pos);
                        let bad = self.iconst(Ty::I64, 0xFFFD, pos);
                        self.ins1(InstKind::Select(neg, bad, w), pos)
                    } else {
                        w
                    };
                    return Ok(self.call_runtime(
                        "runtime.intstring",
                        vec![w],
                        vec![Ty::PTR, Ty::I64],
                        pos,
                    ));
                }
            }
        }
        if is_string(s, from) {
            if let Type::Slice(elem) = self.under(to).clone() {
                let f = if self
                    .basic_kind(elem)
                    .is_some_and(|k| matches!(k, BasicKind::Uint8))
                {
                    "runtime.stringtoslicebyte"
                } else {
                    "runtime.stringtoslicerune"
                };
                return Ok(self.call_runtime(
                    f,
                    vec![v[0], v[1]],
                    vec![Ty::PTR, Ty::I64, Ty::I64],
                    pos,
                ));
            }
        }
        // Slices to arrays and array pointers.
        if let Type::Slice(_) = self.under(from) {
            let (n, ptr_to) = match self.under(to).clone() {
                Type::Array(n, _) => (n.unwrap_or(0), false),
                Type::Pointer(pt) => match self.under(pt).clone() {
                    Type::Array(n, _) => (n.unwrap_or(0), true),
                    _ => return Ok(v),
                },
                _ => return Ok(v),
            };
            let nv = self.iconst(Ty::I64, n as i64, pos);
            self.ins(
                InstKind::BoundsCheck {
                    kind: BoundsKind::Convert,
                    index: nv,
                    len: v[1],
                    unsigned: false,
                },
                pos,
            );
            if ptr_to {
                return Ok(vec![v[0]]);
            }
            return self.load_value(v[0], to, pos);
        }
        let (Some(_), Some(_)) = (self.basic_kind(from), self.basic_kind(to)) else {
            // Same representation (named types, pointers, ...).
            return Ok(v);
        };
        if is_complex(s, to) || is_complex(s, from) {
            let tty = self.value_tys(to)[0];
            return Ok(v
                .into_iter()
                .map(|x| {
                    if self.f.ty(x) == tty {
                        x
                    } else {
                        self.ins1(InstKind::Conv(ConvOp::FConv, x, tty), pos)
                    }
                })
                .collect());
        }
        let tty = self.value_tys(to)[0];
        let fty = self.f.ty(v[0]);
        let from_unsigned = is_unsigned(s, from);
        let r = match (fty.is_float(), tty.is_float()) {
            (false, false) => {
                if tty.bytes() == fty.bytes() {
                    v[0]
                } else if tty.bytes() < fty.bytes() {
                    self.ins1(InstKind::Conv(ConvOp::Trunc, v[0], tty), pos)
                } else if from_unsigned {
                    self.ins1(InstKind::Conv(ConvOp::ZExt, v[0], tty), pos)
                } else {
                    self.ins1(InstKind::Conv(ConvOp::SExt, v[0], tty), pos)
                }
            }
            (false, true) => {
                let op = if from_unsigned {
                    ConvOp::UToF
                } else {
                    ConvOp::SToF
                };
                self.ins1(InstKind::Conv(op, v[0], tty), pos)
            }
            (true, false) => {
                let op = if is_unsigned(s, to) {
                    ConvOp::FToU
                } else {
                    ConvOp::FToS
                };
                self.ins1(InstKind::Conv(op, v[0], tty), pos)
            }
            (true, true) => {
                if tty == fty {
                    v[0]
                } else {
                    self.ins1(InstKind::Conv(ConvOp::FConv, v[0], tty), pos)
                }
            }
        };
        Ok(vec![r])
    }

    // ---- built-ins ----

    pub(super) fn builtin(
        &mut self,
        e: &Expr,
        b: Builtin,
        c: &ast::CallExpr,
    ) -> Result<Vec<Value>> {
        let pos = e.pos;
        if let Some(tv) = self.tv(e) {
            if let Some(v) = tv.val.clone() {
                let t = self.sub(tv.typ);
                return self.constant(&v, t, pos);
            }
        }
        match b {
            Builtin::Print | Builtin::Println => {
                // Arguments first (they may call functions that print).
                let mut vals = Vec::new();
                for a in &c.args {
                    let t = self.type_of(a);
                    if let Type::Tuple(vs) = self.p.store.ty(t).clone() {
                        // print(f()) with several results.
                        let parts = self.split_multi(a)?;
                        for (v, var) in parts.into_iter().zip(vs) {
                            let vt = self.obj_type(var);
                            vals.push((v, vt, a.pos));
                        }
                        continue;
                    }
                    let t = self.default_type(t);
                    vals.push((self.expr_as(a, t)?, t, a.pos));
                }
                self.call_runtime("runtime.printlock", vec![], vec![], pos);
                for (i, (v, t, p)) in vals.into_iter().enumerate() {
                    if i > 0 && b == Builtin::Println {
                        self.call_runtime("runtime.printsp", vec![], vec![], pos);
                    }
                    self.print_value(v, t, p)?;
                }
                if b == Builtin::Println {
                    self.call_runtime("runtime.printnl", vec![], vec![], pos);
                }
                self.call_runtime("runtime.printunlock", vec![], vec![], pos);
                Ok(vec![])
            }
            Builtin::Len | Builtin::Cap => {
                let a = &c.args[0];
                let t = self.type_of(a);
                match self.under(t).clone() {
                    Type::Basic { .. } => Ok(vec![self.expr(a)?[1]]),
                    Type::Slice(_) => {
                        let v = self.expr(a)?;
                        Ok(vec![if b == Builtin::Len { v[1] } else { v[2] }])
                    }
                    Type::Array(n, _) => {
                        self.expr(a)?;
                        Ok(vec![self.iconst(Ty::I64, n.unwrap_or(0) as i64, pos)])
                    }
                    Type::Pointer(pt) => {
                        let Type::Array(n, _) = self.under(pt).clone() else {
                            return Err(unsupported(pos, "len of this type"));
                        };
                        self.expr(a)?;
                        Ok(vec![self.iconst(Ty::I64, n.unwrap_or(0) as i64, pos)])
                    }
                    Type::Map(..) => {
                        let m = self.expr(a)?[0];
                        Ok(vec![self.nil_or_load(m, 0, pos)])
                    }
                    Type::Chan(..) => {
                        // hchan: qcount, then dataqsiz.
                        let c = self.expr(a)?[0];
                        let off = if b == Builtin::Len { 0 } else { 8 };
                        Ok(vec![self.nil_or_load(c, off, pos)])
                    }
                    _ => Err(unsupported(pos, "len of this type")),
                }
            }
            Builtin::New => {
                let t = self.type_of(e);
                let Type::Pointer(elem) = self.under(t).clone() else {
                    unreachable!()
                };
                Ok(vec![self.new_object(elem, pos)])
            }
            Builtin::Make => {
                let t = self.type_of(&c.args[0]);
                match self.under(t).clone() {
                    Type::Slice(elem) => {
                        let len = self.int_arg(&c.args[1])?;
                        let cap = match c.args.get(2) {
                            Some(a) => self.int_arg(a)?,
                            None => len,
                        };
                        let et = self.type_desc(elem, pos);
                        let p = self.call_runtime(
                            "runtime.makeslice",
                            vec![et, len, cap],
                            vec![Ty::PTR],
                            pos,
                        )[0];
                        Ok(vec![p, len, cap])
                    }
                    Type::Map(..) => self.make_map(e, c, t),
                    Type::Chan(..) => self.make_chan(e, c, t),
                    _ => Err(unsupported(pos, "make of this type")),
                }
            }
            Builtin::Append => self.append(e, c),
            Builtin::Copy => {
                let dst = self.expr(&c.args[0])?;
                let st = self.type_of(&c.args[1]);
                let src = self.expr(&c.args[1])?;
                let dt = self.type_of(&c.args[0]);
                let Type::Slice(elem) = self.under(dt).clone() else {
                    unreachable!()
                };
                let _ = st;
                let lt = self.ins1(InstKind::Cmp(CmpOp::SLt, dst[1], src[1]), pos);
                let n = self.ins1(InstKind::Select(lt, dst[1], src[1]), pos);
                let es = self.size_of(elem);
                let sz = self.iconst(Ty::I64, es as i64, pos);
                let bytes = self.ins1(InstKind::Bin(BinOp::Mul, n, sz), pos);
                self.call_runtime("runtime.memmove", vec![dst[0], src[0], bytes], vec![], pos);
                Ok(vec![n])
            }
            Builtin::Clear => {
                let t = self.type_of(&c.args[0]);
                match self.under(t).clone() {
                    Type::Slice(elem) => {
                        let v = self.expr(&c.args[0])?;
                        let es = self.size_of(elem);
                        let sz = self.iconst(Ty::I64, es as i64, pos);
                        let bytes = self.ins1(InstKind::Bin(BinOp::Mul, v[1], sz), pos);
                        self.call_runtime(
                            "runtime.memclrNoHeapPointers",
                            vec![v[0], bytes],
                            vec![],
                            pos,
                        );
                        Ok(vec![])
                    }
                    Type::Map(..) => self.clear_map(e, &c.args[0], t),
                    _ => Err(unsupported(pos, "clear of this type")),
                }
            }
            Builtin::Complex => {
                let t = self.type_of(e);
                let ft = if self.basic_kind(t) == Some(BasicKind::Complex64) {
                    universe::basic(BasicKind::Float32)
                } else {
                    universe::FLOAT64
                };
                if c.args.len() == 1 {
                    let parts = self.split_multi(&c.args[0])?;
                    return Ok(vec![parts[0][0], parts[1][0]]);
                }
                let r = self.expr_as(&c.args[0], ft)?[0];
                let i = self.expr_as(&c.args[1], ft)?[0];
                Ok(vec![r, i])
            }
            Builtin::Real | Builtin::Imag => {
                let v = self.expr(&c.args[0])?;
                Ok(vec![if b == Builtin::Real { v[0] } else { v[1] }])
            }
            Builtin::Min | Builtin::Max => {
                let t = self.type_of(e);
                let mut acc = self.expr_as(&c.args[0], t)?;
                for a in &c.args[1..] {
                    let v = self.expr_as(a, t)?;
                    acc = self.min_max(b == Builtin::Min, t, acc, v, pos)?;
                }
                Ok(acc)
            }
            Builtin::Panic => {
                let any = self.empty_iface();
                let v = self.expr_as(&c.args[0], any)?;
                self.call_runtime("runtime.gopanic", v, vec![], pos);
                self.terminate(Term::Unreachable);
                Ok(vec![])
            }
            Builtin::Add => {
                let p = self.expr(&c.args[0])?[0];
                let n = self.int_arg(&c.args[1])?;
                Ok(vec![self.ins1(InstKind::Bin(BinOp::Add, p, n), pos)])
            }
            Builtin::Slice | Builtin::String => {
                let p = self.expr(&c.args[0])?[0];
                let n = self.int_arg(&c.args[1])?;
                if b == Builtin::String {
                    Ok(vec![p, n])
                } else {
                    Ok(vec![p, n, n])
                }
            }
            Builtin::SliceData | Builtin::StringData => {
                let v = self.expr(&c.args[0])?;
                Ok(vec![v[0]])
            }
            Builtin::Delete => self.delete_map(e, c),
            Builtin::Close => self.close_chan(&c.args[0], pos),
            Builtin::Recover => self.recover(e),
            _ => Err(unsupported(pos, "this built-in")),
        }
    }

    /// `p == nil ? 0 : *(p + off)` (len of maps and channels, the type
    /// of an itab).
    pub(super) fn nil_or_load(&mut self, p: Value, off: i32, pos: Pos) -> Value {
        let var = self.ssa.new_var(Ty::I64);
        let z = self.iconst(Ty::PTR, 0, pos);
        let b0 = self.cur();
        self.ssa.write(var, b0, z);
        let isnil = self.ins1(InstKind::Cmp(CmpOp::Eq, p, z), pos);
        let load = self.new_block();
        let join = self.new_block();
        self.branch(isnil, join, load);
        self.enter(load);
        let v = self.ins1(InstKind::Load(Ty::I64, p, off), pos);
        let b1 = self.cur();
        self.ssa.write(var, b1, v);
        self.jump(join);
        self.enter(join);
        let b = self.cur();
        self.ssa.read(&mut self.f, var, b)
    }

    /// An integer argument (of make) as an `i64`.
    pub(super) fn int_arg(&mut self, a: &Expr) -> Result<Value> {
        let t = self.type_of(a);
        let t = if types::predicates::is_untyped(self.p.store, t) {
            universe::INT
        } else {
            t
        };
        let v = self.expr_as(a, t)?[0];
        let unsigned = is_unsigned(self.p.store, t);
        Ok(self.widen(v, unsigned, a.pos))
    }

    pub(super) fn min_max(
        &mut self,
        min: bool,
        t: TypeId,
        a: Vec<Value>,
        b: Vec<Value>,
        pos: Pos,
    ) -> Result<Vec<Value>> {
        let s = self.p.store;
        if is_float(s, t) {
            let op = if min { BinOp::FMin } else { BinOp::FMax };
            return Ok(vec![self.ins1(InstKind::Bin(op, a[0], b[0]), pos)]);
        }
        let op = if min { Operator::Lss } else { Operator::Gtr };
        let c = self.compare(op, t, &a, &b, pos)?;
        Ok(a.iter()
            .zip(&b)
            .map(|(&x, &y)| self.ins1(InstKind::Select(c, x, y), pos))
            .collect())
    }

    /// `append(s, x...)` and `append(s, xs...)`.
    pub(super) fn append(&mut self, e: &Expr, c: &ast::CallExpr) -> Result<Vec<Value>> {
        let pos = e.pos;
        let st = self.type_of(e);
        let Type::Slice(elem) = self.under(st).clone() else {
            unreachable!()
        };
        let buf_for = self.append_to.take();
        let es = self.size_of(elem);
        let multi = c.args.len() == 1
            && matches!(self.p.store.ty(self.type_of(&c.args[0])), Type::Tuple(_));
        let mut multi_parts = if multi {
            let mut tys = vec![st];
            let n = match self.p.store.ty(self.type_of(&c.args[0])) {
                Type::Tuple(v) => v.len(),
                _ => 1,
            };
            tys.extend(std::iter::repeat_n(elem, n - 1));
            self.split_multi_as(&c.args[0], &tys)?
        } else {
            Vec::new()
        };
        let s = if multi {
            multi_parts.remove(0)
        } else {
            self.expr_as(&c.args[0], st)?
        };
        // What is appended: values, or a slice/string to copy from.
        let (extra, src) = if multi {
            (multi_parts, None)
        } else if c.has_dots {
            let at = self.type_of(&c.args[1]);
            let at = if types::predicates::is_untyped(self.p.store, at) {
                universe::STRING
            } else {
                at
            };
            let v = self.expr_as(&c.args[1], at)?;
            (Vec::new(), Some(v))
        } else {
            let mut vals = Vec::new();
            for a in &c.args[1..] {
                vals.push(self.expr_as(a, elem)?);
            }
            (vals, None)
        };
        let num = match &src {
            Some(v) => v[1],
            None => self.iconst(Ty::I64, extra.len() as i64, pos),
        };
        if src.is_none() && extra.is_empty() {
            return Ok(s);
        }
        let newlen = self.ins1(InstKind::Bin(BinOp::Add, s[1], num), pos);
        let pv = self.ssa.new_var(Ty::PTR);
        let cv = self.ssa.new_var(Ty::I64);
        let b0 = self.cur();
        self.ssa.write(pv, b0, s[0]);
        self.ssa.write(cv, b0, s[2]);
        let grow = self.new_block();
        let join = self.new_block();
        let over = self.ins1(InstKind::Cmp(CmpOp::UGt, newlen, s[2]), pos);
        self.branch(over, grow, join);
        self.enter(grow);
        let et = self.type_desc(elem, pos);
        // A slice that does not escape starts in a 32-byte buffer in the
        // frame, as under gc.
        let g = match buf_for.filter(|_| es > 0 && es <= APPEND_BUF) {
            Some(x) => {
                let slot = match self.append_bufs.get(&x) {
                    Some(&sl) => sl,
                    None => {
                        let sl = self.f.new_slot(APPEND_BUF, 8);
                        self.append_bufs.insert(x, sl);
                        sl
                    }
                };
                let buf = self.ins1(InstKind::SlotAddr(slot), pos);
                let n = self.iconst(Ty::I64, (APPEND_BUF / es) as i64, pos);
                self.call_runtime(
                    "runtime.growsliceBuf",
                    vec![s[0], newlen, s[2], num, et, buf, n],
                    vec![Ty::PTR, Ty::I64, Ty::I64],
                    pos,
                )
            }
            None => self.call_runtime(
                "runtime.growslice",
                vec![s[0], newlen, s[2], num, et],
                vec![Ty::PTR, Ty::I64, Ty::I64],
                pos,
            ),
        };
        let b1 = self.cur();
        self.ssa.write(pv, b1, g[0]);
        self.ssa.write(cv, b1, g[2]);
        self.jump(join);
        self.enter(join);
        let b = self.cur();
        let p = self.ssa.read(&mut self.f, pv, b);
        let cap = self.ssa.read(&mut self.f, cv, b);
        let dst = self.elem_addr(p, s[1], es, pos);
        match src {
            Some(v) => {
                let sz = self.iconst(Ty::I64, es as i64, pos);
                let bytes = self.ins1(InstKind::Bin(BinOp::Mul, v[1], sz), pos);
                self.call_runtime("runtime.memmove", vec![dst, v[0], bytes], vec![], pos);
            }
            None => {
                for (i, v) in extra.into_iter().enumerate() {
                    let a = self.offset(dst, (i as u32 * es) as i64, pos);
                    self.store_value(a, elem, &v, pos)?;
                }
            }
        }
        Ok(vec![p, newlen, cap])
    }

    pub(super) fn print_value(&mut self, v: Vec<Value>, t: TypeId, pos: Pos) -> Result<()> {
        let s = self.p.store;
        let kind = self.basic_kind(t);
        use BasicKind::*;
        let (func, args) = match kind {
            Some(Bool | UntypedBool) => ("runtime.printbool", v),
            Some(Int | Int8 | Int16 | Int32 | Int64 | UntypedInt | UntypedRune) => {
                let w = self.widen(v[0], false, pos);
                ("runtime.printint", vec![w])
            }
            Some(Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr) => {
                let w = self.widen(v[0], true, pos);
                ("runtime.printuint", vec![w])
            }
            Some(Float32) => ("runtime.printfloat32", v),
            Some(Float64 | UntypedFloat) => ("runtime.printfloat64", v),
            Some(Complex64) => ("runtime.printcomplex64", v),
            Some(Complex128 | UntypedComplex) => ("runtime.printcomplex128", v),
            Some(String | UntypedString) => ("runtime.printstring", v),
            Some(UnsafePointer) => ("runtime.printpointer", v),
            Some(UntypedNil) => {
                let z = self.iconst(Ty::PTR, 0, pos);
                ("runtime.printpointer", vec![z])
            }
            _ => match s.ty(types::predicates::underlying(s, t)) {
                Type::Pointer(_) | Type::Map(..) | Type::Chan(..) | Type::Signature(_) => {
                    ("runtime.printpointer", v)
                }
                Type::Slice(_) => ("runtime.printslice", v),
                Type::Interface(_) => {
                    if self.is_empty_iface(t) {
                        ("runtime.printeface", v)
                    } else {
                        ("runtime.printiface", v)
                    }
                }
                _ => return Err(unsupported(pos, "printing this type")),
            },
        };
        self.call_runtime(func, args, vec![], pos);
        Ok(())
    }
}
