//! Reading Go source files and handing them to the parser: read errors
//! worded like the go tools' (`open x.go: no such file or directory`), a
//! size limit (positions are 32-bit offsets), and a parser panic turned
//! into an internal-error message for that file instead of taking the
//! whole run down.

use crate::oserr::path_error;
use std::fs::File;
use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// Files larger than this are refused: positions are 32-bit offsets.
pub const MAX_FILE_SIZE: u64 = 1 << 30;

/// The contents of a source file.
pub fn read(path: &Path) -> Result<Vec<u8>, String> {
    let mut f = File::open(path).map_err(|e| path_error("open", path, &e))?;
    let len = f
        .metadata()
        .map_err(|e| path_error("stat", path, &e))?
        .len();
    if len > MAX_FILE_SIZE {
        return Err(format!(
            "read {}: file too large ({len} bytes)",
            path.display()
        ));
    }
    let mut buf = Vec::with_capacity(len as usize + 1);
    (&mut f)
        .take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut buf)
        .map_err(|e| path_error("read", path, &e))?;
    if buf.len() as u64 > MAX_FILE_SIZE {
        return Err(format!("read {}: file too large", path.display()));
    }
    Ok(buf)
}

/// The parse of one file, or the message of a parser panic (already
/// reported on stderr by the panic hook).
pub type ParseResult = Result<(syntax::ast::File, Vec<syntax::Error>), String>;

/// Parses `src` into `fset` under the name `name`.
pub fn parse(fset: &syntax::FileSet, name: &str, src: &[u8]) -> ParseResult {
    catch_unwind(AssertUnwindSafe(|| syntax::parse_file(fset, name, src))).map_err(|p| {
        let what = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        format!("{name}: internal compiler error: parser panicked: {what}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_errors_like_go() {
        assert_eq!(
            read(Path::new("/nonexistent/x.go")).unwrap_err(),
            "open /nonexistent/x.go: no such file or directory"
        );
        assert_eq!(read(Path::new("/")).unwrap_err(), "read /: is a directory");
    }
}
