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
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/release/libruntime.a");
    p.exists().then_some(p)
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
        "stderr:\n{stderr}"
    );
    assert_eq!(out.status.code(), Some(2));
}
