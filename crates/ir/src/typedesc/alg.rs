//! Equality and hashing of types (gc's `reflectdata/alg.go`): each
//! comparable type has an equality signature (`M8SI`: 8 bytes of plain
//! memory, a string, a non-empty interface; `F`/`G` floats, `E` empty
//! interface, `K%d` skipped bytes, `[%d...]` repeated elements). Simple
//! signatures use the runtime's closures (`runtime.strequal·f`...), plain
//! memory of other sizes a `{runtime.memequal_varlen, size}` closure, and
//! the rest generated functions `type:.eq.<sig>(ctx, p, q) -> i8` and
//! `type:.hash.<sig>(ctx, p, seed) -> i64` with closure objects
//! `type:.eqfunc.<sig>` / `type:.hashfunc.<sig>`.

use types::ty::BasicKind;

use super::{Kind, TypeDescs, Writer, N};
use crate::func::{BinOp, Block, Callee, CmpOp, Data, Func, InstKind, Term, Ty, Value};

/// gc's `AlgKind`, by priority.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Alg {
    /// Compared and hashed as plain memory.
    Mem,
    /// Comparable, with a special comparison (floats, strings,
    /// interfaces, padding).
    Special,
    /// Not comparable.
    NoEq,
    /// Internal types without equality.
    Internal,
}

impl TypeDescs {
    pub(crate) fn alg(&self, n: N) -> Alg {
        if self.nodes[n].noalg {
            return Alg::Internal;
        }
        match self.shape(n) {
            Kind::Basic(b) => match b {
                BasicKind::Float32
                | BasicKind::Float64
                | BasicKind::Complex64
                | BasicKind::Complex128
                | BasicKind::String => Alg::Special,
                _ => Alg::Mem,
            },
            Kind::Ptr(_) | Kind::Chan(..) => Alg::Mem,
            Kind::Map(..) | Kind::Func { .. } | Kind::Slice(_) => Alg::NoEq,
            Kind::Interface(_) => Alg::Special,
            Kind::Array(len, e) => match self.alg(*e) {
                a @ (Alg::Mem | Alg::NoEq | Alg::Internal) => a,
                a => match len {
                    0 => Alg::Mem,
                    1 => a,
                    _ => Alg::Special,
                },
            },
            Kind::Struct(fields) => {
                if fields.len() == 1 && fields[0].name != "_" {
                    return self.alg(fields[0].typ);
                }
                let size = self.nodes[self.under(n)].size;
                let mut out = Alg::Mem;
                for (i, f) in fields.iter().enumerate() {
                    let a = match self.alg(f.typ) {
                        a @ (Alg::NoEq | Alg::Internal) => a,
                        Alg::Mem => {
                            let end = fields.get(i + 1).map(|g| g.offset).unwrap_or(size);
                            let padded = f.offset + self.nodes[f.typ].size != end;
                            if f.name == "_" || padded {
                                Alg::Special
                            } else {
                                Alg::Mem
                            }
                        }
                        Alg::Special => Alg::Special,
                    };
                    out = out.max(a);
                }
                out
            }
            Kind::Named(_) => unreachable!(),
        }
    }

    /// gc's `eqSignature`.
    pub(crate) fn eq_sig(&self, n: N) -> String {
        let mut e = SigBuilder::default();
        self.build_sig(n, &mut e);
        e.flush(true);
        e.r
    }

