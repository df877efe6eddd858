"""Notes on quotations: the evidence for an official sentence, one click away.

Inside prose, a quotation of official text is its words in quotation marks, followed
by an empty slot that names the sentence (see ``templates/quote.html``); the handbook
adds slots of its own that carry a note's text (the notice a case comes from). Each
output turns the slots of a page into notes: the site numbers them and lists them at
the end of the page, the handbook at the end of each provision or other section
(``number``, ``by_section``). A slot never reaches a reader.

The handbook does not use WeasyPrint's footnotes (``float: footnote``): with our
pages, WeasyPrint 70 put 6 of 36 notes of one handout on another page than their
call, and failed outright (IndexError in ``make_all_pages``) on two handouts.

Short quotations (up to ``SHORT`` characters: 一般, 原则上, 达标) are checked like
any other but carry no note: a note on two characters is noise.
"""
from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit

from markupsafe import Markup

from .model import KeyPoint, Sentence, chinese_numeral

#: Quotations up to this many characters (punctuation and spaces aside) carry no note.
SHORT = 4

#: A slot: ``data-sentence`` names an official sentence, ``data-note`` holds a note's text.
PLACEHOLDER = re.compile(r'<sup class="reg-note-slot" data-(sentence|note)="([^"]*)"></sup>')

#: How a source is cited in a note, by kind.
_QUOTED_IN = {"qa", "notice-quote", "summary-quote"}


def slot(*, sentence: str = "", note: str = "") -> Markup:
    """An empty slot that becomes a note: on an official sentence (by id) or with a note's own text.
    The one writer of slots (templates call it); ``PLACEHOLDER`` reads them back."""
    kind, value = ("sentence", sentence) if sentence else ("note", note)
    return Markup('<sup class="reg-note-slot" data-{}="{}"></sup>').format(kind, value)


def key_point_slot(point: KeyPoint) -> Markup:
    """The note under a key point: the official sentence it rests on, or the source it names."""
    if isinstance(point.basis, Sentence):
        return slot(sentence=point.basis.id)
    return slot(note=point.note) if point.note else Markup("")


def needs_note(words: str) -> bool:
    return len(re.sub(r"[\W_]+", "", words)) > SHORT


def rank_words(sentence: Sentence) -> str:
    """来源等级二（答记者问引用）."""
    kind = sentence.source_kind
    return f"来源等级{chinese_numeral(kind.rank)}（{kind.label}）"


def placement_words(sentence: Sentence) -> str:
    """Where the sentence belongs, and how sure that is; empty for the title note and preamble."""
    if sentence.provision is None:
        if sentence.part is None:
            return ""
        part = f"第{chinese_numeral(sentence.part)}部分"
        placed = f"归入{part}系本站推断" if sentence.placement == "inferred" else f"属于{part}"
        return f"{placed}，具体属于哪一条尚不能确定"
    if sentence.placement == "confirmed":
        return f"属于第{sentence.provision}条"
    others = [n for n in sentence.candidates if n != sentence.provision]
    also = f"，也可能属于{'或'.join(f'第{n}条' for n in others)}" if others else ""
    return f"归入第{sentence.provision}条系本站推断{also}"


def placements(sentences: list[Sentence]) -> str:
    """Where a source's sentences belong, in one line: 开头部分、第1条、第9条（归属系推断）."""
    labels: list[str] = []
    for s in sentences:
        if s.provision:
            label = f"第{s.provision}条" + ("（归属系推断）" if s.placement == "inferred" else "")
        elif s.part:
            label = f"第{chinese_numeral(s.part)}部分（条号未定）"
        else:
            label = "开头部分（题注、序言）"
        if label not in labels:
            labels.append(label)
    return "、".join(labels)


def describe(sentence: Sentence) -> str:
    """The note on a quotation, as plain text: source, rank in words, placement certainty."""
    source = sentence.source_name + ("中加引号引用的原文" if sentence.kind in _QUOTED_IN else "")
    pieces = [source, rank_words(sentence), placement_words(sentence)]
    return "；".join(p for p in pieces if p) + "。"


@dataclass
class Note:
    number: int
    text: str
    references: int = 1  # how many markers point here


def number(html: str, sentences: dict[str, Sentence], marker: Callable[[Note, int], str]) -> tuple[str, list[Note]]:
    """Number the slots of ``html`` in reading order, one note per sentence (or per text).

    ``marker(note, k)`` gives the HTML of the ``k``-th marker (1-based) pointing at ``note``.
    """
    found: dict[str, Note] = {}

    def replace(match: re.Match) -> str:
        if match[1] == "sentence":
            sentence = sentences.get(match[2])
            if sentence is None:
                return ""
            text = describe(sentence)
        else:
            text = html_lib.unescape(match[2])
        note = found.get(text)
        if note is None:
            note = found[text] = Note(len(found) + 1, text, 0)
        note.references += 1
        return marker(note, note.references)

    return PLACEHOLDER.sub(replace, html), list(found.values())


def by_section(html: str, sentences: dict[str, Sentence], scope: re.Pattern,
               marker: Callable[[int, Note, int], str], listing: Callable[[int, list[Note]], str]) -> str:
    """Number the slots of each section (a ``scope`` match starts one) afresh and list its notes at its end.

    ``marker(section, note, k)`` and ``listing(section, notes)`` give the HTML; sections count from 1.
    """
    starts = [m.start() for m in scope.finditer(html)]
    bounds = list(zip([0, *starts], [*starts, len(html)]))
    out = []
    for section, (begin, end) in enumerate(bounds):
        chunk, found = number(html[begin:end], sentences, lambda note, k: marker(section, note, k))
        if found:
            close = chunk.rfind("</section>")
            chunk = chunk[:close] + listing(section, found) + chunk[close:]
        out.append(chunk)
    return "".join(out)


def host(url: str) -> str:
    """A link's readable label: the site's host name, never the whole (perhaps percent-encoded) address."""
    host = urlsplit(url).hostname or url
    return host[4:] if host.startswith("www.") else host
