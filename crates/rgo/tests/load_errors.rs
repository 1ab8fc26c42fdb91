//! Load errors of `rgo check` against the go command's: every case is a
//! module tree (or none), a command line, and what go1.27.3 printed for
//! `go build -o /dev/null ARGS` on the same tree (with CGO_ENABLED=0,
//! GOFLAGS=-tags=purego, GOPROXY=off; `go: ` prefixes become `rgo: `).
//! `{goroot}` and `{dir}` stand for GOROOT and the tree's root.

mod common;
use common::*;

const TREE_CYCLE: &[(&str, &str)] = &[
    ("go.mod", "module m\n\ngo 1.22\n"),
    (
        "main.go",
        "package main\n\nimport _ \"m/a\"\n\nfunc main() {}\n",
    ),
    ("a/a.go", "package a\n\nimport _ \"m/b\"\n"),
    ("b/b.go", "package b\n\nimport _ \"m/c\"\n"),
    ("c/c.go", "package c\n\nimport _ \"m/a\"\n"),
];

const TREE_SELF: &[(&str, &str)] = &[
    ("go.mod", "module m\n\ngo 1.22\n"),
    ("a/a.go", "package a\n\nimport _ \"m/a\"\n"),
];

const TREE_MISSING: &[(&str, &str)] = &[
    ("go.mod", "module m\n\ngo 1.22\n"),
    ("main.go", "package main\n\nimport (\n\t\"fmt\"\n\t_ \"foo/bar\"\n\t_ \"example.com/x/y\"\n\t_ \"m/nope\"\n)\n\nfunc main() { fmt.Println() }\n"),
];

const TREE_LOADERRS: &[(&str, &str)] = &[
    ("go.mod", "module m\n\ngo 1.22\n"),
    ("main.go", "package main\n\nimport _ \"m/a\"\nimport _ \"m/b\"\nimport _ \"m/c\"\nimport _ \"m/d\"\nimport _ \"m/e\"\n\nfunc main() {}\n"),
    ("a/a.go", "//go:build linux &&\n\npackage a\n"),
    ("a/ok.go", "package a\n"),
    ("b/x.go", "package b\n"),
    ("b/y.go", "package bb\n"),
    ("c/c.go", "//go:build windows\n\npackage c\n"),
    ("d/d.go", "//go:build linux\n//go:build amd64\n\npackage d\n"),
    ("e/readme", "x"),
];

const TREE_TESTONLY: &[(&str, &str)] = &[
    ("go.mod", "module m\n\ngo 1.22\n"),
    (
        "main.go",
        "package main\n\nimport _ \"m/d\"\n\nfunc main() {}\n",
    ),
    ("d/d_test.go", "package d\n"),
];

const TREE_TESTONLY2: &[(&str, &str)] = &[
    ("go.mod", "module m\n\ngo 1.22\n"),
    ("main.go", "package main\n\n\nfunc main() {}\n"),
    ("d/d_test.go", "package d\n"),
];

const TREE_INTERNAL: &[(&str, &str)] = &[
    ("go.mod", "module m\n\ngo 1.22\n"),
    (
        "main.go",
        "package main\n\nimport _ \"internal/abi\"\n\nfunc main() {}\n",
    ),
    ("x/internal/q/q.go", "package q\n"),
    ("x/y.go", "package x\n\nimport _ \"m/x/internal/q\"\n"),
    ("z/z.go", "package z\n\nimport _ \"m/x/internal/q\"\n"),
];

const TREE_RELATIVE: &[(&str, &str)] = &[
    ("go.mod", "module example.com/m\n\ngo 1.22\n"),
    (
        "main.go",
        "package main\n\nimport _ \"./a\"\nimport _ \"example.com/m/cmd\"\n\nfunc main() {}\n",
    ),
    ("a/a.go", "package a\n"),
    ("cmd/c.go", "package main\n\nfunc main() {}\n"),
];

const TREE_BADPATHS: &[(&str, &str)] = &[
    ("go.mod", "module m\n\ngo 1.22\n"),
    ("a/a.go", "package a\n\nimport _ \"a b\"\n"),
    (
        "c/c.go",
        "package c\n\nimport _ \"vendor/golang.org/x/net/idna\"\n",
    ),
    ("d/d.go", "package d\n\nimport _ \"m/a/\"\n"),
    ("g/g.go", "package g\n\nimport _ \"std\"\n"),
];

