//! Optimization passes over built functions, run in `PASSES` order:
//! copy propagation (trivial block parameters), constant folding (and
//! the checks constants decide), bounds-check elimination in counted
//! loops, nil-check elimination, dead code elimination.
//!
//! `nil_checks`: an explicit nil check is dropped when the instructions
//! after it, before anything with an effect, load or store through the
//! same pointer at an offset below 4096: that access faults on nil, and
//! the runtime turns the fault into the same panic (with gc's fault
//! address). Duplicate checks of one pointer in a block go too.

use std::collections::{HashMap, HashSet};

use crate::func::{BinOp, CmpOp, ConvOp, Func, InstKind, Term, Value, ValueDef};

/// The largest offset a faulting access may have (the guard page).
const GUARD: i64 = 4096;

pub fn run(f: &mut Func) {
    for (_, pass) in PASSES {
        pass(f);
    }
}

/// Every integer constant of `f`, by value.
fn int_consts(f: &Func) -> HashMap<Value, i64> {
    let mut consts = HashMap::new();
    for d in &f.insts {
        if let InstKind::Iconst(_, c) = d.kind {
            consts.insert(d.results[0], c);
        }
    }
    consts
}

/// What a value is, when it is `base + small constant`.
fn based(f: &Func, consts: &HashMap<Value, i64>, v: Value) -> (Value, i64) {
    if let ValueDef::Result(i, 0) = f.values[v.0 as usize].def {
        if let InstKind::Bin(BinOp::Add, a, b) = f.insts[i.0 as usize].kind {
            if let Some(&c) = consts.get(&b) {
                return (a, c);
            }
            if let Some(&c) = consts.get(&a) {
                return (b, c);
            }
        }
    }
    (v, 0)
}

pub fn nil_checks(f: &mut Func) {
    let consts = int_consts(f);
    let mut dead: HashSet<u32> = HashSet::new();
    for b in 0..f.blocks.len() {
        let insts = f.blocks[b].insts.clone();
        let mut checked: HashSet<Value> = HashSet::new();
        for (k, &i) in insts.iter().enumerate() {
            let InstKind::NilCheck(p) = f.insts[i.0 as usize].kind else {
                if matches!(f.insts[i.0 as usize].kind, InstKind::Call { .. }) {
                    // Keep facts: a checked pointer stays non-nil.
                }
                continue;
            };
            if !checked.insert(p) {
                dead.insert(i.0);
                continue;
            }
            for &j in &insts[k + 1..] {
                match &f.insts[j.0 as usize].kind {
                    InstKind::Load(_, a, off) | InstKind::Store(a, _, off) => {
                        let (base, c) = based(f, &consts, *a);
                        let total = c + *off as i64;
                        // A constant nil pointer folded into a constant
                        // address faults there too.
                        let nil_const = consts.get(&p) == Some(&0)
                            && consts
                                .get(&base)
                                .is_some_and(|&b| (0..GUARD).contains(&(b + total)));
                        if nil_const || (base == p && (0..GUARD).contains(&total)) {
                            dead.insert(i.0);
                            break;
                        }
                        if matches!(f.insts[j.0 as usize].kind, InstKind::Store(..)) {
                            break;
                        }
                    }
                    InstKind::Call { .. }
                    | InstKind::Poll
                    | InstKind::Copy(..)
                    | InstKind::Zero(..)
                    | InstKind::NilCheck(_)
                    | InstKind::BoundsCheck { .. }
                    | InstKind::DivCheck(_) => break,
                    _ => {}
                }
            }
        }
    }
    if dead.is_empty() {
        return;
    }
    for b in &mut f.blocks {
        b.insts.retain(|i| !dead.contains(&i.0));
    }
}

/// A pass over one function.
pub type Pass = fn(&mut Func);

/// The passes in order, with their names (for `rgo tool ir`'s dumps).
pub const PASSES: &[(&str, Pass)] = &[
    ("copyprop", copy_prop),
    ("constfold", const_fold),
    ("bce", bounds_checks),
    ("nilcheck", nil_checks),
    ("dce", dce),
];

/// The incoming edges of every block: (predecessor, which edge of its
/// terminator).
fn preds(f: &Func) -> Vec<Vec<(usize, usize)>> {
    let mut p = vec![Vec::new(); f.blocks.len()];
    for (b, d) in f.blocks.iter().enumerate() {
        match &d.term {
            Some(Term::Jump(t, _)) => p[t.0 as usize].push((b, 0)),
            Some(Term::Branch(_, t, _, e, _)) => {
                p[t.0 as usize].push((b, 0));
                p[e.0 as usize].push((b, 1));
            }
            _ => {}
        }
    }
    p
}

