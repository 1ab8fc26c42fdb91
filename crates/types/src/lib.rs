//! The type checker: from parsed files of one package (and the checked
//! packages it imports) to the type of every expression, every constant's
//! exact value, resolved identifiers, selections, instantiations and
//! initialization order, with errors worded like gc's (types2).
//!
//! It knows nothing of files on disk, build constraints or code generation:
//! `build` hands it parsed packages in dependency order.

pub mod arena;
pub mod assignable;
mod assignments;
mod builtins;
mod call;
pub mod check;
pub mod constant;
mod conversions;
mod decl;
pub mod errors;
mod expr;
pub mod implements;
mod index;
mod infer;
pub mod info;
pub mod initorder;
mod instantiate;
mod literals;
pub mod lookup;
pub mod object;
pub mod operand;
pub mod predicates;
mod resolver;
pub mod returns;
pub mod scope;
pub mod sizes;
mod stmt;
mod subst;
pub mod termlist;
#[cfg(test)]
mod testutil;
pub mod ty;
pub mod typeset;
pub mod typestring;
mod typexpr;
mod unify;
pub mod universe;
pub mod untyped;
mod validtype;
