//! Tests of the parts that involve compiled code: defer/panic/recover
//! with `extern "C"` functions standing in for compiled bodies, and whole
//! "programs" written in assembly (frame pointers, a function table) run
//! through `rt0_go`/`run_main` in a child process, whose stderr and exit
//! status are compared with gc's.

// Code addresses of the stand-ins are taken with `as usize` throughout.
#![allow(function_casts_as_integer)]

use crate::abi::{FuncInfo, ModuleData, FUNC_FLAG_WRAPPER};
use crate::g;
use core::arch::global_asm;
use core::ptr;
use std::process::Command;
use std::sync::OnceLock;

mod sched;

// ---- assembly stand-ins for compiled code ------------------------------

global_asm!(
    r#"
    .text
    .p2align 4
    .globl rt_test_gocall
rt_test_gocall:
    push rbp
    mov rbp, rsp
    push r15
    push rbx
    mov r15, rdi
    mov rax, rsi
    mov rdi, rdx
    mov rsi, rcx
    mov rdx, r8
    call rax
    pop rbx
    pop r15
    pop rbp
    ret

    .p2align 4
    .globl rt_test_recover_closure
rt_test_recover_closure:
    push rbp
    mov rbp, rsp
    push rbx
    sub rsp, 8
    mov rbx, rdi
    mov rdi, [rbp + 8]
    call "runtime.gorecover"
    mov rcx, [rbx + 8]
    mov [rcx], rax
    mov [rcx + 8], rdx
    add rsp, 8
    pop rbx
    pop rbp
    ret

    .p2align 4
    .globl rt_test_indirect_closure
rt_test_indirect_closure:
    push rbp
    mov rbp, rsp
    call rt_test_recover_closure
    pop rbp
    ret

    .p2align 4
    .globl "test.main.wrapper"
"test.main.wrapper":
    push rbp
    mov rbp, rsp
    call rt_test_recover_closure
    pop rbp
    ret
    .globl "test.main.wrapper.end"
"test.main.wrapper.end":

    .p2align 4
    .globl "test.main.f"
"test.main.f":
    push rbp
    mov rbp, rsp
    nop
    nop
    mov edi, 5
    mov esi, 3
    call "runtime.goPanicIndex"
    pop rbp
    ret
    .globl "test.main.f.end"
"test.main.f.end":

    .p2align 4
    .globl "test.main.g"
"test.main.g":
    push rbp
    mov rbp, rsp
    nop
    nop
    xor eax, eax
    mov rax, [rax + 8]
    pop rbp
    ret
    .globl "test.main.g.end"
"test.main.g.end":

    .p2align 4
    .globl "test.main.h"
"test.main.h":
    push rbp
    mov rbp, rsp
    nop
    nop
    mov rax, 0xdeadbeef
    mov rax, [rax]
    pop rbp
    ret
    .globl "test.main.h.end"
"test.main.h.end":

    .p2align 4
    .globl "test.main.rec"
"test.main.rec":
    push rbp
    mov rbp, rsp
    cmp rsp, [r15 + 16]
    jae 1f
    call "runtime.morestack"
1:
    sub rsp, 48
    call "test.main.rec"
    add rsp, 48
    pop rbp
    ret
    .globl "test.main.rec.end"
"test.main.rec.end":

    .p2align 4
    .globl "test.main.printer"
"test.main.printer":
    push rbp
    mov rbp, rsp
    call "runtime.printlock"
    mov rdi, -42
    call "runtime.printint"
    call "runtime.printsp"
    movsd xmm0, qword ptr [rip + 2f]
    call "runtime.printfloat64"
    call "runtime.printnl"
    call "runtime.printunlock"
    pop rbp
    ret
    .p2align 3
2:
    .quad 0x3ff8000000000000
    .globl "test.main.printer.end"
"test.main.printer.end":

    .p2align 4
    .globl "test.main.main"
"test.main.main":
    push rbp
    mov rbp, rsp
    nop
    call [rip + rt_test_callee]
    pop rbp
    ret
    .globl "test.main.main.end"
"test.main.main.end":

    .data
    .p2align 3
    .globl rt_test_callee
rt_test_callee:
    .quad 0
    .text
"#
);

