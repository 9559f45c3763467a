//! Reading and writing the workspace file: where it lives, opening it (`session`: lock, clean-up,
//! load, upgrade backup, emergency copies), loading with clear errors, version migration, and
//! atomic saves.

pub mod backup;
pub mod cache;
#[cfg(test)]
mod cache_tests;
pub mod cleanup;
pub mod commit;
pub mod demo;
pub mod emergency;
pub mod format;
pub mod git_busy;
pub mod load;
pub mod lock;
pub mod migrate;
pub mod packed;
pub mod parallel;
pub mod paths;
pub mod regular;
pub mod save;
pub mod seen;
pub mod session;
pub mod slim;
pub mod split;
pub mod stamp;

pub use backup::{
    BackupError, BackupInfo, BackupPolicy, Restored, SaveReport, backup_due, backup_now,
    find_backup, list_backups, load_backup, prune, read_backup, restore, save_guarded,
    save_with_backup,
};
pub use cleanup::{cleanup_merge_temp_files, cleanup_temp_files};
pub use demo::demo_workspace;
pub use emergency::{
    Extras, base_path, find_emergency, list_emergency, load_emergency, note_path, retire_emergency,
    write_emergency, write_emergency_full,
};
pub use format::{ParseError, line_of_id, parse, to_text};
pub use load::{LoadError, Loaded, load, load_text};
pub use lock::{Holder, Lock, LockError};
pub use regular::{open_regular, read_regular};
pub use save::{SaveError, SaveFailure, create_private_dir, save, write_private};
pub use session::{Opened, Options, Session, SessionError};
pub use stamp::{Stamp, load_stamped};
