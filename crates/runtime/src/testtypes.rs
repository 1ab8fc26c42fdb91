//! Tests only: a small builder of type-descriptor blobs laid out as the
//! compiler lays out `go.types` (abi.Type, kind extension, UncommonType,
//! Methods, abi.Names; NameOff/TypeOff are offsets from the blob start,
//! TextOff an index into the blob's text table), registered so that the
//! `abi` resolvers find them.

use crate::abi::{
    kind, Imethod, InterfaceType, MapType, Method, Type, UncommonType, TFLAG_DIRECT_IFACE,
    TFLAG_NAMED, TFLAG_REGULAR_MEMORY, TFLAG_UNCOMMON,
};
use crate::hash::FuncVal;
use std::sync::Mutex;

struct Reg {
    start: usize,
    end: usize,
    text: usize,
    ntext: usize,
}

static BLOBS: Mutex<Vec<Reg>> = Mutex::new(Vec::new());

/// The registered test blob containing `p`.
pub fn blob_containing(p: *const u8) -> Option<(*const u8, *const usize, usize)> {
    let a = p as usize;
    let v = BLOBS.lock().unwrap();
    v.iter()
        .find(|r| a >= r.start && a < r.end)
        .map(|r| (r.start as *const u8, r.text as *const usize, r.ntext))
}

pub struct Builder {
    base: *mut u8,
    len: usize,
    cap: usize,
    text: Vec<usize>,
}

/// A method: (name, method type offset, code address).
pub type M<'a> = (&'a str, i32, usize);

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    pub fn new() -> Builder {
        let cap = 1 << 16;
        let mem = Box::leak(vec![0u64; cap / 8].into_boxed_slice());
        let b = Builder {
            base: mem.as_mut_ptr() as *mut u8,
            len: 8,
            cap,
            text: Vec::new(),
        };
        // Register now (text table pointer filled in by `finish`).
        BLOBS.lock().unwrap().push(Reg {
            start: b.base as usize,
            end: b.base as usize + cap,
            text: 0,
            ntext: 0,
        });
        b
    }

    fn alloc(&mut self, size: usize, align: usize) -> usize {
        let off = self.len.next_multiple_of(align);
        assert!(off + size <= self.cap);
        self.len = off + size;
        off
    }

    pub fn ptr(&self, off: usize) -> *mut u8 {
        // SAFETY: off < cap, inside the leaked buffer.
        unsafe { self.base.add(off) }
    }

    pub fn t(&self, off: usize) -> *const Type {
        self.ptr(off) as *const Type
    }

    fn write<T>(&mut self, off: usize, v: T) {
        // SAFETY: off is inside the buffer with room for T (alloc'd).
        unsafe { core::ptr::write_unaligned(self.ptr(off) as *mut T, v) }
    }

    /// An abi.Name (exported when upper-case first).
    pub fn name(&mut self, s: &str) -> i32 {
        assert!(s.len() < 128);
        let off = self.alloc(2 + s.len(), 1);
        let b = s.as_bytes();
        let flags = b.first().is_some_and(|c| c.is_ascii_uppercase()) as u8;
        self.write(off, flags);
        self.write(off + 1, b.len() as u8);
        for (i, &c) in b.iter().enumerate() {
            self.write(off + 2 + i, c);
        }
        off as i32
    }

    /// A descriptor of `kind` with `ext` bytes of kind extension (zeroed,
    /// filled by the caller) and the given methods (sorted by the caller).
    #[allow(clippy::too_many_arguments)]
    pub fn typ(
        &mut self,
        k: u8,
        size: usize,
        ptr_bytes: usize,
        s: &str,
        tflag: u8,
        equal: Option<&'static FuncVal>,
        ext: usize,
        methods: &[M],
    ) -> usize {
        let str_ = self.name(s);
        let off = self.alloc(48 + ext, 8);
        let tflag = if methods.is_empty() {
            tflag
        } else {
            tflag | TFLAG_UNCOMMON
        };
        self.write(
            off,
            Type {
                size,
                ptr_bytes,
                hash: (off as u32).wrapping_mul(0x9e37_79b9),
                tflag,
                align: 8,
                field_align: 8,
                kind: k,
                equal: equal.map_or(core::ptr::null(), |f| f as *const FuncVal as *const usize),
                gcdata: core::ptr::null(),
                str_,
                ptr_to_this: 0,
            },
        );
        if !methods.is_empty() {
            let u = self.alloc(16 + 16 * methods.len(), 4);
            assert_eq!(u, off + 48 + ext);
            let pkg = self.name("main");
            self.write(
                u,
                UncommonType {
                    pkg_path: pkg,
                    mcount: methods.len() as u16,
                    xcount: methods.len() as u16,
                    moff: 16,
                    _pad: 0,
                },
            );
            for (i, &(name, mtyp, code)) in methods.iter().enumerate() {
                let n = self.name(name);
                let ti = self.text.len() as i32;
                self.text.push(code);
                self.write(
                    u + 16 + 16 * i,
                    Method {
                        name: n,
                        mtyp,
                        ifn: ti,
                        tfn: ti,
                    },
                );
            }
        }
        off
    }

    /// A named basic type (`main.T`) with methods.
    pub fn named(
        &mut self,
        k: u8,
        size: usize,
        s: &str,
        equal: Option<&'static FuncVal>,
        methods: &[M],
    ) -> usize {
        let ptr_bytes = if k == kind::STRING { 8 } else { 0 };
        let reg = if k == kind::STRING {
            0
        } else {
            TFLAG_REGULAR_MEMORY
        };
        self.typ(k, size, ptr_bytes, s, TFLAG_NAMED | reg, equal, 0, methods)
    }

    /// A `func...` type, identified by its string.
    pub fn func(&mut self, s: &str) -> i32 {
        let off = self.typ(kind::FUNC, 8, 8, s, TFLAG_DIRECT_IFACE, None, 8, &[]);
        // FuncType's InCount/OutCount (the zeroed ext) stay 0: method
        // types are compared by their strings.
        off as i32
    }

    /// A pointer type to `elem` with methods.
    pub fn pointer(&mut self, elem: usize, s: &str, methods: &[M]) -> usize {
        let off = self.typ(
            kind::POINTER,
            8,
            8,
            s,
            TFLAG_DIRECT_IFACE | TFLAG_REGULAR_MEMORY,
            Some(&crate::hash::MEMEQUAL64_F),
            8,
            methods,
        );
        let e = self.t(elem);
        self.write(off + 48, e);
        off
    }

    /// An interface type with methods (name, func type offset), sorted.
    pub fn interface(&mut self, s: &str, methods: &[(&str, i32)]) -> *const InterfaceType {
        let eq = if methods.is_empty() {
            &crate::hash::NILINTEREQUAL_F
        } else {
            &crate::hash::INTEREQUAL_F
        };
        let off = self.typ(kind::INTERFACE, 16, 16, s, 0, Some(eq), 32, &[]);
        let ims = self.alloc(8 * methods.len().max(1), 4);
        for (i, &(name, typ)) in methods.iter().enumerate() {
            let n = self.name(name);
            self.write(ims + 8 * i, Imethod { name: n, typ });
        }
        let p = self.ptr(ims);
        self.write(off + 48, core::ptr::null::<u8>());
        self.write(off + 56, p);
        self.write(off + 64, methods.len());
        self.write(off + 72, methods.len());
        self.ptr(off) as *const InterfaceType
    }

    /// Publishes the text table; the blob is usable from then on.
    pub fn finish(self) -> Blob {
        let text = Box::leak(self.text.into_boxed_slice());
        let mut v = BLOBS.lock().unwrap();
        let r = v
            .iter_mut()
            .find(|r| r.start == self.base as usize)
            .unwrap();
        r.text = text.as_ptr() as usize;
        r.ntext = text.len();
        Blob { base: self.base }
    }
}

