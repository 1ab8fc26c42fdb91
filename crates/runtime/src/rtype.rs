//! The runtime's own type descriptors: one static blob (`BLOB`) laid out
//! like a `go.types` section, holding the descriptors of the run-time
//! error types (`runtime.boundsError`, `runtime.errorString`,
//! `runtime.plainError`, `*runtime.TypeAssertionError`,
//! `*runtime.PanicNilError`), the few types their method signatures need
//! (`string`, `func() string`, `func()`), and the abi.Names they refer to;
//! plus its text table (`TEXT`: the methods' code addresses).
//!
//! NameOffs/TypeOffs inside the blob are offsets from its start and
//! TextOffs index `TEXT`, exactly as for the program's blob, so the
//! generic code in `abi` (method tables, type strings) and `iface`
//! (itabs) works on both; `blob_containing` tells them apart.
//!
//! Methods take the interface data word as receiver (docs/ABI.md:
//! `Ifn(ctx, data) -> results`): for `boundsError`/`errorString`/
//! `plainError` a pointer to the value, for the pointer types the pointer.

use crate::abi::{
    kind, FuncType, Method, NameOff, PtrType, StructType, Type, TypeOff, UncommonType,
    TFLAG_DIRECT_IFACE, TFLAG_NAMED, TFLAG_REGULAR_MEMORY, TFLAG_UNCOMMON,
};
use crate::error;
use core::mem::offset_of;
use core::ptr;
use core::sync::atomic::{AtomicPtr, Ordering};

/// A Go string returned in rax:rdx.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct GoStr {
    pub ptr: *const u8,
    pub len: usize,
}

impl GoStr {
    pub const EMPTY: GoStr = GoStr {
        ptr: ptr::null(),
        len: 0,
    };
    pub fn as_bytes(&self) -> &'static [u8] {
        // SAFETY: Go strings are immutable and live as long as they are
        // referenced (no collector yet; later the caller keeps them alive).
        unsafe { crate::abi::bytes(self.ptr, self.len) }
    }
}

/// The signature of every runtime method: (ctx, receiver word) -> string
/// (`RuntimeError()` returns nothing; its callers ignore rax:rdx).
pub type MethodFn = unsafe extern "C" fn(usize, *mut u8) -> GoStr;

/// A type with an UncommonType and two methods (Error, RuntimeError).
#[repr(C)]
pub struct WithMethods<T> {
    pub t: T,
    pub u: UncommonType,
    pub m: [Method; 2],
}

/// `func() string`: FuncType, then its one result type.
#[repr(C)]
pub struct FuncOut1 {
    pub f: FuncType,
    pub out: [*const Type; 1],
}

#[repr(C)]
pub struct Blob {
    pub string_t: Type,
    pub func_string: FuncOut1,
    pub func_void: FuncType,
    pub bounds: WithMethods<StructType>,
    pub error_string: WithMethods<Type>,
    pub plain_error: WithMethods<Type>,
    pub tae_elem: StructType,
    pub tae: WithMethods<PtrType>,
    pub pne_elem: StructType,
    pub pne: WithMethods<PtrType>,
    pub names: [u8; NAMES_LEN],
}

#[repr(transparent)]
pub struct SyncBlob(pub Blob);
// SAFETY: the blob is immutable; its pointers point into immutable statics.
unsafe impl Sync for SyncBlob {}

const NAMES: [&str; 13] = [
    "string",
    "func() string",
    "func()",
    "runtime.boundsError",
    "Error",
    "RuntimeError",
    "runtime.errorString",
    "runtime.plainError",
    "*runtime.TypeAssertionError",
    "*runtime.PanicNilError",
    "runtime",
    "runtime.TypeAssertionError",
    "runtime.PanicNilError",
];
const N_STRING: usize = 0;
const N_FUNC_STRING: usize = 1;
const N_FUNC: usize = 2;
const N_BOUNDS: usize = 3;
const N_ERROR: usize = 4;
const N_RUNTIME_ERROR: usize = 5;
const N_ERROR_STRING: usize = 6;
const N_PLAIN_ERROR: usize = 7;
const N_TAE_PTR: usize = 8;
const N_PNE_PTR: usize = 9;
const N_RUNTIME: usize = 10;
const N_TAE: usize = 11;
const N_PNE: usize = 12;

