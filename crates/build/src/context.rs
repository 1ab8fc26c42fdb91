//! The build context: which tags hold for rgo's one target (linux/amd64,
//! gc-compatible, CGO_ENABLED=0) and which source files that selects, by
//! the go command's rules: `_GOOS`/`_GOARCH` file-name suffixes with the
//! known GOOS and GOARCH lists, the `//go:build` line of the file header
//! (or, without one, its legacy `// +build` lines, which go1.27 still
//! honours), and the tags: the target, `unix`, `gc`, the `go1.N` release
//! tags, gc's default `goexperiment.*` tags and `amd64.v1`, the default
//! extra tags ([`DEFAULT_TAGS`]) and the user's `-tags`.

use crate::constraint::{self, Expr};
use std::fmt;

/// Tags rgo always sets on top of the target's: `purego` selects the Go
/// fallbacks of packages that have assembly.
pub const DEFAULT_TAGS: &[&str] = &["purego"];

/// gc's tool tags for linux/amd64 in go1.27.3 (`go list -f
/// '{{context.ToolTags}}'`): the default GOEXPERIMENTs and the GOAMD64
/// level.
pub const TOOL_TAGS: &[&str] = &[
    "goexperiment.regabiwrappers",
    "goexperiment.regabiargs",
    "goexperiment.dwarf5",
    "goexperiment.jsonv2",
    "goexperiment.greenteagc",
    "goexperiment.randomizedheapbase64",
    "goexperiment.sizespecializedmalloc",
    "amd64.v1",
];

/// The compiler whose name is a tag (`gc`): rgo compiles gc-compatible code.
pub const COMPILER: &str = "gc";

/// Go's `internal/syslist.KnownOS`.
pub const KNOWN_OS: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "js",
    "linux",
    "nacl",
    "netbsd",
    "openbsd",
    "plan9",
    "solaris",
    "wasip1",
    "windows",
    "zos",
];

/// Go's `internal/syslist.UnixOS`.
pub const UNIX_OS: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "linux",
    "netbsd",
    "openbsd",
    "solaris",
];

/// Go's `internal/syslist.KnownArch`.
pub const KNOWN_ARCH: &[&str] = &[
    "386",
    "amd64",
    "amd64p32",
    "arm",
    "armbe",
    "arm64",
    "arm64be",
    "loong64",
    "mips",
    "mipsle",
    "mips64",
    "mips64le",
    "mips64p32",
    "mips64p32le",
    "ppc",
    "ppc64",
    "ppc64le",
    "riscv",
    "riscv64",
    "s390",
    "s390x",
    "sparc",
    "sparc64",
    "wasm",
];

/// What decides which files build: the target and the tags.
#[derive(Clone, Debug)]
pub struct BuildContext {
    pub goos: &'static str,
    pub goarch: &'static str,
    /// `DEFAULT_TAGS` and the user's `-tags` (Go's `BuildTags`).
    pub build_tags: Vec<String>,
    /// Always false for rgo: files importing "C" are left out and the `cgo`
    /// tag does not hold (unless given with `-tags`, as in Go).
    pub cgo_enabled: bool,
}

impl Default for BuildContext {
    fn default() -> Self {
        BuildContext::new(&[])
    }
}

impl BuildContext {
    /// The context for linux/amd64 with the default tags and `user_tags`.
    pub fn new(user_tags: &[String]) -> BuildContext {
        let mut build_tags: Vec<String> = DEFAULT_TAGS.iter().map(|s| s.to_string()).collect();
        build_tags.extend(user_tags.iter().cloned());
        BuildContext {
            goos: crate::GOOS,
            goarch: crate::GOARCH,
            build_tags,
            cgo_enabled: false,
        }
    }

    /// Whether a tag holds (Go's `Context.matchTag`).
    pub fn match_tag(&self, name: &str) -> bool {
        if self.cgo_enabled && name == "cgo" {
            return true;
        }
        if name == self.goos || name == self.goarch || name == COMPILER {
            return true;
        }
        if name == "unix" && UNIX_OS.contains(&self.goos) {
            return true;
        }
        let name = if name == "boringcrypto" {
            "goexperiment.boringcrypto"
        } else {
            name
        };
        self.build_tags.iter().any(|t| t == name)
            || TOOL_TAGS.contains(&name)
            || release_tag_minor(name).is_some_and(|m| m <= crate::lang::MAX_MINOR)
    }

    /// Whether a constraint expression holds.
    pub fn eval(&self, x: &Expr) -> bool {
        x.eval(&mut |t| self.match_tag(t))
    }

    /// Whether a file name's `_GOOS`, `_GOARCH` or `_GOOS_GOARCH` suffix
    /// (before an optional `_test`) allows it (Go's `goodOSArchFile`).
    /// Only what follows the first `_` counts: `linux.go` has no suffix.
    pub fn good_os_arch_file(&self, name: &str) -> bool {
        let name = name.split('.').next().unwrap_or("");
        let Some(i) = name.find('_') else {
            return true;
        };
        let mut l: Vec<&str> = name[i..].split('_').collect();
        if l.last() == Some(&"test") {
            l.pop();
        }
        let n = l.len();
        if n >= 2 && KNOWN_OS.contains(&l[n - 2]) && KNOWN_ARCH.contains(&l[n - 1]) {
            return self.match_tag(l[n - 1]) && self.match_tag(l[n - 2]);
        }
        if n >= 1 && (KNOWN_OS.contains(&l[n - 1]) || KNOWN_ARCH.contains(&l[n - 1])) {
            return self.match_tag(l[n - 1]);
        }
        true
    }

