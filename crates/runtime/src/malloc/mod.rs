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
//! Nothing is freed yet: the collector comes next and will mark with
//! `gcmark_bits` and sweep spans back to the mcentrals and the heap.

pub mod mcache;
pub mod mcentral;
pub mod mheap;
pub mod mspan;
pub mod persistent;
pub mod sizeclasses;

use crate::abi::Type;
use mcache::P0;
use mheap::HEAP;
use sizeclasses::*;

/// The address of every zero-size allocation.
#[export_name = "runtime.zerobase"]
pub static ZEROBASE: u64 = 0;

pub fn zerobase() -> *mut u8 {
    &ZEROBASE as *const u64 as *mut u8
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
    // SAFETY: typ is null or valid (caller's contract).
    let noscan = typ.is_null() || unsafe { !(*typ).has_pointers() };
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
        crate::panic::throw("out of memory");
    }
    p
}

fn malloc_tiny(size: usize) -> *mut u8 {
    let mut p = P0.lock();
    let c = &mut p.mcache;
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
    let mut p = P0.lock();
    let (x, s) = p.mcache.next_free(make_spanclass(sc, noscan));
    drop(p);
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
    if !noscan {
        // SAFETY: typ is valid when !noscan; the bitmap is the span's tail.
        unsafe { write_heap_bits_small(span, x, size, &*typ) };
    }
    x as *mut u8
}

/// Records which words of the object at `x` hold pointers in the span's
/// trailing bitmap (one bit per word), repeating `typ`'s mask over
/// `size` bytes (an array of `typ`).
///
/// # Safety
/// `span` holds pointerful objects of at most 512 bytes and `x` is one of
/// its objects.
unsafe fn write_heap_bits_small(span: &mspan::MSpan, x: usize, size: usize, typ: &Type) {
    let bitmap = (span.start + span.npages * PAGE_SIZE - span.npages * PAGE_SIZE / 64) as *mut u8;
    let first = (x - span.start) / 8;
    let words = span.elemsize / 8;
    let tw = (typ.size / 8).max(1);
    for w in 0..words {
        let off = w % tw;
        let ptr = w * 8 < size
            && off * 8 < typ.ptr_bytes
            && !typ.gcdata.is_null()
            // SAFETY: gcdata has at least ptr_bytes/8 bits.
            && unsafe { *typ.gcdata.add(off / 8) } & (1 << (off % 8)) != 0;
        let bit = first + w;
        // SAFETY: bit < nelems*elemsize/8 ≤ the bitmap's bits.
        unsafe {
            let b = bitmap.add(bit / 8);
            if ptr {
                *b |= 1 << (bit % 8);
            } else {
                *b &= !(1 << (bit % 8));
            }
        }
    }
}

fn malloc_large(size: usize, typ: *const Type, noscan: bool, needzero: bool) -> *mut u8 {
    let npages = size.div_ceil(PAGE_SIZE);
    let s = HEAP.lock().alloc_span(npages, make_spanclass(0, noscan));
    if s.is_null() {
        return core::ptr::null_mut();
    }
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
