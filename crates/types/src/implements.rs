//! Whether a type has the methods an interface requires, and if not, the
//! reason in gc's words: "(missing method M)", "(method M has pointer
//! receiver)", "(wrong type for method M)" with have/want lines, ...
//! (types2's missingMethod).

use crate::arena::{ObjId, Store, TypeId};
use crate::lookup::{lookup_field_or_method, lookup_fold_case, Lookup};
use crate::object::ObjKind;
use crate::predicates::{unalias, underlying};
use crate::ty::Type;
use crate::typeset::type_set;
use crate::typestring::{func_string, func_string_in, type_string, Qualifier};

/// A method of interface `t` that `v` lacks, and why, as gc words it in
/// "X does not implement Y (reason)". `None` when `v` has them all. With
/// `static_` false, an interface `v` may lack methods (a type assertion
/// from `v` to `t` can still succeed): only signature mismatches count.
pub fn missing_method(
    s: &impl Store,
    q: &impl Qualifier,
    v: TypeId,
    t: TypeId,
    static_: bool,
) -> Option<(ObjId, String)> {
    if unalias(s, v) == crate::universe::INVALID {
        return None; // nothing is known about v: assume it has them
    }
    let methods = type_set(s, t).methods;
    let vu = underlying(s, v);
    for m in methods {
        let mo = s.obj(m);
        let (mpkg, mname) = (mo.pkg, mo.name);
        let cause = if let Type::Interface(_) = s.ty(vu) {
            let vset = type_set(s, v);
            match vset
                .methods
                .iter()
                .copied()
                .find(|&f| s.obj(f).name == mname)
            {
                None if !static_ => None,
                None => Some(format!("(missing method {mname})")),
                Some(f) if !same_sig(s, v, f, m) => Some(wrong_type(s, q, v, f, m)),
                Some(_) => None,
            }
        } else {
            match lookup_field_or_method(s, v, false, mpkg, mname) {
                Lookup::Ambiguous { .. } => Some(format!(
                    "(ambiguous selector {}.{mname})",
                    type_string(s, q, v)
                )),
                Lookup::NeedsPointer { .. } => {
                    Some(format!("(method {mname} has pointer receiver)"))
                }
                Lookup::NotFound => Some(match lookup_fold_case(s, v, mpkg, mname) {
                    Lookup::Found { obj: f, .. }
                        if matches!(s.obj(f).kind, ObjKind::Func { .. }) =>
                    {
                        if s.obj(f).name == mname {
                            format!("(unexported method {mname})")
                        } else {
                            format!(
                                "(missing method {mname})\n\t\thave {}\n\t\twant {}",
                                func_string(s, q, f),
                                func_string(s, q, m)
                            )
                        }
                    }
                    _ => format!("(missing method {mname})"),
                }),
                Lookup::Found { obj: f, .. } => match s.obj(f).kind {
                    ObjKind::Func { .. } if !same_sig(s, v, f, m) => {
                        Some(wrong_type(s, q, v, f, m))
                    }
                    ObjKind::Func { .. } => None,
                    _ => Some(format!(
                        "({}.{mname} is a field, not a method)",
                        type_string(s, q, v)
                    )),
                },
            }
        };
        if let Some(c) = cause {
            // An embedded field of an invalid type may have had the
            // method: no follow-on error.
            if has_invalid_embedded_fields(s, v, &mut Vec::new()) {
                return None;
            }
            return Some((m, c));
        }
    }
    None
}

/// Whether `t` is a struct (or a pointer to one) with an embedded field
/// of invalid type, directly or through embedded structs.
fn has_invalid_embedded_fields(s: &impl Store, t: TypeId, seen: &mut Vec<TypeId>) -> bool {
    let mut u = underlying(s, t);
    if let Type::Pointer(b) = s.ty(u) {
        let bu = underlying(s, *b);
        if matches!(s.ty(bu), Type::Struct(_)) {
            u = bu;
        }
    }
    let Type::Struct(st) = s.ty(u) else {
        return false;
    };
    if seen.contains(&u) {
        return false;
    }
    seen.push(u);
    st.fields.iter().any(|&f| {
        let o = s.obj(f);
        matches!(o.kind, ObjKind::Var { embedded: true, .. })
            && o.typ.is_none_or(|ft| {
                unalias(s, ft) == crate::universe::INVALID
                    || has_invalid_embedded_fields(s, ft, seen)
            })
    })
}

/// Method signatures match when identical ignoring receivers. A method
/// `f` of a generic type found on `v` (an instance of it, a pointer to
/// one, or a type embedding one) is compared with that instance's type
/// arguments for its receiver type parameters.
fn same_sig(s: &impl Store, v: TypeId, f: ObjId, m: ObjId) -> bool {
    crate::subst::method_identical(s, v, f, m)
}

