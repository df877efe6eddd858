"""Benchmark: `mkdocs serve`, seconds from saving a provision file to the new page being served,
ours against plain Material serving the same pages written out as ordinary Markdown files.

    .venv/bin/python bench/serve.py            # three edits each, median
    .venv/bin/python bench/serve.py --quick    # one edit each

Ours: our mkdocs.yml (standalone copy) on a copy of content/ in a temporary folder; one paragraph,
marked as placeholder, is appended to the body of provisions/09.md, and the provision's address is
fetched every 0.05 s until it carries the new paragraph. Plain Material: the pages of our built site
(each page's article, without the redirecting aliases and the 404 page) turned into Markdown files
(headings, paragraphs, list items, table rows; links as their text) in a temporary docs/, served with
a plain mkdocs.yml (theme material, language zh, the search plugin); the same paragraph is appended
to the provision's file. Both servers are MkDocs' own (the same file polling, every 0.5 s).

Figures go to the ``serve`` section of bench/SCALE.md.
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import yaml

import synth
from measure import ENV, ROOT, machine, median, mkdocs_build, project, standalone, table, verdict, write_section

BAR = 1.3
EDITED = "provisions/09.md"
POLL = 0.05
TIMEOUT = 600


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


class Server:
    """`mkdocs serve` of ``config`` on a free port, until closed."""

    def __init__(self, config: Path, log: Path):
        self.port = free_port()
        self.log = log.open("wb")
        start = time.perf_counter()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{self.port}"],
            env=ENV, stdout=self.log, stderr=subprocess.STDOUT)
        while fetch(self.url("")) is None:
            if self.proc.poll() is not None or time.perf_counter() - start > TIMEOUT:
                self.close()
                raise SystemExit(f"mkdocs serve 没有启动：\n{log.read_text(encoding='utf-8', errors='replace')[-3000:]}")
            time.sleep(0.2)
        self.startup = time.perf_counter() - start

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def reload_seconds(self, file: Path, page: str, n: int) -> float:
        """Append a new paragraph to ``file``; seconds until ``page`` is served with it."""
        token = f"基准测试第{n}次追加的段落，编号{random.randrange(10**8)}。"
        assert token not in (fetch(self.url(page)) or "")
        with file.open("a", encoding="utf-8") as f:
            f.write(f"\n{synth.MARK}{token}\n")
        saved = time.perf_counter()
        while True:
            text = fetch(self.url(page))
            if text and token in text:
                return time.perf_counter() - saved
            if self.proc.poll() is not None or time.perf_counter() - saved > TIMEOUT:
                raise SystemExit(f"页面 {page} 没有更新")
            time.sleep(POLL)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


# -- our built pages as ordinary Markdown -------------------------------------------

_SKIP = {"script", "style", "svg", "template", "form", "button", "input", "select", "textarea", "nav"}
_BLOCK = {"p", "dd", "dt", "figcaption", "caption", "summary", "tr", "div", "section", "details", "figure", "blockquote",
          "ul", "ol", "table", "aside"}


class _ToMarkdown(HTMLParser):
    """A page's ``<article>`` as Markdown: headings, paragraphs, list items, table rows; links as text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.line = ""
        self.prefix = ""
        self.depth = 0  # inside the article
        self.skip = 0

    def flush(self) -> None:
        text = re.sub(r"\s+", " ", self.line).strip()
        if text:
            self.blocks.append(self.prefix + _escape(text))
        self.line, self.prefix = "", ""

    def handle_starttag(self, tag, attrs):
        if not self.depth:
            if tag == "article":
                self.depth = 1
            return
        if tag == "article":
            self.depth += 1
        if self.skip or tag in _SKIP:
            self.skip += tag in _SKIP
            return
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.flush()
            self.prefix = "#" * int(tag[1]) + " "
        elif tag == "li":
            self.flush()
            self.prefix = "- "
        elif tag in _BLOCK:
            self.flush()
        elif tag in ("td", "th"):
            self.line += " "
        elif tag == "br":
            self.flush()

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag in _SKIP and self.skip:
            self.skip -= 1
            return
        if self.skip:
            return
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "li") or tag in _BLOCK:
            self.flush()
        if tag == "article":
            self.depth -= 1
            if not self.depth:
                self.flush()

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.line += data


def _escape(text: str) -> str:
    """Plain text as Markdown that shows it as it is."""
    text = re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text)
    text = re.sub(r"^([#>+-])", r"\\\1", text)
    return re.sub(r"^(\d+)\.", r"\1\\.", text)


