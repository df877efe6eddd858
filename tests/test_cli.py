"""``jianfu``, the editors' command line: check, status, new, import."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_plugins.cli import main
from site_plugins.newfile import insert_entry

from conftest import BASE_CONTENT, FIXTURES, ROOT, overlay


@pytest.fixture
def content(tmp_path) -> Path:
    where = tmp_path / "content"
    shutil.copytree(BASE_CONTENT, where)
    return where


def run(capsys, *argv) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exit:  # argparse: --help and usage errors
        code = exit.code
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_is_installed_with_the_project():
    jianfu = Path(sys.executable).parent / "jianfu"
    result = subprocess.run([jianfu, "--help"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and "用法：jianfu" in result.stdout and "检查全部内容" in result.stdout


def test_check_clean_content_exits_0(capsys, content):
    code, out, _ = run(capsys, "--content", content, "check")
    assert code == 0 and "没有发现错误" in out


def test_check_prints_each_error_as_file_line_field_message_and_exits_1(capsys, content):
    overlay(FIXTURES / "load" / "key-point-unknown-basis", content)
    code, out, err = run(capsys, "--content", content, "check")
    assert code == 1 and "1 处错误" in err
    assert out.splitlines() == [line for line in (FIXTURES / "load" / "key-point-unknown-basis" / "expected.txt")
                                .read_text(encoding="utf-8").splitlines()]
    assert "Traceback" not in out + err


@pytest.mark.parametrize("argv", [["nonsense"], ["check", "--nonsense"], ["new", "quiz"], []])
def test_usage_errors_exit_2_in_chinese(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2 and "用法：" in err and "错误" in err and "usage" not in err


def test_status_of_the_real_content(capsys, monkeypatch, regulation):
    import site_plugins.cli as cli

    asked = []  # the folder the command loads: the real content, which the session has loaded once already
    monkeypatch.setattr(cli, "load", lambda where: asked.append(where) or regulation)
    code, out, _ = run(capsys, "--content", ROOT / "content", "status")
    assert asked == [ROOT / "content"]
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:3] == ["条", "小标题", "原文"]
    rows = [line for line in lines if re.match(r"第\d+条", line)]
    assert len(rows) == 21 and rows[0].split()[2] == "完整"
    assert re.search(r"共21条；\d+条有不足", lines[-1])


def test_status_flags_what_falls_below_the_minimums(capsys, content):
    code, out, _ = run(capsys, "--content", content, "status")
    # The fixture's provisions have a few key points and quiz items at most.
    assert code == 0 and "学习要点少于3" in out and "自测题少于3" in out


@pytest.mark.parametrize("argv, made", [
    (["faq", "jiediao-qixian", "--provisions", "1", "--question", "借调最长多久？"], "faq/jiediao-qixian.md"),
    (["article", "xin-wenzhang", "--date", "2026-11"], "articles/xin-wenzhang.md"),
    (["case", "1", "--notice", "n-late"], "provisions/01.md"),
    (["quiz", "1", "--tests", "case"], "quiz/01.yml"),
    (["term", "借调期限"], "glossary.yml"),
])
def test_new_makes_an_entry_that_check_holds_until_the_editor_writes_it(capsys, content, argv, made):
    code, out, _ = run(capsys, "--content", content, "new", *argv)
    path, line = re.search(r"已新建：(.+):(\d+)", out).groups()
    assert code == 0 and Path(path) == content / made
    text = Path(path).read_text(encoding="utf-8")
    assert "待填写" in text.split("\n")[int(line) - 1]  # it points at the first blank to write in
    code, out, _ = run(capsys, "--content", content, "check")
    assert code == 1 and all("待填写" in problem for problem in out.splitlines()), out
    assert f"content/{made}:" in out
    # Once the editor writes in the blanks, the new entry loads.
    Path(path).write_text(text.replace("待填写：", "已写好的"), encoding="utf-8")
    code, out, _ = run(capsys, "--content", content, "check")
    assert code == 0, out


def test_new_quiz_numbers_the_next_item(capsys, content):
    run(capsys, "--content", content, "new", "quiz", "1")
    run(capsys, "--content", content, "new", "quiz", "1")
    ids = re.findall(r"id: (p01-\d+)", (content / "quiz" / "01.yml").read_text(encoding="utf-8"))
    assert ids[-2:] == ["p01-1", "p01-2"] or len(set(ids)) == len(ids)


def test_new_refuses_what_exists_or_cannot_be(capsys, content):
    assert run(capsys, "--content", content, "new", "faq", "q1", "--provisions", "1")[0] == 2
    assert run(capsys, "--content", content, "new", "faq", "Bad Slug", "--provisions", "1")[0] == 2
    code, out, _ = run(capsys, "--content", content, "new", "case", "9", "--notice", "n-late")
    assert code == 2 and "找不到第9条" in out


def test_insert_keeps_comments_layout_and_other_keys():
    text = "---\nnumber: 1\n# 案例按时间排\ncases:\n  - notice: a\n    text: 甲。\n\n  # 以下为正面典型\n  - notice: b\n    text: 乙。\ndiscussion:\n  - 问？\n---\n正文。\n"
    out, line = insert_entry(text, "cases", "- notice: c\n  text: 丙。")
    assert out == text.replace("    text: 乙。\n", "    text: 乙。\n  - notice: c\n    text: 丙。\n")
    assert out.split("\n")[line - 1] == "  - notice: c"


def test_insert_starts_a_list_that_is_missing():
    out, line = insert_entry("---\nnumber: 1\n---\n正文。\n", "cases", "- notice: c\n  text: 丙。")
    assert out == "---\nnumber: 1\ncases:\n- notice: c\n  text: 丙。\n---\n正文。\n" and line == 4


def test_import_scan_writes_the_article_the_importer_makes(capsys, tmp_path):
    import yaml

    golden = FIXTURES / "scan" / "expected.md"
    meta = yaml.safe_load(golden.read_text(encoding="utf-8").split("---")[1])
    out = tmp_path / "qa.md"
    code, _, _ = run(capsys, "import", "scan", FIXTURES / "scan" / "seed.txt", "--slug", meta["slug"],
                     "--source", meta["source"], "--date", meta["date"], "--order", meta["order"], "-o", out)
    assert code == 0 and out.read_text(encoding="utf-8") == golden.read_text(encoding="utf-8")


def test_import_full_text_tidies_writes_and_checks(capsys, content, tmp_path):
    pasted = tmp_path / "pasted.txt"
    release = (FIXTURES / "fulltext" / "release.txt").read_text(encoding="utf-8")
    pasted.write_text(release.replace("\n", "\r\n"), encoding="utf-8")
    code, out, _ = run(capsys, "--content", content, "import", "full-text", pasted)
    written = (content / "sources" / "full-text.txt").read_text(encoding="utf-8")
    assert "\r" not in written and "为了测试，制定如下规定。" in written and "1.控制数量。" in written
    # The synthetic release holds placeholder sentences: check refuses them, naming the lines.
    assert code == 1 and "content/sources/full-text.txt:10:" in out and "测试用占位句" in out


def test_status_lists_what_to_revise_once_the_full_text_is_held(capsys, content, monkeypatch):
    import site_plugins.cli as cli
    from site_plugins.load import load as real_load

    shutil.copyfile(FIXTURES / "fulltext" / "release.txt", content / "sources" / "full-text.txt")
    monkeypatch.setattr(cli, "load", lambda where: real_load(where, allow_test_placeholders=True))
    code, out, _ = run(capsys, "--content", content, "status")
    assert code == 0 and "已取得全文" in out
    assert "小标题由推断的“提升质量”改为全文的“提升文件质量”" in out and "content/faq/q1.md" in out


def test_the_pre_commit_hook_runs_check_on_content_changes():
    import yaml

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for repo in config["repos"] if repo["repo"] == "local" for h in repo["hooks"]]
    assert hook["files"] == "^content/" and hook["pass_filenames"] is False
    result = subprocess.run(hook["entry"].split(), capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and "没有发现错误" in result.stdout
