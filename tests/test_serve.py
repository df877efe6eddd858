"""`mkdocs serve` rebuilds when a content file (outside docs_dir) changes, and skips the PDF."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import BASE_CONTENT, make_project

pytestmark = pytest.mark.slow  # runs mkdocs serve and waits for its builds and rebuilds


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")
    except OSError:
        return 0, ""


def wait_for(predicate, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def test_serve_reloads_on_content_change(tmp_path):
    project = make_project(tmp_path / "project", BASE_CONTENT, handbook=True)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
         "-f", str(project / "mkdocs.yml")],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    page = f"http://127.0.0.1:{port}/provisions/alpha/"
    try:
        assert wait_for(lambda: "控制数量" in fetch(page)[1]), "serve did not start"
        assert fetch(f"http://127.0.0.1:{port}/handbook-learner.pdf")[0] == 404  # no PDF while previewing
        file = project / "content" / "provisions" / "01.md"
        file.write_text(file.read_text(encoding="utf-8").replace("heading: 控制数量", "heading: 改过的标题"), encoding="utf-8")
        assert wait_for(lambda: "改过的标题" in fetch(page)[1]), "no rebuild after a content change"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_shows_content_errors_at_every_address_until_fixed(tmp_path):
    from conftest import FIXTURES, overlay

    project = make_project(tmp_path / "project", BASE_CONTENT)
    file = project / "content" / "provisions" / "03.md"
    good = file.read_text(encoding="utf-8")
    overlay(FIXTURES / "load" / "provision-out-of-range", project / "content")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    base = f"http://127.0.0.1:{port}/"
    error = "content/provisions/03.md:10: related：第25条不存在（本规定共3条）"
    try:
        assert wait_for(lambda: error in fetch(base)[1]), "no error page"
        assert error in fetch(base + "provisions/alpha/")[1]  # every address
        file.write_text(good, encoding="utf-8")
        assert wait_for(lambda: "控制数量" in fetch(base + "provisions/alpha/")[1]), "no recovery after the fix"
        assert error not in fetch(base)[1]
    finally:
        server.terminate()
        server.wait(timeout=10)
