//! The scanner: turns Go source bytes into tokens, inserting semicolons
//! as the spec says, collecting comments and directives, and reporting
//! lexical errors worded like gc's scanner.
//!
//! CONTRACT (what the parser relies on):
//! - `Scanner::new(src, base)` then `next()` repeatedly; after each `next()`
//!   the public "current token" fields describe the token just read.
//! - `pos` is the absolute position (`base + offset`) of the token's first
//!   byte. For an automatically inserted `Semi`, `pos` is where the newline
//!   (or the comment containing it, or EOF) is, as in gc.
//! - `lit_start..lit_end` is the byte range of the token text in `src` for
//!   `Name` and `Literal` tokens (for literals, the whole literal including
//!   quotes/prefixes). `semi` says what made a `Semi` token.
//! - `op`/`prec` are valid for `Operator`, `Star` (`Mul`, 5), `AssignOp`
//!   (the operator of `+=` etc.), `IncOp` (`Add` or `Sub`), and `Arrow`
//!   (`Recv`).
//! - Literals: `kind`; `bad` is true when the scanner reported an error in
//!   it (the parser then does not report a second one).
//! - A BOM (U+FEFF) is skipped at the very start of the file; elsewhere it
//!   is reported ("invalid BOM in the middle of the file").
//! - Errors (`errors`) are pushed in source order with gc's wording:
//!   "invalid character U+0023 '#'", "newline in string", "string not
//!   terminated", "rune literal not terminated", "more than one character in
//!   rune literal", "empty rune literal or unescaped ' in rune literal",
//!   "invalid radix point in octal literal", "'_' must separate successive
//!   digits", "comment not terminated", "invalid NUL character",
//!   "invalid UTF-8 encoding", "unknown escape", ... at the positions gc uses.
//! - Every comment is pushed to `comments` (text includes `//` or `/* */`,
//!   no trailing newline). `//line` and `/*line` directives are parsed into
//!   `line_directives` (offset = first byte after the directive's line/
//!   comment, per gc's rules). `//go:` directives are comments too; the
//!   parser finds them in `comments`.
//! - The scanner never panics and always terminates: at end of input it
//!   returns `Eof` forever (after the `Semi` that EOF may insert).

use crate::pos::{LineDirective, Pos};
use crate::token::{LitKind, Operator, SemiKind, Token};
use crate::Error;

/// One comment as it appears in the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// Position of the first `/`.
    pub pos: Pos,
    /// Position just past the comment's last byte.
    pub end: Pos,
    /// The comment text, with its `//` or `/*`…`*/`, without the newline.
    pub text: Box<str>,
}

impl Comment {
    /// True for `/* */` comments.
    pub fn is_block(&self) -> bool {
        self.text.starts_with("/*")
    }
}

pub struct Scanner<'a> {
    src: &'a [u8],
    base: u32,

    // current token, valid after next()
    pub tok: Token,
    pub pos: Pos,
    pub lit_start: u32,
    pub lit_end: u32,
    pub kind: LitKind,
    pub bad: bool,
    pub op: Operator,
    pub prec: u8,
    pub semi: SemiKind,

    pub errors: Vec<Error>,
    pub comments: Vec<Comment>,
    pub line_directives: Vec<LineDirective>,
}

impl<'a> Scanner<'a> {
    /// A scanner over `src`, whose first byte has position `Pos(base)`.
    pub fn new(src: &'a [u8], base: u32) -> Scanner<'a> {
        let _ = (src, base);
        todo!("scanner")
    }

    /// Reads the next token into the public fields.
    pub fn next(&mut self) {
        todo!("scanner")
    }

    /// The text of the current `Name` or `Literal` token.
    pub fn lit(&self) -> &'a [u8] {
        &self.src[self.lit_start as usize..self.lit_end as usize]
    }

    pub fn src(&self) -> &'a [u8] {
        self.src
    }

    pub fn base(&self) -> u32 {
        self.base
    }
}
