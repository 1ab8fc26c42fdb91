//! Declared entities: what a name denotes. One `Object` per declaration
//! (a `var a, b int` makes two), plus the universe's predeclared ones.

use syntax::ast::Symbol;
use syntax::Pos;

use crate::arena::{PkgIdx, ScopeId, TypeId};
use crate::constant::Value;

/// The predeclared functions (and those of package unsafe).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Builtin {
    Append,
    Cap,
    Clear,
    Close,
    Complex,
    Copy,
    Delete,
    Imag,
    Len,
    Make,
    Max,
    Min,
    New,
    Panic,
    Print,
    Println,
    Real,
    Recover,
    // package unsafe
    Add,
    Alignof,
    Offsetof,
    Sizeof,
    Slice,
    SliceData,
    String,
    StringData,
}

impl Builtin {
    pub const UNIVERSE: [Builtin; 18] = [
        Builtin::Append,
        Builtin::Cap,
        Builtin::Clear,
        Builtin::Close,
        Builtin::Complex,
        Builtin::Copy,
        Builtin::Delete,
        Builtin::Imag,
        Builtin::Len,
        Builtin::Make,
        Builtin::Max,
        Builtin::Min,
        Builtin::New,
        Builtin::Panic,
        Builtin::Print,
        Builtin::Println,
        Builtin::Real,
        Builtin::Recover,
    ];

    pub const UNSAFE: [Builtin; 8] = [
        Builtin::Add,
        Builtin::Alignof,
        Builtin::Offsetof,
        Builtin::Sizeof,
        Builtin::Slice,
        Builtin::SliceData,
        Builtin::String,
        Builtin::StringData,
    ];

    pub fn name(self) -> &'static str {
        use Builtin::*;
        match self {
            Append => "append",
            Cap => "cap",
            Clear => "clear",
            Close => "close",
            Complex => "complex",
            Copy => "copy",
            Delete => "delete",
            Imag => "imag",
            Len => "len",
            Make => "make",
            Max => "max",
            Min => "min",
            New => "new",
            Panic => "panic",
            Print => "print",
            Println => "println",
            Real => "real",
            Recover => "recover",
            Add => "Add",
            Alignof => "Alignof",
            Offsetof => "Offsetof",
            Sizeof => "Sizeof",
            Slice => "Slice",
            SliceData => "SliceData",
            String => "String",
            StringData => "StringData",
        }
    }

    /// Minimum number of arguments, and whether more are allowed.
    pub fn arity(self) -> (usize, bool) {
        use Builtin::*;
        match self {
            Append => (1, true),
            Cap | Clear | Close | Imag | Len | New | Panic | Real => (1, false),
            Complex | Copy | Delete => (2, false),
            Make => (1, true),
            Max | Min => (1, true),
            Print | Println => (0, true),
            Recover => (0, false),
            Add | Slice => (2, false),
            Alignof | Offsetof | Sizeof | SliceData | StringData => (1, false),
            String => (2, false),
        }
    }
}

#[derive(Clone, Debug)]
pub enum ObjKind {
    /// An imported package's name in a file scope. `imported` is `None`
    /// when the import failed (gc then declares the name anyway, for a
    /// stand-in package named after the path's last element).
    PkgName {
        imported: Option<PkgIdx>,
        path: Box<str>,
        used: bool,
    },
    /// A constant and its value (`Unknown` until its declaration has been
    /// checked, or when it is invalid).
    Const(Value),
    TypeName,
    Var {
        /// A struct field (`is_field`) that is embedded.
        embedded: bool,
        is_field: bool,
        /// Parameters and results (including receivers).
        is_param: bool,
        /// Set when the variable is read: unused locals are errors.
        used: bool,
    },
    Func {
        /// The method's receiver base type has pointer receiver.
        ptr_recv: bool,
    },
    Label {
        used: bool,
    },
    Builtin(Builtin),
    Nil,
}

#[derive(Clone, Debug)]
pub struct Object {
    pub name: Symbol,
    pub pos: Pos,
    /// The package it belongs to; `None` for predeclared objects.
    pub pkg: Option<PkgIdx>,
    /// Its type; `None` while not yet determined.
    pub typ: Option<TypeId>,
    /// The scope it is declared in (not set for fields and methods).
    pub parent: Option<ScopeId>,
    pub kind: ObjKind,
}

impl Object {
    pub fn new(
        name: Symbol,
        pos: Pos,
        pkg: Option<PkgIdx>,
        typ: Option<TypeId>,
        kind: ObjKind,
    ) -> Object {
        Object {
            name,
            pos,
            pkg,
            typ,
            parent: None,
            kind,
        }
    }

    pub fn is_exported(&self) -> bool {
        self.name.chars().next().is_some_and(|c| c.is_uppercase())
    }

    /// The word types2 uses for the object in messages ("variable",
    /// "constant", "type", "func", ...).
    pub fn kind_word(&self) -> &'static str {
        match self.kind {
            ObjKind::PkgName { .. } => "package",
            ObjKind::Const(_) => "constant",
            ObjKind::TypeName => "type",
            ObjKind::Var { is_field: true, .. } => "field",
            ObjKind::Var { .. } => "variable",
            ObjKind::Func { .. } => "func",
            ObjKind::Label { .. } => "label",
            ObjKind::Builtin(_) => "builtin",
            ObjKind::Nil => "nil",
        }
    }
}
