//! The Rust side of `lib/runtime` (rgo's Go package `runtime`): the
//! functions its body-less declarations name, `runtime.NAME`, that no
//! other module of the runtime owns (`Gosched`/`Goexit` are `proc`'s;
//! `GC`, `ReadMemStats`, `SetFinalizer`, `KeepAlive`, `addCleanup`,
//! `Cleanup.Stop` the collector's).
//!
//! They are Go functions to their callers: the closure context comes
//! first (0; ignored), then the Go parameters flattened to scalars
//! (docs/ABI.md "Calling convention": an `int` is one `isize`, a slice
//! is (ptr, len, cap), an `any` is (type, data), a `bool` a `u8`), and a
//! `string` result comes back in rax:rdx. Those that need their caller's
//! frame (`callers`, `stack`) are reached through `entry!` shims
//! (asm.rs), which record it in the G.

use crate::abi::{self, FuncInfo, Type};
use crate::error::{self, TypeAssertionError};
use crate::g;
use crate::print::StackBuf;
use crate::rtype::{self, GoStr};
use core::sync::atomic::{AtomicUsize, Ordering};

/// `runtime.NumGoroutine() int`: the goroutines that exist. The runtime
/// has no goroutines of its own yet, so every live G is a user's.
#[export_name = "runtime.NumGoroutine"]
pub extern "C" fn num_goroutine(_ctx: usize) -> isize {
    crate::proc::gcount().0 as isize
}

/// `runtime.nanotime() int64` (linknamed by user code and, later, by
/// package time): monotonic nanoseconds.
#[export_name = "runtime.nanotime"]
pub extern "C" fn nanotime(_ctx: usize) -> i64 {
    crate::sys::nanotime()
}

static NCPU: AtomicUsize = AtomicUsize::new(0);

/// `runtime.NumCPU() int`: the CPUs of the process's affinity mask, read
/// once (gc reads it at startup).
#[export_name = "runtime.NumCPU"]
pub extern "C" fn num_cpu(_ctx: usize) -> isize {
    let mut n = NCPU.load(Ordering::Relaxed);
    if n == 0 {
        n = crate::sys::ncpu();
        NCPU.store(n, Ordering::Relaxed);
    }
    n as isize
}

/// `runtime.gomaxprocs_set(n int) int` (lib/runtime's GOMAXPROCS): the
/// previous setting; `n >= 1` changes it (the scheduler's
/// `set_gomaxprocs`, which caps it at its maximum).
#[export_name = "runtime.gomaxprocs_set"]
pub extern "C" fn gomaxprocs_set(_ctx: usize, n: isize) -> isize {
    if n < 1 {
        return crate::proc::gomaxprocs() as isize;
    }
    crate::proc::set_gomaxprocs(n as usize) as isize
}

/// `runtime.gomaxprocs_default() int`: the default GOMAXPROCS setting
/// (`proc::default_procs`).
#[export_name = "runtime.gomaxprocs_default"]
pub extern "C" fn gomaxprocs_default(_ctx: usize) -> isize {
    crate::proc::default_procs() as isize
}

/// `runtime.gogetenv(key string) string`: the environment variable's
/// value, "" when unset.
#[export_name = "runtime.gogetenv"]
pub extern "C" fn gogetenv(_ctx: usize, key: *const u8, len: usize) -> GoStr {
    let mut name = StackBuf::<256>::new();
    // SAFETY: (key, len) is a Go string.
    let key = unsafe { abi::bytes(key, len) };
    if key.len() >= 255 || key.contains(&0) {
        return GoStr::EMPTY;
    }
    name.extend(key);
    name.push(0);
    match crate::sys::getenv(name.as_bytes()) {
        Some(v) => GoStr {
            ptr: v.as_ptr(),
            len: v.len(),
        },
        None => GoStr::EMPTY,
    }
}

/// `runtime.Breakpoint()`: a breakpoint trap (SIGTRAP).
#[export_name = "runtime.Breakpoint"]
pub extern "C" fn breakpoint(_ctx: usize) {
    // SAFETY: int3 only raises SIGTRAP; it touches no memory or register.
    unsafe { core::arch::asm!("int3") };
}

/// `runtime.registerErrorTypes(tae, pne any)`: lib/runtime's init hands
/// over its `*TypeAssertionError` and `*PanicNilError` descriptors (the
/// type words of two nil pointers).
#[export_name = "runtime.registerErrorTypes"]
pub extern "C" fn register_error_types(
    _ctx: usize,
    tae: *const Type,
    _tae_data: usize,
    pne: *const Type,
    _pne_data: usize,
) {
    rtype::register_error_types(tae, pne);
}

/// `runtime.typeAssertionErrorString(e *TypeAssertionError) string`: the
/// text of `(*TypeAssertionError).Error`.
#[export_name = "runtime.typeAssertionErrorString"]
pub extern "C" fn type_assertion_error_string(_ctx: usize, e: *const TypeAssertionError) -> GoStr {
    let mut b = StackBuf::<1024>::new();
    // SAFETY: e points to a TypeAssertionError (lib/runtime's struct has
    // the same layout); its type pointers are descriptors or nil.
    error::type_assertion_message(unsafe { &*e }, &mut b);
    rtype::heap_string(b.as_bytes())
}

/// `runtime.findfunc(pc uintptr) unsafe.Pointer`: the function table
/// entry containing `pc` (lib/runtime's `*Func`), or nil.
#[export_name = "runtime.findfunc"]
pub extern "C" fn findfunc(_ctx: usize, pc: usize) -> *const FuncInfo {
    abi::findfunc(pc).map_or(core::ptr::null(), |f| f as *const FuncInfo)
}

