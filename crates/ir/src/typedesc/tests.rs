//! Unit tests: descriptors of checked Go declarations, decoded from the
//! emitted `go.types` bytes and relocations.

use std::sync::Arc;

use types::arena::{PkgIdx, Store, TypeId, World};
use types::check::{Checker, Importer};

use super::*;
use crate::func::{Module, Ty};

struct Imp;

impl Importer for Imp {
    fn import(&self, path: &str) -> Result<PkgIdx, String> {
        match path {
            "unsafe" => Ok(types::universe::UNSAFE),
            _ => Err(format!("no package {path}")),
        }
    }
}

const P: PkgIdx = PkgIdx(2);

/// Checks `src` (package main) into a world.
fn check(src: &str) -> World {
    let fset = syntax::FileSet::new();
    let (f, errs) = syntax::parse_file(&fset, "a.go", src.as_bytes());
    assert!(errs.is_empty(), "syntax errors");
    let mut world = World::new();
    let c = Checker::new(&world, &fset, P, "main", [&f], &Imp).check();
    assert!(c.errors.is_empty(), "type errors: {:?}", c.errors.len());
    world.insert(Arc::new(c.arena));
    world
}

/// The type of package-level variable `name`.
fn var(w: &World, name: &str) -> TypeId {
    let scope = w.arena(P).scope.expect("package scope");
    let o = w
        .scope(scope)
        .lookup(syntax::ast::sym(name))
        .unwrap_or_else(|| panic!("no {name}"));
    w.obj(o).typ.expect("typed")
}

/// The emitted module and accessors for it.
struct Out {
    m: Module,
}

impl Out {
    fn data(&self, name: &str) -> &Data {
        self.m
            .data
            .iter()
            .find(|d| d.name == name)
            .unwrap_or_else(|| panic!("no datum {name}"))
    }
    fn blob(&self) -> &[u8] {
        self.data(TYPES_SYM).init.as_deref().unwrap()
    }
    fn u8(&self, off: u32) -> u8 {
        self.blob()[off as usize]
    }
    fn u16(&self, off: u32) -> u16 {
        u16::from_le_bytes(
            self.blob()[off as usize..off as usize + 2]
                .try_into()
                .unwrap(),
        )
    }
    fn u32(&self, off: u32) -> u32 {
        u32::from_le_bytes(
            self.blob()[off as usize..off as usize + 4]
                .try_into()
                .unwrap(),
        )
    }
    fn u64(&self, off: u32) -> u64 {
        u64::from_le_bytes(
            self.blob()[off as usize..off as usize + 8]
                .try_into()
                .unwrap(),
        )
    }
    /// The relocation at `off` in go.types: (symbol, addend).
    fn reloc(&self, off: u32) -> Option<(String, i64)> {
        self.data(TYPES_SYM)
            .relocs
            .iter()
            .find(|r| r.0 == off)
            .map(|r| (r.1.clone(), r.2))
    }
    /// The go.types offset a pointer field at `off` points at.
    fn ptr(&self, off: u32) -> u32 {
        let (sym, add) = self
            .reloc(off)
            .unwrap_or_else(|| panic!("no reloc at {off}"));
        assert_eq!(sym, TYPES_SYM);
        add as u32
    }
    /// The abi.Name at `off`: (flags, name, tag).
    fn name(&self, off: u32) -> (u8, String, String) {
        let b = &self.blob()[off as usize..];
        let (n, len) = read_varint(&b[1..]);
        let name = String::from_utf8(b[1 + n..1 + n + len].to_vec()).unwrap();
        let mut tag = String::new();
        if b[0] & 2 != 0 {
            let t = &b[1 + n + len..];
            let (n2, l2) = read_varint(t);
            tag = String::from_utf8(t[n2..n2 + l2].to_vec()).unwrap();
        }
        (b[0], name, tag)
    }
    /// A descriptor's type string, as the runtime computes it.
    fn str(&self, t: u32) -> String {
        let (_, s, _) = self.name(self.u32(t + 40));
        if self.u8(t + 20) & TFLAG_EXTRA_STAR != 0 {
            s[1..].to_string()
        } else {
            s
        }
    }
    fn textptr(&self, i: u32) -> String {
        let d = self.data(TEXTPTRS_SYM);
        d.relocs.iter().find(|r| r.0 == i * 8).unwrap().1.clone()
    }
    /// The method table of descriptor `t` with uncommon data at `u`:
    /// (name, mtyp string, ifn, tfn).
    fn methods(&self, u: u32) -> Vec<(String, String, String, String)> {
        let mcount = self.u16(u + 4) as u32;
        let moff = self.u32(u + 8);
        (0..mcount)
            .map(|i| {
                let e = u + moff + 16 * i;
                let (_, name, _) = self.name(self.u32(e));
                (
                    name,
                    self.str(self.u32(e + 4)),
                    self.textptr(self.u32(e + 8)),
                    self.textptr(self.u32(e + 12)),
                )
            })
            .collect()
    }
    fn func(&self, name: &str) -> &Func {
        self.m
            .funcs
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("no function {name}"))
    }
}

