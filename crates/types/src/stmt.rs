//! Statements and function bodies (types2's stmt.go and range.go; labels
//! and branch placement are checked by the syntax crate, as in gc):
//! blocks and their scopes, expression statements ("x + 1 (value of type
//! int) is not used"), sends, inc/dec, assignments and `op=`, `go`/`defer`
//! ("defer discards result of ..."), `return` with result checks and
//! shadowed results, `if`/`for` (boolean conditions), expression
//! switches (duplicate and mismatched cases), type switches (implicit
//! per-clause variables, impossible and duplicate cases), `select`,
//! `range` (over ints, strings, arrays, pointers to arrays, slices, maps,
//! channels and iterator functions, with version gating), "missing
//! return", and "declared and not used: x" for the locals of a function.

use syntax::ast::{self, Expr, ExprKind, Stmt, StmtKind};
use syntax::print::expr_string;
use syntax::token::{Operator, Token};
use syntax::Pos;

use crate::arena::{ObjId, ScopeId, Store, TypeId};
use crate::check::{Checker, Env};
use crate::constant::{Kind, Value};
use crate::errors::TypeError;
use crate::object::{Builtin, ObjKind, Object};
use crate::operand::{Mode, Operand};
use crate::predicates::{
    has_nil, identical, is_boolean, is_integer, is_interface, is_numeric, is_string, is_type_param,
    underlying,
};
use crate::termlist::TypeTerm;
use crate::ty::{ChanDir, Type};
use crate::typeset::type_set;
use crate::universe;

/// What kind of expression a statement-level expression is (types2's
/// exprKind): conversions and value expressions may not stand alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ExprKindOf {
    Conversion,
    Expression,
    Statement,
}

/// A case value already seen in an expression switch: its value (as gc
/// compares duplicates), type and position.
enum SeenVal {
    Int(i128),
    Float(u64),
    Str(Vec<u8>),
}

impl SeenVal {
    fn of(v: &Value) -> Option<SeenVal> {
        match v.kind() {
            Kind::Int => v
                .int64_val()
                .map(|x| SeenVal::Int(x as i128))
                .or_else(|| v.uint64_val().map(|x| SeenVal::Int(x as i128))),
            Kind::Float => {
                let (f, exact) = v.float64_val();
                exact.then(|| SeenVal::Float(f.to_bits()))
            }
            Kind::String => Some(SeenVal::Str(v.str_bytes().to_vec())),
            _ => None,
        }
    }

    fn same(&self, o: &SeenVal) -> bool {
        match (self, o) {
            (SeenVal::Int(a), SeenVal::Int(b)) => a == b,
            (SeenVal::Float(a), SeenVal::Float(b)) => a == b,
            (SeenVal::Str(a), SeenVal::Str(b)) => a == b,
            _ => false,
        }
    }
}

/// The start of a statement, where gc reports errors about it.
pub(crate) fn stmt_start(s: &Stmt) -> Pos {
    match &s.kind {
        // gc's expression statements sit at their expression's own
        // position (the operator of a binary operation).
        StmtKind::Expr(e) => e.pos,
        StmtKind::Send(c, _) => c.start_pos(),
        StmtKind::Assign(_, lhs, _) => lhs.first().map_or(s.pos, |e| e.start_pos()),
        StmtKind::Range(r) => r.lhs.first().map_or(s.pos, |e| e.start_pos()),
        _ => s.pos,
    }
}

/// Where gc reports an error about operand `x` (the start of its
/// expression), or `at` if it has none.
pub(crate) fn op_pos(x: &Operand, at: Pos) -> Pos {
    x.expr.map_or(at, |e| e.start_pos())
}

