//! The Go heap allocator (gc's design, DESIGN.md "Memory allocator"):
//!
//! - `sizeclasses` — gc's 68 size classes and `roundupsize`;
//! - `mspan` — spans of 8 KiB pages and their allocation/mark bits;
//! - `mheap` — arenas, the page allocator, address → span in O(1);
//! - `mcentral` — per-span-class lists of spans;
//! - `mcache` — per-P span caches and the tiny allocator;
//! - `persistent` — the runtime's own metadata memory.
//!
//! `mallocgc` is the entry point: zero-size requests get `zerobase`,
//! pointer-free objects under 16 bytes share 16-byte tiny blocks, other
//! objects up to 32 KiB come from their class's span through the mcache
//! (pointerful objects over 512 bytes with an 8-byte type header in
//! front, smaller ones with their pointer bits at the end of the span, as
//! gc lays them out), and larger ones get their own span from the heap.
//! The collector (`crate::mgc`) marks with `gcmark_bits` and sweeps spans
//! back to the mcentrals and the heap.
//!
//! Pacing hooks: `HEAP_LIVE` counts the bytes of objects in use plus the
//! free slots of the spans handed to mcaches (gc's heapLive, updated on
//! span refill and release and for large objects, never per object);
//! when it reaches `GC_TRIGGER` the allocator sets `GC_PENDING`, and the
//! next `malloc` runs a collection before allocating (outside every
//! allocator lock). When the heap cannot grow, `malloc` dies with gc's
//! `fatal error: out of memory`.

pub mod mcache;
pub mod mcentral;
pub mod mheap;
pub mod mspan;
pub mod persistent;
pub mod sizeclasses;

use crate::abi::Type;
use core::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use mheap::HEAP;
use sizeclasses::*;

/// The address of every zero-size allocation.
#[export_name = "runtime.zerobase"]
pub static ZEROBASE: u64 = 0;

pub fn zerobase() -> *mut u8 {
    &ZEROBASE as *const u64 as *mut u8
}

/// The type compiled code gives heap objects it has no Go type for
/// (closure objects, range-over-func loop states): one pointer word,
/// which `mallocgc` repeats over the object, so the collector treats
/// every word as a possible pointer (`mark` accepts any word).
#[export_name = "runtime.ptrwordType"]
pub static PTRWORD_TYPE: crate::error::StaticType = crate::error::StaticType(Type {
    size: 8,
    ptr_bytes: 8,
    hash: 0,
    tflag: 0,
    align: 8,
    field_align: 8,
    kind: crate::abi::kind::UNSAFE_POINTER,
    equal: core::ptr::null(),
    gcdata: &PTRWORD_MASK,
    str_: 0,
    ptr_to_this: 0,
});
static PTRWORD_MASK: u8 = 1;

/// Bytes of live heap as the pacer sees it (see the module doc).
pub static HEAP_LIVE: AtomicUsize = AtomicUsize::new(0);
/// `HEAP_LIVE` at which the next collection starts (`usize::MAX`: never,
/// as before `mgc::init` and with `GOGC=off`).
pub static GC_TRIGGER: AtomicUsize = AtomicUsize::new(usize::MAX);
/// A collection is due: the next `malloc` runs it.
pub static GC_PENDING: AtomicBool = AtomicBool::new(false);
/// Large objects allocated: count and bytes (for MemStats).
pub static LARGE_ALLOCS: AtomicU64 = AtomicU64::new(0);
pub static LARGE_BYTES: AtomicU64 = AtomicU64::new(0);

/// Adds `bytes` to the live heap; asks for a collection at the trigger.
pub fn note_alloc(bytes: usize) {
    let live = HEAP_LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
    if live >= GC_TRIGGER.load(Ordering::Relaxed) {
        GC_PENDING.store(true, Ordering::Relaxed);
    }
}

/// Takes back bytes `note_alloc` counted that were not used.
pub fn unnote_alloc(bytes: usize) {
    HEAP_LIVE.fetch_sub(bytes, Ordering::Relaxed);
}

/// Allocates `size` bytes for an object of type `typ` (null: no
/// pointers), zeroed when `needzero` (memory that was never used is zero
/// anyway).
///
/// # Safety
/// `typ` is null or points to a valid type descriptor.
#[export_name = "runtime.mallocgc"]
pub unsafe extern "C" fn mallocgc(size: usize, typ: *const Type, needzero: u8) -> *mut u8 {
    // SAFETY: forwarded contract.
    unsafe { malloc(size, typ, needzero != 0) }
}

