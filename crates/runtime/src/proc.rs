//! The scheduler, for now one M with one P, cooperative: a goroutine runs
//! until it blocks (`gopark`), exits or yields (`Gosched`). The shapes are
//! gc's so that more Ms, stealing and preemption can come later: a G
//! status machine (`G_RUNNABLE`/`G_RUNNING`/`G_WAITING`/`G_DEAD`), a
//! per-P run queue (a 256-entry ring plus `runnext`) backed by a global
//! queue, a free list of dead Gs whose stacks are reused, and the context
//! switch `runtime.gogo_switch` (assembly) that saves the callee-saved
//! registers and `rsp` in the old G and loads them, with `r15` = G, from
//! the new one. Entry points: `runtime.newproc`, `runtime.Gosched`,
//! `runtime.block`, `runtime.Goexit`. When the running goroutine blocks and nothing is
//! runnable, nothing can ever wake anything (no timers yet): gc's
//! `all goroutines are asleep - deadlock!` report, exit status 2.

use crate::g::{self, G};
use crate::lock::Mutex;
use crate::print::{printlock, pstr, puint};
use core::arch::global_asm;
use core::ptr;

pub const G_IDLE: u32 = 0;
pub const G_RUNNABLE: u32 = 1;
pub const G_RUNNING: u32 = 2;
pub const G_WAITING: u32 = 4;
pub const G_DEAD: u32 = 6;

/// Why a G waits (gc's waitReason strings).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u32)]
pub enum WaitReason {
    Zero = 0,
    ChanSend,
    ChanReceive,
    Select,
    SelectNoCases,
    ChanSendNilChan,
    ChanReceiveNilChan,
}

impl WaitReason {
    fn from_u32(v: u32) -> WaitReason {
        match v {
            1 => WaitReason::ChanSend,
            2 => WaitReason::ChanReceive,
            3 => WaitReason::Select,
            4 => WaitReason::SelectNoCases,
            5 => WaitReason::ChanSendNilChan,
            6 => WaitReason::ChanReceiveNilChan,
            _ => WaitReason::Zero,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            WaitReason::Zero => "",
            WaitReason::ChanSend => "chan send",
            WaitReason::ChanReceive => "chan receive",
            WaitReason::Select => "select",
            WaitReason::SelectNoCases => "select (no cases)",
            WaitReason::ChanSendNilChan => "chan send (nil chan)",
            WaitReason::ChanReceiveNilChan => "chan receive (nil chan)",
        }
    }
}

/// Usable stack of a goroutine for compiled code (the runtime slack
/// comes on top, the guard region below). Stacks cannot move yet (no
/// stack maps), so each reserves room for deep recursion up front; the
/// reservation is `MAP_NORESERVE`, only touched pages cost memory.
pub const GOROUTINE_STACK: usize = 64 << 20;

const RUNQ_SIZE: usize = 256;

/// A processor: the local run queue.
struct P {
    runq: [*mut G; RUNQ_SIZE],
    runqhead: usize,
    runqtail: usize,
    runnext: *mut G,
}

/// Global scheduler state.
struct Sched {
    p: P,
    /// Global run queue (linked through `schedlink`).
    runq_head: *mut G,
    runq_tail: *mut G,
    /// Dead Gs with their stacks (linked through `schedlink`).
    gfree: *mut G,
    /// All Gs in creation order (linked through `alllink`).
    allg_head: *mut G,
    allg_tail: *mut G,
    /// The last goroutine id handed out.
    goidgen: u64,
}

/// Wrapper making the raw pointers of `Sched` sendable.
struct SchedCell(Sched);
// SAFETY: the Gs it points to live forever (persistent memory) and are
// only touched under the scheduler lock or by the thread running them.
unsafe impl Send for SchedCell {}

static SCHED: Mutex<SchedCell> = Mutex::new(SchedCell(Sched {
    p: P {
        runq: [ptr::null_mut(); RUNQ_SIZE],
        runqhead: 0,
        runqtail: 0,
        runnext: ptr::null_mut(),
    },
    runq_head: ptr::null_mut(),
    runq_tail: ptr::null_mut(),
    gfree: ptr::null_mut(),
    allg_head: ptr::null_mut(),
    allg_tail: ptr::null_mut(),
    goidgen: 1,
}));

