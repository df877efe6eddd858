"""The fields each kind of content file may have, and their checks.

This is the single source of truth for the content schema; ``content/README.md``
documents the same fields for editors. A check never stops at the first problem:
it reports each one to the collector and carries on.
"""
from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass
from typing import Any

from .model import PASSAGES
from .problems import Collector
from .source import Located

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_WEB_ADDRESS = re.compile(r"^https?://[^\s/]+", re.IGNORECASE)


@dataclass(frozen=True)
class Field:
    kind: str  # int | text | bool | date | ints | texts | records
    required: bool = True
    choices: tuple[str, ...] = ()
    items: dict[str, Field] | None = None  # for kind "records": the fields of each item
    default: Any = None
    printed: bool = True  # False: for editors only (ids, addresses, provenance), never shown to readers
    url: bool = False  # an address: http or https only


#: What a field holds when its value is wrong, so that checking can go on.
EMPTY: dict[str, Any] = {"int": None, "text": "", "bool": False, "date": "", "ints": [], "texts": [], "records": [], "any": None}

TYPE_NAMES = {
    "int": "整数",
    "text": "文字",
    "bool": "true 或 false",
    "date": "日期（如 2024-08-06，或只写到月：2024-08）",
    "ints": "整数列表（如 [7, 8]）",
    "texts": "文字列表",
    "records": "列表，每项是若干字段",
    "any": "值",
}


def _real_date(value: str) -> bool:
    """2024-02-30 and 2024-13 look like dates but are none."""
    try:
        datetime.date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
    except ValueError:
        return False
    return True


def _field_name(path: tuple) -> str:
    name = ""
    for step in path:
        name += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if name else str(step))
    return name


@dataclass(frozen=True)
class Printed:
    """A text field that readers will see, with where it was written."""

    text: str
    path: str
    line: int
    field: str


class Checker:
    def __init__(self, located: Located, rel: str, collector: Collector, printed: list[Printed] | None = None):
        self.located, self.rel, self.collector = located, rel, collector
        self.printed = printed if printed is not None else []  # the free text readers will see

    def problem(self, path: tuple, message: str, at: tuple | None = None) -> None:
        """Report a problem with the field at ``path``, on the line of ``at`` (default: ``path``)."""
        line = self.located.line(*(path if at is None else at))
        self.collector.add(self.rel, line, _field_name(path) or None, message)

    def record(self, data: Any, spec: dict[str, Field], path: tuple = ()) -> dict:
        """Check a mapping against ``spec``; return it with defaults filled in."""
        if not isinstance(data, dict):
            empty = data is None and not path
            self.problem(path, "是空的（应写若干“字段: 值”）" if empty else "应为若干“字段: 值”" if path else "前言应为若干“字段: 值”")
            data = {}  # every field then takes its empty value, so that checking goes on
        out: dict[str, Any] = {}
        for key in data:
            if not isinstance(key, str):
                self.problem(path, f"字段名应为文字，现为「{key}」")
            elif key not in spec:
                guess = difflib.get_close_matches(str(key), spec, n=1)
                hint = f"，是否应为 {guess[0]}？" if guess else f"（可用字段：{'、'.join(spec)}）"
                self.problem(path + (key,), "未知字段" + hint)
        for name, f in spec.items():
            if name not in data or data[name] is None:
                if f.required:
                    # A missing field has no line of its own: point at its record.
                    self.problem(path + (name,), "缺少必填字段", at=path)
                default = f.default() if callable(f.default) else f.default
                out[name] = EMPTY[f.kind] if default is None else default
                continue
            value = self.value(data[name], f, path + (name,))
            out[name] = EMPTY[f.kind] if value is None else value
        return out

    def value(self, value: Any, f: Field, path: tuple) -> Any:
        kind = f.kind
        if kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                return self.wrong(path, kind, value)
        elif kind == "bool":
            if not isinstance(value, bool):
                return self.wrong(path, kind, value)
        elif kind == "text":
            if not isinstance(value, str):
                return self.wrong(path, kind, value)
            value = value.strip()
            if not value and f.required:
                self.problem(path, "不能为空")
            if f.choices and value not in f.choices:
                self.problem(path, f"应为 {'、'.join(f.choices)} 之一，现为「{value}」")
                return None
            if f.url and not _WEB_ADDRESS.match(value):
                self.problem(path, f"网址只能以 http:// 或 https:// 开头，现为「{value[:40]}」")
                return None
            if f.printed and not f.choices and value:
                self.printed.append(Printed(value, self.rel, self.located.line(*path), _field_name(path)))
        elif kind == "date":
            if isinstance(value, datetime.date):
                value = value.isoformat()
            elif isinstance(value, int) and 1900 < value < 3000:
                value = str(value)
            if not isinstance(value, str) or not _DATE.match(value) or not _real_date(value):
                return self.wrong(path, kind, value)
        elif kind == "any":  # checked by whoever reads it, knowing the context
            return value
        elif kind in ("ints", "texts", "records"):
            if not isinstance(value, list):
                return self.wrong(path, kind, value)
            item_kind = {"ints": "int", "texts": "text"}.get(kind)
            if item_kind:
                item = Field(item_kind, printed=f.printed, url=f.url)
                checked = (self.value(v, item, path + (i,)) for i, v in enumerate(value))
                value = [v for v in checked if v is not None]
            else:
                value = [self.record(v, f.items or {}, path + (i,)) for i, v in enumerate(value)]
        return value

    def wrong(self, path: tuple, kind: str, value: Any) -> None:
        shown = str(value)
        shown = shown if len(shown) <= 20 else shown[:20] + "…"
        self.problem(path, f"应为{TYPE_NAMES[kind]}，现为「{shown}」")
        return None


