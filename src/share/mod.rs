//! Sharing a partnership with the partner, and hearing their side (`partnerdeck share` and
//! `receive`): the pack's content (`build`, the declared fields of `model::pack`), our signing
//! key (`key`), signing and verifying (`seal`), the page for partners without partnerdeck
//! (`html`), who sent a pack (`receive`), and where their side and ours disagree
//! (`reconcile`). Pure apart from `key` (which reads and writes the key file) and `commands`
//! (the command line's side). Never a network connection.

pub mod build;
pub mod commands;
pub mod hex;
pub mod html;
pub mod key;
pub mod receive;
pub mod reconcile;
pub mod seal;
