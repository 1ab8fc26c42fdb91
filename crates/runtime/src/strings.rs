//! Strings and raw memory: concatenation, comparison, conversions
//! between strings, byte slices and rune slices, UTF-8 decoding for
//! `range` (U+FFFD and one byte for invalid input, as gc), `memmove`,
//! `memclrNoHeapPointers`, `memequal`.

use crate::malloc::{self, sizeclasses::roundupsize};
use crate::slice::Slice;
use core::ptr;

/// A string header, returned in rax:rdx.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct GoString {
    pub ptr: *const u8,
    pub len: isize,
}

const RUNE_ERROR: i32 = 0xFFFD;

/// One-byte strings point here instead of allocating (gc's
/// staticuint64s).
static STATIC_BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = i as u8;
        i += 1;
    }
    t
};

fn empty() -> GoString {
    GoString {
        ptr: ptr::null(),
        len: 0,
    }
}

unsafe fn bytes<'a>(p: *const u8, n: isize) -> &'a [u8] {
    if n <= 0 || p.is_null() {
        &[]
    } else {
        // SAFETY: caller passes a Go string or slice.
        unsafe { core::slice::from_raw_parts(p, n as usize) }
    }
}

fn on_stack(p: *const u8) -> bool {
    let g = crate::g::getg();
    // SAFETY: g is null or this thread's G.
    unsafe { g.as_ref() }.is_some_and(|g| (p as usize) >= g.stack_lo && (p as usize) < g.stack_hi)
}

fn rawstring(n: usize) -> *mut u8 {
    // SAFETY: no type = no pointers.
    unsafe { malloc::malloc(n, ptr::null(), false) }
}

/// `a + b + ...`: `strs` points to `n` string headers.
///
/// # Safety
/// `strs` holds `n` valid strings.
#[export_name = "runtime.concatstrings"]
pub unsafe extern "C" fn concatstrings(strs: *const GoString, n: isize) -> GoString {
    // SAFETY: contract.
    let a = unsafe { crate::abi::slice_of(strs, n.max(0) as usize) };
    let mut l: usize = 0;
    let mut count = 0;
    let mut idx = 0;
    for (i, s) in a.iter().enumerate() {
        if s.len == 0 {
            continue;
        }
        l = match l.checked_add(s.len as usize) {
            Some(v) if v <= isize::MAX as usize => v,
            _ => crate::panic::throw("string concatenation too long"),
        };
        count += 1;
        idx = i;
    }
    if count == 0 {
        return empty();
    }
    if count == 1 && !on_stack(a[idx].ptr) {
        return a[idx];
    }
    let p = rawstring(l);
    let mut off = 0;
    for s in a {
        // SAFETY: p has l bytes; each s is a valid string.
        unsafe { ptr::copy_nonoverlapping(s.ptr, p.add(off), s.len.max(0) as usize) };
        off += s.len.max(0) as usize;
    }
    GoString {
        ptr: p,
        len: l as isize,
    }
}

/// Three-way comparison of two strings.
///
/// # Safety
/// Both are valid strings.
#[export_name = "runtime.cmpstring"]
pub unsafe extern "C" fn cmpstring(a: *const u8, alen: isize, b: *const u8, blen: isize) -> i64 {
    // SAFETY: contract.
    let (x, y) = unsafe { (bytes(a, alen), bytes(b, blen)) };
    match x.cmp(y) {
        core::cmp::Ordering::Less => -1,
        core::cmp::Ordering::Equal => 0,
        core::cmp::Ordering::Greater => 1,
    }
}

fn encoderune(p: &mut [u8; 4], r: i32) -> usize {
    let c = if (0..=0x10FFFF).contains(&r) && !(0xD800..=0xDFFF).contains(&r) {
        char::from_u32(r as u32).unwrap_or('\u{FFFD}')
    } else {
        '\u{FFFD}'
    };
    c.encode_utf8(p).len()
}

/// `string(rune(v))`.
#[export_name = "runtime.intstring"]
pub extern "C" fn intstring(v: i64) -> GoString {
    let r = if v as i32 as i64 != v {
        RUNE_ERROR
    } else {
        v as i32
    };
    let mut b = [0u8; 4];
    let n = encoderune(&mut b, r);
    if n == 1 {
        return GoString {
            ptr: &STATIC_BYTES[b[0] as usize],
            len: 1,
        };
    }
    let p = rawstring(4);
    // SAFETY: p has 4 bytes.
    unsafe { ptr::copy_nonoverlapping(b.as_ptr(), p, n) };
    GoString {
        ptr: p,
        len: n as isize,
    }
}

/// `string(b)` for a byte slice.
///
/// # Safety
/// `p` holds `n` bytes.
#[export_name = "runtime.slicebytetostring"]
pub unsafe extern "C" fn slicebytetostring(p: *const u8, n: isize) -> GoString {
    if n <= 0 {
        return empty();
    }
    if n == 1 {
        // SAFETY: p holds one byte.
        let b = unsafe { *p };
        return GoString {
            ptr: &STATIC_BYTES[b as usize],
            len: 1,
        };
    }
    let q = rawstring(n as usize);
    // SAFETY: q has n bytes, p holds n bytes.
    unsafe { ptr::copy_nonoverlapping(p, q, n as usize) };
    GoString { ptr: q, len: n }
}

