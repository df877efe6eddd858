"""The plugin on fixture projects: stable addresses across renumbering, and content errors."""
from __future__ import annotations

import pytest

import hashlib
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

from conftest import BASE_CONTENT, FIXTURES, build, finish, make_project, overlay, start_build


def snapshot(folder: Path) -> dict[str, str]:
    return {
        f.relative_to(folder).as_posix(): hashlib.sha256(f.read_bytes()).hexdigest()
        for f in sorted(folder.rglob("*")) if f.is_file()
    }


def heading_at(site: Path, address: str, hops: int = 0) -> str:
    """The provision heading that ``address`` leads to, following redirects and notice pages."""
    html = (site / address / "index.html").read_text(encoding="utf-8")
    title = re.search(r'<h1 class="reg-provision-title">第\d+条 ([^<]+)</h1>', html)
    if title:
        return title[1]
    assert hops < 3, f"{address}: too many hops"
    redirect = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html)
    assert redirect, f"{address} is neither a provision, a redirect nor a notice"
    return heading_at(site, urljoin(address, redirect[1]), hops + 1)


def notice_targets(site: Path, address: str) -> dict[str, str]:
    """On a 'number changed' page: the heading each link leads to, by link text."""
    html = (site / address / "index.html").read_text(encoding="utf-8")
    assert "编号已变更" in html
    links = re.findall(r'<a href="([^"]+)">第\d+条 ([^<]+)</a>', html)
    return {text: heading_at(site, urljoin(address, href)) for href, text in links}


@pytest.mark.slow  # a whole build of the renumbered fixture
def test_old_addresses_survive_renumbering(base_site, tmp_path):
    before = base_site  # the base fixture as built, once per run
    old = {  # address -> the heading it showed before renumbering
        address: heading_at(before, address)
        for address in ["provisions/alpha/", "provisions/beta/", "provisions/gamma/",
                        "provisions/1/", "provisions/2/", "provisions/3/"]
    }
    assert old["provisions/1/"] == "控制数量"

    content = tmp_path / "after" / "content"
    shutil.copytree(BASE_CONTENT, content)
    shutil.rmtree(content / "provisions")
    overlay(FIXTURES / "renumbered", content)
    after = tmp_path / "after-site"
    result = build(make_project(tmp_path / "after", content), after)
    assert result.returncode == 0, result.stderr

    for address, heading in old.items():
        if address.split("/")[1].isdigit():
            # The number now belongs to another provision: the page says so and links to both.
            targets = notice_targets(after, address)
            assert heading in targets.values(), address
            assert set(targets.values()) == set(targets.keys()), "every link leads where its text says"
        else:
            assert heading_at(after, address) == heading, address
    assert notice_targets(after, "provisions/1/") == {"提升质量": "提升质量", "控制数量": "控制数量"}
    # The new provision 4 never had another number: its alias leads straight to it.
    assert heading_at(after, "provisions/4/") == "控制会议"


@pytest.mark.slow
def test_content_error_leaves_previous_site_untouched(tmp_path):
    project = make_project(tmp_path / "project", BASE_CONTENT, handbook=True)
    site = tmp_path / "site"
    assert build(project, site).returncode == 0
    assert (site / "handbook-learner.pdf").exists() and (site / "handout-part-2.pdf").exists()
    before = snapshot(site)

    overlay(FIXTURES / "load" / "provision-out-of-range", project / "content")
    result = build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "content/provisions/03.md:10: related：第25条不存在（本规定共3条）" in output
    assert "Traceback" not in output
    assert snapshot(site) == before


def test_every_error_kind_stops_the_build_without_traceback(tmp_path):
    running = {}
    for case in ("invalid-yaml", "not-utf8", "unknown-sentence", "missing-field"):
        project = make_project(tmp_path / case, BASE_CONTENT)
        overlay(FIXTURES / "load" / case, project / "content")
        running[case] = start_build(project, tmp_path / f"{case}-site")  # the four side by side
    for case, process in running.items():
        result = finish(process)
        expected = (FIXTURES / "load" / case / "expected.txt").read_text(encoding="utf-8").splitlines()
        output = result.stdout + result.stderr
        assert result.returncode != 0, case
        assert "Traceback" not in output, case
        for line in expected:
            assert line in output, case
        assert not (tmp_path / f"{case}-site").exists(), case


def test_cases_and_teaching_note_on_pages(base_site):
    site = base_site
    alpha = (site / "provisions" / "alpha" / "index.html").read_text(encoding="utf-8")
    early = alpha.index("某县一年发文上千件")
    assert alpha.rfind("本规定印发前的问题", 0, early) > alpha.rfind("<li>", 0, early)
    late = alpha.index("某市把发文量压减一半")
    assert alpha.rfind("正面典型", 0, late) > alpha.rfind("<li>", 0, late)
    assert 'href="http://example.invalid/late"' in alpha
    part = re.sub(r"<[^>]+>", "", (site / "parts" / "part-one" / "index.html").read_text(encoding="utf-8"))
    assert "教学提示" in part and "一节课：先读第1条，再讨论。" in part


def test_backlinks_tooltips_and_glossary_links_on_the_site(base_site):
    site = base_site
    alpha = (site / "provisions" / "alpha" / "index.html").read_text(encoding="utf-8")
    cited = alpha[alpha.index('id="beiyinyong"'):]
    assert "共有 5 处引用了本页" in cited
    for href, text in [("../../parts/part-one/", "第一部分 精简文件"), ("../beta/", "第2条 提升质量"),
                       ("../gamma/", "第3条 控制会议"), ("../../faq/q1/", "一个问题？"),
                       ("../../glossary/#term-shuliang", "发文数量")]:
        assert f'<a href="{href}">{text}</a>' in cited
    # A reference renders as a link with the target's heading as tooltip.
    beta = (site / "provisions" / "beta" / "index.html").read_text(encoding="utf-8")
    faq = (site / "faq" / "q1" / "index.html").read_text(encoding="utf-8")
    assert '<a class="reg-ref reg-ref--provision" href="../../provisions/alpha/" title="第1条 控制数量">' in faq or \
        'href="../alpha/" title="第1条 控制数量"' in beta
    # The first mention of a term links to the glossary, once per page.
    part = (site / "parts" / "part-one" / "index.html").read_text(encoding="utf-8")
    glossary = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert 'id="term-shuliang"' in glossary and "第1条 控制数量" in glossary
    text = (site / "provisions" / "gamma" / "index.html").read_text(encoding="utf-8")
    assert text.count('href="../../glossary/#term-huiyi"') == 1


def test_an_unknown_paper_size_is_refused_in_chinese(tmp_path):
    project = make_project(tmp_path / "p", BASE_CONTENT)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("handbook: false", "handbook: false\n    handbook_paper: Letter"),
                                        encoding="utf-8")
    assert "handbook_paper: Letter" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "纸张只能是 A4 或 A5，现为「Letter」" in result.stderr and "Traceback" not in result.stderr
