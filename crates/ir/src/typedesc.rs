//! Type descriptors: gc's `internal/abi` layouts (`abi.Type` and the
//! kind-specific tails, `UncommonType`, `Method`, `Name`), emitted into
//! one read-only blob `go.types` so `NameOff`/`TypeOff` are plain offsets
//! into it; itabs (`abi.ITab`); the `go.textptrs` table `TextOff`s index;
//! the equality and hash functions the descriptors point at (`alg`); and
//! the method wrappers method tables need (`wrap`). Type strings are
//! formatted by `fmt`.
//!
//! Code refers to a descriptor as `SymAddr(TYPES_SYM, type_off(t))`.
//! Identical types get one descriptor (the runtime compares descriptor
//! addresses for type identity): types are interned by a canonical key.
//!
//! Offsets are assigned when a type is first asked for (or first reached
//! from another descriptor) and never move; `finish` lays out the names
//! and pointer masks after the last descriptor and writes everything.

pub(crate) mod alg;
mod fmt;
pub(crate) mod wrap;

#[cfg(test)]
mod tests;

use crate::overlay::Subst;
use std::collections::{BTreeMap, HashMap};

use types::arena::{ObjId, PkgIdx, TypeId};
use types::lookup::{interface_methods, named_methods};
use types::predicates::{unalias, underlying};
use types::ty::{BasicKind, ChanDir, Type};
use types::universe;

use crate::func::{Data, Func, Module};

pub use wrap::machine_sig;

/// The symbol of the blob holding every type descriptor and name.
pub const TYPES_SYM: &str = "go.types";

/// The symbol of the table of code addresses `abi.TextOff`s index.
pub const TEXTPTRS_SYM: &str = "go.textptrs";

/// An interned type.
pub(crate) type N = usize;

/// The structure of an interned type. Components are interned types.
#[derive(Clone, Debug)]
pub(crate) enum Kind {
    Basic(BasicKind),
    /// A defined type (or an instance of a generic one); its underlying
    /// type is `Node::under`.
    Named(TypeId),
    Ptr(N),
    Slice(N),
    Array(u64, N),
    Map(N, N),
    Chan(ChanDir, N),
    Func {
        params: Vec<N>,
        results: Vec<N>,
        variadic: bool,
    },
    Struct(Vec<Field>),
    /// Methods sorted as gc sorts them.
    Interface(Vec<IMethod>),
}

#[derive(Clone, Debug)]
pub(crate) struct Field {
    pub name: String,
    /// The package of an unexported name.
    pub pkg: Option<PkgIdx>,
    pub typ: N,
    pub embedded: bool,
    pub tag: String,
    pub offset: u64,
}

#[derive(Clone, Debug)]
pub(crate) struct IMethod {
    pub name: String,
    /// The package of an unexported name.
    pub pkg: Option<PkgIdx>,
    /// The method's type without receiver (a `Func`).
    pub typ: N,
}

/// One entry of a method table (`abi.Method`).
#[derive(Clone, Debug)]
pub(crate) struct Method {
    pub name: String,
    pub pkg: Option<PkgIdx>,
    pub mtyp: N,
    /// Link names of the functions `Ifn` and `Tfn` stand for.
    pub ifn: String,
    pub tfn: String,
}

#[derive(Clone, Debug)]
pub(crate) struct Node {
    pub kind: Kind,
    /// For `Named`: the underlying type (set right after interning).
    pub under: Option<N>,
    pub size: u64,
    pub align: u64,
    pub key: String,
    /// A type this node was made from (method sets need one).
    pub src: Option<TypeId>,
    /// Internal types (map groups) with no equality or hash.
    pub noalg: bool,
    /// For a map's group type: the map (its string is `map.group[K]V`).
    pub group_of: Option<N>,
    pub off: Option<u32>,
    pub uncommon: bool,
    pub methods: Vec<Method>,
    /// For an instance of a generic type: its type arguments.
    pub targs: Vec<N>,
}

/// What `itab` was asked for.
struct ItabReq {
    sym: String,
    typ: N,
    iface: N,
}

/// The program's type descriptors, assigned as code asks for them.
#[derive(Default)]
pub struct TypeDescs {
    pub(crate) nodes: Vec<Node>,
    index: HashMap<String, N>,
    /// One past the last descriptor byte assigned so far.
    cursor: u32,
    /// Descriptors assigned but not yet walked for what they reach.
    pending: Vec<N>,
    itabs: Vec<ItabReq>,
    itab_syms: HashMap<(N, N), String>,
    itab_names: std::collections::HashSet<String>,
    /// Wrappers the method tables refer to, by link name.
    pub(crate) wrappers: BTreeMap<String, wrap::WrapReq>,
    /// Equality signatures whose functions `eq_func` promised.
    eq_funcs: Vec<String>,
    /// The `string` descriptor (the panic value of pointer wrappers).
    pub(crate) string_off: Option<u32>,
}

/// Sizes of the fixed parts of descriptors (`internal/abi`).
const COMMON: u32 = 48;
const UNCOMMON: u32 = 16;
const METHOD: u32 = 16;
const IMETHOD: u32 = 8;
const STRUCT_FIELD: u32 = 24;
const PTR: u64 = 8;

// abi.TFlag bits.
const TFLAG_UNCOMMON: u8 = 1 << 0;
const TFLAG_EXTRA_STAR: u8 = 1 << 1;
const TFLAG_NAMED: u8 = 1 << 2;
const TFLAG_REGULAR_MEMORY: u8 = 1 << 3;
const TFLAG_DIRECT_IFACE: u8 = 1 << 5;

// abi.MapType flags.
const MAP_NEED_KEY_UPDATE: u32 = 1;
const MAP_HASH_MIGHT_PANIC: u32 = 2;
const MAP_INDIRECT_KEY: u32 = 4;
const MAP_INDIRECT_ELEM: u32 = 8;
const MAP_MAX_KEY_BYTES: u64 = 128;
const MAP_MAX_ELEM_BYTES: u64 = 128;
const MAP_GROUP_SLOTS: u64 = 8;

impl TypeDescs {
    pub fn new() -> Self {
        TypeDescs::default()
    }

    /// The offset of `t`'s descriptor in `go.types` (assigned on first
    /// request; identical types share one).
    pub fn type_off(&mut self, s: &impl Subst, t: TypeId) -> u32 {
        let n = self.node(s, t);
        self.ensure_off(s, n)
    }

    /// The pointer mask of `t` (one bit per 8-byte word holding a pointer
    /// the collector follows, as in the descriptor's GCData).
    pub fn pointer_mask(&mut self, s: &impl Subst, t: TypeId) -> Vec<u8> {
        let n = self.node(s, t);
        let words = self.ptrdata(n).div_ceil(PTR) as usize;
        let mut bits = vec![0u8; words.div_ceil(8)];
        self.fill_mask(n, 0, &mut bits);
        bits
    }

