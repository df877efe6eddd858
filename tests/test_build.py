"""The real site, built into a temporary folder: its pages, links, footer and PDF."""
from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import pytest


from conftest import ROOT, pdftotext


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []  # links a reader follows
        self.loads: list[str] = []  # what the browser fetches by itself
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.urls.append(attrs["href"])
        elif attrs.get("src") or (tag == "link" and attrs.get("href")):
            self.loads.append(attrs.get("src") or attrs["href"])


def parse(file: Path) -> Links:
    links = Links()
    links.feed(file.read_text(encoding="utf-8"))
    return links


def page_text(file: Path) -> str:
    html = file.read_text(encoding="utf-8")
    return re.sub(r"<[^>]+>", "", html)


def article_text(file: Path) -> str:
    """The page's own content, without navigation, header and footer."""
    html = file.read_text(encoding="utf-8")
    return re.sub(r"<[^>]+>", "", html[html.index("<article"): html.index("</article>")])


def test_a_page_for_every_provision_and_part(built_site, regulation):
    for p in regulation.provisions:
        html = (built_site / "provisions" / p.slug / "index.html").read_text(encoding="utf-8")
        assert f"<h1 class=\"reg-provision-title\">{p.label} {p.heading}</h1>" in html
    for part in regulation.parts:
        html = (built_site / "parts" / part.slug / "index.html").read_text(encoding="utf-8")
        assert f"<h1>{part.label} {part.title}</h1>" in html
    assert len(list((built_site / "provisions").glob("*/index.html"))) == 2 * len(regulation.provisions)


def test_provision_sections_in_fixed_order(built_site, regulation):
    order = ["原文", "条文解读", "主要举措", "典型问题", "相关条文", "关键词"]
    for p in regulation.provisions:
        html = (built_site / "provisions" / p.slug / "index.html").read_text(encoding="utf-8")
        found = re.findall(r"<h2 id=\"[^\"]+\">([^<]+)</h2>", html)
        assert found[: len(order)] == order, p.label


def test_pages_without_official_text_say_so(built_site, regulation):
    for p in regulation.provisions:
        text = article_text(built_site / "provisions" / p.slug / "index.html")
        assert (f"本站尚未取得{p.label}的原文" in text) == (not p.sentences), p.label


def test_certainty_one_badge_on_the_provision_one_quiet_sign_in_lists(built_site, regulation):
    home = article_text(built_site / "index.html")
    assert "☆：条号或小标题系本站推断" in home
    for p in regulation.provisions:
        part_page = article_text(built_site / "parts" / p.part.slug / "index.html")
        for text in (home, part_page):
            line = re.search(rf"{p.label} {p.heading}(☆)?", text)
            assert line and bool(line[1]) == p.is_inferred, p.label
        own = article_text(built_site / "provisions" / p.slug / "index.html")
        assert own.count("推断") >= 1 if p.is_inferred else "推断" not in own.split("原文", 1)[0], p.label
        assert "条号推断" not in own and "小标题推断" not in own and "★" not in own, p.label


def test_search_index_titles_carry_no_badges_markers_or_notes(built_site):
    import json

    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    for doc in docs:
        assert not re.search(r"推断|☆|★|来源等级", doc["title"]), doc["location"]
        assert "来源等级" not in doc["text"] and "回到正文" not in doc["text"], doc["location"]


def test_every_page_has_notice_and_version(built_site):
    commit = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h"],
                            capture_output=True, text=True).stdout.strip()
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 40
    for file in pages:
        text = page_text(file)
        assert "非官方解读，条文以新华社受权发布稿为准" in text, file
        if file.name != "404.html":
            assert f"内容版本 {commit}" in text, file


def test_every_internal_link_resolves(built_site):
    checked = 0
    for file in built_site.rglob("*.html"):
        if file.name == "404.html":  # its links are absolute to the deployed root
            continue
        base = "http://site/" + file.relative_to(built_site).as_posix()
        links = parse(file)
        for url in links.urls + links.loads:
            absolute = urljoin(base, url)
            parsed = urlparse(absolute)
            if parsed.netloc != "site":
                assert url in links.urls and parsed.scheme in ("http", "https"), f"{file}: loads {url}"
                continue  # a link to a source's page: the reader's choice, never fetched by the page
            path, fragment = urldefrag(absolute)
            target = built_site / urlparse(path).path.lstrip("/")
            if target.is_dir() or path.endswith("/"):
                target = target / "index.html"
            assert target.exists(), f"{file}: {url}"
            if fragment and target.suffix == ".html":
                assert fragment in parse(target).ids, f"{file}: {url}"
            checked += 1
    assert checked > 1000


def test_handbook_has_every_provision(built_site, regulation):
    pdf = built_site / "handbook-learner.pdf"
    flat = "".join(pdftotext(pdf).split())
    for p in regulation.provisions:
        assert f"{p.label}{p.heading}" in flat, p.label
    assert "非官方解读，条文以新华社受权发布稿为准" in flat
    assert not list(built_site.glob("*.part")), "a temporary PDF was left behind"


def test_number_aliases_lead_to_provisions(built_site, regulation):
    for p in regulation.provisions:
        html = (built_site / "provisions" / str(p.number) / "index.html").read_text(encoding="utf-8")
        assert f'http-equiv="refresh" content="0; url=../{p.slug}/"' in html


def test_sources_page_lists_status_and_every_source(built_site, regulation):
    html = (built_site / "sources" / "index.html").read_text(encoding="utf-8")
    text = article_text(built_site / "sources" / "index.html")
    rows = re.findall(r"<tr>\s*<td><a [^>]*>(第\d+条) [^<]*</a>.*?</td>\s*<td>(完整|部分|没有)</td>", html, re.S)
    status = dict(rows)
    assert len(status) == 21
    assert status["第1条"] == "完整"
    assert {k for k, v in status.items() if v == "没有"} == {f"第{n}条" for n in (12, 13, 14, 16, 17, 18, 20)}
    for source in regulation.sources:
        assert source.title in text
        for url in source.urls:
            assert f'href="{url}"' in html
    for s in regulation.sentences:
        assert s.source_name in text
    for source in regulation.sources:
        for url in source.reposts:
            assert f'href="{url}"' in html
    assert "转载：" in text


def test_timeline_in_order_with_source_precision(built_site):
    text = article_text(built_site / "timeline" / "index.html")
    order = ["2024年7月30日", "2024年8月6日", "2024年8月", "2025年8月6日"]
    positions = [text.index(f"{date}\n") if f"{date}\n" in text else text.index(date) for date in order]
    assert positions == sorted(positions)
    assert "答记者问" in text.split("2024年8月\n", 1)[1][:200]
    assert "2024年8月1" not in text.replace("2024年8月6日", "")  # the Q&A's day is not known
