//! Builders for the unit tests of this crate: types and objects made by
//! hand in a package arena, without a parser or checker; and the
//! harnesses that parse and check small packages (`check_source`,
//! `check_source_lang`, `check_importing`).

use syntax::ast::sym;
use syntax::Pos;

use crate::arena::{Local, ObjId, PkgIdx, TypeId};
use crate::object::{ObjKind, Object};
use crate::ty::{Named, Signature, Struct, Type};
use crate::typestring::Qualifier;

/// The package the test objects belong to.
pub const P: PkgIdx = PkgIdx(2);

/// Prints every type unqualified.
pub struct Unqualified;

impl Qualifier for Unqualified {
    fn qualify(&self, _: PkgIdx) -> Option<String> {
        None
    }
}

fn var(l: &mut Local, name: &str, t: TypeId, is_field: bool, embedded: bool) -> ObjId {
    let kind = ObjKind::Var {
        embedded,
        is_field,
        is_param: !is_field,
        used: false,
    };
    l.arena
        .add_object(Object::new(sym(name), Pos::NONE, Some(P), Some(t), kind))
}

/// A parameter or result variable.
pub fn param(l: &mut Local, name: &str, t: TypeId) -> ObjId {
    var(l, name, t, false, false)
}

/// A struct field.
pub fn field(l: &mut Local, name: &str, t: TypeId, embedded: bool) -> ObjId {
    var(l, name, t, true, embedded)
}

/// `func(params) results` with unnamed parameters and results.
pub fn sig(l: &mut Local, params: &[TypeId], results: &[TypeId]) -> TypeId {
    let ps: Vec<ObjId> = params.iter().map(|&t| param(l, "", t)).collect();
    let rs: Vec<ObjId> = results.iter().map(|&t| param(l, "", t)).collect();
    let params = l.arena.add_type(Type::Tuple(ps));
    let results = l.arena.add_type(Type::Tuple(rs));
    l.arena.add_type(Type::Signature(Signature {
        recv: None,
        tparams: vec![],
        recv_tparams: vec![],
        params,
        results,
        variadic: false,
    }))
}

/// A function or method object.
pub fn func(l: &mut Local, name: &str, sig: TypeId, ptr_recv: bool) -> ObjId {
    l.arena.add_object(Object::new(
        sym(name),
        Pos::NONE,
        Some(P),
        Some(sig),
        ObjKind::Func { ptr_recv },
    ))
}

/// A named type (underlying type possibly set later) with its type name.
pub fn named(l: &mut Local, name: &str, underlying: Option<TypeId>, methods: Vec<ObjId>) -> TypeId {
    let obj = l.arena.add_object(Object::new(
        sym(name),
        Pos::NONE,
        Some(P),
        None,
        ObjKind::TypeName,
    ));
    let t = l.arena.add_type(Type::Named(Named {
        obj,
        underlying,
        methods,
        tparams: vec![],
        origin: None,
        targs: vec![],
    }));
    l.arena.obj_mut(obj).typ = Some(t);
    t
}

/// Sets a named type's underlying type to a struct of `fields`.
pub fn set_struct(l: &mut Local, t: TypeId, fields: Vec<ObjId>) {
    let st = l.arena.add_type(Type::Struct(Struct {
        fields,
        tags: vec![],
    }));
    if let Type::Named(n) = l.arena.ty_mut(t) {
        n.underlying = Some(st);
    }
}

/// Adds a method without parameters or results to named type `t`.
pub fn method(l: &mut Local, t: TypeId, name: &str, ptr_recv: bool) -> ObjId {
    let s = sig(l, &[], &[]);
    let m = func(l, name, s, ptr_recv);
    if let Type::Named(n) = l.arena.ty_mut(t) {
        n.methods.push(m);
    }
    m
}

/// Resolves only package unsafe (unit tests have no other packages).
pub struct UnsafeOnly;

impl crate::check::Importer for UnsafeOnly {
    fn import(&self, path: &str) -> Result<PkgIdx, String> {
        if path == "unsafe" {
            Ok(crate::universe::UNSAFE)
        } else {
            Err(format!("package {path} is not in std"))
        }
    }
}

/// Type-checks the one-file package `src` (file name `a.go`) and returns
/// its syntax and type errors as gc prints them, one string each.
pub fn check_source(src: &str) -> Vec<String> {
    check_files(&[("a.go", src)])
}

/// `check_source` with language version go1.`minor` (`-lang`).
pub fn check_source_lang(src: &str, minor: u32) -> Vec<String> {
    let world = crate::arena::World::new();
    check_package(
        &syntax::FileSet::new(),
        &[("a.go", src)],
        Some(minor),
        &world,
        &UnsafeOnly,
    )
}

/// Type-checks a package made of the given (name, source) files.
pub fn check_files(files: &[(&str, &str)]) -> Vec<String> {
    let world = crate::arena::World::new();
    check_package(&syntax::FileSet::new(), files, None, &world, &UnsafeOnly)
}

/// Resolves "unsafe" and "m/q", the package `check_importing` checks
/// first.
struct WithQ;

const Q: PkgIdx = PkgIdx(3);

impl crate::check::Importer for WithQ {
    fn import(&self, path: &str) -> Result<PkgIdx, String> {
        match path {
            "m/q" => Ok(Q),
            _ => UnsafeOnly.import(path),
        }
    }
}

/// Type-checks package "m/q" (`dep`, file q.go; it must check cleanly),
/// then the package made of `file` (`src`) importing it as "m/q", and
/// returns the second package's errors.
pub fn check_importing(dep: &str, file: &str, src: &str) -> Vec<String> {
    use crate::check::Checker;
    let fset = syntax::FileSet::new();
    let (qf, qerrs) = syntax::parse_file(&fset, "q.go", dep.as_bytes());
    assert!(qerrs.is_empty(), "syntax errors in m/q");
    let mut world = crate::arena::World::new();
    let q = Checker::new(&world, &fset, Q, "m/q", [&qf], &WithQ).check();
    assert!(q.errors.is_empty(), "errors in m/q: {:?}", q.errors);
    world.insert(std::sync::Arc::new(q.arena));
    check_package(&fset, &[(file, src)], None, &world, &WithQ)
}

/// Parses and type-checks one package in `world`: its syntax errors, if
/// any, else its type errors.
fn check_package(
    fset: &syntax::FileSet,
    files: &[(&str, &str)],
    lang: Option<u32>,
    world: &crate::arena::World,
    importer: &dyn crate::check::Importer,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut parsed = Vec::new();
    for (name, src) in files {
        let (f, errs) = syntax::parse_file(fset, name, src.as_bytes());
        out.extend(errs.iter().map(|e| e.display(fset).to_string()));
        parsed.push(f);
    }
    if !out.is_empty() {
        return out;
    }
    let mut c = crate::check::Checker::new(world, fset, P, "p", &parsed, importer);
    if let Some(minor) = lang {
        c.set_lang(1, minor);
    }
    let checked = c.check();
    out.extend(checked.errors.iter().map(|e| e.display(fset).to_string()));
    out
}
