//! The trees the parser builds for the constructs whose parse is subtle:
//! composite literals vs. blocks, type parameters vs. array lengths,
//! parameter lists with and without names, receive vs. channel types,
//! comments and positions.

use syntax::ast::*;
use syntax::print::{expr_string, stmt_string};
use syntax::token::Token;
use syntax::FileSet;

fn parse_ok(src: &str) -> (FileSet, File) {
    let fset = FileSet::new();
    let (file, errors) = syntax::parse_file(&fset, "t.go", src.as_bytes());
    let msgs: Vec<String> = errors
        .iter()
        .map(|e| e.display(&fset).to_string())
        .collect();
    assert!(msgs.is_empty(), "unexpected errors: {msgs:?}");
    (fset, file)
}

fn func_body(file: &File, i: usize) -> &[Stmt] {
    match &file.decls[i] {
        Decl::Func(f) => &f.body.as_ref().unwrap().stmts,
        d => panic!("not a func: {d:?}"),
    }
}

fn type_spec(file: &File, i: usize) -> &TypeSpec {
    match &file.decls[i] {
        Decl::Gen(g) => match &g.specs[0] {
            Spec::Type(t) => t,
            s => panic!("not a type spec: {s:?}"),
        },
        d => panic!("not a gen decl: {d:?}"),
    }
}

#[test]
fn type_parameters_vs_array_lengths() {
    let (_, f) = parse_ok(
        "package p\n\
         type A [N]int\n\
         type B[P any] struct{}\n\
         type C [N * M]int\n\
         type D[P *int,] struct{}\n\
         type E[P *int | ~string] struct{}\n\
         type F[P ~int] int\n\
         type G[P, Q any, R interface{ m() }] int\n\
         type H[P ([]int)] int\n\
         type I = []string\n\
         type J[P any] = map[P]int\n",
    );
    let a = type_spec(&f, 0);
    assert!(a.tparams.is_empty());
    assert_eq!(expr_string(&a.typ), "[N]int");
    let b = type_spec(&f, 1);
    assert_eq!(b.tparams.len(), 1);
    assert_eq!(b.tparams[0].names[0].value.as_str(), "P");
    assert_eq!(expr_string(&b.tparams[0].typ), "any");
    assert_eq!(expr_string(&type_spec(&f, 2).typ), "[N * M]int");
    assert_eq!(expr_string(&type_spec(&f, 3).tparams[0].typ), "*int");
    assert_eq!(
        expr_string(&type_spec(&f, 4).tparams[0].typ),
        "*int | ~string"
    );
    assert_eq!(expr_string(&type_spec(&f, 5).tparams[0].typ), "~int");
    let g = type_spec(&f, 6);
    assert_eq!(g.tparams.len(), 2);
    assert_eq!(g.tparams[0].names.len(), 2);
    assert_eq!(expr_string(&g.tparams[1].typ), "interface{m()}");
    assert_eq!(expr_string(&type_spec(&f, 7).tparams[0].typ), "[]int");
    let i = type_spec(&f, 8);
    assert!(i.alias);
    let j = type_spec(&f, 9);
    assert!(j.alias && j.tparams.len() == 1);
}

#[test]
fn parameter_lists() {
    let (_, f) = parse_ok(
        "package p\n\
         func a(int, string) (bool, error) { return }\n\
         func b(x, y int, s ...string) (n int, err error) { return }\n\
         func c(p.T, []int, func(int) bool) {}\n\
         func (r *R[T]) d() {}\n",
    );
    let sig = |i: usize| match &f.decls[i] {
        Decl::Func(d) => d,
        _ => unreachable!(),
    };
    let a = sig(0);
    assert_eq!(a.typ.params.len(), 2);
    assert!(a.typ.params.iter().all(|p| p.names.is_empty()));
    assert_eq!(expr_string(&a.typ.params[0].typ), "int");
    let b = sig(1);
    assert_eq!(b.typ.params.len(), 2);
    assert_eq!(b.typ.params[0].names.len(), 2);
    assert_eq!(expr_string(&b.typ.params[1].typ), "...string");
    assert_eq!(b.typ.results[1].names[0].value.as_str(), "err");
    let c = sig(2);
    assert_eq!(c.typ.params.len(), 3);
    assert_eq!(expr_string(&c.typ.params[2].typ), "func(int) bool");
    let d = sig(3);
    assert_eq!(expr_string(&d.recv.as_ref().unwrap().typ), "*R[T]");
}

