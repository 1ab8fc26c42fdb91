//! SSA construction for local variables while the builder emits code
//! (Braun et al., "Simple and Efficient Construction of Static Single
//! Assignment Form", 2013), with block parameters in place of phis.
//!
//! Every block parameter the builder creates is the merge of one
//! variable. Jumps are created without arguments; the arguments for a
//! block's parameters are appended to its predecessors' terminators when
//! the block is sealed (all its predecessors known) or, for a sealed
//! block, as soon as the parameter is created.

use std::collections::HashMap;

use crate::func::{Block, Func, InstKind, Term, Ty, Value};

/// One SSA variable: a scalar slot of a Go local.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Var(pub u32);

#[derive(Default)]
pub struct Ssa {
    var_ty: Vec<Ty>,
    defs: HashMap<(Var, Block), Value>,
    sealed: Vec<bool>,
    /// Per block: (predecessor, which edge of its terminator: 0 or 1).
    preds: Vec<Vec<(Block, u8)>>,
    /// Parameters of unsealed blocks waiting for their arguments.
    incomplete: HashMap<Block, Vec<(Var, Value)>>,
}

impl Ssa {
    pub fn new_var(&mut self, ty: Ty) -> Var {
        self.var_ty.push(ty);
        Var(self.var_ty.len() as u32 - 1)
    }

    /// Registers a new block (call for every block the function gets).
    pub fn add_block(&mut self, b: Block) {
        let i = b.0 as usize;
        if self.sealed.len() <= i {
            self.sealed.resize(i + 1, false);
            self.preds.resize(i + 1, Vec::new());
        }
    }

    /// Ends `from` with a terminator and records its edges.
    pub fn terminate(&mut self, f: &mut Func, from: Block, t: Term) {
        match &t {
            Term::Jump(to, _) => self.preds[to.0 as usize].push((from, 0)),
            Term::Branch(_, a, _, b, _) => {
                self.preds[a.0 as usize].push((from, 0));
                self.preds[b.0 as usize].push((from, 1));
            }
            _ => {}
        }
        f.set_term(from, t);
    }

    pub fn write(&mut self, v: Var, b: Block, val: Value) {
        self.defs.insert((v, b), val);
    }

    pub fn read(&mut self, f: &mut Func, v: Var, b: Block) -> Value {
        if let Some(&val) = self.defs.get(&(v, b)) {
            return val;
        }
        let ty = self.var_ty[v.0 as usize];
        let val = if !self.sealed[b.0 as usize] {
            let p = f.add_param(b, ty);
            self.incomplete.entry(b).or_default().push((v, p));
            p
        } else {
            match self.preds[b.0 as usize].len() {
                // Unreachable code, or a variable read before any
                // assignment (cannot happen in Go: locals start zeroed).
                0 => zero(f, b, ty),
                1 => {
                    let (p, _) = self.preds[b.0 as usize][0];
                    self.read(f, v, p)
                }
                _ => {
                    let p = f.add_param(b, ty);
                    self.write(v, b, p);
                    self.add_arguments(f, v, b);
                    p
                }
            }
        };
        self.write(v, b, val);
        val
    }

    /// Appends the value of `v` at the end of each predecessor of `b` to
    /// the predecessor's jump into `b`.
    fn add_arguments(&mut self, f: &mut Func, v: Var, b: Block) {
        let preds = self.preds[b.0 as usize].clone();
        for (p, edge) in preds {
            let val = self.read(f, v, p);
            let term = f.blocks[p.0 as usize].term.as_mut();
            match term {
                Some(Term::Jump(_, args)) => args.push(val),
                Some(Term::Branch(_, _, ta, _, ea)) => {
                    if edge == 0 {
                        ta.push(val)
                    } else {
                        ea.push(val)
                    }
                }
                _ => unreachable!("a predecessor ends in a jump or branch"),
            }
        }
    }

    /// Declares that `b` gets no more predecessors.
    pub fn seal(&mut self, f: &mut Func, b: Block) {
        if self.sealed[b.0 as usize] {
            return;
        }
        self.sealed[b.0 as usize] = true;
        if let Some(list) = self.incomplete.remove(&b) {
            for (v, _) in list {
                self.add_arguments(f, v, b);
            }
        }
    }

    pub fn has_preds(&self, b: Block) -> bool {
        !self.preds[b.0 as usize].is_empty()
    }
}

/// A zero of type `ty` at the end of `b`.
pub fn zero(f: &mut Func, b: Block, ty: Ty) -> Value {
    let k = if ty.is_float() {
        InstKind::Fconst(ty, 0.0)
    } else {
        InstKind::Iconst(ty, 0)
    };
    f.push(b, k, 0)[0]
}
