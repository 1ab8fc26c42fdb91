//! Interfaces: boxing values (`convT`, `convT16/32/64`, `convTstring`,
//! `convTslice`, with gc's `staticuint64s` for small integers and
//! `zeroVal` for empty strings/nil slices), itabs (`assertE2I`,
//! `assertE2I2`, built by matching the interface's methods against the
//! type's method table and cached in a global table keyed by
//! (interface, type), failures included), interface equality (`efaceeq`,
//! `ifaceeq`) and calling a dynamic type's `Error()`/`String()` method
//! from the runtime (`method_string`).

use crate::abi::{self, ITab, InterfaceType, Method, Type};
use crate::error::{panic_type_assertion, TypeAssertionError};
use crate::hash;
use crate::lock::Mutex;
use crate::malloc::{self, persistent};
use crate::rtype::GoStr;
use core::ptr;

/// gc's staticuint64s: boxed values of small integers point here.
#[export_name = "runtime.staticuint64s"]
pub static STATICUINT64S: [u64; 256] = {
    let mut a = [0u64; 256];
    let mut i = 0;
    while i < 256 {
        a[i] = i as u64;
        i += 1;
    }
    a
};

/// gc's zeroVal: a zeroed area returned for missing map entries and used
/// to box zero values.
#[export_name = "runtime.zeroVal"]
pub static ZEROVAL: [u64; 128] = [0; 128];

pub fn zeroval() -> *mut u8 {
    ZEROVAL.as_ptr() as *mut u8
}

/// `convT(t, src)`: a heap copy of the value at `src` for an interface.
///
/// # Safety
/// `t` is a valid descriptor and `src` points to a value of it.
#[export_name = "runtime.convT"]
pub unsafe extern "C" fn convt(t: *const Type, src: *const u8) -> *mut u8 {
    // SAFETY: contract; the new object has t's size.
    unsafe {
        let size = (*t).size;
        if size == 0 {
            return malloc::zerobase();
        }
        let p = malloc::malloc(size, t, false);
        ptr::copy_nonoverlapping(src, p, size);
        p
    }
}

/// Boxes a pointer-free value of `n` bytes (`v`'s low bytes).
fn box_small(v: u64, n: usize) -> *mut u8 {
    if v < 256 {
        // SAFETY: little-endian: the value's n low bytes start the u64.
        return unsafe { STATICUINT64S.as_ptr().add(v as usize) as *mut u8 };
    }
    // SAFETY: a fresh pointer-free object of n ≤ 8 bytes.
    unsafe {
        let p = malloc::malloc(n, ptr::null(), false);
        ptr::copy_nonoverlapping(&v as *const u64 as *const u8, p, n);
        p
    }
}

#[export_name = "runtime.convT16"]
pub extern "C" fn convt16(v: u16) -> *mut u8 {
    box_small(v as u64, 2)
}

#[export_name = "runtime.convT32"]
pub extern "C" fn convt32(v: u32) -> *mut u8 {
    box_small(v as u64, 4)
}

#[export_name = "runtime.convT64"]
pub extern "C" fn convt64(v: u64) -> *mut u8 {
    box_small(v, 8)
}

/// The descriptor malloc sees for a boxed string/slice (one pointer word
/// first): any type with ptr_bytes = 8 will do until the collector needs
/// exact types.
fn ptr_first_type() -> *const Type {
    crate::rtype::string_type()
}

#[export_name = "runtime.convTstring"]
pub extern "C" fn convtstring(p: *const u8, len: usize) -> *mut u8 {
    if len == 0 {
        return zeroval();
    }
    // SAFETY: a fresh 16-byte object holding a string header.
    unsafe {
        let b = malloc::malloc(16, ptr_first_type(), false) as *mut usize;
        *b = p as usize;
        *b.add(1) = len;
        b as *mut u8
    }
}

