"""Where the content stands, provision by provision: what an editor should write next.

``rows`` counts, from the model, what each provision has; ``table`` lays the counts out
for a terminal (Chinese characters take two columns). The minimums are in one place,
``MINIMUMS``: the content tests hold the real content to the same numbers.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .model import Provision, Regulation

#: What every provision should have at least (the key points may be fewer where the sources are thin).
MINIMUMS = {"key_points": 3, "quiz": 3, "discussion": 2, "keywords": 3}

#: At most this many quiz items per provision may test where its text comes from (tests: source).
MAX_SOURCE_ITEMS = 1

TEXT_WORDS = {"complete": "完整", "partial": "部分", "none": "无"}


@dataclass
class Row:
    provision: Provision
    text: str  # 完整, 部分 or 无
    characters: int  # of interpretation: the body, as a reader sees it
    key_points: int
    problems: int
    cases: int
    quiz: dict[str, int]  # by what the items test
    discussion: int
    keywords: int

    @property
    def quiz_total(self) -> int:
        return sum(self.quiz.values())

    @property
    def short(self) -> list[str]:
        """What falls below the minimums, in words."""
        counts = {"key_points": self.key_points, "quiz": self.quiz_total, "discussion": self.discussion,
                  "keywords": self.keywords}
        names = {"key_points": "学习要点", "quiz": "自测题", "discussion": "讨论题", "keywords": "关键词"}
        found = [f"{names[k]}少于{n}" for k, n in MINIMUMS.items() if counts[k] < n]
        if self.quiz.get("source", 0) > MAX_SOURCE_ITEMS:
            found.append(f"来源题多于{MAX_SOURCE_ITEMS}道")
        return found


def _characters(html: str) -> int:
    return len(re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", str(html))))


def rows(regulation: Regulation) -> list[Row]:
    out = []
    for p in regulation.provisions:
        items = regulation.quiz_for(p)
        quiz = {kind: sum(i.tests == kind for i in items) for kind in ("requirement", "case", "source")}
        out.append(Row(p, TEXT_WORDS[p.text_status], _characters(p.body_html), len(p.key_points), len(p.problems),
                       len(p.cases), quiz, len(p.discussion), len(p.keywords)))
    return out


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    space = " " * (width - _width(text))
    return space + text if right else text + space


HEADINGS = ["条", "小标题", "原文", "解读字数", "要点", "问题", "案例", "自测（要求/案例/来源）", "讨论", "不足"]


def table(found: list[Row]) -> str:
    lines = [[f"第{r.provision.number}条", r.provision.heading + ("☆" if r.provision.is_inferred else ""), r.text,
              str(r.characters), str(r.key_points), str(r.problems), str(r.cases),
              f"{r.quiz_total}（{r.quiz['requirement']}/{r.quiz['case']}/{r.quiz['source']}）",
              str(r.discussion), "、".join(r.short) or "—"] for r in found]
    widths = [max(_width(x) for x in column) for column in zip(HEADINGS, *lines)]
    numeric = {3, 4, 5, 6, 8}
    out = ["  ".join(_pad(h, w) for h, w in zip(HEADINGS, widths)).rstrip()]
    for line in lines:
        out.append("  ".join(_pad(x, w, i in numeric) for i, (x, w) in enumerate(zip(line, widths))).rstrip())
    short = sum(bool(r.short) for r in found)
    out.append(f"共{len(found)}条；{short}条有不足。☆表示条号或小标题系推断。")
    return "\n".join(out)
