"""The offline edition: the zip from the real build, unpacked and opened from disk (file://) in Chromium."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from site_plugins import offline

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def unpacked(built_site, tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(built_site / offline.ZIP) as archive:
        archive.extractall(where)
    return where / offline.FOLDER


def test_the_zip_holds_the_site_and_the_pdfs(built_site, unpacked):
    assert (unpacked / "index.html").exists() and (unpacked / "provisions" / "yankong-duchajiancha-kaohe-zongliang.html").exists()
    assert sorted(p.name for p in unpacked.glob("*.pdf")) == sorted(p.name for p in built_site.glob("*.pdf"))
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="downloads/offline.zip"' in home and "离线版（ZIP）" in home


def test_search_quiz_and_exam_work_from_disk_and_nothing_leaves_the_machine(browser, unpacked):
    page = browser.new_context().new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    base = unpacked.as_uri() + "/"
    page.goto(base + "index.html")
    page.click("input.md-search__input")
    page.fill("input.md-search__input", "第9条")
    page.press("input.md-search__input", "End")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    first = page.eval_on_selector(".md-search-result__item > a", "a => a.href")
    assert "/provisions/yankong-duchajiancha-kaohe-zongliang.html" in first

    page.goto(base + "provisions/yankong-duchajiancha-kaohe-zongliang.html")
    item = page.locator("form[data-quiz-item]").first
    item.locator("input").first.fill("反复")  # 第9条's first item is the blank 反复
    item.get_by_role("button", name="提交").click()
    assert item.locator(".reg-quiz__feedback").inner_text() == "回答正确。"

    page.goto(base + "exam/index.html")
    page.get_by_label("题数：").fill("3")
    page.get_by_role("button", name="开始测验").click()
    page.locator("[data-exam-items] > .reg-quiz").first.wait_for(timeout=5_000)
    assert page.locator("[data-exam-items] > .reg-quiz").count() == 3

    assert not [r for r in requests if not r.startswith(("file:", "data:", "blob:", "about:"))]
    assert not errors, errors
    page.context.close()