#[export_name = "runtime.convTslice"]
pub extern "C" fn convtslice(p: *const u8, len: usize, cap: usize) -> *mut u8 {
    if p.is_null() {
        return zeroval();
    }
    // SAFETY: a fresh 24-byte object holding a slice header.
    unsafe {
        let b = malloc::malloc(24, ptr_first_type(), false) as *mut usize;
        *b = p as usize;
        *b.add(1) = len;
        *b.add(2) = cap;
        b as *mut u8
    }
}

// ---- itabs -------------------------------------------------------------

/// The name bytes and package path of a method name at `off` in the blob
/// of `base`, with `default_pkg` for unexported names without their own.
fn method_name(
    base: *const u8,
    off: abi::NameOff,
    default_pkg: &'static [u8],
) -> (&'static [u8], bool, &'static [u8]) {
    let p = abi::resolve_name_off(base, off);
    // SAFETY: NameOffs of method tables point to abi.Names.
    let (name, flags, pkg) = unsafe { abi::name_parts(p) };
    let exported = flags & abi::NAME_EXPORTED != 0;
    let pkg = if pkg != 0 {
        abi::name_at(base, pkg)
    } else {
        default_pkg
    };
    (name, exported, pkg)
}

fn same_type(a: *const Type, b: *const Type) -> bool {
    a == b || (!a.is_null() && !b.is_null() && abi::type_string(a) == abi::type_string(b))
}

/// Finds `t`'s method matching interface method `im` of `inter`.
fn find_method(inter: &InterfaceType, im: &abi::Imethod, t: &Type) -> Option<&'static Method> {
    let ib = inter as *const InterfaceType as *const u8;
    // SAFETY: the interface's PkgPath is null or an abi.Name.
    let ipkg = unsafe { abi::read_name(inter.pkg_path) };
    let (iname, iexp, ipkg) = method_name(ib, im.name, ipkg);
    let ityp = abi::resolve_type_off(ib, im.typ);
    let tb = t as *const Type as *const u8;
    let tpkg = t.pkg_path();
    t.methods().iter().find(|m| {
        let (name, exp, pkg) = method_name(tb, m.name, tpkg);
        name == iname
            && exp == iexp
            && (iexp || pkg == ipkg)
            && same_type(abi::resolve_type_off(tb, m.mtyp), ityp)
    })
}

/// Builds the itab of (inter, t): (itab, "") or, when `t` lacks a method,
/// (null, the first missing method's name).
fn build_itab(inter: &InterfaceType, t: *const Type) -> (*mut ITab, &'static [u8]) {
    let n = inter.mlen.max(1);
    let size = core::mem::size_of::<ITab>() + (n - 1) * 8;
    let tab = persistent::alloc(size, 8) as *mut ITab;
    // SAFETY: t is a valid descriptor; tab is fresh zeroed memory of the
    // itab's size.
    unsafe {
        let tr = &*t;
        (*tab).inter = inter;
        (*tab).typ = t;
        (*tab).hash = tr.hash;
        let fun = (*tab).fun.as_mut_ptr();
        let ib = inter as *const InterfaceType as *const u8;
        for (k, im) in inter.methods().iter().enumerate() {
            // A method the compiler left out (no code: a value of the type
            // never reaches an interface statically) cannot be called.
            let code = find_method(inter, im, tr)
                .map(|m| abi::resolve_text_off(t as *const u8, m.ifn))
                .filter(|&c| c != 0);
            match code {
                Some(c) => {
                    *fun.add(k) = c;
                }
                None => {
                    // SAFETY: the interface's PkgPath is null or an abi.Name.
                    let (name, _, _) = method_name(ib, im.name, abi::read_name(inter.pkg_path));
                    return (ptr::null_mut(), name);
                }
            }
        }
        if inter.mlen == 0 {
            *fun = 1;
        }
    }
    (tab, b"")
}

struct ItabEntry {
    inter: usize,
    typ: usize,
    tab: *mut ITab,
    missing: &'static [u8],
}

