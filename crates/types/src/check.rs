//! The checker of one package: its state, its inputs and its output.
//!
//! `Checker::new` takes the package's parsed files and a way to find the
//! packages they import (already checked: their arenas are in the
//! `World`); `check` runs the passes in types2's order — collect objects
//! (`resolver`), type-check package-level declarations (`decl`), function
//! bodies (`stmt`, delayed), initialization order, unused imports — and
//! returns the package's arena, the `Info` side tables and the errors.
//!
//! This module also holds what every pass shares: the environment of the
//! code being checked (`Env`: file, scope, enclosing function, iota), the
//! queue of delayed actions, scopes, recording into `Info`, and error
//! reporting with gc's qualifier.

use std::collections::{HashMap, HashSet};

use syntax::ast::{self, Expr, Symbol};
use syntax::{FileSet, Pos};

use crate::arena::{Arena, Local, ObjId, PkgIdx, ScopeId, Store, TypeId, World};
use crate::constant::Value;
use crate::errors::TypeError;
use crate::info::{ExprKey, Info, Instance, Selection, TypeAndValue};
use crate::object::ObjKind;
use crate::operand::{Mode, Operand};
use crate::scope::Scope;
use crate::typestring::{type_string, RelativeTo};

/// How the checker finds an imported package: its index in the world, or
/// why it cannot be imported.
pub trait Importer {
    fn import(&self, path: &str) -> Result<PkgIdx, String>;
}

/// What a package-level object was declared by, for the passes that
/// type-check declarations lazily (in dependency order, as types2 does).
#[derive(Clone, Debug)]
pub(crate) enum DeclKind<'a> {
    /// A constant; `typ` and `init` may be inherited from an earlier spec
    /// of the same group (implicit repetition).
    Const {
        typ: Option<&'a ast::Expr>,
        init: Option<&'a ast::Expr>,
        iota: u32,
        inherited: bool,
    },
    /// A variable; `lhs` lists all variables of a `var a, b = f()` spec
    /// when they share one initializer.
    Var {
        typ: Option<&'a ast::Expr>,
        init: Option<&'a ast::Expr>,
        lhs: Option<Vec<ObjId>>,
    },
    Type(&'a ast::TypeSpec),
    Func(&'a ast::FuncDecl),
}

#[derive(Debug)]
pub(crate) struct DeclInfo<'a> {
    /// The scope of the file the declaration is in (for its imports).
    pub file_scope: ScopeId,
    /// The index of that file in the package.
    pub file: u32,
    pub kind: DeclKind<'a>,
}

/// A method declaration waiting for its receiver base type.
#[derive(Debug)]
pub(crate) struct MethodDecl {
    /// The receiver base type's name (`T` in `func (*T[P]) m()`).
    pub base: Symbol,
    pub obj: ObjId,
}

/// Where the checker is: what `Env` the code being checked sees.
#[derive(Clone, Debug)]
pub(crate) struct Env {
    /// The index of the file being checked (for `ExprKey`s).
    pub file: u32,
    /// The innermost scope.
    pub scope: ScopeId,
    /// The package-level object being declared: identifiers it uses are
    /// its dependencies (for initialization order and cycles).
    pub decl: Option<ObjId>,
    /// The value of `iota` in a constant declaration.
    pub iota: Option<Value>,
    /// The signature of the function whose body is being checked.
    pub sig: Option<TypeId>,
    /// Type parameters are being declared (their constraints may not yet
    /// be complete).
    pub in_tparam_list: bool,
    /// The function body has labels (then goto/labels are checked).
    pub has_label: bool,
    /// The expression being checked contains a call or receive (a
    /// constant or composite literal key cannot).
    pub has_call_or_recv: bool,
}

/// An untyped expression whose final type is decided by its context
/// (types2's exprInfo), recorded when that is known (`update_expr_type`)
/// or with its default type at the end.
#[derive(Clone, Debug)]
pub(crate) struct UntypedExpr {
    /// The expression is the left operand of a non-constant shift.
    pub is_lhs: bool,
    pub mode: Mode,
    pub typ: TypeId,
    pub val: Option<Value>,
}

