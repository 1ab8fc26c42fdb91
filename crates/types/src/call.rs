//! Calls and selectors (types2's call.go): function and method calls
//! with argument passing (variadic, `f(g())` with multiple results,
//! "not enough arguments in call to f\n\thave (...)\n\twant (...)"),
//! conversions and built-ins reached through a call, generic function
//! calls with type argument inference, and `x.sel` selectors: package
//! members, fields and methods through embedding, method values and
//! method expressions, with gc's "x.f undefined (type T has no field or
//! method f, but does have F)" family of messages.
//!
//! Also the helpers calls and built-ins share: operand mode exclusion
//! (`exclude_modes`) and tuples (`call_new_tuple`). Type sets are walked
//! with expr.rs's `type_set_members` and `common_underlying`.
//!
//! Generic calls: partially instantiated callees and arguments
//! (`f[int](x)` with more type parameters to infer) reach here as generic
//! values from `index_expr`, their given type arguments in
//! `Checker::func_inst_targs` (taken by `call_partial_targs`). Generic
//! function arguments get fresh type parameters (`call_rename_tparams`)
//! and are inferred together with the callee's (Go 1.21); `infer` reports
//! failures, worded "in call to f, ..." (errors it reports inside the call
//! without that prefix get it here).
//!
//! Selectors on type parameters see the methods of the constraint's type
//! set only; imported packages show their exported objects only (gc
//! imports nothing else).

use syntax::ast::{self, Expr, ExprKind};
use syntax::print::expr_string;
use syntax::Pos;

use crate::arena::{ObjId, Store, TypeId};
use crate::check::Checker;
use crate::info::{Selection, SelectionKind};
use crate::lookup::{lookup_field_or_method, lookup_fold_case, Lookup};
use crate::object::{ObjKind, Object};
use crate::operand::{Mode, Operand};
use crate::predicates::{is_type_param, is_untyped, unalias, underlying};
use crate::ty::{Signature, Type};
use crate::typeset::type_set;
use crate::universe;

/// Modes `exclude` can reject.
#[derive(Clone, Copy)]
pub(crate) struct ModeSet {
    pub no_value: bool,
    pub builtin: bool,
    pub type_expr: bool,
}

impl ModeSet {
    pub const VALUES_ONLY: ModeSet = ModeSet {
        no_value: true,
        builtin: true,
        type_expr: true,
    };
}

/// The start position of the expression an operand came from.
pub(crate) fn op_pos(x: &Operand) -> Pos {
    x.expr.map_or(Pos::NONE, |e| e.start_pos())
}

