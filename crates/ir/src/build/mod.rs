//! Construction of the IR from a type-checked package: one `Func` per
//! function declaration plus the package initializer, built statement by
//! statement with SSA form made on the fly (`ssa`). The checker's `Info`
//! gives every expression's type and constant value and every
//! identifier's object; nothing here re-derives types.
//!
//! Constructs the builder does not lower yet are reported as
//! `file:line:col: internal compiler error: ... not implemented`, never
//! miscompiled.

use std::collections::HashMap;

use syntax::ast::{self, Decl, Expr, ExprKind, Spec, Stmt, StmtKind};
use syntax::token::Token;
use syntax::{FileSet, Pos};
use types::arena::{ObjId, PkgIdx, Store, TypeId};
use types::info::{ExprKey, Info, TypeAndValue};
use types::object::ObjKind;
use types::operand::Mode;
use types::predicates::underlying;
use types::ty::{BasicKind, Type};
use types::universe;

use crate::func::{Block, Callee, Data, Func, InstKind, Module, Term, Ty, Value};
use crate::layout;
use crate::names;
use crate::overlay::Subst;

mod call;
mod chan;
mod defer;
mod escape;
mod expr;
mod iface;
mod mem;
mod slices;
mod stmt;
use crate::ssa::{Ssa, Var};
use crate::typedesc::TypeDescs;

/// A construct the builder cannot lower yet, at a position.
#[derive(Debug)]
pub struct Unsupported {
    pub pos: Pos,
    pub what: String,
}

type Result<T> = std::result::Result<T, Unsupported>;

/// The input: one checked package.
pub struct Package<'a, S: Subst> {
    pub fset: &'a FileSet,
    pub files: &'a [&'a ast::File],
    pub info: &'a Info,
    pub store: &'a S,
    pub pkg: PkgIdx,
    /// The link-name prefix (`main` for the main package, else the
    /// import path).
    pub path: &'a str,
}

/// What building one package leaves for the program: instances of
/// generic code declared in other packages, to build in their context.
#[derive(Default)]
pub struct Program {
    /// Instances requested or built (by link name).
    done: std::collections::HashSet<String>,
    /// Requests for instances declared in other packages.
    foreign: Vec<(PkgIdx, PendingInst)>,
    /// Rounds of instance building (for unique string symbol names).
    rounds: u32,
    /// The program starts goroutines: loops without calls get
    /// preemption points on their back edges.
    pub preempt: bool,
}

/// Whether any of `files` has a `go` statement, function literals
/// included, or sets a finalizer or cleanup (which run on a goroutine of
/// their own): then loops need preemption points; a program with a single
/// goroutine runs without them.
pub fn has_go_statement(files: &[&ast::File]) -> bool {
    files.iter().any(|f| {
        f.decls.iter().any(|d| match d {
            Decl::Func(fd) => fd.body.as_ref().is_some_and(|b| stmts_go(&b.stmts)),
            Decl::Gen(g) => g.specs.iter().any(|sp| match sp {
                Spec::Value(vs) => vs.values.iter().any(expr_go),
                _ => false,
            }),
        })
    })
}

fn stmts_go(ss: &[Stmt]) -> bool {
    ss.iter().any(stmt_go)
}

fn stmt_go(s: &Stmt) -> bool {
    match &s.kind {
        StmtKind::Call(ast_tok, e) => *ast_tok == Token::Go || expr_go(e),
        StmtKind::Expr(e) => expr_go(e),
        StmtKind::Send(a, b) => expr_go(a) || expr_go(b),
        StmtKind::Assign(_, l, r) => l.iter().chain(r).any(expr_go),
        StmtKind::Return(r) => r.iter().any(expr_go),
        StmtKind::Labeled(_, x) => stmt_go(x),
        StmtKind::Block(b) => stmts_go(&b.stmts),
        StmtKind::If(i) => {
            i.init.as_ref().is_some_and(stmt_go)
                || expr_go(&i.cond)
                || stmts_go(&i.then.stmts)
                || i.els.as_ref().is_some_and(stmt_go)
        }
        StmtKind::For(f) => {
            f.init.as_ref().is_some_and(stmt_go)
                || f.cond.as_ref().is_some_and(expr_go)
                || f.post.as_ref().is_some_and(stmt_go)
                || stmts_go(&f.body.stmts)
        }
        StmtKind::Range(r) => expr_go(&r.x),
        StmtKind::Switch(sw) => {
            sw.init.as_ref().is_some_and(stmt_go)
                || sw.tag.as_ref().is_some_and(expr_go)
                || sw
                    .body
                    .iter()
                    .any(|c| c.cases.iter().flatten().any(expr_go) || stmts_go(&c.body))
        }
        StmtKind::Select(sel) => sel
            .body
            .iter()
            .any(|c| c.comm.as_ref().is_some_and(stmt_go) || stmts_go(&c.body)),
        StmtKind::Decl(g) => g.specs.iter().any(|sp| match sp {
            Spec::Value(vs) => vs.values.iter().any(expr_go),
            _ => false,
        }),
        _ => false,
    }
}

fn expr_go(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::FuncLit(fl) => stmts_go(&fl.body.stmts),
        ExprKind::Call(c) => expr_go(&c.fun) || c.args.iter().any(expr_go),
        ExprKind::Selector(_, n) if matches!(n.value.as_str(), "SetFinalizer" | "AddCleanup") => {
            true
        }
        ExprKind::Paren(x) | ExprKind::Selector(x, _) | ExprKind::Assert(x, _) => expr_go(x),
        ExprKind::Index(x, i) => expr_go(x) || i.iter().any(expr_go),
        ExprKind::Slice(se) => expr_go(&se.x) || se.index.iter().flatten().any(expr_go),
        ExprKind::Operation(_, x, y) => expr_go(x) || y.as_deref().is_some_and(expr_go),
        ExprKind::CompositeLit(c) => c.elems.iter().any(expr_go),
        ExprKind::KeyValue(k, v) => expr_go(k) || expr_go(v),
        _ => false,
    }
}

