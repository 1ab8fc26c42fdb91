//! The build cache of `rgo build` and `rgo run`: each linked executable
//! is kept under a key that hashes everything it is built from (the rgo
//! executable and runtime library by path, size and modification time,
//! the target, the build flags, and the language version and the name and
//! contents of every source file of every package in the program), so that building an unchanged
//! program again copies or runs the kept executable without compiling.
//!
//! The directory is `$RGOCACHE` (an absolute path; `off` disables the
//! cache), else `build/` in rgo's cache directory (`rgo env GOCACHE`).
//! Entries are `KK/KEY/NAME` (`KK` the key's first two digits); they are
//! written under a temporary name and renamed, so concurrent builds of
//! one program are safe. Entries unused for [`TRIM_AGE`] are removed, at
//! most once per [`TRIM_INTERVAL`]. `RGO_DEBUG_CACHE=1` reports hits and
//! misses on stderr.

use crate::check::{self, Config};
use std::ffi::OsString;
use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Entries not used for this long are removed.
const TRIM_AGE: Duration = Duration::from_secs(5 * 24 * 3600);
/// How often the cache is scanned for old entries.
const TRIM_INTERVAL: Duration = Duration::from_secs(24 * 3600);

/// An open build cache.
pub(crate) struct Cache {
    dir: PathBuf,
    debug: bool,
}

/// The place of one program's executable in the cache.
pub(crate) struct Entry {
    /// Where the executable is (or will be) kept.
    pub path: PathBuf,
    debug: bool,
}

fn debug_enabled() -> bool {
    std::env::var_os("RGO_DEBUG_CACHE").is_some_and(|v| v == "1")
}

/// The cache directory from the environment; `None` when the cache is
/// off or has no usable directory.
fn cache_dir() -> Option<PathBuf> {
    match std::env::var_os("RGOCACHE").filter(|v| !v.is_empty()) {
        Some(v) if v == "off" => None,
        Some(v) => {
            let p = PathBuf::from(v);
            p.is_absolute().then_some(p)
        }
        None => build::cache::cache_dir().ok().map(|d| d.join("build")),
    }
}

impl Cache {
    /// The cache of this process's environment, or `None` when it is off.
    pub fn open() -> Option<Cache> {
        let debug = debug_enabled();
        let Some(dir) = cache_dir() else {
            if debug {
                eprintln!("rgo: cache off");
            }
            return None;
        };
        Some(Cache { dir, debug })
    }

    /// The entry of the program that `args` (files or a directory) name,
    /// built with `flags`, or `None` when it does not load (the compiler
    /// reports why).
    pub fn entry(&self, args: &[OsString], flags: &[&str]) -> Option<Entry> {
        let config = Config {
            all_errors: false,
            lang: None,
            tags: Vec::new(),
        };
        let graph = check::load(args, &config).ok()?;
        let root = &graph.packages[*graph.roots.first()?];
        let name = super::exe_name(args, &root.dir);
        let mut key = Key::new();
        key.add_str("rgo build cache 1");
        let exe = std::env::current_exe().ok()?;
        key.add_file_identity(&exe)?;
        key.add_file_identity(&super::runtime_library().ok()?)?;
        for var in ["GOOS", "GOARCH"] {
            key.add_str(&std::env::var(var).unwrap_or_default());
        }
        key.add_str(&flags.len().to_string());
        for f in flags {
            key.add_str(f);
        }
        key.add_str(&name);
        for &id in &graph.order {
            let pkg = &graph.packages[id];
            key.add_str(&pkg.import_path);
            // The language version (go.mod's go line) changes semantics.
            key.add_str(&format!("go{}.{}", pkg.lang.major, pkg.lang.minor));
            key.add_str(&pkg.files.len().to_string());
            for f in &pkg.files {
                key.add_str(&f.path.to_string_lossy());
                key.add_bytes(&std::fs::read(&f.path).ok()?);
            }
        }
        let hex = key.hex();
        let dir = self.dir.join(&hex[..2]).join(&hex);
        // A cache that cannot be written is no cache: build as without.
        if let Err(e) = std::fs::create_dir_all(&dir) {
            if self.debug {
                eprintln!("rgo: cache off ({}: {e})", dir.display());
            }
            return None;
        }
        Some(Entry {
            path: dir.join(name),
            debug: self.debug,
        })
    }

