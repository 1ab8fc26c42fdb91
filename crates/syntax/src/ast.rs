//! The syntax tree (placeholder while the parser is written).
use crate::pos::SourceFile;
use std::sync::Arc;

pub struct File {
    pub source: Arc<SourceFile>,
}
