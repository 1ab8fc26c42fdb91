//! Tests of the constant arithmetic: hand-written cases, and a golden
//! file of some 9000 operations whose results come from Go's own
//! go/constant (`testdata/oracle`, see `testdata/README.md`).

use super::*;
use syntax::token::LitKind;

fn lit(kind: LitKind, s: &str) -> Value {
    Value::from_literal(kind, s)
}
fn int(s: &str) -> Value {
    lit(LitKind::Int, s)
}
fn float(s: &str) -> Value {
    lit(LitKind::Float, s)
}
fn imag(s: &str) -> Value {
    lit(LitKind::Imag, s)
}
fn rune(s: &str) -> Value {
    lit(LitKind::Rune, s)
}
fn string(s: &str) -> Value {
    lit(LitKind::String, s)
}
fn show(v: &Value) -> String {
    format!("{:?}|{}|{}", v.kind(), v, v.exact_string())
}

// ---------------------------------------------------------------------------
// The golden file: RPN scripts evaluated by Go's go/constant.

fn fnv(s: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in s.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("fnv:{h:016x}:{}", s.len())
}

/// Formats a value as the oracle does, with long fields hashed.
fn show_golden(v: &Value) -> String {
    let fields = [format!("{:?}", v.kind()), v.to_string(), v.exact_string()];
    fields
        .iter()
        .map(|f| if f.len() <= 160 { f.clone() } else { fnv(f) })
        .collect::<Vec<_>>()
        .join("|")
}

