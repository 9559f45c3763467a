//! Reading and writing the workspace file: where it lives, loading with clear errors, version
//! migration, and atomic saves.

pub mod format;

pub use format::{ParseError, line_of_id, parse, to_text};
