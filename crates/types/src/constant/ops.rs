//! Unary, binary, shift and comparison operations on constants
//! (go/constant's `UnaryOp`, `BinaryOp`, `Shift` and `Compare`).

use super::bigfloat::{BigFloat, PREC};
use super::gostr::GoStr;
use super::{Repr, Value};
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, Zero};
use std::borrow::Cow;
use std::cmp::Ordering;
use std::sync::Arc;
use syntax::token::Operator;

/// A unary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    /// `+x`
    Pos,
    /// `-x`
    Neg,
    /// `^x`, bitwise complement
    Not,
    /// `!x`, logical not
    LNot,
}

impl UnaryOp {
    /// The operation of a unary operator token (`~` counts as `^`, as
    /// types2 does after reporting it).
    pub fn from_operator(op: Operator) -> Option<UnaryOp> {
        Some(match op {
            Operator::Add => UnaryOp::Pos,
            Operator::Sub => UnaryOp::Neg,
            Operator::Xor | Operator::Tilde => UnaryOp::Not,
            Operator::Not => UnaryOp::LNot,
            _ => return None,
        })
    }
}

/// A binary (non-shift, non-comparison) operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    /// `/` with an exact result: on two `Int`s a fraction (a `Float`).
    Div,
    /// `/` truncated toward zero, for integer operands: the checker uses it
    /// when the operands' type is an integer type (typed or untyped) —
    /// go/constant's `token.QUO_ASSIGN`. The result is an `Int`.
    IntDiv,
    /// `%`, with the sign of the dividend.
    Rem,
    And,
    Or,
    Xor,
    AndNot,
    LAnd,
    LOr,
}

impl BinaryOp {
    /// The operation of a binary operator token; `/` is `IntDiv` if
    /// `integer` (the operands' type is an integer type). `None` for
    /// shifts, comparisons and non-binary operators.
    pub fn from_operator(op: Operator, integer: bool) -> Option<BinaryOp> {
        Some(match op {
            Operator::Add => BinaryOp::Add,
            Operator::Sub => BinaryOp::Sub,
            Operator::Mul => BinaryOp::Mul,
            Operator::Div if integer => BinaryOp::IntDiv,
            Operator::Div => BinaryOp::Div,
            Operator::Rem => BinaryOp::Rem,
            Operator::And => BinaryOp::And,
            Operator::Or => BinaryOp::Or,
            Operator::Xor => BinaryOp::Xor,
            Operator::AndNot => BinaryOp::AndNot,
            Operator::AndAnd => BinaryOp::LAnd,
            Operator::OrOr => BinaryOp::LOr,
            _ => return None,
        })
    }
}

/// A shift operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ShiftOp {
    Shl,
    Shr,
}

impl ShiftOp {
    pub fn from_operator(op: Operator) -> Option<ShiftOp> {
        match op {
            Operator::Shl => Some(ShiftOp::Shl),
            Operator::Shr => Some(ShiftOp::Shr),
            _ => None,
        }
    }
}

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CompareOp {
    Eql,
    Neq,
    Lss,
    Leq,
    Gtr,
    Geq,
}

impl CompareOp {
    pub fn from_operator(op: Operator) -> Option<CompareOp> {
        Some(match op {
            Operator::Eql => CompareOp::Eql,
            Operator::Neq => CompareOp::Neq,
            Operator::Lss => CompareOp::Lss,
            Operator::Leq => CompareOp::Leq,
            Operator::Gtr => CompareOp::Gtr,
            Operator::Geq => CompareOp::Geq,
            _ => return None,
        })
    }

    #[inline]
    fn test(self, o: Ordering) -> bool {
        match self {
            CompareOp::Eql => o == Ordering::Equal,
            CompareOp::Neq => o != Ordering::Equal,
            CompareOp::Lss => o == Ordering::Less,
            CompareOp::Leq => o != Ordering::Greater,
            CompareOp::Gtr => o == Ordering::Greater,
            CompareOp::Geq => o != Ordering::Less,
        }
    }
}