impl<'a> Checker<'a, '_> {
    /// A call expression: function call, conversion or built-in.
    pub(crate) fn call_expr(&mut self, e: &'a Expr, call: &'a ast::CallExpr) -> Operand<'a> {
        let first_err = self.errors.len();
        let mut x = self.expr_or_type(&call.fun, true);
        if let ExprKind::Index(..) = call.fun.kind {
            // An instantiated callee's version error is at its start, as
            // types2 reports it in callExpr (index_expr reports at `[`).
            for err in &mut self.errors[first_err..] {
                if err.pos == call.fun.pos
                    && err.msg == "function instantiation requires go1.18 or later"
                {
                    err.pos = call.fun.start_pos();
                }
            }
        }
        match x.mode {
            Mode::Invalid => {
                self.use_exprs(&call.args);
                return Operand::invalid(Some(e));
            }
            Mode::TypeExpr => return self.call_conversion(e, call, x),
            Mode::Builtin(id) => {
                let mut r = self.builtin(e, call, id);
                r.expr = Some(e);
                if r.is_valid() && r.mode != Mode::Constant {
                    self.env.has_call_or_recv = true;
                }
                return r;
            }
            _ => {}
        }

        // An ordinary function or method call: the callee's type (or
        // every type in its type set) must be a signature.
        let typ = x.typ;
        let u = self.common_underlying(typ, |c, t, u| {
            if u.is_some_and(|u| !matches!(c.store.ty(u), Type::Signature(_))) {
                Some(format!(
                    "{} is not a function",
                    c.type_str(t.unwrap_or(typ))
                ))
            } else {
                None
            }
        });
        let sig = match u {
            Ok(u) => u,
            Err(why) => {
                let msg = format!("invalid operation: cannot call {}: {why}", self.op_str(&x));
                self.errorf(op_pos(&x), msg);
                self.use_exprs(&call.args);
                return Operand::invalid(Some(e));
            }
        };
        let Type::Signature(s) = self.store.ty(sig) else {
            self.use_exprs(&call.args);
            return Operand::invalid(Some(e));
        };
        let was_generic = !s.tparams.is_empty();
        let targs = if was_generic {
            self.call_partial_targs(&call.fun)
        } else {
            Vec::new()
        };

        let (args, atargs) = self.call_generic_expr_list(&call.args);
        let sig = self.call_arguments(e, call, sig, &targs, args, &atargs);
        let Type::Signature(s) = self.store.ty(sig).clone() else {
            return Operand::invalid(Some(e));
        };
        if was_generic && s.tparams.is_empty() {
            self.record_type_and_value(&call.fun, Mode::Value, sig, None);
        }

        let results = self.call_tuple_types(s.results);
        match results.len() {
            0 => {
                x.mode = Mode::NoValue;
                x.typ = s.results;
            }
            1 => {
                // A result of a type still being declared is unusable.
                if !self.call_is_complete(results[0]) {
                    return Operand::invalid(Some(e));
                }
                x.mode = Mode::Value;
                x.typ = results[0];
            }
            _ => {
                x.mode = Mode::Value;
                x.typ = s.results;
            }
        }
        x.val = None;
        x.expr = Some(e);
        self.env.has_call_or_recv = true;
        // Inference failed: a result of a type mentioning the type
        // parameters cannot be used.
        if x.mode == Mode::Value
            && !s.tparams.is_empty()
            && self.call_mentions_tparams(x.typ, &s.tparams, &mut Vec::new())
        {
            return Operand::invalid(Some(e));
        }
        x
    }

    /// `T(x)`: a conversion (the callee `x` is a type).
    fn call_conversion(
        &mut self,
        e: &'a Expr,
        call: &'a ast::CallExpr,
        mut x: Operand<'a>,
    ) -> Operand<'a> {
        self.call_non_generic(&mut x);
        if !x.is_valid() {
            self.use_exprs(&call.args);
            return Operand::invalid(Some(e));
        }
        let t = x.typ;
        // A value cannot be converted to a type still being declared.
        if !self.call_is_complete(t) {
            self.use_exprs(&call.args);
            return Operand::invalid(Some(e));
        }
        let tstr = self.type_str(t);
        match call.args.len() {
            0 => {
                self.errorf(
                    e.start_pos(),
                    format!("missing argument in conversion to {tstr}"),
                );
                Operand::invalid(Some(e))
            }
            1 => {
                let target = self.new_target(t, "conversion");
                let mut y = self.expr(target, &call.args[0]);
                if !y.is_valid() {
                    return Operand::invalid(Some(e));
                }
                let u = underlying(&self.store, t);
                if matches!(self.store.ty(u), Type::Interface(_))
                    && !is_type_param(&self.store, t)
                    && !type_set(&self.store, t).is_method_set()
                {
                    self.errorf(
                        e.start_pos(),
                        format!(
                            "cannot use interface {tstr} in conversion (contains specific type constraints or is comparable)"
                        ),
                    );
                    return Operand::invalid(Some(e));
                }
                if call.has_dots {
                    self.errorf(
                        call.args[0].start_pos(),
                        format!("invalid use of ... in conversion to {tstr}"),
                    );
                    return Operand::invalid(Some(e));
                }
                self.conversion(&mut y, t);
                y.expr = Some(e);
                if !y.is_valid() {
                    return Operand::invalid(Some(e));
                }
                y
            }
            n => {
                self.use_exprs(&call.args);
                self.errorf(
                    call.args[n - 1].start_pos(),
                    format!("too many arguments in conversion to {tstr}"),
                );
                Operand::invalid(Some(e))
            }
        }
    }

    /// Whether `t` is complete: not a type whose declaration is in
    /// progress on the object path (types2's isComplete; the cycle is
    /// reported). Instances of generic types are distinct types (types2
    /// gives them type names of their own), never on the path.
    fn call_is_complete(&mut self, t: TypeId) -> bool {
        let mut t = t;
        for _ in 0..64 {
            let (obj, rhs) = match self.store.ty(t) {
                Type::Alias(a) if a.origin.is_none() => (a.obj, a.actual),
                Type::Named(n) if n.origin.is_none() => (n.obj, n.underlying),
                _ => return true,
            };
            if let Some(i) = self.obj_path.iter().position(|&o| o == obj) {
                let cycle = self.obj_path[i..].to_vec();
                let start = (0..cycle.len())
                    .min_by_key(|&k| self.store.obj(cycle[k]).pos)
                    .unwrap_or(0);
                self.cycle_error(&cycle, start);
                return false;
            }
            match rhs {
                Some(r) if r != t => t = r,
                _ => return true,
            }
        }
        true
    }

    /// Reports a generic type or function used without instantiation
    /// (types2's nonGeneric) and invalidates `x`.
    pub(crate) fn call_non_generic(&mut self, x: &mut Operand<'a>) {
        if matches!(x.mode, Mode::Invalid | Mode::NoValue) {
            return;
        }
        let what = match self.store.ty(x.typ) {
            Type::Named(n) if !n.tparams.is_empty() && n.origin.is_none() => "type",
            Type::Alias(a) if !a.tparams.is_empty() && a.origin.is_none() => "type",
            Type::Signature(s) if !s.tparams.is_empty() => "function",
            _ => return,
        };
        let es = x.expr.map(expr_string).unwrap_or_default();
        self.errorf(
            op_pos(x),
            format!("cannot use generic {what} {es} without instantiation"),
        );
        *x = Operand::invalid(x.expr);
    }

    /// The type arguments given explicitly to a generic callee that
    /// `index_expr` left partially instantiated (`f[int]` of
    /// `func f[A, B any]`).
    fn call_partial_targs(&mut self, fun: &Expr) -> Vec<TypeId> {
        let k = self.key(fun.unparen());
        self.func_inst_targs.remove(&k).unwrap_or_default()
    }

    /// The arguments of a call (types2's genericExprList): one operand
    /// per value (a single call argument with several results expands),
    /// generic function values allowed, with the partial type arguments
    /// of each partially instantiated one.
    fn call_generic_expr_list(&mut self, es: &'a [Expr]) -> (Vec<Operand<'a>>, Vec<Vec<TypeId>>) {
        let mut out = Vec::new();
        let mut targs = Vec::new();
        if es.len() == 1 {
            let e = &es[0];
            let mut x = self.raw_expr(None, e, None, true);
            self.exclude_modes(&mut x, ModeSet::VALUES_ONLY);
            if x.mode == Mode::Value {
                if let Type::Tuple(vars) = self.store.ty(x.typ) {
                    let vars = vars.clone();
                    for v in vars {
                        out.push(Operand {
                            mode: Mode::Value,
                            expr: Some(e),
                            typ: self.store.obj(v).typ.unwrap_or(universe::INVALID),
                            val: None,
                        });
                    }
                    return (out, targs);
                }
            }
            let t = self.call_partial_targs(e);
            targs.push(self.call_complete_partial(&mut x, e, t));
            out.push(x);
        } else {
            for e in es {
                let mut x = self.raw_expr(None, e, None, true);
                self.exclude_modes(&mut x, ModeSet::VALUES_ONLY);
                self.call_single_value(&mut x);
                let t = self.call_partial_targs(e);
                targs.push(self.call_complete_partial(&mut x, e, t));
                out.push(x);
            }
        }
        (out, targs)
    }

    /// Before Go 1.21 a partially instantiated function argument
    /// (`g[int]`) is completed on its own, by inference from its
    /// constraints (types2's funcInst with infer); the type arguments left
    /// for the call's inference are returned (none then).
    fn call_complete_partial(
        &mut self,
        x: &mut Operand<'a>,
        e: &'a Expr,
        targs: Vec<TypeId>,
    ) -> Vec<TypeId> {
        if targs.is_empty() || self.allow_version(21) || !x.is_valid() {
            return targs;
        }
        let Type::Signature(sig) = self.store.ty(x.typ) else {
            return targs;
        };
        let tparams = sig.tparams.clone();
        let at = e.unparen();
        match self.infer(at.pos, &tparams, &targs, None, &[], false) {
            Some(all) if all.len() == tparams.len() => {
                x.typ = self.call_instantiate_signature(at.pos, at, x.typ, &all);
                let xx = x.clone();
                self.record_operand(e, &xx);
            }
            _ => *x = Operand::invalid(x.expr),
        }
        Vec::new()
    }

    /// Rejects operands of the given modes (types2's exclude).
    pub(crate) fn exclude_modes(&mut self, x: &mut Operand<'a>, set: ModeSet) {
        let msg = match x.mode {
            Mode::NoValue if set.no_value => {
                if set.type_expr {
                    format!("{} used as value", self.op_str(x))
                } else {
                    format!("{} used as value or type", self.op_str(x))
                }
            }
            Mode::Builtin(_) if set.builtin => format!("{} must be called", self.op_str(x)),
            Mode::TypeExpr if set.type_expr => format!("{} is not an expression", self.op_str(x)),
            _ => return,
        };
        self.errorf(op_pos(x), msg);
        *x = Operand::invalid(x.expr);
    }

    /// A tuple where one value is needed (types2's singleValue).
    pub(crate) fn call_single_value(&mut self, x: &mut Operand<'a>) {
        if x.mode == Mode::Value {
            if let Type::Tuple(_) = self.store.ty(x.typ) {
                let msg = format!("multiple-value {} in single-value context", self.op_str(x));
                self.errorf(op_pos(x), msg);
                *x = Operand::invalid(x.expr);
            }
        }
    }

    /// Checks the arguments of a call against signature `sig` (types2's
    /// arguments): counts, variadic parameters, inference of the missing
    /// type arguments of a generic callee and of generic function
    /// arguments, and assignability. Returns the (instantiated)
    /// signature, or `sig` itself after an error.
    pub(crate) fn call_arguments(
        &mut self,
        e: &'a Expr,
        call: &'a ast::CallExpr,
        sig: TypeId,
        targs: &[TypeId],
        mut args: Vec<Operand<'a>>,
        atargs: &[Vec<TypeId>],
    ) -> TypeId {
        let Type::Signature(s) = self.store.ty(sig).clone() else {
            return sig;
        };
        let nargs = args.len();
        let params = self.call_tuple_vars(s.params);
        let mut npars = params.len();
        let ddd = call.has_dots;
        let fun = expr_string(&call.fun);

        // The parameter types the arguments are passed to.
        let mut sig_params: Vec<TypeId> = params
            .iter()
            .map(|&p| self.store.obj(p).typ.unwrap_or(universe::INVALID))
            .collect();
        let mut adjusted = false;
        if s.variadic {
            if ddd {
                if call.args.len() == 1 && nargs > 1 {
                    let msg = format!(
                        "cannot use ... with {nargs}-valued {}",
                        expr_string(&call.args[0])
                    );
                    self.errorf(e.start_pos(), msg);
                    return sig;
                }
            } else if nargs + 1 >= npars && npars > 0 {
                let last = sig_params[npars - 1];
                let elem = match self.store.ty(unalias(&self.store, last)) {
                    Type::Slice(el) => *el,
                    _ => universe::INVALID,
                };
                sig_params.truncate(npars - 1);
                while sig_params.len() < nargs {
                    sig_params.push(elem);
                }
                adjusted = true;
                npars = nargs;
            } else {
                npars = npars.saturating_sub(1);
            }
        } else if ddd {
            self.errorf(
                e.start_pos(),
                format!("cannot use ... in call to non-variadic {fun}"),
            );
            return sig;
        }

        if nargs != npars {
            let (at, qualifier) = if nargs > npars {
                (op_pos(&args[npars]), "too many")
            } else if nargs > 0 {
                (op_pos(&args[nargs - 1]), "not enough")
            } else {
                (e.start_pos(), "not enough")
            };
            let have: Vec<TypeId> = args.iter().map(|a| a.typ).collect();
            let want: Vec<TypeId> = params
                .iter()
                .map(|&p| self.store.obj(p).typ.unwrap_or(universe::INVALID))
                .collect();
            let err = crate::errors::TypeError::new(
                at,
                format!("{qualifier} arguments in call to {fun}"),
            )
            .with(
                Pos::NONE,
                format!("have {}", self.call_types_summary(&have, false, ddd)),
            )
            .with(
                Pos::NONE,
                format!("want {}", self.call_types_summary(&want, s.variadic, false)),
            );
            self.error(err);
            return sig;
        }

        // Type parameters of the callee, then of generic function
        // arguments.
        let n = s.tparams.len();
        let mut tparams: Vec<TypeId> = s.tparams.clone();
        let mut all_targs: Vec<Option<TypeId>> = targs.iter().copied().map(Some).collect();
        if n > 0 {
            if !self.allow_version(18) {
                let (at, what) = match &call.fun.kind {
                    ExprKind::Index(..) => (call.fun.start_pos(), "function instantiation"),
                    _ => (e.start_pos(), "implicit function instantiation"),
                };
                self.errorf(at, format!("{what} requires go1.18 or later"));
            }
            all_targs.resize(tparams.len(), None);
        }
        // Generic function arguments: (index, generic signature, type
        // arguments given, number of type parameters left to infer).
        let mut generic_args: Vec<(usize, TypeId, Vec<TypeId>, usize)> = Vec::new();
        for (i, a) in args.iter_mut().enumerate() {
            let generic =
                matches!(self.store.ty(a.typ), Type::Signature(asig) if !asig.tparams.is_empty());
            if generic {
                // Each generic function argument gets type parameters of
                // its own (`f(g, g)` infers two instances of g); those
                // given explicitly (`g[int]`) are substituted.
                let mut given = atargs.get(i).cloned().unwrap_or_default();
                if let Type::Signature(asig) = self.store.ty(a.typ) {
                    given.truncate(asig.tparams.len());
                }
                let orig = a.typ;
                a.typ = self.call_rename_tparams(e.pos, a.typ, &given);
                if let Type::Signature(asig) = self.store.ty(a.typ) {
                    tparams.extend(asig.tparams.iter().copied());
                    all_targs.resize(tparams.len(), None);
                    generic_args.push((i, orig, given, asig.tparams.len()));
                }
            }
        }
        if let Some(&(i, ..)) = generic_args.first() {
            if !self.allow_version(21) {
                self.errorf(
                    op_pos(&args[i]),
                    "implicitly instantiated function as argument requires go1.21 or later",
                );
            }
        }

        let mut rsig = sig;
        if !tparams.is_empty() {
            let given: Vec<TypeId> = all_targs.iter().map_while(|t| *t).collect();
            let params_tuple = if adjusted {
                self.call_new_tuple(&sig_params)
            } else {
                s.params
            };
            let first_err = self.errors.len();
            let inferred = self.infer(e.pos, &tparams, &given, Some(params_tuple), &args, false);
            let Some(inferred) = inferred.filter(|t| t.len() == tparams.len()) else {
                // Errors of inference about this call are reported "in
                // call to f" (infer.rs usually says so itself).
                let (start, end) = (e.start_pos(), e.end_pos());
                for err in &mut self.errors[first_err..] {
                    let inside = start <= err.pos && err.pos <= end;
                    if inside && !err.msg.starts_with("in call to ") {
                        err.msg = format!("in call to {fun}, {}", err.msg);
                    }
                }
                return sig;
            };
            if n > 0 {
                rsig = self.call_instantiate_signature(e.pos, &call.fun, sig, &inferred[..n]);
                if adjusted {
                    let smap: crate::subst::SubstMap = s.tparams[..n]
                        .iter()
                        .copied()
                        .zip(inferred[..n].iter().copied())
                        .collect();
                    sig_params = sig_params
                        .iter()
                        .map(|&t| self.subst(e.pos, t, &smap))
                        .collect();
                } else if let Type::Signature(r) = self.store.ty(rsig) {
                    let r = r.params;
                    sig_params = self
                        .call_tuple_types(r)
                        .into_iter()
                        .chain(std::iter::repeat(universe::INVALID))
                        .take(nargs)
                        .collect();
                }
            }
            let mut j = n;
            for (i, orig, given, nfree) in &generic_args {
                let k = j + nfree;
                let Some(arg_expr) = args[*i].expr else {
                    continue;
                };
                let mut full = given.clone();
                full.extend_from_slice(&inferred[j..k]);
                let t = self.call_instantiate_signature(e.pos, arg_expr, *orig, &full);
                args[*i].typ = t;
                let a = args[*i].clone();
                self.record_operand(arg_expr, &a);
                j = k;
            }
        }

        if !args.is_empty() {
            let context = format!("argument to {fun}");
            for (a, &t) in args.iter_mut().zip(&sig_params) {
                self.assignment(a, Some(t), &context);
            }
        }
        rsig
    }

    /// A copy of generic signature `sig` with fresh type parameters (same
    /// names and constraints), so that it has an identity of its own in
    /// inference (types2's renameTParams on a clone); the first type
    /// parameters are replaced by the type arguments `given`.
    fn call_rename_tparams(&mut self, pos: Pos, sig: TypeId, given: &[TypeId]) -> TypeId {
        let Type::Signature(s) = self.store.ty(sig).clone() else {
            return sig;
        };
        let pkg = self.pkg();
        let mut fresh = Vec::with_capacity(s.tparams.len());
        let mut bounds = Vec::with_capacity(s.tparams.len());
        for &tp in s.tparams.iter().skip(given.len()) {
            let Type::TypeParam(p) = self.store.ty(tp).clone() else {
                return sig;
            };
            let o = self.store.obj(p.obj);
            let (name, opos) = (o.name, o.pos);
            let obj = self.store.arena.add_object(Object::new(
                name,
                opos,
                Some(pkg),
                None,
                ObjKind::TypeName,
            ));
            let t = self
                .store
                .arena
                .add_type(Type::TypeParam(crate::ty::TypeParam {
                    obj,
                    index: p.index,
                    bound: p.bound,
                }));
            self.store.arena.obj_mut(obj).typ = Some(t);
            fresh.push(t);
            bounds.push(p.bound);
        }
        let smap: crate::subst::SubstMap = s
            .tparams
            .iter()
            .copied()
            .zip(given.iter().chain(fresh.iter()).copied())
            .collect();
        for (&t, b) in fresh.iter().zip(bounds) {
            if let Some(b) = b {
                let nb = self.subst(pos, b, &smap);
                if let Type::TypeParam(p) = self.store.arena.ty_mut(t) {
                    p.bound = Some(nb);
                }
            }
        }
        let plain = self.store.arena.add_type(Type::Signature(Signature {
            tparams: Vec::new(),
            ..s.clone()
        }));
        let renamed = self.subst(pos, plain, &smap);
        let Type::Signature(r) = self.store.ty(renamed).clone() else {
            return sig;
        };
        self.store.arena.add_type(Type::Signature(Signature {
            tparams: fresh,
            ..r
        }))
    }

    /// Instantiates generic signature `sig` with `targs` and records the
    /// instance at the identifier naming the function (types2's
    /// instantiateSignature).
    fn call_instantiate_signature(
        &mut self,
        pos: Pos,
        fun: &'a Expr,
        sig: TypeId,
        targs: &[TypeId],
    ) -> TypeId {
        let inst = self.instantiate(pos, sig, targs, true);
        let mut at = fun.unparen();
        if let ExprKind::Index(x, _) = &at.kind {
            at = x.unparen();
        }
        self.record_instance(at, targs.to_vec(), inst);
        inst
    }

    /// Whether `t` mentions any of `tparams` (types2's isParameterized).
    fn call_mentions_tparams(&self, t: TypeId, tparams: &[TypeId], seen: &mut Vec<TypeId>) -> bool {
        let t = unalias(&self.store, t);
        if tparams.contains(&t) {
            return true;
        }
        if seen.contains(&t) {
            return false;
        }
        seen.push(t);
        let obj_types = |vars: &[ObjId]| -> Vec<TypeId> {
            vars.iter().filter_map(|&v| self.store.obj(v).typ).collect()
        };
        let children: Vec<TypeId> = match self.store.ty(t) {
            Type::Pointer(e) | Type::Slice(e) | Type::Array(_, e) | Type::Chan(_, e) => vec![*e],
            Type::Map(k, v) => vec![*k, *v],
            Type::Struct(st) => obj_types(&st.fields),
            Type::Tuple(vs) => obj_types(vs),
            Type::Signature(s) => vec![s.params, s.results],
            Type::Interface(it) => {
                let mut v = obj_types(&it.methods);
                v.extend(it.embeddeds.iter().copied());
                v
            }
            Type::Union(terms) => terms.iter().map(|t| t.typ).collect(),
            Type::Named(n) => n.targs.clone(),
            _ => Vec::new(),
        };
        children
            .into_iter()
            .any(|c| self.call_mentions_tparams(c, tparams, seen))
    }

    /// types2's typesSummary: `(int, string)`, untyped numbers as
    /// `number`, variadic parameters as `...T`, spread arguments as `T...`.
    fn call_types_summary(&self, list: &[TypeId], variadic: bool, has_dots: bool) -> String {
        let mut out = Vec::new();
        for (i, &t) in list.iter().enumerate() {
            let mut s = if t == universe::INVALID {
                "unknown type".to_string()
            } else if is_untyped(&self.store, t) {
                if crate::predicates::is_numeric(&self.store, t) {
                    "number".to_string()
                } else {
                    match self.store.ty(t) {
                        Type::Basic { name, .. } => name.replace("untyped ", ""),
                        _ => self.type_str(t),
                    }
                }
            } else {
                self.type_str(t)
            };
            if i + 1 == list.len() {
                if variadic {
                    if let Type::Slice(e) = self.store.ty(t) {
                        s = self.type_str(*e);
                    }
                    s = format!("...{s}");
                } else if has_dots {
                    s.push_str("...");
                }
            }
            out.push(s);
        }
        format!("({})", out.join(", "))
    }

    /// The variables of a tuple type.
    pub(crate) fn call_tuple_vars(&self, t: TypeId) -> Vec<ObjId> {
        match self.store.ty(t) {
            Type::Tuple(vs) => vs.clone(),
            _ => Vec::new(),
        }
    }

    /// The types of a tuple's variables.
    pub(crate) fn call_tuple_types(&self, t: TypeId) -> Vec<TypeId> {
        self.call_tuple_vars(t)
            .iter()
            .map(|&v| self.store.obj(v).typ.unwrap_or(universe::INVALID))
            .collect()
    }

    /// A new parameter variable of this package.
    pub(crate) fn call_new_param(&mut self, name: &str, pos: Pos, typ: TypeId) -> ObjId {
        let pkg = self.pkg();
        self.store.arena.add_object(Object::new(
            syntax::ast::sym(name),
            pos,
            Some(pkg),
            Some(typ),
            ObjKind::Var {
                embedded: false,
                is_field: false,
                is_param: true,
                used: false,
            },
        ))
    }

    /// A new tuple of unnamed parameters of the given types.
    pub(crate) fn call_new_tuple(&mut self, types: &[TypeId]) -> TypeId {
        let vars = types
            .iter()
            .map(|&t| self.call_new_param("", Pos::NONE, t))
            .collect();
        self.store.arena.add_type(Type::Tuple(vars))
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
        let _ = def;
        if let ExprKind::Name(name) = x.kind {
            if let Some((_, o)) = self.lookup(name) {
                if let ObjKind::PkgName { imported, .. } = &self.store.obj(o).kind {
                    let imported = *imported;
                    return self.call_qualified_ident(e, x, o, imported, sel);
                }
            }
        }

        let op = self.expr_or_type(x, false);
        match op.mode {
            Mode::Builtin(_) => {
                let msg = format!("invalid use of {} in selector expression", self.op_str(&op));
                self.errorf(e.pos, msg);
                return Operand::invalid(Some(e));
            }
            Mode::Invalid => return Operand::invalid(Some(e)),
            _ => {}
        }
        if !self.call_is_complete(op.typ) {
            return Operand::invalid(Some(e));
        }
        if want_type {
            self.errorf(sel.pos, format!("{} is not a type", expr_string(e)));
            return Operand::invalid(Some(e));
        }
        if let Type::Pointer(b) = self.store.ty(underlying(&self.store, op.typ)) {
            let b = *b;
            if !self.call_is_complete(b) {
                return Operand::invalid(Some(e));
            }
        }
        let name = sel.value;
        let pkg = Some(self.pkg());
        let addressable = op.mode == Mode::Variable;
        let found = self.call_lookup_selector(op.typ, addressable, name);
        let (obj, index, indirect) = match found {
            Lookup::Found {
                obj,
                index,
                indirect,
            } => (obj, index, indirect),
            Lookup::Ambiguous { .. } => {
                if underlying(&self.store, op.typ) != universe::INVALID {
                    let msg = format!("ambiguous selector {}.{name}", expr_string(x));
                    self.errorf(sel.pos, msg);
                }
                return Operand::invalid(Some(e));
            }
            Lookup::NeedsPointer { .. } => {
                let ts = self.type_str(op.typ);
                let msg = if op.mode == Mode::TypeExpr {
                    format!("invalid method expression {ts}.{name} (needs pointer receiver (*{ts}).{name})")
                } else {
                    format!("cannot call pointer method {name} on {ts}")
                };
                self.errorf(sel.pos, msg);
                return Operand::invalid(Some(e));
            }
            Lookup::NotFound => {
                if underlying(&self.store, op.typ) == universe::INVALID {
                    return Operand::invalid(Some(e));
                }
                let why = if self.call_is_interface_ptr(op.typ) {
                    let base = match self.store.ty(underlying(&self.store, op.typ)) {
                        Type::Pointer(b) => *b,
                        _ => op.typ,
                    };
                    let ts = self.type_str(op.typ);
                    if is_type_param(&self.store, base) {
                        format!("type {ts} is pointer to type parameter, not type parameter")
                    } else {
                        format!("type {ts} is pointer to interface, not interface")
                    }
                } else {
                    let alt = match self
                        .call_lookup_tparam(op.typ, name, true)
                        .unwrap_or_else(|| lookup_fold_case(&self.store, op.typ, pkg, name))
                    {
                        Lookup::Found { obj, .. } | Lookup::NeedsPointer { obj } => Some(obj),
                        _ => None,
                    };
                    self.lookup_error(op.typ, name.as_str(), alt, false)
                };
                let msg = format!("{}.{name} undefined ({why})", expr_string(x));
                self.errorf(sel.pos, msg);
                return Operand::invalid(Some(e));
            }
        };
        let index: Vec<u32> = index.iter().map(|&i| i as u32).collect();

        let o = self.store.obj(obj);
        match o.kind {
            ObjKind::Var { .. } => {
                if op.mode == Mode::TypeExpr {
                    let msg = format!(
                        "operand for field selector {name} must be value of type {}",
                        self.type_str(op.typ)
                    );
                    self.errorf(x.start_pos(), msg);
                    return Operand::invalid(Some(e));
                }
                let ftyp = o.typ.unwrap_or(universe::INVALID);
                self.record_selection(
                    e,
                    Selection {
                        kind: SelectionKind::FieldVal,
                        recv: op.typ,
                        obj,
                        index,
                        indirect,
                    },
                );
                let mode = if op.mode == Mode::Variable || indirect {
                    Mode::Variable
                } else {
                    Mode::Value
                };
                Operand {
                    mode,
                    expr: Some(e),
                    typ: ftyp,
                    val: None,
                }
            }
            ObjKind::Func { .. } => {
                if o.typ.is_none() && o.pkg == pkg {
                    self.obj_decl(obj);
                }
                self.add_dep(obj);
                let holder = self.call_embedded_type(op.typ, &index);
                let mtyp = self.method_type(holder, obj);
                let Type::Signature(msig) = self.store.ty(mtyp).clone() else {
                    return Operand::invalid(Some(e));
                };
                if op.mode == Mode::TypeExpr {
                    self.record_selection(
                        e,
                        Selection {
                            kind: SelectionKind::MethodExpr,
                            recv: op.typ,
                            obj,
                            index,
                            indirect,
                        },
                    );
                    // (Interface methods made without a receiver variable
                    // get an unnamed one.)
                    let recv = match msig.recv {
                        Some(r) => Some(r),
                        None if crate::predicates::is_interface(&self.store, op.typ) => None,
                        None => {
                            self.errorf(e.start_pos(), "illegal cycle in method declaration");
                            return Operand::invalid(Some(e));
                        }
                    };
                    // The receiver becomes the first parameter; parameter
                    // names stay all present or all absent.
                    let params = self.call_tuple_vars(msig.params);
                    let named = params
                        .first()
                        .is_some_and(|&p| !self.store.obj(p).name.is_empty());
                    let (rpos, rn) = match recv {
                        Some(r) => {
                            let r = self.store.obj(r);
                            (r.pos, r.name.to_string())
                        }
                        None => (Pos::NONE, String::new()),
                    };
                    let rname = if !named {
                        String::new()
                    } else if rn.is_empty() {
                        "_".to_string()
                    } else {
                        rn
                    };
                    let first = self.call_new_param(&rname, rpos, op.typ);
                    let mut vars = vec![first];
                    vars.extend(params);
                    let tuple = self.store.arena.add_type(Type::Tuple(vars));
                    let t = self.store.arena.add_type(Type::Signature(Signature {
                        recv: None,
                        tparams: msig.tparams.clone(),
                        recv_tparams: Vec::new(),
                        params: tuple,
                        results: msig.results,
                        variadic: msig.variadic,
                    }));
                    Operand {
                        mode: Mode::Value,
                        expr: Some(e),
                        typ: t,
                        val: None,
                    }
                } else {
                    self.record_selection(
                        e,
                        Selection {
                            kind: SelectionKind::MethodVal,
                            recv: op.typ,
                            obj,
                            index,
                            indirect,
                        },
                    );
                    let t = self.store.arena.add_type(Type::Signature(Signature {
                        recv: None,
                        recv_tparams: Vec::new(),
                        ..msig
                    }));
                    Operand {
                        mode: Mode::Value,
                        expr: Some(e),
                        typ: t,
                        val: None,
                    }
                }
            }
            _ => Operand::invalid(Some(e)),
        }
    }

    /// The type a field or method was found in: `t`'s embedded field at
    /// the embedding path `index` (without its last entry, which selects
    /// the field or method itself); `t` itself for a path of one.
    fn call_embedded_type(&self, t: TypeId, index: &[u32]) -> TypeId {
        let mut cur = t;
        for &i in index.iter().take(index.len().saturating_sub(1)) {
            let base = match self.store.ty(unalias(&self.store, cur)) {
                Type::Pointer(b) => *b,
                _ => cur,
            };
            let Type::Struct(st) = self.store.ty(underlying(&self.store, base)) else {
                return t;
            };
            let Some(f) = st.fields.get(i as usize) else {
                return t;
            };
            let Some(ft) = self.store.obj(*f).typ else {
                return t;
            };
            cur = ft;
        }
        cur
    }

    /// `pkg.Name` where `pkg` is the package name object `pname`.
    fn call_qualified_ident(
        &mut self,
        e: &'a Expr,
        x: &'a Expr,
        pname: ObjId,
        imported: Option<crate::arena::PkgIdx>,
        sel: ast::Name,
    ) -> Operand<'a> {
        self.record_use(x, pname);
        if pname.pkg == self.pkg() {
            if let ObjKind::PkgName { used, .. } = &mut self.store.arena.obj_mut(pname).kind {
                *used = true;
            }
        }
        // A package that could not be imported: its members are unknown,
        // and the import was reported.
        let Some(pkg) = imported else {
            return Operand::invalid(Some(e));
        };
        let scope = if pkg == universe::UNSAFE {
            Some(universe::UNSAFE_SCOPE)
        } else {
            self.store.arena(pkg).scope
        };
        let Some(scope) = scope else {
            return Operand::invalid(Some(e));
        };
        let name = sel.value;
        let found = self.store.scope(scope).lookup(name);
        // gc's export data holds the unexported objects its exported ones
        // reach: naming one of those is its own error, the rest are
        // undefined.
        let found = match found {
            Some(o) if !self.store.obj(o).is_exported() => {
                let arena = self.store.arena(pkg);
                if arena.reachable_unexported.contains(&o) {
                    let msg = format!("name {name} not exported by package {}", arena.name);
                    self.errorf(sel.pos, msg);
                    return Operand::invalid(Some(e));
                }
                None
            }
            found => found,
        };
        let Some(exp) = found else {
            if is_valid_name(name.as_str()) {
                let sc = self.store.scope(scope);
                let alt = sc.names.iter().find(|n| {
                    n.chars().next().is_some_and(char::is_uppercase)
                        && n.to_lowercase() == name.to_lowercase()
                });
                let msg = match alt {
                    Some(alt) => format!("undefined: {} (but have {alt})", expr_string(e)),
                    None => format!("undefined: {}", expr_string(e)),
                };
                self.errorf(sel.pos, msg);
            }
            return Operand::invalid(Some(e));
        };
        self.record_use(e, exp);
        let o = self.store.obj(exp);
        let typ = o.typ.unwrap_or(universe::INVALID);
        let (mode, val) = match &o.kind {
            ObjKind::Const(v) => (Mode::Constant, Some(v.clone())),
            ObjKind::TypeName => (Mode::TypeExpr, None),
            ObjKind::Var { .. } => (Mode::Variable, None),
            ObjKind::Func { .. } => (Mode::Value, None),
            ObjKind::Builtin(b) => (Mode::Builtin(*b), None),
            _ => return Operand::invalid(Some(e)),
        };
        Operand {
            mode,
            expr: Some(e),
            typ,
            val,
        }
    }

    /// Field and method lookup as types2's lookupFieldOrMethod: a named
    /// pointer type has the fields of its base type, but no methods.
    fn call_lookup_selector(&self, t: TypeId, addressable: bool, name: ast::Symbol) -> Lookup {
        let pkg = Some(self.pkg());
        if let Some(r) = self.call_lookup_tparam(t, name, false) {
            return r;
        }
        lookup_field_or_method(&self.store, t, addressable, pkg, name)
    }

    /// Lookup in a type parameter (or a pointer to one): only the methods
    /// of its constraint's type set, never fields of its types; a pointer
    /// to a type parameter has none. `None` if `t` is neither. With
    /// `fold`, names match whatever their case (for hints).
    fn call_lookup_tparam(&self, t: TypeId, name: ast::Symbol, fold: bool) -> Option<Lookup> {
        let tt = unalias(&self.store, t);
        let (base, is_ptr) = match self.store.ty(tt) {
            Type::Pointer(b) => (unalias(&self.store, *b), true),
            _ => (tt, false),
        };
        if !matches!(self.store.ty(base), Type::TypeParam(_)) {
            return None;
        }
        if is_ptr || name.as_str() == "_" {
            return Some(Lookup::NotFound);
        }
        let pkg = Some(self.pkg());
        let methods = type_set(&self.store, base).methods;
        let found = methods.iter().position(|&m| {
            let o = self.store.obj(m);
            if fold {
                o.name.to_lowercase() == name.to_lowercase()
            } else {
                o.name == name && (o.is_exported() || o.pkg == pkg || o.pkg.is_none())
            }
        });
        Some(match found {
            Some(i) => Lookup::Found {
                obj: methods[i],
                index: vec![i],
                indirect: false,
            },
            None => Lookup::NotFound,
        })
    }

    /// `*I` for an interface or type parameter `I`.
    fn call_is_interface_ptr(&self, t: TypeId) -> bool {
        match self.store.ty(underlying(&self.store, t)) {
            Type::Pointer(b) => {
                is_type_param(&self.store, *b)
                    || matches!(
                        self.store.ty(underlying(&self.store, *b)),
                        Type::Interface(_)
                    )
            }
            _ => false,
        }
    }

    /// Why a lookup of `sel` in `t` failed, given a field or method `alt`
    /// whose name differs only in case (types2's lookupError): for a
    /// selector, or (`struct_lit`) for a field key of a struct literal.
    pub(crate) fn lookup_error(
        &self,
        t: TypeId,
        sel: &str,
        alt: Option<ObjId>,
        struct_lit: bool,
    ) -> String {
        #[derive(PartialEq)]
        enum Case {
            Missing,
            Misspelled,
            Unexported,
            Inaccessible,
        }
        let exported = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
        // (As types2's tail: a one-letter name is its own tail.)
        let tail = |s: &str| match s.char_indices().nth(1) {
            Some((i, _)) => s[i..].to_string(),
            None => s.to_string(),
        };
        let ts = self.type_str(t);
        let mut case = Case::Missing;
        let mut alt_name = String::new();
        let mut what = "object";
        if let Some(a) = alt {
            let o = self.store.obj(a);
            alt_name = o.name.to_string();
            what = match o.kind {
                ObjKind::Var { .. } => "field",
                ObjKind::Func { .. } => "method",
                _ => "object",
            };
            if o.pkg == Some(self.pkg()) {
                case = Case::Misspelled;
            } else if exported(sel) {
                if exported(&alt_name) {
                    case = Case::Misspelled;
                } else if tail(sel) == tail(&alt_name) {
                    case = Case::Unexported;
                }
            } else if exported(&alt_name) {
                if tail(sel) == tail(&alt_name) {
                    case = Case::Misspelled;
                }
            } else if sel == alt_name {
                case = Case::Inaccessible;
            }
        }
        if struct_lit {
            let unknown = format!("unknown field {sel} in struct literal of type {ts}");
            return match case {
                Case::Missing => unknown,
                Case::Misspelled => format!("{unknown}, but does have {alt_name}"),
                Case::Unexported => format!("{unknown}, but does have unexported {alt_name}"),
                Case::Inaccessible => {
                    format!("cannot refer to unexported field {alt_name} in struct literal of type {ts}")
                }
            };
        }
        let missing = format!("type {ts} has no field or method {sel}");
        match case {
            Case::Missing => missing,
            Case::Misspelled => format!("{missing}, but does have {what} {alt_name}"),
            Case::Unexported => format!("{missing}, but does have unexported {what} {alt_name}"),
            Case::Inaccessible => format!("cannot refer to unexported {what} {alt_name}"),
        }
    }
}

