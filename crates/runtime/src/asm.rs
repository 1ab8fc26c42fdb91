//! The assembly the runtime needs (x86-64 SysV, Intel syntax):
//!
//! - `runtime.withdefers` — the defer-frame trampoline (docs/ABI.md):
//!   saves the callee-saved registers and links a `DeferFrame` into the G,
//!   calls the body; `runtime.withdefers.resume` re-enters it after a
//!   recovered panic (a longjmp), runs the frame's remaining deferred
//!   calls and makes it return 1;
//! - `runtime.calldeferred` / `runtime.callclosure` — call a Go closure
//!   from Rust with `r15` = G, under a frame record that links the
//!   frame-pointer chain to the Go frame that panicked (resp. returned),
//!   so tracebacks walk through; `calldeferred`'s return address is how
//!   `gorecover` knows it was called by the defer machinery;
//! - entry shims: the runtime entry points that need their caller's frame
//!   (`gopanic`, the `goPanic*` family, `panicmem`, `deferreturn`,
//!   `gorecover`, `morestack`, ...) are tiny stubs passing `rbp` and the
//!   return address on to the Rust implementation;
//! - `runtime.gocall3` — calls compiled code (an equal/hash closure, a
//!   method) from Rust with `r15` = G, keeping the G's entry frame;
//! - entry shims made by `entry!`: runtime entry points implemented in
//!   Rust that may panic deep inside (maps, interface conversions and
//!   comparisons) record their caller's `rbp` and return address in the
//!   G (`entry_fp`/`entry_pc`) and jump to the implementation;
//! - `runtime.rt0_switch` — moves onto the main goroutine's stack with
//!   `r15` = G and calls the program's entry;
//! - `runtime.sigpanic.tramp` — where the SIGSEGV handler sends a
//!   faulting goroutine, with a frame record linking to the faulting
//!   frame.

use core::arch::global_asm;

global_asm!(
    r#"
    .text
    .p2align 4
    .globl "runtime.withdefers"
    .type "runtime.withdefers",@function
"runtime.withdefers":
    push rbp
    mov rbp, rsp
    push rbx
    push r12
    push r13
    push r14
    push r15
    sub rsp, 40
    mov rax, [r15 + 48]
    mov [rsp], rax
    mov [rsp + 8], rsp
    mov [rsp + 16], rbp
    mov qword ptr [rsp + 24], 0
    mov [r15 + 48], rsp
    mov rax, rdi
    mov rdi, rsi
    mov rsi, rdx
    call rax
    .globl "runtime.withdefers.ret"
"runtime.withdefers.ret":
    mov r15, [rbp - 40]
    mov rax, [rsp]
    mov [r15 + 48], rax
    xor eax, eax
"runtime.withdefers.epilogue":
    add rsp, 40
    pop r15
    pop r14
    pop r13
    pop r12
    pop rbx
    pop rbp
    ret
    .size "runtime.withdefers", . - "runtime.withdefers"

    .p2align 4
    .globl "runtime.withdefers.resume"
    .type "runtime.withdefers.resume",@function
"runtime.withdefers.resume":
    mov rsp, rdi
    mov rbp, [rsp + 16]
    mov r15, [rbp - 40]
    call "runtime.deferreturn"
    mov r15, [rbp - 40]
    mov rax, [rsp]
    mov [r15 + 48], rax
    mov eax, 1
    jmp "runtime.withdefers.epilogue"
    .size "runtime.withdefers.resume", . - "runtime.withdefers.resume"

    .p2align 4
    .globl "runtime.calldeferred"
    .type "runtime.calldeferred",@function
"runtime.calldeferred":
    push rbp
    push rcx
    push rdx
    mov rbp, rsp
    push r15
    sub rsp, 8
    mov r15, rsi
    call [rdi]
    .globl "runtime.calldeferred.ret"
"runtime.calldeferred.ret":
    add rsp, 8
    pop r15
    add rsp, 16
    pop rbp
    ret
    .size "runtime.calldeferred", . - "runtime.calldeferred"

    .p2align 4
    .globl "runtime.callclosure"
    .type "runtime.callclosure",@function
"runtime.callclosure":
    push rbp
    push rcx
    push rdx
    mov rbp, rsp
    push r15
    sub rsp, 8
    mov r15, rsi
    call [rdi]
    add rsp, 8
    pop r15
    add rsp, 16
    pop rbp
    ret
    .size "runtime.callclosure", . - "runtime.callclosure"

    .p2align 4
    .globl "runtime.rt0_switch"
    .type "runtime.rt0_switch",@function
"runtime.rt0_switch":
    mov r15, rdi
    mov rsp, rsi
    xor ebp, ebp
    push rbp
    push rbp
    mov rbp, rsp
    xor edi, edi
    call rdx
    xor edi, edi
    call "runtime.exit"
    ud2
    .size "runtime.rt0_switch", . - "runtime.rt0_switch"

    .p2align 4
    .globl "runtime.sigpanic.tramp"
    .type "runtime.sigpanic.tramp",@function
"runtime.sigpanic.tramp":
    push rbp
    mov rbp, rsp
    and rsp, -16
    mov rdi, rbp
    call {sigpanic}
    ud2
    .size "runtime.sigpanic.tramp", . - "runtime.sigpanic.tramp"

    .p2align 4
    .globl "runtime.gocall3"
    .type "runtime.gocall3",@function
"runtime.gocall3":
    push rbp
    mov rbp, rsp
    push r15
    push rbx
    mov r15, r8
    push qword ptr [r15 + 56]
    push qword ptr [r15 + 64]
    mov rax, rdi
    mov rdi, rsi
    mov rsi, rdx
    mov rdx, rcx
    call rax
    pop qword ptr [r15 + 64]
    pop qword ptr [r15 + 56]
    pop rbx
    pop r15
    pop rbp
    ret
    .size "runtime.gocall3", . - "runtime.gocall3"

    .p2align 4
    .globl "runtime.getcallerfp"
"runtime.getcallerfp":
    mov rax, rbp
    ret
"#,
    sigpanic = sym crate::signal::sigpanic,
);

