//! The scheduler: gc's G-M-P design. A G is a goroutine, an M an OS
//! thread, a P a processor: the right to run Go code, with a local run
//! queue (a 256-entry ring plus `runnext`). There are GOMAXPROCS Ps
//! (the environment variable, else the number of CPUs) and as many Ms as
//! are needed to keep the Ps with work busy.
//!
//! Every M has a `g0`: a G over the M's own thread stack that runs the
//! scheduling loop (`schedule_loop`). A goroutine leaves the CPU by
//! switching to its M's g0 (`runtime.gogo_switch`, which saves the
//! callee-saved registers and `rsp` in the old G and loads the new one's)
//! with a note of what to do with it (`After`: park it and release a
//! lock, requeue it, or free it); only then is it visible as waiting or
//! runnable, so no other M can resume a goroutine whose context is not
//! saved yet. The g0 then picks the next G: the local queue (the global
//! queue every 61st time), the global queue, then half of another P's
//! queue (work stealing). An M with nothing to do gives its P back and
//! sleeps on a futex; making a G runnable wakes one idle M (`wakep`) when
//! there is an idle P and no M already looking for work ("spinning").
//!
//! All scheduler state is under one lock (`SCHED`): queues, idle lists,
//! the world-stop state. `sysmon` (its own thread, started with the first
//! `go` statement) asks goroutines that have run for 10 ms to yield by
//! poisoning their stack guard; the next prologue or loop back-edge check
//! calls `morestack`, which yields. `stop_the_world` uses the same
//! request and waits until every other P is stopped.
//!
//! When every M is idle, nothing is runnable and nothing can wake anything
//! (there are no timers yet), gc's `all goroutines are asleep -
//! deadlock!` report is printed and the process exits with status 2.
//!
//! Entry points: `runtime.newproc`, `runtime.Gosched`, `runtime.block`,
//! `runtime.Goexit`.

use crate::g::{self, G};
use crate::lock::{Mutex, Note};
use crate::malloc::persistent;
use crate::print::{printlock, pstr, puint};
use core::arch::global_asm;
use core::ptr;
use core::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};

pub const G_IDLE: u32 = 0;
pub const G_RUNNABLE: u32 = 1;
pub const G_RUNNING: u32 = 2;
pub const G_SYSCALL: u32 = 3;
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
    pub fn from_u32(v: u32) -> WaitReason {
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
/// comes on top; see `g::alloc_goroutine_stack`).
pub const GOROUTINE_STACK: usize = g::STACK_SLOT - g::STACK_SLACK;

const RUNQ_SIZE: usize = 256;
/// The most Ps there can be.
pub const MAX_PROCS: usize = 256;

const P_IDLE: u32 = 0;
const P_RUNNING: u32 = 1;
const P_SYSCALL: u32 = 2;
const P_GCSTOP: u32 = 3;
const P_DEAD: u32 = 4;

/// A processor: what an M needs to run Go code, with its run queue.
pub struct P {
    id: usize,
    status: u32,
    runq: [*mut G; RUNQ_SIZE],
    runqhead: usize,
    runqtail: usize,
    runnext: *mut G,
    /// The M holding this P (null when idle or stopped).
    m: *mut M,
    /// Idle-list link.
    link: *mut P,
    /// Goroutines started on this P (sysmon compares it between looks).
    schedtick: u64,
    sysmon_tick: u64,
    sysmon_when: i64,
    /// Syscalls entered on this P, and what sysmon last saw.
    syscalltick: u64,
    sysmon_syscalltick: u64,
    /// The allocator's cache (all zero is an empty one).
    mcache: crate::malloc::mcache::MCache,
}

impl P {
    fn runq_len(&self) -> usize {
        self.runqtail - self.runqhead
    }

    fn has_work(&self) -> bool {
        self.runq_len() > 0 || !self.runnext.is_null()
    }
}

/// What the g0 does with the goroutine that just switched to it.
#[derive(Clone, Copy)]
enum After {
    None,
    /// Now waiting: release the lock the goroutine held (`unlockf(arg)`).
    Park {
        unlockf: Option<unsafe fn(usize)>,
        arg: usize,
    },
    /// Yield or preemption: to the global run queue.
    Yield,
    /// Finished: to the free list.
    Exit,
    /// Back from a system call that lost its P: to the global queue.
    SyscallExit,
}

/// An OS thread.
pub struct M {
    id: u64,
    /// The G over this thread's own stack, running `schedule_loop`.
    g0: *mut G,
    /// The goroutine it runs (null while in the scheduler).
    curg: *mut G,
    p: *mut P,
    /// The P handed over by whoever woke this M.
    nextp: *mut P,
    /// Looking for work (counted in `NMSPINNING`).
    spinning: bool,
    park: Note,
    /// Idle-list link.
    link: *mut M,
    after: After,
}

/// Global scheduler state (under `SCHED`).
struct Sched {
    allp: [*mut P; MAX_PROCS],
    nprocs: usize,
    pidle: *mut P,
    midle: *mut M,
    nmidle: usize,
    /// Ms made (sysmon not counted).
    mcount: usize,
    /// Global run queue (linked through `schedlink`).
    runq_head: *mut G,
    runq_tail: *mut G,
    runqsize: usize,
    /// Dead Gs with their stacks (linked through `schedlink`).
    gfree: *mut G,
    /// All Gs in creation order (linked through `alllink`).
    allg_head: *mut G,
    allg_tail: *mut G,
    /// The last goroutine id handed out.
    goidgen: u64,
    /// A stop-the-world is in progress: Ps stop as they come by.
    gcwaiting: bool,
    /// Ps the stopper still waits for.
    stopwait: usize,
}

/// Wrapper making the raw pointers of `Sched` sendable.
struct SchedCell(Sched);
// SAFETY: the Gs, Ms and Ps it points to live forever (persistent
// memory) and their scheduler fields are only touched under the lock.
unsafe impl Send for SchedCell {}

static SCHED: Mutex<SchedCell> = Mutex::new(SchedCell(Sched {
    allp: [ptr::null_mut(); MAX_PROCS],
    nprocs: 0,
    pidle: ptr::null_mut(),
    midle: ptr::null_mut(),
    nmidle: 0,
    mcount: 0,
    runq_head: ptr::null_mut(),
    runq_tail: ptr::null_mut(),
    runqsize: 0,
    gfree: ptr::null_mut(),
    allg_head: ptr::null_mut(),
    allg_tail: ptr::null_mut(),
    // gc's runtime starts goroutines of its own before main.main; its
    // first user goroutine is 18. Ours count from there too.
    goidgen: 17,
    gcwaiting: false,
    stopwait: 0,
}));

/// Idle Ps and spinning Ms, readable without the lock (`wakep`'s test).
static NPIDLE: AtomicU32 = AtomicU32::new(0);
static NMSPINNING: AtomicU32 = AtomicU32::new(0);
/// Where `stop_the_world` waits for the last P to stop.
static STOPNOTE: Note = Note::new();
/// Bumped whenever work another M could take is queued (a run queue's
/// tail or the global queue): what spinning Ms watch.
static WORK_HINT: AtomicUsize = AtomicUsize::new(0);
/// `Sched::gcwaiting`, readable without the lock.
static GCWAITING: AtomicBool = AtomicBool::new(false);
static SYSMON_STARTED: AtomicBool = AtomicBool::new(false);
static MIDGEN: AtomicUsize = AtomicUsize::new(0);

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

    .p2align 4
    .globl "runtime.main_g"
    .type "runtime.main_g",@function
"runtime.main_g":
    sub rsp, 8
    mov rax, [rdi + 8]
    xor edi, edi
    call rax
    xor edi, edi
    call "runtime.exit"
    ud2
    .size "runtime.main_g", . - "runtime.main_g"
"#,
    goexit1 = sym goexit1,
);

