"""The interpretation's own bars: length where the sources allow it, questions, notes for trainers."""
from __future__ import annotations

import re

import pytest


WELL_SOURCED = {1, 2, 3, 4, 6, 7, 8, 9, 10, 15}
CJK = re.compile(r"[\u4e00-\u9fff]")


def own_chinese(html: str) -> int:
    """Chinese characters of our own prose: quotations of official text and markup left out."""
    html = re.sub(r'<q class="reg-quote".*?</q>(<sup class="reg-note".*?</sup>)?', "", html)
    return len(CJK.findall(re.sub(r"<[^>]+>", "", html)))


@pytest.mark.parametrize("number", sorted(WELL_SOURCED))
def test_well_sourced_provisions_have_600_characters_of_interpretation(number, regulation):
    assert own_chinese(regulation.provision(number).body_html) >= 600


#: Where the sources document fewer typical problems, the page names fewer: no notice deals with
#: speeches or meeting length (第6条); problems once "inferred from the limits" were not the sources'.
FEWER_PROBLEMS = {6: 2}


@pytest.mark.parametrize("number", sorted(WELL_SOURCED))
def test_well_sourced_provisions_name_three_problems(number, regulation):
    assert len(regulation.provision(number).problems) >= FEWER_PROBLEMS.get(number, 3)


def test_every_provision_has_keywords_related_and_questions(regulation):
    for p in regulation.provisions:
        assert len(p.keywords) >= 3, p.label
        assert len(p.related) >= 1, p.label
        assert len(p.discussion) >= 2, p.label


def test_provisions_without_text_say_what_is_not_known(regulation):
    """Said once, where it matters: in the interpretation or, more often, in 尚不清楚的地方."""
    for p in regulation.provisions:
        if p.text_status != "complete":
            text = re.sub(r"<[^>]+>", "", p.body_html + "".join(q.html for q in p.open_questions))
            assert re.search(r"本站尚未取得全文|尚未|没有找到|未见|不清楚|尚不能确定", text), p.label


def test_every_part_has_overview_and_teaching_note(regulation):
    for part in regulation.parts:
        assert own_chinese(part.body_html) >= 200, part.label
        note = re.sub(r"<[^>]+>", "", part.teaching_note_html)
        assert re.search(r"\d+\s*分钟", note), f"{part.label}: the note gives no timing"
        assert own_chinese(part.teaching_note_html) >= 150, part.label


def test_cases_cite_notices(regulation):
    cited = [c for p in regulation.provisions for c in p.cases]
    assert len(cited) >= 15
    assert all(c.notice is not None for c in cited)
