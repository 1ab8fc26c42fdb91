//! `rgo check`: loads the packages named on the command line and every
//! package they import (`build`: patterns, go.mod, `//go:build` selection,
//! the import graph, parsed on all cores), reports load errors as the go
//! command does (and then stops, as `go build` does), then the errors of
//! every loaded package as gc does: in gc's order (file by file, source
//! order), at most 10 per package unless `-e`, then `too many errors`.
//!
//! Type checking plugs in at [`check_packages`], which sees all packages
//! in dependency order.

use crate::flags::{self, FlagError, Kind};
use crate::help::usage_error;
use build::context::BuildContext;
use build::graph::Graph;
use build::lang::LangVersion;
use build::load::FileError;
use build::overlay::Overlay;
use build::pattern;
use build::resolve::Env;
use std::ffi::OsString;
use std::io::Write;

/// gc's limit on reported errors per package without `-e`.
const MAX_ERRORS: usize = 10;

/// Settings of one `rgo check` run.
#[derive(Debug)]
pub struct Config {
    /// Report every error (`-e`).
    pub all_errors: bool,
    /// The language version of the packages named on the command line
    /// (`-lang`); others keep their module's (or the release's).
    pub lang: Option<LangVersion>,
    /// `-tags`, added to the default tags.
    pub tags: Vec<String>,
}

/// One error to report: its position (for gc's cut-off message) and text.
pub struct Diag {
    pub pos: Option<syntax::Position>,
    pub text: String,
}

pub fn run(args: &[OsString]) -> i32 {
    let defs = [
        ("e", Kind::Bool),
        ("lang", Kind::String),
        ("tags", Kind::String),
    ];
    let parsed = match flags::parse(&defs, args) {
        Ok(p) => p,
        Err(FlagError::Help) => return usage_error("check", None),
        Err(FlagError::Bad(m)) => return usage_error("check", Some(&m)),
    };
    let lang = match parsed.string("lang").filter(|l| !l.is_empty()) {
        None => None,
        Some(l) => match LangVersion::parse(l) {
            Ok(v) => Some(v),
            Err(why) => {
                let m = format!("invalid value \"{l}\" for flag -lang: {why}");
                return usage_error("check", Some(&m));
            }
        },
    };
    let config = Config {
        all_errors: parsed.bool("e"),
        lang,
        tags: parse_tags(parsed.string("tags").unwrap_or("")),
    };
    // The loaded syntax trees take some ten times the source's size;
    // without padding, glibc grows each worker's heap a page at a time
    // (one mprotect per page).
    // SAFETY: mallopt only tunes the allocator; no allocation is live
    // across a change that could invalidate it.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
    }
    let mut stderr = std::io::stderr().lock();
    let (text, status) = match load(&parsed.args, &config) {
        Ok(graph) => {
            let r = report(&graph, &config);
            // The process ends now: freeing every tree would only cost time.
            std::mem::forget(graph);
            r
        }
        Err((text, status)) => (text, status),
    };
    let _ = stderr.write_all(text.as_bytes());
    status
}

