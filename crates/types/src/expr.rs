//! Expressions (types2's expr.go, const.go, operand.go's checks): the
//! dispatcher over expression kinds (`raw_expr`), the variants callers
//! use (`expr`, `gen_expr`, `multi_expr`, `expr_with_hint`,
//! `expr_or_type`, `use_exprs`), basic literals, unary and binary
//! operations, shifts, comparisons (`comparison`, also for switch cases),
//! type assertions (`type_assertion`, also for type switches), receives
//! (`channel_elem`, also for sends), constant folding with overflow and
//! representability checks (`overflow`, `representable`), and the untyped
//! machinery (`convert_untyped`, `update_expr_type`, `record_untyped`).
//!
//! Predicates over type parameters (`all_integer` & co., `under_is`,
//! `common_underlying`) see a type parameter as the set of types of its
//! constraint, as types2's allX helpers do.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use syntax::ast::{sym, BasicLit, Expr, ExprId, ExprKind};
use syntax::print::expr_string;
use syntax::token::{LitKind, Operator};
use syntax::Pos;

use crate::arena::{Store, TypeId};
use crate::check::Checker;
use crate::constant::{
    BinaryOp, CompareOp, Kind, ReprError, ShiftOp, UnaryOp, Value, MAX_NUMBER_LITERAL_LEN,
    MAX_STRING_LEN, PREC, SHIFT_BOUND,
};
use crate::operand::{Mode, Operand};
use crate::predicates::{
    basic_kind, identical, is_boolean, is_complex, is_integer, is_interface, is_numeric,
    is_ordered, is_string, is_type_param, is_typed, is_unsigned, is_untyped, underlying,
};
use crate::termlist::TypeTerm;
use crate::ty::{BasicKind, ChanDir, Signature, Type};
use crate::typeset::type_set;
use crate::typestring::RelativeTo;
use crate::universe;
use crate::untyped::{default_type, implicit_type, UntypedError};

/// The signature a function-valued expression is expected to have (for
/// inferring the type arguments of a generic function used as a value,
/// Go 1.21's reverse inference), and how to describe it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Target<'t> {
    pub sig: TypeId,
    pub desc: &'t str,
}

/// "invalid operation: ", the prefix of gc's messages about operations.
pub(crate) const INVALID_OP: &str = "invalid operation: ";

/// The position gc reports an error about operand `x` at: the start of
/// its expression.
pub(crate) fn at(x: &Operand) -> Pos {
    x.expr.map_or(Pos::NONE, |e| e.start_pos())
}

/// The position of the operator if `e` is an operation, else its start
/// (types2's opPos): where overflow is reported.
fn op_pos(e: Option<&Expr>) -> Pos {
    match e {
        None => Pos::NONE,
        Some(
            e @ Expr {
                kind: ExprKind::Operation(..),
                ..
            },
        ) => e.pos,
        Some(e) => e.start_pos(),
    }
}

/// The name of an operation that may overflow, for "constant addition
/// overflow" (types2's opName).
fn op_name(e: Option<&Expr>) -> &'static str {
    match e.map(|e| &e.kind) {
        Some(ExprKind::Operation(Operator::Xor, _, None)) => "bitwise complement",
        Some(ExprKind::Operation(op, _, Some(_))) => match op {
            Operator::Add => "addition",
            Operator::Sub => "subtraction",
            Operator::Xor => "bitwise XOR",
            Operator::Mul => "multiplication",
            Operator::Shl => "shift",
            _ => "",
        },
        _ => "",
    }
}

fn is_shift(op: Operator) -> bool {
    matches!(op, Operator::Shl | Operator::Shr)
}

pub(crate) fn is_comparison(op: Operator) -> bool {
    matches!(
        op,
        Operator::Eql
            | Operator::Neq
            | Operator::Lss
            | Operator::Leq
            | Operator::Gtr
            | Operator::Geq
    )
}

/// "1st", "2nd", "3rd", "4th", ... followed by `what`.
pub(crate) fn nth(n: usize, what: &str) -> String {
    let ext = match n {
        1 => "st",
        2 => "nd",
        3 => "rd",
        _ => "th",
    };
    format!("{n}{ext} {what}")
}

/// A name expression standing for a value that has no expression of its
/// own ("1st function result", "ok value of (comma, ok) expression"),
/// at `pos`, so that messages quote and place it as gc does (types2's
/// dummy names). Such expressions are interned for the process, one per
/// text and position (a bounded set: positions come from source files),
/// and are never recorded: their id is outside every file's table.
pub(crate) fn dummy_name(text: &str, pos: Pos) -> &'static Expr {
    type Table = HashMap<(Box<str>, Pos), &'static Expr>;
    static TABLE: OnceLock<Mutex<Table>> = OnceLock::new();
    let mut t = TABLE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(&e) = t.get(&(text.into(), pos)) {
        return e;
    }
    let e: &'static Expr = Box::leak(Box::new(Expr {
        pos,
        id: ExprId(u32::MAX),
        kind: ExprKind::Name(sym(text)),
    }));
    t.insert((text.into(), pos), e);
    e
}

/// Kinds of operands `exclude` rejects.
const NO_VALUE: u8 = 1;
const BUILTIN: u8 = 2;
const TYPE_EXPR: u8 = 4;

/// The kind of structure of a type for "operator < not defined on
/// slice" (types2's compositeKind): empty for basic types.
fn composite_kind(s: &impl Store, t: TypeId) -> &'static str {
    match s.ty(underlying(s, t)) {
        Type::Basic { .. } => "",
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
        _ => "",
    }
}

// ---------------------------------------------------------------------------
// Predicates over type sets

/// Calls `f` with the underlying type of every type in `t`'s type set
/// (for a type parameter, its constraint's specific types; `None` once
/// if there are none), else with `t`'s underlying type; whether `f` held
/// for all (types2's underIs).
pub(crate) fn under_is(
    s: &impl Store,
    t: TypeId,
    mut f: impl FnMut(Option<TypeId>) -> bool,
) -> bool {
    if is_type_param(s, t) {
        let ts = type_set(s, t);
        if ts.terms.is_empty() || ts.terms.is_all() {
            return f(None);
        }
        return ts.terms.0.iter().all(|term| match term {
            TypeTerm::All => f(None),
            TypeTerm::Type { typ, .. } => f(Some(underlying(s, *typ))),
        });
    }
    f(Some(underlying(s, t)))
}

/// The types of `t`'s type set with their underlying types (types2's
/// typeset iterator): `t` itself if it is not a type parameter, one
/// `(None, None)` if the set has no specific types.
fn type_set_members(s: &impl Store, t: TypeId) -> Vec<(Option<TypeId>, Option<TypeId>)> {
    if is_type_param(s, t) {
        let ts = type_set(s, t);
        if ts.terms.is_empty() || ts.terms.is_all() {
            return vec![(None, None)];
        }
        return ts
            .terms
            .0
            .iter()
            .map(|term| match term {
                TypeTerm::All => (None, None),
                TypeTerm::Type { typ, .. } => (Some(*typ), Some(underlying(s, *typ))),
            })
            .collect();
    }
    vec![(Some(t), Some(underlying(s, t)))]
}

/// Whether `$pred` holds for `t`, or for every type in the type set of a
/// type parameter `t` (false if it has no specific types): types2's
/// allBoolean, allInteger, ...
macro_rules! all_pred {
    ($name:ident, $pred:path) => {
        pub(crate) fn $name(s: &impl Store, t: TypeId) -> bool {
            if is_type_param(s, t) {
                let ts = type_set(s, t);
                if ts.terms.is_empty() || ts.terms.is_all() {
                    return false;
                }
                return ts.terms.0.iter().all(|term| match term {
                    TypeTerm::All => false,
                    TypeTerm::Type { typ, .. } => $pred(s, *typ),
                });
            }
            $pred(s, t)
        }
    };
}

all_pred!(all_boolean, is_boolean);
all_pred!(all_integer, is_integer);
all_pred!(all_unsigned, is_unsigned);
all_pred!(all_numeric, is_numeric);
all_pred!(all_string, is_string);
all_pred!(all_ordered, is_ordered);

