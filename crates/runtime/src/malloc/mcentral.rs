//! Central free lists, one per span class (gc's mcentral): spans with
//! free objects (`partial`) and spans without (`full`). An mcache takes a
//! partial span (or a new one from the heap) and gives its span back when
//! it is exhausted. The collector flushes every mcache before marking, so
//! then every small span is on one of these lists; the sweeper empties
//! them and puts each surviving span back on the list it now belongs to.
//! Large spans (one object each) are listed in `LARGE` for the sweeper.

use super::mheap::HEAP;
use super::mspan::MSpan;
use super::sizeclasses::*;
use crate::lock::Mutex;
use core::ptr;

pub struct SpanList {
    pub first: *mut MSpan,
}

// SAFETY: a SpanList is only touched under the Mutex that owns it.
unsafe impl Send for SpanList {}

impl SpanList {
    pub const fn new() -> Self {
        SpanList {
            first: ptr::null_mut(),
        }
    }

    pub fn push(&mut self, s: *mut MSpan, tag: u8) {
        // SAFETY: s is a valid span not on any list; the caller holds the
        // list's lock.
        unsafe {
            (*s).prev = ptr::null_mut();
            (*s).next = self.first;
            (*s).list = tag;
            if !self.first.is_null() {
                (*self.first).prev = s;
            }
        }
        self.first = s;
    }

    pub fn remove(&mut self, s: *mut MSpan) {
        // SAFETY: s is on this list; the caller holds the list's lock.
        unsafe {
            if (*s).prev.is_null() {
                self.first = (*s).next;
            } else {
                (*(*s).prev).next = (*s).next;
            }
            if !(*s).next.is_null() {
                (*(*s).next).prev = (*s).prev;
            }
            (*s).next = ptr::null_mut();
            (*s).prev = ptr::null_mut();
            (*s).list = 0;
        }
    }

    pub fn pop(&mut self) -> *mut MSpan {
        let s = self.first;
        if !s.is_null() {
            self.remove(s);
        }
        s
    }
}

impl Default for SpanList {
    fn default() -> Self {
        Self::new()
    }
}

pub struct MCentral {
    pub partial: SpanList,
    pub full: SpanList,
}

// SAFETY: the lists are only touched under the owning Mutex.
unsafe impl Send for MCentral {}

pub const LIST_PARTIAL: u8 = 1;
pub const LIST_FULL: u8 = 2;
pub const LIST_LARGE: u8 = 3;

/// Every in-use large span.
pub static LARGE: Mutex<SpanList> = Mutex::new(SpanList::new());

#[allow(clippy::declare_interior_mutable_const)]
const EMPTY: Mutex<MCentral> = Mutex::new(MCentral {
    partial: SpanList::new(),
    full: SpanList::new(),
});

pub static CENTRAL: [Mutex<MCentral>; NUM_SPAN_CLASSES] = [EMPTY; NUM_SPAN_CLASSES];

/// A span of class `spc` with at least one free object, for an mcache;
/// null when the heap is out of memory.
pub fn cache_span(spc: SpanClass) -> *mut MSpan {
    {
        let mut c = CENTRAL[spc as usize].lock();
        let s = c.partial.pop();
        if !s.is_null() {
            return s;
        }
    }
    let sc = spanclass_sizeclass(spc);
    HEAP.lock().alloc_span(CLASS_TO_NPAGES[sc] as usize, spc)
}

/// Takes back a span an mcache is done with.
pub fn uncache_span(s: *mut MSpan) {
    // SAFETY: s is a valid in-use span owned by the caller's mcache.
    let (spc, full) = unsafe { ((*s).spanclass, (*s).is_full()) };
    let mut c = CENTRAL[spc as usize].lock();
    if full {
        c.full.push(s, LIST_FULL);
    } else {
        c.partial.push(s, LIST_PARTIAL);
    }
}
