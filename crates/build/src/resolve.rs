//! Where an import path or a directory on the command line is found, as
//! the go command (module mode) finds it for linux/amd64: the standard
//! library in GOROOT/src (or its replacement in `lib/`), GOROOT/src/vendor
//! for non-standard paths imported by standard packages, then the main
//! module, the required modules replaced by local directories, or the
//! main module's vendor directory. What is not found gets the go command's
//! message (`package foo/bar is not in std (GOROOT/src/foo/bar)`, `no
//! required module provides package x; to add it: ...`).

use crate::lang::LangVersion;
use crate::module::Modules;
use crate::overlay::{has_go_files, Overlay};
use crate::paths::{has_prefix, short_path, show};
use std::path::{Path, PathBuf};

/// Where a package's files come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The standard library (GOROOT/src, its vendor directory, or `lib/`).
    Std,
    /// A module on disk: index into [`Modules::local`].
    Module(usize),
    /// The main module's vendor directory: index into its modules.
    Vendor(usize),
    /// Files named on the command line (`command-line-arguments`).
    CommandLine,
    /// A directory outside any module (no go.mod found): rgo checks it as
    /// a package of its own, as the go command's GOPATH mode does.
    Local,
}

/// The environment packages are found in.
#[derive(Clone, Debug)]
pub struct Env {
    /// GOROOT (not its `src`).
    pub goroot: PathBuf,
    /// The working directory: relative paths and messages are relative
    /// to it.
    pub cwd: PathBuf,
    pub modules: Modules,
    pub overlay: Overlay,
}

/// A package found on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub import_path: String,
    pub dir: PathBuf,
    pub origin: Origin,
}

/// The outcome of resolving an import path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolved {
    /// `import "C"`: no package.
    Skip,
    Found(Target),
    /// No package: its import path and the go command's message.
    Missing {
        path: String,
        err: String,
    },
}

/// The pseudo-import paths that are patterns, never packages.
const META_PACKAGES: &[&str] = &["std", "cmd", "all", "tool", "work"];

/// Whether an import path looks like the standard library's: its first
/// element has no dot (`search.IsStandardImportPath`).
pub fn is_std_path(path: &str) -> bool {
    !path.split('/').next().unwrap_or("").contains('.')
}

/// Whether an import path is relative (`.`, `..`, `./x`, `../x`).
pub fn is_local_import(path: &str) -> bool {
    path == "." || path == ".." || path.starts_with("./") || path.starts_with("../")
}

/// Windows device names, which no path element may use.
const BAD_WINDOWS_NAMES: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
    "COM8", "COM9", "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// The reason an import path is malformed (module.CheckImportPath), if it
/// is.
pub fn check_import_path(path: &str) -> Result<(), String> {
    if path.is_empty() {
        return Err("empty string".into());
    }
    if path.starts_with('-') {
        return Err("leading dash".into());
    }
    if path.contains("//") {
        return Err("double slash".into());
    }
    if path.ends_with('/') {
        return Err("trailing slash".into());
    }
    for elem in path.split('/') {
        if elem.is_empty() {
            return Err("empty path element".into());
        }
        if elem.bytes().all(|b| b == b'.') {
            return Err(format!("invalid path element {elem:?}"));
        }
        if elem.ends_with('.') {
            return Err("trailing dot in path element".into());
        }
        for c in elem.chars() {
            let ok = c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | '+');
            if !ok {
                return Err(format!("invalid char {}", go_quote_rune(c)));
            }
        }
        let short = elem.split('.').next().unwrap_or("");
        if BAD_WINDOWS_NAMES
            .iter()
            .any(|b| b.eq_ignore_ascii_case(short))
        {
            return Err(format!(
                "{short:?} disallowed as path element component on Windows"
            ));
        }
    }
    Ok(())
}

/// A rune as Go's `%q` prints it.
fn go_quote_rune(c: char) -> String {
    match c {
        '\'' => "'\\''".into(),
        '\\' => "'\\\\'".into(),
        '\n' => "'\\n'".into(),
        '\t' => "'\\t'".into(),
        '\r' => "'\\r'".into(),
        c if (c as u32) < 0x20 || c == '\u{7f}' => format!("'\\x{:02x}'", c as u32),
        c => format!("'{c}'"),
    }
}

/// Whether an import path is one go/build accepts in an import
/// declaration (`isValidImport`).
pub fn valid_import(path: &str) -> bool {
    const ILLEGAL: &str = "!\"#$%&'()*,:;<=>?[\\]^{|}`\u{fffd}";
    !path.is_empty()
        && path
            .chars()
            .all(|c| !c.is_control() && !c.is_whitespace() && !ILLEGAL.contains(c))
}

