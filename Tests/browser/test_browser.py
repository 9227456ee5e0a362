"""Real-browser checks: headless Chromium renders the pages with JavaScript switched off."""
import os
import shutil
import subprocess
import tempfile

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def chromium(*args, timeout=120):
    with tempfile.TemporaryDirectory() as profile:
        cmd = [
            CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--blink-settings=scriptEnabled=false", f"--user-data-dir={profile}", *args,
        ]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize("page", ["index.html", "news/index.html", "about/index.html"])
def test_page_renders_in_chromium_without_javascript(site, page, tmp_path):
    assert CHROMIUM, "chromium is not installed (make test installs it)"
    target = site / page
    assert target.is_file(), page
    shot = tmp_path / "shot.png"
    result = chromium(f"--screenshot={shot}", "--window-size=1280,2000", target.as_uri())
    assert shot.is_file() and shot.stat().st_size > 10_000, result.stderr[-2000:]
    dom = chromium("--dump-dom", target.as_uri())
    assert "兰州文明城市创建网" in dom.stdout
    assert "网站标识码" in dom.stdout
