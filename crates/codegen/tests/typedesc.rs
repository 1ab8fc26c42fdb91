//! End to end: type descriptors, generated equality functions and their
//! closure objects, and go.moduledata's types/textptrs, through Cranelift,
//! the linker and the runtime (skipped when target/release/libruntime.a
//! has not been built).

use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;

use ir::func::{Callee, Data, Func, InstKind, Module, Term, Ty};
use ir::typedesc::{TypeDescs, TYPES_SYM};
use types::arena::{PkgIdx, Store, TypeId, World};
use types::check::{Checker, Importer};

struct Imp;

impl Importer for Imp {
    fn import(&self, path: &str) -> Result<PkgIdx, String> {
        Err(format!("no package {path}"))
    }
}

const P: PkgIdx = PkgIdx(2);

fn check(src: &str) -> World {
    let fset = syntax::FileSet::new();
    let (f, errs) = syntax::parse_file(&fset, "a.go", src.as_bytes());
    assert!(errs.is_empty());
    let mut world = World::new();
    let c = Checker::new(&world, &fset, P, "main", [&f], &Imp).check();
    assert!(c.errors.is_empty());
    world.insert(Arc::new(c.arena));
    world
}

fn var(w: &World, name: &str) -> TypeId {
    let scope = w.arena(P).scope.unwrap();
    let o = w.scope(scope).lookup(syntax::ast::sym(name)).unwrap();
    w.obj(o).typ.unwrap()
}

fn runtime_lib() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("RGO_RUNTIME_LIB") {
        return Some(PathBuf::from(p));
    }
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/release/libruntime.a");
    p.exists().then_some(p)
}

/// The runtime library if it has interfaces, maps and hashing.
fn full_runtime_lib() -> Option<PathBuf> {
    let lib = runtime_lib()?;
    let bytes = std::fs::read(&lib).ok()?;
    let has = |s: &str| bytes.windows(s.len()).any(|w| w == s.as_bytes());
    (has("runtime.assertE2I") && has("runtime.mapassign_faststr") && has("runtime.strequal\u{b7}f"))
        .then_some(lib)
}