    /// Whether values of `t` hold pointers (gc's PtrBytes != 0).
    pub fn has_pointers(&mut self, s: &impl Subst, t: TypeId) -> bool {
        let n = self.node(s, t);
        self.ptrdata(n) != 0
    }

    /// The symbol of the itab of concrete type `t` for the non-empty
    /// interface type `iface` (`go.itab.<T>,<I>` with gc's link strings).
    pub fn itab(&mut self, s: &impl Subst, t: TypeId, iface: TypeId) -> String {
        let tn = self.node(s, t);
        let inn = self.node(s, iface);
        if let Some(sym) = self.itab_syms.get(&(tn, inn)) {
            return sym.clone();
        }
        self.ensure_off(s, tn);
        self.ensure_off(s, inn);
        let base = format!(
            "go.itab.{},{}",
            self.link_string(s, tn),
            self.link_string(s, inn)
        );
        // Distinct local types may print alike: keep symbols unique.
        let mut sym = base.clone();
        let mut k = 1;
        while self.itab_names.contains(&sym) {
            sym = format!("{base}·{k}");
            k += 1;
        }
        self.itab_names.insert(sym.clone());
        self.itab_syms.insert((tn, inn), sym.clone());
        self.itabs.push(ItabReq {
            sym: sym.clone(),
            typ: tn,
            iface: inn,
        });
        sym
    }

    /// `t`'s string as gc's runtime and reflect print it (`main.T`,
    /// `[]int`, `func(int) error`).
    pub fn type_string(&mut self, s: &impl Subst, t: TypeId) -> String {
        let n = self.node(s, t);
        self.str_of(s, n)
    }

    /// The function implementing method `name` (`pkg`: the package of an
    /// unexported name) of `t`, or of `*t` with `ptr`, called with that
    /// receiver: the declared method, or a wrapper generated by `finish`
    /// (`main.(*T).M` for a value method, `main.S.M`/`main.(*S).M` for a
    /// promoted one). `None` if the method set has no such method.
    pub fn method_func(
        &mut self,
        s: &impl Subst,
        t: TypeId,
        ptr: bool,
        name: &str,
        pkg: Option<PkgIdx>,
    ) -> Option<String> {
        let pkg = if is_exported(name) { None } else { pkg };
        let e = wrap::method_set(s, t, ptr)
            .into_iter()
            .find(|e| e.name == name && e.pkg == pkg)?;
        Some(wrap::method_fn(s, self, t, ptr, &e))
    }

    /// The `Hash` field of `t`'s descriptor (`abi.Type.Hash`, also in
    /// itabs: type switches may compare it).
    pub fn type_hash(&mut self, s: &impl Subst, t: TypeId) -> u32 {
        let n = self.node(s, t);
        fnv1(&self.nodes[n].key)
    }

    /// A function `(ctx, p, q) -> i8` comparing two values of type `t`
    /// in memory with Go's `==` (`type:.eq.<sig>`), or `None` for
    /// incomparable types.
    pub fn eq_func(&mut self, s: &impl Subst, t: TypeId) -> Option<String> {
        let n = self.node(s, t);
        match self.alg(n) {
            alg::Alg::NoEq | alg::Alg::Internal => None,
            _ => {
                let sig = self.eq_sig(n);
                let name = format!("type:.eq.{sig}");
                self.eq_funcs.push(sig);
                Some(name)
            }
        }
    }

    /// Emits everything asked for into `m`: `go.types`, `go.textptrs`,
    /// itabs, equality and hash functions with their closure objects,
    /// method wrappers.
    pub fn finish(mut self, s: &impl Subst, m: &mut Module) {
        // Everything the requested descriptors reach.
        while let Some(n) = self.pending.pop() {
            for r in self.refs(s, n) {
                self.ensure_off(s, r);
            }
        }
        let mut w = Writer {
            blob: vec![0; self.cursor as usize],
            relocs: Vec::new(),
            names: HashMap::new(),
            masks: HashMap::new(),
            text: Vec::new(),
            text_index: HashMap::new(),
            closures: BTreeMap::new(),
            funcs: BTreeMap::new(),
        };
        for n in 0..self.nodes.len() {
            if self.nodes[n].off.is_some() {
                self.write_desc(s, n, &mut w);
            }
        }
        for sig in std::mem::take(&mut self.eq_funcs) {
            alg::gen_eq(&sig, &mut w);
        }
        let itabs = std::mem::take(&mut self.itabs);
        let mut itab_data = Vec::new();
        for it in &itabs {
            itab_data.push(self.write_itab(s, it, &mut w));
        }
        let existing: std::collections::HashSet<String> =
            m.funcs.iter().map(|f| f.name.clone()).collect();
        let mut extra = Vec::new();
        for (name, req) in std::mem::take(&mut self.wrappers) {
            if !existing.contains(&name) {
                w.funcs.insert(
                    name.clone(),
                    wrap::gen_wrapper(s, &self, &name, &req, &mut extra),
                );
            }
        }
        // Method tables name every method of a type, but the methods of a
        // generic type's instance (names with `[`) are only built when a
        // value of it can reach an interface (`instance_methods`); the
        // others stay out of the program, as gc's linker leaves
        // unreachable methods out: a wrapper calling one is dropped, and
        // their `go.textptrs` entries are 0 (no code).
        let missing = |w: &Writer, name: &str| {
            name.contains('[') && !existing.contains(name) && !w.funcs.contains_key(name)
        };
        loop {
            let dead: Vec<String> = w
                .funcs
                .iter()
                .filter(|(_, f)| {
                    f.blocks.iter().flat_map(|b| &b.insts).any(|&i| {
                        matches!(&f.inst(i).kind, crate::func::InstKind::Call { callee: crate::func::Callee::Direct(c), .. }
                            if missing(&w, c))
                    })
                })
                .map(|(n, _)| n.clone())
                .collect();
            if dead.is_empty() {
                break;
            }
            for n in dead {
                w.funcs.remove(&n);
            }
        }
        let missing_text: std::collections::HashSet<String> =
            w.text.iter().filter(|f| missing(&w, f)).cloned().collect();
        // The blob.
        let size = w.blob.len().max(1) as u32;
        m.data.push(Data {
            name: TYPES_SYM.to_string(),
            size,
            align: 8,
            init: Some(std::mem::take(&mut w.blob)),
            relocs: std::mem::take(&mut w.relocs),
            readonly: true,
        });
        m.data.extend(itab_data);
        m.data.extend(extra);
        let n = w.text.len() as u32;
        m.data.push(Data {
            name: TEXTPTRS_SYM.to_string(),
            size: (n * 8).max(8),
            align: 8,
            init: Some(vec![0; (n * 8).max(8) as usize]),
            relocs: w
                .text
                .iter()
                .enumerate()
                .filter(|(_, f)| !missing_text.contains(*f))
                .map(|(i, f)| (i as u32 * 8, f.clone(), 0))
                .collect(),
            readonly: true,
        });
        for (_, d) in std::mem::take(&mut w.closures) {
            m.data.push(d);
        }
        for (name, f) in std::mem::take(&mut w.funcs) {
            if !existing.contains(&name) {
                m.funcs.push(f);
            }
        }
    }

