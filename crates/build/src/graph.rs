//! The import graph as the go command sees it once packages are loaded:
//! its depth-first walk from the roots (imports in sorted order) that
//! finds import cycles and import-side errors (internal and vendored
//! packages, programs, local imports) and attaches each package's first
//! error with the go command's import stack or position; the reporting
//! order (`load.PackageList`: dependencies first); and a topological order
//! for the type checker.
//!
//! Messages are the go command's, e.g.
//!
//! ```text
//! package m
//!     imports m/a from main.go
//!     imports m/b from a.go
//!     imports m/a from b.go: import cycle not allowed
//! ```

use crate::load::{self, Config, Loaded, Package, PkgId, RootSpec};
use crate::paths::{has_prefix, show};
use crate::pattern::Root;
use crate::resolve::{is_local_import, Env, Origin};
use std::fmt;
use std::path::Path;
use std::sync::Arc;

/// Stack of the thread that walks the import graph: room for import
/// chains thousands of packages deep (only touched pages cost memory).
const WALK_STACK: usize = 1 << 30;

/// A package's load error as the go command reports it
/// (`load.PackageError`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackageError {
    /// The import stack: import paths, each with the file it was imported
    /// from (the file's base name), from the command line down.
    pub stack: Vec<(String, Option<String>)>,
    /// `file:line:col` of the offending import, if the error is about it.
    pub pos: Option<String>,
    pub err: String,
    pub cycle: bool,
    /// Show the stack even when there is a position.
    pub always_stack: bool,
}

impl fmt::Display for PackageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(pos) = &self.pos {
            if self.stack.is_empty() || !self.always_stack {
                return write!(f, "{pos}: {}", self.err);
            }
        }
        if self.stack.is_empty() {
            return f.write_str(&self.err);
        }
        f.write_str("package ")?;
        for (i, (pkg, from)) in self.stack.iter().enumerate() {
            if i > 0 {
                f.write_str("\n\timports ")?;
            }
            f.write_str(pkg)?;
            if let (true, Some(file)) = (self.cycle, from) {
                write!(f, " from {file}")?;
            }
        }
        if let Some(pos) = &self.pos {
            write!(f, "\n\t{pos}")?;
        }
        write!(f, ": {}", self.err)
    }
}

/// Loaded packages and what the go command would say about them.
pub struct Graph {
    /// The positions of every parsed file.
    pub fset: Arc<syntax::FileSet>,
    /// Every package loaded, by [`PkgId`].
    pub packages: Vec<Package>,
    /// The packages named on the command line, in order.
    pub roots: Vec<PkgId>,
    /// The packages reachable from the roots, each after the packages it
    /// imports (the go command's `PackageList` order; in a cycle, the
    /// package where the walk entered it comes last).
    pub order: Vec<PkgId>,
    /// Each package's first load error (by [`PkgId`]).
    pub errors: Vec<Option<PackageError>>,
    /// Wildcard patterns whose every match was dropped for having no Go
    /// files (the go command warns that they matched no packages).
    pub unmatched_patterns: Vec<String>,
}