global_asm!(
    r#"
    .text
    .p2align 4
    .globl "runtime.gogo_switch"
    .type "runtime.gogo_switch",@function
"runtime.gogo_switch":
    mov [rdi + 120], rsp
    mov [rdi + 128], rbp
    mov [rdi + 136], rbx
    mov [rdi + 144], r12
    mov [rdi + 152], r13
    mov [rdi + 160], r14
    mov [rdi + 168], r15
    mov rsp, [rsi + 120]
    mov rbp, [rsi + 128]
    mov rbx, [rsi + 136]
    mov r12, [rsi + 144]
    mov r13, [rsi + 152]
    mov r14, [rsi + 160]
    mov r15, [rsi + 168]
    ret
    .size "runtime.gogo_switch", . - "runtime.gogo_switch"

    .p2align 4
    .globl "runtime.goexit"
    .type "runtime.goexit",@function
"runtime.goexit":
    push 0
    push 0
    mov rbp, rsp
    mov rdi, rbx
    call [rbx]
    call {goexit1}
    ud2
    .size "runtime.goexit", . - "runtime.goexit"
"#,
    goexit1 = sym goexit1,
);

unsafe extern "C" {
    #[link_name = "runtime.gogo_switch"]
    fn gogo_switch(old: *mut G, new: *mut G);
    #[link_name = "runtime.goexit"]
    static GOEXIT: u8;
}

const _: () = assert!(g::G_SCHED == 120);

/// (live goroutines, Gs ever made) — live ones are gc's NumGoroutine
/// without its system goroutines.
pub fn gcount() -> (usize, usize) {
    let s = SCHED.lock();
    let (mut live, mut all) = (0, 0);
    let mut gp = s.0.allg_head;
    while !gp.is_null() {
        // SAFETY: allg walks Gs that are never freed.
        unsafe {
            live += ((*gp).status != G_DEAD) as usize;
            all += 1;
            gp = (*gp).alllink;
        }
    }
    (live, all)
}

/// Calls `f` on every goroutine that is not dead (for the collector's
/// roots and for dumps). The world must be stopped, or the caller must
/// otherwise keep the Gs from changing state.
pub fn for_each_g(mut f: impl FnMut(*mut G)) {
    let mut gp = SCHED.lock().0.allg_head;
    while !gp.is_null() {
        // SAFETY: allg walks Gs that are never freed; alllink of a G is
        // written once, before it is published.
        unsafe {
            if (*gp).status != G_DEAD {
                f(gp);
            }
            gp = (*gp).alllink;
        }
    }
}

/// Stops every other goroutine at a safe point, so that the caller (the
/// collector) sees all of them with their contexts saved in `G::sched`.
/// With one M every other goroutine is already stopped; with more Ms this
/// will preempt the running ones and wait.
pub fn stop_the_world() {}

/// Undoes `stop_the_world`.
pub fn start_the_world() {}

/// Registers the main goroutine (running) with the scheduler.
pub fn register_main(gp: *mut G) {
    // SAFETY: gp is a fresh G owned by the caller.
    unsafe { (*gp).status = G_RUNNING };
    let mut s = SCHED.lock();
    allg_add(&mut s.0, gp);
}

fn allg_add(s: &mut Sched, gp: *mut G) {
    if s.allg_tail.is_null() {
        s.allg_head = gp;
    } else {
        // SAFETY: allg_tail is a live G.
        unsafe { (*s.allg_tail).alllink = gp };
    }
    s.allg_tail = gp;
}

/// `runtime.newproc(fn)` (entry shim): starts a goroutine running
/// `fn.code(fn)`; it goes into `runnext`, the caller keeps running.
pub extern "C" fn newproc(f: *const usize) {
    let cur = g::getg();
    let gp = newproc1(f);
    // SAFETY: cur is the running G; gp a fresh one.
    unsafe {
        (*gp).gopc = (*cur).entry_pc;
        (*gp).parent_goid = (*cur).goid;
    }
    runqput(gp, true);
}

/// Makes a runnable G for closure `f` (not queued).
pub fn newproc1(f: *const usize) -> *mut G {
    crate::preempt::start();
    let reuse = {
        let mut s = SCHED.lock();
        let gp = s.0.gfree;
        if !gp.is_null() {
            // SAFETY: gp is a dead G on the free list.
            s.0.gfree = unsafe { (*gp).schedlink };
        }
        s.0.goidgen += 1;
        (gp, s.0.goidgen)
    };
    let (mut gp, goid) = reuse;
    if gp.is_null() {
        let Some((lo, hi)) = g::alloc_stack(GOROUTINE_STACK + g::STACK_SLACK) else {
            crate::panic::throw("out of memory allocating goroutine stack");
        };
        gp = g::new_g(goid, lo, hi);
        let mut s = SCHED.lock();
        allg_add(&mut s.0, gp);
    }
    // SAFETY: gp is a dead or fresh G nobody else uses; its stack top
    // is writable.
    unsafe {
        let g = &mut *gp;
        g.goid = goid;
        g.panic = ptr::null_mut();
        g.defer = ptr::null_mut();
        g.deferframe = ptr::null_mut();
        g.entry_fp = 0;
        g.entry_pc = 0;
        g.sig = 0;
        g.param = ptr::null_mut();
        g.select_done = false;
        g.waitreason = 0;
        g.stackguard0 = g.stack_lo + g::STACK_GUARD + g::STACK_SLACK;
        // The first switch "returns" into runtime.goexit with rsp
        // 8 mod 16, as after a call.
        let sp = (g.stack_hi & !15) - 40;
        *(sp as *mut usize) = &raw const GOEXIT as usize;
        g.sched = g::Gobuf {
            sp,
            bp: 0,
            bx: f as usize,
            r12: 0,
            r13: 0,
            r14: 0,
            r15: gp as usize,
        };
        g.status = G_RUNNABLE;
    }
    gp
}

