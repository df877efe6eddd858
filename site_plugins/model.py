"""The content model: plain data, loaded once and shared by the site and the handbook.

Nothing here imports MkDocs. Every object remembers the file and line it came
from (``origin``), so that any page or error can be traced back to its source.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from markupsafe import Markup

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

#: The kinds of page a reference can lead to, each model class's ``KIND``, with its name in lists.
KINDS = {"provision": "条文", "part": "部分", "faq": "常见问题", "article": "文章", "term": "术语"}


def kind_of(obj: object) -> str | None:
    """The kind of page ``obj`` is (a key of ``KINDS``); None for anything else."""
    return getattr(type(obj), "KIND", None)


#: The passages of a provision's page a quiz item sends the learner back to: the heading's id and words.
PASSAGES = {"yuanwen": "原文", "jiedu": "条文解读", "jucuo": "主要举措", "wenti": "典型问题", "anli": "案例",
            "xiangguan": "相关条文"}

#: How sure a provision's number or heading is.
CERTAINTIES = {
    "seen": "见于来源",
    "inferred": "推断",
}

#: How sure a sentence's placement under a provision is.
PLACEMENTS = {
    "confirmed": "位置已确认",
    "inferred": "位置系推断",
}


@dataclass(frozen=True)
class SourceKind:
    rank: int  # 1 is the most authoritative
    label: str


#: The kinds of source an official sentence comes from, from most to least trusted.
SOURCE_KINDS = {
    "official-release": SourceKind(1, "官方发布稿"),
    "qa": SourceKind(2, "答记者问引用"),
    "notice-quote": SourceKind(3, "官方通报引用"),
    "handbook": SourceKind(4, "二手转录"),
    "summary-quote": SourceKind(4, "二手摘要引用"),
}


@dataclass(frozen=True)
class Origin:
    """Where a piece of content was written: a path relative to the project, and a line."""

    path: str
    line: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


# ---------------------------------------------------------------------------
# Official text
# ---------------------------------------------------------------------------


@dataclass
class Sentence:
    """A sentence that may be shown as the regulation's own words."""

    id: str
    part: int | None
    provision: int | None
    placement: str  # confirmed | inferred
    candidates: list[int]
    kind: str  # a key of SOURCE_KINDS
    from_id: str  # the id of its source (sources.yml) or notice (notices.yml)
    source: str  # where exactly it was found, for editors: never printed
    text: str
    complete: bool
    note: str
    origin: Origin
    cited_source: SourceEntry | Notice | None = field(default=None, repr=False)  # filled in by the loader

    @property
    def source_name(self) -> str:
        """The source as readers know it: 中央办公厅负责人答记者问（2024年8月）, never a file name."""
        return self.cited_source.name if self.cited_source else ""

    @property
    def source_kind(self) -> SourceKind:
        return SOURCE_KINDS[self.kind]

    @property
    def placement_label(self) -> str:
        return PLACEMENTS[self.placement]


@dataclass
class Paraphrase:
    """A report of what the regulation says, never to be shown as its words."""

    id: str
    part: int | None
    provision: int | None
    from_id: str
    source: str  # for editors: never printed
    text: str
    origin: Origin
    cited_source: SourceEntry | Notice | None = field(default=None, repr=False)

    @property
    def source_name(self) -> str:
        return self.cited_source.name if self.cited_source else ""


class Prose:
    """A body or one-line field of the content, as the loader parsed it; its HTML once linked.

    ``parsed`` is the markdown module's ``Body``: tokens that carry their file and lines. The
    linking pass (``crossref.link``) resolves its references and renders it, once, in the order
    its page shows it; from then on it prints as its HTML (``__html__``, for templates).
    """

    __slots__ = ("parsed", "_html")

    def __init__(self, parsed: Any = None, html: str | None = None):
        self.parsed = parsed
        self._html = None if html is None else Markup(html)

    @classmethod
    def empty(cls) -> Prose:
        return cls(None, "")

    @property
    def linked(self) -> bool:
        return self._html is not None

    def render(self, html: str) -> None:
        """Set the HTML, once: the linking pass renders each body once."""
        if self._html is not None:
            raise RuntimeError("a body was linked twice")
        self._html = Markup(html)

    @property
    def html(self) -> Markup:
        if self._html is None:
            raise RuntimeError("a body was used before the linking pass rendered it")
        return self._html

    def __html__(self) -> str:
        return self.html

    def __str__(self) -> str:
        return str(self.html)

    def __bool__(self) -> bool:
        return bool(self.html)

    def __repr__(self) -> str:
        return f"Prose({self._html!r})" if self.linked else "Prose(<not linked>)"


