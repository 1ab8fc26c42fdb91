//! Run-time errors: the values the runtime panics with (gc's
//! `boundsError`, `errorString`, `plainError`, `*TypeAssertionError`,
//! `*PanicNilError`), their messages worded as gc's `Error()` methods,
//! and the entry points compiled code calls on a failed check
//! (`goPanicIndex` & co., `panicdivide`, `panicshift`, `panicmem`,
//! `panicdottypeE`, `panicnildottype`, `panicmakeslicelen/cap`).
//!
//! Until the Go side of the runtime (lib/runtime) provides these types,
//! their descriptors live in the runtime's own blob (`rtype`), with
//! method tables (`Error`, `RuntimeError`) so compiled code can convert
//! them to `error`/`runtime.Error` and call their methods.

use crate::abi::{self, Type};
use crate::malloc;
use crate::panic::panic_value;
use crate::print::{fmt_u64, StackBuf};
use crate::rtype;
use core::ptr;

/// A static descriptor (tests and static data).
#[repr(transparent)]
pub struct StaticType(pub Type);
// SAFETY: descriptors are immutable; their pointers point to immutable
// statics.
unsafe impl Sync for StaticType {}

/// The frame (fp, pc) of the compiled code that called the current
/// runtime entry point (recorded by the `entry!` shims; (0, 0) when Rust
/// called the implementation directly, as tests do).
pub fn caller_frame() -> (usize, usize) {
    let g = crate::g::getg();
    // SAFETY: g is null or this thread's G.
    unsafe { g.as_ref() }.map_or((0, 0), |g| (g.entry_fp, g.entry_pc))
}

/// Panics with a `runtime.errorString` "runtime error: " + prefix + s on
/// behalf of the entry point's caller.
pub fn panic_runtime_error_str(prefix: &[u8], s: &[u8]) -> ! {
    let mut b = StackBuf::<512>::new();
    b.extend(prefix);
    b.extend(s);
    let msg = rtype::heap_string(b.as_bytes());
    // The value holds a heap string: allocate it with the string type so
    // the collector sees the pointer.
    // SAFETY: a fresh object of the string type's size.
    let d = unsafe {
        let p = malloc::malloc(
            core::mem::size_of::<rtype::GoStr>(),
            rtype::string_type(),
            true,
        );
        ptr::write(p as *mut rtype::GoStr, msg);
        p
    };
    let (fp, pc) = caller_frame();
    panic_value(rtype::error_string(), d, fp, pc)
}

/// Panics with a `runtime.plainError` on behalf of the entry point's
/// caller.
pub fn panic_plain(msg: &'static str) -> ! {
    let (t, d) = error_string(msg, true);
    let (fp, pc) = caller_frame();
    panic_value(t, d, fp, pc)
}

/// Panics with a `*runtime.TypeAssertionError` on behalf of the entry
/// point's caller.
pub fn panic_type_assertion(e: TypeAssertionError) -> ! {
    let d = new_value(e);
    let (fp, pc) = caller_frame();
    panic_value(rtype::type_assertion_error(), d, fp, pc)
}

/// gc's boundsError (layout of its fields).
#[repr(C)]
pub struct BoundsError {
    pub x: i64,
    pub y: i64,
    pub signed: bool,
    pub code: u8,
}

pub mod bounds {
    pub const INDEX: u8 = 0;
    pub const SLICE_ALEN: u8 = 1;
    pub const SLICE_ACAP: u8 = 2;
    pub const SLICE_B: u8 = 3;
    pub const SLICE3_ALEN: u8 = 4;
    pub const SLICE3_ACAP: u8 = 5;
    pub const SLICE3_B: u8 = 6;
    pub const SLICE3_C: u8 = 7;
    pub const CONVERT: u8 = 8;
}

const BOUNDS_FMTS: [&str; 9] = [
    "index out of range [%x] with length %y",
    "slice bounds out of range [:%x] with length %y",
    "slice bounds out of range [:%x] with capacity %y",
    "slice bounds out of range [%x:%y]",
    "slice bounds out of range [::%x] with length %y",
    "slice bounds out of range [::%x] with capacity %y",
    "slice bounds out of range [:%x:%y]",
    "slice bounds out of range [%x:%y:]",
    "cannot convert slice with length %y to array or pointer to array with length %x",
];

