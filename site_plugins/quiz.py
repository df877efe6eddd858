"""Quiz items: checked when loaded, exported for exam systems (CSV, JSON).

Items are YAML under ``content/quiz/``, each tied to one or more provisions:
single or multiple choice (options A–F), true/false, or fill in the blank
(with accepted alternatives). Answers to blanks are compared ignoring full/half
width and spaces, here and in the browser (``docs/assets/quiz.js``).
"""
from __future__ import annotations

import csv
import io
import json
import unicodedata
from typing import cast

from markupsafe import Markup

from .model import PASSAGES, QuizItem  # noqa: F401  (PASSAGES: for the quiz templates)

LETTERS = "ABCDEF"
TYPE_LABELS = {"single": "单选题", "multiple": "多选题", "truefalse": "判断题", "fill": "填空题"}
DIFFICULTY_LABELS = {1: "易", 2: "中", 3: "难"}


def normalize_blank(text: str) -> str:
    """How a blank's answer is compared: width, case and spaces aside."""
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).lower()


def check_answer(kind: str, options: list[str], answer) -> tuple[object, str | None]:
    """The answer in its normal form, or a message for the editor."""
    if kind == "truefalse":
        if options:
            return None, "判断题不能有选项（options）"
        if answer is True or answer is False:
            return answer, None
        return None, "判断题的答案应为 true 或 false"
    if kind == "fill":
        if options:
            return None, "填空题不能有选项（options）"
        if not isinstance(answer, (str, int, float)) or not str(answer).strip():
            return None, "填空题应写出答案"
        return str(answer).strip(), None
    if not 2 <= len(options) <= len(LETTERS):
        return None, f"选择题应有2至{len(LETTERS)}个选项，现有{len(options)}个"
    letters = LETTERS[: len(options)]
    given = answer if isinstance(answer, list) else list(str(answer or "").replace(",", "").replace("，", "").replace(" ", ""))
    given = [str(a).strip().upper() for a in given]
    wrong = [a for a in given if a not in letters]
    if wrong:
        return None, f"「{'、'.join(wrong)}」不是选项（只有{letters[0]}–{letters[-1]}）"
    if kind == "single" and len(given) != 1:
        return None, "单选题应恰有一个答案"
    if kind == "multiple" and len(set(given)) < 2:
        return None, "多选题至少应有两个正确选项"
    return sorted(set(given)), None


def answer_text(item: QuizItem) -> str:
    if item.type == "truefalse":
        return "正确" if item.answer else "错误"
    if item.type == "fill":
        return "；".join([cast(str, item.answer), *item.accepted])  # a blank's answer: its words
    return "".join(cast("list[str]", item.answer))  # the letters


#: The mark after a quotation naming its source (〔官方发布稿·来源等级1〕): not part of the words.
SOURCE_MARK = '<sup class="reg-quote__source">'


def _plain(html: str) -> str:
    """Rendered HTML (an explanation) as plain text, for the exports.

    Tags go and entities are unescaped (``Markup.striptags``: "A&amp;B" is "A&B" again); a
    quotation ``<q>`` keeps the quotation marks it shows on the page (“…”, see site.css); the
    source mark after it goes with its text. An empty marker element leaves nothing behind.
    """
    html = str(html)
    while (start := html.find(SOURCE_MARK)) != -1:
        end = html.find("</sup>", start)
        html = html[:start] + ("" if end == -1 else html[end + len("</sup>"):])
    # Only tags hold a real "<" in rendered HTML: text and attribute values are escaped.
    html = html.replace("<q>", "“<q>").replace("<q ", "“<q ").replace("</q>", "</q>”")
    return Markup(html).striptags()


def as_records(items: list[QuizItem]) -> list[dict]:
    """Each item as plain data: the JSON export, and what the exam page draws from.

    Every field is plain text, never HTML: question and options as written (plain text in the
    YAML), the explanation rendered and then stripped (``_plain``).
    """
    return [
        {
            "id": item.id,
            "provisions": [p.number for p in item.provisions],
            "type": item.type,
            "question": item.question,
            "options": item.options,
            "answer": item.answer,
            "accepted": item.accepted,
            "explanation": _plain(item.explanation_html),
            "passage": item.passage,
            "difficulty": item.difficulty,
        }
        for item in items
    ]


def to_json(items: list[QuizItem]) -> str:
    return json.dumps({"items": as_records(items)}, ensure_ascii=False, indent=1)


CSV_COLUMNS = ["id", "provisions", "type", "question", *(f"option_{c}" for c in LETTERS), "answer", "explanation",
               "difficulty"]


def _cell(value):
    """A CSV cell that spreadsheet programs (Excel, WPS) will not run as a formula."""
    return "'" + value if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") else value


def to_csv(items: list[QuizItem]) -> str:
    """The bank as CSV (UTF-8 with BOM, so that spreadsheet programs read the Chinese)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for record, item in zip(as_records(items), items):
        options = record["options"] + [""] * (len(LETTERS) - len(record["options"]))
        writer.writerow([_cell(value) for value in (
            record["id"], " ".join(map(str, record["provisions"])), record["type"], record["question"],
            *options, answer_text(item), record["explanation"], record["difficulty"],
        )])
    return "\ufeff" + out.getvalue()
