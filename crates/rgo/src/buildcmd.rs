//! `rgo build` and `rgo run` (and `rgo tool ir`): load and check the
//! program like `rgo check`, build the IR of the main package, compile it
//! with the code generator and link it against the runtime library. For
//! now programs may import only `unsafe` and rgo's own packages (the
//! `lib/` overlay, e.g. `runtime`), not GOROOT's. Linked executables are
//! kept in the build cache (`cache`), so building or running an unchanged
//! program again does not compile it.

use crate::check::{self, Config};
use crate::flags::{self, FlagError, Kind};
use crate::help::usage_error;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

mod cache;

/// The main package compiled to IR, with the names of the package
/// initializers in order.
struct Program {
    module: ir::func::Module,
    inits: Vec<String>,
    /// The executable's default name (the file's or directory's base).
    name: String,
}

/// Loads, checks and lowers the program named by `args` (files or a
/// directory). Errors are printed; the result is the exit status then.
fn compile_ir(args: &[OsString]) -> Result<Program, i32> {
    let config = Config {
        all_errors: false,
        lang: None,
        tags: Vec::new(),
    };
    let graph = match check::load(args, &config) {
        Ok(g) => g,
        Err((text, status)) => {
            eprint!("{text}");
            return Err(status);
        }
    };
    let (text, status) = check::report(&graph, &config);
    if status != 0 {
        eprint!("{text}");
        return Err(status);
    }
    let Some(&root) = graph.roots.first() else {
        eprintln!("rgo: no packages to build");
        return Err(1);
    };
    let pkg = &graph.packages[root];
    if pkg.name != "main" {
        eprintln!("package {} is not a main package", pkg.import_path);
        return Err(1);
    }
    // rgo's own packages (the `lib/` overlay: `runtime`) compile; the
    // rest of the standard library does not yet.
    if let Some(p) = graph.first_goroot_package().map(|id| &graph.packages[id]) {
        eprintln!(
            "rgo: {}: importing the standard library is not supported yet (import \"{}\")",
            pkg.import_path, p.import_path
        );
        return Err(1);
    }
    // Check every package again in dependency order, keeping what the IR
    // needs, and build each one's IR into one module.
    use std::collections::HashMap;
    use types::arena::PkgIdx;
    struct Imports(HashMap<String, PkgIdx>);
    impl types::check::Importer for Imports {
        fn import(&self, path: &str) -> Result<PkgIdx, String> {
            self.0
                .get(path)
                .copied()
                .ok_or_else(|| format!("package {path} is not in std"))
        }
    }
    let pkg_idx = |id: usize| {
        if graph.packages[id].is_unsafe() {
            types::universe::UNSAFE
        } else {
            PkgIdx(id as u32 + 2)
        }
    };
    let fset = &graph.fset;
    let mut world = types::arena::World::new();
    let mut module = ir::func::Module::default();
    let mut descs = ir::typedesc::TypeDescs::new();
    let mut inits = Vec::new();
    // Check everything first (instances of generic code need every
    // package's types), then build each package's IR over one overlay.
    let mut checked_pkgs = Vec::new();
    for &id in &graph.order {
        let p = &graph.packages[id];
        if p.is_unsafe() {
            continue;
        }
        let imports = Imports(
            p.imports
                .iter()
                .map(|i| (i.path.clone(), pkg_idx(i.target)))
                .collect(),
        );
        let files: Vec<&syntax::ast::File> =
            p.files.iter().filter_map(|f| f.ast.as_ref()).collect();
        let mut c = types::check::Checker::new(
            &world,
            fset,
            pkg_idx(id),
            &p.import_path,
            files.iter().copied(),
            &imports,
        );
        c.set_lang(p.lang.major, p.lang.minor);
        let checked = c.check();
        world.insert(std::sync::Arc::new(checked.arena));
        checked_pkgs.push((id, files, checked.info));
    }
    let store = ir::overlay::Overlay::new(&world);
    let mut program = ir::build::Program::default();
    program.preempt = checked_pkgs
        .iter()
        .any(|(_, files, _)| ir::build::has_go_statement(files));
    let report = |u: ir::build::Unsupported, path: &str| {
        let at = fset
            .position(u.pos)
            .map(|p| p.to_string())
            .unwrap_or_else(|| path.to_string());
        eprintln!(
            "{at}: internal compiler error: {} not implemented yet",
            u.what
        );
        1
    };
    let link_path = |id: usize| {
        let p = &graph.packages[id];
        if p.name == "main" {
            "main".to_string()
        } else {
            p.import_path.clone()
        }
    };
    for (id, files, info) in &checked_pkgs {
        let p = &graph.packages[*id];
        let path = if p.name == "main" {
            "main".to_string()
        } else {
            p.import_path.clone()
        };
        let input = ir::build::Package {
            fset,
            files,
            info,
            store: &store,
            pkg: pkg_idx(*id),
            path: &path,
        };
        if let Err(u) = ir::build::build_package(&input, &mut module, &mut descs, &mut program) {
            return Err(report(u, &path));
        }
        inits.push(format!("{path}.init"));
    }
    // Instances of generic code other packages asked for, built where it
    // is declared (which may ask for more).
    loop {
        let waiting = program.waiting();
        if waiting.is_empty() {
            break;
        }
        for k in waiting {
            let Some((id, files, info)) = checked_pkgs.iter().find(|(id, _, _)| pkg_idx(*id) == k)
            else {
                eprintln!("internal compiler error: instances requested of an unknown package");
                return Err(1);
            };
            let path = link_path(*id);
            let input = ir::build::Package {
                fset,
                files,
                info,
                store: &store,
                pkg: k,
                path: &path,
            };
            if let Err(u) =
                ir::build::build_instances(&input, &mut module, &mut descs, &mut program)
            {
                return Err(report(u, &path));
            }
        }
    }
    descs.finish(&store, &mut module);
    verify_module(&module, "build")?;
    let name = exe_name(args, &pkg.dir);
    Ok(Program {
        module,
        inits,
        name,
    })
}

