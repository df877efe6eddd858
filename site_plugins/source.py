"""Reading content files: bytes to text, front matter to data with a line for every value.

A content file is UTF-8 (a BOM and CRLF line endings are accepted). A Markdown
file starts with YAML front matter between two ``---`` lines; a ``.yml`` file is
YAML throughout. YAML is parsed once, into nodes that know their line; the
values are constructed from those same nodes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml

from .problems import ContentProblem


@dataclass
class Located:
    """Data read from YAML, with the line (1-based, in the file) of every key and item."""

    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)
    first_line: int = 1

    def line(self, *path) -> int:
        """The line of ``path`` (keys and list indexes), or of its nearest known parent."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.first_line


@dataclass
class Document:
    """One content file: its front matter (or whole YAML) and its Markdown body."""

    path: str  # relative to the project, for messages
    meta: Located
    body: str = ""
    body_line: int = 1  # file line of the body's first line
    auto_links: bool = True  # plain mentions (第9条) become links


#: A content file larger than this is a mistake (the largest real one is under 40 KB).
MAX_BYTES = 1_000_000


def read_text(file: Path, rel: str, root: Path | None = None) -> str:
    """The file's text; a device, a link out of ``root``, an oversized or non-UTF-8 file, or NUL is a problem."""
    resolved = file.resolve()
    if root is not None and not resolved.is_relative_to(root.resolve()):
        raise ContentProblem(rel, 1, None, "文件是指向仓库以外的链接，请放入真实文件")
    if not resolved.is_file():
        raise ContentProblem(rel, 1, None, "不是普通文件（可能是设备或特殊文件的链接）")
    with open(resolved, "rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise ContentProblem(rel, 1, None, f"文件超过 {MAX_BYTES // 1_000_000} MB，内容文件不应这么大")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ContentProblem(rel, line, None, "文件不是 UTF-8 编码，请用 UTF-8 另存") from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ContentProblem(rel, line, None, "文件含有空字符（NUL），请删去")
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, stricter: dates stay text (checked by the schema), no aliases, no duplicate keys."""

    depth: int  # how deep compose_node is now; set on first use

    def compose_node(self, *args: Any, **kwargs: Any) -> yaml.Node | None:
        """PyYAML's, refusing aliases and nesting deeper than MAX_DEPTH."""
        event = self.peek_event()
        # The pure-Python loader's marks: never the C library's (yaml._yaml.Mark).
        if isinstance(event, yaml.AliasEvent):
            raise yaml.MarkedYAMLError(problem="aliases are not supported",
                                       problem_mark=cast("yaml.error.Mark | None", event.start_mark))
        self.depth = getattr(self, "depth", 0) + 1
        try:
            if self.depth > MAX_DEPTH:
                raise yaml.MarkedYAMLError(problem="nested too deep",
                                           problem_mark=cast("yaml.error.Mark | None", event.start_mark))
            return yaml.SafeLoader.compose_node(self, *args, **kwargs)
        finally:
            self.depth -= 1


#: How deep YAML may nest (our deepest content is 4 levels): beyond, a clear error, not a RecursionError.
MAX_DEPTH = 20


class _FastLoader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]
    """The same constructors on libyaml's parser: ten times faster, and most of what a rebuild under
    ``mkdocs serve`` spent reading content."""


def _timestamp(loader: _Loader, node: yaml.ScalarNode) -> str:
    """A date stays the text it was written as: the schema checks it."""
    return loader.construct_scalar(node)


def _mapping(loader, node, deep=False):
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.MarkedYAMLError(problem=f"duplicate key {key}", problem_mark=key_node.start_mark)
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


for _loader in (_Loader, _FastLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
    _loader.add_constructor("tag:yaml.org,2002:map", lambda loader, node: _mapping(loader, node))


class _Unusual(Exception):
    """YAML the fast loader leaves to the checking one: an alias, or nesting deeper than MAX_DEPTH."""


def parse_yaml(text: str, rel: str, first_line: int = 1) -> Located:
    """Parse YAML text that starts at ``first_line`` of file ``rel``.

    Read with libyaml when it is installed; anything it refuses, and anything unusual, is read
    again by the pure-Python loader, whose messages are the ones explained to editors."""
    if yaml.__with_libyaml__:
        try:
            return _parse_fast(text, first_line)
        except (yaml.YAMLError, _Unusual, RecursionError):
            pass
    return _parse_checked(text, rel, first_line)


def _parse_fast(text: str, first_line: int) -> Located:
    depth = 0
    for event in yaml.parse(text, Loader=_FastLoader):  # libyaml keeps its own stack: no recursion here
        if isinstance(event, yaml.AliasEvent):
            raise _Unusual
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth >= MAX_DEPTH:
                raise _Unusual
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return _located(_FastLoader(text), first_line)


def _located(loader: yaml.SafeLoader | _FastLoader, first_line: int) -> Located:
    """The loader's one document, with the file line of every key and item."""
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    located = Located(data, {}, first_line)
    if node is not None:
        _record_lines(node, (), located.lines, first_line - 1)
    return located


def _parse_checked(text: str, rel: str, first_line: int) -> Located:
    try:
        return _located(_Loader(text), first_line)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = (mark.line + first_line) if mark else first_line
        what = err.problem or err.context or ""
        raise ContentProblem(rel, line, None, f"YAML 格式错误：{_explain(what)}（{what}）") from None
    except yaml.YAMLError as err:
        raise ContentProblem(rel, first_line, None, f"YAML 格式错误（{err}）") from None
    except RecursionError:
        raise ContentProblem(rel, first_line, None, "YAML 嵌套太深（括号或缩进层层套叠），请检查格式") from None


#: PyYAML's commonest complaints, said for editors.
_EXPLAINED = {
    "expected ',' or ']'": "方括号列表没有闭合，或缺少逗号",
    "expected ',' or '}'": "花括号没有闭合，或缺少逗号",
    "mapping values are not allowed here": "这里不能有“字段: 值”：含冒号加空格的文字要加引号，或缩进不对",
    "could not find expected ':'": "缺少“字段: 值”中的冒号",
    "that cannot start any token": "有不能作开头的字符（如 Tab 缩进、@ 或 `），请改用空格缩进或给文字加引号",
    "found duplicate anchor": "重复的锚点",
    "found undefined alias": "引用了未定义的别名（* 开头的文字要加引号）",
    "did not find expected key": "缩进不对齐，或列表项与字段混在一起",
    "did not find expected '-' indicator": "列表的缩进不对齐",
    "found unexpected end of stream": "引号没有闭合",
    "while scanning a quoted scalar": "引号没有闭合",
    "aliases are not supported": "不支持 YAML 别名（* 开头的文字要加引号）",
    "duplicate key": "同一个字段写了两次",
    "nested too deep": f"嵌套超过{MAX_DEPTH}层（括号或缩进层层套叠），请检查格式",
}


def _explain(problem: str) -> str:
    return next((text for key, text in _EXPLAINED.items() if key in problem), "请检查这一行及上一行的格式")


def _record_lines(node: yaml.Node, path: tuple, lines: dict, offset: int) -> None:
    lines[path] = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            _record_lines(value_node, path + (key,), lines, offset)
            lines[path + (key,)] = key_node.start_mark.line + 1 + offset
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, path + (index,), lines, offset)


def read_markdown(file: Path, rel: str, root: Path | None = None) -> Document:
    text = read_text(file, rel, root)
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ContentProblem(rel, 1, None, "文件开头缺少 YAML 前言（第一行应为 ---）")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise ContentProblem(rel, 1, None, "YAML 前言没有结束（缺少第二个 --- 行）") from None
    meta = parse_yaml("\n".join(lines[1:end]), rel, first_line=2)
    body = "\n".join(lines[end + 1 :])
    return Document(rel, meta, body, body_line=end + 2)


def read_yaml(file: Path, rel: str, root: Path | None = None) -> Document:
    return Document(rel, parse_yaml(read_text(file, rel, root), rel))