    /// Whether a file with this content builds, by its header's build
    /// constraints (Go's `Context.shouldBuild`): the `//go:build` line if
    /// there is one, else every `// +build` line of the leading comment
    /// block that is followed by a blank line.
    pub fn should_build(&self, content: &[u8]) -> Result<bool, HeaderError> {
        let header = parse_file_header(content)?;
        if let Some(line) = header.go_build {
            let x = constraint::parse(line).map_err(|e| HeaderError::GoBuild(e.to_string()))?;
            return Ok(self.eval(&x));
        }
        let mut ok = true;
        for line in header.trimmed.split(|&b| b == b'\n') {
            let line = trim_space(line);
            if !line.starts_with(b"//") || !contains(line, b"+build") {
                continue;
            }
            let Ok(text) = std::str::from_utf8(line) else {
                continue;
            };
            if !constraint::is_plus_build(text) {
                continue;
            }
            if let Ok(x) = constraint::parse(text) {
                if !self.eval(&x) {
                    ok = false;
                }
            }
        }
        Ok(ok)
    }
}

/// `N` for the release tag `go1.N`.
fn release_tag_minor(tag: &str) -> Option<u32> {
    let n = tag.strip_prefix("go1.")?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) || (n.len() > 1 && n.starts_with('0'))
    {
        return None;
    }
    let m: u32 = n.parse().ok()?;
    (m >= 1).then_some(m)
}

/// A file header whose build constraints cannot be read; the file is
/// invalid (Go's `InvalidGoFiles`). Displays as the go command words it,
/// after the file name: `x.go: multiple //go:build comments`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderError {
    MultipleGoBuild,
    /// A `//go:build` line that does not parse; the parser's message.
    GoBuild(String),
}

impl fmt::Display for HeaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeaderError::MultipleGoBuild => f.write_str("multiple //go:build comments"),
            HeaderError::GoBuild(m) => write!(f, "parsing //go:build line: {m}"),
        }
    }
}

/// The parts of a file header that decide whether it builds.
struct FileHeader<'a> {
    /// The leading run of comment and blank lines up to the last blank line
    /// before the first non-comment line: where `// +build` lines count.
    trimmed: &'a [u8],
    /// The `//go:build` line, trimmed.
    go_build: Option<&'a str>,
}