fn rawbyteslice(n: usize) -> Slice {
    let cap = roundupsize(n, true);
    let p = rawstring(cap);
    // SAFETY: p has cap bytes.
    unsafe { ptr::write_bytes(p.add(n), 0, cap - n) };
    Slice {
        ptr: p,
        len: n as isize,
        cap: cap as isize,
    }
}

/// `[]byte(s)`.
///
/// # Safety
/// `p` holds `n` bytes.
#[export_name = "runtime.stringtoslicebyte"]
pub unsafe extern "C" fn stringtoslicebyte(p: *const u8, n: isize) -> Slice {
    let s = rawbyteslice(n.max(0) as usize);
    // SAFETY: s has room for n bytes.
    unsafe { ptr::copy_nonoverlapping(p, s.ptr, n.max(0) as usize) };
    s
}

/// gc's decoderune: the rune starting at byte `k` of `s` and the index
/// after it; invalid UTF-8 gives (U+FFFD, k+1).
pub fn decode(s: &[u8], k: usize) -> (i32, usize) {
    if k >= s.len() {
        return (RUNE_ERROR, k + 1);
    }
    let b0 = s[k];
    if b0 < 0x80 {
        return (b0 as i32, k + 1);
    }
    let cont = |i: usize| s.get(k + i).is_some_and(|&b| (0x80..=0xBF).contains(&b));
    let cx = |i: usize| (s[k + i] & 0x3F) as i32;
    if (0xC0..0xE0).contains(&b0) {
        if cont(1) {
            let r = ((b0 & 0x1F) as i32) << 6 | cx(1);
            if r > 0x7F {
                return (r, k + 2);
            }
        }
    } else if (0xE0..0xF0).contains(&b0) {
        if cont(1) && cont(2) {
            let r = ((b0 & 0x0F) as i32) << 12 | cx(1) << 6 | cx(2);
            if r > 0x7FF && !(0xD800..=0xDFFF).contains(&r) {
                return (r, k + 3);
            }
        }
    } else if (0xF0..0xF8).contains(&b0) && cont(1) && cont(2) && cont(3) {
        let r = ((b0 & 0x07) as i32) << 18 | cx(1) << 12 | cx(2) << 6 | cx(3);
        if r > 0xFFFF && r <= 0x10FFFF {
            return (r, k + 4);
        }
    }
    (RUNE_ERROR, k + 1)
}

/// (rune, next index), returned in rax:rdx.
#[repr(C)]
pub struct RunePos {
    pub rune: i32,
    pub pos: isize,
}

/// `for i, r := range s` past an ASCII byte.
///
/// # Safety
/// `p` holds `n` bytes.
#[export_name = "runtime.decoderune"]
pub unsafe extern "C" fn decoderune(p: *const u8, n: isize, k: isize) -> RunePos {
    // SAFETY: contract.
    let s = unsafe { bytes(p, n) };
    let (r, pos) = decode(s, k as usize);
    RunePos {
        rune: r,
        pos: pos as isize,
    }
}

/// `[]rune(s)`.
///
/// # Safety
/// `p` holds `n` bytes.
#[export_name = "runtime.stringtoslicerune"]
pub unsafe extern "C" fn stringtoslicerune(p: *const u8, n: isize) -> Slice {
    // SAFETY: contract.
    let s = unsafe { bytes(p, n) };
    let mut count = 0usize;
    let mut k = 0;
    while k < s.len() {
        k = decode(s, k).1;
        count += 1;
    }
    let mem = roundupsize(count * 4, true);
    let q = rawstring(mem) as *mut i32;
    let mut k = 0;
    let mut i = 0;
    while k < s.len() {
        let (r, next) = decode(s, k);
        // SAFETY: q has room for count runes.
        unsafe { *q.add(i) = r };
        i += 1;
        k = next;
    }
    // SAFETY: zero the tail past the runes.
    unsafe { ptr::write_bytes((q as *mut u8).add(count * 4), 0, mem - count * 4) };
    Slice {
        ptr: q.cast(),
        len: count as isize,
        cap: (mem / 4) as isize,
    }
}

/// `string(runes)`.
///
/// # Safety
/// `p` holds `n` runes.
#[export_name = "runtime.slicerunetostring"]
pub unsafe extern "C" fn slicerunetostring(p: *const i32, n: isize) -> GoString {
    // SAFETY: contract.
    let a = unsafe { crate::abi::slice_of(p, n.max(0) as usize) };
    let mut tmp = [0u8; 4];
    let size: usize = a.iter().map(|&r| encoderune(&mut tmp, r)).sum();
    if size == 0 {
        return empty();
    }
    let q = rawstring(size + 3);
    let mut off = 0;
    for &r in a {
        let m = encoderune(&mut tmp, r);
        if off + m > size {
            break;
        }
        // SAFETY: q has size+3 bytes.
        unsafe { ptr::copy_nonoverlapping(tmp.as_ptr(), q.add(off), m) };
        off += m;
    }
    GoString {
        ptr: q,
        len: off as isize,
    }
}

