//! Exact constant values: the Go spec's untyped (and typed) constants and
//! their arithmetic, with the semantics of Go's `go/constant` as types2
//! uses it, so that the checker folds, rounds, rejects and prints
//! constants exactly as gc does.
//!
//! # Values
//!
//! A [`Value`] is one of the kinds [`Kind::Unknown`] (the result of an
//! error, or of an overflow to infinity; operations on it yield it again),
//! `Bool`, `String` (bytes: Go strings need not be UTF-8), `Int`, `Float`
//! and `Complex`. Like go/constant it picks the smallest exact
//! representation:
//!
//! - `Int`: an `i64` in the value itself (no allocation: the common case
//!   the checker meets millions of times), else a [`BigInt`].
//! - `Float`: an exact fraction ([`BigRational`]) while numerator and
//!   denominator have fewer than 4096 bits (go/constant's `maxExp`), else
//!   a binary float of 512-bit mantissa and `int32` exponent (`1e1000000`
//!   is one). Once a value is such a float, results derived from it stay
//!   floats; a float result that overflows that exponent is `Unknown`.
//! - `Complex`: a pair of `Int`/`Float` values.
//!
//! Values are cheap to clone (big parts are shared) and `Send + Sync`.
//!
//! # Dependencies
//!
//! Integers and fractions are `num-bigint` and `num-rational` (with
//! `num-traits`/`num-integer`): the standard, well-kept pure-Rust choice,
//! whose truncating division, remainder, two's-complement bitwise
//! operations and arithmetic shifts on negative numbers match math/big's.
//! The big float is our own small type on top of `BigUint`
//! ([`bigfloat`]): go/constant's results depend on math/big.Float's exact
//! behaviour — correct rounding to 512 bits, its int32 exponent range
//! (overflow to infinity and underflow to zero), and the way its literal
//! parser rounds powers of five at 576 and 640 bits, which makes some
//! huge literals differ from the correctly rounded value in the last bit
//! — and a general-purpose float crate would reproduce none of these
//! exactly. Each operation is exact then rounded once, so mirroring
//! math/big needs only about 300 lines.
//!
//! # Errors
//!
//! As in go/constant, operations must be defined for their operands (the
//! checker checks operand types first): an operation on mismatched kinds,
//! or an integer division by zero, is a checker bug. Debug builds panic;
//! release builds return `Unknown` rather than crash the compiler.
//!
//! # How types2 drives it
//!
//! - Literals (`basicLit`): numbers longer than [`MAX_NUMBER_LITERAL_LEN`]
//!   are an "excessively long constant"; [`Value::from_literal`] giving
//!   `Unknown` is a "malformed constant: 1e1000000000"; then the overflow
//!   check below.
//! - After every constant operation (`overflow`): an `Unknown` result is
//!   "constant result is not representable"; a typed result must be
//!   [`Value::representation`] of its type; an untyped `Int` longer than
//!   [`PREC`] bits ([`Value::bit_len`]) is "constant overflow" (or
//!   "constant shift overflow" etc.), a `String` longer than
//!   [`MAX_STRING_LEN`] is "constant string too long".
//! - Unary `^` on a typed unsigned operand passes the type's size
//!   ([`Target::bits`]) as `prec` to [`Value::unary`].
//! - `/` of operands of integer type (typed or untyped) is
//!   [`BinaryOp::IntDiv`], else [`BinaryOp::Div`]
//!   ([`BinaryOp::from_operator`]). Division by a constant with
//!   [`Value::sign`] 0 is reported first ("division by zero"), also for a
//!   complex divisor whose `re*re` and `im*im` are both zero.
//! - Shifts: the count must be an `Int` ([`Value::to_int`]) with
//!   [`Value::sign`] >= 0 ("negative shift count") and at most
//!   [`SHIFT_BOUND`] ([`Value::uint64_val`]; else "invalid shift count");
//!   the shifted constant is [`Value::to_int`] of the operand.
//! - Conversions and assignments: [`Value::representation`] gives the
//!   rounded value, or whether the error is "truncated", "overflows" or
//!   "cannot convert"; messages quote constants with `Display`
//!   (go/constant's `String`).
//!
//! # Differences from go/constant
//!
//! None observable in the results, as far as the differential tests go
//! (9000 golden cases and some 130 000 random ones against go1.27.3),
//! including go/constant's own quirks: `-1<<63 / -1` wraps to `-1<<63`
//! (the int64 division go/constant does), and `float64_val`'s "exact"
//! flag of fractions below half the smallest denormal is big.Rat's. The
//! API differs in Rust ways: no `Val`/`Make`/`Bytes` (use
//! [`Value::to_bigint`]), `int64_val` and friends return `Option`, and
//! invalid operations do not panic in release builds. Floats beyond the
//! `f64` range print with a decimal exponent computed with Rust's `powf`
//! rather than Go's `math.Pow`, which could only matter if the sixth
//! significant digit were within an ulp of a rounding boundary.