/// `new(T)`: a zeroed object of type `typ`.
///
/// # Safety
/// `typ` points to a valid type descriptor.
#[export_name = "runtime.newobject"]
pub unsafe extern "C" fn newobject(typ: *const Type) -> *mut u8 {
    // SAFETY: typ is a valid descriptor (caller's contract).
    unsafe { malloc((*typ).size, typ, true) }
}

/// Rust-side mallocgc.
///
/// # Safety
/// `typ` is null or points to a valid type descriptor.
pub unsafe fn malloc(size: usize, typ: *const Type, needzero: bool) -> *mut u8 {
    if size == 0 {
        return zerobase();
    }
    if GC_PENDING.load(Ordering::Relaxed) {
        crate::mgc::gc_from_malloc();
    }
    // SAFETY: typ is null or valid (caller's contract).
    let noscan = typ.is_null() || unsafe { !(*typ).has_pointers() };
    // Memory the collector scans never holds stale words.
    let needzero = needzero || !noscan;
    let p = if size <= MAX_SMALL_SIZE - MALLOC_HEADER_SIZE {
        if noscan && size < MAX_TINY_SIZE {
            malloc_tiny(size)
        } else {
            // SAFETY: forwarded contract.
            unsafe { malloc_small(size, typ, noscan, needzero) }
        }
    } else {
        malloc_large(size, typ, noscan, needzero)
    };
    if p.is_null() {
        out_of_memory(size);
    }
    p
}

/// gc's report when the heap cannot grow; exits with status 2.
fn out_of_memory(size: usize) -> ! {
    crate::print::printlock();
    crate::print::pstr("runtime: out of memory: cannot allocate ");
    crate::print::puint(size as u64);
    crate::print::pstr("-byte block (");
    crate::print::puint(HEAP.lock().mapped_bytes() as u64);
    crate::print::pstr(" in use)\n");
    crate::print::printunlock();
    crate::panic::throw("out of memory")
}

fn malloc_tiny(size: usize) -> *mut u8 {
    mcache::with_mcache(|c| malloc_tiny_in(c, size))
}

fn malloc_tiny_in(c: &mut mcache::MCache, size: usize) -> *mut u8 {
    let mut off = c.tinyoffset;
    if size & 7 == 0 {
        off = off.next_multiple_of(8);
    } else if size & 3 == 0 {
        off = off.next_multiple_of(4);
    } else if size & 1 == 0 {
        off = off.next_multiple_of(2);
    }
    if off + size <= MAX_TINY_SIZE && c.tiny != 0 {
        c.tinyoffset = off + size;
        c.tiny_allocs += 1;
        return (c.tiny + off) as *mut u8;
    }
    let (x, s) = c.next_free(make_spanclass(TINY_SIZE_CLASS, true));
    if x == 0 {
        return core::ptr::null_mut();
    }
    // SAFETY: x is a fresh 16-byte object of span s.
    unsafe {
        if (*s).needzero {
            core::ptr::write_bytes(x as *mut u8, 0, 16);
        }
    }
    if size < c.tinyoffset || c.tiny == 0 {
        c.tiny = x;
        c.tinyoffset = size;
    }
    x as *mut u8
}

/// # Safety
/// `typ` is null (then `noscan`) or a valid type descriptor.
unsafe fn malloc_small(size: usize, typ: *const Type, noscan: bool, needzero: bool) -> *mut u8 {
    let header = !noscan && size > MIN_SIZE_FOR_MALLOC_HEADER;
    let full = if header {
        size + MALLOC_HEADER_SIZE
    } else {
        size
    };
    let sc = size_to_class(full);
    let (x, s) = mcache::with_mcache(|c| {
        let (x, s) = c.next_free(make_spanclass(sc, noscan));
        if x != 0 && !noscan && !header {
            // While the span is this mcache's alone: objects of one span
            // share bitmap words.
            // SAFETY: typ is valid when !noscan; s holds x; the bitmap is
            // the span's tail.
            unsafe { write_heap_bits_small(&*s, x, size, &*typ) };
        }
        (x, s)
    });
    if x == 0 {
        return core::ptr::null_mut();
    }
    // SAFETY: s is the span that holds x, a free slot of elemsize bytes.
    let span = unsafe { &*s };
    if needzero && span.needzero {
        // SAFETY: [x, x+elemsize) is the object's slot, owned by us now.
        unsafe { core::ptr::write_bytes(x as *mut u8, 0, span.elemsize) };
    }
    if header {
        // SAFETY: the slot has room for the header before the object.
        unsafe { *(x as *mut *const Type) = typ };
        return (x + MALLOC_HEADER_SIZE) as *mut u8;
    }
    x as *mut u8
}

