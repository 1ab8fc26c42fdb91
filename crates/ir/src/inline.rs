//! Inlining of small leaf functions: a call of a function whose body is
//! one block of at most `MAX_INSTS` instructions without calls, stack
//! slots, memory accesses or checks that can panic is replaced by a copy of that body (gc inlines such functions
//! too). The copies take the call's source line.

use std::collections::HashMap;

use crate::func::{Callee, Func, InstKind, Module, Term, Value};

const MAX_INSTS: usize = 40;

fn inlinable(f: &Func) -> bool {
    f.blocks.len() == 1
        && f.slots.is_empty()
        && matches!(f.blocks[0].term, Some(Term::Return(_)))
        && f.blocks[0].insts.len() <= MAX_INSTS
        && f.blocks[0]
            .insts
            .iter()
            .all(|&i| pure(&f.insts[i.0 as usize].kind))
}

/// An instruction an inlined copy may hold: no calls, frame slots or
/// memory, and nothing that can panic (tracebacks would lose the inlined
/// frame; gc keeps it with inlining tables).
fn pure(k: &InstKind) -> bool {
    !matches!(
        k,
        InstKind::Call { .. }
            | InstKind::ReturnAddr
            | InstKind::Poll
            | InstKind::SlotAddr(_)
            | InstKind::NilCheck(_)
            | InstKind::BoundsCheck { .. }
            | InstKind::DivCheck(_)
            | InstKind::Load(..)
            | InstKind::Store(..)
            | InstKind::Copy(..)
            | InstKind::Zero(..)
    )
}

pub fn run(m: &mut Module) {
    run_leaf(m);
    run_multi(m);
}

fn run_leaf(m: &mut Module) {
    let cands: HashMap<String, Func> = m
        .funcs
        .iter()
        .filter(|f| inlinable(f))
        .map(|f| (f.name.clone(), f.clone()))
        .collect();
    if cands.is_empty() {
        return;
    }
    for f in &mut m.funcs {
        inline_calls(f, &cands);
    }
}

fn inline_calls(f: &mut Func, cands: &HashMap<String, Func>) {
    let mut rename: HashMap<Value, Value> = HashMap::new();
    let resolve = |rename: &HashMap<Value, Value>, mut v: Value| {
        while let Some(&n) = rename.get(&v) {
            v = n;
        }
        v
    };
    let mut changed = false;
    for b in 0..f.blocks.len() {
        let old = std::mem::take(&mut f.blocks[b].insts);
        let mut new = Vec::with_capacity(old.len());
        for i in old {
            let d = f.insts[i.0 as usize].clone();
            let InstKind::Call {
                callee: Callee::Direct(name),
                args,
                ..
            } = &d.kind
            else {
                new.push(i);
                continue;
            };
            let Some(c) = cands.get(name) else {
                new.push(i);
                continue;
            };
            if *name == f.name || c.params().len() != args.len() {
                new.push(i);
                continue;
            }
            changed = true;
            let mut map: HashMap<Value, Value> = HashMap::new();
            for (&p, &a) in c.params().iter().zip(args) {
                map.insert(p, resolve(&rename, a));
            }
            for &ci in &c.blocks[0].insts {
                let cd = &c.insts[ci.0 as usize];
                let kind = cd.kind.map_operands(&|v| map.get(&v).copied().unwrap_or(v));
                let res = f.push(crate::func::Block(b as u32), kind, d.line);
                for (&r, &nr) in cd.results.iter().zip(&res) {
                    map.insert(r, nr);
                }
                new.append(&mut f.blocks[b].insts);
            }
            if let Some(Term::Return(vals)) = &c.blocks[0].term {
                for (&r, v) in d.results.iter().zip(vals) {
                    rename.insert(r, map.get(v).copied().unwrap_or(*v));
                }
            }
        }
        f.blocks[b].insts = new;
    }
    if changed {
        f.replace_uses(&rename);
    }
}

/// Small pure functions of several blocks (loops included, as gc
/// inlines them): the call's block is split, the callee's blocks copied
/// in between, its returns jumping to the continuation with the results.
const MAX_BLOCKS: usize = 24;
const MAX_MULTI_INSTS: usize = 100;
/// Inlined calls per function at most (no blow-up).
const MAX_PER_FUNC: usize = 16;

