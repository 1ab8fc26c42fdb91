//! Collector tests. Test threads share one heap, so a collection in the
//! test process would free other tests' objects: every scenario runs in
//! a child process (this test binary again, one test selected, one
//! thread), where the only roots are this thread's stack.

use super::*;
use crate::abi::{kind, FuncType, PtrType, Type};
use std::process::Command;

fn run_child(test: &str) {
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            &format!("mgc::tests::{test}"),
            "--nocapture",
            "--test-threads=1",
        ])
        .env("RT_GC_CHILD", test)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let outs = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && outs.contains("GC-CHILD-OK"),
        "child {test} failed: {:?}\n{err}\n{outs}",
        out.status
    );
}

fn is_child(test: &str) -> bool {
    std::env::var("RT_GC_CHILD").as_deref() == Ok(test)
}

const fn ty(size: usize, ptr_bytes: usize, mask: &'static u8) -> Type {
    Type {
        size,
        ptr_bytes,
        hash: 0,
        tflag: 0,
        align: 8,
        field_align: 8,
        kind: kind::STRUCT,
        equal: core::ptr::null(),
        gcdata: mask,
        str_: 0,
        ptr_to_this: 0,
    }
}

struct T(Type);
// SAFETY: immutable descriptors pointing to immutable statics.
unsafe impl Sync for T {}

/// struct { next *node; val int; pad [2]int } — 32 bytes, first word a pointer.
static NODE_MASK: u8 = 1;
static NODE: T = T(ty(32, 8, &NODE_MASK));
/// A 1 KiB object (header span) with pointers at words 0 and 5.
static BIG_MASK: [u8; 1] = [0b10_0001];
static BIG: T = T(ty(1024, 48, &BIG_MASK[0]));

fn alloc(t: &T) -> *mut usize {
    // SAFETY: a valid descriptor.
    unsafe { crate::malloc::newobject(&t.0) as *mut usize }
}

/// A list of `n` nodes, node i holding value i.
#[inline(never)]
fn make_list(n: usize) -> usize {
    let mut head = 0usize;
    for i in (0..n).rev() {
        let p = alloc(&NODE);
        // SAFETY: a fresh 32-byte node.
        unsafe {
            *p = head;
            *p.add(1) = i;
        }
        head = p as usize;
    }
    head
}

#[inline(never)]
fn check_list(head: usize, n: usize) {
    let mut p = head as *const usize;
    for i in 0..n {
        assert!(!p.is_null(), "list cut at {i}");
        // SAFETY: nodes of the list.
        unsafe {
            assert_eq!(*p.add(1), i, "node {i} clobbered");
            p = *p as *const usize;
        }
    }
    assert!(p.is_null());
}

/// One pointer word: `[]*node` backing arrays are arrays of it.
static PTR_MASK: u8 = 1;
static PTR: T = T(ty(8, 8, &PTR_MASK));

/// A `[n]*node` array (heap bits, header or large span by size), each
/// element a node holding its index.
#[inline(never)]
fn ptr_array(n: usize) -> usize {
    // SAFETY: PTR is a valid descriptor; n*8 bytes.
    let a = unsafe { crate::malloc::malloc(n * 8, &PTR.0, true) } as *mut usize;
    for i in 0..n {
        let p = alloc(&NODE);
        // SAFETY: a fresh node; element i of the array.
        unsafe {
            *p.add(1) = i;
            *a.add(i) = p as usize;
        }
    }
    a as usize
}

#[inline(never)]
fn check_array(a: usize, n: usize) {
    for i in 0..n {
        // SAFETY: element i points at a node.
        unsafe {
            let p = *(a as *const usize).add(i) as *const usize;
            assert_eq!(*p.add(1), i, "array of {n}: element {i} clobbered");
        }
    }
}

#[inline(never)]
fn garbage(n: usize) {
    for i in 0..n {
        let p = alloc(&NODE);
        // SAFETY: a fresh node.
        unsafe { *p.add(1) = i };
        // Pointer-free garbage and large garbage too.
        // SAFETY: null type: no pointers.
        unsafe {
            let q = crate::malloc::malloc(100, core::ptr::null(), true);
            *q = 1;
        }
        if i % 1000 == 0 {
            // SAFETY: as above.
            unsafe { crate::malloc::malloc(100_000, core::ptr::null(), true) };
        }
    }
}

fn stats() -> MemStats {
    // SAFETY: MemStats is plain old data; zeroed is a valid value.
    let mut m: MemStats = unsafe { core::mem::zeroed() };
    read_mem_stats(0, &mut m);
    m
}

