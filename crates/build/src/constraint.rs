//! Build constraint expressions: the `//go:build` and legacy `// +build`
//! line syntax, parsed and evaluated as Go's `go/build/constraint` does,
//! with its error messages (`unexpected token ||`, `missing close paren`,
//! ...). Which lines of a file count, and which tags hold, is decided by
//! [`crate::context`].

use std::fmt;

/// A build constraint expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    /// A tag such as `linux` or `go1.21`.
    Tag(String),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
}

impl Expr {
    /// Evaluates the expression with `ok` deciding each tag. Like Go's
    /// `Eval`, both operands of `&&` and `||` are evaluated (`ok` sees
    /// every tag the expression mentions).
    pub fn eval(&self, ok: &mut dyn FnMut(&str) -> bool) -> bool {
        match self {
            Expr::Tag(t) => ok(t),
            Expr::Not(x) => !x.eval(ok),
            Expr::And(x, y) => {
                let a = x.eval(ok);
                let b = y.eval(ok);
                a && b
            }
            Expr::Or(x, y) => {
                let a = x.eval(ok);
                let b = y.eval(ok);
                a || b
            }
        }
    }
}

impl fmt::Display for Expr {
    /// The expression as Go's `String` prints it (fully parenthesized where
    /// `&&` and `||` mix).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Tag(t) => f.write_str(t),
            Expr::Not(x) => match **x {
                Expr::And(..) | Expr::Or(..) => write!(f, "!({x})"),
                _ => write!(f, "!{x}"),
            },
            Expr::And(x, y) => {
                let arg = |e: &Expr| match e {
                    Expr::Or(..) => format!("({e})"),
                    _ => e.to_string(),
                };
                write!(f, "{} && {}", arg(x), arg(y))
            }
            Expr::Or(x, y) => {
                let arg = |e: &Expr| match e {
                    Expr::And(..) => format!("({e})"),
                    _ => e.to_string(),
                };
                write!(f, "{} || {}", arg(x), arg(y))
            }
        }
    }
}

/// A syntax error in a constraint: the byte offset in the expression text
/// where it was found and Go's message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub offset: usize,
    pub msg: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg)
    }
}

/// Why [`parse`] failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// The line is neither a `//go:build` nor a `// +build` line.
    NotConstraint,
    Syntax(SyntaxError),
    /// A `// +build` line with more than 100 terms.
    TooComplex,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::NotConstraint => f.write_str("not a build constraint"),
            ParseError::Syntax(e) => e.fmt(f),
            ParseError::TooComplex => f.write_str("expression too complex for // +build lines"),
        }
    }
}

/// Parses a single `//go:build` or `// +build` line (a trailing newline is
/// allowed).
pub fn parse(line: &str) -> Result<Expr, ParseError> {
    if let Some(text) = split_go_build(line) {
        return parse_expr(text).map_err(ParseError::Syntax);
    }
    if let Some(text) = split_plus_build(line) {
        return parse_plus_build_expr(text);
    }
    Err(ParseError::NotConstraint)
}

/// Whether the line is a `//go:build` line (whatever follows it).
pub fn is_go_build(line: &str) -> bool {
    split_go_build(line).is_some()
}

/// Whether the line is a `// +build` line.
pub fn is_plus_build(line: &str) -> bool {
    split_plus_build(line).is_some()
}

/// Go's `TrimSpace` on ASCII (and Unicode) white space.
fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace())
}

/// The expression of a `//go:build` line: the text after `//go:build`,
/// which must be separated from it by space (or be empty).
fn split_go_build(line: &str) -> Option<&str> {
    let line = line.strip_suffix('\n').unwrap_or(line);
    if line.contains('\n') || !line.starts_with("//go:build") {
        return None;
    }
    let line = &trim(line)["//go:build".len()..];
    let t = trim(line);
    if line.len() == t.len() && !line.is_empty() {
        return None;
    }
    Some(t)
}

/// The text of a `// +build` line after `+build`.
fn split_plus_build(line: &str) -> Option<&str> {
    let line = line.strip_suffix('\n').unwrap_or(line);
    if line.contains('\n') {
        return None;
    }
    let line = trim(line.strip_prefix("//")?);
    let line = line.strip_prefix("+build")?;
    let t = trim(line);
    if line.len() == t.len() && !line.is_empty() {
        return None;
    }
    Some(t)
}

/// The most `!`-or-atom terms an expression may have.
const MAX_SIZE: usize = 1000;

/// Whether `c` may appear in a tag: Go's `unicode.IsLetter`, `IsDigit`,
/// `_` and `.`. (Rust's alphabetic/numeric classes are a close superset of
/// Go's letter and decimal-digit classes; tags are ASCII in practice.)
fn is_tag_char(c: char) -> bool {
    c.is_alphabetic() || c.is_numeric() || c == '_' || c == '.'
}

/// Parses a `//go:build` expression: `||`, `&&`, `!`, parentheses, tags.
pub fn parse_expr(text: &str) -> Result<Expr, SyntaxError> {
    let mut p = ExprParser {
        s: text,
        i: 0,
        tok: "",
        is_tag: false,
        pos: 0,
        size: 0,
    };
    let x = p.or()?;
    if !p.tok.is_empty() {
        return Err(p.err(p.pos, format!("unexpected token {}", p.tok)));
    }
    Ok(x)
}