/// Compiles, links and runs `m`: (stderr, exit code).
fn run(m: &Module, lib: &std::path::Path, tag: &str) -> (String, Option<i32>) {
    let obj = codegen::emit_object(m, &[]).expect("object");
    let dir = std::env::temp_dir().join(format!("rgo-td-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let o = dir.join("main.o");
    std::fs::write(&o, obj).unwrap();
    let exe = dir.join("main");
    codegen::link(&o, lib, &exe).expect("link");
    let out = Command::new(&exe).output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    (
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

fn datum(name: &str, bytes: Vec<u8>, relocs: Vec<(u32, String, i64)>) -> Data {
    Data {
        name: name.to_string(),
        size: bytes.len() as u32,
        align: 8,
        init: Some(bytes),
        relocs,
        readonly: true,
    }
}

/// An S value {a, s} with the string's bytes in their own datum.
fn s_value(m: &mut Module, name: &str, a: u64, s: &str) {
    let bytes_sym = format!("{name}.bytes");
    m.data
        .push(datum(&bytes_sym, s.as_bytes().to_vec(), vec![]));
    let mut b = a.to_le_bytes().to_vec();
    b.extend_from_slice(&[0; 8]);
    b.extend_from_slice(&(s.len() as u64).to_le_bytes());
    m.data.push(datum(name, b, vec![(8, bytes_sym, 0)]));
}

/// Local stand-ins for the runtime's equality closures the descriptors
/// refer to (local symbols: the runtime's own, once it has them, do not
/// clash).
fn stand_ins(m: &mut Module) {
    use ir::func::CmpOp;
    for (clo, size) in [("runtime.memequal64·f", 8), ("runtime.strequal·f", 16)] {
        let name = format!("test.{size}");
        let mut f = Func::new(name.clone(), "a.go".into(), 1, &[Ty::PTR; 3], vec![Ty::I8]);
        let b = f.entry();
        let (p, q) = (f.params()[1], f.params()[2]);
        let r = if size == 8 {
            let x = f.push(b, InstKind::Load(Ty::I64, p, 0), 1)[0];
            let y = f.push(b, InstKind::Load(Ty::I64, q, 0), 1)[0];
            f.push(b, InstKind::Cmp(CmpOp::Eq, x, y), 1)[0]
        } else {
            let pa = f.push(b, InstKind::Load(Ty::PTR, p, 0), 1)[0];
            let qa = f.push(b, InstKind::Load(Ty::PTR, q, 0), 1)[0];
            let n = f.push(b, InstKind::Load(Ty::I64, p, 8), 1)[0];
            let call = InstKind::Call {
                callee: Callee::Direct("runtime.memequal".into()),
                args: vec![pa, qa, n],
                results: vec![Ty::I8],
            };
            f.push(b, call, 1)[0]
        };
        f.set_term(b, Term::Return(vec![r]));
        m.funcs.push(f);
        m.data.push(datum(clo, vec![0; 8], vec![(0, name, 0)]));
    }
}

#[test]
fn descriptors_equality_and_panic_value() {
    let Some(lib) = runtime_lib() else {
        eprintln!("skipped: build the runtime first (cargo build --release -p runtime)");
        return;
    };
    let w = check("package main\ntype T int\ntype S struct{ a int; s string }\nvar t T\nvar s S\n");
    let mut d = TypeDescs::new();
    let t_off = d.type_off(&w, var(&w, "t"));
    d.type_off(&w, var(&w, "s"));
    let mut m = Module::default();
    m.data
        .push(datum("v.five", 5u64.to_le_bytes().to_vec(), vec![]));
    s_value(&mut m, "v.s1", 1, "abc");
    s_value(&mut m, "v.s2", 1, "abc");
    s_value(&mut m, "v.s3", 1, "abd");

    let mut f = Func::new("main.main".into(), "a.go".into(), 1, &[Ty::PTR], vec![]);
    let b = f.entry();
    let ins = |f: &mut Func, k: InstKind| f.push(b, k, 1);
    let clo = ins(&mut f, InstKind::SymAddr("type:.eqfunc.M8S".into(), 0))[0];
    let code = ins(&mut f, InstKind::Load(Ty::PTR, clo, 0))[0];
    for (x, y) in [("v.s1", "v.s2"), ("v.s1", "v.s3")] {
        let p = ins(&mut f, InstKind::SymAddr(x.into(), 0))[0];
        let q = ins(&mut f, InstKind::SymAddr(y.into(), 0))[0];
        let r = ins(
            &mut f,
            InstKind::Call {
                callee: Callee::Indirect(code),
                args: vec![clo, p, q],
                results: vec![Ty::I8],
            },
        )[0];
        let call = |name: &str, args| InstKind::Call {
            callee: Callee::Direct(name.into()),
            args,
            results: vec![],
        };
        ins(&mut f, call("runtime.printlock", vec![]));
        ins(&mut f, call("runtime.printbool", vec![r]));
        ins(&mut f, call("runtime.printnl", vec![]));
        ins(&mut f, call("runtime.printunlock", vec![]));
    }
    let td = ins(&mut f, InstKind::SymAddr(TYPES_SYM.into(), t_off as i64))[0];
    let five = ins(&mut f, InstKind::SymAddr("v.five".into(), 0))[0];
    ins(
        &mut f,
        InstKind::Call {
            callee: Callee::Direct("runtime.gopanic".into()),
            args: vec![td, five],
            results: vec![],
        },
    );
    f.set_term(b, Term::Unreachable);
    m.funcs.push(f);
    d.finish(&w, &mut m);
    stand_ins(&mut m);
    for f in &m.funcs {
        ir::verify::verify(f).unwrap();
    }

    let obj = codegen::emit_object(&m, &[]).expect("object");
    let dir = std::env::temp_dir().join(format!("rgo-td-e2e-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let o = dir.join("main.o");
    std::fs::write(&o, obj).unwrap();
    let exe = dir.join("main");
    codegen::link(&o, &lib, &exe).expect("link");
    let out = Command::new(&exe).output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("true\nfalse\npanic: main.T(5)\n"),
        "stderr:\n{stderr}"
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn nil_pointer_wrapper_panics_as_gc() {
    let Some(lib) = runtime_lib() else {
        eprintln!("skipped: build the runtime first (cargo build --release -p runtime)");
        return;
    };
    let w = check("package main\ntype T int\nfunc (T) M() {}\nvar t T\n");
    let mut d = TypeDescs::new();
    let wrapper = d
        .method_func(&w, var(&w, "t"), true, "M", None)
        .expect("(*T).M");
    assert_eq!(wrapper, "main.(*T).M");
    let mut m = Module::default();
    // main.T.M itself (what the builder would make).
    let mut f = Func::new(
        "main.T.M".into(),
        "a.go".into(),
        3,
        &[Ty::PTR, Ty::I64],
        vec![],
    );
    f.set_term(f.entry(), Term::Return(vec![]));
    m.funcs.push(f);
    let mut f = Func::new("main.main".into(), "a.go".into(), 1, &[Ty::PTR], vec![]);
    let b = f.entry();
    let zero = f.push(b, InstKind::Iconst(Ty::PTR, 0), 1)[0];
    let call = InstKind::Call {
        callee: Callee::Direct(wrapper),
        args: vec![zero, zero],
        results: vec![],
    };
    f.push(b, call, 1);
    f.set_term(b, Term::Return(vec![]));
    m.funcs.push(f);
    d.finish(&w, &mut m);
    stand_ins(&mut m);
    for f in &m.funcs {
        ir::verify::verify(f).unwrap();
    }
    let obj = codegen::emit_object(&m, &[]).expect("object");
    let dir = std::env::temp_dir().join(format!("rgo-td-e2e2-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let o = dir.join("main.o");
    std::fs::write(&o, obj).unwrap();
    let exe = dir.join("main");
    codegen::link(&o, &lib, &exe).expect("link");
    let out = Command::new(&exe).output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("panic: value method main.T.M called using nil *T pointer\n"),
        "stderr:\n{stderr}\n(a `string(\"...\")` here means the runtime's printpanicval takes \
         TFlagNamed for a user-defined type: gc sets it on predeclared types too)"
    );
    assert_eq!(out.status.code(), Some(2));
}

/// With the runtime's interfaces and maps: an itab built by assertE2I
/// from these descriptors, an Error method found through the method
/// table by the panic printer, interface equality through a generated
/// equality closure, a map keyed by strings through MapType.
#[test]
fn runtime_reads_the_descriptors() {
    let Some(lib) = full_runtime_lib() else {
        eprintln!("skipped: the runtime library lacks interfaces and maps");
        return;
    };
    let w = check(
        "package main\ntype E struct{ code int; msg string }\nfunc (e *E) Error() string { return \"\" }\ntype K struct{ a int; s string }\nvar e *E\nvar k K\nvar m map[string]int\nvar r error\n",
    );
    let mut d = TypeDescs::new();
    let e_off = d.type_off(&w, var(&w, "e"));
    let k_off = d.type_off(&w, var(&w, "k"));
    let m_off = d.type_off(&w, var(&w, "m"));
    let err_off = d.type_off(&w, var(&w, "r"));
    let mut m = Module::default();
    m.data.push(datum("str.boom", b"boom".to_vec(), vec![]));
    m.data.push(datum("str.x", b"x".to_vec(), vec![]));
    m.data.push(datum("v.e", vec![0; 24], vec![]));
    s_value(&mut m, "v.k1", 7, "abc");
    s_value(&mut m, "v.k2", 7, "abc");

    // func (e *E) Error() string { return "boom" }
    let mut f = Func::new(
        "main.(*E).Error".into(),
        "a.go".into(),
        3,
        &[Ty::PTR, Ty::PTR],
        vec![Ty::PTR, Ty::I64],
    );
    let b = f.entry();
    let p = f.push(b, InstKind::SymAddr("str.boom".into(), 0), 1)[0];
    let n = f.push(b, InstKind::Iconst(Ty::I64, 4), 1)[0];
    f.set_term(b, Term::Return(vec![p, n]));
    m.funcs.push(f);

    let mut f = Func::new("main.main".into(), "a.go".into(), 1, &[Ty::PTR], vec![]);
    let b = f.entry();
    let ins = |f: &mut Func, k: InstKind| f.push(b, k, 1);
    let call = |name: &str, args: Vec<ir::func::Value>, results: Vec<Ty>| InstKind::Call {
        callee: Callee::Direct(name.into()),
        args,
        results,
    };
    let td = |off: u32| InstKind::SymAddr(TYPES_SYM.into(), off as i64);
    let zero = ins(&mut f, InstKind::Iconst(Ty::PTR, 0))[0];
    // error(e).Error() through an itab from assertE2I.
    let it = ins(&mut f, td(err_off))[0];
    let et = ins(&mut f, td(e_off))[0];
    let tab = ins(
        &mut f,
        call("runtime.assertE2I", vec![it, et], vec![Ty::PTR]),
    )[0];
    let fp = ins(&mut f, InstKind::Load(Ty::PTR, tab, 24))[0];
    let ev = ins(&mut f, InstKind::SymAddr("v.e".into(), 0))[0];
    let msg = ins(
        &mut f,
        InstKind::Call {
            callee: Callee::Indirect(fp),
            args: vec![zero, ev],
            results: vec![Ty::PTR, Ty::I64],
        },
    );
    ins(&mut f, call("runtime.printlock", vec![], vec![]));
    ins(&mut f, call("runtime.printstring", msg, vec![]));
    ins(&mut f, call("runtime.printnl", vec![], vec![]));
    // efaceeq(K, &k1, &k2).
    let kt = ins(&mut f, td(k_off))[0];
    let k1 = ins(&mut f, InstKind::SymAddr("v.k1".into(), 0))[0];
    let k2 = ins(&mut f, InstKind::SymAddr("v.k2".into(), 0))[0];
    let eq = ins(
        &mut f,
        call("runtime.efaceeq", vec![kt, k1, k2], vec![Ty::I8]),
    )[0];
    ins(&mut f, call("runtime.printbool", vec![eq], vec![]));
    ins(&mut f, call("runtime.printnl", vec![], vec![]));
    // m := map[string]int{}; m["x"] = 42; println(m["x"]).
    let mt = ins(&mut f, td(m_off))[0];
    let hint = ins(&mut f, InstKind::Iconst(Ty::I64, 0))[0];
    let mp = ins(
        &mut f,
        call("runtime.makemap", vec![mt, hint, zero], vec![Ty::PTR]),
    )[0];
    let xs = ins(&mut f, InstKind::SymAddr("str.x".into(), 0))[0];
    let one = ins(&mut f, InstKind::Iconst(Ty::I64, 1))[0];
    let slot = ins(
        &mut f,
        call(
            "runtime.mapassign_faststr",
            vec![mt, mp, xs, one],
            vec![Ty::PTR],
        ),
    )[0];
    let v42 = ins(&mut f, InstKind::Iconst(Ty::I64, 42))[0];
    ins(&mut f, InstKind::Store(slot, v42, 0));
    let got = ins(
        &mut f,
        call(
            "runtime.mapaccess1_faststr",
            vec![mt, mp, xs, one],
            vec![Ty::PTR],
        ),
    )[0];
    let val = ins(&mut f, InstKind::Load(Ty::I64, got, 0))[0];
    ins(&mut f, call("runtime.printint", vec![val], vec![]));
    ins(&mut f, call("runtime.printnl", vec![], vec![]));
    ins(&mut f, call("runtime.printunlock", vec![], vec![]));
    // panic(e): the printer calls Error through the method table.
    ins(&mut f, call("runtime.gopanic", vec![et, ev], vec![]));
    f.set_term(b, Term::Unreachable);
    m.funcs.push(f);
    d.finish(&w, &mut m);
    for f in &m.funcs {
        ir::verify::verify(f).unwrap();
    }
    let (stderr, code) = run(&m, &lib, "rt");
    assert!(
        stderr.starts_with("boom\ntrue\n42\npanic: boom\n"),
        "stderr:\n{stderr}"
    );
    assert_eq!(code, Some(2));
}