/// types2's isValidName: letters, `_`, and digits after the first.
fn is_valid_name(s: &str) -> bool {
    s.chars()
        .enumerate()
        .all(|(i, c)| c.is_alphabetic() || c == '_' || (i > 0 && c.is_numeric()))
}

#[cfg(test)]
mod tests {
    use crate::testutil::check_source;

    #[test]
    fn calls_like_gc() {
        let src = "package p\n\nimport \"unsafe\"\n\ntype T struct{ X int; y string }\n\nfunc (T) M()  {}\nfunc (*T) P() {}\n\nfunc f(int, string) {}\nfunc g() (int, string) { return 0, \"\" }\nfunc v(int, ...string) {}\n\ntype I interface{ M() }\n\nfunc _() {\n\tvar x int\n\tf(1)\n\tf(1, \"\", 3)\n\tf(g())\n\tv(1, g())\n\tv(1)\n\tv(1, \"a\", \"b\")\n\tv(1, []string{}...)\n\tf(1, []string{}...)\n\tx()\n\tf(1, 2)\n\tT{}.P()\n\tvar t T\n\tt.Q()\n\tt.x()\n\tt.m()\n\tvar pi *I\n\tpi.M()\n\tT.P()\n\t(*T).P(&t)\n\t_ = unsafe.Sizeof(t)\n\tint(1, 2)\n\tint()\n\tlen()\n\tlen(1, 2)\n\tlen(x)\n\tmake([]int)\n\tmake([]int, 3, 2)\n\t_ = T.M\n\t_ = t.X.y\n\tvar ps *T\n\t_ = ps.X\n\tv()\n\tf(x, x)\n}\n";
        assert_eq!(
            check_source(src),
            vec![
            "a.go:18:4: not enough arguments in call to f\n\thave (number)\n\twant (int, string)",
            "a.go:19:11: too many arguments in call to f\n\thave (number, string, number)\n\twant (int, string)",
            "a.go:21:7: multiple-value g() (value of type (int, string)) in single-value context",
            "a.go:25:2: cannot use ... in call to non-variadic f",
            "a.go:26:2: invalid operation: cannot call x (variable of type int): int is not a function",
            "a.go:27:7: cannot use 2 (untyped int constant) as string value in argument to f",
            "a.go:28:6: cannot call pointer method P on T",
            "a.go:30:4: t.Q undefined (type T has no field or method Q)",
            "a.go:31:4: t.x undefined (type T has no field or method x, but does have field X)",
            "a.go:32:4: t.m undefined (type T has no field or method m, but does have method M)",
            "a.go:34:5: pi.M undefined (type *I is pointer to interface, not interface)",
            "a.go:35:4: invalid method expression T.P (needs pointer receiver (*T).P)",
            "a.go:38:9: too many arguments in conversion to int",
            "a.go:39:2: missing argument in conversion to int",
            "a.go:40:2: invalid operation: not enough arguments for len() (expected 1, found 0)",
            "a.go:41:2: invalid operation: too many arguments for len(1, 2) (expected 1, found 2)",
            "a.go:42:6: invalid argument: x (variable of type int) for built-in len",
            "a.go:43:2: invalid operation: make([]int) expects 2 or 3 arguments; found 1",
            "a.go:44:2: make([]int, 3, 2) (value of type []int) is not used",
            "a.go:44:14: invalid argument: length and capacity swapped",
            "a.go:46:10: t.X.y undefined (type int has no field or method y)",
            "a.go:49:2: not enough arguments in call to v\n\thave ()\n\twant (int, ...string)",
            "a.go:50:7: cannot use x (variable of type int) as string value in argument to f",
            ]
        );
    }

