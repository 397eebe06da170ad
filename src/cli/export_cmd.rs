//! `pagerev export PATH… --to DIR`: every revision of every page given, as four tables (revisions,
//! records, findings, changes; see `docs/dataset.md`). Rows stream to temporary files in DIR as each
//! revision is read, and the files take their final names only when the export is complete, so an
//! interrupted export leaves no partial table under a final name.

use super::args::{ExportArgs, ExportFormat};
use super::input::{display_name, read_source};
use super::settings::Settings;
use super::Outcome;
use anyhow::{bail, Context};
use pagerev::diff::{diff_pages, DiffOptions};
use pagerev::export::{ChangeRow, FindingRow, RecordRow, RevisionRow};
use pagerev::parse::parse_with;
use pagerev::rules::{check_page, CheckContext};
use serde::Serialize;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// One table being written: rows go to a temporary file in the export folder.
struct Table<T> {
    name: &'static str,
    rows: usize,
    out: TableWriter<T>,
    /// The CSV header, written by hand when the table has no row (the CSV writer writes it with the
    /// first row).
    header: String,
}

type TempOut = BufWriter<tempfile::NamedTempFile>;

enum TableWriter<T> {
    Csv(Box<csv::Writer<TempOut>>),
    Jsonl(TempOut),
    #[cfg(feature = "parquet")]
    Parquet(Box<pagerev::export::parquet::ParquetTable<T, TempOut>>),
    /// Without the `parquet` feature `T` is only named here.
    #[allow(dead_code)]
    Never(std::marker::PhantomData<T>, std::convert::Infallible),
}

impl<T: Serialize + Default + for<'de> serde::Deserialize<'de>> Table<T> {
    fn new(dir: &Path, name: &'static str, format: ExportFormat) -> anyhow::Result<Table<T>> {
        let file = tempfile::Builder::new()
            .prefix(&format!(".pagerev-export-{name}-"))
            .tempfile_in(dir)
            .with_context(|| format!("{}: cannot write the export here", display_name(dir)))?;
        let buffered = BufWriter::with_capacity(1 << 20, file);
        let out = match format {
            ExportFormat::Csv => TableWriter::Csv(Box::new(csv::Writer::from_writer(buffered))),
            ExportFormat::Jsonl => TableWriter::Jsonl(buffered),
            #[cfg(feature = "parquet")]
            ExportFormat::Parquet => TableWriter::Parquet(Box::new(
                pagerev::export::parquet::ParquetTable::new(buffered)?,
            )),
            #[cfg(not(feature = "parquet"))]
            ExportFormat::Parquet => bail!("{}", NO_PARQUET),
        };
        Ok(Table {
            name,
            rows: 0,
            out,
            header: pagerev::export::csv_header::<T>(),
        })
    }

    fn push(&mut self, row: T) -> anyhow::Result<()> {
        match &mut self.out {
            TableWriter::Csv(w) => w.serialize(&row)?,
            TableWriter::Jsonl(w) => {
                serde_json::to_writer(&mut *w, &row)?;
                w.write_all(b"\n")?;
            }
            #[cfg(feature = "parquet")]
            TableWriter::Parquet(t) => t.push(row)?,
            TableWriter::Never(_, never) => match *never {},
        }
        self.rows += 1;
        Ok(())
    }

    /// Flushes the table and gives it its final name.
    fn finish(self, dir: &Path) -> anyhow::Result<(PathBuf, usize)> {
        let (file, ext) = match self.out {
            TableWriter::Csv(w) => {
                let mut inner = w
                    .into_inner()
                    .map_err(|e| anyhow::anyhow!("{}", e.error()))?;
                if self.rows == 0 {
                    inner.write_all(self.header.as_bytes())?;
                }
                (inner, "csv")
            }
            TableWriter::Jsonl(w) => (w, "jsonl"),
            #[cfg(feature = "parquet")]
            TableWriter::Parquet(t) => (t.finish()?, "parquet"),
            TableWriter::Never(_, never) => match never {},
        };
        let file = file
            .into_inner()
            .map_err(|e| anyhow::anyhow!("{}", e.error()))?;
        // Temporary files are private (0600); a table is as readable as any file the user writes.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = file
                .as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644));
        }
        let path = dir.join(format!("{}.{ext}", self.name));
        file.persist(&path)
            .with_context(|| format!("{}: cannot write", display_name(&path)))?;
        Ok((path, self.rows))
    }
}