unsafe extern "C" {
    fn rt_test_gocall(g: *mut g::G, f: usize, a0: usize, a1: usize, a2: usize) -> u64;
    fn rt_test_recover_closure(c: usize);
    fn rt_test_indirect_closure(c: usize);
    static mut rt_test_callee: usize;
    #[link_name = "test.main.wrapper"]
    fn main_wrapper();
    #[link_name = "test.main.wrapper.end"]
    static MAIN_WRAPPER_END: u8;
    #[link_name = "test.main.f"]
    fn main_f();
    #[link_name = "test.main.f.end"]
    static MAIN_F_END: u8;
    #[link_name = "test.main.g"]
    fn main_g();
    #[link_name = "test.main.g.end"]
    static MAIN_G_END: u8;
    #[link_name = "test.main.h"]
    fn main_h();
    #[link_name = "test.main.h.end"]
    static MAIN_H_END: u8;
    #[link_name = "test.main.rec"]
    fn main_rec();
    #[link_name = "test.main.rec.end"]
    static MAIN_REC_END: u8;
    #[link_name = "test.main.printer"]
    fn main_printer();
    #[link_name = "test.main.printer.end"]
    static MAIN_PRINTER_END: u8;
    #[link_name = "test.main.main"]
    fn main_main();
    #[link_name = "test.main.main.end"]
    static MAIN_MAIN_END: u8;
    #[link_name = "runtime.gopanic"]
    fn gopanic(t: *const crate::abi::Type, data: *mut u8);
    #[link_name = "runtime.deferpush"]
    fn deferpush(c: *const usize);
    #[link_name = "runtime.deferreturn"]
    fn deferreturn();
}

/// The test program's module data: functions with their lines.
fn module() -> &'static ModuleData {
    static M: OnceLock<usize> = OnceLock::new();
    let p = *M.get_or_init(|| {
        let file: &'static str = "/tmp/x.go";
        let f =
            |entry: usize, end: usize, name: &'static str, lines: &'static [[u32; 2]], flags| {
                FuncInfo {
                    entry,
                    end,
                    name: name.as_ptr(),
                    name_len: name.len(),
                    file: file.as_ptr(),
                    file_len: file.len(),
                    lines: lines.as_ptr(),
                    nlines: lines.len(),
                    frame_size: 0,
                    flags,
                }
            };
        let mut tab = vec![
            f(
                main_wrapper as usize,
                &raw const MAIN_WRAPPER_END as usize,
                "main.wrapper",
                &[[0, 3]],
                FUNC_FLAG_WRAPPER,
            ),
            f(
                main_f as usize,
                &raw const MAIN_F_END as usize,
                "main.f",
                &[[0, 11], [4, 12]],
                0,
            ),
            f(
                main_g as usize,
                &raw const MAIN_G_END as usize,
                "main.g[go.shape.int]",
                &[[0, 15], [4, 16]],
                0,
            ),
            f(
                main_h as usize,
                &raw const MAIN_H_END as usize,
                "main.h",
                &[[0, 19], [4, 20]],
                0,
            ),
            f(
                main_rec as usize,
                &raw const MAIN_REC_END as usize,
                "main.rec",
                &[[0, 23], [4, 24], [18, 25]],
                0,
            ),
            f(
                main_printer as usize,
                &raw const MAIN_PRINTER_END as usize,
                "main.printer",
                &[[0, 30]],
                0,
            ),
            f(
                main_main as usize,
                &raw const MAIN_MAIN_END as usize,
                "main.main",
                &[[0, 7], [5, 8]],
                0,
            ),
        ];
        tab.sort_by_key(|f| f.entry);
        let tab = Box::leak(tab.into_boxed_slice());
        let m = Box::leak(Box::new(ModuleData {
            functab: tab.as_ptr(),
            nfunc: tab.len(),
            types: ptr::null(),
            etypes: ptr::null(),
            textptrs: ptr::null(),
            ntextptrs: 0,
            gcroots: ptr::null(),
            ngcroots: 0,
        }));
        m as *const ModuleData as usize
    });
    // SAFETY: leaked, lives forever.
    unsafe { &*(p as *const ModuleData) }
}

