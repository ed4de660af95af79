//! factdiff: checks a corpus of news reports for consistency between sources.
//!
//! ```text
//! corpus files ──corpus──▶ Document (text, outlet, published, url, event)
//!              ──segment──▶ sentences with byte spans, paragraphs, lines and columns
//!              ──quantity──▶ Quantity (class, stated, qualifier, hard and soft interval, unit, delta)
//!              ──extract (rules)──▶ Claim (kind, subject, scope, modality, as-of, attribution, span)
//!              ──attribution──▶ Quote (text, speaker, entity, party, channel, span)
//!              ──compare──▶ Finding (verdict, severity, agreement sets, the claims or quotes involved)
//!              ──report──▶ table | json | …   and an exit code for CI
//! ```
//!
//! Each arrow is a module with one job; data flows one way. The plain types live in [`model`]; the
//! compiled rules in [`rules`]; [`pipeline`] runs the whole thing. Only the binary prints.

pub mod attribution;
pub mod entity;
pub mod error;
pub mod model;
pub mod quantity;
pub mod quotes;
pub mod rules;
pub mod segment;
pub mod time;
