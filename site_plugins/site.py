"""The site's pages and navigation, derived from the model (no MkDocs imports).

Each provision and part lives at a stable slug address. ``/provisions/N/`` and
``/parts/N/`` are aliases for the current numbers. When a provision is
renumbered, its old numbers are kept in ``previous_numbers``: the old address
then says the number changed and links on, and if another provision now holds
that number, it names both.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from .model import Part, Provision, Regulation, kind_of


@dataclass
class Alias:
    """What an old or numeric address leads to."""

    number: int
    current: Provision | Part | None  # what holds this number now
    former: list[Provision] = field(default_factory=list)  # what held it before and was renumbered

    @property
    def redirect_to(self) -> Provision | Part | None:
        """Where to send the reader at once: only when nothing about the number changed."""
        return self.current if not self.former else None


@dataclass
class SitePage:
    src_uri: str  # the generated Markdown file's path under docs
    title: str
    template: str  # the content template under overrides/partials/reg/
    obj: Any = None  # the model object the page shows
    meta: dict = field(default_factory=dict)


HOME, ARTICLES, FAQ = "index.md", "articles/index.md", "faq/index.md"
SOURCES, TIMELINE = "sources/index.md", "timeline/index.md"
GLOSSARY, KEYWORDS = "glossary/index.md", "keywords/index.md"
EXAM, BANK_JSON, BANK_CSV = "exam/index.md", "quiz/bank.json", "quiz/bank.csv"
#: The same, by name, for templates (``link(pages.exam)``).
PAGES = SimpleNamespace(home=HOME, articles=ARTICLES, faq=FAQ, sources=SOURCES, timeline=TIMELINE,
                        glossary=GLOSSARY, keywords=KEYWORDS, exam=EXAM, bank_json=BANK_JSON, bank_csv=BANK_CSV)
#: The addresses by number of provisions and parts (/provisions/9/): they forward to the page.
ALIASES = {"provision": "provisions/{}/index.md", "part": "parts/{}/index.md"}

#: Where each kind of thing lives on the site; ``{}`` is its slug. The one table of page paths.
PATHS = {
    "provision": "provisions/{}.md",
    "part": "parts/{}/index.md",
    "faq": "faq/{}.md",
    "article": "articles/{}.md",
    "term": GLOSSARY + "#term-{}",
}

#: Search weights (Material's per-page ``search.boost``). A provision ranks first for its own terms: its
#: keywords are its search tags (Material weighs a tag far above a title). Pages that list or point to
#: provisions (glossary, keyword index, sources, timeline) weigh less than what they point to.
PROVISION_BOOST, LISTING_BOOST = 2.0, 0.5


def provision_meta(p: Provision) -> dict:
    return {"search": {"boost": PROVISION_BOOST}, "tags": search_tags(p.keywords)}


def search_tags(keywords: list[str]) -> list[str]:
    """Keywords and their words (Material does not cut tags as it cuts text: 职责清单 must also be 职责, 清单)."""
    import jieba  # as Material's search plugin does, at build time only

    tags: list[str] = []
    for keyword in keywords:
        for tag in [keyword, *(w for w in jieba.lcut(keyword) if len(w.strip()) > 1)]:
            if tag not in tags:
                tags.append(tag)
    return tags


def target_uri(kind: str, key: str) -> str:
    """The page (and anchor) of a resolved reference ``reg:KIND/KEY``."""
    return PATHS[kind].format(key)


def uri_of(target) -> str:
    """The page of a model object; strings (a page's source path, a site file) pass through."""
    kind = kind_of(target)
    return target_uri(kind, target.slug) if kind else target


def provision_aliases(regulation: Regulation) -> list[Alias]:
    aliases = {p.number: Alias(p.number, p) for p in regulation.provisions}
    for p in regulation.provisions:
        for old in p.previous_numbers:
            aliases.setdefault(old, Alias(old, None)).former.append(p)
    return [aliases[n] for n in sorted(aliases)]


def pages(regulation: Regulation) -> list[SitePage]:
    """Every page of the site, in reading order."""
    hidden = {"search": {"exclude": True}, "hide": ["toc"]}
    out = [SitePage(HOME, regulation.title, "home.html", regulation, {"hide": ["toc"]})]
    for part in regulation.parts:
        out.append(SitePage(uri_of(part), f"{part.label} {part.title}", "part.html", part))
        for p in part.provisions:
            out.append(SitePage(uri_of(p), f"{p.label} {p.heading}", "provision.html", p, provision_meta(p)))
    out.append(SitePage(ARTICLES, "文章", "articles.html", regulation.articles))
    out += [SitePage(uri_of(a), a.title, "article.html", a) for a in regulation.articles]
    out.append(SitePage(FAQ, "常见问题", "faq-index.html", regulation.faqs))
    out += [SitePage(uri_of(e), e.question, "faq.html", e) for e in regulation.faqs]
    out.append(SitePage(EXAM, "综合测验", "exam.html", regulation, {"hide": ["toc"], "search": {"exclude": True}}))
    listing = {"search": {"boost": LISTING_BOOST}}
    out.append(SitePage(GLOSSARY, "术语", "glossary.html", regulation.glossary, dict(listing)))
    out.append(SitePage(KEYWORDS, "关键词索引", "keywords.html", regulation, dict(listing)))
    out.append(SitePage(TIMELINE, "时间线", "timeline.html", regulation.timeline, dict(listing)))
    out.append(SitePage(SOURCES, "原文与来源", "sources.html", regulation, dict(listing)))
    for alias in provision_aliases(regulation):
        out.append(SitePage(ALIASES[Provision.KIND].format(alias.number), f"第{alias.number}条", "alias.html", alias, hidden))
    for part in regulation.parts:
        out.append(SitePage(ALIASES[Part.KIND].format(part.number), part.label, "alias.html", Alias(part.number, part), hidden))
    return out


def nav(regulation: Regulation) -> list:
    """The navigation in the regulation's order, as MkDocs' ``nav`` setting."""
    items: list = [{"首页": HOME}]
    for part in regulation.parts:
        items.append({f"{part.label} {part.title}": [uri_of(part), *map(uri_of, part.provisions)]})
    items.append({"文章": [ARTICLES, *map(uri_of, regulation.articles)]})
    items.append({"常见问题": [FAQ, *map(uri_of, regulation.faqs)]})
    items.append({"综合测验": EXAM})
    items.append({"术语": GLOSSARY})
    items.append({"关键词索引": KEYWORDS})
    items.append({"时间线": TIMELINE})
    items.append({"原文与来源": SOURCES})
    return items
