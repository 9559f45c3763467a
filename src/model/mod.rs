//! The pure data of partnerdeck: the `Workspace` (the whole file) and its records, their ids,
//! enums and validation. No I/O, no terminal.

pub mod dates;
mod enums;
mod ids;
pub mod merge;
pub mod merge3;
mod records;
pub mod serde_dates;
mod shift;
mod validate;
mod workspace;

pub use enums::*;
pub use ids::*;
pub use records::*;
pub use validate::{Problem, validate};
pub use workspace::{CURRENT_VERSION, IdsExhausted, MAX_ID, Workspace};
