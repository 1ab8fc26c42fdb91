//! Tracebacks in gc's format: walk the `rbp` frame-pointer chain from a
//! Go frame, look each return address up in the module's function table
//! (`FuncInfo`, line of `pc - 1`), and print
//!
//! ```text
//! main.f(...)
//!         /path/x.go:12 +0x1d
//! ```
//!
//! hiding runtime frames and wrapper functions (but a wrapper where the
//! panic started), showing a deferred call
//! run by a panic as a `panic({type, data})` frame, eliding the middle of
//! stacks over 100 frames as gc does (`...N frames elided...`).

use crate::abi::{self, FuncInfo};
use crate::asm;
use crate::g;
use crate::panic::Panic;
use crate::print::{gwrite, phex, pstr, puint};

const INNER_FRAMES: usize = 50;
const OUTER_FRAMES: usize = 50;

enum Shown {
    Func(&'static FuncInfo),
    PanicCall,
}

/// Walks frames from (fp, pc), calling `f(pc, fp, what)` for each shown
/// frame until it returns false.
fn walk(mut fp: usize, mut pc: usize, mut f: impl FnMut(usize, usize, Shown) -> bool) {
    let gp = g::getg();
    // SAFETY: gp is null or this thread's G.
    let (lo, hi) = unsafe { gp.as_ref() }.map_or((0, usize::MAX), |g| (g.stack_lo, g.stack_hi));
    let lo = lo.saturating_sub(crate::g::STACK_GUARD_REGION);
    let target = asm::calldeferred_ret();
    let mut first = true;
    loop {
        if pc == target {
            if !first && !f(pc, fp, Shown::PanicCall) {
                return;
            }
        } else if let Some(func) = abi::findfunc(pc) {
            // A wrapper shows only where the panic started in it (gc
            // elides wrappers except those calling panic functions).
            let shown = func.flags & abi::FUNC_FLAG_WRAPPER == 0 || first;
            if shown && !f(pc, fp, Shown::Func(func)) {
                return;
            }
        }
        first = false;
        if fp == 0 || !fp.is_multiple_of(8) || fp < lo || fp >= hi {
            return;
        }
        // SAFETY: fp is an aligned address inside the goroutine stack,
        // holding a frame record (saved rbp, return address).
        let (nfp, npc) = unsafe { (*(fp as *const usize), *((fp + 8) as *const usize)) };
        if nfp != 0 && nfp <= fp {
            return;
        }
        if nfp == 0 && npc == 0 {
            return;
        }
        fp = nfp;
        pc = npc;
    }
}

/// gc's funcNameForPrint: generic instances print as `F[...]`.
pub fn print_func_name(name: &[u8]) {
    let i = name.iter().position(|&c| c == b'[');
    let j = name.iter().rposition(|&c| c == b']');
    match (i, j) {
        (Some(i), Some(j)) if j > i => {
            gwrite(&name[..i]);
            gwrite(b"[...]");
            gwrite(&name[j + 1..]);
        }
        _ => gwrite(name),
    }
}

/// Prints the traceback of the goroutine from the Go frame (fp, pc);
/// `panics` supplies the values of `panic(...)` frames (innermost
/// first); `fatal` adds gc's `fp= sp= pc=` details.
pub fn traceback(fp: usize, pc: usize, panics: *mut Panic, fatal: bool) {
    let mut total = 0usize;
    walk(fp, pc, |_, _, _| {
        total += 1;
        total < 100_000_000
    });
    let mut n = 0usize;
    let mut p = panics;
    walk(fp, pc, |pc, fp, what| {
        let shown =
            n < INNER_FRAMES || total <= INNER_FRAMES + OUTER_FRAMES || n >= total - OUTER_FRAMES;
        if n == INNER_FRAMES && total > INNER_FRAMES + OUTER_FRAMES {
            pstr("...");
            puint((total - INNER_FRAMES - OUTER_FRAMES) as u64);
            pstr(" frames elided...\n");
        }
        match what {
            Shown::Func(f) => {
                if shown {
                    print_func_name(f.name());
                    if f.flags & abi::FUNC_FLAG_NO_ARGS != 0 {
                        pstr("()\n\t");
                    } else {
                        pstr("(...)\n\t");
                    }
                    gwrite(f.file());
                    pstr(":");
                    puint(f.line(pc - 1) as u64);
                    if pc > f.entry {
                        pstr(" +");
                        phex((pc - f.entry) as u64);
                    }
                    if fatal {
                        pstr(" fp=");
                        phex(fp as u64 + 16);
                        pstr(" sp=");
                        phex(fp as u64);
                        pstr(" pc=");
                        phex(pc as u64);
                    }
                    pstr("\n");
                }
            }
            Shown::PanicCall => {
                if shown {
                    pstr("panic({");
                    // SAFETY: p walks the live panic list.
                    match unsafe { p.as_ref() } {
                        Some(pr) => {
                            phex(pr.arg_type as u64);
                            pstr("?, ");
                            phex(pr.arg_data as u64);
                            pstr("?");
                        }
                        None => pstr("..."),
                    }
                    pstr("})\n\truntime/panic.go:0\n");
                }
                if !p.is_null() {
                    // SAFETY: as above.
                    p = unsafe { (*p).link };
                }
            }
        }
        n += 1;
        true
    });
}

/// gc's `Callers`: writes the return addresses of the Go frames shown in
/// tracebacks, from (fp, pc) outwards, into `out`, after skipping `skip`
/// of them; returns how many it wrote.
pub fn callers(fp: usize, pc: usize, skip: usize, out: &mut [usize]) -> usize {
    let (mut n, mut seen) = (0, 0);
    if out.is_empty() {
        return 0;
    }
    walk(fp, pc, |pc, _, what| {
        if let Shown::Func(_) = what {
            if seen >= skip {
                out[n] = pc;
                n += 1;
            }
            seen += 1;
        }
        n < out.len()
    });
    n
}
