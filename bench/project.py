"""What the benchmarks share: a copy of our mkdocs.yml to build with, and a results page."""
from __future__ import annotations

import datetime
import os
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_plugins.config import standalone  # noqa: E402  (the one recipe, shared with the tests)


def site_config(where: Path, *, handbook: bool, name: str = "mkdocs.yml") -> Path:
    """Our mkdocs.yml, runnable from ``where``: the site with or without its PDFs (no offline edition)."""
    data = standalone(ROOT / "mkdocs.yml", ["search", {"regulation": {
        "content_dir": str(ROOT / "content"), "handbook": handbook, "offline_edition": False}}])
    where.mkdir(parents=True, exist_ok=True)
    (where / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return where / name


def publish(name: str, title: str, script: str, how: str, notes: list[str], header: list[str], rows: list[list]) -> None:
    """Write bench/NAME.md: a title, how it was run, and a table; and print it."""
    lines = [f"# {title}", "",
             f"命令：`.venv/bin/python bench/{script}`{how}。机器：{os.cpu_count()} 核；日期：{datetime.date.today()}。",
             *notes, "",
             "| " + " | ".join(header) + " |", "|" + "---|" * len(header),
             *("| " + " | ".join(str(cell) for cell in row) + " |" for row in rows)]
    (ROOT / "bench" / f"{name}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
