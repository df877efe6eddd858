"""What readers must never see: found in text, in built pages (text and tooltips) and in PDFs."""
from __future__ import annotations


import pytest

from site_plugins.handbook import pdf_text, write_handbook
from site_plugins.leaks import find, scan_html, scan_pdf_text
from site_plugins.load import load
from site_plugins.version import Version

from conftest import BASE_CONTENT, build, leak_in_template, make_project


@pytest.mark.parametrize("text, kind, piece", [
    ("悬停看到[[原文:p08or09-qa-kaohe]]", "标记", "[["),
    ("说明&quot;A&amp;B&quot;", "HTML 实体", "&quot;"),
    ("答记者问（000_0d8a63ff63b28172.txt）", "文件名", "000_0d8a63ff63b28172.txt"),
    ("据jianfu.md确认", "文件名", "jianfu.md"),
    ("见 other-sources.md", "文件名", "other-sources.md"),
    ("据troses3/zhengzhi-fuxi转录", "仓库路径", "troses3/zhengzhi-fuxi"),
    ("文件src/data/political_theory_chaoge_27.js", "仓库路径", "src/data/political_theory_chaoge_27.js"),
    ("地址https://news.mingpao.com/pns/", "网址", "https://"),
    ("/pns/%E4%B8%AD%E5%9C%8B/article", "网址编码", "%E4%B8%AD%E5%9C%8B"),
    ("公开通报3起典型问题（卫健委发文+海口创建示范+白沙摊派）", "收集者标签", "（卫健委发文+海口创建示范+白沙摊派）"),
    ("本站据通报录入这句。", "编辑过程说明", "录入这句"),
    ("标点宽度已统一为全角", "编辑过程说明", "标点宽度"),
])
def test_each_kind_is_found(text, kind, piece):
    assert (kind, piece) in [(leak.kind, leak.text) for leak in find(text)]


def test_internal_ids_are_found_only_when_they_look_like_codes():
    ids = {"p01-full", "n-2024-05-13", "notices", "reportify"}
    assert [leak.text for leak in find("见p01-full和n-2024-05-13", ids)] == ["p01-full", "n-2024-05-13"]
    assert find("reportify.cn 摘要列出 notices", ids) == []


@pytest.mark.parametrize("text", [
    "南方+客户端（南方+）", "政务App、APP", "A4或A5纸", "一般不超过5000字", "reportify.cn 摘要",
    "2024年8月6日", "第9条（第23页）", "国办函〔2026〕12号", "“红头”变“白头”", "中新网评论",
])
def test_ordinary_text_is_not_a_leak(text):
    assert find(text) == []


def test_pages_are_scanned_in_text_and_in_what_tooltips_and_labels_say():
    page = ('<html><head><script>var a="[[x]]";</script><style>.a{}</style></head><body>'
            '<a title="千分制：[[原文:p08]]">千分制</a><img alt="jianfu.md"><nav aria-label="https://x">正文'
            '</nav></body></html>')
    assert [(leak.kind, leak.text) for leak in scan_html(page)] == [("标记", "[["), ("标记", "]]"), ("文件名", "jianfu.md"),
                                                                   ("网址", "https://")]


def test_the_real_content_loads_clean(regulation):
    assert regulation.provisions  # the fixture loaded content/: the loader's check raises ContentErrors on any leak


@pytest.mark.slow  # a whole build, with a theme of its own
def test_a_template_that_leaks_fails_the_strict_build_naming_the_page(tmp_path):
    """The backstop: a leak the content check cannot see (a template printing a file's path)."""
    project = make_project(tmp_path / "p", BASE_CONTENT)
    leak_in_template(project)
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "页面 provisions/alpha/：读者会看到仓库路径「content/provisions/01.md」" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_a_pdf_that_leaks_is_caught_with_its_page(tmp_path):
    regulation = load(BASE_CONTENT)
    regulation.provision(2).heading = "据jianfu.md确认"  # a leak that slipped past the content check
    pdf = write_handbook(regulation, Version("abc1234", "2026-11-27", False), tmp_path / "h.pdf")
    pages = pdf_text(pdf)
    found = scan_pdf_text(pages)
    assert found and all(leak.text == "jianfu.md" for _, leak in found)
    own = next(n for n, text in enumerate(pages, 1) if "第2条据jianfu.md确认" in text.replace(" ", "") and "条文解读" in text)
    assert own in {number for number, _ in found}  # named by the page it is on
