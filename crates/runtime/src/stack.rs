//! Stack checks: `runtime.morestack`, the prologue's slow path. Stacks
//! are fixed-size for now, so it either notices a preemption request
//! (the guard poisoned with `STACK_PREEMPT`: it yields) or
//! reports gc's stack overflow and exits with status 2.

use crate::g::{self, MAX_STACK, STACK_GUARD, STACK_PREEMPT, STACK_SLACK};
use crate::print::{phex, printlock, printunlock, pstr, puint};

/// `runtime.morestack` (through its shim): fp/pc of the function whose
/// prologue failed, `sp` its stack pointer.
pub extern "C" fn morestack_impl(fp: usize, pc: usize, sp: usize) {
    let gp = g::ensure_g();
    // SAFETY: gp is this thread's G.
    let g = unsafe { &mut *gp };
    if g.stackguard0 == STACK_PREEMPT {
        // Preemption request (`preempt`): restore the real guard and let
        // the other goroutines run.
        g.stackguard0 = g.stack_lo + STACK_GUARD + STACK_SLACK;
        if sp >= g.stackguard0 {
            crate::proc::gosched();
            return;
        }
    }
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
