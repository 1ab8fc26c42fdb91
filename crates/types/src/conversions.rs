//! Conversions `T(x)` (types2's conversions.go): constant conversions
//! with gc's messages ("cannot convert 300 (untyped int constant) to type
//! int8", "constant 300 overflows int8", truncation), convertibility
//! between non-constant types (numeric, string/byte/rune slices, pointers,
//! unsafe.Pointer, slices to arrays and array pointers, type parameters by
//! their type sets), and the final type of an untyped argument.

use crate::arena::{Store, TypeId};
use crate::check::Checker;
use crate::constant::Value;
use crate::expr::{all_string, at, tparam_type_set, under_is};
use crate::object::ObjKind;
use crate::operand::{Mode, Operand};
use crate::predicates::{
    basic_kind, identical, is_complex, is_const_type, is_float, is_integer, is_interface,
    is_string, is_type_param, is_untyped, unalias, underlying,
};
use crate::termlist::TypeTerm;
use crate::ty::{BasicKind, Type};
use crate::universe;

impl<'a> Checker<'a, '_> {
    /// Converts `x` to type `t` in place (types2's conversion); on
    /// failure reports the error and invalidates `x`.
    pub(crate) fn conversion(&mut self, x: &mut Operand<'a>, t: TypeId) {
        let const_arg = x.mode == Mode::Constant;
        let mut cause = String::new();
        let ok;
        // (A type parameter's constraint may be a basic type: it is still
        // no constant type.)
        let const_type = !is_type_param(&self.store, t) && is_const_type(&self.store, t);
        if const_arg && const_type {
            match self.const_convertible(x, t) {
                Some(v) => {
                    x.val = Some(v);
                    ok = true;
                }
                None => {
                    // types2 leaves an integer target's failed conversion
                    // with the value made an integer (quoted below).
                    if is_integer(&self.store, t) {
                        let iv = x.val.clone().unwrap_or_default().to_int();
                        if iv.kind() == crate::constant::Kind::Int {
                            x.val = Some(iv);
                        }
                    }
                    if is_integer(&self.store, x.typ) && is_integer(&self.store, t) {
                        let v = x.val.clone().unwrap_or_default();
                        let m = format!("constant {v} overflows {}", self.type_str(t));
                        self.errorf(at(x), m);
                        x.mode = Mode::Invalid;
                        return;
                    }
                    ok = false;
                }
            }
        } else if const_arg && is_type_param(&self.store, t) {
            // Convertible to every type of the type set.
            let members = tparam_members(&self.store, t);
            ok = match members {
                None => {
                    cause = format!("{} does not contain specific types", self.type_str(t));
                    false
                }
                Some(us) => us.into_iter().all(|u| {
                    if is_string(&self.store, x.typ) && is_bytes_or_runes(&self.store, u) {
                        return true;
                    }
                    if self.const_convertible(x, u).is_some() {
                        return true;
                    }
                    let (us_, ts) = (self.type_str(u), self.type_str(t));
                    cause = if is_integer(&self.store, x.typ) && is_integer(&self.store, u) {
                        let v = x.val.clone().unwrap_or_default();
                        format!("constant {v} overflows {us_} (in {ts})")
                    } else {
                        format!("cannot convert {} to type {us_} (in {ts})", self.op_str(x))
                    };
                    false
                }),
            };
            x.mode = Mode::Value;
        } else if self.convertible_to(x, t, &mut cause) {
            ok = true;
            x.mode = Mode::Value;
        } else {
            ok = false;
        }

        if !ok {
            let (xs, ts) = (self.op_str(x), self.type_str(t));
            let m = if cause.is_empty() {
                format!("cannot convert {xs} to type {ts}")
            } else {
                format!("cannot convert {xs} to type {ts}: {cause}")
            };
            self.errorf(at(x), m);
            x.mode = Mode::Invalid;
            return;
        }

        // An untyped argument gets its final type: the target, or its
        // default type where the result is not a constant of the target.
        if is_untyped(&self.store, x.typ) {
            let s = &self.store;
            let mut fin = t;
            if x.typ == universe::UNTYPED_NIL {
                // nil stays nil of the target type
            } else if is_interface(s, t) || (const_arg && !const_type) {
                fin = crate::untyped::default_type(s, x.typ);
            } else if x.mode == Mode::Constant && is_integer(s, x.typ) && all_string(s, t) {
                fin = x.typ;
            }
            if let Some(e) = x.expr {
                self.update_expr_type(e, fin, true);
            }
        }
        x.typ = t;
    }

    /// The value of constant `x` converted to the basic type underlying
    /// `t`, if it can be (types2's constConvertibleTo): representable,
    /// or an integer converted to a string.
    fn const_convertible(&self, x: &Operand<'a>, t: TypeId) -> Option<Value> {
        let u = underlying(&self.store, t);
        let Type::Basic { kind, .. } = self.store.ty(u) else {
            return None;
        };
        let v = x.val.clone().unwrap_or_default();
        if let Some(r) = v.representable(*kind) {
            return Some(r);
        }
        if is_integer(&self.store, x.typ) && is_string(&self.store, u) {
            return Some(v.int_to_string());
        }
        None
    }

    /// Whether `T(x)` is valid for a non-constant conversion (types2's
    /// convertibleTo); `cause` may be set to why not.
    pub(crate) fn convertible_to(&self, x: &Operand<'a>, t: TypeId, cause: &mut String) -> bool {
        let s = &self.store;
        let q = self.qualifier();
        match crate::assignable::assignable_to(s, &q, x, t) {
            Ok(()) => return true,
            // (A cause from an enclosing check stays unless there is a
            // new one, as in types2.)
            Err(c) if !c.is_empty() => *cause = c,
            Err(_) => {}
        }
        let orig_t = t;
        let (v, t) = (unalias(s, x.typ), unalias(s, t));
        let (vu, tu) = (underlying(s, v), underlying(s, t));
        let (vp, tp) = (is_type_param(s, v), is_type_param(s, t));

        if identical_ignore_tags(s, vu, tu) && !vp && !tp {
            return true;
        }
        if let (Type::Pointer(vb), Type::Pointer(tb)) = (s.ty(v), s.ty(t)) {
            if identical_ignore_tags(s, underlying(s, *vb), underlying(s, *tb))
                && !is_type_param(s, *vb)
                && !is_type_param(s, *tb)
            {
                return true;
            }
        }
        let int_or_float = |u| is_integer(s, u) || is_float(s, u);
        if int_or_float(vu) && int_or_float(tu) {
            return true;
        }
        if is_complex(s, vu) && is_complex(s, tu) {
            return true;
        }
        if (is_integer(s, vu) || is_bytes_or_runes(s, vu)) && is_string(s, tu) {
            return true;
        }
        if is_string(s, vu) && is_bytes_or_runes(s, tu) {
            return true;
        }
        let is_ptr = |u| matches!(s.ty(u), Type::Pointer(_));
        let is_kind = |u, k| basic_kind(s, u) == Some(k) && matches!(s.ty(u), Type::Basic { .. });
        if (is_ptr(vu) || is_kind(vu, BasicKind::Uintptr)) && is_kind(tu, BasicKind::UnsafePointer)
        {
            return true;
        }
        if is_kind(vu, BasicKind::UnsafePointer) && (is_ptr(tu) || is_kind(tu, BasicKind::Uintptr))
        {
            return true;
        }
        if let Type::Slice(elem) = s.ty(vu) {
            match s.ty(tu) {
                Type::Array(_, a) if identical(s, *elem, *a) => {
                    if self.allow_version(20) {
                        return true;
                    }
                    *cause = "conversion of slice to array requires go1.20 or later".into();
                    return false;
                }
                Type::Pointer(p) => {
                    if let Type::Array(_, a) = s.ty(underlying(s, *p)) {
                        if identical(s, *elem, *a) {
                            if self.allow_version(17) {
                                return true;
                            }
                            *cause =
                                "conversion of slice to array pointer requires go1.17 or later"
                                    .into();
                            return false;
                        }
                    }
                }
                _ => {}
            }
        }
        if !vp && !tp {
            return false;
        }

        // Type parameters: every pair of types of their type sets.
        let fail = |cause: &mut String, msg: String| {
            if cause.is_empty() {
                *cause = msg;
            } else {
                *cause = format!("{msg}\n\t{cause}");
            }
        };
        let with_typ = |typ: TypeId| Operand {
            mode: x.mode,
            expr: x.expr,
            typ,
            val: x.val.clone(),
        };
        if vp {
            let Some(vs) = tparam_terms(s, v) else {
                return false;
            };
            for vt in vs {
                let xv = with_typ(vt);
                if tp {
                    let Some(ts) = tparam_terms(s, t) else {
                        return false;
                    };
                    for tt in ts {
                        if !self.convertible_to(&xv, tt, cause) {
                            let m = format!(
                                "cannot convert {} (in {}) to type {} (in {})",
                                self.type_str(vt),
                                self.type_str(v),
                                self.type_str(tt),
                                self.type_str(t)
                            );
                            fail(cause, m);
                            return false;
                        }
                    }
                } else if !self.convertible_to(&xv, t, cause) {
                    let m = format!(
                        "cannot convert {} (in {}) to type {}",
                        self.type_str(vt),
                        self.type_str(v),
                        self.type_str(orig_t)
                    );
                    fail(cause, m);
                    return false;
                }
            }
            return true;
        }
        let Some(ts) = tparam_terms(s, t) else {
            return false;
        };
        for tt in ts {
            if !self.convertible_to(x, tt, cause) {
                let m = format!(
                    "cannot convert {} to type {} (in {})",
                    self.type_str(x.typ),
                    self.type_str(tt),
                    self.type_str(t)
                );
                fail(cause, m);
                return false;
            }
        }
        true
    }
}

