//! Representability of constants in basic types (types2's
//! `representableConst` and `representation`), for linux/amd64 sizes
//! (`int`, `uint` and `uintptr` are 64 bits).

use super::{Kind, Value};

use crate::ty::BasicInfo;
/// A basic type, as the target (or source) of a constant conversion: the
/// checker's own `BasicKind` (`Invalid` accepts nothing but `Unknown`).
pub use crate::ty::BasicKind as Target;

impl Target {
    pub fn is_integer(self) -> bool {
        self.info().has(BasicInfo::INTEGER)
    }

    pub fn is_float(self) -> bool {
        self.info().has(BasicInfo::FLOAT)
    }

    pub fn is_complex(self) -> bool {
        self.info().has(BasicInfo::COMPLEX)
    }

    pub fn is_numeric(self) -> bool {
        self.info().is_numeric()
    }

    /// Whether the type is an unsigned integer type.
    pub fn is_unsigned(self) -> bool {
        self.info().has(BasicInfo::UNSIGNED)
    }

    /// The size in bits of a sized numeric type (0 for untyped and
    /// non-numeric types): the `prec` for `^x` on unsigned types.
    pub fn bits(self) -> u32 {
        use Target::*;
        match self {
            Int8 | Uint8 => 8,
            Int16 | Uint16 => 16,
            Int32 | Uint32 | Float32 => 32,
            Int | Int64 | Uint | Uint64 | Uintptr | Float64 | Complex64 => 64,
            Complex128 => 128,
            _ => 0,
        }
    }

    /// The inclusive range of an integer type, as `i128` (`None` for
    /// untyped integers, which are unbounded).
    fn int_range(self) -> Option<(i128, i128)> {
        use Target::*;
        Some(match self {
            Int8 => (i8::MIN as i128, i8::MAX as i128),
            Int16 => (i16::MIN as i128, i16::MAX as i128),
            Int32 => (i32::MIN as i128, i32::MAX as i128),
            Int | Int64 => (i64::MIN as i128, i64::MAX as i128),
            Uint8 => (0, u8::MAX as i128),
            Uint16 => (0, u16::MAX as i128),
            Uint32 => (0, u32::MAX as i128),
            Uint | Uint64 | Uintptr => (0, u64::MAX as i128),
            _ => return None,
        })
    }
}

/// Why a constant cannot be represented in a type, and so which error
/// types2 reports (`cannot use 300 (untyped int constant) as byte value
/// in assignment (overflows)`, `1.5 (untyped float constant) truncated to
/// int`, `cannot convert "a" (untyped string constant) to type int`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReprError {
    /// A non-integer numeric operand for an integer type
    /// (`TruncatedFloat`: "truncated").
    Truncated,
    /// A numeric operand out of the type's range (`NumericOverflow`:
    /// "overflows").
    Overflows,
    /// Not a numeric conversion (`InvalidConstVal`: "cannot convert").
    CannotConvert,
}

impl Value {
    /// types2's `representableConst`: if the value can be represented in
    /// type `t`, that representation — an `Int` for integer types, the
    /// value rounded to `float32`/`float64` precision (as a fraction) for
    /// sized float and complex types, else the value itself. `None` if it
    /// cannot: the wrong kind, a non-integral or out-of-range value for an
    /// integer type, or a value that rounds to infinity. `Unknown` is
    /// representable in every type (to avoid follow-up errors).
    pub fn representable(&self, t: Target) -> Option<Value> {
        if let (super::Repr::Int(v), Some((lo, hi))) = (&self.0, t.int_range()) {
            let v = *v as i128;
            return (lo <= v && v <= hi).then(|| self.clone());
        }
        if self.is_unknown() {
            return Some(self.clone());
        }
        if t.is_integer() {
            let x = self.to_int();
            if x.kind() != Kind::Int {
                return None;
            }
            let fits = match t.int_range() {
                None => true,
                Some((lo, hi)) => match x.int64_val() {
                    Some(v) => lo <= v as i128 && v as i128 <= hi,
                    // Beyond int64: only 64-bit unsigned types, up to
                    // 1<<64 - 1.
                    None => hi == u64::MAX as i128 && x.sign() >= 0 && x.bit_len() <= 64,
                },
            };
            return fits.then_some(x);
        }
        if t.is_float() {
            let x = self.to_float();
            if x.kind() != Kind::Float {
                return None;
            }
            return match t {
                Target::Float32 => round_f32(&x),
                Target::Float64 => round_f64(&x),
                _ => Some(self.clone()),
            };
        }
        if t.is_complex() {
            let x = self.to_complex();
            if x.kind() != Kind::Complex {
                return None;
            }
            let (re, im) = match t {
                Target::Complex64 => (round_f32(&x.real())?, round_f32(&x.imag())?),
                Target::Complex128 => (round_f64(&x.real())?, round_f64(&x.imag())?),
                _ => return Some(self.clone()),
            };
            return Some(re.binary(super::BinaryOp::Add, &im.make_imag()));
        }
        let ok = match t {
            Target::String | Target::UntypedString => self.kind() == Kind::String,
            Target::Bool | Target::UntypedBool => self.kind() == Kind::Bool,
            _ => false,
        };
        ok.then(|| self.clone())
    }

    /// types2's `representation`: the value as represented in type `to`
    /// (see [`Value::representable`]), or the error to report given the
    /// type `from` of the constant operand. Note that the error depends
    /// on the operand's type, not its value: `1000.0` (untyped float) is
    /// "truncated" to `int8`, not "overflows".
    pub fn representation(&self, from: Target, to: Target) -> Result<Value, ReprError> {
        self.representable(to).ok_or({
            if from.is_numeric() && to.is_numeric() {
                if !from.is_integer() && to.is_integer() {
                    ReprError::Truncated
                } else {
                    ReprError::Overflows
                }
            } else {
                ReprError::CannotConvert
            }
        })
    }
}

/// The value rounded to `float32`, as a `Float`, or `None` if it rounds
/// to infinity (types2's `roundFloat32`).
fn round_f32(x: &Value) -> Option<Value> {
    let (f, _) = x.float32_val();
    f.is_finite().then(|| Value::from_f64(f as f64))
}

/// The value rounded to `float64`, or `None` if it overflows.
fn round_f64(x: &Value) -> Option<Value> {
    let (f, _) = x.float64_val();
    f.is_finite().then(|| Value::from_f64(f))
}
