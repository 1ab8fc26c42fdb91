//! Package loading and the build environment.
//!
//! Owns what the go command decides before any compiling starts: where
//! GOROOT is ([`goroot`]), where rgo keeps its caches ([`cache`]), which
//! files and directories a walk over a source tree visits ([`walk`]), and
//! the `-lang` language version ([`lang`]). Later: modules, `//go:build`
//! selection, the import graph, overlays from `lib/`, scheduling of package
//! compiles and the build cache itself.
//!
//! It knows nothing of Go syntax or types: it hands paths and bytes to the
//! front end and gets packages back.

pub mod cache;
pub mod goroot;
pub mod lang;
pub mod oserr;
pub mod walk;

pub use cache::cache_dir;

/// The target rgo compiles for; it is the only one.
pub const GOOS: &str = "linux";
/// The target rgo compiles for; it is the only one.
pub const GOARCH: &str = "amd64";

/// The Go release whose language and standard library rgo implements.
pub const GO_LANG_VERSION: &str = "go1.27";
