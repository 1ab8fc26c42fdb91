//! The type set of an interface (the spec's "type set"): its methods, the
//! types it admits (the intersection of its embedded elements' term
//! lists), and whether it only admits comparable types. Used for
//! interface identity, implementation and constraint satisfaction.
//!
//! Computed structurally and silently; the checker reports malformed
//! interfaces (duplicate methods, invalid embeddings) when it checks their
//! declarations.

use std::collections::HashSet;

use crate::arena::{ObjId, Store, TypeId};
use crate::predicates::{unalias, underlying};
use crate::termlist::{TermList, TypeTerm};
use crate::ty::Type;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeSet {
    /// All methods, declared and embedded, each name once.
    pub methods: Vec<ObjId>,
    /// The admitted types; `TermList::all()` when unrestricted.
    pub terms: TermList,
    /// Only comparable types are admitted (`comparable` was embedded and
    /// `terms` is all types; specific terms are filtered instead).
    pub comparable: bool,
}

impl TypeSet {
    /// Whether this is the set of a basic interface's (methods only).
    pub fn is_method_set(&self) -> bool {
        !self.comparable && self.terms.is_all()
    }

    /// The empty type set: no type can satisfy the constraint.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// The core type of `t` (the spec's "core types"): for a type parameter,
/// the one underlying type all types of its constraint's type set share
/// (channels may differ in direction: the restrictive one is taken), if
/// there is one; for any other type its underlying type.
pub fn core_type(s: &impl Store, t: TypeId) -> Option<TypeId> {
    let t = unalias(s, t);
    if !matches!(s.ty(t), Type::TypeParam(_)) {
        return Some(underlying(s, t));
    }
    let ts = type_set(s, t);
    let mut core: Option<TypeId> = None;
    for term in &ts.terms.0 {
        let TypeTerm::Type { typ, .. } = term else {
            return None;
        };
        let u = underlying(s, *typ);
        core = Some(match core {
            None => u,
            Some(c) => match_core(s, c, u)?,
        });
    }
    core
}

/// The type two type set members agree on for `core_type`.
fn match_core(s: &impl Store, x: TypeId, y: TypeId) -> Option<TypeId> {
    use crate::ty::ChanDir;
    if crate::predicates::identical(s, x, y) {
        return Some(x);
    }
    if let (Type::Chan(dx, ex), Type::Chan(dy, ey)) = (s.ty(x), s.ty(y)) {
        if crate::predicates::identical(s, *ex, *ey) {
            return match (dx, dy) {
                (ChanDir::Both, _) => Some(y),
                (_, ChanDir::Both) => Some(x),
                (a, b) if a == b => Some(x),
                _ => None,
            };
        }
    }
    None
}

/// The type set of interface type `t` (or of the interface underlying it,
/// or of type parameter `t`'s constraint).
pub fn type_set(s: &impl Store, t: TypeId) -> TypeSet {
    let mut visiting = HashSet::new();
    // A type parameter's type set is its constraint's; a constraint that
    // is not an interface (`[P *C]`) stands for `interface{ *C }`.
    let t = match s.ty(unalias(s, t)) {
        Type::TypeParam(p) => match p.bound {
            Some(b) => b,
            None => {
                return TypeSet {
                    methods: Vec::new(),
                    terms: TermList::all(),
                    comparable: false,
                }
            }
        },
        _ => t,
    };
    compute(s, t, &mut visiting)
}

fn compute(s: &impl Store, t: TypeId, visiting: &mut HashSet<TypeId>) -> TypeSet {
    let u = underlying(s, t);
    let Type::Interface(it) = s.ty(u) else {
        // A type parameter whose constraint is not (yet) known: admits
        // anything (it must never be a term of its own set).
        if matches!(s.ty(unalias(s, t)), Type::TypeParam(_)) {
            return TypeSet {
                methods: Vec::new(),
                terms: TermList::all(),
                comparable: false,
            };
        }
        // Not an interface: a single-type set (used for embedded non-
        // interface elements).
        return TypeSet {
            methods: Vec::new(),
            terms: TermList(vec![TypeTerm::Type {
                tilde: false,
                typ: t,
            }]),
            comparable: false,
        };
    };
    if !visiting.insert(u) {
        // An embedding cycle (an error the checker reports): no methods,
        // all types, so checking can go on.
        return TypeSet {
            methods: Vec::new(),
            terms: TermList::all(),
            comparable: false,
        };
    }
    let mut methods: Vec<ObjId> = Vec::new();
    let add_method = |m: ObjId, methods: &mut Vec<ObjId>| {
        let name = s.obj(m).name;
        if !methods.iter().any(|&o| s.obj(o).name == name) {
            methods.push(m);
        }
    };
    for &m in &it.methods {
        add_method(m, &mut methods);
    }
    let mut terms = TermList::all();
    let mut comparable = it.is_comparable;
    for &e in &it.embeddeds {
        let (e_terms, e_methods, e_comparable) = match s.ty(unalias(s, e)) {
            Type::Union(us) => {
                let mut list = TermList::default();
                for term in us {
                    let u = underlying(s, term.typ);
                    if u == crate::universe::INVALID {
                        continue; // an error was reported
                    }
                    let sub = if term.tilde {
                        if !crate::predicates::identical(s, term.typ, u) {
                            // `~A` with A not its own underlying type (an
                            // error reported elsewhere) denotes no type.
                            continue;
                        }
                        TermList(vec![TypeTerm::Type {
                            tilde: true,
                            typ: term.typ,
                        }])
                    } else {
                        match s.ty(underlying(s, term.typ)) {
                            // An interface term contributes its own type set.
                            Type::Interface(_) => compute(s, term.typ, visiting).terms,
                            _ => TermList(vec![TypeTerm::Type {
                                tilde: false,
                                typ: term.typ,
                            }]),
                        }
                    };
                    list = list.union(s, &sub);
                }
                (list, Vec::new(), false)
            }
            _ if matches!(s.ty(underlying(s, e)), Type::Interface(_)) => {
                let ts = compute(s, e, visiting);
                (ts.terms, ts.methods, ts.comparable)
            }
            _ => (
                TermList(vec![TypeTerm::Type {
                    tilde: false,
                    typ: e,
                }]),
                Vec::new(),
                false,
            ),
        };
        for m in e_methods {
            add_method(m, &mut methods);
        }
        terms = terms.intersect(s, &e_terms);
        comparable |= e_comparable;
        // A comparable set with specific terms keeps only the strictly
        // comparable ones (types2's intersectTermLists): the comparable
        // bit then says nothing more.
        if comparable && !terms.is_all() {
            terms = TermList(
                terms
                    .0
                    .into_iter()
                    .filter(|t| match t {
                        TypeTerm::All => true,
                        TypeTerm::Type { typ, .. } => crate::assignable::comparable(s, *typ, false),
                    })
                    .collect(),
            );
            comparable = false;
        }
    }
    visiting.remove(&u);
    TypeSet {
        methods,
        terms,
        comparable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arena::{Arena, Local, PkgIdx, World};
    use crate::object::{ObjKind, Object};
    use crate::ty::{Interface, Signature, Term};
    use crate::universe::{ANY, COMPARABLE, ERROR, FLOAT64, INT, STRING};
    use syntax::ast::sym;
    use syntax::Pos;

    #[test]
    fn sets_of_constraints() {
        let world = World::new();
        let mut l = Local {
            world: &world,
            arena: Arena::new(PkgIdx(2)),
        };
        // interface{ ~int | ~float64 }
        let num_union = l.arena.add_type(Type::Union(vec![
            Term {
                tilde: true,
                typ: INT,
            },
            Term {
                tilde: true,
                typ: FLOAT64,
            },
        ]));
        let number = l.arena.add_type(Type::Interface(Interface {
            embeddeds: vec![num_union],
            ..Interface::default()
        }));
        // interface{ Number; ~int | string; String() string }
        let int_or_string = l.arena.add_type(Type::Union(vec![
            Term {
                tilde: true,
                typ: INT,
            },
            Term {
                tilde: false,
                typ: STRING,
            },
        ]));
        let empty = l.arena.add_type(Type::Tuple(vec![]));
        let sig = l.arena.add_type(Type::Signature(Signature {
            recv: None,
            tparams: vec![],
            recv_tparams: vec![],
            params: empty,
            results: empty,
            variadic: false,
        }));
        let m = l.arena.add_object(Object::new(
            sym("String"),
            Pos::NONE,
            Some(PkgIdx(2)),
            Some(sig),
            ObjKind::Func { ptr_recv: false },
        ));
        let both = l.arena.add_type(Type::Interface(Interface {
            methods: vec![m],
            embeddeds: vec![number, int_or_string],
            ..Interface::default()
        }));
        let s = &l;
        let ts = type_set(s, number);
        assert!(
            ts.terms.includes(s, INT)
                && ts.terms.includes(s, FLOAT64)
                && !ts.terms.includes(s, STRING)
        );
        assert!(!ts.is_method_set());
        let ts = type_set(s, both);
        assert_eq!(ts.methods, vec![m]);
        assert!(
            ts.terms.includes(s, INT)
                && !ts.terms.includes(s, FLOAT64)
                && !ts.terms.includes(s, STRING)
        );
        // any: all types, no methods; error: one method; comparable.
        assert!(type_set(s, ANY).is_method_set());
        assert_eq!(type_set(s, ERROR).methods.len(), 1);
        let c = type_set(s, COMPARABLE);
        assert!(c.comparable && c.terms.is_all());
        // interface{ int; string } is empty.
        let e = l.arena.add_type(Type::Interface(Interface {
            embeddeds: vec![INT, STRING],
            ..Interface::default()
        }));
        assert!(type_set(&l, e).is_empty());
    }

    #[test]
    fn comparable_filters_terms_and_type_params_use_their_constraint() {
        let world = World::new();
        let mut l = Local {
            world: &world,
            arena: Arena::new(PkgIdx(2)),
        };
        // interface{ comparable; []byte | string } admits string only.
        let bytes = l.arena.add_type(Type::Slice(crate::universe::BYTE));
        let u = l.arena.add_type(Type::Union(vec![
            Term {
                tilde: false,
                typ: bytes,
            },
            Term {
                tilde: false,
                typ: STRING,
            },
        ]));
        let c = l.arena.add_type(Type::Interface(Interface {
            embeddeds: vec![COMPARABLE, u],
            ..Interface::default()
        }));
        let ts = type_set(&l, c);
        assert_eq!(ts.terms.0.len(), 1);
        assert!(ts.terms.includes(&l, STRING) && !ts.comparable);
        // [P *int]: P's type set is {*int}, and *int is its core type.
        let ptr = l.arena.add_type(Type::Pointer(INT));
        let obj = l.arena.add_object(Object::new(
            sym("P"),
            Pos::NONE,
            Some(PkgIdx(2)),
            None,
            ObjKind::TypeName,
        ));
        let p = l.arena.add_type(Type::TypeParam(crate::ty::TypeParam {
            obj,
            index: 0,
            bound: Some(ptr),
        }));
        assert!(type_set(&l, p).terms.includes(&l, ptr));
        assert_eq!(core_type(&l, p), Some(ptr));
    }
}
