//! Source positions: compact `Pos` values, the files they point into, and
//! their translation to `file:line:col` (honouring `//line` directives).
//!
//! A `Pos` is a byte offset into one address space shared by all files of a
//! `FileSet`, like go/token: each file owns the range `[base, base+size]`, so
//! a position names its file without storing it. Bases are reserved
//! atomically, so files can be parsed on several threads at once.

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, RwLock};

/// A position: `base + byte offset` of some file in a `FileSet`. `Pos(0)` is
/// "no position".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos(pub u32);

impl Pos {
    pub const NONE: Pos = Pos(0);

    pub fn is_known(self) -> bool {
        self.0 != 0
    }

    /// The position `n` bytes further on.
    pub fn offset_by(self, n: u32) -> Pos {
        Pos(self.0 + n)
    }
}

/// A resolved position as people read it. `line` and `col` are 1-based;
/// `col` counts bytes, as gc does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Position {
    pub filename: Arc<str>,
    pub line: u32,
    pub col: u32,
    /// Byte offset in the file (not adjusted by `//line`).
    pub offset: u32,
}

/// gc keeps line numbers in 20 bits and columns in 8: larger lines print
/// as the maximum, columns from 255 on are not printed at all.
const GC_LINE_MAX: u32 = (1 << 20) - 2;
const GC_COL_MAX: u32 = (1 << 8) - 1;

impl std::fmt::Display for Position {
    /// `file:line:col` as gc prints it (see `GC_LINE_MAX`, `GC_COL_MAX`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let line = self.line.min(GC_LINE_MAX);
        if self.col > 0 && self.col < GC_COL_MAX {
            write!(f, "{}:{}:{}", self.filename, line, self.col)
        } else {
            write!(f, "{}:{}", self.filename, line)
        }
    }
}

/// A `//line file:line[:col]` (or `/*line ...*/`) directive: from `offset`
/// on, positions are reported relative to it.
#[derive(Clone, Debug)]
pub struct LineDirective {
    /// Offset of the first byte the directive applies to (just after it).
    pub offset: u32,
    pub filename: Arc<str>,
    /// The line number the byte at `offset` gets.
    pub line: u32,
    /// The column the byte at `offset` gets; 0 when the directive gave none
    /// (then columns are unknown until the next directive).
    pub col: u32,
}

/// One source file's position information.
#[derive(Debug)]
pub struct SourceFile {
    pub name: Arc<str>,
    pub base: u32,
    pub size: u32,
    /// Offsets at which lines start; `line_starts[0] == 0`.
    line_starts: Vec<u32>,
    /// Sorted by offset; filled by the scanner.
    line_directives: Vec<LineDirective>,
}

impl SourceFile {
    pub fn new(name: impl Into<Arc<str>>, base: u32, src: &[u8]) -> SourceFile {
        let mut line_starts = Vec::with_capacity(src.len() / 32 + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', src).map(|i| i as u32 + 1));
        SourceFile {
            name: name.into(),
            base,
            size: src.len() as u32,
            line_starts,
            line_directives: Vec::new(),
        }
    }

    /// The `Pos` of a byte offset in this file.
    pub fn pos(&self, offset: u32) -> Pos {
        Pos(self.base + offset)
    }

    pub fn contains(&self, p: Pos) -> bool {
        p.0 >= self.base && p.0 <= self.base + self.size
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Installs the file's `//line` directives (names already resolved by
    /// the scanner).
    pub fn set_line_directives(&mut self, mut dirs: Vec<LineDirective>) {
        dirs.sort_by_key(|d| d.offset);
        self.line_directives = dirs;
    }

    pub fn line_directives(&self) -> &[LineDirective] {
        &self.line_directives
    }

    /// Line and column (1-based, byte columns) of an offset, ignoring
    /// `//line` directives.
    pub fn raw_line_col(&self, offset: u32) -> (u32, u32) {
        let i = self.line_starts.partition_point(|&s| s <= offset) - 1;
        (i as u32 + 1, offset - self.line_starts[i] + 1)
    }

    /// The position of an offset as gc reports it: adjusted by the last
    /// `//line` directive before it, if any.
    pub fn position(&self, offset: u32) -> Position {
        let (line, col) = self.raw_line_col(offset);
        let k = self.line_directives.partition_point(|d| d.offset <= offset);
        if k > 0 {
            let d = &self.line_directives[k - 1];
            let (dline, dcol) = self.raw_line_col(d.offset);
            let rel_line = line - dline;
            let (l, c) = if rel_line == 0 {
                (d.line, if d.col == 0 { 0 } else { d.col + (col - dcol) })
            } else {
                (d.line + rel_line, if d.col == 0 { 0 } else { col })
            };
            return Position {
                filename: d.filename.clone(),
                line: l,
                col: c,
                offset,
            };
        }
        Position {
            filename: self.name.clone(),
            line,
            col,
            offset,
        }
    }
}

/// The shortest lexically equivalent path, as Go's `filepath.Clean`: no
/// `.` elements, no `x/..` pairs, no `..` right after the root; `.` if
/// nothing is left.
pub fn clean_path(path: &Path) -> PathBuf {
    let mut out: Vec<Component> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(c),
            },
            _ => out.push(c),
        }
    }
    if out.is_empty() {
        return PathBuf::from(".");
    }
    out.iter().collect()
}