impl Graph {
    /// Loads `roots` and their dependencies and walks the graph. Packages
    /// matched only by a wildcard that have no Go files are dropped, as the
    /// go command drops them.
    pub fn load(env: &Env, cfg: &Config, roots: &[Root]) -> Graph {
        let fset = Arc::new(syntax::FileSet::new());
        let specs: Vec<RootSpec> = roots.iter().map(|r| r.spec.clone()).collect();
        let Loaded {
            packages,
            roots: ids,
        } = load::load(env, cfg, &fset, &specs);
        let no_files = |p: &Package| p.test_only || p.error.as_ref().is_some_and(|e| e.nogo);
        let mut literal = vec![false; packages.len()];
        for (&id, r) in ids.iter().zip(roots) {
            literal[id] |= r.pattern.is_none();
        }
        let mut kept: Vec<PkgId> = Vec::new();
        let mut in_kept = vec![false; packages.len()];
        for &id in &ids {
            if (literal[id] || !no_files(&packages[id])) && !in_kept[id] {
                in_kept[id] = true;
                kept.push(id);
            }
        }
        // Wildcards that matched nothing; test-only packages still count as
        // matches (the go command's matcher keeps them, `omitTestOnly`
        // drops them later without a warning).
        let mut unmatched_patterns: Vec<String> = Vec::new();
        for r in roots {
            let Some(pat) = &r.pattern else { continue };
            let matched = ids.iter().zip(roots).any(|(&id, r2)| {
                r2.pattern.as_ref() == Some(pat) && (in_kept[id] || packages[id].test_only)
            });
            if !matched && !unmatched_patterns.contains(pat) {
                unmatched_patterns.push(pat.clone());
            }
        }
        let roots = kept;
        // The walk recurses once per import on the path from a root: run
        // it on a thread whose stack fits any import chain.
        let run_walk = || {
            let mut walk = Walk {
                env,
                packages: &packages,
                state: vec![State::Unvisited; packages.len()],
                errors: vec![None; packages.len()],
                stk: Vec::new(),
                fset: &fset,
            };
            for &r in &roots {
                let path = packages[r].import_path.clone();
                walk.load_import(r, &path, None, None);
            }
            walk.errors
        };
        let errors = std::thread::scope(|s| {
            let spawned = std::thread::Builder::new()
                .name("rgo-import-walk".into())
                .stack_size(WALK_STACK)
                .spawn_scoped(s, run_walk);
            match spawned {
                Ok(h) => h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
                Err(_) => run_walk(),
            }
        });
        let order = package_list(&packages, &roots);
        Graph {
            fset,
            packages,
            roots,
            order,
            errors,
            unmatched_patterns,
        }
    }

    /// The first package of `order` that comes from GOROOT's standard
    /// library (not `unsafe`, not rgo's `lib/` overlay): what `rgo build`
    /// cannot compile yet. Packages of the overlay pass only when all
    /// they import passes too, which the walk over the whole order checks.
    pub fn first_goroot_package(&self) -> Option<PkgId> {
        self.order.iter().copied().find(|&id| {
            let p = &self.packages[id];
            p.standard && !p.is_unsafe() && !p.overlay
        })
    }

    /// The go command's load errors, in its reporting order.
    pub fn load_errors(&self) -> Vec<String> {
        self.order
            .iter()
            .filter_map(|&id| self.errors[id].as_ref().map(|e| e.to_string()))
            .collect()
    }

    /// The errors the go command finds after loading, before compiling:
    /// packages (reached from the roots) with test files but no other Go
    /// files: `m/d: no non-test Go files in DIR`.
    pub fn build_errors(&self) -> Vec<String> {
        self.order
            .iter()
            .map(|&id| &self.packages[id])
            .filter(|p| p.test_only)
            .map(|p| {
                format!(
                    "{}: no non-test Go files in {}",
                    p.import_path,
                    show(&p.dir)
                )
            })
            .collect()
    }
}

