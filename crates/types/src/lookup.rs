//! Finding fields and methods by name (the spec's selector rules, types2's
//! LookupFieldOrMethod): breadth-first through embedded fields, the
//! shallowest match wins, two at the same depth collide, and a method with
//! a pointer receiver needs an addressable or pointer operand. Also the
//! full method list of an interface (declared plus embedded).

use std::collections::HashSet;

use syntax::ast::Symbol;

use crate::arena::{ObjId, PkgIdx, Store, TypeId};
use crate::object::ObjKind;
use crate::predicates::{unalias, underlying};
use crate::ty::Type;

/// The outcome of a lookup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// Found: the field or method, the path of embedded field indices to it
    /// (the last index selects the field or method itself), and whether a
    /// pointer was followed on the way.
    Found {
        obj: ObjId,
        index: Vec<usize>,
        indirect: bool,
    },
    /// Several at the shallowest depth: the selector is ambiguous.
    Ambiguous {
        index: Vec<usize>,
    },
    /// A method with a pointer receiver on an operand that is neither a
    /// pointer nor addressable.
    NeedsPointer {
        obj: ObjId,
    },
    NotFound,
}

/// Whether `obj` is named `name` as seen from package `pkg`: unexported
/// names only match in their own package. With `fold`, any name equal up
/// to case matches, whatever its package (for "did you mean" hints).
fn same_id(s: &impl Store, obj: ObjId, pkg: Option<PkgIdx>, name: Symbol, fold: bool) -> bool {
    let o = s.obj(obj);
    if fold && o.name.to_lowercase() == name.to_lowercase() {
        return true;
    }
    o.name == name && (o.is_exported() || o.pkg == pkg || o.pkg.is_none())
}

/// `*T` to `T` (and whether there was a pointer), for unnamed pointers.
fn deref(s: &impl Store, t: TypeId) -> (TypeId, bool) {
    match s.ty(unalias(s, t)) {
        Type::Pointer(e) => (*e, true),
        _ => (t, false),
    }
}

/// Looks up `name` in the fields and methods of `t`, as seen from package
/// `pkg`. `addressable` says whether the operand is addressable (so
/// pointer-receiver methods are in its method set).
pub fn lookup_field_or_method(
    s: &impl Store,
    t: TypeId,
    addressable: bool,
    pkg: Option<PkgIdx>,
    name: Symbol,
) -> Lookup {
    lookup(s, t, addressable, pkg, name, false)
}

/// Like `lookup_field_or_method`, but names match whatever their case and
/// package (for messages that suggest the name meant).
pub fn lookup_fold_case(s: &impl Store, t: TypeId, pkg: Option<PkgIdx>, name: Symbol) -> Lookup {
    lookup(s, t, false, pkg, name, true)
}

fn lookup(
    s: &impl Store,
    t: TypeId,
    addressable: bool,
    pkg: Option<PkgIdx>,
    name: Symbol,
    fold: bool,
) -> Lookup {
    if name.as_str() == "_" {
        return Lookup::NotFound;
    }
    // A named pointer type has no methods (a receiver base type cannot be
    // a pointer), but the fields of what it points to are selectable: look
    // through the pointer and drop any method found.
    let tt = unalias(s, t);
    if let Type::Named(_) = s.ty(tt) {
        let u = underlying(s, tt);
        if let Type::Pointer(_) = s.ty(u) {
            return match lookup(s, u, false, pkg, name, fold) {
                Lookup::Found { obj, .. } | Lookup::NeedsPointer { obj }
                    if matches!(s.obj(obj).kind, ObjKind::Func { .. }) =>
                {
                    Lookup::NotFound
                }
                r => r,
            };
        }
    }
    let (typ, is_ptr) = deref(s, t);
    // A pointer to an interface has no methods.
    if is_ptr && matches!(s.ty(underlying(s, typ)), Type::Interface(_)) {
        return Lookup::NotFound;
    }
    let mut current = vec![Embedded {
        typ,
        index: Vec::new(),
        indirect: is_ptr,
        multiples: false,
    }];
    let mut seen: HashSet<TypeId> = HashSet::new();
    while !current.is_empty() {
        let mut next: Vec<Embedded> = Vec::new();
        let mut found: Option<(ObjId, Vec<usize>, bool)> = None;
        for e in &current {
            let typ = unalias(s, e.typ);
            if let Type::Named(_) = s.ty(typ) {
                // Embedding cycles are cut at named types already seen.
                if !seen.insert(typ) {
                    continue;
                }
                let methods = named_methods(s, typ);
                if let Some(i) = methods.iter().position(|&m| same_id(s, m, pkg, name, fold)) {
                    let index = [&e.index[..], &[i]].concat();
                    if found.is_some() || e.multiples {
                        return Lookup::Ambiguous { index };
                    }
                    found = Some((methods[i], index, e.indirect));
                    // A method hides fields and interface methods of the
                    // same name at this depth.
                    continue;
                }
            }
            match s.ty(underlying(s, typ)) {
                Type::Struct(st) => {
                    for (i, &f) in st.fields.iter().enumerate() {
                        if same_id(s, f, pkg, name, fold) {
                            let index = [&e.index[..], &[i]].concat();
                            if found.is_some() || e.multiples {
                                return Lookup::Ambiguous { index };
                            }
                            found = Some((f, index, e.indirect));
                            continue;
                        }
                        let fo = s.obj(f);
                        if found.is_none() && matches!(fo.kind, ObjKind::Var { embedded: true, .. })
                        {
                            if let Some(ft) = fo.typ {
                                let (ft, ptr) = deref(s, ft);
                                next.push(Embedded {
                                    typ: ft,
                                    index: [&e.index[..], &[i]].concat(),
                                    indirect: e.indirect || ptr,
                                    multiples: e.multiples,
                                });
                            }
                        }
                    }
                }
                Type::Interface(_) => {
                    let methods = interface_methods(s, underlying(s, typ));
                    if let Some(i) = methods.iter().position(|&m| same_id(s, m, pkg, name, fold)) {
                        let index = [&e.index[..], &[i]].concat();
                        if found.is_some() || e.multiples {
                            return Lookup::Ambiguous { index };
                        }
                        found = Some((methods[i], index, e.indirect));
                    }
                }
                _ => {}
            }
        }
        if let Some((obj, index, indirect)) = found {
            if let ObjKind::Func { ptr_recv: true } = s.obj(obj).kind {
                if !indirect && !addressable {
                    return Lookup::NeedsPointer { obj };
                }
            }
            return Lookup::Found {
                obj,
                index,
                indirect,
            };
        }
        current = consolidate_multiples(s, next);
    }
    Lookup::NotFound
}

