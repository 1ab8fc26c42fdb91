//! Method sets and method tables (`abi.UncommonType`'s methods with the
//! functions `Ifn`/`Tfn` stand for), and the wrappers those need, built
//! as IR functions flagged `wrapper`:
//!
//! - `main.(*T).M` for a value method `M` of `T`: checks the pointer,
//!   loads `*p`, calls `main.T.M` (the interface entry of `T`'s methods
//!   when `T` is not pointer-shaped, and `*T`'s method);
//! - `main.S.M` and `main.(*S).M` for a method promoted into `S` through
//!   embedded fields: find the embedded value (following embedded
//!   pointers) and call the method on it (through the itab for an
//!   embedded interface).
//!
//! Every wrapper passes its parameters after the receiver, and its
//! results, through unchanged, so it works whatever `machine_sig`'s
//! convention for large values is, as long as the receiver comes first.

use crate::overlay::Subst;
use types::arena::{ObjId, PkgIdx, TypeId};
use types::lookup::{interface_methods, lookup_field_or_method, Lookup};
use types::object::ObjKind;
use types::predicates::unalias;
use types::ty::Type;

use super::alg::Fb;
use super::{declared_methods, method_order, under_type, Kind, Method, TypeDescs, N};
use crate::func::{InstKind, Term, Ty};
use crate::layout;
use crate::names::method_name;

/// A method of a method set.
#[derive(Clone, Debug)]
pub(crate) struct MEntry {
    pub obj: ObjId,
    pub name: String,
    pub pkg: Option<PkgIdx>,
    /// Embedded field indices, then the method's index (types2's).
    pub path: Vec<usize>,
    /// Declared with a pointer receiver.
    pub ptr_recv: bool,
}

/// A wrapper to generate: method `entry` of `base` (value receiver) or
/// of `*base`.
#[derive(Clone, Debug)]
pub(crate) struct WrapReq {
    pub base: TypeId,
    pub ptr: bool,
    pub entry: MEntry,
    /// The method's type without receiver (type parameters substituted).
    pub mtyp: N,
}

/// The machine parameters and results of a Go function with these
/// parameter and result types (after the closure context and the
/// receiver): each value flattened to its scalar leaves, or one pointer
/// for a value kept in memory; a result kept in memory is returned
/// through a pointer parameter appended after the parameters.
pub fn machine_sig(s: &impl Subst, params: &[TypeId], results: &[TypeId]) -> (Vec<Ty>, Vec<Ty>) {
    let mut ps = Vec::new();
    for &p in params {
        match layout::scalar_types(s, p) {
            Some(l) => ps.extend(l),
            None => ps.push(Ty::PTR),
        }
    }
    let mut rs = Vec::new();
    for &r in results {
        match layout::scalar_types(s, r) {
            Some(l) => rs.extend(l),
            None => ps.push(Ty::PTR),
        }
    }
    (ps, rs)
}

impl TypeDescs {
    /// `machine_sig` of a function type node.
    pub(crate) fn machine_sig_of(&self, f: N) -> (Vec<Ty>, Vec<Ty>) {
        let Kind::Func {
            params, results, ..
        } = &self.nodes[f].kind
        else {
            return (Vec::new(), Vec::new());
        };
        let mut ps = Vec::new();
        for &p in params {
            match self.leaves(p) {
                Some(l) => ps.extend(l.into_iter().map(|(t, _)| t)),
                None => ps.push(Ty::PTR),
            }
        }
        let mut rs = Vec::new();
        for &r in results {
            match self.leaves(r) {
                Some(l) => rs.extend(l.into_iter().map(|(t, _)| t)),
                None => ps.push(Ty::PTR),
            }
        }
        (ps, rs)
    }

    /// `layout::leaves` of an interned type.
    pub(crate) fn leaves(&self, n: N) -> Option<Vec<(Ty, u32)>> {
        let mut out = Vec::new();
        (self.collect_leaves(n, 0, &mut out) && out.len() <= layout::MAX_SSA_LEAVES).then_some(out)
    }