/// The types of the terms of type parameter `t`'s type set, or `None` if
/// it has no specific types.
fn tparam_terms(s: &impl Store, t: TypeId) -> Option<Vec<TypeId>> {
    let ts = tparam_type_set(s, t);
    if ts.terms.is_empty() || ts.terms.is_all() {
        return None;
    }
    Some(
        ts.terms
            .0
            .iter()
            .filter_map(|term| match term {
                TypeTerm::All => None,
                // (Type parameters are never terms; skipping them keeps a
                // malformed constraint from recursing.)
                TypeTerm::Type { typ, .. } if !is_type_param(s, *typ) => Some(*typ),
                TypeTerm::Type { .. } => None,
            })
            .collect(),
    )
}

/// The underlying types of type parameter `t`'s type set (as
/// `under_is` sees them), or `None` if it has no specific types.
fn tparam_members(s: &impl Store, t: TypeId) -> Option<Vec<TypeId>> {
    let mut out = Vec::new();
    let mut none = false;
    under_is(s, t, |u| {
        match u {
            Some(u) => out.push(u),
            None => none = true,
        }
        true
    });
    (!none).then_some(out)
}

/// Whether `t` is a slice of bytes or runes.
fn is_bytes_or_runes(s: &impl Store, t: TypeId) -> bool {
    match s.ty(underlying(s, t)) {
        Type::Slice(e) => {
            matches!(basic_kind(s, *e), Some(BasicKind::Uint8 | BasicKind::Int32))
                && matches!(s.ty(underlying(s, *e)), Type::Basic { .. })
        }
        _ => false,
    }
}

