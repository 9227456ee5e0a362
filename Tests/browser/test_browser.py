"""Real-browser checks: headless Chromium loads the built site from a local HTTP server."""
import functools
import http.server
import shutil
import subprocess
import tempfile
import threading

import pytest
from PIL import Image

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def server(site):
    """Serves the built site on a loopback port, as a web server would (root-relative links work)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    handler.log_message = lambda *args: None
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def chromium(*args, timeout=120):
    assert CHROMIUM, "chromium is not installed (make test installs it)"
    with tempfile.TemporaryDirectory() as profile:
        cmd = [
            CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", f"--user-data-dir={profile}", *args,
        ]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize("page", ["/", "/news/", "/about/", "/exposures/", "/exposures/bg-2026-0101/", "/exposures/ledger/"])
def test_page_renders_with_its_stylesheet(server, page, tmp_path):
    shot = tmp_path / "shot.png"
    result = chromium(f"--screenshot={shot}", "--window-size=1280,900", server + page)
    assert shot.is_file(), result.stderr[-2000:]
    image = Image.open(shot).convert("RGB")
    # The masthead is the theme's red (#a4161a): proof that the fingerprinted stylesheet loaded.
    reds = sum(
        1 for x in range(0, 1280, 16) for y in range(0, 60, 6)
        if image.getpixel((x, y)) == (0xA4, 0x16, 0x1A)
    )
    assert reds > 100, "masthead is not red: the stylesheet did not load"


@pytest.mark.parametrize("page", ["/", "/news/", "/about/", "/exposures/", "/exposures/bg-2026-0101/", "/exposures/ledger/"])
def test_dom_holds_title_and_footer(server, page):
    dom = chromium("--dump-dom", server + page).stdout
    assert "兰州文明城市创建网" in dom
    assert "网站标识码" in dom
