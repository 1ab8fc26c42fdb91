//! `rgo tool`: the list of tools, and the tools themselves. `parse` walks
//! the named files and directories, parses every Go file on all cores
//! (each file in its own FileSet, its tree dropped on the worker that
//! built it), and prints the errors in a deterministic order and a summary.

use crate::flags::{self, FlagError, Kind};
use crate::help::{usage_error, TOOLS};
use crate::{json, par, source};
use build::oserr::path_error;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub fn run(args: &[OsString]) -> i32 {
    let Some(name) = args.first() else {
        let mut out = std::io::stdout().lock();
        for t in TOOLS {
            let _ = writeln!(out, "{}", t.name);
        }
        return 0;
    };
    match name.to_str() {
        Some("parse") => parse(&args[1..]),
        Some("ir") => crate::buildcmd::tool_ir(&args[1..]),
        _ => {
            eprintln!("rgo: no such tool \"{}\"", name.to_string_lossy());
            2
        }
    }
}

/// One error for the report: where, and the text as printed.
struct Diag {
    file: String,
    line: u32,
    col: u32,
    msg: String,
    text: String,
}

impl Diag {
    /// An error about a file as a whole (it could not be read).
    fn whole(file: &Path, text: String) -> Diag {
        Diag {
            file: file.to_string_lossy().into_owned(),
            line: 0,
            col: 0,
            msg: text.clone(),
            text,
        }
    }
}

/// What parsing one file gave.
#[derive(Default)]
struct FileStats {
    bytes: usize,
    lines: usize,
    diags: Vec<Diag>,
    internal: bool,
}

fn parse_one(path: &Path) -> FileStats {
    let src = match source::read(path) {
        Ok(s) => s,
        Err(m) => {
            return FileStats {
                diags: vec![Diag::whole(path, m)],
                ..Default::default()
            }
        }
    };
    // A FileSet per file: workers share nothing while they parse.
    let fset = syntax::FileSet::new();
    let name = path.to_string_lossy();
    let mut st = FileStats {
        bytes: src.len(),
        ..Default::default()
    };
    match source::parse(&fset, &name, &src) {
        Ok((file, errs)) => {
            st.lines = source::line_count(&file.source, &src);
            drop(file);
            st.diags = errs
                .iter()
                .map(|e| {
                    let text = e.display(&fset).to_string();
                    match fset.position(e.pos) {
                        Some(p) => Diag {
                            file: p.filename.to_string(),
                            line: p.line,
                            col: p.col,
                            msg: e.msg.clone(),
                            text,
                        },
                        None => Diag {
                            file: name.to_string(),
                            line: 0,
                            col: 0,
                            msg: e.msg.clone(),
                            text,
                        },
                    }
                })
                .collect();
        }
        Err(m) => {
            st.internal = true;
            st.diags.push(Diag::whole(path, m));
        }
    }
    st
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn parse(args: &[OsString]) -> i32 {
    let start = Instant::now();
    let parsed = match flags::parse(&[("json", Kind::Bool)], args) {
        Ok(p) => p,
        Err(FlagError::Help) => return usage_error("tool parse", None),
        Err(FlagError::Bad(m)) => return usage_error("tool parse", Some(&m)),
    };
    let as_json = parsed.bool("json");
    let dot = [OsString::from(".")];
    let roots = if parsed.args.is_empty() {
        &dot[..]
    } else {
        &parsed.args[..]
    };

    let mut files: Vec<PathBuf> = Vec::new();
    let mut walk_errors: Vec<Diag> = Vec::new();
    for r in roots {
        let p = Path::new(r);
        match p.metadata() {
            Ok(m) if m.is_dir() => {
                let mut errs = Vec::new();
                build::walk::go_files_recursive(p, &mut files, &mut errs);
                walk_errors.extend(errs.into_iter().map(|m| Diag::whole(p, m)));
            }
            Ok(_) => files.push(p.to_path_buf()),
            Err(e) => walk_errors.push(Diag::whole(p, path_error("stat", p, &e))),
        }
    }

    let results = par::map(&files, |p| parse_one(p));

    let (mut bytes, mut lines, mut internal) = (0usize, 0usize, false);
    let mut diags: Vec<&Diag> = walk_errors.iter().collect();
    for r in &results {
        bytes += r.bytes;
        lines += r.lines;
        internal |= r.internal;
        diags.extend(r.diags.iter());
    }
    let secs = start.elapsed().as_secs_f64();
    let status = if internal {
        2
    } else if diags.is_empty() {
        0
    } else {
        1
    };

    let mut out = std::io::stdout().lock();
    if as_json {
        let mut s = format!(
            "{{\"files\": {}, \"lines\": {lines}, \"bytes\": {bytes}, \"error_count\": {}, \"seconds\": {secs:.3}, \"errors\": [",
            files.len(),
            diags.len()
        );
        for (i, d) in diags.iter().enumerate() {
            s.push_str(if i == 0 { "\n  " } else { ",\n  " });
            s.push_str(&format!(
                "{{\"file\": {}, \"line\": {}, \"col\": {}, \"msg\": {}, \"text\": {}}}",
                json::quote(&d.file),
                d.line,
                d.col,
                json::quote(&d.msg),
                json::quote(&d.text)
            ));
        }
        s.push_str(if diags.is_empty() { "]}\n" } else { "\n]}\n" });
        let _ = out.write_all(s.as_bytes());
        return status;
    }
    let mut err = std::io::BufWriter::new(std::io::stderr().lock());
    for d in &diags {
        let _ = writeln!(err, "{}", d.text);
    }
    let _ = err.flush();
    let _ = writeln!(
        out,
        "parsed {}, {}, {}, {} in {secs:.2}s",
        plural(files.len(), "file"),
        plural(lines, "line"),
        plural(bytes, "byte"),
        plural(diags.len(), "error"),
    );
    status
}
