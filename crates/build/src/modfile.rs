//! `go.mod` files: the syntax (lines, `verb ( ... )` blocks, `//`
//! comments, quoted strings) and the directives package loading needs —
//! `module`, `go`, `require` and `replace` — with the go command's
//! messages for malformed files (`go.mod:4: unknown directive: foo`).
//! `toolchain`, `godebug`, `exclude`, `retract`, `tool` and `ignore` are
//! checked for shape and otherwise ignored; versions are not validated
//! (rgo never fetches modules).

use std::fmt;

/// One error in a go.mod file: the line (and column, when the directive
/// does not start the line) and the go command's message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub line: usize,
    /// 1-based column; printed only when greater than 1.
    pub col: usize,
    pub msg: String,
}

impl Error {
    /// `file:line[:col]: msg`, as the go command prints it.
    pub fn display<'a>(&'a self, file: &'a str) -> impl fmt::Display + 'a {
        struct D<'a>(&'a Error, &'a str);
        impl fmt::Display for D<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let e = self.0;
                if e.col > 1 {
                    write!(f, "{}:{}:{}: {}", self.1, e.line, e.col, e.msg)
                } else {
                    write!(f, "{}:{}: {}", self.1, e.line, e.msg)
                }
            }
        }
        D(self, file)
    }
}

/// A `require` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Require {
    pub path: String,
    pub version: String,
}

/// A `replace` line: `old [version] => new [version]`. A `new` without a
/// version is a directory (relative to the go.mod's directory, or rooted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replace {
    pub old_path: String,
    pub old_version: Option<String>,
    pub new_path: String,
    pub new_version: Option<String>,
}

impl Replace {
    /// The directory the module is replaced by, if it is one.
    pub fn dir(&self) -> Option<&str> {
        (self.new_version.is_none() && is_directory_path(&self.new_path))
            .then_some(self.new_path.as_str())
    }
}

/// The parts of a go.mod file package loading uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ModFile {
    /// The module path; `None` if there is no `module` line.
    pub module: Option<String>,
    /// The `go` line's version (`1.22`, `1.21.0`, `1.21rc1`).
    pub go: Option<String>,
    pub require: Vec<Require>,
    pub replace: Vec<Replace>,
}

/// Whether a replacement target is a directory: rooted, or `.`/`..` or
/// starting with `./` or `../` (modfile's `IsDirectoryPath`).
pub fn is_directory_path(ns: &str) -> bool {
    ns == "." || ns == ".." || ns.starts_with("./") || ns.starts_with("../") || ns.starts_with('/')
}

