"""Benchmark: `jianfu check` against `mkdocs build` (site without PDFs, and with them), same content, same run.

    .venv/bin/python bench/check.py

An editor's check must take well under the time of a build. Figures are wall-clock seconds,
best of three for the check and the site-only build, one run for the full build; ratios are
against the full build's time in this run. Results go to bench/CHECK.md.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from project import ROOT, publish, site_config

BIN = Path(sys.executable).parent


def timed(args: list[str], runs: int) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, env=env, cwd=ROOT)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(tmp)
        check = timed([str(BIN / "jianfu"), "check"], 3)
        site = timed([str(BIN / "mkdocs"), "build", "-q", "-f", str(site_config(where, handbook=False, name="a.yml")),
                      "-d", str(where / "a")], 3)
        full = timed([str(BIN / "mkdocs"), "build", "-q", "-f", str(site_config(where, handbook=True, name="b.yml")),
                      "-d", str(where / "b")], 1)
    rows = [("`jianfu check`", check), ("`mkdocs build`，不生成 PDF", site), ("`mkdocs build`，含 9 份 PDF", full)]
    publish("CHECK", "基准：`jianfu check` 对 `mkdocs build`", "check.py", "（同一台机器、同一次运行）",
            ["检查与不含 PDF 的构建取三次中最快的一次，完整构建跑一次；比值以完整构建为 1。"],
            ["命令", "时间（秒）", "与完整构建之比"],
            [[name, f"{seconds:.1f}", f"{seconds / full:.3f}"] for name, seconds in rows])


if __name__ == "__main__":
    main()