const TREE_NOMODULE: &[(&str, &str)] = &[
    (
        "main.go",
        "package main\n\nimport _ \"example.com/q\"\nimport _ \"foo/bar\"\n\nfunc main() {}\n",
    ),
    ("b.go", "package main\n"),
    ("sub/c.go", "package main\n"),
];

const TREE_PLUSBUILD: &[(&str, &str)] = &[
    ("go.mod", "module m\n\ngo 1.22\n"),
    (
        "main.go",
        "package main\n\nimport _ \"m/c\"\n\nfunc main() {}\n",
    ),
    (
        "c/c.go",
        "// +build !linux\n\npackage c\n\nimport _ \"nosuch/c\"\n",
    ),
    (
        "c/d.go",
        "// +build !linux\npackage c\n\nimport _ \"nosuch/d\"\n",
    ),
    ("c/e.go", "package c\n"),
];

const TREE_CGO: &[(&str, &str)] = &[
    ("go.mod", "module m\n\ngo 1.22\n"),
    (
        "main.go",
        "package main\n\nimport \"C\"\n\nfunc main() {}\n",
    ),
];

const TREE_REPLACE: &[(&str, &str)] = &[
    ("go.mod", "module m\n\ngo 1.22\n\nrequire example.com/b v0.0.0\n\nreplace example.com/b => ./bdir\n\nreplace example.com/c => ./cdir\n"),
    ("cdir/go.mod", "module example.com/c\n"),
    ("cdir/x/x.go", "package x\n"),
    ("main.go", "package main\n\nimport _ \"example.com/b/y\"\nimport _ \"example.com/b/nope\"\nimport _ \"example.com/b/y/internal/z\"\nimport _ \"example.com/c/x\"\n\nfunc main() {}\n"),
    ("bdir/go.mod", "module example.com/b\n\ngo 1.20\n"),
    ("bdir/y/y.go", "package y\n"),
    ("bdir/y/internal/z/z.go", "package z\n"),
];

const TREE_VENDOR: &[(&str, &str)] = &[
    ("go.mod", "module m\n\ngo 1.23\n\nrequire example.com/a v1.0.0\n"),
    ("main.go", "package main\n\nimport _ \"example.com/a/x\"\nimport _ \"example.com/z\"\n\nfunc main() {}\n"),
    ("vendor/modules.txt", "# example.com/a v1.0.0\n## explicit; go 1.18\nexample.com/a/x\n"),
    ("vendor/example.com/a/x/x.go", "package x\n\nimport _ \"example.com/a/w\"\n"),
];

const TREE_OUTSIDE: &[(&str, &str)] = &[
    ("mod/go.mod", "module m\n\ngo 1.22\n"),
    ("mod/a/a.go", "package a\n"),
    ("other/x.go", "package x\n\nimport _ \"m/a\"\n"),
];

const TREE_WILD: &[(&str, &str)] = &[
    ("go.mod", "module m\n\ngo 1.22\n"),
    ("hello.go", "package main\n\n\nfunc main() {}\n"),
    ("c/c.go", "//go:build windows\n\npackage c\n"),
    ("t/x_test.go", "package t\n"),
    ("e/readme", "x"),
    ("u/_x.go", "package u\n"),
    ("v/vendor/x/x.go", "package x\n"),
];

const TREE_UNDERSCORE: &[(&str, &str)] = &[
    ("_x.go", "package main\n"),
    ("y.go", "package main\n\nimport \"C\"\n"),
];

const TREE_TAGS: &[(&str, &str)] = &[
    ("go.mod", "module m\n\ngo 1.22\n"),
    (
        "a/a.go",
        "//go:build mytag\n\npackage a\n\nimport _ \"nosuch/x\"\n",
    ),
    ("a/b.go", "package a\n"),
];

/// A tree, the directory (in it) to run in, the arguments, and the
/// go command's exit status and standard error.
struct Case {
    tree: &'static [(&'static str, &'static str)],
    cwd: &'static str,
    args: &'static [&'static str],
    status: i32,
    want: &'static str,
}

