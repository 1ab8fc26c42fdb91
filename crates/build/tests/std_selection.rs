//! rgo selects the same files and imports for every standard package as
//! the go command does for linux/amd64 with CGO_ENABLED=0 and `-tags
//! purego`. The go command's answers, measured once with go1.27.3, are in
//! `data/std-{gofiles,imports,ignored}-1.27.3.txt` (regenerate with the
//! command on each file's first line); the test itself needs no go, only
//! the GOROOT rgo finds (which must be go1.27.3's).

use build::context::BuildContext;
use build::graph::Graph;
use build::load::{Config, IgnoreReason};
use build::overlay::Overlay;
use build::pattern;
use build::resolve::Env;
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::Path;

/// `path: [a b c]` lines (after a `#` header) as a map.
fn read_listing(name: &str) -> BTreeMap<String, Vec<String>> {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data")
        .join(name);
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let (path, list) = l.split_once(": ").expect("path: [list]");
            let list = list.trim_start_matches('[').trim_end_matches(']');
            (
                path.to_string(),
                list.split_whitespace().map(str::to_string).collect(),
            )
        })
        .collect()
}

/// Loads `std` as `rgo check std` does (with test files, to compare the
/// ignored ones too).
fn load_std() -> Graph {
    let goroot = build::goroot::find().expect("a GOROOT").dir;
    let version = std::fs::read_to_string(goroot.join("VERSION")).unwrap_or_default();
    assert!(
        version.starts_with("go1.27.3"),
        "the reference listings are go1.27.3's; GOROOT {} is {:?}",
        goroot.display(),
        version.lines().next()
    );
    let env = Env {
        cwd: std::env::temp_dir(),
        modules: Default::default(),
        overlay: Overlay::none(),
        goroot,
    };
    let m = pattern::match_args(&env, &[OsString::from("std")]).expect("std matches");
    let cfg = Config {
        ctx: BuildContext::default(),
        tests: true,
    };
    Graph::load(&env, &cfg, &m.roots)
}

#[test]
fn std_file_selection_matches_the_go_command() {
    let want_files = read_listing("std-gofiles-1.27.3.txt");
    let want_imports = read_listing("std-imports-1.27.3.txt");
    let want_ignored = read_listing("std-ignored-1.27.3.txt");
    let g = load_std();
    assert!(g.load_errors().is_empty(), "{:?}", g.load_errors());

    // The packages `std` matches: those with Go files, and the six with
    // only test files.
    let mut got = BTreeMap::new();
    for p in &g.packages {
        let listed = g.roots.contains(&p.id) || p.test_only;
        if listed && p.standard {
            got.insert(p.import_path.clone(), p);
        }
    }
    let got_paths: Vec<&String> = got.keys().collect();
    let want_paths: Vec<&String> = want_files.keys().collect();
    assert_eq!(got_paths, want_paths, "the packages std matches");
    assert_eq!(want_paths.len(), 381);

    let mut bad = Vec::new();
    let (mut files_ok, mut imports_ok, mut ignored_ok) = (0, 0, 0);
    for (path, p) in &got {
        let files: Vec<String> = p.files.iter().map(|f| f.name.clone()).collect();
        if files == want_files[path] {
            files_ok += 1;
        } else {
            bad.push(format!(
                "{path} files:\n  rgo {files:?}\n  go  {:?}",
                want_files[path]
            ));
        }
        let imports: Vec<String> = p.import_paths(&g.packages).map(str::to_string).collect();
        if imports == want_imports[path] {
            imports_ok += 1;
        } else {
            bad.push(format!(
                "{path} imports:\n  rgo {imports:?}\n  go  {:?}",
                want_imports[path]
            ));
        }
        let ignored: Vec<String> = p.ignored.iter().map(|f| f.name.clone()).collect();
        if ignored == want_ignored[path] {
            ignored_ok += 1;
        } else {
            bad.push(format!(
                "{path} ignored:\n  rgo {ignored:?}\n  go  {:?}",
                want_ignored[path]
            ));
        }
        for f in p.files.iter().chain(&p.test_files) {
            assert!(f.ast.is_some(), "{path}: {} not parsed", f.name);
        }
    }
    eprintln!(
        "std: {} packages; files match for {files_ok}, imports for {imports_ok}, ignored files for {ignored_ok}",
        got.len()
    );
    assert!(
        bad.is_empty(),
        "{} mismatches:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn std_ignored_files_say_why() {
    let g = load_std();
    let find = |path: &str| g.packages.iter().find(|p| p.import_path == path).unwrap();
    let reason = |pkg: &str, file: &str| {
        find(pkg)
            .ignored
            .iter()
            .find(|f| f.name == file)
            .map(|f| f.reason)
    };
    assert_eq!(reason("os", "exec_windows.go"), Some(IgnoreReason::OsArch));
    assert_eq!(
        reason("crypto/internal/fips140", "notpurego.go"),
        Some(IgnoreReason::Constraints)
    );
    assert_eq!(
        reason("os/user", "cgo_lookup_cgo.go"),
        Some(IgnoreReason::Constraints)
    );
    // The runtime/cgo-style files that import "C" without a cgo tag.
    let cgo: Vec<_> = g
        .packages
        .iter()
        .flat_map(|p| p.ignored.iter().filter(|f| f.reason == IgnoreReason::Cgo))
        .collect();
    assert!(cgo.is_empty() || cgo.iter().all(|f| f.name.ends_with(".go")));
    assert!(find("unsafe").is_unsafe());
    // Standard packages import golang.org/x/... from GOROOT/src/vendor.
    let tls = find("crypto/tls");
    let imp = tls
        .imports
        .iter()
        .find(|i| i.path == "golang.org/x/crypto/cryptobyte")
        .unwrap();
    assert_eq!(
        g.packages[imp.target].import_path,
        "vendor/golang.org/x/crypto/cryptobyte"
    );
}

#[test]
fn dependency_order_puts_imports_first() {
    let g = load_std();
    let mut at = vec![usize::MAX; g.packages.len()];
    for (i, &id) in g.order.iter().enumerate() {
        at[id] = i;
    }
    for &id in &g.order {
        for imp in &g.packages[id].imports {
            assert!(
                at[imp.target] < at[id],
                "{} is ordered before its import {}",
                g.packages[id].import_path,
                g.packages[imp.target].import_path
            );
        }
    }
    // Every root and every import is in the order once.
    let mut seen = vec![false; g.packages.len()];
    for &id in &g.order {
        assert!(!seen[id]);
        seen[id] = true;
    }
}
