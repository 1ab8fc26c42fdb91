//! `defer`, `recover` and functions with deferred calls (docs/ABI.md,
//! "defer, panic and recover"). A function with a `defer` statement is
//! built as two: an outer wrapper with the function's link name and
//! signature, which stores the arguments in a frame block and calls
//! `runtime.withdefers(body, ctx, block)`, and the body
//! (`NAME·body`, shown as NAME in tracebacks), which takes the block,
//! keeps the results there (a pointer per result, so named results a
//! deferred closure changes are read back), and runs
//! `runtime.deferreturn` before returning. `defer f(args)` evaluates `f`
//! and the arguments into a closure object whose code (a wrapper) makes
//! the call, and links it with `runtime.deferpush`.

use syntax::ast::{self, Expr, ExprKind, Stmt, StmtKind};
use syntax::token::Token;
use syntax::Pos;
use types::arena::{Store, TypeId};
use types::object::Builtin;
use types::ty::Type;

use super::*;
use crate::func::{Callee, InstKind, Term, Ty, Value};
use crate::overlay::Subst;

/// What a call evaluated now is made for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Later {
    Defer,
    Go,
}

impl Later {
    fn wrap_name(self) -> &'static str {
        match self {
            Later::Defer => "deferwrap",
            Later::Go => "gowrap",
        }
    }

    fn runtime_func(self) -> &'static str {
        match self {
            Later::Defer => "runtime.deferpush",
            Later::Go => "runtime.newproc",
        }
    }
}

/// The frame block of a function with defers, as its body sees it.
#[derive(Clone)]
pub(super) struct DeferFrame {
    /// Where each Go result is kept.
    pub storage: Vec<Value>,
}

/// The layout of a frame block: parameter words, then the results (each
/// 8-aligned), then a pointer per result.
struct BlockLayout {
    result_offs: Vec<u32>,
    ptrs_off: u32,
    size: u32,
}

fn block_layout(s: &impl Store, nparams: usize, results: &[TypeId]) -> BlockLayout {
    let mut off = 8 * nparams as u32;
    let mut result_offs = Vec::new();
    for &r in results {
        result_offs.push(off);
        off += layout::size(s, r).div_ceil(8) * 8;
    }
    let ptrs_off = off;
    BlockLayout {
        result_offs,
        ptrs_off,
        size: (ptrs_off + 8 * results.len() as u32).max(8),
    }
}

/// Whether a function body has a `defer` statement (not counting those in
/// function literals).
pub(super) fn has_defer(stmts: &[Stmt]) -> bool {
    stmts.iter().any(stmt_has_defer)
}

fn stmt_has_defer(s: &Stmt) -> bool {
    match &s.kind {
        StmtKind::Call(Token::Defer, _) => true,
        StmtKind::Labeled(_, x) => stmt_has_defer(x),
        StmtKind::Block(b) => has_defer(&b.stmts),
        StmtKind::If(i) => has_defer(&i.then.stmts) || i.els.as_ref().is_some_and(stmt_has_defer),
        StmtKind::For(f) => has_defer(&f.body.stmts),
        StmtKind::Switch(sw) => sw.body.iter().any(|c| has_defer(&c.body)),
        StmtKind::Select(sel) => sel.body.iter().any(|c| has_defer(&c.body)),
        _ => false,
    }
}

