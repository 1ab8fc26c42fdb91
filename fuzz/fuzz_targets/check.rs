//! Fuzz target: any bytes that parse go through the type checker (as one
//! package that may import only unsafe) without a panic, a hang or
//! runaway memory; every type error has a position in the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use types::arena::{PkgIdx, World};

struct UnsafeOnly;

impl types::check::Importer for UnsafeOnly {
    fn import(&self, path: &str) -> Result<PkgIdx, String> {
        if path == "unsafe" {
            Ok(types::universe::UNSAFE)
        } else {
            Err(format!("package {path} is not in std"))
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let fset = syntax::FileSet::new();
    let (file, errors) = syntax::parse_file(&fset, "fuzz.go", data);
    if !errors.is_empty() {
        return; // gc does not type-check files with syntax errors
    }
    let world = World::new();
    let files = [file];
    let checked =
        types::check::Checker::new(&world, &fset, PkgIdx(2), "p", &files, &UnsafeOnly).check();
    for e in &checked.errors {
        assert!(fset.position(e.pos).is_some(), "type error without position: {}", e.msg);
    }
});
