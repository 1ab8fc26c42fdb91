//! The parser never panics, hangs or overflows its stack, whatever the
//! input: random bytes, random token sequences, mutations of valid code and
//! pathologically deep nesting. (The cargo-fuzz target in fuzz/ explores
//! the same property with coverage guidance; this test keeps it checked on
//! every run.)

use syntax::{FileSet, MAX_NESTING};

/// xorshift64*: a small deterministic generator, so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn parse(src: &[u8]) -> Vec<syntax::Error> {
    let fset = FileSet::new();
    let (_, errors) = syntax::parse_file(&fset, "x.go", src);
    for e in &errors {
        assert!(
            fset.position(e.pos).is_some(),
            "error without a position: {}",
            e.msg
        );
    }
    errors
}

/// Runs `f` on a thread with the stack size of an ordinary spawned thread,
/// so a parser that recursed without bound would crash the test.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

const SAMPLE: &str = r#"package main

import (
	"fmt"
	"strings"
)

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }

type Number interface {
	~int | ~int64 | ~float64
}

func Sum[N Number](xs ...N) (total N) {
	for _, x := range xs {
		total += x
	}
	return
}

func main() {
	m := map[string][]int{"a": {1, 2}, "b": nil}
	ch := make(chan<- int, 3)
	var s Stack[string]
	s.Push("x")
	select {
	case ch <- 1:
	default:
	}
	for i := range 10 {
		if v, ok := m[fmt.Sprint(i)]; ok && len(v) > 0 {
			continue
		}
	}
	switch x := any(s).(type) {
	case interface{ Push(string) }:
		_ = x
	}
	f := func(a, b int) int { return a &^ b << 2 }
	_ = f(1, 2)
	_ = strings.Repeat("ab\x41\u00e9", 2)
	_ = [...]float64{1e3, 0x1p-2, 1_000.5i}
	goto end
end:
	defer func() { recover() }()
}
"#;

#[test]
fn sample_parses_cleanly() {
    assert_eq!(parse(SAMPLE.as_bytes()), vec![]);
}

#[test]
fn random_bytes() {
    on_small_stack(|| {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..3000 {
            let n = rng.below(400);
            let src: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
            parse(&src);
            // Mostly-ASCII garbage reaches deeper into the parser.
            let src: Vec<u8> = (0..n)
                .map(|_| b" \n\t(){}[];,.:=+-*/<>!&|^~\"'`0x1aeib_"[rng.below(36)])
                .collect();
            let mut with_pkg = b"package p\n".to_vec();
            with_pkg.extend_from_slice(&src);
            parse(&with_pkg);
        }
    });
}

#[test]
fn random_token_sequences() {
    const TOKENS: &[&str] = &[
        "package",
        "p",
        "import",
        "\"fmt\"",
        "func",
        "f",
        "(",
        ")",
        "{",
        "}",
        "[",
        "]",
        "var",
        "const",
        "type",
        "struct",
        "interface",
        "map",
        "chan",
        "<-",
        "go",
        "defer",
        "if",
        "else",
        "for",
        "range",
        "switch",
        "case",
        "default",
        "select",
        "return",
        "break",
        "continue",
        "goto",
        "fallthrough",
        "x",
        "T",
        "int",
        "any",
        ":=",
        "=",
        "+=",
        "++",
        "--",
        ",",
        ";",
        ".",
        "...",
        ":",
        "~",
        "|",
        "&",
        "*",
        "+",
        "-",
        "!",
        "^",
        "&^",
        "<<",
        ">>",
        "==",
        "!=",
        "<",
        ">=",
        "&&",
        "||",
        "1",
        "2.5",
        "3i",
        "'a'",
        "`raw`",
        "\n",
        "//c\n",
        "/*c*/",
        "_",
    ];
    on_small_stack(|| {
        let mut rng = Rng(42);
        for _ in 0..3000 {
            let mut src = String::from("package p\n");
            for _ in 0..rng.below(120) {
                src.push_str(TOKENS[rng.below(TOKENS.len())]);
                src.push(' ');
            }
            parse(src.as_bytes());
        }
    });
}

#[test]
fn mutations_of_valid_code() {
    on_small_stack(|| {
        let mut rng = Rng(7);
        let base = SAMPLE.as_bytes();
        for _ in 0..2000 {
            let mut src = base.to_vec();
            for _ in 0..1 + rng.below(4) {
                let i = rng.below(src.len());
                match rng.below(3) {
                    0 => {
                        src.remove(i);
                    }
                    1 => src.insert(i, base[rng.below(base.len())]),
                    _ => {
                        let j = rng.below(src.len());
                        src.swap(i, j);
                    }
                }
            }
            parse(&src);
        }
    });
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let depth = (MAX_NESTING as usize) * 50;
    let cases: Vec<(&str, &str, &str)> = vec![
        ("var x = ", "(", ")"),
        ("var x = ", "- ", "1"),
        ("var x = ", "[]int{", "}"),
        ("var x ", "*", "int"),
        ("var x ", "[]", "int"),
        ("var x ", "chan ", "int"),
        ("var x = ", "<-", "c"),
        ("var x ", "func() ", "int"),
        ("var x ", "struct{ f ", "}"),
        ("var x = ", "f(", ")"),
        ("var x = a", "[0", "]"),
        ("func f() ", "{", "}"),
        ("func f() { ", "if x {", "}"),
        ("func f() { ", "for {", "}"),
        ("func f() { ", "L: ", ""),
        ("func f() { ", "switch { case true: ", "}"),
        ("var x = ", "func() int { return ", "}"),
        ("type T ", "interface{ ", "}"),
        ("var x = 1", " + 1", ""),
    ];
    for (prefix, open, close) in cases {
        let mut src = format!("package p\n{prefix}");
        for _ in 0..depth {
            src.push_str(open);
        }
        for _ in 0..depth {
            src.push_str(close);
        }
        src.push('\n');
        let what = format!("{prefix}{open}...{close}");
        eprintln!("case {what}");
        on_small_stack(move || {
            let errors = parse(src.as_bytes());
            // Long flat chains (x + 1 + 1 ...) are not nesting in the
            // source, but they are in the tree; either way no crash.
            if !open.starts_with(' ') {
                assert!(
                    errors.iter().any(|e| e.msg.contains("nesting too deep")),
                    "{what}: no nesting error, got {:?}",
                    errors.first()
                );
            }
        });
    }
}

#[test]
fn moderate_nesting_is_fine() {
    let depth = 100;
    let mut src = String::from("package p\nvar x = ");
    src.push_str(&"(".repeat(depth));
    src.push('1');
    src.push_str(&")".repeat(depth));
    src.push('\n');
    on_small_stack(move || assert_eq!(parse(src.as_bytes()), vec![]));
}
