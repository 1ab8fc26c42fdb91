//! The type checker: from parsed files of one package (and the checked
//! packages it imports) to the type of every expression, every constant's
//! exact value, resolved identifiers, selections, instantiations and
//! initialization order, with errors worded like gc's (types2).
//!
//! It knows nothing of files on disk, build constraints or code generation:
//! `build` hands it parsed packages in dependency order.

pub mod arena;
pub mod assignable;
pub mod check;
pub mod constant;
pub mod errors;
pub mod implements;
pub mod initorder;
pub mod lookup;
pub mod object;
pub mod operand;
pub mod predicates;
mod resolver;
pub mod returns;
pub mod scope;
pub mod termlist;
#[cfg(test)]
mod testutil;
pub mod ty;
pub mod typeset;
pub mod typestring;
pub mod universe;
pub mod untyped;
