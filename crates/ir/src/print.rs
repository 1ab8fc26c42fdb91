//! The IR's textual form, as `rgo tool ir` prints it:
//!
//! ```text
//! func main.f(v0 i64, v1 i64) -> (i64)
//! b0(v0: i64, v1: i64):
//!     v2 = add v0, v1                  // line 4
//!     ret v2
//! ```

use std::fmt::Write;

use crate::func::{Callee, Func, InstKind, Module, Term, Value};

pub fn module_string(m: &Module, only: Option<&str>) -> String {
    let mut out = String::new();
    for f in &m.funcs {
        if only.is_none_or(|n| n == f.name) {
            out.push_str(&func_string(f));
            out.push('\n');
        }
    }
    out
}

fn list(vs: &[Value]) -> String {
    vs.iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn func_string(f: &Func) -> String {
    let mut s = String::new();
    let params: Vec<String> = f
        .params()
        .iter()
        .map(|&v| format!("{v} {}", f.ty(v)))
        .collect();
    let results: Vec<String> = f.results.iter().map(|t| t.to_string()).collect();
    let _ = writeln!(
        s,
        "func {}({}) -> ({})",
        f.name,
        params.join(", "),
        results.join(", ")
    );
    for (i, slot) in f.slots.iter().enumerate() {
        let _ = writeln!(s, "    slot{i}: {} bytes, align {}", slot.size, slot.align);
    }
    for (bi, b) in f.blocks.iter().enumerate() {
        let params: Vec<String> = b
            .params
            .iter()
            .map(|&v| format!("{v}: {}", f.ty(v)))
            .collect();
        let _ = writeln!(s, "b{bi}({}):", params.join(", "));
        for &i in &b.insts {
            let d = f.inst(i);
            let mut line = String::from("    ");
            if !d.results.is_empty() {
                let _ = write!(line, "{} = ", list(&d.results));
            }
            line.push_str(&inst_string(&d.kind));
            if d.line > 0 {
                while line.len() < 40 {
                    line.push(' ');
                }
                let _ = write!(line, " // line {}", d.line);
            }
            let _ = writeln!(s, "{line}");
        }
        let term = match &b.term {
            None => "<no terminator>".to_string(),
            Some(Term::Jump(t, args)) => format!("jump {t}({})", list(args)),
            Some(Term::Branch(c, t, ta, e, ea)) => {
                format!("br {c}, {t}({}), {e}({})", list(ta), list(ea))
            }
            Some(Term::Return(vs)) => format!("ret {}", list(vs)),
            Some(Term::Unreachable) => "unreachable".to_string(),
        };
        let _ = writeln!(s, "    {term}");
    }
    s
}

fn inst_string(k: &InstKind) -> String {
    match k {
        InstKind::Iconst(t, v) => format!("iconst.{t} {v}"),
        InstKind::Fconst(t, v) => format!("fconst.{t} {v:?}"),
        InstKind::Bin(op, a, b) => format!("{} {a}, {b}", format!("{op:?}").to_lowercase()),
        InstKind::Un(op, a) => format!("{} {a}", format!("{op:?}").to_lowercase()),
        InstKind::Cmp(op, a, b) => format!("cmp.{} {a}, {b}", format!("{op:?}").to_lowercase()),
        InstKind::Conv(op, a, t) => format!("{}.{t} {a}", format!("{op:?}").to_lowercase()),
        InstKind::Select(c, a, b) => format!("select {c}, {a}, {b}"),
        InstKind::Load(t, a, o) => format!("load.{t} {a}+{o}"),
        InstKind::Store(a, v, o) => format!("store {a}+{o}, {v}"),
        InstKind::SlotAddr(sl) => format!("slotaddr slot{}", sl.0),
        InstKind::SymAddr(n, o) => format!("symaddr {n}+{o}"),
        InstKind::FuncAddr(n) => format!("funcaddr {n}"),
        InstKind::Call { callee, args, .. } => match callee {
            Callee::Direct(n) => format!("call {n}({})", list(args)),
            Callee::Indirect(v) => format!("call_indirect {v}({})", list(args)),
        },
        InstKind::NilCheck(v) => format!("nilcheck {v}"),
        InstKind::BoundsCheck {
            kind,
            index,
            len,
            unsigned,
        } => format!(
            "boundscheck.{}{} {index}, {len}",
            format!("{kind:?}").to_lowercase(),
            if *unsigned { ".u" } else { "" }
        ),
        InstKind::DivCheck(v) => format!("divcheck {v}"),
        InstKind::Copy(d, s, n) => format!("copy {d}, {s}, {n}"),
        InstKind::Zero(d, n) => format!("zero {d}, {n}"),
        InstKind::ReturnAddr => "return_address".to_string(),
        InstKind::Poll => "poll".to_string(),
    }
}