    /// Removes entries unused for [`TRIM_AGE`], at most once per
    /// [`TRIM_INTERVAL`] (recorded by the mtime of `trim.txt`).
    pub fn trim(&self) {
        let mark = self.dir.join("trim.txt");
        let now = SystemTime::now();
        let recent = std::fs::metadata(&mark)
            .and_then(|m| m.modified())
            .is_ok_and(|t| now.duration_since(t).unwrap_or_default() < TRIM_INTERVAL);
        if recent || std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        let _ = std::fs::write(&mark, "");
        let Ok(shards) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for shard in shards.flatten() {
            let Ok(entries) = std::fs::read_dir(shard.path()) else {
                continue;
            };
            for e in entries.flatten() {
                let used = std::fs::read_dir(e.path())
                    .into_iter()
                    .flatten()
                    .flatten()
                    .filter_map(|f| f.metadata().ok()?.modified().ok())
                    .max();
                let old = used.is_none_or(|t| now.duration_since(t).unwrap_or_default() > TRIM_AGE);
                if old {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
    }
}

impl Entry {
    /// Whether the executable is in the cache (then marked as used now).
    pub fn lookup(&self) -> bool {
        // Read-only: the executable may be running (no ETXTBSY); futimens
        // needs only ownership.
        let hit = std::fs::File::open(&self.path)
            .and_then(|f| f.set_modified(SystemTime::now()))
            .is_ok();
        if self.debug {
            eprintln!("rgo: cache {}", if hit { "hit" } else { "miss" });
        }
        hit
    }

    /// Builds the executable with `build` (given the path to write) and
    /// puts it in place.
    pub fn store(&self, build: impl FnOnce(&Path) -> Result<(), String>) -> Result<(), String> {
        let dir = self.path.parent().expect("entry path has a directory");
        let tmp = dir.join(format!(
            ".{}.tmp{}",
            self.path.file_name().unwrap().to_string_lossy(),
            std::process::id()
        ));
        let r = build(&tmp).and_then(|()| {
            std::fs::rename(&tmp, &self.path)
                .map_err(|e| format!("rgo: {}: {e}", self.path.display()))
        });
        if r.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        r
    }
}

/// A 128-bit key: two SipHash states fed the same length-prefixed inputs.
struct Key(DefaultHasher, DefaultHasher);

impl Key {
    fn new() -> Key {
        let mut b = DefaultHasher::new();
        b.write_u8(0x5a);
        Key(DefaultHasher::new(), b)
    }

    fn add_bytes(&mut self, b: &[u8]) {
        for h in [&mut self.0, &mut self.1] {
            h.write_u64(b.len() as u64);
            h.write(b);
        }
    }

    fn add_str(&mut self, s: &str) {
        self.add_bytes(s.as_bytes());
    }

    /// A file's identity without reading it: path, size and mtime.
    fn add_file_identity(&mut self, p: &Path) -> Option<()> {
        let m = std::fs::metadata(p).ok()?;
        let t = m
            .modified()
            .ok()?
            .duration_since(SystemTime::UNIX_EPOCH)
            .ok()?;
        self.add_str(&p.to_string_lossy());
        self.add_str(&format!("{} {}", m.len(), t.as_nanos()));
        Some(())
    }

    fn hex(&self) -> String {
        format!("{:016x}{:016x}", self.0.finish(), self.1.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_separates_inputs() {
        let k = |parts: &[&str]| {
            let mut k = Key::new();
            for p in parts {
                k.add_str(p);
            }
            k.hex()
        };
        assert_eq!(k(&["a", "b"]), k(&["a", "b"]));
        assert_ne!(k(&["ab", ""]), k(&["a", "b"]));
        assert_ne!(k(&["a"]), k(&["b"]));
        assert_eq!(k(&[]).len(), 32);
    }
}