fn setup() -> *mut g::G {
    crate::abi::set_module(module());
    g::ensure_g()
}

// ---- defer / panic / recover from Rust stand-ins -----------------------

/// A closure object: code pointer, then captured words.
#[repr(C)]
struct Closure {
    code: usize,
    a: usize,
    b: usize,
}

fn string_value(s: &'static str) -> (*const crate::abi::Type, *mut u8) {
    crate::error::error_string(s, true)
}

fn plain_msg(e: &[usize; 2]) -> String {
    let mut b = crate::print::StackBuf::<200>::new();
    assert!(crate::error::runtime_error_message(
        e[0] as *const _,
        e[1] as *mut u8,
        &mut b
    ));
    String::from_utf8(b.as_bytes().to_vec()).unwrap()
}

/// Calls `body(ctx, block)` under `runtime.withdefers` like an outer part.
fn with_defers(body: extern "C" fn(usize, usize), ctx: usize, block: usize) -> u64 {
    let g = setup();
    // SAFETY: rt_test_gocall sets r15 = g and calls the trampoline.
    unsafe {
        rt_test_gocall(
            g,
            crate::asm::withdefers as usize,
            body as usize,
            ctx,
            block,
        )
    }
}

#[test]
fn defer_runs_at_return_lifo() {
    static LOG: std::sync::Mutex<Vec<usize>> = std::sync::Mutex::new(Vec::new());
    extern "C" fn logger(c: *const Closure) {
        // SAFETY: c is the closure object.
        LOG.lock().unwrap().push(unsafe { (*c).a });
    }
    extern "C" fn body(ctx: usize, _block: usize) {
        let cs = ctx as *const Closure;
        // SAFETY: ctx points to three closures.
        unsafe {
            deferpush(cs as *const usize);
            deferpush(cs.add(1) as *const usize);
            deferpush(cs.add(2) as *const usize);
            deferreturn();
        }
    }
    let cs = [1, 2, 3].map(|a| Closure {
        code: logger as usize,
        a,
        b: 0,
    });
    let r = with_defers(body, cs.as_ptr() as usize, 0);
    assert_eq!(r, 0);
    assert_eq!(*LOG.lock().unwrap(), [3, 2, 1]);
    // SAFETY: our G.
    unsafe {
        let g = &*g::getg();
        assert!(g.defer.is_null() && g.deferframe.is_null() && g.panic.is_null());
    }
}

#[test]
fn recover_stops_panic_and_named_results_are_visible() {
    // The deferred closure recovers (through the asm stand-in) and then a
    // second one sets the named result in the block to 42.
    extern "C" fn set_result(c: *const Closure) {
        // SAFETY: b is the block address.
        unsafe { *((*c).b as *mut i64) = 42 };
    }
    extern "C" fn body(ctx: usize, block: usize) {
        let cs = ctx as *const Closure;
        // SAFETY: ctx points to two closures; block to an i64.
        unsafe {
            *(block as *mut i64) = 7;
            deferpush(cs.add(1) as *const usize); // runs second
            deferpush(cs as *const usize); // runs first: recovers
            let (t, d) = string_value("boom");
            gopanic(t, d);
        }
    }
    let mut got = [0usize; 2];
    let mut block = 0i64;
    let cs = [
        Closure {
            code: rt_test_recover_closure as usize,
            a: 0,
            b: 0,
        },
        Closure {
            code: set_result as usize,
            a: 0,
            b: &mut block as *mut i64 as usize,
        },
    ];
    let mut cs = cs;
    cs[0].b = 0;
    // rt_test_recover_closure stores its result at [closure + 8].
    cs[0].a = got.as_mut_ptr() as usize;
    let r = with_defers(body, cs.as_ptr() as usize, &mut block as *mut i64 as usize);
    assert_eq!(r, 1, "the trampoline reports a recovery");
    assert_eq!(block, 42);
    assert_eq!(plain_msg(&got), "boom");
    // SAFETY: our G.
    unsafe {
        let g = &*g::getg();
        assert!(g.panic.is_null() && g.defer.is_null() && g.deferframe.is_null());
    }
}

