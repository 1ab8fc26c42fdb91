//! The IR's data: a `Module` of `Func`s, each a control-flow graph of
//! `Block`s in SSA form with block parameters (no phi nodes). Values are
//! machine scalars (`Ty`); Go aggregates are flattened into several values
//! by the builder or live in memory (stack slots, heap objects) and are
//! reached through explicit loads and stores. Go's run-time checks (nil,
//! bounds, division) are explicit instructions so passes can remove the
//! ones that cannot fail.

use std::fmt;

/// A machine type of an SSA value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ty {
    I8,
    I16,
    I32,
    I64,
    F32,
    F64,
}

impl Ty {
    /// Pointers, `uintptr`, `int` and `uint` on amd64.
    pub const PTR: Ty = Ty::I64;

    pub fn bytes(self) -> u32 {
        match self {
            Ty::I8 => 1,
            Ty::I16 => 2,
            Ty::I32 | Ty::F32 => 4,
            Ty::I64 | Ty::F64 => 8,
        }
    }

    pub fn is_float(self) -> bool {
        matches!(self, Ty::F32 | Ty::F64)
    }

    pub fn bits(self) -> u32 {
        self.bytes() * 8
    }
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Ty::I8 => "i8",
            Ty::I16 => "i16",
            Ty::I32 => "i32",
            Ty::I64 => "i64",
            Ty::F32 => "f32",
            Ty::F64 => "f64",
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Value(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Block(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Inst(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Slot(pub u32);

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v{}", self.0)
    }
}

impl fmt::Display for Block {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "b{}", self.0)
    }
}

/// Integer and float operations with two operands. Integer operations
/// wrap (Go's two's-complement arithmetic); division and remainder assume
/// a non-zero divisor (the builder checks it first) and give Go's result
/// for `MinInt / -1`; shifts take an unsigned count of any size and give
/// Go's results for counts at or beyond the width.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    SDiv,
    UDiv,
    SRem,
    URem,
    And,
    Or,
    Xor,
    AndNot,
    Shl,
    /// Arithmetic (sign-filling) right shift.
    SShr,
    UShr,
    FAdd,
    FSub,
    FMul,
    FDiv,
    /// Go's `min`/`max` of floats (NaN if either is; -0 < +0).
    FMin,
    FMax,
}

/// Comparisons; the result is an `i8` holding 0 or 1. Float comparisons
/// are IEEE's (false with a NaN, except `FNe`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Eq,
    Ne,
    SLt,
    SLe,
    SGt,
    SGe,
    ULt,
    ULe,
    UGt,
    UGe,
    FEq,
    FNe,
    FLt,
    FLe,
    FGt,
    FGe,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnOp {
    Neg,
    Not,
    FNeg,
}

/// Conversions between machine types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConvOp {
    /// Sign or zero extension, or truncation, to the result type.
    SExt,
    ZExt,
    Trunc,
    /// Float to float.
    FConv,
    /// Signed or unsigned integer to float.
    SToF,
    UToF,
    /// Float to integer as gc does it on amd64 (out-of-range values give
    /// the "integer indefinite" value).
    FToS,
    FToU,
    /// Reinterpret the bits (same size).
    Bitcast,
}

/// Which run-time panic a failed bounds check raises (gc's boundsError
/// codes), and whether the index was unsigned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BoundsKind {
    Index,
    SliceAlen,
    SliceAcap,
    SliceB,
    Slice3Alen,
    Slice3Acap,
    Slice3B,
    Slice3C,
    Convert,
}

