//! The data layouts compiled code and the runtime share (docs/ABI.md):
//! `abi.Type` (GOROOT's internal/abi.Type, 48 bytes) and the kinds'
//! extensions the runtime reads (`PtrType`, `FuncType`, `InterfaceType`,
//! `MapType`, `UncommonType` with its `Method`s, `ITab`), `abi.Name`
//! decoding, the module data (`go.moduledata`) with the function table,
//! the offset resolvers (`resolve_name_off`/`resolve_type_off`/
//! `resolve_text_off`: offsets are relative to the blob holding the
//! descriptor, the program's `go.types` or the runtime's own, see
//! `rtype`) and the type strings used by panics and `printpanicval`.

use core::sync::atomic::{AtomicPtr, Ordering};

/// internal/abi.Type.
#[repr(C)]
#[derive(Debug)]
pub struct Type {
    pub size: usize,
    pub ptr_bytes: usize,
    pub hash: u32,
    pub tflag: u8,
    pub align: u8,
    pub field_align: u8,
    pub kind: u8,
    /// Closure object of the equality function (ctx, p, q) -> u8; null
    /// for incomparable types.
    pub equal: *const usize,
    pub gcdata: *const u8,
    pub str_: i32,
    pub ptr_to_this: i32,
}

const _: () = assert!(core::mem::size_of::<Type>() == 48);

pub const TFLAG_UNCOMMON: u8 = 1 << 0;
pub const TFLAG_EXTRA_STAR: u8 = 1 << 1;
pub const TFLAG_NAMED: u8 = 1 << 2;
pub const TFLAG_REGULAR_MEMORY: u8 = 1 << 3;
pub const TFLAG_DIRECT_IFACE: u8 = 1 << 5;

/// internal/abi.Kind values.
pub mod kind {
    pub const BOOL: u8 = 1;
    pub const INT: u8 = 2;
    pub const INT8: u8 = 3;
    pub const INT16: u8 = 4;
    pub const INT32: u8 = 5;
    pub const INT64: u8 = 6;
    pub const UINT: u8 = 7;
    pub const UINT8: u8 = 8;
    pub const UINT16: u8 = 9;
    pub const UINT32: u8 = 10;
    pub const UINT64: u8 = 11;
    pub const UINTPTR: u8 = 12;
    pub const FLOAT32: u8 = 13;
    pub const FLOAT64: u8 = 14;
    pub const COMPLEX64: u8 = 15;
    pub const COMPLEX128: u8 = 16;
    pub const ARRAY: u8 = 17;
    pub const CHAN: u8 = 18;
    pub const FUNC: u8 = 19;
    pub const INTERFACE: u8 = 20;
    pub const MAP: u8 = 21;
    pub const POINTER: u8 = 22;
    pub const SLICE: u8 = 23;
    pub const STRING: u8 = 24;
    pub const STRUCT: u8 = 25;
    pub const UNSAFE_POINTER: u8 = 26;
}

impl Type {
    /// Whether objects of this type hold pointers the GC must see.
    pub fn has_pointers(&self) -> bool {
        self.ptr_bytes != 0
    }
}

/// internal/abi.ITab: `fun` has one entry per method of `inter`.
#[repr(C)]
pub struct ITab {
    pub inter: *const InterfaceType,
    pub typ: *const Type,
    pub hash: u32,
    pub _pad: u32,
    pub fun: [usize; 1],
}

/// A NameOff/TypeOff: byte offset from the start of the blob holding the
/// descriptor that contains it.
pub type NameOff = i32;
pub type TypeOff = i32;
/// An index into the blob's table of code addresses.
pub type TextOff = i32;

/// internal/abi.UncommonType (after the kind's struct).
#[repr(C)]
#[derive(Debug)]
pub struct UncommonType {
    pub pkg_path: NameOff,
    pub mcount: u16,
    pub xcount: u16,
    /// Offset of the first `Method` from this UncommonType.
    pub moff: u32,
    pub _pad: u32,
}

/// internal/abi.Method.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct Method {
    pub name: NameOff,
    pub mtyp: TypeOff,
    pub ifn: TextOff,
    pub tfn: TextOff,
}

/// internal/abi.Imethod.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct Imethod {
    pub name: NameOff,
    pub typ: TypeOff,
}

/// internal/abi.InterfaceType.
#[repr(C)]
pub struct InterfaceType {
    pub typ: Type,
    /// abi.Name pointer (may be null).
    pub pkg_path: *const u8,
    pub methods: *const Imethod,
    pub mlen: usize,
    pub mcap: usize,
}