struct ExprParser<'a> {
    s: &'a str,
    /// Next read offset.
    i: usize,
    /// The last token read; empty at the end.
    tok: &'a str,
    is_tag: bool,
    /// Start of the last token.
    pos: usize,
    size: usize,
}

impl<'a> ExprParser<'a> {
    fn err(&self, offset: usize, msg: impl Into<String>) -> SyntaxError {
        SyntaxError {
            offset,
            msg: msg.into(),
        }
    }

    fn or(&mut self) -> Result<Expr, SyntaxError> {
        let mut x = self.and()?;
        while self.tok == "||" {
            x = Expr::Or(Box::new(x), Box::new(self.and()?));
        }
        Ok(x)
    }

    fn and(&mut self) -> Result<Expr, SyntaxError> {
        let mut x = self.not()?;
        while self.tok == "&&" {
            x = Expr::And(Box::new(x), Box::new(self.not()?));
        }
        Ok(x)
    }

    fn not(&mut self) -> Result<Expr, SyntaxError> {
        self.size += 1;
        if self.size > MAX_SIZE {
            return Err(self.err(self.pos, "build expression too large"));
        }
        self.lex()?;
        if self.tok == "!" {
            self.lex()?;
            if self.tok == "!" {
                return Err(self.err(self.pos, "double negation not allowed"));
            }
            return Ok(Expr::Not(Box::new(self.atom()?)));
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<Expr, SyntaxError> {
        if self.tok == "(" {
            let pos = self.pos;
            let x = self.or().map_err(|mut e| {
                if e.msg == "unexpected end of expression" {
                    e.msg = "missing close paren".into();
                }
                e
            })?;
            if self.tok != ")" {
                return Err(self.err(pos, "missing close paren"));
            }
            self.lex()?;
            return Ok(x);
        }
        if !self.is_tag {
            if self.tok.is_empty() {
                return Err(self.err(self.pos, "unexpected end of expression"));
            }
            return Err(self.err(self.pos, format!("unexpected token {}", self.tok)));
        }
        let tok = self.tok;
        self.lex()?;
        Ok(Expr::Tag(tok.to_string()))
    }

    fn lex(&mut self) -> Result<(), SyntaxError> {
        self.is_tag = false;
        let b = self.s.as_bytes();
        while self.i < b.len() && (b[self.i] == b' ' || b[self.i] == b'\t') {
            self.i += 1;
        }
        if self.i >= b.len() {
            self.tok = "";
            self.pos = self.i;
            return Ok(());
        }
        match b[self.i] {
            b'(' | b')' | b'!' => {
                self.pos = self.i;
                self.i += 1;
                self.tok = &self.s[self.pos..self.i];
                return Ok(());
            }
            c @ (b'&' | b'|') => {
                if self.i + 1 >= b.len() || b[self.i + 1] != c {
                    return Err(self.err(self.i, format!("invalid syntax at {}", c as char)));
                }
                self.pos = self.i;
                self.i += 2;
                self.tok = &self.s[self.pos..self.i];
                return Ok(());
            }
            _ => {}
        }
        let rest = &self.s[self.i..];
        let len = rest
            .char_indices()
            .find(|&(_, c)| !is_tag_char(c))
            .map_or(rest.len(), |(i, _)| i);
        if len == 0 {
            let c = rest.chars().next().unwrap_or('\u{fffd}');
            return Err(self.err(self.i, format!("invalid syntax at {c}")));
        }
        self.pos = self.i;
        self.i += len;
        self.tok = &self.s[self.pos..self.i];
        self.is_tag = true;
        Ok(())
    }
}

/// Whether a `// +build` word is a valid tag.
fn is_valid_tag(word: &str) -> bool {
    !word.is_empty() && word.chars().all(is_tag_char)
}

/// Parses the text of a `// +build` line: space-separated alternatives of
/// comma-separated (and-ed) possibly negated tags. Invalid words become the
/// tag `ignore`, as in Go.
fn parse_plus_build_expr(text: &str) -> Result<Expr, ParseError> {
    const MAX_OLD_SIZE: usize = 100;
    let mut size = 0;
    let mut x: Option<Expr> = None;
    for clause in text.split_whitespace() {
        let mut y: Option<Expr> = None;
        for lit in clause.split(',') {
            let z = if lit.starts_with("!!") || lit == "!" {
                Expr::Tag("ignore".into())
            } else {
                let (neg, word) = match lit.strip_prefix('!') {
                    Some(w) => (true, w),
                    None => (false, lit),
                };
                let t = if is_valid_tag(word) {
                    Expr::Tag(word.into())
                } else {
                    Expr::Tag("ignore".into())
                };
                if neg {
                    Expr::Not(Box::new(t))
                } else {
                    t
                }
            };
            y = Some(match y {
                None => z,
                Some(y) => {
                    size += 1;
                    if size > MAX_OLD_SIZE {
                        return Err(ParseError::TooComplex);
                    }
                    Expr::And(Box::new(y), Box::new(z))
                }
            });
        }
        let Some(y) = y else { continue };
        x = Some(match x {
            None => y,
            Some(x) => {
                size += 1;
                if size > MAX_OLD_SIZE {
                    return Err(ParseError::TooComplex);
                }
                Expr::Or(Box::new(x), Box::new(y))
            }
        });
    }
    Ok(x.unwrap_or_else(|| Expr::Tag("ignore".into())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(list: &str) -> impl FnMut(&str) -> bool + '_ {
        move |t| list.split(',').any(|x| x == t)
    }

    #[test]
    fn parses_like_go() {
        // go/build/constraint's parseExprTests.
        for (input, want) in [
            ("x", "x"),
            ("x&&y", "x && y"),
            ("x||y", "x || y"),
            ("(x)", "x"),
            ("x||y&&z", "x || (y && z)"),
            ("x&&y||z", "(x && y) || z"),
            ("x&&(y||z)", "x && (y || z)"),
            ("(x||y)&&z", "(x || y) && z"),
            ("!(x&&y)", "!(x && y)"),
            ("  linux\t&&  !cgo ", "linux && !cgo"),
            ("go1.21 && é_1", "go1.21 && é_1"),
        ] {
            assert_eq!(parse_expr(input).unwrap().to_string(), want, "{input}");
        }
    }

    #[test]
    fn syntax_errors_like_go() {
        // go/build/constraint's parseExprErrorTests, and more.
        for (input, offset, msg) in [
            ("x && ", 5, "unexpected end of expression"),
            ("x && (", 6, "missing close paren"),
            ("x && ||", 5, "unexpected token ||"),
            ("x && !", 6, "unexpected end of expression"),
            ("x && !!", 6, "double negation not allowed"),
            ("x !", 2, "unexpected token !"),
            ("x && (y", 5, "missing close paren"),
            ("", 0, "unexpected end of expression"),
            ("x & y", 2, "invalid syntax at &"),
            ("x | y", 2, "invalid syntax at |"),
            ("x && $", 5, "invalid syntax at $"),
            ("x y", 2, "unexpected token y"),
            ("(x))", 3, "unexpected token )"),
            ("((x)", 0, "missing close paren"),
        ] {
            assert_eq!(
                parse_expr(input),
                Err(SyntaxError {
                    offset,
                    msg: msg.into()
                }),
                "{input:?}"
            );
        }
        let deep = "(".repeat(1001) + "x" + &")".repeat(1001);
        assert_eq!(
            parse_expr(&deep).unwrap_err().msg,
            "build expression too large"
        );
        let long = vec!["x"; 1001].join(" && ");
        assert_eq!(
            parse_expr(&long).unwrap_err().msg,
            "build expression too large"
        );
    }

    #[test]
    fn lines() {
        assert!(is_go_build("//go:build linux"));
        assert!(is_go_build("//go:build"));
        assert!(is_go_build("//go:build linux\n"));
        assert!(!is_go_build("//go:buildlinux"));
        assert!(!is_go_build("// go:build linux"));
        assert!(!is_go_build("//go:build a\nb"));
        assert!(is_plus_build("// +build linux"));
        assert!(is_plus_build("//+build linux"));
        assert!(is_plus_build("// +build"));
        assert!(!is_plus_build("// +buildlinux"));
        assert!(!is_plus_build("/* +build linux */"));
        assert_eq!(parse("// hello"), Err(ParseError::NotConstraint));
        assert_eq!(
            parse("//go:build").unwrap_err().to_string(),
            "unexpected end of expression"
        );
    }

    #[test]
    fn plus_build_lines() {
        for (line, want) in [
            ("// +build linux,amd64 darwin", "(linux && amd64) || darwin"),
            ("// +build !cgo", "!cgo"),
            ("// +build", "ignore"),
            ("// +build !!x", "ignore"),
            ("// +build !", "ignore"),
            ("// +build a$b", "ignore"),
            ("// +build !a$b", "!ignore"),
            ("// +build x,,y", "x && ignore && y"),
        ] {
            assert_eq!(parse(line).unwrap().to_string(), want, "{line}");
        }
        let big = format!("// +build {}", vec!["a"; 102].join(" "));
        assert_eq!(parse(&big), Err(ParseError::TooComplex));
    }

    #[test]
    fn evaluates() {
        for (expr, set, want) in [
            ("x && y", "x,y", true),
            ("x && y", "x", false),
            ("x || y", "y", true),
            ("!x", "y", true),
            ("!(x || y) && z", "z", true),
            ("!(x || y) && z", "z,x", false),
            ("linux && (amd64 || arm64) && !cgo", "linux,amd64", true),
        ] {
            let x = parse_expr(expr).unwrap();
            assert_eq!(x.eval(&mut tags(set)), want, "{expr} with {set}");
        }
        // Every tag is looked at, as in Go.
        let mut seen = Vec::new();
        parse_expr("a || b && c").unwrap().eval(&mut |t| {
            seen.push(t.to_string());
            true
        });
        assert_eq!(seen, ["a", "b", "c"]);
    }
}
