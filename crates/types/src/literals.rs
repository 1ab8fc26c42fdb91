//! Composite and function literals (types2's literals.go): struct
//! literals (keyed, with promoted fields from Go 1.27, and positional:
//! "too few values in struct literal", "unknown field f in struct
//! literal of type T", duplicate and overlapping fields), array, slice
//! and map literals with elided element types (`&T` for `*T`
//! elements), duplicate keys and indices, `[...]T` lengths, invalid
//! literal types; function literals, whose bodies are checked at once in
//! the enclosing context.

use syntax::ast::{self, Expr, ExprKind};
use syntax::print::expr_string;

use crate::arena::{ObjId, Store, TypeId};
use crate::check::Checker;
use crate::constant::{Kind, Value};
use crate::index::len_i64;
use crate::lookup::{lookup_field_or_method, lookup_fold_case, Lookup};
use crate::object::ObjKind;
use crate::operand::{Mode, Operand};
use crate::predicates::{identical, is_interface, unalias, underlying};
use crate::ty::Type;
use crate::typeset::core_type;
use crate::universe;

/// A constant map key as a Go map would compare it (types2's keyVal):
/// numbers compare by value across kinds where exact.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum KeyVal {
    Int(i64),
    Uint(u64),
    Float(u64),
    Complex(u64, u64),
    Str(Vec<u8>),
    Bool(bool),
    /// Not comparable with any other key (huge integers, unknown).
    Other,
}

fn float_bits(f: f64) -> u64 {
    if f == 0.0 {
        0
    } else {
        f.to_bits()
    }
}

fn key_val(v: &Value) -> KeyVal {
    let mut v = v.clone();
    if v.kind() == Kind::Complex {
        let f = v.to_float();
        if f.kind() != Kind::Float {
            let r = v.real().float64_val().0;
            let i = v.imag().float64_val().0;
            return KeyVal::Complex(float_bits(r), float_bits(i));
        }
        v = f;
    }
    if v.kind() == Kind::Float {
        let i = v.to_int();
        if i.kind() != Kind::Int {
            return KeyVal::Float(float_bits(v.float64_val().0));
        }
        v = i;
    }
    match v.kind() {
        Kind::Int => {
            if let Some(i) = v.int64_val() {
                KeyVal::Int(i)
            } else if let Some(u) = v.uint64_val() {
                KeyVal::Uint(u)
            } else {
                KeyVal::Other
            }
        }
        Kind::String => KeyVal::Str(v.str_bytes().to_vec()),
        Kind::Bool => KeyVal::Bool(v.bool_val()),
        _ => KeyVal::Other,
    }
}

/// Field paths already given in a keyed struct literal (types2's trie):
/// a path collides with another if one is a prefix of the other.
#[derive(Default)]
struct FieldPaths(Vec<(Vec<usize>, ObjId)>);

impl FieldPaths {
    /// Inserts `key` unless it collides; then returns the field of a
    /// colliding path and the length of the common prefix.
    fn insert(&mut self, key: &[usize], fld: ObjId) -> Option<(ObjId, usize)> {
        // An existing path that is a prefix of (or equal to) `key`.
        if let Some((k, v)) = self.0.iter().find(|(k, _)| key.starts_with(k)) {
            return Some((*v, k.len()));
        }
        // Existing paths that `key` is a prefix of: the smallest one.
        if let Some((_, v)) = self
            .0
            .iter()
            .filter(|(k, _)| k.starts_with(key))
            .min_by(|a, b| a.0.cmp(&b.0))
        {
            return Some((*v, key.len()));
        }
        self.0.push((key.to_vec(), fld));
        None
    }
}

