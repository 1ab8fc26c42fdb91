//! Loading packages and the import graph, in parallel: from the root
//! packages, every directory is listed, its Go files selected (file-name
//! suffixes, build constraints, `import "C"`, `package documentation`),
//! read and parsed — each file a job of its own on the work queue — and
//! when a package's last file is parsed its imports are resolved and the
//! packages they name are queued in turn. Every file is parsed once, into
//! one [`syntax::FileSet`]; the trees are kept in the packages for the
//! type checker.
//!
//! What the go command reports while loading a package's data (no Go
//! files, `found packages a and b`, bad `//go:build` lines, unresolvable
//! imports) is recorded on the package as a [`DataError`]; the go
//! command's walk over the result — import cycles, import-side errors,
//! the reporting order — is [`crate::graph`]'s.

use crate::context::BuildContext;
use crate::par;
use crate::paths::{short_path, show};
use crate::resolve::{valid_import, Env, Origin, Resolved, Target};
use crate::source;
use crate::walk;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use syntax::ast;

/// Index of a package in [`crate::graph::Graph::packages`].
pub type PkgId = usize;

/// The import path of the package made of files named on the command line.
pub const COMMAND_LINE_ARGUMENTS: &str = "command-line-arguments";

/// What to load besides the files that build.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The tags and target that select files.
    pub ctx: BuildContext,
    /// Also load (and parse) the `_test.go` files of the root packages.
    pub tests: bool,
}

/// A Go source file of a package.
#[derive(Debug)]
pub struct GoFile {
    /// The file name (base name).
    pub name: String,
    /// The absolute path it was read from.
    pub path: PathBuf,
    /// The name positions in it print with: as given on the command line
    /// for named files, else relative to the working directory when that
    /// is shorter (as the go command shows compiler output).
    pub display: String,
    pub is_test: bool,
    /// The syntax tree; `None` if the file could not be read or parsed.
    pub ast: Option<ast::File>,
    /// Syntax errors, in source order.
    pub syntax_errors: Vec<syntax::Error>,
    /// Why there is no tree: the file could not be read (a load error of
    /// the package) or the parser failed (an internal error).
    pub error: Option<FileError>,
}

/// Why a file has no syntax tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    /// The go command's words for the read error.
    Read(String),
    /// The parser panicked (a bug in rgo): the message.
    Internal(String),
}

/// Why a Go file of the directory is not part of the package (`go list`'s
/// IgnoredGoFiles, with the reason).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IgnoreReason {
    /// A `_GOOS`/`_GOARCH` file-name suffix for another target.
    OsArch,
    /// Its build constraints do not hold.
    Constraints,
    /// It imports "C" and cgo is disabled.
    Cgo,
    /// `package documentation`.
    Documentation,
}

/// A Go file left out of the package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IgnoredFile {
    pub name: String,
    pub reason: IgnoreReason,
}

/// An import of a package: the path as written, the package it resolved
/// to and where it is first imported.
#[derive(Clone, Debug)]
pub struct Import {
    /// The path as written (`golang.org/x/net/idna`).
    pub path: String,
    /// The package (for std importers of vendored code its import path is
    /// `vendor/golang.org/x/net/idna`).
    pub target: PkgId,
    /// The first import of the path, in file order.
    pub pos: syntax::Pos,
}

/// An error the go command finds while reading a package's data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataError {
    pub msg: String,
    /// A "no Go files" error: reported with the import stack.
    pub nogo: bool,
}

