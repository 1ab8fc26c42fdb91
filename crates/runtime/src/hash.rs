//! Hashing and equality of Go values (maps, interface comparison and
//! type descriptors' `Equal`/`MapType.Hasher` fields): the plain entry
//! points (`runtime.memhash64(p, seed)`, `runtime.strequal(p, q)`, ...),
//! their closure objects (`runtime.memhash64·f`, ... one word: a shim
//! taking the closure as ctx first), `typehash` for any hashable type,
//! and the helpers that call a type's equal/hash closure, which may be
//! compiled Go code (`type:.eq.T`), from Rust.
//!
//! The hash is a wyhash-style multiply-mix keyed by a per-process random
//! key: fast, good in both high (group choice) and low (control byte)
//! bits. +0 and -0 hash alike; NaNs hash randomly (so every NaN key is a
//! new map entry, as in gc).

use crate::abi::{self, kind, ITab, InterfaceType, Type, KIND_MASK, TFLAG_DIRECT_IFACE};
use crate::rtype::GoStr;
use core::sync::atomic::{AtomicU64, Ordering};

/// A closure object holding just a code pointer (a Go func value).
#[repr(C)]
pub struct FuncVal {
    pub code: *const u8,
}
// SAFETY: immutable code addresses.
unsafe impl Sync for FuncVal {}

const M1: u64 = 0xa076_1d64_78bd_642f;
const M2: u64 = 0xe703_7ed1_a0b4_28db;
const M3: u64 = 0x8ebc_6af0_9c88_c6e3;
const M4: u64 = 0x5899_65cc_7537_4cc3;
const M5: u64 = 0x1d8e_4e27_c47d_124f;

static HASHKEY: AtomicU64 = AtomicU64::new(0);
static RAND_STATE: AtomicU64 = AtomicU64::new(0);

fn random_seed() -> u64 {
    let mut v = 0u64;
    // SAFETY: getrandom writes at most 8 bytes into v.
    let n = unsafe { libc::getrandom(&mut v as *mut u64 as *mut libc::c_void, 8, 0) };
    if n != 8 {
        // Fall back on the clock and an address (ASLR).
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: writes ts.
        unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
        v = (ts.tv_nsec as u64) ^ ((ts.tv_sec as u64) << 32) ^ (&ts as *const _ as u64);
    }
    v | 1
}

/// The per-process hash key.
#[inline(always)]
fn key() -> u64 {
    let k = HASHKEY.load(Ordering::Relaxed);
    if k != 0 {
        return k;
    }
    init_key()
}

#[cold]
fn init_key() -> u64 {
    let k = random_seed();
    match HASHKEY.compare_exchange(0, k, Ordering::Relaxed, Ordering::Relaxed) {
        Ok(_) => k,
        Err(old) => old,
    }
}

/// A fast random number (wyrand over a global state).
pub fn rand64() -> u64 {
    let mut s = RAND_STATE.load(Ordering::Relaxed);
    if s == 0 {
        s = random_seed();
    }
    let s2 = s.wrapping_add(M1);
    RAND_STATE.store(s2, Ordering::Relaxed);
    mix(s2, s2 ^ M2)
}

#[inline(always)]
fn mix(a: u64, b: u64) -> u64 {
    let r = (a as u128).wrapping_mul(b as u128);
    (r as u64) ^ ((r >> 64) as u64)
}

#[inline(always)]
unsafe fn r4(p: *const u8) -> u64 {
    // SAFETY: caller guarantees 4 readable bytes.
    unsafe { (p as *const u32).read_unaligned() as u64 }
}

#[inline(always)]
unsafe fn r8(p: *const u8) -> u64 {
    // SAFETY: caller guarantees 8 readable bytes.
    unsafe { (p as *const u64).read_unaligned() }
}

