//! The garbage collector (DESIGN.md "Garbage collector"): non-moving,
//! non-generational, tri-color mark-sweep, stop-the-world for now.
//!
//! - `mod` (this file) — the driver (`collect`), the pacer (GOGC),
//!   startup (`init`: GOGC, GODEBUG=gctrace), the Go-callable entry points
//!   `runtime.GC`, `runtime.ReadMemStats`, `runtime.KeepAlive`, and the
//!   write-barrier flag `runtime.writeBarrier` / `runtime.gcWriteBarrier`
//!   (never enabled: marking is not concurrent yet);
//! - `roots` — globals, goroutine stacks and the runtime's own structures
//!   that point into the heap (the module doc there lists them and why);
//! - `mark` — mark bits, the gray work list, precise and conservative
//!   scanning;
//! - `parmark` — marking on all CPUs: the stacks of the stopped
//!   goroutines and the gray objects shared out among mark workers;
//! - `sweep` — freeing unmarked objects, returning empty spans to the
//!   page heap, scavenging idle pages;
//! - `finalizer` — `runtime.SetFinalizer`, the finalizer queue and
//!   goroutine;
//! - `stats` — `MemStats`, cycle history, the gctrace line.
//!
//! A cycle (`collect`): stop the world (`proc::stop_the_world`), flush the
//! mcaches (every small span is then on an mcentral list and no tiny
//! block is open), mark from the roots until the work list is empty (on
//! as many threads as GOMAXPROCS allows, up to the CPUs),
//! queue the finalizers of unreachable objects (resurrecting them), sweep
//! every span, set the next goal, scavenge, restart the world. Collections
//! start when the allocator's live-heap count reaches the trigger
//! (`malloc::GC_PENDING`, checked at the top of `malloc`, where no lock is
//! held) or when Go code calls `runtime.GC()`.
//!
//! Pacing follows GOGC: after a cycle that found `marked` bytes live, the
//! next one starts when the live heap reaches `marked × (1 + GOGC/100)`,
//! at least gc's minimum of 4 MB × GOGC/100. `GOGC=off` disables automatic
//! collection (`runtime.GC` still collects). `GOMEMLIMIT` (gc's syntax:
//! bytes with an optional B/KiB/MiB/GiB/TiB suffix) caps the goal at 95%
//! of the limit minus the runtime's other memory, but never below the
//! live heap plus 1/16 (a floor instead of gc's CPU cap on collection
//! work); with `GOGC=off` it is the only trigger.

pub mod finalizer;
pub mod mark;
pub mod parmark;
pub mod roots;
pub mod stats;
pub mod sweep;

use crate::lock::Mutex;
use crate::malloc::mheap::HEAP;
use crate::malloc::sizeclasses::*;
use crate::malloc::{GC_PENDING, GC_TRIGGER, HEAP_LIVE, LARGE_ALLOCS, LARGE_BYTES};
use core::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use mark::Work;
use stats::{GcStats, MemStats};

pub use finalizer::is_system_goroutine;

/// gc's minimum heap goal at GOGC=100.
const HEAP_MINIMUM: usize = 4 << 20;

struct State {
    /// GOGC (negative: off).
    gcpercent: i64,
    /// GOMEMLIMIT in bytes (usize::MAX: none).
    memlimit: usize,
    gctrace: bool,
    /// Live bytes found by the last cycle.
    heap_marked: usize,
    /// The heap size at which the next cycle starts.
    goal: usize,
    stats: GcStats,
    work: Work,
}

// SAFETY: the work list's Vec and plain numbers; used under the lock.
unsafe impl Send for State {}

static STATE: Mutex<State> = Mutex::new(State {
    gcpercent: 100,
    memlimit: usize::MAX,
    gctrace: false,
    heap_marked: 0,
    goal: HEAP_MINIMUM,
    stats: GcStats::new(),
    work: Work::new(),
});

/// Monotonic time of `init`.
static START_NS: AtomicU64 = AtomicU64::new(0);

/// Monotonic nanoseconds.
pub fn nanotime() -> u64 {
    crate::sys::nanotime() as u64
}

fn unixnano() -> u64 {
    crate::sys::unixnano() as u64
}