    // ---- interning ----

    /// The interned node of `t`.
    pub(crate) fn node(&mut self, s: &impl Subst, t: TypeId) -> N {
        self.node_sub(s, t, &[])
    }

    /// The interned node of `t` with type parameters replaced by `sub`.
    pub(crate) fn node_sub(&mut self, s: &impl Subst, t: TypeId, sub: &[(TypeId, TypeId)]) -> N {
        let t = unalias(s, t);
        // Types seen through a substitution are not the store's types.
        let src = sub.is_empty().then_some(t);
        match s.ty(t) {
            Type::Basic { kind, .. } => {
                use BasicKind::*;
                let k = match *kind {
                    UntypedBool => Bool,
                    UntypedInt => Int,
                    UntypedRune => Int32,
                    UntypedFloat => Float64,
                    UntypedComplex => Complex128,
                    UntypedString => String,
                    UntypedNil | Invalid => UnsafePointer,
                    k => k,
                };
                self.intern(Kind::Basic(k), src)
            }
            Type::Named(n) => {
                let is_inst = n.origin.is_some_and(|o| o != t);
                if is_inst && !sub.is_empty() {
                    // An instance seen through a substitution (`FMap[V, K]`
                    // in a method of `FMap[K, V]`): the substituted
                    // instance is a type of its own, with its own method
                    // set and names.
                    let st = s.subst(t, sub);
                    if st != t {
                        return self.node_sub(s, st, &[]);
                    }
                }
                let mut targ_nodes = Vec::new();
                let key = if is_inst {
                    let origin = n.origin.unwrap();
                    let targs = n.targs.clone();
                    targ_nodes = targs.iter().map(|&a| self.node_sub(s, a, sub)).collect();
                    let args: Vec<&str> = targ_nodes
                        .iter()
                        .map(|&a| self.nodes[a].key.as_str())
                        .collect();
                    format!("N{}:{}[{}]", origin.pkg.0, origin.index, args.join(","))
                } else {
                    format!("N{}:{}", t.pkg.0, t.index)
                };
                if let Some(&n) = self.index.get(&key) {
                    return n;
                }
                let size = types::sizes::sizeof(s, t).max(0) as u64;
                let align = types::sizes::alignof(s, t).max(1) as u64;
                let id = self.push(Node {
                    kind: Kind::Named(t),
                    under: None,
                    size,
                    align,
                    key,
                    src,
                    noalg: false,
                    group_of: None,
                    off: None,
                    uncommon: false,
                    methods: Vec::new(),
                    targs: targ_nodes,
                });
                // `type T1 T` stores T; the underlying type is T's.
                let mut u = n.underlying.unwrap_or(universe::INVALID);
                while let Type::Named(inner) = s.ty(u) {
                    match inner.underlying {
                        Some(next) if next != u => u = next,
                        _ => break,
                    }
                }
                let un = self.node_sub(s, u, sub);
                self.nodes[id].under = Some(un);
                id
            }
            Type::Pointer(e) => {
                let e = self.node_sub(s, *e, sub);
                self.intern(Kind::Ptr(e), src)
            }
            Type::Slice(e) => {
                let e = self.node_sub(s, *e, sub);
                self.intern(Kind::Slice(e), src)
            }
            Type::Array(len, e) => {
                let len = len.unwrap_or(0);
                let e = self.node_sub(s, *e, sub);
                self.intern(Kind::Array(len, e), src)
            }
            Type::Map(k, v) => {
                let (k, v) = (*k, *v);
                let k = self.node_sub(s, k, sub);
                let v = self.node_sub(s, v, sub);
                self.intern(Kind::Map(k, v), src)
            }
            Type::Chan(d, e) => {
                let d = *d;
                let e = self.node_sub(s, *e, sub);
                self.intern(Kind::Chan(d, e), src)
            }
            Type::Signature(sig) => {
                let (params, results, variadic) = (sig.params, sig.results, sig.variadic);
                let params = self.tuple(s, params, sub);
                let results = self.tuple(s, results, sub);
                self.intern(
                    Kind::Func {
                        params,
                        results,
                        variadic,
                    },
                    src,
                )
            }
            Type::Struct(st) => {
                let st = st.clone();
                let mut fields = Vec::new();
                for (i, &f) in st.fields.iter().enumerate() {
                    let o = s.obj(f);
                    let name = o.name.to_string();
                    let exported = is_exported(&name);
                    let embedded =
                        matches!(o.kind, types::object::ObjKind::Var { embedded: true, .. });
                    let pkg = if exported { None } else { o.pkg };
                    let ft = o.typ.unwrap_or(universe::INVALID);
                    let typ = self.node_sub(s, ft, sub);
                    fields.push(Field {
                        name,
                        pkg,
                        typ,
                        embedded,
                        tag: st.tag(i).unwrap_or("").to_string(),
                        offset: 0,
                    });
                }
                self.intern(Kind::Struct(fields), src)
            }
            Type::Interface(_) => {
                let ms = interface_methods(s, t);
                let mut out = Vec::new();
                for m in ms {
                    let o = s.obj(m);
                    let name = o.name.to_string();
                    let pkg = if is_exported(&name) { None } else { o.pkg };
                    let typ = match o.typ {
                        Some(ft) => self.node_sub(s, ft, sub),
                        None => self.intern(
                            Kind::Func {
                                params: vec![],
                                results: vec![],
                                variadic: false,
                            },
                            None,
                        ),
                    };
                    out.push(IMethod { name, pkg, typ });
                }
                out.sort_by(|a, b| method_order(s, &a.name, a.pkg, &b.name, b.pkg));
                self.intern(Kind::Interface(out), src)
            }
            Type::TypeParam(_) => match sub.iter().find(|(p, _)| *p == t) {
                Some(&(_, a)) => self.node_sub(s, a, &[]),
                None => self.node(s, universe::EMPTY_INTERFACE),
            },
            Type::Tuple(_) | Type::Union(_) | Type::Alias(_) => {
                self.node(s, universe::EMPTY_INTERFACE)
            }
        }
    }