/// A loaded package.
#[derive(Debug)]
pub struct Package {
    pub id: PkgId,
    pub import_path: String,
    /// Its directory (absolute); empty for packages not found.
    pub dir: PathBuf,
    /// The package clause's name (of its first file).
    pub name: String,
    pub origin: Origin,
    /// Part of the standard library.
    pub standard: bool,
    /// A standard package read from the `lib/` overlay (rgo's own Go
    /// source), not from GOROOT.
    pub overlay: bool,
    /// The Go language version of its files (the module's `go` line; the
    /// release for the standard library).
    pub lang: crate::lang::LangVersion,
    /// The module path for module and vendored packages.
    pub module: Option<String>,
    /// The Go files that build, sorted by name (`go list`'s GoFiles).
    pub files: Vec<GoFile>,
    /// The `_test.go` files that build, when tests were asked for.
    pub test_files: Vec<GoFile>,
    /// The Go files left out, sorted by name.
    pub ignored: Vec<IgnoredFile>,
    /// Imports of `files`, sorted by path as written, without "C".
    pub imports: Vec<Import>,
    /// No Go files build but some test files do.
    pub test_only: bool,
    /// The first problem with the package's data, if any.
    pub error: Option<DataError>,
    /// The package could not be found: no files, only `error`.
    pub missing: bool,
    /// Named on the command line as files.
    pub cmdline_files: bool,
}

impl Package {
    fn new(id: PkgId, import_path: String) -> Package {
        Package {
            id,
            import_path,
            dir: PathBuf::new(),
            name: String::new(),
            origin: Origin::Std,
            standard: false,
            overlay: false,
            lang: crate::lang::LangVersion::LATEST,
            module: None,
            files: Vec::new(),
            test_files: Vec::new(),
            ignored: Vec::new(),
            imports: Vec::new(),
            test_only: false,
            error: None,
            missing: false,
            cmdline_files: false,
        }
    }

    /// Whether this is the pseudo-package `unsafe` (its declarations are
    /// the type checker's own).
    pub fn is_unsafe(&self) -> bool {
        self.standard && self.import_path == "unsafe"
    }

    /// The import paths of its imports as resolved, in the order of the
    /// paths as written (`go list`'s Imports).
    pub fn import_paths<'a>(&'a self, all: &'a [Package]) -> impl Iterator<Item = &'a str> + 'a {
        self.imports
            .iter()
            .map(move |i| all[i.target].import_path.as_str())
    }
}

/// A package to start loading from.
#[derive(Clone, Debug)]
pub enum RootSpec {
    /// An import path named on the command line.
    ImportPath(String),
    /// A package directory named on the command line (resolved).
    Dir(Target),
    /// Files named on the command line: their paths as given.
    Files(Vec<PathBuf>),
    /// A root that failed to resolve: its import path (or the argument)
    /// and the message.
    Error(String, String),
}

/// A file waiting to be read and parsed.
struct Pending {
    name: String,
    read_from: PathBuf,
    display: String,
    is_test: bool,
    /// Named on the command line: constraints do not apply.
    explicit: bool,
    outcome: Option<FileOutcome>,
}

/// What reading and parsing a file gave.
enum FileOutcome {
    ReadError(String),
    BadHeader(String),
    Excluded,
    Parsed(ast::File, Vec<syntax::Error>),
    Internal(String),
}

/// A package being loaded.
struct Slot {
    pkg: Package,
    /// Named files (for the command-line package).
    named: Vec<(PathBuf, String)>,
    /// Load its test files too.
    tests: bool,
    pending: Vec<Pending>,
    remaining: usize,
}

/// What the workers share.
struct Shared<'a> {
    env: &'a Env,
    cfg: &'a Config,
    fset: &'a syntax::FileSet,
    /// Import path → package.
    index: Mutex<HashMap<String, PkgId>>,
    /// (import path as written, importer is standard) → resolution.
    resolved: Mutex<HashMap<(String, bool), Resolved>>,
    slots: Mutex<Vec<Arc<Mutex<Slot>>>>,
}

