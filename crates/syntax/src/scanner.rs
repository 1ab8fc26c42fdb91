//! The scanner: turns Go source bytes into tokens, inserting semicolons
//! as the spec says, collecting comments and directives, and reporting
//! lexical errors worded like gc's scanner.
//!
//! What the parser relies on:
//! - `Scanner::new(src, base)` then `next()` repeatedly; after each `next()`
//!   the public "current token" fields describe the token just read. Call
//!   `set_filename` before the first `next()` so that `//line` file names
//!   come out resolved as gc resolves them (see `line_directives` below).
//! - `pos` is the absolute position (`base + offset`) of the token's first
//!   byte. For an automatically inserted `Semi`, `pos` is where the newline
//!   (or EOF) is, or, when the newline is inside a `/* */` comment, where
//!   that comment starts, as in gc.
//! - `lit_start..lit_end` is the byte range of the token text in `src` for
//!   `Name` and `Literal` tokens (for literals, the whole literal including
//!   quotes/prefixes; raw strings keep their carriage returns). `semi` says
//!   what made a `Semi` token.
//! - `op`/`prec` are valid for `Operator`, `Star` (`Mul`, 5), `AssignOp`
//!   (the operator of `+=` etc.), `IncOp` (`Add` or `Sub`), and `Arrow`
//!   (`Recv`).
//! - Literals: `kind`; `bad` is true when the scanner reported an error
//!   while reading it (the parser then does not report a second one).
//! - A BOM (U+FEFF) is skipped at the very start of the file; elsewhere it
//!   is reported ("invalid BOM in the middle of the file").
//! - As in gc, a NUL byte, a byte sequence that is not UTF-8 and a misplaced
//!   BOM are reported where they are and otherwise skipped: they neither
//!   end nor start a token (`a\0b` is one name, whose text holds the NUL).
//! - Errors (`errors`) are kept in source order, with gc's wording: "invalid
//!   character U+0023 '#'", "invalid character U+00B7 '·' in identifier",
//!   "newline in string", "string not terminated", "rune literal not
//!   terminated", "more than one character in rune literal", "empty rune
//!   literal or unescaped '", "invalid radix point in octal literal", "'_'
//!   must separate successive digits", "comment not terminated", "invalid
//!   NUL character", "invalid UTF-8 encoding", "unknown escape", "invalid
//!   line number: 0", ... at the positions gc uses. (Only the first
//!   million are kept.)
//! - Every comment is pushed to `comments` (text includes `//` or `/* */`,
//!   no trailing newline but a `\r` before it is kept; bytes that are not
//!   UTF-8 are replaced by U+FFFD in `text`, `pos..end` is exact; an
//!   unterminated `/*` comment runs to EOF). `//line` (at the start of a
//!   line) and `/*line` directives are parsed into `line_directives`
//!   (offset = first byte after the directive's line/comment, per gc's
//!   rules; malformed ones are reported like gc reports them). Their file
//!   names are resolved as gc does: cleaned, relative ones taken relative to
//!   the directory of the `set_filename` name, and an omitted name in the
//!   `:line:col` form meaning the current one. Two quirks of gc are
//!   reproduced through directives too: a `/*line` comment spanning lines
//!   counts from the line it starts on, and after `..` directly followed by
//!   a newline gc numbers the following lines one too high (a directive is
//!   added at the second '.'; only once `set_filename` was called if no
//!   directive precedes). `//go:` directives are comments too; the parser
//!   finds them in `comments`.
//! - The scanner never panics and always terminates: at end of input it
//!   returns `Eof` forever (after the `Semi` that EOF may insert). Sources
//!   longer than `u32::MAX - 1` bytes are scanned up to that length only
//!   (positions are 32-bit).

use std::path::Path;
use std::sync::Arc;

use crate::pos::{clean_path, LineDirective, Pos};
use crate::token::{
    LitKind, Operator, SemiKind, Token, PREC_ADD, PREC_ANDAND, PREC_CMP, PREC_MUL, PREC_OROR,
};
use crate::unicode_tables::{DIGITS, LETTERS, NOT_PRINT};
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

    /// Offset of the current character. Outside `next`'s dispatch on a
    /// token's first byte it never rests on a byte that gc's source reader
    /// skips (NUL, bad UTF-8, BOM): `advance` steps over those.
    off: usize,
    /// Whether a newline or EOF now ends a statement.
    nlsemi: bool,
    /// The most recent run of skipped bytes, `gap_start..gap_end`; a token
    /// that ends where such a run ends does not include it.
    gap_start: usize,
    gap_end: usize,
    /// Skipped bytes below this offset have been reported already.
    reported: usize,
    /// The file's name, for resolving `//line` file names.
    filename: Option<Arc<str>>,

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

/// Errors beyond this many are dropped (a large binary file would
/// otherwise yield one per byte).
const MAX_ERRORS: usize = 1_000_000;

/// gc's limit for line and column numbers in line directives.
const POS_MAX: u64 = 1 << 30;

const BOM: char = '\u{FEFF}';

// Byte classes for the scanning loops.
const C_IDENT: u8 = 1; // ASCII letter, digit or '_'
const C_STR: u8 = 2; // needs no attention inside "...": not '"', '\\', '\n', NUL or non-ASCII
const C_RUNE: u8 = 4; // likewise inside '...'

static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        let mut c = 0;
        if b.is_ascii_alphanumeric() || b == b'_' {
            c |= C_IDENT;
        }
        if b != 0 && b < 0x80 && b != b'\\' && b != b'\n' {
            if b != b'"' {
                c |= C_STR;
            }
            if b != b'\'' {
                c |= C_RUNE;
            }
        }
        t[i] = c;
        i += 1;
    }
    t
};

/// Whether gc's source reader would not hand `b` over as is: NUL, or the
/// first byte of a non-ASCII sequence (which may be invalid or a BOM).
#[inline(always)]
fn needs_check(b: u8) -> bool {
    b.wrapping_sub(1) >= 0x7f
}

impl<'a> Scanner<'a> {
    /// A scanner over `src`, whose first byte has position `Pos(base)`.
    pub fn new(src: &'a [u8], base: u32) -> Scanner<'a> {
        let src = &src[..src.len().min(u32::MAX as usize - 1)];
        let mut s = Scanner {
            src,
            base,
            off: 0,
            nlsemi: false,
            gap_start: 0,
            gap_end: 0,
            reported: 0,
            filename: None,
            tok: Token::Eof,
            pos: Pos(base),
            lit_start: 0,
            lit_end: 0,
            kind: LitKind::Int,
            bad: false,
            op: Operator::Add,
            prec: 0,
            semi: SemiKind::Explicit,
            errors: Vec::new(),
            comments: Vec::new(),
            line_directives: Vec::new(),
        };
        // Skips a leading BOM (and reports whatever else needs it).
        s.advance(0);
        s
    }

    /// The name of the file being scanned, used to resolve the file names
    /// of line directives as gc does. Call before the first `next()`.
    pub fn set_filename(&mut self, filename: &str) {
        self.filename = Some(filename.into());
    }

    /// Reads the next token into the public fields.
    pub fn next(&mut self) {
        let nlsemi = self.nlsemi;
        self.nlsemi = false;
        let src = self.src;

        loop {
            // Skip white space; a newline ends the statement if nlsemi.
            let mut off = self.off;
            while let Some(&b) = src.get(off) {
                if b == b' ' || b == b'\t' || b == b'\r' || (b == b'\n' && !nlsemi) {
                    off += 1;
                } else {
                    break;
                }
            }
            self.off = off;
            self.pos = self.pos_at(off);

            let Some(&c) = src.get(off) else {
                if nlsemi {
                    self.tok = Token::Semi;
                    self.semi = SemiKind::Eof;
                } else {
                    self.tok = Token::Eof;
                }
                return;
            };

            match c {
                b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                    self.ident(off, off + 1);
                    return;
                }
                b'\n' => {
                    self.off = off + 1;
                    self.tok = Token::Semi;
                    self.semi = SemiKind::Newline;
                    return;
                }
                b'0'..=b'9' => {
                    self.number(off, false);
                    return;
                }
                b'"' => {
                    self.std_string(off);
                    return;
                }
                b'`' => {
                    self.raw_string(off);
                    return;
                }
                b'\'' => {
                    self.rune_lit(off);
                    return;
                }
                b'(' => self.simple(Token::Lparen),
                b'[' => self.simple(Token::Lbrack),
                b'{' => self.simple(Token::Lbrace),
                b',' => self.simple(Token::Comma),
                b';' => {
                    self.simple(Token::Semi);
                    self.semi = SemiKind::Explicit;
                }
                b')' => {
                    self.simple(Token::Rparen);
                    self.nlsemi = true;
                }
                b']' => {
                    self.simple(Token::Rbrack);
                    self.nlsemi = true;
                }
                b'}' => {
                    self.simple(Token::Rbrace);
                    self.nlsemi = true;
                }
                b':' => {
                    self.advance(1);
                    if self.cur() == b'=' {
                        self.advance(1);
                        self.tok = Token::Define;
                    } else {
                        self.tok = Token::Colon;
                    }
                }
                b'.' => {
                    self.advance(1);
                    let c = self.cur();
                    if c.is_ascii_digit() {
                        self.number(off, true);
                        return;
                    }
                    self.tok = Token::Dot;
                    if c == b'.' {
                        let second = self.off;
                        self.advance(1);
                        if self.cur() == b'.' {
                            self.advance(1);
                            self.tok = Token::DotDotDot;
                        } else {
                            // Just one '.'; the next token starts at the second.
                            if self.cur() == b'\n' {
                                self.shift_lines(second);
                            }
                            self.off = second;
                        }
                    }
                }
                b'+' | b'-' => {
                    let op = if c == b'+' {
                        Operator::Add
                    } else {
                        Operator::Sub
                    };
                    self.advance(1);
                    if self.cur() == c {
                        self.advance(1);
                        self.set_op(Token::IncOp, op, PREC_ADD);
                        self.nlsemi = true;
                    } else {
                        self.assign_op(op, PREC_ADD);
                    }
                }
                b'*' => {
                    self.advance(1);
                    if self.cur() == b'=' {
                        self.advance(1);
                        self.set_op(Token::AssignOp, Operator::Mul, PREC_MUL);
                    } else {
                        self.set_op(Token::Star, Operator::Mul, PREC_MUL);
                    }
                }
                b'/' => {
                    self.advance(1);
                    match self.cur() {
                        b'/' => {
                            self.advance(1);
                            self.line_comment(off);
                            continue;
                        }
                        b'*' => {
                            self.advance(1);
                            if self.block_comment(off) && nlsemi {
                                // A comment spanning lines acts as a newline.
                                self.tok = Token::Semi;
                                self.semi = SemiKind::Newline;
                                return;
                            }
                            continue;
                        }
                        _ => self.assign_op(Operator::Div, PREC_MUL),
                    }
                }
                b'%' => {
                    self.advance(1);
                    self.assign_op(Operator::Rem, PREC_MUL);
                }
                b'&' => {
                    self.advance(1);
                    match self.cur() {
                        b'&' => {
                            self.advance(1);
                            self.set_op(Token::Operator, Operator::AndAnd, PREC_ANDAND);
                        }
                        b'^' => {
                            self.advance(1);
                            self.assign_op(Operator::AndNot, PREC_MUL);
                        }
                        _ => self.assign_op(Operator::And, PREC_MUL),
                    }
                }
                b'|' => {
                    self.advance(1);
                    if self.cur() == b'|' {
                        self.advance(1);
                        self.set_op(Token::Operator, Operator::OrOr, PREC_OROR);
                    } else {
                        self.assign_op(Operator::Or, PREC_ADD);
                    }
                }
                b'^' => {
                    self.advance(1);
                    self.assign_op(Operator::Xor, PREC_ADD);
                }
                b'<' => {
                    self.advance(1);
                    match self.cur() {
                        b'=' => {
                            self.advance(1);
                            self.set_op(Token::Operator, Operator::Leq, PREC_CMP);
                        }
                        b'<' => {
                            self.advance(1);
                            self.assign_op(Operator::Shl, PREC_MUL);
                        }
                        b'-' => {
                            self.advance(1);
                            self.set_op(Token::Arrow, Operator::Recv, 0);
                        }
                        _ => self.set_op(Token::Operator, Operator::Lss, PREC_CMP),
                    }
                }
                b'>' => {
                    self.advance(1);
                    match self.cur() {
                        b'=' => {
                            self.advance(1);
                            self.set_op(Token::Operator, Operator::Geq, PREC_CMP);
                        }
                        b'>' => {
                            self.advance(1);
                            self.assign_op(Operator::Shr, PREC_MUL);
                        }
                        _ => self.set_op(Token::Operator, Operator::Gtr, PREC_CMP),
                    }
                }
                b'=' => {
                    self.advance(1);
                    if self.cur() == b'=' {
                        self.advance(1);
                        self.set_op(Token::Operator, Operator::Eql, PREC_CMP);
                    } else {
                        self.tok = Token::Assign;
                    }
                }
                b'!' => {
                    self.advance(1);
                    if self.cur() == b'=' {
                        self.advance(1);
                        self.set_op(Token::Operator, Operator::Neq, PREC_CMP);
                    } else {
                        self.set_op(Token::Operator, Operator::Not, 0);
                    }
                }
                b'~' => {
                    self.advance(1);
                    self.set_op(Token::Operator, Operator::Tilde, 0);
                }
                _ => {
                    if self.unusual_start(off) {
                        return;
                    }
                    continue;
                }
            }
            return;
        }
    }

