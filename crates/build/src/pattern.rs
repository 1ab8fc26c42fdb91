//! Package patterns on the command line, as the go command reads them:
//! `.go` files (one `command-line-arguments` package), local directories
//! (`./x`, `/abs/x`), local wildcards (`./...`), import paths, `std`,
//! `all` (the main module's packages; their dependencies come with them),
//! and import-path wildcards (`net/...`, `example.com/m/...`) matched
//! against the standard library and the local modules. `cmd` packages are
//! never matched. Messages are the go command's.

use crate::load::RootSpec;
use crate::overlay::has_go_files;
use crate::paths::{abs, has_prefix, short_path, show};
use crate::resolve::{is_std_path, Env, Origin, Target};
use crate::walk;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// A root package and the wildcard pattern that matched it (`None` if it
/// was named literally).
#[derive(Clone, Debug)]
pub struct Root {
    pub spec: RootSpec,
    pub pattern: Option<String>,
}

/// The command line as roots.
#[derive(Clone, Debug, Default)]
pub struct Matches {
    pub roots: Vec<Root>,
    /// Wildcard patterns that matched no directory at all.
    pub empty_patterns: Vec<String>,
}

/// Whether an argument is a file system path: `.`, `..`, `./x`, `../x` or
/// absolute.
pub fn is_local_arg(arg: &str) -> bool {
    arg == "."
        || arg == ".."
        || arg.starts_with("./")
        || arg.starts_with("../")
        || arg.starts_with('/')
}

/// Go's `filepath.Dir`, as shown in messages (`.` for a bare name).
fn go_dir(p: &Path) -> String {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => show(&walk::clean(d)),
        _ => ".".into(),
    }
}

/// Reads the command line. Errors the go command treats as fatal (about
/// named files) come back as `Err`; errors about single patterns become
/// [`RootSpec::Error`] roots and are reported with the package errors.
pub fn match_args(env: &Env, args: &[OsString]) -> Result<Matches, Vec<String>> {
    let dot = [OsString::from(".")];
    let args = if args.is_empty() { &dot[..] } else { args };
    let first = Path::new(&args[0]);
    let is_file = |p: &Path| p.metadata().is_ok_and(|m| !m.is_dir());
    if args[0].as_encoded_bytes().ends_with(b".go") && is_file(first) {
        return named_files(args).map(|spec| Matches {
            roots: vec![Root {
                spec,
                pattern: None,
            }],
            empty_patterns: Vec::new(),
        });
    }
    let mut m = Matches::default();
    for a in args {
        let arg = a.to_string_lossy().into_owned();
        let before = m.roots.len();
        let wildcard = arg.contains("...");
        if is_local_arg(&arg) {
            if wildcard {
                local_wildcard(env, &arg, &mut m);
            } else if env.modules.main().is_none()
                && Path::new(a).metadata().is_ok_and(|m| !m.is_dir())
            {
                // Outside a module a path to a file can only be a mistake.
                m.roots.push(Root {
                    spec: RootSpec::Error(
                        arg.clone(),
                        format!("named files must be .go files: {arg}"),
                    ),
                    pattern: None,
                });
            } else {
                let spec = match env.resolve_dir(&abs(&env.cwd, Path::new(a))) {
                    Ok(t) => RootSpec::Dir(t),
                    Err(e) => RootSpec::Error(arg.clone(), e),
                };
                m.roots.push(Root {
                    spec,
                    pattern: None,
                });
            }
        } else if arg == "std" {
            std_packages(env, "", &|_| true, &arg, &mut m);
        } else if arg == "cmd" {
            // cmd packages are not rgo's business.
        } else if arg == "all" {
            match env.modules.main() {
                Some(main) => {
                    let (path, dir) = (main.path.clone(), main.dir.clone());
                    module_packages(env, &path, &dir, 0, &|_| true, &arg, &mut m);
                }
                None => m.roots.push(Root {
                    spec: RootSpec::Error(
                        arg.clone(),
                        "cannot match \"all\": go.mod file not found in current directory or any parent directory; see 'go help modules'".into(),
                    ),
                    pattern: None,
                }),
            }
        } else if wildcard {
            import_wildcard(env, &arg, &mut m);
        } else {
            m.roots.push(Root {
                spec: RootSpec::ImportPath(arg.clone()),
                pattern: None,
            });
        }
        if (wildcard || arg == "std" || arg == "all" || arg == "cmd") && m.roots.len() == before {
            m.empty_patterns.push(arg);
        }
    }
    Ok(m)
}