/// Go's `PackageList`: post-order over imports from the roots.
fn package_list(packages: &[Package], roots: &[PkgId]) -> Vec<PkgId> {
    let mut seen = vec![false; packages.len()];
    let mut out = Vec::new();
    // Iterative post-order: (package, next import index).
    for &r in roots {
        if seen[r] {
            continue;
        }
        seen[r] = true;
        let mut stack = vec![(r, 0usize)];
        while let Some(top) = stack.last_mut() {
            let (id, i) = *top;
            match packages[id].imports.get(i) {
                Some(imp) => {
                    top.1 += 1;
                    if !seen[imp.target] {
                        seen[imp.target] = true;
                        stack.push((imp.target, 0));
                    }
                }
                None => {
                    out.push(id);
                    stack.pop();
                }
            }
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Unvisited,
    /// Its imports are being walked: meeting it again is a cycle.
    InProgress,
    Done,
}

/// The go command's loading walk (`loadImport`/`Package.load`), replayed
/// over loaded packages.
struct Walk<'a> {
    env: &'a Env,
    packages: &'a [Package],
    state: Vec<State>,
    errors: Vec<Option<PackageError>>,
    /// The import stack: path as written, and the file it is imported from.
    stk: Vec<(String, Option<String>)>,
    fset: &'a syntax::FileSet,
}

impl Walk<'_> {
    /// `file:line:col` of an import in `importer`.
    fn import_pos(&self, importer: PkgId, pos: syntax::Pos) -> (String, String) {
        let p = &self.packages[importer];
        let file = p
            .files
            .iter()
            .chain(&p.test_files)
            .find(|f| f.ast.as_ref().is_some_and(|a| a.source.contains(pos)));
        let abs = file.map_or_else(|| p.dir.clone(), |f| f.path.clone());
        let (s, _, _) = load::position_of(self.fset, pos, &self.env.cwd, &abs);
        let base = abs
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        (s, base)
    }

    fn load_import(
        &mut self,
        id: PkgId,
        path: &str,
        parent: Option<PkgId>,
        pos: Option<(String, String)>,
    ) -> Option<PackageError> {
        let from = pos.as_ref().map(|p| p.1.clone());
        match self.state[id] {
            State::Unvisited => {
                self.state[id] = State::InProgress;
                self.load(id, path, pos.as_ref().map(|p| p.0.clone()), from);
                self.state[id] = State::Done;
            }
            _ => {
                self.stk.push((path.to_string(), from));
                self.reuse(id);
                self.stk.pop();
            }
        }
        let parent = parent?;
        let pos = pos.map(|p| p.0);
        let perr = |err: String, always_stack: bool| PackageError {
            stack: self.stk.clone(),
            pos: pos.clone(),
            err,
            cycle: false,
            always_stack,
        };
        let p = &self.packages[id];
        let imp = &self.packages[parent];
        if self.errors[id].is_none() && !self.internal_allowed(imp, p) {
            return Some(perr(
                format!("use of internal package {} not allowed", p.import_path),
                true,
            ));
        }
        if !self.vendor_visible(imp, p) {
            return Some(perr("use of vendored package not allowed".into(), false));
        }
        if let Some(i) = find_vendor(path) {
            return Some(perr(
                format!(
                    "{path} must be imported as {}",
                    &path[i + "vendor/".len()..]
                ),
                false,
            ));
        }
        if p.name == "main" && !p.missing && imp.dir != p.dir {
            return Some(perr(
                format!("import {path:?} is a program, not an importable package"),
                false,
            ));
        }
        if is_local(p) && !is_local(imp) {
            let err = if path == "." {
                format!("{path}: cannot import current directory")
            } else {
                format!("local import {path:?} in non-local package")
            };
            return Some(perr(err, false));
        }
        None
    }

    /// `Package.load`: the package's own data error, then its imports.
    fn load(&mut self, id: PkgId, path: &str, pos: Option<String>, from: Option<String>) {
        if let Some(de) = &self.packages[id].error {
            let mut stack = self.stk.clone();
            if de.nogo {
                stack.push((path.to_string(), from.clone()));
            }
            let pos = match stack.last() {
                Some((top, _)) if top != path => pos.clone(),
                _ => None,
            };
            self.errors[id] = Some(PackageError {
                stack,
                pos,
                err: de.msg.clone(),
                cycle: false,
                always_stack: false,
            });
        }
        self.stk.push((path.to_string(), from));
        let imports = &self.packages[id].imports;
        for imp in imports {
            let at = self.import_pos(id, imp.pos);
            if let Some(perr) = self.load_import(imp.target, &imp.path, Some(id), Some(at)) {
                if self.errors[id].is_none() {
                    self.errors[id] = Some(perr);
                }
            }
        }
        self.stk.pop();
    }

    /// `reusePackage`: a package met again; a cycle if it is in progress.
    fn reuse(&mut self, id: PkgId) {
        if self.state[id] == State::InProgress {
            match &mut self.errors[id] {
                None => {
                    self.errors[id] = Some(PackageError {
                        stack: self.stk.clone(),
                        pos: None,
                        err: "import cycle not allowed".into(),
                        cycle: true,
                        always_stack: false,
                    })
                }
                Some(e) => e.cycle = true,
            }
        }
        if let Some(e) = &mut self.errors[id] {
            if !e.cycle && !e.stack.is_empty() && shorter(&self.stk, &e.stack) {
                e.stack = self.stk.clone();
            }
        }
    }

    /// `disallowInternal`: whether `imp` may import `p` (a path with an
    /// `internal` element may be imported only from the tree rooted at its
    /// parent).
    fn internal_allowed(&self, imp: &Package, p: &Package) -> bool {
        let Some(i) = find_internal(&p.import_path) else {
            return true;
        };
        let parent = &p.import_path[..i.saturating_sub(1)];
        match &p.origin {
            Origin::Std => imp.standard && has_path_prefix(&imp.import_path, parent),
            Origin::Module(_) | Origin::Vendor(_) => {
                let importer_path = if imp.cmdline_files {
                    self.env
                        .module_of_dir(&imp.dir)
                        .map_or_else(|| ".".to_string(), |(_, p)| p)
                } else {
                    imp.import_path.clone()
                };
                has_path_prefix(&importer_path, parent)
            }
            Origin::Local | Origin::CommandLine => {
                let dir = p.import_path.strip_prefix('_').unwrap_or(&p.import_path);
                let Some(j) = find_internal(dir) else {
                    return true;
                };
                has_prefix(&imp.dir, Path::new(&dir[..j.saturating_sub(1)]))
            }
        }
    }

    /// `disallowVendorVisibility`: a package under a `vendor` directory
    /// may be imported only from the tree that holds that directory.
    fn vendor_visible(&self, imp: &Package, p: &Package) -> bool {
        let Some(i) = find_vendor(&p.import_path) else {
            return true;
        };
        if p.origin == Origin::Std {
            return imp.standard;
        }
        let i = i.saturating_sub(1);
        let dir = p.dir.as_os_str().as_encoded_bytes();
        let cut = (i + dir.len()).checked_sub(p.import_path.len());
        match cut {
            Some(cut) if cut <= dir.len() => {
                let parent = Path::new(std::ffi::OsStr::new(
                    std::str::from_utf8(&dir[..cut]).unwrap_or(""),
                ));
                has_prefix(&imp.dir, parent)
            }
            _ => true,
        }
    }
}