/// Whether `v` is a valid `go` line version (`1.23`, `1.23.0`, `1.23rc1`).
pub fn valid_go_version(v: &str) -> bool {
    // ^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$
    fn num(s: &str, allow_leading_zero_only_zero: bool) -> Option<usize> {
        let n = s.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        if s.starts_with('0') && (n > 1 || !allow_leading_zero_only_zero) {
            return None;
        }
        Some(n)
    }
    let Some(n) = num(v, false) else { return false };
    let Some(rest) = v[n..].strip_prefix('.') else {
        return false;
    };
    let Some(n) = num(rest, true) else {
        return false;
    };
    let mut rest = &rest[n..];
    if let Some(r) = rest.strip_prefix('.') {
        let Some(n) = num(r, true) else { return false };
        rest = &r[n..];
    }
    if rest.is_empty() {
        return true;
    }
    let letters = rest.bytes().take_while(u8::is_ascii_lowercase).count();
    let digits = rest[letters..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    letters > 0 && digits > 0 && letters + digits == rest.len()
}

/// The lax reading of a `go` version in a dependency's go.mod: `1.21foo`
/// is `1.21` (modfile's `laxGoVersionRE`).
fn lax_go_version(v: &str) -> Option<String> {
    let v = v.strip_prefix('v').unwrap_or(v);
    let major = v.bytes().take_while(u8::is_ascii_digit).count();
    if major == 0 || v.starts_with('0') {
        return None;
    }
    let rest = v[major..].strip_prefix('.')?;
    let minor = rest.bytes().take_while(u8::is_ascii_digit).count();
    if minor == 0 || (minor > 1 && rest.starts_with('0')) {
        return None;
    }
    let after = &rest[minor..];
    if !after.is_empty() && after.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    Some(v[..major + 1 + minor].to_string())
}

/// A token of a go.mod line.
#[derive(Clone, Debug)]
struct Token {
    text: String,
    /// 1-based column.
    col: usize,
    /// A quoted string (its text is still quoted).
    quoted: bool,
}

/// A line of tokens, with its line number.
struct Line {
    line: usize,
    tokens: Vec<Token>,
}

/// Splits the file into lines of tokens. Stops at the first lexical
/// error, as modfile's parser does.
fn lex(src: &str) -> Result<Vec<Line>, Error> {
    let mut lines = Vec::new();
    for (i, text) in src.split('\n').enumerate() {
        let line = i + 1;
        let mut tokens = Vec::new();
        let b = text.as_bytes();
        let mut j = 0;
        while j < b.len() {
            let c = b[j];
            if c == b' ' || c == b'\t' || c == b'\r' {
                j += 1;
                continue;
            }
            if text[j..].starts_with("//") {
                break;
            }
            if text[j..].starts_with("/*") {
                return Err(Error {
                    line,
                    col: 1,
                    msg: "mod files must use // comments (not /* */ comments)".into(),
                });
            }
            let start = j;
            match c {
                b'(' | b')' | b'[' | b']' | b'{' | b'}' | b',' => {
                    j += 1;
                    tokens.push(Token {
                        text: text[start..j].into(),
                        col: start + 1,
                        quoted: false,
                    });
                }
                b'"' | b'`' => {
                    j += 1;
                    loop {
                        if j >= b.len() {
                            return Err(Error {
                                line,
                                col: j + 1,
                                msg: "unexpected newline in string".into(),
                            });
                        }
                        if c == b'"' && b[j] == b'\\' {
                            j += 2;
                            continue;
                        }
                        j += 1;
                        if b[j - 1] == c {
                            break;
                        }
                    }
                    let j2 = j.min(b.len());
                    tokens.push(Token {
                        text: text[start..j2].into(),
                        col: start + 1,
                        quoted: true,
                    });
                    j = j2;
                }
                _ => {
                    while j < b.len()
                        && !matches!(
                            b[j],
                            b' ' | b'\t'
                                | b'\r'
                                | b'('
                                | b')'
                                | b'['
                                | b']'
                                | b'{'
                                | b'}'
                                | b','
                                | b'"'
                                | b'`'
                        )
                        && !text[j..].starts_with("//")
                    {
                        if text[j..].starts_with("/*") {
                            return Err(Error {
                                line,
                                col: 1,
                                msg: "mod files must use // comments (not /* */ comments)".into(),
                            });
                        }
                        j += 1;
                    }
                    // Keep whole UTF-8 sequences together.
                    while !text.is_char_boundary(j) {
                        j += 1;
                    }
                    tokens.push(Token {
                        text: text[start..j].into(),
                        col: start + 1,
                        quoted: false,
                    });
                }
            }
        }
        if !tokens.is_empty() {
            lines.push(Line { line, tokens });
        }
    }
    Ok(lines)
}

/// The value of a string token: unquoted, or as written (modfile's
/// `parseString`).
fn string_value(t: &Token) -> Result<String, String> {
    if t.quoted {
        if let Some(raw) = t.text.strip_prefix('`') {
            return Ok(raw.strip_suffix('`').unwrap_or(raw).to_string());
        }
        return unquote(&t.text).ok_or_else(|| "invalid syntax".to_string());
    }
    if t.text.contains(['"', '\'', '`']) {
        return Err("unquoted string cannot contain quote".into());
    }
    Ok(t.text.clone())
}

/// Go's `strconv.Unquote` for a double-quoted string (the common escapes).
pub(crate) fn unquote(s: &str) -> Option<String> {
    let inner = s.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            '\\' => out.push('\\'),
            '"' => out.push('"'),
            '\'' => out.push('\''),
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'v' => out.push('\u{b}'),
            'x' => {
                let h: String = chars.by_ref().take(2).collect();
                out.push(char::from(u8::from_str_radix(&h, 16).ok()?));
            }
            'u' => {
                let h: String = chars.by_ref().take(4).collect();
                out.push(char::from_u32(u32::from_str_radix(&h, 16).ok()?)?);
            }
            'U' => {
                let h: String = chars.by_ref().take(8).collect();
                out.push(char::from_u32(u32::from_str_radix(&h, 16).ok()?)?);
            }
            _ => return None,
        }
    }
    Some(out)
}

