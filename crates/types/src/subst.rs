//! Substitution of type arguments for type parameters (types2's
//! subst.go): a map from type parameters to types applied through every
//! type constructor, creating new types only where something changed
//! (new field, parameter and method objects where their types changed;
//! instances of generic named types and aliases are re-instantiated with
//! the substituted type arguments). Also `is_parameterized`, whether a
//! type mentions some type parameters, and `identical_in` /
//! `method_identical`, identity under a substitution without creating
//! types (for comparing methods found on instances with interface
//! methods).

use std::collections::{HashMap, HashSet};

use syntax::Pos;

use crate::arena::{ObjId, Store, TypeId};
use crate::check::Checker;
use crate::predicates::unalias;
use crate::termlist::TypeTerm;
use crate::ty::{Interface, Signature, Struct, Term, Type};
use crate::typeset::type_set;

/// Type parameter → type argument.
pub(crate) type SubstMap = HashMap<TypeId, TypeId>;

/// Deeper type structures than this are left alone (they cannot come
/// from source the parser accepts; this only guards the stack).
const MAX_DEPTH: u32 = 1000;

/// The substitution map pairing `tparams` with `targs` (missing type
/// arguments leave their parameters alone).
pub(crate) fn subst_map(tparams: &[TypeId], targs: &[TypeId]) -> SubstMap {
    tparams
        .iter()
        .zip(targs)
        .filter(|(p, a)| p != a)
        .map(|(&p, &a)| (p, a))
        .collect()
}

/// Whether `t` mentions one of `tparams` (types2's isParameterized). Type
/// parameter lists of generic signatures inside `t` do not count, only
/// their parameters and results.
pub(crate) fn is_parameterized(s: &impl Store, tparams: &[TypeId], t: TypeId) -> bool {
    fn walk(s: &impl Store, tp: &[TypeId], t: TypeId, seen: &mut HashSet<TypeId>) -> bool {
        let t = unalias(s, t);
        if !seen.insert(t) {
            return false;
        }
        let vars = |vs: &[ObjId], seen: &mut HashSet<TypeId>| {
            vs.iter()
                .any(|&v| s.obj(v).typ.is_some_and(|vt| walk(s, tp, vt, seen)))
        };
        let r = match s.ty(t) {
            Type::Basic { .. } => false,
            Type::Pointer(e) | Type::Slice(e) | Type::Array(_, e) | Type::Chan(_, e) => {
                walk(s, tp, *e, seen)
            }
            Type::Map(k, v) => walk(s, tp, *k, seen) || walk(s, tp, *v, seen),
            Type::Struct(st) => vars(&st.fields, seen),
            Type::Tuple(vs) => vars(vs, seen),
            Type::Signature(sig) => walk(s, tp, sig.params, seen) || walk(s, tp, sig.results, seen),
            Type::Interface(_) => {
                let ts = type_set(s, t);
                ts.methods
                    .iter()
                    .any(|&m| s.obj(m).typ.is_some_and(|mt| walk(s, tp, mt, seen)))
                    || ts.terms.0.iter().any(|term| match term {
                        TypeTerm::All => false,
                        TypeTerm::Type { typ, .. } => walk(s, tp, *typ, seen),
                    })
            }
            Type::Union(terms) => terms.iter().any(|term| walk(s, tp, term.typ, seen)),
            Type::Named(n) => n.targs.iter().any(|&a| walk(s, tp, a, seen)),
            Type::Alias(a) => a.targs.iter().any(|&x| walk(s, tp, x, seen)),
            Type::TypeParam(_) => tp.contains(&t),
        };
        // Only cycles through named types reach a type twice; those are
        // answered by their type arguments, so forgetting is safe.
        seen.remove(&t);
        r
    }
    !tparams.is_empty() && walk(s, tparams, t, &mut HashSet::new())
}

