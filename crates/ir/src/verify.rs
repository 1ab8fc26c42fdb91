//! The IR verifier: every block reachable from the entry ends in a
//! terminator, jumps pass as many arguments of the right types as their
//! target has parameters, operands have the types their operations need,
//! and every use of a value is dominated by its definition. Run after
//! construction and after every pass (in debug builds and tests).

use crate::func::{Block, Func, InstKind, Term, Ty, Value, ValueDef};

/// Checks `f`; the first problem found, worded for a compiler developer.
pub fn verify(f: &Func) -> Result<(), String> {
    let err = |m: String| Err(format!("{}: {m}", f.name));
    let n = f.blocks.len();
    let idom = dominators(f);
    let reachable = |b: usize| b == 0 || idom[b].is_some();
    // Position of each instruction within its block, to order uses and
    // definitions in the same block.
    let mut inst_pos = vec![(u32::MAX, 0usize); f.insts.len()];
    for (bi, b) in f.blocks.iter().enumerate() {
        for (k, i) in b.insts.iter().enumerate() {
            inst_pos[i.0 as usize] = (bi as u32, k);
        }
    }
    let dominates = |a: usize, mut b: usize| -> bool {
        loop {
            if a == b {
                return true;
            }
            match idom[b] {
                Some(d) if d != b => b = d,
                _ => return false,
            }
        }
    };
    // Whether value `v` is available at position `k` of block `b`.
    let available = |v: Value, b: usize, k: usize| -> bool {
        let Some(d) = f.values.get(v.0 as usize) else {
            return false;
        };
        match d.def {
            ValueDef::Param(db, _) => dominates(db.0 as usize, b),
            ValueDef::Result(i, _) => {
                let (db, dk) = inst_pos[i.0 as usize];
                if db == u32::MAX {
                    return false;
                }
                if db as usize == b {
                    dk < k
                } else {
                    dominates(db as usize, b)
                }
            }
        }
    };
    for bi in 0..n {
        if !reachable(bi) {
            continue;
        }
        let b = &f.blocks[bi];
        for (k, &i) in b.insts.iter().enumerate() {
            let d = f.inst(i);
            for u in operands(&d.kind) {
                if !available(u, bi, k) {
                    return err(format!("b{bi}: {u} used before its definition"));
                }
            }
            if let Some(m) = type_error(f, &d.kind) {
                return err(format!("b{bi}: {m}"));
            }
        }
        let end = b.insts.len();
        let Some(term) = &b.term else {
            return err(format!("b{bi} has no terminator"));
        };
        let mut uses: Vec<Value> = Vec::new();
        match term {
            Term::Jump(_, args) => uses.extend(args),
            Term::Branch(c, _, ta, _, ea) => {
                if f.ty(*c) != Ty::I8 {
                    return err(format!("b{bi}: branch condition {c} is not i8"));
                }
                uses.push(*c);
                uses.extend(ta);
                uses.extend(ea);
            }
            Term::Return(vs) => {
                let tys: Vec<Ty> = vs.iter().map(|&v| f.ty(v)).collect();
                if tys != f.results {
                    return err(format!("b{bi}: returns {tys:?}, want {:?}", f.results));
                }
                uses.extend(vs);
            }
            Term::Unreachable => {}
        }
        for u in uses {
            if !available(u, bi, end) {
                return err(format!("b{bi}: {u} used before its definition"));
            }
        }
        for (t, args) in f.successors(Block(bi as u32)) {
            let params = &f.block(t).params;
            if params.len() != args.len() {
                return err(format!(
                    "b{bi} passes {} arguments to {t}, which has {} parameters",
                    args.len(),
                    params.len()
                ));
            }
            for (a, p) in args.iter().zip(params) {
                if f.ty(*a) != f.ty(*p) {
                    return err(format!("b{bi}: argument {a} to {t} has the wrong type"));
                }
            }
        }
    }
    Ok(())
}

