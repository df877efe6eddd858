"""The real content: the regulation's shape and what is known of its text."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_plugins.load import load

from conftest import ROOT

REGULATION = load(ROOT / "content")
SHARED = ROOT.parent / "shared" / "sources" / "official-sentences.yml"


def test_seven_parts_and_twenty_one_provisions():
    assert len(REGULATION.parts) == 7
    assert len(REGULATION.provisions) == 21
    assert [len(part.provisions) for part in REGULATION.parts] == [3, 3, 3, 2, 3, 4, 3]
    assert [part.title for part in REGULATION.parts] == [
        "切实精简文件", "严格精简会议", "统筹规范督查检查考核", "规范借调干部",
        "规范政务移动互联网应用程序管理", "规范明晰基层权责", "规范创建示范和达标活动",
    ]


def test_certainty_follows_the_structure_sources():
    seen_numbers = {1, 2, 3, 4, 6, 7, 8, 21}
    seen_headings = {1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 21}
    for p in REGULATION.provisions:
        assert p.number_certainty == ("seen" if p.number in seen_numbers else "inferred"), p.label
        assert p.heading_certainty == ("seen" if p.number in seen_headings else "inferred"), p.label


def test_official_text_known_and_missing():
    without = {p.number for p in REGULATION.provisions if not p.sentences}
    assert without == {12, 13, 14, 16, 17, 18, 20}
    assert [p.number for p in REGULATION.provisions if p.text_status == "complete"] == [1]
    assert len(REGULATION.sentences) == 29
    assert len(REGULATION.paraphrases) == 4


def test_every_provision_has_body_keywords_and_related():
    for p in REGULATION.provisions:
        assert p.body_html.strip(), p.label
        assert len(p.keywords) >= 3, p.label
        assert p.related, p.label


def test_new_measures_only_where_the_qa_says_so():
    marked = {p.number for p in REGULATION.provisions if any(m.new for m in p.measures)}
    assert marked <= {3, 9, 10, 15}


@pytest.mark.skipif(not SHARED.exists(), reason="the shared sources are not on this machine")
def test_sentences_file_is_the_shared_copy():
    ours = (ROOT / "content" / "sources" / "official-sentences.yml").read_bytes()
    assert ours == SHARED.read_bytes()
