"""Benchmark: `jianfu check` against `mkdocs build` (site without PDFs, and with them), same content, same run.

    .venv/bin/python bench/check.py

An editor's check must take well under the time of a build. Figures are wall-clock seconds,
best of three for the check and the site-only build, one run for the full build; ratios are
against the full build's time in this run. Results go to bench/CHECK.md.
"""
from __future__ import annotations

import datetime
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def timed(args: list[str], runs: int) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, env=env, cwd=ROOT)
        best = min(best, time.perf_counter() - start)
    return best


def config(where: Path, handbook: bool) -> Path:
    data = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.UnsafeLoader)
    data["docs_dir"] = str(ROOT / "docs")
    data["theme"]["custom_dir"] = str(ROOT / "overrides")
    for plugin in data["plugins"]:
        if isinstance(plugin, dict) and "regulation" in plugin:
            plugin["regulation"] = {**(plugin["regulation"] or {}), "content_dir": str(ROOT / "content"),
                                    "handbook": handbook}
    data["markdown_extensions"] = [{"toc": {"permalink": False}}]  # as bench/run.py: no Python tags to dump
    path = where / f"mkdocs-{handbook}.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(tmp)
        check = timed([str(BIN / "jianfu"), "check"], 3)
        site = timed([str(BIN / "mkdocs"), "build", "-q", "-f", str(config(where, False)), "-d", str(where / "a")], 3)
        full = timed([str(BIN / "mkdocs"), "build", "-q", "-f", str(config(where, True)), "-d", str(where / "b")], 1)
    rows = [("`jianfu check`", check), ("`mkdocs build`，不生成 PDF", site), ("`mkdocs build`，含 9 份 PDF", full)]
    lines = [
        "# 基准：`jianfu check` 对 `mkdocs build`",
        "",
        f"命令：`.venv/bin/python bench/check.py`（同一台机器、同一次运行）。机器：{os.cpu_count()} 核；日期：{datetime.date.today()}。",
        "检查与不含 PDF 的构建取三次中最快的一次，完整构建跑一次；比值以完整构建为 1。",
        "",
        "| 命令 | 时间（秒） | 与完整构建之比 |",
        "|---|---|---|",
        *(f"| {name} | {seconds:.1f} | {seconds / full:.3f} |" for name, seconds in rows),
    ]
    (ROOT / "bench" / "CHECK.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