/// A type embedded at the depth being searched.
struct Embedded {
    typ: TypeId,
    index: Vec<usize>,
    indirect: bool,
    /// Reached by more than one path at this depth.
    multiples: bool,
}

/// Merges entries for the same type reached by several paths at one depth,
/// marking them: a match through them is ambiguous.
fn consolidate_multiples(s: &impl Store, list: Vec<Embedded>) -> Vec<Embedded> {
    let mut out: Vec<Embedded> = Vec::with_capacity(list.len());
    for e in list {
        match out
            .iter_mut()
            .find(|o| crate::predicates::identical(s, o.typ, e.typ))
        {
            Some(o) => o.multiples = true,
            None => out.push(e),
        }
    }
    out
}

/// The methods declared for a named type (for an instance, its origin's).
pub fn named_methods(s: &impl Store, t: TypeId) -> Vec<ObjId> {
    match s.ty(t) {
        Type::Named(n) => match n.origin {
            Some(o) if o != t => named_methods(s, o),
            _ => n.methods.clone(),
        },
        _ => Vec::new(),
    }
}

/// All methods of an interface type: declared ones and those of embedded
/// interfaces, each method once (by name, and package for unexported
/// names), in declaration order. (Duplicate names with
/// different signatures are reported by the checker, not here.)
pub fn interface_methods(s: &impl Store, iface: TypeId) -> Vec<ObjId> {
    let mut out = Vec::new();
    let mut visiting = HashSet::new();
    collect_interface_methods(s, iface, &mut out, &mut visiting);
    out
}

