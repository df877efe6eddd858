"""References between the regulation's parts, provisions, FAQ entries, articles and glossary terms.

Resolved once, on the model, so that the site and the handbook share them:

- ``[[第9条]]``, ``[[第三部分]]``, ``[[问:slug]]``, ``[[文:slug]]``, ``[[词:slug]]``, each with an
  optional ``|显示文字``; a target that does not exist is a content error with file and line;
- plain mentions (第9条, 第三部分) link too, except on the target's own page and where the
  ordinal belongs to something else (see ``Resolver.mention``): another document named in the
  same sentence (《……》第一条, 办法（国办函〔2026〕12号）第一条, 配套文件，第一条写明…) or a part
  (第三部分的第一条 links the first provision of part 3); a doubtful one stays plain text.
  Quotations of official text are tokens of their own and are never touched; 第X项 is an item,
  never a reference;
- the first mention of a glossary term on each page links to the term.

A resolved reference renders as ``href="reg:KIND/KEY"``; ``map_links`` turns those into the
URLs of one output (relative paths on the site, anchors in the handbook).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, cast

from markdown_it.token import Token

from .markdown import SENTENCE_END, Body, BodyRenderer, split_text, text_token
from .integrity import no_such_part, no_such_provision
from .model import (
    CHINESE_NUMERALS, ORDINAL_NUMBER, Article, Case, FaqEntry, GlossaryTerm, Measure, Part, Problem, Provision,
    QuizItem, Regulation, chinese_number,
)
from .problems import Collector

_LINK = re.compile(r'href="reg:([a-z]+)/([^"]+)"')
#: What names a document in running text: a title, a document number, a word for a document,
#: or the regulation itself (本规定; its titles in 《》 are told apart by ``Resolver.titles``).
_DOCUMENT = re.compile(
    r"《(?P<title>[^《》]+)》"
    r"|(?P<number>[〔［\[]\s*\d{4}\s*[〕］\]]\s*第?\s*\d+\s*号)"
    r"|(?P<noun>配套文件|配套制度|实施细则|细则|办法|通知|通报|意见|方案|条例|决议)"
    r"|(?P<own>本规定|该规定)"
)
#: Between a document and the ordinal that belongs to it: 办法（国办函〔2026〕12号）第一条, 通知的第二条.
_ADJACENT = re.compile(r"^(?:\s|（[^（）]*）|\([^()]*\)|的|其|之)*$")
#: A part just before an ordinal of its own: 第三部分的第一条, 第三部分“统筹规范督查检查考核”的第一条.
_IN_PART = re.compile(
    r"(?:第(?P<number>" + ORDINAL_NUMBER + r")|(?P<this>本|该|这一?|此))部分"
    r"(?:“[^“”]*”|「[^「」]*」|（[^（）]*）)?(?:中|里|之中)?(?:的|之)?$"
)
#: A provision's ordinal in Chinese numerals: the site writes the regulation's own as 第9条.
_CHINESE_ORDINAL = re.compile(r"^第[" + CHINESE_NUMERALS[1:] + r"]+条$")
#: Any part named earlier in the sentence.
_ANY_PART = re.compile(r"部分")


@dataclass(frozen=True)
class Target:
    kind: str  # a key of model.KINDS
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
        self.provisions = {p.number: Target(p.KIND, p.slug, p.display_title, p) for p in provisions}
        self.parts = {p.number: Target(p.KIND, p.slug, p.display_title, p) for p in parts}
        self.by_prefix = {
            "问": {e.slug: Target(e.KIND, e.slug, e.display_title, e) for e in faqs},
            "文": {a.slug: Target(a.KIND, a.slug, a.display_title, a) for a in articles},
            "词": {t.slug: Target(t.KIND, t.slug, f"{t.term}：{t.plain_definition}", t) for t in terms},
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
                return no_such_provision(match[1], self.total[0])
            return no_such_part(match[1], self.total[1])
        kind = {"问": "常见问题", "文": "文章", "词": "术语"}[match[3]]
        return f"{kind} {match[4]} 不存在"

    def another_document(self, before: str, ref: str = "") -> bool:
        """Whether the ordinal ``ref`` (第一条, 第9条) after ``before`` belongs to another document.

        The last document named in the sentence so far decides: another document's title
        (《……》第一条) or document number (〔2026〕12号) makes any ordinal after it another
        document's; a word for a document (办法、通知、配套文件……) does so for an ordinal right
        after it (办法（国办函〔2026〕12号）第一条, 通知的第二条) and, for an ordinal in Chinese
        numerals, anywhere later in the sentence (配套文件，第一条写明…): this site writes the
        regulation's own provisions in Arabic numerals. 本规定 and the regulation's titles name
        this regulation.
        """
        sentence = SENTENCE_END.split(before)[-1]
        last = None
        for last in _DOCUMENT.finditer(sentence):
            pass
        if last is None or last["own"] or (last["title"] and last["title"] in self.titles):
            return False
        if last["title"] or last["number"]:
            return True
        return bool(_CHINESE_ORDINAL.match(ref)) or bool(_ADJACENT.match(sentence[last.end():]))

    def mention(self, meta: dict, page: object) -> Target | None:
        """The target of a plain mention (not ``[[…]]``), or None to leave it as plain text.

        Besides another document's ordinals (``another_document``), a provision's ordinal may count
        within a part: 第三部分的第一条 is the first provision of part 3 (本部分的第一条: of the page's
        part), and 第三部分的第9条 is provision 9 if part 3 holds it; with no such provision, or
        with a part named otherwise (该部分、这一部分), it stays plain. An ordinal in Chinese
        numerals in a sentence that names a part further back (第二部分列了三条，第一条……) is
        doubtful and stays plain too. A mention on its target's own page never links.
        """
        ref, before = meta["ref"], meta.get("before", "")
        target = self.lookup(ref)
        if target is None or self.another_document(before, ref):
            return None
        if target.kind != Provision.KIND:
            return target if target.obj is not page else None
        sentence = SENTENCE_END.split(before)[-1]
        arabic = not _CHINESE_ORDINAL.match(ref)
        in_part = _IN_PART.search(sentence)
        part: Part | None
        if in_part:
            if in_part["number"]:
                number = chinese_number(in_part["number"])
                part = cast(Part, self.parts[number].obj) if number in self.parts else None
            elif in_part["this"] == "本":  # the page's part, on a part's or a provision's page
                part = page if isinstance(page, Part) else getattr(page, "part", None)
            else:  # 该部分, 这一部分: which part is not ours to guess
                part = None
            if part is None:
                return None
            numbers = sorted(p.number for p in part.provisions)
            if arabic:  # the provision's own number, if the part holds it
                target = target if cast(Provision, target.obj).number in numbers else None
            else:  # the part's n-th provision
                n = chinese_number(ref[1:-1])
                assert n is not None  # lookup(ref) found the provision by this number
                target = self.provisions.get(numbers[n - 1]) if 0 < n <= len(numbers) else None
        elif not arabic and _ANY_PART.search(sentence):
            return None
        return target if target is not None and target.obj is not page else None

    # -- one body ------------------------------------------------------------

    def resolve(self, body: Body, page: object, seen_terms: set, problems: Collector) -> list[Citation]:
        """Resolve ``body``'s references in place; link first mentions of terms; return its citations."""
        citations = []
        for run in body.runs():
            found: list[Citation] = []
            cited: set[int] = set()
            tokens = []
            for token in run.tokens:
                if token.type != "reg_ref":
                    tokens.append(token)
                    continue
                meta = token.meta
                target = self.lookup(meta["ref"]) if meta["explicit"] else self.mention(meta, page)
                if meta["explicit"] and target is None:
                    line = run.line + run.source[: meta["offset"]].count("\n")
                    problems.add(body.rel, line, "引用", f"[[{meta['ref']}]]：{self.why_not(meta['ref'])}")
                if target is None:
                    tokens.append(text_token(meta["label"] or meta["ref"]))
                    continue
                meta["target"], meta["text"] = target, meta["label"] or meta["ref"]
                tokens.append(token)
                if target.obj is not page and id(target.obj) not in cited:  # one citation per target and run
                    cited.add(id(target.obj))
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
        def cut(text: str, start: int):
            found = None
            for name, term in self.term_names:
                if term.slug in seen or term is page:
                    continue
                at = text.find(name, start)
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