fn read_varint(b: &[u8]) -> (usize, usize) {
    let mut v = 0;
    for (i, &x) in b.iter().enumerate() {
        v |= ((x & 0x7f) as usize) << (7 * i);
        if x & 0x80 == 0 {
            return (i + 1, v);
        }
    }
    unreachable!()
}

/// Asks for the descriptors of the given variables' types; returns their
/// offsets and the finished module.
fn emit(src: &str, vars: &[&str]) -> (Vec<u32>, Out, World) {
    emit_with(src, vars, &[])
}

/// `emit` with a module already holding (empty) functions `built`, as the
/// builder would have made them (instance methods are only kept when
/// built).
fn emit_with(src: &str, vars: &[&str], built: &[&str]) -> (Vec<u32>, Out, World) {
    let w = check(src);
    let mut d = TypeDescs::new();
    let offs = vars.iter().map(|v| d.type_off(&w, var(&w, v))).collect();
    let mut m = Module::default();
    for name in built {
        let mut f = crate::func::Func::new(name.to_string(), String::new(), 1, &[], vec![]);
        f.set_term(crate::func::Block(0), crate::func::Term::Unreachable);
        m.funcs.push(f);
    }
    d.finish(&w, &mut m);
    for f in &m.funcs {
        crate::verify::verify(f).unwrap_or_else(|e| panic!("{}: {e}", f.name));
    }
    (offs, Out { m }, w)
}

#[test]
fn int_descriptor() {
    let (o, out, _) = emit("package main\nvar x int\n", &["x"]);
    let t = o[0];
    assert_eq!(out.u64(t), 8, "size");
    assert_eq!(out.u64(t + 8), 0, "ptrdata");
    assert_eq!(
        out.u8(t + 20),
        TFLAG_UNCOMMON | TFLAG_EXTRA_STAR | TFLAG_NAMED | TFLAG_REGULAR_MEMORY
    );
    assert_eq!(out.u8(t + 21), 8);
    assert_eq!(out.u8(t + 23), 2, "abi.Int");
    assert_eq!(
        out.reloc(t + 24),
        Some(("runtime.memequal64·f".to_string(), 0))
    );
    assert_eq!(out.str(t), "int");
    // The Str name is "*int" with the ExtraStar flag; unexported.
    assert_eq!(
        out.name(out.u32(t + 40)),
        (0, "*int".to_string(), String::new())
    );
    // Uncommon: no package, no methods.
    assert_eq!(out.u32(t + 48), 0);
    assert_eq!(out.u16(t + 52), 0);
    // PtrToThis: *int, whose Str shares nothing but is "*int".
    let p = out.u32(t + 44);
    assert_ne!(p, 0);
    assert_eq!(out.str(p), "*int");
    assert_eq!(out.u8(p + 23), 22, "abi.Pointer");
    assert_eq!(out.ptr(p + 48), t, "Elem");
    assert_eq!(out.u8(p + 20) & TFLAG_DIRECT_IFACE, TFLAG_DIRECT_IFACE);
}

#[test]
fn pointer_slice_and_identical_types() {
    let src = "package main\ntype T struct{ p *int; n int }\nvar a []T\nvar b []T\nvar c *T\nvar d struct{ X int }\nvar e struct{ X int }\nvar f struct{ Y int }\n";
    let (o, out, _) = emit(src, &["a", "b", "c", "d", "e", "f"]);
    assert_eq!(o[0], o[1], "identical slice types share a descriptor");
    assert_eq!(o[3], o[4], "identical struct types share a descriptor");
    assert_ne!(o[3], o[5]);
    let (a, c) = (o[0], o[2]);
    assert_eq!(out.u8(a + 23), 23, "abi.Slice");
    assert_eq!(out.str(a), "[]main.T");
    assert_eq!(out.u64(a), 24);
    let t = out.ptr(a + 48);
    assert_eq!(out.str(t), "main.T");
    assert_eq!(out.u64(t), 16);
    assert_eq!(out.u64(t + 8), 8, "ptrdata");
    // GC mask: one pointer word.
    let mask = out.ptr(t + 32);
    assert_eq!(out.u8(mask), 1);
    assert_eq!(out.str(c), "*main.T");
    assert_eq!(out.ptr(c + 48), t);
    assert_eq!(out.u32(t + 44), c, "PtrToThis of a named type");
    // T is comparable plain memory.
    assert_eq!(out.reloc(t + 24).unwrap().0, "runtime.memequal128·f");
    // A slice is not comparable.
    assert_eq!(out.reloc(a + 24), None);
}

