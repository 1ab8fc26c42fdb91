//! Assignability (the spec's rules; types2's assignableTo), interface
//! implementation and constraint satisfaction (types2's implements), and
//! comparability, each with the cause gc appends to its message:
//! `cannot use x (variable of type B) as I value in assignment: B does not
//! implement I (missing method M)`.

use std::collections::HashSet;

use crate::arena::{Store, TypeId};
use crate::implements::missing_method;
use crate::operand::{Mode, Operand};
use crate::predicates::{has_name, identical, is_type_param, is_untyped, unalias, underlying};
use crate::termlist::TypeTerm;
use crate::ty::{BasicKind, ChanDir, Type};
use crate::typeset::type_set;
use crate::typestring::{type_string, Qualifier};
use crate::universe;
use crate::untyped::implicit_type;

/// Whether values of `t` can be compared with `==`. With `dynamic`,
/// interfaces count as comparable (comparison may panic at run time), as
/// the spec allows for ordinary comparisons; without, only types that are
/// strictly comparable (for `comparable` constraints).
pub fn comparable(s: &impl Store, t: TypeId, dynamic: bool) -> bool {
    comparable_impl(s, t, dynamic, &mut HashSet::new())
}

fn comparable_impl(s: &impl Store, t: TypeId, dynamic: bool, seen: &mut HashSet<TypeId>) -> bool {
    let t = unalias(s, t);
    if !seen.insert(t) {
        return true; // cycles are reported elsewhere
    }
    let u = underlying(s, t);
    let ok = match s.ty(u) {
        Type::Basic { kind, .. } => *kind != BasicKind::UntypedNil,
        Type::Pointer(_) | Type::Chan(..) => true,
        Type::Struct(st) => st.fields.iter().all(|&f| {
            s.obj(f)
                .typ
                .is_some_and(|ft| comparable_impl(s, ft, dynamic, seen))
        }),
        Type::Array(_, e) => comparable_impl(s, *e, dynamic, seen),
        Type::Interface(_) => {
            // Types in a type set count when strictly comparable (types2's
            // IsComparable), whatever `dynamic` says.
            let ts = type_set(s, t);
            if (dynamic && !is_type_param(s, t)) || ts.comparable {
                true
            } else if ts.terms.is_all() {
                false
            } else {
                ts.terms.0.iter().all(|term| match term {
                    TypeTerm::All => false,
                    TypeTerm::Type { typ, .. } => comparable_impl(s, *typ, false, seen),
                })
            }
        }
        _ => false,
    };
    seen.remove(&t);
    ok
}

/// What `implements` checks: interface implementation, or constraint
/// satisfaction (where, from go1.20 on, an interface that is comparable
/// only by the spec's rules, such as `any`, satisfies `comparable`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    Implement,
    Satisfy { go1_20: bool },
}

/// Whether `v` implements interface `t` (or satisfies constraint `t`).
/// The error is gc's cause text.
pub fn implements(
    s: &impl Store,
    q: &impl Qualifier,
    v: TypeId,
    t: TypeId,
    rel: Relation,
) -> Result<(), String> {
    let constraint = rel != Relation::Implement;
    let (vu, tu) = (underlying(s, v), underlying(s, t));
    if vu == universe::INVALID || tu == universe::INVALID {
        return Ok(()); // avoid follow-on errors
    }
    if let Type::Pointer(b) = s.ty(vu) {
        if underlying(s, *b) == universe::INVALID {
            return Ok(()); // avoid follow-on errors
        }
    }
    let verb = if constraint { "satisfy" } else { "implement" };
    let (vs, ts_) = (type_string(s, q, v), type_string(s, q, t));
    let Type::Interface(ti) = s.ty(tu) else {
        let detail = match s.ty(tu) {
            Type::Pointer(e) if is_type_param(s, *e) => {
                format!("type {ts_} is pointer to type parameter, not type parameter")
            }
            Type::Pointer(e) if matches!(s.ty(underlying(s, *e)), Type::Interface(_)) => {
                format!("type {ts_} is pointer to interface, not interface")
            }
            _ => format!("{ts_} is not an interface"),
        };
        return Err(format!("{vs} does not {verb} {ts_} ({detail})"));
    };
    let tset = type_set(s, t);
    if tset.methods.is_empty() && tset.terms.is_all() && !tset.comparable {
        return Ok(()); // the empty interface
    }
    let v_is_iface = matches!(s.ty(vu), Type::Interface(_));
    if v_is_iface && type_set(s, v).is_empty() {
        return Ok(());
    }
    if tset.is_empty() {
        return Err(format!("cannot {verb} {ts_} (empty type set)"));
    }
    if let Some((_, cause)) = missing_method(s, q, v, t, true) {
        return Err(format!("{vs} does not {verb} {ts_} {cause}"));
    }
    let check_comparability = || {
        if !tset.comparable || comparable(s, v, false) {
            return Ok(());
        }
        match rel {
            Relation::Satisfy { go1_20 } if comparable(s, v, true) => {
                if go1_20 {
                    Ok(())
                } else {
                    Err(format!(
                        "{vs} to {verb} comparable requires go1.20 or later"
                    ))
                }
            }
            _ => Err(format!("{vs} does not {verb} comparable")),
        }
    };
    if tset.terms.is_all() {
        return check_comparability();
    }
    if v_is_iface {
        if !type_set(s, v).terms.subset_of(s, &tset.terms) {
            return Err(format!("{vs} does not {verb} {ts_}"));
        }
        return check_comparability();
    }
    if !tset.terms.includes(s, v) {
        // A term `T` (T not a defined type) that would admit v as `~T` is
        // suggested as the likely intent.
        let alt = tset.terms.0.iter().find_map(|t| match *t {
            TypeTerm::Type { tilde: false, typ }
                if identical(s, typ, underlying(s, typ)) && identical(s, underlying(s, v), typ) =>
            {
                Some(typ)
            }
            _ => None,
        });
        let detail = if let Some(alt) = alt {
            format!("possibly missing ~ for {} in {ts_}", type_string(s, q, alt))
        } else if ti.embeddeds.iter().any(|&e| mentions(s, e, v)) {
            format!("{ts_} mentions {vs}, but {vs} is not in the type set of {ts_}")
        } else {
            format!("{vs} missing in {}", terms_string(s, q, &tset.terms))
        };
        return Err(format!("{vs} does not {verb} {ts_} ({detail})"));
    }
    check_comparability()
}

