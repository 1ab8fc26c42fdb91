//! Optimization passes over built functions.
//!
//! `nil_checks`: an explicit nil check is dropped when the instructions
//! after it, before anything with an effect, load or store through the
//! same pointer at an offset below 4096: that access faults on nil, and
//! the runtime turns the fault into the same panic (with gc's fault
//! address). Duplicate checks of one pointer in a block go too.

use std::collections::{HashMap, HashSet};

use crate::func::{BinOp, Func, InstKind, Value, ValueDef};

/// The largest offset a faulting access may have (the guard page).
const GUARD: i64 = 4096;

pub fn run(f: &mut Func) {
    nil_checks(f);
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
    let mut consts: HashMap<Value, i64> = HashMap::new();
    for d in &f.insts {
        if let InstKind::Iconst(_, c) = d.kind {
            consts.insert(d.results[0], c);
        }
    }
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
                        if base == p && (0..GUARD).contains(&total) {
                            dead.insert(i.0);
                            break;
                        }
                        if matches!(f.insts[j.0 as usize].kind, InstKind::Store(..)) {
                            break;
                        }
                    }
                    InstKind::Call { .. }
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
