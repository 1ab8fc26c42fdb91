//! Unification of types for inference (types2's unify.go): finding type
//! arguments that make a parameter type and an argument type identical,
//! with inexact matching of directional channels, interfaces and named
//! types as the spec's inference rules allow.
//!
//! A `Unifier` knows the type parameters being inferred ("bound" ones)
//! and a handle per parameter; parameters unified with each other share
//! a handle (`join`). Other type parameters (those of an enclosing
//! generic function) are ordinary types, matched through their core
//! types.

use crate::arena::{ObjId, Store, TypeId};
use crate::check::Checker;
use crate::lookup::{lookup_field_or_method, Lookup};
use crate::object::ObjKind;
use crate::predicates::{identical, unalias, underlying};
use crate::ty::{ChanDir, Type};
use crate::typeset::{core_type, type_set};

/// Types deeper than this do not unify (guards against runaway
/// recursion through inferred types).
const DEPTH_LIMIT: u32 = 50;

/// Unification modes (types2's unifyMode bits).
pub(crate) const INEXACT: u8 = 0;
/// Parameter passing: the argument must be assignable, so at the top
/// level a defined type matches its underlying literal type, deeper
/// structure must match exactly.
pub(crate) const ASSIGN: u8 = 1;
/// Types must be identical.
pub(crate) const EXACT: u8 = 2;

#[derive(Clone, Debug)]
pub(crate) struct Unifier {
    /// The type parameters being inferred.
    tparams: Vec<TypeId>,
    /// For each type parameter, its slot in `slots`.
    handles: Vec<usize>,
    /// The inferred types, shared by joined parameters.
    slots: Vec<Option<TypeId>>,
    depth: u32,
    /// Go 1.21: interfaces unify through their methods (inexactly).
    iface_inference: bool,
}

impl Unifier {
    /// A unifier for `tparams`, the first of which have the given
    /// `targs` (`None`: unknown).
    pub(crate) fn new(
        tparams: &[TypeId],
        targs: &[Option<TypeId>],
        iface_inference: bool,
    ) -> Unifier {
        Unifier {
            tparams: tparams.to_vec(),
            handles: (0..tparams.len()).collect(),
            slots: (0..tparams.len())
                .map(|i| targs.get(i).copied().flatten())
                .collect(),
            depth: 0,
            iface_inference,
        }
    }

    /// The index of `t` if it is one of the parameters being inferred.
    fn bound(&self, s: &impl Store, t: TypeId) -> Option<usize> {
        let t = unalias(s, t);
        self.tparams.iter().position(|&p| p == t)
    }

    /// The type inferred for parameter `i` so far.
    pub(crate) fn at(&self, i: usize) -> Option<TypeId> {
        self.slots[self.handles[i]]
    }

    pub(crate) fn set(&mut self, i: usize, t: TypeId) {
        let h = self.handles[i];
        self.slots[h] = Some(t);
    }

    /// How many parameters have no type yet.
    pub(crate) fn unknowns(&self) -> usize {
        (0..self.tparams.len())
            .filter(|&i| self.at(i).is_none())
            .count()
    }

    /// The types inferred so far, one per parameter.
    pub(crate) fn inferred(&self) -> Vec<Option<TypeId>> {
        (0..self.tparams.len()).map(|i| self.at(i)).collect()
    }

    /// Makes parameters `i` and `j` share a handle; false if both already
    /// have (different) types.
    fn join(&mut self, i: usize, j: usize) -> bool {
        let (hi, hj) = (self.handles[i], self.handles[j]);
        if hi == hj {
            return true;
        }
        let (from, to) = match (self.slots[hi], self.slots[hj]) {
            (Some(_), Some(_)) => return false,
            (Some(_), None) => (hj, hi),
            _ => (hi, hj),
        };
        for h in &mut self.handles {
            if *h == from {
                *h = to;
            }
        }
        true
    }

    /// Whether `x` and `y` unify in `mode`; inferred types are recorded
    /// as a side effect (types2's unify).
    pub(crate) fn unify(&mut self, c: &mut Checker, x: TypeId, y: TypeId, mode: u8) -> bool {
        self.depth = 0;
        self.nify(c, x, y, mode, &mut Vec::new())
    }

    fn nify(
        &mut self,
        c: &mut Checker,
        x: TypeId,
        y: TypeId,
        mode: u8,
        pairs: &mut Vec<(TypeId, TypeId)>,
    ) -> bool {
        if x == y || unalias(&c.store, x) == unalias(&c.store, y) {
            return true;
        }
        if self.depth > DEPTH_LIMIT {
            return false;
        }
        self.depth += 1;
        let r = self.nify_inner(c, x, y, mode, pairs);
        self.depth -= 1;
        r
    }