    #[test]
    fn unexported_names_of_imported_packages() {
        let dep = "package q\n\nfunc Sqrt() { sqrt() }\nfunc sqrt() {}\n";
        let src = "package p\n\nimport \"m/q\"\n\nvar (\n\t_ = q.Sqrt\n\t_ = q.sqrt\n\t_ = q.SQrt\n\t_ = q.foo\n)\n";
        assert_eq!(
            crate::testutil::check_importing(dep, "a.go", src),
            vec![
                "a.go:7:8: name sqrt not exported by package q",
                "a.go:8:8: undefined: q.SQrt (but have Sqrt)",
                "a.go:9:8: undefined: q.foo",
            ]
        );
    }

    #[test]
    fn named_pointer_selectors_suggest_fields() {
        let src = "package p\n\ntype S struct{ x int }\n\nfunc (S) m() {}\n\nfunc _() {\n\ttype P *S\n\tvar s P\n\t_ = s.x\n\t_ = s.X\n\t_ = s.m\n}\n";
        assert_eq!(
            check_source(src),
            vec![
                "a.go:11:8: s.X undefined (type P has no field or method X, but does have field x)",
                "a.go:12:8: s.m undefined (type P has no field or method m)",
            ]
        );
    }

    #[test]
    fn selectors_like_gc() {
        let src = "package p\n\nimport \"unsafe\"\n\ntype T struct{ X int; y string }\ntype A struct{ T }\ntype B struct{ T }\ntype C struct{ A; B }\ntype PT *T\n\nfunc (T) M()  {}\nfunc (*T) P() {}\n\ntype G[E any] struct{ v E }\nfunc (g G[E]) Get() E { return g.v }\nfunc gen[E any](x E) E { return x }\nfunc gen2[E, F any](x E) F { var f F; return f }\n\nfunc _[P any, Q interface{ M() }](p P, q Q) {\n\tvar c C\n\t_ = c.X\n\t_ = T.Q\n\t_ = T.X\n\tvar pt PT\n\t_ = pt.X\n\tpt.M()\n\tp.M()\n\tq.M()\n\t_ = unsafe.Foo\n\t_ = unsafe.sizeof\n\tvar g G[int]\n\tvar i int = g.Get()\n\t_ = i\n\t_ = gen\n\t_ = gen2[int](1)\n\t_ = gen2(1)\n\t_ = gen[int, int]\n\tlen.x()\n\t_ = (*T).P\n\t_ = (*T).Q\n\t_ = T.M\n\t_ = p()\n\tvar s string = gen(1)\n}\n";
        assert_eq!(
            check_source(src),
            vec![
            "a.go:21:8: ambiguous selector c.X",
            "a.go:22:8: T.Q undefined (type T has no field or method Q)",
            "a.go:23:6: operand for field selector X must be value of type T",
            "a.go:26:5: pt.M undefined (type PT has no field or method M)",
            "a.go:27:4: p.M undefined (type P has no field or method M)",
            "a.go:29:13: undefined: unsafe.Foo",
            "a.go:30:13: undefined: unsafe.sizeof (but have Sizeof)",
            "a.go:34:6: cannot use generic function gen without instantiation",
            "a.go:35:15: in call to gen2[int], cannot infer F (declared at a.go:17:14)",
            "a.go:36:10: in call to gen2, cannot infer F (declared at a.go:17:14)",
            "a.go:37:15: got 2 type arguments but want 1",
            "a.go:38:5: invalid use of len (built-in) in selector expression",
            "a.go:40:11: (*T).Q undefined (type *T has no field or method Q)",
            "a.go:42:6: invalid operation: cannot call p (variable of type P constrained by any): no specific type",
            "a.go:43:6: declared and not used: s",
            "a.go:43:17: cannot use gen(1) (value of type int) as string value in variable declaration",
            ]
        );
    }