/// The `k`th argument `b`'s terminator passes along edge `edge`.
fn edge_arg(f: &Func, b: usize, edge: usize, k: usize) -> Option<Value> {
    match &f.blocks[b].term {
        Some(Term::Jump(_, a)) => a.get(k).copied(),
        Some(Term::Branch(_, _, a1, _, a2)) => (if edge == 0 { a1 } else { a2 }).get(k).copied(),
        _ => None,
    }
}

fn edge_args(f: &mut Func, b: usize, edge: usize) -> Option<&mut Vec<Value>> {
    match &mut f.blocks[b].term {
        Some(Term::Jump(_, a)) => Some(a),
        Some(Term::Branch(_, _, a1, _, a2)) => Some(if edge == 0 { a1 } else { a2 }),
        _ => None,
    }
}

/// Copy propagation: a block parameter every edge passes the same value
/// (or itself) is that value; it and its arguments are removed.
pub fn copy_prop(f: &mut Func) {
    loop {
        let p = preds(f);
        let mut rename: HashMap<Value, Value> = HashMap::new();
        let mut drop: Vec<(usize, usize)> = Vec::new();
        for (b, incoming) in p.iter().enumerate().skip(1) {
            if incoming.is_empty() {
                continue;
            }
            for (k, &param) in f.blocks[b].params.iter().enumerate() {
                let mut same: Option<Value> = None;
                let mut trivial = true;
                for &(pb, edge) in incoming {
                    let a = edge_arg(f, pb, edge, k).expect("an edge passes every parameter");
                    if a == param || Some(a) == same {
                        continue;
                    }
                    if same.is_some() {
                        trivial = false;
                        break;
                    }
                    same = Some(a);
                }
                if let (true, Some(v)) = (trivial, same) {
                    rename.insert(param, v);
                    drop.push((b, k));
                }
            }
        }
        if drop.is_empty() {
            return;
        }
        // Remove from the highest index down so indices stay right.
        drop.sort_by(|a, b| b.cmp(a));
        for &(b, k) in &drop {
            f.blocks[b].params.remove(k);
            for &(pb, edge) in &p[b] {
                if let Some(args) = edge_args(f, pb, edge) {
                    args.remove(k);
                }
            }
        }
        f.replace_uses(&rename);
    }
}

fn iconst_of(f: &Func, v: Value) -> Option<i64> {
    if let ValueDef::Result(i, 0) = f.values[v.0 as usize].def {
        if let InstKind::Iconst(_, c) = f.insts[i.0 as usize].kind {
            return Some(c);
        }
    }
    None
}

/// `c` as a value of `bits` bits (sign-extended back to i64).
fn wrap(c: i64, bits: u32) -> i64 {
    if bits >= 64 {
        c
    } else {
        (c << (64 - bits)) >> (64 - bits)
    }
}

