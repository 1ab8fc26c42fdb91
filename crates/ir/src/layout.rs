//! How Go values are represented in the IR: a type whose value is a few
//! machine scalars ("leaves", each with its byte offset in memory) is
//! carried as that many SSA values; sizes, alignments and offsets are gc's
//! (`types::sizes`).

use types::arena::{Store, TypeId};
use types::predicates::underlying;
use types::ty::{BasicKind, Type};

use crate::func::Ty;

/// The most scalar leaves a type may have to be kept in SSA values
/// rather than in memory.
pub const MAX_SSA_LEAVES: usize = 4;

/// The scalar leaves of a value of type `t`, with their offsets, or
/// `None` for a type kept in memory (too many leaves, or an array longer
/// than one element).
pub fn leaves(s: &impl Store, t: TypeId) -> Option<Vec<(Ty, u32)>> {
    let mut out = Vec::new();
    if collect(s, t, 0, &mut out) && out.len() <= MAX_SSA_LEAVES {
        Some(out)
    } else {
        None
    }
}

/// Just the machine types of `leaves`.
pub fn scalar_types(s: &impl Store, t: TypeId) -> Option<Vec<Ty>> {
    leaves(s, t).map(|l| l.into_iter().map(|(t, _)| t).collect())
}

fn collect(s: &impl Store, t: TypeId, base: u32, out: &mut Vec<(Ty, u32)>) -> bool {
    if out.len() > MAX_SSA_LEAVES {
        return false;
    }
    let u = underlying(s, t);
    match s.ty(u) {
        Type::Basic { kind, .. } => {
            use BasicKind::*;
            let ty = match kind {
                Bool | Int8 | Uint8 | UntypedBool => Ty::I8,
                Int16 | Uint16 => Ty::I16,
                Int32 | Uint32 | UntypedRune => Ty::I32,
                Int | Int64 | Uint | Uint64 | Uintptr | UnsafePointer | UntypedInt | UntypedNil => {
                    Ty::I64
                }
                Float32 => Ty::F32,
                Float64 | UntypedFloat => Ty::F64,
                Complex64 => {
                    out.push((Ty::F32, base));
                    out.push((Ty::F32, base + 4));
                    return true;
                }
                Complex128 | UntypedComplex => {
                    out.push((Ty::F64, base));
                    out.push((Ty::F64, base + 8));
                    return true;
                }
                String | UntypedString => {
                    out.push((Ty::PTR, base));
                    out.push((Ty::I64, base + 8));
                    return true;
                }
                Invalid => return false,
            };
            out.push((ty, base));
            true
        }
        Type::Pointer(_) | Type::Map(..) | Type::Chan(..) | Type::Signature(_) => {
            out.push((Ty::PTR, base));
            true
        }
        Type::Slice(_) => {
            out.push((Ty::PTR, base));
            out.push((Ty::I64, base + 8));
            out.push((Ty::I64, base + 16));
            true
        }
        Type::Interface(_) => {
            out.push((Ty::PTR, base));
            out.push((Ty::PTR, base + 8));
            true
        }
        Type::Array(n, e) => match n.unwrap_or(0) {
            0 => true,
            1 => collect(s, *e, base, out),
            _ => false,
        },
        Type::Struct(st) => {
            let offsets = types::sizes::offsetsof(s, &st.fields);
            for (&f, off) in st.fields.iter().zip(offsets) {
                let ft = s.obj(f).typ.unwrap_or(types::universe::INVALID);
                if !collect(s, ft, base + off as u32, out) {
                    return false;
                }
            }
            true
        }
        _ => false,
    }
}

pub fn size(s: &impl Store, t: TypeId) -> u32 {
    types::sizes::sizeof(s, t).max(0) as u32
}

pub fn align(s: &impl Store, t: TypeId) -> u32 {
    types::sizes::alignof(s, t).max(1) as u32
}

/// Whether an interface holding a `t` stores the value itself in its
/// data word (gc's `isdirectiface`: pointer-shaped types).
pub fn is_direct_iface(s: &impl Store, t: TypeId) -> bool {
    match s.ty(underlying(s, t)) {
        Type::Pointer(_) | Type::Map(..) | Type::Chan(..) | Type::Signature(_) => true,
        Type::Basic {
            kind: BasicKind::UnsafePointer,
            ..
        } => true,
        Type::Array(Some(1), e) => is_direct_iface(s, *e),
        Type::Struct(st) if st.fields.len() == 1 => is_direct_iface(
            s,
            s.obj(st.fields[0]).typ.unwrap_or(types::universe::INVALID),
        ),
        _ => false,
    }
}
