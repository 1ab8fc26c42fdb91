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
use crate::operand::{composite_kind, Mode, Operand};
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

/// A case value as gc compares duplicates in an expression switch: an
/// integer, an exactly representable float or a string (other constants
/// are not compared).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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
}

/// The case values seen so far in an expression switch: by value, the
/// types and positions they were seen with.
type SeenVals = std::collections::HashMap<SeenVal, Vec<(TypeId, Pos)>>;

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
        let mut env: Env = self.env.clone();
        env.file = file;
        env.scope = scope;
        env.decl = decl;
        env.iota = iota;
        env.sig = Some(sig);
        env.in_tparam_list = false;
        env.has_label = false;
        env.has_call_or_recv = false;
        let saved = std::mem::replace(&mut self.env, env);
        let first_scope = self.store.arena.scopes.len();
        if scope.pkg == self.pkg() {
            self.store.arena.scope_mut(scope).is_func = true;
        }

        self.stmt_list(&body.stmts);

        if !self.stmt_result_vars(Some(sig)).is_empty() {
            let terminating = {
                let is_panic = |e: &Expr| self.stmt_is_panic(e);
                crate::returns::is_terminating_list(&body.stmts, &is_panic)
            };
            if !terminating {
                self.errorf(body.rbrace, "missing return");
            }
        }

        self.stmt_usage(scope, first_scope);
        self.env = saved;
    }

    /// Whether `e` (a call) calls the predeclared `panic`.
    fn stmt_is_panic(&self, e: &Expr) -> bool {
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
    fn stmt_usage(&mut self, fscope: ScopeId, first: usize) {
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
    pub(crate) fn stmt_result_vars(&self, sig: Option<TypeId>) -> Vec<ObjId> {
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

    fn stmt_block(&mut self, b: &'a ast::Block, comment: &'static str) {
        self.open_scope(b.pos, b.rbrace.offset_by(1), comment);
        self.stmt_list(&b.stmts);
        self.close_scope();
    }

    /// Checks one statement (types2's stmt); function literals met in it
    /// are checked at its end, before scopes change.
    fn stmt(&mut self, s: &'a Stmt) {
        let top = self.later.len();
        self.nested(|c| c.stmt_inner(s));
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
                if let Some(elem) = self.stmt_chan_elem(stmt_start(s), &ch_x, false) {
                    self.assignment(&mut val, Some(elem), "send");
                }
            }
            StmtKind::Assign(op, lhs, rhs) => self.assign_stmt(s, *op, lhs, rhs),
            StmtKind::Call(tok, call) => {
                let kw = if *tok == Token::Go { "go" } else { "defer" };
                self.suspended_call(kw, call);
            }
            StmtKind::Return(results) => self.return_stmt(s, results),
            StmtKind::Block(b) => self.stmt_block(b, "block"),
            StmtKind::If(i) => {
                self.open_scope(s.pos, i.then.rbrace.offset_by(1), "if");
                self.simple_stmt(i.init.as_ref());
                let x = self.expr(None, &i.cond);
                if x.is_valid() && !self.stmt_all_basic(x.typ, |t| is_boolean(&self.store, t)) {
                    self.errorf(i.cond.start_pos(), "non-boolean condition in if statement");
                }
                self.stmt_block(&i.then, "block");
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
                    Some((_, ExprKind::TypeSwitchGuard(lhs, x))) => {
                        self.type_switch_stmt(sw, *lhs, x)
                    }
                    _ => self.switch_stmt(sw),
                }
                self.close_scope();
            }
            StmtKind::Select(sel) => self.select_stmt(sel),
            // A range clause only appears as a for header.
            StmtKind::Range(r) => {
                let _ = self.assign_use(std::slice::from_ref(&r.x));
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
                if self.stmt_expr_kind(e, &x) == ExprKindOf::Statement {
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
    fn stmt_expr_kind(&self, e: &Expr, x: &Operand) -> ExprKindOf {
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
                let fun_mode = recorded.or_else(|| self.stmt_fun_mode(c.fun.unparen()));
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
    fn stmt_fun_mode(&self, fun: &Expr) -> Option<Mode> {
        let obj = match &fun.kind {
            ExprKind::Name(n) => match self.info.uses.get(&self.key(fun)) {
                Some(&o) => o,
                None => self.lookup(*n)?.1,
            },
            ExprKind::Selector(..) => *self.info.uses.get(&self.key(fun))?,
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
                if !self.stmt_all_basic(x.typ, |t| is_numeric(&self.store, t)) {
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
            let _ = self.assign_use(std::slice::from_ref(call));
            return;
        }
        let x = self.raw_expr(None, call, None, false);
        if x.mode == Mode::Invalid {
            return;
        }
        let msg = match self.stmt_expr_kind(call, &x) {
            ExprKindOf::Conversion => "requires function call, not conversion",
            ExprKindOf::Expression => "discards result of",
            ExprKindOf::Statement => return,
        };
        let m = format!("{kw} {msg} {}", self.op_str(&x));
        self.errorf(op_pos(&x, call.start_pos()), m);
    }

    fn return_stmt(&mut self, s: &'a Stmt, results: &'a [Expr]) {
        let res = self.stmt_result_vars(self.env.sig);
        let named = res
            .first()
            .is_some_and(|&r| !self.store.obj(r).name.is_empty());
        if results.is_empty() && named {
            for &r in &res {
                let name = self.store.obj(r).name;
                if let Some((_, alt)) = self.lookup(name) {
                    if alt != r {
                        let desc = self.stmt_obj_string(r);
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
    pub(crate) fn stmt_obj_string(&self, o: ObjId) -> String {
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
            if x.is_valid() && !self.stmt_all_basic(x.typ, |t| is_boolean(&self.store, t)) {
                self.errorf(c.start_pos(), "non-boolean condition in for statement");
            }
        }
        self.simple_stmt(f.post.as_ref());
        // A short variable declaration as post statement was reported by
        // the parser; its variables count as used.
        if let Some(Stmt {
            kind: StmtKind::Assign(ast::AssignOp::Define, lhs, _),
            ..
        }) = &f.post
        {
            let _ = self.assign_use(lhs);
        }
        self.stmt_block(&f.body, "block");
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
                    let obj = self.stmt_new_var(l.pos, name, None);
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
                    self.errorf(
                        l.start_pos(),
                        format!("invalid syntax tree: cannot declare {}", expr_string(l)),
                    );
                    self.stmt_new_var(l.pos, ast::sym("_"), None)
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

        self.stmt_block(&f.body, "block");
        self.close_scope();
    }

    /// The key and value types of a range over a value of type `orig`
    /// (`None`: no such iteration variable), or why it cannot be ranged
    /// over (types2's rangeKeyVal).
    fn range_key_val(&self, orig: TypeId) -> Result<(Option<TypeId>, Option<TypeId>), String> {
        let s = &self.store;
        let rtyp = self.common_underlying(orig, |_, t, u| {
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
                let params = self.stmt_tuple_vars(sig.params);
                let results = self.stmt_tuple_vars(sig.results);
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
                let cb = match self.common_underlying(pt, |_, _, _| None) {
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
                let cparams = self.stmt_tuple_vars(cb.params);
                let cresults = self.stmt_tuple_vars(cb.results);
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

    fn stmt_tuple_vars(&self, t: TypeId) -> Vec<ObjId> {
        match self.store.ty(t) {
            Type::Tuple(vs) => vs.clone(),
            _ => Vec::new(),
        }
    }

    /// The element type of channel operand `x` for a send (or receive),
    /// or `None` after reporting why it is not a channel (types2's
    /// chanElem).
    pub(crate) fn stmt_chan_elem(
        &mut self,
        pos: Pos,
        x: &Operand<'a>,
        recv: bool,
    ) -> Option<TypeId> {
        let res = self.common_underlying(x.typ, |_, t, u| {
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
    fn stmt_all_basic(&self, t: TypeId, pred: impl Fn(TypeId) -> bool) -> bool {
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
                && !self.stmt_has_nil(x.typ)
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
        self.stmt_multiple_defaults(sw.body.iter().map(|c| (c.pos, c.cases.is_none())));
        let mut seen = SeenVals::new();
        for (i, clause) in sw.body.iter().enumerate() {
            if let Some(cases) = &clause.cases {
                self.stmt_case_values(&x, tagless, cases, &mut seen);
            }
            let end = sw.body.get(i + 1).map_or(sw.rbrace, |n| n.pos);
            self.open_scope(clause.pos, end, "case");
            self.stmt_list(&clause.body);
            self.close_scope();
        }
    }

    pub(crate) fn stmt_has_nil(&self, t: TypeId) -> bool {
        let s = &self.store;
        if is_type_param(s, t) {
            let ts = type_set(s, t);
            return !ts.terms.is_all()
                && !ts.terms.is_empty()
                && ts.terms.0.iter().all(|term| match term {
                    TypeTerm::Type { typ, .. } => has_nil(s, *typ),
                    TypeTerm::All => false,
                });
        }
        has_nil(s, t)
    }

    fn stmt_multiple_defaults(&mut self, clauses: impl Iterator<Item = (Pos, bool)>) {
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

    fn stmt_case_values(
        &mut self,
        x: &Operand<'a>,
        tagless: bool,
        values: &'a [Expr],
        seen: &mut SeenVals,
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
            if !self.stmt_case_comparison(&v, x, tagless) {
                continue;
            }
            if v.mode != Mode::Constant {
                continue;
            }
            let Some(val) = v.val.as_ref().and_then(SeenVal::of) else {
                continue;
            };
            let vpos = op_pos(&v, e.start_pos());
            let dup = seen.get(&val).and_then(|ts| {
                ts.iter()
                    .find(|(t, _)| identical(&self.store, v.typ, *t))
                    .map(|p| p.1)
            });
            if let Some(prev) = dup {
                let err = TypeError::new(
                    vpos,
                    format!("duplicate case {} in expression switch", self.op_str(&v)),
                )
                .with(prev, "previous case");
                self.error(err);
                continue;
            }
            // gc remembers the case's own position (the `(` of a call),
            // not its start.
            seen.entry(val)
                .or_default()
                .push((v.typ, v.expr.map_or(vpos, |e| e.pos)));
        }
    }

    /// Checks that case value `v` can be compared with the switch tag `x`
    /// (types2's comparison for switch cases); reports and returns false
    /// if not.
    fn stmt_case_comparison(&mut self, v: &Operand<'a>, x: &Operand<'a>, tagless: bool) -> bool {
        let s = &self.store;
        if v.typ == universe::INVALID || x.typ == universe::INVALID {
            return false;
        }
        let q = self.qualifier();
        let assignable = crate::assignable::assignable_to(s, &q, v, x.typ).is_ok()
            || crate::assignable::assignable_to(s, &q, x, v.typ).is_ok();
        // The operand the error is about (`v` or the tag `x`) and why.
        let mut cause = String::new();
        let mut err_is_v = true;
        let ok = if !assignable {
            err_is_v = false;
            cause = format!(
                "mismatched types {} and {}",
                self.type_str(v.typ),
                self.type_str(x.typ)
            );
            false
        } else if v.mode == Mode::NilValue || x.mode == Mode::NilValue {
            err_is_v = false;
            let t = if v.mode == Mode::NilValue {
                x.typ
            } else {
                v.typ
            };
            self.stmt_has_nil(t)
        } else if !crate::assignable::comparable(s, v.typ, true) {
            cause = self.stmt_incomparable_cause(v.typ);
            false
        } else if !crate::assignable::comparable(s, x.typ, true) {
            err_is_v = false;
            cause = self.stmt_incomparable_cause(x.typ);
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
            let (vp, xp) = (
                is_type_param(&self.store, v.typ),
                is_type_param(&self.store, x.typ),
            );
            if vp || xp {
                if !vp {
                    err_is_v = false;
                }
                let t = if err_is_v { v.typ } else { x.typ };
                cause = format!("type parameter {} cannot use operator ==", self.type_str(t));
            } else {
                let err_t = if err_is_v { v.typ } else { x.typ };
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

    fn stmt_incomparable_cause(&self, t: TypeId) -> String {
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

    fn type_switch_stmt(&mut self, sw: &'a ast::SwitchStmt, lhs: Option<ast::Name>, gx: &'a Expr) {
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
        self.stmt_multiple_defaults(sw.body.iter().map(|c| (c.pos, c.cases.is_none())));

        let mut lhs_vars = Vec::new();
        let mut seen: Vec<(Option<TypeId>, &'a Expr)> = Vec::new();
        for (i, clause) in sw.body.iter().enumerate() {
            let cases: &'a [Expr] = clause.cases.as_deref().unwrap_or(&[]);
            let t = self.stmt_case_types(sx.as_ref(), cases, &mut seen);
            let end = sw.body.get(i + 1).map_or(sw.rbrace, |n| n.pos);
            self.open_scope(clause.pos, end, "case");
            if let Some(l) = lhs {
                let obj = self.stmt_new_var(l.pos, l.value, Some(t));
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
    fn stmt_is_nil(&self, e: &Expr) -> bool {
        match e.unparen().kind {
            ExprKind::Name(n) => self
                .lookup(n)
                .is_some_and(|(_, o)| matches!(self.store.obj(o).kind, ObjKind::Nil)),
            _ => false,
        }
    }

    /// Checks the types of a type switch case (types2's caseTypes) and
    /// returns the type of the clause's implicit variable.
    fn stmt_case_types(
        &mut self,
        x: Option<&Operand<'a>>,
        types: &'a [Expr],
        seen: &mut Vec<(Option<TypeId>, &'a Expr)>,
    ) -> TypeId {
        let mut t: Option<TypeId> = None;
        'outer: for e in types {
            if self.stmt_is_nil(e) {
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
                self.stmt_type_switch_case(e, x, ty);
            }
        }
        if types.len() != 1 || t.is_none() {
            return x.map_or(universe::INVALID, |x| x.typ);
        }
        t.unwrap_or(universe::INVALID)
    }

    /// Reports a case type that the switch expression can never have.
    fn stmt_type_switch_case(&mut self, e: &'a Expr, x: &Operand<'a>, t: TypeId) {
        if is_interface(&self.store, t) {
            return;
        }
        let q = self.qualifier();
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
        self.stmt_multiple_defaults(sel.body.iter().map(|c| (c.pos, c.comm.is_none())));
        for (i, clause) in sel.body.iter().enumerate() {
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
            let end = sel.body.get(i + 1).map_or(sel.rbrace, |n| n.pos);
            self.open_scope(clause.pos, end, "case");
            if let Some(c) = &clause.comm {
                self.stmt(c);
            }
            self.stmt_list(&clause.body);
            self.close_scope();
        }
    }

    /// A new local variable (not yet declared in a scope).
    pub(crate) fn stmt_new_var(
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
            // Names left undefined on purpose once identifiers resolve.
            .filter(|e| !e.contains("undefined: "))
            .collect()
    }

    #[test]
    fn deeply_nested_statements() {
        let depth = 990;
        let mut src = String::from("package p\nfunc f() {\n");
        for _ in 0..depth {
            src.push_str("if true {\n");
        }
        src.push_str("x := 1\n");
        for _ in 0..depth {
            src.push_str("}\n");
        }
        src.push_str("}\n");
        let errs = body_errors(&src, &[]);
        assert_eq!(
            errs,
            [format!("a.go:{}:1: declared and not used: x", depth + 3)]
        );
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

    #[test]
    fn misc_assignments() {
        let src = r#"package p

type T struct{ x int }

func g() T      { return T{} }
func h() *T     { return nil }
func two() (int, bool) { return 0, false }

func _() {
	f := func() { f() }
	s := "abc"
	s[0] = 'a'
	g().x = 1
	h().x = 1
	m := map[string]int{}
	m["a"]++
	m["b"] += 2
	v, ok := m["a"]
	_, _ = v, ok
	var i interface{} = 1
	n, ok2 := i.(int)
	_, _ = n, ok2
	c := make(chan int)
	r, ok3 := <-c
	_, _ = r, ok3
	a, b := 1, 2
	a, b = b, a
	var arr [3]int
	arr[5] = 1
	var p *int
	*p = 1
	(a) = 3
	_ = i.(type)
	x, y := two()
	_ = x
	const k = 10
	k := 2
	_ = k
	var fn func()
	fn = nil
	_ = fn
	T{}.x = 3
}

func named() (a, b int) {
	a, b = 1, 2
	return
}

func shadow() (err error) {
	if err := g; err != nil {
		return
	}
	return nil
}
"#;
        let want: &[&str] = &[
            "a.go:10:2: declared and not used: f",
            "a.go:10:16: undefined: f",
            "a.go:12:2: cannot assign to s[0] (neither addressable nor a map index expression)",
            "a.go:13:2: cannot assign to g().x (neither addressable nor a map index expression)",
            "a.go:29:6: invalid argument: index 5 out of bounds [0:3]",
            "a.go:33:6: invalid syntax tree: use of .(type) outside type switch",
            "a.go:34:5: declared and not used: y",
            "a.go:37:2: cannot assign to k",
            "a.go:42:2: cannot assign to T{}.x (neither addressable nor a map index expression)",
            "a.go:52:3: result parameter err not in scope at return\n\ta.go:51:5: inner declaration of var err error",
        ];
        assert_eq!(check_source(src), want);
    }

    #[test]
    fn ranges_more() {
        let src = r#"package p

type MyInt int

func _() {
	for i := range MyInt(3) {
		var _ MyInt = i
	}
	const c = 5
	for i := range c {
		var _ int = i
	}
	var u8 uint8
	for i := range u8 {
		var _ uint8 = i
	}
	for i, c := range "héllo" {
		_, _ = i, c
	}
	var seq func(func(string) bool)
	for s := range seq {
		var _ int = s
	}
	for range seq {
	}
	var seq0 func(func() bool)
	for x := range seq0 {
		_ = x
	}
	var bad func(func(int, int, int) bool)
	for range bad {
	}
	var badv func(func(...int) bool)
	for range badv {
	}
	var ch chan int
	for a, b := range ch {
		_, _ = a, b
	}
	var pa *[4]string
	for i, s := range pa {
		_, _ = i, s
	}
	for i := range pa {
		_ = i
	}
	var ps *[]int
	for range ps {
	}
	var f float64
	for range f {
	}
	for i := range 10.0 {
		_ = i
	}
	var k, v int
	for k, v = range []string{} {
	}
	_, _ = k, v
	for k = range 3.5 {
	}
	for 1 = range []int{} {
	}
}
"#;
        let want: &[&str] = &[
            "a.go:22:15: cannot use s (variable of type string) as int value in variable declaration",
            "a.go:27:6: range over seq0 (variable of type func(func() bool)) permits no iteration variables",
            "a.go:31:12: cannot range over bad (variable of type func(func(int, int, int) bool)): func must be func(yield func(...) bool): yield func has too many parameters",
            "a.go:34:12: cannot range over badv (variable of type func(func(...int) bool)): yield func of type func(...int) bool cannot be variadic",
            "a.go:37:9: range over ch (variable of type chan int) permits only one iteration variable",
            "a.go:48:12: cannot range over ps (variable of type *[]int)",
            "a.go:51:12: cannot range over f (variable of type float64)",
            "a.go:53:17: cannot range over 10.0 (untyped float constant 10)",
            "a.go:57:9: cannot use v (value of type string) as int value in assignment",
            "a.go:60:16: cannot range over 3.5 (untyped float constant)",
            "a.go:62:6: cannot assign to 1 (neither addressable nor a map index expression)",
        ];
        assert_eq!(check_source(src), want);
    }

    #[test]
    fn generic_statements() {
        let src = r#"package p

type Number interface{ ~int | ~float64 }

func sum[T Number](xs []T) (s T) {
	for _, x := range xs {
		s += x
	}
	return
}

func _[T any](x T) {
	switch x.(type) {
	}
	for range x {
	}
}

func _[C ~chan int | ~chan<- int](c C) {
	c <- 1
	for range c {
	}
}

func _[S ~[]int | ~[]string](s S) {
	for range s {
	}
}

func _[T ~int | ~int8](x T) {
	for i := range x {
		var _ T = i
	}
	x++
	switch x {
	case 1:
	case 300:
	}
}

func _[P *int | *float64](p P) {
	var _ P = nil
}
"#;
        let want: &[&str] = &[
            "a.go:13:9: cannot use type switch on type parameter value x (variable of type T constrained by any)",
            "a.go:15:12: cannot range over x (variable of type T constrained by any): no specific type",
            "a.go:21:12: cannot range over c (variable of type C constrained by ~chan int | ~chan<- int): receive from send-only channel chan<- int",
            "a.go:26:12: cannot range over s (variable of type S constrained by ~[]int | ~[]string): []int and []string have different underlying types",
            "a.go:31:17: cannot range over x (variable of type T constrained by ~int | ~int8): int and int8 have different underlying types",
            "a.go:37:7: cannot convert 300 (untyped int constant) to type T",
        ];
        assert_eq!(check_source(src), want);
    }

    #[test]
    fn switch_cases_more() {
        let src = r#"package p

type I interface{ M() }
type J interface{ N() }
type T int

func (T) M() {}

type S struct{ a []int }

func _(x int, y string, e interface{}, i I, s S, f func(), sl []int) {
	switch x {
	case y:
	}
	switch e {
	case sl:
	case 1, 1:
	case int8(1), int16(1), int8(1):
	case "a", "a":
	case 1.5, 1.5:
	case nil:
	}
	switch s {
	}
	switch sl {
	case nil:
	case sl:
	}
	switch f {
	case nil:
	case f:
	}
	switch x := 5; {
	case x > 1:
	}
	switch i.(type) {
	case T, *T:
	case J:
	case S:
	case undefinedType:
	}
	switch t := e.(type) {
	case int, string:
		var _ int = t
	case nil:
		var _ int = t
	case []int:
		_ = t[0]
	}
	switch x {
	case 1 << 70:
	}
	var u8 uint8
	switch u8 {
	case 256, -1:
	}
	switch {
	case true, false, true:
	}
	switch 1 {
	case 1, 2:
	}
	switch nil {
	}
	switch s.a {
	}
	switch x.(type) {
	}
}
"#;
        let want: &[&str] = &[
            "a.go:13:7: invalid case y in switch on x (mismatched types string and int)",
            "a.go:16:7: invalid case sl in switch on e (slice can only be compared to nil)",
            "a.go:17:10: duplicate case 1 (constant of type int) in expression switch\n\ta.go:17:7: previous case",
            "a.go:18:26: duplicate case int8(1) (constant 1 of type int8) in expression switch\n\ta.go:18:11: previous case",
            "a.go:19:12: duplicate case \"a\" (constant of type string) in expression switch\n\ta.go:19:7: previous case",
            "a.go:20:12: duplicate case 1.5 (constant of type float64) in expression switch\n\ta.go:20:7: previous case",
            "a.go:23:9: cannot switch on s (variable of struct type S) (S is not comparable)",
            "a.go:27:7: invalid case sl in switch on sl (slice can only be compared to nil)",
            "a.go:31:7: invalid case f in switch on f (func can only be compared to nil)",
            "a.go:39:7: impossible type switch case: S\n\ti (variable of interface type I) cannot have dynamic type S (missing method M)",
            "a.go:40:7: undefined: undefinedType",
            "a.go:44:15: cannot use t (variable of type interface{}) as int value in variable declaration: need type assertion",
            "a.go:46:15: cannot use t (variable of type interface{}) as int value in variable declaration: need type assertion",
            "a.go:51:7: 1 << 70 (untyped int constant 1180591620717411303424) overflows int",
            "a.go:55:7: 256 (untyped int constant) overflows uint8",
            "a.go:55:12: -1 (untyped int constant) overflows uint8",
            "a.go:63:9: use of untyped nil in switch expression",
            "a.go:67:9: x (variable of type int) is not an interface",
        ];
        assert_eq!(check_source(src), want);
    }

    #[test]
    fn unused_more() {
        let src = r#"package p

func _() {
	var a, b = 1, 2
	_ = a
	var (
		c int
		d = 3
	)
	d = 4
	e := []int{}
	e[0] = 1
	var p *struct{ f int }
	p.f = 1
	var m map[int]int
	m[1] = 2
	var q struct{ f int }
	q.f = 1
	var z int
	_ = func() { z = 1 }
	var w int
	go func() { _ = w }()
	var arr [2]int
	arr[0] = 1
	var y int
	y, _ = 1, 2
	var ptr *int
	*ptr = 1
	for i := 0; i < 3; {
	}
	for j := range 3 {
	}
	for k, v := range []int{} {
		_ = k
	}
	if x := 1; true {
	}
	switch s := 1; {
	}
	select {
	case r := <-make(chan int):
	}
	var ch chan int
	ch <- 1
}
"#;
        let want: &[&str] = &[
            "a.go:4:9: declared and not used: b",
            "a.go:7:3: declared and not used: c",
            "a.go:8:3: declared and not used: d",
            "a.go:19:6: declared and not used: z",
            "a.go:25:6: declared and not used: y",
            "a.go:31:6: declared and not used: j",
            "a.go:33:9: declared and not used: v",
            "a.go:36:5: declared and not used: x",
            "a.go:38:9: declared and not used: s",
            "a.go:41:7: declared and not used: r",
        ];
        assert_eq!(check_source(src), want);
    }

    #[test]
    fn returns_more() {
        let src = r#"package p

type E struct{}

func (E) Error() string { return "" }

func f1() (int, error) {
	return 0, E{}
}

func f2() (int, error) {
	return 0, &E{}
}

func f3() error {
	return nil
}

func f4() (x int, err error) {
	x, err = f1()
	return
}

func f5() (int, string) {
	return f1()
}

func f6() {
	return f3()
}

func f7() int {
	for {
		select {}
	}
}

func f8(c chan int) int {
	select {
	case <-c:
		return 1
	default:
		panic(0)
	}
}

func f9(x int) int {
L:
	for {
		switch x {
		case 1:
			break L
		}
	}
}

func f10(x int) int {
	goto L
L:
	return 0
}

func f11(x int) (r int) {
	defer func() { r = 1 }()
	return 2
}

func f12() func() int {
	return func() int {
		return "a"
	}
}

func f13(x interface{}) int {
	switch x.(type) {
	case int:
		return 1
	default:
		return 2
	}
}

func f14() (a, b int) {
	return 1
}

func f15() (_ int) {
	return
}

func f16() (x, y int) {
	{
		var y string
		_ = y
		return
	}
}

func f17() int {
	return nil
}

func f18() *int {
	return nil
}

func f19(c chan int) int {
	for range c {
		return 1
	}
}

func f20() (int, int) {
	return 1, 2, 3
}
"#;
        let want: &[&str] = &[
            "a.go:25:9: cannot use 2nd function result (value of interface type error) as string value in return statement",
            "a.go:29:9: too many return values\n\thave (error)\n\twant ()",
            "a.go:55:1: missing return",
            "a.go:70:10: cannot use \"a\" (untyped string constant) as int value in return statement",
            "a.go:84:9: not enough return values\n\thave (number)\n\twant (int, int)",
            "a.go:95:3: result parameter y not in scope at return\n\ta.go:93:7: inner declaration of var y int",
            "a.go:100:9: cannot use nil as int value in return statement",
            "a.go:111:1: missing return",
            "a.go:114:15: too many return values\n\thave (number, number, number)\n\twant (int, int)",
        ];
        assert_eq!(check_source(src), want);
    }

    #[test]
    fn selects_more() {
        let src = r#"package p

func g() int { return 0 }

func _(c chan int, s chan<- int) {
	var x int
	var ok bool
	select {
	case x = <-c:
	case x, ok = <-c:
	case g():
	case s <- "a":
	case <-s:
	case x := <-c + 1:
		_ = x
	case c <- x:
	}
	_, _ = x, ok
	select {
	case y, z := <-c:
		_ = y
	}
}
"#;
        let want: &[&str] = &[
            "a.go:11:8: select case must be send or receive (possibly with assignment)",
            "a.go:12:12: cannot use \"a\" (untyped string constant) as int value in send",
            "a.go:13:9: invalid operation: cannot receive from send-only channel chan<- int s (variable of type chan<- int)",
            "a.go:14:7: select case must be send or receive (possibly with assignment)",
            "a.go:20:10: declared and not used: z",
        ];
        assert_eq!(check_source(src), want);
    }

    #[test]
    fn go_defer_more() {
        let src = r#"package p

type T struct{}

func (T) M() int { return 0 }
func (*T) P()    {}

func gen[X any](x X) X { return x }

func _(t T, s []int, m map[int]int, c chan int) {
	go t.M()
	defer t.P()
	defer gen(1)
	go gen[int]
	defer delete(m, 1)
	defer append(s, 1)
	go new(int)
	defer min(1, 2)
	defer panic("x")
	defer print(1)
	go func() {}()
	defer func() int { return 0 }()
	defer (func())(nil)
	defer clear(m)
	go close(c)
	defer make([]int, 1)
	defer copy(s, s)
	defer cap(s)
	defer T.M(t)
	defer []int(nil)
	defer recover()
	defer undefined()
}
"#;
        let want: &[&str] = &[
            "a.go:14:5: expression in go must be function call",
            "a.go:16:8: defer discards result of append(s, 1) (value of type []int)",
            "a.go:17:5: go discards result of new(int) (value of type *int)",
            "a.go:18:8: defer discards result of min(1, 2) (untyped int constant 1)",
            "a.go:23:8: defer requires function call, not conversion (func())(nil) (value of type func())",
            "a.go:26:8: defer discards result of make([]int, 1) (value of type []int)",
            "a.go:28:8: defer discards result of cap(s) (value of type int)",
            "a.go:30:8: defer requires function call, not conversion []int(nil) (value of type []int)",
            "a.go:32:8: undefined: undefined",
        ];
        assert_eq!(check_source(src), want);
    }

    #[test]
    fn no_follow_on_errors() {
        let src = r#"package p

func _() {
	var x undefinedT
	for range x {
	}
	x
	switch x {
	case 1:
	}
	var y = x
	y = 1
	_ = y
	x++
	x += 1
	x = 2
	defer x()
	z := x
	_ = z
	return x
}

func _() int {
	var u undefinedU
	return u
}
"#;
        let want: &[&str] = &[
            "a.go:4:8: undefined: undefinedT",
            "a.go:24:8: undefined: undefinedU",
        ];
        assert_eq!(check_source(src), want);
    }

    #[test]
    fn switch_incomparable_cases() {
        let src = r#"package p

func _[T any, C comparable, S ~[]int](t T, c C, s S, i interface{}) {
	switch t {
	}
	switch c {
	case c:
	}
	switch i {
	case t:
	case c:
	case s:
	}
	switch s {
	case nil:
	case s:
	}
	var m map[int]int
	switch i {
	case m:
	}
	type St struct{ f []int }
	switch i {
	case St{}:
	}
	var a [2][]int
	switch i {
	case a:
	}
}
"#;
        let want: &[&str] = &[
            "a.go:4:9: cannot switch on t (variable of type T constrained by any) (T is not comparable)",
            "a.go:10:7: invalid case t in switch on i (incomparable types in type set)",
            "a.go:12:7: invalid case s in switch on i (incomparable types in type set)",
            "a.go:16:7: invalid case s in switch on s (incomparable types in type set)",
            "a.go:20:7: invalid case m in switch on i (map can only be compared to nil)",
            "a.go:24:7: invalid case St{} in switch on i (struct containing []int cannot be compared)",
            "a.go:28:7: invalid case a in switch on i ([2][]int cannot be compared)",
        ];
        assert_eq!(check_source(src), want);
    }

    /// Range over integers needs go1.22, over functions go1.23 (gc's
    /// driver appends "(-lang was set to go1.21; check go.mod)" to these
    /// messages when it prints them; the checker's wording is types2's).
    #[test]
    fn range_version_gating() {
        let src = "package p

func _() {
	for range 10 {
	}
	var f func(func(int) bool)
	for x := range f {
		_ = x
	}
	for i := range 3.5 {
		_ = i
	}
}
";
        let check_src = crate::testutil::check_source_lang;
        let check = |minor: u32| check_src(src, minor);
        assert_eq!(
            check(21),
            [
                "a.go:4:12: cannot range over 10 (untyped int constant): requires go1.22 or later",
                "a.go:7:17: cannot range over f (variable of type func(func(int) bool)): requires go1.23 or later",
                "a.go:10:17: cannot range over 3.5 (untyped float constant)",
            ]
        );
        assert_eq!(
            check(22),
            [
                "a.go:7:17: cannot range over f (variable of type func(func(int) bool)): requires go1.23 or later",
                "a.go:10:17: cannot range over 3.5 (untyped float constant)",
            ]
        );
        // A file's //go:build version, at least go1.21, overrides the
        // package's.
        let upgraded = format!("//go:build go1.22\n\n{src}");
        assert_eq!(
            check_src(&upgraded, 21),
            [
                "a.go:9:17: cannot range over f (variable of type func(func(int) bool)): requires go1.23 or later",
                "a.go:12:17: cannot range over 3.5 (untyped float constant)",
            ]
        );
        let downgraded = format!("//go:build go1.20\n\n{src}");
        assert_eq!(check_src(&downgraded, 23).len(), 3);
    }

    #[test]
    fn range_declares_only_names() {
        let src = r#"package p

func _() {
	var s struct{ f int }
	for s.f := range 10 {
	}
	for 1 := range 10 {
	}
}
"#;
        let want: &[&str] = &[
            "a.go:4:6: declared and not used: s",
            "a.go:5:2: no new variables on left side of :=",
            "a.go:5:6: invalid syntax tree: cannot declare s.f",
            "a.go:7:2: no new variables on left side of :=",
            "a.go:7:6: invalid syntax tree: cannot declare 1",
        ];
        assert_eq!(check_source(src), want);
    }

    /// What statements record for later stages: comma-ok pairs, the
    /// implicit variable of each type switch clause, the variables a
    /// short declaration defines (and the one it reuses), and the final
    /// type of an untyped range operand.
    #[test]
    fn statements_record_info() {
        use crate::info::ExprKey;
        use syntax::ast::{Decl, ExprKind, StmtKind};
        let src = "package p

func _(m map[string]int, e interface{}) {
	v, ok := m[\"a\"]
	v, w := 1, 2
	switch x := e.(type) {
	case int:
		_ = x
	case string, bool:
	}
	for i := range 10 {
		_ = i
	}
	_, _, _ = v, ok, w
}
";
        let fset = syntax::FileSet::new();
        let (f, errs) = syntax::parse_file(&fset, "a.go", src.as_bytes());
        assert!(errs.is_empty());
        let world = crate::arena::World::new();
        let checked = crate::check::Checker::new(
            &world,
            &fset,
            crate::testutil::P,
            "p",
            [&f],
            &crate::testutil::UnsafeOnly,
        )
        .check();
        assert!(checked.errors.is_empty(), "{:?}", checked.errors);
        let Decl::Func(fd) = &f.decls[0] else {
            panic!()
        };
        let body = &fd.body.as_ref().unwrap().stmts;
        let key = |e: &syntax::ast::Expr| ExprKey { file: 0, id: e.id };
        use crate::arena::Store;
        let info = checked.info;
        let local = crate::arena::Local {
            world: &world,
            arena: checked.arena,
        };
        let arena = &local;
        let q = crate::typestring::RelativeTo(arena, crate::testutil::P);
        let ts = |t| crate::typestring::type_string(arena, &q, t);
        // v, ok := m["a"]: the index expression produces (int, bool).
        let StmtKind::Assign(_, lhs, rhs) = &body[0].kind else {
            panic!()
        };
        let tv = info.types.get(&key(&rhs[0])).unwrap();
        assert_eq!(ts(tv.typ), "(int, bool)");
        let v = info.defs[&lhs[0].pos];
        assert_eq!(ts(arena.obj(v).typ.unwrap()), "int");
        // v, w := 1, 2 reuses v and defines w.
        let StmtKind::Assign(_, lhs, _) = &body[1].kind else {
            panic!()
        };
        assert_eq!(info.uses.get(&key(&lhs[0])), Some(&v));
        assert!(info.defs.contains_key(&lhs[1].pos));
        // One implicit x per clause: int in the single-type clause, the
        // guard's type in the other.
        let StmtKind::Switch(sw) = &body[2].kind else {
            panic!()
        };
        let types: Vec<String> = sw
            .body
            .iter()
            .map(|c| {
                let o = info.implicits[&c.pos];
                ts(arena.obj(o).typ.unwrap())
            })
            .collect();
        assert_eq!(types, ["int", "interface{}"]);
        // range 10: the constant is an int.
        let StmtKind::For(fs) = &body[3].kind else {
            panic!()
        };
        let Some(syntax::ast::Stmt {
            kind: StmtKind::Range(rc),
            ..
        }) = &fs.init
        else {
            panic!()
        };
        assert!(matches!(rc.x.kind, ExprKind::BasicLit(_)));
        let tv = info.types.get(&key(&rc.x)).unwrap();
        assert_eq!(ts(tv.typ), "int");
    }

    #[test]
    fn unused_with_invalid_types() {
        let src = r#"package p

func _() {
	x := undefinedV
	var y undefinedT
	for i := range undefinedR {
	}
	switch z := undefinedI.(type) {
	}
	a, b := undefinedF()
}
"#;
        let want: &[&str] = &[
            "a.go:4:2: declared and not used: x",
            "a.go:4:7: undefined: undefinedV",
            "a.go:5:6: declared and not used: y",
            "a.go:5:8: undefined: undefinedT",
            "a.go:6:17: undefined: undefinedR",
            "a.go:8:9: z declared and not used",
            "a.go:8:14: undefined: undefinedI",
            "a.go:10:2: declared and not used: a",
            "a.go:10:5: declared and not used: b",
            "a.go:10:10: undefined: undefinedF",
        ];
        assert_eq!(check_source(src), want);
    }

    #[test]
    fn missing_return_terminating_forms() {
        let src = r#"package p

func a(x int) int {
L:
	for {
		select {
		case <-make(chan int):
			break L
		}
	}
}

func b(x int) int {
	for {
		switch {
		case x > 0:
			break
		}
	}
}

func c(x int) int {
	{
		panic(1)
	}
}

func d(x int) int {
	if x > 0 {
		return 1
	} else if x < 0 {
		return 2
	} else {
		panic(3)
	}
}

func e(x int) int {
	switch x {
	case 1:
		return 1
	default:
		goto L
	}
L:
	return 0
}

func f(x int) int {
	(panic)(1)
}

func g(x int) int {
	for x > 0 {
	}
}

func h(x interface{}) int {
	switch x.(type) {
	case int:
		return 1
	}
}

func i(c chan int) int {
	select {
	case <-c:
		return 1
	default:
	}
}

func j() int {
L:
	goto L
}

func k() int {
	for {
		continue
	}
}

func l() int {
	return 1
	;
}
"#;
        let want: &[&str] = &[
            "a.go:11:1: missing return",
            "a.go:56:1: missing return",
            "a.go:63:1: missing return",
            "a.go:71:1: missing return",
        ];
        assert_eq!(check_source(src), want);
    }
}