/// Hash of `s` bytes at `p`.
///
/// # Safety
/// `p` is valid for `s` bytes.
pub unsafe fn memhash_bytes(p: *const u8, seed: u64, s: usize) -> u64 {
    let mut seed = seed ^ key() ^ M1;
    let (a, b);
    // SAFETY: every read below stays inside [p, p+s).
    unsafe {
        if s <= 16 {
            if s >= 4 {
                let q = (s >> 3) << 2;
                a = (r4(p) << 32) | r4(p.add(q));
                b = (r4(p.add(s - 4)) << 32) | r4(p.add(s - 4 - q));
            } else if s > 0 {
                a = ((*p as u64) << 16) | ((*p.add(s >> 1) as u64) << 8) | *p.add(s - 1) as u64;
                b = 0;
            } else {
                a = 0;
                b = 0;
            }
        } else {
            let mut i = s;
            let mut q = p;
            if i > 48 {
                let mut s1 = seed;
                let mut s2 = seed;
                while i > 48 {
                    seed = mix(r8(q) ^ M2, r8(q.add(8)) ^ seed);
                    s1 = mix(r8(q.add(16)) ^ M3, r8(q.add(24)) ^ s1);
                    s2 = mix(r8(q.add(32)) ^ M4, r8(q.add(40)) ^ s2);
                    q = q.add(48);
                    i -= 48;
                }
                seed ^= s1 ^ s2;
            }
            while i > 16 {
                seed = mix(r8(q) ^ M2, r8(q.add(8)) ^ seed);
                q = q.add(16);
                i -= 16;
            }
            a = r8(q.add(i).sub(16));
            b = r8(q.add(i).sub(8));
        }
    }
    mix(M5 ^ s as u64, mix(a ^ M2, b ^ seed))
}

/// Hash of one 64-bit word (memhash64; fast map paths use it directly).
#[inline(always)]
pub fn hash64(v: u64, seed: u64) -> u64 {
    let s = seed ^ key();
    mix(M5 ^ 8, mix(v ^ M2, v.rotate_left(32) ^ s ^ M1))
}

#[inline(always)]
pub fn hash32(v: u32, seed: u64) -> u64 {
    let s = seed ^ key();
    let v = v as u64;
    mix(M5 ^ 4, mix(((v << 32) | v) ^ M2, v ^ s ^ M1))
}

/// strhash on a string's bytes.
#[inline]
pub fn hash_str(p: *const u8, len: usize, seed: u64) -> u64 {
    // SAFETY: a Go string's bytes are readable.
    unsafe { memhash_bytes(p, seed, len) }
}

// ---- plain entry points ------------------------------------------------

/// # Safety
/// `p` valid for `size` bytes.
#[export_name = "runtime.memhash"]
pub unsafe extern "C" fn memhash(p: *const u8, seed: usize, size: usize) -> usize {
    // SAFETY: forwarded.
    unsafe { memhash_bytes(p, seed as u64, size) as usize }
}

macro_rules! fixed_hash {
    ($name:literal, $fname:literal, $f:ident, $shim:ident, $closure:ident, $n:expr) => {
        /// # Safety
        /// `p` valid for the size.
        #[export_name = $name]
        pub unsafe extern "C" fn $f(p: *const u8, seed: usize) -> usize {
            // SAFETY: forwarded.
            unsafe { memhash_fixed::<$n>(p, seed as u64) as usize }
        }
        unsafe extern "C" fn $shim(_ctx: usize, p: *const u8, seed: usize) -> usize {
            // SAFETY: forwarded.
            unsafe { $f(p, seed) }
        }
        #[export_name = $fname]
        pub static $closure: FuncVal = FuncVal {
            code: $shim as *const u8,
        };
    };
}

/// Hash of a fixed-size memory value.
///
/// # Safety
/// `p` valid for N bytes.
#[inline(always)]
pub unsafe fn memhash_fixed<const N: usize>(p: *const u8, seed: u64) -> u64 {
    // SAFETY: p valid for N bytes.
    unsafe {
        match N {
            4 => hash32((p as *const u32).read_unaligned(), seed),
            8 => hash64(r8(p), seed),
            _ => memhash_bytes(p, seed, N),
        }
    }
}

fixed_hash!(
    "runtime.memhash8",
    "runtime.memhash8·f",
    memhash8,
    memhash8_shim,
    MEMHASH8_F,
    1
);
fixed_hash!(
    "runtime.memhash16",
    "runtime.memhash16·f",
    memhash16,
    memhash16_shim,
    MEMHASH16_F,
    2
);
fixed_hash!(
    "runtime.memhash32",
    "runtime.memhash32·f",
    memhash32,
    memhash32_shim,
    MEMHASH32_F,
    4
);
fixed_hash!(
    "runtime.memhash64",
    "runtime.memhash64·f",
    memhash64,
    memhash64_shim,
    MEMHASH64_F,
    8
);
fixed_hash!(
    "runtime.memhash128",
    "runtime.memhash128·f",
    memhash128,
    memhash128_shim,
    MEMHASH128_F,
    16
);

