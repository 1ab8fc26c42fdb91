//! `rgo tool ir`: the IR the builder makes for small programs, verified
//! (the tool refuses invalid IR) and printed.

mod common;
use common::*;

#[test]
fn loops_make_block_parameters_for_the_variables_they_change() {
    let dir = scratch("ir-loop");
    write_tree(
        &dir,
        &[(
            "m.go",
            "package main\n\nfunc sum(n int) int {\n\ts := 0\n\tfor i := 0; i < n; i++ {\n\t\ts += i\n\t}\n\treturn s\n}\n\nfunc main() {\n\tprintln(sum(10), \"done\")\n}\n",
        )],
    );
    let o = rgo_in(&dir, &["tool", "ir", "-func", "main.sum", "m.go"]);
    assert_eq!(o.status, 0, "{}", o.stderr);
    // As built, `n` is passed around the loop as a block parameter too;
    // copy propagation removes that trivial parameter.
    let built = "\
// after build
func main.sum(v0 i64, v1 i64) -> (i64)
b0(v0: i64, v1: i64):
    v2 = iconst.i64 0                    // line 4
    v3 = iconst.i64 0                    // line 5
    jump b1(v3, v1, v2)
b1(v4: i64, v5: i64, v7: i64):
    v6 = cmp.slt v4, v5                  // line 5
    br v6, b2(), b4()
b2():
    v8 = add v7, v4                      // line 6
    jump b3()
b3():
    v9 = iconst.i64 1                    // line 5
    v10 = add v4, v9                     // line 5
    jump b1(v10, v5, v8)
b4():
    ret v7

";
    let propagated = "\
// after copyprop
func main.sum(v0 i64, v1 i64) -> (i64)
b0(v0: i64, v1: i64):
    v2 = iconst.i64 0                    // line 4
    v3 = iconst.i64 0                    // line 5
    jump b1(v3, v2)
b1(v4: i64, v7: i64):
    v6 = cmp.slt v4, v1                  // line 5
    br v6, b2(), b4()
b2():
    v8 = add v7, v4                      // line 6
    jump b3()
b3():
    v9 = iconst.i64 1                    // line 5
    v10 = add v4, v9                     // line 5
    jump b1(v10, v8)
b4():
    ret v7

";
    assert!(o.stdout.starts_with(built), "{}", o.stdout);
    assert!(o.stdout.contains(propagated), "{}", o.stdout);
    for pass in ["inline", "copyprop", "constfold", "bce", "nilcheck", "dce"] {
        assert!(
            o.stdout.contains(&format!("// after {pass}\n")),
            "{pass}: {}",
            o.stdout
        );
    }
}

#[test]
fn passes_remove_checks_that_cannot_fail() {
    let dir = scratch("ir-checks");
    write_tree(
        &dir,
        &[(
            "m.go",
            "package main\n\nfunc sum(s []int) int {\n\tt := 0\n\tfor i := range s {\n\t\tt += s[i] / 2\n\t}\n\treturn t\n}\n\nfunc main() {\n\tprintln(sum([]int{1, 2, 3}))\n}\n",
        )],
    );
    let o = rgo_in(&dir, &["tool", "ir", "-func", "main.sum", "m.go"]);
    assert_eq!(o.status, 0, "{}", o.stderr);
    let last = o.stdout.rsplit("// after dce\n").next().unwrap();
    // The loop condition proves the index; 2 is not zero.
    assert!(!last.contains("boundscheck"), "{last}");
    assert!(!last.contains("divcheck"), "{last}");
    let (out, status) = (rgo_in(&dir, &["run", "m.go"]), 0);
    assert_eq!(out.status, status, "{}", out.stderr);
    assert_eq!(out.stderr, "2\n");
}

#[test]
fn unsupported_constructs_are_reported_not_miscompiled() {
    let dir = scratch("ir-unsupported");
    write_tree(
        &dir,
        &[(
            "m.go",
            "package main\n\nfunc seq(yield func(int) bool) {}\n\nfunc main() {\n\tfor range seq {\n\t\tdefer main()\n\t}\n}\n",
        )],
    );
    let o = rgo_in(&dir, &["tool", "ir", "m.go"]);
    assert_eq!(o.status, 1);
    assert!(
        o.stderr
            .ends_with("m.go:7:3: internal compiler error: defer in a range-over-func body not implemented yet\n"),
        "{}",
        o.stderr
    );
}
