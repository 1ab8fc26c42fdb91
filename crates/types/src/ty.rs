//! The kinds of Go types, as types2 distinguishes them: basic, composite,
//! signatures and tuples, interfaces and unions, named types, aliases and
//! type parameters.

use syntax::ast::Symbol;

use crate::arena::{ObjId, TypeId};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum BasicKind {
    Invalid,
    Bool,
    Int,
    Int8,
    Int16,
    Int32,
    Int64,
    Uint,
    Uint8,
    Uint16,
    Uint32,
    Uint64,
    Uintptr,
    Float32,
    Float64,
    Complex64,
    Complex128,
    String,
    UnsafePointer,
    UntypedBool,
    UntypedInt,
    UntypedRune,
    UntypedFloat,
    UntypedComplex,
    UntypedString,
    UntypedNil,
}

impl BasicKind {
    /// Every kind, in declaration order (the universe lays out its basic
    /// types in this order, so `TypeId::index == kind as u32`).
    pub const ALL: [BasicKind; 26] = [
        BasicKind::Invalid,
        BasicKind::Bool,
        BasicKind::Int,
        BasicKind::Int8,
        BasicKind::Int16,
        BasicKind::Int32,
        BasicKind::Int64,
        BasicKind::Uint,
        BasicKind::Uint8,
        BasicKind::Uint16,
        BasicKind::Uint32,
        BasicKind::Uint64,
        BasicKind::Uintptr,
        BasicKind::Float32,
        BasicKind::Float64,
        BasicKind::Complex64,
        BasicKind::Complex128,
        BasicKind::String,
        BasicKind::UnsafePointer,
        BasicKind::UntypedBool,
        BasicKind::UntypedInt,
        BasicKind::UntypedRune,
        BasicKind::UntypedFloat,
        BasicKind::UntypedComplex,
        BasicKind::UntypedString,
        BasicKind::UntypedNil,
    ];

    /// The name types2 prints for the kind.
    pub fn name(self) -> &'static str {
        use BasicKind::*;
        match self {
            Invalid => "invalid type",
            Bool => "bool",
            Int => "int",
            Int8 => "int8",
            Int16 => "int16",
            Int32 => "int32",
            Int64 => "int64",
            Uint => "uint",
            Uint8 => "uint8",
            Uint16 => "uint16",
            Uint32 => "uint32",
            Uint64 => "uint64",
            Uintptr => "uintptr",
            Float32 => "float32",
            Float64 => "float64",
            Complex64 => "complex64",
            Complex128 => "complex128",
            String => "string",
            UnsafePointer => "Pointer",
            UntypedBool => "untyped bool",
            UntypedInt => "untyped int",
            UntypedRune => "untyped rune",
            UntypedFloat => "untyped float",
            UntypedComplex => "untyped complex",
            UntypedString => "untyped string",
            UntypedNil => "untyped nil",
        }
    }

    pub fn info(self) -> BasicInfo {
        use BasicKind::*;
        match self {
            Invalid | UnsafePointer => BasicInfo::NONE,
            Bool => BasicInfo::BOOLEAN,
            Int | Int8 | Int16 | Int32 | Int64 => BasicInfo::INTEGER,
            Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr => {
                BasicInfo(BasicInfo::INTEGER.0 | BasicInfo::UNSIGNED.0)
            }
            Float32 | Float64 => BasicInfo::FLOAT,
            Complex64 | Complex128 => BasicInfo::COMPLEX,
            String => BasicInfo::STRING,
            UntypedBool => BasicInfo(BasicInfo::BOOLEAN.0 | BasicInfo::UNTYPED.0),
            UntypedInt | UntypedRune => BasicInfo(BasicInfo::INTEGER.0 | BasicInfo::UNTYPED.0),
            UntypedFloat => BasicInfo(BasicInfo::FLOAT.0 | BasicInfo::UNTYPED.0),
            UntypedComplex => BasicInfo(BasicInfo::COMPLEX.0 | BasicInfo::UNTYPED.0),
            UntypedString => BasicInfo(BasicInfo::STRING.0 | BasicInfo::UNTYPED.0),
            UntypedNil => BasicInfo::UNTYPED,
        }
    }

    /// Size in bytes on linux/amd64 (gc's sizes); `None` for untyped kinds.
    pub fn size(self) -> Option<u64> {
        use BasicKind::*;
        Some(match self {
            Bool | Int8 | Uint8 => 1,
            Int16 | Uint16 => 2,
            Int32 | Uint32 | Float32 => 4,
            Int | Int64 | Uint | Uint64 | Uintptr | Float64 | Complex64 | UnsafePointer => 8,
            Complex128 | String => 16,
            _ => return None,
        })
    }
}

/// Properties of basic kinds (types2's `BasicInfo`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BasicInfo(pub u8);