# ---------------------------------------------------------------------------
# The content files
# ---------------------------------------------------------------------------

CERTAINTY = ("seen", "inferred")
SLUG_HELP = "只用小写拉丁字母、数字和连字符，且不能全是数字（如 yankong-wenjian-shuliang）"

REGULATION = {
    "title": Field("text"),
    "short_title": Field("text"),
    "issuers": Field("texts"),
    "approved": Field("date"),
    "issued": Field("date"),
    "published": Field("date"),
    "authority": Field("text"),
    "notice": Field("text"),
    "report_errors": Field("text", required=False, default=""),  # how readers report an error (the handbook's 前言)
}

PART = {
    "number": Field("int"),
    "slug": Field("text", printed=False),
    "title": Field("text"),
    "teaching_note": Field("text", required=False, default=""),  # Markdown, for trainers
    "auto_links": Field("bool", required=False, default=True),
}

PROVISION = {
    "number": Field("int"),
    "number_certainty": Field("text", choices=CERTAINTY),
    "part": Field("int"),
    "slug": Field("text", printed=False),
    "heading": Field("text"),
    "heading_certainty": Field("text", choices=CERTAINTY),
    "certainty_note": Field("text", required=False, default=""),
    "previous_numbers": Field("ints", required=False, default=list),
    "keywords": Field("texts", required=False, default=list),
    "related": Field("ints", required=False, default=list),
    "measures": Field(
        "records",
        required=False,
        default=list,
        items={"text": Field("text"), "new": Field("text", required=False, default="")},
    ),
    "problems": Field("records", required=False, default=list, items={"text": Field("text")}),
    "cases": Field("records", required=False, default=list, items={
        "notice": Field("text", printed=False),  # an id in sources/notices.yml
        "text": Field("text"),  # the case in our own words
        "positive": Field("bool", required=False, default=False),  # a 正面典型
    }),
    "discussion": Field("texts", required=False, default=list),
    # What a learner should take away (Markdown, three to five), each resting on one source:
    # an official sentence or paraphrase (its id in sources/official-sentences.yml), a source or a notice.
    "key_points": Field("records", required=False, default=list, items={
        "text": Field("text"),
        "from": Field("text", printed=False),
    }),
    # What the sources leave open (Markdown, one question each); retired one by one once the full text is in.
    "open_questions": Field("texts", required=False, default=list),
    "auto_links": Field("bool", required=False, default=True),
}