/// An operation not defined for its operands: a checker bug (see the
/// module documentation).
#[cold]
fn invalid(what: std::fmt::Arguments<'_>) -> Value {
    debug_assert!(false, "invalid constant operation: {what}");
    Value::unknown()
}

/// The representation rank of a value, for bringing two operands to a
/// common representation (go/constant's `ord`).
fn rank(v: &Value) -> u8 {
    match v.0 {
        Repr::Unknown => 0,
        Repr::Bool(_) | Repr::Str(_) => 1,
        Repr::Int(_) => 2,
        Repr::BigInt(_) => 3,
        Repr::Rat(_) => 4,
        Repr::Float(_) => 5,
        Repr::Complex(_) => 6,
    }
}

fn as_bigint(v: &Value) -> Cow<'_, BigInt> {
    match &v.0 {
        Repr::Int(x) => Cow::Owned(BigInt::from(*x)),
        Repr::BigInt(x) => Cow::Borrowed(&**x),
        _ => unreachable!("not an integer"),
    }
}

fn as_rat(v: &Value) -> Cow<'_, BigRational> {
    match &v.0 {
        Repr::Int(x) => Cow::Owned(BigRational::from_integer(BigInt::from(*x))),
        Repr::BigInt(x) => Cow::Owned(BigRational::from_integer((**x).clone())),
        Repr::Rat(r) => Cow::Borrowed(&**r),
        _ => unreachable!("not a fraction"),
    }
}

/// The value as a 512-bit float (`None` if it overflows).
fn as_float(v: &Value) -> Option<Cow<'_, BigFloat>> {
    Some(match &v.0 {
        Repr::Int(x) => Cow::Owned(BigFloat::from_bigint(&BigInt::from(*x))?),
        Repr::BigInt(x) => Cow::Owned(BigFloat::from_bigint(x)?),
        Repr::Rat(r) => Cow::Owned(BigFloat::from_ratio(
            r.is_negative(),
            r.numer().magnitude(),
            r.denom().magnitude(),
        )?),
        Repr::Float(f) => Cow::Borrowed(&**f),
        _ => unreachable!("not a float"),
    })
}

fn parts(v: &Value) -> (Value, Value) {
    match &v.0 {
        Repr::Complex(c) => (c.0.clone(), c.1.clone()),
        _ => (v.clone(), Value::from_i64(0)),
    }
}

impl Value {
    /// `op x`. `prec` is the size in bits of the operand's type if it is
    /// an unsigned integer type, else 0: for unsigned types `^x` is taken
    /// within that many bits (`^uint8(1)` is 254, not -2).
    pub fn unary(&self, op: UnaryOp, prec: u32) -> Value {
        match (op, &self.0) {
            (_, Repr::Unknown) => self.clone(),
            (UnaryOp::Pos, _) if self.is_numeric() => self.clone(),
            (UnaryOp::Neg, Repr::Int(x)) => match x.checked_neg() {
                Some(z) => Value::from_i64(z),
                None => Value::from_bigint(-BigInt::from(*x)),
            },
            (UnaryOp::Neg, Repr::BigInt(x)) => Value::from_bigint(-&**x),
            (UnaryOp::Neg, Repr::Rat(r)) => Value::from_ratio(-&**r),
            (UnaryOp::Neg, Repr::Float(f)) => Value::from_bigfloat(f.neg()),
            (UnaryOp::Neg, Repr::Complex(c)) => {
                Value::make_complex(c.0.unary(UnaryOp::Neg, 0), c.1.unary(UnaryOp::Neg, 0))
            }
            (UnaryOp::Not, Repr::Int(x)) if prec <= 64 => {
                let z = !*x;
                if prec == 0 {
                    Value::from_i64(z)
                } else if prec == 64 {
                    Value::from_u64(z as u64)
                } else {
                    Value::from_i64(((z as u64) & ((1u64 << prec) - 1)) as i64)
                }
            }
            (UnaryOp::Not, Repr::Int(_) | Repr::BigInt(_)) => {
                let mut z = !as_bigint(self).into_owned();
                if prec > 0 {
                    let mask = (BigInt::from(1u32) << prec) - 1u32;
                    z &= mask;
                }
                Value::from_bigint(z)
            }
            (UnaryOp::LNot, Repr::Bool(b)) => Value::from_bool(!b),
            _ => invalid(format_args!("{op:?} {self}")),
        }
    }