/// The color of a package-level object while declarations are checked
/// (types2's object color): white (absent) objects are unchecked, grey
/// ones are on `obj_path` at the given index, black ones are done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Color {
    Grey(u32),
    Black,
}

/// A delayed action: run after the package-level declarations (function
/// bodies, checks that need complete types).
pub(crate) type Later<'a, 'w> = Box<dyn FnOnce(&mut Checker<'a, 'w>) + 'a>;

/// The result of checking a package.
#[derive(Debug)]
pub struct Checked {
    pub arena: Arena,
    pub info: Info,
    /// In source order (gc's order).
    pub errors: Vec<TypeError>,
}

pub struct Checker<'a, 'w> {
    pub(crate) fset: &'a FileSet,
    pub(crate) files: Vec<&'a ast::File>,
    pub(crate) importer: &'a dyn Importer,
    pub(crate) store: Local<'w>,
    /// The package scope.
    pub(crate) pkg_scope: ScopeId,
    /// One scope per file, in file order.
    pub(crate) file_scopes: Vec<ScopeId>,
    /// Declarations of package-level objects, by object.
    pub(crate) decls: HashMap<ObjId, DeclInfo<'a>>,
    /// Package-level objects in source order (types2's objList).
    pub(crate) objects: Vec<ObjId>,
    pub(crate) methods: Vec<MethodDecl>,
    /// `init` functions (not declared in any scope).
    pub(crate) inits: Vec<ObjId>,
    pub(crate) errors: Vec<TypeError>,
    /// Import paths already looked up, and the outcome.
    pub(crate) imported: HashMap<String, Option<PkgIdx>>,
    pub(crate) env: Env,
    pub(crate) info: Info,
    /// Untyped expressions whose type is not yet final.
    pub(crate) untyped: HashMap<ExprKey, UntypedExpr>,
    pub(crate) later: Vec<Option<Later<'a, 'w>>>,
    /// Package-level objects being declared, outermost first.
    pub(crate) obj_path: Vec<ObjId>,
    pub(crate) obj_color: HashMap<ObjId, Color>,
    /// The package-level objects each package-level object refers to.
    pub(crate) deps: HashMap<ObjId, HashSet<ObjId>>,
    /// Methods by receiver base type name (filled by the declaration pass
    /// from `methods`).
    pub(crate) methods_by_base: HashMap<Symbol, Vec<ObjId>>,
    /// Package names of dot-imports, by file scope (to report unused
    /// dot-imports).
    pub(crate) dot_imports: Vec<(ScopeId, ObjId, Pos)>,
    /// Instances of generic types and signatures by origin and type
    /// arguments, so identical instantiations share one type.
    pub(crate) instance_cache: HashMap<(TypeId, Vec<TypeId>), TypeId>,
    /// The generics passes' state: instances whose underlying type is
    /// still to be computed, instances by origin, the monomorphization
    /// graph (see instantiate.rs).
    pub(crate) pending_instances: crate::instantiate::Pending,
    /// The type arguments of a partially instantiated generic function
    /// `f[A]`, by the index expression (see index.rs).
    pub(crate) func_inst_targs: HashMap<ExprKey, Vec<TypeId>>,
    /// The language version in effect: (major, minor) of `go1.N`; `None`
    /// means the newest.
    pub(crate) lang: Option<(u32, u32)>,
}