/// The Go result types of a signature.
fn result_types(s: &impl Store, sig: TypeId) -> Vec<TypeId> {
    match s.ty(sig) {
        Type::Signature(sg) => match s.ty(sg.results) {
            Type::Tuple(rs) => rs
                .iter()
                .map(|&r| s.obj(r).typ.unwrap_or(types::universe::INVALID))
                .collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// A function (declaration or literal) with its body: built as one
/// function, or as outer and body when it defers calls.
#[allow(clippy::too_many_arguments)]
pub(super) fn build_func<'p, S: Subst>(
    p: &Package<'p, S>,
    sh: &mut Shared<'p, '_>,
    file: u32,
    name: String,
    pos: Pos,
    sig: TypeId,
    recv: Option<&[ast::Field]>,
    ft: &ast::FuncType,
    block: &ast::Block,
    captures: Vec<ObjId>,
    is_lit: bool,
    smap: Vec<(TypeId, TypeId)>,
) -> Result<()> {
    // Instances show as `F[...]` in tracebacks, as gc's do.
    let display = if smap.is_empty() || is_lit {
        None
    } else {
        name.find('[').map(|i| {
            format!(
                "{}[...]{}",
                &name[..i],
                &name[name.rfind(']').map_or(name.len(), |j| j + 1)..]
            )
        })
    };
    let body: &[Stmt] = &block.stmts;
    if !has_defer(body) {
        let mut fb = FuncBuilder::new(p, file, sh, name, pos, sig)?;
        fb.captures = captures;
        fb.is_lit = is_lit;
        fb.smap = smap;
        fb.f.display = display;
        fb.params(recv, ft, None)?;
        fb.body(body)?;
        let f = fb.finish();
        sh.out.push(f);
        return Ok(());
    }
    let body_name = format!("{name}\u{b7}body");
    let results = result_types(p.store, sig);
    // The body.
    let mut fb = FuncBuilder::new(p, file, sh, body_name.clone(), pos, sig)?;
    fb.f.results = Vec::new();
    fb.f.display = Some(display.clone().unwrap_or_else(|| name.clone()));
    fb.smap = smap.clone();
    fb.captures = captures;
    fb.is_lit = is_lit;
    fb.lit_base = Some(name.clone());
    fb.end_pos = block.rbrace;
    let frame = fb.f.add_param(Block(0), Ty::PTR);
    fb.params(recv, ft, Some(frame))?;
    fb.body(body)?;
    let nparams = fb.block_params;
    let f = fb.finish();
    sh.out.push(f);
    // The outer function.
    let recv_t = recv
        .and_then(|r| r.first())
        .map(|r| p.store.subst(recv_type(p, file, r), &smap));
    let (ptys, rtys) = sig_abi(p.store, recv_t, sig);
    let (fname, line) = match p.fset.position(pos) {
        Some(ps) => (source_path(&ps.filename), ps.line),
        None => (String::new(), 0),
    };
    let mut f = Func::new(name, fname, line, &ptys, rtys);
    f.wrapper = true;
    let lay = block_layout(p.store, nparams, &results);
    let slot = f.new_slot(lay.size, 8);
    let b0 = Block(0);
    let blk = f.push(b0, InstKind::SlotAddr(slot), line)[0];
    f.push(b0, InstKind::Zero(blk, lay.size), line);
    let params = f.params().to_vec();
    let ctx = params[0];
    let n_mem_results = results
        .iter()
        .filter(|&&r| layout::leaves(p.store, r).is_none())
        .count();
    let go_params = &params[1..params.len() - n_mem_results];
    let out_ptrs = &params[params.len() - n_mem_results..];
    for (k, &v) in go_params.iter().enumerate() {
        f.push(b0, InstKind::Store(blk, v, 8 * k as i32), line);
    }
    let code = f.push(b0, InstKind::FuncAddr(body_name), line)[0];
    f.push(
        b0,
        InstKind::Call {
            callee: Callee::Direct("runtime.withdefers".into()),
            args: vec![code, ctx, blk],
            results: vec![Ty::I64],
        },
        line,
    );
    let mut rets = Vec::new();
    let mut mem_k = 0;
    for (i, &r) in results.iter().enumerate() {
        let ptr = f.push(
            b0,
            InstKind::Load(Ty::PTR, blk, (lay.ptrs_off + 8 * i as u32) as i32),
            line,
        )[0];
        match layout::leaves(p.store, r) {
            Some(leaves) => {
                for (ty, off) in leaves {
                    rets.push(f.push(b0, InstKind::Load(ty, ptr, off as i32), line)[0]);
                }
            }
            None => {
                let n = layout::size(p.store, r);
                f.push(b0, InstKind::Copy(out_ptrs[mem_k], ptr, n), line);
                mem_k += 1;
            }
        }
    }
    f.set_term(b0, Term::Return(rets));
    sh.out.push(f);
    Ok(())
}

impl<S: Subst> FuncBuilder<'_, '_, '_, S> {
    /// Sets up the results of a body with defers: storage for each (a
    /// heap box for named results closures capture, else the block), and
    /// the block's pointers to them.
    pub(super) fn defer_results(&mut self, block: Value, named: &[Option<ObjId>]) -> Result<()> {
        let types: Vec<TypeId> = self.results.iter().map(|r| r.typ).collect();
        let lay = block_layout(self.p.store, self.block_params, &types);
        let mut storage = Vec::new();
        for (i, &t) in types.iter().enumerate() {
            let o = named.get(i).copied().flatten();
            let addr = match o {
                Some(o) if self.sh.escapes.boxed.contains(&o) => self.new_object(t, Pos::NONE),
                _ => self.offset(block, lay.result_offs[i] as i64, Pos::NONE),
            };
            self.ins(
                InstKind::Store(block, addr, (lay.ptrs_off + 8 * i as u32) as i32),
                Pos::NONE,
            );
            if let Some(o) = o {
                self.mem_local(o, addr);
            }
            storage.push(addr);
        }
        self.defer_frame = Some(DeferFrame { storage });
        Ok(())
    }

    /// Returns from a body with defers: the results to their storage,
    /// then the deferred calls.
    pub(super) fn defer_return(&mut self, vals: Vec<Vec<Value>>, pos: Pos) -> Result<()> {
        let frame = self.defer_frame.clone().expect("in a body with defers");
        for (i, v) in vals.into_iter().enumerate() {
            let t = self.results[i].typ;
            self.store_value(frame.storage[i], t, &v, pos)?;
        }
        self.call_runtime("runtime.deferreturn", vec![], vec![], pos);
        self.terminate(Term::Return(vec![]));
        Ok(())
    }

    /// `defer f(args)`.
    pub(super) fn defer_stmt(&mut self, e: &Expr, pos: Pos) -> Result<()> {
        if self.range_func.is_some() {
            return Err(unsupported(pos, "defer in a range-over-func body"));
        }
        self.call_later(e, pos, Later::Defer)
    }

    /// `go f(args)`: the call as a closure, run by a new goroutine.
    pub(super) fn go_stmt(&mut self, e: &Expr, pos: Pos) -> Result<()> {
        self.call_later(e, pos, Later::Go)
    }

    /// `defer` or `go` of a call: the function and arguments evaluated
    /// now into a closure object whose code (a wrapper) makes the call;
    /// handed to `runtime.deferpush` or `runtime.newproc`.
    fn call_later(&mut self, e: &Expr, pos: Pos, later: Later) -> Result<()> {
        let e = strip_parens(e);
        let ExprKind::Call(c) = &e.kind else {
            return Err(unsupported(pos, "this defer"));
        };
        let fun = strip_parens(&c.fun);
        if let Some(tv) = self.tv(fun) {
            if let Mode::Builtin(b) = tv.mode {
                return self.defer_builtin(b, c, pos, later);
            }
        }
        self.defer_call = true;
        let prepared = self.prepare_call(e, c);
        self.defer_call = false;
        let (callee, args) = prepared?;
        // A function value's code is loaded from it when the call runs;
        // an interface method's code (from the itab) is saved now.
        let (indirect, args) = match callee {
            Callee::Indirect(c) if args.first() == Some(&c) => (true, args),
            Callee::Indirect(c) => {
                let mut a = args;
                a.push(c);
                (true, a)
            }
            Callee::Direct(_) => (false, args),
        };
        let saved_code = matches!(callee, Callee::Indirect(c) if args.first() != Some(&c));
        // The closure object: code, then every argument in a word.
        let wrap_name = self.wrapper_name(later);
        let obj = self.closure_object(wrap_name.clone(), &args, pos);
        let tys: Vec<Ty> = args.iter().map(|&a| self.f.ty(a)).collect();
        self.call_runtime(later.runtime_func(), vec![obj], vec![], pos);
        // The wrapper making the call.
        let line = self.line(pos);
        let mut w = Func::new(wrap_name, self.f.file.clone(), line, &[Ty::PTR], vec![]);
        w.wrapper = true;
        let b0 = Block(0);
        let ctx = w.params()[0];
        let mut loaded: Vec<Value> = tys
            .iter()
            .enumerate()
            .map(|(i, &ty)| w.push(b0, InstKind::Load(ty, ctx, 8 + 8 * i as i32), line)[0])
            .collect();
        let results = self.call_result_tys(fun);
        let callee = if saved_code {
            let code = loaded.pop().expect("the saved code pointer");
            Callee::Indirect(code)
        } else if indirect {
            let code = w.push(b0, InstKind::Load(Ty::PTR, loaded[0], 0), line)[0];
            Callee::Indirect(code)
        } else {
            callee
        };
        w.push(
            b0,
            InstKind::Call {
                callee,
                args: loaded,
                results,
            },
            line,
        );
        w.set_term(b0, Term::Return(vec![]));
        self.sh.out.push(w);
        Ok(())
    }

    /// `defer print(...)`, `defer println(...)`, `defer panic(v)`,
    /// `defer close/delete/copy(...)`: the arguments now, the built-in's
    /// code in the wrapper.
    fn defer_builtin(
        &mut self,
        b: Builtin,
        c: &ast::CallExpr,
        pos: Pos,
        later: Later,
    ) -> Result<()> {
        let mut vals: Vec<(Vec<Value>, TypeId)> = Vec::new();
        match b {
            Builtin::Print | Builtin::Println => {
                for a in &c.args {
                    let t = self.type_of(a);
                    let t = self.default_type(t);
                    vals.push((self.expr_as(a, t)?, t));
                }
            }
            Builtin::Panic => {
                let any = self.empty_iface();
                vals.push((self.expr_as(&c.args[0], any)?, any));
            }
            Builtin::Close | Builtin::Delete | Builtin::Copy => {
                for a in &c.args {
                    let t = self.type_of(a);
                    let t = self.default_type(t);
                    vals.push((self.expr_as(a, t)?, t));
                }
            }
            _ => return Err(unsupported(pos, "deferring this built-in")),
        }
        let flat: Vec<Value> = vals.iter().flat_map(|(v, _)| v.iter().copied()).collect();
        let tys: Vec<Ty> = flat.iter().map(|&a| self.f.ty(a)).collect();
        let wrap_name = self.wrapper_name(later);
        let obj = self.closure_object(wrap_name.clone(), &flat, pos);
        self.call_runtime(later.runtime_func(), vec![obj], vec![], pos);
        // The wrapper, built like any function (it prints or panics).
        let p = self.p;
        let file = self.file;
        let mut w = FuncBuilder::new(p, file, self.sh, wrap_name, pos, types::universe::INVALID)?;
        w.f.wrapper = true;
        let ctx = w.f.params()[0];
        let loaded: Vec<Value> = tys
            .iter()
            .enumerate()
            .map(|(i, &ty)| w.ins1(InstKind::Load(ty, ctx, 8 + 8 * i as i32), pos))
            .collect();
        let mut k = 0;
        let mut parts = Vec::new();
        for (v, t) in &vals {
            parts.push((loaded[k..k + v.len()].to_vec(), *t));
            k += v.len();
        }
        if b == Builtin::Panic {
            let (v, _) = parts.pop().expect("one argument");
            w.call_runtime("runtime.gopanic", v, vec![], pos);
            w.terminate(Term::Unreachable);
        } else if b == Builtin::Close {
            let (v, _) = parts.pop().expect("one argument");
            w.call_runtime("runtime.closechan", v, vec![], pos);
        } else if b == Builtin::Delete {
            let (k, kt) = parts.pop().expect("a key");
            let (m, mt) = parts.pop().expect("a map");
            let ka = w.spill(&k, kt, pos)?;
            let td = w.type_desc(mt, pos);
            w.call_runtime("runtime.mapdelete", vec![td, m[0], ka], vec![], pos);
        } else if b == Builtin::Copy {
            let (src, _) = parts.pop().expect("a source");
            let (dst, dt) = parts.pop().expect("a destination");
            let Type::Slice(elem) = w.under(dt).clone() else {
                return Err(unsupported(pos, "this deferred copy"));
            };
            let lt = w.ins1(InstKind::Cmp(crate::func::CmpOp::SLt, dst[1], src[1]), pos);
            let n = w.ins1(InstKind::Select(lt, dst[1], src[1]), pos);
            let es = w.size_of(elem);
            let sz = w.iconst(Ty::I64, es as i64, pos);
            let bytes = w.ins1(InstKind::Bin(crate::func::BinOp::Mul, n, sz), pos);
            w.call_runtime("runtime.memmove", vec![dst[0], src[0], bytes], vec![], pos);
        } else {
            w.call_runtime("runtime.printlock", vec![], vec![], pos);
            for (i, (v, t)) in parts.into_iter().enumerate() {
                if i > 0 && b == Builtin::Println {
                    w.call_runtime("runtime.printsp", vec![], vec![], pos);
                }
                w.print_value(v, t, pos)?;
            }
            if b == Builtin::Println {
                w.call_runtime("runtime.printnl", vec![], vec![], pos);
            }
            w.call_runtime("runtime.printunlock", vec![], vec![], pos);
        }
        let f = w.finish();
        self.sh.out.push(f);
        Ok(())
    }

    /// The name of the next `defer`/`go` wrapper of this function
    /// (`F.deferwrapN`, `F.gowrapN`).
    fn wrapper_name(&mut self, later: Later) -> String {
        let k = self
            .sh
            .lit_count
            .entry(format!("{}#{}", self.f.name, later.wrap_name()))
            .or_insert(0);
        *k += 1;
        let k = *k;
        let base = self
            .f
            .display
            .clone()
            .unwrap_or_else(|| self.f.name.clone());
        format!("{base}.{}{k}", later.wrap_name())
    }

    /// The scalar results of calling `fun`.
    fn call_result_tys(&self, fun: &Expr) -> Vec<Ty> {
        let t = self.type_of(fun);
        let mut out = Vec::new();
        if let Type::Signature(sg) = self.under(t) {
            if let Type::Tuple(rs) = self.p.store.ty(sg.results) {
                for &r in rs {
                    let rt = self.obj_type(r);
                    if !self.is_mem(rt) {
                        out.extend(self.value_tys(rt));
                    }
                }
            }
        }
        out
    }

    /// `recover()`.
    pub(super) fn recover(&mut self, e: &Expr) -> Result<Vec<Value>> {
        let ra = self.ins1(InstKind::ReturnAddr, e.pos);
        Ok(self.call_runtime("runtime.gorecover", vec![ra], vec![Ty::PTR, Ty::PTR], e.pos))
    }
}