/// internal/abi.PtrType (also the layout of SliceType).
#[repr(C)]
pub struct PtrType {
    pub typ: Type,
    pub elem: *const Type,
}

/// internal/abi.FuncType; the in/out `*Type`s follow it (after the
/// UncommonType when there is one).
#[repr(C)]
pub struct FuncType {
    pub typ: Type,
    pub in_count: u16,
    pub out_count: u16,
}

/// internal/abi.StructType (fields are not read by the runtime yet).
#[repr(C)]
pub struct StructType {
    pub typ: Type,
    pub pkg_path: *const u8,
    pub fields: *const u8,
    pub flen: usize,
    pub fcap: usize,
}

/// internal/abi.MapType (1.27 swiss maps).
#[repr(C)]
pub struct MapType {
    pub typ: Type,
    pub key: *const Type,
    pub elem: *const Type,
    pub group: *const Type,
    /// Closure object of the key hash function (ctx, p, seed) -> usize.
    pub hasher: *const usize,
    pub group_size: usize,
    pub keys_off: usize,
    pub key_stride: usize,
    pub elems_off: usize,
    pub elem_stride: usize,
    pub elem_off: usize,
    pub flags: u32,
}

pub const MAP_NEED_KEY_UPDATE: u32 = 1;
pub const MAP_HASH_MIGHT_PANIC: u32 = 2;
pub const MAP_INDIRECT_KEY: u32 = 4;
pub const MAP_INDIRECT_ELEM: u32 = 8;

const _: () = assert!(core::mem::size_of::<MapType>() == 136);
const _: () = assert!(core::mem::size_of::<InterfaceType>() == 80);
const _: () = assert!(core::mem::size_of::<FuncType>() == 56);
const _: () = assert!(core::mem::size_of::<UncommonType>() == 16);

/// `go.moduledata`, emitted by the compiler.
#[repr(C)]
pub struct ModuleData {
    pub functab: *const FuncInfo,
    pub nfunc: usize,
    /// `go.types`: every type descriptor and abi.Name of the program.
    pub types: *const u8,
    pub etypes: *const u8,
    /// `go.textptrs`: code addresses a TextOff indexes.
    pub textptrs: *const usize,
    pub ntextptrs: usize,
    /// `go.gcroots`: every package-level variable holding pointers (the
    /// collector's global roots).
    pub gcroots: *const GcRoot,
    pub ngcroots: usize,
}

/// One package-level variable the collector scans: its address, its
/// size and its type (whose `ptr_bytes`/`gcdata` give the pointer mask).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct GcRoot {
    pub addr: usize,
    pub size: usize,
    pub typ: *const Type,
}

/// One function of the function table (sorted by `entry`).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct FuncInfo {
    pub entry: usize,
    pub end: usize,
    pub name: *const u8,
    pub name_len: usize,
    pub file: *const u8,
    pub file_len: usize,
    pub lines: *const [u32; 2],
    pub nlines: usize,
    pub frame_size: u32,
    pub flags: u32,
}

/// `FuncInfo::flags`: a wrapper/autogenerated function, hidden in
/// tracebacks and transparent to `recover` (the closures made for
/// `defer f(args)`).
pub const FUNC_FLAG_WRAPPER: u32 = 1;
/// The function takes no arguments: tracebacks print `f()`.
pub const FUNC_FLAG_NO_ARGS: u32 = 2;

impl FuncInfo {
    pub fn name(&self) -> &[u8] {
        // SAFETY: the compiler emits (ptr, len) of a static string.
        unsafe { bytes(self.name, self.name_len) }
    }
    pub fn file(&self) -> &[u8] {
        // SAFETY: as for `name`.
        unsafe { bytes(self.file, self.file_len) }
    }
    /// The source line of `pc` (an address inside the function).
    pub fn line(&self, pc: usize) -> u32 {
        let off = pc.wrapping_sub(self.entry) as u64;
        // SAFETY: the compiler emits `nlines` pairs at `lines`.
        let lines = unsafe { slice_of(self.lines, self.nlines) };
        let mut line = 0;
        for pair in lines {
            if pair[0] as u64 <= off {
                line = pair[1];
            } else {
                break;
            }
        }
        line
    }
}

/// # Safety
/// `p` must point to `n` readable bytes that live forever, or `n == 0`.
pub unsafe fn bytes<'a>(p: *const u8, n: usize) -> &'a [u8] {
    if n == 0 || p.is_null() {
        &[]
    } else {
        // SAFETY: by the caller's contract.
        unsafe { core::slice::from_raw_parts(p, n) }
    }
}

