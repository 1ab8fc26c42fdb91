//! `rgo check`: loads the packages named on the command line and every
//! package they import (`build`: patterns, go.mod, `//go:build` selection,
//! the import graph, parsed on all cores), reports load errors as the go
//! command does (and then stops, as `go build` does), then the errors of
//! every loaded package as gc does: in gc's order (file by file, source
//! order), at most 10 per package unless `-e`, then `too many errors`.
//!
//! Type checking ([`check_packages`]) runs `types` on every package in
//! dependency order, independent packages in parallel. As in gc, only
//! errors that are syntax errors proper stop a package before type
//! checking; the front end's other errors are reported with the type
//! errors.

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

/// One error to report: its position (for ordering and gc's cut-off
/// message) and text.
pub struct Diag {
    pub at: syntax::Pos,
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
    let (text, status) = match load(&parsed.args, &config) {
        Ok(graph) => {
            let r = report(&graph, &config);
            // The process ends now: freeing every tree would only cost time.
            std::mem::forget(graph);
            r
        }
        Err((text, status)) => (text, status),
    };
    // Locked only now: workers may print (a panic's message) meanwhile.
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
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
pub(crate) fn load(args: &[OsString], config: &Config) -> Result<Graph, (String, i32)> {
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
/// `graph.order` lists every package after the packages it imports. A
/// package is checked once all its imports are: independent packages run
/// in parallel (`par::run`), each checker reading the finished arenas of
/// its imports from a snapshot of the `World`. `unsafe` is the checker's
/// own (`universe::UNSAFE`). `skip[id]` marks packages with syntax
/// errors: gc does not type-check those; like `go build`, packages that
/// import a package with errors are not checked either.
fn check_packages(graph: &Graph, skip: &[bool]) -> Vec<Vec<Diag>> {
    use build::par;
    use std::sync::{Arc, Mutex};
    use types::arena::{PkgIdx, World};

    let n = graph.packages.len();
    let mut wanted = vec![false; n];
    for &id in &graph.order {
        wanted[id] = true;
    }
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut pending = vec![0usize; n];
    for &id in &graph.order {
        let mut targets: Vec<usize> = graph.packages[id]
            .imports
            .iter()
            .map(|i| i.target)
            .filter(|&t| wanted[t])
            .collect();
        targets.sort_unstable();
        targets.dedup();
        pending[id] = targets.len();
        for t in targets {
            dependents[t].push(id);
        }
    }
    let pkg_idx = |id: usize| {
        if graph.packages[id].is_unsafe() {
            types::universe::UNSAFE
        } else {
            PkgIdx(id as u32 + 2)
        }
    };
    struct Shared {
        world: World,
        results: Vec<Vec<Diag>>,
        failed: Vec<bool>,
        pending: Vec<usize>,
    }
    let initial: Vec<usize> = graph
        .order
        .iter()
        .copied()
        .filter(|&id| pending[id] == 0)
        .collect();
    let shared = Mutex::new(Shared {
        world: World::new(),
        results: (0..n).map(|_| Vec::new()).collect(),
        failed: vec![false; n],
        pending,
    });
    par::run(initial, |id, q| {
        let pkg = &graph.packages[id];
        let (world, dep_failed) = {
            let st = shared.lock().unwrap_or_else(|e| e.into_inner());
            let dep_failed = pkg.imports.iter().any(|i| st.failed[i.target]);
            (st.world.clone(), dep_failed)
        };
        let mut diags = Vec::new();
        let mut arena = None;
        if !skip[id] && !dep_failed && !pkg.is_unsafe() {
            let (a, d) = check_one(graph, id, &world, pkg_idx);
            arena = a;
            diags = d;
        }
        let mut st = shared.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(a) = arena {
            st.world.insert(Arc::new(a));
        }
        st.failed[id] = skip[id] || dep_failed || !diags.is_empty();
        st.results[id] = diags;
        for &d in &dependents[id] {
            st.pending[d] -= 1;
            if st.pending[d] == 0 {
                q.push(d);
            }
        }
    });
    let shared = shared.into_inner().unwrap_or_else(|e| e.into_inner());
    shared.results
}

/// Type-checks package `id` against `world` (which holds its imports).
/// Returns its arena (if checking finished) and its errors.
fn check_one(
    graph: &Graph,
    id: usize,
    world: &types::arena::World,
    pkg_idx: impl Fn(usize) -> types::arena::PkgIdx,
) -> (Option<types::arena::Arena>, Vec<Diag>) {
    use std::collections::HashMap;
    use types::arena::PkgIdx;

    struct Imports(HashMap<String, PkgIdx>);
    impl types::check::Importer for Imports {
        fn import(&self, path: &str) -> Result<PkgIdx, String> {
            self.0
                .get(path)
                .copied()
                .ok_or_else(|| format!("package {path} is not in std"))
        }
    }
    let pkg = &graph.packages[id];
    let imports = Imports(
        pkg.imports
            .iter()
            .map(|i| (i.path.clone(), pkg_idx(i.target)))
            .collect(),
    );
    let fset = &graph.fset;
    let files = pkg.files.iter().filter_map(|f| f.ast.as_ref());
    let run = || {
        let mut c =
            types::check::Checker::new(world, fset, pkg_idx(id), &pkg.import_path, files, &imports);
        c.set_lang(pkg.lang.major, pkg.lang.minor);
        c.check()
    };
    // The -lang the go command passes: the module's go line (or the flag).
    let lang = pkg.lang.to_string();
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok(checked) => {
            let diags = checked
                .errors
                .iter()
                .map(|e| {
                    // gc's driver says where a too-old version comes from.
                    let file = fset.file(e.pos).and_then(|src| {
                        pkg.files
                            .iter()
                            .filter_map(|f| f.ast.as_ref())
                            .find(|f| f.source.base == src.base)
                    });
                    let go_version = file.and_then(|f| f.go_version.as_deref());
                    let note = types::errors::version_note(&e.msg, go_version, &lang);
                    let text = match note {
                        Some(msg) => types::errors::TypeError { msg, ..e.clone() }
                            .display(fset)
                            .to_string(),
                        None => e.display(fset).to_string(),
                    };
                    Diag { at: e.pos, text }
                })
                .collect();
            (Some(checked.arena), diags)
        }
        Err(p) => {
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let text = format!(
                "{}: internal compiler error: type checking panicked: {msg}",
                pkg.import_path
            );
            let at = syntax::Pos::NONE;
            (None, vec![Diag { at, text }])
        }
    }
}

/// Renders the errors of every loaded package, dependencies first.
/// Returns the text for stderr and the exit status.
pub(crate) fn report(graph: &Graph, config: &Config) -> (String, i32) {
    let fset = &graph.fset;
    let mut status = 0;
    let mut per_pkg: Vec<(usize, String)> = Vec::new();
    let skip: Vec<bool> = graph
        .packages
        .iter()
        .map(|p| {
            p.files.iter().any(|f| {
                f.error.is_some() || f.syntax_errors.iter().any(|e| e.stops_type_checking())
            })
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
                at: e.pos,
                text: e.display(fset).to_string(),
            }));
        }
        // Front-end errors that are not syntax errors are reported with
        // the type errors, in one order.
        if !skip[id] && text.is_empty() {
            errs.append(&mut type_errors[id]);
            errs.sort_by_key(|d| d.at);
        }
        if !errs.is_empty() {
            status = status.max(1);
        }
        // gc stops at the 10th error in the order it reports them (file by
        // file), naming that error's position.
        let mut too_many = None;
        if !config.all_errors && errs.len() >= MAX_ERRORS {
            too_many = Some(fset.position(errs[MAX_ERRORS - 1].at));
            errs.truncate(MAX_ERRORS);
        }
        // gc prints exact duplicates once (its checker already dropped an
        // error repeating the previous one's message on the same line).
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