mod bigfloat;
pub(crate) mod format;
mod gostr;
mod literal;
mod ops;
mod repr;
#[cfg(test)]
mod tests;

pub use num_bigint::BigInt;
pub use num_rational::BigRational;
pub use ops::{BinaryOp, CompareOp, ShiftOp, UnaryOp};
pub use repr::{ReprError, Target};

use bigfloat::BigFloat;
use gostr::GoStr;
use num_bigint::Sign;
use num_traits::{Signed, ToPrimitive};
use std::fmt;
use std::sync::Arc;
use syntax::token::LitKind;

/// The mantissa precision of float constants, and the largest bit length
/// the checker lets an untyped integer constant reach (types2 reports
/// "constant overflow" beyond it).
pub const PREC: u64 = 512;

/// The largest shift count types2 accepts in a constant shift
/// (`1023 - 1 + 52`, enough to express the smallest `float64`); larger
/// counts are an "invalid shift count".
pub const SHIFT_BOUND: u64 = 1023 - 1 + 52;

/// The longest string constant types2 accepts, in bytes ("constant string
/// too long").
pub const MAX_STRING_LEN: u64 = 2_000_000_000;

/// Number literals longer than this many characters are rejected by
/// types2 as an "excessively long constant" before they are evaluated.
pub const MAX_NUMBER_LITERAL_LEN: usize = 10_000;

/// Fractions keep numerator and denominator below this many bits, and
/// literals stay fractions while their binary exponent is within ±it
/// (go/constant's `maxExp`).
const MAX_EXP: i64 = 4 << 10;

fn small_exp(e: i64) -> bool {
    -MAX_EXP < e && e < MAX_EXP
}

/// The kind of a [`Value`] (go/constant's `Kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Unknown,
    Bool,
    String,
    Int,
    Float,
    Complex,
}

/// A constant value. See the module documentation.
#[derive(Clone)]
pub struct Value(Repr);

#[derive(Clone)]
enum Repr {
    Unknown,
    Bool(bool),
    Str(Arc<GoStr>),
    /// An integer that fits an `i64`: never stored as `BigInt`.
    Int(i64),
    BigInt(Arc<BigInt>),
    /// A fraction (possibly integral, as for the literal `2.0`).
    Rat(Arc<BigRational>),
    Float(Arc<BigFloat>),
    /// Real and imaginary parts, each `Int` or `Float`.
    Complex(Arc<(Value, Value)>),
}

impl Default for Value {
    fn default() -> Value {
        Value::unknown()
    }
}

// ---------------------------------------------------------------------------
// Construction

impl Value {
    /// The unknown value.
    #[inline]
    pub fn unknown() -> Value {
        Value(Repr::Unknown)
    }

    #[inline]
    pub fn from_bool(b: bool) -> Value {
        Value(Repr::Bool(b))
    }

    /// A string of arbitrary bytes.
    pub fn from_bytes(b: impl Into<Box<[u8]>>) -> Value {
        Value(Repr::Str(Arc::new(GoStr::leaf(b.into()))))
    }

    #[inline]
    pub fn from_i64(x: i64) -> Value {
        Value(Repr::Int(x))
    }

    pub fn from_u64(x: u64) -> Value {
        match i64::try_from(x) {
            Ok(x) => Value(Repr::Int(x)),
            Err(_) => Value(Repr::BigInt(Arc::new(BigInt::from(x)))),
        }
    }

    /// An integer, stored in the smallest form.
    pub fn from_bigint(x: BigInt) -> Value {
        match x.to_i64() {
            Some(x) => Value(Repr::Int(x)),
            None => Value(Repr::BigInt(Arc::new(x))),
        }
    }

