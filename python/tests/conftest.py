"""Shared helpers of the Python tests: where the repository and the `pagerev` CLI are, and the CLI's own
export of a corpus (`pagerev export --format jsonl`) as lists of row dicts, to compare with.

The CLI is `$PAGEREV_BIN`, else `target/release/pagerev` or `target/debug/pagerev` (whichever is newer);
`scripts/test-python` builds it. A missing CLI fails the tests that need it: nothing here skips."""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
TABLES = ("revisions", "records", "findings", "changes")

# Paths in the tables are as the CLI shows them, relative to the working directory: run from the root.
os.chdir(ROOT)


def cli_path() -> Path:
    if os.environ.get("PAGEREV_BIN"):
        return ROOT / os.environ["PAGEREV_BIN"]
    built = [p for p in (ROOT / "target/release/pagerev", ROOT / "target/debug/pagerev") if p.is_file()]
    if not built:
        raise RuntimeError("no pagerev CLI: run `cargo build` (scripts/test-python does) or set PAGEREV_BIN")
    return max(built, key=lambda p: p.stat().st_mtime)


def run_cli(*args, cwd=ROOT, check=True):
    """Runs the CLI; returns the completed process (exit 0 or 1 unless `check` is false)."""
    proc = subprocess.run([str(cli_path()), *map(str, args)], cwd=cwd, capture_output=True, text=True)
    if check and proc.returncode not in (0, 1):
        raise AssertionError(f"pagerev {' '.join(map(str, args))} exited {proc.returncode}: {proc.stderr}")
    return proc


def cli_export(paths, out: Path, cwd=ROOT):
    """`pagerev export PATHS --to OUT --format jsonl`, read back: {table: [row dict, …]}."""
    out.mkdir(parents=True, exist_ok=True)
    run_cli("export", *paths, "--to", out, "--format", "jsonl", cwd=cwd)
    tables = {}
    for name in TABLES:
        with open(out / f"{name}.jsonl", encoding="utf-8") as f:
            tables[name] = [json.loads(line) for line in f if line.strip()]
    return tables


@pytest.fixture(scope="session")
def corpus_export(tmp_path_factory):
    return cli_export(["corpus"], tmp_path_factory.mktemp("export"))
