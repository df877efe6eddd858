"""The handbook: the model rendered to paged HTML, then to PDF with WeasyPrint.

Runs without MkDocs: ``write_handbook(load("content"), version, path)``.
The PDF is written to a temporary file beside ``path`` and moved into place
only when complete, so a failed run never leaves half a PDF behind.
"""
from __future__ import annotations

import datetime
import os
import tempfile
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from .. import quiz
from ..crossref import map_links
from ..model import Regulation
from ..version import Version

#: Where a reference lands inside the handbook.
ANCHORS = {"provision": "p-", "part": "part-", "faq": "faq-", "article": "article-", "term": "term-"}

_HERE = Path(__file__).parent
_env = Environment(
    loader=PackageLoader("site_plugins.handbook", "templates"),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_html(regulation: Regulation, version: Version, today: datetime.date | None = None) -> str:
    """The handbook as one paged HTML document."""
    html = _env.get_template("handbook.html").render(
        regulation=regulation,
        version=version,
        built=(today or datetime.date.today()).isoformat(),
        quizlib=quiz,
    )
    return map_links(html, lambda kind, key: f"#{ANCHORS[kind]}{key}")


def write_handbook(regulation: Regulation, version: Version, out: Path) -> Path:
    """Render the handbook to the PDF file ``out``; return ``out``."""
    from weasyprint import CSS, HTML  # heavy: only when a PDF is wanted

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    html = HTML(string=render_html(regulation, version), base_url=str(_HERE))
    stylesheet = CSS(filename=str(_HERE / "templates" / "print.css"))
    fd, tmp = tempfile.mkstemp(suffix=".pdf.part", dir=out.parent)
    os.close(fd)
    try:
        html.write_pdf(tmp, stylesheets=[stylesheet])
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the PDF is published
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return out
