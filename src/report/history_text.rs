//! `pagerev history --format text`: one block per record — where it first appeared, each later change
//! with its revision, kinds and changed fields, and where it vanished.

use crate::diff::history::History;
use std::io::{self, Write};

/// Writes the text history.
pub fn render(history: &History, out: &mut dyn Write) -> io::Result<()> {
    let revs = &history.revisions;
    let span = match (revs.first(), revs.last()) {
        (Some(a), Some(b)) if revs.len() > 1 => format!("{a} … {b}"),
        (Some(a), _) => a.clone(),
        _ => String::new(),
    };
    writeln!(
        out,
        "{} ({span}), {}",
        super::count(revs.len(), "revision"),
        super::count(history.records.len(), "record")
    )?;
    for r in &history.records {
        writeln!(out)?;
        writeln!(out, "{}", r.id)?;
        if r.first_id == r.id {
            writeln!(out, "    {}  first seen", r.first_seen)?;
        } else {
            writeln!(out, "    {}  first seen as {}", r.first_seen, r.first_id)?;
        }
        for e in &r.changes {
            let mut line = format!("    {}  {}", e.revision, e.kind.name());
            if !e.also.is_empty() {
                let also: Vec<&str> = e.also.iter().map(|k| k.name()).collect();
                line.push_str(&format!(", also {}", also.join(", ")));
            }
            if !e.fields.is_empty() {
                line.push_str(&format!(": {}", e.fields.join(", ")));
            }
            if let Some(was) = &e.was {
                line.push_str(&format!(" (was {was})"));
            }
            writeln!(out, "{line}")?;
        }
        if let Some(v) = &r.vanished {
            writeln!(out, "    {v}  vanished")?;
        }
    }
    Ok(())
}
