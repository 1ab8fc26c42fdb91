//! Preemption on one thread: once a second goroutine exists, a 10 ms
//! interval timer (SIGALRM) poisons the running goroutine's stack guard
//! with `STACK_PREEMPT` when the signal lands in compiled code (`r15` is
//! then its G). The next prologue or loop back-edge check calls
//! `runtime.morestack`, which restores the guard and yields
//! (`stack::morestack_impl`). So a goroutine spinning in a loop without
//! calls cannot keep the others from running.

use core::sync::atomic::{AtomicBool, Ordering};

use crate::abi;
use crate::g::{self, STACK_PREEMPT};

static STARTED: AtomicBool = AtomicBool::new(false);

/// The tick: 10 ms, as gc's sysmon forces preemption.
const TICK_USEC: i64 = 10_000;

/// Starts the ticker (once; called when a goroutine is created).
pub fn start() {
    if STARTED.swap(true, Ordering::Relaxed) {
        return;
    }
    // SAFETY: installing a handler and an interval timer; the handler
    // only reads the interrupted context and writes one word of a G.
    unsafe {
        let mut sa: libc::sigaction = core::mem::zeroed();
        sa.sa_sigaction = tick as *const () as usize;
        sa.sa_flags = libc::SA_SIGINFO | libc::SA_RESTART | libc::SA_ONSTACK;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(libc::SIGALRM, &sa, core::ptr::null_mut());
        let tv = libc::timeval {
            tv_sec: 0,
            tv_usec: TICK_USEC,
        };
        let it = libc::itimerval {
            it_interval: tv,
            it_value: tv,
        };
        libc::setitimer(libc::ITIMER_REAL, &it, core::ptr::null_mut());
    }
}

extern "C" fn tick(_sig: i32, _info: *mut libc::siginfo_t, ctx: *mut libc::c_void) {
    // SAFETY: the kernel passes a valid ucontext for an SA_SIGINFO
    // handler; r15 is the running G whenever rip is in compiled code
    // (the pinned register), and G.stackguard0 is a plain word.
    unsafe {
        let uc = ctx as *mut libc::ucontext_t;
        let gregs = &(*uc).uc_mcontext.gregs;
        let rip = gregs[libc::REG_RIP as usize] as usize;
        if abi::findfunc(rip).is_none() {
            return; // in the runtime: the next tick
        }
        let gp = gregs[libc::REG_R15 as usize] as *mut g::G;
        if !gp.is_null() {
            core::ptr::write_volatile(&mut (*gp).stackguard0, STACK_PREEMPT);
        }
    }
}
