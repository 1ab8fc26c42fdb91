//! Path arithmetic as the go command does it, lexically: the working
//! directory (`$PWD` when it names the current directory, as `os.Getwd`
//! does), absolute paths, `filepath.Rel`, and `base.ShortPath` — the
//! relative form of a path in messages when it is shorter than the
//! absolute one.

use crate::walk::clean;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Component, Path, PathBuf};

/// The current directory as Go's `os.Getwd` finds it: `$PWD` if it is
/// absolute and names the same directory as `.`, else the kernel's name.
pub fn getwd() -> Result<PathBuf, String> {
    let real =
        std::env::current_dir().map_err(|e| format!("getwd: {}", crate::oserr::errno_text(&e)))?;
    if let Some(pwd) = std::env::var_os("PWD") {
        let pwd = PathBuf::from(pwd);
        if pwd.is_absolute() {
            if let (Ok(a), Ok(b)) = (pwd.metadata(), Path::new(".").metadata()) {
                if a.dev() == b.dev() && a.ino() == b.ino() {
                    return Ok(clean(&pwd));
                }
            }
        }
    }
    Ok(real)
}

/// `p` made absolute against `cwd` and cleaned.
pub fn abs(cwd: &Path, p: &Path) -> PathBuf {
    clean(&cwd.join(p))
}

/// Whether `path` is `prefix` or below it (Go's `str.HasFilePathPrefix`),
/// comparing whole elements.
pub fn has_prefix(path: &Path, prefix: &Path) -> bool {
    path.starts_with(prefix)
}

/// `target` relative to `base` (both absolute and clean), like Go's
/// `filepath.Rel`.
pub fn rel(base: &Path, target: &Path) -> Option<PathBuf> {
    let b: Vec<Component> = base.components().collect();
    let t: Vec<Component> = target.components().collect();
    if b.first() != t.first() {
        return None;
    }
    let common = b.iter().zip(&t).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &t[common..] {
        out.push(c.as_os_str());
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    Some(out)
}

/// How the go command shows an absolute path in a message: relative to
/// `cwd` when that is shorter (`base.ShortPath`).
pub fn short_path(cwd: &Path, path: &Path) -> PathBuf {
    match rel(cwd, path) {
        Some(r) if r.as_os_str().len() < path.as_os_str().len() => r,
        _ => path.to_path_buf(),
    }
}

/// A path as a string for messages (not UTF-8 bytes replaced).
pub fn show(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// Whether a name's bytes are those of `s`.
pub fn name_is(name: &OsStr, s: &str) -> bool {
    name.as_bytes() == s.as_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rel_like_go() {
        for (base, target, want) in [
            ("/a/b", "/a/b/c/d.go", "c/d.go"),
            ("/a/b", "/a/b", "."),
            ("/a/b", "/a/x/y", "../x/y"),
            ("/a/b", "/x", "../../x"),
            ("/", "/x/y", "x/y"),
        ] {
            assert_eq!(
                rel(Path::new(base), Path::new(target)).unwrap(),
                PathBuf::from(want),
                "{base} {target}"
            );
        }
    }

    #[test]
    fn short_paths() {
        let cwd = Path::new("/tmp/m");
        assert_eq!(
            short_path(cwd, Path::new("/tmp/m/a/x.go")),
            PathBuf::from("a/x.go")
        );
        assert_eq!(
            short_path(cwd, Path::new("/tmp/other/x.go")),
            PathBuf::from("../other/x.go")
        );
        assert_eq!(
            short_path(cwd, Path::new("/opt/go/src/fmt/print.go")),
            PathBuf::from("/opt/go/src/fmt/print.go")
        );
        assert!(has_prefix(Path::new("/a/b/c"), Path::new("/a/b")));
        assert!(!has_prefix(Path::new("/a/bc"), Path::new("/a/b")));
    }
}
