//! go/test's errorcheck tests (syntax/, and the whole suite against a
//! floor) against `rgo check`, and its run tests that need no imports and
//! no goroutines against `rgo run` (a floor), scored by
//! ../shared/tools/conformance with gc's verdicts from the committed cache
//! data/conformance-ref-1.19.json (gc itself is never run here).
//!
//! Needs the go/test suite (Debian's golang-1.19-src, which scripts/test
//! installs) and the shared tools beside the repository; without them the
//! test is skipped, except under CI, where it fails.

mod common;
use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// Runs the conformance tool over errorcheck tests whose path matches
/// `filter` and returns (passed, failed, output).
fn conformance(filter: &str) -> Option<(u32, u32, String)> {
    let check = format!(
        "{} check {{lang}} {{file}}",
        shell_quote(common::rgo_path())
    );
    conformance_mode(&[
        "--mode",
        "errorcheck",
        "--filter",
        filter,
        "--check-cmd",
        &check,
    ])
}

/// Runs the conformance tool with `args`; (passed, failed, output).
fn conformance_mode(args: &[&str]) -> Option<(u32, u32, String)> {
    let suite = std::env::var_os("RGO_GO_TEST_SUITE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/share/go-1.19/test"));
    let tool = std::env::var_os("RGO_CONFORMANCE")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("../shared/tools/conformance"));
    if !suite.is_dir() || !tool.is_file() {
        let why = format!(
            "conformance test needs the go/test suite at {} (apt-get install golang-1.19-src) \
             and the tool at {}",
            suite.display(),
            tool.display()
        );
        assert!(std::env::var_os("CI").is_none(), "{why}");
        eprintln!("skipping: {why}");
        return None;
    }
    let out = Command::new("python3")
        .arg(&tool)
        .args(args)
        .arg("--suite")
        .arg(&suite)
        .arg("--ref-cache")
        .arg(workspace().join("data/conformance-ref-1.19.json"))
        // Verdicts of gc come from the cache only: never run some other go.
        .args(["--ref-go", "/nonexistent/reference-go"])
        .output()
        .expect("run python3");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "conformance harness failed:\n{text}");
    let summary = text
        .lines()
        .find_map(|l| l.strip_prefix("conformance: "))
        .unwrap_or_else(|| panic!("no summary in:\n{text}"));
    // "N passed, M failed, K skipped"
    let nums: Vec<u32> = summary
        .split(", ")
        .filter_map(|p| p.split(' ').next()?.parse().ok())
        .collect();
    assert_eq!(nums.len(), 3, "bad summary {summary:?}");
    Some((nums[0], nums[1], text))
}

#[test]
fn errorcheck_syntax_tests_pass() {
    let Some((passed, failed, text)) = conformance("syntax/") else {
        return;
    };
    assert!(passed > 0, "no test passed:\n{text}");
    assert_eq!(failed, 0, "go/test syntax/ errorcheck failures:\n{text}");
}

/// go/test's whole errorcheck suite through `rgo check` (parse, load and
/// type check): at least this many of the tests gc passes must pass
/// (raise it as the checker improves; the bar is 85% of gc's).
const ERRORCHECK_FLOOR: u32 = 362;

#[test]
fn errorcheck_suite_floor() {
    let Some((passed, failed, text)) = conformance(".") else {
        return;
    };
    assert!(
        passed >= ERRORCHECK_FLOOR,
        "errorcheck: {passed} passed, {failed} failed (floor {ERRORCHECK_FLOOR}):\n{text}"
    );
}

/// `rgo run` (build cache off) over go/test's run tests of `tier`
/// (`none`: importing nothing; `rt`: also runtime, os, unsafe, errors),
/// with `filter` arguments; asserts at least `floor` pass.
fn run_floor(tier: &str, filter: &[&str], floor: u32) {
    let rgo = shell_quote(common::rgo_path());
    let run = format!("RGOCACHE=off {rgo} run {{file}}");
    let rundir = format!("RGOCACHE=off {rgo} run {{dir}}");
    let mut args = vec!["--mode", "run", "--tier", tier, "-j", "2"];
    args.extend_from_slice(filter);
    args.extend_from_slice(&["--run-cmd", &run, "--rundir-cmd", &rundir]);
    let Some((passed, failed, text)) = conformance_mode(&args) else {
        return;
    };
    assert!(
        passed >= floor,
        "run: {passed} passed, {failed} failed (floor {floor}):\n{text}"
    );
}

/// go/test's run tests that import at most runtime, os, unsafe and
/// errors (`--tier rt`; rgo has only its own `runtime` so far): at
/// least this many (561 passed when set).
const RUN_RT_FLOOR: u32 = 557;

#[test]
fn run_suite_runtime_tier_floor() {
    run_floor("rt", &[], RUN_RT_FLOOR);
}

/// All of go/test's run tests that import nothing, goroutines and
/// channels included: at least this many of the 508 gc passes.
const RUN_ALL_FLOOR: u32 = 506;

#[test]
fn run_suite_with_goroutines_floor() {
    run_floor("none", &[], RUN_ALL_FLOOR);
}