pub struct Blob {
    base: *mut u8,
}

impl Blob {
    pub fn t(&self, off: usize) -> *const Type {
        // SAFETY: off is inside the blob.
        unsafe { self.base.add(off) as *const Type }
    }
}

/// A map type (interleaved KVKV group layout, no blob needed) with
/// key/elem descriptors and the key's hasher.
pub fn map_type(
    key: *const Type,
    elem: *const Type,
    hasher: &'static FuncVal,
    flags: u32,
) -> &'static MapType {
    // SAFETY: valid descriptors.
    let (ks, es, ka, ea) = unsafe {
        (
            (*key).size,
            (*elem).size,
            (*key).align as usize,
            (*elem).align as usize,
        )
    };
    let (ks_slot, es_slot) = (
        if flags & crate::abi::MAP_INDIRECT_KEY != 0 {
            8
        } else {
            ks
        },
        if flags & crate::abi::MAP_INDIRECT_ELEM != 0 {
            8
        } else {
            es
        },
    );
    let align = ka.max(ea).max(1);
    let elem_off = ks_slot.next_multiple_of(ea.max(1));
    let slot = (elem_off + es_slot).next_multiple_of(align);
    let slots_off = 8usize.next_multiple_of(align);
    let group_size = (slots_off + 8 * slot).next_multiple_of(8);
    Box::leak(Box::new(MapType {
        typ: Type {
            size: 8,
            ptr_bytes: 8,
            hash: 0,
            tflag: TFLAG_DIRECT_IFACE,
            align: 8,
            field_align: 8,
            kind: kind::MAP,
            equal: core::ptr::null(),
            gcdata: core::ptr::null(),
            str_: 0,
            ptr_to_this: 0,
        },
        key,
        elem,
        group: core::ptr::null(),
        hasher: hasher as *const FuncVal as *const usize,
        group_size,
        keys_off: slots_off,
        key_stride: slot,
        elems_off: slots_off + elem_off,
        elem_stride: slot,
        elem_off,
        flags,
    }))
}

/// A plain unnamed descriptor (int, string, float64...) outside any blob.
pub fn basic(k: u8, size: usize, equal: &'static FuncVal, regular: bool) -> *const Type {
    Box::leak(Box::new(Type {
        size,
        ptr_bytes: if k == kind::STRING { 8 } else { 0 },
        hash: k as u32,
        tflag: if regular { TFLAG_REGULAR_MEMORY } else { 0 },
        align: size.clamp(1, 8) as u8,
        field_align: size.clamp(1, 8) as u8,
        kind: k,
        equal: equal as *const FuncVal as *const usize,
        gcdata: core::ptr::null(),
        str_: 0,
        ptr_to_this: 0,
    }))
}
