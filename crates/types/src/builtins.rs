//! Calls of built-in functions (types2's builtins.go): append, cap,
//! clear, close, complex, copy, delete, imag, len, make, max, min, new,
//! panic, print, println, real, recover, and package unsafe's Add,
//! Alignof, Offsetof, Sizeof, Slice, SliceData, String, StringData, with
//! constant results where the spec makes them constant and gc's sizes on
//! linux/amd64 (`sizeof`, `alignof`, `offsetsof`).
//!
//! The signature a call of a built-in was checked with is recorded for
//! the callee expression (mode `Builtin`), as types2's recordBuiltinType
//! does; a call of `panic` is recognizable by that record.

use syntax::ast::{self, Expr, ExprKind};
use syntax::print::expr_string;

use crate::arena::{ObjId, Store, TypeId};
use crate::call::{op_pos, ModeSet};
use crate::check::Checker;
use crate::constant::{BinaryOp, CompareOp, Value};
use crate::info::{Selection, SelectionKind};
use crate::lookup::{lookup_field_or_method, Lookup};
use crate::object::{Builtin, ObjKind, Object};
use crate::operand::{Mode, Operand};
use crate::predicates::{
    basic_kind, identical, is_numeric, is_string, is_type_param, is_untyped, unalias, underlying,
};
use crate::termlist::TypeTerm;
use crate::ty::{BasicInfo, BasicKind, ChanDir, Interface, Signature, Term, Type, TypeParam};
use crate::typeset::type_set;
use crate::universe;
use crate::untyped::default_type;

