//! Expressions (types2's expr.go, const.go, operand.go's checks): the
//! dispatcher over expression kinds (`raw_expr`), the variants callers
//! use (`expr`, `gen_expr`, `multi_expr`, `expr_with_hint`,
//! `expr_or_type`, `use_exprs`), generic values (`non_generic`, with
//! reverse inference from a `Target`, `new_target`), basic literals,
//! unary and binary operations (`binary`, also for `x op= y`), shifts,
//! comparisons (`comparison`, also for switch cases), untyped operands
//! meeting typed ones (`match_types`), type assertions (`type_assertion`,
//! also for type switches), receives (`channel_elem`, also for sends),
//! constant folding with overflow and representability checks
//! (`overflow`, `representable`), and the untyped machinery
//! (`convert_untyped`, `update_expr_type`, `record_untyped`).
//!
//! Predicates over type parameters (`all_integer` & co., `under_is`,
//! `common_underlying`, `has_nil`, `tparam_type_set`) see a type
//! parameter as the set of types of its constraint, as types2's allX
//! helpers do. Messages are placed where gc places them: at the start of
//! the operand's expression as gc's `syntax.StartPos` computes it
//! (`start_pos`, `at`). Operands standing for values without an
//! expression of their own get interned dummy names (`dummy_name`).

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
use crate::operand::{composite_kind, Mode, Operand};
use crate::predicates::{
    basic_kind, identical, is_boolean, is_complex, is_integer, is_interface, is_numeric,
    is_ordered, is_string, is_type_param, is_typed, is_unsigned, is_untyped, unalias, underlying,
};
use crate::termlist::TypeTerm;
use crate::ty::{BasicKind, ChanDir, Signature, Type};
use crate::typeset::type_set;
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
    x.expr.map_or(Pos::NONE, start_pos)
}

