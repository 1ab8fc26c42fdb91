//! Instantiation of generic types and functions (types2's
//! instantiate.go and named type expansion): the instance of a generic
//! named type or alias for type arguments (one per distinct argument
//! list, so identical instances share an id), instantiated signatures,
//! and verification that type arguments satisfy their constraints
//! ("T does not satisfy C (missing method M)"), the count of type
//! arguments of generic types ("not enough type arguments for type T:
//! have 1, want 2"), the types of methods of instances (`method_type`,
//! generic methods' own type parameters included), and the
//! monomorphization check ("instantiation cycle:", `monomorph`, run by
//! `check` at the end).
//!
//! Named instances are expanded (their underlying type computed) as soon
//! as their origin's underlying type is known: an instance made while its
//! origin is still being declared (`type List[T any] struct{ next
//! *List[T] }`) waits in `Checker::pending_instances` and is completed on
//! the next instantiation or in a delayed action. Expansion is a work
//! list, not a recursion, so instances that keep growing (`type T[P any]
//! struct{ f *T[[]P] }`) stop at a fixed depth instead of overflowing.

use std::collections::HashSet;

use syntax::Pos;

use crate::arena::{ObjId, Store, TypeId};
use crate::assignable::{implements, Relation};
use crate::check::Checker;
use crate::predicates::{identical, unalias, underlying};
use crate::subst::subst_map;
use crate::ty::{Alias, Named, Signature, Type};
use crate::universe;

/// How many generations of instances created by expanding instances are
/// expanded (deeper ones keep an invalid underlying type).
const MAX_EXPANSION_DEPTH: u32 = 100;

/// The generics passes' state: instances waiting for their origin's
/// underlying (or aliased) type, the instance index by origin, the
/// monomorphization graph.
#[derive(Debug, Default)]
pub(crate) struct Pending {
    /// Instance and its expansion depth.
    list: Vec<(TypeId, u32)>,
    /// Expansion is running (instances made meanwhile join the list).
    running: bool,
    /// Depth of the instance being expanded.
    depth: u32,
    /// A delayed action to complete the list is queued.
    queued: bool,
    /// The instantiation graph for the monomorphization check.
    mono: Mono,
    /// Instances by origin (the cache's second index, for arguments that
    /// are identical but not the same ids).
    by_origin: std::collections::HashMap<TypeId, Vec<(Vec<TypeId>, TypeId)>>,
}

/// Instantiations seen, as edges of types2's monomorphization graph:
/// a type parameter (or a local defined type in a generic function)
/// flows into another type parameter, directly (weight 0) or inside a
/// bigger type (weight 1). A cycle of positive weight means infinitely
/// many instances: "instantiation cycle".
#[derive(Debug, Default)]
struct Mono {
    /// (destination type parameter, source vertex, weight, position,
    /// type argument).
    edges: Vec<(TypeId, TypeId, u32, Pos, TypeId)>,
}

