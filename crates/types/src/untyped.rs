//! Untyped values meeting types: default types (`1` is an `int`, `'a'` a
//! `rune`), the larger of two untyped numeric kinds (`1 + 2.0` is an
//! untyped float), and the implicit conversion of an untyped value to a
//! target type with its constant value rounded (types2's Default,
//! maxType and implicitTypeAndValue).

use crate::arena::{Store, TypeId};
use crate::constant::{ReprError, Value};
use crate::operand::Mode;
use crate::predicates::{
    basic_kind, has_nil, is_boolean, is_numeric, is_string, is_type_param, is_untyped, underlying,
};
use crate::ty::{BasicInfo, BasicKind, Type};
use crate::typeset::type_set;
use crate::universe;

/// The type an untyped value gets where a type is needed.
pub fn default_type(s: &impl Store, t: TypeId) -> TypeId {
    match s.ty(t) {
        Type::Basic { kind, .. } => match kind {
            BasicKind::UntypedBool => universe::BOOL,
            BasicKind::UntypedInt => universe::INT,
            BasicKind::UntypedRune => universe::RUNE,
            BasicKind::UntypedFloat => universe::FLOAT64,
            BasicKind::UntypedComplex => universe::COMPLEX128,
            BasicKind::UntypedString => universe::STRING,
            _ => t,
        },
        _ => t,
    }
}

/// The "larger" of two untyped numeric types (int < rune < float <
/// complex), or `None` if they do not combine.
pub fn max_type(s: &impl Store, x: TypeId, y: TypeId) -> Option<TypeId> {
    if x == y {
        return Some(x);
    }
    let numeric = |t: TypeId| match s.ty(t) {
        Type::Basic { kind, .. }
            if kind.info().has(BasicInfo::UNTYPED) && kind.info().is_numeric() =>
        {
            Some(*kind)
        }
        _ => None,
    };
    match (numeric(x), numeric(y)) {
        (Some(a), Some(b)) => Some(if a > b { x } else { y }),
        _ => None,
    }
}

/// Why an untyped value cannot take a type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UntypedError {
    /// The constant does not fit: truncated, overflows, or not convertible.
    Repr(ReprError),
    /// The kinds do not match (an untyped bool for an int, a number for a
    /// non-empty interface, ...).
    Mismatch,
}

