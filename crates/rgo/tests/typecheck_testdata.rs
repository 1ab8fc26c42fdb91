//! GOROOT's own type-checker test data against `rgo check -e`: the
//! packages of `$GOROOT/src/internal/types/testdata/{check,spec,examples,
//! fixedbugs}` (a file, or a directory under check/, is one package),
//! annotated with the errors types2 must report — `/* ERROR "text" */`
//! (the message contains text) or `/* ERRORx `regexp` */` (the message
//! matches) on the line of the offending token. A package passes when
//! every annotation has a matching error on its line and no error is
//! reported on a line without annotations; a leading `// -lang=go1.N`
//! sets the language version, other leading flags skip the package.
//!
//! This is the rule of ../shared/tools/typecheck-testdata, carried here so
//! the score is checked on every test run. The test fails when fewer
//! packages pass than `FLOOR` (raise it as the checker improves). Set
//! `RGO_TESTDATA_VERBOSE=1` to list every failing package with the reason.

mod common;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Packages that must pass (of 368).
const FLOOR: usize = 337;

struct Annotation {
    file: String,
    line: usize,
    /// `ERRORx`: a regular expression; `ERROR`: a substring.
    regex: Option<regex::Regex>,
    text: String,
}

struct Reported {
    file: String,
    line: usize,
    msg: String,
}

enum Verdict {
    Pass,
    Fail(String),
    Skip,
}

fn goroot() -> Option<PathBuf> {
    let out = common::output(common::rgo_cmd(Path::new(".")).args(["env", "GOROOT"]));
    let dir = PathBuf::from(out.stdout.trim());
    (out.status == 0 && dir.join("src/internal/types/testdata").is_dir()).then_some(dir)
}

/// The packages: (name relative to testdata, files).
fn units(root: &Path) -> Vec<(String, Vec<PathBuf>)> {
    let mut out = Vec::new();
    for sub in ["check", "spec", "examples", "fixedbugs"] {
        let Ok(rd) = std::fs::read_dir(root.join(sub)) else {
            continue;
        };
        let mut names: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        names.sort();
        for p in names {
            let rel = format!("{sub}/{}", p.file_name().unwrap().to_string_lossy());
            if p.is_dir() {
                let mut files: Vec<PathBuf> = std::fs::read_dir(&p)
                    .into_iter()
                    .flatten()
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|f| f.extension().is_some_and(|x| x == "go"))
                    .collect();
                files.sort();
                if !files.is_empty() {
                    out.push((rel, files));
                }
            } else if p.extension().is_some_and(|x| x == "go") {
                out.push((rel, vec![p]));
            }
        }
    }
    out
}

/// Decodes a Go string literal's body (the escapes the test data uses).
fn unquote(body: &str) -> String {
    let mut out = String::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(c) => out.push(c),
            None => out.push('\\'),
        }
    }
    out
}