# ---------------------------------------------------------------------------
# The regulation's structure
# ---------------------------------------------------------------------------


@dataclass
class Measure:
    text: Prose
    new: str  # the source that calls it new; empty if none does
    origin: Origin

    @property
    def text_html(self) -> Markup:
        return self.text.html


@dataclass
class KeyPoint:
    """One thing a learner should take away from a provision, and what it rests on."""

    text: Prose
    from_id: str  # an official sentence, a paraphrase, a source (sources.yml) or a notice (notices.yml)
    origin: Origin
    basis: Sentence | Paraphrase | SourceEntry | Notice | None = field(default=None, repr=False)  # by the loader

    @property
    def note(self) -> str:
        """The note that names what the point rests on (an official sentence's note is ``notes.describe``)."""
        if isinstance(self.basis, Paraphrase):
            return f"依据{self.basis.source_name}的转述（不是原文）。"
        if isinstance(self.basis, Notice):
            return f"依据通报：{self.basis.name}。"
        if isinstance(self.basis, SourceEntry):
            return f"依据{self.basis.name}。"
        return ""

    @property
    def text_html(self) -> Markup:
        return self.text.html


@dataclass
class Problem:
    text: Prose
    origin: Origin

    @property
    def text_html(self) -> Markup:
        return self.text.html


@dataclass
class Notice:
    """A public notice of typical problems (典型问题通报)."""

    id: str
    date: str
    level: str
    site: str
    title: str  # the issuer's title only
    url: str
    origin: Origin
    tags: list[str] = field(default_factory=list)  # a collector's labels: for editors, never printed

    @property
    def name(self) -> str:
        return f"{self.title}（{chinese_date(self.date)}）"


@dataclass
class Case:
    """A case from a notice, told in our words."""

    notice_id: str
    text: Prose
    positive: bool  # a 正面典型, not a problem
    origin: Origin
    notice: Notice | None = field(default=None, repr=False)
    before_rule: bool = False  # the notice predates the regulation: a problem it answers, not a breach

    @property
    def text_html(self) -> Markup:
        return self.text.html


@dataclass
class Provision:
    KIND: ClassVar[str] = "provision"
    number: int
    number_certainty: str  # a key of CERTAINTIES
    slug: str
    part_number: int
    heading: str
    heading_certainty: str
    certainty_note: str
    previous_numbers: list[int]
    keywords: list[str]
    related_numbers: list[int]
    measures: list[Measure]
    problems: list[Problem]
    cases: list[Case]
    discussion: list[str]
    body: Prose
    origin: Origin
    open_questions: list[Prose] = field(default_factory=list)  # one per question the sources leave open
    key_points: list[KeyPoint] = field(default_factory=list)
    full_text: str = ""  # the release's text of this provision, once the full text is held (fulltext.py)
    # Filled in by the loader once every file is read:
    part: Part | None = field(default=None, repr=False)
    sentences: list[Sentence] = field(default_factory=list, repr=False)
    paraphrases: list[Paraphrase] = field(default_factory=list, repr=False)
    related: list[Provision] = field(default_factory=list, repr=False)
    cited_by: list = field(default_factory=list, repr=False)  # crossref.Citation, one per citing page

    @property
    def label(self) -> str:
        return f"第{self.number}条"

    @property
    def display_title(self) -> str:
        return f"{self.label} {self.heading}"

    @property
    def number_certainty_label(self) -> str:
        return CERTAINTIES[self.number_certainty]

    @property
    def heading_certainty_label(self) -> str:
        return CERTAINTIES[self.heading_certainty]

    @property
    def is_inferred(self) -> bool:
        return "inferred" in (self.number_certainty, self.heading_certainty)

    @property
    def text_status(self) -> str:
        """complete, partial or none: how much of the official text is known."""
        if any(s.complete for s in self.sentences):
            return "complete"
        return "partial" if self.sentences else "none"

    @property
    def body_html(self) -> Markup:
        return self.body.html


@dataclass
class Part:
    KIND: ClassVar[str] = "part"
    number: int
    slug: str
    title: str
    body: Prose
    teaching_note: Prose  # for trainers; empty if none
    origin: Origin
    provisions: list[Provision] = field(default_factory=list, repr=False)
    sentences: list[Sentence] = field(default_factory=list, repr=False)  # placed in the part, not yet in a provision
    paraphrases: list[Paraphrase] = field(default_factory=list, repr=False)
    cited_by: list = field(default_factory=list, repr=False)

    @property
    def label(self) -> str:
        return f"第{chinese_numeral(self.number)}部分"

    @property
    def display_title(self) -> str:
        return f"{self.label} {self.title}"

    @property
    def body_html(self) -> Markup:
        return self.body.html

    @property
    def teaching_note_html(self) -> Markup:
        return self.teaching_note.html


