"""The one Jinja environment of our own templates: the snippets bodies render with (quotations,
references), the map, the error page and the search worker (``site_plugins/templates``) and the
handbook's paged HTML (``site_plugins/handbook/templates``). The site's pages are the theme's
templates (``overrides/``), rendered by MkDocs's own environment.
"""
from __future__ import annotations

from jinja2 import BytecodeCache, ChoiceLoader, Environment, PackageLoader, select_autoescape
from jinja2.bccache import Bucket

from . import notes

templates = Environment(
    loader=ChoiceLoader([PackageLoader("site_plugins", "templates"), PackageLoader("site_plugins", "handbook/templates")]),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
templates.globals["notes"] = notes  # quote.html and the handbook write note slots with notes.slot, the one writer


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory across the rebuilds of ``mkdocs serve``, which makes a new
    environment (and compiled the theme's templates anew) on every save. Jinja recompiles a template
    whose source changed; one instance per environment, since its settings (autoescape) shape the code."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
