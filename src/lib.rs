//! partnerdeck: a keyboard-only terminal dashboard for purposeful partnerships.
//!
//! Layers, each depending only on those before it: `model` → `store`, `insight` → `app` → `ui`
//! → `tui`; `cli` turns the command line into calls on them. `text` (inert user text, cell
//! widths, excerpts for messages) depends on nothing and serves them all; `ron_text` (RON read
//! into a type, errors at a line and column) serves the store, the configuration and the
//! keymap.

pub mod action;
pub mod app;
pub mod cli;
pub mod config;
pub mod document;
pub mod export;
pub mod fuzzy;
pub mod ingest;
pub mod insight;
pub mod keymap;
pub mod model;
pub mod ron_text;
pub mod share;
pub mod store;
pub mod team;
pub mod text;
pub mod tui;
pub mod ui;
pub mod words;
