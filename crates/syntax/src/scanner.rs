//! The scanner: turns Go source bytes into tokens, inserting semicolons
//! as the spec says, collecting comments and directives, and reporting
//! lexical errors worded like gc's scanner.
//!
//! What the parser relies on:
//! - `Scanner::new(src, base)` then `next()` repeatedly; after each `next()`
//!   the public "current token" fields describe the token just read.
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
//!   line number: 0", ... at the positions gc uses.
//! - Every comment is pushed to `comments` (text includes `//` or `/* */`,
//!   no trailing newline but a `\r` before it is kept; bytes that are not
//!   UTF-8 are replaced by U+FFFD in `text`, `pos..end` is exact; an
//!   unterminated `/*` comment runs to EOF). `//line` (at the start of a
//!   line) and `/*line` directives are parsed into `line_directives`
//!   (offset = first byte after the directive's line/comment, per gc's
//!   rules; malformed ones are reported like gc reports them). `//go:`
//!   directives are comments too; the parser finds them in `comments`.
//! - The scanner never panics and always terminates: at end of input it
//!   returns `Eof` forever (after the `Semi` that EOF may insert). Sources
//!   longer than `u32::MAX - 1` bytes are scanned up to that length only
//!   (positions are 32-bit).

use std::sync::Arc;

