//! Type errors as gc reports them: a message at a position, optionally
//! followed by related positions (`other declaration of x`), printed by
//! types2 as one error whose continuation lines start with a tab (shown
//! as `\t`):
//!
//! ```text
//! a.go:4:6: x redeclared in this block
//! \ta.go:3:6: other declaration of x
//! ```

use std::fmt;

use syntax::{FileSet, Pos};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeError {
    pub pos: Pos,
    pub msg: String,
    /// Further positions and what they are (continuation lines).
    pub related: Vec<(Pos, String)>,
    /// A "soft" error: the program is wrong, but the checker's results
    /// are still sound (unused variables and imports, ...).
    pub soft: bool,
}

impl TypeError {
    pub fn new(pos: Pos, msg: impl Into<String>) -> TypeError {
        TypeError {
            pos,
            msg: msg.into(),
            related: Vec::new(),
            soft: false,
        }
    }

    pub fn soft(mut self) -> TypeError {
        self.soft = true;
        self
    }

    pub fn with(mut self, pos: Pos, msg: impl Into<String>) -> TypeError {
        self.related.push((pos, msg.into()));
        self
    }

    /// The error as gc prints it.
    pub fn display<'a>(&'a self, fset: &'a FileSet) -> impl fmt::Display + 'a {
        Shown { err: self, fset }
    }
}

/// gc's driver (not types2) completes version errors ("... requires
/// go1.N or later") with where the version comes from: the file's
/// `//go:build` line when that line set the file's version (files
/// declaring go1.21 or later; older declarations count as go1.21), else
/// the `-lang` flag (`lang`, as the go command passes it: the module's `go`
/// line). `file_go_version` is the version the file's `//go:build` line
/// implies (`go1.22`). `None` for other messages.
pub fn version_note(msg: &str, file_go_version: Option<&str>, lang: &str) -> Option<String> {
    if !is_version_error(msg) {
        return None;
    }
    let file_minor = file_go_version
        .and_then(|v| v.strip_prefix("go1."))
        .and_then(|v| v.parse::<u32>().ok());
    Some(match (file_go_version, file_minor) {
        (Some(v), Some(m)) if m >= 21 => format!("{msg} (file declares //go:build {v})"),
        _ => format!("{msg} (-lang was set to {lang}; check go.mod)"),
    })
}

/// Whether `msg` says `requires goN.M or later` (gc's versionErrorRx).
fn is_version_error(msg: &str) -> bool {
    const AT: &str = "requires go";
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    msg.match_indices(AT).any(|(i, _)| {
        let rest = &msg[i + AT.len()..];
        let n = digits(rest);
        if n == 0 || !rest[n..].starts_with('.') {
            return false;
        }
        let rest = &rest[n + 1..];
        let m = digits(rest);
        m > 0 && rest[m..].starts_with(" or later")
    })
}

struct Shown<'a> {
    err: &'a TypeError,
    fset: &'a FileSet,
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = |p: Pos| self.fset.position(p);
        match at(self.err.pos) {
            Some(p) => write!(f, "{p}: {}", self.err.msg)?,
            None => f.write_str(&self.err.msg)?,
        }
        for (pos, msg) in &self.err.related {
            f.write_str("\n\t")?;
            if let Some(p) = at(*pos) {
                write!(f, "{p}: ")?;
            }
            f.write_str(msg)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_errors_name_their_source() {
        let msg = "T to satisfy comparable requires go1.20 or later";
        assert_eq!(
            version_note(msg, None, "go1.19").as_deref(),
            Some("T to satisfy comparable requires go1.20 or later (-lang was set to go1.19; check go.mod)")
        );
        // A //go:build line older than go1.21 does not set the version.
        assert_eq!(
            version_note(msg, Some("go1.18"), "go1.19").as_deref(),
            Some("T to satisfy comparable requires go1.20 or later (-lang was set to go1.19; check go.mod)")
        );
        assert_eq!(
            version_note("range over 10 (untyped int constant) requires go1.22 or later", Some("go1.21"), "go1.25").as_deref(),
            Some("range over 10 (untyped int constant) requires go1.22 or later (file declares //go:build go1.21)")
        );
        assert_eq!(
            version_note("x requires go1 or later", None, "go1.19"),
            None
        );
        assert_eq!(version_note("undefined: x", None, "go1.19"), None);
    }

    #[test]
    fn related_positions_print_on_tab_lines() {
        let fset = FileSet::new();
        let (file, _) = syntax::parse_file(&fset, "a.go", b"package p\nvar x int\nvar x int\n");
        let base = file.source.base;
        let e = TypeError::new(Pos(base + 24), "x redeclared in this block")
            .with(Pos(base + 14), "other declaration of x");
        assert_eq!(
            e.display(&fset).to_string(),
            "a.go:3:5: x redeclared in this block\n\ta.go:2:5: other declaration of x"
        );
    }
}
