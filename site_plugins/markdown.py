"""Markdown bodies, read once with markdown-it-py and rendered once for site and handbook.

Besides CommonMark (with tables), a body may quote the regulation's official text:

    [[原文:p03-qa]]                 the whole sentence p03-qa
    [[原文:p03-qa|一致性评估]]       a contiguous part of it

and refer to the regulation's parts and the site's pages (see ``crossref``):

    [[第9条]]  [[第三部分]]  [[问:slug]]  [[文:slug]]  [[词:slug]]  [[第9条|这一条]]

Plain mentions such as 第9条 become references too, unless a page switches them
off. A body is parsed first (``parse``), its references are resolved on the whole
model (``crossref``), then it is rendered (``render``). Quotations are checked
against the sentence they name (punctuation width, whitespace and the kind of
quotation mark aside); every problem is reported with the body's file and line.
"""
from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from types import MethodType
from typing import cast

from markupsafe import Markup
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from . import notes
from .model import ORDINAL_NUMBER, Sentence
from .templating import templates
from .problems import Collector

QUOTE = re.compile(r"\[\[原文[:：]\s*([^\]|｜\s]+)\s*(?:[|｜]([^\]]*))?\]\]")
REFERENCE = re.compile(r"\[\[(?!原文[:：])\s*([^\]|｜]+?)\s*(?:[|｜]([^\]]*))?\]\]")
MENTION = re.compile(r"第(" + ORDINAL_NUMBER + r")(条|部分)")
_QUOTE_MARKS = str.maketrans({c: '"' for c in "“”‘’「」『』'"})


