"""Sentences a reader meets again and again: the measure of boilerplate across the site.

A teaching text says a thing once and links to it elsewhere. ``repeated`` finds every
sentence of ``MIN_CHARS`` characters or more that appears on more than ``MAX_PAGES``
pages. It reads a page's main text only: navigation, header, footer, the notes at
the end of a page and the regulation's own words (quotations, the 原文 block) are
not prose of ours, and quoting the same official sentence on several pages is right.

Run ``python -m site_plugins.repeats site/`` on a built site to list them.
"""
from __future__ import annotations

import re
import sys
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

from .markdown import SENTENCE_END

MIN_CHARS = 15
MAX_PAGES = 2

#: Where a page's own text is.
_MAIN = ("article", "md-content__inner")

#: Elements whose text is not prose to count: (tag, a class it carries, or "" for any). Links are
#: navigation (their words are another page's title); a case's source line, a page's facts, downloads
#: and provisions, and the excerpts of pages that cite it (their words, shown on their own page) too.
_SKIPPED = (
    ("script", ""), ("style", ""), ("template", ""), ("nav", ""), ("header", ""), ("footer", ""),
    ("blockquote", ""), ("q", ""), ("sup", ""), ("div", "footnote"), ("a", ""),
    ("span", "reg-case-source"), ("p", "reg-facts"), ("p", "reg-downloads"), ("figcaption", "reg-sentence__meta"),
    ("p", "reg-faq-provisions"), ("span", "reg-excerpt"),  # what a page is about; what others say of it
)

#: A page that only forwards a reader to another (an old address) has no text of its own.
_REDIRECT = re.compile(r'<meta http-equiv="refresh"', re.I)


class _MainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self._main = 0  # depth inside the main article
        self._skip: tuple[str, int] | None = None  # the skipped tag and its nesting

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self._skip:
            if tag == self._skip[0]:
                self._skip = (tag, self._skip[1] + 1)
            return
        if not self._main:
            if tag == _MAIN[0] and _MAIN[1] in classes:
                self._main = 1
            return
        if tag == _MAIN[0]:
            self._main += 1
        if any(tag == t and (not c or c in classes) for t, c in _SKIPPED):
            self._skip = (tag, 1)
        elif tag in ("p", "li", "h1", "h2", "h3", "h4", "td", "th", "dt", "dd", "br", "div"):
            self.text.append("\n")

    def handle_endtag(self, tag):
        if self._skip:
            if tag == self._skip[0]:
                depth = self._skip[1] - 1
                self._skip = (tag, depth) if depth else None
            return
        if self._main and tag == _MAIN[0]:
            self._main -= 1
        if self._main and tag in ("p", "li", "h1", "h2", "h3", "h4", "td", "th", "dt", "dd", "div"):
            self.text.append("\n")

    def handle_data(self, data):
        if self._main and not self._skip:
            self.text.append(data)


def sentences(page_html: str) -> set[str]:
    """The page's own sentences of ``MIN_CHARS`` characters or more, spaces removed."""
    parser = _MainText()
    parser.feed(page_html)
    parser.close()
    found = set()
    for piece in SENTENCE_END.split("".join(parser.text)):
        piece = re.sub(r"\s+", "", piece)
        if len(piece) >= MIN_CHARS:
            found.add(piece)
    return found


def repeated(pages: dict[str, str]) -> dict[str, list[str]]:
    """Each sentence found on more than ``MAX_PAGES`` pages, with those pages (``pages``: name → HTML)."""
    where: dict[str, list[str]] = defaultdict(list)
    for name, page_html in sorted(pages.items()):
        for sentence in sentences(page_html):
            where[sentence].append(name)
    return {s: names for s, names in sorted(where.items()) if len(names) > MAX_PAGES}


def site_pages(site: Path) -> dict[str, str]:
    """The built site's pages, without the 404 page and the pages that forward old addresses."""
    pages = {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))
             if p.name != "404.html"}
    return {name: text for name, text in pages.items() if not _REDIRECT.search(text)}


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "site")
    found = repeated(site_pages(site))
    for sentence, names in sorted(found.items(), key=lambda kv: -len(kv[1])):
        print(f"{len(names):3d} 页：{sentence}")
        print("      " + " ".join(names))
    print(f"共 {len(found)} 句出现在{MAX_PAGES}页以上。")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