/// The directives modfile knows.
const VERBS: &[&str] = &[
    "module",
    "go",
    "toolchain",
    "godebug",
    "require",
    "exclude",
    "replace",
    "retract",
    "tool",
    "ignore",
];

/// Parses a go.mod file. `strict` is for the main module (every error
/// counts); dependencies' go.mod files are read laxly, as the go command
/// reads them (unknown directives ignored, `go` versions repaired).
/// `file` is the name used in the message of an unterminated block.
pub fn parse(file: &str, src: &[u8], strict: bool) -> Result<ModFile, Vec<Error>> {
    let src = String::from_utf8_lossy(src);
    let lines = lex(&src).map_err(|e| vec![e])?;
    let mut mf = ModFile::default();
    let mut errors = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = &lines[i];
        i += 1;
        let toks = &l.tokens;
        // `verb (` starts a block; the lines up to `)` are its entries.
        if toks.len() >= 2 && toks.last().is_some_and(|t| t.text == "(" && !t.quoted) {
            let start = (l.line, toks[0].col);
            let verb_toks = &toks[..toks.len() - 1];
            let verb = verb_toks
                .iter()
                .map(|t| t.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let mut entries = Vec::new();
            let mut closed = false;
            while i < lines.len() {
                let e = &lines[i];
                i += 1;
                if e.tokens.len() == 1 && e.tokens[0].text == ")" && !e.tokens[0].quoted {
                    closed = true;
                    break;
                }
                entries.push(e);
            }
            if !closed {
                return Err(vec![Error {
                    line: src.split('\n').count(),
                    col: 1,
                    msg: format!(
                        "syntax error (unterminated block started at {}:{}:{})",
                        file, start.0, start.1
                    ),
                }]);
            }
            if verb_toks.len() != 1 || !VERBS.contains(&verb.as_str()) {
                if strict {
                    errors.push(Error {
                        line: l.line,
                        col: toks[0].col,
                        msg: format!("unknown block type: {verb}"),
                    });
                }
                continue;
            }
            for e in entries {
                directive(
                    &mut mf,
                    &mut errors,
                    &verb,
                    e.line,
                    e.tokens[0].col,
                    &e.tokens,
                    strict,
                );
            }
            continue;
        }
        let verb = toks[0].text.clone();
        directive(
            &mut mf,
            &mut errors,
            &verb,
            l.line,
            toks[0].col,
            &toks[1..],
            strict,
        );
    }
    if errors.is_empty() {
        Ok(mf)
    } else {
        Err(errors)
    }
}

