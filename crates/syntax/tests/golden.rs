//! Syntax errors compared byte for byte with gc's: each program in
//! tests/syntax_errors has a `.golden` file holding what the reference
//! `go tool compile -e` printed for it (type-checker errors removed), made
//! by scripts/gen-syntax-goldens.

use std::fs;
use std::path::Path;

#[test]
fn syntax_errors_match_gc() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/syntax_errors");
    let mut names: Vec<_> = fs::read_dir(&dir)
        .expect("tests/syntax_errors")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".go"))
        .collect();
    names.sort();
    assert!(names.len() > 50, "corpus went missing");
    let mut failures = Vec::new();
    for name in &names {
        let src = fs::read(dir.join(name)).unwrap();
        let golden = fs::read_to_string(dir.join(name.replace(".go", ".golden"))).unwrap();
        let fset = syntax::FileSet::new();
        let (_, errors) = syntax::parse_file(&fset, name, &src);
        let got: String = errors
            .iter()
            .map(|e| format!("{}\n", e.display(&fset)))
            .collect();
        if got != golden {
            failures.push(format!("--- {name}\nwant:\n{golden}got:\n{got}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} differ from gc:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}
