//! The modules a build sees: the main module (the `go.mod` found upward
//! from the working directory), the modules its `replace` directives point
//! at local directories (usable when also required, as in the go
//! command's build list), and its `vendor/` directory (used when present
//! and the `go` line is at least 1.14). rgo fetches nothing: a required
//! module that is neither replaced by a directory nor vendored is
//! unavailable. Errors in go.mod files are reported as the go command
//! reports them.

use crate::lang::LangVersion;
use crate::modfile;
use crate::oserr::path_error;
use crate::paths::{short_path, show};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The language version of a module without a `go` line (the go
/// command's `gover.DefaultGoModVersion`).
pub const DEFAULT_GO_VERSION: LangVersion = LangVersion {
    major: 1,
    minor: 16,
};

/// A module whose packages are on disk.
#[derive(Clone, Debug)]
pub struct Module {
    pub path: String,
    /// The module root (the directory of its go.mod; for vendored modules
    /// the vendor directory, whose layout is by import path).
    pub dir: PathBuf,
    /// The version the main module requires (empty for the main module).
    pub version: String,
    /// The language version of its packages, from its `go` line.
    pub lang: LangVersion,
    pub is_main: bool,
}

/// The main module's vendor directory, read from `vendor/modules.txt`.
#[derive(Clone, Debug)]
pub struct Vendor {
    pub dir: PathBuf,
    /// Vendored modules, in modules.txt order.
    pub modules: Vec<Module>,
    /// Package import path → index in `modules`.
    pub packages: HashMap<String, usize>,
    /// go ≥ 1.23: packages must be listed in modules.txt to be imported.
    pub listing_required: bool,
}

/// Everything that decides where a non-standard import path is found.
#[derive(Clone, Debug, Default)]
pub struct Modules {
    /// The main module and the required modules replaced by local
    /// directories; the main module first.
    pub local: Vec<Module>,
    /// Modules replaced by a directory but not required: the go command
    /// suggests `go get` for them.
    pub replaced_not_required: Vec<String>,
    /// Required modules rgo cannot find (not replaced by a directory).
    pub unavailable: Vec<(String, String)>,
    /// Set in vendor mode.
    pub vendor: Option<Vendor>,
}

impl Modules {
    /// The main module, if there is one.
    pub fn main(&self) -> Option<&Module> {
        self.local.first().filter(|m| m.is_main)
    }
}

/// The version of a `go` line as a language version (`1.21.3` and
/// `1.21rc1` are `go1.21`).
pub fn lang_of_go_line(v: &str) -> Option<LangVersion> {
    let mut parts = v.split('.');
    let major: u32 = parts.next()?.parse().ok()?;
    let minor_text = parts.next()?;
    let digits = minor_text.bytes().take_while(u8::is_ascii_digit).count();
    let minor: u32 = minor_text[..digits].parse().ok()?;
    Some(LangVersion { major, minor })
}

/// Finds `go.mod` in `dir` or its parents (a regular file).
pub fn find_go_mod(dir: &Path) -> Option<PathBuf> {
    let mut d = Some(dir);
    while let Some(x) = d {
        let f = x.join("go.mod");
        if f.metadata().is_ok_and(|m| m.is_file()) {
            return Some(f);
        }
        d = x.parent();
    }
    None
}

/// Reads and parses a go.mod file; errors in the go command's words,
/// prefixed `rgo: `.
fn read_mod_file(cwd: &Path, file: &Path, strict: bool) -> Result<modfile::ModFile, String> {
    let src = std::fs::read(file).map_err(|e| format!("rgo: {}", path_error("open", file, &e)))?;
    let shown = show(&short_path(cwd, file));
    modfile::parse(&show(file), &src, strict).map_err(|errs| {
        let mut m = format!("rgo: errors parsing {shown}:");
        for e in errs {
            m.push('\n');
            m.push_str(&e.display(&shown).to_string());
        }
        m
    })
}

/// Finds and reads the main module for a command run in `cwd`, and the
/// modules it can use. No go.mod: no main module (not an error).
pub fn load(cwd: &Path) -> Result<Modules, String> {
    let Some(gomod) = find_go_mod(cwd) else {
        return Ok(Modules::default());
    };
    let root = gomod.parent().unwrap_or(Path::new("/")).to_path_buf();
    let mf = read_mod_file(cwd, &gomod, true)?;
    let path = match mf.module {
        Some(p) if !p.is_empty() => p,
        _ => return Err(
            "rgo: error reading go.mod: missing module declaration. To specify the module path:\n\
                 \tgo mod edit -module=example.com/mod"
                .into(),
        ),
    };
    let lang = match &mf.go {
        Some(v) => {
            let l = lang_of_go_line(v).unwrap_or(DEFAULT_GO_VERSION);
            if l > LangVersion::LATEST {
                return Err(format!(
                    "rgo: go.mod requires go >= {v} (rgo implements {})",
                    LangVersion::LATEST
                ));
            }
            l
        }
        None => DEFAULT_GO_VERSION,
    };
    let mut mods = Modules {
        local: vec![Module {
            path: path.clone(),
            dir: root.clone(),
            version: String::new(),
            lang,
            is_main: true,
        }],
        ..Modules::default()
    };

    // Vendor mode: a vendor directory and go ≥ 1.14.
    let vendor_dir = root.join("vendor");
    if mf.go.is_some()
        && lang
            >= (LangVersion {
                major: 1,
                minor: 14,
            })
        && vendor_dir.is_dir()
    {
        mods.vendor = Some(read_vendor(&vendor_dir, lang));
        return Ok(mods);
    }

    // The replacement in effect for a module version: one for that exact
    // version wins over one for all versions.
    let replacement = |p: &str, v: &str| {
        mf.replace
            .iter()
            .rev()
            .find(|r| r.old_path == p && r.old_version.as_deref() == Some(v))
            .or_else(|| {
                mf.replace
                    .iter()
                    .rev()
                    .find(|r| r.old_path == p && r.old_version.is_none())
            })
    };
    for req in &mf.require {
        if req.path == path {
            continue;
        }
        match replacement(&req.path, &req.version).and_then(|r| r.dir().map(|d| (r, d))) {
            Some((r, d)) => {
                let dir = crate::walk::clean(&root.join(d));
                let gm = dir.join("go.mod");
                let what = format!("{}@{} (replaced by {})", req.path, req.version, r.new_path);
                let sub = match std::fs::read(&gm) {
                    Ok(src) => modfile::parse(&show(&gm), &src, false).unwrap_or_default(),
                    Err(e) => {
                        let shown = crate::walk::clean(&Path::new(d).join("go.mod"));
                        return Err(format!(
                            "rgo: {what}: reading {}: {}",
                            show(&shown),
                            path_error("open", &gm, &e)
                        ));
                    }
                };
                let lang = sub
                    .go
                    .as_deref()
                    .and_then(lang_of_go_line)
                    .unwrap_or(DEFAULT_GO_VERSION);
                mods.local.push(Module {
                    path: req.path.clone(),
                    dir,
                    version: req.version.clone(),
                    lang,
                    is_main: false,
                });
            }
            None => mods
                .unavailable
                .push((req.path.clone(), req.version.clone())),
        }
    }
    for r in &mf.replace {
        if r.dir().is_some()
            && r.old_path != path
            && !mf.require.iter().any(|q| q.path == r.old_path)
            && !mods.replaced_not_required.contains(&r.old_path)
        {
            mods.replaced_not_required.push(r.old_path.clone());
        }
    }
    Ok(mods)
}

/// Reads `vendor/modules.txt` (a missing or unreadable file lists nothing).
fn read_vendor(dir: &Path, main_lang: LangVersion) -> Vendor {
    let text = std::fs::read(dir.join("modules.txt")).unwrap_or_default();
    let text = String::from_utf8_lossy(&text);
    let mut v = Vendor {
        dir: dir.to_path_buf(),
        modules: Vec::new(),
        packages: HashMap::new(),
        listing_required: main_lang
            >= (LangVersion {
                major: 1,
                minor: 23,
            }),
    };
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# ") {
            let mut f = rest.split_whitespace();
            let (Some(path), version) = (f.next(), f.next().unwrap_or("")) else {
                continue;
            };
            v.modules.push(Module {
                path: path.to_string(),
                dir: dir.to_path_buf(),
                version: version.to_string(),
                lang: DEFAULT_GO_VERSION,
                is_main: false,
            });
        } else if let Some(rest) = line.strip_prefix("## ") {
            let Some(m) = v.modules.last_mut() else {
                continue;
            };
            for part in rest.split(';') {
                if let Some(g) = part.trim().strip_prefix("go ") {
                    if let Some(l) = lang_of_go_line(g.trim()) {
                        m.lang = l;
                    }
                }
            }
        } else if !line.starts_with('#') && !line.trim().is_empty() && !v.modules.is_empty() {
            v.packages
                .insert(line.trim().to_string(), v.modules.len() - 1);
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn tree(tag: &str, files: &[(&str, &str)]) -> PathBuf {
        let root =
            std::env::temp_dir().join(format!("rgo-module-test-{}-{tag}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        for (p, text) in files {
            let p = root.join(p);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, text).unwrap();
        }
        root
    }

    #[test]
    fn main_module_and_replacements() {
        let root = tree(
            "main",
            &[
                (
                    "m/go.mod",
                    "module example.com/m\n\ngo 1.21.3\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.2.0\n)\n\
                     replace example.com/a => ../a\nreplace example.com/c => ./c\n",
                ),
                ("a/go.mod", "module example.com/a\ngo 1.18\n"),
                ("m/sub/x.go", "package sub\n"),
            ],
        );
        let mods = load(&root.join("m/sub")).unwrap();
        let main = mods.main().unwrap();
        assert_eq!(main.path, "example.com/m");
        assert_eq!(main.dir, root.join("m"));
        assert_eq!(main.lang.to_string(), "go1.21");
        assert_eq!(mods.local[1].path, "example.com/a");
        assert_eq!(mods.local[1].dir, root.join("a"));
        assert_eq!(mods.local[1].lang.to_string(), "go1.18");
        assert_eq!(
            mods.unavailable,
            [("example.com/b".to_string(), "v1.2.0".to_string())]
        );
        assert_eq!(mods.replaced_not_required, ["example.com/c"]);
        assert!(mods.vendor.is_none());
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn go_mod_errors() {
        let root = tree("errs", &[("go.mod", "module m\n\ngo 1.22\nfoo bar\n")]);
        assert_eq!(
            load(&root).unwrap_err(),
            "rgo: errors parsing go.mod:\ngo.mod:4: unknown directive: foo"
        );
        fs::write(root.join("go.mod"), "go 1.22\n").unwrap();
        assert_eq!(
            load(&root).unwrap_err(),
            "rgo: error reading go.mod: missing module declaration. To specify the module path:\n\
             \tgo mod edit -module=example.com/mod"
        );
        fs::write(root.join("go.mod"), "module m\ngo 1.30\n").unwrap();
        assert_eq!(
            load(&root).unwrap_err(),
            "rgo: go.mod requires go >= 1.30 (rgo implements go1.27)"
        );
        fs::write(
            root.join("go.mod"),
            "module m\nrequire x v1.0.0\nreplace x => ./x\n",
        )
        .unwrap();
        assert_eq!(
            load(&root).unwrap_err(),
            format!(
                "rgo: x@v1.0.0 (replaced by ./x): reading x/go.mod: open {}/x/go.mod: no such file or directory",
                root.display()
            )
        );
        fs::write(root.join("go.mod"), "module m\n").unwrap();
        assert_eq!(
            load(&root).unwrap().main().unwrap().lang,
            DEFAULT_GO_VERSION
        );
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn vendor_mode() {
        let root = tree(
            "vendor",
            &[
                (
                    "go.mod",
                    "module m\ngo 1.23\nrequire example.com/a v1.0.0\n",
                ),
                (
                    "vendor/modules.txt",
                    "# example.com/a v1.0.0\n## explicit; go 1.18\nexample.com/a/x\n",
                ),
                ("vendor/example.com/a/x/x.go", "package x\n"),
            ],
        );
        let mods = load(&root).unwrap();
        let v = mods.vendor.unwrap();
        assert!(v.listing_required);
        assert_eq!(v.packages.get("example.com/a/x"), Some(&0));
        assert_eq!(v.modules[0].lang.to_string(), "go1.18");
        // Before go 1.14 the vendor directory is not used by default.
        fs::write(root.join("go.mod"), "module m\ngo 1.13\n").unwrap();
        assert!(load(&root).unwrap().vendor.is_none());
        fs::remove_dir_all(&root).unwrap();
    }
}
