"""The Spark job (`examples/spark/pagerev_job.py`) in local mode: its four tables equal `pagerev
export`'s row for row (both sorted), on the bundled corpus and on a generated corpus of many pages, read
from a folder tree, a Parquet table and a CSV table, in-process and through `spark-submit`."""

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.parquet as pq
import pytest

import pagerev
from conftest import CORPUS, ROOT, TABLES, cli_export

JOB = ROOT / "examples/spark/pagerev_job.py"
spec = importlib.util.spec_from_file_location("pagerev_job", JOB)
job = importlib.util.module_from_spec(spec)
spec.loader.exec_module(job)

# Small and quick: two local cores, few partitions, no UI.
SPARK_CONF = {
    "spark.sql.shuffle.partitions": "4",
    "spark.default.parallelism": "4",
    "spark.ui.enabled": "false",
    "spark.sql.execution.arrow.maxRecordsPerBatch": str(job.BATCH_REVISIONS),
    "spark.driver.memory": "1g",
}


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # The workers run this interpreter (the venv with the wheel), not whatever `python3` is on PATH.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    builder = SparkSession.builder.master("local[2]").appName("pagerev-test")
    for k, v in SPARK_CONF.items():
        builder = builder.config(k, v)
    session = builder.getOrCreate()
    yield session
    session.stop()


def key(row):
    return json.dumps(row, sort_keys=True)


def read_output(out: Path, fmt: str = "parquet"):
    """The job's tables, as lists of row dicts with the export's columns and types."""
    tables = {}
    for name in TABLES:
        folder = out / name
        if fmt == "parquet":
            t = pq.read_table(folder)
        else:
            rows = []
            for part in sorted(folder.glob("part-*")):
                with open(part, encoding="utf-8") as f:
                    rows.extend(json.loads(line) for line in f if line.strip())
            t = pa.Table.from_pylist(rows, schema=pagerev.schema(name)) if rows else \
                pagerev.schema(name).empty_table()
        assert t.schema.names == pagerev.COLUMNS[name], name
        tables[name] = t.cast(pagerev.schema(name)).to_pylist()
    return tables


def assert_same(ours, exported):
    for name in TABLES:
        assert len(ours[name]) == len(exported[name]), name
        assert sorted(ours[name], key=key) == sorted(exported[name], key=key), name


def run_job(spark, *argv):
    job.run(spark, job.arguments([str(a) for a in argv]))


def generate(root: Path, pages: int) -> Path:
    """A corpus of `pages` pages from the project's generator (`examples/gen-corpus.rs`): one to three
    revisions each (the generated page, then two later revisions with edits), defects planted in some,
    and the bundled page's `page.yaml` (rules for member counts) in every third."""
    gen = ROOT / os.environ.get("PAGEREV_GEN_CORPUS", "target/debug/examples/gen-corpus")
    if not gen.is_file():
        raise RuntimeError(f"{gen}: no page generator; `cargo build --example gen-corpus` (scripts/test-python does)")
    out = root / "gen"
    for i in range(pages):
        page = out / f"page-{i:03}"
        page.mkdir(parents=True)
        records, seed, defects = 5 + (i * 7) % 60, i + 1, i % 4
        base = [str(gen), "--records", str(records), "--seed", str(seed), "--inject-defects", str(defects),
                "--out", str(page / "2020-01.txt")]
        revisions = 1 + i % 3
        if revisions >= 2:
            subprocess.run(base + ["--next", str(page / "2021-01.txt"), "--change-rate", "0.1"], check=True)
        else:
            subprocess.run(base, check=True)
        if revisions == 3:
            subprocess.run(base + ["--next", str(page / "2022-01.txt"), "--change-rate", "0.3"], check=True)
        if i % 3 == 0:
            shutil.copy(CORPUS / "official-visits/page.yaml", page / "page.yaml")
    (out / "page-000" / "notes.md").write_text("not a revision", encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = tmp_path_factory.mktemp("generated")
    corpus = generate(root, 60)
    return corpus, cli_export([corpus], root / "export")


def test_the_job_equals_the_export_on_the_bundled_corpus(spark, corpus_export, tmp_path):
    run_job(spark, "corpus", "--to", tmp_path / "out")
    assert_same(read_output(tmp_path / "out"), corpus_export)


def test_the_job_equals_the_export_on_a_generated_corpus(spark, generated, tmp_path):
    corpus, exported = generated
    assert len({r["page"] for r in exported["revisions"]}) == 60
    assert len(exported["changes"]) > 50 and len(exported["findings"]) > 20
    run_job(spark, corpus, "--to", tmp_path / "out", "--partitions", 3)
    assert_same(read_output(tmp_path / "out"), exported)


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_the_job_reads_a_table_of_revisions(spark, generated, tmp_path, fmt):
    corpus, exported = generated
    rows, _ = pagerev.read_pages(str(corpus))
    table = pa.table({
        "page": [r[0] for r in rows],
        "revision": [r[1] for r in rows],
        "text": [r[2].decode("utf-8") for r in rows],
        "path": [r[3] for r in rows],
    })
    source = tmp_path / f"revisions.{fmt}"
    if fmt == "parquet":
        pq.write_table(table, source)
    else:
        pcsv.write_csv(table, source)
    run_job(spark, source, "--configs", corpus, "--to", tmp_path / "out")
    assert_same(read_output(tmp_path / "out"), exported)


def test_spark_submit_runs_the_job(corpus_export, tmp_path):
    submit = Path(sys.executable).parent / "spark-submit"
    assert submit.is_file(), submit
    conf = [a for k, v in SPARK_CONF.items() for a in ("--conf", f"{k}={v}")]
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    proc = subprocess.run([str(submit), "--master", "local[2]", *conf, str(JOB), "corpus", "--to",
                           str(tmp_path / "out"), "--format", "json"], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert f"wrote {tmp_path / 'out'}/changes/" in proc.stdout
    assert_same(read_output(tmp_path / "out", "json"), corpus_export)