/// `compile_ir`, then the optimization passes.
fn compile_program(args: &[OsString]) -> Result<Program, i32> {
    let ice = |msg: String| {
        eprintln!("{msg}");
        1
    };
    let mut prog = catch_ice("building the IR", || compile_ir(args)).map_err(ice)??;
    catch_ice("optimizing", || optimize(&mut prog.module, |_, _| {})).map_err(ice)??;
    Ok(prog)
}

/// Runs `f`; a Rust panic in it (a compiler bug) becomes the message gc
/// gives for its own, `internal compiler error: ...` (the callers exit
/// with status 1), without a Rust backtrace.
fn catch_ice<T>(stage: &str, f: impl FnOnce() -> T) -> Result<T, String> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    std::panic::set_hook(hook);
    r.map_err(|e| {
        let msg = e
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| e.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        format!("internal compiler error: {stage} failed: {msg}")
    })
}

/// Checks every function of `m` (after `stage`); reports invalid IR.
fn verify_module(m: &ir::func::Module, stage: &str) -> Result<(), i32> {
    for f in &m.funcs {
        if let Err(e) = ir::verify::verify(f) {
            eprintln!(
                "internal compiler error: invalid IR after {stage}: {e}\n{}",
                ir::print::func_string(f)
            );
            return Err(1);
        }
    }
    Ok(())
}

/// Runs the optimization passes (inlining, then `ir::opt::PASSES`),
/// verifying after each and handing the module to `after` with the
/// pass's name.
fn optimize(
    m: &mut ir::func::Module,
    mut after: impl FnMut(&str, &ir::func::Module),
) -> Result<(), i32> {
    ir::inline::run(m);
    verify_module(m, "inline")?;
    after("inline", m);
    for (name, pass) in ir::opt::PASSES {
        for f in &mut m.funcs {
            pass(f);
        }
        verify_module(m, name)?;
        after(name, m);
    }
    Ok(())
}

/// The executable's default name: the first file's or the package
/// directory's base name.
fn exe_name(args: &[OsString], pkg_dir: &Path) -> String {
    match args.first().map(PathBuf::from) {
        Some(p) if p.extension().is_some_and(|e| e == "go") => p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "main".into()),
        _ => pkg_dir
            .file_name()
            .map_or("main".into(), |s| s.to_string_lossy().into_owned()),
    }
}

/// The runtime's static library: beside the rgo executable.
fn runtime_library() -> Result<PathBuf, String> {
    let exe = std::env::current_exe().map_err(|e| format!("rgo: {e}"))?;
    let lib = exe.with_file_name("libruntime.a");
    if lib.exists() {
        Ok(lib)
    } else {
        Err(format!(
            "rgo: runtime library {} not found (build the workspace with cargo build --release)",
            lib.display()
        ))
    }
}