impl BoundsKind {
    /// The runtime entry point raising the panic.
    pub fn runtime_func(self, unsigned: bool) -> &'static str {
        use BoundsKind::*;
        match (self, unsigned) {
            (Index, false) => "runtime.goPanicIndex",
            (Index, true) => "runtime.goPanicIndexU",
            (SliceAlen, false) => "runtime.goPanicSliceAlen",
            (SliceAlen, true) => "runtime.goPanicSliceAlenU",
            (SliceAcap, false) => "runtime.goPanicSliceAcap",
            (SliceAcap, true) => "runtime.goPanicSliceAcapU",
            (SliceB, false) => "runtime.goPanicSliceB",
            (SliceB, true) => "runtime.goPanicSliceBU",
            (Slice3Alen, false) => "runtime.goPanicSlice3Alen",
            (Slice3Alen, true) => "runtime.goPanicSlice3AlenU",
            (Slice3Acap, false) => "runtime.goPanicSlice3Acap",
            (Slice3Acap, true) => "runtime.goPanicSlice3AcapU",
            (Slice3B, false) => "runtime.goPanicSlice3B",
            (Slice3B, true) => "runtime.goPanicSlice3BU",
            (Slice3C, false) => "runtime.goPanicSlice3C",
            (Slice3C, true) => "runtime.goPanicSlice3CU",
            (Convert, _) => "runtime.goPanicSliceConvert",
        }
    }
}

/// What a call calls.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Callee {
    /// A function by link name (Go function or runtime entry point).
    Direct(String),
    /// A code pointer (the first word of a closure object).
    Indirect(Value),
}

#[derive(Clone, Debug, PartialEq)]
pub enum InstKind {
    /// An integer constant (its bits, truncated to the type).
    Iconst(Ty, i64),
    /// A float constant.
    Fconst(Ty, f64),
    Bin(BinOp, Value, Value),
    Un(UnOp, Value),
    Cmp(CmpOp, Value, Value),
    Conv(ConvOp, Value, Ty),
    /// `cond ? a : b` without a branch.
    Select(Value, Value, Value),
    /// Load of a value of the type at `addr + offset`.
    Load(Ty, Value, i32),
    /// Store of `value` at `addr + offset`.
    Store(Value, Value, i32),
    /// The address of a stack slot of the function.
    SlotAddr(Slot),
    /// The address of a data symbol (global variable, string bytes,
    /// type descriptor) plus an offset.
    SymAddr(String, i64),
    /// The address of a function's code.
    FuncAddr(String),
    /// A call: parameter 0 of Go functions is the closure context.
    /// `results` are the machine types of its results.
    Call {
        callee: Callee,
        args: Vec<Value>,
        results: Vec<Ty>,
    },
    /// Panics with "invalid memory address or nil pointer dereference"
    /// when the pointer is nil.
    NilCheck(Value),
    /// Panics (gc's boundsError) unless `index < len` (unsigned compare;
    /// for slicing kinds `index <= len`).
    BoundsCheck {
        kind: BoundsKind,
        index: Value,
        len: Value,
        unsigned: bool,
    },
    /// Panics with "integer divide by zero" when the value is 0.
    DivCheck(Value),
    /// Copies `n` bytes from the second address to the first.
    Copy(Value, Value, u32),
    /// Zeroes `n` bytes at the address.
    Zero(Value, u32),
    /// The function's own return address (for `recover`).
    ReturnAddr,
    /// A preemption point (a loop's back edge): the prologue's stack
    /// check, which a preemption request makes fail.
    Poll,
}

impl InstKind {
    /// This instruction with its operands rewritten through `map`.
    pub fn map_operands(&self, map: &dyn Fn(Value) -> Value) -> InstKind {
        use InstKind::*;
        match self.clone() {
            Bin(op, a, b) => Bin(op, map(a), map(b)),
            Cmp(op, a, b) => Cmp(op, map(a), map(b)),
            Un(op, a) => Un(op, map(a)),
            Conv(op, a, t) => Conv(op, map(a), t),
            Load(t, a, o) => Load(t, map(a), o),
            NilCheck(a) => NilCheck(map(a)),
            DivCheck(a) => DivCheck(map(a)),
            Zero(a, n) => Zero(map(a), n),
            Select(c, a, b) => Select(map(c), map(a), map(b)),
            Store(a, v, o) => Store(map(a), map(v), o),
            Copy(a, v, n) => Copy(map(a), map(v), n),
            Call {
                callee,
                args,
                results,
            } => Call {
                callee: match callee {
                    Callee::Indirect(c) => Callee::Indirect(map(c)),
                    d => d,
                },
                args: args.into_iter().map(map).collect(),
                results,
            },
            BoundsCheck {
                kind,
                index,
                len,
                unsigned,
            } => BoundsCheck {
                kind,
                index: map(index),
                len: map(len),
                unsigned,
            },
            other => other,
        }
    }
}

