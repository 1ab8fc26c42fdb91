//! Type expressions and identifiers (types2's typexpr.go, signature.go,
//! struct.go, interface.go, union.go): resolving a name to its object
//! (`ident`, which records uses and marks variables and imports used),
//! turning type expressions into types (`typ`, `defined_type` for the
//! right-hand side of a type declaration, `var_type` which rejects
//! constraint interfaces), signatures with their parameter scopes and
//! receivers (generic receivers declare the base type's type
//! parameters), type parameter lists and their constraints, structs with
//! embedded fields and tags, interfaces with methods and embedded
//! elements (duplicate methods, version rules), unions (`~T`, overlapping
//! terms, the 100-term limit), array lengths, map keys, and instantiation
//! of generic types written `T[A, B]`.
//!
//! A named type's `underlying` holds the right-hand side of its
//! declaration as written (possibly another named type: types2's
//! fromRHS); `predicates::underlying` follows the chain. Constraints that
//! are not interfaces are stored wrapped in implicit interfaces.

use std::collections::HashMap;

use syntax::ast::{self, Expr, ExprKind, Symbol};
use syntax::print::expr_string;
use syntax::token::{LitKind, Operator};
use syntax::Pos;

use crate::arena::{ObjId, ScopeId, Store, TypeId};
use crate::check::Checker;
use crate::constant::{Kind, Value};
use crate::errors::TypeError;
use crate::object::{ObjKind, Object};
use crate::operand::{Mode, Operand};
use crate::predicates::{identical, is_integer, is_type_param, is_untyped, unalias, underlying};
use crate::ty::{BasicKind, ChanDir, Interface, Signature, Struct, Term, Type, TypeParam};
use crate::typeset::type_set;
use crate::universe;

/// Maximum number of terms in a union (types2's implementation limit).
const MAX_TERM_COUNT: usize = 100;

