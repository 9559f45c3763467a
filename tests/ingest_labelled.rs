//! Precision and recall of `ingest`'s partner matching on a labelled corpus of 1,200 messages
//! (`common::labelled`: the truth is known by construction), read through the real parser from
//! an mbox file. Targets: precision ≥ 0.95, recall ≥ 0.90. Run with `--nocapture` to see the
//! figures, overall and by case.

mod common;

use partnerdeck::ingest::{self, Context, Matcher};
use std::collections::BTreeMap;

#[test]
fn partner_matching_meets_its_precision_and_recall_targets() {
    let (ws, corpus) = common::labelled::corpus(40, 1200, 31);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("labelled.mbox");
    let mut mbox = Vec::new();
    for m in &corpus {
        mbox.extend_from_slice(b"From gen@gen.test Mon Jun  1 10:00:00 2026\n");
        mbox.extend_from_slice(&m.bytes);
        mbox.push(b'\n');
    }
    std::fs::write(&path, mbox).unwrap();
    let now = "2026-12-07T12:00:00".parse().unwrap();
    let read = ingest::read_paths(&[path], now, None);
    assert_eq!(read.mails.len(), corpus.len(), "{:?}", read.problems);
    let matcher = Matcher::new(&ws);
    let predicted: BTreeMap<String, Option<u64>> =
        ingest::propose::message_partners(&read.mails, &Context::new(&ws, &matcher, now, None))
            .into_iter()
            .map(|(id, p)| (id, p.map(|p| p.0)))
            .collect();
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut by_case: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for m in &corpus {
        let truth = m.truth.map(|k| ws.partners[k].id.0);
        let got = predicted.get(&m.id).copied().flatten();
        match (truth, got) {
            (Some(t), Some(g)) if t == g => tp += 1,
            (Some(_), Some(_)) => {
                fp += 1;
                fn_ += 1
            }
            (None, Some(_)) => fp += 1,
            (Some(_), None) => fn_ += 1,
            (None, None) => {}
        }
        let e = by_case.entry(m.case).or_default();
        e.0 += 1;
        e.1 += usize::from(truth == got);
    }
    let precision = tp as f64 / (tp + fp) as f64;
    let recall = tp as f64 / (tp + fn_) as f64;
    println!(
        "labelled corpus: {} messages, {} partners; precision {precision:.3}, recall {recall:.3} \
         (true positives {tp}, false positives {fp}, missed {fn_})",
        corpus.len(),
        ws.partners.len()
    );
    for (case, (n, right)) in &by_case {
        println!("  {case:<60} {right:>4} of {n:>4} right");
    }
    assert!(precision >= 0.95, "precision {precision:.3}");
    assert!(recall >= 0.90, "recall {recall:.3}");
}