/// Whether a package is "local" in the go command's sense: named as files,
/// in no module, or a relative import path.
fn is_local(p: &Package) -> bool {
    p.cmdline_files || p.origin == Origin::Local || (p.missing && is_local_import(&p.import_path))
}

/// `ImportStack.shorterThan`.
fn shorter(s: &[(String, Option<String>)], t: &[(String, Option<String>)]) -> bool {
    if s.len() != t.len() {
        return s.len() < t.len();
    }
    for (a, b) in s.iter().zip(t) {
        if a.0 != b.0 {
            return a.0 < b.0;
        }
    }
    false
}

/// Go's `str.HasPathPrefix` for import paths.
fn has_path_prefix(s: &str, prefix: &str) -> bool {
    prefix.is_empty()
        || s == prefix
        || (s.len() > prefix.len() && s.starts_with(prefix) && s.as_bytes()[prefix.len()] == b'/')
}

/// The index of the last `internal` element of an import path.
fn find_internal(path: &str) -> Option<usize> {
    if path.ends_with("/internal") {
        Some(path.len() - "internal".len())
    } else if let Some(i) = path.rfind("/internal/") {
        Some(i + 1)
    } else if path == "internal" || path.starts_with("internal/") {
        Some(0)
    } else {
        None
    }
}

