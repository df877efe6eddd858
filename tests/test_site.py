"""Pages, navigation and number aliases derived from the model."""
from __future__ import annotations

import shutil

from site_plugins import site
from site_plugins.load import load

from conftest import BASE_CONTENT, FIXTURES, overlay


def test_navigation_follows_the_regulation():
    regulation = load(BASE_CONTENT)
    nav = site.nav(regulation)
    assert list(nav[1]) == ["第一部分 精简文件"]
    assert nav[1]["第一部分 精简文件"] == ["parts/part-one/index.md", "provisions/alpha.md", "provisions/beta.md"]
    assert [list(item)[0] for item in nav[-7:]] == ["文章", "常见问题", "综合测验", "术语", "关键词索引", "时间线", "原文与来源"]


def test_aliases_after_renumbering(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(BASE_CONTENT, content)
    shutil.rmtree(content / "provisions")
    overlay(FIXTURES / "renumbered", content)
    aliases = {a.number: a for a in site.provision_aliases(load(content))}
    assert aliases[1].current.slug == "beta" and [p.slug for p in aliases[1].former] == ["alpha"]
    assert aliases[1].redirect_to is None
    assert aliases[4].redirect_to.slug == "gamma"


def test_every_page_has_a_template_and_unique_path():
    pages = site.pages(load(BASE_CONTENT))
    paths = [p.src_uri for p in pages]
    assert len(paths) == len(set(paths))
    assert {p.template for p in pages} >= {"home.html", "part.html", "provision.html", "alias.html"}
