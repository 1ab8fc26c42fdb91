//! Type argument inference (types2's infer.go): from typed function
//! arguments (unification, `unify`), from constraints' core types, from
//! untyped arguments (the "largest" untyped kind per type parameter,
//! then its default type), from the assignment context (reverse
//! inference), then simplification of inferred types mentioning other
//! type parameters; with gc's messages ("in call to f, cannot infer T
//! (declared at a.go:3:8)", "type []int of x does not match inferred
//! type []string for []T", "mismatched types untyped int and untyped
//! string (cannot infer T)").

use syntax::ast::{self, Expr, ExprKind, Spec, Stmt, StmtKind};
use syntax::print::expr_string;
use syntax::Pos;

use crate::arena::{Store, TypeId};
use crate::check::Checker;
use crate::lookup::{lookup_field_or_method, Lookup};
use crate::object::ObjKind;
use crate::operand::{Mode, Operand};
use crate::predicates::{is_typed, unalias};
use crate::subst::{is_parameterized, SubstMap};
use crate::termlist::TypeTerm;
use crate::ty::Type;
use crate::typeset::{core_type, type_set};
use crate::typestring::func_string;
use crate::unify::{Unifier, ASSIGN, EXACT, INEXACT};
use crate::untyped::{default_type, max_type};

/// Why inference failed: a message at a position.
struct Failure {
    pos: Pos,
    msg: String,
}