    /// A fraction (a `Float`), or the 512-bit float nearest to it if its
    /// numerator or denominator is too large (go/constant's `makeRat`).
    pub fn from_ratio(x: BigRational) -> Value {
        if x.numer().bits() < MAX_EXP as u64 && x.denom().bits() < MAX_EXP as u64 {
            Value::from_rat_exact(x)
        } else {
            let f = BigFloat::from_ratio(
                x.is_negative(),
                x.numer().magnitude(),
                x.denom().magnitude(),
            );
            Value::from_rounded(f)
        }
    }

    fn from_rat_exact(x: BigRational) -> Value {
        Value(Repr::Rat(Arc::new(x)))
    }

    /// A float value from a big float (go/constant's `makeFloat`).
    fn from_bigfloat(f: BigFloat) -> Value {
        Value(Repr::Float(Arc::new(f)))
    }

    /// A float result: `Unknown` if it overflowed to infinity.
    fn from_rounded(f: bigfloat::Rounded) -> Value {
        match f {
            Some(f) => Value::from_bigfloat(f),
            None => Value::unknown(),
        }
    }

    /// The `Float` value of `x` (`-0` is `0`); `Unknown` for infinities and
    /// NaN.
    pub fn from_f64(x: f64) -> Value {
        if !x.is_finite() {
            return Value::unknown();
        }
        let f = BigFloat::from_f64(x + 0.0);
        if small_exp(f.mant_exp()) {
            let (neg, num, den) = f.to_ratio();
            let r = BigRational::new(
                BigInt::from_biguint(if neg { Sign::Minus } else { Sign::Plus }, num),
                BigInt::from(den),
            );
            Value::from_rat_exact(r)
        } else {
            Value::from_bigfloat(f)
        }
    }

    /// `re + im·i` (go/constant's `makeComplex`): `Unknown` if a part is.
    fn make_complex(re: Value, im: Value) -> Value {
        if re.is_unknown() || im.is_unknown() {
            return Value::unknown();
        }
        Value(Repr::Complex(Arc::new((re, im))))
    }

    /// The value of a literal, given its source text as the scanner
    /// returns it (quotes, base prefixes, `_` separators and `i` suffix
    /// included): an `Int` for integer and rune literals, a `Float`, a
    /// `Complex` for imaginary literals, a `String`. A malformed literal
    /// (which the scanner has reported) gives `Unknown`, as do float
    /// literals beyond the exponent range (`1e1000000000`), for which gc
    /// says "malformed constant".
    pub fn from_literal(kind: LitKind, text: &str) -> Value {
        match kind {
            LitKind::Int => literal::int_lit(text),
            LitKind::Float => literal::float_lit(text),
            LitKind::Imag => literal::imag_lit(text),
            LitKind::Rune => literal::rune_lit(text),
            LitKind::String => literal::string_lit(text),
        }
    }
}

impl Value {
    /// The string of Go's conversion `string(x)` for an integer constant
    /// `x`: the UTF-8 encoding of the code point, or of U+FFFD if `x` is
    /// negative, a surrogate half or beyond U+10FFFF (as types2 folds it).
    pub fn int_to_string(&self) -> Value {
        let c = self
            .uint64_val()
            .and_then(|i| u32::try_from(i).ok())
            .and_then(char::from_u32)
            .unwrap_or(char::REPLACEMENT_CHARACTER);
        let mut buf = [0u8; 4];
        Value::from_bytes(c.encode_utf8(&mut buf).as_bytes())
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::from_bool(b)
    }
}

impl From<&str> for Value {
    /// A string constant.
    fn from(s: &str) -> Value {
        Value::from_bytes(s.as_bytes())
    }
}

impl From<i64> for Value {
    fn from(x: i64) -> Value {
        Value::from_i64(x)
    }
}

impl From<u64> for Value {
    fn from(x: u64) -> Value {
        Value::from_u64(x)
    }
}

impl From<BigInt> for Value {
    fn from(x: BigInt) -> Value {
        Value::from_bigint(x)
    }
}

// ---------------------------------------------------------------------------
// Accessors

impl Value {
    #[inline]
    pub fn kind(&self) -> Kind {
        match self.0 {
            Repr::Unknown => Kind::Unknown,
            Repr::Bool(_) => Kind::Bool,
            Repr::Str(_) => Kind::String,
            Repr::Int(_) | Repr::BigInt(_) => Kind::Int,
            Repr::Rat(_) | Repr::Float(_) => Kind::Float,
            Repr::Complex(_) => Kind::Complex,
        }
    }

    #[inline]
    pub fn is_unknown(&self) -> bool {
        matches!(self.0, Repr::Unknown)
    }

