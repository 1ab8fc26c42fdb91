//! Types as gc's messages print them (types2's TypeString): `[]int`,
//! `map[string]*T`, `func(x int) (string, error)`, `struct{a int "tag"}`,
//! `interface{m(); ~int | string}`, `pkg.T[int]`, with package names
//! decided by a qualifier (types of the package being checked print
//! unqualified).

use std::fmt::Write;

use crate::arena::{PkgIdx, Store, TypeId};
use crate::object::ObjKind;
use crate::ty::{ChanDir, Type};
use crate::universe;

/// Decides how a package is named in front of its types: `None` prints
/// types unqualified.
pub trait Qualifier {
    fn qualify(&self, pkg: PkgIdx) -> Option<String>;

    /// Where an object is declared, as messages print it (`file:line:col`);
    /// `None` where no file set is at hand.
    fn declared_at(&self, _pos: syntax::Pos) -> Option<String> {
        None
    }
}

/// Qualifies every package but one by its name, as types2 does when
/// reporting errors in that package.
pub struct RelativeTo<'s, S: Store>(pub &'s S, pub PkgIdx);

impl<S: Store> Qualifier for RelativeTo<'_, S> {
    fn qualify(&self, pkg: PkgIdx) -> Option<String> {
        (pkg != self.1).then(|| self.0.package(pkg).0.to_string())
    }
}

pub fn type_string(s: &impl Store, q: &impl Qualifier, t: TypeId) -> String {
    let mut w = Writer {
        s,
        q,
        out: String::new(),
        depth: 0,
        param_names: true,
        subst: &[],
    };
    w.typ(t);
    w.out
}

/// A function or method as types2's funcString prints it in "have/want"
/// lines: its name and signature without parameter names (`M(int) error`).
pub fn func_string(s: &impl Store, q: &impl Qualifier, f: crate::arena::ObjId) -> String {
    func_string_in(s, q, f, &[])
}

/// `func_string` with type parameters printed as the types `subst` maps
/// them to (a method of a generic type as its instance has it).
pub fn func_string_in(
    s: &impl Store,
    q: &impl Qualifier,
    f: crate::arena::ObjId,
    subst: &[(TypeId, TypeId)],
) -> String {
    let o = s.obj(f);
    let mut w = Writer {
        s,
        q,
        out: o.name.to_string(),
        depth: 0,
        param_names: false,
        subst,
    };
    if let Some(sig) = o.typ {
        w.signature(sig);
    }
    w.out
}

struct Writer<'a, S: Store, Q: Qualifier> {
    s: &'a S,
    q: &'a Q,
    out: String,
    /// Guards against unbounded recursion through malformed types.
    depth: u32,
    /// Print parameter and result names (off in "have/want" lines).
    param_names: bool,
    /// Type parameters printed as other types.
    subst: &'a [(TypeId, TypeId)],
}

