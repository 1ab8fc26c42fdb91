//! `rgo check`: resolves the command line to packages (files, directories,
//! `dir/...` patterns, standard-library import paths), parses every file
//! of every package on all cores, and reports errors as gc does: in gc's
//! order (file by file, source order), at most 10 per package unless `-e`,
//! then `too many errors`.
//! The type checker will take the parsed packages from here.

use crate::flags::{self, FlagError, Kind};
use crate::help::usage_error;
use crate::{par, source};
use build::lang::LangVersion;
use build::walk;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// gc's limit on reported errors per package without `-e`.
const MAX_ERRORS: usize = 10;

/// Settings of one `rgo check` run.
#[derive(Debug)]
pub struct Config {
    /// Report every error (`-e`).
    pub all_errors: bool,
    /// The language version (`-lang`); validated now, read by the type
    /// checker when it lands.
    #[allow(dead_code)]
    pub lang: LangVersion,
}

/// A package to check: its files in the order they are read.
struct Package {
    /// What the `# ...` line above its errors says.
    label: String,
    files: Vec<PathBuf>,
}

pub fn run(args: &[OsString]) -> i32 {
    let parsed = match flags::parse(&[("e", Kind::Bool), ("lang", Kind::String)], args) {
        Ok(p) => p,
        Err(FlagError::Help) => return usage_error("check", None),
        Err(FlagError::Bad(m)) => return usage_error("check", Some(&m)),
    };
    let lang = match parsed.string("lang").filter(|l| !l.is_empty()) {
        None => LangVersion::LATEST,
        Some(l) => match LangVersion::parse(l) {
            Ok(v) => v,
            Err(why) => {
                let m = format!("invalid value \"{l}\" for flag -lang: {why}");
                return usage_error("check", Some(&m));
            }
        },
    };
    let config = Config {
        all_errors: parsed.bool("e"),
        lang,
    };
    let mut stderr = std::io::stderr().lock();
    let pkgs = match resolve(&parsed.args) {
        Ok(p) => p,
        Err(msgs) => {
            for m in msgs {
                let _ = writeln!(stderr, "{m}");
            }
            return 1;
        }
    };
    let (report, status) = check(&pkgs, &config);
    let _ = stderr.write_all(report.as_bytes());
    status
}

/// Whether an argument is a file system path (as opposed to an import
/// path): absolute, or starting with `.` or `..`, as the go command sees it.
fn is_local(arg: &str) -> bool {
    arg == "."
        || arg == ".."
        || arg.starts_with("./")
        || arg.starts_with("../")
        || arg.starts_with('/')
}

/// The directory of a file argument, for "must all be in one directory".
fn dir_of(p: &Path) -> Vec<Component<'_>> {
    p.parent().map_or_else(Vec::new, |d| {
        d.components().filter(|c| *c != Component::CurDir).collect()
    })
}

/// Turns the command line into packages, with the go command's messages
/// for what cannot be.
fn resolve(args: &[OsString]) -> Result<Vec<Package>, Vec<String>> {
    let dot = [OsString::from(".")];
    let args = if args.is_empty() { &dot[..] } else { args };
    let is_go = |a: &OsString| a.as_encoded_bytes().ends_with(b".go") && !Path::new(a).is_dir();
    if args.iter().any(is_go) {
        // Named files: one package.
        if let Some(a) = args.iter().find(|a| !is_go(a)) {
            return Err(vec![format!(
                "named files must be .go files: {}",
                a.to_string_lossy()
            )]);
        }
        let first = Path::new(&args[0]);
        if let Some(other) = args
            .iter()
            .map(Path::new)
            .find(|p| dir_of(p) != dir_of(first))
        {
            let show = |p: &Path| match p.parent() {
                Some(d) if !d.as_os_str().is_empty() => format!("{}/", d.display()),
                _ => "./".into(),
            };
            return Err(vec![format!(
                "named files must all be in one directory; have {} and {}",
                show(first),
                show(other)
            )]);
        }
        let files = args.iter().map(PathBuf::from).collect();
        return Ok(vec![Package {
            label: "command-line-arguments".into(),
            files,
        }]);
    }

    let mut pkgs = Vec::new();
    let mut errors = Vec::new();
    let mut goroot: Option<Result<PathBuf, String>> = None;
    for arg in args {
        let shown = arg.to_string_lossy().into_owned();
        let local = is_local(&shown);
        let dir_package =
            |dir: &Path, label: String, errors: &mut Vec<String>| -> Option<Package> {
                match walk::package_files(dir, false) {
                    Ok(files) if files.is_empty() => {
                        errors.push(format!("no Go files in {}", dir.display()));
                        None
                    }
                    Ok(files) => Some(Package { label, files }),
                    Err(e) => {
                        errors.push(e);
                        None
                    }
                }
            };
        // Local paths, and `...` patterns below them.
        if local || Path::new(arg).is_absolute() {
            if let Some(root) = shown.strip_suffix("...") {
                let root = root.strip_suffix('/').unwrap_or(root);
                let root = if root.is_empty() { "." } else { root };
                let root = Path::new(root);
                if !root.is_dir() {
                    eprintln!("rgo: warning: \"{shown}\" matched no packages");
                    continue;
                }
                let mut dirs = Vec::new();
                walk::package_dirs(root, &mut dirs, &mut errors);
                if dirs.is_empty() {
                    eprintln!("rgo: warning: \"{shown}\" matched no packages");
                }
                for d in dirs {
                    let label = d.to_string_lossy().into_owned();
                    pkgs.extend(dir_package(&d, label, &mut errors));
                }
                continue;
            }
            let p = Path::new(arg);
            match p.metadata() {
                Ok(m) if m.is_dir() => pkgs.extend(dir_package(p, shown, &mut errors)),
                Ok(_) => errors.push(format!("named files must be .go files: {shown}")),
                Err(_) => errors.push(format!("stat {shown}: directory not found")),
            }
            continue;
        }
        // Import paths: the standard library in GOROOT.
        let root = goroot.get_or_insert_with(|| {
            build::goroot::find()
                .map(|g| g.dir.join("src"))
                .map_err(|e| format!("rgo: {e}"))
        });
        let src = match root {
            Ok(src) => src.clone(),
            Err(e) => {
                errors.push(e.clone());
                break;
            }
        };
        // `std`, `net/...`: every package at or under a GOROOT directory.
        let pattern = if shown == "std" {
            Some("")
        } else {
            shown.strip_suffix("/...")
        };
        if let Some(prefix) = pattern {
            let mut dirs = Vec::new();
            let root = src.join(prefix);
            if !prefix.contains("...") && root.is_dir() {
                walk::package_dirs(&root, &mut dirs, &mut errors);
            }
            let before = pkgs.len();
            for d in dirs {
                let Ok(rel) = d.strip_prefix(&src) else {
                    continue;
                };
                if shown == "std" && rel.starts_with("cmd") {
                    continue;
                }
                let label = rel.to_string_lossy().into_owned();
                pkgs.extend(dir_package(&d, label, &mut errors));
            }
            if pkgs.len() == before {
                eprintln!("rgo: warning: \"{shown}\" matched no packages");
            }
            continue;
        }
        let dir = src.join(&shown);
        if shown.contains("...") || !dir.is_dir() {
            errors.push(format!("package {shown} is not in std ({})", dir.display()));
            continue;
        }
        pkgs.extend(dir_package(&dir, shown, &mut errors));
    }
    if errors.is_empty() {
        Ok(pkgs)
    } else {
        Err(errors)
    }
}

