"""The regulation's full text, once an editor pastes the release into ``content/sources/full-text.txt``.

The file is the release as published (Xinhua, 2025-08-06): the title; the 题注 in parentheses;
the preamble; part headings (``一、切实精简文件``); provisions (``1.严控文件数量。…``, whose first
sentence is the heading). Full- and half-width punctuation, stray spaces and Windows line ends
are accepted (``tidy``). ``parse`` reads it with line numbers; ``reconcile`` then holds the
content to it, and it outranks the sentences list:

- each provision takes the release's number, heading and text: certainties become ``seen``, an
  inferred heading gives way to the release's (listed for editors), a seen heading that differs
  is an error naming both places, and a provision whose heading the release gives under another
  number is renumbered (it keeps its slug and gains ``previous_numbers``);
- every official sentence is looked up in the release: found in its recorded provision, an
  inferred placement becomes confirmed; found in another, or nowhere, is an error naming both;
- a missing or extra part or provision is an error naming both sides, never overwritten.

Each provision's text becomes a quotable sentence of its own (``sentence_for``), with the id
``第9条``: ``[[原文:第9条|片段]]`` quotes a verbatim fragment of it. Tests use a synthetic release
whose missing text is ``PLACEHOLDER`` sentences; a build refuses that marker unless its project
says ``allow_test_placeholders`` (tests only), so placeholder text can never be published.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .markdown import normalize
from .model import CHINESE_NUMERALS, Origin, Part, Provision, Sentence, chinese_number, chinese_numeral
from .problems import Collector

FILE = "sources/full-text.txt"

#: The marker of a test's placeholder sentence: a real release never holds it.
PLACEHOLDER = "【测试用占位句】"

#: The source (sources.yml) and the kind of sentence the release is.
SOURCE_ID = "xinhua-release"
KIND = "official-release"

_PART = re.compile(r"^([" + CHINESE_NUMERALS[1:] + r"]{1,3})[、.．]\s*(\S.*)$")
_PROVISION = re.compile(r"^(\d{1,3})\s*[.．、]\s*(\S.*)$")
_HALF = str.maketrans({",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"})
_CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’]"


@dataclass
class ReleaseProvision:
    number: int
    heading: str
    text: str  # as published, with its number: 1.严控文件数量。地方和部门……
    part_number: int
    line: int


@dataclass
class ReleasePart:
    number: int
    title: str
    line: int


@dataclass
class Release:
    path: str  # as editors know it: content/sources/full-text.txt
    title: str
    note: str  # the 题注, without its parentheses
    preamble: str
    parts: list[ReleasePart] = field(default_factory=list)
    provisions: list[ReleaseProvision] = field(default_factory=list)

    def where(self, line: int) -> str:
        return f"{self.path}:{line}"


def tidy(text: str) -> str:
    """The release in clean form: LF line ends, full-width punctuation, no spaces between Chinese characters."""
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ")
    lines = []
    for line in text.split("\n"):
        line = line.strip().translate(_HALF)
        line = re.sub(rf"(?<={_CJK})\s+|\s+(?={_CJK})", "", line)
        line = re.sub(r"(?<=^\d)\s*[.．]\s*|(?<=^\d\d)\s*[.．]\s*", ".", line)
        lines.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def parse(text: str, path: str, problems: Collector) -> Release | None:
    """The release's parts and provisions with their lines; layout problems go to ``problems``."""
    # Each line tidied on its own, so that problems name the editor's own line numbers.
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    content = [(n, line) for n, line in ((n, tidy(line).strip()) for n, line in enumerate(raw, 1)) if line]
    if not content:
        problems.add(path, 1, None, "全文文件是空的")
        return None
    release = Release(path, title=content[0][1], note="", preamble="")
    rest = content[1:]
    if rest and rest[0][1][:1] in "(（":
        note_lines = []
        while rest:
            n, line = rest.pop(0)
            note_lines.append(line)
            if line.endswith(("）", ")")):
                break
        release.note = "".join(note_lines).strip("（）()")
    preamble, current = [], None
    for n, line in rest:
        part = _PART.match(line)
        provision = _PROVISION.match(line)
        if part and (part_number := chinese_number(part[1])):
            release.parts.append(ReleasePart(part_number, part[2], n))
            current = None
        elif provision:
            if not release.parts:
                problems.add(path, n, None, "第一条之前应有部分标题（如“一、切实精简文件”）")
                return None
            body = provision[2]
            heading = body.split("。", 1)[0]
            if "。" not in body:
                problems.add(path, n, None, f"第{provision[1]}条的第一句（小标题）应以句号结束")
            current = ReleaseProvision(int(provision[1]), heading, f"{provision[1]}.{body}", release.parts[-1].number, n)
            release.provisions.append(current)
        elif current is not None:
            current.text += line  # a provision of several paragraphs
        elif release.parts:
            problems.add(path, n, None, f"部分标题之后、第一条之前有不属于任何一条的文字：{line[:20]}")
        else:
            preamble.append(line)
    release.preamble = "".join(preamble)
    numbered: tuple[tuple[str, Sequence[ReleasePart | ReleaseProvision], str], ...] = (
        ("部分", release.parts, "第{}部分"), ("条", release.provisions, "第{}条"))
    for kind, items, label in numbered:
        for expected, item in enumerate(items, 1):
            if item.number != expected:
                problems.add(path, item.line, None,
                             f"编号不连续：这里是{label.format(item.number)}，应为{label.format(expected)}")
                return None
    if not release.provisions:
        problems.add(path, 1, None, "没有找到任何一条（每条应以“1.”这样的编号开头）")
        return None
    return release