    fn collect_leaves(&self, n: N, base: u32, out: &mut Vec<(Ty, u32)>) -> bool {
        use types::ty::BasicKind::*;
        if out.len() > layout::MAX_SSA_LEAVES {
            return false;
        }
        match self.shape(n) {
            Kind::Basic(k) => {
                let ty = match k {
                    Bool | Int8 | Uint8 => Ty::I8,
                    Int16 | Uint16 => Ty::I16,
                    Int32 | Uint32 => Ty::I32,
                    Float32 => Ty::F32,
                    Float64 => Ty::F64,
                    Complex64 => {
                        out.push((Ty::F32, base));
                        out.push((Ty::F32, base + 4));
                        return true;
                    }
                    Complex128 => {
                        out.push((Ty::F64, base));
                        out.push((Ty::F64, base + 8));
                        return true;
                    }
                    String => {
                        out.push((Ty::PTR, base));
                        out.push((Ty::I64, base + 8));
                        return true;
                    }
                    _ => Ty::I64,
                };
                out.push((ty, base));
                true
            }
            Kind::Ptr(_) | Kind::Map(..) | Kind::Chan(..) | Kind::Func { .. } => {
                out.push((Ty::PTR, base));
                true
            }
            Kind::Slice(_) => {
                out.push((Ty::PTR, base));
                out.push((Ty::I64, base + 8));
                out.push((Ty::I64, base + 16));
                true
            }
            Kind::Interface(_) => {
                out.push((Ty::PTR, base));
                out.push((Ty::PTR, base + 8));
                true
            }
            Kind::Array(len, e) => match len {
                0 => true,
                1 => self.collect_leaves(*e, base, out),
                _ => false,
            },
            Kind::Struct(fields) => fields
                .iter()
                .all(|f| self.collect_leaves(f.typ, base + f.offset as u32, out)),
            Kind::Named(_) => false,
        }
    }
}

/// The method set of `t` (`ptr`: of `*t`), `t` not a pointer, sorted as
/// gc sorts method tables.
pub(crate) fn method_set(s: &impl Subst, t: TypeId, ptr: bool) -> Vec<MEntry> {
    let t = unalias(s, t);
    let u = under_type(s, t);
    if matches!(s.ty(u), Type::Interface(_) | Type::Pointer(_)) {
        return Vec::new();
    }
    let mut cands: Vec<(String, Option<PkgIdx>)> = Vec::new();
    let mut seen = Vec::new();
    candidates(s, t, 0, &mut cands, &mut seen);
    let mut out = Vec::new();
    for (name, pkg) in cands {
        if let Lookup::Found { obj, index, .. } =
            lookup_field_or_method(s, t, ptr, pkg, syntax::ast::sym(&name))
        {
            if let ObjKind::Func { ptr_recv } = s.obj(obj).kind {
                out.push(MEntry {
                    obj,
                    name,
                    pkg,
                    path: index,
                    ptr_recv,
                });
            }
        }
    }
    out.sort_by(|a, b| method_order(s, &a.name, a.pkg, &b.name, b.pkg));
    out
}

/// Names of methods `t` may have: its own and those of embedded fields
/// at any depth.
fn candidates(
    s: &impl Subst,
    t: TypeId,
    depth: usize,
    out: &mut Vec<(String, Option<PkgIdx>)>,
    seen: &mut Vec<TypeId>,
) {
    let mut t = unalias(s, t);
    if let Type::Pointer(e) = s.ty(t) {
        t = unalias(s, *e);
    }
    if seen.contains(&t) {
        return;
    }
    seen.push(t);
    let mut add = |o: ObjId| {
        let ob = s.obj(o);
        let name = ob.name.to_string();
        if name == "_" {
            return; // blank methods are in no method set
        }
        let pkg = if super::is_exported(&name) {
            None
        } else {
            ob.pkg
        };
        if !out.iter().any(|(n, p)| *n == name && *p == pkg) {
            out.push((name, pkg));
        }
    };
    if let Type::Named(_) = s.ty(t) {
        for m in declared_methods(s, t) {
            add(m);
        }
    }
    let u = under_type(s, t);
    match s.ty(u) {
        Type::Struct(st) => {
            for &f in &st.fields.clone() {
                let o = s.obj(f);
                if let ObjKind::Var { embedded: true, .. } = o.kind {
                    if let Some(ft) = o.typ {
                        candidates(s, ft, depth + 1, out, seen);
                    }
                }
            }
        }
        Type::Interface(_) if depth > 0 => {
            for m in interface_methods(s, u) {
                add(m);
            }
        }
        _ => {}
    }
}

