//! The collector's roots: where marking starts.
//!
//! - **Globals**: the compiler's `go.gcroots` table (`ModuleData::gcroots`:
//!   address, size and type of every package-level variable holding
//!   pointers), scanned precisely with the type's pointer mask.
//! - **Goroutine stacks**, conservatively: every aligned word of the live
//!   part of each stack that points into an allocated heap object marks
//!   it. The running goroutine (the one collecting) first spills its
//!   callee-saved registers onto its stack and is scanned from its current
//!   `rsp`; every other goroutine from `G.sched.sp`, plus the registers
//!   saved in `G.sched` (a goroutine that has not started yet holds its
//!   closure in `sched.bx`; a goroutine in a system call keeps running
//!   in the kernel while the world is stopped, so `proc::entersyscall`
//!   records its context with `save_context`). This covers the runtime's
//!   own Rust frames on
//!   those stacks too (`Panic` records live in `gopanic`'s frame, map
//!   iterators in compiled frames, values held by runtime code across an
//!   allocation). Programs run entirely on goroutine stacks: `rt0_go`
//!   keeps no heap pointer on the thread's own stack.
//! - **Runtime structures outside the Go heap** that point into it:
//!   - `Defer` records (persistent memory) hold the deferred closure;
//!     each G's `defer` chain is scanned;
//!   - the panic chain's values (`Panic::arg_data`; on the stack as well,
//!     scanned explicitly for clarity);
//!   - sudogs (persistent memory, registered by `new_sudog`): `elem` may
//!     point at a heap value being sent or received and `c` is the
//!     channel a blocked goroutine waits on;
//!   - the finalizer table's functions (finalizers and cleanups) and the
//!     queue of those ready to run (finalizers with their objects), see
//!     `finalizer`.
//!
//!   Other runtime structures hold no heap pointers: itabs and the itab
//!   cache point at type descriptors only, `G`s and stacks are not Go
//!   heap memory, map and channel headers are heap objects with types
//!   (`HChan` has a type marking `buf`).

use super::mark::{self, Work};
use crate::chan::Sudog;
use crate::g::{self, G};
use crate::lock::Mutex;
use crate::malloc::persistent;

/// Every sudog ever made (they are reused, never freed).
static SUDOGS: Mutex<Vec<usize>> = Mutex::new(Vec::new());

/// A fresh sudog (persistent memory), registered as a root.
pub fn new_sudog() -> *mut Sudog {
    let s: *mut Sudog = persistent::alloc_t();
    SUDOGS.lock().push(s as usize);
    s
}

/// Marks from every root.
/// Marks every root but the stacks of the goroutines that are not
/// running, which it returns for `parmark` to share out (`mark_g`).
pub fn mark_roots(w: &mut Work) -> Vec<*mut G> {
    mark_globals(w);
    let gs = mark_stacks(w);
    mark_sudogs(w);
    super::finalizer::mark_roots(w);
    gs
}

fn mark_globals(w: &mut Work) {
    let Some(m) = crate::abi::module() else {
        return;
    };
    if m.gcroots.is_null() {
        return;
    }
    // SAFETY: the compiler emits `ngcroots` entries at `gcroots`.
    let roots = unsafe { crate::abi::slice_of(m.gcroots, m.ngcroots) };
    for r in roots {
        // SAFETY: each entry is a package-level variable of its type.
        unsafe {
            if let Some(t) = r.typ.as_ref() {
                mark::scan_typed(w, r.addr, r.size, t);
            }
        }
        w.global_bytes += r.size;
    }
}

/// Scans the running goroutine and returns the others.
fn mark_stacks(w: &mut Work) -> Vec<*mut G> {
    let cur = g::ensure_g();
    mark_current_stack(w, cur);
    let mut gs = Vec::new();
    crate::proc::for_each_g(|gp| {
        if gp != cur {
            gs.push(gp);
        }
    });
    gs
}