const fn names_len() -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < NAMES.len() {
        n += 2 + NAMES[i].len();
        i += 1;
    }
    n
}

const NAMES_LEN: usize = names_len();

/// abi.Name encoding of NAMES (all shorter than 128 bytes: one-byte
/// varints), exported flag for upper-case first letters.
const fn encode_names() -> [u8; NAMES_LEN] {
    let mut out = [0u8; NAMES_LEN];
    let mut o = 0;
    let mut i = 0;
    while i < NAMES.len() {
        let b = NAMES[i].as_bytes();
        out[o] = if b[0].is_ascii_uppercase() { 1 } else { 0 };
        out[o + 1] = b.len() as u8;
        let mut j = 0;
        while j < b.len() {
            out[o + 2 + j] = b[j];
            j += 1;
        }
        o += 2 + b.len();
        i += 1;
    }
    out
}

const fn noff(i: usize) -> NameOff {
    let mut o = offset_of!(Blob, names);
    let mut k = 0;
    while k < i {
        o += 2 + NAMES[k].len();
        k += 1;
    }
    o as NameOff
}

// Text table indexes.
const T_BOUNDS_ERROR: i32 = 0;
const T_ERROR_STRING_ERROR: i32 = 1;
const T_PLAIN_ERROR_ERROR: i32 = 2;
const T_TAE_ERROR: i32 = 3;
const T_PNE_ERROR: i32 = 4;
const T_NOP: i32 = 5;

/// The runtime blob's text table (TextOff → code).
pub static TEXT: [MethodFn; 6] = [
    bounds_error_error,
    error_string_error,
    plain_error_error,
    tae_error,
    pne_error,
    runtime_error_nop,
];

static PTRMASK1: u8 = 1;
static PTRMASK0: u8 = 0;
static PTRMASK_TAE: u8 = 0x0f;

const fn typ(size: usize, ptr_bytes: usize, hash: u32, tflag: u8, k: u8, name: usize) -> Type {
    Type {
        size,
        ptr_bytes,
        hash,
        tflag,
        align: 8,
        field_align: 8,
        kind: k,
        equal: ptr::null(),
        gcdata: if ptr_bytes == 0 { &PTRMASK0 } else { &PTRMASK1 },
        str_: noff(name),
        ptr_to_this: 0,
    }
}

const fn with_eq(mut t: Type, eq: &'static crate::hash::FuncVal) -> Type {
    t.equal = eq as *const crate::hash::FuncVal as *const usize;
    t
}

const fn uncommon<T>(moff: usize) -> UncommonType {
    let _ = core::mem::size_of::<T>();
    UncommonType {
        pkg_path: noff(N_RUNTIME),
        mcount: 2,
        xcount: 2,
        moff: moff as u32,
        _pad: 0,
    }
}

/// Error() (func() string) and RuntimeError() (func()), sorted by name.
const fn methods(error_fn: i32, ptr_recv: bool) -> [Method; 2] {
    [
        Method {
            name: noff(N_ERROR),
            mtyp: offset_of!(Blob, func_string) as TypeOff,
            ifn: error_fn,
            tfn: if ptr_recv { error_fn } else { -1 },
        },
        Method {
            name: noff(N_RUNTIME_ERROR),
            mtyp: offset_of!(Blob, func_void) as TypeOff,
            ifn: T_NOP,
            tfn: if ptr_recv { T_NOP } else { -1 },
        },
    ]
}

const fn struct_type(t: Type) -> StructType {
    StructType {
        typ: t,
        pkg_path: ptr::null(),
        fields: ptr::null(),
        flen: 0,
        fcap: 0,
    }
}

const MOFF: usize = core::mem::size_of::<UncommonType>();