enum Job {
    Package(PkgId),
    File(PkgId, usize),
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The loaded packages and the roots, by id.
pub struct Loaded {
    pub packages: Vec<Package>,
    /// The package of each root spec, in order.
    pub roots: Vec<PkgId>,
}

/// Loads `roots` and everything they import, in parallel.
pub fn load(env: &Env, cfg: &Config, fset: &syntax::FileSet, roots: &[RootSpec]) -> Loaded {
    let sh = Shared {
        env,
        cfg,
        fset,
        index: Mutex::new(HashMap::new()),
        resolved: Mutex::new(HashMap::new()),
        slots: Mutex::new(Vec::new()),
    };
    let mut jobs = Vec::new();
    let mut root_ids = Vec::new();
    for r in roots {
        let (id, new) = match r {
            RootSpec::ImportPath(p) => match env.resolve_import(p, false) {
                Resolved::Found(t) => sh.intern_target(&t, cfg.tests),
                Resolved::Missing { path, err } => sh.intern_missing(&path, err),
                Resolved::Skip => sh.intern_missing(p, format!("package {p} is not in std")),
            },
            RootSpec::Dir(t) => sh.intern_target(t, cfg.tests),
            RootSpec::Files(files) => sh.intern_files(files, cfg.tests),
            RootSpec::Error(path, err) => sh.intern_missing(path, err.clone()),
        };
        if new && !lock(&sh.slot(id)).pkg.missing {
            jobs.push(Job::Package(id));
        }
        root_ids.push(id);
    }
    par::run(jobs, |job, q| match job {
        Job::Package(id) => sh.list(id, q),
        Job::File(id, i) => sh.file(id, i, q),
    });
    let slots = std::mem::take(&mut *lock(&sh.slots));
    let packages = slots
        .into_iter()
        .enumerate()
        .map(|(i, s)| match Arc::try_unwrap(s) {
            Ok(m) => m.into_inner().unwrap_or_else(|e| e.into_inner()).pkg,
            // Cannot happen: the workers are done.
            Err(_) => {
                let mut p = Package::new(i, String::new());
                p.missing = true;
                p
            }
        })
        .collect();
    Loaded {
        packages,
        roots: root_ids,
    }
}

/// The value of an import path literal (`"fmt"` or `` `fmt` ``).
pub fn unquote(lit: &str) -> Option<String> {
    if let Some(raw) = lit.strip_prefix('`') {
        return Some(raw.strip_suffix('`')?.replace('\r', ""));
    }
    crate::modfile::unquote(lit)
}

impl<'a> Shared<'a> {
    /// `Env::resolve_import`, once per path and kind of importer.
    fn resolve(&self, path: &str, importer_std: bool) -> Resolved {
        let key = (path.to_string(), importer_std);
        if let Some(r) = lock(&self.resolved).get(&key) {
            return r.clone();
        }
        let r = self.env.resolve_import(path, importer_std);
        lock(&self.resolved).insert(key, r.clone());
        r
    }

    fn slot(&self, id: PkgId) -> Arc<Mutex<Slot>> {
        lock(&self.slots)[id].clone()
    }

    /// The package with this import path, made by `make` if new.
    fn intern(&self, key: &str, make: impl FnOnce(PkgId) -> Slot) -> (PkgId, bool) {
        let mut index = lock(&self.index);
        if let Some(&id) = index.get(key) {
            return (id, false);
        }
        let mut slots = lock(&self.slots);
        let id = slots.len();
        slots.push(Arc::new(Mutex::new(make(id))));
        index.insert(key.to_string(), id);
        (id, true)
    }

    fn new_slot(pkg: Package, tests: bool) -> Slot {
        Slot {
            pkg,
            named: Vec::new(),
            tests,
            pending: Vec::new(),
            remaining: 0,
        }
    }

    fn intern_target(&self, t: &Target, tests: bool) -> (PkgId, bool) {
        self.intern(&t.import_path, |id| {
            let mut p = Package::new(id, t.import_path.clone());
            p.dir = t.dir.clone();
            p.standard = t.origin == Origin::Std;
            p.overlay = p.standard && self.env.overlay.contains(&t.dir);
            p.lang = self.env.lang(&t.origin, &t.dir);
            p.module = self.env.module_path(&t.origin).map(str::to_string);
            p.origin = t.origin.clone();
            Self::new_slot(p, tests)
        })
    }

    fn intern_missing(&self, path: &str, err: String) -> (PkgId, bool) {
        self.intern(path, |id| {
            let mut p = Package::new(id, path.to_string());
            p.missing = true;
            p.error = Some(DataError {
                msg: err,
                nogo: false,
            });
            Self::new_slot(p, false)
        })
    }