#[test]
fn struct_with_methods() {
    let src = r#"package main
type T struct {
	X int
	s string `json:"s"`
}
func (T) M() {}
func (T) m(int) string { return "" }
func (*T) P(x, y int) (bool, error) { return false, nil }
var v T
var p *T
"#;
    let (o, out, _) = emit(src, &["v", "p"]);
    let (t, pt) = (o[0], o[1]);
    assert_eq!(out.u8(t + 23), 25, "abi.Struct");
    assert_eq!(
        out.u8(t + 20),
        TFLAG_UNCOMMON | TFLAG_EXTRA_STAR | TFLAG_NAMED
    );
    // StructType: PkgPath "main" (an unexported field), 2 fields.
    let (_, pkg, _) = out.name(out.ptr(t + 48));
    assert_eq!(pkg, "main");
    let fields = out.ptr(t + 56);
    assert_eq!(out.u64(t + 64), 2);
    assert_eq!(fields, t + 80 + 16, "fields after the uncommon part");
    let (fl, n0, _) = out.name(out.ptr(fields));
    assert_eq!((fl, n0.as_str()), (1, "X"));
    let (fl, n1, tag) = out.name(out.ptr(fields + 24));
    assert_eq!((fl, n1.as_str(), tag.as_str()), (2, "s", "json:\"s\""));
    assert_eq!(out.u64(fields + 24 + 16), 8, "offset of s");
    assert_eq!(out.str(out.ptr(fields + 8)), "int");
    // Uncommon: package main, value methods only, exported first.
    let u = t + 80;
    assert_eq!(out.name(out.u32(u)).1, "main");
    assert_eq!(out.u16(u + 6), 1, "xcount");
    assert_eq!(
        out.methods(u),
        vec![
            (
                "M".into(),
                "func()".into(),
                "main.(*T).M".into(),
                "main.T.M".into()
            ),
            (
                "m".into(),
                "func(int) string".into(),
                "main.(*T).m".into(),
                "main.T.m".into()
            ),
        ]
    );
    // *T: every method, interface entry = the method entry.
    assert_eq!(out.ptr(pt + 48), t);
    let pu = pt + 56;
    assert_eq!(out.name(out.u32(pu)).1, "main", "typePkg of *T");
    assert_eq!(
        out.methods(pu),
        vec![
            (
                "M".into(),
                "func()".into(),
                "main.(*T).M".into(),
                "main.(*T).M".into()
            ),
            (
                "P".into(),
                "func(int, int) (bool, error)".into(),
                "main.(*T).P".into(),
                "main.(*T).P".into()
            ),
            (
                "m".into(),
                "func(int) string".into(),
                "main.(*T).m".into(),
                "main.(*T).m".into()
            ),
        ]
    );
    // The pointer wrapper of M: checks p, loads *p, calls main.T.M.
    let f = out.func("main.(*T).M");
    assert!(f.wrapper);
    let s = crate::print::func_string(f);
    assert!(s.contains("main.T.M"), "{s}");
    assert!(s.contains("call runtime.gopanic"), "{s}");
    let msg = out.data("go.panicwrap.main.(*T).M");
    assert!(msg
        .init
        .as_ref()
        .unwrap()
        .ends_with(b"value method main.T.M called using nil *T pointer"));
    // The string field makes equality special: a generated function.
    let eq = out.reloc(t + 24).unwrap().0;
    assert_eq!(eq, "type:.eqfunc.M8S");
    let clo = out.data("type:.eqfunc.M8S");
    assert_eq!(clo.relocs, vec![(0, "type:.eq.M8S".to_string(), 0)]);
    let _ = out.func("type:.eq.M8S");
}

#[test]
fn interface_and_itab() {
    let src = r#"package main
type I interface {
	b()
	A()
	C(int) string
}
type T int
func (T) A() {}
func (T) b() {}
func (T) C(int) string { return "" }
func (T) D() {}
var i I
var t T
"#;
    let w = check(src);
    let (it, tt) = (var(&w, "i"), var(&w, "t"));
    let mut d = TypeDescs::new();
    let io = d.type_off(&w, it);
    let sym = d.itab(&w, tt, it);
    assert_eq!(sym, "go.itab.main.T,main.I");
    let mut m = Module::default();
    d.finish(&w, &mut m);
    let out = Out { m };
    assert_eq!(out.u8(io + 23), 20, "abi.Interface");
    assert_eq!(out.str(io), "main.I");
    let (_, pkg, _) = out.name(out.ptr(io + 48));
    assert_eq!(pkg, "main");
    let ms = out.ptr(io + 56);
    assert_eq!(out.u64(io + 64), 3);
    let names: Vec<String> = (0..3).map(|k| out.name(out.u32(ms + 8 * k)).1).collect();
    assert_eq!(names, ["A", "C", "b"]);
    assert_eq!(out.str(out.u32(ms + 12)), "func(int) string");
    // imethod_index agrees with the table.
    let Type::Named(n) = w.ty(it) else { panic!() };
    let Type::Interface(iface) = w.ty(n.underlying.unwrap()) else {
        panic!()
    };
    let mut idx: Vec<(String, usize)> = iface
        .methods
        .iter()
        .map(|&m| (w.obj(m).name.to_string(), imethod_index(&w, it, m)))
        .collect();
    idx.sort();
    assert_eq!(
        idx,
        [("A".into(), 0), ("C".into(), 1), ("b".into(), 2)],
        "sorted A, C, b"
    );
    // The itab: Inter, Type, Hash, Fun in interface order (T is not
    // pointer-shaped: the pointer wrappers).
    let itab = out.data("go.itab.main.T,main.I");
    assert_eq!(itab.size, 24 + 3 * 8);
    let to = out.blob().len(); // just to use the blob
    let _ = to;
    let r = |off: u32| itab.relocs.iter().find(|r| r.0 == off).unwrap().clone();
    assert_eq!(r(0).2 as u32, io);
    let tdesc = r(8).2 as u32;
    assert_eq!(out.str(tdesc), "main.T");
    let hash = u32::from_le_bytes(itab.init.as_ref().unwrap()[16..20].try_into().unwrap());
    assert_eq!(hash, out.u32(tdesc + 16));
    assert_eq!(r(24).1, "main.(*T).A");
    assert_eq!(r(32).1, "main.(*T).C");
    assert_eq!(r(40).1, "main.(*T).b");
    // The empty interface and error.
    let src2 = "package main\nvar e any\nvar r error\n";
    let (o, out, _) = emit(src2, &["e", "r"]);
    assert_eq!(out.str(o[0]), "interface {}");
    assert_eq!(out.reloc(o[0] + 24).unwrap().0, "runtime.nilinterequal·f");
    assert_eq!(out.str(o[1]), "error");
    assert_eq!(out.reloc(o[1] + 24).unwrap().0, "runtime.interequal·f");
    assert_eq!(out.reloc(o[1] + 48), None, "error has no package");
}

