"""Page numbers of cross-references (第9条（第23页）), the table of contents and the keyword index,
laid out once when the pages of their targets are known.

Left to ``target-counter()``, WeasyPrint lays out again every page whose targets it had not yet
placed, and the pages after them: the learner edition took 323 page layouts for its 148 pages.
Given where the anchors fell the last time the same PDF was laid out (kept in the cache beside
it), the numbers are written into the HTML as they are (``data-page``, printed by ``attr()``),
the document is laid out once, and the result is checked: if every referenced anchor lies on the
page its number says, that layout is the PDF (152 layouts, 38% less time here). If an edit moved
a page, the numbers are corrected and laid out once more; should they still disagree, or with no
earlier layout to go by, WeasyPrint resolves them itself as before.
"""
from __future__ import annotations

import re
from typing import Any

#: A link that prints its target's page: cross-references, the keyword index, the table of contents.
_NUMBERED = re.compile(
    r'<(?:li class="toc__(?:front|part|provision)"><a'
    r'|a class="(?:reg-ref reg-ref--(?:provision|part|faq|article)|page-ref)") href="#([^"]+)"'
)

#: The print stylesheet's page numbers, taken from ``data-page`` instead of ``target-counter()``.
LITERAL_CSS = """
.toc a::after { content: leader('.') attr(data-page); }
a.reg-ref--provision[href^="#"]::after, a.reg-ref--part[href^="#"]::after,
a.reg-ref--faq[href^="#"]::after, a.reg-ref--article[href^="#"]::after,
.page-ref::after { content: "（第" attr(data-page) "页）"; }
"""

#: How many literal layouts to try before leaving the numbers to WeasyPrint.
ATTEMPTS = 2


def referenced(html: str) -> set[str]:
    """The anchors whose page ``html`` prints."""
    return set(_NUMBERED.findall(html))


def numbered(html: str, pages: dict[str, int]) -> str:
    """``html`` with each page-printing link carrying its target's page in ``data-page``."""
    return _NUMBERED.sub(lambda m: f'{m[0]} data-page="{pages.get(m[1], "")}"', html)


def anchor_pages(document: Any) -> dict[str, int]:
    """Each anchor of a laid-out WeasyPrint document, with the number of the page it is on."""
    found: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for name in page.anchors:
            found.setdefault(name, number)
    return found


def agree(pages: dict[str, int], laid_out: dict[str, int], wanted: set[str]) -> bool:
    """Whether every wanted anchor lies on the page ``pages`` printed for it."""
    return all(name in laid_out and pages.get(name) == laid_out[name] for name in wanted)
