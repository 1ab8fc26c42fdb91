//! Syntax errors as `rgo check` and `rgo tool parse` report them, checked
//! against what gc (go1.27.3, `go tool compile`) prints for the same
//! files. These need the real parser of crates/syntax.

mod common;
use common::*;

/// A file whose line 5 has gc's `unexpected }, expected expression`.
const BAD: &str = "package main\n\nfunc main() {\n\tx := \n}\n";

/// `n` functions with one syntax error each, on lines 3..3+n.
fn many(n: usize) -> String {
    let mut s = String::from("package main\n\n");
    for i in 0..n {
        s.push_str(&format!("func f{i}() {{ x := }}\n"));
    }
    s
}

fn err_line(file: &str, line: usize) -> String {
    let col = if line >= 13 { 19 } else { 18 };
    format!("{file}:{line}:{col}: syntax error: unexpected }}, expected expression\n")
}

#[test]
fn one_error_as_gc_prints_it() {
    let d = scratch("syn-one");
    write_tree(&d, &[("bad.go", BAD), ("p/bad.go", BAD)]);
    let o = rgo_in(&d, &["check", "bad.go"]);
    assert_eq!(o.status, 1);
    assert_eq!(o.stdout, "");
    assert_eq!(
        o.stderr,
        "bad.go:5:1: syntax error: unexpected }, expected expression\n"
    );
    // Paths as given on the command line.
    let o = rgo_in(&d, &["check", "./p/bad.go"]);
    assert_eq!(
        o.stderr,
        "./p/bad.go:5:1: syntax error: unexpected }, expected expression\n"
    );
    let o = rgo_in(&d.join("p"), &["check", "../bad.go"]);
    assert_eq!(
        o.stderr,
        "../bad.go:5:1: syntax error: unexpected }, expected expression\n"
    );
    let o = rgo_in(&d, &["check", "./p"]);
    assert_eq!(
        o.stderr,
        "p/bad.go:5:1: syntax error: unexpected }, expected expression\n"
    );
}

#[test]
fn ten_errors_then_too_many() {
    let d = scratch("syn-many");
    write_tree(
        &d,
        &[
            ("many.go", &many(15)),
            ("ten.go", &many(10)),
            ("nine.go", &many(9)),
        ],
    );
    let o = rgo_in(&d, &["check", "many.go"]);
    assert_eq!(o.status, 1);
    let want: String = (3..13).map(|l| err_line("many.go", l)).collect::<String>()
        + "many.go:12:18: too many errors\n";
    assert_eq!(o.stderr, want);
    // Exactly 10 is already too many for gc.
    let o = rgo_in(&d, &["check", "ten.go"]);
    assert!(o.stderr.ends_with("ten.go:12:18: syntax error: unexpected }, expected expression\nten.go:12:18: too many errors\n"));
    // -e reports all.
    let o = rgo_in(&d, &["check", "-e", "many.go"]);
    assert_eq!(
        o.stderr,
        (3..18).map(|l| err_line("many.go", l)).collect::<String>()
    );
    // The limit is per package, counted file by file; what is printed is
    // sorted, the position of the 10th error reported ends it.
    let o = rgo_in(&d, &["check", "nine.go", "ten.go"]);
    let want: String = (3..12).map(|l| err_line("nine.go", l)).collect::<String>()
        + &err_line("ten.go", 3)
        + "ten.go:3:18: too many errors\n";
    assert_eq!(o.stderr, want);
}

#[test]
fn packages_get_headers_when_several() {
    let d = scratch("syn-pkgs");
    write_tree(
        &d,
        &[("a/x.go", BAD), ("b/y.go", BAD), ("c/ok.go", "package c\n")],
    );
    let o = rgo_in(&d, &["check", "./..."]);
    assert_eq!(o.status, 1);
    // Outside a module, directories are packages named `_/abs/dir` (the
    // go command's GOPATH-mode names).
    let d = d.display();
    assert_eq!(
        o.stderr,
        format!(
            "# _{d}/a\na/x.go:5:1: syntax error: unexpected }}, expected expression\n\
             # _{d}/b\nb/y.go:5:1: syntax error: unexpected }}, expected expression\n"
        )
    );
}

#[test]
fn packages_in_a_module_are_named_by_import_path() {
    let d = scratch("syn-mod");
    write_tree(
        &d,
        &[
            ("go.mod", "module example.com/m\n\ngo 1.22\n"),
            ("a/x.go", &BAD.replace("package main", "package a")),
            ("b/y.go", "package b\n\nimport _ \"example.com/m/a\"\n"),
        ],
    );
    // The package with errors is a dependency: it gets a header.
    let o = rgo_in(&d, &["check", "./b"]);
    assert_eq!(o.status, 1);
    assert_eq!(
        o.stderr,
        "# example.com/m/a\na/x.go:5:1: syntax error: unexpected }, expected expression\n"
    );
    // Named alone, it gets none (as when gc runs on its files).
    let o = rgo_in(&d.join("b"), &["check", "../a"]);
    assert_eq!(
        o.stderr,
        "../a/x.go:5:1: syntax error: unexpected }, expected expression\n"
    );
}

#[test]
fn tool_parse_reports_errors_sorted() {
    let d = scratch("syn-parse");
    write_tree(
        &d,
        &[("b.go", BAD), ("a/a.go", BAD), ("ok.go", "package ok\n")],
    );
    let o = rgo_in(&d, &["tool", "parse", "."]);
    assert_eq!(o.status, 1);
    assert_eq!(
        o.stderr,
        "a/a.go:5:1: syntax error: unexpected }, expected expression\n\
         b.go:5:1: syntax error: unexpected }, expected expression\n"
    );
    let bytes = 2 * BAD.len() + "package ok\n".len();
    assert!(
        o.stdout.starts_with(&format!(
            "parsed 3 files, 11 lines, {bytes} bytes, 2 errors in "
        )),
        "{}",
        o.stdout
    );
    let o = rgo_in(&d, &["tool", "parse", "-json", "b.go"]);
    assert_eq!(o.status, 1);
    assert!(o.stdout.contains(
        "{\"file\": \"b.go\", \"line\": 5, \"col\": 1, \"msg\": \"syntax error: unexpected }, expected expression\", \
         \"text\": \"b.go:5:1: syntax error: unexpected }, expected expression\"}"
    ), "{}", o.stdout);
}