/// Applies one directive (`verb args...`); in a block the arguments are
/// the whole entry line.
fn directive(
    mf: &mut ModFile,
    errors: &mut Vec<Error>,
    verb: &str,
    line: usize,
    col: usize,
    args: &[Token],
    strict: bool,
) {
    let mut err = |msg: String| {
        errors.push(Error { line, col, msg });
    };
    let texts: Vec<&str> = args.iter().map(|t| t.text.as_str()).collect();
    match verb {
        "module" => {
            if mf.module.is_some() {
                return err("repeated module statement".into());
            }
            if args.len() != 1 {
                mf.module = Some(String::new());
                return err("usage: module module/path".into());
            }
            match string_value(&args[0]) {
                Ok(s) => mf.module = Some(s),
                Err(e) => err(format!("invalid quoted string: {e}")),
            }
        }
        "go" => {
            if mf.go.is_some() {
                return err("repeated go statement".into());
            }
            if args.len() != 1 {
                return err("go directive expects exactly one argument".into());
            }
            let v = texts[0];
            if valid_go_version(v) {
                mf.go = Some(v.to_string());
            } else if let Some(fixed) = (!strict).then(|| lax_go_version(v)).flatten() {
                mf.go = Some(fixed);
            } else {
                err(format!(
                    "invalid go version '{v}': must match format 1.23.0"
                ));
            }
        }
        "toolchain" => {
            if args.len() != 1 {
                return err("toolchain directive expects exactly one argument".into());
            }
            let v = texts[0];
            if !(v == "default" || v == "go1" || v.starts_with("go1.")) {
                err(format!(
                    "invalid toolchain version '{v}': must match format go1.23.0 or default"
                ));
            }
        }
        "godebug" => {
            if args.len() != 1
                || !texts[0].contains('=')
                || texts[0].contains(['"', '`', '\'', ','])
            {
                err("usage: godebug key=value".into());
            }
        }
        "require" | "exclude" => {
            if args.len() != 2 {
                return err(format!("usage: {verb} module/path v1.2.3"));
            }
            match string_value(&args[0]) {
                Ok(path) if verb == "require" => mf.require.push(Require {
                    path,
                    version: texts[1].to_string(),
                }),
                Ok(_) => {}
                Err(e) => err(format!("invalid quoted string: {e}")),
            }
        }
        "replace" => match replace(args) {
            Ok(r) => mf.replace.push(r),
            Err(m) => err(m),
        },
        "tool" | "ignore" => {
            if args.len() != 1 {
                err(format!("{verb} directive expects exactly one argument"));
            }
        }
        "retract" => {
            if args.is_empty() {
                err("usage: retract version\n\t or retract [low, high]".into());
            }
        }
        _ => {
            if strict {
                err(format!("unknown directive: {verb}"));
            }
        }
    }
}

