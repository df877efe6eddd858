"""Options of the regulation plugin, as set under ``plugins: - regulation:`` in mkdocs.yml."""
from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config, ValidationError

from .handbook import PAPERS  # one list of paper sizes, shared with the handbook


class Paper(opt.Choice):
    """A paper size, with the message in Chinese."""

    def run_validation(self, value):
        if value not in PAPERS:
            raise ValidationError(f"纸张只能是 {' 或 '.join(PAPERS)}，现为「{value}」")
        return value


class RegulationConfig(Config):
    enabled = opt.Type(bool, default=True)
    """Switch the plugin off without removing it."""

    content_dir = opt.Type(str, default="content")
    """The content folder, relative to mkdocs.yml."""

    handbook = opt.Type(bool, default=True)
    """Write the PDF handbook on `mkdocs build` (never on `mkdocs serve`)."""

    handbook_paper = Paper(PAPERS, default="A4")
    """Paper size of the handbook editions and the part handouts."""

    cache = opt.Type(bool, default=True)
    """Keep laid-out PDFs in ``cache_dir``: a rebuild with no handbook change lays out none."""

    cache_dir = opt.Type(str, default=".cache/plugin/regulation")
    """Where, relative to mkdocs.yml (as Material's own plugins keep theirs)."""

    offline_edition = opt.Type(bool, default=True)
    """Publish the offline edition (downloads/offline.zip) on `mkdocs build` (see offline.py)."""

    inline_quiz_bank = opt.Type(bool, default=False)
    """Carry the quiz bank inside the exam page (the offline edition: file:// forbids fetching it)."""

    allow_test_placeholders = opt.Type(bool, default=False)
    """Tests only: let a synthetic full text with placeholder sentences through (see fulltext.py)."""


def standalone(config_file: Path, plugins: list) -> dict:
    """``config_file`` (an mkdocs.yml), ready to be written into another folder and built from there:
    docs and theme folders made absolute, ``plugins`` in place of its own, and its Markdown settings.

    One recipe for the offline edition's second build, the tests' fixture projects and the benchmarks.
    """
    data = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    root = config_file.parent
    data["docs_dir"] = str((root / data.get("docs_dir", "docs")).resolve())
    if data["theme"].get("custom_dir"):
        data["theme"]["custom_dir"] = str((root / data["theme"]["custom_dir"]).resolve())
    data["plugins"] = plugins
    return data
