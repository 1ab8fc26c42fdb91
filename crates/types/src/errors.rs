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
