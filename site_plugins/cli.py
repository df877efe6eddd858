"""``jianfu``: the editors' command line.

    jianfu check                 检查全部内容（不构建网站和 PDF）
    jianfu status                各条内容的完成情况
    jianfu new faq|article|case|quiz|term …   按模板新建内容
    jianfu import scan FILE …    把扫描的答记者问整理成文章
    jianfu import full-text FILE 导入全文（新华社受权发布稿）

Exit codes: 0 clean, 1 content errors, 2 usage errors (argparse's own convention).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import fulltext, newfile, scan, status
from .load import load
from .problems import ContentErrors, ContentProblem
from .source import read_text

#: argparse's own words, in Chinese (argparse looks its messages up through the module's ``_``).
_ZH = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "the following arguments are required: %s": "缺少参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "需要一个值",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
}
argparse._ = lambda text: _ZH.get(text, text)  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")


def _loaded(args, unless: str = ""):
    """The content's model; or None, with every problem printed as file:line: field：message."""
    try:
        return load(args.content)
    except ContentErrors as errors:
        for problem in errors.problems:
            print(problem)
        print(f"内容有 {len(errors.problems)} 处错误{unless}。", file=sys.stderr)
        return None


def check(args) -> int:
    start = time.perf_counter()
    if _loaded(args) is None:
        return 1
    print(f"内容没有发现错误（{time.perf_counter() - start:.1f} 秒）。")
    return 0


def show_status(args) -> int:
    regulation = _loaded(args, unless="，改好后才能统计")
    if regulation is None:
        return 1
    print(status.table(status.rows(regulation)))
    if regulation.full_text_held:
        print(f"\n已取得全文。以下 {len(regulation.revisions)} 处需要编辑按全文逐一修改：")
        for revision in regulation.revisions:
            print(f"  {revision}")
    return 0


def import_scan(args) -> int:
    return scan.main([str(args.file), *args.rest])


def import_full_text(args) -> int:
    """Tidy a pasted release and write it where the loader looks for it; then check everything."""
    try:
        text = read_text(args.file, str(args.file))
    except ContentProblem as problem:
        print(problem)
        return 2
    target = Path(args.content) / fulltext.FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(fulltext.tidy(text), encoding="utf-8")
    print(f"已写入 {target}（已统一为全角标点、去掉多余空格）。下面检查全部内容：")
    return check(args)


def parser() -> argparse.ArgumentParser:
    main = _Parser(prog="jianfu", description="《若干规定》学习网站的编辑工具。")
    main.add_argument("--content", type=Path, default=Path("content"), metavar="文件夹",
                      help="内容文件夹（默认：当前目录下的 content）")
    commands = main.add_subparsers(dest="command", metavar="命令", parser_class=_Parser, required=True)

    c = commands.add_parser("check", help="检查全部内容，不构建网站和 PDF", description="检查全部内容，不构建网站和 PDF。"
                            "每处错误一行：文件:行号: 字段：说明。没有错误返回 0，有错误返回 1，用法错误返回 2。")
    c.set_defaults(run=check)

    s = commands.add_parser("status", help="各条内容的完成情况", description="列出21条各有多少原文、解读、学习要点、"
                            "典型问题、案例、自测题和讨论题，并标出低于最低要求的地方。")
    s.set_defaults(run=show_status)

    newfile.add_commands(commands)

    i = commands.add_parser("import", help="导入外部文字", description="导入外部文字。")
    kinds = i.add_subparsers(dest="kind", metavar="种类", parser_class=_Parser, required=True)
    sc = kinds.add_parser("scan", help="把扫描的答记者问整理成文章", description="把扫描的答记者问整理成文章，"
                          "其余参数见 jianfu import scan 文件 --help。", add_help=False)
    sc.add_argument("file", type=Path, metavar="文件", help="扫描得到的文字文件（UTF-8）")
    sc.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    sc.set_defaults(run=import_scan)
    ft = kinds.add_parser("full-text", help="导入全文（新华社受权发布稿），写入 content/sources/full-text.txt",
                          description="把粘贴下来的全文整理好（全角标点、去掉多余空格和 Windows 换行），写入 "
                          "content/sources/full-text.txt，然后检查全部内容：每句已知原文都要在全文中找到。")
    ft.add_argument("file", type=Path, metavar="文件", help="全文的文字文件（UTF-8）")
    ft.set_defaults(run=import_full_text)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
