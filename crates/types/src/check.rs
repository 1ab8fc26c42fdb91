//! The checker of one package: its state, its inputs and its output.
//!
//! `Checker::new` takes the package's parsed files and a way to find the
//! packages they import (already checked: their arenas are in the
//! `World`); the passes (`resolver` now, declarations, bodies and init
//! order to come) fill the package's arena and report `TypeError`s.

use std::collections::HashMap;

use syntax::ast::{self, Symbol};
use syntax::FileSet;

use crate::arena::{Arena, Local, ObjId, PkgIdx, ScopeId, Store, World};
use crate::errors::TypeError;

/// How the checker finds an imported package: its index in the world, or
/// why it cannot be imported.
pub trait Importer {
    fn import(&self, path: &str) -> Result<PkgIdx, String>;
}

/// What a package-level object was declared by, for the passes that
/// type-check declarations lazily (in dependency order, as types2 does).
// Read by the declaration pass, which comes next.
#[allow(dead_code)]
#[derive(Debug)]
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

#[allow(dead_code)]
#[derive(Debug)]
pub(crate) struct DeclInfo<'a> {
    /// The scope of the file the declaration is in (for its imports).
    pub file_scope: ScopeId,
    pub kind: DeclKind<'a>,
}

/// A method declaration waiting for its receiver base type.
#[allow(dead_code)]
#[derive(Debug)]
pub(crate) struct MethodDecl {
    /// The receiver base type's name (`T` in `func (*T[P]) m()`).
    pub base: Symbol,
    pub obj: ObjId,
}

pub struct Checker<'a, 'w> {
    pub(crate) fset: &'a FileSet,
    pub(crate) files: &'a [ast::File],
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
}

impl<'a, 'w> Checker<'a, 'w> {
    /// A checker for the package `path` whose arena index is `pkg`.
    pub fn new(
        world: &'w World,
        fset: &'a FileSet,
        pkg: PkgIdx,
        path: &str,
        files: &'a [ast::File],
        importer: &'a dyn Importer,
    ) -> Checker<'a, 'w> {
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
        }
    }

    pub fn pkg(&self) -> PkgIdx {
        self.store.arena.pkg
    }

    pub(crate) fn error(&mut self, e: TypeError) {
        self.errors.push(e);
    }

    /// Runs the passes written so far and returns the package's arena and
    /// the errors, in the order gc reports them (by position).
    pub fn finish(mut self) -> (Arena, Vec<TypeError>) {
        self.errors.sort_by_key(|e| e.pos);
        (self.store.arena, self.errors)
    }

    /// The package name of an imported package.
    pub(crate) fn package_name(&self, pkg: PkgIdx) -> String {
        self.store.package(pkg).0.to_string()
    }
}
