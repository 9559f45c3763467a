//! Why a command failed: the library's errors, and the few the command line finds itself. `run`
//! is the one place where one becomes text (`partnerdeck: …` on stderr) and an exit code.

use crate::app::show::ShowError;
use crate::command::CommandError;
use crate::store::paths::PathError;
use crate::store::{BackupError, SaveError, SessionError};
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Path(#[from] PathError),
    #[error(transparent)]
    Session(#[from] SessionError),
    #[error(transparent)]
    Command(#[from] CommandError),
    #[error(transparent)]
    Due(#[from] crate::command::due::DueError),
    #[error(transparent)]
    Team(#[from] crate::team::Error),
    #[error(transparent)]
    Activity(#[from] crate::team::activity::Error),
    #[error(transparent)]
    Dashboard(#[from] crate::tui::Error),
    #[error(transparent)]
    Show(#[from] ShowError),
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error(transparent)]
    Backup(#[from] BackupError),
    /// `init` never overwrites.
    #[error("{} already exists; it was left as it is", .0.display())]
    Exists(PathBuf),
    #[error("{} does not exist", .0.display())]
    Missing(PathBuf),
    /// The current version, to be backed up before a restore, cannot be read.
    #[error("cannot read {}: {source}", path.display())]
    ReadCurrent {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot render the manual page: {0}")]
    ManPage(std::io::Error),
    #[error("a frame of {width}×{height} cannot be rendered: width and height go from 1 to 1000")]
    FrameSize { width: u16, height: u16 },
    /// The dashboard would only ask to enlarge the terminal.
    #[error(
        "a frame of {width}×{height} is too small to draw: partnerdeck needs at least {}×{}",
        crate::app::MIN_WIDTH,
        crate::app::MIN_HEIGHT
    )]
    FrameTooSmall { width: u16, height: u16 },
    #[error("cannot find a configuration folder; give one with --config")]
    NoConfigFolder,
}