/// How a block ends.
#[derive(Clone, Debug, PartialEq)]
pub enum Term {
    Jump(Block, Vec<Value>),
    /// To the first block if the `i8` condition is non-zero.
    Branch(Value, Block, Vec<Value>, Block, Vec<Value>),
    Return(Vec<Value>),
    /// Control never gets here (after a call that cannot return).
    Unreachable,
}

#[derive(Clone, Debug)]
pub struct InstData {
    pub kind: InstKind,
    pub results: Vec<Value>,
    /// The source line (0: none), for line tables.
    pub line: u32,
}

#[derive(Clone, Debug)]
pub struct BlockData {
    pub params: Vec<Value>,
    pub insts: Vec<Inst>,
    pub term: Option<Term>,
}

#[derive(Clone, Copy, Debug)]
pub enum ValueDef {
    Param(Block, u32),
    Result(Inst, u32),
}

#[derive(Clone, Copy, Debug)]
pub struct ValueData {
    pub ty: Ty,
    pub def: ValueDef,
}

#[derive(Clone, Debug)]
pub struct SlotData {
    pub size: u32,
    pub align: u32,
}

/// One function. Block 0 is the entry; its parameters are the function's.
#[derive(Clone, Debug)]
pub struct Func {
    /// The link name (`main.f`, `main.(*T).m`, `main.main.func1`).
    pub name: String,
    /// The source file, for line tables and tracebacks.
    pub file: String,
    /// The line of the `func` keyword.
    pub line: u32,
    pub results: Vec<Ty>,
    pub blocks: Vec<BlockData>,
    pub insts: Vec<InstData>,
    pub values: Vec<ValueData>,
    pub slots: Vec<SlotData>,
    /// Autogenerated (wrappers): hidden in tracebacks.
    pub wrapper: bool,
    /// The name tracebacks show, when not the link name (the body of a
    /// function with defers shows as the function).
    pub display: Option<String>,
    /// The Go function takes no arguments (tracebacks print `f()`, as
    /// gc does; else `f(...)`).
    pub no_args: bool,
}

impl Func {
    pub fn new(name: String, file: String, line: u32, params: &[Ty], results: Vec<Ty>) -> Func {
        let mut f = Func {
            name,
            file,
            line,
            results,
            blocks: Vec::new(),
            insts: Vec::new(),
            values: Vec::new(),
            slots: Vec::new(),
            wrapper: false,
            display: None,
            no_args: false,
        };
        let entry = f.new_block();
        for &t in params {
            f.add_param(entry, t);
        }
        f
    }

    pub fn entry(&self) -> Block {
        Block(0)
    }

    pub fn params(&self) -> &[Value] {
        &self.blocks[0].params
    }

    pub fn new_block(&mut self) -> Block {
        self.blocks.push(BlockData {
            params: Vec::new(),
            insts: Vec::new(),
            term: None,
        });
        Block(self.blocks.len() as u32 - 1)
    }

    pub fn add_param(&mut self, b: Block, ty: Ty) -> Value {
        let v = Value(self.values.len() as u32);
        let i = self.blocks[b.0 as usize].params.len() as u32;
        self.values.push(ValueData {
            ty,
            def: ValueDef::Param(b, i),
        });
        self.blocks[b.0 as usize].params.push(v);
        v
    }

    pub fn new_slot(&mut self, size: u32, align: u32) -> Slot {
        self.slots.push(SlotData { size, align });
        Slot(self.slots.len() as u32 - 1)
    }

    /// Appends an instruction to `b`; returns its result values.
    pub fn push(&mut self, b: Block, kind: InstKind, line: u32) -> Vec<Value> {
        let tys = self.result_types(&kind);
        let inst = Inst(self.insts.len() as u32);
        let results = tys
            .iter()
            .enumerate()
            .map(|(i, &ty)| {
                self.values.push(ValueData {
                    ty,
                    def: ValueDef::Result(inst, i as u32),
                });
                Value(self.values.len() as u32 - 1)
            })
            .collect::<Vec<_>>();
        self.insts.push(InstData {
            kind,
            results: results.clone(),
            line,
        });
        self.blocks[b.0 as usize].insts.push(inst);
        results
    }

