"""Markdown bodies, read once with markdown-it-py and rendered once for site and handbook.

Besides CommonMark (with tables), a body may quote the regulation's official text:

    [[原文:p03-qa]]                 the whole sentence p03-qa
    [[原文:p03-qa|一致性评估]]       a contiguous part of it

The quotation is checked against the sentence it names (punctuation width,
whitespace and the kind of quotation mark aside), and every problem is reported
with the body's file and line.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from .model import Sentence
from .problems import Collector

QUOTE = re.compile(r"\[\[原文[:：]\s*([^\]|｜\s]+)\s*(?:[|｜]([^\]]*))?\]\]")
_QUOTE_MARKS = str.maketrans({c: '"' for c in "“”‘’「」『』'"})


def normalize(text: str) -> str:
    """The form in which quotations are compared with official sentences."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_MARKS)
    return "".join(text.split())


def _quote_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[[", state.pos):
        return False
    match = QUOTE.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("official_quote", "q", 0)
        token.meta = {"id": match[1], "fragment": (match[2] or "").strip(), "offset": state.pos}
    state.pos = match.end()
    return True


def _heading_ids(tokens) -> None:
    """Give every heading an id made of its words, so pages can link to it and list it."""
    seen: set[str] = set()
    for token, inline in zip(tokens, tokens[1:]):
        if token.type == "heading_open":
            base = re.sub(r"[^\w]+", "-", inline.content).strip("-").lower() or "section"
            slug, n = base, 1
            while slug in seen:
                n += 1
                slug = f"{base}-{n}"
            seen.add(slug)
            token.attrSet("id", slug)


@dataclass
class Quotation:
    sentence_id: str
    fragment: str  # empty: the whole sentence
    line: int


templates = Environment(
    loader=PackageLoader("site_plugins", "templates"),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


class BodyRenderer:
    """Renders content bodies; knows the official sentences that bodies may quote."""

    def __init__(self, sentences: dict[str, Sentence], check: bool = True, paraphrases: set[str] = frozenset()):
        self.sentences = sentences
        self.paraphrases = paraphrases  # ids that may never be quoted as official text
        self.check = check  # False when the sentences themselves could not be read
        self.md = MarkdownIt("commonmark", {"html": False}).enable("table")
        self.md.inline.ruler.before("link", "official_quote", _quote_rule)
        # Set directly: add_render_rule would rebind the method to the renderer.
        self.md.renderer.rules["official_quote"] = self._render_quote
        self._quote_template = templates.get_template("quote.html")

    def render(self, body: str, rel: str, first_line: int, collector: Collector) -> Markup:
        """Render ``body`` (whose first line is line ``first_line`` of file ``rel``) to safe HTML."""
        tokens = self.md.parse(body)
        self._check_all(tokens, rel, first_line, collector)
        _heading_ids(tokens)
        return Markup(self.md.renderer.render(tokens, self.md.options, {}))

    def render_inline(self, text: str, rel: str, line: int, collector: Collector) -> Markup:
        """Render a one-line field (a measure, a problem) without a paragraph around it."""
        tokens = self.md.parseInline(text)
        self._check_all(tokens, rel, line, collector)
        return Markup(self.md.renderer.render(tokens[0].children or [], self.md.options, {}))

    def _check_all(self, tokens, rel: str, first_line: int, collector: Collector) -> None:
        if self.check:
            for quotation in self.quotations(tokens, first_line):
                self._check(quotation, rel, collector)

    @staticmethod
    def quotations(tokens, first_line: int) -> list[Quotation]:
        found = []
        for block in tokens:
            if block.type != "inline" or not block.children:
                continue
            for child in block.children:
                if child.type == "official_quote":
                    before = block.content[: child.meta["offset"]]
                    line = first_line + (block.map[0] if block.map else 0) + before.count("\n")
                    found.append(Quotation(child.meta["id"], child.meta["fragment"], line))
        return found

    def _check(self, quotation: Quotation, rel: str, collector: Collector) -> None:
        sentence = self.sentences.get(quotation.sentence_id)
        if sentence is None and quotation.sentence_id in self.paraphrases:
            collector.add(rel, quotation.line, "原文",
                          f"{quotation.sentence_id} 是转述，不是原文，不能用 [[原文:…]] 引用；请写成“据……转述”")
        elif sentence is None:
            collector.add(rel, quotation.line, "原文", f"引用的句子 {quotation.sentence_id} 不存在（见 official-sentences.yml）")
        elif quotation.fragment and normalize(quotation.fragment) not in normalize(sentence.text):
            collector.add(
                rel, quotation.line, "原文",
                f"「{quotation.fragment}」不是句子 {sentence.id} 的原文（原文：{sentence.text}）",
            )

    def _render_quote(self, tokens, idx, options, env) -> str:
        meta = tokens[idx].meta
        sentence = self.sentences.get(meta["id"])
        text = meta["fragment"] or (sentence.text if sentence else meta["id"])
        return self._quote_template.render(sentence=sentence, text=text)
