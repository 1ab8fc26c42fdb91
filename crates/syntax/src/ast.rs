//! The syntax tree of a Go source file.
//!
//! Shaped after gc's own syntax tree so later stages can follow gc's rules
//! to the letter: types are expressions (`[]int` is an `Expr`, which is what
//! makes `[]int{}` and `(*T)(x)` simple), and each node's `pos` is the
//! position gc gives that node (the operator of a binary expression, the `(`
//! of a call, the `.` of a selector, the `{` of a composite literal), while
//! `start_pos`/`end_pos` give its extent. Every expression carries an
//! `ExprId`, dense per file, so the type checker can keep side tables in
//! vectors. All comments of the file are kept in order in `File::comments`;
//! declarations, specs and fields point at their doc comments by index.

use std::sync::Arc;

use crate::pos::{Pos, SourceFile};
use crate::scanner::Comment;
use crate::token::{LitKind, Operator, Token};

/// An interned identifier: cheap to copy, compare and hash.
pub type Symbol = ustr::Ustr;

pub fn sym(s: &str) -> Symbol {
    ustr::ustr(s)
}

/// Dense index of an expression within its file (`0..File::expr_count`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExprId(pub u32);

/// A range `start..end` of `File::comments`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct CommentRange {
    pub start: u32,
    pub end: u32,
}

impl CommentRange {
    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }
}

#[derive(Debug)]
pub struct File {
    pub source: Arc<SourceFile>,
    /// Position of the `package` keyword.
    pub package: Pos,
    pub doc: Option<CommentRange>,
    pub name: Name,
    pub decls: Vec<Decl>,
    /// Every comment in source order, directives included.
    pub comments: Vec<Comment>,
    /// The Go version a `//go:build` line before the package clause
    /// requires (`go1.21`), if any.
    pub go_version: Option<Box<str>>,
    /// The text of the `//go:build` line, if any (without `//go:build`).
    pub build_constraint: Option<Box<str>>,
    /// Position of end of file.
    pub eof: Pos,
    /// Number of expressions: every `ExprId` of this file is below it.
    pub expr_count: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Name {
    pub pos: Pos,
    pub value: Symbol,
}

impl Name {
    pub fn is_blank(&self) -> bool {
        self.value.as_str() == "_"
    }

    pub fn end_pos(&self) -> Pos {
        self.pos.offset_by(self.value.len() as u32)
    }
}

// ---------------------------------------------------------------------------
// Declarations

/// A `//go:` directive preceding a declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pragma {
    /// Position of the `//`.
    pub pos: Pos,
    /// The text after `//`, e.g. `go:noinline` or `go:linkname a b`.
    pub text: Box<str>,
}

#[derive(Debug)]
pub enum Decl {
    /// `import`, `const`, `type` or `var`, grouped or not.
    Gen(GenDecl),
    Func(FuncDecl),
}

impl Decl {
    pub fn pos(&self) -> Pos {
        match self {
            Decl::Gen(d) => d.pos,
            Decl::Func(d) => d.pos,
        }
    }
}

#[derive(Debug)]
pub struct GenDecl {
    /// Position of the keyword.
    pub pos: Pos,
    /// `Import`, `Const`, `Type` or `Var`.
    pub tok: Token,
    pub doc: Option<CommentRange>,
    pub pragmas: Vec<Pragma>,
    /// Position of `(` for a grouped declaration, else `Pos::NONE`.
    pub lparen: Pos,
    pub specs: Vec<Spec>,
    /// Position of `)` for a grouped declaration, else `Pos::NONE`.
    pub rparen: Pos,
}

#[derive(Debug)]
pub enum Spec {
    Import(ImportSpec),
    /// A const or var spec (the `GenDecl`'s token says which).
    Value(ValueSpec),
    Type(TypeSpec),
}

impl Spec {
    pub fn pos(&self) -> Pos {
        match self {
            Spec::Import(s) => s.pos,
            Spec::Value(s) => s.pos,
            Spec::Type(s) => s.pos,
        }
    }
}

#[derive(Debug)]
pub struct ImportSpec {
    pub pos: Pos,
    pub doc: Option<CommentRange>,
    /// `name` or `.` (a `Name` with value "."), if given.
    pub local_name: Option<Name>,
    /// `None` when the path was missing (already reported).
    pub path: Option<BasicLit>,
}

#[derive(Debug)]
pub struct ValueSpec {
    pub pos: Pos,
    pub doc: Option<CommentRange>,
    pub names: Vec<Name>,
    pub typ: Option<Expr>,
    pub values: Vec<Expr>,
    /// Index of this spec in its group (for iota); 0 when not grouped.
    pub iota: u32,
}

