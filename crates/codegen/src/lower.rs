//! One IR function to one Cranelift function: blocks in reverse
//! postorder, IR values mapped one to one, Go's semantics for division,
//! shifts and float-to-integer conversion spelled out, run-time checks
//! as branches to cold blocks that call the runtime's panic functions,
//! the stack-bound check in the prologue (docs/ABI.md), and a source
//! line on every instruction for the line table.

use std::collections::HashMap;

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{
    self as cl, types, AbiParam, InstBuilder, MemFlagsData, Signature, SourceLoc, TrapCode,
};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_module::{DataId, FuncId, Linkage, Module};

use ir::func::{BinOp, BoundsKind, Callee, CmpOp, ConvOp, Func, InstKind, Term, Ty, UnOp, Value};

pub fn cl_type(t: Ty) -> cl::Type {
    match t {
        Ty::I8 => types::I8,
        Ty::I16 => types::I16,
        Ty::I32 => types::I32,
        Ty::I64 => types::I64,
        Ty::F32 => types::F32,
        Ty::F64 => types::F64,
    }
}

pub fn signature(params: &[Ty], results: &[Ty]) -> Signature {
    let mut s = Signature::new(CallConv::SystemV);
    s.params.extend(params.iter().map(|&t| abi_param(t)));
    s.returns.extend(results.iter().map(|&t| abi_param(t)));
    s
}

/// Narrow integers are zero-extended to 32 bits at calls, as C compilers
/// (and Rust's `extern "C"` functions of the runtime) expect.
fn abi_param(t: Ty) -> AbiParam {
    let p = AbiParam::new(cl_type(t));
    match t {
        Ty::I8 | Ty::I16 => p.uext(),
        _ => p,
    }
}

/// Symbols shared by all functions of the object being built.
pub struct Symbols<'m, M: Module> {
    pub module: &'m mut M,
    pub funcs: HashMap<String, FuncId>,
    pub data: HashMap<String, DataId>,
}

impl<M: Module> Symbols<'_, M> {
    /// The function named `name`, declared (as an import unless it is
    /// defined here) with the signature of its first use.
    pub fn func(&mut self, name: &str, params: &[Ty], results: &[Ty]) -> FuncId {
        if let Some(&id) = self.funcs.get(name) {
            return id;
        }
        let sig = signature(params, results);
        let id = self
            .module
            .declare_function(name, Linkage::Import, &sig)
            .expect("declaring an imported function");
        self.funcs.insert(name.to_string(), id);
        id
    }

    /// Whether `name` is a function this object defines (Go code, even
    /// of package runtime) rather than one it imports (the Rust
    /// runtime's entry points, called with C's conventions).
    pub fn defines(&self, name: &str) -> bool {
        self.funcs.get(name).is_some_and(|&id| {
            self.module.declarations().get_function_decl(id).linkage == Linkage::Export
        })
    }

    pub fn datum(&mut self, name: &str) -> DataId {
        if let Some(&id) = self.data.get(name) {
            return id;
        }
        let id = self
            .module
            .declare_data(name, Linkage::Import, true, false)
            .expect("declaring imported data");
        self.data.insert(name.to_string(), id);
        id
    }
}

/// The stack check: `sp - need` below `G.stackguard0` (`[r15 + 16]`,
/// compared unsigned) calls `runtime.morestack` (or, with `need`,
/// `runtime.morestackn(need)`) in a cold block; code continues in a new
/// current block.
fn emit_stack_check<M: Module>(b: &mut FunctionBuilder<'_>, syms: &mut Symbols<'_, M>, need: i64) {
    let g = b.ins().get_pinned_reg(types::I64);
    let guard = b.ins().load(types::I64, MemFlagsData::trusted(), g, 16);
    let sp = b.ins().get_stack_pointer(types::I64);
    let limit = if need == 0 {
        sp
    } else {
        b.ins().iadd_imm_s(sp, -need)
    };
    let low = b.ins().icmp(IntCC::UnsignedLessThan, limit, guard);
    let slow = b.create_block();
    let cont = b.create_block();
    b.ins().brif(low, slow, &[], cont, &[]);
    b.set_cold_block(slow);
    b.switch_to_block(slow);
    if need == 0 {
        let morestack = syms.func("runtime.morestack", &[], &[]);
        let r = syms.module.declare_func_in_func(morestack, b.func);
        b.ins().call(r, &[]);
    } else {
        let grow = syms.func("runtime.morestackn", &[Ty::I64], &[]);
        let r = syms.module.declare_func_in_func(grow, b.func);
        let n = b.ins().iconst(types::I64, need);
        b.ins().call(r, &[n]);
    }
    b.ins().jump(cont, &[]);
    b.switch_to_block(cont);
}

