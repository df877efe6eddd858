"""The reference resolver: syntax, plain mentions, other documents, quotations, terms, citations."""
from __future__ import annotations

import re

import pytest

from site_plugins.crossref import Resolver, chinese_number, map_links
from site_plugins.load import load
from site_plugins.markdown import BodyRenderer
from site_plugins.problems import Collector

from conftest import BASE_CONTENT

REG = load(BASE_CONTENT)


def resolve(text: str, page=None, *, auto_links: bool = True, inline: bool = False, seen=None):
    renderer = BodyRenderer({s.id: s for s in REG.sentences})
    resolver = Resolver({REG.title, REG.short_title}, REG.provisions, REG.parts, REG.faqs, REG.articles, REG.glossary)
    problems = Collector()
    body = renderer.parse(text, "content/x.md", 5, problems, inline=inline, auto_links=auto_links)
    citations = resolver.resolve(body, page, set() if seen is None else seen, problems)
    return renderer.render(body), citations, [str(p) for p in problems.problems]


@pytest.mark.parametrize("text, href, title", [
    ("[[第1条]]", "reg:provision/alpha", "第1条 控制数量"),
    ("[[第一条]]", "reg:provision/alpha", "第1条 控制数量"),
    ("[[第二部分]]", "reg:part/part-two", "第二部分 精简会议"),
    ("[[第2部分]]", "reg:part/part-two", "第二部分 精简会议"),
    ("[[问:q1]]", "reg:faq/q1", "一个问题？"),
    ("[[文：one]]", "reg:article/one", "一篇文章"),
    ("[[词:huiyi]]", "reg:term/huiyi", "会议：开会。"),
])
def test_every_syntax_form(text, href, title):
    html, _, problems = resolve(f"见{text}。")
    assert not problems
    assert f'href="{href}" title="{title}"' in html


def test_display_text():
    html, _, _ = resolve("见[[第1条|这一条]]。")
    assert '>这一条</a>' in html


def test_unknown_targets_are_errors_with_line():
    _, _, problems = resolve("第一段。\n\n见[[第7条]]和\n[[第九部分]]、[[词:nope]]。")
    assert problems == [
        "content/x.md:7: 引用：[[第7条]]：第7条不存在（本规定共3条）",
        "content/x.md:8: 引用：[[第九部分]]：第九部分不存在（本规定共2个部分）",
        "content/x.md:8: 引用：[[词:nope]]：术语 nope 不存在",
    ]


def test_plain_mentions_link():
    html, citations, _ = resolve("第1条和第二部分都讲到了。")
    assert 'href="reg:provision/alpha"' in html and 'href="reg:part/part-two"' in html
    assert [c.target.number for c in citations] == [1, 2]


def test_mentions_inside_quotations_are_left_alone():
    sentence = REG.sentences[0]  # s1: 年度发文数量一般只减不增。
    html, _, _ = resolve("[[原文:s1]]，第1条如此。")
    quoted = html[html.index("<q"): html.index("</q>")]
    assert "reg-ref" not in quoted and sentence.text in quoted


def test_mentions_after_another_documents_title_are_left_alone():
    html, _, _ = resolve("《另一个办法》第一条说了别的；本规定第1条不同。《规定》第二条也算本规定。")
    assert html.count("reg:provision/") == 2  # 第1条 and 《规定》第二条
    assert "第一条说了别的" in html


PART_ONE, PART_TWO = "reg:part/part-one", "reg:part/part-two"
ALPHA, BETA, GAMMA = "reg:provision/alpha", "reg:provision/beta", "reg:provision/gamma"


@pytest.mark.parametrize("text, links", [
    # Counted within a part (part 1 holds provisions 1 and 2, part 2 holds provision 3).
    ("第二部分的第一条讲会议。", [PART_TWO, GAMMA]),
    ("第一部分“精简文件”的第二条讲质量。", [PART_ONE, BETA]),
    ("第8条是第三部分的第二条。", []),  # no such provision in the fixture, nor such a part
    ("第二部分的第二条讲什么？", [PART_TWO]),  # part 2 has one provision only
    ("第二部分的第3条讲会议。", [PART_TWO, GAMMA]),  # 第3条 is in part 2
    ("第二部分的第1条讲会议。", [PART_TWO]),  # 第1条 is not: doubtful
    ("第一部分有两条，第一条讲数量。", [PART_ONE]),  # which 第一条 is doubtful
    ("该部分的第一条讲数量。", []),
    # Another document named in the same sentence.
    ("《另一个办法》第1条说了别的。", []),
    ("办法（国办函〔2026〕12号）第一条写明依据包括本规定。", []),
    ("这份办法（国办函〔2026〕12号），其第一条写明依据包括《测试规定》。", []),
    ("国办函〔2026〕12号第2条另有规定。", []),
    ("这份通知的第二条另有规定。", []),
    ("办法第2条另有规定。", []),
    ("本规定之后的配套文件，第一条写明依据包括《测试规定》。", []),
    ("配套文件，第一条写明依据。", []),
    # Items are not provisions.
    ("第2条第3项另有规定。", [BETA]),
    ("答记者问列举的第三项、第3项都不是条。", []),
    # The regulation's own provisions.
    ("本规定第一条要求只减不增。", [ALPHA]),
    ("《规定》第二条也算本规定。", [BETA]),
    ("配套文件另有说法。第一条要求只减不增。", [ALPHA]),  # another sentence
    ("据通报，第1条要求只减不增。", [ALPHA]),  # the bulletin reports 第1条 of this regulation
    ("通报引用了第2条的一句。", [BETA]),
    ("第1条和第二部分都讲到了。", [ALPHA, PART_TWO]),
])
def test_ordinals_that_belong_to_something_else(text, links):
    html, citations, problems = resolve(text)
    assert not problems
    assert re.findall(r'href="(reg:(?:provision|part)/[^"]+)"', html) == links
    assert [f"reg:{type(c.target).__name__.lower()}" for c in citations] == [link.rsplit("/", 1)[0] for link in links]