/// `runtime.funcname(f *Func) string`: gc's name for printing (generic
/// instances as `F[...]`).
#[export_name = "runtime.funcname"]
pub extern "C" fn funcname(_ctx: usize, f: *const FuncInfo) -> GoStr {
    // SAFETY: f is an entry of the function table (from findfunc).
    let name = unsafe { &*f }.name();
    let (Some(i), Some(j)) = (
        name.iter().position(|&c| c == b'['),
        name.iter().rposition(|&c| c == b']'),
    ) else {
        return GoStr {
            ptr: name.as_ptr(),
            len: name.len(),
        };
    };
    if j < i {
        return GoStr {
            ptr: name.as_ptr(),
            len: name.len(),
        };
    }
    let mut b = StackBuf::<1024>::new();
    b.extend(&name[..i]);
    b.extend(b"[...]");
    b.extend(&name[j + 1..]);
    rtype::heap_string(b.as_bytes())
}

/// `runtime.funcfile(f *Func) string`.
#[export_name = "runtime.funcfile"]
pub extern "C" fn funcfile(_ctx: usize, f: *const FuncInfo) -> GoStr {
    // SAFETY: f is an entry of the function table.
    let file = unsafe { &*f }.file();
    GoStr {
        ptr: file.as_ptr(),
        len: file.len(),
    }
}

/// `runtime.funcline(f *Func, pc uintptr) int`.
#[export_name = "runtime.funcline"]
pub extern "C" fn funcline(_ctx: usize, f: *const FuncInfo, pc: usize) -> isize {
    // SAFETY: f is an entry of the function table.
    unsafe { &*f }.line(pc) as isize
}

/// `runtime.callers(skip int, pc []uintptr) int` (through its shim):
/// the return addresses of the Go frames from the caller of `callers`
/// (skip 0) outwards.
pub extern "C" fn callers_impl(
    _ctx: usize,
    skip: isize,
    buf: *mut usize,
    len: usize,
    _cap: usize,
) -> isize {
    let (fp, pc) = error::caller_frame();
    if len == 0 || buf.is_null() {
        return 0;
    }
    // SAFETY: (buf, len) is the Go slice the caller passed.
    let out = unsafe { core::slice::from_raw_parts_mut(buf, len) };
    crate::traceback::callers(fp, pc, skip.max(0) as usize, out) as isize
}

/// `runtime.stack(buf []byte, all bool) int` (through its shim, called
/// by lib/runtime's `Stack`): gc's traceback of the goroutine calling
/// `Stack` (and of every other goroutine when `all`), written into `buf`
/// and cut at its length.
pub extern "C" fn stack_impl(_ctx: usize, buf: *mut u8, len: usize, _cap: usize, all: u8) -> isize {
    let (fp, _) = error::caller_frame();
    if len == 0 || buf.is_null() || fp == 0 {
        return 0;
    }
    // The frame of Stack's caller: Stack itself is not shown.
    // SAFETY: fp is the frame record of lib/runtime's Stack, on this
    // goroutine's stack.
    let (cfp, cpc) = unsafe { (*(fp as *const usize), *((fp + 8) as *const usize)) };
    let gp = g::getg();
    // SAFETY: buf is the caller's []byte of len bytes.
    let n = unsafe {
        crate::print::capture(buf, len, || {
            crate::print::pstr("goroutine ");
            crate::print::puint((*gp).goid);
            crate::print::pstr(" [running]:\n");
            crate::traceback::traceback(cfp, cpc, core::ptr::null_mut(), false);
            crate::proc::print_created_by(gp);
            if all != 0 {
                crate::proc::stop_the_world();
                print_others(gp);
                crate::proc::start_the_world();
            }
        })
    };
    n as isize
}

/// The other goroutines' tracebacks for `Stack(buf, true)`: those
/// stopped in a runtime entry point (blocked on channels) show their
/// frames from there.
///
/// # Safety
/// Must run on the goroutine `cur` with the world stopped.
unsafe fn print_others(cur: *mut g::G) {
    use crate::print::{pstr, puint};
    use crate::proc::{WaitReason, G_DEAD, G_RUNNABLE};
    let mut gs = [core::ptr::null_mut::<g::G>(); 1024];
    let mut n = 0;
    crate::proc::for_each_g(|gp| {
        if gp != cur && n < gs.len() {
            gs[n] = gp;
            n += 1;
        }
    });
    for &gp in &gs[..n] {
        // SAFETY: gp is a live G (Gs are never freed); the walk reads its
        // stack bounds through the current G, set to gp meanwhile.
        unsafe {
            if (*gp).status == G_DEAD {
                continue;
            }
            pstr("\ngoroutine ");
            puint((*gp).goid);
            pstr(" [");
            if (*gp).status == G_RUNNABLE {
                pstr("runnable");
            } else {
                pstr(WaitReason::from_u32((*gp).waitreason).as_str());
            }
            pstr("]:\n");
            if (*gp).entry_fp != 0 {
                g::setg(gp);
                crate::traceback::traceback(
                    (*gp).entry_fp,
                    (*gp).entry_pc,
                    core::ptr::null_mut(),
                    false,
                );
                g::setg(cur);
            }
            crate::proc::print_created_by(gp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpus() {
        let n = num_cpu(0);
        assert!(n >= 1);
        assert_eq!(n as usize, crate::sys::ncpu());
        assert!(gomaxprocs_default(0) >= 1);
    }
}
