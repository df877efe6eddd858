"""The printed handbook: the model rendered to paged HTML, then to PDF with WeasyPrint.

Two editions of the whole handbook (学员版; 教师版 adds the teaching notes and the answer
key) and one handout per part, A4 or A5. Runs without MkDocs::

    write_all(load("content"), version, Path("site"), paper="A4")

Every PDF is written to a temporary file beside its target and moved into place only
when complete, so a failed run never leaves half a PDF behind.
"""
from __future__ import annotations

import datetime
import logging
import multiprocessing
import os
import re
import subprocess
from concurrent.futures import ProcessPoolExecutor
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, cast

from markupsafe import Markup

from .. import notes, quiz, regmap
from ..crossref import map_links
from ..templating import templates
from ..model import Part, Provision, Regulation, chinese_date
from ..version import Version
from . import cache, paging, pieces
from .cache import Store

_HERE = Path(__file__).parent
_STYLESHEET = _HERE / "templates" / "print.css"

#: Where a reference lands inside a handbook.
ANCHORS = {"provision": "p-", "part": "part-", "faq": "faq-", "article": "article-", "term": "term-"}
PAPERS = ("A4", "A5")


@dataclass(frozen=True)
class Edition:
    key: str  # learner | trainer
    name: str  # 学员版 | 教师版
    for_trainers: bool

    def filename(self) -> str:
        return f"handbook-{self.key}.pdf"


LEARNER = Edition("learner", "学员版", False)
TRAINER = Edition("trainer", "教师版", True)
EDITIONS = (LEARNER, TRAINER)


def handout_filename(part: Part) -> str:
    return f"handout-part-{part.number}.pdf"


def _anchor(kind: str, key: str) -> str:
    return f"#{ANCHORS[kind]}{key}"


def _map_svg(regulation: Regulation) -> Markup:
    """The regulation's map, its boxes linking inside the handbook."""
    return Markup(templates.get_template("map.html").render(
        map=regmap.layout(regulation), map_lines=regmap.lines, printed=True,
        link=lambda obj: f"reg:{obj.KIND}/{obj.slug}",  # mapped below
    ))


def render_html(regulation: Regulation, version: Version, edition: Edition = LEARNER, *,
                paper: str = "A4", part: Part | None = None, today: datetime.date | None = None) -> str:
    """The handbook (or, with ``part``, that part's handout) as one paged HTML document."""
    template = "handout.html" if part else "handbook.html"
    html = templates.get_template(template).render(
        regulation=regulation,
        version=version,
        edition=edition,
        paper=paper,
        part=part,
        built=chinese_date((today or datetime.date.today()).isoformat()),
        quizlib=quiz,
        map_svg=_map_svg(regulation) if not part else "",
    )
    html = _notes(html, regulation)
    html = _keep_punctuation_with(html)
    # Headings inside bodies carry ids for the site; in one book they would repeat, and nothing links to them.
    html = re.sub(r'<h([1-6]) id="[^"]*">', r"<h\1>", html)
    if part is None:
        return map_links(html, _anchor)
    # A handout holds one part: links lead only to its own provisions.
    own = {p.slug for p in part.provisions}
    return map_links(html, lambda kind, key: _anchor(kind, key) if kind == Provision.KIND and key in own else "")


class _NoteMacros(Protocol):
    """The macros of ``_parts.html`` that write notes: attributes Jinja sets on the template's module."""

    def note_marker(self, section: int, note: notes.Note, k: int) -> str: ...
    def note_list(self, section: int, found: list[notes.Note]) -> str: ...


_SECTION = re.compile(r'<section class="(?:provision|part|appendix|front)"')
def _notes(html: str, regulation: Regulation) -> str:
    """Each section's notes (sources of quotations, notices of cases) numbered and listed at its end."""
    parts = cast(_NoteMacros, templates.get_template("_parts.html").module)
    return notes.by_section(html, regulation.quotable, _SECTION,
                            lambda section, note, k: str(parts.note_marker(section, note, k)),
                            lambda section, found: str(parts.note_list(section, found)))


_CLOSING = "。，、；：？！）」』》”’"
_GLUE = re.compile(
    r'(<sup class="note-call"><a [^>]*>\d+</a></sup>|<a class="reg-ref[^>]*>[^<]*</a>)([' + _CLOSING + r']+)'
)


def _keep_punctuation_with(html: str) -> str:
    """No line may begin with closing punctuation: keep it on the line of the mark or link before it."""
    return _GLUE.sub(r'<span class="nobr">\1\2</span>', html)


#: WeasyPrint's warnings (a missing glyph above all) are passed on here, also from worker processes.
log = logging.getLogger("mkdocs.plugins.regulation.handbook")


