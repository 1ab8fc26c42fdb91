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

use syntax::ast::{self, AssignOp, Decl, Expr, ExprKind, Spec, Stmt, StmtKind};
use syntax::token::{Operator, Token};
use syntax::{FileSet, Pos};
use types::arena::{ObjId, PkgIdx, Store, TypeId};
use types::info::{ExprKey, Info, TypeAndValue};
use types::object::{Builtin, ObjKind};
use types::operand::Mode;
use types::predicates::{is_boolean, is_complex, is_float, is_string, is_unsigned, underlying};
use types::ty::{BasicKind, Type};
use types::universe;

use crate::func::{
    BinOp, Block, BoundsKind, Callee, CmpOp, ConvOp, Data, Func, InstKind, Module, Term, Ty, UnOp,
    Value,
};
use crate::layout;
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
pub struct Package<'a, S: Store> {
    pub fset: &'a FileSet,
    pub files: &'a [&'a ast::File],
    pub info: &'a Info,
    pub store: &'a S,
    pub pkg: PkgIdx,
    /// The link-name prefix (`main` for the main package, else the
    /// import path).
    pub path: &'a str,
}

/// Builds the IR of a package into `m`. The package initializer is named
/// `PATH.init`.
pub fn build_package<S: Store>(
    p: &Package<'_, S>,
    m: &mut Module,
    descs: &mut TypeDescs,
) -> Result<()> {
    let _ = &descs;
    let mut strings = Strings::default();
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
                            m.data.push(Data {
                                name: name.clone(),
                                size: layout::size(p.store, t).max(1),
                                align: layout::align(p.store, t),
                                init: None,
                                relocs: Vec::new(),
                                readonly: false,
                            });
                            globals.insert(obj, name);
                        }
                    }
                }
            }
        }
    }
    let mut inits: Vec<String> = Vec::new();
    for (fi, file) in p.files.iter().enumerate() {
        for d in &file.decls {
            let Decl::Func(fd) = d else { continue };
            let Some(body) = &fd.body else {
                return Err(Unsupported {
                    pos: fd.name.pos,
                    what: "function without body".into(),
                });
            };
            if fd.recv.is_some() || !fd.tparams.is_empty() {
                return Err(Unsupported {
                    pos: fd.name.pos,
                    what: "methods and generic functions".into(),
                });
            }
            let obj = p.info.defs.get(&fd.name.pos).copied();
            let name = if fd.name.value.as_str() == "init" {
                let n = format!("{}.init.{}", p.path, inits.len());
                inits.push(n.clone());
                n
            } else {
                format!("{}.{}", p.path, fd.name.value)
            };
            let sig = obj
                .and_then(|o| p.store.obj(o).typ)
                .unwrap_or(universe::INVALID);
            let mut fb = FuncBuilder::new(p, fi as u32, &globals, &mut strings, name, fd.pos, sig)?;
            fb.params(&fd.typ)?;
            fb.block(&body.stmts)?;
            let f = fb.finish();
            m.funcs.push(f);
        }
    }
    // The package initializer: variable initializers in the checker's
    // order, then the `init` functions in source order.
    let init_name = format!("{}.init", p.path);
    let file0 = p.files.first().map(|f| f.package).unwrap_or(Pos::NONE);
    let mut fb = FuncBuilder::new(
        p,
        0,
        &globals,
        &mut strings,
        init_name,
        file0,
        universe::INVALID,
    )?;
    fb.f.wrapper = true;
    for init in &p.info.init_order {
        fb.file = init.rhs.file;
        let rhs = find_expr(p.files[init.rhs.file as usize], init.rhs)
            .ok_or_else(|| unsupported(file0, "initializer not found"))?;
        let vals = fb.expr_multi(rhs)?;
        let mut k = 0;
        for &obj in &init.lhs {
            let t = p.store.obj(obj).typ.unwrap_or(universe::INVALID);
            let n = fb.leaves(t, rhs.pos)?.len();
            let part = vals[k..k + n].to_vec();
            k += n;
            if let Some(sym) = globals.get(&obj) {
                let addr = fb.ins(InstKind::SymAddr(sym.clone(), 0), rhs.pos)[0];
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
    m.funcs.push(f);
    m.data.extend(strings.data);
    Ok(())
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

/// String literals, one read-only datum per distinct content.
#[derive(Default)]
struct Strings {
    index: HashMap<Vec<u8>, String>,
    data: Vec<Data>,
}

impl Strings {
    fn symbol(&mut self, bytes: &[u8]) -> String {
        if let Some(s) = self.index.get(bytes) {
            return s.clone();
        }
        let name = format!("go.string.{}", self.index.len());
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

/// Where a local variable lives.
#[derive(Clone)]
enum Local {
    /// In SSA variables, one per scalar leaf.
    Ssa(Vec<Var>),
}

/// The targets of `break` and `continue` inside a loop or switch.
struct Target {
    label: Option<ast::Symbol>,
    brk: Block,
    cont: Option<Block>,
}

struct FuncBuilder<'a, 'p, S: Store> {
    p: &'a Package<'p, S>,
    file: u32,
    globals: &'a HashMap<ObjId, String>,
    strings: &'a mut Strings,
    f: Func,
    ssa: Ssa,
    /// The block code goes to; `None` after a terminator (dead code).
    cur: Option<Block>,
    locals: HashMap<ObjId, Local>,
    /// The Go result types of the function.
    result_types: Vec<TypeId>,
    targets: Vec<Target>,
    /// A label on the statement being built, for its loop's target.
    pending_label: Option<ast::Symbol>,
    /// The named results, in order (empty if unnamed).
    named_results: Vec<ObjId>,
}

impl<'a, 'p, S: Store> FuncBuilder<'a, 'p, S> {
    fn new(
        p: &'a Package<'p, S>,
        file: u32,
        globals: &'a HashMap<ObjId, String>,
        strings: &'a mut Strings,
        name: String,
        pos: Pos,
        sig: TypeId,
    ) -> Result<Self> {
        let (fname, line) = match p.fset.position(pos) {
            Some(ps) => (ps.filename.to_string(), ps.line),
            None => (String::new(), 0),
        };
        let mut result_types = Vec::new();
        let mut rtys = Vec::new();
        if let Type::Signature(s) = p.store.ty(sig) {
            if let Type::Tuple(rs) = p.store.ty(s.results) {
                for &r in rs {
                    let t = p.store.obj(r).typ.unwrap_or(universe::INVALID);
                    result_types.push(t);
                    rtys.extend(
                        layout::scalar_types(p.store, t)
                            .ok_or_else(|| unsupported(pos, "large result types"))?,
                    );
                }
            }
        }
        let f = Func::new(name, fname, line, &[Ty::PTR], rtys);
        let mut ssa = Ssa::default();
        ssa.add_block(f.entry());
        let mut b = FuncBuilder {
            p,
            file,
            globals,
            strings,
            f,
            ssa,
            cur: Some(Block(0)),
            locals: HashMap::new(),
            result_types,
            targets: Vec::new(),
            pending_label: None,
            named_results: Vec::new(),
        };
        b.ssa.seal(&mut b.f, Block(0));
        Ok(b)
    }

    // ---- emission helpers ----

    fn line(&self, pos: Pos) -> u32 {
        self.p.fset.position(pos).map_or(0, |p| p.line)
    }

    /// The current block, creating an unreachable one after a terminator.
    fn cur(&mut self) -> Block {
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

    fn new_block(&mut self) -> Block {
        let b = self.f.new_block();
        self.ssa.add_block(b);
        b
    }

    fn ins(&mut self, k: InstKind, pos: Pos) -> Vec<Value> {
        let b = self.cur();
        let line = self.line(pos);
        self.f.push(b, k, line)
    }

    fn ins1(&mut self, k: InstKind, pos: Pos) -> Value {
        self.ins(k, pos)[0]
    }

    fn iconst(&mut self, ty: Ty, v: i64, pos: Pos) -> Value {
        self.ins1(InstKind::Iconst(ty, v), pos)
    }

    fn terminate(&mut self, t: Term) {
        let b = self.cur();
        self.ssa.terminate(&mut self.f, b, t);
        self.cur = None;
    }

    fn jump(&mut self, to: Block) {
        if self.cur.is_some() {
            self.terminate(Term::Jump(to, vec![]));
        }
    }

    fn branch(&mut self, c: Value, t: Block, e: Block) {
        self.terminate(Term::Branch(c, t, vec![], e, vec![]));
    }

    /// Seals `b` (all its predecessors are known) and continues there, or
    /// in dead code if nothing jumps to it.
    fn enter(&mut self, b: Block) {
        self.ssa.seal(&mut self.f, b);
        self.cur = self.ssa.has_preds(b).then_some(b);
    }

    /// Continues in `b`, which may get more predecessors (a loop head).
    fn start(&mut self, b: Block) {
        self.cur = Some(b);
    }

    fn call_runtime(
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

    fn finish(mut self) -> Func {
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

    fn tv(&self, e: &Expr) -> Option<&'p TypeAndValue> {
        self.p.info.types.get(&ExprKey {
            file: self.file,
            id: e.id,
        })
    }

    fn type_of(&self, e: &Expr) -> TypeId {
        self.tv(e).map_or(universe::INVALID, |t| t.typ)
    }

    fn leaves(&self, t: TypeId, pos: Pos) -> Result<Vec<(Ty, u32)>> {
        layout::leaves(self.p.store, t)
            .ok_or_else(|| unsupported(pos, "values of large aggregate types"))
    }

    fn basic_kind(&self, t: TypeId) -> Option<BasicKind> {
        match self.p.store.ty(underlying(self.p.store, t)) {
            Type::Basic { kind, .. } => Some(*kind),
            _ => None,
        }
    }

    // ---- locals ----

    fn declare_local(&mut self, obj: ObjId, init: Option<Vec<Value>>, pos: Pos) -> Result<()> {
        let t = self.p.store.obj(obj).typ.unwrap_or(universe::INVALID);
        let leaves = self.leaves(t, pos)?;
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
        Ok(())
    }

    fn params(&mut self, ft: &ast::FuncType) -> Result<()> {
        let entry = Block(0);
        let mut results_named = Vec::new();
        for field in &ft.params {
            for n in &field.names {
                let obj = self.p.info.defs.get(&n.pos).copied();
                let t = match obj {
                    Some(o) => self.p.store.obj(o).typ.unwrap_or(universe::INVALID),
                    None => universe::INVALID,
                };
                let tys = self.leaves(t, n.pos)?;
                let vals: Vec<Value> = tys
                    .iter()
                    .map(|(ty, _)| self.f.add_param(entry, *ty))
                    .collect();
                if let Some(o) = obj {
                    self.declare_local(o, Some(vals), n.pos)?;
                }
            }
            if field.names.is_empty() {
                let t = self.type_of(&field.typ);
                for (ty, _) in self.leaves(t, field.pos)? {
                    self.f.add_param(entry, ty);
                }
            }
        }
        for field in &ft.results {
            for n in &field.names {
                if let Some(&o) = self.p.info.defs.get(&n.pos) {
                    self.declare_local(o, None, n.pos)?;
                    results_named.push(o);
                }
            }
        }
        self.named_results = results_named;
        Ok(())
    }
}

// ---- statements ----

impl<S: Store> FuncBuilder<'_, '_, S> {
    fn block(&mut self, stmts: &[Stmt]) -> Result<()> {
        for s in stmts {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> Result<()> {
        match &s.kind {
            StmtKind::Empty => Ok(()),
            StmtKind::Block(b) => self.block(&b.stmts),
            StmtKind::Expr(e) => {
                self.expr_multi(e)?;
                Ok(())
            }
            StmtKind::Labeled(l, inner) => {
                self.pending_label = Some(l.value);
                let r = self.stmt(inner);
                self.pending_label = None;
                r
            }
            StmtKind::Decl(g) => self.local_decl(g),
            StmtKind::Assign(op, lhs, rhs) => self.assign(s.pos, *op, lhs, rhs),
            StmtKind::Return(results) => self.ret(s.pos, results),
            StmtKind::If(ifs) => self.if_stmt(ifs),
            StmtKind::For(fs) => self.for_stmt(fs),
            StmtKind::Switch(sw) => self.switch_stmt(sw),
            StmtKind::Branch(tok, label) => self.branch_stmt(s.pos, *tok, label.as_ref()),
            _ => Err(unsupported(s.pos, "this statement")),
        }
    }

    fn local_decl(&mut self, g: &ast::GenDecl) -> Result<()> {
        if g.tok != Token::Var {
            return Ok(()); // constants and types need no code
        }
        for spec in &g.specs {
            let Spec::Value(vs) = spec else { continue };
            let vals = if vs.values.is_empty() {
                None
            } else if vs.values.len() == vs.names.len() {
                let mut all = Vec::new();
                for (v, n) in vs.values.iter().zip(&vs.names) {
                    let t = self.def_type(n);
                    all.push(self.expr_as(v, t)?);
                }
                Some(all)
            } else {
                Some(self.split_multi(&vs.values[0])?)
            };
            for (i, n) in vs.names.iter().enumerate() {
                let Some(&obj) = self.p.info.defs.get(&n.pos) else {
                    continue;
                };
                let init = vals.as_ref().map(|v| v[i].clone());
                if n.is_blank() {
                    continue;
                }
                self.declare_local(obj, init, n.pos)?;
            }
        }
        Ok(())
    }

    fn def_type(&self, n: &ast::Name) -> TypeId {
        self.p
            .info
            .defs
            .get(&n.pos)
            .and_then(|&o| self.p.store.obj(o).typ)
            .unwrap_or(universe::INVALID)
    }

    /// The values of a multi-valued expression split per result.
    fn split_multi(&mut self, e: &Expr) -> Result<Vec<Vec<Value>>> {
        let t = self.type_of(e);
        let flat = self.expr_multi(e)?;
        let Type::Tuple(vars) = self.p.store.ty(t).clone() else {
            return Err(unsupported(e.pos, "this multi-value expression"));
        };
        let mut out = Vec::new();
        let mut k = 0;
        for v in vars {
            let vt = self.p.store.obj(v).typ.unwrap_or(universe::INVALID);
            let m = self.leaves(vt, e.pos)?.len();
            out.push(flat[k..k + m].to_vec());
            k += m;
        }
        Ok(out)
    }

    fn assign(&mut self, pos: Pos, op: AssignOp, lhs: &[Expr], rhs: &[Expr]) -> Result<()> {
        match op {
            AssignOp::IncDec(o) => {
                let x = &lhs[0];
                let t = self.type_of(x);
                let cur = self.expr(x)?;
                let one = self.const_of_type(t, 1, pos)?;
                let v = self.arith(o, t, &cur, &one, pos)?;
                self.store_to(x, v)
            }
            AssignOp::Op(o) => {
                let x = &lhs[0];
                let t = self.type_of(x);
                let cur = self.expr(x)?;
                let y = if matches!(o, Operator::Shl | Operator::Shr) {
                    self.expr(&rhs[0])?
                } else {
                    self.expr_as(&rhs[0], t)?
                };
                let yt = self.type_of(&rhs[0]);
                let v = if matches!(o, Operator::Shl | Operator::Shr) {
                    self.shift(o, t, &cur, yt, &y, pos)?
                } else {
                    self.arith(o, t, &cur, &y, pos)?
                };
                self.store_to(x, v)
            }
            AssignOp::Define | AssignOp::Assign => {
                let define = op == AssignOp::Define;
                let vals: Vec<Vec<Value>> = if rhs.len() == lhs.len() {
                    let mut v = Vec::new();
                    for (l, r) in lhs.iter().zip(rhs) {
                        let t = self.lhs_type(l, define);
                        v.push(self.expr_as(r, t)?);
                    }
                    v
                } else {
                    self.split_multi(&rhs[0])?
                };
                for (l, v) in lhs.iter().zip(vals) {
                    if let ExprKind::Name(n) = &l.kind {
                        if n.as_str() == "_" {
                            continue;
                        }
                        if define {
                            if let Some(&obj) = self.p.info.defs.get(&l.pos) {
                                self.declare_local(obj, Some(v), l.pos)?;
                                continue;
                            }
                        }
                    }
                    self.store_to(l, v)?;
                }
                Ok(())
            }
        }
    }

    fn lhs_type(&self, l: &Expr, define: bool) -> TypeId {
        if define {
            if let Some(&o) = self.p.info.defs.get(&l.pos) {
                return self.p.store.obj(o).typ.unwrap_or(universe::INVALID);
            }
        }
        self.type_of(l)
    }

    /// Assigns to an addressable expression.
    fn store_to(&mut self, l: &Expr, v: Vec<Value>) -> Result<()> {
        match &l.kind {
            ExprKind::Paren(x) => self.store_to(x, v),
            ExprKind::Name(n) if n.as_str() == "_" => Ok(()),
            ExprKind::Name(_) => {
                let obj = self
                    .use_of(l)
                    .ok_or_else(|| unsupported(l.pos, "assignment"))?;
                if let Some(Local::Ssa(vars)) = self.locals.get(&obj).cloned() {
                    let b = self.cur();
                    for (var, val) in vars.iter().zip(v) {
                        self.ssa.write(*var, b, val);
                    }
                    return Ok(());
                }
                if let Some(sym) = self.globals.get(&obj).cloned() {
                    let t = self.p.store.obj(obj).typ.unwrap_or(universe::INVALID);
                    let addr = self.ins1(InstKind::SymAddr(sym, 0), l.pos);
                    return self.store_value(addr, t, &v, l.pos);
                }
                Err(unsupported(l.pos, "assignment to this variable"))
            }
            _ => Err(unsupported(l.pos, "assignment to this expression")),
        }
    }

    fn store_value(&mut self, addr: Value, t: TypeId, v: &[Value], pos: Pos) -> Result<()> {
        let leaves = self.leaves(t, pos)?;
        for ((_, off), &val) in leaves.iter().zip(v) {
            self.ins(InstKind::Store(addr, val, *off as i32), pos);
        }
        Ok(())
    }

    fn load_value(&mut self, addr: Value, t: TypeId, pos: Pos) -> Result<Vec<Value>> {
        let leaves = self.leaves(t, pos)?;
        Ok(leaves
            .iter()
            .map(|&(ty, off)| self.ins1(InstKind::Load(ty, addr, off as i32), pos))
            .collect())
    }

    fn ret(&mut self, pos: Pos, results: &[Expr]) -> Result<()> {
        let mut vals = Vec::new();
        if results.is_empty() {
            for o in self.named_results.clone() {
                let Some(Local::Ssa(vars)) = self.locals.get(&o).cloned() else {
                    return Err(unsupported(pos, "this result"));
                };
                let b = self.cur();
                for var in vars {
                    vals.push(self.ssa.read(&mut self.f, var, b));
                }
            }
        } else if results.len() == self.result_types.len() {
            for (r, t) in results.iter().zip(self.result_types.clone()) {
                vals.extend(self.expr_as(r, t)?);
            }
        } else {
            vals = self.expr_multi(&results[0])?;
        }
        self.terminate(Term::Return(vals));
        Ok(())
    }

    fn cond_branch(&mut self, c: &Expr, t: Block, e: Block) -> Result<()> {
        // Short-circuit operators branch directly.
        match &c.kind {
            ExprKind::Paren(x) => return self.cond_branch(x, t, e),
            ExprKind::Operation(Operator::AndAnd, x, Some(y)) => {
                let mid = self.new_block();
                self.cond_branch(x, mid, e)?;
                self.enter(mid);
                return self.cond_branch(y, t, e);
            }
            ExprKind::Operation(Operator::OrOr, x, Some(y)) => {
                let mid = self.new_block();
                self.cond_branch(x, t, mid)?;
                self.enter(mid);
                return self.cond_branch(y, t, e);
            }
            ExprKind::Operation(Operator::Not, x, None) => return self.cond_branch(x, e, t),
            _ => {}
        }
        let v = self.expr(c)?[0];
        self.branch(v, t, e);
        Ok(())
    }

    fn if_stmt(&mut self, s: &ast::IfStmt) -> Result<()> {
        if let Some(init) = &s.init {
            self.stmt(init)?;
        }
        let then_b = self.new_block();
        let else_b = self.new_block();
        let join = if s.els.is_some() {
            self.new_block()
        } else {
            else_b
        };
        self.cond_branch(&s.cond, then_b, else_b)?;
        self.enter(then_b);
        self.block(&s.then.stmts)?;
        self.jump(join);
        if let Some(els) = &s.els {
            self.enter(else_b);
            self.stmt(els)?;
            self.jump(join);
        }
        self.enter(join);
        Ok(())
    }

    fn for_stmt(&mut self, s: &ast::ForStmt) -> Result<()> {
        let label = self.pending_label.take();
        if let Some(init) = &s.init {
            if let StmtKind::Range(_) = init.kind {
                return Err(unsupported(init.pos, "range loops"));
            }
            self.stmt(init)?;
        }
        let head = self.new_block();
        let body = self.new_block();
        let post = self.new_block();
        let exit = self.new_block();
        self.jump(head);
        self.start(head);
        match &s.cond {
            Some(c) => self.cond_branch(c, body, exit)?,
            None => self.jump(body),
        }
        self.enter(body);
        self.targets.push(Target {
            label,
            brk: exit,
            cont: Some(post),
        });
        self.block(&s.body.stmts)?;
        self.targets.pop();
        self.jump(post);
        self.enter(post);
        if let Some(p) = &s.post {
            self.stmt(p)?;
        }
        self.jump(head);
        self.ssa.seal(&mut self.f, head);
        self.enter(exit);
        Ok(())
    }

    fn switch_stmt(&mut self, s: &ast::SwitchStmt) -> Result<()> {
        let label = self.pending_label.take();
        if let Some(init) = &s.init {
            self.stmt(init)?;
        }
        let tag = match &s.tag {
            Some(t) if matches!(t.kind, ExprKind::TypeSwitchGuard(..)) => {
                return Err(unsupported(t.pos, "type switches"));
            }
            Some(t) => Some((self.type_of(t), self.expr(t)?)),
            None => None,
        };
        let exit = self.new_block();
        let bodies: Vec<Block> = s.body.iter().map(|_| self.new_block()).collect();
        let mut default = None;
        for (i, cc) in s.body.iter().enumerate() {
            let Some(cases) = &cc.cases else {
                default = Some(bodies[i]);
                continue;
            };
            for c in cases {
                let next = self.new_block();
                let cond = match &tag {
                    Some((tt, tv)) => {
                        let cv = self.expr_as(c, *tt)?;
                        self.compare(Operator::Eql, *tt, tv, &cv, c.pos)?
                    }
                    None => self.expr(c)?[0],
                };
                self.branch(cond, bodies[i], next);
                self.enter(next);
            }
        }
        self.jump(default.unwrap_or(exit));
        self.targets.push(Target {
            label,
            brk: exit,
            cont: None,
        });
        for (i, cc) in s.body.iter().enumerate() {
            self.enter(bodies[i]);
            let falls = matches!(
                cc.body.last().map(|s| &s.kind),
                Some(StmtKind::Branch(Token::Fallthrough, _))
            );
            self.block(&cc.body)?;
            if falls {
                if let Some(&nb) = bodies.get(i + 1) {
                    self.jump(nb);
                }
            } else {
                self.jump(exit);
            }
        }
        self.targets.pop();
        self.enter(exit);
        Ok(())
    }

    fn branch_stmt(&mut self, pos: Pos, tok: Token, label: Option<&ast::Name>) -> Result<()> {
        if tok == Token::Fallthrough {
            return Ok(()); // handled by the switch
        }
        let target = self.targets.iter().rev().find(|t| match label {
            Some(l) => t.label == Some(l.value),
            None => tok == Token::Break || t.cont.is_some(),
        });
        let to = match (tok, target) {
            (Token::Break, Some(t)) => t.brk,
            (Token::Continue, Some(t)) => t.cont.ok_or_else(|| unsupported(pos, "continue"))?,
            _ => return Err(unsupported(pos, "this branch statement")),
        };
        self.jump(to);
        Ok(())
    }
}

// ---- expressions ----

impl<S: Store> FuncBuilder<'_, '_, S> {
    fn use_of(&self, e: &Expr) -> Option<ObjId> {
        self.p
            .info
            .uses
            .get(&ExprKey {
                file: self.file,
                id: e.id,
            })
            .copied()
    }

    /// A single-valued expression's scalars.
    fn expr(&mut self, e: &Expr) -> Result<Vec<Value>> {
        self.expr_multi(e)
    }

    /// An expression converted to type `t` (for untyped constants and
    /// assignments of concrete values to the same type).
    fn expr_as(&mut self, e: &Expr, t: TypeId) -> Result<Vec<Value>> {
        if let Some(tv) = self.tv(e) {
            if let Some(v) = &tv.val {
                return self.constant(v, t, e.pos);
            }
            if tv.mode == Mode::NilValue {
                return self.zero_of(t, e.pos);
            }
        }
        let et = self.type_of(e);
        let v = self.expr(e)?;
        if matches!(
            self.p.store.ty(underlying(self.p.store, t)),
            Type::Interface(_)
        ) && !matches!(
            self.p.store.ty(underlying(self.p.store, et)),
            Type::Interface(_)
        ) {
            return Err(unsupported(e.pos, "conversion to interface"));
        }
        Ok(v)
    }

    fn zero_of(&mut self, t: TypeId, pos: Pos) -> Result<Vec<Value>> {
        let leaves = self.leaves(t, pos)?;
        let b = self.cur();
        Ok(leaves
            .iter()
            .map(|(ty, _)| crate::ssa::zero(&mut self.f, b, *ty))
            .collect())
    }

    fn const_of_type(&mut self, t: TypeId, v: i64, pos: Pos) -> Result<Vec<Value>> {
        self.constant(&types::constant::Value::from_i64(v), t, pos)
    }

    /// A constant's scalars as a value of type `t` (untyped constants take
    /// their default type).
    fn constant(&mut self, v: &types::constant::Value, t: TypeId, pos: Pos) -> Result<Vec<Value>> {
        let t = match self.basic_kind(t) {
            Some(BasicKind::UntypedBool) => universe::BOOL,
            Some(BasicKind::UntypedInt) => universe::INT,
            Some(BasicKind::UntypedRune) => universe::INT32,
            Some(BasicKind::UntypedFloat) => universe::FLOAT64,
            Some(BasicKind::UntypedComplex) => universe::COMPLEX128,
            Some(BasicKind::UntypedString) => universe::STRING,
            _ => t,
        };
        let s = self.p.store;
        if is_boolean(s, t) {
            return Ok(vec![self.iconst(Ty::I8, v.bool_val() as i64, pos)]);
        }
        if is_string(s, t) {
            let bytes = v.str_bytes().to_vec();
            let len = self.iconst(Ty::I64, bytes.len() as i64, pos);
            let ptr = if bytes.is_empty() {
                self.iconst(Ty::PTR, 0, pos)
            } else {
                let sym = self.strings.symbol(&bytes);
                self.ins1(InstKind::SymAddr(sym, 0), pos)
            };
            return Ok(vec![ptr, len]);
        }
        if is_complex(s, t) {
            let ty = if self.basic_kind(t) == Some(BasicKind::Complex64) {
                Ty::F32
            } else {
                Ty::F64
            };
            let re = v.real().to_float().float64_val().0;
            let im = v.imag().to_float().float64_val().0;
            let a = self.ins1(InstKind::Fconst(ty, re), pos);
            let b = self.ins1(InstKind::Fconst(ty, im), pos);
            return Ok(vec![a, b]);
        }
        let leaves = self.leaves(t, pos)?;
        if leaves.len() != 1 {
            return Err(unsupported(pos, "this constant"));
        }
        let ty = leaves[0].0;
        if is_float(s, t) {
            let f = if ty == Ty::F32 {
                v.to_float().float32_val().0 as f64
            } else {
                v.to_float().float64_val().0
            };
            return Ok(vec![self.ins1(InstKind::Fconst(ty, f), pos)]);
        }
        let iv = v.to_int();
        let bits = iv
            .int64_val()
            .or_else(|| iv.uint64_val().map(|u| u as i64))
            .unwrap_or(0);
        Ok(vec![self.iconst(ty, bits, pos)])
    }

    /// Any expression's scalars (all results of a call, concatenated).
    fn expr_multi(&mut self, e: &Expr) -> Result<Vec<Value>> {
        if let Some(tv) = self.tv(e) {
            if let Some(v) = tv.val.clone() {
                return self.constant(&v, tv.typ, e.pos);
            }
        }
        match &e.kind {
            ExprKind::Paren(x) => self.expr_multi(x),
            ExprKind::Name(_) => self.name(e),
            ExprKind::Operation(op, x, None) => self.unary(e, *op, x),
            ExprKind::Operation(Operator::AndAnd | Operator::OrOr, ..) => {
                // As a value: branch into a merge that receives the bool.
                let t = self.new_block();
                let f = self.new_block();
                let join = self.new_block();
                let var = self.ssa.new_var(Ty::I8);
                self.cond_branch(e, t, f)?;
                for (b, v) in [(t, 1), (f, 0)] {
                    self.enter(b);
                    let c = self.iconst(Ty::I8, v, e.pos);
                    let at = self.cur();
                    self.ssa.write(var, at, c);
                    self.jump(join);
                }
                self.enter(join);
                let at = self.cur();
                Ok(vec![self.ssa.read(&mut self.f, var, at)])
            }
            ExprKind::Operation(op, x, Some(y)) => self.binary(e, *op, x, y),
            ExprKind::Call(c) => self.call(e, c),
            ExprKind::Index(x, idx) if idx.len() == 1 => self.index(e, x, &idx[0]),
            _ => Err(unsupported(e.pos, "this expression")),
        }
    }

    fn name(&mut self, e: &Expr) -> Result<Vec<Value>> {
        let obj = self
            .use_of(e)
            .ok_or_else(|| unsupported(e.pos, "this name"))?;
        if let Some(Local::Ssa(vars)) = self.locals.get(&obj).cloned() {
            let b = self.cur();
            return Ok(vars
                .iter()
                .map(|&v| self.ssa.read(&mut self.f, v, b))
                .collect());
        }
        if let Some(sym) = self.globals.get(&obj).cloned() {
            let t = self.p.store.obj(obj).typ.unwrap_or(universe::INVALID);
            let addr = self.ins1(InstKind::SymAddr(sym, 0), e.pos);
            return self.load_value(addr, t, e.pos);
        }
        if let ObjKind::Nil = self.p.store.obj(obj).kind {
            let t = self.type_of(e);
            return self.zero_of(t, e.pos);
        }
        Err(unsupported(e.pos, "this kind of name"))
    }

    fn unary(&mut self, e: &Expr, op: Operator, x: &Expr) -> Result<Vec<Value>> {
        let t = self.type_of(e);
        let v = self.expr(x)?;
        let s = self.p.store;
        match op {
            Operator::Add => Ok(v),
            Operator::Sub if is_complex(s, t) => Ok(vec![
                self.ins1(InstKind::Un(UnOp::FNeg, v[0]), e.pos),
                self.ins1(InstKind::Un(UnOp::FNeg, v[1]), e.pos),
            ]),
            Operator::Sub if is_float(s, t) => {
                Ok(vec![self.ins1(InstKind::Un(UnOp::FNeg, v[0]), e.pos)])
            }
            Operator::Sub => Ok(vec![self.ins1(InstKind::Un(UnOp::Neg, v[0]), e.pos)]),
            Operator::Xor => Ok(vec![self.ins1(InstKind::Un(UnOp::Not, v[0]), e.pos)]),
            Operator::Not => {
                let one = self.iconst(Ty::I8, 1, e.pos);
                Ok(vec![self.ins1(InstKind::Bin(BinOp::Xor, v[0], one), e.pos)])
            }
            _ => Err(unsupported(e.pos, "this unary operator")),
        }
    }

    fn binary(&mut self, e: &Expr, op: Operator, x: &Expr, y: &Expr) -> Result<Vec<Value>> {
        use Operator::*;
        let xt = self.type_of(x);
        let yt = self.type_of(y);
        match op {
            Eql | Neq | Lss | Leq | Gtr | Geq => {
                // Operands of a comparison have the same type, except an
                // untyped constant on one side.
                let ct = if self.tv(x).is_some_and(|t| t.val.is_some()) {
                    yt
                } else {
                    xt
                };
                let a = self.expr_as(x, ct)?;
                let b = self.expr_as(y, ct)?;
                let v = self.compare(op, ct, &a, &b, e.pos)?;
                Ok(vec![v])
            }
            Shl | Shr => {
                let t = self.type_of(e);
                let a = self.expr_as(x, t)?;
                let b = self.expr(y)?;
                self.shift(op, t, &a, yt, &b, e.pos)
            }
            _ => {
                let t = self.type_of(e);
                let a = self.expr_as(x, t)?;
                let b = self.expr_as(y, t)?;
                self.arith(op, t, &a, &b, e.pos)
            }
        }
    }

    fn arith(
        &mut self,
        op: Operator,
        t: TypeId,
        a: &[Value],
        b: &[Value],
        pos: Pos,
    ) -> Result<Vec<Value>> {
        use Operator::*;
        let s = self.p.store;
        if is_string(s, t) {
            if op != Add {
                return Err(unsupported(pos, "this string operator"));
            }
            return Ok(self.concat(&[a.to_vec(), b.to_vec()], pos));
        }
        if is_complex(s, t) {
            return Err(unsupported(pos, "complex arithmetic"));
        }
        let float = is_float(s, t);
        let unsigned = is_unsigned(s, t);
        let bop = match (op, float) {
            (Add, false) => BinOp::Add,
            (Sub, false) => BinOp::Sub,
            (Mul, false) => BinOp::Mul,
            (Add, true) => BinOp::FAdd,
            (Sub, true) => BinOp::FSub,
            (Mul, true) => BinOp::FMul,
            (Div, true) => BinOp::FDiv,
            (Div, false) => {
                self.ins(InstKind::DivCheck(b[0]), pos);
                if unsigned {
                    BinOp::UDiv
                } else {
                    BinOp::SDiv
                }
            }
            (Rem, false) => {
                self.ins(InstKind::DivCheck(b[0]), pos);
                if unsigned {
                    BinOp::URem
                } else {
                    BinOp::SRem
                }
            }
            (And, false) => BinOp::And,
            (Or, false) => BinOp::Or,
            (Xor, false) => BinOp::Xor,
            (AndNot, false) => BinOp::AndNot,
            _ => return Err(unsupported(pos, "this operator")),
        };
        Ok(vec![self.ins1(InstKind::Bin(bop, a[0], b[0]), pos)])
    }

    fn shift(
        &mut self,
        op: Operator,
        t: TypeId,
        a: &[Value],
        ct: TypeId,
        b: &[Value],
        pos: Pos,
    ) -> Result<Vec<Value>> {
        let mut count = b[0];
        if !is_unsigned(self.p.store, ct) {
            // A negative count panics.
            let cty = self.f.ty(count);
            let zero = self.iconst(cty, 0, pos);
            let neg = self.ins1(InstKind::Cmp(CmpOp::SLt, count, zero), pos);
            let bad = self.new_block();
            let ok = self.new_block();
            self.branch(neg, bad, ok);
            self.enter(bad);
            self.call_runtime("runtime.panicshift", vec![], vec![], pos);
            self.terminate(Term::Unreachable);
            self.enter(ok);
        }
        if self.f.ty(count) != Ty::I64 {
            count = self.ins1(InstKind::Conv(ConvOp::ZExt, count, Ty::I64), pos);
        }
        let bop = match op {
            Operator::Shl => BinOp::Shl,
            _ if is_unsigned(self.p.store, t) => BinOp::UShr,
            _ => BinOp::SShr,
        };
        Ok(vec![self.ins1(InstKind::Bin(bop, a[0], count), pos)])
    }

    fn compare(
        &mut self,
        op: Operator,
        t: TypeId,
        a: &[Value],
        b: &[Value],
        pos: Pos,
    ) -> Result<Value> {
        use Operator::*;
        let s = self.p.store;
        if is_string(s, t) {
            let r = self.call_runtime(
                "runtime.cmpstring",
                vec![a[0], a[1], b[0], b[1]],
                vec![Ty::I64],
                pos,
            )[0];
            let zero = self.iconst(Ty::I64, 0, pos);
            let c = match op {
                Eql => CmpOp::Eq,
                Neq => CmpOp::Ne,
                Lss => CmpOp::SLt,
                Leq => CmpOp::SLe,
                Gtr => CmpOp::SGt,
                _ => CmpOp::SGe,
            };
            return Ok(self.ins1(InstKind::Cmp(c, r, zero), pos));
        }
        if a.len() != 1 {
            if matches!(op, Eql | Neq) && a.iter().all(|&v| !self.f.ty(v).is_float()) {
                // Scalar leaves compared one by one (pointers, small
                // structs of integers).
                let mut acc = self.ins1(InstKind::Cmp(CmpOp::Eq, a[0], b[0]), pos);
                for i in 1..a.len() {
                    let c = self.ins1(InstKind::Cmp(CmpOp::Eq, a[i], b[i]), pos);
                    acc = self.ins1(InstKind::Bin(BinOp::And, acc, c), pos);
                }
                if op == Neq {
                    let one = self.iconst(Ty::I8, 1, pos);
                    acc = self.ins1(InstKind::Bin(BinOp::Xor, acc, one), pos);
                }
                return Ok(acc);
            }
            return Err(unsupported(pos, "comparison of this type"));
        }
        let float = is_float(s, t);
        let unsigned = is_unsigned(s, t) || !types::predicates::is_numeric(s, t);
        let c = match (op, float, unsigned) {
            (Eql, true, _) => CmpOp::FEq,
            (Neq, true, _) => CmpOp::FNe,
            (Lss, true, _) => CmpOp::FLt,
            (Leq, true, _) => CmpOp::FLe,
            (Gtr, true, _) => CmpOp::FGt,
            (Geq, true, _) => CmpOp::FGe,
            (Eql, false, _) => CmpOp::Eq,
            (Neq, false, _) => CmpOp::Ne,
            (Lss, false, false) => CmpOp::SLt,
            (Leq, false, false) => CmpOp::SLe,
            (Gtr, false, false) => CmpOp::SGt,
            (Geq, false, false) => CmpOp::SGe,
            (Lss, false, true) => CmpOp::ULt,
            (Leq, false, true) => CmpOp::ULe,
            (Gtr, false, true) => CmpOp::UGt,
            _ => CmpOp::UGe,
        };
        Ok(self.ins1(InstKind::Cmp(c, a[0], b[0]), pos))
    }

    fn concat(&mut self, parts: &[Vec<Value>], pos: Pos) -> Vec<Value> {
        // An array of (ptr, len) pairs on the stack.
        let slot = self.f.new_slot(16 * parts.len() as u32, 8);
        let base = self.ins1(InstKind::SlotAddr(slot), pos);
        for (i, p) in parts.iter().enumerate() {
            self.ins(InstKind::Store(base, p[0], 16 * i as i32), pos);
            self.ins(InstKind::Store(base, p[1], 16 * i as i32 + 8), pos);
        }
        let n = self.iconst(Ty::I64, parts.len() as i64, pos);
        self.call_runtime(
            "runtime.concatstrings",
            vec![base, n],
            vec![Ty::PTR, Ty::I64],
            pos,
        )
    }

    fn index(&mut self, e: &Expr, x: &Expr, i: &Expr) -> Result<Vec<Value>> {
        let xt = self.type_of(x);
        if !is_string(self.p.store, xt) {
            return Err(unsupported(e.pos, "indexing of this type"));
        }
        let s = self.expr(x)?;
        let it = self.type_of(i);
        let mut idx = self.expr_as(i, it)?[0];
        let unsigned = is_unsigned(self.p.store, it);
        idx = self.widen(idx, unsigned, e.pos);
        self.ins(
            InstKind::BoundsCheck {
                kind: BoundsKind::Index,
                index: idx,
                len: s[1],
                unsigned,
            },
            e.pos,
        );
        let addr = self.ins1(InstKind::Bin(BinOp::Add, s[0], idx), e.pos);
        Ok(vec![self.ins1(InstKind::Load(Ty::I8, addr, 0), e.pos)])
    }

    /// An integer widened to 64 bits.
    fn widen(&mut self, v: Value, unsigned: bool, pos: Pos) -> Value {
        if self.f.ty(v) == Ty::I64 {
            return v;
        }
        let op = if unsigned { ConvOp::ZExt } else { ConvOp::SExt };
        self.ins1(InstKind::Conv(op, v, Ty::I64), pos)
    }

    fn call(&mut self, e: &Expr, c: &ast::CallExpr) -> Result<Vec<Value>> {
        let ftv = self.tv(&c.fun).cloned();
        let Some(ftv) = ftv else {
            return Err(unsupported(e.pos, "this call"));
        };
        match ftv.mode {
            Mode::TypeExpr => {
                let t = ftv.typ;
                return self.conversion(e, t, &c.args[0]);
            }
            Mode::Builtin(b) => return self.builtin(e, b, c),
            _ => {}
        }
        // Static calls of package-level functions only, for now.
        let callee = match &c.fun.kind {
            ExprKind::Name(_) | ExprKind::Paren(_) => {
                let fun = strip_parens(&c.fun);
                let obj = self
                    .use_of(fun)
                    .ok_or_else(|| unsupported(e.pos, "this call"))?;
                let o = self.p.store.obj(obj);
                match o.kind {
                    ObjKind::Func { .. } if o.pkg == Some(self.p.pkg) => {
                        format!("{}.{}", self.p.path, o.name)
                    }
                    _ => return Err(unsupported(e.pos, "calls of function values")),
                }
            }
            _ => return Err(unsupported(e.pos, "this call")),
        };
        let Type::Signature(sig) = self.p.store.ty(underlying(self.p.store, ftv.typ)).clone()
        else {
            return Err(unsupported(e.pos, "this call"));
        };
        if sig.variadic {
            return Err(unsupported(e.pos, "variadic calls"));
        }
        let Type::Tuple(params) = self.p.store.ty(sig.params).clone() else {
            return Err(unsupported(e.pos, "this call"));
        };
        let mut args = vec![self.iconst(Ty::PTR, 0, e.pos)];
        if params.len() == c.args.len() {
            for (a, &pv) in c.args.iter().zip(&params) {
                let pt = self.p.store.obj(pv).typ.unwrap_or(universe::INVALID);
                args.extend(self.expr_as(a, pt)?);
            }
        } else if c.args.len() == 1 {
            args.extend(self.expr_multi(&c.args[0])?);
        }
        let mut results = Vec::new();
        if let Type::Tuple(rs) = self.p.store.ty(sig.results).clone() {
            for r in rs {
                let rt = self.p.store.obj(r).typ.unwrap_or(universe::INVALID);
                results.extend(self.leaves(rt, e.pos)?.into_iter().map(|(t, _)| t));
            }
        }
        Ok(self.ins(
            InstKind::Call {
                callee: Callee::Direct(callee),
                args,
                results,
            },
            e.pos,
        ))
    }

    fn conversion(&mut self, e: &Expr, to: TypeId, x: &Expr) -> Result<Vec<Value>> {
        let from = self.type_of(x);
        let v = self.expr_as(x, from)?;
        let s = self.p.store;
        if self.basic_kind(from).is_none() || self.basic_kind(to).is_none() {
            // Same underlying representation (named types, pointers).
            if self.leaves(from, e.pos)?.len() == self.leaves(to, e.pos)?.len() {
                return Ok(v);
            }
            return Err(unsupported(e.pos, "this conversion"));
        }
        if is_string(s, to) || is_string(s, from) || is_complex(s, to) {
            if is_string(s, to) && is_string(s, from) {
                return Ok(v);
            }
            return Err(unsupported(e.pos, "this conversion"));
        }
        let tty = self.leaves(to, e.pos)?[0].0;
        let fty = self.f.ty(v[0]);
        let from_unsigned = is_unsigned(s, from);
        let r = match (fty.is_float(), tty.is_float()) {
            (false, false) => {
                if tty.bytes() == fty.bytes() {
                    v[0]
                } else if tty.bytes() < fty.bytes() {
                    self.ins1(InstKind::Conv(ConvOp::Trunc, v[0], tty), e.pos)
                } else if from_unsigned {
                    self.ins1(InstKind::Conv(ConvOp::ZExt, v[0], tty), e.pos)
                } else {
                    self.ins1(InstKind::Conv(ConvOp::SExt, v[0], tty), e.pos)
                }
            }
            (false, true) => {
                let op = if from_unsigned {
                    ConvOp::UToF
                } else {
                    ConvOp::SToF
                };
                self.ins1(InstKind::Conv(op, v[0], tty), e.pos)
            }
            (true, false) => {
                let op = if is_unsigned(s, to) {
                    ConvOp::FToU
                } else {
                    ConvOp::FToS
                };
                self.ins1(InstKind::Conv(op, v[0], tty), e.pos)
            }
            (true, true) => {
                if tty == fty {
                    v[0]
                } else {
                    self.ins1(InstKind::Conv(ConvOp::FConv, v[0], tty), e.pos)
                }
            }
        };
        Ok(vec![r])
    }

    fn builtin(&mut self, e: &Expr, b: Builtin, c: &ast::CallExpr) -> Result<Vec<Value>> {
        match b {
            Builtin::Print | Builtin::Println => {
                self.call_runtime("runtime.printlock", vec![], vec![], e.pos);
                for (i, a) in c.args.iter().enumerate() {
                    if i > 0 && b == Builtin::Println {
                        self.call_runtime("runtime.printsp", vec![], vec![], e.pos);
                    }
                    self.print_arg(a)?;
                }
                if b == Builtin::Println {
                    self.call_runtime("runtime.printnl", vec![], vec![], e.pos);
                }
                self.call_runtime("runtime.printunlock", vec![], vec![], e.pos);
                Ok(vec![])
            }
            Builtin::Len => {
                let t = self.type_of(&c.args[0]);
                if is_string(self.p.store, t) {
                    let v = self.expr(&c.args[0])?;
                    return Ok(vec![v[1]]);
                }
                Err(unsupported(e.pos, "len of this type"))
            }
            _ => Err(unsupported(e.pos, "this built-in")),
        }
    }

    fn print_arg(&mut self, a: &Expr) -> Result<()> {
        let t = self.type_of(a);
        let v = self.expr_as(a, t)?;
        let s = self.p.store;
        let kind = self.basic_kind(t);
        let pos = a.pos;
        use BasicKind::*;
        let (func, args) = match kind {
            Some(Bool | UntypedBool) => ("runtime.printbool", v),
            Some(Int | Int8 | Int16 | Int32 | Int64 | UntypedInt | UntypedRune) => {
                let w = self.widen(v[0], false, pos);
                ("runtime.printint", vec![w])
            }
            Some(Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr) => {
                let w = self.widen(v[0], true, pos);
                ("runtime.printuint", vec![w])
            }
            Some(Float32 | Float64 | UntypedFloat) => {
                let f = if self.f.ty(v[0]) == Ty::F32 {
                    self.ins1(InstKind::Conv(ConvOp::FConv, v[0], Ty::F64), pos)
                } else {
                    v[0]
                };
                ("runtime.printfloat64", vec![f])
            }
            Some(Complex64 | Complex128 | UntypedComplex) => {
                let mut w = Vec::new();
                for x in v {
                    w.push(if self.f.ty(x) == Ty::F32 {
                        self.ins1(InstKind::Conv(ConvOp::FConv, x, Ty::F64), pos)
                    } else {
                        x
                    });
                }
                ("runtime.printcomplex128", w)
            }
            Some(String | UntypedString) => ("runtime.printstring", v),
            Some(UnsafePointer) => ("runtime.printpointer", v),
            _ => match s.ty(underlying(s, t)) {
                Type::Pointer(_) | Type::Map(..) | Type::Chan(..) | Type::Signature(_) => {
                    ("runtime.printpointer", v)
                }
                Type::Slice(_) => ("runtime.printslice", v),
                _ => return Err(unsupported(pos, "printing this type")),
            },
        };
        self.call_runtime(func, args, vec![], pos);
        Ok(())
    }
}

fn strip_parens(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Paren(x) => strip_parens(x),
        _ => e,
    }
}
