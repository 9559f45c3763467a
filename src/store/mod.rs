//! Reading and writing the workspace file: where it lives, loading with clear errors, version
//! migration, and atomic saves.

pub mod demo;
pub mod format;
pub mod load;
pub mod migrate;
pub mod paths;
pub mod save;

pub use demo::demo_workspace;
pub use format::{ParseError, line_of_id, parse, to_text};
pub use load::{LoadError, Loaded, load, load_text};
pub use save::{SaveError, save, write_private};
