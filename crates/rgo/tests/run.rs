//! Run tests: every Go program in `tests/run/` is built with rgo and run;
//! its exit status, stdout and stderr, normalized (addresses, paths, pc
//! offsets and runtime-internal frames removed; see `tests/run/README.md`),
//! must equal the golden file `NAME.golden` that gc's output produced.
//!
//! Programs listed in `tests/run/EXPECTED_FAILURES` may fail (they are
//! reported); the test fails when one of them passes (remove it from the
//! list) or when an unlisted program fails.
//!
//! With `RGO_RUN_REGEN=1` (`scripts/regen-run-goldens`) the goldens are
//! rewritten from gc's output instead (`$GO`, default `/opt/gobin/bin/go`).
//!
//! The build cache of `rgo run` / `rgo build` is tested here too.

mod common;
use common::*;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long one program may run.
const RUN_TIMEOUT: Duration = Duration::from_secs(20);

fn run_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/run")
}

/// The test programs' names (`NAME.go` in `tests/run`), sorted.
fn programs() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(run_dir())
        .expect("tests/run")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".go").map(str::to_string)
        })
        .collect();
    names.sort();
    names
}

/// What running a program showed.
struct Outcome {
    /// Exit code, or `None` when killed by a signal or the timeout.
    status: Option<i32>,
    timed_out: bool,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

/// Runs `exe` with the timeout, collecting its output.
fn run_exe(exe: &Path) -> Outcome {
    let dir = exe.parent().unwrap();
    let out = dir.join("stdout");
    let err = dir.join("stderr");
    let mut child = Command::new(exe)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .unwrap_or_else(|e| panic!("run {}: {e}", exe.display()));
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > RUN_TIMEOUT {
            let _ = child.kill();
            timed_out = true;
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Outcome {
        status: status.code(),
        timed_out,
        stdout: std::fs::read(&out).unwrap_or_default(),
        stderr: std::fs::read(&err).unwrap_or_default(),
    }
}

/// Replaces hexadecimal numbers of 0x1000 and more (addresses, pcs) by
/// `0xADDR`; smaller ones (`code=0x1 addr=0x0`) stay.
fn normalize_hex(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut last = 0;
    while i < b.len() {
        let boundary = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        if boundary && b[i] == b'0' && b.get(i + 1) == Some(&b'x') {
            let start = i + 2;
            let mut end = start;
            while end < b.len() && b[end].is_ascii_hexdigit() {
                end += 1;
            }
            if end > start {
                let digits = s[start..end].trim_start_matches('0');
                if digits.len() >= 4 {
                    out.push_str(&s[last..i]);
                    out.push_str("0xADDR");
                    last = end;
                }
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&s[last..]);
    out
}

/// The function name of a traceback frame line: `main.(*T).m(0x1, ...)`
/// → `main.(*T).m`, `panic({0x4a, 0x5b})` → `panic`.
fn frame_name(line: &str) -> &str {
    if !line.ends_with(')') {
        return line;
    }
    let mut depth = 0;
    for (i, c) in line.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth -= 1;
                if depth == 0 {
                    return &line[..i];
                }
            }
            _ => {}
        }
    }
    line
}

/// gc's traceback reduced to what rgo is expected to reproduce: the panic
/// and fatal-error lines verbatim, each goroutine header without its
/// `gp=`/`m=` fields, and its frames as function names only (no
/// arguments, files, lines or pc offsets). Runtime-internal frames
/// (`runtime.*`), the `runtime stack:` section, `runtime: sp=` lines and
/// goroutines with no other frames (the runtime's own) are dropped; in a
/// traceback with elided frames (stack overflow) runs of one function
/// collapse to one line.
fn normalize_stderr(s: &str) -> String {
    enum State {
        Outside,
        Skip,
        Goroutine,
    }
    let mut out: Vec<String> = Vec::new();
    let mut state = State::Outside;
    let mut header = String::new();
    let mut frames: Vec<String> = Vec::new();
    let mut elided = false;
    let flush = |out: &mut Vec<String>, header: &str, frames: &mut Vec<String>, elided: bool| {
        if elided {
            frames.dedup();
        }
        if frames.iter().all(|f| f.starts_with("created by ")) {
            // A goroutine of the runtime's own: drop it and the blank
            // line before it.
            if out.last().is_some_and(|l| l.is_empty()) {
                out.pop();
            }
        } else {
            out.push(header.to_string());
            out.append(frames);
        }
        frames.clear();
    };
    for line in s.lines() {
        match state {
            State::Skip => {
                if line.is_empty() {
                    state = State::Outside;
                }
            }
            State::Outside => {
                if line == "runtime stack:" {
                    // Up to and including the blank line after it.
                    state = State::Skip;
                } else if line.starts_with("goroutine ") && line.ends_with("]:") {
                    let mut words = line.split(' ');
                    let n = words.nth(1).unwrap_or("");
                    let st = &line[line.find('[').unwrap()..];
                    header = format!("goroutine {n} {st}");
                    elided = false;
                    state = State::Goroutine;
                } else if !line.starts_with("runtime: sp=") {
                    out.push(line.to_string());
                }
            }
            State::Goroutine => {
                if line.is_empty() {
                    flush(&mut out, &header, &mut frames, elided);
                    out.push(String::new());
                    state = State::Outside;
                } else if line.starts_with('\t') {
                } else if line.starts_with("...") && line.ends_with(" frames elided...") {
                    elided = true;
                } else if line.starts_with("created by ") {
                    frames.push(line.to_string());
                } else {
                    let name = frame_name(line);
                    if !name.starts_with("runtime.") {
                        frames.push(name.to_string());
                    }
                }
            }
        }
    }
    if let State::Goroutine = state {
        flush(&mut out, &header, &mut frames, elided);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    let mut text = String::new();
    for l in out {
        text.push_str(&l);
        text.push('\n');
    }
    text
}

/// Marks output that does not end in a newline.
fn mark_unterminated(raw: &str, mut text: String) -> String {
    if !raw.is_empty() && !raw.ends_with('\n') {
        text.push_str("[no newline at end]\n");
    }
    text
}

/// The golden text of an outcome.
fn golden_text(o: &Outcome) -> String {
    let stdout = String::from_utf8_lossy(&o.stdout);
    let stderr = String::from_utf8_lossy(&o.stderr);
    let mut g = String::new();
    match (o.status, o.timed_out) {
        (_, true) => g.push_str("timed out\n"),
        (Some(c), _) => writeln!(g, "exit status {c}").unwrap(),
        (None, _) => g.push_str("killed by a signal\n"),
    }
    g.push_str("-- stdout --\n");
    let mut so = normalize_hex(&stdout);
    if !so.is_empty() && !so.ends_with('\n') {
        so.push('\n');
    }
    g.push_str(&mark_unterminated(&stdout, so));
    g.push_str("-- stderr --\n");
    let se = normalize_stderr(&normalize_hex(&stderr));
    g.push_str(&mark_unterminated(&stderr, se));
    g
}

/// Builds `NAME.go` with `cmd` (a go or rgo command line ending in
/// `-o`), runs it and returns the golden text, or the build's failure.
fn build_and_run(name: &str, compiler: &[&str], env: &[(&str, &str)]) -> Result<String, String> {
    let dir = scratch(&format!("run-{name}"));
    let exe = dir.join(name);
    let mut c = Command::new(compiler[0]);
    c.args(&compiler[1..])
        .arg(&exe)
        .arg(format!("{name}.go"))
        .current_dir(run_dir())
        .stdin(Stdio::null());
    for (k, v) in env {
        c.env(k, v);
    }
    let o = output(&mut c);
    if o.status != 0 {
        let _ = std::fs::remove_dir_all(&dir);
        let first: Vec<&str> = o.stderr.lines().take(3).collect();
        return Err(format!("build failed: {}", first.join(" | ")));
    }
    let outcome = run_exe(&exe);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(golden_text(&outcome))
}

fn expected_failures() -> BTreeSet<String> {
    let text = std::fs::read_to_string(run_dir().join("EXPECTED_FAILURES")).unwrap_or_default();
    text.lines()
        .map(|l| l.split('#').next().unwrap().trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Runs `f` on every name, on all cores, returning the results in order.
fn parallel<T: Send>(names: &[String], f: impl Fn(&str) -> T + Sync) -> Vec<T> {
    let next = Mutex::new(0usize);
    let results: Mutex<Vec<Option<T>>> = Mutex::new(names.iter().map(|_| None).collect());
    let n = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..n {
            s.spawn(|| loop {
                let i = {
                    let mut g = next.lock().unwrap();
                    let i = *g;
                    *g += 1;
                    i
                };
                if i >= names.len() {
                    break;
                }
                let r = f(&names[i]);
                results.lock().unwrap()[i] = Some(r);
            });
        }
    });
    results
        .into_inner()
        .unwrap()
        .into_iter()
        .map(Option::unwrap)
        .collect()
}

/// A line diff good enough to spot the difference.
fn diff(want: &str, got: &str) -> String {
    let w: Vec<&str> = want.lines().collect();
    let g: Vec<&str> = got.lines().collect();
    let mut d = String::new();
    let mut shown = 0;
    for i in 0..w.len().max(g.len()) {
        let (a, b) = (w.get(i), g.get(i));
        if a != b && shown < 8 {
            writeln!(
                d,
                "    line {}: want {:?}\n             got  {:?}",
                i + 1,
                a,
                b
            )
            .unwrap();
            shown += 1;
        }
    }
    d
}

fn regenerate(names: &[String]) {
    let go = std::env::var("GO").unwrap_or_else(|_| "/opt/gobin/bin/go".to_string());
    let results = parallel(names, |name| {
        build_and_run(name, &[&go, "build", "-o"], &[])
    });
    for (name, r) in names.iter().zip(results) {
        match r {
            Ok(g) => std::fs::write(run_dir().join(format!("{name}.golden")), g).unwrap(),
            Err(e) => panic!("{name}: gc: {e}"),
        }
    }
    eprintln!("regenerated {} goldens", names.len());
}

#[test]
fn run_programs() {
    let mut names = programs();
    assert!(names.len() > 50, "tests/run holds {} programs", names.len());
    let flag = |k: &str| std::env::var_os(k).is_some_and(|v| v == "1");
    // RGO_RUN_FILTER=SUBSTRING: only the programs whose names contain it.
    let filter = std::env::var("RGO_RUN_FILTER").unwrap_or_default();
    names.retain(|n| n.contains(&filter));
    if flag("RGO_RUN_REGEN") {
        regenerate(&names);
        return;
    }
    let mut expected = expected_failures();
    let all = programs();
    for e in &expected {
        assert!(
            all.contains(e),
            "EXPECTED_FAILURES lists {e}, which is not a program of tests/run"
        );
    }
    expected.retain(|e| names.contains(e));
    let results = parallel(&names, |name| {
        let want = std::fs::read_to_string(run_dir().join(format!("{name}.golden")))
            .map_err(|e| format!("no golden ({e}): run scripts/regen-run-goldens"))?;
        let got = build_and_run(name, &[rgo_path(), "build", "-o"], &[("RGOCACHE", "off")])?;
        if got == want {
            Ok(())
        } else {
            Err(format!("output differs:\n{}", diff(&want, &got)))
        }
    });
    let mut passed = 0;
    let mut report = String::new();
    let mut unexpected = String::new();
    for (name, r) in names.iter().zip(&results) {
        match (r, expected.contains(name)) {
            (Ok(()), false) => passed += 1,
            (Ok(()), true) => writeln!(
                unexpected,
                "{name}: passes now: remove it from tests/run/EXPECTED_FAILURES"
            )
            .unwrap(),
            (Err(e), true) => {
                let first = e.lines().next().unwrap_or("");
                writeln!(report, "  {name}: {first}").unwrap();
            }
            (Err(e), false) => writeln!(unexpected, "{name}: {e}").unwrap(),
        }
    }
    eprintln!(
        "tests/run: {passed} passed, {} expected failures:\n{report}",
        expected.len()
    );
    // RGO_RUN_VERBOSE=1: the differences of the expected failures too.
    if flag("RGO_RUN_VERBOSE") {
        for (name, r) in names.iter().zip(&results) {
            if let Err(e) = r {
                eprintln!("{name}: {e}");
            }
        }
    }
    // RGO_RUN_UPDATE_EXPECTED=1: rewrite the list as the failures now
    // (all programs, no filter).
    if flag("RGO_RUN_UPDATE_EXPECTED") && filter.is_empty() {
        let path = run_dir().join("EXPECTED_FAILURES");
        let old = std::fs::read_to_string(&path).unwrap_or_default();
        let mut text: String = old
            .lines()
            .take_while(|l| l.starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect();
        for (name, r) in names.iter().zip(&results) {
            if r.is_err() {
                text.push_str(name);
                text.push('\n');
            }
        }
        std::fs::write(&path, text).unwrap();
        eprintln!("tests/run: EXPECTED_FAILURES rewritten");
        return;
    }
    assert!(unexpected.is_empty(), "tests/run:\n{unexpected}");
}

#[test]
fn normalization() {
    let gc = "panic: boom [recovered]\n\tpanic: again\n\n\
goroutine 1 [running]:\n\
main.main.func1()\n\t/x/a.go:5 +0x25\n\
panic({0x5196b8?, 0x485f40?})\n\t/go/src/runtime/panic.go:859 +0x125\n\
main.(*T).m(...)\n\t/x/a.go:9\n\
main.F[...](0xc000012345)\n\t/x/a.go:12 +0x3e\n";
    assert_eq!(
        normalize_stderr(&normalize_hex(gc)),
        "panic: boom [recovered]\n\tpanic: again\n\ngoroutine 1 [running]:\n\
main.main.func1\npanic\nmain.(*T).m\nmain.F[...]\n"
    );
    assert_eq!(
        normalize_hex("[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x47db2c]"),
        "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0xADDR]"
    );
    assert_eq!(
        normalize_hex("(main.T) 0xc000010000 0xfff x0x1234"),
        "(main.T) 0xADDR 0xfff x0x1234"
    );
    let overflow = "runtime: goroutine stack exceeds 1000000000-byte limit\n\
runtime: sp=0xc020160398 stack=[0xc020160000, 0xc040160000]\nfatal error: stack overflow\n\n\
runtime stack:\nruntime.throw({0x47f5ed?, 0x417aa5?})\n\t/go/src/runtime/panic.go:1243 +0x48\n\n\
goroutine 1 gp=0xc000002380 m=0 mp=0x52b800 [running]:\n\
main.f(0x2aaaa41?)\n\t/x/a.go:3 +0x2b\nmain.f(...)\n\t/x/a.go:4\n\
...44739041 frames elided...\nmain.f(0x0?)\n\t/x/a.go:4\nmain.main()\n\t/x/a.go:8\n\
runtime.main()\n\t/go/src/runtime/proc.go:290\nruntime.goexit({})\n\n\
goroutine 2 gp=0xc000002540 m=nil [force gc (idle)]:\nruntime.gopark(0x0?)\n\t/go/x.go:1\n\
created by runtime.init.7 in goroutine 1\n\t/go/x.go:2\n";
    assert_eq!(
        normalize_stderr(overflow),
        "runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: stack overflow\n\n\
goroutine 1 [running]:\nmain.f\nmain.main\n"
    );
    let o = Outcome {
        status: Some(0),
        timed_out: false,
        stdout: b"a 0x0".to_vec(),
        stderr: b"x\n".to_vec(),
    };
    assert_eq!(
        golden_text(&o),
        "exit status 0\n-- stdout --\na 0x0\n[no newline at end]\n-- stderr --\nx\n"
    );
}

/// `rgo run` reports a failing program's exit status as `go run` does.
#[test]
fn run_reports_exit_status() {
    let o = output(
        rgo_cmd(&run_dir())
            .args(["run", "panic_divide.go"])
            .env("RGOCACHE", "off"),
    );
    assert_eq!(o.status, 1);
    assert!(
        o.stderr.ends_with("\nexit status 2\n"),
        "rgo run stderr:\n{}",
        o.stderr
    );
    assert!(o
        .stderr
        .starts_with("3\npanic: runtime error: integer divide by zero\n"));
}

// ---- the build cache ----

const CACHED_PROG: &str = "package main\n\nfunc main() {\n\tprintln(\"v1\", 6*7)\n}\n";

fn cached_run(dir: &Path, cache: &Path, args: &[&str]) -> Out {
    output(
        rgo_cmd(dir)
            .args(args)
            .env("RGOCACHE", cache)
            .env("RGO_DEBUG_CACHE", "1"),
    )
}

#[test]
fn cache_reuses_unchanged_programs() {
    let dir = scratch("cache");
    let cache = dir.join("cache");
    write_tree(&dir, &[("p.go", CACHED_PROG)]);
    let o = cached_run(&dir, &cache, &["run", "p.go"]);
    assert_eq!(o.status, 0, "{}", o.stderr);
    assert_eq!(o.stderr, "rgo: cache miss\nv1 42\n");
    // Unchanged: the executable is reused, nothing is compiled.
    let o = cached_run(&dir, &cache, &["run", "p.go"]);
    assert_eq!(o.stderr, "rgo: cache hit\nv1 42\n");
    // rgo build shares the cache.
    let o = cached_run(&dir, &cache, &["build", "-o", "p.exe", "p.go"]);
    assert_eq!((o.status, o.stderr.as_str()), (0, "rgo: cache hit\n"));
    let o = output(&mut Command::new(dir.join("p.exe")));
    assert_eq!(o.stderr, "v1 42\n");
    // A change of the source is a miss, and then a hit again.
    write_tree(&dir, &[("p.go", &CACHED_PROG.replace("v1", "v2"))]);
    let o = cached_run(&dir, &cache, &["run", "p.go"]);
    assert_eq!(o.stderr, "rgo: cache miss\nv2 42\n");
    let o = cached_run(&dir, &cache, &["run", "p.go"]);
    assert_eq!(o.stderr, "rgo: cache hit\nv2 42\n");
    // The same source under another name is another program (the file
    // name is in its tracebacks).
    write_tree(&dir, &[("q.go", &CACHED_PROG.replace("v1", "v2"))]);
    let o = cached_run(&dir, &cache, &["run", "q.go"]);
    assert_eq!(o.stderr, "rgo: cache miss\nv2 42\n");
    // Programs that fail to compile are not cached.
    write_tree(&dir, &[("bad.go", "package main\n\nfunc main() { x }\n")]);
    for _ in 0..2 {
        let o = cached_run(&dir, &cache, &["run", "bad.go"]);
        assert_eq!(o.status, 1);
        assert_eq!(o.stderr, "rgo: cache miss\nbad.go:3:15: undefined: x\n");
    }
    // A module's go line is part of the key (it changes semantics).
    let m = dir.join("m");
    write_tree(
        &m,
        &[
            ("go.mod", "module m\n\ngo 1.21\n"),
            ("main.go", CACHED_PROG),
        ],
    );
    let o = cached_run(&m, &cache, &["run", "."]);
    assert_eq!(o.stderr, "rgo: cache miss\nv1 42\n");
    let o = cached_run(&m, &cache, &["run", "."]);
    assert_eq!(o.stderr, "rgo: cache hit\nv1 42\n");
    write_tree(&m, &[("go.mod", "module m\n\ngo 1.22\n")]);
    let o = cached_run(&m, &cache, &["run", "."]);
    assert_eq!(o.stderr, "rgo: cache miss\nv1 42\n");
    // RGOCACHE=off: no cache at all.
    let o = output(
        rgo_cmd(&dir)
            .args(["run", "p.go"])
            .env("RGOCACHE", "off")
            .env("RGO_DEBUG_CACHE", "1"),
    );
    assert_eq!(o.stderr, "rgo: cache off\nv2 42\n");
    // A cache directory that cannot be made: built as without a cache.
    std::fs::write(dir.join("file"), "").unwrap();
    let o = cached_run(&dir, &dir.join("file/cache"), &["run", "p.go"]);
    assert_eq!(o.status, 0, "{}", o.stderr);
    assert!(o.stderr.starts_with("rgo: cache off ("), "{}", o.stderr);
    assert!(o.stderr.ends_with("\nv2 42\n"), "{}", o.stderr);
    let _ = std::fs::remove_dir_all(&dir);
}
