"""Page numbers laid out as written, from the last layout's anchors, print what target-counter() printed."""
from __future__ import annotations

import pytest

from conftest import BASE_CONTENT
from site_plugins import handbook
from site_plugins.handbook import paging, pdf_text
from site_plugins.load import load
from site_plugins.version import Version


def test_links_that_print_a_page_carry_it():
    html = ('<li class="toc__part"><a href="#part-a">一</a></li>'
            '<a class="reg-ref reg-ref--provision" href="#p-x">第1条</a>'
            '<a class="reg-ref reg-ref--term" href="#term-t">术语</a><a class="page-ref" href="#p-y">第2条</a>')
    assert paging.referenced(html) == {"part-a", "p-x", "p-y"}  # a term prints no page
    out = paging.numbered(html, {"part-a": 3, "p-x": 12, "p-y": 140})
    assert '<a href="#part-a" data-page="3">' in out and 'href="#p-x" data-page="12">' in out
    assert 'href="#p-y" data-page="140">' in out and 'href="#term-t">' in out


def test_agreement_wants_every_anchor_on_its_printed_page():
    assert paging.agree({"a": 3, "b": 5}, {"a": 3, "b": 5, "c": 9}, {"a", "b"})
    assert not paging.agree({"a": 3, "b": 5}, {"a": 3, "b": 6}, {"a", "b"})
    assert not paging.agree({"a": 3}, {"a": 3}, {"a", "b"})  # b was not laid out at all


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory):
    """The base fixture's learner edition, its numbers resolved by WeasyPrint."""
    html = handbook.render_html(load(BASE_CONTENT), Version("abc1234", "2026-11-27", False))
    css = handbook._STYLESHEET.read_text(encoding="utf-8")
    out = tmp_path_factory.mktemp("paging") / "resolved.pdf"
    pages = handbook._lay_out(html, css, out)
    return html, css, out, pages


@pytest.mark.slow
@pytest.mark.parametrize("shift", [0, 1], ids=["known", "moved"])
def test_written_numbers_print_the_same_book(laid_out, tmp_path, monkeypatch, shift):
    """From the right pages: one layout. From pages that moved (all one on): corrected, the same book."""
    html, css, resolved, pages = laid_out
    assert len(pages) >= 5 and any(n > 2 for n in pages.values())
    verdicts = []
    agree = paging.agree
    monkeypatch.setattr(paging, "agree", lambda *args: verdicts.append(agree(*args)) or verdicts[-1])
    out = tmp_path / "written.pdf"
    assert handbook._lay_out(html, css, out, {k: n + shift for k, n in pages.items()}) == pages
    assert verdicts == ([True] if shift == 0 else [False, True])
    assert pdf_text(out) == pdf_text(resolved)