impl<'a> Checker<'a, '_> {
    /// The instance of generic type or signature `orig` for `targs`;
    /// with `verify`, constraint satisfaction is checked (errors at
    /// `pos`).
    ///
    /// For generic named types the number of type arguments is checked
    /// (with `verify`, in a delayed action, as types2 does: "not enough
    /// type arguments for type T: have 1, want 2" at `pos`); a wrong
    /// count gives an instance with an invalid underlying type. For
    /// aliases and signatures a wrong count is reported at once and the
    /// result is `universe::INVALID` (callers report "got N type
    /// arguments" for functions themselves, before). A non-generic
    /// `orig` is returned as is.
    pub(crate) fn instantiate(
        &mut self,
        pos: Pos,
        orig: TypeId,
        targs: &[TypeId],
        verify: bool,
    ) -> TypeId {
        self.instantiate_at(pos, orig, targs, verify, &[])
    }

    /// `instantiate`, with the positions of the type argument
    /// expressions (`T[A, B]`): a constraint failure of argument `i` is
    /// reported at `arg_pos[i]` (as gc does) rather than at `pos`.
    pub(crate) fn instantiate_at(
        &mut self,
        pos: Pos,
        orig: TypeId,
        targs: &[TypeId],
        verify: bool,
        arg_pos: &[Pos],
    ) -> TypeId {
        let inst = self.instance(pos, orig, targs);
        if verify && inst != universe::INVALID {
            let tparams = self.type_params_of(orig);
            let named_obj = match self.store.ty(orig) {
                Type::Named(n) => Some(n.obj),
                _ => None,
            };
            let targs = targs.to_vec();
            let arg_pos = arg_pos.to_vec();
            // The version in effect here, not where the action runs.
            let go1_20 = self.allow_version(20);
            self.later(move |c| {
                if let Some(obj) = named_obj {
                    // Generic named types: the parameters are complete now.
                    let tparams = c.type_params_of(orig);
                    let name = c.store.obj(obj).name.to_string();
                    if !c.targ_count_ok(pos, &name, tparams.len(), targs.len()) {
                        return;
                    }
                }
                if c.verify_targs(pos, &tparams, &targs, &arg_pos, go1_20) {
                    c.mono_record(pos, &tparams, &targs, &arg_pos);
                }
            });
        }
        inst
    }

    /// Records the instantiation of `tparams` (of this package) with
    /// `targs` in the monomorphization graph (types2's
    /// monoGraph.recordInstance); `monomorph` checks the graph at the
    /// end.
    fn mono_record(&mut self, pos: Pos, tparams: &[TypeId], targs: &[TypeId], arg_pos: &[Pos]) {
        for (i, (&tp, &ta)) in tparams.iter().zip(targs).enumerate() {
            if tp.pkg != self.pkg() {
                continue;
            }
            let at = arg_pos.get(i).copied().unwrap_or(pos);
            let mut sources = Vec::new();
            self.mono_sources(ta, &mut sources, 0);
            for src in sources {
                let weight = u32::from(src != ta);
                self.pending_instances
                    .mono
                    .edges
                    .push((tp, src, weight, at, ta));
            }
        }
    }

    /// The type parameters of this package and local generic-context
    /// named types that occur in `t`.
    fn mono_sources(&self, t: TypeId, out: &mut Vec<TypeId>, depth: u32) {
        if depth > 100 {
            return;
        }
        let s = &self.store;
        let t = unalias(s, t);
        let d = depth + 1;
        let vars = |vs: &[ObjId], out: &mut Vec<TypeId>| {
            for &v in vs {
                if let Some(vt) = s.obj(v).typ {
                    self.mono_sources(vt, out, d);
                }
            }
        };
        match s.ty(t) {
            Type::TypeParam(_) if t.pkg == self.pkg() => out.push(t),
            Type::Named(n) => {
                let origin = n.origin.unwrap_or(t);
                if self.is_local_named(origin) {
                    out.push(origin);
                }
                for &a in &n.targs {
                    self.mono_sources(a, out, d);
                }
            }
            Type::Array(_, e) | Type::Chan(_, e) | Type::Pointer(e) | Type::Slice(e) => {
                self.mono_sources(*e, out, d)
            }
            Type::Map(k, v) => {
                self.mono_sources(*k, out, d);
                self.mono_sources(*v, out, d);
            }
            Type::Interface(it) => vars(&it.methods, out),
            Type::Signature(sig) => {
                for tu in [sig.params, sig.results] {
                    if let Type::Tuple(vs) = s.ty(tu) {
                        vars(vs, out);
                    }
                }
            }
            Type::Struct(st) => vars(&st.fields, out),
            _ => {}
        }
    }

    /// A defined type of this package declared inside a function.
    fn is_local_named(&self, t: TypeId) -> bool {
        let Type::Named(n) = self.store.ty(t) else {
            return false;
        };
        let o = self.store.obj(n.obj);
        o.pkg == Some(self.pkg()) && o.parent.is_some_and(|p| p != self.pkg_scope)
    }

    /// types2's monomorph: looks for a positive-weight cycle in the
    /// instantiation graph and reports it ("instantiation cycle:").
    /// Called by `check` after all other passes, if no error was
    /// reported.
    pub(crate) fn monomorph(&mut self) {
        let edges = std::mem::take(&mut self.pending_instances.mono.edges);
        // Receiver type parameters stand for their base type's.
        let mut canon: std::collections::HashMap<TypeId, TypeId> = Default::default();
        for t in &self.store.arena.types {
            let Type::Signature(sig) = t else { continue };
            if sig.recv_tparams.is_empty() {
                continue;
            }
            let Some(r) = sig.recv else { continue };
            let Some(rt) = self.store.obj(r).typ else {
                continue;
            };
            let mut rt = unalias(&self.store, rt);
            if let Type::Pointer(e) = self.store.ty(rt) {
                rt = unalias(&self.store, *e);
            }
            let Type::Named(n) = self.store.ty(rt) else {
                continue;
            };
            let base = n.origin.unwrap_or(rt);
            let Type::Named(b) = self.store.ty(base) else {
                continue;
            };
            for (&rp, &bp) in sig.recv_tparams.iter().zip(&b.tparams) {
                if rp != bp {
                    canon.insert(rp, bp);
                }
            }
        }
        let canon_of = |t: TypeId| canon.get(&t).copied().unwrap_or(t);
        // Vertices: type parameters and local named types.
        let mut index: std::collections::HashMap<TypeId, usize> = Default::default();
        let mut vertices: Vec<TypeId> = Vec::new();
        let mut vertex = |t: TypeId, vertices: &mut Vec<TypeId>| -> usize {
            *index.entry(t).or_insert_with(|| {
                vertices.push(t);
                vertices.len() - 1
            })
        };
        // (dst, src, weight, pos, typ)
        let mut graph: Vec<(usize, usize, u32, Pos, TypeId)> = Vec::new();
        let mut local_done: HashSet<TypeId> = HashSet::new();
        for (dst, src, w, pos, typ) in edges {
            let src = canon_of(src);
            let is_named = matches!(self.store.ty(src), Type::Named(_));
            if is_named && self.ambient_tparams(src).is_empty() {
                continue; // no type parameters around: not a vertex
            }
            // Vertices in types2's order: the source, then (for a local
            // type) the parameters it is implicitly parameterized by,
            // then the destination.
            let sv = vertex(src, &mut vertices);
            // A local named type is implicitly parameterized by the type
            // parameters in scope where it is declared.
            if is_named && local_done.insert(src) {
                for tp in self.ambient_tparams(src) {
                    let tv = vertex(canon_of(tp), &mut vertices);
                    let opos = match self.store.ty(src) {
                        Type::Named(n) => self.store.obj(n.obj).pos,
                        _ => Pos::NONE,
                    };
                    graph.push((sv, tv, 1, opos, tp));
                }
            }
            let dv = vertex(canon_of(dst), &mut vertices);
            graph.push((dv, sv, w, pos, typ));
        }
        let nv = vertices.len();
        let mut weight = vec![0u32; nv];
        let mut pre = vec![usize::MAX; nv];
        let mut len = vec![0usize; nv];
        let mut again = true;
        let mut rounds = 0;
        while again && rounds <= 2 * nv + 2 {
            again = false;
            rounds += 1;
            for (i, &(dst, src, w, _, _)) in graph.iter().enumerate() {
                let nw = weight[src] + w;
                if nw <= weight[dst] {
                    continue;
                }
                pre[dst] = i;
                len[dst] = len[src] + 1;
                if len[dst] == nv {
                    self.report_instance_loop(dst, &graph, &pre, &vertices);
                    return;
                }
                weight[dst] = nw;
                again = true;
            }
        }
    }

    fn report_instance_loop(
        &mut self,
        mut v: usize,
        graph: &[(usize, usize, u32, Pos, TypeId)],
        pre: &[usize],
        vertices: &[TypeId],
    ) {
        let mut stack = Vec::new();
        let mut seen = vec![false; vertices.len()];
        while !seen[v] {
            stack.push(v);
            seen[v] = true;
            v = graph[pre[v]].1;
        }
        while stack.first().is_some_and(|&x| x != v) {
            stack.remove(0);
        }
        let obj_of = |c: &Self, t: TypeId| match c.store.ty(t) {
            Type::TypeParam(p) => Some((p.obj, false)),
            Type::Named(n) => Some((n.obj, true)),
            _ => None,
        };
        let Some((obj0, _)) = obj_of(self, vertices[v]) else {
            return;
        };
        let mut err =
            crate::errors::TypeError::new(self.store.obj(obj0).pos, "instantiation cycle:");
        for &x in &stack {
            let (_, _, _, pos, typ) = graph[pre[x]];
            let Some((obj, named)) = obj_of(self, vertices[graph[pre[x]].0]) else {
                continue;
            };
            let name = self.store.obj(obj).name;
            let ts = self.type_str(typ);
            let msg = if named {
                format!("{name} implicitly parameterized by {ts}")
            } else {
                format!("{name} instantiated as {ts}")
            };
            err = err.with(pos, msg);
        }
        self.error(err);
    }

    /// The type parameters declared in the scopes enclosing local named
    /// type `t`, before it.
    fn ambient_tparams(&self, t: TypeId) -> Vec<TypeId> {
        let Type::Named(n) = self.store.ty(t) else {
            return Vec::new();
        };
        let o = self.store.obj(n.obj);
        let opos = o.pos;
        let mut out = Vec::new();
        let mut scope = o.parent;
        while let Some(sc) = scope {
            if sc == self.pkg_scope {
                break;
            }
            let sco = self.store.scope(sc);
            for &name in &sco.names {
                let Some(e) = sco.lookup(name) else { continue };
                let eo = self.store.obj(e);
                if !matches!(eo.kind, crate::object::ObjKind::TypeName) || eo.pos >= opos {
                    continue;
                }
                if let Some(et) = eo.typ {
                    if matches!(self.store.ty(et), Type::TypeParam(_)) {
                        out.push(et);
                    }
                }
            }
            scope = sco.parent;
        }
        out
    }

    /// The type parameters of a generic named type, alias or signature.
    pub(crate) fn type_params_of(&self, t: TypeId) -> Vec<TypeId> {
        match self.store.ty(t) {
            Type::Named(n) => n.tparams.clone(),
            Type::Alias(a) => a.tparams.clone(),
            Type::Signature(s) => s.tparams.clone(),
            _ => Vec::new(),
        }
    }

    /// Reports a wrong number of type arguments for generic type `name`
    /// (types2's validateTArgLen); whether the count is right.
    pub(crate) fn targ_count_ok(&mut self, pos: Pos, name: &str, want: usize, got: usize) -> bool {
        let qual = match got.cmp(&want) {
            std::cmp::Ordering::Less => "not enough",
            std::cmp::Ordering::Greater => "too many",
            std::cmp::Ordering::Equal => return true,
        };
        self.errorf(
            pos,
            format!("{qual} type arguments for type {name}: have {got}, want {want}"),
        );
        false
    }

    /// Checks that each type argument satisfies its parameter's
    /// constraint (instantiated with the type arguments); reports the
    /// first failure (soft, as types2 does) at `arg_pos[i]` or `pos`.
    /// `go1_20`: the language version where the instantiation is written
    /// lets spec-comparable interfaces satisfy `comparable`. Whether all
    /// are satisfied.
    pub(crate) fn verify_targs(
        &mut self,
        pos: Pos,
        tparams: &[TypeId],
        targs: &[TypeId],
        arg_pos: &[Pos],
        go1_20: bool,
    ) -> bool {
        let smap = subst_map(tparams, targs);
        for (i, (&tp, &ta)) in tparams.iter().zip(targs).enumerate() {
            let Type::TypeParam(p) = self.store.ty(tp) else {
                continue;
            };
            let Some(bound) = p.bound else {
                continue;
            };
            let bound = self.subst(pos, bound, &smap);
            let bound = self.as_constraint(bound);
            if let Type::TypeParam(_) = self.store.ty(unalias(&self.store, ta)) {
                self.normalize_bound(unalias(&self.store, ta));
            }
            let res = implements(
                &self.store,
                &self.qualifier(),
                ta,
                bound,
                Relation::Satisfy { go1_20 },
            );
            if let Err(cause) = res {
                let at = arg_pos.get(i).copied().unwrap_or(pos);
                self.soft_errorf(at, cause);
                return false;
            }
        }
        true
    }

    /// `t` if it is an interface, else the implicit `interface{ t }` a
    /// constraint written as `[P *C]` stands for.
    pub(crate) fn as_constraint(&mut self, t: TypeId) -> TypeId {
        let u = underlying(&self.store, t);
        if matches!(self.store.ty(u), Type::Interface(_)) || u == universe::INVALID {
            return t;
        }
        self.store
            .arena
            .add_type(Type::Interface(crate::ty::Interface {
                embeddeds: vec![t],
                implicit: true,
                ..Default::default()
            }))
    }

    /// Makes the constraint of type parameter `tp` (of this package) an
    /// interface (types2's TypeParam.iface), so that the parameter's
    /// underlying type is its constraint interface.
    pub(crate) fn normalize_bound(&mut self, tp: TypeId) {
        if tp.pkg != self.pkg() {
            return;
        }
        let Type::TypeParam(p) = self.store.ty(tp) else {
            return;
        };
        let Some(b) = p.bound else {
            return;
        };
        let nb = self.as_constraint(b);
        if nb != b {
            if let Type::TypeParam(p) = self.store.arena.ty_mut(tp) {
                p.bound = Some(nb);
            }
        }
    }

    /// The (cached) instance, without verification.
    fn instance(&mut self, pos: Pos, orig: TypeId, targs: &[TypeId]) -> TypeId {
        let ty = self.store.ty(orig).clone();
        match ty {
            Type::Named(n) => {
                if let Some(o) = n.origin {
                    // Already an instance: instantiate its origin.
                    return self.instance(pos, o, targs);
                }
                if n.tparams.is_empty() && targs.is_empty() {
                    return orig;
                }
                if let Some(t) = self.cached_instance(orig, targs) {
                    return t;
                }
                let t = self.store.arena.add_type(Type::Named(Named {
                    obj: n.obj,
                    underlying: None,
                    methods: Vec::new(),
                    tparams: Vec::new(),
                    origin: Some(orig),
                    targs: targs.to_vec(),
                }));
                self.cache_instance(orig, targs, t);
                self.add_pending(t);
                t
            }
            Type::Alias(a) => {
                if let Some(o) = a.origin {
                    return self.instance(pos, o, targs);
                }
                let name = self.store.obj(a.obj).name.to_string();
                if !self.targ_count_ok(pos, &name, a.tparams.len(), targs.len()) {
                    return universe::INVALID;
                }
                if a.tparams.is_empty() {
                    return orig;
                }
                if let Some(t) = self.cached_instance(orig, targs) {
                    return t;
                }
                let t = self.store.arena.add_type(Type::Alias(Alias {
                    obj: a.obj,
                    actual: None,
                    tparams: Vec::new(),
                    origin: Some(orig),
                    targs: targs.to_vec(),
                }));
                self.cache_instance(orig, targs, t);
                self.add_pending(t);
                t
            }
            Type::Signature(sig) => {
                if sig.tparams.is_empty() {
                    return orig;
                }
                if sig.tparams.len() != targs.len() {
                    let s = self.type_str(orig);
                    self.targ_count_ok(pos, &s, sig.tparams.len(), targs.len());
                    return universe::INVALID;
                }
                if let Some(t) = self.cached_instance(orig, targs) {
                    return t;
                }
                let smap = subst_map(&sig.tparams, targs);
                let params = self.subst(pos, sig.params, &smap);
                let results = self.subst(pos, sig.results, &smap);
                let t = self.store.arena.add_type(Type::Signature(Signature {
                    tparams: Vec::new(),
                    params,
                    results,
                    ..sig
                }));
                self.cache_instance(orig, targs, t);
                t
            }
            _ => orig,
        }
    }

    /// An instance of `orig` for type arguments identical to `targs`.
    fn cached_instance(&self, orig: TypeId, targs: &[TypeId]) -> Option<TypeId> {
        if let Some(&t) = self.instance_cache.get(&(orig, targs.to_vec())) {
            return Some(t);
        }
        let s = &self.store;
        self.pending_instances
            .by_origin
            .get(&orig)?
            .iter()
            .find(|(ta, _)| {
                ta.len() == targs.len() && ta.iter().zip(targs).all(|(&x, &y)| identical(s, x, y))
            })
            .map(|&(_, t)| t)
    }

    fn cache_instance(&mut self, orig: TypeId, targs: &[TypeId], t: TypeId) {
        self.instance_cache.insert((orig, targs.to_vec()), t);
        self.pending_instances
            .by_origin
            .entry(orig)
            .or_default()
            .push((targs.to_vec(), t));
    }

    fn add_pending(&mut self, t: TypeId) {
        let depth = if self.pending_instances.running {
            self.pending_instances.depth + 1
        } else {
            0
        };
        self.pending_instances.list.push((t, depth));
        self.expand_pending();
    }

    /// Computes the underlying (or aliased) types of the instances whose
    /// origin is complete; the others stay pending (a delayed action
    /// completes them).
    pub(crate) fn expand_pending(&mut self) {
        if self.pending_instances.running || self.pending_instances.list.is_empty() {
            return;
        }
        self.pending_instances.running = true;
        loop {
            let list = std::mem::take(&mut self.pending_instances.list);
            let mut progress = false;
            let mut waiting = Vec::new();
            for (t, depth) in list {
                if self.expand_one(t, depth) {
                    progress = true;
                } else {
                    waiting.push((t, depth));
                }
            }
            let added = !self.pending_instances.list.is_empty();
            self.pending_instances.list.extend(waiting);
            if !progress && !added {
                break;
            }
        }
        self.pending_instances.running = false;
        if !self.pending_instances.list.is_empty() && !self.pending_instances.queued {
            self.pending_instances.queued = true;
            self.later(|c| {
                c.pending_instances.queued = false;
                c.expand_pending();
                // Whatever is left never gets an origin: invalid.
                for (t, _) in std::mem::take(&mut c.pending_instances.list) {
                    c.set_instance_type(t, universe::INVALID);
                }
            });
        }
    }

    /// Expands one instance if its origin is complete.
    fn expand_one(&mut self, t: TypeId, depth: u32) -> bool {
        let (origin, targs) = match self.store.ty(t) {
            Type::Named(n) => (n.origin, n.targs.clone()),
            Type::Alias(a) => (a.origin, a.targs.clone()),
            _ => return true,
        };
        let Some(origin) = origin else {
            return true;
        };
        let (tparams, rhs) = match self.store.ty(origin) {
            Type::Named(n) => (n.tparams.clone(), n.underlying),
            Type::Alias(a) => (a.tparams.clone(), a.actual),
            _ => return true,
        };
        let Some(rhs) = rhs else {
            return false;
        };
        if depth > MAX_EXPANSION_DEPTH || tparams.len() != targs.len() {
            self.set_instance_type(t, universe::INVALID);
            return true;
        }
        let smap = subst_map(&tparams, &targs);
        let saved = self.pending_instances.depth;
        self.pending_instances.depth = depth;
        let u = self.subst(Pos::NONE, rhs, &smap);
        self.pending_instances.depth = saved;
        self.set_instance_type(t, u);
        true
    }

    fn set_instance_type(&mut self, t: TypeId, u: TypeId) {
        match self.store.arena.ty_mut(t) {
            Type::Named(n) if n.underlying.is_none() => n.underlying = Some(u),
            Type::Alias(a) if a.actual.is_none() => a.actual = Some(u),
            _ => {}
        }
    }

    /// The type of method `m` (found by lookup on `recv`, possibly an
    /// instance of a generic type, or a pointer to one) with the
    /// receiver's type arguments substituted for the method's receiver
    /// type parameters.
    pub(crate) fn method_type(&mut self, recv: TypeId, m: ObjId) -> TypeId {
        self.expand_pending();
        let Some(mt) = self.store.obj(m).typ else {
            return universe::INVALID;
        };
        let Type::Signature(sig) = self.store.ty(mt).clone() else {
            return mt;
        };
        if sig.recv_tparams.is_empty() {
            return mt;
        }
        let Some(inst) = method_owner(&self.store, recv, m) else {
            return mt;
        };
        let targs = match self.store.ty(inst) {
            Type::Named(n) => n.targs.clone(),
            _ => return mt,
        };
        let mut smap = subst_map(&sig.recv_tparams, &targs);
        // A generic method's own type parameters may be constrained by
        // the receiver's (`func (G[F]) m[P *F]()`): fresh ones with the
        // receiver's type arguments substituted in their constraints.
        let own = self.fresh_tparams(&sig.tparams, &mut smap);
        let nt = self.subst(Pos::NONE, mt, &smap);
        let Type::Signature(mut nsig) = self.store.ty(nt).clone() else {
            return mt;
        };
        nsig.recv_tparams.clear();
        nsig.tparams = own;
        if let Some(r) = nsig.recv {
            if let Some(rt) = self.store.obj(r).typ {
                let nrt = self.subst(Pos::NONE, rt, &smap);
                if nrt != rt {
                    let mut o = self.store.obj(r).clone();
                    o.typ = Some(nrt);
                    nsig.recv = Some(self.store.arena.add_object(o));
                }
            }
        }
        self.store.arena.add_type(Type::Signature(nsig))
    }

    /// Copies of type parameters `tparams` whose constraints have `smap`
    /// (extended by the renaming) applied; `smap` maps the originals to
    /// the copies on return.
    pub(crate) fn fresh_tparams(
        &mut self,
        tparams: &[TypeId],
        smap: &mut crate::subst::SubstMap,
    ) -> Vec<TypeId> {
        let mut fresh = Vec::with_capacity(tparams.len());
        for &tp in tparams {
            let Type::TypeParam(p) = self.store.ty(tp).clone() else {
                fresh.push(tp);
                continue;
            };
            let mut o = self.store.obj(p.obj).clone();
            o.typ = None;
            let nobj = self.store.arena.add_object(o);
            let t = self
                .store
                .arena
                .add_type(Type::TypeParam(crate::ty::TypeParam {
                    obj: nobj,
                    index: p.index,
                    bound: p.bound,
                }));
            self.store.arena.obj_mut(nobj).typ = Some(t);
            smap.insert(tp, t);
            fresh.push(t);
        }
        for &t in &fresh {
            let Type::TypeParam(p) = self.store.ty(t).clone() else {
                continue;
            };
            if let Some(b) = p.bound {
                let nb = self.subst(Pos::NONE, b, smap);
                let nb = self.as_constraint(nb);
                if let Type::TypeParam(p) = self.store.arena.ty_mut(t) {
                    p.bound = Some(nb);
                }
            }
        }
        fresh
    }
}