/// Called by `runtime.goexit` when a goroutine's function returns.
extern "C" fn goexit1() -> ! {
    let gp = g::getg();
    // SAFETY: gp is the running G.
    unsafe { (*gp).status = G_DEAD };
    {
        let mut s = SCHED.lock();
        // SAFETY: as above; it stays on the free list until reused, and
        // its stack is not used after the switch below.
        unsafe { (*gp).schedlink = s.0.gfree };
        s.0.gfree = gp;
    }
    schedule(gp);
    unreachable_exit()
}

fn unreachable_exit() -> ! {
    crate::panic::throw("schedule: dead goroutine resumed")
}

/// Puts `gp` (runnable) on the local run queue: in `runnext` when
/// `next` (the previous occupant goes to the tail), else at the tail.
pub fn runqput(gp: *mut G, next: bool) {
    let mut s = SCHED.lock();
    let s = &mut s.0;
    let mut gp = gp;
    if next {
        let old = core::mem::replace(&mut s.p.runnext, gp);
        if old.is_null() {
            return;
        }
        gp = old;
    }
    if s.p.runqtail - s.p.runqhead < RUNQ_SIZE {
        s.p.runq[s.p.runqtail % RUNQ_SIZE] = gp;
        s.p.runqtail += 1;
        return;
    }
    // Full: overflow to the global queue.
    // SAFETY: gp is a runnable G not on any list.
    unsafe { (*gp).schedlink = ptr::null_mut() };
    if s.runq_tail.is_null() {
        s.runq_head = gp;
    } else {
        // SAFETY: runq_tail is a queued G.
        unsafe { (*s.runq_tail).schedlink = gp };
    }
    s.runq_tail = gp;
}

/// Appends `gp` to the global run queue (gc's Gosched does).
fn globrunqput(gp: *mut G) {
    let mut s = SCHED.lock();
    let s = &mut s.0;
    // SAFETY: gp is the running G, not on any list.
    unsafe { (*gp).schedlink = ptr::null_mut() };
    if s.runq_tail.is_null() {
        s.runq_head = gp;
    } else {
        // SAFETY: runq_tail is a queued G.
        unsafe { (*s.runq_tail).schedlink = gp };
    }
    s.runq_tail = gp;
}

/// The next G to run: `runnext`, the local ring, then the global queue
/// (checked first every 61st time, as gc, would matter with fairness;
/// here the local queue simply goes first).
fn runqget() -> *mut G {
    let mut s = SCHED.lock();
    let s = &mut s.0;
    let n = core::mem::replace(&mut s.p.runnext, ptr::null_mut());
    if !n.is_null() {
        return n;
    }
    if s.p.runqhead != s.p.runqtail {
        let gp = s.p.runq[s.p.runqhead % RUNQ_SIZE];
        s.p.runqhead += 1;
        return gp;
    }
    let gp = s.runq_head;
    if !gp.is_null() {
        // SAFETY: gp is a queued G.
        s.runq_head = unsafe { (*gp).schedlink };
        if s.runq_head.is_null() {
            s.runq_tail = ptr::null_mut();
        }
    }
    gp
}

/// Runs another goroutine; returns when `cur` (which is no longer
/// running: waiting, runnable in a queue, or dead) is switched back to.
fn schedule(cur: *mut G) {
    let next = runqget();
    if next.is_null() {
        checkdead(cur);
    }
    // SAFETY: next is a runnable G; cur the G running on this thread.
    unsafe {
        (*next).status = G_RUNNING;
        if next == cur {
            return;
        }
        g::setg(next);
        gogo_switch(cur, next);
    }
}

/// Blocks the running goroutine until `goready` makes it runnable.
pub fn gopark(reason: WaitReason) {
    let gp = g::getg();
    // SAFETY: gp is the running G.
    unsafe {
        (*gp).status = G_WAITING;
        (*gp).waitreason = reason as u32;
    }
    schedule(gp);
}