/// Whether `*t` has methods (gc then always points `t`'s descriptor at
/// `*t`'s).
pub(crate) fn has_ptr_methods(s: &impl Subst, t: TypeId) -> bool {
    !method_set(s, t, true).is_empty()
}

/// The method table of `n`'s descriptor.
pub(crate) fn method_table(s: &impl Subst, d: &mut TypeDescs, n: N) -> Vec<Method> {
    let (base, ptr) = match d.nodes[n].kind {
        Kind::Named(t) => (t, false),
        Kind::Ptr(e) => match d.nodes[e].kind {
            Kind::Named(t) => (t, true),
            Kind::Struct(_) => match d.nodes[e].src {
                Some(t) => (t, true),
                None => return Vec::new(),
            },
            _ => return Vec::new(),
        },
        Kind::Struct(_) => match d.nodes[n].src {
            Some(t) => (t, false),
            None => return Vec::new(),
        },
        _ => return Vec::new(),
    };
    let entries = method_set(s, base, ptr);
    let mut out = Vec::new();
    for e in entries {
        let mtyp = method_type(s, d, base, &e);
        let tfn = fn_for(s, d, base, ptr, &e, mtyp);
        let ifn = if ptr || d.direct_iface(n) {
            tfn.clone()
        } else {
            fn_for(s, d, base, true, &e, mtyp)
        };
        out.push(Method {
            name: e.name.clone(),
            pkg: e.pkg,
            mtyp,
            ifn,
            tfn,
        });
    }
    out
}

/// The type of method `m` found on `base`, without receiver.
fn method_type(s: &impl Subst, d: &mut TypeDescs, base: TypeId, e: &MEntry) -> N {
    let owner = owner_of(s, base, &e.path);
    // On an instance, the method as declared on the generic type (its
    // signature in terms of the receiver's type parameters).
    let m = origin_method(s, owner, e.obj);
    let sub = recv_map(s, owner, m);
    let (params, results, variadic) = match s.obj(m).typ.map(|t| s.ty(t)) {
        Some(Type::Signature(sig)) => (sig.params, sig.results, sig.variadic),
        _ => {
            return d.intern(
                Kind::Func {
                    params: vec![],
                    results: vec![],
                    variadic: false,
                },
                None,
            )
        }
    };
    let params = tuple_types(s, params)
        .into_iter()
        .map(|t| d.node_sub(s, t, &sub))
        .collect();
    let results = tuple_types(s, results)
        .into_iter()
        .map(|t| d.node_sub(s, t, &sub))
        .collect();
    d.intern(
        Kind::Func {
            params,
            results,
            variadic,
        },
        None,
    )
}

/// The type declaring the method at the end of `path` from `base`
/// (an embedded field's type, without pointer).
fn owner_of(s: &impl Subst, base: TypeId, path: &[usize]) -> TypeId {
    let mut cur = base;
    for &idx in &path[..path.len().saturating_sub(1)] {
        if let Type::Pointer(e) = s.ty(unalias(s, cur)) {
            cur = *e;
        }
        let Type::Struct(st) = s.ty(under_type(s, cur)) else {
            return cur;
        };
        cur = s
            .obj(st.fields[idx])
            .typ
            .unwrap_or(types::universe::INVALID);
    }
    if let Type::Pointer(e) = s.ty(unalias(s, cur)) {
        cur = *e;
    }
    unalias(s, cur)
}

/// The declaration of method `m` of instance `owner` (on its generic
/// type), or `m` itself.
fn origin_method(s: &impl Subst, owner: TypeId, m: ObjId) -> ObjId {
    let Type::Named(n) = s.ty(owner) else {
        return m;
    };
    let Some(origin) = n.origin.filter(|&o| o != owner) else {
        return m;
    };
    let Type::Named(on) = s.ty(origin) else {
        return m;
    };
    let name = s.obj(m).name;
    on.methods
        .iter()
        .copied()
        .find(|&x| s.obj(x).name == name)
        .unwrap_or(m)
}

