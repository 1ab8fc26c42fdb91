//! Go maps: open-addressing swiss tables of 8-slot groups, each group
//! an 8-byte control word (one byte per slot: `EMPTY`, `DELETED` or the
//! low 7 bits of the key's hash) followed by the slots, laid out as the
//! map type's descriptor says (`MapType.KeysOff/KeyStride/ElemsOff/
//! ElemStride/GroupSize`, keys/elems behind pointers with
//! `MapIndirectKey/Elem`), so the group array is `Group`-typed memory.
//! Probing is triangular over groups; the table grows (to a new array,
//! twice the size, or the same size to drop tombstones) at 7/8 load.
//!
//! The header (`Map`) is runtime-private except its first word, the
//! number of entries (compiled code reads `len(m)` there). Entry points:
//! `makemap`, `makemap_small`, `mapaccess1/2`, `mapassign`, `mapdelete`,
//! `mapclear`, their `_fast32`/`_fast64`/`_faststr` variants (same hash
//! function as the type's hasher, keys compared inline), and iteration
//! (`mapIterStart`/`mapIterNext` over a 96-byte iterator in the caller's
//! frame).
//!
//! Iteration during mutation has Go's semantics: the iterator walks the
//! group array it started with from a random group and slot; a grown
//! table leaves the old array untouched (it is never rewritten in place),
//! and entries seen there are looked up in the current table, so deleted
//! entries are not produced and updated ones show their new value; keys
//! not equal to themselves (NaN) come from the old array. `clear` ends
//! running iterations.

use crate::abi::{MapType, MAP_INDIRECT_ELEM, MAP_INDIRECT_KEY, MAP_NEED_KEY_UPDATE};
use crate::hash::{self, call_equal, call_hash};
use crate::malloc;
use crate::rtype::GoStr;
use core::ptr;

const SLOTS: usize = 8;
const EMPTY: u8 = 0x80;
const DELETED: u8 = 0xfe;
const LSB: u64 = 0x0101_0101_0101_0101;
const MSB: u64 = 0x8080_8080_8080_8080;
const CTRL_EMPTY: u64 = LSB * EMPTY as u64;
/// gc's maxAlloc on linux/amd64 (48-bit address space).
const MAX_ALLOC: usize = 1 << 47;

/// The map header (runtime-private except `count`).
#[repr(C)]
pub struct Map {
    /// Number of entries (word 0: read by compiled code for `len`).
    pub count: u64,
    seed: u64,
    groups: *mut u8,
    /// Number of groups − 1 (a power of two minus one).
    mask: usize,
    /// Slots that may still be filled before the table must grow.
    growth_left: usize,
    tombstones: usize,
    clear_seq: u64,
    _pad: u64,
}

/// Bytes compiled code must reserve for a map header it passes to
/// `makemap` (gc allocates non-escaping maps' headers on the stack).
pub const MAP_HEADER_SIZE: usize = core::mem::size_of::<Map>();
const _: () = assert!(MAP_HEADER_SIZE == 64);

/// The header's GC shape: one pointer word (`groups`, word 2).
static MAP_HEADER_MASK: u8 = 0b100;
static MAP_HEADER_TYPE: crate::error::StaticType = crate::error::StaticType(crate::abi::Type {
    size: MAP_HEADER_SIZE,
    ptr_bytes: 24,
    hash: 0,
    tflag: 0,
    align: 8,
    field_align: 8,
    kind: crate::abi::kind::STRUCT,
    equal: ptr::null(),
    gcdata: &MAP_HEADER_MASK,
    str_: 0,
    ptr_to_this: 0,
});

#[inline(always)]
fn match_h2(ctrl: u64, h2: u8) -> u64 {
    let x = ctrl ^ (LSB * h2 as u64);
    x.wrapping_sub(LSB) & !x & MSB
}

#[inline(always)]
fn match_empty(ctrl: u64) -> u64 {
    ctrl & !(ctrl << 6) & MSB
}

#[inline(always)]
fn match_empty_or_deleted(ctrl: u64) -> u64 {
    ctrl & MSB
}

#[inline(always)]
fn first(bits: u64) -> usize {
    (bits.trailing_zeros() / 8) as usize
}

/// The layout of one map type's groups.
#[derive(Clone, Copy)]
struct Layout {
    group_size: usize,
    keys_off: usize,
    key_stride: usize,
    elems_off: usize,
    elem_stride: usize,
    key_size: usize,
    elem_size: usize,
    indirect_key: bool,
    indirect_elem: bool,
}

impl Layout {
    #[inline(always)]
    fn of(mt: &MapType) -> Layout {
        // SAFETY: key and elem are valid descriptors.
        let (ks, es) = unsafe { ((*mt.key).size, (*mt.elem).size) };
        Layout {
            group_size: mt.group_size,
            keys_off: mt.keys_off,
            key_stride: mt.key_stride,
            elems_off: mt.elems_off,
            elem_stride: mt.elem_stride,
            key_size: ks,
            elem_size: es,
            indirect_key: mt.flags & MAP_INDIRECT_KEY != 0,
            indirect_elem: mt.flags & MAP_INDIRECT_ELEM != 0,
        }
    }
    #[inline(always)]
    fn group(&self, groups: *mut u8, g: usize) -> *mut u8 {
        groups.wrapping_add(g * self.group_size)
    }
    /// The slot's key storage (the pointer itself when indirect).
    #[inline(always)]
    fn key_slot(&self, group: *mut u8, i: usize) -> *mut u8 {
        group.wrapping_add(self.keys_off + i * self.key_stride)
    }
    #[inline(always)]
    fn elem_slot(&self, group: *mut u8, i: usize) -> *mut u8 {
        group.wrapping_add(self.elems_off + i * self.elem_stride)
    }
    /// The key's address.
    #[inline(always)]
    unsafe fn key(&self, group: *mut u8, i: usize) -> *mut u8 {
        let p = self.key_slot(group, i);
        if self.indirect_key {
            // SAFETY: an indirect slot holds the key's address.
            unsafe { *(p as *mut *mut u8) }
        } else {
            p
        }
    }
    #[inline(always)]
    unsafe fn elem(&self, group: *mut u8, i: usize) -> *mut u8 {
        let p = self.elem_slot(group, i);
        if self.indirect_elem {
            // SAFETY: an indirect slot holds the elem's address.
            unsafe { *(p as *mut *mut u8) }
        } else {
            p
        }
    }
}

#[inline(always)]
unsafe fn ctrl(group: *mut u8) -> u64 {
    // SAFETY: every group starts with its control word.
    unsafe { *(group as *const u64) }
}