fn pure_multi(f: &Func) -> bool {
    let n: usize = f.blocks.iter().map(|b| b.insts.len()).sum();
    f.blocks.len() > 1
        && f.blocks.len() <= MAX_BLOCKS
        && n <= MAX_MULTI_INSTS
        && f.slots.is_empty()
        && f.blocks.iter().all(|b| {
            b.insts.iter().all(|&i| pure(&f.insts[i.0 as usize].kind))
                && !matches!(b.term, Some(Term::Unreachable) | None)
        })
}

pub fn run_multi(m: &mut Module) {
    let cands: HashMap<String, Func> = m
        .funcs
        .iter()
        .filter(|f| pure_multi(f))
        .map(|f| (f.name.clone(), f.clone()))
        .collect();
    if cands.is_empty() {
        return;
    }
    for f in &mut m.funcs {
        let mut done = 0;
        while done < MAX_PER_FUNC && inline_one_multi(f, &cands) {
            done += 1;
        }
    }
}

/// Inlines the first call of a candidate in `f`; whether there was one.
fn inline_one_multi(f: &mut Func, cands: &HashMap<String, Func>) -> bool {
    use crate::func::Block;
    let mut site = None;
    'find: for b in 0..f.blocks.len() {
        for (k, &i) in f.blocks[b].insts.iter().enumerate() {
            if let InstKind::Call {
                callee: Callee::Direct(name),
                args,
                ..
            } = &f.insts[i.0 as usize].kind
            {
                if let Some(c) = cands.get(name) {
                    if *name != f.name && c.params().len() == args.len() {
                        site = Some((b, k, i));
                        break 'find;
                    }
                }
            }
        }
    }
    let Some((b, k, call)) = site else {
        return false;
    };
    let d = f.insts[call.0 as usize].clone();
    let InstKind::Call {
        callee: Callee::Direct(name),
        args,
        ..
    } = &d.kind
    else {
        unreachable!()
    };
    let c = &cands[name];
    let line = d.line;
    // The continuation: the rest of the block, taking the results.
    let cont = f.new_block();
    let rest: Vec<_> = f.blocks[b].insts.split_off(k + 1);
    f.blocks[b].insts.pop(); // the call
    f.blocks[cont.0 as usize].insts = rest;
    f.blocks[cont.0 as usize].term = f.blocks[b].term.take();
    let mut rename: HashMap<Value, Value> = HashMap::new();
    for &r in &d.results {
        let ty = f.ty(r);
        let p = f.add_param(cont, ty);
        rename.insert(r, p);
    }
    // The callee's blocks.
    let blocks: Vec<Block> = (0..c.blocks.len()).map(|_| f.new_block()).collect();
    let mut map: HashMap<Value, Value> = HashMap::new();
    for (&p, &a) in c.params().iter().zip(args) {
        map.insert(p, a);
    }
    for (cb, data) in c.blocks.iter().enumerate().skip(1) {
        for &p in &data.params {
            let np = f.add_param(blocks[cb], c.ty(p));
            map.insert(p, np);
        }
    }
    for (cb, data) in c.blocks.iter().enumerate() {
        for &ci in &data.insts {
            let cd = &c.insts[ci.0 as usize];
            let kind = cd.kind.map_operands(&|v| map.get(&v).copied().unwrap_or(v));
            let res = f.push(blocks[cb], kind, line);
            for (&r, &nr) in cd.results.iter().zip(&res) {
                map.insert(r, nr);
            }
        }
    }
    let get = |map: &HashMap<Value, Value>, v: Value| map.get(&v).copied().unwrap_or(v);
    for (cb, data) in c.blocks.iter().enumerate() {
        let t = match data.term.clone().expect("verified") {
            Term::Jump(t, a) => Term::Jump(
                blocks[t.0 as usize],
                a.iter().map(|&v| get(&map, v)).collect(),
            ),
            Term::Branch(cv, t, ta, e, ea) => Term::Branch(
                get(&map, cv),
                blocks[t.0 as usize],
                ta.iter().map(|&v| get(&map, v)).collect(),
                blocks[e.0 as usize],
                ea.iter().map(|&v| get(&map, v)).collect(),
            ),
            Term::Return(vals) => Term::Jump(cont, vals.iter().map(|&v| get(&map, v)).collect()),
            Term::Unreachable => Term::Unreachable,
        };
        f.blocks[blocks[cb].0 as usize].term = Some(t);
    }
    f.blocks[b].term = Some(Term::Jump(blocks[0], vec![]));
    // Uses of the call's results are the continuation's parameters.
    f.replace_uses(&rename);
    true
}
