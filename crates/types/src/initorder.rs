//! The order in which package-level variables are initialized (the spec's
//! "Package initialization", types2's initOrder), and initialization
//! cycles.
//!
//! Input: every package-level constant, variable and function with the
//! package-level objects its declaration refers to. Functions are folded
//! away (a variable that calls `f` depends on what `f` refers to); then
//! variables are emitted repeatedly picking, among those whose
//! dependencies are all initialized, the earliest in source order
//! (constants first). A node that is picked with dependencies still
//! outstanding is on a cycle.

use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    Const,
    Var,
    Func,
}

/// A package-level object and what its declaration refers to.
#[derive(Clone, Debug)]
pub struct DepNode {
    pub kind: NodeKind,
    /// Indices of the nodes it depends on.
    pub deps: Vec<usize>,
    /// For variables: the initializer it shares with others
    /// (`var a, b = f()`), so one initializer is emitted once; `None`
    /// when the variable has no initializer.
    pub init: Option<usize>,
}

/// The variables' initializers in initialization order (each the node of
/// one variable it initializes; the initializer id is `nodes[i].init`),
/// and the cycles found (each a path of node indices, reported by
/// `cycle_message`).
pub fn init_order(nodes: &[DepNode]) -> (Vec<usize>, Vec<Vec<usize>>) {
    let n = nodes.len();
    let mut succ: Vec<BTreeSet<usize>> = nodes
        .iter()
        .map(|d| d.deps.iter().copied().collect())
        .collect();
    let mut pred: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
    for (i, s) in succ.iter().enumerate() {
        for &d in s {
            pred[d].insert(i);
        }
    }
    // Fold functions away, cheapest first (fewest edges created).
    let mut funcs: Vec<usize> = (0..n)
        .filter(|&i| nodes[i].kind == NodeKind::Func)
        .collect();
    funcs.sort_by_key(|&f| (pred[f].len() * succ[f].len(), f));
    for f in funcs {
        let ps: Vec<usize> = pred[f].iter().copied().filter(|&p| p != f).collect();
        let ss: Vec<usize> = succ[f].iter().copied().filter(|&s| s != f).collect();
        for &p in &ps {
            for &s in &ss {
                succ[p].insert(s);
                pred[s].insert(p);
            }
            succ[p].remove(&f);
        }
        for &s in &succ[f].clone() {
            pred[s].remove(&f);
        }
    }
    let live: Vec<usize> = (0..n)
        .filter(|&i| nodes[i].kind != NodeKind::Func)
        .collect();
    let mut ndeps: Vec<usize> = succ.iter().map(BTreeSet::len).collect();
    // Priority: constants first, then fewest outstanding dependencies,
    // then source order. Entries go stale when ndeps drops; they are
    // skipped when popped.
    // (not a constant, outstanding dependencies, source order)
    type Priority = Reverse<(bool, usize, usize)>;
    let key =
        |i: usize, nd: usize| -> Priority { Reverse((nodes[i].kind != NodeKind::Const, nd, i)) };
    let mut heap: BinaryHeap<(Priority, usize)> =
        live.iter().map(|&i| (key(i, ndeps[i]), i)).collect();
    let mut done = vec![false; n];
    let mut order = Vec::new();
    let mut emitted = BTreeSet::new();
    let mut cycles = Vec::new();
    while let Some((Reverse((_, nd, _)), i)) = heap.pop() {
        if done[i] || nd != ndeps[i] {
            continue;
        }
        done[i] = true;
        if ndeps[i] > 0 {
            if let Some(cycle) = find_path(nodes, i, i, &mut vec![false; n]) {
                cycles.push(cycle);
            }
        }
        for &p in &pred[i] {
            if !done[p] && nodes[p].kind != NodeKind::Func {
                ndeps[p] = ndeps[p].saturating_sub(1);
                heap.push((key(p, ndeps[p]), p));
            }
        }
        if nodes[i].kind == NodeKind::Var {
            if let Some(init) = nodes[i].init {
                if emitted.insert(init) {
                    order.push(i);
                }
            }
        }
    }
    (order, cycles)
}

/// A path of dependencies from `from` back to `to`, in the original graph
/// (functions included), trying dependencies in source order. The path is
/// returned last step first, as types2 builds it.
fn find_path(
    nodes: &[DepNode],
    from: usize,
    to: usize,
    seen: &mut Vec<bool>,
) -> Option<Vec<usize>> {
    if seen[from] {
        return None;
    }
    seen[from] = true;
    let mut deps = nodes[from].deps.clone();
    deps.sort_unstable();
    deps.dedup();
    for d in deps {
        if d == to {
            return Some(vec![d]);
        }
        if let Some(mut p) = find_path(nodes, d, to, seen) {
            p.push(d);
            return Some(p);
        }
    }
    None
}

/// The lines of types2's report of a cycle: the main message, then one
/// "x refers to y" line per step, each at the referring object. `name`
/// gives a node's name.
pub fn cycle_message(
    cycle: &[usize],
    name: impl Fn(usize) -> String,
) -> (usize, String, Vec<(usize, String)>) {
    let first = cycle[0];
    if cycle.len() == 1 {
        return (
            first,
            format!("initialization cycle: {} refers to itself", name(first)),
            Vec::new(),
        );
    }
    let mut steps = Vec::new();
    let mut obj = first;
    for &next in cycle.iter().rev() {
        steps.push((obj, format!("{} refers to {}", name(obj), name(next))));
        obj = next;
    }
    (
        first,
        format!("initialization cycle for {}", name(first)),
        steps,
    )
}

use crate::arena::Store;