struct ItabTable {
    entries: *mut ItabEntry,
    cap: usize,
    count: usize,
}

// SAFETY: only accessed under its mutex.
unsafe impl Send for ItabTable {}

static ITABS: Mutex<ItabTable> = Mutex::new(ItabTable {
    entries: ptr::null_mut(),
    cap: 0,
    count: 0,
});

fn slot_of(inter: usize, typ: usize, cap: usize) -> usize {
    (hash::hash64(inter as u64 ^ (typ as u64).rotate_left(29), 0) as usize) & (cap - 1)
}

impl ItabTable {
    fn find(&self, inter: usize, typ: usize) -> Option<&ItabEntry> {
        if self.cap == 0 {
            return None;
        }
        let mut i = slot_of(inter, typ, self.cap);
        loop {
            // SAFETY: i < cap; entries holds cap entries.
            let e = unsafe { &*self.entries.add(i) };
            if e.inter == 0 {
                return None;
            }
            if e.inter == inter && e.typ == typ {
                return Some(e);
            }
            i = (i + 1) & (self.cap - 1);
        }
    }

    fn insert(&mut self, e: ItabEntry) {
        if (self.count + 1) * 4 > self.cap * 3 {
            let old = (self.entries, self.cap);
            let cap = (self.cap * 2).max(64);
            self.entries = persistent::alloc(cap * core::mem::size_of::<ItabEntry>(), 8).cast();
            self.cap = cap;
            self.count = 0;
            for i in 0..old.1 {
                // SAFETY: i < old cap.
                let o = unsafe { ptr::read(old.0.add(i)) };
                if o.inter != 0 {
                    self.insert(o);
                }
            }
        }
        let mut i = slot_of(e.inter, e.typ, self.cap);
        // SAFETY: i < cap; there is a free entry (load ≤ 3/4).
        unsafe {
            while (*self.entries.add(i)).inter != 0 {
                i = (i + 1) & (self.cap - 1);
            }
            ptr::write(self.entries.add(i), e);
        }
        self.count += 1;
    }
}

/// The cached itab of (inter, t) and the missing method's name.
pub fn getitab(inter: *const InterfaceType, t: *const Type) -> (*const ITab, &'static [u8]) {
    let mut tab = ITABS.lock();
    if let Some(e) = tab.find(inter as usize, t as usize) {
        return (e.tab, e.missing);
    }
    // SAFETY: inter is a valid interface descriptor.
    let (it, missing) = build_itab(unsafe { &*inter }, t);
    tab.insert(ItabEntry {
        inter: inter as usize,
        typ: t as usize,
        tab: it,
        missing,
    });
    (it, missing)
}

fn ok(tab: *const ITab) -> bool {
    !tab.is_null()
}

/// `assertE2I(inter, t)`: the itab for converting a value of dynamic type
/// `t` to `inter`; panics with a `*runtime.TypeAssertionError` when `t` is
/// nil or lacks a method.
pub extern "C" fn assert_e2i(inter: *const InterfaceType, t: *const Type) -> *const ITab {
    if t.is_null() {
        panic_type_assertion(TypeAssertionError {
            interface: ptr::null(),
            concrete: ptr::null(),
            asserted: inter as *const Type,
            missing_ptr: ptr::null(),
            missing_len: 0,
        });
    }
    let (tab, missing) = getitab(inter, t);
    if !ok(tab) {
        panic_type_assertion(TypeAssertionError {
            interface: ptr::null(),
            concrete: t,
            asserted: inter as *const Type,
            missing_ptr: missing.as_ptr(),
            missing_len: missing.len(),
        });
    }
    tab
}

