//! The tables as Parquet files (the `parquet` feature): rows are gathered into row groups of
//! [`ROWS_PER_GROUP`] and each group is written as it fills, so no table is held whole in memory.
//!
//! The Arrow schema of each table comes from its row type (serde_arrow traces the struct's fields):
//! strings are `Utf8`, counts and line numbers unsigned integers, and an `Option` field is nullable, so
//! the Parquet columns are the columns `docs/dataset.md` lists, typed.

use arrow_schema::{FieldRef, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use serde::Serialize;
use serde_arrow::schema::{SchemaLike, TracingOptions};
use std::io::Write;
use std::sync::Arc;

/// Rows per Parquet row group: large enough for good compression and fast scans, small enough that a
/// table's buffer stays a few megabytes.
pub const ROWS_PER_GROUP: usize = 16 * 1024;

/// Why a table could not be written as Parquet.
#[derive(Debug, thiserror::Error)]
pub enum ParquetError {
    /// The rows could not be turned into Arrow columns.
    #[error("cannot build the Arrow columns: {0}")]
    Arrow(#[from] serde_arrow::Error),
    /// The Parquet writer failed.
    #[error("cannot write Parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
}

/// One table being written as Parquet to `W`.
pub struct ParquetTable<T, W: Write + Send> {
    fields: Vec<FieldRef>,
    pending: Vec<T>,
    writer: ArrowWriter<W>,
}

impl<T: Serialize + for<'de> serde::Deserialize<'de>, W: Write + Send> ParquetTable<T, W> {
    /// A table of rows of type `T`, written to `out` (Snappy-compressed, the format's usual default).
    pub fn new(out: W) -> Result<Self, ParquetError> {
        let tracing = TracingOptions::default()
            .allow_null_fields(true)
            .strings_as_large_utf8(false);
        let fields = Vec::<FieldRef>::from_type::<T>(tracing)?;
        let schema = Arc::new(Schema::new(fields.clone()));
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("pagerev {}", env!("CARGO_PKG_VERSION")))
            .build();
        let writer = ArrowWriter::try_new(out, schema, Some(props))?;
        Ok(ParquetTable {
            fields,
            pending: Vec::with_capacity(ROWS_PER_GROUP),
            writer,
        })
    }

    /// Adds a row; a full row group is written out.
    pub fn push(&mut self, row: T) -> Result<(), ParquetError> {
        self.pending.push(row);
        if self.pending.len() >= ROWS_PER_GROUP {
            self.write_pending()?;
        }
        Ok(())
    }

    fn write_pending(&mut self) -> Result<(), ParquetError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let batch = serde_arrow::to_record_batch(&self.fields, &self.pending)?;
        self.writer.write(&batch)?;
        // Each buffer becomes its own row group, so memory stays bounded by one group.
        self.writer.flush()?;
        self.pending.clear();
        Ok(())
    }

    /// Writes what is left and the file's footer; returns the output.
    pub fn finish(mut self) -> Result<W, ParquetError> {
        self.write_pending()?;
        Ok(self.writer.into_inner()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{RecordRow, RevisionRow};
    use parquet::file::reader::{FileReader, SerializedFileReader};

    fn row(i: usize) -> RevisionRow {
        RevisionRow {
            page: "p".into(),
            revision: format!("{i:05}.txt"),
            path: format!("corpus/p/{i:05}.txt"),
            bytes: i,
            records: i % 7,
            language: "en".into(),
            page_title: (i % 2 == 0).then(|| format!("Title {i}")),
            content_hash: format!("{i:016x}"),
        }
    }

    #[test]
    fn rows_come_back_in_order_in_groups_with_their_nulls() {
        let n = ROWS_PER_GROUP + 5;
        let mut table = ParquetTable::<RevisionRow, Vec<u8>>::new(Vec::new()).unwrap();
        for i in 0..n {
            table.push(row(i)).unwrap();
        }
        let bytes = bytes::Bytes::from(table.finish().unwrap());
        let reader = SerializedFileReader::new(bytes.clone()).unwrap();
        let meta = reader.metadata();
        assert_eq!(meta.file_metadata().num_rows() as usize, n);
        assert_eq!(meta.num_row_groups(), 2, "a full group, then the rest");
        let batches: Vec<_> =
            parquet::arrow::arrow_reader::ParquetRecordBatchReader::try_new(bytes, 1024)
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
        let rows: Vec<RevisionRow> = batches
            .iter()
            .flat_map(|b| serde_arrow::from_record_batch::<Vec<RevisionRow>>(b).unwrap())
            .collect();
        assert_eq!(rows.len(), n);
        for (i, r) in rows.iter().enumerate() {
            let want = row(i);
            assert_eq!(
                (&r.revision, r.bytes, &r.page_title),
                (&want.revision, want.bytes, &want.page_title)
            );
        }
    }

    #[test]
    fn an_empty_table_is_a_valid_file_with_its_columns() {
        let table = ParquetTable::<RecordRow, Vec<u8>>::new(Vec::new()).unwrap();
        let bytes = bytes::Bytes::from(table.finish().unwrap());
        let reader = SerializedFileReader::new(bytes).unwrap();
        let schema = reader.metadata().file_metadata().schema_descr();
        let columns: Vec<String> = (0..schema.num_columns())
            .map(|i| schema.column(i).name().to_string())
            .collect();
        assert_eq!(columns[..3], ["page", "revision", "id"]);
        assert!(columns.iter().any(|c| c == "text_hash"), "{columns:?}");
        assert_eq!(reader.metadata().file_metadata().num_rows(), 0);
    }
}
