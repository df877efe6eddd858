"""The schema: the one definition of every content field, and its documentation."""
from __future__ import annotations


def test_the_editors_guide_documents_every_field():
    """Every field name the schema knows appears, in backticks, in content/README.md."""
    import re

    from site_plugins import schema
    from site_plugins.schema import Field

    from conftest import ROOT

    def names(spec):
        for name, f in spec.items():
            yield name
            if f.items:
                yield from names(f.items)

    specs = [v for n, v in vars(schema).items()
             if n.isupper() and isinstance(v, dict) and v and all(isinstance(x, Field) for x in v.values())]
    guide = (ROOT / "content" / "README.md").read_text(encoding="utf-8")
    missing = sorted({n for spec in specs for n in names(spec) if not re.search(rf"`{re.escape(n)}[`:]", guide)})
    assert len(specs) >= 10 and not missing, missing