#[test]
fn map_descriptor() {
    let (o, out, _) = emit("package main\nvar m map[string]int\n", &["m"]);
    let t = o[0];
    assert_eq!(out.u8(t + 23), 21, "abi.Map");
    assert_eq!(out.str(t), "map[string]int");
    assert_eq!(out.u8(t + 20), TFLAG_EXTRA_STAR | TFLAG_DIRECT_IFACE);
    assert_eq!(out.str(out.ptr(t + 48)), "string");
    assert_eq!(out.str(out.ptr(t + 56)), "int");
    let g = out.ptr(t + 64);
    assert_eq!(out.str(g), "map.group[string]int");
    assert_eq!(out.reloc(g + 24), None, "groups have no equality");
    assert_eq!(out.reloc(t + 72).unwrap().0, "runtime.strhash·f");
    assert_eq!(out.u64(t + 80), 8 + 8 * 24, "GroupSize");
    assert_eq!(out.u64(g), 200);
    assert_eq!(out.u64(t + 88), 8, "KeysOff");
    assert_eq!(out.u64(t + 96), 24, "KeyStride");
    assert_eq!(out.u64(t + 104), 24, "ElemsOff");
    assert_eq!(out.u64(t + 112), 24, "ElemStride");
    assert_eq!(out.u64(t + 120), 16, "ElemOff");
    assert_eq!(out.u32(t + 128), MAP_NEED_KEY_UPDATE);
    // Interface keys, big elements.
    let (o, out, _) = emit("package main\nvar m map[any][200]byte\n", &["m"]);
    let t = o[0];
    assert_eq!(
        out.u32(t + 128),
        MAP_NEED_KEY_UPDATE | MAP_HASH_MIGHT_PANIC | MAP_INDIRECT_ELEM
    );
    assert_eq!(out.reloc(t + 72).unwrap().0, "runtime.nilinterhash·f");
    assert_eq!(out.u64(t + 96), 24, "slot: eface key, elem pointer");
}

#[test]
fn type_strings_as_gc_prints_them() {
    let src = r#"package main
import "unsafe"
type T struct{ X int }
type List[E any] struct{ e E }
type Pair[K comparable, V any] struct {
	k K
	v V
}
type I interface {
	M()
	n(int) string
}
var v01 int
var v02 T
var v03 *T
var v04 []int
var v05 [3]int
var v06 map[string]int
var v07 func(int, string) (bool, error)
var v08 func(...int) int
var v09 struct {
	X int
	y string
}
var v10 List[int]
var v11 Pair[string, T]
var v12 List[[]T]
var v13 chan (<-chan int)
var v14 <-chan int
var v15 chan<- []int
var v16 unsafe.Pointer
var v17 *I
var v18 *interface{}
var v19 *error
var v20 struct{ a, b byte; c rune }
var v21 List[struct{ a int }]
var v22 *struct{ I }
var v23 List[any]
var v24 []interface{ m() }
var v25 struct{ y string "json:\"y\"" }
var v26 I
var v27 func()
"#;
    let want = [
        "int",
        "main.T",
        "*main.T",
        "[]int",
        "[3]int",
        "map[string]int",
        "func(int, string) (bool, error)",
        "func(...int) int",
        "struct { X int; y string }",
        "main.List[int]",
        "main.Pair[string,main.T]",
        "main.List[[]main.T]",
        "chan (<-chan int)",
        "<-chan int",
        "chan<- []int",
        "unsafe.Pointer",
        "*main.I",
        "*interface {}",
        "*error",
        "struct { a uint8; b uint8; c int32 }",
        "main.List[struct { main.a int }]",
        "*struct { main.I }",
        "main.List[interface {}]",
        "[]interface { main.m() }",
        "struct { y string \"json:\\\"y\\\"\" }",
        "main.I",
        "func()",
    ];
    let vars: Vec<String> = (1..=want.len()).map(|i| format!("v{i:02}")).collect();
    let names: Vec<&str> = vars.iter().map(String::as_str).collect();
    let (o, out, _) = emit(src, &names);
    for (k, w) in want.iter().enumerate() {
        assert_eq!(out.str(o[k]), *w, "{}", names[k]);
    }
    // Named types' strings are exported names when the name is.
    assert_eq!(out.name(out.u32(o[1] + 40)).0 & 1, 1);
}