/// `runtime.memhash_varlen(ctx, p, seed)`: the size is the closure's
/// second word.
///
/// # Safety
/// `ctx` is a {code, size} closure object; `p` valid for size bytes.
#[export_name = "runtime.memhash_varlen"]
pub unsafe extern "C" fn memhash_varlen(ctx: *const usize, p: *const u8, seed: usize) -> usize {
    // SAFETY: contract.
    unsafe { memhash_bytes(p, seed as u64, *ctx.add(1)) as usize }
}

/// `runtime.memequal_varlen(ctx, p, q)`.
///
/// # Safety
/// As for `memhash_varlen`.
#[export_name = "runtime.memequal_varlen"]
pub unsafe extern "C" fn memequal_varlen(ctx: *const usize, p: *const u8, q: *const u8) -> u8 {
    // SAFETY: contract.
    unsafe { crate::strings::memequal(p, q, *ctx.add(1)) }
}

/// # Safety
/// `p` points to a string header.
#[export_name = "runtime.strhash"]
pub unsafe extern "C" fn strhash(p: *const GoStr, seed: usize) -> usize {
    // SAFETY: contract.
    unsafe { hash_str((*p).ptr, (*p).len, seed as u64) as usize }
}

fn f64_bits_hash(f: f64, seed: u64) -> u64 {
    if f == 0.0 {
        hash64(0, seed)
    } else if f.is_nan() {
        hash64(rand64(), seed ^ rand64())
    } else {
        hash64(f.to_bits(), seed)
    }
}

fn f32_bits_hash(f: f32, seed: u64) -> u64 {
    if f == 0.0 {
        hash32(0, seed)
    } else if f.is_nan() {
        hash64(rand64(), seed ^ rand64())
    } else {
        hash32(f.to_bits(), seed)
    }
}

/// # Safety
/// `p` points to a float32.
#[export_name = "runtime.f32hash"]
pub unsafe extern "C" fn f32hash(p: *const f32, seed: usize) -> usize {
    // SAFETY: contract.
    f32_bits_hash(unsafe { *p }, seed as u64) as usize
}

/// # Safety
/// `p` points to a float64.
#[export_name = "runtime.f64hash"]
pub unsafe extern "C" fn f64hash(p: *const f64, seed: usize) -> usize {
    // SAFETY: contract.
    f64_bits_hash(unsafe { *p }, seed as u64) as usize
}

/// # Safety
/// `p` points to a complex64.
#[export_name = "runtime.c64hash"]
pub unsafe extern "C" fn c64hash(p: *const f32, seed: usize) -> usize {
    // SAFETY: contract.
    unsafe { f32_bits_hash(*p.add(1), f32_bits_hash(*p, seed as u64)) as usize }
}

/// # Safety
/// `p` points to a complex128.
#[export_name = "runtime.c128hash"]
pub unsafe extern "C" fn c128hash(p: *const f64, seed: usize) -> usize {
    // SAFETY: contract.
    unsafe { f64_bits_hash(*p.add(1), f64_bits_hash(*p, seed as u64)) as usize }
}

fn unhashable(t: *const Type) -> ! {
    crate::error::panic_runtime_error_str(b"hash of unhashable type ", abi::type_string(t))
}

/// Hash of an interface's dynamic value (type `t`, data word `data`).
fn dyn_hash(t: *const Type, data: *const u8, seed: u64) -> u64 {
    // SAFETY: t is a valid descriptor.
    let tr = unsafe { &*t };
    if tr.equal.is_null() {
        unhashable(t);
    }
    let h = seed ^ M3;
    if tr.tflag & TFLAG_DIRECT_IFACE != 0 {
        // SAFETY: the word itself is the value.
        typehash(t, &data as *const *const u8 as *const u8, h).wrapping_mul(M4)
    } else {
        typehash(t, data, h).wrapping_mul(M4)
    }
}