    fn tuple(&mut self, s: &impl Subst, t: TypeId, sub: &[(TypeId, TypeId)]) -> Vec<N> {
        let vars = match s.ty(t) {
            Type::Tuple(v) => v.clone(),
            _ => Vec::new(),
        };
        vars.iter()
            .map(|&v| {
                let vt = s.obj(v).typ.unwrap_or(universe::INVALID);
                self.node_sub(s, vt, sub)
            })
            .collect()
    }

    fn push(&mut self, n: Node) -> N {
        let id = self.nodes.len();
        self.index.insert(n.key.clone(), id);
        self.nodes.push(n);
        id
    }

    /// Interns an unnamed type made of interned components.
    pub(crate) fn intern(&mut self, kind: Kind, src: Option<TypeId>) -> N {
        self.intern_full(kind, src, false, None)
    }

    fn intern_full(
        &mut self,
        mut kind: Kind,
        src: Option<TypeId>,
        noalg: bool,
        group_of: Option<N>,
    ) -> N {
        let key = self.key_of(&kind, noalg);
        if let Some(&n) = self.index.get(&key) {
            if self.nodes[n].src.is_none() && src.is_some() {
                self.nodes[n].src = src;
            }
            return n;
        }
        let (size, align) = self.layout(&mut kind);
        self.push(Node {
            kind,
            under: None,
            size,
            align,
            key,
            src,
            noalg,
            group_of,
            off: None,
            uncommon: false,
            methods: Vec::new(),
            targs: Vec::new(),
        })
    }

    fn key_of(&self, kind: &Kind, noalg: bool) -> String {
        let k = |n: &N| self.nodes[*n].key.as_str();
        let mut out = String::new();
        if noalg {
            out.push_str("noalg.");
        }
        match kind {
            Kind::Basic(b) => out.push_str(b.name_canonical()),
            Kind::Named(t) => out.push_str(&format!("N{}:{}", t.pkg.0, t.index)),
            Kind::Ptr(e) => out.push_str(&format!("*{}", k(e))),
            Kind::Slice(e) => out.push_str(&format!("[]{}", k(e))),
            Kind::Array(n, e) => out.push_str(&format!("[{n}]{}", k(e))),
            Kind::Map(a, b) => out.push_str(&format!("map[{}]{}", k(a), k(b))),
            Kind::Chan(d, e) => out.push_str(&format!("chan{}({})", *d as u8, k(e))),
            Kind::Func {
                params,
                results,
                variadic,
            } => {
                let p: Vec<&str> = params.iter().map(k).collect();
                let r: Vec<&str> = results.iter().map(k).collect();
                let dots = if *variadic { "..." } else { "" };
                out.push_str(&format!("func({}{dots})({})", p.join(","), r.join(",")));
            }
            Kind::Struct(fields) => {
                out.push_str("struct{");
                for f in fields {
                    let pkg = f.pkg.map(|p| p.0.to_string()).unwrap_or_default();
                    let emb = if f.embedded { "!" } else { "" };
                    out.push_str(&format!("{pkg}.{}{emb} {} {:?};", f.name, k(&f.typ), f.tag));
                }
                out.push('}');
            }
            Kind::Interface(ms) => {
                out.push_str("interface{");
                for m in ms {
                    let pkg = m.pkg.map(|p| p.0.to_string()).unwrap_or_default();
                    out.push_str(&format!("{pkg}.{}{};", m.name, k(&m.typ)));
                }
                out.push('}');
            }
        }
        out
    }

    /// gc's size and alignment of an unnamed type; fills in struct field
    /// offsets.
    fn layout(&self, kind: &mut Kind) -> (u64, u64) {
        match kind {
            Kind::Basic(b) => {
                use BasicKind::*;
                match b {
                    Bool | Int8 | Uint8 => (1, 1),
                    Int16 | Uint16 => (2, 2),
                    Int32 | Uint32 | Float32 => (4, 4),
                    Complex64 => (8, 4),
                    Complex128 => (16, 8),
                    String => (16, 8),
                    _ => (8, 8),
                }
            }
            Kind::Named(_) => (0, 1),
            Kind::Ptr(_) | Kind::Map(..) | Kind::Chan(..) | Kind::Func { .. } => (PTR, PTR),
            Kind::Slice(_) => (24, 8),
            Kind::Interface(_) => (16, 8),
            Kind::Array(n, e) => {
                let e = &self.nodes[*e];
                (e.size.saturating_mul(*n), e.align)
            }
            Kind::Struct(fields) => {
                let mut off = 0u64;
                let mut align = 1u64;
                let mut last_size = 0;
                for f in fields.iter_mut() {
                    let t = &self.nodes[f.typ];
                    off = round_up(off, t.align);
                    f.offset = off;
                    off += t.size;
                    align = align.max(t.align);
                    last_size = t.size;
                }
                if !fields.is_empty() && off > 0 && last_size == 0 {
                    off += 1;
                }
                (round_up(off, align), align)
            }
        }
    }

    /// The kind-level structure of `n` (its underlying type's).
    pub(crate) fn shape(&self, n: N) -> &Kind {
        match self.nodes[n].kind {
            Kind::Named(_) => &self.nodes[self.nodes[n].under.expect("named resolved")].kind,
            _ => &self.nodes[n].kind,
        }
    }

    /// The underlying node of `n`.
    pub(crate) fn under(&self, n: N) -> N {
        match self.nodes[n].kind {
            Kind::Named(_) => self.nodes[n].under.expect("named resolved"),
            _ => n,
        }
    }

    pub(crate) fn ptr_to(&mut self, n: N) -> N {
        self.intern(Kind::Ptr(n), None)
    }

    /// gc's "has a name" (`t.Sym() != nil`): defined types and the
    /// predeclared basic types.
    fn has_sym(&self, n: N) -> bool {
        matches!(self.nodes[n].kind, Kind::Named(_) | Kind::Basic(_))
    }

    /// The map group type of map type `m` (`internal/runtime/maps`'s
    /// group: a control word, then 8 key/elem slots).
    fn group_type(&mut self, m: N) -> N {
        let Kind::Map(k, v) = *self.shape(m) else {
            unreachable!("group of a non-map")
        };
        let m = self.under(m);
        let kt = if self.nodes[k].size > MAP_MAX_KEY_BYTES {
            self.ptr_to(k)
        } else {
            k
        };
        let vt = if self.nodes[v].size > MAP_MAX_ELEM_BYTES {
            self.ptr_to(v)
        } else {
            v
        };
        let field = |name: &str, typ: N| Field {
            name: name.to_string(),
            pkg: None,
            typ,
            embedded: false,
            tag: String::new(),
            offset: 0,
        };
        let slot = self.intern_full(
            Kind::Struct(vec![field("key", kt), field("elem", vt)]),
            None,
            true,
            None,
        );
        let slots = self.intern_full(Kind::Array(MAP_GROUP_SLOTS, slot), None, true, None);
        let u64t = self.intern(
            Kind::Basic(BasicKind::Uint64),
            Some(universe::basic(BasicKind::Uint64)),
        );
        self.intern_full(
            Kind::Struct(vec![field("ctrl", u64t), field("slots", slots)]),
            None,
            true,
            Some(m),
        )
    }