def normalize(text: str) -> str:
    """The form in which quotations are compared with official sentences."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_MARKS)
    return "".join(text.split())


def _bracket_rule(pattern: re.Pattern, token_type: str, tag: str, meta):
    """An inline rule for one ``[[…]]`` form: a token of ``token_type`` carrying ``meta(match)``."""
    def rule(state: StateInline, silent: bool) -> bool:
        if not state.src.startswith("[[", state.pos):
            return False
        match = pattern.match(state.src, state.pos)
        if not match:
            return False
        if not silent:
            token = state.push(token_type, tag, 0)
            token.meta = dict(meta(match), offset=state.pos)
        state.pos = match.end()
        return True
    return rule


_quote_rule = _bracket_rule(QUOTE, "official_quote", "q",
                            lambda m: {"id": m[1], "fragment": (m[2] or "").strip()})
_reference_rule = _bracket_rule(REFERENCE, "reg_ref", "a",
                                lambda m: {"ref": m[1], "label": (m[2] or "").strip(), "explicit": True})


#: How much of a sentence before a mention the resolver sees: enough for 《……》第一条 or
#: 第三部分的第一条, and a bound that keeps a paragraph of 20,000 mentions linear.
CONTEXT = 200
SENTENCE_END = re.compile(r"[。！？；\n]")


def _mention_rule(state) -> None:
    """Core rule: plain mentions (第9条, 第三部分) in text become references, outside links and headings.

    Each mention carries the sentence's text before it (``meta["before"]``, at most ``CONTEXT``
    characters): its text, and the references and quotations in it, so that the resolver can tell
    第三部分的第一条 or 《……》第一条 from a mention of the regulation's own provision.
    """
    if not state.env.get("auto_links", True):
        return
    previous = None
    for block in state.tokens:
        if block.type == "inline" and block.children and (previous is None or previous.type != "heading_open"):
            block.children = split_text(block.children, _mention)
            before = ""
            for token in block.children:
                if token.type == "reg_ref":
                    if not token.meta["explicit"]:
                        token.meta["before"] = before
                    before += token.meta["ref"]  # 第三部分, also when shown as [[第三部分|这一部分]]
                elif token.type == "official_quote":
                    before += "“”"  # official words: never another document's title or a sentence end
                elif token.type in ("text", "code_inline"):
                    before += token.content
                before = SENTENCE_END.split(before[-4 * CONTEXT:])[-1][-CONTEXT:]
        previous = block


def _mention(text: str, start: int):
    match = MENTION.search(text, start)
    if not match:
        return None
    ref = Token("reg_ref", "a", 0)
    # "before" (the sentence up to the mention) is filled in by _mention_rule once the run is cut.
    ref.meta = {"ref": match[0], "label": "", "offset": None, "explicit": False, "before": ""}
    return match.start(), match.end(), ref


def split_text(tokens: list, cut) -> list:
    """Cut pieces out of the text tokens that lie outside links.

    ``cut(text, start)`` looks in a text token's content from ``start`` on; it returns
    ``(begin, end, token)`` to put ``token`` in place of ``text[begin:end]``, or None. It is then
    asked again from ``end``: one pass over each text, however many pieces it yields.
    """
    out, in_link = [], 0
    for token in tokens:
        in_link += token.type == "link_open"
        in_link -= token.type == "link_close"
        if token.type != "text" or in_link:
            out.append(token)
            continue
        text, done = token.content, 0
        while (hit := cut(text, done)) is not None:
            begin, end, piece = hit
            if begin > done:
                out.append(text_token(text[done:begin]))
            out.append(piece)
            done = end
        if done == 0:
            out.append(token)
        elif done < len(text):
            out.append(text_token(text[done:]))
    return out


def text_token(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def plain_text(body: "Body") -> str:
    """What a body reads as without markup: quotations in “”, references as their labels."""
    out = []
    for run in body.runs():
        for token in run.tokens:
            if token.type in ("text", "code_inline"):
                out.append(token.content)
            elif token.type in ("softbreak", "hardbreak"):
                out.append("")
            elif token.type == "reg_ref":
                out.append(token.meta.get("text") or token.meta["label"] or token.meta["ref"])
            elif token.type == "official_quote":
                out.append("“" + token.meta["text"] + "”")
    return "".join(out)


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
class Body:
    """A parsed body or one-line field, waiting for its references to be resolved and rendered."""

    tokens: list
    rel: str  # the file it came from
    first_line: int
    inline: bool  # a one-line field: rendered without a paragraph around it

    def runs(self):
        """Each run of inline tokens: its tokens, the line its source starts on, its source, and
        whether it is a heading. Assigning ``run.tokens`` replaces the run in the body."""
        if self.inline:
            yield Run(self, "tokens", self.first_line, "", False)
            return
        previous = None
        for block in self.tokens:
            if block.type == "inline" and block.children:
                line = self.first_line + (block.map[0] if block.map else 0)
                heading = previous is not None and previous.type == "heading_open"
                yield Run(block, "children", line, block.content, heading)
            previous = block


@dataclass
class Run:
    holder: object
    attribute: str
    line: int
    source: str  # the Markdown the run was parsed from (empty for a one-line field)
    heading: bool

    @property
    def tokens(self) -> list:
        return getattr(self.holder, self.attribute)

    @tokens.setter
    def tokens(self, value: list) -> None:
        setattr(self.holder, self.attribute, value)


@dataclass
class Quotation:
    sentence_id: str
    fragment: str  # empty: the whole sentence
    line: int



class BodyRenderer:
    """Renders content bodies; knows the official sentences that bodies may quote."""

    def __init__(self, sentences: dict[str, Sentence], check: bool = True, paraphrases: AbstractSet[str] = frozenset()):
        self.sentences = sentences
        self.paraphrases = paraphrases  # ids that may never be quoted as official text
        self.check = check  # False when the sentences themselves could not be read
        self.md = MarkdownIt("commonmark", {"html": False}).enable("table")
        self.md.inline.ruler.before("link", "official_quote", _quote_rule)
        self.md.inline.ruler.before("link", "reg_ref", _reference_rule)
        self.md.core.ruler.after("inline", "reg_mentions", _mention_rule)
        # Set directly: add_render_rule would rebind the method to the renderer.
        renderer = cast(RendererHTML, self.md.renderer)  # MarkdownIt's default renderer
        renderer.rules["official_quote"] = cast(MethodType, self._render_quote)  # bound, like the renderer's own
        renderer.rules["reg_ref"] = cast(MethodType, self._render_reference)
        self._quote_template = templates.get_template("quote.html")
        self._reference_template = templates.get_template("reference.html")

    def parse(self, text: str, rel: str, first_line: int, collector: Collector, *,
              inline: bool = False, auto_links: bool = True) -> Body:
        """Parse ``text`` (line ``first_line`` of file ``rel``) and check its quotations."""
        env = {"auto_links": auto_links}
        if inline:
            tokens = self.md.parseInline(text, env)
            body = Body(tokens[0].children or [], rel, first_line, inline=True)
        else:
            tokens = self.md.parse(text, env)
            _heading_ids(tokens)
            body = Body(tokens, rel, first_line, inline=False)
        for run in body.runs():
            for token in run.tokens:
                if token.type == "official_quote":
                    sentence = self.sentences.get(token.meta["id"])
                    token.meta["text"] = token.meta["fragment"] or (sentence.text if sentence else token.meta["id"])
        if self.check:
            for quotation in self.quotations(body):
                self._check(quotation, rel, collector)
        self._check_images(body, collector)
        return body

    @staticmethod
    def _check_images(body: Body, collector: Collector) -> None:
        """No image may come from the network or from outside content/ (the handbook would embed it)."""
        for run in body.runs():
            for token in run.tokens:
                if token.type != "image":
                    continue
                src = token.attrGet("src") or ""
                inside = posixpath.normpath(posixpath.join(posixpath.dirname(body.rel), src))
                if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", src) or src.startswith("//"):
                    message = f"不能引用网上或其他来源的图片（{src[:60]}）"
                elif src.startswith("/") or not inside.startswith("content/"):
                    message = f"图片在 content/ 以外（{src[:60]}），不能引用"
                else:
                    message = f"正文暂不支持插入图片（{src[:60]}），网站和手册都不会显示"
                collector.add(body.rel, run.line, "图片", message)

    def render(self, body: Body) -> Markup:
        """The body as safe HTML; references render as ``reg:`` links that each output maps to its URLs."""
        return Markup(self.md.renderer.render(body.tokens, self.md.options, {}))

    @staticmethod
    def quotations(body: Body) -> list[Quotation]:
        found = []
        for run in body.runs():
            for child in run.tokens:
                if child.type == "official_quote":
                    before = run.source[: child.meta["offset"]]
                    found.append(Quotation(child.meta["id"], child.meta["fragment"], run.line + before.count("\n")))
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

    def _render_reference(self, tokens, idx, options, env) -> str:
        meta = tokens[idx].meta
        return self._reference_template.render(target=meta.get("target"), text=meta.get("text") or meta["ref"])

    def _render_quote(self, tokens, idx, options, env) -> str:
        meta = tokens[idx].meta
        return self._quote_template.render(sentence=self.sentences.get(meta["id"]), text=meta["text"],
                                           note=notes.needs_note(meta["text"]))
