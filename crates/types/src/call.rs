//! Calls and selectors (types2's call.go): function and method calls
//! with argument passing (variadic, `f(g())` with multiple results,
//! "not enough arguments in call to f\n\thave (...)\n\twant (...)"),
//! conversions and built-ins reached through a call, generic function
//! calls with type argument inference, and `x.sel` selectors: package
//! members, fields and methods through embedding, method values and
//! method expressions, with gc's "x.f undefined (type T has no field or
//! method f, but does have F)" family of messages.
//!
//! Also the helpers calls and built-ins share: the (type, underlying
//! type) pairs of a type set (`under_types`, types2's typeset) and the
//! common underlying type of a type set (`common_under`).
//!
//! Inference errors: `infer` reports why it failed; a call wraps every
//! error `infer` reported during it as gc does, "in call to f, <msg>".
//! Partially instantiated callees (`f[int](x)` with more type parameters
//! to infer) reach `call_expr` as generic values from `index_expr`; the
//! given type arguments are read with `partial_targs`.

use syntax::ast::{self, Expr, ExprKind};
use syntax::print::expr_string;
use syntax::Pos;

use crate::arena::{ObjId, Store, TypeId};
use crate::check::Checker;
use crate::expr::Target;
use crate::info::{Selection, SelectionKind};
use crate::lookup::{lookup_field_or_method, lookup_fold_case, Lookup};
use crate::object::{ObjKind, Object};
use crate::operand::{Mode, Operand};
use crate::predicates::{identical, is_type_param, is_untyped, unalias, underlying};
use crate::termlist::TypeTerm;
use crate::ty::{ChanDir, Signature, Type};
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
        let mut x = self.expr_or_type(&call.fun, true);
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
        let u = self.call_common_under(typ, |c, t, u| {
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
                if !self.is_complete(results[0]) {
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
        if !self.is_complete(t) {
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
                let target = match self.store.ty(underlying(&self.store, t)) {
                    Type::Signature(_) => Some(Target {
                        sig: underlying(&self.store, t),
                        desc: "conversion",
                    }),
                    _ => None,
                };
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
            targs.push(self.call_partial_targs(e));
            out.push(x);
        } else {
            for e in es {
                let mut x = self.raw_expr(None, e, None, true);
                self.exclude_modes(&mut x, ModeSet::VALUES_ONLY);
                self.call_single_value(&mut x);
                targs.push(self.call_partial_targs(e));
                out.push(x);
            }
        }
        (out, targs)
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
        let mut generic_args = Vec::new();
        for (i, a) in args.iter().enumerate() {
            if let Type::Signature(asig) = self.store.ty(a.typ) {
                if !asig.tparams.is_empty() {
                    tparams.extend(asig.tparams.iter().copied());
                    if let Some(given) = atargs.get(i) {
                        all_targs.extend(given.iter().copied().map(Some));
                    }
                    all_targs.resize(tparams.len(), None);
                    generic_args.push(i);
                }
            }
        }
        if let Some(&i) = generic_args.first() {
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
                // Errors of inference are reported "in call to f".
                for err in &mut self.errors[first_err..] {
                    if !err.msg.starts_with("in call to ") {
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
            for &i in &generic_args {
                let Type::Signature(asig) = self.store.ty(args[i].typ) else {
                    continue;
                };
                let k = j + asig.tparams.len();
                let Some(arg_expr) = args[i].expr else {
                    continue;
                };
                let asig_id = args[i].typ;
                let t = self.call_instantiate_signature(e.pos, arg_expr, asig_id, &inferred[j..k]);
                args[i].typ = t;
                let a = args[i].clone();
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

    /// The (type, underlying type) pairs of `t`'s type set (types2's
    /// typeset): `t` itself for ordinary types; the terms of a type
    /// parameter's constraint, or one `(None, None)` if it has no specific
    /// types.
    pub(crate) fn call_under_types(&self, t: TypeId) -> Vec<(Option<TypeId>, Option<TypeId>)> {
        let tt = unalias(&self.store, t);
        if !matches!(self.store.ty(tt), Type::TypeParam(_)) {
            return vec![(Some(t), Some(underlying(&self.store, t)))];
        }
        let ts = type_set(&self.store, tt);
        if ts.terms.0.is_empty() || ts.terms.is_all() {
            return vec![(None, None)];
        }
        ts.terms
            .0
            .iter()
            .map(|term| match term {
                TypeTerm::All => (None, None),
                TypeTerm::Type { typ, .. } => (Some(*typ), Some(underlying(&self.store, *typ))),
            })
            .collect()
    }

    /// The underlying type all types of `t`'s type set share (types2's
    /// commonUnder); `cond` may reject a member with a reason first.
    pub(crate) fn call_common_under(
        &self,
        t: TypeId,
        cond: impl Fn(&Self, Option<TypeId>, Option<TypeId>) -> Option<String>,
    ) -> Result<TypeId, String> {
        let mut common: Option<(TypeId, TypeId)> = None;
        for (tt, u) in self.call_under_types(t) {
            if let Some(why) = cond(self, tt, u) {
                return Err(why);
            }
            let (Some(tt), Some(u)) = (tt, u) else {
                return Err("no specific type".into());
            };
            let Some((ct, cu)) = common else {
                common = Some((tt, u));
                continue;
            };
            if let (Type::Chan(cd, ce), Type::Chan(d, el)) = (self.store.ty(cu), self.store.ty(u)) {
                if !identical(&self.store, *ce, *el) {
                    return Err(format!(
                        "channels {} and {} have different element types",
                        self.type_str(ct),
                        self.type_str(tt)
                    ));
                }
                if cd == d {
                } else if *cd == ChanDir::Both {
                    common = Some((tt, u));
                } else if *d != ChanDir::Both {
                    return Err(format!(
                        "channels {} and {} have conflicting directions",
                        self.type_str(ct),
                        self.type_str(tt)
                    ));
                }
                continue;
            }
            if !identical(&self.store, cu, u) {
                return Err(format!(
                    "{} and {} have different underlying types",
                    self.type_str(ct),
                    self.type_str(tt)
                ));
            }
        }
        common
            .map(|(_, u)| u)
            .ok_or_else(|| "no specific type".into())
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
        if !self.is_complete(op.typ) {
            return Operand::invalid(Some(e));
        }
        if want_type {
            self.errorf(sel.pos, format!("{} is not a type", expr_string(e)));
            return Operand::invalid(Some(e));
        }
        if let Type::Pointer(b) = self.store.ty(underlying(&self.store, op.typ)) {
            let b = *b;
            if !self.is_complete(b) {
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
                    let alt = match lookup_fold_case(&self.store, op.typ, pkg, name) {
                        Lookup::Found { obj, .. } | Lookup::NeedsPointer { obj } => Some(obj),
                        _ => None,
                    };
                    self.call_lookup_error(op.typ, name.as_str(), alt)
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
        let Some(exp) = self.store.scope(scope).lookup(name) else {
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
        let o = self.store.obj(exp);
        if !o.is_exported() {
            let msg = format!(
                "name {name} not exported by package {}",
                self.package_name(pkg)
            );
            self.errorf(sel.pos, msg);
        }
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
        let tt = unalias(&self.store, t);
        if let Type::Named(_) = self.store.ty(tt) {
            let u = underlying(&self.store, tt);
            if let Type::Pointer(_) = self.store.ty(u) {
                let r = lookup_field_or_method(&self.store, u, false, pkg, name);
                return match r {
                    Lookup::Found { obj, .. } | Lookup::NeedsPointer { obj }
                        if matches!(self.store.obj(obj).kind, ObjKind::Func { .. }) =>
                    {
                        Lookup::NotFound
                    }
                    r => r,
                };
            }
        }
        lookup_field_or_method(&self.store, t, addressable, pkg, name)
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
    /// whose name differs only in case (types2's lookupError).
    pub(crate) fn call_lookup_error(&self, t: TypeId, sel: &str, alt: Option<ObjId>) -> String {
        #[derive(PartialEq)]
        enum Case {
            Missing,
            Misspelled,
            Unexported,
            Inaccessible,
        }
        let exported = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
        let tail = |s: &str| s.chars().skip(1).collect::<String>();
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
        match case {
            Case::Missing => format!("type {ts} has no field or method {sel}"),
            Case::Misspelled => {
                format!("type {ts} has no field or method {sel}, but does have {what} {alt_name}")
            }
            Case::Unexported => format!(
                "type {ts} has no field or method {sel}, but does have unexported {what} {alt_name}"
            ),
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
    #[ignore = "needs expr, typexpr, decl, assignments"]
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
    #[ignore = "needs expr, typexpr, decl, assignments"]
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
}