    // ---- offsets ----

    /// Assigns `n` its place in `go.types` (once).
    pub(crate) fn ensure_off(&mut self, s: &impl Subst, n: N) -> u32 {
        if let Some(off) = self.nodes[n].off {
            return off;
        }
        let methods = wrap::method_table(s, self, n);
        let uncommon = self.has_sym(n) || !methods.is_empty();
        let (base, data) = self.desc_sizes(n);
        let size =
            base + if uncommon { UNCOMMON } else { 0 } + data + METHOD * methods.len() as u32;
        let off = round_up(self.cursor as u64, 8) as u32;
        self.cursor = off + size;
        let node = &mut self.nodes[n];
        node.off = Some(off);
        node.uncommon = uncommon;
        node.methods = methods;
        self.pending.push(n);
        off
    }

    /// The size of the kind-specific descriptor (`abi.PtrType`...) and
    /// of its variable-length data (struct fields, interface methods,
    /// function parameter types).
    fn desc_sizes(&self, n: N) -> (u32, u32) {
        match self.shape(n) {
            Kind::Basic(_) => (COMMON, 0),
            Kind::Named(_) => unreachable!(),
            Kind::Ptr(_) | Kind::Slice(_) => (COMMON + 8, 0),
            Kind::Array(..) => (COMMON + 24, 0),
            Kind::Chan(..) => (COMMON + 16, 0),
            Kind::Map(..) => (COMMON + 88, 0),
            Kind::Func {
                params, results, ..
            } => (COMMON + 8, 8 * (params.len() + results.len()) as u32),
            Kind::Struct(f) => (COMMON + 32, STRUCT_FIELD * f.len() as u32),
            Kind::Interface(m) => (COMMON + 32, IMETHOD * m.len() as u32),
        }
    }

    /// The types `n`'s descriptor points at.
    fn refs(&mut self, s: &impl Subst, n: N) -> Vec<N> {
        let mut out = Vec::new();
        if self.has_sym(n) && !matches!(self.shape(n), Kind::Ptr(_)) {
            out.push(self.ptr_to(n));
        }
        for m in &self.nodes[n].methods {
            out.push(m.mtyp);
        }
        match self.shape(n).clone() {
            Kind::Ptr(e) | Kind::Slice(e) | Kind::Chan(_, e) => out.push(e),
            Kind::Array(_, e) => {
                out.push(e);
                out.push(self.intern(Kind::Slice(e), None));
            }
            Kind::Map(k, v) => {
                out.push(k);
                out.push(v);
                out.push(self.group_type(n));
            }
            Kind::Func {
                params, results, ..
            } => {
                out.extend(params);
                out.extend(results);
            }
            Kind::Struct(fields) => out.extend(fields.iter().map(|f| f.typ)),
            Kind::Interface(ms) => out.extend(ms.iter().map(|m| m.typ)),
            Kind::Basic(_) | Kind::Named(_) => {}
        }
        // A descriptor whose *T has methods points at *T (gc's strong
        // PtrToThis).
        if !self.has_sym(n) && !matches!(self.shape(n), Kind::Ptr(_)) {
            if let (Some(src), Kind::Struct(_)) = (self.nodes[n].src, self.shape(n)) {
                if wrap::has_ptr_methods(s, src) {
                    out.push(self.ptr_to(n));
                }
            }
        }
        out
    }

    // ---- properties ----

    /// gc's `PtrDataSize`: the prefix of the type holding pointers.
    pub(crate) fn ptrdata(&self, n: N) -> u64 {
        match self.shape(n) {
            Kind::Basic(BasicKind::String) | Kind::Basic(BasicKind::UnsafePointer) => PTR,
            Kind::Basic(_) => 0,
            Kind::Ptr(_) | Kind::Map(..) | Kind::Chan(..) | Kind::Func { .. } | Kind::Slice(_) => {
                PTR
            }
            Kind::Interface(_) => 2 * PTR,
            Kind::Array(len, e) => {
                let x = self.ptrdata(*e);
                if *len == 0 || x == 0 {
                    0
                } else {
                    self.nodes[*e].size * (len - 1) + x
                }
            }
            Kind::Struct(fields) => fields
                .iter()
                .rev()
                .find_map(|f| {
                    let x = self.ptrdata(f.typ);
                    (x > 0).then_some(f.offset + x)
                })
                .unwrap_or(0),
            Kind::Named(_) => unreachable!(),
        }
    }

    /// Sets the bits of the pointer words of a value of type `n` at byte
    /// offset `base`.
    fn fill_mask(&self, n: N, base: u64, bits: &mut [u8]) {
        let mut set = |off: u64| {
            let w = (off / PTR) as usize;
            if w / 8 < bits.len() {
                bits[w / 8] |= 1 << (w % 8);
            }
        };
        match self.shape(n) {
            Kind::Basic(BasicKind::String) | Kind::Basic(BasicKind::UnsafePointer) => set(base),
            Kind::Basic(_) => {}
            Kind::Ptr(_) | Kind::Map(..) | Kind::Chan(..) | Kind::Func { .. } | Kind::Slice(_) => {
                set(base)
            }
            // The type or itab word points at static data: only the
            // data word is scanned (gc's typebits).
            Kind::Interface(_) => set(base + PTR),
            Kind::Array(len, e) => {
                if self.ptrdata(*e) > 0 {
                    let es = self.nodes[*e].size;
                    for i in 0..*len {
                        self.fill_mask(*e, base + i * es, bits);
                    }
                }
            }
            Kind::Struct(fields) => {
                for f in fields {
                    self.fill_mask(f.typ, base + f.offset, bits);
                }
            }
            Kind::Named(_) => unreachable!(),
        }
    }

    /// gc's `IsDirectIface`: values stored directly in interface data
    /// words.
    pub(crate) fn direct_iface(&self, n: N) -> bool {
        self.nodes[n].size == PTR && self.ptrdata(n) == PTR
    }

