//! Kill -9 during saves: the file is always the old or the new version, byte for byte.
//!
//! A child process (this test binary run again, see `safety/mod.rs`) takes the session lock and
//! saves workspace A and B (about 2 MB each) alternately, without end. The parent kills it with
//! SIGKILL at a random moment, then checks that the file loads and equals A or B byte for byte,
//! that the dead child's lock is taken over, and that `cleanup_temp_files` removes exactly the
//! temporary files the kill left. `kill_loop_short` does this 20 times in every `cargo test`;
//! `kill_loop_long` (ignored; `cargo test --test kill_loop -- --ignored --nocapture`) 300 times.
//!
//! The child writes texts the parent serialized (handed over in files), with `write_private`,
//! the disk half of `store::save`: that is where a kill can do harm, and the child starts fast.

mod safety;

use partnerdeck::store::{self, Lock, lock::lock_path};
use safety::{ChildProc, Rng, big_workspace, exit_when_parent_goes, temp_leftovers};
use std::path::Path;
use std::time::{Duration, Instant};

const SAVER_ENV: &str = "PARTNERDECK_TEST_SAVER_DIR";

/// The child's role; does nothing in a normal run.
#[test]
fn child_saver() {
    let Ok(dir) = std::env::var(SAVER_ENV) else {
        return;
    };
    let dir = Path::new(&dir);
    let data = dir.join("ws.ron");
    let texts = [
        std::fs::read(dir.join("a.txt")).unwrap(),
        std::fs::read(dir.join("b.txt")).unwrap(),
    ];
    exit_when_parent_goes();
    let _lock = Lock::acquire(&data).expect("the child takes the lock");
    println!("SAVER-READY");
    for i in 0.. {
        store::write_private(&data, &texts[(i + 1) % 2]).expect("the child's save");
    }
}

struct Tally {
    kills: u32,
    mid_write: u32,
    found_a: u32,
    found_b: u32,
    stale_locks_taken: u32,
    temps_removed: usize,
}

/// `load_every_time`: parse the file after every kill (slow in debug builds, about 0.3 s for
/// 2 MB); otherwise A and B are parsed once and each kill is checked byte for byte against them,
/// which implies the same.
fn kill_loop(rounds: u32, load_every_time: bool) -> Tally {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ws.ron");
    let a_ws = big_workspace("A", 2_000_000);
    let b_ws = big_workspace("B", 2_000_000);
    let a = store::to_text(&a_ws).unwrap().into_bytes();
    let b = store::to_text(&b_ws).unwrap().into_bytes();
    assert!(a.len() > 1_900_000 && b.len() > 1_900_000, "{}", a.len());
    assert_ne!(a, b);
    let a_path = std::path::PathBuf::from("a.ron");
    assert_eq!(
        store::load_text(std::str::from_utf8(&a).unwrap(), &a_path)
            .unwrap()
            .workspace,
        a_ws
    );
    assert_eq!(
        store::load_text(std::str::from_utf8(&b).unwrap(), &a_path)
            .unwrap()
            .workspace,
        b_ws
    );
    std::fs::write(dir.path().join("a.txt"), &a).unwrap();
    std::fs::write(dir.path().join("b.txt"), &b).unwrap();
    store::write_private(&data, &a).unwrap();
    // How long one save takes here, to spread the kills over a few saves.
    let started = Instant::now();
    for text in [&b, &a, &b, &a] {
        store::write_private(&data, text).unwrap();
    }
    let one_save = started.elapsed() / 4;
    let spread = (one_save * 3).max(Duration::from_millis(3));
    let mut rng = Rng::from_time();
    eprintln!(
        "kill loop: one save of {} bytes takes {one_save:?}; kills within {spread:?} of the \
         child's start; seed {}",
        a.len(),
        rng.0
    );

    let t0 = Instant::now();
    let mut t = Tally {
        kills: 0,
        mid_write: 0,
        found_a: 0,
        found_b: 0,
        stale_locks_taken: 0,
        temps_removed: 0,
    };
    let dir_arg = dir.path().to_str().unwrap().to_string();
    for round in 0..rounds {
        let mut child = ChildProc::spawn("child_saver", &[(SAVER_ENV, &dir_arg)]);
        child.expect_line("SAVER-READY", Duration::from_secs(60));
        let wait = spread.mul_f64(rng.below(1000) as f64 / 1000.0);
        std::thread::sleep(wait);
        let status = child.kill();
        {
            use std::os::unix::process::ExitStatusExt as _;
            assert_eq!(
                status.signal(),
                Some(9),
                "round {round}: the child died otherwise"
            );
        }
        t.kills += 1;

        let bytes = std::fs::read(&data).unwrap();
        if bytes == a {
            t.found_a += 1;
        } else if bytes == b {
            t.found_b += 1;
        } else {
            panic!(
                "round {round}: after a kill at {wait:?} the file is neither A nor B ({} bytes)",
                bytes.len()
            );
        }
        if load_every_time {
            let loaded = store::load(&data).unwrap().unwrap().workspace;
            assert!(loaded == a_ws || loaded == b_ws, "round {round}");
        }

        // The dead child's lock file is still there; its OS lock died with it.
        assert!(lock_path(&data).exists(), "round {round}");
        let lock = Lock::acquire(&data).expect("a dead process's lock is taken over");
        t.stale_locks_taken += 1;
        let mut left = temp_leftovers(&data);
        left.sort();
        if !left.is_empty() {
            t.mid_write += 1;
        }
        let removed = store::cleanup_temp_files(&data);
        assert_eq!(removed, left, "round {round}");
        assert!(temp_leftovers(&data).is_empty(), "round {round}");
        t.temps_removed += removed.len();
        drop(lock);
    }
    eprintln!("kill loop: {rounds} rounds took {:?}", t0.elapsed());
    eprintln!(
        "kill loop: {} kills tried, {} caught mid-write (temporary file left and cleaned), file \
         was A {} times and B {} times, {} stale locks taken over, {} temporary files removed",
        t.kills, t.mid_write, t.found_a, t.found_b, t.stale_locks_taken, t.temps_removed
    );
    t
}

#[test]
fn kill_loop_short() {
    let t = kill_loop(20, false);
    assert_eq!(t.kills, 20);
}

#[test]
#[ignore = "long: 300 kills; run with --ignored"]
fn kill_loop_long() {
    let t = kill_loop(300, true);
    assert_eq!(t.kills, 300);
    // With 300 random moments, some must land inside a write, or the test proves nothing.
    assert!(t.mid_write > 0, "no kill landed mid-write");
}