    /// Handles a token start at `off` that is not ASCII punctuation, a
    /// letter or a digit: a non-ASCII character starts a name (returns
    /// true); anything else is reported and skipped (returns false).
    #[cold]
    #[inline(never)]
    fn unusual_start(&mut self, off: usize) -> bool {
        let c = self.src[off];
        if c != 0 && c < 0x80 {
            if self.errors.len() < MAX_ERRORS {
                self.error_at(off, format!("invalid character {}", fmt_u(u32::from(c))));
            }
            self.off = off + 1;
            return false;
        }
        match decode(self.src, off) {
            Some((ch, w)) if ch != BOM => {
                // Reported unless it is a letter.
                if !is_letter(ch) {
                    let msg = if is_digit(ch) {
                        format!("identifier cannot begin with digit {}", fmt_u(ch as u32))
                    } else {
                        format!("invalid character {} in identifier", fmt_u(ch as u32))
                    };
                    self.error_at(off, msg);
                }
                self.ident(off, off + w);
                true
            }
            _ => {
                // NUL, bad UTF-8 or a BOM: report, skip, look again.
                self.skip_unreadable();
                false
            }
        }
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

    // ---- reading characters ----

    #[inline(always)]
    fn pos_at(&self, off: usize) -> Pos {
        Pos(self.base.wrapping_add(off as u32))
    }

    /// The current byte; 0 at EOF (a NUL is never current, see `off`).
    #[inline(always)]
    fn cur(&self) -> u8 {
        match self.src.get(self.off) {
            Some(&b) => b,
            None => 0,
        }
    }

    #[inline(always)]
    fn at_eof(&self) -> bool {
        self.off >= self.src.len()
    }

    /// The current character (which must not be at EOF).
    fn cur_char(&self) -> char {
        let b = self.cur();
        if b < 0x80 {
            b as char
        } else {
            decode(self.src, self.off).map_or(char::REPLACEMENT_CHARACTER, |(c, _)| c)
        }
    }

    /// Moves `n` bytes on, then past anything gc's reader skips.
    #[inline(always)]
    fn advance(&mut self, n: usize) {
        self.off += n;
        if let Some(&b) = self.src.get(self.off) {
            if needs_check(b) {
                self.skip_unreadable();
            }
        }
    }

    /// Moves past the current character (which must not be at EOF).
    fn advance_char(&mut self) {
        let b = self.cur();
        let w = if b < 0x80 {
            1
        } else {
            decode(self.src, self.off).map_or(1, |(_, w)| w)
        };
        self.advance(w);
    }

    /// Steps over NUL bytes, invalid UTF-8 and BOMs at `off`, reporting
    /// each (a BOM at offset 0 silently), as gc's source reader does.
    #[cold]
    #[inline(never)]
    fn skip_unreadable(&mut self) {
        let src = self.src;
        let start = self.off;
        let mut off = start;
        while let Some(&b) = src.get(off) {
            // (width, complaint, whether it is fine after all)
            let (w, msg, fine) = if b == 0 {
                (1, "invalid NUL character", false)
            } else if b < 0x80 {
                break;
            } else {
                match decode(src, off) {
                    None => (1, "invalid UTF-8 encoding", false),
                    // A BOM is fine as the file's very first character.
                    Some((BOM, w)) => (w, "invalid BOM in the middle of the file", off == 0),
                    Some(_) => break,
                }
            };
            if off >= self.reported && !fine {
                self.error_at(off, msg);
            }
            off += w;
            self.reported = self.reported.max(off);
        }
        if off != start {
            self.gap_start = start;
            self.gap_end = off;
        }
        self.off = off;
    }

    /// Reports what gc's reader would skip in `from..to`, a range holding
    /// no token syntax (comment or raw string text).
    fn check_text(&mut self, from: usize, to: usize) {
        if is_clean(&self.src[from..to]) {
            return;
        }
        let mut off = from;
        while off < to {
            let b = self.src[off];
            if needs_check(b) {
                self.off = off;
                self.skip_unreadable();
                if self.off == off {
                    // A valid non-ASCII character.
                    off += decode(self.src, off).map_or(1, |(_, w)| w);
                } else {
                    off = self.off;
                }
            } else {
                off += 1;
            }
        }
    }

    /// The end of a token whose scan stopped at `off`: trailing skipped
    /// bytes are not part of it.
    fn token_end(&self, start: usize, off: usize) -> usize {
        if self.gap_end == off && self.gap_start > start {
            self.gap_start
        } else {
            off
        }
    }

    fn error_at(&mut self, off: usize, msg: impl Into<String>) {
        if self.errors.len() >= MAX_ERRORS {
            return;
        }
        let e = Error::new(self.pos_at(off), msg);
        match self.errors.last() {
            Some(last) if last.pos > e.pos => {
                let i = self.errors.partition_point(|x| x.pos <= e.pos);
                self.errors.insert(i, e);
            }
            _ => self.errors.push(e),
        }
    }

    fn error_here(&mut self, msg: impl Into<String>) {
        self.error_at(self.off, msg);
    }

    // ---- tokens ----

    #[inline(always)]
    fn simple(&mut self, tok: Token) {
        self.off += 1;
        self.tok = tok;
    }

    #[inline(always)]
    fn set_op(&mut self, tok: Token, op: Operator, prec: u8) {
        self.tok = tok;
        self.op = op;
        self.prec = prec;
    }

    /// `op` or, followed by '=', `op=`.
    #[inline(always)]
    fn assign_op(&mut self, op: Operator, prec: u8) {
        if self.cur() == b'=' {
            self.advance(1);
            self.set_op(Token::AssignOp, op, prec);
        } else {
            self.set_op(Token::Operator, op, prec);
        }
    }

    /// A name or keyword starting at `start`, read up to `off`.
    fn ident(&mut self, start: usize, mut off: usize) {
        let src = self.src;
        loop {
            // ASCII letters and digits, eight bytes at a time while they
            // last: most names end within the first eight, so this rarely
            // mispredicts.
            loop {
                if let Some(chunk) = src.get(off..off + 8) {
                    let n =
                        ident_prefix_len(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])));
                    off += n;
                    if n < 8 {
                        break;
                    }
                } else {
                    while let Some(&b) = src.get(off) {
                        if CLASS[b as usize] & C_IDENT == 0 {
                            break;
                        }
                        off += 1;
                    }
                    break;
                }
            }
            match src.get(off) {
                Some(&b) if needs_check(b) => match decode(src, off) {
                    Some((ch, w)) if ch != BOM => {
                        // Every non-ASCII character continues a name.
                        if !is_letter(ch) && !is_digit(ch) {
                            let msg =
                                format!("invalid character {} in identifier", fmt_u(ch as u32));
                            self.error_at(off, msg);
                        }
                        off += w;
                    }
                    _ => {
                        self.off = off;
                        self.skip_unreadable();
                        off = self.off;
                    }
                },
                _ => break,
            }
        }
        self.off = off;
        let end = self.token_end(start, off);
        self.lit_start = start as u32;
        self.lit_end = end as u32;
        if let Some(tok) = keyword(&src[start..end]) {
            self.tok = tok;
            self.nlsemi = matches!(
                tok,
                Token::Break | Token::Continue | Token::Fallthrough | Token::Return
            );
            return;
        }
        self.tok = Token::Name;
        self.nlsemi = true;
    }

    fn set_lit(&mut self, kind: LitKind, start: usize, bad: bool) {
        self.nlsemi = true;
        self.tok = Token::Literal;
        self.kind = kind;
        self.bad = bad;
        self.lit_start = start as u32;
        self.lit_end = self.token_end(start, self.off) as u32;
    }

    /// Reads `{ digit | '_' }` for `base` (any decimal digit when base <=
    /// 10, noting the offset of the first one too large for `base` in
    /// `invalid`). Returns bit 0 set if there was a digit, bit 1 if a '_'.
    fn digits(&mut self, base: u32, invalid: &mut Option<usize>) -> u8 {
        let mut seen = 0;
        loop {
            let c = self.cur();
            let is_digit = if base <= 10 {
                let d = c.is_ascii_digit();
                if d && u32::from(c - b'0') >= base && invalid.is_none() {
                    *invalid = Some(self.off);
                }
                d
            } else {
                c.is_ascii_hexdigit()
            };
            if is_digit {
                seen |= 1;
            } else if c == b'_' {
                seen |= 2;
            } else {
                return seen;
            }
            self.advance(1);
        }
    }

    /// A number literal starting at `start`; `seen_point` if it began with
    /// '.', which has been read (the current byte is a digit).
    fn number(&mut self, start: usize, mut seen_point: bool) {
        let errors = self.errors.len();
        let mut ok = true;
        let mut kind = LitKind::Int;
        let mut base = 10;
        // b'x', b'o', b'b', b'0' for a legacy octal, 0 for decimal.
        let mut prefix = 0u8;
        let mut seen = 0u8; // bit 0: digits, bit 1: separators
        let mut invalid = None;

        if !seen_point {
            if self.cur() == b'0' {
                self.advance(1);
                match self.cur() | 0x20 {
                    b'x' => (base, prefix) = (16, b'x'),
                    b'o' => (base, prefix) = (8, b'o'),
                    b'b' => (base, prefix) = (2, b'b'),
                    _ => {
                        (base, prefix) = (8, b'0');
                        seen = 1; // the 0
                    }
                }
                if prefix != b'0' {
                    self.advance(1);
                }
            }
            seen |= self.digits(base, &mut invalid);
            if self.cur() == b'.' {
                if prefix == b'o' || prefix == b'b' {
                    self.error_here(format!(
                        "invalid radix point in {} literal",
                        base_name(base)
                    ));
                    ok = false;
                }
                self.advance(1);
                seen_point = true;
            }
        }
        if seen_point {
            kind = LitKind::Float;
            seen |= self.digits(base, &mut invalid);
        }
        if seen & 1 == 0 && ok {
            self.error_here(format!("{} literal has no digits", base_name(base)));
            ok = false;
        }

        let e = self.cur();
        if e | 0x20 == b'e' || e | 0x20 == b'p' {
            if ok {
                let msg = if e | 0x20 == b'e' && prefix != 0 && prefix != b'0' {
                    Some("decimal")
                } else if e | 0x20 == b'p' && prefix != b'x' {
                    Some("hexadecimal")
                } else {
                    None
                };
                if let Some(m) = msg {
                    self.error_here(format!("'{}' exponent requires {m} mantissa", e as char));
                    ok = false;
                }
            }
            self.advance(1);
            kind = LitKind::Float;
            if self.cur() == b'+' || self.cur() == b'-' {
                self.advance(1);
            }
            let exp = self.digits(10, &mut None);
            seen = exp | (seen & 2);
            if exp & 1 == 0 && ok {
                self.error_here("exponent has no digits");
                ok = false;
            }
        } else if prefix == b'x' && kind == LitKind::Float && ok {
            self.error_here("hexadecimal mantissa requires a 'p' exponent");
            ok = false;
        }

        if self.cur() == b'i' {
            kind = LitKind::Imag;
            self.advance(1);
        }

        let end = self.token_end(start, self.off);
        if kind == LitKind::Int && ok {
            if let Some(at) = invalid {
                let d = self.src[at] as char;
                self.error_at(
                    at,
                    format!("invalid digit '{d}' in {} literal", base_name(base)),
                );
                ok = false;
            }
        }
        if seen & 2 != 0 && ok {
            if let Some(i) = misplaced_separator(&self.src[start..end]) {
                self.error_at(start + i, "'_' must separate successive digits");
                ok = false;
            }
        }
        let bad = !ok || self.errors.len() > errors;
        self.set_lit(kind, start, bad);
    }

    /// A rune literal starting at `start`.
    fn rune_lit(&mut self, start: usize) {
        let errors = self.errors.len();
        let mut ok = true;
        let mut n = 0;
        self.advance(1);
        loop {
            // Plain characters.
            let src = self.src;
            let mut off = self.off;
            while let Some(&b) = src.get(off) {
                if CLASS[b as usize] & C_RUNE == 0 {
                    break;
                }
                off += 1;
                n += 1;
            }
            self.off = off;
            match src.get(off) {
                None => {
                    if ok {
                        self.error_at(start, "rune literal not terminated");
                        ok = false;
                    }
                    break;
                }
                Some(b'\'') => {
                    if ok && n != 1 {
                        if n == 0 {
                            self.error_here("empty rune literal or unescaped '");
                        } else {
                            self.error_at(start, "more than one character in rune literal");
                        }
                        ok = false;
                    }
                    self.advance(1);
                    break;
                }
                Some(b'\\') => {
                    self.advance(1);
                    ok &= self.escape(b'\'');
                    n += 1;
                }
                Some(b'\n') => {
                    if ok {
                        self.error_here("newline in rune literal");
                        ok = false;
                    }
                    break;
                }
                Some(_) => {
                    let before = self.off;
                    self.advance(0);
                    if self.off == before {
                        self.advance_char();
                        n += 1;
                    }
                }
            }
        }
        let bad = !ok || self.errors.len() > errors;
        self.set_lit(LitKind::Rune, start, bad);
    }

    /// An interpreted string literal starting at `start`.
    fn std_string(&mut self, start: usize) {
        let errors = self.errors.len();
        let mut ok = true;
        self.advance(1);
        loop {
            let src = self.src;
            let mut off = self.off;
            while let Some(&b) = src.get(off) {
                if CLASS[b as usize] & C_STR == 0 {
                    break;
                }
                off += 1;
            }
            self.off = off;
            match src.get(off) {
                None => {
                    self.error_at(start, "string not terminated");
                    ok = false;
                    break;
                }
                Some(b'"') => {
                    self.advance(1);
                    break;
                }
                Some(b'\\') => {
                    self.advance(1);
                    ok &= self.escape(b'"');
                }
                Some(b'\n') => {
                    self.error_here("newline in string");
                    ok = false;
                    break;
                }
                Some(_) => {
                    let before = self.off;
                    self.advance(0);
                    if self.off == before {
                        self.advance_char();
                    }
                }
            }
        }
        let bad = !ok || self.errors.len() > errors;
        self.set_lit(LitKind::String, start, bad);
    }

    /// A raw string literal starting at `start`. No skipped byte can hide
    /// a '`', so the first one ends it.
    fn raw_string(&mut self, start: usize) {
        let errors = self.errors.len();
        let from = start + 1;
        let (to, ok) = match memchr::memchr(b'`', &self.src[from..]) {
            Some(i) => (from + i, true),
            None => (self.src.len(), false),
        };
        self.check_text(from, to);
        if ok {
            self.off = to;
            self.advance(1);
        } else {
            self.off = to;
            self.error_at(start, "string not terminated");
        }
        let bad = !ok || self.errors.len() > errors;
        self.set_lit(LitKind::String, start, bad);
    }

    /// Reads an escape sequence after a '\\'. Returns false if it was
    /// reported as malformed; at EOF it returns true, leaving the
    /// complaint to the caller.
    fn escape(&mut self, quote: u8) -> bool {
        let c = self.cur();
        let (n, base, max): (u32, u32, u32) = match c {
            b'a' | b'b' | b'f' | b'n' | b'r' | b't' | b'v' | b'\\' => {
                self.advance(1);
                return true;
            }
            _ if c == quote => {
                self.advance(1);
                return true;
            }
            b'0'..=b'7' => (3, 8, 255),
            b'x' => (2, 16, 255),
            b'u' => (4, 16, char::MAX as u32),
            b'U' => (8, 16, char::MAX as u32),
            _ => {
                if self.at_eof() {
                    return true;
                }
                self.error_here("unknown escape");
                return false;
            }
        };
        if base == 16 {
            self.advance(1);
        }
        let mut x: u32 = 0;
        for _ in 0..n {
            if self.at_eof() {
                return true;
            }
            let c = self.cur();
            let d = match c {
                b'0'..=b'9' => u32::from(c - b'0'),
                b'a'..=b'f' => u32::from(c - b'a') + 10,
                b'A'..=b'F' => u32::from(c - b'A') + 10,
                _ => base,
            };
            if d >= base {
                let ch = quote_rune(self.cur_char());
                self.error_here(format!(
                    "invalid character {ch} in {} escape",
                    base_name(base)
                ));
                return false;
            }
            x = x.wrapping_mul(base).wrapping_add(d);
            self.advance(1);
        }
        if x > max && base == 8 {
            self.error_here(format!("octal escape value {x} > 255"));
            return false;
        }
        if x > max || (0xD800..0xE000).contains(&x) {
            self.error_here(format!("escape is invalid Unicode code point {}", fmt_u(x)));
            return false;
        }
        true
    }

    /// The file name of a line directive that names `name`, as gc resolves
    /// it: an empty name with a column given means the current file name;
    /// other names are cleaned and, if relative, taken relative to the
    /// directory of the file being scanned (when `set_filename` told it).
    fn resolve_filename(&self, name: &[u8], has_col: bool) -> Arc<str> {
        if name.is_empty() {
            if !has_col {
                return "".into();
            }
            return match (self.line_directives.last(), &self.filename) {
                (Some(d), _) => d.filename.clone(),
                (None, Some(f)) => f.clone(),
                (None, None) => "".into(),
            };
        }
        let name = String::from_utf8_lossy(name);
        let path = Path::new(&*name);
        let dir = match &self.filename {
            Some(f) if !path.is_absolute() => Path::new(&**f).parent(),
            _ => None,
        };
        let joined = match dir {
            Some(dir) if !dir.as_os_str().is_empty() => dir.join(path),
            _ => path.to_path_buf(),
        };
        clean_path(&joined).to_string_lossy().into()
    }

    /// gc's scanner, backing up over the second '.' of a `..` followed by a
    /// newline, counts that newline twice: from the second '.' on, gc's
    /// lines are one greater (until a line directive resets them). Add a
    /// line directive at `at` that does the same.
    #[cold]
    fn shift_lines(&mut self, at: usize) {
        let src = self.src;
        let (filename, line, col) = match self.line_directives.last() {
            Some(d) => {
                let from = (d.offset as usize).min(at);
                let lines = memchr::memchr_iter(b'\n', &src[from..at]).count() as u32;
                let col = if d.col == 0 { 0 } else { 2 };
                (
                    d.filename.clone(),
                    d.line.saturating_add(lines).saturating_add(1),
                    col,
                )
            }
            None => {
                let Some(f) = &self.filename else {
                    return; // without the file's name, leave positions alone
                };
                let line = memchr::memchr_iter(b'\n', &src[..at]).count() as u32 + 1;
                (f.clone(), line.saturating_add(1), 2)
            }
        };
        self.line_directives.push(LineDirective {
            offset: at as u32,
            filename,
            line,
            col,
        });
    }

    // ---- comments and directives ----

    /// A `//` comment starting at `start`; the current byte follows the
    /// `//`. Stops at the newline (or EOF), which is left unread. No
    /// skipped byte can hide a newline.
    fn line_comment(&mut self, start: usize) {
        let src = self.src;
        let from = self.off;
        let end = match memchr::memchr(b'\n', &src[from..]) {
            Some(i) => from + i,
            None => src.len(),
        };
        self.check_text(from, end);
        self.off = end;
        self.push_comment(start, end);

        // gc honours //line only at the start of a line.
        if src[start + 2..end].starts_with(b"line ") && (start == 0 || src[start - 1] == b'\n') {
            let mut text_end = end;
            if src[text_end - 1] == b'\r' {
                text_end -= 1;
            }
            self.line_directive(start, text_end, end + 1);
        }
    }

    /// A `/*` comment starting at `start`; the current byte follows the
    /// `/*`. Returns whether the comment contains a newline.
    fn block_comment(&mut self, start: usize) -> bool {
        let src = self.src;
        let from = self.off;
        let close = memchr::memmem::find(&src[from..], b"*/").map(|i| from + i);
        let limit = close.unwrap_or(src.len());
        let end = if is_clean(&src[from..limit]) {
            // Nothing is skipped before the first "*/": that ends it.
            self.off = limit;
            close.map(|p| {
                self.advance(2);
                p + 2
            })
        } else {
            self.block_comment_slow()
        };
        let end = match end {
            Some(end) => {
                self.push_comment(start, end);
                // gc takes the directive to end where the next character
                // starts, after any skipped bytes, and drops its last two
                // bytes as the "*/".
                let seg_end = self.off;
                if src[start + 2..seg_end - 2].starts_with(b"line ") {
                    self.line_directive(start, seg_end - 2, seg_end);
                }
                end
            }
            None => {
                self.error_at(start, "comment not terminated");
                self.push_comment(start, src.len());
                src.len()
            }
        };
        memchr::memchr(b'\n', &src[start..end]).is_some()
    }

    /// Reads a `/*` comment's text and close character by character,
    /// reporting skipped bytes; returns the end of the closing `*/`.
    #[cold]
    fn block_comment_slow(&mut self) -> Option<usize> {
        loop {
            if self.at_eof() {
                return None;
            }
            if self.cur() == b'*' {
                self.advance(1);
                while self.cur() == b'*' {
                    self.advance(1);
                }
                if self.cur() == b'/' {
                    let end = self.off + 1;
                    self.advance(1);
                    return Some(end);
                }
                if self.at_eof() {
                    return None;
                }
            }
            self.advance_char();
        }
    }

    fn push_comment(&mut self, start: usize, end: usize) {
        let bytes = &self.src[start..end];
        let text: Box<str> = match std::str::from_utf8(bytes) {
            Ok(text) => text.into(),
            Err(_) => String::from_utf8_lossy(bytes).into(),
        };
        self.comments.push(Comment {
            pos: self.pos_at(start),
            end: self.pos_at(end),
            text,
        });
    }

    /// Interprets a line directive whose comment starts at `start`; its
    /// text after `//line ` or `/*line ` ends at `text_end`, and it applies
    /// from `effect` on. Malformed ones are reported as gc reports them.
    fn line_directive(&mut self, start: usize, text_end: usize, effect: usize) {
        let src = self.src;
        let from = start + 7; // past "//line " or "/*line "
        let text = &src[from..text_end];

        // The last ":n" is the line, or the column if preceded by ":n".
        let Some(colon) = memchr::memrchr(b':', text) else {
            return; // not a line directive
        };
        let last = colon + 1;
        let Some(n) = parse_decimal(&text[last..]) else {
            let msg = format!(
                "invalid line number: {}",
                String::from_utf8_lossy(&text[last..])
            );
            self.error_at(from + last, msg);
            return;
        };
        let prev = memchr::memrchr(b':', &text[..colon])
            .and_then(|c| parse_decimal(&text[c + 1..colon]).map(|m| (c, m)));
        let (name, line_at, line_text, line, col) = match prev {
            Some((c, m)) => {
                if n == 0 || n > POS_MAX {
                    let msg = format!(
                        "invalid column number: {}",
                        String::from_utf8_lossy(&text[last..])
                    );
                    self.error_at(from + last, msg);
                    return;
                }
                (&text[..c], c + 1, &text[c + 1..colon], m, n)
            }
            None => (&text[..colon], last, &text[last..], n, 0),
        };
        if line == 0 || line > POS_MAX {
            let msg = format!(
                "invalid line number: {}",
                String::from_utf8_lossy(line_text)
            );
            self.error_at(from + line_at, msg);
            return;
        }

        let filename = self.resolve_filename(name, col != 0);

        let (mut line, mut col) = (line as u32, col as u32);
        // gc anchors a /*line directive at the comment's start line, which
        // differs from the line of `effect` if the comment spans lines;
        // shift the numbers so that positions come out the same.
        let newlines = memchr::memchr_iter(b'\n', &src[start..effect.min(src.len())]).count();
        if newlines > 0 && src[start + 1] == b'*' {
            line = line.saturating_add(newlines as u32);
            if col != 0 {
                let last_nl = memchr::memrchr(b'\n', &src[start..effect]).unwrap_or(0) + start;
                col = (effect - last_nl) as u32;
            }
        }
        self.line_directives.push(LineDirective {
            offset: effect as u32,
            filename,
            line,
            col,
        });
    }
}

