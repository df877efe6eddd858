"""The plugin code type-checks: ``mypy site_plugins`` (settings in pyproject.toml) finds nothing."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_is_clean() -> None:
    # mypy's own cache (.mypy_cache/ at the root, ignored by git): a warm run takes under a second.
    run = subprocess.run([sys.executable, "-m", "mypy", "site_plugins"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, f"mypy site_plugins failed:\n{run.stdout}{run.stderr}"