/// The instance, reached from `recv` through pointers and embedded
/// fields, whose origin declares method `m`.
pub(crate) fn method_owner(s: &impl Store, recv: TypeId, m: ObjId) -> Option<TypeId> {
    let mut queue = vec![recv];
    let mut seen = HashSet::new();
    let mut i = 0;
    while i < queue.len() && i < 10_000 {
        let mut t = unalias(s, queue[i]);
        i += 1;
        if let Type::Pointer(e) = s.ty(t) {
            t = unalias(s, *e);
        }
        if !seen.insert(t) {
            continue;
        }
        if let Type::Named(n) = s.ty(t) {
            if let Some(o) = n.origin {
                if let Type::Named(on) = s.ty(o) {
                    if on.methods.contains(&m) {
                        return Some(t);
                    }
                }
            }
        }
        if let Type::Struct(st) = s.ty(underlying(s, t)) {
            for &f in &st.fields {
                let fo = s.obj(f);
                if let (crate::object::ObjKind::Var { embedded: true, .. }, Some(ft)) =
                    (&fo.kind, fo.typ)
                {
                    queue.push(ft);
                }
            }
        }
    }
    None
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::arena::{Local, World};
    use crate::object::{ObjKind, Object};
    use crate::testutil::{field, param, P};
    use crate::ty::{Interface, Struct, TypeParam};
    use crate::universe::{ANY, INT, STRING};
    use syntax::ast::sym;
    use syntax::FileSet;

    /// A type parameter `name` constrained by `bound`, declared at `pos`.
    pub(crate) fn tparam(l: &mut Local, name: &str, index: u32, bound: TypeId, pos: Pos) -> TypeId {
        let obj = l.arena.add_object(Object::new(
            sym(name),
            pos,
            Some(P),
            None,
            ObjKind::TypeName,
        ));
        let t = l.arena.add_type(Type::TypeParam(TypeParam {
            obj,
            index,
            bound: Some(bound),
        }));
        l.arena.obj_mut(obj).typ = Some(t);
        t
    }

    /// A generic named type `name[tparams]` (underlying set later).
    pub(crate) fn generic(l: &mut Local, name: &str, tparams: Vec<TypeId>) -> TypeId {
        let t = crate::testutil::named(l, name, None, vec![]);
        if let Type::Named(n) = l.arena.ty_mut(t) {
            n.tparams = tparams;
        }
        t
    }

    pub(crate) fn set_underlying(l: &mut Local, t: TypeId, u: TypeId) {
        if let Type::Named(n) = l.arena.ty_mut(t) {
            n.underlying = Some(u);
        }
    }

    /// A generic signature `func[tparams](params) results`.
    pub(crate) fn generic_sig(
        l: &mut Local,
        tparams: Vec<TypeId>,
        params: &[(&str, TypeId)],
        results: &[TypeId],
    ) -> TypeId {
        let ps: Vec<ObjId> = params.iter().map(|&(n, t)| param(l, n, t)).collect();
        let rs: Vec<ObjId> = results.iter().map(|&t| param(l, "", t)).collect();
        let params = l.arena.add_type(Type::Tuple(ps));
        let results = l.arena.add_type(Type::Tuple(rs));
        l.arena.add_type(Type::Signature(Signature {
            recv: None,
            tparams,
            recv_tparams: vec![],
            params,
            results,
            variadic: false,
        }))
    }

    fn ts(c: &Checker, t: TypeId) -> String {
        c.type_str(t)
    }

    fn errors(c: &Checker) -> Vec<String> {
        c.errors.iter().map(|e| e.msg.clone()).collect()
    }

    #[test]
    fn recursive_generic_struct() {
        let world = World::new();
        let fset = FileSet::new();
        let mut c = Checker::new(&world, &fset, P, "p", [], &crate::testutil::UnsafeOnly);
        // type List[T any] struct{ next *List[T]; val T }, with List[T]
        // instantiated while List is being declared.
        let t = tparam(&mut c.store, "T", 0, ANY, Pos::NONE);
        let list = generic(&mut c.store, "List", vec![t]);
        let self_inst = c.instantiate(Pos::NONE, list, &[t], false);
        assert!(matches!(c.store.ty(self_inst), Type::Named(n) if n.underlying.is_none()));
        let ptr = c.store.arena.add_type(Type::Pointer(self_inst));
        let next = field(&mut c.store, "next", ptr, false);
        let val = field(&mut c.store, "val", t, false);
        let st = c.store.arena.add_type(Type::Struct(Struct {
            fields: vec![next, val],
            tags: vec![],
        }));
        set_underlying(&mut c.store, list, st);
        let li = c.instantiate(Pos::NONE, list, &[INT], true);
        assert_eq!(ts(&c, li), "List[int]");
        assert_eq!(
            ts(&c, underlying(&c.store, li)),
            "struct{next *List[int]; val int}"
        );
        // The instance inside is the same type (one instance per list).
        assert_eq!(c.instantiate(Pos::NONE, list, &[INT], false), li);
        let ints = c.store.arena.add_type(Type::Slice(INT));
        let a = c.instantiate(Pos::NONE, list, &[ints], false);
        let ints2 = c.store.arena.add_type(Type::Slice(INT));
        assert_eq!(c.instantiate(Pos::NONE, list, &[ints2], false), a);
        // The early instance is completed.
        assert_eq!(
            ts(&c, underlying(&c.store, self_inst)),
            "struct{next *List[T]; val T}"
        );
        c.process_delayed(0);
        assert!(errors(&c).is_empty(), "{:?}", errors(&c));
    }

    #[test]
    fn growing_instances_stop() {
        let world = World::new();
        let fset = FileSet::new();
        let mut c = Checker::new(&world, &fset, P, "p", [], &crate::testutil::UnsafeOnly);
        // type T[P any] struct{ f *T[[]P] }
        let p = tparam(&mut c.store, "P", 0, ANY, Pos::NONE);
        let g = generic(&mut c.store, "T", vec![p]);
        let sl = c.store.arena.add_type(Type::Slice(p));
        let inner = c.instantiate(Pos::NONE, g, &[sl], false);
        let ptr = c.store.arena.add_type(Type::Pointer(inner));
        let f = field(&mut c.store, "f", ptr, false);
        let st = c.store.arena.add_type(Type::Struct(Struct {
            fields: vec![f],
            tags: vec![],
        }));
        set_underlying(&mut c.store, g, st);
        let ti = c.instantiate(Pos::NONE, g, &[INT], false);
        assert_eq!(ts(&c, underlying(&c.store, ti)), "struct{f *T[[]int]}");
    }

    #[test]
    fn signatures_counts_and_constraints() {
        let world = World::new();
        let fset = FileSet::new();
        let mut c = Checker::new(&world, &fset, P, "p", [], &crate::testutil::UnsafeOnly);
        // func[P any](x P, y []P) P
        let p = tparam(&mut c.store, "P", 0, ANY, Pos::NONE);
        let sl = c.store.arena.add_type(Type::Slice(p));
        let sig = generic_sig(&mut c.store, vec![p], &[("x", p), ("y", sl)], &[p]);
        let inst = c.instantiate(Pos::NONE, sig, &[INT], true);
        assert_eq!(ts(&c, inst), "func(x int, y []int) int");
        assert_eq!(ts(&c, sig), "func[P any](x P, y []P) P");

        // type C interface{ M() }; type Pair[K C, V any] struct{}
        let m_sig = crate::testutil::sig(&mut c.store, &[], &[]);
        let m = crate::testutil::func(&mut c.store, "M", m_sig, false);
        let iface = c.store.arena.add_type(Type::Interface(Interface {
            methods: vec![m],
            ..Interface::default()
        }));
        let cn = crate::testutil::named(&mut c.store, "C", Some(iface), vec![]);
        let k = tparam(&mut c.store, "K", 0, cn, Pos::NONE);
        let v = tparam(&mut c.store, "V", 1, ANY, Pos::NONE);
        let pair = generic(&mut c.store, "Pair", vec![k, v]);
        let empty = c.store.arena.add_type(Type::Struct(Struct::default()));
        set_underlying(&mut c.store, pair, empty);
        c.instantiate(Pos::NONE, pair, &[INT], true);
        c.instantiate(Pos::NONE, pair, &[INT, STRING, INT], true);
        c.instantiate(Pos::NONE, pair, &[INT, STRING], true);
        c.process_delayed(0);
        assert_eq!(
            errors(&c),
            vec![
                "not enough type arguments for type Pair: have 1, want 2",
                "too many type arguments for type Pair: have 3, want 2",
                "int does not satisfy C (missing method M)",
            ]
        );
    }

    #[test]
    fn methods_of_instances() {
        let world = World::new();
        let fset = FileSet::new();
        let mut c = Checker::new(&world, &fset, P, "p", [], &crate::testutil::UnsafeOnly);
        // type Box[T any] struct{ v T }; func (b *Box[U]) Put(v U) U
        let t = tparam(&mut c.store, "T", 0, ANY, Pos::NONE);
        let bx = generic(&mut c.store, "Box", vec![t]);
        let v = field(&mut c.store, "v", t, false);
        let st = c.store.arena.add_type(Type::Struct(Struct {
            fields: vec![v],
            tags: vec![],
        }));
        set_underlying(&mut c.store, bx, st);
        let u = tparam(&mut c.store, "U", 0, ANY, Pos::NONE);
        let recv_inst = c.instantiate(Pos::NONE, bx, &[u], false);
        let recv_ptr = c.store.arena.add_type(Type::Pointer(recv_inst));
        let recv = param(&mut c.store, "b", recv_ptr);
        let msig = generic_sig(&mut c.store, vec![], &[("v", u)], &[u]);
        if let Type::Signature(s) = c.store.arena.ty_mut(msig) {
            s.recv = Some(recv);
            s.recv_tparams = vec![u];
        }
        let put = crate::testutil::func(&mut c.store, "Put", msig, true);
        if let Type::Named(n) = c.store.arena.ty_mut(bx) {
            n.methods.push(put);
        }
        let bi = c.instantiate(Pos::NONE, bx, &[STRING], false);
        let mt = c.method_type(bi, put);
        assert_eq!(ts(&c, mt), "func(v string) string");
        // Through a pointer and an embedded field.
        let pbi = c.store.arena.add_type(Type::Pointer(bi));
        let mt = c.method_type(pbi, put);
        assert_eq!(ts(&c, mt), "func(v string) string");
        let emb = field(&mut c.store, "Box", bi, true);
        let outer_st = c.store.arena.add_type(Type::Struct(Struct {
            fields: vec![emb],
            tags: vec![],
        }));
        let outer = crate::testutil::named(&mut c.store, "Outer", Some(outer_st), vec![]);
        // The generic method matches interface{ Put(string) string } on
        // Box[string] (and through embedding), not on Box[int].
        let want = crate::testutil::sig(&mut c.store, &[STRING], &[STRING]);
        let im = crate::testutil::func(&mut c.store, "Put", want, false);
        assert!(crate::subst::method_identical(&c.store, bi, put, im));
        assert!(crate::subst::method_identical(&c.store, outer, put, im));
        let bint = c.instantiate(Pos::NONE, bx, &[INT], false);
        assert!(!crate::subst::method_identical(&c.store, bint, put, im));
        let mt = c.method_type(outer, put);
        assert_eq!(ts(&c, mt), "func(v string) string");
    }

    /// Generic declarations, instantiations, inference and constraint
    /// satisfaction through the whole checker, as gc reports them.
    #[test]
    fn generics_end_to_end() {
        let src = r#"package p

type List[T any] struct {
	next *List[T]
	val  T
}

func (l *List[T]) Push(v T) *List[T] { return &List[T]{l, v} }

type Pair[K comparable, V any] struct {
	k K
	v V
}

type C interface{ M() }
type Num interface{ ~int | ~float64 }

func f[P, Q any](x P) Q { var q Q; return q }
func g[S ~[]E, E any](s S, e E) S { return s }
func h[T any](a, b T) T { return a }
func k[T C](x T) {}
func n[T Num](x T) T { return x }

type Ints []int

var (
	_ Pair[int, []int]
	_ Pair[[]int, int]
	_ = f(1)
	_ = h(1, "a")
	_ = k(1)
	_ = n("s")
	_ Ints = g(Ints{}, 1)
	_ float64 = n(1.5)
	_ string = (&List[string]{}).Push("x").val
	_ int = (&List[string]{}).val
	x func(int) string = f
	y func(int, int) = h
)
"#;
        assert_eq!(
            crate::testutil::check_source(src),
            vec![
                "a.go:28:9: []int does not satisfy comparable",
                "a.go:29:7: in call to f, cannot infer Q (declared at a.go:18:11)",
                "a.go:30:11: in call to h, mismatched types untyped int and untyped string (cannot infer T)",
                "a.go:31:6: k(1) (no value) used as value",
                "a.go:31:7: int does not satisfy C (missing method M)",
                "a.go:32:7: string does not satisfy Num (string missing in ~int | ~float64)",
                "a.go:36:10: cannot use (&List[string]{}).val (variable of type string) as int value in variable declaration",
                "a.go:38:21: inferred type func(a int, b int) int for func(a T, b T) T does not match type func(int, int) of y",
            ]
        );
    }

    #[test]
    fn instantiation_cycles() {
        let src = "package p\n\nfunc f2[P *Q, Q any](P, Q) {\n\t_ = f2[*P]\n}\n\nfunc f[P *Q, Q any](P, Q) {\n\t_ = f[P]\n}\n";
        assert_eq!(
            crate::testutil::check_source(src),
            vec!["a.go:3:9: instantiation cycle:\n\ta.go:4:9: P instantiated as *P"]
        );
        // Through a local type implicitly parameterized by T.
        let src = "package p\n\nfunc F[T any]() {\n\ttype U []T\n\tF[U]()\n}\n\nfunc H[T any]() {\n\tH[T]()\n\tH[int]()\n}\n";
        assert_eq!(
            crate::testutil::check_source(src),
            vec!["a.go:4:7: instantiation cycle:\n\ta.go:4:7: U implicitly parameterized by T\n\ta.go:5:4: T instantiated as U"]
        );
    }

    /// Methods of generic types found on instances satisfy constraints
    /// once the instance's type arguments are taken into account; a real
    /// mismatch shows the instance's signature.
    #[test]
    fn generic_methods_satisfy_constraints() {
        let src = r#"package p

type A[T any] int

func (A[T]) m(A[T]) {}

type Box[T any] interface{ Val() (T, bool) }

type Optional[T any] struct{}

func (Optional[T]) Val() (T, bool) { var t T; return t, false }

func f[P interface{ m(P) }]() {}

func g[V any, B Box[V]]() {}

func _() {
	_ = f[A[int]]
	_ = g[int, Optional[int]]
	_ = g[int, Optional[string]]
}
"#;
        assert_eq!(
            crate::testutil::check_source(src),
            vec!["a.go:20:13: Optional[string] does not satisfy Box[int] (wrong type for method Val)\n\t\thave Val() (string, bool)\n\t\twant Val() (int, bool)"]
        );
    }

    /// gc's causes for type arguments outside a constraint's type set:
    /// a missing `~`, a type the constraint mentions but excludes, other
    /// types; strict comparability of type-set terms; `any` satisfying
    /// `comparable` only from go1.20 on; pointers to type parameters.
    #[test]
    fn constraint_causes() {
        let src = r#"package p

type myInt int
type C interface {
	comparable
	[2]any | int
}

func f[_ int | string]()           {}
func g[_ C]()                      {}
func h[_ comparable]()             {}
func k[_ interface{ ~int | uint }]() {}

type S struct{ x any }

func _[V [2]any, W S, P any](p string) {
	type L struct{ x W }
	_ = f[myInt]
	_ = g[[2]any]
	_ = k[string]
	_ = h[V]
	_ = h[L]
	_ = h[S]
	_ = h[any]
	_ = (*P)(p)
}
"#;
        let want = [
            "a.go:18:8: myInt does not satisfy int | string (possibly missing ~ for int in int | string)",
            "a.go:19:8: [2]any does not satisfy C (C mentions [2]any, but [2]any is not in the type set of C)",
            "a.go:20:8: string does not satisfy interface{~int | uint} (string missing in ~int | uint)",
            "a.go:21:8: V does not satisfy comparable",
            "a.go:22:8: L does not satisfy comparable",
            "a.go:25:11: cannot convert p (variable of type string) to type *P: string does not implement *P (type *P is pointer to type parameter, not type parameter)",
        ];
        assert_eq!(crate::testutil::check_source(src), want);
        let want19 = [
            "a.go:18:8: myInt does not satisfy int | string (possibly missing ~ for int in int | string)",
            "a.go:19:8: [2]any does not satisfy C (C mentions [2]any, but [2]any is not in the type set of C)",
            "a.go:20:8: string does not satisfy interface{~int | uint} (string missing in ~int | uint)",
            "a.go:21:8: V does not satisfy comparable",
            "a.go:22:8: L does not satisfy comparable",
            "a.go:23:8: S to satisfy comparable requires go1.20 or later",
            "a.go:24:8: any to satisfy comparable requires go1.20 or later",
            "a.go:25:11: cannot convert p (variable of type string) to type *P: string does not implement *P (type *P is pointer to type parameter, not type parameter)",
        ];
        assert_eq!(crate::testutil::check_source_lang(src, 19), want19);
    }

    /// An instance with the wrong number of type arguments is reported
    /// where it is written; substituted into a constraint it is an
    /// invalid type, so checking the constraint adds no error.
    #[test]
    fn wrong_arity_instances_substitute_to_invalid() {
        let src = "package p\n\ntype T[U interface{ M() T[U, int] }] int\n\ntype X int\n\nfunc (X) M() T[X] { return 0 }\n";
        assert_eq!(
            crate::testutil::check_source(src),
            vec!["a.go:3:25: too many type arguments for type T: have 2, want 1"]
        );
    }
}
