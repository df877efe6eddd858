"""The repetition measure: no sentence of 15 characters or more on more than two pages."""
from __future__ import annotations

from site_plugins.repeats import repeated, sentences, site_pages

PAGE = '<nav>导航里的一句很长很长的话出现在每一页上。</nav><article class="md-content__inner md-typeset">{}</article><footer>页脚里同样很长很长的一句话每页都有。</footer>'


def test_only_the_pages_own_prose_counts():
    html = PAGE.format(
        "<p>这是一句足够长的本站自己的解读文字。短句。</p>"
        '<blockquote><p>这是一句足够长的原文句子，引用不算重复。</p></blockquote>'
        '<p>正文提到<a href="x">一个很长很长的链接标题也不计入。</a></p>'
        '<div class="footnote"><ol><li>注释里的来源说明也很长很长很长。</li></ol></div>')
    assert sentences(html) == {"这是一句足够长的本站自己的解读文字"}


def test_a_sentence_on_three_pages_is_reported_with_its_pages():
    line = "<p>同一句超过十五个字的话出现在三个页面上。</p>"
    pages = {"a.html": PAGE.format(line), "b.html": PAGE.format(line), "c.html": PAGE.format("<p>别的。</p>")}
    assert repeated(pages) == {}
    pages["c.html"] = PAGE.format(line)
    assert repeated(pages) == {"同一句超过十五个字的话出现在三个页面上": ["a.html", "b.html", "c.html"]}


def test_forwarding_pages_do_not_count(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "index.html").write_text('<meta http-equiv="refresh" content="0; url=../new/">', encoding="utf-8")
    (tmp_path / "index.html").write_text(PAGE.format(""), encoding="utf-8")
    assert list(site_pages(tmp_path)) == ["index.html"]



def test_the_real_site_says_each_thing_once_or_twice(built_site):
    found = repeated(site_pages(built_site))
    assert not found, "\n".join(f"{len(pages)} 页：{s}" for s, pages in found.items())
