"""Golden snapshot: a few pages of the fixture site, as built, compared with tests/golden/.

A refactor leaves these pages as they are; a change that means to alter them updates
the snapshot on purpose:

    GOLDEN_UPDATE=1 .venv/bin/python -m pytest tests/test_golden.py
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"

#: The pages kept: a provision, a part, an FAQ entry, the glossary.
PAGES = {
    "provision.html": "provisions/alpha/index.html",
    "part.html": "parts/part-one/index.html",
    "faq.html": "faq/q1/index.html",
    "glossary.html": "glossary/index.html",
}


def normalise(html: str) -> str:
    """The page without what changes from build to build: the version line, Material's asset hashes."""
    html = re.sub(r'(<p class="reg-version">).*?(</p>)', r"\1VERSION\2", html, flags=re.S)
    return re.sub(r"\.[0-9a-f]{8}\.min\.(css|js)", r".HASH.min.\1", html)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_matches_golden(base_site, name):
    built = normalise((base_site / PAGES[name]).read_text(encoding="utf-8"))
    golden = GOLDEN / name
    if os.environ.get("GOLDEN_UPDATE"):
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(built, encoding="utf-8")
    assert golden.exists(), f"没有金标准 {golden.name}：用 GOLDEN_UPDATE=1 生成"
    expected = golden.read_text(encoding="utf-8")
    if built != expected:
        import difflib

        diff = "\n".join(list(difflib.unified_diff(expected.splitlines(), built.splitlines(), "golden", "built",
                                                   lineterm=""))[:80])
        pytest.fail(f"{PAGES[name]} 与金标准不同（有意修改时用 GOLDEN_UPDATE=1 更新）：\n{diff}")
