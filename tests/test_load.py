"""The loader against golden fixtures: each case's files over the base content, and the expected errors."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_plugins.load import load
from site_plugins.problems import ContentErrors

from conftest import BASE_CONTENT, FIXTURES, overlay

CASES = sorted(p.name for p in (FIXTURES / "load").iterdir() if p.is_dir())


def problems_of(content: Path) -> list[str]:
    try:
        load(content)
    except ContentErrors as errors:
        return [str(p) for p in errors.problems]
    return []


@pytest.mark.parametrize("case", CASES)
def test_golden_case(case, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(BASE_CONTENT, content)
    overlay(FIXTURES / "load" / case, content)
    expected = (FIXTURES / "load" / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert sorted(problems_of(content)) == sorted(expected)


def test_base_fixture_loads():
    regulation = load(BASE_CONTENT)
    assert [p.number for p in regulation.provisions] == [1, 2, 3]
    assert [len(part.provisions) for part in regulation.parts] == [2, 1]


def test_every_problem_in_one_run(tmp_path):
    """Problems in several files are all reported, not only the first."""
    content = tmp_path / "content"
    shutil.copytree(BASE_CONTENT, content)
    for case in ("unknown-field", "empty-body", "faq-unknown-provision"):
        overlay(FIXTURES / "load" / case, content)
    found = problems_of(content)
    assert len(found) == 3
    assert {f.split(":")[0] for f in found} == {
        "content/provisions/03.md", "content/parts/02.md", "content/faq/q1.md",
    }


def test_report_is_for_editors(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(BASE_CONTENT, content)
    overlay(FIXTURES / "load" / "provision-out-of-range", content)
    with pytest.raises(ContentErrors) as caught:
        load(content)
    report = caught.value.report()
    assert report.startswith("内容有 1 处错误")
    assert "content/provisions/03.md:10: related：第25条不存在（本规定共3条）" in report


def test_sentences_and_paraphrases_are_placed():
    regulation = load(BASE_CONTENT)
    assert [s.id for s in regulation.provision(1).sentences] == ["s1"]
    assert [s.id for s in regulation.parts[1].sentences] == ["s2"]  # part known, provision not
    assert [p.id for p in regulation.provision(2).paraphrases] == ["pp1"]
    assert regulation.provision(1).text_status == "partial"
    assert regulation.provision(3).text_status == "none"


def test_cases_know_their_notice_and_whether_they_predate_the_rule():
    cases = load(BASE_CONTENT).provision(1).cases
    assert [(c.notice.title, c.before_rule, c.positive) for c in cases] == [
        ("一份规定印发前的通报", True, False),
        ("一份规定印发后的通报", False, True),
    ]


def test_teaching_note_rendered():
    note = load(BASE_CONTENT).parts[0].teaching_note_html
    assert note.startswith("<p>一节课：先读<a class=\"reg-ref reg-ref--provision\" href=\"reg:provision/alpha\"")


@pytest.mark.parametrize("target, message", [
    ("/dev/zero", "文件是指向仓库以外的链接，请放入真实文件"),
    ("/etc/hostname", "文件是指向仓库以外的链接，请放入真实文件"),
])
def test_links_out_of_the_repository_are_refused(tmp_path, target, message):
    content = tmp_path / "content"
    shutil.copytree(BASE_CONTENT, content)
    (content / "faq" / "linked.md").symlink_to(target)
    assert problems_of(content) == [f"content/faq/linked.md:1: {message}"]


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(BASE_CONTENT, content)
    (content / "faq" / "huge.md").write_text("---\nslug: huge\n---\n" + "字" * 400_000, encoding="utf-8")
    assert problems_of(content) == ["content/faq/huge.md:1: 文件超过 1 MB，内容文件不应这么大"]
