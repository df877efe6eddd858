"""What readers must never see: raw markup, file names, internal ids, repository paths,
editors' process notes, collectors' tags, raw or percent-encoded addresses.

One list of kinds, used twice: on the model's printed text when content loads
(``load`` reports a content error with file and line) and on the built pages and
PDFs as a backstop (``scan_html``, ``scan_pdf_text``; the plugin names the page).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_ASCII_WORD = r"(?<![A-Za-z0-9_./-]){}(?![A-Za-z0-9_-])"

#: Each kind of leak: its name for editors, and the pattern that finds it in plain text.
KINDS: list[tuple[str, re.Pattern]] = [
    ("标记", re.compile(r"\[\[|\]\]|\{\{|\}\}|\{%|%\}")),
    ("HTML 实体", re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6});")),
    ("文件名", re.compile(_ASCII_WORD.format(r"[A-Za-z0-9_-]+\.(?:txt|md|ya?ml|js|json|py|csv)"))),
    ("内部文件编号", re.compile(r"\d{3}_[0-9a-f]{12,}")),
    ("仓库路径", re.compile(_ASCII_WORD.format(r"[a-z0-9][a-z0-9_.-]+/[a-z0-9_.-]+(?:/[a-z0-9_.-]+)*"))),
    ("网址", re.compile(r"https?://|www\.[a-z0-9-]+\.")),
    ("网址编码", re.compile(r"(?:%[0-9A-Fa-f]{2})+")),
    # “南方+” is the name of a news app, not a tag.
    ("收集者标签", re.compile(r"（[^（）]*?(?<!南方)\+[^（）]*）")),
    ("编辑过程说明", re.compile(r"录入这句|标点宽度|统一为全角|下面列出的")),
    ("待填写的模板文字", re.compile("待填写")),  # newfile.TODO: left by jianfu new until the editor writes
]


#: An ASCII word that may be an internal id (p01-full, n-2024-05-13).
_WORD = re.compile(_ASCII_WORD.format(r"[A-Za-z0-9][A-Za-z0-9_-]*"))

#: What an editor should do about each kind, in the content error.
ADVICE = {
    "标记": "请检查 [[…]] 的写法",
    "HTML 实体": "请直接写字符，不要写 HTML 实体",
    "文件名": "来源请写它是什么（如“中央办公厅负责人答记者问（2024年8月）”），不写文件名",
    "内部文件编号": "来源请写它是什么，不写文件编号",
    "仓库路径": "来源请写它是什么，地址放在 sources/sources.yml 的 urls 中",
    "网址": "网址请写成链接 [文字](网址)，或放在 sources/sources.yml 的 urls 中",
    "网址编码": "不要把编码后的网址写成文字",
    "收集者标签": "通报标题只写发文机关的标题，汇集者加的标签请移到 tags 字段",
    "编辑过程说明": "这是编辑过程的说明，请删去或改写给读者看",
    "内部编号": "这是内部编号，请写读者能看懂的名称",
    "待填写的模板文字": "这是 jianfu new 留下的模板文字，请换成内容",
}


@dataclass(frozen=True)
class Leak:
    kind: str
    text: str  # the offending piece, as found

    def __str__(self) -> str:
        return f"{self.kind}「{self.text}」"


def _internal_id(word: str) -> bool:
    """Ids that only editors use look like codes: a hyphen, an underscore or a digit among letters."""
    return bool(re.search(r"[-_0-9]", word)) and bool(re.search(r"[A-Za-z]", word))


def find(text: str, ids: frozenset[str] | set[str] = frozenset(), markdown: bool = False) -> list[Leak]:
    """Every leak in ``text``, a piece of what a reader sees; ``ids`` are the content's internal ids.
    In ``markdown`` source, entities are how one writes a character, not a leak."""
    found = [Leak(kind, m[0]) for kind, pattern in KINDS for m in pattern.finditer(text)
             if not (markdown and kind == "HTML 实体")]
    if ids:
        for m in _WORD.finditer(text):
            if m[0] in ids and _internal_id(m[0]):
                found.append(Leak("内部编号", m[0]))
    # A file's id inside its file name is one leak, not two.
    return [leak for leak in found if not any(leak.text != other.text and leak.text in other.text for other in found)]


# ---------------------------------------------------------------------------
# Built pages
# ---------------------------------------------------------------------------

#: Attributes whose text a reader meets (tooltips, screen readers, missing images).
SHOWN_ATTRIBUTES = ("title", "aria-label", "alt")


class _ShownText(HTMLParser):
    """What a page shows: its text outside scripts and styles, and its shown attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1
        for name, value in attrs:
            if name in SHOWN_ATTRIBUTES and value:
                self.pieces.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.pieces.append(data)


def shown_text(page_html: str) -> list[str]:
    parser = _ShownText()
    parser.feed(page_html)
    parser.close()
    return parser.pieces


def scan_html(page_html: str, ids: frozenset[str] | set[str] = frozenset()) -> list[Leak]:
    """Leaks in a built page's visible text and its ``title``, ``aria-label`` and ``alt``."""
    return [leak for piece in shown_text(page_html) for leak in find(piece, ids)]


def scan_pdf_text(pages: list[str], ids: frozenset[str] | set[str] = frozenset()) -> list[tuple[int, Leak]]:
    """Leaks in a PDF's text, page by page (1-based page numbers)."""
    return [(n, leak) for n, text in enumerate(pages, 1) for leak in find(text, ids)]