    /// `x op y` for the arithmetic, bitwise and logical operators. The
    /// operands are brought to a common representation first (an `Int`
    /// with a `Float` gives a `Float`, anything with a `Complex` a
    /// `Complex`). `Unknown` if either operand is.
    #[inline]
    pub fn binary(&self, op: BinaryOp, y: &Value) -> Value {
        if let (Repr::Int(a), Repr::Int(b)) = (&self.0, &y.0) {
            if let Some(z) = int64_fast(*a, op, *b) {
                return Value::from_i64(z);
            }
        }
        self.binary_slow(op, y)
    }

    fn binary_slow(&self, op: BinaryOp, y: &Value) -> Value {
        let x = self;
        match (&x.0, &y.0) {
            (Repr::Unknown, _) | (_, Repr::Unknown) => Value::unknown(),
            (Repr::Int(a), Repr::Int(b)) => int64_op(*a, op, *b),
            (Repr::Bool(a), Repr::Bool(b)) => match op {
                BinaryOp::LAnd => Value::from_bool(*a && *b),
                BinaryOp::LOr => Value::from_bool(*a || *b),
                _ => invalid(format_args!("{x} {op:?} {y}")),
            },
            (Repr::Str(a), Repr::Str(b)) if op == BinaryOp::Add => {
                if b.len() == 0 {
                    x.clone()
                } else if a.len() == 0 {
                    y.clone()
                } else {
                    Value(Repr::Str(Arc::new(GoStr::concat(a.clone(), b.clone()))))
                }
            }
            _ if x.is_numeric() && y.is_numeric() => match rank(x).max(rank(y)) {
                3 => bigint_op(&as_bigint(x), op, &as_bigint(y)),
                4 => rat_op(&as_rat(x), op, &as_rat(y)),
                5 => match (as_float(x), as_float(y)) {
                    (Some(a), Some(b)) => float_op(&a, op, &b),
                    _ => Value::unknown(),
                },
                _ => complex_op(x, op, y),
            },
            _ => invalid(format_args!("{x} {op:?} {y}")),
        }
    }

    /// `x << s` or `x >> s` for an `Int` x (`Unknown` stays `Unknown`).
    /// The checker bounds `s` by [`super::SHIFT_BOUND`] first.
    pub fn shift(&self, op: ShiftOp, s: u32) -> Value {
        match (&self.0, op) {
            (Repr::Unknown, _) => self.clone(),
            (Repr::Int(_) | Repr::BigInt(_), _) if s == 0 => self.clone(),
            (Repr::Int(x), ShiftOp::Shl) => {
                if s < 63 && (*x << s) >> s == *x {
                    Value::from_i64(*x << s)
                } else {
                    Value::from_bigint(BigInt::from(*x) << s)
                }
            }
            // Arithmetic shift: rounds toward -infinity.
            (Repr::Int(x), ShiftOp::Shr) => Value::from_i64(*x >> s.min(63)),
            (Repr::BigInt(x), ShiftOp::Shl) => Value::from_bigint(&**x << s),
            (Repr::BigInt(x), ShiftOp::Shr) => Value::from_bigint(&**x >> s),
            _ => invalid(format_args!("{self} {op:?} {s}")),
        }
    }