/// `a.go b.go`: the command-line-arguments package, with the go
/// command's checks.
fn named_files(args: &[OsString]) -> Result<RootSpec, Vec<String>> {
    if let Some(a) = args
        .iter()
        .find(|a| !a.as_encoded_bytes().ends_with(b".go"))
    {
        return Err(vec![format!(
            "named files must be .go files: {}",
            a.to_string_lossy()
        )]);
    }
    let mut dir: Option<String> = None;
    for a in args {
        let p = Path::new(a);
        match p.metadata() {
            Err(e) => return Err(vec![crate::oserr::path_error("stat", p, &e)]),
            Ok(m) if m.is_dir() => {
                return Err(vec![format!(
                    "{} is a directory, should be a Go file",
                    p.display()
                )])
            }
            Ok(_) => {}
        }
        let d = go_dir(p);
        match &dir {
            None => dir = Some(d),
            Some(d0) if *d0 != d => {
                return Err(vec![format!(
                    "named files must all be in one directory; have {d0} and {d}"
                )])
            }
            Some(_) => {}
        }
    }
    Ok(RootSpec::Files(args.iter().map(PathBuf::from).collect()))
}

/// A `...` pattern matcher (Go's `search.MatchPattern`): `...` matches
/// any string; a trailing `/...` also matches the empty string; and a
/// wildcard never matches a `vendor` element (so `./...` leaves out
/// `./vendor/x`, while `./vendor/...` matches it).
pub fn match_pattern(pattern: &str) -> impl Fn(&str) -> bool {
    const V: char = '\0';
    let bad = pattern.contains(V);
    let re = replace_vendor(pattern);
    // Alternatives, each a list of literal pieces separated by wildcards.
    let mut alts: Vec<String> = Vec::new();
    let vslash = format!("/{V}/...");
    if let Some(p) = re.strip_suffix(&vslash) {
        alts.push(format!("{p}/vendor"));
        alts.push(format!("{p}/{V}/..."));
    } else if re == format!("{V}/...") {
        alts.push("/vendor".into());
        alts.push(format!("/{V}/..."));
    } else if let Some(p) = re.strip_suffix("/...") {
        alts.push(p.to_string());
        alts.push(format!("{p}/..."));
    } else {
        alts.push(re);
    }
    let alts: Vec<Vec<String>> = alts
        .into_iter()
        .map(|a| a.split("...").map(str::to_string).collect())
        .collect();
    move |name: &str| {
        if bad || name.contains(V) {
            return false;
        }
        let name = replace_vendor(name);
        alts.iter().any(|pieces| glob(pieces, &name))
    }
}

/// Non-trailing `vendor` elements replaced by NUL.
fn replace_vendor(x: &str) -> String {
    if !x.contains("vendor") {
        return x.to_string();
    }
    let mut elems: Vec<&str> = x.split('/').collect();
    let n = elems.len();
    for e in elems.iter_mut().take(n.saturating_sub(1)) {
        if *e == "vendor" {
            *e = "\0";
        }
    }
    elems.join("/")
}

/// Whether `name` is `pieces` joined by wildcards that match runs without
/// NUL.
fn glob(pieces: &[String], name: &str) -> bool {
    let n = name.as_bytes();
    // reach[i]: the prefix name[..i] is matched by the pieces so far, with
    // a wildcard pending after them (except before the first piece).
    let mut reach = vec![false; n.len() + 1];
    let first = pieces[0].as_bytes();
    if !n.starts_with(first) {
        return false;
    }
    reach[first.len()] = true;
    for piece in &pieces[1..] {
        let p = piece.as_bytes();
        // Spread over the wildcard: any run of non-NUL bytes.
        let mut spread = vec![false; n.len() + 1];
        let mut on = false;
        for i in 0..=n.len() {
            if reach[i] {
                on = true;
            }
            spread[i] = on;
            if i < n.len() && n[i] == 0 {
                on = false;
            }
        }
        let mut next = vec![false; n.len() + 1];
        for i in 0..=n.len() {
            if spread[i] && n[i..].starts_with(p) {
                next[i + p.len()] = true;
            }
        }
        reach = next;
    }
    reach[n.len()]
}