#[test]
fn child_mark_and_sweep() {
    if !is_child("child_mark_and_sweep") {
        return;
    }
    crate::g::ensure_g();
    let head = core::hint::black_box(make_list(20_000));
    // A big (header) object pointing at a second list, from word 5.
    let big = alloc(&BIG);
    let second = make_list(3000);
    // SAFETY: word 5 of the 1 KiB object.
    unsafe { *big.add(5) = second };
    let big = core::hint::black_box(big as usize);
    let arrays = core::hint::black_box([ptr_array(7), ptr_array(100), ptr_array(20_000)]);
    garbage(200_000);
    collect(true);
    check_list(head, 20_000);
    // SAFETY: big is live (on the stack).
    check_list(unsafe { *(big as *const usize).add(5) }, 3000);
    let m = stats();
    assert_eq!(m.num_gc, 1);
    assert_eq!(m.num_forced_gc, 1);
    assert!(m.frees >= 200_000, "frees {}", m.frees);
    // Live: ~23k nodes of 32 bytes, the big object, little else.
    assert!(m.heap_alloc < 2 << 20, "heap_alloc {}", m.heap_alloc);
    assert!(m.heap_alloc >= 23_000 * 32, "heap_alloc {}", m.heap_alloc);
    assert!(m.enable_gc);
    // Freed memory is reused: more garbage does not grow the heap much.
    let sys = m.heap_sys;
    for _ in 0..5 {
        garbage(200_000);
        collect(true);
    }
    check_list(head, 20_000);
    for (&a, n) in arrays.iter().zip([7, 100, 20_000]) {
        check_array(a, n);
    }
    let m = stats();
    // (Automatic collections run too once the first one set a goal.)
    assert_eq!(m.num_forced_gc, 6);
    assert!(m.num_gc >= 6);
    assert!(
        m.heap_sys <= sys + (64 << 20),
        "heap grew {} -> {}",
        sys,
        m.heap_sys
    );
    // Drop the second list: it goes away.
    // SAFETY: big is live.
    unsafe { *(big as *mut usize).add(5) = 0 };
    let before = stats().heap_alloc;
    collect(true);
    let after = stats().heap_alloc;
    assert!(after + 3000 * 32 <= before, "{before} -> {after}");
    check_list(head, 20_000);
    println!("GC-CHILD-OK");
}

#[test]
fn mark_and_sweep() {
    run_child("child_mark_and_sweep");
}

static FINALIZED: core::sync::atomic::AtomicUsize = core::sync::atomic::AtomicUsize::new(0);
static FINALIZED_N: core::sync::atomic::AtomicUsize = core::sync::atomic::AtomicUsize::new(0);

extern "C" fn on_finalize(_ctx: usize, obj: usize, _scratch: usize) {
    // SAFETY: the finalized node.
    let v = unsafe { *(obj as *const usize).add(1) };
    FINALIZED.fetch_add(v, core::sync::atomic::Ordering::SeqCst);
    FINALIZED_N.fetch_add(1, core::sync::atomic::Ordering::SeqCst);
}

#[inline(never)]
fn many_finalizable(n: usize) {
    for _ in 0..n {
        set_fin(1);
    }
    garbage(1000);
}

#[repr(C)]
struct FuncDesc {
    ft: FuncType,
    param: *const Type,
}
struct FD(FuncDesc);
// SAFETY: immutable.
unsafe impl Sync for FD {}
struct PD(PtrType);
// SAFETY: immutable.
unsafe impl Sync for PD {}

static PTR_NODE: PD = PD(PtrType {
    typ: Type {
        kind: kind::POINTER,
        tflag: crate::abi::TFLAG_DIRECT_IFACE,
        ..ty(8, 8, &NODE_MASK)
    },
    elem: &NODE.0,
});
static FN_TYPE: FD = FD(FuncDesc {
    ft: FuncType {
        typ: Type {
            kind: kind::FUNC,
            ..ty(8, 8, &NODE_MASK)
        },
        in_count: 1,
        out_count: 0,
    },
    param: &PTR_NODE.0.typ,
});

#[inline(never)]
fn set_fin(n: usize) -> usize {
    let p = make_list(1);
    // SAFETY: a fresh node.
    unsafe { *(p as *mut usize).add(1) = n };
    let code = on_finalize as *const () as usize;
    // A heap closure for the finalizer: {code}.
    // SAFETY: null type: the closure holds no heap pointer.
    let clo = unsafe { crate::malloc::malloc(8, core::ptr::null(), true) } as *mut usize;
    // SAFETY: 8 fresh bytes.
    unsafe { *clo = code };
    finalizer::set_finalizer(0, &PTR_NODE.0.typ, p, &FN_TYPE.0.ft.typ, clo as usize);
    p
}

