//! The universe: predeclared types (`int`, `byte`, `error`, `comparable`,
//! `any`, ...), constants (`true`, `false`, `iota`), `nil`, the builtin
//! functions, and package `unsafe`. Built once, shared by every check.
//!
//! Layout is fixed so the checker can name basic types without lookups:
//! the type at index `k as u32` is the basic type of kind `k`.

use std::sync::{Arc, OnceLock};

use syntax::ast::sym;
use syntax::Pos;

use crate::arena::{Arena, ObjId, PkgIdx, ScopeId, TypeId};
use crate::constant::Value;
use crate::object::{Builtin, ObjKind, Object};
use crate::scope::Scope;
use crate::ty::{Alias, BasicKind, Interface, Named, Signature, Type};

/// Package `unsafe`: its objects live in the universe arena.
pub const UNSAFE: PkgIdx = PkgIdx(1);

/// The basic type of a kind.
pub const fn basic(kind: BasicKind) -> TypeId {
    TypeId::new(PkgIdx::UNIVERSE, kind as u32)
}

pub const INVALID: TypeId = basic(BasicKind::Invalid);
pub const BOOL: TypeId = basic(BasicKind::Bool);
pub const INT: TypeId = basic(BasicKind::Int);
pub const INT32: TypeId = basic(BasicKind::Int32);
pub const UINT8: TypeId = basic(BasicKind::Uint8);
pub const FLOAT64: TypeId = basic(BasicKind::Float64);
pub const COMPLEX128: TypeId = basic(BasicKind::Complex128);
pub const STRING: TypeId = basic(BasicKind::String);
pub const UNSAFE_POINTER: TypeId = basic(BasicKind::UnsafePointer);
pub const UNTYPED_BOOL: TypeId = basic(BasicKind::UntypedBool);
pub const UNTYPED_INT: TypeId = basic(BasicKind::UntypedInt);
pub const UNTYPED_RUNE: TypeId = basic(BasicKind::UntypedRune);
pub const UNTYPED_FLOAT: TypeId = basic(BasicKind::UntypedFloat);
pub const UNTYPED_COMPLEX: TypeId = basic(BasicKind::UntypedComplex);
pub const UNTYPED_STRING: TypeId = basic(BasicKind::UntypedString);
pub const UNTYPED_NIL: TypeId = basic(BasicKind::UntypedNil);
/// `byte`: kind `Uint8`, printed `byte`.
pub const BYTE: TypeId = TypeId::new(PkgIdx::UNIVERSE, BasicKind::ALL.len() as u32);
/// `rune`: kind `Int32`, printed `rune`.
pub const RUNE: TypeId = TypeId::new(PkgIdx::UNIVERSE, BasicKind::ALL.len() as u32 + 1);
/// `error`.
pub const ERROR: TypeId = TypeId::new(PkgIdx::UNIVERSE, BasicKind::ALL.len() as u32 + 2);
/// `comparable`.
pub const COMPARABLE: TypeId = TypeId::new(PkgIdx::UNIVERSE, BasicKind::ALL.len() as u32 + 3);
/// `any`, an alias of `interface{}`.
pub const ANY: TypeId = TypeId::new(PkgIdx::UNIVERSE, BasicKind::ALL.len() as u32 + 4);
/// `interface{}`.
pub const EMPTY_INTERFACE: TypeId = TypeId::new(PkgIdx::UNIVERSE, BasicKind::ALL.len() as u32 + 5);

/// The universe scope and package unsafe's scope.
pub const UNIVERSE_SCOPE: ScopeId = ScopeId::new(PkgIdx::UNIVERSE, 0);
pub const UNSAFE_SCOPE: ScopeId = ScopeId::new(PkgIdx::UNIVERSE, 1);

/// The universe arena, built on first use.
pub fn arena() -> Arc<Arena> {
    static UNIVERSE: OnceLock<Arc<Arena>> = OnceLock::new();
    UNIVERSE.get_or_init(|| Arc::new(build())).clone()
}