pub static BLOB: SyncBlob = SyncBlob(Blob {
    string_t: with_eq(
        typ(16, 8, 0xe0ff5cb4, 0, kind::STRING, N_STRING),
        &crate::hash::STREQUAL_F,
    ),
    func_string: FuncOut1 {
        f: FuncType {
            typ: typ(
                8,
                8,
                0x1f5b2b8a,
                TFLAG_DIRECT_IFACE,
                kind::FUNC,
                N_FUNC_STRING,
            ),
            in_count: 0,
            out_count: 1,
        },
        out: [&BLOB.0.string_t],
    },
    func_void: FuncType {
        typ: typ(8, 8, 0x1e6d4f7b, TFLAG_DIRECT_IFACE, kind::FUNC, N_FUNC),
        in_count: 0,
        out_count: 0,
    },
    bounds: WithMethods {
        t: struct_type(with_eq(
            typ(
                24,
                0,
                0x2c4c1f1d,
                TFLAG_NAMED | TFLAG_UNCOMMON,
                kind::STRUCT,
                N_BOUNDS,
            ),
            &crate::hash::BOUNDS_ERROR_EQUAL_F,
        )),
        u: uncommon::<StructType>(MOFF),
        m: methods(T_BOUNDS_ERROR, false),
    },
    error_string: WithMethods {
        t: with_eq(
            typ(
                16,
                8,
                0x5a1c7e03,
                TFLAG_NAMED | TFLAG_UNCOMMON,
                kind::STRING,
                N_ERROR_STRING,
            ),
            &crate::hash::STREQUAL_F,
        ),
        u: uncommon::<Type>(MOFF),
        m: methods(T_ERROR_STRING_ERROR, false),
    },
    plain_error: WithMethods {
        t: with_eq(
            typ(
                16,
                8,
                0x6b2d8f14,
                TFLAG_NAMED | TFLAG_UNCOMMON,
                kind::STRING,
                N_PLAIN_ERROR,
            ),
            &crate::hash::STREQUAL_F,
        ),
        u: uncommon::<Type>(MOFF),
        m: methods(T_PLAIN_ERROR_ERROR, false),
    },
    tae_elem: struct_type({
        let mut t = typ(40, 32, 0x7c3e9025, TFLAG_NAMED, kind::STRUCT, N_TAE);
        t.gcdata = &PTRMASK_TAE;
        t
    }),
    tae: WithMethods {
        t: PtrType {
            typ: with_eq(
                typ(
                    8,
                    8,
                    0x8d4fa136,
                    TFLAG_UNCOMMON | TFLAG_DIRECT_IFACE | TFLAG_REGULAR_MEMORY,
                    kind::POINTER,
                    N_TAE_PTR,
                ),
                &crate::hash::MEMEQUAL64_F,
            ),
            elem: &BLOB.0.tae_elem.typ,
        },
        u: uncommon::<PtrType>(MOFF),
        m: methods(T_TAE_ERROR, true),
    },
    pne_elem: struct_type(typ(8, 0, 0x9e50b247, TFLAG_NAMED, kind::STRUCT, N_PNE)),
    pne: WithMethods {
        t: PtrType {
            typ: with_eq(
                typ(
                    8,
                    8,
                    0xaf61c358,
                    TFLAG_UNCOMMON | TFLAG_DIRECT_IFACE | TFLAG_REGULAR_MEMORY,
                    kind::POINTER,
                    N_PNE_PTR,
                ),
                &crate::hash::MEMEQUAL64_F,
            ),
            elem: &BLOB.0.pne_elem.typ,
        },
        u: uncommon::<PtrType>(MOFF),
        m: methods(T_PNE_ERROR, true),
    },
    names: encode_names(),
});

/// (start, text table, entries) of the runtime blob when `p` points into
/// it.
pub fn blob_containing(p: *const u8) -> Option<(*const u8, *const usize, usize)> {
    let start = &BLOB as *const SyncBlob as usize;
    let end = start + core::mem::size_of::<SyncBlob>();
    let a = p as usize;
    (a >= start && a < end).then_some((
        start as *const u8,
        TEXT.as_ptr() as *const usize,
        TEXT.len(),
    ))
}

