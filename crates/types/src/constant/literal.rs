//! Values of Go literals, from their source text as the scanner gives it
//! (go/constant's `MakeFromLiteral`, with strconv's and math/big's
//! literal syntax).
//!
//! The scanner has already reported malformed literals; here anything
//! malformed just yields an unknown value, never a panic.

use super::bigfloat::{BigFloat, PREC};
use super::Value;
use num_bigint::{BigInt, BigUint};
use num_rational::BigRational;
use num_traits::{One, Zero};

/// Digits accumulated while scanning: a machine word until it overflows.
enum Digits {
    Small(u64),
    Big(Vec<u8>),
}

impl Digits {
    fn push(&mut self, base: u32, d: u8) {
        match self {
            Digits::Small(v) => {
                match v
                    .checked_mul(base as u64)
                    .and_then(|x| x.checked_add(d as u64))
                {
                    Some(x) => *v = x,
                    None => {
                        // Re-expand into digit values of `base`.
                        let mut ds = Vec::with_capacity(32);
                        let mut x = *v;
                        while x > 0 {
                            ds.push((x % base as u64) as u8);
                            x /= base as u64;
                        }
                        ds.reverse();
                        ds.push(d);
                        *self = Digits::Big(ds);
                    }
                }
            }
            Digits::Big(ds) => ds.push(d),
        }
    }

    fn into_biguint(self, base: u32) -> BigUint {
        match self {
            Digits::Small(v) => BigUint::from(v),
            Digits::Big(ds) => {
                BigUint::from_radix_be(&ds, base).expect("digits are valid for their base")
            }
        }
    }
}

fn digit_val(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'z' => Some(c - b'a' + 10),
        b'A'..=b'Z' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// A scanned number: `mant` in `base`, with `frac` digits after the radix
/// point and an exponent `exp` of `exp_base` (10 or 2).
struct Number {
    mant: Digits,
    base: u32,
    frac: i64,
    exp: i64,
    exp_base: u32,
}

/// The base prefix of a number: `0x`, `0o`, `0b`, or a plain leading `0`
/// meaning octal for integers (`legacy_octal`) and nothing for floats.
fn prefix(s: &[u8], legacy_octal: bool) -> (u32, usize) {
    if s.len() >= 2 && s[0] == b'0' {
        match s[1] {
            b'x' | b'X' => return (16, 2),
            b'o' | b'O' => return (8, 2),
            b'b' | b'B' => return (2, 2),
            _ if legacy_octal => return (8, 1),
            _ => {}
        }
    }
    (10, 0)
}

/// Scans a Go number literal (an integer if `!float`). Underscores may
/// separate digits and follow a base prefix; anything else is malformed.
fn scan_number(s: &[u8], float: bool) -> Option<Number> {
    let (base, mut i) = prefix(s, !float);
    let has_prefix = i > 0;
    let mut mant = Digits::Small(0);
    // Whether the previous character was a digit (or a base prefix,
    // which counts as one for separators).
    let mut prev_digit = has_prefix;
    let mut prev_sep = false;
    let mut ndigits = 0u64;
    let mut frac: Option<i64> = None;
    while i < s.len() {
        let c = s[i];
        if c == b'_' {
            if !prev_digit {
                return None;
            }
            prev_digit = false;
            prev_sep = true;
        } else if c == b'.' && float && frac.is_none() {
            if prev_sep {
                return None;
            }
            frac = Some(0);
            prev_digit = false;
        } else {
            match digit_val(c) {
                Some(d) if (d as u32) < base => {
                    mant.push(base, d);
                    ndigits += 1;
                    if let Some(f) = frac.as_mut() {
                        *f += 1;
                    }
                    prev_digit = true;
                    prev_sep = false;
                }
                _ => break,
            }
        }
        i += 1;
    }
    if prev_sep || ndigits == 0 {
        return None;
    }
    let mut exp = 0i64;
    let mut exp_base = 10;
    if i < s.len() {
        if !float {
            return None;
        }
        exp_base = match s[i] {
            b'e' | b'E' if base == 10 => 10,
            b'p' | b'P' => 2,
            _ => return None,
        };
        i += 1;
        let mut neg = false;
        if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
            neg = s[i] == b'-';
            i += 1;
        }
        let mut any = false;
        let mut prev_digit = false;
        while i < s.len() {
            match s[i] {
                c @ b'0'..=b'9' => {
                    // Like strconv.ParseInt: a too large exponent is an error.
                    exp = exp.checked_mul(10)?.checked_add((c - b'0') as i64)?;
                    any = true;
                    prev_digit = true;
                }
                b'_' if prev_digit => prev_digit = false,
                _ => return None,
            }
            i += 1;
        }
        if !any || !prev_digit {
            return None;
        }
        if neg {
            exp = -exp;
        }
    }
    Some(Number {
        mant,
        base,
        frac: frac.unwrap_or(0),
        exp,
        exp_base,
    })
}

