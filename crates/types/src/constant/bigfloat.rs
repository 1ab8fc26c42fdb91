//! A binary floating-point number of bounded precision with a huge
//! exponent range: the representation of untyped float constants whose
//! exact fraction would be too large (go/constant's `floatVal`, a
//! `*big.Float` of 512-bit precision).
//!
//! Every operation is exact and then rounded once to the requested
//! precision, as `math/big` does, so the results are bit for bit those of
//! gc. The exponent range is that of `big.Float` (an `int32` exponent for
//! the normalized form `0.mant × 2**exp`): beyond it a result overflows
//! (the callers turn that into an unknown constant) or underflows to zero.

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{ToPrimitive, Zero};
use std::cmp::Ordering;

/// The precision of float constants, in mantissa bits (go/constant's
/// `prec`; the spec asks for at least 256).
pub(crate) const PREC: u64 = 512;

/// The largest and smallest `big.Float` exponents (for `0.mant × 2**exp`).
const MAX_EXP: i64 = i32::MAX as i64;
const MIN_EXP: i64 = i32::MIN as i64;

/// How a result that does not fit the precision is rounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    NearestEven,
    ToZero,
    AwayFromZero,
}

/// `(-1)**neg × mant × 2**exp`. Zero is `mant == 0` (with `neg == false`,
/// `exp == 0`); otherwise `mant` is odd, which makes the representation
/// canonical (derived equality is numeric equality).
///
/// A value built by [`BigFloat::exact`] may carry more than [`PREC`] bits
/// until it goes through an operation, which rounds.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct BigFloat {
    neg: bool,
    mant: BigUint,
    exp: i64,
}

/// The result of an operation: `None` when it overflowed to ±infinity.
pub(crate) type Rounded = Option<BigFloat>;

fn bits(m: &BigUint) -> i64 {
    m.bits() as i64
}

/// Whether any of the `k` lowest bits of `m` is set.
fn any_low_bits(m: &BigUint, k: i64) -> bool {
    match m.trailing_zeros() {
        Some(tz) => (tz as i64) < k,
        None => false,
    }
}

/// Rounds `mant × 2**exp` (plus, if `sticky`, some positive amount below
/// `2**exp`, which requires `exp < lsb`) so that its lowest kept bit has
/// weight `2**lsb`. Returns the kept mantissa (which may have grown by
/// one bit when rounding up carried) and whether anything was lost.
fn round_at(mant: &BigUint, exp: i64, sticky: bool, lsb: i64, mode: Mode) -> (BigUint, bool) {
    if exp >= lsb {
        debug_assert!(!sticky, "sticky bits without a rounding position below");
        return (mant << ((exp - lsb) as u64), false);
    }
    let shift = (lsb - exp) as u64;
    let kept = mant >> shift;
    let half = mant.bit(shift - 1);
    let rest = sticky || any_low_bits(mant, shift as i64 - 1);
    let up = match mode {
        Mode::NearestEven => half && (rest || kept.bit(0)),
        Mode::ToZero => false,
        Mode::AwayFromZero => half || rest,
    };
    let inexact = half || rest;
    if up {
        (kept + 1u32, inexact)
    } else {
        (kept, inexact)
    }
}

/// The quotient `num / den` as `q × 2**exp` with at least `want` bits in
/// `q`, and whether there is a nonzero remainder (the sticky bit).
fn div_bits(num: &BigUint, den: &BigUint, want: i64) -> (BigUint, i64, bool) {
    debug_assert!(!den.is_zero());
    // q has bits(num) + s - bits(den) or one more bits.
    let s = want + bits(den) - bits(num);
    let (q, r) = if s >= 0 {
        (num << (s as u64)).div_rem(den)
    } else {
        num.div_rem(&(den << ((-s) as u64)))
    };
    (q, -s, !r.is_zero())
}