ARTICLE = {
    "slug": Field("text", printed=False),
    "title": Field("text"),
    "subtitle": Field("text", required=False, default=""),
    "headlines": Field("texts", required=False, default=list),
    "verbatim": Field("bool", required=False, default=False),
    "source": Field("text"),
    "date": Field("date"),
    "order": Field("int", required=False, default=100),
    "auto_links": Field("bool", required=False, default=True),
}

FAQ = {
    "slug": Field("text", printed=False),
    "question": Field("text"),
    "order": Field("int", required=False, default=100),
    "provisions": Field("ints"),
    "provisions_inferred": Field("ints", required=False, default=list),
    "auto_links": Field("bool", required=False, default=True),
}

SENTENCE = {
    "id": Field("text", printed=False),
    "part": Field("int", required=False),
    "provision": Field("int", required=False),
    "placement": Field("text", choices=("confirmed", "inferred")),
    "candidates": Field("ints", required=False, default=list),
    "kind": Field("text", choices=("official-release", "qa", "notice-quote", "handbook", "summary-quote")),
    "from": Field("text", printed=False),  # the id of its source in sources.yml, or of a notice in notices.yml
    "source": Field("text", printed=False),  # where exactly it was found: for editors, never printed
    "text": Field("text"),
    "complete": Field("bool", required=False, default=False),
    "note": Field("text", required=False, default=""),
}

PARAPHRASE = {
    "id": Field("text", printed=False),
    "part": Field("int", required=False),
    "provision": Field("int", required=False),
    "from": Field("text", printed=False),
    "source": Field("text", printed=False),
    "text": Field("text"),
}

SENTENCES_FILE = {
    "sentences": Field("records", items=SENTENCE),
    "paraphrases": Field("records", required=False, default=list, items=PARAPHRASE),
}

SOURCES_FILE = {
    "sources": Field("records", items={
        "id": Field("text", printed=False),
        "title": Field("text"),  # what the source is, as readers know it: never a file or repository name
        "urls": Field("texts", required=False, default=list, printed=False, url=True),  # its own addresses
        "reposts": Field("texts", required=False, default=list, printed=False, url=True),  # copies elsewhere
        "what": Field("text"),
    }),
}

QUIZ_TYPES = ("single", "multiple", "truefalse", "fill")

QUIZ_TESTS = ("requirement", "case", "source")

QUIZ_FILE = {
    "items": Field("records", items={
        "id": Field("text", printed=False),
        "provisions": Field("ints"),
        "type": Field("text", choices=QUIZ_TYPES),
        "question": Field("text"),
        "options": Field("texts", required=False, default=list),
        "answer": Field("any"),  # a letter, letters, true/false or the words of a blank
        "accepted": Field("texts", required=False, default=list),  # other right words for a blank
        "explanation": Field("text"),
        "passage": Field("text", required=False, default="jiedu",
                         choices=tuple(PASSAGES)),
        "difficulty": Field("int", required=False, default=2),
        # What the item tests: what a provision requires, how it applies to a case, or where its text comes from.
        "tests": Field("text", choices=QUIZ_TESTS),
    }),
}

GLOSSARY_FILE = {
    "terms": Field("records", items={
        "slug": Field("text", printed=False),
        "term": Field("text"),
        "aliases": Field("texts", required=False, default=list),
        "definition": Field("text"),
        "basis": Field("text", choices=("source", "editor")),
        "where": Field("text"),
    }),
}

NOTICES_FILE = {
    "notices": Field("records", items={
        "id": Field("text", printed=False),
        "date": Field("date"),
        "level": Field("text"),
        "site": Field("text"),
        "title": Field("text"),  # the issuer's title only
        "tags": Field("texts", required=False, default=list, printed=False),  # a collector's labels, for editors
        "url": Field("text", printed=False, url=True),
    }),
}

TIMELINE_FILE = {
    "events": Field("records", items={
        "date": Field("date", required=False, default=""),  # empty: the sources give no date
        "title": Field("text"),
        "what": Field("text"),
        "source": Field("text"),
        "urls": Field("texts", required=False, default=list, printed=False, url=True),
    }),
}

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def valid_slug(slug: str) -> bool:
    return bool(SLUG.match(slug)) and not slug.isdigit()
