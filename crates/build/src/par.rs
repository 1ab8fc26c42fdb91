//! Running independent jobs on all cores. [`map`]: a scoped thread per
//! core pulls job indices from one atomic counter (no lock while a job
//! runs) and the results come back in input order, whatever order they
//! finished in. [`run`]: a work queue whose jobs may add more jobs (package
//! loading discovers the import graph as it goes); it returns when the
//! queue is empty and no job is running.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::thread;

/// Stack of each worker thread. The parser needs no more than the default
/// (it grows its own stack), but the stages that walk its trees recurse as
/// deep as `syntax::MAX_NESTING`; only touched pages cost memory.
const WORKER_STACK: usize = 256 << 20;

/// The number of worker threads: the cores this process may use.
pub fn workers() -> usize {
    thread::available_parallelism().map_or(1, |n| n.get())
}

/// `f` applied to every item, on up to [`workers`] threads; the results
/// are in the order of `items`. A panic in `f` is propagated.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let n = items.len();
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= n {
                return done;
            }
            done.push((i, f(&items[i])));
        }
    };
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(n).collect();
    for (i, r) in on_workers(workers().min(n), work).into_iter().flatten() {
        slots[i] = Some(r);
    }
    slots
        .into_iter()
        .map(|r| r.expect("every job ran"))
        .collect()
}

/// Runs `work` on `n` scoped worker threads (or on this one if none can be
/// started) and returns what each returned. A panic is propagated.
fn on_workers<R: Send>(n: usize, work: impl Fn() -> R + Sync) -> Vec<R> {
    thread::scope(|s| {
        let mut handles = Vec::new();
        for k in 0..n {
            let b = thread::Builder::new()
                .name(format!("rgo-worker-{k}"))
                .stack_size(WORKER_STACK);
            match b.spawn_scoped(s, &work) {
                Ok(h) => handles.push(h),
                Err(_) => break, // out of threads: the others (or we) do the rest
            }
        }
        let mut results = Vec::new();
        if handles.is_empty() && n > 0 {
            results.push(work());
        }
        for h in handles {
            match h.join() {
                Ok(r) => results.push(r),
                Err(p) => std::panic::resume_unwind(p),
            }
        }
        results
    })
}

/// The shared state of [`run`].
struct State<J> {
    jobs: VecDeque<J>,
    /// Jobs being run now.
    active: usize,
    /// A job panicked: everyone stops.
    abort: bool,
}

/// Where a job of [`run`] adds more jobs.
pub struct Queue<J> {
    state: Mutex<State<J>>,
    wake: Condvar,
}

impl<J> Queue<J> {
    fn lock(&self) -> MutexGuard<'_, State<J>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds a job; some idle worker will run it.
    pub fn push(&self, job: J) {
        self.lock().jobs.push_back(job);
        self.wake.notify_one();
    }
}

/// Marks the end of a job, also when it panics.
struct Running<'a, J>(&'a Queue<J>);

impl<J> Drop for Running<'_, J> {
    fn drop(&mut self) {
        let mut st = self.0.lock();
        st.active -= 1;
        if thread::panicking() {
            st.abort = true;
        }
        if st.abort || (st.active == 0 && st.jobs.is_empty()) {
            self.0.wake.notify_all();
        }
    }
}

/// Runs `initial` and every job they add through the [`Queue`], on up to
/// [`workers`] threads, until none is left. Jobs run in no particular
/// order. A panic in `f` stops the others and is propagated.
pub fn run<J: Send>(initial: Vec<J>, f: impl Fn(J, &Queue<J>) + Sync) {
    let q = Queue {
        state: Mutex::new(State {
            jobs: initial.into(),
            active: 0,
            abort: false,
        }),
        wake: Condvar::new(),
    };
    let work = || loop {
        let job = {
            let mut st = q.lock();
            loop {
                if st.abort {
                    return;
                }
                if let Some(j) = st.jobs.pop_front() {
                    st.active += 1;
                    break j;
                }
                if st.active == 0 {
                    return;
                }
                st = q.wake.wait(st).unwrap_or_else(|e| e.into_inner());
            }
        };
        let _running = Running(&q);
        f(job, &q);
    };
    on_workers(workers(), work);
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn results_in_input_order() {
        let items: Vec<u64> = (0..10_000).collect();
        let out = super::map(&items, |&x| x * 2);
        assert_eq!(out, items.iter().map(|x| x * 2).collect::<Vec<_>>());
        assert!(super::map(&[] as &[u8], |_| 0).is_empty());
    }

    #[test]
    fn queue_runs_jobs_that_add_jobs() {
        // A binary tree of jobs: n spawns 2n and 2n+1 below 4096.
        let ran = AtomicUsize::new(0);
        super::run(vec![1usize], |n, q| {
            ran.fetch_add(1, Ordering::Relaxed);
            if 2 * n < 4096 {
                q.push(2 * n);
                q.push(2 * n + 1);
            }
        });
        assert_eq!(ran.load(Ordering::Relaxed), 4095);
        super::run(Vec::<u8>::new(), |_, _| unreachable!());
    }

    #[test]
    fn queue_propagates_panics() {
        let r = std::panic::catch_unwind(|| {
            super::run((0..100).collect(), |n: i32, q| {
                if n == 50 {
                    panic!("job 50");
                }
                if n < 1000 {
                    q.push(n + 100);
                }
            })
        });
        assert!(r.is_err());
    }
}
