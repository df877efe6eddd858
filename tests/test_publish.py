"""The published site is replaced only whole: a failed, interrupted or concurrent build never
leaves it half-written or empty, and leaves no folder of its own behind."""
from __future__ import annotations

import pytest

import signal
import time

from conftest import BASE_CONTENT, build, leak_in_template, make_project, start_build
from test_plugin import snapshot


def leftovers(site) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}.") and not p.name.endswith(".lock"))


@pytest.mark.slow  # two whole builds
def test_a_build_that_fails_its_strict_check_leaves_the_previous_site_whole(tmp_path):
    project = make_project(tmp_path / "p", BASE_CONTENT)
    site = tmp_path / "site"
    assert build(project, site).returncode == 0
    before = snapshot(site)
    leak_in_template(project)  # every page is written, then the strict check fails the build
    result = build(project, site)
    assert result.returncode != 0 and "读者会看到" in result.stderr
    assert snapshot(site) == before
    assert leftovers(site) == []


@pytest.mark.slow
def test_an_interrupted_build_leaves_the_previous_site_whole_and_never_empties_it(tmp_path):
    project = make_project(tmp_path / "p", BASE_CONTENT, handbook=True)
    site = tmp_path / "site"
    assert build(project, site).returncode == 0
    before = snapshot(site)
    running = start_build(project, site)
    seen_whole = 0
    deadline = time.monotonic() + 2.5
    while time.monotonic() < deadline:  # while it builds, the published site stays as it was
        assert (site / "index.html").exists() and (site / "handbook-learner.pdf").exists()
        seen_whole += 1
        time.sleep(0.05)
    assert running.poll() is None, "the build ended before it could be interrupted"
    running.send_signal(signal.SIGINT)
    running.communicate(timeout=120)
    assert seen_whole > 20
    assert snapshot(site) == before
    assert leftovers(site) == []


@pytest.mark.slow  # two whole builds at once
def test_two_builds_at_once_publish_one_whole_site(base_site, tmp_path):
    project = make_project(tmp_path / "p", BASE_CONTENT)
    site = tmp_path / "site"
    single = base_site  # the same project, built alone
    first, second = start_build(project, site), start_build(project, site)
    for running in (first, second):
        _, err = running.communicate(timeout=300)
        assert running.returncode == 0, err
    assert sorted(snapshot(site)) == sorted(snapshot(single))
    assert leftovers(site) == []


def test_an_unwritable_output_folder_is_one_chinese_line(tmp_path):
    project = make_project(tmp_path / "p", BASE_CONTENT)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    result = build(project, blocker / "site")
    assert result.returncode != 0
    assert f"无法在 {blocker} 写入构建结果" in result.stderr and "Traceback" not in result.stderr


def test_a_full_disk_while_writing_is_one_chinese_line():
    """MkDocs writes the pages itself; its OSError reaches on_build_error, which says it in one line."""
    import errno

    import pytest
    from mkdocs.exceptions import PluginError

    from site_plugins.plugin import RegulationPlugin

    plugin = RegulationPlugin()
    plugin.load_config({})
    with pytest.raises(PluginError) as raised:
        plugin.on_build_error(error=OSError(errno.ENOSPC, "No space left on device", "/srv/site/index.html"))
    assert str(raised.value) == "写入构建结果失败（No space left on device）：/srv/site/index.html"