    /// Whether the value is numeric (`Int`, `Float` or `Complex`).
    #[inline]
    pub fn is_numeric(&self) -> bool {
        matches!(self.kind(), Kind::Int | Kind::Float | Kind::Complex)
    }

    /// The value of a `Bool` (`false` for `Unknown`).
    #[inline]
    pub fn bool_val(&self) -> bool {
        match self.0 {
            Repr::Bool(b) => b,
            _ => {
                debug_assert!(self.is_unknown(), "{self} is not a Bool");
                false
            }
        }
    }

    /// The bytes of a `String` (empty for `Unknown`).
    pub fn str_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Str(s) => s.bytes(),
            _ => {
                debug_assert!(self.is_unknown(), "{self} is not a String");
                b""
            }
        }
    }

    /// The length in bytes of a `String` (0 for `Unknown`), without
    /// assembling a concatenation.
    pub fn str_len(&self) -> u64 {
        match &self.0 {
            Repr::Str(s) => s.len(),
            _ => {
                debug_assert!(self.is_unknown(), "{self} is not a String");
                0
            }
        }
    }

    /// The value of an `Int` if it fits an `i64` (`None` for `Unknown`).
    #[inline]
    pub fn int64_val(&self) -> Option<i64> {
        match &self.0 {
            Repr::Int(x) => Some(*x),
            Repr::BigInt(_) => None,
            _ => {
                debug_assert!(self.is_unknown(), "{self} is not an Int");
                None
            }
        }
    }

    /// The value of an `Int` if it fits a `u64` (`None` for `Unknown`).
    #[inline]
    pub fn uint64_val(&self) -> Option<u64> {
        match &self.0 {
            Repr::Int(x) => u64::try_from(*x).ok(),
            Repr::BigInt(x) => x.to_u64(),
            _ => {
                debug_assert!(self.is_unknown(), "{self} is not an Int");
                None
            }
        }
    }

    /// The value of an `Int` (`None` for `Unknown`).
    pub fn to_bigint(&self) -> Option<BigInt> {
        match &self.0 {
            Repr::Int(x) => Some(BigInt::from(*x)),
            Repr::BigInt(x) => Some((**x).clone()),
            _ => {
                debug_assert!(self.is_unknown(), "{self} is not an Int");
                None
            }
        }
    }

    /// The nearest `f64` (ties to even; ±infinity beyond the range, which
    /// is how the checker detects overflow) and whether it is exact, for
    /// an `Int` or `Float`; `(0, false)` for `Unknown`. Values too close
    /// to zero underflow to zero of the value's sign.
    pub fn float64_val(&self) -> (f64, bool) {
        match &self.0 {
            Repr::Int(x) => {
                let f = *x as f64;
                (f, f as i128 == *x as i128)
            }
            // math/big rounds the integer to 512 bits first.
            Repr::BigInt(x) => match BigFloat::from_bigint(x) {
                Some(f) => f.to_f64(),
                None => (inf_like(x.sign()), false),
            },
            Repr::Rat(r) => bigfloat::ratio_to_f64(
                r.is_negative(),
                r.numer().magnitude(),
                r.denom().magnitude(),
            ),
            Repr::Float(f) => f.to_f64(),
            _ => {
                debug_assert!(self.is_unknown(), "{self} is not a Float");
                (0.0, false)
            }
        }
    }

    /// Like [`Value::float64_val`] for `f32`.
    pub fn float32_val(&self) -> (f32, bool) {
        match &self.0 {
            Repr::Int(x) => {
                let f = *x as f32;
                (f, f as i128 == *x as i128)
            }
            Repr::BigInt(x) => match BigFloat::from_bigint(x) {
                Some(f) => f.to_f32(),
                None => (inf_like(x.sign()) as f32, false),
            },
            Repr::Rat(r) => bigfloat::ratio_to_f32(
                r.is_negative(),
                r.numer().magnitude(),
                r.denom().magnitude(),
            ),
            Repr::Float(f) => f.to_f32(),
            _ => {
                debug_assert!(self.is_unknown(), "{self} is not a Float");
                (0.0, false)
            }
        }
    }

    /// -1, 0 or 1 for a numeric value (for a `Complex`, 0 iff it is zero);
    /// 1 for `Unknown`, to avoid spurious division-by-zero errors.
    #[inline]
    pub fn sign(&self) -> i32 {
        match &self.0 {
            Repr::Int(x) => x.signum() as i32,
            Repr::BigInt(x) => sign_of(x.sign()),
            Repr::Rat(r) => sign_of(r.numer().sign()),
            Repr::Float(f) => f.sign(),
            Repr::Complex(c) => c.0.sign() | c.1.sign(),
            Repr::Unknown => 1,
            _ => {
                debug_assert!(false, "{self} is not numeric");
                1
            }
        }
    }

    /// The number of bits of the absolute value of an `Int` (0 for
    /// `Unknown`).
    #[inline]
    pub fn bit_len(&self) -> u64 {
        match &self.0 {
            Repr::Int(x) => 64 - x.unsigned_abs().leading_zeros() as u64,
            Repr::BigInt(x) => x.bits(),
            _ => {
                debug_assert!(self.is_unknown(), "{self} is not an Int");
                0
            }
        }
    }

    /// The numerator of an `Int` or `Float`, as an `Int`; `Unknown` if
    /// the value is too large or small for a fraction.
    pub fn num(&self) -> Value {
        match &self.0 {
            Repr::Int(_) | Repr::BigInt(_) => self.clone(),
            Repr::Rat(r) => Value::from_bigint(r.numer().clone()),
            Repr::Float(f) if small_exp(f.mant_exp()) => {
                let (neg, num, den) = f.to_ratio();
                let r = BigRational::new(signed(neg, num), BigInt::from(den));
                Value::from_bigint(r.numer().clone())
            }
            _ => Value::unknown(),
        }
    }

    /// The denominator (>= 1) of an `Int` or `Float`, as an `Int`;
    /// `Unknown` if the value is too large or small for a fraction.
    pub fn denom(&self) -> Value {
        match &self.0 {
            Repr::Int(_) | Repr::BigInt(_) => Value::from_i64(1),
            Repr::Rat(r) => Value::from_bigint(r.denom().clone()),
            Repr::Float(f) if small_exp(f.mant_exp()) => {
                let (_, num, den) = f.to_ratio();
                let r = BigRational::new(BigInt::from(num), BigInt::from(den));
                Value::from_bigint(r.denom().clone())
            }
            _ => Value::unknown(),
        }
    }
}