const BOUNDS_NEG_FMTS: [&str; 8] = [
    "index out of range [%x]",
    "slice bounds out of range [:%x]",
    "slice bounds out of range [:%x]",
    "slice bounds out of range [%x:]",
    "slice bounds out of range [::%x]",
    "slice bounds out of range [::%x]",
    "slice bounds out of range [:%x:]",
    "slice bounds out of range [%x::]",
];

fn append_int<const N: usize>(out: &mut StackBuf<N>, v: i64, signed: bool) {
    let mut buf = [0u8; 20];
    let u = if signed && v < 0 {
        out.push(b'-');
        v.unsigned_abs()
    } else {
        v as u64
    };
    let i = fmt_u64(&mut buf, u);
    out.extend(&buf[i..]);
}

/// boundsError.Error().
pub fn bounds_message<const N: usize>(e: &BoundsError, out: &mut StackBuf<N>) {
    let code = e.code as usize;
    let fmt = if e.signed && e.x < 0 && code < BOUNDS_NEG_FMTS.len() {
        BOUNDS_NEG_FMTS[code]
    } else {
        BOUNDS_FMTS[code.min(8)]
    };
    out.extend(b"runtime error: ");
    let b = fmt.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            i += 1;
            match b[i] {
                b'x' => append_int(out, e.x, e.signed),
                _ => append_int(out, e.y, true),
            }
        } else {
            out.push(b[i]);
        }
        i += 1;
    }
}

/// gc's TypeAssertionError (field layout).
#[repr(C)]
pub struct TypeAssertionError {
    pub interface: *const Type,
    pub concrete: *const Type,
    pub asserted: *const Type,
    pub missing_ptr: *const u8,
    pub missing_len: usize,
}

/// TypeAssertionError.Error().
pub fn type_assertion_message<const N: usize>(e: &TypeAssertionError, out: &mut StackBuf<N>) {
    let inter: &[u8] = if e.interface.is_null() {
        b"interface"
    } else {
        abi::type_string(e.interface)
    };
    let as_ = abi::type_string(e.asserted);
    out.extend(b"interface conversion: ");
    if e.concrete.is_null() {
        out.extend(inter);
        out.extend(b" is nil, not ");
        out.extend(as_);
        return;
    }
    let cs = abi::type_string(e.concrete);
    if e.missing_len == 0 {
        out.extend(inter);
        out.extend(b" is ");
        out.extend(cs);
        out.extend(b", not ");
        out.extend(as_);
        if cs == as_ {
            if abi::type_pkgpath(e.concrete) != abi::type_pkgpath(e.asserted) {
                out.extend(b" (types from different packages)");
            } else {
                out.extend(b" (types from different scopes)");
            }
        }
        return;
    }
    out.extend(cs);
    out.extend(b" is not ");
    out.extend(as_);
    out.extend(b": missing method ");
    // SAFETY: (ptr, len) of a static method name.
    out.extend(unsafe { abi::bytes(e.missing_ptr, e.missing_len) });
}

/// If (t, data) is one of the runtime's error values, its `Error()`
/// text.
pub fn runtime_error_message<const N: usize>(
    t: *const Type,
    data: *mut u8,
    out: &mut StackBuf<N>,
) -> bool {
    // SAFETY: the runtime made these values with the matching layouts.
    unsafe {
        if t == rtype::bounds_error() {
            bounds_message(&*(data as *const BoundsError), out);
        } else if t == rtype::error_string() || t == rtype::plain_error() {
            if t == rtype::error_string() {
                out.extend(b"runtime error: ");
            }
            let h = data as *const (*const u8, usize);
            out.extend(abi::bytes((*h).0, (*h).1));
        } else if rtype::is_type_assertion_error(t) {
            type_assertion_message(&*(data as *const TypeAssertionError), out);
        } else if rtype::is_panic_nil_error(t) {
            out.extend(b"runtime error: panic called with nil argument");
        } else {
            return false;
        }
    }
    true
}

