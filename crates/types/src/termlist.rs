//! The algebra of type sets: terms (`T`, `~T`, and the set of all types)
//! and term lists (their unions), with union, intersection, inclusion and
//! normalization as the spec defines type sets of interfaces and
//! constraints (types2's typeterm and termlist).

use crate::arena::{Store, TypeId};
use crate::predicates::{identical, underlying};

/// One term of a type set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeTerm {
    /// Every type (𝓤).
    All,
    /// `T` (just the type) or `~T` (every type whose underlying type is T).
    Type { tilde: bool, typ: TypeId },
}

impl TypeTerm {
    /// `x ∩ y = ∅` for two proper terms.
    fn disjoint(
        s: &impl Store,
        (xt, xtilde): (TypeId, bool),
        (yt, ytilde): (TypeId, bool),
    ) -> bool {
        let ux = if ytilde { underlying(s, xt) } else { xt };
        let uy = if xtilde { underlying(s, yt) } else { yt };
        !identical(s, ux, uy)
    }

    /// `x ∪ y` as one term, if it is one.
    fn union(s: &impl Store, x: TypeTerm, y: TypeTerm) -> Option<TypeTerm> {
        match (x, y) {
            (TypeTerm::All, _) | (_, TypeTerm::All) => Some(TypeTerm::All),
            (
                TypeTerm::Type {
                    tilde: xt,
                    typ: xty,
                },
                TypeTerm::Type {
                    tilde: yt,
                    typ: yty,
                },
            ) => {
                if Self::disjoint(s, (xty, xt), (yty, yt)) {
                    return None;
                }
                // ~t ∪ ~t == ~t, ~t ∪ T == ~t, T ∪ ~t == ~t, T ∪ T == T
                Some(if xt || !yt { x } else { y })
            }
        }
    }

    /// `x ∩ y`; `None` is the empty set.
    fn intersect(s: &impl Store, x: TypeTerm, y: TypeTerm) -> Option<TypeTerm> {
        match (x, y) {
            (TypeTerm::All, t) | (t, TypeTerm::All) => Some(t),
            (
                TypeTerm::Type {
                    tilde: xt,
                    typ: xty,
                },
                TypeTerm::Type {
                    tilde: yt,
                    typ: yty,
                },
            ) => {
                if Self::disjoint(s, (xty, xt), (yty, yt)) {
                    return None;
                }
                // ~t ∩ ~t == ~t, ~t ∩ T == T, T ∩ ~t == T, T ∩ T == T
                Some(if !xt || yt { x } else { y })
            }
        }
    }

    /// Whether the term's set contains type `t`.
    pub fn includes(&self, s: &impl Store, t: TypeId) -> bool {
        match *self {
            TypeTerm::All => true,
            TypeTerm::Type { tilde, typ } => {
                let u = if tilde { underlying(s, t) } else { t };
                identical(s, typ, u)
            }
        }
    }

    /// `x ⊆ y`.
    fn subset_of(s: &impl Store, x: TypeTerm, y: TypeTerm) -> bool {
        match (x, y) {
            (_, TypeTerm::All) => true,
            (TypeTerm::All, _) => false,
            (
                TypeTerm::Type {
                    tilde: xt,
                    typ: xty,
                },
                TypeTerm::Type {
                    tilde: yt,
                    typ: yty,
                },
            ) => {
                // ~t ⊆ ~t, T ⊆ ~t, T ⊆ T; not ~t ⊆ T
                !Self::disjoint(s, (xty, xt), (yty, yt)) && (!xt || yt)
            }
        }
    }
}

/// A union of terms. The empty list is the empty set; a list holding
/// `All` is every type.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TermList(pub Vec<TypeTerm>);

