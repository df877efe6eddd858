"""The PDF cache: the same paged HTML, stylesheet, fonts and WeasyPrint give the stored PDF, laid out once."""
from __future__ import annotations

import logging
import os

import pytest

from conftest import BASE_CONTENT
from site_plugins import handbook
from site_plugins.handbook import Store, cache, publish_all
from site_plugins.load import load
from site_plugins.version import Version



@pytest.fixture(scope="module")
def regulation():
    return load(BASE_CONTENT)


@pytest.mark.slow  # lays out the base fixture's nine PDFs
def test_a_second_build_lays_out_nothing_and_publishes_the_same(regulation, tmp_path, monkeypatch):
    store, version = Store(tmp_path / "cache"), Version("abc1234", "2026-11-27", False)
    first = publish_all(regulation, version, tmp_path / "one", store)
    assert len(first) == 2 + len(regulation.parts) and all(pages for _, pages in first)

    def refuse(*args):
        raise AssertionError("laid out a PDF the cache holds")

    monkeypatch.setattr(handbook, "_lay_out", refuse)
    second = publish_all(regulation, version, tmp_path / "two", store)
    for (a, pages_a), (b, pages_b) in zip(first, second):
        assert a.name == b.name and a.read_bytes() == b.read_bytes() and pages_a == pages_b


def test_the_key_changes_with_the_html_and_the_stylesheet():
    keys = {cache.key("<p>一</p>", "p {}"), cache.key("<p>二</p>", "p {}"), cache.key("<p>一</p>", "p { color: red }")}
    assert len(keys) == 3 and cache.key("<p>一</p>", "p {}") in keys


@pytest.mark.slow  # lays out a PDF twice
def test_a_pdf_laid_out_with_a_warning_is_not_kept(tmp_path, monkeypatch):
    store, lay_out = Store(tmp_path / "cache"), handbook._lay_out

    def warned(html, stylesheet, out, known_pages=None):
        logging.getLogger("weasyprint").warning("No glyph for character U+1FA78")
        return lay_out(html, stylesheet, out, known_pages)

    monkeypatch.setattr(handbook, "_lay_out", warned)
    html = '<html lang="zh"><body><p>正文</p></body></html>'
    out, warnings, pages = handbook._write(html, tmp_path / "w.pdf", store)
    assert warnings == ["No glyph for character U+1FA78"] and pages and "正文" in pages[0]
    assert not store.holds(cache.key(html, handbook._STYLESHEET.read_text(encoding="utf-8")))
    monkeypatch.setattr(handbook, "_lay_out", lay_out)
    handbook._write(html, tmp_path / "w.pdf", store)  # laid out again, now without a warning: kept
    assert store.holds(cache.key(html, handbook._STYLESHEET.read_text(encoding="utf-8")))


def test_the_store_keeps_the_pdfs_used_last(tmp_path):
    store = Store(tmp_path / "cache")
    for n in range(5):
        pdf = tmp_path / f"{n}.pdf"
        pdf.write_bytes(b"%PDF " + bytes([n]))
        store.keep(cache.key(str(n), ""), pdf, [f"第{n}页"])
        os.utime(store._paths(cache.key(str(n), ""))[0], (1000 + n, 1000 + n))  # stored one after another
    assert store.fetch(cache.key("0", ""), tmp_path / "out.pdf") == ["第0页"]  # the oldest, used now
    store.prune(keep=2)
    assert [store.holds(cache.key(str(n), "")) for n in range(5)] == [True, False, False, False, True]