/// Builds the thunk that stands in for a function with a big frame: it
/// checks that `need` bytes are free below the stack pointer (else
/// `runtime.morestackn(need)` grows the stack), then calls the body
/// (`body`, same signature) and returns its results. The body's frame is
/// thus only allocated on a stack with room for it.
pub fn big_frame_thunk<M: Module>(
    f: &Func,
    func: &mut cl::Function,
    fctx: &mut FunctionBuilderContext,
    syms: &mut Symbols<'_, M>,
    body: cranelift_module::FuncId,
    need: i64,
) {
    let mut b = FunctionBuilder::new(func, fctx);
    let entry = b.create_block();
    b.append_block_params_for_function_params(entry);
    b.switch_to_block(entry);
    b.set_srcloc(SourceLoc::new(f.line));
    emit_stack_check(&mut b, syms, need);
    let params: Vec<cl::Value> = b.block_params(entry).to_vec();
    let r = syms.module.declare_func_in_func(body, b.func);
    let call = b.ins().call(r, &params);
    let results = b.inst_results(call).to_vec();
    b.ins().return_(&results);
    b.seal_all_blocks();
    b.finalize(syms.module.isa().frontend_config());
}

/// Calls the function `name` with the signature (params, results). A
/// symbol first declared with another signature (an imported function
/// whose address a datum took first, such as lib/runtime's body-less
/// functions used as func values) is called through its address.
fn call_direct<M: Module>(
    b: &mut FunctionBuilder,
    syms: &mut Symbols<'_, M>,
    name: &str,
    params: &[Ty],
    results: &[Ty],
    args: &[cl::Value],
) -> cl::Inst {
    let id = syms.func(name, params, results);
    let want = signature(params, results);
    let r = syms.module.declare_func_in_func(id, b.func);
    if syms.module.declarations().get_function_decl(id).signature == want {
        return b.ins().call(r, args);
    }
    let addr = b.ins().func_addr(types::I64, r);
    let sig = b.import_signature(want);
    b.ins().call_indirect(sig, addr, args)
}

