//! Which local variables must live on the heap, and what each function
//! literal captures. A variable is boxed (heap-allocated) when its address
//! is taken (`&x`, `x[:]` of an array, a pointer-method call on it) or a
//! function literal refers to it; a literal's captures are the local
//! variables it uses that are declared outside it, in order of first use.
//! A precise escape analysis (gc's) would keep more of them on the stack;
//! this one is sound and simple.

use std::collections::{HashMap, HashSet};

use syntax::ast::{self, Decl, Expr, ExprKind, Stmt, StmtKind};
use syntax::token::Operator;
use syntax::Pos;
use types::arena::{ObjId, Store};
use types::info::{ExprKey, Info, SelectionKind};
use types::object::ObjKind;
use types::predicates::underlying;
use types::ty::Type;

/// The analysis of one package.
#[derive(Default)]
pub struct Escapes<'p> {
    /// Every function literal, by key.
    pub lits: HashMap<ExprKey, &'p ast::FuncLit>,
    /// Bodies of range-over-func loops, by the key of the ranged function.
    pub range_bodies: HashMap<ExprKey, (&'p ast::RangeClause, &'p ast::Block)>,
    /// Slice variables that never escape their function (`slices`).
    pub local_slices: HashSet<ObjId>,
    pub boxed: HashSet<ObjId>,
    /// Captured variables of each function literal, by the literal's key.
    pub captures: HashMap<ExprKey, Vec<ObjId>>,
}

pub fn analyze<'p, S: Store>(
    files: &'p [&'p ast::File],
    info: &Info,
    s: &S,
    globals: &HashMap<ObjId, String>,
    pkg: types::arena::PkgIdx,
) -> Escapes<'p> {
    let mut w = Walker {
        info,
        globals,
        pkg,
        s,
        file: 0,
        out: Escapes::default(),
        lits: Vec::new(),
    };
    for (fi, f) in files.iter().enumerate() {
        w.file = fi as u32;
        for d in &f.decls {
            match d {
                Decl::Func(fd) => {
                    if let Some(b) = &fd.body {
                        w.stmts(&b.stmts);
                    }
                }
                Decl::Gen(g) => {
                    for spec in &g.specs {
                        if let ast::Spec::Value(vs) = spec {
                            for v in &vs.values {
                                w.expr(v);
                            }
                        }
                    }
                }
            }
        }
    }
    w.out
}

/// A function literal being walked: its key, extent and captures so far.
struct Lit {
    key: ExprKey,
    start: Pos,
    end: Pos,
    caps: Vec<ObjId>,
}

struct Walker<'a, 'p, S: Store> {
    info: &'a Info,
    globals: &'a HashMap<ObjId, String>,
    pkg: types::arena::PkgIdx,
    s: &'a S,
    file: u32,
    out: Escapes<'p>,
    lits: Vec<Lit>,
}