/// Constant folding of integer arithmetic, comparisons and conversions
/// with constant operands (Go's wrap-around and shift rules), and of the
/// checks constants make unneeded.
pub fn const_fold(f: &mut Func) {
    let mut dead: HashSet<u32> = HashSet::new();
    for i in 0..f.insts.len() {
        let kind = f.insts[i].kind.clone();
        let folded: Option<i64> = match kind {
            InstKind::Bin(op, a, b) => {
                let ty = f.ty(a);
                if ty.is_float() {
                    None
                } else if let (Some(x), Some(y)) = (iconst_of(f, a), iconst_of(f, b)) {
                    let bits = ty.bits();
                    let ux = (x as u64) & mask(bits);
                    let uy = (y as u64) & mask(bits);
                    let r = match op {
                        BinOp::Add => Some(x.wrapping_add(y)),
                        BinOp::Sub => Some(x.wrapping_sub(y)),
                        BinOp::Mul => Some(x.wrapping_mul(y)),
                        BinOp::And => Some(x & y),
                        BinOp::Or => Some(x | y),
                        BinOp::Xor => Some(x ^ y),
                        BinOp::AndNot => Some(x & !y),
                        BinOp::Shl => Some(if uy >= bits as u64 { 0 } else { x << uy }),
                        BinOp::UShr => Some(if uy >= bits as u64 {
                            0
                        } else {
                            (ux >> uy) as i64
                        }),
                        BinOp::SShr => {
                            let sx = wrap(x, bits);
                            Some(if uy >= bits as u64 {
                                sx >> 63
                            } else {
                                sx >> uy
                            })
                        }
                        BinOp::SDiv if y != 0 => Some(wrap(x, bits).wrapping_div(wrap(y, bits))),
                        BinOp::SRem if y != 0 => Some(wrap(x, bits).wrapping_rem(wrap(y, bits))),
                        BinOp::UDiv if uy != 0 => Some((ux / uy) as i64),
                        BinOp::URem if uy != 0 => Some((ux % uy) as i64),
                        _ => None,
                    };
                    r.map(|r| wrap(r, bits))
                } else {
                    None
                }
            }
            InstKind::Cmp(op, a, b) if !f.ty(a).is_float() => {
                match (iconst_of(f, a), iconst_of(f, b)) {
                    (Some(x), Some(y)) => {
                        let bits = f.ty(a).bits();
                        let (sx, sy) = (wrap(x, bits), wrap(y, bits));
                        let (ux, uy) = ((x as u64) & mask(bits), (y as u64) & mask(bits));
                        let r = match op {
                            CmpOp::Eq => ux == uy,
                            CmpOp::Ne => ux != uy,
                            CmpOp::SLt => sx < sy,
                            CmpOp::SLe => sx <= sy,
                            CmpOp::SGt => sx > sy,
                            CmpOp::SGe => sx >= sy,
                            CmpOp::ULt => ux < uy,
                            CmpOp::ULe => ux <= uy,
                            CmpOp::UGt => ux > uy,
                            CmpOp::UGe => ux >= uy,
                            _ => continue,
                        };
                        Some(r as i64)
                    }
                    _ => None,
                }
            }
            InstKind::Conv(op, a, to) if !to.is_float() && !f.ty(a).is_float() => iconst_of(f, a)
                .and_then(|x| {
                    let from = f.ty(a).bits();
                    match op {
                        ConvOp::SExt => Some(wrap(x, from)),
                        ConvOp::ZExt => Some(((x as u64) & mask(from)) as i64),
                        ConvOp::Trunc => Some(wrap(x, to.bits())),
                        _ => None,
                    }
                }),
            InstKind::DivCheck(v) => {
                if iconst_of(f, v).is_some_and(|c| c != 0) {
                    dead.insert(i as u32);
                }
                None
            }
            InstKind::BoundsCheck {
                kind, index, len, ..
            } => {
                if let (Some(x), Some(l)) = (iconst_of(f, index), iconst_of(f, len)) {
                    let ok = if kind == crate::func::BoundsKind::Index {
                        (x as u64) < (l as u64)
                    } else {
                        (x as u64) <= (l as u64)
                    };
                    if ok {
                        dead.insert(i as u32);
                    }
                }
                None
            }
            InstKind::NilCheck(p) => {
                // Addresses of symbols and stack slots are never nil.
                if let ValueDef::Result(d, _) = f.values[p.0 as usize].def {
                    if matches!(
                        f.insts[d.0 as usize].kind,
                        InstKind::SymAddr(..) | InstKind::SlotAddr(_)
                    ) {
                        dead.insert(i as u32);
                    }
                }
                None
            }
            _ => None,
        };
        if let Some(c) = folded {
            let ty = f.values[f.insts[i].results[0].0 as usize].ty;
            f.insts[i].kind = InstKind::Iconst(ty, wrap(c, ty.bits()));
        }
    }
    if !dead.is_empty() {
        for b in &mut f.blocks {
            b.insts.retain(|i| !dead.contains(&i.0));
        }
    }
    // Branches on constants become jumps.
    for b in 0..f.blocks.len() {
        if let Some(Term::Branch(c, t, ta, e, ea)) = f.blocks[b].term.clone() {
            if let Some(k) = iconst_of(f, c) {
                f.blocks[b].term = Some(if k & 0xff != 0 {
                    Term::Jump(t, ta)
                } else {
                    Term::Jump(e, ea)
                });
            }
        }
    }
}

fn mask(bits: u32) -> u64 {
    if bits >= 64 {
        u64::MAX
    } else {
        (1u64 << bits) - 1
    }
}

