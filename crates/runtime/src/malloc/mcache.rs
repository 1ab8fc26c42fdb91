//! Per-P allocation caches (gc's mcache): one current span per span
//! class, allocated from without locks, plus the tiny allocator's 16-byte
//! block. Each scheduler P has one (`proc::P::mcache`), used only by the M
//! holding the P, so allocation takes no lock; threads without a P (unit
//! tests, the runtime's own threads) share `P0`'s behind a lock
//! (`with_mcache`).

use super::mcentral;
use super::mspan::MSpan;
use super::sizeclasses::*;
use crate::lock::Mutex;
use core::ptr;

pub struct MCache {
    pub alloc: [*mut MSpan; NUM_SPAN_CLASSES],
    /// The current tiny block and the offset of its first free byte.
    pub tiny: usize,
    pub tinyoffset: usize,
    pub tiny_allocs: usize,
    /// Objects handed out, by size class (the collector's statistics).
    pub nmalloc: [u64; NUM_SIZE_CLASSES],
}

// SAFETY: an MCache is only used by the M holding its P, or under P0's
// lock, or by the collector with the world stopped.
unsafe impl Send for MCache {}

impl MCache {
    pub const fn new() -> Self {
        MCache {
            alloc: [ptr::null_mut(); NUM_SPAN_CLASSES],
            tiny: 0,
            tinyoffset: 0,
            tiny_allocs: 0,
            nmalloc: [0; NUM_SIZE_CLASSES],
        }
    }

    /// gc's nextFree: an object of class `spc`, refilling from the
    /// mcentral when the current span is exhausted. Returns (address,
    /// span) or (0, null) when out of memory.
    #[inline]
    pub fn next_free(&mut self, spc: SpanClass) -> (usize, *mut MSpan) {
        let mut s = self.alloc[spc as usize];
        if !s.is_null() {
            // SAFETY: the cached span is owned by this mcache.
            let sp = unsafe { &mut *s };
            if let Some(i) = sp.next_free_index() {
                sp.alloc_count += 1;
                self.nmalloc[spanclass_sizeclass(spc)] += 1;
                return (sp.start + i * sp.elemsize, s);
            }
        }
        s = self.refill(spc);
        if s.is_null() {
            return (0, s);
        }
        // SAFETY: a span fresh from the mcentral has a free object.
        let sp = unsafe { &mut *s };
        match sp.next_free_index() {
            Some(i) => {
                sp.alloc_count += 1;
                self.nmalloc[spanclass_sizeclass(spc)] += 1;
                (sp.start + i * sp.elemsize, s)
            }
            None => (0, ptr::null_mut()),
        }
    }

    /// Swaps the exhausted span of class `spc` for one with free
    /// objects. As in gc, the new span's free slots count as live heap
    /// right away (`super::note_alloc`, which may ask for a collection);
    /// what is left unused is taken back when the span is uncached.
    fn refill(&mut self, spc: SpanClass) -> *mut MSpan {
        let old = self.alloc[spc as usize];
        if !old.is_null() {
            release(old);
        }
        let s = mcentral::cache_span(spc);
        self.alloc[spc as usize] = s;
        if !s.is_null() {
            // SAFETY: s is now owned by this mcache.
            let sp = unsafe { &*s };
            super::note_alloc((sp.nelems - sp.alloc_count) * sp.elemsize);
        }
        s
    }

    /// Gives every cached span back to its mcentral and drops the tiny
    /// block (before the collector marks: then every small span is on an
    /// mcentral list and no allocation is in progress).
    pub fn flush(&mut self) {
        for spc in 0..NUM_SPAN_CLASSES {
            let s = core::mem::replace(&mut self.alloc[spc], ptr::null_mut());
            if !s.is_null() {
                release(s);
            }
        }
        self.tiny = 0;
        self.tinyoffset = 0;
    }
}

/// Uncaches `s`, taking its unused slots out of the live heap count.
fn release(s: *mut MSpan) {
    // SAFETY: s is a span owned by the calling mcache.
    let sp = unsafe { &*s };
    super::unnote_alloc((sp.nelems - sp.alloc_count) * sp.elemsize);
    mcentral::uncache_span(s);
}

impl Default for MCache {
    fn default() -> Self {
        Self::new()
    }
}

/// Runs `f` on the calling thread's mcache: its P's, else P0's (locked).
#[inline]
pub fn with_mcache<R>(f: impl FnOnce(&mut MCache) -> R) -> R {
    let mc = crate::proc::current_mcache();
    if mc.is_null() {
        return f(&mut P0.lock().mcache);
    }
    // SAFETY: the mcache of the P this M holds: only this thread uses it
    // until it gives the P up, which it cannot do inside `f` (allocation
    // never blocks or switches goroutines).
    f(unsafe { &mut *mc })
}

/// Calls `f` on every mcache (P0's and every P's). The world must be
/// stopped.
pub fn for_each_mcache(mut f: impl FnMut(&mut MCache)) {
    f(&mut P0.lock().mcache);
    crate::proc::for_each_p_mcache(|mc| f(mc));
}

/// The lock-protected mcache of threads without a P.
pub struct P {
    pub mcache: MCache,
}

pub static P0: Mutex<P> = Mutex::new(P {
    mcache: MCache::new(),
});
