//! Assignments and initializations (types2's assignments.go): a value
//! assigned to a variable of a type (`assignment`, with gc's "cannot use
//! x (variable of type int) as string value in assignment: ..." and the
//! "(overflows)"/"(truncated)" suffixes for constants; generic function
//! values are instantiated from a function-typed target), initialization of
//! declared variables (`init_var`, `init_vars`: type inference from the
//! initializer, default types for untyped values, "assignment mismatch:
//! 2 variables but f() returns 1 value", return statements' "not enough
//! return values\n\thave (...)\n\twant (...)"), assignment to addressable
//! expressions and map entries (`assign_var`, `assign_vars`: "cannot
//! assign to x (neither addressable nor a map index expression)"; an
//! assigned variable is not thereby used), and short variable
//! declarations (`short_var_decl`: redeclaration, "no new variables on
//! left side of :="). Comma-ok expressions get their pair type recorded
//! once both values are assigned.

use std::collections::HashSet;

use syntax::ast::{self, Expr, ExprKind, Stmt};
use syntax::print::expr_string;
use syntax::Pos;

use crate::arena::{ObjId, Store, TypeId};
use crate::check::Checker;
use crate::constant::ReprError;
use crate::object::ObjKind;
use crate::operand::{Mode, Operand};
use crate::predicates::{is_interface, is_numeric, is_type_param, is_untyped, underlying};
use crate::stmt::op_pos;
use crate::ty::Type;
use crate::universe;
use crate::untyped::{default_type, implicit_type, UntypedError};

