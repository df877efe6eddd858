"""Shared helpers: fixture projects, builds into temporary folders, the built real site, the real
content loaded once, and PDF text read once per file."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

from site_plugins.config import standalone
from site_plugins.handbook import pdf_text as read_pdf_text
from site_plugins.load import load

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE_CONTENT = FIXTURES / "base" / "content"


def overlay(case: Path, target: Path) -> None:
    """Copy a case's files over a content tree; ``delete.txt`` lists files to remove."""
    for src in (case / "content").rglob("*"):
        if src.is_file():
            dst = target / src.relative_to(case / "content")
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
    deletions = case / "delete.txt"
    if deletions.exists():
        for name in deletions.read_text().split():
            (target / name).unlink()


def make_project(where: Path, content: Path, *, handbook: bool = False, **options) -> Path:
    """A project folder using this repo's theme and docs, with ``content`` copied in."""
    where.mkdir(parents=True, exist_ok=True)
    if not (where / "content").exists():
        shutil.copytree(content, where / "content")
    options.setdefault("offline_edition", False)  # the real build's test covers the offline edition
    config = standalone(ROOT / "mkdocs.yml",
                        ["search", {"regulation": {"content_dir": "content", "handbook": handbook, **options}}])
    (where / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return where


def leak_in_template(project: Path) -> None:
    """Make ``project`` use a copy of the theme whose provision page prints its file's path: a leak the
    content check cannot see, which only the scan of the built pages finds."""
    overrides = project.parent / "overrides"
    shutil.copytree(ROOT / "overrides", overrides)
    provision = overrides / "partials" / "reg" / "provision.html"
    provision.write_text(provision.read_text(encoding="utf-8") + "<p>{{ p.origin.path }}</p>", encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace(str(ROOT / "overrides"), str(overrides)), encoding="utf-8")


def start_build(project: Path, site_dir: Path) -> subprocess.Popen:
    """``mkdocs build --strict`` of ``project`` into ``site_dir``, started in a process of its own."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=project,
    )


def finish(running: subprocess.Popen, timeout: float = 600) -> subprocess.CompletedProcess:
    """Wait for a build ``start_build`` started; what ``build`` returns."""
    try:
        stdout, stderr = running.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        running.kill()
        running.communicate()
        raise
    return subprocess.CompletedProcess(running.args, running.returncode, stdout, stderr)


def build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    return finish(start_build(project, site_dir))


def pytest_collection_modifyitems(config, items):
    """Whatever needs the real site with its PDFs, or the browser, is slow: the quick suite is -m "not slow"."""
    for item in items:
        if {"built_site", "browser"} & set(getattr(item, "fixturenames", ())) or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project, built once per test run (site and PDF) into a temporary folder."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = build(ROOT, site)
    assert result.returncode == 0, result.stderr
    # WeasyPrint, laying out the PDFs in worker processes, warns on stderr of any missing glyph.
    assert "glyph" not in result.stderr and "notdef" not in result.stderr, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


#: The base fixture's build, started as soon as the tests are collected: (its folder, the running build).
_base_build: tuple[Path, subprocess.Popen] | None = None


def pytest_collection_finish(session):
    """If a selected test needs the base fixture site, its build starts now, in a process of its own: it runs
    on the other core while the tests before the first that needs it run."""
    global _base_build
    if session.config.option.collectonly or not any("base_site" in getattr(item, "fixturenames", ())
                                                    for item in session.items):
        return
    where = Path(tempfile.mkdtemp(prefix="pytest-base-site-"))
    _base_build = where, start_build(make_project(where / "project", BASE_CONTENT), where / "site")


def pytest_sessionfinish(session):
    if _base_build is not None:
        where, running = _base_build
        if running.poll() is None:  # the run ended before any test needed it
            running.kill()
            running.communicate()
        shutil.rmtree(where, ignore_errors=True)


@pytest.fixture(scope="session")
def base_site() -> Path:
    """The base fixture project, built once per test run (no PDF)."""
    assert _base_build is not None, "started when the tests were collected"
    where, running = _base_build
    result = finish(running)
    assert result.returncode == 0, result.stderr
    return where / "site"


@pytest.fixture(scope="session")
def regulation():
    """The real content (``content/``), loaded once per test run: tests read it and change nothing in it."""
    return load(ROOT / "content")


def _state(pdf: Path) -> tuple[str, int, int]:
    """What identifies one version of a file: its path, modification time and size."""
    stat = Path(pdf).stat()
    return str(pdf), stat.st_mtime_ns, stat.st_size


@functools.cache
def _pdftotext(path: str, mtime_ns: int, size: int, options: tuple[str, ...]) -> str:
    return subprocess.run(["pdftotext", *options, path, "-"], capture_output=True, text=True, check=True).stdout


def pdftotext(pdf: Path, *options: str) -> str:
    """The output of poppler's ``pdftotext [options] pdf -``, read once per run for each version of the file."""
    return _pdftotext(*_state(pdf), options)


@functools.cache
def _pdf_text(path: str, mtime_ns: int, size: int) -> tuple[str, ...]:
    return tuple(read_pdf_text(Path(path)))


def pdf_text(pdf: Path) -> list[str]:
    """``site_plugins.handbook.pdf_text`` (each page's text), read once per run for each version of the file."""
    return list(_pdf_text(*_state(pdf)))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """Serve ``folder`` on localhost; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="session")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