/// Builds the Cranelift body of `f` into `func` (whose signature is set).
/// `stack_check` adds the prologue check (not for C's `main`).
pub fn lower<M: Module>(
    f: &Func,
    func: &mut cl::Function,
    fctx: &mut FunctionBuilderContext,
    syms: &mut Symbols<'_, M>,
    stack_check: bool,
) {
    let mut b = FunctionBuilder::new(func, fctx);
    let prologue = b.create_block();
    b.append_block_params_for_function_params(prologue);
    b.switch_to_block(prologue);
    b.set_srcloc(SourceLoc::new(f.line));
    if stack_check {
        emit_stack_check(&mut b, syms, 0);
    }
    let slots: Vec<cl::StackSlot> = f
        .slots
        .iter()
        .map(|sd| {
            let shift = sd.align.max(1).trailing_zeros() as u8;
            b.create_sized_stack_slot(cl::StackSlotData::new(
                cl::StackSlotKind::ExplicitSlot,
                sd.size,
                shift,
            ))
        })
        .collect();
    let order = ir::verify::reverse_postorder(f);
    let mut blocks: HashMap<usize, cl::Block> = HashMap::new();
    let mut vals: HashMap<Value, cl::Value> = HashMap::new();
    for &bi in &order {
        let cb = b.create_block();
        for &p in &f.blocks[bi].params {
            let v = b.append_block_param(cb, cl_type(f.ty(p)));
            vals.insert(p, v);
        }
        blocks.insert(bi, cb);
    }
    let params: Vec<cl::Value> = b.block_params(prologue).to_vec();
    let entry_args: Vec<cl::BlockArg> = params.iter().map(|&v| cl::BlockArg::Value(v)).collect();
    b.ins().jump(blocks[&0], &entry_args);

    for &bi in &order {
        b.switch_to_block(blocks[&bi]);
        let data = &f.blocks[bi];
        for &i in &data.insts {
            let inst = f.inst(i);
            b.set_srcloc(SourceLoc::new(inst.line));
            let get = |v: &Value| vals[v];
            let results: Vec<cl::Value> = match &inst.kind {
                InstKind::Iconst(t, v) => vec![iconst(&mut b, *t, *v)],
                InstKind::Fconst(Ty::F32, v) => vec![b.ins().f32const(*v as f32)],
                InstKind::Fconst(_, v) => vec![b.ins().f64const(*v)],
                InstKind::Bin(op, x, y) => vec![binary(&mut b, *op, get(x), get(y), f.ty(*x))],
                InstKind::Un(op, x) => vec![match op {
                    UnOp::Neg => b.ins().ineg(get(x)),
                    UnOp::Not => b.ins().bnot(get(x)),
                    UnOp::FNeg => b.ins().fneg(get(x)),
                }],
                InstKind::Cmp(op, x, y) => vec![compare(&mut b, *op, get(x), get(y))],
                InstKind::Conv(op, x, t) => vec![convert(&mut b, *op, get(x), f.ty(*x), *t)],
                InstKind::Select(c, x, y) => vec![b.ins().select(get(c), get(x), get(y))],
                InstKind::Load(t, a, off) => {
                    let fl = MemFlagsData::new();
                    vec![b.ins().load(cl_type(*t), fl, get(a), *off)]
                }
                InstKind::Store(a, v, off) => {
                    let fl = MemFlagsData::new();
                    b.ins().store(fl, get(v), get(a), *off);
                    vec![]
                }
                InstKind::ReturnAddr => vec![b.ins().get_return_address(types::I64)],
                InstKind::Poll => {
                    // The prologue's check (a preemption request poisons
                    // the guard).
                    emit_stack_check(&mut b, syms, 0);
                    vec![]
                }
                InstKind::SlotAddr(sl) => {
                    vec![b.ins().stack_addr(types::I64, slots[sl.0 as usize], 0)]
                }
                InstKind::SymAddr(name, off) => {
                    let id = syms.datum(name);
                    let gv = syms.module.declare_data_in_func(id, b.func);
                    let a = b.ins().symbol_value(types::I64, gv);
                    vec![if *off != 0 {
                        b.ins().iadd_imm_s(a, *off)
                    } else {
                        a
                    }]
                }
                InstKind::FuncAddr(name) => {
                    let id = *syms
                        .funcs
                        .get(name)
                        .expect("function address of a known function");
                    let r = syms.module.declare_func_in_func(id, b.func);
                    vec![b.ins().func_addr(types::I64, r)]
                }
                InstKind::Call {
                    callee,
                    args,
                    results,
                } => {
                    let cargs: Vec<cl::Value> = args.iter().map(get).collect();
                    let ptys: Vec<Ty> = args.iter().map(|&a| f.ty(a)).collect();
                    let call = match callee {
                        Callee::Direct(name)
                            if name.starts_with("runtime.")
                                && results.len() > 2
                                && !syms.defines(name) =>
                        {
                            // A C function returning a struct of more than
                            // two words: the caller's memory, addressed by a
                            // hidden first argument (rdi).
                            let size = 8 * results.len() as u32;
                            let ss = b.create_sized_stack_slot(cl::StackSlotData::new(
                                cl::StackSlotKind::ExplicitSlot,
                                size,
                                3,
                            ));
                            let ret = b.ins().stack_addr(types::I64, ss, 0);
                            let mut ptys2 = vec![Ty::PTR];
                            ptys2.extend(ptys.iter().copied());
                            let mut cargs2 = vec![ret];
                            cargs2.extend(cargs.iter().copied());
                            call_direct(&mut b, syms, name, &ptys2, &[], &cargs2);
                            let fl = MemFlagsData::new();
                            results
                                .iter()
                                .enumerate()
                                .map(|(i, &t)| b.ins().load(cl_type(t), fl, ret, 8 * i as i32))
                                .collect::<Vec<_>>()
                        }
                        Callee::Direct(name) => {
                            let call = call_direct(&mut b, syms, name, &ptys, results, &cargs);
                            b.inst_results(call).to_vec()
                        }
                        Callee::Indirect(c) => {
                            let sig = b.import_signature(signature(&ptys, results));
                            let call = b.ins().call_indirect(sig, get(c), &cargs);
                            b.inst_results(call).to_vec()
                        }
                    };
                    call
                }
                InstKind::NilCheck(p) => {
                    let p = get(p);
                    let isnil = b.ins().icmp_imm_s(IntCC::Equal, p, 0);
                    panic_if(&mut b, syms, isnil, "runtime.panicmem", &[], &[]);
                    vec![]
                }
                InstKind::DivCheck(v) => {
                    let v = get(v);
                    let zero = b.ins().icmp_imm_s(IntCC::Equal, v, 0);
                    panic_if(&mut b, syms, zero, "runtime.panicdivide", &[], &[]);
                    vec![]
                }
                InstKind::BoundsCheck {
                    kind,
                    index,
                    len,
                    unsigned,
                } => {
                    let (x, y) = (get(index), get(len));
                    let cc = if *kind == BoundsKind::Index {
                        IntCC::UnsignedGreaterThanOrEqual
                    } else {
                        IntCC::UnsignedGreaterThan
                    };
                    let bad = b.ins().icmp(cc, x, y);
                    let name = kind.runtime_func(*unsigned);
                    panic_if(&mut b, syms, bad, name, &[x, y], &[Ty::I64, Ty::I64]);
                    vec![]
                }
                InstKind::Copy(dst, src, n) => {
                    let (d, s) = (get(dst), get(src));
                    let n = b.ins().iconst(types::I64, *n as i64);
                    let id = syms.func("runtime.memmove", &[Ty::I64; 3], &[]);
                    let r = syms.module.declare_func_in_func(id, b.func);
                    b.ins().call(r, &[d, s, n]);
                    vec![]
                }
                InstKind::Zero(dst, n) => {
                    let d = get(dst);
                    let n = b.ins().iconst(types::I64, *n as i64);
                    let id = syms.func("runtime.memclrNoHeapPointers", &[Ty::I64; 2], &[]);
                    let r = syms.module.declare_func_in_func(id, b.func);
                    b.ins().call(r, &[d, n]);
                    vec![]
                }
            };
            for (r, v) in inst.results.iter().zip(results) {
                vals.insert(*r, v);
            }
        }
        let args = |vs: &[Value], vals: &HashMap<Value, cl::Value>| -> Vec<cl::BlockArg> {
            vs.iter().map(|v| cl::BlockArg::Value(vals[v])).collect()
        };
        match data.term.as_ref().expect("verified IR has terminators") {
            Term::Jump(t, a) => {
                let a = args(a, &vals);
                b.ins().jump(blocks[&(t.0 as usize)], &a);
            }
            Term::Branch(c, t, ta, e, ea) => {
                let ta = args(ta, &vals);
                let ea = args(ea, &vals);
                b.ins().brif(
                    vals[c],
                    blocks[&(t.0 as usize)],
                    &ta,
                    blocks[&(e.0 as usize)],
                    &ea,
                );
            }
            Term::Return(vs) => {
                let vs: Vec<cl::Value> = vs.iter().map(|v| vals[v]).collect();
                b.ins().return_(&vs);
            }
            Term::Unreachable => {
                b.ins().trap(TrapCode::unwrap_user(1));
            }
        }
    }
    b.seal_all_blocks();
    b.finalize(syms.module.isa().frontend_config());
}

