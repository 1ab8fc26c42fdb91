//! gc's memory layout of types on linux/amd64: sizes, alignments and
//! struct field offsets, as `unsafe.Sizeof/Alignof/Offsetof` report them
//! and as the code generator lays values out.

use crate::arena::{ObjId, Store, TypeId};
use crate::predicates::{is_string, unalias, underlying};
use crate::ty::Type;
use crate::universe;

const WORD: i64 = 8;
const MAX_ALIGN: i64 = 8;

/// gc's size of `t` on amd64; -1 if too large.
pub fn sizeof(s: &impl Store, t: TypeId) -> i64 {
    let u = underlying(s, t);
    // A type containing itself by value (an invalid recursive type
    // not yet reported, such as an instance of a generic one) has no
    // size: stop instead of recursing forever.
    let composite = matches!(s.ty(u), Type::Array(..) | Type::Struct(_));
    if composite && LayoutGuard::active(u, false) {
        return 0;
    }
    let _guard = if composite {
        LayoutGuard::enter(u, false)
    } else {
        None
    };
    match s.ty(u) {
        Type::Basic { kind, .. } => match kind.size() {
            Some(s) => s as i64,
            None => WORD,
        },
        Type::Array(n, e) => {
            let n = n.unwrap_or(0) as i64;
            if n <= 0 {
                return 0;
            }
            let es = sizeof(s, *e);
            if es < 0 {
                return -1;
            }
            if es == 0 {
                return 0;
            }
            if es > i64::MAX / n {
                return -1;
            }
            es * n
        }
        Type::Slice(_) => WORD * 3,
        Type::Struct(st) => {
            let Some(&last) = st.fields.last() else {
                return 0;
            };
            let offsets = offsetsof(s, &st.fields);
            let offs = offsets.last().copied().unwrap_or(0);
            let lt = s.obj(last).typ.unwrap_or(universe::INVALID);
            let mut size = sizeof(s, lt);
            if offs < 0 || size < 0 {
                return -1;
            }
            if offs > 0 && size == 0 {
                size = 1;
            }
            align(offs.wrapping_add(size), alignof(s, t))
        }
        Type::Interface(_) => WORD * 2,
        _ => WORD,
    }
}

/// gc's alignment of `t` on amd64.
pub fn alignof(s: &impl Store, t: TypeId) -> i64 {
    let u = underlying(s, t);
    let composite = matches!(s.ty(u), Type::Array(..) | Type::Struct(_));
    if composite && LayoutGuard::active(u, true) {
        return 1; // a type containing itself: see gc_sizeof
    }
    let _guard = if composite {
        LayoutGuard::enter(u, true)
    } else {
        None
    };
    match s.ty(u) {
        Type::Array(_, e) => return alignof(s, *e),
        Type::Struct(st) => {
            if st.fields.is_empty() && is_sync_atomic_align64(s, t) {
                return 8;
            }
            return st
                .fields
                .iter()
                .map(|&f| alignof(s, s.obj(f).typ.unwrap_or(universe::INVALID)))
                .max()
                .unwrap_or(1)
                .max(1);
        }
        Type::Slice(_) | Type::Interface(_) => return WORD,
        Type::Basic { .. } if is_string(s, u) => return WORD,
        _ => {}
    }
    let mut a = sizeof(s, t);
    if a < 1 {
        return 1;
    }
    if crate::predicates::is_complex(s, t) {
        a /= 2;
    }
    a.min(MAX_ALIGN)
}

/// The `align64` marker types of sync/atomic and the runtime's
/// atomics force 8-byte alignment.
fn is_sync_atomic_align64(s: &impl Store, t: TypeId) -> bool {
    let t = unalias(s, t);
    let Type::Named(n) = s.ty(t) else {
        return false;
    };
    let o = s.obj(n.obj);
    let Some(pkg) = o.pkg else {
        return false;
    };
    let (_, path) = s.package(pkg);
    o.name.as_str() == "align64" && (path == "sync/atomic" || path == "internal/runtime/atomic")
}

/// gc's field offsets of a struct on amd64 (-1 once too large).
pub fn offsetsof(s: &impl Store, fields: &[ObjId]) -> Vec<i64> {
    let mut out = Vec::with_capacity(fields.len());
    let mut offs: i64 = 0;
    for &f in fields {
        if offs < 0 {
            out.push(-1);
            continue;
        }
        let ft = s.obj(f).typ.unwrap_or(universe::INVALID);
        offs = align(offs, alignof(s, ft));
        out.push(offs);
        let d = sizeof(s, ft);
        if d >= 0 && offs >= 0 {
            offs = offs.wrapping_add(d);
        } else {
            offs = -1;
        }
    }
    out
}

/// `x` rounded up to a multiple of `a`.
pub fn align(x: i64, a: i64) -> i64 {
    let a = a.max(1);
    let y = x.wrapping_add(a - 1);
    y - y.rem_euclid(a)
}

thread_local! {
    /// The composite types whose size (`false`) or alignment (`true`) is
    /// being computed on this thread.
    static LAYOUT_IN_PROGRESS: std::cell::RefCell<Vec<(TypeId, bool)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Marks a type's layout as being computed, for `gc_sizeof` and
/// `gc_alignof` to notice a type that contains itself.
struct LayoutGuard;

impl LayoutGuard {
    fn active(t: TypeId, align: bool) -> bool {
        LAYOUT_IN_PROGRESS.with(|v| v.borrow().contains(&(t, align)))
    }

    /// `None` if `t`'s size (or alignment) is already being computed.
    fn enter(t: TypeId, align: bool) -> Option<LayoutGuard> {
        LAYOUT_IN_PROGRESS.with(|v| {
            let mut v = v.borrow_mut();
            if v.contains(&(t, align)) {
                return None;
            }
            v.push((t, align));
            Some(LayoutGuard)
        })
    }
}

impl Drop for LayoutGuard {
    fn drop(&mut self) {
        LAYOUT_IN_PROGRESS.with(|v| {
            v.borrow_mut().pop();
        });
    }
}
