//! The language version of `-lang=go1.N`: parsing and validation worded
//! as gc words them.

use std::fmt;

/// The newest language version this toolchain knows (`go1.27`).
pub const MAX_MINOR: u32 = 27;

/// A Go language version, `go1.N` (`go1` is `go1.0`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LangVersion {
    pub major: u32,
    pub minor: u32,
}

impl LangVersion {
    /// The newest version: what a file gets when nothing asks for less.
    pub const LATEST: LangVersion = LangVersion {
        major: 1,
        minor: MAX_MINOR,
    };

    /// Parses a `-lang` value as gc does: `go1` or `go1.N` (no leading
    /// zeros, no patch or pre-release suffix), at most the newest known.
    /// The error is gc's text after `invalid value "..." for -lang: `.
    pub fn parse(s: &str) -> Result<LangVersion, String> {
        let bad = || "should be something like \"go1.12\"".to_string();
        let rest = s.strip_prefix("go1").ok_or_else(bad)?;
        let minor = if rest.is_empty() {
            0
        } else {
            let n = rest.strip_prefix('.').ok_or_else(bad)?;
            let digits_ok = !n.is_empty()
                && n.bytes().all(|b| b.is_ascii_digit())
                && (n == "0" || !n.starts_with('0'));
            if !digits_ok {
                return Err(bad());
            }
            // Too many digits to be a real version: beyond the newest.
            n.parse::<u32>().unwrap_or(u32::MAX)
        };
        if minor > MAX_MINOR {
            return Err(format!("max known version is \"{}\"", LangVersion::LATEST));
        }
        Ok(LangVersion { major: 1, minor })
    }
}

impl fmt::Display for LangVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "go{}.{}", self.major, self.minor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_what_gc_accepts() {
        for (s, minor) in [("go1", 0), ("go1.0", 0), ("go1.21", 21), ("go1.27", 27)] {
            assert_eq!(
                LangVersion::parse(s),
                Ok(LangVersion { major: 1, minor }),
                "{s}"
            );
        }
    }

    #[test]
    fn rejects_what_gc_rejects() {
        for s in [
            "go1.01",
            "go2",
            "go1.21rc1",
            "go1.21.0",
            "1.21",
            "go0.5",
            "go1.",
            "go",
            "go1.x",
        ] {
            assert_eq!(
                LangVersion::parse(s),
                Err("should be something like \"go1.12\"".to_string()),
                "{s}"
            );
        }
        for s in ["go1.28", "go1.99999999999999999999"] {
            assert_eq!(
                LangVersion::parse(s),
                Err("max known version is \"go1.27\"".to_string()),
                "{s}"
            );
        }
    }
}