impl<'a> Checker<'a, '_> {
    /// `T{...}`; `hint` is the element type of an enclosing literal when
    /// `T` is elided.
    pub(crate) fn composite_lit(
        &mut self,
        e: &'a Expr,
        lit: &'a ast::CompositeLit,
        hint: Option<TypeId>,
    ) -> Operand<'a> {
        let mut is_elem = false;
        let (typ, base) = match (&lit.typ, hint) {
            (Some(t), _) => {
                let typ = if let ExprKind::ArrayType(None, elem) = &t.kind {
                    // `[...]T`: the length comes from the elements.
                    let elem = self.var_type(elem);
                    self.store.arena.add_type(Type::Array(None, elem))
                } else {
                    self.typ(t)
                };
                (typ, typ)
            }
            (None, Some(h)) => {
                is_elem = true;
                // An elided `*T` stands for `&T{...}`.
                let mut base = h;
                if let Some(u) = self.lit_core_type(h) {
                    if let Type::Pointer(b) = *self.store.ty(unalias(&self.store, u)) {
                        base = b;
                    }
                }
                (h, base)
            }
            (None, None) => {
                self.errorf(e.start_pos(), "missing type in composite literal");
                (universe::INVALID, universe::INVALID)
            }
        };

        if !self.is_complete(base) {
            return Operand::invalid(Some(e));
        }

        let core = self.lit_core_type(base);
        let ct = core.map(|c| self.store.ty(c).clone());
        match (core, ct) {
            (Some(u), Some(Type::Struct(st))) => {
                self.struct_lit(lit, u, base, &st.fields);
            }
            (Some(u), Some(Type::Array(n, elem))) => {
                let len = self.indexed_elems(&lit.elems, elem, n.map(len_i64));
                if n.is_none() && u.pkg == self.pkg() {
                    if let Type::Array(l, _) = self.store.arena.ty_mut(u) {
                        *l = Some(len as u64);
                    }
                    if let Some(t) = &lit.typ {
                        self.record_type_and_value(t, Mode::TypeExpr, u, None);
                    }
                }
            }
            (Some(_), Some(Type::Slice(elem))) => {
                self.indexed_elems(&lit.elems, elem, None);
            }
            (Some(_), Some(Type::Map(key, elem))) => {
                self.map_lit(lit, key, elem);
            }
            (u, _) => {
                self.use_elems(lit);
                if u != Some(universe::INVALID) {
                    let msg = format!(
                        "invalid composite literal{} type {}{}",
                        if is_elem { " element" } else { "" },
                        self.type_str(typ),
                        if u.is_none() {
                            " (no common underlying type)"
                        } else {
                            ""
                        }
                    );
                    self.errorf(e.start_pos(), msg);
                    return Operand::invalid(Some(e));
                }
            }
        }
        if typ == universe::INVALID {
            // The elements were checked; the literal has no type.
            return Operand::invalid(Some(e));
        }
        Operand {
            mode: Mode::Value,
            expr: Some(e),
            typ,
            val: None,
        }
    }

    /// The core type of a literal's type (types2's commonUnder): its
    /// underlying type, or for a type parameter the underlying type all
    /// types of its type set share (`None` if they do not).
    fn lit_core_type(&self, t: TypeId) -> Option<TypeId> {
        let s = &self.store;
        if !crate::predicates::is_type_param(s, t) {
            return core_type(s, t);
        }
        let mut core: Option<TypeId> = None;
        for (_, u) in crate::index::type_terms(s, t) {
            let u = u?;
            match core {
                None => core = Some(u),
                Some(c) if identical(s, c, u) => {}
                Some(_) => return core_type(s, t),
            }
        }
        core
    }

    /// Evaluates the elements of a literal whose type is invalid, for
    /// their errors (values only: a key may be a field name).
    fn use_elems(&mut self, lit: &'a ast::CompositeLit) {
        for el in &lit.elems {
            let v = match &el.kind {
                ExprKind::KeyValue(_, v) => &**v,
                _ => el,
            };
            self.use_exprs(std::slice::from_ref(v));
        }
    }

    /// The elements of a struct literal of struct type `u` (`base` as
    /// the messages name it).
    fn struct_lit(
        &mut self,
        lit: &'a ast::CompositeLit,
        u: TypeId,
        base: TypeId,
        fields: &[ObjId],
    ) {
        let Some(first) = lit.elems.first() else {
            return;
        };
        let pkg = self.pkg();
        if matches!(first.kind, ExprKind::KeyValue(..)) {
            let mut visited = FieldPaths::default();
            for el in &lit.elems {
                let ExprKind::KeyValue(key, value) = &el.kind else {
                    self.errorf(
                        el.start_pos(),
                        "mixture of field:value and value elements in struct literal",
                    );
                    continue;
                };
                let mut x = self.generic_value(value, None);
                let ExprKind::Name(name) = key.kind else {
                    let msg = format!("invalid field name {} in struct literal", expr_string(key));
                    self.errorf(el.start_pos(), msg);
                    continue;
                };
                let found = lookup_field_or_method(&self.store, u, false, Some(pkg), name);
                let (fld, index, indirect) = match found {
                    Lookup::Found {
                        obj,
                        index,
                        indirect,
                    } => (obj, index, indirect),
                    _ => {
                        let alt = match lookup_fold_case(&self.store, u, Some(pkg), name) {
                            Lookup::Found { obj, .. } => Some(obj),
                            _ => None,
                        };
                        let msg = self.lookup_error(base, name.as_str(), alt, true);
                        self.errorf(key.start_pos(), msg);
                        continue;
                    }
                };
                if !matches!(self.store.obj(fld).kind, ObjKind::Var { .. }) {
                    self.errorf(key.start_pos(), format!("{name} is not a field"));
                    continue;
                }
                if index.len() > 1 && !self.allow_version(27) {
                    let msg = format!(
                        "use of promoted field {} in struct literal of type {} requires go1.27 or later",
                        self.field_path(u, &index),
                        self.type_str(base)
                    );
                    self.errorf(key.start_pos(), msg);
                    continue;
                }
                if indirect {
                    let msg = format!("invalid implicit pointer indirection to reach {name}");
                    self.errorf(key.start_pos(), msg);
                    continue;
                }
                self.record_use(key, fld);
                let ft = self.store.obj(fld).typ.unwrap_or(universe::INVALID);
                self.assignment(&mut x, Some(ft), "struct literal");
                if let Some((alt, n)) = visited.insert(&index, fld) {
                    let fname = self.store.obj(fld).name;
                    let aname = self.store.obj(alt).name;
                    let msg = if alt == fld {
                        format!("duplicate field name {fname} in struct literal")
                    } else if n < index.len() {
                        format!(
                            "cannot specify promoted field {fname} and enclosing embedded field {aname}"
                        )
                    } else {
                        format!(
                            "cannot specify embedded field {fname} and enclosed promoted field {aname}"
                        )
                    };
                    self.errorf(el.start_pos(), msg);
                }
            }
        } else {
            for (i, el) in lit.elems.iter().enumerate() {
                if matches!(el.kind, ExprKind::KeyValue(..)) {
                    self.errorf(
                        el.start_pos(),
                        "mixture of field:value and value elements in struct literal",
                    );
                    continue;
                }
                let mut x = self.generic_value(el, None);
                let pos = x.expr.map_or(el.start_pos(), |x| x.start_pos());
                if i >= fields.len() {
                    let msg = format!(
                        "too many values in struct literal of type {}",
                        self.type_str(base)
                    );
                    self.errorf(pos, msg);
                    break;
                }
                let f = self.store.obj(fields[i]);
                if !f.is_exported() && f.pkg != Some(pkg) {
                    let msg = format!(
                        "implicit assignment to unexported field {} in struct literal of type {}",
                        f.name,
                        self.type_str(base)
                    );
                    self.errorf(pos, msg);
                    continue;
                }
                let ft = f.typ.unwrap_or(universe::INVALID);
                self.assignment(&mut x, Some(ft), "struct literal");
            }
            if lit.elems.len() < fields.len() {
                let unexported = fields.iter().any(|&f| {
                    let f = self.store.obj(f);
                    !f.is_exported() && f.pkg != Some(pkg)
                });
                let msg = format!(
                    "too few values in struct literal of type {}{}",
                    self.type_str(base),
                    if unexported {
                        " (type has unexported fields - use key:value pairs)"
                    } else {
                        ""
                    }
                );
                self.errorf(lit.rbrace, msg);
            }
        }
    }

    /// The field names along `index` from struct type `t` ("a.b.c",
    /// types2's fieldPath).
    fn field_path(&self, t: TypeId, index: &[usize]) -> String {
        let s = &self.store;
        let mut names = Vec::new();
        let mut t = t;
        for &i in index {
            let mut u = underlying(s, t);
            if let Type::Pointer(b) = *s.ty(u) {
                u = underlying(s, b);
            }
            let Type::Struct(st) = s.ty(u) else {
                break;
            };
            let Some(&f) = st.fields.get(i) else {
                break;
            };
            names.push(s.obj(f).name.to_string());
            t = s.obj(f).typ.unwrap_or(universe::INVALID);
        }
        names.join(".")
    }

    /// The elements of an array (`length` known) or slice literal with
    /// element type `elem` (types2's indexedElts): the literal's length
    /// (largest index + 1).
    fn indexed_elems(&mut self, elems: &'a [Expr], elem: TypeId, length: Option<i64>) -> i64 {
        let mut visited = std::collections::HashSet::new();
        let (mut index, mut max) = (0i64, 0i64);
        for el in elems {
            let mut valid_index = false;
            let mut value = el;
            if let ExprKind::KeyValue(k, v) = &el.kind {
                if let Some(i) = self.checked_index(k, length) {
                    match i {
                        Some(i) => {
                            index = i;
                            valid_index = true;
                        }
                        None => {
                            let msg = format!("index {} must be integer constant", expr_string(k));
                            self.errorf(el.start_pos(), msg);
                        }
                    }
                }
                value = v;
            } else if length.is_some_and(|l| index >= l) {
                let msg = format!(
                    "index {index} is out of bounds (>= {})",
                    length.unwrap_or_default()
                );
                self.errorf(el.start_pos(), msg);
            } else {
                valid_index = true;
            }
            if valid_index && !visited.insert(index) {
                let msg = format!("duplicate index {index} in array or slice literal");
                self.errorf(el.start_pos(), msg);
            }
            index = index.saturating_add(1);
            max = max.max(index);
            let mut x = self.generic_value(value, Some(elem));
            self.assignment(&mut x, Some(elem), "array or slice literal");
        }
        max
    }

    /// The elements of a map literal.
    fn map_lit(&mut self, lit: &'a ast::CompositeLit, key: TypeId, elem: TypeId) {
        // With an interface key type (not a type parameter), equal
        // constants of different types are different keys.
        let key_is_iface = is_interface(&self.store, key);
        let mut visited: std::collections::HashMap<KeyVal, Vec<TypeId>> =
            std::collections::HashMap::new();
        for el in &lit.elems {
            let ExprKind::KeyValue(k, v) = &el.kind else {
                self.errorf(el.start_pos(), "missing key in map literal");
                continue;
            };
            let mut x = self.generic_value(k, Some(key));
            self.assignment(&mut x, Some(key), "map literal");
            if !x.is_valid() {
                continue;
            }
            if x.mode == Mode::Constant {
                if let Some(val) = x.val.clone() {
                    let kv = key_val(&val);
                    let duplicate = if kv == KeyVal::Other {
                        false
                    } else if key_is_iface {
                        let seen = visited.entry(kv).or_default();
                        let dup = seen.iter().any(|&t| identical(&self.store, t, x.typ));
                        seen.push(x.typ);
                        dup
                    } else {
                        visited.insert(kv, Vec::new()).is_some()
                    };
                    if duplicate {
                        let pos = x.expr.map_or(k.start_pos(), |e| e.start_pos());
                        self.errorf(pos, format!("duplicate key {val} in map literal"));
                        continue;
                    }
                }
            }
            let mut y = self.generic_value(v, Some(elem));
            self.assignment(&mut y, Some(elem), "map literal");
        }
    }

    /// `func(...) {...}`: its signature; the body is checked at once, in
    /// the enclosing function's context (captured variables are used).
    pub(crate) fn func_lit(&mut self, e: &'a Expr, lit: &'a ast::FuncLit) -> Operand<'a> {
        let saved = self.env.clone();
        let (sig, scope) = self.func_type(None, &[], &lit.typ);
        self.env.scope = saved.scope;
        if !matches!(self.store.ty(sig), Type::Signature(_)) {
            self.env = saved;
            return Operand::invalid(Some(e));
        }
        if scope.pkg == self.pkg() {
            // The scope covers the whole literal.
            let sc = self.store.arena.scope_mut(scope);
            sc.start = e.pos;
            sc.end = e.end_pos();
        }
        // The body is checked later (before the enclosing statement's
        // scope changes, or after the package-level declarations): the
        // literal may be part of a type declaration its body refers to.
        let (decl, iota) = (saved.decl, saved.iota.clone());
        self.later(move |c| {
            c.func_body(decl, "<function literal>", sig, scope, &lit.body, iota);
        });
        self.env = saved;
        Operand {
            mode: Mode::Value,
            expr: Some(e),
            typ: sig,
            val: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::check_source;

    #[test]
    fn field_paths_collide_on_prefixes() {
        let f = |i| ObjId::new(crate::arena::PkgIdx(2), i);
        let mut v = FieldPaths::default();
        assert_eq!(v.insert(&[0], f(0)), None);
        assert_eq!(v.insert(&[0], f(0)), Some((f(0), 1)));
        assert_eq!(v.insert(&[1, 2], f(2)), None);
        assert_eq!(v.insert(&[1, 3], f(3)), None);
        // The embedded field 1 encloses both.
        assert_eq!(v.insert(&[1], f(1)), Some((f(2), 1)));
        // A field promoted through embedded field 0.
        assert_eq!(v.insert(&[0, 5], f(5)), Some((f(0), 1)));
    }

    #[test]
    fn map_keys_compare_by_value() {
        use syntax::token::LitKind;
        let one = Value::from_i64(1);
        let one_f = Value::from_literal(LitKind::Float, "1.0");
        let half = Value::from_literal(LitKind::Float, "0.5");
        assert_eq!(key_val(&one), key_val(&one_f));
        assert_ne!(key_val(&one), key_val(&half));
        assert_eq!(key_val(&Value::from("a")), KeyVal::Str(b"a".to_vec()));
    }

    #[test]
    fn struct_literals() {
        let src = r#"package p

type T struct {
	a, b int
	c    string
}

type E struct{ x int }
type S struct {
	E
	y int
}
type PS struct {
	*E
	z int
}
type M struct{ m int }

func (M) Meth() {}

type SM struct{ M }

var _ = T{1, 2}
var _ = T{1, 2, "c", 4}
var _ = T{a: 1, 2}
var _ = T{1, b: 2}
var _ = T{a: 1, a: 2}
var _ = T{d: 1}
var _ = T{A: 1}
var _ = T{a: "x"}
var _ = S{x: 1}
var _ = S{E: E{}, x: 1}
var _ = S{x: 1, E: E{}}
var _ = PS{x: 1}
var _ = T{(a): 1}
var _ = SM{Meth: 1}
var _ T = T{1, 2, "c"}
var _ = T{}
var _ = T{a: 1, b: 2, c: "c", d: 4}
var _ = struct{ f func() }{func() {}}
var _ = T{1, 2, 3}
var _ = T{c: 1 + ""}
var _ = E{x: 1, y: 2, x: 3}
"#;
        assert_eq!(
            check_source(src),
            [
                "a.go:23:15: too few values in struct literal of type T",
                "a.go:24:22: too many values in struct literal of type T",
                "a.go:25:17: mixture of field:value and value elements in struct literal",
                "a.go:26:14: mixture of field:value and value elements in struct literal",
                "a.go:26:18: too few values in struct literal of type T",
                "a.go:27:17: duplicate field name a in struct literal",
                "a.go:28:11: unknown field d in struct literal of type T",
                "a.go:29:11: unknown field A in struct literal of type T, but does have a",
                "a.go:30:14: cannot use \"x\" (untyped string constant) as int value in struct literal",
                "a.go:32:19: cannot specify promoted field x and enclosing embedded field E",
                "a.go:33:17: cannot specify embedded field E and enclosed promoted field x",
                "a.go:34:12: invalid implicit pointer indirection to reach x",
                "a.go:35:11: invalid field name (a) in struct literal",
                "a.go:36:12: Meth is not a field",
                "a.go:39:31: unknown field d in struct literal of type T",
                "a.go:41:17: cannot use 3 (untyped int constant) as string value in struct literal",
                "a.go:42:14: invalid operation: 1 + \"\" (mismatched types untyped int and untyped string)",
                "a.go:43:17: unknown field y in struct literal of type E",
                "a.go:43:23: duplicate field name x in struct literal",
            ]
        );
    }

    #[test]
    fn array_slice_map_literals() {
        let src = r#"package p

type T struct{ a int }
type P *T

var _ = []int{1, 2, 2: 3, 1: 4}
var _ = [2]int{1, 2, 3}
var _ = [2]int{5: 1}
var _ [3]int = [...]int{1, 2, 3}
var _ [10]int = [...]int{9: 1}
var _ [2]int = [...]int{9: 1}
var _ = map[string]int{"a": 1, "a": 2}
var _ = map[string]int{1}
var _ = map[any]int{1: 1, 1.0: 2, int8(1): 3, 1: 4}
var _ = map[float64]int{1: 1, 1.0: 2}
var _ = []*T{{a: 1}, {2}, nil}
var _ = []P{{a: 1}}
var _ = [][]int{{1}, {"a"}}
var _ = int{}
var _ = []int{"x"}
var x int
var _ = []int{x: 1}
var _ = []int{-1: 1}
var _ = map[[2]int]string{{1, 2}: "a"}
var _ = []int{1.5}
var _ = [3]int{1, 2, 3, 4, 5}
var _ = map[string]T{"a": {1}, "b": {"x"}}
var _ = []int{{1}}
var _ = map[string]int{"a": "b"}
var _ = []int{1.0: 1, 1: 2}
var _ = [][2]int{{1, 2, 3}}
var _ = map[bool]int{true: 1, false: 2, true: 3}
"#;
        assert_eq!(
            check_source(src),
            [
                "a.go:6:27: duplicate index 1 in array or slice literal",
                "a.go:7:22: index 2 is out of bounds (>= 2)",
                "a.go:8:16: invalid argument: index 5 out of bounds [0:2]",
                "a.go:11:16: cannot use [...]int{…} (value of type [10]int) as [2]int value in variable declaration",
                "a.go:12:32: duplicate key \"a\" in map literal",
                "a.go:13:24: missing key in map literal",
                "a.go:14:47: duplicate key 1 in map literal",
                "a.go:15:31: duplicate key 1 in map literal",
                "a.go:18:23: cannot use \"a\" (untyped string constant) as int value in array or slice literal",
                "a.go:19:9: invalid composite literal type int",
                "a.go:20:15: cannot use \"x\" (untyped string constant) as int value in array or slice literal",
                "a.go:22:15: index x must be integer constant",
                "a.go:23:15: invalid argument: index -1 (constant of type int) must not be negative",
                "a.go:25:15: cannot use 1.5 (untyped float constant) as int value in array or slice literal (truncated)",
                "a.go:26:25: index 3 is out of bounds (>= 3)",
                "a.go:26:28: index 4 is out of bounds (>= 3)",
                "a.go:27:38: cannot use \"x\" (untyped string constant) as int value in struct literal",
                "a.go:28:15: invalid composite literal element type int",
                "a.go:29:29: cannot use \"b\" (untyped string constant) as int value in map literal",
                "a.go:30:23: duplicate index 1 in array or slice literal",
                "a.go:31:25: index 2 is out of bounds (>= 2)",
                "a.go:32:41: duplicate key true in map literal",
            ]
        );
    }

    #[test]
    fn func_literals() {
        let src = r#"package p

type T struct {
	a [len(T{}.a)]int
}

const c = 2

var f = func(x int) int { return x + c }
var _ int = f(1)
var _ = func() int { return "a" }
var _ string = func() int { return 1 }()

func _() {
	g := func() { var y int }
	g()
	h := func() int { return z }
	z := 1
	_, _ = h, z
}
"#;
        assert_eq!(
            check_source(src),
            [
                "a.go:3:6: invalid recursive type: T refers to itself",
                "a.go:11:29: cannot use \"a\" (untyped string constant) as int value in return statement",
                "a.go:12:16: cannot use func() int {…}() (value of type int) as string value in variable declaration",
                "a.go:15:20: declared and not used: y",
                "a.go:17:27: undefined: z",
            ]
        );
    }

    /// A function literal's body is checked after the declaration that
    /// contains it: it may use the type being declared.
    #[test]
    fn func_literal_bodies_are_delayed() {
        let src = r#"package p

import "unsafe"

const n = unsafe.Sizeof(func() {})

type I interface {
	m([unsafe.Sizeof(func() { I.m(nil, [n]byte{}) })]byte)
}

type J interface {
	m([unsafe.Sizeof(func() { J.m(nil, 1) })]byte)
}
"#;
        assert_eq!(
            check_source(src),
            ["a.go:12:37: cannot use 1 (untyped int constant) as [8]byte value in argument to J.m"]
        );
    }

    #[test]
    fn type_parameter_literals() {
        let src = r#"package p

type myStruct struct{ f int }
type slice[E any] []E

func _[S struct{ f int } | myStruct, A [2]int, P ~[]int | ~[]string, Q any, M ~map[string]int]() {
	_ = S{}
	_ = S{0}
	_ = S{f: 0}
	_ = S{g: 0}
	_ = slice[int]{1, 2, 3}
	_ = slice[S]{{}, {0}, {f: 0}}
	_ = A{1, 2}
	_ = A{1, 2, 3}
	_ = P{}
	_ = Q{}
	_ = []P{{}}
	_ = M{"a": 1, "a": 2}
}
"#;
        assert_eq!(
            check_source(src),
            [
                "a.go:10:8: unknown field g in struct literal of type S",
                "a.go:14:14: index 2 is out of bounds (>= 2)",
                "a.go:15:6: invalid composite literal type P (no common underlying type)",
                "a.go:16:6: invalid composite literal type Q (no common underlying type)",
                "a.go:17:10: invalid composite literal element type P (no common underlying type)",
                "a.go:18:16: duplicate key \"a\" in map literal",
            ]
        );
    }

    #[test]
    fn func_literals_in_context() {
        let src = r#"package p

var a = func() int { return b }()
var b = 1

var c = func() int { return d() }
func d() int { return len(c2) }
var c2 = []int{1}

var x = func() int { return y }()
var y = x

func _() {
	v := 1
	f := func() { v = 2 }
	f()
	w := 2
	_ = func() { _ = w }
	u := 3
	_ = func() { u := 4; _ = u }
	func() { z := 1 }()
	const k = iota
	_ = func() int { return k }
}

const e = len([2]func(){func() {}, nil})

func _() int {
	return func() int { for {} }()
}
"#;
        assert_eq!(
            check_source(src),
            [
                "a.go:10:5: initialization cycle for x\n\ta.go:10:5: x refers to y\n\ta.go:11:5: y refers to x",
                "a.go:14:2: declared and not used: v",
                "a.go:19:2: declared and not used: u",
                "a.go:21:11: declared and not used: z",
            ]
        );
    }

    #[test]
    fn literal_and_index_corners() {
        let src = r#"package p

type T struct{ a, b int }
type A = T
type MS string

var _ = map[string]*T{"a": {1, 2}, "b": nil, "c": {a: 1}}
var _ = [...][2]int{{1, 2}, {3}}
var _ = map[T]int{{1, 2}: 1, {1, 2}: 2}
const c = "abc"[1]
const s = "abc"[1:]
var _ = len([10]int{}[:])
var ms MS
var _ MS = ms[1:2]
var _ = ms[1:2:3]
var m map[*int]int
var _ = m[nil]
var _ = A{1, 2}
var _ = A{c: 1}
var _ = []int{1, 2, 3}[5]
var _ = [...]int{1, 2, 3}[3]
var _ [2]int = [...]int{1, 2, 3}
var _ = [][]int{[]int{1}, {2}}
var _ = []struct{ x int }{{1}, {x: 2}, {y: 3}}
var _ = T{a: 1, b: 2, a: 3, b: 4}
var _ = struct{}{1}
var _ = [0]int{1}
var _ = map[string]int{"a": 1}["b"]
var _ = T{}.c
"#;
        assert_eq!(
            check_source(src),
            [
                "a.go:10:11: \"abc\"[1] (value of type byte) is not constant",
                "a.go:11:16: \"abc\"[1:] (value of type string) is not constant",
                "a.go:12:13: cannot slice unaddressable value [10]int{} (value of type [10]int)",
                "a.go:15:16: invalid operation: 3-index slice of string",
                "a.go:19:11: unknown field c in struct literal of type A",
                "a.go:21:27: invalid argument: index 3 out of bounds [0:3]",
                "a.go:22:16: cannot use [...]int{…} (value of type [3]int) as [2]int value in variable declaration",
                "a.go:24:41: unknown field y in struct literal of type struct{x int}",
                "a.go:25:23: duplicate field name a in struct literal",
                "a.go:25:29: duplicate field name b in struct literal",
                "a.go:26:18: too many values in struct literal of type struct{}",
                "a.go:27:16: index 0 is out of bounds (>= 0)",
                "a.go:29:13: T{}.c undefined (type T has no field or method c)",
            ]
        );
    }

    #[test]
    fn struct_literals_of_imported_types() {
        let dep = r#"package q

type T struct {
	X    int
	y    int
	Form int
	form2 int
}

type U struct {
	A, B int
}

type E struct{ T }
"#;
        let src = r#"package p

import "m/q"

var _ = q.T{X: 1, y: 2}
var _ = q.T{1, 2, 3, 4}
var _ = q.T{1}
var _ = q.T{Y: 1}
var _ = q.T{form: 1}
var _ = q.T{Form2: 1}
var _ = q.U{1}
var _ = q.U{1, 2}
var _ = q.E{X: 1}
var _ = q.E{T: q.T{}, X: 1}
"#;
        assert_eq!(
            crate::testutil::check_importing(dep, "a.go", src),
            [
                "a.go:5:19: cannot refer to unexported field y in struct literal of type q.T",
                "a.go:6:16: implicit assignment to unexported field y in struct literal of type q.T",
                "a.go:6:22: implicit assignment to unexported field form2 in struct literal of type q.T",
                "a.go:7:14: too few values in struct literal of type q.T (type has unexported fields - use key:value pairs)",
                "a.go:8:13: unknown field Y in struct literal of type q.T",
                "a.go:9:13: unknown field form in struct literal of type q.T, but does have Form",
                "a.go:10:13: unknown field Form2 in struct literal of type q.T, but does have unexported form2",
                "a.go:11:14: too few values in struct literal of type q.U",
                "a.go:14:23: cannot specify promoted field X and enclosing embedded field T",
            ]
        );
    }

    #[test]
    fn imported_generics_and_arrays() {
        let dep = r#"package q

func F[P, Q any](P) Q { var q Q; return q }

type A [3]int

type G[T any] struct{ t T }
"#;
        let src = r#"package p

import "m/q"

var _ = q.F[int, string, bool]
var _ func(int) string = q.F[int]
var _ = q.F[int, string](1)
var a q.A
var _ = a[3]
var _ = a[1:4]
var _ = q.G[int]{}
var _ = q.G[int]{t: 1}
var _ = q.G{}
"#;
        assert_eq!(
            crate::testutil::check_importing(dep, "a.go", src),
            [
                "a.go:5:26: got 3 type arguments but want 2",
                "a.go:9:11: invalid argument: index 3 out of bounds [0:3]",
                "a.go:10:13: invalid argument: index 4 out of bounds [0:4]",
                "a.go:12:18: cannot refer to unexported field t in struct literal of type q.G[int]",
                "a.go:13:9: cannot use generic type q.G[T any] without instantiation",
            ]
        );
    }

    #[test]
    fn recorded_types_uses_and_instances() {
        use crate::arena::{Store, World};
        use crate::check::Checker;
        use crate::info::ExprKey;
        use syntax::ast::{Decl, Spec};
        let src = "package p\n\ntype T struct{ x int }\n\nfunc f[P any](P) {}\n\nvar a = [...]int{1, 2, 3}\nvar c = T{x: 1}\nvar b = f[int]\nvar d = []*T{{x: 2}}\n";
        let fset = syntax::FileSet::new();
        let (file, errs) = syntax::parse_file(&fset, "a.go", src.as_bytes());
        assert!(errs.is_empty());
        let world = World::new();
        let checked = Checker::new(
            &world,
            &fset,
            crate::testutil::P,
            "p",
            [&file],
            &crate::testutil::UnsafeOnly,
        )
        .check();
        assert!(checked.errors.is_empty());
        let values: Vec<&Expr> = file
            .decls
            .iter()
            .filter_map(|d| match d {
                Decl::Gen(g) => Some(g),
                _ => None,
            })
            .flat_map(|g| &g.specs)
            .filter_map(|s| match s {
                Spec::Value(v) => v.values.first(),
                _ => None,
            })
            .collect();
        let key = |e: &Expr| ExprKey { file: 0, id: e.id };
        let store = crate::arena::Local {
            world: &world,
            arena: checked.arena,
        };
        let info = &checked.info;
        let ty = |e: &Expr| {
            let tv = info.types.get(&key(e)).expect("recorded");
            crate::typestring::type_string(&store, &crate::testutil::Unqualified, tv.typ)
        };
        // [...]int{1, 2, 3}: the literal and its type expression are [3]int.
        let ExprKind::CompositeLit(lit) = &values[0].kind else {
            panic!()
        };
        assert_eq!(ty(values[0]), "[3]int");
        assert_eq!(ty(lit.typ.as_ref().unwrap()), "[3]int");
        assert_eq!(
            info.types
                .get(&key(lit.typ.as_ref().unwrap()))
                .unwrap()
                .mode,
            Mode::TypeExpr
        );
        // T{x: 1}: the key uses field x.
        let ExprKind::CompositeLit(lit) = &values[1].kind else {
            panic!()
        };
        let ExprKind::KeyValue(k, _) = &lit.elems[0].kind else {
            panic!()
        };
        let fld = *info.uses.get(&key(k)).expect("use of x");
        assert_eq!(store.obj(fld).name.as_str(), "x");
        assert_eq!(ty(values[1]), "T");
        // f[int]: an instance recorded at f, the expression a func(int).
        let ExprKind::Index(f, _) = &values[2].kind else {
            panic!()
        };
        let inst = checked.info.instances.get(&key(f)).expect("instance");
        assert_eq!(inst.targs, vec![universe::INT]);
        assert_eq!(ty(values[2]), "func(int)");
        // []*T{{x: 2}}: the element is a *T.
        let ExprKind::CompositeLit(lit) = &values[3].kind else {
            panic!()
        };
        assert_eq!(ty(&lit.elems[0]), "*T");
    }
}