const CASES: &[Case] = &[
    Case {
        tree: TREE_CYCLE,
        cwd: ".",
        args: &["./..."],
        status: 1,
        want: "package m\n\timports m/a from main.go\n\timports m/b from a.go\n\timports m/c from b.go\n\timports m/a from c.go: import cycle not allowed\n",
    },
    Case {
        tree: TREE_CYCLE,
        cwd: ".",
        args: &["./b"],
        status: 1,
        want: "package m/b\n\timports m/c from b.go\n\timports m/a from c.go\n\timports m/b from a.go: import cycle not allowed\n",
    },
    Case {
        tree: TREE_SELF,
        cwd: ".",
        args: &["./a"],
        status: 1,
        want: "package m/a\n\timports m/a from a.go: import cycle not allowed\n",
    },
    Case {
        tree: TREE_MISSING,
        cwd: ".",
        args: &["."],
        status: 1,
        want: "main.go:6:2: no required module provides package example.com/x/y; to add it:\n\tgo get example.com/x/y\nmain.go:5:2: package foo/bar is not in std ({goroot}/src/foo/bar)\nmain.go:7:2: package m/nope is not in std ({goroot}/src/m/nope)\n",
    },
    Case {
        tree: TREE_MISSING,
        cwd: ".",
        args: &["foo/bar", "example.com/q"],
        status: 1,
        want: "package foo/bar is not in std ({goroot}/src/foo/bar)\nno required module provides package example.com/q; to add it:\n\tgo get example.com/q\n",
    },
    Case {
        tree: TREE_MISSING,
        cwd: ".",
        args: &["./nope"],
        status: 1,
        want: "stat {dir}/nope: directory not found\n",
    },
    Case {
        tree: TREE_LOADERRS,
        cwd: ".",
        args: &["./..."],
        status: 1,
        want: "main.go:3:8: a.go: parsing //go:build line: unexpected end of expression\nmain.go:4:8: found packages b (x.go) and bb (y.go) in {dir}/b\npackage m\n\timports m/c: build constraints exclude all Go files in {dir}/c\nmain.go:6:8: d.go: multiple //go:build comments\nmain.go:7:8: package m/e is not in std ({goroot}/src/m/e)\n",
    },
    Case {
        tree: TREE_LOADERRS,
        cwd: ".",
        args: &["./a"],
        status: 1,
        want: "a.go: parsing //go:build line: unexpected end of expression\n",
    },
    Case {
        tree: TREE_LOADERRS,
        cwd: ".",
        args: &["./b", "./c", "./e"],
        status: 1,
        want: "found packages b (x.go) and bb (y.go) in {dir}/b\npackage m/c: build constraints exclude all Go files in {dir}/c\nno Go files in {dir}/e\n",
    },
    Case {
        tree: TREE_LOADERRS,
        cwd: ".",
        args: &["m/b", "m/c", "m/e"],
        status: 1,
        want: "found packages b (x.go) and bb (y.go) in {dir}/b\npackage m/c: build constraints exclude all Go files in {dir}/c\npackage m/e is not in std ({goroot}/src/m/e)\n",
    },
    Case {
        tree: TREE_TESTONLY,
        cwd: ".",
        args: &["."],
        status: 1,
        want: "m/d: no non-test Go files in {dir}/d\n",
    },
    Case {
        tree: TREE_TESTONLY2,
        cwd: ".",
        args: &["./..."],
        status: 0,
        want: "",
    },
    Case {
        tree: TREE_TESTONLY2,
        cwd: ".",
        args: &["./d"],
        status: 1,
        want: "m/d: no non-test Go files in {dir}/d\n",
    },
    Case {
        tree: TREE_INTERNAL,
        cwd: ".",
        args: &["."],
        status: 1,
        want: "package m\n\tmain.go:3:8: use of internal package internal/abi not allowed\n",
    },
    Case {
        tree: TREE_INTERNAL,
        cwd: ".",
        args: &["main.go"],
        status: 1,
        want: "package command-line-arguments\n\tmain.go:3:8: use of internal package internal/abi not allowed\n",
    },
    Case {
        tree: TREE_INTERNAL,
        cwd: ".",
        args: &["./x", "./z"],
        status: 1,
        want: "package m/z\n\tz/z.go:3:8: use of internal package m/x/internal/q not allowed\n",
    },
    Case {
        tree: TREE_RELATIVE,
        cwd: ".",
        args: &["."],
        status: 1,
        want: "main.go:3:8: \"./a\" is relative, but relative import paths are not supported in module mode\nmain.go:3:8: local import \"./a\" in non-local package\n",
    },
    Case {
        tree: TREE_RELATIVE,
        cwd: ".",
        args: &["main.go"],
        status: 1,
        want: "main.go:3:8: \"./a\" is relative, but relative import paths are not supported in module mode\nmain.go:4:8: import \"example.com/m/cmd\" is a program, not an importable package\n",
    },
    Case {
        tree: TREE_BADPATHS,
        cwd: ".",
        args: &["./a"],
        status: 1,
        want: "{dir}/a/a.go:3:8: invalid import path: a b\n",
    },
    Case {
        tree: TREE_BADPATHS,
        cwd: ".",
        args: &["./c"],
        status: 1,
        want: "c/c.go:3:8: use of vendored package not allowed\n",
    },
    Case {
        tree: TREE_BADPATHS,
        cwd: ".",
        args: &["./d"],
        status: 1,
        want: "d/d.go:3:8: malformed import path \"m/a/\": trailing slash\n",
    },
    Case {
        tree: TREE_BADPATHS,
        cwd: ".",
        args: &["./g"],
        status: 1,
        want: "g/g.go:3:8: \"std\" is not an importable package; see 'go help packages'\n",
    },
    Case {
        tree: TREE_NOMODULE,
        cwd: ".",
        args: &["main.go"],
        status: 1,
        want: "main.go:3:8: no required module provides package example.com/q: go.mod file not found in current directory or any parent directory; see 'go help modules'\nmain.go:4:8: package foo/bar is not in std ({goroot}/src/foo/bar)\n",
    },
    Case {
        tree: TREE_NOMODULE,
        cwd: ".",
        args: &["nosuch.go"],
        status: 1,
        want: "no required module provides package nosuch.go: go.mod file not found in current directory or any parent directory; see 'go help modules'\n",
    },
    Case {
        tree: TREE_NOMODULE,
        cwd: ".",
        args: &["b.go", "sub/c.go"],
        status: 1,
        want: "named files must all be in one directory; have . and sub\n",
    },
    Case {
        tree: TREE_NOMODULE,
        cwd: ".",
        args: &["b.go", "nosuch.go"],
        status: 1,
        want: "stat nosuch.go: no such file or directory\n",
    },
    Case {
        tree: TREE_NOMODULE,
        cwd: ".",
        args: &["nosuch/pkg"],
        status: 1,
        want: "package nosuch/pkg is not in std ({goroot}/src/nosuch/pkg)\n",
    },
    Case {
        tree: TREE_PLUSBUILD,
        cwd: ".",
        args: &["."],
        status: 1,
        want: "c/d.go:4:8: package nosuch/d is not in std ({goroot}/src/nosuch/d)\n",
    },
    Case {
        tree: TREE_CGO,
        cwd: ".",
        args: &["."],
        status: 1,
        want: "package m: build constraints exclude all Go files in {dir}\n",
    },
    Case {
        tree: TREE_CGO,
        cwd: ".",
        args: &["main.go"],
        status: 1,
        want: "rgo: no Go source files\n",
    },
    Case {
        tree: TREE_REPLACE,
        cwd: ".",
        args: &["."],
        status: 1,
        want: "main.go:4:8: no required module provides package example.com/b/nope; to add it:\n\tgo get example.com/b/nope\nmain.go:6:8: module example.com/c provides package example.com/c/x and is replaced but not required; to add it:\n\tgo get example.com/c\npackage m\n\tmain.go:5:8: use of internal package example.com/b/y/internal/z not allowed\n",
    },
    Case {
        tree: TREE_REPLACE,
        cwd: ".",
        args: &["./bdir/y"],
        status: 1,
        want: "main module (m) does not contain package m/bdir/y\n",
    },
    Case {
        tree: TREE_REPLACE,
        cwd: ".",
        args: &["example.com/b/..."],
        status: 0,
        want: "",
    },
    Case {
        tree: TREE_VENDOR,
        cwd: ".",
        args: &["."],
        status: 1,
        want: "vendor/example.com/a/x/x.go:3:8: cannot find module providing package example.com/a/w: import lookup disabled by -mod=vendor\n\t(Go version in go.mod is at least 1.14 and vendor directory exists.)\nmain.go:4:8: cannot find module providing package example.com/z: import lookup disabled by -mod=vendor\n\t(Go version in go.mod is at least 1.14 and vendor directory exists.)\n",
    },
    Case {
        tree: TREE_OUTSIDE,
        cwd: "mod",
        args: &["../other/x.go"],
        status: 0,
        want: "",
    },
    Case {
        tree: TREE_OUTSIDE,
        cwd: "mod",
        args: &["../other"],
        status: 1,
        want: "directory ../other outside main module or its selected dependencies\n",
    },
    Case {
        tree: TREE_OUTSIDE,
        cwd: "mod",
        args: &["../other/..."],
        status: 1,
        want: "pattern ../other/...: directory prefix ../other does not contain main module or its selected dependencies\n",
    },
    Case {
        tree: TREE_OUTSIDE,
        cwd: "mod",
        args: &["./nope/..."],
        status: 1,
        want: "pattern ./nope/...: lstat ./nope/: no such file or directory\n",
    },
    Case {
        tree: TREE_OUTSIDE,
        cwd: "mod",
        args: &["m/z/...", "./a/..."],
        status: 0,
        want: "rgo: warning: \"m/z/...\" matched no packages\n",
    },
    Case {
        tree: TREE_WILD,
        cwd: ".",
        args: &["./c/..."],
        status: 0,
        want: "rgo: warning: \"./c/...\" matched no packages\n",
    },
    Case {
        tree: TREE_WILD,
        cwd: ".",
        args: &["./t/..."],
        status: 0,
        want: "",
    },
    Case {
        tree: TREE_WILD,
        cwd: ".",
        args: &["./e/...", "./u/...", "./v/..."],
        status: 0,
        want: "rgo: warning: \"./e/...\" matched no packages\nrgo: warning: \"./u/...\" matched no packages\nrgo: warning: \"./v/...\" matched no packages\n",
    },
    Case {
        tree: TREE_WILD,
        cwd: ".",
        args: &["./hello.go/..."],
        status: 1,
        want: "pattern ./hello.go/...: lstat ./hello.go/: not a directory\n",
    },
    Case {
        tree: TREE_WILD,
        cwd: ".",
        args: &["./c", "./t"],
        status: 1,
        want: "package m/c: build constraints exclude all Go files in {dir}/c\n",
    },
    Case {
        tree: TREE_UNDERSCORE,
        cwd: ".",
        args: &["_x.go"],
        status: 1,
        want: "package command-line-arguments: no Go files in {dir}\n",
    },
    Case {
        tree: TREE_UNDERSCORE,
        cwd: ".",
        args: &["y.go"],
        status: 1,
        want: "rgo: no Go source files\n",
    },
    Case {
        tree: TREE_TAGS,
        cwd: ".",
        args: &["./a"],
        status: 0,
        want: "",
    },
    Case {
        tree: TREE_TAGS,
        cwd: ".",
        args: &["-tags", "mytag", "./a"],
        status: 1,
        want: "a/a.go:5:8: package nosuch/x is not in std ({goroot}/src/nosuch/x)\n",
    },
    Case {
        tree: TREE_TAGS,
        cwd: ".",
        args: &["-tags", "cgo", "./a"],
        status: 0,
        want: "",
    },
];

#[test]
fn load_errors_are_the_go_commands() {
    let env = rgo(&["env", "GOROOT"]);
    assert_eq!(env.status, 0, "no GOROOT: {}", env.stderr);
    let goroot = env.stdout.trim().to_string();
    let mut failed = Vec::new();
    for (i, c) in CASES.iter().enumerate() {
        let d = scratch(&format!("load-{i}"));
        write_tree(&d, c.tree);
        let o = rgo_in(&d.join(c.cwd), &[&["check"], c.args].concat());
        let want = c
            .want
            .replace("{goroot}", &goroot)
            .replace("{dir}", &d.display().to_string());
        if (o.status, o.stderr.as_str()) != (c.status, want.as_str()) {
            failed.push(format!(
                "rgo check {} (in {}):\n  status {} (want {})\n  got:  {:?}\n  want: {:?}",
                c.args.join(" "),
                c.cwd,
                o.status,
                c.status,
                o.stderr,
                want
            ));
        }
        assert_eq!(o.stdout, "");
        let _ = std::fs::remove_dir_all(&d);
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