impl Env {
    /// GOROOT/src.
    pub fn src(&self) -> PathBuf {
        self.goroot.join("src")
    }

    /// The directory of a standard package, if it exists: `lib/<path>`,
    /// else GOROOT/src/<path> when it holds Go files.
    pub fn std_dir(&self, path: &str) -> Option<PathBuf> {
        if let Some(d) = self.overlay.package_dir(path) {
            return Some(d);
        }
        let d = self.src().join(path);
        has_go_files(&d).then_some(d)
    }

    /// The language version of a package of this origin.
    pub fn lang(&self, origin: &Origin, dir: &Path) -> LangVersion {
        match origin {
            Origin::Std | Origin::Local => LangVersion::LATEST,
            Origin::Module(i) => self.modules.local[*i].lang,
            // Packages missing from modules.txt (allowed before go 1.23)
            // have no module: index usize::MAX.
            Origin::Vendor(i) => self
                .modules
                .vendor
                .as_ref()
                .and_then(|v| v.modules.get(*i))
                .map_or(crate::module::DEFAULT_GO_VERSION, |m| m.lang),
            Origin::CommandLine => self
                .module_of_dir(dir)
                .map_or(LangVersion::LATEST, |(i, _)| self.modules.local[i].lang),
        }
    }

    /// The module path of a package of this origin.
    pub fn module_path(&self, origin: &Origin) -> Option<&str> {
        match origin {
            Origin::Module(i) => Some(&self.modules.local[*i].path),
            Origin::Vendor(i) => self
                .modules
                .vendor
                .as_ref()
                .and_then(|v| v.modules.get(*i))
                .map(|m| m.path.as_str()),
            _ => None,
        }
    }

    /// The local module (index) containing `dir` and the import path of
    /// `dir` in it, if any: the innermost module root above `dir` (a
    /// nested go.mod ends a module).
    pub fn module_of_dir(&self, dir: &Path) -> Option<(usize, String)> {
        let mut best: Option<(usize, String)> = None;
        for (i, m) in self.modules.local.iter().enumerate() {
            if !has_prefix(dir, &m.dir) {
                continue;
            }
            if best.as_ref().is_some_and(|(b, _)| {
                self.modules.local[*b].dir.as_os_str().len() >= m.dir.as_os_str().len()
            }) {
                continue;
            }
            let rel = dir.strip_prefix(&m.dir).unwrap_or(Path::new(""));
            if nested_module(&m.dir, dir) {
                continue;
            }
            let p = if rel.as_os_str().is_empty() {
                m.path.clone()
            } else {
                format!("{}/{}", m.path, rel.to_string_lossy())
            };
            best = Some((i, p));
        }
        best
    }