/// Type identity with struct tags ignored (types2's
/// IdenticalIgnoreTags), at every level of nesting.
fn identical_ignore_tags(s: &impl Store, x: TypeId, y: TypeId) -> bool {
    let (x, y) = (unalias(s, x), unalias(s, y));
    if x == y {
        return true;
    }
    match (s.ty(x), s.ty(y)) {
        (Type::Struct(a), Type::Struct(b)) => {
            a.fields.len() == b.fields.len()
                && a.fields.iter().zip(&b.fields).all(|(&f, &g)| {
                    let (fo, go) = (s.obj(f), s.obj(g));
                    let emb = |k: &ObjKind| matches!(k, ObjKind::Var { embedded: true, .. });
                    fo.name == go.name
                        && emb(&fo.kind) == emb(&go.kind)
                        && (fo.is_exported() || fo.pkg == go.pkg)
                        && match (fo.typ, go.typ) {
                            (Some(a), Some(b)) => identical_ignore_tags(s, a, b),
                            _ => false,
                        }
                })
        }
        (Type::Pointer(a), Type::Pointer(b)) | (Type::Slice(a), Type::Slice(b)) => {
            identical_ignore_tags(s, *a, *b)
        }
        (Type::Array(n, a), Type::Array(m, b)) => {
            n.is_some() && n == m && identical_ignore_tags(s, *a, *b)
        }
        (Type::Map(k1, v1), Type::Map(k2, v2)) => {
            identical_ignore_tags(s, *k1, *k2) && identical_ignore_tags(s, *v1, *v2)
        }
        (Type::Chan(d1, a), Type::Chan(d2, b)) => d1 == d2 && identical_ignore_tags(s, *a, *b),
        (Type::Tuple(a), Type::Tuple(b)) => {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|(&v, &w)| match (s.obj(v).typ, s.obj(w).typ) {
                        (Some(a), Some(b)) => identical_ignore_tags(s, a, b),
                        _ => false,
                    })
        }
        (Type::Signature(a), Type::Signature(b))
            if a.tparams.is_empty() && b.tparams.is_empty() =>
        {
            a.variadic == b.variadic
                && identical_ignore_tags(s, a.params, b.params)
                && identical_ignore_tags(s, a.results, b.results)
        }
        _ => identical(s, x, y),
    }
}

