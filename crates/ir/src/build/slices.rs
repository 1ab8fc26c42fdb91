//! Which local slice variables never escape their function, so appends
//! to them may start in a 32-byte buffer in the frame, as gc's do
//! (`runtime.growsliceBuf`; it shows in `cap()`). A slice variable (local
//! or parameter) escapes unless every use is: `x = append(x, ...)` or
//! `x = x[i:j]`, an index operand `x[i]`, `len`/`cap`/`copy`/`print`
//! operands, the operand of `range`, or an argument for a parameter of a
//! package function that does not escape (parameters are summarized per
//! function, to a fixpoint). Closures capturing, `&x`, other assignments,
//! returns, stores, conversions and method calls make it escape.

use std::collections::{HashMap, HashSet};

use syntax::ast::{self, Decl, Expr, ExprKind, Stmt, StmtKind};
use types::arena::{ObjId, Store};
use types::info::{ExprKey, Info};
use types::object::{Builtin, ObjKind};
use types::operand::Mode;
use types::predicates::underlying;
use types::ty::Type;

/// The slice variables that do not escape.
pub fn nonescaping<S: Store>(
    files: &[&ast::File],
    info: &Info,
    s: &S,
    boxed: &HashSet<ObjId>,
) -> HashSet<ObjId> {
    // Functions and their parameters.
    let mut funcs: Vec<(u32, &ast::FuncDecl, ObjId, Vec<ObjId>)> = Vec::new();
    for (fi, f) in files.iter().enumerate() {
        for d in &f.decls {
            let Decl::Func(fd) = d else { continue };
            if fd.body.is_none() || fd.recv.is_some() || !fd.tparams.is_empty() {
                continue;
            }
            let Some(&fo) = info.defs.get(&fd.name.pos) else {
                continue;
            };
            let mut params = Vec::new();
            for field in &fd.typ.params {
                for n in &field.names {
                    if let Some(&o) = info.defs.get(&n.pos) {
                        params.push(o);
                    }
                }
                if field.names.is_empty() {
                    params.push(fo); // unnamed: never used, never escapes
                }
            }
            funcs.push((fi as u32, fd, fo, params));
        }
    }
    // Optimistic summaries: every slice parameter stays in its function
    // until a use says otherwise.
    let spans: Vec<(syntax::Pos, syntax::Pos)> = funcs
        .iter()
        .map(|(_, fd, _, _)| (fd.pos, fd.body.as_ref().map_or(fd.pos, |b| b.rbrace)))
        .collect();
    let local = |o: ObjId| {
        let p = s.obj(o).pos;
        spans.iter().any(|&(a, b)| p >= a && p <= b)
    };
    let mut leaks: HashSet<ObjId> = boxed.clone();
    let mut aliases: Vec<(ObjId, ObjId)> = Vec::new();
    loop {
        let before = leaks.len();
        let summary: HashMap<ObjId, Vec<bool>> = funcs
            .iter()
            .map(|(_, _, fo, ps)| (*fo, ps.iter().map(|p| !leaks.contains(p)).collect()))
            .collect();
        for &(file, fd, _, _) in &funcs {
            let mut w = Walker {
                info,
                s,
                file,
                summary: &summary,
                leaks: &mut leaks,
                aliases: &mut aliases,
            };
            if let Some(b) = &fd.body {
                w.stmts(&b.stmts);
            }
        }
        // An escaping alias takes its source along.
        loop {
            let n = leaks.len();
            for &(y, x) in &aliases {
                // (An alias that is not one of these functions' locals,
                // a package variable, escapes.)
                if leaks.contains(&y) || !local(y) {
                    leaks.insert(x);
                }
            }
            if leaks.len() == n {
                break;
            }
        }
        if leaks.len() == before {
            break;
        }
    }
    // The candidates: slice-typed variables declared in these functions
    // (every use of them was walked).
    let mut out = HashSet::new();
    for &o in info.defs.values() {
        let obj = s.obj(o);
        if !local(o) {
            continue;
        }
        if let ObjKind::Var {
            is_field: false, ..
        } = obj.kind
        {
            if let Some(t) = obj.typ {
                if matches!(s.ty(underlying(s, t)), Type::Slice(_)) && !leaks.contains(&o) {
                    out.insert(o);
                }
            }
        }
    }
    out
}

struct Walker<'a, S: Store> {
    info: &'a Info,
    s: &'a S,
    file: u32,
    summary: &'a HashMap<ObjId, Vec<bool>>,
    leaks: &'a mut HashSet<ObjId>,
    /// (y, x) for `y := x[i:j]`: if y escapes, so does x.
    aliases: &'a mut Vec<(ObjId, ObjId)>,
}

