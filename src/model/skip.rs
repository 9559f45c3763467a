//! When a field is left out of the file: an empty value is not written to the RON file (so
//! authors and owners cost nothing on records that have none), but every field is written for
//! an encoding that is not self-describing (the workspace cache's postcard, where a missing
//! field would shift everything after it): [`writing_every_field`].

use std::cell::Cell;

thread_local! {
    static EVERY_FIELD: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with every field written, empty or not (on this thread).
pub fn writing_every_field<R>(f: impl FnOnce() -> R) -> R {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            EVERY_FIELD.with(|e| e.set(self.0));
        }
    }
    let _reset = Reset(EVERY_FIELD.with(|e| e.replace(true)));
    f()
}

fn skipping() -> bool {
    !EVERY_FIELD.with(Cell::get)
}

pub fn none<T>(o: &Option<T>) -> bool {
    o.is_none() && skipping()
}

pub fn empty_str(s: &str) -> bool {
    s.is_empty() && skipping()
}

pub fn not(b: &bool) -> bool {
    !*b && skipping()
}

pub fn no_authors(a: &super::Authors) -> bool {
    a.is_empty() && skipping()
}
