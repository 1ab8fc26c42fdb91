//! Package-level and local declarations (types2's decl.go, cycles.go and
//! packageObjects): `obj_decl` type-checks one object on demand, in
//! dependency order, with cycle detection (`obj_path`, `obj_color`;
//! "invalid recursive type", "invalid cycle in declaration of x");
//! direct cycles of type names (`type A B; type B A`) are found first;
//! constants (with iota, implicit repetition, errors of inherited
//! initializers at the constant's name), variables, type declarations
//! (defined types, aliases, generic types and aliases), functions
//! (signature now, body delayed) and methods associated with their
//! receiver base types ("method T.m already declared", "field and method
//! with the same name f"). Package objects are checked as types2 does —
//! type definitions, then aliases, then the rest in source order — except
//! that method signatures come before values (types2 declares methods
//! on demand in lookups; interface satisfaction here reads them from the
//! method objects). `decl_stmt` handles declarations inside function
//! bodies (names visible after their spec; local types from their name).

use std::collections::{HashMap, HashSet};

use syntax::ast::{self, ExprKind, Symbol};
use syntax::token::{Operator, Token};

use crate::arena::{ObjId, ScopeId, Store, TypeId};
use crate::check::{Checker, Color, DeclKind, Env};
use crate::constant::Value;
use crate::errors::TypeError;
use crate::object::{ObjKind, Object};
use crate::operand::{Mode, Operand};
use crate::predicates::{is_const_type, is_type_param, underlying};
use crate::ty::{Alias, Named, Signature, Type};
use crate::universe;