/// Makes a waiting goroutine runnable, to run next.
pub fn goready(gp: *mut G) {
    // SAFETY: gp is a waiting G.
    unsafe {
        (*gp).status = G_RUNNABLE;
        (*gp).waitreason = 0;
    }
    runqput(gp, true);
}

/// `runtime.Gosched()`: yields to the other runnable goroutines.
#[export_name = "runtime.Gosched"]
pub extern "C" fn gosched() {
    let gp = g::getg();
    // SAFETY: gp is the running G.
    unsafe { (*gp).status = G_RUNNABLE };
    globrunqput(gp);
    schedule(gp);
}

/// `runtime.Goexit()` (through its shim; `fp`/`pc` are the caller's):
/// runs every pending deferred call of the goroutine (recover returns
/// nil in them, as in gc), then ends the goroutine.
pub extern "C" fn goexit_impl(fp: usize, pc: usize) -> ! {
    let gp = g::getg();
    let mut p = crate::panic::Panic {
        // SAFETY: gp is the running G.
        link: unsafe { (*gp).panic },
        arg_type: ptr::null(),
        arg_data: ptr::null_mut(),
        fp,
        pc,
        recovered: false,
        repanicked: false,
        goexit: true,
        text: crate::rtype::GoStr::EMPTY,
        has_text: false,
    };
    // SAFETY: p stays on the panic list while this frame runs the
    // deferred calls; the goroutine ends afterwards.
    unsafe {
        (*gp).panic = &mut p;
        loop {
            let d = (*gp).defer;
            if d.is_null() {
                break;
            }
            (*gp).defer = (*d).link;
            let c = (*d).closure;
            crate::panic::free_defer(&mut *gp, d);
            crate::asm::calldeferred(c, gp, fp, pc);
        }
        (*gp).panic = ptr::null_mut();
        (*gp).deferframe = ptr::null_mut();
    }
    goexit1()
}

/// `runtime.block()`: `select {}`, blocks forever.
pub extern "C" fn block() {
    gopark(WaitReason::SelectNoCases);
    crate::panic::throw("block: goroutine resumed");
}

/// Nothing is runnable and the running goroutine stopped: with one M and
/// no timers nothing can ever run again. Prints gc's deadlock report
/// with every goroutine and exits 2.
fn checkdead(cur: *mut G) -> ! {
    printlock();
    let head = SCHED.lock().0.allg_head;
    let live = gcount().0;
    if live == 0 {
        // Only possible when main.main called Goexit.
        pstr("fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n");
        crate::print::printunlock();
        crate::print::flush_all();
        crate::sys::exit(2)
    }
    pstr("fatal error: all goroutines are asleep - deadlock!\n");
    let mut gp = head;
    while !gp.is_null() {
        // SAFETY: allg walks live Gs (never freed).
        unsafe {
            if (*gp).status != G_DEAD {
                print_waiting(gp);
            }
            gp = (*gp).alllink;
        }
    }
    g::setg(cur);
    crate::print::printunlock();
    crate::print::flush_all();
    crate::sys::exit(2)
}

/// `\ngoroutine N [reason]:` and the traceback of a stopped goroutine
/// from where it entered the runtime.
unsafe fn print_waiting(gp: *mut G) {
    // SAFETY: gp is a live G; the traceback reads its stack bounds
    // through the current G, set for the walk (we exit afterwards).
    unsafe {
        pstr("\ngoroutine ");
        puint((*gp).goid);
        pstr(" [");
        pstr(WaitReason::from_u32((*gp).waitreason).as_str());
        pstr("]:\n");
        g::setg(gp);
        crate::traceback::traceback((*gp).entry_fp, (*gp).entry_pc, ptr::null_mut(), false);
        print_created_by(gp);
    }
}

/// gc's `created by F in goroutine N` trailer (not for goroutine 1).
pub fn print_created_by(gp: *mut G) {
    // SAFETY: gp is a live G.
    let g = unsafe { &*gp };
    if g.gopc == 0 {
        return;
    }
    if let Some(f) = crate::abi::findfunc(g.gopc) {
        pstr("created by ");
        crate::traceback::print_func_name(f.name());
        pstr(" in goroutine ");
        puint(g.parent_goid);
        pstr("\n\t");
        crate::print::gwrite(f.file());
        pstr(":");
        let pc = if g.gopc > f.entry { g.gopc - 1 } else { g.gopc };
        puint(f.line(pc) as u64);
        pstr(" +");
        crate::print::phex((g.gopc - f.entry) as u64);
        pstr("\n");
    }
}