fn build() -> Arena {
    let mut a = Arena::new(PkgIdx::UNIVERSE);
    let universe = a.add_scope(Scope::new(None, Pos::NONE, Pos::NONE, "universe"));
    let unsafe_scope = a.add_scope(Scope::new(
        Some(universe),
        Pos::NONE,
        Pos::NONE,
        "package unsafe",
    ));
    debug_assert_eq!((universe, unsafe_scope), (UNIVERSE_SCOPE, UNSAFE_SCOPE));

    for kind in BasicKind::ALL {
        a.add_type(Type::Basic {
            kind,
            name: sym(kind.name()),
        });
    }
    let byte = a.add_type(Type::Basic {
        kind: BasicKind::Uint8,
        name: sym("byte"),
    });
    let rune = a.add_type(Type::Basic {
        kind: BasicKind::Int32,
        name: sym("rune"),
    });
    debug_assert_eq!((byte, rune), (BYTE, RUNE));

    // error, comparable and any are filled in below once their objects exist.
    let error = a.add_type(Type::Basic {
        kind: BasicKind::Invalid,
        name: sym(""),
    });
    let comparable = a.add_type(Type::Basic {
        kind: BasicKind::Invalid,
        name: sym(""),
    });
    let any = a.add_type(Type::Basic {
        kind: BasicKind::Invalid,
        name: sym(""),
    });
    let empty = a.add_type(Type::Interface(Interface::default()));
    debug_assert_eq!(
        (error, comparable, any, empty),
        (ERROR, COMPARABLE, ANY, EMPTY_INTERFACE)
    );

    let declare = |a: &mut Arena, scope: ScopeId, obj: Object| -> ObjId {
        let name = obj.name;
        let id = a.add_object(Object {
            parent: Some(scope),
            ..obj
        });
        a.scope_mut(scope)
            .insert(name, id)
            .expect("predeclared names are unique");
        id
    };
    let type_name = |name: &str, typ: TypeId, pkg: Option<PkgIdx>| {
        Object::new(sym(name), Pos::NONE, pkg, Some(typ), ObjKind::TypeName)
    };

    // Typed basic types have type names; untyped ones do not.
    for kind in BasicKind::ALL {
        let untyped = kind.info().has(crate::ty::BasicInfo::UNTYPED);
        if kind == BasicKind::Invalid || untyped {
            continue;
        }
        if kind == BasicKind::UnsafePointer {
            declare(
                &mut a,
                unsafe_scope,
                type_name("Pointer", basic(kind), Some(UNSAFE)),
            );
        } else {
            declare(&mut a, universe, type_name(kind.name(), basic(kind), None));
        }
    }
    declare(&mut a, universe, type_name("byte", byte, None));
    declare(&mut a, universe, type_name("rune", rune, None));

    // type error interface { Error() string }
    let error_obj = declare(&mut a, universe, type_name("error", error, None));
    let result = a.add_object(Object::new(
        sym(""),
        Pos::NONE,
        None,
        Some(STRING),
        var_kind(),
    ));
    let results = a.add_type(Type::Tuple(vec![result]));
    let no_params = a.add_type(Type::Tuple(Vec::new()));
    let recv = a.add_object(Object::new(
        sym(""),
        Pos::NONE,
        None,
        Some(error),
        var_kind(),
    ));
    let sig = a.add_type(Type::Signature(Signature {
        recv: Some(recv),
        tparams: Vec::new(),
        recv_tparams: Vec::new(),
        params: no_params,
        results,
        variadic: false,
    }));
    let method = a.add_object(Object::new(
        sym("Error"),
        Pos::NONE,
        None,
        Some(sig),
        ObjKind::Func { ptr_recv: false },
    ));
    let error_iface = a.add_type(Type::Interface(Interface {
        methods: vec![method],
        ..Interface::default()
    }));
    *a.ty_mut(error) = Type::Named(Named {
        obj: error_obj,
        underlying: Some(error_iface),
        methods: Vec::new(),
        tparams: Vec::new(),
        origin: None,
        targs: Vec::new(),
    });

    // type comparable interface{ /* comparable */ }
    let comparable_obj = declare(&mut a, universe, type_name("comparable", comparable, None));
    let comparable_iface = a.add_type(Type::Interface(Interface {
        is_comparable: true,
        ..Interface::default()
    }));
    *a.ty_mut(comparable) = Type::Named(Named {
        obj: comparable_obj,
        underlying: Some(comparable_iface),
        methods: Vec::new(),
        tparams: Vec::new(),
        origin: None,
        targs: Vec::new(),
    });

    // type any = interface{}
    let any_obj = declare(&mut a, universe, type_name("any", any, None));
    *a.ty_mut(any) = Type::Alias(Alias {
        obj: any_obj,
        actual: Some(empty),
        tparams: Vec::new(),
        origin: None,
        targs: Vec::new(),
    });

    // iota's value is the checker's to supply (the spec index of the
    // constant being declared); 0 stands in outside declarations.
    for (name, typ, val) in [
        ("true", UNTYPED_BOOL, Value::from_bool(true)),
        ("false", UNTYPED_BOOL, Value::from_bool(false)),
        ("iota", UNTYPED_INT, Value::from_i64(0)),
    ] {
        declare(
            &mut a,
            universe,
            Object::new(sym(name), Pos::NONE, None, Some(typ), ObjKind::Const(val)),
        );
    }
    declare(
        &mut a,
        universe,
        Object::new(sym("nil"), Pos::NONE, None, Some(UNTYPED_NIL), ObjKind::Nil),
    );
    for b in Builtin::UNIVERSE {
        declare(
            &mut a,
            universe,
            Object::new(
                sym(b.name()),
                Pos::NONE,
                None,
                Some(INVALID),
                ObjKind::Builtin(b),
            ),
        );
    }
    for b in Builtin::UNSAFE {
        declare(
            &mut a,
            unsafe_scope,
            Object::new(
                sym(b.name()),
                Pos::NONE,
                Some(UNSAFE),
                Some(INVALID),
                ObjKind::Builtin(b),
            ),
        );
    }
    a
}