impl<'a> Checker<'a, '_> {
    /// Type-checks every package-level object (types2's packageObjects):
    /// types first (so methods can be associated), then the rest, in
    /// source order; function bodies are queued with `later`.
    pub(crate) fn package_objects(&mut self) {
        for &o in &self.objects {
            let pos = self.store.obj(o).pos;
            self.info.defs.insert(pos, o);
        }
        self.direct_cycles();
        self.associate_methods();

        let objects = self.objects.clone();
        let mut aliases = Vec::new();
        let mut methods = Vec::new();
        let mut others = Vec::new();
        for obj in objects {
            match self.decls.get(&obj).map(|d| &d.kind) {
                Some(DeclKind::Type(spec)) => {
                    if spec.alias {
                        aliases.push(obj);
                    } else {
                        self.obj_decl(obj);
                    }
                }
                Some(DeclKind::Func(fd)) if fd.recv.is_some() => methods.push(obj),
                _ => others.push(obj),
            }
        }
        for obj in aliases {
            self.obj_decl(obj);
        }
        // types2 declares methods on demand (lookups, interface
        // satisfaction); here method signatures are complete before any
        // value declaration can ask whether a type implements an
        // interface. Cycles come out the same: they are reported from
        // their first object in the source.
        for obj in methods {
            self.obj_decl(obj);
        }
        for obj in others {
            self.obj_decl(obj);
        }
        // Methods whose receiver base type was not found were reported
        // when their receivers were checked.
        self.methods_by_base.clear();
    }

    /// Associates methods with their receiver base types (types2's
    /// resolveBaseTypeName): through non-generic aliases to a type
    /// declared in this package.
    fn associate_methods(&mut self) {
        let methods = std::mem::take(&mut self.methods);
        for m in &methods {
            if self.store.obj(m.obj).name.as_str() == "_" {
                continue;
            }
            let ptr = match self.decls.get(&m.obj).map(|d| &d.kind) {
                Some(DeclKind::Func(fd)) => fd.recv.as_ref().is_some_and(|r| {
                    matches!(
                        r.typ.unparen().kind,
                        ExprKind::Operation(Operator::Mul, _, None)
                    )
                }),
                _ => false,
            };
            let (ptr, base) = self.resolve_base_type_name(ptr, m.base);
            let Some(base) = base else { continue };
            if let ObjKind::Func { ptr_recv } = &mut self.store.arena.obj_mut(m.obj).kind {
                *ptr_recv = ptr;
            }
            let name = self.store.obj(base).name;
            self.methods_by_base.entry(name).or_default().push(m.obj);
        }
        self.methods = methods;
    }

    fn resolve_base_type_name(&self, mut ptr: bool, name: Symbol) -> (bool, Option<ObjId>) {
        let mut name = Some(name);
        let mut seen = HashSet::new();
        while let Some(n) = name {
            let Some(obj) = self.store.scope(self.pkg_scope).lookup(n) else {
                break;
            };
            let Some(DeclKind::Type(spec)) = self.decls.get(&obj).map(|d| &d.kind) else {
                break;
            };
            if !seen.insert(obj) {
                break;
            }
            if !spec.alias {
                return (ptr, Some(obj));
            }
            if !spec.tparams.is_empty() {
                break;
            }
            let mut typ = spec.typ.unparen();
            if let ExprKind::Operation(Operator::Mul, x, None) = &typ.kind {
                if ptr {
                    break;
                }
                ptr = true;
                typ = x.unparen();
            }
            name = typ.as_name();
        }
        (false, None)
    }

    /// Finds cycles of package-level type names whose declarations are
    /// just other type names (types2's directCycles): `type A B; type B
    /// A`. The first type name met again is made invalid.
    fn direct_cycles(&mut self) {
        let mut path_idx: HashMap<ObjId, i64> = HashMap::new();
        for obj in self.objects.clone() {
            if !matches!(
                self.decls.get(&obj).map(|d| &d.kind),
                Some(DeclKind::Type(_))
            ) {
                continue;
            }
            let mut path: Vec<ObjId> = Vec::new();
            let mut tname = obj;
            loop {
                match path_idx.get(&tname) {
                    Some(&s) if s < 0 => break,
                    Some(&s) => {
                        self.store.arena.obj_mut(tname).typ = Some(universe::INVALID);
                        let cycle = path[s as usize..].to_vec();
                        let start = self.first_in_src(&cycle);
                        self.cycle_error(&cycle, start);
                        break;
                    }
                    None => {}
                }
                path_idx.insert(tname, path.len() as i64);
                path.push(tname);
                let Some(DeclKind::Type(spec)) = self.decls.get(&tname).map(|d| &d.kind) else {
                    break;
                };
                let ExprKind::Name(rhs) = spec.typ.kind else {
                    break;
                };
                let Some(next) = self.store.scope(self.pkg_scope).lookup(rhs) else {
                    break;
                };
                if !matches!(self.store.obj(next).kind, ObjKind::TypeName) {
                    break;
                }
                tname = next;
            }
            for t in path {
                path_idx.insert(t, -1);
            }
        }
    }

    /// Type-checks the package-level object `obj` if it has not been yet
    /// (types2's objDecl), setting its type (and a constant's value).
    pub(crate) fn obj_decl(&mut self, obj: ObjId) {
        if obj.pkg != self.pkg() {
            return;
        }
        if let Some(Color::Grey(_)) = self.obj_color.get(&obj) {
            // A cycle: valid ones (through type definitions, or only
            // values, reported by the initialization order) go on.
            let valid = self.valid_cycle(obj);
            let o = self.store.arena.obj_mut(obj);
            let invalid = match o.kind {
                ObjKind::Const(_) | ObjKind::Var { .. } => !valid || o.typ.is_none(),
                ObjKind::TypeName => !valid,
                _ => false,
            };
            if invalid {
                o.typ = Some(universe::INVALID);
            }
            return;
        }
        if self.store.obj(obj).typ.is_some() || self.obj_color.get(&obj) == Some(&Color::Black) {
            return;
        }
        let Some(d) = self.decls.get(&obj) else {
            return;
        };
        let (file, file_scope) = (d.file, d.file_scope);
        // Copied out: checking the declaration mutates the checker.
        let decl = d.kind.clone();

        self.obj_color
            .insert(obj, Color::Grey(self.obj_path.len() as u32));
        self.obj_path.push(obj);
        let saved = std::mem::replace(
            &mut self.env,
            Env {
                file,
                scope: file_scope,
                decl: None,
                iota: None,
                sig: None,
                in_tparam_list: false,
                has_label: false,
                has_call_or_recv: false,
            },
        );
        self.nested(|c| c.decl_dispatch(obj, decl));
        self.env = saved;
        self.obj_path.pop();
        self.obj_color.insert(obj, Color::Black);
    }

    fn decl_dispatch(&mut self, obj: ObjId, decl: DeclKind<'a>) {
        match decl {
            DeclKind::Const {
                typ,
                init,
                iota,
                inherited,
            } => {
                self.env.decl = Some(obj);
                self.const_decl(obj, typ, init, inherited, iota);
            }
            DeclKind::Var { typ, init, lhs } => {
                self.env.decl = Some(obj);
                self.var_decl(obj, lhs.as_deref(), typ, init);
            }
            DeclKind::Type(spec) => {
                self.type_decl(obj, spec);
                self.collect_methods(obj);
            }
            DeclKind::Func(fd) => self.func_decl(obj, fd),
        }
    }

    /// Whether the cycle through `obj` (grey) is allowed; reports it if
    /// not (types2's validCycle).
    fn valid_cycle(&mut self, obj: ObjId) -> bool {
        let Some(&Color::Grey(start)) = self.obj_color.get(&obj) else {
            return true;
        };
        let cycle: Vec<ObjId> = self.obj_path[start as usize..].to_vec();
        let mut nval = 0;
        let mut ndef = 0;
        for &o in &cycle {
            match self.store.obj(o).kind {
                ObjKind::Const(_) | ObjKind::Var { .. } => nval += 1,
                ObjKind::TypeName => {
                    let t = self.store.obj(o).typ;
                    if self.env.in_tparam_list && t.is_some_and(|t| self.is_generic(t)) {
                        // Cycles through type parameter lists are fine.
                        return true;
                    }
                    if !self.is_alias_name(o) {
                        ndef += 1;
                    }
                }
                _ => {}
            }
        }
        if nval == cycle.len() {
            // Reported by the initialization order.
            return true;
        }
        if nval == 0 && ndef > 0 {
            return true;
        }
        let start = self.first_in_src(&cycle);
        self.cycle_error(&cycle, start);
        false
    }

    fn is_alias_name(&self, o: ObjId) -> bool {
        if let Some(DeclKind::Type(spec)) = self.decls.get(&o).map(|d| &d.kind) {
            return spec.alias;
        }
        matches!(
            self.store.obj(o).typ.map(|t| self.store.ty(t)),
            Some(Type::Alias(_))
        )
    }

    /// The index of the object declared first in the source.
    pub(crate) fn first_in_src(&self, cycle: &[ObjId]) -> usize {
        let mut first = 0;
        for (i, &o) in cycle.iter().enumerate() {
            if self.store.obj(o).pos < self.store.obj(cycle[first]).pos {
                first = i;
            }
        }
        first
    }

    /// The name of an object in a cycle message (qualified when it is
    /// from another package).
    fn cycle_name(&self, o: ObjId) -> String {
        let obj = self.store.obj(o);
        match obj.pkg {
            Some(p) if p != self.pkg() => {
                format!("{}.{}", self.store.package(p).0, obj.name)
            }
            _ => obj.name.to_string(),
        }
    }

    /// Reports a declaration cycle starting at `cycle[start]` (types2's
    /// cycleError).
    pub(crate) fn cycle_error(&mut self, cycle: &[ObjId], start: usize) {
        let names: Vec<String> = cycle.iter().map(|&o| self.cycle_name(o)).collect();
        self.cycle_error_named(cycle, &names, start);
    }

    /// `cycle_error` with the names to print (instances print with their
    /// type arguments).
    pub(crate) fn cycle_error_named(&mut self, cycle: &[ObjId], names: &[String], start: usize) {
        if cycle.is_empty() {
            return;
        }
        let obj = cycle[start];
        let is_type = matches!(self.store.obj(obj).kind, ObjKind::TypeName);
        if is_type {
            // A broken alias becomes invalid (no follow-on errors).
            if let Some(t) = self.store.obj(obj).typ {
                if t.pkg == self.pkg() {
                    if let Type::Alias(a) = self.store.arena.ty_mut(t) {
                        a.actual = Some(universe::INVALID);
                    }
                }
            }
        }
        let pos = self.store.obj(obj).pos;
        if cycle.len() == 1 {
            let msg = if is_type {
                format!("invalid recursive type: {} refers to itself", names[start])
            } else {
                format!(
                    "invalid cycle in declaration: {} refers to itself",
                    names[start]
                )
            };
            self.errorf(pos, msg);
            return;
        }
        let msg = if is_type {
            format!("invalid recursive type {}", names[start])
        } else {
            format!("invalid cycle in declaration of {}", names[start])
        };
        let mut e = TypeError::new(pos, msg);
        let n = cycle.len();
        for i in 0..n {
            let a = (start + i) % n;
            let b = (start + i + 1) % n;
            e = e.with(
                self.store.obj(cycle[a]).pos,
                format!("{} refers to {}", names[a], names[b]),
            );
        }
        self.error(e);
    }

    // ---- constants ----

    fn const_decl(
        &mut self,
        obj: ObjId,
        typ: Option<&'a ast::Expr>,
        init: Option<&'a ast::Expr>,
        inherited: bool,
        iota: u32,
    ) {
        let saved_iota = self.env.iota.replace(Value::from_i64(iota as i64));
        self.store.arena.obj_mut(obj).kind = ObjKind::Const(Value::unknown());
        if let Some(te) = typ {
            let t = self.typ(te);
            if !is_const_type(&self.store, t) {
                if underlying(&self.store, t) != universe::INVALID {
                    let msg = format!("invalid constant type {}", self.type_str(t));
                    self.errorf(te.start_pos(), msg);
                }
                self.store.arena.obj_mut(obj).typ = Some(universe::INVALID);
                self.env.iota = saved_iota;
                return;
            }
            self.store.arena.obj_mut(obj).typ = Some(t);
        }
        // Errors in an inherited initializer are reported at the
        // constant's name.
        let first_err = self.errors.len();
        let x = match init {
            Some(e) => self.expr(None, e),
            None => Operand::invalid(None),
        };
        self.init_const(obj, x);
        if inherited {
            let pos = self.store.obj(obj).pos;
            for e in &mut self.errors[first_err..] {
                e.pos = pos;
            }
        }
        self.env.iota = saved_iota;
    }

    /// Gives constant `lhs` the value of `x` (types2's initConst).
    fn init_const(&mut self, lhs: ObjId, mut x: Operand<'a>) {
        let lt = self.store.obj(lhs).typ;
        if !x.is_valid() || x.typ == universe::INVALID || lt == Some(universe::INVALID) {
            if lt.is_none() {
                self.store.arena.obj_mut(lhs).typ = Some(universe::INVALID);
            }
            return;
        }
        if x.mode != Mode::Constant {
            let msg = format!("{} is not constant", self.op_str(&x));
            let at = x.expr.map_or(self.store.obj(lhs).pos, |e| e.start_pos());
            self.errorf(at, msg);
            if lt.is_none() {
                self.store.arena.obj_mut(lhs).typ = Some(universe::INVALID);
            }
            return;
        }
        let t = match lt {
            Some(t) => t,
            None => {
                self.store.arena.obj_mut(lhs).typ = Some(x.typ);
                x.typ
            }
        };
        self.assignment(&mut x, Some(t), "constant declaration");
        if !x.is_valid() {
            return;
        }
        if let Some(v) = x.val {
            self.store.arena.obj_mut(lhs).kind = ObjKind::Const(v);
        }
    }

    // ---- variables ----

    /// The type of a variable declaration's type expression, evaluated
    /// once when several variables share it.
    fn decl_var_type(&mut self, e: &'a ast::Expr) -> TypeId {
        let k = self.key(e);
        if let Some(tv) = self.info.types.get(&k) {
            if tv.mode == Mode::TypeExpr {
                return tv.typ;
            }
        }
        self.var_type(e)
    }

    fn var_decl(
        &mut self,
        obj: ObjId,
        lhs: Option<&[ObjId]>,
        typ: Option<&'a ast::Expr>,
        init: Option<&'a ast::Expr>,
    ) {
        if let Some(te) = typ {
            let t = self.decl_var_type(te);
            self.store.arena.obj_mut(obj).typ = Some(t);
        }
        let Some(init) = init else {
            if typ.is_none() {
                // Reported as a missing init expression.
                self.store.arena.obj_mut(obj).typ = Some(universe::INVALID);
            }
            return;
        };
        match lhs {
            Some(list) if list.len() > 1 => {
                if typ.is_some() {
                    let t = self.store.obj(obj).typ;
                    for &l in list {
                        self.store.arena.obj_mut(l).typ = t;
                    }
                }
                self.init_vars(list, std::slice::from_ref(init), None);
            }
            _ => {
                let name = self.store.obj(obj).name;
                let target = self
                    .store
                    .obj(obj)
                    .typ
                    .and_then(|t| self.new_target(t, name.as_str()));
                let mut x = self.expr(target, init);
                self.init_var(obj, &mut x, "variable declaration");
            }
        }
    }

    // ---- types ----

    fn type_decl(&mut self, obj: ObjId, spec: &'a ast::TypeSpec) {
        self.later(move |c| {
            if let Some(t) = c.store.obj(obj).typ {
                if matches!(c.store.ty(t), Type::Named(_)) {
                    c.valid_type(t);
                }
            }
        });
        let tparam_pos = spec
            .tparams
            .first()
            .map(|f| f.names.first().map_or(f.pos, |n| n.pos));
        if spec.alias {
            let mut version_err = false;
            if let Some(p) = tparam_pos {
                if !self.allow_version(23) {
                    self.errorf(p, "generic type alias requires go1.23 or later");
                    version_err = true;
                }
            }
            if !version_err && !self.allow_version(9) {
                self.errorf(spec.pos, "type alias requires go1.9 or later");
            }
            let alias = self.store.arena.add_type(Type::Alias(Alias {
                obj,
                actual: None,
                tparams: Vec::new(),
                origin: None,
                targs: Vec::new(),
            }));
            self.store.arena.obj_mut(obj).typ = Some(alias);
            let scoped = !spec.tparams.is_empty();
            if scoped {
                self.open_scope(spec.pos, spec.typ.end_pos(), "type parameters");
                self.collect_type_params(&spec.tparams, Some(alias));
            }
            let mut rhs = self.defined_type(&spec.typ, None);
            let tparams = match self.store.ty(alias) {
                Type::Alias(a) => a.tparams.clone(),
                _ => Vec::new(),
            };
            if is_type_param(&self.store, rhs) && tparams.contains(&rhs) {
                self.errorf(
                    spec.typ.start_pos(),
                    "cannot use type parameter declared in alias declaration as RHS",
                );
                rhs = universe::INVALID;
            }
            if let Type::Alias(a) = self.store.arena.ty_mut(alias) {
                // A cycle error may have set it already.
                if a.actual.is_none() {
                    a.actual = Some(if rhs == alias { universe::INVALID } else { rhs });
                }
            }
            if scoped {
                self.close_scope();
            }
            return;
        }

        if let Some(p) = tparam_pos {
            if !self.allow_version(18) {
                self.errorf(p, "type parameter requires go1.18 or later");
            }
        }
        let named = self.store.arena.add_type(Type::Named(Named {
            obj,
            underlying: None,
            methods: Vec::new(),
            tparams: Vec::new(),
            origin: None,
            targs: Vec::new(),
        }));
        self.store.arena.obj_mut(obj).typ = Some(named);
        let scoped = !spec.tparams.is_empty();
        if scoped {
            self.open_scope(spec.pos, spec.typ.end_pos(), "type parameters");
            self.collect_type_params(&spec.tparams, Some(named));
        }
        let mut rhs = self.defined_type(&spec.typ, Some(named));
        if is_type_param(&self.store, rhs) {
            self.errorf(
                spec.typ.start_pos(),
                "cannot use a type parameter as RHS in type declaration",
            );
            rhs = universe::INVALID;
        }
        if let Type::Named(n) = self.store.arena.ty_mut(named) {
            n.underlying = Some(rhs);
        }
        if scoped {
            self.close_scope();
        }
    }

    /// Adds the methods declared with receiver base type `obj` to its
    /// named type (types2's collectMethods).
    fn collect_methods(&mut self, obj: ObjId) {
        let name = self.store.obj(obj).name;
        let Some(methods) = self.methods_by_base.remove(&name) else {
            return;
        };
        let base = self
            .store
            .obj(obj)
            .typ
            .filter(|&t| t.pkg == self.pkg() && matches!(self.store.ty(t), Type::Named(_)));
        let mut mset: HashMap<Symbol, ObjId> = HashMap::new();
        if let Some(b) = base {
            self.later(move |c| c.check_field_uniqueness(b));
            if let Type::Named(n) = self.store.ty(b) {
                for &m in &n.methods {
                    mset.insert(self.store.obj(m).name, m);
                }
            }
        }
        for m in methods {
            let mname = self.store.obj(m).name;
            if let Some(&alt) = mset.get(&mname) {
                let alt_pos = self.store.obj(alt).pos;
                let msg = match self.fset.position(alt_pos) {
                    Some(p) if alt_pos.is_known() => {
                        format!("method {name}.{mname} already declared at {p}")
                    }
                    _ => format!("method {name}.{mname} already declared"),
                };
                let pos = self.store.obj(m).pos;
                self.errorf(pos, msg);
                continue;
            }
            mset.insert(mname, m);
            if let Some(b) = base {
                if let Type::Named(n) = self.store.arena.ty_mut(b) {
                    n.methods.push(m);
                }
            }
        }
    }

    /// A struct's field names and its methods' names must differ.
    fn check_field_uniqueness(&mut self, base: TypeId) {
        let u = underlying(&self.store, base);
        let Type::Struct(st) = self.store.ty(u) else {
            return;
        };
        let fields = st.fields.clone();
        let Type::Named(n) = self.store.ty(base) else {
            return;
        };
        let methods: HashMap<Symbol, ObjId> = n
            .methods
            .iter()
            .map(|&m| (self.store.obj(m).name, m))
            .collect();
        for f in fields {
            let fo = self.store.obj(f);
            if fo.name.as_str() == "_" {
                continue;
            }
            if let Some(&m) = methods.get(&fo.name) {
                let (fname, fpos) = (fo.name, fo.pos);
                let mpos = self.store.obj(m).pos;
                self.error(
                    TypeError::new(mpos, format!("field and method with the same name {fname}"))
                        .with(fpos, format!("other declaration of {fname}")),
                );
            }
        }
    }

    // ---- functions ----

    fn func_decl(&mut self, obj: ObjId, fd: &'a ast::FuncDecl) {
        // An empty signature guards against cycles.
        let empty = self.store.arena.add_type(Type::Tuple(Vec::new()));
        let guard = self.store.arena.add_type(Type::Signature(Signature {
            recv: None,
            tparams: Vec::new(),
            recv_tparams: Vec::new(),
            params: empty,
            results: empty,
            variadic: false,
        }));
        self.store.arena.obj_mut(obj).typ = Some(guard);
        let (sig, scope) = self.func_type_into(Some(guard), fd.recv.as_ref(), &fd.tparams, &fd.typ);
        {
            let s = self.store.arena.scope_mut(scope);
            s.start = fd.pos;
            if let Some(b) = &fd.body {
                s.end = b.rbrace.offset_by(1);
            }
        }
        if let Some(tp) = fd.tparams.first() {
            let n = fd.name.value.as_str();
            let special = fd.recv.is_none()
                && (n == "init" || (n == "main" && self.store.arena.name.as_ref() == "main"));
            let at = tp.names.first().map_or(tp.pos, |n| n.pos);
            if fd.recv.is_some() {
                if !self.allow_version(27) {
                    self.errorf(at, "generic method requires go1.27 or later");
                }
            } else if !special && !self.allow_version(18) {
                // init and main report their type parameters themselves.
                self.errorf(at, "type parameter requires go1.18 or later");
            }
        }
        if !fd.tparams.is_empty() && fd.body.is_none() {
            self.soft_errorf(fd.pos, "generic function is missing function body");
        }
        if let Some(body) = &fd.body {
            let name = fd.name.value;
            self.later(move |c| c.func_body(Some(obj), name.as_str(), sig, scope, body, None));
        }
    }

    // ---- declarations in function bodies ----

    /// A declaration statement inside a function body.
    pub(crate) fn decl_stmt(&mut self, g: &'a ast::GenDecl) {
        match g.tok {
            Token::Const => self.local_consts(g),
            Token::Var => {
                for spec in &g.specs {
                    if let ast::Spec::Value(s) = spec {
                        self.local_vars(s);
                    }
                }
            }
            Token::Type => {
                for spec in &g.specs {
                    if let ast::Spec::Type(s) = spec {
                        self.local_type(s);
                    }
                }
            }
            _ => {}
        }
    }

    fn new_local(&mut self, name: ast::Name, kind: ObjKind) -> ObjId {
        self.store.arena.add_object(Object::new(
            name.value,
            name.pos,
            Some(self.pkg()),
            None,
            kind,
        ))
    }

    fn declare_local(&mut self, name: ast::Name, obj: ObjId) {
        let scope: ScopeId = self.env.scope;
        self.declare(scope, name, obj);
        self.record_def(&name, obj);
    }

    fn local_consts(&mut self, g: &'a ast::GenDecl) {
        let mut last: Option<&'a ast::ValueSpec> = None;
        for spec in &g.specs {
            let ast::Spec::Value(s) = spec else { continue };
            let top = self.later.len();
            let inherited = s.typ.is_none() && s.values.is_empty() && last.is_some();
            if !inherited {
                last = Some(s);
            }
            let source = last.unwrap_or(s);
            let values: &'a [ast::Expr] = &source.values;
            let mut lhs = Vec::with_capacity(s.names.len());
            for (i, name) in s.names.iter().enumerate() {
                let obj = self.new_local(*name, ObjKind::Const(Value::unknown()));
                lhs.push(obj);
                self.const_decl(obj, source.typ.as_ref(), values.get(i), inherited, s.iota);
            }
            self.arity(s.pos, &s.names, values, true, inherited);
            self.process_delayed(top);
            for (name, &obj) in s.names.iter().zip(&lhs) {
                self.declare_local(*name, obj);
            }
        }
    }

    fn local_vars(&mut self, s: &'a ast::ValueSpec) {
        let top = self.later.len();
        let var = || ObjKind::Var {
            embedded: false,
            is_field: false,
            is_param: false,
            used: false,
        };
        let lhs0: Vec<ObjId> = s.names.iter().map(|n| self.new_local(*n, var())).collect();
        let values = &s.values;
        for (i, &obj) in lhs0.iter().enumerate() {
            let (lhs, init) = if values.len() == s.names.len() {
                (None, values.get(i))
            } else if values.len() == 1 {
                (Some(lhs0.as_slice()), values.first())
            } else {
                (None, values.get(i))
            };
            self.var_decl(obj, lhs, s.typ.as_ref(), init);
            if values.len() == 1 {
                break;
            }
        }
        // Variables a failed multi-value initialization left untyped.
        for &o in &lhs0 {
            if self.store.obj(o).typ.is_none() {
                self.store.arena.obj_mut(o).typ = Some(universe::INVALID);
            }
        }
        if s.typ.is_none() || !values.is_empty() {
            self.arity(s.pos, &s.names, values, false, false);
        }
        self.process_delayed(top);
        for (name, &obj) in s.names.iter().zip(&lhs0) {
            self.declare_local(*name, obj);
        }
    }

    fn local_type(&mut self, s: &'a ast::TypeSpec) {
        let obj = self.new_local(s.name, ObjKind::TypeName);
        // The scope of a local type starts at its name.
        self.declare_local(s.name, obj);
        self.obj_color
            .insert(obj, Color::Grey(self.obj_path.len() as u32));
        self.obj_path.push(obj);
        self.type_decl(obj, s);
        self.obj_path.pop();
        self.obj_color.remove(&obj);
    }
}