/// The values an instruction reads.
pub fn operands(k: &InstKind) -> Vec<Value> {
    match k {
        InstKind::Iconst(..)
        | InstKind::Fconst(..)
        | InstKind::SlotAddr(_)
        | InstKind::SymAddr(..)
        | InstKind::FuncAddr(_)
        | InstKind::ReturnAddr
        | InstKind::Poll => Vec::new(),
        InstKind::Bin(_, a, b) | InstKind::Cmp(_, a, b) => vec![*a, *b],
        InstKind::Un(_, a)
        | InstKind::Conv(_, a, _)
        | InstKind::Load(_, a, _)
        | InstKind::NilCheck(a)
        | InstKind::DivCheck(a)
        | InstKind::Zero(a, _) => vec![*a],
        InstKind::Select(c, a, b) => vec![*c, *a, *b],
        InstKind::Store(a, v, _) | InstKind::Copy(a, v, _) => vec![*a, *v],
        InstKind::Call { callee, args, .. } => {
            let mut v = args.clone();
            if let crate::func::Callee::Indirect(c) = callee {
                v.push(*c);
            }
            v
        }
        InstKind::BoundsCheck { index, len, .. } => vec![*index, *len],
    }
}

fn type_error(f: &Func, k: &InstKind) -> Option<String> {
    use crate::func::BinOp::*;
    match k {
        InstKind::Bin(op, a, b) => {
            let (ta, tb) = (f.ty(*a), f.ty(*b));
            let float = matches!(op, FAdd | FSub | FMul | FDiv);
            let shift = matches!(op, Shl | SShr | UShr);
            if float != ta.is_float() || (!shift && ta != tb) || (shift && tb.is_float()) {
                return Some(format!("{op:?} of {ta} and {tb}"));
            }
        }
        InstKind::Cmp(op, a, b) => {
            let (ta, tb) = (f.ty(*a), f.ty(*b));
            let float = format!("{op:?}").starts_with('F');
            if ta != tb || float != ta.is_float() {
                return Some(format!("{op:?} of {ta} and {tb}"));
            }
        }
        InstKind::Load(_, a, _) | InstKind::Store(a, _, _) | InstKind::NilCheck(a)
            if f.ty(*a) != Ty::PTR =>
        {
            return Some(format!("address {a} is not a pointer"));
        }
        _ => {}
    }
    None
}

/// Immediate dominators (Cooper, Harvey and Kennedy's iterative
/// algorithm over reverse postorder); `None` for unreachable blocks and
/// `Some(0)` for the entry.
pub fn dominators(f: &Func) -> Vec<Option<usize>> {
    let n = f.blocks.len();
    let rpo = reverse_postorder(f);
    let mut order = vec![usize::MAX; n];
    for (i, &b) in rpo.iter().enumerate() {
        order[b] = i;
    }
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &b in &rpo {
        for (s, _) in f.successors(Block(b as u32)) {
            preds[s.0 as usize].push(b);
        }
    }
    let mut idom: Vec<Option<usize>> = vec![None; n];
    if n == 0 {
        return idom;
    }
    idom[0] = Some(0);
    let intersect = |idom: &Vec<Option<usize>>, mut a: usize, mut b: usize| {
        while a != b {
            while order[a] > order[b] {
                a = idom[a].unwrap_or(0);
            }
            while order[b] > order[a] {
                b = idom[b].unwrap_or(0);
            }
        }
        a
    };
    let mut changed = true;
    while changed {
        changed = false;
        for &b in rpo.iter().skip(1) {
            let mut new: Option<usize> = None;
            for &p in &preds[b] {
                if idom[p].is_none() {
                    continue;
                }
                new = Some(match new {
                    None => p,
                    Some(x) => intersect(&idom, p, x),
                });
            }
            if new.is_some() && idom[b] != new {
                idom[b] = new;
                changed = true;
            }
        }
    }
    idom
}

/// Blocks reachable from the entry, in reverse postorder.
pub fn reverse_postorder(f: &Func) -> Vec<usize> {
    let n = f.blocks.len();
    let mut seen = vec![false; n];
    let mut post = Vec::with_capacity(n);
    if n == 0 {
        return post;
    }
    // Iterative DFS: (block, next successor index).
    let mut stack: Vec<(usize, usize)> = vec![(0, 0)];
    seen[0] = true;
    while let Some(&mut (b, ref mut i)) = stack.last_mut() {
        let succs = f.successors(Block(b as u32));
        if *i < succs.len() {
            let s = succs[*i].0 .0 as usize;
            *i += 1;
            if !seen[s] {
                seen[s] = true;
                stack.push((s, 0));
            }
        } else {
            post.push(b);
            stack.pop();
        }
    }
    post.reverse();
    post
}
