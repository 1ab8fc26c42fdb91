//! Running independent jobs on all cores: a scoped thread per core pulls
//! job indices from one atomic counter (no lock while a job runs) and the
//! results come back in input order, whatever order they finished in.

use std::sync::atomic::{AtomicUsize, Ordering};
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
    thread::scope(|s| {
        let mut handles = Vec::new();
        for k in 0..workers().min(n) {
            let b = thread::Builder::new()
                .name(format!("rgo-worker-{k}"))
                .stack_size(WORKER_STACK);
            match b.spawn_scoped(s, work) {
                Ok(h) => handles.push(h),
                Err(_) => break, // out of threads: the others (or we) do the rest
            }
        }
        let mut results = Vec::new();
        if handles.is_empty() {
            results.push(work());
        }
        for h in handles {
            match h.join() {
                Ok(r) => results.push(r),
                Err(p) => std::panic::resume_unwind(p),
            }
        }
        for (i, r) in results.into_iter().flatten() {
            slots[i] = Some(r);
        }
    });
    slots
        .into_iter()
        .map(|r| r.expect("every job ran"))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_in_input_order() {
        let items: Vec<u64> = (0..10_000).collect();
        let out = super::map(&items, |&x| x * 2);
        assert_eq!(out, items.iter().map(|x| x * 2).collect::<Vec<_>>());
        assert!(super::map(&[] as &[u8], |_| 0).is_empty());
    }
}
