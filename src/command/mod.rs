//! The command line's commands: what `cli` calls with what was typed. Each reads the data
//! (read-only, or holding the lock to write), makes its change through the document
//! ([`Source::write_change`], the guarded save every writer shares), and prints or writes
//! what it made; the formats it writes are `export`'s. Failures are [`CommandError`]s, which
//! `cli` puts into words.
//!
//! Files: `source` (where the data comes from, and the one way a command changes it),
//! `output` (printing, and files written for people or programs), `error` (why a command
//! failed), and one per command: `export` (`export`, `brief`), `import` (CSV in: the plan of
//! each row, and the command), `log`, `ingest`, `due` (with the answers it keeps, the hook it
//! runs and the timer it installs).

pub mod due;
mod error;
pub mod export;
pub mod import;
pub mod ingest;
pub mod log;
mod output;
mod source;

pub use error::CommandError;
pub use output::{complain, print, print_bytes, say};
pub use source::{Source, open_for_writing};
