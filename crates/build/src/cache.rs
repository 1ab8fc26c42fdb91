//! Where rgo keeps what it computes or downloads once: the user cache
//! directory (`GOCACHE` in `rgo env`).
//!
//! `$GOCACHE` if set, else `$XDG_CACHE_HOME/rgo`, else `$HOME/.cache/rgo`,
//! with the go command's rules and messages for bad settings.

use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;

/// Why there is no cache directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CacheError(pub String);

impl fmt::Display for CacheError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CacheError {}

/// The user cache directory of rgo, from the process environment. It is
/// not created here.
pub fn cache_dir() -> Result<PathBuf, CacheError> {
    cache_dir_from(&|k| std::env::var_os(k))
}

/// [`cache_dir`] with the environment given as a lookup function.
pub fn cache_dir_from(getenv: &dyn Fn(&str) -> Option<OsString>) -> Result<PathBuf, CacheError> {
    let get = |k: &str| getenv(k).filter(|v| !v.is_empty());
    if let Some(dir) = get("GOCACHE") {
        if dir == "off" {
            return Err(CacheError("build cache is disabled by GOCACHE=off".into()));
        }
        let dir = PathBuf::from(dir);
        if !dir.is_absolute() {
            return Err(CacheError("GOCACHE is not an absolute path".into()));
        }
        return Ok(dir);
    }
    if let Some(dir) = get("XDG_CACHE_HOME") {
        let dir = PathBuf::from(dir);
        if !dir.is_absolute() {
            return Err(CacheError("path in $XDG_CACHE_HOME is relative".into()));
        }
        return Ok(dir.join("rgo"));
    }
    match get("HOME") {
        Some(home) => Ok(PathBuf::from(home).join(".cache").join("rgo")),
        None => Err(CacheError(
            "neither $XDG_CACHE_HOME nor $HOME are defined".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn with(vars: &[(&str, &str)]) -> Result<PathBuf, CacheError> {
        let m: HashMap<String, OsString> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), OsString::from(v)))
            .collect();
        cache_dir_from(&|k| m.get(k).cloned())
    }

    #[test]
    fn precedence() {
        let all = [("GOCACHE", "/c"), ("XDG_CACHE_HOME", "/x"), ("HOME", "/h")];
        assert_eq!(with(&all), Ok(PathBuf::from("/c")));
        assert_eq!(with(&all[1..]), Ok(PathBuf::from("/x/rgo")));
        assert_eq!(with(&all[2..]), Ok(PathBuf::from("/h/.cache/rgo")));
        // Empty values count as unset.
        assert_eq!(
            with(&[("GOCACHE", ""), ("XDG_CACHE_HOME", ""), ("HOME", "/h")]),
            Ok(PathBuf::from("/h/.cache/rgo"))
        );
    }

    #[test]
    fn bad_settings() {
        assert_eq!(
            with(&[("GOCACHE", "rel")]).unwrap_err().0,
            "GOCACHE is not an absolute path"
        );
        assert_eq!(
            with(&[("GOCACHE", "off")]).unwrap_err().0,
            "build cache is disabled by GOCACHE=off"
        );
        assert_eq!(
            with(&[("XDG_CACHE_HOME", "rel"), ("HOME", "/h")])
                .unwrap_err()
                .0,
            "path in $XDG_CACHE_HOME is relative"
        );
        assert_eq!(
            with(&[]).unwrap_err().0,
            "neither $XDG_CACHE_HOME nor $HOME are defined"
        );
    }
}
