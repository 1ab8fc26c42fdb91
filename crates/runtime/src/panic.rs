//! defer, panic and recover (docs/ABI.md "defer, panic and recover"), the
//! unrecovered-panic report, and fatal errors (`throw`).
//!
//! A function with defers runs its body under `runtime.withdefers`, which
//! pushes a `DeferFrame` (on its own stack frame) onto the G. `deferpush`
//! links a `Defer` record (closure + owning frame) onto the G;
//! `deferreturn` runs the current frame's records LIFO. `gopanic` runs
//! records LIFO through `calldeferred`; when one of them recovered, it
//! drops the panics and records above the owning frame and resumes that
//! frame's trampoline (`withdefers.resume`), which runs the frame's
//! remaining records and returns 1. With no records left the panic is
//! printed as gc prints it and the process exits with status 2.

use crate::abi::{self, kind, Type};
use crate::asm;
use crate::g::{self, G};
use crate::malloc::persistent;
use crate::print::{gwrite, phex, printlock, pstr, puint, StackBuf};
use crate::{error, sys, traceback};
use core::ptr;

/// A pending deferred call.
#[repr(C)]
pub struct Defer {
    pub link: *mut Defer,
    /// The closure object (first word: code pointer).
    pub closure: *const usize,
    /// The defer frame of the function that deferred it.
    pub frame: *mut DeferFrame,
}

/// The record `runtime.withdefers` keeps on its stack frame (layout used
/// by the assembly).
#[repr(C)]
pub struct DeferFrame {
    pub link: *mut DeferFrame,
    pub rsp: usize,
    pub rbp: usize,
    pub _pad: usize,
}

/// An active panic (lives in `gopanic`'s frame on the goroutine stack).
#[repr(C)]
pub struct Panic {
    pub link: *mut Panic,
    pub arg_type: *const Type,
    pub arg_data: *mut u8,
    /// Frame pointer and return address of the function that panicked.
    pub fp: usize,
    pub pc: usize,
    pub recovered: bool,
    pub repanicked: bool,
    pub goexit: bool,
    /// The value's `Error()`/`String()` result, filled in by
    /// `preprintpanics` (gc replaces the value by that string).
    pub text: crate::rtype::GoStr,
    pub has_text: bool,
}

/// `defer f()`: records `closure` for the innermost defer frame.
///
/// # Safety
/// Called by compiled code inside a `withdefers` body with a valid closure.
#[export_name = "runtime.deferpush"]
pub unsafe extern "C" fn deferpush(closure: *const usize) {
    let gp = g::ensure_g();
    // SAFETY: gp is this thread's G; defer records are runtime-owned.
    unsafe {
        let g = &mut *gp;
        if g.deferframe.is_null() {
            throw("defer outside a defer frame");
        }
        let d = if g.free_defers.is_null() {
            persistent::alloc_t::<Defer>()
        } else {
            let d = g.free_defers;
            g.free_defers = (*d).link;
            d
        };
        (*d).closure = closure;
        (*d).frame = g.deferframe;
        (*d).link = g.defer;
        g.defer = d;
    }
}

pub fn free_defer(g: &mut G, d: *mut Defer) {
    // SAFETY: d was just unlinked from g's list and is not used again.
    unsafe {
        (*d).closure = ptr::null();
        (*d).link = g.free_defers;
    }
    g.free_defers = d;
}

/// `runtime.deferreturn` (through its shim): runs the deferred calls of
/// the innermost defer frame, LIFO.
pub extern "C" fn deferreturn_impl(fp: usize, pc: usize) {
    let gp = g::ensure_g();
    // SAFETY: gp is this thread's G; records are unlinked before their
    // call, so a panicking deferred call leaves a consistent list.
    unsafe {
        let frame = (*gp).deferframe;
        loop {
            let d = (*gp).defer;
            if d.is_null() || (*d).frame != frame {
                return;
            }
            (*gp).defer = (*d).link;
            let c = (*d).closure;
            free_defer(&mut *gp, d);
            asm::callclosure(c, gp, fp, pc);
        }
    }
}