    fn abi_kind(&self, n: N) -> u8 {
        use BasicKind::*;
        match self.shape(n) {
            Kind::Basic(b) => match b {
                Bool => 1,
                Int => 2,
                Int8 => 3,
                Int16 => 4,
                Int32 => 5,
                Int64 => 6,
                Uint => 7,
                Uint8 => 8,
                Uint16 => 9,
                Uint32 => 10,
                Uint64 => 11,
                Uintptr => 12,
                Float32 => 13,
                Float64 => 14,
                Complex64 => 15,
                Complex128 => 16,
                String => 24,
                UnsafePointer => 26,
                _ => 0,
            },
            Kind::Array(..) => 17,
            Kind::Chan(..) => 18,
            Kind::Func { .. } => 19,
            Kind::Interface(_) => 20,
            Kind::Map(..) => 21,
            Kind::Ptr(_) => 22,
            Kind::Slice(_) => 23,
            Kind::Struct(_) => 25,
            Kind::Named(_) => unreachable!(),
        }
    }

    /// The package gc records in a type's `UncommonType.PkgPath`
    /// (`typePkg`).
    fn type_pkg(&self, s: &impl Subst, n: N) -> Option<PkgIdx> {
        let named_pkg = |n: N| match self.nodes[n].kind {
            Kind::Named(t) => match s.ty(t) {
                Type::Named(nn) => s.obj(nn.obj).pkg,
                _ => None,
            },
            _ => None,
        };
        let sym_pkg = |n: N| match self.nodes[n].kind {
            Kind::Basic(BasicKind::UnsafePointer) => Some(universe::UNSAFE),
            _ => named_pkg(n),
        };
        match self.nodes[n].kind {
            Kind::Array(_, e) | Kind::Slice(e) | Kind::Ptr(e) | Kind::Chan(_, e) => sym_pkg(e),
            _ => sym_pkg(n),
        }
    }

    // ---- writing ----

    fn write_desc(&mut self, s: &impl Subst, n: N, w: &mut Writer) {
        let off = self.nodes[n].off.unwrap();
        let node = self.nodes[n].clone();
        let o = off as usize;
        let ptrdata = self.ptrdata(n);
        let str = self.str_of(s, n);
        let mut tflag = 0u8;
        if node.uncommon {
            tflag |= TFLAG_UNCOMMON;
        }
        if self.has_sym(n) {
            tflag |= TFLAG_NAMED;
        }
        let alg = self.alg(n);
        if alg == alg::Alg::Mem {
            tflag |= TFLAG_REGULAR_MEMORY;
        }
        let (name_str, exported) = if let Some(rest) = str.strip_prefix('*') {
            let _ = rest;
            let e = match self.nodes[n].kind {
                Kind::Ptr(e) => self.sym_exported(s, e),
                _ => false,
            };
            (str.clone(), e)
        } else {
            tflag |= TFLAG_EXTRA_STAR;
            (format!("*{str}"), self.sym_exported(s, n))
        };
        if self.direct_iface(n) {
            tflag |= TFLAG_DIRECT_IFACE;
        }
        w.put_u64(o, node.size);
        w.put_u64(o + 8, ptrdata);
        w.put_u32(o + 16, fnv1(&node.key));
        w.blob[o + 20] = tflag;
        w.blob[o + 21] = node.align as u8;
        w.blob[o + 22] = node.align as u8;
        w.blob[o + 23] = self.abi_kind(n);
        if let Some(eq) = self.equal_closure(n, w) {
            w.relocs.push((off + 24, eq, 0));
        }
        let mut mask = vec![0u8; ptrdata.div_ceil(PTR).div_ceil(8) as usize];
        self.fill_mask(n, 0, &mut mask);
        let moff = w.mask(&mask);
        w.relocs
            .push((off + 32, TYPES_SYM.to_string(), moff as i64));
        let str_off = w.name(&name_str, "", exported, false, None);
        w.put_u32(o + 40, str_off);
        let ptr_key = format!("*{}", node.key);
        let ptr_off = self
            .index
            .get(&ptr_key)
            .and_then(|&p| self.nodes[p].off)
            .unwrap_or(0);
        w.put_u32(o + 44, ptr_off);

        let (base, data) = self.desc_sizes(n);
        let b = off + COMMON;
        let c = off + base + if node.uncommon { UNCOMMON } else { 0 };
        match self.shape(n).clone() {
            Kind::Basic(_) => {}
            Kind::Named(_) => unreachable!(),
            Kind::Ptr(e) | Kind::Slice(e) => self.ptr_field(w, b, e),
            Kind::Array(len, e) => {
                self.ptr_field(w, b, e);
                let sl = self.index[&format!("[]{}", self.nodes[e].key)];
                self.ptr_field(w, b + 8, sl);
                w.put_u64(b as usize + 16, len);
            }
            Kind::Chan(d, e) => {
                self.ptr_field(w, b, e);
                let dir = match d {
                    ChanDir::Recv => 1,
                    ChanDir::Send => 2,
                    ChanDir::Both => 3,
                };
                w.put_u64(b as usize + 8, dir);
            }
            Kind::Func {
                params,
                results,
                variadic,
            } => {
                w.put_u16(b as usize, params.len() as u16);
                let out = results.len() as u16 | if variadic { 1 << 15 } else { 0 };
                w.put_u16(b as usize + 2, out);
                for (i, &t) in params.iter().chain(&results).enumerate() {
                    self.ptr_field(w, c + 8 * i as u32, t);
                }
            }
            Kind::Interface(ms) => {
                let tpkg = match node.kind {
                    Kind::Named(t) if t != universe::ERROR => self.type_pkg(s, n),
                    _ => None,
                };
                if let Some(p) = tpkg {
                    let path = w.name(&pkg_path(s, p), "", false, false, None);
                    w.relocs.push((b, TYPES_SYM.to_string(), path as i64));
                }
                w.relocs.push((b + 8, TYPES_SYM.to_string(), c as i64));
                w.put_u64(b as usize + 16, ms.len() as u64);
                w.put_u64(b as usize + 24, ms.len() as u64);
                for (i, m) in ms.iter().enumerate() {
                    let exported = is_exported(&m.name);
                    let pkg = if !exported && m.pkg != tpkg {
                        m.pkg
                    } else {
                        None
                    };
                    let pkg_off = pkg.map(|p| w.name(&pkg_path(s, p), "", false, false, None));
                    let name = w.name(&m.name, "", exported, false, pkg_off);
                    let e = (c + IMETHOD * i as u32) as usize;
                    w.put_u32(e, name);
                    let t = self.nodes[m.typ].off.expect("imethod type assigned");
                    w.put_u32(e + 4, t);
                }
            }
            Kind::Struct(fields) => {
                if let Some(p) = fields
                    .iter()
                    .find(|f| !is_exported(&f.name))
                    .and_then(|f| f.pkg)
                {
                    let path = w.name(&pkg_path(s, p), "", false, false, None);
                    w.relocs.push((b, TYPES_SYM.to_string(), path as i64));
                }
                w.relocs.push((b + 8, TYPES_SYM.to_string(), c as i64));
                w.put_u64(b as usize + 16, fields.len() as u64);
                w.put_u64(b as usize + 24, fields.len() as u64);
                for (i, f) in fields.iter().enumerate() {
                    let e = c + STRUCT_FIELD * i as u32;
                    let name = w.name(&f.name, &f.tag, is_exported(&f.name), f.embedded, None);
                    w.relocs.push((e, TYPES_SYM.to_string(), name as i64));
                    self.ptr_field(w, e + 8, f.typ);
                    w.put_u64(e as usize + 16, f.offset);
                }
            }
            Kind::Map(k, v) => {
                let g = self.group_type(n);
                self.ptr_field(w, b, k);
                self.ptr_field(w, b + 8, v);
                self.ptr_field(w, b + 16, g);
                let hasher = self.hash_closure(k, w);
                w.relocs.push((b + 24, hasher, 0));
                let Kind::Struct(gf) = self.nodes[g].kind.clone() else {
                    unreachable!()
                };
                let slots = gf[1].offset;
                let Kind::Array(_, slot) = self.nodes[gf[1].typ].kind else {
                    unreachable!()
                };
                let slot_size = self.nodes[slot].size;
                let Kind::Struct(sf) = &self.nodes[slot].kind else {
                    unreachable!()
                };
                let elem_off = sf[1].offset;
                let bu = b as usize;
                w.put_u64(bu + 32, self.nodes[g].size);
                w.put_u64(bu + 40, slots);
                w.put_u64(bu + 48, slot_size);
                w.put_u64(bu + 56, slots + elem_off);
                w.put_u64(bu + 64, slot_size);
                w.put_u64(bu + 72, elem_off);
                let mut flags = 0;
                if self.need_key_update(k) {
                    flags |= MAP_NEED_KEY_UPDATE;
                }
                if self.hash_might_panic(k) {
                    flags |= MAP_HASH_MIGHT_PANIC;
                }
                if self.nodes[k].size > MAP_MAX_KEY_BYTES {
                    flags |= MAP_INDIRECT_KEY;
                }
                if self.nodes[v].size > MAP_MAX_ELEM_BYTES {
                    flags |= MAP_INDIRECT_ELEM;
                }
                w.put_u32(bu + 80, flags);
            }
        }
        if node.uncommon {
            let u = (off + base) as usize;
            if let Some(p) = self.type_pkg(s, n) {
                let path = w.name(&pkg_path(s, p), "", false, false, None);
                w.put_u32(u, path);
            }
            let ms = &node.methods;
            w.put_u16(u + 4, ms.len() as u16);
            let xcount = ms.iter().filter(|m| is_exported(&m.name)).count();
            w.put_u16(u + 6, xcount as u16);
            w.put_u32(u + 8, UNCOMMON + data);
            let tpkg = self.type_pkg(s, n);
            for (i, m) in ms.iter().enumerate() {
                let e = (c + data + METHOD * i as u32) as usize;
                let exported = is_exported(&m.name);
                let pkg = if !exported && m.pkg != tpkg {
                    m.pkg
                } else {
                    None
                };
                let pkg_off = pkg.map(|p| w.name(&pkg_path(s, p), "", false, false, None));
                let name = w.name(&m.name, "", exported, false, pkg_off);
                w.put_u32(e, name);
                w.put_u32(e + 4, self.nodes[m.mtyp].off.expect("method type assigned"));
                let ifn = w.text(&m.ifn);
                let tfn = w.text(&m.tfn);
                w.put_u32(e + 8, ifn);
                w.put_u32(e + 12, tfn);
            }
        }
        let _ = data;
    }

