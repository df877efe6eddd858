"""The published site is replaced only whole.

``mkdocs build`` writes into a hidden sibling of the site folder; only a build that
finished without error (MkDocs' strict check included) takes the site's place, by two
renames under a lock. A failed or interrupted build leaves the previous site exactly
as it was and its own folder removed. ``mkdocs serve`` is left alone: it serves a
folder of its own.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path


class PublishError(Exception):
    """The site folder cannot be written: said in one line, in Chinese."""


@dataclass
class Staging:
    site: Path  # where the site is published
    folder: Path  # where this build writes it

    @classmethod
    def begin(cls, site_dir: str) -> Staging:
        site = Path(site_dir).resolve()
        try:
            site.parent.mkdir(parents=True, exist_ok=True)
            folder = Path(tempfile.mkdtemp(prefix=f".{site.name}.building-", dir=site.parent))
            folder.chmod(0o755)  # mkdtemp makes it private; the site is published
        except OSError as err:
            raise PublishError(f"无法在 {site.parent} 写入构建结果：{err.strerror or err}") from None
        return cls(site, folder)

    def publish(self) -> None:
        """Put the new site in place of the old one; the gap between the renames is microseconds."""
        lock_path = self.site.parent / f".{self.site.name}.lock"
        with open(lock_path, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # two builds at once swap one after the other
            old = None
            if self.site.exists() or self.site.is_symlink():
                old = Path(tempfile.mkdtemp(prefix=f".{self.site.name}.old-", dir=self.site.parent))
                os.rename(self.site, old / "site")
            os.rename(self.folder, self.site)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abandon(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