/// The annotations of `files`, the `-lang` they ask for, and whether a
/// flag this driver does not support asks to skip them.
fn expectations(files: &[PathBuf]) -> (Vec<Annotation>, Option<String>, bool) {
    let annot =
        regex::Regex::new(r#"(?:/\*|//)\s*(ERRORx?)\s+("(?:[^"\\]|\\.)*"|`[^`]*`)"#).unwrap();
    let flag = regex::Regex::new(r"^//\s*-(\w+)(?:=(\S+))?").unwrap();
    let (mut exp, mut lang, mut skip) = (Vec::new(), None, false);
    for f in files {
        let src = String::from_utf8_lossy(&std::fs::read(f).unwrap_or_default()).into_owned();
        let base = f.file_name().unwrap().to_string_lossy().into_owned();
        for (i, line) in src.split('\n').enumerate() {
            if i < 3 {
                if let Some(m) = flag.captures(line) {
                    if &m[1] == "lang" {
                        lang = m.get(2).map(|v| v.as_str().to_string());
                    } else {
                        skip = true;
                    }
                }
            }
            for m in annot.captures_iter(line) {
                let tok = &m[2];
                let text = if tok.starts_with('`') {
                    tok[1..tok.len() - 1].to_string()
                } else {
                    unquote(&tok[1..tok.len() - 1])
                };
                let regex = if &m[1] == "ERRORx" {
                    // RE2 (and Python) read a brace that starts no
                    // repetition (`struct{}`) literally; the regex crate
                    // needs it escaped.
                    regex::Regex::new(&text)
                        .or_else(|_| {
                            regex::Regex::new(&text.replace('{', r"\{").replace('}', r"\}"))
                        })
                        .ok()
                } else {
                    None
                };
                exp.push(Annotation {
                    file: base.clone(),
                    line: i + 1,
                    regex,
                    text,
                });
            }
        }
    }
    (exp, lang, skip)
}

/// `file:line[:col]: msg` lines; continuation lines (starting with a tab
/// or space) belong to the previous error.
fn parse_errors(out: &str) -> Vec<Reported> {
    let line_re = regex::Regex::new(r"^([^\s:][^:]*\.go):(\d+)(?::\d+)?:\s?(.*)$").unwrap();
    let mut errs: Vec<Reported> = Vec::new();
    for raw in out.split('\n') {
        if raw.starts_with([' ', '\t']) {
            if let Some(last) = errs.last_mut() {
                last.msg.push('\n');
                last.msg.push_str(raw);
            }
            continue;
        }
        if let Some(m) = line_re.captures(raw.trim_end_matches('\r')) {
            let file = Path::new(&m[1])
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            errs.push(Reported {
                file,
                line: m[2].parse().unwrap_or(0),
                msg: m[3].to_string(),
            });
        }
    }
    errs
}

fn matches(e: &Reported, a: &Annotation) -> bool {
    match &a.regex {
        Some(r) => r.is_match(&e.msg),
        None => e.msg.contains(&a.text),
    }
}

fn run_unit(files: &[PathBuf]) -> Verdict {
    let (exp, lang, skip) = expectations(files);
    if skip {
        return Verdict::Skip;
    }
    let dir = files[0].parent().unwrap();
    let mut cmd = common::rgo_cmd(dir);
    cmd.args(["check", "-e"]);
    if let Some(l) = lang {
        cmd.arg(format!("-lang={l}"));
    }
    cmd.args(files);
    let out = common::output(&mut cmd);
    let text = out.stdout + &out.stderr;
    // The test data's own harness predeclares assert and trace.
    let harness = regex::Regex::new(r"^undefined: (assert|trace)$").unwrap();
    let errs: Vec<Reported> = parse_errors(&text)
        .into_iter()
        .filter(|e| !harness.is_match(&e.msg))
        .collect();
    if out.status != 0 && errs.is_empty() {
        let head: String = text.trim().chars().take(200).collect();
        return Verdict::Fail(format!(
            "exit {} with no parsable error lines: {head}",
            out.status
        ));
    }
    if !exp.is_empty() && out.status == 0 {
        return Verdict::Fail(format!("exit 0 but {} errors expected", exp.len()));
    }
    let missed: Vec<&Annotation> = exp
        .iter()
        .filter(|a| {
            !errs
                .iter()
                .any(|e| e.file == a.file && e.line == a.line && matches(e, a))
        })
        .collect();
    let unexpected: Vec<&Reported> = errs
        .iter()
        .filter(|e| !exp.iter().any(|a| a.file == e.file && a.line == e.line))
        .collect();
    let mut why = Vec::new();
    if let Some(a) = missed.first() {
        why.push(format!(
            "missed {}, e.g. {}:{} {:?}",
            missed.len(),
            a.file,
            a.line,
            a.text
        ));
    }
    if let Some(e) = unexpected.first() {
        why.push(format!(
            "unexpected {}, e.g. {}:{} {}",
            unexpected.len(),
            e.file,
            e.line,
            e.msg
        ));
    }
    if why.is_empty() {
        Verdict::Pass
    } else {
        Verdict::Fail(why.join("; "))
    }
}

#[test]
fn goroot_type_checker_testdata() {
    let Some(goroot) = goroot() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "no GOROOT with src/internal/types/testdata"
        );
        eprintln!("skipping: no GOROOT with src/internal/types/testdata");
        return;
    };
    let units = units(&goroot.join("src/internal/types/testdata"));
    assert!(units.len() > 300, "only {} packages found", units.len());
    let next = AtomicUsize::new(0);
    let verdicts: Mutex<Vec<(usize, Verdict)>> = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((_, files)) = units.get(i) else {
                    return;
                };
                let v = run_unit(files);
                verdicts.lock().unwrap().push((i, v));
            });
        }
    });
    let mut verdicts = verdicts.into_inner().unwrap();
    verdicts.sort_by_key(|(i, _)| *i);
    let (mut pass, mut fail, mut skip) = (0, 0, 0);
    let mut report = String::new();
    for (i, v) in &verdicts {
        match v {
            Verdict::Pass => pass += 1,
            Verdict::Skip => skip += 1,
            Verdict::Fail(why) => {
                fail += 1;
                report.push_str(&format!("FAIL {}: {why}\n", units[*i].0));
            }
        }
    }
    let summary = format!("typecheck-testdata: {pass} passed, {fail} failed, {skip} skipped");
    if std::env::var_os("RGO_TESTDATA_VERBOSE").is_some() {
        eprintln!("{report}");
    }
    eprintln!("{summary}");
    assert!(pass >= FLOOR, "{summary} (floor {FLOOR})\n{report}");
}