fn new_value<T>(v: T) -> *mut u8 {
    // SAFETY: a fresh heap object of T's size; T holds no Go pointers the
    // GC must know about beyond what the descriptor says.
    unsafe {
        let p = malloc::malloc(core::mem::size_of::<T>(), ptr::null(), true);
        ptr::write(p as *mut T, v);
        p
    }
}

/// An `errorString`/`plainError` value for a static message.
pub fn error_string(msg: &'static str, plain: bool) -> (*const Type, *mut u8) {
    let d = new_value((msg.as_ptr(), msg.len()));
    let t = if plain {
        rtype::plain_error()
    } else {
        rtype::error_string()
    };
    (t, d)
}

pub fn panic_nil_error() -> (*const Type, *mut u8) {
    (rtype::panic_nil_error(), new_value(0usize))
}

fn panic_error_string(msg: &'static str, fp: usize, pc: usize) -> ! {
    let (t, d) = error_string(msg, false);
    panic_value(t, d, fp, pc)
}

fn panic_bounds(x: i64, y: i64, signed: bool, code: u8, fp: usize, pc: usize) -> ! {
    let d = new_value(BoundsError { x, y, signed, code });
    panic_value(rtype::bounds_error(), d, fp, pc)
}

pub extern "C" fn panicdivide_impl(fp: usize, pc: usize) -> ! {
    panic_error_string("integer divide by zero", fp, pc)
}

pub extern "C" fn panicshift_impl(fp: usize, pc: usize) -> ! {
    panic_error_string("negative shift amount", fp, pc)
}

pub extern "C" fn panicmakeslicelen_impl(fp: usize, pc: usize) -> ! {
    panic_error_string("makeslice: len out of range", fp, pc)
}

pub extern "C" fn panicmakeslicecap_impl(fp: usize, pc: usize) -> ! {
    panic_error_string("makeslice: cap out of range", fp, pc)
}

pub const MEM_ERROR: &str = "invalid memory address or nil pointer dereference";

/// A nil dereference found by an explicit check: as if the access had
/// faulted at address 0 (`[signal SIGSEGV ...]` line included).
pub extern "C" fn panicmem_impl(fp: usize, pc: usize) -> ! {
    let g = crate::g::ensure_g();
    // SAFETY: g is this thread's G.
    unsafe {
        (*g).sig = libc::SIGSEGV as u32;
        (*g).sigcode0 = 1;
        (*g).sigcode1 = 0;
        (*g).sigpc = pc as u64;
    }
    panic_error_string(MEM_ERROR, fp, pc)
}

pub extern "C" fn panicnildottype_impl(want: *const Type, fp: usize, pc: usize) -> ! {
    let d = new_value(TypeAssertionError {
        interface: ptr::null(),
        concrete: ptr::null(),
        asserted: want,
        missing_ptr: ptr::null(),
        missing_len: 0,
    });
    panic_value(rtype::type_assertion_error(), d, fp, pc)
}

/// `panicdottypeI(have *ITab, want, iface)`: as panicdottypeE with the
/// itab's type (nil itab: nil interface).
pub extern "C" fn panicdottype_i_impl(
    have: *const abi::ITab,
    want: *const Type,
    iface: *const Type,
    fp: usize,
    pc: usize,
) -> ! {
    // SAFETY: have is null or a valid itab.
    let t = unsafe { have.as_ref() }.map_or(ptr::null(), |i| i.typ);
    panicdottype_e_impl(t, want, iface, fp, pc)
}

pub extern "C" fn panicdottype_e_impl(
    have: *const Type,
    want: *const Type,
    iface: *const Type,
    fp: usize,
    pc: usize,
) -> ! {
    let d = new_value(TypeAssertionError {
        interface: iface,
        concrete: have,
        asserted: want,
        missing_ptr: ptr::null(),
        missing_len: 0,
    });
    panic_value(rtype::type_assertion_error(), d, fp, pc)
}