/// The value of an integer literal (`0x1F`, `0o17`, `017`, `1_000`, ...).
pub(super) fn int_lit(s: &str) -> Value {
    // Fast path: a short plain decimal.
    let b = s.as_bytes();
    if !b.is_empty() && b.len() <= 18 && (b[0] != b'0' || b.len() == 1) {
        let mut v = 0i64;
        let mut plain = true;
        for &c in b {
            if !c.is_ascii_digit() {
                plain = false;
                break;
            }
            v = v * 10 + (c - b'0') as i64;
        }
        if plain {
            return Value::from_i64(v);
        }
    }
    match scan_number(b, false) {
        Some(n) => match n.mant {
            Digits::Small(v) => Value::from_u64(v),
            m => Value::from_bigint(BigInt::from(m.into_biguint(n.base))),
        },
        None => Value::unknown(),
    }
}

/// The value of a float literal (`1.5`, `1e10`, `0x1p-2`, ...); also of
/// the number of an imaginary literal, where plain integers of any base
/// occur (`0777` is decimal here, as for big.Float).
pub(super) fn float_lit(s: &str) -> Value {
    let Some(n) = scan_number(s.as_bytes(), true) else {
        return Value::unknown();
    };
    // value = mant × 2**e2 × 5**e5
    let frac_bits = match n.base {
        10 | 2 => 1,
        8 => 3,
        _ => 4,
    };
    let mut e2 = -(n.frac as i128) * frac_bits;
    let mut e5 = if n.base == 10 { -(n.frac as i128) } else { 0 };
    e2 += n.exp as i128;
    if n.exp_base == 10 {
        e5 += n.exp as i128;
    }
    let mant = n.mant.into_biguint(n.base);
    if mant.is_zero() {
        return Value::from_i64(0).to_float();
    }
    let bl = mant.bits() as i128;
    // big.Float rejects a binary exponent outside the int32 range.
    let top2 = bl + e2;
    if top2 < i32::MIN as i128 || top2 > i32::MAX as i128 || e5.abs() > i64::MAX as i128 {
        return Value::unknown();
    }
    let (e2, e5) = (e2 as i64, e5 as i64);

    // go/constant keeps the value as an exact fraction if the rounded
    // float's exponent is within ±maxExp, and as the float otherwise.
    // Bound the exponent cheaply first: only near or past the limit do we
    // need the float (which for 1e1000000 takes real work).
    const LOG2_5: f64 = 2.321_928_094_887_362;
    let t = (bl as f64) + (e2 as f64) + (e5 as f64) * LOG2_5;
    let surely_small = t > -(super::MAX_EXP as f64) + 16.0 && t < super::MAX_EXP as f64 - 16.0;
    if !surely_small {
        let Some(f) = parse_float(&mant, e2, e5) else {
            return Value::unknown(); // overflowed to infinity
        };
        if f.is_zero() {
            // go.dev/issue/20228: an underflow is 0, not a huge fraction.
            return Value::from_i64(0).to_float();
        }
        if !super::small_exp(f.mant_exp()) {
            return Value::from_bigfloat(f);
        }
    }
    let mut num = BigInt::from(mant);
    let mut den = BigInt::one();
    if e2 >= 0 {
        num <<= e2 as u64;
    } else {
        den <<= (-e2) as u64;
    }
    if e5 >= 0 {
        num *= BigInt::from(5u32).pow(e5 as u32);
    } else {
        den *= BigInt::from(5u32).pow((-e5) as u32);
    }
    Value::from_rat_exact(BigRational::new(num, den))
}