/// The receiver type parameters of method `m` paired with the type
/// arguments of `owner`, the instance it is found on.
fn recv_map(s: &impl Subst, owner: TypeId, m: ObjId) -> Vec<(TypeId, TypeId)> {
    let tparams = match s.obj(m).typ.map(|t| s.ty(t)) {
        Some(Type::Signature(sig)) => sig.recv_tparams.clone(),
        _ => return Vec::new(),
    };
    match s.ty(owner) {
        Type::Named(n) => tparams.into_iter().zip(n.targs.iter().copied()).collect(),
        _ => Vec::new(),
    }
}

fn tuple_types(s: &impl Subst, t: TypeId) -> Vec<TypeId> {
    match s.ty(t) {
        Type::Tuple(vs) => vs
            .iter()
            .map(|&v| s.obj(v).typ.unwrap_or(types::universe::INVALID))
            .collect(),
        _ => Vec::new(),
    }
}

/// The function called for method `e` of `base` (`ptr`: of `*base`) with
/// that receiver: the method itself or a wrapper (recorded to generate).
fn fn_for(
    s: &impl Subst,
    d: &mut TypeDescs,
    base: TypeId,
    ptr: bool,
    e: &MEntry,
    mtyp: N,
) -> String {
    let name = crate::names::method_name_from(s, base, ptr, &e.name, e.pkg);
    if e.path.len() == 1 && e.ptr_recv == ptr {
        return name;
    }
    if ptr && e.path.len() == 1 && !e.ptr_recv && d.string_off.is_none() {
        // The wrapper's nil-pointer panic value is a string.
        let t = d.node(s, types::universe::STRING);
        d.string_off = Some(d.ensure_off(s, t));
    }
    d.wrappers.entry(name.clone()).or_insert_with(|| WrapReq {
        base,
        ptr,
        entry: e.clone(),
        mtyp,
    });
    name
}

/// `fn_for` with the method's type computed.
pub(crate) fn method_fn(
    s: &impl Subst,
    d: &mut TypeDescs,
    base: TypeId,
    ptr: bool,
    e: &MEntry,
) -> String {
    let mtyp = method_type(s, d, base, e);
    fn_for(s, d, base, ptr, e, mtyp)
}

