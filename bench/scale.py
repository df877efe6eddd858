"""Benchmark: what the handbook costs a build, cold and warm, and how a full build grows with the content.

    .venv/bin/python bench/scale.py                  # both parts, synthetic content at 1×, 3× and 10×
    .venv/bin/python bench/scale.py --quick          # synthetic 1× only, each build once
    .venv/bin/python bench/scale.py --only rebuild   # or --only growth; --factors 1 3 for other sizes

Rebuilds (a copy of the real content/, in a temporary folder, so that a provision can be edited):
the no-handbook build (our mkdocs.yml with ``handbook: false``: the site and its offline edition),
the full cold build (``handbook: true``, ``cache: false``), the warm rebuild (a second build of the
same project with the PDF cache on, nothing changed) and the rebuild after editing one provision's
body (cache on), each as a ratio to the no-handbook build of the same run.

Growth: synthetic content (bench/synth.py, every text marked as placeholder) at each factor, full
cold build and no-handbook build, time and peak memory summed over the process tree (measure.py);
the growth exponent is the least-squares slope of log(time) on log(factor).

Figures go to bench/SCALE.md (the sections ``rebuild`` and ``growth``; bench/serve.py writes ``serve``).
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from pathlib import Path

import synth
from measure import (RESERVE, ROOT, checked, gb, growth_exponent, machine, median, mkdocs_build, plugin_options,
                     project, run, table, verdict, write_section)

BARS = {"exponent": 1.1, "peak_10x": 2 * 2**30, "warm": 1.3, "cold": 5.0}
EDITED = "provisions/09.md"  # the provision edited between rebuilds


def rebuilds(tmp: Path, repeat: int, command: str) -> str:
    when = machine()
    content = tmp / "content"
    shutil.copytree(ROOT / "content", content)
    has_cache = "cache" in plugin_options()

    def build(config: Path):
        return mkdocs_build(config, config.parent / "site")

    base_config = project(tmp / "base", content, handbook=False)
    site_config = project(tmp / "site-only", content, handbook=False, offline_edition=False)
    cold_config = project(tmp / "cold", content, handbook=True, cache=False)
    warm_config = project(tmp / "warm", content, handbook=True, cache=True)
    # Interleaved, so that what else the machine is doing weighs on each kind of build alike;
    # the no-handbook build runs in both rounds.
    base, site_only, cold, warm, edits = [], [], [], [], []
    for _ in range(repeat):
        base.append(build(base_config))
        site_only.append(build(site_config))
        cold.append(build(cold_config))
    first = [build(warm_config)]
    for i in range(repeat):
        base.append(build(base_config))
        warm.append(build(warm_config))  # nothing changed since its last build
        with (content / EDITED).open("a", encoding="utf-8") as f:  # one more paragraph, marked as placeholder
            f.write(f"\n{synth.MARK}基准测试在此追加的第{i + 1}段。\n")
        edits.append(build(warm_config))

    b = median([r.seconds for r in base])

    def row(name: str, runs: list) -> list:
        times = [r.seconds for r in runs]
        return [name, len(runs), f"{median(times):.1f}", f"{min(times):.1f}", f"{median(times) / b:.2f}",
                gb(max(r.peak for r in runs))]

    cache_note = "" if has_cache else "（本工作区的插件还没有 `cache` 选项：热重建与冷构建相同）"
    rows = [
        row("不含手册（`handbook: false`，含离线版）：比值的分母", base),
        row("仅网站（`handbook: false`，`offline_edition: false`）", site_only),
        row("完整冷构建（`handbook: true`，`cache: false`）", cold),
        row("首次构建，缓存为空（`cache: true`）", first),
        row("热重建，无改动（同一项目再构建，`cache: true`）" + cache_note, warm),
        row(f"改动一条（{EDITED.split('/')[-1]} 正文追加一段）后重建（`cache: true`）", edits),
    ]
    warm_ratio = median([r.seconds for r in warm]) / b
    cold_ratio = median([r.seconds for r in cold]) / b
    best = min(r.seconds for r in base)
    warm_best, cold_best = min(r.seconds for r in warm) / best, min(r.seconds for r in cold) / best
    lines = [
        "## 重建：完整构建、热重建、改动一条后重建",
        "",
        f"命令：`.venv/bin/python bench/{command}`（同一台机器、同一次运行）。{when}",
        "内容：真实 `content/` 在临时文件夹里的副本（改动只改副本）。每次都是 `mkdocs build`（本站的 mkdocs.yml，只改所列选项），"
        "包括离线版的第二次构建。各种构建交替进行（先轮流跑不含手册、仅网站、冷构建，再轮流跑不含手册、热重建、改动后重建），"
        "比值用中位数；时间为墙钟秒数；峰值内存为构建进程及其全部子进程 RSS 之和的最大值（每 0.1 秒采样）。",
        "",
        *table(["构建", "次数", "中位数（秒）", "最快（秒）", "与不含手册的构建之比", "峰值内存（GB）"], rows),
        "",
        f"门槛：热重建不超过不含手册的构建的 {BARS['warm']} 倍：{verdict(warm_ratio <= BARS['warm'])}（{warm_ratio:.2f}；"
        f"按最快的一次算 {warm_best:.2f}）；"
        f"完整冷构建不超过 {BARS['cold']:g} 倍：{verdict(cold_ratio <= BARS['cold'])}（{cold_ratio:.2f}；按最快的一次算 {cold_best:.2f}）。",
    ]
    return "\n".join(lines)


def sequential_run(config: Path, site: Path):
    """The same build with the PDFs laid out one after another in the build's own process
    (os.cpu_count() reported as 1 to the handbook's worker pool): what that would cost, without
    changing the plugin."""
    code = ("import os, sys; os.cpu_count = lambda: 1; sys.argv[0] = 'mkdocs'; "
            "from mkdocs.__main__ import cli; cli()")
    return checked(run([sys.executable, "-c", code, "build", "-q", "-f", str(config), "-d", str(site)]),
                   config, may_abort=True)


def _build(config: Path, site: Path):
    """``mkdocs build``, its failure kept for the table (a scaling limit is a result, not a crash)."""
    result = run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)])
    result.failed = bool(result.returncode) and not result.aborted
    if result.failed:
        print(result.output[-3000:], file=sys.stderr)
    return result


def _failure(r) -> str:
    """What went wrong in a failed build: the last error line of its log, and where in site_plugins."""
    lines = [line.strip() for line in r.output.splitlines() if line.strip()]
    said = [line for line in lines if "Error" in line or "错误" in line or "失败" in line]
    where = [re.sub(r'^File ".*?(site_plugins/[^"]+)", line (\d+), in (\S+)', r"\1:\2（\3）", line)
             for line in lines if line.startswith("File ") and "site_plugins/" in line]
    text = (said or lines or ["（无输出）"])[-1] + (f"，于 {where[-1]}" if where else "")
    return text.replace("|", "\\|")[:200]


def _seconds(r) -> str:
    if r.failed:
        return f"失败：{_failure(r)}"
    return f"中止（机器可用内存不足；已用 {r.seconds:.0f} 秒）" if r.aborted else f"{r.seconds:.1f}"


def _peak(r) -> str:
    return "—" if r.failed else f"≥ {gb(r.peak)}" if r.aborted else gb(r.peak)


def _done(r) -> bool:
    return not r.aborted and not r.failed


def growth(tmp: Path, factors: list[int], command: str, layout: str) -> str:
    when = machine()
    rows, measured, extra = [], [], []
    for k in factors:
        content = tmp / f"content-{k}"
        counts = synth.make(k, content, layout=layout)
        prefix = synth.MARK
        site = _build(project(tmp / f"site-{k}", content, handbook=False, site_name_prefix=prefix),
                      tmp / f"site-{k}" / "site")
        shutil.rmtree(tmp / f"site-{k}")
        full_config = project(tmp / f"full-{k}", content, handbook=True, cache=False, site_name_prefix=prefix)
        full = _build(full_config, tmp / f"full-{k}" / "site")
        print(f"{k}×：完整构建 {_seconds(full)}，峰值内存 {_peak(full)} GB；不含手册 {_seconds(site)}", flush=True)
        if k == max(factors) and k >= 10 and (full.aborted or (_done(full) and full.peak >= BARS["peak_10x"])):
            shutil.rmtree(tmp / f"full-{k}" / "site", ignore_errors=True)
            seq = sequential_run(full_config, tmp / f"full-{k}" / "site-seq")
            extra.append(f"对照：{k}× 时让 9 份 PDF 在构建进程里依次排版（基准在启动 MkDocs 前把 `os.cpu_count()` 改报为 1，"
                         f"插件的排版进程池因而只用一个进程、就在本进程里排；插件未改）：时间 {_seconds(seq)} 秒，"
                         f"峰值内存 {_peak(seq)} GB。")
        shutil.rmtree(tmp / f"full-{k}", ignore_errors=True)
        shutil.rmtree(content)
        measured.append((k, full, site))
        rows.append([f"{k}×", counts["parts"], counts["provisions"], counts["quiz"], counts["terms"],
                     counts["faqs"] + counts["articles"], _seconds(full), _peak(full), _seconds(site), _peak(site)])
    lines = [
        f"## 规模：合成内容 {'、'.join(f'{k}×' for k in factors)} 的完整构建",
        "",
        f"命令：`.venv/bin/python bench/{command}`（同一台机器、同一次运行，每个规模各构建一次）。{when}",
        f"内容：`bench/synth.py --layout {layout}` 把真实 `content/` 的21条复制 k 份写进临时文件夹"
        + ("（仍是7个部分，每个部分的条文乘 k、编号顺延）" if layout == "keep" else "（部分也复制 k 份，共 7k 个部分）")
        + f"，引用、术语、原文句子、自测题、常见问题和文章随之复制并改指本份；每段文字都以“{synth.MARK}”开头，标明是占位内容。"
        "完整构建：`handbook: true`、`cache: false`，含离线版；不含手册：`handbook: false`，含离线版。"
        "峰值内存为构建进程及其全部子进程 RSS 之和的最大值（每 0.1 秒采样；排版进程是新启动的，不与构建进程共享内存页）。"
        f"机器可用内存低于 {RESERVE / 2**30:g} GB 时，基准中止这次构建（只中止它自己的进程）。",
        "",
        *table(["规模", "部分", "条", "自测题", "术语", "问答与文章", "完整构建（秒）", "峰值内存（GB）",
                "不含手册（秒）", "峰值内存（GB）"], rows),
        "",
    ]
    fitted = [(k, full, site) for k, full, site in measured if _done(full) and _done(site)]
    ks = [k for k, _, _ in fitted]
    if len(fitted) >= 2:
        e_full = growth_exponent(ks, [full.seconds for _, full, _ in fitted])
        e_site = growth_exponent(ks, [site.seconds for _, _, site in fitted])
        span = "、".join(f"{k}×" for k in ks)
        lines.append(f"增长指数（log 时间对 log 规模的最小二乘斜率，{span}）：完整构建 {e_full:.2f}，不含手册的构建 {e_site:.2f}。")
        lines.append("")
        lines.append(f"门槛：增长指数不超过 {BARS['exponent']}：{verdict(e_full <= BARS['exponent'])}（{e_full:.2f}"
                     + ("" if ks == [1, 3, 10] else f"，只由 {span} 拟合") + "）；")
    else:
        lines.append(f"门槛：增长指数不超过 {BARS['exponent']}：完成的规模不足两个，无从拟合；")
    ten = next((full for k, full, _ in measured if k == 10), None)
    if ten is None:
        lines.append("10× 的峰值内存低于 2 GB：本次没有测 10×。")
    else:
        lines.append(f"10× 的峰值内存低于 2 GB：{verdict(_done(ten) and ten.peak < BARS['peak_10x'])}（{_peak(ten)} GB）。")
    if extra:
        lines += [""] + extra
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="只测 1×，每种构建一次")
    parser.add_argument("--only", choices=("rebuild", "growth"), help="只测其中一部分")
    parser.add_argument("--factors", type=int, nargs="+", help="合成内容的倍数（默认 1 3 10）")
    parser.add_argument("--layout", choices=synth.LAYOUTS, default="keep",
                        help="合成内容的部分：keep 保持7个（默认），scale 也乘 k（见 synth.py）")
    parser.add_argument("--repeat", type=int, help="重建一节每种构建各跑几次（默认 3；不含手册的构建跑两倍）")
    args = parser.parse_args()
    factors = args.factors or ([1] if args.quick else [1, 3, 10])
    repeat = args.repeat or (1 if args.quick else 3)
    command = "scale.py" + "".join(f" {a}" for a in sys.argv[1:])
    with tempfile.TemporaryDirectory(prefix="jianfu-scale-") as tmp:
        tmp = Path(tmp)
        if args.only != "growth":
            write_section("rebuild", rebuilds(tmp / "rebuild", repeat, command))
        if args.only != "rebuild":
            write_section("growth" if args.layout == "keep" else "growth-scale", growth(tmp / "growth", sorted(factors), command, args.layout))


if __name__ == "__main__":
    main()