unsafe extern "C" {
    #[link_name = "runtime.gogo_switch"]
    fn gogo_switch(old: *mut G, new: *mut G);
    #[link_name = "runtime.goexit"]
    static GOEXIT: u8;
    #[link_name = "runtime.main_g"]
    static MAIN_G: u8;
}

const _: () = assert!(g::G_SCHED == 120);

/// The default GOMAXPROCS: the `GOMAXPROCS` environment variable when it
/// is a positive number, else the CPUs the process may run on (gc's,
/// without its cgroup CPU-limit reduction). Not capped at `MAX_PROCS`.
pub fn default_procs() -> usize {
    crate::sys::getenv(b"GOMAXPROCS\0")
        .and_then(|v| core::str::from_utf8(v).ok()?.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(crate::sys::ncpu)
}

fn new_p(id: usize) -> *mut P {
    let pp: *mut P = persistent::alloc_t();
    // SAFETY: fresh zeroed memory for a P (all-zero is a valid empty P).
    unsafe { (*pp).id = id };
    pp
}

/// Sets up the Ps and makes the calling thread M0, holding P0. Called
/// once by `start::run_main` on the main thread.
pub fn schedinit() {
    let m0 = new_m();
    g::setm(m0);
    let g0 = g::ensure_g();
    // SAFETY: m0 is fresh and owned by this thread.
    unsafe { (*m0).g0 = g0 };
    let n = default_procs().min(MAX_PROCS);
    let mut s = SCHED.lock();
    let s = &mut s.0;
    s.mcount = 1;
    for i in 0..n {
        s.allp[i] = new_p(i);
    }
    s.nprocs = n;
    for i in (1..n).rev() {
        pidleput(s, s.allp[i]);
    }
    acquirep(m0, s.allp[0]);
}

fn new_m() -> *mut M {
    let m: *mut M = persistent::alloc_t();
    // SAFETY: fresh zeroed memory; the Note and After are written in place.
    unsafe {
        ptr::write(&mut (*m).park, Note::new());
        ptr::write(&mut (*m).after, After::None);
        (*m).id = MIDGEN.fetch_add(1, Ordering::Relaxed) as u64;
    }
    m
}

fn acquirep(m: *mut M, pp: *mut P) {
    // SAFETY: called under the lock (or before other threads exist) with
    // an idle or stopped P.
    unsafe {
        (*m).p = pp;
        (*pp).m = m;
        (*pp).status = P_RUNNING;
    }
}

fn pidleput(s: &mut Sched, pp: *mut P) {
    // SAFETY: pp is a P nobody holds (under the lock).
    unsafe {
        (*pp).status = P_IDLE;
        (*pp).m = ptr::null_mut();
        (*pp).link = s.pidle;
    }
    s.pidle = pp;
    NPIDLE.fetch_add(1, Ordering::Relaxed);
}

fn pidleget(s: &mut Sched) -> *mut P {
    let pp = s.pidle;
    if !pp.is_null() {
        // SAFETY: pp is on the idle list (under the lock).
        s.pidle = unsafe { (*pp).link };
        NPIDLE.fetch_sub(1, Ordering::Relaxed);
    }
    pp
}

/// Removes `pp` from the idle list if it is there.
fn pidleremove(s: &mut Sched, pp: *mut P) -> bool {
    let mut link: *mut *mut P = &mut s.pidle;
    // SAFETY: walks the idle list under the lock.
    unsafe {
        while !(*link).is_null() {
            if *link == pp {
                *link = (*pp).link;
                NPIDLE.fetch_sub(1, Ordering::Relaxed);
                return true;
            }
            link = &mut (**link).link;
        }
    }
    false
}

fn mput(s: &mut Sched, m: *mut M) {
    // SAFETY: m is the calling M, about to sleep (under the lock).
    unsafe { (*m).link = s.midle };
    s.midle = m;
    s.nmidle += 1;
}

fn mget(s: &mut Sched) -> *mut M {
    let m = s.midle;
    if !m.is_null() {
        // SAFETY: m is on the idle list (under the lock).
        s.midle = unsafe { (*m).link };
        s.nmidle -= 1;
    }
    m
}

/// The mcache of the P the calling M holds (null without one).
#[inline]
pub fn current_mcache() -> *mut crate::malloc::mcache::MCache {
    let m = g::getm();
    if m.is_null() {
        return ptr::null_mut();
    }
    // SAFETY: m is this thread's M; its P, if any, is held by it.
    unsafe {
        let pp = (*m).p;
        if pp.is_null() {
            return ptr::null_mut();
        }
        &raw mut (*pp).mcache
    }
}

/// Calls `f` on the mcache of every P ever made (dead ones keep their
/// statistics). The world must be stopped.
pub fn for_each_p_mcache(mut f: impl FnMut(&mut crate::malloc::mcache::MCache)) {
    let s = SCHED.lock();
    for &pp in s.0.allp.iter().take_while(|p| !p.is_null()) {
        // SAFETY: Ps live forever; with the world stopped no M uses its
        // mcache.
        f(unsafe { &mut (*pp).mcache });
    }
}

/// (live goroutines, Gs ever made) — live ones are gc's NumGoroutine
/// without its system goroutines.
pub fn gcount() -> (usize, usize) {
    let s = SCHED.lock();
    gcount_locked(&s.0)
}

fn gcount_locked(s: &Sched) -> (usize, usize) {
    let (mut live, mut all) = (0, 0);
    let mut gp = s.allg_head;
    while !gp.is_null() {
        // SAFETY: allg walks Gs that are never freed.
        unsafe {
            live += ((*gp).status != G_DEAD && !crate::mgc::is_system_goroutine(gp)) as usize;
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

fn allg_add(s: &mut Sched, gp: *mut G) {
    if s.allg_tail.is_null() {
        s.allg_head = gp;
    } else {
        // SAFETY: allg_tail is a live G.
        unsafe { (*s.allg_tail).alllink = gp };
    }
    s.allg_tail = gp;
}

/// Makes the main goroutine (id 1) on a `size`-byte stack, running
/// `entry` and then exiting the process, and queues it on P0.
pub fn new_main(size: usize, entry: usize) {
    let Some((lo, hi)) = g::alloc_stack(size) else {
        crate::panic::throw("cannot allocate the main goroutine's stack");
    };
    let gp = g::new_g(1, lo, hi);
    // The closure object `runtime.main_g` runs: its code, then `entry`.
    let clo: *mut usize = persistent::alloc(16, 8).cast();
    // SAFETY: clo has two words; gp is fresh.
    unsafe {
        *clo = &raw const MAIN_G as usize;
        *clo.add(1) = entry;
        init_context(gp, clo);
    }
    let mut s = SCHED.lock();
    allg_add(&mut s.0, gp);
    let pp = s.0.allp[0];
    runqput_locked(&mut s.0, pp, gp, true);
}

/// Points a G's saved context at `runtime.goexit`, which calls the
/// closure `f` (`code(f)`) and then ends the goroutine.
///
/// # Safety
/// gp is a fresh or dead G nobody else uses; its stack top is writable.
unsafe fn init_context(gp: *mut G, f: *const usize) {
    // SAFETY: the caller's contract.
    unsafe {
        let g = &mut *gp;
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
    wakep();
}

/// Makes a runnable G for closure `f` (not queued).
pub fn newproc1(f: *const usize) -> *mut G {
    start_sysmon();
    let (mut gp, goid) = {
        let mut s = SCHED.lock();
        let gp = s.0.gfree;
        if !gp.is_null() {
            // SAFETY: gp is a dead G on the free list.
            s.0.gfree = unsafe { (*gp).schedlink };
        }
        s.0.goidgen += 1;
        (gp, s.0.goidgen)
    };
    if gp.is_null() {
        let Some((lo, hi)) = g::alloc_goroutine_stack() else {
            crate::panic::throw("out of memory allocating goroutine stack");
        };
        gp = g::new_g(goid, lo, hi);
        let mut s = SCHED.lock();
        allg_add(&mut s.0, gp);
    }
    // SAFETY: gp is a dead or fresh G nobody else uses.
    unsafe {
        (*gp).goid = goid;
        init_context(gp, f);
    }
    gp
}

/// Called by `runtime.goexit` when a goroutine's function returns.
extern "C" fn goexit1() -> ! {
    mcall(After::Exit);
    crate::panic::throw("schedule: dead goroutine resumed")
}

/// Switches from the running goroutine to its M's g0, which does `after`
/// with it; returns when the goroutine is resumed (on any M).
fn mcall(after: After) {
    let gp = g::getg();
    let m = g::getm();
    // SAFETY: gp runs on m; m.g0's context was saved when it switched
    // to gp. After the switch gp's context is saved in gp.sched.
    unsafe {
        (*m).after = after;
        gogo_switch(gp, (*m).g0);
    }
}

/// The scheduling loop of an M, on its g0: find a goroutine, run it
/// until it switches back, deal with it, repeat.
fn schedule_loop() -> ! {
    let m = g::getm();
    loop {
        let gp = find_runnable(m);
        // SAFETY: gp is runnable and taken off every queue; m owns it now.
        unsafe {
            (*gp).status = G_RUNNING;
            if (*gp).stackguard0 == g::STACK_PREEMPT {
                (*gp).stackguard0 = (*gp).stack_lo + g::STACK_GUARD + g::STACK_SLACK;
            }
            (*m).curg = gp;
            (*(*m).p).schedtick += 1;
            g::setg(gp);
            gogo_switch((*m).g0, gp);
            // Back on g0 (gp may have moved to other Ms meanwhile; this
            // is the M it left from).
            let m = g::getm();
            g::setg((*m).g0);
            let gp = (*m).curg;
            (*m).curg = ptr::null_mut();
            match core::mem::replace(&mut (*m).after, After::None) {
                After::Park { unlockf, arg } => {
                    (*gp).status = G_WAITING;
                    if let Some(f) = unlockf {
                        f(arg);
                    }
                }
                After::Yield => {
                    (*gp).status = G_RUNNABLE;
                    let mut s = SCHED.lock();
                    globrunqput(&mut s.0, gp);
                }
                After::Exit => {
                    (*gp).status = G_DEAD;
                    let mut s = SCHED.lock();
                    (*gp).schedlink = s.0.gfree;
                    s.0.gfree = gp;
                }
                After::SyscallExit => {
                    (*gp).status = G_RUNNABLE;
                    let mut s = SCHED.lock();
                    globrunqput(&mut s.0, gp);
                    drop(s);
                    wakep();
                }
                After::None => crate::panic::throw("schedule: goroutine switched without a reason"),
            }
        }
    }
}

/// A runnable goroutine for M `m`, taken off its queue. Sleeps while
/// there is none; stops for a stop-the-world; reports deadlock.
fn find_runnable(m: *mut M) -> *mut G {
    let mut spun = false;
    loop {
        let mut guard = SCHED.lock();
        let s = &mut guard.0;
        // SAFETY: m is the calling M; its P and the Ps in allp are only
        // changed under the lock, which we hold.
        unsafe {
            if (*m).p.is_null() {
                (*m).p = core::mem::replace(&mut (*m).nextp, ptr::null_mut());
            }
            if (*m).p.is_null() {
                // Back from a system call without a P: wait for one.
                mput(s, m);
                drop(guard);
                (*m).park.sleep();
                continue;
            }
            if s.gcwaiting {
                let pp = (*m).p;
                (*pp).status = P_GCSTOP;
                (*pp).m = ptr::null_mut();
                (*m).p = ptr::null_mut();
                stop_spinning(m);
                s.stopwait -= 1;
                if s.stopwait == 0 {
                    STOPNOTE.wakeup();
                }
                mput(s, m);
                drop(guard);
                (*m).park.sleep();
                continue;
            }
            let pp = (*m).p;
            let mut gp = ptr::null_mut();
            if (*pp).schedtick.is_multiple_of(61) && s.runqsize > 0 {
                gp = globrunqget(s, pp);
            }
            if gp.is_null() {
                gp = runqget(pp);
            }
            if gp.is_null() {
                gp = globrunqget(s, pp);
            }
            if gp.is_null() {
                gp = steal(s, pp);
            }
            if !gp.is_null() {
                // Work left behind that an idle P could take: make sure
                // some M looks for it (gc's resetspinning and handoff).
                let more = NPIDLE.load(Ordering::Relaxed) > 0
                    && ((*m).spinning || (*pp).runq_len() > 0 || s.runqsize > 0);
                stop_spinning(m);
                drop(guard);
                if more {
                    wakep();
                }
                return gp;
            }
            if !(*m).spinning
                && !spun
                && (2 * NMSPINNING.load(Ordering::Relaxed) as usize)
                    < s.nprocs - NPIDLE.load(Ordering::Relaxed) as usize
            {
                // Out of work: look around before sleeping, as gc does
                // (at most half the busy Ps' Ms spin).
                (*m).spinning = true;
                NMSPINNING.fetch_add(1, Ordering::Relaxed);
            }
            if (*m).spinning && !spun {
                // Look a little longer before sleeping, so that a steady
                // stream of new work does not cost a wake-up each.
                drop(guard);
                spun = true;
                spin_for_work();
                continue;
            }
            spun = false;
            // Nothing to do: give the P back and sleep.
            stop_spinning(m);
            (*m).p = ptr::null_mut();
            pidleput(s, pp);
            mput(s, m);
            checkdead(s);
            drop(guard);
            (*m).park.sleep();
        }
    }
}

/// How long a spinning M keeps looking before it sleeps.
const SPIN_NS: i64 = 50_000;

/// Waits up to `SPIN_NS` for stealable work or a world stop (lock-free
/// hints; the caller then looks again under the lock).
fn spin_for_work() {
    let seen = WORK_HINT.load(Ordering::Relaxed);
    let start = crate::sys::nanotime();
    loop {
        for _ in 0..64 {
            core::hint::spin_loop();
        }
        if WORK_HINT.load(Ordering::Relaxed) != seen
            || GCWAITING.load(Ordering::Relaxed)
            || crate::sys::nanotime() - start > SPIN_NS
        {
            return;
        }
    }
}

fn stop_spinning(m: *mut M) {
    // SAFETY: m is the calling M.
    unsafe {
        if (*m).spinning {
            (*m).spinning = false;
            NMSPINNING.fetch_sub(1, Ordering::Relaxed);
        }
    }
}

/// Takes half of another P's queue into `pp` and returns one of them.
/// `runnext` is taken only from Ps nobody runs (a running P's `runnext`
/// is about to run there, as in gc).
fn steal(s: &mut Sched, pp: *mut P) -> *mut G {
    let n = s.nprocs;
    if n < 2 {
        return ptr::null_mut();
    }
    let start = (crate::hash::rand64() % n as u64) as usize;
    for i in 0..n {
        let victim = s.allp[(start + i) % n];
        if victim == pp {
            continue;
        }
        // SAFETY: Ps in allp live forever; under the lock.
        unsafe {
            let v = &mut *victim;
            let k = v.runq_len() - v.runq_len() / 2;
            if k > 0 {
                let first = v.runq[v.runqhead % RUNQ_SIZE];
                v.runqhead += 1;
                for _ in 1..k {
                    let gp = v.runq[v.runqhead % RUNQ_SIZE];
                    v.runqhead += 1;
                    let p = &mut *pp;
                    p.runq[p.runqtail % RUNQ_SIZE] = gp;
                    p.runqtail += 1;
                }
                return first;
            }
            if v.status != P_RUNNING && !v.runnext.is_null() {
                return core::mem::replace(&mut v.runnext, ptr::null_mut());
            }
        }
    }
    ptr::null_mut()
}

/// Wakes an idle M (or starts one) to look for work on an idle P, unless
/// there is no idle P or some M is already looking.
pub fn wakep() {
    if NPIDLE.load(Ordering::Relaxed) == 0 || NMSPINNING.load(Ordering::Relaxed) != 0 {
        return;
    }
    let (m, fresh) = {
        let mut guard = SCHED.lock();
        let s = &mut guard.0;
        if s.gcwaiting || NMSPINNING.load(Ordering::Relaxed) != 0 {
            return;
        }
        let pp = pidleget(s);
        if pp.is_null() {
            return;
        }
        let mut m = mget(s);
        let fresh = m.is_null();
        if fresh {
            m = new_m();
            s.mcount += 1;
        }
        acquirep(m, pp);
        // SAFETY: m is idle (or new) and owned by us under the lock.
        unsafe {
            (*m).p = ptr::null_mut();
            (*m).nextp = pp;
            (*m).spinning = true;
        }
        NMSPINNING.fetch_add(1, Ordering::Relaxed);
        (m, fresh)
    };
    if fresh {
        start_m(m);
    } else {
        // SAFETY: m sleeps on its note until this wake-up.
        unsafe { (*m).park.wakeup() };
    }
}

/// Wrapper to move an M pointer into its thread.
struct MPtr(*mut M);
// SAFETY: the M is handed over to the new thread, which alone uses it.
unsafe impl Send for MPtr {}

fn start_m(m: *mut M) {
    let mp = MPtr(m);
    let r = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            let mp = mp;
            mstart(mp.0)
        });
    if r.is_err() {
        crate::panic::throw("newosproc: cannot create a thread");
    }
}

/// A new M's thread: its g0 over the thread stack, then the loop.
fn mstart(m: *mut M) -> ! {
    g::setm(m);
    let g0 = g::ensure_g();
    // SAFETY: m is this thread's M.
    unsafe { (*m).g0 = g0 };
    crate::signal::minit();
    schedule_loop()
}

/// Puts `gp` (runnable) on the current P's run queue: in `runnext` when
/// `next` (the previous occupant goes to the tail), else at the tail.
pub fn runqput(gp: *mut G, next: bool) {
    let m = g::getm();
    let mut s = SCHED.lock();
    // SAFETY: m is the calling M and holds a P while running Go code.
    let pp = unsafe { (*m).p };
    runqput_locked(&mut s.0, pp, gp, next);
}

fn runqput_locked(s: &mut Sched, pp: *mut P, gp: *mut G, next: bool) {
    // SAFETY: pp is a live P; under the lock.
    let p = unsafe { &mut *pp };
    let mut gp = gp;
    if next {
        let old = core::mem::replace(&mut p.runnext, gp);
        if old.is_null() {
            return;
        }
        gp = old;
    }
    WORK_HINT.fetch_add(1, Ordering::Relaxed);
    if p.runq_len() < RUNQ_SIZE {
        p.runq[p.runqtail % RUNQ_SIZE] = gp;
        p.runqtail += 1;
        return;
    }
    // Full: half of it and gp go to the global queue (gc's runqputslow).
    for _ in 0..RUNQ_SIZE / 2 {
        let g = p.runq[p.runqhead % RUNQ_SIZE];
        p.runqhead += 1;
        globrunqput(s, g);
    }
    globrunqput(s, gp);
}

/// Appends `gp` to the global run queue.
fn globrunqput(s: &mut Sched, gp: *mut G) {
    // SAFETY: gp is a runnable G on no list.
    unsafe { (*gp).schedlink = ptr::null_mut() };
    if s.runq_tail.is_null() {
        s.runq_head = gp;
    } else {
        // SAFETY: runq_tail is a queued G.
        unsafe { (*s.runq_tail).schedlink = gp };
    }
    s.runq_tail = gp;
    s.runqsize += 1;
    WORK_HINT.fetch_add(1, Ordering::Relaxed);
}

/// Takes a G from the global queue for `pp`, moving a fair share of the
/// others to its local queue (gc's globrunqget).
fn globrunqget(s: &mut Sched, pp: *mut P) -> *mut G {
    if s.runqsize == 0 {
        return ptr::null_mut();
    }
    let mut n = (s.runqsize / s.nprocs.max(1) + 1).min(s.runqsize);
    // SAFETY: pp is a live P; queued Gs are live; under the lock.
    unsafe {
        n = n.min(RUNQ_SIZE / 2).min(RUNQ_SIZE - (*pp).runq_len() + 1);
        let first = pop_global(s);
        for _ in 1..n {
            let gp = pop_global(s);
            let p = &mut *pp;
            p.runq[p.runqtail % RUNQ_SIZE] = gp;
            p.runqtail += 1;
        }
        first
    }
}

fn pop_global(s: &mut Sched) -> *mut G {
    let gp = s.runq_head;
    if !gp.is_null() {
        // SAFETY: gp is a queued G.
        s.runq_head = unsafe { (*gp).schedlink };
        if s.runq_head.is_null() {
            s.runq_tail = ptr::null_mut();
        }
        s.runqsize -= 1;
    }
    gp
}

/// The next G of `pp`'s local queue: `runnext`, then the ring.
fn runqget(pp: *mut P) -> *mut G {
    // SAFETY: pp is held by the calling M; under the lock.
    let p = unsafe { &mut *pp };
    let n = core::mem::replace(&mut p.runnext, ptr::null_mut());
    if !n.is_null() {
        return n;
    }
    if p.runq_len() > 0 {
        let gp = p.runq[p.runqhead % RUNQ_SIZE];
        p.runqhead += 1;
        return gp;
    }
    ptr::null_mut()
}

/// Blocks the running goroutine until `goready` makes it runnable. Once
/// it is switched out, `unlock` (a function and its argument) runs on
/// the g0: this is how a channel lock is held until the goroutine can be
/// found and woken safely.
pub fn gopark(reason: WaitReason, unlock: Option<(unsafe fn(usize), usize)>) {
    let gp = g::getg();
    // SAFETY: gp is the running G.
    unsafe { (*gp).waitreason = reason as u32 };
    mcall(After::Park {
        unlockf: unlock.map(|u| u.0),
        arg: unlock.map_or(0, |u| u.1),
    });
}

/// Makes a waiting goroutine runnable, to run next on this P.
pub fn goready(gp: *mut G) {
    // SAFETY: gp is a parked G (its waker holds the lock it waits under).
    unsafe {
        (*gp).status = G_RUNNABLE;
        (*gp).waitreason = 0;
    }
    runqput(gp, true);
    wakep();
}

/// `runtime.Gosched()`: yields to the other runnable goroutines.
#[export_name = "runtime.Gosched"]
pub extern "C" fn gosched() {
    mcall(After::Yield);
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
    gopark(WaitReason::SelectNoCases, None);
    crate::panic::throw("block: goroutine resumed");
}

/// Stops every other goroutine at a safe point, so that the caller (the
/// collector) sees all of them with their contexts saved in `G::sched`:
/// every other P is stopped when this returns. If another goroutine is
/// already stopping the world, the caller yields to it first and then
/// stops the world itself.
pub fn stop_the_world() {
    let m = g::getm();
    if m.is_null() {
        return; // a unit-test thread: no scheduler
    }
    loop {
        let mut guard = SCHED.lock();
        let s = &mut guard.0;
        if s.gcwaiting {
            drop(guard);
            gosched(); // our P stops for the other stopper
            continue;
        }
        s.gcwaiting = true;
        GCWAITING.store(true, Ordering::Relaxed);
        // SAFETY: m holds its P; the other Ps are read under the lock.
        let mine = unsafe { (*m).p };
        s.stopwait = s.nprocs - 1;
        for i in 0..s.nprocs {
            let pp = s.allp[i];
            if pp == mine {
                continue;
            }
            // SAFETY: as above.
            unsafe {
                if (*pp).status == P_IDLE {
                    pidleremove(s, pp);
                    (*pp).status = P_GCSTOP;
                    s.stopwait -= 1;
                } else if (*pp).status == P_SYSCALL {
                    // Its M is in the kernel: it finds the P gone when
                    // it comes back.
                    (*pp).status = P_GCSTOP;
                    (*pp).m = ptr::null_mut();
                    s.stopwait -= 1;
                }
            }
        }
        let wait = s.stopwait > 0;
        drop(guard);
        if !wait {
            return;
        }
        loop {
            preempt_all(mine);
            if STOPNOTE.sleep_timeout(100_000) {
                let s = SCHED.lock();
                if s.0.stopwait == 0 {
                    return;
                }
            }
        }
    }
}

/// Asks the goroutines running on every P but `mine` to yield.
fn preempt_all(mine: *mut P) {
    let s = SCHED.lock();
    for i in 0..s.0.nprocs {
        let pp = s.0.allp[i];
        // SAFETY: Ps, Ms and Gs live forever; stackguard0 is a word the
        // running goroutine re-reads at every check.
        unsafe {
            if pp != mine && (*pp).status == P_RUNNING && !(*pp).m.is_null() {
                let gp = (*(*pp).m).curg;
                if !gp.is_null() {
                    ptr::write_volatile(&mut (*gp).stackguard0, g::STACK_PREEMPT);
                }
            }
        }
    }
}

/// Undoes `stop_the_world`: the stopped Ps become idle and Ms are woken
/// for those with work.
pub fn start_the_world() {
    let m = g::getm();
    if m.is_null() {
        return;
    }
    let mut work = 0;
    {
        let mut guard = SCHED.lock();
        let s = &mut guard.0;
        // SAFETY: m holds its P.
        let mine = unsafe { (*m).p };
        for i in 0..s.nprocs {
            let pp = s.allp[i];
            // SAFETY: Ps live forever; under the lock.
            unsafe {
                if pp != mine && (*pp).status == P_GCSTOP {
                    work += (*pp).has_work() as usize;
                    pidleput(s, pp);
                }
            }
        }
        work += (s.runqsize > 0) as usize;
        s.gcwaiting = false;
        GCWAITING.store(false, Ordering::Relaxed);
    }
    if work > 0 {
        wakep();
    }
}

/// The current GOMAXPROCS.
pub fn gomaxprocs() -> usize {
    SCHED.lock().0.nprocs
}

/// Sets GOMAXPROCS to `n` (when 1 ≤ n ≤ 256 and different), stopping the
/// world to add or remove Ps; returns the previous value.
pub fn set_gomaxprocs(n: usize) -> usize {
    let old = gomaxprocs();
    if n == 0 || n == old || g::getm().is_null() {
        return old;
    }
    let n = n.min(MAX_PROCS);
    stop_the_world();
    {
        let m = g::getm();
        let mut guard = SCHED.lock();
        let s = &mut guard.0;
        let old = s.nprocs;
        for i in old..n {
            if s.allp[i].is_null() {
                s.allp[i] = new_p(i);
            }
            // SAFETY: a P nobody holds.
            unsafe { (*s.allp[i]).status = P_GCSTOP };
        }
        // SAFETY: m holds its P; the others are stopped (under the lock).
        unsafe {
            for i in n..old {
                let pp = s.allp[i];
                loop {
                    let gp = runqget(pp);
                    if gp.is_null() {
                        break;
                    }
                    globrunqput(s, gp);
                }
                // Its cached spans go back (the world is stopped).
                (*pp).mcache.flush();
                if pp == (*m).p {
                    // Keep running on P0 instead.
                    (*pp).m = ptr::null_mut();
                    acquirep(m, s.allp[0]);
                }
                (*pp).status = P_DEAD;
            }
        }
        s.nprocs = n;
    }
    start_the_world();
    old
}

fn start_sysmon() {
    if SYSMON_STARTED.swap(true, Ordering::Relaxed) {
        return;
    }
    let r = std::thread::Builder::new()
        .stack_size(256 << 10)
        .spawn(sysmon);
    if r.is_err() {
        crate::panic::throw("newosproc: cannot create the sysmon thread");
    }
}

/// gc's forcePreemptNS.
const FORCE_PREEMPT_NS: i64 = 10_000_000;

/// The system monitor (its own thread, no P): asks a goroutine that has
/// been running for 10 ms without going through the scheduler to yield.
fn sysmon() {
    loop {
        std::thread::sleep(std::time::Duration::from_millis(5));
        let now = crate::sys::nanotime();
        let mut retook = false;
        let mut guard = SCHED.lock();
        let s = &mut guard.0;
        for i in 0..s.nprocs {
            // SAFETY: Ps, Ms and Gs live forever; under the lock.
            unsafe {
                let pp = s.allp[i];
                let p = &mut *pp;
                if p.status == P_SYSCALL {
                    // Blocked in the kernel since the last look: hand the
                    // P to another M if there is work for it.
                    if p.syscalltick != p.sysmon_syscalltick {
                        p.sysmon_syscalltick = p.syscalltick;
                    } else if p.has_work() || s.runqsize > 0 {
                        p.m = ptr::null_mut();
                        pidleput(s, pp);
                        retook = true;
                    }
                    continue;
                }
                if p.status != P_RUNNING {
                    continue;
                }
                if p.schedtick != p.sysmon_tick {
                    p.sysmon_tick = p.schedtick;
                    p.sysmon_when = now;
                } else if now - p.sysmon_when >= FORCE_PREEMPT_NS && !p.m.is_null() {
                    let gp = (*p.m).curg;
                    if !gp.is_null() {
                        ptr::write_volatile(&mut (*gp).stackguard0, g::STACK_PREEMPT);
                    }
                    p.sysmon_when = now;
                }
            }
        }
        drop(guard);
        if retook {
            wakep();
        }
    }
}

/// gc's entersyscall: the running goroutine is about to block in the
/// kernel. Its P stays with it (`P_SYSCALL`) unless sysmon hands the P to
/// another M meanwhile. Does nothing off the scheduler (g0, tests) or when
/// the scheduler lock is busy (a fatal error printing, say): the call is
/// then merely not preemptible.
pub fn entersyscall() {
    let m = g::getm();
    if m.is_null() {
        return;
    }
    let gp = g::getg();
    // SAFETY: m is this thread's M; curg/p are its own (read under the
    // lock below for the P).
    unsafe {
        if (*m).curg != gp || (*m).p.is_null() {
            return;
        }
        let Some(_guard) = SCHED.try_lock() else {
            return;
        };
        let pp = (*m).p;
        if (*pp).status != P_RUNNING {
            return;
        }
        (*pp).status = P_SYSCALL;
        (*pp).syscalltick += 1;
        // The collector may scan this goroutine while it is in the kernel.
        crate::mgc::roots::save_context(gp);
        (*gp).status = G_SYSCALL;
    }
}

/// gc's exitsyscall: back from the kernel. Keeps the P if it is still
/// ours, else takes an idle one, else queues the goroutine and lets this
/// M wait for a P.
pub fn exitsyscall() {
    let m = g::getm();
    let gp = g::getg();
    if m.is_null() {
        return;
    }
    // SAFETY: as in entersyscall.
    unsafe {
        if (*gp).status != G_SYSCALL {
            return;
        }
        {
            let mut guard = SCHED.lock();
            let s = &mut guard.0;
            let pp = (*m).p;
            if (*pp).status == P_SYSCALL && (*pp).m == m {
                (*pp).status = P_RUNNING;
                (*gp).status = G_RUNNING;
                return;
            }
            (*m).p = ptr::null_mut();
            if !s.gcwaiting {
                let pp = pidleget(s);
                if !pp.is_null() {
                    acquirep(m, pp);
                    (*gp).status = G_RUNNING;
                    return;
                }
            }
        }
        mcall(After::SyscallExit);
    }
}

/// Called with the lock held by an M about to sleep: when no M is left
/// running and nothing is runnable, nothing can ever wake anything (no
/// timers yet). Prints gc's deadlock report with every goroutine and
/// exits 2.
fn checkdead(s: &mut Sched) {
    if s.mcount > s.nmidle || s.gcwaiting {
        return;
    }
    if s.runqsize > 0 {
        return;
    }
    for i in 0..s.nprocs {
        // SAFETY: Ps live forever; under the lock.
        if unsafe { (*s.allp[i]).has_work() } {
            return;
        }
    }
    printlock();
    let live = gcount_locked(s).0;
    if live == 0 {
        // Only possible when main.main called Goexit.
        pstr("fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n");
        crate::print::printunlock();
        crate::print::flush_all();
        crate::sys::exit(2)
    }
    pstr("fatal error: all goroutines are asleep - deadlock!\n");
    let mut gp = s.allg_head;
    while !gp.is_null() {
        // SAFETY: allg walks live Gs (never freed).
        unsafe {
            if (*gp).status != G_DEAD && !crate::mgc::is_system_goroutine(gp) {
                print_waiting(gp);
            }
            gp = (*gp).alllink;
        }
    }
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

/// Runs the scheduler on this thread (M0) forever.
pub fn run() -> ! {
    schedule_loop()
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