#[test]
fn child_finalizers() {
    if !is_child("child_finalizers") {
        return;
    }
    crate::g::ensure_g();
    let kept = core::hint::black_box(set_fin(7));
    many_finalizable(100);
    collect(true);
    // The unreachable nodes' finalizers are queued (a stale stack word
    // may keep one or two alive: stacks are scanned conservatively), the
    // kept one's is not.
    let q = finalizer::queued();
    assert!((95..=100).contains(&q), "queued {q}");
    finalizer::run_queued();
    assert_eq!(FINALIZED_N.load(core::sync::atomic::Ordering::SeqCst), q);
    assert_eq!(FINALIZED.load(core::sync::atomic::Ordering::SeqCst), q);
    assert_eq!(finalizer::queued(), 0);
    // The kept object is intact and its finalizer still registered.
    // SAFETY: kept is live.
    assert_eq!(unsafe { *(kept as *const usize).add(1) }, 7);
    assert_eq!(finalizer::registered(), 101 - q);
    collect(true);
    // Finalizers run once.
    assert!(finalizer::queued() <= 100 - q);
    println!("GC-CHILD-OK");
}

#[test]
fn finalizers() {
    run_child("child_finalizers");
}

#[test]
fn pacing_follows_gogc() {
    assert_eq!(parse_gogc(None), 100);
    assert_eq!(parse_gogc(Some("off")), -1);
    assert_eq!(parse_gogc(Some("50")), 50);
    assert_eq!(parse_gogc(Some("x")), 100);
    assert!(parse_gctrace(Some("gctrace=1")));
    assert!(parse_gctrace(Some("foo=2,gctrace=1")));
    assert!(!parse_gctrace(Some("gctrace=0")));
    assert!(!parse_gctrace(None));
    assert_eq!(heap_goal(0, 100), 4 << 20);
    assert_eq!(heap_goal(10 << 20, 100), 20 << 20);
    assert_eq!(heap_goal(10 << 20, 50), 15 << 20);
    assert_eq!(heap_goal(0, 1), (4 << 20) / 100);
    assert_eq!(heap_goal(100, -1), usize::MAX);
    assert_eq!(parse_memlimit(None), usize::MAX);
    assert_eq!(parse_memlimit(Some("off")), usize::MAX);
    assert_eq!(parse_memlimit(Some("100MiB")), 100 << 20);
    assert_eq!(parse_memlimit(Some("12345")), 12345);
    assert_eq!(parse_memlimit(Some("2GiB")), 2 << 30);
    assert_eq!(limit_goal(50 << 20, 10 << 20, usize::MAX, 0), 50 << 20);
    // 95% of 40 MiB minus 2 MiB of other memory.
    assert_eq!(
        limit_goal(usize::MAX, 10 << 20, 40 << 20, 2 << 20),
        (40 << 20) / 100 * 95 - (2 << 20)
    );
    // Never below live + 1/16.
    assert_eq!(
        limit_goal(usize::MAX, 64 << 20, 40 << 20, 0),
        (64 << 20) + (4 << 20) + (256 << 10)
    );
}

/// main.main of the finalizer-goroutine child: runs on goroutine 1 under
/// the scheduler.
extern "C" fn fing_program(_ctx: usize) {
    many_finalizable(50);
    collect(true);
    let q = finalizer::queued();
    assert!(q >= 45, "queued {q}");
    // Let the finalizer goroutine (created by the first SetFinalizer,
    // readied by the collection) run them.
    crate::proc::gosched();
    assert_eq!(finalizer::queued(), 0);
    assert_eq!(FINALIZED_N.load(core::sync::atomic::Ordering::SeqCst), q);
    // It waits again as a system goroutine: not counted.
    assert_eq!(crate::proc::gcount().0, 1);
    println!("GC-CHILD-OK");
    crate::sys::exit(0)
}

#[test]
fn child_finalizer_goroutine() {
    if !is_child("child_finalizer_goroutine") {
        return;
    }
    crate::panic::install_rust_panic_hook();
    // SAFETY: fing_program is an extern "C" fn taking the context.
    unsafe { crate::start::run_main(8 << 20, fing_program as *const () as usize) }
}

#[test]
fn finalizer_goroutine_runs_finalizers() {
    run_child("child_finalizer_goroutine");
}