    /// A pointer to `t`'s descriptor at `at`.
    fn ptr_field(&self, w: &mut Writer, at: u32, t: N) {
        let off = self.nodes[t].off.expect("descriptor assigned");
        w.relocs.push((at, TYPES_SYM.to_string(), off as i64));
    }

    /// Whether gc marks `n`'s string name exported (for a defined type:
    /// its name is).
    fn sym_exported(&self, s: &impl Subst, n: N) -> bool {
        match self.nodes[n].kind {
            Kind::Named(t) => match s.ty(t) {
                Type::Named(nn) => is_exported(s.obj(nn.obj).name.as_str()),
                _ => false,
            },
            _ => false,
        }
    }

    fn write_itab(&mut self, s: &impl Subst, it: &ItabReq, w: &mut Writer) -> Data {
        let Kind::Interface(ims) = self.shape(it.iface).clone() else {
            panic!("itab of a non-interface type");
        };
        let ms = self.nodes[it.typ].methods.clone();
        let mut funs = Vec::new();
        for im in &ims {
            match ms.iter().find(|m| m.name == im.name && m.pkg == im.pkg) {
                Some(m) => funs.push(Some(m.ifn.clone())),
                None => {
                    funs.clear();
                    funs.push(None);
                    break;
                }
            }
        }
        let _ = s;
        let size = 24 + 8 * funs.len().max(1) as u32;
        let mut bytes = vec![0u8; size as usize];
        let hash = fnv1(&self.nodes[it.typ].key);
        bytes[16..20].copy_from_slice(&hash.to_le_bytes());
        let mut relocs = vec![
            (
                0,
                TYPES_SYM.to_string(),
                self.nodes[it.iface].off.unwrap() as i64,
            ),
            (
                8,
                TYPES_SYM.to_string(),
                self.nodes[it.typ].off.unwrap() as i64,
            ),
        ];
        for (i, f) in funs.iter().enumerate() {
            if let Some(f) = f {
                relocs.push((24 + 8 * i as u32, f.clone(), 0));
            }
        }
        let _ = w;
        Data {
            name: it.sym.clone(),
            size,
            align: 8,
            init: Some(bytes),
            relocs,
            readonly: true,
        }
    }

    fn need_key_update(&self, n: N) -> bool {
        match self.shape(n) {
            Kind::Basic(b) => matches!(
                b,
                BasicKind::Float32
                    | BasicKind::Float64
                    | BasicKind::Complex64
                    | BasicKind::Complex128
                    | BasicKind::String
            ),
            Kind::Interface(_) => true,
            Kind::Array(_, e) => self.need_key_update(*e),
            Kind::Struct(fs) => fs.iter().any(|f| self.need_key_update(f.typ)),
            _ => false,
        }
    }

    fn hash_might_panic(&self, n: N) -> bool {
        match self.shape(n) {
            Kind::Interface(_) => true,
            Kind::Array(_, e) => self.hash_might_panic(*e),
            Kind::Struct(fs) => fs.iter().any(|f| self.hash_might_panic(f.typ)),
            _ => false,
        }
    }
}

