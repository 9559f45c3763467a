//! An outside edit during a save is never overwritten: another program (an editor, `git pull`)
//! writes the file at every moment of the dashboard's save, 200 times; its version is always
//! the one left in the file, and the dashboard hears of it as a change on disk.

use partnerdeck::app::{FileSaver, SaveEvent, Saver};
use partnerdeck::model::*;
use partnerdeck::store::{self, Stamp, demo::DEMO_ANCHOR, demo_workspace};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A workspace big enough that a save takes a few milliseconds (about 150 kB).
fn sizeable() -> Workspace {
    let mut ws = demo_workspace(DEMO_ANCHOR);
    let partner = ws.partners[0].id;
    for n in 0..500 {
        let id = InteractionId(ws.allocate_id());
        ws.interactions.push(Interaction {
            authors: Default::default(),
            id,
            partner,
            at: DEMO_ANCHOR.and_hms_opt(9, 0, 0).unwrap(),
            channel: Channel::Email,
            initiated_by: Side::Us,
            summary: format!("Entry {n}: a summary long enough to make the file a realistic size"),
            sentiment: None,
            follow_up: None,
        });
    }
    ws
}

/// A small deterministic generator (the test must be repeatable).
struct Lcg(u64);
impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

#[test]
fn no_outside_edit_is_lost_over_200_racing_saves() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.ron");
    let base = sizeable();
    store::save(&path, &base).unwrap();

    // How long one save takes here, to spread the outside writes over it.
    let t = Instant::now();
    let mut probe = FileSaver::new(path.clone(), Stamp::read(&path).unwrap());
    probe.save(Arc::new(base.clone()));
    assert!(matches!(probe.poll()[..], [SaveEvent::Saved(_)]));
    let window = t.elapsed().as_micros() as u64 * 3 / 2;

    let mut rng = Lcg(7);
    let (mut conflicts, mut saved, mut lost) = (0, 0, 0);
    for i in 0..200 {
        let known = Stamp::read(&path).unwrap();
        let mut ours = base.clone();
        ours.profile.name = format!("ours {i}");
        let mut theirs = base.clone();
        theirs.profile.name = format!("theirs {i}");
        let (their_delay, our_delay) = (rng.below(window), rng.below(window / 3));
        let outside = {
            let path = path.clone();
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_micros(their_delay));
                store::save(&path, &theirs).unwrap();
            })
        };
        std::thread::sleep(Duration::from_micros(our_delay));
        let mut saver = FileSaver::new(path.clone(), known);
        saver.save(Arc::new(ours));
        let events = saver.poll();
        outside.join().unwrap();
        match events[..] {
            [SaveEvent::Saved(_)] => saved += 1,
            [SaveEvent::Conflict(_)] => conflicts += 1,
            ref other => panic!("unexpected outcome {other:?}"),
        }
        let now = std::fs::read_to_string(&path).unwrap();
        if !now.contains(&format!("\"theirs {i}\"")) {
            lost += 1;
        }
    }
    eprintln!(
        "200 racing edits over a {window} µs window: {saved} saved before the outside write, {conflicts} seen as changes, {lost} lost"
    );
    assert_eq!(lost, 0, "an outside edit was overwritten");
    assert!(
        conflicts > 0,
        "some outside writes landed before or during the save"
    );
}
