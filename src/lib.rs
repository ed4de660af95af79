//! factdiff: checks a corpus of news reports for consistency between sources.
//!
//! ```text
//! corpus files ──corpus──▶ Document (text, outlet, published, url, event)
//!              ──segment──▶ sentences with byte spans, paragraphs, lines and columns
//!              ──quantity──▶ Quantity (class, stated, qualifier, hard and soft interval, unit, delta)
//!              ──extract + subject (rules)──▶ Claim (kind, subject, scope, modality, as-of, attribution, span)
//!              ──attribution──▶ Quote (text, speaker, entity, party, channel, span)
//!              ──compare, quotes──▶ Finding (verdict, severity, agreement sets, claims or quotes)
//!              ──report──▶ table | json | …   and an exit code for CI
//! ```
//!
//! Each arrow is a module with one job; data flows one way. The plain types live in [`model`], the
//! compiled rules in [`rules`] (its raw serde mirror in [`rules::spec`]); [`pipeline`] runs the whole
//! thing and [`app`] turns a command line into output text and an exit code. Only the binary prints.
//! Departures from DESIGN.md's layout: subject resolution has its own module ([`subject`]) because it is
//! the part of extraction that grows most; the entity table ([`entity`]) is shared by extraction and
//! attribution; cross-document quote findings live in [`quotes`], apart from numeric [`compare`].

pub mod app;
pub mod attribution;
pub mod baseline;
pub mod cli;
pub mod compare;
pub mod corpus;
pub mod entity;
pub mod error;
pub mod events;
pub mod explain;
pub mod extract;
pub mod extraction;
pub mod input;
pub mod lexicon;
pub mod model;
pub mod pipeline;
pub mod places;
pub mod progress;
pub mod quantity;
pub mod quotes;
pub mod report;
pub mod rules;
pub mod rules_diff;
pub mod rules_test;
pub mod segment;
pub mod subject;
pub mod time;
pub mod timeline;
pub mod timeline_build;