/// # Safety
/// Both ranges are valid for `n` bytes.
#[export_name = "runtime.memmove"]
pub unsafe extern "C" fn memmove(dst: *mut u8, src: *const u8, n: usize) {
    if n > 0 {
        // SAFETY: contract; `copy` allows overlap.
        unsafe { ptr::copy(src, dst, n) };
    }
}

/// # Safety
/// `p` is valid for `n` bytes.
#[export_name = "runtime.memclrNoHeapPointers"]
pub unsafe extern "C" fn memclr_no_heap_pointers(p: *mut u8, n: usize) {
    if n > 0 {
        // SAFETY: contract.
        unsafe { ptr::write_bytes(p, 0, n) };
    }
}

/// # Safety
/// Both are valid for `n` bytes.
#[export_name = "runtime.memequal"]
pub unsafe extern "C" fn memequal(a: *const u8, b: *const u8, n: usize) -> u8 {
    if a == b || n == 0 {
        return 1;
    }
    // SAFETY: contract.
    unsafe { (core::slice::from_raw_parts(a, n) == core::slice::from_raw_parts(b, n)) as u8 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: GoString) -> Vec<u8> {
        unsafe { bytes(x.ptr, x.len) }.to_vec()
    }

    #[test]
    fn decoderune_like_gc() {
        type Case = (&'static [u8], Vec<(i32, usize)>);
        let cases: &[Case] = &[
            (b"a\xc3\xa9", vec![(97, 1), (0xe9, 3)]),
            (b"\xff", vec![(0xFFFD, 1)]),
            (b"\xc0\x80", vec![(0xFFFD, 1), (0xFFFD, 2)]),
            (b"\xed\xa0\x80", vec![(0xFFFD, 1), (0xFFFD, 2), (0xFFFD, 3)]),
            (b"\xf0\x9f\x98\x80x", vec![(0x1F600, 4), (120, 5)]),
            (
                b"\xf4\x90\x80\x80",
                vec![(0xFFFD, 1), (0xFFFD, 2), (0xFFFD, 3), (0xFFFD, 4)],
            ),
            (b"\xe2\x82", vec![(0xFFFD, 1), (0xFFFD, 2)]),
        ];
        for (input, want) in cases {
            let mut got = vec![];
            let mut k = 0;
            while k < input.len() {
                let (r, n) = decode(input, k);
                got.push((r, n));
                k = n;
            }
            assert_eq!(&got, want, "{input:?}");
        }
    }

    #[test]
    fn conversions() {
        unsafe {
            let parts = [
                GoString {
                    ptr: b"ab".as_ptr(),
                    len: 2,
                },
                GoString {
                    ptr: ptr::null(),
                    len: 0,
                },
                GoString {
                    ptr: b"cde".as_ptr(),
                    len: 3,
                },
            ];
            assert_eq!(s(concatstrings(parts.as_ptr(), 3)), b"abcde");
            assert_eq!(cmpstring(b"ab".as_ptr(), 2, b"abc".as_ptr(), 3), -1);
            assert_eq!(cmpstring(b"b".as_ptr(), 1, b"abc".as_ptr(), 3), 1);
            assert_eq!(cmpstring(b"x".as_ptr(), 1, b"x".as_ptr(), 1), 0);
            assert_eq!(s(intstring(0x4e16)), "世".as_bytes());
            assert_eq!(s(intstring(-1)), "\u{FFFD}".as_bytes());
            assert_eq!(s(intstring(0xD800)), "\u{FFFD}".as_bytes());
            assert_eq!(s(intstring(1 << 40)), "\u{FFFD}".as_bytes());
            assert_eq!(s(intstring(65)), b"A");
            let b = stringtoslicebyte(b"hello".as_ptr(), 5);
            assert_eq!((b.len, b.cap), (5, 8));
            let r = stringtoslicerune("a€\u{ff}".as_ptr(), "a€\u{ff}".len() as isize);
            assert_eq!((r.len, r.cap), (3, 4));
            let runes = core::slice::from_raw_parts(r.ptr as *const i32, 3);
            assert_eq!(runes, &[97, 0x20ac, 0xff]);
            let back = slicerunetostring(r.ptr as *const i32, 3);
            assert_eq!(s(back), "a€\u{ff}".as_bytes());
            let bad = [0x41, -5, 0x110000];
            assert_eq!(
                s(slicerunetostring(bad.as_ptr(), 3)),
                "A\u{FFFD}\u{FFFD}".as_bytes()
            );
            assert_eq!(s(slicebytetostring(b"xyz".as_ptr(), 3)), b"xyz");
            assert_eq!(memequal(b"abc".as_ptr(), b"abd".as_ptr(), 2), 1);
            assert_eq!(memequal(b"abc".as_ptr(), b"abd".as_ptr(), 3), 0);
        }
    }
}