/// `runtime.gopanic(type, data)` (through its shim).
pub extern "C" fn gopanic_impl(typ: *const Type, data: *mut u8, fp: usize, pc: usize) -> ! {
    let (typ, data) = if typ.is_null() {
        error::panic_nil_error()
    } else {
        (typ, data)
    };
    let gp = g::ensure_g();
    let mut p = Panic {
        // SAFETY: gp is this thread's G.
        link: unsafe { (*gp).panic },
        arg_type: typ,
        arg_data: data,
        fp,
        pc,
        recovered: false,
        repanicked: false,
        goexit: false,
        text: crate::rtype::GoStr::EMPTY,
        has_text: false,
    };
    let pp: *mut Panic = &mut p;
    // SAFETY: p outlives its presence on the list: it is unlinked before
    // this frame is abandoned (recovery) and the process ends otherwise.
    unsafe {
        (*gp).panic = pp;
        loop {
            let d = (*gp).defer;
            if d.is_null() {
                fatalpanic(gp);
            }
            (*gp).defer = (*d).link;
            let c = (*d).closure;
            let frame = (*d).frame;
            free_defer(&mut *gp, d);
            asm::calldeferred(c, gp, fp, pc);
            if (*pp).recovered {
                recovery(gp, frame);
            }
        }
    }
}

/// Panics with a runtime-made value from Rust code on behalf of the Go
/// frame (fp, pc).
pub fn panic_value(typ: *const Type, data: *mut u8, fp: usize, pc: usize) -> ! {
    gopanic_impl(typ, data, fp, pc)
}

/// Unwinds to the defer frame `frame` after a recovered panic.
///
/// # Safety
/// `frame` is a live defer frame of the current goroutine, below (older
/// than) the current Rust frame.
unsafe fn recovery(gp: *mut G, frame: *mut DeferFrame) -> ! {
    // SAFETY: per the contract; panics and records above `frame` belong
    // to frames about to be dropped.
    unsafe {
        let g = &mut *gp;
        while !g.panic.is_null() && (g.panic as usize) < frame as usize {
            g.panic = (*g.panic).link;
        }
        while !g.defer.is_null() && ((*g.defer).frame as usize) < frame as usize {
            let d = g.defer;
            g.defer = (*d).link;
            free_defer(g, d);
        }
        g.deferframe = frame;
        g.sig = 0;
        asm::withdefers_resume(frame as usize)
    }
}

/// Two words returned in rax:rdx.
#[repr(C)]
pub struct Eface {
    pub typ: *const Type,
    pub data: *mut u8,
}

/// `recover()` (through its shim): the panic value when the function
/// calling recover (return address `retaddr`, frame pointer `fp`) was
/// called directly by the defer machinery during a panic — or through a
/// wrapper function, as for `defer f(x)` — and the panic is not yet
/// recovered; nil otherwise.
pub extern "C" fn gorecover_impl(retaddr: usize, fp: usize, _pc: usize) -> Eface {
    let nil = Eface {
        typ: ptr::null(),
        data: ptr::null_mut(),
    };
    let gp = g::getg();
    if gp.is_null() {
        return nil;
    }
    // SAFETY: gp is this thread's G; its panic list is valid.
    let p = unsafe { (*gp).panic };
    if p.is_null() {
        return nil;
    }
    // SAFETY: p is a live panic record.
    let pr = unsafe { &mut *p };
    if pr.recovered || pr.goexit {
        return nil;
    }
    let target = asm::calldeferred_ret();
    // Called by the defer machinery, directly or through wrappers (a
    // `defer f(x)` wrapper, a big-frame thunk, or both).
    let (mut ret, mut fp) = (retaddr, fp);
    if ret == asm::withdefers_ret() {
        // The function calling recover is the body of one with defers,
        // run by `runtime.withdefers`: the deferred function is the
        // outer one. Step over withdefers' frame to the outer's return.
        // SAFETY: frame records (saved rbp, return address) of the
        // body, withdefers (which keeps rbp) and the outer function.
        unsafe {
            let wfp = *(fp as *const usize);
            let ofp = if wfp == 0 { 0 } else { *(wfp as *const usize) };
            if ofp == 0 {
                return nil;
            }
            fp = ofp;
            ret = *((ofp + 8) as *const usize);
        }
    }
    while ret != target {
        if abi::findfunc(ret).is_none_or(|f| f.flags & abi::FUNC_FLAG_WRAPPER == 0) {
            return nil;
        }
        // The wrapper's own return address: [[fp] + 8].
        // SAFETY: fp is the frame pointer of a compiled function (frame
        // pointers are kept), whose saved rbp is the wrapper's frame.
        fp = unsafe { *(fp as *const usize) };
        if fp == 0 {
            return nil;
        }
        // SAFETY: as above: a frame record is (saved rbp, return address).
        ret = unsafe { *((fp + 8) as *const usize) };
    }
    pr.recovered = true;
    Eface {
        typ: pr.arg_type,
        data: pr.arg_data,
    }
}