fn wrong_type(s: &impl Store, q: &impl Qualifier, v: TypeId, f: ObjId, m: ObjId) -> String {
    let name = s.obj(m).name;
    let have = func_string_in(s, q, f, &crate::subst::method_recv_map(s, v, f));
    let want = func_string(s, q, m);
    if have == want {
        return format!("(wrong type for method {name})");
    }
    format!("(wrong type for method {name})\n\t\thave {have}\n\t\twant {want}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(l: &mut Local, name: &str, underlying: TypeId, methods: Vec<ObjId>) -> TypeId {
        named_with(l, name, Some(underlying), methods)
    }
    use crate::arena::{Arena, Local, World};
    use crate::testutil::{func, named as named_with, sig, Unqualified, P};
    use crate::ty::{Interface, Struct};
    use crate::universe::{ERROR, INT, STRING};

    #[test]
    fn reasons_are_gcs() {
        let world = World::new();
        let mut l = Local {
            world: &world,
            arena: Arena::new(P),
        };
        let q = Unqualified;
        // type I interface{ M(int) string }
        let want_sig = sig(&mut l, &[INT], &[STRING]);
        let im = func(&mut l, "M", want_sig, false);
        let iface = l.arena.add_type(Type::Interface(Interface {
            methods: vec![im],
            ..Interface::default()
        }));
        let empty_struct = l.arena.add_type(Type::Struct(Struct::default()));
        // type A struct{}; func (A) M(int) string  -> implements
        let a_m = func(&mut l, "M", want_sig, false);
        let a = named(&mut l, "A", empty_struct, vec![a_m]);
        assert_eq!(missing_method(&l, &q, a, iface, true), None);
        // type B struct{}  -> missing method
        let b = named(&mut l, "B", empty_struct, vec![]);
        assert_eq!(
            missing_method(&l, &q, b, iface, true).unwrap().1,
            "(missing method M)"
        );
        // type C struct{}; func (*C) M(int) string  -> pointer receiver
        let c_m = func(&mut l, "M", want_sig, true);
        let c = named(&mut l, "C", empty_struct, vec![c_m]);
        assert_eq!(
            missing_method(&l, &q, c, iface, true).unwrap().1,
            "(method M has pointer receiver)"
        );
        let pc = l.arena.add_type(Type::Pointer(c));
        assert_eq!(missing_method(&l, &q, pc, iface, true), None);
        // type D struct{}; func (D) M(string) error  -> wrong type
        let other = sig(&mut l, &[STRING], &[ERROR]);
        let d_m = func(&mut l, "M", other, false);
        let d = named(&mut l, "D", empty_struct, vec![d_m]);
        assert_eq!(
            missing_method(&l, &q, d, iface, true).unwrap().1,
            "(wrong type for method M)\n\t\thave M(string) error\n\t\twant M(int) string"
        );
        // type E struct{}; func (E) m(int) string  -> have m, want M
        let e_m = func(&mut l, "m", want_sig, false);
        let e = named(&mut l, "E", empty_struct, vec![e_m]);
        assert_eq!(
            missing_method(&l, &q, e, iface, true).unwrap().1,
            "(missing method M)\n\t\thave m(int) string\n\t\twant M(int) string"
        );
        // An interface value lacking M: fine for an assertion, not statically.
        let empty = l.arena.add_type(Type::Interface(Interface::default()));
        assert_eq!(missing_method(&l, &q, empty, iface, false), None);
        assert!(missing_method(&l, &q, empty, iface, true).is_some());
    }

    /// No "does not implement" error for a type that is invalid, a pointer
    /// to one, or a struct with an embedded field of invalid type (that
    /// field may have had the method).
    #[test]
    fn invalid_types_implement_silently() {
        let src = r#"package p

var _ interface{ m() } = W{}

type W struct {
	*bufio.Writer
}

var _ interface{ m() } = &M{}

type M undefined

var _ interface{ m() } = &S{}

type S struct {
	*S
	undefined
}

var _ interface{ m() } = &G[int]{}

type G[P any] struct {
	*G[P]
	undefined
}

type V struct{ S }

var _ interface{ m() } = V{}
var _ interface{ m() } = &T{}

type T struct{ *T }
"#;
        assert_eq!(
            crate::testutil::check_source(src),
            [
                "a.go:6:3: undefined: bufio",
                "a.go:11:8: undefined: undefined",
                "a.go:17:2: undefined: undefined",
                "a.go:24:2: undefined: undefined",
                "a.go:30:26: cannot use &T{} (value of type *T) as interface{m()} value in variable declaration: *T does not implement interface{m()} (missing method m)",
            ]
        );
    }

    /// A method of a generic type promoted through an embedded instance
    /// has that instance's signature (`Elem() string` for `N[string]`),
    /// both for the check and in "have" lines.
    #[test]
    fn promoted_methods_of_generic_instances() {
        let src = r#"package p

type N[T any] struct {
	*N[T]
	t T
}

func (n *N[T]) Elem() T { return n.t }

type I interface{ Elem() string }
type J interface{ Elem() int }

func _() {
	type NS N[string]
	var n2 *NS
	var _ I = n2
	var _ J = n2
}
"#;
        assert_eq!(
            crate::testutil::check_source(src),
            vec!["a.go:17:12: cannot use n2 (variable of type *NS) as J value in variable declaration: *NS does not implement J (wrong type for method Elem)\n\t\thave Elem() string\n\t\twant Elem() int"]
        );
    }
}