impl<S: Store> Walker<'_, S> {
    fn key(&self, e: &Expr) -> ExprKey {
        ExprKey {
            file: self.file,
            id: e.id,
        }
    }

    fn var_of(&self, e: &Expr) -> Option<ObjId> {
        let e = e.unparen();
        if !matches!(e.kind, ExprKind::Name(_)) {
            return None;
        }
        let o = *self.info.uses.get(&self.key(e))?;
        matches!(
            self.s.obj(o).kind,
            ObjKind::Var {
                is_field: false,
                ..
            }
        )
        .then_some(o)
    }

    fn builtin(&self, f: &Expr) -> Option<Builtin> {
        match self.info.types.get(&self.key(f.unparen()))?.mode {
            Mode::Builtin(b) => Some(b),
            _ => None,
        }
    }

    /// A use whose value flows somewhere unknown.
    fn escape(&mut self, e: &Expr) {
        self.expr(e, false);
    }

    fn exprs(&mut self, es: &[Expr], safe: bool) {
        for e in es {
            self.expr(e, safe);
        }
    }

    /// Walks `e`; `safe` says its value is only looked at (not kept).
    fn expr(&mut self, e: &Expr, safe: bool) {
        match &e.kind {
            ExprKind::Paren(x) => self.expr(x, safe),
            ExprKind::Name(_) if !safe => {
                if let Some(o) = self.var_of(e) {
                    self.leaks.insert(o);
                }
            }
            ExprKind::Index(x, idx) => {
                self.expr(x, true);
                self.exprs(idx, false);
            }
            ExprKind::Call(c) => {
                match self.builtin(&c.fun) {
                    Some(
                        Builtin::Len
                        | Builtin::Cap
                        | Builtin::Copy
                        | Builtin::Print
                        | Builtin::Println,
                    ) => {
                        self.exprs(&c.args, true);
                        return;
                    }
                    Some(_) => {
                        self.exprs(&c.args, false);
                        return;
                    }
                    None => {}
                }
                let callee = self
                    .info
                    .uses
                    .get(&self.key(c.fun.unparen()))
                    .and_then(|o| self.summary.get(o));
                match callee {
                    Some(params) if !c.has_dots && c.args.len() == params.len() => {
                        let params = params.clone();
                        for (a, safe_param) in c.args.iter().zip(params) {
                            self.expr(a, safe_param);
                        }
                    }
                    _ => {
                        self.escape(&c.fun);
                        self.exprs(&c.args, false);
                    }
                }
                self.expr(&c.fun, true);
            }
            ExprKind::FuncLit(fl) => self.stmts(&fl.body.stmts),
            ExprKind::CompositeLit(cl) => self.exprs(&cl.elems, false),
            ExprKind::KeyValue(k, v) => {
                self.expr(k, true);
                self.escape(v);
            }
            // Method calls and values may keep the operand.
            ExprKind::Selector(x, _) => self.escape(x),
            ExprKind::Slice(se) => {
                // The result aliases `x`: kept if it is.
                self.expr(&se.x, safe);
                for i in se.index.iter().flatten() {
                    self.escape(i);
                }
            }
            ExprKind::Assert(x, _) | ExprKind::TypeSwitchGuard(_, x) => self.escape(x),
            ExprKind::Operation(syntax::token::Operator::And, x, None) => self.escape(x),
            ExprKind::Operation(_, x, y) => {
                // Comparisons and arithmetic only read (a slice compares
                // with nil only).
                self.expr(x, true);
                if let Some(y) = y {
                    self.expr(y, true);
                }
            }
            _ => {}
        }
    }

    fn stmts(&mut self, ss: &[Stmt]) {
        for s in ss {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, st: &Stmt) {
        match &st.kind {
            StmtKind::Assign(op, lhs, rhs) if lhs.len() == rhs.len() => {
                for (l, r) in lhs.iter().zip(rhs) {
                    let lv = self.var_of(l);
                    let self_update = lv.is_some() && self.is_self_update(lv.unwrap(), r);
                    if self_update {
                        // x = append(x, v...) or x = x[i:j]: x stays.
                        match &r.unparen().kind {
                            ExprKind::Call(c) => {
                                // The appended values are stored; a
                                // spread slice is only read.
                                for a in &c.args[1..] {
                                    self.expr(a, c.has_dots);
                                }
                            }
                            ExprKind::Slice(se) => {
                                for i in se.index.iter().flatten() {
                                    self.escape(i);
                                }
                            }
                            _ => {}
                        }
                        continue;
                    }
                    let _ = op;
                    // `y := x[i:j]` (or `y = x`): y aliases x's array; x
                    // escapes only if y does.
                    let dst = lv.or_else(|| self.info.defs.get(&l.pos).copied());
                    if let (Some(d), Some(src)) = (dst, self.alias_source(r)) {
                        if let ExprKind::Slice(se) = &r.unparen().kind {
                            for i in se.index.iter().flatten() {
                                self.escape(i);
                            }
                        }
                        self.aliases.push((d, src));
                        continue;
                    }
                    self.escape(r);
                    // Storing into a variable: it holds something that
                    // may be shared; the variable is not tracked then.
                    self.lhs(l);
                }
            }
            StmtKind::Assign(_, lhs, rhs) => {
                self.exprs(rhs, false);
                for l in lhs {
                    self.lhs(l);
                }
            }
            StmtKind::Expr(e) => self.expr(e, true),
            StmtKind::Decl(g) => {
                for spec in &g.specs {
                    if let ast::Spec::Value(vs) = spec {
                        self.exprs(&vs.values, false);
                        for n in &vs.names {
                            if !vs.values.is_empty() {
                                if let Some(&o) = self.info.defs.get(&n.pos) {
                                    self.leaks.insert(o);
                                }
                            }
                        }
                    }
                }
            }
            StmtKind::Labeled(_, x) => self.stmt(x),
            StmtKind::Block(b) => self.stmts(&b.stmts),
            StmtKind::Send(a, b) => {
                self.escape(a);
                self.escape(b);
            }
            StmtKind::Call(_, e) => {
                // go/defer: the arguments live on.
                if let ExprKind::Call(c) = &e.unparen().kind {
                    self.escape(&c.fun);
                    self.exprs(&c.args, false);
                }
            }
            StmtKind::Return(r) => self.exprs(r, false),
            StmtKind::If(i) => {
                if let Some(x) = &i.init {
                    self.stmt(x);
                }
                self.expr(&i.cond, true);
                self.stmts(&i.then.stmts);
                if let Some(e) = &i.els {
                    self.stmt(e);
                }
            }
            StmtKind::For(f) => {
                if let Some(x) = &f.init {
                    self.stmt(x);
                }
                if let Some(c) = &f.cond {
                    self.expr(c, true);
                }
                if let Some(p) = &f.post {
                    self.stmt(p);
                }
                self.stmts(&f.body.stmts);
            }
            StmtKind::Range(r) => {
                self.expr(&r.x, true);
                for l in &r.lhs {
                    self.lhs(l);
                }
            }
            StmtKind::Switch(sw) => {
                if let Some(x) = &sw.init {
                    self.stmt(x);
                }
                if let Some(t) = &sw.tag {
                    self.escape(t);
                }
                for cc in &sw.body {
                    if let Some(cs) = &cc.cases {
                        self.exprs(cs, false);
                    }
                    self.stmts(&cc.body);
                }
            }
            StmtKind::Select(sel) => {
                for cc in &sel.body {
                    if let Some(c) = &cc.comm {
                        self.stmt(c);
                    }
                    self.stmts(&cc.body);
                }
            }
            StmtKind::Empty | StmtKind::Branch(..) => {}
        }
    }

    /// The left side of an assignment: a variable assigned something
    /// else is not tracked; index and field operands are only read.
    fn lhs(&mut self, l: &Expr) {
        if let Some(o) = self.var_of(l) {
            self.leaks.insert(o);
            return;
        }
        if let Some(&o) = self.info.defs.get(&l.pos) {
            self.leaks.insert(o);
            return;
        }
        match &l.unparen().kind {
            ExprKind::Index(x, idx) => {
                self.expr(x, true);
                self.exprs(idx, false);
            }
            _ => self.expr(l, true),
        }
    }

    /// The variable `r` (`x` or `x[i:j]`) shares the array of.
    fn alias_source(&self, r: &Expr) -> Option<ObjId> {
        match &r.unparen().kind {
            ExprKind::Slice(se) => self.var_of(&se.x),
            ExprKind::Name(_) => self.var_of(r),
            _ => None,
        }
    }

    /// `x = append(x, ...)` or `x = x[i:j]` (not three-index).
    fn is_self_update(&self, x: ObjId, r: &Expr) -> bool {
        let same = |e: &Expr| match &e.unparen().kind {
            ExprKind::Slice(se) => !se.full && self.var_of(&se.x) == Some(x),
            _ => self.var_of(e) == Some(x),
        };
        match &r.unparen().kind {
            ExprKind::Call(c) => {
                self.builtin(&c.fun) == Some(Builtin::Append) && c.args.first().is_some_and(same)
            }
            ExprKind::Slice(se) => !se.full && self.var_of(&se.x) == Some(x),
            _ => false,
        }
    }
}
