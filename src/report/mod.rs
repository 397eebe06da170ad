//! Reports: one module per output format. Each renders a model computed elsewhere (a diff, diagnostics)
//! to a writer and computes nothing itself; output is deterministic (sorted, relative paths, no times).

pub mod diff_json;
pub mod diff_markdown;
pub mod diff_text;
pub mod history_text;
