//! Goroutines and channels: programs run through `rt0_go` in a child
//! process (the scheduler is per process), with `extern "C"` Rust
//! functions standing in for compiled goroutine bodies; their stderr and
//! exit status are compared with what gc prints.

use super::{child_program, is_child, normalize, run_child};
use crate::abi::Type;
use crate::chan::{self, ChanType, HChan, Scase};
use crate::proc;
use core::ptr;
use std::sync::Mutex;

/// A channel type with an 8-byte pointer-free element.
fn int_chan_type() -> *const ChanType {
    let elem: &'static Type = Box::leak(Box::new(Type {
        size: 8,
        ptr_bytes: 0,
        hash: 0,
        tflag: 0,
        align: 8,
        field_align: 8,
        kind: 2,
        equal: ptr::null(),
        gcdata: ptr::null(),
        str_: 0,
        ptr_to_this: 0,
    }));
    Box::leak(Box::new(ChanType {
        typ: Type {
            size: 8,
            ptr_bytes: 8,
            hash: 0,
            tflag: 0,
            align: 8,
            field_align: 8,
            kind: 18,
            equal: ptr::null(),
            gcdata: ptr::null(),
            str_: 0,
            ptr_to_this: 0,
        },
        elem,
        dir: 3,
    }))
}

fn make(size: i64) -> *mut HChan {
    chan::makechan(int_chan_type(), size)
}

fn send(c: *mut HChan, v: i64) {
    chan::chansend1(c, &v as *const i64 as *const u8);
}

fn recv(c: *mut HChan) -> (i64, bool) {
    let mut v = -1i64;
    let ok = chan::chanrecv2(c, &mut v as *mut i64 as *mut u8);
    (v, ok != 0)
}

/// A goroutine closure object: code, then two captured words.
#[repr(C)]
struct Clo {
    code: usize,
    a: usize,
    b: usize,
}

fn go(code: extern "C" fn(*const Clo), a: usize, b: usize) {
    let c = Box::leak(Box::new(Clo {
        code: code as usize,
        a,
        b,
    }));
    proc::newproc(c as *const Clo as *const usize);
}

static LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn log(s: impl Into<String>) {
    LOG.lock().unwrap().push(s.into());
}

fn dump_log() {
    eprintln!("{}", LOG.lock().unwrap().join(" "));
}

// ---- ping-pong over unbuffered channels --------------------------------

extern "C" fn ponger(c: *const Clo) {
    // SAFETY: c is the closure made by `go`.
    let (ping, pong) = unsafe { ((*c).a as *mut HChan, (*c).b as *mut HChan) };
    loop {
        let (v, ok) = recv(ping);
        if !ok {
            log("ponger done");
            return;
        }
        send(pong, v * 10);
    }
}

unsafe extern "C" fn pingpong_main() {
    let (ping, pong) = (make(0), make(0));
    go(ponger, ping as usize, pong as usize);
    for i in 1..=4 {
        send(ping, i);
        log(format!("{}", recv(pong).0));
    }
    chan::closechan(ping);
    // Let the ponger see the close.
    proc::gosched();
    dump_log();
}

#[test]
fn child_pingpong() {
    if is_child("sched::child_pingpong") {
        child_program(pingpong_main, false);
    }
}

#[test]
fn pingpong_unbuffered() {
    let (code, err) = run_child("sched::child_pingpong");
    assert_eq!((code, err.as_str()), (0, "10 20 30 40 ponger done\n"));
}

// ---- buffered channels: FIFO order, len/cap, close drains ---------------

extern "C" fn producer(c: *const Clo) {
    // SAFETY: c is the closure made by `go`.
    let ch = unsafe { (*c).a as *mut HChan };
    for i in 0..7 {
        send(ch, i);
        // SAFETY: reading the channel header like compiled len() does.
        let n = unsafe { (*ch).qcount };
        log(format!("s{i}/{n}"));
    }
    chan::closechan(ch);
    log("closed");
}

unsafe extern "C" fn buffered_main() {
    let ch = make(3);
    // SAFETY: cap() reads offset 8.
    log(format!("cap={}", unsafe { (*ch).dataqsiz }));
    go(producer, ch as usize, 0);
    loop {
        let (v, ok) = recv(ch);
        log(format!("r{v}:{ok}"));
        if !ok {
            break;
        }
    }
    dump_log();
}

#[test]
fn child_buffered() {
    if is_child("sched::child_buffered") {
        child_program(buffered_main, false);
    }
}

