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
