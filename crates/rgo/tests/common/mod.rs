//! Helpers shared by the rgo integration tests: running the built binary
//! with a controlled environment and making scratch directories.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct Out {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

/// The rgo binary under test.
pub fn rgo_path() -> &'static str {
    env!("CARGO_BIN_EXE_rgo")
}

/// A command for the rgo under test, run in `dir`.
pub fn rgo_cmd(dir: &Path) -> Command {
    let mut c = Command::new(rgo_path());
    c.current_dir(dir).stdin(Stdio::null());
    c
}

pub fn output(c: &mut Command) -> Out {
    let o = c.output().expect("run rgo");
    Out {
        status: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// Runs rgo with `args` in `dir`.
pub fn rgo_in<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Out {
    output(rgo_cmd(dir).args(args))
}

/// Runs rgo with `args` in a scratch directory.
pub fn rgo<S: AsRef<OsStr>>(args: &[S]) -> Out {
    rgo_in(&std::env::temp_dir(), args)
}

/// A fresh, empty scratch directory.
pub fn scratch(tag: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let d = std::env::temp_dir().join(format!(
        "rgo-cli-test-{}-{}-{tag}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Writes `files` (path, contents) under `dir`, creating directories.
pub fn write_tree(dir: &Path, files: &[(&str, &str)]) {
    for (p, text) in files {
        let p = dir.join(p);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}
