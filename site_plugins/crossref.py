"""References between the regulation's parts, provisions, FAQ entries, articles and glossary terms.

Resolved once, on the model, so that the site and the handbook share them:

- ``[[第9条]]``, ``[[第三部分]]``, ``[[问:slug]]``, ``[[文:slug]]``, ``[[词:slug]]``, each with an
  optional ``|显示文字``; a target that does not exist is a content error with file and line;
- plain mentions (第9条, 第三部分) link too, except after another document's title in the same
  sentence (《……》第一条) and on the provision's own page; quotations of official text are
  tokens of their own and are never touched;
- the first mention of a glossary term on each page links to the term.

A resolved reference renders as ``href="reg:KIND/KEY"``; ``map_links`` turns those into the
URLs of one output (relative paths on the site, anchors in the handbook).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from markdown_it.token import Token

from .markdown import Body, split_text, text_token
from .problems import Collector

NUMERALS = {c: i for i, c in enumerate("〇一二三四五六七八九十")}
_LINK = re.compile(r'href="reg:([a-z]+)/([^"]+)"')
_TITLE = re.compile(r"《([^《》]+)》")
_SENTENCE_END = re.compile(r"[。！？；\n]")


def chinese_number(text: str) -> int | None:
    """3, 三, 十, 十一, 二十一 → int; None if it is not a number."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in NUMERALS for c in text):
        return None
    if "十" not in text:
        return int("".join(str(NUMERALS[c]) for c in text)) if len(text) == 1 else None
    tens, _, units = text.partition("十")
    return (NUMERALS[tens] if tens else 1) * 10 + (NUMERALS[units] if units else 0)


@dataclass(frozen=True)
class Target:
    kind: str  # provision | part | faq | article | term
    key: str  # the slug
    tooltip: str
    obj: object


@dataclass
class Citation:
    """A page that refers to a target, with the passage that does."""

    source: object  # the citing object: Provision, Part, FaqEntry, Article, GlossaryTerm, …
    target: object
    excerpt: str
    path: str
    line: int


_REF = re.compile(r"^第(\S+?)(条|部分)$|^(问|文|词)\s*[:：]\s*(\S+)$")


class Resolver:
    def __init__(self, regulation_titles: set[str], provisions, parts, faqs, articles, terms):
        self.titles = regulation_titles
        self.provisions = {p.number: Target("provision", p.slug, p.display_title, p) for p in provisions}
        self.parts = {p.number: Target("part", p.slug, p.display_title, p) for p in parts}
        self.by_prefix = {
            "问": {e.slug: Target("faq", e.slug, e.display_title, e) for e in faqs},
            "文": {a.slug: Target("article", a.slug, a.display_title, a) for a in articles},
            "词": {t.slug: Target("term", t.slug, f"{t.term}：{t.plain_definition}", t) for t in terms},
        }
        names = [(name, t) for t in terms for name in [t.term, *t.aliases]]
        self.term_names = sorted(names, key=lambda item: -len(item[0]))  # longest first
        self.total = len(provisions), len(parts)

    def lookup(self, ref: str) -> Target | None:
        match = _REF.match(ref.strip())
        if not match:
            return None
        if match[1]:
            number = chinese_number(match[1])
            table = self.provisions if match[2] == "条" else self.parts
            return table.get(number) if number is not None else None
        return self.by_prefix[match[3]].get(match[4])

    def why_not(self, ref: str) -> str:
        match = _REF.match(ref.strip())
        if not match:
            return "无法识别的引用；可用 [[第9条]]、[[第三部分]]、[[问:编号]]、[[文:编号]]、[[词:编号]]"
        if match[1]:
            if match[2] == "条":
                return f"第{match[1]}条不存在（本规定共{self.total[0]}条）"
            return f"第{match[1]}部分不存在（本规定共{self.total[1]}个部分）"
        kind = {"问": "常见问题", "文": "文章", "词": "术语"}[match[3]]
        return f"{kind} {match[4]} 不存在"

    def another_document(self, before: str) -> bool:
        """Whether the sentence so far names another document's title last (《……》第一条)."""
        sentence = _SENTENCE_END.split(before)[-1]
        titles = _TITLE.findall(sentence)
        return bool(titles) and titles[-1] not in self.titles

    # -- one body ------------------------------------------------------------

    def resolve(self, body: Body, page: object, seen_terms: set, problems: Collector) -> list[Citation]:
        """Resolve ``body``'s references in place; link first mentions of terms; return its citations."""
        citations = []
        for run in body.runs():
            found: list[Citation] = []
            tokens = []
            for token in run.tokens:
                if token.type != "reg_ref":
                    tokens.append(token)
                    continue
                meta = token.meta
                target = self.lookup(meta["ref"])
                if meta["explicit"] and target is None:
                    line = run.line + run.source[: meta["offset"]].count("\n")
                    problems.add(body.rel, line, "引用", f"[[{meta['ref']}]]：{self.why_not(meta['ref'])}")
                if target is None or (not meta["explicit"] and (target.obj is page or self.another_document(meta["before"]))):
                    tokens.append(text_token(meta["label"] or meta["ref"]))
                    continue
                meta["target"], meta["text"] = target, meta["label"] or meta["ref"]
                tokens.append(token)
                if target.obj is not page:
                    found.append(Citation(page, target.obj, "", body.rel, run.line))
            run.tokens = tokens
            for citation in found:
                citation.excerpt = _excerpt(tokens, citation.target)
            citations += found
            if not run.heading:
                run.tokens = self.link_terms(run.tokens, seen_terms, page)
        return citations

    def link_terms(self, tokens: list, seen: set, page: object) -> list:
        """Link the first mention of each term not yet ``seen`` on this page."""
        def cut(text: str, before: str):
            found = None
            for name, term in self.term_names:
                if term.slug in seen or term is page:
                    continue
                at = text.find(name)
                if at >= 0 and (found is None or at < found[0]):
                    found = (at, name, term)
            if found is None:
                return None
            at, name, term = found
            seen.add(term.slug)
            ref = Token("reg_ref", "a", 0)
            ref.meta = {"ref": name, "label": name, "target": self.by_prefix["词"][term.slug], "text": name,
                        "explicit": False}
            return at, at + len(name), ref

        return split_text(tokens, cut)


def _excerpt(tokens: list, target: object, width: int = 40) -> str:
    """One line of the citing passage around its first reference to ``target``."""
    text, at = "", None
    for token in tokens:
        if token.type == "reg_ref" and at is None and token.meta.get("target") and token.meta["target"].obj is target:
            at = len(text)
        if token.type in ("text", "code_inline"):
            text += token.content
        elif token.type == "reg_ref":
            text += token.meta.get("text") or token.meta["ref"]
        elif token.type == "official_quote":
            text += "“" + token.meta["text"] + "”"
    at = at or 0
    start = max(0, at - width // 2)
    excerpt = text[start: start + width]
    return ("…" if start else "") + excerpt + ("…" if start + width < len(text) else "")


def map_links(html: str, url_for: Callable[[str, str], str]) -> str:
    """Replace every ``reg:KIND/KEY`` link target by ``url_for(kind, key)``."""
    return _LINK.sub(lambda m: f'href="{url_for(m[1], m[2])}"', html)