impl<'a, 'w> Checker<'a, 'w> {
    /// A checker for the package `path` whose arena index is `pkg`.
    pub fn new(
        world: &'w World,
        fset: &'a FileSet,
        pkg: PkgIdx,
        path: &str,
        files: impl IntoIterator<Item = &'a ast::File>,
        importer: &'a dyn Importer,
    ) -> Checker<'a, 'w> {
        let files: Vec<&'a ast::File> = files.into_iter().collect();
        let expr_counts: Vec<u32> = files.iter().map(|f| f.expr_count).collect();
        let mut arena = Arena::new(pkg);
        arena.path = path.into();
        arena.name = files.first().map_or("", |f| f.name.value.as_str()).into();
        let pkg_scope = arena.add_scope(crate::scope::Scope::new(
            Some(crate::universe::UNIVERSE_SCOPE),
            syntax::Pos::NONE,
            syntax::Pos::NONE,
            "package",
        ));
        arena.scope = Some(pkg_scope);
        Checker {
            fset,
            files,
            importer,
            store: Local { world, arena },
            pkg_scope,
            file_scopes: Vec::new(),
            decls: HashMap::new(),
            objects: Vec::new(),
            methods: Vec::new(),
            inits: Vec::new(),
            errors: Vec::new(),
            imported: HashMap::new(),
            env: Env {
                file: 0,
                scope: pkg_scope,
                decl: None,
                iota: None,
                sig: None,
                in_tparam_list: false,
                has_label: false,
                has_call_or_recv: false,
            },
            info: Info::new(&expr_counts),
            untyped: HashMap::new(),
            later: Vec::new(),
            obj_path: Vec::new(),
            obj_color: HashMap::new(),
            deps: HashMap::new(),
            methods_by_base: HashMap::new(),
            dot_imports: Vec::new(),
            instance_cache: HashMap::new(),
            pending_instances: Default::default(),
            func_inst_targs: HashMap::new(),
            lang: None,
        }
    }

    /// Sets the language version (`-lang`, or the module's `go` line):
    /// features newer than `go1.minor` are reported.
    pub fn set_lang(&mut self, major: u32, minor: u32) {
        self.lang = Some((major, minor));
    }

    /// Whether the language version allows a feature of `go1.minor`.
    /// A file whose `//go:build` line names a Go version is checked at
    /// max(that version, go1.21) instead of the package's (types2's rule:
    /// go1.21 is the first release that honours such downgrades).
    pub(crate) fn allow_version(&self, minor: u32) -> bool {
        let file_minor = self
            .files
            .get(self.env.file as usize)
            .and_then(|f| f.go_version.as_deref())
            .and_then(|v| v.strip_prefix("go1."))
            .and_then(|v| v.split('.').next()?.parse::<u32>().ok());
        match file_minor {
            Some(m) => m.max(21) >= minor,
            None => self.lang.is_none_or(|(maj, min)| maj > 1 || min >= minor),
        }
    }

    /// Type-checks the package: every pass, in types2's order.
    pub fn check(mut self) -> Checked {
        self.collect_objects();
        self.package_objects();
        self.process_delayed(0);
        self.init_order();
        self.mark_reachable_unexported();
        self.unused_imports();
        self.record_untyped();
        if self.errors.is_empty() {
            self.monomorph();
        }
        let mut errors = std::mem::take(&mut self.errors);
        errors.sort_by_key(|e| e.pos);
        errors.dedup_by(|a, b| a.pos == b.pos && a.msg == b.msg);
        Checked {
            arena: self.store.arena,
            info: self.info,
            errors,
        }
    }

    /// Runs delayed actions from index `top` on, including those they
    /// add, in order.
    pub(crate) fn process_delayed(&mut self, top: usize) {
        let mut i = top;
        while i < self.later.len() {
            if let Some(f) = self.later[i].take() {
                f(self);
            }
            i += 1;
        }
        self.later.truncate(top);
    }

    pub(crate) fn later(&mut self, f: impl FnOnce(&mut Checker<'a, 'w>) + 'a) {
        self.later.push(Some(Box::new(f)));
    }

