//! A whole program to one relocatable object: every IR function compiled
//! by Cranelift, the IR's data, and what the runtime needs to start and
//! to print tracebacks (docs/ABI.md): C's `main`, `go.entry`, the
//! function table with line tables, and `go.moduledata`.

use std::collections::HashMap;

use cranelift_codegen::ir::{types, InstBuilder, UserFuncName};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::Context;
use cranelift_frontend::FunctionBuilderContext;
use cranelift_module::{DataDescription, Linkage, Module};
use cranelift_object::{ObjectBuilder, ObjectModule};

use ir::func::{Module as IrModule, Ty};

use crate::lower::{big_frame_thunk, lower, signature, Symbols};

/// One function's entry in the function table (docs/ABI.md).
const FUNC_INFO_SIZE: usize = 72;

/// `go.moduledata`: eight words (docs/ABI.md).
const MODULEDATA_SIZE: usize = 64;

/// One `go.gcroots` entry: address, size, type descriptor.
const GCROOT_SIZE: usize = 24;

/// Whether a relocation in a datum refers to code: a function of the
/// module, or a runtime entry point (`runtime.memequal_varlen`...) as
/// opposed to the runtime's closure objects (`runtime.strequal·f`) and
/// other data.
fn is_code_symbol(syms: &Symbols<'_, impl Module>, sym: &str) -> bool {
    if syms.funcs.contains_key(sym) {
        return true;
    }
    if syms.data.contains_key(sym) || sym.ends_with("·f") {
        return false;
    }
    sym.starts_with("runtime.")
}

/// Functions whose stack slots take more than this get a thunk that makes
/// room on the goroutine stack before the frame exists: a prologue check
/// runs only after the frame is allocated, and the runtime's slack below
/// the guard covers small frames only.
const BIG_FRAME: u32 = 16 << 10;

/// The bytes of `f`'s explicit stack slots (with their alignment).
fn frame_bytes(f: &ir::func::Func) -> u32 {
    f.slots.iter().fold(0u32, |acc, s| {
        acc.next_multiple_of(s.align.max(1)).saturating_add(s.size)
    })
}

