//! The recursive-descent parser: tokens to `ast::File`.
//!
//! It makes the decisions gc's parser makes, in the same order, because
//! gc's syntax errors are part of the observable behaviour: the same
//! "unexpected X, expected Y" at the same token, the same recovery (skip to
//! a follow set), the same resolution of the grammar's ambiguities
//! (composite literals in statement headers, `[` in type declarations,
//! parameter lists with and without names).

use std::sync::Arc;

use crate::ast::*;
use crate::pos::{Pos, SourceFile};
use crate::scanner::Scanner;
use crate::token::{LitKind, Operator, SemiKind, Token};
use crate::{Error, MAX_NESTING};

pub(crate) fn parse(filename: &str, src: &[u8], base: u32) -> (File, Vec<Error>) {
    let source = SourceFile::new(filename, base, src);
    let mut p = Parser::new(src, base, &source);
    p.s.set_filename(filename);
    p.next();
    let mut file = p.file();
    let line_directives = std::mem::take(&mut p.s.line_directives);
    file.comments = std::mem::take(&mut p.s.comments);
    let mut errors = std::mem::take(&mut p.errors);
    errors.extend(std::mem::take(&mut p.s.errors));
    errors.extend(std::mem::take(&mut p.branch_errors));
    drop(p);
    let mut source = source;
    source.set_line_directives(line_directives);
    let errors = finish_errors(&source, errors);
    file.source = Arc::new(source);
    (file, errors)
}

/// Orders errors by position and applies gc's reporting rules: one syntax
/// error per line, no identical duplicates.
fn finish_errors(source: &SourceFile, mut errors: Vec<Error>) -> Vec<Error> {
    errors.sort_by_key(|e| e.pos);
    let mut out: Vec<Error> = Vec::with_capacity(errors.len());
    let mut last_syntax_line = 0;
    for e in errors {
        let line = source.raw_line_col(e.pos.0.saturating_sub(source.base)).0;
        if e.msg.starts_with("syntax error") {
            if line == last_syntax_line {
                continue;
            }
            last_syntax_line = line;
        }
        if out.last().is_some_and(|l| l.msg == e.msg && l.pos == e.pos) {
            continue;
        }
        out.push(e);
    }
    out
}

/// A parameter while a list is parsed: gc decides names and types only
/// once the whole list is seen.
struct Param {
    pos: Pos,
    name: Option<Name>,
    typ: Option<Expr>,
    /// The type is the one of the next parameter (`a, b int`).
    shares_next: bool,
}

/// Free stack below which a nested production gets a new stack segment.
const STACK_RED_ZONE: usize = 128 * 1024;
/// Size of each new stack segment.
const STACK_GROWTH: usize = 2 * 1024 * 1024;

const STOPSET: &[Token] = &[
    Token::Break,
    Token::Const,
    Token::Continue,
    Token::Defer,
    Token::Fallthrough,
    Token::For,
    Token::Go,
    Token::Goto,
    Token::If,
    Token::Return,
    Token::Select,
    Token::Switch,
    Token::Type,
    Token::Var,
];

fn tokset(toks: &[Token]) -> u64 {
    toks.iter().fold(0, |s, &t| s | 1u64 << (t as u8))
}

/// gc's English for a token in "expected X".
fn tokstring(tok: Token) -> String {
    match tok {
        Token::Comma => "comma".into(),
        Token::Semi => "semicolon or newline".into(),
        t if t.is_keyword() => format!("keyword {}", t.as_str()),
        t => t.as_str().into(),
    }
}

struct Parser<'a> {
    s: Scanner<'a>,
    source: &'a SourceFile,
    errors: Vec<Error>,
    /// Errors of `branches::check_branches`, kept apart (see `func_body`).
    branch_errors: Vec<Error>,
    first_error: bool,
    /// Function nesting (for error recovery).
    fnest: u32,
    /// Expression nesting; -1 in statement headers, where `{` ends the
    /// expression rather than starting a composite literal.
    xnest: i32,
    /// Recursion depth, bounded by `MAX_NESTING`.
    depth: u32,
    /// Set once the nesting limit was hit: the rest of the file is skipped.
    bailed: bool,
    expr_count: u32,
    /// Comments before this index were already considered for docs and
    /// pragmas.
    comment_cursor: usize,
}