#[test]
fn recover_not_called_directly_returns_nil() {
    extern "C" fn body(ctx: usize, _block: usize) {
        // SAFETY: ctx points to the closures.
        unsafe {
            let cs = ctx as *const Closure;
            deferpush(cs as *const usize); // direct: recovers (runs last)
            deferpush(cs.add(1) as *const usize); // indirect: nil (runs first)
            let (t, d) = string_value("x");
            gopanic(t, d);
        }
    }
    let mut direct = [0usize; 2];
    let mut indirect = [9usize; 2];
    let cs = [
        Closure {
            code: rt_test_recover_closure as usize,
            a: direct.as_mut_ptr() as usize,
            b: 0,
        },
        Closure {
            code: rt_test_indirect_closure as usize,
            a: indirect.as_mut_ptr() as usize,
            b: 0,
        },
    ];
    assert_eq!(with_defers(body, cs.as_ptr() as usize, 0), 1);
    assert_eq!(
        indirect,
        [0, 0],
        "recover in a helper of the deferred call is nil"
    );
    assert_eq!(plain_msg(&direct), "x");
    // No panic: recover is nil.
    let g = setup();
    let mut none = [5usize; 2];
    let c = Closure {
        code: rt_test_recover_closure as usize,
        a: none.as_mut_ptr() as usize,
        b: 0,
    };
    // SAFETY: calls the closure with r15 = g.
    unsafe {
        rt_test_gocall(
            g,
            rt_test_recover_closure as usize,
            &c as *const Closure as usize,
            0,
            0,
        )
    };
    assert_eq!(none, [0, 0]);
}

#[test]
fn recover_through_wrapper_function() {
    // `defer f()` compiled as a wrapper closure calling f: f's recover
    // counts as direct.
    extern "C" fn body(ctx: usize, _block: usize) {
        // SAFETY: ctx is a closure.
        unsafe {
            deferpush(ctx as *const usize);
            let (t, d) = string_value("wrapped");
            gopanic(t, d);
        }
    }
    let mut got = [0usize; 2];
    let c = Closure {
        code: main_wrapper as usize,
        a: got.as_mut_ptr() as usize,
        b: 0,
    };
    assert_eq!(with_defers(body, &c as *const Closure as usize, 0), 1);
    assert_eq!(plain_msg(&got), "wrapped");
}

#[test]
fn nested_panics_and_inner_frames() {
    // body defers R2 (recover) then C; C is a function with its own
    // defer frame that defers R1 and panics "inner"; R1 recovers "inner",
    // C returns normally, the outer panic "outer" goes on to R2.
    static mut R1: [usize; 2] = [0; 2];
    static mut R2: [usize; 2] = [0; 2];
    extern "C" fn c_body(_ctx: usize, _block: usize) {
        static R1C: Closure = Closure {
            code: 0,
            a: 0,
            b: 0,
        };
        let _ = &R1C;
        let c = Box::leak(Box::new(Closure {
            code: rt_test_recover_closure as usize,
            a: &raw mut R1 as usize,
            b: 0,
        }));
        // SAFETY: a valid closure, inside C's defer frame.
        unsafe {
            deferpush(c as *const Closure as *const usize);
            let (t, d) = string_value("inner");
            gopanic(t, d);
        }
    }
    extern "C" fn c_outer(_c: *const Closure) {
        let r = with_defers(c_body, 0, 0);
        assert_eq!(r, 1);
    }
    extern "C" fn body(ctx: usize, _block: usize) {
        // SAFETY: ctx points to two closures.
        unsafe {
            let cs = ctx as *const Closure;
            deferpush(cs as *const usize);
            deferpush(cs.add(1) as *const usize);
            let (t, d) = string_value("outer");
            gopanic(t, d);
        }
    }
    let cs = [
        Closure {
            code: rt_test_recover_closure as usize,
            a: &raw mut R2 as usize,
            b: 0,
        },
        Closure {
            code: c_outer as usize,
            a: 0,
            b: 0,
        },
    ];
    assert_eq!(with_defers(body, cs.as_ptr() as usize, 0), 1);
    // SAFETY: written by the closures on this thread.
    unsafe {
        assert_eq!(plain_msg(&(&raw const R1).read()), "inner");
        assert_eq!(plain_msg(&(&raw const R2).read()), "outer");
        let g = &*g::getg();
        assert!(g.panic.is_null() && g.defer.is_null() && g.deferframe.is_null());
    }
}