impl<'a> Checker<'a, '_> {
    /// The operand a name expression denotes (types2's ident). `def` is
    /// the named type being declared (for cycle detection), `want_type`
    /// says a type is expected (for the message on failure).
    pub(crate) fn ident(
        &mut self,
        e: &'a Expr,
        name: Symbol,
        def: Option<TypeId>,
        want_type: bool,
    ) -> Operand<'a> {
        let _ = def;
        let mut x = Operand::invalid(Some(e));
        let Some((scope, obj)) = self.lookup(name) else {
            if name.as_str() == "_" {
                self.errorf(e.pos, "cannot use _ as value or type");
            } else {
                self.errorf(e.pos, format!("undefined: {name}"));
            }
            return x;
        };
        let (is_universe_any_or_comparable, obj_pkg) = {
            let o = self.store.obj(obj);
            (
                o.pkg.is_none()
                    && (o.typ == Some(universe::ANY) || o.typ == Some(universe::COMPARABLE)),
                o.pkg,
            )
        };
        if is_universe_any_or_comparable && !self.allow_version(18) {
            self.errorf(
                e.pos,
                format!("predeclared {name} requires go1.18 or later"),
            );
            return x;
        }
        self.record_use(e, obj);

        let got_type = matches!(self.store.obj(obj).kind, ObjKind::TypeName);
        if !got_type && want_type {
            let kind = self.object_kind(obj);
            self.errorf(e.pos, format!("{name} ({kind}) is not a type"));
            if obj_pkg == Some(self.pkg()) {
                self.mark_var_used(obj);
            }
            return x;
        }

        let mut typ = self.store.obj(obj).typ;
        if typ.is_none() || (got_type && want_type && obj_pkg == Some(self.pkg())) {
            self.obj_decl(obj);
            typ = self.store.obj(obj).typ;
        }
        let typ = typ.unwrap_or(universe::INVALID);

        // A dot-imported object: its package is used.
        if obj_pkg.is_some() && obj_pkg != Some(self.pkg()) && self.file_scopes.contains(&scope) {
            self.mark_dot_import_used(scope, obj_pkg);
        }

        match self.store.obj(obj).kind.clone() {
            ObjKind::PkgName { .. } => {
                self.errorf(e.pos, format!("use of package {name} not in selector"));
                return x;
            }
            ObjKind::Const(val) => {
                self.add_dep(obj);
                if typ == universe::INVALID {
                    return x;
                }
                if obj_pkg.is_none() && name.as_str() == "iota" {
                    match &self.env.iota {
                        Some(v) => x.val = Some(v.clone()),
                        None => {
                            self.errorf(e.pos, "cannot use iota outside constant declaration");
                            return x;
                        }
                    }
                } else {
                    x.val = Some(val);
                }
                x.mode = Mode::Constant;
            }
            ObjKind::TypeName => x.mode = Mode::TypeExpr,
            ObjKind::Var { .. } => {
                if obj_pkg == Some(self.pkg()) {
                    self.mark_var_used(obj);
                }
                self.add_dep(obj);
                if typ == universe::INVALID {
                    return x;
                }
                x.mode = Mode::Variable;
            }
            ObjKind::Func { .. } => {
                self.add_dep(obj);
                x.mode = Mode::Value;
            }
            ObjKind::Builtin(b) => x.mode = Mode::Builtin(b),
            ObjKind::Nil => x.mode = Mode::NilValue,
            ObjKind::Label { .. } => return x,
        }
        x.typ = typ;
        x
    }

    fn mark_var_used(&mut self, obj: ObjId) {
        if obj.pkg != self.pkg() {
            return;
        }
        if let ObjKind::Var { used, .. } = &mut self.store.arena.obj_mut(obj).kind {
            *used = true;
        }
    }

    /// Marks the dot-import of `pkg` into file scope `scope` used.
    fn mark_dot_import_used(&mut self, scope: ScopeId, pkg: Option<crate::arena::PkgIdx>) {
        let hits: Vec<ObjId> = self
            .dot_imports
            .iter()
            .filter(|(fs, p, _)| {
                *fs == scope
                    && matches!(self.store.obj(*p).kind,
                        ObjKind::PkgName { imported, .. } if imported == pkg)
            })
            .map(|&(_, p, _)| p)
            .collect();
        for p in hits {
            if let ObjKind::PkgName { used, .. } = &mut self.store.arena.obj_mut(p).kind {
                *used = true;
            }
        }
    }

    /// How types2 names an object's kind in "x (kind) is not a type".
    fn object_kind(&self, obj: ObjId) -> &'static str {
        let o = self.store.obj(obj);
        match &o.kind {
            ObjKind::PkgName { .. } => "package name",
            ObjKind::Const(_) => "constant",
            ObjKind::TypeName => match o.typ.map(|t| self.store.ty(t)) {
                Some(Type::Alias(_)) => "type alias",
                Some(Type::TypeParam(_)) => "type parameter",
                _ => "defined type",
            },
            ObjKind::Var {
                is_field, is_param, ..
            } => {
                if *is_field {
                    "struct field"
                } else if *is_param {
                    "parameter"
                } else if o.parent == Some(self.pkg_scope) {
                    "package-level variable"
                } else {
                    "local variable"
                }
            }
            ObjKind::Func { .. } => match o.typ.map(|t| self.store.ty(t)) {
                Some(Type::Signature(s)) if s.recv.is_some() => "method",
                _ => "function",
            },
            ObjKind::Label { .. } => "label",
            ObjKind::Builtin(_) => "built-in function",
            ObjKind::Nil => "untyped nil",
        }
    }

    /// The type `e` denotes; reports an error and returns
    /// `universe::INVALID` if it is not a type (types2's typ).
    pub(crate) fn typ(&mut self, e: &'a Expr) -> TypeId {
        self.defined_type(e, None)
    }

    /// Like `typ`, but constraint interfaces are not allowed (types2's
    /// varType): the type of a variable, field or parameter.
    pub(crate) fn var_type(&mut self, e: &'a Expr) -> TypeId {
        let t = self.defined_type(e, None);
        self.valid_var_type(e, t);
        t
    }

    /// Reports (later, when types are complete) a constraint interface
    /// used as the type of a value.
    fn valid_var_type(&mut self, e: &'a Expr, t: TypeId) {
        if is_type_param(&self.store, t) {
            return;
        }
        self.later(move |c| {
            if !matches!(c.store.ty(underlying(&c.store, t)), Type::Interface(_)) {
                return;
            }
            let ts = type_set(&c.store, t);
            if ts.is_method_set() {
                return;
            }
            // types2 keeps the comparable bit only for unrestricted
            // term lists (restricted ones are filtered instead).
            let why = if ts.comparable && ts.terms.is_all() {
                "interface is (or embeds) comparable"
            } else {
                "interface contains type constraints"
            };
            let msg = format!(
                "cannot use type {} outside a type constraint: {why}",
                c.type_str(t)
            );
            c.soft_errorf(e.start_pos(), msg);
        });
    }

    /// The type `e` denotes when it is the right-hand side of the
    /// declaration of the named type `def` (types2's definedType).
    pub(crate) fn defined_type(&mut self, e: &'a Expr, def: Option<TypeId>) -> TypeId {
        let mut t = self.nested(|c| c.type_internal(e, def));
        if self.is_generic(t) {
            let s = self.generic_type_str(t);
            self.errorf(
                e.start_pos(),
                format!("cannot use generic type {s} without instantiation"),
            );
            t = universe::INVALID;
        }
        self.record_type_and_value(e, Mode::TypeExpr, t, None);
        t
    }

    /// types2's genericType: the generic type `e` denotes, or invalid
    /// (with the reason when `e` is a valid type but not generic).
    fn generic_type_cause(&mut self, e: &'a Expr) -> (TypeId, Option<String>) {
        let mut t = self.nested(|c| c.type_internal(e, None));
        let mut cause = None;
        if !self.is_valid(t) {
            t = universe::INVALID;
        } else if !self.is_generic(t) {
            cause = Some(format!("{} is not a generic type", self.type_str(t)));
            t = universe::INVALID;
        }
        self.record_type_and_value(e, Mode::TypeExpr, t, None);
        (t, cause)
    }

    /// Whether `t` is a valid type (an alias of an invalid type is not:
    /// types2's isValid).
    /// Whether `t` is not the invalid type. An alias whose declaration is
    /// still in progress (reached through a cycle) counts as valid, as in
    /// types2, where it is not yet anything.
    pub(crate) fn is_valid(&self, mut t: TypeId) -> bool {
        while let Type::Alias(a) = self.store.ty(t) {
            match a.actual {
                Some(actual) => t = actual,
                None => return true,
            }
        }
        t != universe::INVALID
    }

    /// Whether `t` is a generic named type or alias not yet instantiated.
    pub(crate) fn is_generic(&self, t: TypeId) -> bool {
        match self.store.ty(t) {
            Type::Named(n) => !n.tparams.is_empty() && n.targs.is_empty() && n.origin.is_none(),
            Type::Alias(a) => !a.tparams.is_empty() && a.targs.is_empty() && a.origin.is_none(),
            _ => false,
        }
    }

    /// A generic type as types2 prints it: `G[P, Q any, R comparable]`.
    fn generic_type_str(&self, t: TypeId) -> String {
        let tparams = match self.store.ty(t) {
            Type::Named(n) => n.tparams.clone(),
            Type::Alias(a) => a.tparams.clone(),
            _ => Vec::new(),
        };
        let mut s = self.type_str(t);
        s.push_str(&self.tparam_list_str(&tparams));
        s
    }

    fn tparam_list_str(&self, tparams: &[TypeId]) -> String {
        if tparams.is_empty() {
            return String::new();
        }
        let bound = |tp: TypeId| match self.store.ty(tp) {
            Type::TypeParam(p) => p.bound,
            _ => None,
        };
        let mut s = String::from("[");
        for (i, &tp) in tparams.iter().enumerate() {
            if i > 0 {
                if bound(tp) != bound(tparams[i - 1]) {
                    s.push(' ');
                    s.push_str(&self.type_str(bound(tparams[i - 1]).unwrap_or(universe::INVALID)));
                }
                s.push_str(", ");
            }
            s.push_str(&self.type_str(tp));
        }
        s.push(' ');
        let last = bound(tparams[tparams.len() - 1]).unwrap_or(universe::INVALID);
        s.push_str(&self.type_str(last));
        s.push(']');
        s
    }

    /// The not-a-type errors of `typ` for a name or selector operand.
    fn operand_as_type(&mut self, x: &Operand<'a>) -> TypeId {
        match x.mode {
            Mode::TypeExpr => return x.typ,
            Mode::Invalid => {}
            Mode::NoValue => {
                let at = x.expr.map_or(Pos::NONE, |e| e.start_pos());
                let msg = format!("{} used as type", self.op_str(x));
                self.errorf(at, msg);
            }
            _ => {
                let at = x.expr.map_or(Pos::NONE, |e| e.start_pos());
                let msg = format!("{} is not a type", self.op_str(x));
                self.errorf(at, msg);
            }
        }
        universe::INVALID
    }

    /// types2's typInternal: the type of any type expression.
    fn type_internal(&mut self, e: &'a Expr, def: Option<TypeId>) -> TypeId {
        match &e.kind {
            ExprKind::Bad => {}
            ExprKind::Name(n) => {
                let x = self.ident(e, *n, def, true);
                return self.operand_as_type(&x);
            }
            ExprKind::Selector(x, sel) => {
                let op = self.selector(e, x, *sel, def, true);
                return self.operand_as_type(&op);
            }
            ExprKind::Index(x, indices) => {
                if !self.allow_version(18) {
                    self.errorf(e.start_pos(), "type instantiation requires go1.18 or later");
                }
                return self.instantiated_type(e, x, indices);
            }
            ExprKind::Paren(x) => return self.defined_type(x, def),
            ExprKind::ArrayType(len, elem) => {
                let n = match len {
                    Some(l) => self.array_length(l),
                    None => {
                        self.errorf(
                            e.start_pos(),
                            "invalid use of [...] array (outside a composite literal)",
                        );
                        None
                    }
                };
                let elem = self.var_type(elem);
                if let Some(n) = n {
                    return self.store.arena.add_type(Type::Array(Some(n), elem));
                }
            }
            ExprKind::SliceType(elem) => {
                let elem = self.var_type(elem);
                return self.store.arena.add_type(Type::Slice(elem));
            }
            ExprKind::DotsType(_) => {
                self.errorf(e.pos, "invalid syntax tree: invalid use of ...");
            }
            ExprKind::StructType(st) => return self.struct_type(st),
            ExprKind::Operation(Operator::Mul, x, None) => {
                let base = self.var_type(x);
                if !self.is_valid(base) {
                    return universe::INVALID;
                }
                return self.store.arena.add_type(Type::Pointer(base));
            }
            ExprKind::FuncType(ft) => {
                let (sig, _) = self.func_type(None, &[], ft);
                return sig;
            }
            ExprKind::InterfaceType(it) => return self.interface_type(it, def),
            ExprKind::MapType(k, v) => {
                let key = self.var_type(k);
                let elem = self.var_type(v);
                self.later(move |c| {
                    if !crate::assignable::comparable(&c.store, key, true) {
                        let why = if is_type_param(&c.store, key) {
                            " (missing comparable constraint)"
                        } else {
                            ""
                        };
                        let msg = format!("invalid map key type {}{why}", c.type_str(key));
                        c.errorf(k.start_pos(), msg);
                    }
                });
                return self.store.arena.add_type(Type::Map(key, elem));
            }
            ExprKind::ChanType(dir, elem) => {
                let dir = match dir {
                    ast::ChanDir::Both => ChanDir::Both,
                    ast::ChanDir::Send => ChanDir::Send,
                    ast::ChanDir::Recv => ChanDir::Recv,
                };
                let elem = self.var_type(elem);
                return self.store.arena.add_type(Type::Chan(dir, elem));
            }
            _ => {
                self.errorf(e.start_pos(), format!("{} is not a type", expr_string(e)));
                self.use_exprs(std::slice::from_ref(e));
            }
        }
        universe::INVALID
    }

    /// `x[targs]` in a type context (types2's instantiatedType).
    fn instantiated_type(&mut self, e: &'a Expr, x: &'a Expr, xlist: &'a [Expr]) -> TypeId {
        let (typ, cause) = self.generic_type_cause(x);
        if let Some(cause) = cause {
            let args: Vec<String> = xlist.iter().map(expr_string).collect();
            self.errorf(
                x.start_pos(),
                format!(
                    "invalid operation: {}[{}] ({cause})",
                    expr_string(x),
                    args.join(" ")
                ),
            );
        }
        let _ = e;
        if typ == universe::INVALID {
            return typ;
        }
        // Evaluate the arguments (all of them, even after an error).
        let mut targs = Some(Vec::with_capacity(xlist.len()));
        for a in xlist {
            let t = self.var_type(a);
            if t == universe::INVALID {
                targs = None;
            }
            if let Some(v) = &mut targs {
                v.push(t);
            }
        }
        let Some(targs) = targs else {
            return universe::INVALID;
        };
        // A wrong number of arguments is reported by instantiate (for
        // named types in a delayed action, giving an instance with an
        // invalid underlying type meanwhile, as types2 does).
        // Constraints are verified once the type parameters are complete
        // (a delayed action of instantiate), each failure at its argument.
        let arg_pos: Vec<Pos> = xlist.iter().map(|a| a.start_pos()).collect();
        let inst = self.instantiate_at(x.pos, typ, &targs, true, &arg_pos);
        self.record_instance(x, targs, inst);
        inst
    }

    /// The length of an array type `[e]T` (types2's arrayLength).
    pub(crate) fn array_length(&mut self, e: &'a Expr) -> Option<u64> {
        // A name that is not a constant may be a type parameter list with
        // a missing constraint: say so.
        if let ExprKind::Name(n) = &e.kind {
            match self.lookup(*n) {
                None => {
                    self.errorf(
                        e.pos,
                        format!("undefined array length {n} or missing type constraint"),
                    );
                    return None;
                }
                Some((_, o)) => {
                    if !matches!(self.store.obj(o).kind, ObjKind::Const(_)) {
                        self.errorf(e.pos, format!("invalid array length {n}"));
                        return None;
                    }
                }
            }
        }
        let x = self.expr(None, e);
        if x.mode != Mode::Constant {
            if x.is_valid() {
                let msg = format!("array length {} must be constant", self.op_str(&x));
                self.errorf(e.start_pos(), msg);
            }
            return None;
        }
        if is_untyped(&self.store, x.typ) || is_integer(&self.store, x.typ) {
            if let Some(v) = &x.val {
                let v = v.to_int();
                if v.kind() == Kind::Int {
                    if let Some(n) = v.int64_val() {
                        if n >= 0 {
                            return Some(n as u64);
                        }
                    }
                }
            }
        }
        let msg = if is_integer(&self.store, x.typ) {
            format!("invalid array length {}", self.op_str(&x))
        } else {
            format!("array length {} must be integer", self.op_str(&x))
        };
        self.errorf(e.start_pos(), msg);
        None
    }

    // ---- structs ----

    fn struct_type(&mut self, st: &'a ast::StructType) -> TypeId {
        let mut fields: Vec<ObjId> = Vec::new();
        let mut tags: Vec<Option<Box<str>>> = Vec::new();
        let mut seen: HashMap<Symbol, ObjId> = HashMap::new();
        for f in &st.fields {
            let typ = self.var_type(&f.typ);
            let tag = self.tag(f.tag.as_ref());
            if !f.names.is_empty() {
                for name in &f.names {
                    self.add_field(&mut fields, &mut tags, &mut seen, *name, typ, false, &tag);
                }
                continue;
            }
            // An embedded field: T, *T, p.T, T[A] or *p.T[A].
            let pos = f.typ.start_pos();
            let Some(name) = embedded_field_ident(&f.typ) else {
                let msg = format!(
                    "invalid syntax tree: invalid embedded field type {}",
                    expr_string(&f.typ)
                );
                self.errorf(pos, msg);
                let blank = ast::Name {
                    pos,
                    value: ast::sym("_"),
                };
                self.add_field(
                    &mut fields,
                    &mut tags,
                    &mut seen,
                    blank,
                    universe::INVALID,
                    true,
                    &None,
                );
                continue;
            };
            self.add_field(&mut fields, &mut tags, &mut seen, name, typ, true, &tag);
            self.later(move |c| c.check_embedded_field(pos, typ));
        }
        if tags.iter().all(Option::is_none) {
            tags.clear();
        }
        self.store
            .arena
            .add_type(Type::Struct(Struct { fields, tags }))
    }

    #[allow(clippy::too_many_arguments)]
    fn add_field(
        &mut self,
        fields: &mut Vec<ObjId>,
        tags: &mut Vec<Option<Box<str>>>,
        seen: &mut HashMap<Symbol, ObjId>,
        name: ast::Name,
        typ: TypeId,
        embedded: bool,
        tag: &Option<Box<str>>,
    ) {
        let fld = self.store.arena.add_object(Object::new(
            name.value,
            name.pos,
            Some(self.pkg()),
            Some(typ),
            ObjKind::Var {
                embedded,
                is_field: true,
                is_param: false,
                used: false,
            },
        ));
        if !name.is_blank() {
            if let Some(&alt) = seen.get(&name.value) {
                let alt_pos = self.store.obj(alt).pos;
                self.error(
                    TypeError::new(name.pos, format!("{} redeclared", name.value))
                        .with(alt_pos, format!("other declaration of {}", name.value)),
                );
                return;
            }
            seen.insert(name.value, fld);
        }
        fields.push(fld);
        tags.push(tag.clone());
        self.record_def(&name, fld);
    }

    /// The restrictions on embedded field types, checked once types are
    /// complete.
    fn check_embedded_field(&mut self, pos: Pos, typ: TypeId) {
        let (t, is_ptr) = deref(&self.store, typ);
        let u = underlying(&self.store, t);
        match self.store.ty(u) {
            Type::Basic { kind, .. } => {
                if t == universe::INVALID || u == universe::INVALID {
                    return;
                }
                if *kind == BasicKind::UnsafePointer {
                    self.errorf(pos, "embedded field type cannot be unsafe.Pointer");
                }
            }
            Type::Pointer(_) => self.errorf(pos, "embedded field type cannot be a pointer"),
            Type::Interface(_) => {
                if is_type_param(&self.store, t) {
                    self.errorf(
                        pos,
                        "embedded field type cannot be a (pointer to a) type parameter",
                    );
                } else if is_ptr {
                    self.errorf(
                        pos,
                        "embedded field type cannot be a pointer to an interface",
                    );
                }
            }
            _ => {}
        }
    }

    /// A struct field tag's value.
    fn tag(&mut self, t: Option<&'a ast::BasicLit>) -> Option<Box<str>> {
        let t = t?;
        if t.bad {
            return None;
        }
        if t.kind == LitKind::String {
            let v = Value::from_literal(LitKind::String, &t.value);
            if v.kind() == Kind::String {
                let s = String::from_utf8_lossy(v.str_bytes()).into_owned();
                return if s.is_empty() { None } else { Some(s.into()) };
            }
        }
        self.errorf(
            t.pos,
            format!("invalid syntax tree: incorrect tag syntax: {:?}", t.value),
        );
        None
    }

    // ---- interfaces and unions ----

    fn interface_type(&mut self, it: &'a ast::InterfaceType, def: Option<TypeId>) -> TypeId {
        let ityp = self
            .store
            .arena
            .add_type(Type::Interface(Interface::default()));
        let recv_typ = match def {
            Some(d) if matches!(self.store.ty(d), Type::Named(_)) => d,
            _ => ityp,
        };
        let mut methods: Vec<ObjId> = Vec::new();
        let mut embeddeds: Vec<TypeId> = Vec::new();
        let mut embed_pos: Vec<Pos> = Vec::new();
        for f in &it.elems {
            let Some(name) = f.names.first() else {
                let u = self.parse_union(&f.typ);
                embeddeds.push(u);
                embed_pos.push(f.typ.start_pos());
                continue;
            };
            if name.is_blank() {
                self.errorf(name.pos, "methods must have a unique non-blank name");
                continue;
            }
            let typ = self.typ(&f.typ);
            if !matches!(self.store.ty(typ), Type::Signature(_)) {
                if typ != universe::INVALID {
                    let msg = format!(
                        "invalid syntax tree: {} is not a method signature",
                        self.type_str(typ)
                    );
                    self.errorf(f.typ.start_pos(), msg);
                }
                continue;
            }
            let recv = self.store.arena.add_object(Object::new(
                ast::sym(""),
                name.pos,
                Some(self.pkg()),
                Some(recv_typ),
                ObjKind::Var {
                    embedded: false,
                    is_field: false,
                    is_param: true,
                    used: false,
                },
            ));
            if typ.pkg == self.pkg() {
                if let Type::Signature(s) = self.store.arena.ty_mut(typ) {
                    s.recv = Some(recv);
                }
            }
            let m = self.store.arena.add_object(Object::new(
                name.value,
                name.pos,
                Some(self.pkg()),
                Some(typ),
                ObjKind::Func { ptr_recv: false },
            ));
            self.record_def(name, m);
            methods.push(m);
        }
        // Exported methods first, then by name (types2's sortMethods).
        {
            let s = &self.store;
            methods.sort_by(|&a, &b| {
                let (a, b) = (s.obj(a), s.obj(b));
                b.is_exported()
                    .cmp(&a.is_exported())
                    .then_with(|| a.name.as_str().cmp(b.name.as_str()))
            });
        }
        let check_methods = !(methods.is_empty() && embeddeds.is_empty());
        if let Type::Interface(i) = self.store.arena.ty_mut(ityp) {
            i.methods = methods;
            i.embeddeds = embeddeds;
        }
        if check_methods {
            self.later(move |c| c.check_interface_methods(ityp, &embed_pos));
        }
        ityp
    }

    /// Duplicate methods of an interface (explicit, or embedded with
    /// different signatures), as types2's computeInterfaceTypeSet
    /// reports them.
    fn check_interface_methods(&mut self, ityp: TypeId, embed_pos: &[Pos]) {
        let Type::Interface(it) = self.store.ty(ityp) else {
            return;
        };
        let (methods, embeddeds) = (it.methods.clone(), it.embeddeds.clone());
        let mut seen: HashMap<Symbol, (ObjId, Pos)> = HashMap::new();
        let mut errs = Vec::new();
        for m in methods {
            let (name, pos) = (self.store.obj(m).name, self.store.obj(m).pos);
            if let Some(&(_, other_pos)) = seen.get(&name) {
                errs.push(
                    TypeError::new(pos, format!("duplicate method {name}"))
                        .with(other_pos, format!("other declaration of method {name}")),
                );
                continue;
            }
            seen.insert(name, (m, pos));
        }
        for (i, e) in embeddeds.into_iter().enumerate() {
            let pos = embed_pos.get(i).copied().unwrap_or(Pos::NONE);
            if matches!(self.store.ty(e), Type::Union(_)) {
                if !self.allow_version(18) {
                    let msg = format!(
                        "embedding interface element {} requires go1.18 or later",
                        self.type_str(e)
                    );
                    errs.push(TypeError::new(pos, msg));
                    continue;
                }
                self.check_union_size(e, pos);
                continue;
            }
            let u = underlying(&self.store, e);
            if !matches!(self.store.ty(u), Type::Interface(_)) {
                if u != universe::INVALID && !self.allow_version(18) {
                    let msg = format!(
                        "embedding non-interface type {} requires go1.18 or later",
                        self.type_str(e)
                    );
                    errs.push(TypeError::new(pos, msg));
                }
                continue;
            }
            if !matches!(
                self.store.ty(underlying(&self.store, e)),
                Type::Interface(_)
            ) {
                continue;
            }
            for m in type_set(&self.store, e).methods {
                let name = self.store.obj(m).name;
                match seen.get(&name) {
                    None => {
                        seen.insert(name, (m, pos));
                    }
                    Some(&(other, other_pos)) => {
                        let (mt, ot) = (self.store.obj(m).typ, self.store.obj(other).typ);
                        let same = match (mt, ot) {
                            (Some(a), Some(b)) => identical(&self.store, a, b),
                            _ => true,
                        };
                        // Before Go 1.14, overlapping embedded methods were
                        // errors even when identical.
                        if !same || !self.allow_version(14) {
                            errs.push(
                                TypeError::new(pos, format!("duplicate method {name}"))
                                    .with(other_pos, format!("other declaration of method {name}")),
                            );
                        }
                    }
                }
            }
        }
        for e in errs {
            self.error(e);
        }
    }

    /// A union `A | ~B | ...` or a single (possibly `~`) term (types2's
    /// parseUnion); a single plain term is just its type.
    fn parse_union(&mut self, uexpr: &'a Expr) -> TypeId {
        let mut blist: Vec<&'a Expr> = Vec::new();
        let mut tlist: Vec<&'a Expr> = Vec::new();
        flatten_union(uexpr, &mut blist, &mut tlist);
        let mut terms: Vec<Term> = Vec::new();
        let mut u = universe::INVALID;
        let single = tlist.len() == 1;
        for (i, &x) in tlist.iter().enumerate() {
            let term = self.parse_tilde(x);
            if single && !term.tilde {
                return term.typ;
            }
            if terms.len() >= MAX_TERM_COUNT {
                if u != universe::INVALID {
                    self.errorf(
                        x.start_pos(),
                        format!(
                            "cannot handle more than {MAX_TERM_COUNT} union terms (implementation limitation)"
                        ),
                    );
                    u = universe::INVALID;
                }
            } else {
                terms.push(term);
                u = self.store.arena.add_type(Type::Union(terms.clone()));
            }
            if i > 0 {
                self.record_type_and_value(blist[i - 1], Mode::TypeExpr, u, None);
            }
        }
        if u == universe::INVALID {
            return u;
        }
        self.later(move |c| c.check_union_terms(&terms, &tlist));
        u
    }

    /// A union's type set may have at most `MAX_TERM_COUNT` terms
    /// (types2's computeUnionTypeSet limit), counted after embedded
    /// interfaces' terms are added.
    fn check_union_size(&mut self, u: TypeId, pos: Pos) {
        let Type::Union(terms) = self.store.ty(u) else {
            return;
        };
        let terms = terms.clone();
        let mut all = crate::termlist::TermList::default();
        for t in terms {
            let ut = underlying(&self.store, t.typ);
            let list = match self.store.ty(ut) {
                Type::Interface(_) => type_set(&self.store, t.typ).terms,
                _ if ut == universe::INVALID => continue,
                _ if t.tilde && !identical(&self.store, t.typ, ut) => continue,
                _ => crate::termlist::TermList(vec![crate::termlist::TypeTerm::Type {
                    tilde: t.tilde,
                    typ: t.typ,
                }]),
            };
            all = all.union(&self.store, &list);
            if all.0.len() > MAX_TERM_COUNT {
                self.errorf(
                    pos,
                    format!(
                        "cannot handle more than {MAX_TERM_COUNT} union terms (implementation limitation)"
                    ),
                );
                return;
            }
        }
    }

    fn check_union_terms(&mut self, terms: &[Term], tlist: &[&'a Expr]) {
        for (i, t) in terms.iter().enumerate() {
            if t.typ == universe::INVALID {
                continue;
            }
            let pos = tlist.get(i).map_or(Pos::NONE, |x| x.start_pos());
            let u = underlying(&self.store, t.typ);
            let is_iface = matches!(self.store.ty(u), Type::Interface(_));
            if t.tilde {
                if is_iface {
                    let msg = format!(
                        "invalid use of ~ ({} is an interface)",
                        self.type_str(t.typ)
                    );
                    self.errorf(pos, msg);
                    continue;
                }
                if !identical(&self.store, u, t.typ) {
                    let msg = format!(
                        "invalid use of ~ (underlying type of {} is {})",
                        self.type_str(t.typ),
                        self.type_str(u)
                    );
                    self.errorf(pos, msg);
                    continue;
                }
            }
            if is_iface {
                let ts = type_set(&self.store, t.typ);
                let ts_str = self.term_str(t);
                if !ts.methods.is_empty() {
                    self.errorf(
                        pos,
                        format!("cannot use {ts_str} in union ({ts_str} contains methods)"),
                    );
                } else if t.typ == universe::COMPARABLE {
                    self.errorf(pos, "cannot use comparable in union");
                } else if ts.comparable {
                    self.errorf(
                        pos,
                        format!("cannot use {ts_str} in union ({ts_str} embeds comparable)"),
                    );
                }
                continue;
            }
            let overlap = terms[..i].iter().position(|x| {
                !crate::predicates::is_interface(&self.store, x.typ) && !self.terms_disjoint(x, t)
            });
            if let Some(j) = overlap {
                let msg = format!(
                    "overlapping terms {} and {}",
                    self.term_str(t),
                    self.term_str(&terms[j])
                );
                self.soft_errorf(pos, msg);
            }
        }
    }

    fn terms_disjoint(&self, x: &Term, y: &Term) -> bool {
        let ux = if y.tilde {
            underlying(&self.store, x.typ)
        } else {
            x.typ
        };
        let uy = if x.tilde {
            underlying(&self.store, y.typ)
        } else {
            y.typ
        };
        !identical(&self.store, ux, uy)
    }

    /// A union term as types2 prints it in messages: with a nil
    /// qualifier, so types are qualified by their package path.
    fn term_str(&self, t: &Term) -> String {
        let s = crate::typestring::type_string(&self.store, &ByPath(&self.store), t.typ);
        if t.tilde {
            format!("~{s}")
        } else {
            s
        }
    }

    /// `T` or `~T` in a union (types2's parseTilde).
    fn parse_tilde(&mut self, tx: &'a Expr) -> Term {
        let (x, tilde) = match &tx.kind {
            ExprKind::Operation(Operator::Tilde, x, None) => (&**x, true),
            _ => (tx, false),
        };
        let mut typ = self.typ(x);
        if is_type_param(&self.store, typ) {
            if tilde {
                self.errorf(
                    x.start_pos(),
                    format!(
                        "type in term {} cannot be a type parameter",
                        expr_string(tx)
                    ),
                );
            } else {
                self.errorf(x.start_pos(), "term cannot be a type parameter");
            }
            typ = universe::INVALID;
        }
        let term = Term { tilde, typ };
        if tilde {
            let u = self.store.arena.add_type(Type::Union(vec![term]));
            self.record_type_and_value(tx, Mode::TypeExpr, u, None);
        }
        term
    }

    // ---- type parameters ----

    /// Declares the type parameters of `list` in the current scope, sets
    /// them on `owner` (a generic named type or alias, so constraints may
    /// refer to it), then checks their constraints (types2's
    /// collectTypeParams).
    pub(crate) fn collect_type_params(
        &mut self,
        list: &'a [ast::Field],
        owner: Option<TypeId>,
    ) -> Vec<TypeId> {
        let mut tparams = Vec::new();
        for f in list {
            for name in &f.names {
                let tp = self.declare_type_param(*name, tparams.len() as u32);
                tparams.push(tp);
            }
        }
        if let Some(o) = owner {
            match self.store.arena.ty_mut(o) {
                Type::Named(n) => n.tparams = tparams.clone(),
                Type::Alias(a) => a.tparams = tparams.clone(),
                _ => {}
            }
        }
        let saved = std::mem::replace(&mut self.env.in_tparam_list, true);
        let mut i = 0;
        for f in list {
            let top = self.later.len();
            let mut bound = self.bound(&f.typ);
            if is_type_param(&self.store, bound) {
                self.errorf(
                    f.typ.start_pos(),
                    "cannot use a type parameter as constraint",
                );
                bound = universe::INVALID;
            }
            let n = f.names.len();
            let group: Vec<TypeId> = tparams.iter().skip(i).take(n).copied().collect();
            i += n;
            self.set_bound(&group, bound, top);
        }
        self.env.in_tparam_list = saved;
        tparams
    }

    /// Sets the constraint of type parameters: a constraint that is not
    /// an interface (`[P *int]`) is wrapped in an implicit interface, as
    /// types2's TypeParam.iface does, once its underlying type is known
    /// (later, if its declaration is still in progress).
    ///
    /// The delayed wrapping goes before the actions queued while the
    /// constraint was checked (from index `top`): those verify type
    /// arguments against constraints, which must be interfaces by then.
    fn set_bound(&mut self, group: &[TypeId], bound: TypeId, top: usize) {
        let b = match self.constraint_iface(bound) {
            Some(b) => b,
            None => {
                let group = group.to_vec();
                self.later(move |c| {
                    let b = c.constraint_iface(bound).unwrap_or(bound);
                    for &tp in &group {
                        if let Type::TypeParam(p) = c.store.arena.ty_mut(tp) {
                            p.bound = Some(b);
                        }
                    }
                });
                if let Some(action) = self.later.pop() {
                    let at = top.min(self.later.len());
                    self.later.insert(at, action);
                }
                bound
            }
        };
        for &tp in group {
            if let Type::TypeParam(p) = self.store.arena.ty_mut(tp) {
                p.bound = Some(b);
            }
        }
    }

    /// The constraint interface for `bound`, or `None` while its
    /// underlying type is not known yet.
    fn constraint_iface(&mut self, bound: TypeId) -> Option<TypeId> {
        let mut t = unalias(&self.store, bound);
        let mut steps = 0;
        while let Type::Named(n) = self.store.ty(t) {
            let next = n.underlying?;
            if next == t || steps > 1000 {
                return Some(bound);
            }
            t = unalias(&self.store, next);
            steps += 1;
        }
        match self.store.ty(t) {
            Type::Interface(_) => Some(bound),
            _ if t == universe::INVALID || bound == universe::INVALID => Some(bound),
            _ => Some(self.store.arena.add_type(Type::Interface(Interface {
                methods: Vec::new(),
                embeddeds: vec![bound],
                implicit: true,
                is_comparable: false,
            }))),
        }
    }

    /// A type parameter's constraint: `~T` and unions are wrapped in an
    /// implicit interface.
    fn bound(&mut self, x: &'a Expr) -> TypeId {
        if let ExprKind::Operation(Operator::Tilde | Operator::Or, ..) = &x.kind {
            let u = self.parse_union(x);
            let it = self.store.arena.add_type(Type::Interface(Interface {
                methods: Vec::new(),
                embeddeds: vec![u],
                implicit: true,
                is_comparable: false,
            }));
            self.record_type_and_value(x, Mode::TypeExpr, it, None);
            let pos = x.start_pos();
            self.later(move |c| c.check_union_size(u, pos));
            return it;
        }
        self.typ(x)
    }

    fn declare_type_param(&mut self, name: ast::Name, index: u32) -> TypeId {
        let obj = self.store.arena.add_object(Object::new(
            name.value,
            name.pos,
            Some(self.pkg()),
            None,
            ObjKind::TypeName,
        ));
        let tp = self.store.arena.add_type(Type::TypeParam(TypeParam {
            obj,
            index,
            bound: None,
        }));
        self.store.arena.obj_mut(obj).typ = Some(tp);
        let scope = self.env.scope;
        self.declare(scope, name, obj);
        self.record_def(&name, obj);
        tp
    }

    // ---- signatures ----

    /// The signature of a function or method declaration or literal
    /// (types2's funcType): declares receiver, type parameters,
    /// parameters and results in a new function scope, which becomes
    /// `self.env.scope`'s child and is returned with the signature (the
    /// body is checked in that scope).
    pub(crate) fn func_type(
        &mut self,
        recv: Option<&'a ast::Field>,
        tparams: &'a [ast::Field],
        ft: &'a ast::FuncType,
    ) -> (TypeId, ScopeId) {
        self.func_type_into(None, recv, tparams, ft)
    }

    /// `func_type`, filling in the signature type `slot` if given (a
    /// function declaration's object has it as its type while the
    /// signature is checked, so its type parameters are known as soon as
    /// they are declared: `func F[T any](_ [unsafe.Sizeof(F[int])]T)`).
    pub(crate) fn func_type_into(
        &mut self,
        slot: Option<TypeId>,
        recv: Option<&'a ast::Field>,
        tparams: &'a [ast::Field],
        ft: &'a ast::FuncType,
    ) -> (TypeId, ScopeId) {
        let scope = self.open_scope(ft.pos, ft.end, "function");
        self.store.arena.scope_mut(scope).is_func = true;

        let mut recv_var = None;
        let mut rparams = Vec::new();
        if let Some(r) = recv {
            let (v, rp) = self.collect_recv(r);
            recv_var = Some(v);
            rparams = rp;
        }
        let tps = if tparams.is_empty() {
            Vec::new()
        } else {
            self.collect_type_params(tparams, None)
        };
        if let Some(slot) = slot {
            if let Type::Signature(sig) = self.store.arena.ty_mut(slot) {
                sig.tparams = tps.clone();
                sig.recv_tparams = rparams.clone();
            }
        }
        let (pnames, params, variadic) = self.collect_params(&ft.params, true);
        let (rnames, results, _) = self.collect_params(&ft.results, false);

        if let (Some(r), Some(v)) = (recv, recv_var) {
            if let Some(name) = r.names.first() {
                if !name.value.is_empty() {
                    self.declare(scope, *name, v);
                    self.record_def(name, v);
                }
            }
        }
        for (name, &p) in pnames
            .iter()
            .zip(&params)
            .chain(rnames.iter().zip(&results))
        {
            if let Some(name) = name {
                self.declare(scope, *name, p);
                self.record_def(name, p);
            }
        }
        let params = self.store.arena.add_type(Type::Tuple(params));
        let results = self.store.arena.add_type(Type::Tuple(results));
        let sig = Type::Signature(Signature {
            recv: recv_var,
            tparams: tps,
            recv_tparams: rparams,
            params,
            results,
            variadic,
        });
        let sig = match slot {
            Some(slot) => {
                *self.store.arena.ty_mut(slot) = sig;
                slot
            }
            None => self.store.arena.add_type(sig),
        };
        self.close_scope();
        (sig, scope)
    }

    /// Parameter or result variables of a list, with their names (not
    /// yet declared) and whether the list is variadic (types2's
    /// collectParams).
    fn collect_params(
        &mut self,
        list: &'a [ast::Field],
        is_params: bool,
    ) -> (Vec<Option<ast::Name>>, Vec<ObjId>, bool) {
        let mut names = Vec::new();
        let mut vars = Vec::new();
        let mut variadic = false;
        for (i, field) in list.iter().enumerate() {
            let mut ftype = &field.typ;
            if let ExprKind::DotsType(elem) = &ftype.kind {
                if is_params && i == list.len() - 1 {
                    variadic = true;
                } else {
                    // The parser reported it.
                    self.errorf(ftype.pos, "invalid syntax tree: invalid use of ...");
                }
                ftype = elem;
            }
            let typ = self.var_type(ftype);
            let kind = || ObjKind::Var {
                embedded: false,
                is_field: false,
                is_param: true,
                used: false,
            };
            if field.names.is_empty() {
                let v = self.store.arena.add_object(Object::new(
                    ast::sym(""),
                    field.pos,
                    Some(self.pkg()),
                    Some(typ),
                    kind(),
                ));
                self.record_implicit(field.pos, v);
                names.push(None);
                vars.push(v);
            } else {
                for name in &field.names {
                    let v = self.store.arena.add_object(Object::new(
                        name.value,
                        name.pos,
                        Some(self.pkg()),
                        Some(typ),
                        kind(),
                    ));
                    names.push(Some(*name));
                    vars.push(v);
                }
            }
        }
        if variadic {
            if let Some(&last) = vars.last() {
                let elem = self.store.obj(last).typ.unwrap_or(universe::INVALID);
                let st = self.store.arena.add_type(Type::Slice(elem));
                self.store.arena.obj_mut(last).typ = Some(st);
                if let Some(f) = list.last() {
                    self.record_type_and_value(&f.typ, Mode::TypeExpr, st, None);
                }
            }
        }
        (names, vars, variadic)
    }

    /// The receiver variable of a method and the type parameters it
    /// declares (types2's collectRecv).
    fn collect_recv(&mut self, rparam: &'a ast::Field) -> (ObjId, Vec<TypeId>) {
        let (ptr, base, rtparams) = self.unpack_recv(&rparam.typ);
        let mut recv_type = universe::INVALID;
        let mut rparams = Vec::new();
        match rtparams {
            None => {
                recv_type = self.var_type(&rparam.typ);
                // No new methods on instantiated types reached through
                // aliases.
                let mut a = unpointer(&self.store, recv_type);
                while let Type::Alias(al) = self.store.ty(a) {
                    let b = unpointer(&self.store, al.actual.unwrap_or(universe::INVALID));
                    let generic_inst = match self.store.ty(b) {
                        Type::Named(n) => !n.tparams.is_empty() || n.origin.is_some(),
                        Type::Alias(x) => !x.tparams.is_empty() || x.origin.is_some(),
                        _ => false,
                    };
                    if generic_inst {
                        let msg = format!(
                            "cannot define new methods on instantiated type {}",
                            self.type_str(b)
                        );
                        self.errorf(base.start_pos(), msg);
                        recv_type = universe::INVALID;
                        break;
                    }
                    a = b;
                }
            }
            Some(names) => {
                let mut base_type = None;
                let (t, cause) = self.generic_type_cause(base);
                if self.is_valid(t) {
                    match self.store.ty(t) {
                        Type::Named(_) => base_type = Some(t),
                        _ => {
                            let msg = format!(
                                "cannot define new methods on generic alias type {}",
                                self.generic_type_str(t)
                            );
                            self.errorf(base.start_pos(), msg);
                        }
                    }
                } else if let Some(cause) = cause {
                    self.errorf(base.start_pos(), cause);
                }
                for (i, (name, e)) in names.iter().enumerate() {
                    let tp = self.declare_type_param(*name, i as u32);
                    if let Some(e) = e {
                        if let Type::TypeParam(p) = self.store.ty(tp) {
                            let o = p.obj;
                            self.record_use(e, o);
                        }
                        self.record_type_and_value(e, Mode::TypeExpr, tp, None);
                    }
                    rparams.push(tp);
                }
                if let Some(bt) = base_type {
                    let base_tparams = match self.store.ty(bt) {
                        Type::Named(n) => n.tparams.clone(),
                        _ => Vec::new(),
                    };
                    if base_tparams.len() == rparams.len() {
                        let smap: crate::subst::SubstMap = base_tparams
                            .iter()
                            .copied()
                            .zip(rparams.iter().copied())
                            .collect();
                        for (&rp, &bp) in rparams.iter().zip(&base_tparams) {
                            let bound = match self.store.ty(bp) {
                                Type::TypeParam(p) => p.bound,
                                _ => None,
                            };
                            let pos = match self.store.ty(rp) {
                                Type::TypeParam(p) => self.store.obj(p.obj).pos,
                                _ => Pos::NONE,
                            };
                            let b = bound.map(|b| self.subst(pos, b, &smap));
                            if let Type::TypeParam(p) = self.store.arena.ty_mut(rp) {
                                p.bound = b;
                            }
                        }
                    } else {
                        let n = rparams.len();
                        let got = if n == 1 {
                            "1 type parameter".to_string()
                        } else {
                            format!("{n} type parameters")
                        };
                        self.errorf(
                            base.start_pos(),
                            format!(
                                "receiver declares {got}, but receiver base type declares {}",
                                base_tparams.len()
                            ),
                        );
                    }
                    if !self.allow_version(18) {
                        self.errorf(
                            base.start_pos(),
                            "type instantiation requires go1.18 or later",
                        );
                    }
                    let inst = self.instantiate(rparam.typ.pos, bt, &rparams, false);
                    self.record_instance(base, rparams.clone(), inst);
                    recv_type = inst;
                    if ptr && inst != universe::INVALID {
                        recv_type = self.store.arena.add_type(Type::Pointer(inst));
                    }
                    self.record_paren_recv_types(&rparam.typ, recv_type);
                }
            }
        }
        let kind = ObjKind::Var {
            embedded: false,
            is_field: false,
            is_param: true,
            used: false,
        };
        let recv = match rparam.names.first() {
            Some(n) if !n.value.is_empty() => self.store.arena.add_object(Object::new(
                n.value,
                n.pos,
                Some(self.pkg()),
                Some(recv_type),
                kind,
            )),
            _ => {
                let v = self.store.arena.add_object(Object::new(
                    ast::sym(""),
                    rparam.pos,
                    Some(self.pkg()),
                    Some(recv_type),
                    kind,
                ));
                self.record_implicit(rparam.pos, v);
                v
            }
        };
        let pos = base.start_pos();
        self.later(move |c| c.valid_recv(pos, recv));
        (recv, rparams)
    }

    /// `(*T[P, Q])` → pointer, `T`, and the receiver type parameter
    /// names with their expressions (types2's unpackRecv).
    #[allow(clippy::type_complexity)]
    fn unpack_recv(
        &mut self,
        rtyp: &'a Expr,
    ) -> (bool, &'a Expr, Option<Vec<(ast::Name, Option<&'a Expr>)>>) {
        let mut base = rtyp.unparen();
        let mut ptr = false;
        if let ExprKind::Operation(Operator::Mul, x, None) = &base.kind {
            ptr = true;
            base = x.unparen();
        }
        let mut tparams = None;
        if let ExprKind::Index(x, args) = &base.kind {
            base = x;
            let mut list = Vec::new();
            for arg in args {
                match &arg.kind {
                    ExprKind::Name(n) => list.push((
                        ast::Name {
                            pos: arg.pos,
                            value: *n,
                        },
                        Some(arg),
                    )),
                    ExprKind::Bad => list.push((
                        ast::Name {
                            pos: arg.pos,
                            value: ast::sym("_"),
                        },
                        None,
                    )),
                    _ => {
                        self.errorf(
                            arg.start_pos(),
                            format!(
                                "receiver type parameter {} must be an identifier",
                                expr_string(arg)
                            ),
                        );
                        list.push((
                            ast::Name {
                                pos: arg.pos,
                                value: ast::sym("_"),
                            },
                            None,
                        ));
                    }
                }
            }
            tparams = Some(list);
        }
        (ptr, base, tparams)
    }

    /// Records the receiver type for each parenthesized or pointer level
    /// of a generic receiver expression.
    fn record_paren_recv_types(&mut self, mut e: &'a Expr, mut t: TypeId) {
        loop {
            self.record_type_and_value(e, Mode::TypeExpr, t, None);
            match &e.kind {
                ExprKind::Paren(x) => e = x,
                ExprKind::Operation(Operator::Mul, x, None) => {
                    let Type::Pointer(b) = self.store.ty(t) else {
                        return;
                    };
                    t = *b;
                    e = x;
                }
                _ => return,
            }
        }
    }

    /// The receiver base type must be a local defined type that is not a
    /// pointer or interface (types2's validRecv).
    fn valid_recv(&mut self, pos: Pos, recv: ObjId) {
        let rt = self.store.obj(recv).typ.unwrap_or(universe::INVALID);
        let (rtyp, _) = deref(&self.store, rt);
        let atyp = unalias(&self.store, rtyp);
        if atyp == universe::INVALID {
            return;
        }
        match self.store.ty(atyp) {
            Type::Named(n) => {
                let o = self.store.obj(n.obj);
                if o.pkg != Some(self.pkg()) || o.name.starts_with("_Ctype_") {
                    let msg = format!(
                        "cannot define new methods on non-local type {}",
                        self.type_str(rtyp)
                    );
                    self.errorf(pos, msg);
                    return;
                }
                let u = underlying(&self.store, atyp);
                let cause = match self.store.ty(u) {
                    Type::Basic {
                        kind: BasicKind::UnsafePointer,
                        ..
                    } => "unsafe.Pointer",
                    Type::Pointer(_) | Type::Interface(_) => "pointer or interface type",
                    _ => "",
                };
                if !cause.is_empty() {
                    let msg = format!("invalid receiver type {} ({cause})", self.type_str(rtyp));
                    self.errorf(pos, msg);
                }
            }
            Type::Basic { .. } => {
                let msg = format!(
                    "cannot define new methods on non-local type {}",
                    self.type_str(rtyp)
                );
                self.errorf(pos, msg);
            }
            _ => {
                let msg = format!("invalid receiver type {}", self.type_str(rt));
                self.errorf(pos, msg);
            }
        }
    }
}