impl BasicInfo {
    pub const NONE: BasicInfo = BasicInfo(0);
    pub const BOOLEAN: BasicInfo = BasicInfo(1);
    pub const INTEGER: BasicInfo = BasicInfo(2);
    pub const UNSIGNED: BasicInfo = BasicInfo(4);
    pub const FLOAT: BasicInfo = BasicInfo(8);
    pub const COMPLEX: BasicInfo = BasicInfo(16);
    pub const STRING: BasicInfo = BasicInfo(32);
    pub const UNTYPED: BasicInfo = BasicInfo(64);

    pub fn has(self, f: BasicInfo) -> bool {
        self.0 & f.0 != 0
    }

    pub fn is_ordered(self) -> bool {
        self.0 & (Self::INTEGER.0 | Self::FLOAT.0 | Self::STRING.0) != 0
    }

    pub fn is_numeric(self) -> bool {
        self.0 & (Self::INTEGER.0 | Self::FLOAT.0 | Self::COMPLEX.0) != 0
    }

    pub fn is_const_type(self) -> bool {
        self.0
            & (Self::BOOLEAN.0 | Self::INTEGER.0 | Self::FLOAT.0 | Self::COMPLEX.0 | Self::STRING.0)
            != 0
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChanDir {
    Both,
    Send,
    Recv,
}

/// A struct type. Fields are `Var` objects (with `is_field`).
#[derive(Clone, Debug, Default)]
pub struct Struct {
    pub fields: Vec<ObjId>,
    /// Tags, parallel to `fields` (empty when no field has a tag).
    pub tags: Vec<Option<Box<str>>>,
}

impl Struct {
    pub fn tag(&self, i: usize) -> Option<&str> {
        self.tags.get(i).and_then(|t| t.as_deref())
    }
}

/// A function or method signature.
#[derive(Clone, Debug)]
pub struct Signature {
    /// The receiver variable of a method.
    pub recv: Option<ObjId>,
    /// Type parameters of a generic function (`TypeParam` types).
    pub tparams: Vec<TypeId>,
    /// For a method of a generic type: the receiver's type parameters.
    pub recv_tparams: Vec<TypeId>,
    /// A `Tuple`.
    pub params: TypeId,
    /// A `Tuple`.
    pub results: TypeId,
    /// The last parameter is `...T` (its type is recorded as `[]T`).
    pub variadic: bool,
}

/// An interface type as written (methods and embedded elements); its
/// method set and type set are computed by `typeset`.
#[derive(Clone, Debug, Default)]
pub struct Interface {
    /// Explicitly declared methods (`Func` objects).
    pub methods: Vec<ObjId>,
    /// Embedded elements: interfaces, unions, `~T` and other types.
    pub embeddeds: Vec<TypeId>,
    /// An implicit interface around a constraint written as `[T ~int]`.
    pub implicit: bool,
    /// The predeclared `comparable`'s interface: its type set is the
    /// comparable types.
    pub is_comparable: bool,
}

/// A term of a union: `T` or `~T`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Term {
    pub tilde: bool,
    pub typ: TypeId,
}

/// A defined (named) type, or an instance of a generic one.
#[derive(Clone, Debug)]
pub struct Named {
    /// Its `TypeName`.
    pub obj: ObjId,
    /// The underlying type; `None` while the declaration is being resolved.
    pub underlying: Option<TypeId>,
    /// Methods declared with this receiver base type (`Func` objects).
    pub methods: Vec<ObjId>,
    /// Type parameters of a generic type.
    pub tparams: Vec<TypeId>,
    /// For an instance: the generic type and the type arguments.
    pub origin: Option<TypeId>,
    pub targs: Vec<TypeId>,
}

/// An alias declared with `type A = T` (materialized, as gc 1.24+ does).
#[derive(Clone, Debug)]
pub struct Alias {
    pub obj: ObjId,
    /// The aliased type; `None` while being resolved.
    pub actual: Option<TypeId>,
    pub tparams: Vec<TypeId>,
    pub origin: Option<TypeId>,
    pub targs: Vec<TypeId>,
}

#[derive(Clone, Debug)]
pub struct TypeParam {
    /// Its `TypeName`.
    pub obj: ObjId,
    /// Position in its type parameter list.
    pub index: u32,
    /// The constraint (an interface, possibly implicit); `None` while
    /// being resolved.
    pub bound: Option<TypeId>,
}

#[derive(Clone, Debug)]
pub enum Type {
    Basic {
        kind: BasicKind,
        /// The name it prints as (`byte` and `rune` are their own types).
        name: Symbol,
    },
    Pointer(TypeId),
    Slice(TypeId),
    /// Length (`None` when it could not be determined: already reported).
    Array(Option<u64>, TypeId),
    Map(TypeId, TypeId),
    Chan(ChanDir, TypeId),
    Struct(Struct),
    /// Parameters or results: `Var` objects.
    Tuple(Vec<ObjId>),
    Signature(Signature),
    Interface(Interface),
    Union(Vec<Term>),
    Named(Named),
    Alias(Alias),
    TypeParam(TypeParam),
}
