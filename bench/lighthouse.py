"""Lighthouse accessibility scores of the home page, a provision page and the exam, against Debian's Chromium.

    npm ci --prefix bench/lighthouse          # once: Lighthouse 12.2.3 (the last that runs on Node 20)
    .venv/bin/python bench/lighthouse.py      # builds the site without PDFs, serves it, runs Lighthouse

Lighthouse is slow (about half a minute a page), so it is a benchmark here, not a test; axe-core and
the Nu HTML Checker run in the test suite (tests/test_a11y.py). Scores for accessibility, best
practices and SEO, phone form factor. Results go to bench/LIGHTHOUSE.md.
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from project import ROOT, publish, site_config

LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
PAGES = {"首页": "", "第9条": "provisions/yankong-duchajiancha-kaohe-zongliang/", "综合测验": "exam/"}
CATEGORIES = ("accessibility", "best-practices", "seo")


def build(where: Path) -> Path:
    site = where / "site"
    subprocess.run([Path(sys.executable).parent / "mkdocs", "build", "-q", "-f", site_config(where, handbook=False),
                    "-d", site], check=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    return site


def main() -> None:
    if not LIGHTHOUSE.exists():
        sys.exit("先安装 Lighthouse：npm ci --prefix bench/lighthouse")
    with tempfile.TemporaryDirectory() as tmp:
        site = build(Path(tmp))
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
        handler.log_message = lambda *args: None
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        rows = []
        for name, path in PAGES.items():
            report = Path(tmp) / "report.json"
            subprocess.run([str(LIGHTHOUSE), base + path, "--quiet", "--output=json", f"--output-path={report}",
                            f"--only-categories={','.join(CATEGORIES)}",
                            "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                           check=True, env=dict(os.environ, CHROME_PATH="/usr/bin/chromium"))
            data = json.loads(report.read_text(encoding="utf-8"))
            scores = [round(100 * data["categories"][c]["score"]) for c in CATEGORIES]
            failed = [a["id"] for a in data["audits"].values()
                      if a.get("score") == 0 and a["id"] in {r["id"] for r in data["categories"]["accessibility"]["auditRefs"]}]
            rows.append((name, *scores, "、".join(failed) or "—"))
        server.shutdown()
    publish("LIGHTHOUSE", "基准：Lighthouse（无障碍、最佳做法、SEO）", "lighthouse.py", "（Lighthouse 12.2.3，Debian 的 Chromium，手机尺寸）",
            [], ["页面", "无障碍", "最佳做法", "SEO", "未通过的无障碍检查"], [list(row) for row in rows])


if __name__ == "__main__":
    main()
