"""A long book laid out in pieces, so that memory holds one piece at a time, not the book.

WeasyPrint keeps every laid-out page in memory until the PDF is written: about 1.5 MB a page,
2.3 GB for the learner edition of ten times the content (1,373 pages). A book longer than
``PIECE_SIZE`` characters of paged HTML is cut where it begins a page anyway (before a part, a
provision or an appendix) into pieces of about that size; each piece is laid out and written on
its own, and the pieces are joined into one PDF (``join``).

What a reader sees is the book laid out whole: page numbers run on from piece to piece, the
footer counts the book's pages, the running heads carry over, cross-references print the page of
their target and link to it, wherever it is; the outline, the tagged structure and the named
destinations are the book's. The one difference: an appendix too long for one piece (hundreds of
questions at ten times the content) is cut between its questions, and the next piece begins a page.
Page numbers are written as they are (see ``paging``): from the book's last layout, or from a
first layout that measures where every anchor falls; each layout is checked as it is made.
"""
from __future__ import annotations

import ctypes
import gc
import logging
import re
import tempfile
import warnings
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any, Callable

import pikepdf

from . import paging

#: Paged HTML above this many characters is laid out in pieces of about this size: some 200 pages,
#: 550 MB in WeasyPrint. The real editions (330,000 and 411,000 characters) are laid out whole.
PIECE_SIZE = 500_000

#: Whether a section alone over ``PIECE_SIZE`` is cut between the sections it holds (see ``split``).
CUT_WITHIN = True

#: The book's page count in a map of anchor pages (no anchor is named with nothing).
TOTAL = ""

_SECTION_TAG = re.compile(r'<(/?)section\b([^>]*)>')
#: Where a piece may begin: a part, a provision or an appendix at the top level of the body (each
#: begins a page: a cut there changes no page).
_CUT_CLASS = re.compile(r'^ class="(?:part|provision|appendix)"')
_BODY = re.compile(r"(<body[^>]*>)(.*)(</body>)", re.S)
_ID = re.compile(r'\bid="([^"]+)"')
_HREF = re.compile(r'href="#([^"]+)"')

#: Anchors of other pieces, so that WeasyPrint keeps the links to them: boxes of no size at the end.
_STUBS_CSS = ".piece-stubs, .piece-stubs div { height: 0; margin: 0; padding: 0; border: 0; }"

Render = Callable[..., Any]  # (html, *stylesheets) -> a laid-out WeasyPrint document


def needed(html: str) -> bool:
    return _size(html) > PIECE_SIZE


@dataclass
class Piece:
    html: str  # a whole document: the book's head, some of its body, and the boxes below
    running: dict[str, str]  # the running heads as the book's pages before it left them
    stubs: set[str]  # anchors of other pieces it links to, each an empty box at its end


def split(html: str, stylesheet: str, budget: int | None = None) -> list[Piece]:
    """``html`` as whole documents, each the head and some of the body, in order, each of at most
    ``budget`` characters where the book allows.

    A piece begins where the book begins a page: at a part, a provision or an appendix. A section
    that alone is over the budget (an appendix of hundreds of questions) is cut between the
    sections it holds; the piece after such a cut reopens it (without its id) on a new page, the
    one place where the pieced book differs from the book laid out whole."""
    budget = budget or PIECE_SIZE
    found = _BODY.search(html)
    if found is None:
        return [Piece(html, {}, set())]
    before, (open_tag, body, close_tag), after = html[: found.start()], found.groups(), html[found.end():]
    bodies: list[str] = []
    for chunk in _top_level_chunks(body):
        for k, unit in enumerate(_cut_within(chunk, budget) if CUT_WITHIN and _size(chunk) > budget else [chunk]):
            if bodies and k == 0 and _size(bodies[-1] + unit) <= budget:
                bodies[-1] += unit
            else:
                bodies.append(unit)
    setters, running, pieces = _string_setters(stylesheet), dict[str, str](), []
    book = set(_ID.findall(body))
    for piece in bodies:
        carried = {name: value for name, value in running.items() if name not in _set_at_start(piece, setters)}
        running = _running_after(piece, setters, running)
        if carried:  # set before the piece's first title, inside its section: no page of its own
            piece = _SECTION_TAG.sub(lambda tag: tag[0] + '<div class="piece-running"></div>', piece, count=1)
        piece, stubs = _with_stubs(piece, book)
        pieces.append(Piece(f"{before}{open_tag}{piece}{close_tag}{after}", carried, stubs))
    return pieces