/// What `--format parquet` says in a build without the `parquet` feature.
#[cfg(not(feature = "parquet"))]
const NO_PARQUET: &str = "--format parquet: this pagerev was built without Parquet support; use --format csv or jsonl, or reinstall with `cargo install --path . --features parquet`";

/// A page to export: its name and its revisions, oldest first.
struct PageRevisions {
    name: String,
    revisions: Vec<PathBuf>,
}

fn txt_in(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot read folder", display_name(dir)))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    Ok(files)
}

/// The pages `paths` name: page folders, folders of page folders, or single revision files.
fn pages(paths: &[PathBuf]) -> anyhow::Result<Vec<PageRevisions>> {
    let mut out = Vec::new();
    let name_of = |p: &Path| {
        let abs = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        abs.file_stem()
            .map_or_else(|| "page".into(), |n| n.to_string_lossy().into_owned())
    };
    for path in paths {
        if path.is_dir() {
            let mut subfolders: Vec<PathBuf> = std::fs::read_dir(path)
                .with_context(|| format!("{}: cannot read folder", display_name(path)))?
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect();
            subfolders.sort();
            let mut found = false;
            for sub in subfolders {
                let revisions = txt_in(&sub)?;
                if !revisions.is_empty() {
                    found = true;
                    out.push(PageRevisions {
                        name: name_of(&sub),
                        revisions,
                    });
                }
            }
            if !found {
                let revisions = txt_in(path)?;
                if revisions.is_empty() {
                    bail!(
                        "{}: no page revisions (`*.txt`) in this folder or its folders",
                        display_name(path)
                    );
                }
                out.push(PageRevisions {
                    name: name_of(path),
                    revisions,
                });
            }
        } else {
            out.push(PageRevisions {
                name: name_of(path),
                revisions: vec![path.clone()],
            });
        }
    }
    Ok(out)
}

fn revision_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

pub fn run(settings: &Settings, args: ExportArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    if !args.to.is_dir() {
        bail!(
            "{}: no such folder; create it first (the export writes its four tables there)",
            display_name(&args.to)
        );
    }
    #[cfg(not(feature = "parquet"))]
    if args.format == ExportFormat::Parquet {
        bail!("{}", NO_PARQUET);
    }
    let pages = pages(&args.paths)?;
    let total: usize = pages.iter().map(|p| p.revisions.len()).sum();
    let progress = super::progress::Progress::new(settings, Some(total as u64), "exporting");
    let mut revisions = Table::<RevisionRow>::new(&args.to, "revisions", args.format)?;
    let mut records = Table::<RecordRow>::new(&args.to, "records", args.format)?;
    let mut findings = Table::<FindingRow>::new(&args.to, "findings", args.format)?;
    let mut changes = Table::<ChangeRow>::new(&args.to, "changes", args.format)?;
    let ctx = CheckContext {
        today: Some(settings.today),
    };
    let opts = DiffOptions {
        threshold: args.threshold,
        ..DiffOptions::default()
    };
    let base_rules = super::rule_config::load_rules(&args.rules)?;
    for page in &pages {
        let rules = super::rule_config::rules_for(&base_rules, &args.rules, &page.revisions[0])?;
        let options = super::page_config::parse_options(args.lang, None, &page.revisions[0])?;
        // Only two revisions are ever in memory: the previous one (for the changes) and this one.
        let mut previous: Option<(String, pagerev::source::SourceFile)> = None;
        for path in &page.revisions {
            let source = read_source(path)?;
            progress.set_message(source.name());
            let name = revision_name(path);
            let parsed = parse_with(&source, &options);
            revisions.push(RevisionRow::of(&page.name, &name, &source, &parsed))?;
            for row in RecordRow::all(&page.name, &name, &parsed) {
                records.push(row)?;
            }
            for d in check_page(&rules, &source, &parsed, &ctx) {
                findings.push(FindingRow::of(&page.name, &name, &d, &source))?;
            }
            if let Some((old_name, old_source)) = &previous {
                let old_page = parse_with(old_source, &options);
                let diff = diff_pages(&old_page, &parsed, &opts);
                for row in ChangeRow::all(&page.name, old_name, &name, &diff) {
                    changes.push(row)?;
                }
            }
            drop(parsed);
            previous = Some((name, source));
            progress.inc();
        }
    }
    drop(progress);
    let written = [
        revisions.finish(&args.to)?,
        records.finish(&args.to)?,
        findings.finish(&args.to)?,
        changes.finish(&args.to)?,
    ];
    for (path, rows) in written {
        writeln!(out, "wrote {} ({rows} rows)", display_name(&path))?;
    }
    Ok(Outcome::Clean)
}
