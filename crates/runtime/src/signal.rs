//! Synchronous signals. A SIGSEGV/SIGBUS/SIGFPE in compiled code becomes
//! a Go panic as in gc: the handler (on an alternate signal stack)
//! records the signal in the G and makes the faulting goroutine "call"
//! `runtime.sigpanic.tramp` → `sigpanic`, which panics with
//! `invalid memory address or nil pointer dereference` (fault address
//! below 0x1000) or dies with gc's `unexpected fault address` report.
//! A fault in the guard region below a goroutine stack is a stack
//! overflow; a fault anywhere else (runtime code) is gc's `unexpected
//! signal during runtime execution`. All fatal paths exit with status 2.

use crate::abi;
use crate::asm;
use crate::g;
use crate::print::{phex, printlock, printunlock, pstr};
use crate::sys;

pub fn signame(sig: u32) -> &'static str {
    match sig as i32 {
        libc::SIGSEGV => "SIGSEGV: segmentation violation",
        libc::SIGBUS => "SIGBUS: bus error",
        libc::SIGFPE => "SIGFPE: floating-point exception",
        _ => "SIG?",
    }
}

/// si_code values of SIGFPE (linux).
const FPE_INTDIV: u64 = 1;
const FPE_INTOVF: u64 = 2;

const ALTSTACK_SIZE: usize = 64 << 10;

/// Installs the handlers and this thread's alternate signal stack.
pub fn init() {
    minit();
    // SAFETY: plain libc calls with fully initialized arguments; the
    // handler is an extern "C" function with the SA_SIGINFO signature.
    unsafe {
        for sig in [libc::SIGSEGV, libc::SIGBUS, libc::SIGFPE] {
            let mut sa: libc::sigaction = core::mem::zeroed();
            sa.sa_sigaction = handler as *const () as usize;
            sa.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK | libc::SA_NODEFER;
            libc::sigemptyset(&mut sa.sa_mask);
            libc::sigaction(sig, &sa, core::ptr::null_mut());
        }
    }
}

/// Gives the calling thread (an M) its alternate signal stack.
pub fn minit() {
    let stk = sys::map_rw(ALTSTACK_SIZE);
    if stk.is_null() {
        crate::panic::throw("cannot allocate signal stack");
    }
    // SAFETY: sigaltstack with a fresh mapping of ALTSTACK_SIZE bytes,
    // used by this thread only.
    unsafe {
        let ss = libc::stack_t {
            ss_sp: stk.cast(),
            ss_flags: 0,
            ss_size: ALTSTACK_SIZE,
        };
        libc::sigaltstack(&ss, core::ptr::null_mut());
    }
}

fn print_signal_line(sig: u32, code: u64, addr: u64, pc: u64) {
    pstr("[signal ");
    pstr(signame(sig));
    pstr(" code=");
    phex(code);
    pstr(" addr=");
    phex(addr);
    pstr(" pc=");
    phex(pc);
    pstr("]\n");
}

extern "C" fn handler(sig: i32, info: *mut libc::siginfo_t, ctx: *mut libc::c_void) {
    // SAFETY: the kernel passes a valid siginfo and ucontext for an
    // SA_SIGINFO handler; we only read and adjust the saved registers.
    unsafe {
        let uc = ctx as *mut libc::ucontext_t;
        let gregs = &mut (*uc).uc_mcontext.gregs;
        let rip = gregs[libc::REG_RIP as usize] as usize;
        let rsp = gregs[libc::REG_RSP as usize] as usize;
        let rbp = gregs[libc::REG_RBP as usize] as usize;
        let addr = (*info).si_addr() as usize;
        let code = (*info).si_code as u64;
        let gp = g::getg();
        if let Some(gr) = gp.as_mut() {
            let guard_lo = gr.stack_lo.saturating_sub(g::STACK_GUARD_REGION);
            if sig != libc::SIGFPE && addr >= guard_lo && addr < gr.stack_lo {
                crate::stack::overflow(gr, rsp, rbp, rip);
            }
            if abi::findfunc(rip).is_some() {
                gr.sig = sig as u32;
                gr.sigcode0 = code;
                gr.sigcode1 = addr as u64;
                gr.sigpc = rip as u64;
                // Make the goroutine call sigpanic from the faulting pc
                // (past the red zone; pc+1 so that the line of "pc-1" is
                // the faulting instruction's).
                let nsp = (rsp - 128 - 8) & !7;
                *(nsp as *mut usize) = rip + 1;
                gregs[libc::REG_RSP as usize] = nsp as i64;
                gregs[libc::REG_RIP as usize] = asm::sigpanic_tramp() as i64;
                return;
            }
        }
        printlock();
        pstr("fatal error: unexpected signal during runtime execution\n");
        print_signal_line(sig as u32, code, addr as u64, rip as u64);
        crate::panic::dump_goroutine(rbp, rip);
        printunlock();
        sys::exit(2);
    }
}

/// Entered from `runtime.sigpanic.tramp` with its frame pointer: the
/// record there links to the faulting frame.
pub extern "C" fn sigpanic(fp: usize) -> ! {
    // SAFETY: the trampoline built the frame record at fp.
    let (ffp, fpc) = unsafe { (*(fp as *const usize), *((fp + 8) as *const usize)) };
    let gp = g::getg();
    // SAFETY: the handler only redirects goroutines that have a G.
    let gr = unsafe { &mut *gp };
    match gr.sig as i32 {
        libc::SIGFPE => {
            let msg = if gr.sigcode0 == FPE_INTDIV {
                "integer divide by zero"
            } else if gr.sigcode0 == FPE_INTOVF {
                "integer overflow"
            } else {
                "floating point error"
            };
            let (t, d) = crate::error::error_string(msg, false);
            crate::panic::panic_value(t, d, ffp, fpc)
        }
        _ => {
            if gr.sigcode1 < 0x1000 {
                let (t, d) = crate::error::error_string(crate::error::MEM_ERROR, false);
                crate::panic::panic_value(t, d, ffp, fpc)
            }
            printlock();
            pstr("unexpected fault address ");
            phex(gr.sigcode1);
            pstr("\nfatal error: fault\n");
            print_signal_line(gr.sig, gr.sigcode0, gr.sigcode1, gr.sigpc);
            crate::panic::dump_goroutine(ffp, fpc);
            printunlock();
            sys::exit(2)
        }
    }
}