    /// Calls, method values and expressions, generic calls, every built-in and unsafe function used correctly: no errors (as gc).
    #[test]
    fn valid_calls_selectors_and_builtins() {
        let src = "package p\n\nimport \"unsafe\"\n\ntype T struct {\n\tX int\n\ty string\n\t*E\n}\n\ntype E struct{ Z float64 }\n\nfunc (T) M(int) string { return \"\" }\nfunc (*T) P(a, b int)   {}\nfunc (e *E) Q() int     { return 0 }\n\ntype I interface{ M(int) string }\n\ntype G[A any] struct{ v A }\n\nfunc (g G[A]) Get() A     { return g.v }\nfunc (g *G[A]) Set(a A)   { g.v = a }\n\ntype H struct{ G[string] }\n\nfunc Map[S ~[]E1, E1, R any](s S, f func(E1) R) []R {\n\tr := make([]R, 0, len(s))\n\tfor _, x := range s {\n\t\tr = append(r, f(x))\n\t}\n\treturn r\n}\n\nfunc Sum[N int | float64](xs ...N) (s N) {\n\tfor _, x := range xs {\n\t\ts += x\n\t}\n\treturn\n}\n\nfunc two() (int, string) { return 1, \"\" }\nfunc takeTwo(int, string) {}\nfunc vari(string, ...int) {}\n\nfunc _() {\n\tvar t T\n\tt.P(1, 2)\n\t_ = t.M(1)\n\t_ = t.Z\n\t_ = t.Q()\n\tf := t.M\n\t_ = f(2)\n\tg := T.M\n\t_ = g(t, 3)\n\th := (*T).P\n\th(&t, 1, 2)\n\tvar i I = t\n\t_ = i.M(1)\n\tim := I.M\n\t_ = im(i, 4)\n\tvar gg G[int]\n\tgg.Set(gg.Get() + 1)\n\tvar hh H\n\thh.Set(\"a\")\n\tvar s string = hh.Get()\n\t_ = s\n\t_ = Map([]int{1, 2}, func(x int) string { return \"\" })\n\t_ = Sum(1, 2, 3)\n\t_ = Sum(1.5, 2)\n\t_ = Sum[float64]()\n\ttakeTwo(two())\n\tvari(\"a\")\n\tvari(\"a\", 1, 2)\n\tvari(\"a\", []int{1}...)\n\tvar b []byte\n\tb = append(b, \"abc\"...)\n\tb = append(b, 1, 2)\n\tn := copy(b, \"xyz\")\n\t_ = n\n\tm := map[string]int{}\n\tdelete(m, \"a\")\n\tclear(m)\n\tch := make(chan int, 3)\n\tclose(ch)\n\t_ = len(ch) + cap(ch)\n\tconst c = len([3]int{})\n\tconst d = len(\"hello\")\n\tvar arr [5]int\n\tconst e = len(arr)\n\t_ = complex(1, 2)\n\tvar f32 float32\n\t_ = complex(f32, 1)\n\t_ = real(3i) + imag(2)\n\tconst mx = max(1, 2.5, 'a')\n\tconst mn = min(\"b\", \"a\")\n\tvar x int\n\t_ = max(x, 1)\n\tp := new(int)\n\t*p = 3\n\tprint(1, \"a\")\n\tprintln()\n\tdefer func() { _ = recover() }()\n\tconst so = unsafe.Sizeof(t)\n\tconst al = unsafe.Alignof(t.y)\n\tconst of = unsafe.Offsetof(t.y)\n\tconst ofz = unsafe.Offsetof(t.E)\n\tup := unsafe.Pointer(&x)\n\t_ = unsafe.Add(up, 1)\n\t_ = unsafe.Slice(&x, 1)\n\t_ = unsafe.SliceData(b)\n\t_ = unsafe.String(&b[0], 1)\n\t_ = unsafe.StringData(\"a\")\n\tvar _ [so]int\n\tvar _ [al + of + ofz]int\n\t_ = float64(x)\n\t_ = []byte(\"x\")\n\t_ = (func())(nil)\n\ttype F func(int) int\n\t_ = F(func(int) int { return 0 })\n\tpanic(\"x\")\n}\n";
        assert_eq!(check_source(src), Vec::<String>::new());
    }