/// `assertE2I2(inter, t)`: the itab, or nil when `t` is nil or does not
/// implement `inter`.
#[export_name = "runtime.assertE2I2"]
pub extern "C" fn assert_e2i2(inter: *const InterfaceType, t: *const Type) -> *const ITab {
    if t.is_null() {
        return ptr::null();
    }
    let (tab, _) = getitab(inter, t);
    if ok(tab) {
        tab
    } else {
        ptr::null()
    }
}

/// `efaceeq(t, x, y)`: equality of two interface data words of the same
/// non-nil dynamic type `t`.
pub extern "C" fn efaceeq(t: *const Type, x: *const u8, y: *const u8) -> u8 {
    hash::dyn_equal(t, x, y) as u8
}

/// `ifaceeq(tab, x, y)`: as efaceeq with the itab's type.
pub extern "C" fn ifaceeq(tab: *const ITab, x: *const u8, y: *const u8) -> u8 {
    // SAFETY: compiled code passes a non-nil itab.
    hash::dyn_equal(unsafe { (*tab).typ }, x, y) as u8
}

// ---- calling methods from the runtime -----------------------------------

/// The code of `t`'s method `name` when it has type `func() string`.
pub fn string_method(t: *const Type, name: &[u8]) -> Option<usize> {
    // SAFETY: t is null or a valid descriptor.
    let tr = unsafe { t.as_ref() }?;
    let tb = t as *const u8;
    let m = tr.methods().iter().find(|m| {
        abi::name_at(tb, m.name) == name
            && abi::type_string(abi::resolve_type_off(tb, m.mtyp)) == b"func() string"
    })?;
    let code = abi::resolve_text_off(tb, m.ifn);
    (code != 0).then_some(code)
}