#[derive(Debug)]
pub struct TypeSpec {
    pub pos: Pos,
    pub doc: Option<CommentRange>,
    pub name: Name,
    pub tparams: Vec<Field>,
    /// `type A = T`.
    pub alias: bool,
    pub typ: Expr,
}

#[derive(Debug)]
pub struct FuncDecl {
    /// Position of `func`.
    pub pos: Pos,
    pub doc: Option<CommentRange>,
    pub pragmas: Vec<Pragma>,
    pub recv: Option<Field>,
    pub name: Name,
    pub tparams: Vec<Field>,
    pub typ: FuncType,
    pub body: Option<Block>,
}

/// A parameter, result, struct field, receiver, type parameter or interface
/// element. Names that share one type are one `Field` (`a, b int`);
/// anonymous parameters and embedded fields have no names.
#[derive(Debug)]
pub struct Field {
    pub pos: Pos,
    pub doc: Option<CommentRange>,
    pub names: Vec<Name>,
    /// For an interface method, its `FuncType`; for an embedded interface
    /// element, the element (which may be a union `A | ~B`).
    pub typ: Expr,
    /// Struct field tag.
    pub tag: Option<BasicLit>,
}

// ---------------------------------------------------------------------------
// Expressions (and types)

#[derive(Debug)]
pub struct Expr {
    pub pos: Pos,
    pub id: ExprId,
    pub kind: ExprKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BasicLit {
    pub pos: Pos,
    pub kind: LitKind,
    /// The literal as written (quotes, prefixes, `_` and all).
    pub value: Box<str>,
    /// The scanner reported an error in it.
    pub bad: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChanDir {
    Both,
    Send,
    Recv,
}

#[derive(Debug)]
pub enum ExprKind {
    /// A placeholder where a syntax error was reported.
    Bad,
    Name(Symbol),
    BasicLit(BasicLit),
    /// `T{...}`; `pos` is the `{`.
    CompositeLit(Box<CompositeLit>),
    /// `key: value` in a composite literal; `pos` is the `:`.
    KeyValue(Box<Expr>, Box<Expr>),
    FuncLit(Box<FuncLit>),
    /// `(x)`; `pos` is the `(`. Kept where gc keeps it (operands in
    /// expressions, composite literal types), dropped in types.
    Paren(Box<Expr>),
    /// `x.sel`; `pos` is the `.`.
    Selector(Box<Expr>, Name),
    /// `x[i]` or `x[A, B]` (a generic instantiation); `pos` is the `[`.
    Index(Box<Expr>, Vec<Expr>),
    /// `x[lo:hi:max]`; `pos` is the `[`.
    Slice(Box<SliceExpr>),
    /// `x.(T)`; `pos` is the `.`.
    Assert(Box<Expr>, Box<Expr>),
    /// `[lhs :=] x.(type)`; `pos` is the `.`.
    TypeSwitchGuard(Option<Name>, Box<Expr>),
    /// Unary (`y` is `None`) or binary operation; `pos` is the operator.
    /// `*x` is a `Mul` with one operand (a dereference or pointer type).
    Operation(Operator, Box<Expr>, Option<Box<Expr>>),
    /// `f(args)`; `pos` is the `(`.
    Call(Box<CallExpr>),
    /// `[N]T`, or `[...]T` when `len` is `None`; `pos` is the `[`.
    ArrayType(Option<Box<Expr>>, Box<Expr>),
    /// `[]T`; `pos` is the `[`.
    SliceType(Box<Expr>),
    /// `...T` (final parameter); `pos` is the `...`.
    DotsType(Box<Expr>),
    StructType(Box<StructType>),
    FuncType(Box<FuncType>),
    InterfaceType(Box<InterfaceType>),
    /// `map[K]V`; `pos` is `map`.
    MapType(Box<Expr>, Box<Expr>),
    /// `chan T`, `chan<- T`, `<-chan T`; `pos` is the first token.
    ChanType(ChanDir, Box<Expr>),
}

#[derive(Debug)]
pub struct CompositeLit {
    /// `None` for elided types (`{1, 2}` inside another literal).
    pub typ: Option<Expr>,
    pub elems: Vec<Expr>,
    /// Number of `KeyValue` elements.
    pub nkeys: u32,
    pub rbrace: Pos,
}

#[derive(Debug)]
pub struct FuncLit {
    pub typ: FuncType,
    pub body: Block,
}

#[derive(Debug)]
pub struct SliceExpr {
    pub x: Expr,
    /// low, high, max.
    pub index: [Option<Expr>; 3],
    /// Three-index form `x[a:b:c]`.
    pub full: bool,
    pub rbrack: Pos,
}

#[derive(Debug)]
pub struct CallExpr {
    pub fun: Expr,
    pub args: Vec<Expr>,
    /// The last argument is followed by `...`.
    pub has_dots: bool,
    pub rparen: Pos,
}

#[derive(Debug)]
pub struct StructType {
    pub pos: Pos,
    pub fields: Vec<Field>,
    pub rbrace: Pos,
}

#[derive(Debug)]
pub struct FuncType {
    /// Position of `func`, or of `(` for method signatures in interfaces
    /// and declarations whose `func` belongs to the declaration.
    pub pos: Pos,
    pub params: Vec<Field>,
    pub results: Vec<Field>,
    /// Position just after the signature.
    pub end: Pos,
}

#[derive(Debug)]
pub struct InterfaceType {
    pub pos: Pos,
    /// Methods (one name, a `FuncType`) and embedded elements (no names).
    pub elems: Vec<Field>,
    pub rbrace: Pos,
}

// ---------------------------------------------------------------------------
// Statements

#[derive(Debug)]
pub struct Block {
    /// Position of `{`.
    pub pos: Pos,
    pub stmts: Vec<Stmt>,
    pub rbrace: Pos,
}

#[derive(Debug)]
pub struct Stmt {
    pub pos: Pos,
    pub kind: StmtKind,
}

/// The operator of an assignment statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssignOp {
    /// `=`
    Assign,
    /// `:=`
    Define,
    /// `op=`
    Op(Operator),
    /// `x++` (`Add`) and `x--` (`Sub`); the statement has no right side.
    IncDec(Operator),
}

#[derive(Debug)]
pub enum StmtKind {
    Empty,
    Labeled(Name, Box<Stmt>),
    Block(Block),
    Expr(Expr),
    /// `ch <- v`; `pos` is the `<-`.
    Send(Expr, Expr),
    /// `const`, `type` or `var` inside a function.
    Decl(GenDecl),
    /// `pos` is the assignment operator.
    Assign(AssignOp, Vec<Expr>, Vec<Expr>),
    /// `break`, `continue`, `goto`, `fallthrough`.
    Branch(Token, Option<Name>),
    /// `go f()` or `defer f()`.
    Call(Token, Expr),
    Return(Vec<Expr>),
    If(Box<IfStmt>),
    For(Box<ForStmt>),
    Switch(Box<SwitchStmt>),
    Select(Box<SelectStmt>),
    /// `[lhs =|:=] range x`, only as the header of a `for`; `pos` is
    /// `range`.
    Range(Box<RangeClause>),
}

#[derive(Debug)]
pub struct IfStmt {
    pub init: Option<Stmt>,
    pub cond: Expr,
    pub then: Block,
    /// An `If` statement or a `Block`.
    pub els: Option<Stmt>,
}

#[derive(Debug)]
pub struct ForStmt {
    /// For a range loop, a `Range` statement and no cond/post.
    pub init: Option<Stmt>,
    pub cond: Option<Expr>,
    pub post: Option<Stmt>,
    pub body: Block,
}

#[derive(Debug)]
pub struct RangeClause {
    /// Key and value, if any.
    pub lhs: Vec<Expr>,
    /// `:=` rather than `=`.
    pub def: bool,
    pub x: Expr,
}

#[derive(Debug)]
pub struct SwitchStmt {
    pub init: Option<Stmt>,
    /// The tag; a `TypeSwitchGuard` for type switches.
    pub tag: Option<Expr>,
    pub body: Vec<CaseClause>,
    pub rbrace: Pos,
}

#[derive(Debug)]
pub struct CaseClause {
    pub pos: Pos,
    /// `None` for `default`.
    pub cases: Option<Vec<Expr>>,
    pub colon: Pos,
    pub body: Vec<Stmt>,
}

#[derive(Debug)]
pub struct SelectStmt {
    pub body: Vec<CommClause>,
    pub rbrace: Pos,
}

#[derive(Debug)]
pub struct CommClause {
    pub pos: Pos,
    /// A send, receive (expression or assignment) statement; `None` for
    /// `default`.
    pub comm: Option<Stmt>,
    pub colon: Pos,
    pub body: Vec<Stmt>,
}

// ---------------------------------------------------------------------------
// Extents

impl Expr {
    /// The expression without enclosing parentheses.
    pub fn unparen(&self) -> &Expr {
        let mut x = self;
        while let ExprKind::Paren(inner) = &x.kind {
            x = inner;
        }
        x
    }