/// Type identity of `x` and `y` where the type parameters in `smap` stand
/// for their mapped types, without creating any type (for comparing the
/// signature of a method of a generic type, found on an instance, with an
/// interface method: `identical_in(s, m.typ, im.typ, recv_tparams →
/// targs)`).
pub fn identical_in(s: &impl Store, x: TypeId, y: TypeId, smap: &SubstMap) -> bool {
    ident_in(s, x, y, smap, 0)
}

fn ident_in(s: &impl Store, x: TypeId, y: TypeId, smap: &SubstMap, depth: u32) -> bool {
    let resolve = |t: TypeId| {
        let t = unalias(s, t);
        match smap.get(&t) {
            Some(&u) => unalias(s, u),
            None => t,
        }
    };
    let (x, y) = (resolve(x), resolve(y));
    if x == y {
        return true;
    }
    if depth > MAX_DEPTH {
        return false;
    }
    let d = depth + 1;
    let vars = |a: &[ObjId], b: &[ObjId]| {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(&v, &w)| match (s.obj(v).typ, s.obj(w).typ) {
                    (Some(p), Some(q)) => ident_in(s, p, q, smap, d),
                    _ => false,
                })
    };
    match (s.ty(x), s.ty(y)) {
        (Type::Basic { kind: a, .. }, Type::Basic { kind: b, .. }) => a == b,
        (Type::Array(n, a), Type::Array(m, b)) => {
            n.is_some() && n == m && ident_in(s, *a, *b, smap, d)
        }
        (Type::Slice(a), Type::Slice(b)) | (Type::Pointer(a), Type::Pointer(b)) => {
            ident_in(s, *a, *b, smap, d)
        }
        (Type::Map(k1, v1), Type::Map(k2, v2)) => {
            ident_in(s, *k1, *k2, smap, d) && ident_in(s, *v1, *v2, smap, d)
        }
        (Type::Chan(d1, a), Type::Chan(d2, b)) => d1 == d2 && ident_in(s, *a, *b, smap, d),
        (Type::Struct(a), Type::Struct(b)) => {
            a.fields.len() == b.fields.len()
                && a.fields
                    .iter()
                    .zip(&b.fields)
                    .enumerate()
                    .all(|(i, (&f, &g))| {
                        let (fo, go) = (s.obj(f), s.obj(g));
                        let emb = |k: &crate::object::ObjKind| {
                            matches!(k, crate::object::ObjKind::Var { embedded: true, .. })
                        };
                        a.tag(i) == b.tag(i)
                            && fo.name == go.name
                            && emb(&fo.kind) == emb(&go.kind)
                            && (fo.is_exported() || fo.pkg == go.pkg)
                    })
                && vars(&a.fields, &b.fields)
        }
        (Type::Tuple(a), Type::Tuple(b)) => vars(a, b),
        (Type::Signature(a), Type::Signature(b)) => {
            a.tparams.len() == b.tparams.len()
                && a.variadic == b.variadic
                && ident_in(s, a.params, b.params, smap, d)
                && ident_in(s, a.results, b.results, smap, d)
        }
        (Type::Union(a), Type::Union(b)) => {
            a.len() == b.len()
                && a.iter().all(|t| {
                    b.iter()
                        .any(|u| t.tilde == u.tilde && ident_in(s, t.typ, u.typ, smap, d))
                })
        }
        (Type::Interface(_), Type::Interface(_)) => {
            let (a, b) = (type_set(s, x), type_set(s, y));
            a.comparable == b.comparable
                && a.terms.equal(s, &b.terms)
                && a.methods.len() == b.methods.len()
                && a.methods.iter().all(|&m| {
                    let mo = s.obj(m);
                    b.methods.iter().any(|&n| {
                        let no = s.obj(n);
                        mo.name == no.name
                            && (mo.is_exported() || mo.pkg == no.pkg)
                            && match (mo.typ, no.typ) {
                                (Some(p), Some(q)) => ident_in(s, p, q, smap, d),
                                _ => false,
                            }
                    })
                })
        }
        (Type::Named(a), Type::Named(b)) => match (a.origin, b.origin) {
            (Some(o1), Some(o2)) => {
                o1 == o2
                    && a.targs.len() == b.targs.len()
                    && a.targs
                        .iter()
                        .zip(&b.targs)
                        .all(|(&p, &q)| ident_in(s, p, q, smap, d))
            }
            _ => false,
        },
        _ => false,
    }
}

