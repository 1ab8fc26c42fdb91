//! Printing constants as go/constant does: `String` (short, possibly
//! approximate: what gc's messages quote) and `ExactString`.

use super::bigfloat::BigFloat;
use super::literal::decode_rune;
use syntax::is_print;

/// Strings longer than this many characters (quotes included) are
/// abbreviated with `...` by `String`.
const MAX_STRING_LEN: usize = 72;

/// Go's `strconv.Quote` of a byte string: printable characters as they
/// are, the rest escaped, invalid UTF-8 bytes as `\xNN`.
pub(crate) fn quote(s: &[u8]) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut i = 0;
    while i < s.len() {
        let (r, width) = decode_rune(&s[i..]);
        if width == 1 && r == 0xfffd {
            push_hex(&mut out, "\\x", s[i] as u32, 2);
        } else {
            escape_rune(&mut out, r);
        }
        i += width;
    }
    out.push('"');
    out
}

fn push_hex(out: &mut String, prefix: &str, v: u32, width: usize) {
    out.push_str(prefix);
    out.push_str(&format!("{v:0width$x}"));
}

fn escape_rune(out: &mut String, r: u32) {
    let c = char::from_u32(r).unwrap_or('\u{fffd}');
    match c {
        '"' | '\\' => {
            out.push('\\');
            out.push(c);
        }
        _ if is_print(r) => out.push(c),
        '\x07' => out.push_str("\\a"),
        '\x08' => out.push_str("\\b"),
        '\x0c' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\x0b' => out.push_str("\\v"),
        _ if r < 0x20 || r == 0x7f => push_hex(out, "\\x", r, 2),
        _ if r < 0x10000 => push_hex(out, "\\u", r, 4),
        _ => push_hex(out, "\\U", r, 8),
    }
}

/// go/constant's short form of a string: quoted, and if that is longer
/// than 72 characters, its first 69 followed by `...`.
pub(super) fn short_string(s: &[u8]) -> String {
    let q = quote(s);
    if q.chars().count() > MAX_STRING_LEN {
        let end = q
            .char_indices()
            .nth(MAX_STRING_LEN - 3)
            .map_or(q.len(), |(i, _)| i);
        return format!("{}...", &q[..end]);
    }
    q
}

/// Go's `%g` (`prec == None`, shortest representation) or `%.<prec>g`
/// of a finite `f64`.
pub(super) fn fmt_g(x: f64, prec: Option<usize>) -> String {
    if x == 0.0 {
        return if x.is_sign_negative() { "-0" } else { "0" }.to_string();
    }
    // Decimal digits (no trailing zeros) and the position of the decimal
    // point: x = 0.d1d2d3... × 10**dp.
    let e = match prec {
        None => shortest(x.abs()),
        Some(p) => format!("{:.*e}", p.max(1) - 1, x.abs()),
    };
    let (mant, exp) = e.split_once('e').expect("exponent format");
    let mut digits: Vec<u8> = mant.bytes().filter(|&c| c != b'.').collect();
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    let nd = digits.len() as i64;
    let dp = exp.parse::<i64>().expect("exponent") + 1;

    let shortest = prec.is_none();
    let p = prec.map_or(nd, |p| p.max(1) as i64);
    let mut eprec = p;
    if eprec > nd && nd >= dp {
        eprec = nd;
    }
    if shortest {
        eprec = 6;
    }
    let mut out = String::new();
    if x < 0.0 {
        out.push('-');
    }
    let digit = |i: i64| -> char {
        if 0 <= i && i < nd {
            digits[i as usize] as char
        } else {
            '0'
        }
    };
    let x_exp = dp - 1;
    if x_exp < -4 || x_exp >= eprec {
        // %e with min(p, nd) - 1 digits after the point.
        let prec = p.min(nd) - 1;
        out.push(digit(0));
        if prec > 0 {
            out.push('.');
            for i in 1..=prec {
                out.push(digit(i));
            }
        }
        out.push('e');
        out.push(if x_exp < 0 { '-' } else { '+' });
        let a = x_exp.abs();
        if a < 10 {
            out.push('0');
        }
        out.push_str(&a.to_string());
    } else {
        // %f with max(prec - dp, 0) digits after the point.
        let prec = if p > dp { nd } else { p };
        let frac = (prec - dp).max(0);
        if dp > 0 {
            for i in 0..dp {
                out.push(digit(i));
            }
        } else {
            out.push('0');
        }
        if frac > 0 {
            out.push('.');
            for i in 0..frac {
                out.push(digit(dp + i));
            }
        }
    }
    out
}

