"""The one Jinja environment of our own templates: the snippets bodies render with (quotations,
references), the map, the error page and the search worker (``site_plugins/templates``) and the
handbook's paged HTML (``site_plugins/handbook/templates``). The site's pages are the theme's
templates (``overrides/``), rendered by MkDocs's own environment.
"""
from __future__ import annotations

from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape

from . import notes

templates = Environment(
    loader=ChoiceLoader([PackageLoader("site_plugins", "templates"), PackageLoader("site_plugins", "handbook/templates")]),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
templates.globals["notes"] = notes  # quote.html and the handbook write note slots with notes.slot, the one writer
