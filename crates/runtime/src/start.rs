//! Program startup: `runtime.rt0_go(argc, argv, entry, moduledata)`,
//! called by the compiler-made C `main`. Records the arguments and the
//! module data, installs the Rust-panic hook and the signal handlers,
//! reserves the main goroutine's stack and G, and switches to that stack
//! with `r15` = G to run `entry` (package initializers, then
//! `main.main`); exits 0 when it returns.

use crate::abi::{self, ModuleData};
use crate::g;
use core::sync::atomic::{AtomicUsize, Ordering};

static ARGC: AtomicUsize = AtomicUsize::new(0);
static ARGV: AtomicUsize = AtomicUsize::new(0);

/// The command line as given to `main` (for os.Args).
pub fn args() -> (usize, *const *const u8) {
    (
        ARGC.load(Ordering::Relaxed),
        ARGV.load(Ordering::Relaxed) as *const *const u8,
    )
}

/// # Safety
/// Called once, from the C `main`, with its arguments, the program's
/// entry function and its module data.
#[export_name = "runtime.rt0_go"]
pub unsafe extern "C" fn rt0_go(
    argc: i32,
    argv: *const *const u8,
    entry: usize,
    moduledata: *const ModuleData,
) -> ! {
    ARGC.store(argc.max(0) as usize, Ordering::Relaxed);
    ARGV.store(argv as usize, Ordering::Relaxed);
    abi::set_module(moduledata);
    crate::panic::install_rust_panic_hook();
    crate::signal::init();
    crate::mgc::init();
    let size = g::MAX_STACK.next_multiple_of(crate::sys::PHYS_PAGE_SIZE);
    // SAFETY: forwarded contract.
    unsafe { run_main(size, entry) }
}

/// Runs `entry` as goroutine 1 on a fresh stack of `size` bytes, with
/// this thread as M0 running the scheduler; the process exits 0 when
/// `entry` returns.
///
/// # Safety
/// `entry` is compiled code taking only the closure context.
pub unsafe fn run_main(size: usize, entry: usize) -> ! {
    crate::proc::schedinit();
    crate::proc::new_main(size, entry);
    crate::proc::run()
}
