//! Stack checks and growth: `runtime.morestack`, the slow path of the
//! prologue's (and loop back-edge's) `sp < G.stackguard0` check. Either
//! a preemption request (the guard poisoned with `STACK_PREEMPT`: it
//! yields) or a stack that is too small: the goroutine moves to a stack
//! twice the size (up to gc's 1 GB limit, past which it is gc's `stack
//! overflow` fatal error, exit status 2).
//!
//! Moving a stack copies its used part and then adjusts every pointer
//! into it. Without stack maps the adjustment is conservative: every
//! aligned word of the copy whose value lies in the old stack's used
//! range is taken for a pointer and moved by the same distance (frame
//! pointers, saved registers, addresses of stack slots), plus the G's
//! own links into the stack (panics, defer frames, defer records). Go
//! heap objects never point into stacks (escape analysis), and a
//! goroutine's stack only moves while that goroutine runs, so nothing
//! else can. A non-pointer word that happens to equal an address of the
//! old stack would be changed too: precise stack maps are the remedy.

use crate::g::{self, MAX_STACK, STACK_GUARD, STACK_PREEMPT, STACK_SLACK};
use crate::print::{phex, printlock, printunlock, pstr, puint};
use core::arch::global_asm;

// morestack: saves the callee-saved registers (they may hold pointers
// into the stack) below the caller's frame, lets `morestack_impl` grow
// the stack or yield, and resumes on the stack it returns (the same one,
// or the copy with the saved registers adjusted).
global_asm!(
    r#"
    .text
    .p2align 4
    .globl "runtime.morestack"
    .type "runtime.morestack",@function
"runtime.morestack":
    xor edi, edi
    .globl "runtime.morestackn"
    .type "runtime.morestackn",@function
"runtime.morestackn":
    push rbp
    push rbx
    push r12
    push r13
    push r14
    push r15
    sub rsp, 8
    mov rcx, rdi
    mov rdi, rsp
    mov rsi, [rsp + 56]
    mov rdx, rbp
    call {imp}
    mov rsp, rax
    call {done}
    add rsp, 8
    pop r15
    pop r14
    pop r13
    pop r12
    pop rbx
    pop rbp
    ret
    .size "runtime.morestack", . - "runtime.morestack"
"#,
    imp = sym morestack_impl,
    done = sym morestack_done,
);

/// Called by `runtime.morestack` once it runs on the new stack: frees
/// the old one (it could not be freed while `morestack_impl` ran on it).
extern "C" fn morestack_done() {
    let gp = g::getg();
    // SAFETY: gp is this thread's G; the old stack is no longer used.
    unsafe {
        let lo = core::mem::take(&mut (*gp).old_stack_lo);
        let hi = core::mem::take(&mut (*gp).old_stack_hi);
        if lo != 0 {
            g::free_stack(lo, hi);
        }
    }
}

/// Bytes `runtime.morestack` keeps below the checking function's stack
/// pointer: the return address, six registers and padding.
const MORESTACK_FRAME: usize = 64;

/// `runtime.morestack`'s body: `s0` is the lowest address to keep (the
/// saved registers), `pc` the checking function's return point into it,
/// `fp` its frame pointer, `need` the bytes a big-frame thunk wants free
/// below its stack pointer (`runtime.morestackn`; 0 for the prologue
/// check). Returns where `s0` is now.
extern "C" fn morestack_impl(s0: usize, pc: usize, fp: usize, need: usize) -> usize {
    let gp = g::ensure_g();
    let sp = s0 + MORESTACK_FRAME;
    // SAFETY: gp is this thread's G.
    let g = unsafe { &mut *gp };
    if g.stackguard0 == STACK_PREEMPT {
        // Preemption request (sysmon or a world stop): restore the real
        // guard and let the other goroutines run.
        g.stackguard0 = g.stack_lo + STACK_GUARD + STACK_SLACK;
        if sp.saturating_sub(need) >= g.stackguard0 {
            crate::proc::gosched();
            return s0;
        }
    }
    if sp.saturating_sub(need) >= g.stackguard0 {
        return s0;
    }
    let old = g.stack_hi - g.stack_lo;
    let used = g.stack_hi - s0 + need;
    let mut size = old * 2;
    while size < used + STACK_GUARD + STACK_SLACK + (64 << 10) {
        size *= 2;
    }
    if size - STACK_SLACK > MAX_STACK {
        overflow(g, sp, fp, pc);
    }
    // SAFETY: gp is the running G; [s0, hi) is its live stack.
    unsafe { grow(gp, s0, size) }
}

/// gc's `stack overflow` fatal error for `g` at `sp` (frame `fp`, `pc`).
pub fn overflow(g: &g::G, sp: usize, fp: usize, pc: usize) -> ! {
    printlock();
    pstr("runtime: goroutine stack exceeds ");
    puint(MAX_STACK as u64);
    pstr("-byte limit\n");
    pstr("runtime: sp=");
    phex(sp as u64);
    pstr(" stack=[");
    phex(g.stack_lo as u64);
    pstr(", ");
    phex(g.stack_hi as u64);
    pstr("]\n");
    pstr("fatal error: stack overflow\n\nruntime stack:\nruntime.morestack()\n\truntime/asm_amd64.s:0\n");
    crate::panic::dump_goroutine(fp, pc);
    printunlock();
    crate::sys::exit(2);
}

/// Moves the running goroutine `gp` to a new stack of `size` bytes:
/// copies `[s0, hi)` to the top of it, adjusts pointers into the old
/// range, frees the old stack and returns the new `s0`.
///
/// # Safety
/// gp is the running G and `[s0, hi)` the used part of its stack.
unsafe fn grow(gp: *mut g::G, s0: usize, size: usize) -> usize {
    // SAFETY: the caller's contract; the new stack is fresh and ours.
    unsafe {
        let g = &mut *gp;
        let (old_lo, old_hi) = (g.stack_lo, g.stack_hi);
        let Some((lo, hi)) = g::alloc_big_stack(size) else {
            crate::panic::throw("out of memory allocating goroutine stack");
        };
        let used = old_hi - s0;
        let delta = hi.wrapping_sub(old_hi);
        let new_s0 = s0.wrapping_add(delta);
        core::ptr::copy_nonoverlapping(s0 as *const u8, new_s0 as *mut u8, used);
        let adjust = |v: usize| -> usize {
            if v >= s0 && v <= old_hi {
                v.wrapping_add(delta)
            } else {
                v
            }
        };
        let words = core::slice::from_raw_parts_mut(new_s0 as *mut usize, used / 8);
        for w in words.iter_mut() {
            *w = adjust(*w);
        }
        g.panic = adjust(g.panic as usize) as *mut _;
        g.deferframe = adjust(g.deferframe as usize) as *mut _;
        g.entry_fp = adjust(g.entry_fp);
        let mut d = g.defer;
        while !d.is_null() {
            (*d).frame = adjust((*d).frame as usize) as *mut _;
            d = (*d).link;
        }
        g.stack_lo = lo;
        g.stack_hi = hi;
        g.stackguard0 = lo + STACK_GUARD + STACK_SLACK;
        g.stackguard1 = g.stackguard0;
        g.old_stack_lo = old_lo;
        g.old_stack_hi = old_hi;
        new_s0
    }
}
