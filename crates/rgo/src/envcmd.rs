//! `rgo env`: the environment rgo works in, printed as `go env` prints
//! its own (shell assignments, single values, or JSON). GOROOT is looked
//! up only when a variable that needs it is asked for.

use crate::flags::{self, FlagError, Kind};
use crate::help::usage_error;
use crate::json;
use std::ffi::OsString;
use std::io::Write;

/// The variables `rgo env` knows, in the order it prints them.
const VARS: &[&str] = &[
    "CGO_ENABLED",
    "GOARCH",
    "GOCACHE",
    "GOHOSTARCH",
    "GOHOSTOS",
    "GOOS",
    "GOROOT",
    "GOVERSION",
    "RGO_GOROOT_SOURCE",
];

/// Variables whose value needs GOROOT found.
const NEED_GOROOT: &[&str] = &["GOROOT", "GOVERSION", "RGO_GOROOT_SOURCE"];

/// The value for a shell script: single-quoted, as `go env` quotes.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

pub fn run(args: &[OsString]) -> i32 {
    let parsed = match flags::parse(&[("json", Kind::Bool)], args) {
        Ok(p) => p,
        Err(FlagError::Help) => return usage_error("env", None),
        Err(FlagError::Bad(m)) => return usage_error("env", Some(&m)),
    };
    let names: Vec<String> = parsed
        .args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let wanted: Vec<&str> = if names.is_empty() {
        VARS.to_vec()
    } else {
        names.iter().map(String::as_str).collect()
    };

    let mut status = 0;
    let goroot = if wanted.iter().any(|n| NEED_GOROOT.contains(n)) {
        match build::goroot::find() {
            Ok(g) => Some(g),
            Err(e) => {
                eprintln!("rgo: {e}");
                status = 1;
                None
            }
        }
    } else {
        None
    };
    let value = |name: &str| -> String {
        match name {
            "CGO_ENABLED" => "0".into(),
            "GOARCH" | "GOHOSTARCH" => build::GOARCH.into(),
            "GOOS" | "GOHOSTOS" => build::GOOS.into(),
            "GOCACHE" => build::cache_dir()
                .map(|d| d.to_string_lossy().into_owned())
                .unwrap_or_default(),
            "GOROOT" => goroot
                .as_ref()
                .map(|g| g.dir.to_string_lossy().into_owned())
                .unwrap_or_default(),
            "GOVERSION" => goroot
                .as_ref()
                .and_then(|g| g.version())
                .unwrap_or_default(),
            "RGO_GOROOT_SOURCE" => goroot
                .as_ref()
                .map(|g| g.source.to_string())
                .unwrap_or_default(),
            _ => String::new(),
        }
    };

    let mut text = String::new();
    if parsed.bool("json") {
        let mut sorted = wanted.clone();
        sorted.sort_unstable();
        sorted.dedup();
        text.push('{');
        for (i, n) in sorted.iter().enumerate() {
            text.push_str(if i == 0 { "\n\t" } else { ",\n\t" });
            text.push_str(&format!("{}: {}", json::quote(n), json::quote(&value(n))));
        }
        text.push_str(if sorted.is_empty() { "}\n" } else { "\n}\n" });
    } else if names.is_empty() {
        for n in VARS {
            text.push_str(&format!("{n}={}\n", shell_quote(&value(n))));
        }
    } else {
        for n in &wanted {
            text.push_str(&value(n));
            text.push('\n');
        }
    }
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    status
}

#[cfg(test)]
mod tests {
    #[test]
    fn quoting() {
        assert_eq!(super::shell_quote("/a b"), "'/a b'");
        assert_eq!(super::shell_quote("it's"), "'it'\\''s'");
    }
}