impl<'a> Checker<'a, '_> {
    /// Checks the body of a function (or literal) with signature `sig`,
    /// whose parameters are declared in `scope` (types2's funcBody).
    /// `decl` is the package-level object the function belongs to, if
    /// any (for dependencies); `iota` the value of iota when the literal
    /// appears in a constant declaration.
    pub(crate) fn func_body(
        &mut self,
        decl: Option<ObjId>,
        name: &str,
        sig: TypeId,
        scope: ScopeId,
        body: &'a ast::Block,
        iota: Option<Value>,
    ) {
        let _ = name;
        let file = self
            .files
            .iter()
            .position(|f| f.source.contains(body.pos))
            .map_or(self.env.file, |i| i as u32);
        let saved = std::mem::replace(
            &mut self.env,
            Env {
                file,
                scope,
                decl,
                iota,
                sig: Some(sig),
                in_tparam_list: false,
                has_label: false,
                has_call_or_recv: false,
            },
        );
        let first_scope = self.store.arena.scopes.len();
        if scope.pkg == self.pkg() {
            self.store.arena.scope_mut(scope).is_func = true;
        }

        self.stmt_list(&body.stmts);

        if !self.result_vars(Some(sig)).is_empty() {
            let terminating = {
                let is_panic = |e: &Expr| self.is_panic_call(e);
                crate::returns::is_terminating_list(&body.stmts, &is_panic)
            };
            if !terminating {
                self.errorf(body.rbrace, "missing return");
            }
        }

        self.usage(scope, first_scope);
        self.env = saved;
    }

    /// Whether `e` (a call) calls the predeclared `panic`.
    fn is_panic_call(&self, e: &Expr) -> bool {
        let ExprKind::Call(c) = &e.unparen().kind else {
            return false;
        };
        let fun = c.fun.unparen();
        let ExprKind::Name(n) = fun.kind else {
            return false;
        };
        let obj = match self.info.uses.get(&self.key(fun)) {
            Some(&o) => Some(o),
            None => self.lookup(n).map(|(_, o)| o),
        };
        obj.is_some_and(|o| matches!(self.store.obj(o).kind, ObjKind::Builtin(Builtin::Panic)))
    }

    /// Reports the unused local variables of the function whose scope is
    /// `fscope` (types2's usage): the scopes opened for its body are the
    /// arena's scopes from `first` on whose nearest enclosing function
    /// scope is `fscope` (function literals report their own).
    fn usage(&mut self, fscope: ScopeId, first: usize) {
        if fscope.pkg != self.pkg() {
            return;
        }
        let pkg = self.pkg();
        let n = self.store.arena.scopes.len();
        let mut scopes = vec![fscope];
        for i in first..n {
            let id = ScopeId::new(pkg, i as u32);
            let mut p = Some(id);
            while let Some(s) = p {
                if s == fscope {
                    scopes.push(id);
                    break;
                }
                let sc = self.store.scope(s);
                if sc.is_func || sc.comment == "function" {
                    break;
                }
                p = sc.parent;
            }
        }
        let mut unused: Vec<(Pos, ast::Symbol)> = Vec::new();
        for s in scopes {
            let sc = self.store.scope(s);
            for name in &sc.names {
                let Some(o) = sc.lookup(*name) else { continue };
                let obj = self.store.obj(o);
                if let ObjKind::Var {
                    is_param: false,
                    is_field: false,
                    used: false,
                    ..
                } = obj.kind
                {
                    unused.push((obj.pos, obj.name));
                }
            }
        }
        unused.sort_by_key(|u| u.0);
        for (pos, name) in unused {
            self.soft_errorf(pos, format!("declared and not used: {name}"));
        }
    }

    /// The result variables of signature `sig`.
    pub(crate) fn result_vars(&self, sig: Option<TypeId>) -> Vec<ObjId> {
        let Some(sig) = sig else { return Vec::new() };
        let Type::Signature(s) = self.store.ty(underlying(&self.store, sig)) else {
            return Vec::new();
        };
        match self.store.ty(s.results) {
            Type::Tuple(vs) => vs.clone(),
            _ => Vec::new(),
        }
    }

    fn stmt_list(&mut self, list: &'a [Stmt]) {
        for s in list {
            self.stmt(s);
        }
    }

    fn simple_stmt(&mut self, s: Option<&'a Stmt>) {
        if let Some(s) = s {
            self.stmt(s);
        }
    }

    fn block(&mut self, b: &'a ast::Block, comment: &'static str) {
        self.open_scope(b.pos, b.rbrace.offset_by(1), comment);
        self.stmt_list(&b.stmts);
        self.close_scope();
    }

    /// Checks one statement (types2's stmt); function literals met in it
    /// are checked at its end, before scopes change.
    fn stmt(&mut self, s: &'a Stmt) {
        let top = self.later.len();
        self.stmt_inner(s);
        self.process_delayed(top);
    }

    fn stmt_inner(&mut self, s: &'a Stmt) {
        match &s.kind {
            StmtKind::Empty | StmtKind::Branch(..) => {}
            StmtKind::Decl(g) => self.decl_stmt(g),
            StmtKind::Labeled(_, inner) => {
                self.env.has_label = true;
                self.stmt_inner(inner);
            }
            StmtKind::Expr(e) => self.expr_stmt(e),
            StmtKind::Send(ch, v) => {
                let ch_x = self.expr(None, ch);
                let mut val = self.gen_expr(v);
                if !ch_x.is_valid() || !val.is_valid() {
                    return;
                }
                if let Some(elem) = self.chan_elem(stmt_start(s), &ch_x, false) {
                    self.assignment(&mut val, Some(elem), "send");
                }
            }
            StmtKind::Assign(op, lhs, rhs) => self.assign_stmt(s, *op, lhs, rhs),
            StmtKind::Call(tok, call) => {
                let kw = if *tok == Token::Go { "go" } else { "defer" };
                self.suspended_call(kw, call);
            }
            StmtKind::Return(results) => self.return_stmt(s, results),
            StmtKind::Block(b) => self.block(b, "block"),
            StmtKind::If(i) => {
                self.open_scope(s.pos, i.then.rbrace.offset_by(1), "if");
                self.simple_stmt(i.init.as_ref());
                let x = self.expr(None, &i.cond);
                if x.is_valid() && !self.all_basic(x.typ, |t| is_boolean(&self.store, t)) {
                    self.errorf(i.cond.start_pos(), "non-boolean condition in if statement");
                }
                self.block(&i.then, "block");
                if let Some(els) = &i.els {
                    self.stmt(els);
                }
                self.close_scope();
            }
            StmtKind::For(f) => self.for_stmt(s, f),
            StmtKind::Switch(sw) => {
                self.open_scope(s.pos, sw.rbrace.offset_by(1), "switch");
                self.simple_stmt(sw.init.as_ref());
                match sw.tag.as_ref().map(|t| (t, &t.kind)) {
                    Some((g, ExprKind::TypeSwitchGuard(lhs, x))) => {
                        self.type_switch_stmt(sw, g, *lhs, x)
                    }
                    _ => self.switch_stmt(sw),
                }
                self.close_scope();
            }
            StmtKind::Select(sel) => self.select_stmt(sel),
            // A range clause only appears as a for header.
            StmtKind::Range(r) => {
                let _ = self.use_list(std::slice::from_ref(&r.x));
            }
        }
    }

    // ---- simple statements ----

    fn expr_stmt(&mut self, e: &'a Expr) {
        let x = self.raw_expr(None, e, None, false);
        let msg = match x.mode {
            Mode::Invalid => return,
            Mode::Builtin(_) => "must be called",
            Mode::TypeExpr => "is not an expression",
            _ => {
                if self.expr_kind(e, &x) == ExprKindOf::Statement {
                    return;
                }
                "is not used"
            }
        };
        let m = format!("{} {msg}", self.op_str(&x));
        self.errorf(op_pos(&x, e.start_pos()), m);
    }

    /// Whether the checked expression `e` (with result `x`) is a call or
    /// receive that may stand alone, a conversion, or another expression.
    fn expr_kind(&self, e: &Expr, x: &Operand) -> ExprKindOf {
        if x.mode == Mode::NoValue {
            return ExprKindOf::Statement;
        }
        match &e.unparen().kind {
            ExprKind::Call(c) => {
                let recorded = self
                    .info
                    .types
                    .get(&self.key(&c.fun))
                    .or_else(|| self.info.types.get(&self.key(c.fun.unparen())))
                    .map(|tv| tv.mode);
                let fun_mode = recorded.or_else(|| self.fun_mode_by_name(c.fun.unparen()));
                match fun_mode {
                    Some(Mode::TypeExpr) => ExprKindOf::Conversion,
                    Some(Mode::Builtin(b)) => {
                        use Builtin::*;
                        match b {
                            Clear | Close | Copy | Delete | Panic | Print | Println | Recover => {
                                ExprKindOf::Statement
                            }
                            _ => ExprKindOf::Expression,
                        }
                    }
                    _ => match &c.fun.unparen().kind {
                        ExprKind::ArrayType(..)
                        | ExprKind::SliceType(_)
                        | ExprKind::MapType(..)
                        | ExprKind::ChanType(..)
                        | ExprKind::FuncType(_)
                        | ExprKind::StructType(_)
                        | ExprKind::InterfaceType(_) => ExprKindOf::Conversion,
                        _ => ExprKindOf::Statement,
                    },
                }
            }
            ExprKind::Operation(Operator::Recv, _, None) => ExprKindOf::Statement,
            _ => ExprKindOf::Expression,
        }
    }

    /// The mode of a called name when the call did not record it: a type
    /// (conversion) or a built-in.
    fn fun_mode_by_name(&self, fun: &Expr) -> Option<Mode> {
        let obj = match &fun.kind {
            ExprKind::Name(n) => match self.info.uses.get(&self.key(fun)) {
                Some(&o) => o,
                None => self.lookup(*n)?.1,
            },
            ExprKind::Selector(_, sel) => {
                let o = *self.info.uses.get(&self.key(fun))?;
                let _ = sel;
                o
            }
            _ => return None,
        };
        match self.store.obj(obj).kind {
            ObjKind::TypeName => Some(Mode::TypeExpr),
            ObjKind::Builtin(b) => Some(Mode::Builtin(b)),
            _ => None,
        }
    }

    fn assign_stmt(&mut self, s: &'a Stmt, op: ast::AssignOp, lhs: &'a [Expr], rhs: &'a [Expr]) {
        match op {
            ast::AssignOp::IncDec(o) => {
                let Some(l) = lhs.first() else { return };
                let mut x = self.expr(None, l);
                if !x.is_valid() {
                    return;
                }
                if !self.all_basic(x.typ, |t| is_numeric(&self.store, t)) {
                    let msg = format!(
                        "invalid operation: {}{}{} (non-numeric type {})",
                        expr_string(l),
                        o.as_str(),
                        o.as_str(),
                        self.type_str(x.typ)
                    );
                    self.errorf(l.start_pos(), msg);
                    return;
                }
                self.assign_var(l, None, Some(&mut x), "assignment");
            }
            ast::AssignOp::Assign => self.assign_vars(lhs, rhs),
            ast::AssignOp::Define => self.short_var_decl(s.pos, lhs, rhs),
            ast::AssignOp::Op(o) => {
                if lhs.len() != 1 || rhs.len() != 1 {
                    let msg = format!(
                        "assignment operation {}= requires single-valued expressions",
                        o.as_str()
                    );
                    self.errorf(stmt_start(s), msg);
                    return;
                }
                let mut x = self.binary(None, &lhs[0], &rhs[0], o);
                self.assign_var(&lhs[0], None, Some(&mut x), "assignment");
            }
        }
    }

    /// `go f()` and `defer f()` (types2's suspendedCall).
    fn suspended_call(&mut self, kw: &str, call: &'a Expr) {
        if !matches!(call.kind, ExprKind::Call(_)) {
            self.errorf(
                call.start_pos(),
                format!("expression in {kw} must be function call"),
            );
            let _ = self.use_list(std::slice::from_ref(call));
            return;
        }
        let x = self.raw_expr(None, call, None, false);
        if x.mode == Mode::Invalid {
            return;
        }
        let msg = match self.expr_kind(call, &x) {
            ExprKindOf::Conversion => "requires function call, not conversion",
            ExprKindOf::Expression => "discards result of",
            ExprKindOf::Statement => return,
        };
        let m = format!("{kw} {msg} {}", self.op_str(&x));
        self.errorf(op_pos(&x, call.start_pos()), m);
    }

    fn return_stmt(&mut self, s: &'a Stmt, results: &'a [Expr]) {
        let res = self.result_vars(self.env.sig);
        let named = res
            .first()
            .is_some_and(|&r| !self.store.obj(r).name.is_empty());
        if results.is_empty() && named {
            for &r in &res {
                let name = self.store.obj(r).name;
                if let Some((_, alt)) = self.lookup(name) {
                    if alt != r {
                        let desc = self.obj_string(alt);
                        let alt_pos = self.store.obj(alt).pos;
                        let e = TypeError::new(
                            s.pos,
                            format!("result parameter {name} not in scope at return"),
                        )
                        .with(alt_pos, format!("inner declaration of {desc}"));
                        self.error(e);
                    }
                }
            }
        } else {
            self.init_vars(&res, results, Some(s));
        }
    }

    /// An object as types2's ObjectString prints it in related lines
    /// ("var x int").
    pub(crate) fn obj_string(&self, o: ObjId) -> String {
        let obj = self.store.obj(o);
        let word = match obj.kind {
            ObjKind::Const(_) => "const",
            ObjKind::TypeName => "type",
            ObjKind::Var { is_field: true, .. } => "field",
            ObjKind::Var { .. } => "var",
            ObjKind::Func { .. } => "func",
            ObjKind::PkgName { .. } => "package",
            ObjKind::Label { .. } => "label",
            ObjKind::Builtin(_) => "builtin",
            ObjKind::Nil => return "nil".into(),
        };
        match obj.typ {
            Some(t) if !matches!(obj.kind, ObjKind::TypeName) => {
                format!("{word} {} {}", obj.name, self.type_str(t))
            }
            _ => format!("{word} {}", obj.name),
        }
    }

    // ---- for and range ----

    fn for_stmt(&mut self, s: &'a Stmt, f: &'a ast::ForStmt) {
        if let Some(Stmt {
            kind: StmtKind::Range(rc),
            ..
        }) = &f.init
        {
            self.range_stmt(s, f, rc);
            return;
        }
        self.open_scope(s.pos, f.body.rbrace.offset_by(1), "for");
        self.simple_stmt(f.init.as_ref());
        if let Some(c) = &f.cond {
            let x = self.expr(None, c);
            if x.is_valid() && !self.all_basic(x.typ, |t| is_boolean(&self.store, t)) {
                self.errorf(c.start_pos(), "non-boolean condition in for statement");
            }
        }
        self.simple_stmt(f.post.as_ref());
        self.block(&f.body, "block");
        self.close_scope();
    }

    fn range_stmt(&mut self, s: &'a Stmt, f: &'a ast::ForStmt, rc: &'a ast::RangeClause) {
        let s_key = rc.lhs.first();
        let s_value = rc.lhs.get(1);
        let s_extra = rc.lhs.get(2);

        self.env.has_call_or_recv = false;
        let mut x = self.expr(None, &rc.x);

        if x.is_valid() && s_value.is_none() && !self.env.has_call_or_recv {
            let u = underlying(&self.store, x.typ);
            let u = match self.store.ty(u) {
                Type::Pointer(b) => underlying(&self.store, *b),
                _ => u,
            };
            if let Type::Array(Some(n), _) = self.store.ty(u) {
                let n = *n;
                self.record_type_and_value(
                    rc.x.unparen(),
                    Mode::Constant,
                    universe::INT,
                    Some(Value::from_u64(n)),
                );
            }
        }

        let (mut key, mut val) = (None, None);
        if x.is_valid() {
            let xpos = op_pos(&x, rc.x.start_pos());
            match self.range_key_val(x.typ) {
                Err(cause) => {
                    let d = self.op_str(&x);
                    if cause.is_empty() {
                        self.soft_errorf(xpos, format!("cannot range over {d}"));
                    } else {
                        self.soft_errorf(xpos, format!("cannot range over {d}: {cause}"));
                    }
                    key = Some(universe::INVALID);
                    val = Some(universe::INVALID);
                }
                Ok((k, v)) => {
                    if let (None, Some(sk)) = (k, s_key) {
                        let m = format!(
                            "range over {} permits no iteration variables",
                            self.op_str(&x)
                        );
                        self.soft_errorf(sk.start_pos(), m);
                    } else if let (None, Some(sv)) = (v, s_value) {
                        let m = format!(
                            "range over {} permits only one iteration variable",
                            self.op_str(&x)
                        );
                        self.soft_errorf(sv.start_pos(), m);
                    } else if let Some(se) = s_extra {
                        self.soft_errorf(
                            se.start_pos(),
                            "range clause permits at most two iteration variables",
                        );
                    }
                    key = k;
                    val = v;
                }
            }
        }

        self.open_scope(s.pos, f.body.rbrace.offset_by(1), "range");
        let lhs = [s_key, s_value];
        let rhs = [key, val];
        let range_over_int = x.is_valid() && is_integer(&self.store, x.typ);

        if rc.def {
            let mut vars = Vec::new();
            for (i, l) in lhs.iter().enumerate() {
                let Some(l) = *l else { continue };
                let obj = if let ExprKind::Name(name) = l.kind {
                    let obj = self.new_local_var(l.pos, name, None);
                    self.record_def(
                        &ast::Name {
                            pos: l.pos,
                            value: name,
                        },
                        obj,
                    );
                    if name.as_str() != "_" {
                        vars.push(obj);
                    }
                    obj
                } else {
                    self.errorf(l.start_pos(), format!("cannot declare {}", expr_string(l)));
                    self.new_local_var(l.pos, ast::sym("_"), None)
                };
                let typ = match rhs[i] {
                    Some(t) if t != universe::INVALID => t,
                    _ => {
                        let o = self.store.arena.obj_mut(obj);
                        o.typ = Some(universe::INVALID);
                        if let ObjKind::Var { used, .. } = &mut o.kind {
                            *used = true;
                        }
                        continue;
                    }
                };
                if range_over_int {
                    self.init_var(obj, &mut x, "range clause");
                } else {
                    let mut y = Operand {
                        mode: Mode::Value,
                        expr: Some(l),
                        typ,
                        val: None,
                    };
                    self.init_var(obj, &mut y, "assignment");
                }
            }
            if vars.is_empty() {
                self.errorf(s.pos, "no new variables on left side of :=");
            } else {
                let scope = self.env.scope;
                for obj in vars {
                    let o = self.store.obj(obj);
                    let name = ast::Name {
                        pos: o.pos,
                        value: o.name,
                    };
                    self.declare(scope, name, obj);
                }
            }
        } else if s_key.is_some() {
            for (i, l) in lhs.iter().enumerate() {
                let Some(l) = *l else { continue };
                let typ = match rhs[i] {
                    Some(t) if t != universe::INVALID => t,
                    _ => continue,
                };
                if range_over_int {
                    self.assign_var(l, None, Some(&mut x), "range clause");
                    if x.is_valid() && !is_integer(&self.store, x.typ) {
                        let m = format!(
                            "cannot use iteration variable of type {}",
                            self.type_str(x.typ)
                        );
                        self.soft_errorf(l.start_pos(), m);
                    }
                } else {
                    let mut y = Operand {
                        mode: Mode::Value,
                        expr: Some(l),
                        typ,
                        val: None,
                    };
                    self.assign_var(l, None, Some(&mut y), "assignment");
                }
            }
        } else if range_over_int {
            self.assignment(&mut x, None, "range clause");
        }

        self.block(&f.body, "block");
        self.close_scope();
    }

    /// The key and value types of a range over a value of type `orig`
    /// (`None`: no such iteration variable), or why it cannot be ranged
    /// over (types2's rangeKeyVal).
    fn range_key_val(&self, orig: TypeId) -> Result<(Option<TypeId>, Option<TypeId>), String> {
        let s = &self.store;
        let rtyp = self.common_under(orig, &|t, u| {
            if let Some(u) = u {
                if let Type::Chan(ChanDir::Send, _) = s.ty(u) {
                    return Some(format!(
                        "receive from send-only channel {}",
                        self.type_str(t.unwrap_or(u))
                    ));
                }
            }
            None
        })?;
        let mut rt = rtyp;
        if let Type::Pointer(b) = s.ty(rt) {
            let bu = underlying(s, *b);
            if matches!(s.ty(bu), Type::Array(..)) {
                rt = bu;
            }
        }
        match s.ty(rt) {
            Type::Basic { .. } => {
                if is_string(s, rt) {
                    return Ok((Some(universe::INT), Some(universe::RUNE)));
                }
                if is_integer(s, rt) {
                    if !self.allow_version(22) {
                        return Err("requires go1.22 or later".into());
                    }
                    return Ok((Some(orig), None));
                }
                Err(String::new())
            }
            Type::Array(_, e) | Type::Slice(e) => Ok((Some(universe::INT), Some(*e))),
            Type::Map(k, v) => Ok((Some(*k), Some(*v))),
            Type::Chan(_, e) => Ok((Some(*e), None)),
            Type::Signature(sig) => {
                if !self.allow_version(23) {
                    return Err("requires go1.23 or later".into());
                }
                let params = self.tuple_vars(sig.params);
                let results = self.tuple_vars(sig.results);
                if params.len() != 1 {
                    return Err(
                        "func must be func(yield func(...) bool): wrong argument count".into(),
                    );
                }
                if !results.is_empty() {
                    return Err(
                        "func must be func(yield func(...) bool): unexpected results".into(),
                    );
                }
                let pt = s.obj(params[0]).typ.unwrap_or(universe::INVALID);
                let cb = match self.common_under(pt, &|_, _| None) {
                    Ok(u) => match s.ty(u) {
                        Type::Signature(cb) => cb.clone(),
                        _ => {
                            return Err(
                                "func must be func(yield func(...) bool): argument is not func"
                                    .into(),
                            )
                        }
                    },
                    Err(e) => {
                        return Err(format!(
                            "func must be func(yield func(...) bool): in yield type, {e}"
                        ))
                    }
                };
                let cparams = self.tuple_vars(cb.params);
                let cresults = self.tuple_vars(cb.results);
                if cparams.len() > 2 {
                    return Err("func must be func(yield func(...) bool): yield func has too many parameters".into());
                }
                let r0 = cresults.first().and_then(|&r| s.obj(r).typ);
                if cresults.len() != 1 || !r0.is_some_and(|t| identical(s, t, universe::BOOL)) {
                    if cresults.len() == 1 && r0.is_some_and(|t| is_boolean(s, t)) {
                        return Err("func must be func(yield func(...) bool): yield func returns user-defined boolean, not bool".into());
                    }
                    return Err(
                        "func must be func(yield func(...) bool): yield func does not return bool"
                            .into(),
                    );
                }
                if cb.variadic {
                    let cbt = underlying(s, pt);
                    return Err(format!(
                        "yield func of type {} cannot be variadic",
                        self.type_str(cbt)
                    ));
                }
                let key = cparams.first().and_then(|&p| s.obj(p).typ);
                let val = cparams.get(1).and_then(|&p| s.obj(p).typ);
                Ok((key, val))
            }
            _ => Err(String::new()),
        }
    }

    fn tuple_vars(&self, t: TypeId) -> Vec<ObjId> {
        match self.store.ty(t) {
            Type::Tuple(vs) => vs.clone(),
            _ => Vec::new(),
        }
    }

    /// The common underlying type of the types in `t`'s type set (just
    /// `t`'s underlying type unless it is a type parameter), or why there
    /// is none (types2's commonUnder). `cond` may veto a (type,
    /// underlying type) pair with a cause; it sees `(None, None)` for a
    /// type set without specific types.
    pub(crate) fn common_under(
        &self,
        t: TypeId,
        cond: &dyn Fn(Option<TypeId>, Option<TypeId>) -> Option<String>,
    ) -> Result<TypeId, String> {
        let s = &self.store;
        let pairs: Vec<(Option<TypeId>, Option<TypeId>)> = if is_type_param(s, t) {
            let ts = type_set(s, t);
            if ts.terms.is_all() {
                vec![(None, None)]
            } else {
                ts.terms
                    .0
                    .iter()
                    .filter_map(|term| match term {
                        TypeTerm::Type { typ, .. } => Some((Some(*typ), Some(underlying(s, *typ)))),
                        TypeTerm::All => None,
                    })
                    .collect()
            }
        } else {
            vec![(Some(t), Some(underlying(s, t)))]
        };
        let mut ct: Option<(TypeId, TypeId)> = None;
        for (t, u) in pairs {
            if let Some(e) = cond(t, u) {
                return Err(e);
            }
            let (Some(t), Some(u)) = (t, u) else {
                return Err("no specific type".into());
            };
            let Some((ctt, cu)) = ct else {
                ct = Some((t, u));
                continue;
            };
            if let (Type::Chan(cd, ce), Type::Chan(d, e)) = (s.ty(cu), s.ty(u)) {
                if !identical(s, *ce, *e) {
                    return Err(format!(
                        "channels {} and {} have different element types",
                        self.type_str(ctt),
                        self.type_str(t)
                    ));
                }
                if cd == d {
                } else if *cd == ChanDir::Both {
                    ct = Some((t, u));
                } else if *d != ChanDir::Both {
                    return Err(format!(
                        "channels {} and {} have conflicting directions",
                        self.type_str(ctt),
                        self.type_str(t)
                    ));
                }
                continue;
            }
            if !identical(s, cu, u) {
                return Err(format!(
                    "{} and {} have different underlying types",
                    self.type_str(ctt),
                    self.type_str(t)
                ));
            }
        }
        Ok(ct.map_or(universe::INVALID, |c| c.1))
    }

    /// The element type of channel operand `x` for a send (or receive),
    /// or `None` after reporting why it is not a channel (types2's
    /// chanElem).
    pub(crate) fn chan_elem(&mut self, pos: Pos, x: &Operand<'a>, recv: bool) -> Option<TypeId> {
        let res = self.common_under(x.typ, &|t, u| {
            let Some(u) = u else {
                return Some("no specific channel type".into());
            };
            let ts = self.type_str(t.unwrap_or(u));
            match self.store.ty(u) {
                Type::Chan(d, _) => match (recv, d) {
                    (true, ChanDir::Send) => Some(format!("send-only channel {ts}")),
                    (false, ChanDir::Recv) => Some(format!("receive-only channel {ts}")),
                    _ => None,
                },
                _ => Some(format!("non-channel {ts}")),
            }
        });
        match res {
            Ok(u) => match self.store.ty(u) {
                Type::Chan(_, e) => Some(*e),
                _ => None,
            },
            Err(cause) => {
                let (verb, d) = (
                    if recv { "receive from" } else { "send to" },
                    self.op_str(x),
                );
                let msg = if is_type_param(&self.store, x.typ) {
                    format!("invalid operation: cannot {verb} {d}: {cause}")
                } else {
                    format!("invalid operation: cannot {verb} {cause} {d}")
                };
                self.errorf(pos, msg);
                None
            }
        }
    }

    /// Whether `pred` holds for `t`, or for every type in its type set if
    /// it is a type parameter (types2's allBasic).
    fn all_basic(&self, t: TypeId, pred: impl Fn(TypeId) -> bool) -> bool {
        let s = &self.store;
        if is_type_param(s, t) {
            let ts = type_set(s, t);
            if ts.terms.is_all() {
                return false;
            }
            return ts.terms.0.iter().all(|term| match term {
                TypeTerm::Type { typ, .. } => pred(*typ),
                TypeTerm::All => false,
            });
        }
        pred(t)
    }

    // ---- switches ----

    fn switch_stmt(&mut self, sw: &'a ast::SwitchStmt) {
        let mut x;
        let tagless;
        if let Some(tag) = &sw.tag {
            tagless = false;
            x = self.expr(None, tag);
            self.assignment(&mut x, None, "switch expression");
            if x.is_valid()
                && !crate::assignable::comparable(&self.store, x.typ, true)
                && !self.has_nil_all(x.typ)
            {
                let m = format!(
                    "cannot switch on {} ({} is not comparable)",
                    self.op_str(&x),
                    self.type_str(x.typ)
                );
                self.errorf(op_pos(&x, tag.start_pos()), m);
                x = Operand::invalid(Some(tag));
            }
        } else {
            tagless = true;
            x = Operand {
                mode: Mode::Constant,
                expr: None,
                typ: universe::BOOL,
                val: Some(Value::from_bool(true)),
            };
        }
        self.multiple_defaults(sw.body.iter().map(|c| (c.pos, c.cases.is_none())));
        let mut seen: Vec<(SeenVal, TypeId, Pos)> = Vec::new();
        for clause in &sw.body {
            if let Some(cases) = &clause.cases {
                self.case_values(&x, tagless, cases, &mut seen);
            }
            self.open_scope(clause.pos, clause_end(clause, sw.rbrace), "case");
            self.stmt_list(&clause.body);
            self.close_scope();
        }
    }

    fn has_nil_all(&self, t: TypeId) -> bool {
        let s = &self.store;
        if is_type_param(s, t) {
            let ts = type_set(s, t);
            return !ts.terms.is_all()
                && ts.terms.0.iter().all(|term| match term {
                    TypeTerm::Type { typ, .. } => has_nil(s, *typ),
                    TypeTerm::All => false,
                });
        }
        has_nil(s, t)
    }

    fn multiple_defaults(&mut self, clauses: impl Iterator<Item = (Pos, bool)>) {
        let mut first: Option<Pos> = None;
        for (pos, is_default) in clauses {
            if !is_default {
                continue;
            }
            match first {
                Some(f) => {
                    let at = self
                        .fset
                        .position(f)
                        .map(|p| p.to_string())
                        .unwrap_or_default();
                    self.errorf(pos, format!("multiple defaults (first at {at})"));
                }
                None => first = Some(pos),
            }
        }
    }

    fn case_values(
        &mut self,
        x: &Operand<'a>,
        tagless: bool,
        values: &'a [Expr],
        seen: &mut Vec<(SeenVal, TypeId, Pos)>,
    ) {
        for e in values {
            let mut v = self.expr(None, e);
            if !x.is_valid() || !v.is_valid() {
                continue;
            }
            self.convert_untyped(&mut v, x.typ);
            if !v.is_valid() {
                continue;
            }
            if !self.case_comparison(&v, x, tagless) {
                continue;
            }
            if v.mode != Mode::Constant {
                continue;
            }
            let Some(val) = v.val.as_ref().and_then(SeenVal::of) else {
                continue;
            };
            let vpos = op_pos(&v, e.start_pos());
            let dup = seen
                .iter()
                .find(|(sv, t, _)| sv.same(&val) && identical(&self.store, v.typ, *t))
                .map(|s| s.2);
            if let Some(prev) = dup {
                let err = TypeError::new(
                    vpos,
                    format!("duplicate case {} in expression switch", self.op_str(&v)),
                )
                .with(prev, "previous case");
                self.error(err);
                continue;
            }
            seen.push((val, v.typ, vpos));
        }
    }

    /// Checks that case value `v` can be compared with the switch tag `x`
    /// (types2's comparison for switch cases); reports and returns false
    /// if not.
    fn case_comparison(&mut self, v: &Operand<'a>, x: &Operand<'a>, tagless: bool) -> bool {
        let s = &self.store;
        if v.typ == universe::INVALID || x.typ == universe::INVALID {
            return false;
        }
        let q = crate::typestring::RelativeTo(s, self.pkg());
        let assignable = crate::assignable::assignable_to(s, &q, v, x.typ).is_ok()
            || crate::assignable::assignable_to(s, &q, x, v.typ).is_ok();
        let mut cause = String::new();
        let ok = if !assignable {
            cause = format!(
                "mismatched types {} and {}",
                self.type_str(v.typ),
                self.type_str(x.typ)
            );
            false
        } else if v.mode == Mode::NilValue || x.mode == Mode::NilValue {
            let t = if v.mode == Mode::NilValue {
                x.typ
            } else {
                v.typ
            };
            self.has_nil_all(t)
        } else if !crate::assignable::comparable(s, v.typ, true) {
            cause = self.incomparable_cause(v.typ);
            false
        } else if !crate::assignable::comparable(s, x.typ, true) {
            cause = self.incomparable_cause(x.typ);
            false
        } else {
            true
        };
        if ok {
            if v.mode != Mode::Constant || x.mode != Mode::Constant {
                if let Some(e) = v.expr {
                    let t = crate::untyped::default_type(&self.store, v.typ);
                    self.update_expr_type(e, t, true);
                }
                if let Some(e) = x.expr {
                    let t = crate::untyped::default_type(&self.store, x.typ);
                    self.update_expr_type(e, t, true);
                }
            }
            return true;
        }
        if cause.is_empty() {
            let err_t = if v.mode == Mode::NilValue || !assignable {
                x.typ
            } else if !crate::assignable::comparable(&self.store, v.typ, true) {
                v.typ
            } else {
                x.typ
            };
            if is_type_param(&self.store, v.typ) || is_type_param(&self.store, x.typ) {
                let t = if is_type_param(&self.store, v.typ) {
                    v.typ
                } else {
                    x.typ
                };
                cause = format!("type parameter {} cannot use operator ==", self.type_str(t));
            } else {
                let what = composite_kind(&self.store, err_t)
                    .map(str::to_string)
                    .unwrap_or_else(|| self.type_str(err_t));
                cause = format!("operator == not defined on {what}");
            }
        }
        let ve = v.expr.map(expr_string).unwrap_or_default();
        let xe = if tagless {
            "true".to_string()
        } else {
            x.expr.map(expr_string).unwrap_or_default()
        };
        let pos = op_pos(v, Pos::NONE);
        self.errorf(
            pos,
            format!("invalid case {ve} in switch on {xe} ({cause})"),
        );
        false
    }

    fn incomparable_cause(&self, t: TypeId) -> String {
        let s = &self.store;
        let u = underlying(s, t);
        match s.ty(u) {
            Type::Slice(_) | Type::Signature(_) | Type::Map(..) => format!(
                "{} can only be compared to nil",
                composite_kind(s, t).unwrap_or("")
            ),
            Type::Struct(st) => st
                .fields
                .iter()
                .filter_map(|&f| s.obj(f).typ)
                .find(|&ft| !crate::assignable::comparable(s, ft, true))
                .map(|ft| format!("struct containing {} cannot be compared", self.type_str(ft)))
                .unwrap_or_default(),
            Type::Array(..) => format!("{} cannot be compared", self.type_str(t)),
            Type::Interface(_) => {
                if type_set(s, t).is_empty() {
                    "empty type set".into()
                } else {
                    "incomparable types in type set".into()
                }
            }
            _ => String::new(),
        }
    }

    fn type_switch_stmt(
        &mut self,
        sw: &'a ast::SwitchStmt,
        guard: &'a Expr,
        lhs: Option<ast::Name>,
        gx: &'a Expr,
    ) {
        let _ = guard;
        let mut lhs = lhs;
        if let Some(l) = lhs {
            if l.is_blank() {
                self.soft_errorf(l.pos, "no new variable on left side of :=");
                lhs = None;
            }
        }
        let x = self.expr(None, gx);
        let mut sx: Option<Operand<'a>> = None;
        if x.is_valid() {
            if is_type_param(&self.store, x.typ) {
                let m = format!(
                    "cannot use type switch on type parameter value {}",
                    self.op_str(&x)
                );
                self.errorf(op_pos(&x, gx.start_pos()), m);
            } else if is_interface(&self.store, x.typ) {
                sx = Some(x);
            } else {
                let m = format!("{} is not an interface", self.op_str(&x));
                self.errorf(op_pos(&x, gx.start_pos()), m);
            }
        }
        self.multiple_defaults(sw.body.iter().map(|c| (c.pos, c.cases.is_none())));

        let mut lhs_vars = Vec::new();
        let mut seen: Vec<(Option<TypeId>, &'a Expr)> = Vec::new();
        for clause in &sw.body {
            let cases: &'a [Expr] = clause.cases.as_deref().unwrap_or(&[]);
            let t = self.case_types(sx.as_ref(), cases, &mut seen);
            self.open_scope(clause.pos, clause_end(clause, sw.rbrace), "case");
            if let Some(l) = lhs {
                let obj = self.new_local_var(l.pos, l.value, Some(t));
                let scope = self.env.scope;
                self.declare(scope, l, obj);
                self.record_implicit(clause.pos, obj);
                lhs_vars.push(obj);
            }
            self.stmt_list(&clause.body);
            self.close_scope();
        }

        if let Some(l) = lhs {
            let mut used = false;
            for &v in &lhs_vars {
                if let ObjKind::Var { used: u, .. } = &mut self.store.arena.obj_mut(v).kind {
                    used |= *u;
                    *u = true;
                }
            }
            if !used {
                self.soft_errorf(l.pos, format!("{} declared and not used", l.value));
            }
        }
    }

    /// Whether `e` denotes the predeclared nil.
    fn is_nil_expr(&self, e: &Expr) -> bool {
        match e.unparen().kind {
            ExprKind::Name(n) => self
                .lookup(n)
                .is_some_and(|(_, o)| matches!(self.store.obj(o).kind, ObjKind::Nil)),
            _ => false,
        }
    }

    /// Checks the types of a type switch case (types2's caseTypes) and
    /// returns the type of the clause's implicit variable.
    fn case_types(
        &mut self,
        x: Option<&Operand<'a>>,
        types: &'a [Expr],
        seen: &mut Vec<(Option<TypeId>, &'a Expr)>,
    ) -> TypeId {
        let mut t: Option<TypeId> = None;
        'outer: for e in types {
            if self.is_nil_expr(e) {
                t = None;
                let _ = self.expr(None, e);
            } else {
                let ty = self.var_type(e);
                t = Some(ty);
                if ty == universe::INVALID {
                    continue;
                }
            }
            for &(other_t, other) in seen.iter() {
                let same = match (t, other_t) {
                    (None, None) => true,
                    (Some(a), Some(b)) => identical(&self.store, a, b),
                    _ => false,
                };
                if same {
                    let ts = t.map_or_else(|| "nil".to_string(), |t| self.type_str(t));
                    let err = TypeError::new(
                        e.start_pos(),
                        format!("duplicate case {ts} in type switch"),
                    )
                    .with(other.start_pos(), "previous case");
                    self.error(err);
                    continue 'outer;
                }
            }
            seen.push((t, e));
            if let (Some(x), Some(ty)) = (x, t) {
                self.type_switch_case_check(e, x, ty);
            }
        }
        if types.len() != 1 || t.is_none() {
            return x.map_or(universe::INVALID, |x| x.typ);
        }
        t.unwrap_or(universe::INVALID)
    }

    /// Reports a case type that the switch expression can never have.
    fn type_switch_case_check(&mut self, e: &'a Expr, x: &Operand<'a>, t: TypeId) {
        if is_interface(&self.store, t) {
            return;
        }
        let q = crate::typestring::RelativeTo(&self.store, self.pkg());
        let Some((_, cause)) = crate::implements::missing_method(&self.store, &q, t, x.typ, false)
        else {
            return;
        };
        let msg = format!(
            "impossible type switch case: {}\n\t{} cannot have dynamic type {} {cause}",
            expr_string(e),
            self.op_str(x),
            self.type_str(t)
        );
        self.errorf(e.start_pos(), msg);
    }

    // ---- select ----

    fn select_stmt(&mut self, sel: &'a ast::SelectStmt) {
        self.multiple_defaults(sel.body.iter().map(|c| (c.pos, c.comm.is_none())));
        for clause in &sel.body {
            let mut valid = false;
            let mut rhs: Option<&Expr> = None;
            match clause.comm.as_ref().map(|s| &s.kind) {
                None | Some(StmtKind::Send(..)) => valid = true,
                Some(StmtKind::Assign(_, _, r)) if r.len() == 1 => rhs = Some(&r[0]),
                Some(StmtKind::Expr(e)) => rhs = Some(e),
                _ => {}
            }
            if let Some(r) = rhs {
                if matches!(
                    r.unparen().kind,
                    ExprKind::Operation(Operator::Recv, _, None)
                ) {
                    valid = true;
                }
            }
            if !valid {
                let pos = clause.comm.as_ref().map_or(clause.pos, stmt_start);
                self.errorf(
                    pos,
                    "select case must be send or receive (possibly with assignment)",
                );
                continue;
            }
            self.open_scope(clause.pos, clause_end_comm(clause, sel.rbrace), "case");
            if let Some(c) = &clause.comm {
                self.stmt(c);
            }
            self.stmt_list(&clause.body);
            self.close_scope();
        }
    }

    /// A new local variable (not yet declared in a scope).
    pub(crate) fn new_local_var(
        &mut self,
        pos: Pos,
        name: ast::Symbol,
        typ: Option<TypeId>,
    ) -> ObjId {
        let pkg = self.pkg();
        self.store.arena.add_object(Object::new(
            name,
            pos,
            Some(pkg),
            typ,
            ObjKind::Var {
                embedded: false,
                is_field: false,
                is_param: false,
                used: false,
            },
        ))
    }
}

