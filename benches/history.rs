//! Health history costs (issue 19) on the generated workspaces, with divan: one partner's
//! year of weekly samples (the details' chart, for the partner with the most log entries),
//! one partner's overview trend (14 scored days), every partner's trends (what the overview's
//! column computes in idle slices), and the `health` CSV table.
//!
//! ```text
//! PARTNERDECK_BENCH_SIZES=heavy cargo bench --bench history
//! cargo bench --bench history              # heavy and extreme (extreme takes minutes)
//! ```

mod common;

use common::Size;
use divan::Bencher;
use partnerdeck::insight::{Index, history, monthly_days, trend_of, weekly_days};
use partnerdeck::model::{PartnerId, Workspace};
use partnerdeck::store;
use std::cell::OnceCell;
use std::rc::Rc;

fn main() {
    divan::main();
}

thread_local! {
    static DATA: [OnceCell<Rc<(Workspace, Index)>>; 2] = Default::default();
}

fn data(size: Size) -> Rc<(Workspace, Index)> {
    DATA.with(|d| {
        d[size as usize]
            .get_or_init(|| {
                let text = common::text_of(size);
                let ws = store::load_text(&text, &size.file())
                    .expect("loads")
                    .workspace;
                let idx = Index::build(&ws);
                Rc::new((ws, idx))
            })
            .clone()
    })
}

/// The partner with the most log entries.
fn busiest(ws: &Workspace, idx: &Index) -> PartnerId {
    ws.partners
        .iter()
        .max_by_key(|p| idx.slots(p.id).map_or(0, |s| s.interactions.len()))
        .expect("partners")
        .id
}

#[divan::bench(args = Size::selected(), sample_count = 20)]
fn weekly_history_of_the_busiest_partner(b: Bencher, size: Size) {
    let d = data(size);
    let (ws, idx) = (&d.0, &d.1);
    let id = busiest(ws, idx);
    let today = common::today();
    let days = weekly_days(today, 52);
    b.bench(|| {
        history(ws, idx, id, &days, today)
            .expect("known")
            .points
            .len()
    });
}

#[divan::bench(args = Size::selected(), sample_count = 20)]
fn trend_of_the_busiest_partner(b: Bencher, size: Size) {
    let d = data(size);
    let (ws, idx) = (&d.0, &d.1);
    let r = idx.records(ws, busiest(ws, idx)).expect("known");
    b.bench(|| trend_of(&r, common::today()).monthly.len());
}

#[divan::bench(args = Size::selected(), sample_count = 5)]
fn trends_of_every_partner(b: Bencher, size: Size) {
    let d = data(size);
    let (ws, idx) = (&d.0, &d.1);
    b.bench(|| {
        ws.partners
            .iter()
            .filter_map(|p| idx.records(ws, p.id))
            .map(|r| trend_of(&r, common::today()).monthly.len())
            .sum::<usize>()
    });
}

#[divan::bench(args = Size::selected(), sample_count = 3)]
fn health_csv(b: Bencher, size: Size) {
    let d = data(size);
    let ws = &d.0;
    let _ = monthly_days(common::today(), 12);
    b.bench(|| {
        partnerdeck::export::health::csv(ws, common::today())
            .expect("writes")
            .len()
    });
}