/// Defines `runtime.NAME` as a stub that puts the caller's frame pointer
/// and return address in the next two argument registers and jumps to
/// the Rust implementation.
macro_rules! shim {
    ($name:literal, $fp:literal, $pc:literal, $imp:path) => {
        global_asm!(
            concat!(
                "    .text\n    .p2align 4\n    .globl \"runtime.", $name, "\"\n",
                "    .type \"runtime.", $name, "\",@function\n",
                "\"runtime.", $name, "\":\n",
                "    mov ", $fp, ", rbp\n",
                "    mov ", $pc, ", [rsp]\n",
                "    jmp {imp}\n",
                "    .size \"runtime.", $name, "\", . - \"runtime.", $name, "\"\n"
            ),
            imp = sym $imp,
        );
    };
}

/// Defines `runtime.NAME` as a stub that records the caller's frame
/// pointer and return address in the G (r15 + 56, + 64) and jumps to the
/// Rust implementation, which takes the entry point's own arguments.
macro_rules! entry {
    ($name:literal, $imp:path) => {
        global_asm!(
            concat!(
                "    .text\n    .p2align 4\n    .globl \"runtime.", $name, "\"\n",
                "    .type \"runtime.", $name, "\",@function\n",
                "\"runtime.", $name, "\":\n",
                "    mov [r15 + 56], rbp\n",
                "    mov rax, [rsp]\n",
                "    mov [r15 + 64], rax\n",
                "    jmp {imp}\n",
                "    .size \"runtime.", $name, "\", . - \"runtime.", $name, "\"\n"
            ),
            imp = sym $imp,
        );
    };
}

use crate::error as e;
use crate::iface as i;
use crate::map as m;

entry!("assertE2I", i::assert_e2i);
entry!("efaceeq", i::efaceeq);
entry!("ifaceeq", i::ifaceeq);
entry!("makemap", m::makemap);
entry!("mapaccess1", m::mapaccess1);
entry!("mapaccess2", m::mapaccess2);
entry!("mapassign", m::mapassign);
entry!("mapdelete", m::mapdelete);
entry!("mapaccess1_fast64", m::mapaccess1_fast64);
entry!("mapaccess2_fast64", m::mapaccess2_fast64);
entry!("mapassign_fast64", m::mapassign_fast64);
entry!("mapdelete_fast64", m::mapdelete_fast64);
entry!("mapaccess1_fast32", m::mapaccess1_fast32);
entry!("mapaccess2_fast32", m::mapaccess2_fast32);
entry!("mapassign_fast32", m::mapassign_fast32);
entry!("mapdelete_fast32", m::mapdelete_fast32);
entry!("mapaccess1_faststr", m::mapaccess1_faststr);
entry!("mapaccess2_faststr", m::mapaccess2_faststr);
entry!("mapassign_faststr", m::mapassign_faststr);
entry!("mapdelete_faststr", m::mapdelete_faststr);
entry!("interhash", crate::hash::interhash);
entry!("nilinterhash", crate::hash::nilinterhash);
entry!("typehash", crate::hash::typehash_entry);
entry!("interequal", crate::hash::interequal);
entry!("nilinterequal", crate::hash::nilinterequal);
entry!("newproc", crate::proc::newproc);
entry!("block", crate::proc::block);
entry!("makechan", crate::chan::makechan);
entry!("chansend1", crate::chan::chansend1);
entry!("chanrecv1", crate::chan::chanrecv1);
entry!("chanrecv2", crate::chan::chanrecv2);
entry!("closechan", crate::chan::closechan);
entry!("selectgo", crate::chan::selectgo);
entry!("callers", crate::golib::callers_impl);
entry!("stack", crate::golib::stack_impl);
use crate::panic as p;

