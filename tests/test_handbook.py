"""The printed handbook, read back as a reader would: text page by page, outline, fonts, pictures."""
from __future__ import annotations

import logging
import re
import subprocess
import sys

import pytest

from site_plugins.handbook import LEARNER, TRAINER, render_html, write_handbook
from site_plugins.load import load
from site_plugins.version import Version

from conftest import BASE_CONTENT, ROOT, pdf_text, pdftotext


def run(*args) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def pages_of(pdf) -> list[str]:
    """The text of each page, whitespace removed (pdftotext drops spaces inside 第 3 页)."""
    return ["".join(page.split()) for page in pdftotext(pdf, "-layout").split("\f")]


@pytest.fixture(scope="module")
def learner(built_site):
    return built_site / "handbook-learner.pdf"


@pytest.fixture(scope="module")
def trainer(built_site):
    return built_site / "handbook-trainer.pdf"


# -- without MkDocs ------------------------------------------------------------

@pytest.mark.slow
def test_runs_without_mkdocs():
    code = (
        "import sys; from site_plugins.handbook import render_html; from site_plugins.load import load;"
        "from site_plugins.version import Version;"
        f"render_html(load({str(ROOT / 'content')!r}), Version('x', 'y', False));"
        "assert not [m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.')], 'mkdocs imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.slow
def test_a5_and_no_missing_glyphs(tmp_path):
    """The small fixture, straight from the model, on A5: every glyph found, every font embedded."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record)

    logger = logging.getLogger("weasyprint")
    handler = Keep(level=logging.WARNING)
    logger.addHandler(handler)
    try:
        pdf = write_handbook(load(BASE_CONTENT), Version("abc1234", "2026-11-27", False), tmp_path / "h.pdf",
                             TRAINER, paper="A5")
    finally:
        logger.removeHandler(handler)
    assert re.search(r"Page size:\s+419\.5\d* x 595\.2\d* pts", run("pdfinfo", str(pdf)))
    assert not [r.getMessage() for r in records]  # no missing glyph, no ignored style, no doubled anchor


# -- the real editions ----------------------------------------------------------

def test_cover_says_unofficial_and_version(learner, trainer):
    for pdf, name in ((learner, "学员版"), (trainer, "教师版")):
        cover = pages_of(pdf)[0]
        assert "非官方解读，条文以新华社受权发布稿为准" in cover
        assert re.search(r"\d{4}年\d{1,2}月版（内容版本[0-9a-f]{7}(，含未提交的修改)?）", cover)
        assert name in cover and "中共中央办公厅" in cover


def test_editions_differ_only_for_trainers(learner, trainer):
    learner_text, trainer_text = "".join(pages_of(learner)), "".join(pages_of(trainer))
    assert "附录：自测题答案与解析" not in learner_text and "附录：自测题答案与解析" in trainer_text
    assert "教学提示（教师版）" not in learner_text and "教学提示（教师版）" in trainer_text
    for title in ("目录", "使用说明", "时间线", "结构图", "附录：常见问题", "附录：术语", "附录：关键词索引", "附录：来源"):
        assert title in learner_text, title


def test_outline_lists_parts_and_provisions_in_order(learner, regulation):
    from pypdf import PdfReader

    outline = PdfReader(learner).outline
    parts, provisions, previous = [], [], None
    for entry in outline:
        if isinstance(entry, list):  # the children of the entry before it
            if previous in parts:
                provisions += [c.title for c in entry if not isinstance(c, list)]
        else:
            previous = entry.title
            if re.match(r"第[一二三四五六七八九十]+部分 ", entry.title):
                parts.append(entry.title)
    assert parts == [f"{p.label} {p.title}" for p in regulation.parts]
    assert provisions == [f"{p.label} {p.heading}" for p in regulation.provisions]


def test_toc_page_numbers_are_where_headings_land(learner, regulation):
    pages = pages_of(learner)
    toc_page = next(i for i, text in enumerate(pages) if text.startswith("目录") or "目录使用说明" in text)
    toc = "".join(pages[toc_page: toc_page + 3])
    checked = 0
    for p in regulation.provisions:
        heading = f"{p.label}{p.heading}"
        number = int(re.search(re.escape(heading) + r"☆?\.*(\d+)", toc)[1])
        assert heading in pages[number - 1], f"{heading}: the contents say page {number}"
        checked += 1
    for part in regulation.parts:
        number = int(re.search(re.escape(f"{part.label}{part.title}") + r"\.*(\d+)", toc)[1])
        assert pages[number - 1].count(f"{part.label}{part.title}") >= 1
    assert checked == 21


def test_cross_references_print_their_page(learner):
    from pypdf import PdfReader

    reader = PdfReader(learner)
    landing = {}  # provision label -> the page its outline entry points at
    for entry in reader.outline:
        for child in entry if isinstance(entry, list) else []:
            if not isinstance(child, list):
                landing[child.title.split()[0]] = reader.get_destination_page_number(child) + 1
    pages = pages_of(learner)
    found = 0
    for text in pages[5:]:
        for label, page in re.findall(r"(第\d+条)[^（第，。；、]{0,20}?（第(\d+)页）", text):
            if label in landing:
                assert int(page) == landing[label], f"{label} printed as page {page}"
                found += 1
    assert found > 50


def test_fonts_embedded_and_subset(learner, trainer):
    for pdf in (learner, trainer):
        fonts = run("pdffonts", str(pdf)).splitlines()[2:]
        assert any("Noto-Serif-CJK-SC" in f for f in fonts) and any("Noto-Sans-CJK-SC" in f for f in fonts)
        for line in fonts:
            emb, sub = line.split()[-5], line.split()[-4]
            assert (emb, sub) == ("yes", "yes"), line


def test_chinese_line_breaking(learner):
    text = pdftotext(learner, "-layout")
    bad = [line for line in text.splitlines() if re.match(r"\s*[。，、；：？！）」』》”]", line)]
    assert not bad, bad[:5]


def test_pages_render_and_are_not_blank(learner, tmp_path):
    run("pdftoppm", "-r", "50", "-gray", "-f", "1", "-l", "4", str(learner), str(tmp_path / "page"))
    images = sorted(tmp_path.glob("page*.pgm"))
    assert len(images) == 4
    for image in images:
        pixels = image.read_bytes().split(b"\n", 3)[3]
        assert sum(1 for b in pixels if b < 160) > 500, image.name


def test_handouts_one_per_part(built_site, regulation):
    for part in regulation.parts:
        text = "".join(pages_of(built_site / f"handout-part-{part.number}.pdf"))
        assert f"{part.label}{part.title}" in text and "非官方解读" in text
        for p in part.provisions:
            assert f"{p.label}{p.heading}" in text


def test_sizes_stay_small(built_site):
    for name in ("handbook-learner.pdf", "handbook-trainer.pdf"):
        assert (built_site / name).stat().st_size < 3_000_000, name


def test_render_html_names_the_edition():
    html = render_html(load(BASE_CONTENT), Version("x", "y", False), LEARNER)
    assert "学员版" in html and "自测题答案与解析" not in html


def test_no_section_heading_ends_a_page(learner):
    """A provision's section headings (原文, 条文解读, …) always have their text on the same page."""
    headings = {"原文", "条文解读", "主要举措", "典型问题", "案例", "相关条文", "关键词", "讨论题", "自测题"}
    raw = pdftotext(learner, "-layout").split("\f")
    for number, page in enumerate(raw, 1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        body = [line for line in lines if not re.search(r"第\s*\d+\s*页\s*/\s*共|非官方解读", line)]
        if body:
            assert body[-1] not in headings, f"page {number} ends with the heading {body[-1]}"


# -- quotation notes -----------------------------------------------------------

def _note_links(pdf) -> tuple[list[tuple[int, int, str]], list[int]]:
    """Each note call in ``pdf`` (its page, the page of the note it links to, the note's name), and the
    pages where sections (provisions, parts, appendices) begin."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    targets = reader.named_destinations
    starts = sorted({reader.get_destination_page_number(d) for name, d in targets.items()
                     if re.fullmatch(r"(p|part|article)-.+|faq|glossary|keywords|answer-key|sources|usage|timeline|map", name)})
    found = []
    for number, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            dest = annotation.get_object().get("/Dest")
            if isinstance(dest, str) and dest.startswith("note-"):
                found.append((number, reader.get_destination_page_number(targets[dest]), dest))
    return found, starts


@pytest.mark.parametrize("name", ["handbook-learner.pdf", "handbook-trainer.pdf", "handout-part-3.pdf"])
def test_every_note_call_leads_to_its_note_at_the_end_of_its_section(built_site, name):
    """WeasyPrint's footnotes misplaced notes here (see notes.py): notes close each section instead."""
    pdf = built_site / name
    links, starts = _note_links(pdf)
    assert len(links) > (20 if name.startswith("handbook") else 5)
    pages = pages_of(pdf)
    for call_page, note_page, dest in links:
        assert call_page <= note_page, dest
        assert not [s for s in starts if call_page < s <= note_page], f"{dest}: the note lies in another section"
        assert any("注释" in pages[i] for i in range(call_page, note_page + 1)), dest  # the list may run on


def test_notes_say_source_rank_and_placement_in_words(learner):
    text = "".join(pages_of(learner))
    assert "答记者问（2024年8月）中加引号引用的原文；来源等级二（答记者问引用）" in text
    assert "归入第9条系本站推断，也可能属于第8条" in text
    assert "通报：" in text  # a case's notice, as a note
    assert "http" not in text and "%E" not in text


def test_no_leaks_in_any_pdf(built_site, regulation):
    from site_plugins.leaks import scan_pdf_text
    from site_plugins.load import internal_ids

    r = regulation
    ids = internal_ids(r.sentences, r.paraphrases, r.sources, r.notices, r.quiz)
    for pdf in sorted(built_site.glob("*.pdf")):
        assert scan_pdf_text(pdf_text(pdf), ids) == [], pdf.name


@pytest.mark.slow
def test_the_handbook_reads_nothing_from_disk_or_network(tmp_path):
    """The backstop behind the content check on images: WeasyPrint's fetcher refuses all but data: URLs."""
    from site_plugins.handbook import _write

    html = render_html(load(BASE_CONTENT), Version("abc1234", "2026-11-27", False))
    html = html.replace("第一部分概述。", '第一部分概述。<img src="../../../../usr/share/pixmaps/debian-logo.png">'
                                           '<img src="http://example.invalid/x.png">')
    _, warnings, _ = _write(html, tmp_path / "h.pdf")
    assert len([w for w in warnings if "disallowed protocol" in w]) == 2, warnings


def test_the_map_in_print_has_whole_labels_and_no_click(learner):
    text = "".join(pages_of(learner))
    assert "点击方框" not in text and "方框是各部分、各条" in text
    assert "清理整合面向基层的" in text and "政务应用程序" in text  # two lines, not cut off with …


def test_pdfs_are_tagged_with_language_title_and_the_maps_alt_text(learner):
    """WeasyPrint's tagging is experimental: we check what is there, and claim no PDF/UA conformance."""
    from pypdf import PdfReader

    reader = PdfReader(learner)
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and root["/Lang"] == "zh-CN" and "/StructTreeRoot" in root
    assert reader.metadata.title.endswith("学习手册（学员版）")
    kinds, alts = set(), []

    def walk(node):
        node = node.get_object()
        if isinstance(node, dict):
            kinds.add(node.get("/S"))
            if "/Alt" in node:
                alts.append(str(node["/Alt"]))
            children = node.get("/K")
            for child in children if isinstance(children, list) else [children] if children is not None else []:
                walk(child)

    walk(root["/StructTreeRoot"])
    assert {"/H1", "/H2", "/P", "/L", "/LI", "/Figure"} <= kinds
    assert any(alt.startswith("《若干规定》结构图") for alt in alts), alts


def test_tagged_text_keeps_reading_order(learner):
    """The text as a reader's tool extracts it runs in reading order: 前言 before 使用说明 before 第1条."""
    text = "".join(pages_of(learner))
    first = [text.index(word) for word in ("前言", "使用说明", "第1条严控文件数量", "第21条在基层不搞达标活动")]
    assert first == sorted(first)