/// Qualifies every package by its path (types2's nil qualifier).
struct ByPath<'s, S: Store>(&'s S);

impl<S: Store> crate::typestring::Qualifier for ByPath<'_, S> {
    fn qualify(&self, pkg: crate::arena::PkgIdx) -> Option<String> {
        Some(self.0.package(pkg).1.to_string())
    }
}

/// The base type of a pointer type (through aliases), and whether `t`
/// was one (types2's deref).
fn deref(s: &impl Store, t: TypeId) -> (TypeId, bool) {
    match s.ty(unalias(s, t)) {
        Type::Pointer(b) => (*b, true),
        _ => (t, false),
    }
}

/// `t` without any pointer indirections.
fn unpointer(s: &impl Store, mut t: TypeId) -> TypeId {
    while let Type::Pointer(b) = s.ty(t) {
        t = *b;
    }
    t
}

/// The name an embedded field gets from its type: `T` of `T`, `*T`,
/// `p.T`, `T[A]`; `None` for anything else (`**T`, literals).
fn embedded_field_ident(e: &Expr) -> Option<ast::Name> {
    match &e.kind {
        ExprKind::Name(n) => Some(ast::Name {
            pos: e.pos,
            value: *n,
        }),
        ExprKind::Operation(Operator::Mul, x, None) => {
            if matches!(&x.kind, ExprKind::Operation(Operator::Mul, _, None)) {
                return None;
            }
            embedded_field_ident(x)
        }
        ExprKind::Selector(_, sel) => Some(*sel),
        ExprKind::Index(x, _) => embedded_field_ident(x),
        ExprKind::Paren(x) => embedded_field_ident(x),
        _ => None,
    }
}