    /// Runs `f` with enough stack for one more level of recursion over
    /// the syntax tree (trees nest up to `syntax::MAX_NESTING` deep).
    pub(crate) fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        stacker::maybe_grow(64 << 10, 1 << 20, || f(self))
    }

    // ---- scopes ----

    /// Opens a block scope inside the current one.
    pub(crate) fn open_scope(&mut self, start: Pos, end: Pos, comment: &'static str) -> ScopeId {
        let s = self
            .store
            .arena
            .add_scope(Scope::new(Some(self.env.scope), start, end, comment));
        self.env.scope = s;
        s
    }

    pub(crate) fn close_scope(&mut self) {
        let parent = self.store.scope(self.env.scope).parent;
        self.env.scope = parent.expect("closing the universe");
    }

    /// The object `name` denotes in the current scope, and the scope it
    /// was found in.
    pub(crate) fn lookup(&self, name: Symbol) -> Option<(ScopeId, ObjId)> {
        let mut s = Some(self.env.scope);
        while let Some(id) = s {
            let scope = self.store.scope(id);
            if let Some(o) = scope.lookup(name) {
                return Some((id, o));
            }
            s = scope.parent;
        }
        None
    }

    /// Computes `Arena::reachable_unexported`: the closure of the
    /// dependencies of exported objects and of methods (whose bodies gc
    /// exports with their types).
    fn mark_reachable_unexported(&mut self) {
        let mut stack: Vec<ObjId> = self
            .decls
            .keys()
            .copied()
            .filter(|&o| {
                let obj = self.store.obj(o);
                obj.is_exported()
                    || matches!(self.decls[&o].kind, DeclKind::Func(f) if f.recv.is_some())
            })
            .collect();
        let mut seen: HashSet<ObjId> = stack.iter().copied().collect();
        while let Some(o) = stack.pop() {
            for &d in self.deps.get(&o).into_iter().flatten() {
                if seen.insert(d) {
                    stack.push(d);
                }
            }
        }
        let reachable = seen
            .into_iter()
            .filter(|&o| !self.store.obj(o).is_exported())
            .collect();
        self.store.arena.reachable_unexported = reachable;
    }

    /// Records that the package-level object being declared refers to
    /// `obj` (a package-level object of this package).
    pub(crate) fn add_dep(&mut self, obj: ObjId) {
        if let Some(d) = self.env.decl {
            if self.decls.contains_key(&obj) {
                self.deps.entry(d).or_default().insert(obj);
            }
        }
    }

    // ---- recording ----

    pub(crate) fn key(&self, e: &Expr) -> ExprKey {
        ExprKey {
            file: self.env.file,
            id: e.id,
        }
    }

    pub(crate) fn record_type_and_value(
        &mut self,
        e: &Expr,
        mode: Mode,
        typ: TypeId,
        val: Option<Value>,
    ) {
        if mode == Mode::Invalid {
            return;
        }
        let k = self.key(e);
        self.info.types.insert(k, TypeAndValue { mode, typ, val });
    }

    /// Records the result of checking `e`; an untyped result is recorded
    /// in `untyped` until its final type is known.
    pub(crate) fn record_operand(&mut self, e: &'a Expr, x: &Operand<'a>) {
        if x.mode == Mode::Invalid {
            return;
        }
        if crate::predicates::is_untyped(&self.store, x.typ) {
            let k = self.key(e);
            self.untyped.insert(
                k,
                UntypedExpr {
                    is_lhs: false,
                    mode: x.mode,
                    typ: x.typ,
                    val: x.val.clone(),
                },
            );
            return;
        }
        self.record_type_and_value(e, x.mode, x.typ, x.val.clone());
    }

    pub(crate) fn record_def(&mut self, name: &ast::Name, obj: ObjId) {
        self.info.defs.insert(name.pos, obj);
    }

    pub(crate) fn record_use(&mut self, e: &Expr, obj: ObjId) {
        let k = self.key(e);
        self.info.uses.insert(k, obj);
    }

    pub(crate) fn record_implicit(&mut self, pos: Pos, obj: ObjId) {
        self.info.implicits.insert(pos, obj);
    }

    pub(crate) fn record_selection(&mut self, e: &Expr, sel: Selection) {
        let k = self.key(e);
        self.info.selections.insert(k, sel);
    }

    pub(crate) fn record_instance(&mut self, e: &Expr, targs: Vec<TypeId>, typ: TypeId) {
        let k = self.key(e);
        self.info.instances.insert(k, Instance { targs, typ });
    }

    // ---- messages ----

    /// How this package's messages name packages and declarations.
    pub(crate) fn qualifier(&self) -> InMessages<'_, Local<'w>> {
        InMessages {
            rel: RelativeTo(&self.store, self.pkg()),
            fset: self.fset,
        }
    }

    /// A type as gc's messages print it in this package.
    pub(crate) fn type_str(&self, t: TypeId) -> String {
        type_string(&self.store, &self.qualifier(), t)
    }

    /// An operand as gc's messages describe it.
    pub(crate) fn op_str(&self, x: &Operand) -> String {
        x.describe(&self.store, &self.qualifier())
    }

    pub(crate) fn errorf(&mut self, pos: Pos, msg: impl Into<String>) {
        self.error(TypeError::new(pos, msg));
    }

    pub(crate) fn soft_errorf(&mut self, pos: Pos, msg: impl Into<String>) {
        self.error(TypeError::new(pos, msg).soft());
    }

    /// Reports "declared and not used" for the variables of `scope` and
    /// its children that were never used... (done per function by
    /// `stmt::usage`); here: imports never used.
    fn unused_imports(&mut self) {
        for &fs in &self.file_scopes.clone() {
            let names = self.store.scope(fs).names.clone();
            for n in names {
                let Some(o) = self.store.scope(fs).lookup(n) else {
                    continue;
                };
                let obj = self.store.obj(o);
                if let ObjKind::PkgName {
                    imported: Some(_),
                    path,
                    used: false,
                } = &obj.kind
                {
                    let (pos, path) = (obj.pos, path.clone());
                    let elem = path.rsplit('/').next().unwrap_or(&path);
                    let msg = if n.as_str() == elem {
                        format!("\"{path}\" imported and not used")
                    } else {
                        format!("\"{path}\" imported as {n} and not used")
                    };
                    self.soft_errorf(pos, msg);
                }
            }
        }
        for (_, o, pos) in self.dot_imports.clone() {
            if let ObjKind::PkgName {
                imported: Some(_),
                path,
                used: false,
            } = &self.store.obj(o).kind
            {
                let msg = format!("\"{path}\" imported and not used");
                self.soft_errorf(pos, msg);
            }
        }
    }

    pub fn pkg(&self) -> PkgIdx {
        self.store.arena.pkg
    }

    pub(crate) fn error(&mut self, e: TypeError) {
        // As types2 does: once an error was reported, messages mentioning
        // "invalid operand" or "invalid type" (not at their start) are
        // follow-on errors and dropped.
        let follow_on = |w: &str| e.msg.find(w).is_some_and(|i| i > 0);
        if !self.errors.is_empty() && (follow_on("invalid operand") || follow_on("invalid type")) {
            return;
        }
        // As gc does: one of equal messages on a line.
        if let Some(last) = self.errors.last() {
            let line = |p: Pos| self.fset.position(p).map(|p| (p.filename, p.line));
            if last.msg == e.msg && line(last.pos) == line(e.pos) {
                return;
            }
        }
        self.errors.push(e);
    }

    /// Returns the package's arena and the errors so far, in the order gc
    /// reports them (by position), without running further passes.
    pub fn finish(mut self) -> (Arena, Vec<TypeError>) {
        self.errors.sort_by_key(|e| e.pos);
        (self.store.arena, self.errors)
    }

    /// The package name of an imported package.
    pub(crate) fn package_name(&self, pkg: PkgIdx) -> String {
        self.store.package(pkg).0.to_string()
    }
}

/// The qualifier of a package's error messages: other packages by name,
/// and declaration positions from the file set.
pub(crate) struct InMessages<'s, S: crate::arena::Store> {
    rel: RelativeTo<'s, S>,
    fset: &'s FileSet,
}

impl<S: crate::arena::Store> crate::typestring::Qualifier for InMessages<'_, S> {
    fn qualify(&self, pkg: PkgIdx) -> Option<String> {
        self.rel.qualify(pkg)
    }

    fn declared_at(&self, pos: Pos) -> Option<String> {
        self.fset.position(pos).map(|p| p.to_string())
    }
}