def _size(text: str) -> int:
    return len(text)


def _cut_within(chunk: str, budget: int) -> list[str]:
    """A top-level section over the budget, cut between the sections it holds, each part closed,
    the next reopening it without its id; the chunk as it is if it holds no sections."""
    tags = list(_SECTION_TAG.finditer(chunk))
    if not tags or tags[0].start() != 0 or tags[0][1]:
        return [chunk]
    opening, depth, children, end = tags[0], 0, [], len(chunk)
    for tag in tags:
        if tag[1]:
            depth -= 1
            if depth == 0:
                end = tag.start()  # where the section closes
                break
            continue
        if depth == 1:
            children.append(tag.start())
        depth += 1
    if not children:
        return [chunk]
    reopening = re.sub(r'\sid="[^"]*"', "", opening[0])
    bounds = children + [end]
    units, current, held = [], chunk[: children[0]], 0  # held: children in current
    for a, b in zip(bounds, bounds[1:]):
        child = chunk[a:b]
        if held and _size(current + child) > budget:
            units.append(current)
            current, held = "", 0
        current, held = current + child, held + 1
    units.append(current + chunk[end:])
    return [(reopening if k else "") + unit + ("</section>" if k < len(units) - 1 else "")
            for k, unit in enumerate(units)]


#: A rule of the stylesheet that sets running heads: its class selectors and its declaration.
_SETTER_RULE = re.compile(r"([^{}]+)\{[^{}]*?string-set:\s*([^;}]+)")
_CLASS_ELEMENT = r'<(\w+)[^>]*\bclass="(?:[^"]*\s)?({names})(?:\s[^"]*)?"[^>]*>(.*?)</\1>'


def _string_setters(stylesheet: str) -> dict[str, list[tuple[str, str | None]]]:
    """For each class whose elements set running heads: (name, literal value, or None for its text)."""
    setters = {}
    for selectors, declaration in _SETTER_RULE.findall(stylesheet):
        assignments = []
        for assignment in declaration.split(","):
            name, _, value = assignment.strip().partition(" ")
            value = value.strip()
            assignments.append((name, None if value == "content()" else value.strip('"')))
        for selector in selectors.split(","):
            selector = selector.strip()
            if re.fullmatch(r"\.[\w-]+", selector):
                setters[selector[1:]] = assignments
    return setters


def _setting(body: str, setters: dict):
    """Each element of ``body`` that sets running heads, in order, with what it sets them to."""
    if not setters:
        return
    names = "|".join(re.escape(name) for name in setters)
    for element in re.finditer(_CLASS_ELEMENT.format(names=names), body, re.S):
        text = " ".join(unescape(re.sub(r"<[^>]*>", "", element[3])).split())
        yield element, {name: text if value is None else value for name, value in setters[element[2]]}


def _set_at_start(body: str, setters: dict) -> set[str]:
    """The running heads a piece sets on its first page itself: those its first section's title
    sets (a piece that reopens a section begins inside it, with no title of its own)."""
    first = next(_setting(body, setters), None)
    if first is None:
        return set()
    element, values = first
    opened = [tag for tag in _SECTION_TAG.finditer(body, 0, element.start()) if not tag[1]]
    return set(values) if len(opened) <= 1 else set()


def _running_after(body: str, setters: dict, running: dict[str, str]) -> dict[str, str]:
    """The running heads once ``body`` is laid out, after ``running``."""
    running = dict(running)
    for _, values in _setting(body, setters):
        running.update(values)
    return running


def _top_level_chunks(body: str) -> list[str]:
    """``body`` cut before each part, provision and appendix that is not inside another section."""
    cuts, depth = [0], 0
    for tag in _SECTION_TAG.finditer(body):
        if tag[1]:
            depth -= 1
            continue
        if depth == 0 and _CUT_CLASS.match(tag[2]) and tag.start() > 0:
            cuts.append(tag.start())
        depth += 1
    return [body[a:b] for a, b in zip(cuts, cuts[1:] + [len(body)])]