/// Where a case clause's scope ends: at the next clause, or the switch's
/// closing brace.
fn clause_end(c: &ast::CaseClause, rbrace: Pos) -> Pos {
    let _ = c;
    rbrace
}

fn clause_end_comm(c: &ast::CommClause, rbrace: Pos) -> Pos {
    let _ = c;
    rbrace
}

/// The kind of type structure for messages ("slice", "func", ...), or
/// `None` for basic and other types.
fn composite_kind(s: &impl Store, t: TypeId) -> Option<&'static str> {
    Some(match s.ty(underlying(s, t)) {
        Type::Array(..) => "array",
        Type::Slice(_) => "slice",
        Type::Struct(_) => "struct",
        Type::Pointer(_) => "pointer",
        Type::Signature(_) => "func",
        Type::Interface(_) => "interface",
        Type::Map(..) => "map",
        Type::Chan(..) => "chan",
        Type::Tuple(_) => "tuple",
        Type::Union(_) => "union",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use crate::testutil::check_source;

    /// Checks the body of the first function of `src` directly, with a
    /// signature made by hand (`results` result types), so statements
    /// are exercised without the declaration and expression passes.
    fn body_errors(src: &str, results: &[crate::arena::TypeId]) -> Vec<String> {
        use crate::arena::World;
        use crate::check::Checker;
        use crate::testutil::{sig, UnsafeOnly, P};
        let fset = syntax::FileSet::new();
        let (f, errs) = syntax::parse_file(&fset, "a.go", src.as_bytes());
        assert!(errs.is_empty());
        let world = World::new();
        let mut c = Checker::new(&world, &fset, P, "p", [&f], &UnsafeOnly);
        let syntax::ast::Decl::Func(fd) = &f.decls[0] else {
            panic!("no function")
        };
        let s = sig(&mut c.store, &[], results);
        let scope = c.open_scope(fd.typ.pos, fd.typ.end, "function");
        c.close_scope();
        c.func_body(None, "f", s, scope, fd.body.as_ref().unwrap(), None);
        let (_, errors) = c.finish();
        errors
            .iter()
            .map(|e| e.display(&fset).to_string())
            .collect()
    }

    #[test]
    fn missing_return_and_unused_without_expressions() {
        let src = "package p
func f() {
	x := y
	{
		z := w
	}
	for {
		a := b
	}
	switch {
	default:
		c := d
	}
	select {}
}
";
        assert_eq!(
            body_errors(src, &[crate::universe::INT]),
            [
                "a.go:3:2: declared and not used: x",
                "a.go:5:3: declared and not used: z",
                "a.go:8:3: declared and not used: a",
                "a.go:12:3: declared and not used: c",
            ]
        );
        let src = "package p
func f() {
	for {
		break
	}
}
";
        assert_eq!(
            body_errors(src, &[crate::universe::INT]),
            ["a.go:6:1: missing return"]
        );
        assert!(body_errors(src, &[]).is_empty());
        let src = "package p
func f() {
	x := 1
	x := 2
L:
	for {
		if y := 1; true {
			break L
		} else {
			goto L
		}
	}
	return
}
";
        assert_eq!(
            body_errors(src, &[crate::universe::INT]),
            [
                "a.go:3:2: declared and not used: x",
                "a.go:4:4: no new variables on left side of :=",
                "a.go:7:6: declared and not used: y",
                "a.go:13:2: not enough return values\n\thave ()\n\twant (int)",
            ]
        );
    }

    #[test]
    #[ignore = "needs expr, typexpr and decl"]
    fn unused() {
        let src = r#"package p

func _(a int) (r int) {
	x := 1
	var y int
	{
		z := 2
		_ = z
	}
	w := 3
	w = 4
	v := 0
	v++
	f := func() {
		q := 1
	}
	f()
	return
}
"#;
        let want: &[&str] = &[
            "a.go:4:2: declared and not used: x",
            "a.go:5:6: declared and not used: y",
            "a.go:10:2: declared and not used: w",
            "a.go:15:3: declared and not used: q",
        ];
        assert_eq!(check_source(src), want);
    }

    #[test]
    #[ignore = "needs expr, typexpr and decl"]
    fn missing_return() {
        let src = r#"package p

func a() int {
}

func b(x int) int {
	if x > 0 {
		return 1
	}
}

func c() int {
	for {
	}
}

func d() int {
	panic(1)
}

func e() (int, string) {
	for {
		break
	}
}

func f() int {
	panic := func(int) {}
	panic(1)
}

var g = func() int {
	if true {
		return 1
	}
}
"#;
        let want: &[&str] = &[
            "a.go:4:1: missing return",
            "a.go:10:1: missing return",
            "a.go:25:1: missing return",
            "a.go:30:1: missing return",
            "a.go:36:1: missing return",
        ];
        assert_eq!(check_source(src), want);
    }

    #[test]
    #[ignore = "needs expr, typexpr and decl"]
    fn exprstmt() {
        let src = r#"package p

func f() int { return 0 }
func g()     {}

func _(x int, s []int, c chan int) {
	x + 1
	len("abc")
	len(s)
	cap(s)
	int
	len
	f()
	g()
	<-c
	copy(s, s)
	int(x)
	x
	(f())
	-x
	recover()
	print()
}
"#;
        let want: &[&str] = &[
            "a.go:7:2: x + 1 (value of type int) is not used",
            "a.go:8:2: len(\"abc\") (constant 3 of type int) is not used",
            "a.go:9:2: len(s) (value of type int) is not used",
            "a.go:10:2: cap(s) (value of type int) is not used",
            "a.go:11:2: int (type) is not an expression",
            "a.go:12:2: len (built-in) must be called",
            "a.go:17:2: int(x) (value of type int) is not used",
            "a.go:18:2: x (variable of type int) is not used",
            "a.go:20:2: -x (value of type int) is not used",
        ];
        assert_eq!(check_source(src), want);
    }

    #[test]
    #[ignore = "needs expr, typexpr and decl"]
    fn godefer() {
        let src = r#"package p

func f() int { return 0 }
func g()     {}

func _(s []int, c chan int) {
	defer len(s)
	defer int(1)
	go g
	go f()
	defer g()
	defer close(c)
	go copy(s, s)
	defer recover()
	defer cap(s)
}
"#;
        let want: &[&str] = &[
            "a.go:7:8: defer discards result of len(s) (value of type int)",
            "a.go:8:8: defer requires function call, not conversion int(1) (constant 1 of type int)",
            "a.go:9:5: expression in go must be function call",
            "a.go:15:8: defer discards result of cap(s) (value of type int)",
        ];
        assert_eq!(check_source(src), want);
    }

    #[test]
    #[ignore = "needs expr, typexpr and decl"]
    fn switch() {
        let src = r#"package p

type I interface{ M() }
type T struct{}

func (T) M() {}

func _(x int, i I, e interface{}, f func()) {
	switch x {
	case 1, 2, 1:
	case "a":
	case 2:
	}
	switch {
	case 1:
	case x > 1:
	}
	switch {
	default:
	default:
	}
	switch f {
	}
	switch x := x; x {
	case 3:
	}
	switch y := i.(type) {
	case int:
	case string, int:
	case T:
	case nil:
	case nil:
	}
	switch _ := i.(type) {
	}
	switch x.(type) {
	}
	switch z := e.(type) {
	case int:
		_ = z + 1
	case string:
	}
	switch e.(type) {
	case int, int:
	}
	switch s := "a"; s {
	case "a", "b", "a":
	}
}
"#;
        let want: &[&str] = &[
            "a.go:10:13: duplicate case 1 (constant of type int) in expression switch\n\ta.go:10:7: previous case",
            "a.go:11:7: cannot convert \"a\" (untyped string constant) to type int",
            "a.go:12:7: duplicate case 2 (constant of type int) in expression switch\n\ta.go:10:10: previous case",
            "a.go:15:7: cannot convert 1 (untyped int constant) to type bool",
            "a.go:20:2: multiple defaults (first at a.go:19:2)",
            "a.go:27:9: y declared and not used",
            "a.go:28:7: impossible type switch case: int\n\ti (variable of interface type I) cannot have dynamic type int (missing method M)",
            "a.go:29:7: impossible type switch case: string\n\ti (variable of interface type I) cannot have dynamic type string (missing method M)",
            "a.go:29:15: duplicate case int in type switch\n\ta.go:28:7: previous case",
            "a.go:32:7: duplicate case nil in type switch\n\ta.go:31:7: previous case",
            "a.go:34:9: no new variable on left side of :=",
            "a.go:36:9: x (variable of type int) is not an interface",
            "a.go:44:12: duplicate case int in type switch\n\ta.go:44:7: previous case",
            "a.go:47:17: duplicate case \"a\" (constant of type string) in expression switch\n\ta.go:47:7: previous case",
        ];
        assert_eq!(check_source(src), want);
    }

    #[test]
    #[ignore = "needs expr, typexpr and decl"]
    fn selects() {
        let src = r#"package p

func _(c chan int, x int) {
	select {
	case x > 1:
	case c <- 1:
	case v := <-c:
		_ = v
	case <-c:
	case v, ok := <-c:
		_, _ = v, ok
	default:
	}
	select {
	default:
	default:
	}
}
"#;
        let want: &[&str] = &[
            "a.go:5:9: select case must be send or receive (possibly with assignment)",
            "a.go:16:2: multiple defaults (first at a.go:15:2)",
        ];
        assert_eq!(check_source(src), want);
    }

    #[test]
    #[ignore = "needs expr, typexpr and decl"]
    fn ranges() {
        let src = r#"package p

type S struct{ f int }

func _() {
	var x int
	for i, j := range x {
		_, _ = i, j
	}
	for range 1.5 {
	}
	for i := range 10 {
		_ = i
	}
	var m map[string]S
	for a, b, c := range m {
	}
	ch := make(chan<- int)
	for range ch {
	}
	var rc <-chan int
	for v := range rc {
		_ = v
	}
	for k, v := range rc {
		_, _ = k, v
	}
	var s string
	for _ := range s {
	}
	for i, r := range s {
		var b byte = r
		_, _ = i, b
	}
	var arr [3]int
	for i, v := range &arr {
		_, _ = i, v
	}
	var sl []string
	for i, v := range sl {
		var n int = v
		_, _ = i, n
	}
	var y string
	for y = range sl {
	}
	for x, y = range m {
	}
	var p *int
	for range p {
	}
	var f func(yield func(int, string) bool)
	for k, v := range f {
		_, _ = k, v
	}
	var g func(int)
	for range g {
	}
	var h func(yield func(int) int)
	for range h {
	}
	for i := range 1 << 70 {
		_ = i
	}
	var fl float64
	for fl = range 10 {
	}
}
"#;
        let want: &[&str] = &[
            "a.go:7:9: range over x (variable of type int) permits only one iteration variable",
            "a.go:10:12: cannot range over 1.5 (untyped float constant)",
            "a.go:16:6: declared and not used: a",
            "a.go:16:9: declared and not used: b",
            "a.go:16:12: range clause permits at most two iteration variables",
            "a.go:19:12: cannot range over ch (variable of type chan<- int): receive from send-only channel chan<- int",
            "a.go:25:9: range over rc (variable of type <-chan int) permits only one iteration variable",
            "a.go:29:2: no new variables on left side of :=",
            "a.go:32:16: cannot use r (variable of type rune) as byte value in variable declaration",
            "a.go:41:15: cannot use v (variable of type string) as int value in variable declaration",
            "a.go:44:6: declared and not used: y",
            "a.go:45:6: cannot use y (value of type int) as string value in assignment",
            "a.go:47:6: cannot use x (value of type string) as int value in assignment",
            "a.go:47:9: cannot use y (value of struct type S) as string value in assignment",
            "a.go:50:12: cannot range over p (variable of type *int)",
            "a.go:57:12: cannot range over g (variable of type func(int)): func must be func(yield func(...) bool): argument is not func",
            "a.go:60:12: cannot range over h (variable of type func(yield func(int) int)): func must be func(yield func(...) bool): yield func does not return bool",
            "a.go:62:17: cannot use 1 << 70 (untyped int constant 1180591620717411303424) as int value in range clause (overflows)",
            "a.go:65:6: declared and not used: fl",
            "a.go:66:6: cannot use iteration variable of type float64",
        ];
        assert_eq!(check_source(src), want);
    }

    #[test]
    #[ignore = "needs expr, typexpr and decl"]
    fn conds() {
        let src = r#"package p

func _(x int, b bool) {
	for x {
	}
	if x {
	}
	for i := 0; i < 10; i++ {
	}
	if y := x; y > 0 {
	} else if z := y; z < 0 {
	} else {
		_ = z
	}
	for b {
	}
	if !b {
	}
	x++
	b++
	var f float64
	f--
	var c chan int
	c <- 1
	c <- "a"
	x <- 1
	var rc <-chan int
	rc <- 1
}
"#;
        let want: &[&str] = &[
            "a.go:4:6: non-boolean condition in for statement",
            "a.go:6:5: non-boolean condition in if statement",
            "a.go:20:2: invalid operation: b++ (non-numeric type bool)",
            "a.go:25:7: cannot use \"a\" (untyped string constant) as int value in send",
            "a.go:26:2: invalid operation: cannot send to non-channel int x (variable of type int)",
            "a.go:28:2: invalid operation: cannot send to receive-only channel <-chan int rc (variable of type <-chan int)",
        ];
        assert_eq!(check_source(src), want);
    }
}