/// `mant × 2**e2 × 5**e5` rounded to [`PREC`] bits exactly as big.Float's
/// `Parse` computes it (the power of five is itself rounded, at 576 and
/// 640 bits, so the result can differ from the correctly rounded one in
/// the last bit, and gc's does). `None` for an overflow to infinity.
fn parse_float(mant: &BigUint, e2: i64, e5: i64) -> Option<BigFloat> {
    let x = BigFloat::exact(false, mant.clone(), e2);
    if e5 == 0 {
        return x.rounded(PREC, super::bigfloat::Mode::NearestEven);
    }
    match pow5(e5.unsigned_abs()) {
        Some(p) if e5 > 0 => x.mul(&p, PREC),
        Some(p) => x.quo(&p, PREC),
        None if e5 > 0 => None,
        None => Some(BigFloat::zero()), // x / ∞
    }
}

/// 5**n as big.Float's `pow5` computes it: exact up to 5**27, then by
/// repeated squaring at 640 bits accumulated at 576 bits.
fn pow5(mut n: u64) -> Option<BigFloat> {
    const P27: u64 = 7_450_580_596_923_828_125; // 5**27
    if n <= 27 {
        return Some(BigFloat::from_u64(5u64.pow(n as u32)));
    }
    let zprec = PREC + 64;
    let fprec = zprec + 64;
    let mut z = BigFloat::from_u64(P27);
    n -= 27;
    let mut f = BigFloat::from_u64(5);
    while n > 0 {
        if n & 1 != 0 {
            z = z.mul(&f, zprec)?;
        }
        n >>= 1;
        if n > 0 {
            f = f.mul(&f, fprec)?;
        }
    }
    Some(z)
}

/// The value of an imaginary literal (`2i`, `1.5e3i`, `0x1p-2i`).
pub(super) fn imag_lit(s: &str) -> Value {
    match s.strip_suffix('i') {
        Some(num) => {
            let im = float_lit(num);
            if im.is_unknown() {
                im
            } else {
                Value::make_complex(Value::from_i64(0), im)
            }
        }
        None => Value::unknown(),
    }
}

/// Decodes one character or escape at the start of `s` inside a literal
/// quoted by `quote` (strconv's `UnquoteChar`): the value, whether it is a
/// code point to be UTF-8 encoded (rather than a byte), and the rest.
fn unquote_char(s: &[u8], quote: u8) -> Option<(u32, bool, &[u8])> {
    let c = *s.first()?;
    if c == quote && (quote == b'\'' || quote == b'"') {
        return None;
    }
    if c >= 0x80 {
        let (r, size) = decode_rune(s);
        return Some((r, true, &s[size..]));
    }
    if c != b'\\' {
        return Some((c as u32, false, &s[1..]));
    }
    let e = *s.get(1)?;
    let rest = &s[2..];
    let simple = |v: u8| Some((v as u32, false, rest));
    match e {
        b'a' => simple(0x07),
        b'b' => simple(0x08),
        b'f' => simple(0x0c),
        b'n' => simple(b'\n'),
        b'r' => simple(b'\r'),
        b't' => simple(b'\t'),
        b'v' => simple(0x0b),
        b'\\' => simple(b'\\'),
        b'\'' | b'"' => {
            if e != quote {
                return None;
            }
            simple(e)
        }
        b'x' | b'u' | b'U' => {
            let n = match e {
                b'x' => 2,
                b'u' => 4,
                _ => 8,
            };
            if rest.len() < n {
                return None;
            }
            let mut v = 0u32;
            for &h in &rest[..n] {
                let d = digit_val(h).filter(|&d| d < 16)?;
                v = v << 4 | d as u32;
            }
            if e == b'x' {
                return Some((v, false, &rest[n..]));
            }
            char::from_u32(v)?; // not a surrogate half, not beyond U+10FFFF
            Some((v, true, &rest[n..]))
        }
        b'0'..=b'7' => {
            if rest.len() < 2 {
                return None;
            }
            let mut v = (e - b'0') as u32;
            for &o in &rest[..2] {
                if !(b'0'..=b'7').contains(&o) {
                    return None;
                }
                v = v << 3 | (o - b'0') as u32;
            }
            if v > 255 {
                return None;
            }
            Some((v, false, &rest[2..]))
        }
        _ => None,
    }
}

