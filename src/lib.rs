//! partnerdeck: a keyboard-only terminal dashboard for purposeful partnerships.
//!
//! Layers, each depending only on those before it: `model` → `store`, `insight`, `ingest` →
//! `document` (the workspace's life, and the one way to change it) → `export` (the formats:
//! pure, text out), `team` (git: the merge driver, `sync`) → `command` (the command line's
//! commands; every write through `document`) → `share` → `app` → `ui` → `config` → `tui` →
//! `cli`, which turns the command line into calls on them. `app` uses `document` for every
//! change, `share` for the partner's side and `team` for `sync`. `action` and `keymap` (the
//! keys) serve `app`, `ui` and `config`. `text` (inert user text, cell widths, excerpts for
//! messages) and `words` depend on nothing and serve them all; `ron_text` (RON read into a
//! type, errors at a line and column) serves the store, the configuration and the keymap.

pub mod action;
pub mod app;
pub mod cli;
pub mod command;
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
