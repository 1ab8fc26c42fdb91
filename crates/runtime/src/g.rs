//! Goroutines' `G` structure (head fixed by the ABI, then the saved
//! context and scheduler fields) (its fixed head is part of the ABI: compiled
//! code reads `stackguard0` at offset 16 through `r15`), the current G of
//! each thread (a thread-local for Rust code; `r15` in compiled code), and
//! goroutine stacks: the main goroutine's 1 GB stack is reserved with
//! `MAP_NORESERVE` and committed lazily by the kernel, with a guard region
//! below it.

use crate::malloc::persistent;
use crate::panic::{Defer, DeferFrame, Panic};
use crate::sys;
use core::cell::Cell;
use core::ptr;

/// `stackguard0` value that requests preemption at the next prologue.
pub const STACK_PREEMPT: usize = 0xffff_ffff_ffff_fade;
/// gc's limit on a goroutine stack (runtime/debug.SetMaxStack default).
pub const MAX_STACK: usize = 1_000_000_000;
/// gc's StackGuard on linux/amd64.
pub const STACK_GUARD: usize = 928;
/// Extra room below the guard for runtime (Rust) code that compiled code
/// calls without its own stack check, and for the overflow report.
pub const STACK_SLACK: usize = 64 << 10;
/// Inaccessible bytes below a stack, so that a runaway is a fault, not a
/// corruption.
pub const STACK_GUARD_REGION: usize = 64 << 10;

/// The goroutine. Offsets 0..48 are fixed by docs/ABI.md; the rest is
/// the runtime's.
#[repr(C)]
pub struct G {
    pub stack_lo: usize,
    pub stack_hi: usize,
    pub stackguard0: usize,
    pub stackguard1: usize,
    pub panic: *mut Panic,
    pub defer: *mut Defer,
    /// Innermost `runtime.withdefers` frame (offset 48, read by the
    /// trampoline).
    pub deferframe: *mut DeferFrame,
    /// Frame pointer and return address of the compiled code that called
    /// the current runtime entry point (offsets 56, 64; stored by the
    /// `entry!` shims in asm.rs), for panics raised deep in Rust code.
    pub entry_fp: usize,
    pub entry_pc: usize,
    pub goid: u64,
    /// Free defer records for reuse.
    pub free_defers: *mut Defer,
    /// The signal that turned into the current panic (0: none) and its
    /// details, for the `[signal ...]` line.
    pub sig: u32,
    pub sigcode0: u64,
    pub sigcode1: u64,
    pub sigpc: u64,
    /// Saved context while not running (offset 120; see `proc`).
    pub sched: Gobuf,
    /// Scheduler state (`proc::G_*` statuses) and, while waiting, why.
    pub status: u32,
    pub waitreason: u32,
    /// Run-queue / free-list link.
    pub schedlink: *mut G,
    /// Next G in creation order (all Gs ever made).
    pub alllink: *mut G,
    /// Wake-up parameter: the sudog that completed (channels, select).
    pub param: *mut crate::chan::Sudog,
    /// A select of this G has already been completed by some channel.
    pub select_done: bool,
    /// Return address of the `go` statement and the creating goroutine.
    pub gopc: usize,
    pub parent_goid: u64,
    /// A stack just left by `morestack`, freed once off it.
    pub old_stack_lo: usize,
    pub old_stack_hi: usize,
}

/// Callee-saved registers and stack pointer of a G that is not running
/// (offsets relative to `G::sched`: sp 0, bp 8, bx 16, r12 24, r13 32,
/// r14 40, r15 48), saved and restored by `runtime.gogo_switch`.
#[repr(C)]
#[derive(Default)]
pub struct Gobuf {
    pub sp: usize,
    pub bp: usize,
    pub bx: usize,
    pub r12: usize,
    pub r13: usize,
    pub r14: usize,
    pub r15: usize,
}

/// Offset of `sched`, used by the context switch.
pub const G_SCHED: usize = 120;
const _: () = assert!(core::mem::offset_of!(G, sched) == G_SCHED);

/// Offset of `deferframe`, used by assembly.
pub const G_DEFERFRAME: usize = 48;
const _: () = assert!(core::mem::offset_of!(G, deferframe) == G_DEFERFRAME);
const _: () = assert!(core::mem::offset_of!(G, defer) == 40);
const _: () = assert!(core::mem::offset_of!(G, entry_fp) == 56);
const _: () = assert!(core::mem::offset_of!(G, entry_pc) == 64);
const _: () = assert!(core::mem::offset_of!(G, stackguard0) == 16);

thread_local! {
    static CURG: Cell<*mut G> = const { Cell::new(ptr::null_mut()) };
    static CURM: Cell<*mut crate::proc::M> = const { Cell::new(ptr::null_mut()) };
}

// The accessors are never inlined: a goroutine can resume on another
// thread after a context switch, and a thread-local's address computed
// before the switch must not be reused after it (LLVM treats it as
// constant within a function).

/// The current goroutine of this thread (null before one is installed).
#[inline(never)]
pub fn getg() -> *mut G {
    CURG.with(|c| c.get())
}

#[inline(never)]
pub fn setg(g: *mut G) {
    CURG.with(|c| c.set(g));
}

/// The M (OS thread) running this code (null on threads the scheduler
/// did not start, e.g. unit tests).
#[inline(never)]
pub fn getm() -> *mut crate::proc::M {
    CURM.with(|c| c.get())
}

#[inline(never)]
pub fn setm(m: *mut crate::proc::M) {
    CURM.with(|c| c.set(m));
}

