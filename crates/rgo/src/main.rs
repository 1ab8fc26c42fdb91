//! The rgo command: the go command's interface to rgo, a Go toolchain
//! written in Rust.
//!
//! Owns the command line (flags parsed and errors worded as the go command
//! words them), the help texts, and the commands that drive the other
//! crates: `check` (syntax), `env` and GOROOT (build), `tool parse`,
//! `version`. Exit statuses follow the go command: 0 success, 1 errors in
//! the code checked, 2 usage errors and unimplemented commands.
//!
//! It owns no compiler logic: that lives in the library crates.

mod buildcmd;
mod check;
mod envcmd;
mod flags;
mod help;
mod json;
use build::par;
mod source;
mod tool;

use std::ffi::OsString;
use std::io::Write;

/// `rgo version`'s line.
fn version_line() -> String {
    format!(
        "rgo version {} ({} compatible) {}/{}",
        env!("CARGO_PKG_VERSION"),
        build::GO_LANG_VERSION,
        build::GOOS,
        build::GOARCH
    )
}

fn version(args: &[OsString]) -> i32 {
    match flags::parse(&[], args) {
        Err(flags::FlagError::Help) => help::usage_error("version", None),
        Err(flags::FlagError::Bad(m)) => help::usage_error("version", Some(&m)),
        Ok(p) if !p.args.is_empty() => help::usage_error("version", None),
        Ok(_) => {
            let _ = writeln!(std::io::stdout().lock(), "{}", version_line());
            0
        }
    }
}

fn run(args: &[OsString]) -> i32 {
    // The go command defines no flags of its own; it still parses them, to
    // reject them the flag package's way.
    let args = match flags::parse(&[], args) {
        Ok(p) => p.args,
        Err(e) => {
            if let flags::FlagError::Bad(m) = e {
                eprintln!("{m}");
            }
            eprint!("{}", help::main_usage());
            return 2;
        }
    };
    let Some(cmd) = args.first() else {
        eprint!("{}", help::main_usage());
        return 2;
    };
    let rest = &args[1..];
    let name = cmd.to_string_lossy();
    match &*name {
        "build" => buildcmd::build(rest),
        "check" => check::run(rest),
        "run" => buildcmd::run(rest),
        "env" => envcmd::run(rest),
        "help" => help::run(
            &rest
                .iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect::<Vec<_>>(),
        ),
        "tool" => tool::run(rest),
        "version" => version(rest),
        _ => match help::find_command(&name) {
            Some(c) if !c.implemented => {
                eprintln!("rgo {name}: not implemented yet");
                2
            }
            _ => {
                eprintln!("rgo {name}: unknown command\nRun 'rgo help' for usage.");
                2
            }
        },
    }
}

fn main() {
    // Like a Go program, die quietly of SIGPIPE when the reader of our
    // output goes away (`rgo help | head -1`).
    // SAFETY: setting a signal disposition to the default before any
    // thread is started.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let status = run(&args);
    std::process::exit(status);
}
