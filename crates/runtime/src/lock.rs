//! Runtime locks: a spin-then-yield mutual-exclusion lock that never
//! allocates and never poisons, usable before any runtime state exists
//! (gc's `mutex`). The scheduler will later make contended waits park on
//! futexes.

use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicBool, Ordering};

/// Sets `flag` once it is clear: spins a little, then yields. For locks
/// that outlive a scope (the print lock is held from `printlock` to
/// `printunlock`) as well as for `Mutex`. Release with a `Release` store
/// of `false`.
pub fn acquire(flag: &AtomicBool) {
    let mut spins = 0u32;
    while flag
        .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
        .is_err()
    {
        spins += 1;
        if spins < 64 {
            core::hint::spin_loop();
        } else {
            std::thread::yield_now();
        }
    }
}

/// A value protected by a spin lock.
pub struct Mutex<T> {
    locked: AtomicBool,
    value: UnsafeCell<T>,
}

// SAFETY: access to `value` only happens through a `Guard`, and a Guard
// exists for at most one thread at a time (the `locked` flag).
unsafe impl<T: Send> Sync for Mutex<T> {}
// SAFETY: as above; moving the lock moves the value.
unsafe impl<T: Send> Send for Mutex<T> {}

impl<T> Mutex<T> {
    pub const fn new(v: T) -> Self {
        Mutex {
            locked: AtomicBool::new(false),
            value: UnsafeCell::new(v),
        }
    }

    pub fn lock(&self) -> Guard<'_, T> {
        acquire(&self.locked);
        Guard { m: self }
    }

    /// Takes the lock if it is free.
    pub fn try_lock(&self) -> Option<Guard<'_, T>> {
        self.locked
            .compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed)
            .ok()
            .map(|_| Guard { m: self })
    }
}

/// Proof of holding a `Mutex`; unlocks on drop.
pub struct Guard<'a, T> {
    m: &'a Mutex<T>,
}

impl<T> core::ops::Deref for Guard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the guard proves exclusive access (see Mutex).
        unsafe { &*self.m.value.get() }
    }
}

impl<T> core::ops::DerefMut for Guard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the guard proves exclusive access (see Mutex).
        unsafe { &mut *self.m.value.get() }
    }
}

impl<T> Drop for Guard<'_, T> {
    fn drop(&mut self) {
        self.m.locked.store(false, Ordering::Release);
    }
}

/// A one-shot wake-up between two threads (gc's `note`): one thread
/// `sleep`s until another calls `wakeup`; `sleep` consumes the wake-up,
/// so the note can be reused. Waits block on a futex.
pub struct Note {
    key: core::sync::atomic::AtomicU32,
}

impl Note {
    pub const fn new() -> Note {
        Note {
            key: core::sync::atomic::AtomicU32::new(0),
        }
    }

    /// Blocks until `wakeup` (or returns at once if it already happened),
    /// then clears the note.
    pub fn sleep(&self) {
        while self.key.swap(0, Ordering::Acquire) == 0 {
            futex_wait(&self.key, 0, -1);
        }
    }

    /// Like `sleep` but gives up after `ns` nanoseconds; true if woken.
    pub fn sleep_timeout(&self, ns: i64) -> bool {
        if self.key.swap(0, Ordering::Acquire) != 0 {
            return true;
        }
        futex_wait(&self.key, 0, ns);
        self.key.swap(0, Ordering::Acquire) != 0
    }

    pub fn wakeup(&self) {
        self.key.store(1, Ordering::Release);
        futex_wake(&self.key, 1);
    }
}

impl Default for Note {
    fn default() -> Self {
        Note::new()
    }
}

/// Sleeps while `*addr == val` (at most `ns` nanoseconds if `ns >= 0`).
pub fn futex_wait(addr: &core::sync::atomic::AtomicU32, val: u32, ns: i64) {
    let ts = libc::timespec {
        tv_sec: (ns.max(0) / 1_000_000_000) as libc::time_t,
        tv_nsec: (ns.max(0) % 1_000_000_000) as libc::c_long,
    };
    let tsp = if ns >= 0 {
        &ts as *const libc::timespec
    } else {
        core::ptr::null()
    };
    // SAFETY: FUTEX_WAIT on a live, aligned u32; the kernel only reads it.
    unsafe {
        libc::syscall(
            libc::SYS_futex,
            addr.as_ptr(),
            libc::FUTEX_WAIT | libc::FUTEX_PRIVATE_FLAG,
            val,
            tsp,
        );
    }
}

/// Wakes up to `n` threads sleeping on `addr`.
pub fn futex_wake(addr: &core::sync::atomic::AtomicU32, n: i32) {
    // SAFETY: FUTEX_WAKE on a live, aligned u32.
    unsafe {
        libc::syscall(
            libc::SYS_futex,
            addr.as_ptr(),
            libc::FUTEX_WAKE | libc::FUTEX_PRIVATE_FLAG,
            n,
        );
    }
}