/// Scans the running goroutine: spilled callee-saved registers, then
/// its stack from the current stack pointer up.
#[inline(never)]
fn mark_current_stack(w: &mut Work, gp: *mut G) {
    let mut regs = [0usize; 6];
    let sp: usize;
    // SAFETY: stores the callee-saved registers into `regs` and reads
    // rsp; no register or memory is changed otherwise.
    unsafe {
        core::arch::asm!(
            "mov [{r}], rbx",
            "mov [{r} + 8], rbp",
            "mov [{r} + 16], r12",
            "mov [{r} + 24], r13",
            "mov [{r} + 32], r14",
            "mov [{r} + 40], r15",
            "mov {sp}, rsp",
            r = in(reg) regs.as_mut_ptr(),
            sp = out(reg) sp,
            options(nostack, preserves_flags),
        );
    }
    for &v in &regs {
        mark::mark(w, v);
    }
    // SAFETY: gp is the running G.
    let hi = unsafe { (*gp).stack_hi };
    if sp < hi {
        w.stack_bytes += hi - sp;
        // SAFETY: [sp, hi) is the live part of the running stack.
        unsafe { mark::scan_conservative(w, sp, hi) };
    }
    core::hint::black_box(&regs);
    mark_g_structures(w, gp);
}

/// Records the calling goroutine's stack pointer and callee-saved
/// registers in `G.sched`, for a goroutine that keeps running outside Go
/// code while the world is stopped (a system call: `proc::entersyscall`).
/// The frames above the recorded `rsp` (the compiled code waiting for
/// the call) and the registers are what the collector scans.
#[inline(never)]
pub fn save_context(gp: *mut G) {
    // SAFETY: gp is the running G; stores the registers and rsp into its
    // Gobuf (sp 0, bp 8, bx 16, r12 24, r13 32, r14 40, r15 48), which
    // only the context switch reads, and only after writing it anew.
    unsafe {
        let b = &raw mut (*gp).sched;
        core::arch::asm!(
            "mov [{b}], rsp",
            "mov [{b} + 8], rbp",
            "mov [{b} + 16], rbx",
            "mov [{b} + 24], r12",
            "mov [{b} + 32], r13",
            "mov [{b} + 40], r14",
            "mov [{b} + 48], r15",
            b = in(reg) b,
            options(nostack, preserves_flags),
        );
    }
}

/// Scans a goroutine that is not running.
///
/// # Safety
/// `gp` is a live G whose context is saved in `sched`.
pub unsafe fn mark_g(w: &mut Work, gp: *mut G) {
    // SAFETY: per the contract.
    let g = unsafe { &*gp };
    let s = &g.sched;
    for v in [s.bp, s.bx, s.r12, s.r13, s.r14, s.r15] {
        mark::mark(w, v);
    }
    if s.sp >= g.stack_lo && s.sp < g.stack_hi {
        w.stack_bytes += g.stack_hi - s.sp;
        // SAFETY: [sp, hi) is the saved, live part of the G's stack.
        unsafe { mark::scan_conservative(w, s.sp, g.stack_hi) };
    }
    mark_g_structures(w, gp);
}

/// The heap pointers a G's runtime records hold.
fn mark_g_structures(w: &mut Work, gp: *mut G) {
    // SAFETY: gp is a live G; its defer and panic chains are well formed
    // while the world is stopped.
    unsafe {
        let mut d = (*gp).defer;
        while !d.is_null() {
            mark::mark(w, (*d).closure as usize);
            d = (*d).link;
        }
        let (lo, hi) = ((*gp).stack_lo, (*gp).stack_hi);
        let mut p = (*gp).panic;
        while !p.is_null() && (p as usize) >= lo && (p as usize) < hi {
            mark::mark(w, (*p).arg_data as usize);
            p = (*p).link;
        }
    }
}

fn mark_sudogs(w: &mut Work) {
    let all = SUDOGS.lock();
    for &s in all.iter() {
        let s = s as *const Sudog;
        // SAFETY: registered sudogs are persistent memory, never freed.
        unsafe {
            if !(*s).g.is_null() {
                mark::mark(w, (*s).elem as usize);
                mark::mark(w, (*s).c as usize);
            }
        }
    }
}