#[cfg(test)]
mod tests {
    use crate::testutil::check_source;

    #[test]
    fn direct_and_indirect_type_cycles() {
        let src = "package p

type A B
type B A

type C = *C

type U struct{ v V }
type V struct{ u U }

type L struct{ next *L }
type I interface{ I }
type J interface{ m() J }
type X = Y
type Y = *X
";
        assert_eq!(
            check_source(src),
            vec![
                "a.go:3:6: invalid recursive type A\n\ta.go:3:6: A refers to B\n\ta.go:4:6: B refers to A",
                "a.go:6:6: invalid recursive type: C refers to itself",
                "a.go:8:6: invalid recursive type U\n\ta.go:8:6: U refers to V\n\ta.go:9:6: V refers to U",
                "a.go:12:6: invalid recursive type: I refers to itself",
                "a.go:14:6: invalid recursive type X\n\ta.go:14:6: X refers to Y\n\ta.go:15:6: Y refers to X",
            ]
        );
    }

    #[test]
    fn cycles_through_arrays_and_local_types() {
        let src = "package p

type S struct{ a [2]S }

func f() {
	type M M
	type N []N
	var _ N
}
";
        assert_eq!(
            check_source(src),
            vec![
                "a.go:3:6: invalid recursive type: S refers to itself",
                "a.go:6:7: invalid recursive type: M refers to itself",
            ]
        );
    }

