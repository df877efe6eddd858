"""The real question bank: enough items for every provision, none resting on an inferred number."""
from __future__ import annotations

import csv
import io
import json
import re

from site_plugins.quiz import to_csv, to_json

from conftest import ROOT

WITH_TEXT = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 19, 21}


def test_every_provision_has_its_items(regulation):
    assert len(regulation.quiz) >= 70
    for p in regulation.provisions:
        assert len(regulation.quiz_for(p)) >= (4 if p.number in WITH_TEXT else 2), p.label


def test_no_answer_rests_on_an_inferred_number(regulation):
    inferred = {p.number for p in regulation.provisions if p.number_certainty == "inferred"}
    for item in regulation.quiz:
        text = item.question + "".join(item.options) + re.sub(r"<[^>]+>", "", item.explanation_html)
        for number in re.findall(r"第(\d+)条(?:规定|要求|明确)", text):
            assert int(number) not in inferred, f"{item.id}: 第{number}条 is an inferred number"


def test_every_type_is_used(regulation):
    assert {item.type for item in regulation.quiz} == {"single", "multiple", "truefalse", "fill"}




def _normalized_quotes(text: str) -> list[str]:
    return re.findall(r"“([^“”]*)”", text)


def test_quoted_wording_is_official_or_from_the_qa(regulation):
    """A question that quotes words in “” quotes them exactly (the blank filled by its answer)."""
    from site_plugins.markdown import normalize

    known = [normalize(s.text) for s in regulation.sentences]
    qa = normalize((ROOT / "content" / "articles" / "qa-2024-08.md").read_text(encoding="utf-8"))
    for item in regulation.quiz:
        texts = [item.question, *item.options]
        for text in texts:
            for quoted in _normalized_quotes(text):
                if item.type == "fill":
                    quoted = quoted.replace("____", str(item.answer))
                if len(quoted) < 6:
                    continue  # a term, not a quotation
                words = normalize(quoted)
                assert any(words in s for s in known) or words in qa, f"{item.id}: “{quoted}”"


def test_exports_are_plain_text(regulation):
    """No field of either export holds HTML or an HTML entity; quotations keep their “”."""
    markup = re.compile(r"<[a-z/][^<>]*>|&(?:[a-z]+|#\d+|#x[0-9a-f]+);", re.I)
    records = json.loads(to_json(regulation.quiz))["items"]
    rows = list(csv.DictReader(io.StringIO(to_csv(regulation.quiz).lstrip("\ufeff"))))
    texts = [value for row in rows for value in row.values()]
    texts += [r["question"] + "".join(r["options"]) + r["explanation"] for r in records]
    assert not [text for text in texts if markup.search(text)]
    quoting = [r["explanation"] for r, item in zip(records, regulation.quiz) if "<q" in str(item.explanation_html)]
    assert quoting and all("“" in text and "”" in text for text in quoting)
    assert [r["explanation"] for r in rows] == [r["explanation"] for r in records]