fn sign_of(s: Sign) -> i32 {
    match s {
        Sign::Minus => -1,
        Sign::NoSign => 0,
        Sign::Plus => 1,
    }
}

fn inf_like(s: Sign) -> f64 {
    if s == Sign::Minus {
        f64::NEG_INFINITY
    } else {
        f64::INFINITY
    }
}

fn signed(neg: bool, m: num_bigint::BigUint) -> BigInt {
    BigInt::from_biguint(if neg { Sign::Minus } else { Sign::Plus }, m)
}

// ---------------------------------------------------------------------------
// Conversions between kinds

impl Value {
    /// The `Int` equal to a numeric value, if there is one, else `Unknown`.
    /// A float that is within a few ulps (at 512 bits) of an integer
    /// counts as that integer, since it is presumably one spoiled by
    /// rounding in earlier operations.
    pub fn to_int(&self) -> Value {
        match &self.0 {
            Repr::Int(_) | Repr::BigInt(_) => self.clone(),
            Repr::Rat(r) => {
                if r.is_integer() {
                    Value::from_bigint(r.numer().clone())
                } else {
                    Value::unknown()
                }
            }
            Repr::Float(f) => {
                // Avoid huge integers: only values that could be fractions.
                if !small_exp(f.mant_exp()) {
                    return Value::unknown();
                }
                if f.is_int() {
                    return Value::from_bigint(f.to_int_trunc().0);
                }
                const DELTA: u64 = 4; // a few bits of tolerance
                for mode in [bigfloat::Mode::ToZero, bigfloat::Mode::AwayFromZero] {
                    if let Some(t) = f.rounded(PREC - DELTA, mode) {
                        if t.is_int() {
                            return Value::from_bigint(t.to_int_trunc().0);
                        }
                    }
                }
                Value::unknown()
            }
            Repr::Complex(_) => {
                let re = self.to_float();
                if re.kind() == Kind::Float {
                    re.to_int()
                } else {
                    Value::unknown()
                }
            }
            _ => Value::unknown(),
        }
    }