    #[test]
    fn methods_and_receivers() {
        let src = "package p

func (int) m() {}
type S struct{}
func (*S) n() {}
func (S) n() {}
type P *int
func (P) m() {}
type I interface{}
func (I) m() {}
type F struct{ f int }
func (F) f() {}
type E = error
func (E) m() {}
";
        assert_eq!(
            check_source(src),
            vec![
                "a.go:3:7: cannot define new methods on non-local type int",
                "a.go:6:10: method S.n already declared at a.go:5:11",
                "a.go:8:7: invalid receiver type P (pointer or interface type)",
                "a.go:10:7: invalid receiver type I (pointer or interface type)",
                "a.go:12:10: field and method with the same name f\n\ta.go:11:16: other declaration of f",
                "a.go:14:7: cannot define new methods on non-local type E",
            ]
        );
    }

    #[test]
    fn arity_of_constant_and_variable_specs() {
        let src = "package p

const (
	a = iota
	b
	c, d
	e, f = 1
)
const g, h = 1
const i = 1, 2
var j, k, l = 1, 2
";
        assert_eq!(
            check_source(src),
            vec![
                "a.go:6:5: missing init expr for d",
                "a.go:7:5: missing init expr for f",
                "a.go:9:10: missing init expr for h",
                "a.go:10:14: extra init expr 2",
                "a.go:11:11: missing init expr for l",
            ]
        );
    }

