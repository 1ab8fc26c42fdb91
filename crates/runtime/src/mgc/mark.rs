//! Marking: the gray work list, the mark bits, and scanning.
//!
//! An object is white while its mark bit (`MSpan::gcmark_bits`) is clear,
//! gray once the bit is set and its base is on the work list, black once
//! it has been popped and scanned. Marking is iterative: `drain` pops gray
//! objects until the list is empty, never recursing.
//!
//! Heap objects are scanned precisely: small pointerful objects up to
//! 512 bytes from their span's trailing pointer bitmap, bigger ones from
//! the type in their 8-byte malloc header, large objects from their
//! span's `large_type`; a type's `GCData` mask repeats over the object
//! (an allocation holding an array of the type). Noscan objects (tiny
//! blocks included) are marked but never scanned. Any word is accepted
//! as a candidate pointer: `mark` ignores words that do not point into
//! an allocated object of an in-use span, and an interior pointer marks
//! the whole object. That is also what makes conservative scanning
//! (stacks, registers) safe.
//!
//! Mark bits are set atomically: `parmark` runs several markers at once.

use crate::abi::Type;
use crate::malloc::mheap::span_of;
use crate::malloc::mspan::MSpan;
use crate::malloc::sizeclasses::*;

/// The collector's marking state (one cycle at a time, world stopped).
pub struct Work {
    /// Gray objects: base addresses of marked, not yet scanned objects,
    /// with their spans.
    pub gray: Vec<(usize, *const MSpan)>,
    /// Bytes of stacks and of globals scanned (for gctrace).
    pub stack_bytes: usize,
    pub global_bytes: usize,
}

impl Work {
    pub const fn new() -> Self {
        Work {
            gray: Vec::new(),
            stack_bytes: 0,
            global_bytes: 0,
        }
    }
}

impl Default for Work {
    fn default() -> Self {
        Self::new()
    }
}

/// Marks the object containing address `p`, if `p` points into an
/// allocated heap object; a newly marked scannable object turns gray.
#[inline(always)]
pub fn mark(w: &mut Work, p: usize) {
    let s = span_of(p);
    if s.is_null() {
        return;
    }
    // SAFETY: span_of returns in-use spans; the world is stopped.
    let s = unsafe { &*s };
    if p >= s.limit {
        return;
    }
    let idx = s.obj_index(p);
    if !s.is_allocated(idx) {
        return;
    }
    // SAFETY: idx < nelems, inside the mark bitmap; several mark workers
    // may set bits of one word at once, hence the atomic.
    let word = unsafe { core::sync::atomic::AtomicU64::from_ptr(s.gcmark_bits.add(idx / 64)) };
    let bit = 1u64 << (idx % 64);
    if word.load(core::sync::atomic::Ordering::Relaxed) & bit != 0
        || word.fetch_or(bit, core::sync::atomic::Ordering::Relaxed) & bit != 0
    {
        return;
    }
    if !spanclass_noscan(s.spanclass) {
        w.gray.push((s.start + idx * s.elemsize, s));
    }
}

/// Whether the object containing `p` (an allocated heap address) is
/// marked.
pub fn is_marked(p: usize) -> bool {
    let s = span_of(p);
    if s.is_null() {
        return true;
    }
    // SAFETY: span_of returns in-use spans.
    let s = unsafe { &*s };
    let idx = s.obj_index(p);
    // SAFETY: idx indexes the object of p, inside the bitmap.
    unsafe { *s.gcmark_bits.add(idx / 64) & (1 << (idx % 64)) != 0 }
}

/// Pops gray objects and scans them until none is left.
pub fn drain(w: &mut Work) {
    while let Some((b, s)) = w.gray.pop() {
        // SAFETY: the span of a gray object is in use (world stopped).
        scan_span_object(w, b, unsafe { &*s });
    }
}

/// Scans the heap object starting at `base` (marked, of a scannable
/// span).
pub fn scan_object(w: &mut Work, base: usize) {
    let s = span_of(base);
    if s.is_null() {
        return;
    }
    // SAFETY: an in-use span; the world is stopped.
    scan_span_object(w, base, unsafe { &*s });
}

/// Scans the object at `base` of span `s`.
pub(super) fn scan_span_object(w: &mut Work, base: usize, s: &MSpan) {
    if spanclass_noscan(s.spanclass) {
        return;
    }
    if s.spanclass_sizeclass() == 0 {
        // SAFETY: a large pointerful span records its type (or null).
        if let Some(t) = unsafe { s.large_type.as_ref() } {
            // SAFETY: the span's pages are the object's memory.
            unsafe { scan_typed(w, base, s.npages * PAGE_SIZE, t) };
        }
        return;
    }
    if s.elemsize > MIN_SIZE_FOR_MALLOC_HEADER {
        // SAFETY: allocated objects of header spans start with their type.
        let t = unsafe { *(base as *const *const Type) };
        // SAFETY: a type written by malloc_small (or null).
        if let Some(t) = unsafe { t.as_ref() } {
            // SAFETY: the object follows its header inside the slot.
            unsafe {
                scan_typed(
                    w,
                    base + MALLOC_HEADER_SIZE,
                    s.elemsize - MALLOC_HEADER_SIZE,
                    t,
                )
            };
        }
        return;
    }
    // Pointer bitmap at the span's end: one bit per word (≤ 64 words).
    let bitmap = (s.start + s.npages * PAGE_SIZE - s.npages * PAGE_SIZE / 64) as *const u64;
    let first = (base - s.start) / 8;
    let words = s.elemsize / 8;
    let (lo, sh) = (first / 64, first % 64);
    // SAFETY: the object's bits are inside the span's bitmap (possibly
    // straddling two words).
    let mut bits = unsafe {
        let mut b = *bitmap.add(lo) >> sh;
        if sh + words > 64 {
            b |= *bitmap.add(lo + 1) << (64 - sh);
        }
        b
    };
    if words < 64 {
        bits &= (1u64 << words) - 1;
    }
    while bits != 0 {
        let i = bits.trailing_zeros() as usize;
        bits &= bits - 1;
        // SAFETY: word i is inside the object.
        let v = unsafe { *((base + i * 8) as *const usize) };
        mark(w, v);
    }
}

/// Scans `n` bytes at `p` holding consecutive values of type `t`, using
/// `t`'s pointer mask for each.
///
/// # Safety
/// `[p, p+n)` is readable and `t` a valid descriptor.
pub unsafe fn scan_typed(w: &mut Work, p: usize, n: usize, t: &Type) {
    if t.size == 0 || t.ptr_bytes == 0 || t.gcdata.is_null() {
        return;
    }
    let count = n / t.size;
    let pw = t.ptr_bytes / 8;
    for e in 0..count {
        let b = p + e * t.size;
        for i in 0..pw {
            // SAFETY: the mask has ptr_bytes/8 bits; the word is inside
            // element e.
            unsafe {
                if *t.gcdata.add(i / 8) & (1 << (i % 8)) != 0 {
                    mark(w, *((b + i * 8) as *const usize));
                }
            }
        }
    }
}

/// Treats every aligned word of `[lo, hi)` as a possible pointer.
///
/// # Safety
/// The range is readable memory.
pub unsafe fn scan_conservative(w: &mut Work, lo: usize, hi: usize) {
    let mut p = (lo + 7) & !7;
    while p + 8 <= hi {
        // SAFETY: p is an aligned word inside the readable range.
        mark(w, unsafe { *(p as *const usize) });
        p += 8;
    }
}