/// # Safety
/// `p` points to a non-empty interface value.
pub unsafe extern "C" fn interhash(p: *const [usize; 2], seed: usize) -> usize {
    // SAFETY: contract.
    let (tab, data) = unsafe { ((*p)[0] as *const ITab, (*p)[1] as *const u8) };
    if tab.is_null() {
        return seed;
    }
    // SAFETY: a non-nil itab.
    dyn_hash(unsafe { (*tab).typ }, data, seed as u64) as usize
}

/// # Safety
/// `p` points to an empty interface value.
pub unsafe extern "C" fn nilinterhash(p: *const [usize; 2], seed: usize) -> usize {
    // SAFETY: contract.
    let (t, data) = unsafe { ((*p)[0] as *const Type, (*p)[1] as *const u8) };
    if t.is_null() {
        return seed;
    }
    dyn_hash(t, data, seed as u64) as usize
}

/// abi.StructField.
#[repr(C)]
struct StructField {
    name: *const u8,
    typ: *const Type,
    offset: usize,
}

/// abi.ArrayType.
#[repr(C)]
struct ArrayType {
    typ: Type,
    elem: *const Type,
    slice: *const Type,
    len: usize,
}

/// gc's typehash: the hash of the value of type `t` at `p`, consistent
/// with `t`'s hasher for memory types, panicking for unhashable types.
pub fn typehash(t: *const Type, p: *const u8, seed: u64) -> u64 {
    // SAFETY: t is a valid descriptor and p points to a value of it.
    unsafe {
        let tr = &*t;
        if tr.tflag & abi::TFLAG_REGULAR_MEMORY != 0 {
            return match tr.size {
                4 => memhash_fixed::<4>(p, seed),
                8 => memhash_fixed::<8>(p, seed),
                n => memhash_bytes(p, seed, n),
            };
        }
        match tr.kind & KIND_MASK {
            kind::FLOAT32 => f32hash(p as *const f32, seed as usize) as u64,
            kind::FLOAT64 => f64hash(p as *const f64, seed as usize) as u64,
            kind::COMPLEX64 => c64hash(p as *const f32, seed as usize) as u64,
            kind::COMPLEX128 => c128hash(p as *const f64, seed as usize) as u64,
            kind::STRING => strhash(p as *const GoStr, seed as usize) as u64,
            kind::INTERFACE => {
                let it = &*(t as *const InterfaceType);
                if it.mlen == 0 {
                    nilinterhash(p as *const [usize; 2], seed as usize) as u64
                } else {
                    interhash(p as *const [usize; 2], seed as usize) as u64
                }
            }
            kind::ARRAY => {
                let a = &*(t as *const ArrayType);
                let es = (*a.elem).size;
                let mut h = seed;
                for i in 0..a.len {
                    h = typehash(a.elem, p.add(i * es), h);
                }
                h
            }
            kind::STRUCT => {
                let s = &*(t as *const abi::StructType);
                let fields = abi::slice_of(s.fields as *const StructField, s.flen);
                let mut h = seed;
                for f in fields {
                    if abi::read_name(f.name) == b"_" {
                        continue;
                    }
                    h = typehash(f.typ, p.add(f.offset), h);
                }
                h
            }
            kind::BOOL
            | kind::INT
            | kind::INT8
            | kind::INT16
            | kind::INT32
            | kind::INT64
            | kind::UINT
            | kind::UINT8
            | kind::UINT16
            | kind::UINT32
            | kind::UINT64
            | kind::UINTPTR
            | kind::POINTER
            | kind::CHAN
            | kind::UNSAFE_POINTER => memhash_bytes(p, seed, tr.size),
            _ => unhashable(t),
        }
    }
}

/// `runtime.typehash(t, p, seed)`.
pub extern "C" fn typehash_entry(t: *const Type, p: *const u8, seed: usize) -> usize {
    typehash(t, p, seed as u64) as usize
}

// ---- equality ---------------------------------------------------------