#[test]
fn composite_literals_and_statement_headers() {
    let (_, f) = parse_ok(
        "package p\n\
         func f() {\n\
         \tif x == (T{}) {\n\t}\n\
         \tfor _, v := range []int{1, 2} {\n\t\t_ = v\n\t}\n\
         \tif v := (T{a: 1}); v.a > 0 {\n\t}\n\
         \tswitch x := y.(type) {\n\tcase nil, int:\n\t}\n\
         \t_ = map[string][]int{\"a\": {1}, \"b\": nil}\n\
         \t_ = [...]T{{1, 2}, {3}}\n\
         \t_ = <-ch\n\
         \tvar c <-chan int\n\
         \t_ = c\n\
         }\n",
    );
    let body = func_body(&f, 0);
    let StmtKind::If(s) = &body[0].kind else {
        panic!()
    };
    assert_eq!(expr_string(&s.cond), "x == (T{})");
    let StmtKind::For(s) = &body[1].kind else {
        panic!()
    };
    let Some(Stmt {
        kind: StmtKind::Range(r),
        ..
    }) = &s.init
    else {
        panic!()
    };
    assert!(r.def && r.lhs.len() == 2);
    assert_eq!(expr_string(&r.x), "[]int{…}");
    let StmtKind::Switch(s) = &body[3].kind else {
        panic!()
    };
    let tag = s.tag.as_ref().unwrap();
    assert_eq!(expr_string(tag), "x := y.(type)");
    assert_eq!(s.body[0].cases.as_ref().unwrap().len(), 2);
    assert_eq!(stmt_string(&body[6]), "_ = <-ch");
    let StmtKind::Decl(d) = &body[7].kind else {
        panic!()
    };
    let Spec::Value(v) = &d.specs[0] else {
        panic!()
    };
    assert_eq!(expr_string(v.typ.as_ref().unwrap()), "<-chan int");
}

#[test]
fn generics_in_expressions() {
    let (_, f) = parse_ok(
        "package p\n\
         func f() {\n\
         \t_ = Map[int, string](xs, g)\n\
         \t_ = Pair[int, bool]{1, true}\n\
         \t_ = a[i:j:k]\n\
         \tfor i := range 10 {\n\t\t_ = i\n\t}\n\
         \tfor k, v := range seq {\n\t\t_, _ = k, v\n\t}\n\
         }\n",
    );
    let body = func_body(&f, 0);
    assert_eq!(stmt_string(&body[0]), "_ = Map[int, string](xs, g)");
    assert_eq!(stmt_string(&body[1]), "_ = Pair[int, bool]{…}");
    assert_eq!(stmt_string(&body[2]), "_ = a[i:j:k]");
}

#[test]
fn positions_are_gc_positions() {
    let src = "package p\n\nvar x = a + b*c\nvar y = f(1).g\n";
    let (fset, f) = parse_ok(src);
    let Decl::Gen(g) = &f.decls[0] else { panic!() };
    let Spec::Value(v) = &g.specs[0] else {
        panic!()
    };
    let e = &v.values[0];
    // A binary expression sits at its operator; its extent starts at `a`.
    assert_eq!(fset.position(e.pos).unwrap().to_string(), "t.go:3:11");
    assert_eq!(
        fset.position(e.start_pos()).unwrap().to_string(),
        "t.go:3:9"
    );
    let end = fset.position(e.end_pos()).unwrap();
    assert_eq!((end.line, end.col), (3, 16));
    let Decl::Gen(g) = &f.decls[1] else { panic!() };
    let Spec::Value(v) = &g.specs[0] else {
        panic!()
    };
    let e = &v.values[0];
    assert_eq!(fset.position(e.pos).unwrap().to_string(), "t.go:4:13"); // the `.`
    assert_eq!(
        fset.position(e.start_pos()).unwrap().offset,
        src.find("f(1)").unwrap() as u32
    );
}

#[test]
fn comments_docs_and_directives() {
    let src = "//go:build linux && go1.22\n\n\
               // Package p is a test.\n\
               package p\n\n\
               // F does things.\n\
               // Twice.\n\
               //\n\
               //go:noinline\n\
               func F() {}\n\n\
               // not a doc: blank line follows\n\n\
               type T struct {\n\
               \t// A is a field.\n\
               \tA int // trailing\n\
               }\n";
    let (_, f) = parse_ok(src);
    assert_eq!(f.build_constraint.as_deref(), Some("linux && go1.22"));
    assert_eq!(f.go_version.as_deref(), Some("go1.22"));
    let text = |r: Option<CommentRange>| -> Vec<String> {
        let r = r.expect("doc");
        f.comments[r.start as usize..r.end as usize]
            .iter()
            .map(|c| c.text.to_string())
            .collect()
    };
    assert_eq!(text(f.doc), vec!["// Package p is a test."]);
    let Decl::Func(func) = &f.decls[0] else {
        panic!()
    };
    assert_eq!(
        text(func.doc),
        vec!["// F does things.", "// Twice.", "//", "//go:noinline"]
    );
    assert_eq!(func.pragmas.len(), 1);
    assert_eq!(&*func.pragmas[0].text, "go:noinline");
    let Decl::Gen(g) = &f.decls[1] else { panic!() };
    assert_eq!(g.tok, Token::Type);
    assert!(g.doc.is_none());
    let Spec::Type(t) = &g.specs[0] else { panic!() };
    let ExprKind::StructType(st) = &t.typ.kind else {
        panic!()
    };
    assert_eq!(text(st.fields[0].doc), vec!["// A is a field."]);
    assert_eq!(f.comments.len(), 9);
}

#[test]
fn line_directives_move_positions() {
    let src = "package p\n//line other.go:100\nvar x = ]\n";
    let fset = FileSet::new();
    let (_, errors) = syntax::parse_file(&fset, "t.go", src.as_bytes());
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].display(&fset).to_string(),
        "other.go:100: syntax error: unexpected ], expected expression"
    );
}

#[test]
fn bom_at_start_is_skipped() {
    parse_ok(concat!(
        "\u{feff}",
        r#"package p
var s = "\a\b\f\n\r\t\v\\\"\101\x41\u00e9\U0001F600"
"#
    ));
}
