//! Slices: `makeslice`, `growslice` (gc 1.27's growth: `nextslicecap`,
//! then rounding the byte size up to the allocator's size class, so
//! `cap()` matches gc), `growsliceBuf` (appends into a stack buffer the
//! compiler provides) and the `moveSlice` family (moving such a buffer
//! to the heap when it escapes).

use crate::abi::Type;
use crate::malloc::{self, sizeclasses::roundupsize};
use crate::panic::panic_value;
use core::ptr;

/// gc's maxAlloc on linux/amd64 (48-bit heap addresses).
pub const MAX_ALLOC: usize = 1 << 48;

/// A slice header, returned the C way (hidden result pointer).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slice {
    pub ptr: *mut u8,
    pub len: isize,
    pub cap: isize,
}

macro_rules! global_asm_shim {
    () => {
        core::arch::global_asm!(
            r#"
    .text
    .p2align 4
    .globl "runtime.makeslice"
    .type "runtime.makeslice",@function
"runtime.makeslice":
    mov rcx, rbp
    mov r8, [rsp]
    jmp {imp}
    .size "runtime.makeslice", . - "runtime.makeslice"
"#,
            imp = sym makeslice_impl,
        );
    };
}

/// `make([]T, len, cap)`'s memory (through the `runtime.makeslice` shim).
pub extern "C" fn makeslice_impl(
    et: *const Type,
    len: isize,
    cap: isize,
    fp: usize,
    pc: usize,
) -> *mut u8 {
    // SAFETY: compiled code passes a valid element type.
    let size = unsafe { (*et).size };
    let mem = size.checked_mul(cap as usize);
    if mem.is_none_or(|m| m > MAX_ALLOC) || len < 0 || len > cap {
        let lmem = size.checked_mul(len as usize);
        if lmem.is_none_or(|m| m > MAX_ALLOC) || len < 0 {
            crate::error::panicmakeslicelen_impl(fp, pc);
        }
        crate::error::panicmakeslicecap_impl(fp, pc);
    }
    // SAFETY: et is valid.
    unsafe { malloc::malloc(mem.unwrap_or(0), et, true) }
}

/// gc's nextslicecap.
pub fn nextslicecap(new_len: isize, old_cap: isize) -> isize {
    let mut newcap = old_cap;
    let doublecap = newcap.wrapping_add(newcap);
    if new_len > doublecap {
        return new_len;
    }
    const THRESHOLD: isize = 256;
    if old_cap < THRESHOLD {
        return doublecap;
    }
    loop {
        newcap = newcap.wrapping_add((newcap.wrapping_add(3 * THRESHOLD)) >> 2);
        if newcap as usize >= new_len as usize {
            break;
        }
    }
    if newcap <= 0 {
        return new_len;
    }
    newcap
}

fn growslice_panic() -> ! {
    let (t, d) = crate::error::error_string("growslice: len out of range", false);
    panic_value(t, d, crate::asm::current_fp(), 0)
}

/// `append`'s slow path: a new backing array for `new_len` elements
/// holding the `new_len - num` old ones.
///
/// # Safety
/// `old` holds `new_len - num` elements of type `et`.
#[export_name = "runtime.growslice"]
pub unsafe extern "C" fn growslice(
    old: *mut u8,
    new_len: isize,
    old_cap: isize,
    num: isize,
    et: *const Type,
) -> Slice {
    let old_len = new_len - num;
    if new_len < 0 {
        growslice_panic();
    }
    // SAFETY: et is valid (caller's contract).
    let et_ref = unsafe { &*et };
    let size = et_ref.size;
    if size == 0 {
        return Slice {
            ptr: malloc::zerobase(),
            len: new_len,
            cap: new_len,
        };
    }
    let mut newcap = nextslicecap(new_len, old_cap);
    let noscan = !et_ref.has_pointers();
    let lenmem = old_len as usize * size;
    let newlenmem = new_len as usize * size;
    let (capmem, overflow) = if size == 1 {
        let c = roundupsize(newcap as usize, noscan);
        let o = newcap as usize > MAX_ALLOC;
        newcap = c as isize;
        (c, o)
    } else if size.is_power_of_two() {
        let shift = size.trailing_zeros();
        let o = newcap as usize > (MAX_ALLOC >> shift);
        let c = roundupsize((newcap as usize) << shift, noscan);
        newcap = (c >> shift) as isize;
        ((newcap as usize) << shift, o)
    } else {
        let (m, o) = size.overflowing_mul(newcap as usize);
        let c = roundupsize(m, noscan);
        newcap = (c / size) as isize;
        (newcap as usize * size, o)
    };
    if overflow || capmem > MAX_ALLOC {
        growslice_panic();
    }
    // SAFETY: fresh memory of capmem bytes; the old elements are copied
    // from `old` (caller's contract) and the rest is zeroed.
    unsafe {
        let p = if noscan {
            let p = malloc::malloc(capmem, ptr::null(), false);
            ptr::write_bytes(p.add(newlenmem), 0, capmem - newlenmem);
            p
        } else {
            malloc::malloc(capmem, et, true)
        };
        if lenmem > 0 {
            ptr::copy(old, p, lenmem);
        }
        Slice {
            ptr: p,
            len: new_len,
            cap: newcap,
        }
    }
}

