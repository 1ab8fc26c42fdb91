//! The bytes of a string constant, with lazy concatenation.
//!
//! A long chain `"a" + "b" + ... + "z"` is folded left to right; copying
//! every intermediate result would be quadratic (go.dev/issue/23348), so
//! a concatenation only records its operands and the bytes are assembled
//! once, on first use, without recursion (the chains can be deep).

use std::sync::{Arc, OnceLock};

pub(super) struct GoStr {
    len: u64,
    /// The bytes: set from the start for a leaf, on first use for a
    /// concatenation.
    flat: OnceLock<Box<[u8]>>,
    /// The operands of a concatenation.
    parts: Option<(Arc<GoStr>, Arc<GoStr>)>,
}

impl GoStr {
    pub(super) fn leaf(b: Box<[u8]>) -> GoStr {
        GoStr {
            len: b.len() as u64,
            flat: OnceLock::from(b),
            parts: None,
        }
    }

    pub(super) fn concat(l: Arc<GoStr>, r: Arc<GoStr>) -> GoStr {
        GoStr {
            len: l.len + r.len,
            flat: OnceLock::new(),
            parts: Some((l, r)),
        }
    }

    pub(super) fn len(&self) -> u64 {
        self.len
    }

    pub(super) fn bytes(&self) -> &[u8] {
        self.flat.get_or_init(|| self.assemble())
    }

    fn assemble(&self) -> Box<[u8]> {
        let mut out = Vec::with_capacity(self.len as usize);
        let mut stack: Vec<&GoStr> = vec![self];
        while let Some(s) = stack.pop() {
            if let Some(b) = s.flat.get() {
                out.extend_from_slice(b);
            } else if let Some((l, r)) = &s.parts {
                stack.push(r);
                stack.push(l);
            }
        }
        out.into_boxed_slice()
    }
}

impl Drop for GoStr {
    /// Frees a deep chain of concatenations iteratively.
    fn drop(&mut self) {
        let mut stack = Vec::new();
        if let Some((l, r)) = self.parts.take() {
            stack.push(l);
            stack.push(r);
        }
        while let Some(s) = stack.pop() {
            if let Ok(mut s) = Arc::try_unwrap(s) {
                if let Some((l, r)) = s.parts.take() {
                    stack.push(l);
                    stack.push(r);
                }
            }
        }
    }
}
