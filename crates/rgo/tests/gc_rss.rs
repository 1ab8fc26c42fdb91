//! The collector keeps the heap bounded: `tests/gc/alloc_loop.go`
//! allocates 2 GB in total with a live set of about 50 MB; built with rgo,
//! its peak resident set (the child's `ru_maxrss`, from `wait4`) must stay
//! under 300 MB and its checks must pass. Without a collector it would
//! need the whole 2 GB.

use std::path::PathBuf;
use std::process::{Command, Stdio};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

// The child is reaped by `wait4` (for its rusage), not `Child::wait`.
#[allow(clippy::zombie_processes)]
#[test]
fn allocation_loop_stays_bounded() {
    let dir = std::env::temp_dir().join(format!("rgo-gc-rss-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let exe = dir.join("alloc_loop");
    let st = Command::new(env!("CARGO_BIN_EXE_rgo"))
        .args(["build", "-o"])
        .arg(&exe)
        .arg(repo().join("tests/gc/alloc_loop.go"))
        .env("RGOCACHE", "off")
        .status()
        .unwrap();
    assert!(st.success(), "rgo build failed");
    let mut child = Command::new(&exe)
        .env_remove("GOGC")
        .env_remove("GODEBUG")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = child.stderr.take().unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for the child we spawned (not reaped elsewhere).
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut ru) };
    assert_eq!(r, pid);
    let _ = std::fs::remove_dir_all(&dir);
    let mut msg = String::new();
    std::io::Read::read_to_string(&mut err, &mut msg).unwrap();
    assert_eq!(msg, "ok\n", "alloc_loop's checks");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "alloc_loop failed: status {status:#x}"
    );
    let peak_mb = ru.ru_maxrss as f64 / 1024.0;
    eprintln!("alloc_loop: peak RSS {peak_mb:.1} MB");
    assert!(peak_mb < 300.0, "peak RSS {peak_mb:.1} MB");
    // With the collector off the same program needs (almost) all 2 GB:
    // the bound above means something.
    assert!(peak_mb > 20.0, "implausible peak RSS {peak_mb:.1} MB");
}