impl<'a> Checker<'a, '_> {
    /// The call `e` of built-in `id` (types2's builtin).
    pub(crate) fn builtin(
        &mut self,
        e: &'a Expr,
        call: &'a ast::CallExpr,
        id: Builtin,
    ) -> Operand<'a> {
        // len and cap are constant only if their argument has no calls or
        // receives: look at the argument alone.
        let saved = self.env.has_call_or_recv;
        if matches!(id, Builtin::Len | Builtin::Cap) {
            self.env.has_call_or_recv = false;
        }
        let r = self.builtin_inner(e, call, id);
        if matches!(id, Builtin::Len | Builtin::Cap) {
            self.env.has_call_or_recv = saved;
        }
        match r {
            Some(mut x) => {
                x.expr = Some(e);
                x
            }
            None => Operand::invalid(Some(e)),
        }
    }

    fn builtin_inner(
        &mut self,
        e: &'a Expr,
        call: &'a ast::CallExpr,
        id: Builtin,
    ) -> Option<Operand<'a>> {
        let arg_list = &call.args;
        let name = id.name();
        if call.has_dots && id != Builtin::Append {
            self.errorf(
                e.start_pos(),
                format!("invalid operation: invalid use of ... with built-in {name}"),
            );
            self.use_exprs(arg_list);
            return None;
        }

        // Arguments are evaluated here, except for the built-ins that take
        // types or selectors.
        let special = matches!(id, Builtin::Make | Builtin::New | Builtin::Offsetof);
        let mut args: Vec<Operand<'a>> = Vec::new();
        let nargs;
        if special {
            nargs = arg_list.len();
        } else {
            args = self.builtin_expr_list(arg_list);
            nargs = args.len();
            if args.iter().any(|a| !a.is_valid()) {
                return None;
            }
        }

        let (min, variadic) = id.arity();
        let msg = if nargs < min {
            "not enough"
        } else if !variadic && nargs > min {
            "too many"
        } else {
            ""
        };
        if !msg.is_empty() {
            self.errorf(
                e.start_pos(),
                format!(
                    "invalid operation: {msg} arguments for {} (expected {min}, found {nargs})",
                    expr_string(e)
                ),
            );
            return None;
        }
        let mut x = args.first().cloned().unwrap_or_else(|| Operand {
            mode: Mode::Value,
            expr: None,
            typ: universe::INVALID,
            val: None,
        });
        let fun = &call.fun;

        match id {
            Builtin::Append => {
                let elem = match self.builtin_slice_elem(&x) {
                    Ok(t) => t,
                    Err(why) => {
                        self.errorf(op_pos(&x), format!("invalid append: {why}"));
                        return None;
                    }
                };
                let mut sig = None;
                if nargs == 2 && call.has_dots && self.builtin_assignable_to_bytes(&x) {
                    let y = &args[1];
                    let mut has_string = false;
                    let mut ok = true;
                    for (_, u) in crate::expr::type_set_members(&self.store, y.typ) {
                        match u {
                            Some(u) if self.builtin_is_byte_slice(u) => {}
                            Some(u) if is_string(&self.store, u) => has_string = true,
                            _ => {
                                ok = false;
                                break;
                            }
                        }
                    }
                    if ok && has_string {
                        sig = Some(self.builtin_make_sig(Some(x.typ), &[x.typ, y.typ], true));
                    }
                }
                let sig = match sig {
                    Some(s) => s,
                    None => {
                        let s = self.store.arena.add_type(Type::Slice(elem));
                        let sig = self.builtin_make_sig(Some(x.typ), &[x.typ, s], true);
                        self.call_arguments(e, call, sig, &[], args.clone(), &[]);
                        sig
                    }
                };
                self.builtin_record_type(fun, id, sig);
                x.mode = Mode::Value;
            }

            Builtin::Cap | Builtin::Len => {
                let is_len = id == Builtin::Len;
                let mut mode = Mode::Invalid;
                let mut val = None;
                let t = self.builtin_array_ptr_deref(underlying(&self.store, x.typ));
                match self.store.ty(t) {
                    Type::Basic { .. } if is_string(&self.store, t) && is_len => {
                        if x.mode == Mode::Constant {
                            mode = Mode::Constant;
                            val = x.val.as_ref().map(|v| Value::from_u64(v.str_len()));
                        } else {
                            mode = Mode::Value;
                        }
                    }
                    Type::Array(n, _) => {
                        mode = Mode::Value;
                        if !self.env.has_call_or_recv {
                            mode = Mode::Constant;
                            val = Some(match n {
                                Some(n) => Value::from_u64(*n),
                                None => Value::unknown(),
                            });
                        }
                    }
                    Type::Slice(_) | Type::Chan(..) => mode = Mode::Value,
                    Type::Map(..) if is_len => mode = Mode::Value,
                    Type::Interface(_)
                        if is_type_param(&self.store, x.typ)
                            && self.builtin_under_is(x.typ, |c, u| {
                                let u = c.builtin_array_ptr_deref(u);
                                match c.store.ty(u) {
                                    Type::Basic { .. } => is_string(&c.store, u) && is_len,
                                    Type::Array(..) | Type::Slice(_) | Type::Chan(..) => true,
                                    Type::Map(..) => is_len,
                                    _ => false,
                                }
                            }) =>
                    {
                        mode = Mode::Value;
                    }
                    _ => {}
                }
                if mode == Mode::Invalid {
                    if underlying(&self.store, x.typ) != universe::INVALID {
                        let msg =
                            format!("invalid argument: {} for built-in {name}", self.op_str(&x));
                        self.errorf(op_pos(&x), msg);
                    }
                    return None;
                }
                if mode != Mode::Constant {
                    let sig = self.builtin_make_sig(Some(universe::INT), &[x.typ], false);
                    self.builtin_record_type(fun, id, sig);
                }
                x.mode = mode;
                x.typ = universe::INT;
                x.val = val;
            }

            Builtin::Clear => {
                self.builtin_verify_version(fun, 21, "clear");
                let ok = self.builtin_under_is(x.typ, |c, u| {
                    matches!(c.store.ty(u), Type::Map(..) | Type::Slice(_))
                });
                if !ok {
                    let msg = format!(
                        "invalid argument: cannot clear {}: argument must be (or constrained by) map or slice",
                        self.op_str(&x)
                    );
                    self.errorf(op_pos(&x), msg);
                    return None;
                }
                x.mode = Mode::NoValue;
                let sig = self.builtin_make_sig(None, &[x.typ], false);
                self.builtin_record_type(fun, id, sig);
            }

            Builtin::Close => {
                let mut err = None;
                for (_, u) in crate::expr::type_set_members(&self.store, x.typ) {
                    match u.map(|u| self.store.ty(u)) {
                        Some(Type::Chan(ChanDir::Recv, _)) => {
                            err = Some(format!(
                                "invalid operation: cannot close receive-only channel {}",
                                self.op_str(&x)
                            ));
                        }
                        Some(Type::Chan(..)) => continue,
                        _ => {
                            err = Some(format!(
                                "invalid operation: cannot close non-channel {}",
                                self.op_str(&x)
                            ));
                        }
                    }
                    break;
                }
                if let Some(msg) = err {
                    self.errorf(op_pos(&x), msg);
                    return None;
                }
                x.mode = Mode::NoValue;
                let sig = self.builtin_make_sig(None, &[x.typ], false);
                self.builtin_record_type(fun, id, sig);
            }

            Builtin::Complex => {
                let mut y = args[1].clone();
                let xu = is_untyped(&self.store, x.typ);
                let yu = is_untyped(&self.store, y.typ);
                match (xu, yu) {
                    (false, false) => {}
                    (true, false) => self.convert_untyped(&mut x, y.typ),
                    (false, true) => self.convert_untyped(&mut y, x.typ),
                    (true, true) => {
                        if x.mode == Mode::Constant && y.mode == Mode::Constant {
                            for o in [&mut x, &mut y] {
                                if is_numeric(&self.store, o.typ)
                                    && o.val.as_ref().is_none_or(|v| v.imag().sign() == 0)
                                {
                                    o.typ = universe::UNTYPED_FLOAT;
                                }
                            }
                        } else {
                            self.convert_untyped(&mut x, universe::FLOAT64);
                            self.convert_untyped(&mut y, universe::FLOAT64);
                        }
                    }
                }
                if !x.is_valid() || !y.is_valid() {
                    return None;
                }
                if !identical(&self.store, x.typ, y.typ) {
                    let msg = format!(
                        "invalid operation: {} (mismatched types {} and {})",
                        expr_string(e),
                        self.type_str(x.typ),
                        self.type_str(y.typ)
                    );
                    self.errorf(op_pos(&x), msg);
                    return None;
                }
                let f = |k: BasicKind| match k {
                    BasicKind::Float32 => Some(basic(BasicKind::Complex64)),
                    BasicKind::Float64 => Some(basic(BasicKind::Complex128)),
                    BasicKind::UntypedFloat => Some(universe::UNTYPED_COMPLEX),
                    _ => None,
                };
                let Some(res) = self.builtin_apply_type_func(f, &x, id) else {
                    let msg = format!(
                        "invalid argument: arguments have type {}, expected floating-point",
                        self.type_str(x.typ)
                    );
                    self.errorf(op_pos(&x), msg);
                    return None;
                };
                if x.mode == Mode::Constant && y.mode == Mode::Constant {
                    if let (Some(a), Some(b)) = (&x.val, &y.val) {
                        x.val = Some(
                            a.to_float()
                                .binary(BinaryOp::Add, &b.to_float().make_imag()),
                        );
                    }
                } else {
                    x.mode = Mode::Value;
                }
                if x.mode != Mode::Constant {
                    let sig = self.builtin_make_sig(Some(res), &[x.typ, x.typ], false);
                    self.builtin_record_type(fun, id, sig);
                }
                x.typ = res;
            }

            Builtin::Copy => {
                let dst = match self.builtin_slice_elem(&x) {
                    Ok(t) => t,
                    Err(why) => {
                        self.errorf(op_pos(&x), format!("invalid copy: {why}"));
                        return None;
                    }
                };
                let y = args[1].clone();
                let mut special = false;
                if self.builtin_assignable_to_bytes(&x) {
                    special = crate::expr::type_set_members(&self.store, y.typ)
                        .iter()
                        .all(|(_, u)| {
                            u.is_some_and(|u| {
                                self.builtin_is_byte_slice(u) || is_string(&self.store, u)
                            })
                        });
                }
                if !special {
                    let src = match self.builtin_slice_elem(&y) {
                        Ok(t) => t,
                        Err(why) => {
                            if !self.builtin_all_basic(y.typ, BasicInfo::STRING) {
                                self.errorf(op_pos(&y), format!("invalid copy: {why}"));
                                return None;
                            }
                            universe::BYTE
                        }
                    };
                    if !identical(&self.store, dst, src) {
                        let msg = format!(
                            "invalid copy: arguments {} and {} have different element types {} and {}",
                            self.op_str(&x),
                            self.op_str(&y),
                            self.type_str(dst),
                            self.type_str(src)
                        );
                        self.errorf(op_pos(&x), msg);
                        return None;
                    }
                }
                let sig = self.builtin_make_sig(Some(universe::INT), &[x.typ, y.typ], false);
                self.builtin_record_type(fun, id, sig);
                x.mode = Mode::Value;
                x.typ = universe::INT;
                x.val = None;
            }

            Builtin::Delete => {
                let map = x.typ;
                let mut key: Option<TypeId> = None;
                for (_, u) in crate::expr::type_set_members(&self.store, map) {
                    let k = match u.map(|u| self.store.ty(u)) {
                        Some(Type::Map(k, _)) => *k,
                        _ => {
                            let msg = format!("invalid argument: {} is not a map", self.op_str(&x));
                            self.errorf(op_pos(&x), msg);
                            return None;
                        }
                    };
                    if key.is_some_and(|key| !identical(&self.store, k, key)) {
                        let msg = format!(
                            "invalid argument: maps of {} must have identical key types",
                            self.op_str(&x)
                        );
                        self.errorf(op_pos(&x), msg);
                        return None;
                    }
                    key = Some(k);
                }
                let key = key.unwrap_or(universe::INVALID);
                x = args[1].clone();
                self.assignment(&mut x, Some(key), "argument to delete");
                if !x.is_valid() {
                    return None;
                }
                x.mode = Mode::NoValue;
                let sig = self.builtin_make_sig(None, &[map, key], false);
                self.builtin_record_type(fun, id, sig);
            }

            Builtin::Imag | Builtin::Real => {
                if is_untyped(&self.store, x.typ) {
                    if x.mode == Mode::Constant {
                        if is_numeric(&self.store, x.typ) {
                            x.typ = universe::UNTYPED_COMPLEX;
                        }
                    } else {
                        self.convert_untyped(&mut x, universe::COMPLEX128);
                        if !x.is_valid() {
                            return None;
                        }
                    }
                }
                let f = |k: BasicKind| match k {
                    BasicKind::Complex64 => Some(basic(BasicKind::Float32)),
                    BasicKind::Complex128 => Some(universe::FLOAT64),
                    BasicKind::UntypedComplex => Some(universe::UNTYPED_FLOAT),
                    _ => None,
                };
                let Some(res) = self.builtin_apply_type_func(f, &x, id) else {
                    let msg = format!(
                        "invalid argument: argument has type {}, expected complex type",
                        self.type_str(x.typ)
                    );
                    self.errorf(op_pos(&x), msg);
                    return None;
                };
                if x.mode == Mode::Constant {
                    x.val = x.val.as_ref().map(|v| {
                        if id == Builtin::Real {
                            v.real()
                        } else {
                            v.imag()
                        }
                    });
                } else {
                    x.mode = Mode::Value;
                }
                if x.mode != Mode::Constant {
                    let sig = self.builtin_make_sig(Some(res), &[x.typ], false);
                    self.builtin_record_type(fun, id, sig);
                }
                x.typ = res;
            }

            Builtin::Make => {
                let arg0 = &arg_list[0];
                let t = self.var_type(arg0);
                if t == universe::INVALID {
                    return None;
                }
                let u = self.common_underlying(t, |c, _, u| match u.map(|u| c.store.ty(u)) {
                    Some(Type::Slice(_) | Type::Map(..) | Type::Chan(..)) => None,
                    None => Some("no specific type".into()),
                    _ => Some("type must be slice, map, or channel".into()),
                });
                let u = match u {
                    Ok(u) => u,
                    Err(why) => {
                        self.errorf(
                            arg0.start_pos(),
                            format!("invalid argument: cannot make {}: {why}", expr_string(arg0)),
                        );
                        return None;
                    }
                };
                let min = if matches!(self.store.ty(u), Type::Slice(_)) {
                    2
                } else {
                    1
                };
                if nargs < min || min + 1 < nargs {
                    self.errorf(
                        e.start_pos(),
                        format!(
                            "invalid operation: {} expects {min} or {} arguments; found {nargs}",
                            expr_string(e),
                            min + 1
                        ),
                    );
                    return None;
                }
                let mut types = vec![t];
                let mut sizes = Vec::new();
                for arg in &arg_list[1..] {
                    let size = self.index(arg, None);
                    let k = self.key(arg);
                    types.push(self.info.types.get(&k).map_or(universe::INT, |tv| tv.typ));
                    if let Some(s) = size.filter(|&s| s >= 0) {
                        sizes.push(s);
                    }
                }
                if sizes.len() == 2 && sizes[0] > sizes[1] {
                    self.errorf(
                        arg_list[1].start_pos(),
                        "invalid argument: length and capacity swapped",
                    );
                }
                x.mode = Mode::Value;
                x.typ = t;
                x.val = None;
                let sig = self.builtin_make_sig(Some(t), &types, false);
                self.builtin_record_type(fun, id, sig);
            }

            Builtin::Max | Builtin::Min => {
                self.builtin_verify_version(fun, 21, &format!("built-in {name}"));
                let op = if id == Builtin::Max {
                    CompareOp::Gtr
                } else {
                    CompareOp::Lss
                };
                for i in 0..args.len() {
                    let mut a = args[i].clone();
                    if !a.is_valid() {
                        return None;
                    }
                    if !self.builtin_all_ordered(a.typ) {
                        let msg =
                            format!("invalid argument: {} cannot be ordered", self.op_str(&a));
                        self.errorf(op_pos(&a), msg);
                        return None;
                    }
                    if i > 0 {
                        self.minmax_match_types(&mut x, &mut a);
                        if !x.is_valid() || !a.is_valid() {
                            return None;
                        }
                        if !identical(&self.store, x.typ, a.typ) {
                            let msg = format!(
                                "invalid argument: mismatched types {} (previous argument) and {} (type of {})",
                                self.type_str(x.typ),
                                self.type_str(a.typ),
                                a.expr.map(expr_string).unwrap_or_default()
                            );
                            self.errorf(op_pos(&a), msg);
                            return None;
                        }
                        if x.mode == Mode::Constant && a.mode == Mode::Constant {
                            if let (Some(av), Some(xv)) = (&a.val, &x.val) {
                                if av.compare(op, xv) {
                                    x = a.clone();
                                }
                            }
                        } else {
                            x.mode = Mode::Value;
                        }
                    }
                    args[i] = a;
                }
                if x.mode != Mode::Constant {
                    x.mode = Mode::Value;
                    self.assignment(
                        &mut x,
                        Some(universe::EMPTY_INTERFACE),
                        &format!("argument to built-in {name}"),
                    );
                    if !x.is_valid() {
                        return None;
                    }
                }
                for a in &args {
                    if let Some(ae) = a.expr {
                        self.update_expr_type(ae, x.typ, true);
                    }
                }
                if x.mode != Mode::Constant {
                    let types = vec![x.typ; nargs];
                    let sig = self.builtin_make_sig(Some(x.typ), &types, false);
                    self.builtin_record_type(fun, id, sig);
                }
            }

            Builtin::New => {
                let arg = &arg_list[0];
                x = self.expr_or_type(arg, false);
                self.exclude_modes(
                    &mut x,
                    ModeSet {
                        no_value: true,
                        builtin: true,
                        type_expr: false,
                    },
                );
                match x.mode {
                    Mode::Invalid => return None,
                    Mode::TypeExpr => self.builtin_valid_var_type(arg, x.typ),
                    _ => {
                        if is_untyped(&self.store, x.typ) {
                            self.assignment(&mut x, None, "argument to new");
                            if !x.is_valid() {
                                return None;
                            }
                        }
                        self.builtin_verify_version(fun, 26, &format!("new({})", expr_string(arg)));
                    }
                }
                let t = x.typ;
                x.mode = Mode::Value;
                x.typ = self.store.arena.add_type(Type::Pointer(t));
                x.val = None;
                let sig = self.builtin_make_sig(Some(x.typ), &[t], false);
                self.builtin_record_type(fun, id, sig);
            }

            Builtin::Panic => {
                self.assignment(&mut x, Some(universe::EMPTY_INTERFACE), "argument to panic");
                if !x.is_valid() {
                    return None;
                }
                x.mode = Mode::NoValue;
                let sig = self.builtin_make_sig(None, &[universe::EMPTY_INTERFACE], false);
                self.builtin_record_type(fun, id, sig);
            }

            Builtin::Print | Builtin::Println => {
                let mut params = Vec::new();
                for a in &mut args {
                    self.assignment(a, None, &format!("argument to built-in {name}"));
                    if !a.is_valid() {
                        return None;
                    }
                    params.push(a.typ);
                }
                x.mode = Mode::NoValue;
                let sig = self.builtin_make_sig(None, &params, false);
                self.builtin_record_type(fun, id, sig);
            }

            Builtin::Recover => {
                x.mode = Mode::Value;
                x.typ = universe::EMPTY_INTERFACE;
                let sig = self.builtin_make_sig(Some(x.typ), &[], false);
                self.builtin_record_type(fun, id, sig);
            }

            Builtin::Add => {
                self.builtin_verify_version(fun, 17, "unsafe.Add");
                self.assignment(
                    &mut x,
                    Some(universe::UNSAFE_POINTER),
                    "argument to unsafe.Add",
                );
                if !x.is_valid() {
                    return None;
                }
                let mut y = args[1].clone();
                if !self.valid_index(&mut y, "length", true) {
                    return None;
                }
                x.mode = Mode::Value;
                x.typ = universe::UNSAFE_POINTER;
                let sig = self.builtin_make_sig(Some(x.typ), &[x.typ, y.typ], false);
                self.builtin_record_type(fun, id, sig);
            }

            Builtin::Alignof | Builtin::Sizeof => {
                let ctx = format!("argument to unsafe.{name}");
                self.assignment(&mut x, None, &ctx);
                if !x.is_valid() {
                    return None;
                }
                if self.builtin_has_var_size(x.typ, &mut Vec::new()) {
                    x.mode = Mode::Value;
                    let sig =
                        self.builtin_make_sig(Some(basic(BasicKind::Uintptr)), &[x.typ], false);
                    self.builtin_record_type(fun, id, sig);
                } else {
                    let v = if id == Builtin::Sizeof {
                        let size = self.gc_sizeof(x.typ);
                        if size < 0 {
                            let msg = format!("{} is too large", self.op_str(&x));
                            self.errorf(op_pos(&x), msg);
                            return None;
                        }
                        size
                    } else {
                        self.gc_alignof(x.typ)
                    };
                    x.mode = Mode::Constant;
                    x.val = Some(Value::from_i64(v));
                }
                x.typ = basic(BasicKind::Uintptr);
            }

            Builtin::Offsetof => {
                let arg0 = &arg_list[0];
                let ExprKind::Selector(base_expr, sel) = &arg0.unparen().kind else {
                    self.errorf(
                        arg0.start_pos(),
                        format!(
                            "invalid argument: {} is not a selector expression",
                            expr_string(arg0)
                        ),
                    );
                    self.use_exprs(std::slice::from_ref(arg0));
                    return None;
                };
                let selx = arg0.unparen();
                x = self.expr(None, base_expr);
                if !x.is_valid() {
                    return None;
                }
                let base = self.builtin_deref_struct_ptr(x.typ);
                let pkg = Some(self.pkg());
                let (obj, index, indirect) =
                    match lookup_field_or_method(&self.store, base, false, pkg, sel.value) {
                        Lookup::Found {
                            obj,
                            index,
                            indirect,
                        } => (obj, index, indirect),
                        _ => {
                            let msg = format!(
                                "invalid argument: {} has no single field {}",
                                self.type_str(base),
                                sel.value
                            );
                            self.errorf(op_pos(&x), msg);
                            return None;
                        }
                    };
                if matches!(self.store.obj(obj).kind, ObjKind::Func { .. }) {
                    self.errorf(
                        arg0.start_pos(),
                        format!("invalid argument: {} is a method value", expr_string(arg0)),
                    );
                    return None;
                }
                if indirect {
                    let msg = format!(
                        "invalid argument: field {} is embedded via a pointer in {}",
                        sel.value,
                        self.type_str(base)
                    );
                    self.errorf(op_pos(&x), msg);
                    return None;
                }
                let index: Vec<u32> = index.iter().map(|&i| i as u32).collect();
                self.record_selection(
                    selx,
                    Selection {
                        kind: SelectionKind::FieldVal,
                        recv: base,
                        obj,
                        index: index.clone(),
                        indirect: false,
                    },
                );
                let ftyp = self.store.obj(obj).typ.unwrap_or(universe::INVALID);
                let mode = if x.mode == Mode::Variable {
                    Mode::Variable
                } else {
                    Mode::Value
                };
                self.record_type_and_value(selx, mode, ftyp, None);
                if self.builtin_has_var_size(base, &mut Vec::new()) {
                    x.mode = Mode::Value;
                    let sig =
                        self.builtin_make_sig(Some(basic(BasicKind::Uintptr)), &[ftyp], false);
                    self.builtin_record_type(fun, id, sig);
                } else {
                    let offs = self.gc_offsetof(base, &index);
                    if offs < 0 {
                        let msg = format!("{} is too large", self.op_str(&x));
                        self.errorf(op_pos(&x), msg);
                        return None;
                    }
                    x.mode = Mode::Constant;
                    x.val = Some(Value::from_i64(offs));
                }
                x.typ = basic(BasicKind::Uintptr);
            }

            Builtin::Slice => {
                self.builtin_verify_version(fun, 17, "unsafe.Slice");
                let u = self.common_underlying(x.typ, |_, _, _| None).ok();
                let Some(Type::Pointer(elem)) = u.map(|u| self.store.ty(u)) else {
                    let msg = format!("invalid argument: {} is not a pointer", self.op_str(&x));
                    self.errorf(op_pos(&x), msg);
                    return None;
                };
                let (elem, ptr) = (*elem, u.unwrap_or(universe::INVALID));
                let mut y = args[1].clone();
                if !self.valid_index(&mut y, "length", false) {
                    return None;
                }
                x.mode = Mode::Value;
                x.typ = self.store.arena.add_type(Type::Slice(elem));
                let sig = self.builtin_make_sig(Some(x.typ), &[ptr, y.typ], false);
                self.builtin_record_type(fun, id, sig);
            }

            Builtin::SliceData => {
                self.builtin_verify_version(fun, 20, "unsafe.SliceData");
                let u = self.common_underlying(x.typ, |_, _, _| None).ok();
                let Some(Type::Slice(elem)) = u.map(|u| self.store.ty(u)) else {
                    let msg = format!("invalid argument: {} is not a slice", self.op_str(&x));
                    self.errorf(op_pos(&x), msg);
                    return None;
                };
                let (elem, slice) = (*elem, u.unwrap_or(universe::INVALID));
                x.mode = Mode::Value;
                x.typ = self.store.arena.add_type(Type::Pointer(elem));
                let sig = self.builtin_make_sig(Some(x.typ), &[slice], false);
                self.builtin_record_type(fun, id, sig);
            }

            Builtin::String => {
                self.builtin_verify_version(fun, 20, "unsafe.String");
                let pbyte = self.store.arena.add_type(Type::Pointer(universe::BYTE));
                self.assignment(&mut x, Some(pbyte), "argument to unsafe.String");
                if !x.is_valid() {
                    return None;
                }
                let mut y = args[1].clone();
                if !self.valid_index(&mut y, "length", false) {
                    return None;
                }
                x.mode = Mode::Value;
                x.typ = universe::STRING;
                let sig = self.builtin_make_sig(Some(x.typ), &[pbyte, y.typ], false);
                self.builtin_record_type(fun, id, sig);
            }

            Builtin::StringData => {
                self.builtin_verify_version(fun, 20, "unsafe.StringData");
                self.assignment(
                    &mut x,
                    Some(universe::STRING),
                    "argument to unsafe.StringData",
                );
                if !x.is_valid() {
                    return None;
                }
                x.mode = Mode::Value;
                x.typ = self.store.arena.add_type(Type::Pointer(universe::BYTE));
                let sig = self.builtin_make_sig(Some(x.typ), &[universe::STRING], false);
                self.builtin_record_type(fun, id, sig);
            }
        }
        if !x.is_valid() {
            return None;
        }
        Some(x)
    }

    /// The arguments of a built-in as values (types2's exprList): a single
    /// argument may be a call with several results.
    fn builtin_expr_list(&mut self, es: &'a [Expr]) -> Vec<Operand<'a>> {
        match es.len() {
            0 => Vec::new(),
            1 => self.multi_expr(&es[0], false),
            _ => es.iter().map(|e| self.expr(None, e)).collect(),
        }
    }

    /// Reports a feature newer than the language version.
    fn builtin_verify_version(&mut self, at: &Expr, minor: u32, what: &str) -> bool {
        if self.allow_version(minor) {
            return true;
        }
        self.errorf(
            at.start_pos(),
            format!("{what} requires go1.{minor} or later"),
        );
        false
    }

    /// Records the signature a built-in was called with at the callee
    /// (and the parenthesized expressions around it).
    fn builtin_record_type(&mut self, fun: &'a Expr, id: Builtin, sig: TypeId) {
        let mut f = fun;
        loop {
            self.record_type_and_value(f, Mode::Builtin(id), sig, None);
            match &f.kind {
                ExprKind::Paren(inner) => f = inner,
                _ => return,
            }
        }
    }

    /// A signature of unnamed parameters (untyped ones get their default
    /// types) and an optional result.
    fn builtin_make_sig(
        &mut self,
        res: Option<TypeId>,
        params: &[TypeId],
        variadic: bool,
    ) -> TypeId {
        let params: Vec<TypeId> = params
            .iter()
            .map(|&t| default_type(&self.store, t))
            .collect();
        let params = self.call_new_tuple(&params);
        let results = match res {
            Some(r) => self.call_new_tuple(&[r]),
            None => self.call_new_tuple(&[]),
        };
        self.store.arena.add_type(Type::Signature(Signature {
            recv: None,
            tparams: Vec::new(),
            recv_tparams: Vec::new(),
            params,
            results,
            variadic,
        }))
    }

    /// The element type of a slice operand (all types of a type
    /// parameter's type set must be slices of one element type).
    fn builtin_slice_elem(&self, x: &Operand) -> Result<TypeId, String> {
        let mut elem: Option<TypeId> = None;
        for (_, u) in crate::expr::type_set_members(&self.store, x.typ) {
            let Some(Type::Slice(e)) = u.map(|u| self.store.ty(u)) else {
                return Err(if x.mode == Mode::NilValue {
                    "argument must be a slice; have untyped nil".into()
                } else {
                    format!("argument must be a slice; have {}", self.op_str(x))
                });
            };
            match elem {
                None => elem = Some(*e),
                Some(prev) if !identical(&self.store, prev, *e) => {
                    return Err(format!(
                        "mismatched slice element types {} and {} in {}",
                        self.type_str(prev),
                        self.type_str(*e),
                        self.op_str(x)
                    ));
                }
                _ => {}
            }
        }
        elem.ok_or_else(|| format!("argument must be a slice; have {}", self.op_str(x)))
    }

    fn builtin_is_byte_slice(&self, u: TypeId) -> bool {
        matches!(self.store.ty(u), Type::Slice(e) if identical(&self.store, *e, universe::BYTE))
    }

    /// Whether `x` is assignable to `[]byte`.
    fn builtin_assignable_to_bytes(&mut self, x: &Operand) -> bool {
        let bytes = self.store.arena.add_type(Type::Slice(universe::BYTE));
        let q = self.qualifier();
        crate::assignable::assignable_to(&self.store, &q, x, bytes).is_ok()
    }

    /// Whether every type in `t`'s type set satisfies `f` (types2's
    /// underIs); `f` gets no call for a type set without specific types
    /// (that fails).
    fn builtin_under_is(&self, t: TypeId, f: impl Fn(&Self, TypeId) -> bool) -> bool {
        crate::expr::type_set_members(&self.store, t)
            .into_iter()
            .all(|(_, u)| u.is_some_and(|u| f(self, u)))
    }

    /// types2's allBasic: `t`'s (or every type in its type set's) basic
    /// type has `info`.
    fn builtin_all_basic(&self, t: TypeId, info: BasicInfo) -> bool {
        let has = |t: TypeId| basic_kind(&self.store, t).is_some_and(|k| k.info().has(info));
        if is_type_param(&self.store, t) {
            return self.builtin_under_is(t, |_, u| has(u));
        }
        has(t)
    }

    fn builtin_all_ordered(&self, t: TypeId) -> bool {
        let ordered = |t: TypeId| basic_kind(&self.store, t).is_some_and(|k| k.info().is_ordered());
        if is_type_param(&self.store, t) {
            return self.builtin_under_is(t, |_, u| ordered(u));
        }
        ordered(t)
    }

    /// Gives untyped operands of a binary operation the other operand's
    /// type where that is allowed (types2's matchTypes, for ordered
    /// operands).
    fn minmax_match_types(&mut self, x: &mut Operand<'a>, y: &mut Operand<'a>) {
        let xu = is_untyped(&self.store, x.typ);
        let yu = is_untyped(&self.store, y.typ);
        if !xu && !yu {
            return;
        }
        // Only numbers convert to numbers, strings to strings.
        let numeric = BasicInfo(BasicInfo::INTEGER.0 | BasicInfo::FLOAT.0 | BasicInfo::COMPLEX.0);
        if self.builtin_all_basic(x.typ, numeric) != self.builtin_all_basic(y.typ, numeric)
            || self.builtin_all_basic(x.typ, BasicInfo::STRING)
                != self.builtin_all_basic(y.typ, BasicInfo::STRING)
        {
            return;
        }
        self.convert_untyped(x, y.typ);
        if !x.is_valid() {
            return;
        }
        self.convert_untyped(y, x.typ);
        if !y.is_valid() {
            *x = Operand::invalid(x.expr);
        }
    }

    /// The type a built-in computes from its argument's type (`f`); for a
    /// type parameter argument, a new type parameter whose type set is the
    /// results for each type (types2's applyTypeFunc).
    fn builtin_apply_type_func(
        &mut self,
        f: impl Fn(BasicKind) -> Option<TypeId>,
        x: &Operand<'a>,
        id: Builtin,
    ) -> Option<TypeId> {
        let t = unalias(&self.store, x.typ);
        let Type::TypeParam(tp) = self.store.ty(t).clone() else {
            return basic_kind(&self.store, x.typ).and_then(&f);
        };
        let ts = type_set(&self.store, t);
        if ts.terms.0.is_empty() || ts.terms.is_all() {
            return None;
        }
        let mut terms = Vec::new();
        for term in &ts.terms.0 {
            let TypeTerm::Type { tilde, typ } = term else {
                return None;
            };
            let r = basic_kind(&self.store, *typ).and_then(&f)?;
            terms.push(Term {
                tilde: *tilde,
                typ: r,
            });
        }
        let msg = format!(
            "{} not supported as argument to built-in {} for go1.18 (see go.dev/issue/50937)",
            self.op_str(x),
            id.name()
        );
        self.soft_errorf(op_pos(x), msg);
        let tp_name = self.store.obj(tp.obj).name;
        let pkg = self.pkg();
        let union = self.store.arena.add_type(Type::Union(terms));
        let iface = self.store.arena.add_type(Type::Interface(Interface {
            embeddeds: vec![union],
            ..Interface::default()
        }));
        let obj = self.store.arena.add_object(Object::new(
            tp_name,
            syntax::Pos::NONE,
            Some(pkg),
            None,
            ObjKind::TypeName,
        ));
        let ptyp = self.store.arena.add_type(Type::TypeParam(TypeParam {
            obj,
            index: tp.index,
            bound: Some(iface),
        }));
        self.store.arena.obj_mut(obj).typ = Some(ptyp);
        Some(ptyp)
    }

    /// `A` for `*A` with an array `A`, else `t`.
    fn builtin_array_ptr_deref(&self, t: TypeId) -> TypeId {
        if let Type::Pointer(b) = self.store.ty(unalias(&self.store, t)) {
            let u = underlying(&self.store, *b);
            if let Type::Array(..) = self.store.ty(u) {
                return u;
            }
        }
        t
    }

    /// `S` for a pointer to a struct `S`, else `t`.
    fn builtin_deref_struct_ptr(&self, t: TypeId) -> TypeId {
        if let Type::Pointer(b) = self.store.ty(underlying(&self.store, t)) {
            if let Type::Struct(_) = self.store.ty(underlying(&self.store, *b)) {
                return *b;
            }
        }
        t
    }

    /// A new type used as a variable's type must not be a constraint
    /// interface (types2's validVarType; checked once types are complete).
    fn builtin_valid_var_type(&mut self, e: &'a Expr, t: TypeId) {
        if is_type_param(&self.store, t) {
            return;
        }
        self.later(move |c| {
            if let Type::Interface(_) = c.store.ty(underlying(&c.store, t)) {
                let ts = type_set(&c.store, t);
                if !ts.is_method_set() {
                    let why = if ts.comparable {
                        "interface is (or embeds) comparable"
                    } else {
                        "interface contains type constraints"
                    };
                    let msg = format!(
                        "cannot use type {} outside a type constraint: {why}",
                        c.type_str(t)
                    );
                    c.soft_errorf(e.start_pos(), msg);
                }
            }
        });
    }

    /// Whether `t`'s size depends on type parameters, or is unknown
    /// because `t` is part of a declaration cycle still being checked
    /// (types2's hasVarSize; the cycle is reported).
    fn builtin_has_var_size(&mut self, t: TypeId, seen: &mut Vec<TypeId>) -> bool {
        let t = unalias(&self.store, t);
        if seen.contains(&t) {
            return false;
        }
        match self.store.ty(t) {
            Type::Named(n) => {
                let (obj, u) = (n.obj, n.underlying);
                // (Instances are types of their own, never on the path.)
                let on_path = match n.origin {
                    Some(_) => None,
                    None => self.obj_path.iter().position(|&o| o == obj),
                };
                if let Some(i) = on_path {
                    let cycle = self.obj_path[i..].to_vec();
                    let start = (0..cycle.len())
                        .min_by_key(|&k| self.store.obj(cycle[k]).pos)
                        .unwrap_or(0);
                    self.cycle_error(&cycle, start);
                    return true;
                }
                let Some(u) = u else {
                    return false;
                };
                let instance = n.origin.is_some();
                seen.push(t);
                if !instance {
                    self.obj_path.push(obj);
                }
                let r = self.builtin_has_var_size(u, seen);
                if !instance {
                    self.obj_path.pop();
                }
                seen.pop();
                r
            }
            Type::Array(_, e) => {
                let e = *e;
                self.builtin_has_var_size(e, seen)
            }
            Type::Struct(st) => {
                let fields: Vec<TypeId> = st
                    .fields
                    .iter()
                    .filter_map(|&f| self.store.obj(f).typ)
                    .collect();
                fields
                    .into_iter()
                    .any(|ft| self.builtin_has_var_size(ft, seen))
            }
            Type::TypeParam(_) => true,
            _ => false,
        }
    }

    /// gc's size of `t` on amd64; -1 if too large.
    pub(crate) fn gc_sizeof(&self, t: TypeId) -> i64 {
        crate::sizes::sizeof(&self.store, t)
    }

    /// gc's alignment of `t` on amd64.
    pub(crate) fn gc_alignof(&self, t: TypeId) -> i64 {
        crate::sizes::alignof(&self.store, t)
    }

    /// gc's field offsets of a struct on amd64 (-1 once too large).
    pub(crate) fn gc_offsetsof(&self, fields: &[ObjId]) -> Vec<i64> {
        crate::sizes::offsetsof(&self.store, fields)
    }

    /// The offset of the field at embedding path `index` in struct `t`.
    fn gc_offsetof(&self, mut t: TypeId, index: &[u32]) -> i64 {
        let mut offs: i64 = 0;
        for &i in index {
            let Type::Struct(st) = self.store.ty(underlying(&self.store, t)) else {
                return -1;
            };
            let Some(&f) = st.fields.get(i as usize) else {
                return -1;
            };
            let d = self.gc_offsetsof(&st.fields)[i as usize];
            if d < 0 {
                return -1;
            }
            offs = offs.wrapping_add(d);
            if offs < 0 {
                return -1;
            }
            t = self.store.obj(f).typ.unwrap_or(universe::INVALID);
        }
        offs
    }
}