impl<'p, S: Store> Walker<'_, 'p, S> {
    fn key(&self, e: &Expr) -> ExprKey {
        ExprKey {
            file: self.file,
            id: e.id,
        }
    }

    fn is_local_var(&self, o: ObjId) -> bool {
        let obj = self.s.obj(o);
        match obj.kind {
            ObjKind::Var { is_field, .. } => {
                !is_field && obj.pkg == Some(self.pkg) && !self.globals.contains_key(&o)
            }
            _ => false,
        }
    }

    fn use_name(&mut self, e: &Expr) {
        let Some(&o) = self.info.uses.get(&self.key(e)) else {
            return;
        };
        if !self.is_local_var(o) {
            return;
        }
        let pos = self.s.obj(o).pos;
        let mut captured = false;
        for l in self.lits.iter_mut() {
            // Declared outside this literal: captured by it (and by every
            // enclosing literal it is also outside of).
            if (pos < l.start || pos > l.end) && !l.caps.contains(&o) {
                l.caps.push(o);
                captured = true;
            } else if pos < l.start || pos > l.end {
                captured = true;
            }
        }
        if captured {
            self.out.boxed.insert(o);
        }
    }

    /// Marks the variable whose storage `e` denotes as address-taken.
    fn addressed(&mut self, e: &Expr) {
        let e = e.unparen();
        match &e.kind {
            ExprKind::Name(_) => {
                if let Some(&o) = self.info.uses.get(&self.key(e)) {
                    if self.is_local_var(o) {
                        self.out.boxed.insert(o);
                    }
                }
            }
            ExprKind::Selector(x, _) => {
                if let Some(sel) = self.info.selections.get(&self.key(e)) {
                    if sel.kind == SelectionKind::FieldVal && !sel.indirect && !self.is_pointer(x) {
                        self.addressed(x);
                    }
                }
            }
            ExprKind::Index(x, _) if self.is_array(x) => self.addressed(x),
            _ => {}
        }
    }

    fn type_of(&self, e: &Expr) -> Option<types::arena::TypeId> {
        self.info.types.get(&self.key(e)).map(|t| t.typ)
    }

    fn is_array(&self, e: &Expr) -> bool {
        self.type_of(e)
            .is_some_and(|t| matches!(self.s.ty(underlying(self.s, t)), Type::Array(..)))
    }

    fn is_func(&self, e: &Expr) -> bool {
        self.type_of(e)
            .is_some_and(|t| matches!(self.s.ty(underlying(self.s, t)), Type::Signature(_)))
    }

    fn is_pointer(&self, e: &Expr) -> bool {
        self.type_of(e)
            .is_some_and(|t| matches!(self.s.ty(underlying(self.s, t)), Type::Pointer(_)))
    }

    fn exprs(&mut self, es: &'p [Expr]) {
        for e in es {
            self.expr(e);
        }
    }

    fn expr(&mut self, e: &'p Expr) {
        match &e.kind {
            ExprKind::Name(_) => self.use_name(e),
            ExprKind::BasicLit(_) | ExprKind::Bad => {}
            ExprKind::CompositeLit(c) => self.exprs(&c.elems),
            ExprKind::KeyValue(k, v) => {
                // Struct literal keys are field names, not variables.
                if !matches!(k.kind, ExprKind::Name(_)) {
                    self.expr(k);
                } else if let Some(&o) = self.info.uses.get(&self.key(k)) {
                    if self.is_local_var(o) {
                        self.expr(k);
                    }
                }
                self.expr(v);
            }
            ExprKind::FuncLit(fl) => {
                self.out.lits.insert(self.key(e), fl);
                self.lits.push(Lit {
                    key: self.key(e),
                    start: fl.typ.pos,
                    end: fl.body.rbrace,
                    caps: Vec::new(),
                });
                self.stmts(&fl.body.stmts);
                let l = self.lits.pop().expect("pushed above");
                self.out.captures.insert(l.key, l.caps);
            }
            ExprKind::Paren(x) => self.expr(x),
            ExprKind::Selector(x, _) => {
                if let Some(sel) = self.info.selections.get(&self.key(e)) {
                    if sel.kind == SelectionKind::MethodVal {
                        // A pointer method on an addressable value takes
                        // its address.
                        if let ObjKind::Func { ptr_recv: true } = self.s.obj(sel.obj).kind {
                            if !self.is_pointer(x) {
                                self.addressed(x);
                            }
                        }
                    }
                }
                self.expr(x);
            }
            ExprKind::Index(x, idx) => {
                self.expr(x);
                self.exprs(idx);
            }
            ExprKind::Slice(se) => {
                if self.is_array(&se.x) {
                    // Slicing an array takes its address.
                    self.addressed(&se.x);
                }
                self.expr(&se.x);
                for i in se.index.iter().flatten() {
                    self.expr(i);
                }
            }
            ExprKind::Assert(x, _) => self.expr(x),
            ExprKind::TypeSwitchGuard(_, x) => self.expr(x),
            ExprKind::Operation(op, x, y) => {
                if *op == Operator::And && y.is_none() {
                    self.addressed(x);
                }
                self.expr(x);
                if let Some(y) = y {
                    self.expr(y);
                }
            }
            ExprKind::Call(c) => {
                self.expr(&c.fun);
                self.exprs(&c.args);
            }
            _ => {} // types
        }
    }

    fn stmts(&mut self, ss: &'p [Stmt]) {
        for s in ss {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &'p Stmt) {
        match &s.kind {
            StmtKind::Empty | StmtKind::Branch(..) => {}
            StmtKind::Labeled(_, x) => self.stmt(x),
            StmtKind::Block(b) => self.stmts(&b.stmts),
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Send(a, b) => {
                self.expr(a);
                self.expr(b);
            }
            StmtKind::Decl(g) => {
                for spec in &g.specs {
                    if let ast::Spec::Value(vs) = spec {
                        self.exprs(&vs.values);
                    }
                }
            }
            StmtKind::Assign(_, l, r) => {
                self.exprs(l);
                self.exprs(r);
            }
            StmtKind::Call(_, e) => self.expr(e),
            StmtKind::Return(r) => self.exprs(r),
            StmtKind::If(i) => {
                if let Some(init) = &i.init {
                    self.stmt(init);
                }
                self.expr(&i.cond);
                self.stmts(&i.then.stmts);
                if let Some(e) = &i.els {
                    self.stmt(e);
                }
            }
            StmtKind::For(f) => {
                if let Some(init) = &f.init {
                    if let StmtKind::Range(r) = &init.kind {
                        if self.is_func(&r.x) {
                            // The body becomes the yield function: a
                            // closure over the variables it uses.
                            self.expr(&r.x);
                            self.out
                                .range_bodies
                                .insert(self.key(&r.x), (&**r, &f.body));
                            self.lits.push(Lit {
                                key: self.key(&r.x),
                                start: s.pos,
                                end: f.body.rbrace,
                                caps: Vec::new(),
                            });
                            self.exprs(&r.lhs);
                            self.stmts(&f.body.stmts);
                            let l = self.lits.pop().expect("pushed above");
                            self.out.captures.insert(l.key, l.caps);
                            return;
                        }
                    }
                }
                if let Some(x) = &f.init {
                    self.stmt(x);
                }
                if let Some(c) = &f.cond {
                    self.expr(c);
                }
                if let Some(p) = &f.post {
                    self.stmt(p);
                }
                self.stmts(&f.body.stmts);
            }
            StmtKind::Switch(sw) => {
                if let Some(x) = &sw.init {
                    self.stmt(x);
                }
                if let Some(t) = &sw.tag {
                    self.expr(t);
                }
                for cc in &sw.body {
                    if let Some(cs) = &cc.cases {
                        self.exprs(cs);
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
            StmtKind::Range(r) => {
                self.exprs(&r.lhs);
                self.expr(&r.x);
            }
        }
    }
}