/// `./x/...` and friends.
fn local_wildcard(env: &Env, arg: &str, m: &mut Matches) {
    let i = arg.find("...").unwrap_or(arg.len());
    let clean_head = walk::clean(Path::new(&arg[..i + 3]));
    let dir = clean_head
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let dir = if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir
    };
    let abs_dir = abs(&env.cwd, &dir);
    let in_scope = env.modules.main().is_none()
        || env.module_of_dir(&abs_dir).is_some()
        || env
            .modules
            .local
            .iter()
            .any(|l| has_prefix(&l.dir, &abs_dir))
        || has_prefix(&abs_dir, &env.src());
    if !in_scope {
        m.roots.push(Root {
            spec: RootSpec::Error(
                arg.to_string(),
                format!(
                    "pattern {arg}: directory prefix {} does not contain main module or its selected dependencies",
                    show(&short_path(&env.cwd, &abs_dir))
                ),
            ),
            pattern: None,
        });
        return;
    }
    // The pattern as Go matches it: cleaned, keeping a leading "./".
    let mut clean_pattern = show(&walk::clean(Path::new(arg)));
    let prefix = if clean_pattern != "." && arg.starts_with("./") {
        clean_pattern = format!("./{clean_pattern}");
        "./"
    } else {
        ""
    };
    let matcher = match_pattern(&clean_pattern);
    let j = clean_pattern.find("...").unwrap_or(clean_pattern.len());
    let start = match clean_pattern[..j].rfind('/') {
        Some(k) => clean_pattern[..=k].to_string(),
        None => String::new(),
    };
    let walk_root = if start.is_empty() {
        ".".to_string()
    } else {
        start.clone()
    };
    match Path::new(&walk_root).symlink_metadata() {
        Err(e) => {
            m.roots.push(Root {
                spec: RootSpec::Error(
                    arg.to_string(),
                    format!(
                        "pattern {arg}: {}",
                        crate::oserr::path_error("lstat", Path::new(&walk_root), &e)
                    ),
                ),
                pattern: None,
            });
            return;
        }
        Ok(md) if !md.is_dir() => {
            m.roots.push(Root {
                spec: RootSpec::Error(
                    arg.to_string(),
                    format!("pattern {arg}: lstat {walk_root}: not a directory"),
                ),
                pattern: None,
            });
            return;
        }
        Ok(_) => {}
    }
    let mut dirs = Vec::new();
    walk_dirs(&abs(&env.cwd, Path::new(&walk_root)), true, &mut dirs);
    let base = abs(&env.cwd, Path::new(&walk_root));
    for d in dirs {
        let rel = d.strip_prefix(&base).unwrap_or(Path::new(""));
        let shown = walk::clean(&Path::new(&walk_root).join(rel));
        let name = format!("{prefix}{}", show(&shown));
        if !matcher(&name) || !candidate_dir(&d) {
            continue;
        }
        let spec = match env.resolve_dir(&d) {
            Ok(t) => RootSpec::Dir(t),
            Err(e) => RootSpec::Error(name.clone(), e),
        };
        m.roots.push(Root {
            spec,
            pattern: Some(arg.to_string()),
        });
    }
}

/// Whether a directory holds a Go file the go command would look at.
fn candidate_dir(dir: &Path) -> bool {
    walk::package_files(dir, true).is_ok_and(|f| !f.is_empty())
}

/// The directories under `root` (itself included) a package walk visits:
/// not `testdata`, `_x` or `.x`, no symbolic links, and (`modules`) not
/// into nested modules (directories with a go.mod). Sorted.
fn walk_dirs(root: &Path, modules: bool, out: &mut Vec<PathBuf>) {
    out.push(root.to_path_buf());
    let Ok(rd) = std::fs::read_dir(root) else {
        return;
    };
    let mut subs: Vec<(OsString, PathBuf)> = rd
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| (e.file_name(), e.path()))
        .filter(|(n, _)| walk::walk_into(n))
        .collect();
    subs.sort();
    for (_, p) in subs {
        if modules && p.join("go.mod").metadata().is_ok_and(|m| m.is_file()) {
            continue;
        }
        walk_dirs(&p, modules, out);
    }
}

/// The standard packages whose import paths pass `keep`, under the
/// directory of import path `prefix` (`""` for all). `cmd` is left out.
fn std_packages(env: &Env, prefix: &str, keep: &dyn Fn(&str) -> bool, arg: &str, m: &mut Matches) {
    let src = env.src();
    let mut found: Vec<String> = Vec::new();
    for root in [Some(src.clone()), env.overlay.lib.clone()]
        .into_iter()
        .flatten()
    {
        let start = if prefix.is_empty() {
            root.clone()
        } else {
            root.join(prefix)
        };
        if !start.is_dir() {
            continue;
        }
        let mut dirs = Vec::new();
        walk_dirs(&start, false, &mut dirs);
        for d in dirs {
            let Ok(rel) = d.strip_prefix(&root) else {
                continue;
            };
            let path = show(rel);
            // `builtin` is documentation; with cgo disabled the go command
            // leaves runtime/cgo out of patterns.
            if path.is_empty()
                || path == "cmd"
                || path.starts_with("cmd/")
                || path == "builtin"
                || path == "runtime/cgo"
            {
                continue;
            }
            if keep(&path)
                && !found.contains(&path)
                && env.std_dir(&path).is_some()
                && candidate_dir(&d)
            {
                found.push(path);
            }
        }
    }
    found.sort();
    for path in found {
        let dir = env.std_dir(&path).unwrap_or_else(|| src.join(&path));
        m.roots.push(Root {
            spec: RootSpec::Dir(Target {
                import_path: path,
                dir,
                origin: Origin::Std,
            }),
            pattern: Some(arg.to_string()),
        });
    }
}

