"""pagerev from Python: parse, validate and diff revisions of scraped dated-entry pages, and build the
four tables of ``pagerev export`` (revisions, records, findings, changes) as ``pyarrow.Table``s.

The work is done by the Rust library (the native module ``pagerev._native``); every result is the JSON
the CLI prints, read back as plain dicts and lists, so the Python objects and the CLI cannot drift.
Errors raise :class:`pagerev.Error` (a ``ValueError``) with the message the CLI prints.

pyarrow is needed only by :func:`tables` and :func:`changes_table`.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path, PurePosixPath
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import _native
from ._native import COLUMNS, SCHEMA_VERSION, Error

__all__ = [
    "COLUMNS",
    "SCHEMA_VERSION",
    "Error",
    "__version__",
    "changes_table",
    "diff",
    "parse",
    "read_pages",
    "schema",
    "tables",
    "validate",
]

__version__ = _native.VERSION

TABLES = ("revisions", "records", "findings", "changes")

# A configuration given as data (dict), as YAML text, or as a path to a YAML file.
Config = Union[str, os.PathLike, Mapping[str, Any]]


def _config_text(config: Config, default_name: str) -> Tuple[str, str]:
    """(name, text) of a configuration: a path is read (and named by its path), a dict is written as
    JSON (which is YAML), a string is YAML text."""
    if isinstance(config, os.PathLike):
        return os.fspath(config), Path(config).read_text(encoding="utf-8")
    if isinstance(config, Mapping):
        return default_name, json.dumps(config)
    if isinstance(config, str):
        return default_name, config
    raise TypeError(f"expected YAML text, a path or a dict, not {type(config).__name__}")


def _profile_text(profile: Optional[Config]) -> Optional[str]:
    return None if profile is None else _config_text(profile, "<profile>")[1]


def _rules_list(rules: Union[None, Config, Sequence[Config]]) -> List[Tuple[str, str]]:
    if rules is None:
        return []
    if isinstance(rules, (str, os.PathLike, Mapping)):
        rules = [rules]
    return [_config_text(r, f"<rules {i + 1}>") for i, r in enumerate(rules)]


def parse(text: str, lang: Optional[str] = None, profile: Optional[Config] = None, *,
          name: str = "<text>") -> Dict[str, Any]:
    """The canonical page, as ``pagerev parse --format json`` prints it: a dict with ``records``.

    ``lang`` forces a language (``en``, ``fr``, …; ``None`` or ``auto`` detects it); ``profile`` pins
    how the page is read (a ``page.yaml``'s ``profile:`` section: YAML text, a path, or a dict)."""
    return json.loads(_native.parse_json(text, lang, _profile_text(profile), name))


def validate(text: str, rules: Union[None, Config, Sequence[Config]] = None, *,
             lang: Optional[str] = None, profile: Optional[Config] = None, name: str = "<text>",
             today: Optional[str] = None, page_config: Optional[Config] = None) -> List[Dict[str, Any]]:
    """The page rules' findings, as the ``findings`` list of ``pagerev validate --format json``.

    ``rules`` are rule configurations (as ``--config`` files: YAML text, paths or dicts, applied in
    order over the built-in defaults); ``today`` (``YYYY-MM-DD``) is the date ``future-date`` compares
    with, today by default. ``page_config`` is the page's ``page.yaml`` (its ``rules:`` apply before
    ``rules``, its ``profile:`` unless ``profile`` is given), as the CLI reads it beside the page."""
    page = None if page_config is None else _config_text(page_config, "page.yaml")[1]
    return json.loads(_native.validate_json(text, _rules_list(rules), lang, _profile_text(profile),
                                            name, today, page))


def diff(old: str, new: str, *, lang: Optional[str] = None, profile: Optional[Config] = None,
         threshold: Optional[float] = None, old_name: str = "<old>",
         new_name: str = "<new>") -> Dict[str, Any]:
    """The record diff from ``old`` to ``new``, as ``pagerev diff --format json`` prints it (schema
    ``pagerev-diff/1``); ``threshold`` is ``--threshold``, the names are the files' names."""
    return json.loads(_native.diff_json(old, new, lang, _profile_text(profile), threshold,
                                        old_name, new_name))


def schema(table: str):
    """The ``pyarrow.Schema`` of one of the four tables (see ``docs/dataset.md``)."""
    import pyarrow as pa

    ints = {"bytes", "records", "index", "line_start", "line_end"}
    nullable = {"page_title", "title", "date_start", "date_end", "date_precision", "year_source",
                "dateline", "lead", "record_id", "previous_id"}
    if table not in COLUMNS:
        raise ValueError(f"{table!r}: no such table; the tables are {', '.join(TABLES)}")
    return pa.schema([
        pa.field(c, pa.int64() if c in ints else pa.string(), nullable=c in nullable)
        for c in COLUMNS[table]
    ], metadata={"pagerev.schema_version": str(SCHEMA_VERSION)})


def _table(name: str, jsonl: bytes):
    import pyarrow.json as pj

    s = schema(name)
    if not jsonl:
        return s.empty_table()
    options = pj.ParseOptions(explicit_schema=s, unexpected_field_behavior="error")
    # One block for the whole batch: a block must hold a whole row, and a record can be long.
    read = pj.ReadOptions(block_size=max(1 << 20, min(len(jsonl) + 1, (1 << 31) - 1)))
    t = pj.read_json(io.BytesIO(jsonl), read_options=read, parse_options=options)
    return t.cast(s)


Row = Union[Tuple[str, str, str], Tuple[str, str, str, Optional[str]], Mapping[str, Any]]


def _rows(rows: Iterable[Row]) -> List[Tuple[str, str, str, Optional[str]]]:
    out = []
    for row in rows:
        if isinstance(row, Mapping):
            out.append((row["page"], row["revision"], row["text"], row.get("path")))
        elif len(row) == 3:
            out.append((row[0], row[1], row[2], None))
        else:
            out.append((row[0], row[1], row[2], row[3]))
    return out


def tables(rows: Iterable[Row], *, lang: Optional[str] = None,
           rules: Union[None, Config, Sequence[Config]] = None,
           page_configs: Optional[Mapping[str, str]] = None, today: Optional[str] = None,
           threshold: Optional[float] = None, changes: bool = True) -> Dict[str, Any]:
    """The four tables of ``pagerev export`` for a batch of revisions, as ``pyarrow.Table``s keyed
    ``revisions``, ``records``, ``findings``, ``changes``.

    ``rows`` are ``(page, revision, text)`` (or ``(page, revision, text, path)``, or dicts with those
    keys); ``path`` is what the ``revisions`` table shows (``page/revision`` when absent). Revisions sort
    by (page, revision), and ``changes`` holds the changes between consecutive revisions of each page
    in the batch (``changes=False`` skips them: a job that pairs revisions itself uses
    :func:`changes_table`). ``page_configs`` maps a page to its ``page.yaml`` text (profile and rules);
    ``rules`` are applied after it, as ``--config`` files are."""
    parts = _native.export_jsonl(_rows(rows), lang, _rules_list(rules), dict(page_configs or {}),
                                 today, threshold, changes)
    return {name: _table(name, part) for name, part in zip(TABLES, parts)}


def changes_table(pairs: Iterable[Tuple[str, str, str, str, str]], *, lang: Optional[str] = None,
                  page_configs: Optional[Mapping[str, str]] = None,
                  threshold: Optional[float] = None):
    """The ``changes`` table for pairs ``(page, old_revision, old_text, new_revision, new_text)`` of
    consecutive revisions, computed as ``pagerev export`` computes it."""
    jsonl = _native.changes_jsonl([tuple(p) for p in pairs], lang, dict(page_configs or {}),
                                  threshold)
    return _table("changes", jsonl)


def _display(path: str) -> str:
    """A path as the CLI shows it: relative to the working directory when under it, without ``.``."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            pass
    shown = str(PurePosixPath(*p.parts)) if p.parts else "."
    return shown.replace("\\", "/")


def read_pages(*paths: Union[str, os.PathLike]) -> Tuple[List[Tuple[str, str, str, str]], Dict[str, str]]:
    """The revisions under ``paths`` as ``pagerev export`` finds them (page folders, folders of page
    folders, or single revision files): ``(rows, page_configs)`` for :func:`tables`."""
    rows: List[Tuple[str, str, bytes, str]] = []
    configs: Dict[str, str] = {}

    def txt_in(folder: str) -> List[str]:
        names = sorted(n for n in os.listdir(folder)
                       if n.endswith(".txt") and os.path.isfile(os.path.join(folder, n)))
        return [os.path.join(folder, n) for n in names]

    def add(folder_or_file: str, revisions: List[str]) -> None:
        page = Path(os.path.realpath(folder_or_file)).stem or "page"
        config = os.path.join(os.path.dirname(revisions[0]), "page.yaml")
        if os.path.isfile(config):
            configs[page] = Path(config).read_text(encoding="utf-8")
        for r in revisions:
            with open(r, "rb") as f:
                text = f.read()
            rows.append((page, os.path.basename(r), text, _display(r)))

    for path in map(os.fspath, paths):
        if os.path.isdir(path):
            found = False
            for sub in sorted(os.path.join(path, n) for n in os.listdir(path)):
                if os.path.isdir(sub):
                    revisions = txt_in(sub)
                    if revisions:
                        found = True
                        add(sub, revisions)
            if not found:
                revisions = txt_in(path)
                if not revisions:
                    raise Error(f"{_display(path)}: no page revisions (`*.txt`) in this folder or its "
                                "folders")
                add(path, revisions)
        else:
            add(path, [path])
    return rows, configs
