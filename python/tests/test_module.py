"""The `pagerev` module against the CLI: each function's result equals what the CLI prints for the same
input (`parse`, `validate`, `diff` with `--format json`; `tables` with `export --format jsonl`), and its
errors carry the CLI's messages."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest

import pagerev
from conftest import CORPUS, ROOT, TABLES, cli_export, run_cli

PAGE = CORPUS / "official-visits"
REVISIONS = sorted(PAGE.glob("*.txt"))
PAGE_YAML = (PAGE / "page.yaml").read_text(encoding="utf-8")


def rel(p: Path) -> str:
    return str(p.relative_to(ROOT))


def cli_error(proc) -> str:
    """The CLI's error message, without its `pagerev: error: ` prefix."""
    assert proc.returncode == 2, proc
    lines = [l for l in proc.stderr.splitlines() if l.startswith("pagerev: error: ")]
    return "\n".join(l[len("pagerev: error: "):] for l in lines)


def test_the_installed_wheel_is_the_module_under_test():
    # `import pagerev` must come from the installed wheel (site-packages), not from the source tree.
    where = Path(pagerev.__file__).resolve()
    assert "site-packages" in where.parts, where
    assert Path(pagerev._native.__file__).name.endswith(".abi3.so"), pagerev._native.__file__
    assert pagerev.__version__
    assert issubclass(pagerev.Error, ValueError)


@pytest.mark.parametrize("revision", REVISIONS, ids=lambda p: p.name)
def test_parse_equals_the_cli(revision):
    cli = json.loads(run_cli("parse", "--format", "json", rel(revision)).stdout)
    ours = pagerev.parse(revision.read_text(encoding="utf-8"), profile=PAGE_YAML, name=rel(revision))
    assert ours == cli
    assert len(ours["records"]) > 0


def test_parse_with_a_forced_language_equals_the_cli(tmp_path):
    text = REVISIONS[0].read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    cli = json.loads(run_cli("parse", "--format", "json", "--lang", "fr", "a.txt", cwd=tmp_path).stdout)
    ours = pagerev.parse(text, lang="fr", name="a.txt")
    assert ours == cli
    assert ours != pagerev.parse(text, name="a.txt")


def test_parse_accepts_bytes_and_a_profile_as_data():
    text = REVISIONS[-1].read_bytes()
    assert pagerev.parse(text) == pagerev.parse(text.decode("utf-8"))
    assert pagerev.parse(text, profile={"profile": {}}) == pagerev.parse(text)


@pytest.mark.parametrize("revision", REVISIONS, ids=lambda p: p.name)
def test_validate_equals_the_cli(revision):
    cli = json.loads(run_cli("validate", "--format", "json", rel(revision)).stdout)["findings"]
    ours = pagerev.validate(revision.read_text(encoding="utf-8"), page_config=PAGE_YAML,
                            name=rel(revision))
    assert ours == cli


def test_validate_with_rules_equals_the_cli_with_config(tmp_path):
    text = (PAGE / "2023-12.txt").read_text(encoding="utf-8")
    (tmp_path / "p.txt").write_text(text, encoding="utf-8")
    config = "rules:\n  - code: PR004\n    severity: info\n  - code: PR001\n    enabled: false\n"
    (tmp_path / "c.yaml").write_text(config, encoding="utf-8")
    cli = json.loads(run_cli("validate", "--format", "json", "--config", "c.yaml", "p.txt",
                             cwd=tmp_path).stdout)["findings"]
    for rules in (config, tmp_path / "c.yaml", [config],
                  {"rules": [{"code": "PR004", "severity": "info"},
                             {"code": "PR001", "enabled": False}]}):
        assert pagerev.validate(text, rules, name="p.txt") == cli
    assert cli != pagerev.validate(text, name="p.txt")
    assert any(f["code"] == "PR004" and f["severity"] == "info" for f in cli)


def test_diff_equals_the_cli():
    old, new = PAGE / "2023-12.txt", PAGE / "2024-01.txt"
    cli = json.loads(run_cli("diff", "--format", "json", rel(old), rel(new)).stdout)
    ours = pagerev.diff(old.read_text(encoding="utf-8"), new.read_text(encoding="utf-8"),
                        profile=PAGE_YAML, old_name=rel(old), new_name=rel(new))
    assert ours == cli
    kinds = {c["kind"] for c in ours["changes"]}
    assert {"retitled", "redated", "removed", "moved", "cosmetic"} <= kinds


def test_tables_equal_the_export_on_the_corpus(corpus_export):
    rows, configs = pagerev.read_pages(rel(CORPUS))
    assert set(configs) == {"official-visits"}
    tables = pagerev.tables(rows, page_configs=configs)
    assert list(tables) == list(TABLES)
    for name in TABLES:
        t = tables[name]
        assert isinstance(t, pa.Table)
        assert t.schema.names == pagerev.COLUMNS[name]
        assert t.schema.equals(pagerev.schema(name))
        assert t.to_pylist() == corpus_export[name], name
        assert t.num_rows > 0, name