/// # Safety
/// `p` must point to `n` readable values that live forever, or `n == 0`.
pub unsafe fn slice_of<'a, T>(p: *const T, n: usize) -> &'a [T] {
    if n == 0 || p.is_null() {
        &[]
    } else {
        // SAFETY: by the caller's contract.
        unsafe { core::slice::from_raw_parts(p, n) }
    }
}

static MODULE: AtomicPtr<ModuleData> = AtomicPtr::new(core::ptr::null_mut());

/// Records the program's module data (at startup; tests install their
/// own).
pub fn set_module(m: *const ModuleData) {
    MODULE.store(m as *mut ModuleData, Ordering::Release);
}

pub fn module() -> Option<&'static ModuleData> {
    let p = MODULE.load(Ordering::Acquire);
    // SAFETY: only pointers to static module data are installed.
    unsafe { p.as_ref() }
}

/// The function containing `pc`, by binary search of the table.
pub fn findfunc(pc: usize) -> Option<&'static FuncInfo> {
    let m = module()?;
    // SAFETY: the compiler emits `nfunc` entries at `functab`.
    let tab = unsafe { slice_of(m.functab, m.nfunc) };
    let i = tab.partition_point(|f| f.entry <= pc);
    if i == 0 {
        return None;
    }
    let f = &tab[i - 1];
    (pc < f.end).then_some(f)
}

/// Decodes an `abi.Name` at `p`: flags byte, varint length, bytes.
///
/// # Safety
/// `p` must point to a well-formed static abi.Name.
pub unsafe fn read_name<'a>(p: *const u8) -> &'a [u8] {
    // SAFETY: forwarded contract.
    unsafe { name_parts(p).0 }
}

/// Reads a varint at `p`: (value, bytes used).
///
/// # Safety
/// `p` points to a well-formed varint.
unsafe fn varint(p: *const u8) -> (usize, usize) {
    let mut v = 0usize;
    let mut i = 0usize;
    loop {
        // SAFETY: the varint's bytes are readable (caller's contract).
        let x = unsafe { *p.add(i) };
        v |= ((x & 0x7f) as usize) << (7 * i);
        i += 1;
        if x & 0x80 == 0 {
            return (v, i);
        }
    }
}

pub const NAME_EXPORTED: u8 = 1 << 0;
pub const NAME_HAS_TAG: u8 = 1 << 1;
pub const NAME_HAS_PKGPATH: u8 = 1 << 2;

/// An abi.Name's (bytes, flags, pkgPath NameOff or 0).
///
/// # Safety
/// `p` must point to a well-formed static abi.Name.
pub unsafe fn name_parts<'a>(p: *const u8) -> (&'a [u8], u8, NameOff) {
    if p.is_null() {
        return (&[], 0, 0);
    }
    // SAFETY: the name's layout (caller's contract): flags, varint
    // length, bytes, optional tag (varint, bytes), optional 4-byte NameOff.
    unsafe {
        let flags = *p;
        let (n, w) = varint(p.add(1));
        let name = bytes(p.add(1 + w), n);
        let mut q = p.add(1 + w + n);
        if flags & NAME_HAS_TAG != 0 {
            let (tn, tw) = varint(q);
            q = q.add(tw + tn);
        }
        let pkg = if flags & NAME_HAS_PKGPATH != 0 {
            i32::from_le_bytes([*q, *q.add(1), *q.add(2), *q.add(3)])
        } else {
            0
        };
        (name, flags, pkg)
    }
}

/// The blob (start, textptrs) holding the descriptor at `p`: the
/// runtime's own or the program's `go.types`.
fn blob_of(p: *const u8) -> (*const u8, *const usize, usize) {
    if let Some((base, text, n)) = crate::rtype::blob_containing(p) {
        return (base, text, n);
    }
    #[cfg(test)]
    if let Some(b) = crate::testtypes::blob_containing(p) {
        return b;
    }
    match module() {
        Some(m) => (m.types, m.textptrs, m.ntextptrs),
        None => (core::ptr::null(), core::ptr::null(), 0),
    }
}

/// gc's resolveNameOff: the abi.Name at `off` in the blob of `ptr_in_blob`.
pub fn resolve_name_off(ptr_in_blob: *const u8, off: NameOff) -> *const u8 {
    let (base, _, _) = blob_of(ptr_in_blob);
    if base.is_null() {
        return core::ptr::null();
    }
    base.wrapping_offset(off as isize)
}

