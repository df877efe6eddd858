"""The offline edition: the whole site in a zip that works opened from disk (file://), for classrooms
without a network. It is published at ``downloads/offline.zip`` and linked from the home page.

Material's offline plugin cannot simply be switched on for the site: it turns off directory URLs
for the whole build (our stable addresses end in ``/``) and adds a script from another host (an
iframe-worker shim: under file:// a page may not start a worker). So the edition is a second build,
into a temporary folder, with:

- Material's offline plugin (the search index inlined as a script, ``use_directory_urls: false``);
- the iframe-worker shim vendored from npm (``docs/assets/vendor``, MIT), so nothing is fetched from
  another host; our search-worker wrapper runs inside it unchanged (the shim provides ``postMessage``
  and ``importScripts`` in its iframe);
- the quiz bank inlined into the exam page (file:// forbids the exam's fetch of ``quiz/bank.json``).

The PDFs of the main build (both editions and the seven handouts) are copied in, not laid out again:
the zip holds them.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import yaml

from .config import standalone

#: Where the zip is published in the site, and the folder it unpacks to.
ZIP = "downloads/offline.zip"
FOLDER = "jianfu-offline"
SHIM = "assets/vendor/iframe-worker-shim.js"


class OfflineError(Exception):
    """The second build failed; its own message says why."""


def _config(config_file: Path, site_options: dict) -> dict:
    content = (config_file.parent / site_options.get("content_dir", "content")).resolve()
    options = {**site_options, "content_dir": str(content), "handbook": False, "offline_edition": False,
               "inline_quiz_bank": True}
    data = standalone(config_file, ["search", "offline", {"regulation": options}])
    data["use_directory_urls"] = False
    data.setdefault("extra", {})["polyfills"] = [SHIM]
    return data


def write(config_file: Path, site_options: dict, site_dir: Path) -> Path:
    """Build the offline edition of the site configured in ``config_file`` and zip it into ``site_dir``."""
    with tempfile.TemporaryDirectory(prefix="jianfu-offline-") as tmp:
        where = Path(tmp)
        config = where / "mkdocs.yml"
        config.write_text(yaml.safe_dump(_config(config_file, site_options), allow_unicode=True), encoding="utf-8")
        edition = where / FOLDER
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(edition)],
                                capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
        if result.returncode != 0:
            raise OfflineError(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "未知错误")
        for pdf in site_dir.glob("*.pdf"):
            shutil.copyfile(pdf, edition / pdf.name)
        out = site_dir / ZIP
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for file in sorted(edition.rglob("*")):
                if file.is_file():
                    archive.write(file, f"{FOLDER}/{file.relative_to(edition).as_posix()}")
    return out
