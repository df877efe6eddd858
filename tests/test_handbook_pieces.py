"""handbook/pieces.py: a long book laid out in pieces reads, page by page, as the book laid out whole:
the same text on every page (running heads, page numbers, the page count, the pages that
cross-references print), the same outline, named destinations, links and tagged structure."""
from __future__ import annotations

import datetime
import logging
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import BASE_CONTENT, ROOT, pdf_text
from site_plugins import handbook
from site_plugins.handbook import LEARNER, paging, pieces, render_html
from site_plugins.load import load
from site_plugins.version import Version, content_version

STYLESHEET = handbook._STYLESHEET.read_text(encoding="utf-8")


def _outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    found: list[tuple[int, str, int]] = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return found


def _links(reader: PdfReader) -> list[tuple[int, str]]:
    return [(number, str(annotation.get_object().get("/Dest") or annotation.get_object()["/A"]["/URI"]))
            for number, page in enumerate(reader.pages) for annotation in page.get("/Annots") or []]


def _structure(reader: PdfReader) -> list[str]:
    """The tagged structure, element kinds depth first, each element's parent checked on the way."""
    kinds: list[str] = []

    def walk(ref, parent):
        node = ref.get_object()
        if not isinstance(node, dict) or "/S" not in node:
            return
        assert node["/P"].get_object() is parent, node["/S"]
        kinds.append(node["/S"])
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid, node)

    root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    for kid in root["/K"]:
        walk(kid, root)
    return kinds


def _struct_parents_resolve(reader: PdfReader) -> bool:
    """Every page and link names its entry in the structure's parent tree."""
    nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"].get_object()["/Nums"]
    keys = {int(nums[i]) for i in range(0, len(nums), 2)}
    wanted = {int(page["/StructParents"]) for page in reader.pages if "/StructParents" in page}
    wanted |= {int(a.get_object()["/StructParent"]) for page in reader.pages for a in page.get("/Annots") or []}
    return wanted <= keys


def assert_same_book(whole: Path, pieced: Path) -> None:
    assert pdf_text(pieced) == pdf_text(whole)
    a, b = PdfReader(whole), PdfReader(pieced)
    assert _outline(b) == _outline(a)
    assert ({name: b.get_destination_page_number(d) for name, d in b.named_destinations.items()}
            == {name: a.get_destination_page_number(d) for name, d in a.named_destinations.items()})
    assert _links(b) == _links(a)
    assert _structure(b) == _structure(a)
    assert _struct_parents_resolve(b)
    for key in ("/Lang", "/MarkInfo"):
        assert b.trailer["/Root"][key] == a.trailer["/Root"][key]
    assert b.metadata.title == a.metadata.title


def test_a_book_is_cut_only_where_a_page_begins_and_carries_its_running_heads():
    body = ('<section class="cover">封面</section><section class="part"><h1 class="part__title">第一部分 甲</h1>'
            '<section class="provision"><h2 class="provision__title">第1条 乙</h2></section></section>'
            '<section class="provision"><h2 class="provision__title">第2条 丙</h2><section class="faq">问</section></section>'
            '<section class="appendix"><h1 class="appendix__title">附录：术语</h1></section>')
    html = f'<html lang="zh-CN"><head></head><body class="paper-a4">{body}</body></html>'
    cut = pieces.split(html, STYLESHEET, budget=1)
    starts = [piece.html.split('<body class="paper-a4">')[1].split(">")[0] for piece in cut]
    assert starts == ['<section class="cover"', '<section class="part"', '<section class="provision"',
                      '<section class="appendix"']
    # A piece that begins with a provision takes the part's head from the pieces before; its own title sets the rest.
    assert [piece.running for piece in cut] == [{}, {}, {"part-title": "第一部分 甲"}, {}]
    assert "".join(piece.html for piece in pieces.split(html, STYLESHEET)) == html  # under the size: one piece


def test_a_piece_numbers_its_pages_on_and_counts_the_books():
    css = pieces.piece_css(STYLESHEET, 37, 412, {"part-title": '第"三"部分'})
    assert "counter-set: page 37" in css and '"412"' in css and "counter(pages)" not in css
    assert 'part-title "第\\"三\\"部分"' in css


@pytest.mark.slow  # lays out a small book whole and in pieces
def test_a_small_book_in_pieces_is_the_book_whole(tmp_path, monkeypatch):
    html = render_html(load(BASE_CONTENT), Version("abc1234", "2026-11-30", False), LEARNER,
                       today=datetime.date(2026, 11, 30))
    handbook._lay_out(html, STYLESHEET, tmp_path / "whole.pdf")
    monkeypatch.setattr(pieces, "PIECE_SIZE", 4000)
    assert len(pieces.split(html, STYLESHEET)) >= 3
    pages = handbook._lay_out(html, STYLESHEET, tmp_path / "pieced.pdf")  # no pages known: measured first
    assert pages[pieces.TOTAL] == len(PdfReader(tmp_path / "whole.pdf").pages)
    assert_same_book(tmp_path / "whole.pdf", tmp_path / "pieced.pdf")