/// Records which words of the object at `x` hold pointers in the span's
/// trailing bitmap (one bit per word), repeating `typ`'s mask over
/// `size` bytes (an array of `typ`).
///
/// # Safety
/// `span` holds pointerful objects of at most 512 bytes and `x` is one of
/// its objects; the caller holds the mcache lock (neighbouring objects'
/// bits share words).
unsafe fn write_heap_bits_small(span: &mspan::MSpan, x: usize, size: usize, typ: &Type) {
    let words = span.elemsize / 8; // ≤ 64
    let m = object_mask(words, size, typ);
    let bitmap = (span.start + span.npages * PAGE_SIZE - span.npages * PAGE_SIZE / 64) as *mut u64;
    let first = (x - span.start) / 8;
    let keep = if words == 64 {
        !0u64
    } else {
        (1u64 << words) - 1
    };
    let (lo, sh) = (first / 64, first % 64);
    // SAFETY: the object's bits lie inside the span's bitmap (8-aligned:
    // the bitmap is 1/64 of a whole number of pages); they may straddle
    // two words.
    unsafe {
        let w = bitmap.add(lo);
        *w = (*w & !(keep << sh)) | (m << sh);
        if sh + words > 64 {
            let w = bitmap.add(lo + 1);
            *w = (*w & !(keep >> (64 - sh))) | (m >> (64 - sh));
        }
    }
}

/// The pointer bits of an object of `words` words (≤ 64) holding `size`
/// bytes of values of `typ` (its mask repeated).
fn object_mask(words: usize, size: usize, typ: &Type) -> u64 {
    let tw = (typ.size / 8).max(1);
    let pw = (typ.ptr_bytes / 8).min(64);
    let mut elem = 0u64;
    for i in 0..pw {
        // SAFETY: gcdata has ptr_bytes/8 bits.
        if !typ.gcdata.is_null() && unsafe { *typ.gcdata.add(i / 8) } & (1 << (i % 8)) != 0 {
            elem |= 1 << i;
        }
    }
    let used = size.div_ceil(8).min(words);
    let mut m = 0u64;
    let mut off = 0;
    while off < used {
        m |= elem << off;
        off += tw;
    }
    if used < 64 {
        m &= (1u64 << used) - 1;
    }
    m
}

fn malloc_large(size: usize, typ: *const Type, noscan: bool, needzero: bool) -> *mut u8 {
    let Some(npages) = size.checked_add(PAGE_SIZE - 1).map(|n| n / PAGE_SIZE) else {
        return core::ptr::null_mut();
    };
    let s = HEAP.lock().alloc_span(npages, make_spanclass(0, noscan));
    if s.is_null() {
        return core::ptr::null_mut();
    }
    mcentral::LARGE.lock().push(s, mcentral::LIST_LARGE);
    LARGE_ALLOCS.fetch_add(1, Ordering::Relaxed);
    LARGE_BYTES.fetch_add((npages * PAGE_SIZE) as u64, Ordering::Relaxed);
    note_alloc(npages * PAGE_SIZE);
    // SAFETY: s is a fresh large span owned by us.
    unsafe {
        (*s).alloc_count = 1;
        (*s).freeindex = 1;
        if !noscan {
            (*s).large_type = typ;
        }
        if needzero && (*s).needzero {
            core::ptr::write_bytes((*s).start as *mut u8, 0, npages * PAGE_SIZE);
        }
        (*s).start as *mut u8
    }
}