fn basic(k: BasicKind) -> TypeId {
    universe::basic(k)
}

#[cfg(test)]
mod tests {
    use crate::arena::World;
    use crate::check::Checker;
    use crate::testutil::{check_source, field, UnsafeOnly, P};
    use crate::ty::{BasicKind, Struct, Type};
    use crate::universe::{self, basic, INT, STRING};

    /// gc's sizes, alignments and offsets on amd64 (checked with
    /// unsafe.Sizeof/Alignof/Offsetof compiled by gc).
    #[test]
    fn sizes_like_gc_on_amd64() {
        let world = World::new();
        let fset = syntax::FileSet::new();
        let files: Vec<syntax::ast::File> = Vec::new();
        let mut c = Checker::new(&world, &fset, P, "p", &files, &UnsafeOnly);
        let l = &mut c.store;
        let b = basic(BasicKind::Bool);
        let i64_ = basic(BasicKind::Int64);
        let i32_ = basic(BasicKind::Int32);
        let i16_ = basic(BasicKind::Int16);
        let c64 = basic(BasicKind::Complex64);
        let c128 = basic(BasicKind::Complex128);
        // struct{ a bool; b int64; c bool }
        let fs = vec![
            field(l, "a", b, false),
            field(l, "b", i64_, false),
            field(l, "c", b, false),
        ];
        let s1 = l.arena.add_type(Type::Struct(Struct {
            fields: fs.clone(),
            tags: vec![],
        }));
        // struct{ a int32; e struct{} }: a trailing zero-size field takes
        // a byte.
        let empty = l.arena.add_type(Type::Struct(Struct::default()));
        let fs2 = vec![field(l, "a", i32_, false), field(l, "e", empty, false)];
        let s2 = l.arena.add_type(Type::Struct(Struct {
            fields: fs2,
            tags: vec![],
        }));
        let arr = l.arena.add_type(Type::Array(Some(3), i16_));
        let slice = l.arena.add_type(Type::Slice(INT));
        let fs3 = vec![field(l, "x", c64, false), field(l, "y", b, false)];
        let s3 = l.arena.add_type(Type::Struct(Struct {
            fields: fs3,
            tags: vec![],
        }));
        let cases = [
            (s1, 24, 8),
            (s2, 8, 4),
            (empty, 0, 1),
            (arr, 6, 2),
            (slice, 24, 8),
            (STRING, 16, 8),
            (universe::EMPTY_INTERFACE, 16, 8),
            (c64, 8, 4),
            (c128, 16, 8),
            (s3, 12, 4),
            (universe::UNSAFE_POINTER, 8, 8),
        ];
        for (t, size, align) in cases {
            assert_eq!(
                (c.gc_sizeof(t), c.gc_alignof(t)),
                (size, align),
                "{}",
                c.type_str(t)
            );
        }
        assert_eq!(c.gc_offsetsof(&fs), vec![0, 8, 16]);
    }

