//! Questions about types: underlying types, type identity, and the
//! classification predicates the checker asks constantly (is it an
//! integer? untyped? an interface? comparable?), with types2's meanings.

use crate::arena::{ObjId, Store, TypeId};
use crate::object::ObjKind;
use crate::ty::{BasicInfo, BasicKind, Type};
use crate::typeset::type_set;
use crate::universe;

/// `t` with aliases resolved.
pub fn unalias(s: &impl Store, mut t: TypeId) -> TypeId {
    // Alias chains are finite: the checker rejects cyclic aliases.
    while let Type::Alias(a) = s.ty(t) {
        match a.actual {
            Some(actual) => t = actual,
            None => return universe::INVALID,
        }
    }
    t
}

/// The underlying type: for named types the type they were defined with,
/// for type parameters their constraint interface, else the type itself
/// (aliases resolved).
pub fn underlying(s: &impl Store, t: TypeId) -> TypeId {
    let mut t = unalias(s, t);
    loop {
        match s.ty(t) {
            Type::Named(n) => match n.underlying {
                // A named type's underlying type is never named, but it
                // may be an alias of one being resolved.
                Some(u) if u != t => t = unalias(s, u),
                _ => return universe::INVALID,
            },
            Type::TypeParam(p) => {
                return p.bound.map_or(universe::INVALID, |b| {
                    let b = underlying(s, b);
                    if b == t {
                        universe::INVALID
                    } else {
                        b
                    }
                })
            }
            _ => return t,
        }
    }
}

/// The basic kind of `t`'s underlying type, if it is basic.
pub fn basic_kind(s: &impl Store, t: TypeId) -> Option<BasicKind> {
    match s.ty(underlying(s, t)) {
        Type::Basic { kind, .. } => Some(*kind),
        _ => None,
    }
}

fn basic_info(s: &impl Store, t: TypeId) -> BasicInfo {
    basic_kind(s, t).map_or(BasicInfo::NONE, BasicKind::info)
}

pub fn is_boolean(s: &impl Store, t: TypeId) -> bool {
    basic_info(s, t).has(BasicInfo::BOOLEAN)
}

pub fn is_integer(s: &impl Store, t: TypeId) -> bool {
    basic_info(s, t).has(BasicInfo::INTEGER)
}

pub fn is_unsigned(s: &impl Store, t: TypeId) -> bool {
    basic_info(s, t).has(BasicInfo::UNSIGNED)
}

pub fn is_float(s: &impl Store, t: TypeId) -> bool {
    basic_info(s, t).has(BasicInfo::FLOAT)
}

pub fn is_complex(s: &impl Store, t: TypeId) -> bool {
    basic_info(s, t).has(BasicInfo::COMPLEX)
}

pub fn is_numeric(s: &impl Store, t: TypeId) -> bool {
    basic_info(s, t).is_numeric()
}

pub fn is_string(s: &impl Store, t: TypeId) -> bool {
    basic_info(s, t).has(BasicInfo::STRING)
}

pub fn is_ordered(s: &impl Store, t: TypeId) -> bool {
    basic_info(s, t).is_ordered()
}

pub fn is_const_type(s: &impl Store, t: TypeId) -> bool {
    basic_info(s, t).is_const_type()
}

/// Untyped constant and nil types.
pub fn is_untyped(s: &impl Store, t: TypeId) -> bool {
    // Untyped types are never named or aliased.
    matches!(s.ty(t), Type::Basic { kind, .. } if kind.info().has(BasicInfo::UNTYPED))
}

pub fn is_typed(s: &impl Store, t: TypeId) -> bool {
    !is_untyped(s, t)
}

pub fn is_interface(s: &impl Store, t: TypeId) -> bool {
    let t = unalias(s, t);
    !matches!(s.ty(t), Type::TypeParam(_)) && matches!(s.ty(underlying(s, t)), Type::Interface(_))
}

pub fn is_type_param(s: &impl Store, t: TypeId) -> bool {
    matches!(s.ty(unalias(s, t)), Type::TypeParam(_))
}

/// Named types, basic types and type parameters have names; composite
/// type literals do not.
pub fn has_name(s: &impl Store, t: TypeId) -> bool {
    matches!(
        s.ty(unalias(s, t)),
        Type::Basic { .. } | Type::Named(_) | Type::TypeParam(_)
    )
}