impl<'a> Parser<'a> {
    fn new(src: &'a [u8], base: u32, source: &'a SourceFile) -> Parser<'a> {
        Parser {
            s: Scanner::new(src, base),
            source,
            errors: Vec::new(),
            branch_errors: Vec::new(),
            first_error: false,
            fnest: 0,
            xnest: 0,
            depth: 0,
            bailed: false,
            expr_count: 0,
            comment_cursor: 0,
        }
    }

    // --- tokens -------------------------------------------------------

    fn next(&mut self) {
        if self.bailed {
            self.s.tok = Token::Eof;
            return;
        }
        self.s.next();
    }

    #[inline]
    fn tok(&self) -> Token {
        self.s.tok
    }

    #[inline]
    fn pos(&self) -> Pos {
        self.s.pos
    }

    fn is_op(&self, op: Operator) -> bool {
        self.s.tok == Token::Operator && self.s.op == op
    }

    fn lit_str(&self) -> &'a str {
        let b = self.s.lit();
        std::str::from_utf8(b).unwrap_or("\u{FFFD}")
    }

    fn got(&mut self, tok: Token) -> bool {
        if self.tok() == tok {
            self.next();
            true
        } else {
            false
        }
    }

    fn want(&mut self, tok: Token) {
        if !self.got(tok) {
            self.syntax_error(&format!("expected {}", tokstring(tok)));
            self.advance(&[]);
        }
    }

    /// `=`, or `:=` reported as an error and treated as `=`.
    fn got_assign(&mut self) -> bool {
        match self.tok() {
            Token::Define => {
                self.syntax_error("expected =");
                self.next();
                true
            }
            Token::Assign => {
                self.next();
                true
            }
            _ => false,
        }
    }

    // --- errors -------------------------------------------------------

    fn error_at(&mut self, pos: Pos, msg: impl Into<String>) {
        self.first_error = true;
        self.errors.push(Error::new(pos, msg));
    }

    fn error(&mut self, msg: impl Into<String>) {
        self.error_at(self.pos(), msg);
    }

    fn syntax_error(&mut self, msg: &str) {
        self.syntax_error_at(self.pos(), msg);
    }

    /// gc's syntax error: `msg` starting with "in ", "at ", "after " or
    /// "expected " is completed with the current token.
    fn syntax_error_at(&mut self, pos: Pos, msg: &str) {
        if self.tok() == Token::Eof && self.has_errors() {
            return; // avoid meaningless follow-up errors
        }
        let msg = if msg.is_empty() {
            String::new()
        } else if msg.starts_with("in ") || msg.starts_with("at ") || msg.starts_with("after ") {
            format!(" {msg}")
        } else if msg.starts_with("expected ") {
            format!(", {msg}")
        } else {
            self.error_at(pos, format!("syntax error: {msg}"));
            return;
        };
        let tok = match self.tok() {
            Token::Name => format!("name {}", self.lit_str()),
            Token::Semi => self.s.semi.as_str().to_string(),
            Token::Literal => format!("literal {}", String::from_utf8_lossy(self.s.lit())),
            Token::Operator => self.s.op.as_str().to_string(),
            Token::AssignOp => format!("{}=", self.s.op.as_str()),
            Token::IncOp => self.s.op.as_str().repeat(2),
            t => tokstring(t),
        };
        self.error_at(pos, format!("syntax error: unexpected {tok}{msg}"));
    }

    fn has_errors(&self) -> bool {
        self.first_error || !self.s.errors.is_empty()
    }

    /// Skips tokens until one in `follow` (or EOF); inside functions the
    /// statement keywords stop it too. With an empty list, skips one token.
    fn advance(&mut self, follow: &[Token]) {
        let mut set = 1u64 << (Token::Eof as u8);
        if !follow.is_empty() {
            if self.fnest > 0 {
                set |= tokset(STOPSET);
            }
            set |= tokset(follow);
        }
        while set & (1u64 << (self.tok() as u8)) == 0 {
            self.next();
            if follow.is_empty() {
                break;
            }
        }
    }

    // --- nesting ------------------------------------------------------

    /// Runs a recursive production one nesting level deeper. Past
    /// `MAX_NESTING` levels it reports once, winds the parse down and
    /// returns `bail`'s result instead; below that, the stack grows on
    /// demand, so parsing is safe on any thread.
    fn nested<T>(
        &mut self,
        bail: impl FnOnce(&mut Self) -> T,
        f: impl FnOnce(&mut Self) -> T,
    ) -> T {
        if self.depth >= MAX_NESTING {
            if !self.bailed {
                self.error_at(self.pos(), "syntax error: nesting too deep");
                self.bailed = true;
                self.s.tok = Token::Eof;
            }
            return bail(self);
        }
        self.depth += 1;
        let r = stacker::maybe_grow(STACK_RED_ZONE, STACK_GROWTH, || f(self));
        self.depth -= 1;
        r
    }

    // --- node construction -------------------------------------------

    fn mk(&mut self, pos: Pos, kind: ExprKind) -> Expr {
        let id = ExprId(self.expr_count);
        self.expr_count += 1;
        Expr { pos, id, kind }
    }

    fn bad_expr(&mut self) -> Expr {
        let pos = self.pos();
        self.mk(pos, ExprKind::Bad)
    }

    fn name_expr(&mut self, n: Name) -> Expr {
        self.mk(n.pos, ExprKind::Name(n.value))
    }

    // --- comments -----------------------------------------------------

    /// The doc comment of a node starting at `pos`: the run of comments
    /// that ends on the line before it with no blank line in between.
    /// Also returns the `//go:` directives seen since the last call.
    fn take_doc(&mut self, pos: Pos) -> (Option<CommentRange>, Vec<Pragma>) {
        let comments = &self.s.comments;
        let start = self.comment_cursor;
        let mut end = start;
        while end < comments.len() && comments[end].pos < pos {
            end += 1;
        }
        self.comment_cursor = end;
        let mut pragmas = Vec::new();
        for c in &comments[start..end] {
            if let Some(text) = c.text.strip_prefix("//") {
                if text.starts_with("go:") {
                    pragmas.push(Pragma {
                        pos: c.pos,
                        text: text.trim_end_matches('\r').into(),
                    });
                }
            }
        }
        if end == start {
            return (None, pragmas);
        }
        let line = |p: Pos| self.source.raw_line_col(p.0 - self.source.base).0;
        // `Comment::end` is exclusive: the last byte is at end-1.
        let last_line = |c: &crate::scanner::Comment| line(Pos(c.end.0 - 1));
        let mut first = end;
        if last_line(&comments[end - 1]) + 1 == line(pos) {
            first = end - 1;
            // Extend over comments separated by at most one newline.
            while first > start && last_line(&comments[first - 1]) + 1 >= line(comments[first].pos)
            {
                first -= 1;
            }
        }
        let doc = (first < end).then_some(CommentRange {
            start: first as u32,
            end: end as u32,
        });
        (doc, pragmas)
    }

    // --- source file --------------------------------------------------

    fn file(&mut self) -> File {
        let package = self.pos();
        let (doc, _) = self.take_doc(package);
        let (build_constraint, go_version) = self.build_constraint(package);
        let mut file = File {
            source: Arc::new(SourceFile::new("", 0, b"")),
            package,
            doc,
            name: Name {
                pos: package,
                value: sym("_"),
            },
            decls: Vec::new(),
            comments: Vec::new(),
            go_version,
            build_constraint,
            eof: package,
            expr_count: 0,
        };
        if !self.got(Token::Package) {
            self.syntax_error("package statement must be first");
            file.expr_count = self.expr_count;
            return file;
        }
        file.name = self.name();
        self.want(Token::Semi);
        if self.has_errors() {
            file.expr_count = self.expr_count;
            return file;
        }

        let mut prev = Token::Import;
        while self.tok() != Token::Eof {
            if self.tok() == Token::Import && prev != Token::Import {
                self.syntax_error("imports must appear before other declarations");
            }
            prev = self.tok();
            match self.tok() {
                Token::Import | Token::Const | Token::Type | Token::Var => {
                    let d = self.gen_decl();
                    file.decls.push(Decl::Gen(d));
                }
                Token::Func => {
                    let d = self.func_decl();
                    file.decls.push(Decl::Func(d));
                }
                _ => {
                    let after_empty_func = matches!(
                        file.decls.last(),
                        Some(Decl::Func(FuncDecl { body: None, .. }))
                    );
                    if self.tok() == Token::Lbrace && after_empty_func {
                        self.syntax_error("unexpected semicolon or newline before {");
                    } else {
                        self.syntax_error("non-declaration statement outside function body");
                    }
                    self.advance(&[
                        Token::Import,
                        Token::Const,
                        Token::Type,
                        Token::Var,
                        Token::Func,
                    ]);
                    continue;
                }
            }
            if self.tok() != Token::Eof && !self.got(Token::Semi) {
                self.syntax_error("after top level declaration");
                self.advance(&[
                    Token::Import,
                    Token::Const,
                    Token::Type,
                    Token::Var,
                    Token::Func,
                ]);
            }
        }
        file.eof = self.pos();
        file.expr_count = self.expr_count;
        file
    }

    /// The `//go:build` line among the comments before the package clause,
    /// and the Go version it requires.
    fn build_constraint(&self, package: Pos) -> (Option<Box<str>>, Option<Box<str>>) {
        for c in &self.s.comments {
            if c.pos >= package {
                break;
            }
            if let Some(rest) = c.text.strip_prefix("//go:build") {
                if rest.is_empty() || rest.starts_with([' ', '\t']) {
                    let expr = rest.trim();
                    return (Some(expr.into()), min_go_version(expr).map(Into::into));
                }
            }
        }
        (None, None)
    }

    /// Parses `p.list`-style: elements separated by `sep` until `close`.
    /// Returns the position of the closing token.
    fn list(
        &mut self,
        context: &str,
        sep: Token,
        close: Token,
        mut f: impl FnMut(&mut Self) -> bool,
    ) -> Pos {
        let mut done = false;
        while self.tok() != Token::Eof && self.tok() != close && !done {
            done = f(self);
            if !self.got(sep) && self.tok() != close {
                self.syntax_error(&format!(
                    "in {context}; possibly missing {} or {}",
                    tokstring(sep),
                    tokstring(close)
                ));
                self.advance(&[Token::Rparen, Token::Rbrack, Token::Rbrace]);
                if self.tok() != close {
                    return self.pos();
                }
            }
        }
        let pos = self.pos();
        self.want(close);
        pos
    }

    // --- declarations -------------------------------------------------

    /// `import`/`const`/`type`/`var` declaration, at its keyword.
    fn gen_decl(&mut self) -> GenDecl {
        let pos = self.pos();
        let tok = self.tok();
        let (doc, pragmas) = self.take_doc(pos);
        self.next();
        let mut d = GenDecl {
            pos,
            tok,
            doc,
            pragmas,
            lparen: Pos::NONE,
            specs: Vec::new(),
            rparen: Pos::NONE,
        };
        if self.tok() == Token::Lparen {
            d.lparen = self.pos();
            self.next();
            let mut specs = Vec::new();
            let mut iota = 0;
            d.rparen = self.list("grouped declaration", Token::Semi, Token::Rparen, |p| {
                if let Some(s) = p.spec(tok, iota) {
                    specs.push(s);
                }
                iota += 1;
                false
            });
            d.specs = specs;
        } else if let Some(s) = self.spec(tok, 0) {
            d.specs.push(s);
        }
        d
    }

    fn spec(&mut self, tok: Token, iota: u32) -> Option<Spec> {
        let pos = self.pos();
        let (doc, _) = self.take_doc(pos);
        match tok {
            Token::Import => Some(Spec::Import(self.import_spec(doc))),
            Token::Const => Some(Spec::Value(self.const_spec(doc, iota))),
            Token::Type => Some(Spec::Type(self.type_spec(doc))),
            _ => Some(Spec::Value(self.var_spec(doc, iota))),
        }
    }

    fn import_spec(&mut self, doc: Option<CommentRange>) -> ImportSpec {
        let pos = self.pos();
        let mut local_name = None;
        match self.tok() {
            Token::Name => local_name = Some(self.name()),
            Token::Dot => {
                local_name = Some(Name {
                    pos,
                    value: sym("."),
                });
                self.next();
            }
            _ => {}
        }
        let mut path = self.oliteral();
        match &mut path {
            None => {
                self.syntax_error("missing import path");
                self.advance(&[Token::Semi, Token::Rparen]);
            }
            Some(lit) if !lit.bad && lit.kind != LitKind::String => {
                let at = lit.pos;
                lit.bad = true;
                self.syntax_error_at(at, "import path must be a string");
            }
            _ => {}
        }
        ImportSpec {
            pos,
            doc,
            local_name,
            path,
        }
    }

    fn const_spec(&mut self, doc: Option<CommentRange>, iota: u32) -> ValueSpec {
        let pos = self.pos();
        let first = self.name();
        let names = self.name_list(first);
        let mut typ = None;
        let mut values = Vec::new();
        if !matches!(self.tok(), Token::Eof | Token::Semi | Token::Rparen) {
            typ = self.type_or_nil();
            if self.got_assign() {
                values = self.expr_list();
            }
        }
        ValueSpec {
            pos,
            doc,
            names,
            typ,
            values,
            iota,
        }
    }

    fn var_spec(&mut self, doc: Option<CommentRange>, iota: u32) -> ValueSpec {
        let pos = self.pos();
        let first = self.name();
        let names = self.name_list(first);
        let mut typ = None;
        let mut values = Vec::new();
        if self.got_assign() {
            values = self.expr_list();
        } else {
            typ = Some(self.type_());
            if self.got_assign() {
                values = self.expr_list();
            }
        }
        ValueSpec {
            pos,
            doc,
            names,
            typ,
            values,
            iota,
        }
    }

    fn type_spec(&mut self, doc: Option<CommentRange>) -> TypeSpec {
        let pos = self.pos();
        let name = self.name();
        let mut tparams = Vec::new();
        let mut alias = false;
        let typ: Option<Expr>;
        if self.tok() == Token::Lbrack {
            // array/slice type or type parameter list
            let lbrack = self.pos();
            self.next();
            match self.tok() {
                Token::Name => {
                    // May be an array length expression or a type parameter
                    // list; parse an expression and decide from its shape.
                    let n = self.name();
                    let mut x = self.name_expr(n);
                    if self.tok() != Token::Lbrack {
                        self.xnest += 1;
                        let px = self.pexpr(Some(x), false);
                        x = self.binary_expr(Some(px), 0);
                        self.xnest -= 1;
                    }
                    let force = self.tok() == Token::Comma;
                    match extract_shape(&x, force) {
                        Some(has_type) if has_type || self.tok() != Token::Rbrack => {
                            let (pname, ptype) = extract_name(x, force);
                            tparams =
                                self.param_list(Some(pname), ptype, Token::Rbrack, true, false);
                            alias = self.got_assign();
                            typ = self.type_or_nil();
                        }
                        _ => typ = Some(self.array_type(lbrack, Some(x))),
                    }
                }
                Token::Rbrack => {
                    self.next();
                    typ = Some(self.slice_type(lbrack));
                }
                _ => typ = Some(self.array_type(lbrack, None)),
            }
        } else {
            alias = self.got_assign();
            typ = self.type_or_nil();
        }
        let typ = match typ {
            Some(t) => t,
            None => {
                let b = self.bad_expr();
                self.syntax_error("in type declaration");
                self.advance(&[Token::Semi, Token::Rparen]);
                b
            }
        };
        TypeSpec {
            pos,
            doc,
            name,
            tparams,
            alias,
            typ,
        }
    }

    fn func_decl(&mut self) -> FuncDecl {
        let pos = self.pos();
        let (doc, pragmas) = self.take_doc(pos);
        self.next(); // func
        let mut recv = None;
        let mut has_recv = false;
        if self.tok() == Token::Lparen {
            let rpos = self.pos();
            self.next();
            has_recv = true;
            let mut rcvr = self.param_list(None, None, Token::Rparen, false, false);
            let count: usize = rcvr.iter().map(|f| f.names.len().max(1)).sum();
            match count {
                0 => self.error("method has no receiver"),
                1 => {}
                _ => self.error("method has multiple receivers"),
            }
            if !rcvr.is_empty() {
                let mut f = rcvr.swap_remove(0);
                f.names.truncate(1);
                recv = Some(f);
            }
            let _ = rpos;
        }
        let name;
        let mut tparams = Vec::new();
        let typ;
        if self.tok() == Token::Name {
            name = self.name();
            let (tp, t) = self.func_type("");
            tparams = tp;
            typ = t;
        } else {
            name = Name {
                pos: self.pos(),
                value: sym("_"),
            };
            typ = FuncType {
                pos: self.pos(),
                params: Vec::new(),
                results: Vec::new(),
                end: self.pos(),
            };
            let msg = if has_recv {
                "expected name"
            } else {
                "expected name or ("
            };
            self.syntax_error(msg);
            self.advance(&[Token::Lbrace, Token::Semi]);
        }
        let body = if self.tok() == Token::Lbrace {
            Some(self.func_body())
        } else {
            None
        };
        FuncDecl {
            pos,
            doc,
            pragmas,
            recv,
            name,
            tparams,
            typ,
            body,
        }
    }

    fn func_body(&mut self) -> Block {
        self.fnest += 1;
        let errors_before = self.error_count();
        let b = self.block_stmt("");
        self.fnest -= 1;
        // gc checks labels and branches of bodies that parsed cleanly.
        // Those errors do not count as parse errors: a bad label in a
        // function literal does not stop the check of the enclosing body.
        if self.error_count() == errors_before {
            crate::branches::check_branches(&b, self.source, &mut self.branch_errors);
        }
        b
    }

    fn error_count(&self) -> usize {
        self.errors.len() + self.s.errors.len()
    }

    // --- expressions --------------------------------------------------

    fn expr(&mut self) -> Expr {
        self.binary_expr(None, 0)
    }

    fn binary_expr(&mut self, x: Option<Expr>, prec: u8) -> Expr {
        // `x` moves into whichever closure runs.
        let x = std::cell::Cell::new(x);
        self.nested(
            |p| x.take().unwrap_or_else(|| p.bad_expr()),
            |p| {
                let mut x = match x.take() {
                    Some(x) => x,
                    None => p.unary_expr(),
                };
                while matches!(p.tok(), Token::Operator | Token::Star) && p.s.prec > prec {
                    let pos = p.pos();
                    let op = p.s.op;
                    let tprec = p.s.prec;
                    p.next();
                    let y = p.binary_expr(None, tprec);
                    x = p.mk(pos, ExprKind::Operation(op, Box::new(x), Some(Box::new(y))));
                }
                x
            },
        )
    }

    fn unary_expr(&mut self) -> Expr {
        self.nested(|p| p.bad_expr(), |p| p.unary_expr_inner())
    }

    fn unary_expr_inner(&mut self) -> Expr {
        match self.tok() {
            Token::Operator | Token::Star => match self.s.op {
                Operator::Mul
                | Operator::Add
                | Operator::Sub
                | Operator::Not
                | Operator::Xor
                | Operator::Tilde => {
                    let pos = self.pos();
                    let op = self.s.op;
                    self.next();
                    let x = self.unary_expr();
                    return self.mk(pos, ExprKind::Operation(op, Box::new(x), None));
                }
                Operator::And => {
                    let pos = self.pos();
                    self.next();
                    // &(x) is &x: drop the parentheses, as gc does.
                    let x = unparen_owned(self.unary_expr());
                    return self.mk(pos, ExprKind::Operation(Operator::And, Box::new(x), None));
                }
                _ => {}
            },
            Token::Arrow => {
                let pos = self.pos();
                self.next();
                // <-x is a receive, unless x turns out to be a channel type:
                // then <-chan T is a receive-only channel type.
                let mut x = self.unary_expr();
                if matches!(x.kind, ExprKind::ChanType(..)) {
                    let mut dir = ChanDir::Send;
                    let mut t = &mut x;
                    let mut non_chan: Option<String> = None;
                    while dir == ChanDir::Send {
                        if !matches!(t.kind, ExprKind::ChanType(..)) {
                            non_chan = Some(crate::print::expr_string(t));
                            break;
                        }
                        let ExprKind::ChanType(d, elem) = &mut t.kind else {
                            unreachable!()
                        };
                        dir = *d;
                        if dir == ChanDir::Recv {
                            // t is <-chan E: <-<-chan E is wrong
                            self.syntax_error("unexpected <-, expected chan");
                        }
                        *d = ChanDir::Recv;
                        t = elem;
                    }
                    if dir == ChanDir::Send {
                        let s = non_chan.unwrap_or_default();
                        self.syntax_error(&format!("unexpected {s}, expected chan"));
                    }
                    return x;
                }
                return self.mk(pos, ExprKind::Operation(Operator::Recv, Box::new(x), None));
            }
            _ => {}
        }
        self.pexpr(None, true)
    }

    fn call_stmt(&mut self) -> Stmt {
        let pos = self.pos();
        let tok = self.tok();
        self.next();
        let keep = self.tok() == Token::Lparen;
        let x = self.pexpr(None, keep);
        let x = if matches!(x.kind, ExprKind::Paren(_)) {
            self.error_at(
                x.pos,
                format!("expression in {} must not be parenthesized", tok.as_str()),
            );
            unparen_owned(x)
        } else {
            x
        };
        Stmt {
            pos,
            kind: StmtKind::Call(tok, x),
        }
    }

    fn operand(&mut self, keep_parens: bool) -> Expr {
        match self.tok() {
            Token::Name => {
                let n = self.name();
                self.name_expr(n)
            }
            Token::Literal => {
                let lit = self.oliteral().expect("literal token");
                self.mk(lit.pos, ExprKind::BasicLit(lit))
            }
            Token::Lparen => {
                let pos = self.pos();
                self.next();
                self.xnest += 1;
                let x = self.expr();
                self.xnest -= 1;
                self.want(Token::Rparen);
                // A parenthesized type followed by { is a composite literal
                // error gc reports later; keep the parens to see it.
                if keep_parens || self.tok() == Token::Lbrace {
                    self.mk(pos, ExprKind::Paren(Box::new(x)))
                } else {
                    x
                }
            }
            Token::Func => {
                let pos = self.pos();
                self.next();
                let (_, mut ftyp) = self.func_type("function type");
                ftyp.pos = pos;
                if self.tok() == Token::Lbrace {
                    self.xnest += 1;
                    let body = self.func_body();
                    self.xnest -= 1;
                    self.mk(
                        pos,
                        ExprKind::FuncLit(Box::new(FuncLit { typ: ftyp, body })),
                    )
                } else {
                    self.mk(pos, ExprKind::FuncType(Box::new(ftyp)))
                }
            }
            Token::Lbrack | Token::Chan | Token::Map | Token::Struct | Token::Interface => {
                self.type_()
            }
            _ => {
                let x = self.bad_expr();
                self.syntax_error("expected expression");
                self.advance(&[Token::Rparen, Token::Rbrack, Token::Rbrace]);
                x
            }
        }
    }

    /// Primary expression: an operand followed by selectors, indexes,
    /// slices, type assertions, calls and composite-literal bodies.
    fn pexpr(&mut self, x: Option<Expr>, keep_parens: bool) -> Expr {
        let x = std::cell::Cell::new(x);
        self.nested(
            |p| x.take().unwrap_or_else(|| p.bad_expr()),
            |p| p.pexpr_inner(x.take(), keep_parens),
        )
    }

    fn pexpr_inner(&mut self, x: Option<Expr>, keep_parens: bool) -> Expr {
        let mut x = match x {
            Some(x) => x,
            None => self.operand(keep_parens),
        };
        loop {
            let pos = self.pos();
            match self.tok() {
                Token::Dot => {
                    self.next();
                    match self.tok() {
                        Token::Name => {
                            let sel = self.name();
                            x = self.mk(pos, ExprKind::Selector(Box::new(x), sel));
                        }
                        Token::Lparen => {
                            self.next();
                            if self.got(Token::Type) {
                                x = self.mk(pos, ExprKind::TypeSwitchGuard(None, Box::new(x)));
                            } else {
                                let t = self.type_();
                                x = self.mk(pos, ExprKind::Assert(Box::new(x), Box::new(t)));
                            }
                            self.want(Token::Rparen);
                        }
                        _ => {
                            self.syntax_error("expected name or (");
                            self.advance(&[Token::Semi, Token::Rparen]);
                        }
                    }
                }
                Token::Lbrack => {
                    self.next();
                    let mut i: Option<Expr> = None;
                    if self.tok() != Token::Colon {
                        let (idx, comma) = if self.tok() == Token::Rbrack {
                            // invalid empty instance, slice or index expression
                            self.syntax_error("expected operand");
                            (vec![self.bad_expr()], false)
                        } else {
                            self.type_list(false)
                        };
                        if comma || self.tok() == Token::Rbrack {
                            self.want(Token::Rbrack);
                            x = self.mk(pos, ExprKind::Index(Box::new(x), idx));
                            continue;
                        }
                        // a single expression followed by ':' — a slice
                        i = idx.into_iter().next();
                    }
                    // x[i:...
                    if !self.got(Token::Colon) {
                        self.syntax_error("expected comma, : or ]");
                        self.advance(&[Token::Comma, Token::Colon, Token::Rbrack]);
                    }
                    self.xnest += 1;
                    let mut s = SliceExpr {
                        x,
                        index: [i, None, None],
                        full: false,
                        rbrack: Pos::NONE,
                    };
                    if self.tok() != Token::Colon && self.tok() != Token::Rbrack {
                        s.index[1] = Some(self.expr());
                    }
                    if self.tok() == Token::Colon {
                        s.full = true;
                        if s.index[1].is_none() {
                            self.error("middle index required in 3-index slice");
                            s.index[1] = Some(self.bad_expr());
                        }
                        self.next();
                        if self.tok() != Token::Rbrack {
                            s.index[2] = Some(self.expr());
                        } else {
                            self.error("final index required in 3-index slice");
                            s.index[2] = Some(self.bad_expr());
                        }
                    }
                    self.xnest -= 1;
                    s.rbrack = self.pos();
                    self.want(Token::Rbrack);
                    x = self.mk(pos, ExprKind::Slice(Box::new(s)));
                }
                Token::Lparen => {
                    self.next();
                    let (args, has_dots, rparen) = self.arg_list();
                    x = self.mk(
                        pos,
                        ExprKind::Call(Box::new(CallExpr {
                            fun: x,
                            args,
                            has_dots,
                            rparen,
                        })),
                    );
                }
                Token::Lbrace => {
                    // Operand may have returned a parenthesized complit type;
                    // accept it but complain.
                    let t = x.unparen();
                    let complit_ok = match &t.kind {
                        ExprKind::Name(_) | ExprKind::Selector(..) => self.xnest >= 0,
                        ExprKind::Index(..) => self.xnest >= 0 && !is_value(t),
                        ExprKind::ArrayType(..)
                        | ExprKind::SliceType(_)
                        | ExprKind::StructType(_)
                        | ExprKind::MapType(..) => true,
                        _ => false,
                    };
                    if !complit_ok {
                        break;
                    }
                    if matches!(x.kind, ExprKind::Paren(_)) {
                        self.syntax_error("cannot parenthesize type in composite literal");
                    }
                    x = self.complit_expr(Some(x));
                }
                _ => break,
            }
        }
        x
    }

    /// An element of a composite literal: an expression or a bare `{...}`.
    fn bare_complit_expr(&mut self) -> Expr {
        if self.tok() == Token::Lbrace {
            return self.complit_expr(None);
        }
        self.expr()
    }

    fn complit_expr(&mut self, typ: Option<Expr>) -> Expr {
        let typ = std::cell::Cell::new(typ);
        self.nested(|p| p.bad_expr(), |p| p.complit_expr_inner(typ.take()))
    }

    fn complit_expr_inner(&mut self, typ: Option<Expr>) -> Expr {
        let pos = self.pos();
        self.xnest += 1;
        self.want(Token::Lbrace);
        let mut elems = Vec::new();
        let mut nkeys = 0;
        let rbrace = self.list("composite literal", Token::Comma, Token::Rbrace, |p| {
            let mut e = p.bare_complit_expr();
            if p.tok() == Token::Colon {
                let cpos = p.pos();
                p.next();
                let v = p.bare_complit_expr();
                e = p.mk(cpos, ExprKind::KeyValue(Box::new(e), Box::new(v)));
                nkeys += 1;
            }
            elems.push(e);
            false
        });
        self.xnest -= 1;
        self.mk(
            pos,
            ExprKind::CompositeLit(Box::new(CompositeLit {
                typ,
                elems,
                nkeys,
                rbrace,
            })),
        )
    }

    // --- types --------------------------------------------------------

    fn type_(&mut self) -> Expr {
        match self.type_or_nil() {
            Some(t) => t,
            None => {
                let b = self.bad_expr();
                self.syntax_error("expected type");
                self.advance(&[
                    Token::Comma,
                    Token::Colon,
                    Token::Semi,
                    Token::Rparen,
                    Token::Rbrack,
                    Token::Rbrace,
                ]);
                b
            }
        }
    }

    fn type_or_nil(&mut self) -> Option<Expr> {
        self.nested(|p| Some(p.bad_expr()), |p| p.type_or_nil_inner())
    }

    fn type_or_nil_inner(&mut self) -> Option<Expr> {
        let pos = self.pos();
        Some(match self.tok() {
            Token::Star => {
                self.next();
                let t = self.type_();
                self.mk(pos, ExprKind::Operation(Operator::Mul, Box::new(t), None))
            }
            Token::Arrow => {
                // recvchantype
                self.next();
                self.want(Token::Chan);
                let elem = self.chan_elem();
                self.mk(pos, ExprKind::ChanType(ChanDir::Recv, Box::new(elem)))
            }
            Token::Func => {
                self.next();
                let (_, mut t) = self.func_type("function type");
                t.pos = pos;
                self.mk(pos, ExprKind::FuncType(Box::new(t)))
            }
            Token::Lbrack => {
                self.next();
                if self.got(Token::Rbrack) {
                    return Some(self.slice_type(pos));
                }
                self.array_type(pos, None)
            }
            Token::Chan => {
                self.next();
                let dir = if self.got(Token::Arrow) {
                    ChanDir::Send
                } else {
                    ChanDir::Both
                };
                let elem = self.chan_elem();
                self.mk(pos, ExprKind::ChanType(dir, Box::new(elem)))
            }
            Token::Map => {
                self.next();
                self.want(Token::Lbrack);
                let key = self.type_();
                self.want(Token::Rbrack);
                let val = self.type_();
                self.mk(pos, ExprKind::MapType(Box::new(key), Box::new(val)))
            }
            Token::Struct => self.struct_type(),
            Token::Interface => self.interface_type(),
            Token::Name => self.qualified_name(None),
            Token::Lparen => {
                self.next();
                let t = self.type_();
                self.want(Token::Rparen);
                t
            }
            _ => return None,
        })
    }

    fn type_instance(&mut self, typ: Expr) -> Expr {
        let pos = self.pos();
        self.want(Token::Lbrack);
        let idx = if self.tok() == Token::Rbrack {
            self.syntax_error("expected type argument list");
            vec![self.bad_expr()]
        } else {
            self.type_list(true).0
        };
        self.want(Token::Rbrack);
        self.mk(pos, ExprKind::Index(Box::new(typ), idx))
    }

    /// Signature after `func` (and name): optional type parameters,
    /// parameters and results. `context` is non-empty where type parameters
    /// are not allowed ("function type", "interface method").
    fn func_type(&mut self, context: &str) -> (Vec<Field>, FuncType) {
        let pos = self.pos();
        let mut tparams = Vec::new();
        if self.got(Token::Lbrack) {
            if !context.is_empty() {
                // accept but complain
                self.syntax_error_at(pos, &format!("{context} must have no type parameters"));
            }
            if self.tok() == Token::Rbrack {
                self.syntax_error("empty type parameter list");
                self.next();
            } else {
                tparams = self.param_list(None, None, Token::Rbrack, true, false);
            }
        }
        self.want(Token::Lparen);
        let params = self.param_list(None, None, Token::Rparen, false, true);
        let results = self.func_result();
        let end = self.last_end();
        (
            tparams,
            FuncType {
                pos,
                params,
                results,
                end,
            },
        )
    }

    /// End of the previous token: a good-enough end for signatures.
    fn last_end(&self) -> Pos {
        self.pos()
    }

    /// `[` already consumed; `len` is the length if already parsed.
    fn array_type(&mut self, pos: Pos, len: Option<Expr>) -> Expr {
        let len = match len {
            Some(l) => Some(l),
            None if self.got(Token::DotDotDot) => None,
            None => {
                self.xnest += 1;
                let l = self.expr();
                self.xnest -= 1;
                Some(l)
            }
        };
        if self.tok() == Token::Comma {
            // Trailing commas are accepted in type parameter lists but
            // not in array type declarations. Accept for better error
            // handling but complain.
            self.syntax_error("unexpected comma; expected ]");
            self.next();
        }
        self.want(Token::Rbrack);
        let elem = self.type_();
        self.mk(pos, ExprKind::ArrayType(len.map(Box::new), Box::new(elem)))
    }

    /// `[]` already consumed.
    fn slice_type(&mut self, pos: Pos) -> Expr {
        let elem = self.type_();
        self.mk(pos, ExprKind::SliceType(Box::new(elem)))
    }

    fn chan_elem(&mut self) -> Expr {
        match self.type_or_nil() {
            Some(t) => t,
            None => {
                let b = self.bad_expr();
                self.syntax_error("missing channel element type");
                // assume element type is simply absent - don't advance
                b
            }
        }
    }

    fn struct_type(&mut self) -> Expr {
        let pos = self.pos();
        self.want(Token::Struct);
        self.want(Token::Lbrace);
        let mut fields = Vec::new();
        let rbrace = self.list("struct type", Token::Semi, Token::Rbrace, |p| {
            p.field_decl(&mut fields);
            false
        });
        self.mk(
            pos,
            ExprKind::StructType(Box::new(StructType {
                pos,
                fields,
                rbrace,
            })),
        )
    }

    fn interface_type(&mut self) -> Expr {
        let pos = self.pos();
        self.want(Token::Interface);
        self.want(Token::Lbrace);
        let mut elems = Vec::new();
        let rbrace = self.list("interface type", Token::Semi, Token::Rbrace, |p| {
            let (doc, _) = p.take_doc(p.pos());
            let mut f = if p.tok() == Token::Name {
                Some(p.method_decl())
            } else {
                None
            };
            if f.as_ref().is_none_or(|f| f.names.is_empty()) {
                f = Some(p.embedded_elem(f));
            }
            let mut f = f.expect("interface element");
            f.doc = doc;
            elems.push(f);
            false
        });
        self.mk(
            pos,
            ExprKind::InterfaceType(Box::new(InterfaceType { pos, elems, rbrace })),
        )
    }

    fn func_result(&mut self) -> Vec<Field> {
        if self.got(Token::Lparen) {
            return self.param_list(None, None, Token::Rparen, false, false);
        }
        let pos = self.pos();
        match self.type_or_nil() {
            Some(t) => vec![Field {
                pos,
                doc: None,
                names: Vec::new(),
                typ: t,
                tag: None,
            }],
            None => Vec::new(),
        }
    }

    fn field_decl(&mut self, fields: &mut Vec<Field>) {
        let pos = self.pos();
        let (doc, _) = self.take_doc(pos);
        let mut add = |p: &mut Self, pos: Pos, names: Vec<Name>, typ: Expr| {
            let tag = p.oliteral();
            fields.push(Field {
                pos,
                doc,
                names,
                typ,
                tag,
            });
        };
        match self.tok() {
            Token::Name => {
                let name = self.name();
                if matches!(
                    self.tok(),
                    Token::Dot | Token::Literal | Token::Semi | Token::Rbrace
                ) {
                    // embedded type
                    let n = self.name_expr(name);
                    let typ = self.qualified_name(Some(n));
                    add(self, pos, Vec::new(), typ);
                    return;
                }
                // name1, name2, ... Type [ tag ]
                let names = self.name_list(name);
                // Careful dance: We don't know if we have an embedded
                // instantiated type T[P1, P2, ...] or a field T of array
                // type []E or [N]E.
                if names.len() == 1 && self.tok() == Token::Lbrack {
                    let typ = self.array_or_targs();
                    if let ExprKind::Index(..) = typ.kind {
                        // embedded type T[P1, P2, ...]
                        let typ = self.set_index_base(typ, names[0]);
                        add(self, pos, Vec::new(), typ);
                    } else {
                        // T []E or T [N]E
                        add(self, names[0].pos, names, typ);
                    }
                    return;
                }
                let typ = self.type_();
                let fpos = names[0].pos;
                add(self, fpos, names, typ);
            }
            Token::Star => {
                self.next();
                let typ = if self.tok() == Token::Lparen {
                    // *(T)
                    self.syntax_error("cannot parenthesize embedded type");
                    self.next();
                    let t = self.qualified_name(None);
                    self.got(Token::Rparen); // no need to complain if missing
                    t
                } else {
                    // *T
                    self.qualified_name(None)
                };
                let typ = self.mk(pos, ExprKind::Operation(Operator::Mul, Box::new(typ), None));
                add(self, pos, Vec::new(), typ);
            }
            Token::Lparen => {
                self.syntax_error("cannot parenthesize embedded type");
                self.next();
                let typ = if self.tok() == Token::Star {
                    // (*T)
                    let spos = self.pos();
                    self.next();
                    let t = self.qualified_name(None);
                    self.mk(spos, ExprKind::Operation(Operator::Mul, Box::new(t), None))
                } else {
                    // (T)
                    self.qualified_name(None)
                };
                self.got(Token::Rparen); // no need to complain if missing
                add(self, pos, Vec::new(), typ);
            }
            _ => {
                self.syntax_error("expected field name or embedded type");
                self.advance(&[Token::Semi, Token::Rbrace]);
            }
        }
    }

    /// Replaces the (placeholder) base of an `Index` expression made by
    /// `array_or_targs` with `name`.
    fn set_index_base(&mut self, mut typ: Expr, name: Name) -> Expr {
        if let ExprKind::Index(base, _) = &mut typ.kind {
            **base = self.name_expr(name);
        }
        typ
    }

    /// After a name, `[`: an array or slice type, or type arguments (the
    /// latter returned as an `Index` with a `Bad` base to be replaced).
    fn array_or_targs(&mut self) -> Expr {
        let pos = self.pos();
        self.want(Token::Lbrack);
        if self.got(Token::Rbrack) {
            return self.slice_type(pos);
        }
        // x [n]E or x[n,], x[n1, n2], ...
        let (mut n, comma) = self.type_list(false);
        self.want(Token::Rbrack);
        if !comma {
            if let Some(elem) = self.type_or_nil() {
                // x [n]E
                let len = n.pop().expect("type list is never empty");
                return self.mk(
                    pos,
                    ExprKind::ArrayType(Some(Box::new(len)), Box::new(elem)),
                );
            }
        }
        // x[n,], x[n1, n2], ...
        let placeholder = self.mk(pos, ExprKind::Bad);
        self.mk(pos, ExprKind::Index(Box::new(placeholder), n))
    }

    fn oliteral(&mut self) -> Option<BasicLit> {
        if self.tok() != Token::Literal {
            return None;
        }
        let value: Box<str> = match std::str::from_utf8(self.s.lit()) {
            Ok(s) => s.into(),
            Err(_) => String::from_utf8_lossy(self.s.lit()).into(),
        };
        let lit = BasicLit {
            pos: self.pos(),
            kind: self.s.kind,
            value,
            bad: self.s.bad,
        };
        self.next();
        Some(lit)
    }

    /// An interface method or (if the result has no names) an embedded
    /// element starting with a name.
    fn method_decl(&mut self) -> Field {
        let pos = self.pos();
        let name = self.name();
        const CONTEXT: &str = "interface method";
        let method = |p: &mut Self, name: Name| {
            let (_, t) = p.func_type(CONTEXT);
            let typ = p.mk(t.pos, ExprKind::FuncType(Box::new(t)));
            Field {
                pos,
                doc: None,
                names: vec![name],
                typ,
                tag: None,
            }
        };
        let embedded = |typ: Expr| Field {
            pos,
            doc: None,
            names: Vec::new(),
            typ,
            tag: None,
        };
        match self.tok() {
            Token::Lparen => method(self, name),
            Token::Lbrack => {
                // Careful dance: We don't know if we have a generic method
                // m[T C](x T) or an embedded instantiated type T[P1, P2]
                // (we accept generic methods for generality and robustness
                // of parsing but complain with an error).
                let lbrack = self.pos();
                self.next();
                // Empty type parameter or argument lists are not permitted.
                // Treat as if [] were absent.
                if self.tok() == Token::Rbrack {
                    // name[]
                    let rpos = self.pos();
                    self.next();
                    if self.tok() == Token::Lparen {
                        // name[](
                        self.error_at(rpos, "empty type parameter list");
                        return method(self, name);
                    }
                    self.error_at(rpos, "empty type argument list");
                    let n = self.name_expr(name);
                    return embedded(n);
                }
                // A type argument list looks like a parameter list with
                // only types. Parse a parameter list and decide afterwards.
                let list = self.param_list(None, None, Token::Rbrack, false, false);
                if list.is_empty() {
                    // The type parameter list is not [] but we got nothing
                    // due to other errors (reported by paramList). Treat
                    // as if [] were absent.
                    if self.tok() == Token::Lparen {
                        return method(self, name);
                    }
                    let n = self.name_expr(name);
                    return embedded(n);
                }
                // len(list) > 0
                if !list[0].names.is_empty() {
                    // generic method
                    let f = method(self, name);
                    self.error_at(lbrack, "interface method must have no type parameters");
                    return f;
                }
                // embedded instantiated type
                let idx: Vec<Expr> = list.into_iter().map(|f| f.typ).collect();
                let base = self.name_expr(name);
                let t = self.mk(lbrack, ExprKind::Index(Box::new(base), idx));
                embedded(t)
            }
            _ => {
                // embedded type
                let n = self.name_expr(name);
                let t = self.qualified_name(Some(n));
                embedded(t)
            }
        }
    }

    /// EmbeddedElem = MethodSpec | EmbeddedTerm { "|" EmbeddedTerm } .
    fn embedded_elem(&mut self, f: Option<Field>) -> Field {
        let mut f = match f {
            Some(f) => f,
            None => {
                let pos = self.pos();
                let typ = self.embedded_term();
                Field {
                    pos,
                    doc: None,
                    names: Vec::new(),
                    typ,
                    tag: None,
                }
            }
        };
        while self.is_op(Operator::Or) {
            let pos = self.pos();
            self.next();
            let y = self.embedded_term();
            let x = std::mem::replace(
                &mut f.typ,
                Expr {
                    pos,
                    id: ExprId(0),
                    kind: ExprKind::Bad,
                },
            );
            f.typ = self.mk(
                pos,
                ExprKind::Operation(Operator::Or, Box::new(x), Some(Box::new(y))),
            );
        }
        f
    }

    /// EmbeddedTerm = [ "~" ] Type .
    fn embedded_term(&mut self) -> Expr {
        if self.is_op(Operator::Tilde) {
            let pos = self.pos();
            self.next();
            let t = self.type_();
            return self.mk(pos, ExprKind::Operation(Operator::Tilde, Box::new(t), None));
        }
        match self.type_or_nil() {
            Some(t) => t,
            None => {
                let b = self.bad_expr();
                self.syntax_error("expected ~ term or type");
                self.advance(&[
                    Token::Operator,
                    Token::Semi,
                    Token::Rparen,
                    Token::Rbrack,
                    Token::Rbrace,
                ]);
                b
            }
        }
    }

    /// ParameterDecl = [ IdentifierList ] [ "..." ] Type .
    fn param_decl_or_nil(&mut self, name: Option<Name>, follow: Token) -> Option<Param> {
        // type set notation is ok in type parameter lists
        let type_sets_ok = follow == Token::Rbrack;
        let pos = match name {
            Some(n) => n.pos,
            None => {
                if type_sets_ok && self.is_op(Operator::Tilde) {
                    // "~" ...
                    let f = self.embedded_elem(None);
                    return Some(Param {
                        pos: f.pos,
                        name: None,
                        typ: Some(f.typ),
                        shares_next: false,
                    });
                }
                self.pos()
            }
        };
        let mut par = Param {
            pos,
            name: None,
            typ: None,
            shares_next: false,
        };
        let or_follows = |p: &Self| type_sets_ok && p.is_op(Operator::Or);
        if self.tok() == Token::Name || name.is_some() {
            // name
            let name = match name {
                Some(n) => n,
                None => self.name(),
            };
            if self.tok() == Token::Lbrack {
                // name "[" ...
                let t = self.array_or_targs();
                if let ExprKind::Index(..) = t.kind {
                    // name "[" ... "]"
                    par.typ = Some(self.set_index_base(t, name));
                } else {
                    // name "[" n "]" E
                    par.name = Some(name);
                    par.typ = Some(t);
                }
                if or_follows(self) {
                    par = self.param_union(par);
                }
                return Some(par);
            }
            if self.tok() == Token::Dot {
                // name "." ...
                let n = self.name_expr(name);
                par.typ = Some(self.qualified_name(Some(n)));
                if or_follows(self) {
                    par = self.param_union(par);
                }
                return Some(par);
            }
            if or_follows(self) {
                // name "|" ...
                par.typ = Some(self.name_expr(name));
                return Some(self.param_union(par));
            }
            // name ...
            par.name = Some(name);
        }
        if self.tok() == Token::DotDotDot {
            // [name] "..." ...
            let dpos = self.pos();
            self.next();
            match self.type_or_nil() {
                Some(elem) => par.typ = Some(self.mk(dpos, ExprKind::DotsType(Box::new(elem)))),
                None => {
                    par.typ = Some(self.bad_expr());
                    self.syntax_error("... is missing type");
                }
            }
            return Some(par);
        }
        if type_sets_ok && self.is_op(Operator::Tilde) {
            // [name] "~" ...
            par.typ = Some(self.embedded_elem(None).typ);
            return Some(par);
        }
        par.typ = self.type_or_nil();
        if or_follows(self) && par.typ.is_some() {
            // [name] type "|"
            par = self.param_union(par);
        }
        if par.name.is_some() || par.typ.is_some() {
            return Some(par);
        }
        self.syntax_error(&format!("expected {}", tokstring(follow)));
        self.advance(&[Token::Comma, follow]);
        None
    }

    /// Continues a parameter's type as a union `T | ...`.
    fn param_union(&mut self, mut par: Param) -> Param {
        let typ = par.typ.take().expect("union needs a first term");
        let f = Field {
            pos: par.pos,
            doc: None,
            names: Vec::new(),
            typ,
            tag: None,
        };
        let f = self.embedded_elem(Some(f));
        par.typ = Some(f.typ);
        par
    }

    /// Parameter list up to `close`, the opening token consumed. If `name`
    /// (and possibly `typ`) are given, they are the first parameter's,
    /// already parsed. Decides which identifiers are names and which are
    /// types, reporting gc's errors for mixed lists.
    fn param_list(
        &mut self,
        name: Option<Name>,
        typ: Option<Expr>,
        close: Token,
        require_names: bool,
        dddok: bool,
    ) -> Vec<Field> {
        // p.list won't invoke its function argument if we're at the end of
        // the parameter list. If we have a complete field, handle this case
        // here.
        if let (Some(n), Some(_)) = (name, &typ) {
            if self.tok() == close {
                self.next();
                let t = typ.expect("checked");
                return vec![Field {
                    pos: n.pos,
                    doc: None,
                    names: vec![n],
                    typ: t,
                    tag: None,
                }];
            }
        }
        let mut list: Vec<Param> = Vec::new();
        let mut named = 0; // parameters that have an explicit name and type
        let mut typed = 0; // parameters that have an explicit type
        let mut first = Some((name, typ));
        let end = self.list("parameter list", Token::Comma, close, |p| {
            let par = match first.take() {
                Some((Some(n), Some(t))) => Some(Param {
                    pos: n.pos,
                    name: Some(n),
                    typ: Some(t),
                    shares_next: false,
                }),
                Some((n, _)) => p.param_decl_or_nil(n, close),
                None => p.param_decl_or_nil(None, close),
            };
            if let Some(par) = par {
                if par.name.is_some() && par.typ.is_some() {
                    named += 1;
                }
                if par.typ.is_some() {
                    typed += 1;
                }
                list.push(par);
            }
            false
        });
        if list.is_empty() {
            return Vec::new();
        }

        // distribute parameter types (len(list) > 0)
        if named == 0 && !require_names {
            // all unnamed => found names are named types
            for par in &mut list {
                if let Some(n) = par.name.take() {
                    par.typ = Some(self.name_expr(n));
                }
            }
        } else if named != list.len() {
            // some named or we're in a type parameter list => all must be
            // named
            let mut err_pos = Pos::NONE; // left-most error position
            let mut have_type = false; // current type (from right to left)
            for par in list.iter_mut().rev() {
                if let Some(t) = &par.typ {
                    have_type = true;
                    if par.name.is_none() {
                        err_pos = t.start_pos();
                        par.name = Some(Name {
                            pos: err_pos,
                            value: sym("_"),
                        });
                    }
                } else if have_type {
                    par.shares_next = true;
                } else {
                    // par.typ == nil && typ == nil => we only have a par.name
                    let n = par.name.expect("parameter has a name or a type");
                    err_pos = n.pos;
                    par.typ = Some(Expr {
                        pos: err_pos,
                        id: ExprId(0),
                        kind: ExprKind::Bad,
                    });
                }
            }
            for par in &mut list {
                if let Some(t) = &mut par.typ {
                    if matches!(t.kind, ExprKind::Bad) && t.id == ExprId(0) {
                        t.id = ExprId(self.expr_count);
                        self.expr_count += 1;
                    }
                }
            }
            if err_pos.is_known() {
                let msg;
                if named == typed {
                    err_pos = end; // position error at closing token ) or ]
                    msg = if require_names {
                        "missing type constraint"
                    } else {
                        "missing parameter type"
                    };
                } else if require_names {
                    msg = if list.len() == 1 {
                        "missing type parameter name or invalid array length"
                    } else {
                        "missing type parameter name"
                    };
                } else {
                    msg = "missing parameter name";
                }
                self.syntax_error_at(err_pos, msg);
            }
        }

        // check use of ...
        let n = list.len();
        let mut reported = false;
        for i in 0..n {
            // The type of a run of shared parameters is on its last one.
            let mut j = i;
            while list[j].shares_next && j + 1 < n {
                j += 1;
            }
            let dots_pos = match &list[j].typ {
                Some(Expr {
                    kind: ExprKind::DotsType(_),
                    pos,
                    ..
                }) => *pos,
                _ => continue,
            };
            if !dddok || i + 1 < n {
                if !reported {
                    reported = true;
                    if dddok {
                        self.error_at(dots_pos, "can only use ... with final parameter");
                    } else {
                        self.error_at(dots_pos, "invalid use of ...");
                    }
                }
                // Strip the dots from the (shared) type.
                if let Some(mut t) = list[j].typ.take() {
                    list[j].typ = Some(match t.take_kind() {
                        ExprKind::DotsType(mut elem) => Expr {
                            pos: elem.pos,
                            id: elem.id,
                            kind: elem.take_kind(),
                        },
                        kind => Expr { kind, ..t },
                    });
                }
            }
        }

        // Group names that share a type into one field.
        let mut fields = Vec::with_capacity(list.len());
        let mut names: Vec<Name> = Vec::new();
        let mut pos = Pos::NONE;
        for par in list {
            if names.is_empty() {
                pos = par.pos;
            }
            if let Some(n) = par.name {
                names.push(n);
            }
            if par.shares_next {
                continue;
            }
            let typ = par.typ.unwrap_or_else(|| Expr {
                pos: par.pos,
                id: ExprId(0),
                kind: ExprKind::Bad,
            });
            fields.push(Field {
                pos,
                doc: None,
                names: std::mem::take(&mut names),
                typ,
                tag: None,
            });
        }
        fields
    }

    // --- statements ---------------------------------------------------

    /// SimpleStmt; `lhs` is an already parsed expression list. In a `for`
    /// header (`keyword` For) a range clause is accepted.
    fn simple_stmt(&mut self, lhs: Option<Vec<Expr>>, keyword: Option<Token>) -> Stmt {
        if keyword == Some(Token::For) && self.tok() == Token::Range {
            // _ = range x
            return self.range_clause(Vec::new(), false);
        }
        let mut lhs = match lhs {
            Some(l) => l,
            None => self.expr_list(),
        };
        if lhs.len() == 1 && self.tok() != Token::Assign && self.tok() != Token::Define {
            // expr
            let pos = self.pos();
            match self.tok() {
                Token::AssignOp => {
                    // lhs op= rhs
                    let op = self.s.op;
                    self.next();
                    let rhs = self.expr();
                    return Stmt {
                        pos,
                        kind: StmtKind::Assign(AssignOp::Op(op), lhs, vec![rhs]),
                    };
                }
                Token::IncOp => {
                    // lhs++ or lhs--
                    let op = self.s.op;
                    self.next();
                    return Stmt {
                        pos,
                        kind: StmtKind::Assign(AssignOp::IncDec(op), lhs, Vec::new()),
                    };
                }
                Token::Arrow => {
                    // lhs <- rhs
                    self.next();
                    let val = self.expr();
                    let ch = lhs.pop().expect("one lhs");
                    return Stmt {
                        pos,
                        kind: StmtKind::Send(ch, val),
                    };
                }
                _ => {
                    // expr
                    let x = lhs.pop().expect("one lhs");
                    return Stmt {
                        pos: x.pos,
                        kind: StmtKind::Expr(x),
                    };
                }
            }
        }
        // expr_list
        match self.tok() {
            Token::Assign | Token::Define => {
                let pos = self.pos();
                let def = self.tok() == Token::Define;
                self.next();
                if keyword == Some(Token::For) && self.tok() == Token::Range {
                    // expr_list op= range expr
                    return self.range_clause(lhs, def);
                }
                // expr_list op= expr_list
                let mut rhs = self.expr_list();
                if keyword == Some(Token::Switch) && def && rhs.len() == 1 && lhs.len() == 1 {
                    if let (ExprKind::TypeSwitchGuard(None, _), ExprKind::Name(n)) =
                        (&rhs[0].kind, &lhs[0].kind)
                    {
                        // x := y.(type) as a switch header
                        let name = Name {
                            pos: lhs[0].pos,
                            value: *n,
                        };
                        let mut g = rhs.pop().expect("one rhs");
                        if let ExprKind::TypeSwitchGuard(l, _) = &mut g.kind {
                            *l = Some(name);
                        }
                        return Stmt {
                            pos: g.pos,
                            kind: StmtKind::Expr(g),
                        };
                    }
                }
                let op = if def {
                    AssignOp::Define
                } else {
                    AssignOp::Assign
                };
                Stmt {
                    pos,
                    kind: StmtKind::Assign(op, lhs, rhs),
                }
            }
            _ => {
                self.syntax_error("expected := or = or comma");
                self.advance(&[Token::Semi, Token::Rbrace]);
                // make the best of what we have
                let x = lhs.swap_remove(0);
                Stmt {
                    pos: x.pos,
                    kind: StmtKind::Expr(x),
                }
            }
        }
    }

    fn range_clause(&mut self, lhs: Vec<Expr>, def: bool) -> Stmt {
        let pos = self.pos();
        self.next(); // range
        let x = self.expr();
        Stmt {
            pos,
            kind: StmtKind::Range(Box::new(RangeClause { lhs, def, x })),
        }
    }

    fn labeled_stmt_or_nil(&mut self, label: Name) -> Option<Stmt> {
        let pos = self.pos();
        self.want(Token::Colon);
        if self.tok() == Token::Rbrace {
            // We expect a statement (incl. an empty statement), which must
            // be terminated by a semicolon - we may omit the semicolon
            // before a closing "}" and on a line by itself: an empty
            // statement.
            let e = Stmt {
                pos: self.pos(),
                kind: StmtKind::Empty,
            };
            return Some(Stmt {
                pos,
                kind: StmtKind::Labeled(label, Box::new(e)),
            });
        }
        match self.stmt_or_nil() {
            Some(s) => Some(Stmt {
                pos,
                kind: StmtKind::Labeled(label, Box::new(s)),
            }),
            None => {
                // report error at line of ':' token
                self.syntax_error_at(pos, "missing statement after label");
                // we are already at the end of the labeled statement - no
                // need to advance
                None
            }
        }
    }

    /// `context` names the construct for "expected { after ...".
    fn block_stmt(&mut self, context: &str) -> Block {
        let pos = self.pos();
        // people coming from C may forget braces
        if !self.got(Token::Lbrace) {
            self.syntax_error(&format!("expected {{ after {context}"));
            self.advance(&[Token::Name, Token::Rbrace]);
            let rbrace = self.pos(); // in case we found "}"
            if self.got(Token::Rbrace) {
                return Block {
                    pos,
                    stmts: Vec::new(),
                    rbrace,
                };
            }
        }
        let stmts = self.stmt_list();
        let rbrace = self.pos();
        self.want(Token::Rbrace);
        Block { pos, stmts, rbrace }
    }

    fn decl_stmt(&mut self) -> Stmt {
        let pos = self.pos();
        let d = self.gen_decl();
        Stmt {
            pos,
            kind: StmtKind::Decl(d),
        }
    }

    fn for_stmt(&mut self) -> Stmt {
        let pos = self.pos();
        let (init, cond, post) = self.header(Token::For);
        let body = self.block_stmt("for clause");
        Stmt {
            pos,
            kind: StmtKind::For(Box::new(ForStmt {
                init,
                cond,
                post,
                body,
            })),
        }
    }

    /// The header of an `if`, `switch` or `for`: `[init ;] cond [; post]`.
    fn header(&mut self, keyword: Token) -> (Option<Stmt>, Option<Expr>, Option<Stmt>) {
        self.want(keyword);
        if self.tok() == Token::Lbrace {
            if keyword == Token::If {
                self.syntax_error("missing condition in if statement");
                return (None, Some(self.bad_expr()), None);
            }
            // for {} or switch {}
            return (None, None, None);
        }
        let outer = self.xnest;
        self.xnest = -1;

        let mut init = None;
        let mut post = None;
        if self.tok() != Token::Semi {
            // accept potential varDecl but complain
            if self.got(Token::Var) {
                self.syntax_error(&format!(
                    "var declaration not allowed in {} initializer",
                    keyword.as_str()
                ));
            }
            let s = self.simple_stmt(None, Some(keyword));
            // If we have a range clause, we are done (can only happen for
            // keyword == For).
            if matches!(s.kind, StmtKind::Range(_)) {
                self.xnest = outer;
                return (Some(s), None, None);
            }
            init = Some(s);
        }

        let cond_stmt: Option<Stmt>;
        let mut semi: Option<(Pos, SemiKind)> = None;
        if self.tok() != Token::Lbrace {
            if self.tok() == Token::Semi {
                semi = Some((self.pos(), self.s.semi));
                self.next();
            } else {
                // asking for a '{' rather than a ';' here leads to a better
                // error message
                self.want(Token::Lbrace);
                if self.tok() != Token::Lbrace {
                    self.advance(&[Token::Lbrace, Token::Rbrace]); // for better synchronization
                }
            }
            if keyword == Token::For {
                let mut c = None;
                let mut missing_cond = false;
                if self.tok() != Token::Semi {
                    if self.tok() == Token::Lbrace {
                        self.syntax_error("expected for loop condition");
                        missing_cond = true;
                    } else {
                        c = Some(self.simple_stmt(None, None));
                    }
                }
                if !missing_cond {
                    self.want(Token::Semi);
                    if self.tok() != Token::Lbrace {
                        let ps = self.simple_stmt(None, None);
                        if let StmtKind::Assign(AssignOp::Define, ..) = ps.kind {
                            self.syntax_error_at(
                                ps.pos,
                                "cannot declare in post statement of for loop",
                            );
                        }
                        post = Some(ps);
                    }
                }
                cond_stmt = c;
            } else if self.tok() != Token::Lbrace {
                cond_stmt = Some(self.simple_stmt(None, Some(keyword)));
            } else {
                cond_stmt = None;
            }
        } else {
            cond_stmt = init.take();
        }

        // unpack cond_stmt
        let cond = match cond_stmt {
            None => {
                if keyword == Token::If {
                    if let Some((spos, kind)) = semi {
                        if kind != SemiKind::Explicit {
                            self.syntax_error_at(
                                spos,
                                &format!(
                                    "unexpected {}, expected {{ after if clause",
                                    kind.as_str()
                                ),
                            );
                        } else {
                            self.syntax_error_at(spos, "missing condition in if statement");
                        }
                        Some(self.mk(spos, ExprKind::Bad))
                    } else {
                        None
                    }
                } else {
                    None
                }
            }
            Some(Stmt {
                kind: StmtKind::Expr(x),
                ..
            }) => Some(x),
            Some(s) => {
                // A common syntax error is to write "if x := 0 {" instead
                // of "if x := 0; x {".
                let str = match &s.kind {
                    StmtKind::Assign(AssignOp::Assign, lhs, rhs) => format!(
                        "assignment {} = {}",
                        emphasize_list(lhs),
                        emphasize_list(rhs)
                    ),
                    _ => crate::print::stmt_string(&s),
                };
                self.syntax_error_at(s.pos, &format!("cannot use {str} as value"));
                None
            }
        };
        self.xnest = outer;
        (init, cond, post)
    }

    fn if_stmt(&mut self) -> Stmt {
        let pos = self.pos();
        self.nested(
            |_| Stmt {
                pos,
                kind: StmtKind::Empty,
            },
            |p| p.if_stmt_inner(pos),
        )
    }

    fn if_stmt_inner(&mut self, pos: Pos) -> Stmt {
        let (init, cond, _) = self.header(Token::If);
        let cond = match cond {
            Some(c) => c,
            None => self.mk(pos, ExprKind::Bad),
        };
        let then = self.block_stmt("if clause");
        let mut els = None;
        if self.got(Token::Else) {
            match self.tok() {
                Token::If => els = Some(self.if_stmt()),
                Token::Lbrace => {
                    let b = self.block_stmt("");
                    els = Some(Stmt {
                        pos: b.pos,
                        kind: StmtKind::Block(b),
                    });
                }
                _ => {
                    self.syntax_error("else must be followed by if or statement block");
                    self.advance(&[Token::Name, Token::Rbrace]);
                }
            }
        }
        Stmt {
            pos,
            kind: StmtKind::If(Box::new(IfStmt {
                init,
                cond,
                then,
                els,
            })),
        }
    }

    fn switch_stmt(&mut self) -> Stmt {
        let pos = self.pos();
        let (init, tag, _) = self.header(Token::Switch);
        if !self.got(Token::Lbrace) {
            self.syntax_error("missing { after switch clause");
            self.advance(&[Token::Case, Token::Default, Token::Rbrace]);
        }
        let mut body = Vec::new();
        while self.tok() != Token::Eof && self.tok() != Token::Rbrace {
            body.push(self.case_clause());
        }
        let rbrace = self.pos();
        self.want(Token::Rbrace);
        Stmt {
            pos,
            kind: StmtKind::Switch(Box::new(SwitchStmt {
                init,
                tag,
                body,
                rbrace,
            })),
        }
    }

    fn select_stmt(&mut self) -> Stmt {
        let pos = self.pos();
        self.want(Token::Select);
        if !self.got(Token::Lbrace) {
            self.syntax_error("missing { after select clause");
            self.advance(&[Token::Case, Token::Default, Token::Rbrace]);
        }
        let mut body = Vec::new();
        while self.tok() != Token::Eof && self.tok() != Token::Rbrace {
            body.push(self.comm_clause());
        }
        let rbrace = self.pos();
        self.want(Token::Rbrace);
        Stmt {
            pos,
            kind: StmtKind::Select(Box::new(SelectStmt { body, rbrace })),
        }
    }

    fn case_clause(&mut self) -> CaseClause {
        let pos = self.pos();
        let mut cases = None;
        match self.tok() {
            Token::Case => {
                self.next();
                cases = Some(self.expr_list());
            }
            Token::Default => self.next(),
            _ => {
                self.syntax_error("expected case or default or }");
                self.advance(&[Token::Colon, Token::Case, Token::Default, Token::Rbrace]);
            }
        }
        let colon = self.pos();
        self.want(Token::Colon);
        let body = self.stmt_list();
        CaseClause {
            pos,
            cases,
            colon,
            body,
        }
    }

    fn comm_clause(&mut self) -> CommClause {
        let pos = self.pos();
        let mut comm = None;
        match self.tok() {
            Token::Case => {
                self.next();
                comm = Some(self.simple_stmt(None, None));
                // The syntax restricts the possible simple statements here
                // to: lhs <- x (send statement), <-x, lhs = <-x, lhs := <-x.
                // All these (and more) are recognized by simpleStmt and
                // invalid syntax trees are flagged later, during type
                // checking.
            }
            Token::Default => self.next(),
            _ => {
                self.syntax_error("expected case or default or }");
                self.advance(&[Token::Colon, Token::Case, Token::Default, Token::Rbrace]);
            }
        }
        let colon = self.pos();
        self.want(Token::Colon);
        let body = self.stmt_list();
        CommClause {
            pos,
            comm,
            colon,
            body,
        }
    }

    fn stmt_or_nil(&mut self) -> Option<Stmt> {
        self.nested(|_| None, |p| p.stmt_or_nil_inner())
    }

    fn stmt_or_nil_inner(&mut self) -> Option<Stmt> {
        // Most statements (assignments) start with an identifier; look for
        // it first before doing anything more expensive.
        if self.tok() == Token::Name {
            let lhs = self.expr_list();
            if lhs.len() == 1 && self.tok() == Token::Colon {
                if let ExprKind::Name(n) = lhs[0].kind {
                    return self.labeled_stmt_or_nil(Name {
                        pos: lhs[0].pos,
                        value: n,
                    });
                }
            }
            return Some(self.simple_stmt(Some(lhs), None));
        }
        let pos = self.pos();
        match self.tok() {
            Token::Var | Token::Const | Token::Type => Some(self.decl_stmt()),
            Token::Lbrace => {
                let b = self.block_stmt("");
                Some(Stmt {
                    pos,
                    kind: StmtKind::Block(b),
                })
            }
            Token::Operator | Token::Star => match self.s.op {
                Operator::Add
                | Operator::Sub
                | Operator::Mul
                | Operator::And
                | Operator::Xor
                | Operator::Not => Some(self.simple_stmt(None, None)), // unary operators
                _ => None,
            },
            Token::Literal
            | Token::Func
            | Token::Lparen
            | Token::Lbrack
            | Token::Struct
            | Token::Map
            | Token::Chan
            | Token::Interface
            | Token::Arrow => Some(self.simple_stmt(None, None)),
            Token::For => Some(self.for_stmt()),
            Token::Switch => Some(self.switch_stmt()),
            Token::Select => Some(self.select_stmt()),
            Token::If => Some(self.if_stmt()),
            Token::Fallthrough => {
                self.next();
                Some(Stmt {
                    pos,
                    kind: StmtKind::Branch(Token::Fallthrough, None),
                })
            }
            Token::Break | Token::Continue => {
                let tok = self.tok();
                self.next();
                let label = if self.tok() == Token::Name {
                    Some(self.name())
                } else {
                    None
                };
                Some(Stmt {
                    pos,
                    kind: StmtKind::Branch(tok, label),
                })
            }
            Token::Go | Token::Defer => Some(self.call_stmt()),
            Token::Goto => {
                self.next();
                let label = self.name();
                Some(Stmt {
                    pos,
                    kind: StmtKind::Branch(Token::Goto, Some(label)),
                })
            }
            Token::Return => {
                self.next();
                let results = if self.tok() != Token::Semi && self.tok() != Token::Rbrace {
                    self.expr_list()
                } else {
                    Vec::new()
                };
                Some(Stmt {
                    pos,
                    kind: StmtKind::Return(results),
                })
            }
            Token::Semi => Some(Stmt {
                pos,
                kind: StmtKind::Empty,
            }),
            _ => None,
        }
    }

    fn stmt_list(&mut self) -> Vec<Stmt> {
        let mut l = Vec::new();
        while !matches!(
            self.tok(),
            Token::Eof | Token::Rbrace | Token::Case | Token::Default
        ) {
            let Some(s) = self.stmt_or_nil() else { break };
            l.push(s);
            // ";" is optional before "}"
            if !self.got(Token::Semi) && self.tok() != Token::Rbrace {
                self.syntax_error("at end of statement");
                self.advance(&[Token::Semi, Token::Rbrace, Token::Case, Token::Default]);
                self.got(Token::Semi); // avoid spurious empty statement
            }
        }
        l
    }

    /// Arguments after `(`, up to and including `)`.
    fn arg_list(&mut self) -> (Vec<Expr>, bool, Pos) {
        self.xnest += 1;
        let mut list = Vec::new();
        let mut has_dots = false;
        let rparen = self.list("argument list", Token::Comma, Token::Rparen, |p| {
            list.push(p.expr());
            has_dots = p.got(Token::DotDotDot);
            has_dots
        });
        self.xnest -= 1;
        (list, has_dots, rparen)
    }

    // --- common productions -------------------------------------------

    fn name(&mut self) -> Name {
        if self.tok() == Token::Name {
            let n = Name {
                pos: self.pos(),
                value: sym(self.lit_str()),
            };
            self.next();
            return n;
        }
        let n = Name {
            pos: self.pos(),
            value: sym("_"),
        };
        self.syntax_error("expected name");
        self.advance(&[]);
        n
    }

    fn name_list(&mut self, first: Name) -> Vec<Name> {
        let mut l = vec![first];
        while self.got(Token::Comma) {
            l.push(self.name());
        }
        l
    }

    /// A (possibly package-qualified, possibly instantiated) type name.
    fn qualified_name(&mut self, name: Option<Expr>) -> Expr {
        let mut x = match name {
            Some(x) => x,
            None if self.tok() == Token::Name => {
                let n = self.name();
                self.name_expr(n)
            }
            None => {
                let n = Name {
                    pos: self.pos(),
                    value: sym("_"),
                };
                self.syntax_error("expected name");
                self.advance(&[Token::Dot, Token::Semi, Token::Rbrace]);
                self.name_expr(n)
            }
        };
        if self.tok() == Token::Dot {
            let pos = self.pos();
            self.next();
            let sel = self.name();
            x = self.mk(pos, ExprKind::Selector(Box::new(x), sel));
        }
        if self.tok() == Token::Lbrack {
            x = self.type_instance(x);
        }
        x
    }

    fn expr_list(&mut self) -> Vec<Expr> {
        let mut l = vec![self.expr()];
        while self.got(Token::Comma) {
            l.push(self.expr());
        }
        l
    }

    /// typeList parses a non-empty, comma-separated list of types,
    /// optionally followed by a comma. If strict is set to false, the first
    /// element may also be a (non-type) expression. Reports whether there
    /// was a comma.
    fn type_list(&mut self, strict: bool) -> (Vec<Expr>, bool) {
        self.xnest += 1;
        let first = if strict { self.type_() } else { self.expr() };
        let mut list = vec![first];
        let mut comma = false;
        if self.got(Token::Comma) {
            comma = true;
            if let Some(t) = self.type_or_nil() {
                list.push(t);
                while self.got(Token::Comma) {
                    match self.type_or_nil() {
                        Some(t) => list.push(t),
                        None => break,
                    }
                }
            }
        }
        self.xnest -= 1;
        (list, comma)
    }
}