fn is_numeric_or_string(s: &impl Store, t: TypeId) -> bool {
    is_numeric(s, t) || is_string(s, t)
}
all_pred!(all_numeric_or_string, is_numeric_or_string);

/// Whether `t` is an interface that is not a type parameter.
fn is_non_tparam_interface(s: &impl Store, t: TypeId) -> bool {
    is_interface(s, t)
}

fn is_pointer(s: &impl Store, t: TypeId) -> bool {
    matches!(s.ty(underlying(s, t)), Type::Pointer(_))
}

/// Whether `nil` is a value of `t` (types2's hasNil, with type
/// parameters by their type sets).
pub(crate) fn has_nil(s: &impl Store, t: TypeId) -> bool {
    if is_type_param(s, t) {
        return under_is(s, t, |u| {
            u.is_some_and(|u| crate::predicates::has_nil(s, u))
        });
    }
    crate::predicates::has_nil(s, t)
}

/// Whether `t` is a generic named type or alias not yet instantiated.
fn is_generic_type(s: &impl Store, t: TypeId) -> bool {
    match s.ty(t) {
        Type::Named(n) => !n.tparams.is_empty() && n.origin.is_none(),
        Type::Alias(a) => !a.tparams.is_empty() && a.origin.is_none(),
        _ => false,
    }
}