    fn intern_files(&self, files: &[PathBuf], tests: bool) -> (PkgId, bool) {
        let cwd = &self.env.cwd;
        let dir = files
            .first()
            .map(|f| crate::paths::abs(cwd, f.parent().unwrap_or(Path::new(""))))
            .unwrap_or_else(|| cwd.clone());
        self.intern(COMMAND_LINE_ARGUMENTS, |id| {
            let mut p = Package::new(id, COMMAND_LINE_ARGUMENTS.to_string());
            p.origin = Origin::CommandLine;
            p.lang = self.env.lang(&Origin::CommandLine, &dir);
            p.module = self
                .env
                .module_of_dir(&dir)
                .map(|(i, _)| self.env.modules.local[i].path.clone());
            p.dir = dir;
            p.cmdline_files = true;
            let mut s = Self::new_slot(p, tests);
            s.named = files
                .iter()
                .map(|f| (crate::paths::abs(cwd, f), show(f)))
                .collect();
            s
        })
    }

    /// Lists a package's directory and queues its files.
    fn list(&self, id: PkgId, q: &par::Queue<Job>) {
        let slot = self.slot(id);
        let mut s = lock(&slot);
        let cwd = &self.env.cwd;
        let mut pending = Vec::new();
        if s.pkg.cmdline_files {
            for (abs, given) in &s.named {
                let name = abs
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if walk::ignored_name(std::ffi::OsStr::new(&name)) {
                    continue;
                }
                // A named test file is checked like the others (as `go vet`
                // and gc would take it).
                pending.push(Pending {
                    is_test: false,
                    name,
                    read_from: abs.clone(),
                    display: given.clone(),
                    explicit: true,
                    outcome: None,
                });
            }
        } else {
            let names = match walk::package_files(&s.pkg.dir, true) {
                Ok(f) => f,
                Err(e) => {
                    s.pkg.error = Some(DataError {
                        msg: e,
                        nogo: false,
                    });
                    Vec::new()
                }
            };
            let mut names: Vec<(String, PathBuf)> = names
                .into_iter()
                .map(|p| {
                    let n = p
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    (n, p)
                })
                .collect();
            // Single files overlaid onto the package replace or add.
            if let Some(over) = self.env.overlay.files(&s.pkg.import_path) {
                for (name, from) in over {
                    let name = name.to_string_lossy().into_owned();
                    match names.iter_mut().find(|(n, _)| *n == name) {
                        Some(e) => e.1 = from.clone(),
                        None => names.push((name, from.clone())),
                    }
                }
                names.sort();
            }
            for (name, path) in names {
                let is_test = name.ends_with("_test.go");
                if is_test && !s.tests {
                    continue;
                }
                if !self.cfg.ctx.good_os_arch_file(&name) {
                    s.pkg.ignored.push(IgnoredFile {
                        name,
                        reason: IgnoreReason::OsArch,
                    });
                    continue;
                }
                let display = show(&short_path(cwd, &path));
                pending.push(Pending {
                    name,
                    read_from: path,
                    display,
                    is_test,
                    explicit: false,
                    outcome: None,
                });
            }
        }
        s.remaining = pending.len();
        let n = pending.len();
        s.pending = pending;
        drop(s);
        if n == 0 {
            self.finish(id, q);
        }
        for i in 0..n {
            q.push(Job::File(id, i));
        }
    }

    /// Reads one file, checks its build constraints and parses it.
    fn file(&self, id: PkgId, i: usize, q: &par::Queue<Job>) {
        let slot = self.slot(id);
        let (path, display, explicit) = {
            let s = lock(&slot);
            let p = &s.pending[i];
            (p.read_from.clone(), p.display.clone(), p.explicit)
        };
        let outcome = match source::read(&path) {
            Err(e) => FileOutcome::ReadError(e),
            Ok(src) => match (explicit, self.cfg.ctx.should_build(&src)) {
                (false, Err(e)) => FileOutcome::BadHeader(e.to_string()),
                (false, Ok(false)) => FileOutcome::Excluded,
                _ => match source::parse(self.fset, &display, &src) {
                    Ok((f, errs)) => FileOutcome::Parsed(f, errs),
                    Err(m) => FileOutcome::Internal(m),
                },
            },
        };
        let last = {
            let mut s = lock(&slot);
            s.pending[i].outcome = Some(outcome);
            s.remaining -= 1;
            s.remaining == 0
        };
        if last {
            self.finish(id, q);
        }
    }