#: The Chinese numerals, by value: the one list for labels (第三部分), mentions (第二十一条) and search.
CHINESE_NUMERALS = "〇一二三四五六七八九十"
#: A number as the content writes it in an ordinal: digits, or Chinese numerals up to 99.
ORDINAL_NUMBER = "[0-9]{1,3}|[" + CHINESE_NUMERALS[1:] + "]{1,3}"


def chinese_numeral(n: int) -> str:
    """3 → 三, 10 → 十, 11 → 十一, 21 → 二十一 (1 to 99); any other number in digits."""
    if not 0 < n < 100:
        return str(n)
    tens, units = divmod(n, 10)
    if not tens:
        return CHINESE_NUMERALS[units]
    return ("" if tens == 1 else CHINESE_NUMERALS[tens]) + "十" + (CHINESE_NUMERALS[units] if units else "")


def chinese_number(text: str) -> int | None:
    """3, 三, 十, 十一, 二十一 → int; None if it is not a number."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in CHINESE_NUMERALS for c in text):
        return None
    if "十" not in text:
        return CHINESE_NUMERALS.index(text) if len(text) == 1 else None
    tens, _, units = text.partition("十")
    return (CHINESE_NUMERALS.index(tens) if tens else 1) * 10 + (CHINESE_NUMERALS.index(units) if units else 0)


def chinese_date(value: str) -> str:
    """2024-08-06 → 2024年8月6日; 2024-08 → 2024年8月; 2024 → 2024年."""
    bits = value.split("-")
    units = ["年", "月", "日"]
    return "".join(f"{int(b) if i else b}{units[i]}" for i, b in enumerate(bits[:3]) if b)


# ---------------------------------------------------------------------------
# Articles and FAQ
# ---------------------------------------------------------------------------


@dataclass
class Article:
    KIND: ClassVar[str] = "article"
    slug: str
    title: str
    subtitle: str
    headlines: list[str]  # a newspaper's headline lines, in printed order (the title among them)
    verbatim: bool  # the whole text of a source, reproduced: not our words
    source: str
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD: no more precise than the source
    order: int
    body: Prose
    origin: Origin
    cited_by: list = field(default_factory=list, repr=False)

    @property
    def display_title(self) -> str:
        return self.title

    @property
    def body_html(self) -> Markup:
        return self.body.html


@dataclass
class FaqEntry:
    KIND: ClassVar[str] = "faq"
    slug: str
    question: str
    order: int
    provision_numbers: list[int]
    inferred_provision_numbers: list[int]
    body: Prose
    origin: Origin
    provisions: list[Provision] = field(default_factory=list, repr=False)
    inferred_provisions: list[Provision] = field(default_factory=list, repr=False)
    cited_by: list = field(default_factory=list, repr=False)

    @property
    def display_title(self) -> str:
        return self.question

    @property
    def body_html(self) -> Markup:
        return self.body.html


@dataclass
class GlossaryTerm:
    """A term of the regulation, defined from the sources or explained by the editors."""

    KIND: ClassVar[str] = "term"
    slug: str
    term: str
    aliases: list[str]
    plain_definition: str  # the definition as plain text (quotations in “”, references as labels), for tooltips
    definition: Prose
    basis: str  # source: the sources define it; editor: 本站释义
    where: str  # the source that defines it, or where it appears
    origin: Origin
    provisions: list = field(default_factory=list, repr=False)  # (Provision, "text" | "heading")
    cited_by: list = field(default_factory=list, repr=False)

    @property
    def names(self) -> list[str]:
        return [self.term, *self.aliases]

    @property
    def display_title(self) -> str:
        return self.term

    @property
    def definition_html(self) -> Markup:
        return self.definition.html


@dataclass
class QuizItem:
    """A self-test question tied to one or more provisions."""

    id: str
    provision_numbers: list[int]
    type: str  # single | multiple | truefalse | fill
    question: str
    options: list[str]  # A, B, … in order
    answer: object  # letters (sorted list), a bool, or the words of a blank
    accepted: list[str]  # other right words for a blank
    explanation: Prose
    passage: str  # the section of the provision page that answers it
    difficulty: int  # 1 易, 2 中, 3 难
    origin: Origin
    tests: str = ""  # requirement | case | source (schema.QUIZ_TESTS)
    provisions: list = field(default_factory=list, repr=False)

    @property
    def display_title(self) -> str:
        return self.question

    @property
    def explanation_html(self) -> Markup:
        return self.explanation.html


@dataclass
class SourceEntry:
    """A source the site draws on, with its address and what it is."""

    id: str
    title: str
    urls: list[str]
    what: Prose
    origin: Origin
    reposts: list[str] = field(default_factory=list)  # copies on other sites, not the source's own address

    @property
    def name(self) -> str:
        return self.title

    @property
    def what_html(self) -> Markup:
        return self.what.html


@dataclass
class Event:
    """A date in the regulation's history, with what the sources say of it."""

    date: str  # no more precise than the sources
    title: str
    what: Prose
    source: str
    urls: list[str]
    origin: Origin

    @property
    def what_html(self) -> Markup:
        return self.what.html