macro_rules! fixed_eq {
    ($name:literal, $fname:literal, $f:ident, $shim:ident, $closure:ident, $t:ty) => {
        /// # Safety
        /// `p`, `q` valid for the size.
        #[export_name = $name]
        pub unsafe extern "C" fn $f(p: *const u8, q: *const u8) -> u8 {
            // SAFETY: contract.
            unsafe {
                ((p as *const $t).read_unaligned() == (q as *const $t).read_unaligned()) as u8
            }
        }
        unsafe extern "C" fn $shim(_ctx: usize, p: *const u8, q: *const u8) -> u8 {
            // SAFETY: forwarded.
            unsafe { $f(p, q) }
        }
        #[export_name = $fname]
        pub static $closure: FuncVal = FuncVal {
            code: $shim as *const u8,
        };
    };
}

fixed_eq!(
    "runtime.memequal8",
    "runtime.memequal8·f",
    memequal8,
    memequal8_shim,
    MEMEQUAL8_F,
    u8
);
fixed_eq!(
    "runtime.memequal16",
    "runtime.memequal16·f",
    memequal16,
    memequal16_shim,
    MEMEQUAL16_F,
    u16
);
fixed_eq!(
    "runtime.memequal32",
    "runtime.memequal32·f",
    memequal32,
    memequal32_shim,
    MEMEQUAL32_F,
    u32
);
fixed_eq!(
    "runtime.memequal64",
    "runtime.memequal64·f",
    memequal64,
    memequal64_shim,
    MEMEQUAL64_F,
    u64
);
fixed_eq!(
    "runtime.memequal128",
    "runtime.memequal128·f",
    memequal128,
    memequal128_shim,
    MEMEQUAL128_F,
    u128
);
fixed_eq!(
    "runtime.f32equal",
    "runtime.f32equal·f",
    f32equal,
    f32equal_shim,
    F32EQUAL_F,
    f32
);
fixed_eq!(
    "runtime.f64equal",
    "runtime.f64equal·f",
    f64equal,
    f64equal_shim,
    F64EQUAL_F,
    f64
);
fixed_eq!(
    "runtime.c64equal",
    "runtime.c64equal·f",
    c64equal,
    c64equal_shim,
    C64EQUAL_F,
    [f32; 2]
);
fixed_eq!(
    "runtime.c128equal",
    "runtime.c128equal·f",
    c128equal,
    c128equal_shim,
    C128EQUAL_F,
    [f64; 2]
);

/// # Safety
/// `p`, `q` point to string headers.
#[export_name = "runtime.strequal"]
pub unsafe extern "C" fn strequal(p: *const GoStr, q: *const GoStr) -> u8 {
    // SAFETY: contract.
    unsafe {
        let (a, b) = (*p, *q);
        (a.len == b.len && (a.ptr == b.ptr || crate::strings::memequal(a.ptr, b.ptr, a.len) != 0))
            as u8
    }
}
unsafe extern "C" fn strequal_shim(_ctx: usize, p: *const GoStr, q: *const GoStr) -> u8 {
    // SAFETY: forwarded.
    unsafe { strequal(p, q) }
}
#[export_name = "runtime.strequal·f"]
pub static STREQUAL_F: FuncVal = FuncVal {
    code: strequal_shim as *const u8,
};

unsafe extern "C" fn strhash_shim(_ctx: usize, p: *const GoStr, seed: usize) -> usize {
    // SAFETY: forwarded.
    unsafe { strhash(p, seed) }
}
#[export_name = "runtime.strhash·f"]
pub static STRHASH_F: FuncVal = FuncVal {
    code: strhash_shim as *const u8,
};

macro_rules! shim_closure {
    ($fname:literal, $shim:ident, $closure:ident, $f:ident, $a:ty, $b:ty, $r:ty) => {
        unsafe extern "C" fn $shim(_ctx: usize, a: $a, b: $b) -> $r {
            // SAFETY: forwarded.
            unsafe { $f(a, b) }
        }
        #[export_name = $fname]
        pub static $closure: FuncVal = FuncVal {
            code: $shim as *const u8,
        };
    };
}