#[test]
fn promoted_methods_and_wrappers() {
    let src = r#"package main
type Inner struct{ n int }
func (Inner) Get() int { return 0 }
func (*Inner) Set(int) {}
type Outer struct {
	a int
	Inner
}
type ViaPtr struct {
	*Inner
}
type Stringer interface{ String() string }
type WithIface struct {
	x int
	Stringer
}
var o Outer
var po *Outer
var vp ViaPtr
var wi WithIface
"#;
    let (o, out, _) = emit(src, &["o", "po", "vp", "wi"]);
    let (to, tpo, tvp, twi) = (o[0], o[1], o[2], o[3]);
    // Outer: Get only (Set needs a pointer).
    let names = |u: u32| -> Vec<(String, String, String)> {
        out.methods(u)
            .into_iter()
            .map(|(n, _, i, t)| (n, i, t))
            .collect()
    };
    assert_eq!(
        names(to + 80),
        [(
            "Get".into(),
            "main.(*Outer).Get".into(),
            "main.Outer.Get".into()
        )]
    );
    assert_eq!(
        names(tpo + 56),
        [
            (
                "Get".into(),
                "main.(*Outer).Get".into(),
                "main.(*Outer).Get".into()
            ),
            (
                "Set".into(),
                "main.(*Outer).Set".into(),
                "main.(*Outer).Set".into()
            ),
        ]
    );
    // ViaPtr is pointer-shaped: its value methods are interface entries
    // themselves, and Set is in its method set.
    assert_eq!(out.u8(tvp + 20) & TFLAG_DIRECT_IFACE, TFLAG_DIRECT_IFACE);
    assert_eq!(
        names(tvp + 80),
        [
            (
                "Get".into(),
                "main.ViaPtr.Get".into(),
                "main.ViaPtr.Get".into()
            ),
            (
                "Set".into(),
                "main.ViaPtr.Set".into(),
                "main.ViaPtr.Set".into()
            ),
        ]
    );
    assert_eq!(names(twi + 80)[0].0, "String");
    // The wrappers exist, are flagged, and call the right methods.
    for (w, callee) in [
        ("main.Outer.Get", "main.Inner.Get"),
        ("main.(*Outer).Get", "main.Inner.Get"),
        ("main.(*Outer).Set", "main.(*Inner).Set"),
        ("main.ViaPtr.Get", "main.Inner.Get"),
        ("main.ViaPtr.Set", "main.(*Inner).Set"),
    ] {
        let f = out.func(w);
        assert!(f.wrapper, "{w}");
        let s = crate::print::func_string(f);
        assert!(s.contains(callee), "{w} should call {callee}:\n{s}");
    }
    // main.Outer.Get takes the receiver's leaves (a, n).
    let f = out.func("main.Outer.Get");
    assert_eq!(f.params().len(), 3);
    assert_eq!(f.results, vec![Ty::I64]);
    // An embedded interface's method goes through the itab.
    let s = crate::print::func_string(out.func("main.WithIface.String"));
    assert!(!s.contains("main.Stringer.String"), "{s}");
}

#[test]
fn equality_signatures() {
    let src = r#"package main
type A struct {
	a int8
	b int64
}
type B struct {
	f float64
	_ int
	s [3]string
}
type C [2]struct{ x int32 }
type D struct{ e any; i interface{ M() } }
var a A
var b B
var c C
var d D
var e [100]float32
"#;
    let w = check(src);
    let d = {
        let mut d = TypeDescs::new();
        for v in ["a", "b", "c", "d", "e"] {
            d.type_off(&w, var(&w, v));
        }
        d
    };
    let sig = |d: &mut TypeDescs, v: &str| {
        let n = d.node(&w, var(&w, v));
        d.eq_sig(n)
    };
    let mut d = d;
    assert_eq!(sig(&mut d, "a"), "M1K7M8");
    assert_eq!(sig(&mut d, "b"), "GK8SSS");
    assert_eq!(sig(&mut d, "c"), "M8");
    assert_eq!(sig(&mut d, "d"), "EI");
    assert_eq!(sig(&mut d, "e"), "FFFF[12FFFFFFFF]");
    let mut m = Module::default();
    d.finish(&w, &mut m);
    for f in &m.funcs {
        crate::verify::verify(f).unwrap_or_else(|e| panic!("{}: {e}", f.name));
    }
    let names: Vec<&str> = m.funcs.iter().map(|f| f.name.as_str()).collect();
    for want in [
        "type:.eq.M1K7M8",
        "type:.eq.FFFF[12FFFFFFFF]",
        "type:.eq.FFFFFFFF",
        "type:.eq.EI",
        "type:.eq.GK8SSS",
    ] {
        assert!(names.contains(&want), "{want} in {names:?}");
    }
    let c = m.data.iter().find(|x| x.name == "type:.eqfunc.M8");
    assert!(c.is_none(), "[2]struct{{int32}} uses memequal64·f");
}