/// The packages of local module `idx` (path `mpath`, root `mdir`) whose
/// import paths pass `keep`.
fn module_packages(
    env: &Env,
    mpath: &str,
    mdir: &Path,
    idx: usize,
    keep: &dyn Fn(&str) -> bool,
    arg: &str,
    m: &mut Matches,
) {
    let mut dirs = Vec::new();
    walk_dirs(mdir, true, &mut dirs);
    for d in dirs {
        let rel = d.strip_prefix(mdir).unwrap_or(Path::new(""));
        let path = if rel.as_os_str().is_empty() {
            mpath.to_string()
        } else {
            format!("{mpath}/{}", show(rel))
        };
        // The main module's vendor directory holds other modules.
        if env.modules.local[idx].is_main && rel.starts_with("vendor") {
            continue;
        }
        if !keep(&path) || !candidate_dir(&d) {
            continue;
        }
        m.roots.push(Root {
            spec: RootSpec::Dir(Target {
                import_path: path,
                dir: d,
                origin: Origin::Module(idx),
            }),
            pattern: Some(arg.to_string()),
        });
    }
}

/// `net/...`, `example.com/m/...`: standard and local-module packages.
fn import_wildcard(env: &Env, arg: &str, m: &mut Matches) {
    let matcher = match_pattern(arg);
    let i = arg.find("...").unwrap_or(arg.len());
    let literal = &arg[..i];
    let dir_prefix = literal.rfind('/').map_or("", |k| &literal[..k]);
    if is_std_path(literal) {
        std_packages(env, dir_prefix, &matcher, arg, m);
    }
    for (idx, l) in env.modules.local.iter().enumerate() {
        let (path, dir) = (l.path.clone(), l.dir.clone());
        // Walk only modules the pattern can reach into.
        let reaches = path.starts_with(literal)
            || literal.starts_with(&format!("{path}/"))
            || literal == path;
        if reaches && has_go_files_below(&dir) {
            module_packages(env, &path, &dir, idx, &matcher, arg, m);
        }
    }
}

/// Whether a module tree may hold packages (cheap check: the root exists).
fn has_go_files_below(dir: &Path) -> bool {
    dir.is_dir() || has_go_files(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_like_go() {
        // cmd/internal/pkgpattern's matchPatternTests.
        let cases: &[(&str, &[&str], &[&str])] = &[
            ("...", &["foo"], &[]),
            ("net", &["net"], &["net/http"]),
            ("net/http", &["net/http"], &["net"]),
            (
                "net...",
                &["net", "net/http", "netchan"],
                &["not/http", "not/net/http"],
            ),
            (
                "net/...",
                &["net", "net/http"],
                &["not/http", "not/net/http", "netchan"],
            ),
            (
                "./...",
                &["./vendor", "./mycode/vendor"],
                &["./vendor/foo", "./mycode/vendor/foo"],
            ),
            (
                "./vendor/...",
                &["./vendor/foo", "./vendor/foo/vendor"],
                &["./vendor/foo/vendor/bar"],
            ),
            (
                "mycode/vendor/...",
                &[
                    "mycode/vendor",
                    "mycode/vendor/foo",
                    "mycode/vendor/foo/vendor",
                ],
                &["mycode/vendor/foo/vendor/bar"],
            ),
            ("x/vendor/y", &["x/vendor/y"], &["x/vendor"]),
            (
                "x/vendor/y/...",
                &[
                    "x/vendor/y",
                    "x/vendor/y/z",
                    "x/vendor/y/vendor",
                    "x/vendor/y/z/vendor",
                ],
                &["x/vendor/y/vendor/z"],
            ),
            (
                ".../vendor/...",
                &[
                    "x/vendor/y",
                    "x/vendor/y/z",
                    "x/vendor/y/vendor",
                    "x/vendor/y/z/vendor",
                ],
                &[],
            ),
            ("net/...tar", &["net/http/tar"], &["net", "net/http"]),
        ];
        for (pat, yes, no) in cases {
            let f = match_pattern(pat);
            for n in *yes {
                assert!(f(n), "{pat} should match {n}");
            }
            for n in *no {
                assert!(!f(n), "{pat} should not match {n}");
            }
        }
    }
}