#[inline(always)]
unsafe fn set_ctrl(group: *mut u8, i: usize, c: u8) {
    // SAFETY: byte i < 8 of the group's control word.
    unsafe { *group.add(i) = c }
}

/// Allocates `n` (a power of two) empty groups.
fn alloc_groups(mt: &MapType, n: usize) -> *mut u8 {
    let size = n * mt.group_size;
    // SAFETY: fresh zeroed memory for n groups; pointerful groups get the
    // group type so the allocator keeps them scannable.
    unsafe {
        let typ = if !mt.group.is_null() && (*mt.group).ptr_bytes != 0 {
            mt.group
        } else {
            ptr::null()
        };
        let p = malloc::malloc(size, typ, true);
        for g in 0..n {
            *(p.add(g * mt.group_size) as *mut u64) = CTRL_EMPTY;
        }
        p
    }
}

/// Groups for at least `hint` entries at 7/8 load.
fn groups_for(hint: usize) -> usize {
    let slots = hint.saturating_mul(8) / 7 + 1;
    slots.div_ceil(SLOTS).next_power_of_two()
}

fn init_map(mt: &MapType, m: *mut Map, hint: usize) {
    let n = if hint <= SLOTS { 1 } else { groups_for(hint) };
    // SAFETY: m points to header memory the caller owns.
    unsafe {
        ptr::write(
            m,
            Map {
                count: 0,
                seed: hash::rand64(),
                groups: ptr::null_mut(),
                mask: 0,
                growth_left: 0,
                tombstones: 0,
                clear_seq: 0,
                _pad: 0,
            },
        );
        if hint > 0 {
            (*m).groups = alloc_groups(mt, n);
            (*m).mask = n - 1;
            (*m).growth_left = capacity(n);
        }
    }
}

fn capacity(ngroups: usize) -> usize {
    if ngroups == 1 {
        SLOTS
    } else {
        ngroups * SLOTS * 7 / 8
    }
}

/// `makemap(t, hint, m)`: a new map (in `m` when not nil) sized for
/// `hint` entries.
pub extern "C" fn makemap(mt: *const MapType, hint: i64, m: *mut Map) -> *mut Map {
    let m = if m.is_null() {
        // SAFETY: a fresh header-sized object.
        unsafe { malloc::malloc(MAP_HEADER_SIZE, &MAP_HEADER_TYPE.0, true) as *mut Map }
    } else {
        m
    };
    // gc: a negative hint, or one whose groups could never be allocated,
    // counts as 0.
    // SAFETY: mt is a valid map descriptor.
    let gs = unsafe { (*mt).group_size };
    let hint = if hint < 0 || (hint as usize).saturating_mul(gs) > MAX_ALLOC {
        0
    } else {
        hint as usize
    };
    // SAFETY: mt is a valid map descriptor.
    init_map(unsafe { &*mt }, m, hint);
    m
}

/// `makemap_small()`: an empty map (groups are allocated by the first
/// insert).
#[export_name = "runtime.makemap_small"]
pub extern "C" fn makemap_small() -> *mut Map {
    // SAFETY: a fresh zeroed header-sized object.
    let m = unsafe { malloc::malloc(MAP_HEADER_SIZE, &MAP_HEADER_TYPE.0, true) as *mut Map };
    // SAFETY: as above.
    unsafe { (*m).seed = hash::rand64() };
    m
}

/// A zeroed area of at least `size` bytes for missing entries.
fn zero_area(size: usize) -> *mut u8 {
    if size <= 1024 {
        return crate::iface::zeroval();
    }
    use core::sync::atomic::{AtomicUsize, Ordering};
    static BIG: AtomicUsize = AtomicUsize::new(0);
    static BIG_SIZE: AtomicUsize = AtomicUsize::new(0);
    if BIG_SIZE.load(Ordering::Acquire) >= size {
        return BIG.load(Ordering::Acquire) as *mut u8;
    }
    let p = crate::malloc::persistent::alloc(size.next_power_of_two(), 16);
    BIG.store(p as usize, Ordering::Release);
    BIG_SIZE.store(size.next_power_of_two(), Ordering::Release);
    p
}

// ---- the generic probe ---------------------------------------------------

/// Key comparison and hashing for one kind of access.
trait KeyOps {
    fn hash(&self, mt: &MapType, seed: u64) -> u64;
    /// gc's mapKeyError: a lookup in a nil or empty map still panics on
    /// a key of an unhashable dynamic type.
    fn key_error(&self, _: &MapType) {}
    /// Whether the key stored at `stored` equals the probe key.
    fn eq(&self, mt: &MapType, stored: *const u8) -> bool;
}

struct Generic(*const u8);
impl KeyOps for Generic {
    fn key_error(&self, mt: &MapType) {
        // SAFETY: mt.key is a valid descriptor and the key an interface
        // value when its kind says so.
        unsafe {
            let kt = &*mt.key;
            if kt.kind & crate::abi::KIND_MASK != crate::abi::kind::INTERFACE {
                return;
            }
            let w0 = *(self.0 as *const *const u8);
            if w0.is_null() {
                return;
            }
            let empty = (*(mt.key as *const crate::abi::InterfaceType)).mlen == 0;
            let t: *const crate::abi::Type = if empty {
                w0 as *const crate::abi::Type
            } else {
                *(w0.add(8) as *const *const crate::abi::Type)
            };
            if (*t).equal.is_null() {
                let mut msg = b"hash of unhashable type: ".to_vec();
                msg.extend_from_slice(crate::abi::type_string(t));
                let msg: &'static str =
                    Box::leak(String::from_utf8_lossy(&msg).into_owned().into_boxed_str());
                crate::error::panic_plain(msg);
            }
        }
    }
    #[inline(always)]
    fn hash(&self, mt: &MapType, seed: u64) -> u64 {
        call_hash(mt.hasher, self.0, seed)
    }
    #[inline(always)]
    fn eq(&self, mt: &MapType, stored: *const u8) -> bool {
        // SAFETY: key is a valid (comparable) descriptor.
        call_equal(unsafe { (*mt.key).equal }, stored, self.0)
    }
}

struct K64(u64);
impl KeyOps for K64 {
    #[inline(always)]
    fn hash(&self, mt: &MapType, seed: u64) -> u64 {
        call_hash(mt.hasher, &self.0 as *const u64 as *const u8, seed)
    }
    #[inline(always)]
    fn eq(&self, _: &MapType, stored: *const u8) -> bool {
        // SAFETY: 8-byte keys stored inline.
        unsafe { (stored as *const u64).read_unaligned() == self.0 }
    }
}