    #[test]
    fn constant_declarations() {
        let src = "package p

const z int = \"s\"
const y = q()
const w [2]int = 0
const v int = 1.5
const (
	u int8 = iota * 100
	t
	r
)
var _ = iota

func q() int
";
        assert_eq!(
            check_source(src),
            vec![
                "a.go:3:15: cannot use \"s\" (untyped string constant) as int value in constant declaration",
                "a.go:4:11: q() (value of type int) is not constant",
                "a.go:5:9: invalid constant type [2]int",
                "a.go:6:15: cannot use 1.5 (untyped float constant) as int value in constant declaration (truncated)",
                "a.go:10:2: cannot use iota * 100 (untyped int constant 200) as int8 value in constant declaration (overflows)",
                "a.go:12:9: cannot use iota outside constant declaration",
            ]
        );
    }

    #[test]
    fn local_declarations() {
        let src = "package p

func _() {
	const (
		a = iota
		b
		c, d
		e, f = 1
	)
	const g, h = 1
	const i = 1, 2
	type L L
	type M []M
	var _ M
	type N struct{ n [2]N }
	var x int
	var _ x
	type A = A
	type B = *B
	var _ iota
	type X[P any] = P
	const z int = \"s\"
	var y, y2 int
	_, _ = y, y2
}
";
        assert_eq!(
            check_source(src),
            vec![
                "a.go:7:6: missing init expr for d",
                "a.go:8:6: missing init expr for f",
                "a.go:10:11: missing init expr for h",
                "a.go:11:15: extra init expr 2",
                "a.go:12:7: invalid recursive type: L refers to itself",
                "a.go:15:7: invalid recursive type: N refers to itself",
                "a.go:17:8: x (local variable) is not a type",
                "a.go:18:7: invalid recursive type: A refers to itself",
                "a.go:19:7: invalid recursive type: B refers to itself",
                "a.go:20:8: iota (constant) is not a type",
                "a.go:21:18: cannot use type parameter declared in alias declaration as RHS",
                "a.go:22:16: cannot use \"s\" (untyped string constant) as int value in constant declaration",
            ]
        );
    }