/// Decodes the UTF-8 sequence at the start of `s` (non-empty): the code
/// point and its length, or U+FFFD and 1 for an invalid sequence, like
/// Go's `utf8.DecodeRune`.
pub(super) fn decode_rune(s: &[u8]) -> (u32, usize) {
    let n = match s[0] {
        0x00..=0x7f => return (s[0] as u32, 1),
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return (0xfffd, 1),
    };
    if s.len() < n {
        return (0xfffd, 1);
    }
    match std::str::from_utf8(&s[..n]) {
        Ok(t) => (t.chars().next().expect("one char") as u32, n),
        Err(_) => (0xfffd, 1),
    }
}

/// The value of a rune literal (`'a'`, `'\n'`, `'\x7f'`, `'\u00e9'`) as
/// an integer code point.
pub(super) fn rune_lit(s: &str) -> Value {
    let b = s.as_bytes();
    if b.len() < 2 {
        return Value::unknown();
    }
    // Like go/constant, decode the first character and ignore any rest
    // (the scanner reports more than one character).
    match unquote_char(&b[1..b.len() - 1], b'\'') {
        Some((v, _, _)) => Value::from_i64(v as i64),
        None => Value::unknown(),
    }
}

/// The value of an interpreted (`"..."`) or raw (`` `...` ``) string
/// literal, as bytes (strconv's `Unquote`).
pub(super) fn string_lit(s: &str) -> Value {
    match unquote(s.as_bytes()) {
        Some(b) => Value::from_bytes(b),
        None => Value::unknown(),
    }
}

fn unquote(b: &[u8]) -> Option<Vec<u8>> {
    if b.len() < 2 {
        return None;
    }
    let quote = b[0];
    // Just past the first closing quote (escapes may move it on).
    let end = b[1..].iter().position(|&c| c == quote)? + 2;
    match quote {
        b'`' => {
            if end != b.len() {
                return None;
            }
            // Carriage returns are dropped from raw strings.
            Some(
                b[1..end - 1]
                    .iter()
                    .copied()
                    .filter(|&c| c != b'\r')
                    .collect(),
            )
        }
        b'"' | b'\'' => {
            let seg = &b[..end];
            if !seg.contains(&b'\\') && !seg.contains(&b'\n') {
                let body = &b[1..end - 1];
                let valid = if quote == b'"' {
                    std::str::from_utf8(body).is_ok()
                } else {
                    let (r, n) = if body.is_empty() {
                        (0xfffd, 0)
                    } else {
                        decode_rune(body)
                    };
                    n + 2 == end && (r != 0xfffd || n != 1)
                };
                if valid {
                    return (end == b.len()).then(|| body.to_vec());
                }
            }
            // Decode character by character; invalid UTF-8 becomes U+FFFD.
            let mut out = Vec::with_capacity(b.len());
            let mut rest = &b[1..];
            while !rest.is_empty() && rest[0] != quote {
                if rest[0] == b'\n' {
                    return None;
                }
                let (v, multibyte, r) = unquote_char(rest, quote)?;
                if v < 0x80 || !multibyte {
                    out.push(v as u8);
                } else {
                    let c = char::from_u32(v).expect("valid code point");
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                rest = r;
                if quote == b'\'' {
                    break; // a single character
                }
            }
            // The closing quote must end the literal.
            (rest.len() == 1 && rest[0] == quote).then_some(out)
        }
        _ => None,
    }
}
