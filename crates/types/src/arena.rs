//! Where types, objects and scopes live: one `Arena` per package, addressed
//! by ids that name the arena (`pkg`) and the slot (`index`).
//!
//! Why arenas per package: the checker of a package owns its arena and
//! mutates it freely (a named type's underlying type is filled in after its
//! declaration is resolved, methods are added as they are found), while the
//! arenas of the packages it imports are finished and shared read-only
//! (`Arc`), so independent packages are checked in parallel without locks.
//! Package 0 is the universe.
//!
//! Everything that reads types goes through the `Store` trait, implemented
//! by `World` (finished packages only) and by a checker's view (its own
//! arena plus the world).

use std::sync::Arc;

use crate::object::Object;
use crate::scope::Scope;
use crate::ty::Type;

/// Index of a package's arena; `PkgIdx::UNIVERSE` is the universe, 1 is
/// reserved for package unsafe, packages count from 2.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PkgIdx(pub u32);

impl PkgIdx {
    pub const UNIVERSE: PkgIdx = PkgIdx(0);
}

macro_rules! arena_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name {
            pub pkg: PkgIdx,
            pub index: u32,
        }

        impl $name {
            pub const fn new(pkg: PkgIdx, index: u32) -> $name {
                $name { pkg, index }
            }
        }
    };
}

arena_id!(
    /// A type. Identity of ids is identity of types only for named types,
    /// type parameters and basic types; structural types are compared with
    /// `predicates::identical`.
    TypeId
);
arena_id!(
    /// A declared entity: constant, type name, variable, function, package
    /// name, label, builtin or `nil`.
    ObjId
);
arena_id!(
    /// A lexical scope.
    ScopeId
);

/// The types, objects and scopes created while checking one package.
#[derive(Debug, Default)]
pub struct Arena {
    pub pkg: PkgIdx,
    /// The package's import path and name (empty for the universe).
    pub path: Box<str>,
    pub name: Box<str>,
    /// The package scope (not set for the universe).
    pub scope: Option<ScopeId>,
    pub types: Vec<Type>,
    pub objects: Vec<Object>,
    pub scopes: Vec<Scope>,
    /// The unexported package-level objects gc's export data carries:
    /// those its exported declarations reach (through types, initializers
    /// and function bodies). Importers see these as "not exported" rather
    /// than undefined.
    pub reachable_unexported: std::collections::HashSet<ObjId>,
}

impl Arena {
    pub fn new(pkg: PkgIdx) -> Arena {
        Arena {
            pkg,
            ..Arena::default()
        }
    }

    pub fn add_type(&mut self, t: Type) -> TypeId {
        self.types.push(t);
        TypeId::new(self.pkg, (self.types.len() - 1) as u32)
    }

    pub fn add_object(&mut self, o: Object) -> ObjId {
        self.objects.push(o);
        ObjId::new(self.pkg, (self.objects.len() - 1) as u32)
    }

    pub fn add_scope(&mut self, s: Scope) -> ScopeId {
        self.scopes.push(s);
        ScopeId::new(self.pkg, (self.scopes.len() - 1) as u32)
    }

    pub fn ty_mut(&mut self, id: TypeId) -> &mut Type {
        debug_assert_eq!(id.pkg, self.pkg);
        &mut self.types[id.index as usize]
    }

    pub fn obj_mut(&mut self, id: ObjId) -> &mut Object {
        debug_assert_eq!(id.pkg, self.pkg);
        &mut self.objects[id.index as usize]
    }

    pub fn scope_mut(&mut self, id: ScopeId) -> &mut Scope {
        debug_assert_eq!(id.pkg, self.pkg);
        &mut self.scopes[id.index as usize]
    }
}

/// Read access to types, objects and scopes, wherever they live.
pub trait Store {
    fn arena(&self, pkg: PkgIdx) -> &Arena;

    fn ty(&self, id: TypeId) -> &Type {
        &self.arena(id.pkg).types[id.index as usize]
    }

    fn obj(&self, id: ObjId) -> &Object {
        &self.arena(id.pkg).objects[id.index as usize]
    }

    fn scope(&self, id: ScopeId) -> &Scope {
        &self.arena(id.pkg).scopes[id.index as usize]
    }

    /// A package's name and import path (package unsafe has no arena of
    /// its own: its objects live in the universe's).
    fn package(&self, pkg: PkgIdx) -> (&str, &str) {
        if pkg == crate::universe::UNSAFE {
            return ("unsafe", "unsafe");
        }
        let a = self.arena(pkg);
        (&a.name, &a.path)
    }
}

/// The arenas of finished packages, indexed by `PkgIdx`.
#[derive(Debug, Clone)]
pub struct World {
    arenas: Vec<Option<Arc<Arena>>>,
}

impl Default for World {
    fn default() -> Self {
        World::new()
    }
}

impl World {
    /// A world that holds only the universe.
    pub fn new() -> World {
        World {
            arenas: vec![Some(crate::universe::arena())],
        }
    }

    /// Adds a finished package's arena.
    pub fn insert(&mut self, arena: Arc<Arena>) {
        let i = arena.pkg.0 as usize;
        if self.arenas.len() <= i {
            self.arenas.resize(i + 1, None);
        }
        self.arenas[i] = Some(arena);
    }
}

impl Store for World {
    fn arena(&self, pkg: PkgIdx) -> &Arena {
        self.arenas
            .get(pkg.0 as usize)
            .and_then(|a| a.as_deref())
            .unwrap_or_else(|| panic!("package {} is not in this world", pkg.0))
    }
}

/// A checker's view: its own arena, mutable, over the finished world.
#[derive(Debug)]
pub struct Local<'w> {
    pub world: &'w World,
    pub arena: Arena,
}

impl Store for Local<'_> {
    fn arena(&self, pkg: PkgIdx) -> &Arena {
        if pkg == self.arena.pkg {
            &self.arena
        } else {
            self.world.arena(pkg)
        }
    }
}
