//! Memory for the runtime's own long-lived metadata (span structures,
//! arena metadata, mark/alloc bitmaps, G structures, defer records): a
//! bump allocator over chunks mapped from the OS, never freed (gc's
//! persistentalloc). Go heap objects never come from here, and nothing
//! here comes from Rust's global allocator.

use crate::lock::Mutex;
use crate::sys;

const CHUNK: usize = 256 << 10;

struct State {
    next: usize,
    end: usize,
}

static STATE: Mutex<State> = Mutex::new(State { next: 0, end: 0 });

/// Bytes mapped for runtime metadata so far (MemStats.GCSys).
static TOTAL: core::sync::atomic::AtomicUsize = core::sync::atomic::AtomicUsize::new(0);

pub fn total_bytes() -> usize {
    TOTAL.load(core::sync::atomic::Ordering::Relaxed)
}

fn count(n: usize) {
    TOTAL.fetch_add(n, core::sync::atomic::Ordering::Relaxed);
}

/// `size` zeroed bytes aligned to `align` (a power of two ≤ 4096).
/// Dies with a fatal error when the OS refuses memory.
pub fn alloc(size: usize, align: usize) -> *mut u8 {
    debug_assert!(align.is_power_of_two() && align <= 4096);
    if size >= CHUNK / 4 {
        let p = sys::map_rw(size.next_multiple_of(sys::PHYS_PAGE_SIZE));
        if p.is_null() {
            crate::panic::throw("out of memory (persistentalloc)");
        }
        count(size.next_multiple_of(sys::PHYS_PAGE_SIZE));
        return p;
    }
    let mut st = STATE.lock();
    let mut p = st.next.next_multiple_of(align);
    if st.next == 0 || p + size > st.end {
        let c = sys::map_rw(CHUNK);
        if c.is_null() {
            drop(st);
            crate::panic::throw("out of memory (persistentalloc)");
        }
        st.next = c as usize;
        st.end = c as usize + CHUNK;
        count(CHUNK);
        p = st.next;
    }
    st.next = p + size;
    p as *mut u8
}

/// A typed, zeroed value's memory.
pub fn alloc_t<T>() -> *mut T {
    alloc(core::mem::size_of::<T>(), core::mem::align_of::<T>()).cast()
}
