//! One-line rendering of expressions and simple statements, the way gc's
//! error messages quote source (`cannot use x := 0 as value`): single
//! spaces around binary operators, `…` for function and composite literal
//! bodies. The full `gofmt` printer is a separate, later piece.

use std::fmt::Write;

use crate::ast::*;
use crate::token::Token;

/// The expression as gc's `syntax.String` prints it.
pub fn expr_string(x: &Expr) -> String {
    let mut out = String::new();
    expr(&mut out, x);
    out
}

/// A simple statement (assignment, send, inc/dec, expression, range
/// clause) on one line.
pub fn stmt_string(s: &Stmt) -> String {
    let mut out = String::new();
    stmt(&mut out, s);
    out
}

fn list(out: &mut String, xs: &[Expr]) {
    for (i, x) in xs.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        expr(out, x);
    }
}

fn expr(out: &mut String, x: &Expr) {
    match &x.kind {
        ExprKind::Bad => out.push_str("<bad expr>"),
        ExprKind::Name(n) => out.push_str(n),
        ExprKind::BasicLit(l) => out.push_str(&l.value),
        ExprKind::CompositeLit(c) => {
            if let Some(t) = &c.typ {
                expr(out, t);
            }
            out.push('{');
            if !c.elems.is_empty() {
                out.push('…');
            }
            out.push('}');
        }
        ExprKind::KeyValue(k, v) => {
            expr(out, k);
            out.push_str(": ");
            expr(out, v);
        }
        ExprKind::FuncLit(f) => {
            out.push_str("func");
            signature(out, &f.typ);
            out.push_str(if f.body.stmts.is_empty() {
                " {}"
            } else {
                " {…}"
            });
        }
        ExprKind::Paren(e) => {
            out.push('(');
            expr(out, e);
            out.push(')');
        }
        ExprKind::Selector(e, n) => {
            expr(out, e);
            out.push('.');
            out.push_str(&n.value);
        }
        ExprKind::Index(e, idx) => {
            expr(out, e);
            out.push('[');
            list(out, idx);
            out.push(']');
        }
        ExprKind::Slice(s) => {
            expr(out, &s.x);
            out.push('[');
            if let Some(i) = &s.index[0] {
                expr(out, i);
            }
            out.push(':');
            if let Some(i) = &s.index[1] {
                expr(out, i);
            }
            if s.full {
                out.push(':');
                if let Some(i) = &s.index[2] {
                    expr(out, i);
                }
            }
            out.push(']');
        }
        ExprKind::Assert(e, t) => {
            expr(out, e);
            out.push_str(".(");
            expr(out, t);
            out.push(')');
        }
        ExprKind::TypeSwitchGuard(lhs, e) => {
            if let Some(n) = lhs {
                let _ = write!(out, "{} := ", n.value);
            }
            expr(out, e);
            out.push_str(".(type)");
        }
        ExprKind::Operation(op, a, None) => {
            out.push_str(op.as_str());
            expr(out, a);
        }
        ExprKind::Operation(op, a, Some(b)) => {
            expr(out, a);
            let _ = write!(out, " {} ", op.as_str());
            expr(out, b);
        }
        ExprKind::Call(c) => {
            expr(out, &c.fun);
            out.push('(');
            list(out, &c.args);
            if c.has_dots {
                out.push_str("...");
            }
            out.push(')');
        }
        ExprKind::ArrayType(len, elem) => {
            out.push('[');
            match len {
                Some(l) => expr(out, l),
                None => out.push_str("..."),
            }
            out.push(']');
            expr(out, elem);
        }
        ExprKind::SliceType(elem) => {
            out.push_str("[]");
            expr(out, elem);
        }
        ExprKind::DotsType(elem) => {
            out.push_str("...");
            expr(out, elem);
        }
        ExprKind::StructType(s) => {
            out.push_str("struct{");
            for (i, f) in s.fields.iter().enumerate() {
                if i > 0 {
                    out.push_str("; ");
                }
                names(out, &f.names);
                if !f.names.is_empty() {
                    out.push(' ');
                }
                expr(out, &f.typ);
                if let Some(tag) = &f.tag {
                    out.push(' ');
                    out.push_str(&tag.value);
                }
            }
            out.push('}');
        }
        ExprKind::FuncType(f) => {
            out.push_str("func");
            signature(out, f);
        }
        ExprKind::InterfaceType(it) => {
            out.push_str("interface{");
            for (i, f) in it.elems.iter().enumerate() {
                if i > 0 {
                    out.push_str("; ");
                }
                match (&f.names[..], &f.typ.kind) {
                    ([n], ExprKind::FuncType(sig)) => {
                        out.push_str(&n.value);
                        signature(out, sig);
                    }
                    _ => expr(out, &f.typ),
                }
            }
            out.push('}');
        }
        ExprKind::MapType(k, v) => {
            out.push_str("map[");
            expr(out, k);
            out.push(']');
            expr(out, v);
        }
        ExprKind::ChanType(dir, elem) => {
            if *dir == ChanDir::Recv {
                out.push_str("<-");
            }
            out.push_str("chan");
            if *dir == ChanDir::Send {
                out.push_str("<-");
            }
            out.push(' ');
            // chan (<-chan T) must keep its parentheses
            let paren =
                *dir == ChanDir::Both && matches!(elem.kind, ExprKind::ChanType(ChanDir::Recv, _));
            if paren {
                out.push('(');
            }
            expr(out, elem);
            if paren {
                out.push(')');
            }
        }
    }
}