#[test]
fn panic_in_deferred_call_recovered_below() {
    // body defers R (recover) then P (panics "second"); panic "first":
    // P panics, R recovers "second"; both panics are gone.
    extern "C" fn p(_c: *const Closure) {
        let (t, d) = string_value("second");
        // SAFETY: panicking from a deferred call.
        unsafe { gopanic(t, d) };
    }
    extern "C" fn body(ctx: usize, _block: usize) {
        // SAFETY: ctx points to two closures.
        unsafe {
            let cs = ctx as *const Closure;
            deferpush(cs as *const usize);
            deferpush(cs.add(1) as *const usize);
            let (t, d) = string_value("first");
            gopanic(t, d);
        }
    }
    let mut got = [0usize; 2];
    let cs = [
        Closure {
            code: rt_test_recover_closure as usize,
            a: got.as_mut_ptr() as usize,
            b: 0,
        },
        Closure {
            code: p as usize,
            a: 0,
            b: 0,
        },
    ];
    assert_eq!(with_defers(body, cs.as_ptr() as usize, 0), 1);
    assert_eq!(plain_msg(&got), "second");
    // SAFETY: our G.
    unsafe { assert!((*g::getg()).panic.is_null()) };
}

#[test]
fn recovered_runtime_error_value() {
    // A bounds panic from compiled code recovered: the value is the
    // runtime's boundsError with gc's text.
    extern "C" fn body(ctx: usize, _block: usize) {
        // SAFETY: ctx is a closure.
        unsafe {
            deferpush(ctx as *const usize);
            // test.main.f panics with index 5, length 3.
            main_f();
        }
    }
    let mut got = [0usize; 2];
    let c = Closure {
        code: rt_test_recover_closure as usize,
        a: got.as_mut_ptr() as usize,
        b: 0,
    };
    assert_eq!(with_defers(body, &c as *const Closure as usize, 0), 1);
    assert_eq!(
        plain_msg(&got),
        "runtime error: index out of range [5] with length 3"
    );
    assert_eq!(
        crate::abi::type_string(got[0] as *const _),
        b"runtime.boundsError"
    );
}

// ---- whole programs in a child process ---------------------------------

/// Runs this test binary again with only `test` selected and
/// RT_CHILD=`test`; returns (exit status, stderr).
fn run_child(test: &str) -> (i32, String) {
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            &format!("tests::{test}"),
            "--nocapture",
            "--test-threads=1",
        ])
        .env("RT_CHILD", test)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn is_child(test: &str) -> bool {
    std::env::var("RT_CHILD").as_deref() == Ok(test)
}

/// Runs main.main (which calls `callee`) through rt0_go.
fn child_program(callee: unsafe extern "C" fn(), small_stack: bool) -> ! {
    // SAFETY: set before the program starts; read by main.main.
    unsafe { rt_test_callee = callee as usize };
    let m = module();
    if small_stack {
        crate::abi::set_module(m);
        crate::panic::install_rust_panic_hook();
        crate::signal::init();
        // SAFETY: main.main is a compiled-code stand-in.
        unsafe { crate::start::run_main(2 << 20, main_main as usize) }
    }
    // SAFETY: as above.
    unsafe { crate::start::rt0_go(0, ptr::null(), main_main as usize, m) }
}

/// Replaces `+0x..` offsets and hex addresses so outputs compare.
fn normalize(s: &str) -> String {
    let re_hex = |s: &str| -> String {
        let mut out = String::new();
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'0' && i + 1 < b.len() && b[i + 1] == b'x' {
                out.push_str("0xX");
                i += 2;
                while i < b.len() && b[i].is_ascii_hexdigit() {
                    i += 1;
                }
            } else {
                out.push(b[i] as char);
                i += 1;
            }
        }
        out
    };
    re_hex(s)
}

