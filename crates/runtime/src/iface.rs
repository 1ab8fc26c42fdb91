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

/// Builds the itab of (inter, t); `fun[0] == 0` when `t` lacks a method
/// (then `Err(name)` of the first missing one).
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
            match find_method(inter, im, tr) {
                Some(m) => {
                    *fun.add(k) = abi::resolve_text_off(t as *const u8, m.ifn);
                }
                None => {
                    *fun = 0;
                    // SAFETY: the interface's PkgPath is null or an abi.Name.
                    let (name, _, _) = method_name(ib, im.name, abi::read_name(inter.pkg_path));
                    return (tab, name);
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
            if e.tab.is_null() {
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
                if !o.tab.is_null() {
                    self.insert(o);
                }
            }
        }
        let mut i = slot_of(e.inter, e.typ, self.cap);
        // SAFETY: i < cap; there is a free entry (load ≤ 3/4).
        unsafe {
            while !(*self.entries.add(i)).tab.is_null() {
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
    // SAFETY: tab is a built itab with at least one fun word.
    unsafe { (*tab).fun[0] != 0 }
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
