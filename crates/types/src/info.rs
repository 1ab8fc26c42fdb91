//! What the checker tells later stages about a package (types2's Info):
//! the type and constant value of every expression, which object each
//! identifier declares or uses, selections with their embedding paths,
//! instantiations of generic functions and types, implicit objects and
//! package-level initialization order.
//!
//! Expressions are keyed by `ExprKey` (file index in the package plus the
//! parser's dense per-file `ExprId`); declaring identifiers, which are not
//! expressions in the AST, by their position (unique in a `FileSet`).

use std::collections::HashMap;

use syntax::ast::ExprId;
use syntax::Pos;

use crate::arena::{ObjId, TypeId};
use crate::constant::Value;
use crate::operand::Mode;

/// An expression of the package: the index of its file in the package's
/// file list and its id in that file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExprKey {
    pub file: u32,
    pub id: ExprId,
}

/// The result of checking one expression.
#[derive(Clone, Debug)]
pub struct TypeAndValue {
    pub mode: Mode,
    pub typ: TypeId,
    /// The value of a constant expression.
    pub val: Option<Value>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelectionKind {
    /// `x.f` selects a field.
    FieldVal,
    /// `x.m` is a method value.
    MethodVal,
    /// `T.m` is a method expression.
    MethodExpr,
}

/// `x.f`: what was selected and how it was reached (types2's Selection).
#[derive(Clone, Debug)]
pub struct Selection {
    pub kind: SelectionKind,
    /// The type of `x` (for method expressions, `T`).
    pub recv: TypeId,
    /// The field or method.
    pub obj: ObjId,
    /// The path of field indices through embedded fields, then the index
    /// of the field or method itself.
    pub index: Vec<u32>,
    /// A pointer was dereferenced on the way (implicitly).
    pub indirect: bool,
}

/// An instantiation of a generic function or type at an identifier.
#[derive(Clone, Debug)]
pub struct Instance {
    pub targs: Vec<TypeId>,
    /// The instantiated signature or named type.
    pub typ: TypeId,
}

/// One package-level initialization in execution order: the variables on
/// the left (several for `var a, b = f()`) and the initializer.
#[derive(Clone, Debug)]
pub struct Initializer {
    pub lhs: Vec<ObjId>,
    /// The initializing expression.
    pub rhs: ExprKey,
}

/// A table with one slot per expression of the package: per file, a
/// vector indexed by `ExprId` (ids are dense per file).
#[derive(Debug)]
pub struct ExprTable<T> {
    files: Vec<Vec<Option<T>>>,
}

impl<T> Default for ExprTable<T> {
    fn default() -> Self {
        ExprTable { files: Vec::new() }
    }
}

impl<T> ExprTable<T> {
    /// A table for files with the given expression counts.
    pub fn new(expr_counts: impl IntoIterator<Item = u32>) -> ExprTable<T> {
        ExprTable {
            files: expr_counts
                .into_iter()
                .map(|n| std::iter::repeat_with(|| None).take(n as usize).collect())
                .collect(),
        }
    }

    pub fn get(&self, k: &ExprKey) -> Option<&T> {
        self.files
            .get(k.file as usize)?
            .get(k.id.0 as usize)?
            .as_ref()
    }

    pub fn get_mut(&mut self, k: &ExprKey) -> Option<&mut T> {
        self.files
            .get_mut(k.file as usize)?
            .get_mut(k.id.0 as usize)?
            .as_mut()
    }

    /// Sets the slot of `k` (keys outside the table are ignored: they
    /// cannot come from the package's files).
    pub fn insert(&mut self, k: ExprKey, v: T) {
        if let Some(slot) = self
            .files
            .get_mut(k.file as usize)
            .and_then(|f| f.get_mut(k.id.0 as usize))
        {
            *slot = Some(v);
        }
    }

    /// Every filled slot with its key.
    pub fn iter(&self) -> impl Iterator<Item = (ExprKey, &T)> {
        self.files.iter().enumerate().flat_map(|(f, v)| {
            v.iter().enumerate().filter_map(move |(i, t)| {
                t.as_ref().map(|t| {
                    (
                        ExprKey {
                            file: f as u32,
                            id: ExprId(i as u32),
                        },
                        t,
                    )
                })
            })
        })
    }
}

#[derive(Debug, Default)]
pub struct Info {
    pub types: ExprTable<TypeAndValue>,
    /// Identifiers that declare an object, by the identifier's position
    /// (package name of the package clause excepted).
    pub defs: HashMap<Pos, ObjId>,
    /// Identifiers (name expressions) that denote an object.
    pub uses: ExprTable<ObjId>,
    /// Objects declared without an identifier of their own: import
    /// specs without a name (keyed by the spec's position) and the
    /// variable of each type switch clause (keyed by the clause's
    /// position).
    pub implicits: HashMap<Pos, ObjId>,
    pub selections: HashMap<ExprKey, Selection>,
    /// Instances, keyed by the identifier (or selector) naming the
    /// generic function or type.
    pub instances: HashMap<ExprKey, Instance>,
    pub init_order: Vec<Initializer>,
}

impl Info {
    /// Empty tables for files with the given expression counts.
    pub fn new(expr_counts: &[u32]) -> Info {
        Info {
            types: ExprTable::new(expr_counts.iter().copied()),
            uses: ExprTable::new(expr_counts.iter().copied()),
            ..Info::default()
        }
    }
}