impl Program {
    /// The packages with instances waiting to be built in their context.
    pub fn waiting(&self) -> Vec<PkgIdx> {
        let mut v: Vec<PkgIdx> = self.foreign.iter().map(|(p, _)| *p).collect();
        v.sort_by_key(|p| p.0);
        v.dedup();
        v
    }
}

/// Builds the IR of a package into `m`. The package initializer is named
/// `PATH.init`.
pub fn build_package<S: Subst>(
    p: &Package<'_, S>,
    m: &mut Module,
    descs: &mut TypeDescs,
    prog: &mut Program,
) -> Result<()> {
    build_package_part(p, m, descs, prog, false)
}

/// Builds the instances other packages asked of package `p` (and what
/// they ask for in turn).
pub fn build_instances<S: Subst>(
    p: &Package<'_, S>,
    m: &mut Module,
    descs: &mut TypeDescs,
    prog: &mut Program,
) -> Result<()> {
    build_package_part(p, m, descs, prog, true)
}

/// The runtime's type descriptor for untyped heap objects: one pointer
/// word, repeated over the object (docs/ABI.md).
pub const PTRWORD_TYPE: &str = "runtime.ptrwordType";

fn build_package_part<S: Subst>(
    p: &Package<'_, S>,
    m: &mut Module,
    descs: &mut TypeDescs,
    prog: &mut Program,
    instances_only: bool,
) -> Result<()> {
    // Globals.
    let mut globals: HashMap<ObjId, String> = HashMap::new();
    for file in p.files {
        for d in &file.decls {
            if let Decl::Gen(g) = d {
                if g.tok != Token::Var {
                    continue;
                }
                for spec in &g.specs {
                    if let Spec::Value(vs) = spec {
                        for n in &vs.names {
                            let Some(&obj) = p.info.defs.get(&n.pos) else {
                                continue;
                            };
                            let t = p.store.obj(obj).typ.unwrap_or(universe::INVALID);
                            let name = if n.is_blank() {
                                format!("{}._.{}", p.path, globals.len())
                            } else {
                                format!("{}.{}", p.path, n.value)
                            };
                            // (Defined once, by the package's own build.)
                            if !instances_only {
                                m.data.push(Data {
                                    name: name.clone(),
                                    size: layout::size(p.store, t).max(1),
                                    align: layout::align(p.store, t),
                                    init: None,
                                    relocs: Vec::new(),
                                    readonly: false,
                                });
                                // A root for the collector.
                                if descs.has_pointers(p.store, t) {
                                    let off = descs.type_off(p.store, t);
                                    m.gc_roots.push((name.clone(), off));
                                }
                            }
                            globals.insert(obj, name);
                        }
                    }
                }
            }
        }
    }
    let mut escapes = escape::analyze(p.files, p.info, p.store, &globals, p.pkg);
    escapes.local_slices = slices::nonescaping(p.files, p.info, p.store, &escapes.boxed);
    for o in globals.keys() {
        escapes.local_slices.remove(o);
    }
    let mut sh = Shared {
        globals,
        strings: Strings {
            prefix: if instances_only {
                prog.rounds += 1;
                format!("{}#{}", p.path, prog.rounds)
            } else {
                p.path.to_string()
            },
            ..Strings::default()
        },
        descs,
        prog,
        escapes,
        pending: Vec::new(),
        funcvals: HashMap::new(),
        lit_count: HashMap::new(),
        fm_done: Default::default(),
        decls: HashMap::new(),
        insts: Vec::new(),
        out: Vec::new(),
    };
    for (fi, file) in p.files.iter().enumerate() {
        for d in &file.decls {
            if let Decl::Func(fd) = d {
                sh.decls.insert(fd.name.pos, (fi as u32, fd));
            }
        }
    }
    if instances_only {
        let mine: Vec<PendingInst> = {
            let all = std::mem::take(&mut sh.prog.foreign);
            let (mine, rest): (Vec<_>, Vec<_>) = all.into_iter().partition(|(k, _)| *k == p.pkg);
            sh.prog.foreign = rest;
            mine.into_iter().map(|(_, i)| i).collect()
        };
        sh.insts.extend(mine);
        build_pending(p, &mut sh)?;
        return finish_package(sh, m);
    }
    let mut inits: Vec<String> = Vec::new();
    for (fi, file) in p.files.iter().enumerate() {
        for d in &file.decls {
            let Decl::Func(fd) = d else { continue };
            let Some(body) = &fd.body else {
                // Declared without a body: nothing to build (a call of it
                // fails to link, as under gc), unless `//go:linkname`
                // names the function it stands for.
                if let Some(f) = linkname_forwarder(p, fd) {
                    sh.out.push(f);
                }
                continue;
            };
            if !fd.tparams.is_empty() {
                continue; // built per instance
            }
            let Some(obj) = p.info.defs.get(&fd.name.pos).copied() else {
                continue;
            };
            let sig = p.store.obj(obj).typ.unwrap_or(universe::INVALID);
            let name = if let Some(recv) = &fd.recv {
                let rt = recv_type(p, fi as u32, recv);
                let (named, ptr) = match p.store.ty(rt) {
                    Type::Pointer(e) => (*e, true),
                    _ => (rt, false),
                };
                if let Type::Named(n) = p.store.ty(named) {
                    if !n.tparams.is_empty() || !n.targs.is_empty() {
                        continue; // built per instance
                    }
                }
                names::method_name(p.store, named, ptr, fd.name.value.as_str())
            } else if fd.name.value.as_str() == "init" {
                let n = format!("{}.init.{}", p.path, inits.len());
                inits.push(n.clone());
                n
            } else if fd.name.value.as_str() == "_" {
                continue;
            } else {
                format!("{}.{}", p.path, fd.name.value)
            };
            let recv = fd.recv.as_ref().map(std::slice::from_ref);
            defer::build_func(
                p,
                &mut sh,
                fi as u32,
                name,
                fd.pos,
                sig,
                recv,
                &fd.typ,
                body,
                Vec::new(),
                false,
                Vec::new(),
            )?;
            build_pending(p, &mut sh)?;
        }
    }
    // The package initializer: variable initializers in the checker's
    // order, then the `init` functions in source order.
    let init_name = format!("{}.init", p.path);
    let file0 = p.files.first().map(|f| f.package).unwrap_or(Pos::NONE);
    let mut fb = FuncBuilder::new(p, 0, &mut sh, init_name, file0, universe::INVALID)?;
    fb.f.wrapper = true;
    for init in &p.info.init_order {
        fb.file = init.rhs.file;
        let rhs = find_expr(p.files[init.rhs.file as usize], init.rhs)
            .ok_or_else(|| unsupported(file0, "initializer not found"))?;
        let vals = if init.lhs.len() == 1 {
            let t = p.store.obj(init.lhs[0]).typ.unwrap_or(universe::INVALID);
            fb.expr_as(rhs, t)?
        } else {
            let tys: Vec<TypeId> = init.lhs.iter().map(|&o| fb.obj_type(o)).collect();
            fb.split_multi_as(rhs, &tys)?.concat()
        };
        let mut k = 0;
        for &obj in &init.lhs {
            let t = p.store.obj(obj).typ.unwrap_or(universe::INVALID);
            let n = fb.width(t);
            let part = vals[k..k + n].to_vec();
            k += n;
            if let Some(sym) = fb.sh.globals.get(&obj).cloned() {
                let addr = fb.ins1(InstKind::SymAddr(sym, 0), rhs.pos);
                fb.store_value(addr, t, &part, rhs.pos)?;
            }
        }
    }
    for n in &inits {
        let ctx = fb.iconst(Ty::PTR, 0, Pos::NONE);
        fb.ins(
            InstKind::Call {
                callee: Callee::Direct(n.clone()),
                args: vec![ctx],
                results: vec![],
            },
            Pos::NONE,
        );
    }
    let f = fb.finish();
    sh.out.push(f);
    build_pending(p, &mut sh)?;
    finish_package(sh, m)
}