    #[test]
    fn builtin_errors_like_gc() {
        let src = "package p

import \"unsafe\"

type T struct {
	a bool
	b int64
}

func _() {
	var x int
	len()
	len(1, 2)
	_ = len(x)
	_ = make([]int)
	_ = make([]int, 3, 2)
	_ = unsafe.Offsetof(x)
	const _ = unsafe.Sizeof(T{})
	const _ = unsafe.Offsetof(T{}.b)
	_ = append(1, 2)
	_ = copy([]int{}, []string{})
	close(x)
	delete(x, 1)
	_ = complex(1, \"a\")
	_ = real(x)
	clear(x)
	_ = max(x, 1.5)
	_ = min(\"a\", 1)
	_ = new(int)
	_ = cap(map[int]int{})
}
";
        assert_eq!(
            check_source(src),
            vec![
                "a.go:12:2: invalid operation: not enough arguments for len() (expected 1, found 0)",
                "a.go:13:2: invalid operation: too many arguments for len(1, 2) (expected 1, found 2)",
                "a.go:14:10: invalid argument: x (variable of type int) for built-in len",
                "a.go:15:6: invalid operation: make([]int) expects 2 or 3 arguments; found 1",
                "a.go:16:18: invalid argument: length and capacity swapped",
                "a.go:17:22: invalid argument: x is not a selector expression",
                "a.go:20:13: invalid append: argument must be a slice; have 1 (untyped int constant)",
                "a.go:21:11: invalid copy: arguments []int{} (value of type []int) and []string{} (value of type []string) have different element types int and string",
                "a.go:22:8: invalid operation: cannot close non-channel x (variable of type int)",
                "a.go:23:9: invalid argument: x (variable of type int) is not a map",
                "a.go:24:14: invalid operation: complex(1, \"a\") (mismatched types untyped float and untyped string)",
                "a.go:25:11: invalid argument: argument has type int, expected complex type",
                "a.go:26:8: invalid argument: cannot clear x (variable of type int): argument must be (or constrained by) map or slice",
                "a.go:27:13: 1.5 (untyped float constant) truncated to int",
                "a.go:28:15: invalid argument: mismatched types untyped string (previous argument) and untyped int (type of 1)",
                "a.go:30:10: invalid argument: map[int]int{} (value of type map[int]int) for built-in cap"
,
            ]
        );
    }

    /// len and cap are constant for arrays and pointers to arrays unless
    /// the argument has calls or receives, and for constant strings.
    #[test]
    fn constant_len_and_cap_like_gc() {
        let src = "package p\n\nfunc f() int { return 0 }\n\nvar ch chan [3]int\nvar pa *[4]int\n\nfunc g() *[5]int { return nil }\n\nconst (\n\ta = len([3]int{})\n\tb = len([3]int{f(), 1, 2})\n\tc = len(<-ch)\n\td = cap(pa)\n\te = len(g())\n\ts = len(\"héllo\")\n\tm = len([...]int{1, 2, 3, 9: 0})\n)\n";
        assert_eq!(
            check_source(src),
            vec![
                "a.go:12:6: len([3]int{…}) (value of type int) is not constant",
                "a.go:13:6: len(<-ch) (value of type int) is not constant",
                "a.go:15:6: len(g()) (value of type int) is not constant",
            ]
        );
    }

    /// complex, real and imag of type parameters: a synthetic type
    /// parameter for the result, and gc's go1.18 soft error.
    #[test]
    fn complex_of_type_parameters_like_gc() {
        let src = "package p\n\nfunc _[F ~float32 | ~float64, C ~complex64 | ~complex128, I ~int](f F, c C, i I) {\n\tvar _ int = complex(f, f)\n\tvar _ int = real(c)\n\tvar _ int = imag(c)\n\t_ = complex(i, i)\n\t_ = real(f)\n}\n";
        assert_eq!(
            check_source(src),
            vec![
                "a.go:4:14: cannot use complex(f, f) (value of type F constrained by interface{~complex64 | ~complex128}) as int value in variable declaration",
                "a.go:4:22: f (variable of type F constrained by ~float32 | ~float64) not supported as argument to built-in complex for go1.18 (see go.dev/issue/50937)",
                "a.go:5:14: cannot use real(c) (value of type C constrained by interface{~float32 | ~float64}) as int value in variable declaration",
                "a.go:5:19: c (variable of type C constrained by ~complex64 | ~complex128) not supported as argument to built-in real for go1.18 (see go.dev/issue/50937)",
                "a.go:6:14: cannot use imag(c) (value of type C constrained by interface{~float32 | ~float64}) as int value in variable declaration",
                "a.go:6:19: c (variable of type C constrained by ~complex64 | ~complex128) not supported as argument to built-in imag for go1.18 (see go.dev/issue/50937)",
                "a.go:7:14: invalid argument: arguments have type I, expected floating-point",
                "a.go:8:11: invalid argument: argument has type F, expected complex type",
            ]
        );
    }
}
