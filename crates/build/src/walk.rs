//! Which files a walk over a source tree visits, by the go command's rules:
//! `.go` files, skipping names that start with `.` or `_` and directories
//! named `testdata`; `_test.go` files only when asked. Entries are visited
//! in lexical order, so every listing is deterministic. Symbolic links to
//! files are followed, symbolic links to directories are not (no cycles).
//! Paths are built as Go's `filepath.Join` builds them (cleaned), so a walk
//! of `.` yields `a/x.go`, as gofmt prints it.

use crate::oserr::path_error;
use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

pub use syntax::pos::clean_path as clean;

/// Whether the go command ignores a file or directory of this name when it
/// looks for packages: it starts with `.` or `_`.
pub fn ignored_name(name: &OsStr) -> bool {
    matches!(name.as_bytes().first(), Some(b'.' | b'_'))
}

/// Whether a walk descends into a directory of this name.
pub fn walk_into(name: &OsStr) -> bool {
    !ignored_name(name) && name != "testdata"
}

/// Whether a file of this name is a Go source file a package walk reads.
pub fn is_go_file(name: &OsStr) -> bool {
    !ignored_name(name) && name.as_bytes().ends_with(b".go")
}

/// Whether a Go file name is a test file (`x_test.go`).
pub fn is_test_file(name: &OsStr) -> bool {
    name.as_bytes().ends_with(b"_test.go")
}

/// An entry of a directory listing, kind resolved through symbolic links.
struct Entry {
    path: PathBuf,
    name: std::ffi::OsString,
    is_dir: bool,
    /// A symbolic link (walks do not descend through them).
    is_link: bool,
}

/// The entries of `dir`, sorted by name. Entries that vanish or whose link
/// is dangling are left out.
fn read_sorted(dir: &Path) -> Result<Vec<Entry>, String> {
    let rd = fs::read_dir(dir).map_err(|e| path_error("open", dir, &e))?;
    let mut out = Vec::new();
    for ent in rd {
        let ent = ent.map_err(|e| path_error("readdirent", dir, &e))?;
        let Ok(ft) = ent.file_type() else { continue };
        let path = clean(&dir.join(ent.file_name()));
        let (is_dir, is_link) = if ft.is_symlink() {
            match fs::metadata(&path) {
                Ok(m) => (m.is_dir(), true),
                Err(_) => continue,
            }
        } else {
            (ft.is_dir(), false)
        };
        out.push(Entry {
            path,
            name: ent.file_name(),
            is_dir,
            is_link,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// The Go files of one package directory, sorted by name: every `.go`
/// file not ignored by name, and `_test.go` files only if `tests`.
pub fn package_files(dir: &Path, tests: bool) -> Result<Vec<PathBuf>, String> {
    Ok(read_sorted(dir)?
        .into_iter()
        .filter(|e| !e.is_dir && is_go_file(&e.name) && (tests || !is_test_file(&e.name)))
        .map(|e| e.path)
        .collect())
}

/// Appends every Go file under `root` (test files included) to `files`, in
/// lexical depth-first order, and the errors met to `errors`. Like gofmt's
/// walk, only hidden names (`.x`) are skipped, plus `testdata` directories:
/// their files are often broken on purpose. `_x` directories, which the go
/// command ignores for packages, hold ordinary source and are included.
pub fn go_files_recursive(root: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
    let entries = match read_sorted(root) {
        Ok(e) => e,
        Err(msg) => {
            errors.push(msg);
            return;
        }
    };
    for e in entries {
        let hidden = e.name.as_bytes().first() == Some(&b'.');
        if e.is_dir {
            if !e.is_link && !hidden && e.name != "testdata" {
                go_files_recursive(&e.path, files, errors);
            }
        } else if !hidden && e.name.as_bytes().ends_with(b".go") {
            files.push(e.path);
        }
    }
}

/// The directories under `root` (itself included) that hold at least one
/// non-test Go file: the packages the pattern `root/...` names.
pub fn package_dirs(root: &Path, dirs: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
    let entries = match read_sorted(root) {
        Ok(e) => e,
        Err(msg) => {
            errors.push(msg);
            return;
        }
    };
    if entries
        .iter()
        .any(|e| !e.is_dir && is_go_file(&e.name) && !is_test_file(&e.name))
    {
        dirs.push(root.to_path_buf());
    }
    for e in entries {
        if e.is_dir && !e.is_link && walk_into(&e.name) {
            package_dirs(&e.path, dirs, errors);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(tag: &str) -> PathBuf {
        let root = std::env::temp_dir().join(format!("rgo-walk-test-{}-{tag}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        for d in ["a/b", "a/testdata", "a/.hidden", "a/_skip", "c"] {
            fs::create_dir_all(root.join(d)).unwrap();
        }
        for f in [
            "z.go",
            "m_test.go",
            "a/x.go",
            "a/notes.txt",
            "a/.y.go",
            "a/_y.go",
            "a/b/q.go",
            "a/testdata/t.go",
            "a/.hidden/h.go",
            "a/_skip/s.go",
            "c/only_test.go",
        ] {
            fs::write(root.join(f), "package p\n").unwrap();
        }
        root
    }

    #[test]
    fn walks_like_gofmt_and_the_go_command() {
        let root = tree("walk");
        let mut files = Vec::new();
        let mut errors = Vec::new();
        go_files_recursive(&root, &mut files, &mut errors);
        let rel: Vec<_> = files
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap().to_str().unwrap().to_string())
            .collect();
        assert_eq!(
            rel,
            [
                "a/_skip/s.go",
                "a/_y.go",
                "a/b/q.go",
                "a/x.go",
                "c/only_test.go",
                "m_test.go",
                "z.go"
            ]
        );
        assert!(errors.is_empty());

        let pkg: Vec<_> = package_files(&root, false).unwrap();
        assert_eq!(pkg, [root.join("z.go")]);
        assert_eq!(
            package_files(&root, true).unwrap(),
            [root.join("m_test.go"), root.join("z.go")]
        );

        let mut dirs = Vec::new();
        package_dirs(&root, &mut dirs, &mut errors);
        assert_eq!(dirs, [root.clone(), root.join("a"), root.join("a/b")]);
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn clean_like_go() {
        for (p, want) in [
            ("", "."),
            (".", "."),
            ("./a/x.go", "a/x.go"),
            ("a//b/./c/", "a/b/c"),
            ("a/../..", ".."),
            ("../a/../b", "../b"),
            ("/../x", "/x"),
            ("/", "/"),
            ("a/b/../../..", ".."),
        ] {
            assert_eq!(clean(Path::new(p)), PathBuf::from(want), "{p}");
        }
    }

    #[test]
    fn walk_of_dot_yields_clean_paths() {
        let root = tree("dot");
        let mut files = Vec::new();
        let mut errors = Vec::new();
        // `<root>/./.` walks as `<root>`.
        go_files_recursive(&root.join(".").join("."), &mut files, &mut errors);
        assert_eq!(files.first(), Some(&root.join("a/_skip/s.go")));
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn missing_directory_is_an_error() {
        let mut files = Vec::new();
        let mut errors = Vec::new();
        go_files_recursive(Path::new("/nonexistent/rgo/dir"), &mut files, &mut errors);
        assert_eq!(
            errors,
            ["open /nonexistent/rgo/dir: no such file or directory"]
        );
        assert!(package_files(Path::new("/nonexistent/rgo/dir"), false).is_err());
    }
}