def _margin_contents(stylesheet: str) -> dict[str, str]:
    """The content of each page-margin box of the stylesheet's plain ``@page`` rule."""
    rule = re.search(r"@page\s*\{(.*?)\n\}", stylesheet, re.S)
    boxes = re.findall(r"@([a-z-]+)\s*\{[^}]*?content:\s*([^;]+);", rule[1] if rule else "")
    return dict(boxes)


def piece_css(stylesheet: str, first_page: int, total: int, running: dict[str, str] | None = None) -> str:
    """What makes a piece's pages the book's: numbered on from ``first_page``, counting ``total``,
    the running heads as the pages before left them; after the first piece, its first page is not
    the book's first (which has no head or foot)."""
    contents = {box: content.replace("counter(pages)", f'"{total}"') for box, content in _margin_contents(stylesheet).items()}
    boxes = " ".join(f"@{box} {{ content: {content}; }}" for box, content in contents.items())
    css = f"@page {{ {boxes} }}\n{_STUBS_CSS}\n"
    if first_page > 1:
        css += f"@page :first {{ counter-set: page {first_page}; {boxes} }}\n"
    if running:
        values = ", ".join(f"{name} {_css_string(value)}" for name, value in running.items())
        css += f".piece-running {{ string-set: {values}; height: 0; margin: 0; }}\n"
    return css


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _with_stubs(body: str, book: set[str]) -> tuple[str, set[str]]:
    """The piece's body with an empty box for each anchor it links to that another piece holds (of
    the anchors ``book`` holds: a link to none is dropped with WeasyPrint's warning, as in the whole book)."""
    stubs = (set(_HREF.findall(body)) & book) - set(_ID.findall(body))
    if not stubs:
        return body, stubs
    boxes = "".join(f'<div id="{name}"></div>' for name in sorted(stubs))
    return f'{body}<div class="piece-stubs" aria-hidden="true">{boxes}</div>', stubs


@dataclass
class _Written:
    """One piece as a PDF, with what joining it to the others needs."""

    file: Path
    pages: int
    stubs: set[str]  # as the piece's
    carried: bool  # opens with an empty box that carries the running heads
    bookmarks: list[tuple[int, bool]]  # its bookmarks in order: level, open


class _Laid:
    """One layout of the whole book, piece by piece: where its anchors fell, and its pieces' PDFs."""

    def __init__(self) -> None:
        self.pages: dict[str, int] = {}
        self.written: list[_Written] = []


def _lay_out_all(pieces: list[Piece], stylesheet: str, pages: dict[str, int], render: Render,
                 folder: Path | None) -> _Laid:
    """Lay out every piece with the page numbers ``pages``; with ``folder``, write their PDFs there."""
    laid, start = _Laid(), 1
    for k, piece in enumerate(pieces):
        document = render(paging.numbered(piece.html, pages), stylesheet, paging.LITERAL_CSS,
                          piece_css(stylesheet, start, pages.get(TOTAL, 0), piece.running))
        for name, number in paging.anchor_pages(document).items():
            if name not in piece.stubs:
                laid.pages.setdefault(name, number + start - 1)
        if folder is not None:
            file = folder / f"piece-{k}.pdf"
            document.write_pdf(file, pdf_tags=True)
            bookmarks = [(level, state != "closed") for page in document.pages for level, _, _, state in page.bookmarks]
            laid.written.append(_Written(file, len(document.pages), piece.stubs, bool(piece.running), bookmarks))
        start += len(document.pages)
        del document  # before the next piece: the point of pieces
        _give_back()
    laid.pages[TOTAL] = start - 1
    return laid