/// The shortest decimal digits that read back as `x` (> 0), in Rust's `{:e}`
/// form. When two such strings of that length are equally close to `x`,
/// Rust's formatter takes the upper one and Go's the even one
/// (2000000000000001.25 is `2.0000000000000012e+15` in Go); the
/// correctly rounded (ties-to-even) string of the same length is Go's
/// whenever it reads back as `x`.
fn shortest(x: f64) -> String {
    let s = format!("{x:e}");
    let n = s
        .split_once('e')
        .map_or(0, |(m, _)| m.len() - m.contains('.') as usize);
    let even = format!("{:.*e}", n.saturating_sub(1), x);
    if even.parse::<f64>() == Ok(x) {
        even
    } else {
        s
    }
}

/// go/constant's short form of a float (also used for fractions, after
/// rounding them to 512 bits): `%.6g` of the nearest `f64` (more digits if
/// that hides a fraction), or for values beyond the `f64` range a
/// `%.6g`-style mantissa with a decimal exponent computed approximately
/// (`1e+1000`).
pub(super) fn float_string(f: &BigFloat) -> String {
    let (x, _) = f.to_f64();
    if f.is_zero() == (x == 0.0) && x.is_finite() {
        let mut s = fmt_g(x, Some(6));
        if !f.is_int() && !s.contains('.') {
            // The value is not an integer but the digits hide that
            // (go.dev/issue/56220): print all of them.
            s = fmt_g(x, None);
        }
        return s;
    }
    // f ≈ m × 2**exp with 0.5 <= |m| < 1, i.e. m × 10**d.
    let (mut m, exp) = f.mant_f64_exp();
    let d = exp as f64 * std::f64::consts::LOG10_2;
    let mut e = d as i64;
    m *= 10f64.powf(d - e as f64);
    let am = m.abs();
    if am < 1.0 - 0.5e-6 {
        // Scale so that %.6g cannot round m × 10 up to 10.
        m *= 10.0;
        e -= 1;
    } else if am >= 10.0 {
        m /= 10.0;
        e += 1;
    }
    format!("{}e{:+}", fmt_g(m, Some(6)), e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_g_format() {
        // Expected strings from Go's fmt.
        let cases: &[(f64, Option<usize>, &str)] = &[
            (0.5, Some(6), "0.5"),
            (1e6, Some(6), "1e+06"),
            (123456.5, Some(6), "123456"),
            (123456.7, Some(6), "123457"),
            (1234567.0, Some(6), "1.23457e+06"),
            (100000.0, Some(6), "100000"),
            (12.0, Some(6), "12"),
            (0.0001, Some(6), "0.0001"),
            (0.00001, Some(6), "1e-05"),
            (2.5e-7, Some(6), "2.5e-07"),
            (9.9999995, Some(6), "10"),
            (1e100, Some(6), "1e+100"),
            (-1.5, Some(6), "-1.5"),
            (1.0000005e6, None, "1.0000005e+06"),
            (123456.5, None, "123456.5"),
            (1e20, None, "1e+20"),
            (100000.0, None, "100000"),
            (1e6, None, "1e+06"),
            (0.1, None, "0.1"),
            (5e-324, None, "5e-324"),
            (1.7976931348623157e308, Some(6), "1.79769e+308"),
            (2.0e15 + 1.25, None, "2.0000000000000012e+15"),
            (2.0e15 + 1.75, None, "2.0000000000000018e+15"),
        ];
        for &(x, p, want) in cases {
            assert_eq!(fmt_g(x, p), want, "{x} {p:?}");
        }
    }

    #[test]
    fn quoting() {
        assert_eq!(quote(b"abc"), r#""abc""#);
        assert_eq!(quote(b"a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(
            quote(b"\x07\x08\x0c\n\r\t\x0b\x00\x7f"),
            r#""\a\b\f\n\r\t\v\x00\x7f""#
        );
        assert_eq!(quote(b"\xff\xfe"), r#""\xff\xfe""#);
        assert_eq!(quote("héllo, 世界".as_bytes()), "\"héllo, 世界\"");
        assert_eq!(
            quote("\u{a0}\u{ad}\u{feff}".as_bytes()),
            r#""\u00a0\u00ad\ufeff""#
        );
        assert_eq!(quote("\u{e0001}".as_bytes()), r#""\U000e0001""#);
        assert_eq!(quote("\u{fffd}".as_bytes()), "\"\u{fffd}\"");
    }
}