#[test]
fn buffered_channel_order_and_close() {
    let (code, err) = run_child("sched::child_buffered");
    // main blocks on the empty channel; the producer hands it 0
    // directly (main becomes runnable, the producer keeps running),
    // fills the buffer and blocks on 4; main takes 1 and puts 4 in its
    // slot (the producer becomes runnable), drains, blocks; the
    // producer hands over 5, buffers 6, closes.
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        "cap=3 s0/0 s1/1 s2/2 s3/3 r0:true r1:true r2:true r3:true r4:true s4/0 s5/0 s6/1 closed r5:true r6:true r0:false\n"
    );
}

// ---- Gosched order (one P: runnext, local queue, global queue) ----------

extern "C" fn yielder(c: *const Clo) {
    // SAFETY: c is the closure made by `go`.
    let name = unsafe { (*c).a } as u8 as char;
    log(format!("{name}1"));
    proc::gosched();
    log(format!("{name}2"));
}

unsafe extern "C" fn gosched_main() {
    go(yielder, b'a' as usize, 0);
    go(yielder, b'b' as usize, 0);
    proc::gosched();
    log("M");
    proc::gosched();
    log("M2");
    dump_log();
}

#[test]
fn child_gosched() {
    if is_child("sched::child_gosched") {
        child_program(gosched_main, false);
    }
}

#[test]
fn gosched_runs_runnext_then_queues() {
    let (code, err) = run_child("sched::child_gosched");
    assert_eq!((code, err.as_str()), (0, "b1 a1 M b2 a2 M2\n"));
}

// ---- select --------------------------------------------------------------

fn select(cases: &mut [Scase], nsends: usize, block: bool) -> (i64, bool) {
    let mut order = vec![0u16; 2 * cases.len()];
    let r = chan::selectgo(
        cases.as_mut_ptr(),
        order.as_mut_ptr(),
        nsends as i64,
        (cases.len() - nsends) as i64,
        block as u8,
    );
    (r.chosen, r.recv_ok != 0)
}

extern "C" fn late_sender(c: *const Clo) {
    // SAFETY: c is the closure made by `go`.
    let ch = unsafe { (*c).a as *mut HChan };
    log("sender runs");
    send(ch, 99);
}

unsafe extern "C" fn select_main() {
    let (a, b, full) = (make(0), make(0), make(1));
    let mut v = 0i64;
    let vp = &mut v as *mut i64 as *mut u8;
    let one = 1i64;
    // Nothing ready: default.
    let mut cases = [Scase { c: a, elem: vp }, Scase { c: b, elem: vp }];
    log(format!("{:?}", select(&mut cases, 0, false)));
    // A buffered send is ready; the nil channel case is ignored.
    let mut cases = [
        Scase {
            c: full,
            elem: &one as *const i64 as *mut u8,
        },
        Scase {
            c: ptr::null_mut(),
            elem: vp,
        },
    ];
    log(format!("{:?}", select(&mut cases, 1, false)));
    // Now full: a send would block: default again.
    log(format!("{:?}", select(&mut cases, 1, false)));
    // Block until a goroutine sends on b.
    go(late_sender, b as usize, 0);
    let mut cases = [Scase { c: a, elem: vp }, Scase { c: b, elem: vp }];
    log(format!("{:?} v={}", select(&mut cases, 0, true), v));
    // The stale sudog on `a` must not take the next send: a buffered
    // one goes to the buffer.
    // (a is unbuffered; nobody waits now, so a non-blocking send fails.)
    log(format!(
        "nb={}",
        chan::chansend(a, &one as *const i64 as *const u8, false)
    ));
    // A closed channel is always ready: ok = false, zero value.
    chan::closechan(b);
    v = 5;
    log(format!("{:?} v={}", select(&mut cases, 0, false), v));
    // Random order: both ready cases get chosen over many tries.
    let (x, y) = (make(1), make(1));
    let mut seen = [0; 2];
    for _ in 0..200 {
        send(x, 1);
        send(y, 2);
        let mut cases = [Scase { c: x, elem: vp }, Scase { c: y, elem: vp }];
        let (i, _) = select(&mut cases, 0, true);
        seen[i as usize] += 1;
        let _ = recv(if i == 0 { y } else { x });
    }
    log(format!("both={}", seen[0] > 20 && seen[1] > 20));
    dump_log();
}

#[test]
fn child_select() {
    if is_child("sched::child_select") {
        child_program(select_main, false);
    }
}

#[test]
fn select_default_blocking_closed_and_random() {
    let (code, err) = run_child("sched::child_select");
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        "(-1, false) (0, false) (-1, false) sender runs (1, true) v=99 nb=false (1, false) v=0 both=true\n"
    );
}

// ---- panics: closed and nil channels ------------------------------------