/// The go command's `-tags` list: comma-separated, or (the old form)
/// space-separated, possibly quoted.
pub fn parse_tags(s: &str) -> Vec<String> {
    if s.contains([' ', '\'', '"']) {
        return s
            .split_whitespace()
            .map(|t| t.trim_matches(|c| c == '\'' || c == '"').to_string())
            .filter(|t| !t.is_empty())
            .collect();
    }
    s.split(',')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// Loads what the command line names. On load errors, the report (the
/// go command's messages, one per line) and the exit status.
fn load(args: &[OsString], config: &Config) -> Result<Graph, (String, i32)> {
    let fail = |m: String| (format!("{m}\n"), 1);
    let goroot = build::goroot::find()
        .map_err(|e| fail(format!("rgo: {e}")))?
        .dir;
    let cwd = build::paths::getwd().map_err(|e| fail(format!("rgo: {e}")))?;
    let modules = build::module::load(&cwd).map_err(fail)?;
    let overlay = Overlay::find().map_err(fail)?;
    let env = Env {
        goroot,
        cwd,
        modules,
        overlay,
    };
    let matches = pattern::match_args(&env, args).map_err(|msgs| fail(msgs.join("\n")))?;
    let mut warnings = String::new();
    for p in &matches.empty_patterns {
        warnings.push_str(&format!("rgo: warning: \"{p}\" matched no packages\n"));
    }
    let cfg = build::load::Config {
        ctx: BuildContext::new(&config.tags),
        tests: false,
    };
    let mut graph = Graph::load(&env, &cfg, &matches.roots);
    for p in &graph.unmatched_patterns {
        warnings.push_str(&format!("rgo: warning: \"{p}\" matched no packages\n"));
    }
    let mut errors = graph.load_errors();
    if errors.is_empty() {
        errors = graph.build_errors();
    }
    if !errors.is_empty() {
        let mut text = warnings;
        for e in errors {
            text.push_str(&e);
            text.push('\n');
        }
        return Err((text, 1));
    }
    if !warnings.is_empty() {
        let _ = std::io::stderr().lock().write_all(warnings.as_bytes());
    }
    if let Some(l) = config.lang {
        for &r in &graph.roots {
            graph.packages[r].lang = l;
        }
    }
    Ok(graph)
}

/// Type-checks the loaded packages in dependency order and returns the
/// errors of each (by package id), in the order gc reports them.
///
/// `graph.order` lists every package after the packages it imports, so a
/// checker can run through it once (or schedule independent packages in
/// parallel); `graph.packages[id]` has the parsed files (`files[i].ast`),
/// the language version (`lang`, `-lang` already applied to the packages
/// named on the command line) and the imports resolved to package ids.
/// `unsafe` is a package like the others (`is_unsafe()`: its declarations
/// are the checker's own); imports of "C" never occur (cgo is off).
/// `skip[id]` marks packages with syntax errors: gc does not type-check
/// those, and their errors are the syntax errors already reported.
///
/// There is no type checker yet: every package checks clean.
fn check_packages(graph: &Graph, skip: &[bool]) -> Vec<Vec<Diag>> {
    let _ = skip;
    graph.packages.iter().map(|_| Vec::new()).collect()
}

/// Renders the errors of every loaded package, dependencies first.
/// Returns the text for stderr and the exit status.
fn report(graph: &Graph, config: &Config) -> (String, i32) {
    let fset = &graph.fset;
    let mut status = 0;
    let mut per_pkg: Vec<(usize, String)> = Vec::new();
    let skip: Vec<bool> = graph
        .packages
        .iter()
        .map(|p| {
            p.files
                .iter()
                .any(|f| !f.syntax_errors.is_empty() || f.error.is_some())
        })
        .collect();
    let mut type_errors = check_packages(graph, &skip);
    for &id in &graph.order {
        let pkg = &graph.packages[id];
        let mut text = String::new();
        let mut errs: Vec<Diag> = Vec::new();
        for f in &pkg.files {
            if let Some(FileError::Internal(m)) | Some(FileError::Read(m)) = &f.error {
                text.push_str(m);
                text.push('\n');
                status = 2;
            }
            errs.extend(f.syntax_errors.iter().map(|e| Diag {
                pos: fset.position(e.pos),
                text: e.display(fset).to_string(),
            }));
        }
        if errs.is_empty() && text.is_empty() {
            errs = std::mem::take(&mut type_errors[id]);
        }
        if !errs.is_empty() {
            status = status.max(1);
        }
        // gc stops at the 10th error in the order it reports them (file by
        // file), naming that error's position.
        let mut too_many = None;
        if !config.all_errors && errs.len() >= MAX_ERRORS {
            too_many = Some(errs[MAX_ERRORS - 1].pos.clone());
            errs.truncate(MAX_ERRORS);
        }
        errs.dedup_by(|a, b| a.text == b.text);
        for e in &errs {
            text.push_str(&e.text);
            text.push('\n');
        }
        if let Some(pos) = too_many {
            match pos {
                Some(p) => text.push_str(&format!("{p}: too many errors\n")),
                None => text.push_str("too many errors\n"),
            }
        }
        if !text.is_empty() {
            per_pkg.push((id, text));
        }
    }
    // `# pkg` headers, unless the one package named on the command line is
    // the only one with errors (as when gc is run on its files).
    let headers = !(per_pkg.len() == 1 && graph.roots == [per_pkg[0].0]);
    let mut report = String::new();
    for (id, text) in per_pkg {
        if headers {
            report.push_str(&format!("# {}\n", graph.packages[id].import_path));
        }
        report.push_str(&text);
    }
    (report, status)
}

#[cfg(test)]
mod tests {
    #[test]
    fn tags_like_the_go_command() {
        assert_eq!(super::parse_tags("a,b,,c"), ["a", "b", "c"]);
        assert_eq!(super::parse_tags("a b"), ["a", "b"]);
        assert_eq!(super::parse_tags(""), Vec::<String>::new());
    }
}
