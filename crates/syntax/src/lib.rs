//! The Go front end's first stage: source text to syntax tree.
//!
//! Owns tokens, the scanner (with semicolon insertion), the recursive-descent
//! parser for the whole Go 1.27 language, the AST with exact positions and
//! every comment, and syntax errors worded like gc's. It knows nothing of
//! types, packages or the file system: callers hand it bytes and a name.

pub mod ast;
mod branches;
mod parser;
pub mod pos;
pub mod print;
pub mod scanner;
pub mod token;
mod unicode_tables;

use std::fmt;

pub use pos::{FileSet, Pos, Position, SourceFile};
pub use scanner::is_print;

/// A syntax (or lexical) error at a position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub pos: Pos,
    pub msg: String,
}

impl Error {
    pub fn new(pos: Pos, msg: impl Into<String>) -> Error {
        Error {
            pos,
            msg: msg.into(),
        }
    }

    /// Whether gc counts it as a syntax error, which stops compilation
    /// before type checking. Other errors of the front end (lexical ones,
    /// "middle index required in 3-index slice", label and branch errors,
    /// ...) are reported together with the type errors.
    pub fn stops_type_checking(&self) -> bool {
        self.msg.starts_with("syntax error")
    }

    /// The error as gc prints it: `file:line:col: msg`.
    pub fn display<'a>(&'a self, fset: &'a FileSet) -> impl fmt::Display + 'a {
        DisplayError { err: self, fset }
    }
}

struct DisplayError<'a> {
    err: &'a Error,
    fset: &'a FileSet,
}

impl fmt::Display for DisplayError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.fset.position(self.err.pos) {
            Some(p) => write!(f, "{}: {}", p, self.err.msg),
            None => f.write_str(&self.err.msg),
        }
    }
}

/// Nesting deeper than this (expressions, types, blocks) is reported as an
/// error instead of risking the thread's stack.
pub const MAX_NESTING: u32 = 2_000;

/// Parses one file. The file's positions are reserved in `fset` and the
/// file is registered there, so `fset` resolves every `Pos` in the result.
/// Errors come back sorted by position, at most one syntax error per line
/// (as gc reports them); the tree is complete enough to walk even then.
pub fn parse_file(fset: &FileSet, filename: &str, src: &[u8]) -> (ast::File, Vec<Error>) {
    let base = fset.reserve(src.len());
    let (file, errors) = parser::parse(filename, src, base);
    fset.add(file.source.clone());
    (file, errors)
}