    pub fn as_name(&self) -> Option<Symbol> {
        match self.kind {
            ExprKind::Name(n) => Some(n),
            _ => None,
        }
    }

    /// Position of the first byte of the expression (gc's `StartPos`).
    pub fn start_pos(&self) -> Pos {
        let mut x = self;
        loop {
            x = match &x.kind {
                ExprKind::CompositeLit(c) => match &c.typ {
                    Some(t) => t,
                    None => return x.pos,
                },
                ExprKind::KeyValue(k, _) => k,
                ExprKind::Selector(e, _) | ExprKind::Index(e, _) | ExprKind::Assert(e, _) => e,
                // gc's StartPos stops at a slice expression's `[` (types2
                // reports errors about slice expressions there).
                ExprKind::Slice(_) => return x.pos,
                ExprKind::TypeSwitchGuard(Some(n), _) => return n.pos,
                ExprKind::TypeSwitchGuard(None, e) => e,
                ExprKind::Operation(_, a, Some(_)) => a,
                ExprKind::Call(c) => &c.fun,
                _ => return x.pos,
            };
        }
    }

    /// Position just past the last byte of the expression.
    pub fn end_pos(&self) -> Pos {
        let mut x = self;
        loop {
            x = match &x.kind {
                ExprKind::Bad => return x.pos,
                ExprKind::Name(n) => return x.pos.offset_by(n.len() as u32),
                ExprKind::BasicLit(l) => return l.pos.offset_by(l.value.len() as u32),
                ExprKind::CompositeLit(c) => return c.rbrace.offset_by(1),
                ExprKind::KeyValue(_, v) => v,
                ExprKind::FuncLit(f) => return f.body.rbrace.offset_by(1),
                ExprKind::Paren(e) => {
                    // The `)` follows the inner expression, after blanks we
                    // do not record; its end is the best known bound.
                    return e.end_pos().offset_by(1);
                }
                ExprKind::Selector(_, n) => return n.end_pos(),
                ExprKind::Index(e, idx) => match idx.last() {
                    Some(i) => return i.end_pos().offset_by(1),
                    None => e,
                },
                ExprKind::Slice(s) => return s.rbrack.offset_by(1),
                ExprKind::Assert(_, t) => return t.end_pos().offset_by(1),
                ExprKind::TypeSwitchGuard(_, e) => return e.end_pos().offset_by(7),
                ExprKind::Operation(_, a, b) => match b {
                    Some(b) => b,
                    None => a,
                },
                ExprKind::Call(c) => return c.rparen.offset_by(1),
                ExprKind::ArrayType(_, e)
                | ExprKind::SliceType(e)
                | ExprKind::DotsType(e)
                | ExprKind::MapType(_, e)
                | ExprKind::ChanType(_, e) => e,
                ExprKind::StructType(s) => return s.rbrace.offset_by(1),
                ExprKind::FuncType(f) => return f.end,
                ExprKind::InterfaceType(i) => return i.rbrace.offset_by(1),
            };
        }
    }
}

impl Expr {
    /// Takes the node's kind out, leaving a `Bad` leaf (`Expr` has a
    /// `Drop`, so its fields cannot be moved out directly).
    pub fn take_kind(&mut self) -> ExprKind {
        std::mem::replace(&mut self.kind, ExprKind::Bad)
    }