shim_closure!(
    "runtime.f32hash·f",
    f32hash_shim,
    F32HASH_F,
    f32hash,
    *const f32,
    usize,
    usize
);
shim_closure!(
    "runtime.f64hash·f",
    f64hash_shim,
    F64HASH_F,
    f64hash,
    *const f64,
    usize,
    usize
);
shim_closure!(
    "runtime.c64hash·f",
    c64hash_shim,
    C64HASH_F,
    c64hash,
    *const f32,
    usize,
    usize
);
shim_closure!(
    "runtime.c128hash·f",
    c128hash_shim,
    C128HASH_F,
    c128hash,
    *const f64,
    usize,
    usize
);
shim_closure!(
    "runtime.interhash·f",
    interhash_shim,
    INTERHASH_F,
    interhash,
    *const [usize; 2],
    usize,
    usize
);
shim_closure!(
    "runtime.nilinterhash·f",
    nilinterhash_shim,
    NILINTERHASH_F,
    nilinterhash,
    *const [usize; 2],
    usize,
    usize
);
shim_closure!(
    "runtime.interequal·f",
    interequal_shim,
    INTEREQUAL_F,
    interequal,
    *const [usize; 2],
    *const [usize; 2],
    u8
);
shim_closure!(
    "runtime.nilinterequal·f",
    nilinterequal_shim,
    NILINTEREQUAL_F,
    nilinterequal,
    *const [usize; 2],
    *const [usize; 2],
    u8
);

/// # Safety
/// `p`, `q` point to non-empty interface values.
pub unsafe extern "C" fn interequal(p: *const [usize; 2], q: *const [usize; 2]) -> u8 {
    // SAFETY: contract.
    let (x, y) = unsafe { (*p, *q) };
    if x[0] != y[0] {
        return 0;
    }
    if x[0] == 0 {
        return 1;
    }
    // SAFETY: a non-nil itab.
    let t = unsafe { (*(x[0] as *const ITab)).typ };
    dyn_equal(t, x[1] as *const u8, y[1] as *const u8) as u8
}

/// # Safety
/// `p`, `q` point to empty interface values.
pub unsafe extern "C" fn nilinterequal(p: *const [usize; 2], q: *const [usize; 2]) -> u8 {
    // SAFETY: contract.
    let (x, y) = unsafe { (*p, *q) };
    if x[0] != y[0] {
        return 0;
    }
    if x[0] == 0 {
        return 1;
    }
    dyn_equal(x[0] as *const Type, x[1] as *const u8, y[1] as *const u8) as u8
}

/// Equality of two interface data words of dynamic type `t` (same type,
/// non-nil): panics for incomparable types.
pub fn dyn_equal(t: *const Type, x: *const u8, y: *const u8) -> bool {
    // SAFETY: t is a valid descriptor.
    let tr = unsafe { &*t };
    if tr.equal.is_null() {
        crate::error::panic_runtime_error_str(b"comparing uncomparable type ", tr.str());
    }
    if tr.tflag & TFLAG_DIRECT_IFACE != 0 {
        return x == y;
    }
    call_equal(tr.equal, x, y)
}

/// boundsError's equality (x, y, signed, code: 18 significant bytes).
unsafe extern "C" fn bounds_error_equal(_ctx: usize, p: *const u8, q: *const u8) -> u8 {
    // SAFETY: both point to boundsErrors.
    unsafe { crate::strings::memequal(p, q, 18) }
}
pub static BOUNDS_ERROR_EQUAL_F: FuncVal = FuncVal {
    code: bounds_error_equal as *const u8,
};

unsafe extern "C" {
    #[link_name = "runtime.gocall3"]
    fn gocall3(code: *const u8, a0: usize, a1: usize, a2: usize, g: *mut crate::g::G) -> Pair;
}

/// Two words returned in rax:rdx.
#[repr(C)]
struct Pair(usize, usize);

/// Calls Go code `code(a0, a1, a2)` from Rust with `r15` = the current G
/// (compiled code reads the G from r15). Returns rax:rdx.
pub fn call_go(code: *const u8, a0: usize, a1: usize, a2: usize) -> [usize; 2] {
    let g = crate::g::ensure_g();
    // SAFETY: code is a Go function taking (ctx, a1, a2) that the
    // descriptor/method table named; the trampoline keeps the ABI.
    let r = unsafe { gocall3(code, a0, a1, a2, g) };
    [r.0, r.1]
}