unsafe extern "C" fn close_closed_main() {
    let c = make(0);
    chan::closechan(c);
    let (v, ok) = recv(c);
    eprintln!("recv closed: {v} {ok}");
    chan::closechan(c);
}

#[test]
fn child_close_closed() {
    if is_child("sched::child_close_closed") {
        child_program(close_closed_main, false);
    }
}

#[test]
fn close_of_closed_channel_panics() {
    let (code, err) = run_child("sched::child_close_closed");
    assert_eq!(code, 2, "{err}");
    assert!(
        err.starts_with(
            "recv closed: 0 false\npanic: close of closed channel\n\ngoroutine 1 [running]:\n"
        ),
        "{err}"
    );
}

extern "C" fn closes_nil(_c: *const Clo) {
    chan::closechan(ptr::null_mut());
}

unsafe extern "C" fn goroutine_panic_main() {
    let c = make(1);
    chan::closechan(c);
    go(closes_nil, 0, 0);
    // Runs the goroutine, which panics: the process ends there.
    recv(make(0));
}

#[test]
fn child_goroutine_panic() {
    if is_child("sched::child_goroutine_panic") {
        child_program(goroutine_panic_main, false);
    }
}

#[test]
fn panic_in_goroutine_names_it() {
    let (code, err) = run_child("sched::child_goroutine_panic");
    assert_eq!(code, 2, "{err}");
    assert!(
        err.starts_with("panic: close of nil channel\n\ngoroutine 18 [running]:\n"),
        "{err}"
    );
}

unsafe extern "C" fn send_closed_main() {
    let c = make(2);
    send(c, 1);
    chan::closechan(c);
    let r = (recv(c), recv(c));
    eprintln!("{r:?}");
    send(c, 2);
}

#[test]
fn child_send_closed() {
    if is_child("sched::child_send_closed") {
        child_program(send_closed_main, false);
    }
}

#[test]
fn send_on_closed_channel_panics() {
    let (code, err) = run_child("sched::child_send_closed");
    assert_eq!(code, 2, "{err}");
    assert!(
        err.starts_with(
            "((1, true), (0, false))\npanic: send on closed channel\n\ngoroutine 1 [running]:\n"
        ),
        "{err}"
    );
}

// ---- deadlock ----------------------------------------------------------

unsafe extern "C" {
    #[link_name = "runtime.chanrecv1"]
    fn chanrecv1_entry();
}

#[test]
fn child_deadlock_nil() {
    if is_child("sched::child_deadlock_nil") {
        // main.main calls runtime.chanrecv1 itself (rdi = 0: a nil
        // channel), so the report shows main.main's frame.
        child_program(chanrecv1_entry, false);
    }
}

#[test]
fn deadlock_on_nil_channel_is_reported() {
    let (code, err) = run_child("sched::child_deadlock_nil");
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        normalize(&err),
        "fatal error: all goroutines are asleep - deadlock!\n\n\
         goroutine 1 [chan receive (nil chan)]:\n\
         main.main(...)\n\t/tmp/x.go:8 +0xX\n"
    );
}

extern "C" fn sends_twice(c: *const Clo) {
    // SAFETY: c is the closure made by `go`.
    let ch = unsafe { (*c).a as *mut HChan };
    send(ch, 1);
    send(ch, 2);
}

unsafe extern "C" fn deadlock_main() {
    let c = make(0);
    // As if the `go` statement were in main.main (what the entry shim
    // records): the report's `created by` line points there.
    // SAFETY: the running G.
    unsafe { (*crate::g::getg()).entry_pc = super::main_main as usize + 6 };
    go(sends_twice, c as usize, 0);
    eprintln!("got {:?}", recv(c));
    let mut cases = [Scase {
        c: make(0),
        elem: ptr::null_mut(),
    }];
    select(&mut cases, 0, true);
}

#[test]
fn child_deadlock() {
    if is_child("sched::child_deadlock") {
        child_program(deadlock_main, false);
    }
}

#[test]
fn deadlock_lists_every_goroutine() {
    let (code, err) = run_child("sched::child_deadlock");
    assert_eq!(code, 2, "{err}");
    assert!(
        err.starts_with(
            "got (1, true)\nfatal error: all goroutines are asleep - deadlock!\n\n\
             goroutine 1 [select]:\n"
        ),
        "{err}"
    );
    assert!(
        err.ends_with(
            "\ngoroutine 18 [chan send]:\n\
             created by main.main in goroutine 1\n\t/tmp/x.go:8 +0x6\n"
        ),
        "{err}"
    );
}

// ---- many goroutines: dead Gs and their stacks are reused ---------------

