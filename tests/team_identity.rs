//! One identity per record in every clone, with the real `git` the way a team uses it: three
//! clones of a bare remote, `partnerdeck log` and `sync`, plain `git pull`, `revert`, a copy
//! of a clone pushing an undecided merge, and syncs from three clones at once. Every entry a
//! command acknowledged is in every clone exactly once, under the id it was printed with.
//!
//! The stress test's size: `PARTNERDECK_STRESS_ROUNDS` (default 8) rounds for each of
//! `PARTNERDECK_STRESS_SEEDS` (default 1) seeds; the closing figures come from 30 × 3.

mod common;

use common::repo::Repos;
use partnerdeck::model::*;
use partnerdeck::store;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A bare remote holding the demo workspace (git setup committed by a first clone), and the
/// teammates' clones of it.
struct Team {
    repos: Repos,
    clones: Vec<PathBuf>,
}

impl Team {
    fn ok(&self, clone: &Path, args: &[&str]) -> String {
        self.repos.ok(clone, args)
    }

    fn file(&self, clone: &Path) -> PathBuf {
        clone.join("team.ron")
    }

    fn deck(&self, clone: &Path, args: &[&str]) -> Output {
        self.repos.run(&self.file(clone), args)
    }

    /// `log` an entry; the id it printed.
    fn log(&self, clone: &Path, summary: &str) -> IdText {
        let out = self.deck(clone, &["log", "greenleaf", summary]);
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{said}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let id = said
            .strip_prefix("logged ")
            .and_then(|s| s.split_whitespace().next())
            .unwrap_or_default();
        IdText::parse(id).unwrap_or_else(|| panic!("no id in {said}"))
    }

    fn sync(&self, clone: &Path) -> Output {
        self.deck(clone, &["sync"])
    }

    fn load(&self, clone: &Path) -> Workspace {
        store::load(&self.file(clone)).unwrap().unwrap().workspace
    }
}

/// `n` teammates' clones of a workspace a first clone shared.
fn team(n: usize) -> Team {
    let repos = Repos::new();
    repos.first_clone("first");
    let clones = (1..=n)
        .map(|i| repos.teammate(&format!("clone{i}")))
        .collect();
    Team { repos, clones }
}

/// Every acknowledged entry is in every clone once, under its printed id; clones identical.
fn assert_each_once(t: &Team, acknowledged: &[(String, IdText)]) {
    let first = std::fs::read(t.file(&t.clones[0])).unwrap();
    for c in &t.clones {
        assert_eq!(
            std::fs::read(t.file(c)).unwrap(),
            first,
            "{} differs from {}",
            c.display(),
            t.clones[0].display()
        );
    }
    let ws = t.load(&t.clones[0]);
    assert!(validate(&ws).is_empty());
    assert!(ws.conflicts.is_empty(), "{:?}", ws.conflicts);
    for (summary, id) in acknowledged {
        let found: Vec<&Interaction> = ws
            .interactions
            .iter()
            .filter(|x| &x.summary == summary)
            .collect();
        assert_eq!(found.len(), 1, "{summary}: {} copies", found.len());
        assert!(
            id.matches(found[0].id.0),
            "{summary}: printed {id:?}, now {}",
            found[0].id
        );
    }
}