/// Whether the interface element `e` (an embedded element, as written)
/// names type `v`: `v` itself, a term of a union, or inside an embedded
/// interface literal (types2's mentions).
fn mentions(s: &impl Store, e: TypeId, v: TypeId) -> bool {
    match s.ty(e) {
        Type::Interface(it) => it.embeddeds.iter().any(|&x| mentions(s, x, v)),
        Type::Union(terms) => terms.iter().any(|t| mentions(s, t.typ, v)),
        _ => identical(s, e, v),
    }
}

fn terms_string(s: &impl Store, q: &impl Qualifier, terms: &crate::termlist::TermList) -> String {
    terms
        .0
        .iter()
        .map(|t| match t {
            TypeTerm::All => "all types".to_string(),
            TypeTerm::Type { tilde, typ } => format!(
                "{}{}",
                if *tilde { "~" } else { "" },
                type_string(s, q, *typ)
            ),
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Whether operand `x` may be assigned to a variable of type `t`; the
/// error is gc's cause (possibly empty: then only "cannot use ..." is
/// said).
pub fn assignable_to(
    s: &impl Store,
    q: &impl Qualifier,
    x: &Operand,
    t: TypeId,
) -> Result<(), String> {
    if !x.is_valid() || t == universe::INVALID || x.typ == universe::INVALID {
        return Ok(()); // avoid spurious errors
    }
    let (v, t) = (unalias(s, x.typ), unalias(s, t));
    if identical(s, v, t) {
        return Ok(());
    }
    let (vu, tu) = (underlying(s, v), underlying(s, t));
    let (vp, tp) = (is_type_param(s, v), is_type_param(s, t));
    if is_untyped(s, vu) || x.mode == Mode::NilValue {
        return implicit_type(s, x.mode, x.typ, x.val.as_ref(), t)
            .map(|_| ())
            .map_err(|_| String::new());
    }
    if identical(s, vu, tu) && (!has_name(s, v) || !has_name(s, t)) && !vp && !tp {
        return Ok(());
    }
    let t_iface = matches!(s.ty(tu), Type::Interface(_));
    let t_iface_ptr = matches!(s.ty(tu), Type::Pointer(e) if matches!(s.ty(underlying(s, *e)), Type::Interface(_)));
    if t_iface && !tp || t_iface_ptr {
        match implements(s, q, v, t, Relation::Implement) {
            Ok(()) => return Ok(()),
            Err(c) if !vp => return Err(c),
            Err(_) => {}
        }
    }
    if matches!(s.ty(vu), Type::Interface(_))
        && !vp
        && implements(s, q, t, v, Relation::Implement).is_ok()
    {
        return Err("need type assertion".into());
    }
    if let (Type::Chan(ChanDir::Both, ve), Type::Chan(_, te)) = (s.ty(vu), s.ty(tu)) {
        if identical(s, *ve, *te) {
            return if !has_name(s, v) || !has_name(s, t) {
                Ok(())
            } else {
                Err(String::new())
            };
        }
    }
    if !vp && !tp {
        return Err(String::new());
    }
    // Type parameters: assignable if assignable for every type in the
    // parameter's type set.
    let each =
        |tp_type: TypeId, f: &mut dyn FnMut(TypeId) -> Result<(), String>| -> Result<(), String> {
            let ts = type_set(s, tp_type);
            if ts.terms.is_all() {
                return Err(String::new());
            }
            for term in &ts.terms.0 {
                if let TypeTerm::Type { typ, .. } = term {
                    f(*typ)?;
                }
            }
            Ok(())
        };
    if !has_name(s, v) && tp {
        return each(t, &mut |tt| {
            assignable_to(s, q, x, tt).map_err(|c| {
                let msg = format!(
                    "cannot assign {} to {} (in {})",
                    type_string(s, q, x.typ),
                    type_string(s, q, tt),
                    type_string(s, q, t)
                );
                if c.is_empty() {
                    msg
                } else {
                    format!("{msg}\n\t{c}")
                }
            })
        });
    }
    if vp && !has_name(s, t) {
        return each(v, &mut |vt| {
            let xv = Operand {
                mode: x.mode,
                expr: x.expr,
                typ: vt,
                val: None,
            };
            assignable_to(s, q, &xv, t).map_err(|c| {
                let msg = format!(
                    "cannot assign {} (in {}) to {}",
                    type_string(s, q, vt),
                    type_string(s, q, v),
                    type_string(s, q, t)
                );
                if c.is_empty() {
                    msg
                } else {
                    format!("{msg}\n\t{c}")
                }
            })
        });
    }
    Err(String::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arena::{Arena, Local, World};
    use crate::constant::Value;
    use crate::testutil::{func, named, sig, Unqualified, P};
    use crate::ty::{Interface, Struct};
    use crate::universe::*;

    fn op<'a>(mode: Mode, typ: TypeId, val: Option<Value>) -> Operand<'a> {
        Operand {
            mode,
            expr: None,
            typ,
            val,
        }
    }

    #[test]
    fn spec_rules_and_causes() {
        let world = World::new();
        let mut l = Local {
            world: &world,
            arena: Arena::new(P),
        };
        let q = Unqualified;
        let empty_struct = l.arena.add_type(Type::Struct(Struct::default()));
        let s1 = sig(&mut l, &[INT], &[STRING]);
        let im = func(&mut l, "M", s1, false);
        let iface = l.arena.add_type(Type::Interface(Interface {
            methods: vec![im],
            ..Interface::default()
        }));
        let i = named(&mut l, "I", Some(iface), vec![]);
        let b = named(&mut l, "B", Some(empty_struct), vec![]);
        let my_int = named(&mut l, "MyInt", Some(INT), vec![]);
        let ints = l.arena.add_type(Type::Slice(INT));
        let my_ints = named(&mut l, "Ints", Some(ints), vec![]);
        let var = |t| op(Mode::Variable, t, None);

        assert_eq!(assignable_to(&l, &q, &var(INT), INT), Ok(()));
        // Named vs named with the same underlying type: not assignable.
        assert!(assignable_to(&l, &q, &var(my_int), INT).is_err());
        // Unnamed []int to named Ints: assignable.
        assert_eq!(assignable_to(&l, &q, &var(ints), my_ints), Ok(()));
        // Interface satisfaction with gc's cause.
        assert_eq!(
            assignable_to(&l, &q, &var(b), i),
            Err("B does not implement I (missing method M)".to_string())
        );
        // Anything to any.
        assert_eq!(assignable_to(&l, &q, &var(b), ANY), Ok(()));
        // From an interface to a concrete type that implements it.
        let m_b = func(&mut l, "M", s1, false);
        let c = named(&mut l, "C", Some(empty_struct), vec![m_b]);
        assert_eq!(
            assignable_to(&l, &q, &var(i), c),
            Err("need type assertion".to_string())
        );
        // Untyped constants.
        assert_eq!(
            assignable_to(
                &l,
                &q,
                &op(Mode::Constant, UNTYPED_INT, Some(Value::from_i64(3))),
                my_int
            ),
            Ok(())
        );
        assert!(assignable_to(
            &l,
            &q,
            &op(Mode::Constant, UNTYPED_INT, Some(Value::from_i64(300))),
            BYTE
        )
        .is_err());
        assert_eq!(
            assignable_to(&l, &q, &op(Mode::NilValue, UNTYPED_NIL, None), ints),
            Ok(())
        );
        assert!(assignable_to(&l, &q, &op(Mode::NilValue, UNTYPED_NIL, None), INT).is_err());
        // Bidirectional channel to a directional one.
        let ch = l.arena.add_type(Type::Chan(ChanDir::Both, INT));
        let send = l.arena.add_type(Type::Chan(ChanDir::Send, INT));
        assert_eq!(assignable_to(&l, &q, &var(ch), send), Ok(()));
        assert!(assignable_to(&l, &q, &var(send), ch).is_err());
    }

    const SATISFY: Relation = Relation::Satisfy { go1_20: true };

    #[test]
    fn comparability() {
        let world = World::new();
        let mut l = Local {
            world: &world,
            arena: Arena::new(P),
        };
        let ints = l.arena.add_type(Type::Slice(INT));
        let arr = l.arena.add_type(Type::Array(Some(2), ints));
        let ptr = l.arena.add_type(Type::Pointer(ints));
        assert!(comparable(&l, INT, false) && comparable(&l, ptr, false));
        assert!(!comparable(&l, ints, true) && !comparable(&l, arr, true));
        assert!(comparable(&l, ANY, true) && !comparable(&l, ANY, false));
        assert!(implements(&l, &Unqualified, INT, COMPARABLE, SATISFY).is_ok());
        assert_eq!(
            implements(&l, &Unqualified, ints, COMPARABLE, SATISFY),
            Err("[]int does not satisfy comparable".to_string())
        );
    }
}
