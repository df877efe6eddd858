"""``jianfu new``: a new FAQ entry, article, case, quiz item or glossary term, from a template.

A FAQ entry or an article is a new file. A case, a quiz item or a term goes into an existing
YAML list (a provision's ``cases:``, a quiz file's ``items:``, the glossary's ``terms:``): it
is inserted as text after the list's last entry, so the file's comments, order and layout stay
as the editor left them (never a load-and-dump round trip). Every field is filled from a
template; what only the editor can write says ``待填写``, which ``check`` reports (file, line,
field) until it is replaced, so a template's words never reach a reader.

Values from the command line enter YAML as JSON strings (a valid YAML scalar, whatever they hold).
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from string import Template

from pypinyin import lazy_pinyin

#: The marker of what an editor still has to write (a content error until replaced: see leaks.py).
TODO = "待填写"

_TEMPLATES = Path(__file__).parent / "templates" / "new"


class NewError(Exception):
    """What cannot be created, in words for the editor (a usage error)."""


def _scalar(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _render(name: str, **values) -> str:
    return Template((_TEMPLATES / name).read_text(encoding="utf-8")).substitute(todo=TODO, **values)


def slug_for(words: str) -> str:
    """A slug from Chinese words: the pinyin of each word, words joined by hyphens (借调期限 → jiediao-qixian)."""
    import jieba  # loads its dictionary (a second or two): only when a slug is made

    jieba.setLogLevel(60)
    pieces = ("".join(lazy_pinyin(word)) for word in jieba.lcut(words))
    slug = "-".join(re.sub(r"[^a-z0-9]", "", p.lower()) for p in pieces)
    return re.sub(r"-+", "-", slug).strip("-")


def _check_slug(slug: str) -> str:
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug):
        raise NewError(f"网址名「{slug}」只能用小写字母、数字和连字符，如 jiediao-jiaoshi")
    return slug


def _new_file(path: Path, text: str) -> tuple[Path, int]:
    if path.exists():
        raise NewError(f"{path} 已经存在")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path, _first_todo(text, 1)


def _first_todo(text: str, start: int) -> int:
    """The first line from ``start`` (1-based) that the editor must write in."""
    lines = text.split("\n")
    return next((n for n in range(start, len(lines) + 1) if TODO in lines[n - 1]), start)


def insert_entry(text: str, key: str, entry: str) -> tuple[str, int]:
    """``text`` (YAML, or Markdown with YAML front matter) with ``entry`` appended to the top-level list ``key``.

    ``entry`` is written for a list at column 0 (``- a: 1``); it takes the indentation of the
    list's existing items. Returns the new text and the 1-based line where the entry starts.
    """
    lines = text.split("\n")
    front = lines[0].strip() == "---"
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), len(lines)) if front else len(lines)
    start = next((i for i in range(1 if front else 0, end) if re.match(rf"{re.escape(key)}:\s*(#.*)?$", lines[i])), None)
    indent: str | None
    if start is None:  # no such list yet: add it at the end of the YAML
        at = end
        while at > (1 if front else 0) and not lines[at - 1].strip():
            at -= 1
        block, indent = [f"{key}:"], ""
    else:
        at, indent = start + 1, None
        for i in range(start + 1, end):
            line = lines[i]
            if line.strip() and not line.startswith((" ", "-", "#")):
                break  # the next top-level key
            if line.strip() and not line.lstrip().startswith("#"):
                at = i + 1
                if indent is None and line.lstrip().startswith("- "):
                    indent = line[: len(line) - len(line.lstrip())]
        indent = indent or ""
        block = []
    block += [indent + line if line else line for line in entry.rstrip("\n").split("\n")]
    lines[at:at] = block
    first = next(i for i in range(at, at + len(block)) if lines[i].strip() and lines[i].strip() != f"{key}:")
    return "\n".join(lines), first + 1


def _insert(path: Path, key: str, entry: str) -> tuple[Path, int]:
    if not path.is_file():
        raise NewError(f"找不到 {path}")
    text, line = insert_entry(path.read_text(encoding="utf-8"), key, entry)
    path.write_text(text, encoding="utf-8")
    return path, _first_todo(text, line)


# -- the five kinds ----------------------------------------------------------


def new_faq(content: Path, args) -> tuple[Path, int]:
    slug = _check_slug(args.slug)
    return _new_file(content / "faq" / f"{slug}.md", _render(
        "faq.md", slug=slug, question=_scalar(args.question or f"{TODO}：读者会怎样问？"),
        provisions=", ".join(str(n) for n in args.provisions)))


def new_article(content: Path, args) -> tuple[Path, int]:
    slug = _check_slug(args.slug)
    return _new_file(content / "articles" / f"{slug}.md", _render(
        "article.md", slug=slug, title=_scalar(args.title or f"{TODO}：文章标题"), date=args.date))


def _provision_file(content: Path, number: int) -> Path:
    for path in sorted((content / "provisions").glob("*.md")):
        if re.search(rf"^number:\s*{number}\s*$", path.read_text(encoding="utf-8"), re.M):
            return path
    raise NewError(f"找不到第{number}条的文件（content/provisions/ 下没有 number: {number}）")


def new_case(content: Path, args) -> tuple[Path, int]:
    return _insert(_provision_file(content, args.provision), "cases",
                   _render("case.yml", notice=_scalar(args.notice)))


def new_quiz(content: Path, args) -> tuple[Path, int]:
    path = content / "quiz" / f"{args.provision:02d}.yml"
    if not path.is_file():
        _provision_file(content, args.provision)  # a provision that does not exist is the error to report
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# 第{args.provision}条的自测题\nitems:\n", encoding="utf-8")
    taken = [int(n) for n in re.findall(rf"^\s*-?\s*id:\s*p{args.provision:02d}-(\d+)\s*$",
                                         path.read_text(encoding="utf-8"), re.M)]
    item_id = f"p{args.provision:02d}-{max(taken, default=0) + 1}"
    return _insert(path, "items", _render("quiz.yml", id=item_id, provision=args.provision, tests=args.tests))


def new_term(content: Path, args) -> tuple[Path, int]:
    slug = _check_slug(args.slug or slug_for(args.term))
    path = content / "glossary.yml"
    if path.is_file() and re.search(rf"^\s*-?\s*slug:\s*{re.escape(slug)}\s*$", path.read_text(encoding="utf-8"), re.M):
        raise NewError(f"术语表里已有 slug: {slug}，请用 --slug 另取一个")
    return _insert(path, "terms", "\n" + _render("term.yml", slug=slug, term=_scalar(args.term)))


KINDS = {"faq": new_faq, "article": new_article, "case": new_case, "quiz": new_quiz, "term": new_term}


def run(args) -> int:
    content = Path(args.content)
    try:
        path, line = KINDS[args.kind](content, args)
    except NewError as err:
        print(f"jianfu new {args.kind}：{err}")
        return 2
    print(f"已新建：{path}:{line}")
    print(f"请把其中的“{TODO}”换成内容，再运行 jianfu check。")
    return 0


def add_commands(commands) -> None:
    """``new`` and its five kinds, on the ``jianfu`` parser's sub-commands."""
    new = commands.add_parser("new", help="按模板新建问答、文章、案例、自测题或术语",
                              description=f"按模板新建内容；需要编辑填写的地方写着“{TODO}”，填好前 check 会报错。")
    kinds = new.add_subparsers(dest="kind", metavar="种类", parser_class=type(new), required=True)

    faq = kinds.add_parser("faq", help="新建一个常见问题（content/faq/网址名.md）")
    faq.add_argument("slug", metavar="网址名", help="小写拼音和连字符，如 jiediao-qixian")
    faq.add_argument("--question", metavar="问题", help="读者会怎样问")
    faq.add_argument("--provisions", metavar="条号", type=int, nargs="+", required=True, help="确定涉及的条号")

    article = kinds.add_parser("article", help="新建一篇文章（content/articles/网址名.md）")
    article.add_argument("slug", metavar="网址名", help="小写拼音和连字符")
    article.add_argument("--title", metavar="标题")
    article.add_argument("--date", metavar="日期", required=True, help="YYYY-MM-DD，只到月份的写 YYYY-MM")

    case = kinds.add_parser("case", help="给某条加一个案例（写进该条文件的 cases）")
    case.add_argument("provision", metavar="条号", type=int)
    case.add_argument("--notice", metavar="通报编号", required=True, help="sources/notices.yml 中通报的 id")

    quiz = kinds.add_parser("quiz", help="给某条加一道自测题（写进 quiz/条号.yml）")
    quiz.add_argument("provision", metavar="条号", type=int)
    quiz.add_argument("--tests", choices=("requirement", "case", "source"), default="requirement",
                      help="这题考什么（默认 requirement）")

    term = kinds.add_parser("term", help="在术语表里加一个术语（写进 glossary.yml）")
    term.add_argument("term", metavar="术语")
    term.add_argument("--slug", metavar="网址名", help="默认用术语的拼音")
    new.set_defaults(run=run)