    /// The operand that chains of selectors, calls, indexes and left-
    /// associative binary operations grow on.
    fn spine_child(kind: &mut ExprKind) -> Option<&mut Expr> {
        match kind {
            ExprKind::Operation(_, a, Some(_))
            | ExprKind::Selector(a, _)
            | ExprKind::Index(a, _)
            | ExprKind::Assert(a, _) => Some(a),
            ExprKind::Call(c) => Some(&mut c.fun),
            ExprKind::Slice(s) => Some(&mut s.x),
            _ => None,
        }
    }
}

impl Drop for Expr {
    /// `a + b + c + ...` and `x.f().g[i]...` are parsed by loops, so their
    /// trees are as deep as the source is long. Dropping them recursively
    /// could overflow the stack; walk the spine instead.
    fn drop(&mut self) {
        let Some(child) = Expr::spine_child(&mut self.kind) else {
            return;
        };
        let mut kind = child.take_kind();
        while let Some(child) = Expr::spine_child(&mut kind) {
            let next = child.take_kind();
            kind = next;
        }
    }
}

impl Stmt {
    pub fn is_empty(&self) -> bool {
        matches!(self.kind, StmtKind::Empty)
    }
}

/// Trees are parsed on worker threads and checked on others.
const _: () = {
    const fn send_and_sync<T: Send + Sync>() {}
    send_and_sync::<File>();
};