#[test]
fn textptrs_and_blob_are_emitted() {
    let (_, out, _) = emit("package main\nvar x int\n", &["x"]);
    assert!(out.data(TYPES_SYM).readonly);
    assert_eq!(
        out.data(TEXTPTRS_SYM).size,
        8,
        "an empty table still has a word"
    );
}

#[test]
#[ignore]
fn dump() {
    let src = r#"package main
type Inner struct{ n int; s string; f float64; g float64 }
func (Inner) Get() int { return 0 }
type Outer struct {
	a int
	*Inner
}
type B struct {
	f float64
	s [3]string
	e any
}
var o *Outer
var b map[B]int
"#;
    let (_, out, _) = emit(src, &["o", "b"]);
    for f in &out.m.funcs {
        println!("{}", crate::print::func_string(f));
    }
}

#[test]
fn eq_func_and_type_hash() {
    let src = "package main\ntype S struct{ a int32; b string }\nvar s S\nvar t S\nvar f []int\nvar u [2]struct{ x S }\n";
    let w = check(src);
    let mut d = TypeDescs::new();
    let (s, f) = (var(&w, "s"), var(&w, "f"));
    assert_eq!(d.eq_func(&w, s).as_deref(), Some("type:.eq.M4K4S"));
    assert_eq!(d.eq_func(&w, f), None, "slices are not comparable");
    assert_eq!(d.type_hash(&w, s), d.type_hash(&w, var(&w, "t")));
    assert_ne!(d.type_hash(&w, s), d.type_hash(&w, f));
    let off = d.type_off(&w, var(&w, "u"));
    let mut m = Module::default();
    d.finish(&w, &mut m);
    let out = Out { m };
    let _ = out.func("type:.eq.M4K4S");
    // [2]struct{ x S }: a loop over elements compared as S.
    assert_eq!(out.reloc(off + 24).unwrap().0, "type:.eqfunc.[2M4K4S]");
    let _ = out.func("type:.eq.[2M4K4S]");
    assert_eq!(out.u32(off + 16), {
        let mut d = TypeDescs::new();
        d.type_hash(&w, var(&w, "u"))
    });
}

#[test]
fn unsafe_pointer_descriptor() {
    let (o, out, _) = emit(
        "package main\nimport \"unsafe\"\nvar p unsafe.Pointer\nvar q []unsafe.Pointer\n",
        &["p", "q"],
    );
    assert_eq!(out.u8(o[0] + 23), 26);
    assert_eq!(out.name(out.u32(o[0] + 48)).1, "unsafe", "PkgPath");
    assert_eq!(out.u8(o[1] + 20) & TFLAG_UNCOMMON, 0, "unnamed, no methods");
    assert_eq!(out.u8(o[0] + 20) & TFLAG_DIRECT_IFACE, TFLAG_DIRECT_IFACE);
}