/// Prints the panics and the traceback and exits with status 2.
fn fatalpanic(gp: *mut G) -> ! {
    // SAFETY: gp is this thread's G with a non-empty panic list.
    unsafe { preprintpanics((*gp).panic) };
    printlock();
    // SAFETY: as above.
    unsafe {
        let top = (*gp).panic;
        printpanics(top);
        let g = &*gp;
        if g.sig != 0 {
            pstr("[signal ");
            pstr(crate::signal::signame(g.sig));
            pstr(" code=");
            phex(g.sigcode0);
            pstr(" addr=");
            phex(g.sigcode1);
            pstr(" pc=");
            phex(g.sigpc);
            pstr("]\n");
        }
        pstr("\ngoroutine ");
        puint(g.goid.max(1));
        pstr(" [running]:\n");
        traceback::traceback((*top).fp, (*top).pc, (*top).link, false);
        crate::proc::print_created_by(gp);
    }
    crate::print::printunlock();
    crate::print::flush_all();
    sys::exit(2)
}

/// Marks panics that re-panic their predecessor's value and turns error
/// and Stringer values into their text (calling their Go methods, before
/// the print lock is taken), as gc's preprintpanics.
unsafe fn preprintpanics(mut p: *mut Panic) {
    // SAFETY: p walks a valid panic list.
    unsafe {
        while !p.is_null() {
            let l = (*p).link;
            // gc compares the values (`==` of the interfaces): two
            // run-time errors with the same text are one repanic.
            let same = !l.is_null()
                && (*l).recovered
                && (*l).arg_type == (*p).arg_type
                && ((*l).arg_data == (*p).arg_data
                    || (!(*p).arg_type.is_null()
                        && !(*(*p).arg_type).equal.is_null()
                        && crate::hash::dyn_equal((*p).arg_type, (*l).arg_data, (*p).arg_data)));
            if same {
                (*l).repanicked = true;
                p = l;
                continue;
            }
            if let Some(t) = crate::iface::method_string((*p).arg_type, (*p).arg_data) {
                (*p).text = t;
                (*p).has_text = true;
            }
            p = l;
        }
    }
}

unsafe fn printpanics(p: *mut Panic) {
    // SAFETY: p walks a valid panic list.
    unsafe {
        let l = (*p).link;
        if !l.is_null() {
            printpanics(l);
            if (*l).repanicked {
                return;
            }
            if !(*l).goexit {
                pstr("\t");
            }
        }
        if (*p).goexit {
            return;
        }
        pstr("panic: ");
        if (*p).has_text {
            printindented((*p).text.as_bytes());
        } else {
            printpanicval((*p).arg_type, (*p).arg_data);
        }
        if (*p).recovered && (*p).repanicked {
            pstr(" [recovered, repanicked]");
        } else if (*p).recovered {
            pstr(" [recovered]");
        }
        pstr("\n");
    }
}

/// Prints `s` with each "\n" followed by a tab (gc's printindented).
pub fn printindented(s: &[u8]) {
    let mut start = 0;
    for (i, &c) in s.iter().enumerate() {
        if c == b'\n' {
            gwrite(&s[start..=i]);
            gwrite(b"\t");
            start = i + 1;
        }
    }
    gwrite(&s[start..]);
}

/// Loads a value of basic kind `k` at `data` and prints it as `print`
/// does.
///
/// # Safety
/// `data` points to a value of kind `k`.
unsafe fn print_basic(k: u8, data: *const u8) -> bool {
    use crate::print::*;
    // SAFETY: the caller guarantees the value's kind.
    unsafe {
        match k {
            kind::BOOL => printbool(*data),
            kind::INT | kind::INT64 => pint(*(data as *const i64)),
            kind::INT8 => pint(*(data as *const i8) as i64),
            kind::INT16 => pint(*(data as *const i16) as i64),
            kind::INT32 => pint(*(data as *const i32) as i64),
            kind::UINT | kind::UINT64 | kind::UINTPTR => puint(*(data as *const u64)),
            kind::UINT8 => puint(*data as u64),
            kind::UINT16 => puint(*(data as *const u16) as u64),
            kind::UINT32 => puint(*(data as *const u32) as u64),
            kind::FLOAT32 => printfloat32(*(data as *const f32)),
            kind::FLOAT64 => printfloat64(*(data as *const f64)),
            kind::COMPLEX64 => {
                let c = data as *const f32;
                printcomplex64(*c, *c.add(1))
            }
            kind::COMPLEX128 => {
                let c = data as *const f64;
                printcomplex128(*c, *c.add(1))
            }
            _ => return false,
        }
    }
    true
}