/// Accumulates `go.types` and what goes with it while writing.
pub(crate) struct Writer {
    pub blob: Vec<u8>,
    pub relocs: Vec<(u32, String, i64)>,
    names: HashMap<Vec<u8>, u32>,
    masks: HashMap<Vec<u8>, u32>,
    text: Vec<String>,
    text_index: HashMap<String, u32>,
    /// Closure objects (equality and hash) by symbol.
    pub closures: BTreeMap<String, Data>,
    /// Generated functions by link name.
    pub funcs: BTreeMap<String, Func>,
}

impl Writer {
    fn put_u16(&mut self, at: usize, v: u16) {
        self.blob[at..at + 2].copy_from_slice(&v.to_le_bytes());
    }
    fn put_u32(&mut self, at: usize, v: u32) {
        self.blob[at..at + 4].copy_from_slice(&v.to_le_bytes());
    }
    fn put_u64(&mut self, at: usize, v: u64) {
        self.blob[at..at + 8].copy_from_slice(&v.to_le_bytes());
    }

    /// The offset of an `abi.Name` record (appended once per distinct
    /// encoding).
    fn name(
        &mut self,
        name: &str,
        tag: &str,
        exported: bool,
        embedded: bool,
        pkg: Option<u32>,
    ) -> u32 {
        let bytes = encode_name(name, tag, exported, embedded, pkg);
        if let Some(&o) = self.names.get(&bytes) {
            return o;
        }
        let o = self.blob.len() as u32;
        self.blob.extend_from_slice(&bytes);
        self.names.insert(bytes, o);
        o
    }

    /// The offset of a pointer mask (appended once per distinct mask).
    fn mask(&mut self, bits: &[u8]) -> u32 {
        if let Some(&o) = self.masks.get(bits) {
            return o;
        }
        let o = self.blob.len() as u32;
        self.blob.extend_from_slice(bits);
        if bits.is_empty() {
            self.blob.push(0);
        }
        self.masks.insert(bits.to_vec(), o);
        o
    }

    /// The `TextOff` of function `f`: its index in `go.textptrs`.
    pub fn text(&mut self, f: &str) -> u32 {
        if let Some(&i) = self.text_index.get(f) {
            return i;
        }
        let i = self.text.len() as u32;
        self.text.push(f.to_string());
        self.text_index.insert(f.to_string(), i);
        i
    }
}

/// gc's `abi.Name` encoding: flags (1 exported, 2 has tag, 4 has
/// package path, 8 embedded), varint length, bytes, optional varint tag
/// length and tag, optional 4-byte `NameOff` of the package path.
pub(crate) fn encode_name(
    name: &str,
    tag: &str,
    exported: bool,
    embedded: bool,
    pkg: Option<u32>,
) -> Vec<u8> {
    let mut b = vec![0u8];
    if exported {
        b[0] |= 1;
    }
    if !tag.is_empty() {
        b[0] |= 2;
    }
    if pkg.is_some() {
        b[0] |= 4;
    }
    if embedded {
        b[0] |= 8;
    }
    varint(&mut b, name.len());
    b.extend_from_slice(name.as_bytes());
    if !tag.is_empty() {
        varint(&mut b, tag.len());
        b.extend_from_slice(tag.as_bytes());
    }
    if let Some(p) = pkg {
        b.extend_from_slice(&p.to_le_bytes());
    }
    b
}

fn varint(b: &mut Vec<u8>, mut n: usize) {
    loop {
        let x = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            b.push(x);
            return;
        }
        b.push(x | 0x80);
    }
}

/// 32-bit FNV-1.
pub(crate) fn fnv1(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in s.as_bytes() {
        h = h.wrapping_mul(0x0100_0193);
        h ^= b as u32;
    }
    h
}

pub(crate) fn round_up(x: u64, a: u64) -> u64 {
    let a = a.max(1);
    x.div_ceil(a) * a
}

/// gc's `types.IsExported`.
pub(crate) fn is_exported(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_uppercase())
}

/// The import path recorded for a package (`main` for the main package).
pub(crate) fn pkg_path(s: &impl Subst, p: PkgIdx) -> String {
    crate::names::pkg_prefix(s, p)
}

/// gc's order of methods (`types.CompareSyms`): exported names first,
/// then by name, then unexported names by package path.
pub(crate) fn method_order(
    s: &impl Subst,
    a: &str,
    ap: Option<PkgIdx>,
    b: &str,
    bp: Option<PkgIdx>,
) -> std::cmp::Ordering {
    let (ea, eb) = (is_exported(a), is_exported(b));
    eb.cmp(&ea).then_with(|| a.cmp(b)).then_with(|| {
        if ea {
            std::cmp::Ordering::Equal
        } else {
            let pa = ap.map(|p| pkg_path(s, p)).unwrap_or_default();
            let pb = bp.map(|p| pkg_path(s, p)).unwrap_or_default();
            pa.cmp(&pb)
        }
    })
}

trait CanonicalName {
    fn name_canonical(self) -> &'static str;
}

impl CanonicalName for BasicKind {
    /// The kind's name as type strings spell it (types2's, but
    /// `unsafe.Pointer` qualified; untyped kinds never get here).
    fn name_canonical(self) -> &'static str {
        use BasicKind::*;
        match self {
            UnsafePointer => "unsafe.Pointer",
            Invalid | UntypedBool | UntypedInt | UntypedRune | UntypedFloat | UntypedComplex
            | UntypedString | UntypedNil => "invalid",
            k => k.name(),
        }
    }
}

/// The index of method `m` in the method table of interface type
/// `iface` (itab `Fun` order: gc's, sorted by name).
pub fn imethod_index(s: &impl Subst, iface: TypeId, m: ObjId) -> usize {
    let mo = s.obj(m);
    let key = |o: &types::object::Object| {
        let name = o.name.to_string();
        let pkg = if is_exported(&name) { None } else { o.pkg };
        (name, pkg)
    };
    let (name, pkg) = key(mo);
    let mut ms: Vec<(String, Option<PkgIdx>)> = interface_methods(s, iface)
        .into_iter()
        .map(|x| key(s.obj(x)))
        .collect();
    ms.sort_by(|a, b| method_order(s, &a.0, a.1, &b.0, b.1));
    ms.iter()
        .position(|(n, p)| *n == name && *p == pkg)
        .unwrap_or_else(|| panic!("method {name} not in the interface"))
}

/// The methods declared for a defined type (re-exported for `wrap`).
pub(crate) fn declared_methods(s: &impl Subst, t: TypeId) -> Vec<ObjId> {
    named_methods(s, t)
}

/// `underlying` (re-exported for the submodules).
pub(crate) fn under_type(s: &impl Subst, t: TypeId) -> TypeId {
    underlying(s, t)
}
