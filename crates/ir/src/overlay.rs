//! Types made while building IR: the instances of generic functions and
//! types need their type parameters replaced by type arguments, and the
//! checked packages' arenas are frozen. An `Overlay` is a store over them
//! with one more, growable, arena of its own; `subst` makes substituted
//! types there (reusing the original type when nothing changes).

use std::cell::RefCell;
use std::collections::HashMap;

use types::arena::{Arena, ObjId, PkgIdx, Store, TypeId};
use types::object::Object;
use types::ty::{Interface, Named, Signature, Struct, Term, Type};

/// A type and a substitution applied to it.
type SubstKey = (TypeId, Vec<(TypeId, TypeId)>);

/// The package index of overlay types and objects.
pub const OVERLAY_PKG: PkgIdx = PkgIdx(u32::MAX - 1);

/// A store: `base` plus types and objects made while building.
pub struct Overlay<'b, S: Store> {
    base: &'b S,
    stub: Arena,
    // Boxed so references handed out stay valid while the vectors grow;
    // nothing is removed before the overlay is dropped.
    #[allow(clippy::vec_box)]
    types: RefCell<Vec<Box<Type>>>,
    #[allow(clippy::vec_box)]
    objs: RefCell<Vec<Box<Object>>>,
    cache: RefCell<HashMap<SubstKey, TypeId>>,
    /// Instances made here, by origin and type arguments.
    instances: RefCell<Vec<(TypeId, Vec<TypeId>, TypeId)>>,
}

impl<'b, S: Store> Overlay<'b, S> {
    pub fn new(base: &'b S) -> Self {
        Overlay {
            base,
            stub: Arena::new(OVERLAY_PKG),
            types: RefCell::new(Vec::new()),
            objs: RefCell::new(Vec::new()),
            cache: RefCell::new(HashMap::new()),
            instances: RefCell::new(Vec::new()),
        }
    }

    fn add_type(&self, t: Type) -> TypeId {
        let mut v = self.types.borrow_mut();
        v.push(Box::new(t));
        TypeId::new(OVERLAY_PKG, v.len() as u32 - 1)
    }

    fn add_obj(&self, o: Object) -> ObjId {
        let mut v = self.objs.borrow_mut();
        v.push(Box::new(o));
        ObjId::new(OVERLAY_PKG, v.len() as u32 - 1)
    }
}

impl<S: Store> Store for Overlay<'_, S> {
    fn arena(&self, pkg: PkgIdx) -> &Arena {
        if pkg == OVERLAY_PKG {
            &self.stub
        } else {
            self.base.arena(pkg)
        }
    }

    fn ty(&self, id: TypeId) -> &Type {
        if id.pkg != OVERLAY_PKG {
            return self.base.ty(id);
        }
        let v = self.types.borrow();
        let p: *const Type = &*v[id.index as usize];
        // SAFETY: the Type is boxed and never dropped or replaced while
        // the overlay lives (pushes move only the boxes' pointers), so
        // the reference stays valid for the borrow of `self`.
        unsafe { &*p }
    }

    fn obj(&self, id: ObjId) -> &Object {
        if id.pkg != OVERLAY_PKG {
            return self.base.obj(id);
        }
        let v = self.objs.borrow();
        let p: *const Object = &*v[id.index as usize];
        // SAFETY: as in `ty`.
        unsafe { &*p }
    }
}

/// Stores that can make substituted types (the builder's).
pub trait Subst: Store {
    /// `t` with the type parameters of `map` replaced by their types.
    fn subst(&self, t: TypeId, map: &[(TypeId, TypeId)]) -> TypeId;
}

impl<S: Store> Subst for Overlay<'_, S> {
    fn subst(&self, t: TypeId, map: &[(TypeId, TypeId)]) -> TypeId {
        if map.is_empty() {
            return t;
        }
        let key = (t, map.to_vec());
        if let Some(&r) = self.cache.borrow().get(&key) {
            return r;
        }
        let r = self.subst_rec(t, map, 0);
        self.cache.borrow_mut().insert(key, r);
        r
    }
}

