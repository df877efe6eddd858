"""The built site in real headless Chromium (Debian's, driven by Playwright)."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def article_text(file: Path) -> str:
    html = file.read_text(encoding="utf-8")
    article = html[html.index("<article"): html.index("</article>")]
    return re.sub(r"<[^>]+>", "", article)


def search(page, base: str, query: str) -> set[str]:
    page.goto(base)
    page.click("input.md-search__input")
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")  # Chinese input sends no key-up: send one
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    total = int(re.search(r"\d+", page.inner_text(".md-search-result__meta"))[0])
    # Results render in batches as a reader scrolls to the end of the list. Material loads the next
    # batch when the list *reaches* its end: scroll in steps, and step back if stuck at the end.
    scroll = """el => { if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) el.scrollTop -= 200;
                        else el.scrollBy(0, 400); }"""
    for _ in range(300):
        if page.eval_on_selector_all(".md-search-result__item", "els => els.length") >= total:
            break
        page.eval_on_selector(".md-search__scrollwrap", scroll)
        page.wait_for_timeout(100)
    assert page.eval_on_selector_all(".md-search-result__item", "els => els.length") == total
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link", "els => els.map(e => e.href)")
    return {urlparse(h).path.strip("/") for h in hrefs}


@pytest.mark.parametrize("term", ["千分制", "借调"])
def test_search_finds_the_right_provisions(page, server, built_site, regulation, term):
    found = search(page, server, term)
    assert found, term
    for path in found:
        assert term in article_text(built_site / path / "index.html"), f"{path} does not contain {term}"
    with_term = {f"provisions/{p.slug}" for p in regulation.provisions
                 if term in article_text(built_site / "provisions" / p.slug / "index.html")}
    assert with_term, term
    assert with_term <= found
    assert all(urlparse(url).hostname == "127.0.0.1" for url in page.requests), page.requests


def test_no_request_leaves_localhost_and_no_sideways_scroll(page, server, built_site):
    page.set_viewport_size({"width": 375, "height": 800})
    files = sorted(built_site.rglob("index.html"))
    assert len(files) > 40
    for file in files:
        path = file.parent.relative_to(built_site).as_posix()
        if 'http-equiv="refresh"' in file.read_text(encoding="utf-8"):
            continue  # an alias: the browser moves on at once to the page it stands for
        page.goto(server + ("" if path == "." else path + "/"), wait_until="load")
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"{path} scrolls sideways: {width}"
    outside = [url for url in page.requests if urlparse(url).hostname not in ("127.0.0.1", None)]
    assert not outside, outside


def test_a_note_marker_shows_its_note_on_hover(page, server):
    """Quiet citations: a small number after a quotation; its note appears on hover, listed at the page's end."""
    page.goto(server + "provisions/yankong-duchajiancha-kaohe-zongliang/")
    marker = page.locator("article .footnote-ref").first
    note_id = marker.get_attribute("href").lstrip("#")
    note = page.eval_on_selector(f'[id="{note_id}"]', "e => e.innerText").rstrip("↩").strip()
    assert "来源等级" in note
    marker.hover()
    page.wait_for_function(
        "text => [...document.querySelectorAll('.md-tooltip2')].some(t => t.innerText.includes(text))",
        arg=note[:20], timeout=5_000)


def test_key_points_come_first_on_a_phone_each_with_its_note(browser, server):
    """学习要点 stand before the 原文 block; each point's note names what it rests on."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server + "provisions/yankong-huiyi-shuliang/")
    box = page.locator("article .reg-key-points")
    assert box.is_visible() and "学习要点" in box.inner_text()
    assert box.bounding_box()["y"] < page.locator("#yuanwen").bounding_box()["y"]
    points = box.locator("li")
    assert points.count() >= 3
    for i in range(points.count()):
        marker = points.nth(i).locator(".footnote-ref").first
        note = page.eval_on_selector(f'[id="{marker.get_attribute("href").lstrip("#")}"]', "e => e.innerText")
        assert "依据" in note or "来源等级" in note, note
    context.close()


def test_footer_text_meets_wcag_aa_contrast(page, server):
    page.goto(server)
    ratios = page.evaluate("""() => {
      const rgb = s => s.match(/[\\d.]+/g).map(Number);
      const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
        .reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
      const mix = (top, bottom) => { const a = top[3] ?? 1; return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)); };
      const background = el => {  // the colour behind el: its ancestors' backgrounds, composited
        const layers = [];
        for (let e = el; e; e = e.parentElement) layers.push(rgb(getComputedStyle(e).backgroundColor));
        return layers.reverse().reduce((under, top) => top.length > 3 && top[3] === 0 ? under : mix(top, under), [255, 255, 255]);
      };
      return [...document.querySelectorAll('.reg-footer p')].map(p => {
        const bg = background(p), fg = mix(rgb(getComputedStyle(p).color), bg);
        const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
        return (a + 0.05) / (b + 0.05);
      });
    }""")
    assert len(ratios) == 2 and min(ratios) >= 4.5, ratios


def test_the_palette_follows_the_system_toggles_and_prints_light(browser, server):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(server)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()  # to light
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()  # to dark
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.emulate_media(media="print")
    background = page.evaluate("getComputedStyle(document.querySelector('.md-main')).backgroundColor || ''")
    body = page.evaluate("getComputedStyle(document.body).backgroundColor")
    text = page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).color")
    assert body in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)") and background in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
    assert text.startswith("rgba(0, 0, 0") or text == "rgb(0, 0, 0)", text
    context.close()


def test_the_glossary_jumps_by_pinyin_initial_on_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server + "glossary/")
    letters = page.locator("nav.reg-letters a")
    assert letters.count() >= 8
    box = letters.first.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24  # a target a thumb can hit
    target = letters.nth(letters.count() // 2)
    anchor = target.get_attribute("href")
    target.click()
    page.wait_for_timeout(300)
    heading = page.locator(anchor).bounding_box()
    assert 0 <= heading["y"] < 740 / 2, heading  # the group is in view, near the top
    terms = page.locator(f"{anchor} + dl.reg-glossary dt").all_inner_texts()
    from pypinyin import lazy_pinyin
    assert terms and all("".join(lazy_pinyin(t))[:1].upper() == target.inner_text() for t in terms), terms
    context.close()


def test_the_map_is_readable_on_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server)
    label = page.locator(".reg-map__heading").first.bounding_box()
    assert label["height"] >= 10, label  # 11 px text stays about 11 px, not shrunk to 4
    scroller = page.locator(".reg-map")
    assert page.evaluate("el => el.scrollWidth > el.clientWidth", scroller.element_handle())  # it scrolls sideways
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # the page does not
    texts = page.locator(".reg-map text").all_text_contents()
    assert not any("…" in t for t in texts)
    context.close()
