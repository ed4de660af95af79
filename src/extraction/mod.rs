//! Claim extraction by frames: the grammar that finds, for each figure of a sentence, what happened to
//! what it counts ("N people were killed", "killing N", "the death toll rose to N", "Israel will free
//! N Palestinians"), independently of any one sentence pattern.
//!
//! - [`tokens`]: the masked sentence as words, punctuation and figure placeholders.
//! - [`lexicon`]: the compiled word lists of `rules.toml`'s `[frames]` table.
//! - [`frames`]: the grammar: which words, standing where, give a figure its kind, and which make it an
//!   earlier figure rather than today's.
//! - [`other_event`]: figures dated by another year's event ("a wildfire in 2018 that killed 85").
//!
//! `crate::extract` runs the frames first and falls back on the rules' patterns for figures no frame
//! claims, so user-defined kinds keep working through patterns alone.

pub mod frames;
pub mod lexicon;
pub mod other_event;
pub mod tokens;
