//! rgo's runtime: the Rust static library linked into every executable
//! the compiler builds. docs/ABI.md is its contract with compiled code:
//! symbol names (`runtime.NAME`), the calling convention, the G in `r15`,
//! stacks, defer/panic/recover and the function table.
//!
//! Modules and what each owns:
//!
//! - `start` — `runtime.rt0_go`: startup, the main goroutine;
//! - `g` — the G structure, current G, goroutine stacks;
//! - `asm` — trampolines and entry shims in assembly;
//! - `abi` — shared layouts: `abi.Type`, names, module data, function table;
//! - `malloc` — the heap allocator (size classes, spans, mheap, mcentral,
//!   mcache, tiny allocator, address → span);
//! - `mgc` — the garbage collector (roots, marking, sweeping, pacing,
//!   finalizers, `runtime.GC`/`ReadMemStats`, gctrace);
//! - `slice` — makeslice, growslice and friends;
//! - `strings` — string conversions, concatenation, memory primitives;
//! - `print` — the print/println built-ins;
//! - `complex` — complex division;
//! - `panic` — defer, panic, recover, fatal errors;
//! - `error` — run-time error values and the `panic*`/`goPanic*` entry points;
//! - `rtype` — the runtime's own type descriptors (error types) and methods;
//! - `iface` — boxing, itabs, type assertions, interface equality;
//! - `hash` — hash and equal functions and their closure objects;
//! - `map` — Go maps (swiss tables);
//! - `traceback` — gc-format tracebacks from frame pointers;
//! - `proc` — the G-M-P scheduler: Ms (threads) and Ps, G states, run
//!   queues, work stealing, context switch, `newproc`, `Gosched`,
//!   sysmon's preemption, stop-the-world, deadlock detection;
//! - `chan` — channels and `select`;
//! - `stack` — `morestack` (overflow report, preemption requests);
//! - `signal` — SIGSEGV/SIGBUS/SIGFPE handling;
//! - `lock`, `sys` — runtime locks and the OS interface.
//!
//! Rules: Go heap memory comes from `malloc`, never from Rust's global
//! allocator; no Rust panic crosses into Go frames (entry points are
//! `extern "C"`, which aborts on unwinding, and the panic hook installed at
//! startup turns a Rust panic into gc's `fatal error:` report first); every
//! `unsafe` block says why it is sound.

// Entry points take raw pointers from compiled code, whose validity the
// ABI guarantees; marking every one `unsafe` would not add a check.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

pub mod abi;
pub mod asm;
pub mod chan;
pub mod complex;
pub mod error;
pub mod g;
pub mod golib;
pub mod hash;
pub mod iface;
pub mod lock;
pub mod malloc;
pub mod map;
pub mod mgc;
pub mod panic;
pub mod print;
pub mod proc;
pub mod rtype;
pub mod signal;
pub mod slice;
pub mod stack;
pub mod start;
pub mod strings;
pub mod sys;
pub mod traceback;

#[cfg(test)]
mod tests;
#[cfg(test)]
pub mod testtypes;