/// A `replace` directive's arguments (modfile's `parseReplace`).
fn replace(args: &[Token]) -> Result<Replace, String> {
    let usage = "usage: replace module/path [v1.2.3] => other/module v1.4\n\t or replace module/path [v1.2.3] => ../local/directory";
    let arrow = if args.len() >= 2 && args[1].text == "=>" {
        1
    } else {
        2
    };
    if args.len() < arrow + 2 || args.len() > arrow + 3 || args[arrow].text != "=>" {
        return Err(usage.into());
    }
    let quoted = |t: &Token| string_value(t).map_err(|e| format!("invalid quoted string: {e}"));
    let old_path = quoted(&args[0])?;
    let old_version = (arrow == 2).then(|| args[1].text.clone());
    let new_path = quoted(&args[arrow + 1])?;
    let mut new_version = None;
    if args.len() == arrow + 2 {
        if !is_directory_path(&new_path) {
            if new_path.contains('@') {
                return Err(
                    "replacement module must match format 'path version', not 'path@version'"
                        .into(),
                );
            }
            return Err("replacement module without version must be directory path (rooted or starting with . or ..)".into());
        }
        if new_path.contains('\\') {
            return Err(
                "replacement directory appears to be Windows path (on a non-windows system)".into(),
            );
        }
    } else {
        if is_directory_path(&new_path) {
            return Err(format!(
                "replacement module directory path \"{new_path}\" cannot have version"
            ));
        }
        new_version = Some(args[arrow + 2].text.clone());
    }
    Ok(Replace {
        old_path,
        old_version,
        new_path,
        new_version,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errs(src: &str) -> Vec<String> {
        parse("/x/go.mod", src.as_bytes(), true)
            .unwrap_err()
            .iter()
            .map(|e| e.display("go.mod").to_string())
            .collect()
    }

    #[test]
    fn reads_what_loading_needs() {
        let src = "// A module.\nmodule \"example.com/m\" // the path\n\ngo 1.22.1\ntoolchain go1.23.0\n\
                   godebug default=go1.21\n\
                   require (\n\texample.com/a v1.0.0 // indirect\n\texample.com/b v0.1.0\n)\n\
                   require example.com/c v1.2.3\n\
                   replace example.com/a => ../a\n\
                   replace (\n\texample.com/b v0.1.0 => example.com/bb v0.2.0\n\texample.com/c => /abs/c\n)\n\
                   exclude example.com/d v1.0.0\nretract [v1.0.0, v1.1.0]\ntool example.com/t\nignore ./x\n";
        let mf = parse("go.mod", src.as_bytes(), true).unwrap();
        assert_eq!(mf.module.as_deref(), Some("example.com/m"));
        assert_eq!(mf.go.as_deref(), Some("1.22.1"));
        assert_eq!(
            mf.require
                .iter()
                .map(|r| r.path.as_str())
                .collect::<Vec<_>>(),
            ["example.com/a", "example.com/b", "example.com/c"]
        );
        assert_eq!(mf.replace.len(), 3);
        assert_eq!(mf.replace[0].dir(), Some("../a"));
        assert_eq!(mf.replace[1].dir(), None);
        assert_eq!(mf.replace[1].old_version.as_deref(), Some("v0.1.0"));
        assert_eq!(mf.replace[1].new_version.as_deref(), Some("v0.2.0"));
        assert_eq!(mf.replace[2].dir(), Some("/abs/c"));
        let mf = parse("go.mod", b"module m\n", true).unwrap();
        assert_eq!((mf.module.as_deref(), mf.go), (Some("m"), None));
    }

    #[test]
    fn errors_like_the_go_command() {
        // Each expected text is what go1.27.3 prints after "go: errors
        // parsing go.mod:".
        assert_eq!(
            errs("module m\n\ngo 1.22\nfoo bar\n"),
            ["go.mod:4: unknown directive: foo"]
        );
        assert_eq!(
            errs("module m\ngo 1.2x\n"),
            ["go.mod:2: invalid go version '1.2x': must match format 1.23.0"]
        );
        assert_eq!(
            errs("module m\nmodule n\n"),
            ["go.mod:2: repeated module statement"]
        );
        assert_eq!(
            errs("module m\nreplace x => ../y v1.0.0\n"),
            ["go.mod:2: replacement module directory path \"../y\" cannot have version"]
        );
        assert_eq!(
            errs("module m\nreplace x =>\n"),
            ["go.mod:2: usage: replace module/path [v1.2.3] => other/module v1.4\n\t or replace module/path [v1.2.3] => ../local/directory"]
        );
        assert_eq!(
            errs("module m\nreplace x => y\n"),
            ["go.mod:2: replacement module without version must be directory path (rooted or starting with . or ..)"]
        );
        assert_eq!(
            errs("module m\n/* x */\n"),
            ["go.mod:2: mod files must use // comments (not /* */ comments)"]
        );
        assert_eq!(
            errs("module m\nrequire x\n"),
            ["go.mod:2: usage: require module/path v1.2.3"]
        );
        assert_eq!(
            errs("module m\nrequire (\n x v1.0.0\n y\n)\n"),
            ["go.mod:4:2: usage: require module/path v1.2.3"]
        );
        assert_eq!(
            errs("module m\nfoo (\n a\n)\n"),
            ["go.mod:2: unknown block type: foo"]
        );
        assert_eq!(errs("module\n"), ["go.mod:1: usage: module module/path"]);
        assert_eq!(
            errs("module a b\ngo 1\n"),
            [
                "go.mod:1: usage: module module/path",
                "go.mod:2: invalid go version '1': must match format 1.23.0"
            ]
        );
        assert_eq!(
            errs("module m\ngo 1.22\ntoolchain foo\n"),
            ["go.mod:3: invalid toolchain version 'foo': must match format go1.23.0 or default"]
        );
        assert_eq!(
            errs("module m\nrequire \"x v1.0.0\n"),
            ["go.mod:2:18: unexpected newline in string"]
        );
        assert_eq!(errs("module m\n(\n"), ["go.mod:2: unknown directive: ("]);
        assert_eq!(
            errs("module m\nrequire x v1.0.0\n\n\nrequire (\n"),
            ["go.mod:6: syntax error (unterminated block started at /x/go.mod:5:1)"]
        );
    }

    #[test]
    fn go_versions() {
        for v in [
            "1.22",
            "1.21.0",
            "1.21rc1",
            "1.0",
            "10.100.1000",
            "1.21.0beta2",
        ] {
            assert!(valid_go_version(v), "{v}");
        }
        for v in [
            "1", "1.2x", "01.2", "1.02", "1.2.03", "go1.21", "1.21-rc1", "1.21rc", "",
        ] {
            assert!(!valid_go_version(v), "{v}");
        }
        // Dependencies' go.mod files are read laxly.
        let mf = parse("go.mod", b"module m\ngo 1.21foo\nfrob x\n", false).unwrap();
        assert_eq!(mf.go.as_deref(), Some("1.21"));
    }
}
