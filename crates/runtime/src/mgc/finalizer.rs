//! Finalizers and cleanups: `runtime.SetFinalizer` (gc's checks and
//! fatal messages), `runtime.addCleanup` / `Cleanup.Stop` (lib/runtime's
//! AddCleanup), the table of registrations, their queue, and the
//! finalizer goroutine that runs them. A cleanup's function is a root
//! but its object is not, and it is never resurrected: the cleanup is
//! queued when the object is found unreachable (after finalizers, whose
//! objects are resurrected first).
//!
//! During marking (`mark_roots`) every registered finalizer's function is
//! a root and the object's *contents* are marked, not the object itself
//! (so an object reachable only from another finalizable object waits for
//! that one, as in gc). After marking, `queue_unreachable` moves every
//! entry whose object is still unmarked to the queue and marks the object
//! (resurrected with everything it references); the entry is gone from
//! the table, so the finalizer runs once and the object is freed by a
//! later cycle unless the finalizer made it reachable again. Queued
//! entries are roots until they have run. The finalizer goroutine is
//! created by the first `SetFinalizer` (gc's createfing); it is a system
//! goroutine while it waits for work: deadlock reports and goroutine
//! counts leave it out (`is_system_goroutine`).

use super::mark::{self, Work};
use crate::abi::{self, kind, FuncType, InterfaceType, PtrType, Type, KIND_MASK};
use crate::g::G;
use crate::lock::Mutex;
use crate::print::StackBuf;
use core::ptr;
use core::sync::atomic::{AtomicBool, AtomicPtr, Ordering};

/// A registered (or queued) finalizer, or a cleanup (`AddCleanup`:
/// `cleanup` set, `fint`/`ot` null, `id` its registration).
#[derive(Clone, Copy)]
struct Finalizer {
    cleanup: bool,
    id: u64,
    /// The object as passed (`*T`).
    obj: usize,
    /// The finalizer func value (closure object).
    func: usize,
    /// The finalizer's parameter type.
    fint: *const Type,
    /// The object's pointer type.
    ot: *const Type,
}

// SAFETY: plain addresses and pointers to static descriptors.
unsafe impl Send for Finalizer {}

static TABLE: Mutex<Vec<Finalizer>> = Mutex::new(Vec::new());
/// Cleanup ids handed out.
static NEXT_CLEANUP: core::sync::atomic::AtomicU64 = core::sync::atomic::AtomicU64::new(1);
static QUEUE: Mutex<Vec<Finalizer>> = Mutex::new(Vec::new());
/// The finalizer goroutine (null until the first SetFinalizer).
static FING: AtomicPtr<G> = AtomicPtr::new(ptr::null_mut());
/// The finalizer goroutine is parked waiting for work (under FING_LOCK).
static FING_WAITING: AtomicBool = AtomicBool::new(false);
/// Orders the finalizer goroutine's decision to park with `wake_fing`:
/// it is released by `gopark` only once the goroutine's context is
/// saved, so `goready` never sees a goroutine still running.
static FING_LOCK: AtomicBool = AtomicBool::new(false);

/// `gopark`'s unlock function for FING_LOCK.
unsafe fn unlock_fing(_: usize) {
    FING_LOCK.store(false, Ordering::Release);
}

/// Whether `gp` is a runtime goroutine that deadlock reports and
/// goroutine counts leave out (the finalizer goroutine while it waits).
pub fn is_system_goroutine(gp: *mut G) -> bool {
    gp == FING.load(Ordering::Relaxed) && FING_WAITING.load(Ordering::Relaxed)
}

fn throw_msg(parts: &[&[u8]]) -> ! {
    let mut b = StackBuf::<512>::new();
    for p in parts {
        b.extend(p);
    }
    crate::panic::throw(&String::from_utf8_lossy(b.as_bytes()))
}

/// The parameter types of a func type.
fn func_params(ft: &FuncType) -> &'static [*const Type] {
    let mut off = core::mem::size_of::<FuncType>();
    if ft.typ.tflag & abi::TFLAG_UNCOMMON != 0 {
        off += core::mem::size_of::<abi::UncommonType>();
    }
    // SAFETY: the descriptor is followed (after its UncommonType) by its
    // in and out parameter types.
    unsafe {
        abi::slice_of(
            (ft as *const FuncType as *const u8).add(off) as *const *const Type,
            ft.in_count as usize,
        )
    }
}