fn basic_name(k: u8) -> &'static [u8] {
    match k {
        kind::BOOL => b"bool",
        kind::INT => b"int",
        kind::INT8 => b"int8",
        kind::INT16 => b"int16",
        kind::INT32 => b"int32",
        kind::INT64 => b"int64",
        kind::UINT => b"uint",
        kind::UINT8 => b"uint8",
        kind::UINT16 => b"uint16",
        kind::UINT32 => b"uint32",
        kind::UINT64 => b"uint64",
        kind::UINTPTR => b"uintptr",
        kind::FLOAT32 => b"float32",
        kind::FLOAT64 => b"float64",
        kind::COMPLEX64 => b"complex64",
        kind::COMPLEX128 => b"complex128",
        kind::STRING => b"string",
        _ => b"",
    }
}

/// gc's printpanicval for a panic value (type, data).
pub fn printpanicval(typ: *const Type, data: *mut u8) {
    if typ.is_null() {
        pstr("nil");
        return;
    }
    let mut msg = StackBuf::<160>::new();
    if error::runtime_error_message(typ, data, &mut msg) {
        printindented(msg.as_bytes());
        return;
    }
    // SAFETY: typ is a valid descriptor.
    let t = unsafe { &*typ };
    let name = abi::type_string(typ);
    let k = t.kind & abi::KIND_MASK;
    let data_ptr: *const u8 = if t.tflag & abi::TFLAG_DIRECT_IFACE != 0 {
        &data as *const *mut u8 as *const u8
    } else {
        data
    };
    let basic = basic_name(k);
    if k == kind::STRING {
        // SAFETY: a string value is (ptr, len).
        let s = unsafe {
            let h = data_ptr as *const (*const u8, usize);
            abi::bytes((*h).0, (*h).1)
        };
        // gc marks predeclared types named too: only a type whose string
        // is not the kind's own name is a user's type.
        if name == basic {
            printindented(s);
        } else {
            gwrite(name);
            pstr("(\"");
            printindented(s);
            pstr("\")");
        }
        return;
    }
    if !basic.is_empty() {
        if name == basic {
            // SAFETY: the value has kind k.
            unsafe { print_basic(k, data_ptr) };
            return;
        }
        gwrite(name);
        if k == kind::COMPLEX64 || k == kind::COMPLEX128 {
            // SAFETY: as above.
            unsafe { print_basic(k, data_ptr) };
        } else {
            pstr("(");
            // SAFETY: as above.
            unsafe { print_basic(k, data_ptr) };
            pstr(")");
        }
        return;
    }
    pstr("(");
    gwrite(name);
    pstr(") ");
    phex(data as u64);
}

/// A fatal runtime error: `fatal error: msg`, the goroutine's traceback,
/// exit status 2 (gc's throw). Never returns; never unwinds.
pub fn throw(msg: &str) -> ! {
    printlock();
    pstr("fatal error: ");
    pstr(msg);
    pstr("\n");
    dump_goroutine(asm::current_fp(), 0);
    crate::print::printunlock();
    sys::exit(2)
}

/// `\ngoroutine N gp=... m=0 mp=... [running]:` and the traceback from
/// frame pointer `fp` (gc's format for fatal errors).
pub fn dump_goroutine(fp: usize, pc: usize) {
    let gp = g::getg();
    pstr("\ngoroutine ");
    // SAFETY: gp is null or this thread's G.
    let goid = unsafe { gp.as_ref() }.map_or(1, |g| g.goid.max(1));
    puint(goid);
    pstr(" gp=");
    phex(gp as u64);
    pstr(" m=0 mp=");
    phex(0);
    pstr(" [running]:\n");
    if !gp.is_null() {
        // SAFETY: gp is this thread's G.
        traceback::traceback(fp, pc, unsafe { (*gp).panic }, true);
    }
}

/// Converts a Rust panic into a fatal error (installed at startup).
pub fn install_rust_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let mut b = StackBuf::<256>::new();
        use core::fmt::Write;
        let _ = write!(b, "runtime internal error: {}", info);
        let s = core::str::from_utf8(b.as_bytes()).unwrap_or("runtime internal error");
        throw(s);
    }));
}

/// `runtime.exit(code)`: flush and exit (os.Exit).
#[export_name = "runtime.exit"]
pub extern "C" fn exit(code: i32) -> ! {
    crate::print::flush_all();
    sys::exit(code)
}
