//! Label and branch rules of a function body, checked where gc checks
//! them: in the syntax stage, for each body that parsed without errors.
//! Undefined, duplicate and unused labels; `break`/`continue` outside
//! loops or to the wrong statement; `goto` into a block or over a variable
//! declaration; misplaced `fallthrough`. Messages are gc's.

use std::collections::HashMap;

use crate::ast::{Block, Expr, ExprKind, Name, Stmt, StmtKind, Symbol};
use crate::pos::{Pos, SourceFile};
use crate::token::Token;
use crate::Error;

/// Checks one function body, appending errors.
pub(crate) fn check_branches(body: &Block, source: &SourceFile, errors: &mut Vec<Error>) {
    let mut ls = LabelScope {
        source,
        labels: HashMap::new(),
        blocks: Vec::new(),
        errors: Vec::new(),
    };
    let fwd = ls.block_branches(None, Targets::default(), None, body.pos, &body.stmts);
    // Forward gotos left over found no label they may jump to.
    for g in fwd {
        let (_, label) = branch(g);
        let label = label.expect("goto has a label");
        match ls.labels.get_mut(&label.value) {
            Some(l) => {
                l.used = true; // avoid "defined and not used"
                let start = ls.blocks[l.parent].start;
                let at = ls.pos_string(start);
                ls.errf(
                    label.pos,
                    format!("goto {} jumps into block starting at {at}", label.value),
                );
            }
            None => ls.errf(label.pos, format!("label {} not defined", label.value)),
        }
    }
    let mut unused: Vec<Name> = ls
        .labels
        .values()
        .filter(|l| !l.used)
        .map(|l| l.name)
        .collect();
    unused.sort_by_key(|n| n.pos);
    for n in unused {
        ls.errf(n.pos, format!("label {} defined and not used", n.value));
    }
    errors.append(&mut ls.errors);
}

struct Label<'a> {
    /// Index of the block declaring the label.
    parent: usize,
    /// The labeled statement.
    lstmt: &'a Stmt,
    name: Name,
    used: bool,
}

struct BlockInfo<'a> {
    parent: Option<usize>,
    start: Pos,
    /// The labeled statement this block belongs to, if any.
    lstmt: Option<&'a Stmt>,
}

/// What unlabeled `break` and `continue` refer to here.
#[derive(Clone, Copy, Default)]
struct Targets<'a> {
    /// The innermost for, switch or select.
    breaks: Option<&'a Stmt>,
    /// The innermost for.
    continues: Option<&'a Stmt>,
    /// Index of the clause in the immediately enclosing switch, if any.
    case_index: Option<usize>,
}

struct LabelScope<'a, 's> {
    source: &'s SourceFile,
    labels: HashMap<Symbol, Label<'a>>,
    blocks: Vec<BlockInfo<'a>>,
    errors: Vec<Error>,
}

fn branch(s: &Stmt) -> (Token, Option<Name>) {
    match &s.kind {
        StmtKind::Branch(tok, label) => (*tok, *label),
        _ => unreachable!("not a branch statement"),
    }
}

/// The statement a label labels, through nested labels.
fn labeled_inner(s: &Stmt) -> &Stmt {
    match &s.kind {
        StmtKind::Labeled(_, inner) => inner,
        _ => s,
    }
}

