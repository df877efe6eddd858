"""The full text drops in: a synthetic release (known sentences and marked placeholders) over the base fixture."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_plugins import fulltext
from site_plugins.load import load
from site_plugins.problems import Collector, ContentErrors

from conftest import BASE_CONTENT, FIXTURES

RELEASE = (FIXTURES / "fulltext" / "release.txt").read_text(encoding="utf-8")


def with_release(tmp_path: Path, text: str = RELEASE) -> Path:
    content = tmp_path / "content"
    shutil.copytree(BASE_CONTENT, content)
    (content / fulltext.FILE).write_text(text, encoding="utf-8")
    return content


def problems(content: Path, **options) -> list[str]:
    try:
        load(content, **options)
    except ContentErrors as errors:
        return [str(p) for p in errors.problems]
    return []


def test_parse_reads_parts_provisions_and_headings_whatever_the_punctuation():
    messy = RELEASE.replace("\n", "\r\n").replace("制定如下规定", "制 定如下规定")
    found = Collector()
    release = fulltext.parse(messy, "content/sources/full-text.txt", found)
    assert not found.problems
    assert release.title == "测试规定" and release.note.startswith("2024年7月30日")
    assert release.preamble == "【测试用占位句】为了测试，制定如下规定。"  # full-width comma, no stray space
    assert [(p.number, p.title, p.line) for p in release.parts] == [(1, "精简文件", 8), (2, "精简会议", 14)]
    assert [(p.number, p.heading, p.part_number, p.line) for p in release.provisions] == [
        (1, "控制数量", 1, 10), (2, "提升文件质量", 1, 12), (3, "控制会议", 2, 16)]
    assert release.provisions[0].text == "1.控制数量。年度发文数量一般只减不增。【测试用占位句】其余的要求。"


def test_tidy_makes_the_release_clean_text():
    assert fulltext.tidy("1. 严控文件数量。地方 和部门(含市县),一般\r\n") == "1.严控文件数量。地方和部门（含市县），一般\n"


def test_the_release_makes_inferred_seen_and_replaces_inferred_headings(tmp_path):
    reg = load(with_release(tmp_path), allow_test_placeholders=True)
    assert reg.full_text_held and not any(p.is_inferred for p in reg.provisions)
    beta = reg.provisions[1]
    assert beta.heading == "提升文件质量" and beta.number_certainty == beta.heading_certainty == "seen"
    # Every provision's 原文 block is its whole text; fragments stay quotable and become confirmed.
    assert [[s.id for s in p.sentences] for p in reg.provisions] == [["第1条"], ["第2条"], ["第3条"]]
    s2 = reg.quotable["s2"]
    assert (s2.provision, s2.placement) == (3, "confirmed")
    assert reg.provisions[2].text_status == "complete"
    report = [str(r) for r in reg.revisions]
    assert any("小标题由推断的“提升质量”改为全文的“提升文件质量”" in r for r in report)
    assert any(r.startswith("content/faq/q1.md") and "可能涉及" in r for r in report)


def test_a_real_build_refuses_placeholder_sentences(tmp_path):
    found = problems(with_release(tmp_path))
    assert found and all("测试用占位句" in p for p in found)
    assert [p.split(":")[1] for p in found] == ["1", "10", "12", "16"]


@pytest.mark.parametrize("changes", [
    # A sentence recorded under provision 1 that the release has under provision 2.
    [("年度发文数量一般只减不增。【", "【"), ("文件要短。", "文件要短。年度发文数量一般只减不增。")],
    # A sentence the release does not have.
    [("会议应当精简。", "会议应当简短。")],
    # A heading recorded as seen that the release gives otherwise.
    [("3.控制会议。", "3.压缩会议。")],
    # A provision the content does not have.
    [("会议应当精简。【测试用占位句】", "会议应当精简。【测试用占位句】\n\n4.新增一条。【测试用占位句】")],
    # A provision the release does not have.
    [("3.控制会议。会议应当精简。【测试用占位句】", "")],
], ids=["sentence-elsewhere", "sentence-missing", "heading-differs", "extra-provision", "missing-provision"])
def test_each_disagreement_is_an_error_naming_both_places(tmp_path, changes):
    text = RELEASE
    for old, new in changes:
        assert old in text
        text = text.replace(old, new)
    found = problems(with_release(tmp_path, text), allow_test_placeholders=True)
    assert found and not any("Traceback" in p for p in found)
    joined = "\n".join(found)
    assert "content/sources/full-text.txt" in joined  # the release's side, with its line
    assert any(p.startswith(("content/sources/official-sentences.yml:", "content/provisions/")) for p in found) or \
        all(p.startswith("content/sources/full-text.txt:") and "content/provisions/" in p for p in found)


def test_sentence_in_another_provision_names_both(tmp_path):
    text = RELEASE.replace("年度发文数量一般只减不增。【", "【").replace("文件要短。", "文件要短。年度发文数量一般只减不增。")
    found = problems(with_release(tmp_path, text), allow_test_placeholders=True)
    assert len(found) == 1 and found[0].startswith("content/sources/official-sentences.yml:")
    assert "记在第1条" in found[0] and "第2条（content/sources/full-text.txt:12）" in found[0]


def test_seen_heading_that_differs_names_both(tmp_path):
    found = problems(with_release(tmp_path, RELEASE.replace("3.控制会议。", "3.压缩会议。")), allow_test_placeholders=True)
    assert found == ["content/provisions/03.md:6: heading：小标题“控制会议”与全文的“压缩会议”"
                     "（content/sources/full-text.txt:16）不同"]


def test_a_renumbered_provision_keeps_its_slug_and_gains_its_old_number(tmp_path):
    one = "1. 控制数量。年度发文数量一般只减不增。【测试用占位句】其余的要求。"
    two = "2.提升文件质量。【测试用占位句】文件要短。"
    text = RELEASE.replace(one, "@").replace(two, one.replace("1.", "2.", 1)).replace("@", two.replace("2.", "1.", 1))
    reg = load(with_release(tmp_path, text), allow_test_placeholders=True)
    alpha = next(p for p in reg.provisions if p.slug == "alpha")
    assert alpha.number == 2 and alpha.previous_numbers == [1]
    assert [p.slug for p in reg.provisions] == ["beta", "alpha", "gamma"]
    assert reg.quotable["s1"].provision == 2


def test_quotations_may_quote_the_full_text_by_provision(tmp_path):
    content = with_release(tmp_path)
    faq = content / "faq" / "q1.md"
    faq.write_text(faq.read_text(encoding="utf-8") + "\n全文说[[原文:第1条|其余的要求]]。\n", encoding="utf-8")
    assert not problems(content, allow_test_placeholders=True)
    faq.write_text(faq.read_text(encoding="utf-8") + "\n又说[[原文:第1条|另外的要求]]。\n", encoding="utf-8")
    found = problems(content, allow_test_placeholders=True)
    assert len(found) == 1 and "不是句子 第1条 的原文" in found[0]


def test_without_the_full_text_a_provision_cannot_be_quoted_whole(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(BASE_CONTENT, content)
    faq = content / "faq" / "q1.md"
    faq.write_text(faq.read_text(encoding="utf-8") + "\n全文说[[原文:第1条|其余的要求]]。\n", encoding="utf-8")
    found = problems(content)
    assert len(found) == 1 and "第1条" in found[0]


@pytest.fixture(scope="module")
def released_site(tmp_path_factory) -> Path:
    """The base fixture with the synthetic release, built with its PDFs (placeholders allowed: a test)."""
    from conftest import build, make_project

    where = tmp_path_factory.mktemp("released")
    content = with_release(where)
    project = make_project(where / "project", content, handbook=True, allow_test_placeholders=True)
    site = where / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.mark.slow
def test_inferred_marks_disappear_from_pages_search_and_pdfs(released_site):
    import json

    from conftest import pdf_text

    beta = (released_site / "provisions" / "beta" / "index.html").read_text(encoding="utf-8")
    assert "第2条 提升文件质量" in beta and "推断" not in beta.split('id="jiedu"')[0]
    assert "2.提升文件质量。【测试用占位句】文件要短。" in beta  # the 原文 block holds the whole provision
    for page in ("index.html", "parts/part-one/index.html", "sources/index.html"):
        html = (released_site / page).read_text(encoding="utf-8")
        assert "☆" not in html and "reg-badge" not in html, page
    index = json.loads((released_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not any("☆" in doc["title"] or "推断" in doc["title"] for doc in index["docs"])
    for pdf in ("handbook-learner.pdf", "handout-part-1.pdf"):
        text = "\n".join(pdf_text(released_site / pdf))
        assert "☆" not in text and "第2条 提升文件质量" in text and "第2条 提升质量" not in text, pdf
    learner = "\n".join(pdf_text(released_site / "handbook-learner.pdf"))
    assert "全文" in learner and "已知原文汇编" not in learner and "开头部分" not in learner


@pytest.mark.slow
def test_a_real_build_with_placeholders_fails_naming_the_lines(tmp_path):
    from conftest import build, make_project

    project = make_project(tmp_path / "project", with_release(tmp_path))
    result = build(project, tmp_path / "site")
    assert result.returncode != 0 and "测试用占位句" in result.stderr and "full-text.txt:10" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "site" / "index.html").exists()
