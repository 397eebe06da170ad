"""`pagerev export` on Apache Spark: the same four tables (revisions, records, findings, changes; see
docs/dataset.md), computed by the `pagerev` Python module on the executors.

    spark-submit examples/spark/pagerev_job.py INPUT --to OUT [--format parquet|json|csv]

INPUT is a folder tree like `corpus/` (a folder of page folders of `*.txt` revisions, each page folder
with an optional `page.yaml`), or a Parquet or CSV table with columns `page`, `revision`, `text` (and
optionally `path`), with `--configs FOLDER` naming a folder tree whose `<page>/page.yaml` files apply.

How it runs:
- revisions, records and findings: `mapInArrow` over the revisions, each Arrow batch given to
  `pagerev.tables(…, changes=False)`; the three tables come out of one pass as three struct columns (one
  non-null per row), cached, then split;
- changes: a window by page ordered by revision pairs each revision with the one before
  (`lag`), and `mapInArrow` gives the pairs to `pagerev.changes_table`, as the export diffs
  consecutive revisions;
- each table is written to `OUT/<table>/` (Spark's part files).

The page configurations (small) are read on the driver and broadcast; today's date is fixed on the
driver so every executor applies `future-date` alike.
"""

from __future__ import annotations

import argparse
import datetime
import os
import posixpath
import sys
from typing import Dict, Iterator, List, Optional

import pyarrow as pa

import pagerev

TABLES = ("revisions", "records", "findings", "changes")
# Revisions per Arrow batch handed to pagerev: a batch's texts and tables are in memory at once.
BATCH_REVISIONS = 64