const KEYWORDS: [(&[u8], Token); 25] = [
    (b"break", Token::Break),
    (b"case", Token::Case),
    (b"chan", Token::Chan),
    (b"const", Token::Const),
    (b"continue", Token::Continue),
    (b"default", Token::Default),
    (b"defer", Token::Defer),
    (b"else", Token::Else),
    (b"fallthrough", Token::Fallthrough),
    (b"for", Token::For),
    (b"func", Token::Func),
    (b"go", Token::Go),
    (b"goto", Token::Goto),
    (b"if", Token::If),
    (b"import", Token::Import),
    (b"interface", Token::Interface),
    (b"map", Token::Map),
    (b"package", Token::Package),
    (b"range", Token::Range),
    (b"return", Token::Return),
    (b"select", Token::Select),
    (b"struct", Token::Struct),
    (b"switch", Token::Switch),
    (b"type", Token::Type),
    (b"var", Token::Var),
];

/// A hash that is perfect on the keywords (checked when `KEYWORD_SLOTS`
/// is built): slot of a word of length >= 2.
const fn keyword_slot(w0: u8, w1: u8, len: usize) -> usize {
    (w0 as usize + 4 * w1 as usize + 6 * len) & 63
}

/// For each hash slot, 1 + the index in `KEYWORDS` of the keyword there,
/// or 0.
static KEYWORD_SLOTS: [u8; 64] = {
    let mut t = [0u8; 64];
    let mut i = 0;
    while i < KEYWORDS.len() {
        let w = KEYWORDS[i].0;
        let h = keyword_slot(w[0], w[1], w.len());
        assert!(t[h] == 0, "keyword hash is not perfect");
        t[h] = i as u8 + 1;
        i += 1;
    }
    t
};