/// Moves what a package's build made into the module (a static closure
/// or wrapper another package made already is not added twice).
/// For a body-less function `f` with `//go:linkname f path.name` (gc's
/// "pull" form), the function `pkg.f` forwarding its arguments and results
/// to the symbol `path.name`.
fn linkname_forwarder<S: Subst>(p: &Package<'_, S>, fd: &ast::FuncDecl) -> Option<Func> {
    if fd.recv.is_some() || !fd.tparams.is_empty() {
        return None;
    }
    let local = fd.name.value.as_str();
    let target = fd.pragmas.iter().find_map(|pr| {
        let mut w = pr.text.strip_prefix("go:linkname")?.split_whitespace();
        (w.next()? == local).then_some(())?;
        w.next().map(str::to_string)
    })?;
    let name = format!("{}.{}", p.path, local);
    if target == name {
        return None;
    }
    let obj = p.info.defs.get(&fd.name.pos).copied()?;
    let sig = p.store.obj(obj).typ?;
    let Type::Signature(sg) = p.store.ty(sig) else {
        return None;
    };
    let tuple = |t: TypeId| -> Vec<TypeId> {
        match p.store.ty(t) {
            Type::Tuple(vs) => vs
                .iter()
                .map(|&v| p.store.obj(v).typ.unwrap_or(universe::INVALID))
                .collect(),
            _ => Vec::new(),
        }
    };
    let (params, results) =
        crate::typedesc::wrap::machine_sig(p.store, &tuple(sg.params), &tuple(sg.results));
    let mut all = vec![Ty::PTR];
    all.extend(&params);
    let mut b = crate::typedesc::alg::Fb::new(&name, &all, results.clone());
    b.f.wrapper = false;
    let args = b.f.params().to_vec();
    let out = b.call(&target, args, results);
    b.f.set_term(b.cur, crate::func::Term::Return(out));
    Some(b.f)
}

fn finish_package(sh: Shared<'_, '_>, m: &mut Module) -> Result<()> {
    let have: std::collections::HashSet<String> = m
        .funcs
        .iter()
        .map(|f| f.name.clone())
        .chain(m.data.iter().map(|d| d.name.clone()))
        .collect();
    m.funcs
        .extend(sh.out.into_iter().filter(|f| !have.contains(&f.name)));
    m.data.extend(sh.strings.data);
    let mut fv: Vec<(String, String)> = sh.funcvals.into_iter().collect();
    fv.sort();
    for (sym, func) in fv {
        if have.contains(&sym) {
            continue;
        }
        m.data.push(Data {
            name: sym,
            size: 8,
            align: 8,
            init: Some(vec![0; 8]),
            relocs: vec![(0, func, 0)],
            readonly: true,
        });
    }
    Ok(())
}

