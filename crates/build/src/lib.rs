//! Package loading and the build environment: GOROOT discovery (for now).