    fn build_sig(&self, n: N, e: &mut SigBuilder) {
        use BasicKind::*;
        match self.shape(n) {
            Kind::Basic(b) => match b {
                Float32 => e.item('F'),
                Float64 => e.item('G'),
                Complex64 => {
                    e.item('F');
                    e.item('F')
                }
                Complex128 => {
                    e.item('G');
                    e.item('G')
                }
                String => e.item('S'),
                _ => e.regular(self.nodes[n].size),
            },
            Kind::Ptr(_) | Kind::Chan(..) => e.regular(8),
            Kind::Interface(ms) => e.item(if ms.is_empty() { 'E' } else { 'I' }),
            Kind::Struct(fields) => {
                let mut off = 0;
                for f in fields {
                    if f.name == "_" {
                        continue;
                    }
                    if off < f.offset {
                        e.skip(f.offset - off);
                    }
                    self.build_sig(f.typ, e);
                    off = f.offset + self.nodes[f.typ].size;
                }
                let size = self.nodes[n].size;
                if off < size {
                    e.skip(size - off);
                }
            }
            Kind::Array(len, et) => {
                let (len, et) = (*len, *et);
                if self.alg(n) == Alg::Mem {
                    e.regular(self.nodes[n].size);
                    return;
                }
                let es = self.nodes[et].size;
                match len {
                    0 => {}
                    1 => self.build_sig(et, e),
                    _ => {
                        if es == 0 {
                            return;
                        }
                        let unroll = (32 / es).max(1);
                        let mut n = len;
                        while n % unroll != 0 {
                            self.build_sig(et, e);
                            n -= 1;
                        }
                        if n == 0 {
                            return;
                        }
                        if n == unroll {
                            for _ in 0..n {
                                self.build_sig(et, e);
                            }
                            return;
                        }
                        e.flush(false);
                        e.r.push_str(&format!("[{}", n / unroll));
                        for _ in 0..unroll {
                            self.build_sig(et, e);
                        }
                        e.flush(false);
                        e.r.push(']');
                    }
                }
            }
            Kind::Map(..) | Kind::Func { .. } | Kind::Slice(_) | Kind::Named(_) => {}
        }
    }

    /// The closure object `Equal` points at, or `None` for types without
    /// equality.
    pub(crate) fn equal_closure(&self, n: N, w: &mut Writer) -> Option<String> {
        match self.alg(n) {
            Alg::NoEq | Alg::Internal => None,
            _ => Some(eq_closure(&self.eq_sig(n), w)),
        }
    }

    /// The closure object hashing keys of type `n` (`MapType.Hasher`).
    pub(crate) fn hash_closure(&self, n: N, w: &mut Writer) -> String {
        hash_closure(&self.eq_sig(n), w)
    }
}

#[derive(Default)]
struct SigBuilder {
    r: String,
    reg: u64,
    skip: u64,
}

impl SigBuilder {
    fn flush(&mut self, at_end: bool) {
        if self.reg > 0 {
            self.r.push_str(&format!("M{}", self.reg));
            self.reg = 0;
        }
        if self.skip > 0 {
            if !at_end {
                self.r.push_str(&format!("K{}", self.skip));
            }
            self.skip = 0;
        }
    }
    fn regular(&mut self, n: u64) {
        if self.reg == 0 {
            self.flush(false);
        }
        self.reg += n;
    }
    fn skip(&mut self, n: u64) {
        if self.skip == 0 {
            self.flush(false);
        }
        self.skip += n;
    }
    fn item(&mut self, c: char) {
        self.flush(false);
        self.r.push(c);
    }
}

/// One element of a signature.
#[derive(Clone, Debug, PartialEq)]
enum Item {
    Mem(u64),
    Skip(u64),
    F32,
    F64,
    Str,
    Eface,
    Iface,
    Array(u64, String),
}

fn parse_num(s: &str) -> (u64, &str) {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    (s[..n].parse().unwrap_or(0), &s[n..])
}