/// Syncs every clone in turn until nothing changes (two passes).
fn settle(t: &Team) {
    for _ in 0..2 {
        for c in &t.clones {
            let out = t.sync(c);
            assert!(
                out.status.success(),
                "sync of {}: {}{}",
                c.display(),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

#[test]
fn a_pushed_entry_met_again_through_plain_pulls_is_not_duplicated() {
    let t = team(3);
    let (c1, c2, c3) = (&t.clones[0], &t.clones[1], &t.clones[2]);
    let mut said = Vec::new();
    said.push(("A".to_string(), t.log(c1, "A")));
    assert!(t.sync(c1).status.success());
    said.push(("B1".to_string(), t.log(c2, "B1")));
    said.push(("B2".to_string(), t.log(c2, "B2")));
    t.ok(c2, &["commit", "-q", "-am", "B"]);
    t.ok(c2, &["pull", "-q", "--no-edit"]);
    said.push(("C".to_string(), t.log(c3, "C")));
    t.ok(c3, &["commit", "-q", "-am", "C"]);
    t.ok(c3, &["pull", "-q", "--no-edit"]);
    t.ok(c3, &["push", "-q"]);
    assert!(t.sync(c2).status.success());
    settle(&t);
    assert_each_once(&t, &said);
    // `git blame` credits an entry's id line to the commit that added it, not to a merge.
    let ws = t.load(c1);
    let a = ws.interactions.iter().find(|x| x.summary == "A").unwrap();
    let blame = t.ok(
        c1,
        &[
            "blame",
            "--porcelain",
            "-L",
            &format!("/id: {},/,+1", a.id.0),
            "--",
            "team.ron",
        ],
    );
    let commit = blame.split_whitespace().next().unwrap();
    let subject = t.ok(c1, &["log", "-1", "--format=%s", commit]);
    assert!(!subject.starts_with("Merge"), "{subject}");
}

#[test]
fn stash_pull_pop_then_sync_keeps_one_copy() {
    let t = team(2);
    let (c1, c2) = (&t.clones[0], &t.clones[1]);
    let mut said = vec![("pushed first".to_string(), t.log(c1, "pushed first"))];
    assert!(t.sync(c1).status.success());
    said.push(("stashed".to_string(), t.log(c2, "stashed")));
    t.ok(c2, &["stash", "-q"]);
    t.ok(c2, &["pull", "-q", "--no-edit"]);
    t.ok(c2, &["stash", "pop", "-q"]);
    assert!(t.sync(c2).status.success());
    settle(&t);
    assert_each_once(&t, &said);
}

#[test]
fn reverting_the_commit_that_added_an_entry_removes_it_after_merges() {
    let t = team(2);
    let (c1, c2) = (&t.clones[0], &t.clones[1]);
    t.log(c1, "To be reverted");
    t.ok(c1, &["commit", "-q", "-am", "Add the entry"]);
    let added = t.ok(c1, &["rev-parse", "HEAD"]).trim().to_string();
    t.ok(c1, &["push", "-q"]);
    t.log(c2, "Teammate's");
    assert!(t.sync(c2).status.success(), "a merge in between");
    t.log(c1, "Later");
    assert!(t.sync(c1).status.success());
    t.ok(c1, &["revert", "--no-edit", &added]);
    let ws = t.load(c1);
    assert!(
        !ws.interactions
            .iter()
            .any(|x| x.summary == "To be reverted")
    );
    assert!(ws.interactions.iter().any(|x| x.summary == "Teammate's"));
    assert!(ws.interactions.iter().any(|x| x.summary == "Later"));
    settle(&t);
    assert!(
        !t.load(c2)
            .interactions
            .iter()
            .any(|x| x.summary == "To be reverted")
    );
}

#[test]
fn rebase_cherry_pick_and_no_ff_merges_keep_one_copy_each() {
    let t = team(2);
    let (c1, c2) = (&t.clones[0], &t.clones[1]);
    let mut said = vec![("first".to_string(), t.log(c1, "first"))];
    assert!(t.sync(c1).status.success());
    // pull --rebase replays our commit over theirs.
    said.push(("rebased".to_string(), t.log(c2, "rebased")));
    t.ok(c2, &["commit", "-q", "-am", "rebased"]);
    t.ok(c2, &["pull", "-q", "--rebase"]);
    t.ok(c2, &["push", "-q"]);
    // A side branch merged with --no-ff, and one commit of another cherry-picked.
    t.ok(c1, &["pull", "-q", "--no-edit"]);
    t.ok(c1, &["checkout", "-q", "-b", "side"]);
    said.push(("on a branch".to_string(), t.log(c1, "on a branch")));
    t.ok(c1, &["commit", "-q", "-am", "side"]);
    t.ok(c1, &["checkout", "-q", "main"]);
    said.push(("on main".to_string(), t.log(c1, "on main")));
    t.ok(c1, &["commit", "-q", "-am", "main"]);
    t.ok(c1, &["merge", "-q", "--no-ff", "--no-edit", "side"]);
    t.ok(c1, &["checkout", "-q", "-b", "picked", "HEAD~1"]);
    said.push(("picked".to_string(), t.log(c1, "picked")));
    t.ok(c1, &["commit", "-q", "-am", "to pick"]);
    let pick = t.ok(c1, &["rev-parse", "HEAD"]).trim().to_string();
    t.ok(c1, &["checkout", "-q", "main"]);
    t.ok(c1, &["cherry-pick", &pick]);
    // The branch with the original is merged too: the picked entry meets itself.
    t.ok(c1, &["merge", "-q", "--no-edit", "picked"]);
    assert!(t.sync(c1).status.success());
    settle(&t);
    assert_each_once(&t, &said);
}

#[test]
fn a_decision_is_kept_when_a_copy_pushed_the_undecided_merge() {
    let mut t = team(2);
    let (c1, c2) = (t.clones[0].clone(), t.clones[1].clone());
    let set_aim = |t: &Team, c: &Path, aim: &str| {
        let mut ws = t.load(c);
        ws.partners[0].aim = aim.into();
        store::save(&t.file(c), &ws).unwrap();
    };
    set_aim(&t, &c1, "Aim of clone 1");
    assert!(t.sync(&c1).status.success());
    set_aim(&t, &c2, "Aim of clone 2");
    let out = t.sync(&c2);
    assert!(!out.status.success(), "the conflict is reported");
    assert_eq!(t.load(&c2).conflicts.len(), 1);
    // A copy of clone 2 commits the undecided file and pushes it.
    let copy = t.repos.dir.path().join("copy");
    let status = Command::new("cp")
        .arg("-a")
        .arg(&c2)
        .arg(&copy)
        .status()
        .unwrap();
    assert!(status.success());
    t.ok(&copy, &["add", "team.ron"]);
    t.ok(&copy, &["commit", "-q", "--no-edit"]);
    t.ok(&copy, &["push", "-q"]);
    t.clones.push(copy.clone());
    // Clone 2 decides (their value) and syncs.
    let mut ws = t.load(&c2);
    merge3::take_theirs(&mut ws, 0).unwrap();
    store::save(&t.file(&c2), &ws).unwrap();
    let out = t.sync(&c2);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    settle(&t);
    for c in &t.clones {
        let ws = t.load(c);
        assert_eq!(ws.partners[0].aim, "Aim of clone 1", "{}", c.display());
        assert!(
            ws.conflicts.is_empty(),
            "{}: {:?}",
            c.display(),
            ws.conflicts
        );
    }
}

/// A small random generator for the stress test.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn three_clones_syncing_at_once_lose_and_duplicate_nothing() {
    let rounds = env_number("PARTNERDECK_STRESS_ROUNDS", 8);
    let seeds = env_number("PARTNERDECK_STRESS_SEEDS", 1);
    for seed in 1..=seeds {
        let t = team(3);
        let mut rng = Rng(seed);
        let mut said: Vec<(String, IdText)> = Vec::new();
        let (mut syncs, mut failed, mut sync_time) = (0u32, 0u32, std::time::Duration::ZERO);
        let started = std::time::Instant::now();
        for round in 0..rounds {
            // Each clone logs 1–2 entries, then all three sync at the same moment (in a
            // random order of starting).
            let mut plan: Vec<(usize, u64)> = (0..3).map(|c| (c, 1 + rng.below(2))).collect();
            let first = rng.below(3) as usize;
            plan.rotate_left(first);
            for (c, n) in &plan {
                for k in 0..*n {
                    let summary = format!("s{seed} r{round} c{c} n{k}");
                    let id = t.log(&t.clones[*c], &summary);
                    said.push((summary, id));
                }
            }
            let results: Vec<(bool, std::time::Duration)> = std::thread::scope(|s| {
                let handles: Vec<_> = plan
                    .iter()
                    .map(|(c, _)| {
                        let t = &t;
                        let c = *c;
                        s.spawn(move || {
                            let at = std::time::Instant::now();
                            let out = t.sync(&t.clones[c]);
                            (out.status.success(), at.elapsed())
                        })
                    })
                    .collect();
                handles.into_iter().map(|h| h.join().unwrap()).collect()
            });
            for (ok, took) in results {
                syncs += 1;
                sync_time += took;
                failed += u32::from(!ok);
            }
        }
        settle(&t);
        assert_each_once(&t, &said);
        let ws = t.load(&t.clones[0]);
        let check = t.deck(&t.clones[0], &["check"]);
        assert!(check.status.success());
        eprintln!(
            "seed {seed}: {rounds} rounds, {} entries acknowledged, each once in 3 identical clones; \
             {} log entries in all; {syncs} parallel syncs ({failed} did not push, \
             retried), {:.0} ms per sync; {:.1} s",
            said.len(),
            ws.interactions.len(),
            sync_time.as_secs_f64() * 1000.0 / f64::from(syncs.max(1)),
            started.elapsed().as_secs_f64()
        );
    }
}