struct K32(u32);
impl KeyOps for K32 {
    #[inline(always)]
    fn hash(&self, mt: &MapType, seed: u64) -> u64 {
        call_hash(mt.hasher, &self.0 as *const u32 as *const u8, seed)
    }
    #[inline(always)]
    fn eq(&self, _: &MapType, stored: *const u8) -> bool {
        // SAFETY: 4-byte keys stored inline.
        unsafe { (stored as *const u32).read_unaligned() == self.0 }
    }
}

struct KStr(GoStr);
impl KeyOps for KStr {
    #[inline(always)]
    fn hash(&self, _: &MapType, seed: u64) -> u64 {
        hash::hash_str(self.0.ptr, self.0.len, seed)
    }
    #[inline(always)]
    fn eq(&self, _: &MapType, stored: *const u8) -> bool {
        // SAFETY: string keys stored inline.
        let s = unsafe { *(stored as *const GoStr) };
        s.len == self.0.len
            // SAFETY: both strings have len readable bytes.
            && (s.ptr == self.0.ptr || unsafe { crate::strings::memequal(s.ptr, self.0.ptr, s.len) } != 0)
    }
}

/// Finds the key: (group, slot) or None.
#[inline(always)]
fn find<K: KeyOps>(mt: &MapType, m: &Map, k: &K) -> Option<(*mut u8, usize)> {
    if m.count == 0 {
        return None;
    }
    let h = k.hash(mt, m.seed);
    let l = Layout::of(mt);
    let h2 = (h & 0x7f) as u8;
    let mut g = (h >> 7) as usize & m.mask;
    let mut step = 0;
    loop {
        let grp = l.group(m.groups, g);
        // SAFETY: g ≤ mask: a group of the table.
        let c = unsafe { ctrl(grp) };
        let mut bits = match_h2(c, h2);
        while bits != 0 {
            let i = first(bits);
            // SAFETY: slot i of the group holds a key (its ctrl is full).
            if k.eq(mt, unsafe { l.key(grp, i) }) {
                return Some((grp, i));
            }
            bits &= bits - 1;
        }
        if match_empty(c) != 0 || step == m.mask {
            return None;
        }
        step += 1;
        g = (g + step) & m.mask;
    }
}

#[repr(C)]
pub struct Access2 {
    pub elem: *mut u8,
    pub ok: u64,
}

#[inline(always)]
fn access<K: KeyOps>(mt: *const MapType, m: *mut Map, k: K) -> Access2 {
    // SAFETY: mt is a valid map type; m is null or a live map.
    unsafe {
        let mt = &*mt;
        if let Some(m) = m.as_ref() {
            if let Some((grp, i)) = find(mt, m, &k) {
                return Access2 {
                    elem: Layout::of(mt).elem(grp, i),
                    ok: 1,
                };
            }
        }
        if (m.is_null() || (*m).count == 0) && mt.flags & crate::abi::MAP_HASH_MIGHT_PANIC != 0 {
            k.key_error(mt);
        }
        Access2 {
            elem: zero_area((*mt.elem).size),
            ok: 0,
        }
    }
}

/// Rebuilds the table into a new group array of `n` groups.
fn rehash(mt: &MapType, m: &mut Map, n: usize) {
    let l = Layout::of(mt);
    let new = alloc_groups(mt, n);
    let mask = n - 1;
    let old = m.groups;
    let oldn = if old.is_null() { 0 } else { m.mask + 1 };
    for g in 0..oldn {
        let grp = l.group(old, g);
        // SAFETY: g < old group count.
        let c = unsafe { ctrl(grp) };
        let mut full = !c & MSB;
        while full != 0 {
            let i = first(full);
            full &= full - 1;
            // SAFETY: slot i is full; the new array has room (n groups
            // hold more than count entries).
            unsafe {
                let key = l.key(grp, i);
                let h = call_hash(mt.hasher, key, m.seed);
                let (ng, ni) = find_free(&l, new, mask, h);
                set_ctrl(ng, ni, (h & 0x7f) as u8);
                ptr::copy_nonoverlapping(
                    l.key_slot(grp, i),
                    l.key_slot(ng, ni),
                    slot_bytes(l.key_size, l.indirect_key),
                );
                ptr::copy_nonoverlapping(
                    l.elem_slot(grp, i),
                    l.elem_slot(ng, ni),
                    slot_bytes(l.elem_size, l.indirect_elem),
                );
            }
        }
    }
    m.groups = new;
    m.mask = mask;
    m.tombstones = 0;
    m.growth_left = capacity(n) - m.count as usize;
}

fn slot_bytes(size: usize, indirect: bool) -> usize {
    if indirect {
        8
    } else {
        size
    }
}

/// The first empty-or-deleted slot on the probe sequence of hash `h`.
#[inline(always)]
fn find_free(l: &Layout, groups: *mut u8, mask: usize, h: u64) -> (*mut u8, usize) {
    let mut g = (h >> 7) as usize & mask;
    let mut step = 0;
    loop {
        let grp = l.group(groups, g);
        // SAFETY: g ≤ mask.
        let bits = match_empty_or_deleted(unsafe { ctrl(grp) });
        if bits != 0 {
            return (grp, first(bits));
        }
        step += 1;
        g = (g + step) & mask;
    }
}

/// Copies a key of the map's key type into its slot storage.
///
/// # Safety
/// `dst` is the key's storage, `src` a key.
unsafe fn store_key(mt: &MapType, l: &Layout, slot: *mut u8, src: *const u8) {
    // SAFETY: forwarded.
    unsafe {
        let dst = if l.indirect_key {
            let p = malloc::malloc(l.key_size, mt.key, false);
            *(slot as *mut *mut u8) = p;
            p
        } else {
            slot
        };
        ptr::copy_nonoverlapping(src, dst, l.key_size);
    }
}