def arguments(argv: Optional[List[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="pagerev_job.py", description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="a folder tree like corpus/, or a Parquet/CSV table (page, revision, text)")
    p.add_argument("--to", required=True, help="output folder: one subfolder per table")
    p.add_argument("--format", default="parquet", choices=["parquet", "json", "csv"])
    p.add_argument("--input-format", default="auto", choices=["auto", "folder", "parquet", "csv"],
                   help="auto: a folder holding *.txt revisions is a folder tree, `.csv` is CSV, "
                        "anything else Parquet")
    p.add_argument("--configs", help="folder tree whose <page>/page.yaml apply (table input)")
    p.add_argument("--lang", help="force a language (as `pagerev export --lang`)")
    p.add_argument("--threshold", type=float, help="as `pagerev export --threshold`")
    p.add_argument("--today", help="YYYY-MM-DD for future-date (default: today, UTC, on the driver)")
    p.add_argument("--partitions", type=int, help="partitions of the revisions (default: the "
                                                   "default parallelism)")
    p.add_argument("--master", help="Spark master when not run by spark-submit (e.g. local[2])")
    return p.parse_args(argv)


def _spark_type(t: pa.DataType):
    from pyspark.sql import types as T

    if pa.types.is_int64(t):
        return T.LongType()
    if pa.types.is_string(t):
        return T.StringType()
    raise TypeError(f"no Spark type for {t}")


def spark_schema(table: str):
    """A table's schema as Spark's (every column nullable: a row of the combined output holds one
    table's struct, the others null)."""
    from pyspark.sql import types as T

    return T.StructType([T.StructField(f.name, _spark_type(f.type), True) for f in pagerev.schema(table)])


def _struct_type(table: str) -> pa.StructType:
    return pa.struct([pa.field(f.name, f.type, True) for f in pagerev.schema(table)])


def _prefix(root: str) -> str:
    """What `pagerev export ROOT` puts before a page's files in `path`: ROOT as given (relative to the
    working directory when under it), without `.` components, and a `/`."""
    if "://" not in root and os.path.isabs(root):
        try:
            rel = os.path.relpath(root)
            if not rel.startswith(".."):
                root = rel
        except ValueError:
            pass
    parts = [p for p in root.replace("\\", "/").split("/") if p not in ("", ".")]
    lead = "/" if root.startswith("/") else ""
    return lead + "/".join(parts) + "/" if parts else lead


def page_name(folder: str) -> str:
    """The page name the export gives a folder: the stem of its name (`a.b` → `a`, `.x` → `.x`)."""
    base = posixpath.basename(os.path.realpath(folder) if "://" not in folder else folder.rstrip("/"))
    stem, dot, _ = base.rpartition(".")
    return stem if dot and stem else base


def read_folder_tree(spark, root: str):
    """Revisions of a folder tree: (page, revision, text, path) rows, and {page: page.yaml text}.

    A folder of page folders (`corpus/`), or one page folder, as `pagerev export` reads them; the files
    are read by Spark (`binaryFile`), so the tree may be on any file system Spark reads."""
    from pyspark.sql import functions as F

    def load(glob: str):
        return spark.read.format("binaryFile").load(glob).select("path", "content")

    def _any(df) -> bool:
        try:
            return df.limit(1).count() > 0
        except Exception as e:  # Spark raises when a glob matches nothing
            if _not_found(e):
                return False
            raise

    nested = posixpath.join(root, "*", "*.txt")
    files = load(nested)
    if _any(files):
        folder = F.element_at(F.split("path", "/"), -2)
        # The stem, as `page_name`: a dotted folder `a.b` is the page `a`.
        stem = F.regexp_extract(folder, r"^(.+)\.[^.]*$", 1)
        folder_of = F.when(stem == "", folder).otherwise(stem)
        configs_glob = posixpath.join(root, "*", "page.yaml")
        single = None
    else:
        files = load(posixpath.join(root, "*.txt"))
        single = page_name(root)
        configs_glob = posixpath.join(root, "page.yaml")
    revision = F.element_at(F.split("path", "/"), -1)
    if single is None:
        page = folder_of
        shown = F.concat(F.lit(_prefix(root)), folder, F.lit("/"), revision)
    else:
        page = F.lit(single)
        shown = F.concat(F.lit(_prefix(root)), revision)
    rows = files.select(page.alias("page"), revision.alias("revision"),
                        F.col("content").alias("text"), shown.alias("path"))
    return rows, read_configs(spark, configs_glob, single)


def read_configs(spark, glob: str, single: Optional[str] = None) -> Dict[str, str]:
    """{page: page.yaml text} for the `page.yaml` files `glob` matches (collected: they are small)."""
    try:
        found = spark.read.format("binaryFile").load(glob).select("path", "content").collect()
    except Exception as e:  # Spark raises when a glob matches nothing
        if _not_found(e):
            return {}
        raise
    return {single or page_name(r.path.rstrip("/").split("/")[-2]): bytes(r.content).decode("utf-8")
            for r in found}


def _not_found(e: Exception) -> bool:
    return "PATH_NOT_FOUND" in str(e) or "Path does not exist" in str(e)


def read_table(spark, path: str, fmt: str):
    """Revisions from a Parquet or CSV table with columns page, revision, text (and optionally path)."""
    from pyspark.sql import functions as F

    if fmt == "csv":
        df = (spark.read.option("header", True).option("multiLine", True).option("escape", '"')
              .csv(path))
    else:
        df = spark.read.parquet(path)
    missing = {"page", "revision", "text"} - set(df.columns)
    if missing:
        raise SystemExit(f"{path}: the table has no column {', '.join(sorted(missing))}; expected page, "
                         "revision, text (and optionally path)")
    shown = F.col("path") if "path" in df.columns else F.concat_ws("/", "page", "revision")
    return df.select("page", "revision", F.col("text"), shown.alias("path"))


def run(spark, args: argparse.Namespace) -> None:
    """Runs the job on `spark`: writes the four tables under `args.to`."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    fmt = args.input_format
    if fmt == "auto":
        if os.path.isdir(args.input) and not any(
                n.endswith(".parquet") or n.startswith("part-") for n in os.listdir(args.input)):
            fmt = "folder"
        else:
            fmt = "csv" if args.input.endswith(".csv") else "parquet"
    if fmt == "folder":
        revisions, configs = read_folder_tree(spark, args.input)
    else:
        revisions = read_table(spark, args.input, fmt)
        configs = {}
        if args.configs:
            configs = read_configs(spark, posixpath.join(args.configs, "*", "page.yaml"))
    today = args.today or datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    lang, threshold = args.lang, args.threshold
    shared = spark.sparkContext.broadcast(configs)
    partitions = args.partitions or spark.sparkContext.defaultParallelism
    revisions = revisions.repartition(partitions)

    per_revision = ("revisions", "records", "findings")
    structs = {t: _struct_type(t) for t in per_revision}
    combined_schema = T.StructType([T.StructField(t, spark_schema(t), True) for t in per_revision])

    def tables_of(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            cols = batch.to_pydict()
            # Texts are bytes (binaryFile) or str (a table): pagerev takes either.
            rows = list(zip(cols["page"], cols["revision"], cols["text"], cols["path"]))
            out = pagerev.tables(rows, lang=lang, page_configs=shared.value, today=today,
                                 threshold=threshold, changes=False)
            for t in per_revision:
                table = out[t]
                n = table.num_rows
                if n == 0:
                    continue
                arrays = []
                for other in per_revision:
                    if other == t:
                        arrays.append(pa.StructArray.from_arrays(
                            [c.combine_chunks() for c in table.columns], fields=list(structs[t])))
                    else:
                        arrays.append(pa.nulls(n, type=structs[other]))
                yield pa.RecordBatch.from_arrays(arrays, names=list(per_revision))

    combined = revisions.mapInArrow(tables_of, combined_schema).persist()

    w = Window.partitionBy("page").orderBy("revision")
    pairs = (revisions
             .select("page", "revision", "text",
                     F.lag("revision").over(w).alias("old_revision"),
                     F.lag("text").over(w).alias("old_text"))
             .where(F.col("old_revision").isNotNull())
             .select("page", "old_revision", "old_text", F.col("revision").alias("new_revision"),
                     F.col("text").alias("new_text")))

    def changes_of(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            c = batch.to_pydict()
            t = pagerev.changes_table(
                zip(c["page"], c["old_revision"], c["old_text"], c["new_revision"], c["new_text"]),
                lang=lang, page_configs=shared.value, threshold=threshold)
            for b in t.to_batches():
                yield b

    outputs = {t: combined.where(F.col(t).isNotNull()).select(f"{t}.*") for t in per_revision}
    outputs["changes"] = pairs.mapInArrow(changes_of, spark_schema("changes"))
    for name in TABLES:
        df = outputs[name]
        writer = df.write.mode("overwrite")
        target = posixpath.join(args.to, name)
        if args.format == "parquet":
            writer.parquet(target)
        elif args.format == "json":
            writer.option("ignoreNullFields", False).json(target)
        else:
            writer.option("header", True).option("escape", '"').csv(target)
    combined.unpersist()


def main(argv: Optional[List[str]] = None) -> int:
    from pyspark.sql import SparkSession

    args = arguments(argv)
    builder = SparkSession.builder.appName("pagerev-export")
    if args.master:
        builder = builder.master(args.master)
    # A batch of revisions holds their texts and all their rows at once: keep batches small.
    builder = builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", BATCH_REVISIONS)
    spark = builder.getOrCreate()
    try:
        run(spark, args)
    finally:
        spark.stop()
    for name in TABLES:
        print(f"wrote {posixpath.join(args.to, name)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