fn unhex(s: &str) -> String {
    let b: Vec<u8> = (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect();
    String::from_utf8(b).unwrap()
}

fn target(name: &str) -> Target {
    use Target::*;
    match name {
        "int" => Int,
        "int8" => Int8,
        "int16" => Int16,
        "int32" => Int32,
        "int64" => Int64,
        "uint" => Uint,
        "uint8" => Uint8,
        "uint16" => Uint16,
        "uint32" => Uint32,
        "uint64" => Uint64,
        "uintptr" => Uintptr,
        "float32" => Float32,
        "float64" => Float64,
        "complex64" => Complex64,
        "complex128" => Complex128,
        "string" => String,
        "bool" => Bool,
        "untyped_int" => UntypedInt,
        "untyped_rune" => UntypedRune,
        "untyped_float" => UntypedFloat,
        "untyped_complex" => UntypedComplex,
        "untyped_string" => UntypedString,
        "untyped_bool" => UntypedBool,
        _ => panic!("unknown target {name}"),
    }
}

/// Runs one script of the oracle's little stack language.
fn run(script: &str) -> String {
    let mut st: Vec<Value> = Vec::new();
    for t in script.split_whitespace() {
        let mut pop = || st.pop().expect("stack underflow");
        let v = if let Some(s) = t.strip_prefix("I:") {
            int(s)
        } else if let Some(s) = t.strip_prefix("F:") {
            float(s)
        } else if let Some(s) = t.strip_prefix("C:") {
            imag(s)
        } else if let Some(s) = t.strip_prefix("R:") {
            rune(s)
        } else if let Some(s) = t.strip_prefix("SX:") {
            string(&unhex(s))
        } else if let Some(s) = t.strip_prefix("B:") {
            Value::from_bool(s == "true")
        } else if let Some(s) = t.strip_prefix("i64:") {
            Value::from_i64(s.parse().unwrap())
        } else if let Some(s) = t.strip_prefix("u64:") {
            Value::from_u64(s.parse().unwrap())
        } else if let Some(s) = t.strip_prefix("f64:") {
            Value::from_f64(f64::from_bits(u64::from_str_radix(s, 16).unwrap()))
        } else if let Some(s) = t.strip_prefix("<<") {
            pop().shift(ShiftOp::Shl, s.parse().unwrap())
        } else if let Some(s) = t.strip_prefix(">>") {
            pop().shift(ShiftOp::Shr, s.parse().unwrap())
        } else if let Some(s) = t.strip_prefix("not@") {
            pop().unary(UnaryOp::Not, s.parse().unwrap())
        } else if let Some(s) = t.strip_prefix("repr:") {
            return match pop().representable(target(s)) {
                Some(r) => format!("ok {}", show_golden(&r)),
                None => "no".to_string(),
            };
        } else {
            let bin = match t {
                "+" => Some(BinaryOp::Add),
                "-" => Some(BinaryOp::Sub),
                "*" => Some(BinaryOp::Mul),
                "/" => Some(BinaryOp::Div),
                "//" => Some(BinaryOp::IntDiv),
                "%" => Some(BinaryOp::Rem),
                "&" => Some(BinaryOp::And),
                "|" => Some(BinaryOp::Or),
                "^" => Some(BinaryOp::Xor),
                "&^" => Some(BinaryOp::AndNot),
                "&&" => Some(BinaryOp::LAnd),
                "||" => Some(BinaryOp::LOr),
                _ => None,
            };
            let cmp = match t {
                "==" => Some(CompareOp::Eql),
                "!=" => Some(CompareOp::Neq),
                "<" => Some(CompareOp::Lss),
                "<=" => Some(CompareOp::Leq),
                ">" => Some(CompareOp::Gtr),
                ">=" => Some(CompareOp::Geq),
                _ => None,
            };
            if let Some(op) = bin {
                let y = pop();
                let x = pop();
                x.binary(op, &y)
            } else if let Some(op) = cmp {
                let y = pop();
                let x = pop();
                return x.compare(op, &y).to_string();
            } else {
                let x = pop();
                match t {
                    "neg" => x.unary(UnaryOp::Neg, 0),
                    "pos" => x.unary(UnaryOp::Pos, 0),
                    "lnot" => x.unary(UnaryOp::LNot, 0),
                    "toint" => x.to_int(),
                    "tofloat" => x.to_float(),
                    "tocomplex" => x.to_complex(),
                    "real" => x.real(),
                    "imag" => x.imag(),
                    "mkimag" => x.make_imag(),
                    "num" => x.num(),
                    "denom" => x.denom(),
                    "f64val" => {
                        let (f, e) = x.float64_val();
                        return format!("{:016x} {e}", f.to_bits());
                    }
                    "f32val" => {
                        let (f, e) = x.float32_val();
                        return format!("{:08x} {e}", f.to_bits());
                    }
                    "i64val" => return x.int64_val().map_or("none".into(), |n| n.to_string()),
                    "u64val" => return x.uint64_val().map_or("none".into(), |n| n.to_string()),
                    "sign" => return x.sign().to_string(),
                    "bitlen" => return x.bit_len().to_string(),
                    "strlen" => return x.str_len().to_string(),
                    _ => panic!("bad token {t}"),
                }
            }
        };
        st.push(v);
    }
    show_golden(st.last().expect("empty script"))
}

#[test]
fn golden_go_constant() {
    check_golden(include_str!("testdata/golden.tsv"), 9000);
}

/// Checks another golden file made by the oracle (e.g. a large random
/// one): `CONSTANT_GOLDEN=file cargo test -p types -- --ignored golden_from_env`.
#[test]
#[ignore]
fn golden_from_env() {
    let path = std::env::var("CONSTANT_GOLDEN").expect("CONSTANT_GOLDEN=file");
    check_golden(&std::fs::read_to_string(path).unwrap(), 1);
}

fn check_golden(golden: &str, min: usize) {
    let mut bad = Vec::new();
    let mut n = 0;
    for line in golden.lines() {
        let (script, want) = line.split_once('\t').expect("script\\tresult");
        let got = run(script);
        n += 1;
        if got != want {
            bad.push(format!("{script}\n   got:  {got}\n   want: {want}"));
        }
    }
    assert!(n >= min, "golden file too short: {n}");
    assert!(
        bad.is_empty(),
        "{} of {n} differ from go/constant:\n{}",
        bad.len(),
        bad[..bad.len().min(40)].join("\n")
    );
}

// ---------------------------------------------------------------------------
// Literals

#[test]
fn int_literals() {
    for (s, want) in [
        ("0", "0"),
        ("42", "42"),
        ("0x1F", "31"),
        ("0X1f", "31"),
        ("0o17", "15"),
        ("0O17", "15"),
        ("017", "15"),
        ("0_17", "15"),
        ("0b101", "5"),
        ("0B1_0_1", "5"),
        ("1_000_000", "1000000"),
        ("0x_FF", "255"),
        ("9223372036854775807", "9223372036854775807"),
        ("9223372036854775808", "9223372036854775808"),
        ("18446744073709551616", "18446744073709551616"),
        (
            "0xffffffffffffffffffffffff",
            "79228162514264337593543950335",
        ),
    ] {
        let v = int(s);
        assert_eq!(v.kind(), Kind::Int, "{s}");
        assert_eq!(v.to_string(), want, "{s}");
    }
    for bad in [
        "1__0", "1_", "_1", "0x", "08", "0b2", "0o8", "0x_", "0_", "1a", "",
    ] {
        assert!(int(bad).is_unknown(), "{bad:?}");
    }
    assert_eq!(int("9223372036854775807").int64_val(), Some(i64::MAX));
    assert_eq!(int("9223372036854775808").int64_val(), None);
    assert_eq!(int("18446744073709551615").uint64_val(), Some(u64::MAX));
}

#[test]
fn float_literals() {
    for (s, short, exact) in [
        ("1.5", "1.5", "3/2"),
        (".5", "0.5", "1/2"),
        ("5.", "5", "5"),
        ("1e10", "1e+10", "10000000000"),
        ("1E-3", "0.001", "1/1000"),
        ("0x1p-2", "0.25", "1/4"),
        ("0X1.8P+1", "3", "3"),
        ("0x.8p1", "1", "1"),
        ("0x1_0p0", "16", "16"),
        ("1_0.5", "10.5", "21/2"),
        ("0777.5", "777.5", "1555/2"),
        ("0777e1", "7770", "7770"),
        ("0.1", "0.1", "1/10"),
        ("1e1000", "1e+1000", ""),
        ("0x1p-1074", "4.94066e-324", ""),
        ("1e1000000", "1e+1000000", ""),
        ("1e-1000000", "1e-1000000", ""),
        ("1e-1000000000", "0", "0"),
    ] {
        let v = float(s);
        assert_eq!(v.kind(), Kind::Float, "{s}");
        assert_eq!(v.to_string(), short, "{s}");
        if !exact.is_empty() {
            assert_eq!(v.exact_string(), exact, "{s}");
        }
    }
    // Beyond big.Float's exponent range: gc says "malformed constant".
    assert!(float("1e1000000000").is_unknown());
    assert!(float("1e99999999999999999999").is_unknown());
    for bad in [
        "1e", "1e+", "0x1p", "1_.5", "1._5", "1.5.5", ".", "0x.p1", "1e_1",
    ] {
        assert!(float(bad).is_unknown(), "{bad:?}");
    }
    // 1e1000000 / 1e999999 is exactly 10 at 512 bits, as in gc.
    let q = float("1e1000000").binary(BinaryOp::Div, &float("1e999999"));
    assert_eq!(show(&q), "Float|10|0x.ap+4");
    assert_eq!(q.to_int().int64_val(), Some(10));
}

#[test]
fn imaginary_literals() {
    for (s, want) in [
        ("1i", "(0 + 1i)"),
        ("0i", "(0 + 0i)"),
        ("1.5i", "(0 + 1.5i)"),
        ("0x10i", "(0 + 16i)"),
        ("0o17i", "(0 + 15i)"),
        ("0b101i", "(0 + 5i)"),
        ("0777i", "(0 + 777i)"), // decimal, for backward compatibility
        ("0x1p-2i", "(0 + 0.25i)"),
        ("1e1000i", "(0 + 1e+1000i)"),
    ] {
        let v = imag(s);
        assert_eq!(v.kind(), Kind::Complex, "{s}");
        assert_eq!(v.to_string(), want, "{s}");
    }
    assert!(imag("i").is_unknown());
    assert!(imag("1e1000000000i").is_unknown());
}

#[test]
fn rune_literals() {
    for (s, want) in [
        ("'a'", 97),
        ("'\\n'", 10),
        ("'\\\\'", 92),
        ("'\\''", 39),
        ("'\"'", 34),
        ("'\\x7f'", 127),
        ("'\\xff'", 255),
        ("'\\377'", 255),
        ("'\\000'", 0),
        ("'\\u00e9'", 0xe9),
        ("'\\U0001F600'", 0x1f600),
        ("'\\U0010FFFF'", 0x10ffff),
        ("'é'", 0xe9),
        ("'世'", 0x4e16),
        ("'\\a'", 7),
        ("'\\v'", 11),
    ] {
        assert_eq!(rune(s).int64_val(), Some(want), "{s}");
    }
    for bad in [
        "'\\\"'",
        "'\\400'",
        "'\\ud800'",
        "'\\U00110000'",
        "'\\0'",
        "'\\z'",
        "''",
        "'\\x4'",
    ] {
        assert!(rune(bad).is_unknown(), "{bad}");
    }
}

#[test]
fn string_literals() {
    for (s, want) in [
        (r#""""#, &b""[..]),
        (r#""abc""#, b"abc"),
        (r#""\xff\xfe""#, b"\xff\xfe"),
        (r#""\377""#, b"\xff"),
        (r#""\u00e9""#, "é".as_bytes()),
        (r#""\U0001F600""#, "😀".as_bytes()),
        (r#""\a\b\f\n\r\t\v\\\"""#, b"\x07\x08\x0c\n\r\t\x0b\\\""),
        (r#""'""#, b"'"),
        ("`raw\\n`", b"raw\\n"),
        ("`a\r\nb\r`", b"a\nb"),
        ("``", b""),
    ] {
        let v = string(s);
        assert_eq!(v.kind(), Kind::String, "{s}");
        assert_eq!(v.str_bytes(), want, "{s}");
        assert_eq!(v.str_len(), want.len() as u64, "{s}");
    }
    for bad in [
        r#""\'""#,
        r#""\400""#,
        r#""\ud800""#,
        "\"a\nb\"",
        r#""\q""#,
        "\"abc",
    ] {
        assert!(string(bad).is_unknown(), "{bad:?}");
    }
    // Quoting in messages.
    assert_eq!(
        string(r#""\xff\x00é\u2028""#).to_string(),
        r#""\xff\x00é\u2028""#
    );
    let long = format!("\"{}\"", "a".repeat(100));
    assert_eq!(
        string(&long).to_string(),
        format!("\"{}...", "a".repeat(68))
    );
    assert_eq!(string(&long).exact_string(), long);
}

// ---------------------------------------------------------------------------
// Arithmetic

fn bin(x: &Value, op: BinaryOp, y: &Value) -> Value {
    x.binary(op, y)
}

#[test]
fn huge_values() {
    let one = Value::from_i64(1);
    let big = one.shift(ShiftOp::Shl, 1000);
    assert_eq!(big.bit_len(), 1001);
    assert_eq!(big.shift(ShiftOp::Shr, 1000), one);
    assert_eq!(
        one.shift(ShiftOp::Shl, 100).to_string(),
        "1267650600228229401496703205376"
    );
    // 1e1000 × 1e-1000 is exactly 1 (both are fractions).
    let p = bin(&float("1e1000"), BinaryOp::Mul, &float("1e-1000"));
    assert_eq!(show(&p), "Float|1|1");
    assert_eq!(p.to_int(), one);
    // The smallest denormal.
    let d = float("0x1p-1074");
    assert_eq!(d.float64_val(), (5e-324, true));
    assert_eq!(float("0x1p-1075").float64_val(), (0.0, false));
    assert_eq!(float("0x1.8p-1074").float64_val(), (1e-323, false));
    // 1 << 1074 is the largest constant shift gc allows to be a float
    // factor: 1 / (1<<1074) is the smallest denormal.
    let s = one.shift(ShiftOp::Shl, SHIFT_BOUND as u32);
    let q = bin(&one, BinaryOp::Div, &s);
    assert_eq!(q.float64_val(), (5e-324, true));
    // Float overflow of a big float: Unknown.
    let f = float("1e646456992");
    assert_eq!(f.kind(), Kind::Float);
    assert!(bin(&f, BinaryOp::Mul, &f).is_unknown());
    assert!(float("1e646456993").is_unknown());
}

#[test]
fn division_and_remainder_signs() {
    let i = Value::from_i64;
    for (a, b, q, r) in [
        (7, 2, 3, 1),
        (-7, 2, -3, -1),
        (7, -2, -3, 1),
        (-7, -2, 3, -1),
    ] {
        assert_eq!(bin(&i(a), BinaryOp::IntDiv, &i(b)), i(q), "{a}/{b}");
        assert_eq!(bin(&i(a), BinaryOp::Rem, &i(b)), i(r), "{a}%{b}");
        // The same through big integers: (a<<80) / (b<<80).
        let s = |x: i64| i(x).shift(ShiftOp::Shl, 80);
        assert_eq!(bin(&s(a), BinaryOp::IntDiv, &s(b)), i(q), "big {a}/{b}");
        assert_eq!(bin(&s(a), BinaryOp::Rem, &s(b)), s(r), "big {a}%{b}");
    }
    // Exact division of integers gives a fraction.
    assert_eq!(show(&bin(&i(7), BinaryOp::Div, &i(2))), "Float|3.5|7/2");
    assert_eq!(show(&bin(&i(6), BinaryOp::Div, &i(3))), "Float|2|2");
    // go/constant's int64 division wraps, and gc compiles it so.
    assert_eq!(bin(&i(i64::MIN), BinaryOp::IntDiv, &i(-1)), i(i64::MIN));
    assert_eq!(bin(&i(i64::MIN), BinaryOp::Rem, &i(-1)), i(0));
    // Overflowing int64 arithmetic moves to big integers.
    assert_eq!(
        bin(&i(i64::MAX), BinaryOp::Add, &i(1)).to_string(),
        "9223372036854775808"
    );
    assert_eq!(
        bin(&i(i64::MIN), BinaryOp::Mul, &i(-1)).to_string(),
        "9223372036854775808"
    );
    assert_eq!(
        i(i64::MIN).unary(UnaryOp::Neg, 0).to_string(),
        "9223372036854775808"
    );
}

#[test]
fn complement_with_precision() {
    let i = Value::from_i64;
    assert_eq!(i(1).unary(UnaryOp::Not, 0), i(-2));
    assert_eq!(i(1).unary(UnaryOp::Not, 8), i(254));
    assert_eq!(i(0).unary(UnaryOp::Not, 8), i(255));
    assert_eq!(i(0).unary(UnaryOp::Not, 16), i(65535));
    assert_eq!(i(0).unary(UnaryOp::Not, 32), i(4294967295));
    assert_eq!(i(0).unary(UnaryOp::Not, 64), Value::from_u64(u64::MAX));
    assert_eq!(Value::from_u64(u64::MAX).unary(UnaryOp::Not, 64), i(0));
    assert_eq!(i(5).unary(UnaryOp::Not, 64), Value::from_u64(u64::MAX - 5));
    // ^uint8(0) is 255 and representable in uint8.
    let x = i(0).unary(UnaryOp::Not, Target::Uint8.bits());
    assert_eq!(x.representable(Target::Uint8), Some(i(255)));
}

#[test]
fn bitwise_and_shifts() {
    let i = Value::from_i64;
    assert_eq!(bin(&i(-8), BinaryOp::And, &i(0xff)), i(0xf8));
    assert_eq!(bin(&i(0b1100), BinaryOp::AndNot, &i(0b1010)), i(0b0100));
    assert_eq!(bin(&i(-1), BinaryOp::Xor, &i(5)), i(-6));
    assert_eq!(i(-7).shift(ShiftOp::Shr, 1), i(-4));
    assert_eq!(i(-7).shift(ShiftOp::Shr, 100), i(-1));
    assert_eq!(i(7).shift(ShiftOp::Shr, 100), i(0));
    let big = i(-7).shift(ShiftOp::Shl, 100);
    assert_eq!(big.shift(ShiftOp::Shr, 101), i(-4));
    assert_eq!(i(1).shift(ShiftOp::Shl, 62), i(1 << 62));
    assert_eq!(
        i(1).shift(ShiftOp::Shl, 63).to_string(),
        "9223372036854775808"
    );
    assert_eq!(i(-1).shift(ShiftOp::Shl, 63), i(i64::MIN));
}

#[test]
fn comparisons_across_kinds() {
    let i = Value::from_i64;
    assert!(i(1).compare(CompareOp::Eql, &float("1.0")));
    assert!(i(1).compare(CompareOp::Lss, &float("1.5")));
    assert!(float("1e1000000").compare(CompareOp::Gtr, &i(1).shift(ShiftOp::Shl, 5000)));
    assert!(imag("1i").compare(CompareOp::Neq, &i(1).to_complex()));
    assert!(i(0).to_complex().compare(CompareOp::Eql, &i(0)));
    assert!(string(r#""abc""#).compare(CompareOp::Lss, &string(r#""abd""#)));
    assert!(string(r#""\xff""#).compare(CompareOp::Gtr, &string(r#""é""#)));
    assert!(!Value::unknown().compare(CompareOp::Eql, &Value::unknown()));
    // 0.1 + 0.2 == 0.3 exactly, unlike float64.
    let s = bin(&float("0.1"), BinaryOp::Add, &float("0.2"));
    assert!(s.compare(CompareOp::Eql, &float("0.3")));
}

#[test]
fn conversions() {
    let i = Value::from_i64;
    assert_eq!(float("2.0").to_int(), i(2));
    assert!(float("2.5").to_int().is_unknown());
    assert_eq!(i(2).to_float().kind(), Kind::Float);
    assert_eq!(imag("0i").to_float().kind(), Kind::Float);
    assert!(imag("1i").to_float().is_unknown());
    assert_eq!(float("1.5").to_complex().to_string(), "(1.5 + 0i)");
    assert_eq!(float("1.5").make_imag().to_string(), "(0 + 1.5i)");
    let c = bin(&float("1.5"), BinaryOp::Add, &imag("2i"));
    assert_eq!(c.real().to_string(), "1.5");
    assert_eq!(c.imag().to_string(), "2");
    assert_eq!(i(3).imag(), i(0));
    assert_eq!(float("0.75").num(), i(3));
    assert_eq!(float("0.75").denom(), i(4));
    assert_eq!(i(-5).sign(), -1);
    assert_eq!(Value::unknown().sign(), 1);
    assert_eq!(imag("0i").sign(), 0);
    assert_eq!(i(i64::MIN).bit_len(), 64);
    assert_eq!(i(255).bit_len(), 8);
    assert_eq!(Value::from_f64(-0.0).sign(), 0);
    assert!(Value::from_f64(f64::NAN).is_unknown());
    assert!(Value::from_f64(f64::INFINITY).is_unknown());
    assert_eq!(Value::from_f64(0.1).float64_val(), (0.1, true));
    assert_eq!(i(i64::MAX).float64_val(), (9223372036854775807.0, false));
    assert_eq!(i(1 << 53).float64_val(), (9007199254740992.0, true));
    assert!(!i((1 << 53) + 1).float64_val().1);
}

#[test]
fn string_of_integer() {
    let i = Value::from_i64;
    assert_eq!(i(65).int_to_string().str_bytes(), b"A");
    assert_eq!(i(0x4e16).int_to_string().str_bytes(), "世".as_bytes());
    for bad in [i(-1), i(0xd800), i(0x110000), i(1).shift(ShiftOp::Shl, 70)] {
        assert_eq!(
            bad.int_to_string().str_bytes(),
            "\u{fffd}".as_bytes(),
            "{bad}"
        );
    }
}

// ---------------------------------------------------------------------------
// Representability

#[test]
fn representability_at_the_boundaries() {
    use Target::*;
    let i = Value::from_i64;
    let ok = |v: &Value, t: Target| v.representable(t).is_some();
    for (t, lo, hi) in [
        (Int8, i(-128), i(127)),
        (Int16, i(-32768), i(32767)),
        (Int32, i(-1 << 31), i((1 << 31) - 1)),
        (Int64, i(i64::MIN), i(i64::MAX)),
        (Int, i(i64::MIN), i(i64::MAX)),
        (Uint8, i(0), i(255)),
        (Uint16, i(0), i(65535)),
        (Uint32, i(0), i((1 << 32) - 1)),
        (Uint64, i(0), Value::from_u64(u64::MAX)),
        (Uint, i(0), Value::from_u64(u64::MAX)),
        (Uintptr, i(0), Value::from_u64(u64::MAX)),
    ] {
        assert!(ok(&lo, t) && ok(&hi, t), "{t:?}");
        let below = bin(&lo, BinaryOp::Sub, &i(1));
        let above = bin(&hi, BinaryOp::Add, &i(1));
        assert!(!ok(&below, t), "{t:?} {below}");
        assert!(!ok(&above, t), "{t:?} {above}");
    }
    // Floats that are integers convert to integer types; others don't.
    assert_eq!(float("255.0").representable(Uint8), Some(i(255)));
    assert_eq!(float("255.5").representable(Uint8), None);
    assert_eq!(float("1e100").representable(Int), None);
    assert!(ok(&i(1).shift(ShiftOp::Shl, 1000), UntypedInt));
    // float32: max and the rounding of just above it; 1e40 overflows.
    let max32 = float("3.4028234663852886e38");
    assert_eq!(
        max32.representable(Float32).unwrap().float32_val(),
        (f32::MAX, true)
    );
    assert!(ok(&float("3.4028235e38"), Float32));
    assert!(ok(
        &float("3.40282356779733661637539395458142568447e38"),
        Float32
    ));
    assert!(!ok(
        &float("3.40282356779733661637539395458142568448e38"),
        Float32
    ));
    assert!(!ok(&float("1e40"), Float32));
    assert!(!ok(&float("1e40").unary(UnaryOp::Neg, 0), Float32));
    // float32 rounding to nearest even.
    let r = float("16777217.0").representable(Float32).unwrap();
    assert_eq!(show(&r), "Float|1.67772e+07|16777216");
    let r = float("0.1").representable(Float32).unwrap();
    assert_eq!(r.exact_string(), "13421773/134217728");
    // float64: max, overflow, the smallest denormal, and underflow to 0.
    assert!(ok(&float("1.7976931348623157e308"), Float64));
    assert!(!ok(&float("1.7976931348623159e308"), Float64));
    assert!(!ok(&float("1e1000"), Float64));
    assert_eq!(
        float("4.9e-324")
            .representable(Float64)
            .unwrap()
            .float64_val(),
        (5e-324, true)
    );
    assert_eq!(
        show(&float("1e-400").representable(Float64).unwrap()),
        "Float|0|0"
    );
    // complex: both parts rounded.
    let c = bin(&float("0.1"), BinaryOp::Add, &imag("1e40i"));
    assert!(c.representable(Complex64).is_none());
    assert_eq!(
        c.representable(Complex128).unwrap().to_string(),
        "(0.1 + 1e+40i)"
    );
    // Kinds.
    assert!(ok(&string(r#""a""#), String));
    assert!(!ok(&string(r#""a""#), Int));
    assert!(ok(&Value::from_bool(true), UntypedBool));
    assert!(!ok(&i(1), Bool));
    assert!(!ok(&i(0), UnsafePointer));
    assert!(ok(&Value::unknown(), Int8));
}

#[test]
fn representation_errors_follow_the_operand_type() {
    use Target::*;
    let i = Value::from_i64;
    assert_eq!(
        i(300).representation(UntypedInt, Uint8),
        Err(ReprError::Overflows)
    );
    assert_eq!(
        i(-1).representation(UntypedInt, Uint),
        Err(ReprError::Overflows)
    );
    assert_eq!(
        float("1000.0").representation(UntypedFloat, Int8),
        Err(ReprError::Truncated)
    );
    assert_eq!(
        float("1.5").representation(UntypedFloat, Int),
        Err(ReprError::Truncated)
    );
    assert_eq!(
        float("1e1000").representation(UntypedFloat, Float64),
        Err(ReprError::Overflows)
    );
    assert_eq!(
        float("1e40").representation(Float64, Float32),
        Err(ReprError::Overflows)
    );
    assert_eq!(
        i(1).representation(UntypedInt, String),
        Err(ReprError::CannotConvert)
    );
    assert_eq!(
        string(r#""a""#).representation(UntypedString, Int),
        Err(ReprError::CannotConvert)
    );
    assert_eq!(float("2.0").representation(UntypedFloat, Int), Ok(i(2)));
}

// ---------------------------------------------------------------------------
// Printing: strings gc prints in its messages.

#[test]
fn strings_as_gc_prints_them() {
    let i = Value::from_i64;
    // cannot use 1 << 100 (untyped int constant 1267650600228229401496703205376) ...
    assert_eq!(
        i(1).shift(ShiftOp::Shl, 100).to_string(),
        "1267650600228229401496703205376"
    );
    // constant 1e+1000 overflows float64; 1e1000 * 1e1000 is 1e+2000
    assert_eq!(float("1e1000").to_string(), "1e+1000");
    assert_eq!(
        bin(&float("1e1000"), BinaryOp::Mul, &float("1e1000")).to_string(),
        "1e+2000"
    );
    // cannot use 1000.0 (untyped float constant 1000) ...
    assert_eq!(float("1000.0").to_string(), "1000");
    // 3.4028236e38 (untyped float constant 3.40282e+38)
    assert_eq!(float("3.4028236e38").to_string(), "3.40282e+38");
    // more digits when %.6g would hide a fraction (go.dev/issue/56220)
    assert_eq!(float("1000000.5").to_string(), "1.0000005e+06");
    assert_eq!(float("123456.7").to_string(), "123456.7");
    assert_eq!(float("1e-400").to_string(), "1e-400");
    assert_eq!(float("1.5e-400").neg_for_test().to_string(), "-1.5e-400");
    assert_eq!(
        float("1.0")
            .binary(BinaryOp::Div, &float("3.0"))
            .exact_string(),
        "1/3"
    );
    assert_eq!(float("0x1p4096").exact_string(), "0x.8p+4097");
    assert_eq!(
        imag("1i").binary(BinaryOp::Add, &float("1.5")).to_string(),
        "(1.5 + 1i)"
    );
    assert_eq!(Value::from_bool(true).to_string(), "true");
    assert_eq!(Value::unknown().to_string(), "unknown");
}

impl Value {
    fn neg_for_test(&self) -> Value {
        self.unary(UnaryOp::Neg, 0)
    }
}

#[test]
fn long_concatenation_chains() {
    // Deep left-nested chains (go.dev/issue/23348) are assembled once and
    // freed without recursion.
    let piece = string(r#""ab""#);
    let mut s = string(r#""""#);
    for _ in 0..200_000 {
        s = s.binary(BinaryOp::Add, &piece);
    }
    assert_eq!(s.str_len(), 400_000);
    let b = s.str_bytes();
    assert_eq!(b.len(), 400_000);
    assert!(b.chunks(2).all(|c| c == b"ab"));
    let short = s.to_string();
    assert_eq!(short.len(), 72);
    assert!(
        short.starts_with("\"abab") && short.ends_with("ab..."),
        "{short}"
    );
    drop(s);
}