fn var_kind() -> ObjKind {
    ObjKind::Var {
        embedded: false,
        is_field: false,
        is_param: true,
        used: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arena::{Store, World};

    #[test]
    fn predeclared_names_resolve() {
        let w = World::new();
        let u = w.scope(UNIVERSE_SCOPE);
        for name in [
            "bool",
            "int",
            "int8",
            "uint64",
            "uintptr",
            "float32",
            "complex128",
            "string",
            "byte",
            "rune",
            "error",
            "comparable",
            "any",
            "true",
            "false",
            "iota",
            "nil",
            "append",
            "clear",
            "max",
            "min",
        ] {
            assert!(u.lookup(sym(name)).is_some(), "{name}");
        }
        assert!(u.lookup(sym("Pointer")).is_none());
        let p = w.scope(UNSAFE_SCOPE).lookup(sym("Pointer")).unwrap();
        assert_eq!(w.obj(p).typ, Some(UNSAFE_POINTER));
        assert_eq!(w.obj(u.lookup(sym("byte")).unwrap()).typ, Some(BYTE));
        assert!(matches!(
            w.ty(INT),
            Type::Basic {
                kind: BasicKind::Int,
                ..
            }
        ));
        assert!(matches!(
            w.ty(BYTE),
            Type::Basic {
                kind: BasicKind::Uint8,
                ..
            }
        ));
        assert!(matches!(w.ty(ERROR), Type::Named(_)));
        assert!(matches!(w.ty(ANY), Type::Alias(_)));
        let t = w.obj(u.lookup(sym("true")).unwrap());
        assert!(matches!(&t.kind, ObjKind::Const(v) if v.bool_val()));
        assert_eq!(u.names.len(), 17 + 2 + 3 + 3 + 1 + 18);
    }
}