#[test]
fn child_index_panic() {
    if is_child("child_index_panic") {
        child_program(main_f, false);
    }
}

#[test]
fn unrecovered_index_panic_prints_gc_report() {
    let (code, err) = run_child("child_index_panic");
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        normalize(&err),
        "panic: runtime error: index out of range [5] with length 3\n\n\
         goroutine 1 [running]:\n\
         main.f(...)\n\t/tmp/x.go:12 +0xX\n\
         main.main(...)\n\t/tmp/x.go:8 +0xX\n"
    );
}

#[test]
fn child_nil_deref() {
    if is_child("child_nil_deref") {
        child_program(main_g, false);
    }
}

#[test]
fn nil_dereference_fault_is_a_go_panic() {
    let (code, err) = run_child("child_nil_deref");
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        normalize(&err),
        "panic: runtime error: invalid memory address or nil pointer dereference\n\
         [signal SIGSEGV: segmentation violation code=0xX addr=0xX pc=0xX]\n\n\
         goroutine 1 [running]:\n\
         main.g[...](...)\n\t/tmp/x.go:16 +0xX\n\
         main.main(...)\n\t/tmp/x.go:8 +0xX\n"
    );
    assert!(err.contains("addr=0x8 "), "{err}");
}

#[test]
fn child_bad_address() {
    if is_child("child_bad_address") {
        child_program(main_h, false);
    }
}

#[test]
fn unexpected_fault_address_is_fatal() {
    let (code, err) = run_child("child_bad_address");
    assert_eq!(code, 2, "{err}");
    let n = normalize(&err);
    assert!(
        n.starts_with(
            "unexpected fault address 0xX\nfatal error: fault\n\
             [signal SIGSEGV: segmentation violation code=0xX addr=0xX pc=0xX]\n\n\
             goroutine 1 gp=0xX m=0 mp=0xX [running]:\n\
             main.h(...)\n\t/tmp/x.go:20 +0xX fp=0xX sp=0xX pc=0xX\n\
             main.main(...)\n\t/tmp/x.go:8 +0xX fp=0xX sp=0xX pc=0xX\n"
        ),
        "{err}"
    );
    assert!(
        err.starts_with("unexpected fault address 0xdeadbeef\n"),
        "{err}"
    );
}

/// Checks gc's stack-overflow report (status 2, its first three lines);
/// returns the normalized output.
fn assert_stack_overflow(code: i32, err: &str) -> String {
    assert_eq!(code, 2, "{err}");
    let n = normalize(err);
    assert!(
        n.starts_with(
            "runtime: goroutine stack exceeds 1000000000-byte limit\n\
             runtime: sp=0xX stack=[0xX, 0xX]\n\
             fatal error: stack overflow\n"
        ),
        "{err}"
    );
    n
}

#[test]
fn child_overflow() {
    if is_child("child_overflow") {
        child_program(main_rec, true);
    }
}

#[test]
fn stack_overflow_is_gc_fatal_error() {
    let (code, err) = run_child("child_overflow");
    let n = assert_stack_overflow(code, &err);
    assert!(
        n.contains("goroutine 1 gp=0xX m=0 mp=0xX [running]:\nmain.rec(...)\n\t/tmp/x.go:24 +0xX"),
        "{n:.600}"
    );
    assert!(n.contains(" frames elided...\n"), "{n:.600}");
    assert!(n.ends_with("main.rec(...)\n\t/tmp/x.go:25 +0xX fp=0xX sp=0xX pc=0xX\nmain.main(...)\n\t/tmp/x.go:8 +0xX fp=0xX sp=0xX pc=0xX\n"), "{}", &n[n.len() - 400..]);
    assert_eq!(n.matches("main.rec(...)").count(), 99);
}

#[test]
fn child_printer() {
    if is_child("child_printer") {
        child_program(main_printer, false);
    }
}

#[test]
fn program_prints_and_exits_zero() {
    let (code, err) = run_child("child_printer");
    assert_eq!((code, err.as_str()), (0, "-42 1.5\n"));
}