/// The header fields gc 1.27 emits for these types, dumped from a gc
/// binary (Hash and PtrToThis aside): the descriptors must match.
#[test]
fn headers_match_gc() {
    let src = r#"package main
import "unsafe"
type T struct {
	X int
	s string
}
func (T) M()               {}
func (T) m(int) string     { return "" }
func (*T) P(x, y int) bool { return false }
type N int
func (N) String() string { return "" }
type I interface {
	M()
	n()
}
type Inner struct{ n int }
func (Inner) Get() int { return 0 }
func (*Inner) Set(int) {}
type Outer struct {
	a int
	Inner
}
type ViaPtr struct{ *Inner }
type Pad struct {
	a int8
	b int64
	c int16
}
type F struct {
	f float64
	_ int
}
var v01 int
var v02 string
var v03 T
var v04 *T
var v05 N
var v06 *N
var v07 []int
var v08 [3]int
var v09 [2]string
var v10 map[string]int
var v11 map[any][200]byte
var v12 func(int) string
var v13 struct{}
var v14 struct{ a, b byte }
var v15 Outer
var v16 *Outer
var v17 ViaPtr
var v18 *ViaPtr
var v19 Pad
var v20 F
var v21 *I
var v22 chan int
var v23 [0]func()
var v24 unsafe.Pointer
var v25 [20]*int
var v26 struct {
	a int
	b []byte
	c any
}
"#;
    let golden = r#"int: size=8 ptrdata=0 tflag=0xf align=8 kind=2 eq=true mcount=0 xcount=0 moff=16
string: size=16 ptrdata=8 tflag=0x7 align=8 kind=24 eq=true mcount=0 xcount=0 moff=16 mask=01
main.T: size=24 ptrdata=16 tflag=0x7 align=8 kind=25 eq=true mcount=2 xcount=1 moff=64 mask=02
*main.T: size=8 ptrdata=8 tflag=0x29 align=8 kind=22 eq=true mcount=3 xcount=2 moff=16 mask=01
main.N: size=8 ptrdata=0 tflag=0xf align=8 kind=2 eq=true mcount=1 xcount=1 moff=16
*main.N: size=8 ptrdata=8 tflag=0x29 align=8 kind=22 eq=true mcount=1 xcount=1 moff=16 mask=01
[]int: size=24 ptrdata=8 tflag=0x2 align=8 kind=23 eq=false mask=01
[3]int: size=24 ptrdata=0 tflag=0xa align=8 kind=17 eq=true
[2]string: size=32 ptrdata=24 tflag=0x2 align=8 kind=17 eq=true mask=05
map[string]int: size=8 ptrdata=8 tflag=0x22 align=8 kind=21 eq=false groupsize=200 keysoff=8 keystride=24 elemsoff=24 elemstride=24 elemoff=16 flags=1 mask=01
map[interface {}][200]uint8: size=8 ptrdata=8 tflag=0x22 align=8 kind=21 eq=false groupsize=200 keysoff=8 keystride=24 elemsoff=24 elemstride=24 elemoff=16 flags=11 mask=01
func(int) string: size=8 ptrdata=8 tflag=0x22 align=8 kind=19 eq=false mask=01
struct {}: size=0 ptrdata=0 tflag=0xa align=1 kind=25 eq=true
struct { a uint8; b uint8 }: size=2 ptrdata=0 tflag=0xa align=1 kind=25 eq=true
main.Outer: size=16 ptrdata=0 tflag=0xf align=8 kind=25 eq=true mcount=1 xcount=1 moff=64
*main.Outer: size=8 ptrdata=8 tflag=0x29 align=8 kind=22 eq=true mcount=2 xcount=2 moff=16 mask=01
main.ViaPtr: size=8 ptrdata=8 tflag=0x2f align=8 kind=25 eq=true mcount=2 xcount=2 moff=40 mask=01
*main.ViaPtr: size=8 ptrdata=8 tflag=0x29 align=8 kind=22 eq=true mcount=2 xcount=2 moff=16 mask=01
main.Pad: size=24 ptrdata=0 tflag=0x7 align=8 kind=25 eq=true mcount=0 xcount=0 moff=88
main.F: size=16 ptrdata=0 tflag=0x7 align=8 kind=25 eq=true mcount=0 xcount=0 moff=64
*main.I: size=8 ptrdata=8 tflag=0x28 align=8 kind=22 eq=true mask=01
chan int: size=8 ptrdata=8 tflag=0x2a align=8 kind=18 eq=true mask=01
[0]func(): size=0 ptrdata=0 tflag=0x2 align=8 kind=17 eq=false
unsafe.Pointer: size=8 ptrdata=8 tflag=0x2f align=8 kind=26 eq=true mcount=0 xcount=0 moff=16 mask=01
[20]*int: size=160 ptrdata=160 tflag=0xa align=8 kind=17 eq=true mask=ffff0f
struct { a int; b []uint8; c interface {} }: size=48 ptrdata=48 tflag=0x2 align=8 kind=25 eq=false mask=22
"#;
    let vars: Vec<String> = (1..=26).map(|i| format!("v{i:02}")).collect();
    let names: Vec<&str> = vars.iter().map(String::as_str).collect();
    let (o, out, _) = emit(src, &names);
    let mut got = String::new();
    for &t in &o {
        let tflag = out.u8(t + 20);
        let kind = out.u8(t + 23);
        got.push_str(&format!(
            "{}: size={} ptrdata={} tflag={:#x} align={} kind={} eq={}",
            out.str(t),
            out.u64(t),
            out.u64(t + 8),
            tflag,
            out.u8(t + 21),
            kind,
            out.reloc(t + 24).is_some()
        ));
        let base = match kind {
            22 | 23 | 19 => 56,
            17 => 72,
            18 => 64,
            20 | 25 => 80,
            21 => 136,
            _ => 48,
        };
        if tflag & TFLAG_UNCOMMON != 0 {
            let u = t + base;
            got.push_str(&format!(
                " mcount={} xcount={} moff={}",
                out.u16(u + 4),
                out.u16(u + 6),
                out.u32(u + 8)
            ));
        }
        if kind == 21 {
            let m = t + 48;
            got.push_str(&format!(
                " groupsize={} keysoff={} keystride={} elemsoff={} elemstride={} elemoff={} flags={}",
                out.u64(m + 32),
                out.u64(m + 40),
                out.u64(m + 48),
                out.u64(m + 56),
                out.u64(m + 64),
                out.u64(m + 72),
                out.u32(m + 80)
            ));
        }
        let nb = out.u64(t + 8).div_ceil(64);
        if nb > 0 && nb <= 4 {
            let mask = out.ptr(t + 32);
            got.push_str(" mask=");
            for k in 0..nb as u32 {
                got.push_str(&format!("{:02x}", out.u8(mask + k)));
            }
        }
        got.push('\n');
    }
    for (g, w) in got.lines().zip(golden.lines()) {
        assert_eq!(g, w);
    }
    assert_eq!(got.lines().count(), golden.lines().count());
}