def test_ordinals_within_this_part():
    """本部分的第二条: the second provision of the page's part; elsewhere it is doubtful."""
    html, _, _ = resolve("本部分的第二条讲质量。", REG.parts[0])
    assert re.findall(r'href="(reg:(?:provision|part)/[^"]+)"', html) == [BETA]
    html, _, _ = resolve("本部分的第一条讲会议。", REG.provision(3))  # gamma's part: part 2
    assert "reg:provision" not in html  # 第一条 of part 2 is gamma itself: no link to the page
    html, _, _ = resolve("本部分的第二条讲质量。")
    assert "reg:provision" not in html


def test_ordinals_after_a_part_shown_in_other_words():
    html, _, _ = resolve("[[第二部分|这一部分]]的第一条讲会议。")
    assert re.findall(r'href="(reg:(?:provision|part)/[^"]+)"', html) == [PART_TWO, GAMMA]


def test_explicit_references_are_not_second_guessed():
    html, _, problems = resolve("办法（国办函〔2026〕12号）[[第一条]]，第二部分的[[第一条]]。")
    assert not problems and html.count(f'href="{ALPHA}"') == 2


def test_mentions_can_be_switched_off():
    html, citations, _ = resolve("第1条。[[第2条]]", auto_links=False)
    assert html.count("reg-ref--provision") == 1 and len(citations) == 1


def test_no_link_to_the_page_itself():
    alpha = REG.provision(1)
    html, citations, _ = resolve("第1条要求只减不增，见第2条。", page=alpha)
    assert 'href="reg:provision/alpha"' not in html
    assert [c.target.number for c in citations] == [2]


def test_first_mention_of_a_term_links_once_per_page():
    seen: set = set()
    html, _, _ = resolve("## 会议\n\n会议要少。会议要短。文件数量要少。", seen=seen)
    assert html.count('href="reg:term/huiyi"') == 1
    assert '<h2 id="会议">会议</h2>' in html  # not in headings
    assert 'href="reg:term/shuliang" title="发文数量：一年里发出的文件件数（“年度发文数量”），见第1条。">文件数量</a>' in html
    again, _, _ = resolve("会议。", seen=seen)
    assert "reg:term" not in again


def test_citations_carry_an_excerpt():
    _, citations, _ = resolve("这段话很长，说到后来才提到第2条的要求。")
    assert citations[0].excerpt == "这段话很长，说到后来才提到第2条的要求。"
    assert citations[0].path == "content/x.md" and citations[0].line == 5


def test_backlinks_on_the_model():
    """Provision 1 is cited by a teaching note, two provisions' related lists, an FAQ and a term."""
    cited = {(type(c.source).__name__, c.source.display_title): c.excerpt for c in REG.provision(1).cited_by}
    assert cited == {
        ("Part", "第一部分 精简文件"): "一节课：先读第1条，再讨论。",
        ("Provision", "第2条 提升质量"): "列为相关条文",
        ("Provision", "第3条 控制会议"): "列为相关条文",
        ("FaqEntry", "一个问题？"): "回答见第1条。",
        ("GlossaryTerm", "发文数量"): "…里发出的文件件数（“年度发文数量”），见第1条。",
    }


@pytest.mark.parametrize("text, number", [("9", 9), ("九", 9), ("十", 10), ("十一", 11), ("二十一", 21), ("廿", None)])
def test_chinese_numbers(text, number):
    assert chinese_number(text) == number


def test_map_links():
    assert map_links('<a href="reg:provision/alpha">', lambda k, key: f"/{k}/{key}/") == '<a href="/provision/alpha/">'


@pytest.mark.slow  # seconds of linking, by design
def test_twenty_thousand_mentions_in_one_paragraph_all_link():
    """A paragraph of 20,000 mentions links each one (quadratic splitting took minutes; its speed is
    measured as a ratio in bench/mentions.py, not timed here)."""
    html, citations, _ = resolve("见第2条和第1条，" * 20_000)
    assert html.count('href="reg:provision/beta"') == 20_000 and len(citations) == 2


@pytest.mark.parametrize("n", [1, 3, 10, 11, 20, 21, 99])
def test_chinese_numerals_go_both_ways(n):
    from site_plugins.model import chinese_numeral
    assert chinese_number(chinese_numeral(n)) == n  # part 11 and beyond print, never IndexError