def placeholders(release: Release) -> list[int]:
    """Lines of the release that hold a test's placeholder sentence."""
    return [p.line for p in release.provisions if PLACEHOLDER in p.text] + (
        [1] if PLACEHOLDER in release.preamble + release.note + release.title else [])


def sentence_for(provision: ReleaseProvision) -> Sentence:
    """The provision's full text as a quotable sentence: ``[[原文:第9条|片段]]``."""
    return Sentence(id=f"第{provision.number}条", part=provision.part_number, provision=provision.number,
                    placement="confirmed", candidates=[], kind=KIND, from_id=SOURCE_ID,
                    source="content/sources/full-text.txt", text=provision.text, complete=True, note="",
                    origin=Origin(FILE, provision.line))


# ---------------------------------------------------------------------------
# Holding the content to the release
# ---------------------------------------------------------------------------


@dataclass
class Revision:
    """Something an editor must now revise by hand, where it is, and why."""

    path: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


def reconcile(release: Release, parts: list[Part], provisions: list[Provision], sentences: list[Sentence],
              problems: Collector, line_of) -> list[Revision]:
    """Make the content follow the release; report what cannot follow (``problems``) and what changed.

    ``line_of(provision, field)`` is the line of a provision file's front-matter field.
    Returns the headings the release replaced; the caller adds the other revisions.
    """
    changed: list[Revision] = []
    # Parts: the same number and title.
    for part in parts:
        their_part = next((r for r in release.parts if r.number == part.number), None)
        if their_part is None:
            problems.add(part.origin.path, 1, "number",
                         f"全文中没有第{chinese_numeral(part.number)}部分（全文共{len(release.parts)}个部分，见 {release.path}）")
        elif normalize(their_part.title) != normalize(part.title):
            problems.add(part.origin.path, 1, "title",
                         f"“{part.title}”与全文的“{their_part.title}”（{release.where(their_part.line)}）不同")
    for their_part in release.parts[len(parts):]:
        problems.add(release.path, their_part.line, None,
                     f"全文的第{chinese_numeral(their_part.number)}部分“{their_part.title}”在 content/parts/ 中没有对应的文件")
    # Provisions: first those whose heading the release gives (wherever it numbers them), then the
    # rest in order. A provision left over on either side is an error naming it.
    by_heading: dict[str, ReleaseProvision] = {}
    for r in release.provisions:
        by_heading.setdefault(normalize(r.heading), r)
    match: dict[str, ReleaseProvision] = {}  # by slug
    for p in provisions:
        same = by_heading.get(normalize(p.heading))
        if same is not None and same not in match.values():
            match[p.slug] = same
    rest = [r for r in release.provisions if r not in match.values()]
    left = [p for p in provisions if p.slug not in match]
    for p, theirs in zip(left, rest):
        match[p.slug] = theirs
    for p in left[len(rest):]:
        problems.add(p.origin.path, line_of(p, "number"), "number",
                     f"全文中没有与第{p.number}条“{p.heading}”对应的条文（全文共{len(release.provisions)}条，见 {release.path}）")
    for theirs in rest[len(left):]:
        problems.add(release.path, theirs.line, None,
                     f"全文的第{theirs.number}条“{theirs.heading}”在 content/provisions/ 中没有对应的文件")
    if problems.problems:
        return changed
    renumbered = {p.number: match[p.slug].number for p in provisions}
    for p in provisions:
        theirs = match[p.slug]
        if theirs.part_number != p.part_number:
            problems.add(p.origin.path, line_of(p, "part"), "part",
                         f"第{p.number}条记在第{chinese_numeral(p.part_number)}部分，全文中它在第"
                         f"{chinese_numeral(theirs.part_number)}部分（{release.where(theirs.line)}）")
            continue
        if normalize(theirs.heading) != normalize(p.heading):
            if p.heading_certainty == "seen":
                problems.add(p.origin.path, line_of(p, "heading"), "heading",
                             f"小标题“{p.heading}”与全文的“{theirs.heading}”（{release.where(theirs.line)}）不同")
                continue
            changed.append(Revision(p.origin.path, line_of(p, "heading"),
                                    f"第{theirs.number}条的小标题由推断的“{p.heading}”改为全文的“{theirs.heading}”"))
            p.heading = theirs.heading
        if theirs.number != p.number:
            changed.append(Revision(p.origin.path, line_of(p, "number"),
                                    f"条号由第{p.number}条改为全文的第{theirs.number}条（旧地址会说明变更）"))
            p.previous_numbers = sorted({*p.previous_numbers, p.number})
            p.number = theirs.number
        p.number_certainty = p.heading_certainty = "seen"
        p.certainty_note = ""
        p.full_text = theirs.text
    for p in provisions:
        p.related_numbers = [renumbered.get(n, n) for n in p.related_numbers]
    provisions.sort(key=lambda p: p.number)
    _place_sentences(release, sentences, renumbered, problems)
    return changed