/// Builds the function literals queued while building other functions
/// (and those they queue).
fn build_pending<'p, S: Subst>(p: &Package<'p, S>, sh: &mut Shared<'p, '_>) -> Result<()> {
    while let Some(lit) = sh.pending.pop() {
        let lit: PendingLit<'p> = lit;
        let LitBody::Func(fl) = lit.lit else {
            build_range_body(p, sh, lit)?;
            continue;
        };
        let sig = p
            .info
            .types
            .get(&lit.key)
            .map_or(universe::INVALID, |t| t.typ);
        let sig = p.store.subst(sig, &lit.smap);
        defer::build_func(
            p,
            sh,
            lit.key.file,
            lit.name,
            fl.typ.pos,
            sig,
            None,
            &fl.typ,
            &fl.body,
            lit.captures,
            true,
            lit.smap,
        )?;
    }
    while let Some(inst) = sh.insts.pop() {
        let Some(&(file, fd)) = sh.decls.get(&inst.decl) else {
            return Err(unsupported(
                inst.decl,
                "instances of other packages' generic code",
            ));
        };
        let Some(body) = &fd.body else {
            return Err(unsupported(inst.decl, "function without body"));
        };
        let recv = fd.recv.as_ref().map(std::slice::from_ref);
        defer::build_func(
            p,
            sh,
            file,
            inst.name,
            fd.pos,
            inst.sig,
            recv,
            &fd.typ,
            body,
            Vec::new(),
            false,
            inst.smap,
        )?;
        if !sh.pending.is_empty() {
            return build_pending(p, sh);
        }
    }
    Ok(())
}

/// Builds the yield function of a range-over-func loop: its parameters
/// are the iteration values, its body the loop's; `continue` returns
/// true, `break` and `return` record why in the loop state and return
/// false.
fn build_range_body<'p, S: Subst>(
    p: &Package<'p, S>,
    sh: &mut Shared<'p, '_>,
    lit: PendingLit<'p>,
) -> Result<()> {
    let LitBody::Range(clause, body, yt) = lit.lit else {
        unreachable!()
    };
    let yt = p.store.subst(yt, &lit.smap);
    let outer = lit.outer_results.clone();
    let mut fb = FuncBuilder::new(p, lit.key.file, sh, lit.name, body.pos, yt)?;
    fb.captures = lit.captures.clone();
    fb.is_lit = true;
    fb.smap = lit.smap;
    let entry = Block(0);
    let Type::Signature(sig) = fb.under(yt).clone() else {
        return Err(unsupported(body.pos, "this range function"));
    };
    let ptys: Vec<TypeId> = match p.store.ty(sig.params) {
        Type::Tuple(vs) => vs.iter().map(|&v| fb.obj_type(v)).collect(),
        _ => Vec::new(),
    };
    let mut vals = Vec::new();
    for &t in &ptys {
        let v: Vec<Value> = fb
            .value_tys(t)
            .into_iter()
            .map(|ty| fb.f.add_param(entry, ty))
            .collect();
        vals.push(v);
    }
    fb.params(
        None,
        &ast::FuncType {
            pos: body.pos,
            params: Vec::new(),
            results: Vec::new(),
            end: body.pos,
        },
        None,
    )?;
    let ctx = fb.f.params()[0];
    let state = fb.ins1(
        InstKind::Load(Ty::PTR, ctx, 8 + 8 * lit.captures.len() as i32),
        body.pos,
    );
    fb.range_func = Some(RangeFunc {
        state,
        label: lit.label,
        results: outer,
    });
    for (l, v) in clause.lhs.iter().zip(vals) {
        if matches!(&l.kind, ExprKind::Name(n) if n.as_str() == "_") {
            continue;
        }
        fb.range_assign(l, clause.def, v)?;
    }
    fb.block(&body.stmts)?;
    if fb.cur.is_some() {
        let t = fb.iconst(Ty::I8, 1, body.rbrace);
        fb.terminate(Term::Return(vec![t]));
    }
    let f = fb.finish();
    sh.out.push(f);
    Ok(())
}

/// The receiver's type of a method declaration.
fn recv_type<S: Subst>(p: &Package<'_, S>, _file: u32, recv: &ast::Field) -> TypeId {
    if let Some(n) = recv.names.first() {
        if let Some(&o) = p.info.defs.get(&n.pos) {
            if let Some(t) = p.store.obj(o).typ {
                return t;
            }
        }
    }
    p.info
        .types
        .get(&ExprKey {
            file: _file,
            id: recv.typ.id,
        })
        .map_or(universe::INVALID, |t| t.typ)
}

fn unsupported(pos: Pos, what: &str) -> Unsupported {
    Unsupported {
        pos,
        what: what.to_string(),
    }
}

/// Finds the expression with key `k` in a file (initializers are few;
/// a walk is cheap enough).
fn find_expr(file: &ast::File, k: ExprKey) -> Option<&Expr> {
    for d in &file.decls {
        if let Decl::Gen(g) = d {
            for s in &g.specs {
                if let Spec::Value(vs) = s {
                    for v in &vs.values {
                        if v.id == k.id {
                            return Some(v);
                        }
                    }
                }
            }
        }
    }
    None
}

/// String literals, one read-only datum per distinct content (names
/// carry the package's prefix: each package has its own).
#[derive(Default)]
struct Strings {
    prefix: String,
    index: HashMap<Vec<u8>, String>,
    data: Vec<Data>,
}

impl Strings {
    pub(super) fn symbol(&mut self, bytes: &[u8]) -> String {
        if let Some(s) = self.index.get(bytes) {
            return s.clone();
        }
        let name = format!("go.string.{}.{}", self.prefix, self.index.len());
        self.data.push(Data {
            name: name.clone(),
            size: bytes.len().max(1) as u32,
            align: 1,
            init: Some(bytes.to_vec()),
            relocs: Vec::new(),
            readonly: true,
        });
        self.index.insert(bytes.to_vec(), name.clone());
        name
    }
}