    /// Completes a package whose files are all parsed: selects the files,
    /// names the package, finds its imports and queues the packages they
    /// name.
    fn finish(&self, id: PkgId, q: &par::Queue<Job>) {
        let slot = self.slot(id);
        let mut s = lock(&slot);
        let pending = std::mem::take(&mut s.pending);
        let mut first_error: Option<String> = s.pkg.error.take().map(|e| e.msg);
        let mut note = |e: String| {
            if first_error.is_none() {
                first_error = Some(e);
            }
        };
        let mut first_name: Option<(String, String)> = None;
        let mut imports: Vec<(String, syntax::Pos)> = Vec::new();
        let dir_shown = show(&s.pkg.dir);
        for p in pending {
            let mut file = GoFile {
                name: p.name.clone(),
                path: p.read_from.clone(),
                display: p.display,
                is_test: p.is_test,
                ast: None,
                syntax_errors: Vec::new(),
                error: None,
            };
            match p.outcome {
                None => continue,
                Some(FileOutcome::ReadError(e)) => {
                    note(e);
                    continue;
                }
                Some(FileOutcome::BadHeader(e)) => {
                    note(format!("{}: {e}", p.name));
                    continue;
                }
                Some(FileOutcome::Excluded) => {
                    s.pkg.ignored.push(IgnoredFile {
                        name: p.name,
                        reason: IgnoreReason::Constraints,
                    });
                    continue;
                }
                Some(FileOutcome::Internal(m)) => {
                    file.error = Some(FileError::Internal(m));
                }
                Some(FileOutcome::Parsed(ast, errs)) => {
                    let mut file_imports = Vec::new();
                    let mut bad_import = None;
                    for d in &ast.decls {
                        let ast::Decl::Gen(g) = d else { continue };
                        for spec in &g.specs {
                            let ast::Spec::Import(is) = spec else {
                                continue;
                            };
                            let Some(lit) = &is.path else { continue };
                            let Some(path) = unquote(&lit.value) else {
                                continue;
                            };
                            if !valid_import(&path) && bad_import.is_none() {
                                bad_import = Some((path.clone(), is.pos));
                            }
                            file_imports.push((path, is.pos));
                        }
                    }
                    let pkg_name = ast.name.value.as_str().to_string();
                    let name_known = !pkg_name.is_empty()
                        && errs.iter().all(|e| e.pos.0 > ast.name.end_pos().0)
                        && ast.package.is_known();
                    if file_imports.iter().any(|(p, _)| p == "C") {
                        s.pkg.ignored.push(IgnoredFile {
                            name: p.name,
                            reason: IgnoreReason::Cgo,
                        });
                        continue;
                    }
                    if name_known && pkg_name == "documentation" {
                        s.pkg.ignored.push(IgnoredFile {
                            name: p.name,
                            reason: IgnoreReason::Documentation,
                        });
                        continue;
                    }
                    if let Some((path, pos)) = bad_import {
                        // go/build's error names the file by its full path.
                        let (line, col) = self
                            .fset
                            .file(pos)
                            .map_or((0, 0), |f| f.raw_line_col(pos.0 - f.base));
                        note(format!(
                            "{}:{line}:{col}: invalid import path: {path}",
                            show(&file.path)
                        ));
                        file_imports.clear();
                    }
                    if name_known {
                        let mut n = pkg_name.clone();
                        // An external test package (`p_test`) belongs to p.
                        let differs = first_name.as_ref().is_none_or(|(first, _)| *first != n);
                        if p.is_test && n.ends_with("_test") && differs {
                            n.truncate(n.len() - "_test".len());
                        }
                        match &first_name {
                            None => first_name = Some((n, p.name.clone())),
                            Some((first, ffile)) if *first != n => note(format!(
                                "found packages {first} ({ffile}) and {n} ({}) in {dir_shown}",
                                p.name
                            )),
                            Some(_) => {}
                        }
                    }
                    if !p.is_test {
                        imports.extend(file_imports);
                    }
                    file.ast = Some(ast);
                    file.syntax_errors = errs;
                }
            }
            if file.is_test {
                s.pkg.test_files.push(file);
            } else {
                s.pkg.files.push(file);
            }
        }
        if let Some((n, _)) = first_name {
            s.pkg.name = n;
        }
        s.pkg.ignored.sort_by(|a, b| a.name.cmp(&b.name));

        // No Go files: test-only, or the go command's NoGoError.
        if s.pkg.files.is_empty() && first_error.is_none() {
            if s.pkg.cmdline_files {
                s.pkg.error = Some(
                    if s.pkg.ignored.iter().any(|f| f.reason == IgnoreReason::Cgo) {
                        DataError {
                            msg: "rgo: no Go source files".into(),
                            nogo: false,
                        }
                    } else {
                        DataError {
                            msg: format!("no Go files in {dir_shown}"),
                            nogo: true,
                        }
                    },
                );
            } else {
                let (tests_build, tests_ignored) = if s.tests {
                    (!s.pkg.test_files.is_empty(), false)
                } else {
                    self.scan_tests(&s.pkg.dir)
                };
                if tests_build {
                    s.pkg.test_only = true;
                } else {
                    let msg = if !s.pkg.ignored.is_empty() || tests_ignored {
                        format!("build constraints exclude all Go files in {dir_shown}")
                    } else {
                        format!("no Go files in {dir_shown}")
                    };
                    s.pkg.error = Some(DataError { msg, nogo: true });
                }
            }
        }
        if let Some(msg) = first_error {
            s.pkg.error = Some(DataError { msg, nogo: false });
        }

        imports.sort_by(|a, b| a.0.cmp(&b.0));
        imports.dedup_by(|a, b| a.0 == b.0);
        imports.retain(|(p, _)| p != "C");
        let importer_std = s.pkg.standard;
        drop(s);

        let mut resolved = Vec::with_capacity(imports.len());
        for (path, pos) in imports {
            let (target, new) = match self.resolve(&path, importer_std) {
                Resolved::Skip => continue,
                Resolved::Found(t) => self.intern_target(&t, false),
                Resolved::Missing { path: p, err } => self.intern_missing(&p, err),
            };
            if new && !lock(&self.slot(target)).pkg.missing {
                q.push(Job::Package(target));
            }
            resolved.push(Import { path, target, pos });
        }
        lock(&slot).pkg.imports = resolved;
    }

