//! Collecting a package's objects (types2's collectObjects): a scope per
//! file holding its imports, every package-level constant, variable, type
//! and function declared in the package scope, methods set aside for
//! their receiver base types, and the errors gc reports at this stage
//! (redeclarations, wrong `init`/`main`, init expressions that do not
//! match the names, imports that cannot be found).

use syntax::ast::{self, sym, Decl, Spec, Symbol};
use syntax::print::expr_string;
use syntax::token::Token;
use syntax::Pos;

use crate::arena::{ObjId, Store};
use crate::check::{Checker, DeclInfo, DeclKind, MethodDecl};
use crate::errors::TypeError;
use crate::object::{ObjKind, Object};
use crate::scope::Scope;

impl<'a> Checker<'a, '_> {
    pub fn collect_objects(&mut self) {
        let files = self.files.clone();
        for (i, file) in files.into_iter().enumerate() {
            self.env.file = i as u32;
            if file.name.is_blank() {
                self.error(TypeError::new(file.name.pos, "invalid package name _"));
            }
            let scope = self.store.arena.add_scope(Scope::new(
                Some(self.pkg_scope),
                file.package,
                file.eof,
                "file",
            ));
            self.file_scopes.push(scope);
            for decl in &file.decls {
                match decl {
                    Decl::Gen(g) => self.collect_gen_decl(g, scope),
                    Decl::Func(f) => self.collect_func_decl(f, scope),
                }
            }
        }
        self.check_file_scopes_against_package();
    }

    fn collect_gen_decl(&mut self, g: &'a ast::GenDecl, file_scope: crate::arena::ScopeId) {
        // The last const spec with values: later specs of the group without
        // any repeat its type and values (implicit repetition).
        let mut last_const: Option<&'a ast::ValueSpec> = None;
        for spec in &g.specs {
            match spec {
                Spec::Import(s) => self.collect_import(s, file_scope),
                Spec::Value(s) if g.tok == Token::Const => {
                    let inherited = s.typ.is_none() && s.values.is_empty();
                    if !inherited {
                        last_const = Some(s);
                    }
                    let source = if inherited { last_const } else { Some(s) };
                    let values: &'a [ast::Expr] = source.map_or(&[], |l| &l.values);
                    let typ = source.and_then(|l| l.typ.as_ref());
                    for (i, name) in s.names.iter().enumerate() {
                        let obj = self
                            .new_object(*name, ObjKind::Const(crate::constant::Value::unknown()));
                        let kind = DeclKind::Const {
                            typ,
                            init: values.get(i),
                            iota: s.iota,
                            inherited,
                        };
                        self.declare_package_object(*name, obj, file_scope, kind);
                    }
                    self.arity(s.pos, &s.names, values, true, inherited);
                }
                Spec::Value(s) => {
                    let var = || ObjKind::Var {
                        embedded: false,
                        is_field: false,
                        is_param: false,
                        used: false,
                    };
                    let objs: Vec<ObjId> =
                        s.names.iter().map(|n| self.new_object(*n, var())).collect();
                    // `var a, b = f()`: one initializer for all.
                    let shared = s.values.len() == 1 && s.names.len() > 1;
                    for (i, (name, &obj)) in s.names.iter().zip(&objs).enumerate() {
                        let init = if shared {
                            s.values.first()
                        } else {
                            s.values.get(i)
                        };
                        let lhs = shared.then(|| objs.clone());
                        let kind = DeclKind::Var {
                            typ: s.typ.as_ref(),
                            init,
                            lhs,
                        };
                        self.declare_package_object(*name, obj, file_scope, kind);
                    }
                    // With a type and no values there is nothing to match.
                    if s.typ.is_none() || !s.values.is_empty() {
                        self.arity(s.pos, &s.names, &s.values, false, false);
                    }
                }
                Spec::Type(s) => {
                    let obj = self.new_object(s.name, ObjKind::TypeName);
                    self.declare_package_object(s.name, obj, file_scope, DeclKind::Type(s));
                }
            }
        }
    }

    fn collect_func_decl(&mut self, f: &'a ast::FuncDecl, file_scope: crate::arena::ScopeId) {
        let name = f.name;
        let obj = self.new_object(name, ObjKind::Func { ptr_recv: false });
        let info = DeclInfo {
            file_scope,
            file: self.env.file,
            kind: DeclKind::Func(f),
        };
        if let Some(recv) = &f.recv {
            // A method: associated with its base type once types are known.
            if let Some(base) = receiver_base_name(&recv.typ) {
                self.methods.push(MethodDecl { base, obj });
            }
            self.decls.insert(obj, info);
            self.objects.push(obj);
            return;
        }
        let is_main_pkg = self.store.arena.name.as_ref() == "main";
        let special =
            name.value.as_str() == "init" || (name.value.as_str() == "main" && is_main_pkg);
        if special {
            let n = name.value.as_str();
            if let Some(tp) = f.tparams.first() {
                let at = tp.names.first().map_or(tp.pos, |n| n.pos);
                self.error(
                    TypeError::new(at, format!("func {n} must have no type parameters")).soft(),
                );
            }
            if !f.typ.params.is_empty() || !f.typ.results.is_empty() {
                self.error(
                    TypeError::new(
                        name.pos,
                        format!("func {n} must have no arguments and no return values"),
                    )
                    .soft(),
                );
            }
        }
        if name.value.as_str() == "init" {
            // init functions are not declared: they cannot be referred to.
            if f.body.is_none() {
                self.error(TypeError::new(name.pos, "func init must have a body").soft());
            }
            self.store.arena.obj_mut(obj).parent = Some(self.pkg_scope);
            self.inits.push(obj);
            self.decls.insert(obj, info);
            self.objects.push(obj);
            return;
        }
        self.declare_package_object(name, obj, file_scope, DeclKind::Func(f));
    }

    fn collect_import(&mut self, s: &'a ast::ImportSpec, file_scope: crate::arena::ScopeId) {
        let Some(path_lit) = &s.path else { return };
        if path_lit.bad {
            return;
        }
        let Some(path) = unquote_import_path(&path_lit.value) else {
            return;
        };
        if let Some(n) = s.local_name {
            if n.value.as_str() == "init" {
                self.error(TypeError::new(
                    n.pos,
                    "cannot import package as init - init must be a func",
                ));
                return;
            }
        }
        // A failed import is reported once per path; its name is still
        // declared, standing for a package named after the path.
        let imported = match self.imported.get(&path) {
            Some(&done) => done,
            None => {
                let done = match self.importer.import(&path) {
                    Ok(p) => Some(p),
                    Err(why) => {
                        self.error(TypeError::new(
                            path_lit.pos,
                            format!("could not import {path} ({why})"),
                        ));
                        None
                    }
                };
                self.imported.insert(path.clone(), done);
                done
            }
        };
        let default_name = match imported {
            Some(p) => self.package_name(p),
            None => path
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_string(),
        };
        let name = match s.local_name {
            Some(n) => n,
            None => ast::Name {
                pos: path_lit.pos,
                value: sym(&default_name),
            },
        };
        match name.value.as_str() {
            "_" => {}
            "." => {
                // Dot-import: the package's exported objects become file
                // scope names.
                let Some(imported) = imported else { return };
                let obj = self.store.arena.add_object(Object::new(
                    name.value,
                    name.pos,
                    Some(self.pkg()),
                    None,
                    ObjKind::PkgName {
                        imported: Some(imported),
                        path: path.as_str().into(),
                        used: false,
                    },
                ));
                self.dot_imports.push((file_scope, obj, name.pos));
                let world = self.store.world;
                let scope_id = if imported == crate::universe::UNSAFE {
                    Some(crate::universe::UNSAFE_SCOPE)
                } else {
                    world.arena(imported).scope
                };
                let Some(scope) = scope_id.map(|s| world.scope(s)) else {
                    return;
                };
                for &n in &scope.names {
                    let o = scope.lookup(n).expect("names and elems agree");
                    if world.obj(o).is_exported() {
                        let _ = self.store.arena.scope_mut(file_scope).insert(n, o);
                    }
                }
            }
            _ => {
                let obj = self.store.arena.add_object(Object::new(
                    name.value,
                    name.pos,
                    Some(self.pkg()),
                    None,
                    ObjKind::PkgName {
                        imported,
                        path: path.as_str().into(),
                        used: false,
                    },
                ));
                self.declare(file_scope, name, obj);
            }
        }
    }

    fn new_object(&mut self, name: ast::Name, kind: ObjKind) -> ObjId {
        let pkg = Some(self.pkg());
        self.store
            .arena
            .add_object(Object::new(name.value, name.pos, pkg, None, kind))
    }

    fn declare_package_object(
        &mut self,
        name: ast::Name,
        obj: ObjId,
        file_scope: crate::arena::ScopeId,
        kind: DeclKind<'a>,
    ) {
        match name.value.as_str() {
            "init" => self.error(TypeError::new(
                name.pos,
                "cannot declare init - must be func",
            )),
            "main"
                if self.store.arena.name.as_ref() == "main"
                    && !matches!(kind, DeclKind::Func(_)) =>
            {
                self.error(TypeError::new(
                    name.pos,
                    "cannot declare main - must be func",
                ))
            }
            _ => {}
        }
        self.declare(self.pkg_scope, name, obj);
        let file = self.env.file;
        self.decls.insert(
            obj,
            DeclInfo {
                file_scope,
                file,
                kind,
            },
        );
        self.objects.push(obj);
    }

    /// Declares `obj` in `scope` under `name` (types2's declare): the blank
    /// identifier declares nothing; a taken name is reported.
    pub(crate) fn declare(&mut self, scope: crate::arena::ScopeId, name: ast::Name, obj: ObjId) {
        if name.is_blank() {
            return;
        }
        match self.store.arena.scope_mut(scope).insert(name.value, obj) {
            Ok(()) => self.store.arena.obj_mut(obj).parent = Some(scope),
            Err(alt) => {
                let mut e =
                    TypeError::new(name.pos, format!("{} redeclared in this block", name.value));
                let alt_pos = self.store.obj(alt).pos;
                if alt_pos.is_known() {
                    e = e.with(alt_pos, format!("other declaration of {}", name.value));
                }
                self.error(e);
            }
        }
    }

    /// Reports init expressions that do not match the names (types2's
    /// arity check), for package-level and local declarations.
    pub(crate) fn arity(
        &mut self,
        pos: Pos,
        names: &[ast::Name],
        inits: &[ast::Expr],
        is_const: bool,
        inherited: bool,
    ) {
        let (l, r) = (names.len(), inits.len());
        if l < r {
            let n = &inits[l];
            let e = if inherited {
                let at = self
                    .fset
                    .position(n.start_pos())
                    .map(|p| p.to_string())
                    .unwrap_or_default();
                TypeError::new(pos, format!("extra init expr at {at}"))
            } else {
                TypeError::new(n.start_pos(), format!("extra init expr {}", expr_string(n)))
            };
            self.error(e);
        } else if l > r && (is_const || r != 1) {
            // With one value it may be a multi-valued call: checked later.
            let n = names[r];
            self.error(TypeError::new(
                n.pos,
                format!("missing init expr for {}", n.value),
            ));
        }
    }

    /// Names of a file scope (imports) must differ from package-level
    /// names.
    fn check_file_scopes_against_package(&mut self) {
        for i in 0..self.file_scopes.len() {
            let fs = self.file_scopes[i];
            let names = self.store.scope(fs).names.clone();
            for name in names {
                let Some(alt) = self.store.scope(self.pkg_scope).lookup(name) else {
                    continue;
                };
                let obj = self
                    .store
                    .scope(fs)
                    .lookup(name)
                    .expect("names and elems agree");
                let (alt_pos, o) = (self.store.obj(alt).pos, self.store.obj(obj).clone());
                let e = match o.kind {
                    ObjKind::PkgName {
                        imported, ref path, ..
                    } => {
                        let pname = match imported {
                            Some(p) => self.package_name(p),
                            None => path.rsplit('/').next().unwrap_or_default().to_string(),
                        };
                        TypeError::new(alt_pos, format!("{name} already declared through import of package {pname} ({path:?})"))
                            .with(o.pos, format!("other declaration of {name}"))
                    }
                    _ => {
                        let (pname, path) =
                            o.pkg.map(|p| self.store.package(p)).unwrap_or(("", ""));
                        TypeError::new(alt_pos, format!("{name} already declared through dot-import of package {pname} ({path:?})"))
                    }
                };
                self.error(e);
            }
        }
    }
}

