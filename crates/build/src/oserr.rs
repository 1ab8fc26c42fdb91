//! Operating-system errors worded as Go words them (`open x.go: no such
//! file or directory`), so messages about files read like the go command's.

use std::io;
use std::path::Path;

/// The text of an I/O error as Go's `syscall.Errno` prints it: glibc's
/// message with a lower-case first letter and no `(os error N)` suffix.
pub fn errno_text(err: &io::Error) -> String {
    let mut s = err.to_string();
    if let Some(i) = s.find(" (os error ") {
        s.truncate(i);
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => s,
    }
}

/// `op path: text`, Go's `*os.PathError` format. Paths that are not UTF-8
/// are shown with replacement characters.
pub fn path_error(op: &str, path: &Path, err: &io::Error) -> String {
    format!("{} {}: {}", op, path.display(), errno_text(err))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_go() {
        let e = io::Error::from_raw_os_error(libc::ENOENT);
        assert_eq!(
            path_error("open", Path::new("x.go"), &e),
            "open x.go: no such file or directory"
        );
        let e = io::Error::from_raw_os_error(libc::EACCES);
        assert_eq!(errno_text(&e), "permission denied");
        let e = io::Error::from_raw_os_error(libc::EISDIR);
        assert_eq!(errno_text(&e), "is a directory");
        let e = io::Error::other("Custom thing");
        assert_eq!(errno_text(&e), "custom thing");
    }
}