#[test]
fn child_unrecovered_nested() {
    if is_child("child_unrecovered_nested") {
        crate::abi::set_module(module());
        // body defers a closure that recovers and panics again; then a
        // closure that panics with a multi-line string.
        extern "C" fn again(c: *const Closure) {
            let mut got = [0usize; 2];
            let r = Closure {
                code: rt_test_recover_closure as usize,
                a: got.as_mut_ptr() as usize,
                b: 0,
            };
            let _ = c;
            // Not called by the defer machinery: recover is nil here.
            let g = g::getg();
            // SAFETY: r15 = g for the stand-in.
            unsafe {
                rt_test_gocall(
                    g,
                    rt_test_recover_closure as usize,
                    &r as *const Closure as usize,
                    0,
                    0,
                )
            };
            assert_eq!(got, [0, 0]);
            let (t, d) = string_value("second\nline");
            // SAFETY: panicking from a deferred call.
            unsafe { gopanic(t, d) };
        }
        extern "C" fn body(ctx: usize, _block: usize) {
            // SAFETY: ctx is a closure.
            unsafe {
                deferpush(ctx as *const usize);
                let v: &'static i64 = Box::leak(Box::new(-3));
                static INT: crate::error::StaticType = crate::error::StaticType(crate::abi::Type {
                    size: 8,
                    ptr_bytes: 0,
                    hash: 0,
                    tflag: 0,
                    align: 8,
                    field_align: 8,
                    kind: crate::abi::kind::INT,
                    equal: core::ptr::null(),
                    gcdata: ptr::null(),
                    str_: 0,
                    ptr_to_this: 0,
                });
                gopanic(&INT.0, v as *const i64 as *mut u8);
            }
        }
        let c = Closure {
            code: again as usize,
            a: 0,
            b: 0,
        };
        with_defers(body, &c as *const Closure as usize, 0);
        unreachable!();
    }
}

#[test]
fn unrecovered_nested_panics_print_chain() {
    let (code, err) = run_child("child_unrecovered_nested");
    assert_eq!(code, 2, "{err}");
    // The int type has no name here (no module types): printed as "?"...
    // so check the chain's shape on the string panic.
    assert!(
        err.contains("\tpanic: second\n\tline\n\ngoroutine 1 [running]:\n"),
        "{err}"
    );
    assert!(err.starts_with("panic: "), "{err}");
}

// ---- panic values as gc prints them (child processes) --------------------

mod panicval {
    use super::*;
    use crate::abi::kind;
    use crate::rtype::{heap_string, GoStr};
    use crate::testtypes::Builder;

    unsafe extern "C" fn e_error(_ctx: usize, _recv: *mut u8) -> GoStr {
        heap_string(b"boom\nsecond line")
    }
    unsafe extern "C" fn t_string(_ctx: usize, recv: *mut u8) -> GoStr {
        // SAFETY: the receiver points to an int.
        let v = unsafe { *(recv as *const i64) };
        heap_string(format!("T is {v}").as_bytes())
    }