impl<'a> Checker<'a, '_> {
    /// Checks that `x` can be assigned to a variable of type `t` (or, if
    /// `t` is `None`, gives an untyped `x` its default type), converting
    /// untyped values; `context` completes the message ("assignment",
    /// "argument", "return statement", ...). On failure `x` becomes
    /// invalid (types2's assignment).
    pub(crate) fn assignment(&mut self, x: &mut Operand<'a>, t: Option<TypeId>, context: &str) {
        self.assign_single_value(x);
        match x.mode {
            Mode::Invalid => return,
            Mode::NilValue
            | Mode::Constant
            | Mode::Variable
            | Mode::MapIndex
            | Mode::Value
            | Mode::CommaOk
            | Mode::CommaErr => {}
            _ => {
                let ts = t.map_or_else(|| "<nil>".to_string(), |t| self.type_str(t));
                let m = format!("cannot assign {} to {ts} in {context}", self.op_str(x));
                self.errorf(op_pos(x, Pos::NONE), m);
                x.mode = Mode::Invalid;
                return;
            }
        }

        if is_untyped(&self.store, x.typ) {
            let mut target = t;
            if x.mode == Mode::NilValue || x.typ == universe::UNTYPED_NIL {
                if t.is_none() {
                    let m = format!("use of untyped nil in {context}");
                    self.errorf(op_pos(x, Pos::NONE), m);
                    x.mode = Mode::Invalid;
                    return;
                }
            } else if t.is_none_or(|t| self.assign_is_non_tparam_iface(t)) {
                target = Some(default_type(&self.store, x.typ));
            }
            let target = target.unwrap_or(universe::INVALID);
            let nil_to_tparam = (x.mode == Mode::NilValue || x.typ == universe::UNTYPED_NIL)
                && is_type_param(&self.store, target);
            let res = if nil_to_tparam {
                // nil is a value of a type parameter whose types all have
                // nil.
                if self.stmt_has_nil(target) {
                    Ok((target, None))
                } else {
                    Err(UntypedError::Mismatch)
                }
            } else {
                implicit_type(&self.store, x.mode, x.typ, x.val.as_ref(), target)
            };
            match res {
                Err(e) => {
                    let mut msg = format!(
                        "cannot use {} as {} value in {context}",
                        self.op_str(x),
                        self.type_str(target)
                    );
                    match e {
                        UntypedError::Repr(ReprError::Truncated) => msg.push_str(" (truncated)"),
                        UntypedError::Repr(ReprError::Overflows) => msg.push_str(" (overflows)"),
                        _ => {}
                    }
                    self.errorf(op_pos(x, Pos::NONE), msg);
                    x.mode = Mode::Invalid;
                    return;
                }
                Ok((new_type, val)) => self.set_implicit_type(x, new_type, val),
            }
        }

        // A generic function value is instantiated from a function-typed
        // target (reverse inference), else it cannot be assigned.
        self.assign_non_generic(t, context, x);
        if !x.is_valid() {
            return;
        }

        let Some(t) = t else { return };
        let q = self.qualifier();
        if let Err(cause) = crate::assignable::assignable_to(&self.store, &q, x, t) {
            let mut msg = format!(
                "cannot use {} as {} value in {context}",
                self.op_str(x),
                self.type_str(t)
            );
            if !cause.is_empty() {
                msg.push_str(": ");
                msg.push_str(&cause);
            }
            self.errorf(op_pos(x, Pos::NONE), msg);
            x.mode = Mode::Invalid;
        }
    }

    /// Reports a generic type or function value used without
    /// instantiation, unless the function's type arguments can be
    /// inferred from the function type `t` it is assigned to (types2's
    /// nonGeneric with newTarget).
    fn assign_non_generic(&mut self, t: Option<TypeId>, context: &str, x: &mut Operand<'a>) {
        let target = t.and_then(|t| self.new_target(t, context));
        self.non_generic(target, x);
    }

    fn assign_is_non_tparam_iface(&self, t: TypeId) -> bool {
        !is_type_param(&self.store, t) && is_interface(&self.store, t)
    }

    /// A tuple-valued operand (a call with several results) where one
    /// value is needed (types2's singleValue).
    fn assign_single_value(&mut self, x: &mut Operand<'a>) {
        if x.mode == Mode::Value {
            if let Type::Tuple(vs) = self.store.ty(x.typ) {
                if vs.len() != 1 {
                    let m = format!("multiple-value {} in single-value context", self.op_str(x));
                    self.errorf(op_pos(x, Pos::NONE), m);
                    x.mode = Mode::Invalid;
                }
            }
        }
    }

    /// Initializes variable `lhs` with `x` (types2's initVar): an untyped
    /// `lhs` gets `x`'s (default) type.
    pub(crate) fn init_var(&mut self, lhs: ObjId, x: &mut Operand<'a>, context: &str) {
        let lt = self.store.obj(lhs).typ;
        if !x.is_valid() || x.typ == universe::INVALID || lt == Some(universe::INVALID) {
            if lt.is_none() {
                self.assign_set_obj_type(lhs, universe::INVALID);
            }
            x.mode = Mode::Invalid;
            return;
        }
        let lt = match lt {
            Some(t) => t,
            None => {
                let mut typ = x.typ;
                if is_untyped(&self.store, typ) {
                    if typ == universe::UNTYPED_NIL {
                        let m = format!("use of untyped nil in {context}");
                        self.errorf(op_pos(x, Pos::NONE), m);
                        self.assign_set_obj_type(lhs, universe::INVALID);
                        x.mode = Mode::Invalid;
                        return;
                    }
                    typ = default_type(&self.store, typ);
                }
                self.assign_set_obj_type(lhs, typ);
                typ
            }
        };
        self.assignment(x, Some(lt), context);
    }

    fn assign_set_obj_type(&mut self, o: ObjId, t: TypeId) {
        if o.pkg == self.pkg() {
            self.store.arena.obj_mut(o).typ = Some(t);
        }
    }

    fn assign_ensure_typed(&mut self, lhs: &[ObjId]) {
        for &v in lhs {
            if self.store.obj(v).typ.is_none() {
                self.assign_set_obj_type(v, universe::INVALID);
            }
        }
    }

    /// Initializes the variables `lhs` with the values of `rhs` (types2's
    /// initVars), for `var` declarations and (with `return_stmt`) returns.
    pub(crate) fn init_vars(
        &mut self,
        lhs: &[ObjId],
        rhs: &'a [Expr],
        return_stmt: Option<&'a Stmt>,
    ) {
        let (l, r) = (lhs.len(), rhs.len());
        let context = if return_stmt.is_some() {
            "return statement"
        } else if l > 1 {
            "multiple assignment"
        } else {
            "assignment"
        };
        let is_call = r == 1 && matches!(rhs[0].unparen().kind, ExprKind::Call(_));

        if l == r && !is_call {
            for (&v, e) in lhs.iter().zip(rhs) {
                let obj = self.store.obj(v);
                let mut desc = obj.name.to_string();
                if return_stmt.is_some() && desc.is_empty() {
                    desc = "result variable".into();
                }
                let target = obj.typ.and_then(|t| self.new_target(t, &desc));
                let mut x = self.expr(target, e);
                self.init_var(v, &mut x, context);
            }
            return;
        }

        if r != 1 {
            if self.assign_use(rhs) {
                if let Some(rs) = return_stmt {
                    let ops: Vec<Operand<'a>> = rhs.iter().map(|e| self.expr(None, e)).collect();
                    self.assign_return_error(rs.pos, lhs, &ops);
                } else {
                    self.assign_mismatch_error(rhs, l, r);
                }
            }
            self.assign_ensure_typed(lhs);
            return;
        }

        let mut ops = self.multi_expr(&rhs[0], l == 2 && return_stmt.is_none());
        if ops.len() == l {
            let comma_ok = is_comma_ok(&ops);
            for (&v, x) in lhs.iter().zip(ops.iter_mut()) {
                self.init_var(v, x, context);
            }
            if comma_ok {
                self.assign_record_comma_ok(&rhs[0], &ops);
            }
            return;
        }
        if ops.first().is_some_and(|x| x.is_valid()) {
            if let Some(rs) = return_stmt {
                self.assign_return_error(rs.pos, lhs, &ops);
            } else {
                self.assign_mismatch_error(rhs, l, ops.len());
            }
        }
        self.assign_ensure_typed(lhs);
    }

    /// "assignment mismatch: ..." (types2's assignError).
    fn assign_mismatch_error(&mut self, rhs: &'a [Expr], l: usize, r: usize) {
        let vars = measure(l, "variable");
        let vals = measure(r, "value");
        let Some(rhs0) = rhs.first() else { return };
        if rhs.len() == 1 {
            if let ExprKind::Call(c) = &rhs0.unparen().kind {
                let m = format!(
                    "assignment mismatch: {vars} but {} returns {vals}",
                    expr_string(&c.fun)
                );
                self.errorf(rhs0.start_pos(), m);
                return;
            }
        }
        self.errorf(
            rhs0.start_pos(),
            format!("assignment mismatch: {vars} but {vals}"),
        );
    }

    /// "not enough/too many return values" with have/want lines
    /// (types2's returnError); `at` is the return statement.
    fn assign_return_error(&mut self, at: Pos, lhs: &[ObjId], rhs: &[Operand<'a>]) {
        let (l, r) = (lhs.len(), rhs.len());
        let (pos, qualifier) = if r > l {
            (op_pos(&rhs[l], at), "too many")
        } else if r > 0 {
            (op_pos(&rhs[r - 1], at), "not enough")
        } else {
            (at, "not enough")
        };
        let have: Vec<TypeId> = rhs.iter().map(|x| x.typ).collect();
        let want: Vec<TypeId> = lhs
            .iter()
            .map(|&v| self.store.obj(v).typ.unwrap_or(universe::INVALID))
            .collect();
        let e = crate::errors::TypeError::new(pos, format!("{qualifier} return values"))
            .with(
                Pos::NONE,
                format!("have {}", self.assign_types_summary(&have)),
            )
            .with(
                Pos::NONE,
                format!("want {}", self.assign_types_summary(&want)),
            );
        self.error(e);
    }

    /// `(t1, t2, ...)` as gc's have/want lines print types (types2's
    /// typesSummary without variadics): untyped numbers are "number".
    pub(crate) fn assign_types_summary(&self, list: &[TypeId]) -> String {
        let parts: Vec<String> = list
            .iter()
            .map(|&t| {
                if t == universe::INVALID {
                    "unknown type".to_string()
                } else if is_untyped(&self.store, t) {
                    if is_numeric(&self.store, t) {
                        "number".to_string()
                    } else {
                        match self.store.ty(t) {
                            Type::Basic { name, .. } => name.replace("untyped ", ""),
                            _ => self.type_str(t),
                        }
                    }
                } else {
                    self.type_str(t)
                }
            })
            .collect();
        format!("({})", parts.join(", "))
    }

    /// Whether `o` is a variable of this package, and if so whether it is
    /// marked used.
    fn assign_var_used(&self, o: ObjId) -> Option<bool> {
        if o.pkg != self.pkg() {
            return None;
        }
        match self.store.obj(o).kind {
            ObjKind::Var { used, .. } => Some(used),
            _ => None,
        }
    }

    fn assign_set_var_used(&mut self, o: ObjId, v: bool) {
        if o.pkg != self.pkg() {
            return;
        }
        if let ObjKind::Var { used, .. } = &mut self.store.arena.obj_mut(o).kind {
            *used = v;
        }
    }

    /// Checks an assignment's left-hand side and returns its type: `None`
    /// for the blank identifier, the invalid type after an error
    /// (types2's lhsVar). Assigning to a variable is not using it.
    fn assign_lhs_var(&mut self, lhs: &'a Expr) -> Option<TypeId> {
        let ident = match lhs.unparen().kind {
            ExprKind::Name(n) => Some(n),
            _ => None,
        };
        if ident.is_some_and(|n| n.as_str() == "_") {
            return None;
        }
        let saved = ident
            .and_then(|n| self.lookup(n))
            .and_then(|(_, o)| self.assign_var_used(o).map(|u| (o, u)));
        let x = self.expr(None, lhs);
        if let Some((o, u)) = saved {
            self.assign_set_var_used(o, u);
        }
        if !x.is_valid() || x.typ == universe::INVALID {
            return Some(universe::INVALID);
        }
        match x.mode {
            Mode::Variable | Mode::MapIndex => Some(x.typ),
            _ => {
                let xe = x.expr.unwrap_or(lhs);
                if let ExprKind::Selector(sx, _) = &xe.kind {
                    let op = self.expr(None, sx);
                    if op.mode == Mode::MapIndex {
                        let m = format!("cannot assign to struct field {} in map", expr_string(xe));
                        self.errorf(xe.start_pos(), m);
                        return Some(universe::INVALID);
                    }
                }
                let m = format!(
                    "cannot assign to {} (neither addressable nor a map index expression)",
                    expr_string(xe)
                );
                self.errorf(xe.start_pos(), m);
                Some(universe::INVALID)
            }
        }
    }

    /// Checks `lhs = rhs`, or `lhs = x` when the value was already
    /// evaluated into `x` (types2's assignVar). On failure `x` becomes
    /// invalid.
    pub(crate) fn assign_var(
        &mut self,
        lhs: &'a Expr,
        rhs: Option<&'a Expr>,
        x: Option<&mut Operand<'a>>,
        context: &str,
    ) {
        let t = self.assign_lhs_var(lhs);
        if t == Some(universe::INVALID) {
            match x {
                Some(x) => x.mode = Mode::Invalid,
                None => {
                    if let Some(r) = rhs {
                        let _ = self.assign_use(std::slice::from_ref(r));
                    }
                }
            }
            return;
        }
        let context = if t.is_none() && context == "assignment" {
            "assignment to _ identifier"
        } else {
            context
        };
        match x {
            Some(x) => self.assignment(x, t, context),
            None => {
                let Some(r) = rhs else { return };
                let desc = expr_string(lhs);
                // Only a function type is a target here, not a type
                // parameter whose type set is one (as in types2).
                let target = t
                    .filter(|&t| {
                        matches!(
                            self.store.ty(underlying(&self.store, t)),
                            Type::Signature(_)
                        )
                    })
                    .and_then(|t| self.new_target(t, &desc));
                let mut x = self.expr(target, r);
                self.assignment(&mut x, t, context);
            }
        }
    }

    /// Checks `lhs... = rhs...` (types2's assignVars).
    pub(crate) fn assign_vars(&mut self, lhs: &'a [Expr], rhs: &'a [Expr]) {
        let (l, r) = (lhs.len(), rhs.len());
        let context = if l > 1 {
            "multiple assignment"
        } else {
            "assignment"
        };
        let is_call = r == 1 && matches!(rhs[0].unparen().kind, ExprKind::Call(_));
        if l == r && !is_call {
            for (le, re) in lhs.iter().zip(rhs) {
                self.assign_var(le, Some(re), None, context);
            }
            return;
        }
        if r != 1 {
            let ok_l = self.assign_use_lhs(lhs);
            let ok_r = self.assign_use(rhs);
            if ok_l && ok_r {
                self.assign_mismatch_error(rhs, l, r);
            }
            return;
        }
        let mut ops = self.multi_expr(&rhs[0], l == 2);
        if ops.len() == l {
            let comma_ok = is_comma_ok(&ops);
            for (le, x) in lhs.iter().zip(ops.iter_mut()) {
                self.assign_var(le, None, Some(x), context);
            }
            if comma_ok {
                self.assign_record_comma_ok(&rhs[0], &ops);
            }
            return;
        }
        if ops.first().is_some_and(|x| x.is_valid()) {
            self.assign_mismatch_error(rhs, l, ops.len());
        }
        let _ = self.assign_use_lhs(lhs);
    }

    /// Checks `lhs... := rhs...` (types2's shortVarDecl): at least one
    /// new non-blank variable; names already declared in the current
    /// scope are assigned to. `pos` is the `:=`.
    pub(crate) fn short_var_decl(&mut self, pos: Pos, lhs: &'a [Expr], rhs: &'a [Expr]) {
        let top = self.later.len();
        let scope = self.env.scope;
        let mut seen: HashSet<ast::Symbol> = HashSet::new();
        let mut lhs_vars: Vec<Option<ObjId>> = vec![None; lhs.len()];
        let mut new_vars: Vec<ObjId> = Vec::new();
        let mut has_err = false;
        for (i, le) in lhs.iter().enumerate() {
            let ExprKind::Name(name) = le.kind else {
                let _ = self.assign_use_lhs(std::slice::from_ref(le));
                let m = format!("non-name {} on left side of :=", expr_string(le));
                self.errorf(le.start_pos(), m);
                has_err = true;
                continue;
            };
            if name.as_str() != "_" && !seen.insert(name) {
                self.errorf(le.pos, format!("{name} repeated on left side of :="));
                has_err = true;
                continue;
            }
            if let Some(alt) = self.store.scope(scope).lookup(name) {
                self.record_use(le, alt);
                if matches!(self.store.obj(alt).kind, ObjKind::Var { .. }) {
                    lhs_vars[i] = Some(alt);
                } else {
                    self.errorf(le.pos, format!("cannot assign to {name}"));
                    has_err = true;
                }
                continue;
            }
            let obj = self.stmt_new_var(le.pos, name, None);
            lhs_vars[i] = Some(obj);
            if name.as_str() != "_" {
                new_vars.push(obj);
            }
            self.record_def(
                &ast::Name {
                    pos: le.pos,
                    value: name,
                },
                obj,
            );
        }
        let lhs_vars: Vec<ObjId> = lhs_vars
            .into_iter()
            .zip(lhs)
            .map(|(o, le)| o.unwrap_or_else(|| self.stmt_new_var(le.pos, ast::sym("_"), None)))
            .collect();

        self.init_vars(&lhs_vars, rhs, None);

        // Function literals on the right see the scope without the new
        // variables.
        self.process_delayed(top);

        if new_vars.is_empty() && !has_err {
            self.soft_errorf(pos, "no new variables on left side of :=");
            return;
        }
        for obj in new_vars {
            let o = self.store.obj(obj);
            let name = ast::Name {
                pos: o.pos,
                value: o.name,
            };
            self.declare(scope, name, obj);
        }
    }

    /// Records a comma-ok expression `e` (and the expressions inside its
    /// parentheses) as producing the pair of its two values' types, once
    /// both were assigned successfully (types2's recordCommaOkTypes).
    fn assign_record_comma_ok(&mut self, e: &'a Expr, ops: &[Operand<'a>]) {
        if ops.len() != 2 || !ops[0].is_valid() || !ops[1].is_valid() {
            return;
        }
        let pkg = self.pkg();
        let mut vars = Vec::with_capacity(2);
        for x in ops {
            let v = self.store.arena.add_object(crate::object::Object::new(
                ast::sym(""),
                e.pos,
                Some(pkg),
                Some(x.typ),
                ObjKind::Var {
                    embedded: false,
                    is_field: false,
                    is_param: false,
                    used: true,
                },
            ));
            vars.push(v);
        }
        let tuple = self.store.arena.add_type(Type::Tuple(vars));
        let mut x = e;
        loop {
            let k = self.key(x);
            if let Some(tv) = self.info.types.get_mut(&k) {
                tv.typ = tuple;
            }
            match &x.kind {
                ExprKind::Paren(inner) => x = inner,
                _ => break,
            }
        }
    }

    /// Evaluates `es` for their errors and side effects only (types2's
    /// use); whether all were valid.
    pub(crate) fn assign_use(&mut self, es: &'a [Expr]) -> bool {
        self.assign_use_n(es, false)
    }

    /// Like `use_list` for left-hand sides: variables named are not
    /// thereby used (types2's useLHS).
    pub(crate) fn assign_use_lhs(&mut self, es: &'a [Expr]) -> bool {
        self.assign_use_n(es, true)
    }

    fn assign_use_n(&mut self, es: &'a [Expr], lhs: bool) -> bool {
        let mut ok = true;
        for e in es {
            let u = e.unparen();
            let valid = match u.kind {
                ExprKind::Name(n) => {
                    if n.as_str() == "_" {
                        true
                    } else {
                        let saved = if lhs {
                            self.lookup(n)
                                .and_then(|(_, o)| self.assign_var_used(o).map(|used| (o, used)))
                        } else {
                            None
                        };
                        let x = self.expr_or_type(u, true);
                        if let Some((o, used)) = saved {
                            self.assign_set_var_used(o, used);
                        }
                        x.is_valid()
                    }
                }
                _ => self.raw_expr(None, e, None, true).is_valid(),
            };
            ok &= valid;
        }
        ok
    }
}