/// Whether `nil` is a value of `t`'s type (types2's hasNil): for a type
/// parameter, of every type in its type set (which must be restricted).
pub fn has_nil(s: &impl Store, t: TypeId) -> bool {
    if is_type_param(s, t) {
        let ts = crate::typeset::type_set(s, t);
        return !ts.terms.is_all()
            && ts.terms.0.iter().all(|term| match term {
                // (A term is never a type parameter; an incomplete
                // constraint may still look like one.)
                crate::termlist::TypeTerm::Type { typ, .. } => {
                    !is_type_param(s, *typ) && has_nil(s, *typ)
                }
                crate::termlist::TypeTerm::All => false,
            });
    }
    match s.ty(underlying(s, t)) {
        Type::Basic { kind, .. } => *kind == BasicKind::UnsafePointer,
        Type::Slice(_) | Type::Pointer(_) | Type::Signature(_) | Type::Map(..) | Type::Chan(..) => {
            true
        }
        Type::Interface(_) => !is_type_param(s, t),
        _ => false,
    }
}

/// Type identity as the spec defines it. Parameter names do not matter;
/// field names, tags and embedding do.
pub fn identical(s: &impl Store, x: TypeId, y: TypeId) -> bool {
    identical_mapped(s, x, y, &[])
}

/// Identity after replacing the type parameters of `map` (first of each
/// pair) with their types (second), on either side: how a method of a
/// generic type compares once the receiver's type arguments are known.
pub fn identical_mapped(s: &impl Store, x: TypeId, y: TypeId, map: &[(TypeId, TypeId)]) -> bool {
    Comparer {
        map,
        pairs: Vec::new(),
    }
    .identical(s, x, y)
}

/// One identity comparison: the type parameter mapping and the stack of
/// interface pairs being compared (interfaces are the only types that can
/// recur without a name in between: `type T interface{ m() interface{T} }`;
/// a pair met again is assumed identical, as the comparison that is still
/// running decides it).
struct Comparer<'m> {
    map: &'m [(TypeId, TypeId)],
    pairs: Vec<(TypeId, TypeId)>,
}

impl Comparer<'_> {
    fn identical(&mut self, s: &impl Store, x: TypeId, y: TypeId) -> bool {
        let map = self.map;
        let subst = |t: TypeId| {
            let t = unalias(s, t);
            map.iter()
                .find(|(p, _)| *p == t)
                .map_or(t, |&(_, a)| unalias(s, a))
        };
        let (x, y) = (subst(x), subst(y));
        if x == y {
            return true;
        }
        match (s.ty(x), s.ty(y)) {
            (Type::Basic { kind: a, .. }, Type::Basic { kind: b, .. }) => a == b,
            (Type::Array(n, a), Type::Array(m, b)) => {
                n.is_some() && n == m && self.identical(s, *a, *b)
            }
            (Type::Slice(a), Type::Slice(b)) | (Type::Pointer(a), Type::Pointer(b)) => {
                self.identical(s, *a, *b)
            }
            (Type::Map(k1, v1), Type::Map(k2, v2)) => {
                self.identical(s, *k1, *k2) && self.identical(s, *v1, *v2)
            }
            (Type::Chan(d1, a), Type::Chan(d2, b)) => d1 == d2 && self.identical(s, *a, *b),
            (Type::Struct(a), Type::Struct(b)) => {
                a.fields.len() == b.fields.len()
                    && a.fields
                        .iter()
                        .zip(&b.fields)
                        .enumerate()
                        .all(|(i, (&f, &g))| {
                            a.tag(i) == b.tag(i)
                                && same_field(s, f, g)
                                && self.identical_obj_types(s, f, g)
                        })
            }
            (Type::Tuple(a), Type::Tuple(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .zip(b)
                        .all(|(&v, &w)| self.identical_obj_types(s, v, w))
            }
            (Type::Signature(a), Type::Signature(b)) => {
                // Generic signatures are identical if their type parameter
                // lists match pairwise; the checker compares those with a
                // substitution. Here only non-generic ones are compared.
                a.tparams.is_empty()
                    && b.tparams.is_empty()
                    && a.variadic == b.variadic
                    && self.identical(s, a.params, b.params)
                    && self.identical(s, a.results, b.results)
            }
            (Type::Union(a), Type::Union(b)) => {
                a.len() == b.len()
                    && a.iter().all(|t| {
                        b.iter()
                            .any(|u| t.tilde == u.tilde && self.identical(s, t.typ, u.typ))
                    })
            }
            (Type::Interface(_), Type::Interface(_)) => self.identical_interfaces(s, x, y),
            (Type::Named(a), Type::Named(b)) => {
                // Two instances of the same generic type with identical
                // type arguments are identical.
                match (a.origin, b.origin) {
                    (Some(o1), Some(o2)) => {
                        o1 == o2
                            && a.targs.len() == b.targs.len()
                            && a.targs
                                .iter()
                                .zip(&b.targs)
                                .all(|(&p, &q)| self.identical(s, p, q))
                    }
                    _ => false,
                }
            }
            _ => false,
        }
    }

    /// Interfaces are identical when their type sets are: the same
    /// comparability, the same terms, and the same methods (names, and
    /// packages for unexported names) with identical signatures, however
    /// the methods were declared or embedded.
    fn identical_interfaces(&mut self, s: &impl Store, x: TypeId, y: TypeId) -> bool {
        let (xs, ys) = (type_set(s, x), type_set(s, y));
        if xs.comparable != ys.comparable
            || xs.methods.len() != ys.methods.len()
            || !xs.terms.equal(s, &ys.terms)
        {
            return false;
        }
        if self
            .pairs
            .iter()
            .any(|&(a, b)| (a, b) == (x, y) || (a, b) == (y, x))
        {
            return true;
        }
        self.pairs.push((x, y));
        let same = xs.methods.iter().all(|&m| {
            let mo = s.obj(m);
            ys.methods.iter().any(|&n| {
                let no = s.obj(n);
                mo.name == no.name
                    && (mo.is_exported() || mo.pkg == no.pkg)
                    && self.identical_obj_types(s, m, n)
            })
        });
        self.pairs.pop();
        same
    }

    fn identical_obj_types(&mut self, s: &impl Store, a: ObjId, b: ObjId) -> bool {
        match (s.obj(a).typ, s.obj(b).typ) {
            (Some(x), Some(y)) => self.identical(s, x, y),
            _ => false,
        }
    }
}