extern "C" fn worker(c: *const Clo) {
    // SAFETY: c is the closure made by `go`.
    let (ch, i) = unsafe { ((*c).a as *mut HChan, (*c).b as i64) };
    send(ch, i);
}

unsafe extern "C" fn many_main() {
    let ch = make(0);
    let mut sum = 0;
    for round in 0..50 {
        for i in 0..100 {
            go(worker, ch as usize, round * 100 + i);
        }
        for _ in 0..100 {
            sum += recv(ch).0;
        }
    }
    // Senders may still be finishing on other Ms: only the number of Gs
    // ever made is checked (without reuse it would be 5001).
    let all = proc::gcount().1;
    eprintln!("{sum} {}", if all <= 201 { "reused" } else { "not reused" });
}

#[test]
fn child_many() {
    if is_child("sched::child_many") {
        child_program(many_main, false);
    }
}

#[test]
fn many_goroutines_reuse_dead_ones() {
    let (code, err) = run_child("sched::child_many");
    assert_eq!((code, err.as_str()), (0, "12497500 reused\n"));
}

// ---- goroutine stacks have a working guard -------------------------------

unsafe extern "C" fn overflow_main() {
    // The goroutine's code is the stand-in `main.rec` (recursion with a
    // stack check), entered directly by runtime.goexit with r15 = G.
    let c = Box::leak(Box::new(Clo {
        code: super::main_rec as usize,
        a: 0,
        b: 0,
    }));
    proc::newproc(c as *const Clo as *const usize);
    recv(make(0));
}

#[test]
fn child_goroutine_overflow() {
    if is_child("sched::child_goroutine_overflow") {
        child_program(overflow_main, false);
    }
}

#[test]
fn goroutine_stack_overflow_is_reported() {
    let (code, err) = run_child("sched::child_goroutine_overflow");
    let n = super::assert_stack_overflow(code, &err);
    assert!(
        n.contains("goroutine 18 gp=0xX m=0 mp=0xX [running]:\nmain.rec(...)\n"),
        "{n:.600}"
    );
    // The stack grew by doubling from its first slot up to 512 MiB, the
    // last size under gc's limit (as gc reports it).
    let i = err.find("stack=[").unwrap() + 7;
    let parts: Vec<u64> = err[i..err[i..].find(']').unwrap() + i]
        .split(", ")
        .map(|h| u64::from_str_radix(h.trim_start_matches("0x"), 16).unwrap())
        .collect();
    assert_eq!(parts[1] - parts[0], 512 << 20, "{err}");
}

// ---- makechan size checks ------------------------------------------------

unsafe extern "C" fn makechan_neg_main() {
    make(-1);
}

#[test]
fn child_makechan_neg() {
    if is_child("sched::child_makechan_neg") {
        child_program(makechan_neg_main, false);
    }
}

#[test]
fn makechan_negative_size_panics() {
    let (code, err) = run_child("sched::child_makechan_neg");
    assert_eq!(code, 2, "{err}");
    assert!(
        err.starts_with("panic: makechan: size out of range\n\ngoroutine 1 [running]:\n"),
        "{err}"
    );
}

// ---- Goexit runs the deferred calls, then ends the goroutine -------------

extern "C" fn say(c: *const Clo) {
    // SAFETY: c is a closure whose `a` is a &'static str's pointer and
    // `b` its length.
    let s = unsafe { core::slice::from_raw_parts((*c).a as *const u8, (*c).b) };
    eprintln!("{}", String::from_utf8_lossy(s));
}

fn say_closure(s: &'static str) -> usize {
    Box::leak(Box::new(Clo {
        code: say as usize,
        a: s.as_ptr() as usize,
        b: s.len(),
    })) as *const Clo as usize
}

extern "C" fn goexit_body(ctx: usize, _block: usize) {
    // SAFETY: ctx is a closure; inside a withdefers frame.
    unsafe { super::deferpush(ctx as *const usize) };
    proc::goexit_impl(0, 0);
}

extern "C" fn goexit_goroutine(_c: *const Clo) {
    super::with_defers(goexit_body, say_closure("deferred in g"), 0);
    eprintln!("not reached");
}

unsafe extern "C" fn goexit_main() {
    go(goexit_goroutine, 0, 0);
    super::with_defers(goexit_body, say_closure("main deferred"), 0);
    eprintln!("not reached");
}

#[test]
fn child_goexit() {
    if is_child("sched::child_goexit") {
        child_program(goexit_main, false);
    }
}

#[test]
fn goexit_runs_defers_and_main_goexit_is_fatal_at_the_end() {
    let (code, err) = run_child("sched::child_goexit");
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        err,
        "main deferred\ndeferred in g\n\
         fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n"
    );
}