impl crate::check::Checker<'_, '_> {
    /// Computes the package's initialization order into `info.init_order`
    /// and reports initialization cycles (types2's initOrder), from the
    /// dependencies the declaration pass recorded.
    pub(crate) fn init_order(&mut self) {
        use crate::check::DeclKind;
        use crate::info::{ExprKey, Initializer};
        use crate::object::ObjKind;
        use std::collections::HashMap;

        let objs = self.objects.clone();
        let index: HashMap<crate::arena::ObjId, usize> =
            objs.iter().enumerate().map(|(i, &o)| (o, i)).collect();
        let mut nodes = Vec::with_capacity(objs.len());
        let mut inits: Vec<Option<(Vec<crate::arena::ObjId>, ExprKey)>> = vec![None; objs.len()];
        for (i, &o) in objs.iter().enumerate() {
            let kind = match self.store.arena.objects[o.index as usize].kind {
                ObjKind::Const(_) => NodeKind::Const,
                ObjKind::Var { .. } => NodeKind::Var,
                _ => NodeKind::Func,
            };
            // Variables sharing one initializer (`var a, b = f()`) share
            // its dependencies, whichever of them it was checked for.
            let sharing = match self.decls.get(&o).map(|d| &d.kind) {
                Some(DeclKind::Var { lhs: Some(lhs), .. }) => lhs.clone(),
                _ => vec![o],
            };
            let mut deps: Vec<usize> = sharing
                .iter()
                .filter_map(|v| self.deps.get(v))
                .flat_map(|d| d.iter().filter_map(|x| index.get(x).copied()))
                .collect();
            deps.sort_unstable();
            deps.dedup();
            let mut init = None;
            if let Some(d) = self.decls.get(&o) {
                if let DeclKind::Var {
                    init: Some(e), lhs, ..
                } = &d.kind
                {
                    let key = ExprKey {
                        file: d.file,
                        id: e.id,
                    };
                    let lhs = lhs.clone().unwrap_or_else(|| vec![o]);
                    let first = index.get(&lhs[0]).copied().unwrap_or(i);
                    init = Some(first);
                    inits[i] = Some((lhs, key));
                }
            }
            nodes.push(DepNode { kind, deps, init });
        }
        let (order, cycles) = init_order(&nodes);
        for i in order {
            if let Some((lhs, rhs)) = inits[i].take() {
                // Blank variables are initialized but not recorded as lhs.
                self.info.init_order.push(Initializer { lhs, rhs });
            }
        }
        for cycle in cycles {
            let name = |n: usize| {
                self.store.arena.objects[objs[n].index as usize]
                    .name
                    .to_string()
            };
            let (first, msg, steps) = cycle_message(&cycle, name);
            let mut e = crate::errors::TypeError::new(self.store.obj(objs[first]).pos, msg);
            for (n, step) in steps {
                e = e.with(self.store.obj(objs[n]).pos, step);
            }
            self.error(e);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn var(deps: &[usize], init: usize) -> DepNode {
        DepNode {
            kind: NodeKind::Var,
            deps: deps.to_vec(),
            init: Some(init),
        }
    }

    #[test]
    fn dependencies_first_then_source_order() {
        // var a = b + c; var b = f(); var c = 1; func f() int { return c }
        let nodes = vec![
            var(&[1, 2], 0),
            var(&[3], 1),
            var(&[], 2),
            DepNode {
                kind: NodeKind::Func,
                deps: vec![2],
                init: None,
            },
        ];
        let (order, cycles) = init_order(&nodes);
        assert_eq!(order, vec![2, 1, 0]);
        assert!(cycles.is_empty());
    }

    #[test]
    fn shared_initializer_is_emitted_once() {
        // var x, y = f(); var z = y
        let nodes = vec![var(&[], 7), var(&[], 7), var(&[1], 8)];
        let (order, _) = init_order(&nodes);
        assert_eq!(order, vec![0, 2]);
    }

    #[test]
    fn cycles_through_functions_are_reported_like_types2() {
        // var x = f(); func f() int { return x }
        let nodes = vec![
            var(&[1], 0),
            DepNode {
                kind: NodeKind::Func,
                deps: vec![0],
                init: None,
            },
        ];
        let (_, cycles) = init_order(&nodes);
        assert_eq!(cycles.len(), 1);
        let names = ["x", "f"];
        let (at, msg, steps) = cycle_message(&cycles[0], |i| names[i].to_string());
        assert_eq!(at, 0);
        assert_eq!(msg, "initialization cycle for x");
        let steps: Vec<(usize, String)> = steps;
        assert_eq!(
            steps,
            vec![
                (0, "x refers to f".to_string()),
                (1, "f refers to x".to_string())
            ]
        );
        // var y = y
        let (_, cycles) = init_order(&[var(&[0], 0)]);
        let (_, msg, _) = cycle_message(&cycles[0], |_| "y".into());
        assert_eq!(msg, "initialization cycle: y refers to itself");
    }

    /// Variables initialized by one multi-value expression share its
    /// dependencies: the cycle is found from the second one too.
    #[test]
    fn shared_initializer_dependencies() {
        let src = r#"package p

var x6, x7 = f2()
var x8 = x7

func f2() (int, int) { return f3() + f3(), 0 }
func f3() int        { return x8 }
"#;
        assert_eq!(
            crate::testutil::check_source(src),
            ["a.go:3:9: initialization cycle for x7\n\ta.go:3:9: x7 refers to f2\n\ta.go:6:6: f2 refers to f3\n\ta.go:7:6: f3 refers to x8\n\ta.go:4:5: x8 refers to x7"]
        );
    }
}
