//! Sweeping, done in full before the world restarts (gc's runtime.GC
//! semantics for every cycle): each small span's mark bits become its
//! alloc bits (unmarked objects are free again), it gets fresh zeroed
//! mark bits, its allocation cursor restarts and, when something was
//! freed, its memory is flagged for zeroing; a span left with no object
//! goes back to the page heap, the others back on their mcentral's
//! partial or full list. Large spans are kept (mark bit cleared) or
//! freed. Then idle free pages beyond the retention target are returned
//! to the OS (`MHeap::scavenge`).

use crate::malloc::mcentral::{CENTRAL, LARGE, LIST_FULL, LIST_LARGE, LIST_PARTIAL};
use crate::malloc::mheap::HEAP;
use crate::malloc::mspan::MSpan;
use crate::malloc::sizeclasses::*;

/// What a sweep found.
pub struct SweepResult {
    /// Bytes of marked (surviving) objects.
    pub marked_bytes: usize,
    /// Objects freed by size class (class 0: large).
    pub frees: [u64; NUM_SIZE_CLASSES],
    pub large_freed_bytes: u64,
}

/// Sweeps every span. The mcaches must have been flushed.
pub fn sweep_all() -> SweepResult {
    let mut r = SweepResult {
        marked_bytes: 0,
        frees: [0; NUM_SIZE_CLASSES],
        large_freed_bytes: 0,
    };
    let mut tmp: Vec<*mut MSpan> = Vec::new();
    for (spc, central) in CENTRAL.iter().enumerate() {
        let mut c = central.lock();
        tmp.clear();
        loop {
            let s = c.partial.pop();
            if s.is_null() {
                break;
            }
            tmp.push(s);
        }
        loop {
            let s = c.full.pop();
            if s.is_null() {
                break;
            }
            tmp.push(s);
        }
        for &s in &tmp {
            // SAFETY: spans of an mcentral list are in-use spans nobody
            // else touches while the world is stopped.
            let sp = unsafe { &mut *s };
            let (nalloc, nfree) = sweep_small(sp);
            r.frees[spanclass_sizeclass(spc as u8)] += nfree as u64;
            if nalloc == 0 {
                HEAP.lock().free_span(s);
            } else {
                r.marked_bytes += nalloc * sp.elemsize;
                if sp.is_full() {
                    c.full.push(s, LIST_FULL);
                } else {
                    c.partial.push(s, LIST_PARTIAL);
                }
            }
        }
    }
    let mut large = LARGE.lock();
    tmp.clear();
    loop {
        let s = large.pop();
        if s.is_null() {
            break;
        }
        tmp.push(s);
    }
    for &s in &tmp {
        // SAFETY: an in-use large span (world stopped).
        let sp = unsafe { &mut *s };
        // SAFETY: a large span's bitmaps have one word.
        let marked = unsafe { *sp.gcmark_bits & 1 != 0 };
        if marked {
            // SAFETY: as above.
            unsafe { *sp.gcmark_bits = 0 };
            r.marked_bytes += sp.npages * PAGE_SIZE;
            large.push(s, LIST_LARGE);
        } else {
            r.frees[0] += 1;
            r.large_freed_bytes += (sp.npages * PAGE_SIZE) as u64;
            HEAP.lock().free_span(s);
        }
    }
    drop(large);
    r
}

/// Sweeps one small span: returns (objects kept, objects freed).
fn sweep_small(s: &mut MSpan) -> (usize, usize) {
    let words = s.bitmap_words();
    let mut nalloc = 0;
    for i in 0..words {
        // SAFETY: i < words ≤ the bitmap's capacity.
        nalloc += unsafe { *s.gcmark_bits.add(i) }.count_ones() as usize;
    }
    let nfree = s.alloc_count.saturating_sub(nalloc);
    core::mem::swap(&mut s.alloc_bits, &mut s.gcmark_bits);
    // SAFETY: the new mark bitmap has `words` words.
    unsafe { core::ptr::write_bytes(s.gcmark_bits, 0, words) };
    s.alloc_count = nalloc;
    s.freeindex = 0;
    s.refill_alloc_cache(0);
    if nfree > 0 {
        s.needzero = true;
    }
    (nalloc, nfree)
}
