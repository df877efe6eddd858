"""Accessibility, to zero: axe-core in Chromium (both palettes) and the Nu HTML Checker on every page.

Both tools come from npm (tests/a11y/package.json, installed by scripts/setup.sh --test); the
checker runs with Debian's Java. Lighthouse is slow and lives in bench/lighthouse.py.
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, serve

pytestmark = pytest.mark.browser

TOOLS = ROOT / "tests" / "a11y" / "node_modules"
AXE = TOOLS / "axe-core" / "axe.min.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"

PAGES = ["", "parts/tongchou-guifan-duchajiancha-kaohe/", "provisions/yankong-duchajiancha-kaohe-zongliang/",
         "faq/jiediao-jiaoshi/", "glossary/", "keywords/", "exam/"]


def serious(page) -> list[str]:
    page.mouse.move(0, 0)  # no hover, and Material's 125 ms colour transitions settled, before colours are read
    page.wait_for_timeout(300)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}, {len(v['nodes'])}): {v['nodes'][0]['target']}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.fixture(scope="module")
def server(built_site):
    assert AXE.exists() and VNU.exists(), "accessibility tools missing: run bash scripts/setup.sh --test"
    with serve(built_site) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES, ids=[p or "home" for p in PAGES])
def test_no_serious_or_critical_axe_violation(browser, server, path, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(server + path)
    found = serious(page)
    context.close()
    assert not found, found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_exam_in_use_has_no_violation(browser, server, scheme):
    """The exam's questions and its review are drawn by script: checked as a learner sees them."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(server + "exam/")
    page.get_by_label("题数：").fill("5")
    page.get_by_role("button", name="开始测验").click()
    page.locator("[data-exam-items] > .reg-quiz").first.wait_for()
    during = serious(page)
    page.get_by_role("button", name="交卷").click()
    page.get_by_role("button", name="交卷").click()
    page.locator("[data-exam-wrong] > li").first.wait_for()
    after = serious(page)
    context.close()
    assert not during and not after, (during, after)


def test_every_page_is_valid_html(built_site):
    pages = sorted(str(p) for p in Path(built_site).rglob("*.html"))
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr)["messages"]
    errors = [f"{m['url'].rsplit('/', 3)[-3:]}: {m['message'][:120]}" for m in messages if m.get("type") == "error"]
    assert len(pages) > 90 and not errors, errors[:20]