#[test]
fn itab_symbols_are_unique_for_local_types_with_one_name() {
    let src = r#"package main
type I interface{ M() }
func f() any {
	type L int
	return L(0)
}
func g() any {
	type L string
	return L("")
}
var _ = f
var _ = g
"#;
    let w = check(src);
    // The two local types L, found through the package's types.
    let arena = w.arena(P);
    let ls: Vec<TypeId> = (0..arena.types.len() as u32)
        .map(|i| TypeId::new(P, i))
        .filter(|&t| matches!(w.ty(t), Type::Named(n) if w.obj(n.obj).name.as_str() == "L"))
        .collect();
    assert_eq!(ls.len(), 2);
    let scope = w.arena(P).scope.unwrap();
    let i = w
        .obj(w.scope(scope).lookup(syntax::ast::sym("I")).unwrap())
        .typ
        .unwrap();
    let mut d = TypeDescs::new();
    let a = d.itab(&w, ls[0], i);
    let b = d.itab(&w, ls[1], i);
    assert_eq!(a, "go.itab.main.L,main.I");
    assert_eq!(b, "go.itab.main.L,main.I·1");
    assert_eq!(d.itab(&w, ls[1], i), b, "asked again: the same itab");
    let mut m = Module::default();
    d.finish(&w, &mut m);
    let out = Out { m };
    // Neither L has M: Fun[0] = 0.
    assert_eq!(out.data(&a).relocs.len(), 2);
}

#[test]
fn generic_methods_use_the_instance_types() {
    let src = r#"package main
type Box[E any] struct{ v E }
func (b Box[E]) Get() E { return b.v }
func (b *Box[E]) Put(v E) { b.v = v }
type Holder struct{ Box[string] }
var h Holder
var p *Box[int]
"#;
    let built = [
        "main.Box[string].Get",
        "main.Box[int].Get",
        "main.(*Box[int]).Put",
    ];
    let (o, out, _) = emit_with(src, &["h", "p"], &built);
    let ms = out.methods(o[0] + 80);
    assert_eq!(
        ms,
        vec![(
            "Get".into(),
            "func() string".into(),
            "main.(*Holder).Get".into(),
            "main.Holder.Get".into()
        )]
    );
    let f = out.func("main.Holder.Get");
    assert_eq!(f.results, vec![Ty::PTR, Ty::I64], "string result");
    let s = crate::print::func_string(f);
    assert!(s.contains("main.Box[string].Get"), "{s}");
    let ms = out.methods(o[1] + 56);
    assert_eq!(ms[0].1, "func() int");
    assert_eq!(ms[1].0, "Put");
    assert_eq!(ms[1].1, "func(int)");
    assert_eq!(
        ms[0].2, "main.(*Box[int]).Get",
        "pointer wrapper of a value method"
    );
    assert_eq!(out.str(o[1]), "*main.Box[int]");
}

#[test]
fn node_leaves_agree_with_layout() {
    let src = r#"package main
type S struct{ a int8; b string; c float32 }
type B struct{ a, b, c, d, e int }
var v1 S
var v2 B
var v3 [1]complex128
var v4 [2]int
var v5 struct{}
var v6 any
var v7 []S
"#;
    let w = check(src);
    let mut d = TypeDescs::new();
    for v in ["v1", "v2", "v3", "v4", "v5", "v6", "v7"] {
        let t = var(&w, v);
        let n = d.node(&w, t);
        assert_eq!(d.leaves(n), crate::layout::leaves(&w, t), "{v}");
    }
}

#[test]
fn method_func_names_methods_and_wrappers() {
    let src = r#"package main
type Inner struct{ n int }
func (Inner) Get() int { return 0 }
func (*Inner) set(int) {}
type Outer struct{ Inner }
var o Outer
var i Inner
"#;
    let w = check(src);
    let (o, i) = (var(&w, "o"), var(&w, "i"));
    let mut d = TypeDescs::new();
    assert_eq!(
        d.method_func(&w, i, false, "Get", None).as_deref(),
        Some("main.Inner.Get")
    );
    assert_eq!(
        d.method_func(&w, i, true, "Get", None).as_deref(),
        Some("main.(*Inner).Get")
    );
    assert_eq!(
        d.method_func(&w, i, false, "set", Some(P)),
        None,
        "needs a pointer"
    );
    assert_eq!(
        d.method_func(&w, i, true, "set", Some(P)).as_deref(),
        Some("main.(*Inner).set")
    );
    assert_eq!(
        d.method_func(&w, o, true, "set", Some(P)).as_deref(),
        Some("main.(*Outer).set")
    );
    assert_eq!(
        d.method_func(&w, o, false, "Get", None).as_deref(),
        Some("main.Outer.Get")
    );
    let mut m = Module::default();
    d.finish(&w, &mut m);
    let names: Vec<&str> = m.funcs.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["main.(*Inner).Get", "main.(*Outer).set", "main.Outer.Get"]
    );
}

#[test]
fn unbuilt_instance_methods_have_no_code() {
    // Nothing converts a Box[int] to an interface, so its methods are not
    // built: the method table keeps the names, the code pointers are 0
    // and no wrapper calls them.
    let src = r#"package main
type Box[E any] struct{ v E }
func (b Box[E]) Get() E { return b.v }
var p *Box[int]
"#;
    let (_, out, _) = emit(src, &["p"]);
    assert!(out.m.funcs.iter().all(|f| !f.name.contains("Box[int]")));
    let tp = out
        .m
        .data
        .iter()
        .find(|d| d.name == TEXTPTRS_SYM)
        .expect("textptrs");
    assert!(tp.relocs.iter().all(|(_, f, _)| !f.contains("Box[int]")));
}