#[inline(always)]
fn assign<K: KeyOps>(mt: *const MapType, m: *mut Map, k: K, key: *const u8) -> *mut u8 {
    if m.is_null() {
        crate::error::panic_plain("assignment to entry in nil map");
    }
    // SAFETY: mt valid; m a live map.
    unsafe {
        let mt = &*mt;
        let m = &mut *m;
        let l = Layout::of(mt);
        if m.groups.is_null() {
            m.groups = alloc_groups(mt, 1);
            m.mask = 0;
            m.growth_left = SLOTS;
        }
        let h = k.hash(mt, m.seed);
        let h2 = (h & 0x7f) as u8;
        let mut g = (h >> 7) as usize & m.mask;
        let mut step = 0;
        let mut free: Option<(*mut u8, usize)> = None;
        loop {
            let grp = l.group(m.groups, g);
            let c = ctrl(grp);
            let mut bits = match_h2(c, h2);
            while bits != 0 {
                let i = first(bits);
                if k.eq(mt, l.key(grp, i)) {
                    if mt.flags & MAP_NEED_KEY_UPDATE != 0 {
                        ptr::copy_nonoverlapping(key, l.key(grp, i), l.key_size);
                    }
                    return l.elem(grp, i);
                }
                bits &= bits - 1;
            }
            if free.is_none() {
                let fb = match_empty_or_deleted(c);
                if fb != 0 {
                    free = Some((grp, first(fb)));
                }
            }
            if match_empty(c) != 0 || step == m.mask {
                break;
            }
            step += 1;
            g = (g + step) & m.mask;
        }
        // A new entry.
        let (mut grp, mut i) = free.unwrap_or((ptr::null_mut(), 0));
        let reuse_tombstone = !grp.is_null() && *grp.add(i) == DELETED;
        if !reuse_tombstone && m.growth_left == 0 {
            let n = m.mask + 1;
            let n = if (m.count as usize + 1) > capacity(n) / 2 || m.tombstones == 0 {
                n * 2
            } else {
                n
            };
            rehash(mt, m, n);
            (grp, i) = find_free(&l, m.groups, m.mask, h);
        }
        if *grp.add(i) == DELETED {
            m.tombstones -= 1;
        } else {
            m.growth_left -= 1;
        }
        set_ctrl(grp, i, h2);
        store_key(mt, &l, l.key_slot(grp, i), key);
        let es = l.elem_slot(grp, i);
        if l.indirect_elem {
            let p = malloc::malloc(l.elem_size, mt.elem, true);
            *(es as *mut *mut u8) = p;
            m.count += 1;
            return p;
        }
        m.count += 1;
        es
    }
}

fn delete<K: KeyOps>(mt: *const MapType, m: *mut Map, k: K) {
    // SAFETY: mt valid; m null or live.
    unsafe {
        let mt = &*mt;
        let Some(m) = m.as_mut() else {
            if mt.flags & crate::abi::MAP_HASH_MIGHT_PANIC != 0 {
                k.hash(mt, 0);
            }
            return;
        };
        if m.count == 0 {
            if mt.flags & crate::abi::MAP_HASH_MIGHT_PANIC != 0 {
                k.hash(mt, m.seed);
            }
            return;
        }
        let Some((grp, i)) = find(mt, m, &k) else {
            return;
        };
        let l = Layout::of(mt);
        // Clear the slot (the old array stays intact for iterators only
        // across growth; in place, the control byte is what they read).
        ptr::write_bytes(
            l.key_slot(grp, i),
            0,
            slot_bytes(l.key_size, l.indirect_key),
        );
        ptr::write_bytes(
            l.elem_slot(grp, i),
            0,
            slot_bytes(l.elem_size, l.indirect_elem),
        );
        if match_empty(ctrl(grp)) != 0 {
            set_ctrl(grp, i, EMPTY);
            m.growth_left += 1;
        } else {
            set_ctrl(grp, i, DELETED);
            m.tombstones += 1;
        }
        m.count -= 1;
    }
}

// ---- entry points ----------------------------------------------------------

pub extern "C" fn mapaccess1(mt: *const MapType, m: *mut Map, key: *const u8) -> *mut u8 {
    access(mt, m, Generic(key)).elem
}
pub extern "C" fn mapaccess2(mt: *const MapType, m: *mut Map, key: *const u8) -> Access2 {
    access(mt, m, Generic(key))
}
pub extern "C" fn mapassign(mt: *const MapType, m: *mut Map, key: *const u8) -> *mut u8 {
    assign(mt, m, Generic(key), key)
}
pub extern "C" fn mapdelete(mt: *const MapType, m: *mut Map, key: *const u8) {
    delete(mt, m, Generic(key))
}

pub extern "C" fn mapaccess1_fast64(mt: *const MapType, m: *mut Map, key: u64) -> *mut u8 {
    access(mt, m, K64(key)).elem
}
pub extern "C" fn mapaccess2_fast64(mt: *const MapType, m: *mut Map, key: u64) -> Access2 {
    access(mt, m, K64(key))
}
pub extern "C" fn mapassign_fast64(mt: *const MapType, m: *mut Map, key: u64) -> *mut u8 {
    assign(mt, m, K64(key), &key as *const u64 as *const u8)
}
pub extern "C" fn mapdelete_fast64(mt: *const MapType, m: *mut Map, key: u64) {
    delete(mt, m, K64(key))
}

pub extern "C" fn mapaccess1_fast32(mt: *const MapType, m: *mut Map, key: u32) -> *mut u8 {
    access(mt, m, K32(key)).elem
}
pub extern "C" fn mapaccess2_fast32(mt: *const MapType, m: *mut Map, key: u32) -> Access2 {
    access(mt, m, K32(key))
}
pub extern "C" fn mapassign_fast32(mt: *const MapType, m: *mut Map, key: u32) -> *mut u8 {
    assign(mt, m, K32(key), &key as *const u32 as *const u8)
}
pub extern "C" fn mapdelete_fast32(mt: *const MapType, m: *mut Map, key: u32) {
    delete(mt, m, K32(key))
}

pub extern "C" fn mapaccess1_faststr(
    mt: *const MapType,
    m: *mut Map,
    p: *const u8,
    len: usize,
) -> *mut u8 {
    access(mt, m, KStr(GoStr { ptr: p, len })).elem
}
pub extern "C" fn mapaccess2_faststr(
    mt: *const MapType,
    m: *mut Map,
    p: *const u8,
    len: usize,
) -> Access2 {
    access(mt, m, KStr(GoStr { ptr: p, len }))
}
pub extern "C" fn mapassign_faststr(
    mt: *const MapType,
    m: *mut Map,
    p: *const u8,
    len: usize,
) -> *mut u8 {
    let k = GoStr { ptr: p, len };
    assign(mt, m, KStr(k), &k as *const GoStr as *const u8)
}
pub extern "C" fn mapdelete_faststr(mt: *const MapType, m: *mut Map, p: *const u8, len: usize) {
    delete(mt, m, KStr(GoStr { ptr: p, len }))
}