    fn child(case: &str) -> ! {
        crate::abi::set_module(module());
        let _g = g::ensure_g();
        let mut b = Builder::new();
        let fs = b.func("func() string");
        let t = b.named(
            kind::INT,
            8,
            "main.T",
            Some(&crate::hash::MEMEQUAL64_F),
            &[],
        );
        let s = b.named(
            kind::STRING,
            16,
            "main.S",
            Some(&crate::hash::STREQUAL_F),
            &[],
        );
        let st = b.named(
            kind::INT,
            8,
            "main.St",
            Some(&crate::hash::MEMEQUAL64_F),
            &[("String", fs, t_string as *const () as usize)],
        );
        let e = b.named(kind::STRUCT, 0, "main.E", None, &[]);
        let pe = b.pointer(
            e,
            "*main.E",
            &[("Error", fs, e_error as *const () as usize)],
        );
        let p = b.typ(kind::STRUCT, 16, 0, "main.P", abi_named(), None, 32, &[]);
        let sl = b.typ(kind::SLICE, 24, 8, "[]int", 0, None, 8, &[]);
        let f = b.typ(
            kind::FLOAT64,
            8,
            0,
            "float64",
            0,
            Some(&crate::hash::F64EQUAL_F),
            0,
            &[],
        );
        let c = b.typ(
            kind::COMPLEX128,
            16,
            0,
            "main.C",
            abi_named(),
            Some(&crate::hash::C128EQUAL_F),
            0,
            &[],
        );
        let i_m = b.interface("main.I", &[("M", fs)]);
        let w = b.finish();
        let boxed = |v: i64| crate::iface::convt64(v as u64);
        let (ty, data): (*const crate::abi::Type, *mut u8) = match case {
            "named_int" => (w.t(t), boxed(5)),
            "named_str" => {
                let v: &'static str = "x\ny";
                (w.t(s), crate::iface::convtstring(v.as_ptr(), v.len()))
            }
            "error" => (w.t(pe), 0x1000 as *mut u8),
            "stringer" => (w.t(st), boxed(300)),
            "struct" => (
                w.t(p),
                Box::leak(Box::new([1u64, 2])).as_mut_ptr() as *mut u8,
            ),
            "float" => (w.t(f), Box::leak(Box::new(3.5f64)) as *mut f64 as *mut u8),
            "complex" => (
                w.t(c),
                Box::leak(Box::new([1.5f64, -2.0])).as_mut_ptr() as *mut u8,
            ),
            "nil" => (ptr::null(), ptr::null_mut()),
            "nilmap" => {
                let mt = crate::testtypes::map_type(w.t(t), w.t(t), &crate::hash::MEMHASH64_F, 0);
                crate::map::mapassign_fast64(mt, ptr::null_mut(), 1);
                unreachable!()
            }
            "unhashable" => {
                let v = [w.t(sl) as usize, 0x1000];
                // SAFETY: an eface value.
                unsafe { crate::hash::nilinterhash(&v, 0) };
                unreachable!()
            }
            "uncomparable" => {
                crate::iface::efaceeq(w.t(sl), ptr::null(), ptr::null());
                unreachable!()
            }
            "e2i" => {
                crate::iface::assert_e2i(i_m, w.t(t));
                unreachable!()
            }
            "e2i_nil" => {
                crate::iface::assert_e2i(i_m, ptr::null());
                unreachable!()
            }
            _ => unreachable!(),
        };
        crate::panic::gopanic_impl(ty, data, 0, 0)
    }

    fn abi_named() -> u8 {
        crate::abi::TFLAG_NAMED
    }

    #[test]
    fn child_panicval() {
        if is_child("panicval::child_panicval") {
            child(&std::env::var("RT_CASE").unwrap());
        }
    }

    fn run(case: &str) -> String {
        let out = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "tests::panicval::child_panicval",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("RT_CHILD", "panicval::child_panicval")
            .env("RT_CASE", case)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{case}");
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        let want_tail = "\n\ngoroutine 1 [running]:\n";
        assert!(err.ends_with(want_tail), "{case}: {err:?}");
        normalize(&err[..err.len() - want_tail.len()])
    }

    #[test]
    fn panic_values_print_as_gc() {
        for (case, want) in [
            ("named_int", "panic: main.T(5)"),
            ("named_str", "panic: main.S(\"x\n\ty\")"),
            ("error", "panic: boom\n\tsecond line"),
            ("stringer", "panic: T is 300"),
            ("struct", "panic: (main.P) 0xX"),
            ("float", "panic: 3.5"),
            ("complex", "panic: main.C(1.5-2i)"),
            (
                "nil",
                "panic: runtime error: panic called with nil argument",
            ),
            ("nilmap", "panic: assignment to entry in nil map"),
            (
                "unhashable",
                "panic: runtime error: hash of unhashable type []int",
            ),
            (
                "uncomparable",
                "panic: runtime error: comparing uncomparable type []int",
            ),
            (
                "e2i",
                "panic: interface conversion: main.T is not main.I: missing method M",
            ),
            (
                "e2i_nil",
                "panic: interface conversion: interface is nil, not main.I",
            ),
        ] {
            assert_eq!(run(case), want, "{case}");
        }
    }
}
