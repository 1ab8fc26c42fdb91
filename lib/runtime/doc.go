// Package runtime is rgo's Go side of the runtime: the user-visible API
// of gc 1.27's package runtime (same names, signatures and documented
// behaviour), backed by rgo's Rust runtime (crates/runtime).
//
// A function declared here without a body is implemented by the Rust
// runtime: its link name is runtime.NAME, which the Rust runtime exports
// (#[export_name = "runtime.NAME"]). It is called with the Go calling
// convention of docs/ABI.md: the closure context first (0 for direct
// calls), then the parameters flattened to scalars. Everything else is
// ordinary Go code compiled by rgo.
package runtime
