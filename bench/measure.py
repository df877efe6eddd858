"""What the scaling benchmarks measure a command by: wall-clock time and peak memory of its process tree.

Memory is the resident set size (RSS) of the command's process and all its descendants (the
handbook's layout workers, the offline edition's second build, pdftotext…), summed, sampled from
/proc every ``INTERVAL`` seconds; the figure is the largest sum seen. Pages shared between a parent
and its forked workers count once per process, as RSS does, so the sum errs high.
"""
from __future__ import annotations

import math
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from project import ROOT, standalone

INTERVAL = 0.1
PAGE = os.sysconf("SC_PAGE_SIZE")
# Builds use the site_plugins of the tree this bench/ is in (ahead of the editable install's mapping).
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1",
           PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))


#: A build is stopped (its own process tree, nothing else) when the machine's available memory falls
#: below this: the machine is shared, and without swap the kernel would pick a process to kill.
RESERVE = int(1.5 * 2**30)


@dataclass
class Run:
    seconds: float
    peak: int  # bytes: the largest summed RSS of the process tree
    returncode: int
    output: str
    aborted: bool = False  # stopped by the benchmark: the machine was running out of memory
    failed: bool = False  # set by a caller that keeps a failed build as a result


def _available() -> int:
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    return 2**62


def _tree_rss(root: int) -> tuple[int, list[int]]:
    """Summed RSS of ``root`` and its descendants, now; and their process ids."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        try:
            with open(f"/proc/{pid}/stat", "rb") as f:
                stat = f.read()
            with open(f"/proc/{pid}/statm", "rb") as f:
                rss[pid] = int(f.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])  # the name may hold spaces and parentheses
        children.setdefault(ppid, []).append(pid)
    total, todo, tree = 0, [root], []
    while todo:
        pid = todo.pop()
        tree.append(pid)
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total, tree


def run(args: list[str], *, cwd: Path | None = None) -> Run:
    """Run ``args`` to the end: its time, the peak RSS of its process tree, its exit code and output."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, env=ENV, stdout=out, stderr=subprocess.STDOUT)
        peak, aborted = 0, False
        done = threading.Event()

        def sample() -> None:
            nonlocal peak, aborted
            while not done.is_set():
                total, tree = _tree_rss(proc.pid)
                peak = max(peak, total)
                if _available() < RESERVE and not aborted:
                    aborted = True
                    for pid in reversed(tree):  # the build's own processes, children first
                        try:
                            os.kill(pid, signal.SIGKILL)
                        except OSError:
                            pass
                done.wait(INTERVAL)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        proc.wait()
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        out.seek(0)
        return Run(seconds, peak, proc.returncode, out.read().decode("utf-8", "replace"), aborted)


def checked(result: Run, what: object, may_abort: bool = False) -> Run:
    """``result``, unless it failed: then the benchmark stops with its log (or, with ``may_abort``,
    an aborted run comes back for the table to say so)."""
    if result.aborted and may_abort:
        return result
    if result.aborted:
        raise SystemExit(f"构建因机器可用内存不足被中止（{what}；进程树峰值 {gb(result.peak)} GB）")
    if result.returncode:
        raise SystemExit(f"构建失败（{what}）：\n{result.output[-4000:]}")
    return result


def mkdocs_build(config: Path, site: Path, may_abort: bool = False) -> Run:
    """``mkdocs build`` of ``config`` into ``site``; stops the benchmark with the log if it fails."""
    result = run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)])
    return checked(result, config, may_abort)


def plugin_options() -> set[str]:
    """The regulation plugin's options as the code in this working tree has them."""
    sys.path.insert(0, str(ROOT))
    from site_plugins.config import RegulationConfig

    return {name for name, _ in RegulationConfig._schema}


def project(where: Path, content: Path, *, handbook: bool, offline_edition: bool = True, cache: bool | None = None,
            site_name_prefix: str = "") -> Path:
    """A copy of our mkdocs.yml in ``where``, building ``content`` (the site's own settings otherwise).

    ``cache`` None leaves the plugin's default; an option this working tree lacks is not passed.
    The PDF cache, when on, lives in ``where`` (the plugin keeps it beside mkdocs.yml), so a new
    folder starts with an empty cache.
    """
    options = {"content_dir": str(content), "handbook": handbook, "offline_edition": offline_edition}
    known = plugin_options()
    if cache is not None and "cache" in known:
        options["cache"] = cache
    options = {k: v for k, v in options.items() if k in known}
    data = standalone(ROOT / "mkdocs.yml", ["search", {"regulation": options}])
    if site_name_prefix:
        data["site_name"] = site_name_prefix + data["site_name"]
    where.mkdir(parents=True, exist_ok=True)
    (where / "mkdocs.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return where / "mkdocs.yml"


def code_version() -> str:
    """Which code was measured: the commit, and whether site_plugins/ differs from it."""
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, check=True).stdout.strip()
        changed = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "site_plugins"],
                                 capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "代码版本不明"
    return f"代码：提交 {commit}" + ("，site_plugins 含未提交的修改" if changed else "")


def machine() -> str:
    """The machine and the moment, as every section states them."""
    import datetime

    return (f"机器：{os.cpu_count()} 核；日期：{datetime.date.today()}；开始时系统负载 {os.getloadavg()[0]:.1f}"
            f"（1 分钟平均）；{code_version()}。")


def median(values: list[float]) -> float:
    return statistics.median(values)


def growth_exponent(factors: list[float], seconds: list[float]) -> float:
    """Least-squares slope of log(time) on log(factor)."""
    xs, ys = [math.log(f) for f in factors], [math.log(s) for s in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def gb(nbytes: int) -> str:
    return f"{nbytes / 2**30:.2f}"


# -- SCALE.md: one file, a section per script ------------------------------------

SCALE = ROOT / "bench" / "SCALE.md"
TITLE = "# 基准：规模与重建"
SECTIONS = ("rebuild", "growth", "growth-scale", "serve")  # in this order in the file


def write_section(name: str, text: str) -> None:
    """Replace section ``name`` of bench/SCALE.md (between its markers), keeping the others."""
    begin, end = f"<!-- {name}: begin -->", f"<!-- {name}: end -->"
    block = f"{begin}\n{text.rstrip()}\n{end}"
    if SCALE.exists():
        old = SCALE.read_text(encoding="utf-8")
    else:  # every section in its place, each to be filled by its script
        old = TITLE + "\n" + "".join(f"\n<!-- {s}: begin -->\n（尚未运行）\n<!-- {s}: end -->\n" for s in SECTIONS)
    later = [f"<!-- {s}: begin -->" for s in SECTIONS[SECTIONS.index(name) + 1:]] if name in SECTIONS else []
    later = [marker for marker in later if marker in old]
    if begin in old and end in old:
        head, rest = old.split(begin, 1)
        new = head + block + rest.split(end, 1)[1]
    elif later:  # before the sections that follow it
        head, rest = old.split(later[0], 1)
        new = head + block + "\n\n" + later[0] + rest
    else:
        new = old.rstrip() + "\n\n" + block + "\n"
    SCALE.write_text(new, encoding="utf-8")
    print(text)


def table(header: list[str], rows: list[list]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *("| " + " | ".join(str(c) for c in row) + " |" for row in rows)]


def verdict(ok: bool) -> str:
    return "达到" if ok else "**未达到**"
