"""Hostile content: markup in titles, headings, the notice and addresses never runs on a page.

The model holds plain text; each output escapes it. MkDocs and Material print titles (navigation,
<title>, search index) and the table of contents without escaping, so the plugin hands them escaped.
"""
from __future__ import annotations

import shutil

import pytest

from conftest import BASE_CONTENT, FIXTURES, build, make_project, overlay, serve

pytestmark = pytest.mark.slow  # builds a fixture site of its own, the hostile one

INJECTED = ["<img src=x onerror", "<svg onload", "<script>alert"]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    where = tmp_path_factory.mktemp("hostile")
    content = where / "content"
    shutil.copytree(BASE_CONTENT, content)
    overlay(FIXTURES / "hostile", content)
    site = where / "site"
    result = build(make_project(where / "project", content), site)
    assert result.returncode == 0, result.stderr
    return site


def test_no_page_holds_the_injected_markup_unescaped(hostile_site):
    files = [*hostile_site.rglob("*.html"), hostile_site / "search" / "search_index.json"]
    assert len(files) > 10
    for file in files:
        text = file.read_text(encoding="utf-8")
        for markup in INJECTED:
            assert markup not in text, f"{file.relative_to(hostile_site)}: {markup}"


def test_the_words_are_still_shown_as_text(hostile_site):
    page = (hostile_site / "provisions" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert "控制数量&lt;img src=x onerror=alert(1)&gt;" in page  # in the navigation and the <title>
    assert "小标题&lt;img src=x onerror=alert(2)&gt;" in page  # in the table of contents
    assert "非官方解读&lt;img src=x onerror=alert(6)&gt;" in page  # in the footer


@pytest.mark.browser
def test_no_dialog_opens_on_any_page(hostile_site, browser):
    dialogs = []
    context = browser.new_context()
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve(hostile_site) as url:
        for file in sorted(hostile_site.rglob("index.html")):
            path = file.parent.relative_to(hostile_site).as_posix()
            if 'http-equiv="refresh"' in file.read_text(encoding="utf-8"):
                continue  # an alias: the browser moves on at once to the page it stands for
            page.goto(url + ("" if path == "." else path + "/"), wait_until="load")
            page.wait_for_timeout(50)
        page.goto(url)
        page.fill("input.md-search__input", "控制")  # titles render in the search results too
        page.press("input.md-search__input", "End")
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        page.wait_for_timeout(300)
    context.close()
    assert dialogs == []