/// growslice that may use the caller's stack buffer `buf` of `buf_len`
/// elements while the slice fits in it.
///
/// # Safety
/// As for `growslice`; `buf` holds `buf_len` elements.
#[export_name = "runtime.growsliceBuf"]
pub unsafe extern "C" fn growslice_buf(
    old: *mut u8,
    new_len: isize,
    old_cap: isize,
    num: isize,
    et: *const Type,
    buf: *mut u8,
    buf_len: isize,
) -> Slice {
    if new_len > buf_len {
        // SAFETY: forwarded contract.
        return unsafe { growslice(old, new_len, old_cap, num, et) };
    }
    // SAFETY: et is valid; old and buf hold the elements (contract).
    unsafe {
        let size = (*et).size;
        let old_len = new_len - num;
        if old != buf && old_len != 0 {
            ptr::copy(old, buf, old_len as usize * size);
        }
        // gc hands out the whole buffer.
        let new_cap = buf_len;
        if new_len < new_cap {
            ptr::write_bytes(
                buf.add(new_len as usize * size),
                0,
                (new_cap - new_len) as usize * size,
            );
        }
        Slice {
            ptr: buf,
            len: new_len,
            cap: new_cap,
        }
    }
}

/// Moves a stack-buffer slice to the heap keeping its capacity.
///
/// # Safety
/// `old` holds `cap` elements of `et`.
#[export_name = "runtime.moveSlice"]
pub unsafe extern "C" fn move_slice(
    et: *const Type,
    old: *mut u8,
    len: isize,
    cap: isize,
) -> Slice {
    // SAFETY: et is valid (contract).
    let size = unsafe { (*et).size };
    // SAFETY: forwarded contract.
    unsafe { move_common(size, et, old, len, cap) }
}

/// moveSlice for pointer-free elements of `elem_size` bytes.
///
/// # Safety
/// `old` holds `cap` elements.
#[export_name = "runtime.moveSliceNoScan"]
pub unsafe extern "C" fn move_slice_noscan(
    elem_size: usize,
    old: *mut u8,
    len: isize,
    cap: isize,
) -> Slice {
    // SAFETY: forwarded contract.
    unsafe { move_common(elem_size, ptr::null(), old, len, cap) }
}

unsafe fn move_common(size: usize, et: *const Type, old: *mut u8, len: isize, cap: isize) -> Slice {
    if cap == 0 {
        let p = if old.is_null() {
            old
        } else {
            malloc::zerobase()
        };
        return Slice {
            ptr: p,
            len: 0,
            cap: 0,
        };
    }
    let capmem = cap as usize * size;
    // SAFETY: fresh memory; old holds capmem bytes (contract).
    unsafe {
        let p = malloc::malloc(capmem, et, !et.is_null());
        ptr::copy(old, p, capmem);
        Slice { ptr: p, len, cap }
    }
}

/// Moves a stack-buffer slice to the heap with any fitting capacity.
///
/// # Safety
/// `old` holds `len` elements of `et`.
#[export_name = "runtime.moveSliceNoCap"]
pub unsafe extern "C" fn move_slice_nocap(et: *const Type, old: *mut u8, len: isize) -> Slice {
    // SAFETY: et is valid (contract).
    let size = unsafe { (*et).size };
    // SAFETY: forwarded contract.
    unsafe { move_nocap_common(size, et, old, len, false) }
}

/// moveSliceNoCap for pointer-free elements.
///
/// # Safety
/// `old` holds `len` elements.
#[export_name = "runtime.moveSliceNoCapNoScan"]
pub unsafe extern "C" fn move_slice_nocap_noscan(
    elem_size: usize,
    old: *mut u8,
    len: isize,
) -> Slice {
    // SAFETY: forwarded contract.
    unsafe { move_nocap_common(elem_size, ptr::null(), old, len, true) }
}

