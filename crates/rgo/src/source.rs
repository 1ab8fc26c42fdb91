//! Source files for the commands: reading and parsing live in
//! `build::source` (re-exported here); this adds what only the commands
//! report, such as line counts.

pub use build::source::{parse, read};

/// The number of lines of a file as people count them: a last line
/// without a newline counts, the empty "line" after a final newline not.
pub fn line_count(file: &syntax::SourceFile, src: &[u8]) -> usize {
    let n = file.line_count();
    if src.is_empty() || src.ends_with(b"\n") {
        n - 1
    } else {
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines() {
        for (src, want) in [
            (&b""[..], 0),
            (b"a", 1),
            (b"a\n", 1),
            (b"a\nb", 2),
            (b"\n\n", 2),
        ] {
            let f = syntax::SourceFile::new("x.go", 1, src);
            assert_eq!(line_count(&f, src), want, "{src:?}");
        }
    }
}