/// The binary `|` nodes and the terms of a union expression.
fn flatten_union<'e>(x: &'e Expr, blist: &mut Vec<&'e Expr>, tlist: &mut Vec<&'e Expr>) {
    // Unions are left-associative chains: walk the spine iteratively.
    let mut spine = Vec::new();
    let mut cur = x;
    while let ExprKind::Operation(Operator::Or, a, Some(b)) = &cur.kind {
        spine.push((cur, &**b));
        cur = a;
    }
    tlist.push(cur);
    for (op, rhs) in spine.into_iter().rev() {
        blist.push(op);
        tlist.push(rhs);
    }
}

#[cfg(test)]
mod tests {
    use crate::testutil::check_source;

    fn check(src: &str) -> Vec<String> {
        check_source(src)
    }

    #[test]
    fn names_that_are_not_types() {
        let src = "package p

var x int
var _ x
var _ _
var _ undefinedT
const c = 1
var _ c
func f() {}
var _ f
var _ len
var _ nil
var _ *x
";
        assert_eq!(
            check(src),
            vec![
                "a.go:4:7: x (package-level variable) is not a type",
                "a.go:5:7: cannot use _ as value or type",
                "a.go:6:7: undefined: undefinedT",
                "a.go:8:7: c (constant) is not a type",
                "a.go:10:7: f (function) is not a type",
                "a.go:11:7: len (built-in function) is not a type",
                "a.go:12:7: nil (untyped nil) is not a type",
                "a.go:13:8: x (package-level variable) is not a type",
            ]
        );
    }