    /// `x op y` for a comparison operator; `false` if either operand is
    /// `Unknown`. Complex values and booleans only compare for
    /// (in)equality.
    #[inline]
    pub fn compare(&self, op: CompareOp, y: &Value) -> bool {
        if let (Repr::Int(a), Repr::Int(b)) = (&self.0, &y.0) {
            return op.test(a.cmp(b));
        }
        self.compare_slow(op, y)
    }

    fn compare_slow(&self, op: CompareOp, y: &Value) -> bool {
        let x = self;
        let ordered = !matches!(op, CompareOp::Eql | CompareOp::Neq);
        let o = match (&x.0, &y.0) {
            (Repr::Unknown, _) | (_, Repr::Unknown) => return false,
            (Repr::Int(a), Repr::Int(b)) => a.cmp(b),
            (Repr::Bool(a), Repr::Bool(b)) if !ordered => a.cmp(b),
            (Repr::Str(a), Repr::Str(b)) => {
                if !ordered && a.len() != b.len() {
                    Ordering::Less
                } else {
                    a.bytes().cmp(b.bytes())
                }
            }
            _ if x.is_numeric() && y.is_numeric() => match rank(x).max(rank(y)) {
                3 => as_bigint(x).cmp(&as_bigint(y)),
                4 => as_rat(x).cmp(&as_rat(y)),
                5 => match (as_float(x), as_float(y)) {
                    (Some(a), Some(b)) => a.cmp(&b),
                    _ => return false,
                },
                _ if !ordered => {
                    let ((a, b), (c, d)) = (parts(x), parts(y));
                    let eq = a.compare(CompareOp::Eql, &c) && b.compare(CompareOp::Eql, &d);
                    if eq {
                        Ordering::Equal
                    } else {
                        Ordering::Less
                    }
                }
                _ => {
                    invalid(format_args!("{x} {op:?} {y}"));
                    return false;
                }
            },
            _ => {
                invalid(format_args!("{x} {op:?} {y}"));
                return false;
            }
        };
        op.test(o)
    }
}

/// `a op b` when it is an `i64` that needs no care: no overflow, no
/// division by zero, no fraction.
#[inline]
fn int64_fast(a: i64, op: BinaryOp, b: i64) -> Option<i64> {
    match op {
        BinaryOp::Add => a.checked_add(b),
        BinaryOp::Sub => a.checked_sub(b),
        BinaryOp::Mul => a.checked_mul(b),
        BinaryOp::IntDiv => a.checked_div(b),
        BinaryOp::Rem => a.checked_rem(b),
        BinaryOp::And => Some(a & b),
        BinaryOp::Or => Some(a | b),
        BinaryOp::Xor => Some(a ^ b),
        BinaryOp::AndNot => Some(a & !b),
        BinaryOp::Div | BinaryOp::LAnd | BinaryOp::LOr => None,
    }
}

fn int64_op(a: i64, op: BinaryOp, b: i64) -> Value {
    let big = || bigint_op(&BigInt::from(a), op, &BigInt::from(b));
    let z = match op {
        BinaryOp::Add => a.checked_add(b),
        BinaryOp::Sub => a.checked_sub(b),
        BinaryOp::Mul => a.checked_mul(b),
        BinaryOp::Div => return big(),
        // go/constant divides int64 values with Go's `/` and `%`, so
        // -1<<63 / -1 wraps to -1<<63 (and gc compiles that); so do we.
        BinaryOp::IntDiv | BinaryOp::Rem if b == 0 => return invalid(format_args!("{a} {op:?} 0")),
        BinaryOp::IntDiv => Some(a.wrapping_div(b)),
        BinaryOp::Rem => Some(a.wrapping_rem(b)),
        BinaryOp::And => Some(a & b),
        BinaryOp::Or => Some(a | b),
        BinaryOp::Xor => Some(a ^ b),
        BinaryOp::AndNot => Some(a & !b),
        BinaryOp::LAnd | BinaryOp::LOr => return invalid(format_args!("{a} {op:?} {b}")),
    };
    match z {
        Some(z) => Value::from_i64(z),
        None => big(),
    }
}

