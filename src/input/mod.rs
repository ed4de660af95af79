//! Documents that do not come as files: JSONL records ([`jsonl`]), one document per line, so that an
//! engine such as Spark can stream a partition of documents through `factdiff extract` or `check`; and
//! the corpus-wide event and id table ([`events_file`]) that every partition of such a run reads.

pub mod events_file;
pub mod jsonl;