fn iconst(b: &mut FunctionBuilder, t: Ty, v: i64) -> cl::Value {
    let ty = cl_type(t);
    let v = match t {
        Ty::I8 => v as i8 as u8 as i64,
        Ty::I16 => v as i16 as u16 as i64,
        Ty::I32 => v as i32 as u32 as i64,
        _ => v,
    };
    b.ins().iconst(ty, v)
}

/// Branches to a cold block calling the runtime function `name` (which
/// does not return) when `cond` is set.
fn panic_if<M: Module>(
    b: &mut FunctionBuilder,
    syms: &mut Symbols<'_, M>,
    cond: cl::Value,
    name: &str,
    args: &[cl::Value],
    tys: &[Ty],
) {
    let bad = b.create_block();
    let ok = b.create_block();
    b.ins().brif(cond, bad, &[], ok, &[]);
    b.set_cold_block(bad);
    b.switch_to_block(bad);
    let id = syms.func(name, tys, &[]);
    let r = syms.module.declare_func_in_func(id, b.func);
    b.ins().call(r, args);
    b.ins().trap(TrapCode::unwrap_user(1));
    b.switch_to_block(ok);
}

fn binary(b: &mut FunctionBuilder, op: BinOp, x: cl::Value, y: cl::Value, t: Ty) -> cl::Value {
    let bits = t.bits() as i64;
    match op {
        BinOp::Add => b.ins().iadd(x, y),
        BinOp::Sub => b.ins().isub(x, y),
        BinOp::Mul => b.ins().imul(x, y),
        BinOp::UDiv => b.ins().udiv(x, y),
        BinOp::URem => b.ins().urem(x, y),
        BinOp::SDiv | BinOp::SRem => {
            // x86's idiv traps on MinInt / -1; Go wraps (quotient MinInt,
            // remainder 0).
            let ty = cl_type(t);
            let m1 = b.ins().icmp_imm_s(IntCC::Equal, y, -1);
            let one = b.ins().iconst(ty, 1);
            let safe = b.ins().select(m1, one, y);
            if op == BinOp::SDiv {
                let q = b.ins().sdiv(x, safe);
                let neg = b.ins().ineg(x);
                b.ins().select(m1, neg, q)
            } else {
                let r = b.ins().srem(x, safe);
                let zero = b.ins().iconst(ty, 0);
                b.ins().select(m1, zero, r)
            }
        }
        BinOp::And => b.ins().band(x, y),
        BinOp::Or => b.ins().bor(x, y),
        BinOp::Xor => b.ins().bxor(x, y),
        BinOp::AndNot => b.ins().band_not(x, y),
        BinOp::Shl | BinOp::UShr => {
            // Counts at or past the width give 0 in Go.
            let r = if op == BinOp::Shl {
                b.ins().ishl(x, y)
            } else {
                b.ins().ushr(x, y)
            };
            let big = b
                .ins()
                .icmp_imm_s(IntCC::UnsignedGreaterThanOrEqual, y, bits);
            let zero = b.ins().iconst(cl_type(t), 0);
            b.ins().select(big, zero, r)
        }
        BinOp::SShr => {
            let big = b
                .ins()
                .icmp_imm_s(IntCC::UnsignedGreaterThanOrEqual, y, bits);
            let cty = b.func.dfg.value_type(y);
            let max = b.ins().iconst(cty, bits - 1);
            let c = b.ins().select(big, max, y);
            b.ins().sshr(x, c)
        }
        BinOp::FAdd => b.ins().fadd(x, y),
        BinOp::FSub => b.ins().fsub(x, y),
        BinOp::FMul => b.ins().fmul(x, y),
        BinOp::FDiv => b.ins().fdiv(x, y),
        BinOp::FMin => b.ins().fmin(x, y),
        BinOp::FMax => b.ins().fmax(x, y),
    }
}

