"""Benchmark: our two handbook editions against mkdocs-to-pdf on the same content, same machine, same run.

    .venv/bin/python bench/run.py            # installs mkdocs-to-pdf into .venv if missing
    .venv/bin/python bench/run.py --all      # and then bench/scale.py and bench/serve.py (SCALE.md)

The peer renders our built provision, part and article pages (FAQ, exam, glossary, keyword,
timeline and sources pages excluded) with its fonts set to the same Noto CJK SC families.
Figures are wall-clock seconds of one run each, and ratios against the peer's time in this run.
Results go to bench/RESULTS.md.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from project import ROOT, standalone
PEER = "mkdocs-to-pdf==0.12.*"


def ensure_peer() -> str:
    try:
        import mkdocs_to_pdf  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", PEER], check=True)
    from importlib.metadata import version

    return version("mkdocs-to-pdf")


def project(where: Path, *, peer: bool) -> Path:
    """A copy of our mkdocs.yml that builds the site without our PDFs, with or without the peer."""
    config = standalone(ROOT / "mkdocs.yml", ["search", {"regulation": {
        "content_dir": str(ROOT / "content"), "handbook": False, "offline_edition": False}}])
    if peer:
        config["plugins"].append({"to-pdf": {
            "output_path": "peer.pdf",
            "custom_template_path": str(ROOT / "bench" / "peer"),
            "cover_title": config["site_name"],
            "toc_title": "目录",
            "exclude_pages": ["faq/", "exam/", "glossary/", "keywords/", "timeline/", "sources/"],
        }})
    config["strict"] = False  # the peer counts every WeasyPrint warning as fatal under strict
    where.mkdir(parents=True, exist_ok=True)
    (where / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return where / "mkdocs.yml"


def timed(args: list[str]) -> tuple[float, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    return elapsed, result.stdout + result.stderr


def ours(out: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    from site_plugins.handbook import EDITIONS, write_all, write_handbook
    from site_plugins.load import load
    from site_plugins.version import content_version

    regulation = load(ROOT / "content")
    version = content_version(ROOT / "content")
    figures = {}
    for edition in EDITIONS:  # one after the other, on one core
        start = time.perf_counter()
        pdf = write_handbook(regulation, version, out / edition.filename(), edition)
        figures[edition.name] = (time.perf_counter() - start, pdf.stat().st_size, pages(pdf))
    start = time.perf_counter()  # the two editions side by side, one per core
    write_all(regulation, version, out / "par", handouts=False)
    figures["parallel"] = (time.perf_counter() - start, 0, 2)
    # What the page numbers of cross-references cost: the learner edition without them.
    from site_plugins import handbook

    html = handbook.render_html(regulation, version, EDITIONS[0])
    html = html.replace("reg-ref--", "bench-plain-").replace('class="page-ref"', "")
    start = time.perf_counter()
    handbook._lay_out(html, out / "plain.pdf")
    figures["no-page-refs"] = (time.perf_counter() - start, 0, 0)
    start = time.perf_counter()
    written = write_all(regulation, version, out / "all")  # what `mkdocs build` runs: 2 editions + 7 handouts
    figures["write_all"] = (time.perf_counter() - start, sum(p.stat().st_size for p in written), len(written))
    return figures


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info)[1])


def main() -> None:
    peer_version = ensure_peer()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q"]
        site_only, _ = timed(mkdocs + ["-f", str(project(tmp / "a", peer=False)), "-d", str(tmp / "a" / "site")])
        with_peer, log = timed(mkdocs + ["-f", str(project(tmp / "b", peer=True)), "-d", str(tmp / "b" / "site")])
        peer_pdf = tmp / "b" / "site" / "peer.pdf"
        peer_time = with_peer - site_only
        reported = re.search(r"took ([\d.]+)s", log)
        mine = ours(tmp / "ours")
        peer_size, peer_pages = peer_pdf.stat().st_size, pages(peer_pdf)

    learner, trainer = mine["学员版"], mine["教师版"]
    both = learner[0] + trainer[0]
    lines = [
        "# 基准：学习手册两个版本 对 mkdocs-to-pdf",
        "",
        "命令：`.venv/bin/python bench/run.py`（同一台机器、同一次运行；每项各跑一次，墙钟时间）。",
        f"同行：mkdocs-to-pdf {peer_version}，渲染本站的条文、部分和文章页面（字体设为 Noto Serif/Sans CJK SC）。",
        f"机器：{os.cpu_count()} 核；日期：{time.strftime('%Y-%m-%d')}。",
        "",
        "| 产物 | 时间（秒） | 与同行一份之比 | 大小（MB） | 页数 |",
        "|---|---|---|---|---|",
        f"| 同行 mkdocs-to-pdf（构建时间差；它自报 {reported[1] if reported else '—'} 秒） | {peer_time:.1f} | 1.00 | {peer_size / 1e6:.2f} | {peer_pages} |",
        f"| 本站 学员版 | {learner[0]:.1f} | {learner[0] / peer_time:.2f} | {learner[1] / 1e6:.2f} | {learner[2]} |",
        f"| 本站 教师版 | {trainer[0]:.1f} | {trainer[0] / peer_time:.2f} | {trainer[1] / 1e6:.2f} | {trainer[2]} |",
        f"| 本站 两版合计（依次生成，一核） | {both:.1f} | {both / peer_time:.2f} | — | — |",
        f"| 本站 两版同时生成（两核，各一版） | {mine['parallel'][0]:.1f} | {mine['parallel'][0] / peer_time:.2f} | — | — |",
        f"| 对照：学员版去掉交叉引用页码 | {mine['no-page-refs'][0]:.1f} | {mine['no-page-refs'][0] / peer_time:.2f} | — | — |",
        f"| 本站 `mkdocs build` 实际生成的全部 {mine['write_all'][2]} 份（两版 + 7 份讲义，两核并行） | {mine['write_all'][0]:.1f} | {mine['write_all'][0] / peer_time:.2f} | {mine['write_all'][1] / 1e6:.2f} | — |",
        "",
        f"门槛一：两版合计不超过同行一份的时间：两核同时生成（构建时的做法）{'达到' if mine['parallel'][0] <= peer_time else '未达到'}（比值 {mine['parallel'][0] / peer_time:.2f}）；"
        f"限定一核依次生成{'达到' if both <= peer_time else '未达到'}（比值 {both / peer_time:.2f}）。",
        f"门槛二：每版不超过 3 MB：{'达到' if max(learner[1], trainer[1]) <= 3e6 else '未达到'}（{learner[1] / 1e6:.2f} MB、{trainer[1] / 1e6:.2f} MB）。",
        "",
        "规模与重建（冷构建、热重建、改动一条后重建，合成内容 1×、3×、10× 的时间、内存和增长指数）和预览"
        "（`mkdocs serve` 保存后多久看到新页面）的结果见 [SCALE.md](SCALE.md)：`bench/scale.py`、`bench/serve.py`，"
        "或 `bench/run.py --all` 在本基准之后一并运行。",
        "",
    ]
    (ROOT / "bench" / "RESULTS.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
    if "--all" in sys.argv[1:]:
        for script in ("scale.py", "serve.py"):
            subprocess.run([sys.executable, str(Path(__file__).parent / script)], check=True)