    #[test]
    fn struct_fields_and_embedding() {
        let src = "package p

type S struct {
	a int `json:\"a\"`
	b, c string \"x\"
	*S2
	*S5
	E
	*E
}
type S2 int
type S5 = *int
type E interface{}
type T struct {
	x int
	x int
	y, y int
	_, _ int
	T2
	*T2
}
type T2 struct{}
";
        assert_eq!(
            check(src),
            vec![
                "a.go:7:2: embedded field type cannot be a pointer",
                "a.go:9:2: embedded field type cannot be a pointer to an interface",
                "a.go:9:3: E redeclared\n\ta.go:8:2: other declaration of E",
                "a.go:16:2: x redeclared\n\ta.go:15:2: other declaration of x",
                "a.go:17:5: y redeclared\n\ta.go:17:2: other declaration of y",
                "a.go:20:3: T2 redeclared\n\ta.go:19:2: other declaration of T2",
            ]
        );
    }

    #[test]
    fn embedded_unsafe_pointer() {
        let src = "package p

import \"unsafe\"

type S struct{ unsafe.Pointer }
";
        assert_eq!(
            check(src),
            vec!["a.go:5:16: embedded field type cannot be unsafe.Pointer"]
        );
    }

    #[test]
    fn interfaces_unions_and_type_parameters() {
        let src = "package p

type T[P, P any] struct{}
func f[P any, Q P]() {}
type A[P any] = P
type E interface{ m(); m() }
type F interface{ E; m() }
type G interface{ m(int); F }
type H interface{ _() }
type I interface{ int }
func h(x I) {}
type J interface{ comparable }
var _ J
type K[P comparable | int] struct{}
type U interface{ ~int | ~string; m() }
type V interface{ U | int }
type W interface{ ~U }
type X interface{ ~Q2 }
type Q2 int
type Y[P any] interface{ ~P }
type Z[P any] interface{ P }
type Z2[P any] struct{ P }
type O interface{ ~int | string | int }
type R[P any] P
var _ map[[]int]int
func m[P any](map[P]int) {}
";
        assert_eq!(
            check(src),
            vec![
                "a.go:3:11: P redeclared in this block\n\ta.go:3:8: other declaration of P",
                "a.go:4:17: cannot use a type parameter as constraint",
                "a.go:5:17: cannot use type parameter declared in alias declaration as RHS",
                "a.go:6:24: duplicate method m\n\ta.go:6:19: other declaration of method m",
                "a.go:8:27: duplicate method m\n\ta.go:8:19: other declaration of method m",
                "a.go:9:19: methods must have a unique non-blank name",
                "a.go:11:10: cannot use type I outside a type constraint: interface contains type constraints",
                "a.go:13:7: cannot use type J outside a type constraint: interface is (or embeds) comparable",
                "a.go:14:10: cannot use comparable in union",
                "a.go:16:19: cannot use p.U in union (p.U contains methods)",
                "a.go:17:19: invalid use of ~ (U is an interface)",
                "a.go:18:19: invalid use of ~ (underlying type of Q2 is int)",
                "a.go:20:27: type in term ~P cannot be a type parameter",
                "a.go:21:26: term cannot be a type parameter",
                "a.go:22:24: embedded field type cannot be a (pointer to a) type parameter",
                "a.go:23:35: overlapping terms int and ~int",
                "a.go:24:15: cannot use a type parameter as RHS in type declaration",
                "a.go:25:11: invalid map key type []int",
                "a.go:26:19: invalid map key type P (missing comparable constraint)",
            ]
        );
    }