fn compare(b: &mut FunctionBuilder, op: CmpOp, x: cl::Value, y: cl::Value) -> cl::Value {
    let int = |cc| Some(cc);
    let icc = match op {
        CmpOp::Eq => int(IntCC::Equal),
        CmpOp::Ne => int(IntCC::NotEqual),
        CmpOp::SLt => int(IntCC::SignedLessThan),
        CmpOp::SLe => int(IntCC::SignedLessThanOrEqual),
        CmpOp::SGt => int(IntCC::SignedGreaterThan),
        CmpOp::SGe => int(IntCC::SignedGreaterThanOrEqual),
        CmpOp::ULt => int(IntCC::UnsignedLessThan),
        CmpOp::ULe => int(IntCC::UnsignedLessThanOrEqual),
        CmpOp::UGt => int(IntCC::UnsignedGreaterThan),
        CmpOp::UGe => int(IntCC::UnsignedGreaterThanOrEqual),
        _ => None,
    };
    if let Some(cc) = icc {
        return b.ins().icmp(cc, x, y);
    }
    let fcc = match op {
        CmpOp::FEq => FloatCC::Equal,
        CmpOp::FNe => FloatCC::NotEqual,
        CmpOp::FLt => FloatCC::LessThan,
        CmpOp::FLe => FloatCC::LessThanOrEqual,
        CmpOp::FGt => FloatCC::GreaterThan,
        _ => FloatCC::GreaterThanOrEqual,
    };
    b.ins().fcmp(fcc, x, y)
}

