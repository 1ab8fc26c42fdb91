//! Per-P allocation caches (gc's mcache): one current span per span
//! class, allocated from without locks, plus the tiny allocator's 16-byte
//! block. There is one P for now (`P0`), reached through a lock; the
//! scheduler will give each P its own mcache.

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
}

// SAFETY: an MCache is only used by the holder of its P's lock.
unsafe impl Send for MCache {}

impl MCache {
    pub const fn new() -> Self {
        MCache {
            alloc: [ptr::null_mut(); NUM_SPAN_CLASSES],
            tiny: 0,
            tinyoffset: 0,
            tiny_allocs: 0,
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
                (sp.start + i * sp.elemsize, s)
            }
            None => (0, ptr::null_mut()),
        }
    }

    fn refill(&mut self, spc: SpanClass) -> *mut MSpan {
        let old = self.alloc[spc as usize];
        if !old.is_null() {
            mcentral::uncache_span(old);
        }
        let s = mcentral::cache_span(spc);
        self.alloc[spc as usize] = s;
        s
    }
}

impl Default for MCache {
    fn default() -> Self {
        Self::new()
    }
}

/// The one P's state the allocator uses.
pub struct P {
    pub mcache: MCache,
}

pub static P0: Mutex<P> = Mutex::new(P {
    mcache: MCache::new(),
});
