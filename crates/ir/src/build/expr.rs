//! Expressions: names, constants, operators, conversions, calls and
//! built-ins.

use syntax::ast::{Expr, ExprKind};
use syntax::token::Operator;
use syntax::Pos;
use types::arena::{ObjId, TypeId};
use types::info::{ExprKey, SelectionKind};
use types::object::ObjKind;
use types::operand::Mode;
use types::predicates::{is_boolean, is_complex, is_float, is_string, is_unsigned};
use types::ty::{BasicKind, Type};
use types::universe;

use super::*;
use crate::func::{BinOp, CmpOp, ConvOp, InstKind, Term, Ty, UnOp, Value};
use crate::overlay::Subst;

impl<S: Subst> FuncBuilder<'_, '_, '_, S> {
    pub(super) fn use_of(&self, e: &Expr) -> Option<ObjId> {
        self.p
            .info
            .uses
            .get(&ExprKey {
                file: self.file,
                id: e.id,
            })
            .copied()
    }

    /// A single-valued expression's scalars.
    pub(super) fn expr(&mut self, e: &Expr) -> Result<Vec<Value>> {
        self.expr_multi(e)
    }

    /// An expression converted to type `t` (for untyped constants and
    /// assignments: a concrete value to an interface type, an elided
    /// `&T{...}` in a composite literal).
    pub(super) fn expr_as(&mut self, e: &Expr, t: TypeId) -> Result<Vec<Value>> {
        let t_iface = matches!(self.under(t), Type::Interface(_));
        let et = self.type_of(e);
        let e_iface = matches!(self.under(et), Type::Interface(_));
        if let Some(tv) = self.tv(e) {
            if tv.mode == Mode::NilValue {
                return self.zero_of(t, e.pos);
            }
            if let Some(v) = &tv.val {
                if !t_iface {
                    return self.constant(v, t, e.pos);
                }
                let v = self.constant(v, et, e.pos)?;
                let et = self.default_type(et);
                return self.box_iface(v, et, t, e.pos);
            }
        }
        if let ExprKind::CompositeLit(c) = &strip_parens(e).kind {
            if let Type::Pointer(elem) = self.under(t) {
                if !matches!(self.under(et), Type::Pointer(_)) {
                    let elem = *elem;
                    let v = self.composite(e, c, elem)?;
                    let a = self.new_object(elem, e.pos);
                    self.store_value(a, elem, &v, e.pos)?;
                    return Ok(vec![a]);
                }
            }
        }
        let v = self.expr(e)?;
        if t_iface && !e_iface {
            return self.box_iface(v, et, t, e.pos);
        }
        if t_iface && e_iface {
            return self.iface_box_iface(v, et, t, e.pos);
        }
        Ok(v)
    }

    /// The default type of an untyped constant's type.
    pub(super) fn default_type(&self, t: TypeId) -> TypeId {
        match self.basic_kind(t) {
            Some(BasicKind::UntypedBool) => universe::BOOL,
            Some(BasicKind::UntypedInt) => universe::INT,
            Some(BasicKind::UntypedRune) => universe::INT32,
            Some(BasicKind::UntypedFloat) => universe::FLOAT64,
            Some(BasicKind::UntypedComplex) => universe::COMPLEX128,
            Some(BasicKind::UntypedString) => universe::STRING,
            _ => t,
        }
    }

    pub(super) fn zero_of(&mut self, t: TypeId, pos: Pos) -> Result<Vec<Value>> {
        match self.leaves_of(t) {
            Some(leaves) => {
                let b = self.cur();
                Ok(leaves
                    .iter()
                    .map(|(ty, _)| crate::ssa::zero(&mut self.f, b, *ty))
                    .collect())
            }
            None => {
                let a = self.temp(t, pos);
                let n = self.size_of(t);
                self.ins(InstKind::Zero(a, n), pos);
                Ok(vec![a])
            }
        }
    }

    pub(super) fn const_of_type(&mut self, t: TypeId, v: i64, pos: Pos) -> Result<Vec<Value>> {
        self.constant(&types::constant::Value::from_i64(v), t, pos)
    }

    /// A constant's scalars as a value of type `t` (untyped constants take
    /// their default type).
    pub(super) fn constant(
        &mut self,
        v: &types::constant::Value,
        t: TypeId,
        pos: Pos,
    ) -> Result<Vec<Value>> {
        let t = match self.basic_kind(t) {
            Some(BasicKind::UntypedBool) => universe::BOOL,
            Some(BasicKind::UntypedInt) => universe::INT,
            Some(BasicKind::UntypedRune) => universe::INT32,
            Some(BasicKind::UntypedFloat) => universe::FLOAT64,
            Some(BasicKind::UntypedComplex) => universe::COMPLEX128,
            Some(BasicKind::UntypedString) => universe::STRING,
            _ => t,
        };
        let s = self.p.store;
        if is_boolean(s, t) {
            return Ok(vec![self.iconst(Ty::I8, v.bool_val() as i64, pos)]);
        }
        if is_string(s, t) {
            let bytes = v.str_bytes().to_vec();
            let len = self.iconst(Ty::I64, bytes.len() as i64, pos);
            let ptr = if bytes.is_empty() {
                self.iconst(Ty::PTR, 0, pos)
            } else {
                let sym = self.sh.strings.symbol(&bytes);
                self.ins1(InstKind::SymAddr(sym, 0), pos)
            };
            return Ok(vec![ptr, len]);
        }
        if is_complex(s, t) {
            let ty = if self.basic_kind(t) == Some(BasicKind::Complex64) {
                Ty::F32
            } else {
                Ty::F64
            };
            let re = v.real().to_float().float64_val().0;
            let im = v.imag().to_float().float64_val().0;
            let a = self.ins1(InstKind::Fconst(ty, re), pos);
            let b = self.ins1(InstKind::Fconst(ty, im), pos);
            return Ok(vec![a, b]);
        }
        let leaves = self.leaves_of(t).unwrap_or_default();
        if leaves.len() != 1 {
            return Err(unsupported(pos, "this constant"));
        }
        let ty = leaves[0].0;
        if is_float(s, t) {
            let f = if ty == Ty::F32 {
                v.to_float().float32_val().0 as f64
            } else {
                v.to_float().float64_val().0
            };
            return Ok(vec![self.ins1(InstKind::Fconst(ty, f), pos)]);
        }
        let iv = v.to_int();
        let bits = iv
            .int64_val()
            .or_else(|| iv.uint64_val().map(|u| u as i64))
            .unwrap_or(0);
        Ok(vec![self.iconst(ty, bits, pos)])
    }

    /// Any expression's scalars (all results of a call, concatenated).
    pub(super) fn expr_multi(&mut self, e: &Expr) -> Result<Vec<Value>> {
        if let Some(tv) = self.tv(e) {
            if let Some(v) = tv.val.clone() {
                return self.constant(&v, self.sub(tv.typ), e.pos);
            }
        }
        match &e.kind {
            ExprKind::Paren(x) => self.expr_multi(x),
            ExprKind::Name(_) => self.name(e),
            ExprKind::Operation(Operator::And, x, None) => self.address_of(e, x),
            ExprKind::Operation(Operator::Mul, _, None) => {
                let t = self.type_of(e);
                let pl = self.place(e)?.expect("a dereference is a place");
                self.load_place(&pl, t, e.pos)
            }
            ExprKind::Operation(Operator::Recv, x, None) => self.recv_expr(e, x),
            ExprKind::Operation(op, x, None) => self.unary(e, *op, x),
            ExprKind::Operation(Operator::AndAnd | Operator::OrOr, ..) => {
                // As a value: branch into a merge that receives the bool.
                let t = self.new_block();
                let f = self.new_block();
                let join = self.new_block();
                let var = self.ssa.new_var(Ty::I8);
                self.cond_branch(e, t, f)?;
                for (b, v) in [(t, 1), (f, 0)] {
                    self.enter(b);
                    let c = self.iconst(Ty::I8, v, e.pos);
                    let at = self.cur();
                    self.ssa.write(var, at, c);
                    self.jump(join);
                }
                self.enter(join);
                let at = self.cur();
                Ok(vec![self.ssa.read(&mut self.f, var, at)])
            }
            ExprKind::Operation(op, x, Some(y)) => self.binary(e, *op, x, y),
            ExprKind::Call(c) => self.call(e, c),
            ExprKind::Index(x, _) if self.generic_func_of(x).is_some() => {
                let o = self.generic_func_of(x).expect("checked");
                let f = self.func_link_name(x, o)?;
                Ok(vec![self.static_closure(&f, e.pos)])
            }
            ExprKind::Index(x, idx) if idx.len() == 1 => self.index(e, x, &idx[0]),
            ExprKind::Selector(x, _) => self.selector(e, x),
            ExprKind::Slice(se) => self.slice_expr(e, se),
            ExprKind::CompositeLit(c) => {
                let t = self.type_of(e);
                self.composite(e, c, t)
            }
            ExprKind::FuncLit(fl) => self.func_lit(e, fl),
            ExprKind::Assert(x, _) => self.type_assert(e, x),
            _ => Err(unsupported(e.pos, "this expression")),
        }
    }

    pub(super) fn name(&mut self, e: &Expr) -> Result<Vec<Value>> {
        let obj = self
            .use_of(e)
            .ok_or_else(|| unsupported(e.pos, "this name"))?;
        let t = self.type_of(e);
        if let Some(pl) = self.place(e)? {
            return self.load_place(&pl, t, e.pos);
        }
        match self.p.store.obj(obj).kind {
            ObjKind::Nil => self.zero_of(t, e.pos),
            ObjKind::Func { .. } => {
                let f = self.func_link_name(e, obj)?;
                Ok(vec![self.static_closure(&f, e.pos)])
            }
            _ => Err(unsupported(e.pos, "this kind of name")),
        }
    }

    /// The static closure object of a function used as a value.
    pub(super) fn static_closure(&mut self, func: &str, pos: Pos) -> Value {
        let sym = format!("{func}\u{b7}f");
        self.sh.funcvals.insert(sym.clone(), func.to_string());
        self.ins1(InstKind::SymAddr(sym, 0), pos)
    }

    /// A selector: a field, a method value, or a method expression.
    pub(super) fn selector(&mut self, e: &Expr, x: &Expr) -> Result<Vec<Value>> {
        let Some(sel) = self.p.info.selections.get(&self.key(e)).cloned() else {
            // A qualified identifier (`pkg.Name`).
            return self.name(e);
        };
        match sel.kind {
            SelectionKind::FieldVal => self.field_value(e, x, &sel.index),
            SelectionKind::MethodVal => self.method_value(e, x, &sel),
            SelectionKind::MethodExpr => self.method_expr(e, &sel),
        }
    }

    pub(super) fn key(&self, e: &Expr) -> ExprKey {
        ExprKey {
            file: self.file,
            id: e.id,
        }
    }

    pub(super) fn unary(&mut self, e: &Expr, op: Operator, x: &Expr) -> Result<Vec<Value>> {
        let t = self.type_of(e);
        let v = self.expr(x)?;
        let s = self.p.store;
        match op {
            Operator::Add => Ok(v),
            Operator::Sub if is_complex(s, t) => Ok(vec![
                self.ins1(InstKind::Un(UnOp::FNeg, v[0]), e.pos),
                self.ins1(InstKind::Un(UnOp::FNeg, v[1]), e.pos),
            ]),
            Operator::Sub if is_float(s, t) => {
                Ok(vec![self.ins1(InstKind::Un(UnOp::FNeg, v[0]), e.pos)])
            }
            Operator::Sub => Ok(vec![self.ins1(InstKind::Un(UnOp::Neg, v[0]), e.pos)]),
            Operator::Xor => Ok(vec![self.ins1(InstKind::Un(UnOp::Not, v[0]), e.pos)]),
            Operator::Not => {
                let one = self.iconst(Ty::I8, 1, e.pos);
                Ok(vec![self.ins1(InstKind::Bin(BinOp::Xor, v[0], one), e.pos)])
            }
            _ => Err(unsupported(e.pos, "this unary operator")),
        }
    }

    pub(super) fn binary(
        &mut self,
        e: &Expr,
        op: Operator,
        x: &Expr,
        y: &Expr,
    ) -> Result<Vec<Value>> {
        use Operator::*;
        let xt = self.type_of(x);
        let yt = self.type_of(y);
        match op {
            Eql | Neq | Lss | Leq | Gtr | Geq => {
                // Operands of a comparison have the same type, except an
                // untyped constant on one side.
                let iface = |b: &Self, t: TypeId| matches!(b.under(t), Type::Interface(_));
                let x_nil = self.tv(x).is_some_and(|t| t.mode == Mode::NilValue);
                let x_const = self.tv(x).is_some_and(|t| t.val.is_some());
                let ct = if (iface(self, yt) && !iface(self, xt)) || x_const || x_nil {
                    yt
                } else {
                    xt
                };
                let a = self.expr_as(x, ct)?;
                let b = self.expr_as(y, ct)?;
                let v = self.compare(op, ct, &a, &b, e.pos)?;
                Ok(vec![v])
            }
            Shl | Shr => {
                let t = self.type_of(e);
                let a = self.expr_as(x, t)?;
                let b = self.expr(y)?;
                self.shift(op, t, &a, yt, &b, e.pos)
            }
            _ => {
                let t = self.type_of(e);
                let a = self.expr_as(x, t)?;
                let b = self.expr_as(y, t)?;
                self.arith(op, t, &a, &b, e.pos)
            }
        }
    }

    pub(super) fn arith(
        &mut self,
        op: Operator,
        t: TypeId,
        a: &[Value],
        b: &[Value],
        pos: Pos,
    ) -> Result<Vec<Value>> {
        use Operator::*;
        let s = self.p.store;
        if is_string(s, t) {
            if op != Add {
                return Err(unsupported(pos, "this string operator"));
            }
            return Ok(self.concat(&[a.to_vec(), b.to_vec()], pos));
        }
        if is_complex(s, t) {
            return self.complex_arith(op, a, b, pos);
        }
        let float = is_float(s, t);
        let unsigned = is_unsigned(s, t);
        let bop = match (op, float) {
            (Add, false) => BinOp::Add,
            (Sub, false) => BinOp::Sub,
            (Mul, false) => BinOp::Mul,
            (Add, true) => BinOp::FAdd,
            (Sub, true) => BinOp::FSub,
            (Mul, true) => BinOp::FMul,
            (Div, true) => BinOp::FDiv,
            (Div, false) => {
                self.div_check(b[0], pos);
                if unsigned {
                    BinOp::UDiv
                } else {
                    BinOp::SDiv
                }
            }
            (Rem, false) => {
                self.div_check(b[0], pos);
                if unsigned {
                    BinOp::URem
                } else {
                    BinOp::SRem
                }
            }
            (And, false) => BinOp::And,
            (Or, false) => BinOp::Or,
            (Xor, false) => BinOp::Xor,
            (AndNot, false) => BinOp::AndNot,
            _ => return Err(unsupported(pos, "this operator")),
        };
        Ok(vec![self.ins1(InstKind::Bin(bop, a[0], b[0]), pos)])
    }

    /// A division check, unless the divisor is a non-zero constant.
    fn div_check(&mut self, d: Value, pos: Pos) {
        if let crate::func::ValueDef::Result(i, _) = self.f.values[d.0 as usize].def {
            if let InstKind::Iconst(_, c) = self.f.insts[i.0 as usize].kind {
                if c != 0 {
                    return;
                }
            }
        }
        self.ins(InstKind::DivCheck(d), pos);
    }

    fn complex_arith(
        &mut self,
        op: Operator,
        a: &[Value],
        b: &[Value],
        pos: Pos,
    ) -> Result<Vec<Value>> {
        use Operator::*;
        let bin = |s: &mut Self, o: BinOp, x: Value, y: Value| s.ins1(InstKind::Bin(o, x, y), pos);
        match op {
            Add => Ok(vec![
                bin(self, BinOp::FAdd, a[0], b[0]),
                bin(self, BinOp::FAdd, a[1], b[1]),
            ]),
            Sub => Ok(vec![
                bin(self, BinOp::FSub, a[0], b[0]),
                bin(self, BinOp::FSub, a[1], b[1]),
            ]),
            Mul => {
                let ac = bin(self, BinOp::FMul, a[0], b[0]);
                let bd = bin(self, BinOp::FMul, a[1], b[1]);
                let ad = bin(self, BinOp::FMul, a[0], b[1]);
                let bc = bin(self, BinOp::FMul, a[1], b[0]);
                Ok(vec![
                    bin(self, BinOp::FSub, ac, bd),
                    bin(self, BinOp::FAdd, ad, bc),
                ])
            }
            Div => {
                let ty = self.f.ty(a[0]);
                let wide: Vec<Value> = a
                    .iter()
                    .chain(b)
                    .map(|&x| {
                        if ty == Ty::F32 {
                            self.ins1(InstKind::Conv(ConvOp::FConv, x, Ty::F64), pos)
                        } else {
                            x
                        }
                    })
                    .collect();
                let r =
                    self.call_runtime("runtime.complex128div", wide, vec![Ty::F64, Ty::F64], pos);
                Ok(r.into_iter()
                    .map(|x| {
                        if ty == Ty::F32 {
                            self.ins1(InstKind::Conv(ConvOp::FConv, x, Ty::F32), pos)
                        } else {
                            x
                        }
                    })
                    .collect())
            }
            _ => Err(unsupported(pos, "this complex operator")),
        }
    }

    pub(super) fn shift(
        &mut self,
        op: Operator,
        t: TypeId,
        a: &[Value],
        ct: TypeId,
        b: &[Value],
        pos: Pos,
    ) -> Result<Vec<Value>> {
        let mut count = b[0];
        if !is_unsigned(self.p.store, ct) {
            // A negative count panics.
            let cty = self.f.ty(count);
            let zero = self.iconst(cty, 0, pos);
            let neg = self.ins1(InstKind::Cmp(CmpOp::SLt, count, zero), pos);
            let bad = self.new_block();
            let ok = self.new_block();
            self.branch(neg, bad, ok);
            self.enter(bad);
            self.call_runtime("runtime.panicshift", vec![], vec![], pos);
            self.terminate(Term::Unreachable);
            self.enter(ok);
        }
        if self.f.ty(count) != Ty::I64 {
            count = self.ins1(InstKind::Conv(ConvOp::ZExt, count, Ty::I64), pos);
        }
        let bop = match op {
            Operator::Shl => BinOp::Shl,
            _ if is_unsigned(self.p.store, t) => BinOp::UShr,
            _ => BinOp::SShr,
        };
        Ok(vec![self.ins1(InstKind::Bin(bop, a[0], count), pos)])
    }

    pub(super) fn compare(
        &mut self,
        op: Operator,
        t: TypeId,
        a: &[Value],
        b: &[Value],
        pos: Pos,
    ) -> Result<Value> {
        use Operator::*;
        let s = self.p.store;
        if is_string(s, t) {
            let r = self.call_runtime(
                "runtime.cmpstring",
                vec![a[0], a[1], b[0], b[1]],
                vec![Ty::I64],
                pos,
            )[0];
            let zero = self.iconst(Ty::I64, 0, pos);
            let c = match op {
                Eql => CmpOp::Eq,
                Neq => CmpOp::Ne,
                Lss => CmpOp::SLt,
                Leq => CmpOp::SLe,
                Gtr => CmpOp::SGt,
                _ => CmpOp::SGe,
            };
            return Ok(self.ins1(InstKind::Cmp(c, r, zero), pos));
        }
        if let Type::Interface(_) = self.under(t) {
            let mut eq = self.iface_equal(t, a, b, pos);
            if op == Neq {
                let one = self.iconst(Ty::I8, 1, pos);
                eq = self.ins1(InstKind::Bin(BinOp::Xor, eq, one), pos);
            }
            return Ok(eq);
        }
        if matches!(op, Eql | Neq) && (a.len() != 1 || self.is_mem(t)) {
            let mut eq = self.equal(t, a, b, pos)?;
            if op == Neq {
                let one = self.iconst(Ty::I8, 1, pos);
                eq = self.ins1(InstKind::Bin(BinOp::Xor, eq, one), pos);
            }
            return Ok(eq);
        }
        if a.len() != 1 {
            if matches!(op, Eql | Neq) && a.iter().all(|&v| !self.f.ty(v).is_float()) {
                // Scalar leaves compared one by one (pointers, small
                // structs of integers).
                let mut acc = self.ins1(InstKind::Cmp(CmpOp::Eq, a[0], b[0]), pos);
                for i in 1..a.len() {
                    let c = self.ins1(InstKind::Cmp(CmpOp::Eq, a[i], b[i]), pos);
                    acc = self.ins1(InstKind::Bin(BinOp::And, acc, c), pos);
                }
                if op == Neq {
                    let one = self.iconst(Ty::I8, 1, pos);
                    acc = self.ins1(InstKind::Bin(BinOp::Xor, acc, one), pos);
                }
                return Ok(acc);
            }
            return Err(unsupported(pos, "comparison of this type"));
        }
        let float = is_float(s, t);
        let unsigned = is_unsigned(s, t) || !types::predicates::is_numeric(s, t);
        let c = match (op, float, unsigned) {
            (Eql, true, _) => CmpOp::FEq,
            (Neq, true, _) => CmpOp::FNe,
            (Lss, true, _) => CmpOp::FLt,
            (Leq, true, _) => CmpOp::FLe,
            (Gtr, true, _) => CmpOp::FGt,
            (Geq, true, _) => CmpOp::FGe,
            (Eql, false, _) => CmpOp::Eq,
            (Neq, false, _) => CmpOp::Ne,
            (Lss, false, false) => CmpOp::SLt,
            (Leq, false, false) => CmpOp::SLe,
            (Gtr, false, false) => CmpOp::SGt,
            (Geq, false, false) => CmpOp::SGe,
            (Lss, false, true) => CmpOp::ULt,
            (Leq, false, true) => CmpOp::ULe,
            (Gtr, false, true) => CmpOp::UGt,
            _ => CmpOp::UGe,
        };
        Ok(self.ins1(InstKind::Cmp(c, a[0], b[0]), pos))
    }

    /// `a == b` for values of any comparable type, field by field.
    pub(super) fn equal(&mut self, t: TypeId, a: &[Value], b: &[Value], pos: Pos) -> Result<Value> {
        match self.under(t).clone() {
            Type::Struct(st) => {
                let offs = types::sizes::offsetsof(self.p.store, &st.fields);
                let mut acc = self.iconst(Ty::I8, 1, pos);
                for (i, &f) in st.fields.iter().enumerate() {
                    if self.p.store.obj(f).name.as_str() == "_" {
                        continue;
                    }
                    let ft = self.obj_type(f);
                    let fa = self.extract(a, t, offs[i] as u32, ft, pos)?;
                    let fb = self.extract(b, t, offs[i] as u32, ft, pos)?;
                    let c = self.compare(Operator::Eql, ft, &fa, &fb, pos)?;
                    acc = self.ins1(InstKind::Bin(BinOp::And, acc, c), pos);
                }
                Ok(acc)
            }
            Type::Array(n, elem) => {
                let n = n.unwrap_or(0);
                let es = self.size_of(elem);
                let mut acc = self.iconst(Ty::I8, 1, pos);
                if n > 64 {
                    return Err(unsupported(pos, "comparison of large arrays"));
                }
                for i in 0..n {
                    let ea = self.extract(a, t, i as u32 * es, elem, pos)?;
                    let eb = self.extract(b, t, i as u32 * es, elem, pos)?;
                    let c = self.compare(Operator::Eql, elem, &ea, &eb, pos)?;
                    acc = self.ins1(InstKind::Bin(BinOp::And, acc, c), pos);
                }
                Ok(acc)
            }
            _ if is_complex(self.p.store, t) => {
                let re = self.ins1(InstKind::Cmp(CmpOp::FEq, a[0], b[0]), pos);
                let im = self.ins1(InstKind::Cmp(CmpOp::FEq, a[1], b[1]), pos);
                Ok(self.ins1(InstKind::Bin(BinOp::And, re, im), pos))
            }
            _ if a.len() == 1 => self.compare(Operator::Eql, t, a, b, pos),
            _ => {
                // Pointer-like multi-word values (none left after the
                // cases above); compare word by word.
                let mut acc = self.iconst(Ty::I8, 1, pos);
                for (&x, &y) in a.iter().zip(b) {
                    let c = self.ins1(InstKind::Cmp(CmpOp::Eq, x, y), pos);
                    acc = self.ins1(InstKind::Bin(BinOp::And, acc, c), pos);
                }
                Ok(acc)
            }
        }
    }

    pub(super) fn concat(&mut self, parts: &[Vec<Value>], pos: Pos) -> Vec<Value> {
        // An array of (ptr, len) pairs on the stack.
        let slot = self.f.new_slot(16 * parts.len() as u32, 8);
        let base = self.ins1(InstKind::SlotAddr(slot), pos);
        for (i, p) in parts.iter().enumerate() {
            self.ins(InstKind::Store(base, p[0], 16 * i as i32), pos);
            self.ins(InstKind::Store(base, p[1], 16 * i as i32 + 8), pos);
        }
        let n = self.iconst(Ty::I64, parts.len() as i64, pos);
        self.call_runtime(
            "runtime.concatstrings",
            vec![base, n],
            vec![Ty::PTR, Ty::I64],
            pos,
        )
    }

    /// An integer widened to 64 bits.
    pub(super) fn widen(&mut self, v: Value, unsigned: bool, pos: Pos) -> Value {
        if self.f.ty(v) == Ty::I64 {
            return v;
        }
        let op = if unsigned { ConvOp::ZExt } else { ConvOp::SExt };
        self.ins1(InstKind::Conv(op, v, Ty::I64), pos)
    }
}
