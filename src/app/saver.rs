//! Where the app saves: a small trait so tests can run without disk.

use super::Source;
use crate::model::Workspace;
use std::path::PathBuf;

pub trait Saver {
    /// Saves the whole workspace; the error is a sentence for the status line.
    fn save(&mut self, ws: &Workspace) -> Result<(), String>;
}

/// Saves atomically to a file.
pub struct FileSaver(pub PathBuf);

impl Saver for FileSaver {
    fn save(&mut self, ws: &Workspace) -> Result<(), String> {
        crate::store::save(&self.0, ws).map_err(|e| e.to_string())
    }
}

/// Keeps nothing (tests and headless rendering).
pub struct NoSaver;

impl Saver for NoSaver {
    fn save(&mut self, _: &Workspace) -> Result<(), String> {
        Ok(())
    }
}

pub fn for_source(source: &Source) -> Box<dyn Saver> {
    match source {
        Source::File(p) | Source::Demo(p) => Box::new(FileSaver(p.clone())),
        Source::Memory => Box::new(NoSaver),
    }
}