/// Whether method `f`, found by lookup on `recv` (possibly an instance
/// of a generic type, a pointer to one, or a struct embedding one), has
/// the type of interface method `m`: `f`'s receiver type parameters
/// stand for the instance's type arguments. For `implements`'s
/// signature comparison.
pub fn method_identical(s: &impl Store, recv: TypeId, f: ObjId, m: ObjId) -> bool {
    let (Some(ft), Some(mt)) = (s.obj(f).typ, s.obj(m).typ) else {
        return false;
    };
    let smap: SubstMap = method_recv_map(s, recv, f).into_iter().collect();
    if smap.is_empty() {
        return crate::predicates::identical(s, ft, mt);
    }
    identical_in(s, ft, mt, &smap)
}

/// The receiver type parameters of method `f` of a generic type paired
/// with the type arguments of the instance of that type `f` is found
/// on from `recv` (itself, through a pointer or by embedding); empty for
/// other methods.
pub fn method_recv_map(s: &impl Store, recv: TypeId, f: ObjId) -> Vec<(TypeId, TypeId)> {
    let recv_tparams = match s.obj(f).typ.map(|t| s.ty(t)) {
        Some(Type::Signature(sig)) => sig.recv_tparams.clone(),
        _ => return Vec::new(),
    };
    if recv_tparams.is_empty() {
        return Vec::new();
    }
    match crate::instantiate::method_owner(s, recv, f).map(|inst| s.ty(inst)) {
        Some(Type::Named(n)) => recv_tparams
            .iter()
            .copied()
            .zip(n.targs.iter().copied())
            .filter(|(p, a)| p != a)
            .collect(),
        _ => Vec::new(),
    }
}