    /// Errors of generic calls, Offsetof, uncalled built-ins, append/copy/make/min/max and unsafe functions, as gc reports them.
    #[test]
    fn call_and_builtin_errors_like_gc() {
        let src = "package p\n\nimport \"unsafe\"\n\ntype T struct {\n\tX int\n\t*E\n}\n\ntype E struct{ Z float64 }\n\nfunc (*T) P()    {}\nfunc (e E) Q()   {}\nfunc g[A any, B ~[]A](a A, b B) B { return b }\nfunc h[P interface{ M() }](p P)   {}\n\ntype S struct{}\n\nfunc (S) m() {}\n\nfunc _() {\n\tvar t T\n\t_ = g(1, []string{})\n\t_ = g[int](1, 2)\n\th(1)\n\th(S{})\n\t_ = unsafe.Offsetof(t.Z)\n\t_ = unsafe.Offsetof(t.P)\n\t_ = unsafe.Offsetof((t.X))\n\t_ = unsafe.Sizeof(int)\n\t_ = len\n\t_ = T.X.Y\n\tt.X()\n\t_ = append()\n\t_ = append([]int{}, \"a\")\n\t_ = append([]int{}, []int{}...)\n\t_ = append([]int{}, 1, []int{}...)\n\t_ = copy(\"a\", \"b\")\n\tvar ro <-chan int\n\tclose(ro)\n\t_ = new(1)\n\t_ = make(int, 1)\n\t_ = make([]int, \"a\")\n\t_ = make(map[int]int, 1, 2)\n\t_ = cap(\"abc\")\n\t_ = min(1, \"a\")\n\t_ = max([]int{})\n\t_ = unsafe.Add(1, 2)\n\t_ = unsafe.Slice(1, 2)\n\t_ = unsafe.String(\"a\", 1)\n\t_ = complex(1, int8(2))\n\t_ = imag(\"a\")\n\t_ = len([]int{}...)\n\tvar x interface{ m() }\n\t_ = x.n\n\tvar pi *interface{ m() }\n\tpi.m()\n}\n";
        assert_eq!(check_source(src), vec![
            "a.go:23:8: cannot use 1 (untyped int constant) as string value in argument to g",
            "a.go:24:12: int does not satisfy ~[]int (int missing in ~[]int)",
            "a.go:25:3: int does not satisfy interface{M()} (missing method M)",
            "a.go:26:3: in call to h, P (type S) does not satisfy interface{M()} (missing method M)\n\t\thave m()\n\t\twant M()",
            "a.go:27:22: invalid argument: field Z is embedded via a pointer in T",
            "a.go:28:22: invalid argument: T has no single field P",
            "a.go:30:20: int (type) is not an expression",
            "a.go:31:6: len (built-in) must be called",
            "a.go:32:6: operand for field selector X must be value of type T",
            "a.go:33:2: invalid operation: cannot call t.X (variable of type int): int is not a function",
            "a.go:34:6: invalid operation: not enough arguments for append() (expected 1, found 0)",
            "a.go:35:22: cannot use \"a\" (untyped string constant) as int value in argument to append",
            "a.go:37:25: too many arguments in call to append\n\thave ([]int, number, []int...)\n\twant ([]int, ...int)",
            "a.go:38:11: invalid copy: argument must be a slice; have \"a\" (untyped string constant)",
            "a.go:40:8: invalid operation: cannot close receive-only channel ro (variable of type <-chan int)",
            "a.go:42:11: invalid argument: cannot make int: type must be slice, map, or channel",
            "a.go:43:18: cannot convert \"a\" (untyped string constant) to type int",
            "a.go:44:6: invalid operation: make(map[int]int, 1, 2) expects 1 or 2 arguments; found 3",
            "a.go:45:10: invalid argument: \"abc\" (untyped string constant) for built-in cap",
            "a.go:46:13: invalid argument: mismatched types untyped int (previous argument) and untyped string (type of \"a\")",
            "a.go:47:10: invalid argument: []int{} (value of type []int) cannot be ordered",
            "a.go:48:17: cannot use 1 (untyped int constant) as unsafe.Pointer value in argument to unsafe.Add",
            "a.go:49:19: invalid argument: 1 (untyped int constant) is not a pointer",
            "a.go:50:20: cannot use \"a\" (untyped string constant) as *byte value in argument to unsafe.String",
            "a.go:51:14: invalid argument: arguments have type int8, expected floating-point",
            "a.go:52:11: invalid argument: argument has type untyped string, expected complex type",
            "a.go:53:6: invalid operation: invalid use of ... with built-in len",
            "a.go:55:8: x.n undefined (type interface{m()} has no field or method n)",
            "a.go:57:5: pi.m undefined (type *interface{m()} is pointer to interface, not interface)",
        ]);
    }

