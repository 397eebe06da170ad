"""The Python examples of the README and docs/dataset.md, run as written (every ```python block, from the
repository's root, each in a fresh namespace), so the documentation cannot drift from the module."""

import re
import textwrap

import pytest

from conftest import ROOT

DOCS = ("README.md", "docs/dataset.md")


def python_blocks():
    blocks = []
    for doc in DOCS:
        text = (ROOT / doc).read_text(encoding="utf-8")
        # A block may be indented (in a list item): its fence's indent is removed from every line.
        found = re.findall(r"^( *)```python\n(.*?)^\1```", text, re.M | re.S)
        for n, (_, block) in enumerate(found, 1):
            blocks.append(pytest.param(textwrap.dedent(block), id=f"{doc}#{n}"))
    return blocks


def test_the_docs_have_python_examples():
    assert len(python_blocks()) >= 3


@pytest.mark.parametrize("code", python_blocks())
def test_a_python_example_runs_as_written(code):
    exec(compile(code, "<example>", "exec"), {"__name__": "__example__"})
