//! The page heap (gc's mheap): one large address-space reservation cut
//! into 64 MiB arenas, committed one arena at a time as the heap grows;
//! a bitmap of in-use pages (first-fit search from the lowest possibly
//! free page) and a bitmap of pages that may hold old data; per-arena
//! metadata with the page → span table, so any address (interior pointers
//! included) finds its span in O(1) (`span_of`). Spans are carved from
//! here for the mcentrals and for large objects, and given back by the
//! sweeper (`free_span`). `scavenge` returns the physical memory of idle
//! free pages to the OS (`MADV_DONTNEED`): such pages are *released*,
//! read as zero and need no zeroing when they are used again.

use super::mspan::{MSpan, SpanState};
use super::persistent;
use super::sizeclasses::*;
use crate::lock::Mutex;
use crate::sys;
use core::ptr;
use core::sync::atomic::{AtomicUsize, Ordering};

pub const ARENA_SIZE: usize = 64 << 20;
pub const PAGES_PER_ARENA: usize = ARENA_SIZE / PAGE_SIZE;
/// Where gc puts its heap on linux/amd64 (pointers print alike).
const HEAP_HINT: usize = 0x00c0_0000_0000;
/// The reservation (address space only). Halved until the OS accepts.
const HEAP_RESERVE: usize = 256 << 30;
const MIN_RESERVE: usize = 4 << 30;

/// Per-arena metadata (gc's heapArena).
#[repr(C)]
pub struct HeapArena {
    /// The span of each page (null for free pages).
    pub spans: [*mut MSpan; PAGES_PER_ARENA],
}

/// The reservation's bounds, readable without the lock.
static HEAP_BASE: AtomicUsize = AtomicUsize::new(0);
static HEAP_END: AtomicUsize = AtomicUsize::new(0);
/// Arena metadata by arena index (from HEAP_BASE); entries are set once.
static ARENAS: AtomicUsize = AtomicUsize::new(0);

pub struct MHeap {
    base: usize,
    npages_total: usize,
    /// Pages of committed arenas: [0, mapped_pages).
    mapped_pages: usize,
    /// One bit per page: in use.
    inuse: *mut u64,
    /// One bit per page: has been used (must be zeroed before reuse).
    dirty: *mut u64,
    /// One bit per page: free and given back to the OS (reads as zero).
    released: *mut u64,
    pub released_pages: usize,
    /// No free page below this index.
    search_hint: usize,
    free_spans: *mut MSpan,
    pub pages_in_use: usize,
}

// SAFETY: MHeap is only reached through the HEAP mutex.
unsafe impl Send for MHeap {}

pub static HEAP: Mutex<MHeap> = Mutex::new(MHeap {
    base: 0,
    npages_total: 0,
    mapped_pages: 0,
    inuse: ptr::null_mut(),
    dirty: ptr::null_mut(),
    released: ptr::null_mut(),
    released_pages: 0,
    search_hint: 0,
    free_spans: ptr::null_mut(),
    pages_in_use: 0,
});

impl MHeap {
    fn init(&mut self) {
        let mut size = HEAP_RESERVE;
        let mut base;
        loop {
            base = sys::reserve(HEAP_HINT, size + ARENA_SIZE);
            if !base.is_null() || size <= MIN_RESERVE {
                break;
            }
            size /= 2;
        }
        if base.is_null() {
            crate::panic::throw("runtime: cannot reserve arena virtual address space");
        }
        // Align the start to an arena boundary (the slack is never used).
        let aligned = (base as usize).next_multiple_of(ARENA_SIZE);
        self.base = aligned;
        self.npages_total = size / PAGE_SIZE;
        let words = self.npages_total.div_ceil(64);
        self.inuse = sys::map_rw(words * 8).cast();
        self.dirty = sys::map_rw(words * 8).cast();
        self.released = sys::map_rw(words * 8).cast();
        let arenas = sys::map_rw(size / ARENA_SIZE * 8);
        if self.inuse.is_null()
            || self.dirty.is_null()
            || self.released.is_null()
            || arenas.is_null()
        {
            crate::panic::throw("runtime: cannot allocate heap metadata");
        }
        ARENAS.store(arenas as usize, Ordering::Release);
        HEAP_END.store(aligned + size, Ordering::Release);
        HEAP_BASE.store(aligned, Ordering::Release);
    }