impl<S: Store> Overlay<'_, S> {
    fn subst_rec(&self, t: TypeId, map: &[(TypeId, TypeId)], depth: u32) -> TypeId {
        if depth > 64 {
            return t;
        }
        let d = depth + 1;
        let ty = self.ty(t).clone();
        let new = match ty {
            Type::Basic { .. } => return t,
            Type::TypeParam(_) => {
                return map.iter().find(|(p, _)| *p == t).map_or(t, |&(_, a)| a);
            }
            Type::Pointer(e) => {
                let e2 = self.subst_rec(e, map, d);
                if e2 == e {
                    return t;
                }
                Type::Pointer(e2)
            }
            Type::Slice(e) => {
                let e2 = self.subst_rec(e, map, d);
                if e2 == e {
                    return t;
                }
                Type::Slice(e2)
            }
            Type::Array(n, e) => {
                let e2 = self.subst_rec(e, map, d);
                if e2 == e {
                    return t;
                }
                Type::Array(n, e2)
            }
            Type::Map(k, v) => {
                let (k2, v2) = (self.subst_rec(k, map, d), self.subst_rec(v, map, d));
                if k2 == k && v2 == v {
                    return t;
                }
                Type::Map(k2, v2)
            }
            Type::Chan(dir, e) => {
                let e2 = self.subst_rec(e, map, d);
                if e2 == e {
                    return t;
                }
                Type::Chan(dir, e2)
            }
            Type::Struct(st) => {
                let (fields, changed) = self.subst_vars(&st.fields, map, d);
                if !changed {
                    return t;
                }
                Type::Struct(Struct {
                    fields,
                    tags: st.tags.clone(),
                })
            }
            Type::Tuple(vs) => {
                let (vars, changed) = self.subst_vars(&vs, map, d);
                if !changed {
                    return t;
                }
                Type::Tuple(vars)
            }
            Type::Signature(sg) => {
                let p2 = self.subst_rec(sg.params, map, d);
                let r2 = self.subst_rec(sg.results, map, d);
                if p2 == sg.params && r2 == sg.results && sg.tparams.is_empty() {
                    return t;
                }
                Type::Signature(Signature {
                    recv: None,
                    tparams: Vec::new(),
                    recv_tparams: Vec::new(),
                    params: p2,
                    results: r2,
                    variadic: sg.variadic,
                })
            }
            Type::Interface(it) => {
                let mut changed = false;
                let mut methods = Vec::new();
                for &m in &it.methods {
                    let o = self.obj(m);
                    let mt = o.typ.unwrap_or(types::universe::INVALID);
                    let mt2 = self.subst_rec(mt, map, d);
                    if mt2 != mt {
                        changed = true;
                        let mut o2 = o.clone();
                        o2.typ = Some(mt2);
                        methods.push(self.add_obj(o2));
                    } else {
                        methods.push(m);
                    }
                }
                let embeddeds: Vec<TypeId> = it
                    .embeddeds
                    .iter()
                    .map(|&e| self.subst_rec(e, map, d))
                    .collect();
                if embeddeds != it.embeddeds {
                    changed = true;
                }
                if !changed {
                    return t;
                }
                Type::Interface(Interface {
                    methods,
                    embeddeds,
                    ..it.clone()
                })
            }
            Type::Union(terms) => {
                let terms2: Vec<Term> = terms
                    .iter()
                    .map(|tm| Term {
                        tilde: tm.tilde,
                        typ: self.subst_rec(tm.typ, map, d),
                    })
                    .collect();
                if terms2 == terms {
                    return t;
                }
                Type::Union(terms2)
            }
            Type::Named(n) => {
                if n.targs.is_empty() {
                    return t;
                }
                let targs: Vec<TypeId> =
                    n.targs.iter().map(|&a| self.subst_rec(a, map, d)).collect();
                if targs == n.targs {
                    return t;
                }
                let origin = n.origin.unwrap_or(t);
                return self.instance(origin, targs);
            }
            Type::Alias(a) => {
                let actual = a.actual.unwrap_or(types::universe::INVALID);
                return self.subst_rec(actual, map, d);
            }
        };
        self.add_type(new)
    }

    fn subst_vars(&self, vars: &[ObjId], map: &[(TypeId, TypeId)], d: u32) -> (Vec<ObjId>, bool) {
        let mut changed = false;
        let mut out = Vec::new();
        for &v in vars {
            let o = self.obj(v);
            let vt = o.typ.unwrap_or(types::universe::INVALID);
            let vt2 = self.subst_rec(vt, map, d);
            if vt2 != vt {
                changed = true;
                let mut o2 = o.clone();
                o2.typ = Some(vt2);
                out.push(self.add_obj(o2));
            } else {
                out.push(v);
            }
        }
        (out, changed)
    }

    /// The instance of generic type `origin` with `targs`.
    pub fn instance(&self, origin: TypeId, targs: Vec<TypeId>) -> TypeId {
        for (o, a, inst) in self.instances.borrow().iter() {
            if *o == origin
                && a.len() == targs.len()
                && a.iter()
                    .zip(&targs)
                    .all(|(&x, &y)| types::predicates::identical(self, x, y))
            {
                return *inst;
            }
        }
        let Type::Named(on) = self.ty(origin).clone() else {
            return origin;
        };
        // The instance first (a recursive type refers to itself), then
        // its underlying type.
        let inst = self.add_type(Type::Named(Named {
            obj: on.obj,
            underlying: None,
            methods: on.methods.clone(),
            tparams: Vec::new(),
            origin: Some(origin),
            targs: targs.clone(),
        }));
        self.instances
            .borrow_mut()
            .push((origin, targs.clone(), inst));
        let map: Vec<(TypeId, TypeId)> = on.tparams.iter().copied().zip(targs).collect();
        let u = on.underlying.unwrap_or(types::universe::INVALID);
        let u = types::predicates::underlying(self, u);
        let u2 = self.subst_rec(u, &map, 0);
        let mut v = self.types.borrow_mut();
        if let Type::Named(n) = &mut *v[inst.index as usize] {
            n.underlying = Some(u2);
        }
        inst
    }
}

/// A frozen world makes no new types: substitution returns the type as it
/// is (only unit tests build descriptors straight from one).
impl Subst for types::arena::World {
    fn subst(&self, t: TypeId, _map: &[(TypeId, TypeId)]) -> TypeId {
        t
    }
}