fn trim_space(b: &[u8]) -> &[u8] {
    let s = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let e = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(s, |i| i + 1);
    &b[s..e.max(s)]
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Whether a trimmed line is a `//go:build` comment: `//go:build` followed
/// by nothing or by space.
fn is_go_build_comment(line: &[u8]) -> bool {
    let Some(rest) = line.strip_prefix(b"//go:build") else {
        return false;
    };
    rest.is_empty() || trim_space(rest).len() < rest.len()
}

/// Go's `parseFileHeader`: scans the leading comments of a file.
fn parse_file_header(content: &[u8]) -> Result<FileHeader<'_>, HeaderError> {
    let content = content.strip_prefix(b"\xef\xbb\xbf").unwrap_or(content);
    let mut end = 0;
    let mut p = content;
    let mut ended = false;
    let mut in_slash_star = false;
    let mut go_build: Option<&[u8]> = None;
    'lines: while !p.is_empty() {
        let mut line;
        match p.iter().position(|&b| b == b'\n') {
            Some(i) => {
                line = &p[..i];
                p = &p[i + 1..];
            }
            None => {
                line = p;
                p = &p[p.len()..];
            }
        }
        line = trim_space(line);
        if line.is_empty() && !ended {
            end = content.len() - p.len();
            continue;
        }
        if !line.starts_with(b"//") {
            ended = true;
        }
        if !in_slash_star && is_go_build_comment(line) {
            if go_build.is_some() {
                return Err(HeaderError::MultipleGoBuild);
            }
            go_build = Some(line);
        }
        while !line.is_empty() {
            if in_slash_star {
                match find(line, b"*/") {
                    Some(i) => {
                        in_slash_star = false;
                        line = trim_space(&line[i + 2..]);
                        continue;
                    }
                    None => continue 'lines,
                }
            }
            if line.starts_with(b"//") {
                continue 'lines;
            }
            if line.starts_with(b"/*") {
                in_slash_star = true;
                line = trim_space(&line[2..]);
                continue;
            }
            break 'lines;
        }
    }
    let go_build = match go_build {
        // A line that is not UTF-8 cannot parse; Go reports the bad byte.
        Some(l) => Some(std::str::from_utf8(l).map_err(|e| {
            let c = String::from_utf8_lossy(&l[e.valid_up_to()..]);
            HeaderError::GoBuild(format!(
                "invalid syntax at {}",
                c.chars().next().unwrap_or('\u{fffd}')
            ))
        })?),
        None => None,
    };
    Ok(FileHeader {
        trimmed: &content[..end],
        go_build,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_that_hold() {
        let c = BuildContext::new(&["mytag".to_string()]);
        for t in [
            "linux",
            "amd64",
            "unix",
            "gc",
            "purego",
            "mytag",
            "go1.1",
            "go1.21",
            "go1.27",
            "goexperiment.jsonv2",
            "goexperiment.regabiargs",
            "amd64.v1",
        ] {
            assert!(c.match_tag(t), "{t}");
        }
        for t in [
            "cgo",
            "windows",
            "arm64",
            "gccgo",
            "go1.28",
            "go1.0",
            "go1.021",
            "go1",
            "ignore",
            "boringcrypto",
            "goexperiment.boringcrypto",
            "math_big_pure_go",
            "amd64.v2",
            "android",
        ] {
            assert!(!c.match_tag(t), "{t}");
        }
        // User tags can set anything, cgo included (files importing "C"
        // still do not build: CGO_ENABLED=0).
        let c = BuildContext::new(&["cgo".to_string(), "math_big_pure_go".to_string()]);
        assert!(c.match_tag("cgo") && c.match_tag("math_big_pure_go"));
    }

    #[test]
    fn file_name_suffixes() {
        let c = BuildContext::default();
        for (name, ok) in [
            ("x.go", true),
            ("linux.go", true),
            ("windows.go", true),
            ("x_linux.go", true),
            ("x_amd64.go", true),
            ("x_linux_amd64.go", true),
            ("x_linux_test.go", true),
            ("x_linux_amd64_test.go", true),
            ("x_windows.go", false),
            ("x_arm64.go", false),
            ("x_linux_arm64.go", false),
            ("x_windows_amd64.go", false),
            ("x_windows_test.go", false),
            ("x_amd64_linux.go", true),
            ("x_amd64_windows.go", false),
            ("x_unix.go", true),
            ("x_other.go", true),
            ("x_test.go", true),
            ("_windows.go", false),
            ("x_android.go", false),
            ("x_linux.s", true),
            ("x_windows.foo.go", false),
            ("x.windows.go", true),
            ("x_darwin_amd64.go", false),
        ] {
            assert_eq!(c.good_os_arch_file(name), ok, "{name}");
        }
    }

    fn builds(src: &str) -> Result<bool, HeaderError> {
        BuildContext::default().should_build(src.as_bytes())
    }

    #[test]
    fn go_build_lines() {
        assert_eq!(builds("package p\n"), Ok(true));
        assert_eq!(builds("//go:build linux\n\npackage p\n"), Ok(true));
        assert_eq!(builds("//go:build !linux\n\npackage p\n"), Ok(false));
        assert_eq!(builds("//go:build cgo\n\npackage p\n"), Ok(false));
        assert_eq!(builds("//go:build purego && gc\npackage p\n"), Ok(true));
        assert_eq!(
            builds("// Copyright\n\n//go:build windows\n\npackage p\n"),
            Ok(false)
        );
        assert_eq!(
            builds("\u{feff}//go:build windows\n\npackage p\n"),
            Ok(false)
        );
        // Only the header counts.
        assert_eq!(builds("package p\n//go:build windows\n"), Ok(true));
        assert_eq!(builds("/* x */ package p\n//go:build windows\n"), Ok(true));
        // In a /* */ comment it is not a directive.
        assert_eq!(builds("/*\n//go:build windows\n*/\npackage p\n"), Ok(true));
        assert_eq!(
            builds("//go:build linux\n//go:build amd64\n\npackage p\n"),
            Err(HeaderError::MultipleGoBuild)
        );
        assert_eq!(
            builds("//go:build linux &&\n\npackage p\n")
                .unwrap_err()
                .to_string(),
            "parsing //go:build line: unexpected end of expression"
        );
        assert_eq!(
            builds("//go:build\n\npackage p\n").unwrap_err().to_string(),
            "parsing //go:build line: unexpected end of expression"
        );
        assert_eq!(builds("//go:buildx\n\npackage p\n"), Ok(true));
    }

    #[test]
    fn plus_build_lines() {
        // Honoured only without //go:build, and only in the comment block
        // followed by a blank line.
        assert_eq!(builds("// +build !linux\n\npackage p\n"), Ok(false));
        assert_eq!(builds("// +build !linux\npackage p\n"), Ok(true));
        assert_eq!(builds("// +build linux windows\n\npackage p\n"), Ok(true));
        assert_eq!(
            builds("// +build linux\n// +build windows\n\npackage p\n"),
            Ok(false)
        );
        assert_eq!(builds("// +build linux,windows\n\npackage p\n"), Ok(false));
        assert_eq!(
            builds("//go:build linux\n// +build windows\n\npackage p\n"),
            Ok(true)
        );
        assert_eq!(builds("// +build\n\npackage p\n"), Ok(false));
        assert_eq!(builds("// +build a$b\n\npackage p\n"), Ok(false));
        assert_eq!(builds("// +build !a$b\n\npackage p\n"), Ok(true));
    }
}