/// The keyword token spelled `word`, if it is one (like `Token::keyword`,
/// with one table probe).
#[inline]
fn keyword(word: &[u8]) -> Option<Token> {
    if word.len() < 2 || word.len() > 11 {
        return None;
    }
    let slot = KEYWORD_SLOTS[keyword_slot(word[0], word[1], word.len())];
    let (kw, tok) = *KEYWORDS.get((slot as usize).wrapping_sub(1))?;
    (kw == word).then_some(tok)
}

/// Whether `text` holds nothing that gc's reader would skip: no NUL, no
/// invalid UTF-8, no BOM.
fn is_clean(text: &[u8]) -> bool {
    if memchr::memchr(0, text).is_some() {
        return false;
    }
    text.is_ascii()
        || (std::str::from_utf8(text).is_ok()
            && memchr::memmem::find(text, "\u{FEFF}".as_bytes()).is_none())
}

/// The number of leading bytes of the little-endian word `x` that are
/// ASCII letters, digits or '_' (SWAR range checks per byte).
#[inline(always)]
fn ident_prefix_len(x: u64) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let ascii = !x & HIGH; // high bit set for bytes < 0x80
    let low7 = x & !HIGH;
    // For 7-bit bytes b: high bit of b + (0x80 - lo) is set iff b >= lo,
    // and of b + (0x7f - hi) iff b > hi; no carry crosses bytes.
    let in_range = |v: u64, lo: u8, hi: u8| {
        (v + ONES * u64::from(0x80 - lo)) & !(v + ONES * u64::from(0x7f - hi)) & HIGH
    };
    let folded = low7 | (ONES * 0x20); // ASCII upper case to lower case
    let letter = in_range(folded, b'a', b'z');
    let digit = in_range(low7, b'0', b'9');
    let underscore = in_range(low7, b'_', b'_');
    let ok = (letter | digit | underscore) & ascii;
    ((!ok & HIGH).trailing_zeros() / 8) as usize
}

/// Decodes the UTF-8 sequence starting with a non-ASCII byte at `off`
/// exactly as Go's `utf8.DecodeRune` accepts it: `None` when it is not a
/// valid encoding (gc then skips one byte).
#[inline]
fn decode(src: &[u8], off: usize) -> Option<(char, usize)> {
    let w = match *src.get(off)? {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let bytes = src.get(off..off + w)?;
    let c = std::str::from_utf8(bytes).ok()?.chars().next()?;
    Some((c, w))
}

/// `text` as a decimal number (Go's `strconv.ParseUint(text, 10, 64)`).
fn parse_decimal(text: &[u8]) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    text.iter().try_fold(0u64, |n, &b| {
        if b.is_ascii_digit() {
            n.checked_mul(10)?.checked_add(u64::from(b - b'0'))
        } else {
            None
        }
    })
}

/// The offset in number literal `lit` of the first '_' that does not sit
/// between two digits (or after a base prefix and before a digit).
fn misplaced_separator(lit: &[u8]) -> Option<usize> {
    #[derive(PartialEq)]
    enum Prev {
        Digit,
        Sep,
        Other,
    }
    let hex = lit.len() >= 2 && lit[0] == b'0' && lit[1] | 0x20 == b'x';
    let prefixed = lit.len() >= 2 && lit[0] == b'0' && matches!(lit[1] | 0x20, b'x' | b'o' | b'b');
    // A base prefix counts as a digit.
    let (mut prev, skip) = if prefixed {
        (Prev::Digit, 2)
    } else {
        (Prev::Other, 0)
    };
    for (i, &b) in lit.iter().enumerate().skip(skip) {
        if b == b'_' {
            if prev != Prev::Digit {
                return Some(i);
            }
            prev = Prev::Sep;
        } else if b.is_ascii_digit() || (hex && b.is_ascii_hexdigit()) {
            prev = Prev::Digit;
        } else {
            if prev == Prev::Sep {
                return Some(i - 1);
            }
            prev = Prev::Other;
        }
    }
    if prev == Prev::Sep {
        Some(lit.len() - 1)
    } else {
        None
    }
}

fn base_name(base: u32) -> &'static str {
    match base {
        2 => "binary",
        8 => "octal",
        16 => "hexadecimal",
        _ => "decimal",
    }
}

/// Go's `unicode.IsLetter`, for a non-ASCII character.
fn is_letter(c: char) -> bool {
    in_ranges(&LETTERS, c as u32)
}

/// Go's `unicode.IsDigit`, for a non-ASCII character.
fn is_digit(c: char) -> bool {
    in_ranges(&DIGITS, c as u32)
}

/// Go's `strconv.IsPrint` (also used to quote strings as Go does).
pub fn is_print(c: u32) -> bool {
    if c < 0x80 {
        (0x20..0x7f).contains(&c)
    } else {
        c <= char::MAX as u32 && !in_ranges(&NOT_PRINT, c)
    }
}