#[cfg(test)]
mod tests {
    /// Conversions between pointers, channels, unsafe.Pointer, strings and
    /// byte/rune slices, numeric types, interfaces, nil, and constants.
    #[test]
    fn conversions_end_to_end() {
        let src = r#"package p

import "unsafe"

type P *int
type Q *int
type F func()
type C chan int
type MyS []byte
type MyR []rune
type Str string

func _(p P, ip *int, f func(), c chan int, rc <-chan int, u uintptr, up unsafe.Pointer, b []byte, r []rune, s string, i int, fl float64, cx complex128, st Str) {
	_ = Q(p)
	_ = P(ip)
	_ = (*int)(p)
	_ = F(f)
	_ = C(c)
	_ = C(rc)
	_ = (<-chan int)(c)
	_ = uintptr(up)
	_ = unsafe.Pointer(u)
	_ = unsafe.Pointer(p)
	_ = P(up)
	_ = (*float64)(up)
	_ = (*float64)(ip)
	_ = MyS(s)
	_ = MyR(s)
	_ = Str(b)
	_ = Str(r)
	_ = string(st)
	_ = []byte(st)
	_ = Str(i)
	_ = float32(cx)
	_ = complex64(fl)
	_ = int(fl)
	_ = bool(i)
	_ = int(true)
	_ = any(1)
	_ = any(nil)
	_ = error(nil)
	_ = []int(nil)
	_ = map[int]int(nil)
	_ = F(nil)
	_ = int(nil)
	_ = Str("a" + "b")
	_ = Str('a')
	_ = Str(65.0)
	_ = []byte(65)
	_ = float64(1 << 1000)
	_ = int8(-129)
	_ = uint8('a')
	_ = rune("a")
	_ = [2]int([]int{1})
	_ = (*[2]int)(b)
	_ = [0]byte(b)
}
"#;
        let want = [
            "a.go:19:8: cannot convert rc (variable of type <-chan int) to type C",
            "a.go:26:17: cannot convert ip (variable of type *int) to type *float64",
            "a.go:34:14: cannot convert cx (variable of type complex128) to type float32",
            "a.go:35:16: cannot convert fl (variable of type float64) to type complex64",
            "a.go:37:11: cannot convert i (variable of type int) to type bool",
            "a.go:38:10: cannot convert true (untyped bool constant) to type int",
            "a.go:45:10: cannot convert nil to type int",
            "a.go:48:10: cannot convert 65.0 (untyped float constant 65) to type Str",
            "a.go:49:13: cannot convert 65 (untyped int constant) to type []byte",
            "a.go:50:16: constant shift overflow",
            "a.go:51:11: constant -129 overflows int8",
            "a.go:53:11: cannot convert \"a\" (untyped string constant) to type rune",
            "a.go:55:16: cannot convert b (variable of type []byte) to type *[2]int",
        ];
        assert_eq!(crate::testutil::check_source(src), want);
    }
}