/// gc's readGOGC: "off" is -1, a number is itself, anything else 100.
pub fn parse_gogc(v: Option<&str>) -> i64 {
    match v {
        None | Some("") => 100,
        Some("off") => -1,
        Some(s) => s.parse::<i64>().unwrap_or(100),
    }
}

/// gc's GOMEMLIMIT syntax: a byte count with an optional unit suffix
/// (B, KiB, MiB, GiB, TiB); "off", unset or invalid: no limit.
pub fn parse_memlimit(v: Option<&str>) -> usize {
    let Some(v) = v else {
        return usize::MAX;
    };
    let units: [(&str, usize); 5] = [
        ("TiB", 1 << 40),
        ("GiB", 1 << 30),
        ("MiB", 1 << 20),
        ("KiB", 1 << 10),
        ("B", 1),
    ];
    let (num, mul) = units
        .iter()
        .find_map(|&(u, m)| v.strip_suffix(u).map(|n| (n, m)))
        .unwrap_or((v, 1));
    match num.parse::<u64>() {
        Ok(n) => (n as usize).saturating_mul(mul),
        Err(_) => usize::MAX,
    }
}

/// The goal under a memory limit: 95% of it minus the runtime's other
/// memory, at least the live heap plus 1/16.
pub fn limit_goal(goal: usize, marked: usize, limit: usize, other: usize) -> usize {
    if limit == usize::MAX {
        return goal;
    }
    let cap = (limit / 100 * 95).saturating_sub(other);
    goal.min(cap.max(marked + marked / 16 + (256 << 10)))
}

/// Whether GODEBUG (`k=v,k=v`) sets gctrace to a non-zero value.
pub fn parse_gctrace(godebug: Option<&str>) -> bool {
    let mut on = false;
    for kv in godebug.unwrap_or("").split(',') {
        if let Some(v) = kv.strip_prefix("gctrace=") {
            on = v.parse::<i64>().map(|n| n > 0).unwrap_or(false);
        }
    }
    on
}

/// The heap goal after a cycle that left `marked` bytes live.
pub fn heap_goal(marked: usize, gcpercent: i64) -> usize {
    if gcpercent < 0 {
        return usize::MAX;
    }
    let p = gcpercent as usize;
    let min = HEAP_MINIMUM.saturating_mul(p) / 100;
    let goal = marked.saturating_add(marked / 100 * p + marked % 100 * p / 100);
    goal.max(min).max(1)
}

/// Reads GOGC and GODEBUG and arms the first collection (at startup).
pub fn init() {
    START_NS.store(nanotime(), Ordering::Relaxed);
    let gogc = parse_gogc(std::env::var("GOGC").ok().as_deref());
    let trace = parse_gctrace(std::env::var("GODEBUG").ok().as_deref());
    let memlimit = parse_memlimit(std::env::var("GOMEMLIMIT").ok().as_deref());
    let goal = limit_goal(heap_goal(0, gogc), 0, memlimit, 0);
    {
        let mut st = STATE.lock();
        st.gcpercent = gogc;
        st.memlimit = memlimit;
        st.gctrace = trace;
        st.goal = goal;
    }
    GC_TRIGGER.store(goal, Ordering::Relaxed);
}

/// Called by `malloc` when `GC_PENDING` is set (several goroutines may
/// see it; `collect` runs the cycle once).
pub fn gc_from_malloc() {
    if GC_PENDING.swap(false, Ordering::Relaxed) {
        collect(false);
    }
}

/// `runtime.GC()`: a full collection; returns when sweeping is done.
/// Go-callable: the closure context comes first.
#[export_name = "runtime.GC"]
pub extern "C" fn gc(_ctx: usize) {
    collect(true);
}

/// `runtime.KeepAlive(x any)`: nothing to do — `x` is an argument of
/// this call, so it is on the caller's stack or in its registers until
/// here, and stacks are scanned conservatively.
#[export_name = "runtime.KeepAlive"]
#[inline(never)]
pub extern "C" fn keep_alive(_ctx: usize, t: usize, d: usize) {
    core::hint::black_box((t, d));
}

/// gc's `runtime.writeBarrier`: compiled code would test `enabled`
/// before pointer stores once marking runs concurrently. Never enabled:
/// the collector stops the world.
#[repr(C)]
pub struct WriteBarrierFlag {
    pub enabled: AtomicBool,
    pub pad: [u8; 3],
    pub needed: AtomicBool,
    pub cgo: AtomicBool,
    pub alignme: u64,
}