/// Calls an equal closure (ctx, p, q) -> u8.
#[inline]
pub fn call_equal(eq: *const usize, p: *const u8, q: *const u8) -> bool {
    // SAFETY: eq is a closure object whose first word is its code.
    let code = unsafe { *eq } as *const u8;
    if code == memequal64_shim as *const u8 {
        // SAFETY: the type's values are 8-byte memory.
        return unsafe { memequal64(p, q) != 0 };
    }
    if code == strequal_shim as *const u8 {
        // SAFETY: string values.
        return unsafe { strequal(p as *const GoStr, q as *const GoStr) != 0 };
    }
    call_go(code, eq as usize, p as usize, q as usize)[0] as u8 != 0
}

/// Calls a hash closure (ctx, p, seed) -> usize.
#[inline]
pub fn call_hash(h: *const usize, p: *const u8, seed: u64) -> u64 {
    // SAFETY: h is a closure object whose first word is its code.
    let code = unsafe { *h } as *const u8;
    if code == memhash64_shim as *const u8 {
        // SAFETY: 8-byte keys.
        return unsafe { hash64(r8(p), seed) };
    }
    if code == strhash_shim as *const u8 {
        // SAFETY: string keys.
        return unsafe { strhash(p as *const GoStr, seed as usize) as u64 };
    }
    call_go(code, h as usize, p as usize, seed as usize)[0] as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_consistent_and_spread() {
        let x = 12345u64;
        // SAFETY: x is 8 readable bytes (also below).
        let a = unsafe { memhash64(&x as *const u64 as *const u8, 7) };
        let b = call_hash(
            &MEMHASH64_F as *const FuncVal as *const usize,
            &x as *const u64 as *const u8,
            7,
        );
        assert_eq!(a as u64, b);
        // SAFETY: as above.
        assert_ne!(a, unsafe { memhash64(&x as *const u64 as *const u8, 8) });
        // Low 7 bits and high bits both vary over small keys.
        let mut lows = std::collections::HashSet::new();
        let mut highs = std::collections::HashSet::new();
        for i in 0..1000u64 {
            let h = hash64(i, 0);
            lows.insert(h & 0x7f);
            highs.insert(h >> 54);
        }
        assert!(lows.len() > 100, "{}", lows.len());
        assert!(highs.len() > 500, "{}", highs.len());
        // Strings: equal contents, different pointers, same hash.
        let s1 = b"hello, world, this is a longer string of more than 48 bytes!!".to_vec();
        let s2 = s1.clone();
        let g1 = GoStr {
            ptr: s1.as_ptr(),
            len: s1.len(),
        };
        let g2 = GoStr {
            ptr: s2.as_ptr(),
            len: s2.len(),
        };
        unsafe {
            assert_eq!(strhash(&g1, 3), strhash(&g2, 3));
            assert_eq!(strequal(&g1, &g2), 1);
            for n in 0..s1.len() {
                assert_eq!(memhash(s1.as_ptr(), 1, n), memhash(s2.as_ptr(), 1, n));
                if n > 0 {
                    assert_ne!(memhash(s1.as_ptr(), 1, n), memhash(s1.as_ptr(), 1, n - 1));
                }
            }
        }
    }

    #[test]
    fn floats_zero_and_nan() {
        let (pz, nz, nan) = (0.0f64, -0.0f64, f64::NAN);
        // SAFETY: pointers to live floats.
        unsafe {
            assert_eq!(f64hash(&pz, 1), f64hash(&nz, 1));
            assert_ne!(f64hash(&nan, 1), f64hash(&nan, 1));
            assert_eq!(f64equal(&pz as *const f64 as _, &nz as *const f64 as _), 1);
            assert_eq!(
                f64equal(&nan as *const f64 as _, &nan as *const f64 as _),
                0
            );
            let (a, b) = (0.0f32, -0.0f32);
            assert_eq!(f32hash(&a, 1), f32hash(&b, 1));
            let c1 = [0.0f64, 1.0];
            let c2 = [-0.0f64, 1.0];
            assert_eq!(c128hash(c1.as_ptr(), 5), c128hash(c2.as_ptr(), 5));
            assert_eq!(c128equal(c1.as_ptr() as _, c2.as_ptr() as _), 1);
        }
    }

    #[test]
    fn closure_objects_call_their_functions() {
        let x = [1u8, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
        let y = x;
        for (f, n) in [
            (&MEMEQUAL8_F, 1),
            (&MEMEQUAL16_F, 2),
            (&MEMEQUAL32_F, 4),
            (&MEMEQUAL64_F, 8),
            (&MEMEQUAL128_F, 16),
        ] {
            let mut z = y;
            assert!(call_equal(f as *const FuncVal as _, x.as_ptr(), z.as_ptr()));
            z[n - 1] ^= 1;
            assert!(!call_equal(
                f as *const FuncVal as _,
                x.as_ptr(),
                z.as_ptr()
            ));
        }
        let c = [memequal_varlen as *const () as usize, 8];
        assert_eq!(
            call_go(
                c[0] as *const u8,
                c.as_ptr() as usize,
                x.as_ptr() as usize,
                y.as_ptr() as usize
            )[0] as u8,
            1
        );
    }
}

#[cfg(test)]
mod typehash_tests {
    use super::*;
    use crate::testtypes::basic;

    #[test]
    fn struct_and_array_hashes_follow_fields() {
        let int_t = basic(kind::INT64, 8, &MEMEQUAL64_F, true);
        let str_t = basic(kind::STRING, 16, &STREQUAL_F, false);
        // struct { a int64; _ int64; s string }
        let blank: &'static [u8] = b"\x00\x01_";
        let a: &'static [u8] = b"\x00\x01a";
        let s: &'static [u8] = b"\x00\x01s";
        let fields: &'static [StructField] = Box::leak(Box::new([
            StructField {
                name: a.as_ptr(),
                typ: int_t,
                offset: 0,
            },
            StructField {
                name: blank.as_ptr(),
                typ: int_t,
                offset: 8,
            },
            StructField {
                name: s.as_ptr(),
                typ: str_t,
                offset: 16,
            },
        ]));
        let st: &'static abi::StructType = Box::leak(Box::new(abi::StructType {
            typ: Type {
                size: 32,
                ptr_bytes: 24,
                hash: 0,
                tflag: 0,
                align: 8,
                field_align: 8,
                kind: kind::STRUCT,
                equal: core::ptr::null(),
                gcdata: core::ptr::null(),
                str_: 0,
                ptr_to_this: 0,
            },
            pkg_path: core::ptr::null(),
            fields: fields.as_ptr() as *const u8,
            flen: 3,
            fcap: 3,
        }));
        let t = &st.typ as *const Type;
        let x1 = "hello".to_string();
        let x2 = "hello".to_string();
        let v1 = [7usize, 1, x1.as_ptr() as usize, x1.len()];
        let v2 = [7usize, 999, x2.as_ptr() as usize, x2.len()];
        let v3 = [8usize, 1, x1.as_ptr() as usize, x1.len()];
        let h = |v: &[usize; 4]| typehash(t, v.as_ptr() as *const u8, 3);
        assert_eq!(h(&v1), h(&v2), "blank field and string pointer ignored");
        assert_ne!(h(&v1), h(&v3));
        // [2]float64 with -0 and +0.
        let f = basic(kind::FLOAT64, 8, &F64EQUAL_F, false);
        let arr: &'static [u64; 9] = Box::leak(Box::new([0; 9]));
        let at = arr.as_ptr() as *mut Type;
        // SAFETY: writing an ArrayType into leaked zeroed memory.
        unsafe {
            ptr_write_type(at, kind::ARRAY, 16);
            let ext = at.add(1) as *mut usize;
            *ext = f as usize;
            *ext.add(2) = 2;
        }
        let a1 = [0.0f64, 1.5];
        let a2 = [-0.0f64, 1.5];
        assert_eq!(
            typehash(at, a1.as_ptr() as *const u8, 1),
            typehash(at, a2.as_ptr() as *const u8, 1)
        );
    }

    unsafe fn ptr_write_type(t: *mut Type, k: u8, size: usize) {
        // SAFETY: caller's memory.
        unsafe {
            core::ptr::write(
                t,
                Type {
                    size,
                    ptr_bytes: 0,
                    hash: 0,
                    tflag: 0,
                    align: 8,
                    field_align: 8,
                    kind: k,
                    equal: core::ptr::null(),
                    gcdata: core::ptr::null(),
                    str_: 0,
                    ptr_to_this: 0,
                },
            )
        }
    }
}