// --- shape helpers (gc's extractName, isTypeElem, isValue) ------------

/// What `extract_name` would find in `x`: `None` if `x` does not start a
/// type parameter list, else whether it yields a type besides the name.
fn extract_shape(x: &Expr, force: bool) -> Option<bool> {
    match &x.kind {
        ExprKind::Name(_) => Some(false),
        ExprKind::Operation(Operator::Mul, a, Some(b)) => {
            (matches!(a.kind, ExprKind::Name(_)) && (force || is_type_elem(b))).then_some(true)
        }
        ExprKind::Operation(Operator::Or, a, Some(b)) => {
            match extract_shape(a, force || is_type_elem(b)) {
                Some(true) => Some(true),
                _ => None,
            }
        }
        ExprKind::Call(c) => {
            let ok = matches!(c.fun.kind, ExprKind::Name(_))
                && c.args.len() == 1
                && !c.has_dots
                && (force || is_type_elem(&c.args[0]));
            ok.then_some(true)
        }
        _ => None,
    }
}

/// Splits `x` (for which `extract_shape` said yes) into the first type
/// parameter's name and its constraint, the way gc does for `type T[P *C]`,
/// `type T[P *C|D]` and `type T[P (C)]`.
fn extract_name(mut x: Expr, force: bool) -> (Name, Option<Expr>) {
    let (pos, id) = (x.pos, x.id);
    match x.take_kind() {
        ExprKind::Name(n) => (Name { pos, value: n }, None),
        ExprKind::Operation(Operator::Mul, a, Some(b)) => {
            // x = name *T: change the binary op into unary *T
            let name = Name {
                pos: a.pos,
                value: a.as_name().expect("checked by extract_shape"),
            };
            (
                name,
                Some(Expr {
                    pos,
                    id,
                    kind: ExprKind::Operation(Operator::Mul, b, None),
                }),
            )
        }
        ExprKind::Operation(Operator::Or, mut a, Some(b)) => {
            let force = force || is_type_elem(&b);
            let inner = Expr {
                pos: a.pos,
                id: a.id,
                kind: a.take_kind(),
            };
            let (name, lhs) = extract_name(inner, force);
            let lhs = lhs.expect("checked by extract_shape");
            (
                name,
                Some(Expr {
                    pos,
                    id,
                    kind: ExprKind::Operation(Operator::Or, Box::new(lhs), Some(b)),
                }),
            )
        }
        ExprKind::Call(c) => {
            let c = *c;
            let name = Name {
                pos: c.fun.pos,
                value: c.fun.as_name().expect("checked by extract_shape"),
            };
            let arg = c.args.into_iter().next().expect("one argument");
            (name, Some(unparen_owned(arg)))
        }
        _ => unreachable!("extract_name called without extract_shape"),
    }
}

