//! Command-line flags parsed the way Go's `flag` package parses them, with
//! its error messages: `-name`, `--name`, `-name=value`, `-name value` (not
//! for booleans), parsing stops at the first non-flag argument, at `-` and
//! after `--`.

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};

/// The kind of value a flag takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Bool,
    String,
}

/// What parsing stopped on.
#[derive(Debug, PartialEq, Eq)]
pub enum FlagError {
    /// `-h` or `-help` (not defined by the command): print usage.
    Help,
    /// A bad command line; the message is the `flag` package's.
    Bad(String),
}

/// The result of a successful parse.
#[derive(Debug, Default)]
pub struct Parsed {
    bools: HashMap<&'static str, bool>,
    strings: HashMap<&'static str, String>,
    /// The arguments after the flags.
    pub args: Vec<OsString>,
}

impl Parsed {
    pub fn bool(&self, name: &str) -> bool {
        self.bools.get(name).copied().unwrap_or(false)
    }

    /// The value of a string flag, if it was given.
    pub fn string(&self, name: &str) -> Option<&str> {
        self.strings.get(name).map(String::as_str)
    }
}

/// Go's `strconv.ParseBool`.
fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// Parses `args` against the flag definitions `defs`.
pub fn parse(defs: &[(&'static str, Kind)], args: &[OsString]) -> Result<Parsed, FlagError> {
    let mut p = Parsed::default();
    let mut i = 0;
    while i < args.len() {
        let raw: &OsStr = &args[i];
        let bytes = raw.as_encoded_bytes();
        if bytes.len() < 2 || bytes[0] != b'-' {
            break;
        }
        i += 1;
        if bytes == b"--" {
            break;
        }
        let shown = raw.to_string_lossy();
        let Some(s) = raw.to_str() else {
            return Err(FlagError::Bad(format!("bad flag syntax: {shown}")));
        };
        let body = s.strip_prefix("--").unwrap_or(&s[1..]);
        if body.is_empty() || body.starts_with('-') || body.starts_with('=') {
            return Err(FlagError::Bad(format!("bad flag syntax: {s}")));
        }
        let (name, value) = match body.split_once('=') {
            Some((n, v)) => (n, Some(v)),
            None => (body, None),
        };
        let Some(&(name, kind)) = defs.iter().find(|(n, _)| *n == name) else {
            if name == "h" || name == "help" {
                return Err(FlagError::Help);
            }
            return Err(FlagError::Bad(format!(
                "flag provided but not defined: -{name}"
            )));
        };
        match kind {
            Kind::Bool => {
                let v = match value {
                    None => true,
                    Some(v) => parse_bool(v).ok_or_else(|| {
                        FlagError::Bad(format!(
                            "invalid boolean value \"{v}\" for -{name}: parse error"
                        ))
                    })?,
                };
                p.bools.insert(name, v);
            }
            Kind::String => {
                let v = match value {
                    Some(v) => v.to_string(),
                    None => {
                        let Some(next) = args.get(i) else {
                            return Err(FlagError::Bad(format!("flag needs an argument: -{name}")));
                        };
                        i += 1;
                        match next.to_str() {
                            Some(v) => v.to_string(),
                            None => {
                                return Err(FlagError::Bad(format!(
                                    "invalid value \"{}\" for flag -{name}: not valid UTF-8",
                                    next.to_string_lossy()
                                )))
                            }
                        }
                    }
                };
                p.strings.insert(name, v);
            }
        }
    }
    p.args = args[i..].to_vec();
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEFS: &[(&str, Kind)] = &[("e", Kind::Bool), ("lang", Kind::String)];

    fn args(a: &[&str]) -> Vec<OsString> {
        a.iter().map(OsString::from).collect()
    }

    fn ok(a: &[&str]) -> Parsed {
        parse(DEFS, &args(a)).unwrap()
    }

    fn bad(a: &[&str]) -> String {
        match parse(DEFS, &args(a)) {
            Err(FlagError::Bad(m)) => m,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn forms() {
        let p = ok(&["-e", "--lang=go1.21", "x.go", "-e"]);
        assert!(p.bool("e"));
        assert_eq!(p.string("lang"), Some("go1.21"));
        assert_eq!(p.args, args(&["x.go", "-e"]));
        let p = ok(&["-lang", "go1.2", "-e=false", "--", "-x"]);
        assert!(!p.bool("e"));
        assert_eq!(p.string("lang"), Some("go1.2"));
        assert_eq!(p.args, args(&["-x"]));
        assert_eq!(ok(&["-", "-e"]).args, args(&["-", "-e"]));
        assert_eq!(ok(&["-lang="]).string("lang"), Some(""));
    }

    #[test]
    fn errors_worded_like_go() {
        assert_eq!(bad(&["-x"]), "flag provided but not defined: -x");
        assert_eq!(bad(&["--x=1"]), "flag provided but not defined: -x");
        assert_eq!(bad(&["-lang"]), "flag needs an argument: -lang");
        assert_eq!(
            bad(&["-e=maybe"]),
            "invalid boolean value \"maybe\" for -e: parse error"
        );
        assert_eq!(bad(&["---e"]), "bad flag syntax: ---e");
        assert_eq!(bad(&["-=x"]), "bad flag syntax: -=x");
        assert_eq!(parse(DEFS, &args(&["-h"])).unwrap_err(), FlagError::Help);
        assert_eq!(
            parse(DEFS, &args(&["--help"])).unwrap_err(),
            FlagError::Help
        );
    }

    #[test]
    fn non_utf8_arguments_do_not_panic() {
        use std::os::unix::ffi::OsStringExt;
        let a = vec![OsString::from_vec(b"-\xff".to_vec())];
        assert!(
            matches!(parse(DEFS, &a), Err(FlagError::Bad(m)) if m.starts_with("bad flag syntax: -"))
        );
        let a = vec![
            OsString::from("-lang"),
            OsString::from_vec(b"\xff".to_vec()),
        ];
        assert!(matches!(parse(DEFS, &a), Err(FlagError::Bad(_))));
        let a = vec![OsString::from_vec(b"x\xff.go".to_vec())];
        assert_eq!(parse(DEFS, &a).unwrap().args, a);
    }
}