    /// For a directory with no Go files that build: whether some test file
    /// builds, and whether some is excluded by its name or constraints.
    fn scan_tests(&self, dir: &Path) -> (bool, bool) {
        let Ok(files) = walk::package_files(dir, true) else {
            return (false, false);
        };
        let (mut builds, mut ignored) = (false, false);
        for f in files.iter().filter(|f| walk::is_test_file(f.as_os_str())) {
            let name = f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let ok = self.cfg.ctx.good_os_arch_file(&name)
                && source::read(f)
                    .ok()
                    .is_some_and(|src| self.cfg.ctx.should_build(&src) == Ok(true));
            if ok {
                builds = true;
            } else {
                ignored = true;
            }
        }
        (builds, ignored)
    }
}

/// `file:line:col` (with the file shown relative to `cwd` when shorter)
/// for a position in a file read from `abs`; raw line and column.
pub fn position_of(
    fset: &syntax::FileSet,
    pos: syntax::Pos,
    cwd: &Path,
    abs: &Path,
) -> (String, u32, u32) {
    let name = show(&short_path(cwd, abs));
    match fset.file(pos) {
        Some(f) => {
            let (line, col) = f.raw_line_col(pos.0 - f.base);
            (format!("{name}:{line}:{col}"), line, col)
        }
        None => (name, 0, 0),
    }
}
