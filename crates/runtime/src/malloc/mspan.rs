//! `MSpan`: a run of pages holding objects of one span class (or one
//! large object), with its allocation state (gc's mspan): `freeindex` and
//! the 64-bit `alloc_cache` for the fast path, alloc bits (objects below
//! `freeindex` or with their alloc bit set are allocated) and the GC's mark
//! bits, which the sweeper swaps in as the next alloc bits (`mgc::sweep`).
//! The bitmaps belong to the `MSpan` structure and are reused when the
//! structure is (spans come and go with every collection).

use super::persistent;
use super::sizeclasses::*;
use crate::abi::Type;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum SpanState {
    Free = 0,
    InUse = 1,
    /// Runtime-internal (reserved for stacks later).
    Manual = 2,
}

#[repr(C)]
pub struct MSpan {
    /// Links in an mcentral list (or the heap's free MSpan list).
    pub next: *mut MSpan,
    pub prev: *mut MSpan,
    /// First byte and page count.
    pub start: usize,
    pub npages: usize,
    /// One past the last usable byte of the objects.
    pub limit: usize,
    pub elemsize: usize,
    pub nelems: usize,
    /// Index from which to look for a free object.
    pub freeindex: usize,
    /// Inverted alloc bits from `freeindex` on, to the end of its 64-bit
    /// word: bit 0 is object `freeindex`.
    pub alloc_cache: u64,
    pub alloc_count: usize,
    /// One bit per object, `nelems` rounded up to 64.
    pub alloc_bits: *mut u64,
    pub gcmark_bits: *mut u64,
    /// For a large pointerful object, its type (small objects carry it in
    /// their malloc header or their span's pointer bitmap).
    pub large_type: *const Type,
    pub spanclass: SpanClass,
    pub state: SpanState,
    /// Memory may hold old data (false for freshly mapped pages).
    pub needzero: bool,
    /// Which mcentral list holds the span (0 none, 1 partial, 2 full).
    pub list: u8,
    pub sweepgen: u32,
    /// For `obj_index`: (2^32 / elemsize) rounded up.
    pub div_mul: u32,
    /// Capacity in 64-bit words of `alloc_bits` and `gcmark_bits`.
    pub bits_cap: usize,
}

impl MSpan {
    /// Prepares a span of `npages` at `start` for `spanclass`.
    pub fn init(&mut self, start: usize, npages: usize, spanclass: SpanClass, needzero: bool) {
        self.next = core::ptr::null_mut();
        self.prev = core::ptr::null_mut();
        self.start = start;
        self.npages = npages;
        self.spanclass = spanclass;
        self.state = SpanState::InUse;
        self.needzero = needzero;
        self.list = 0;
        self.freeindex = 0;
        self.alloc_count = 0;
        self.large_type = core::ptr::null();
        let nbytes = npages * PAGE_SIZE;
        let sc = spanclass_sizeclass(spanclass);
        if sc == 0 {
            self.elemsize = nbytes;
            self.nelems = 1;
        } else {
            self.elemsize = CLASS_TO_SIZE[sc] as usize;
            if !spanclass_noscan(spanclass) && self.elemsize <= MIN_SIZE_FOR_MALLOC_HEADER {
                // The pointer bitmap (one bit per word) sits at the span's end.
                self.nelems = (nbytes - nbytes / 8 / 8) / self.elemsize;
            } else {
                self.nelems = nbytes / self.elemsize;
            }
        }
        self.limit = start + self.nelems * self.elemsize;
        self.div_mul = (u32::MAX / self.elemsize.min(u32::MAX as usize) as u32).wrapping_add(1);
        let words = self.nelems.div_ceil(64);
        if words > self.bits_cap {
            self.alloc_bits = persistent::alloc(words * 8, 8).cast();
            self.gcmark_bits = persistent::alloc(words * 8, 8).cast();
            self.bits_cap = words;
        } else {
            // SAFETY: both bitmaps have bits_cap ≥ words words.
            unsafe {
                core::ptr::write_bytes(self.alloc_bits, 0, words);
                core::ptr::write_bytes(self.gcmark_bits, 0, words);
            }
        }
        self.refill_alloc_cache(0);
    }

    /// Loads `alloc_cache` for the 64-object word holding `idx`.
    pub fn refill_alloc_cache(&mut self, idx: usize) {
        // SAFETY: alloc_bits has nelems.div_ceil(64) words and idx < nelems
        // (or idx is 0 on a span of at least one object).
        let w = unsafe { *self.alloc_bits.add(idx / 64) };
        self.alloc_cache = !w >> (idx % 64);
    }

    /// The next free object's index, advancing `freeindex` past it, or
    /// None when the span is full (gc's nextFreeIndex).
    pub fn next_free_index(&mut self) -> Option<usize> {
        loop {
            if self.freeindex >= self.nelems {
                return None;
            }
            if self.alloc_cache == 0 {
                // Nothing free in the rest of this word: next word.
                let next = (self.freeindex + 64) & !63;
                self.freeindex = next;
                if next >= self.nelems {
                    return None;
                }
                self.refill_alloc_cache(next);
                continue;
            }
            let bit = self.alloc_cache.trailing_zeros() as usize;
            let idx = self.freeindex + bit;
            if idx >= self.nelems {
                self.freeindex = self.nelems;
                return None;
            }
            self.freeindex = idx + 1;
            if self.freeindex.is_multiple_of(64) {
                if self.freeindex < self.nelems {
                    self.refill_alloc_cache(self.freeindex);
                } else {
                    self.alloc_cache = 0;
                }
            } else {
                self.alloc_cache >>= bit + 1;
            }
            return Some(idx);
        }
    }

    /// The index of the object containing address `p` (inside the span).
    #[inline]
    pub fn obj_index(&self, p: usize) -> usize {
        let off = p - self.start;
        if self.spanclass_sizeclass() == 0 {
            return 0;
        }
        ((off as u64 * self.div_mul as u64) >> 32) as usize
    }

    /// The start of the object containing `p`.
    pub fn obj_base(&self, p: usize) -> usize {
        self.start + self.obj_index(p) * self.elemsize
    }

    pub fn spanclass_sizeclass(&self) -> usize {
        spanclass_sizeclass(self.spanclass)
    }

    /// Whether object `idx` is allocated: below `freeindex` every object
    /// is (allocated before the last sweep or since), above it the alloc
    /// bits tell.
    #[inline]
    pub fn is_allocated(&self, idx: usize) -> bool {
        if idx >= self.nelems {
            return false;
        }
        // SAFETY: idx < nelems, inside the bitmap.
        idx < self.freeindex || unsafe { *self.alloc_bits.add(idx / 64) } & (1 << (idx % 64)) != 0
    }

    /// Words of the alloc/mark bitmaps in use.
    pub fn bitmap_words(&self) -> usize {
        self.nelems.div_ceil(64)
    }

    pub fn is_full(&self) -> bool {
        self.alloc_count >= self.nelems
    }
}