/// Reports whether x is a (possibly parenthesized) type element expression.
/// The result is false if x could be a type element OR an ordinary (value)
/// expression.
fn is_type_elem(x: &Expr) -> bool {
    match &x.kind {
        ExprKind::ArrayType(..)
        | ExprKind::StructType(_)
        | ExprKind::FuncType(_)
        | ExprKind::InterfaceType(_)
        | ExprKind::SliceType(_)
        | ExprKind::MapType(..)
        | ExprKind::ChanType(..) => true,
        ExprKind::Operation(op, a, b) => {
            is_type_elem(a) || b.as_ref().is_some_and(|b| is_type_elem(b)) || *op == Operator::Tilde
        }
        ExprKind::Paren(e) => is_type_elem(e),
        _ => false,
    }
}

/// Reports whether x is definitely a value (not a type): then `x{` is not a
/// composite literal.
fn is_value(x: &Expr) -> bool {
    match &x.kind {
        ExprKind::BasicLit(_)
        | ExprKind::CompositeLit(_)
        | ExprKind::FuncLit(_)
        | ExprKind::Slice(_)
        | ExprKind::Assert(..)
        | ExprKind::TypeSwitchGuard(..)
        | ExprKind::Call(_) => true,
        ExprKind::Operation(op, _, b) => *op != Operator::Mul || b.is_some(), // *T may be a type
        ExprKind::Paren(e) => is_value(e),
        ExprKind::Index(e, idx) => is_value(e) || (idx.len() == 1 && is_value(&idx[0])),
        _ => false,
    }
}

