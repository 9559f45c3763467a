//! The loader on hostile bytes: `load_text` must never panic, and whatever it accepts must save
//! and load again to the same text (a fixed point), so a loaded file can always be saved.
#![no_main]

use libfuzzer_sys::fuzz_target;
use partnerdeck::store::{load_text, to_text};
use std::path::Path;

/// Real files are far smaller than this in the parts that matter; bigger inputs only slow the
/// fuzzer down.
const MAX_LEN: usize = 64 * 1024;

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_LEN {
        return;
    }
    let text = String::from_utf8_lossy(data);
    let path = Path::new("fuzz.ron");
    let Ok(loaded) = load_text(&text, path) else {
        return;
    };
    let saved = to_text(&loaded.workspace).expect("a loaded workspace can be saved");
    let again = load_text(&saved, path).expect("a saved workspace loads");
    let resaved = to_text(&again.workspace).expect("and saves again");
    assert_eq!(saved, resaved, "save, load, save is not a fixed point");
});
