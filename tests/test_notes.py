"""Notes on quotations: what a note says, how a page numbers them, how the handbook lists them."""
from __future__ import annotations

import re

from site_plugins.load import load
from site_plugins.notes import by_section, describe, needs_note, number

from conftest import BASE_CONTENT

REG = load(BASE_CONTENT)
SENTENCES = {s.id: s for s in REG.sentences}
SLOT = '<sup class="reg-note-slot" data-sentence="{}"></sup>'


def test_a_note_names_the_source_its_rank_in_words_and_the_placement():
    assert describe(SENTENCES["s1"]) == "测试发布稿；来源等级一（官方发布稿）；属于第1条。"
    # s2 is quoted by the Q&A, placed (by inference) in part 2 only.
    assert describe(SENTENCES["s2"]) == "测试答记者问中加引号引用的原文；来源等级二（答记者问引用）；归入第二部分系本站推断，具体属于哪一条尚不能确定。"


def test_an_inferred_placement_says_so_and_names_the_other_candidates():
    s = SENTENCES["s2"]
    inferred = type(s)(**{**s.__dict__, "provision": 3, "candidates": [3, 2]})
    assert describe(inferred).endswith("归入第3条系本站推断，也可能属于第2条。")


def test_short_quotations_carry_no_note():
    assert not needs_note("原则上") and not needs_note("“达标”") and needs_note("只减不增的")


def test_a_page_numbers_its_notes_once_per_sentence():
    html = "甲" + SLOT.format("s1") + "乙" + SLOT.format("s2") + "丙" + SLOT.format("s1")
    out, notes = number(html, SENTENCES, lambda note, k: f"[{note.number}.{k}]")
    assert out == "甲[1.1]乙[2.1]丙[1.2]"
    assert [(n.number, n.references) for n in notes] == [(1, 2), (2, 1)]


def test_text_notes_are_unescaped_and_unknown_sentences_vanish():
    html = '<sup class="reg-note-slot" data-note="通报：A&amp;B"></sup>' + SLOT.format("nope")
    out, notes = number(html, SENTENCES, lambda note, k: f"[{note.number}]")
    assert out == "[1]" and notes[0].text == "通报：A&B"


def test_the_handbook_lists_each_sections_notes_at_its_end():
    html = ("<section class=\"provision\">a" + SLOT.format("s1") + "</section>"
            "<section class=\"provision\">b" + SLOT.format("s2") + SLOT.format("s1") + "</section>")
    out = by_section(html, SENTENCES, re.compile(r'<section class="provision"'),
                     lambda section, note, k: f"[{section}.{note.number}]",
                     lambda section, notes: "{" + ",".join(str(n.number) for n in notes) + "}")
    assert out == ('<section class="provision">a[1.1]{1}</section>'
                   '<section class="provision">b[2.1][2.2]{1,2}</section>')


def test_a_sources_sentences_are_placed_in_one_line_without_repeats():
    from site_plugins.notes import placements

    s1, s2 = SENTENCES["s1"], SENTENCES["s2"]
    front = type(s1)(**{**s1.__dict__, "part": None, "provision": None})
    assert placements([front, front, s1, s1, s2]) == "开头部分（题注、序言）、第1条、第二部分（条号未定）"


def test_a_key_point_notes_what_it_rests_on():
    from site_plugins.notes import key_point_slot

    on_sentence, on_source, on_notice = REG.provisions[0].key_points
    assert key_point_slot(on_sentence) == SLOT.format("s1")
    out, notes = number(key_point_slot(on_source) + key_point_slot(on_notice), SENTENCES, lambda note, k: "")
    assert [n.text for n in notes] == [f"依据{on_source.basis.name}。", f"依据通报：{on_notice.basis.name}。"]


def test_key_points_stand_first_on_the_page_and_in_the_handbook(base_site):
    from site_plugins.handbook import LEARNER, render_html
    from site_plugins.version import Version

    page = (base_site / "provisions" / "alpha" / "index.html").read_text(encoding="utf-8")
    box = page[page.index('class="reg-key-points"'): page.index('id="yuanwen"')]  # before the 原文 block
    assert box.count("<li>") == 3 and box.count('class="reg-note"') == 3 and "reg-note-slot" not in page
    notes = page[page.index('class="footnote reg-notes"'):]
    assert "依据通报：" in notes and "测试发布稿；来源等级一" in notes

    html = render_html(REG, Version("x", "y", False), LEARNER)
    section = html[html.index('id="p-alpha"'):]
    box = section[section.index('class="key-points"'): section.index("<h3>原文</h3>")]
    assert box.count("<li>") == 3 and box.count('class="note-call"') == 3