/// A function literal waiting to be built.
struct PendingLit<'p> {
    name: String,
    key: ExprKey,
    lit: LitBody<'p>,
    captures: Vec<ObjId>,
    /// The type arguments of the instance it is in.
    smap: Vec<(TypeId, TypeId)>,
    /// Range bodies: the loop's label and the outer function's results.
    label: Option<ast::Symbol>,
    outer_results: Vec<TypeId>,
}

/// What a pending closure is made of.
#[derive(Clone, Copy)]
enum LitBody<'p> {
    Func(&'p ast::FuncLit),
    /// The yield function of a range-over-func loop: the loop's clause
    /// and body, the yield function's type, and the outer function's
    /// result types (a `return` in the body stores them).
    Range(&'p ast::RangeClause, &'p ast::Block, TypeId),
}

/// The yield function of a range-over-func loop being built.
#[derive(Clone)]
struct RangeFunc {
    /// The loop state (heap): exit code (0 go on, 1 break, 2 return),
    /// then the outer function's results.
    state: Value,
    label: Option<ast::Symbol>,
    results: Vec<TypeId>,
}

/// The offsets of the results in a range-over-func loop's state.
fn range_state_offsets(s: &impl Store, results: &[TypeId]) -> (Vec<u32>, u32) {
    let mut off: u32 = 8;
    let mut offs = Vec::new();
    for &r in results {
        let a = layout::align(s, r).max(1);
        off = off.div_ceil(a) * a;
        offs.push(off);
        off += layout::size(s, r);
    }
    (offs, off.max(8))
}

/// An instance of a generic function or method waiting to be built.
pub struct PendingInst {
    name: String,
    /// The position of the declaration's name.
    decl: Pos,
    /// The instantiated signature.
    sig: TypeId,
    smap: Vec<(TypeId, TypeId)>,
}

/// What the functions of a package share while being built.
struct Shared<'p, 'd> {
    globals: HashMap<ObjId, String>,
    strings: Strings,
    descs: &'d mut TypeDescs,
    escapes: escape::Escapes<'p>,
    pending: Vec<PendingLit<'p>>,
    /// Static closure objects of functions used as values: symbol →
    /// function.
    funcvals: HashMap<String, String>,
    /// Function literals numbered per enclosing top-level function.
    lit_count: HashMap<String, u32>,
    /// Every function declaration, by the position of its name.
    decls: HashMap<Pos, (u32, &'p ast::FuncDecl)>,
    insts: Vec<PendingInst>,
    prog: &'d mut Program,
    /// Method value wrappers (`-fm`) already made.
    fm_done: std::collections::HashSet<String>,
    out: Vec<Func>,
}

/// Where a local variable lives.
#[derive(Clone)]
enum Local {
    /// In SSA variables, one per scalar leaf.
    Ssa(Vec<Var>),
    /// In memory (a stack slot, a heap box or a caller's copy) at the
    /// address held in the variable.
    Mem(Var),
}

/// The targets of `break` and `continue` inside a loop or switch.
struct Target {
    label: Option<ast::Symbol>,
    brk: Block,
    cont: Option<Block>,
}

/// How a function's Go results are returned: scalars, or through a
/// hidden pointer parameter for results kept in memory.
#[derive(Clone)]
struct ResultAbi {
    typ: TypeId,
    /// The hidden parameter holding where to store it (memory results).
    out_ptr: Option<Value>,
}

struct FuncBuilder<'a, 'p, 'd, S: Subst> {
    p: &'a Package<'p, S>,
    file: u32,
    sh: &'a mut Shared<'p, 'd>,
    f: Func,
    ssa: Ssa,
    /// The block code goes to; `None` after a terminator (dead code).
    cur: Option<Block>,
    locals: HashMap<ObjId, Local>,
    /// The Go results of the function.
    results: Vec<ResultAbi>,
    targets: Vec<Target>,
    /// A label on the statement being built, for its loop's target.
    pending_label: Option<ast::Symbol>,
    /// The named results, in order (empty if unnamed).
    named_results: Vec<ObjId>,
    /// Variables of enclosing functions this literal captures (their box
    /// pointers follow the code pointer in the closure object).
    captures: Vec<ObjId>,
    /// Blocks of `goto` labels.
    labels: HashMap<ast::Symbol, Block>,
    /// Building a function literal (nested literals are numbered `.N`).
    is_lit: bool,
    /// The name literals inside are named after (when not `f.name`).
    lit_base: Option<String>,
    /// The frame block of a body with defers.
    defer_frame: Option<defer::DeferFrame>,
    /// The body's closing brace: the position of the implicit return
    /// (gc attributes its deferred calls to that line).
    end_pos: Pos,
    /// Parameter words read from the frame block.
    block_params: usize,
    /// The type arguments of the instance being built.
    smap: Vec<(TypeId, TypeId)>,
    /// Preparing a deferred call (function values are not loaded yet).
    defer_call: bool,
    /// The variable `x` of `x = append(x, ...)` being built, when it
    /// does not escape (its appends may start in a frame buffer).
    append_to: Option<ObjId>,
    /// Those frame buffers, per variable.
    append_bufs: HashMap<ObjId, crate::func::Slot>,
    /// Building the yield function of a range-over-func loop.
    range_func: Option<RangeFunc>,
}