fn collect_interface_methods(
    s: &impl Store,
    t: TypeId,
    out: &mut Vec<ObjId>,
    visiting: &mut HashSet<TypeId>,
) {
    let u = underlying(s, t);
    if !visiting.insert(u) {
        return; // invalid embedding cycle: reported by the checker
    }
    if let Type::Interface(it) = s.ty(u) {
        for &m in &it.methods {
            // Unexported names of different packages are different
            // methods.
            let mo = s.obj(m);
            let same = |o: ObjId| {
                let oo = s.obj(o);
                oo.name == mo.name && (mo.is_exported() || oo.pkg == mo.pkg)
            };
            if !out.iter().any(|&o| same(o)) {
                out.push(m);
            }
        }
        for &e in &it.embeddeds {
            if matches!(s.ty(underlying(s, e)), Type::Interface(_)) {
                collect_interface_methods(s, e, out, visiting);
            }
        }
    }
    visiting.remove(&u);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(l: &mut Local, name: &str) -> TypeId {
        named_with(l, name, None, vec![])
    }
    use crate::arena::{Arena, Local, World};
    use crate::object::Object;
    use crate::testutil::{field, method, named as named_with, set_struct, P};
    use crate::ty::{Interface, Signature};
    use crate::universe::{INT, STRING};
    use syntax::ast::sym;
    use syntax::Pos;

    #[test]
    fn embedding_depth_ambiguity_and_receivers() {
        let world = World::new();
        let mut l = Local {
            world: &world,
            arena: Arena::new(P),
        };
        // type Inner struct{ X int }; func (*Inner) M()
        let inner = named(&mut l, "Inner");
        let x = field(&mut l, "X", INT, false);
        set_struct(&mut l, inner, vec![x]);
        let m = method(&mut l, inner, "M", true);
        // type A struct{ Inner; Y int }; type B struct{ *Inner }
        let a = named(&mut l, "A");
        let a_inner = field(&mut l, "Inner", inner, true);
        let y = field(&mut l, "Y", INT, false);
        set_struct(&mut l, a, vec![a_inner, y]);
        let b = named(&mut l, "B");
        let pinner = l.arena.add_type(Type::Pointer(inner));
        let b_inner = field(&mut l, "Inner", pinner, true);
        set_struct(&mut l, b, vec![b_inner]);
        // type C struct{ A; B; X string }
        let c = named(&mut l, "C");
        let c_a = field(&mut l, "A", a, true);
        let c_b = field(&mut l, "B", b, true);
        let c_x = field(&mut l, "X", STRING, false);
        set_struct(&mut l, c, vec![c_a, c_b, c_x]);

        let pc = l.arena.add_type(Type::Pointer(c));
        let look = |t, addr, name| lookup_field_or_method(&l, t, addr, Some(P), sym(name));
        assert_eq!(
            look(a, false, "X"),
            Lookup::Found {
                obj: x,
                index: vec![0, 0],
                indirect: false
            }
        );
        assert_eq!(
            look(a, false, "Y"),
            Lookup::Found {
                obj: y,
                index: vec![1],
                indirect: false
            }
        );
        // M has a pointer receiver: needs an addressable A, or a *Inner path.
        assert_eq!(look(a, false, "M"), Lookup::NeedsPointer { obj: m });
        assert_eq!(
            look(a, true, "M"),
            Lookup::Found {
                obj: m,
                index: vec![0, 0],
                indirect: false
            }
        );
        assert_eq!(
            look(b, false, "M"),
            Lookup::Found {
                obj: m,
                index: vec![0, 0],
                indirect: true
            }
        );
        // The shallow X of C hides the deep ones; M is reached twice at
        // depth 2 (through A and through B): ambiguous.
        assert_eq!(
            look(c, false, "X"),
            Lookup::Found {
                obj: c_x,
                index: vec![2],
                indirect: false
            }
        );
        assert!(matches!(look(c, true, "M"), Lookup::Ambiguous { .. }));
        assert_eq!(look(c, false, "Nope"), Lookup::NotFound);
        assert_eq!(look(c, false, "_"), Lookup::NotFound);
        // Through a pointer to the named type.
        assert_eq!(
            look(pc, false, "Y"),
            Lookup::Found {
                obj: y,
                index: vec![0, 1],
                indirect: true
            }
        );
    }

    #[test]
    fn unexported_names_match_only_in_their_package() {
        let world = World::new();
        let mut l = Local {
            world: &world,
            arena: Arena::new(P),
        };
        let t = named(&mut l, "T");
        let f = field(&mut l, "f", INT, false);
        set_struct(&mut l, t, vec![f]);
        assert!(matches!(
            lookup_field_or_method(&l, t, false, Some(P), sym("f")),
            Lookup::Found { .. }
        ));
        assert_eq!(
            lookup_field_or_method(&l, t, false, Some(PkgIdx(3)), sym("f")),
            Lookup::NotFound
        );
    }

    #[test]
    fn interface_methods_include_embedded_ones() {
        let world = World::new();
        let mut l = Local {
            world: &world,
            arena: Arena::new(P),
        };
        let reader = named(&mut l, "Reader");
        let empty = l.arena.add_type(Type::Tuple(vec![]));
        let sig = l.arena.add_type(Type::Signature(Signature {
            recv: None,
            tparams: vec![],
            recv_tparams: vec![],
            params: empty,
            results: empty,
            variadic: false,
        }));
        let read = l.arena.add_object(Object::new(
            sym("Read"),
            Pos::NONE,
            Some(P),
            Some(sig),
            ObjKind::Func { ptr_recv: false },
        ));
        let close = l.arena.add_object(Object::new(
            sym("Close"),
            Pos::NONE,
            Some(P),
            Some(sig),
            ObjKind::Func { ptr_recv: false },
        ));
        let ri = l.arena.add_type(Type::Interface(Interface {
            methods: vec![read],
            ..Interface::default()
        }));
        if let Type::Named(n) = l.arena.ty_mut(reader) {
            n.underlying = Some(ri);
        }
        let rc = l.arena.add_type(Type::Interface(Interface {
            methods: vec![close],
            embeddeds: vec![reader],
            ..Interface::default()
        }));
        assert_eq!(interface_methods(&l, rc), vec![close, read]);
        assert_eq!(
            lookup_field_or_method(&l, rc, false, Some(P), sym("Read")),
            Lookup::Found {
                obj: read,
                index: vec![1],
                indirect: false
            }
        );
    }
}