/// gc's resolveTypeOff: the descriptor at `off` in the blob of
/// `ptr_in_blob` (null for -1, gc's "no type").
pub fn resolve_type_off(ptr_in_blob: *const u8, off: TypeOff) -> *const Type {
    if off < 0 {
        return core::ptr::null();
    }
    resolve_name_off(ptr_in_blob, off) as *const Type
}

/// gc's textOff: the code address of entry `off` of the blob's text table
/// (0 for -1 or out of range).
pub fn resolve_text_off(ptr_in_blob: *const u8, off: TextOff) -> usize {
    let (_, text, n) = blob_of(ptr_in_blob);
    if off < 0 || off as usize >= n || text.is_null() {
        return 0;
    }
    // SAFETY: `text` holds `n` code addresses.
    unsafe { *text.add(off as usize) }
}

/// Bytes of a name resolved from a blob.
pub fn name_at(ptr_in_blob: *const u8, off: NameOff) -> &'static [u8] {
    // SAFETY: the compiler/runtime emit well-formed names at NameOffs.
    unsafe { read_name(resolve_name_off(ptr_in_blob, off)) }
}

impl Type {
    pub fn is_named(&self) -> bool {
        self.tflag & TFLAG_NAMED != 0
    }
    pub fn is_direct_iface(&self) -> bool {
        self.tflag & TFLAG_DIRECT_IFACE != 0
    }

    /// The UncommonType following the kind's struct (gc's Uncommon()).
    pub fn uncommon(&self) -> Option<&'static UncommonType> {
        if self.tflag & TFLAG_UNCOMMON == 0 {
            return None;
        }
        let off = match self.kind & KIND_MASK {
            kind::STRUCT => size_of::<StructType>(),
            kind::POINTER | kind::SLICE => size_of::<PtrType>(),
            kind::FUNC => size_of::<FuncType>(),
            kind::ARRAY => 72,
            kind::CHAN => 64,
            kind::MAP => size_of::<MapType>(),
            kind::INTERFACE => size_of::<InterfaceType>(),
            _ => size_of::<Type>(),
        };
        // SAFETY: TFlagUncommon says an UncommonType follows at `off`;
        // descriptors are static.
        Some(unsafe { &*((self as *const Type as *const u8).add(off) as *const UncommonType) })
    }

    /// The method table (sorted by name), empty without one.
    pub fn methods(&self) -> &'static [Method] {
        match self.uncommon() {
            None => &[],
            Some(u) => {
                // SAFETY: `mcount` Methods follow at `moff` from `u`.
                unsafe {
                    slice_of(
                        (u as *const UncommonType as *const u8).add(u.moff as usize)
                            as *const Method,
                        u.mcount as usize,
                    )
                }
            }
        }
    }

    /// The type string (gc's `rtype.string()`), ExtraStar honoured.
    pub fn str(&self) -> &'static [u8] {
        let s = name_at(self as *const Type as *const u8, self.str_);
        if self.tflag & TFLAG_EXTRA_STAR != 0 && !s.is_empty() {
            &s[1..]
        } else {
            s
        }
    }

    /// The package path of a named type (from its UncommonType).
    pub fn pkg_path(&self) -> &'static [u8] {
        match self.uncommon() {
            Some(u) if u.pkg_path != 0 => name_at(self as *const Type as *const u8, u.pkg_path),
            _ => b"",
        }
    }
}

/// The Kind bits of `Type::kind` (gc 1.27 keeps only the kind there).
pub const KIND_MASK: u8 = 0x1f;

use core::mem::size_of;

impl InterfaceType {
    pub fn methods(&self) -> &'static [Imethod] {
        // SAFETY: the descriptor's slice of Imethods is static.
        unsafe { slice_of(self.methods, self.mlen) }
    }
}

/// A type descriptor's string form (`main.T`, `*main.T`, `[]int`, ...),
/// as `toRType(t).string()` gives it.
pub fn type_string(t: *const Type) -> &'static [u8] {
    // SAFETY: callers pass null or pointers to static type descriptors.
    match unsafe { t.as_ref() } {
        Some(t) => t.str(),
        None => b"nil",
    }
}

/// The package path part of a named type's string (before the last '.'),
/// enough to tell "types from different packages" apart.
pub fn type_pkgpath(t: *const Type) -> &'static [u8] {
    // SAFETY: as in `type_string`.
    if let Some(p) = unsafe { t.as_ref() }.map(|t| t.pkg_path()) {
        if !p.is_empty() {
            return p;
        }
    }
    let s = type_string(t);
    let s = s.strip_prefix(b"*").unwrap_or(s);
    match s.iter().rposition(|&c| c == b'.') {
        Some(i) => &s[..i],
        None => b"",
    }
}