use crate::pos::{LineDirective, Pos};
use crate::token::{
    LitKind, Operator, SemiKind, Token, PREC_ADD, PREC_ANDAND, PREC_CMP, PREC_MUL, PREC_OROR,
};
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
                    let op = if c == b'+' { Operator::Add } else { Operator::Sub };
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
                0 => {
                    // NUL: report and skip, then look again.
                    self.skip_unreadable();
                    continue;
                }
                0x80..=0xFF => match decode(src, off) {
                    Some((ch, w)) if ch != BOM => {
                        // Any other non-ASCII character starts a name,
                        // reported unless it is a letter.
                        if !is_letter(ch) {
                            let msg = if is_digit(ch) {
                                format!("identifier cannot begin with digit {}", fmt_u(ch as u32))
                            } else {
                                format!("invalid character {} in identifier", fmt_u(ch as u32))
                            };
                            self.error_at(off, msg);
                        }
                        self.ident(off, off + w);
                        return;
                    }
                    _ => {
                        self.skip_unreadable();
                        continue;
                    }
                },
                _ => {
                    self.error_at(off, format!("invalid character {}", fmt_u(c as u32)));
                    self.off = off + 1;
                    continue;
                }
            }
            return;
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
        let w = if b < 0x80 { 1 } else { decode(self.src, self.off).map_or(1, |(_, w)| w) };
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
            let (w, msg) = if b == 0 {
                (1, "invalid NUL character")
            } else if b < 0x80 {
                break;
            } else {
                match decode(src, off) {
                    None => (1, "invalid UTF-8 encoding"),
                    Some((BOM, w)) => (w, "invalid BOM in the middle of the file"),
                    Some(_) => break,
                }
            };
            // A BOM is fine as the file's very first character.
            let leading_bom = off == 0 && b != 0 && w == 3;
            if off >= self.reported && !leading_bom {
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
        let e = Error { pos: self.pos_at(off), msg: msg.into() };
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
            // Eight bytes at a time while they last: most names end within
            // the first eight, so the loop rarely mispredicts.
            while let Some(chunk) = src.get(off..off + 8) {
                let n = ident_prefix_len(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])));
                off += n;
                if n < 8 {
                    break;
                }
            }
            while let Some(&b) = src.get(off) {
                if CLASS[b as usize] & C_IDENT == 0 {
                    break;
                }
                off += 1;
            }
            match src.get(off) {
                Some(&b) if needs_check(b) => match decode(src, off) {
                    Some((ch, w)) if ch != BOM => {
                        // Every non-ASCII character continues a name.
                        if !is_letter(ch) && !is_digit(ch) {
                            let msg = format!("invalid character {} in identifier", fmt_u(ch as u32));
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
            self.nlsemi =
                matches!(tok, Token::Break | Token::Continue | Token::Fallthrough | Token::Return);
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
                    self.error_here(format!("invalid radix point in {} literal", base_name(base)));
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
                self.error_at(at, format!("invalid digit '{d}' in {} literal", base_name(base)));
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
                self.error_here(format!("invalid character {ch} in {} escape", base_name(base)));
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

    /// gc's scanner, backing up over the second '.' of a `..` followed by a
    /// newline, counts that newline twice: from the second '.' on, gc's
    /// lines are one greater (until a line directive resets them). Add a
    /// line directive at `at` that does the same.
    #[cold]
    fn shift_lines(&mut self, at: usize) {
        let src = self.src;
        // The file name is the current one: the last directive's name as
        // written (it resolves the same way again), or, with a column, an
        // empty name (which stands for the current name).
        let (filename, line, col) = match self.line_directives.last() {
            Some(d) => {
                let from = (d.offset as usize).min(at);
                let lines = memchr::memchr_iter(b'\n', &src[from..at]).count() as u32;
                let col = if d.col == 0 { 0 } else { 2 };
                (d.filename.clone(), d.line.saturating_add(lines).saturating_add(1), col)
            }
            None => {
                let line = memchr::memchr_iter(b'\n', &src[..at]).count() as u32 + 1;
                ("".into(), line.saturating_add(1), 2)
            }
        };
        self.line_directives.push(LineDirective { offset: at as u32, filename, line, col });
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
        self.comments.push(Comment { pos: self.pos_at(start), end: self.pos_at(end), text });
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
            let msg = format!("invalid line number: {}", String::from_utf8_lossy(&text[last..]));
            self.error_at(from + last, msg);
            return;
        };
        let prev = memchr::memrchr(b':', &text[..colon])
            .and_then(|c| parse_decimal(&text[c + 1..colon]).map(|m| (c, m)));
        let (name, line_at, line_text, line, col) = match prev {
            Some((c, m)) => {
                if n == 0 || n > POS_MAX {
                    let msg =
                        format!("invalid column number: {}", String::from_utf8_lossy(&text[last..]));
                    self.error_at(from + last, msg);
                    return;
                }
                (&text[..c], c + 1, &text[c + 1..colon], m, n)
            }
            None => (&text[..colon], last, &text[last..], n, 0),
        };
        if line == 0 || line > POS_MAX {
            let msg = format!("invalid line number: {}", String::from_utf8_lossy(line_text));
            self.error_at(from + line_at, msg);
            return;
        }

        // The name as written; `SourceFile::set_line_directives` resolves
        // it as gc does (an empty one with a column means the current name,
        // a relative one is relative to the file's directory).
        let filename: Arc<str> = String::from_utf8_lossy(name).into();

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
        self.line_directives.push(LineDirective { offset: effect as u32, filename, line, col });
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
    let (mut prev, skip) = if prefixed { (Prev::Digit, 2) } else { (Prev::Other, 0) };
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

/// Go's `strconv.IsPrint`.
fn is_print(c: u32) -> bool {
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


// ---- Unicode tables, generated from Go's unicode and strconv packages ----

/// Non-ASCII letters (Unicode 17.0.0 category L, Go's `unicode.IsLetter`), as
/// sorted inclusive `lo, hi` pairs.
static LETTERS: [u32; 1364] = [
    0xaa, 0xaa, 0xb5, 0xb5, 0xba, 0xba, 0xc0, 0xd6, 0xd8, 0xf6,
    0xf8, 0x2c1, 0x2c6, 0x2d1, 0x2e0, 0x2e4, 0x2ec, 0x2ec, 0x2ee, 0x2ee,
    0x370, 0x374, 0x376, 0x377, 0x37a, 0x37d, 0x37f, 0x37f, 0x386, 0x386,
    0x388, 0x38a, 0x38c, 0x38c, 0x38e, 0x3a1, 0x3a3, 0x3f5, 0x3f7, 0x481,
    0x48a, 0x52f, 0x531, 0x556, 0x559, 0x559, 0x560, 0x588, 0x5d0, 0x5ea,
    0x5ef, 0x5f2, 0x620, 0x64a, 0x66e, 0x66f, 0x671, 0x6d3, 0x6d5, 0x6d5,
    0x6e5, 0x6e6, 0x6ee, 0x6ef, 0x6fa, 0x6fc, 0x6ff, 0x6ff, 0x710, 0x710,
    0x712, 0x72f, 0x74d, 0x7a5, 0x7b1, 0x7b1, 0x7ca, 0x7ea, 0x7f4, 0x7f5,
    0x7fa, 0x7fa, 0x800, 0x815, 0x81a, 0x81a, 0x824, 0x824, 0x828, 0x828,
    0x840, 0x858, 0x860, 0x86a, 0x870, 0x887, 0x889, 0x88f, 0x8a0, 0x8c9,
    0x904, 0x939, 0x93d, 0x93d, 0x950, 0x950, 0x958, 0x961, 0x971, 0x980,
    0x985, 0x98c, 0x98f, 0x990, 0x993, 0x9a8, 0x9aa, 0x9b0, 0x9b2, 0x9b2,
    0x9b6, 0x9b9, 0x9bd, 0x9bd, 0x9ce, 0x9ce, 0x9dc, 0x9dd, 0x9df, 0x9e1,
    0x9f0, 0x9f1, 0x9fc, 0x9fc, 0xa05, 0xa0a, 0xa0f, 0xa10, 0xa13, 0xa28,
    0xa2a, 0xa30, 0xa32, 0xa33, 0xa35, 0xa36, 0xa38, 0xa39, 0xa59, 0xa5c,
    0xa5e, 0xa5e, 0xa72, 0xa74, 0xa85, 0xa8d, 0xa8f, 0xa91, 0xa93, 0xaa8,
    0xaaa, 0xab0, 0xab2, 0xab3, 0xab5, 0xab9, 0xabd, 0xabd, 0xad0, 0xad0,
    0xae0, 0xae1, 0xaf9, 0xaf9, 0xb05, 0xb0c, 0xb0f, 0xb10, 0xb13, 0xb28,
    0xb2a, 0xb30, 0xb32, 0xb33, 0xb35, 0xb39, 0xb3d, 0xb3d, 0xb5c, 0xb5d,
    0xb5f, 0xb61, 0xb71, 0xb71, 0xb83, 0xb83, 0xb85, 0xb8a, 0xb8e, 0xb90,
    0xb92, 0xb95, 0xb99, 0xb9a, 0xb9c, 0xb9c, 0xb9e, 0xb9f, 0xba3, 0xba4,
    0xba8, 0xbaa, 0xbae, 0xbb9, 0xbd0, 0xbd0, 0xc05, 0xc0c, 0xc0e, 0xc10,
    0xc12, 0xc28, 0xc2a, 0xc39, 0xc3d, 0xc3d, 0xc58, 0xc5a, 0xc5c, 0xc5d,
    0xc60, 0xc61, 0xc80, 0xc80, 0xc85, 0xc8c, 0xc8e, 0xc90, 0xc92, 0xca8,
    0xcaa, 0xcb3, 0xcb5, 0xcb9, 0xcbd, 0xcbd, 0xcdc, 0xcde, 0xce0, 0xce1,
    0xcf1, 0xcf2, 0xd04, 0xd0c, 0xd0e, 0xd10, 0xd12, 0xd3a, 0xd3d, 0xd3d,
    0xd4e, 0xd4e, 0xd54, 0xd56, 0xd5f, 0xd61, 0xd7a, 0xd7f, 0xd85, 0xd96,
    0xd9a, 0xdb1, 0xdb3, 0xdbb, 0xdbd, 0xdbd, 0xdc0, 0xdc6, 0xe01, 0xe30,
    0xe32, 0xe33, 0xe40, 0xe46, 0xe81, 0xe82, 0xe84, 0xe84, 0xe86, 0xe8a,
    0xe8c, 0xea3, 0xea5, 0xea5, 0xea7, 0xeb0, 0xeb2, 0xeb3, 0xebd, 0xebd,
    0xec0, 0xec4, 0xec6, 0xec6, 0xedc, 0xedf, 0xf00, 0xf00, 0xf40, 0xf47,
    0xf49, 0xf6c, 0xf88, 0xf8c, 0x1000, 0x102a, 0x103f, 0x103f, 0x1050, 0x1055,
    0x105a, 0x105d, 0x1061, 0x1061, 0x1065, 0x1066, 0x106e, 0x1070, 0x1075, 0x1081,
    0x108e, 0x108e, 0x10a0, 0x10c5, 0x10c7, 0x10c7, 0x10cd, 0x10cd, 0x10d0, 0x10fa,
    0x10fc, 0x1248, 0x124a, 0x124d, 0x1250, 0x1256, 0x1258, 0x1258, 0x125a, 0x125d,
    0x1260, 0x1288, 0x128a, 0x128d, 0x1290, 0x12b0, 0x12b2, 0x12b5, 0x12b8, 0x12be,
    0x12c0, 0x12c0, 0x12c2, 0x12c5, 0x12c8, 0x12d6, 0x12d8, 0x1310, 0x1312, 0x1315,
    0x1318, 0x135a, 0x1380, 0x138f, 0x13a0, 0x13f5, 0x13f8, 0x13fd, 0x1401, 0x166c,
    0x166f, 0x167f, 0x1681, 0x169a, 0x16a0, 0x16ea, 0x16f1, 0x16f8, 0x1700, 0x1711,
    0x171f, 0x1731, 0x1740, 0x1751, 0x1760, 0x176c, 0x176e, 0x1770, 0x1780, 0x17b3,
    0x17d7, 0x17d7, 0x17dc, 0x17dc, 0x1820, 0x1878, 0x1880, 0x1884, 0x1887, 0x18a8,
    0x18aa, 0x18aa, 0x18b0, 0x18f5, 0x1900, 0x191e, 0x1950, 0x196d, 0x1970, 0x1974,
    0x1980, 0x19ab, 0x19b0, 0x19c9, 0x1a00, 0x1a16, 0x1a20, 0x1a54, 0x1aa7, 0x1aa7,
    0x1b05, 0x1b33, 0x1b45, 0x1b4c, 0x1b83, 0x1ba0, 0x1bae, 0x1baf, 0x1bba, 0x1be5,
    0x1c00, 0x1c23, 0x1c4d, 0x1c4f, 0x1c5a, 0x1c7d, 0x1c80, 0x1c8a, 0x1c90, 0x1cba,
    0x1cbd, 0x1cbf, 0x1ce9, 0x1cec, 0x1cee, 0x1cf3, 0x1cf5, 0x1cf6, 0x1cfa, 0x1cfa,
    0x1d00, 0x1dbf, 0x1e00, 0x1f15, 0x1f18, 0x1f1d, 0x1f20, 0x1f45, 0x1f48, 0x1f4d,
    0x1f50, 0x1f57, 0x1f59, 0x1f59, 0x1f5b, 0x1f5b, 0x1f5d, 0x1f5d, 0x1f5f, 0x1f7d,
    0x1f80, 0x1fb4, 0x1fb6, 0x1fbc, 0x1fbe, 0x1fbe, 0x1fc2, 0x1fc4, 0x1fc6, 0x1fcc,
    0x1fd0, 0x1fd3, 0x1fd6, 0x1fdb, 0x1fe0, 0x1fec, 0x1ff2, 0x1ff4, 0x1ff6, 0x1ffc,
    0x2071, 0x2071, 0x207f, 0x207f, 0x2090, 0x209c, 0x2102, 0x2102, 0x2107, 0x2107,
    0x210a, 0x2113, 0x2115, 0x2115, 0x2119, 0x211d, 0x2124, 0x2124, 0x2126, 0x2126,
    0x2128, 0x2128, 0x212a, 0x212d, 0x212f, 0x2139, 0x213c, 0x213f, 0x2145, 0x2149,
    0x214e, 0x214e, 0x2183, 0x2184, 0x2c00, 0x2ce4, 0x2ceb, 0x2cee, 0x2cf2, 0x2cf3,
    0x2d00, 0x2d25, 0x2d27, 0x2d27, 0x2d2d, 0x2d2d, 0x2d30, 0x2d67, 0x2d6f, 0x2d6f,
    0x2d80, 0x2d96, 0x2da0, 0x2da6, 0x2da8, 0x2dae, 0x2db0, 0x2db6, 0x2db8, 0x2dbe,
    0x2dc0, 0x2dc6, 0x2dc8, 0x2dce, 0x2dd0, 0x2dd6, 0x2dd8, 0x2dde, 0x2e2f, 0x2e2f,
    0x3005, 0x3006, 0x3031, 0x3035, 0x303b, 0x303c, 0x3041, 0x3096, 0x309d, 0x309f,
    0x30a1, 0x30fa, 0x30fc, 0x30ff, 0x3105, 0x312f, 0x3131, 0x318e, 0x31a0, 0x31bf,
    0x31f0, 0x31ff, 0x3400, 0x4dbf, 0x4e00, 0xa48c, 0xa4d0, 0xa4fd, 0xa500, 0xa60c,
    0xa610, 0xa61f, 0xa62a, 0xa62b, 0xa640, 0xa66e, 0xa67f, 0xa69d, 0xa6a0, 0xa6e5,
    0xa717, 0xa71f, 0xa722, 0xa788, 0xa78b, 0xa7dc, 0xa7f1, 0xa801, 0xa803, 0xa805,
    0xa807, 0xa80a, 0xa80c, 0xa822, 0xa840, 0xa873, 0xa882, 0xa8b3, 0xa8f2, 0xa8f7,
    0xa8fb, 0xa8fb, 0xa8fd, 0xa8fe, 0xa90a, 0xa925, 0xa930, 0xa946, 0xa960, 0xa97c,
    0xa984, 0xa9b2, 0xa9cf, 0xa9cf, 0xa9e0, 0xa9e4, 0xa9e6, 0xa9ef, 0xa9fa, 0xa9fe,
    0xaa00, 0xaa28, 0xaa40, 0xaa42, 0xaa44, 0xaa4b, 0xaa60, 0xaa76, 0xaa7a, 0xaa7a,
    0xaa7e, 0xaaaf, 0xaab1, 0xaab1, 0xaab5, 0xaab6, 0xaab9, 0xaabd, 0xaac0, 0xaac0,
    0xaac2, 0xaac2, 0xaadb, 0xaadd, 0xaae0, 0xaaea, 0xaaf2, 0xaaf4, 0xab01, 0xab06,
    0xab09, 0xab0e, 0xab11, 0xab16, 0xab20, 0xab26, 0xab28, 0xab2e, 0xab30, 0xab5a,
    0xab5c, 0xab69, 0xab70, 0xabe2, 0xac00, 0xd7a3, 0xd7b0, 0xd7c6, 0xd7cb, 0xd7fb,
    0xf900, 0xfa6d, 0xfa70, 0xfad9, 0xfb00, 0xfb06, 0xfb13, 0xfb17, 0xfb1d, 0xfb1d,
    0xfb1f, 0xfb28, 0xfb2a, 0xfb36, 0xfb38, 0xfb3c, 0xfb3e, 0xfb3e, 0xfb40, 0xfb41,
    0xfb43, 0xfb44, 0xfb46, 0xfbb1, 0xfbd3, 0xfd3d, 0xfd50, 0xfd8f, 0xfd92, 0xfdc7,
    0xfdf0, 0xfdfb, 0xfe70, 0xfe74, 0xfe76, 0xfefc, 0xff21, 0xff3a, 0xff41, 0xff5a,
    0xff66, 0xffbe, 0xffc2, 0xffc7, 0xffca, 0xffcf, 0xffd2, 0xffd7, 0xffda, 0xffdc,
    0x10000, 0x1000b, 0x1000d, 0x10026, 0x10028, 0x1003a, 0x1003c, 0x1003d, 0x1003f, 0x1004d,
    0x10050, 0x1005d, 0x10080, 0x100fa, 0x10280, 0x1029c, 0x102a0, 0x102d0, 0x10300, 0x1031f,
    0x1032d, 0x10340, 0x10342, 0x10349, 0x10350, 0x10375, 0x10380, 0x1039d, 0x103a0, 0x103c3,
    0x103c8, 0x103cf, 0x10400, 0x1049d, 0x104b0, 0x104d3, 0x104d8, 0x104fb, 0x10500, 0x10527,
    0x10530, 0x10563, 0x10570, 0x1057a, 0x1057c, 0x1058a, 0x1058c, 0x10592, 0x10594, 0x10595,
    0x10597, 0x105a1, 0x105a3, 0x105b1, 0x105b3, 0x105b9, 0x105bb, 0x105bc, 0x105c0, 0x105f3,
    0x10600, 0x10736, 0x10740, 0x10755, 0x10760, 0x10767, 0x10780, 0x10785, 0x10787, 0x107b0,
    0x107b2, 0x107ba, 0x10800, 0x10805, 0x10808, 0x10808, 0x1080a, 0x10835, 0x10837, 0x10838,
    0x1083c, 0x1083c, 0x1083f, 0x10855, 0x10860, 0x10876, 0x10880, 0x1089e, 0x108e0, 0x108f2,
    0x108f4, 0x108f5, 0x10900, 0x10915, 0x10920, 0x10939, 0x10940, 0x10959, 0x10980, 0x109b7,
    0x109be, 0x109bf, 0x10a00, 0x10a00, 0x10a10, 0x10a13, 0x10a15, 0x10a17, 0x10a19, 0x10a35,
    0x10a60, 0x10a7c, 0x10a80, 0x10a9c, 0x10ac0, 0x10ac7, 0x10ac9, 0x10ae4, 0x10b00, 0x10b35,
    0x10b40, 0x10b55, 0x10b60, 0x10b72, 0x10b80, 0x10b91, 0x10c00, 0x10c48, 0x10c80, 0x10cb2,
    0x10cc0, 0x10cf2, 0x10d00, 0x10d23, 0x10d4a, 0x10d65, 0x10d6f, 0x10d85, 0x10e80, 0x10ea9,
    0x10eb0, 0x10eb1, 0x10ec2, 0x10ec7, 0x10f00, 0x10f1c, 0x10f27, 0x10f27, 0x10f30, 0x10f45,
    0x10f70, 0x10f81, 0x10fb0, 0x10fc4, 0x10fe0, 0x10ff6, 0x11003, 0x11037, 0x11071, 0x11072,
    0x11075, 0x11075, 0x11083, 0x110af, 0x110d0, 0x110e8, 0x11103, 0x11126, 0x11144, 0x11144,
    0x11147, 0x11147, 0x11150, 0x11172, 0x11176, 0x11176, 0x11183, 0x111b2, 0x111c1, 0x111c4,
    0x111da, 0x111da, 0x111dc, 0x111dc, 0x11200, 0x11211, 0x11213, 0x1122b, 0x1123f, 0x11240,
    0x11280, 0x11286, 0x11288, 0x11288, 0x1128a, 0x1128d, 0x1128f, 0x1129d, 0x1129f, 0x112a8,
    0x112b0, 0x112de, 0x11305, 0x1130c, 0x1130f, 0x11310, 0x11313, 0x11328, 0x1132a, 0x11330,
    0x11332, 0x11333, 0x11335, 0x11339, 0x1133d, 0x1133d, 0x11350, 0x11350, 0x1135d, 0x11361,
    0x11380, 0x11389, 0x1138b, 0x1138b, 0x1138e, 0x1138e, 0x11390, 0x113b5, 0x113b7, 0x113b7,
    0x113d1, 0x113d1, 0x113d3, 0x113d3, 0x11400, 0x11434, 0x11447, 0x1144a, 0x1145f, 0x11461,
    0x11480, 0x114af, 0x114c4, 0x114c5, 0x114c7, 0x114c7, 0x11580, 0x115ae, 0x115d8, 0x115db,
    0x11600, 0x1162f, 0x11644, 0x11644, 0x11680, 0x116aa, 0x116b8, 0x116b8, 0x11700, 0x1171a,
    0x11740, 0x11746, 0x11800, 0x1182b, 0x118a0, 0x118df, 0x118ff, 0x11906, 0x11909, 0x11909,
    0x1190c, 0x11913, 0x11915, 0x11916, 0x11918, 0x1192f, 0x1193f, 0x1193f, 0x11941, 0x11941,
    0x119a0, 0x119a7, 0x119aa, 0x119d0, 0x119e1, 0x119e1, 0x119e3, 0x119e3, 0x11a00, 0x11a00,
    0x11a0b, 0x11a32, 0x11a3a, 0x11a3a, 0x11a50, 0x11a50, 0x11a5c, 0x11a89, 0x11a9d, 0x11a9d,
    0x11ab0, 0x11af8, 0x11bc0, 0x11be0, 0x11c00, 0x11c08, 0x11c0a, 0x11c2e, 0x11c40, 0x11c40,
    0x11c72, 0x11c8f, 0x11d00, 0x11d06, 0x11d08, 0x11d09, 0x11d0b, 0x11d30, 0x11d46, 0x11d46,
    0x11d60, 0x11d65, 0x11d67, 0x11d68, 0x11d6a, 0x11d89, 0x11d98, 0x11d98, 0x11db0, 0x11ddb,
    0x11ee0, 0x11ef2, 0x11f02, 0x11f02, 0x11f04, 0x11f10, 0x11f12, 0x11f33, 0x11fb0, 0x11fb0,
    0x12000, 0x12399, 0x12480, 0x12543, 0x12f90, 0x12ff0, 0x13000, 0x1342f, 0x13441, 0x13446,
    0x13460, 0x143fa, 0x14400, 0x14646, 0x16100, 0x1611d, 0x16800, 0x16a38, 0x16a40, 0x16a5e,
    0x16a70, 0x16abe, 0x16ad0, 0x16aed, 0x16b00, 0x16b2f, 0x16b40, 0x16b43, 0x16b63, 0x16b77,
    0x16b7d, 0x16b8f, 0x16d40, 0x16d6c, 0x16e40, 0x16e7f, 0x16ea0, 0x16eb8, 0x16ebb, 0x16ed3,
    0x16f00, 0x16f4a, 0x16f50, 0x16f50, 0x16f93, 0x16f9f, 0x16fe0, 0x16fe1, 0x16fe3, 0x16fe3,
    0x16ff2, 0x16ff3, 0x17000, 0x18cd5, 0x18cff, 0x18d1e, 0x18d80, 0x18df2, 0x1aff0, 0x1aff3,
    0x1aff5, 0x1affb, 0x1affd, 0x1affe, 0x1b000, 0x1b122, 0x1b132, 0x1b132, 0x1b150, 0x1b152,
    0x1b155, 0x1b155, 0x1b164, 0x1b167, 0x1b170, 0x1b2fb, 0x1bc00, 0x1bc6a, 0x1bc70, 0x1bc7c,
    0x1bc80, 0x1bc88, 0x1bc90, 0x1bc99, 0x1d400, 0x1d454, 0x1d456, 0x1d49c, 0x1d49e, 0x1d49f,
    0x1d4a2, 0x1d4a2, 0x1d4a5, 0x1d4a6, 0x1d4a9, 0x1d4ac, 0x1d4ae, 0x1d4b9, 0x1d4bb, 0x1d4bb,
    0x1d4bd, 0x1d4c3, 0x1d4c5, 0x1d505, 0x1d507, 0x1d50a, 0x1d50d, 0x1d514, 0x1d516, 0x1d51c,
    0x1d51e, 0x1d539, 0x1d53b, 0x1d53e, 0x1d540, 0x1d544, 0x1d546, 0x1d546, 0x1d54a, 0x1d550,
    0x1d552, 0x1d6a5, 0x1d6a8, 0x1d6c0, 0x1d6c2, 0x1d6da, 0x1d6dc, 0x1d6fa, 0x1d6fc, 0x1d714,
    0x1d716, 0x1d734, 0x1d736, 0x1d74e, 0x1d750, 0x1d76e, 0x1d770, 0x1d788, 0x1d78a, 0x1d7a8,
    0x1d7aa, 0x1d7c2, 0x1d7c4, 0x1d7cb, 0x1df00, 0x1df1e, 0x1df25, 0x1df2a, 0x1e030, 0x1e06d,
    0x1e100, 0x1e12c, 0x1e137, 0x1e13d, 0x1e14e, 0x1e14e, 0x1e290, 0x1e2ad, 0x1e2c0, 0x1e2eb,
    0x1e4d0, 0x1e4eb, 0x1e5d0, 0x1e5ed, 0x1e5f0, 0x1e5f0, 0x1e6c0, 0x1e6de, 0x1e6e0, 0x1e6e2,
    0x1e6e4, 0x1e6e5, 0x1e6e7, 0x1e6ed, 0x1e6f0, 0x1e6f4, 0x1e6fe, 0x1e6ff, 0x1e7e0, 0x1e7e6,
    0x1e7e8, 0x1e7eb, 0x1e7ed, 0x1e7ee, 0x1e7f0, 0x1e7fe, 0x1e800, 0x1e8c4, 0x1e900, 0x1e943,
    0x1e94b, 0x1e94b, 0x1ee00, 0x1ee03, 0x1ee05, 0x1ee1f, 0x1ee21, 0x1ee22, 0x1ee24, 0x1ee24,
    0x1ee27, 0x1ee27, 0x1ee29, 0x1ee32, 0x1ee34, 0x1ee37, 0x1ee39, 0x1ee39, 0x1ee3b, 0x1ee3b,
    0x1ee42, 0x1ee42, 0x1ee47, 0x1ee47, 0x1ee49, 0x1ee49, 0x1ee4b, 0x1ee4b, 0x1ee4d, 0x1ee4f,
    0x1ee51, 0x1ee52, 0x1ee54, 0x1ee54, 0x1ee57, 0x1ee57, 0x1ee59, 0x1ee59, 0x1ee5b, 0x1ee5b,
    0x1ee5d, 0x1ee5d, 0x1ee5f, 0x1ee5f, 0x1ee61, 0x1ee62, 0x1ee64, 0x1ee64, 0x1ee67, 0x1ee6a,
    0x1ee6c, 0x1ee72, 0x1ee74, 0x1ee77, 0x1ee79, 0x1ee7c, 0x1ee7e, 0x1ee7e, 0x1ee80, 0x1ee89,
    0x1ee8b, 0x1ee9b, 0x1eea1, 0x1eea3, 0x1eea5, 0x1eea9, 0x1eeab, 0x1eebb, 0x20000, 0x2a6df,
    0x2a700, 0x2b81d, 0x2b820, 0x2cead, 0x2ceb0, 0x2ebe0, 0x2ebf0, 0x2ee5d, 0x2f800, 0x2fa1d,
    0x30000, 0x3134a, 0x31350, 0x33479,
];

/// Non-ASCII decimal digits (category Nd, Go's `unicode.IsDigit`).
static DIGITS: [u32; 142] = [
    0x660, 0x669, 0x6f0, 0x6f9, 0x7c0, 0x7c9, 0x966, 0x96f, 0x9e6, 0x9ef,
    0xa66, 0xa6f, 0xae6, 0xaef, 0xb66, 0xb6f, 0xbe6, 0xbef, 0xc66, 0xc6f,
    0xce6, 0xcef, 0xd66, 0xd6f, 0xde6, 0xdef, 0xe50, 0xe59, 0xed0, 0xed9,
    0xf20, 0xf29, 0x1040, 0x1049, 0x1090, 0x1099, 0x17e0, 0x17e9, 0x1810, 0x1819,
    0x1946, 0x194f, 0x19d0, 0x19d9, 0x1a80, 0x1a89, 0x1a90, 0x1a99, 0x1b50, 0x1b59,
    0x1bb0, 0x1bb9, 0x1c40, 0x1c49, 0x1c50, 0x1c59, 0xa620, 0xa629, 0xa8d0, 0xa8d9,
    0xa900, 0xa909, 0xa9d0, 0xa9d9, 0xa9f0, 0xa9f9, 0xaa50, 0xaa59, 0xabf0, 0xabf9,
    0xff10, 0xff19, 0x104a0, 0x104a9, 0x10d30, 0x10d39, 0x10d40, 0x10d49, 0x11066, 0x1106f,
    0x110f0, 0x110f9, 0x11136, 0x1113f, 0x111d0, 0x111d9, 0x112f0, 0x112f9, 0x11450, 0x11459,
    0x114d0, 0x114d9, 0x11650, 0x11659, 0x116c0, 0x116c9, 0x116d0, 0x116e3, 0x11730, 0x11739,
    0x118e0, 0x118e9, 0x11950, 0x11959, 0x11bf0, 0x11bf9, 0x11c50, 0x11c59, 0x11d50, 0x11d59,
    0x11da0, 0x11da9, 0x11de0, 0x11de9, 0x11f50, 0x11f59, 0x16130, 0x16139, 0x16a60, 0x16a69,
    0x16ac0, 0x16ac9, 0x16b50, 0x16b59, 0x16d70, 0x16d79, 0x1ccf0, 0x1ccf9, 0x1d7ce, 0x1d7ff,
    0x1e140, 0x1e149, 0x1e2f0, 0x1e2f9, 0x1e4f0, 0x1e4f9, 0x1e5f1, 0x1e5fa, 0x1e950, 0x1e959,
    0x1fbf0, 0x1fbf9,
];

/// Non-ASCII code points that Go's `strconv.IsPrint` rejects (used only to
/// word error messages as gc does).
static NOT_PRINT: [u32; 1482] = [
    0x80, 0xa0, 0xad, 0xad, 0x378, 0x379, 0x380, 0x383, 0x38b, 0x38b,
    0x38d, 0x38d, 0x3a2, 0x3a2, 0x530, 0x530, 0x557, 0x558, 0x58b, 0x58c,
    0x590, 0x590, 0x5c8, 0x5cf, 0x5eb, 0x5ee, 0x5f5, 0x605, 0x61c, 0x61c,
    0x6dd, 0x6dd, 0x70e, 0x70f, 0x74b, 0x74c, 0x7b2, 0x7bf, 0x7fb, 0x7fc,
    0x82e, 0x82f, 0x83f, 0x83f, 0x85c, 0x85d, 0x85f, 0x85f, 0x86b, 0x86f,
    0x890, 0x896, 0x8e2, 0x8e2, 0x984, 0x984, 0x98d, 0x98e, 0x991, 0x992,
    0x9a9, 0x9a9, 0x9b1, 0x9b1, 0x9b3, 0x9b5, 0x9ba, 0x9bb, 0x9c5, 0x9c6,
    0x9c9, 0x9ca, 0x9cf, 0x9d6, 0x9d8, 0x9db, 0x9de, 0x9de, 0x9e4, 0x9e5,
    0x9ff, 0xa00, 0xa04, 0xa04, 0xa0b, 0xa0e, 0xa11, 0xa12, 0xa29, 0xa29,
    0xa31, 0xa31, 0xa34, 0xa34, 0xa37, 0xa37, 0xa3a, 0xa3b, 0xa3d, 0xa3d,
    0xa43, 0xa46, 0xa49, 0xa4a, 0xa4e, 0xa50, 0xa52, 0xa58, 0xa5d, 0xa5d,
    0xa5f, 0xa65, 0xa77, 0xa80, 0xa84, 0xa84, 0xa8e, 0xa8e, 0xa92, 0xa92,
    0xaa9, 0xaa9, 0xab1, 0xab1, 0xab4, 0xab4, 0xaba, 0xabb, 0xac6, 0xac6,
    0xaca, 0xaca, 0xace, 0xacf, 0xad1, 0xadf, 0xae4, 0xae5, 0xaf2, 0xaf8,
    0xb00, 0xb00, 0xb04, 0xb04, 0xb0d, 0xb0e, 0xb11, 0xb12, 0xb29, 0xb29,
    0xb31, 0xb31, 0xb34, 0xb34, 0xb3a, 0xb3b, 0xb45, 0xb46, 0xb49, 0xb4a,
    0xb4e, 0xb54, 0xb58, 0xb5b, 0xb5e, 0xb5e, 0xb64, 0xb65, 0xb78, 0xb81,
    0xb84, 0xb84, 0xb8b, 0xb8d, 0xb91, 0xb91, 0xb96, 0xb98, 0xb9b, 0xb9b,
    0xb9d, 0xb9d, 0xba0, 0xba2, 0xba5, 0xba7, 0xbab, 0xbad, 0xbba, 0xbbd,
    0xbc3, 0xbc5, 0xbc9, 0xbc9, 0xbce, 0xbcf, 0xbd1, 0xbd6, 0xbd8, 0xbe5,
    0xbfb, 0xbff, 0xc0d, 0xc0d, 0xc11, 0xc11, 0xc29, 0xc29, 0xc3a, 0xc3b,
    0xc45, 0xc45, 0xc49, 0xc49, 0xc4e, 0xc54, 0xc57, 0xc57, 0xc5b, 0xc5b,
    0xc5e, 0xc5f, 0xc64, 0xc65, 0xc70, 0xc76, 0xc8d, 0xc8d, 0xc91, 0xc91,
    0xca9, 0xca9, 0xcb4, 0xcb4, 0xcba, 0xcbb, 0xcc5, 0xcc5, 0xcc9, 0xcc9,
    0xcce, 0xcd4, 0xcd7, 0xcdb, 0xcdf, 0xcdf, 0xce4, 0xce5, 0xcf0, 0xcf0,
    0xcf4, 0xcff, 0xd0d, 0xd0d, 0xd11, 0xd11, 0xd45, 0xd45, 0xd49, 0xd49,
    0xd50, 0xd53, 0xd64, 0xd65, 0xd80, 0xd80, 0xd84, 0xd84, 0xd97, 0xd99,
    0xdb2, 0xdb2, 0xdbc, 0xdbc, 0xdbe, 0xdbf, 0xdc7, 0xdc9, 0xdcb, 0xdce,
    0xdd5, 0xdd5, 0xdd7, 0xdd7, 0xde0, 0xde5, 0xdf0, 0xdf1, 0xdf5, 0xe00,
    0xe3b, 0xe3e, 0xe5c, 0xe80, 0xe83, 0xe83, 0xe85, 0xe85, 0xe8b, 0xe8b,
    0xea4, 0xea4, 0xea6, 0xea6, 0xebe, 0xebf, 0xec5, 0xec5, 0xec7, 0xec7,
    0xecf, 0xecf, 0xeda, 0xedb, 0xee0, 0xeff, 0xf48, 0xf48, 0xf6d, 0xf70,
    0xf98, 0xf98, 0xfbd, 0xfbd, 0xfcd, 0xfcd, 0xfdb, 0xfff, 0x10c6, 0x10c6,
    0x10c8, 0x10cc, 0x10ce, 0x10cf, 0x1249, 0x1249, 0x124e, 0x124f, 0x1257, 0x1257,
    0x1259, 0x1259, 0x125e, 0x125f, 0x1289, 0x1289, 0x128e, 0x128f, 0x12b1, 0x12b1,
    0x12b6, 0x12b7, 0x12bf, 0x12bf, 0x12c1, 0x12c1, 0x12c6, 0x12c7, 0x12d7, 0x12d7,
    0x1311, 0x1311, 0x1316, 0x1317, 0x135b, 0x135c, 0x137d, 0x137f, 0x139a, 0x139f,
    0x13f6, 0x13f7, 0x13fe, 0x13ff, 0x1680, 0x1680, 0x169d, 0x169f, 0x16f9, 0x16ff,
    0x1716, 0x171e, 0x1737, 0x173f, 0x1754, 0x175f, 0x176d, 0x176d, 0x1771, 0x1771,
    0x1774, 0x177f, 0x17de, 0x17df, 0x17ea, 0x17ef, 0x17fa, 0x17ff, 0x180e, 0x180e,
    0x181a, 0x181f, 0x1879, 0x187f, 0x18ab, 0x18af, 0x18f6, 0x18ff, 0x191f, 0x191f,
    0x192c, 0x192f, 0x193c, 0x193f, 0x1941, 0x1943, 0x196e, 0x196f, 0x1975, 0x197f,
    0x19ac, 0x19af, 0x19ca, 0x19cf, 0x19db, 0x19dd, 0x1a1c, 0x1a1d, 0x1a5f, 0x1a5f,
    0x1a7d, 0x1a7e, 0x1a8a, 0x1a8f, 0x1a9a, 0x1a9f, 0x1aae, 0x1aaf, 0x1ade, 0x1adf,
    0x1aec, 0x1aff, 0x1b4d, 0x1b4d, 0x1bf4, 0x1bfb, 0x1c38, 0x1c3a, 0x1c4a, 0x1c4c,
    0x1c8b, 0x1c8f, 0x1cbb, 0x1cbc, 0x1cc8, 0x1ccf, 0x1cfb, 0x1cff, 0x1f16, 0x1f17,
    0x1f1e, 0x1f1f, 0x1f46, 0x1f47, 0x1f4e, 0x1f4f, 0x1f58, 0x1f58, 0x1f5a, 0x1f5a,
    0x1f5c, 0x1f5c, 0x1f5e, 0x1f5e, 0x1f7e, 0x1f7f, 0x1fb5, 0x1fb5, 0x1fc5, 0x1fc5,
    0x1fd4, 0x1fd5, 0x1fdc, 0x1fdc, 0x1ff0, 0x1ff1, 0x1ff5, 0x1ff5, 0x1fff, 0x200f,
    0x2028, 0x202f, 0x205f, 0x206f, 0x2072, 0x2073, 0x208f, 0x208f, 0x209d, 0x209f,
    0x20c2, 0x20cf, 0x20f1, 0x20ff, 0x218c, 0x218f, 0x242a, 0x243f, 0x244b, 0x245f,
    0x2b74, 0x2b75, 0x2cf4, 0x2cf8, 0x2d26, 0x2d26, 0x2d28, 0x2d2c, 0x2d2e, 0x2d2f,
    0x2d68, 0x2d6e, 0x2d71, 0x2d7e, 0x2d97, 0x2d9f, 0x2da7, 0x2da7, 0x2daf, 0x2daf,
    0x2db7, 0x2db7, 0x2dbf, 0x2dbf, 0x2dc7, 0x2dc7, 0x2dcf, 0x2dcf, 0x2dd7, 0x2dd7,
    0x2ddf, 0x2ddf, 0x2e5e, 0x2e7f, 0x2e9a, 0x2e9a, 0x2ef4, 0x2eff, 0x2fd6, 0x2fef,
    0x3000, 0x3000, 0x3040, 0x3040, 0x3097, 0x3098, 0x3100, 0x3104, 0x3130, 0x3130,
    0x318f, 0x318f, 0x31e6, 0x31ee, 0x321f, 0x321f, 0xa48d, 0xa48f, 0xa4c7, 0xa4cf,
    0xa62c, 0xa63f, 0xa6f8, 0xa6ff, 0xa7dd, 0xa7f0, 0xa82d, 0xa82f, 0xa83a, 0xa83f,
    0xa878, 0xa87f, 0xa8c6, 0xa8cd, 0xa8da, 0xa8df, 0xa954, 0xa95e, 0xa97d, 0xa97f,
    0xa9ce, 0xa9ce, 0xa9da, 0xa9dd, 0xa9ff, 0xa9ff, 0xaa37, 0xaa3f, 0xaa4e, 0xaa4f,
    0xaa5a, 0xaa5b, 0xaac3, 0xaada, 0xaaf7, 0xab00, 0xab07, 0xab08, 0xab0f, 0xab10,
    0xab17, 0xab1f, 0xab27, 0xab27, 0xab2f, 0xab2f, 0xab6c, 0xab6f, 0xabee, 0xabef,
    0xabfa, 0xabff, 0xd7a4, 0xd7af, 0xd7c7, 0xd7ca, 0xd7fc, 0xf8ff, 0xfa6e, 0xfa6f,
    0xfada, 0xfaff, 0xfb07, 0xfb12, 0xfb18, 0xfb1c, 0xfb37, 0xfb37, 0xfb3d, 0xfb3d,
    0xfb3f, 0xfb3f, 0xfb42, 0xfb42, 0xfb45, 0xfb45, 0xfdd0, 0xfdef, 0xfe1a, 0xfe1f,
    0xfe53, 0xfe53, 0xfe67, 0xfe67, 0xfe6c, 0xfe6f, 0xfe75, 0xfe75, 0xfefd, 0xff00,
    0xffbf, 0xffc1, 0xffc8, 0xffc9, 0xffd0, 0xffd1, 0xffd8, 0xffd9, 0xffdd, 0xffdf,
    0xffe7, 0xffe7, 0xffef, 0xfffb, 0xfffe, 0xffff, 0x1000c, 0x1000c, 0x10027, 0x10027,
    0x1003b, 0x1003b, 0x1003e, 0x1003e, 0x1004e, 0x1004f, 0x1005e, 0x1007f, 0x100fb, 0x100ff,
    0x10103, 0x10106, 0x10134, 0x10136, 0x1018f, 0x1018f, 0x1019d, 0x1019f, 0x101a1, 0x101cf,
    0x101fe, 0x1027f, 0x1029d, 0x1029f, 0x102d1, 0x102df, 0x102fc, 0x102ff, 0x10324, 0x1032c,
    0x1034b, 0x1034f, 0x1037b, 0x1037f, 0x1039e, 0x1039e, 0x103c4, 0x103c7, 0x103d6, 0x103ff,
    0x1049e, 0x1049f, 0x104aa, 0x104af, 0x104d4, 0x104d7, 0x104fc, 0x104ff, 0x10528, 0x1052f,
    0x10564, 0x1056e, 0x1057b, 0x1057b, 0x1058b, 0x1058b, 0x10593, 0x10593, 0x10596, 0x10596,
    0x105a2, 0x105a2, 0x105b2, 0x105b2, 0x105ba, 0x105ba, 0x105bd, 0x105bf, 0x105f4, 0x105ff,
    0x10737, 0x1073f, 0x10756, 0x1075f, 0x10768, 0x1077f, 0x10786, 0x10786, 0x107b1, 0x107b1,
    0x107bb, 0x107ff, 0x10806, 0x10807, 0x10809, 0x10809, 0x10836, 0x10836, 0x10839, 0x1083b,
    0x1083d, 0x1083e, 0x10856, 0x10856, 0x1089f, 0x108a6, 0x108b0, 0x108df, 0x108f3, 0x108f3,
    0x108f6, 0x108fa, 0x1091c, 0x1091e, 0x1093a, 0x1093e, 0x1095a, 0x1097f, 0x109b8, 0x109bb,
    0x109d0, 0x109d1, 0x10a04, 0x10a04, 0x10a07, 0x10a0b, 0x10a14, 0x10a14, 0x10a18, 0x10a18,
    0x10a36, 0x10a37, 0x10a3b, 0x10a3e, 0x10a49, 0x10a4f, 0x10a59, 0x10a5f, 0x10aa0, 0x10abf,
    0x10ae7, 0x10aea, 0x10af7, 0x10aff, 0x10b36, 0x10b38, 0x10b56, 0x10b57, 0x10b73, 0x10b77,
    0x10b92, 0x10b98, 0x10b9d, 0x10ba8, 0x10bb0, 0x10bff, 0x10c49, 0x10c7f, 0x10cb3, 0x10cbf,
    0x10cf3, 0x10cf9, 0x10d28, 0x10d2f, 0x10d3a, 0x10d3f, 0x10d66, 0x10d68, 0x10d86, 0x10d8d,
    0x10d90, 0x10e5f, 0x10e7f, 0x10e7f, 0x10eaa, 0x10eaa, 0x10eae, 0x10eaf, 0x10eb2, 0x10ec1,
    0x10ec8, 0x10ecf, 0x10ed9, 0x10ef9, 0x10f28, 0x10f2f, 0x10f5a, 0x10f6f, 0x10f8a, 0x10faf,
    0x10fcc, 0x10fdf, 0x10ff7, 0x10fff, 0x1104e, 0x11051, 0x11076, 0x1107e, 0x110bd, 0x110bd,
    0x110c3, 0x110cf, 0x110e9, 0x110ef, 0x110fa, 0x110ff, 0x11135, 0x11135, 0x11148, 0x1114f,
    0x11177, 0x1117f, 0x111e0, 0x111e0, 0x111f5, 0x111ff, 0x11212, 0x11212, 0x11242, 0x1127f,
    0x11287, 0x11287, 0x11289, 0x11289, 0x1128e, 0x1128e, 0x1129e, 0x1129e, 0x112aa, 0x112af,
    0x112eb, 0x112ef, 0x112fa, 0x112ff, 0x11304, 0x11304, 0x1130d, 0x1130e, 0x11311, 0x11312,
    0x11329, 0x11329, 0x11331, 0x11331, 0x11334, 0x11334, 0x1133a, 0x1133a, 0x11345, 0x11346,
    0x11349, 0x1134a, 0x1134e, 0x1134f, 0x11351, 0x11356, 0x11358, 0x1135c, 0x11364, 0x11365,
    0x1136d, 0x1136f, 0x11375, 0x1137f, 0x1138a, 0x1138a, 0x1138c, 0x1138d, 0x1138f, 0x1138f,
    0x113b6, 0x113b6, 0x113c1, 0x113c1, 0x113c3, 0x113c4, 0x113c6, 0x113c6, 0x113cb, 0x113cb,
    0x113d6, 0x113d6, 0x113d9, 0x113e0, 0x113e3, 0x113ff, 0x1145c, 0x1145c, 0x11462, 0x1147f,
    0x114c8, 0x114cf, 0x114da, 0x1157f, 0x115b6, 0x115b7, 0x115de, 0x115ff, 0x11645, 0x1164f,
    0x1165a, 0x1165f, 0x1166d, 0x1167f, 0x116ba, 0x116bf, 0x116ca, 0x116cf, 0x116e4, 0x116ff,
    0x1171b, 0x1171c, 0x1172c, 0x1172f, 0x11747, 0x117ff, 0x1183c, 0x1189f, 0x118f3, 0x118fe,
    0x11907, 0x11908, 0x1190a, 0x1190b, 0x11914, 0x11914, 0x11917, 0x11917, 0x11936, 0x11936,
    0x11939, 0x1193a, 0x11947, 0x1194f, 0x1195a, 0x1199f, 0x119a8, 0x119a9, 0x119d8, 0x119d9,
    0x119e5, 0x119ff, 0x11a48, 0x11a4f, 0x11aa3, 0x11aaf, 0x11af9, 0x11aff, 0x11b0a, 0x11b5f,
    0x11b68, 0x11bbf, 0x11be2, 0x11bef, 0x11bfa, 0x11bff, 0x11c09, 0x11c09, 0x11c37, 0x11c37,
    0x11c46, 0x11c4f, 0x11c6d, 0x11c6f, 0x11c90, 0x11c91, 0x11ca8, 0x11ca8, 0x11cb7, 0x11cff,
    0x11d07, 0x11d07, 0x11d0a, 0x11d0a, 0x11d37, 0x11d39, 0x11d3b, 0x11d3b, 0x11d3e, 0x11d3e,
    0x11d48, 0x11d4f, 0x11d5a, 0x11d5f, 0x11d66, 0x11d66, 0x11d69, 0x11d69, 0x11d8f, 0x11d8f,
    0x11d92, 0x11d92, 0x11d99, 0x11d9f, 0x11daa, 0x11daf, 0x11ddc, 0x11ddf, 0x11dea, 0x11edf,
    0x11ef9, 0x11eff, 0x11f11, 0x11f11, 0x11f3b, 0x11f3d, 0x11f5b, 0x11faf, 0x11fb1, 0x11fbf,
    0x11ff2, 0x11ffe, 0x1239a, 0x123ff, 0x1246f, 0x1246f, 0x12475, 0x1247f, 0x12544, 0x12f8f,
    0x12ff3, 0x12fff, 0x13430, 0x1343f, 0x13456, 0x1345f, 0x143fb, 0x143ff, 0x14647, 0x160ff,
    0x1613a, 0x167ff, 0x16a39, 0x16a3f, 0x16a5f, 0x16a5f, 0x16a6a, 0x16a6d, 0x16abf, 0x16abf,
    0x16aca, 0x16acf, 0x16aee, 0x16aef, 0x16af6, 0x16aff, 0x16b46, 0x16b4f, 0x16b5a, 0x16b5a,
    0x16b62, 0x16b62, 0x16b78, 0x16b7c, 0x16b90, 0x16d3f, 0x16d7a, 0x16e3f, 0x16e9b, 0x16e9f,
    0x16eb9, 0x16eba, 0x16ed4, 0x16eff, 0x16f4b, 0x16f4e, 0x16f88, 0x16f8e, 0x16fa0, 0x16fdf,
    0x16fe5, 0x16fef, 0x16ff7, 0x16fff, 0x18cd6, 0x18cfe, 0x18d1f, 0x18d7f, 0x18df3, 0x1afef,
    0x1aff4, 0x1aff4, 0x1affc, 0x1affc, 0x1afff, 0x1afff, 0x1b123, 0x1b131, 0x1b133, 0x1b14f,
    0x1b153, 0x1b154, 0x1b156, 0x1b163, 0x1b168, 0x1b16f, 0x1b2fc, 0x1bbff, 0x1bc6b, 0x1bc6f,
    0x1bc7d, 0x1bc7f, 0x1bc89, 0x1bc8f, 0x1bc9a, 0x1bc9b, 0x1bca0, 0x1cbff, 0x1ccfd, 0x1ccff,
    0x1ceb4, 0x1ceb9, 0x1ced1, 0x1cedf, 0x1cef1, 0x1ceff, 0x1cf2e, 0x1cf2f, 0x1cf47, 0x1cf4f,
    0x1cfc4, 0x1cfff, 0x1d0f6, 0x1d0ff, 0x1d127, 0x1d128, 0x1d173, 0x1d17a, 0x1d1eb, 0x1d1ff,
    0x1d246, 0x1d2bf, 0x1d2d4, 0x1d2df, 0x1d2f4, 0x1d2ff, 0x1d357, 0x1d35f, 0x1d379, 0x1d3ff,
    0x1d455, 0x1d455, 0x1d49d, 0x1d49d, 0x1d4a0, 0x1d4a1, 0x1d4a3, 0x1d4a4, 0x1d4a7, 0x1d4a8,
    0x1d4ad, 0x1d4ad, 0x1d4ba, 0x1d4ba, 0x1d4bc, 0x1d4bc, 0x1d4c4, 0x1d4c4, 0x1d506, 0x1d506,
    0x1d50b, 0x1d50c, 0x1d515, 0x1d515, 0x1d51d, 0x1d51d, 0x1d53a, 0x1d53a, 0x1d53f, 0x1d53f,
    0x1d545, 0x1d545, 0x1d547, 0x1d549, 0x1d551, 0x1d551, 0x1d6a6, 0x1d6a7, 0x1d7cc, 0x1d7cd,
    0x1da8c, 0x1da9a, 0x1daa0, 0x1daa0, 0x1dab0, 0x1deff, 0x1df1f, 0x1df24, 0x1df2b, 0x1dfff,
    0x1e007, 0x1e007, 0x1e019, 0x1e01a, 0x1e022, 0x1e022, 0x1e025, 0x1e025, 0x1e02b, 0x1e02f,
    0x1e06e, 0x1e08e, 0x1e090, 0x1e0ff, 0x1e12d, 0x1e12f, 0x1e13e, 0x1e13f, 0x1e14a, 0x1e14d,
    0x1e150, 0x1e28f, 0x1e2af, 0x1e2bf, 0x1e2fa, 0x1e2fe, 0x1e300, 0x1e4cf, 0x1e4fa, 0x1e5cf,
    0x1e5fb, 0x1e5fe, 0x1e600, 0x1e6bf, 0x1e6df, 0x1e6df, 0x1e6f6, 0x1e6fd, 0x1e700, 0x1e7df,
    0x1e7e7, 0x1e7e7, 0x1e7ec, 0x1e7ec, 0x1e7ef, 0x1e7ef, 0x1e7ff, 0x1e7ff, 0x1e8c5, 0x1e8c6,
    0x1e8d7, 0x1e8ff, 0x1e94c, 0x1e94f, 0x1e95a, 0x1e95d, 0x1e960, 0x1ec70, 0x1ecb5, 0x1ed00,
    0x1ed3e, 0x1edff, 0x1ee04, 0x1ee04, 0x1ee20, 0x1ee20, 0x1ee23, 0x1ee23, 0x1ee25, 0x1ee26,
    0x1ee28, 0x1ee28, 0x1ee33, 0x1ee33, 0x1ee38, 0x1ee38, 0x1ee3a, 0x1ee3a, 0x1ee3c, 0x1ee41,
    0x1ee43, 0x1ee46, 0x1ee48, 0x1ee48, 0x1ee4a, 0x1ee4a, 0x1ee4c, 0x1ee4c, 0x1ee50, 0x1ee50,
    0x1ee53, 0x1ee53, 0x1ee55, 0x1ee56, 0x1ee58, 0x1ee58, 0x1ee5a, 0x1ee5a, 0x1ee5c, 0x1ee5c,
    0x1ee5e, 0x1ee5e, 0x1ee60, 0x1ee60, 0x1ee63, 0x1ee63, 0x1ee65, 0x1ee66, 0x1ee6b, 0x1ee6b,
    0x1ee73, 0x1ee73, 0x1ee78, 0x1ee78, 0x1ee7d, 0x1ee7d, 0x1ee7f, 0x1ee7f, 0x1ee8a, 0x1ee8a,
    0x1ee9c, 0x1eea0, 0x1eea4, 0x1eea4, 0x1eeaa, 0x1eeaa, 0x1eebc, 0x1eeef, 0x1eef2, 0x1efff,
    0x1f02c, 0x1f02f, 0x1f094, 0x1f09f, 0x1f0af, 0x1f0b0, 0x1f0c0, 0x1f0c0, 0x1f0d0, 0x1f0d0,
    0x1f0f6, 0x1f0ff, 0x1f1ae, 0x1f1e5, 0x1f203, 0x1f20f, 0x1f23c, 0x1f23f, 0x1f249, 0x1f24f,
    0x1f252, 0x1f25f, 0x1f266, 0x1f2ff, 0x1f6d9, 0x1f6db, 0x1f6ed, 0x1f6ef, 0x1f6fd, 0x1f6ff,
    0x1f7da, 0x1f7df, 0x1f7ec, 0x1f7ef, 0x1f7f1, 0x1f7ff, 0x1f80c, 0x1f80f, 0x1f848, 0x1f84f,
    0x1f85a, 0x1f85f, 0x1f888, 0x1f88f, 0x1f8ae, 0x1f8af, 0x1f8bc, 0x1f8bf, 0x1f8c2, 0x1f8cf,
    0x1f8d9, 0x1f8ff, 0x1fa58, 0x1fa5f, 0x1fa6e, 0x1fa6f, 0x1fa7d, 0x1fa7f, 0x1fa8b, 0x1fa8d,
    0x1fac7, 0x1fac7, 0x1fac9, 0x1facc, 0x1fadd, 0x1fade, 0x1faeb, 0x1faee, 0x1faf9, 0x1faff,
    0x1fb93, 0x1fb93, 0x1fbfb, 0x1ffff, 0x2a6e0, 0x2a6ff, 0x2b81e, 0x2b81f, 0x2ceae, 0x2ceaf,
    0x2ebe1, 0x2ebef, 0x2ee5e, 0x2f7ff, 0x2fa1e, 0x2ffff, 0x3134b, 0x3134f, 0x3347a, 0xe00ff,
    0xe01f0, 0x10ffff,
];

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
            let want = if tok == Token::IncOp { Token::Semi } else { Token::Eof };
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
        for name in ["Break", "breaks", "_if", "i", "f", "fo", "funcs", "typ", "x"] {
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
            ("1\n'a'\n\"s\"\n`r`\n1.5i\n", "1 NL 'a' NL \"s\" NL `r` NL 1.5i NL"),
            ("f()\na[i]\n{}\n", "f ( ) NL a [ i ] NL { } NL"),
            ("i++\ni--\n", "i ++ NL i -- NL"),
            ("break\ncontinue\nfallthrough\nreturn\n", "break NL continue NL fallthrough NL return NL"),
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
            assert_eq!((s.tok, s.semi, s.pos), (Token::Semi, kind, Pos(100 + off)), "{src:?}");
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
        assert_eq!((s.tok, s.pos, s.lit_start, s.lit_end), (Token::Name, Pos(7), 2, 10));
        assert_eq!(s.lit(), b"foo_Bar9");
    }

    #[test]
    fn name_errors() {
        let cases: &[(&str, &str)] = &[
            ("\u{00BD}", "1:1: invalid character U+00BD '½' in identifier"),
            ("𝜶𝜷𝜸_½", "1:14: invalid character U+00BD '½' in identifier"),
            ("\u{1D7D8}", "1:1: identifier cannot begin with digit U+1D7D8 '𝟘'"),
            ("foo\u{1D7D8}_½", "1:9: invalid character U+00BD '½' in identifier"),
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
            ("0b0190", Int, "0b0190", "invalid digit '9' in binary literal"),
            ("0b01a0", Int, "0b01 a0", ""),
            ("0b.", Float, "0b.", "invalid radix point in binary literal"),
            ("0b.1", Float, "0b.1", "invalid radix point in binary literal"),
            ("0b1.0", Float, "0b1.0", "invalid radix point in binary literal"),
            ("0b1e10", Float, "0b1e10", "'e' exponent requires decimal mantissa"),
            ("0b1P-1", Float, "0b1P-1", "'P' exponent requires hexadecimal mantissa"),
            ("0b10i", Imag, "0b10i", ""),
            ("0b10.0i", Imag, "0b10.0i", "invalid radix point in binary literal"),
            ("0o0", Int, "0o0", ""),
            ("0O1234", Int, "0O1234", ""),
            ("0o", Int, "0o", "octal literal has no digits"),
            ("0o8123", Int, "0o8123", "invalid digit '8' in octal literal"),
            ("0o1293", Int, "0o1293", "invalid digit '9' in octal literal"),
            ("0o12a3", Int, "0o12 a3", ""),
            ("0o.", Float, "0o.", "invalid radix point in octal literal"),
            ("0o1.2", Float, "0o1.2", "invalid radix point in octal literal"),
            ("0o1E+2", Float, "0o1E+2", "'E' exponent requires decimal mantissa"),
            ("0o1p10", Float, "0o1p10", "'p' exponent requires hexadecimal mantissa"),
            ("0o10e0i", Imag, "0o10e0i", "'e' exponent requires decimal mantissa"),
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
            ("0p0", Float, "0p0", "'p' exponent requires hexadecimal mantissa"),
            ("1.0P-1", Float, "1.0P-1", "'P' exponent requires hexadecimal mantissa"),
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
            ("0x0.", Float, "0x0.", "hexadecimal mantissa requires a 'p' exponent"),
            ("0x1.1e0", Float, "0x1.1e0", "hexadecimal mantissa requires a 'p' exponent"),
            ("0x1.2gp1a", Float, "0x1.2 gp1a", "hexadecimal mantissa requires a 'p' exponent"),
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
            ("0b__1000", Int, "0b__1000", "'_' must separate successive digits"),
            ("0o60___0", Int, "0o60___0", "'_' must separate successive digits"),
            ("0466_", Int, "0466_", "'_' must separate successive digits"),
            ("1_.", Float, "1_.", "'_' must separate successive digits"),
            ("0._1", Float, "0._1", "'_' must separate successive digits"),
            ("2.7_e0", Float, "2.7_e0", "'_' must separate successive digits"),
            ("10e+12_i", Imag, "10e+12_i", "'_' must separate successive digits"),
            ("0x___0", Int, "0x___0", "'_' must separate successive digits"),
            ("0x1.0_p0", Float, "0x1.0_p0", "'_' must separate successive digits"),
            ("08__", Int, "08__", "invalid digit '8' in octal literal"),
            ("0b.p", Float, "0b.p", "invalid radix point in binary literal"),
            ("0x.e", Float, "0x.e", "hexadecimal mantissa requires a 'p' exponent"),
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
            ("var a, b = 09, 07\n", "1:13: invalid digit '9' in octal literal"),
            ("0b.0", "1:3: invalid radix point in binary literal"),
            ("0x.p0\n", "1:4: hexadecimal literal has no digits"),
            ("x = 0b102", "1:9: invalid digit '2' in binary literal"),
            ("x = 1__2", "1:7: '_' must separate successive digits"),
            ("x = 12_", "1:7: '_' must separate successive digits"),
            ("x = 1e", "1:7: exponent has no digits"),
            ("x = 0x1p", "1:9: exponent has no digits"),
            ("x = 0x1.0", "1:10: hexadecimal mantissa requires a 'p' exponent"),
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
            (r#""a\"b\\c\a\b\f\n\r\t\v\x00\xfF\000\377\u1234\U0010FFFF""#, LitKind::String),
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
            assert_eq!((s.tok, s.kind, s.bad), (Token::Literal, kind, false), "{src}");
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
            ("'\\x'", "1:4: invalid character '\\'' in hexadecimal escape"),
            ("'\\y'", "1:3: unknown escape"),
            ("'\\x0'", "1:5: invalid character '\\'' in hexadecimal escape"),
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
            ("\"\\x\"", "1:4: invalid character '\"' in hexadecimal escape"),
            ("\"\\y\"", "1:3: unknown escape"),
            ("\"\\'\"", "1:3: unknown escape"),
            ("\"\\x0\"", "1:5: invalid character '\"' in hexadecimal escape"),
            ("\"\\00\"", "1:5: invalid character '\"' in octal escape"),
            ("\"\\378\"", "1:5: invalid character '8' in octal escape"),
            ("\"\\400\"", "1:6: octal escape value 256 > 255"),
            ("s := \"foo\\z\"", "1:11: unknown escape"),
            ("var s string = \"\\x\"", "1:19: invalid character '\"' in hexadecimal escape"),
            ("return \"\\Uffffffff\"", "1:19: escape is invalid Unicode code point U+FFFFFFFF"),
            ("\"\\uD800\"", "1:8: escape is invalid Unicode code point U+D800"),
            ("\"\\U00110000\"", "1:12: escape is invalid Unicode code point U+110000"),
            ("\"\\xé\"", "1:4: invalid character 'é' in hexadecimal escape"),
            ("\"\\u12\n\"", "1:6: invalid character '\\n' in hexadecimal escape"),
            ("\"\\x\t\"", "1:4: invalid character '\\t' in hexadecimal escape"),
            ("\"\\x\u{200b}\"", "1:4: invalid character '\\u200b' in hexadecimal escape"),
            ("\"\\x\u{E0001}\"", "1:4: invalid character '\\U000e0001' in hexadecimal escape"),
            ("\"\\x\x01\"", "1:4: invalid character '\\x01' in hexadecimal escape"),
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
        let (s, t) = scan(b"// line comment\npackage p // trailing\r\n/* block */ x /* multi\nline */\n//");
        assert_eq!(t.join(" "), "package p NL x NL");
        let got: Vec<(u32, u32, &str)> =
            s.comments.iter().map(|c| (c.pos.0 - 1, c.end.0 - 1, &*c.text)).collect();
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
    fn x_position(src: &str, filename: Option<&str>) -> (String, Vec<String>) {
        let mut s = Scanner::new(src.as_bytes(), 1);
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
        let mut f = SourceFile::new(filename.unwrap_or("directives.go"), 1, src.as_bytes());
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
            ("//line :\n", "directives.go:2:1", "1:9: invalid line number: "),
            ("//line :x\n", "directives.go:2:1", "1:9: invalid line number: x"),
            ("//line foo :\n", "directives.go:2:1", "1:13: invalid line number: "),
            ("//line foo:x\n", "directives.go:2:1", "1:12: invalid line number: x"),
            ("//line foo:0\n", "directives.go:2:1", "1:12: invalid line number: 0"),
            ("//line foo:1 \n", "directives.go:2:1", "1:12: invalid line number: 1 "),
            ("//line foo:-12\n", "directives.go:2:1", "1:12: invalid line number: -12"),
            ("//line C:foo:0\n", "directives.go:2:1", "1:14: invalid line number: 0"),
            ("//line foo:1073741825\n", "directives.go:2:1", "1:12: invalid line number: 1073741825"),
            (
                "//line foo:99999999999999999999\n",
                "directives.go:2:1",
                "1:12: invalid line number: 99999999999999999999",
            ),
            ("//line ::\n", "directives.go:2:1", "1:10: invalid line number: "),
            ("//line ::x\n", "directives.go:2:1", "1:10: invalid line number: x"),
            ("//line foo::123abc\n", "directives.go:2:1", "1:13: invalid line number: 123abc"),
            ("//line foo::0\n", "directives.go:2:1", "1:13: invalid line number: 0"),
            ("//line foo:0:1\n", "directives.go:2:1", "1:12: invalid line number: 0"),
            ("//line :123:0\n", "directives.go:2:1", "1:13: invalid column number: 0"),
            ("//line foo:123:0\n", "directives.go:2:1", "1:16: invalid column number: 0"),
            (
                "//line foo:10:1073741825\n",
                "directives.go:2:1",
                "1:15: invalid column number: 1073741825",
            ),
            ("/*line :*/ ", "directives.go:1:12", "1:9: invalid line number: "),
            ("/*line foo:0*/ ", "directives.go:1:16", "1:12: invalid line number: 0"),
            ("/*line foo:1 */ ", "directives.go:1:17", "1:12: invalid line number: 1 "),
            ("/*line foo:123:0*/ ", "directives.go:1:20", "1:16: invalid column number: 0"),
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
            let (got, errors) = x_position(&src, Some(f));
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
            let (got, _) = x_position(&src, Some("dir/directives.go"));
            let name = got.rsplitn(3, ':').nth(2).unwrap().to_string();
            assert_eq!(name, want, "{pre:?}");
        }
        // The scanner keeps names as written.
        let (s, _) = scan(b"//line a/./b:3\n//line :4:1\n");
        let names: Vec<&str> = s.line_directives.iter().map(|d| &*d.filename).collect();
        assert_eq!(names, ["a/./b", ""]);
    }

    #[test]
    fn line_directive_offsets() {
        let (s, _) = scan(b"//line a.go:5\nx /*line b.go:7:2*/y\n//line c.go:9");
        let got: Vec<(u32, &str, u32, u32)> =
            s.line_directives.iter().map(|d| (d.offset, &*d.filename, d.line, d.col)).collect();
        assert_eq!(got, vec![(14, "a.go", 5, 0), (33, "b.go", 7, 2), (49, "c.go", 9, 0)]);
    }

    #[test]
    fn bom() {
        let (s, t) = scan("\u{FEFF}package p".as_bytes());
        assert_eq!(t.join(" "), "package p EOF;");
        assert!(s.errors.is_empty());
        assert_eq!(errs("foo\n\u{FEFF} bar".as_bytes()), ["2:1: invalid BOM in the middle of the file"]);
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
        let got: Vec<String> = s.errors.iter().map(|e| format!("{} {}", e.pos.0 - 1, e.msg)).collect();
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
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
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
            b"\"", b"'", b"`", b"\\", b"/", b"*", b"\n", b"\r", b" ", b"0", b"9", b"x", b"e",
            b"p", b"_", b".", b"u", b"U", b"i", b"+", b"-", b"=", b"<", b":", b"\x00", b"\xff",
            b"\xe2\x82", b"\xef\xbb\xbf", "é".as_bytes(), b"//line ", b"/*line ", b"a:1", b":0",
            b"#", b"\\x", b"\\u", b"\\U", b"\\0", b"0x", b"0b", b"0o", b"break",
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
            let w: Vec<u8> = (0..len).map(|_| b"abcdefghilmnoprstuvwxyz_"[rng.next() as usize % 24]).collect();
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
                *b = if rng.next() % 4 == 0 { rng.next() as u8 } else { pool[rng.next() as usize % pool.len()] };
            }
            let want = w.iter().take_while(|&&b| CLASS[b as usize] & C_IDENT != 0).count();
            assert_eq!(ident_prefix_len(u64::from_le_bytes(w)), want, "{w:?}");
        }
        for b in 0..=255u8 {
            let w = [b; 8];
            let want = if CLASS[b as usize] & C_IDENT != 0 { 8 } else { 0 };
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