    /// Resolves an import path as written in a file of a package (standard
    /// or not), or named on the command line (`importer_std` false).
    pub fn resolve_import(&self, path: &str, importer_std: bool) -> Resolved {
        if path == "C" {
            return Resolved::Skip;
        }
        let missing = |err: String| Resolved::Missing {
            path: path.to_string(),
            err,
        };
        // Standard packages import golang.org/x/... from GOROOT/src/vendor.
        if importer_std && !is_std_path(path) && self.src().join("vendor").join(path).exists() {
            let vp = format!("vendor/{path}");
            if let Some(dir) = self.std_dir(&vp) {
                return Resolved::Found(Target {
                    import_path: vp,
                    dir,
                    origin: Origin::Std,
                });
            }
        }
        if path.starts_with("mod/") {
            return missing(format!("disallowed import path {path:?}"));
        }
        if path.contains('@') {
            return missing(
                "can only use path@version syntax with 'go get' and 'go install' in module-aware mode"
                    .into(),
            );
        }
        if is_local_import(path) {
            return missing(format!(
                "{path:?} is relative, but relative import paths are not supported in module mode"
            ));
        }
        if path.starts_with('/') {
            return missing(format!(
                "{path:?} is not a package path; see 'go help packages'"
            ));
        }
        if META_PACKAGES.contains(&path) {
            return missing(format!(
                "{path:?} is not an importable package; see 'go help packages'"
            ));
        }
        if let Err(why) = check_import_path(path) {
            return missing(format!("malformed import path {path:?}: {why}"));
        }
        let std = is_std_path(path);
        if std {
            if let Some(dir) = self.std_dir(path) {
                return Resolved::Found(Target {
                    import_path: path.to_string(),
                    dir,
                    origin: Origin::Std,
                });
            }
        }
        let not_in_std = || {
            format!(
                "package {path} is not in std ({})",
                show(&self.src().join(path))
            )
        };

        if let Some(v) = &self.modules.vendor {
            let mut found = Vec::new();
            if let Some(m) = self.modules.main() {
                if let Some(dir) = dir_in_module(path, &m.path, &m.dir, true) {
                    found.push(Target {
                        import_path: path.to_string(),
                        dir,
                        origin: Origin::Module(0),
                    });
                }
            }
            let vdir = v.dir.join(path);
            if has_go_files(&vdir) {
                match v.packages.get(path) {
                    Some(&i) => found.push(Target {
                        import_path: path.to_string(),
                        dir: vdir,
                        origin: Origin::Vendor(i),
                    }),
                    None if !v.listing_required => found.push(Target {
                        import_path: path.to_string(),
                        dir: vdir,
                        origin: Origin::Vendor(usize::MAX),
                    }),
                    None => {}
                }
            }
            if found.len() > 1 {
                return missing(ambiguous(path, &found, None));
            }
            if let Some(t) = found.pop() {
                return Resolved::Found(t);
            }
            if std {
                return missing(not_in_std());
            }
            return missing(format!(
                "cannot find module providing package {path}: import lookup disabled by -mod=vendor\n\
                 \t(Go version in go.mod is at least 1.14 and vendor directory exists.)"
            ));
        }

        let mut found = Vec::new();
        for (i, m) in self.modules.local.iter().enumerate() {
            if let Some(dir) = dir_in_module(path, &m.path, &m.dir, true) {
                found.push(Target {
                    import_path: path.to_string(),
                    dir,
                    origin: Origin::Module(i),
                });
            }
        }
        if found.len() > 1 {
            return missing(ambiguous(path, &found, Some(&self.modules)));
        }
        if let Some(t) = found.pop() {
            return Resolved::Found(t);
        }
        if std {
            return missing(not_in_std());
        }
        if self.modules.main().is_none() {
            return missing(format!(
                "no required module provides package {path}: go.mod file not found in current directory or any parent directory; see 'go help modules'"
            ));
        }
        let provides = |m: &str| path == m || path.starts_with(&format!("{m}/"));
        if let Some(m) = self
            .modules
            .replaced_not_required
            .iter()
            .find(|m| provides(m))
        {
            return missing(format!(
                "module {m} provides package {path} and is replaced but not required; to add it:\n\tgo get {m}"
            ));
        }
        if let Some((m, v)) = self
            .modules
            .unavailable
            .iter()
            .filter(|(m, _)| provides(m))
            .max_by_key(|(m, _)| m.len())
        {
            return missing(format!(
                "package {path} is in module {m}@{v}, which rgo cannot download; \
                 replace {m} with a local directory in go.mod, or vendor it"
            ));
        }
        missing(format!(
            "no required module provides package {path}; to add it:\n\tgo get {path}"
        ))
    }

    /// Resolves a directory named on the command line (absolute, clean)
    /// to the package in it, with the go command's errors.
    pub fn resolve_dir(&self, dir: &Path) -> Result<Target, String> {
        match dir.metadata() {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(format!("stat {}: directory not found", show(dir)));
            }
            Err(e) => return Err(crate::oserr::path_error("stat", dir, &e)),
            Ok(_) => {}
        }
        if dir.is_dir() && !has_candidate_go_files(dir) {
            return Err(format!("no Go files in {}", show(dir)));
        }
        // The main module's tree first (a nested module is not part of
        // it), then GOROOT/src, then the modules replaced by directories.
        if let Some(m) = self.modules.main() {
            if has_prefix(dir, &m.dir) {
                let rel = dir.strip_prefix(&m.dir).unwrap_or(Path::new(""));
                if let Ok(sub) = rel.strip_prefix("vendor") {
                    let pkg = sub.to_string_lossy().into_owned();
                    let Some(v) = &self.modules.vendor else {
                        return Err(format!(
                            "without -mod=vendor, directory {} has no package path",
                            show(dir)
                        ));
                    };
                    return match v.packages.get(&pkg) {
                        Some(&vi) => Ok(Target {
                            import_path: pkg,
                            dir: dir.to_path_buf(),
                            origin: Origin::Vendor(vi),
                        }),
                        None => Err(format!(
                            "directory {} is not a package listed in vendor/modules.txt",
                            show(dir)
                        )),
                    };
                }
                let path = if rel.as_os_str().is_empty() {
                    m.path.clone()
                } else {
                    format!("{}/{}", m.path, rel.to_string_lossy())
                };
                if nested_module(&m.dir, dir) || !dir.is_dir() {
                    return Err(format!(
                        "main module ({}) does not contain package {path}",
                        m.path
                    ));
                }
                return Ok(Target {
                    import_path: path,
                    dir: dir.to_path_buf(),
                    origin: Origin::Module(0),
                });
            }
        }
        let src = self.src();
        if has_prefix(dir, &src) {
            if dir == src {
                return Err("GOROOT/src is not an importable package".into());
            }
            let path = dir
                .strip_prefix(&src)
                .unwrap_or(dir)
                .to_string_lossy()
                .into_owned();
            if path == "builtin" {
                return Err("\"builtin\" is a pseudo-package, not an importable package".into());
            }
            return Ok(Target {
                import_path: path.clone(),
                dir: self
                    .overlay
                    .package_dir(&path)
                    .unwrap_or_else(|| dir.to_path_buf()),
                origin: Origin::Std,
            });
        }
        if let Some((i, path)) = self.module_of_dir(dir) {
            return Ok(Target {
                import_path: path,
                dir: dir.to_path_buf(),
                origin: Origin::Module(i),
            });
        }
        if self.modules.main().is_none() {
            return Ok(Target {
                import_path: format!("_{}", show(dir)),
                dir: dir.to_path_buf(),
                origin: Origin::Local,
            });
        }
        let shown = short_path(&self.cwd, dir);
        let what = if shown == Path::new(".") {
            "current directory".to_string()
        } else {
            format!("directory {}", show(&shown))
        };
        Err(format!(
            "{what} outside main module or its selected dependencies"
        ))
    }
}

