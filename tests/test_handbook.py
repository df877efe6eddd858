"""The handbook rendered straight from the model, without MkDocs."""
from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from site_plugins.handbook import write_handbook
from site_plugins.load import load
from site_plugins.version import Version

from conftest import ROOT


@pytest.fixture(scope="module")
def handbook(tmp_path_factory):
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record)

    logger = logging.getLogger("weasyprint")
    handler = Keep(level=logging.WARNING)
    logger.addHandler(handler)
    try:
        regulation = load(ROOT / "content")
        pdf = write_handbook(regulation, Version("abc1234", "2026-11-27", False), tmp_path_factory.mktemp("pdf") / "h.pdf")
    finally:
        logger.removeHandler(handler)
    return regulation, pdf, records


def run(*args) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def test_runs_without_mkdocs():
    code = (
        "import sys; from site_plugins.handbook import render_html; from site_plugins.load import load;"
        "from site_plugins.version import Version;"
        f"render_html(load({str(ROOT / 'content')!r}), Version('x', 'y', False));"
        "assert not [m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.')], 'mkdocs imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_cover_and_a_section_per_provision(handbook):
    regulation, pdf, _ = handbook
    pages = run("pdftotext", str(pdf), "-").split("\f")
    cover = "".join(pages[0].split())
    assert "非官方解读，条文以新华社受权发布稿为准" in cover
    assert "内容版本abc1234（2026-11-27）" in cover
    flat = ["".join(page.split()) for page in pages]
    for p in regulation.provisions:
        assert any(f"{p.label}{p.heading}" in page for page in flat), p.label


def test_fonts_embedded_and_no_missing_glyphs(handbook):
    _, pdf, records = handbook
    fonts = run("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts, "no fonts listed"
    for line in fonts:
        assert line.split()[-5] == "yes", f"not embedded: {line}"  # the emb column
    assert any("Noto-Serif-CJK-SC" in line for line in fonts)
    warnings = [r.getMessage() for r in records]
    assert not [w for w in warnings if "notdef" in w or "glyph" in w], warnings


def test_cover_is_not_blank(handbook, tmp_path):
    _, pdf, _ = handbook
    run("pdftoppm", "-r", "30", "-gray", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "cover"))
    image = next(tmp_path.glob("cover*.pgm")).read_bytes()
    # P5 header, then one byte per pixel: count the dark ones
    pixels = image.split(b"\n", 3)[3]
    assert sum(1 for b in pixels if b < 128) > 200