fn convert(b: &mut FunctionBuilder, op: ConvOp, x: cl::Value, from: Ty, to: Ty) -> cl::Value {
    let t = cl_type(to);
    match op {
        ConvOp::SExt => b.ins().sextend(t, x),
        ConvOp::ZExt => b.ins().uextend(t, x),
        ConvOp::Trunc => b.ins().ireduce(t, x),
        ConvOp::FConv if to.bytes() > from.bytes() => b.ins().fpromote(t, x),
        ConvOp::FConv => b.ins().fdemote(t, x),
        ConvOp::SToF => b.ins().fcvt_from_sint(t, x),
        ConvOp::UToF => b.ins().fcvt_from_uint(t, x),
        ConvOp::FToS | ConvOp::FToU => float_to_int(b, op == ConvOp::FToU, x, from, to),
        ConvOp::Bitcast => {
            let fl = MemFlagsData::new();
            b.ins().bitcast(t, fl, x)
        }
    }
}

/// Float to integer as amd64's CVTTSD2SQ does it (what gc emits): out of
/// range and NaN give the "integer indefinite" value 1<<63 (in 64 bits,
/// truncated for narrower results). Unsigned 64-bit results of values at
/// or above 2^63 subtract 2^63 first and set the top bit.
fn float_to_int(
    b: &mut FunctionBuilder,
    unsigned: bool,
    x: cl::Value,
    from: Ty,
    to: Ty,
) -> cl::Value {
    let lim = |b: &mut FunctionBuilder, v: f64| {
        if from == Ty::F32 {
            b.ins().f32const(v as f32)
        } else {
            b.ins().f64const(v)
        }
    };
    let signed64 = |b: &mut FunctionBuilder, x: cl::Value| {
        let lo = lim(b, -9223372036854775808.0);
        let hi = lim(b, 9223372036854775808.0);
        let ge = b.ins().fcmp(FloatCC::GreaterThanOrEqual, x, lo);
        let lt = b.ins().fcmp(FloatCC::LessThan, x, hi);
        let ok = b.ins().band(ge, lt);
        let r = b.ins().fcvt_to_sint_sat(types::I64, x);
        let indef = b.ins().iconst(types::I64, i64::MIN);
        b.ins().select(ok, r, indef)
    };
    // int32, and every 8- and 16-bit result, go through CVTTSD2SL (its
    // indefinite value is 1<<31); uint32 through the 64-bit conversion.
    if (to == Ty::I32 && !unsigned) || to == Ty::I8 || to == Ty::I16 {
        let lo = lim(b, -2147483648.0);
        let hi = lim(b, 2147483648.0);
        let ge = b.ins().fcmp(FloatCC::GreaterThanOrEqual, x, lo);
        let lt = b.ins().fcmp(FloatCC::LessThan, x, hi);
        let ok = b.ins().band(ge, lt);
        let r = b.ins().fcvt_to_sint_sat(types::I32, x);
        let indef = b.ins().iconst(types::I32, i32::MIN as i64);
        let v = b.ins().select(ok, r, indef);
        return if to == Ty::I32 {
            v
        } else {
            b.ins().ireduce(cl_type(to), v)
        };
    }
    let wide = if unsigned && to == Ty::I64 {
        // gc: x < 2^63 ? int64(x) : int64(x - 2^63) | 1<<63.
        let two63 = lim(b, 9223372036854775808.0);
        let small = b.ins().fcmp(FloatCC::LessThan, x, two63);
        let direct = signed64(b, x);
        let shifted = b.ins().fsub(x, two63);
        let s = signed64(b, shifted);
        let top = b.ins().iconst(types::I64, i64::MIN);
        let high = b.ins().bor(s, top);
        b.ins().select(small, direct, high)
    } else {
        signed64(b, x)
    };
    if to == Ty::I64 {
        wide
    } else {
        b.ins().ireduce(cl_type(to), wide)
    }
}