/// Fields match when names and embedding agree and, for unexported
/// names, the packages do too.
fn same_field(s: &impl Store, f: ObjId, g: ObjId) -> bool {
    let (f, g) = (s.obj(f), s.obj(g));
    let embedded = |k: &ObjKind| matches!(k, ObjKind::Var { embedded: true, .. });
    f.name == g.name
        && embedded(&f.kind) == embedded(&g.kind)
        && (f.is_exported() || f.pkg == g.pkg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arena::{Arena, Local, PkgIdx, World};
    use crate::universe::*;

    #[test]
    fn basics_and_composites() {
        let world = World::new();
        let mut l = Local {
            world: &world,
            arena: Arena::new(PkgIdx(2)),
        };
        let s1 = l.arena.add_type(Type::Slice(INT));
        let s2 = l.arena.add_type(Type::Slice(INT));
        let s3 = l.arena.add_type(Type::Slice(STRING));
        let bytes = l.arena.add_type(Type::Slice(BYTE));
        let uint8s = l.arena.add_type(Type::Slice(UINT8));
        assert!(identical(&l, s1, s2));
        assert!(!identical(&l, s1, s3));
        assert!(identical(&l, bytes, uint8s), "byte is uint8");
        assert!(identical(&l, ANY, EMPTY_INTERFACE), "any is interface{{}}");
        assert!(is_integer(&l, RUNE) && !is_unsigned(&l, RUNE));
        assert!(is_unsigned(&l, BYTE));
        assert!(is_untyped(&l, UNTYPED_FLOAT) && !is_untyped(&l, FLOAT64));
        assert!(is_interface(&l, ERROR) && is_interface(&l, ANY));
        assert!(has_nil(&l, s1) && !has_nil(&l, INT) && has_nil(&l, UNSAFE_POINTER));
        assert_eq!(underlying(&l, BYTE), BYTE);
        assert!(matches!(l.ty(underlying(&l, ERROR)), Type::Interface(_)));
    }

    /// Interfaces are identical by their type sets, however methods are
    /// declared or embedded, and interfaces that recur through anonymous
    /// interfaces in their signatures compare without looping.
    #[test]
    fn interface_identity() {
        let src = r#"package p

type I interface { f(); String() string }
type J interface { g(); String() string }

type IJ1 = interface { I; J }
type IJ2 = interface { f(); g(); String() string }

var _ = (*IJ1)(nil) == (*IJ2)(nil)

type T1 interface{ m() interface{ T1 } }
type T2 interface{ m() interface{ T2 } }
type T3 interface{ m() interface{ T4 } }
type T4 interface{ m() interface{ T3 } }

func _(x T1, y T2, z T3) {
	x = y
	x = z
}

type M interface{ m() int }

func _(x T1, m M) {
	x = m
}
"#;
        let want = vec![
            "a.go:24:6: cannot use m (variable of interface type M) as T1 value in assignment: M does not implement T1 (wrong type for method m)\n\t\thave m() int\n\t\twant m() interface{T1}",
        ];
        assert_eq!(crate::testutil::check_source(src), want);
    }
}