/// Whether `c` lies in one of the sorted inclusive ranges `lo, hi, ...`.
fn in_ranges(ranges: &[u32], c: u32) -> bool {
    let pairs = ranges.len() / 2;
    // The first range whose upper bound is >= c.
    let (mut lo, mut hi) = (0, pairs);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if ranges[2 * mid + 1] < c {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo < pairs && ranges[2 * lo] <= c
}

/// Go's `%#U`: `U+0040 '@'` (the character only if printable).
fn fmt_u(c: u32) -> String {
    let mut s = format!("U+{c:04X}");
    if is_print(c) {
        if let Some(ch) = char::from_u32(c) {
            s.push_str(" '");
            s.push(ch);
            s.push('\'');
        }
    }
    s
}

/// Go's `%q` of a rune (`strconv.QuoteRune`).
fn quote_rune(c: char) -> String {
    let mut s = String::from("'");
    match c {
        '\'' | '\\' => {
            s.push('\\');
            s.push(c);
        }
        _ if is_print(c as u32) => s.push(c),
        '\x07' => s.push_str("\\a"),
        '\x08' => s.push_str("\\b"),
        '\x0c' => s.push_str("\\f"),
        '\n' => s.push_str("\\n"),
        '\r' => s.push_str("\\r"),
        '\t' => s.push_str("\\t"),
        '\x0b' => s.push_str("\\v"),
        _ if (c as u32) < 0x20 || c == '\x7f' => s.push_str(&format!("\\x{:02x}", c as u32)),
        _ if (c as u32) < 0x10000 => s.push_str(&format!("\\u{:04x}", c as u32)),
        _ => s.push_str(&format!("\\U{:08x}", c as u32)),
    }
    s.push('\'');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pos::SourceFile;

    /// A readable form of the current token.
    fn describe(s: &Scanner) -> String {
        match s.tok {
            Token::Name | Token::Literal => String::from_utf8_lossy(s.lit()).into_owned(),
            Token::Operator => s.op.as_str().to_string(),
            Token::AssignOp => format!("{}=", s.op),
            Token::IncOp => format!("{}{}", s.op, s.op),
            Token::Semi => match s.semi {
                SemiKind::Explicit => ";".into(),
                SemiKind::Newline => "NL".into(),
                SemiKind::Eof => "EOF;".into(),
            },
            t => t.as_str().to_string(),
        }
    }

    /// Scans all of `src`, returning the scanner (at EOF) and the tokens.
    fn scan(src: &[u8]) -> (Scanner<'_>, Vec<String>) {
        let mut s = Scanner::new(src, 1);
        let mut toks = Vec::new();
        for _ in 0..src.len() * 2 + 10 {
            s.next();
            if s.tok == Token::Eof {
                return (s, toks);
            }
            toks.push(describe(&s));
        }
        panic!("scanner does not reach EOF on {src:?}");
    }

    fn toks(src: &str) -> Vec<String> {
        scan(src.as_bytes()).1
    }

    /// The errors for `src` as "line:col: msg" (1-based, as gc prints them).
    fn errs(src: &[u8]) -> Vec<String> {
        let (s, _) = scan(src);
        let mut f = SourceFile::new("x.go", 1, src);
        f.set_line_directives(s.line_directives.clone());
        s.errors
            .iter()
            .map(|e| {
                let p = f.position(e.pos.0 - 1);
                format!("{}:{}: {}", p.line, p.col, e.msg)
            })
            .collect()
    }

    /// The first error for `src`, as "line:col: msg".
    fn first_err(src: &[u8]) -> String {
        errs(src).into_iter().next().unwrap_or_default()
    }

    #[test]
    fn operators_and_delimiters() {
        let src = "+ - * / % & | ^ &^ << >> && || < <= > >= == != ! ~ <- \
                   += -= *= /= %= &= |= ^= &^= <<= >>= ++ -- = := ( ) [ ] { } , ; : . ...";
        let want = "+ - * / % & | ^ &^ << >> && || < <= > >= == != ! ~ <- \
                    += -= *= /= %= &= |= ^= &^= <<= >>= ++ -- = := ( ) [ ] { } , ; : . ...";
        // `...` does not end a statement: no semicolon at EOF.
        assert_eq!(toks(src).join(" "), want);
    }

    #[test]
    fn operator_details() {
        let cases: &[(&str, Token, Operator, u8)] = &[
            ("+", Token::Operator, Operator::Add, 4),
            ("-", Token::Operator, Operator::Sub, 4),
            ("|", Token::Operator, Operator::Or, 4),
            ("^", Token::Operator, Operator::Xor, 4),
            ("*", Token::Star, Operator::Mul, 5),
            ("/", Token::Operator, Operator::Div, 5),
            ("%", Token::Operator, Operator::Rem, 5),
            ("&", Token::Operator, Operator::And, 5),
            ("&^", Token::Operator, Operator::AndNot, 5),
            ("<<", Token::Operator, Operator::Shl, 5),
            (">>", Token::Operator, Operator::Shr, 5),
            ("&&", Token::Operator, Operator::AndAnd, 2),
            ("||", Token::Operator, Operator::OrOr, 1),
            ("==", Token::Operator, Operator::Eql, 3),
            ("!=", Token::Operator, Operator::Neq, 3),
            ("<", Token::Operator, Operator::Lss, 3),
            ("<=", Token::Operator, Operator::Leq, 3),
            (">", Token::Operator, Operator::Gtr, 3),
            (">=", Token::Operator, Operator::Geq, 3),
            ("!", Token::Operator, Operator::Not, 0),
            ("~", Token::Operator, Operator::Tilde, 0),
            ("<-", Token::Arrow, Operator::Recv, 0),
            ("*=", Token::AssignOp, Operator::Mul, 5),
            ("+=", Token::AssignOp, Operator::Add, 4),
            ("&^=", Token::AssignOp, Operator::AndNot, 5),
            ("<<=", Token::AssignOp, Operator::Shl, 5),
            (">>=", Token::AssignOp, Operator::Shr, 5),
            ("|=", Token::AssignOp, Operator::Or, 4),
            ("++", Token::IncOp, Operator::Add, 4),
            ("--", Token::IncOp, Operator::Sub, 4),
        ];
        for &(src, tok, op, prec) in cases {
            let mut s = Scanner::new(src.as_bytes(), 10);
            s.next();
            assert_eq!((s.tok, s.op, s.prec), (tok, op, prec), "{src}");
            assert_eq!(s.pos, Pos(10), "{src}");
            s.next();
            let want = if tok == Token::IncOp {
                Token::Semi
            } else {
                Token::Eof
            };
            assert_eq!(s.tok, want, "{src}");
        }
    }

    #[test]
    fn keywords() {
        let kws = [
            "break",
            "case",
            "chan",
            "const",
            "continue",
            "default",
            "defer",
            "else",
            "fallthrough",
            "for",
            "func",
            "go",
            "goto",
            "if",
            "import",
            "interface",
            "map",
            "package",
            "range",
            "return",
            "select",
            "struct",
            "switch",
            "type",
            "var",
        ];
        for kw in kws {
            let src = format!("{kw}\n");
            let mut s = Scanner::new(src.as_bytes(), 1);
            s.next();
            assert!(s.tok.is_keyword(), "{kw}");
            assert_eq!(s.tok.as_str(), kw);
            s.next();
            let ends = matches!(kw, "break" | "continue" | "fallthrough" | "return");
            assert_eq!(s.tok == Token::Semi, ends, "{kw}");
        }
        // Near misses are names.
        for name in [
            "Break", "breaks", "_if", "i", "f", "fo", "funcs", "typ", "x",
        ] {
            assert_eq!(toks(name), vec![name, "EOF;"]);
            let mut s = Scanner::new(name.as_bytes(), 1);
            s.next();
            assert_eq!(s.tok, Token::Name);
        }
    }

    #[test]
    fn semicolon_insertion() {
        let cases = [
            ("x\n", "x NL"),
            ("x", "x EOF;"),
            ("x \t\r\n\n y", "x NL y EOF;"),
            (
                "1\n'a'\n\"s\"\n`r`\n1.5i\n",
                "1 NL 'a' NL \"s\" NL `r` NL 1.5i NL",
            ),
            ("f()\na[i]\n{}\n", "f ( ) NL a [ i ] NL { } NL"),
            ("i++\ni--\n", "i ++ NL i -- NL"),
            (
                "break\ncontinue\nfallthrough\nreturn\n",
                "break NL continue NL fallthrough NL return NL",
            ),
            ("if\nfor\nx +\ny ,\n(\n[\n{\n", "if for x + y , ( [ {"),
            ("x;y;", "x ; y ;"),
            ("x // comment\ny", "x NL y EOF;"),
            ("x // comment", "x EOF;"),
            ("x /* one line */ y", "x y EOF;"),
            ("x /* one line */\ny", "x NL y EOF;"),
            ("x /* two\nlines */ y", "x NL y EOF;"),
            ("+ /* two\nlines */ y", "+ y EOF;"),
            ("x /* unterminated", "x EOF;"),
            ("x /* unterminated\n", "x NL"),
            ("\n\n", ""),
            ("", ""),
        ];
        for (src, want) in cases {
            assert_eq!(toks(src).join(" "), want, "{src:?}");
        }
    }

    #[test]
    fn semicolon_positions() {
        // (source, offset of the inserted semicolon, kind)
        let cases = [
            ("x\n", 1, SemiKind::Newline),
            ("x   \n", 4, SemiKind::Newline),
            ("x // c\n", 6, SemiKind::Newline),
            ("x /* c\n */ y", 2, SemiKind::Newline),
            ("x ", 2, SemiKind::Eof),
            ("x // c", 6, SemiKind::Eof),
            ("x ; y", 2, SemiKind::Explicit),
        ];
        for (src, off, kind) in cases {
            let mut s = Scanner::new(src.as_bytes(), 100);
            s.next();
            assert_eq!(s.tok, Token::Name);
            s.next();
            assert_eq!(
                (s.tok, s.semi, s.pos),
                (Token::Semi, kind, Pos(100 + off)),
                "{src:?}"
            );
        }
        // EOF forever after the EOF semicolon.
        let mut s = Scanner::new(b"x", 1);
        s.next();
        s.next();
        assert_eq!(s.tok, Token::Semi);
        for _ in 0..3 {
            s.next();
            assert_eq!((s.tok, s.pos), (Token::Eof, Pos(2)));
        }
    }

    #[test]
    fn dots() {
        assert_eq!(toks("a.b").join(" "), "a . b EOF;");
        assert_eq!(toks("a..b").join(" "), "a . . b EOF;");
        assert_eq!(toks("a...").join(" "), "a ...");
        assert_eq!(toks("....").join(" "), "... .");
        assert_eq!(toks("x.5").join(" "), "x .5 EOF;");
        assert_eq!(toks("..5").join(" "), ". .5 EOF;");
        let mut s = Scanner::new(b"..x", 7);
        s.next();
        assert_eq!((s.tok, s.pos), (Token::Dot, Pos(7)));
        s.next();
        assert_eq!((s.tok, s.pos), (Token::Dot, Pos(8)));
        s.next();
        assert_eq!((s.tok, s.pos), (Token::Name, Pos(9)));
    }

    #[test]
    fn names() {
        let (s, t) = scan("héllo 日本語 x٣ _ _x9 αβ".as_bytes());
        assert_eq!(t.join(" "), "héllo 日本語 x٣ _ _x9 αβ EOF;");
        assert!(s.errors.is_empty(), "{:?}", s.errors);
        let mut s = Scanner::new(b"  foo_Bar9 ", 5);
        s.next();
        assert_eq!(
            (s.tok, s.pos, s.lit_start, s.lit_end),
            (Token::Name, Pos(7), 2, 10)
        );
        assert_eq!(s.lit(), b"foo_Bar9");
    }

    #[test]
    fn name_errors() {
        let cases: &[(&str, &str)] = &[
            (
                "\u{00BD}",
                "1:1: invalid character U+00BD '½' in identifier",
            ),
            ("𝜶𝜷𝜸_½", "1:14: invalid character U+00BD '½' in identifier"),
            (
                "\u{1D7D8}",
                "1:1: identifier cannot begin with digit U+1D7D8 '𝟘'",
            ),
            (
                "foo\u{1D7D8}_½",
                "1:9: invalid character U+00BD '½' in identifier",
            ),
            ("٣x", "1:1: identifier cannot begin with digit U+0663 '٣'"),
            ("x + #y", "1:5: invalid character U+0023 '#'"),
            ("foo$bar = 0", "1:4: invalid character U+0024 '$'"),
            ("a ? b", "1:3: invalid character U+003F '?'"),
            ("a @ b", "1:3: invalid character U+0040 '@'"),
            ("a \\ b", "1:3: invalid character U+005C '\\'"),
            ("a \x01 b", "1:3: invalid character U+0001"),
            ("a \x7f b", "1:3: invalid character U+007F"),
            ("a \x0b b", "1:3: invalid character U+000B"),
            ("x\u{a0}y", "1:2: invalid character U+00A0 in identifier"),
            ("x\u{200b}", "1:2: invalid character U+200B in identifier"),
            ("x·y", "1:2: invalid character U+00B7 '·' in identifier"),
            ("x😀", "1:2: invalid character U+1F600 '😀' in identifier"),
            ("x\u{E000}", "1:2: invalid character U+E000 in identifier"),
        ];
        for &(src, want) in cases {
            assert_eq!(first_err(src.as_bytes()), want, "{src:?}");
        }
        // A non-letter still continues the name.
        assert_eq!(toks("x·y z").join(" "), "x·y z EOF;");
        assert_eq!(toks("·").join(" "), "· EOF;");
        // An invalid ASCII character separates tokens.
        assert_eq!(toks("a#b").join(" "), "a b EOF;");
    }

    /// (source, kind, tokens, first error)
    const NUMBERS: &[(&str, LitKind, &str, &str)] = {
        use LitKind::*;
        &[
            ("0b0", Int, "0b0", ""),
            ("0b1010", Int, "0b1010", ""),
            ("0B1110", Int, "0B1110", ""),
            ("0b", Int, "0b", "binary literal has no digits"),
            (
                "0b0190",
                Int,
                "0b0190",
                "invalid digit '9' in binary literal",
            ),
            ("0b01a0", Int, "0b01 a0", ""),
            ("0b.", Float, "0b.", "invalid radix point in binary literal"),
            (
                "0b.1",
                Float,
                "0b.1",
                "invalid radix point in binary literal",
            ),
            (
                "0b1.0",
                Float,
                "0b1.0",
                "invalid radix point in binary literal",
            ),
            (
                "0b1e10",
                Float,
                "0b1e10",
                "'e' exponent requires decimal mantissa",
            ),
            (
                "0b1P-1",
                Float,
                "0b1P-1",
                "'P' exponent requires hexadecimal mantissa",
            ),
            ("0b10i", Imag, "0b10i", ""),
            (
                "0b10.0i",
                Imag,
                "0b10.0i",
                "invalid radix point in binary literal",
            ),
            ("0o0", Int, "0o0", ""),
            ("0O1234", Int, "0O1234", ""),
            ("0o", Int, "0o", "octal literal has no digits"),
            (
                "0o8123",
                Int,
                "0o8123",
                "invalid digit '8' in octal literal",
            ),
            (
                "0o1293",
                Int,
                "0o1293",
                "invalid digit '9' in octal literal",
            ),
            ("0o12a3", Int, "0o12 a3", ""),
            ("0o.", Float, "0o.", "invalid radix point in octal literal"),
            (
                "0o1.2",
                Float,
                "0o1.2",
                "invalid radix point in octal literal",
            ),
            (
                "0o1E+2",
                Float,
                "0o1E+2",
                "'E' exponent requires decimal mantissa",
            ),
            (
                "0o1p10",
                Float,
                "0o1p10",
                "'p' exponent requires hexadecimal mantissa",
            ),
            (
                "0o10e0i",
                Imag,
                "0o10e0i",
                "'e' exponent requires decimal mantissa",
            ),
            ("0", Int, "0", ""),
            ("0123", Int, "0123", ""),
            ("08123", Int, "08123", "invalid digit '8' in octal literal"),
            ("01293", Int, "01293", "invalid digit '9' in octal literal"),
            ("0F.", Int, "0 F .", ""),
            ("0123456x", Int, "0123456 x", ""),
            ("1", Int, "1", ""),
            ("1f", Int, "1 f", ""),
            ("0i", Imag, "0i", ""),
            ("0678i", Imag, "0678i", ""),
            ("0.", Float, "0.", ""),
            ("0123.", Float, "0123.", ""),
            ("089.5", Float, "089.5", ""),
            (".0", Float, ".0", ""),
            (".0123", Float, ".0123", ""),
            ("123.123", Float, "123.123", ""),
            ("0e0", Float, "0e0", ""),
            ("123e+0", Float, "123e+0", ""),
            ("0123E-1", Float, "0123E-1", ""),
            ("0.e+1", Float, "0.e+1", ""),
            (".0e-1", Float, ".0e-1", ""),
            ("0123.0123e+456", Float, "0123.0123e+456", ""),
            ("0e", Float, "0e", "exponent has no digits"),
            ("0E+", Float, "0E+", "exponent has no digits"),
            ("1e+f", Float, "1e+ f", "exponent has no digits"),
            (
                "0p0",
                Float,
                "0p0",
                "'p' exponent requires hexadecimal mantissa",
            ),
            (
                "1.0P-1",
                Float,
                "1.0P-1",
                "'P' exponent requires hexadecimal mantissa",
            ),
            ("0.i", Imag, "0.i", ""),
            ("123e+0i", Imag, "123e+0i", ""),
            ("0x0", Int, "0x0", ""),
            ("0xcafef00d", Int, "0xcafef00d", ""),
            ("0XCAFEF00D", Int, "0XCAFEF00D", ""),
            ("0x", Int, "0x", "hexadecimal literal has no digits"),
            ("0x1g", Int, "0x1 g", ""),
            ("0xf00i", Imag, "0xf00i", ""),
            ("0x0p0", Float, "0x0p0", ""),
            ("0x12efp-123", Float, "0x12efp-123", ""),
            ("0xABCD.p+0", Float, "0xABCD.p+0", ""),
            ("0x.0189P-0", Float, "0x.0189P-0", ""),
            ("0x.", Float, "0x.", "hexadecimal literal has no digits"),
            (
                "0x0.",
                Float,
                "0x0.",
                "hexadecimal mantissa requires a 'p' exponent",
            ),
            (
                "0x1.1e0",
                Float,
                "0x1.1e0",
                "hexadecimal mantissa requires a 'p' exponent",
            ),
            (
                "0x1.2gp1a",
                Float,
                "0x1.2 gp1a",
                "hexadecimal mantissa requires a 'p' exponent",
            ),
            ("0x0p", Float, "0x0p", "exponent has no digits"),
            ("0xeP-", Float, "0xeP-", "exponent has no digits"),
            ("0x1234PAB", Float, "0x1234P AB", "exponent has no digits"),
            ("0x1.2p1a", Float, "0x1.2p1 a", ""),
            ("0xf00.bap+12i", Imag, "0xf00.bap+12i", ""),
            ("0b_1000_0001", Int, "0b_1000_0001", ""),
            ("0o_600", Int, "0o_600", ""),
            ("0_466", Int, "0_466", ""),
            ("1_000", Int, "1_000", ""),
            ("1_000.000_1", Float, "1_000.000_1", ""),
            ("10e+1_2_3i", Imag, "10e+1_2_3i", ""),
            ("0x_f00d", Int, "0x_f00d", ""),
            ("0x_f00d.0p1_2", Float, "0x_f00d.0p1_2", ""),
            (
                "0b__1000",
                Int,
                "0b__1000",
                "'_' must separate successive digits",
            ),
            (
                "0o60___0",
                Int,
                "0o60___0",
                "'_' must separate successive digits",
            ),
            ("0466_", Int, "0466_", "'_' must separate successive digits"),
            ("1_.", Float, "1_.", "'_' must separate successive digits"),
            ("0._1", Float, "0._1", "'_' must separate successive digits"),
            (
                "2.7_e0",
                Float,
                "2.7_e0",
                "'_' must separate successive digits",
            ),
            (
                "10e+12_i",
                Imag,
                "10e+12_i",
                "'_' must separate successive digits",
            ),
            (
                "0x___0",
                Int,
                "0x___0",
                "'_' must separate successive digits",
            ),
            (
                "0x1.0_p0",
                Float,
                "0x1.0_p0",
                "'_' must separate successive digits",
            ),
            ("08__", Int, "08__", "invalid digit '8' in octal literal"),
            (
                "0b.p",
                Float,
                "0b.p",
                "invalid radix point in binary literal",
            ),
            (
                "0x.e",
                Float,
                "0x.e",
                "hexadecimal mantissa requires a 'p' exponent",
            ),
        ]
    };

    #[test]
    fn numbers() {
        for &(src, kind, want, err) in NUMBERS {
            let mut s = Scanner::new(src.as_bytes(), 1);
            s.next();
            assert_eq!((s.tok, s.kind), (Token::Literal, kind), "{src}");
            assert_eq!(s.bad, !err.is_empty(), "{src}: bad");
            let first_errors: Vec<String> = s.errors.iter().map(|e| e.msg.clone()).collect();
            if err.is_empty() {
                assert!(first_errors.is_empty(), "{src}: {first_errors:?}");
            } else {
                assert_eq!(first_errors, vec![err.to_string()], "{src}");
            }
            let mut got = vec![describe(&s)];
            loop {
                s.next();
                if s.tok == Token::Eof || s.tok == Token::Semi {
                    break;
                }
                got.push(describe(&s));
            }
            assert_eq!(got.join(" "), want, "{src}");
        }
    }

    #[test]
    fn number_error_positions() {
        let cases: &[(&str, &str)] = &[
            ("0123456789", "1:9: invalid digit '8' in octal literal"),
            (
                "var a, b = 09, 07\n",
                "1:13: invalid digit '9' in octal literal",
            ),
            ("0b.0", "1:3: invalid radix point in binary literal"),
            ("0x.p0\n", "1:4: hexadecimal literal has no digits"),
            ("x = 0b102", "1:9: invalid digit '2' in binary literal"),
            ("x = 1__2", "1:7: '_' must separate successive digits"),
            ("x = 12_", "1:7: '_' must separate successive digits"),
            ("x = 1e", "1:7: exponent has no digits"),
            ("x = 0x1p", "1:9: exponent has no digits"),
            (
                "x = 0x1.0",
                "1:10: hexadecimal mantissa requires a 'p' exponent",
            ),
            ("x = 0o7e1", "1:8: 'e' exponent requires decimal mantissa"),
        ];
        for &(src, want) in cases {
            assert_eq!(errs(src.as_bytes()), vec![want.to_string()], "{src:?}");
        }
    }

    #[test]
    fn strings_and_runes() {
        let cases: &[(&str, LitKind)] = &[
            (r#""""#, LitKind::String),
            (r#""abc""#, LitKind::String),
            (
                r#""a\"b\\c\a\b\f\n\r\t\v\x00\xfF\000\377\u1234\U0010FFFF""#,
                LitKind::String,
            ),
            ("\"日本\"", LitKind::String),
            ("``", LitKind::String),
            ("`a\\b\"\nc\r\nd`", LitKind::String),
            ("'a'", LitKind::Rune),
            ("'日'", LitKind::Rune),
            (r"'\''", LitKind::Rune),
            (r"'\x7f'", LitKind::Rune),
            (r"'\u00e9'", LitKind::Rune),
            (r"'\U0001F600'", LitKind::Rune),
            (r"'\000'", LitKind::Rune),
            (r"'\\'", LitKind::Rune),
        ];
        for &(src, kind) in cases {
            let mut s = Scanner::new(src.as_bytes(), 3);
            s.next();
            assert_eq!(
                (s.tok, s.kind, s.bad),
                (Token::Literal, kind, false),
                "{src}"
            );
            assert_eq!(s.lit(), src.as_bytes());
            assert_eq!(s.pos, Pos(3));
            assert!(s.errors.is_empty(), "{src}: {:?}", s.errors);
            s.next();
            assert_eq!(s.tok, Token::Semi, "{src}");
        }
    }

    #[test]
    fn literal_errors() {
        let cases: &[(&str, &str)] = &[
            ("''", "1:2: empty rune literal or unescaped '"),
            ("'\n", "1:2: newline in rune literal"),
            ("'\\", "1:1: rune literal not terminated"),
            ("'\\'", "1:1: rune literal not terminated"),
            ("'\\x", "1:1: rune literal not terminated"),
            (
                "'\\x'",
                "1:4: invalid character '\\'' in hexadecimal escape",
            ),
            ("'\\y'", "1:3: unknown escape"),
            (
                "'\\x0'",
                "1:5: invalid character '\\'' in hexadecimal escape",
            ),
            ("'\\00'", "1:5: invalid character '\\'' in octal escape"),
            ("'\\377' /*", "1:8: comment not terminated"),
            ("'\\378", "1:5: invalid character '8' in octal escape"),
            ("'\\400'", "1:6: octal escape value 256 > 255"),
            ("'xx", "1:1: rune literal not terminated"),
            ("'xx'", "1:1: more than one character in rune literal"),
            ("'\\\"'", "1:3: unknown escape"),
            ("\n   \"foo\n", "2:8: newline in string"),
            ("\"", "1:1: string not terminated"),
            ("\"foo", "1:1: string not terminated"),
            ("`", "1:1: string not terminated"),
            ("`foo\n\n", "1:1: string not terminated"),
            ("\"\\", "1:1: string not terminated"),
            ("\"\\\"", "1:1: string not terminated"),
            ("\"\\x", "1:1: string not terminated"),
            (
                "\"\\x\"",
                "1:4: invalid character '\"' in hexadecimal escape",
            ),
            ("\"\\y\"", "1:3: unknown escape"),
            ("\"\\'\"", "1:3: unknown escape"),
            (
                "\"\\x0\"",
                "1:5: invalid character '\"' in hexadecimal escape",
            ),
            ("\"\\00\"", "1:5: invalid character '\"' in octal escape"),
            ("\"\\378\"", "1:5: invalid character '8' in octal escape"),
            ("\"\\400\"", "1:6: octal escape value 256 > 255"),
            ("s := \"foo\\z\"", "1:11: unknown escape"),
            (
                "var s string = \"\\x\"",
                "1:19: invalid character '\"' in hexadecimal escape",
            ),
            (
                "return \"\\Uffffffff\"",
                "1:19: escape is invalid Unicode code point U+FFFFFFFF",
            ),
            (
                "\"\\uD800\"",
                "1:8: escape is invalid Unicode code point U+D800",
            ),
            (
                "\"\\U00110000\"",
                "1:12: escape is invalid Unicode code point U+110000",
            ),
            (
                "\"\\xé\"",
                "1:4: invalid character 'é' in hexadecimal escape",
            ),
            (
                "\"\\u12\n\"",
                "1:6: invalid character '\\n' in hexadecimal escape",
            ),
            (
                "\"\\x\t\"",
                "1:4: invalid character '\\t' in hexadecimal escape",
            ),
            (
                "\"\\x\u{200b}\"",
                "1:4: invalid character '\\u200b' in hexadecimal escape",
            ),
            (
                "\"\\x\u{E0001}\"",
                "1:4: invalid character '\\U000e0001' in hexadecimal escape",
            ),
            (
                "\"\\x\x01\"",
                "1:4: invalid character '\\x01' in hexadecimal escape",
            ),
        ];
        for &(src, want) in cases {
            assert_eq!(first_err(src.as_bytes()), want, "{src:?}");
        }
        // Both errors of a bad escape before a newline.
        assert_eq!(
            errs(b"\"\\x\n"),
            vec![
                "1:4: invalid character '\\n' in hexadecimal escape".to_string(),
                "1:4: newline in string".to_string()
            ]
        );
        // Bad literals are marked and their text covers what was read.
        let mut s = Scanner::new(b"'ab' \"x\\q\" `u", 1);
        for want in ["'ab'", "\"x\\q\"", "`u"] {
            s.next();
            assert_eq!((s.tok, s.bad), (Token::Literal, true));
            assert_eq!(s.lit(), want.as_bytes());
        }
        let mut s = Scanner::new(b"\"abc\nd", 1);
        s.next();
        assert_eq!((s.lit(), s.bad), (&b"\"abc"[..], true));
        s.next();
        assert_eq!(s.tok, Token::Semi);
    }

    #[test]
    fn comments() {
        let (s, t) =
            scan(b"// line comment\npackage p // trailing\r\n/* block */ x /* multi\nline */\n//");
        assert_eq!(t.join(" "), "package p NL x NL");
        let got: Vec<(u32, u32, &str)> = s
            .comments
            .iter()
            .map(|c| (c.pos.0 - 1, c.end.0 - 1, &*c.text))
            .collect();
        assert_eq!(
            got,
            vec![
                (0, 15, "// line comment"),
                (26, 38, "// trailing\r"),
                (39, 50, "/* block */"),
                (53, 69, "/* multi\nline */"),
                (70, 72, "//"),
            ]
        );
        assert!(s.comments[2].is_block() && !s.comments[0].is_block());
        assert!(s.errors.is_empty());

        let (s, t) = scan(b"123/* regular comment */");
        assert_eq!(t.join(" "), "123 EOF;");
        assert_eq!(&*s.comments[0].text, "/* regular comment */");
        assert_eq!(s.comments[0].pos, Pos(4));

        // Unterminated comments are reported and kept.
        for (src, want) in [
            ("/*", "1:1: comment not terminated"),
            ("/*/", "1:1: comment not terminated"),
            ("/*\n\nfoo", "1:1: comment not terminated"),
            ("x /* a ** b *", "1:3: comment not terminated"),
            ("0123456789. /* foobar", "1:13: comment not terminated"),
        ] {
            let (s, _) = scan(src.as_bytes());
            assert_eq!(errs(src.as_bytes()), vec![want.to_string()], "{src:?}");
            let c = s.comments.last().unwrap();
            assert_eq!(c.end.0 as usize - 1, src.len());
        }
        // "**/" closes, "/*/" does not.
        assert_eq!(toks("/***/x/*/ */y").join(" "), "x y EOF;");
        assert_eq!(toks("a/**//b").join(" "), "a / b EOF;");
        assert_eq!(toks("a/ /b").join(" "), "a / / b EOF;");
        assert_eq!(toks("a/=b").join(" "), "a /= b EOF;");
    }

    /// The file name, line and column at which the token `x` is placed.
    fn x_position(src: &str, filename: &str) -> (String, Vec<String>) {
        let mut s = Scanner::new(src.as_bytes(), 1);
        s.set_filename(filename);
        let mut at = None;
        loop {
            s.next();
            if s.tok == Token::Eof {
                break;
            }
            if s.tok == Token::Name && s.lit() == b"x" {
                at = Some(s.pos);
            }
        }
        let mut f = SourceFile::new(filename, 1, src.as_bytes());
        f.set_line_directives(s.line_directives.clone());
        let at = at.unwrap_or_else(|| panic!("no x in {src:?}"));
        let p = f.position(at.0 - 1);
        let errors = s
            .errors
            .iter()
            .map(|e| {
                let p = f.position(e.pos.0 - 1);
                format!("{}:{}: {}", p.line, p.col, e.msg)
            })
            .collect();
        (format!("{}:{}:{}", p.filename, p.line, p.col), errors)
    }

    #[test]
    fn line_directives() {
        let f = "directives.go";
        // (source before "x", where x ends up, error)
        let cases: &[(&str, &str, &str)] = &[
            // not directives
            ("//\n", "directives.go:2:1", ""),
            ("//line\n", "directives.go:2:1", ""),
            ("//line foo\n", "directives.go:2:1", ""),
            ("  //line foo:1\n", "directives.go:2:1", ""),
            ("//  line foo:1\n", "directives.go:2:1", ""),
            ("y //line foo:1\n", "directives.go:2:1", ""),
            // malformed ones
            (
                "//line :\n",
                "directives.go:2:1",
                "1:9: invalid line number: ",
            ),
            (
                "//line :x\n",
                "directives.go:2:1",
                "1:9: invalid line number: x",
            ),
            (
                "//line foo :\n",
                "directives.go:2:1",
                "1:13: invalid line number: ",
            ),
            (
                "//line foo:x\n",
                "directives.go:2:1",
                "1:12: invalid line number: x",
            ),
            (
                "//line foo:0\n",
                "directives.go:2:1",
                "1:12: invalid line number: 0",
            ),
            (
                "//line foo:1 \n",
                "directives.go:2:1",
                "1:12: invalid line number: 1 ",
            ),
            (
                "//line foo:-12\n",
                "directives.go:2:1",
                "1:12: invalid line number: -12",
            ),
            (
                "//line C:foo:0\n",
                "directives.go:2:1",
                "1:14: invalid line number: 0",
            ),
            (
                "//line foo:1073741825\n",
                "directives.go:2:1",
                "1:12: invalid line number: 1073741825",
            ),
            (
                "//line foo:99999999999999999999\n",
                "directives.go:2:1",
                "1:12: invalid line number: 99999999999999999999",
            ),
            (
                "//line ::\n",
                "directives.go:2:1",
                "1:10: invalid line number: ",
            ),
            (
                "//line ::x\n",
                "directives.go:2:1",
                "1:10: invalid line number: x",
            ),
            (
                "//line foo::123abc\n",
                "directives.go:2:1",
                "1:13: invalid line number: 123abc",
            ),
            (
                "//line foo::0\n",
                "directives.go:2:1",
                "1:13: invalid line number: 0",
            ),
            (
                "//line foo:0:1\n",
                "directives.go:2:1",
                "1:12: invalid line number: 0",
            ),
            (
                "//line :123:0\n",
                "directives.go:2:1",
                "1:13: invalid column number: 0",
            ),
            (
                "//line foo:123:0\n",
                "directives.go:2:1",
                "1:16: invalid column number: 0",
            ),
            (
                "//line foo:10:1073741825\n",
                "directives.go:2:1",
                "1:15: invalid column number: 1073741825",
            ),
            (
                "/*line :*/ ",
                "directives.go:1:12",
                "1:9: invalid line number: ",
            ),
            (
                "/*line foo:0*/ ",
                "directives.go:1:16",
                "1:12: invalid line number: 0",
            ),
            (
                "/*line foo:1 */ ",
                "directives.go:1:17",
                "1:12: invalid line number: 1 ",
            ),
            (
                "/*line foo:123:0*/ ",
                "directives.go:1:20",
                "1:16: invalid column number: 0",
            ),
            // valid ones
            ("//line foo:123\n", "foo:123:0", ""),
            ("//line foo:123\r\n", "foo:123:0", ""),
            ("//line  foo:123\n", " foo:123:0", ""),
            ("//line foo:123\n//line bar:345\n", "bar:345:0", ""),
            ("//line :x:1\n", ":x:1:0", ""),
            ("//line foo ::1\n", "foo ::1:0", ""),
            ("//line foo:123abc:1\n", "foo:123abc:1:0", ""),
            ("//line foo :123:1\n", "foo :123:1", ""),
            ("//line ::123\n", "::123:0", ""),
            ("//line :x:1:10\n", ":x:1:10", ""),
            ("//line foo :123:1000\n\n", "foo :124:1", ""),
            ("//line :10\n", ":10:0", ""),
            ("//line :10:20\n", "directives.go:10:20", ""),
            ("//line bar:1\n//line :10\n", ":10:0", ""),
            ("//line bar:1\n//line :10:20\n", "bar:10:20", ""),
            ("//line foo/../bar:1\n", "bar:1:0", ""),
            ("//line /src/a/./a.go:5\n", "/src/a/a.go:5:0", ""),
            ("/*line foo:123*/", "foo:123:0", ""),
            ("/*line foo:123*/ ", "foo:123:0", ""),
            ("/*line foo:10:5*/ ", "foo:10:6", ""),
            ("/*line foo :123:10*/", "foo :123:10", ""),
            ("/*line foo:123*/\n//line bar:345\n", "bar:345:0", ""),
            ("/*line :10:20*/", "directives.go:10:20", ""),
            ("//line bar:1\n/*line :10:20*/", "bar:10:20", ""),
            ("y /*line foo:7:3*/ ", "foo:7:4", ""),
            ("/*line foo.go\n:10:2*/ ", "foo.go\n:11:9", ""),
            ("/*line foo.go\n:10*/\n ", "foo.go\n:12:0", ""),
        ];
        for &(pre, want, err) in cases {
            let src = format!("{pre}x");
            let (got, errors) = x_position(&src, f);
            assert_eq!(got, want, "{pre:?}");
            let errors = errors.join("; ");
            assert_eq!(errors, err, "{pre:?}");
        }
    }

    #[test]
    fn line_directive_file_names() {
        let cases = [
            ("//line foo:1\n", "dir/foo"),
            ("//line ./foo:1\n", "dir/foo"),
            ("//line ../foo:1\n", "foo"),
            ("//line ../../foo:1\n", "../foo"),
            ("//line sub/foo:1\n", "dir/sub/foo"),
            ("/*line foo:1*/", "dir/foo"),
            ("//line bar:1\n//line :2:1\n", "dir/bar"),
            ("//line /abs/foo:1\n", "/abs/foo"),
            ("//line /src/a/a.go:1\n", "/src/a/a.go"),
        ];
        for (pre, want) in cases {
            let src = format!("{pre}x");
            let (got, _) = x_position(&src, "dir/directives.go");
            let name = got.rsplitn(3, ':').nth(2).unwrap().to_string();
            assert_eq!(name, want, "{pre:?}");
        }
        // Without set_filename, names are only cleaned, and an omitted one
        // stays empty.
        let (s, _) = scan(b"//line a/./b:3\n//line :4:1\n//line :5\n//line :6:1\n");
        let names: Vec<&str> = s.line_directives.iter().map(|d| &*d.filename).collect();
        assert_eq!(names, ["a/b", "a/b", "", ""]);
        let (s, _) = scan(b"//line :4:1\n");
        assert_eq!(&*s.line_directives[0].filename, "");
    }

    #[test]
    fn gc_position_quirks() {
        // A skipped byte right after a /*line comment ends up in gc's text.
        let (_, errors) = x_position("/*line foo.go:10*/\0 x", "a.go");
        assert_eq!(
            errors,
            [
                "1:15: invalid line number: 10*",
                "1:19: invalid NUL character"
            ]
        );
        // After "..\n" gc counts lines one too high.
        let (got, _) = x_position("y..\nx", "a.go");
        assert_eq!(got, "a.go:3:1");
        let (got, _) = x_position("y..\n//line b.go:10\nz..\n\nx", "a.go");
        assert_eq!(got, "b.go:13:0");
        let (got, _) = x_position("/*line b.go:5:5*/y..\nx", "a.go");
        assert_eq!(got, "b.go:7:1");
        let (got, _) = x_position("/*line b.go:5*/y..\nx", "a.go");
        assert_eq!(got, "b.go:7:0");
        let (got, _) = x_position("y.. \nx", "a.go");
        assert_eq!(got, "a.go:2:1");
    }

    #[test]
    fn line_directive_offsets() {
        let (s, _) = scan(b"//line a.go:5\nx /*line b.go:7:2*/y\n//line c.go:9");
        let got: Vec<(u32, &str, u32, u32)> = s
            .line_directives
            .iter()
            .map(|d| (d.offset, &*d.filename, d.line, d.col))
            .collect();
        assert_eq!(
            got,
            vec![(14, "a.go", 5, 0), (33, "b.go", 7, 2), (49, "c.go", 9, 0)]
        );
    }

    #[test]
    fn bom() {
        let (s, t) = scan("\u{FEFF}package p".as_bytes());
        assert_eq!(t.join(" "), "package p EOF;");
        assert!(s.errors.is_empty());
        assert_eq!(
            errs("foo\n\u{FEFF} bar".as_bytes()),
            ["2:1: invalid BOM in the middle of the file"]
        );
        assert_eq!(
            errs("\u{FEFF}\u{FEFF}x".as_bytes()),
            ["1:4: invalid BOM in the middle of the file"]
        );
        // A BOM inside a token is skipped like whitespace would not be.
        let (s, t) = scan("ab\u{FEFF}cd \"s\u{FEFF}\"".as_bytes());
        assert_eq!(t.join(" "), "ab\u{FEFF}cd \"s\u{FEFF}\" EOF;");
        assert_eq!(s.errors.len(), 2);
    }

    #[test]
    fn unreadable_bytes() {
        assert_eq!(errs(b"fo\x00o"), ["1:3: invalid NUL character"]);
        assert_eq!(errs(b"foo\n\n\xff    "), ["3:1: invalid UTF-8 encoding"]);
        assert_eq!(errs(b"package p\n\n\xef"), ["3:1: invalid UTF-8 encoding"]);
        // Each byte of a bad sequence is reported, as Go decodes them.
        assert_eq!(
            errs(b"x\xe2\x82 \xed\xa0\x80"),
            [
                "1:2: invalid UTF-8 encoding",
                "1:3: invalid UTF-8 encoding",
                "1:5: invalid UTF-8 encoding",
                "1:6: invalid UTF-8 encoding",
                "1:7: invalid UTF-8 encoding"
            ]
        );
        // Skipped bytes do not split tokens, and are not trailing parts of them.
        let (s, t) = scan(b"ab\x00cd\x00 12\x0034\x00 +\x00= .\x00.\x00. \"s\"\x00");
        assert_eq!(t, ["ab\x00cd", "12\x0034", "+=", "...", "\"s\"", "EOF;"]);
        assert_eq!(s.errors.len(), 8);
        // ... and are reported once even when read twice.
        assert_eq!(toks("a.\x00.b").join(" "), "a . . b EOF;");
        assert_eq!(errs(b"a.\x00.b"), ["1:3: invalid NUL character"]);
        // In comments and strings: reported, and the text is kept.
        let (s, _) = scan(b"// a\x00b\xff\n/* \x00 */ `\x00` \"\xff\" '\x00'");
        let got: Vec<String> = s
            .errors
            .iter()
            .map(|e| format!("{} {}", e.pos.0 - 1, e.msg))
            .collect();
        assert_eq!(
            got,
            [
                "4 invalid NUL character",
                "6 invalid UTF-8 encoding",
                "11 invalid NUL character",
                "17 invalid NUL character",
                "21 invalid UTF-8 encoding",
                "25 invalid NUL character",
                "26 empty rune literal or unescaped '"
            ]
        );
        assert_eq!(&*s.comments[0].text, "// a\0b\u{FFFD}");
        assert_eq!(s.comments[0].end, Pos(8));
        // A skipped byte between '*' and '/' does not stop them closing a
        // comment, nor between two '/' starting one.
        assert_eq!(toks("a /* *\x00/ b").join(" "), "a b EOF;");
        assert_eq!(toks("a /\x00/ b").join(" "), "a EOF;");
    }

    #[test]
    fn error_order() {
        // The octal digit error is found after the NUL that follows it.
        assert_eq!(
            errs(b"0128\x00 \x00"),
            [
                "1:4: invalid digit '8' in octal literal",
                "1:5: invalid NUL character",
                "1:7: invalid NUL character"
            ]
        );
    }

    /// A small deterministic generator for the garbage tests.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            self.0 >> 33
        }
    }

    fn check_terminates(src: &[u8]) {
        let mut s = Scanner::new(src, 1);
        let mut n = 0;
        loop {
            s.next();
            assert!(s.pos.0 as usize <= src.len() + 1);
            if matches!(s.tok, Token::Name | Token::Literal) {
                assert!(s.lit_start <= s.lit_end && s.lit_end as usize <= src.len());
            }
            if s.tok == Token::Eof {
                break;
            }
            n += 1;
            assert!(n <= src.len() + 2, "too many tokens for {src:?}");
        }
        for w in s.errors.windows(2) {
            assert!(w[0].pos <= w[1].pos, "errors out of order for {src:?}");
        }
        for c in &s.comments {
            assert!(c.pos < c.end && c.end.0 as usize <= src.len() + 1);
        }
        for d in &s.line_directives {
            assert!(d.offset as usize <= src.len() + 1);
        }
    }

    #[test]
    fn garbage_does_not_panic() {
        let alphabet: &[&[u8]] = &[
            b"\"",
            b"'",
            b"`",
            b"\\",
            b"/",
            b"*",
            b"\n",
            b"\r",
            b" ",
            b"0",
            b"9",
            b"x",
            b"e",
            b"p",
            b"_",
            b".",
            b"u",
            b"U",
            b"i",
            b"+",
            b"-",
            b"=",
            b"<",
            b":",
            b"\x00",
            b"\xff",
            b"\xe2\x82",
            b"\xef\xbb\xbf",
            "é".as_bytes(),
            b"//line ",
            b"/*line ",
            b"a:1",
            b":0",
            b"#",
            b"\\x",
            b"\\u",
            b"\\U",
            b"\\0",
            b"0x",
            b"0b",
            b"0o",
            b"break",
        ];
        let mut rng = Lcg(42);
        for round in 0..3000 {
            let len = (rng.next() % 40) as usize;
            let mut src = Vec::new();
            for _ in 0..len {
                if round % 3 == 0 {
                    src.push(rng.next() as u8);
                } else {
                    src.extend_from_slice(alphabet[rng.next() as usize % alphabet.len()]);
                }
            }
            check_terminates(&src);
        }
        // Every prefix of a source full of tricky constructs.
        let tricky = "package p\n//line a.go:3:4\nvar x = \"\\u00e9\\x4\" + '\\U0001F600' \
                      /* c\n */ `raw\r\n` 0x1.8p-3i 0b1_0 077 .5e+1 ... a.b &^= <-c //line :7\n";
        for i in 0..=tricky.len() {
            check_terminates(&tricky.as_bytes()[..i]);
        }
        // Long runs.
        check_terminates(&vec![b'\''; 10_000]);
        check_terminates(&vec![b'/'; 10_000]);
        check_terminates(&vec![b'\\'; 10_000]);
        check_terminates(&vec![0xff; 10_000]);
        check_terminates(&[b"/*".as_slice(), &vec![b'*'; 10_000]].concat());
    }

    #[test]
    fn keyword_table_agrees() {
        for (kw, tok) in KEYWORDS {
            assert_eq!(keyword(kw), Some(tok));
            assert_eq!(Token::keyword(kw), Some(tok));
            assert_eq!(tok.as_str().as_bytes(), kw);
        }
        let mut rng = Lcg(7);
        for _ in 0..20_000 {
            let len = 1 + (rng.next() % 12) as usize;
            let w: Vec<u8> = (0..len)
                .map(|_| b"abcdefghilmnoprstuvwxyz_"[rng.next() as usize % 24])
                .collect();
            assert_eq!(keyword(&w), Token::keyword(&w), "{w:?}");
        }
    }

    #[test]
    fn ident_prefix_len_matches_bytewise() {
        let mut rng = Lcg(3);
        let pool = b"azAZ09_`{@[/:\x00\x7f\x80\xff\xe0\xc1 \n";
        for _ in 0..100_000 {
            let mut w = [0u8; 8];
            for b in &mut w {
                *b = if rng.next() & 3 == 0 {
                    rng.next() as u8
                } else {
                    pool[rng.next() as usize % pool.len()]
                };
            }
            let want = w
                .iter()
                .take_while(|&&b| CLASS[b as usize] & C_IDENT != 0)
                .count();
            assert_eq!(ident_prefix_len(u64::from_le_bytes(w)), want, "{w:?}");
        }
        for b in 0..=255u8 {
            let w = [b; 8];
            let want = if CLASS[b as usize] & C_IDENT != 0 {
                8
            } else {
                0
            };
            assert_eq!(ident_prefix_len(u64::from_le_bytes(w)), want, "{b}");
        }
    }

    #[test]
    fn formats() {
        assert_eq!(fmt_u('@' as u32), "U+0040 '@'");
        assert_eq!(fmt_u(0x1F600), "U+1F600 '😀'");
        assert_eq!(fmt_u(0xAD), "U+00AD");
        assert_eq!(fmt_u(0xD800), "U+D800");
        assert_eq!(fmt_u(0xFFFF_FFFF), "U+FFFFFFFF");
        assert_eq!(quote_rune('8'), "'8'");
        assert_eq!(quote_rune('\''), "'\\''");
        assert_eq!(quote_rune('"'), "'\"'");
        assert_eq!(quote_rune('\x7f'), "'\\x7f'");
        assert_eq!(quote_rune('\u{feff}'), "'\\ufeff'");
        assert!(is_letter('é') && is_letter('日') && !is_letter('·') && !is_letter('Ⅻ'));
        assert!(is_digit('٣') && !is_digit('²'));
    }
}