/// The type (and, for constants, the value in that type) an untyped
/// operand takes when used where a `target` is expected. Typed operands
/// keep their type. For interface targets the value takes its default
/// type (a dynamic value needs a concrete type).
pub fn implicit_type(
    s: &impl Store,
    mode: Mode,
    typ: TypeId,
    val: Option<&Value>,
    target: TypeId,
) -> Result<(TypeId, Option<Value>), UntypedError> {
    if mode == Mode::Invalid || !is_untyped(s, typ) || target == universe::INVALID {
        return Ok((typ, None));
    }
    if is_untyped(s, target) {
        return max_type(s, typ, target)
            .map(|t| (t, None))
            .ok_or(UntypedError::Mismatch);
    }
    if mode == Mode::NilValue || typ == universe::UNTYPED_NIL {
        return if has_nil(s, target) {
            Ok((target, None))
        } else {
            Err(UntypedError::Mismatch)
        };
    }
    let u = underlying(s, target);
    match s.ty(u) {
        Type::Basic { kind, .. } => {
            if mode == Mode::Constant {
                if let Some(v) = val {
                    let from = basic_kind(s, typ).unwrap_or(BasicKind::Invalid);
                    return match v.representation(from, *kind) {
                        Ok(v) => Ok((target, Some(v))),
                        Err(e) => Err(UntypedError::Repr(e)),
                    };
                }
            }
            // Non-constant untyped values: results of comparisons
            // (untyped bool) and operands of shifts not yet typed.
            let fits = match basic_kind(s, typ) {
                Some(BasicKind::UntypedBool) => is_boolean(s, target),
                Some(
                    BasicKind::UntypedInt
                    | BasicKind::UntypedRune
                    | BasicKind::UntypedFloat
                    | BasicKind::UntypedComplex,
                ) => is_numeric(s, target),
                Some(BasicKind::UntypedString) => is_string(s, target),
                _ => false,
            };
            if fits {
                Ok((target, None))
            } else {
                Err(UntypedError::Mismatch)
            }
        }
        Type::Interface(_) if is_type_param(s, target) => {
            // Every type of the parameter's type set must accept it; the
            // operand keeps its untyped type until instantiation.
            let ts = type_set(s, target);
            let all_ok = ts.terms.0.iter().all(|term| match term {
                crate::termlist::TypeTerm::All => false,
                crate::termlist::TypeTerm::Type { typ: t, .. } => {
                    implicit_type(s, mode, typ, val, *t).is_ok()
                }
            });
            if all_ok {
                Ok((target, None))
            } else {
                Err(UntypedError::Mismatch)
            }
        }
        Type::Interface(_) => {
            // Only an interface without methods can hold an untyped value
            // directly; it holds it with its default type.
            if type_set(s, u).methods.is_empty() {
                Ok((default_type(s, typ), None))
            } else {
                Err(UntypedError::Mismatch)
            }
        }
        _ => Err(UntypedError::Mismatch),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arena::{Arena, Local, World};
    use crate::testutil::{named, P};
    use crate::universe::*;

    #[test]
    fn defaults_and_max() {
        let world = World::new();
        let l = Local {
            world: &world,
            arena: Arena::new(P),
        };
        assert_eq!(default_type(&l, UNTYPED_RUNE), RUNE);
        assert_eq!(default_type(&l, UNTYPED_FLOAT), FLOAT64);
        assert_eq!(default_type(&l, INT), INT);
        assert_eq!(
            max_type(&l, UNTYPED_INT, UNTYPED_FLOAT),
            Some(UNTYPED_FLOAT)
        );
        assert_eq!(max_type(&l, UNTYPED_RUNE, UNTYPED_INT), Some(UNTYPED_RUNE));
        assert_eq!(max_type(&l, UNTYPED_INT, UNTYPED_STRING), None);
    }

    #[test]
    fn implicit_conversions() {
        let world = World::new();
        let mut l = Local {
            world: &world,
            arena: Arena::new(P),
        };
        let my_int = named(&mut l, "MyInt", Some(INT), vec![]);
        let c = |v: i64| Some(Value::from_i64(v));
        let k = Mode::Constant;
        // 300 fits an int and a named int type, not a byte.
        assert_eq!(
            implicit_type(&l, k, UNTYPED_INT, c(300).as_ref(), INT)
                .unwrap()
                .0,
            INT
        );
        assert_eq!(
            implicit_type(&l, k, UNTYPED_INT, c(300).as_ref(), my_int)
                .unwrap()
                .0,
            my_int
        );
        assert_eq!(
            implicit_type(&l, k, UNTYPED_INT, c(300).as_ref(), BYTE),
            Err(UntypedError::Repr(ReprError::Overflows))
        );
        // 1.5 truncates for an int.
        let half = Value::from_literal(syntax::token::LitKind::Float, "1.5");
        assert_eq!(
            implicit_type(&l, k, UNTYPED_FLOAT, Some(&half), INT),
            Err(UntypedError::Repr(ReprError::Truncated))
        );
        // An untyped constant in an empty interface takes its default type.
        assert_eq!(
            implicit_type(&l, k, UNTYPED_RUNE, c(97).as_ref(), ANY)
                .unwrap()
                .0,
            RUNE
        );
        // ... but not in error.
        assert_eq!(
            implicit_type(&l, k, UNTYPED_INT, c(1).as_ref(), ERROR),
            Err(UntypedError::Mismatch)
        );
        // nil fits pointers and interfaces, not ints.
        let ptr = l.arena.add_type(Type::Pointer(INT));
        assert_eq!(
            implicit_type(&l, Mode::NilValue, UNTYPED_NIL, None, ptr)
                .unwrap()
                .0,
            ptr
        );
        assert_eq!(
            implicit_type(&l, Mode::NilValue, UNTYPED_NIL, None, INT),
            Err(UntypedError::Mismatch)
        );
        // A comparison result (untyped bool, not constant) for a bool.
        assert_eq!(
            implicit_type(&l, Mode::Value, UNTYPED_BOOL, None, BOOL)
                .unwrap()
                .0,
            BOOL
        );
        assert_eq!(
            implicit_type(&l, Mode::Value, UNTYPED_BOOL, None, INT),
            Err(UntypedError::Mismatch)
        );
        // Typed operands keep their type.
        assert_eq!(
            implicit_type(&l, Mode::Variable, INT, None, FLOAT64)
                .unwrap()
                .0,
            INT
        );
        // Between untyped kinds, the larger.
        assert_eq!(
            implicit_type(&l, k, UNTYPED_INT, c(1).as_ref(), UNTYPED_FLOAT)
                .unwrap()
                .0,
            UNTYPED_FLOAT
        );
    }
}