    #[test]
    fn receivers_and_parameters() {
        let src = "package p

type B[P any] = int
func (B[P]) m() {}
type F interface{}
func (r *F) m() {}
type L[P any] struct{}
func (L[P]) m(p P) {}
func (l L[_]) o() {}
func (L) q() {}
func (L[*P]) s() {}
func (L[P, Q]) t() {}
func f(a, b int) (c int) { return }
type I interface { m(a, a int) }
var _ func(x, x int)
";
        assert_eq!(
            check(src),
            vec![
                "a.go:4:7: cannot define new methods on generic alias type B[P any]",
                "a.go:6:10: invalid receiver type F (pointer or interface type)",
                "a.go:10:7: cannot use generic type L[P any] without instantiation",
                "a.go:11:9: receiver type parameter *P must be an identifier",
                "a.go:12:7: receiver declares 2 type parameters, but receiver base type declares 1",
                "a.go:14:25: a redeclared in this block\n\ta.go:14:22: other declaration of a",
                "a.go:15:15: x redeclared in this block\n\ta.go:15:12: other declaration of x",
            ]
        );
    }

    #[test]
    fn array_lengths() {
        let src = "package p

const a = 2
var _ [a]int
var _ [-1]int
var _ [1.5]int
var _ [1 << 70]int
var x int
var _ [x]int
var _ [undefinedLen]int
const s = \"s\"
var _ [s]int
var _ [...]int
";
        assert_eq!(
            check(src),
            vec![
                "a.go:5:8: invalid array length -1 (untyped int constant)",
                "a.go:6:8: array length 1.5 (untyped float constant) must be integer",
                "a.go:7:8: invalid array length 1 << 70 (untyped int constant 1180591620717411303424)",
                "a.go:9:8: invalid array length x",
                "a.go:10:8: undefined array length undefinedLen or missing type constraint",
                "a.go:12:8: array length s (untyped string constant \"s\") must be integer",
                "a.go:13:7: invalid use of [...] array (outside a composite literal)",
            ]
        );
    }