    /// Qualified identifiers and selectors on imported types, as gc
    /// reports them (`go build` of a module with packages m/q and m/p):
    /// only exported objects are visible, unexported fields and methods
    /// are inaccessible, and case-folded hints follow types2's rules.
    #[test]
    fn imported_packages_like_gc() {
        let q = "package q\n\ntype T struct {\n\tX  int\n\ty  int\n\tAb int\n\tcd int\n\tEmbedded\n}\n\ntype Embedded struct{ In string }\n\nfunc (T) M()         {}\nfunc (T) m()         {}\nfunc (*T) PM(x int)  {}\nfunc F() int         { return 0 }\nfunc unexported()    {}\nfunc Foo()           {}\n\nvar V = 1\n\nconst C = 2\n\ntype G[A any] struct{ F A }\n\nfunc (g G[A]) Get() A { return g.F }\n\ntype I interface{ Do(int) string }\n";
        let p = "package p\n\nimport (\n\t\"m/q\"\n\t\"unsafe\"\n)\n\nfunc _() {\n\tvar t q.T\n\tt.M()\n\tt.m()\n\t_ = t.x\n\t_ = t.aB\n\t_ = t.Cd\n\t_ = t.cd\n\t_ = t.Y\n\t_ = t.In\n\tt.PM(1)\n\tq.T{}.PM(1)\n\t_ = q.F() + q.V + q.C\n\t_ = q.Bar\n\tq.unexported()\n\tq.foo()\n\tvar g q.G[int]\n\tvar i int = g.Get()\n\t_ = i\n\t_ = q.T.M\n\tf := (*q.T).PM\n\tf(&t, 2)\n\tvar _ q.V\n\tvar ii q.I\n\t_ = ii.Do(1) + 1\n\t_ = unsafe.Sizeof(t)\n\t_ = unsafe.Foo\n\tconst _ = unsafe.Offsetof(t.In)\n}\n";
        assert_eq!(
            crate::testutil::check_importing(q, "p.go", p),
            vec![
                "p.go:11:4: t.m undefined (type q.T has no field or method m)",
                "p.go:12:8: t.x undefined (type q.T has no field or method x)",
                "p.go:13:8: t.aB undefined (type q.T has no field or method aB)",
                "p.go:14:8: t.Cd undefined (type q.T has no field or method Cd, but does have unexported field cd)",
                "p.go:15:8: t.cd undefined (cannot refer to unexported field cd)",
                "p.go:16:8: t.Y undefined (type q.T has no field or method Y)",
                "p.go:19:8: cannot call pointer method PM on q.T",
                "p.go:21:8: undefined: q.Bar",
                "p.go:22:4: undefined: q.unexported",
                "p.go:23:4: undefined: q.foo (but have Foo)",
                "p.go:30:8: q.V (variable of type int) is not a type",
                "p.go:32:6: invalid operation: ii.Do(1) + 1 (mismatched types string and untyped int)",
                "p.go:34:13: undefined: unsafe.Foo",
            ]
        );
    }

    /// Type parameters in built-ins (type sets that disagree), sizes too
    /// large, method values in Offsetof, nil and constants out of range
    /// as arguments, spread arguments: as gc reports them.
    #[test]
    fn edge_cases_like_gc() {
        let src = "package p\n\nimport \"unsafe\"\n\ntype T struct{ a [1 << 62]int64; b int }\ntype R struct{ R *R }\ntype PI *interface{ m() }\ntype N[P any] struct{ x P }\n\nfunc (N[P]) m(P) {}\n\nfunc _[P any, Q ~[]int | ~[]string, C ~chan int | ~<-chan int, M ~map[int]int | ~map[string]int](p P, q Q, c C, m M) {\n\t_ = unsafe.Sizeof(T{})\n\t_ = unsafe.Offsetof(T{}.b)\n\t_ = unsafe.Sizeof([1 << 62]int64{})\n\t_ = append(q, 1)\n\t_ = len(q)\n\t_ = cap(c)\n\tclose(c)\n\tdelete(m, 1)\n\tclear(m)\n\t_ = make(Q, 1)\n\t_ = make(C)\n\tvar pi PI\n\tpi.m()\n\tvar n N[int]\n\tn.m(\"a\")\n\tN[int].m(n, 1)\n\t(*N[string]).m(&N[string]{}, \"\")\n\t_ = unsafe.Sizeof(p)\n\t_ = unsafe.Alignof(n)\n\t_ = real(p)\n\t_ = min(p)\n\tp.x()\n\t_ = new(P)\n\t_ = copy(q, q)\n\tvar r R\n\t_ = r.R.R.R.x\n\t_ = unsafe.Offsetof(r.R.R)\n\t_ = unsafe.Offsetof(n.m)\n\t_ = unsafe.Slice((*int)(nil), -1)\n\t_ = unsafe.String(nil, 1<<70)\n\t_ = unsafe.Add(nil, 1.5)\n\trecover(1)\n\tpanic()\n\tprint(nil)\n\tprintln(1 << 100)\n\t_ = complex(1i, 2)\n\t_ = make([]int, 1<<70)\n\t_ = make([]int, -1)\n\t_ = append(nil, 1)\n\t_ = len(nil)\n\t_ = max()\n\t_ = max(nil, 1)\n\t_ = unsafe.SliceData(1)\n\t_ = unsafe.StringData(1)\n\t_ = imag(1 << 3)\n\t_ = complex(float32(1), 2.5)\n\tvar f func(...int)\n\tf(1, 2, []int{}...)\n\tf(nil...)\n\t_ = f\n}\n";
        assert_eq!(check_source(src), vec![
            "a.go:13:20: T{} (value of struct type T) is too large",
            "a.go:14:22: T{} (value of struct type T) is too large",
            "a.go:15:20: [1 << 62]int64{} (value of type [4611686018427387904]int64) is too large",
            "a.go:16:13: invalid append: mismatched slice element types int and string in q (variable of type Q constrained by ~[]int | ~[]string)",
            "a.go:19:8: invalid operation: cannot close receive-only channel c (variable of type C constrained by ~chan int | ~<-chan int)",
            "a.go:20:9: invalid argument: maps of m (variable of type M constrained by ~map[int]int | ~map[string]int) must have identical key types",
            "a.go:22:11: invalid argument: cannot make Q: []int and []string have different underlying types",
            "a.go:25:5: pi.m undefined (type PI is pointer to interface, not interface)",
            "a.go:27:6: cannot use \"a\" (untyped string constant) as int value in argument to n.m",
            "a.go:32:11: invalid argument: argument has type P, expected complex type",
            "a.go:33:10: invalid argument: p (variable of type P constrained by any) cannot be ordered",
            "a.go:34:4: p.x undefined (type P has no field or method x)",
            "a.go:36:11: invalid copy: mismatched slice element types int and string in q (variable of type Q constrained by ~[]int | ~[]string)",
            "a.go:38:14: r.R.R.R.x undefined (type *R has no field or method x)",
            "a.go:40:22: invalid argument: n.m is a method value",
            "a.go:41:32: invalid argument: length -1 (constant of type int) must not be negative",
            "a.go:42:25: 1 << 70 (untyped int constant 1180591620717411303424) overflows int",
            "a.go:43:22: 1.5 (untyped float constant) truncated to int",
            "a.go:44:2: invalid operation: too many arguments for recover(1) (expected 0, found 1)",
            "a.go:45:2: invalid operation: not enough arguments for panic() (expected 1, found 0)",
            "a.go:46:8: use of untyped nil in argument to built-in print",
            "a.go:47:10: cannot use 1 << 100 (untyped int constant 1267650600228229401496703205376) as int value in argument to built-in println (overflows)",
            "a.go:48:14: invalid operation: complex(1i, 2) (mismatched types untyped complex and untyped float)",
            "a.go:49:18: 1 << 70 (untyped int constant 1180591620717411303424) overflows int",
            "a.go:50:18: invalid argument: index -1 (constant of type int) must not be negative",
            "a.go:51:13: invalid append: argument must be a slice; have untyped nil",
            "a.go:52:10: invalid argument: nil for built-in len",
            "a.go:53:6: invalid operation: not enough arguments for max() (expected 1, found 0)",
            "a.go:54:10: invalid argument: nil cannot be ordered",
            "a.go:55:23: invalid argument: 1 (untyped int constant) is not a slice",
            "a.go:56:24: cannot use 1 (untyped int constant) as string value in argument to unsafe.StringData",
            "a.go:60:7: too many arguments in call to f\n\thave (number, number, []int...)\n\twant (...int)",
        ]);
    }