def _place_sentences(release: Release, sentences: list[Sentence], renumbered: dict[int, int],
                     problems: Collector) -> None:
    """Each official sentence where the release has it: confirmed, or an error naming both places."""
    texts = {r.number: normalize(r.text) for r in release.provisions}
    head = normalize(release.title + release.note + release.preamble)
    for s in sentences:
        words = normalize(s.text)
        recorded = renumbered.get(s.provision, s.provision) if s.provision is not None else None
        found = [n for n, text in texts.items() if words in text]
        if recorded is not None and recorded in found:
            s.provision, s.placement, s.candidates = recorded, "confirmed", []
        elif s.provision is None and s.part is None and words in head:
            s.placement = "confirmed"
        elif found and s.provision is None and s.part is not None and \
                all(r.part_number == s.part for r in release.provisions if r.number in found):
            s.provision, s.placement, s.candidates = found[0], "confirmed", []
        elif found:
            here = f"第{recorded}条" if recorded else (f"第{chinese_numeral(s.part)}部分" if s.part else "开头部分")
            there = "、".join(f"第{n}条（{release.where(r.line)}）" for n in found for r in release.provisions if r.number == n)
            problems.add(s.origin.path, s.origin.line, f"{s.id}.provision",
                         f"这句原文记在{here}，全文中却在{there}")
        else:
            problems.add(s.origin.path, s.origin.line, f"{s.id}.text",
                         f"这句原文在全文（{release.path}）中找不到：请核对错字、标点或截断")


#: Words in printed text that still assume the full text is missing or a number is inferred.
_STALE = re.compile(r"尚未取得|没有找到原文|找不到原文|未见原文|没有原文|系推断|是推断|本站推断|编号推断|不能确定|尚不清楚")


def to_revise(regulation, printed, line_of) -> list[Revision]:
    """What editors must revise by hand now that the full text is held (``printed``: the loader's printed texts)."""
    found: list[Revision] = []
    for p in regulation.provisions:
        found += [Revision(p.origin.path, line_of(p, "open_questions", i),
                           f"第{p.number}条尚不清楚的地方第{i + 1}项：按全文核对，已解答的删去")
                  for i in range(len(p.open_questions))]
    seen: set[tuple[str, int]] = set()
    for text in printed:
        if _STALE.search(text.text) and not text.field.startswith("open_questions") and (text.path, text.line) not in seen:
            seen.add((text.path, text.line))
            found.append(Revision(text.path, text.line, f"{text.field}：仍说本站没有全文或有推断，请按全文改写"))
    for e in regulation.faqs:
        if e.inferred_provisions:
            found.append(Revision(e.origin.path, e.origin.line, "“可能涉及”的条文请按全文核对，确定的移入 provisions"))
    for item in regulation.quiz:
        if item.tests == "source":
            found.append(Revision(item.origin.path, item.origin.line, f"自测题 {item.id} 考的是原文来源和归属，请按全文核对或改写"))
    return sorted(found, key=lambda r: (r.path, r.line))