fn unparen_owned(mut x: Expr) -> Expr {
    while let ExprKind::Paren(inner) = &mut x.kind {
        let inner = Expr {
            pos: inner.pos,
            id: inner.id,
            kind: inner.take_kind(),
        };
        x = inner;
    }
    x
}

/// An expression list as gc prints it in "cannot use ... as value": a
/// lone binary operation is parenthesized, a list is not.
fn emphasize_list(l: &[Expr]) -> String {
    let parts: Vec<String> = l.iter().map(crate::print::expr_string).collect();
    match l {
        [x] if matches!(x.kind, ExprKind::Operation(_, _, Some(_))) => format!("({})", parts[0]),
        _ => parts.join(", "),
    }
}

/// The minimum Go version a `//go:build` expression implies: the largest
/// `go1.N` tag that every satisfying assignment needs (gc's
/// constraint.GoVersion, for the forms that occur in practice: tags joined
/// by `&&`, possibly parenthesized).
fn min_go_version(expr: &str) -> Option<String> {
    // Only a plain conjunction can require a version.
    if expr.contains("||") || expr.contains('!') {
        return None;
    }
    let mut best: Option<(u32, u32)> = None;
    for term in expr.split("&&") {
        let t = term.trim().trim_matches(|c| c == '(' || c == ')').trim();
        if let Some(v) = t.strip_prefix("go1.") {
            let mut parts = v.split('.');
            let minor: u32 = parts.next()?.parse().ok()?;
            let patch: u32 = parts.next().map_or(Some(0), |p| p.parse().ok())?;
            if best.is_none_or(|b| (minor, patch) > b) {
                best = Some((minor, patch));
            }
        }
    }
    best.map(|(m, p)| {
        if p == 0 {
            format!("go1.{m}")
        } else {
            format!("go1.{m}.{p}")
        }
    })
}