shim!("gopanic", "rdx", "rcx", p::gopanic_impl);
shim!("gorecover", "rsi", "rdx", p::gorecover_impl);
shim!("deferreturn", "rdi", "rsi", p::deferreturn_impl);
shim!("Goexit", "rdi", "rsi", crate::proc::goexit_impl);
shim!("panicdivide", "rdi", "rsi", e::panicdivide_impl);
shim!("panicshift", "rdi", "rsi", e::panicshift_impl);
shim!("panicmem", "rdi", "rsi", e::panicmem_impl);
shim!("panicnildottype", "rsi", "rdx", e::panicnildottype_impl);
shim!("panicdottypeE", "rcx", "r8", e::panicdottype_e_impl);
shim!("panicdottypeI", "rcx", "r8", e::panicdottype_i_impl);
shim!("panicmakeslicelen", "rdi", "rsi", e::panicmakeslicelen_impl);
shim!("panicmakeslicecap", "rdi", "rsi", e::panicmakeslicecap_impl);
shim!("goPanicIndex", "rdx", "rcx", e::go_panic_index);
shim!("goPanicIndexU", "rdx", "rcx", e::go_panic_index_u);
shim!("goPanicSliceAlen", "rdx", "rcx", e::go_panic_slice_alen);
shim!("goPanicSliceAlenU", "rdx", "rcx", e::go_panic_slice_alen_u);
shim!("goPanicSliceAcap", "rdx", "rcx", e::go_panic_slice_acap);
shim!("goPanicSliceAcapU", "rdx", "rcx", e::go_panic_slice_acap_u);
shim!("goPanicSliceB", "rdx", "rcx", e::go_panic_slice_b);
shim!("goPanicSliceBU", "rdx", "rcx", e::go_panic_slice_b_u);
shim!("goPanicSlice3Alen", "rdx", "rcx", e::go_panic_slice3_alen);
shim!(
    "goPanicSlice3AlenU",
    "rdx",
    "rcx",
    e::go_panic_slice3_alen_u
);
shim!("goPanicSlice3Acap", "rdx", "rcx", e::go_panic_slice3_acap);
shim!(
    "goPanicSlice3AcapU",
    "rdx",
    "rcx",
    e::go_panic_slice3_acap_u
);
shim!("goPanicSlice3B", "rdx", "rcx", e::go_panic_slice3_b);
shim!("goPanicSlice3BU", "rdx", "rcx", e::go_panic_slice3_b_u);
shim!("goPanicSlice3C", "rdx", "rcx", e::go_panic_slice3_c);
shim!("goPanicSlice3CU", "rdx", "rcx", e::go_panic_slice3_c_u);
shim!(
    "goPanicSliceConvert",
    "rdx",
    "rcx",
    e::go_panic_slice_convert
);

unsafe extern "C" {
    #[link_name = "runtime.withdefers"]
    pub fn withdefers(code: usize, ctx: usize, block: usize) -> u64;
    #[link_name = "runtime.withdefers.resume"]
    pub fn withdefers_resume(frame: usize) -> !;
    #[link_name = "runtime.calldeferred"]
    pub fn calldeferred(closure: *const usize, g: *mut crate::g::G, fp: usize, pc: usize);
    #[link_name = "runtime.callclosure"]
    pub fn callclosure(closure: *const usize, g: *mut crate::g::G, fp: usize, pc: usize);
    #[link_name = "runtime.rt0_switch"]
    pub fn rt0_switch(g: *mut crate::g::G, sp: usize, entry: usize) -> !;
    #[link_name = "runtime.calldeferred.ret"]
    static CALLDEFERRED_RET: u8;
    #[link_name = "runtime.withdefers.ret"]
    static WITHDEFERS_RET: u8;
    #[link_name = "runtime.sigpanic.tramp"]
    static SIGPANIC_TRAMP: u8;
    #[link_name = "runtime.getcallerfp"]
    fn getcallerfp() -> usize;
}

/// The return address inside `runtime.calldeferred`.
/// Where a body run by `runtime.withdefers` returns to: a recover in the
/// body is one in its outer function.
pub fn withdefers_ret() -> usize {
    // Taking the address of an assembly label, never reading it.
    &raw const WITHDEFERS_RET as usize
}

pub fn calldeferred_ret() -> usize {
    // Taking the address of an assembly label, never reading it.
    &raw const CALLDEFERRED_RET as usize
}

/// The signal handler's redirection target.
pub fn sigpanic_tramp() -> usize {
    &raw const SIGPANIC_TRAMP as usize
}

/// The frame pointer of the Rust function calling this (only meaningful
/// when that function keeps one).
pub fn current_fp() -> usize {
    // SAFETY: reads rbp, no side effects.
    unsafe { getcallerfp() }
}