# ---------------------------------------------------------------------------
# The whole
# ---------------------------------------------------------------------------


#: The group of words that do not start with a letter of the alphabet (6个月): its label and anchor.
OTHER_INITIAL = ("其他", "other")


def by_initial(items: list, words) -> list[tuple[str, list]]:
    """``items`` in pinyin order of ``words(item)``, grouped by initial letter (A–Z, then 其他)."""
    from pypinyin import lazy_pinyin

    spelled = sorted(items, key=lambda x: ("".join(lazy_pinyin(words(x))).lower(), words(x)))
    groups: dict[str, list] = {}
    for item in spelled:
        initial = "".join(lazy_pinyin(words(item)))[:1].upper()
        groups.setdefault(initial if "A" <= initial <= "Z" else OTHER_INITIAL[0], []).append(item)
    return sorted(groups.items(), key=lambda kv: (kv[0] == OTHER_INITIAL[0], kv[0]))


def initial_anchor(letter: str) -> str:
    return OTHER_INITIAL[1] if letter == OTHER_INITIAL[0] else letter


@dataclass(repr=False)  # the whole model: its repr would be enormous
class Regulation:
    title: str
    short_title: str
    issuers: list[str]
    approved: str
    issued: str
    published: str
    authority: str
    notice: str
    intro: Prose
    parts: list[Part]
    provisions: list[Provision]
    sentences: list[Sentence]  # every quotable sentence, in file order
    paraphrases: list[Paraphrase]
    articles: list[Article]
    faqs: list[FaqEntry]
    sources: list[SourceEntry]
    notices: list[Notice]
    timeline: list[Event]
    glossary: list[GlossaryTerm]
    quiz: list[QuizItem]
    origin: Origin
    report_errors: str = ""  # how readers report an error; empty: through the site's repository
    release: object = None  # fulltext.Release once content/sources/full-text.txt is there; None until then
    release_sentences: list[Sentence] = field(default_factory=list)  # each provision's full text, quotable
    revisions: list = field(default_factory=list)  # fulltext.Revision: what editors must revise by hand

    @property
    def full_text_held(self) -> bool:
        return self.release is not None

    @property
    def any_inferred(self) -> bool:
        """Whether any number or heading is still inferred (never, once the full text is held)."""
        return any(p.is_inferred for p in self.provisions)

    @property
    def quotable(self) -> dict[str, Sentence]:
        """Every sentence a quotation may name: the sentences list and, once held, each provision's full text."""
        return {s.id: s for s in [*self.sentences, *self.release_sentences]}

    @property
    def keyword_index(self) -> list[tuple[str, list[tuple[str, list[Provision]]]]]:
        """Keywords in pinyin order, grouped by initial letter, each with the provisions that carry it."""
        index: dict[str, list[Provision]] = {}
        for p in self.provisions:
            for keyword in p.keywords:
                index.setdefault(keyword, []).append(p)
        return [(letter, [(k, index[k]) for k in keywords]) for letter, keywords in by_initial(list(index), str)]

    @property
    def glossary_index(self) -> list[tuple[str, list[GlossaryTerm]]]:
        """The glossary in pinyin order, grouped by initial letter (for a jump index on a phone)."""
        return by_initial(self.glossary, lambda t: t.term)

    def quiz_for(self, provision: Provision) -> list[QuizItem]:
        return [q for q in self.quiz if provision in q.provisions]

    def provision(self, number: int) -> Provision:
        return next(p for p in self.provisions if p.number == number)

    @property
    def sentence_sources(self) -> list[tuple[str, list[Sentence]]]:
        """Each distinct source of official sentences, most trusted first, with its sentences."""
        grouped: dict[str, list[Sentence]] = {}
        for s in self.sentences:
            grouped.setdefault(s.source_name, []).append(s)
        return sorted(grouped.items(), key=lambda item: item[1][0].source_kind.rank)

    @property
    def front_sentences(self) -> list[Sentence]:
        """Sentences that belong to no part: the title note and the preamble."""
        return [s for s in self.sentences if s.part is None]

    @property
    def intro_html(self) -> Markup:
        return self.intro.html