    fn nify_inner(
        &mut self,
        c: &mut Checker,
        mut x: TypeId,
        mut y: TypeId,
        mode: u8,
        pairs: &mut Vec<(TypeId, TypeId)>,
    ) -> bool {
        // Named types and bound parameters go on the right.
        if as_named(&c.store, x) || self.bound(&c.store, y).is_some() {
            std::mem::swap(&mut x, &mut y);
        }
        // Inexact: a defined type matches a type literal through its
        // underlying type (but interfaces unify by their methods below).
        if mode & EXACT == 0
            && as_named(&c.store, y)
            && is_type_lit(&c.store, x)
            && !(self.iface_inference && is_interface(&c.store, x))
        {
            y = underlying(&c.store, y);
            if x == y || unalias(&c.store, x) == unalias(&c.store, y) {
                return true;
            }
        }
        match (self.bound(&c.store, x), self.bound(&c.store, y)) {
            (Some(px), Some(py)) => {
                if self.join(px, py) {
                    return true;
                }
                let (ax, ay) = (self.at(px), self.at(py));
                return match (ax, ay) {
                    (Some(ax), Some(ay)) => self.nify(c, ax, ay, mode, pairs),
                    _ => false,
                };
            }
            (Some(px), None) => {
                let Some(xt) = self.at(px) else {
                    self.set(px, y);
                    return true;
                };
                if !self.nify(c, xt, y, mode, pairs) {
                    return false;
                }
                let s = &c.store;
                let (xi, yi) = (is_interface(s, xt), is_interface(s, y));
                let (xn, yn) = (as_named(s, xt), as_named(s, y));
                if xi && yi {
                    if xn && yn {
                        return identical(s, xt, y);
                    }
                    if type_set(s, xt).methods.len() != type_set(s, y).methods.len() {
                        return false;
                    }
                } else if xi || yi {
                    return false;
                }
                if mode & EXACT == 0 {
                    if xn {
                        // keep the named type
                    } else if yn {
                        self.set(px, y);
                    } else if let Type::Chan(d, _) = s.ty(underlying(s, y)) {
                        if *d != ChanDir::Both {
                            self.set(px, y);
                        }
                    }
                }
                return true;
            }
            _ => {}
        }

        if self.iface_inference && mode & EXACT == 0 {
            let (xi, yi) = (is_interface(&c.store, x), is_interface(&c.store, y));
            if xi && yi {
                let (xs, ys) = (type_set(&c.store, x), type_set(&c.store, y));
                if xs.comparable != ys.comparable || !xs.terms.equal(&c.store, &ys.terms) {
                    return false;
                }
                if pairs.iter().any(|&(a, b)| {
                    (a == x && b == y) || (a == y && b == x) || {
                        identical(&c.store, a, x) && identical(&c.store, b, y)
                    }
                }) {
                    return true;
                }
                let (mut xm, mut ym) = (xs.methods, ys.methods);
                if xm.len() > ym.len() {
                    std::mem::swap(&mut xm, &mut ym);
                }
                pairs.push((x, y));
                let ok = xm.iter().all(|&m| match find_method(&c.store, &ym, m) {
                    Some(n) => self.nify_objs(c, m, n, EXACT, pairs),
                    None => false,
                });
                pairs.pop();
                return ok;
            }
            if xi || yi {
                let (iface, other) = if yi { (y, x) } else { (x, y) };
                let methods = type_set(&c.store, iface).methods;
                for m in methods {
                    let (pkg, name) = {
                        let o = c.store.obj(m);
                        (o.pkg, o.name)
                    };
                    let found = match lookup_field_or_method(&c.store, other, false, pkg, name) {
                        Lookup::Found { obj, .. } => obj,
                        _ => return false,
                    };
                    if !matches!(c.store.obj(found).kind, ObjKind::Func { .. }) {
                        return false;
                    }
                    let ft = c.method_type(other, found);
                    let Some(mt) = c.store.obj(m).typ else {
                        return false;
                    };
                    if let Type::Signature(sig) = c.store.ty(ft) {
                        if !sig.tparams.is_empty() {
                            return false;
                        }
                    }
                    if !self.nify(c, mt, ft, EXACT, pairs) {
                        return false;
                    }
                }
                return true;
            }
        }

        // Unbound type parameters go on the left.
        if crate::predicates::is_type_param(&c.store, y) {
            std::mem::swap(&mut x, &mut y);
        }
        let emode = if mode & ASSIGN != 0 {
            mode | EXACT
        } else {
            mode
        };
        let (xorig, yorig) = (x, y);
        let (x, y) = (unalias(&c.store, x), unalias(&c.store, y));
        let (tx, ty) = (c.store.ty(x).clone(), c.store.ty(y).clone());
        match (tx, ty) {
            (Type::Basic { kind: a, .. }, Type::Basic { kind: b, .. }) => a == b,
            (Type::Array(n, a), Type::Array(m, b)) => {
                (n.is_none() || m.is_none() || n == m) && self.nify(c, a, b, emode, pairs)
            }
            (Type::Slice(a), Type::Slice(b)) | (Type::Pointer(a), Type::Pointer(b)) => {
                self.nify(c, a, b, emode, pairs)
            }
            (Type::Struct(a), Type::Struct(b)) => {
                if a.fields.len() != b.fields.len() {
                    return false;
                }
                for (i, (&f, &g)) in a.fields.iter().zip(&b.fields).enumerate() {
                    let (fo, go) = (c.store.obj(f), c.store.obj(g));
                    let emb = |k: &ObjKind| matches!(k, ObjKind::Var { embedded: true, .. });
                    if emb(&fo.kind) != emb(&go.kind)
                        || a.tag(i) != b.tag(i)
                        || fo.name != go.name
                        || (!fo.is_exported() && fo.pkg != go.pkg)
                    {
                        return false;
                    }
                    if !self.nify_objs(c, f, g, emode, pairs) {
                        return false;
                    }
                }
                true
            }
            (Type::Tuple(a), Type::Tuple(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .zip(&b)
                        .all(|(&v, &w)| self.nify_objs(c, v, w, mode, pairs))
            }
            (Type::Signature(a), Type::Signature(b)) => {
                a.variadic == b.variadic
                    && self.nify(c, a.params, b.params, emode, pairs)
                    && self.nify(c, a.results, b.results, emode, pairs)
            }
            (Type::Interface(_), Type::Interface(_)) => {
                let (xs, ys) = (type_set(&c.store, x), type_set(&c.store, y));
                if xs.comparable != ys.comparable
                    || !xs.terms.equal(&c.store, &ys.terms)
                    || xs.methods.len() != ys.methods.len()
                {
                    return false;
                }
                if pairs
                    .iter()
                    .any(|&(a, b)| (a == x && b == y) || (a == y && b == x))
                {
                    return true;
                }
                pairs.push((x, y));
                let ok = xs
                    .methods
                    .iter()
                    .all(|&m| match find_method(&c.store, &ys.methods, m) {
                        Some(n) => self.nify_objs(c, m, n, EXACT, pairs),
                        None => false,
                    });
                pairs.pop();
                ok
            }
            (Type::Map(k1, v1), Type::Map(k2, v2)) => {
                self.nify(c, k1, k2, emode, pairs) && self.nify(c, v1, v2, emode, pairs)
            }
            (Type::Chan(d1, a), Type::Chan(d2, b)) => {
                (mode & EXACT == 0 || d1 == d2) && self.nify(c, a, b, emode, pairs)
            }
            (Type::Named(a), Type::Named(b)) => {
                if a.targs.len() != b.targs.len() {
                    return false;
                }
                for (&p, &q) in a.targs.iter().zip(&b.targs) {
                    if !self.nify(c, p, q, mode, pairs) {
                        return false;
                    }
                }
                a.origin.unwrap_or(x) == b.origin.unwrap_or(y)
            }
            (Type::TypeParam(_), _) => {
                // An unbound type parameter matches through its core type.
                match core_type(&c.store, x) {
                    Some(cx) => self.nify(c, cx, yorig, ASSIGN, pairs),
                    None => {
                        let _ = xorig;
                        false
                    }
                }
            }
            _ => false,
        }
    }

    /// Unifies the types of two objects (fields, parameters, methods).
    fn nify_objs(
        &mut self,
        c: &mut Checker,
        a: ObjId,
        b: ObjId,
        mode: u8,
        pairs: &mut Vec<(TypeId, TypeId)>,
    ) -> bool {
        match (c.store.obj(a).typ, c.store.obj(b).typ) {
            (Some(x), Some(y)) => self.nify(c, x, y, mode, pairs),
            _ => false,
        }
    }
}

/// The method of `list` with the same name (and package, if unexported)
/// as `m`.
fn find_method(s: &impl Store, list: &[ObjId], m: ObjId) -> Option<ObjId> {
    let mo = s.obj(m);
    list.iter().copied().find(|&n| {
        let no = s.obj(n);
        no.name == mo.name && (mo.is_exported() || no.pkg == mo.pkg)
    })
}

/// A defined type (after alias resolution).
fn as_named(s: &impl Store, t: TypeId) -> bool {
    matches!(s.ty(unalias(s, t)), Type::Named(_))
}

/// Not a defined type nor a type parameter (types2's isTypeLit).
fn is_type_lit(s: &impl Store, t: TypeId) -> bool {
    !matches!(s.ty(unalias(s, t)), Type::Named(_) | Type::TypeParam(_))
}

/// An interface that is not a type parameter.
fn is_interface(s: &impl Store, t: TypeId) -> bool {
    crate::predicates::is_interface(s, t)
}