fn parse(mut sig: &str) -> Vec<Item> {
    let mut out = Vec::new();
    while let Some(c) = sig.chars().next() {
        sig = &sig[1..];
        match c {
            'M' | 'K' => {
                let (n, rest) = parse_num(sig);
                sig = rest;
                out.push(if c == 'M' {
                    Item::Mem(n)
                } else {
                    Item::Skip(n)
                });
            }
            'F' => out.push(Item::F32),
            'G' => out.push(Item::F64),
            'S' => out.push(Item::Str),
            'E' => out.push(Item::Eface),
            'I' => out.push(Item::Iface),
            '[' => {
                let (n, rest) = parse_num(sig);
                let mut depth = 1;
                let mut end = 0;
                for (i, ch) in rest.char_indices() {
                    match ch {
                        '[' => depth += 1,
                        ']' => {
                            depth -= 1;
                            if depth == 0 {
                                end = i;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                out.push(Item::Array(n, rest[..end].to_string()));
                sig = &rest[end + 1..];
            }
            _ => {}
        }
    }
    out
}

fn sig_size(sig: &str) -> u64 {
    parse(sig)
        .iter()
        .map(|it| match it {
            Item::Mem(n) | Item::Skip(n) => *n,
            Item::F32 => 4,
            Item::F64 => 8,
            Item::Str | Item::Eface | Item::Iface => 16,
            Item::Array(n, e) => n * sig_size(e),
        })
        .sum()
}

/// gc's `sigTrimSkip`: drops a trailing `K%d`.
fn trim_skip(s: &str) -> &str {
    match s.rfind('K') {
        Some(i) if s[i + 1..].bytes().all(|b| b.is_ascii_digit()) => &s[..i],
        _ => s,
    }
}

/// A closure object `{code}` or `{code, size}`.
fn closure(w: &mut Writer, name: &str, code: &str, size: Option<u64>) {
    if w.closures.contains_key(name) {
        return;
    }
    let mut bytes = vec![0u8; 8];
    if let Some(n) = size {
        bytes.extend_from_slice(&n.to_le_bytes());
    }
    w.closures.insert(
        name.to_string(),
        Data {
            name: name.to_string(),
            size: bytes.len() as u32,
            align: 8,
            init: Some(bytes),
            relocs: vec![(0, code.to_string(), 0)],
            readonly: true,
        },
    );
}

fn only_memory(sig: &str) -> Option<u64> {
    let rest = sig.strip_prefix('M')?;
    rest.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| rest.parse().ok())
        .flatten()
}

/// The equality closure for signature `sig`, generating what it needs.
pub(crate) fn eq_closure(sig: &str, w: &mut Writer) -> String {
    let runtime = match sig {
        "M1" => Some("memequal8"),
        "M2" => Some("memequal16"),
        "M4" => Some("memequal32"),
        "M8" => Some("memequal64"),
        "M16" => Some("memequal128"),
        "S" => Some("strequal"),
        "I" => Some("interequal"),
        "E" => Some("nilinterequal"),
        "F" => Some("f32equal"),
        "G" => Some("f64equal"),
        "FF" => Some("c64equal"),
        "GG" => Some("c128equal"),
        _ => None,
    };
    if let Some(r) = runtime {
        return format!("runtime.{r}·f");
    }
    let size = if sig.is_empty() {
        Some(0)
    } else {
        only_memory(sig)
    };
    if let Some(n) = size {
        let name = format!("type:.eqfunc.M{n}");
        closure(w, &name, "runtime.memequal_varlen", Some(n));
        return name;
    }
    let f = gen_eq(sig, w);
    let name = format!("type:.eqfunc.{sig}");
    closure(w, &name, &f, None);
    name
}

/// The hash closure for signature `sig`, generating what it needs.
pub(crate) fn hash_closure(sig: &str, w: &mut Writer) -> String {
    let runtime = match sig {
        "M1" => Some("memhash8"),
        "M2" => Some("memhash16"),
        "M4" => Some("memhash32"),
        "M8" => Some("memhash64"),
        "M16" => Some("memhash128"),
        "S" => Some("strhash"),
        "I" => Some("interhash"),
        "E" => Some("nilinterhash"),
        "F" => Some("f32hash"),
        "G" => Some("f64hash"),
        "FF" => Some("c64hash"),
        "GG" => Some("c128hash"),
        _ => None,
    };
    if let Some(r) = runtime {
        return format!("runtime.{r}·f");
    }
    let size = if sig.is_empty() {
        Some(0)
    } else {
        only_memory(sig)
    };
    if let Some(n) = size {
        let name = format!("type:.hashfunc.M{n}");
        closure(w, &name, "runtime.memhash_varlen", Some(n));
        return name;
    }
    let f = gen_hash(sig, w);
    let name = format!("type:.hashfunc.{sig}");
    closure(w, &name, &f, None);
    name
}

/// A small helper for building straight-line IR.
pub(crate) struct Fb {
    pub f: Func,
    pub cur: Block,
}

impl Fb {
    pub fn new(name: &str, params: &[Ty], results: Vec<Ty>) -> Fb {
        let mut f = Func::new(
            name.to_string(),
            "<autogenerated>".to_string(),
            1,
            params,
            results,
        );
        f.wrapper = true;
        Fb { f, cur: Block(0) }
    }
    pub fn param(&self, i: usize) -> Value {
        self.f.params()[i]
    }
    pub fn ins(&mut self, k: InstKind) -> Vec<Value> {
        self.f.push(self.cur, k, 1)
    }
    pub fn ins1(&mut self, k: InstKind) -> Value {
        self.ins(k)[0]
    }
    pub fn iconst(&mut self, ty: Ty, v: i64) -> Value {
        self.ins1(InstKind::Iconst(ty, v))
    }
    /// `base + off`.
    pub fn addr(&mut self, base: Value, off: u64) -> Value {
        if off == 0 {
            return base;
        }
        let c = self.iconst(Ty::I64, off as i64);
        self.ins1(InstKind::Bin(BinOp::Add, base, c))
    }
    pub fn call(&mut self, name: &str, args: Vec<Value>, results: Vec<Ty>) -> Vec<Value> {
        self.ins(InstKind::Call {
            callee: Callee::Direct(name.to_string()),
            args,
            results,
        })
    }
    /// Continues in a new block when `cond` holds, else goes to `no`.
    pub fn test(&mut self, cond: Value, no: Block) {
        let next = self.f.new_block();
        self.f
            .set_term(self.cur, Term::Branch(cond, next, vec![], no, vec![]));
        self.cur = next;
    }
}

/// `type:.eq.<sig>(ctx, p, q) -> i8`; returns its name.
pub(crate) fn gen_eq(sig: &str, w: &mut Writer) -> String {
    let name = format!("type:.eq.{sig}");
    if w.funcs.contains_key(&name) {
        return name;
    }
    // Reserve the name first: element functions may recurse.
    let mut b = Fb::new(&name, &[Ty::PTR, Ty::PTR, Ty::PTR], vec![Ty::I8]);
    let (p, q) = (b.param(1), b.param(2));
    let neq = b.f.new_block();
    let zero = b.f.push(neq, InstKind::Iconst(Ty::I8, 0), 1)[0];
    b.f.set_term(neq, Term::Return(vec![zero]));
    let mut off = 0u64;
    let mut pending: Vec<u64> = Vec::new();
    let flush = |b: &mut Fb, pending: &mut Vec<u64>| {
        for so in pending.drain(..) {
            let pa = b.ins1(InstKind::Load(Ty::PTR, p, so as i32));
            let qa = b.ins1(InstKind::Load(Ty::PTR, q, so as i32));
            let len = b.ins1(InstKind::Load(Ty::I64, p, so as i32 + 8));
            let r = b.call("runtime.memequal", vec![pa, qa, len], vec![Ty::I8])[0];
            b.test(r, neq);
        }
    };
    for item in parse(sig) {
        match item {
            Item::Mem(n) if n > 64 => {
                let pa = b.addr(p, off);
                let qa = b.addr(q, off);
                let len = b.iconst(Ty::I64, n as i64);
                let r = b.call("runtime.memequal", vec![pa, qa, len], vec![Ty::I8])[0];
                b.test(r, neq);
                off += n;
            }
            Item::Mem(mut n) => {
                while n > 0 {
                    let ty = match n {
                        8.. => Ty::I64,
                        4..=7 => Ty::I32,
                        2..=3 => Ty::I16,
                        _ => Ty::I8,
                    };
                    let x = b.ins1(InstKind::Load(ty, p, off as i32));
                    let y = b.ins1(InstKind::Load(ty, q, off as i32));
                    let c = b.ins1(InstKind::Cmp(CmpOp::Eq, x, y));
                    b.test(c, neq);
                    off += ty.bytes() as u64;
                    n -= ty.bytes() as u64;
                }
            }
            Item::Skip(n) => off += n,
            Item::F32 | Item::F64 => {
                let ty = if item == Item::F32 { Ty::F32 } else { Ty::F64 };
                let x = b.ins1(InstKind::Load(ty, p, off as i32));
                let y = b.ins1(InstKind::Load(ty, q, off as i32));
                let c = b.ins1(InstKind::Cmp(CmpOp::FEq, x, y));
                b.test(c, neq);
                off += ty.bytes() as u64;
            }
            Item::Str => {
                let x = b.ins1(InstKind::Load(Ty::I64, p, off as i32 + 8));
                let y = b.ins1(InstKind::Load(Ty::I64, q, off as i32 + 8));
                let c = b.ins1(InstKind::Cmp(CmpOp::Eq, x, y));
                b.test(c, neq);
                pending.push(off);
                off += 16;
            }
            Item::Eface | Item::Iface => {
                flush(&mut b, &mut pending);
                let tx = b.ins1(InstKind::Load(Ty::PTR, p, off as i32));
                let ty = b.ins1(InstKind::Load(Ty::PTR, q, off as i32));
                let c = b.ins1(InstKind::Cmp(CmpOp::Eq, tx, ty));
                b.test(c, neq);
                // Both nil: equal. Else the runtime compares the data.
                let zero = b.iconst(Ty::PTR, 0);
                let nonnil = b.ins1(InstKind::Cmp(CmpOp::Ne, tx, zero));
                let call = b.f.new_block();
                let join = b.f.new_block();
                b.f.set_term(b.cur, Term::Branch(nonnil, call, vec![], join, vec![]));
                b.cur = call;
                let dx = b.ins1(InstKind::Load(Ty::PTR, p, off as i32 + 8));
                let dy = b.ins1(InstKind::Load(Ty::PTR, q, off as i32 + 8));
                let f = if item == Item::Eface {
                    "runtime.efaceeq"
                } else {
                    "runtime.ifaceeq"
                };
                let r = b.call(f, vec![tx, dx, dy], vec![Ty::I8])[0];
                b.f.set_term(b.cur, Term::Branch(r, join, vec![], neq, vec![]));
                b.cur = join;
                off += 16;
            }
            Item::Array(n, esig) => {
                flush(&mut b, &mut pending);
                let esize = sig_size(&esig);
                let ef = gen_eq(trim_skip(&esig), w);
                let header = b.f.new_block();
                let i = b.f.add_param(header, Ty::I64);
                let start = b.iconst(Ty::I64, off as i64);
                b.f.set_term(b.cur, Term::Jump(header, vec![start]));
                b.cur = header;
                let end = b.iconst(Ty::I64, (off + n * esize) as i64);
                let c = b.ins1(InstKind::Cmp(CmpOp::ULt, i, end));
                let body = b.f.new_block();
                let exit = b.f.new_block();
                b.f.set_term(header, Term::Branch(c, body, vec![], exit, vec![]));
                b.cur = body;
                let pi = b.ins1(InstKind::Bin(BinOp::Add, p, i));
                let qi = b.ins1(InstKind::Bin(BinOp::Add, q, i));
                let ctx = b.iconst(Ty::PTR, 0);
                let r = b.call(&ef, vec![ctx, pi, qi], vec![Ty::I8])[0];
                b.test(r, neq);
                let step = b.iconst(Ty::I64, esize as i64);
                let next = b.ins1(InstKind::Bin(BinOp::Add, i, step));
                b.f.set_term(b.cur, Term::Jump(header, vec![next]));
                b.cur = exit;
                off += n * esize;
            }
        }
    }
    flush(&mut b, &mut pending);
    let one = b.iconst(Ty::I8, 1);
    b.f.set_term(b.cur, Term::Return(vec![one]));
    w.funcs.insert(name.clone(), b.f);
    name
}

/// `type:.hash.<sig>(ctx, p, seed) -> i64`; returns its name.
fn gen_hash(sig: &str, w: &mut Writer) -> String {
    let name = format!("type:.hash.{sig}");
    if w.funcs.contains_key(&name) {
        return name;
    }
    let mut b = Fb::new(&name, &[Ty::PTR, Ty::PTR, Ty::I64], vec![Ty::I64]);
    let p = b.param(1);
    let mut h = b.param(2);
    let mut off = 0u64;
    for item in parse(sig) {
        let simple = match &item {
            Item::F32 => Some(("runtime.f32hash", 4)),
            Item::F64 => Some(("runtime.f64hash", 8)),
            Item::Str => Some(("runtime.strhash", 16)),
            Item::Eface => Some(("runtime.nilinterhash", 16)),
            Item::Iface => Some(("runtime.interhash", 16)),
            Item::Mem(4) => Some(("runtime.memhash32", 4)),
            Item::Mem(8) => Some(("runtime.memhash64", 8)),
            _ => None,
        };
        if let Some((f, size)) = simple {
            let pa = b.addr(p, off);
            h = b.call(f, vec![pa, h], vec![Ty::I64])[0];
            off += size;
            continue;
        }
        match item {
            Item::Mem(n) => {
                let pa = b.addr(p, off);
                let len = b.iconst(Ty::I64, n as i64);
                h = b.call("runtime.memhash", vec![pa, h, len], vec![Ty::I64])[0];
                off += n;
            }
            Item::Skip(n) => off += n,
            Item::Array(n, esig) => {
                let esize = sig_size(&esig);
                let ef = gen_hash(&esig, w);
                let header = b.f.new_block();
                let i = b.f.add_param(header, Ty::I64);
                let hh = b.f.add_param(header, Ty::I64);
                let start = b.iconst(Ty::I64, off as i64);
                b.f.set_term(b.cur, Term::Jump(header, vec![start, h]));
                b.cur = header;
                let end = b.iconst(Ty::I64, (off + n * esize) as i64);
                let c = b.ins1(InstKind::Cmp(CmpOp::ULt, i, end));
                let body = b.f.new_block();
                let exit = b.f.new_block();
                let hx = b.f.add_param(exit, Ty::I64);
                b.f.set_term(header, Term::Branch(c, body, vec![], exit, vec![hh]));
                b.cur = body;
                let pi = b.ins1(InstKind::Bin(BinOp::Add, p, i));
                let ctx = b.iconst(Ty::PTR, 0);
                let h2 = b.call(&ef, vec![ctx, pi, hh], vec![Ty::I64])[0];
                let step = b.iconst(Ty::I64, esize as i64);
                let next = b.ins1(InstKind::Bin(BinOp::Add, i, step));
                b.f.set_term(b.cur, Term::Jump(header, vec![next, h2]));
                b.cur = exit;
                h = hx;
                off += n * esize;
            }
            _ => unreachable!(),
        }
    }
    b.f.set_term(b.cur, Term::Return(vec![h]));
    w.funcs.insert(name.clone(), b.f);
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_size() {
        assert_eq!(
            parse("M8S[2GK4]I"),
            vec![
                Item::Mem(8),
                Item::Str,
                Item::Array(2, "GK4".into()),
                Item::Iface
            ]
        );
        assert_eq!(sig_size("M8S[2GK4]I"), 8 + 16 + 24 + 16);
        assert_eq!(trim_skip("GK4"), "G");
        assert_eq!(trim_skip("K4G"), "K4G");
        assert_eq!(only_memory("M24"), Some(24));
        assert_eq!(only_memory("M24S"), None);
    }
}