    /// Built-ins, unsafe functions and generic calls newer than the
    /// language version (gc with -lang=go1.16; gc's driver appends
    /// "(-lang was set to go1.16; check go.mod)").
    #[test]
    fn version_gating_like_gc() {
        let src = "// -lang=go1.16\n\npackage p\n\nimport \"unsafe\"\n\nfunc f[T any](T) {}\n\nfunc _() {\n\tvar x int\n\tvar b []byte\n\t_ = unsafe.Add(unsafe.Pointer(&x), 1)\n\t_ = unsafe.Slice(&x, 1)\n\t_ = unsafe.SliceData(b)\n\t_ = unsafe.String(&b[0], 1)\n\t_ = unsafe.StringData(\"\")\n\tclear(b)\n\t_ = min(1, 2)\n\t_ = max(x, 2)\n\t_ = new(1)\n\tf(1)\n\tf[int](1)\n}\n";
        assert_eq!(
            crate::testutil::check_source_lang(src, 16),
            vec![
                "a.go:7:8: type parameter requires go1.18 or later",
                "a.go:7:10: predeclared any requires go1.18 or later",
                "a.go:12:6: unsafe.Add requires go1.17 or later",
                "a.go:13:6: unsafe.Slice requires go1.17 or later",
                "a.go:14:6: unsafe.SliceData requires go1.20 or later",
                "a.go:15:6: unsafe.String requires go1.20 or later",
                "a.go:16:6: unsafe.StringData requires go1.20 or later",
                "a.go:17:2: clear requires go1.21 or later",
                "a.go:18:6: built-in min requires go1.21 or later",
                "a.go:19:6: built-in max requires go1.21 or later",
                "a.go:20:6: new(1) requires go1.26 or later",
                "a.go:21:2: implicit function instantiation requires go1.18 or later",
                "a.go:22:2: function instantiation requires go1.18 or later",
            ]
        );
    }

    /// What calls and selectors record for later stages: selections with
    /// their kind, embedding path and indirection, instances of inferred
    /// generic calls, and the signature a built-in was called with.
    #[test]
    fn selections_instances_and_builtin_signatures_recorded() {
        use crate::arena::{Local, Store, World};
        use crate::info::SelectionKind;
        use crate::operand::Mode;
        use crate::ty::Type;
        let src = "package p

type In struct{ Z int }

func (*In) PM() {}

type T struct {
	X int
	*In
}

func (T) M() {}

func g[A any](a A) A { return a }

func _() {
	var t T
	t.M()
	_ = T.M
	_ = t.Z
	t.PM()
	_ = g(1)
	_ = len(\"ab\")
	_ = append([]int{}, 1)
}
";
        let fset = syntax::FileSet::new();
        let (f, errs) = syntax::parse_file(&fset, "a.go", src.as_bytes());
        assert!(errs.is_empty());
        let world = World::new();
        let files = [f];
        let checked = crate::check::Checker::new(
            &world,
            &fset,
            crate::testutil::P,
            "p",
            &files,
            &crate::testutil::UnsafeOnly,
        )
        .check();
        assert!(checked.errors.is_empty(), "{:?}", checked.errors);
        let store = Local {
            world: &world,
            arena: checked.arena,
        };
        let mut sels: Vec<(SelectionKind, String, Vec<u32>, bool)> = checked
            .info
            .selections
            .values()
            .map(|s| {
                (
                    s.kind,
                    store.obj(s.obj).name.to_string(),
                    s.index.clone(),
                    s.indirect,
                )
            })
            .collect();
        sels.sort_by(|a, b| {
            a.1.cmp(&b.1)
                .then(format!("{:?}", a.0).cmp(&format!("{:?}", b.0)))
        });
        assert_eq!(
            sels,
            vec![
                (SelectionKind::MethodExpr, "M".into(), vec![0], false),
                (SelectionKind::MethodVal, "M".into(), vec![0], false),
                (SelectionKind::MethodVal, "PM".into(), vec![1, 0], true),
                (SelectionKind::FieldVal, "Z".into(), vec![1, 0], true),
            ]
        );
        let insts: Vec<_> = checked.info.instances.values().collect();
        assert_eq!(insts.len(), 1);
        assert_eq!(insts[0].targs, vec![crate::universe::INT]);
        // The built-ins' recorded signatures: append's (non-constant)
        // only; len of a constant string is a constant.
        let builtins: Vec<_> = checked
            .info
            .types
            .iter()
            .filter(|(_, tv)| {
                matches!(tv.mode, Mode::Builtin(_)) && tv.typ != crate::universe::INVALID
            })
            .map(|(_, tv)| tv.clone())
            .collect();
        assert_eq!(builtins.len(), 1);
        let Type::Signature(sig) = store.ty(builtins[0].typ) else {
            panic!("not a signature")
        };
        assert!(sig.variadic);
    }

    /// Odd callees (nil, constants, calls without or with several
    /// results), selectors through pointers to pointers, map elements,
    /// embedded interfaces and method expressions on interfaces: as gc.
    #[test]
    fn odd_callees_and_selectors_like_gc() {
        let src = "package p\n\ntype T struct{ f func() int }\ntype R interface{ Read() int }\ntype S struct{ R }\n\nfunc two() (int, int) { return 1, 2 }\nfunc none()           {}\nfunc fn() func(int) int { return nil }\n\nfunc _() {\n\tnil()\n\t\"s\"()\n\ttwo()()\n\tnone()()\n\t_ = fn()(1)\n\tvar t T\n\t_ = t.f()\n\tvar s S\n\t_ = s.Read()\n\tvar pp **T\n\tpp.f()\n\tm := map[string]T{}\n\t_ = m[\"a\"].f()\n\t_ = S.Read\n\t_ = (*S).Read\n\t_ = R.Read(nil)\n\tvar x interface{}\n\tx.foo()\n\t_ = none\n\tvar _ = none()\n\t_ = two\n\t_ = struct{ a int }{}.b\n\ttype L struct{ L *L }\n\tvar l L\n\t_ = l.L.L.L.L\n\t_ = T.f\n\t_ = len(\"a\")()\n\t_ = complex64(1)(2)\n\tint.foo()\n}\n";
        assert_eq!(check_source(src), vec![
            "a.go:12:2: invalid operation: cannot call nil: untyped nil is not a function",
            "a.go:13:2: invalid operation: cannot call \"s\" (untyped string constant): untyped string is not a function",
            "a.go:14:2: multiple-value two() (value of type (int, int)) in single-value context",
            "a.go:15:2: none() (no value) used as value or type",
            "a.go:22:5: pp.f undefined (type **T has no field or method f)",
            "a.go:29:4: x.foo undefined (type interface{} has no field or method foo)",
            "a.go:31:10: none() (no value) used as value",
            "a.go:33:24: struct{a int}{}.b undefined (type struct{a int} has no field or method b)",
            "a.go:37:6: operand for field selector f must be value of type T",
            "a.go:38:6: invalid operation: cannot call len(\"a\") (constant 1 of type int): int is not a function",
            "a.go:39:6: invalid operation: cannot call complex64(1) (constant (1 + 0i) of type complex64): complex64 is not a function",
            "a.go:40:6: int.foo undefined (type int has no field or method foo)",
        ]);
    }

    /// Method values and expressions of generic instances (directly and
    /// through an embedded pointer), with the receiver's type arguments
    /// substituted and gc's parameter naming in method expressions.
    #[test]
    fn methods_of_instances_like_gc() {
        let src = "package p\n\ntype G[A any] struct{ v A }\n\nfunc (g G[A]) Get() A       { return g.v }\nfunc (g *G[A]) Set(a A)     {}\nfunc (g G[A]) Pair(b A) (A, A) { return g.v, b }\n\ntype H struct{ *G[string] }\n\nfunc _() {\n\tvar _ int = G[int].Get\n\tvar _ int = (*G[string]).Set\n\tvar g G[bool]\n\tvar _ int = g.Pair\n\tvar h H\n\tvar _ int = h.Set\n\tvar _ int = H.Get\n\tvar _ int = g.Get()\n\tg.Set(1)\n}\n";
        assert_eq!(
            check_source(src),
            vec![
                "a.go:12:14: cannot use G[int].Get (value of type func(G[int]) int) as int value in variable declaration",
                "a.go:13:14: cannot use (*G[string]).Set (value of type func(g *G[string], a string)) as int value in variable declaration",
                "a.go:15:14: cannot use g.Pair (value of type func(b bool) (bool, bool)) as int value in variable declaration",
                "a.go:17:14: cannot use h.Set (value of type func(a string)) as int value in variable declaration",
                "a.go:18:14: cannot use H.Get (value of type func(H) string) as int value in variable declaration",
                "a.go:19:14: cannot use g.Get() (value of type bool) as int value in variable declaration",
                "a.go:20:8: cannot use 1 (untyped int constant) as bool value in argument to g.Set",
            ]
        );
    }
}