fn bigint_op(a: &BigInt, op: BinaryOp, b: &BigInt) -> Value {
    if matches!(op, BinaryOp::Div | BinaryOp::IntDiv | BinaryOp::Rem) && b.is_zero() {
        return invalid(format_args!("{a} {op:?} 0"));
    }
    Value::from_bigint(match op {
        BinaryOp::Add => a + b,
        BinaryOp::Sub => a - b,
        BinaryOp::Mul => a * b,
        BinaryOp::Div => return Value::from_ratio(BigRational::new(a.clone(), b.clone())),
        // Truncated division and remainder, like math/big's Quo and Rem.
        BinaryOp::IntDiv => a / b,
        BinaryOp::Rem => a % b,
        BinaryOp::And => a & b,
        BinaryOp::Or => a | b,
        BinaryOp::Xor => a ^ b,
        BinaryOp::AndNot => a & !b,
        BinaryOp::LAnd | BinaryOp::LOr => return invalid(format_args!("{a} {op:?} {b}")),
    })
}

fn rat_op(a: &BigRational, op: BinaryOp, b: &BigRational) -> Value {
    Value::from_ratio(match op {
        BinaryOp::Add => a + b,
        BinaryOp::Sub => a - b,
        BinaryOp::Mul => a * b,
        BinaryOp::Div if b.is_zero() => return invalid(format_args!("{a} / 0")),
        BinaryOp::Div => a / b,
        _ => return invalid(format_args!("{a} {op:?} {b}")),
    })
}

fn float_op(a: &BigFloat, op: BinaryOp, b: &BigFloat) -> Value {
    Value::from_rounded(match op {
        BinaryOp::Add => a.add(b, PREC),
        BinaryOp::Sub => a.sub(b, PREC),
        BinaryOp::Mul => a.mul(b, PREC),
        // x/0 is an infinity (so Unknown) for big floats; 0/0 is NaN,
        // for which math/big panics.
        BinaryOp::Div if b.is_zero() && a.is_zero() => return invalid(format_args!("0 / 0")),
        BinaryOp::Div if b.is_zero() => return Value::unknown(),
        BinaryOp::Div => a.quo(b, PREC),
        _ => return invalid(format_args!("float {op:?} float")),
    })
}

fn complex_op(x: &Value, op: BinaryOp, y: &Value) -> Value {
    let ((a, b), (c, d)) = (parts(x), parts(y));
    let add = |x: &Value, y: &Value| x.binary(BinaryOp::Add, y);
    let sub = |x: &Value, y: &Value| x.binary(BinaryOp::Sub, y);
    let mul = |x: &Value, y: &Value| x.binary(BinaryOp::Mul, y);
    let quo = |x: &Value, y: &Value| x.binary(BinaryOp::Div, y);
    let (re, im) = match op {
        BinaryOp::Add => (add(&a, &c), add(&b, &d)),
        BinaryOp::Sub => (sub(&a, &c), sub(&b, &d)),
        // (ac - bd) + i(bc + ad)
        BinaryOp::Mul => (
            sub(&mul(&a, &c), &mul(&b, &d)),
            add(&mul(&b, &c), &mul(&a, &d)),
        ),
        // ((ac + bd) + i(bc - ad)) / (cc + dd)
        BinaryOp::Div => {
            // (s can underflow to zero: the checker reports that as a
            // division by zero before it gets here.)
            let s = add(&mul(&c, &c), &mul(&d, &d));
            let re = add(&mul(&a, &c), &mul(&b, &d));
            let im = sub(&mul(&b, &c), &mul(&a, &d));
            (quo(&re, &s), quo(&im, &s))
        }
        _ => return invalid(format_args!("{x} {op:?} {y}")),
    };
    Value::make_complex(re, im)
}