/// The files of one compilation, and the address space their positions share.
#[derive(Debug)]
pub struct FileSet {
    next_base: AtomicU32,
    files: RwLock<Vec<Arc<SourceFile>>>,
}

impl Default for FileSet {
    fn default() -> Self {
        FileSet::new()
    }
}

impl FileSet {
    pub fn new() -> FileSet {
        FileSet {
            next_base: AtomicU32::new(1),
            files: RwLock::new(Vec::new()),
        }
    }

    /// Reserves the position range of a file of `size` bytes and returns its
    /// base. The extra byte lets the EOF position belong to the file.
    pub fn reserve(&self, size: usize) -> u32 {
        let size = u32::try_from(size).unwrap_or(u32::MAX - 1);
        let base = self.next_base.fetch_add(size + 1, Ordering::Relaxed);
        assert!(
            base.checked_add(size).is_some(),
            "position space of the FileSet exhausted"
        );
        base
    }

    /// Records a file whose range was reserved with `reserve`.
    pub fn add(&self, file: Arc<SourceFile>) {
        let mut files = self.files.write().unwrap_or_else(|e| e.into_inner());
        let i = files.partition_point(|f| f.base < file.base);
        files.insert(i, file);
    }

    /// The file a position belongs to.
    pub fn file(&self, p: Pos) -> Option<Arc<SourceFile>> {
        let files = self.files.read().unwrap_or_else(|e| e.into_inner());
        let i = files.partition_point(|f| f.base <= p.0);
        let f = files.get(i.checked_sub(1)?)?;
        f.contains(p).then(|| f.clone())
    }

    pub fn position(&self, p: Pos) -> Option<Position> {
        let f = self.file(p)?;
        Some(f.position(p.0 - f.base))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column() {
        let f = SourceFile::new("a.go", 10, b"ab\ncd\n\nx");
        assert_eq!(f.raw_line_col(0), (1, 1));
        assert_eq!(f.raw_line_col(2), (1, 3));
        assert_eq!(f.raw_line_col(3), (2, 1));
        assert_eq!(f.raw_line_col(6), (3, 1));
        assert_eq!(f.raw_line_col(7), (4, 1));
        assert_eq!(f.position(4).to_string(), "a.go:2:2");
    }

    #[test]
    fn columns_past_gc_limit_are_not_printed() {
        let mut src = b"package p\n".to_vec();
        src.extend(std::iter::repeat_n(b' ', 300));
        let f = SourceFile::new("c.go", 1, &src);
        assert_eq!(f.position(10 + 253).to_string(), "c.go:2:254");
        assert_eq!(f.position(10 + 254).to_string(), "c.go:2");
        assert_eq!(f.position(10 + 254).col, 255);
    }

    #[test]
    fn line_directive_adjusts() {
        let mut f = SourceFile::new("a.go", 1, b"x\n//line b.go:10\ny\nz");
        // The directive applies from the start of line 3 (offset 17).
        f.set_line_directives(vec![LineDirective {
            offset: 17,
            filename: "b.go".into(),
            line: 10,
            col: 0,
        }]);
        assert_eq!(f.position(0).to_string(), "a.go:1:1");
        assert_eq!(f.position(17).to_string(), "b.go:10");
        assert_eq!(f.position(19).to_string(), "b.go:11");
    }

    #[test]
    fn fileset_lookup() {
        let fs = FileSet::new();
        let b1 = fs.reserve(5);
        let b2 = fs.reserve(3);
        fs.add(Arc::new(SourceFile::new("two.go", b2, b"abc")));
        fs.add(Arc::new(SourceFile::new("one.go", b1, b"hello")));
        assert_eq!(&*fs.file(Pos(b1 + 5)).unwrap().name, "one.go");
        assert_eq!(&*fs.file(Pos(b2)).unwrap().name, "two.go");
        assert_eq!(fs.position(Pos(b2 + 2)).unwrap().to_string(), "two.go:1:3");
        assert!(fs.file(Pos(b2 + 10)).is_none());
    }
}