/// `runtime.SetFinalizer(obj any, finalizer any)`: Go-callable, so the
/// closure context comes first, then the two interfaces' words.
#[export_name = "runtime.SetFinalizer"]
pub extern "C" fn set_finalizer(
    _ctx: usize,
    ot: *const Type,
    od: usize,
    ft: *const Type,
    fd: usize,
) {
    // SAFETY: ot is null or a valid descriptor (an interface's type word).
    let Some(otyp) = (unsafe { ot.as_ref() }) else {
        crate::panic::throw("runtime.SetFinalizer: first argument is nil");
    };
    if otyp.kind & KIND_MASK != kind::POINTER {
        throw_msg(&[
            b"runtime.SetFinalizer: first argument is ",
            abi::type_string(ot),
            b", not pointer",
        ]);
    }
    // SAFETY: a pointer type's descriptor is a PtrType.
    let elem = unsafe { (*(ot as *const PtrType)).elem };
    if elem.is_null() {
        crate::panic::throw("nil elem type!");
    }
    let Some((base, _)) = crate::malloc::find_object(od) else {
        // Globals, zerobase, ...: no finalizer ever runs (as in gc).
        return;
    };
    let s = crate::malloc::mheap::span_of(od);
    // SAFETY: find_object found the span.
    let s = unsafe { &*s };
    let mut base = base;
    if !crate::malloc::sizeclasses::spanclass_noscan(s.spanclass)
        && s.elemsize > crate::malloc::sizeclasses::MIN_SIZE_FOR_MALLOC_HEADER
        && s.spanclass_sizeclass() != 0
    {
        base += crate::malloc::sizeclasses::MALLOC_HEADER_SIZE;
    }
    if od != base {
        // SAFETY: elem is a valid descriptor.
        let e = unsafe { &*elem };
        if e.has_pointers() || e.size >= crate::malloc::sizeclasses::MAX_TINY_SIZE {
            crate::panic::throw(
                "runtime.SetFinalizer: pointer not at beginning of allocated block",
            );
        }
    }
    // SAFETY: ft is null or a valid descriptor.
    let Some(ftyp) = (unsafe { ft.as_ref() }) else {
        TABLE.lock().retain(|f| f.cleanup || f.obj != od);
        return;
    };
    if ftyp.kind & KIND_MASK != kind::FUNC {
        throw_msg(&[
            b"runtime.SetFinalizer: second argument is ",
            abi::type_string(ft),
            b", not a function",
        ]);
    }
    // SAFETY: a func type's descriptor is a FuncType.
    let fty = unsafe { &*(ft as *const FuncType) };
    if fty.out_count & 0x8000 != 0 {
        throw_msg(&[
            b"runtime.SetFinalizer: cannot pass ",
            abi::type_string(ot),
            b" to finalizer ",
            abi::type_string(ft),
            b" because dotdotdot",
        ]);
    }
    let cannot = || -> ! {
        throw_msg(&[
            b"runtime.SetFinalizer: cannot pass ",
            abi::type_string(ot),
            b" to finalizer ",
            abi::type_string(ft),
        ])
    };
    if fty.in_count != 1 {
        cannot();
    }
    let fint = func_params(fty)[0];
    // SAFETY: parameter types are valid descriptors.
    let fi = unsafe { &*fint };
    let ok = if fint == ot {
        true
    } else if fi.kind & KIND_MASK == kind::POINTER {
        // SAFETY: fint is a pointer type.
        let fe = unsafe { (*(fint as *const PtrType)).elem };
        (fi.uncommon().is_none() || otyp.uncommon().is_none()) && fe == elem
    } else if fi.kind & KIND_MASK == kind::INTERFACE {
        // SAFETY: fint is an interface type.
        let it = unsafe { &*(fint as *const InterfaceType) };
        it.methods().is_empty() || !crate::iface::assert_e2i2(it, ot).is_null()
    } else {
        false
    };
    if !ok {
        cannot();
    }
    create_fing();
    let mut t = TABLE.lock();
    if t.iter().any(|f| !f.cleanup && f.obj == od) {
        drop(t);
        crate::panic::throw("runtime.SetFinalizer: finalizer already set");
    }
    t.push(Finalizer {
        cleanup: false,
        id: 0,
        obj: od,
        func: fd,
        fint,
        ot,
    });
}

/// `runtime.addCleanup(p, fn) uint64` (lib/runtime's AddCleanup):
/// `fn()` runs on the finalizer goroutine once the object at `p` is
/// unreachable (the object is not resurrected: `fn` must not reference
/// it, as in gc). Returns the registration's id. Go-callable.
#[export_name = "runtime.addCleanup"]
pub extern "C" fn add_cleanup(_ctx: usize, p: usize, func: usize) -> u64 {
    let id = NEXT_CLEANUP.fetch_add(1, Ordering::Relaxed);
    if crate::malloc::find_object(p).is_none() {
        // Not a heap object (a global, zerobase): never unreachable.
        return id;
    }
    create_fing();
    TABLE.lock().push(Finalizer {
        cleanup: true,
        id,
        obj: p,
        func,
        fint: ptr::null(),
        ot: ptr::null(),
    });
    id
}

/// `runtime.Cleanup.Stop(c)` (receiver {id, ptr}): cancels the cleanup
/// unless it is already queued. Go-callable.
#[export_name = "runtime.Cleanup.Stop"]
pub extern "C" fn cleanup_stop(_ctx: usize, id: u64, _ptr: usize) {
    TABLE.lock().retain(|f| !(f.cleanup && f.id == id));
}

