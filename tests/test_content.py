"""The real content: the regulation's shape and what is known of its text."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from markupsafe import escape

from site_plugins.markdown import normalize
from site_plugins.status import MAX_SOURCE_ITEMS, MINIMUMS

from conftest import ROOT

SHARED = ROOT.parent / "shared" / "sources" / "official-sentences.yml"


def test_seven_parts_and_twenty_one_provisions(regulation):
    assert len(regulation.parts) == 7
    assert len(regulation.provisions) == 21
    assert [len(part.provisions) for part in regulation.parts] == [3, 3, 3, 2, 3, 4, 3]
    assert [part.title for part in regulation.parts] == [
        "切实精简文件", "严格精简会议", "统筹规范督查检查考核", "规范借调干部",
        "规范政务移动互联网应用程序管理", "规范明晰基层权责", "规范创建示范和达标活动",
    ]


def test_certainty_follows_the_structure_sources(regulation):
    seen_numbers = {1, 2, 3, 4, 6, 7, 8, 21}
    seen_headings = {1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 21}
    for p in regulation.provisions:
        assert p.number_certainty == ("seen" if p.number in seen_numbers else "inferred"), p.label
        assert p.heading_certainty == ("seen" if p.number in seen_headings else "inferred"), p.label


def test_official_text_known_and_missing(regulation):
    without = {p.number for p in regulation.provisions if not p.sentences}
    assert without == {12, 13, 14, 16, 17, 18, 20}
    assert [p.number for p in regulation.provisions if p.text_status == "complete"] == [1]
    assert len(regulation.sentences) == 29
    assert len(regulation.paraphrases) == 9  # 4 from the shared list, 5 added from the sources (issue 12)


def test_every_provision_has_body_keywords_and_related(regulation):
    for p in regulation.provisions:
        assert p.body_html.strip(), p.label
        assert len(p.keywords) >= 3, p.label
        assert p.related, p.label


def test_new_measures_only_where_the_qa_says_so(regulation):
    marked = {p.number for p in regulation.provisions if any(m.new for m in p.measures)}
    assert marked <= {3, 9, 10, 15}


@pytest.mark.skipif(not SHARED.exists(), reason="the shared sources are not on this machine")
def test_sentences_are_the_shared_ones_word_for_word():
    """Our copy adds fields for the site (``from``, readable notes); the official words stay the shared ones."""
    import yaml

    def words(path):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return [(s["id"], s["text"], s["kind"], s["part"], s["provision"]) for s in data["sentences"]]

    assert words(ROOT / "content" / "sources" / "official-sentences.yml") == words(SHARED)


def _unquoted(html: str) -> str:
    """What a page shows of ``html`` outside checked quotations, in comparable form."""
    html = re.sub(r'<q class="reg-quote".*?</q>(<sup class="reg-note".*?</sup>)?', "", html)
    return normalize(re.sub(r"<[^>]+>", "", html))


def test_no_official_wording_outside_quotations(regulation):
    """Our prose never copies 12 or more characters of an official sentence without [[原文:…]]."""
    width = 12
    grams = {
        text[i: i + width]
        # The title note is the facts of approval and issue, which prose may state in its own right.
        for text in (normalize(s.text) for s in regulation.sentences if s.id != "release-title-note")
        for i in range(len(text) - width + 1)
    }
    # Names, not wording: the headings (shown as titles anyway) and terms our prose must be able to use.
    names = [normalize(p.heading) for p in regulation.provisions]
    names += [normalize(term) for term in ("乡镇（街道）履行职责事项清单", "与为基层减负一致性评估")]
    pieces = [(regulation.origin.path, regulation.intro_html)]
    pieces += [(part.origin.path, part.body_html + part.teaching_note_html) for part in regulation.parts]
    pieces += [(e.origin.path, e.body_html) for e in regulation.faqs]
    # A verbatim article reproduces a source whole, its quotations as the source made them.
    pieces += [(a.origin.path, a.body_html) for a in regulation.articles if not a.verbatim]
    for p in regulation.provisions:
        pieces.append((p.origin.path, p.body_html))
        pieces += [(str(x.origin), x.text_html) for x in [*p.measures, *p.problems, *p.cases, *p.key_points]]
        pieces += [(p.origin.path, escape(q)) for q in [*p.discussion, p.certainty_note]]
        pieces += [(p.origin.path, q.html) for q in p.open_questions]
    pieces += [(str(item.origin), item.explanation_html) for item in regulation.quiz]
    # A question may quote official text in “” (checked word for word by the quiz bank's tests).
    pieces += [(str(item.origin), escape(re.sub("“[^”]*”", "|", text)))
               for item in regulation.quiz for text in [item.question, *item.options]]
    copied = []
    for where, html in pieces:
        text = _unquoted(html)
        for name in names:
            text = text.replace(name, "|")
        copied += [f"{where}: …{text[i: i + width]}…" for i in range(len(text) - width + 1) if text[i: i + width] in grams]
    assert not copied, "\n".join(copied)


def test_pages_never_call_the_text_unknowable():
    """The full text is public (Xinhua, 2025-08-06); this site does not hold it: 本站尚未取得全文, never 无从得知."""
    for file in sorted((ROOT / "content").rglob("*")):
        if file.suffix in (".md", ".yml") and file.name != "README.md":
            text = file.read_text(encoding="utf-8")
            assert "无从得知" not in text, file.name
            for m in re.finditer("唯一能看到全文", text):
                assert "本站所据来源中" in text[max(0, m.start() - 40): m.start()], file.name


def test_open_questions_are_a_list_not_a_body_section(regulation):
    for p in regulation.provisions:
        assert "尚不清楚的地方" not in p.body_html, p.label


def test_every_provision_has_three_to_five_key_points_each_on_a_source(regulation):
    for p in regulation.provisions:
        assert 1 <= len(p.key_points) <= 5, p.label
        assert all(point.basis is not None for point in p.key_points), p.label
    # Thin sources allow fewer, but most provisions give a learner at least three.
    assert sum(len(p.key_points) >= MINIMUMS["key_points"] for p in regulation.provisions) >= 15


def test_quiz_items_test_the_regulation_not_our_sources(regulation):
    assert all(item.tests for item in regulation.quiz), [i.id for i in regulation.quiz if not i.tests]
    for p in regulation.provisions:
        about_sources = [i.id for i in regulation.quiz_for(p) if i.tests == "source"]
        assert len(about_sources) <= MAX_SOURCE_ITEMS, (p.label, about_sources)
        assert len(regulation.quiz_for(p)) >= MINIMUMS["quiz"], p.label
        assert len(p.discussion) >= MINIMUMS["discussion"] and len(p.keywords) >= MINIMUMS["keywords"], p.label


def test_one_narrator_and_a_written_register():
    for file in sorted((ROOT / "content").rglob("*")):
        if file.suffix in (".md", ".yml") and file.name != "README.md":
            text = file.read_text(encoding="utf-8")
            for word in ("编者", "样子", "毛病出在", "没人干", "编者认为此案与本条相关"):
                assert word not in text, (file.name, word)