/// What parsing one file gave: its errors as (position, text), or the
/// message of why it was not parsed.
enum Outcome {
    Parsed(Vec<(Option<syntax::Position>, String)>),
    Failed(String),
    Internal(String),
}

/// Parses every file of `pkgs` and renders the report. Returns the text
/// for stderr and the exit status.
fn check(pkgs: &[Package], config: &Config) -> (String, i32) {
    let fsets: Vec<Arc<syntax::FileSet>> = pkgs
        .iter()
        .map(|_| Arc::new(syntax::FileSet::new()))
        .collect();
    let jobs: Vec<(usize, &PathBuf)> = pkgs
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.files.iter().map(move |f| (i, f)))
        .collect();
    let outcomes = par::map(&jobs, |&(pi, path)| {
        let src = match source::read(path) {
            Ok(s) => s,
            Err(m) => return Outcome::Failed(m),
        };
        let fset = &fsets[pi];
        let name = path.to_string_lossy();
        match source::parse(fset, &name, &src) {
            // The type checker will keep the trees; for now they are
            // dropped here, on the worker.
            Ok((_file, errs)) => Outcome::Parsed(
                errs.iter()
                    .map(|e| (fset.position(e.pos), e.display(fset).to_string()))
                    .collect(),
            ),
            Err(m) => Outcome::Internal(m),
        }
    });

    let mut report = String::new();
    let mut status = 0;
    let many = pkgs.len() > 1;
    let mut outcomes = outcomes.into_iter();
    for pkg in pkgs {
        let mine: Vec<Outcome> = outcomes.by_ref().take(pkg.files.len()).collect();
        let mut text = String::new();
        let mut errs = Vec::new();
        for o in mine {
            match o {
                Outcome::Parsed(e) => errs.extend(e),
                Outcome::Failed(m) => {
                    text.push_str(&m);
                    text.push('\n');
                    status = status.max(1);
                }
                Outcome::Internal(m) => {
                    text.push_str(&m);
                    text.push('\n');
                    status = 2;
                }
            }
        }
        if !errs.is_empty() {
            status = status.max(1);
        }
        // gc stops at the 10th error in the order it reports them (file by
        // file), naming that error's position. Its order is by position
        // base: files in command-line order, within a file `//line` bases
        // in source order, which is the order the parser returns them in.
        let mut too_many = None;
        if !config.all_errors && errs.len() >= MAX_ERRORS {
            too_many = Some(errs[MAX_ERRORS - 1].0.clone());
            errs.truncate(MAX_ERRORS);
        }
        errs.dedup_by(|a, b| a.1 == b.1);
        for (_, e) in &errs {
            text.push_str(e);
            text.push('\n');
        }
        if let Some(pos) = too_many {
            match pos {
                Some(p) => text.push_str(&format!("{p}: too many errors\n")),
                None => text.push_str("too many errors\n"),
            }
        }
        if !text.is_empty() {
            if many {
                report.push_str(&format!("# {}\n", pkg.label));
            }
            report.push_str(&text);
        }
    }
    (report, status)
}
