//! Terminating statements (the spec's rules), for "missing return": a
//! function with results must end in one. Whether a call is the builtin
//! `panic` is for the checker to say (the name may be shadowed), so it is
//! passed in.

use syntax::ast::{Expr, ExprKind, Stmt, StmtKind, Symbol};
use syntax::token::Token;

/// Whether `s` is a terminating statement. `label` is the label of `s`,
/// if it is labeled; `is_panic` tells calls of the builtin panic.
pub fn is_terminating(s: &Stmt, label: Option<Symbol>, is_panic: &dyn Fn(&Expr) -> bool) -> bool {
    match &s.kind {
        StmtKind::Return(_) => true,
        // A fallthrough ends a case whose successor ends the switch.
        StmtKind::Branch(Token::Goto | Token::Fallthrough, _) => true,
        StmtKind::Expr(x) => matches!(x.unparen().kind, ExprKind::Call(_)) && is_panic(x.unparen()),
        StmtKind::Labeled(l, inner) => is_terminating(inner, Some(l.value), is_panic),
        StmtKind::Block(b) => is_terminating_list(&b.stmts, is_panic),
        StmtKind::If(i) => match &i.els {
            Some(els) => {
                is_terminating_list(&i.then.stmts, is_panic) && is_terminating(els, None, is_panic)
            }
            None => false,
        },
        StmtKind::For(f) => {
            let is_range = matches!(f.init.as_ref().map(|s| &s.kind), Some(StmtKind::Range(_)));
            !is_range && f.cond.is_none() && !has_break_list(&f.body.stmts, label, true)
        }
        StmtKind::Switch(sw) => {
            let mut has_default = false;
            for cc in &sw.body {
                if cc.cases.is_none() {
                    has_default = true;
                }
                if !is_terminating_list(&cc.body, is_panic) || has_break_list(&cc.body, label, true)
                {
                    return false;
                }
            }
            has_default
        }
        StmtKind::Select(sel) => sel.body.iter().all(|cc| {
            is_terminating_list(&cc.body, is_panic) && !has_break_list(&cc.body, label, true)
        }),
        _ => false,
    }
}

/// A statement list is terminating if its last non-empty statement is.
pub fn is_terminating_list(list: &[Stmt], is_panic: &dyn Fn(&Expr) -> bool) -> bool {
    match list.iter().rev().find(|s| !s.is_empty()) {
        Some(last) => is_terminating(last, None, is_panic),
        None => false,
    }
}

/// Whether a break in `list` leaves the statement labeled `label` (or,
/// with `implicit`, the innermost enclosing breakable statement).
fn has_break_list(list: &[Stmt], label: Option<Symbol>, implicit: bool) -> bool {
    list.iter().any(|s| has_break(s, label, implicit))
}

fn has_break(s: &Stmt, label: Option<Symbol>, implicit: bool) -> bool {
    match &s.kind {
        StmtKind::Branch(Token::Break, None) => implicit,
        StmtKind::Branch(Token::Break, Some(l)) => Some(l.value) == label,
        StmtKind::Labeled(_, inner) => has_break(inner, label, implicit),
        StmtKind::Block(b) => has_break_list(&b.stmts, label, implicit),
        StmtKind::If(i) => {
            has_break_list(&i.then.stmts, label, implicit)
                || i.els
                    .as_ref()
                    .is_some_and(|e| has_break(e, label, implicit))
        }
        // Inside another breakable statement an unlabeled break is that
        // statement's.
        StmtKind::Switch(sw) => {
            label.is_some()
                && sw
                    .body
                    .iter()
                    .any(|cc| has_break_list(&cc.body, label, false))
        }
        StmtKind::Select(sel) => {
            label.is_some()
                && sel
                    .body
                    .iter()
                    .any(|cc| has_break_list(&cc.body, label, false))
        }
        StmtKind::For(f) => label.is_some() && has_break_list(&f.body.stmts, label, false),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use syntax::ast::{Decl, File};
    use syntax::FileSet;

    fn bodies(src: &str) -> (FileSet, File) {
        let fset = FileSet::new();
        let (f, errs) = syntax::parse_file(&fset, "r.go", src.as_bytes());
        assert!(errs.is_empty(), "{errs:?}");
        (fset, f)
    }

    /// `panic(...)` by name (the test has no shadowing).
    fn panic_by_name(x: &Expr) -> bool {
        match &x.kind {
            ExprKind::Call(c) => c.fun.as_name().is_some_and(|n| n.as_str() == "panic"),
            _ => false,
        }
    }

    #[test]
    fn spec_rules() {
        let src = "package p
func t1() int { return 1 }
func t2() int { panic(0) }
func t3() int { for {} }
func t4(b bool) int { if b { return 1 } else { return 2 } }
func t5(x int) int { switch x { case 1: return 1; default: panic(1) } }
func t6(c chan int) int { select { case <-c: return 1 } }
func t7() int { L: for { break L } }
func t8() int { for { break } }
func t9(b bool) int { if b { return 1 } }
func t10(x int) int { switch x { case 1: return 1 } }
func t11() int { for range 10 {} }
func t12(x int) int { switch x { case 1: fallthrough; default: return 0 } }
func t13() int { L: for { for { break L } } }
func t14() int { for { for { break } } }
func t15() int { { return 1 }; ; }
func t16(x int) int { switch x { default: break } }
func t17() int { goto L; L: return 1 }
";
        let (_, f) = bodies(src);
        let want = [
            true, true, true, true, true, true, false, false, false, false, false, true, false,
            true, true, false, true,
        ];
        for (d, want) in f.decls.iter().zip(want) {
            let Decl::Func(fd) = d else { panic!() };
            let body = &fd.body.as_ref().unwrap().stmts;
            assert_eq!(
                is_terminating_list(body, &panic_by_name),
                want,
                "{}",
                fd.name.value
            );
        }
    }
}
