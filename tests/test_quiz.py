"""Quiz items: answers checked, exports read back, and the quizzes driven in real Chromium."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import re

import pytest
from markupsafe import Markup

from site_plugins.load import load
from site_plugins.markdown import BodyRenderer
from site_plugins.model import Prose
from site_plugins.problems import Collector
from site_plugins.quiz import check_answer, normalize_blank, to_csv, to_json

from conftest import BASE_CONTENT, serve



@pytest.mark.parametrize("kind, options, answer, expected", [
    ("single", ["甲", "乙"], "b", (["B"], None)),
    ("multiple", ["甲", "乙", "丙"], "A,C", (["A", "C"], None)),
    ("multiple", ["甲", "乙", "丙"], ["C", "A"], (["A", "C"], None)),
    ("truefalse", [], False, (False, None)),
    ("fill", [], " 千分制 ", ("千分制", None)),
    ("single", ["甲"], "A", (None, "选择题应有2至6个选项，现有1个")),
    ("single", ["甲", "乙"], ["A", "B"], (None, "单选题应恰有一个答案")),
    ("truefalse", [], "对", (None, "判断题的答案应为 true 或 false")),
    ("fill", [], "", (None, "填空题应写出答案")),
])
def test_check_answer(kind, options, answer, expected):
    assert check_answer(kind, options, answer) == expected


def test_blanks_ignore_width_and_spaces():
    assert normalize_blank("ＡＢ　1 ２") == normalize_blank("ab12")


def test_csv_reads_back():
    items = load(BASE_CONTENT).quiz
    text = to_csv(items)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [r["id"] for r in rows] == ["q-single", "q-multiple", "q-truefalse", "q-fill"]
    single = rows[0]
    assert (single["provisions"], single["type"], single["option_A"], single["option_B"], single["answer"]) == \
        ("1", "single", "只增不减", "只减不增", "B")
    assert single["explanation"] == "见第1条：“只减不增”。" and single["difficulty"] == "1"
    assert rows[1]["answer"] == "AB" and rows[1]["provisions"] == "1 2"
    assert rows[2]["answer"] == "正确" and rows[2]["option_A"] == ""
    assert rows[3]["answer"] == "增；增加"


def test_json_export():
    data = json.loads(to_json(load(BASE_CONTENT).quiz))
    assert data["items"][1]["answer"] == ["A", "B"] and data["items"][3]["accepted"] == ["增加"]


def _exported(items):
    """The items as read back from both exports: (CSV rows, JSON records)."""
    rows = list(csv.DictReader(io.StringIO(to_csv(items).lstrip("\ufeff"))))
    return rows, json.loads(to_json(items))["items"]


@pytest.mark.parametrize("explanation, plain", [
    ('说明“A&B”和 "x<y"。', '说明“A&B”和 "x<y"。'),
    ("见[[第1条]]：[[原文:s1|只减不增]]。", "见第1条：“只减不增”。"),
    ("[[原文:s1]]**A & B** `<q>`", "“年度发文数量一般只减不增。”A & B <q>"),
])
def test_exports_hold_plain_text(explanation, plain):
    """Explanations are rendered as HTML; both exports hold them as plain text, without entities."""
    regulation = load(BASE_CONTENT)
    renderer = BodyRenderer({s.id: s for s in regulation.sentences})
    html = renderer.render(renderer.parse(explanation, "content/quiz/x.yml", 1, Collector(), inline=True))
    assert "&" in html or "<q" in html  # there is HTML to undo
    item = dataclasses.replace(regulation.quiz[0], question='“A&B”是 "x<y" 吗？', options=["A&B", "<b>x</b>"],
                               explanation=Prose(html=html))
    rows, records = _exported([item])
    assert rows[0]["explanation"] == records[0]["explanation"] == plain
    assert rows[0]["question"] == records[0]["question"] == '“A&B”是 "x<y" 吗？'
    assert [rows[0]["option_A"], rows[0]["option_B"]] == records[0]["options"] == ["A&B", "<b>x</b>"]


def test_exports_keep_quotation_marks_but_no_source_marks():
    """A quotation reads “…” as on the page; its source mark, with text or an empty marker, goes."""
    item = dataclasses.replace(load(BASE_CONTENT).quiz[0], explanation=Prose(html=Markup(
        '见<q class="reg-quote" data-sentence="s1" title="来源&amp;出处">只减不增</q>'
        '<sup class="reg-quote__source">〔官方发布稿·来源等级1〕</sup>，'
        '<q class="reg-quote">只减</q><sup class="reg-quote__note" data-note="〔官方发布稿〕"></sup>。')))
    rows, records = _exported([item])
    assert rows[0]["explanation"] == records[0]["explanation"] == "见“只减不增”，“只减”。"


# -- in the browser -----------------------------------------------------------

@pytest.fixture(scope="module")
def fixture_site(base_site):
    with serve(base_site) as url:
        yield url, base_site


def test_pages_work_without_javascript(fixture_site):
    _, site = fixture_site
    html = (site / "provisions" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert html.count('<form class="reg-quiz"') == 3
    assert '<label class="reg-quiz__option"><input type="radio" name="q-single" value="B"> B. 只减不增</label>' in html
    assert "<summary>查看答案与解析</summary>" in html and "<strong>答案：</strong>B" in html
    assert (site / "quiz" / "bank.csv").exists() and (site / "quiz" / "bank.json").exists()


@pytest.mark.browser
def test_feedback_progress_and_reset(fixture_site, browser):
    url, _ = fixture_site
    page = browser.new_context().new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(url + "provisions/alpha/")

    single = page.locator("#quiz-q-single")
    single.get_by_label("B. 只减不增").check()
    single.get_by_role("button", name="提交").click()
    assert single.locator(".reg-quiz__feedback").inner_text() == "回答正确。"
    assert single.locator("details").get_attribute("open") is not None

    blank = page.locator("#quiz-q-fill")
    blank.locator("input").fill("减")
    blank.get_by_role("button", name="提交").click()
    assert blank.locator(".reg-quiz__feedback").inner_text() == "回答错误。正确答案：增；增加。"
    assert "本页得分：答对 1 题，已答 2 题，共 3 题。" == page.locator("[data-quiz-score]").inner_text()

    # Keyboard alone: tick A and B, then submit with Enter.
    multiple = page.locator("#quiz-q-multiple")
    multiple.get_by_label("A. 控制数量").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    assert multiple.locator(".reg-quiz__feedback").inner_text() == "回答正确。"

    blank.locator("input").fill(" 增 加 ")  # an accepted alternative, spaces aside
    blank.get_by_role("button", name="提交").click()
    assert blank.locator(".reg-quiz__feedback").inner_text() == "回答正确。"

    page.reload()
    page.goto(url)
    mastered = page.locator("li[data-quiz]", has_text="第1条 控制数量")
    assert "已掌握" in mastered.inner_text()
    assert "已掌握" not in page.locator("li[data-quiz]", has_text="第3条 控制会议").inner_text()
    assert page.locator("[data-quiz-summary]").inner_text() == "已掌握 2 / 3 条。"  # 第2条's one item is done

    page.get_by_role("button", name="清除学习记录").click()
    assert "已掌握" not in mastered.inner_text()
    page.context.close()


@pytest.mark.browser
def test_mock_exam_to_its_score(fixture_site, browser):
    url, _ = fixture_site
    page = browser.new_context().new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url + "exam/")
    page.get_by_label("题数：").fill("4")
    page.get_by_role("button", name="开始测验").click()
    questions = page.locator("[data-exam-items] > .reg-quiz")
    questions.first.wait_for()
    assert questions.count() == 4
    for i in range(4):  # answer every item with its first choice, or a wrong blank
        q = questions.nth(i)
        if q.locator("input[type=text]").count():
            q.locator("input[type=text]").fill("不知道")
        else:
            q.locator("input").first.check()
    page.get_by_role("button", name="交卷").click()
    score = page.locator("[data-exam-score]").inner_text()
    assert re.fullmatch(r"共 4 题，答对 [0-4] 题，得分 \d+ 分（百分制）。", score)
    wrong = page.locator("[data-exam-wrong] > li")
    right = int(re.search(r"答对 (\d) 题", score)[1])
    assert wrong.count() == 4 - right >= 1  # the blank at least was wrong
    link = wrong.first.locator("a").get_attribute("href")
    assert re.fullmatch(r"\.\./provisions/(alpha|beta|gamma)/#\w+", link)
    assert all(r.startswith(url) for r in requests)
    page.context.close()


@pytest.mark.browser
def test_last_answers_come_back_after_a_reload_and_can_be_cleared(fixture_site, browser):
    url, _ = fixture_site
    page = browser.new_context().new_page()
    page.goto(url + "provisions/alpha/")
    single = page.locator("#quiz-q-single")
    single.get_by_label("A. 只增不减").check()
    single.get_by_role("button", name="提交").click()
    page.reload()
    assert single.get_by_label("A. 只增不减").is_checked()
    assert single.locator(".reg-quiz__feedback").inner_text() == "回答错误。正确答案：B。"
    assert page.locator("[data-quiz-score]").inner_text() == "本页得分：答对 0 题，已答 1 题，共 3 题。"
    page.get_by_role("button", name="清除本页作答").click()
    assert not single.get_by_label("A. 只增不减").is_checked() and single.locator(".reg-quiz__feedback").inner_text() == ""
    page.reload()
    assert page.locator("[data-quiz-score]").inner_text() == "本页得分：尚未作答（共3题）"
    page.context.close()


@pytest.mark.browser
def test_studied_marks_home_summary_continue_and_a_progress_file(fixture_site, browser, tmp_path):
    url, _ = fixture_site
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(url + "provisions/beta/")
    page.get_by_role("button", name="标记为已学").click()
    button = page.locator("[data-studied-toggle]")
    assert button.get_attribute("aria-pressed") == "true" and button.inner_text() == "✓ 已学（点击取消）"
    page.goto(url + "provisions/gamma/")  # read last: 第3条
    nav = page.locator("a.md-nav__link", has_text="第2条").first
    assert "（已学）" in nav.text_content()
    page.goto(url)
    assert page.locator("[data-progress-summary]").inner_text() == "已学 1 / 3 条，已掌握 0 / 3 条。"
    cont = page.locator("[data-continue] a")
    assert cont.is_visible() and cont.inner_text() == "继续学习：第3条 控制会议" and cont.get_attribute("href").endswith("/provisions/gamma/")

    with page.expect_download() as download:
        page.get_by_role("button", name="导出学习记录").click()
    saved = tmp_path / "progress.json"
    download.value.save_as(saved)
    assert json.loads(saved.read_text(encoding="utf-8"))["studied"].keys() == {"beta"}

    # A new phone: nothing stored, then the file is read in.
    fresh = browser.new_context().new_page()
    fresh.goto(url)
    assert fresh.locator("[data-progress-summary]").inner_text() == "已学 0 / 3 条，已掌握 0 / 3 条。"
    fresh.locator("[data-progress-import]").set_input_files(str(saved))
    fresh.locator("[data-progress-status]", has_text="已导入").wait_for()
    assert fresh.locator("[data-progress-summary]").inner_text() == "已学 1 / 3 条，已掌握 0 / 3 条。"
    fresh.locator("[data-progress-import]").set_input_files(files=[{"name": "x.json", "mimeType": "application/json",
                                                                     "buffer": b'{"studied": {"alpha": 1}}'}])
    fresh.locator("[data-progress-status]", has_text="不是本站导出").wait_for()
    fresh.context.close()
    context.close()


@pytest.mark.browser
def test_the_exam_review_teaches_and_the_result_is_in_view_on_a_phone(fixture_site, browser):
    url, _ = fixture_site
    context = browser.new_context(viewport={"width": 375, "height": 700}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(url + "exam/")
    page.get_by_label("题数：").fill("4")
    page.get_by_role("button", name="开始测验").click()
    page.locator("[data-exam-items] > .reg-quiz").first.wait_for()
    page.get_by_role("button", name="交卷").click()
    assert page.locator("[data-exam-notice]").inner_text() == "还有 4 题未作答。再按一次“交卷”，未答的题按答错计。"
    page.get_by_role("button", name="交卷").click()
    assert "未答 4 题" in page.locator("[data-exam-score]").inner_text()
    review = page.locator("[data-exam-wrong] > li")
    assert review.count() == 4
    for i in range(4):
        item = review.nth(i)
        text = item.inner_text()
        assert "你的答案：未作答" in text and "正确答案：" in text and "解析：" in text, text
    single = review.filter(has_text="年度发文数量一般怎样？")
    assert single.locator(".reg-exam-wrong__options li").all_inner_texts() == ["A. 只增不减", "B. 只减不增", "C. 不设要求"]
    # Focus on the result heading, and the heading below the sticky header, not under it.
    assert page.evaluate("document.activeElement.id") == "defen"
    header = page.locator(".md-header").bounding_box()
    heading = page.locator("#defen").bounding_box()
    assert heading["y"] >= header["y"] + header["height"] and heading["y"] < 700
    context.close()


def test_csv_cells_never_start_a_formula():
    import csv
    import io

    from site_plugins.quiz import to_csv

    item = load(BASE_CONTENT).quiz[0]
    hostile = type(item)(**{**item.__dict__, "question": "=HYPERLINK(\"http://x\")", "options": ["+1", "-2", "@A", "正常"],
                            "explanation": Prose(html="@SUM(A1)")})
    rows = list(csv.reader(io.StringIO(to_csv([hostile]).lstrip("\ufeff"))))
    cells = rows[1]
    assert cells[3] == "'=HYPERLINK(\"http://x\")"
    assert cells[4:8] == ["'+1", "'-2", "'@A", "正常"]
    assert "'@SUM(A1)" in cells
