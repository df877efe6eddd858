"""Benchmark: linking plain mentions (第2条) in one paragraph, as the paragraph grows.

    .venv/bin/python bench/mentions.py

Seconds for n mentions (best of three), and the ratio against 1,000 mentions in the same run:
linear work keeps time(n)/time(1,000) near n/1,000. Results go to bench/MENTIONS.md.
"""
from __future__ import annotations

import datetime
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_crossref import resolve  # noqa: E402  (the fixture model and one body, as the tests do)

SIZES = (1_000, 2_000, 4_000, 10_000, 20_000)


def seconds(n: int) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        resolve("见第2条和第1条，" * n)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    times = {n: seconds(n) for n in SIZES}
    rows = [f"| {n:,} | {t:.3f} | {t / times[SIZES[0]]:.1f} | {n / SIZES[0]:.0f} |" for n, t in times.items()]
    text = "\n".join([
        "# 基准：一段里的条文提及（第2条）越来越多时的链接时间",
        "",
        "命令：`.venv/bin/python bench/mentions.py`（同一次运行，每项取三次中最快的一次）。",
        f"机器：{os.cpu_count()} 核；日期：{datetime.date.today().isoformat()}。",
        "",
        "| 提及次数 | 时间（秒） | 与1,000次之比 | 线性应有之比 |",
        "|---|---|---|---|",
        *rows,
        "",
        "改为一次扫描之前（2026-11 的审查）：1,000/2,000/4,000 次为 0.03/0.09/0.34 秒，20,000 次超过五分钟。",
    ]) + "\n"
    (ROOT / "bench" / "MENTIONS.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