/// Compiles and links the program into `out`.
fn build_executable(p: &Program, out: &Path) -> Result<(), String> {
    // A bug in code generation is reported as the compiler's internal
    // error, not as a Rust panic with a backtrace.
    let obj = catch_ice("code generation", || {
        codegen::emit_object(&p.module, &p.inits)
    })??;
    let dir = std::env::temp_dir().join(format!("rgo-build-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("rgo: {e}"))?;
    let obj_path = dir.join("main.o");
    std::fs::write(&obj_path, obj).map_err(|e| format!("rgo: {e}"))?;
    let lib = runtime_library()?;
    let r = codegen::link(&obj_path, &lib, out);
    let _ = std::fs::remove_dir_all(&dir);
    r
}

pub fn build(args: &[OsString]) -> i32 {
    let defs = [("o", Kind::String)];
    let parsed = match flags::parse(&defs, args) {
        Ok(p) => p,
        Err(FlagError::Help) => return usage_error("build", None),
        Err(FlagError::Bad(m)) => return usage_error("build", Some(&m)),
    };
    let out = parsed.string("o").map(PathBuf::from);
    if let Some(entry) = cached_entry(&parsed.args) {
        let built = if entry.lookup() {
            Ok(())
        } else {
            match compile_program(&parsed.args) {
                Ok(prog) => entry.store(|p| build_executable(&prog, p)),
                Err(s) => return s,
            }
        };
        let out = out.unwrap_or_else(|| PathBuf::from(entry.path.file_name().unwrap()));
        let copied = built.and_then(|()| copy_executable(&entry.path, &out));
        return match copied {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("{e}");
                1
            }
        };
    }
    let prog = match compile_program(&parsed.args) {
        Ok(p) => p,
        Err(s) => return s,
    };
    let out = out.unwrap_or_else(|| PathBuf::from(&prog.name));
    match build_executable(&prog, &out) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("{e}");
            1
        }
    }
}

/// The build cache's entry for the program `args` name, when the cache
/// is on and the program loads; old entries are trimmed first.
fn cached_entry(args: &[OsString]) -> Option<cache::Entry> {
    let c = cache::Cache::open()?;
    c.trim();
    c.entry(args, &[])
}

/// Copies a cached executable to `out` (replacing it, as the linker
/// would).
fn copy_executable(from: &Path, out: &Path) -> Result<(), String> {
    let _ = std::fs::remove_file(out);
    std::fs::copy(from, out)
        .map(|_| ())
        .map_err(|e| format!("rgo: copying {} to {}: {e}", from.display(), out.display()))
}

pub fn run(args: &[OsString]) -> i32 {
    // Files up to the first argument that is not a .go file; the rest
    // are the program's arguments.
    let n = args
        .iter()
        .take_while(|a| a.to_string_lossy().ends_with(".go"))
        .count()
        .max(1)
        .min(args.len());
    if args.is_empty() {
        eprintln!("go: no go files listed");
        return 1;
    }
    let dir = std::env::temp_dir().join(format!("rgo-run-{}", std::process::id()));
    let exe = match cached_entry(&args[..n]) {
        Some(entry) => {
            if !entry.lookup() {
                let prog = match compile_program(&args[..n]) {
                    Ok(p) => p,
                    Err(s) => return s,
                };
                if let Err(e) = entry.store(|p| build_executable(&prog, p)) {
                    eprintln!("{e}");
                    return 1;
                }
            }
            entry.path
        }
        None => {
            let prog = match compile_program(&args[..n]) {
                Ok(p) => p,
                Err(s) => return s,
            };
            if let Err(e) = std::fs::create_dir_all(&dir) {
                eprintln!("rgo: {e}");
                return 1;
            }
            let exe = dir.join(&prog.name);
            if let Err(e) = build_executable(&prog, &exe) {
                eprintln!("{e}");
                return 1;
            }
            exe
        }
    };
    let _ = std::io::stderr().flush();
    let status = std::process::Command::new(&exe).args(&args[n..]).status();
    let _ = std::fs::remove_dir_all(&dir);
    match status {
        Ok(s) => match s.code() {
            // Like go run: a failing program's status is reported.
            Some(0) => 0,
            Some(c) => {
                eprintln!("exit status {c}");
                1
            }
            None => {
                use std::os::unix::process::ExitStatusExt;
                eprintln!("signal: {}", s.signal().unwrap_or(0));
                1
            }
        },
        Err(e) => {
            eprintln!("rgo: {e}");
            1
        }
    }
}

/// `rgo tool ir [-func NAME] FILE...`: the IR of the main package.
pub fn tool_ir(args: &[OsString]) -> i32 {
    let defs = [("func", Kind::String)];
    let parsed = match flags::parse(&defs, args) {
        Ok(p) => p,
        Err(FlagError::Help) | Err(FlagError::Bad(_)) => {
            eprintln!("usage: rgo tool ir [-func NAME] files...");
            return 2;
        }
    };
    let prog = match compile_ir(&parsed.args) {
        Ok(p) => p,
        Err(s) => return s,
    };
    let only = parsed.string("func");
    let mut prog = prog;
    println!("// after build");
    print!("{}", ir::print::module_string(&prog.module, only));
    let r = optimize(&mut prog.module, |pass, m| {
        println!("// after {pass}");
        print!("{}", ir::print::module_string(m, only));
    });
    match r {
        Ok(()) => 0,
        Err(s) => s,
    }
}
