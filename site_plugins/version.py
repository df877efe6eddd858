"""The content version shown in every footer and on the PDF cover: Git commit and date."""
from __future__ import annotations

import datetime
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Version:
    commit: str
    date: str
    modified: bool  # the content differs from that commit

    def __str__(self) -> str:
        """The edition as people read it: 2026年11月版（内容版本 41092f5）."""
        detail = f"内容版本 {self.commit}" + ("，含未提交的修改" if self.modified else "")
        year, month = (self.date.split("-") + ["", ""])[:2]
        edition = f"{year}年{int(month)}月版" if year.isdigit() and month.isdigit() else self.date
        return f"{edition}（{detail}）"


def _git(folder: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=30)
    if result.returncode != 0:
        raise OSError(result.stderr.strip())
    return result.stdout.strip()


def content_version(content_dir: Path) -> Version:
    """The last commit of the repository that holds ``content_dir``."""
    try:
        commit, date = _git(content_dir, "log", "-1", "--format=%h %cs").split()
        modified = bool(_git(content_dir, "status", "--porcelain", "--", "."))
    except (OSError, ValueError, subprocess.SubprocessError):
        return Version("未提交", datetime.date.today().isoformat(), True)
    return Version(commit, date, modified)
