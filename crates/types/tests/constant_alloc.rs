//! Small-integer constants, the checker's common case, never allocate;
//! and how fast they are (an ignored benchmark). A test binary of its own
//! because it installs a counting global allocator.

use syntax::token::LitKind;
use types::constant::{BinaryOp, CompareOp, ShiftOp, Target, UnaryOp, Value};

mod alloc_count {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    /// Counts this thread's allocations (tests run on several threads).
    pub struct Counting;

    thread_local! {
        static COUNT: Cell<u64> = const { Cell::new(0) };
    }

    // SAFETY: every call is forwarded unchanged to the system allocator;
    // counting touches only a thread-local cell, which never allocates.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, l: Layout) -> *mut u8 {
            COUNT.with(|c| c.set(c.get() + 1));
            // SAFETY: same contract as our caller's.
            unsafe { System.alloc(l) }
        }
        unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
            // SAFETY: `p` came from `System` through `alloc`/`realloc`.
            unsafe { System.dealloc(p, l) }
        }
        unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
            COUNT.with(|c| c.set(c.get() + 1));
            // SAFETY: `p` came from `System` through `alloc`/`realloc`.
            unsafe { System.realloc(p, l, n) }
        }
    }

    #[global_allocator]
    static A: Counting = Counting;

    pub fn allocations() -> u64 {
        COUNT.with(|c| c.get())
    }
}

/// The checker's bread and butter: literals, +, -, *, /, %, shifts,
/// comparisons, representability of small integers.
fn small_int_workload(n: i64) -> i64 {
    let mut acc = Value::from_i64(0);
    let mut hits = 0;
    for k in 0..n {
        let x = Value::from_literal(LitKind::Int, "1_000");
        let y = Value::from_i64(k);
        let z = x
            .binary(BinaryOp::Add, &y)
            .binary(BinaryOp::Mul, &Value::from_i64(3));
        let z = z
            .binary(BinaryOp::IntDiv, &Value::from_i64(7))
            .binary(BinaryOp::Rem, &Value::from_i64(1 << 20));
        let z = z.shift(ShiftOp::Shl, 3).unary(UnaryOp::Neg, 0);
        if z.compare(CompareOp::Lss, &acc) {
            hits += 1;
        }
        if z.representable(Target::Int32).is_some() {
            hits += 1;
        }
        acc = acc.binary(BinaryOp::Sub, &z);
    }
    hits + acc.int64_val().unwrap_or(0)
}

#[test]
fn small_ints_do_not_allocate() {
    let before = alloc_count::allocations();
    let r = small_int_workload(10_000);
    let after = alloc_count::allocations();
    assert_ne!(r, 0);
    assert_eq!(after - before, 0, "small-int operations allocated");
}

/// `cargo test --release -p types --test constant_alloc -- --ignored --nocapture`
#[test]
#[ignore]
fn bench_small_ints() {
    let n = 10_000_000;
    let t = std::time::Instant::now();
    let r = small_int_workload(std::hint::black_box(n));
    let el = t.elapsed();
    // 8 operations per iteration.
    println!(
        "{:.2} ns per small-int operation ({r})",
        el.as_nanos() as f64 / (n as f64 * 8.0)
    );
}