/// Builds wrapper `name`.
pub(crate) fn gen_wrapper(
    s: &impl Subst,
    d: &TypeDescs,
    name: &str,
    req: &WrapReq,
    extra: &mut Vec<crate::func::Data>,
) -> crate::func::Func {
    let m = &req.entry;
    let (rest, res) = d.machine_sig_of(req.mtyp);
    let base_leaves = layout::leaves(s, req.base);
    let recv: Vec<Ty> = if req.ptr {
        vec![Ty::PTR]
    } else {
        match &base_leaves {
            Some(l) => l.iter().map(|&(t, _)| t).collect(),
            None => vec![Ty::PTR],
        }
    };
    let mut all = vec![Ty::PTR];
    all.extend(&recv);
    all.extend(&rest);
    let mut b = Fb::new(name, &all, res.clone());
    let rest_vals: Vec<_> = b.f.params()[1 + recv.len()..].to_vec();

    // The receiver's value in memory.
    let mut addr;
    if req.ptr && m.path.len() == 1 && !m.ptr_recv {
        // gc's panicwrap: a value method called through a nil pointer.
        addr = b.param(1);
        let zero = b.iconst(Ty::PTR, 0);
        let isnil = b.ins1(InstKind::Cmp(crate::func::CmpOp::Eq, addr, zero));
        let bad = b.f.new_block();
        let ok = b.f.new_block();
        b.f.set_term(b.cur, Term::Branch(isnil, bad, vec![], ok, vec![]));
        b.cur = bad;
        let typ = method_name(s, req.base, false, "");
        let typ = typ.trim_end_matches('.');
        let short = crate::names::type_link_name(s, req.base);
        let msg = format!(
            "value method {typ}.{} called using nil *{short} pointer",
            m.name
        );
        let sym = format!("go.panicwrap.{name}");
        let mut bytes = vec![0u8; 16];
        bytes[8..16].copy_from_slice(&(msg.len() as u64).to_le_bytes());
        bytes.extend_from_slice(msg.as_bytes());
        extra.push(crate::func::Data {
            name: sym.clone(),
            size: bytes.len() as u32,
            align: 8,
            init: Some(bytes),
            relocs: vec![(0, sym.clone(), 16)],
            readonly: true,
        });
        let t = b.ins1(InstKind::SymAddr(
            super::TYPES_SYM.to_string(),
            d.string_off.expect("string descriptor") as i64,
        ));
        let v = b.ins1(InstKind::SymAddr(sym, 0));
        b.call("runtime.gopanic", vec![t, v], vec![]);
        b.f.set_term(b.cur, Term::Unreachable);
        b.cur = ok;
    } else if req.ptr {
        addr = b.param(1);
        b.ins(InstKind::NilCheck(addr));
    } else if let Some(l) = &base_leaves {
        let slot =
            b.f.new_slot(layout::size(s, req.base).max(1), layout::align(s, req.base));
        addr = b.ins1(InstKind::SlotAddr(slot));
        for (i, &(_, off)) in l.iter().enumerate() {
            let v = b.param(1 + i);
            b.ins(InstKind::Store(addr, v, off as i32));
        }
    } else {
        addr = b.param(1);
    }
    let mut cur = req.base;
    let fields = &m.path[..m.path.len() - 1];
    for (k, &idx) in fields.iter().enumerate() {
        let mut st_ty = cur;
        if let Type::Pointer(e) = s.ty(unalias(s, cur)) {
            st_ty = *e;
        }
        let Type::Struct(st) = s.ty(under_type(s, st_ty)) else {
            panic!("promoted method through a non-struct");
        };
        let offs = types::sizes::offsetsof(s, &st.fields);
        let ft = s
            .obj(st.fields[idx])
            .typ
            .unwrap_or(types::universe::INVALID);
        let faddr = b.addr(addr, offs[idx].max(0) as u64);
        if k + 1 < fields.len() {
            if let Type::Pointer(e) = s.ty(under_type(s, ft)) {
                let p = b.ins1(InstKind::Load(Ty::PTR, faddr, 0));
                b.ins(InstKind::NilCheck(p));
                addr = p;
                cur = *e;
                continue;
            }
        }
        addr = faddr;
        cur = ft;
    }
    let ctx0 = b.iconst(Ty::PTR, 0);
    let out = if !fields.is_empty() && matches!(s.ty(under_type(s, cur)), Type::Interface(_)) {
        // A method of an embedded interface: through its itab.
        let tab = b.ins1(InstKind::Load(Ty::PTR, addr, 0));
        let data = b.ins1(InstKind::Load(Ty::PTR, addr, 8));
        b.ins(InstKind::NilCheck(tab));
        let i = super::imethod_index(s, cur, m.obj);
        let fp = b.ins1(InstKind::Load(Ty::PTR, tab, 24 + 8 * i as i32));
        let mut args = vec![ctx0, data];
        args.extend(rest_vals);
        b.ins(InstKind::Call {
            callee: crate::func::Callee::Indirect(fp),
            args,
            results: res,
        })
    } else {
        let (owner, via_ptr) = match s.ty(unalias(s, cur)) {
            Type::Pointer(e) if !fields.is_empty() => (*e, true),
            _ => (cur, false),
        };
        let target = method_name(s, owner, m.ptr_recv, &m.name);
        let mut args = vec![ctx0];
        if m.ptr_recv {
            if via_ptr {
                args.push(b.ins1(InstKind::Load(Ty::PTR, addr, 0)));
            } else {
                args.push(addr);
            }
        } else {
            let vaddr = if via_ptr {
                let p = b.ins1(InstKind::Load(Ty::PTR, addr, 0));
                b.ins(InstKind::NilCheck(p));
                p
            } else {
                addr
            };
            match layout::leaves(s, owner) {
                Some(l) => {
                    for (t, off) in l {
                        args.push(b.ins1(InstKind::Load(t, vaddr, off as i32)));
                    }
                }
                None => {
                    // Callees may modify a by-pointer argument: pass a copy.
                    let size = layout::size(s, owner);
                    let slot = b.f.new_slot(size.max(1), layout::align(s, owner));
                    let sa = b.ins1(InstKind::SlotAddr(slot));
                    b.ins(InstKind::Copy(sa, vaddr, size));
                    args.push(sa);
                }
            }
        }
        args.extend(rest_vals);
        b.call(&target, args, res)
    };
    b.f.set_term(b.cur, Term::Return(out));
    b.f
}
