//! Freeing big structures off the event loop. A whole workspace is hundreds of thousands of
//! small allocations at the largest sizes, and freeing them one by one takes tens of
//! milliseconds: a change hands what it replaced (a redo history, the derived figures) to a
//! short-lived thread instead of freeing it before the next frame.

/// Frees `value` on another thread (or here, when no thread can be started).
pub(super) fn drop_later<T: Send + 'static>(value: T) {
    // A spawn that fails drops the closure, and with it the value, right here.
    let _ = std::thread::Builder::new()
        .name("partnerdeck-free".into())
        .spawn(move || drop(value));
}

/// Frees a list on another thread; an empty one needs no thread.
pub(super) fn drop_all_later<T: Send + 'static>(values: Vec<T>) {
    if !values.is_empty() {
        drop_later(values);
    }
}