unsafe fn move_nocap_common(
    size: usize,
    et: *const Type,
    old: *mut u8,
    len: isize,
    noscan: bool,
) -> Slice {
    if len == 0 {
        let p = if old.is_null() {
            old
        } else {
            malloc::zerobase()
        };
        return Slice {
            ptr: p,
            len: 0,
            cap: 0,
        };
    }
    let lenmem = len as usize * size;
    let capmem = roundupsize(lenmem, noscan);
    let cap = capmem / size;
    // SAFETY: fresh memory of cap*size bytes, zeroed past the copy.
    unsafe {
        let p = malloc::malloc(cap * size, et, true);
        ptr::copy(old, p, lenmem);
        Slice {
            ptr: p,
            len,
            cap: cap as isize,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::{kind, Type};

    fn ty(size: usize, ptr_bytes: usize) -> Type {
        static MASK: [u8; 16] = [0xff; 16];
        Type {
            size,
            ptr_bytes,
            hash: 0,
            tflag: 0,
            align: 8,
            field_align: 8,
            kind: kind::STRUCT,
            equal: core::ptr::null(),
            gcdata: MASK.as_ptr(),
            str_: 0,
            ptr_to_this: 0,
        }
    }

    /// The distinct capacities seen appending one element at a time.
    fn caps(t: &Type, n: usize) -> Vec<isize> {
        let mut s = Slice {
            ptr: ptr::null_mut(),
            len: 0,
            cap: 0,
        };
        let mut out = Vec::new();
        for _ in 0..n {
            if s.len == s.cap {
                // SAFETY: s holds len elements of t.
                s = unsafe { growslice(s.ptr, s.len + 1, s.cap, 1, t) };
            } else {
                s.len += 1;
            }
            if out.last() != Some(&s.cap) {
                out.push(s.cap);
            }
        }
        out
    }

    // Expected: gc 1.27.3, `go run -gcflags=-N` (no stack buffers) of a
    // loop appending one element and printing cap() when it changes.
    #[test]
    fn append_growth_like_gc() {
        assert_eq!(
            caps(&ty(1, 0), 5000),
            [8, 16, 32, 64, 128, 256, 512, 896, 1408, 2048, 3072, 4096, 5376]
        );
        assert_eq!(
            caps(&ty(8, 0), 5000),
            [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 848, 1280, 1792, 2560, 3408, 5120]
        );
        assert_eq!(
            caps(&ty(24, 0), 3000),
            [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 853, 1365, 2048, 3072]
        );
        // struct { p *int; x [70]int }: 568 bytes with pointers (headers).
        assert_eq!(
            caps(&ty(568, 8), 300),
            [1, 2, 4, 8, 16, 32, 72, 144, 288, 562]
        );
        // *int
        assert_eq!(
            caps(&ty(8, 8), 3000),
            [1, 2, 4, 8, 16, 32, 64, 143, 287, 607, 1023, 1535, 2303, 3071]
        );
        // [5]byte
        assert_eq!(
            caps(&ty(5, 0), 3000),
            [1, 3, 6, 12, 25, 51, 102, 204, 409, 819, 1228, 1894, 2713, 3686]
        );
    }

    #[test]
    fn append_many_at_once_and_keeps_contents() {
        let t = ty(8, 0);
        let mut a = [1i64, 2, 3];
        // append([]int{1,2,3}, 4, 5, 6, 7): cap 8 under gc.
        // SAFETY: a holds 3 ints.
        let s = unsafe { growslice(a.as_mut_ptr().cast(), 7, 3, 4, &t) };
        assert_eq!((s.len, s.cap), (7, 8));
        // SAFETY: s holds at least 3 copied ints.
        let v = unsafe { core::slice::from_raw_parts(s.ptr as *const i64, 8) };
        assert_eq!(&v[..3], &[1, 2, 3]);
        assert_eq!(&v[3..], &[0, 0, 0, 0, 0]);
    }

    #[test]
    fn stack_buffer_growth_like_gc() {
        // gc 1.27.3 (tests/run/slices.golden): the compiler's whole
        // 32-byte buffer first, then the heap.
        let t = ty(8, 0);
        let mut buf = [0u8; 32];
        let mut s = Slice {
            ptr: ptr::null_mut(),
            len: 0,
            cap: 0,
        };
        let mut seen = Vec::new();
        for _ in 0..20 {
            if s.len == s.cap {
                // SAFETY: s holds len ints; buf holds 4.
                s = unsafe { growslice_buf(s.ptr, s.len + 1, s.cap, 1, &t, buf.as_mut_ptr(), 4) };
            } else {
                s.len += 1;
            }
            if seen.last() != Some(&s.cap) {
                seen.push(s.cap);
            }
        }
        assert_eq!(seen, [4, 8, 16, 32]);
    }
}

global_asm_shim!();