/// Calls the dynamic type's `Error()` (or else `String()`) method on the
/// interface value (t, data), as gc's preprintpanics does.
pub fn method_string(t: *const Type, data: *mut u8) -> Option<GoStr> {
    let code = string_method(t, b"Error").or_else(|| string_method(t, b"String"))?;
    let r = hash::call_go(code as *const u8, 0, data as usize, 0);
    Some(GoStr {
        ptr: r[0] as *const u8,
        len: r[1],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::kind;
    use crate::rtype::heap_string;
    use crate::testtypes::Builder;

    unsafe extern "C" fn t_m(_ctx: usize, recv: *mut u8) -> GoStr {
        // SAFETY: the receiver word points to a T.
        let v = unsafe { *(recv as *const i64) };
        heap_string(format!("T.M({v})").as_bytes())
    }
    unsafe extern "C" fn t_string(_ctx: usize, _recv: *mut u8) -> GoStr {
        heap_string(b"a T")
    }
    unsafe extern "C" fn p_error(_ctx: usize, _recv: *mut u8) -> GoStr {
        heap_string(b"boom")
    }

    struct World {
        b: crate::testtypes::Blob,
        t: usize,
        u: usize,
        p: usize,
        i_m: *const InterfaceType,
        error: *const InterfaceType,
        rterror: *const InterfaceType,
        stringer: *const InterfaceType,
    }

    fn world() -> World {
        let mut b = Builder::new();
        let fs = b.func("func() string");
        let fv = b.func("func()");
        let t = b.named(
            kind::INT,
            8,
            "main.T",
            Some(&crate::hash::MEMEQUAL64_F),
            &[
                ("M", fs, t_m as *const () as usize),
                ("String", fs, t_string as *const () as usize),
            ],
        );
        let u = b.named(
            kind::INT,
            8,
            "main.U",
            Some(&crate::hash::MEMEQUAL64_F),
            &[],
        );
        let pe = b.named(kind::STRUCT, 0, "main.E", None, &[]);
        let p = b.pointer(
            pe,
            "*main.E",
            &[("Error", fs, p_error as *const () as usize)],
        );
        let i_m = b.interface("main.I", &[("M", fs)]);
        let error = b.interface("error", &[("Error", fs)]);
        let rterror = b.interface("runtime.Error", &[("Error", fs), ("RuntimeError", fv)]);
        let stringer = b.interface("fmt.Stringer", &[("String", fs)]);
        World {
            b: b.finish(),
            t,
            u,
            p,
            i_m,
            error,
            rterror,
            stringer,
        }
    }

    fn call_fun0(tab: *const ITab, data: *mut u8) -> Vec<u8> {
        // SAFETY: a complete itab.
        let code = unsafe { (*tab).fun[0] };
        let r = hash::call_go(code as *const u8, 0, data as usize, 0);
        // SAFETY: a Go string result.
        unsafe { abi::bytes(r[0] as *const u8, r[1]) }.to_vec()
    }

    #[test]
    fn itabs_are_built_cached_and_callable() {
        let w = world();
        let t = w.b.t(w.t);
        assert_eq!(abi::type_string(t), b"main.T");
        assert_eq!(abi::type_string(w.i_m as *const Type), b"main.I");
        let tab = assert_e2i2(w.i_m, t);
        assert!(!tab.is_null());
        // SAFETY: a built itab.
        unsafe {
            assert_eq!((*tab).typ, t);
            assert_eq!((*tab).hash, (*t).hash);
        }
        assert_eq!(assert_e2i2(w.i_m, t), tab, "cached");
        let v = convt64(1234);
        assert_eq!(call_fun0(tab, v), b"T.M(1234)");
        // U has no M; nil type gives nil.
        assert!(assert_e2i2(w.i_m, w.b.t(w.u)).is_null());
        assert!(assert_e2i2(w.i_m, ptr::null()).is_null());
        let (_, missing) = getitab(w.i_m, w.b.t(w.u));
        assert_eq!(missing, b"M");
        // Stringer through the same method table.
        let st = assert_e2i2(w.stringer, t);
        assert_eq!(call_fun0(st, v), b"a T");
        // *main.E is an error.
        let et = assert_e2i2(w.error, w.b.t(w.p));
        assert_eq!(call_fun0(et, 8 as *mut u8), b"boom");
        assert!(assert_e2i2(w.rterror, w.b.t(w.p)).is_null());
    }

    #[test]
    fn runtime_errors_implement_error_and_runtime_error() {
        let w = world();
        let (t, d) = crate::error::error_string("integer divide by zero", false);
        let tab = assert_e2i2(w.error, t);
        assert!(!tab.is_null());
        assert_eq!(call_fun0(tab, d), b"runtime error: integer divide by zero");
        assert!(!assert_e2i2(w.rterror, t).is_null());
        let (pt, pd) = crate::error::error_string("assignment to entry in nil map", true);
        assert_eq!(
            call_fun0(assert_e2i2(w.rterror, pt), pd),
            b"assignment to entry in nil map"
        );
        assert_eq!(abi::type_string(pt), b"runtime.plainError");
        let (nt, nd) = crate::error::panic_nil_error();
        assert_eq!(abi::type_string(nt), b"*runtime.PanicNilError");
        assert_eq!(
            call_fun0(assert_e2i2(w.error, nt), nd),
            b"runtime error: panic called with nil argument"
        );
        assert_eq!(
            abi::type_string(crate::rtype::type_assertion_error()),
            b"*runtime.TypeAssertionError"
        );
        assert_eq!(
            abi::type_string(crate::rtype::bounds_error()),
            b"runtime.boundsError"
        );
        // Not a Stringer.
        assert!(assert_e2i2(w.stringer, t).is_null());
        // method_string finds Error.
        let s = method_string(t, d).unwrap();
        assert_eq!(s.as_bytes(), b"runtime error: integer divide by zero");
        assert!(method_string(w.b.t(w.u), convt64(3)).is_none());
        assert_eq!(
            method_string(w.b.t(w.t), convt64(3)).unwrap().as_bytes(),
            b"a T"
        );
    }

    #[test]
    fn type_assertion_messages() {
        let w = world();
        let mut b = crate::print::StackBuf::<256>::new();
        let e = TypeAssertionError {
            interface: ptr::null(),
            concrete: w.b.t(w.u),
            asserted: w.i_m as *const Type,
            missing_ptr: b"M".as_ptr(),
            missing_len: 1,
        };
        crate::error::type_assertion_message(&e, &mut b);
        assert_eq!(
            b.as_bytes(),
            b"interface conversion: main.U is not main.I: missing method M"
        );
        let mut b = crate::print::StackBuf::<256>::new();
        let e = TypeAssertionError {
            interface: w.i_m as *const Type,
            concrete: w.b.t(w.p),
            asserted: w.b.t(w.u),
            missing_ptr: ptr::null(),
            missing_len: 0,
        };
        crate::error::type_assertion_message(&e, &mut b);
        assert_eq!(
            b.as_bytes(),
            b"interface conversion: main.I is *main.E, not main.U"
        );
        let mut b = crate::print::StackBuf::<256>::new();
        let e = TypeAssertionError {
            interface: ptr::null(),
            concrete: ptr::null(),
            asserted: w.i_m as *const Type,
            missing_ptr: ptr::null(),
            missing_len: 0,
        };
        crate::error::type_assertion_message(&e, &mut b);
        assert_eq!(
            b.as_bytes(),
            b"interface conversion: interface is nil, not main.I"
        );
    }

    #[test]
    fn boxing_small_values_does_not_allocate() {
        let p = convt64(200);
        assert_eq!(p as *const u64, &STATICUINT64S[200] as *const u64);
        // SAFETY: boxed values.
        unsafe {
            assert_eq!(*(convt16(7) as *const u16), 7);
            assert_eq!(*(convt32(255) as *const u32), 255);
            let q = convt64(1 << 40);
            assert_eq!(*(q as *const u64), 1 << 40);
            assert_eq!(*(convt32(70000) as *const u32), 70000);
            assert_eq!(*(convt16(65535) as *const u16), 65535);
            assert_eq!(convtstring(ptr::null(), 0), zeroval());
            let s = b"hi";
            let b = convtstring(s.as_ptr(), 2) as *const usize;
            assert_eq!((*b, *b.add(1)), (s.as_ptr() as usize, 2));
            assert_eq!(convtslice(ptr::null(), 0, 0), zeroval());
            let src = [9u64, 8, 7];
            let c = convt(
                crate::testtypes::basic(kind::ARRAY, 24, &crate::hash::MEMEQUAL64_F, true),
                src.as_ptr() as *const u8,
            ) as *const u64;
            assert_eq!(*c.add(2), 7);
        }
    }

    #[test]
    fn interface_equality() {
        let w = world();
        let t = w.b.t(w.t);
        assert_eq!(efaceeq(t, convt64(300), convt64(300)), 1);
        assert_eq!(efaceeq(t, convt64(300), convt64(301)), 0);
        let p = w.b.t(w.p);
        assert_eq!(efaceeq(p, 16 as *const u8, 16 as *const u8), 1);
        assert_eq!(efaceeq(p, 16 as *const u8, 24 as *const u8), 0);
        let tab = assert_e2i2(w.i_m, t);
        assert_eq!(ifaceeq(tab, convt64(5), convt64(5)), 1);
        // interequal / nilinterequal on whole interface values.
        let a = [t as usize, convt64(9) as usize];
        let b = [t as usize, convt64(9) as usize];
        let c = [w.b.t(w.u) as usize, b[1]];
        // SAFETY: eface values.
        unsafe {
            assert_eq!(crate::hash::nilinterequal(&a, &b), 1);
            assert_eq!(crate::hash::nilinterequal(&a, &c), 0);
            assert_eq!(crate::hash::nilinterequal(&[0, 0], &[0, 0]), 1);
            assert_eq!(
                crate::hash::nilinterhash(&a, 1),
                crate::hash::nilinterhash(&b, 1)
            );
        }
    }
}