/// The start of `e` as gc's `syntax.StartPos` computes it: like
/// `Expr::start_pos`, except that a slice expression starts at its `[`
/// (gc does not descend into its operand).
pub(crate) fn start_pos(e: &Expr) -> Pos {
    let mut x = e;
    loop {
        x = match &x.kind {
            ExprKind::Slice(_) => return x.pos,
            ExprKind::CompositeLit(c) => match &c.typ {
                Some(t) => t,
                None => return x.pos,
            },
            ExprKind::KeyValue(k, _) => k,
            ExprKind::Selector(e, _) | ExprKind::Index(e, _) | ExprKind::Assert(e, _) => e,
            ExprKind::TypeSwitchGuard(Some(_), _) => return x.start_pos(),
            ExprKind::TypeSwitchGuard(None, e) => e,
            ExprKind::Operation(_, a, Some(_)) => a,
            ExprKind::Call(c) => &c.fun,
            _ => return x.pos,
        };
    }
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
        Some(e) => start_pos(e),
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

// ---------------------------------------------------------------------------
// Predicates over type sets

/// The type set of type parameter `t`: its constraint's, where a
/// constraint that is not an interface (`[P Foo]`) stands for the
/// implicit interface `interface{Foo}` around it.
pub(crate) fn tparam_type_set(s: &impl Store, t: TypeId) -> crate::typeset::TypeSet {
    use crate::termlist::TermList;
    use crate::typeset::TypeSet;
    let Type::TypeParam(p) = s.ty(unalias(s, t)) else {
        return type_set(s, t);
    };
    match p.bound {
        // Still being declared (or invalid): no specific types.
        None => TypeSet {
            methods: Vec::new(),
            terms: TermList::all(),
            comparable: false,
        },
        Some(b) if matches!(s.ty(underlying(s, b)), Type::Interface(_)) => type_set(s, b),
        Some(b) if is_type_param(s, b) || b == universe::INVALID => TypeSet {
            methods: Vec::new(),
            terms: TermList::all(),
            comparable: false,
        },
        Some(b) => TypeSet {
            methods: Vec::new(),
            terms: TermList(vec![TypeTerm::Type {
                tilde: false,
                typ: b,
            }]),
            comparable: false,
        },
    }
}

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
        let ts = tparam_type_set(s, t);
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
pub(crate) fn type_set_members(s: &impl Store, t: TypeId) -> Vec<(Option<TypeId>, Option<TypeId>)> {
    if is_type_param(s, t) {
        let ts = tparam_type_set(s, t);
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
                let ts = tparam_type_set(s, t);
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

/// Whether values of `t` can be compared with `==` (types2's
/// Comparable): a type parameter is if all types of its type set are
/// (and a parameter with an empty type set is not).
fn comparable_dyn(s: &impl Store, t: TypeId) -> bool {
    if is_type_param(s, t) {
        return matches!(tparam_comparable_terms(s, t), Some(true));
    }
    crate::assignable::comparable(s, t, true)
}

/// For type parameter `t`: whether every type of its type set is
/// comparable, or `None` if the set is empty. With `comparable` among
/// the constraints, the set holds only the comparable types of its terms
/// (types2 intersects them when computing the set).
fn tparam_comparable_terms(s: &impl Store, t: TypeId) -> Option<bool> {
    let ts = tparam_type_set(s, t);
    if ts.terms.is_all() {
        return Some(ts.comparable);
    }
    let cmp = |term: &TypeTerm| match term {
        TypeTerm::All => false,
        TypeTerm::Type { typ, .. } => crate::assignable::comparable(s, *typ, false),
    };
    let terms: Vec<&TypeTerm> = ts
        .terms
        .0
        .iter()
        .filter(|term| !ts.comparable || cmp(term))
        .collect();
    if terms.is_empty() {
        return None;
    }
    Some(terms.into_iter().all(cmp))
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
                let start = start_pos(e);
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
                expr: Some(dummy_name(what, start_pos(e))),
                typ,
                val: None,
            };
            return vec![x, x2];
        }
        vec![x]
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

    /// The target for reverse inference when a value is used where a `t`
    /// is expected: `t`'s signature (its type set's common underlying
    /// type), if it is a function type (types2's newTarget).
    pub(crate) fn new_target<'t>(&self, t: TypeId, desc: &'t str) -> Option<Target<'t>> {
        let u = self.common_underlying(t, |_, _, _| None).ok()?;
        matches!(self.store.ty(u), Type::Signature(_)).then_some(Target { sig: u, desc })
    }

    /// Reports a generic type or function used without instantiation,
    /// unless the function's type arguments can be inferred from the
    /// target signature (types2's nonGeneric; `assignment` uses it with
    /// `new_target` of the variable's type).
    pub(crate) fn non_generic(&mut self, target: Option<Target>, x: &mut Operand<'a>) {
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
                // A partial instantiation `f[A]` is completed from the
                // constraints, or reported there.
                if self.complete_partial_inst(x) {
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

    /// Infers the type arguments of the generic function value `x` (or
    /// the missing ones of a partial instantiation `f[A]` that
    /// `index_expr` left generic) from the signature it is assigned to
    /// (types2's funcInst with a target).
    fn reverse_func_inst(&mut self, target: Target, x: &mut Operand<'a>) {
        let Type::Signature(sig) = self.store.ty(x.typ) else {
            return;
        };
        let sig = sig.clone();
        let Some(e) = x.expr else {
            return;
        };
        // The type arguments given, and the expression naming the
        // function (where the instance is recorded).
        let partial = match &e.kind {
            ExprKind::Index(fx, _) => {
                let k = self.key(e);
                self.func_inst_targs.remove(&k).map(|targs| (targs, &**fx))
            }
            _ => None,
        };
        let pos = e.pos;
        if partial.is_none() && !self.allow_version(18) {
            self.errorf(pos, "function instantiation requires go1.18 or later");
        } else if self.allow_version(18) && !self.allow_version(21) {
            let what = if partial.is_some() {
                "partially"
            } else {
                "implicitly"
            };
            self.errorf(
                pos,
                format!("{what} instantiated function in assignment requires go1.21 or later"),
            );
        }
        let (given, fx) = partial.unwrap_or((Vec::new(), e));
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
        let targs = self.infer(pos, &sig.tparams, &given, Some(params), &[arg], true);
        let Some(targs) = targs.filter(|t| t.len() == sig.tparams.len()) else {
            x.mode = Mode::Invalid;
            return;
        };
        let inst = self.instantiate(pos, x.typ, &targs, true);
        if inst == universe::INVALID {
            x.mode = Mode::Invalid;
            return;
        }
        self.record_instance(fx, targs, inst);
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
                self.errorf(start_pos(e), "invalid syntax tree: invalid use of ...");
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
                    start_pos(e),
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
                self.errorf(start_pos(e), "invalid syntax tree: no key:value expected");
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
        }
        if x.mode != Mode::Constant {
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
            self.lang_compat(start_pos(e), lit);
            if s.len() > MAX_NUMBER_LITERAL_LEN {
                let head: String = s.chars().take(10).collect();
                self.errorf(
                    start_pos(e),
                    format!("excessively long constant: {head}... ({} chars)", s.len()),
                );
                return Operand::invalid(Some(e));
            }
        }
        let val = Value::from_literal(lit.kind, s);
        if val.is_unknown() {
            self.errorf(start_pos(e), format!("malformed constant: {s}"));
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
        let q = self.qualifier();
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
        self.errorf(start_pos(e), m);
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
        let pos = start_pos(e);
        self.later(move |c| {
            if let Type::Interface(_) = c.store.ty(underlying(&c.store, t)) {
                let ts = type_set(&c.store, t);
                if !ts.is_method_set() {
                    // (types2 folds `comparable` into specific terms.)
                    let why = if ts.comparable && ts.terms.is_all() {
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
                        start_pos(e),
                        "cannot use ~ outside of interface or type constraint",
                    );
                    return Operand::invalid(Some(e));
                }
                self.errorf(
                    start_pos(e),
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
            // (A value left by an earlier error may not fit the operator:
            // then the result is unknown rather than go/constant's panic.)
            let fits = match uop {
                UnaryOp::Pos | UnaryOp::Neg => v.is_numeric(),
                UnaryOp::Not => v.kind() == Kind::Int,
                UnaryOp::LNot => v.kind() == Kind::Bool,
            };
            x.val = Some(if fits {
                v.unary(uop, prec)
            } else {
                Value::unknown()
            });
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
            // (Only numeric values have a sign; an unknown divisor is not
            // zero, as in go/constant.)
            let yv = y.val.clone().unwrap_or_default();
            let numeric = yv.is_numeric();
            if (xconst || all_integer(&self.store, x.typ)) && yconst && numeric && yv.sign() == 0 {
                self.errorf(at(&y), format!("{INVALID_OP}division by zero"));
                x.mode = Mode::Invalid;
                return x;
            }
            if xconst && yconst && numeric && is_complex(&self.store, x.typ) {
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
        let q = self.qualifier();
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
                    } else if !comparable_dyn(s, x.typ) {
                        cause = self.incomparable_reason(x.typ);
                        break 'check true;
                    } else if !comparable_dyn(s, y.typ) {
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
                let what = composite_kind(s, t)
                    .map(str::to_string)
                    .unwrap_or_else(|| self.type_str(t));
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
        if is_type_param(&self.store, t) {
            return self
                .comparable_cause(t, &mut Vec::new())
                .unwrap_or_default();
        }
        match self.store.ty(underlying(&self.store, t)) {
            Type::Slice(_) | Type::Signature(_) | Type::Map(..) => {
                format!(
                    "{} can only be compared to nil",
                    composite_kind(&self.store, t).unwrap_or("")
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
        if is_type_param(s, t) {
            // A type parameter's underlying type is its constraint.
            return match tparam_comparable_terms(s, t) {
                Some(true) => None,
                Some(false) => Some("incomparable types in type set".into()),
                None => Some("empty type set".into()),
            };
        }
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
            Type::Interface(_) => None, // comparable dynamically
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
                self.representable(y, universe::basic(BasicKind::Uint));
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
                x.val = None;
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
            let u = underlying(&self.store, x.typ);
            if let Type::Basic { .. } = self.store.ty(u) {
                self.representable(x, u);
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
    /// `t`, rounding its value (types2's representable); reports
    /// and invalidates `x` if not.
    pub(crate) fn representable(&mut self, x: &mut Operand<'a>, t: TypeId) {
        let v = x.val.clone().unwrap_or_default();
        let from = basic_kind(&self.store, x.typ).unwrap_or(BasicKind::Invalid);
        let to = basic_kind(&self.store, t).unwrap_or(BasicKind::Invalid);
        match v.representation(from, to) {
            Ok(v) => x.val = Some(v),
            Err(err) => {
                self.invalid_conversion(err, x, t);
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
        let nil_for_tparam = (x.mode == Mode::NilValue || x.typ == universe::UNTYPED_NIL)
            && is_type_param(&self.store, target)
            && has_nil(&self.store, target);
        let r = if nil_for_tparam {
            // (untyped::implicit_type does not look into type sets for
            // nil: every type of the set must have nil.)
            Ok((target, None))
        } else {
            implicit_type(&self.store, x.mode, x.typ, x.val.as_ref(), target)
        };
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
            Ok((t, val)) => self.set_implicit_type(x, t, val),
        }
    }

    /// Gives untyped `x` the type (and the constant the value in that
    /// type) that `untyped::implicit_type` found for its context, also
    /// in the record of its expression.
    pub(crate) fn set_implicit_type(&mut self, x: &mut Operand<'a>, t: TypeId, val: Option<Value>) {
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
            self.errorf(start_pos(e), m);
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
    /// untyped types, as types2's recordUntyped does (constants that
    /// never met a typed context, such as the operands of constant
    /// expressions, stay `untyped int` & co. in `Info`).
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

    /// Operations, assertions, receives, conversions and operand modes
    /// (gc's output, verified with `go tool compile -e`).
    #[test]
    fn operations_end_to_end() {
        let src = r#"package p

import "unsafe"

type I interface{ m() }
type J interface{ n() }
type T struct{}
type U struct{}

func (U) m() {}

type S []int
type MyInt int

func f() (int, int) { return 1, 2 }
func g()             {}
func gen[P any](p P) P { return p }

func _[P any, Q ~int | ~float64, R ~[]int](p P, q Q, r R) {
	var x int
	var i I
	var ch chan int
	var sch chan<- int
	var rch <-chan int
	var s []int
	var m map[int]int
	var fn func()
	var b bool
	var str string
	var i8 int8
	var f32 float32
	var ptr *int
	_ = x.(int)
	_ = i.(T)
	_ = i.(U)
	_ = i.(J)
	_ = p.(int)
	_ = <-x
	_ = <-sch
	_ = <-rch
	_ = <-ch
	_ = &x
	_ = &f()
	_ = &T{}
	_ = &(T{})
	_ = &1
	_ = *x
	_ = *ptr
	_ = x + str
	_ = b + b
	_ = s == s
	_ = m == m
	_ = fn == fn
	_ = s == nil
	_ = x == nil
	_ = i == x
	_ = i == 1
	_ = x < b
	_ = i < i
	_ = ptr < ptr
	_ = p + p
	_ = q + q
	_ = q + 1
	_ = q + 1.5
	_ = p == p
	_ = r == r
	_ = r == nil
	_ = i8 + 300
	_ = i8 + 1.5
	_ = i8 << 1.5
	_ = x << str
	_ = x << -1
	_ = x / 0
	_ = f32 / 0
	_ = x % 0.0
	_ = x & f32
	_ = int8(300)
	_ = int8(1.5)
	_ = string(65)
	_ = string(x)
	_ = string(f32)
	_ = int(str)
	_ = []byte(str)
	_ = []rune(str)
	_ = float32(x)
	_ = (*int)(unsafe.Pointer(ptr))
	_ = uintptr(unsafe.Pointer(ptr))
	_ = [3]int(s)
	_ = (*[3]int)(s)
	_ = MyInt(x)
	_ = S(s)
	_ = I(x)
	_ = f()
	_ = g()
	_ = len
	_ = int
	_ = gen
	_ = f() + 1
	var _ func(int) int = gen
	_ = 1 + ch
	_ = -b
	_ = !x
	_ = ^f32
	_ = x == 1.5
	_ = "a" + 1
	_ = str + 1
	_ = i8 == 300
	_ = P(1)
	_ = Q(1)
	_ = Q(1.5)
	_ = Q("a")
	_ = R(s)
	_ = string(r)
	_ = x &^ 1.0
	_ = 1 << x
	var _ float64 = 1 << x
	var _ = 1.0 << x
	_ = m[1] == 1
	_, _ = i.(T)
	_ = nil
	_ = 1 == nil
}
"#;
        let want = [
            "a.go:33:6: invalid operation: x (variable of type int) is not an interface",
            "a.go:34:6: impossible type assertion: i.(T)\n\tT does not implement I (missing method m)",
            "a.go:37:6: invalid operation: cannot use type assertion on type parameter value p (variable of type P constrained by any)",
            "a.go:38:8: invalid operation: cannot receive from non-channel int x (variable of type int)",
            "a.go:39:8: invalid operation: cannot receive from send-only channel chan<- int sch (variable of type chan<- int)",
            "a.go:43:7: multiple-value f() (value of type (int, int)) in single-value context",
            "a.go:46:7: invalid operation: cannot take address of 1 (untyped int constant)",
            "a.go:47:7: invalid operation: cannot indirect x (variable of type int)",
            "a.go:49:6: invalid operation: x + str (mismatched types int and string)",
            "a.go:50:6: invalid operation: operator + not defined on b (variable of type bool)",
            "a.go:51:6: invalid operation: s == s (slice can only be compared to nil)",
            "a.go:52:6: invalid operation: m == m (map can only be compared to nil)",
            "a.go:53:6: invalid operation: fn == fn (func can only be compared to nil)",
            "a.go:55:11: invalid operation: x == nil (mismatched types int and untyped nil)",
            "a.go:56:11: invalid operation: i == x (mismatched types I and int)",
            "a.go:57:11: invalid operation: i == 1 (mismatched types I and untyped int)",
            "a.go:58:10: invalid operation: x < b (mismatched types int and bool)",
            "a.go:59:6: invalid operation: i < i (operator < not defined on interface)",
            "a.go:60:6: invalid operation: ptr < ptr (operator < not defined on pointer)",
            "a.go:61:6: invalid operation: operator + not defined on p (variable of type P constrained by any)",
            "a.go:64:10: cannot convert 1.5 (untyped float constant) to type Q",
            "a.go:65:6: invalid operation: p == p (incomparable types in type set)",
            "a.go:66:6: invalid operation: r == r (incomparable types in type set)",
            "a.go:68:11: 300 (untyped int constant) overflows int8",
            "a.go:69:11: 1.5 (untyped float constant) truncated to int8",
            "a.go:70:12: 1.5 (untyped float constant) truncated to uint",
            "a.go:71:11: invalid operation: shift count str (variable of type string) must be integer",
            "a.go:72:11: invalid operation: negative shift count -1 (untyped int constant)",
            "a.go:73:10: invalid operation: division by zero",
            "a.go:75:10: invalid operation: division by zero",
            "a.go:76:6: invalid operation: x & f32 (mismatched types int and float32)",
            "a.go:77:11: constant 300 overflows int8",
            "a.go:78:11: cannot convert 1.5 (untyped float constant) to type int8",
            "a.go:81:13: cannot convert f32 (variable of type float32) to type string",
            "a.go:82:10: cannot convert str (variable of type string) to type int",
            "a.go:92:8: cannot convert x (variable of type int) to type I: int does not implement I (missing method m)",
            "a.go:93:6: assignment mismatch: 1 variable but f returns 2 values",
            "a.go:94:6: g() (no value) used as value",
            "a.go:95:6: len (built-in) must be called",
            "a.go:96:6: int (type) is not an expression",
            "a.go:97:6: cannot use generic function gen without instantiation",
            "a.go:98:6: multiple-value f() (value of type (int, int)) in single-value context",
            "a.go:100:6: invalid operation: 1 + ch (mismatched types untyped int and chan int)",
            "a.go:101:7: invalid operation: operator - not defined on b (variable of type bool)",
            "a.go:102:7: invalid operation: operator ! not defined on x (variable of type int)",
            "a.go:103:7: invalid operation: operator ^ not defined on f32 (variable of type float32)",
            "a.go:104:11: 1.5 (untyped float constant) truncated to int",
            "a.go:105:6: invalid operation: \"a\" + 1 (mismatched types untyped string and untyped int)",
            "a.go:106:6: invalid operation: str + 1 (mismatched types string and untyped int)",
            "a.go:107:12: 300 (untyped int constant) overflows int8",
            "a.go:108:8: cannot convert 1 (untyped int value) to type P: P does not contain specific types",
            "a.go:110:8: cannot convert 1.5 (untyped float value) to type Q: cannot convert 1.5 (untyped float constant) to type int (in Q)",
            "a.go:111:8: cannot convert \"a\" (untyped string value) to type Q: cannot convert \"a\" (untyped string constant) to type int (in Q)",
            "a.go:113:13: cannot convert r (variable of type R constrained by ~[]int) to type string: cannot convert []int (in R) to type string",
            "a.go:116:18: invalid operation: shifted operand 1 (type float64) must be integer",
            "a.go:117:10: invalid operation: shifted operand 1.0 (type float64) must be integer",
            "a.go:119:9: impossible type assertion: i.(T)\n\tT does not implement I (missing method m)",
            "a.go:120:6: use of untyped nil in assignment to _ identifier",
            "a.go:121:11: invalid operation: 1 == nil (mismatched types untyped int and untyped nil)",
        ];
        assert_eq!(crate::testutil::check_source(src), want);
    }

    /// Operators on type parameters by their type sets (comparability
    /// with `comparable` and empty sets, ordering, arithmetic, receive,
    /// indirection), and gc's start positions of slice expressions.
    #[test]
    fn type_parameters_end_to_end() {
        let src = r#"package p

type Number interface{ ~int | ~float64 }

func _[T interface{ ~int; ~string }](x T) {
	_ = x == x
}

func _[T interface{ comparable; ~[]byte }](x T) {
	_ = x == x
}

func _[T interface{ comparable; []byte | string }](x T) {
	_ = x == x
}

func _[P int](p P) int {
	return P(1)
}

func _[M map[string]int](m M) {
	_ = m == nil
	_ = m == m
}

func _[P ~int | ~string, Q any](p P, q Q) {
	_ = p < p
	_ = q < q
	_ = p + p
	_ = p - p
	_ = -q
	_ = <-q
	_ = *q
}

func _[F ~func() | ~func(int)](f F) {
	_ = f == nil
}

func _() {
	var a [10]int
	_ = &a[:5]
	var s struct{ x int }
	_ = &s.x
	_ = &a[1]
	_ = &(a)
	var c chan int
	_ = &<-c
}
"#;
        let want = [
            "a.go:6:6: invalid operation: x == x (empty type set)",
            "a.go:10:6: invalid operation: x == x (empty type set)",
            "a.go:18:9: cannot use P(1) (value of type P constrained by int) as int value in return statement",
            "a.go:23:6: invalid operation: m == m (incomparable types in type set)",
            "a.go:28:6: invalid operation: q < q (type parameter Q cannot use operator <)",
            "a.go:30:6: invalid operation: operator - not defined on p (variable of type P constrained by ~int | ~string)",
            "a.go:31:7: invalid operation: operator - not defined on q (variable of type Q constrained by any)",
            "a.go:32:8: invalid operation: cannot receive from q (variable of type Q constrained by any): no specific channel type",
            "a.go:33:7: invalid operation: cannot indirect q (variable of type Q constrained by any)",
            "a.go:42:8: invalid operation: cannot take address of a[:5] (value of type []int)",
            "a.go:48:7: invalid operation: cannot take address of <-c (comma, ok expression of type int)",
        ];
        assert_eq!(crate::testutil::check_source(src), want);
    }

    /// The types and values recorded for (formerly untyped) expressions,
    /// as `Info.Types` of go/types holds them (non-type expressions of
    /// package-level initializers, as `line:col expr: type = value`).
    fn recorded_types(src: &str) -> Vec<String> {
        use crate::arena::Local;
        use crate::typestring::{type_string, RelativeTo};
        use syntax::ast::{Decl, Spec};
        let fset = syntax::FileSet::new();
        let (f, errs) = syntax::parse_file(&fset, "a.go", src.as_bytes());
        assert!(errs.is_empty());
        let world = crate::arena::World::new();
        let checked = Checker::new(&world, &fset, P, "p", [&f], &UnsafeOnly).check();
        let l = Local {
            world: &world,
            arena: checked.arena,
        };
        fn walk<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
            out.push(e);
            match &e.kind {
                ExprKind::Paren(x) | ExprKind::Operation(_, x, None) => walk(x, out),
                ExprKind::Operation(_, x, Some(y)) => {
                    walk(x, out);
                    walk(y, out);
                }
                ExprKind::Call(c) => {
                    walk(&c.fun, out);
                    c.args.iter().for_each(|a| walk(a, out));
                }
                _ => {}
            }
        }
        let mut exprs = Vec::new();
        for d in &f.decls {
            let Decl::Gen(g) = d else { continue };
            for s in &g.specs {
                if let Spec::Value(v) = s {
                    v.values.iter().for_each(|e| walk(e, &mut exprs));
                }
            }
        }
        let mut lines = Vec::new();
        for e in exprs {
            let k = crate::info::ExprKey { file: 0, id: e.id };
            let Some(tv) = checked.info.types.get(&k) else {
                continue;
            };
            if tv.mode == Mode::TypeExpr {
                continue;
            }
            let p = fset.position(start_pos(e)).unwrap();
            let v = tv
                .val
                .as_ref()
                .map(|v| format!(" = {v}"))
                .unwrap_or_default();
            let t = type_string(&l, &RelativeTo(&l, P), tv.typ);
            lines.push(format!(
                "{:03}:{:03} {}: {t}{v}",
                p.line,
                p.col,
                expr_string(e)
            ));
        }
        lines.sort();
        lines
    }

    #[test]
    fn recorded_untyped_types() {
        let src = r#"package p

var s uint

var (
	a          = 1 << s
	b float64  = 1 + 2
	c int32    = (1 << s) + 2
	d          = 1.0 << s
	e          = 1 < 2
	f          = 'a' + 1 == 98
	g          = -(1 << s)
	h          = int8(1) << s
	i          = 2 >> s
)
"#;
        let want = [
            "006:015 1 << s: int",
            "006:015 1: int = 1",
            "006:020 s: uint",
            "007:015 1 + 2: float64 = 3",
            "007:015 1: untyped int = 1",
            "007:019 2: untyped int = 2",
            "008:015 (1 << s) + 2: int32",
            "008:015 (1 << s): int32",
            "008:016 1 << s: int32",
            "008:016 1: int32 = 1",
            "008:021 s: uint",
            "008:026 2: int32 = 2",
            "009:015 1.0 << s: float64",
            "009:022 s: uint",
            "010:015 1 < 2: bool = true",
            "010:015 1: untyped int = 1",
            "010:019 2: untyped int = 2",
            "011:015 'a' + 1 == 98: bool = true",
            "011:015 'a' + 1: untyped rune = 98",
            "011:015 'a': untyped rune = 97",
            "011:021 1: untyped rune = 1",
            "011:026 98: untyped rune = 98",
            "012:015 -(1 << s): int",
            "012:016 (1 << s): int",
            "012:017 1 << s: int",
            "012:017 1: int = 1",
            "012:022 s: uint",
            "013:015 int8(1) << s: int8",
            "013:015 int8(1): int8 = 1",
            "013:020 1: int8 = 1",
            "013:026 s: uint",
            "014:015 2 >> s: int",
            "014:015 2: int = 2",
            "014:020 s: uint",
        ];
        assert_eq!(recorded_types(src), want);
    }

    /// Literal syntax, signed shift counts and slice conversions newer
    /// than the language version (gc's messages without the driver's
    /// "(-lang was set to ...)" note).
    #[test]
    fn version_gates() {
        let src = r#"package p

var i int
var s []int

var _ = 0b101
var _ = 1_000
var _ = 0o17
var _ = 0x1p4
var _ = 1 << i
var _ = (*[1]int)(s)
var _ = [1]int(s)
"#;
        assert_eq!(
            crate::testutil::check_source_lang(src, 12),
            [
                "a.go:6:9: binary literal requires go1.13 or later",
                "a.go:7:9: underscore in numeric literal requires go1.13 or later",
                "a.go:8:9: 0o/0O-style octal literal requires go1.13 or later",
                "a.go:9:9: hexadecimal floating-point literal requires go1.13 or later",
                "a.go:10:14: invalid operation: signed shift count i (variable of type int) requires go1.13 or later",
                "a.go:11:19: cannot convert s (variable of type []int) to type *[1]int: conversion of slice to array pointer requires go1.17 or later",
                "a.go:12:16: cannot convert s (variable of type []int) to type [1]int: conversion of slice to array requires go1.20 or later",
            ]
        );
        assert_eq!(
            crate::testutil::check_source_lang(src, 19),
            ["a.go:12:16: cannot convert s (variable of type []int) to type [1]int: conversion of slice to array requires go1.20 or later"]
        );
        assert!(crate::testutil::check_source_lang(src, 20).is_empty());
    }

    /// Typed constant overflow, constant conversions (the value quoted
    /// as gc quotes it), division by zero, shifts and comparisons of
    /// structs, arrays and interfaces.
    #[test]
    fn constants_end_to_end() {
        let src = r#"package p

type B bool
type S struct{ a []int }
type A [2]func()
type E struct{}
type I interface{ m() }

func (E) m() {}

const c8 int8 = 100
const u8 uint8 = 200

func _() {
	var x int
	var e E
	var i I
	var b B
	var st S
	var ar A
	var f32 float32
	var f64 float64
	var c64 complex64
	_ = c8 * 2
	_ = c8 + c8
	_ = u8 + 100
	_ = ^u8
	_ = -u8
	_ = u8 << 1
	_ = byte(256)
	_ = byte(255) + 1
	_ = st == st
	_ = ar == ar
	_ = e == i
	_ = i == e
	_ = b == (x == 1)
	_ = b && true
	_ = b && x == 1
	_ = x == 1.5
	_ = x + 1.0
	_ = f32 + 1e300
	_ = f64 + 1e400
	_ = c64 + 1e40i
	_ = int(1e100)
	_ = float32(1e100)
	_ = uint(-1)
	_ = int64(1 << 63)
	_ = string(-1)
	_ = string(1 << 40)
	_ = rune(1.0)
	_ = complex64(1 + 2i)
	_ = int(1 + 0i)
	_ = int(1 + 1i)
	_ = x / 0.0
	_ = 1 / x
	_ = 1.0 / 0.0
	_ = 0 / 0
	_ = f32 / 0.0
	_ = x % 1.5
	_ = 10 % 3.0
	_ = "s" < "t"
	_ = 1 << 1.0
	_ = 1 >> 1000
	_ = x << 1000
	_ = x >> -1
	_ = 1.5 >> x
	_ = x << 1.0
	_ = x << f32
	_ = s << x
	_ = ^1.5
	_ = !b
	_ = 1e1000 - 1e1000
	_ = 'x' * 2.5
	_ = 1 / 1e-400
}

var s string
"#;
        let want = [
            "a.go:24:6: c8 * 2 (constant 200 of type int8) overflows int8",
            "a.go:25:6: c8 + c8 (constant 200 of type int8) overflows int8",
            "a.go:26:6: u8 + 100 (constant 300 of type uint8) overflows uint8",
            "a.go:28:6: -u8 (constant -200 of type uint8) overflows uint8",
            "a.go:29:6: u8 << 1 (constant 400 of type uint8) overflows uint8",
            "a.go:30:11: constant 256 overflows byte",
            "a.go:31:6: byte(255) + 1 (constant 256 of type byte) overflows byte",
            "a.go:32:6: invalid operation: st == st (struct containing []int cannot be compared)",
            "a.go:33:6: invalid operation: ar == ar (A cannot be compared)",
            "a.go:39:11: 1.5 (untyped float constant) truncated to int",
            "a.go:41:12: 1e300 (untyped float constant 1e+300) overflows float32",
            "a.go:42:12: 1e400 (untyped float constant 1e+400) overflows float64",
            "a.go:43:12: 1e40i (untyped complex constant (0 + 1e+40i)) overflows complex64",
            "a.go:44:10: cannot convert 1e100 (untyped float constant 10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000) to type int",
            "a.go:45:14: cannot convert 1e100 (untyped float constant 1e+100) to type float32",
            "a.go:46:11: constant -1 overflows uint",
            "a.go:47:12: constant 9223372036854775808 overflows int64",
            "a.go:53:10: cannot convert 1 + 1i (untyped complex constant (1 + 1i)) to type int",
            "a.go:54:10: invalid operation: division by zero",
            "a.go:56:12: invalid operation: division by zero",
            "a.go:57:10: invalid operation: division by zero",
            "a.go:59:10: 1.5 (untyped float constant) truncated to int",
            "a.go:60:6: invalid operation: operator % not defined on 10 (untyped float constant)",
            "a.go:65:11: invalid operation: negative shift count -1 (untyped int constant)",
            "a.go:66:6: invalid operation: shifted operand 1.5 (untyped float constant) must be integer",
            "a.go:68:11: invalid operation: shift count f32 (variable of type float32) must be integer",
            "a.go:69:6: invalid operation: shifted operand s (variable of type string) must be integer",
            "a.go:70:7: invalid operation: operator ^ not defined on 1.5 (untyped float constant)",
            "a.go:74:6: cannot use 1 / 1e-400 (untyped float constant 1e+400) as float64 value in assignment to _ identifier (overflows)",
        ];
        assert_eq!(crate::testutil::check_source(src), want);
    }

    /// Assignment operations (`binary` without an expression of its own).
    #[test]
    fn assign_ops_end_to_end() {
        let src = r#"package p

func _() {
	var x int
	var s string
	var b bool
	var f float64
	x += "a"
	s -= "a"
	b += 1
	x <<= 1.5
	x /= 0
	f %= 2
	x += 1.5
	x++
	s++
	b--
	x &^= 3
	var p *int
	p += 1
	x += nil
	var ch chan int
	ch += ch
}
"#;
        let want = [
            "a.go:8:2: invalid operation: x += \"a\" (mismatched types int and untyped string)",
            "a.go:9:2: invalid operation: operator - not defined on s (variable of type string)",
            "a.go:10:2: invalid operation: b += 1 (mismatched types bool and untyped int)",
            "a.go:11:8: 1.5 (untyped float constant) truncated to uint",
            "a.go:12:7: invalid operation: division by zero",
            "a.go:13:2: invalid operation: operator % not defined on f (variable of type float64)",
            "a.go:14:7: 1.5 (untyped float constant) truncated to int",
            "a.go:16:2: invalid operation: s++ (non-numeric type string)",
            "a.go:17:2: invalid operation: b-- (non-numeric type bool)",
            "a.go:20:2: invalid operation: p += 1 (mismatched types *int and untyped int)",
            "a.go:21:2: invalid operation: x += nil (mismatched types int and untyped nil)",
            "a.go:23:2: invalid operation: operator + not defined on ch (variable of type chan int)",
        ];
        assert_eq!(crate::testutil::check_source(src), want);
    }

    /// Reverse type inference of generic function values from the
    /// assignment's or result's type, and its version gate.
    #[test]
    fn reverse_inference() {
        let src = r#"package p

func gen[P any](p P) P { return p }
func two[P, Q any](p P) Q { var q Q; return q }

func _() func(int) int {
	var f func(int) int = gen
	var g func(string) = gen
	var h func(int) int = two
	var k func(int) string = two
	_, _, _, _ = f, g, h, k
	f = gen
	return gen
}

func _() func(int) {
	return gen
}
"#;
        assert_eq!(
            crate::testutil::check_source_lang(src, 27),
            [
                "a.go:8:23: inferred type func(p string) string for func(p P) P does not match type func(string) of g",
                "a.go:17:9: inferred type func(p int) int for func(p P) P does not match type func(int) of result variable",
            ]
        );
        assert_eq!(
            crate::testutil::check_source_lang(src, 20),
            [
                "a.go:7:24: implicitly instantiated function in assignment requires go1.21 or later",
                "a.go:8:23: implicitly instantiated function in assignment requires go1.21 or later",
                "a.go:8:23: inferred type func(p string) string for func(p P) P does not match type func(string) of g",
                "a.go:9:24: implicitly instantiated function in assignment requires go1.21 or later",
                "a.go:10:27: implicitly instantiated function in assignment requires go1.21 or later",
                "a.go:12:6: implicitly instantiated function in assignment requires go1.21 or later",
                "a.go:13:9: implicitly instantiated function in assignment requires go1.21 or later",
                "a.go:17:9: implicitly instantiated function in assignment requires go1.21 or later",
                "a.go:17:9: inferred type func(p int) int for func(p P) P does not match type func(int) of result variable",
            ]
        );
    }

    /// Multi-valued expressions: the values of calls ("1st function
    /// result") and comma-ok expressions ("ok value of (comma, ok)
    /// expression") as gc names them.
    #[test]
    fn multi_values_end_to_end() {
        let src = r#"package p

func f() (int, int) { return 1, 2 }
func g() (int, string, bool) { return 1, "", true }

func _() {
	var a, b string = f()
	var m map[int]int
	var c, d string = m[1]
	var i any
	var e, h string = i.(int)
	var ch chan int
	var k, l string = <-ch
	var n, o, p int = g()
	x := f()
	_ = .5 + f()
	_, _, _, _, _, _, _, _, _, _, _ = a, b, c, d, e, h, k, l, n, o, p
	_ = x
}
"#;
        let want = [
            "a.go:7:20: cannot use 1st function result (value of type int) as string value in multiple assignment",
            "a.go:7:20: cannot use 2nd function result (value of type int) as string value in multiple assignment",
            "a.go:9:20: cannot use m[1] (map index expression of type int) as string value in multiple assignment",
            "a.go:9:20: cannot use ok value of (comma, ok) expression (untyped bool value) as string value in multiple assignment",
            "a.go:11:20: cannot use i.(int) (comma, ok expression of type int) as string value in multiple assignment",
            "a.go:11:20: cannot use ok value of (comma, ok) expression (untyped bool value) as string value in multiple assignment",
            "a.go:13:20: cannot use <-ch (comma, ok expression of type int) as string value in multiple assignment",
            "a.go:13:20: cannot use ok value of (comma, ok) expression (untyped bool value) as string value in multiple assignment",
            "a.go:14:20: cannot use 2nd function result (value of type string) as int value in multiple assignment",
            "a.go:14:20: cannot use 3rd function result (value of type bool) as int value in multiple assignment",
            "a.go:15:7: assignment mismatch: 1 variable but f returns 2 values",
            "a.go:16:11: multiple-value f() (value of type (int, int)) in single-value context",
        ];
        assert_eq!(crate::testutil::check_source(src), want);
    }

    /// Non-constant shifts of untyped constants: the constant takes the
    /// type the context gives the shift.
    #[test]
    fn untyped_shifts_end_to_end() {
        let src = r#"package p

func _(s uint, a []int, m map[int]int) {
	_ = a[1<<s]
	_ = make([]int, 1<<s)
	_ = 1<<s == 0
	x := 1 << s
	_ = x
	_ = float64(1 << s)
	_ = int64(1 << s)
	_ = string(1 << s)
	_ = append(a, 1<<s)
	m[1<<s] = 1 << s
	var f float32
	_ = f + 1<<s
	_ = 1<<s + f
	_ = 1.0<<s + 1
	_ = (1 << s) == (1 << s)
	_ = 1<<s == 1.5
	var i8 int8 = 1 << s
	_ = i8
	_ = 1 << s << s
	_ = -1 << s
	_ = uint8(255) << s
	_ = complex(1<<s, 0)
	_ = any(1 << s)
	var e interface{ m() } = 1 << s
	_ = e
	println(1 << s)
	_ = 1.0 << s == 1
	_ = a[1.0<<s]
}
"#;
        let want = [
            "a.go:9:14: invalid operation: shifted operand 1 (type float64) must be integer",
            "a.go:11:13: invalid operation: shifted operand 1 (type string) must be integer",
            "a.go:15:10: invalid operation: shifted operand 1 (type float32) must be integer",
            "a.go:16:6: invalid operation: shifted operand 1 (type float32) must be integer",
            "a.go:17:6: invalid operation: shifted operand 1.0 (type float64) must be integer",
            "a.go:19:6: invalid operation: shifted operand 1 (type float64) must be integer",
            "a.go:25:14: invalid operation: shifted operand 1 (type float64) must be integer",
            "a.go:27:27: cannot use 1 << s (value of type int) as interface{m()} value in variable declaration: int does not implement interface{m()} (missing method m)",
            "a.go:30:6: invalid operation: shifted operand 1.0 (type float64) must be integer",
        ];
        assert_eq!(crate::testutil::check_source(src), want);
    }

    /// `.(type)` outside a type switch, indirections and pointer types
    /// (constraint interfaces as pointer bases).
    #[test]
    fn pointers_end_to_end() {
        let src = r#"package p

type T struct{ a int }

func f(...int) {}

func _() {
	var x int
	_ = x.(type)
	_ = T{a: 1}
	_ = [...]int{1}
	_ = []int{1: 2}
	_ = &[]int{}
	_ = *&x
	_ = **&x
	_ = (*int)(nil)
	var p **int
	_ = **p
	_ = *T
	var _ *T = new(T)
	type I interface{ ~int }
	var _ *I
}
"#;
        let want = [
            "a.go:9:6: invalid syntax tree: use of .(type) outside type switch",
            "a.go:15:7: invalid operation: cannot indirect *&x (variable of type int)",
            "a.go:19:6: *T (type) is not an expression",
            "a.go:22:9: cannot use type I outside a type constraint: interface contains type constraints",
        ];
        assert_eq!(crate::testutil::check_source(src), want);
    }

    /// Generic types and functions used as values without
    /// instantiation.
    #[test]
    fn generic_values_end_to_end() {
        let src = r#"package p

type G[P any] struct{}
type A[P any] = G[P]

func gen[P any]() {}

func _() {
	_ = G
	_ = A
	_ = G[int]{}
	var _ G
	_ = gen
	_ = (gen)
	gen()
	_ = gen[int]
	f := gen
	_ = f
	var x any = gen
	_ = x
}
"#;
        let want = [
            "a.go:9:6: cannot use generic type G without instantiation",
            "a.go:10:6: cannot use generic type A without instantiation",
            "a.go:12:8: cannot use generic type G[P any] without instantiation",
            "a.go:13:6: cannot use generic function gen without instantiation",
            "a.go:14:7: cannot use generic function gen without instantiation",
            "a.go:15:5: in call to gen, cannot infer P (declared at a.go:6:10)",
            "a.go:17:7: cannot use generic function gen without instantiation",
            "a.go:19:14: cannot use generic function gen without instantiation",
        ];
        assert_eq!(crate::testutil::check_source(src), want);
    }

    /// Comparisons of interfaces with concrete types, channels of
    /// different directions, structs with blank fields, type parameters
    /// with `comparable` and `any`, and nil.
    #[test]
    fn comparisons_end_to_end() {
        let src = r#"package p

type I interface{ m() }
type T int

func (T) m() {}

type S struct {
	_ []int
	a int
}

func _[P comparable, Q any, R interface{ comparable; m() }](p P, q Q, r R) {
	var i I
	var t T
	var ch chan int
	var rch <-chan int
	var a [2]any
	var s S
	var e any
	_ = i == t
	_ = t == i
	_ = ch == rch
	_ = a == a
	_ = s == s
	_ = p == p
	_ = q == q
	_ = r == r
	_ = r == i
	_ = p == e
	_ = q == e
	_ = e == 1
	_ = e == nil
	_ = p == nil
	_ = q == nil
	_ = i == nil
	_ = t == 1
	_ = t == 1.5
	_ = t == "a"
	_ = &t == nil
	_ = ch == nil
	_ = 1 == t
	_ = nil == i
	_ = p < p
}
"#;
        let want = [
            "a.go:25:6: invalid operation: s == s (struct containing []int cannot be compared)",
            "a.go:27:6: invalid operation: q == q (incomparable types in type set)",
            "a.go:31:6: invalid operation: q == e (incomparable types in type set)",
            "a.go:34:11: invalid operation: p == nil (mismatched types P and untyped nil)",
            "a.go:35:11: invalid operation: q == nil (mismatched types Q and untyped nil)",
            "a.go:38:11: 1.5 (untyped float constant) truncated to int",
            "a.go:39:11: invalid operation: t == \"a\" (mismatched types T and untyped string)",
            "a.go:44:6: invalid operation: p < p (type parameter P cannot use operator <)",
        ];
        assert_eq!(crate::testutil::check_source(src), want);
    }

    #[test]
    fn dummy_names_are_interned() {
        assert_eq!(nth(1, "function result"), "1st function result");
        assert_eq!(nth(2, "x"), "2nd x");
        assert_eq!(nth(3, "x"), "3rd x");
        assert_eq!(nth(11, "x"), "11th x");
        let a = dummy_name("ok value of (comma, ok) expression", Pos(7));
        let b = dummy_name("ok value of (comma, ok) expression", Pos(7));
        let c = dummy_name("ok value of (comma, ok) expression", Pos(8));
        assert!(std::ptr::eq(a, b) && !std::ptr::eq(a, c));
        assert_eq!(expr_string(a), "ok value of (comma, ok) expression");
        assert_eq!(start_pos(c), Pos(8));
    }

    /// Partial instantiations completed from the assignment's type, or
    /// from the constraints alone.
    #[test]
    fn partial_instantiation_end_to_end() {
        let src = r#"package p

func h[P, Q any](P) Q { panic(0) }
func k[P any, Q ~[]P](P) Q { panic(0) }

var _ func(int) string = h[int]
var _ func(string) string = h[int]
var _ = h[int]
var _ = k[int]
var f func(int) []int = k[int]

func _() func(int) bool {
	g := h[int]
	_ = g
	return h[int]
}
"#;
        let want = [
            "a.go:7:30: type func(string) string of _ does not match func(int) Q",
            "a.go:8:10: cannot infer Q (declared at a.go:3:11)",
            "a.go:9:10: cannot infer Q (declared at a.go:4:15)",
            "a.go:13:8: cannot infer Q (declared at a.go:3:11)",
        ];
        assert_eq!(crate::testutil::check_source(src), want);
        assert_eq!(
            crate::testutil::check_source_lang(
                "package p\nfunc h[P, Q any](P) Q { panic(0) }\nvar _ func(int) string = h[int]\n",
                20
            ),
            ["a.go:3:27: partially instantiated function in assignment requires go1.21 or later"]
        );
    }

    /// Recorded types of conversion arguments and comparison operands (as
    /// go/types records them, except that nil gets the conversion's type
    /// as in types2).
    #[test]
    fn recorded_conversion_types() {
        let src = r#"package p

type Str string

var s uint
var x int

var (
	a = float32(1)
	b = Str(65)
	c = any(1.5)
	d = []byte("abc")
	e = x == 1
	f = 1.5 == 1
	g = interface{}(nil)
	h = (*int)(nil)
	i = x + (1 << s)
	j = uint8(1<<s) + 1
	k = string(rune(1 << s))
	l = 1<<s == x
)
"#;
        let want = [
            "009:006 float32(1): float32 = 1",
            "009:014 1: float32 = 1",
            "010:006 Str(65): Str = \"A\"",
            "010:010 65: untyped int = 65",
            "011:006 any(1.5): any",
            "011:010 1.5: float64 = 1.5",
            "012:006 []byte(\"abc\"): []byte",
            "012:013 \"abc\": string = \"abc\"",
            "013:006 x == 1: bool",
            "013:006 x: int",
            "013:011 1: int = 1",
            "014:006 1.5 == 1: bool = false",
            "014:006 1.5: untyped float = 1.5",
            "014:013 1: untyped float = 1",
            "015:006 interface{}(nil): interface{}",
            "015:018 nil: interface{}",
            "016:006 (*int)(nil): *int",
            "016:013 nil: *int",
            "017:006 x + (1 << s): int",
            "017:006 x: int",
            "017:010 (1 << s): int",
            "017:011 1 << s: int",
            "017:011 1: int = 1",
            "017:016 s: uint",
            "018:006 uint8(1 << s) + 1: uint8",
            "018:006 uint8(1 << s): uint8",
            "018:012 1 << s: uint8",
            "018:012 1: uint8 = 1",
            "018:015 s: uint",
            "018:020 1: uint8 = 1",
            "019:006 string(rune(1 << s)): string",
            "019:013 rune(1 << s): rune",
            "019:018 1 << s: rune",
            "019:018 1: rune = 1",
            "019:023 s: uint",
            "020:006 1 << s == x: bool",
            "020:006 1 << s: int",
            "020:006 1: int = 1",
            "020:009 s: uint",
            "020:014 x: int",
        ];
        assert_eq!(recorded_types(src), want);
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