/// `ambiguous import: found package X in multiple modules: ...`.
fn ambiguous(path: &str, found: &[Target], mods: Option<&Modules>) -> String {
    let mut s = format!(
        "ambiguous import: found package {path} in multiple {}:",
        if mods.is_some() {
            "modules"
        } else {
            "directories"
        }
    );
    for t in found {
        s.push_str("\n\t");
        match (mods, &t.origin) {
            (Some(m), Origin::Module(i)) => {
                let m = &m.local[*i];
                s.push_str(&m.path);
                if !m.version.is_empty() {
                    s.push(' ');
                    s.push_str(&m.version);
                }
                s.push_str(&format!(" ({})", show(&t.dir)));
            }
            _ => s.push_str(&show(&t.dir)),
        }
    }
    s
}

/// Whether a directory below `root` (exclusive) up to `dir` (inclusive)
/// holds a go.mod: then `dir` belongs to another module.
fn nested_module(root: &Path, dir: &Path) -> bool {
    let mut d = dir;
    while d != root && d.starts_with(root) {
        if d.join("go.mod").metadata().is_ok_and(|m| m.is_file()) {
            return true;
        }
        match d.parent() {
            Some(p) => d = p,
            None => break,
        }
    }
    false
}

/// The directory of package `path` in the module `mpath` rooted at `mdir`
/// if the module contains it and it holds Go files (modload's
/// `dirInModule`). `local` trees are checked for nested modules.
fn dir_in_module(path: &str, mpath: &str, mdir: &Path, local: bool) -> Option<PathBuf> {
    let dir = if path == mpath {
        mdir.to_path_buf()
    } else {
        let rest = path.strip_prefix(mpath)?.strip_prefix('/')?;
        mdir.join(rest)
    };
    if local && nested_module(mdir, &dir) {
        return None;
    }
    has_go_files(&dir).then_some(dir)
}

/// Whether a directory holds a `.go` file the go command would look at
/// (not starting with `_` or `.`).
fn has_candidate_go_files(dir: &Path) -> bool {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return false;
    };
    rd.flatten().any(|e| {
        let n = e.file_name();
        crate::walk::is_go_file(&n) && std::fs::metadata(e.path()).is_ok_and(|m| m.is_file())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_path_checks() {
        assert_eq!(check_import_path("fmt"), Ok(()));
        assert_eq!(check_import_path("example.com/a-b_c~d+e"), Ok(()));
        for (p, why) in [
            ("", "empty string"),
            ("-x", "leading dash"),
            ("a//b", "double slash"),
            ("fmt/", "trailing slash"),
            ("a/./b", "invalid path element \".\""),
            ("a/b./c", "trailing dot in path element"),
            ("a b", "invalid char ' '"),
            (
                "a/con.x",
                "\"con\" disallowed as path element component on Windows",
            ),
        ] {
            assert_eq!(check_import_path(p), Err(why.to_string()), "{p}");
        }
        assert!(valid_import("example.com/x"));
        for p in ["", "a b", "x\\y", "a\"b", "a\u{fffd}"] {
            assert!(!valid_import(p), "{p}");
        }
        assert!(is_std_path("net/http"));
        assert!(is_std_path("m/a"));
        assert!(!is_std_path("example.com/a"));
    }
}