    #[test]
    fn cycles_through_values() {
        let src = "package p

import \"unsafe\"

type T [unsafe.Sizeof(x)]int
var x T
";
        assert_eq!(
            check_source(src),
            vec!["a.go:5:6: invalid recursive type T\n\ta.go:5:6: T refers to x\n\ta.go:6:5: x refers to T"]
        );
    }

    #[test]
    fn language_versions() {
        let src = "package p

type T[P any] struct{}
func f[P comparable]() {}
type C interface {
	int
	~int | string
}
type I interface{ m() }
type J interface{ m() }
type K interface{ I; J }
type A = int
type S struct{}
func (S) m[P any]() {}
";
        // gc -lang=go1.8 (gc adds "(-lang was set to go1.8; check go.mod)").
        assert_eq!(
            crate::testutil::check_source_lang(src, 8),
            vec![
                "a.go:3:8: type parameter requires go1.18 or later",
                "a.go:3:10: predeclared any requires go1.18 or later",
                "a.go:4:8: type parameter requires go1.18 or later",
                "a.go:4:10: predeclared comparable requires go1.18 or later",
                "a.go:6:2: embedding non-interface type int requires go1.18 or later",
                "a.go:7:2: embedding interface element ~int | string requires go1.18 or later",
                "a.go:11:22: duplicate method m\n\ta.go:11:19: other declaration of method m",
                "a.go:12:6: type alias requires go1.9 or later",
                "a.go:14:12: generic method requires go1.27 or later",
                "a.go:14:14: predeclared any requires go1.18 or later",
            ]
        );
        assert_eq!(
            crate::testutil::check_source_lang(src, 26),
            vec!["a.go:14:12: generic method requires go1.27 or later"]
        );
    }

