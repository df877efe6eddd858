"""templating.py: compiled templates kept across rebuilds, and compiled again when a template changes."""
from jinja2 import DictLoader, Environment

from site_plugins.templating import CompiledTemplates


def _render(cache: CompiledTemplates, source: str) -> str:
    env = Environment(loader=DictLoader({"page.html": source}), bytecode_cache=cache)
    return env.get_template("page.html").render(name="条文")


def test_a_new_environment_takes_the_compiled_template(monkeypatch):
    cache = CompiledTemplates()
    assert _render(cache, "第{{ name }}") == "第条文"
    assert len(cache.compiled) == 1

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr(Environment, "compile", no_compiling)
    assert _render(cache, "第{{ name }}") == "第条文"


def test_a_changed_template_is_compiled_anew():
    cache = CompiledTemplates()
    _render(cache, "旧{{ name }}")
    assert _render(cache, "新{{ name }}") == "新条文"