@pytest.mark.slow  # lays out the real learner edition in over fifteen pieces
def test_the_learner_edition_in_pieces_is_the_edition_built_whole(built_site, regulation, tmp_path, monkeypatch):
    """The edition the build laid out whole, against the same HTML laid out in pieces, from the
    whole edition's own page numbers (as a rebuild would take them from the cache)."""
    whole = built_site / "handbook-learner.pdf"
    html = render_html(regulation, content_version(ROOT / "content"), LEARNER)
    reader = PdfReader(whole)
    known = {name: reader.get_destination_page_number(d) + 1 for name, d in reader.named_destinations.items()}
    known[pieces.TOTAL] = len(reader.pages)
    monkeypatch.setattr(pieces, "PIECE_SIZE", 15_000)
    monkeypatch.setattr(pieces, "CUT_WITHIN", False)  # cut only where the book begins a page anyway
    assert len(pieces.split(html, STYLESHEET)) >= 15
    handbook._lay_out(html, STYLESHEET, tmp_path / "pieced.pdf", known)
    assert_same_book(whole, tmp_path / "pieced.pdf")



@pytest.mark.slow  # lays out a small book whole and cut within its appendix of questions
def test_a_section_over_the_size_is_cut_between_its_sections_and_reopened(tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(BASE_CONTENT, content)
    for n in range(2, 7):
        (content / "faq" / f"q{n}.md").write_text(
            f"---\nslug: q{n}\nquestion: 第{n}个问题？\nprovisions: [1]\n---\n" + "回答见[[第1条]]。" * 40 + "\n",
            encoding="utf-8")
    regulation = load(content)
    html = render_html(regulation, Version("abc1234", "2026-11-30", False), LEARNER, today=datetime.date(2026, 11, 30))
    handbook._lay_out(html, STYLESHEET, tmp_path / "whole.pdf")
    monkeypatch.setattr(pieces, "PIECE_SIZE", 3000)
    cut = pieces.split(html, STYLESHEET)
    reopened = [piece for piece in cut if '<section class="appendix">' in piece.html]
    assert len(reopened) >= 2
    assert all(piece.running == {"part-title": "附录：常见问题", "provision-title": ""} for piece in reopened)
    handbook._lay_out(html, STYLESHEET, tmp_path / "cut.pdf")

    whole, pages = pdf_text(tmp_path / "whole.pdf"), pdf_text(tmp_path / "cut.pdf")
    assert len(whole) <= len(pages) <= len(whole) + len(reopened)  # a reopened section begins a page
    appendix = "".join(page for page in pages if page.startswith("附录：常见问题"))  # by the running head
    at = [appendix.index(faq.question) for faq in regulation.faqs]
    assert at == sorted(at) and len(regulation.faqs) == 6
    a, b = PdfReader(tmp_path / "whole.pdf"), PdfReader(tmp_path / "cut.pdf")
    count = len(b.pages)  # every page after the cover counts the book's pages
    assert all(f"第{k}页/共{count}页" in "".join(page.split()) for k, page in enumerate(pages[1:count], 2))
    assert [(depth, title) for depth, title, _ in _outline(b)] == [(depth, title) for depth, title, _ in _outline(a)]
    assert sorted(b.named_destinations) == sorted(a.named_destinations)
    assert [dest for _, dest in _links(b)] == [dest for _, dest in _links(a)]
    assert _struct_parents_resolve(b)


@pytest.mark.slow  # lays out a small book in pieces
def test_numbers_that_do_not_settle_are_said_and_the_last_layout_is_kept(tmp_path, monkeypatch, caplog):
    html = render_html(load(BASE_CONTENT), Version("abc1234", "2026-11-30", False), LEARNER,
                       today=datetime.date(2026, 11, 30))
    monkeypatch.setattr(pieces, "PIECE_SIZE", 4000)
    monkeypatch.setattr(pieces, "ATTEMPTS", 1)  # one layout from wrong numbers: no second to correct them
    wrong = {name: 99 for name in paging.referenced(html)} | {pieces.TOTAL: 99}
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pages = handbook._lay_out(html, STYLESHEET, tmp_path / "book.pdf", wrong)
    assert any("页码与所指页不符" in record.getMessage() for record in caplog.records)
    assert pages[pieces.TOTAL] == len(PdfReader(tmp_path / "book.pdf").pages) < 99
