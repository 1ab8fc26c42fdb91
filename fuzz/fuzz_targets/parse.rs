//! Fuzz target: any bytes go through the scanner and parser without a
//! panic, a hang or runaway memory; every error has a position in the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let fset = syntax::FileSet::new();
    let (file, errors) = syntax::parse_file(&fset, "fuzz.go", data);
    for e in &errors {
        assert!(fset.position(e.pos).is_some(), "error without position: {}", e.msg);
    }
    // The tree must be walkable to its end.
    let _ = file.decls.iter().map(|d| d.pos()).max();
});
