//! The result of checking an expression (types2's operand): what kind of
//! thing it is (its mode), its type and, for constants, its value, and the
//! way gc's messages describe it: `x (variable of type int)`,
//! `300 (untyped int constant)`, `T{} (value of struct type T)`,
//! `f (value of type func())`, `nil`.

use syntax::ast::Expr;
use syntax::print::expr_string;

use crate::arena::{Store, TypeId};
use crate::constant::Value;
use crate::object::Builtin;
use crate::predicates::{is_untyped, unalias, underlying};
use crate::ty::Type;
use crate::typestring::{type_string, Qualifier};
use crate::universe;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The expression is invalid (an error was reported).
    Invalid,
    /// A call of a function without results.
    NoValue,
    Builtin(Builtin),
    /// A type.
    TypeExpr,
    Constant,
    /// An addressable variable.
    Variable,
    /// `m[k]`: assignable, and comma-ok on the right of an assignment.
    MapIndex,
    Value,
    /// The predeclared nil.
    NilValue,
    /// A value that may be used in a comma-ok assignment (type
    /// assertions, channel receives).
    CommaOk,
    /// Like `CommaOk`, with an error as the second value.
    CommaErr,
}

impl Mode {
    fn word(self) -> &'static str {
        match self {
            Mode::Invalid => "invalid operand",
            Mode::NoValue => "no value",
            Mode::Builtin(_) => "built-in",
            Mode::TypeExpr => "type",
            Mode::Constant => "constant",
            Mode::Variable => "variable",
            Mode::MapIndex => "map index expression",
            Mode::Value => "value",
            Mode::NilValue => "nil",
            Mode::CommaOk => "comma, ok expression",
            Mode::CommaErr => "comma, error expression",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Operand<'a> {
    pub mode: Mode,
    /// The expression the operand came from, for messages.
    pub expr: Option<&'a Expr>,
    pub typ: TypeId,
    /// The value of a constant operand.
    pub val: Option<Value>,
}

impl<'a> Operand<'a> {
    pub fn invalid(expr: Option<&'a Expr>) -> Operand<'a> {
        Operand {
            mode: Mode::Invalid,
            expr,
            typ: universe::INVALID,
            val: None,
        }
    }

    pub fn is_valid(&self) -> bool {
        self.mode != Mode::Invalid
    }

    /// The operand as gc's messages quote it (types2's operandString).
    pub fn describe(&self, s: &impl Store, q: &impl Qualifier) -> String {
        if self.mode == Mode::NilValue {
            return match self.typ {
                t if t == universe::INVALID => "nil (with invalid type)".into(),
                t if t == universe::UNTYPED_NIL => "nil".into(),
                t => format!("nil (of type {})", type_string(s, q, t)),
            };
        }
        let expr = match (self.expr, self.mode) {
            (Some(e), _) => expr_string(e),
            (None, Mode::Builtin(b)) => b.name().to_string(),
            (None, Mode::TypeExpr) => type_string(s, q, self.typ),
            (None, Mode::Constant) => self.val.as_ref().map(|v| v.to_string()).unwrap_or_default(),
            _ => String::new(),
        };
        let mut out = String::new();
        if !expr.is_empty() {
            out.push_str(&expr);
            out.push_str(" (");
        }
        let mut has_type = false;
        match self.mode {
            Mode::Invalid | Mode::NoValue | Mode::Builtin(_) | Mode::TypeExpr => {}
            _ => {
                if is_untyped(s, self.typ) {
                    if let Type::Basic { name, .. } = s.ty(self.typ) {
                        out.push_str(name);
                        out.push(' ');
                    }
                } else {
                    has_type = true;
                }
            }
        }
        out.push_str(self.mode.word());
        if self.mode == Mode::Constant {
            if let Some(v) = &self.val {
                let vs = v.to_string();
                if vs != expr {
                    out.push(' ');
                    out.push_str(&vs);
                }
            }
        }
        if has_type {
            if self.typ == universe::INVALID {
                out.push_str(" with invalid type");
            } else {
                out.push_str(" of ");
                let t = unalias(s, self.typ);
                let is_tparam = matches!(s.ty(t), Type::TypeParam(_));
                // Named and alias types get their structure described:
                // "struct type T", "int32 type MyInt".
                if !is_tparam && matches!(s.ty(self.typ), Type::Named(_) | Type::Alias(_)) {
                    match (composite_kind(s, self.typ), s.ty(underlying(s, self.typ))) {
                        (Some(k), _) => out.push_str(k),
                        (None, Type::Basic { kind, .. }) => out.push_str(kind.name()),
                        (None, _) => {}
                    }
                    out.push(' ');
                }
                out.push_str("type ");
                out.push_str(&type_string(s, q, self.typ));
                if let Type::TypeParam(p) = s.ty(t) {
                    out.push_str(" constrained by ");
                    out.push_str(&type_string(s, q, p.bound.unwrap_or(universe::INVALID)));
                    if crate::typeset::type_set(s, t).is_empty() {
                        out.push_str(" with empty type set");
                    }
                }
            }
        }
        if !expr.is_empty() {
            out.push(')');
        }
        out
    }
}

/// The structure of `t`'s underlying type as types2's messages name it
/// (its compositeKind): "slice", "func", "struct", ...; `None` for basic
/// and other types.
pub(crate) fn composite_kind(s: &impl Store, t: TypeId) -> Option<&'static str> {
    Some(match s.ty(underlying(s, t)) {
        Type::Array(..) => "array",
        Type::Slice(_) => "slice",
        Type::Struct(_) => "struct",
        Type::Pointer(_) => "pointer",
        Type::Signature(_) => "func",
        Type::Interface(_) => "interface",
        Type::Map(..) => "map",
        Type::Chan(..) => "chan",
        Type::Tuple(_) => "tuple",
        Type::Union(_) => "union",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arena::{Arena, Local, PkgIdx, World};
    use crate::object::{ObjKind, Object};
    use crate::ty::{Named, Struct};
    use syntax::ast::{sym, ExprKind, Stmt, StmtKind};
    use syntax::FileSet;
    use syntax::Pos;

    struct Unqualified;
    impl Qualifier for Unqualified {
        fn qualify(&self, _: PkgIdx) -> Option<String> {
            None
        }
    }

    #[test]
    fn described_like_types2() {
        let fset = FileSet::new();
        let (f, _) = syntax::parse_file(
            &fset,
            "o.go",
            b"package p\nfunc _() { x; 300; T{}; b; 1 << 3 }\n",
        );
        let syntax::ast::Decl::Func(fd) = &f.decls[0] else {
            panic!()
        };
        let exprs: Vec<&Expr> = fd
            .body
            .as_ref()
            .unwrap()
            .stmts
            .iter()
            .filter_map(|s: &Stmt| match &s.kind {
                StmtKind::Expr(e) => Some(e),
                _ => None,
            })
            .collect();
        assert!(matches!(exprs[0].kind, ExprKind::Name(_)));
        let world = World::new();
        let mut l = Local {
            world: &world,
            arena: Arena::new(PkgIdx(2)),
        };
        let obj = l.arena.add_object(Object::new(
            sym("T"),
            Pos::NONE,
            Some(PkgIdx(2)),
            None,
            ObjKind::TypeName,
        ));
        let st = l.arena.add_type(Type::Struct(Struct::default()));
        let t = l.arena.add_type(Type::Named(Named {
            obj,
            underlying: Some(st),
            methods: vec![],
            tparams: vec![],
            origin: None,
            targs: vec![],
        }));
        let obj = l.arena.add_object(Object::new(
            sym("B"),
            Pos::NONE,
            Some(PkgIdx(2)),
            None,
            ObjKind::TypeName,
        ));
        let my_byte = l.arena.add_type(Type::Named(Named {
            obj,
            underlying: Some(universe::UINT8),
            methods: vec![],
            tparams: vec![],
            origin: None,
            targs: vec![],
        }));
        let q = Unqualified;
        let op = |mode, e: &'static str, i: usize, typ, val: Option<Value>| {
            let _ = e;
            Operand {
                mode,
                expr: Some(exprs[i]),
                typ,
                val,
            }
        };
        assert_eq!(
            op(Mode::Variable, "x", 0, universe::INT, None).describe(&l, &q),
            "x (variable of type int)"
        );
        assert_eq!(
            op(
                Mode::Constant,
                "300",
                1,
                universe::UNTYPED_INT,
                Some(Value::from_i64(300))
            )
            .describe(&l, &q),
            "300 (untyped int constant)"
        );
        assert_eq!(
            op(Mode::Value, "T{}", 2, t, None).describe(&l, &q),
            "T{} (value of struct type T)"
        );
        assert_eq!(
            op(Mode::Variable, "b", 3, my_byte, None).describe(&l, &q),
            "b (variable of uint8 type B)"
        );
        assert_eq!(
            op(
                Mode::Constant,
                "1 << 3",
                4,
                universe::UNTYPED_INT,
                Some(Value::from_i64(8))
            )
            .describe(&l, &q),
            "1 << 3 (untyped int constant 8)"
        );
        let nil = Operand {
            mode: Mode::NilValue,
            expr: None,
            typ: universe::UNTYPED_NIL,
            val: None,
        };
        assert_eq!(nil.describe(&l, &q), "nil");
    }

    /// A type parameter whose constraint admits no type says so.
    #[test]
    fn empty_type_set_described() {
        let src = "package p\n\nfunc _[T interface{ int; string }](x T) {\n\t_ = x + x\n}\n";
        assert_eq!(
            crate::testutil::check_source(src),
            vec!["a.go:4:6: invalid operation: operator + not defined on x (variable of type T constrained by interface{int; string} with empty type set)"]
        );
    }
}
