//! Lexical scopes: name to object maps, nested from the universe through
//! package and file scopes down to blocks.

use std::collections::HashMap;

use syntax::ast::Symbol;
use syntax::Pos;

use crate::arena::{ObjId, ScopeId};

#[derive(Clone, Debug, Default)]
pub struct Scope {
    pub parent: Option<ScopeId>,
    /// Objects by name, in no particular order (see `names`).
    pub elems: HashMap<Symbol, ObjId>,
    /// Names in insertion order, for deterministic iteration.
    pub names: Vec<Symbol>,
    /// The extent of the scope in the source, for position-aware lookups
    /// (an identifier's scope begins after its declaration); unknown for
    /// the universe and package scopes.
    pub start: Pos,
    pub end: Pos,
    /// A function's outermost scope (parameters and results).
    pub is_func: bool,
    /// What the scope is for, in dumps ("package p", "file a.go",
    /// "function", "block", ...).
    pub comment: &'static str,
}

impl Scope {
    pub fn new(parent: Option<ScopeId>, start: Pos, end: Pos, comment: &'static str) -> Scope {
        Scope {
            parent,
            start,
            end,
            comment,
            ..Scope::default()
        }
    }

    pub fn lookup(&self, name: Symbol) -> Option<ObjId> {
        self.elems.get(&name).copied()
    }

    /// Adds `obj` under `name`; if the name is taken, returns the object
    /// that has it and changes nothing.
    pub fn insert(&mut self, name: Symbol, obj: ObjId) -> Result<(), ObjId> {
        if let Some(&prev) = self.elems.get(&name) {
            return Err(prev);
        }
        self.elems.insert(name, obj);
        self.names.push(name);
        Ok(())
    }
}