impl<'a> Checker<'a, '_> {
    // -----------------------------------------------------------------------
    // Entry points

    /// Checks `e` of any kind (value, type, built-in, no value) and
    /// records its type (types2's rawExpr). `hint` is the type of the
    /// enclosing composite literal's elements (for elided types).
    pub(crate) fn raw_expr(
        &mut self,
        target: Option<Target>,
        e: &'a Expr,
        hint: Option<TypeId>,
        allow_generic: bool,
    ) -> Operand<'a> {
        let mut x = self.expr_internal(e, hint, allow_generic);
        if !allow_generic {
            self.non_generic(target, &mut x);
        }
        self.record_operand(e, &x);
        x
    }

    /// `e` must be a single value (types2's expr): not a type, not a
    /// call without results, not a tuple.
    pub(crate) fn expr(&mut self, target: Option<Target>, e: &'a Expr) -> Operand<'a> {
        let mut x = self.raw_expr(target, e, None, false);
        self.exclude(&mut x, NO_VALUE | BUILTIN | TYPE_EXPR);
        self.reject_tuple(&mut x);
        x
    }

    /// Like `expr`, but a generic function value is allowed (types2's
    /// genericExpr).
    pub(crate) fn gen_expr(&mut self, e: &'a Expr) -> Operand<'a> {
        let mut x = self.raw_expr(None, e, None, true);
        self.exclude(&mut x, NO_VALUE | BUILTIN | TYPE_EXPR);
        self.reject_tuple(&mut x);
        x
    }

    /// `e` may be a call with several results, or a comma-ok
    /// expression if `allow_comma_ok` (types2's multiExpr): one operand
    /// per value. The values of a call are named "1st function result",
    /// ...; the second value of a comma-ok expression is an untyped bool
    /// ("ok value of (comma, ok) expression") or an error.
    pub(crate) fn multi_expr(&mut self, e: &'a Expr, allow_comma_ok: bool) -> Vec<Operand<'a>> {
        let mut x = self.raw_expr(None, e, None, false);
        self.exclude(&mut x, NO_VALUE | BUILTIN | TYPE_EXPR);
        if x.is_valid() {
            if let Type::Tuple(vars) = self.store.ty(x.typ) {
                let start = e.start_pos();
                return vars
                    .clone()
                    .iter()
                    .enumerate()
                    .map(|(i, &v)| Operand {
                        mode: Mode::Value,
                        expr: Some(dummy_name(&nth(i + 1, "function result"), start)),
                        typ: self.store.obj(v).typ.unwrap_or(universe::INVALID),
                        val: None,
                    })
                    .collect();
            }
        }
        let comma = matches!(x.mode, Mode::MapIndex | Mode::CommaOk | Mode::CommaErr);
        if allow_comma_ok && comma {
            let (what, typ) = if x.mode == Mode::CommaErr {
                ("err value of (comma, err) expression", universe::ERROR)
            } else {
                ("ok value of (comma, ok) expression", universe::UNTYPED_BOOL)
            };
            let x2 = Operand {
                mode: Mode::Value,
                expr: Some(dummy_name(what, e.start_pos())),
                typ,
                val: None,
            };
            return vec![x, x2];
        }
        vec![x]
    }

    /// `e` as a single value, with `hint` for an elided composite literal
    /// type (types2's exprWithHint).
    pub(crate) fn expr_with_hint(&mut self, e: &'a Expr, hint: TypeId) -> Operand<'a> {
        let mut x = self.raw_expr(None, e, Some(hint), false);
        self.exclude(&mut x, NO_VALUE | BUILTIN | TYPE_EXPR);
        self.reject_tuple(&mut x);
        x
    }

    /// `e` may be a value or a type (types2's exprOrType).
    pub(crate) fn expr_or_type(&mut self, e: &'a Expr, allow_generic: bool) -> Operand<'a> {
        let mut x = self.raw_expr(None, e, None, allow_generic);
        self.exclude(&mut x, NO_VALUE);
        self.reject_tuple(&mut x);
        x
    }

    /// Checks the expressions of a list for their side effects and
    /// errors only, after an error made their values irrelevant (types2's
    /// use). The blank identifier is not evaluated.
    pub(crate) fn use_exprs(&mut self, es: &'a [Expr]) {
        for e in es {
            match &e.unparen().kind {
                ExprKind::Name(n) if n.as_str() == "_" => {}
                ExprKind::Name(_) => {
                    let _ = self.expr_or_type(e.unparen(), true);
                }
                _ => {
                    let _ = self.raw_expr(None, e, None, true);
                }
            }
        }
    }

    /// Reports `x` if its mode is one of `modes` and invalidates it
    /// (types2's exclude).
    fn exclude(&mut self, x: &mut Operand<'a>, modes: u8) {
        let msg = match x.mode {
            Mode::NoValue if modes & NO_VALUE != 0 => {
                if modes & TYPE_EXPR != 0 {
                    "used as value"
                } else {
                    "used as value or type"
                }
            }
            Mode::Builtin(_) if modes & BUILTIN != 0 => "must be called",
            Mode::TypeExpr if modes & TYPE_EXPR != 0 => "is not an expression",
            _ => return,
        };
        let m = format!("{} {msg}", self.op_str(x));
        self.errorf(at(x), m);
        x.mode = Mode::Invalid;
    }

    /// Reports a tuple used as a single value (types2's singleValue).
    fn reject_tuple(&mut self, x: &mut Operand<'a>) {
        if x.mode == Mode::Value {
            if let Type::Tuple(_) = self.store.ty(x.typ) {
                let m = format!("multiple-value {} in single-value context", self.op_str(x));
                self.errorf(at(x), m);
                x.mode = Mode::Invalid;
            }
        }
    }

    /// Reports a generic type or function used without instantiation,
    /// unless the function's type arguments can be inferred from the
    /// target signature (types2's nonGeneric).
    fn non_generic(&mut self, target: Option<Target>, x: &mut Operand<'a>) {
        if !x.is_valid() || x.mode == Mode::NoValue {
            return;
        }
        let what = match self.store.ty(x.typ) {
            Type::Named(_) | Type::Alias(_) if is_generic_type(&self.store, x.typ) => "type",
            Type::Signature(sig) if !sig.tparams.is_empty() => {
                if let Some(t) = target {
                    self.reverse_func_inst(t, x);
                    return;
                }
                "function"
            }
            _ => return,
        };
        let m = format!(
            "cannot use generic {what} {} without instantiation",
            x.expr.map(expr_string).unwrap_or_default()
        );
        self.errorf(at(x), m);
        x.mode = Mode::Invalid;
        x.typ = universe::INVALID;
    }

    /// Infers the type arguments of the generic function value `x` from
    /// the signature it is assigned to (types2's funcInst with a target
    /// and no index expression).
    fn reverse_func_inst(&mut self, target: Target, x: &mut Operand<'a>) {
        let Type::Signature(sig) = self.store.ty(x.typ) else {
            return;
        };
        let sig = sig.clone();
        let pos = x.expr.map_or(Pos::NONE, |e| e.pos);
        if !self.allow_version(18) {
            self.errorf(pos, "function instantiation requires go1.18 or later");
        } else if !self.allow_version(21) {
            self.errorf(
                pos,
                "implicitly instantiated function in assignment requires go1.21 or later",
            );
        }
        let gsig = self.store.arena.add_type(Type::Signature(Signature {
            recv: None,
            tparams: vec![],
            recv_tparams: vec![],
            params: sig.params,
            results: sig.results,
            variadic: sig.variadic,
        }));
        let param = self.store.arena.add_object(crate::object::Object::new(
            sym(""),
            pos,
            Some(self.pkg()),
            Some(gsig),
            crate::object::ObjKind::Var {
                embedded: false,
                is_field: false,
                is_param: true,
                used: false,
            },
        ));
        let params = self.store.arena.add_type(Type::Tuple(vec![param]));
        let arg = Operand {
            mode: Mode::Value,
            expr: Some(dummy_name(target.desc, pos)),
            typ: target.sig,
            val: None,
        };
        let Some(targs) = self.infer(pos, &sig.tparams, &[], Some(params), &[arg], true) else {
            x.mode = Mode::Invalid;
            return;
        };
        let inst = self.instantiate(pos, x.typ, &targs, false);
        if let Some(e) = x.expr {
            self.record_instance(e, targs, inst);
        }
        x.typ = inst;
        x.mode = Mode::Value;
    }

    // -----------------------------------------------------------------------
    // The dispatcher

    fn expr_internal(
        &mut self,
        e: &'a Expr,
        hint: Option<TypeId>,
        allow_generic: bool,
    ) -> Operand<'a> {
        let mut x = match &e.kind {
            ExprKind::Bad => Operand::invalid(Some(e)),
            ExprKind::Name(n) => self.ident(e, *n, None, false),
            ExprKind::DotsType(_) => {
                self.errorf(e.start_pos(), "invalid syntax tree: invalid use of ...");
                Operand::invalid(Some(e))
            }
            ExprKind::BasicLit(lit) => self.basic_lit(e, lit),
            ExprKind::FuncLit(lit) => self.func_lit(e, lit),
            ExprKind::CompositeLit(lit) => self.composite_lit(e, lit, hint),
            ExprKind::Paren(inner) => {
                // Inference does not see through parentheses.
                let mut x = self.raw_expr(None, inner, None, false);
                x.expr = Some(e);
                return x;
            }
            ExprKind::Selector(x, sel) => self.selector(e, x, *sel, None, false),
            ExprKind::Index(x, indices) => self.index_expr(e, x, indices, allow_generic),
            ExprKind::Slice(s) => self.slice_expr(e, s),
            ExprKind::Assert(x, t) => self.assert_expr(e, x, t),
            ExprKind::TypeSwitchGuard(_, x) => {
                self.errorf(
                    e.start_pos(),
                    "invalid syntax tree: use of .(type) outside type switch",
                );
                self.use_exprs(std::slice::from_ref(&**x));
                Operand::invalid(Some(e))
            }
            ExprKind::Call(call) => self.call_expr(e, call),
            ExprKind::Operation(Operator::Mul, x, None) => self.indirection(e, x),
            ExprKind::Operation(op, x, None) => self.unary(e, *op, x),
            ExprKind::Operation(op, x, Some(y)) => self.binary(Some(e), x, y, *op),
            ExprKind::KeyValue(..) => {
                self.errorf(e.start_pos(), "invalid syntax tree: no key:value expected");
                Operand::invalid(Some(e))
            }
            ExprKind::ArrayType(..)
            | ExprKind::SliceType(_)
            | ExprKind::StructType(_)
            | ExprKind::FuncType(_)
            | ExprKind::InterfaceType(_)
            | ExprKind::MapType(..)
            | ExprKind::ChanType(..) => Operand {
                mode: Mode::TypeExpr,
                expr: Some(e),
                typ: self.typ(e),
                val: None,
            },
        };
        if !x.is_valid() {
            x.typ = universe::INVALID;
            x.val = None;
        }
        x.expr = Some(e);
        x
    }

    /// A basic literal (types2's basicLit).
    fn basic_lit(&mut self, e: &'a Expr, lit: &BasicLit) -> Operand<'a> {
        if lit.bad {
            return Operand::invalid(Some(e)); // reported by the scanner
        }
        let s = &*lit.value;
        if matches!(lit.kind, LitKind::Int | LitKind::Float | LitKind::Imag) {
            self.lang_compat(e.start_pos(), lit);
            if s.len() > MAX_NUMBER_LITERAL_LEN {
                let head: String = s.chars().take(10).collect();
                self.errorf(
                    e.start_pos(),
                    format!("excessively long constant: {head}... ({} chars)", s.len()),
                );
                return Operand::invalid(Some(e));
            }
        }
        let val = Value::from_literal(lit.kind, s);
        if val.is_unknown() {
            self.errorf(e.start_pos(), format!("malformed constant: {s}"));
            return Operand::invalid(Some(e));
        }
        let typ = match lit.kind {
            LitKind::Int => universe::UNTYPED_INT,
            LitKind::Float => universe::UNTYPED_FLOAT,
            LitKind::Imag => universe::UNTYPED_COMPLEX,
            LitKind::Rune => universe::UNTYPED_RUNE,
            LitKind::String => universe::UNTYPED_STRING,
        };
        let mut x = Operand {
            mode: Mode::Constant,
            expr: Some(e),
            typ,
            val: Some(val),
        };
        self.overflow(&mut x, op_pos(Some(e)));
        x
    }

    /// Number literal syntax newer than the language version (types2's
    /// langCompat).
    fn lang_compat(&mut self, pos: Pos, lit: &BasicLit) {
        let s = lit.value.as_bytes();
        if s.len() <= 2 || self.allow_version(13) {
            return;
        }
        let what = if s.contains(&b'_') {
            "underscore in numeric literal"
        } else if s[0] != b'0' {
            return;
        } else {
            match s[1] {
                b'b' | b'B' => "binary literal",
                b'o' | b'O' => "0o/0O-style octal literal",
                b'x' | b'X' if lit.kind != LitKind::Int => "hexadecimal floating-point literal",
                _ => return,
            }
        };
        self.errorf(pos, format!("{what} requires go1.13 or later"));
    }

    /// `x.(T)` outside a type switch.
    fn assert_expr(&mut self, e: &'a Expr, xe: &'a Expr, te: &'a Expr) -> Operand<'a> {
        let mut x = self.expr(None, xe);
        if !x.is_valid() {
            return Operand::invalid(Some(e));
        }
        if is_type_param(&self.store, x.typ) {
            let m = format!(
                "{INVALID_OP}cannot use type assertion on type parameter value {}",
                self.op_str(&x)
            );
            self.errorf(at(&x), m);
            return Operand::invalid(Some(e));
        }
        if !matches!(
            self.store.ty(underlying(&self.store, x.typ)),
            Type::Interface(_)
        ) {
            let m = format!("{INVALID_OP}{} is not an interface", self.op_str(&x));
            self.errorf(at(&x), m);
            return Operand::invalid(Some(e));
        }
        let t = self.var_type(te);
        if t == universe::INVALID || !self.is_complete(t) {
            return Operand::invalid(Some(e));
        }
        self.type_assertion(e, &x, t, false);
        x.mode = Mode::CommaOk;
        x.typ = t;
        x.val = None;
        x
    }

    /// Checks that `x.(T)` can succeed: `T` implements the interface of
    /// `x` if it is not an interface itself (types2's typeAssertion). For
    /// a case of a type switch, `e` is the case's type expression.
    pub(crate) fn type_assertion(
        &mut self,
        e: &'a Expr,
        x: &Operand<'a>,
        t: TypeId,
        type_switch: bool,
    ) {
        if is_interface(&self.store, t) {
            return;
        }
        let q = RelativeTo(&self.store, self.pkg());
        let Some((_, cause)) = crate::implements::missing_method(&self.store, &q, t, x.typ, false)
        else {
            return;
        };
        let (es, ts, xts) = (expr_string(e), self.type_str(t), self.type_str(x.typ));
        let m = if type_switch {
            format!(
                "impossible type switch case: {es}\n\t{} cannot have dynamic type {ts} {cause}",
                self.op_str(x)
            )
        } else {
            format!("impossible type assertion: {es}\n\t{ts} does not implement {xts} {cause}")
        };
        self.errorf(e.start_pos(), m);
    }

    /// `*x`: a pointer type if `x` is a type, else an indirection.
    fn indirection(&mut self, e: &'a Expr, xe: &'a Expr) -> Operand<'a> {
        let mut x = self.expr_or_type(xe, false);
        match x.mode {
            Mode::Invalid => return Operand::invalid(Some(e)),
            Mode::TypeExpr => {
                self.valid_pointer_base(xe, x.typ);
                x.typ = self.store.arena.add_type(Type::Pointer(x.typ));
                return x;
            }
            _ => {}
        }
        let mut base: Option<TypeId> = None;
        let mut err: Option<&str> = None;
        let ok = under_is(&self.store, x.typ, |u| {
            let Some(Type::Pointer(b)) = u.map(|u| self.store.ty(u)) else {
                err = Some("cannot indirect");
                return false;
            };
            if let Some(prev) = base {
                if !identical(&self.store, prev, *b) {
                    err = Some("pointers of");
                    return false;
                }
            }
            base = Some(*b);
            true
        });
        if !ok {
            let m = match err {
                Some("pointers of") => format!(
                    "{INVALID_OP}pointers of {} must have identical base types",
                    self.op_str(&x)
                ),
                _ => format!("{INVALID_OP}cannot indirect {}", self.op_str(&x)),
            };
            self.errorf(at(&x), m);
            return Operand::invalid(Some(e));
        }
        let base = base.unwrap_or(universe::INVALID);
        if !self.is_complete(base) {
            return Operand::invalid(Some(e));
        }
        x.mode = Mode::Variable;
        x.typ = base;
        x.val = None;
        x
    }

    /// Reports (later, once types are complete) a constraint interface
    /// used as the type of a value (types2's validVarType).
    fn valid_pointer_base(&mut self, e: &'a Expr, t: TypeId) {
        if is_type_param(&self.store, t) {
            return;
        }
        let pos = e.start_pos();
        self.later(move |c| {
            if let Type::Interface(_) = c.store.ty(underlying(&c.store, t)) {
                let ts = type_set(&c.store, t);
                if !ts.is_method_set() {
                    let why = if ts.comparable {
                        "interface is (or embeds) comparable"
                    } else {
                        "interface contains type constraints"
                    };
                    let m = format!(
                        "cannot use type {} outside a type constraint: {why}",
                        c.type_str(t)
                    );
                    c.soft_errorf(pos, m);
                }
            }
        });
    }

    // -----------------------------------------------------------------------
    // Unary operations

    fn unary(&mut self, e: &'a Expr, mut op: Operator, xe: &'a Expr) -> Operand<'a> {
        let mut x = self.expr(None, xe);
        if !x.is_valid() {
            return Operand::invalid(Some(e));
        }
        match op {
            Operator::And => {
                let is_lit = matches!(xe.unparen().kind, ExprKind::CompositeLit(_));
                if !is_lit && x.mode != Mode::Variable {
                    let m = format!("{INVALID_OP}cannot take address of {}", self.op_str(&x));
                    self.errorf(at(&x), m);
                    return Operand::invalid(Some(e));
                }
                x.mode = Mode::Value;
                x.typ = self.store.arena.add_type(Type::Pointer(x.typ));
                x.val = None;
                return x;
            }
            Operator::Recv => {
                return match self.channel_elem(&x, true) {
                    Some(elem) if self.is_complete(elem) => {
                        self.env.has_call_or_recv = true;
                        Operand {
                            mode: Mode::CommaOk,
                            expr: Some(e),
                            typ: elem,
                            val: None,
                        }
                    }
                    _ => Operand::invalid(Some(e)),
                };
            }
            Operator::Tilde => {
                if !all_integer(&self.store, x.typ) {
                    self.errorf(
                        e.start_pos(),
                        "cannot use ~ outside of interface or type constraint",
                    );
                    return Operand::invalid(Some(e));
                }
                self.errorf(
                    e.start_pos(),
                    "cannot use ~ outside of interface or type constraint (use ^ for bitwise complement)",
                );
                op = Operator::Xor;
            }
            _ => {}
        }
        let ok = match op {
            Operator::Add | Operator::Sub => all_numeric(&self.store, x.typ),
            Operator::Xor => all_integer(&self.store, x.typ),
            Operator::Not => all_boolean(&self.store, x.typ),
            _ => {
                let m = format!("invalid syntax tree: unknown operator {}", op.as_str());
                self.errorf(at(&x), m);
                return Operand::invalid(Some(e));
            }
        };
        if !ok {
            let m = format!(
                "{INVALID_OP}operator {} not defined on {}",
                op.as_str(),
                self.op_str(&x)
            );
            self.errorf(at(&x), m);
            return Operand::invalid(Some(e));
        }
        if x.mode == Mode::Constant {
            let v = x.val.clone().unwrap_or_default();
            if v.is_unknown() {
                return x;
            }
            let prec = if is_unsigned(&self.store, x.typ) {
                basic_kind(&self.store, x.typ).map_or(0, |k| k.bits())
            } else {
                0
            };
            let Some(uop) = UnaryOp::from_operator(op) else {
                return Operand::invalid(Some(e));
            };
            x.val = Some(v.unary(uop, prec));
            x.expr = Some(e);
            self.overflow(&mut x, op_pos(Some(e)));
            return x;
        }
        x.mode = Mode::Value;
        x
    }

    /// The element type of channel operand `x` for a receive (`recv`) or a
    /// send, or `None` after reporting why the operation is invalid
    /// (types2's chanElem).
    pub(crate) fn channel_elem(&mut self, x: &Operand<'a>, recv: bool) -> Option<TypeId> {
        let cond = |c: &Self, t: Option<TypeId>, u: Option<TypeId>| -> Option<String> {
            let Some(u) = u else {
                return Some("no specific channel type".into());
            };
            let t = t.unwrap_or(u);
            match c.store.ty(u) {
                Type::Chan(ChanDir::Send, _) if recv => {
                    Some(format!("send-only channel {}", c.type_str(t)))
                }
                Type::Chan(ChanDir::Recv, _) if !recv => {
                    Some(format!("receive-only channel {}", c.type_str(t)))
                }
                Type::Chan(..) => None,
                _ => Some(format!("non-channel {}", c.type_str(t))),
            }
        };
        let cause = match self.common_underlying(x.typ, cond) {
            Ok(u) => {
                if let Type::Chan(_, elem) = self.store.ty(u) {
                    return Some(*elem);
                }
                return None;
            }
            Err(c) => c,
        };
        let (xs, tp) = (self.op_str(x), is_type_param(&self.store, x.typ));
        let m = match (recv, tp) {
            (true, true) => format!("{INVALID_OP}cannot receive from {xs}: {cause}"),
            (true, false) => format!("{INVALID_OP}cannot receive from {cause} {xs}"),
            (false, true) => format!("{INVALID_OP}cannot send to {xs}: {cause}"),
            (false, false) => format!("{INVALID_OP}cannot send to {cause} {xs}"),
        };
        self.errorf(at(x), m);
        None
    }

    /// The underlying type all types of `t`'s type set share (channels
    /// may differ in direction; the restricted one wins), checking
    /// `cond` on each type and its underlying type first (types2's
    /// commonUnder). The error is gc's cause.
    pub(crate) fn common_underlying(
        &self,
        t: TypeId,
        cond: impl Fn(&Self, Option<TypeId>, Option<TypeId>) -> Option<String>,
    ) -> Result<TypeId, String> {
        let mut cur: Option<(TypeId, TypeId)> = None; // (type, underlying)
        for (t, u) in type_set_members(&self.store, t) {
            if let Some(err) = cond(self, t, u) {
                return Err(err);
            }
            let (Some(t), Some(u)) = (t, u) else {
                return Err("no specific type".into());
            };
            let Some((ct, cu)) = cur else {
                cur = Some((t, u));
                continue;
            };
            if let (Type::Chan(cd, ce), Type::Chan(d, el)) = (self.store.ty(cu), self.store.ty(u)) {
                if !identical(&self.store, *ce, *el) {
                    return Err(format!(
                        "channels {} and {} have different element types",
                        self.type_str(ct),
                        self.type_str(t)
                    ));
                }
                if cd != d {
                    if *cd == ChanDir::Both {
                        cur = Some((t, u));
                    } else if *d != ChanDir::Both {
                        return Err(format!(
                            "channels {} and {} have conflicting directions",
                            self.type_str(ct),
                            self.type_str(t)
                        ));
                    }
                }
                continue;
            }
            if !identical(&self.store, cu, u) {
                return Err(format!(
                    "{} and {} have different underlying types",
                    self.type_str(ct),
                    self.type_str(t)
                ));
            }
        }
        cur.map(|(_, u)| u).ok_or_else(|| "no specific type".into())
    }

    // -----------------------------------------------------------------------
    // Binary operations

    /// The binary operation `lhs op rhs` (types2's binary): evaluates both
    /// operands. `e` is the operation's own expression, `None` for the
    /// operation of an assignment `lhs op= rhs` (then nothing is recorded
    /// for it and messages quote `lhs op= rhs`).
    pub(crate) fn binary(
        &mut self,
        e: Option<&'a Expr>,
        lhs: &'a Expr,
        rhs: &'a Expr,
        op: Operator,
    ) -> Operand<'a> {
        let mut x = self.expr(None, lhs);
        let mut y = self.expr(None, rhs);
        if !x.is_valid() {
            return x;
        }
        if !y.is_valid() {
            return Operand::invalid(y.expr);
        }
        if is_shift(op) {
            self.shift(&mut x, &mut y, e, op);
            return x;
        }
        self.match_types(&mut x, &mut y);
        if !x.is_valid() {
            return x;
        }
        if is_comparison(op) {
            self.comparison(&mut x, &mut y, op, false);
            return x;
        }
        if !identical(&self.store, x.typ, y.typ) {
            if x.typ != universe::INVALID && y.typ != universe::INVALID {
                let (xt, yt) = (self.type_str(x.typ), self.type_str(y.typ));
                let m = match e {
                    Some(e) => format!(
                        "{INVALID_OP}{} (mismatched types {xt} and {yt})",
                        expr_string(e)
                    ),
                    None => format!(
                        "{INVALID_OP}{} {}= {} (mismatched types {xt} and {yt})",
                        expr_string(lhs),
                        op.as_str(),
                        expr_string(rhs)
                    ),
                };
                self.errorf(at(&x), m);
            }
            x.mode = Mode::Invalid;
            return x;
        }
        let s = &self.store;
        let ok = match op {
            Operator::Add => all_numeric_or_string(s, x.typ),
            Operator::Sub | Operator::Mul | Operator::Div => all_numeric(s, x.typ),
            Operator::Rem | Operator::And | Operator::Or | Operator::Xor | Operator::AndNot => {
                all_integer(s, x.typ)
            }
            Operator::AndAnd | Operator::OrOr => all_boolean(s, x.typ),
            _ => {
                let m = format!("invalid syntax tree: unknown operator {}", op.as_str());
                self.errorf(at(&x), m);
                x.mode = Mode::Invalid;
                return x;
            }
        };
        if !ok {
            let m = format!(
                "{INVALID_OP}operator {} not defined on {}",
                op.as_str(),
                self.op_str(&x)
            );
            self.errorf(at(&x), m);
            x.mode = Mode::Invalid;
            return x;
        }
        let xconst = x.mode == Mode::Constant;
        let yconst = y.mode == Mode::Constant;
        if matches!(op, Operator::Div | Operator::Rem) {
            let yv = y.val.clone().unwrap_or_default();
            if (xconst || all_integer(&self.store, x.typ)) && yconst && yv.sign() == 0 {
                // An unknown divisor has sign 0 too, but is no division by
                // zero: go/constant's Sign of Unknown is 0 as well, so gc
                // reports it the same way.
                self.errorf(at(&y), format!("{INVALID_OP}division by zero"));
                x.mode = Mode::Invalid;
                return x;
            }
            if xconst && yconst && is_complex(&self.store, x.typ) && yv.kind() == Kind::Complex {
                let (re, im) = (yv.real(), yv.imag());
                let re2 = re.binary(BinaryOp::Mul, &re);
                let im2 = im.binary(BinaryOp::Mul, &im);
                if re2.sign() == 0 && im2.sign() == 0 {
                    self.errorf(at(&y), format!("{INVALID_OP}division by zero"));
                    x.mode = Mode::Invalid;
                    return x;
                }
            }
        }
        if xconst && yconst {
            let (xv, yv) = (
                x.val.clone().unwrap_or_default(),
                y.val.clone().unwrap_or_default(),
            );
            if xv.is_unknown() || yv.is_unknown() {
                x.val = Some(Value::unknown());
                return x;
            }
            let integer = is_integer(&self.store, x.typ);
            let Some(bop) = BinaryOp::from_operator(op, integer) else {
                x.mode = Mode::Invalid;
                return x;
            };
            if !ops_fit(&xv, &yv, bop) {
                x.val = Some(Value::unknown());
                return x;
            }
            x.val = Some(xv.binary(bop, &yv));
            x.expr = e;
            self.overflow(&mut x, op_pos(e));
            if e.is_none() {
                x.expr = Some(lhs);
            }
            return x;
        }
        x.mode = Mode::Value;
        x.val = None;
        x
    }

    /// Converts untyped operands to each other's type where that may
    /// make them match (types2's matchTypes).
    pub(crate) fn match_types(&mut self, x: &mut Operand<'a>, y: &mut Operand<'a>) {
        if self.may_convert(x, y) {
            self.convert_untyped(x, y.typ);
            if !x.is_valid() {
                return;
            }
            self.convert_untyped(y, x.typ);
            if !y.is_valid() {
                x.mode = Mode::Invalid;
            }
        }
    }

    fn may_convert(&self, x: &Operand, y: &Operand) -> bool {
        let s = &self.store;
        let (xt, yt) = (x.typ, y.typ);
        if is_typed(s, xt) && is_typed(s, yt) {
            return false;
        }
        if all_numeric(s, xt) != all_numeric(s, yt) {
            return false;
        }
        if is_non_tparam_interface(s, xt) || is_non_tparam_interface(s, yt) {
            return true;
        }
        if all_boolean(s, xt) != all_boolean(s, yt) {
            return false;
        }
        if all_string(s, xt) != all_string(s, yt) {
            return false;
        }
        if x.mode == Mode::NilValue {
            return has_nil(s, yt);
        }
        if y.mode == Mode::NilValue {
            return has_nil(s, xt);
        }
        if is_pointer(s, xt) || is_pointer(s, yt) {
            return false;
        }
        true
    }

    /// The comparison `x op y` (types2's comparison); the result is an
    /// untyped boolean in `x`. With `switch_case`, `x` is a case value
    /// compared with the tag `y` and `op` is ignored.
    pub(crate) fn comparison(
        &mut self,
        x: &mut Operand<'a>,
        y: &mut Operand<'a>,
        op: Operator,
        switch_case: bool,
    ) {
        if x.typ == universe::INVALID || y.typ == universe::INVALID {
            x.mode = Mode::Invalid;
            return;
        }
        let op = if switch_case { Operator::Eql } else { op };
        // The operand the error is reported for (false: x, true: y), and
        // the cause.
        let mut err_y = false;
        let mut cause = String::new();
        let q = RelativeTo(&self.store, self.pkg());
        let assignable = crate::assignable::assignable_to(&self.store, &q, x, y.typ).is_ok()
            || crate::assignable::assignable_to(&self.store, &q, y, x.typ).is_ok();
        let failed = 'check: {
            if !assignable {
                err_y = true;
                cause = format!(
                    "mismatched types {} and {}",
                    self.type_str(x.typ),
                    self.type_str(y.typ)
                );
                break 'check true;
            }
            let s = &self.store;
            match op {
                Operator::Eql | Operator::Neq => {
                    let (xnil, ynil) = (x.mode == Mode::NilValue, y.mode == Mode::NilValue);
                    if xnil || ynil {
                        let t = if xnil { y.typ } else { x.typ };
                        if !has_nil(s, t) {
                            err_y = true;
                            break 'check true;
                        }
                    } else if !crate::assignable::comparable(s, x.typ, true) {
                        cause = self.incomparable_reason(x.typ);
                        break 'check true;
                    } else if !crate::assignable::comparable(s, y.typ, true) {
                        err_y = true;
                        cause = self.incomparable_reason(y.typ);
                        break 'check true;
                    }
                }
                _ => {
                    if !all_ordered(s, x.typ) {
                        break 'check true;
                    }
                    if !all_ordered(s, y.typ) {
                        err_y = true;
                        break 'check true;
                    }
                }
            }
            false
        };
        if !failed {
            if x.mode == Mode::Constant && y.mode == Mode::Constant {
                let (xv, yv) = (
                    x.val.clone().unwrap_or_default(),
                    y.val.clone().unwrap_or_default(),
                );
                let v = if xv.is_unknown() || yv.is_unknown() || !compare_fits(&xv, &yv) {
                    Value::unknown()
                } else {
                    match CompareOp::from_operator(op) {
                        Some(cop) => Value::from_bool(xv.compare(cop, &yv)),
                        None => Value::unknown(),
                    }
                };
                x.val = Some(v);
            } else {
                x.mode = Mode::Value;
                x.val = None;
                if let Some(xe) = x.expr {
                    let t = default_type(&self.store, x.typ);
                    self.update_expr_type(xe, t, true);
                }
                if let Some(ye) = y.expr {
                    let t = default_type(&self.store, y.typ);
                    self.update_expr_type(ye, t, true);
                }
            }
            x.typ = universe::UNTYPED_BOOL;
            return;
        }
        if cause.is_empty() {
            let s = &self.store;
            let (xtp, ytp) = (is_type_param(s, x.typ), is_type_param(s, y.typ));
            if xtp || ytp {
                if !xtp {
                    err_y = true;
                }
                let t = if err_y { y.typ } else { x.typ };
                cause = format!(
                    "type parameter {} cannot use operator {}",
                    self.type_str(t),
                    op.as_str()
                );
            } else {
                let t = if err_y { y.typ } else { x.typ };
                let mut what = composite_kind(s, t).to_string();
                if what.is_empty() {
                    what = self.type_str(t);
                }
                cause = format!("operator {} not defined on {what}", op.as_str());
            }
        }
        let xs = x.expr.map(expr_string).unwrap_or_default();
        let ys = y.expr.map(expr_string).unwrap_or_default();
        if switch_case {
            let m = format!("invalid case {xs} in switch on {ys} ({cause})");
            self.errorf(at(x), m);
        } else {
            let m = format!("{INVALID_OP}{xs} {} {ys} ({cause})", op.as_str());
            let pos = if err_y { at(y) } else { at(x) };
            self.errorf(pos, m);
        }
        x.mode = Mode::Invalid;
    }

    /// Why values of `t` cannot be compared (types2's incomparableCause).
    fn incomparable_reason(&self, t: TypeId) -> String {
        match self.store.ty(underlying(&self.store, t)) {
            Type::Slice(_) | Type::Signature(_) | Type::Map(..) => {
                format!(
                    "{} can only be compared to nil",
                    composite_kind(&self.store, t)
                )
            }
            _ => self
                .comparable_cause(t, &mut Vec::new())
                .unwrap_or_default(),
        }
    }

    /// Why `t` is not comparable (dynamically), or `None` if it is
    /// (types2's comparableType with its causes).
    fn comparable_cause(&self, t: TypeId, seen: &mut Vec<TypeId>) -> Option<String> {
        if seen.contains(&t) {
            return None;
        }
        seen.push(t);
        let s = &self.store;
        match s.ty(underlying(s, t)) {
            Type::Basic { kind, .. } => (*kind == BasicKind::UntypedNil).then(String::new),
            Type::Pointer(_) | Type::Chan(..) => None,
            Type::Struct(st) => {
                for &f in &st.fields {
                    let Some(ft) = s.obj(f).typ else { continue };
                    if self.comparable_cause(ft, seen).is_some() {
                        return Some(format!(
                            "struct containing {} cannot be compared",
                            self.type_str(ft)
                        ));
                    }
                }
                None
            }
            Type::Array(_, elem) => {
                let elem = *elem;
                self.comparable_cause(elem, seen)
                    .map(|_| format!("{} cannot be compared", self.type_str(t)))
            }
            Type::Interface(_) => {
                if (!is_type_param(s, t)) || crate::assignable::comparable(s, t, false) {
                    return None;
                }
                if type_set(s, t).is_empty() {
                    Some("empty type set".into())
                } else {
                    Some("incomparable types in type set".into())
                }
            }
            _ => Some(String::new()),
        }
    }

    /// The shift `x op y` (types2's shift); `e` is the shift expression,
    /// `None` for `x op= y`.
    fn shift(
        &mut self,
        x: &mut Operand<'a>,
        y: &mut Operand<'a>,
        e: Option<&'a Expr>,
        op: Operator,
    ) {
        let s = &self.store;
        let xval = (x.mode == Mode::Constant).then(|| x.val.clone().unwrap_or_default().to_int());
        let lhs_int = all_integer(s, x.typ)
            || (is_untyped(s, x.typ) && xval.as_ref().is_some_and(|v| v.kind() == Kind::Int));
        if !lhs_int {
            let m = format!(
                "{INVALID_OP}shifted operand {} must be integer",
                self.op_str(x)
            );
            self.errorf(at(x), m);
            x.mode = Mode::Invalid;
            return;
        }
        let mut yval = None;
        if y.mode == Mode::Constant {
            let v = y.val.clone().unwrap_or_default().to_int();
            if v.kind() == Kind::Int && v.sign() < 0 {
                let m = format!("{INVALID_OP}negative shift count {}", self.op_str(y));
                self.errorf(at(y), m);
                x.mode = Mode::Invalid;
                return;
            }
            yval = Some(v);
            if is_untyped(&self.store, y.typ) {
                self.representable(y, BasicKind::Uint);
                if !y.is_valid() {
                    x.mode = Mode::Invalid;
                    return;
                }
            }
        } else if all_integer(&self.store, y.typ) {
            if !all_unsigned(&self.store, y.typ) && !self.allow_version(13) {
                let m = format!(
                    "{INVALID_OP}signed shift count {} requires go1.13 or later",
                    self.op_str(y)
                );
                self.errorf(at(y), m);
                x.mode = Mode::Invalid;
                return;
            }
        } else if is_untyped(&self.store, y.typ) {
            self.convert_untyped(y, universe::basic(BasicKind::Uint));
            if !y.is_valid() {
                x.mode = Mode::Invalid;
                return;
            }
        } else {
            let m = format!("{INVALID_OP}shift count {} must be integer", self.op_str(y));
            self.errorf(at(y), m);
            x.mode = Mode::Invalid;
            return;
        }

        if x.mode == Mode::Constant {
            if y.mode == Mode::Constant {
                let xv = xval.unwrap_or_default();
                let yv = yval.unwrap_or_default();
                if x.val.as_ref().is_none_or(|v| v.is_unknown())
                    || y.val.as_ref().is_none_or(|v| v.is_unknown())
                {
                    x.val = Some(Value::unknown());
                    if !is_integer(&self.store, x.typ) {
                        x.typ = universe::UNTYPED_INT;
                    }
                    return;
                }
                let count = yv.uint64_val().filter(|&c| c <= SHIFT_BOUND);
                let Some(count) = count else {
                    let m = format!("{INVALID_OP}invalid shift count {}", self.op_str(y));
                    self.errorf(at(y), m);
                    x.mode = Mode::Invalid;
                    return;
                };
                if !is_integer(&self.store, x.typ) {
                    x.typ = universe::UNTYPED_INT;
                }
                let sop = if op == Operator::Shl {
                    ShiftOp::Shl
                } else {
                    ShiftOp::Shr
                };
                if xv.kind() != Kind::Int {
                    x.val = Some(Value::unknown());
                    return;
                }
                x.val = Some(xv.shift(sop, count as u32));
                let lhs_expr = x.expr;
                x.expr = e;
                self.overflow(x, op_pos(e));
                if e.is_none() {
                    x.expr = lhs_expr;
                }
                return;
            }
            if is_untyped(&self.store, x.typ) {
                // The constant takes the type it would have without the
                // shift: decided when the context gives it one.
                if let Some(xe) = x.expr {
                    let k = self.key(xe);
                    if let Some(info) = self.untyped.get_mut(&k) {
                        info.is_lhs = true;
                    }
                }
                x.mode = Mode::Value;
                return;
            }
        }
        if !all_integer(&self.store, x.typ) {
            let m = format!(
                "{INVALID_OP}shifted operand {} must be integer",
                self.op_str(x)
            );
            self.errorf(at(x), m);
            x.mode = Mode::Invalid;
            return;
        }
        x.mode = Mode::Value;
        x.val = None;
    }

    // -----------------------------------------------------------------------
    // Constants

    /// Checks that the constant `x` is representable in its type, or, if
    /// untyped, that it did not grow beyond the limits (types2's
    /// overflow). `pos` is where to report an unrepresentable result.
    pub(crate) fn overflow(&mut self, x: &mut Operand<'a>, pos: Pos) {
        let v = x.val.clone().unwrap_or_default();
        if v.is_unknown() {
            self.errorf(pos, "constant result is not representable");
            return;
        }
        if is_typed(&self.store, x.typ) {
            if let Some(k) = basic_kind(&self.store, x.typ) {
                self.representable(x, k);
            }
            return;
        }
        if v.kind() == Kind::Int && v.bit_len() > PREC {
            let name = op_name(x.expr);
            let sep = if name.is_empty() { "" } else { " " };
            self.errorf(pos, format!("constant {name}{sep}overflow"));
            x.val = Some(Value::unknown());
            return;
        }
        if v.kind() == Kind::String && v.str_len() > MAX_STRING_LEN {
            let m = format!(
                "constant string too long ({} bytes > {MAX_STRING_LEN} bytes)",
                v.str_len()
            );
            self.errorf(pos, m);
            x.val = Some(Value::unknown());
        }
    }

    /// Checks that the constant `x` is representable in the basic type
    /// of kind `k`, rounding its value (types2's representable); reports
    /// and invalidates `x` if not.
    pub(crate) fn representable(&mut self, x: &mut Operand<'a>, k: BasicKind) {
        let v = x.val.clone().unwrap_or_default();
        let from = basic_kind(&self.store, x.typ).unwrap_or(BasicKind::Invalid);
        match v.representation(from, k) {
            Ok(v) => x.val = Some(v),
            Err(err) => {
                self.invalid_conversion(err, x, universe::basic(k));
                x.mode = Mode::Invalid;
            }
        }
    }

    /// Reports that `x` cannot be converted (implicitly) to `target`
    /// (types2's invalidConversion).
    fn invalid_conversion(&mut self, err: ReprError, x: &Operand<'a>, target: TypeId) {
        let (xs, ts) = (self.op_str(x), self.type_str(target));
        let m = match err {
            ReprError::Truncated => format!("{xs} truncated to {ts}"),
            ReprError::Overflows => format!("{xs} overflows {ts}"),
            ReprError::CannotConvert => format!("cannot convert {xs} to type {ts}"),
        };
        self.errorf(at(x), m);
    }

    // -----------------------------------------------------------------------
    // The untyped machinery

    /// Converts an untyped operand to `target` (types2's convertUntyped):
    /// on failure reports gc's error and invalidates `x`.
    pub(crate) fn convert_untyped(&mut self, x: &mut Operand<'a>, target: TypeId) {
        let r = implicit_type(&self.store, x.mode, x.typ, x.val.as_ref(), target);
        match r {
            Err(err) => {
                let t = if is_type_param(&self.store, target) {
                    target
                } else {
                    underlying(&self.store, target)
                };
                let err = match err {
                    UntypedError::Repr(r) => r,
                    UntypedError::Mismatch => ReprError::CannotConvert,
                };
                self.invalid_conversion(err, x, t);
                x.mode = Mode::Invalid;
            }
            Ok((t, val)) => {
                if let Some(v) = val {
                    if let Some(e) = x.expr {
                        let k = self.key(e);
                        if let Some(info) = self.untyped.get_mut(&k) {
                            info.val = Some(v.clone());
                        }
                    }
                    x.val = Some(v);
                }
                if t != x.typ {
                    x.typ = t;
                    if let Some(e) = x.expr {
                        self.update_expr_type(e, t, false);
                    }
                }
            }
        }
    }

    /// The final type of the untyped expression `e` (and its operands)
    /// is `t` (types2's updateExprType). If `t` is untyped and not
    /// `final_`, only the remembered type changes; else `e` is recorded
    /// with `t`, a constant must be representable in it, and the left
    /// operand of a non-constant shift must be an integer.
    pub(crate) fn update_expr_type(&mut self, e: &'a Expr, t: TypeId, final_: bool) {
        let k = self.key(e);
        let Some(old) = self.untyped.get(&k).cloned() else {
            return;
        };
        match &e.kind {
            ExprKind::Call(_)
            | ExprKind::Name(_)
            | ExprKind::BasicLit(_)
            | ExprKind::Selector(..) => {}
            ExprKind::Paren(x) => self.update_expr_type(x, t, final_),
            ExprKind::Operation(op, x, None) => {
                if *op == Operator::Mul {
                    return;
                }
                // Operands of a constant operation stay untyped (they
                // are never materialized).
                if old.val.is_none() {
                    self.update_expr_type(x, t, final_);
                }
            }
            ExprKind::Operation(op, x, Some(y)) => {
                if old.val.is_none() {
                    if is_comparison(*op) {
                        // The operands were given their types already.
                    } else if is_shift(*op) {
                        self.update_expr_type(x, t, final_);
                    } else {
                        self.update_expr_type(x, t, final_);
                        self.update_expr_type(y, t, final_);
                    }
                }
            }
            _ => return,
        }
        if !final_ && is_untyped(&self.store, t) {
            let u = underlying(&self.store, t);
            if let Some(info) = self.untyped.get_mut(&k) {
                info.typ = u;
            }
            return;
        }
        self.untyped.remove(&k);
        if old.is_lhs && !all_integer(&self.store, t) {
            let m = format!(
                "{INVALID_OP}shifted operand {} (type {}) must be integer",
                expr_string(e),
                self.type_str(t)
            );
            self.errorf(e.start_pos(), m);
            return;
        }
        if old.val.is_some() {
            let mut c = Operand {
                mode: old.mode,
                expr: Some(e),
                typ: old.typ,
                val: old.val.clone(),
            };
            self.convert_untyped(&mut c, t);
            if !c.is_valid() {
                return;
            }
        }
        self.record_type_and_value(e, old.mode, t, old.val);
    }

    /// Records the expressions still untyped at the end with their
    /// untyped types (types2's recordUntyped: constants that never met a
    /// typed context, such as the operands of constant expressions).
    pub(crate) fn record_untyped(&mut self) {
        let mut list: Vec<_> = self.untyped.drain().collect();
        list.sort_by_key(|(k, _)| *k);
        for (k, u) in list {
            if u.mode == Mode::Invalid {
                continue;
            }
            self.info.types.insert(
                k,
                crate::info::TypeAndValue {
                    mode: u.mode,
                    typ: u.typ,
                    val: u.val,
                },
            );
        }
    }
}

/// Whether a constant operation of `x` and `y` is one go/constant
/// defines (the kinds match after the checker's type checks; a value
/// left over from an earlier error may not): otherwise the result is
/// unknown rather than a panic.
fn ops_fit(x: &Value, y: &Value, op: BinaryOp) -> bool {
    let (a, b) = (x.kind(), y.kind());
    match op {
        BinaryOp::LAnd | BinaryOp::LOr => a == Kind::Bool && b == Kind::Bool,
        BinaryOp::Add if a == Kind::String || b == Kind::String => a == b,
        BinaryOp::IntDiv
        | BinaryOp::Rem
        | BinaryOp::And
        | BinaryOp::Or
        | BinaryOp::Xor
        | BinaryOp::AndNot => x.to_int().kind() == Kind::Int && y.to_int().kind() == Kind::Int,
        _ => x.is_numeric() && y.is_numeric(),
    }
}

/// Whether go/constant's Compare is defined for `x` and `y`.
fn compare_fits(x: &Value, y: &Value) -> bool {
    let (a, b) = (x.kind(), y.kind());
    (x.is_numeric() && y.is_numeric()) || (a == b && matches!(a, Kind::Bool | Kind::String))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{UnsafeOnly, P};
    use syntax::ast::{Decl, Spec};

    /// Checks the expression `src` (no names: other passes are not
    /// needed) as the value of an assignment to a variable of its default
    /// type, and returns the errors and the final operand's description.
    fn check_expr(src: &str) -> (Vec<String>, String) {
        let fset = syntax::FileSet::new();
        let text = format!("package p\nvar _ = {src}\n");
        let (f, errs) = syntax::parse_file(&fset, "a.go", text.as_bytes());
        assert!(errs.is_empty(), "syntax errors in {src}");
        let world = crate::arena::World::new();
        let mut c = Checker::new(&world, &fset, P, "p", [&f], &UnsafeOnly);
        let Decl::Gen(g) = &f.decls[0] else { panic!() };
        let Spec::Value(v) = &g.specs[0] else {
            panic!()
        };
        let mut x = c.expr(None, &v.values[0]);
        if x.is_valid() && is_untyped(&c.store, x.typ) {
            let t = default_type(&c.store, x.typ);
            c.convert_untyped(&mut x, t);
        }
        let desc = if x.is_valid() {
            c.op_str(&x)
        } else {
            String::new()
        };
        c.record_untyped();
        let (_, errors) = c.finish();
        let errs = errors
            .iter()
            .map(|e| e.display(&fset).to_string())
            .collect();
        (errs, desc)
    }

    fn ok(src: &str, want: &str) {
        let (errs, desc) = check_expr(src);
        assert!(errs.is_empty(), "{src}: unexpected errors {errs:?}");
        assert_eq!(desc, want, "{src}");
    }

    fn err(src: &str, want: &str) {
        let (errs, _) = check_expr(src);
        assert_eq!(errs, vec![want.to_string()], "{src}");
    }

    #[test]
    fn constant_folding() {
        ok("1 + 2", "1 + 2 (constant 3 of type int)");
        ok("1 + 2.5", "1 + 2.5 (constant 3.5 of type float64)");
        ok("'a' + 1", "'a' + 1 (constant 98 of type rune)");
        ok("7 / 2", "7 / 2 (constant 3 of type int)");
        ok("7 / 2.0", "7 / 2.0 (constant 3.5 of type float64)");
        ok(
            "\"a\" + \"b\"",
            "\"a\" + \"b\" (constant \"ab\" of type string)",
        );
        ok("1 < 2", "1 < 2 (constant true of type bool)");
        ok("-(1 << 3)", "-(1 << 3) (constant -8 of type int)");
        ok("^0", "^0 (constant -1 of type int)");
        ok("!(1 == 1)", "!(1 == 1) (constant false of type bool)");
        ok("1i * 1i", "1i * 1i (constant (-1 + 0i) of type complex128)");
        ok("2.0 << 3", "2.0 << 3 (constant 16 of type int)");
        ok(
            "1 << 62",
            "1 << 62 (constant 4611686018427387904 of type int)",
        );
    }

    #[test]
    fn constant_errors() {
        err("1 / 0", "a.go:2:13: invalid operation: division by zero");
        err(
            "1.0 % 2",
            "a.go:2:9: invalid operation: operator % not defined on 1.0 (untyped float constant 1)",
        );
        err("1 + \"a\"", "a.go:2:9: invalid operation: 1 + \"a\" (mismatched types untyped int and untyped string)");
        err(
            "1 << -1",
            "a.go:2:14: invalid operation: negative shift count -1 (untyped int constant)",
        );
        err(
            "1 << 1.5",
            "a.go:2:14: 1.5 (untyped float constant) truncated to uint",
        );
        err("1.5 << 2", "a.go:2:9: invalid operation: shifted operand 1.5 (untyped float constant) must be integer");
        err(
            "1 << 10000",
            "a.go:2:14: invalid operation: invalid shift count 10000 (untyped int constant)",
        );
        err("1 << 600", "a.go:2:11: constant shift overflow");
        err("-\"a\"", "a.go:2:10: invalid operation: operator - not defined on \"a\" (untyped string constant)");
        err(
            "!1",
            "a.go:2:10: invalid operation: operator ! not defined on 1 (untyped int constant)",
        );
    }

    #[test]
    fn more_constant_errors() {
        err(
            "1 % 0.0",
            "a.go:2:9: invalid operation: operator % not defined on 1 (untyped float constant)",
        );
        err(
            "1.5 % 1",
            "a.go:2:9: invalid operation: operator % not defined on 1.5 (untyped float constant)",
        );
        err("1e1000000000", "a.go:2:9: malformed constant: 1e1000000000");
        err(
            "1 &^ 2.0",
            "a.go:2:9: invalid operation: operator &^ not defined on 1 (untyped float constant)",
        );
        err("\"a\" - \"b\"", "a.go:2:9: invalid operation: operator - not defined on \"a\" (untyped string constant)");
        err(
            "(1 + 1i) / 0i",
            "a.go:2:20: invalid operation: division by zero",
        );
        err("^1.0", "a.go:2:10: invalid operation: operator ^ not defined on 1.0 (untyped float constant 1)");
        err("1 << 511 << 1", "a.go:2:18: constant shift overflow");
        err(
            "(1 << 511) * 2",
            "a.go:2:20: constant multiplication overflow",
        );
        err(
            "-(1 << 511) - (1 << 511)",
            "a.go:2:21: constant subtraction overflow",
        );
        err("~1", "a.go:2:9: cannot use ~ outside of interface or type constraint (use ^ for bitwise complement)");
        ok("'a' << 1.0", "'a' << 1.0 (constant 194 of type rune)");
        ok("1 + 1i", "1 + 1i (constant (1 + 1i) of type complex128)");
    }

    #[test]
    fn comparisons() {
        err("1 == \"a\"", "a.go:2:14: invalid operation: 1 == \"a\" (mismatched types untyped int and untyped string)");
        err(
            "(1 == 1) < (1 == 2)",
            "a.go:2:9: invalid operation: (1 == 1) < (1 == 2) (operator < not defined on untyped bool)",
        );
        ok(
            "1 < 2 == (1 == 1)",
            "1 < 2 == (1 == 1) (constant true of type bool)",
        );
        ok(
            "\"a\" < \"b\"",
            "\"a\" < \"b\" (constant true of type bool)",
        );
    }
}