/// `clear(m)`: removes every entry (NaN keys included); running
/// iterations end.
#[export_name = "runtime.mapclear"]
pub extern "C" fn mapclear(mt: *const MapType, m: *mut Map) {
    // SAFETY: mt valid; m null or live.
    unsafe {
        let Some(m) = m.as_mut() else { return };
        m.clear_seq += 1;
        if m.count == 0 && m.tombstones == 0 {
            return;
        }
        // A fresh array: iterators holding the old one stop by clear_seq.
        let n = m.mask + 1;
        m.groups = alloc_groups(&*mt, n);
        m.count = 0;
        m.tombstones = 0;
        m.growth_left = capacity(n);
    }
}

// ---- iteration ---------------------------------------------------------------

/// The iterator (96 bytes in the caller's frame; key/elem at 0 and 8).
#[repr(C)]
pub struct Iter {
    pub key: *mut u8,
    pub elem: *mut u8,
    mt: *const MapType,
    m: *mut Map,
    groups: *mut u8,
    mask: usize,
    start_group: usize,
    start_slot: usize,
    /// Slots visited so far (0..=groups*8).
    pos: usize,
    clear_seq: u64,
    _pad: [u64; 2],
}

const _: () = assert!(core::mem::size_of::<Iter>() == 96);

/// `mapIterStart(t, m, it)`.
#[export_name = "runtime.mapIterStart"]
pub extern "C" fn map_iter_start(mt: *const MapType, m: *mut Map, it: *mut Iter) {
    let r = hash::rand64();
    // SAFETY: it points to 96 writable bytes; m null or live.
    unsafe {
        let (groups, mask, seq) = match m.as_ref() {
            Some(mm) if mm.count > 0 => (mm.groups, mm.mask, mm.clear_seq),
            _ => (ptr::null_mut(), 0, 0),
        };
        ptr::write(
            it,
            Iter {
                key: ptr::null_mut(),
                elem: ptr::null_mut(),
                mt,
                m,
                groups,
                mask,
                start_group: (r as usize) & mask,
                start_slot: (r >> 32) as usize & (SLOTS - 1),
                pos: 0,
                clear_seq: seq,
                _pad: [0; 2],
            },
        );
        if groups.is_null() {
            return;
        }
    }
    map_iter_next(it);
}

