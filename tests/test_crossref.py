"""The reference resolver: syntax, plain mentions, other documents, quotations, terms, citations."""
from __future__ import annotations

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
    assert 'href="reg:term/shuliang" title="发文数量：一年里发出的文件件数（[[原文:s1|年度发文数量]]），见[[第1条]]。">文件数量</a>' in html
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
