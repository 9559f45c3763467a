//! Input on a real pseudo-terminal: every byte typed or pasted is read at once, with no core
//! spinning afterwards; a key right after a resize acts at once; a bracketed paste goes into the
//! focused text field as text (and is refused outside one), never run as keys.
#![cfg(target_os = "linux")]

mod pty;

use pty::Pty;
use std::time::Duration;

/// The quick log's summary field, focused and empty.
fn quick_log(p: &mut Pty) {
    p.send(b"l");
    p.wait_text("Summary", Duration::from_secs(5));
}

/// After input: nothing is left unread, and the program goes idle (no core spinning).
#[track_caller]
fn read_everything_and_idle(p: &Pty, what: &str) {
    assert_eq!(p.unread(), 0, "{what}: bytes left unread");
    let before = p.cpu();
    std::thread::sleep(Duration::from_millis(1000));
    let spent = p.cpu() - before;
    assert!(
        spent < Duration::from_millis(300),
        "{what}: {spent:?} of CPU in an idle second (spinning)"
    );
}

#[test]
fn typed_bursts_over_1_kib_are_read_whole_and_nothing_spins() {
    let mut p = Pty::start(24, 80);
    for n in [1100usize, 2000, 4096] {
        quick_log(&mut p);
        // Typed (not a bracketed paste), as a terminal without bracketed paste sends a paste.
        let mut burst = "x".repeat(n - 3);
        burst.push_str(&format!("Z{}", n % 10));
        burst.push('Z');
        p.send(burst.as_bytes());
        let tail = format!("xZ{}Z", n % 10);
        p.wait_text(&tail, Duration::from_secs(20));
        assert!(p.settle(Duration::from_secs(10)), "{n} bytes: never idle");
        read_everything_and_idle(&p, &format!("a burst of {n} bytes"));
        // Esc, then `y` to the question whether to discard what was typed.
        p.send(b"\x1b");
        p.wait_text("Discard", Duration::from_secs(5));
        p.send(b"y");
        p.wait_for("the form closed", Duration::from_secs(5), |s| {
            !s.contains("Summary")
        });
    }
}

#[test]
fn pastes_from_1_kib_to_1_mb_go_into_the_field_without_spinning() {
    let mut p = Pty::start(24, 80);
    for n in [1024usize, 1100, 4096, 65536] {
        quick_log(&mut p);
        let text = format!("{}END{}", "y".repeat(n - 4), n % 10);
        let before = p.cpu();
        p.paste(&text);
        p.wait_text(&format!("yEND{}", n % 10), Duration::from_secs(20));
        assert!(p.settle(Duration::from_secs(10)), "{n} bytes: never idle");
        let spent = p.cpu() - before;
        eprintln!("a paste of {n} bytes: {spent:?} of CPU");
        if n == 65536 {
            assert!(
                spent < Duration::from_secs(1),
                "a paste of 64 KiB took {spent:?} of CPU"
            );
        }
        read_everything_and_idle(&p, &format!("a paste of {n} bytes"));
        // It is in the field, one piece of text: Enter logs it.
        p.send(b"\r");
        p.wait_for("the form closed", Duration::from_secs(5), |s| {
            !s.contains("Summary")
        });
    }
    // Saved in the background: wait for it.
    let logged = format!("{}END6", "y".repeat(65532));
    let start = std::time::Instant::now();
    while !std::fs::read_to_string(&p.path).unwrap().contains(&logged) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the 64 KiB entry was saved"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // A megabyte: too long for a field; refused, read whole, and nothing spins.
    quick_log(&mut p);
    let before = p.cpu();
    p.paste(&"z".repeat(1 << 20));
    p.wait_text("too long", Duration::from_secs(60));
    assert!(p.settle(Duration::from_secs(20)), "1 MB: never idle");
    eprintln!("a paste of 1 MB: {:?} of CPU", p.cpu() - before);
    read_everything_and_idle(&p, "a paste of 1 MB");
    assert!(!p.contents().contains("zzz"), "nothing of it was typed");
}

#[test]
fn a_paste_on_the_dashboard_is_refused_and_never_run_as_keys() {
    let mut p = Pty::start(24, 80);
    let before = std::fs::read_to_string(&p.path).unwrap();
    // Keys that would add, edit, delete, log and quit, were they run.
    p.paste("aeqdlNew partner\rxjjjeRenamed\rq");
    p.wait_text("no text field", Duration::from_secs(5));
    read_everything_and_idle(&p, "a paste on the dashboard");
    // Nothing opened, nothing changed, still running.
    let screen = p.contents();
    assert!(
        !screen.contains("Summary") && !screen.contains("Name"),
        "{screen}"
    );
    assert!(p.child.try_wait().unwrap().is_none(), "still running");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(std::fs::read_to_string(&p.path).unwrap(), before);
}

/// The partners pane's position (`n/12`) after a key, at once.
fn selection_moves(p: &mut Pty, to: usize) -> Duration {
    p.send(b"j");
    let want = format!("{to}/12");
    p.wait_for(
        &format!("{want} after j"),
        Duration::from_millis(1000),
        |s| s.contains(&want),
    )
}

#[test]
fn a_key_after_a_resize_acts_at_once() {
    let mut p = Pty::start(24, 80);
    let mut at = 1;
    for (rows, cols) in [(60, 200), (24, 80), (60, 200), (24, 80)] {
        // A key before the resize (without one the old loop did not lose the next key).
        at += 1;
        selection_moves(&mut p, at);
        p.resize(rows, cols);
        p.wait_for(
            &format!("redrawn at {cols}×{rows}"),
            Duration::from_secs(5),
            |s| s.lines().any(|l| l.chars().count() > 100) == (cols > 100),
        );
        at += 1;
        let took = selection_moves(&mut p, at);
        eprintln!("{cols}×{rows}: the key after the resize acted in {took:?}");
    }
    // And a key that opens a view.
    p.resize(60, 200);
    p.wait_for("redrawn at 200×60", Duration::from_secs(5), |s| {
        s.lines().any(|l| l.chars().count() > 100)
    });
    p.send(b"o");
    p.wait_text("Overview", Duration::from_millis(1000));
}

#[test]
fn ctrl_c_quits_the_dashboard_and_keeps_the_text_of_an_open_form() {
    let mut p = Pty::start(24, 80);
    // With nothing unsaved: it just quits.
    p.send(b"\x03");
    assert!(p.wait_exit(Duration::from_secs(5)).success());
    // With a form half typed: it quits too, and the text is kept in an emergency copy.
    let mut p = Pty::start(24, 80);
    quick_log(&mut p);
    p.send(b"Half typed when Ctrl-c came");
    p.wait_text("Ctrl-c came", Duration::from_secs(5));
    p.send(b"\x03");
    p.wait_exit(Duration::from_secs(5));
    let copy = partnerdeck::store::find_emergency(&p.path).expect("an emergency copy");
    let note = std::fs::read_to_string(partnerdeck::store::note_path(&copy)).unwrap();
    assert!(note.contains("Half typed when Ctrl-c came"), "{note}");
}