impl<S: Store, Q: Qualifier> Writer<'_, S, Q> {
    fn typ(&mut self, t: TypeId) {
        self.depth += 1;
        if self.depth > 100 {
            self.out.push('…');
            self.depth -= 1;
            return;
        }
        self.typ_inner(t);
        self.depth -= 1;
    }

    fn typ_inner(&mut self, t: TypeId) {
        let s = self.s;
        match s.ty(t) {
            Type::Basic { kind, name } => {
                if *kind == crate::ty::BasicKind::UnsafePointer {
                    self.qualified(Some(universe::UNSAFE), "Pointer");
                } else {
                    self.out.push_str(name);
                }
            }
            Type::Pointer(e) => {
                self.out.push('*');
                self.typ(*e);
            }
            Type::Slice(e) => {
                self.out.push_str("[]");
                self.typ(*e);
            }
            Type::Array(n, e) => {
                match n {
                    Some(n) => {
                        let _ = write!(self.out, "[{n}]");
                    }
                    None => self.out.push_str("[unknown]"),
                }
                self.typ(*e);
            }
            Type::Map(k, v) => {
                self.out.push_str("map[");
                self.typ(*k);
                self.out.push(']');
                self.typ(*v);
            }
            Type::Chan(dir, e) => {
                let (prefix, paren) = match dir {
                    ChanDir::Both => ("chan ", matches!(s.ty(*e), Type::Chan(ChanDir::Recv, _))),
                    ChanDir::Send => ("chan<- ", false),
                    ChanDir::Recv => ("<-chan ", false),
                };
                self.out.push_str(prefix);
                if paren {
                    self.out.push('(');
                }
                self.typ(*e);
                if paren {
                    self.out.push(')');
                }
            }
            Type::Struct(st) => {
                self.out.push_str("struct{");
                for (i, &f) in st.fields.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str("; ");
                    }
                    let fo = s.obj(f);
                    if !matches!(fo.kind, ObjKind::Var { embedded: true, .. }) {
                        self.out.push_str(&fo.name);
                        self.out.push(' ');
                    }
                    self.typ(fo.typ.unwrap_or(universe::INVALID));
                    if let Some(tag) = st.tag(i) {
                        self.out.push(' ');
                        self.out
                            .push_str(&crate::constant::format::quote(tag.as_bytes()));
                    }
                }
                self.out.push('}');
            }
            Type::Tuple(vars) => self.tuple(vars, false),
            Type::Signature(_) => {
                self.out.push_str("func");
                self.signature(t);
            }
            Type::Interface(it) => {
                if it.is_comparable {
                    self.out.push_str("comparable");
                    return;
                }
                if it.implicit && it.methods.is_empty() && it.embeddeds.len() == 1 {
                    // [T ~int] prints its constraint as written
                    self.typ(it.embeddeds[0]);
                    return;
                }
                self.out.push_str("interface{");
                let mut first = true;
                for &m in &it.methods {
                    if !first {
                        self.out.push_str("; ");
                    }
                    first = false;
                    let mo = s.obj(m);
                    self.out.push_str(&mo.name);
                    if let Some(sig) = mo.typ {
                        self.signature(sig);
                    }
                }
                for &e in &it.embeddeds {
                    if !first {
                        self.out.push_str("; ");
                    }
                    first = false;
                    self.typ(e);
                }
                self.out.push('}');
            }
            Type::Union(terms) => {
                for (i, term) in terms.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(" | ");
                    }
                    if term.tilde {
                        self.out.push('~');
                    }
                    self.typ(term.typ);
                }
            }
            Type::Named(n) => {
                let o = s.obj(n.obj);
                let name = o.name;
                self.qualified(o.pkg, &name);
                self.type_args(&n.targs.clone());
            }
            Type::Alias(a) => {
                let o = s.obj(a.obj);
                let name = o.name;
                self.qualified(o.pkg, &name);
                self.type_args(&a.targs.clone());
            }
            Type::TypeParam(p) => match self.subst.iter().find(|&&(tp, _)| tp == t) {
                Some(&(_, a)) if a != t => self.typ(a),
                _ => {
                    let o = s.obj(p.obj);
                    let name = o.name;
                    self.out.push_str(&name);
                    // A type parameter named like a predeclared object
                    // (`int`) says where it is declared, so `int` is not
                    // misread.
                    if s.scope(universe::UNIVERSE_SCOPE).lookup(name).is_some() {
                        if let Some(at) = self.q.declared_at(o.pos) {
                            let _ = write!(self.out, " /* with {name} declared at {at} */");
                        }
                    }
                }
            },
        }
    }

    fn qualified(&mut self, pkg: Option<PkgIdx>, name: &str) {
        if let Some(prefix) = pkg.and_then(|p| self.q.qualify(p)) {
            self.out.push_str(&prefix);
            self.out.push('.');
        }
        self.out.push_str(name);
    }

    fn type_args(&mut self, targs: &[TypeId]) {
        if targs.is_empty() {
            return;
        }
        self.out.push('[');
        for (i, &a) in targs.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.typ(a);
        }
        self.out.push(']');
    }

    /// `(a int, b ...string)`: names where present, `...` for a variadic
    /// last parameter (recorded as a slice).
    fn tuple(&mut self, vars: &[crate::arena::ObjId], variadic: bool) {
        let s = self.s;
        self.out.push('(');
        for (i, &v) in vars.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            let vo = s.obj(v);
            if self.param_names && !vo.name.is_empty() {
                self.out.push_str(&vo.name);
                self.out.push(' ');
            }
            let t = vo.typ.unwrap_or(universe::INVALID);
            if variadic && i + 1 == vars.len() {
                match s.ty(t) {
                    Type::Slice(e) => {
                        self.out.push_str("...");
                        self.typ(*e);
                        continue;
                    }
                    // append's special form func([]byte, string...)
                    _ => {
                        self.typ(t);
                        self.out.push_str("...");
                        continue;
                    }
                }
            }
            self.typ(t);
        }
        self.out.push(')');
    }

    /// A signature without the `func` keyword: `(params) results`.
    fn signature(&mut self, t: TypeId) {
        let s = self.s;
        let Type::Signature(sig) = s.ty(t) else {
            self.typ(t);
            return;
        };
        if !sig.tparams.is_empty() {
            self.out.push('[');
            for (i, &tp) in sig.tparams.iter().enumerate() {
                if i > 0 {
                    self.out.push_str(", ");
                }
                self.typ(tp);
                if let Type::TypeParam(p) = s.ty(tp) {
                    if let Some(b) = p.bound {
                        self.out.push(' ');
                        self.typ(b);
                    }
                }
            }
            self.out.push(']');
        }
        let (params, results, variadic) = (sig.params, sig.results, sig.variadic);
        if let Type::Tuple(vars) = s.ty(params) {
            self.tuple(vars, variadic);
        }
        let Type::Tuple(res) = s.ty(results) else {
            return;
        };
        match &res[..] {
            [] => {}
            [r] if s.obj(*r).name.is_empty() => {
                self.out.push(' ');
                self.typ(s.obj(*r).typ.unwrap_or(universe::INVALID));
            }
            rs => {
                self.out.push(' ');
                self.tuple(rs, false);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arena::{Arena, Local, World};
    use crate::object::Object;
    use crate::ty::{Signature, Struct};
    use crate::universe::*;
    use syntax::ast::sym;
    use syntax::Pos;

    struct Unqualified;
    impl Qualifier for Unqualified {
        fn qualify(&self, _: PkgIdx) -> Option<String> {
            None
        }
    }

    fn var(l: &mut Local, name: &str, t: TypeId, field: bool) -> crate::arena::ObjId {
        let kind = ObjKind::Var {
            embedded: false,
            is_field: field,
            is_param: !field,
            used: false,
        };
        l.arena.add_object(Object::new(
            sym(name),
            Pos::NONE,
            Some(PkgIdx(2)),
            Some(t),
            kind,
        ))
    }

    #[test]
    fn prints_like_types2() {
        let world = World::new();
        let mut l = Local {
            world: &world,
            arena: Arena::new(PkgIdx(2)),
        };
        let ts = |l: &Local, t| type_string(l, &Unqualified, t);
        let sl = l.arena.add_type(Type::Slice(BYTE));
        assert_eq!(ts(&l, sl), "[]byte");
        let m = l.arena.add_type(Type::Map(STRING, sl));
        assert_eq!(ts(&l, m), "map[string][]byte");
        let rc = l.arena.add_type(Type::Chan(ChanDir::Recv, INT));
        let c = l.arena.add_type(Type::Chan(ChanDir::Both, rc));
        assert_eq!(ts(&l, c), "chan (<-chan int)");
        assert_eq!(ts(&l, UNSAFE_POINTER), "Pointer");
        assert_eq!(
            type_string(&l, &RelativeTo(&l, PkgIdx(2)), UNSAFE_POINTER),
            "unsafe.Pointer"
        );
        let a = var(&mut l, "a", INT, true);
        let b = var(&mut l, "b", STRING, true);
        let st = l.arena.add_type(Type::Struct(Struct {
            fields: vec![a, b],
            tags: vec![None, Some("json:\"b\"".into())],
        }));
        assert_eq!(ts(&l, st), r#"struct{a int; b string "json:\"b\""}"#);
        let x = var(&mut l, "x", INT, false);
        let rest = var(&mut l, "rest", sl, false);
        let params = l.arena.add_type(Type::Tuple(vec![x, rest]));
        let r = var(&mut l, "", ERROR, false);
        let results = l.arena.add_type(Type::Tuple(vec![r]));
        let sig = l.arena.add_type(Type::Signature(Signature {
            recv: None,
            tparams: vec![],
            recv_tparams: vec![],
            params,
            results,
            variadic: true,
        }));
        assert_eq!(ts(&l, sig), "func(x int, rest ...byte) error");
        assert_eq!(ts(&l, ANY), "any");
        assert_eq!(ts(&l, EMPTY_INTERFACE), "interface{}");
        assert_eq!(ts(&l, ERROR), "error");
    }
}