    fn bit(words: *mut u64, i: usize) -> bool {
        // SAFETY: i < npages_total, inside the bitmap.
        unsafe { *words.add(i / 64) & (1 << (i % 64)) != 0 }
    }

    fn set_bits(words: *mut u64, from: usize, n: usize, v: bool) {
        for i in from..from + n {
            // SAFETY: the range is inside the heap's pages.
            unsafe {
                let w = words.add(i / 64);
                if v {
                    *w |= 1 << (i % 64);
                } else {
                    *w &= !(1 << (i % 64));
                }
            }
        }
    }

    /// First run of `n` free pages in the committed arenas.
    fn find_run(&self, n: usize) -> Option<usize> {
        let mut i = self.search_hint;
        let (mut start, mut run) = (0, 0);
        while i < self.mapped_pages {
            if i.is_multiple_of(64) && i + 64 <= self.mapped_pages {
                // SAFETY: i/64 is inside the bitmap.
                let w = unsafe { *self.inuse.add(i / 64) };
                if w == 0 {
                    if run == 0 {
                        start = i;
                    }
                    run += 64;
                    if run >= n {
                        return Some(start);
                    }
                    i += 64;
                    continue;
                }
                if w == !0 {
                    run = 0;
                    i += 64;
                    continue;
                }
            }
            if Self::bit(self.inuse, i) {
                run = 0;
            } else {
                if run == 0 {
                    start = i;
                }
                run += 1;
                if run >= n {
                    return Some(start);
                }
            }
            i += 1;
        }
        None
    }

    /// Commits arenas for at least `npages` more pages.
    fn grow(&mut self, npages: usize) -> bool {
        let arenas = npages.div_ceil(PAGES_PER_ARENA);
        let new_pages = self.mapped_pages + arenas * PAGES_PER_ARENA;
        if new_pages > self.npages_total {
            return false;
        }
        let at = self.base + self.mapped_pages * PAGE_SIZE;
        if !sys::commit(at as *mut u8, arenas * ARENA_SIZE) {
            return false;
        }
        let table = ARENAS.load(Ordering::Relaxed) as *mut *mut HeapArena;
        for a in 0..arenas {
            let idx = self.mapped_pages / PAGES_PER_ARENA + a;
            let meta: *mut HeapArena = persistent::alloc_t();
            // SAFETY: idx < size/ARENA_SIZE, the table's length.
            unsafe { *table.add(idx) = meta };
        }
        self.mapped_pages = new_pages;
        true
    }

    fn new_mspan(&mut self) -> *mut MSpan {
        let s = self.free_spans;
        if !s.is_null() {
            // SAFETY: free MSpans are linked through `next`.
            self.free_spans = unsafe { (*s).next };
            return s;
        }
        persistent::alloc_t()
    }

    /// A span of `npages` pages for `spanclass`, or null when out of
    /// address space.
    pub fn alloc_span(&mut self, npages: usize, spanclass: SpanClass) -> *mut MSpan {
        if self.base == 0 {
            self.init();
        }
        let first = loop {
            if let Some(p) = self.find_run(npages) {
                break p;
            }
            if !self.grow(npages) {
                return ptr::null_mut();
            }
        };
        Self::set_bits(self.inuse, first, npages, true);
        // Released pages read as zero: only dirty, unreleased ones need
        // clearing.
        let mut needzero = false;
        for i in first..first + npages {
            if Self::bit(self.released, i) {
                self.released_pages -= 1;
            } else if Self::bit(self.dirty, i) {
                needzero = true;
            }
        }
        Self::set_bits(self.released, first, npages, false);
        Self::set_bits(self.dirty, first, npages, true);
        if first == self.search_hint {
            self.search_hint = first + npages;
        }
        self.pages_in_use += npages;
        let s = self.new_mspan();
        let start = self.base + first * PAGE_SIZE;
        // SAFETY: s is an unused MSpan owned by the heap lock holder.
        unsafe { (*s).init(start, npages, spanclass, needzero) };
        self.set_spans(first, npages, s);
        s
    }

