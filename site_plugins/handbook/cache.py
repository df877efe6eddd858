"""Laid-out PDFs kept by what made them, so that a rebuild with no handbook change lays out none.

A PDF is a function of its paged HTML, the print stylesheet, the fonts installed and the
WeasyPrint that lays it out. The key hashes all four (the fonts as fontconfig lists them: file,
size, time of change); the PDF is stored under its key with the text of its pages, which the
build scans for leaks. Only a PDF laid out without a warning is kept: a warning fails a strict
build, and must do so again the next time. Beside them, by file name, the pages its cross-references
pointed to the last time each PDF was laid out: the next layout starts from them (``paging``).

The store is a folder (by default ``.cache/plugin/regulation`` beside mkdocs.yml, as Material's
own plugins keep theirs); deleting it is always safe.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from importlib.metadata import version
from pathlib import Path

#: How many PDFs the store keeps: five builds' worth of two editions and seven handouts.
KEEP = 45
#: Raised whenever what is stored, or how it is laid out, changes meaning.
FORMAT = "1 tagged"


@functools.cache
def _fonts() -> str:
    """Every font file fontconfig offers, with its size and time of change."""
    try:
        listed = subprocess.run(["fc-list", "-f", "%{file}\n"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "no fontconfig"
    lines = []
    for name in sorted(set(listed.split("\n")) - {""}):
        try:
            stat = os.stat(name)
        except OSError:
            continue
        lines.append(f"{name} {stat.st_size} {stat.st_mtime_ns}")
    return "\n".join(lines)


def key(html: str, stylesheet: str) -> str:
    """The key of the PDF that ``html`` with ``stylesheet`` lays out into, here and now."""
    digest = hashlib.sha256()
    for part in (FORMAT, version("weasyprint"), _fonts(), stylesheet, html):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


class Store:
    """PDFs and their pages' text, by key, in ``folder``."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _paths(self, key: str) -> tuple[Path, Path]:
        base = self.folder / key[:2] / key
        return base.with_suffix(".pdf"), base.with_suffix(".txt")

    def pages_of(self, name: str) -> dict[str, int] | None:
        """Where the anchors of the PDF called ``name`` fell the last time one was laid out (see ``paging``)."""
        try:
            found = json.loads((self.folder / "pages" / f"{name}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(found, dict) or not all(isinstance(v, int) for v in found.values()):
            return None
        return found

    def remember_pages(self, name: str, pages: dict[str, int]) -> None:
        target = self.folder / "pages" / f"{name}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        _replace(target, lambda tmp: Path(tmp).write_text(json.dumps(pages, sort_keys=True), encoding="utf-8"))

    def holds(self, key: str) -> bool:
        return all(path.exists() for path in self._paths(key))

    def fetch(self, key: str, out: Path) -> list[str] | None:
        """Copy the stored PDF to ``out`` and return its pages' text; None if none is stored."""
        pdf, text = self._paths(key)
        try:
            pages = text.read_text(encoding="utf-8").split("\f")
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(pdf, out)
            os.utime(pdf)  # used now: kept longest by ``prune``
        except OSError:
            return None
        return pages

    def keep(self, key: str, pdf: Path, pages: list[str]) -> None:
        """Store ``pdf`` and its pages' text under ``key`` (each file written whole, then renamed)."""
        stored, text = self._paths(key)
        stored.parent.mkdir(parents=True, exist_ok=True)
        _replace(text, lambda tmp: Path(tmp).write_text("\f".join(pages), encoding="utf-8"))
        _replace(stored, lambda tmp: shutil.copyfile(pdf, tmp))


    def prune(self, keep: int = KEEP) -> None:
        """Delete all but the ``keep`` PDFs stored or used last (and their text)."""
        stored = sorted(self.folder.glob("??/*.pdf"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for pdf in stored[keep:]:
            for path in (pdf, pdf.with_suffix(".txt")):
                path.unlink(missing_ok=True)


def _replace(target: Path, write) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".part")
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