#[export_name = "runtime.writeBarrier"]
pub static WRITE_BARRIER: WriteBarrierFlag = WriteBarrierFlag {
    enabled: AtomicBool::new(false),
    pad: [0; 3],
    needed: AtomicBool::new(false),
    cgo: AtomicBool::new(false),
    alignme: 0,
};

/// `runtime.gcWriteBarrier(slot, ptr)`: the slow path of a pointer store
/// while the barrier is enabled (shade the old and the new pointer, then
/// store). Not called today (the flag is never set); with concurrent
/// marking it will record both pointers for the marker.
///
/// # Safety
/// `slot` is a writable pointer-sized heap, stack or global slot.
#[export_name = "runtime.gcWriteBarrier"]
pub unsafe extern "C" fn gc_write_barrier(slot: *mut usize, ptr: usize) {
    // SAFETY: the caller's contract.
    unsafe { *slot = ptr };
}

/// One collection.
pub fn collect(forced: bool) {
    crate::proc::stop_the_world();
    // Several goroutines may have asked for the same cycle: the first to
    // stop the world runs it.
    if !forced && HEAP_LIVE.load(Ordering::Relaxed) < GC_TRIGGER.load(Ordering::Relaxed) {
        crate::proc::start_the_world();
        return;
    }
    let t0 = nanotime();
    let heap0 = HEAP_LIVE.load(Ordering::Relaxed);
    crate::malloc::mcache::for_each_mcache(|c| c.flush());
    let mut st = STATE.lock();
    let st = &mut *st;
    st.work.gray.clear();
    st.work.stack_bytes = 0;
    st.work.global_bytes = 0;
    let t1 = nanotime();
    let gs = roots::mark_roots(&mut st.work);
    parmark::mark(&mut st.work, gs);
    finalizer::queue_unreachable(&mut st.work);
    let t2 = nanotime();
    let r = sweep::sweep_all();
    st.heap_marked = r.marked_bytes;
    st.goal = limit_goal(
        heap_goal(r.marked_bytes, st.gcpercent),
        r.marked_bytes,
        st.memlimit,
        crate::malloc::persistent::total_bytes() + st.work.stack_bytes,
    );
    HEAP_LIVE.store(r.marked_bytes, Ordering::Relaxed);
    GC_TRIGGER.store(st.goal, Ordering::Relaxed);
    GC_PENDING.store(false, Ordering::Relaxed);
    // Keep free pages up to 10% over the goal; give the rest back.
    let retain = if st.goal == usize::MAX {
        r.marked_bytes.saturating_mul(2).max(HEAP_MINIMUM)
    } else {
        st.goal.saturating_add(st.goal / 10)
    };
    HEAP.lock().scavenge(retain);
    let t3 = nanotime();
    for (f, n) in st.stats.frees.iter_mut().zip(r.frees.iter()) {
        *f += n;
    }
    st.stats.large_freed_bytes += r.large_freed_bytes;
    let s = &mut st.stats;
    let pause = t3 - t0;
    let i = s.num_gc as usize % 256;
    s.num_gc += 1;
    if forced {
        s.num_forced_gc += 1;
    }
    s.pause_ns[i] = pause;
    let now = unixnano();
    s.pause_end[i] = now;
    s.last_gc_unix = now;
    s.pause_total_ns += pause;
    s.gc_ns += pause;
    crate::proc::start_the_world();
    if st.gctrace {
        let since = t0.saturating_sub(START_NS.load(Ordering::Relaxed));
        let elapsed = t3.saturating_sub(START_NS.load(Ordering::Relaxed)).max(1);
        stats::print_trace(&stats::Trace {
            num: s.num_gc,
            start_ns: since,
            util: s.gc_ns * 100 / elapsed,
            clock: [t1 - t0, t2 - t1, t3 - t2],
            heap0,
            heap1: heap0,
            heap2: r.marked_bytes,
            goal: st.goal,
            stacks: st.work.stack_bytes,
            globals: st.work.global_bytes,
            procs: crate::proc::gomaxprocs(),
            forced,
        });
    }
    finalizer::wake_fing();
}