    fn set_spans(&mut self, first: usize, npages: usize, s: *mut MSpan) {
        let table = ARENAS.load(Ordering::Relaxed) as *mut *mut HeapArena;
        for p in first..first + npages {
            // SAFETY: the pages are in committed arenas, whose metadata
            // exists.
            unsafe {
                let a = *table.add(p / PAGES_PER_ARENA);
                (*a).spans[p % PAGES_PER_ARENA] = s;
            }
        }
    }

    /// Returns a span's pages to the heap (the sweeper's job later).
    pub fn free_span(&mut self, s: *mut MSpan) {
        // SAFETY: s is an in-use span of this heap.
        let (start, npages) = unsafe { ((*s).start, (*s).npages) };
        let first = (start - self.base) / PAGE_SIZE;
        Self::set_bits(self.inuse, first, npages, false);
        self.set_spans(first, npages, ptr::null_mut());
        self.search_hint = self.search_hint.min(first);
        self.pages_in_use -= npages;
        // SAFETY: as above; the MSpan goes back to the free list.
        unsafe {
            (*s).state = SpanState::Free;
            (*s).next = self.free_spans;
        }
        self.free_spans = s;
    }
}

impl MHeap {
    /// Bytes of committed arenas (gc's HeapSys).
    pub fn mapped_bytes(&self) -> usize {
        self.mapped_pages * PAGE_SIZE
    }

    /// Gives the physical memory of free pages back to the OS until at
    /// most `retain` bytes of committed, unreleased memory remain (in-use
    /// pages count; they are never released). Free runs are taken from
    /// the top of the heap down, since allocation is first-fit from the
    /// bottom. Returns the bytes released.
    pub fn scavenge(&mut self, retain: usize) -> usize {
        let retain_pages = retain.div_ceil(PAGE_SIZE);
        let mut resident = self.mapped_pages - self.released_pages;
        let mut done = 0;
        let mut i = self.mapped_pages;
        while i > 0 && resident > retain_pages {
            // Find the next free, unreleased run ending at i.
            let mut end = i;
            while end > 0 && (Self::bit(self.inuse, end - 1) || Self::bit(self.released, end - 1)) {
                end -= 1;
            }
            if end == 0 {
                break;
            }
            let mut start = end;
            while start > 0
                && !Self::bit(self.inuse, start - 1)
                && !Self::bit(self.released, start - 1)
                && resident - (end - start) > retain_pages
            {
                start -= 1;
            }
            let n = end - start;
            if n == 0 {
                break;
            }
            sys::unused((self.base + start * PAGE_SIZE) as *mut u8, n * PAGE_SIZE);
            Self::set_bits(self.released, start, n, true);
            self.released_pages += n;
            resident -= n;
            done += n * PAGE_SIZE;
            i = start;
        }
        done
    }
}

/// The in-use span containing address `p`, or null (gc's spanOf): O(1),
/// lock-free, any address.
#[inline]
pub fn span_of(p: usize) -> *mut MSpan {
    let base = HEAP_BASE.load(Ordering::Acquire);
    if base == 0 || p < base || p >= HEAP_END.load(Ordering::Relaxed) {
        return ptr::null_mut();
    }
    let page = (p - base) / PAGE_SIZE;
    let table = ARENAS.load(Ordering::Acquire) as *const *mut HeapArena;
    // SAFETY: page is inside the reservation, so the index is inside the
    // arena table; a null entry means an uncommitted arena.
    unsafe {
        let a = *table.add(page / PAGES_PER_ARENA);
        if a.is_null() {
            return ptr::null_mut();
        }
        let s = (*a).spans[page % PAGES_PER_ARENA];
        if s.is_null()
            || (*s).state != SpanState::InUse
            || p >= (*s).start + (*s).npages * PAGE_SIZE
        {
            return ptr::null_mut();
        }
        s
    }
}