    #[test]
    fn cycles_through_constraints_aliases_and_embeddings() {
        let src = "package p

type T[P T[P]] interface{}
type U[P interface{ U[P] }] interface{}
type X interface{ Y }
type Y interface{ X }
type Z = interface{ Z }
type A[P any] = A[P]
type B[P any] = *B[P]
type D interface{ ~D }
type E interface{ E | int }
type H struct{ H }
type I struct{ *I }
type K[P any] struct{ f *K[K[P]] }
func (T[P]) m() {}
func (A[P]) m() {}
func (Z) m() {}
const c = len([c]int{})
var v [len(v)]int
";
        assert_eq!(
            check_source(src),
            vec![
                "a.go:5:6: invalid recursive type X\n\ta.go:5:6: X refers to Y\n\ta.go:6:6: Y refers to X",
                "a.go:7:6: invalid recursive type: Z refers to itself",
                "a.go:8:6: invalid recursive type: A refers to itself",
                "a.go:9:6: invalid recursive type: B refers to itself",
                "a.go:10:6: invalid recursive type: D refers to itself",
                "a.go:11:6: invalid recursive type: E refers to itself",
                "a.go:12:6: invalid recursive type: H refers to itself",
                "a.go:15:7: invalid receiver type T[P] (pointer or interface type)",
                "a.go:18:7: initialization cycle: c refers to itself",
                "a.go:19:5: initialization cycle: v refers to itself",
            ]
        );
    }

    #[test]
    fn wide_and_deep_struct_nesting_is_checked_in_linear_time() {
        // Each type holds three of the next: a walk without memory visits
        // 3^30 paths (gc's own check takes minutes on this).
        let mut src = String::from("package p\n\n");
        for i in 0..30 {
            src.push_str(&format!("type T{i} struct{{ a, b, c T{} }}\n", i + 1));
        }
        src.push_str("type T30 struct{ x *T0 }\n");
        assert_eq!(check_source(&src), Vec::<String>::new());
        // The same with a cycle back to T0 through a value field.
        let src = src.replace("x *T0", "x T0");
        let errs = check_source(&src);
        assert_eq!(errs.len(), 1);
        assert!(
            errs[0].starts_with("a.go:3:6: invalid recursive type T0\n\ta.go:3:6: T0 refers to T1")
        );
    }
}