/// The start of the heap object containing `p` and its span's element
/// size, or None for non-heap addresses (what the GC's marker asks).
pub fn find_object(p: usize) -> Option<(usize, usize)> {
    let s = mheap::span_of(p);
    if s.is_null() {
        return None;
    }
    // SAFETY: span_of returns in-use spans.
    let s = unsafe { &*s };
    if p >= s.limit {
        return None;
    }
    Some((s.obj_base(p), s.elemsize))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(size: usize, ptr_bytes: usize, mask: &'static [u8]) -> Type {
        Type {
            size,
            ptr_bytes,
            hash: 0,
            tflag: 0,
            align: 8,
            field_align: 8,
            kind: crate::abi::kind::STRUCT,
            equal: core::ptr::null(),
            gcdata: mask.as_ptr(),
            str_: 0,
            ptr_to_this: 0,
        }
    }

    #[test]
    fn small_objects_are_distinct_aligned_and_zeroed() {
        let mut ptrs = Vec::new();
        for size in [1usize, 7, 8, 15, 16, 17, 24, 100, 1000, 5000, 32000] {
            for _ in 0..50 {
                // SAFETY: null type = no pointers.
                let p = unsafe { malloc(size, core::ptr::null(), true) };
                let align = if size >= 16 { 8 } else { 1 };
                assert_eq!(p as usize % align, 0);
                // SAFETY: p has size bytes.
                let bytes = unsafe { core::slice::from_raw_parts_mut(p, size) };
                assert!(bytes.iter().all(|&b| b == 0));
                bytes.fill(0xAB);
                ptrs.push((p as usize, size));
            }
        }
        ptrs.sort();
        for w in ptrs.windows(2) {
            assert!(w[0].0 + w[0].1 <= w[1].0, "overlap {:x?}", w);
        }
    }

    #[test]
    fn span_lookup_finds_interior_pointers() {
        static MASK: [u8; 1] = [1];
        let t = ty(24, 8, &MASK);
        // SAFETY: t is a valid descriptor.
        let p = unsafe { newobject(&t) } as usize;
        let (base, elem) = find_object(p + 13).unwrap();
        assert_eq!((base, elem), (p, 24));
        // A large object and an interior pointer far inside it.
        // SAFETY: null type.
        let big = unsafe { malloc(3 << 20, core::ptr::null(), true) } as usize;
        assert_eq!(find_object(big + (2 << 20) + 5), Some((big, 3 << 20)));
        assert_eq!(find_object(&t as *const Type as usize), None);
        // Pointerful objects over 512 bytes have a header holding the type.
        let t2 = ty(600, 8, &MASK);
        // SAFETY: t2 is valid.
        let q = unsafe { newobject(&t2) } as usize;
        // SAFETY: the header precedes the object.
        assert_eq!(
            unsafe { *((q - 8) as *const *const Type) },
            &t2 as *const Type
        );
        assert_eq!(find_object(q).unwrap().0, q - 8);
    }

    #[test]
    fn object_masks_repeat_the_type() {
        static M1: [u8; 1] = [0b10];
        let t = ty(24, 16, &M1); // {int, *T, int}
        assert_eq!(object_mask(3, 24, &t), 0b010);
        // [3]T in a 80-byte slot: words 1, 4, 7; nothing past the array.
        assert_eq!(object_mask(10, 72, &t), 0b0_1001_0010);
        static M2: [u8; 1] = [1];
        let p = ty(8, 8, &M2);
        assert_eq!(object_mask(64, 512, &p), !0);
        assert_eq!(object_mask(6, 40, &p), 0b1_1111);
    }

    #[test]
    fn tiny_objects_share_blocks() {
        // SAFETY: null types.
        let a = unsafe { malloc(4, core::ptr::null(), true) } as usize;
        let b = unsafe { malloc(4, core::ptr::null(), true) } as usize;
        // Another test thread may interleave, but most pairs share a block.
        let _ = (a, b);
        let zero = unsafe { malloc(0, core::ptr::null(), true) };
        assert_eq!(zero, zerobase());
    }

    #[test]
    fn many_allocations_grow_the_heap() {
        let mut last = 0usize;
        for _ in 0..3000 {
            // SAFETY: null type.
            let p = unsafe { malloc(48 << 10, core::ptr::null(), true) } as usize;
            assert_ne!(p, last);
            // SAFETY: p has 48 KiB.
            unsafe { *(p as *mut u8).add((48 << 10) - 1) = 1 };
            last = p;
        }
    }
}
