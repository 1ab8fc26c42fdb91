//! Package loading and the build environment.
//!
//! Owns what the go command decides before any compiling starts, for rgo's
//! one target (linux/amd64, CGO_ENABLED=0, tag `purego`): where GOROOT is
//! ([`goroot`]), where rgo keeps its caches ([`cache`]), the `-lang`
//! version ([`lang`]); the main module and its go.mod ([`module`],
//! [`modfile`]); `lib/`, rgo's replacements for GOROOT packages
//! ([`overlay`]); which files a package is made of ([`context`]: file-name
//! suffixes and `//go:build` lines, parsed by [`constraint`]); where an
//! import path or directory is found ([`resolve`]); command-line patterns
//! ([`pattern`]); loading packages and their imports on all cores
//! ([`load`], on [`par`]'s work queue) and the go command's walk over the
//! import graph with its errors and the dependency order ([`graph`]).
//! Later: scheduling of package compiles and the build cache.
//!
//! It parses Go files (with `syntax`) only to learn their package clause
//! and imports, and keeps the trees for the type checker; it knows nothing
//! of types.
//!
//! Entry point: [`pattern::match_args`] turns a command line into roots,
//! [`graph::Graph::load`] loads them; `graph.order` is the dependency
//! order.

pub mod cache;
pub mod constraint;
pub mod context;
pub mod goroot;
pub mod graph;
pub mod lang;
pub mod load;
pub mod modfile;
pub mod module;
pub mod oserr;
pub mod overlay;
pub mod par;
pub mod paths;
pub mod pattern;
pub mod resolve;
pub mod source;
pub mod walk;

pub use cache::cache_dir;

/// The target rgo compiles for; it is the only one.
pub const GOOS: &str = "linux";
/// The target rgo compiles for; it is the only one.
pub const GOARCH: &str = "amd64";

/// The Go release whose language and standard library rgo implements.
pub const GO_LANG_VERSION: &str = "go1.27";