/// `mapIterNext(it)`: the next entry in it.key/it.elem (key nil: done).
#[export_name = "runtime.mapIterNext"]
pub extern "C" fn map_iter_next(it: *mut Iter) {
    // SAFETY: it was set up by mapIterStart; its map and arrays are live.
    unsafe {
        let it = &mut *it;
        it.key = ptr::null_mut();
        it.elem = ptr::null_mut();
        if it.groups.is_null() {
            return;
        }
        let mt = &*it.mt;
        let m = &*it.m;
        if m.clear_seq != it.clear_seq {
            it.groups = ptr::null_mut();
            return;
        }
        let l = Layout::of(mt);
        let total = (it.mask + 1) * SLOTS;
        while it.pos < total {
            let p = it.pos;
            let g = (it.start_group + p / SLOTS) & it.mask;
            let grp = l.group(it.groups, g);
            if p.is_multiple_of(SLOTS) && !ctrl(grp) & MSB == 0 {
                // No full slot in this group.
                it.pos += SLOTS;
                continue;
            }
            it.pos += 1;
            let i = (it.start_slot + p) & (SLOTS - 1);
            if *grp.add(i) & 0x80 != 0 {
                continue;
            }
            let key = l.key(grp, i);
            if it.groups == m.groups {
                it.key = key;
                it.elem = l.elem(grp, i);
                return;
            }
            // The table grew: look the key up in the current one.
            if !call_equal((*mt.key).equal, key, key) {
                it.key = key;
                it.elem = l.elem(grp, i);
                return;
            }
            if let Some((ng, ni)) = find(mt, m, &Generic(key)) {
                it.key = l.key(ng, ni);
                it.elem = l.elem(ng, ni);
                return;
            }
        }
        it.groups = ptr::null_mut();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::{kind, Type};
    use crate::hash::*;
    use crate::testtypes::{basic, map_type};
    use std::collections::{HashMap, HashSet};

    fn count(m: *mut Map) -> u64 {
        // SAFETY: tests pass live maps.
        unsafe { (*m).count }
    }

    fn int_t() -> *const Type {
        basic(kind::INT64, 8, &MEMEQUAL64_F, true)
    }
    fn str_t() -> *const Type {
        basic(kind::STRING, 16, &STREQUAL_F, false)
    }
    fn f64_t() -> *const Type {
        basic(kind::FLOAT64, 8, &F64EQUAL_F, false)
    }

    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            self.0 >> 17
        }
    }

    fn get64(mt: &MapType, m: *mut Map, k: u64, generic: bool) -> Option<u64> {
        let r = if generic {
            mapaccess2(mt, m, &k as *const u64 as *const u8)
        } else {
            mapaccess2_fast64(mt, m, k)
        };
        // SAFETY: elem pointers of an int64 map.
        (r.ok != 0).then(|| unsafe { *(r.elem as *const u64) })
    }

    fn collect64(mt: &MapType, m: *mut Map) -> Vec<(u64, u64)> {
        let mut it = core::mem::MaybeUninit::<Iter>::uninit();
        let it = it.as_mut_ptr();
        map_iter_start(mt, m, it);
        let mut v = Vec::new();
        // SAFETY: key/elem pointers produced by the iterator.
        unsafe {
            while !(*it).key.is_null() {
                v.push((*((*it).key as *const u64), *((*it).elem as *const u64)));
                map_iter_next(it);
            }
        }
        v
    }

    #[test]
    fn int_map_matches_model() {
        let mt = map_type(int_t(), int_t(), &MEMHASH64_F, 0);
        let m = makemap(mt, 0, ptr::null_mut());
        let mut model: HashMap<u64, u64> = HashMap::new();
        let mut r = Lcg(42);
        for step in 0..200_000u64 {
            let k = r.next() % 5000;
            let generic = step % 3 == 0;
            match r.next() % 4 {
                0 | 1 => {
                    let e = if generic {
                        mapassign(mt, m, &k as *const u64 as *const u8)
                    } else {
                        mapassign_fast64(mt, m, k)
                    };
                    // SAFETY: elem slot of an int64 map.
                    unsafe { *(e as *mut u64) = step };
                    model.insert(k, step);
                }
                2 => {
                    if generic {
                        mapdelete(mt, m, &k as *const u64 as *const u8);
                    } else {
                        mapdelete_fast64(mt, m, k);
                    }
                    model.remove(&k);
                }
                _ => assert_eq!(get64(mt, m, k, generic), model.get(&k).copied()),
            }
            // SAFETY: live map.
            assert_eq!(count(m) as usize, model.len());
        }
        let mut got = collect64(mt, m);
        got.sort();
        let mut want: Vec<_> = model.into_iter().collect();
        want.sort();
        assert_eq!(got, want);
        // Missing keys read the zero value.
        // SAFETY: zero area.
        assert_eq!(
            unsafe { *(mapaccess1_fast64(mt, m, 1 << 60) as *const u64) },
            0
        );
        mapclear(mt, m);
        assert_eq!(count(m), 0);
        assert!(collect64(mt, m).is_empty());
        assert_eq!(get64(mt, m, 7, false), None);
    }

    #[test]
    fn nil_map_reads_zero_and_deletes_nothing() {
        let mt = map_type(int_t(), int_t(), &MEMHASH64_F, 0);
        let r = mapaccess2_fast64(mt, ptr::null_mut(), 3);
        assert_eq!(r.ok, 0);
        // SAFETY: zero area.
        assert_eq!(unsafe { *(r.elem as *const u64) }, 0);
        mapdelete_fast64(mt, ptr::null_mut(), 3);
        mapclear(mt, ptr::null_mut());
        assert!(collect64(mt, ptr::null_mut()).is_empty());
        // Negative and absurd hints count as 0 (gc).
        for hint in [-5i64, 1 << 62] {
            let m = makemap(mt, hint, ptr::null_mut());
            mapassign_fast64(mt, m, 1);
            assert_eq!(count(m), 1);
        }
        // A caller-provided header is used.
        let mut hdr = [0u64; 8];
        let m = makemap(mt, 100, hdr.as_mut_ptr() as *mut Map);
        assert_eq!(m as usize, hdr.as_ptr() as usize);
        mapassign_fast64(mt, m, 9);
        assert_eq!(hdr[0], 1);
        // A big element type still reads zeros.
        let big = basic(kind::ARRAY, 5000, &MEMEQUAL64_F, true);
        let mt2 = map_type(int_t(), big, &MEMHASH64_F, MAP_INDIRECT_ELEM);
        let z = mapaccess1_fast64(mt2, ptr::null_mut(), 1);
        // SAFETY: a zeroed area of 5000 bytes.
        assert!(unsafe { core::slice::from_raw_parts(z, 5000) }
            .iter()
            .all(|&b| b == 0));
    }

    #[test]
    fn string_keys_fast_and_generic_agree() {
        let mt = map_type(str_t(), int_t(), &STRHASH_F, MAP_NEED_KEY_UPDATE);
        let m = makemap(mt, 100, ptr::null_mut());
        let keys: Vec<String> = (0..3000)
            .map(|i| format!("key-{i}-{}", "x".repeat(i % 70)))
            .collect();
        for (i, k) in keys.iter().enumerate() {
            let e = if i % 2 == 0 {
                mapassign_faststr(mt, m, k.as_ptr(), k.len())
            } else {
                let g = GoStr {
                    ptr: k.as_ptr(),
                    len: k.len(),
                };
                mapassign(mt, m, &g as *const GoStr as *const u8)
            };
            // SAFETY: int64 elem slot.
            unsafe { *(e as *mut u64) = i as u64 };
        }
        for (i, k) in keys.iter().enumerate() {
            // A copy of the key's bytes: equal by content.
            let c = k.clone();
            let g = GoStr {
                ptr: c.as_ptr(),
                len: c.len(),
            };
            let a = mapaccess2_faststr(mt, m, c.as_ptr(), c.len());
            let b = mapaccess2(mt, m, &g as *const GoStr as *const u8);
            assert_eq!((a.ok, b.ok), (1, 1));
            assert_eq!(a.elem, b.elem);
            // SAFETY: int64 elem.
            assert_eq!(unsafe { *(a.elem as *const u64) }, i as u64);
        }
        for k in keys.iter().step_by(2) {
            mapdelete_faststr(mt, m, k.as_ptr(), k.len());
        }
        assert_eq!(count(m), 1500);
        assert_eq!(
            mapaccess2_faststr(mt, m, keys[0].as_ptr(), keys[0].len()).ok,
            0
        );
        assert_eq!(
            mapaccess2_faststr(mt, m, keys[1].as_ptr(), keys[1].len()).ok,
            1
        );
    }

    #[test]
    fn nan_keys_are_all_distinct_and_clear_removes_them() {
        let mt = map_type(f64_t(), int_t(), &F64HASH_F, MAP_NEED_KEY_UPDATE);
        let m = makemap(mt, 0, ptr::null_mut());
        let nan = f64::NAN;
        for i in 0..3u64 {
            let e = mapassign(mt, m, &nan as *const f64 as *const u8);
            // SAFETY: elem slot.
            unsafe { *(e as *mut u64) = i };
        }
        // +0 and -0 are the same key.
        let (pz, nz) = (0.0f64, -0.0f64);
        mapassign(mt, m, &pz as *const f64 as *const u8);
        let e = mapassign(mt, m, &nz as *const f64 as *const u8);
        // SAFETY: elem slot.
        unsafe { *(e as *mut u64) = 9 };
        assert_eq!(count(m), 4);
        assert_eq!(mapaccess2(mt, m, &nan as *const f64 as *const u8).ok, 0);
        let r = mapaccess2(mt, m, &pz as *const f64 as *const u8);
        // SAFETY: an elem pointer of an int64 map.
        assert_eq!((r.ok, unsafe { *(r.elem as *const u64) }), (1, 9));
        // NeedKeyUpdate: the stored key is now -0.
        let all = collect64(mt, m);
        assert_eq!(all.len(), 4);
        assert_eq!(
            all.iter()
                .filter(|(k, _)| f64::from_bits(*k).is_nan())
                .count(),
            3
        );
        assert!(all.iter().any(|(k, _)| *k == (-0.0f64).to_bits()));
        mapdelete(mt, m, &nan as *const f64 as *const u8);
        assert_eq!(count(m), 4);
        mapclear(mt, m);
        assert_eq!(count(m), 0);
        assert!(collect64(mt, m).is_empty());
    }

    #[test]
    fn iteration_during_mutation_has_go_semantics() {
        for seed in 0..20u64 {
            let mt = map_type(int_t(), int_t(), &MEMHASH64_F, 0);
            let m = makemap(mt, 0, ptr::null_mut());
            let n = 500 + seed * 37;
            for k in 0..n {
                // SAFETY: elem slot.
                unsafe { *(mapassign_fast64(mt, m, k) as *mut u64) = k * 10 };
            }
            let mut r = Lcg(seed + 1);
            let mut seen = HashSet::new();
            let mut deleted = HashSet::new();
            let mut inserted = HashSet::new();
            let mut updated = HashSet::new();
            let mut it = core::mem::MaybeUninit::<Iter>::uninit();
            let it = it.as_mut_ptr();
            map_iter_start(mt, m, it);
            let mut next_new = 1_000_000u64;
            // SAFETY: iterator pointers.
            unsafe {
                while !(*it).key.is_null() {
                    let k = *((*it).key as *const u64);
                    let v = *((*it).elem as *const u64);
                    assert!(seen.insert(k), "key {k} produced twice");
                    assert!(!deleted.contains(&k), "deleted key {k} produced");
                    if k < 1_000_000 {
                        let want = k * 10 + updated.contains(&k) as u64;
                        assert_eq!(v, want, "key {k}");
                    }
                    // Mutate: delete a random old key, update one, insert
                    // new ones (forces growth).
                    let d = r.next() % n;
                    if !seen.contains(&d) && !d.is_multiple_of(7) {
                        mapdelete_fast64(mt, m, d);
                        deleted.insert(d);
                    }
                    let u = (r.next() % n) / 7 * 7;
                    if !deleted.contains(&u) && !seen.contains(&u) {
                        *(mapassign_fast64(mt, m, u) as *mut u64) = u * 10 + 1;
                        updated.insert(u);
                    }
                    for _ in 0..3 {
                        *(mapassign_fast64(mt, m, next_new) as *mut u64) = 0;
                        inserted.insert(next_new);
                        next_new += 1;
                    }
                    map_iter_next(it);
                }
            }
            // Every old key not deleted was produced exactly once.
            for k in 0..n {
                if !deleted.contains(&k) {
                    assert!(seen.contains(&k), "seed {seed}: key {k} missed");
                }
            }
            for k in &seen {
                assert!(*k < n || inserted.contains(k));
            }
        }
    }

    #[test]
    fn fast32_and_generic_agree() {
        let i32_t = basic(kind::INT32, 4, &MEMEQUAL32_F, true);
        let mt = map_type(i32_t, i32_t, &MEMHASH32_F, 0);
        let m = makemap_small();
        for k in 0..5000u32 {
            // SAFETY: 4-byte elem slot.
            unsafe { *(mapassign_fast32(mt, m, k.wrapping_mul(2654435761)) as *mut u32) = k };
        }
        for k in 0..5000u32 {
            let key = k.wrapping_mul(2654435761);
            let a = mapaccess2_fast32(mt, m, key);
            let b = mapaccess2(mt, m, &key as *const u32 as *const u8);
            assert_eq!((a.ok, a.elem), (1, b.elem));
            // SAFETY: elem.
            assert_eq!(unsafe { *(a.elem as *const u32) }, k);
            if k % 2 == 0 {
                mapdelete_fast32(mt, m, key);
            }
        }
        assert_eq!(count(m), 2500);
        assert_eq!(mapaccess2_fast32(mt, m, 0).ok, 0);
    }

    #[test]
    fn clear_during_iteration_stops_it() {
        let mt = map_type(int_t(), int_t(), &MEMHASH64_F, 0);
        let m = makemap(mt, 0, ptr::null_mut());
        for k in 0..100u64 {
            mapassign_fast64(mt, m, k);
        }
        let mut it = core::mem::MaybeUninit::<Iter>::uninit();
        let it = it.as_mut_ptr();
        map_iter_start(mt, m, it);
        mapclear(mt, m);
        mapassign_fast64(mt, m, 5);
        map_iter_next(it);
        // SAFETY: iterator state.
        assert!(unsafe { (*it).key.is_null() });
    }

    #[test]
    fn iteration_order_is_random() {
        let mt = map_type(int_t(), int_t(), &MEMHASH64_F, 0);
        let m = makemap(mt, 0, ptr::null_mut());
        for k in 0..50u64 {
            mapassign_fast64(mt, m, k);
        }
        let firsts: HashSet<u64> = (0..50).map(|_| collect64(mt, m)[0].0).collect();
        assert!(firsts.len() > 3, "{firsts:?}");
    }

    #[test]
    fn indirect_big_keys_and_elems() {
        let big = basic(kind::ARRAY, 200, &MEMEQUAL64_F, true);
        // memhash_varlen closure {code, size}.
        let hasher: &'static [usize; 2] =
            Box::leak(Box::new([memhash_varlen as *const () as usize, 200]));
        let eq: &'static [usize; 2] =
            Box::leak(Box::new([memequal_varlen as *const () as usize, 200]));
        // SAFETY: patching a leaked test descriptor's equal closure.
        unsafe { (*(big as *mut Type)).equal = eq.as_ptr() };
        let mt = map_type(
            big,
            big,
            // SAFETY: same layout as FuncVal's first word.
            unsafe { &*(hasher.as_ptr() as *const FuncVal) },
            MAP_INDIRECT_KEY | MAP_INDIRECT_ELEM,
        );
        let m = makemap(mt, 0, ptr::null_mut());
        for i in 0..300u64 {
            let mut k = [0u8; 200];
            k[199] = i as u8;
            k[0] = (i >> 8) as u8;
            let e = mapassign(mt, m, k.as_ptr());
            // SAFETY: a 200-byte elem.
            unsafe { *e.add(100) = i as u8 ^ 0x55 };
        }
        for i in 0..300u64 {
            let mut k = [0u8; 200];
            k[199] = i as u8;
            k[0] = (i >> 8) as u8;
            let r = mapaccess2(mt, m, k.as_ptr());
            assert_eq!(r.ok, 1);
            // SAFETY: as above.
            assert_eq!(unsafe { *r.elem.add(100) }, i as u8 ^ 0x55);
        }
    }

    #[test]
    #[ignore]
    fn bench_small_and_string_maps() {
        let mt = map_type(int_t(), int_t(), &MEMHASH64_F, 0);
        let t0 = std::time::Instant::now();
        let mut sum = 0u64;
        for r in 0..100_000u64 {
            let m = makemap_small();
            for k in 0..8 {
                // SAFETY: elem slot.
                unsafe { *(mapassign_fast64(mt, m, k + r) as *mut u64) = k };
            }
            for k in 0..8 {
                // SAFETY: elem pointer.
                sum += unsafe { *(mapaccess1_fast64(mt, m, k + r) as *const u64) };
            }
        }
        let small = t0.elapsed().as_nanos() as f64 / 1.6e6;
        assert_eq!(sum, 100_000 * 28);
        let smt = map_type(str_t(), int_t(), &STRHASH_F, MAP_NEED_KEY_UPDATE);
        let keys: Vec<String> = (0..100_000).map(|i| format!("key number {i}")).collect();
        let m = makemap_small();
        let t0 = std::time::Instant::now();
        for (i, k) in keys.iter().enumerate() {
            // SAFETY: elem slot.
            unsafe { *(mapassign_faststr(smt, m, k.as_ptr(), k.len()) as *mut u64) = i as u64 };
        }
        let ins = t0.elapsed().as_nanos() as f64 / 1e5;
        let t0 = std::time::Instant::now();
        let mut sum = 0u64;
        for k in keys.iter() {
            // SAFETY: elem pointer.
            sum += unsafe { *(mapaccess1_faststr(smt, m, k.as_ptr(), k.len()) as *const u64) };
        }
        let look = t0.elapsed().as_nanos() as f64 / 1e5;
        assert_eq!(sum, 99_999 * 100_000 / 2);
        eprintln!("small maps (8 entries): {small:.1} ns/op; 1e5 string keys: insert {ins:.1} ns/op, lookup {look:.1} ns/op");
    }

    #[test]
    #[ignore]
    fn bench_int_map() {
        let mt = map_type(int_t(), int_t(), &MEMHASH64_F, 0);
        let n = 1_000_000u64;
        let m = makemap(mt, 0, ptr::null_mut());
        let t0 = std::time::Instant::now();
        for k in 0..n {
            // SAFETY: elem slot.
            unsafe {
                *(mapassign_fast64(mt, m, k.wrapping_mul(0x9E37_79B9_7F4A_7C15)) as *mut u64) = k
            };
        }
        let t1 = t0.elapsed();
        let t0 = std::time::Instant::now();
        let mut sum = 0u64;
        for k in 0..n {
            // SAFETY: elem pointer.
            sum = sum.wrapping_add(unsafe {
                *(mapaccess1_fast64(mt, m, k.wrapping_mul(0x9E37_79B9_7F4A_7C15)) as *const u64)
            });
        }
        let t2 = t0.elapsed();
        let t0 = std::time::Instant::now();
        let mut miss = 0u64;
        for k in 0..n {
            miss += mapaccess2_fast64(mt, m, k | (1 << 63)).ok;
        }
        let t3 = t0.elapsed();
        let t0 = std::time::Instant::now();
        let m2 = makemap(mt, n as i64, ptr::null_mut());
        for k in 0..n {
            mapassign_fast64(mt, m2, k);
        }
        let t4 = t0.elapsed();
        let t0 = std::time::Instant::now();
        let c = collect64(mt, m).len();
        let t5 = t0.elapsed();
        let t0 = std::time::Instant::now();
        for k in 0..n {
            mapdelete_fast64(mt, m, k.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        }
        let t6 = t0.elapsed();
        assert_eq!(sum, n * (n - 1) / 2);
        assert_eq!(miss, 0);
        assert_eq!(c, n as usize);
        let ns = |d: std::time::Duration| d.as_nanos() as f64 / n as f64;
        eprintln!(
            "1e6 int keys: insert {:.1} ns/op (presized {:.1}), hit lookup {:.1} ns/op, miss {:.1} ns/op, iterate {:.1} ns/entry, delete {:.1} ns/op",
            ns(t1), ns(t4), ns(t2), ns(t3), ns(t5), ns(t6)
        );
    }
}

