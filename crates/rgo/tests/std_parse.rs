//! The whole standard library parses: every .go file of GOROOT/src outside
//! testdata directories (6827 files in go1.27.3), with no syntax error;
//! and `rgo check std` loads and type-checks all std packages with no
//! error. GOROOT is the one rgo finds or provisions (`rgo env GOROOT`).

mod common;
use common::*;

#[test]
fn all_of_goroot_src_parses_without_errors() {
    let env = rgo(&["env", "GOROOT"]);
    assert_eq!(env.status, 0, "no GOROOT: {}", env.stderr);
    let src = std::path::Path::new(env.stdout.trim()).join("src");
    let o = rgo(&[
        std::ffi::OsStr::new("tool"),
        "parse".as_ref(),
        src.as_os_str(),
    ]);
    assert_eq!(o.stderr, "", "syntax errors in GOROOT/src");
    assert_eq!(o.status, 0);
    // "parsed N files, L lines, B bytes, 0 errors in T"
    let words: Vec<&str> = o.stdout.split_whitespace().collect();
    assert_eq!(words.first(), Some(&"parsed"), "{}", o.stdout);
    let files: usize = words[1].parse().unwrap();
    assert!(files > 6000, "only {files} files found: {}", o.stdout);
    assert!(o.stdout.contains(", 0 errors in "), "{}", o.stdout);
}

#[test]
fn all_of_std_type_checks_without_errors() {
    let o = rgo(&["check", "std"]);
    assert_eq!(o.stderr, "", "errors in std");
    assert_eq!(o.status, 0);
}
