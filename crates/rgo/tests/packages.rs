//! How `rgo check` finds packages beyond the go command's rules: rgo's own
//! `lib/` overlay (`RGO_LIB`), and packages checked with their
//! dependencies.

mod common;
use common::*;

const BROKEN_ERRORS: &str = "package errors\n\nfunc New(s string) error {\n\treturn x +\n}\n";

#[test]
fn lib_overlay_replaces_standard_packages() {
    let d = scratch("overlay");
    write_tree(
        &d,
        &[
            ("lib/errors/errors.go", BROKEN_ERRORS),
            ("lib/rgo/extra/x.go", "package extra\n"),
            // A directory on the way to a package replaces nothing.
            ("lib/crypto/sub/x.go", "package sub\n"),
            ("m/go.mod", "module m\n\ngo 1.22\n"),
            (
                "m/p/p.go",
                "package p\n\nimport (\n\t_ \"crypto\"\n\t_ \"errors\"\n\t_ \"rgo/extra\"\n)\n",
            ),
        ],
    );
    let lib = d.join("lib");
    let o = output(
        rgo_cmd(&d.join("m"))
            .args(["check", "./p"])
            .env("RGO_LIB", &lib),
    );
    assert_eq!(
        (o.status, o.stderr.as_str()),
        (
            1,
            "# errors\n../lib/errors/errors.go:5:1: syntax error: unexpected }, expected expression\n"
        )
    );
    // Without the overlay, GOROOT's errors is used and rgo/extra is not
    // in std.
    let o = output(
        rgo_cmd(&d.join("m"))
            .args(["check", "./p"])
            .env("RGO_LIB", ""),
    );
    assert_eq!(o.status, 1);
    assert!(
        o.stderr
            .starts_with("p/p.go:6:2: package rgo/extra is not in std ("),
        "{}",
        o.stderr
    );
    let o = output(
        rgo_cmd(&d)
            .args(["check", "./m/p"])
            .env("RGO_LIB", d.join("nosuch")),
    );
    assert_eq!(
        (o.status, o.stderr),
        (
            1,
            format!("rgo: RGO_LIB={}/nosuch is not a directory\n", d.display())
        )
    );
}

#[test]
fn dependencies_are_checked_too() {
    let d = scratch("deps");
    write_tree(
        &d,
        &[
            ("go.mod", "module example.com/m\n\ngo 1.21\n"),
            (
                "main.go",
                "package main\n\nimport \"example.com/m/lib\"\n\nfunc main() { lib.F() }\n",
            ),
            ("lib/lib.go", "package lib\n\nfunc F() {\n\tx := \n}\n"),
            ("lib/other_windows.go", "package lib\n\nfunc ]]]\n"),
            (
                "lib/ignored.go",
                "//go:build ignore\n\npackage lib\n\nfunc ]]]\n",
            ),
        ],
    );
    let want =
        "# example.com/m/lib\nlib/lib.go:5:1: syntax error: unexpected }, expected expression\n";
    for args in [
        &["check"][..],
        &["check", "."],
        &["check", "main.go"],
        &["check", "all"],
        &["check", "./..."],
    ] {
        let o = rgo_in(&d, args);
        assert_eq!((o.status, o.stderr.as_str()), (1, want), "{args:?}");
    }
    // -tags selects files.
    let o = rgo_in(&d, &["check", "-tags", "ignore", "./lib"]);
    assert_eq!(o.status, 1);
    assert!(
        o.stderr.contains("lib/ignored.go:5:6: syntax error"),
        "{}",
        o.stderr
    );
}

#[test]
fn bad_go_mod_files_are_reported_like_the_go_command() {
    // go1.27.3 says the same after "go: " instead of "rgo: ".
    let d = scratch("gomod");
    write_tree(
        &d,
        &[
            ("go.mod", "module m\n\ngo 1.22\nfoo bar\n"),
            ("sub/x.go", "package sub\n"),
        ],
    );
    let o = rgo_in(&d.join("sub"), &["check", "."]);
    assert_eq!(
        (o.status, o.stderr.as_str()),
        (
            1,
            "rgo: errors parsing ../go.mod:\n../go.mod:4: unknown directive: foo\n"
        )
    );
    std::fs::write(d.join("go.mod"), "go 1.22\n").unwrap();
    let o = rgo_in(&d, &["check", "./sub"]);
    assert_eq!(
        (o.status, o.stderr.as_str()),
        (
            1,
            "rgo: error reading go.mod: missing module declaration. To specify the module path:\n\
             \tgo mod edit -module=example.com/mod\n"
        )
    );
}