    #[test]
    fn dot_imports_are_used_through_their_names() {
        let a = "package p

import . \"unsafe\"

var _ Pointer
";
        let b = "package p

import . \"unsafe\"

var x = 1
";
        assert_eq!(
            crate::testutil::check_files(&[("a.go", a), ("b.go", b)]),
            vec!["b.go:3:8: \"unsafe\" imported and not used"]
        );
    }

    #[test]
    fn type_expressions_are_recorded() {
        use crate::arena::Store;
        use crate::info::ExprKey;
        use crate::operand::Mode;
        use crate::ty::Type;
        use syntax::ast::{self, Expr, ExprKind};
        let src = "package p\n\ntype T struct{ f int }\n\nvar x *T\n";
        let fset = syntax::FileSet::new();
        let (f, errs) = syntax::parse_file(&fset, "a.go", src.as_bytes());
        assert!(errs.is_empty());
        let files = [f];
        let world = crate::arena::World::new();
        let c = crate::check::Checker::new(
            &world,
            &fset,
            crate::testutil::P,
            "p",
            &files,
            &crate::testutil::UnsafeOnly,
        );
        let checked = c.check();
        assert!(checked.errors.is_empty());
        let ast::Decl::Gen(g) = &files[0].decls[1] else {
            panic!("var decl")
        };
        let ast::Spec::Value(vs) = &g.specs[0] else {
            panic!("value spec")
        };
        let ptr = vs.typ.as_ref().expect("type");
        let ExprKind::Operation(_, name, None) = &ptr.kind else {
            panic!("*T")
        };
        let key = |e: &Expr| ExprKey { file: 0, id: e.id };
        let tv = checked.info.types.get(&key(ptr)).expect("*T recorded");
        assert_eq!(tv.mode, Mode::TypeExpr);
        let tv_name = checked.info.types.get(&key(name)).expect("T recorded");
        let used = *checked.info.uses.get(&key(name)).expect("T used");
        let local = crate::arena::Local {
            world: &world,
            arena: checked.arena,
        };
        assert_eq!(local.obj(used).name.as_str(), "T");
        assert_eq!(local.obj(used).typ, Some(tv_name.typ));
        assert!(matches!(local.ty(tv.typ), Type::Pointer(b) if *b == tv_name.typ));
        // T, its field f and x are definitions.
        let defs: Vec<&str> = {
            let mut d: Vec<&str> = checked
                .info
                .defs
                .values()
                .map(|&o| local.obj(o).name.as_str())
                .collect();
            d.sort_unstable();
            d
        };
        assert_eq!(defs, ["T", "f", "x"]);
    }
}