/// Roots: every registered finalizer's function and its object's
/// contents, every cleanup's function; every queued entry's function and
/// finalizer object.
pub fn mark_roots(w: &mut Work) {
    for f in TABLE.lock().iter() {
        mark::mark(w, f.func);
        if f.cleanup {
            continue;
        }
        if let Some((base, _)) = crate::malloc::find_object(f.obj) {
            mark::scan_object(w, base);
        }
    }
    for f in QUEUE.lock().iter() {
        mark::mark(w, f.func);
        if !f.cleanup {
            mark::mark(w, f.obj);
        }
    }
}

/// After marking: queues the finalizers of unreachable objects and
/// resurrects those objects. Returns how many were queued.
pub fn queue_unreachable(w: &mut Work) -> usize {
    let mut t = TABLE.lock();
    let mut q = QUEUE.lock();
    let before = q.len();
    // Finalizers first: their objects are resurrected, so a cleanup of
    // the same object waits for a later cycle.
    t.retain(|f| {
        if f.cleanup || mark::is_marked(f.obj) {
            return true;
        }
        q.push(*f);
        false
    });
    for f in &q[before..] {
        mark::mark(w, f.obj);
    }
    drop(q);
    drop(t);
    mark::drain(w);
    let mut t = TABLE.lock();
    let mut q = QUEUE.lock();
    t.retain(|f| {
        if !f.cleanup || mark::is_marked(f.obj) {
            return true;
        }
        q.push(*f);
        false
    });
    q.len() - before
}

/// Wakes the finalizer goroutine if finalizers are queued.
pub fn wake_fing() {
    let gp = FING.load(Ordering::Acquire);
    if gp.is_null() {
        return;
    }
    crate::lock::acquire(&FING_LOCK);
    let wake = !QUEUE.lock().is_empty() && FING_WAITING.swap(false, Ordering::AcqRel);
    FING_LOCK.store(false, Ordering::Release);
    if wake {
        crate::proc::goready(gp);
    }
}

/// The finalizer goroutine's closure object: `{code}`.
#[repr(C)]
struct FuncVal(extern "C" fn(usize));
static FING_FUNC: FuncVal = FuncVal(fing_main);

fn create_fing() {
    static CREATED: AtomicBool = AtomicBool::new(false);
    if crate::g::getm().is_null() || CREATED.swap(true, Ordering::AcqRel) {
        // No scheduler (a unit-test thread), or made already.
        return;
    }
    let gp = crate::proc::newproc1(&FING_FUNC as *const FuncVal as *const usize);
    FING.store(gp, Ordering::Release);
    crate::proc::runqput(gp, false);
}

/// The finalizer goroutine: runs queued finalizers, parks when none is
/// left.
extern "C" fn fing_main(_ctx: usize) {
    loop {
        crate::lock::acquire(&FING_LOCK);
        let next = {
            let mut q = QUEUE.lock();
            if q.is_empty() {
                None
            } else {
                Some(q.remove(0))
            }
        };
        let Some(f) = next else {
            FING_WAITING.store(true, Ordering::Release);
            crate::proc::gopark(crate::proc::WaitReason::Zero, Some((unlock_fing, 0)));
            continue;
        };
        FING_LOCK.store(false, Ordering::Release);
        run_one(f);
    }
}

/// Calls one finalizer: `func(obj)` with the object converted to the
/// finalizer's parameter type (a pointer, or an interface holding it).
fn run_one(f: Finalizer) {
    // SAFETY: a func value's first word is its code.
    let code = unsafe { *(f.func as *const usize) };
    // Scratch for results returned through hidden pointers.
    let mut scratch = [0usize; 16];
    let sp = scratch.as_mut_ptr() as usize;
    if f.cleanup {
        // A `func()`: code(closure).
        crate::hash::call_go(code as *const u8, f.func, 0, sp);
        core::hint::black_box(&scratch);
        return;
    }
    // SAFETY: fint is a valid descriptor.
    let fi = unsafe { &*f.fint };
    // Compiled code, called with its context and its argument words
    // (`call_go` sets r15 = G).
    if fi.kind & KIND_MASK == kind::INTERFACE {
        // SAFETY: fint is an interface type.
        let it = unsafe { &*(f.fint as *const InterfaceType) };
        let tw = if it.methods().is_empty() {
            f.ot as usize
        } else {
            crate::iface::assert_e2i2(it, f.ot) as usize
        };
        crate::hash::call_go(code as *const u8, f.func, tw, f.obj);
    } else {
        crate::hash::call_go(code as *const u8, f.func, f.obj, sp);
    }
    core::hint::black_box(&scratch);
}

/// Finalizers queued and not yet run.
pub fn queued() -> usize {
    QUEUE.lock().len()
}

/// Objects with a finalizer registered.
pub fn registered() -> usize {
    TABLE.lock().iter().filter(|f| !f.cleanup).count()
}

/// Runs the queued finalizers on the calling goroutine (tests; the
/// finalizer goroutine does this in programs).
pub fn run_queued() {
    loop {
        let f = {
            let mut q = QUEUE.lock();
            if q.is_empty() {
                return;
            }
            q.remove(0)
        };
        run_one(f);
    }
}