fn names(out: &mut String, ns: &[Name]) {
    for (i, n) in ns.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&n.value);
    }
}

fn params(out: &mut String, fields: &[Field]) {
    out.push('(');
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if !f.names.is_empty() {
            names(out, &f.names);
            out.push(' ');
        }
        expr(out, &f.typ);
    }
    out.push(')');
}

fn signature(out: &mut String, f: &FuncType) {
    params(out, &f.params);
    match &f.results[..] {
        [] => {}
        [r] if r.names.is_empty() => {
            out.push(' ');
            expr(out, &r.typ);
        }
        rs => {
            out.push(' ');
            params(out, rs);
        }
    }
}

fn stmt(out: &mut String, s: &Stmt) {
    match &s.kind {
        StmtKind::Expr(x) => expr(out, x),
        StmtKind::Send(c, v) => {
            expr(out, c);
            out.push_str(" <- ");
            expr(out, v);
        }
        StmtKind::Assign(op, lhs, rhs) => {
            list(out, lhs);
            match op {
                AssignOp::IncDec(o) => {
                    out.push_str(o.as_str());
                    out.push_str(o.as_str());
                    return;
                }
                AssignOp::Assign => out.push_str(" = "),
                AssignOp::Define => out.push_str(" := "),
                AssignOp::Op(o) => {
                    let _ = write!(out, " {}= ", o.as_str());
                }
            }
            list(out, rhs);
        }
        StmtKind::Range(r) => {
            if !r.lhs.is_empty() {
                list(out, &r.lhs);
                out.push_str(if r.def { " := " } else { " = " });
            }
            out.push_str("range ");
            expr(out, &r.x);
        }
        StmtKind::Empty => {}
        StmtKind::Branch(tok, label) => {
            out.push_str(tok.as_str());
            if let Some(l) = label {
                out.push(' ');
                out.push_str(&l.value);
            }
        }
        StmtKind::Call(tok, x) => {
            let _ = write!(out, "{} ", tok.as_str());
            expr(out, x);
        }
        StmtKind::Return(xs) => {
            out.push_str("return");
            if !xs.is_empty() {
                out.push(' ');
                list(out, xs);
            }
        }
        StmtKind::Labeled(l, s) => {
            let _ = write!(out, "{}: ", l.value);
            stmt(out, s);
        }
        StmtKind::Block(_) => out.push_str("{…}"),
        StmtKind::Decl(d) => out.push_str(d.tok.as_str()),
        StmtKind::If(_) => out.push_str(Token::If.as_str()),
        StmtKind::For(_) => out.push_str(Token::For.as_str()),
        StmtKind::Switch(_) => out.push_str(Token::Switch.as_str()),
        StmtKind::Select(_) => out.push_str(Token::Select.as_str()),
    }
}
