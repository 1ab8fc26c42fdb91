//! The operating-system interface: raw writes to fd 2, process exit, and
//! virtual memory (reserve, commit, release) through libc. Nothing here
//! allocates; everything is callable from a signal handler except where
//! noted.

use core::ptr;

/// Writes all of `b` to file descriptor `fd`, retrying on EINTR and short
/// writes. Errors are ignored (there is nowhere to report them).
pub fn write_fd(fd: i32, mut b: &[u8]) {
    while !b.is_empty() {
        // A write may block (a full pipe): the P may go to another M.
        crate::proc::entersyscall();
        // SAFETY: `b` is a valid slice for `b.len()` bytes; write(2) only
        // reads from it.
        let n = unsafe { libc::write(fd, b.as_ptr().cast(), b.len()) };
        crate::proc::exitsyscall();
        if n < 0 {
            if errno() == libc::EINTR {
                continue;
            }
            return;
        }
        b = &b[n as usize..];
    }
}

/// Writes to standard error.
pub fn write_err(b: &[u8]) {
    write_fd(2, b);
}

fn errno() -> i32 {
    // SAFETY: __errno_location returns the calling thread's errno slot,
    // always valid to read.
    unsafe { *libc::__errno_location() }
}

/// Ends the process at once with `code`: no destructors, no atexit
/// handlers (Go's os.Exit does not run them either).
pub fn exit(code: i32) -> ! {
    // SAFETY: _exit has no preconditions and does not return.
    unsafe { libc::_exit(code) }
}

/// Reserves `size` bytes of address space, inaccessible, near `hint` if
/// that is free. Returns null on failure. Nothing is committed.
pub fn reserve(hint: usize, size: usize) -> *mut u8 {
    // SAFETY: an anonymous PROT_NONE mapping without MAP_FIXED cannot
    // clobber existing mappings; the kernel picks a free range.
    let p = unsafe {
        libc::mmap(
            hint as *mut libc::c_void,
            size,
            libc::PROT_NONE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        ptr::null_mut()
    } else {
        p.cast()
    }
}

/// Makes `[p, p+size)` (inside a reservation) readable and writable.
/// Pages are committed by the kernel on first touch and read as zero.
pub fn commit(p: *mut u8, size: usize) -> bool {
    // SAFETY: the caller passes a range of a reservation it owns;
    // mprotect does not move or unmap anything.
    unsafe { libc::mprotect(p.cast(), size, libc::PROT_READ | libc::PROT_WRITE) == 0 }
}

/// Maps `size` fresh zeroed read-write bytes anywhere (committed lazily).
/// Returns null on failure.
pub fn map_rw(size: usize) -> *mut u8 {
    // SAFETY: anonymous mapping without MAP_FIXED: no existing mapping is
    // affected.
    let p = unsafe {
        libc::mmap(
            ptr::null_mut(),
            size,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        ptr::null_mut()
    } else {
        p.cast()
    }
}

/// Returns a reservation's range to the system.
pub fn release(p: *mut u8, size: usize) {
    // SAFETY: the caller owns `[p, p+size)` and no longer uses it.
    unsafe {
        libc::munmap(p.cast(), size);
    }
}

/// Tells the kernel that `[p, p+size)` (page-aligned, committed) is not
/// needed: it reads as zero again and its physical pages are freed.
pub fn unused(p: *mut u8, size: usize) {
    // SAFETY: MADV_DONTNEED on an anonymous private mapping the caller
    // owns only drops its contents.
    unsafe {
        libc::madvise(p.cast(), size, libc::MADV_DONTNEED);
    }
}

/// The system page size (4096 on linux/amd64).
pub const PHYS_PAGE_SIZE: usize = 4096;

/// The value of the environment variable `name` (NUL-terminated), if set.
pub fn getenv(name: &[u8]) -> Option<&'static [u8]> {
    debug_assert_eq!(name.last(), Some(&0));
    // SAFETY: name is NUL-terminated; getenv returns null or a
    // NUL-terminated string in the environment, which the runtime never
    // changes (setenv is not called), so it lives for the process.
    unsafe {
        let p = libc::getenv(name.as_ptr().cast());
        if p.is_null() {
            return None;
        }
        Some(core::ffi::CStr::from_ptr(p).to_bytes())
    }
}

/// The number of CPUs the process may run on (its affinity mask), at
/// least 1: gc's `getproccount`.
pub fn ncpu() -> usize {
    // SAFETY: a zeroed cpu_set_t is a valid empty set;
    // sched_getaffinity(0, ...) fills it for the calling thread.
    let n = unsafe {
        let mut set: libc::cpu_set_t = core::mem::zeroed();
        if libc::sched_getaffinity(0, core::mem::size_of::<libc::cpu_set_t>(), &mut set) != 0 {
            return 1;
        }
        libc::CPU_COUNT(&set)
    };
    (n as usize).max(1)
}

/// Monotonic nanoseconds (gc's `nanotime`).
pub fn nanotime() -> i64 {
    clock(libc::CLOCK_MONOTONIC)
}

/// Nanoseconds since the Unix epoch (gc's `unixnano`).
pub fn unixnano() -> i64 {
    clock(libc::CLOCK_REALTIME)
}

fn clock(id: libc::clockid_t) -> i64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime fills ts.
    unsafe { libc::clock_gettime(id, &mut ts) };
    ts.tv_sec * 1_000_000_000 + ts.tv_nsec
}