# -- the linking pass, on the whole model ---------------------------------------


def link(reg: Regulation, renderer: BodyRenderer, problems: Collector) -> None:
    """Resolve every body's references page by page, record who cites whom, render each body once."""
    resolver = Resolver({reg.title, reg.short_title}, reg.provisions, reg.parts, reg.faqs, reg.articles, reg.glossary)
    for page, bodies in pages(reg):
        seen_terms: set[str] = set()  # a term links at its first mention on each page only
        for prose in bodies:
            if prose.linked:  # an empty field, rendered as nothing when it was read
                continue
            citations = resolver.resolve(prose.parsed, page, seen_terms, problems)
            if not isinstance(page, QuizItem):  # a quiz item is not a page that cites
                for citation in citations:
                    _cite(citation)
            prose.render(renderer.render(prose.parsed))
    for p in reg.provisions:
        for other in p.related:
            _cite(Citation(p, other, "列为相关条文", p.origin.path, p.origin.line))
    for e in reg.faqs:
        for other in e.provisions + e.inferred_provisions:
            _cite(Citation(e, other, "列为涉及的条文", e.origin.path, e.origin.line))
    for term in reg.glossary:
        term.provisions = _provisions_naming(term, reg.provisions)


def pages(reg: Regulation):
    """Each page's model object with its bodies, in the order the page shows them: a term links at
    its first mention on a page, and a page's citations are listed in reading order."""
    yield reg, [reg.intro]
    for part in reg.parts:
        yield part, [part.body, part.teaching_note]
    for p in reg.provisions:
        described: list[Measure | Problem | Case] = [*p.measures, *p.problems, *p.cases]
        yield p, [*(k.text for k in p.key_points), p.body, *p.open_questions, *(x.text for x in described)]
    items: list[Article | FaqEntry] = [*reg.articles, *reg.faqs]
    for item in items:
        yield item, [item.body]
    yield "sources", [s.what for s in reg.sources]
    yield "timeline", [e.what for e in reg.timeline]
    for term in reg.glossary:
        yield term, [term.definition]
    for quiz_item in reg.quiz:
        yield quiz_item, [quiz_item.explanation]


def _cite(citation: Citation) -> None:
    """Record a citation on its target, once per citing page."""
    cited_by = getattr(citation.target, "cited_by", None)
    if cited_by is not None and all(c.source is not citation.source for c in cited_by):
        cited_by.append(citation)


def _provisions_naming(term: GlossaryTerm, provisions: list[Provision]) -> list[tuple[Provision, str]]:
    """The provisions whose known official text or heading contains the term."""
    found = []
    for p in provisions:
        if any(name in s.text for s in p.sentences for name in term.names):
            found.append((p, "text"))
        elif any(name in p.heading for name in term.names):
            found.append((p, "heading"))
    return found


def map_links(html: str, url_for: Callable[[str, str], str]) -> str:
    """Replace every ``reg:KIND/KEY`` link target by ``url_for(kind, key)``."""
    return _LINK.sub(lambda m: f'href="{url_for(m[1], m[2])}"', html)
