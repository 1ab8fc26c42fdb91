//! rgo's own Go packages that take the place of GOROOT's: the `lib/`
//! directory of the rgo installation. A package directory `lib/<path>`
//! (one holding `.go` files) replaces `GOROOT/src/<path>` wholesale; the
//! package keeps its import path and stays part of the standard library.
//! Single files can also be overlaid onto a GOROOT package
//! ([`Overlay::replace_file`]): the package is read from GOROOT with that
//! file's contents taken from elsewhere (or the file added).
//!
//! `lib/` is found as `$RGO_LIB` if set (empty: no overlay), else as
//! `../../lib` from the rgo executable (the repository layout:
//! `target/release/rgo`), else `../lib/rgo` from it (an installed layout).

use std::collections::{BTreeMap, HashMap};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The overlay: a `lib/` directory and single-file replacements.
#[derive(Clone, Debug, Default)]
pub struct Overlay {
    /// The `lib/` directory, if there is one.
    pub lib: Option<PathBuf>,
    /// Import path → file name → the file whose contents replace it.
    files: HashMap<String, BTreeMap<OsString, PathBuf>>,
}

impl Overlay {
    /// No overlay at all.
    pub fn none() -> Overlay {
        Overlay::default()
    }

    /// An overlay with `lib` as its `lib/` directory.
    pub fn with_lib(lib: impl Into<PathBuf>) -> Overlay {
        Overlay {
            lib: Some(lib.into()),
            files: HashMap::new(),
        }
    }

    /// The overlay of this rgo installation (see the module comment).
    pub fn find() -> Result<Overlay, String> {
        if let Some(v) = std::env::var_os("RGO_LIB") {
            if v.is_empty() {
                return Ok(Overlay::none());
            }
            let p = PathBuf::from(&v);
            if !p.is_dir() {
                return Err(format!("rgo: RGO_LIB={} is not a directory", p.display()));
            }
            return Ok(Overlay::with_lib(p));
        }
        let exe = std::env::current_exe()
            .ok()
            .and_then(|e| e.canonicalize().ok());
        let Some(bin) = exe.as_deref().and_then(Path::parent) else {
            return Ok(Overlay::none());
        };
        for cand in [bin.join("../../lib"), bin.join("../lib/rgo")] {
            if cand.is_dir() {
                return Ok(Overlay::with_lib(crate::walk::clean(&cand)));
            }
        }
        Ok(Overlay::none())
    }

    /// The directory that replaces the standard package `import_path`:
    /// `lib/<import_path>` if it holds Go files.
    pub fn package_dir(&self, import_path: &str) -> Option<PathBuf> {
        let lib = self.lib.as_ref()?;
        if import_path.is_empty()
            || import_path
                .split('/')
                .any(|e| e.is_empty() || e == "." || e == "..")
        {
            return None;
        }
        let dir = lib.join(import_path);
        has_go_files(&dir).then_some(dir)
    }

    /// Whether `dir` (a package directory as resolved) lies in `lib/`.
    pub fn contains(&self, dir: &Path) -> bool {
        self.lib.as_ref().is_some_and(|lib| dir.starts_with(lib))
    }

    /// Makes the file `name` of the GOROOT package `import_path` read
    /// from `replacement` (or adds it to the package).
    pub fn replace_file(
        &mut self,
        import_path: &str,
        name: impl Into<OsString>,
        replacement: PathBuf,
    ) {
        self.files
            .entry(import_path.to_string())
            .or_default()
            .insert(name.into(), replacement);
    }

    /// The single-file replacements of a package, by file name.
    pub fn files(&self, import_path: &str) -> Option<&BTreeMap<OsString, PathBuf>> {
        self.files.get(import_path)
    }
}

/// Whether a directory holds a file whose name ends in `.go` (the go
/// command's test for a plausible package directory, `fsys.IsGoDir`).
pub fn has_go_files(dir: &Path) -> bool {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return false;
    };
    rd.flatten().any(|e| {
        e.file_name().as_encoded_bytes().ends_with(b".go")
            && std::fs::metadata(e.path()).is_ok_and(|m| m.is_file())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lib_packages_need_go_files() {
        let lib = std::env::temp_dir().join(format!("rgo-overlay-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&lib);
        std::fs::create_dir_all(lib.join("internal/abi")).unwrap();
        std::fs::write(lib.join("internal/abi/abi.go"), "package abi\n").unwrap();
        let o = Overlay::with_lib(&lib);
        assert_eq!(
            o.package_dir("internal/abi"),
            Some(lib.join("internal/abi"))
        );
        // A directory on the way to a package is not one.
        assert_eq!(o.package_dir("internal"), None);
        assert_eq!(o.package_dir("fmt"), None);
        assert_eq!(o.package_dir("../x"), None);
        assert_eq!(Overlay::none().package_dir("internal/abi"), None);
        std::fs::remove_dir_all(&lib).unwrap();
    }
}