/// The index of the last `vendor` element of an import path, not at its
/// end (`FindVendor`).
fn find_vendor(path: &str) -> Option<usize> {
    if let Some(i) = path.rfind("/vendor/") {
        Some(i + 1)
    } else if path.starts_with("vendor/") {
        Some(0)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_texts() {
        let e = PackageError {
            stack: vec![
                ("m".into(), None),
                ("m/a".into(), Some("main.go".into())),
                ("m/a".into(), Some("a.go".into())),
            ],
            pos: None,
            err: "import cycle not allowed".into(),
            cycle: true,
            always_stack: false,
        };
        assert_eq!(
            e.to_string(),
            "package m\n\timports m/a from main.go\n\timports m/a from a.go: import cycle not allowed"
        );
        let e = PackageError {
            stack: vec![("m".into(), None)],
            pos: Some("main.go:3:8".into()),
            err: "use of internal package internal/abi not allowed".into(),
            cycle: false,
            always_stack: true,
        };
        assert_eq!(
            e.to_string(),
            "package m\n\tmain.go:3:8: use of internal package internal/abi not allowed"
        );
        let e = PackageError {
            stack: vec![("m".into(), None)],
            pos: Some("main.go:3:8".into()),
            err: "package foo is not in std (/go/src/foo)".into(),
            cycle: false,
            always_stack: false,
        };
        assert_eq!(
            e.to_string(),
            "main.go:3:8: package foo is not in std (/go/src/foo)"
        );
    }

    #[test]
    fn internal_and_vendor_elements() {
        assert_eq!(find_internal("internal/abi"), Some(0));
        assert_eq!(find_internal("a/internal/b/internal/c"), Some(13));
        assert_eq!(find_internal("a/internal"), Some(2));
        assert_eq!(find_internal("a/internalx"), None);
        assert_eq!(find_vendor("vendor/golang.org/x"), Some(0));
        assert_eq!(find_vendor("a/vendor/b"), Some(2));
        assert_eq!(find_vendor("a/vendor"), None);
        assert!(has_path_prefix("a/b", "a"));
        assert!(!has_path_prefix("ab", "a"));
        assert!(has_path_prefix("x", ""));
    }
}

#[cfg(test)]
mod overlay_tests {
    use super::*;
    use crate::context::BuildContext;
    use crate::load::{Config, RootSpec};
    use crate::overlay::Overlay;
    use crate::pattern::Root;
    use crate::resolve::Env;
    use std::path::{Path, PathBuf};

    fn write(path: PathBuf, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Loads `main.go` importing `imports` from a fake GOROOT and `lib/`:
    /// GOROOT has `fmt` and `runtime` (which imports `internal/abi`); the
    /// overlay has `runtime` (importing `imp` if given) and `rgo/x`.
    fn first_goroot(name: &str, imports: &[&str], lib_runtime_imports: &[&str]) -> Option<String> {
        let d = std::env::temp_dir().join(format!("rgo-graph-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        let goroot = d.join("goroot");
        let lib = d.join("lib");
        write(goroot.join("src/fmt/fmt.go"), "package fmt\n");
        write(goroot.join("src/unsafe/unsafe.go"), "package unsafe\n");
        write(goroot.join("src/internal/abi/abi.go"), "package abi\n");
        write(
            goroot.join("src/runtime/runtime.go"),
            "package runtime\nimport _ \"internal/abi\"\n",
        );
        let imp: String = lib_runtime_imports
            .iter()
            .map(|i| format!("import _ {i:?}\n"))
            .collect();
        write(
            lib.join("runtime/runtime.go"),
            &format!("package runtime\n{imp}"),
        );
        write(lib.join("rgo/x/x.go"), "package x\n");
        let imp: String = imports
            .iter()
            .map(|i| format!("import _ {i:?}\n"))
            .collect();
        let main = d.join("prog/main.go");
        write(
            main.clone(),
            &format!("package main\n{imp}func main() {{}}\n"),
        );
        let env = Env {
            goroot,
            cwd: d.join("prog"),
            modules: Default::default(),
            overlay: Overlay::with_lib(&lib),
        };
        let cfg = Config {
            ctx: BuildContext::new(&[]),
            tests: false,
        };
        let roots = [Root {
            spec: RootSpec::Files(vec![main]),
            pattern: None,
        }];
        let g = Graph::load(&env, &cfg, &roots);
        assert!(g.load_errors().is_empty(), "{:?}", g.load_errors());
        let found = g
            .first_goroot_package()
            .map(|id| g.packages[id].import_path.clone());
        for p in &g.packages {
            assert_eq!(
                p.overlay,
                p.dir.starts_with(Path::new(&lib)),
                "{}",
                p.import_path
            );
        }
        std::fs::remove_dir_all(&d).unwrap();
        found
    }

    #[test]
    fn overlay_packages_are_not_goroot_packages() {
        assert_eq!(first_goroot("none", &[], &[]), None);
        assert_eq!(first_goroot("unsafe", &["unsafe"], &[]), None);
        // lib/runtime replaces GOROOT's (whose internal/abi is not loaded).
        assert_eq!(
            first_goroot("rt", &["runtime", "unsafe"], &["unsafe"]),
            None
        );
        assert_eq!(first_goroot("x", &["rgo/x"], &[]), None);
        assert_eq!(
            first_goroot("fmt", &["runtime", "fmt"], &[]).as_deref(),
            Some("fmt")
        );
        // An overlay package importing GOROOT's: that one is reported.
        assert_eq!(
            first_goroot("deep", &["runtime"], &["fmt"]).as_deref(),
            Some("fmt")
        );
    }
}