def test_tables_take_rows_in_any_order_and_as_dicts(corpus_export):
    rows, configs = pagerev.read_pages(rel(CORPUS))
    shuffled = [dict(page=p, revision=r, text=t, path=path) for p, r, t, path in reversed(rows)]
    tables = pagerev.tables(shuffled, page_configs=configs)
    for name in TABLES:
        assert tables[name].to_pylist() == corpus_export[name], name


def test_changes_table_equals_the_exports_changes(corpus_export):
    rows, configs = pagerev.read_pages(rel(CORPUS))
    pairs = [(a[0], a[1], a[2], b[1], b[2]) for a, b in zip(rows, rows[1:])]
    t = pagerev.changes_table(pairs, page_configs=configs)
    assert t.to_pylist() == corpus_export["changes"]
    without = pagerev.tables(rows, page_configs=configs, changes=False)
    assert without["changes"].num_rows == 0
    assert without["changes"].schema.equals(pagerev.schema("changes"))


def test_empty_input_is_the_clis_error(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    expected = cli_error(run_cli("parse", "empty.txt", cwd=tmp_path, check=False))
    for call in (lambda: pagerev.parse("", name="empty.txt"),
                 lambda: pagerev.validate(b"", name="empty.txt"),
                 lambda: pagerev.tables([("p", "empty.txt", "", "empty.txt")])):
        with pytest.raises(pagerev.Error) as e:
            call()
        assert str(e.value) == expected


def test_invalid_utf8_is_the_clis_error(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"Visits\n\n1 May 2020\xff\n")
    expected = cli_error(run_cli("parse", "bad.txt", cwd=tmp_path, check=False))
    with pytest.raises(ValueError) as e:
        pagerev.parse((tmp_path / "bad.txt").read_bytes(), name="bad.txt")
    assert str(e.value) == expected


def test_a_bad_rule_configuration_lists_every_problem_as_the_cli_does(tmp_path):
    (tmp_path / "p.txt").write_text(REVISIONS[0].read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("rules:\n  - code: PR999\n  - code: PR001\n    colour: red\n",
                                      encoding="utf-8")
    expected = cli_error(run_cli("validate", "--config", "bad.yaml", "p.txt", cwd=tmp_path,
                                 check=False))
    with pytest.raises(pagerev.Error) as e:
        pagerev.validate("x", tmp_path / "bad.yaml")
    message = str(e.value).replace(str(tmp_path / "bad.yaml"), "bad.yaml")
    problems = expected.splitlines()
    assert len(problems) >= 3  # two problems and the summary line
    for line in problems:
        assert line in message, (line, message)


def test_a_bad_page_configuration_is_an_error():
    with pytest.raises(pagerev.Error, match="page.yaml"):
        pagerev.tables([("p", "a.txt", REVISIONS[0].read_text(encoding="utf-8"))],
                       page_configs={"p": "profile:\n  no_such_key: 1\n"})


def test_bad_arguments_are_errors():
    text = REVISIONS[0].read_text(encoding="utf-8")
    with pytest.raises(pagerev.Error, match="lang"):
        pagerev.parse(text, lang="xx")
    with pytest.raises(pagerev.Error, match="threshold"):
        pagerev.diff(text, text, threshold=2.0)
    with pytest.raises(pagerev.Error, match="today"):
        pagerev.validate(text, today="yesterday")
    with pytest.raises(ValueError, match="no such table"):
        pagerev.schema("visits")


def test_future_date_follows_today():
    text = (PAGE / "2023-12.txt").read_text(encoding="utf-8")
    early = pagerev.validate(text, today="2019-01-01")
    late = pagerev.validate(text, today="2030-01-01")
    future = [f for f in early if f["name"] == "future-date"]
    assert future and not [f for f in late if f["name"] == "future-date"]


def test_read_pages_finds_what_the_export_finds(tmp_path):
    # a single file, a page folder, and a folder with no revisions
    shutil.copy(REVISIONS[0], tmp_path / "one.txt")
    page = tmp_path / "page"
    page.mkdir()
    shutil.copy(REVISIONS[1], page / "r1.txt")
    (page / "notes.md").write_text("not a revision", encoding="utf-8")
    exported = cli_export(["one.txt", "page"], tmp_path / "out", cwd=tmp_path)
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        rows, configs = pagerev.read_pages("one.txt", "page")
        (tmp_path / "none").mkdir()
        with pytest.raises(pagerev.Error) as e:
            pagerev.read_pages("none")
        expected = cli_error(run_cli("export", "none", "--to", "out", cwd=tmp_path, check=False))
        assert str(e.value) == expected
    finally:
        os.chdir(cwd)
    assert configs == {}
    tables = pagerev.tables(rows)
    for name in TABLES:
        assert tables[name].to_pylist() == exported[name], name