impl<'a> LabelScope<'a, '_> {
    fn errf(&mut self, pos: Pos, msg: String) {
        self.errors.push(Error::new(pos, msg));
    }

    fn pos_string(&self, p: Pos) -> String {
        self.source.position(p.0 - self.source.base).to_string()
    }

    fn declare(&mut self, b: usize, s: &'a Stmt, name: Name) {
        if let Some(alt) = self.labels.get(&name.value) {
            let at = self.pos_string(alt.name.pos);
            self.errf(
                name.pos,
                format!("label {} already defined at {at}", name.value),
            );
            return;
        }
        self.labels.insert(
            name.value,
            Label {
                parent: b,
                lstmt: s,
                name,
                used: false,
            },
        );
    }

    /// The labeled statement a `goto name` in block `b` can reach without
    /// jumping into a block.
    fn goto_target(&mut self, mut b: Option<usize>, name: Symbol) -> Option<&'a Stmt> {
        let l = self.labels.get_mut(&name)?;
        l.used = true; // even if it's not a valid target
        while let Some(i) = b {
            if l.parent == i {
                return Some(l.lstmt);
            }
            b = self.blocks[i].parent;
        }
        None
    }

    /// For labeled break and continue: `Ok(stmt)` if the label is on an
    /// enclosing statement, `Err(true)` if it exists elsewhere, `Err(false)`
    /// if it does not exist.
    fn enclosing_target(&mut self, mut b: Option<usize>, name: Symbol) -> Result<&'a Stmt, bool> {
        let Some(l) = self.labels.get_mut(&name) else {
            return Err(false);
        };
        l.used = true; // even if it's not a valid target
        let lstmt = l.lstmt;
        while let Some(i) = b {
            if self.blocks[i].lstmt.is_some_and(|s| std::ptr::eq(s, lstmt)) {
                return Ok(lstmt);
            }
            b = self.blocks[i].parent;
        }
        Err(true)
    }

    /// Checks the statements of one block; returns the forward gotos that
    /// found no label yet.
    fn block_branches(
        &mut self,
        parent: Option<usize>,
        ctxt: Targets<'a>,
        lstmt: Option<&'a Stmt>,
        start: Pos,
        body: &'a [Stmt],
    ) -> Vec<&'a Stmt> {
        self.blocks.push(BlockInfo {
            parent,
            start,
            lstmt,
        });
        let b = self.blocks.len() - 1;

        // The last variable declaration seen, and the gotos that jump
        // over it if their label comes later in this block.
        let mut var_decl: Option<(Pos, String)> = None;
        let mut fwd_gotos: Vec<&'a Stmt> = Vec::new();
        let mut bad_gotos: Vec<&'a Stmt> = Vec::new();

        let n = body
            .iter()
            .rposition(|s| !s.is_empty())
            .map_or(0, |i| i + 1);
        let stmt_list = &body[..n];
        for (stmt_index, stmt) in stmt_list.iter().enumerate() {
            let mut lstmt: Option<&'a Stmt> = None;
            let mut s = stmt;
            // Labeled statements: declare the label, resolve forward gotos
            // to it, then look at the statement it labels.
            while let StmtKind::Labeled(name, inner) = &s.kind {
                if !name.is_blank() {
                    self.declare(b, s, *name);
                    let mut kept = Vec::with_capacity(fwd_gotos.len());
                    for g in fwd_gotos.drain(..) {
                        let (_, label) = branch(g);
                        let label = label.expect("goto has a label");
                        if label.value == name.value {
                            if let Some(l) = self.labels.get_mut(&name.value) {
                                l.used = true;
                            }
                            if let Some((vpos, vname)) = &var_decl {
                                if bad_gotos.iter().any(|&bg| std::ptr::eq(bg, g)) {
                                    let at = self.pos_string(*vpos);
                                    self.errf(
                                        label.pos,
                                        format!(
                                            "goto {} jumps over declaration of {vname} at {at}",
                                            name.value
                                        ),
                                    );
                                }
                            }
                        } else {
                            kept.push(g);
                        }
                    }
                    fwd_gotos = kept;
                    lstmt = Some(s);
                }
                s = inner;
            }
            let inner_block = |ls: &mut Self,
                               fwd: &mut Vec<&'a Stmt>,
                               ctxt: Targets<'a>,
                               start: Pos,
                               body: &'a [Stmt]| {
                fwd.extend(ls.block_branches(Some(b), ctxt, lstmt, start, body));
            };
            match &s.kind {
                StmtKind::Decl(d) if d.tok == Token::Var => {
                    if let Some(crate::ast::Spec::Value(v)) = d.specs.first() {
                        var_decl = Some((v.pos, v.names[0].value.to_string()));
                        bad_gotos = fwd_gotos.clone();
                    }
                }
                StmtKind::Assign(crate::ast::AssignOp::Define, lhs, _) => {
                    var_decl = Some((s.pos, expr_list_string(lhs)));
                    bad_gotos = fwd_gotos.clone();
                }
                StmtKind::Branch(tok, None) => match tok {
                    Token::Break if ctxt.breaks.is_none() => {
                        self.errf(s.pos, "break is not in a loop, switch, or select".into());
                    }
                    Token::Continue if ctxt.continues.is_none() => {
                        self.errf(s.pos, "continue is not in a loop".into());
                    }
                    Token::Fallthrough => {
                        let mut msg = Some("fallthrough statement out of place");
                        if let Some(StmtKind::Switch(sw)) =
                            ctxt.breaks.map(|t| &labeled_inner(t).kind)
                        {
                            let type_switch = matches!(
                                sw.tag.as_ref().map(|t| &t.kind),
                                Some(ExprKind::TypeSwitchGuard(..))
                            );
                            if type_switch {
                                msg = Some("cannot fallthrough in type switch");
                            } else if ctxt.case_index.is_none() || stmt_index + 1 < stmt_list.len()
                            {
                                // out of place
                            } else if ctxt.case_index.map(|i| i + 1) == Some(sw.body.len()) {
                                msg = Some("cannot fallthrough final case in switch");
                            } else {
                                msg = None; // fallthrough ok
                            }
                        }
                        if let Some(m) = msg {
                            self.errf(s.pos, m.into());
                        }
                    }
                    _ => {}
                },
                StmtKind::Branch(tok, Some(label)) => match tok {
                    Token::Break => match self.enclosing_target(Some(b), label.value) {
                        Ok(t) => {
                            let ok = matches!(
                                labeled_inner(t).kind,
                                StmtKind::Switch(_) | StmtKind::Select(_) | StmtKind::For(_)
                            );
                            if !ok {
                                self.errf(
                                    label.pos,
                                    format!("invalid break label {}", label.value),
                                );
                            }
                        }
                        // A label that exists but does not enclose the statement.
                        Err(true) => {
                            self.errf(label.pos, format!("invalid break label {}", label.value))
                        }
                        Err(false) => self.errf(
                            label.pos,
                            format!("break label not defined: {}", label.value),
                        ),
                    },
                    Token::Continue => match self.enclosing_target(Some(b), label.value) {
                        Ok(t) => {
                            if !matches!(labeled_inner(t).kind, StmtKind::For(_)) {
                                self.errf(
                                    label.pos,
                                    format!("invalid continue label {}", label.value),
                                );
                            }
                        }
                        // A label that exists but does not enclose the statement.
                        Err(true) => {
                            self.errf(label.pos, format!("invalid continue label {}", label.value))
                        }
                        Err(false) => self.errf(
                            label.pos,
                            format!("continue label not defined: {}", label.value),
                        ),
                    },
                    Token::Goto if self.goto_target(Some(b), label.value).is_none() => {
                        fwd_gotos.push(s);
                    }
                    _ => {}
                },
                StmtKind::Block(blk) => {
                    let inner = Targets {
                        case_index: None,
                        ..ctxt
                    };
                    inner_block(self, &mut fwd_gotos, inner, blk.pos, &blk.stmts);
                }
                StmtKind::If(ifs) => {
                    let inner = Targets {
                        case_index: None,
                        ..ctxt
                    };
                    inner_block(self, &mut fwd_gotos, inner, ifs.then.pos, &ifs.then.stmts);
                    if let Some(els) = &ifs.els {
                        inner_block(
                            self,
                            &mut fwd_gotos,
                            inner,
                            els.pos,
                            std::slice::from_ref(els),
                        );
                    }
                }
                StmtKind::For(f) => {
                    let inner = Targets {
                        breaks: Some(s),
                        continues: Some(s),
                        case_index: None,
                    };
                    inner_block(self, &mut fwd_gotos, inner, f.body.pos, &f.body.stmts);
                }
                StmtKind::Switch(sw) => {
                    for (i, cc) in sw.body.iter().enumerate() {
                        let inner = Targets {
                            breaks: Some(s),
                            continues: ctxt.continues,
                            case_index: Some(i),
                        };
                        inner_block(self, &mut fwd_gotos, inner, cc.pos, &cc.body);
                    }
                }
                StmtKind::Select(sel) => {
                    let inner = Targets {
                        breaks: Some(s),
                        continues: ctxt.continues,
                        case_index: None,
                    };
                    for cc in &sel.body {
                        inner_block(self, &mut fwd_gotos, inner, cc.pos, &cc.body);
                    }
                }
                _ => {}
            }
        }
        fwd_gotos
    }
}

fn expr_list_string(l: &[Expr]) -> String {
    l.iter()
        .map(crate::print::expr_string)
        .collect::<Vec<_>>()
        .join(", ")
}