/// Dead code elimination: instructions without effects whose results
/// nothing uses, and the bodies of unreachable blocks. Loads stay (one
/// may be the nil check of its pointer).
pub fn dce(f: &mut Func) {
    // Unreachable blocks: emptied (their arguments to others vanish with
    // their terminators).
    let rpo = crate::verify::reverse_postorder(f);
    let mut reachable = vec![false; f.blocks.len()];
    for &b in &rpo {
        reachable[b] = true;
    }
    let unreachable: Vec<usize> = (0..f.blocks.len()).filter(|&b| !reachable[b]).collect();
    for b in unreachable {
        f.blocks[b].insts.clear();
        f.blocks[b].term = Some(Term::Unreachable);
    }
    loop {
        let mut used: HashSet<Value> = HashSet::new();
        for b in &f.blocks {
            for &i in &b.insts {
                used.extend(crate::verify::operands(&f.insts[i.0 as usize].kind));
            }
            match &b.term {
                Some(Term::Jump(_, a)) | Some(Term::Return(a)) => used.extend(a.iter().copied()),
                Some(Term::Branch(c, _, a1, _, a2)) => {
                    used.insert(*c);
                    used.extend(a1.iter().copied());
                    used.extend(a2.iter().copied());
                }
                _ => {}
            }
        }
        let mut removed = false;
        for b in 0..f.blocks.len() {
            let before = f.blocks[b].insts.len();
            let insts = &f.insts;
            f.blocks[b].insts.retain(|&i| {
                let d = &insts[i.0 as usize];
                let pure = matches!(
                    d.kind,
                    InstKind::Iconst(..)
                        | InstKind::Fconst(..)
                        | InstKind::Bin(..)
                        | InstKind::Un(..)
                        | InstKind::Cmp(..)
                        | InstKind::Conv(..)
                        | InstKind::Select(..)
                        | InstKind::SlotAddr(_)
                        | InstKind::SymAddr(..)
                        | InstKind::FuncAddr(_)
                        | InstKind::ReturnAddr
                );
                !(pure && d.results.iter().all(|r| !used.contains(r)))
            });
            removed |= f.blocks[b].insts.len() != before;
        }
        if !removed {
            return;
        }
    }
}

/// Bounds checks a loop condition proves: `x[i]` inside `for i < len`
/// where `i` is a loop counter starting at a non-negative constant and
/// stepping up by a positive constant, and `len` is the length checked.
pub fn bounds_checks(f: &mut Func) {
    let idom = crate::verify::dominators(f);
    // The condition guarding each block: (i, len) when the block is
    // entered only through the true edge of `br (i <s len)`.
    let p = preds(f);
    let mut guard: HashMap<usize, (Value, Value)> = HashMap::new();
    for (b, d) in f.blocks.iter().enumerate() {
        if let Some(Term::Branch(c, t, _, _, _)) = &d.term {
            let t = t.0 as usize;
            if p[t].len() != 1 {
                continue;
            }
            if let ValueDef::Result(ci, _) = f.values[c.0 as usize].def {
                if let InstKind::Cmp(CmpOp::SLt, i, l) = f.insts[ci.0 as usize].kind {
                    let _ = b;
                    guard.insert(t, (i, l));
                }
            }
        }
    }
    let consts = int_consts(f);
    // Non-negative counters: block parameters whose every incoming value
    // is a non-negative constant or the parameter plus a positive
    // constant.
    // (To a fixpoint: a counter may start at another counter plus a
    // constant, as `for j := i + 1; ...`.)
    let mut counter: HashSet<Value> = HashSet::new();
    loop {
        let before = counter.len();
        for (b, d) in f.blocks.iter().enumerate() {
            for (k, &param) in d.params.iter().enumerate() {
                if b == 0 || p[b].is_empty() || counter.contains(&param) {
                    continue;
                }
                let ok = p[b].iter().all(|&(pb, edge)| {
                    let Some(a) = edge_arg(f, pb, edge, k) else {
                        return false;
                    };
                    if consts.get(&a).is_some_and(|&c| c >= 0) {
                        return true;
                    }
                    let (base, c) = based(f, &consts, a);
                    (base == param && c > 0) || (counter.contains(&base) && c >= 0)
                });
                if ok {
                    counter.insert(param);
                }
            }
        }
        if counter.len() == before {
            break;
        }
    }
    let mut dead: HashSet<u32> = HashSet::new();
    for (b, d) in f.blocks.iter().enumerate() {
        for &i in &d.insts {
            let InstKind::BoundsCheck {
                kind: crate::func::BoundsKind::Index,
                index,
                len,
                ..
            } = f.insts[i.0 as usize].kind
            else {
                continue;
            };
            if !counter.contains(&index) {
                continue;
            }
            // A dominating block guarded by `index < len`.
            let mut x = b;
            loop {
                if guard.get(&x) == Some(&(index, len)) {
                    dead.insert(i.0);
                    break;
                }
                match idom[x] {
                    Some(up) if up != x => x = up,
                    _ => break,
                }
            }
        }
    }
    if !dead.is_empty() {
        for b in &mut f.blocks {
            b.insts.retain(|i| !dead.contains(&i.0));
        }
    }
}
