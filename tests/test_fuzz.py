"""Any content, however broken, gives a content error or a site: never another exception.

Random bytes, random YAML structures and random front matter (the schema's own field names with
values of any type) go into every kind of content file. The quick suite tries a few dozen of each;
the slow run tries thousands.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from site_plugins import schema
from site_plugins.load import load
from site_plugins.problems import ContentErrors

from conftest import BASE_CONTENT

#: Each kind of content file in the base fixture, with its fields.
FILES = {
    "regulation.md": schema.REGULATION,
    "parts/01.md": schema.PART,
    "provisions/01.md": schema.PROVISION,
    "faq/q1.md": schema.FAQ,
    "articles/one.md": schema.ARTICLE,
    "glossary.yml": schema.GLOSSARY_FILE,
    "quiz/01.yml": schema.QUIZ_FILE,
    "sources/official-sentences.yml": schema.SENTENCES_FILE,
    "sources/notices.yml": schema.NOTICES_FILE,
    "sources/sources.yml": schema.SOURCES_FILE,
}

scalars = st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False) | st.text(max_size=30) \
    | st.dates().map(str) | st.sampled_from(["第1条", "[[第1条]]", "[[原文:s1]]", "[[原文:s1|只减不增]]", "2024-13-40", "A"])
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                      max_leaves=12)


def front_matter(spec: dict) -> st.SearchStrategy:
    """Mappings with the schema's field names (and a stray one now and then), values of any shape."""
    names = st.sampled_from([*spec, "unknown"])
    return st.dictionaries(names, values | st.lists(st.dictionaries(st.sampled_from(["text", "id", "slug", "notice", "date"]),
                                                                      values, max_size=4), max_size=3), max_size=8)


def as_file(name: str, data, body: str = "正文。") -> bytes:
    text = yaml.safe_dump(data, allow_unicode=True)
    return (f"---\n{text}---\n{body}\n" if name.endswith(".md") else text).encode("utf-8")


@pytest.fixture(scope="module")
def content():
    where = Path(tempfile.mkdtemp()) / "content"
    shutil.copytree(BASE_CONTENT, where)
    yield where
    shutil.rmtree(where.parent, ignore_errors=True)


def loads_or_reports(content: Path, name: str, data: bytes, **options) -> None:
    file = content / name
    original = file.read_bytes() if file.exists() else None
    file.write_bytes(data)
    try:
        load(content, **options)
    except ContentErrors as errors:
        assert errors.problems and all(p.path.startswith("content") and p.line >= 1 for p in errors.problems)
    finally:
        if original is None:
            file.unlink()
        else:
            file.write_bytes(original)


#: Lines a release is made of, right and wrong: the synthetic release's own, and others.
RELEASE_LINES = [*(BASE_CONTENT.parent.parent / "fulltext" / "release.txt").read_text(encoding="utf-8").splitlines(),
                 "三、第三部分", "十、", "4.", "0.零条。", "2.没有句号", "1.控制数量。", "（未闭合的题注", "1.2.3", "一、"]


def _cases(examples: int):
    quick = settings(max_examples=examples, deadline=None, derandomize=examples < 100,
                     suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

    @quick
    @given(name=st.sampled_from(sorted(FILES)), data=st.binary(max_size=400))
    @example(name="glossary.yml", data=b"?")  # a key that is not text (None), found by CI
    @example(name="glossary.yml", data=b"terms:\n  - 1: x\n")
    def random_bytes(content, name, data):
        loads_or_reports(content, name, data)

    @quick
    @given(name=st.sampled_from(sorted(FILES)), data=values)
    def random_structures(content, name, data):
        loads_or_reports(content, name, as_file(name, data))

    @quick
    @given(data=st.data())
    def random_front_matter(content, data):
        name = data.draw(st.sampled_from(sorted(FILES)))
        body = data.draw(st.sampled_from(["正文。", "", "[[第9条]]", "## 标题\n\n第1条", "[[原文:nope]]"]))
        loads_or_reports(content, name, as_file(name, data.draw(front_matter(FILES[name])), body))

    @quick
    @given(lines=st.lists(st.sampled_from(RELEASE_LINES) | st.text(max_size=20), max_size=20),
           crlf=st.booleans(), placeholders=st.booleans())
    def random_full_texts(content, lines, crlf, placeholders):
        text = ("\r\n" if crlf else "\n").join(lines)
        loads_or_reports(content, "sources/full-text.txt", text.encode("utf-8"), allow_test_placeholders=placeholders)

    return random_bytes, random_structures, random_front_matter, random_full_texts


quick_bytes, quick_structures, quick_front_matter, quick_full_texts = _cases(30)
slow_bytes, slow_structures, slow_front_matter, slow_full_texts = _cases(700)


def test_random_bytes(content):
    quick_bytes(content)


def test_random_yaml_structures(content):
    quick_structures(content)


def test_random_front_matter(content):
    quick_front_matter(content)


def test_random_full_texts(content):
    quick_full_texts(content)


@pytest.mark.slow
def test_thousands_of_random_files(content):
    """700 examples of each of the four kinds: 2,800 in all."""
    slow_bytes(content)
    slow_structures(content)
    slow_front_matter(content)
    slow_full_texts(content)