/// A new G (runtime metadata memory) for the stack `[lo, hi)`.
pub fn new_g(goid: u64, lo: usize, hi: usize) -> *mut G {
    let g: *mut G = persistent::alloc_t();
    // SAFETY: fresh zeroed memory sized and aligned for a G.
    unsafe {
        (*g).stack_lo = lo;
        (*g).stack_hi = hi;
        (*g).stackguard0 = lo + STACK_GUARD + STACK_SLACK;
        (*g).stackguard1 = (*g).stackguard0;
        (*g).goid = goid;
    }
    g
}

/// A goroutine's first stack: compiled code may use it down to the
/// guard, Rust runtime code the `STACK_SLACK` below that.
pub const STACK_SLOT: usize = 256 << 10;
/// Goroutine stacks are carved from reservations of this size, so that a
/// million goroutines need a thousand mappings, not a million.
const STACK_CHUNK: usize = 1 << 30;

/// The unused rest of the current stack chunk, and slots given back by
/// goroutines whose stacks grew (linked through their first word).
struct SlotChunk {
    next: usize,
    end: usize,
    free: usize,
}

static SLOTS: crate::lock::Mutex<SlotChunk> = crate::lock::Mutex::new(SlotChunk {
    next: 0,
    end: 0,
    free: 0,
});

/// A fresh goroutine stack of `STACK_SLOT` bytes: (lo, hi), or None when
/// address space runs out. Its pages cost memory only once touched (a
/// blocked goroutine touches one or two). There is no guard page between
/// slots: compiled code checks the guard in every prologue.
pub fn alloc_goroutine_stack() -> Option<(usize, usize)> {
    let mut c = SLOTS.lock();
    if c.free != 0 {
        let lo = c.free;
        // SAFETY: a free slot's first word links to the next free slot.
        c.free = unsafe { *(lo as *const usize) };
        return Some((lo, lo + STACK_SLOT));
    }
    if c.next == c.end {
        let p = sys::map_rw(STACK_CHUNK);
        if p.is_null() {
            return None;
        }
        c.next = p as usize;
        c.end = p as usize + STACK_CHUNK;
    }
    let lo = c.next;
    c.next += STACK_SLOT;
    Some((lo, lo + STACK_SLOT))
}

/// A stack of `size` bytes (a power of two, at least `STACK_SLOT`): a
/// slot, or for bigger ones a mapping of its own.
pub fn alloc_big_stack(size: usize) -> Option<(usize, usize)> {
    if size == STACK_SLOT {
        return alloc_goroutine_stack();
    }
    let p = sys::map_rw(size);
    if p.is_null() {
        return None;
    }
    Some((p as usize, p as usize + size))
}

/// Gives back a stack from `alloc_big_stack` nobody uses any more.
pub fn free_stack(lo: usize, hi: usize) {
    if hi - lo == STACK_SLOT {
        let mut c = SLOTS.lock();
        // SAFETY: the slot is ours and unused; its first word is free.
        unsafe { *(lo as *mut usize) = c.free };
        c.free = lo;
    } else {
        sys::release(lo as *mut u8, hi - lo);
    }
}

/// Reserves a stack of `size` usable bytes (plus the guard region below
/// it). Returns (lo, hi) or None.
pub fn alloc_stack(size: usize) -> Option<(usize, usize)> {
    let total = size + STACK_GUARD_REGION;
    let base = sys::reserve(0, total);
    if base.is_null() {
        return None;
    }
    let lo = base as usize + STACK_GUARD_REGION;
    if !sys::commit(lo as *mut u8, size) {
        sys::release(base, total);
        return None;
    }
    Some((lo, lo + size))
}

/// The bounds of the calling thread's own stack (for Gs made for
/// threads that did not start on a runtime stack, e.g. tests).
pub fn thread_stack_bounds() -> (usize, usize) {
    // SAFETY: pthread_getattr_np fills `attr` for the calling thread;
    // it is destroyed after use.
    unsafe {
        let mut attr: libc::pthread_attr_t = core::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return (0, usize::MAX);
        }
        let mut addr: *mut libc::c_void = ptr::null_mut();
        let mut size: libc::size_t = 0;
        libc::pthread_attr_getstack(&attr, &mut addr, &mut size);
        libc::pthread_attr_destroy(&mut attr);
        (addr as usize, addr as usize + size)
    }
}

/// Makes sure this thread has a current G, creating one over the
/// thread's own stack if needed (tests, foreign threads).
pub fn ensure_g() -> *mut G {
    let g = getg();
    if !g.is_null() {
        return g;
    }
    let (lo, hi) = thread_stack_bounds();
    // Keep the guard well above the bottom of the thread stack: Rust code
    // may run below compiled code's check.
    let g = new_g(0, lo, hi);
    setg(g);
    g
}

const _: () = assert!(core::mem::offset_of!(G, status) == 176);
const _: () = assert!(core::mem::offset_of!(G, waitreason) == 180);
const _: () = assert!(core::mem::offset_of!(G, schedlink) == 184);
const _: () = assert!(core::mem::offset_of!(G, alllink) == 192);
const _: () = assert!(core::mem::offset_of!(G, param) == 200);
const _: () = assert!(core::mem::offset_of!(G, select_done) == 208);
const _: () = assert!(core::mem::offset_of!(G, gopc) == 216);
const _: () = assert!(core::mem::offset_of!(G, parent_goid) == 224);
const _: () = assert!(core::mem::offset_of!(G, goid) == 72);
