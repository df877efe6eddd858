"""Search as a learner uses it: typed into the real search box in Chromium, first result checked.

The table holds the queries a cadre types: a provision's number in every form, the regulation's
terms (a provision ranks before the FAQ, glossary and keyword index that point to it), and
colloquial phrasings (the FAQ that answers them, or the provision).
"""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from conftest import serve

pytestmark = pytest.mark.browser

P = "provisions/"
NUMBERS = [
    ("第9条", P + "yankong-duchajiancha-kaohe-zongliang"),
    ("第九条", P + "yankong-duchajiancha-kaohe-zongliang"),
    ("9", P + "yankong-duchajiancha-kaohe-zongliang"),
    ("九", P + "yankong-duchajiancha-kaohe-zongliang"),
    ("第1条", P + "yankong-wenjian-shuliang"),
    ("第一条", P + "yankong-wenjian-shuliang"),
    ("第3条", P + "jiaqiang-pinggu-shencha"),
    ("10", P + "buxiang-xianji-yixia-jiediao"),
    ("第十条", P + "buxiang-xianji-yixia-jiediao"),
    ("21", P + "jiceng-bugao-dabiao-huodong"),
    ("第二十一条", P + "jiceng-bugao-dabiao-huodong"),
]
TERMS = [
    ("千分制", P + "yankong-duchajiancha-kaohe-zongliang"),
    ("借调", (P + "buxiang-xianji-yixia-jiediao", P + "yankong-xiang-shiji-yishang-jiediao")),
    ("一致性评估", P + "jiaqiang-pinggu-shencha"),
    ("政务App", P + "qingli-zhenghe-zhengwu-app"),
    ("App", P + "qingli-zhenghe-zhengwu-app"),
    ("APP", P + "qingli-zhenghe-zhengwu-app"),
    ("短实新", P + "tisheng-wenjian-zhiliang"),
    ("红头变白头", P + "yankong-wenjian-shuliang"),
    ("层层陪会", P + "kongzhi-guimo-guige"),
    ("开短会", P + "tisheng-zhiliang-xiaolv"),
    ("备案", P + "yange-jihua-he-beian-guanli"),
    ("借调期限", P + "yankong-xiang-shiji-yishang-jiediao"),
    ("职责清单", P + "jianli-jianquan-zhize-qingdan"),
    ("清单外事项", P + "qingdanwai-shixiang-zhunru"),
    ("挂牌", P + "gongzuo-jizhi-guapai-zhengming"),
    ("信访", P + "jiceng-xinfang-zhize"),
    ("达标活动", P + "jiceng-bugao-dabiao-huodong"),
    ("填表报数", P + "gaijin-fangshi-fangfa"),
]
COLLOQUIAL = [
    ("工作群打卡", "faq/gongzuoqun-daka-liuhen"),
    ("拍照留痕", "faq/gongzuoqun-daka-liuhen"),
    ("强制下载", "faq/qiangzhi-xiazai-app"),
    ("陪同", "faq/jiancha-zhuyao-fuzeren"),
    ("一票否决", "faq/yipiao-foujue-zerenzhuang"),
    ("开会太多", P + "yankong-huiyi-shuliang"),
    ("检查太多", P + "yankong-duchajiancha-kaohe-zongliang"),
    ("文件字数", P + "tisheng-wenjian-zhiliang"),
    ("借调教师", P + "buxiang-xianji-yixia-jiediao"),
    ("视频会议", P + "kongzhi-guimo-guige"),
]
TABLE = NUMBERS + TERMS + COLLOQUIAL


@pytest.fixture(scope="module")
def search_page(built_site, browser):
    with serve(built_site) as base:
        context = browser.new_context()
        page = context.new_page()
        page.goto(base)
        yield page, base
        context.close()


def first_result(page, query: str) -> str:
    box = "input.md-search__input"
    page.click(box)
    page.fill(box, "")
    page.fill(box, query)
    page.press(box, "End")  # Chinese input sends no key-up: send one
    page.wait_for_function(
        "q => document.querySelector('.md-search-result__link') && "
        "document.querySelector('.md-search-result__meta').innerText.match(/\\d/)", arg=query, timeout=10_000)
    page.wait_for_timeout(200)  # the list settles on the last keystroke's results
    href = page.eval_on_selector(".md-search-result__item > a.md-search-result__link", "a => a.href")
    page.keyboard.press("Escape")
    return href


def test_the_table_is_large_and_grouped():
    assert len(TABLE) >= 30 and len(NUMBERS) >= 8 and len(TERMS) >= 10 and len(COLLOQUIAL) >= 8


@pytest.mark.parametrize("query, expected", TABLE, ids=[q for q, _ in TABLE])
def test_first_result(search_page, query, expected):
    page, base = search_page
    path = urlparse(first_result(page, query)).path.strip("/")
    assert path in ((expected,) if isinstance(expected, str) else expected), (query, path)


def test_a_result_highlights_the_words_not_single_characters(search_page):
    page, base = search_page
    href = first_result(page, "借调")
    assert parse_qs(urlparse(href).query)["h"] == ["借调"]
    page.goto(href)
    page.wait_for_selector("article mark", timeout=10_000)  # Material marks the words once its script has run
    marks = page.eval_on_selector_all("article mark", "els => els.map(e => e.textContent)")
    assert marks and set(marks) == {"借调"}, marks
    page.goto(base)
