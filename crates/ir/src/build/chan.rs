//! Channels and select: `make(chan T, n)`, send, receive (with comma-ok),
//! `close`, `len`/`cap`, range over a channel, and `select`, through the
//! runtime's entry points (docs/ABI.md, "Goroutines and channels").

use syntax::ast::{self, AssignOp, Expr, ExprKind, StmtKind};
use syntax::token::Operator;
use syntax::Pos;
use types::arena::TypeId;
use types::ty::Type;

use super::*;
use crate::func::{CmpOp, InstKind, Term, Ty, Value};

impl<S: Subst> FuncBuilder<'_, '_, '_, S> {
    /// The element type of a channel type.
    fn chan_elem(&self, ct: TypeId) -> TypeId {
        match self.under(ct) {
            Type::Chan(_, e) => *e,
            _ => universe::INVALID,
        }
    }

    /// `make(chan T, n)`.
    pub(super) fn make_chan(
        &mut self,
        e: &Expr,
        c: &ast::CallExpr,
        t: TypeId,
    ) -> Result<Vec<Value>> {
        let pos = e.pos;
        let td = self.type_desc(t, pos);
        let n = match c.args.get(1) {
            Some(a) => self.int_arg(a)?,
            None => self.iconst(Ty::I64, 0, pos),
        };
        Ok(self.call_runtime("runtime.makechan", vec![td, n], vec![Ty::PTR], pos))
    }

    /// `c <- v`.
    pub(super) fn send_stmt(&mut self, c: &Expr, v: &Expr, pos: Pos) -> Result<()> {
        let ct = self.type_of(c);
        let et = self.chan_elem(ct);
        let ch = self.expr(c)?[0];
        let val = self.expr_as(v, et)?;
        let a = self.spill(&val, et, pos)?;
        self.call_runtime("runtime.chansend1", vec![ch, a], vec![], pos);
        Ok(())
    }

    /// `<-c` (and `v, ok := <-c` when the expression's type is a tuple).
    pub(super) fn recv_expr(&mut self, e: &Expr, c: &Expr) -> Result<Vec<Value>> {
        let pos = e.pos;
        let ct = self.type_of(c);
        let et = self.chan_elem(ct);
        let comma_ok = matches!(self.p.store.ty(self.type_of(e)), Type::Tuple(_));
        let ch = self.expr(c)?[0];
        let a = self.temp(et, pos);
        let n = self.size_of(et);
        if n > 0 {
            self.ins(InstKind::Zero(a, n), pos);
        }
        if comma_ok {
            let ok = self.call_runtime("runtime.chanrecv2", vec![ch, a], vec![Ty::I8], pos)[0];
            let mut v = self.load_value(a, et, pos)?;
            v.push(ok);
            return Ok(v);
        }
        self.call_runtime("runtime.chanrecv1", vec![ch, a], vec![], pos);
        self.load_value(a, et, pos)
    }

    /// `close(c)`.
    pub(super) fn close_chan(&mut self, c: &Expr, pos: Pos) -> Result<Vec<Value>> {
        let ch = self.expr(c)?[0];
        self.call_runtime("runtime.closechan", vec![ch], vec![], pos);
        Ok(vec![])
    }

    /// `for v := range c`.
    pub(super) fn range_chan(
        &mut self,
        label: Option<ast::Symbol>,
        r: &ast::RangeClause,
        body: &ast::Block,
        pos: Pos,
    ) -> Result<()> {
        let ct = self.type_of(&r.x);
        let et = self.chan_elem(ct);
        let ch = self.expr(&r.x)?[0];
        let a = self.temp(et, pos);
        let head = self.new_block();
        let bodyb = self.new_block();
        let exit = self.new_block();
        self.jump(head);
        self.start(head);
        let ok = self.call_runtime("runtime.chanrecv2", vec![ch, a], vec![Ty::I8], pos)[0];
        self.branch(ok, bodyb, exit);
        self.enter(bodyb);
        if let Some(k) = r
            .lhs
            .first()
            .filter(|k| !matches!(&k.kind, ExprKind::Name(n) if n.as_str() == "_"))
        {
            let v = self.load_value(a, et, pos)?;
            self.range_assign(k, r.def, v)?;
        }
        self.loop_body(label, exit, head, &body.stmts)?;
        self.jump(head);
        self.ssa.seal(&mut self.f, head);
        self.enter(exit);
        Ok(())
    }

    /// `select { ... }`: every channel and sent value evaluated in source
    /// order, then `runtime.selectgo` over the cases (sends first), then
    /// the chosen clause (-1: default).
    pub(super) fn select_stmt(&mut self, sel: &ast::SelectStmt, pos: Pos) -> Result<()> {
        let label = self.pending_label.take();
        if sel.body.is_empty() {
            // select {}: blocks forever.
            self.call_runtime("runtime.block", vec![], vec![], pos);
            self.terminate(Term::Unreachable);
            return Ok(());
        }
        // Each clause: (is send, channel, element buffer, recv stmt).
        struct Case<'s> {
            send: bool,
            ch: Value,
            elem: Value,
            et: TypeId,
            clause: usize,
            recv: Option<&'s ast::Stmt>,
        }
        let mut cases: Vec<Case> = Vec::new();
        let mut default = None;
        for (i, cc) in sel.body.iter().enumerate() {
            let Some(comm) = &cc.comm else {
                default = Some(i);
                continue;
            };
            match &comm.kind {
                StmtKind::Send(c, v) => {
                    let ct = self.type_of(c);
                    let et = self.chan_elem(ct);
                    let ch = self.expr(c)?[0];
                    let val = self.expr_as(v, et)?;
                    let a = self.spill(&val, et, pos)?;
                    cases.push(Case {
                        send: true,
                        ch,
                        elem: a,
                        et,
                        clause: i,
                        recv: None,
                    });
                }
                StmtKind::Expr(_) | StmtKind::Assign(_, _, _) if recv_operand(comm).is_some() => {
                    let c = recv_operand(comm).expect("checked");
                    let ct = self.type_of(c);
                    let et = self.chan_elem(ct);
                    let ch = self.expr(c)?[0];
                    let a = self.temp(et, pos);
                    let n = self.size_of(et);
                    if n > 0 {
                        self.ins(InstKind::Zero(a, n), pos);
                    }
                    cases.push(Case {
                        send: false,
                        ch,
                        elem: a,
                        et,
                        clause: i,
                        recv: Some(comm),
                    });
                }
                _ => return Err(unsupported(comm.pos, "this select case")),
            }
        }
        // Sends first, then receives (selectgo's layout).
        let mut ordered: Vec<&Case> = cases.iter().filter(|c| c.send).collect();
        let nsends = ordered.len();
        ordered.extend(cases.iter().filter(|c| !c.send));
        let n = ordered.len();
        let arr = self.f.new_slot((16 * n).max(8) as u32, 8);
        let base = self.ins1(InstKind::SlotAddr(arr), pos);
        for (k, c) in ordered.iter().enumerate() {
            self.ins(InstKind::Store(base, c.ch, 16 * k as i32), pos);
            self.ins(InstKind::Store(base, c.elem, 16 * k as i32 + 8), pos);
        }
        let order = self.f.new_slot((4 * n).max(8) as u32, 2);
        let order = self.ins1(InstKind::SlotAddr(order), pos);
        let ns = self.iconst(Ty::I64, nsends as i64, pos);
        let nr = self.iconst(Ty::I64, (n - nsends) as i64, pos);
        let block = self.iconst(Ty::I8, default.is_none() as i64, pos);
        let r = self.call_runtime(
            "runtime.selectgo",
            vec![base, order, ns, nr, block],
            vec![Ty::I64, Ty::I8],
            pos,
        );
        let (chosen, recv_ok) = (r[0], r[1]);
        let exit = self.new_block();
        let bodies: Vec<Block> = sel.body.iter().map(|_| self.new_block()).collect();
        // Dispatch on the chosen index.
        for (k, c) in ordered.iter().enumerate() {
            let kv = self.iconst(Ty::I64, k as i64, pos);
            let is = self.ins1(InstKind::Cmp(CmpOp::Eq, chosen, kv), pos);
            let next = self.new_block();
            let target = if c.send {
                bodies[c.clause]
            } else {
                // Receive: the assignment first, in its own block.
                let b = self.new_block();
                self.branch(is, b, next);
                self.enter(b);
                if let Some(st) = c.recv {
                    self.select_recv_assign(st, c.elem, c.et, recv_ok)?;
                }
                self.jump(bodies[c.clause]);
                self.enter(next);
                continue;
            };
            self.branch(is, target, next);
            self.enter(next);
        }
        match default {
            Some(d) => self.jump(bodies[d]),
            None => self.terminate(Term::Unreachable),
        }
        self.targets.push(Target {
            label,
            brk: exit,
            cont: None,
        });
        for (i, cc) in sel.body.iter().enumerate() {
            self.enter(bodies[i]);
            self.block(&cc.body)?;
            self.jump(exit);
        }
        self.targets.pop();
        self.enter(exit);
        Ok(())
    }

    /// The assignment of a select receive clause (`v := <-c`,
    /// `v, ok = <-c`).
    fn select_recv_assign(
        &mut self,
        st: &ast::Stmt,
        elem: Value,
        et: TypeId,
        ok: Value,
    ) -> Result<()> {
        let StmtKind::Assign(op, lhs, _) = &st.kind else {
            return Ok(()); // `<-c` alone
        };
        let define = *op == AssignOp::Define;
        let v = self.load_value(elem, et, st.pos)?;
        let mut vals = vec![v];
        if lhs.len() == 2 {
            vals.push(vec![ok]);
        }
        let mut first = true;
        for (l, v) in lhs.iter().zip(vals) {
            if matches!(&l.kind, ExprKind::Name(n) if n.as_str() == "_") {
                first = false;
                continue;
            }
            let vt = if first { et } else { universe::BOOL };
            first = false;
            if define {
                if let Some(&o) = self.p.info.defs.get(&l.pos) {
                    self.declare_local(o, Some(v), l.pos)?;
                    continue;
                }
            }
            let lt = self.type_of(l);
            let v = self.coerce(v, vt, lt, l.pos)?;
            self.store_to(l, v)?;
        }
        Ok(())
    }
}

/// The channel a select receive case receives from.
fn recv_operand(st: &ast::Stmt) -> Option<&Expr> {
    let e = match &st.kind {
        StmtKind::Expr(e) => e,
        StmtKind::Assign(_, _, rhs) if rhs.len() == 1 => &rhs[0],
        _ => return None,
    };
    match &e.unparen().kind {
        ExprKind::Operation(Operator::Recv, c, None) => Some(c),
        _ => None,
    }
}