class _Kept(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _write(html: str, out: Path, store: Store | None = None) -> tuple[Path, list[str], list[str] | None]:
    """Lay out ``html`` into the PDF ``out`` (or take it from ``store``); return it with WeasyPrint's
    warnings and, with a ``store``, the text of its pages (kept with the PDF if nothing was warned)."""
    stylesheet = _STYLESHEET.read_text(encoding="utf-8")
    if store is not None:
        found = store.fetch(key := cache.key(html, stylesheet), out)
        if found is not None:
            return out, [], found
    kept, weasyprint_log = _Kept(), logging.getLogger("weasyprint")
    weasyprint_log.addHandler(kept)
    try:
        pages = _lay_out(html, stylesheet, out, store.pages_of(out.name) if store else None)
    finally:
        weasyprint_log.removeHandler(kept)
    warnings = list(dict.fromkeys(kept.messages))  # a second layout warns of the same again
    if store is None:
        return out, warnings, None
    store.remember_pages(out.name, pages)
    text = pdf_text(out)
    if not warnings:
        store.keep(key, out, text)
    return out, warnings, text


def _passed_on(result: tuple[Path, list[str], list[str] | None]) -> Path:
    out, warnings, _ = result
    for message in warnings:
        log.warning("%s: %s", out.name, message)
    return out


def _lay_out(html: str, stylesheet: str, out: Path, known_pages: dict[str, int] | None = None) -> dict[str, int]:
    """Lay out ``html`` into the PDF ``out``; return the page of each anchor whose page it prints.

    With ``known_pages`` (where those anchors fell last time), the page numbers are laid out as
    written and checked (see ``paging``); without, or if they do not settle, WeasyPrint resolves them.
    A long book is laid out in pieces (see ``pieces``).
    """
    from weasyprint import CSS, HTML  # heavy: only when a PDF is wanted
    from weasyprint.urls import URLFetcher

    out.parent.mkdir(parents=True, exist_ok=True)
    # The backstop for images and links in content: nothing is read from disk or the network.
    fetcher = URLFetcher(allowed_protocols={"data"})

    def render(text: str, *stylesheets: str):
        sheets = [CSS(string=sheet, url_fetcher=fetcher) for sheet in stylesheets]
        return HTML(string=text, base_url=str(_HERE), url_fetcher=fetcher).render(stylesheets=sheets, pdf_tags=True)

    fd, tmp = tempfile.mkstemp(suffix=".pdf.part", dir=out.parent)
    os.close(fd)
    try:
        if pieces.needed(html):  # a long book: one piece in memory at a time
            pages = pieces.lay_out(html, stylesheet, Path(tmp), known_pages, render)
        else:
            pages = _lay_out_whole(html, stylesheet, Path(tmp), known_pages, render)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the PDF is published
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return pages


def _lay_out_whole(html: str, stylesheet: str, out: Path, known_pages: dict[str, int] | None,
                   render: pieces.Render) -> dict[str, int]:
    wanted, document, pages = paging.referenced(html), None, known_pages
    for _ in range(paging.ATTEMPTS if pages else 0):
        candidate = render(paging.numbered(html, pages or {}), stylesheet, paging.LITERAL_CSS)
        laid_out = paging.anchor_pages(candidate)
        if paging.agree(pages or {}, laid_out, wanted):
            document = candidate
            break
        pages = laid_out
    if document is None:
        document = render(html, stylesheet)
    document.write_pdf(out, pdf_tags=True)  # tagged: structure, language, reading order
    laid_out = paging.anchor_pages(document)
    return {name: laid_out[name] for name in wanted if name in laid_out}


def pdf_text(pdf: Path) -> list[str]:
    """The text of each page of ``pdf``, as a reader would copy it (poppler's pdftotext), lines joined."""
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True)
    return ["".join(page.split("\n")) for page in result.stdout.split("\f")]


def write_handbook(regulation: Regulation, version: Version, out: Path, edition: Edition = LEARNER,
                   paper: str = "A4") -> Path:
    """One edition of the handbook as the PDF file ``out``."""
    return _passed_on(_write(render_html(regulation, version, edition, paper=paper), Path(out)))


def write_handout(regulation: Regulation, version: Version, part: Part, out: Path, paper: str = "A4") -> Path:
    """The handout for one part: its overview and provisions with their questions."""
    return _passed_on(_write(render_html(regulation, version, LEARNER, paper=paper, part=part), Path(out)))


def _jobs(regulation: Regulation, version: Version, folder: Path, paper: str, handouts: bool) -> list[tuple[str, Path]]:
    """Both editions and (unless ``handouts`` is false) every part's handout: paged HTML and target file."""
    jobs = [(render_html(regulation, version, e, paper=paper), folder / e.filename()) for e in EDITIONS]
    jobs += [(render_html(regulation, version, LEARNER, paper=paper, part=p), folder / handout_filename(p))
             for p in (regulation.parts if handouts else [])]
    return jobs


def _run(jobs: list[tuple[str, Path]], workers: int | None, store: Store | None):
    """Each job laid out (or fetched from ``store``), on all cores; WeasyPrint's warnings logged."""
    workers = workers or min(len(jobs), os.cpu_count() or 1)
    if workers == 1:
        results = [_write(html, out, store) for html, out in jobs]
    else:
        # Spawned, not forked: a worker holds WeasyPrint and one book, not a copy of this process.
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            results = list(pool.map(_write, *zip(*jobs), [store] * len(jobs)))
    for result in results:
        _passed_on(result)
    return results


def write_all(regulation: Regulation, version: Version, folder: Path, paper: str = "A4",
              workers: int | None = None, handouts: bool = True) -> list[Path]:
    """Both editions and (unless ``handouts`` is false) every part's handout into ``folder``,
    the editions first, laid out on all cores."""
    return [out for out, _, _ in _run(_jobs(regulation, version, Path(folder), paper, handouts), workers, None)]


def publish_all(regulation: Regulation, version: Version, folder: Path, store: Store, paper: str = "A4",
                workers: int | None = None) -> list[tuple[Path, list[str]]]:
    """What a build publishes: every PDF of :func:`write_all`, each laid out only if ``store`` does not
    hold it already, with the text of its pages."""
    jobs = _jobs(regulation, version, Path(folder), paper, True)
    misses = sum(not store.holds(cache.key(html, _STYLESHEET.read_text(encoding="utf-8"))) for html, _ in jobs)
    results = _run(jobs, min(workers or os.cpu_count() or 1, max(misses, 1)), store)
    store.prune()
    return [(out, pages or []) for out, _, pages in results]