#[cfg(test)]
mod iface_key_tests {
    use super::*;
    use crate::abi::kind;
    use crate::hash::*;
    use crate::testtypes::{basic, map_type};

    fn count(m: *mut Map) -> u64 {
        // SAFETY: tests pass live maps.
        unsafe { (*m).count }
    }

    #[test]
    fn interface_keys_hash_by_dynamic_value() {
        let int_t = basic(kind::INT64, 8, &MEMEQUAL64_F, true);
        let str_t = basic(kind::STRING, 16, &STREQUAL_F, false);
        let any_t = basic(kind::INTERFACE, 16, &NILINTEREQUAL_F, false);
        // An empty InterfaceType: mlen 0 (the bytes after the Type are
        // zero in a leaked [u64; 10]).
        let any_full: &'static mut [u64; 10] = Box::leak(Box::new([0u64; 10]));
        // SAFETY: copying a Type into the head of a zeroed InterfaceType.
        unsafe {
            ptr::copy_nonoverlapping(any_t as *const u8, any_full.as_mut_ptr() as *mut u8, 48)
        };
        let any_t = any_full.as_ptr() as *const crate::abi::Type;
        let mt = map_type(
            any_t,
            int_t,
            &NILINTERHASH_F,
            MAP_NEED_KEY_UPDATE | crate::abi::MAP_HASH_MIGHT_PANIC,
        );
        let m = makemap(mt, 0, ptr::null_mut());
        for i in 0..1000u64 {
            let k = [int_t as usize, crate::iface::convt64(i) as usize];
            // SAFETY: elem slot.
            unsafe { *(mapassign(mt, m, k.as_ptr() as *const u8) as *mut u64) = i };
            let s = format!("s{i}");
            let s: &'static str = Box::leak(s.into_boxed_str());
            let k = [
                str_t as usize,
                crate::iface::convtstring(s.as_ptr(), s.len()) as usize,
            ];
            // SAFETY: elem slot.
            unsafe { *(mapassign(mt, m, k.as_ptr() as *const u8) as *mut u64) = i + 5000 };
        }
        assert_eq!(count(m), 2000);
        for i in 0..1000u64 {
            // Fresh boxes: equal by value.
            let v: &'static u64 = Box::leak(Box::new(i));
            let k = [int_t as usize, v as *const u64 as usize];
            let r = mapaccess2(mt, m, k.as_ptr() as *const u8);
            // SAFETY: an elem pointer of an int64 map.
            assert_eq!((r.ok, unsafe { *(r.elem as *const u64) }), (1, i));
            let s = format!("s{i}");
            let g: &'static GoStr = Box::leak(Box::new(GoStr {
                ptr: s.as_ptr(),
                len: s.len(),
            }));
            let k = [str_t as usize, g as *const GoStr as usize];
            let r = mapaccess2(mt, m, k.as_ptr() as *const u8);
            // SAFETY: as above.
            assert_eq!((r.ok, unsafe { *(r.elem as *const u64) }), (1, i + 5000));
            drop(s);
        }
        // A nil interface is a key too.
        let nil = [0usize, 0];
        mapassign(mt, m, nil.as_ptr() as *const u8);
        assert_eq!(mapaccess2(mt, m, nil.as_ptr() as *const u8).ok, 1);
    }
}