    pub fn ty(&self, v: Value) -> Ty {
        self.values[v.0 as usize].ty
    }

    pub fn block(&self, b: Block) -> &BlockData {
        &self.blocks[b.0 as usize]
    }

    pub fn inst(&self, i: Inst) -> &InstData {
        &self.insts[i.0 as usize]
    }

    pub fn set_term(&mut self, b: Block, t: Term) {
        self.blocks[b.0 as usize].term = Some(t);
    }

    pub fn is_terminated(&self, b: Block) -> bool {
        self.blocks[b.0 as usize].term.is_some()
    }

    /// The machine types an instruction defines.
    pub fn result_types(&self, kind: &InstKind) -> Vec<Ty> {
        match kind {
            InstKind::Iconst(t, _) | InstKind::Fconst(t, _) => vec![*t],
            InstKind::Bin(_, a, _) => vec![self.ty(*a)],
            InstKind::Un(_, a) => vec![self.ty(*a)],
            InstKind::Cmp(..) => vec![Ty::I8],
            InstKind::Conv(_, _, t) => vec![*t],
            InstKind::Select(_, a, _) => vec![self.ty(*a)],
            InstKind::Load(t, _, _) => vec![*t],
            InstKind::SlotAddr(_)
            | InstKind::SymAddr(..)
            | InstKind::FuncAddr(_)
            | InstKind::ReturnAddr => {
                vec![Ty::PTR]
            }
            InstKind::Call { results, .. } => results.clone(),
            InstKind::Store(..)
            | InstKind::NilCheck(_)
            | InstKind::BoundsCheck { .. }
            | InstKind::DivCheck(_)
            | InstKind::Copy(..)
            | InstKind::Zero(..)
            | InstKind::Poll => Vec::new(),
        }
    }

    /// Replaces every use of a value by `rename`'s choice (followed
    /// transitively), in instructions and terminators.
    pub fn replace_uses(&mut self, rename: &std::collections::HashMap<Value, Value>) {
        if rename.is_empty() {
            return;
        }
        let get = |mut v: Value| {
            while let Some(&n) = rename.get(&v) {
                v = n;
            }
            v
        };
        for d in &mut self.insts {
            d.kind = d.kind.map_operands(&get);
        }
        for b in &mut self.blocks {
            match &mut b.term {
                Some(Term::Jump(_, a)) | Some(Term::Return(a)) => {
                    a.iter_mut().for_each(|v| *v = get(*v))
                }
                Some(Term::Branch(c, _, a1, _, a2)) => {
                    *c = get(*c);
                    a1.iter_mut().for_each(|v| *v = get(*v));
                    a2.iter_mut().for_each(|v| *v = get(*v));
                }
                _ => {}
            }
        }
    }

    /// The successors of a block with the arguments passed to each.
    pub fn successors(&self, b: Block) -> Vec<(Block, &[Value])> {
        match &self.block(b).term {
            Some(Term::Jump(t, args)) => vec![(*t, &args[..])],
            Some(Term::Branch(_, t, ta, e, ea)) => vec![(*t, &ta[..]), (*e, &ea[..])],
            _ => Vec::new(),
        }
    }
}

/// A global variable or read-only datum.
#[derive(Clone, Debug)]
pub struct Data {
    pub name: String,
    pub size: u32,
    pub align: u32,
    /// Initial bytes (`None`: zero-filled, in .bss).
    pub init: Option<Vec<u8>>,
    /// Pointers to other symbols inside `init`: (offset, symbol, addend).
    pub relocs: Vec<(u32, String, i64)>,
    pub readonly: bool,
}

/// A compiled program: every function and datum, plus the order of
/// package initializers.
#[derive(Clone, Debug, Default)]
pub struct Module {
    pub funcs: Vec<Func>,
    pub data: Vec<Data>,
    /// The collector's global roots: every package-level variable whose
    /// type holds pointers, as (datum symbol, offset of its type's
    /// descriptor in `go.types`). Codegen emits them as `go.gcroots`.
    pub gc_roots: Vec<(String, u32)>,
}
