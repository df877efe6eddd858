"""Importing a scanned interview: the seed against its golden copy, nothing lost or added."""
from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter

import pytest
import yaml

from site_plugins.scan import ScanError, parse, to_markdown

from conftest import FIXTURES, ROOT

SCAN = FIXTURES / "scan" / "seed.txt"
GOLDEN = FIXTURES / "scan" / "expected.md"
PUBLISHED = ROOT / "content" / "articles" / "qa-2024-08.md"
META = yaml.safe_load(GOLDEN.read_text(encoding="utf-8").split("---")[1])
COUNTED = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf0-9]")


def imported() -> str:
    return to_markdown(parse(SCAN.read_text(encoding="utf-8")),
                       slug=META["slug"], source=META["source"], date=str(META["date"]), order=META["order"])


def test_seed_matches_golden_copy():
    assert imported() == GOLDEN.read_text(encoding="utf-8")


def test_published_article_is_the_import():
    assert PUBLISHED.read_text(encoding="utf-8") == GOLDEN.read_text(encoding="utf-8")


def test_nothing_lost_or_added():
    """Chinese characters and digits: the scan's, less the 问/答 markers, are exactly what the article shows."""
    scan = SCAN.read_text(encoding="utf-8")
    markers = Counter()
    for line in scan.splitlines():
        for marker in ("问：", "答："):
            if line.strip().startswith(marker):
                markers[marker[0]] += 1
    expected = Counter(COUNTED.findall(scan)) - markers
    article = parse(scan)
    shown = "".join(article.headlines) + article.lead
    shown += "".join(s.question + "".join(s.paragraphs) for s in article.sections)
    assert Counter(COUNTED.findall(shown)) == expected
    assert markers == {"问": 5, "答": 5}


def test_structure_of_the_seed():
    article = parse(SCAN.read_text(encoding="utf-8"))
    assert article.headlines == [
        "健全为基层减负长效机制", "以作风建设保障改革促进发展",
        "中央办公厅负责人就《整治形式主义为基层减负若干规定》答记者问",
    ]
    assert article.lead.startswith("近日，中共中央办公厅、国务院办公厅印发了《整治形式主义为基层减负若干规定》")
    assert [len(s.paragraphs) for s in article.sections] == [2, 1, 1, 1, 1]
    joined = "".join(p for s in article.sections for p in s.paragraphs)
    for column_break in ("一是注重思想引领", "二是“严格精简会议”", "七是“规范创建示范和达标活动”",
                         "加重基层负担情形", "机关“瘦身”"):
        assert column_break in joined


SMALL = """问：第一个
问题？

答：第一段
回答。

第二段在这里

断开了。

标题一
标题二

导语一行
两行。
"""


def test_column_breaks_and_paragraphs():
    article = parse(SMALL)
    assert article.sections[0].question == "第一个问题？"
    assert article.sections[0].paragraphs == ["第一段回答。", "第二段在这里断开了。"]
    assert article.headlines == ["标题一", "标题二"] and article.lead == "导语一行两行。"


@pytest.mark.parametrize("text, message", [
    ("问：一？\n\n答：二。\n", "文字太短"),
    ("问：一？\n\n答：二。\n\n标题。\n\n导语。\n", "末尾找不到标题块"),
    ("前言。\n\n问：一？\n\n标题\n\n导语。\n", "正文应以“问：”开头"),
])
def test_shapes_that_are_not_an_interview(text, message):
    with pytest.raises(ScanError, match=message):
        parse(text)


def test_command_reports_without_traceback(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("只有一行。\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "site_plugins.scan", str(bad), "--slug", "x",
                             "--source", "y", "--date", "2024-08"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "文字太短" in result.stderr and "Traceback" not in result.stderr