impl TermList {
    pub fn all() -> TermList {
        TermList(vec![TypeTerm::All])
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn is_all(&self) -> bool {
        self.0.contains(&TypeTerm::All)
    }

    /// The same set with no term contained in another (merging what can
    /// be merged); `All` absorbs everything.
    pub fn norm(&self, s: &impl Store) -> TermList {
        let mut used = vec![false; self.0.len()];
        let mut out = Vec::with_capacity(self.0.len());
        for i in 0..self.0.len() {
            if used[i] {
                continue;
            }
            let mut xi = self.0[i];
            for (j, &xj) in self.0.iter().enumerate().skip(i + 1) {
                if used[j] {
                    continue;
                }
                if let Some(u) = TypeTerm::union(s, xi, xj) {
                    if u == TypeTerm::All {
                        return TermList::all();
                    }
                    xi = u;
                    used[j] = true;
                }
            }
            out.push(xi);
        }
        TermList(out)
    }

    pub fn union(&self, s: &impl Store, other: &TermList) -> TermList {
        let mut all = self.0.clone();
        all.extend_from_slice(&other.0);
        TermList(all).norm(s)
    }

    pub fn intersect(&self, s: &impl Store, other: &TermList) -> TermList {
        if self.is_empty() || other.is_empty() {
            return TermList::default();
        }
        let mut out = Vec::new();
        for &x in &self.0 {
            for &y in &other.0 {
                if let Some(t) = TypeTerm::intersect(s, x, y) {
                    out.push(t);
                }
            }
        }
        TermList(out).norm(s)
    }

    /// Whether type `t` is in the set.
    pub fn includes(&self, s: &impl Store, t: TypeId) -> bool {
        self.0.iter().any(|x| x.includes(s, t))
    }

    /// Whether every term of `self` is within `other`.
    pub fn subset_of(&self, s: &impl Store, other: &TermList) -> bool {
        self.0
            .iter()
            .all(|&x| other.0.iter().any(|&y| TypeTerm::subset_of(s, x, y)))
    }

    pub fn equal(&self, s: &impl Store, other: &TermList) -> bool {
        self.subset_of(s, other) && other.subset_of(s, self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arena::{Arena, Local, PkgIdx, World};
    use crate::object::{ObjKind, Object};
    use crate::ty::{Named, Type};
    use crate::universe::{INT, INT32, RUNE, STRING};
    use syntax::ast::sym;
    use syntax::Pos;

    fn t(typ: TypeId) -> TypeTerm {
        TypeTerm::Type { tilde: false, typ }
    }

    fn tilde(typ: TypeId) -> TypeTerm {
        TypeTerm::Type { tilde: true, typ }
    }

    #[test]
    fn algebra() {
        let world = World::new();
        let mut l = Local {
            world: &world,
            arena: Arena::new(PkgIdx(2)),
        };
        // type MyInt int
        let obj = l.arena.add_object(Object::new(
            sym("MyInt"),
            Pos::NONE,
            Some(PkgIdx(2)),
            None,
            ObjKind::TypeName,
        ));
        let my_int = l.arena.add_type(Type::Named(Named {
            obj,
            underlying: Some(INT),
            methods: vec![],
            tparams: vec![],
            origin: None,
            targs: vec![],
        }));
        let s = &l;
        let ints = TermList(vec![tilde(INT)]);
        assert!(ints.includes(s, INT) && ints.includes(s, my_int) && !ints.includes(s, STRING));
        assert!(!TermList(vec![t(INT)]).includes(s, my_int));
        // int | ~int normalizes to ~int; int32 | rune to one term.
        assert_eq!(
            TermList(vec![t(INT), tilde(INT)]).norm(s),
            TermList(vec![tilde(INT)])
        );
        assert_eq!(TermList(vec![t(INT32), t(RUNE)]).norm(s).0.len(), 1);
        // (~int | string) ∩ (int | MyInt) = int | MyInt
        let a = TermList(vec![tilde(INT), t(STRING)]);
        let b = TermList(vec![t(INT), t(my_int)]);
        let i = a.intersect(s, &b);
        assert_eq!(i.0.len(), 2);
        assert!(i.includes(s, my_int) && i.includes(s, INT) && !i.includes(s, STRING));
        assert!(i.subset_of(s, &a) && !a.subset_of(s, &i));
        // ∅ and 𝓤
        assert!(a.intersect(s, &TermList::default()).is_empty());
        assert_eq!(a.union(s, &TermList::all()), TermList::all());
        assert!(TermList::all().includes(s, STRING));
        assert!(a.equal(s, &TermList(vec![t(STRING), tilde(INT)])));
        // Disjoint terms stay separate.
        assert_eq!(TermList(vec![t(INT), t(STRING)]).norm(s).0.len(), 2);
    }
}