/// The machine parameters and results of a Go signature under rgo's ABI:
/// the closure context, the receiver and parameters flattened, one hidden
/// pointer per result kept in memory (after the parameters); scalar
/// results flattened.
fn sig_abi(s: &impl Store, recv: Option<TypeId>, sig: TypeId) -> (Vec<Ty>, Vec<Ty>) {
    let mut params = vec![Ty::PTR];
    let mut results = Vec::new();
    let push_param = |t: TypeId, params: &mut Vec<Ty>| match layout::scalar_types(s, t) {
        Some(tys) => params.extend(tys),
        None => params.push(Ty::PTR),
    };
    if let Some(r) = recv {
        push_param(r, &mut params);
    }
    if let Type::Signature(sg) = s.ty(underlying(s, sig)) {
        if let Type::Tuple(ps) = s.ty(sg.params) {
            for &v in ps {
                push_param(s.obj(v).typ.unwrap_or(universe::INVALID), &mut params);
            }
        }
        if let Type::Tuple(rs) = s.ty(sg.results) {
            for &v in rs {
                let t = s.obj(v).typ.unwrap_or(universe::INVALID);
                match layout::scalar_types(s, t) {
                    Some(tys) => results.extend(tys),
                    None => params.push(Ty::PTR),
                }
            }
        }
    }
    (params, results)
}

impl<'a, 'p, 'd, S: Subst> FuncBuilder<'a, 'p, 'd, S> {
    pub(super) fn new(
        p: &'a Package<'p, S>,
        file: u32,
        sh: &'a mut Shared<'p, 'd>,
        name: String,
        pos: Pos,
        sig: TypeId,
    ) -> Result<Self> {
        let (fname, line) = match p.fset.position(pos) {
            Some(ps) => (source_path(&ps.filename), ps.line),
            None => (String::new(), 0),
        };
        let mut rtys = Vec::new();
        let mut results = Vec::new();
        if let Type::Signature(s) = p.store.ty(sig) {
            if let Type::Tuple(rs) = p.store.ty(s.results) {
                for &r in rs {
                    let t = p.store.obj(r).typ.unwrap_or(universe::INVALID);
                    if let Some(tys) = layout::scalar_types(p.store, t) {
                        rtys.extend(tys);
                    }
                    results.push(ResultAbi {
                        typ: t,
                        out_ptr: None,
                    });
                }
            }
        }
        let f = Func::new(name, fname, line, &[Ty::PTR], rtys);
        let mut ssa = Ssa::default();
        ssa.add_block(f.entry());
        let mut b = FuncBuilder {
            p,
            file,
            sh,
            f,
            ssa,
            cur: Some(Block(0)),
            locals: HashMap::new(),
            results,
            targets: Vec::new(),
            pending_label: None,
            named_results: Vec::new(),
            captures: Vec::new(),
            labels: HashMap::new(),
            is_lit: false,
            lit_base: None,
            defer_frame: None,
            end_pos: Pos::NONE,
            block_params: 0,
            smap: Vec::new(),
            defer_call: false,
            append_to: None,
            append_bufs: HashMap::new(),
            range_func: None,
        };
        b.ssa.seal(&mut b.f, Block(0));
        Ok(b)
    }

    // ---- emission helpers ----

    pub(super) fn line(&self, pos: Pos) -> u32 {
        self.p.fset.position(pos).map_or(0, |p| p.line)
    }

    /// The current block, creating an unreachable one after a terminator.
    pub(super) fn cur(&mut self) -> Block {
        match self.cur {
            Some(b) => b,
            None => {
                let b = self.new_block();
                self.ssa.seal(&mut self.f, b);
                self.cur = Some(b);
                b
            }
        }
    }

    pub(super) fn new_block(&mut self) -> Block {
        let b = self.f.new_block();
        self.ssa.add_block(b);
        b
    }

    pub(super) fn ins(&mut self, k: InstKind, pos: Pos) -> Vec<Value> {
        let b = self.cur();
        let line = self.line(pos);
        self.f.push(b, k, line)
    }

    pub(super) fn ins1(&mut self, k: InstKind, pos: Pos) -> Value {
        self.ins(k, pos)[0]
    }

    pub(super) fn iconst(&mut self, ty: Ty, v: i64, pos: Pos) -> Value {
        self.ins1(InstKind::Iconst(ty, v), pos)
    }

    pub(super) fn terminate(&mut self, t: Term) {
        let b = self.cur();
        self.ssa.terminate(&mut self.f, b, t);
        self.cur = None;
    }

    pub(super) fn jump(&mut self, to: Block) {
        if self.cur.is_some() {
            self.terminate(Term::Jump(to, vec![]));
        }
    }

    pub(super) fn branch(&mut self, c: Value, t: Block, e: Block) {
        self.terminate(Term::Branch(c, t, vec![], e, vec![]));
    }

    /// Seals `b` (all its predecessors are known) and continues there, or
    /// in dead code if nothing jumps to it.
    pub(super) fn enter(&mut self, b: Block) {
        self.ssa.seal(&mut self.f, b);
        self.cur = self.ssa.has_preds(b).then_some(b);
    }

    /// Continues in `b`, which may get more predecessors (a loop head).
    pub(super) fn start(&mut self, b: Block) {
        self.cur = Some(b);
    }

    pub(super) fn call_runtime(
        &mut self,
        name: &str,
        args: Vec<Value>,
        results: Vec<Ty>,
        pos: Pos,
    ) -> Vec<Value> {
        self.ins(
            InstKind::Call {
                callee: Callee::Direct(name.to_string()),
                args,
                results,
            },
            pos,
        )
    }

    pub(super) fn finish(mut self) -> Func {
        if self.cur.is_some() {
            if !self.f.results.is_empty() {
                // Only reachable without a return if the function has no
                // results (the checker rejects a missing return).
                self.terminate(Term::Unreachable);
            } else {
                self.terminate(Term::Return(vec![]));
            }
        }
        // Seal anything left (blocks of dead code).
        for i in 0..self.f.blocks.len() {
            self.ssa.seal(&mut self.f, Block(i as u32));
        }
        for i in 0..self.f.blocks.len() {
            if self.f.blocks[i].term.is_none() {
                self.f.blocks[i].term = Some(Term::Unreachable);
            }
        }
        self.f
    }

