//! Detection of invalid recursive types (types2's validtype.go): a type
//! that contains itself by value (`type T struct{ a [2]T }`, through
//! arrays, struct fields, embedded interface elements and the right-hand
//! sides of type definitions, also through type arguments of instances),
//! reported as "invalid recursive type T" with the "T refers to U" cycle
//! lines; the type's underlying type becomes invalid, so each cycle is
//! reported once.

use std::collections::HashSet;

use crate::arena::{Store, TypeId};
use crate::check::Checker;
use crate::predicates::{identical, unalias};
use crate::ty::Type;
use crate::universe;

/// The state of one `valid_type` walk: `nest` holds the named types
/// whose memory contains the current type, `path` every named type on
/// the way (for the message), `valid` the non-generic named types found
/// not to contain themselves.
struct Walk {
    nest: Vec<TypeId>,
    path: Vec<TypeId>,
    valid: HashSet<TypeId>,
}

impl<'a> Checker<'a, '_> {
    /// Reports `t` (a named type being declared) if it contains itself.
    pub(crate) fn valid_type(&mut self, t: TypeId) {
        let mut w = Walk {
            nest: Vec::new(),
            path: Vec::new(),
            valid: HashSet::new(),
        };
        self.valid_type0(t, &mut w);
    }

    fn valid_type0(&mut self, typ: TypeId, w: &mut Walk) -> bool {
        self.nested(|c| c.valid_type1(typ, w))
    }

    fn valid_type1(&mut self, typ: TypeId, w: &mut Walk) -> bool {
        let typ = unalias(&self.store, typ);
        match self.store.ty(typ) {
            Type::Array(_, elem) => {
                let elem = *elem;
                return self.valid_type0(elem, w);
            }
            Type::Struct(st) => {
                let types: Vec<TypeId> = st
                    .fields
                    .iter()
                    .map(|&f| self.store.obj(f).typ.unwrap_or(universe::INVALID))
                    .collect();
                for t in types {
                    if !self.valid_type0(t, w) {
                        return false;
                    }
                }
            }
            Type::Union(terms) => {
                let types: Vec<TypeId> = terms.iter().map(|t| t.typ).collect();
                for t in types {
                    if !self.valid_type0(t, w) {
                        return false;
                    }
                }
            }
            Type::Interface(it) => {
                let types = it.embeddeds.clone();
                for t in types {
                    if !self.valid_type0(t, w) {
                        return false;
                    }
                }
            }
            Type::Named(n) => {
                let origin = n.origin.unwrap_or(typ);
                let generic = n.origin.is_some() || !n.tparams.is_empty();
                if w.valid.contains(&typ) {
                    return true;
                }
                if w.nest.iter().any(|&e| identical(&self.store, e, typ)) {
                    // The type contains itself: it is invalid however it
                    // is instantiated.
                    self.invalidate_named(origin);
                    if origin != typ {
                        self.invalidate_named(typ);
                    }
                    if let Some(start) = w.path.iter().position(|&p| identical(&self.store, p, typ))
                    {
                        let cycle: Vec<TypeId> = w.path[start..].to_vec();
                        let objs: Vec<_> = cycle
                            .iter()
                            .filter_map(|&t| match self.store.ty(t) {
                                Type::Named(n) => Some(n.obj),
                                _ => None,
                            })
                            .collect();
                        let names: Vec<String> = cycle
                            .iter()
                            .map(|&t| match self.store.ty(t) {
                                Type::Named(n) if n.origin.is_some() => self.type_str(t),
                                Type::Named(n) => self.store.obj(n.obj).name.to_string(),
                                _ => self.type_str(t),
                            })
                            .collect();
                        self.cycle_error_named(&objs, &names, 0);
                    }
                    return false;
                }
                let rhs = match self.store.ty(origin) {
                    Type::Named(o) => o.underlying,
                    _ => None,
                };
                let Some(rhs) = rhs else {
                    return true;
                };
                w.nest.push(typ);
                w.path.push(typ);
                let ok = self.valid_type0(rhs, w);
                w.nest.pop();
                w.path.pop();
                if !ok {
                    return false;
                }
                // A non-generic type that does not contain itself cannot
                // contain any type of the nest either (they all contain
                // it): checking it again would find nothing (types2
                // checks it again, exponentially in pathological cases).
                if !generic {
                    w.valid.insert(typ);
                }
            }
            Type::TypeParam(_) => {
                // A type parameter stands for the type argument of the
                // innermost instance, checked in the nest that existed
                // where that instance was written.
                let Some(&inst) = w.nest.last() else {
                    return true;
                };
                let (origin, targs) = match self.store.ty(inst) {
                    Type::Named(n) => (n.origin.unwrap_or(inst), n.targs.clone()),
                    _ => return true,
                };
                let tparams = match self.store.ty(origin) {
                    Type::Named(o) => o.tparams.clone(),
                    _ => Vec::new(),
                };
                if let Some(i) = tparams.iter().position(|&p| p == typ) {
                    if let Some(&targ) = targs.get(i) {
                        let top = w.nest.pop();
                        let res = self.valid_type0(targ, w);
                        if let Some(top) = top {
                            w.nest.push(top);
                        }
                        return res;
                    }
                }
            }
            _ => {}
        }
        true
    }

    /// Makes a named type of this package invalid, with the instances
    /// made of it so far (types2 expands instances lazily, after this
    /// check; here they may already be expanded).
    fn invalidate_named(&mut self, t: TypeId) {
        if t.pkg != self.pkg() {
            return;
        }
        let mut all = vec![t];
        all.extend(
            self.instance_cache
                .iter()
                .filter(|((orig, _), &inst)| *orig == t && inst.pkg == self.pkg())
                .map(|(_, &inst)| inst),
        );
        for t in all {
            if let Type::Named(n) = self.store.arena.ty_mut(t) {
                n.underlying = Some(universe::INVALID);
            }
        }
    }
}