def to_markdown(page_html: str) -> str:
    parser = _ToMarkdown()
    parser.feed(page_html)
    parser.close()
    parser.flush()
    return "\n\n".join(parser.blocks) + "\n"


def plain_project(built: Path, where: Path) -> tuple[Path, int]:
    """Our built site's pages as Markdown in ``where``/docs, with a plain Material mkdocs.yml."""
    docs = where / "docs"
    count = 0
    for page in sorted(built.rglob("*.html")):
        rel = page.relative_to(built)
        text = page.read_text(encoding="utf-8")
        if rel.name == "404.html" or re.search(r'<meta http-equiv="refresh"', text, re.I) or "<article" not in text:
            continue
        out = docs / rel.with_suffix(".md")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(to_markdown(text), encoding="utf-8")
        count += 1
    config = {
        "site_name": standalone(ROOT / "mkdocs.yml", [])["site_name"],
        "docs_dir": str(docs),
        "use_directory_urls": True,
        "theme": {"name": "material", "language": "zh", "font": False},
        "plugins": ["search"],
        "markdown_extensions": [{"toc": {"permalink": False}}],
    }
    (where / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return where / "mkdocs.yml", count


def provision_page(content: Path) -> str:
    meta, _ = synth.read_md(content / EDITED)
    return f"provisions/{meta['slug']}/"


def measure(config: Path, file: Path, page: str, repeat: int, log: Path) -> tuple[float, list[float]]:
    server = Server(config, log)
    try:
        times = []
        for n in range(1, repeat + 1):
            time.sleep(2)  # the server idle, as after an editor's pause
            times.append(server.reload_seconds(file, page, n))
            print(f"  {config.parent.name}：第{n}次 {times[-1]:.2f} 秒", flush=True)
        return server.startup, times
    finally:
        server.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="每边只改一次")
    parser.add_argument("--repeat", type=int, help="每边改几次（默认 3），取中位数")
    args = parser.parse_args()
    repeat = args.repeat or (1 if args.quick else 3)
    command = "serve.py" + "".join(f" {a}" for a in sys.argv[1:])
    when = machine()
    with tempfile.TemporaryDirectory(prefix="jianfu-serve-") as tmp:
        tmp = Path(tmp)
        content = tmp / "content"
        shutil.copytree(ROOT / "content", content)
        page = provision_page(content)
        # Plain Material's pages: our site as built now, before any edit.
        built = tmp / "built"
        mkdocs_build(project(tmp / "build", content, handbook=False, offline_edition=False), built)
        plain_config, pages = plain_project(built, tmp / "plain")
        ours_config = project(tmp / "ours", content, handbook=True)  # the real settings; serve lays out no PDF
        print("本站 mkdocs serve：", flush=True)
        ours_start, ours = measure(ours_config, content / EDITED, page, repeat, tmp / "ours.log")
        print("Material mkdocs serve：", flush=True)
        plain_file = tmp / "plain" / "docs" / page / "index.md"
        plain_start, plain = measure(plain_config, plain_file, page, repeat, tmp / "plain.log")
    o, p = median(ours), median(plain)
    ratio = o / p
    rows = [
        ["本站（本站的 mkdocs.yml，内容为 `content/` 的副本）", f"{ours_start:.1f}", " / ".join(f"{t:.2f}" for t in ours), f"{o:.2f}", f"{ratio:.2f}"],
        [f"Material（同样的 {pages} 个页面写成普通 Markdown 文件）", f"{plain_start:.1f}", " / ".join(f"{t:.2f}" for t in plain), f"{p:.2f}", "1.00"],
    ]
    lines = [
        "## 预览：`mkdocs serve` 保存后多久看到新页面",
        "",
        f"命令：`.venv/bin/python bench/{command}`（同一台机器、同一次运行）。{when}",
        f"在 {EDITED} 正文末尾追加一段（以“{synth.MARK}”开头），从写完文件起，每 {POLL} 秒请求一次该条的页面，"
        "直到页面含有新段落；Material 一边在对应的 Markdown 文件末尾追加同样的段落。两边都是 MkDocs 自带的预览服务器"
        "（每 0.5 秒轮询一次文件），每边改 "
        f"{repeat} 次，取中位数。",
        "",
        *table(["预览", "启动到可访问（秒）", "每次（秒）", "中位数（秒）", "与 Material 之比"], rows),
        "",
        f"门槛：不超过 Material 的 {BAR} 倍：{verdict(ratio <= BAR)}（{ratio:.2f}）。",
    ]
    write_section("serve", "\n".join(lines))


if __name__ == "__main__":
    main()