def _give_back() -> None:
    """Return the memory of the piece just laid out to the system (glibc keeps freed memory for
    reuse, and the process would grow piece by piece)."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


#: Layouts with written numbers before giving up (each after the first corrects what moved).
ATTEMPTS = 3


def lay_out(html: str, stylesheet: str, out: Path, known: dict[str, int] | None, render: Render) -> dict[str, int]:
    """Lay out ``html`` in pieces into the PDF ``out``; return the page of every anchor it prints,
    and the book's page count under ``TOTAL``. Should the numbers not settle, the last layout is
    the PDF, with a warning (passed on like WeasyPrint's own, and the PDF is not cached)."""
    pieces = split(html, stylesheet)
    wanted = paging.referenced(html) | {TOTAL}
    pages = dict(known or {})
    if not all(name in pages for name in wanted):  # nothing to go by: measure first
        pages = _lay_out_all(pieces, stylesheet, _guess(html, wanted), render, None).pages
    with tempfile.TemporaryDirectory(prefix="handbook-pieces-") as scratch:
        for attempt in range(1, ATTEMPTS + 1):
            laid = _lay_out_all(pieces, stylesheet, pages, render, Path(scratch))
            settled = paging.agree(pages, laid.pages, wanted)
            if settled or attempt == ATTEMPTS:
                break
            pages = laid.pages
        if not settled:
            moved = sum(pages.get(name) != laid.pages.get(name) for name in wanted)
            logging.getLogger("weasyprint").warning("分段排版后仍有 %d 处页码与所指页不符（排了 %d 遍）", moved, ATTEMPTS)
        join(laid.written, out)
    _give_back()
    return {name: laid.pages[name] for name in wanted if name in laid.pages}


def _guess(html: str, wanted: set[str]) -> dict[str, int]:
    """Page numbers of about the right width for a first, measuring layout."""
    guess = max(1, _size(html) // 2500)  # characters of paged HTML per page, about
    return {name: guess for name in wanted}


# -- joining ------------------------------------------------------------------


def join(pieces: list[_Written], out: Path) -> None:
    """The pieces' PDFs as one PDF ``out``: pages, links, named destinations (each from the piece
    that holds its anchor), outline, tagged structure, and the first piece's language, title and
    settings. With qpdf (pikepdf), which copies objects without parsing them into Python: pypdf
    took 1 GB and a minute to join the ten-times edition."""
    book = _Book(sum(piece.pages for piece in pieces))
    for k, piece in enumerate(pieces):
        with pikepdf.open(piece.file) as source:
            if k == 0:
                book.take_settings(source)
            book.add(source, piece)
    book.finish(out)


class _Book:
    """The PDF the pieces are joined into.

    Tagged structure: each piece's elements go under one Document element. A piece numbers its
    pages' entries in the parent tree from 0 and its links' after its pages; here pages keep
    their index in the book and links are numbered after all the book's pages."""

    def __init__(self, pages: int):
        self.pdf = pikepdf.new()
        self.document = self.pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document, K=pikepdf.Array()))
        self.nums: list = []  # the parent tree: key, element(s), ...
        self.next_key = pages  # the next link's key
        self.destinations: list[tuple[str, Any]] = []
        self.outline: list[tuple[int, bool, str, int, Any]] = []  # level, open, title, page, where
        self.namespaces: Any = None

    def take_settings(self, first: pikepdf.Pdf) -> None:
        """The first piece's language, tagging mark, viewer settings, namespaces and metadata."""
        for key in ("/Lang", "/MarkInfo", "/ViewerPreferences"):
            if key in first.Root:
                self.pdf.Root[key] = self._copy(first.Root[key])
        if "/Namespaces" in first.Root.StructTreeRoot:
            self.namespaces = self._copy(first.Root.StructTreeRoot.Namespaces)
        self.pdf.docinfo = self._copy(first.docinfo)

    def _copy(self, value: Any) -> Any:
        """``value`` of a piece, in the book: qpdf copies indirect objects (once each); a direct
        array or dictionary is rebuilt around the copies of what it refers to."""
        if isinstance(value, pikepdf.Object) and value.is_indirect:
            return self.pdf.copy_foreign(value)
        if isinstance(value, pikepdf.Array):
            return pikepdf.Array([self._copy(item) for item in value])
        if isinstance(value, pikepdf.Dictionary):
            return pikepdf.Dictionary({key: self._copy(item) for key, item in value.items()})
        return value

    def add(self, source: pikepdf.Pdf, piece: _Written) -> None:
        offset = len(self.pdf.pages)
        with warnings.catch_warnings():  # that named destinations stay behind: they are added below
            warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
            self.pdf.pages.extend(source.pages)
        pages = self.pdf.pages[offset:]
        keys = self._structure(source, piece, len(pages))
        for page in pages:
            if "/StructParents" in page.obj:
                page.obj.StructParents = keys[int(page.obj.StructParents)]
            for annotation in page.obj.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = keys[int(annotation.StructParent)]
        names: Any = source.Root.Names.Dests.Names if "/Names" in source.Root else []
        for i in range(0, len(names), 2):
            if str(names[i]) not in piece.stubs:
                self.destinations.append((str(names[i]), self._copy(names[i + 1])))
        with source.open_outline() as outline:
            items = _flat(list(outline.root))
        for item, (level, is_open) in zip(items, piece.bookmarks, strict=True):
            where = item.destination
            number = offset + pikepdf.Page(where[0]).index
            self.outline.append((level, is_open, item.title, number, [float(x) for x in where[2:4]]))

    def _structure(self, source: pikepdf.Pdf, piece: _Written, count: int) -> dict[int, int]:
        """Add the piece's structure elements; return its parent-tree keys, each with the book's."""
        tree = source.Root.StructTreeRoot
        kids = list(tree.K[0].K)  # the piece's Document's children
        if piece.stubs and kids and not _marks(kids[-1]):
            kids.pop()  # the stubs' empty boxes: no part of the book
        if piece.carried and kids:
            _drop_first_empty(kids[0])  # nor the box that carries the running heads
        for kid in kids:
            del kid.P  # copied without their parent, the piece's own Document
            copied = self._copy(kid)
            copied.P = self.document
            self.document.K.append(copied)
        keys: dict[int, int] = {}
        nums = tree.ParentTree.Nums
        for i in range(0, len(nums), 2):
            key = int(nums[i])
            if key < count:
                keys[key] = len(self.pdf.pages) - count + key
            else:
                keys[key], self.next_key = self.next_key, self.next_key + 1
            self.nums.append(keys[key])
            self.nums.append(self._copy(nums[i + 1]))
        return keys

    def finish(self, out: Path) -> None:
        """The structure's root, the named destinations and the outline; the PDF written to ``out``."""
        pdf = self.pdf
        root = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructTreeRoot, K=pikepdf.Array([self.document]),
            ParentTree=pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(self.nums))), ParentTreeNextKey=self.next_key))
        if self.namespaces is not None:
            root.Namespaces = self.namespaces
            self.document.NS = self.namespaces[0]
        self.document.P = root
        pdf.Root.StructTreeRoot = root
        ordered = sorted(self.destinations, key=lambda pair: pair[0].encode("utf-8"))  # a name tree is sorted
        names = pikepdf.Array([item for name, destination in ordered for item in (pikepdf.String(name), destination)])
        pdf.Root.Names = pikepdf.Dictionary(Dests=pdf.make_indirect(pikepdf.Dictionary(Names=names)))
        with pdf.open_outline() as outline:
            open_items: list[tuple[int, Any]] = []
            for level, is_open, title, number, (left, top) in self.outline:
                while open_items and open_items[-1][0] >= level:
                    open_items.pop()
                item = pikepdf.OutlineItem(title, number, "XYZ", left=left, top=top)
                item.is_closed = not is_open
                (open_items[-1][1].children if open_items else outline.root).append(item)
                open_items.append((level, item))
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)  # as WeasyPrint writes them


def _flat(items: list) -> list:
    """An outline's entries in order, nesting left out."""
    return [entry for item in items for entry in [item, *_flat(list(item.children))]]


def _kids(element: Any) -> list:
    kids = element.get("/K") if isinstance(element, pikepdf.Dictionary) else None
    return list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]


def _marks(element: Any) -> bool:
    """Whether a structure element holds any content (marked content or an annotation)."""
    if isinstance(element, int):
        return True  # a marked-content id
    if not isinstance(element, pikepdf.Dictionary):
        return False
    return "/MCID" in element or "/Obj" in element or any(_marks(kid) for kid in _kids(element))


def _drop_first_empty(element: Any) -> None:
    """Take the first child of ``element`` out of the structure if it holds nothing."""
    kids = element.get("/K")
    if isinstance(kids, pikepdf.Array) and len(kids) and not _marks(kids[0]):
        del kids[0]