/// `runtime.ReadMemStats(m *MemStats)`. Go-callable: the closure context
/// comes first.
#[export_name = "runtime.ReadMemStats"]
pub extern "C" fn read_mem_stats(_ctx: usize, m: *mut MemStats) {
    crate::proc::stop_the_world();
    let (nmalloc, tiny) = {
        let mut nmalloc = [0u64; NUM_SIZE_CLASSES];
        let mut tiny = 0u64;
        crate::malloc::mcache::for_each_mcache(|c| {
            for (n, m) in nmalloc.iter_mut().zip(c.nmalloc.iter()) {
                *n += m;
            }
            tiny += c.tiny_allocs as u64;
        });
        (nmalloc, tiny)
    };
    let (heap_sys, heap_inuse, heap_released) = {
        let h = HEAP.lock();
        (
            h.mapped_bytes() as u64,
            (h.pages_in_use * PAGE_SIZE) as u64,
            (h.released_pages * PAGE_SIZE) as u64,
        )
    };
    let mut stack_inuse = 0u64;
    crate::proc::for_each_g(|gp| {
        // SAFETY: a live G (world stopped).
        let g = unsafe { &*gp };
        if g.sched.sp > g.stack_lo && g.sched.sp <= g.stack_hi {
            stack_inuse += (g.stack_hi - g.sched.sp).next_multiple_of(PAGE_SIZE) as u64;
        }
    });
    let st = STATE.lock();
    let s = &st.stats;
    let mut small_alloc = 0u64;
    let mut small_freed = 0u64;
    let mut nmallocs = 0u64;
    let mut nfrees = 0u64;
    for c in 1..NUM_SIZE_CLASSES {
        let size = CLASS_TO_SIZE[c] as u64;
        small_alloc += nmalloc[c] * size;
        small_freed += s.frees[c] * size;
        nmallocs += nmalloc[c];
        nfrees += s.frees[c];
    }
    let large_allocs = LARGE_ALLOCS.load(Ordering::Relaxed);
    let large_bytes = LARGE_BYTES.load(Ordering::Relaxed);
    let total_alloc = small_alloc + large_bytes;
    let heap_alloc = total_alloc - small_freed - s.large_freed_bytes;
    let mallocs = nmallocs + large_allocs + tiny;
    let frees = nfrees + s.frees[0] + tiny;
    let gc_sys = crate::malloc::persistent::total_bytes() as u64;
    let elapsed = nanotime()
        .saturating_sub(START_NS.load(Ordering::Relaxed))
        .max(1);
    // SAFETY: m points to a MemStats (the Go caller's); every field is
    // written.
    let out = unsafe { &mut *m };
    out.alloc = heap_alloc;
    out.total_alloc = total_alloc;
    out.sys = heap_sys + stack_inuse + gc_sys;
    out.lookups = 0;
    out.mallocs = mallocs;
    out.frees = frees;
    out.heap_alloc = heap_alloc;
    out.heap_sys = heap_sys;
    out.heap_idle = heap_sys - heap_inuse;
    out.heap_inuse = heap_inuse;
    out.heap_released = heap_released;
    out.heap_objects = mallocs - frees;
    out.stack_inuse = stack_inuse;
    out.stack_sys = stack_inuse;
    out.mspan_inuse = 0;
    out.mspan_sys = 0;
    out.mcache_inuse = 0;
    out.mcache_sys = 0;
    out.buck_hash_sys = 0;
    out.gc_sys = gc_sys;
    out.other_sys = 0;
    out.next_gc = st.goal as u64;
    out.last_gc = s.last_gc_unix;
    out.pause_total_ns = s.pause_total_ns;
    out.pause_ns = s.pause_ns;
    out.pause_end = s.pause_end;
    out.num_gc = s.num_gc;
    out.num_forced_gc = s.num_forced_gc;
    out.gc_cpu_fraction = s.gc_ns as f64 / elapsed as f64;
    out.enable_gc = true;
    out.debug_gc = false;
    for (i, b) in out.by_size.iter_mut().enumerate() {
        b.size = CLASS_TO_SIZE[i] as u32;
        b.mallocs = if i == 0 { 0 } else { nmalloc[i] };
        b.frees = if i == 0 { 0 } else { s.frees[i] };
    }
    drop(st);
    crate::proc::start_the_world();
}

#[cfg(test)]
mod tests;