impl<'a> Checker<'a, '_> {
    /// `t` with the type parameters in `smap` replaced.
    pub(crate) fn subst(&mut self, pos: Pos, t: TypeId, smap: &SubstMap) -> TypeId {
        if smap.is_empty() {
            return t;
        }
        self.subst_rec(pos, t, smap, 0)
    }

    fn subst_rec(&mut self, pos: Pos, t: TypeId, smap: &SubstMap, depth: u32) -> TypeId {
        if depth > MAX_DEPTH {
            return t;
        }
        let d = depth + 1;
        let ty = self.store.ty(t).clone();
        let new = match ty {
            Type::Basic { .. } => return t,
            Type::TypeParam(_) => return smap.get(&t).copied().unwrap_or(t),
            Type::Pointer(e) => {
                let e2 = self.subst_rec(pos, e, smap, d);
                if e2 == e {
                    return t;
                }
                Type::Pointer(e2)
            }
            Type::Slice(e) => {
                let e2 = self.subst_rec(pos, e, smap, d);
                if e2 == e {
                    return t;
                }
                Type::Slice(e2)
            }
            Type::Array(n, e) => {
                let e2 = self.subst_rec(pos, e, smap, d);
                if e2 == e {
                    return t;
                }
                Type::Array(n, e2)
            }
            Type::Chan(dir, e) => {
                let e2 = self.subst_rec(pos, e, smap, d);
                if e2 == e {
                    return t;
                }
                Type::Chan(dir, e2)
            }
            Type::Map(k, v) => {
                let k2 = self.subst_rec(pos, k, smap, d);
                let v2 = self.subst_rec(pos, v, smap, d);
                if k2 == k && v2 == v {
                    return t;
                }
                Type::Map(k2, v2)
            }
            Type::Struct(st) => {
                let Some(fields) = self.subst_vars(pos, &st.fields, smap, d) else {
                    return t;
                };
                Type::Struct(Struct {
                    fields,
                    tags: st.tags,
                })
            }
            Type::Tuple(vars) => {
                let Some(vars) = self.subst_vars(pos, &vars, smap, d) else {
                    return t;
                };
                Type::Tuple(vars)
            }
            Type::Signature(sig) => {
                let params = self.subst_rec(pos, sig.params, smap, d);
                let results = self.subst_rec(pos, sig.results, smap, d);
                if params == sig.params && results == sig.results {
                    return t;
                }
                Type::Signature(Signature {
                    params,
                    results,
                    ..sig
                })
            }
            Type::Interface(it) => {
                let methods = self.subst_vars(pos, &it.methods, smap, d);
                let mut changed = false;
                let embeddeds: Vec<TypeId> = it
                    .embeddeds
                    .iter()
                    .map(|&e| {
                        let e2 = self.subst_rec(pos, e, smap, d);
                        changed |= e2 != e;
                        e2
                    })
                    .collect();
                if methods.is_none() && !changed {
                    return t;
                }
                Type::Interface(Interface {
                    methods: methods.unwrap_or(it.methods),
                    embeddeds,
                    ..it
                })
            }
            Type::Union(terms) => {
                let mut changed = false;
                let terms: Vec<Term> = terms
                    .iter()
                    .map(|term| {
                        let typ = self.subst_rec(pos, term.typ, smap, d);
                        changed |= typ != term.typ;
                        Term {
                            tilde: term.tilde,
                            typ,
                        }
                    })
                    .collect();
                if !changed {
                    return t;
                }
                Type::Union(terms)
            }
            Type::Named(n) => {
                let Some(origin) = n.origin else {
                    return t; // not an instance: nothing to substitute
                };
                // An instance with the wrong number of type arguments
                // (reported where it is written) substitutes to invalid.
                let want = match self.store.ty(origin) {
                    Type::Named(o) => o.tparams.len(),
                    _ => n.targs.len(),
                };
                if n.targs.len() != want {
                    return crate::universe::INVALID;
                }
                let Some(targs) = self.subst_list(pos, &n.targs, smap, d) else {
                    return t;
                };
                return self.instantiate(pos, origin, &targs, false);
            }
            Type::Alias(a) => {
                if let Some(origin) = a.origin {
                    let Some(targs) = self.subst_list(pos, &a.targs, smap, d) else {
                        return t;
                    };
                    return self.instantiate(pos, origin, &targs, false);
                }
                // A non-generic alias of a type mentioning type parameters
                // (declared inside a generic function) stands for the
                // substituted type.
                if a.tparams.is_empty() {
                    if let Some(actual) = a.actual {
                        let r = self.subst_rec(pos, actual, smap, d);
                        if r != actual {
                            return r;
                        }
                    }
                }
                return t;
            }
        };
        self.store.arena.add_type(new)
    }

    /// The types of `ts` substituted, if any changed.
    fn subst_list(
        &mut self,
        pos: Pos,
        ts: &[TypeId],
        smap: &SubstMap,
        d: u32,
    ) -> Option<Vec<TypeId>> {
        let mut changed = false;
        let out: Vec<TypeId> = ts
            .iter()
            .map(|&x| {
                let y = self.subst_rec(pos, x, smap, d);
                changed |= x != y;
                y
            })
            .collect();
        changed.then_some(out)
    }

    /// Variables (fields, parameters) or methods with substituted types:
    /// new objects for those whose type changed; `None` if none did.
    fn subst_vars(
        &mut self,
        pos: Pos,
        vars: &[ObjId],
        smap: &SubstMap,
        d: u32,
    ) -> Option<Vec<ObjId>> {
        let mut out: Option<Vec<ObjId>> = None;
        for (i, &v) in vars.iter().enumerate() {
            let Some(vt) = self.store.obj(v).typ else {
                continue;
            };
            let nt = self.subst_rec(pos, vt, smap, d);
            if nt == vt {
                continue;
            }
            let mut o = self.store.obj(v).clone();
            o.typ = Some(nt);
            let nv = self.store.arena.add_object(o);
            out.get_or_insert_with(|| vars.to_vec())[i] = nv;
        }
        out
    }
}