macro_rules! bounds_entry {
    ($name:ident, $code:expr, signed) => {
        pub extern "C" fn $name(x: i64, y: i64, fp: usize, pc: usize) -> ! {
            panic_bounds(x, y, true, $code, fp, pc)
        }
    };
    ($name:ident, $code:expr, unsigned) => {
        pub extern "C" fn $name(x: u64, y: i64, fp: usize, pc: usize) -> ! {
            panic_bounds(x as i64, y, false, $code, fp, pc)
        }
    };
}

bounds_entry!(go_panic_index, bounds::INDEX, signed);
bounds_entry!(go_panic_index_u, bounds::INDEX, unsigned);
bounds_entry!(go_panic_slice_alen, bounds::SLICE_ALEN, signed);
bounds_entry!(go_panic_slice_alen_u, bounds::SLICE_ALEN, unsigned);
bounds_entry!(go_panic_slice_acap, bounds::SLICE_ACAP, signed);
bounds_entry!(go_panic_slice_acap_u, bounds::SLICE_ACAP, unsigned);
bounds_entry!(go_panic_slice_b, bounds::SLICE_B, signed);
bounds_entry!(go_panic_slice_b_u, bounds::SLICE_B, unsigned);
bounds_entry!(go_panic_slice3_alen, bounds::SLICE3_ALEN, signed);
bounds_entry!(go_panic_slice3_alen_u, bounds::SLICE3_ALEN, unsigned);
bounds_entry!(go_panic_slice3_acap, bounds::SLICE3_ACAP, signed);
bounds_entry!(go_panic_slice3_acap_u, bounds::SLICE3_ACAP, unsigned);
bounds_entry!(go_panic_slice3_b, bounds::SLICE3_B, signed);
bounds_entry!(go_panic_slice3_b_u, bounds::SLICE3_B, unsigned);
bounds_entry!(go_panic_slice3_c, bounds::SLICE3_C, signed);
bounds_entry!(go_panic_slice3_c_u, bounds::SLICE3_C, unsigned);
bounds_entry!(go_panic_slice_convert, bounds::CONVERT, signed);

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(x: i64, y: i64, signed: bool, code: u8) -> String {
        let mut b = StackBuf::<128>::new();
        bounds_message(&BoundsError { x, y, signed, code }, &mut b);
        String::from_utf8(b.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn bounds_messages_like_gc() {
        assert_eq!(
            msg(5, 3, true, bounds::INDEX),
            "runtime error: index out of range [5] with length 3"
        );
        assert_eq!(
            msg(-1, 3, true, bounds::INDEX),
            "runtime error: index out of range [-1]"
        );
        assert_eq!(
            msg(-1, 3, false, bounds::INDEX),
            "runtime error: index out of range [18446744073709551615] with length 3"
        );
        assert_eq!(
            msg(4, 3, true, bounds::SLICE_ALEN),
            "runtime error: slice bounds out of range [:4] with length 3"
        );
        assert_eq!(
            msg(4, 3, true, bounds::SLICE_ACAP),
            "runtime error: slice bounds out of range [:4] with capacity 3"
        );
        assert_eq!(
            msg(3, 2, true, bounds::SLICE_B),
            "runtime error: slice bounds out of range [3:2]"
        );
        assert_eq!(
            msg(-2, 0, true, bounds::SLICE_B),
            "runtime error: slice bounds out of range [-2:]"
        );
        assert_eq!(
            msg(9, 5, true, bounds::SLICE3_ACAP),
            "runtime error: slice bounds out of range [::9] with capacity 5"
        );
        assert_eq!(
            msg(3, 2, true, bounds::SLICE3_B),
            "runtime error: slice bounds out of range [:3:2]"
        );
        assert_eq!(
            msg(3, 2, true, bounds::SLICE3_C),
            "runtime error: slice bounds out of range [3:2:]"
        );
        assert_eq!(
            msg(4, 3, true, bounds::CONVERT),
            "runtime error: cannot convert slice with length 3 to array or pointer to array with length 4"
        );
        assert_eq!(
            msg(i64::MIN, 1, true, bounds::INDEX),
            "runtime error: index out of range [-9223372036854775808]"
        );
    }
}
