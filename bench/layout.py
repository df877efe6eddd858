"""Benchmark: what page-number references cost in layout, per PDF of a build, one run.

    .venv/bin/python bench/layout.py

For each of the nine PDFs (two editions, seven handouts): page layouts and seconds when WeasyPrint
resolves target-counter() itself (a cold build), and when the pages of the last layout are known
(handbook/paging.py: a rebuild after an edit), plus the pages. Results go to bench/LAYOUT.md.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from weasyprint.layout import page as weasyprint_page  # noqa: E402

from site_plugins import handbook  # noqa: E402
from site_plugins.load import load  # noqa: E402
from site_plugins.version import content_version  # noqa: E402

layouts = [0]
_remake = weasyprint_page.remake_page


def _counted(*args, **kwargs):
    layouts[0] += 1
    return _remake(*args, **kwargs)


weasyprint_page.remake_page = _counted


def measure(html: str, out: Path, known: dict | None) -> tuple[float, int, dict]:
    layouts[0] = 0
    start = time.perf_counter()
    pages = handbook._lay_out(html, handbook._STYLESHEET.read_text(encoding="utf-8"), out, known)
    return time.perf_counter() - start, layouts[0], pages


def main() -> None:
    regulation = load(ROOT / "content")
    version = content_version(ROOT)
    rows, totals = [], [0.0, 0, 0.0, 0, 0]
    with tempfile.TemporaryDirectory() as tmp:
        for html, out in handbook._jobs(regulation, version, Path(tmp), "A4", True):
            cold_s, cold_n, pages = measure(html, out, None)
            count = len(handbook.pdf_text(out)) - 1  # pdftotext ends with a form feed
            warm_s, warm_n, _ = measure(html, out, pages)
            rows.append(f"| {out.name} | {count} | {cold_n} | {cold_s:.1f} | {warm_n} | {warm_s:.1f} | {warm_s / cold_s:.2f} |")
            for i, value in enumerate((cold_s, cold_n, warm_s, warm_n, count)):
                totals[i] += value
    table = "\n".join(rows)
    (ROOT / "bench" / "LAYOUT.md").write_text(f"""# 基准：页码引用的排版代价

命令：`.venv/bin/python bench/layout.py`（同一台机器、同一次运行，每份各排一次，一核依次进行；墙钟时间）。
“由 WeasyPrint 解析”是冷构建的做法（`target-counter()`，它会把页面排了又排）；“页码已知”是改动内容后
重新构建的做法（`handbook/paging.py`：按上次排版时各锚点所在的页写入页码，排一次，核对无误即用）。

| PDF | 页数 | 由 WeasyPrint 解析：排版页次 | 秒 | 页码已知：排版页次 | 秒 | 时间之比 |
|---|---|---|---|---|---|---|
{table}
| 合计 | {totals[4]} | {totals[1]} | {totals[0]:.1f} | {totals[3]} | {totals[2]:.1f} | {totals[2] / totals[0]:.2f} |
""", encoding="utf-8")
    print((ROOT / "bench" / "LAYOUT.md").read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