/// Whether the two operands of a two-value right side are a comma-ok
/// expression's (a map index, receive or type assertion and its ok or
/// error), rather than a call's two results.
fn is_comma_ok(ops: &[Operand]) -> bool {
    ops.len() == 2 && matches!(ops[0].mode, Mode::MapIndex | Mode::CommaOk | Mode::CommaErr)
}

fn measure(n: usize, unit: &str) -> String {
    if n == 1 {
        format!("{n} {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

#[cfg(test)]
mod tests {
    use crate::testutil::check_source;

    #[test]
    fn type_parameters_named_like_predeclared_types_say_where_they_are_declared() {
        let src = "package p\n\nfunc f[int any](x int) {\n\tx = 0\n}\n";
        assert_eq!(
            check_source(src),
            vec!["a.go:4:6: cannot use 0 (untyped int constant) as int /* with int declared at a.go:3:8 */ value in assignment"]
        );
    }

    #[test]
    fn assign() {
        let src = r#"package p

type S struct{ f int }

func f() (int, int) { return 1, 2 }
func g()            {}

func _() {
	var m map[string]S
	m["a"].f = 1
	const c = 1
	c = 2
	c++
	var s string
	s++
	var x int
	a, b := 1
	_ = nil
	k := nil
	x, y := 1, 2
	1 := 2
	var e error
	e = 1
	var i8 int8
	i8 = 300
	i8 = 1.5
	s = x
	x, s = f()
	x = f()
	x = g()
	x, s = 1
	_ = e
	_, _ = a, b
	_, _ = k, y
	f() = 1
	x += "a"
}
"#;
        let want: &[&str] = &[
            "a.go:10:2: cannot assign to struct field m[\"a\"].f in map",
            "a.go:12:2: cannot assign to c (neither addressable nor a map index expression)",
            "a.go:13:2: cannot assign to c (neither addressable nor a map index expression)",
            "a.go:15:2: invalid operation: s++ (non-numeric type string)",
            "a.go:17:10: assignment mismatch: 2 variables but 1 value",
            "a.go:18:6: use of untyped nil in assignment to _ identifier",
            "a.go:19:7: use of untyped nil in assignment",
            "a.go:21:2: non-name 1 on left side of :=",
            "a.go:23:6: cannot use 1 (constant of type int) as error value in assignment: int does not implement error (missing method Error)",
            "a.go:24:6: declared and not used: i8",
            "a.go:25:7: cannot use 300 (untyped int constant) as int8 value in assignment (overflows)",
            "a.go:26:7: cannot use 1.5 (untyped float constant) as int8 value in assignment (truncated)",
            "a.go:27:6: cannot use x (variable of type int) as string value in assignment",
            "a.go:28:9: cannot use 2nd function result (value of type int) as string value in multiple assignment",
            "a.go:29:6: assignment mismatch: 1 variable but f returns 2 values",
            "a.go:30:6: g() (no value) used as value",
            "a.go:31:9: assignment mismatch: 2 variables but 1 value",
            "a.go:35:2: multiple-value f() (value of type (int, int)) in single-value context",
            "a.go:36:2: invalid operation: x += \"a\" (mismatched types int and untyped string)",
        ];
        assert_eq!(check_source(src), want);
    }

    #[test]
    fn shortvar() {
        let src = r#"package p

func f() (int, int) { return 1, 2 }

func _() {
	a := 1
	a := 2
	a, b := 3, 4
	_, _ = a, b
	_ := 5
	c, c := 1, 2
	_ = c
	d, e := f()
	_, _ = d, e
	g, h := 1
	_, _ = g, h
	i, j := f(), 1
	_, _ = i, j
	k := f()
	_ = k
	type T int
	T := 1
	_ = T
}
"#;
        let want: &[&str] = &[
            "a.go:7:4: no new variables on left side of :=",
            "a.go:10:4: no new variables on left side of :=",
            "a.go:11:5: c repeated on left side of :=",
            "a.go:15:10: assignment mismatch: 2 variables but 1 value",
            "a.go:17:10: multiple-value f() (value of type (int, int)) in single-value context",
            "a.go:19:7: assignment mismatch: 1 variable but f returns 2 values",
            "a.go:22:2: cannot assign to T",
            "a.go:23:6: T (type) is not an expression",
        ];
        assert_eq!(check_source(src), want);
    }

    #[test]
    fn returns() {
        let src = r#"package p

func f() (int, int) { return 1, 2 }

func r1() int {
	return
}

func r2() int {
	return 1, 2
}

func r3() (x int) {
	{
		x := 2
		_ = x
		return
	}
}

func r4() (int, string) {
	return 1
}

func r5() int {
	return f()
}

func r6() (int, int, int) {
	return f()
}

func r7() {
	return 1
}

func r8() (int, string) {
	return "a", 1
}

func r9() (x, y int) {
	return
}

func r10() (int, int) {
	return f()
}

func r11() string {
	return 1.5
}
"#;
        let want: &[&str] = &[
            "a.go:6:2: not enough return values\n\thave ()\n\twant (int)",
            "a.go:10:12: too many return values\n\thave (number, number)\n\twant (int)",
            "a.go:17:3: result parameter x not in scope at return\n\ta.go:15:3: inner declaration of var x int",
            "a.go:22:9: not enough return values\n\thave (number)\n\twant (int, string)",
            "a.go:26:9: too many return values\n\thave (int, int)\n\twant (int)",
            "a.go:30:9: not enough return values\n\thave (int, int)\n\twant (int, int, int)",
            "a.go:34:9: too many return values\n\thave (number)\n\twant ()",
            "a.go:38:9: cannot use \"a\" (untyped string constant) as int value in return statement",
            "a.go:38:14: cannot use 1 (untyped int constant) as string value in return statement",
            "a.go:50:9: cannot use 1.5 (untyped float constant) as string value in return statement",
        ];
        assert_eq!(check_source(src), want);
    }

    #[test]
    fn assignment_forms_more() {
        let src = r#"package p

type S struct{ f int }

func f() int { return 0 }

func _() {
	_ = 1 << 70
	var _ = nil
	a, b := nil, 1
	var c, d int
	c, d = 1, 2, 3
	f()++
	m := map[string]S{}
	m["a"].f++
	m["a"].f += 1
	s := "abc"
	s[0] += 1
	const k = 1
	k += 1
	len(s) = 1
	for range nil {
	}
	for i := range -1 {
		_ = i
	}
	for i := range uint(10) {
		var _ int = i
	}
	var it func(func(int) bool)
	for i := range it {
		i = "a"
	}
	for i := range 10 {
	}
	_, _ = a, b
	var e, g = 1
	var h, i int = 1, "a"
	var j int = f
	_, _, _, _, _ = e, g, h, i, j
	x, y, z := 1, 2
	_, _, _ = x, y, z
	var (
		p = 1 << 70
		q int8 = 128
	)
	_, _ = p, q
}
"#;
        let want: &[&str] = &[
            "a.go:8:6: cannot use 1 << 70 (untyped int constant 1180591620717411303424) as int value in assignment to _ identifier (overflows)",
            "a.go:9:10: use of untyped nil in variable declaration",
            "a.go:10:10: use of untyped nil in multiple assignment",
            "a.go:11:6: declared and not used: c",
            "a.go:11:9: declared and not used: d",
            "a.go:12:9: assignment mismatch: 2 variables but 3 values",
            "a.go:13:2: cannot assign to f() (neither addressable nor a map index expression)",
            "a.go:15:2: cannot assign to struct field m[\"a\"].f in map",
            "a.go:16:2: cannot assign to struct field m[\"a\"].f in map",
            "a.go:18:2: cannot assign to s[0] (neither addressable nor a map index expression)",
            "a.go:20:2: cannot assign to k (neither addressable nor a map index expression)",
            "a.go:21:2: cannot assign to len(s) (neither addressable nor a map index expression)",
            "a.go:22:12: cannot range over nil",
            "a.go:28:15: cannot use i (variable of type uint) as int value in variable declaration",
            "a.go:31:6: declared and not used: i",
            "a.go:32:7: cannot use \"a\" (untyped string constant) as int value in assignment",
            "a.go:34:6: declared and not used: i",
            "a.go:37:13: assignment mismatch: 2 variables but 1 value",
            "a.go:38:20: cannot use \"a\" (untyped string constant) as int value in variable declaration",
            "a.go:39:14: cannot use f (value of type func() int) as int value in variable declaration",
            "a.go:41:13: assignment mismatch: 3 variables but 2 values",
            "a.go:44:7: cannot use 1 << 70 (untyped int constant 1180591620717411303424) as int value in variable declaration (overflows)",
            "a.go:45:12: cannot use 128 (untyped int constant) as int8 value in variable declaration (overflows)",
        ];
        assert_eq!(check_source(src), want);
    }

    #[test]
    fn generic_function_values_assigned() {
        let src = r#"package p

func id[T any](x T) T { return x }
func two[A, B any](a A) B { var b B; return b }

func r() func(int) int {
	return id
}

func r2() (func(int) int, func(string) string) {
	return id, id
}

func _() {
	var f func(int) int = id
	f = id
	_ = f
	var g = id
	_ = g
	h := id
	_ = h
	var k func(int) string = two
	_ = k
	var l interface{} = id
	_ = l
	m := map[string]func(int) int{"a": id}
	_ = m
	var ch chan func(int) int
	ch <- id
	var x, y func(int) int = id, id
	_, _ = x, y
}
"#;
        let want: &[&str] = &[
            "a.go:18:10: cannot use generic function id without instantiation",
            "a.go:20:7: cannot use generic function id without instantiation",
            "a.go:24:22: cannot use generic function id without instantiation",
        ];
        assert_eq!(check_source(src), want);
    }

    /// A type parameter whose type set's common underlying type is a
    /// function type is a target for reverse inference (composite literal
    /// elements, conversions, sends, variable declarations), except on the
    /// left of a plain assignment; several function types are not.
    #[test]
    fn reverse_inference_into_type_parameters() {
        let src = r#"package p

func g[T any](T) {}
func h[T any](a, b T) {}

func _[F func(int)]() {
	_ = struct{ f F }{f: g}
	_ = []F{g}
	_ = F(g)
	make(chan F) <- g
	var f F = g
	f = g
	_ = f
}

func _[F func(int) | func(uint)]() {
	_ = []F{g}
	var f F = g
	_ = f
}

func _() {
	var y func(int) = h
	var z func(int, int) = h
	_, _ = y, z
}
"#;
        let want: &[&str] = &[
            "a.go:12:6: cannot use generic function g without instantiation",
            "a.go:17:10: cannot use generic function g without instantiation",
            "a.go:18:12: cannot use generic function g without instantiation",
            "a.go:23:20: type func(int) of y does not match func(a T, b T) (cannot infer T)",
        ];
        assert_eq!(check_source(src), want);
        let want20: &[&str] = &[
            "a.go:7:23: implicitly instantiated function in assignment requires go1.21 or later",
            "a.go:8:10: implicitly instantiated function in assignment requires go1.21 or later",
            "a.go:9:8: implicitly instantiated function in assignment requires go1.21 or later",
            "a.go:10:18: implicitly instantiated function in assignment requires go1.21 or later",
            "a.go:11:12: implicitly instantiated function in assignment requires go1.21 or later",
            "a.go:12:6: cannot use generic function g without instantiation",
            "a.go:17:10: cannot use generic function g without instantiation",
            "a.go:18:12: cannot use generic function g without instantiation",
            "a.go:23:20: implicitly instantiated function in assignment requires go1.21 or later",
            "a.go:23:20: type func(int) of y does not match func(a T, b T) (cannot infer T)",
            "a.go:24:25: implicitly instantiated function in assignment requires go1.21 or later",
        ];
        assert_eq!(crate::testutil::check_source_lang(src, 20), want20);
    }
}