/// The weight of `2**e` as an `f64`, for `-1074 <= e <= 1023`.
fn pow2(e: i64) -> f64 {
    debug_assert!((-1074..=1023).contains(&e));
    if e >= -1022 {
        f64::from_bits(((e + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (e + 1074))
    }
}

/// An IEEE binary format, for conversions to `f64` and `f32`.
struct Ieee {
    /// Mantissa bits, including the implicit one.
    prec: i64,
    /// Weight of the smallest denormal.
    min_lsb: i64,
    /// Values at or above `2**max_top` overflow.
    max_top: i64,
}

const F64: Ieee = Ieee {
    prec: 53,
    min_lsb: -1074,
    max_top: 1024,
};
const F32: Ieee = Ieee {
    prec: 24,
    min_lsb: -149,
    max_top: 128,
};

/// Rounds `±(mant × 2**exp + sticky)` to the nearest value (ties to even)
/// of format `f`, with gradual underflow, as an `f64` (exact also for
/// `f32` results). Returns the value and whether it is exact.
fn to_ieee(neg: bool, mant: &BigUint, exp: i64, sticky: bool, f: &Ieee) -> (f64, bool) {
    let sign = if neg { -1.0 } else { 1.0 };
    if mant.is_zero() {
        return (0.0 * sign, !sticky);
    }
    let top = exp + bits(mant);
    let lsb = (top - f.prec).max(f.min_lsb);
    let (q, inexact) = round_at(mant, exp, sticky, lsb, Mode::NearestEven);
    if q.is_zero() {
        return (0.0 * sign, false);
    }
    if lsb + bits(&q) > f.max_top {
        return (f64::INFINITY * sign, false);
    }
    // q has at most prec+1 bits and q × 2**lsb is representable, so this
    // product is exact.
    let q = q.to_u64().expect("rounded mantissa fits 64 bits") as f64;
    (sign * q * pow2(lsb), !inexact)
}

/// The correctly rounded `f64` nearest to `±num/den`, and whether it is
/// exact (big.Rat's `Float64`).
pub(crate) fn ratio_to_f64(neg: bool, num: &BigUint, den: &BigUint) -> (f64, bool) {
    ratio_to_ieee(neg, num, den, &F64)
}

/// Like [`ratio_to_f64`] for `f32`.
pub(crate) fn ratio_to_f32(neg: bool, num: &BigUint, den: &BigUint) -> (f32, bool) {
    let (f, exact) = ratio_to_ieee(neg, num, den, &F32);
    (f as f32, exact)
}

fn ratio_to_ieee(neg: bool, num: &BigUint, den: &BigUint, f: &Ieee) -> (f64, bool) {
    if num.is_zero() {
        return (0.0, true);
    }
    let (q, exp, sticky) = div_bits(num, den, f.prec + 2);
    if exp + bits(&q) < f.min_lsb {
        // Below half the smallest denormal the result is zero, but
        // big.Rat's conversion says "exact" if the value has no more
        // significant bits than the format (it ignores the underflow);
        // the checker's uses of the flag see the same as gc's.
        let zero = if neg { -0.0 } else { 0.0 };
        let exact = den.count_ones() == 1 && bits(num) <= f.prec;
        return (zero, exact);
    }
    to_ieee(neg, &q, exp, sticky, f)
}

impl BigFloat {
    pub(crate) fn zero() -> BigFloat {
        BigFloat {
            neg: false,
            mant: BigUint::zero(),
            exp: 0,
        }
    }

    /// `±mant × 2**exp` exactly, whatever the size of `mant` (the next
    /// operation rounds).
    pub(crate) fn exact(neg: bool, mant: BigUint, exp: i64) -> BigFloat {
        if mant.is_zero() {
            return BigFloat::zero();
        }
        let tz = mant.trailing_zeros().unwrap_or(0);
        BigFloat {
            neg,
            mant: mant >> tz,
            exp: exp + tz as i64,
        }
    }

    /// Rounds `±(mant × 2**exp + sticky)` to `prec` bits.
    fn round(neg: bool, mant: &BigUint, exp: i64, sticky: bool, prec: u64, mode: Mode) -> Rounded {
        if mant.is_zero() {
            debug_assert!(!sticky);
            return Some(BigFloat::zero());
        }
        let n = bits(mant);
        // big.Float checks the range before rounding (so a value just
        // below the smallest exponent underflows even if rounding would
        // lift it) and again after it (rounding may carry past the top).
        if exp + n < MIN_EXP {
            return Some(BigFloat::zero());
        }
        let f = if n <= prec as i64 && !sticky {
            BigFloat::exact(neg, mant.clone(), exp)
        } else {
            let lsb = exp + n - prec as i64;
            let (q, _) = round_at(mant, exp, sticky, lsb, mode);
            BigFloat::exact(neg, q, lsb)
        };
        if f.mant_exp() > MAX_EXP {
            None
        } else {
            Some(f)
        }
    }

    /// This value rounded to `prec` bits.
    pub(crate) fn rounded(&self, prec: u64, mode: Mode) -> Rounded {
        BigFloat::round(self.neg, &self.mant, self.exp, false, prec, mode)
    }

    pub(crate) fn from_bigint(x: &BigInt) -> Rounded {
        BigFloat::round(
            x.sign() == Sign::Minus,
            x.magnitude(),
            0,
            false,
            PREC,
            Mode::NearestEven,
        )
    }

    pub(crate) fn from_u64(x: u64) -> BigFloat {
        BigFloat::exact(false, BigUint::from(x), 0)
    }

    /// The exact value of a finite `f64`.
    pub(crate) fn from_f64(x: f64) -> BigFloat {
        debug_assert!(x.is_finite());
        let b = x.to_bits();
        let neg = b >> 63 != 0;
        let e = ((b >> 52) & 0x7ff) as i64;
        let m = b & ((1u64 << 52) - 1);
        let (m, e) = if e == 0 {
            (m, -1074)
        } else {
            (m | (1u64 << 52), e - 1075)
        };
        BigFloat::exact(neg && m != 0, BigUint::from(m), e)
    }

    /// `±num/den` rounded to [`PREC`] bits (big.Float's `SetRat`).
    pub(crate) fn from_ratio(neg: bool, num: &BigUint, den: &BigUint) -> Rounded {
        if num.is_zero() {
            return Some(BigFloat::zero());
        }
        let (q, exp, sticky) = div_bits(num, den, PREC as i64 + 2);
        BigFloat::round(neg, &q, exp, sticky, PREC, Mode::NearestEven)
    }

    /// -1, 0 or 1.
    pub(crate) fn sign(&self) -> i32 {
        if self.mant.is_zero() {
            0
        } else if self.neg {
            -1
        } else {
            1
        }
    }

    pub(crate) fn is_zero(&self) -> bool {
        self.mant.is_zero()
    }

    /// The exponent `e` with `0.5 <= |x| / 2**e < 1` (0 for zero), i.e.
    /// big.Float's `MantExp`.
    pub(crate) fn mant_exp(&self) -> i64 {
        if self.mant.is_zero() {
            0
        } else {
            self.exp + bits(&self.mant)
        }
    }

    pub(crate) fn is_int(&self) -> bool {
        self.exp >= 0 || self.mant.is_zero()
    }

    pub(crate) fn neg(&self) -> BigFloat {
        let mut z = self.clone();
        z.neg = !z.neg && !z.mant.is_zero();
        z
    }

    pub(crate) fn mul(&self, y: &BigFloat, prec: u64) -> Rounded {
        if self.is_zero() || y.is_zero() {
            return Some(BigFloat::zero());
        }
        let m = &self.mant * &y.mant;
        BigFloat::round(
            self.neg != y.neg,
            &m,
            self.exp + y.exp,
            false,
            prec,
            Mode::NearestEven,
        )
    }

    /// `self / y`; `y` must not be zero.
    pub(crate) fn quo(&self, y: &BigFloat, prec: u64) -> Rounded {
        assert!(!y.is_zero(), "division by zero");
        if self.is_zero() {
            return Some(BigFloat::zero());
        }
        let (q, exp, sticky) = div_bits(&self.mant, &y.mant, prec as i64 + 2);
        BigFloat::round(
            self.neg != y.neg,
            &q,
            exp + self.exp - y.exp,
            sticky,
            prec,
            Mode::NearestEven,
        )
    }

    pub(crate) fn add(&self, y: &BigFloat, prec: u64) -> Rounded {
        if y.is_zero() {
            return self.rounded(prec, Mode::NearestEven);
        }
        if self.is_zero() {
            return y.rounded(prec, Mode::NearestEven);
        }
        // Order by magnitude: a is the larger (in top exponent).
        let (a, b) = if self.mant_exp() >= y.mant_exp() {
            (self, y)
        } else {
            (y, self)
        };
        // If b lies far below a's last bit and below the rounding
        // position of any result, only its sign matters: replace it by a
        // tiny stand-in, so that 2**huge + 2**-huge does not build a
        // number with billions of bits. (a is on the result's grid and b
        // and the stand-in both lie strictly within a quarter of its
        // spacing on the same side, so every rounding mode agrees.)
        let a_top = a.mant_exp();
        let floor = a.exp.min(a_top - prec as i64);
        let tiny;
        let b = if bits(&a.mant) <= prec as i64 && b.mant_exp() < floor - 2 {
            tiny = BigFloat {
                neg: b.neg,
                mant: BigUint::from(1u32),
                exp: floor - 3,
            };
            &tiny
        } else {
            b
        };
        let e = a.exp.min(b.exp);
        let am = BigInt::from_biguint(
            if a.neg { Sign::Minus } else { Sign::Plus },
            &a.mant << ((a.exp - e) as u64),
        );
        let bm = BigInt::from_biguint(
            if b.neg { Sign::Minus } else { Sign::Plus },
            &b.mant << ((b.exp - e) as u64),
        );
        let s = am + bm;
        BigFloat::round(
            s.sign() == Sign::Minus,
            s.magnitude(),
            e,
            false,
            prec,
            Mode::NearestEven,
        )
    }

    pub(crate) fn sub(&self, y: &BigFloat, prec: u64) -> Rounded {
        self.add(&y.neg(), prec)
    }

    pub(crate) fn cmp(&self, y: &BigFloat) -> Ordering {
        let (sx, sy) = (self.sign(), y.sign());
        if sx != sy {
            return sx.cmp(&sy);
        }
        if sx == 0 {
            return Ordering::Equal;
        }
        let mag = match self.mant_exp().cmp(&y.mant_exp()) {
            Ordering::Equal => {
                let e = self.exp.min(y.exp);
                let a = &self.mant << ((self.exp - e) as u64);
                let b = &y.mant << ((y.exp - e) as u64);
                a.cmp(&b)
            }
            o => o,
        };
        if sx < 0 {
            mag.reverse()
        } else {
            mag
        }
    }

    /// The nearest `f64` (ties to even, with gradual underflow, ±infinity
    /// beyond the range) and whether it is exact (big.Float's `Float64`).
    pub(crate) fn to_f64(&self) -> (f64, bool) {
        to_ieee(self.neg, &self.mant, self.exp, false, &F64)
    }

    /// Like [`BigFloat::to_f64`] for `f32`.
    pub(crate) fn to_f32(&self) -> (f32, bool) {
        let (f, exact) = to_ieee(self.neg, &self.mant, self.exp, false, &F32);
        (f as f32, exact)
    }

    /// The integer part (truncated toward zero) and whether it is exact.
    /// Callers bound the exponent first: the integer can be as large as
    /// the value.
    pub(crate) fn to_int_trunc(&self) -> (BigInt, bool) {
        let sign = if self.neg { Sign::Minus } else { Sign::Plus };
        if self.exp >= 0 {
            let m = &self.mant << (self.exp as u64);
            return (BigInt::from_biguint(sign, m), true);
        }
        let m = &self.mant >> ((-self.exp) as u64);
        (BigInt::from_biguint(sign, m), self.mant.is_zero())
    }

    /// The exact value as a fraction `±num/den` with `den` a power of two.
    /// Callers bound the exponent first.
    pub(crate) fn to_ratio(&self) -> (bool, BigUint, BigUint) {
        let one = BigUint::from(1u32);
        if self.exp >= 0 {
            (self.neg, &self.mant << (self.exp as u64), one)
        } else {
            (self.neg, self.mant.clone(), one << ((-self.exp) as u64))
        }
    }

    /// The mantissa scaled into `[0.5, 1)` and rounded to an `f64`, and
    /// the exponent: `x ≈ m × 2**e` (big.Float's `MantExp` followed by
    /// `Float64` of the mantissa).
    pub(crate) fn mant_f64_exp(&self) -> (f64, i64) {
        if self.is_zero() {
            return (0.0, 0);
        }
        let e = self.mant_exp();
        let (m, _) = to_ieee(self.neg, &self.mant, -bits(&self.mant), false, &F64);
        (m, e)
    }

    /// big.Float's `Text('p', 0)`: `-0x.8p+1` style, hexadecimal
    /// mantissa in `[0.5, 1)` and decimal binary exponent, or `0`.
    pub(crate) fn text_p(&self) -> String {
        if self.is_zero() {
            return "0".to_string();
        }
        let n = bits(&self.mant);
        let pad = (4 - n % 4) % 4;
        let digits = (&self.mant << (pad as u64)).to_str_radix(16);
        let e = self.mant_exp();
        let sign = if self.neg { "-" } else { "" };
        let esign = if e >= 0 { "+" } else { "" };
        format!("{sign}0x.{digits}p{esign}{e}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(x: f64) -> BigFloat {
        BigFloat::from_f64(x)
    }

    #[test]
    fn f64_round_trip() {
        for x in [
            0.0,
            1.0,
            -1.5,
            0.1,
            1e300,
            -1e-300,
            5e-324,
            2.2250738585072014e-308,
            f64::MAX,
            f64::MIN_POSITIVE / 3.0,
        ] {
            assert_eq!(f(x).to_f64(), (x, true), "{x}");
        }
    }

    #[test]
    fn arithmetic_is_rounded_once() {
        let third = f(1.0).quo(&f(3.0), PREC).unwrap();
        // 1/3 is not exact in binary; 3 × (1/3) rounds back to 1.
        assert_eq!(bits(&third.mant) as u64, PREC);
        assert_eq!(third.mul(&f(3.0), PREC).unwrap(), f(1.0));
        let x = f(1.0).add(&f(1e-300), PREC).unwrap();
        assert_eq!(x, f(1.0));
        // 2**huge - tiny in each mode.
        let big = BigFloat::exact(false, BigUint::from(1u32), 1 << 20);
        let tiny = BigFloat::exact(false, BigUint::from(1u32), -(1 << 20));
        assert_eq!(big.sub(&tiny, PREC).unwrap(), big);
        assert_eq!(big.add(&tiny, PREC).unwrap(), big);
    }

    #[test]
    fn overflow_and_underflow() {
        let big = BigFloat::exact(false, BigUint::from(1u32), MAX_EXP - 1);
        assert_eq!(big.mul(&f(2.0), PREC), None);
        let small = BigFloat::exact(false, BigUint::from(1u32), MIN_EXP - 1);
        assert_eq!(small.quo(&f(2.0), PREC), Some(BigFloat::zero()));
    }

    #[test]
    fn ieee_conversions() {
        // 2**-1075 rounds to zero (tie to even), 3 × 2**-1076 to 2**-1074.
        let one = BigUint::from(1u32);
        assert_eq!(
            BigFloat::exact(false, one.clone(), -1075).to_f64(),
            (0.0, false)
        );
        assert_eq!(
            BigFloat::exact(false, BigUint::from(3u32), -1076).to_f64(),
            (5e-324, false)
        );
        assert_eq!(
            BigFloat::exact(false, one.clone(), 1024).to_f64(),
            (f64::INFINITY, false)
        );
        let (x, exact) = ratio_to_f64(false, &one, &BigUint::from(10u32));
        assert_eq!((x, exact), (0.1, false));
        let (x, exact) = ratio_to_f32(true, &one, &BigUint::from(3u32));
        assert_eq!((x, exact), (-1.0f32 / 3.0, false));
        assert_eq!(f(f32::MAX as f64).to_f32(), (f32::MAX, true));
    }

    #[test]
    fn text_p() {
        assert_eq!(f(1.0).text_p(), "0x.8p+1");
        assert_eq!(f(-0.75).text_p(), "-0x.cp+0");
        assert_eq!(f(0.1).text_p(), "0x.ccccccccccccdp-3");
        assert_eq!(BigFloat::zero().text_p(), "0");
    }
}