    /// The `Float` equal to a numeric value, if there is one (a complex
    /// value only if its imaginary part is zero), else `Unknown`.
    pub fn to_float(&self) -> Value {
        match &self.0 {
            Repr::Int(x) => Value::from_rat_exact(BigRational::from_integer(BigInt::from(*x))),
            Repr::BigInt(x) => {
                if x.bits() < MAX_EXP as u64 {
                    Value::from_rat_exact(BigRational::from_integer((**x).clone()))
                } else {
                    Value::from_rounded(BigFloat::from_bigint(x))
                }
            }
            Repr::Rat(_) | Repr::Float(_) => self.clone(),
            Repr::Complex(c) if c.1.sign() == 0 => c.0.to_float(),
            _ => Value::unknown(),
        }
    }

    /// The `Complex` equal to a numeric value, else `Unknown`.
    pub fn to_complex(&self) -> Value {
        match &self.0 {
            Repr::Int(_) | Repr::BigInt(_) | Repr::Rat(_) | Repr::Float(_) => {
                Value::make_complex(self.clone(), Value::from_i64(0))
            }
            Repr::Complex(_) => self.clone(),
            _ => Value::unknown(),
        }
    }

    /// `x·i` for an `Int` or `Float` x; `Unknown` stays `Unknown`.
    pub fn make_imag(&self) -> Value {
        match &self.0 {
            Repr::Int(_) | Repr::BigInt(_) | Repr::Rat(_) | Repr::Float(_) => {
                Value::make_complex(Value::from_i64(0), self.clone())
            }
            _ => {
                debug_assert!(self.is_unknown(), "{self} is not Int or Float");
                Value::unknown()
            }
        }
    }

    /// The real part of a numeric value (the value itself if not complex).
    pub fn real(&self) -> Value {
        match &self.0 {
            Repr::Complex(c) => c.0.clone(),
            _ => {
                debug_assert!(
                    self.is_numeric() || self.is_unknown(),
                    "{self} is not numeric"
                );
                self.clone()
            }
        }
    }

    /// The imaginary part of a numeric value (0 if not complex).
    pub fn imag(&self) -> Value {
        match &self.0 {
            Repr::Complex(c) => c.1.clone(),
            Repr::Unknown => Value::unknown(),
            _ => {
                debug_assert!(self.is_numeric(), "{self} is not numeric");
                Value::from_i64(0)
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Printing and comparison

impl fmt::Display for Value {
    /// go/constant's `String`: a short, human-readable form (what gc's
    /// messages quote). Floats are approximate (`%.6g`, `1e+1000`), long
    /// strings abbreviated with `...`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Unknown => f.write_str("unknown"),
            Repr::Bool(b) => write!(f, "{b}"),
            Repr::Str(s) => f.write_str(&format::short_string(s.bytes())),
            Repr::Int(x) => write!(f, "{x}"),
            Repr::BigInt(x) => write!(f, "{x}"),
            Repr::Rat(r) => {
                let neg = r.is_negative();
                match BigFloat::from_ratio(neg, r.numer().magnitude(), r.denom().magnitude()) {
                    Some(x) => f.write_str(&format::float_string(&x)),
                    None => f.write_str("+Inf"),
                }
            }
            Repr::Float(x) => f.write_str(&format::float_string(x)),
            Repr::Complex(c) => write!(f, "({} + {}i)", c.0, c.1),
        }
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}({})", self.kind(), self.exact_string())
    }
}

impl Value {
    /// go/constant's `ExactString`: the exact value, as `num/den` for
    /// fractions and in `0x.8p+1` form for big floats.
    pub fn exact_string(&self) -> String {
        match &self.0 {
            Repr::Str(s) => format::quote(s.bytes()),
            Repr::Rat(r) => {
                if r.is_integer() {
                    r.numer().to_string()
                } else {
                    format!("{}/{}", r.numer(), r.denom())
                }
            }
            Repr::Float(x) => x.text_p(),
            Repr::Complex(c) => format!("({} + {}i)", c.0.exact_string(), c.1.exact_string()),
            _ => self.to_string(),
        }
    }
}

impl PartialEq for Value {
    /// Values are equal if they are of the same kind and `==` holds for
    /// them (so `Int` 1 and `Float` 1.0 differ), or both are `Unknown`.
    fn eq(&self, other: &Value) -> bool {
        let k = self.kind();
        if k != other.kind() {
            return false;
        }
        k == Kind::Unknown || self.compare(CompareOp::Eql, other)
    }
}

#[allow(dead_code)]
fn assert_send_sync() {
    fn is<T: Send + Sync>() {}
    is::<Value>();
}

const _: () = assert!(std::mem::size_of::<Value>() == 16);