/// Compiles `m` to an ELF object. `inits` are the package initializers
/// to run before `main.main`, in order.
pub fn emit_object(m: &IrModule, inits: &[String]) -> Result<Vec<u8>, String> {
    let mut flags = settings::builder();
    let set = |f: &mut settings::Builder, k: &str, v: &str| {
        f.set(k, v)
            .map_err(|e| format!("cranelift setting {k}: {e}"))
    };
    set(&mut flags, "opt_level", "speed")?;
    set(&mut flags, "is_pic", "true")?;
    set(&mut flags, "preserve_frame_pointers", "true")?;
    set(&mut flags, "enable_pinned_reg", "true")?;
    set(&mut flags, "enable_multi_ret_implicit_sret", "true")?;
    let isa = cranelift_codegen::isa::lookup(target_lexicon::Triple::host())
        .map_err(|e| format!("no Cranelift back end for this machine: {e}"))?
        .finish(settings::Flags::new(flags))
        .map_err(|e| format!("cranelift: {e}"))?;
    let builder = ObjectBuilder::new(isa, "go", cranelift_module::default_libcall_names())
        .map_err(|e| format!("cranelift: {e}"))?;
    let mut module = ObjectModule::new(builder);
    let mut syms = Symbols {
        module: &mut module,
        funcs: HashMap::new(),
        data: HashMap::new(),
    };

    // Declare everything first so calls and addresses resolve.
    let mut ids = Vec::new();
    // Bodies of big-frame functions, called by a thunk under the
    // function's own name (see `lower::big_frame_thunk`).
    let mut bodies: Vec<Option<cranelift_module::FuncId>> = Vec::new();
    for f in &m.funcs {
        let params: Vec<Ty> = f.params().iter().map(|&v| f.ty(v)).collect();
        let sig = signature(&params, &f.results);
        let id = syms
            .module
            .declare_function(&f.name, Linkage::Export, &sig)
            .map_err(|e| format!("declaring {}: {e}", f.name))?;
        syms.funcs.insert(f.name.clone(), id);
        ids.push(id);
        bodies.push(if frame_bytes(f) > BIG_FRAME {
            let name = format!("{}$body", f.name);
            Some(
                syms.module
                    .declare_function(&name, Linkage::Local, &sig)
                    .map_err(|e| format!("declaring {name}: {e}"))?,
            )
        } else {
            None
        });
    }
    for d in &m.data {
        let id = syms
            .module
            .declare_data(&d.name, Linkage::Local, !d.readonly, false)
            .map_err(|e| format!("declaring {}: {e}", d.name))?;
        syms.data.insert(d.name.clone(), id);
    }
    for d in &m.data {
        let mut desc = DataDescription::new();
        match &d.init {
            Some(bytes) => {
                let mut b = bytes.clone();
                b.resize(d.size as usize, 0);
                desc.define(b.into_boxed_slice());
            }
            None => desc.define_zeroinit(d.size as usize),
        }
        desc.set_align(d.align as u64);
        for (off, sym, addend) in &d.relocs {
            if is_code_symbol(&syms, sym) {
                // Cranelift's data relocations to functions take no addend.
                if *addend != 0 {
                    return Err(format!(
                        "{}: code address {sym}{addend:+} with an addend",
                        d.name
                    ));
                }
                let id = syms.func(sym, &[Ty::PTR; 3], &[Ty::PTR]);
                let fr = syms.module.declare_func_in_data(id, &mut desc);
                desc.write_function_addr(*off, fr);
            } else {
                let target = syms.datum(sym);
                let gv = syms.module.declare_data_in_data(target, &mut desc);
                desc.write_data_addr(*off, gv, *addend);
            }
        }
        let id = syms.data[&d.name];
        syms.module
            .define_data(id, &desc)
            .map_err(|e| format!("defining {}: {e}", d.name))?;
    }

    // Functions, with what the function table needs.
    // In definition order, which is address order (the table is sorted).
    struct Compiled {
        id: cranelift_module::FuncId,
        size: u32,
        lines: Vec<(u32, u32)>,
        /// Index into `m.funcs`.
        func: usize,
        /// A big-frame thunk: a wrapper in the table.
        thunk: bool,
    }
    let mut compiled = Vec::new();
    let mut ctx = Context::new();
    let mut fctx = FunctionBuilderContext::new();
    for (k, (f, &id)) in m.funcs.iter().zip(&ids).enumerate() {
        let params: Vec<Ty> = f.params().iter().map(|&v| f.ty(v)).collect();
        let mut parts = vec![(id, bodies[k].is_some())];
        if let Some(body) = bodies[k] {
            parts.push((body, false));
        }
        for (id, thunk) in parts {
            ctx.clear();
            ctx.func.signature = signature(&params, &f.results);
            ctx.func.name = UserFuncName::user(0, id.as_u32());
            if thunk {
                let body = bodies[k].expect("big-frame body");
                let need = frame_bytes(f) as i64 + BIG_FRAME as i64;
                big_frame_thunk(f, &mut ctx.func, &mut fctx, &mut syms, body, need);
            } else {
                lower(f, &mut ctx.func, &mut fctx, &mut syms, true);
            }
            syms.module
                .define_function(id, &mut ctx)
                .map_err(|e| format!("compiling {}: {e:?}", f.name))?;
            let code = ctx.compiled_code().expect("compiled");
            let size = code.buffer.data().len() as u32;
            let mut lines: Vec<(u32, u32)> = Vec::new();
            for l in code.buffer.get_srclocs_sorted() {
                if l.loc.is_default() {
                    continue;
                }
                let line = l.loc.bits();
                if lines.last().is_none_or(|&(_, prev)| prev != line) {
                    lines.push((l.start, line));
                }
            }
            compiled.push(Compiled {
                id,
                size,
                lines,
                func: k,
                thunk,
            });
        }
    }

    // go.entry: the package initializers, then main.main.
    let entry_sig = signature(&[], &[]);
    let entry_id = syms
        .module
        .declare_function("go.entry", Linkage::Export, &entry_sig)
        .map_err(|e| e.to_string())?;
    {
        ctx.clear();
        ctx.func.signature = entry_sig.clone();
        let mut b = cranelift_frontend::FunctionBuilder::new(&mut ctx.func, &mut fctx);
        let blk = b.create_block();
        b.switch_to_block(blk);
        let zero = b.ins().iconst(types::I64, 0);
        for name in inits.iter().map(String::as_str).chain(["main.main"]) {
            let id = syms.func(name, &[Ty::PTR], &[]);
            let r = syms.module.declare_func_in_func(id, b.func);
            b.ins().call(r, &[zero]);
        }
        b.ins().return_(&[]);
        b.seal_all_blocks();
        b.finalize(syms.module.isa().frontend_config());
        syms.module
            .define_function(entry_id, &mut ctx)
            .map_err(|e| format!("compiling go.entry: {e:?}"))?;
    }

    // The function table: names, files and line tables as data.
    let functab_id = syms
        .module
        .declare_data("go.functab", Linkage::Local, false, false)
        .map_err(|e| e.to_string())?;
    let mut tab = DataDescription::new();
    tab.define_zeroinit(FUNC_INFO_SIZE * compiled.len().max(1));
    tab.set_align(8);
    let mut tab_bytes = vec![0u8; FUNC_INFO_SIZE * compiled.len().max(1)];
    let mut tab_relocs: Vec<(u32, cranelift_module::DataId)> = Vec::new();
    let mut tab_funcs: Vec<(u32, cranelift_module::FuncId)> = Vec::new();
    let mut tab_ends: Vec<(u64, cranelift_module::FuncId, i64)> = Vec::new();
    let mut files: HashMap<&str, cranelift_module::DataId> = HashMap::new();
    for (k, c) in compiled.iter().enumerate() {
        let f = &m.funcs[c.func];
        let base = k * FUNC_INFO_SIZE;
        let shown = f.display.as_deref().unwrap_or(&f.name);
        let name_id = blob(&mut syms, &format!("go.funcname.{k}"), shown.as_bytes(), 1)?;
        // One copy of each file name.
        let file_id = match files.get(f.file.as_str()) {
            Some(&id) => id,
            None => {
                let name = format!("go.funcfile.{}", files.len());
                let id = blob(&mut syms, &name, f.file.as_bytes(), 1)?;
                files.insert(f.file.as_str(), id);
                id
            }
        };
        let mut lb = Vec::with_capacity(c.lines.len() * 8);
        for &(off, line) in &c.lines {
            lb.extend_from_slice(&off.to_le_bytes());
            lb.extend_from_slice(&line.to_le_bytes());
        }
        let lines_id = blob(&mut syms, &format!("go.funclines.{k}"), &lb, 4)?;
        tab_funcs.push((base as u32, c.id));
        // `end` (entry + size) is relocated after the module is finished:
        // Cranelift's data relocations to functions take no addend.
        tab_ends.push((base as u64 + 8, c.id, c.size as i64));
        tab_relocs.push(((base + 16) as u32, name_id));
        tab_bytes[base + 24..base + 32].copy_from_slice(&(shown.len() as u64).to_le_bytes());
        tab_relocs.push(((base + 32) as u32, file_id));
        tab_bytes[base + 40..base + 48].copy_from_slice(&(f.file.len() as u64).to_le_bytes());
        tab_relocs.push(((base + 48) as u32, lines_id));
        tab_bytes[base + 56..base + 64].copy_from_slice(&(c.lines.len() as u64).to_le_bytes());
        let flags: u32 = (f.wrapper || c.thunk) as u32 | ((f.no_args as u32) << 1);
        tab_bytes[base + 68..base + 72].copy_from_slice(&flags.to_le_bytes());
    }
    tab.define(tab_bytes.into_boxed_slice());
    for (off, id) in &tab_relocs {
        let gv = syms.module.declare_data_in_data(*id, &mut tab);
        tab.write_data_addr(*off, gv, 0);
    }
    for (off, id) in &tab_funcs {
        let fr = syms.module.declare_func_in_data(*id, &mut tab);
        tab.write_function_addr(*off, fr);
    }
    syms.module
        .define_data(functab_id, &tab)
        .map_err(|e| e.to_string())?;

    // go.gcroots: {addr, size, type} per package-level variable holding
    // pointers (the collector's global roots).
    let roots_id = syms
        .module
        .declare_data("go.gcroots", Linkage::Local, false, false)
        .map_err(|e| e.to_string())?;
    {
        let mut rd = DataDescription::new();
        let n = m.gc_roots.len();
        let mut rb = vec![0u8; (GCROOT_SIZE * n).max(8)];
        let sizes: HashMap<&str, u32> = m.data.iter().map(|d| (d.name.as_str(), d.size)).collect();
        for (i, (sym, _)) in m.gc_roots.iter().enumerate() {
            let size = sizes.get(sym.as_str()).copied().unwrap_or(0) as u64;
            rb[i * GCROOT_SIZE + 8..i * GCROOT_SIZE + 16].copy_from_slice(&size.to_le_bytes());
        }
        rd.define(rb.into_boxed_slice());
        rd.set_align(8);
        let types = syms.data.get(ir::typedesc::TYPES_SYM).copied();
        for (i, (sym, off)) in m.gc_roots.iter().enumerate() {
            let target = syms.datum(sym);
            let gv = syms.module.declare_data_in_data(target, &mut rd);
            rd.write_data_addr((i * GCROOT_SIZE) as u32, gv, 0);
            if let Some(t) = types {
                let gv = syms.module.declare_data_in_data(t, &mut rd);
                rd.write_data_addr((i * GCROOT_SIZE + 16) as u32, gv, *off as i64);
            }
        }
        syms.module
            .define_data(roots_id, &rd)
            .map_err(|e| e.to_string())?;
    }

    // go.moduledata: {functab, nfunc, types, etypes, textptrs, ntextptrs,
    // gcroots, ngcroots}.
    let md_id = syms
        .module
        .declare_data("go.moduledata", Linkage::Local, false, false)
        .map_err(|e| e.to_string())?;
    let mut md = DataDescription::new();
    let mut mdb = vec![0u8; MODULEDATA_SIZE];
    mdb[8..16].copy_from_slice(&(compiled.len() as u64).to_le_bytes());
    let types = m.data.iter().find(|d| d.name == ir::typedesc::TYPES_SYM);
    let textptrs = m.data.iter().find(|d| d.name == ir::typedesc::TEXTPTRS_SYM);
    if let Some(t) = textptrs {
        mdb[40..48].copy_from_slice(&(t.relocs.len() as u64).to_le_bytes());
    }
    mdb[56..64].copy_from_slice(&(m.gc_roots.len() as u64).to_le_bytes());
    md.define(mdb.into_boxed_slice());
    md.set_align(8);
    let gv = syms.module.declare_data_in_data(functab_id, &mut md);
    md.write_data_addr(0, gv, 0);
    if let Some(t) = types {
        let gv = syms
            .module
            .declare_data_in_data(syms.data[&t.name], &mut md);
        md.write_data_addr(16, gv, 0);
        md.write_data_addr(24, gv, t.size as i64);
    }
    if let Some(t) = textptrs {
        let gv = syms
            .module
            .declare_data_in_data(syms.data[&t.name], &mut md);
        md.write_data_addr(32, gv, 0);
    }
    let gv = syms.module.declare_data_in_data(roots_id, &mut md);
    md.write_data_addr(48, gv, 0);
    syms.module
        .define_data(md_id, &md)
        .map_err(|e| e.to_string())?;

    // C's main: runtime.rt0_go(argc, argv, go.entry, &go.moduledata).
    let mut main_sig = signature(&[Ty::I32, Ty::I64], &[Ty::I32]);
    main_sig.call_conv = cranelift_codegen::isa::CallConv::SystemV;
    let main_id = syms
        .module
        .declare_function("main", Linkage::Export, &main_sig)
        .map_err(|e| e.to_string())?;
    {
        ctx.clear();
        ctx.func.signature = main_sig;
        let mut b = cranelift_frontend::FunctionBuilder::new(&mut ctx.func, &mut fctx);
        let blk = b.create_block();
        b.append_block_params_for_function_params(blk);
        b.switch_to_block(blk);
        let p = b.block_params(blk).to_vec();
        let argc = b.ins().sextend(types::I64, p[0]);
        let er = syms.module.declare_func_in_func(entry_id, b.func);
        let entry = b.ins().func_addr(types::I64, er);
        let mdgv = syms.module.declare_data_in_func(md_id, b.func);
        let mdp = b.ins().symbol_value(types::I64, mdgv);
        let rt0 = syms.func("runtime.rt0_go", &[Ty::I64; 4], &[]);
        let r = syms.module.declare_func_in_func(rt0, b.func);
        b.ins().call(r, &[argc, p[1], entry, mdp]);
        let zero = b.ins().iconst(types::I32, 0);
        b.ins().return_(&[zero]);
        b.seal_all_blocks();
        b.finalize(syms.module.isa().frontend_config());
        syms.module
            .define_function(main_id, &mut ctx)
            .map_err(|e| format!("compiling main: {e:?}"))?;
    }

    let mut product = module.finish();
    {
        use cranelift_object::object::write::{Relocation, SymbolSection};
        use cranelift_object::object::{RelocationEncoding, RelocationFlags, RelocationKind};
        let tab_sym = product.data_symbol(functab_id);
        let (section, value) = {
            let sym = product.object.symbol(tab_sym);
            match sym.section {
                SymbolSection::Section(sec) => (sec, sym.value),
                _ => return Err("go.functab has no section".into()),
            }
        };
        for (off, fid, size) in tab_ends {
            let fsym = product.function_symbol(fid);
            let rel = Relocation {
                offset: value + off,
                symbol: fsym,
                addend: size,
                flags: RelocationFlags::Generic {
                    kind: RelocationKind::Absolute,
                    encoding: RelocationEncoding::Generic,
                    size: 64,
                },
            };
            product
                .object
                .add_relocation(section, rel)
                .map_err(|e| format!("relocating go.functab: {e}"))?;
        }
    }
    product
        .emit()
        .map_err(|e| format!("writing the object: {e}"))
}

/// A read-only byte blob as a local data symbol.
fn blob<M: Module>(
    syms: &mut Symbols<'_, M>,
    name: &str,
    bytes: &[u8],
    align: u64,
) -> Result<cranelift_module::DataId, String> {
    let id = syms
        .module
        .declare_data(name, Linkage::Local, false, false)
        .map_err(|e| e.to_string())?;
    let mut d = DataDescription::new();
    let mut b = bytes.to_vec();
    if b.is_empty() {
        b.push(0);
    }
    d.define(b.into_boxed_slice());
    d.set_align(align);
    syms.module.define_data(id, &d).map_err(|e| e.to_string())?;
    Ok(id)
}
