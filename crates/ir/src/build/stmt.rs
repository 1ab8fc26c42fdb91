//! Statements: assignments, declarations, control flow, returns.

use syntax::ast::{self, AssignOp, Expr, ExprKind, Spec, Stmt, StmtKind};
use syntax::token::{Operator, Token};
use syntax::Pos;
use types::arena::TypeId;
use types::predicates::is_string;
use types::ty::Type;
use types::universe;

use super::mem::Place;
use super::*;
use super::{range_state_offsets, LitBody, PendingLit};
use crate::func::{BinOp, Block, CmpOp, ConvOp, InstKind, Term, Ty, Value};
use crate::overlay::Subst;

impl<S: Subst> FuncBuilder<'_, '_, '_, S> {
    pub(super) fn block(&mut self, stmts: &[Stmt]) -> Result<()> {
        for s in stmts {
            self.stmt(s)?;
        }
        Ok(())
    }

    pub(super) fn stmt(&mut self, s: &Stmt) -> Result<()> {
        match &s.kind {
            StmtKind::Empty => Ok(()),
            StmtKind::Block(b) => self.block(&b.stmts),
            StmtKind::Expr(e) => {
                self.expr_multi(e)?;
                Ok(())
            }
            StmtKind::Labeled(l, inner) => {
                // A label starts a block `goto` can reach (from anywhere,
                // so it is sealed only at the end of the function).
                let b = self.label_block(l.value);
                self.jump(b);
                self.start(b);
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
            StmtKind::Call(Token::Defer, e) => self.defer_stmt(e, s.pos),
            StmtKind::Call(Token::Go, e) => self.go_stmt(e, s.pos),
            StmtKind::Send(c, v) => self.send_stmt(c, v, s.pos),
            StmtKind::Select(sel) => self.select_stmt(sel, s.pos),
            _ => Err(unsupported(s.pos, "this statement")),
        }
    }

    pub(super) fn local_decl(&mut self, g: &ast::GenDecl) -> Result<()> {
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
                // `var a, b T = f()`: each result converted to the
                // variable's type (a blank one takes the value as is).
                let tys: Vec<TypeId> = vs
                    .names
                    .iter()
                    .map(|n| {
                        if n.is_blank() {
                            universe::INVALID
                        } else {
                            self.def_type(n)
                        }
                    })
                    .collect();
                Some(self.split_multi_as(&vs.values[0], &tys)?)
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

    pub(super) fn def_type(&self, n: &ast::Name) -> TypeId {
        self.p
            .info
            .defs
            .get(&n.pos)
            .and_then(|&o| self.p.store.obj(o).typ)
            .map(|t| self.sub(t))
            .unwrap_or(universe::INVALID)
    }

    /// The values of a multi-valued expression split per result.
    /// A multi-valued expression's parts converted to the types `to`
    /// (assignability: concrete values to interfaces).
    /// A loop body: `break` goes to `exit`, `continue` to `cont`, `label`
    /// names the loop for both.
    pub(super) fn loop_body(
        &mut self,
        label: Option<ast::Symbol>,
        exit: Block,
        cont: Block,
        stmts: &[Stmt],
    ) -> Result<()> {
        self.targets.push(Target {
            label,
            brk: exit,
            cont: Some(cont),
        });
        let r = self.block(stmts);
        self.targets.pop();
        r
    }

    pub(super) fn split_multi_as(&mut self, e: &Expr, to: &[TypeId]) -> Result<Vec<Vec<Value>>> {
        let parts = self.split_multi(e)?;
        let t = self.type_of(e);
        let Type::Tuple(vars) = self.p.store.ty(t).clone() else {
            return Ok(parts);
        };
        let mut out = Vec::new();
        for ((v, var), &tt) in parts.into_iter().zip(vars).zip(to) {
            let vt = self.obj_type(var);
            if tt == universe::INVALID {
                out.push(v);
            } else {
                out.push(self.coerce(v, vt, tt, e.pos)?);
            }
        }
        Ok(out)
    }

    pub(super) fn split_multi(&mut self, e: &Expr) -> Result<Vec<Vec<Value>>> {
        let t = self.type_of(e);
        let flat = self.expr_multi(e)?;
        let Type::Tuple(vars) = self.p.store.ty(t).clone() else {
            return Err(unsupported(e.pos, "this multi-value expression"));
        };
        let mut out = Vec::new();
        let mut k = 0;
        for v in vars {
            let vt = self.obj_type(v);
            let m = self.width(vt);
            out.push(flat[k..k + m].to_vec());
            k += m;
        }
        Ok(out)
    }

    pub(super) fn assign(
        &mut self,
        pos: Pos,
        op: AssignOp,
        lhs: &[Expr],
        rhs: &[Expr],
    ) -> Result<()> {
        match op {
            AssignOp::IncDec(o) => {
                let x = &lhs[0];
                let t = self.type_of(x);
                self.modify(x, pos, |b, cur| {
                    let one = b.const_of_type(t, 1, pos)?;
                    b.arith(o, t, cur, &one, pos)
                })
            }
            AssignOp::Op(o) => {
                let x = &lhs[0];
                let t = self.type_of(x);
                let y = &rhs[0];
                self.modify(x, pos, |b, cur| {
                    if matches!(o, Operator::Shl | Operator::Shr) {
                        let yt = b.type_of(y);
                        let yv = b.expr(y)?;
                        b.shift(o, t, cur, yt, &yv, pos)
                    } else {
                        let yv = b.expr_as(y, t)?;
                        b.arith(o, t, cur, &yv, pos)
                    }
                })
            }
            AssignOp::Define | AssignOp::Assign => {
                let define = op == AssignOp::Define;
                // Places on the left first (their index operands and
                // pointers), then the right, then the stores.
                let mut places: Vec<Option<Place>> = Vec::new();
                for l in lhs {
                    let is_def = define && self.p.info.defs.contains_key(&l.pos);
                    let simple = matches!(strip_parens(l).kind, ExprKind::Name(_));
                    places.push(if is_def || simple || self.is_map_index(l) {
                        None
                    } else {
                        self.place(l)?
                    });
                }
                let vals: Vec<Vec<Value>> = if rhs.len() == lhs.len() {
                    let mut v = Vec::new();
                    for (l, r) in lhs.iter().zip(rhs) {
                        self.append_to = self.self_append(l, r);
                        if is_blank(l) {
                            // Evaluated for its effects only.
                            if self.tv(r).is_none_or(|t| t.val.is_none()) {
                                self.expr_multi(r)?;
                            }
                            v.push(Vec::new());
                            continue;
                        }
                        let t = self.lhs_type(l, define);
                        v.push(self.expr_as(r, t)?);
                    }
                    v
                } else {
                    let tys: Vec<TypeId> = lhs
                        .iter()
                        .map(|l| {
                            if is_blank(l) {
                                universe::INVALID
                            } else {
                                self.lhs_type(l, define)
                            }
                        })
                        .collect();
                    self.split_multi_as(&rhs[0], &tys)?
                };
                for ((l, v), pl) in lhs.iter().zip(vals).zip(places) {
                    if let Some(pl) = pl {
                        let t = self.type_of(l);
                        self.store_place(&pl, t, &v, l.pos)?;
                        continue;
                    }
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

    /// `x` when `l = r` is `x = append(x, ...)` for a slice variable
    /// that does not escape.
    fn self_append(&self, l: &Expr, r: &Expr) -> Option<ObjId> {
        let x = self.use_of(strip_parens(l))?;
        if !self.sh.escapes.local_slices.contains(&x) || !self.locals.contains_key(&x) {
            return None;
        }
        let ExprKind::Call(c) = &strip_parens(r).kind else {
            return None;
        };
        let is_append = self
            .tv(strip_parens(&c.fun))
            .is_some_and(|t| t.mode == Mode::Builtin(types::object::Builtin::Append));
        (is_append && c.args.first().and_then(|a| self.use_of(strip_parens(a))) == Some(x))
            .then_some(x)
    }

    pub(super) fn is_map_index(&self, l: &Expr) -> bool {
        match &strip_parens(l).kind {
            ExprKind::Index(x, _) => matches!(self.under(self.type_of(x)), Type::Map(..)),
            _ => false,
        }
    }

    /// `x = f(x)` evaluating `x`'s place once.
    pub(super) fn modify(
        &mut self,
        x: &Expr,
        pos: Pos,
        f: impl FnOnce(&mut Self, &[Value]) -> Result<Vec<Value>>,
    ) -> Result<()> {
        let t = self.type_of(x);
        if self.is_map_index(x) {
            // The map and key once: `m[k] op= v`.
            let ExprKind::Index(mx, idx) = &strip_parens(x).kind else {
                unreachable!()
            };
            let (td, m, k, vt) = self.map_operands(mx, &idx[0], pos)?;
            let p = self.call_runtime("runtime.mapaccess1", vec![td, m, k], vec![Ty::PTR], pos)[0];
            let cur = self.load_value(p, vt, pos)?;
            let v = f(self, &cur)?;
            let p = self.call_runtime("runtime.mapassign", vec![td, m, k], vec![Ty::PTR], pos)[0];
            return self.store_value(p, vt, &v, pos);
        }
        let pl = self
            .place(x)?
            .ok_or_else(|| unsupported(pos, "assignment to this expression"))?;
        let cur = self.load_place(&pl, t, pos)?;
        let v = f(self, &cur)?;
        self.store_place(&pl, t, &v, pos)
    }

    pub(super) fn lhs_type(&self, l: &Expr, define: bool) -> TypeId {
        if define {
            if let Some(&o) = self.p.info.defs.get(&l.pos) {
                return self.obj_type(o);
            }
        }
        self.type_of(l)
    }

    /// Assigns to an addressable expression (or a map element).
    pub(super) fn store_to(&mut self, l: &Expr, v: Vec<Value>) -> Result<()> {
        let l = strip_parens(l);
        if let ExprKind::Name(n) = &l.kind {
            if n.as_str() == "_" {
                return Ok(());
            }
        }
        if let ExprKind::Index(x, idx) = &l.kind {
            if let Type::Map(..) = self.under(self.type_of(x)) {
                return self.map_store(l, x, &idx[0], v);
            }
        }
        let t = self.type_of(l);
        match self.place(l)? {
            Some(pl) => self.store_place(&pl, t, &v, l.pos),
            None => Err(unsupported(l.pos, "assignment to this expression")),
        }
    }

    /// `for ... := range f { body }` for a function `f`: calls `f` with
    /// the body as its yield function, then acts on how the body ended.
    fn range_func_loop(
        &mut self,
        label: Option<ast::Symbol>,
        r: &ast::RangeClause,
        pos: Pos,
    ) -> Result<()> {
        let key = self.key(&r.x);
        let Some(&(_, body)) = self.sh.escapes.range_bodies.get(&key) else {
            return Err(unsupported(pos, "this range over a function"));
        };
        let clause = self.sh.escapes.range_bodies[&key].0;
        let caps = self
            .sh
            .escapes
            .captures
            .get(&key)
            .cloned()
            .unwrap_or_default();
        let ft = self.type_of(&r.x);
        let Type::Signature(sig) = self.under(ft).clone() else {
            unreachable!()
        };
        let yt = match self.p.store.ty(sig.params) {
            Type::Tuple(vs) => self.p.store.obj(vs[0]).typ.unwrap_or(universe::INVALID),
            _ => universe::INVALID,
        };
        // The outer function's results (a range body inside a range body
        // returns for the outermost function).
        let outer: Vec<TypeId> = match &self.range_func {
            Some(rf) => rf.results.clone(),
            None => self.results.iter().map(|r| r.typ).collect(),
        };
        let f = self.expr(&r.x)?[0];
        let (_, size) = range_state_offsets(self.p.store, &outer);
        let state = self.alloc(size as u64, pos);
        // The yield closure: code, captured boxes, the state.
        let name = self.next_lit_name();
        let yt_raw = yt;
        self.sh.pending.push(PendingLit {
            name: name.clone(),
            key,
            lit: LitBody::Range(clause, body, yt_raw),
            captures: caps.clone(),
            smap: self.smap.clone(),
            label,
            outer_results: outer.clone(),
        });
        let mut words = self.capture_boxes(&caps, pos)?;
        words.push(state);
        let obj = self.closure_object(name, &words, pos);
        let fcode = self.ins1(InstKind::Load(Ty::PTR, f, 0), pos);
        self.ins(
            InstKind::Call {
                callee: Callee::Indirect(fcode),
                args: vec![f, obj],
                results: vec![],
            },
            pos,
        );
        // A `return` in the body returns now.
        let exit = self.ins1(InstKind::Load(Ty::I64, state, 0), pos);
        let two = self.iconst(Ty::I64, 2, pos);
        let returned = self.ins1(InstKind::Cmp(CmpOp::Eq, exit, two), pos);
        let ret_b = self.new_block();
        let next = self.new_block();
        self.branch(returned, ret_b, next);
        self.enter(ret_b);
        let (offs, _) = range_state_offsets(self.p.store, &outer);
        let mut vals = Vec::new();
        for (i, &t) in outer.iter().enumerate() {
            let a = self.offset(state, offs[i] as i64, pos);
            vals.push(self.load_value(a, t, pos)?);
        }
        self.ret_values(vals, pos)?;
        self.enter(next);
        Ok(())
    }

    pub(super) fn ret(&mut self, pos: Pos, results: &[Expr]) -> Result<()> {
        let mut vals: Vec<Vec<Value>> = Vec::new();
        if let Some(rf) = self.range_func.clone() {
            // Values for the enclosing function's results.
            if results.is_empty() && !rf.results.is_empty() {
                return Err(unsupported(pos, "a bare return in a range-over-func body"));
            }
            if results.len() == rf.results.len() {
                for (r, &t) in results.iter().zip(&rf.results) {
                    vals.push(self.expr_as(r, t)?);
                }
            } else if !results.is_empty() {
                vals = self.split_multi_as(&results[0], &rf.results)?;
            }
            return self.ret_values(vals, pos);
        }
        if results.is_empty() {
            for o in self.named_results.clone() {
                let t = self.obj_type(o);
                let v = match self.locals.get(&o).cloned() {
                    Some(Local::Ssa(vars)) => self.load_place(&Place::Ssa(vars), t, pos)?,
                    Some(Local::Mem(var)) => {
                        let b = self.cur();
                        let a = self.ssa.read(&mut self.f, var, b);
                        self.load_value(a, t, pos)?
                    }
                    None => return Err(unsupported(pos, "this result")),
                };
                vals.push(v);
            }
        } else if results.len() == self.results.len() {
            for (i, r) in results.iter().enumerate() {
                let t = self.results[i].typ;
                vals.push(self.expr_as(r, t)?);
            }
        } else {
            vals = self.split_multi(&results[0])?;
        }
        self.ret_values(vals, pos)
    }

    /// Returns the Go results `vals` (in a range body: for the enclosing
    /// function, through the loop state).
    pub(super) fn ret_values(&mut self, vals: Vec<Vec<Value>>, pos: Pos) -> Result<()> {
        if let Some(rf) = self.range_func.clone() {
            let (offs, _) = range_state_offsets(self.p.store, &rf.results);
            for (i, v) in vals.into_iter().enumerate() {
                let a = self.offset(rf.state, offs[i] as i64, pos);
                self.store_value(a, rf.results[i], &v, pos)?;
            }
            let two = self.iconst(Ty::I64, 2, pos);
            self.ins(InstKind::Store(rf.state, two, 0), pos);
            let f = self.iconst(Ty::I8, 0, pos);
            self.terminate(Term::Return(vec![f]));
            return Ok(());
        }
        if self.defer_frame.is_some() {
            return self.defer_return(vals, pos);
        }
        let mut flat = Vec::new();
        for (r, v) in self.results.clone().iter().zip(vals) {
            match r.out_ptr {
                Some(p) => self.store_value(p, r.typ, &v, pos)?,
                None => flat.extend(v),
            }
        }
        self.terminate(Term::Return(flat));
        Ok(())
    }

    pub(super) fn cond_branch(&mut self, c: &Expr, t: Block, e: Block) -> Result<()> {
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

    pub(super) fn if_stmt(&mut self, s: &ast::IfStmt) -> Result<()> {
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

    pub(super) fn for_stmt(&mut self, s: &ast::ForStmt) -> Result<()> {
        let label = self.pending_label.take();
        let mut loop_vars = Vec::new();
        if let Some(init) = &s.init {
            if let StmtKind::Range(r) = &init.kind {
                return self.range_stmt(label, r, &s.body, init.pos);
            }
            if let StmtKind::Assign(AssignOp::Define, lhs, _) = &init.kind {
                for l in lhs {
                    if let Some(&o) = self.p.info.defs.get(&l.pos) {
                        loop_vars.push(o);
                    }
                }
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
        self.loop_body(label, exit, post, &s.body.stmts)?;
        self.jump(post);
        self.enter(post);
        // Each iteration has its own loop variables (Go 1.22): a variable
        // in memory is copied to a fresh box before the post statement.
        for o in loop_vars {
            if let Some(Local::Mem(var)) = self.locals.get(&o).cloned() {
                if self.sh.escapes.boxed.contains(&o) {
                    let t = self.obj_type(o);
                    let b = self.cur();
                    let old = self.ssa.read(&mut self.f, var, b);
                    let new = self.new_object(t, s.body.pos);
                    let n = self.size_of(t);
                    if n > 0 {
                        self.ins(InstKind::Copy(new, old, n), s.body.pos);
                    }
                    let b = self.cur();
                    self.ssa.write(var, b, new);
                }
            }
        }
        if let Some(p) = &s.post {
            self.stmt(p)?;
        }
        self.back_edge_poll(head, s.body.pos);
        self.jump(head);
        self.ssa.seal(&mut self.f, head);
        self.enter(exit);
        Ok(())
    }

    /// A preemption point on a loop's back edge, unless the loop calls Go
    /// functions (their prologues poll).
    fn back_edge_poll(&mut self, head: Block, pos: Pos) {
        if self.cur.is_none() || !self.sh.prog.preempt {
            return;
        }
        let calls = self.f.blocks[head.0 as usize..].iter().any(|b| {
            b.insts
                .iter()
                .any(|&i| match &self.f.insts[i.0 as usize].kind {
                    InstKind::Call {
                        callee: Callee::Direct(n),
                        ..
                    } => !n.starts_with("runtime."),
                    InstKind::Call { .. } => true,
                    _ => false,
                })
        });
        if !calls {
            self.ins(InstKind::Poll, pos);
        }
    }

    /// `for k, v := range x { body }`.
    fn range_stmt(
        &mut self,
        label: Option<ast::Symbol>,
        r: &ast::RangeClause,
        body: &ast::Block,
        pos: Pos,
    ) -> Result<()> {
        let xt = self.type_of(&r.x);
        let key = r.lhs.first().filter(|k| !is_blank(k));
        let val = r.lhs.get(1).filter(|k| !is_blank(k));
        // What is iterated: its base pointer and length, evaluated once.
        enum Over {
            Int,
            Str,
            Elems(TypeId),
        }
        let (over, base, len) = match self.under(xt).clone() {
            Type::Basic { .. } if is_string(self.p.store, xt) => {
                let v = self.expr(&r.x)?;
                (Over::Str, v[0], v[1])
            }
            Type::Basic { .. } => {
                let t = if types::predicates::is_untyped(self.p.store, xt) {
                    match key {
                        Some(k) if !r.def => self.type_of(k),
                        _ => universe::INT,
                    }
                } else {
                    xt
                };
                let n = self.expr_as(&r.x, t)?[0];
                let z = self.iconst(self.f.ty(n), 0, pos);
                (Over::Int, z, n)
            }
            Type::Slice(elem) => {
                let v = self.expr(&r.x)?;
                (Over::Elems(elem), v[0], v[1])
            }
            Type::Array(n, elem) => {
                let n = self.iconst(Ty::I64, n.unwrap_or(0) as i64, pos);
                if val.is_some() {
                    // The loop ranges over a copy of the array.
                    let v = self.expr(&r.x)?;
                    let a = if self.is_mem(xt) {
                        v[0]
                    } else {
                        let a = self.temp(xt, pos);
                        self.store_value(a, xt, &v, pos)?;
                        a
                    };
                    (Over::Elems(elem), a, n)
                } else {
                    // len(x) is constant: x is evaluated only if it has
                    // calls or receives (the spec's exception).
                    if has_effects(&r.x) {
                        self.expr(&r.x)?;
                    }
                    let z = self.iconst(Ty::PTR, 0, pos);
                    (Over::Elems(elem), z, n)
                }
            }
            Type::Pointer(pt) => {
                let Type::Array(n, elem) = self.under(pt).clone() else {
                    return Err(unsupported(pos, "range over this type"));
                };
                let p = self.expr(&r.x)?[0];
                let n = self.iconst(Ty::I64, n.unwrap_or(0) as i64, pos);
                (Over::Elems(elem), p, n)
            }
            Type::Map(..) => return self.range_map(label, r, body, pos),
            Type::Signature(_) => return self.range_func_loop(label, r, pos),
            Type::Chan(..) => return self.range_chan(label, r, body, pos),
            _ => return Err(unsupported(pos, "range over this type")),
        };
        let ity = self.f.ty(len);
        let iv = self.ssa.new_var(ity);
        let zero = self.iconst(ity, 0, pos);
        let b0 = self.cur();
        self.ssa.write(iv, b0, zero);
        let next = self.ssa.new_var(ity);
        let head = self.new_block();
        let bodyb = self.new_block();
        let post = self.new_block();
        let exit = self.new_block();
        self.jump(head);
        self.start(head);
        let hb = self.cur();
        let i = self.ssa.read(&mut self.f, iv, hb);
        let more = self.ins1(InstKind::Cmp(CmpOp::SLt, i, len), pos);
        self.branch(more, bodyb, exit);
        self.enter(bodyb);
        let one = self.iconst(ity, 1, pos);
        let inc = self.ins1(InstKind::Bin(BinOp::Add, i, one), pos);
        let b1 = self.cur();
        self.ssa.write(next, b1, inc);
        // The iteration values.
        let (kv, vv, vt): (Vec<Value>, Option<Vec<Value>>, TypeId) = match over {
            Over::Int => (vec![i], None, universe::INVALID),
            Over::Str => {
                let p = self.ins1(InstKind::Bin(BinOp::Add, base, i), pos);
                let byte = self.ins1(InstKind::Load(Ty::I8, p, 0), pos);
                let rv = self.ssa.new_var(Ty::I32);
                let b = self.cur();
                let r32 = self.ins1(InstKind::Conv(ConvOp::ZExt, byte, Ty::I32), pos);
                self.ssa.write(rv, b, r32);
                let lim = self.iconst(Ty::I8, 0x80u8 as i8 as i64, pos);
                let ascii = self.ins1(InstKind::Cmp(CmpOp::ULt, byte, lim), pos);
                let slow = self.new_block();
                let join = self.new_block();
                self.branch(ascii, join, slow);
                self.enter(slow);
                let d = self.call_runtime(
                    "runtime.decoderune",
                    vec![base, len, i],
                    vec![Ty::I32, Ty::I64],
                    pos,
                );
                let b = self.cur();
                self.ssa.write(rv, b, d[0]);
                self.ssa.write(next, b, d[1]);
                self.jump(join);
                self.enter(join);
                let b = self.cur();
                let rune = self.ssa.read(&mut self.f, rv, b);
                (vec![i], Some(vec![rune]), universe::INT32)
            }
            Over::Elems(elem) => {
                let v = if val.is_some() {
                    let es = self.size_of(elem);
                    let a = self.elem_addr(base, i, es, pos);
                    Some(self.load_value(a, elem, pos)?)
                } else {
                    None
                };
                (vec![i], v, elem)
            }
        };
        if let (false, Some(k), Some(v)) = (r.def, key, val) {
            // `k, x[k] = range ...`: both places first, then the stores
            // (an assignment's two phases).
            let kt = self.type_of(k);
            let pk = self.place(k)?;
            let pv = self.place(v)?;
            let vt2 = self.type_of(v);
            match (pk, pv, vv) {
                (Some(pk), Some(pv), Some(vals))
                    if !self.is_map_index(k) && !self.is_map_index(v) =>
                {
                    let kv = self.coerce(kv, universe::INT, kt, pos)?;
                    self.store_place(&pk, kt, &kv, pos)?;
                    let vals = self.coerce(vals, vt, vt2, pos)?;
                    self.store_place(&pv, vt2, &vals, pos)?;
                }
                (_, _, vv) => {
                    self.range_assign(k, r.def, kv)?;
                    if let Some(vals) = vv {
                        self.range_assign(v, r.def, vals)?;
                    }
                }
            }
        } else {
            if let Some(k) = key {
                self.range_assign(k, r.def, kv)?;
            }
            if let (Some(v), Some(vals)) = (val, vv) {
                let _ = vt;
                self.range_assign(v, r.def, vals)?;
            }
        }
        self.loop_body(label, exit, post, &body.stmts)?;
        self.jump(post);
        self.enter(post);
        let b = self.cur();
        let n = self.ssa.read(&mut self.f, next, b);
        self.ssa.write(iv, b, n);
        self.back_edge_poll(head, pos);
        self.jump(head);
        self.ssa.seal(&mut self.f, head);
        self.enter(exit);
        Ok(())
    }

    /// Assigns an iteration value to a range loop's key or value.
    pub(super) fn range_assign(&mut self, l: &Expr, def: bool, v: Vec<Value>) -> Result<()> {
        if def {
            if let Some(&o) = self.p.info.defs.get(&l.pos) {
                // Values of the loop's own type, converted (a key of a
                // range over an untyped constant is an int).
                return self.declare_local(o, Some(v), l.pos);
            }
            return Ok(());
        }
        let lt = self.type_of(l);
        let _ = lt;
        self.store_to(l, v)
    }

    /// The block of a `goto` label.
    fn label_block(&mut self, l: ast::Symbol) -> Block {
        if let Some(&b) = self.labels.get(&l) {
            return b;
        }
        let b = self.new_block();
        self.labels.insert(l, b);
        b
    }

    pub(super) fn switch_stmt(&mut self, s: &ast::SwitchStmt) -> Result<()> {
        let label = self.pending_label.take();
        if let Some(init) = &s.init {
            self.stmt(init)?;
        }
        let tag = match &s.tag {
            Some(t) if matches!(t.kind, ExprKind::TypeSwitchGuard(..)) => {
                return self.type_switch(s, label);
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
                // A constant tag and a constant case: decided now (the
                // dead case's code is never built into a branch).
                let tag_const = s
                    .tag
                    .as_ref()
                    .and_then(|t| self.tv(t))
                    .and_then(|t| t.val.clone());
                let case_const = self.tv(c).and_then(|t| t.val.clone());
                if let (Some(a), Some(b)) = (tag_const, case_const) {
                    let eq = a.compare(types::constant::CompareOp::Eql, &b);
                    let v = self.iconst(Ty::I8, eq as i64, c.pos);
                    self.branch(v, bodies[i], next);
                    self.enter(next);
                    continue;
                }
                let cond = match &tag {
                    Some((tt, tv)) => {
                        let ct = self.type_of(c);
                        let iface = |b: &Self, t: TypeId| matches!(b.under(t), Type::Interface(_));
                        let is_nil = self.tv(c).is_some_and(|t| t.mode == Mode::NilValue);
                        if iface(self, ct) && !iface(self, *tt) && !is_nil {
                            // A concrete tag against an interface case:
                            // compared as interfaces.
                            let tag_i = self.coerce(tv.clone(), *tt, ct, c.pos)?;
                            let cv = self.expr(c)?;
                            self.compare(Operator::Eql, ct, &tag_i, &cv, c.pos)?
                        } else {
                            let cv = self.expr_as(c, *tt)?;
                            self.compare(Operator::Eql, *tt, tv, &cv, c.pos)?
                        }
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

    pub(super) fn branch_stmt(
        &mut self,
        pos: Pos,
        tok: Token,
        label: Option<&ast::Name>,
    ) -> Result<()> {
        if tok == Token::Fallthrough {
            return Ok(()); // handled by the switch
        }
        if tok == Token::Goto {
            let l = label.ok_or_else(|| unsupported(pos, "goto"))?;
            let b = self.label_block(l.value);
            self.jump(b);
            return Ok(());
        }
        let target = self.targets.iter().rev().find(|t| match label {
            Some(l) => t.label == Some(l.value),
            None => tok == Token::Break || t.cont.is_some(),
        });
        if target.is_none() {
            if let Some(rf) = self.range_func.clone() {
                if label.is_none() || label.map(|l| l.value) == rf.label {
                    // The range-over-func loop itself: continue returns
                    // true from the yield function, break false.
                    if tok == Token::Break {
                        let one = self.iconst(Ty::I64, 1, pos);
                        self.ins(InstKind::Store(rf.state, one, 0), pos);
                    }
                    let v = self.iconst(Ty::I8, (tok == Token::Continue) as i64, pos);
                    self.terminate(Term::Return(vec![v]));
                    return Ok(());
                }
                return Err(unsupported(pos, "a branch out of a range-over-func body"));
            }
        }
        let to = match (tok, target) {
            (Token::Break, Some(t)) => t.brk,
            (Token::Continue, Some(t)) => t.cont.ok_or_else(|| unsupported(pos, "continue"))?,
            _ => return Err(unsupported(pos, "this branch statement")),
        };
        self.jump(to);
        Ok(())
    }
}

fn is_blank(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::Name(n) if n.as_str() == "_")
}

/// Whether evaluating `e` may call a function or receive from a channel.
fn has_effects(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::BasicLit(_) => false,
        ExprKind::Paren(x) | ExprKind::Selector(x, _) => has_effects(x),
        ExprKind::Index(x, idx) => has_effects(x) || idx.iter().any(has_effects),
        ExprKind::Operation(Operator::Recv, _, None) => true,
        ExprKind::Operation(_, x, y) => has_effects(x) || y.as_deref().is_some_and(has_effects),
        ExprKind::CompositeLit(c) => c.elems.iter().any(has_effects),
        ExprKind::KeyValue(k, v) => has_effects(k) || has_effects(v),
        _ => true,
    }
}