pub fn bounds_error() -> *const Type {
    &BLOB.0.bounds.t.typ
}
pub fn error_string() -> *const Type {
    &BLOB.0.error_string.t
}
pub fn plain_error() -> *const Type {
    &BLOB.0.plain_error.t
}
/// `*runtime.TypeAssertionError`: the program's descriptor when
/// lib/runtime registered it (so `e.(*runtime.TypeAssertionError)` holds
/// for the runtime's panics), else the static one.
pub fn type_assertion_error() -> *const Type {
    let t = REGISTERED_TAE.load(Ordering::Acquire);
    if t.is_null() {
        &BLOB.0.tae.t.typ
    } else {
        t
    }
}
/// `*runtime.PanicNilError`, as [`type_assertion_error`].
pub fn panic_nil_error() -> *const Type {
    let t = REGISTERED_PNE.load(Ordering::Acquire);
    if t.is_null() {
        &BLOB.0.pne.t.typ
    } else {
        t
    }
}

/// Whether `t` is `*runtime.TypeAssertionError` (static or registered).
pub fn is_type_assertion_error(t: *const Type) -> bool {
    core::ptr::eq(t, &BLOB.0.tae.t.typ) || t == type_assertion_error()
}
/// Whether `t` is `*runtime.PanicNilError` (static or registered).
pub fn is_panic_nil_error(t: *const Type) -> bool {
    core::ptr::eq(t, &BLOB.0.pne.t.typ) || t == panic_nil_error()
}

static REGISTERED_TAE: AtomicPtr<Type> = AtomicPtr::new(ptr::null_mut());
static REGISTERED_PNE: AtomicPtr<Type> = AtomicPtr::new(ptr::null_mut());

/// Makes the runtime panic with the program's descriptors of
/// `*runtime.TypeAssertionError` and `*runtime.PanicNilError` (those of
/// lib/runtime, whose methods are compiled Go code) from now on.
pub fn register_error_types(tae: *const Type, pne: *const Type) {
    REGISTERED_TAE.store(tae.cast_mut(), Ordering::Release);
    REGISTERED_PNE.store(pne.cast_mut(), Ordering::Release);
}
pub fn string_type() -> *const Type {
    &BLOB.0.string_t
}

/// Copies `msg` into a new Go string.
pub fn heap_string(msg: &[u8]) -> GoStr {
    if msg.is_empty() {
        return GoStr::EMPTY;
    }
    // SAFETY: a fresh pointer-free heap object of msg.len() bytes.
    unsafe {
        let p = crate::malloc::malloc(msg.len(), ptr::null(), false);
        ptr::copy_nonoverlapping(msg.as_ptr(), p, msg.len());
        GoStr {
            ptr: p,
            len: msg.len(),
        }
    }
}

fn message(t: *const Type, recv: *mut u8) -> GoStr {
    let mut b = crate::print::StackBuf::<1024>::new();
    error::runtime_error_message(t, recv, &mut b);
    heap_string(b.as_bytes())
}

unsafe extern "C" fn bounds_error_error(_ctx: usize, recv: *mut u8) -> GoStr {
    message(bounds_error(), recv)
}
unsafe extern "C" fn error_string_error(_ctx: usize, recv: *mut u8) -> GoStr {
    message(error_string(), recv)
}
unsafe extern "C" fn plain_error_error(_ctx: usize, recv: *mut u8) -> GoStr {
    message(plain_error(), recv)
}
unsafe extern "C" fn tae_error(_ctx: usize, recv: *mut u8) -> GoStr {
    message(type_assertion_error(), recv)
}
unsafe extern "C" fn pne_error(_ctx: usize, recv: *mut u8) -> GoStr {
    message(panic_nil_error(), recv)
}
unsafe extern "C" fn runtime_error_nop(_ctx: usize, _recv: *mut u8) -> GoStr {
    GoStr::EMPTY
}
