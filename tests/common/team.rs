//! Random changes by one side of a team, for the merge tests.

use partnerdeck::model::*;
use partnerdeck::store::demo::DEMO_ANCHOR;

pub struct Rng(u64);
impl Rng {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// `count` random changes by one side, touching only the partners with `parity` (so two sides
/// with different parities never change the same field).
pub fn change(ws: &mut Workspace, seed: u64, count: usize, parity: usize, tag: &str) {
    let mut rng = Rng(seed);
    for n in 0..count {
        let mine: Vec<PartnerId> = ws
            .partners
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == parity)
            .map(|(_, p)| p.id)
            .collect();
        if mine.is_empty() {
            return;
        }
        let p = mine[rng.below(mine.len())];
        match rng.below(7) {
            0 | 1 => {
                let id = InteractionId(ws.allocate_id());
                ws.interactions.push(Interaction {
                    authors: Default::default(),
                    id,
                    partner: p,
                    at: DEMO_ANCHOR.and_hms_opt(10, 0, 0).unwrap(),
                    channel: Channel::Call,
                    initiated_by: Side::Us,
                    summary: format!("{tag} call {n}"),
                    sentiment: None,
                    follow_up: None,
                });
            }
            2 => {
                if let Some(g) = ws.goals.iter_mut().find(|g| g.partner == p) {
                    g.current += 1.0;
                }
            }
            3 => {
                if let Some(x) = ws.partners.iter_mut().find(|x| x.id == p) {
                    x.tags.push(format!("{tag}-tag-{n}"));
                }
            }
            4 => {
                if let Some(i) = ws.interactions.iter().position(|i| i.partner == p) {
                    ws.interactions.remove(i);
                }
            }
            5 => {
                if let Some(m) = ws
                    .milestones
                    .iter_mut()
                    .find(|m| m.partner == p && m.done.is_none())
                {
                    m.done = Some(DEMO_ANCHOR);
                }
            }
            _ => {
                if let Some(x) = ws.partners.iter_mut().find(|x| x.id == p) {
                    x.aim = format!("{tag} aim {n}");
                }
            }
        }
    }
    ws.normalize();
}
