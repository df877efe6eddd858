"""source.py: content files to data with lines. libyaml reads what it can; the pure-Python loader,
whose messages are explained to editors, reads the rest. Both must give the same data and lines."""
from pathlib import Path

import pytest
import yaml

from site_plugins import source

CONTENT = Path(__file__).parent.parent / "content"


def _front_matters():
    for file in sorted(CONTENT.rglob("*")):
        if file.suffix == ".yml":
            yield file, source.read_text(file, file.name), 1
        elif file.suffix == ".md":
            text = source.read_text(file, file.name)
            lines = text.split("\n")
            if lines[0].strip() == "---":
                end = lines.index("---", 1)
                yield file, "\n".join(lines[1:end]), 2


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")
def test_fast_and_checked_loaders_agree_on_every_content_file():
    checked = 0
    for file, text, first_line in _front_matters():
        fast = source._parse_fast(text, first_line)
        slow = source._parse_checked(text, file.name, first_line)
        assert (fast.data, fast.lines) == (slow.data, slow.lines), file
        checked += 1
    assert checked > 80


@pytest.mark.parametrize("text", [
    "a: &x [1]\nb: *x\n",  # an alias
    "a:\n" + "".join(" " * (2 * i) + "- \n" for i in range(1, 30)),  # nested deep
    "a: 1\na: 2\n",  # a key twice
    "a: [1\n",  # not closed
])
def test_what_the_fast_loader_leaves_is_said_by_the_checking_one(text):
    with pytest.raises(source.ContentProblem) as raised:
        source.parse_yaml(text, "x.yml")
    assert "YAML" in str(raised.value)


def test_dates_stay_text_and_lines_are_the_files():
    located = source.parse_yaml("title: 标题\ndate: 2024-08-05\nitems:\n  - 一\n  - 二\n", "x.yml", first_line=2)
    assert located.data["date"] == "2024-08-05"
    assert located.line("items", 1) == 6
