//! Marking on several CPUs while the world is stopped ("mark with both
//! cores"): the collecting goroutine's thread and up to GOMAXPROCS − 1
//! mark worker threads (made on first use, asleep between cycles) share
//! the work. First the stacks of the stopped goroutines, handed out one
//! goroutine at a time through an atomic index; then the gray objects:
//! each marker drains its own list and, while another marker is idle and
//! the shared pool is empty, gives it the older half of its list, from
//! which idle markers take. Marking ends when no marker is busy and the pool is empty (a
//! marker counts itself busy before taking a batch, and only busy markers
//! make batches, so nothing can appear after that).
//!
//! Mark bits are set with an atomic or (`mark::mark`), so an object is
//! grayed by exactly one marker.

use super::mark::{self, Work};
use crate::g::G;
use crate::lock::{Mutex, Note};
use crate::malloc::mspan::MSpan;
use core::sync::atomic::{AtomicUsize, Ordering};

/// The most mark workers (besides the collecting thread).
const MAX_WORKERS: usize = 7;

/// Gray objects in transit between markers.
struct Batch(Vec<(usize, *const MSpan)>);
// SAFETY: spans and objects are shared, immutable heap metadata while the
// world is stopped; a batch is owned by one marker at a time.
unsafe impl Send for Batch {}

/// The goroutines whose stacks are to be scanned.
struct Gs(Vec<*mut G>);
// SAFETY: stopped Gs, read only while the world is stopped.
unsafe impl Send for Gs {}

/// One cycle's shared state.
struct Cycle {
    gs: Mutex<Gs>,
    ngs: AtomicUsize,
    next_g: AtomicUsize,
    pool: Mutex<Vec<Batch>>,
    pool_len: AtomicUsize,
    busy: AtomicUsize,
    /// Workers that have finished this cycle.
    finished: AtomicUsize,
    stack_bytes: AtomicUsize,
    /// Markers in this cycle (workers and the collecting thread).
    markers: AtomicUsize,
}

static CYCLE: Cycle = Cycle {
    gs: Mutex::new(Gs(Vec::new())),
    ngs: AtomicUsize::new(0),
    next_g: AtomicUsize::new(0),
    pool: Mutex::new(Vec::new()),
    pool_len: AtomicUsize::new(0),
    busy: AtomicUsize::new(0),
    finished: AtomicUsize::new(0),
    stack_bytes: AtomicUsize::new(0),
    markers: AtomicUsize::new(0),
};

/// Each worker sleeps on its note between cycles.
static WAKE: [Note; MAX_WORKERS] = [const { Note::new() }; MAX_WORKERS];
static DONE: Note = Note::new();
static STARTED: AtomicUsize = AtomicUsize::new(0);

/// Marks everything reachable from `w`'s gray objects and from the
/// stacks of `gs` (stopped goroutines), on as many threads as
/// GOMAXPROCS and the CPUs allow. `w` ends with an empty gray list and
/// the stack bytes scanned added.
pub fn mark(w: &mut Work, gs: Vec<*mut G>) {
    let workers = crate::proc::gomaxprocs()
        .min(crate::sys::ncpu())
        .saturating_sub(1)
        .min(MAX_WORKERS);
    if workers == 0 {
        for gp in gs {
            // SAFETY: a live G stopped with the world.
            unsafe { super::roots::mark_g(w, gp) };
        }
        mark::drain(w);
        return;
    }
    start_workers(workers);
    let c = &CYCLE;
    c.ngs.store(gs.len(), Ordering::Relaxed);
    c.gs.lock().0 = gs;
    c.next_g.store(0, Ordering::Relaxed);
    c.finished.store(0, Ordering::Relaxed);
    c.stack_bytes.store(0, Ordering::Relaxed);
    c.markers.store(workers + 1, Ordering::Relaxed);
    c.busy.store(workers + 1, Ordering::Release);
    for note in WAKE.iter().take(workers) {
        note.wakeup();
    }
    run(w);
    while c.finished.load(Ordering::Acquire) < workers {
        DONE.sleep_timeout(1_000_000);
    }
    w.stack_bytes += c.stack_bytes.load(Ordering::Relaxed);
    c.gs.lock().0.clear();
}

fn start_workers(n: usize) {
    loop {
        let have = STARTED.load(Ordering::Acquire);
        if have >= n {
            return;
        }
        if STARTED
            .compare_exchange(have, have + 1, Ordering::AcqRel, Ordering::Relaxed)
            .is_err()
        {
            continue;
        }
        let r = std::thread::Builder::new()
            .stack_size(256 << 10)
            .spawn(move || worker(have));
        if r.is_err() {
            crate::panic::throw("gc: cannot create a mark worker thread");
        }
    }
}

/// A mark worker thread: one marking phase per wake-up.
fn worker(i: usize) {
    let mut w = Work::new();
    loop {
        WAKE[i].sleep();
        w.stack_bytes = 0;
        run(&mut w);
        CYCLE
            .stack_bytes
            .fetch_add(w.stack_bytes, Ordering::Relaxed);
        CYCLE.finished.fetch_add(1, Ordering::Release);
        DONE.wakeup();
    }
}

/// One marker's part of a cycle (counted busy on entry).
fn run(w: &mut Work) {
    let c = &CYCLE;
    let ngs = c.ngs.load(Ordering::Relaxed);
    loop {
        // Stacks first, one goroutine at a time.
        loop {
            let i = c.next_g.fetch_add(1, Ordering::Relaxed);
            if i >= ngs {
                break;
            }
            let gp = c.gs.lock().0[i];
            // SAFETY: a live G stopped with the world.
            unsafe { super::roots::mark_g(w, gp) };
            share(w);
        }
        // Then the gray objects.
        while let Some((b, s)) = w.gray.pop() {
            // SAFETY: the span of a gray object is in use (world stopped).
            mark::scan_span_object(w, b, unsafe { &*s });
            share(w);
        }
        if take(w) {
            continue;
        }
        // Idle: wait for a batch, or for everyone to be idle.
        c.busy.fetch_sub(1, Ordering::AcqRel);
        loop {
            if c.pool_len.load(Ordering::Acquire) > 0 {
                c.busy.fetch_add(1, Ordering::AcqRel);
                if take(w) {
                    break;
                }
                c.busy.fetch_sub(1, Ordering::AcqRel);
            }
            if c.busy.load(Ordering::Acquire) == 0 && c.pool_len.load(Ordering::Acquire) == 0 {
                return;
            }
            core::hint::spin_loop();
            std::thread::yield_now();
        }
    }
}

/// Gives the older half of `w`'s gray objects (nearer the roots: the
/// bigger subgraphs of a depth-first walk) to the pool when some marker
/// is idle and the pool is empty.
fn share(w: &mut Work) {
    let c = &CYCLE;
    if w.gray.len() < 2
        || c.pool_len.load(Ordering::Relaxed) > 0
        || c.busy.load(Ordering::Relaxed) >= c.markers.load(Ordering::Relaxed)
    {
        return;
    }
    let newer = w.gray.split_off(w.gray.len() / 2);
    let older = core::mem::replace(&mut w.gray, newer);
    let mut pool = c.pool.lock();
    pool.push(Batch(older));
    c.pool_len.store(pool.len(), Ordering::Release);
}

/// Takes a batch from the pool into `w`; false if there was none.
fn take(w: &mut Work) -> bool {
    let c = &CYCLE;
    let mut pool = c.pool.lock();
    let Some(b) = pool.pop() else {
        return false;
    };
    c.pool_len.store(pool.len(), Ordering::Release);
    drop(pool);
    w.gray.extend(b.0);
    true
}