impl<'a> Checker<'a, '_> {
    /// Infers the missing type arguments of `tparams` (the first
    /// `targs.len()` are given) from `args` passed to parameters
    /// `params` (a tuple). Returns all type arguments, or `None` after
    /// reporting why inference failed.
    ///
    /// For a call, `pos` is the call's position (its `(`): failures are
    /// then reported as gc does, "in call to f, ...", with `f` the
    /// call's function expression. With `reverse` (the arguments stand
    /// for the target of an assignment, Go 1.21) and for uncalled
    /// functions, the message has no prefix (`expr`'s `reverse_func_inst`
    /// builds the arguments for that case). Missing type arguments that could not be
    /// inferred are reported at `pos`. Arguments that are invalid make
    /// inference fail silently (an error was reported).
    pub(crate) fn infer(
        &mut self,
        pos: Pos,
        tparams: &[TypeId],
        targs: &[TypeId],
        params: Option<TypeId>,
        args: &[Operand<'a>],
        reverse: bool,
    ) -> Option<Vec<TypeId>> {
        let known: Vec<Option<TypeId>> = targs.iter().copied().map(Some).collect();
        self.infer_partial(pos, tparams, &known, params, args, reverse)
    }

    /// `infer` with the known type arguments anywhere in the list
    /// (`targs[i]` for `tparams[i]`, `None` where unknown; a shorter list
    /// leaves the rest unknown): for calls passing partially
    /// instantiated generic functions (`g(f[int])`), whose type
    /// parameters follow the callee's.
    pub(crate) fn infer_partial(
        &mut self,
        pos: Pos,
        tparams: &[TypeId],
        targs: &[Option<TypeId>],
        params: Option<TypeId>,
        args: &[Operand<'a>],
        reverse: bool,
    ) -> Option<Vec<TypeId>> {
        self.expand_pending();
        match self.infer_impl(pos, tparams, targs, params, args, reverse) {
            Ok(r) => Some(r),
            Err(None) => None,
            Err(Some(f)) => {
                let msg = match self.call_fun_at(pos).filter(|_| !reverse) {
                    Some(fun) => format!("in call to {fun}, {}", f.msg),
                    None => f.msg,
                };
                self.errorf(f.pos, msg);
                None
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn infer_impl(
        &mut self,
        pos: Pos,
        tparams0: &[TypeId],
        targs: &[Option<TypeId>],
        params: Option<TypeId>,
        args: &[Operand<'a>],
        reverse: bool,
    ) -> Result<Vec<TypeId>, Option<Failure>> {
        let n = tparams0.len();
        if targs.len() >= n && targs[..n].iter().all(|t| t.is_some()) {
            return Ok(targs[..n].iter().flatten().copied().collect());
        }
        if args.iter().any(|a| !a.is_valid()) {
            return Err(None);
        }
        // Fresh type parameters, so that a recursive call f(x) inside f
        // does not confuse the parameters being inferred with those of
        // the arguments.
        let (tparams, params) = self.rename_tparams(tparams0, params);
        let mut known: Vec<Option<TypeId>> = targs.iter().take(n).copied().collect();
        known.resize(n, None);

        // Substitute the given type arguments first (better messages).
        let param_types: Vec<TypeId> = match params {
            Some(p) => {
                let smap: SubstMap = tparams
                    .iter()
                    .zip(&known)
                    .filter_map(|(&q, t)| t.map(|t| (q, t)))
                    .collect();
                let p = self.subst(Pos::NONE, p, &smap);
                match self.store.ty(p) {
                    Type::Tuple(vs) => vs
                        .iter()
                        .map(|&v| self.store.obj(v).typ.unwrap_or(crate::universe::INVALID))
                        .collect(),
                    _ => Vec::new(),
                }
            }
            None => Vec::new(),
        };

        // Generic functions passed as arguments (Go 1.21) have their type
        // parameters among `tparams0`: rename them in those arguments'
        // types (only there: an argument of type P inside f's own body
        // keeps its P).
        // Callers append each generic argument's parameters after the
        // function's own, in argument order (the same function may be
        // passed twice): match them from the end.
        let mut arg_types: Vec<TypeId> = args.iter().map(|a| a.typ).collect();
        let mut taken = vec![false; n];
        for t in arg_types.iter_mut().rev() {
            let own = match self.store.ty(*t) {
                Type::Signature(sig) if !sig.tparams.is_empty() => sig.tparams.clone(),
                _ => continue,
            };
            let mut rmap = SubstMap::new();
            for p in own.iter().rev() {
                if let Some(i) = (0..n).rev().find(|&i| !taken[i] && tparams0[i] == *p) {
                    taken[i] = true;
                    rmap.insert(*p, tparams[i]);
                }
            }
            *t = self.subst(Pos::NONE, *t, &rmap);
        }

        let mut u = Unifier::new(&tparams, &known, self.allow_version(21));
        let mut untyped: Vec<usize> = Vec::new();

        // 1. Typed arguments.
        for (i, arg) in args.iter().enumerate() {
            let Some(&par) = param_types.get(i) else {
                break;
            };
            let at = arg_types[i];
            if !is_parameterized(&self.store, &tparams, par)
                && !is_parameterized(&self.store, &tparams, at)
            {
                continue;
            }
            if is_typed(&self.store, at) {
                if !u.unify(self, par, at, ASSIGN) {
                    return Err(Some(self.mismatch(&u, &tparams, par, arg, pos, reverse)));
                }
            } else if matches!(self.store.ty(par), Type::TypeParam(_))
                && arg.mode != Mode::NilValue
                && arg.typ != crate::universe::UNTYPED_NIL
            {
                untyped.push(i);
            }
        }

        // 2. Constraints: core types and methods.
        loop {
            let before = u.unknowns();
            for (i, &tpar) in tparams.iter().enumerate() {
                let tx = u.at(i);
                if let Some((tilde, core, single)) = core_term(&self.store, tpar) {
                    if let Some(tx) = tx {
                        if !u.unify(self, tx, core, INEXACT) {
                            let msg = format!(
                                "{} (type {}) does not satisfy {}",
                                self.type_str(tpar),
                                self.type_str(tx),
                                self.type_str(bound_of(&self.store, tpar))
                            );
                            return Err(Some(Failure { pos, msg }));
                        }
                    } else if single && !tilde {
                        u.set(i, core);
                    }
                }
                let tx = u.at(i);
                if let Some(tx) = tx {
                    if !is_parameterized(&self.store, &tparams, tx) {
                        if let Some(cause) = self.unify_methods(&mut u, tx, tpar) {
                            let msg = format!(
                                "{} (type {}) does not satisfy {} {cause}",
                                self.type_str(tpar),
                                self.type_str(tx),
                                self.type_str(bound_of(&self.store, tpar))
                            );
                            return Err(Some(Failure { pos, msg }));
                        }
                    }
                }
            }
            if u.unknowns() == before {
                break;
            }
        }

        // 3. Untyped arguments: the largest kind per parameter, defaulted.
        let mut max_untyped: Vec<(usize, TypeId)> = Vec::new();
        for &ai in &untyped {
            let par = param_types[ai];
            let Some(ti) = tparams.iter().position(|&p| p == par) else {
                continue;
            };
            if u.at(ti).is_some() {
                continue;
            }
            let arg = &args[ai];
            match max_untyped.iter_mut().find(|(t, _)| *t == ti) {
                None => max_untyped.push((ti, arg.typ)),
                Some((_, max)) => match max_type(&self.store, *max, arg.typ) {
                    Some(m) => *max = m,
                    None => {
                        let msg = format!(
                            "mismatched types {} and {} (cannot infer {})",
                            self.type_str(*max),
                            self.type_str(arg.typ),
                            self.type_str(tparams[ti])
                        );
                        return Err(Some(Failure {
                            pos: arg_pos(arg, pos),
                            msg,
                        }));
                    }
                },
            }
        }
        for (ti, t) in max_untyped {
            u.set(ti, default_type(&self.store, t));
        }

        // Simplify: substitute inferred types into each other.
        let mut inferred = u.inferred();
        kill_cycles(&self.store, &tparams, &mut inferred);
        let mut dirty: Vec<usize> = (0..n)
            .filter(|&i| inferred[i].is_some() && known[i].is_none())
            .collect();
        let mut rounds = 0;
        while !dirty.is_empty() && rounds < 100 {
            rounds += 1;
            let smap: SubstMap = tparams
                .iter()
                .zip(&inferred)
                .filter_map(|(&p, t)| t.map(|t| (p, t)))
                .filter(|(p, t)| p != t)
                .collect();
            let mut next = Vec::new();
            for &i in &dirty {
                let Some(t0) = inferred[i] else { continue };
                let mut t1 = self.subst(Pos::NONE, t0, &smap);
                if t1 != t0 {
                    // A generic function argument's signature that no
                    // longer mentions type parameters is not generic.
                    if let Type::Signature(sig) = self.store.ty(t1) {
                        if !sig.tparams.is_empty() && !is_parameterized(&self.store, &tparams, t1) {
                            let mut sig = sig.clone();
                            sig.tparams.clear();
                            t1 = self.store.arena.add_type(Type::Signature(sig));
                        }
                    }
                    inferred[i] = Some(t1);
                    next.push(i);
                }
            }
            dirty = next;
        }
        let mut out = Vec::with_capacity(n);
        for (i, t) in inferred.iter().enumerate() {
            match t {
                Some(t) if !is_parameterized(&self.store, &tparams, *t) => out.push(*t),
                _ => {
                    let Some(obj) = tparam_obj(&self.store, tparams0[i]) else {
                        return Err(None);
                    };
                    let o = self.store.obj(obj);
                    let (name, opos) = (o.name, o.pos);
                    let at = self
                        .fset
                        .position(opos)
                        .map_or(String::new(), |p| p.to_string());
                    let msg = format!("cannot infer {name} (declared at {at})");
                    return Err(Some(Failure { pos, msg }));
                }
            }
        }
        Ok(out)
    }

    /// The message for a typed argument that does not unify with its
    /// parameter.
    #[allow(clippy::too_many_arguments)]
    fn mismatch(
        &mut self,
        u: &Unifier,
        tparams: &[TypeId],
        par: TypeId,
        arg: &Operand<'a>,
        pos: Pos,
        reverse: bool,
    ) -> Failure {
        let at = arg_pos(arg, pos);
        let what = arg.expr.map(expr_string).unwrap_or_default();
        let inferred = u.inferred();
        let targ = self.type_str(arg.typ);
        if inferred.first().is_some_and(|t| t.is_none()) && inferred.iter().all(|t| t.is_none()) {
            let names: Vec<String> = tparams.iter().map(|&t| self.type_str(t)).collect();
            return Failure {
                pos: at,
                msg: format!(
                    "type {targ} of {what} does not match {} (cannot infer {})",
                    self.type_str(par),
                    tparams_string(&names)
                ),
            };
        }
        let smap: SubstMap = tparams
            .iter()
            .zip(&inferred)
            .filter_map(|(&p, t)| t.map(|t| (p, t)))
            .collect();
        let inf = self.subst(at, par, &smap);
        let msg = if inf != par {
            if reverse {
                format!(
                    "inferred type {} for {} does not match type {targ} of {what}",
                    self.type_str(inf),
                    self.type_str(par)
                )
            } else {
                format!(
                    "type {targ} of {what} does not match inferred type {} for {}",
                    self.type_str(inf),
                    self.type_str(par)
                )
            }
        } else {
            format!(
                "type {targ} of {what} does not match {}",
                self.type_str(par)
            )
        };
        Failure { pos: at, msg }
    }

    /// Unifies the methods `tx` has with those its parameter's
    /// constraint requires (inferring parameters that appear in the
    /// constraint's methods); the cause of failure, as gc words it.
    fn unify_methods(&mut self, u: &mut Unifier, tx: TypeId, tpar: TypeId) -> Option<String> {
        let bound = bound_of(&self.store, tpar);
        let methods = type_set(&self.store, bound).methods;
        for m in methods {
            let (pkg, name) = {
                let o = self.store.obj(m);
                (o.pkg, o.name)
            };
            let found = match lookup_field_or_method(&self.store, tx, false, pkg, name) {
                Lookup::Found { obj, .. }
                    if matches!(self.store.obj(obj).kind, ObjKind::Func { .. }) =>
                {
                    Some(obj)
                }
                _ => None,
            };
            let Some(f) = found else {
                // Let the ordinary satisfaction check word the cause.
                let q = self.qualifier();
                return crate::implements::missing_method(&self.store, &q, tx, bound, true)
                    .map(|(_, c)| c)
                    .or_else(|| Some(format!("(missing method {name})")));
            };
            let ft = self.method_type(tx, f);
            let Some(mt) = self.store.obj(m).typ else {
                continue;
            };
            if !u.unify(self, mt, ft, EXACT) {
                let q = self.qualifier();
                let (have, want) = (
                    func_string(&self.store, &q, f),
                    func_string(&self.store, &q, m),
                );
                return Some(format!(
                    "(wrong type for method {name})\n\t\thave {have}\n\t\twant {want}"
                ));
            }
        }
        None
    }

    /// Copies of `tparams` with their bounds, and `params`, renamed to
    /// the copies.
    fn rename_tparams(
        &mut self,
        tparams: &[TypeId],
        params: Option<TypeId>,
    ) -> (Vec<TypeId>, Option<TypeId>) {
        let mut rmap = SubstMap::new();
        let fresh = self.fresh_tparams(tparams, &mut rmap);
        let params = params.map(|p| self.subst(Pos::NONE, p, &rmap));
        (fresh, params)
    }

    /// The function expression of the call whose `(` is at `pos`, as gc
    /// prints it, if there is one in the file being checked.
    fn call_fun_at(&self, pos: Pos) -> Option<String> {
        let file = self.files.get(self.env.file as usize)?;
        let mut found = None;
        for d in &file.decls {
            match d {
                ast::Decl::Gen(g) => find_in_gen(g, pos, &mut found),
                ast::Decl::Func(f) => {
                    if let Some(b) = &f.body {
                        find_in_stmts(&b.stmts, pos, &mut found);
                    }
                }
            }
            if found.is_some() {
                break;
            }
        }
        found
    }
}

/// A type parameter's constraint.
fn bound_of(s: &impl Store, tpar: TypeId) -> TypeId {
    match s.ty(tpar) {
        Type::TypeParam(p) => p.bound.unwrap_or(crate::universe::INVALID),
        _ => crate::universe::INVALID,
    }
}

/// The type name of type parameter `tpar`.
fn tparam_obj(s: &impl Store, tpar: TypeId) -> Option<crate::arena::ObjId> {
    match s.ty(tpar) {
        Type::TypeParam(p) => Some(p.obj),
        _ => None,
    }
}

/// Where gc reports an error about an argument: its start.
fn arg_pos(arg: &Operand, pos: Pos) -> Pos {
    arg.expr.map_or(pos, |e| e.start_pos())
}

/// "P", "P and Q", "P, Q, and R" (types2's typeParamsString).
fn tparams_string(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a} and {b}"),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    }
}

/// The core term of a type parameter's constraint (types2's coreTerm):
/// its single specific type `(tilde, T, true)`, or its core type with a
/// tilde if any term has one `(tilde, T, false)`.
fn core_term(s: &impl Store, tpar: TypeId) -> Option<(bool, TypeId, bool)> {
    let ts = type_set(s, tpar);
    let terms: Vec<(bool, TypeId)> = ts
        .terms
        .0
        .iter()
        .filter_map(|t| match t {
            TypeTerm::All => None,
            TypeTerm::Type { tilde, typ } => Some((*tilde, *typ)),
        })
        .collect();
    if terms.len() != ts.terms.0.len() || terms.is_empty() {
        return None;
    }
    if let [(tilde, typ)] = terms[..] {
        return Some((tilde, typ, true));
    }
    let tilde = terms.iter().any(|t| t.0);
    core_type(s, tpar).map(|c| (tilde, c, false))
}

/// Drops inferred types that refer back to their own parameter
/// (directly or through others): substituting them would never end.
fn kill_cycles(s: &impl Store, tparams: &[TypeId], inferred: &mut [Option<TypeId>]) {
    fn walk(
        s: &impl Store,
        tp: &[TypeId],
        inf: &mut [Option<TypeId>],
        t: TypeId,
        seen: &mut Vec<TypeId>,
    ) {
        let t = unalias(s, t);
        if seen.contains(&t) {
            if let Some(i) = tp.iter().position(|&p| p == t) {
                inf[i] = None;
            }
            return;
        }
        if seen.len() > 200 {
            return;
        }
        seen.push(t);
        let ty = s.ty(t).clone();
        let vars = |vs: &[crate::arena::ObjId]| -> Vec<TypeId> {
            vs.iter().filter_map(|&v| s.obj(v).typ).collect()
        };
        let children: Vec<TypeId> = match ty {
            Type::Pointer(e) | Type::Slice(e) | Type::Array(_, e) | Type::Chan(_, e) => vec![e],
            Type::Map(k, v) => vec![k, v],
            Type::Struct(st) => vars(&st.fields),
            Type::Tuple(vs) => vars(&vs),
            Type::Signature(sig) => {
                let mut c = Vec::new();
                for tu in [sig.params, sig.results] {
                    if let Type::Tuple(vs) = s.ty(tu) {
                        c.extend(vars(vs));
                    }
                }
                c
            }
            Type::Union(terms) => terms.iter().map(|t| t.typ).collect(),
            Type::Interface(it) => {
                let mut c = vars(&it.methods);
                c.extend(it.embeddeds.iter().copied());
                c
            }
            Type::Named(n) => n.targs.clone(),
            Type::TypeParam(_) => match tp.iter().position(|&p| p == t) {
                Some(i) => inf[i].into_iter().collect(),
                None => Vec::new(),
            },
            _ => Vec::new(),
        };
        for c in children {
            walk(s, tp, inf, c, seen);
        }
        seen.pop();
    }
    for &t in tparams {
        walk(s, tparams, inferred, t, &mut Vec::new());
    }
}

// ---- finding a call by position, for "in call to f" ----

fn find_in_gen(g: &ast::GenDecl, pos: Pos, found: &mut Option<String>) {
    for spec in &g.specs {
        match spec {
            Spec::Value(v) => {
                for e in v.typ.iter().chain(&v.values) {
                    find_in_expr(e, pos, found);
                }
            }
            Spec::Type(t) => find_in_expr(&t.typ, pos, found),
            Spec::Import(_) => {}
        }
    }
}

fn find_in_stmts(stmts: &[Stmt], pos: Pos, found: &mut Option<String>) {
    for s in stmts {
        if found.is_some() {
            return;
        }
        find_in_stmt(s, pos, found);
    }
}

fn find_in_stmt(s: &Stmt, pos: Pos, found: &mut Option<String>) {
    let exprs = |es: &[Expr], found: &mut Option<String>| {
        for e in es {
            find_in_expr(e, pos, found);
        }
    };
    match &s.kind {
        StmtKind::Empty | StmtKind::Branch(..) => {}
        StmtKind::Labeled(_, st) => find_in_stmt(st, pos, found),
        StmtKind::Block(b) => find_in_stmts(&b.stmts, pos, found),
        StmtKind::Expr(e) | StmtKind::Call(_, e) => find_in_expr(e, pos, found),
        StmtKind::Send(a, b) => {
            find_in_expr(a, pos, found);
            find_in_expr(b, pos, found);
        }
        StmtKind::Decl(g) => find_in_gen(g, pos, found),
        StmtKind::Assign(_, l, r) => {
            exprs(l, found);
            exprs(r, found);
        }
        StmtKind::Return(es) => exprs(es, found),
        StmtKind::If(i) => {
            if let Some(st) = &i.init {
                find_in_stmt(st, pos, found);
            }
            find_in_expr(&i.cond, pos, found);
            find_in_stmts(&i.then.stmts, pos, found);
            if let Some(st) = &i.els {
                find_in_stmt(st, pos, found);
            }
        }
        StmtKind::For(f) => {
            if let Some(st) = &f.init {
                find_in_stmt(st, pos, found);
            }
            if let Some(c) = &f.cond {
                find_in_expr(c, pos, found);
            }
            if let Some(st) = &f.post {
                find_in_stmt(st, pos, found);
            }
            find_in_stmts(&f.body.stmts, pos, found);
        }
        StmtKind::Switch(sw) => {
            if let Some(st) = &sw.init {
                find_in_stmt(st, pos, found);
            }
            if let Some(t) = &sw.tag {
                find_in_expr(t, pos, found);
            }
            for cc in &sw.body {
                if let Some(cs) = &cc.cases {
                    exprs(cs, found);
                }
                find_in_stmts(&cc.body, pos, found);
            }
        }
        StmtKind::Select(sel) => {
            for cc in &sel.body {
                if let Some(st) = &cc.comm {
                    find_in_stmt(st, pos, found);
                }
                find_in_stmts(&cc.body, pos, found);
            }
        }
        StmtKind::Range(r) => {
            exprs(&r.lhs, found);
            find_in_expr(&r.x, pos, found);
        }
    }
}

fn find_in_expr(e: &Expr, pos: Pos, found: &mut Option<String>) {
    if found.is_some() {
        return;
    }
    match &e.kind {
        ExprKind::Call(c) => {
            if e.pos == pos {
                *found = Some(expr_string(&c.fun));
                return;
            }
            find_in_expr(&c.fun, pos, found);
            for a in &c.args {
                find_in_expr(a, pos, found);
            }
        }
        ExprKind::Bad | ExprKind::Name(_) | ExprKind::BasicLit(_) => {}
        ExprKind::CompositeLit(cl) => {
            if let Some(t) = &cl.typ {
                find_in_expr(t, pos, found);
            }
            for x in &cl.elems {
                find_in_expr(x, pos, found);
            }
        }
        ExprKind::KeyValue(a, b) => {
            find_in_expr(a, pos, found);
            find_in_expr(b, pos, found);
        }
        ExprKind::FuncLit(fl) => find_in_stmts(&fl.body.stmts, pos, found),
        ExprKind::Paren(x)
        | ExprKind::Selector(x, _)
        | ExprKind::DotsType(x)
        | ExprKind::SliceType(x)
        | ExprKind::ChanType(_, x)
        | ExprKind::TypeSwitchGuard(_, x) => find_in_expr(x, pos, found),
        ExprKind::Index(x, is) => {
            find_in_expr(x, pos, found);
            for i in is {
                find_in_expr(i, pos, found);
            }
        }
        ExprKind::Slice(s) => {
            find_in_expr(&s.x, pos, found);
            for i in s.index.iter().flatten() {
                find_in_expr(i, pos, found);
            }
        }
        ExprKind::Assert(a, b) | ExprKind::MapType(a, b) => {
            find_in_expr(a, pos, found);
            find_in_expr(b, pos, found);
        }
        ExprKind::Operation(_, a, b) => {
            find_in_expr(a, pos, found);
            if let Some(b) = b {
                find_in_expr(b, pos, found);
            }
        }
        ExprKind::ArrayType(n, t) => {
            if let Some(n) = n {
                find_in_expr(n, pos, found);
            }
            find_in_expr(t, pos, found);
        }
        ExprKind::StructType(_) | ExprKind::FuncType(_) | ExprKind::InterfaceType(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arena::World;
    use crate::constant::Value;
    use crate::instantiate::tests::{generic_sig, tparam};
    use crate::testutil::{named, UnsafeOnly, P};
    use crate::ty::{Interface, Term};
    use crate::universe::{ANY, FLOAT64, INT, STRING, UNTYPED_FLOAT, UNTYPED_INT, UNTYPED_STRING};
    use syntax::FileSet;

    const SRC: &str = "package p

func f[P, Q any](x P) Q
func h[T any](a, b T)
func g[S ~[]E, E any](s S)
var _ = f(1)
var _ = h(1, \"a\")
var _ = h(x, y)
var _ = g(xs)
var _ = h(1, 2.5)
var _ = k(1)
";

    /// The calls of the `var _ = call` declarations, in order.
    fn calls(f: &ast::File) -> Vec<(&Expr, &ast::CallExpr)> {
        let mut out = Vec::new();
        for d in &f.decls {
            if let ast::Decl::Gen(g) = d {
                for s in &g.specs {
                    if let Spec::Value(v) = s {
                        if let ExprKind::Call(c) = &v.values[0].kind {
                            out.push((&v.values[0], &**c));
                        }
                    }
                }
            }
        }
        out
    }

    fn op(e: &Expr, mode: Mode, typ: TypeId, val: Option<Value>) -> Operand<'_> {
        Operand {
            mode,
            expr: Some(e),
            typ,
            val,
        }
    }

    fn constant(e: &Expr, typ: TypeId) -> Operand<'_> {
        op(e, Mode::Constant, typ, Some(Value::from_i64(1)))
    }

    fn shown(c: &Checker) -> Vec<String> {
        c.errors
            .iter()
            .map(|e| e.display(c.fset).to_string())
            .collect()
    }

    fn params_of(c: &Checker, sig: TypeId) -> (Vec<TypeId>, TypeId) {
        match c.store.ty(sig) {
            Type::Signature(s) => (s.tparams.clone(), s.params),
            _ => unreachable!(),
        }
    }

    #[test]
    fn inference_and_its_messages() {
        let world = World::new();
        let fset = FileSet::new();
        let (file, errs) = syntax::parse_file(&fset, "a.go", SRC.as_bytes());
        assert!(errs.is_empty());
        let base = file.source.base;
        let at = |s: &str| Pos(base + SRC.find(s).unwrap() as u32);
        let mut c = Checker::new(&world, &fset, P, "p", [&file], &UnsafeOnly);
        let cs = calls(&file);

        // func f[P, Q any](x P) Q; f(1)
        let p = tparam(&mut c.store, "P", 0, ANY, at("P, Q"));
        let q = tparam(&mut c.store, "Q", 1, ANY, at("Q any"));
        let fsig = generic_sig(&mut c.store, vec![p, q], &[("x", p)], &[q]);
        let (tps, params) = params_of(&c, fsig);
        let (call, ce) = cs[0];
        let args = vec![constant(&ce.args[0], UNTYPED_INT)];
        assert_eq!(
            c.infer(call.pos, &tps, &[], Some(params), &args, false),
            None
        );
        // With Q given (f[int, string] style partial lists are complete).
        assert_eq!(
            c.infer(call.pos, &tps, &[INT, STRING], Some(params), &args, false),
            Some(vec![INT, STRING])
        );

        // func h[T any](a, b T)
        let t = tparam(&mut c.store, "T", 0, ANY, at("T any"));
        let hsig = generic_sig(&mut c.store, vec![t], &[("a", t), ("b", t)], &[]);
        let (tps, params) = params_of(&c, hsig);
        let (call, ce) = cs[1];
        let args = vec![
            constant(&ce.args[0], UNTYPED_INT),
            constant(&ce.args[1], UNTYPED_STRING),
        ];
        assert_eq!(
            c.infer(call.pos, &tps, &[], Some(params), &args, false),
            None
        );
        let (call, ce) = cs[2];
        let args = vec![
            op(&ce.args[0], Mode::Variable, INT, None),
            op(&ce.args[1], Mode::Variable, STRING, None),
        ];
        assert_eq!(
            c.infer(call.pos, &tps, &[], Some(params), &args, false),
            None
        );
        let (call, ce) = cs[4];
        let args = vec![
            constant(&ce.args[0], UNTYPED_INT),
            constant(&ce.args[1], UNTYPED_FLOAT),
        ];
        assert_eq!(
            c.infer(call.pos, &tps, &[], Some(params), &args, false),
            Some(vec![FLOAT64])
        );

        // func g[S ~[]E, E any](s S); g(xs) with xs of type Ints ([]int)
        let e = tparam(&mut c.store, "E", 1, ANY, at("E any"));
        let se = c.store.arena.add_type(Type::Slice(e));
        let u = c.store.arena.add_type(Type::Union(vec![Term {
            tilde: true,
            typ: se,
        }]));
        let sb = c.store.arena.add_type(Type::Interface(Interface {
            embeddeds: vec![u],
            implicit: true,
            ..Interface::default()
        }));
        let s = tparam(&mut c.store, "S", 0, sb, at("S ~"));
        let gsig = generic_sig(&mut c.store, vec![s, e], &[("s", s)], &[]);
        let (tps, params) = params_of(&c, gsig);
        let ints = c.store.arena.add_type(Type::Slice(INT));
        let my_ints = named(&mut c.store, "Ints", Some(ints), vec![]);
        let (call, ce) = cs[3];
        let args = vec![op(&ce.args[0], Mode::Variable, my_ints, None)];
        assert_eq!(
            c.infer(call.pos, &tps, &[], Some(params), &args, false),
            Some(vec![my_ints, INT])
        );

        // func k[T any, PT interface{ *T }](x T); k(1): PT = *int
        let t2 = tparam(&mut c.store, "T", 0, ANY, Pos::NONE);
        let pt_core = c.store.arena.add_type(Type::Pointer(t2));
        let pt_bound = c.store.arena.add_type(Type::Interface(Interface {
            embeddeds: vec![pt_core],
            ..Interface::default()
        }));
        let pt = tparam(&mut c.store, "PT", 1, pt_bound, Pos::NONE);
        let ksig = generic_sig(&mut c.store, vec![t2, pt], &[("x", t2)], &[]);
        let (tps, params) = params_of(&c, ksig);
        let (call, ce) = cs[5];
        let args = vec![constant(&ce.args[0], UNTYPED_INT)];
        let r = c
            .infer(call.pos, &tps, &[], Some(params), &args, false)
            .unwrap();
        assert_eq!(r[0], INT);
        assert_eq!(c.type_str(r[1]), "*int");

        assert_eq!(
            shown(&c),
            vec![
                "a.go:6:10: in call to f, cannot infer Q (declared at a.go:3:11)",
                "a.go:7:14: in call to h, mismatched types untyped int and untyped string (cannot infer T)",
                "a.go:8:14: in call to h, type string of y does not match inferred type int for T",
            ]
        );
    }

    /// `G(F[int])` with `func G[R any](func(R))` and `func F[P any, Q
    /// *P](P)`: the known argument is in the middle of the list (the
    /// callee's parameters first, then the generic argument's).
    #[test]
    fn partially_instantiated_function_argument() {
        let world = World::new();
        let fset = FileSet::new();
        let mut c = Checker::new(&world, &fset, P, "p", [], &UnsafeOnly);
        let r = tparam(&mut c.store, "R", 0, ANY, Pos::NONE);
        let fr = crate::testutil::sig(&mut c.store, &[r], &[]);
        let gsig = generic_sig(&mut c.store, vec![r], &[("", fr)], &[]);
        let p = tparam(&mut c.store, "P", 0, ANY, Pos::NONE);
        let pp = c.store.arena.add_type(Type::Pointer(p));
        let q = tparam(&mut c.store, "Q", 1, pp, Pos::NONE);
        let fsig = generic_sig(&mut c.store, vec![p, q], &[("p", p)], &[]);
        let (_, params) = params_of(&c, gsig);
        let arg = Operand {
            mode: Mode::Value,
            expr: None,
            typ: fsig,
            val: None,
        };
        let r = c
            .infer_partial(
                Pos::NONE,
                &[r, p, q],
                &[None, Some(INT)],
                Some(params),
                &[arg],
                false,
            )
            .unwrap();
        assert_eq!(r[..2], [INT, INT]);
        assert_eq!(c.type_str(r[2]), "*int");
        assert!(c.errors.is_empty());
    }
}