/// The name of a receiver's base type: `T` in `T`, `*T`, `T[P]`, `*T[P]`,
/// `(T)`.
fn receiver_base_name(t: &ast::Expr) -> Option<Symbol> {
    let mut t = t.unparen();
    if let ast::ExprKind::Operation(syntax::token::Operator::Mul, x, None) = &t.kind {
        t = x.unparen();
    }
    if let ast::ExprKind::Index(x, _) = &t.kind {
        t = x.unparen();
    }
    t.as_name()
}

/// The path of an import spec: the string literal's value (import paths
/// cannot contain escapes that matter here; `"fmt"` and `` `fmt` ``).
fn unquote_import_path(lit: &str) -> Option<String> {
    let inner = lit
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .or_else(|| lit.strip_prefix('`').and_then(|s| s.strip_suffix('`')))?;
    if inner.contains('\\') {
        // Escapes in import paths are rare; a full unquote comes with the
        // constant package.
        return None;
    }
    Some(inner.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arena::{PkgIdx, World};
    use crate::check::Importer;
    use syntax::FileSet;

    struct NoPackages;
    impl Importer for NoPackages {
        fn import(&self, _: &str) -> Result<PkgIdx, String> {
            Err("file not found".into())
        }
    }

    fn collect(src: &str) -> String {
        let fset = FileSet::new();
        let (file, errs) = syntax::parse_file(&fset, "a.go", src.as_bytes());
        assert!(errs.is_empty(), "{errs:?}");
        let files = [file];
        let world = World::new();
        let mut c = Checker::new(&world, &fset, PkgIdx(2), "main", &files, &NoPackages);
        c.collect_objects();
        let (_, errors) = c.finish();
        errors
            .iter()
            .map(|e| format!("{}\n", e.display(&fset)))
            .collect()
    }

    /// gc's output (`go tool compile -e` without an import config) for the
    /// same program, minus nothing: every error here is a resolver error.
    #[test]
    fn resolver_errors_match_gc() {
        let src = "package main

import \"strings\"
import fmt \"strings\"

var x int
var x string

func init() int { return 0 }

var init = 1

const a, b = 1
const c = 1, 2
const (
	d, e = 1, 2
	f
)

var g, h, i = 1, 2

type main int

func (T) m() {}

var strings = 3

type T int
";
        let want = "\
a.go:3:8: could not import strings (file not found)
a.go:7:5: x redeclared in this block
\ta.go:6:5: other declaration of x
a.go:9:6: func init must have no arguments and no return values
a.go:11:5: cannot declare init - must be func
a.go:13:10: missing init expr for b
a.go:14:14: extra init expr 2
a.go:17:2: extra init expr at a.go:16:12
a.go:20:11: missing init expr for i
a.go:22:6: cannot declare main - must be func
a.go:26:5: strings already declared through import of package strings (\"strings\")
\ta.go:3:8: other declaration of strings
";
        assert_eq!(collect(src), want);
    }

    #[test]
    fn blank_package_name_is_invalid() {
        assert_eq!(collect("package _\n"), "a.go:1:9: invalid package name _\n");
    }

    #[test]
    fn methods_wait_for_their_base_type() {
        let fset = FileSet::new();
        let src = "package p\nfunc (t *T[P]) m() {}\nfunc (T) n() {}\ntype T[P any] int\nfunc init() {}\nfunc init() {}\n";
        let (file, _) = syntax::parse_file(&fset, "a.go", src.as_bytes());
        let files = [file];
        let world = World::new();
        let mut c = Checker::new(&world, &fset, PkgIdx(2), "p", &files, &NoPackages);
        c.collect_objects();
        let bases: Vec<&str> = c.methods.iter().map(|m| m.base.as_str()).collect();
        assert_eq!(bases, ["T", "T"]);
        assert_eq!(c.inits.len(), 2, "several init functions are fine");
        assert!(c.store.scope(c.pkg_scope).lookup(sym("init")).is_none());
        assert!(c.store.scope(c.pkg_scope).lookup(sym("T")).is_some());
        assert!(c.errors.is_empty(), "{:?}", c.errors);
    }
}