    // ---- types ----

    pub(super) fn tv(&self, e: &Expr) -> Option<&'p TypeAndValue> {
        self.p.info.types.get(&ExprKey {
            file: self.file,
            id: e.id,
        })
    }

    pub(super) fn type_of(&self, e: &Expr) -> TypeId {
        self.sub(self.tv(e).map_or(universe::INVALID, |t| t.typ))
    }

    /// `t` in this instance (type parameters replaced).
    pub(super) fn sub(&self, t: TypeId) -> TypeId {
        self.p.store.subst(t, &self.smap)
    }

    /// The scalar leaves of an SSA-carried type (`None`: kept in memory).
    pub(super) fn leaves_of(&self, t: TypeId) -> Option<Vec<(Ty, u32)>> {
        layout::leaves(self.p.store, t)
    }

    /// Whether values of `t` live in memory (an IR value is then the
    /// address of a private copy).
    pub(super) fn is_mem(&self, t: TypeId) -> bool {
        layout::leaves(self.p.store, t).is_none()
    }

    /// How many IR values carry a value of `t`.
    pub(super) fn width(&self, t: TypeId) -> usize {
        layout::leaves(self.p.store, t).map_or(1, |l| l.len())
    }

    /// The IR value types carrying a value of `t`.
    pub(super) fn value_tys(&self, t: TypeId) -> Vec<Ty> {
        layout::scalar_types(self.p.store, t).unwrap_or_else(|| vec![Ty::PTR])
    }

    pub(super) fn size_of(&self, t: TypeId) -> u32 {
        layout::size(self.p.store, t)
    }

    pub(super) fn basic_kind(&self, t: TypeId) -> Option<BasicKind> {
        match self.p.store.ty(underlying(self.p.store, t)) {
            Type::Basic { kind, .. } => Some(*kind),
            _ => None,
        }
    }

    pub(super) fn under(&self, t: TypeId) -> &'p Type {
        let s: &'p S = self.p.store;
        s.ty(underlying(s, t))
    }

    pub(super) fn obj_type(&self, o: ObjId) -> TypeId {
        self.sub(self.p.store.obj(o).typ.unwrap_or(universe::INVALID))
    }

    /// The symbol of a package-level variable (of this package or
    /// another).
    pub(super) fn global_sym(&self, obj: ObjId) -> Option<String> {
        if let Some(s) = self.sh.globals.get(&obj) {
            return Some(s.clone());
        }
        let o = self.p.store.obj(obj);
        match o.kind {
            ObjKind::Var {
                is_field: false, ..
            } if o.pkg.is_some_and(|p| p != self.p.pkg) && !self.locals.contains_key(&obj) => {
                let prefix = names::pkg_prefix(self.p.store, o.pkg.expect("checked"));
                Some(format!("{prefix}.{}", o.name))
            }
            _ => None,
        }
    }

    // ---- locals ----

    /// A fresh stack slot for a value of `t`; its address.
    pub(super) fn temp(&mut self, t: TypeId, pos: Pos) -> Value {
        let slot = self.f.new_slot(
            self.size_of(t).max(1),
            layout::align(self.p.store, t).max(1),
        );
        self.ins1(InstKind::SlotAddr(slot), pos)
    }

    /// A zeroed heap object for a value of `t`.
    pub(super) fn new_object(&mut self, t: TypeId, pos: Pos) -> Value {
        let size = self.size_of(t);
        self.alloc_of(size as u64, t, pos)
    }

    /// `size` zeroed heap bytes holding values of `t` (one, or an array
    /// of them): the collector scans them with `t`'s pointer mask.
    pub(super) fn alloc_of(&mut self, size: u64, t: TypeId, pos: Pos) -> Value {
        let typ = if self.sh.descs.has_pointers(self.p.store, t) {
            self.type_desc(t, pos)
        } else {
            self.iconst(Ty::PTR, 0, pos)
        };
        self.mallocgc(size, typ, pos)
    }

    /// `size` zeroed bytes on the heap without a Go type (closure
    /// objects, loop states): the collector treats every word as a
    /// possible pointer (the runtime's `runtime.ptrwordType`).
    pub(super) fn alloc(&mut self, size: u64, pos: Pos) -> Value {
        let typ = self.ins1(InstKind::SymAddr(PTRWORD_TYPE.into(), 0), pos);
        self.mallocgc(size, typ, pos)
    }

    fn mallocgc(&mut self, size: u64, typ: Value, pos: Pos) -> Value {
        let n = self.iconst(Ty::I64, size as i64, pos);
        let one = self.iconst(Ty::I8, 1, pos);
        self.call_runtime("runtime.mallocgc", vec![n, typ, one], vec![Ty::PTR], pos)[0]
    }

    /// A heap closure object: the code of `func`, then `words` (one
    /// 8-byte word each).
    pub(super) fn closure_object(&mut self, func: String, words: &[Value], pos: Pos) -> Value {
        let obj = self.alloc(8 + 8 * words.len() as u64, pos);
        let code = self.ins1(InstKind::FuncAddr(func), pos);
        self.ins(InstKind::Store(obj, code, 0), pos);
        for (i, &w) in words.iter().enumerate() {
            self.ins(InstKind::Store(obj, w, 8 + 8 * i as i32), pos);
        }
        obj
    }

    /// The heap boxes of captured variables, for a closure object.
    pub(super) fn capture_boxes(&mut self, caps: &[ObjId], pos: Pos) -> Result<Vec<Value>> {
        let mut out = Vec::new();
        for o in caps {
            let Some(Local::Mem(var)) = self.locals.get(o).cloned() else {
                return Err(unsupported(pos, "capturing this variable"));
            };
            let b = self.cur();
            out.push(self.ssa.read(&mut self.f, var, b));
        }
        Ok(out)
    }

    /// The link name of the next function literal (or range body) of
    /// this function: `F.funcN`, or `F.funcM.N` inside a literal.
    pub(super) fn next_lit_name(&mut self) -> String {
        let base = self.lit_base.clone().unwrap_or_else(|| self.f.name.clone());
        let n = self.sh.lit_count.entry(base.clone()).or_insert(0);
        *n += 1;
        if self.is_lit {
            format!("{base}.{n}")
        } else {
            format!("{base}.func{n}")
        }
    }

    pub(super) fn mem_local(&mut self, obj: ObjId, addr: Value) {
        let var = self.ssa.new_var(Ty::PTR);
        let b = self.cur();
        self.ssa.write(var, b, addr);
        self.locals.insert(obj, Local::Mem(var));
    }

    pub(super) fn declare_local(
        &mut self,
        obj: ObjId,
        init: Option<Vec<Value>>,
        pos: Pos,
    ) -> Result<()> {
        let t = self.obj_type(obj);
        let boxed = self.sh.escapes.boxed.contains(&obj);
        if !boxed {
            if let Some(leaves) = self.leaves_of(t) {
                let vars: Vec<Var> = leaves.iter().map(|(ty, _)| self.ssa.new_var(*ty)).collect();
                let b = self.cur();
                for (i, (&v, (ty, _))) in vars.iter().zip(&leaves).enumerate() {
                    let val = match &init {
                        Some(vals) => vals[i],
                        None => crate::ssa::zero(&mut self.f, b, *ty),
                    };
                    self.ssa.write(v, b, val);
                }
                self.locals.insert(obj, Local::Ssa(vars));
                return Ok(());
            }
        }
        let addr = if boxed {
            self.new_object(t, pos)
        } else {
            let a = self.temp(t, pos);
            if init.is_none() {
                let n = self.size_of(t);
                self.ins(InstKind::Zero(a, n), pos);
            }
            a
        };
        if let Some(v) = init {
            self.store_value(addr, t, &v, pos)?;
        }
        self.mem_local(obj, addr);
        Ok(())
    }

    pub(super) fn params(
        &mut self,
        recv: Option<&[ast::Field]>,
        ft: &ast::FuncType,
        block: Option<Value>,
    ) -> Result<()> {
        let entry = Block(0);
        let mut fields: Vec<&ast::Field> = Vec::new();
        if let Some(r) = recv {
            fields.extend(r.iter());
        }
        fields.extend(ft.params.iter());
        self.f.no_args = fields.is_empty();
        for field in fields {
            let mut names: Vec<Option<ObjId>> = field
                .names
                .iter()
                .map(|n| self.p.info.defs.get(&n.pos).copied())
                .collect();
            let ftype = if field.names.is_empty() {
                names.push(None);
                self.type_of(&field.typ)
            } else {
                universe::INVALID
            };
            for o in names {
                let t = o.map_or(ftype, |o| self.obj_type(o));
                let tys = self.value_tys(t);
                let vals: Vec<Value> = match block {
                    None => tys.iter().map(|&ty| self.f.add_param(entry, ty)).collect(),
                    Some(blk) => tys
                        .iter()
                        .map(|&ty| {
                            let off = 8 * self.block_params as i32;
                            self.block_params += 1;
                            self.ins1(InstKind::Load(ty, blk, off), field.pos)
                        })
                        .collect(),
                };
                if let Some(o) = o {
                    if self.p.store.obj(o).name.as_str() == "_" {
                        continue;
                    }
                    if self.is_mem(t) && !self.sh.escapes.boxed.contains(&o) {
                        // The caller's copy is ours.
                        self.mem_local(o, vals[0]);
                    } else {
                        self.declare_local(o, Some(vals), field.pos)?;
                    }
                }
            }
        }
        let mut named = Vec::new();
        let mut named_opt = Vec::new();
        for field in &ft.results {
            for n in &field.names {
                let o = self.p.info.defs.get(&n.pos).copied();
                named_opt.push(o);
                if let Some(o) = o {
                    named.push(o);
                }
            }
        }
        if let Some(blk) = block {
            self.defer_results(blk, &named_opt)?;
        } else {
            // Hidden result pointers.
            for i in 0..self.results.len() {
                if self.is_mem(self.results[i].typ) {
                    self.results[i].out_ptr = Some(self.f.add_param(entry, Ty::PTR));
                }
            }
            for field in &ft.results {
                for n in &field.names {
                    if let Some(&o) = self.p.info.defs.get(&n.pos) {
                        self.declare_local(o, None, n.pos)?;
                    }
                }
            }
        }
        self.named_results = named;
        // Captured variables: their boxes, from the closure object.
        let ctx = self.f.params()[0];
        for (k, o) in self.captures.clone().into_iter().enumerate() {
            let addr = self.ins1(InstKind::Load(Ty::PTR, ctx, 8 + 8 * k as i32), Pos::NONE);
            self.mem_local(o, addr);
        }
        Ok(())
    }

    /// The statements of a function body.
    pub(super) fn body(&mut self, stmts: &[ast::Stmt]) -> Result<()> {
        self.block(stmts)?;
        if self.cur.is_some() && self.defer_frame.is_some() && self.results.is_empty() {
            self.defer_return(Vec::new(), self.end_pos)?;
        }
        Ok(())
    }
}

fn strip_parens(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Paren(x) => strip_parens(x),
        _ => e,
    }
}

/// A source file's path as tracebacks print it: absolute, as gc's are.
fn source_path(name: &str) -> String {
    std::path::absolute(name)
        .map_or_else(|_| name.to_string(), |p| p.to_string_lossy().into_owned())
}
