"""What citizens and inspectors do in a real browser (Selenium + headless Chromium): search, 长者模式, the
browser's font setting, footer links, axe-core 4.x on every page type, and a site published under a sub-path.

One Chromium session is shared by the tests of this module (a second one only where a browser preference
must differ), so the whole module takes a couple of minutes.
"""
import functools
import html.parser
import http.server
import importlib.util
import os
import pathlib
import re
import shutil
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

selenium = pytest.importorskip("selenium", reason="make test installs selenium")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parents[2]
CAMPAIGN = os.environ.get("CAMPAIGN", str(REPO / ".build" / "debug" / "campaign"))
CHECK_NOW = "2026-11-29T12:00:00+08:00"
WIDTHS = (320, 375, 1280)

# One page of every type the theme renders.
PAGE_TYPES = {
    "home": "/",
    "news-list": "/news/",
    "news-article": None,  # the newest article, found on /news/
    "tag": None,  # the first tag, found on /tags/
    "tags": "/tags/",
    "page": "/about/",
    "accessibility": "/accessibility/",
    "page-with-table": "/contact/",
    "exposure-board": "/exposures/",
    "exposure-facet": "/exposures/status/open/",
    "exposure-notice": "/exposures/bg-2026-0101/",
    "exposure-ledger": "/exposures/ledger/",
    "progress": "/progress/",
    "progress-unit": None,  # the first unit, found on /progress/
    "led": "/led/",
    "search": "/search/?q=%E6%96%87%E6%98%8E",
    "site-map": "/sitemap/",
    "404": "/404.html",
}


def serve(directory, prefix=""):
    """Serves `directory` on a loopback port under `prefix` (e.g. `/wmcj`): other paths are 404."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(directory), **kwargs)

        def log_message(self, *args):
            pass

        def translate_path(self, path):
            if prefix:
                if not (path == prefix or path.startswith(prefix + "/")):
                    return str(pathlib.Path(directory) / "__outside_the_prefix__")
                path = path[len(prefix):] or "/"
            return super().translate_path(path)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"


def chrome(font_size=None):
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--lang=zh-CN"):
        options.add_argument(arg)
    if font_size:
        options.add_experimental_option("prefs", {"webkit.webprefs.default_font_size": font_size})
    driver_path = shutil.which("chromedriver")
    assert driver_path, "chromedriver is not installed (make test installs chromium-driver)"
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary:
        options.binary_location = binary
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(60)
    return driver


@pytest.fixture(scope="module")
def base(site):
    httpd, url = serve(site)
    yield url
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    driver = chrome()
    yield driver
    driver.quit()


def load(driver, url, width=1280, elder=False):
    driver.set_window_size(width, 900)
    driver.get(url)
    driver.execute_script(
        "try { localStorage.setItem('campaignpress-elder', arguments[0] ? '1' : '0'); } catch (e) {}", elder)
    driver.get(url)
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")


def first_link(site, page, pattern):
    text = (site / page.strip("/") / "index.html").read_text(encoding="utf-8")
    match = re.search(pattern, text)
    assert match, f"no link matching {pattern} on {page}"
    return match.group(1)


@pytest.fixture(scope="module")
def pages(site):
    found = dict(PAGE_TYPES)
    found["news-article"] = first_link(site, "/news/", r'<h3><a href="(/news/[a-z0-9-]+/)"')
    found["tag"] = first_link(site, "/tags/", r'href="(/tags/[^"/]+/)"')
    found["progress-unit"] = first_link(site, "/progress/", r'href="(/progress/units/[a-z0-9-]+/)"')
    return found


# ---------------------------------------------------------------------------------------------------------
# Search


def search(driver, base, query, **filters):
    load(driver, f"{base}/search/?q={urllib.parse.quote(query)}"
         + "".join(f"&{k}={urllib.parse.quote(v)}" for k, v in filters.items()))
    status = driver.find_element(By.ID, "search-status")
    WebDriverWait(driver, 20).until(lambda d: status.text and "正在搜索" not in status.text)
    return status.text, driver.find_elements(By.CSS_SELECTOR, "#search-results li")


def page_texts(site):
    """The visible text of <main> of every content page, as the index holds it."""
    texts = {}
    for page in site.rglob("index.html"):
        html_text = page.read_text(encoding="utf-8")
        main = re.search(r"<main[^>]*>(.*)</main>", html_text, re.S)
        if main:
            texts["/" + str(page.parent.relative_to(site)).strip(".") + "/"] = main.group(1)
    return texts


def test_search_finds_every_page_holding_a_substring(browser, base, site):
    # 停放 is found exactly where a page's text holds it (not in pages that only say 乱停乱放).
    status, results = search(browser, base, "停放")
    urls = {urllib.parse.urlparse(r.find_element(By.CSS_SELECTOR, "h2 a").get_attribute("href")).path for r in results}
    assert results, status
    for result in results:
        assert "停放" in result.text, "every result shows the hit"
        assert result.find_elements(By.TAG_NAME, "mark"), "the hit is highlighted"
    for url in urls:
        text = (site / url.strip("/") / "index.html").read_text(encoding="utf-8")
        assert "停放" in text, url

    # A longer query: exactly the pages whose main text holds it (up to the first page of results).
    status, results = search(browser, base, "乱停乱放")
    assert results and "找到" in status
    holding = {path for path, text in page_texts(site).items() if "乱停乱放" in re.sub(r"<[^>]+>", "", text)}
    shown = {urllib.parse.urlparse(r.find_element(By.CSS_SELECTOR, "h2 a").get_attribute("href")).path
             for r in results}
    assert shown <= holding
    assert len(shown) == min(10, len(holding)), (shown, holding)


def test_search_ranks_title_hits_first_and_filters(browser, base):
    status, results = search(browser, base, "曝光台")
    assert results
    titles = [r.find_element(By.CSS_SELECTOR, "h2").text for r in results]
    in_title = [("曝光台" in t) for t in titles]
    assert in_title == sorted(in_title, reverse=True), titles

    status, results = search(browser, base, "整改", kind="曝光", district="城关区")
    assert results, status
    for result in results:
        meta = result.find_element(By.CSS_SELECTOR, ".meta").text
        assert "曝光" in meta and "城关区" in meta, meta


def test_search_box_in_masthead_leads_to_results(browser, base):
    load(browser, base + "/news/")
    box = browser.find_element(By.ID, "site-search-q")
    box.send_keys("文明")
    box.submit()
    WebDriverWait(browser, 20).until(lambda d: "/search/" in d.current_url)
    status = browser.find_element(By.ID, "search-status")
    WebDriverWait(browser, 20).until(lambda d: status.text.startswith("找到"))
    assert browser.find_elements(By.CSS_SELECTOR, "#search-results li")
    assert status.get_attribute("aria-live") == "polite"


def test_search_page_without_javascript_says_so(site):
    text = (site / "search" / "index.html").read_text(encoding="utf-8")
    noscript = re.search(r"<noscript>(.*?)</noscript>", text, re.S).group(1)
    assert "JavaScript" in noscript and 'href="/sitemap/"' in noscript


def test_a_two_character_query_downloads_little(site):
    """The documents table, one shard and a page of text chunks stay under 150 KB."""
    import json
    table = json.loads((site / "search" / "docs.json").read_text(encoding="utf-8"))
    size = (site / "search" / "docs.json").stat().st_size
    shards = sorted((site / "search" / "k").glob("*.json"), key=lambda p: p.stat().st_size)
    chunks = sorted((site / "search" / "t").glob("*.json"), key=lambda p: p.stat().st_size)
    assert table["count"] > 30
    assert size + shards[-1].stat().st_size + sum(p.stat().st_size for p in chunks[-10:]) < 150_000


# ---------------------------------------------------------------------------------------------------------
# 长者模式, font settings, footer


def smallest_text(driver):
    """The smallest rendered font size (px) of any visible text, SVG labels at their drawn size."""
    return driver.execute_script("""
        var least = 1000, where = '';
        var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (var node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!node.nodeValue.trim()) continue;
          var el = node.parentElement;
          if (!el || el.closest('.visually-hidden, [hidden], noscript, script, style, title, desc')) continue;
          var rect = el.getBoundingClientRect();
          if (rect.width === 0 || rect.height === 0) continue;
          var size = parseFloat(getComputedStyle(el).fontSize);
          if (el instanceof SVGElement && el.getScreenCTM) { size = size * el.getScreenCTM().a; }
          if (size < least) { least = size; where = el.tagName + ' ' + node.nodeValue.trim().slice(0, 20); }
        }
        return [least, where];
    """)


def body_font(driver):
    return float(driver.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)"))


def test_elder_mode_is_remembered_across_pages(browser, base):
    load(browser, base + "/", elder=False)
    assert body_font(browser) >= 16
    toggle = browser.find_element(By.ID, "elder-toggle")
    assert toggle.is_displayed() and "长者模式" in toggle.text
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert "elder" in browser.find_element(By.TAG_NAME, "html").get_attribute("class")
    assert body_font(browser) >= 18
    browser.get(base + "/news/")
    assert "elder" in browser.find_element(By.TAG_NAME, "html").get_attribute("class")
    assert browser.find_element(By.ID, "elder-toggle").get_attribute("aria-pressed") == "true"
    assert body_font(browser) >= 18
    browser.find_element(By.ID, "elder-toggle").click()
    browser.get(base + "/about/")
    assert "elder" not in (browser.find_element(By.TAG_NAME, "html").get_attribute("class") or "")


@pytest.mark.parametrize("width", [375, 1280])
def test_elder_mode_shows_nothing_under_16px(browser, base, pages, width):
    for kind in ("home", "news-article", "exposure-notice", "exposure-ledger", "progress", "search"):
        load(browser, base + pages[kind], width=width, elder=True)
        least, where = smallest_text(browser)
        assert least >= 15.95, f"{kind} at {width}px: {least:.1f}px text ({where})"


def test_phone_charts_keep_readable_labels(browser, base):
    load(browser, base + "/progress/", width=375)
    least, where = smallest_text(browser)
    assert least >= 11.5, f"{least:.1f}px text ({where})"


def test_browser_default_font_size_enlarges_the_text(site):
    httpd, url = serve(site)
    driver = chrome(font_size=24)
    try:
        driver.get(url + "/news/")
        assert body_font(driver) >= 24
    finally:
        driver.quit()
        httpd.shutdown()


def test_article_tools_change_the_text_size(browser, base, pages):
    load(browser, base + pages["news-article"])
    content = browser.find_element(By.CSS_SELECTOR, ".article .content")
    before = float(content.value_of_css_property("font-size").rstrip("px"))
    browser.find_element(By.CSS_SELECTOR, "button[data-font='l']").click()
    after = float(content.value_of_css_property("font-size").rstrip("px"))
    assert after > before
    assert browser.find_element(By.CSS_SELECTOR, "button[data-print]").is_displayed()


def test_footer_links_lead_to_their_pages(browser, base):
    load(browser, base + "/")
    footer = browser.find_element(By.CSS_SELECTOR, "footer.site-footer")
    links = {a.text: a.get_attribute("href") for a in footer.find_elements(By.TAG_NAME, "a")}
    for name, title in (("网站地图", "网站地图"), ("无障碍声明", "无障碍声明"), ("联系我们", "联系我们")):
        assert name in links, links
        browser.get(links[name])
        assert browser.find_element(By.TAG_NAME, "h1").text == title
    police = [href for text, href in links.items() if "公网安备" in text]
    assert police and police[0].startswith("http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=")


def test_focus_ring_is_visible_on_the_red_masthead(browser, base):
    load(browser, base + "/")
    browser.execute_script("document.querySelector('.brand').focus()")
    style = browser.execute_script(
        "var s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineColor, s.boxShadow]")
    assert style[0] == "solid" and style[1] == "rgb(255, 210, 0)" and "rgb(11, 12, 12)" in style[2], style


# ---------------------------------------------------------------------------------------------------------
# axe-core 4.x


def axe_source():
    spec = importlib.util.find_spec("axe_playwright_python")
    assert spec and spec.submodule_search_locations, "axe-playwright-python is not installed (make test installs it)"
    path = pathlib.Path(list(spec.submodule_search_locations)[0]) / "axe.min.js"
    source = path.read_text(encoding="utf-8")
    assert re.match(r"/\*! axe v4\.", source), "axe-core 4.x expected"
    return source


def test_axe_finds_nothing_on_any_page_type(browser, base, pages):
    """axe-core (any impact) and no sideways scrolling of the page, for every page type at 320, 375 and
    1280 px, in normal and elder mode."""
    source = axe_source()
    problems = []
    for elder in (False, True):
        load(browser, base + "/", elder=elder)
        mode = "elder" if elder else "normal"
        for width in WIDTHS:
            browser.set_window_size(width, 900)
            for kind, path in pages.items():
                browser.get(base + path)
                if kind == "search":
                    WebDriverWait(browser, 20).until(
                        lambda d: d.find_element(By.ID, "search-status").text.startswith("找到"))
                assert ("elder" in (browser.find_element(By.TAG_NAME, "html").get_attribute("class") or "")) == elder
                browser.execute_script(source)
                result = browser.execute_async_script(
                    "var done = arguments[arguments.length - 1];"
                    "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
                    "  done(r.violations.map(function (v) { return [v.id, v.impact, v.nodes.length,"
                    "    v.nodes[0].target.join(' ')]; })); }, function (e) { done([['axe-error', String(e), 0, '']]); });")
                overflow = browser.execute_script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
                problems += [f"{kind} {width}px {mode}: {v}" for v in result]
                if overflow > 0:
                    problems.append(f"{kind} {width}px {mode}: page is {overflow}px wider than the screen")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------------------------------------
# A site published under a sub-path


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and name in ("href", "src", "action"):
                self.urls.append(value)
            if value and name == "srcset":
                self.urls += [c.strip().split(" ")[0] for c in value.split(",") if c.strip()]


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory):
    """The sample built with `base_url: https://…/wmcj/`, as the lead of a city portal would publish it."""
    work = tmp_path_factory.mktemp("subpath")
    shutil.copytree(REPO / "Content", work / "Content")
    site_yml = work / "Content" / "site.yml"
    text = site_yml.read_text(encoding="utf-8")
    site_yml.write_text(re.sub(r"(?m)^base_url: .*$", "base_url: https://www.lanzhou.example.gov.cn/wmcj/", text),
                        encoding="utf-8")
    if not os.path.exists(CAMPAIGN):
        pytest.fail(f"no campaign binary at {CAMPAIGN}: build it first (make test does)")
    output = tmp_path_factory.mktemp("subpath-site") / "Output"
    result = subprocess.run(
        [CAMPAIGN, "build", "--production", "--now", CHECK_NOW, "--content", str(work / "Content"),
         "--theme", str(REPO / "Theme"), "--output", str(output)],
        capture_output=True, text=True, timeout=600, cwd=work)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return output


def test_sub_path_site_has_no_broken_link(sub_path_site):
    httpd, base = serve(sub_path_site, prefix="/wmcj")
    origin = base[: -len("/wmcj")]
    try:
        seen = set()
        queue = [base + "/"]
        broken = []
        while queue:
            url = queue.pop()
            if url in seen:
                continue
            seen.add(url)
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    kind = response.headers.get("Content-Type", "")
                    body = response.read()
            except urllib.error.HTTPError as error:
                broken.append(f"{url}: {error.code}")
                continue
            if "html" not in kind:
                continue
            parser = Links()
            parser.feed(body.decode("utf-8"))
            for link in parser.urls:
                target = urllib.parse.urljoin(url, link)
                parts = urllib.parse.urlparse(target)
                if f"{parts.scheme}://{parts.netloc}" != origin:
                    continue
                if not parts.path.startswith("/wmcj/"):
                    broken.append(f"{url}: link {link} leaves /wmcj/")
                    continue
                queue.append(urllib.parse.urlunparse(parts._replace(fragment="", query="")))
        assert len(seen) > 50
        assert not broken, "\n".join(sorted(set(broken))[:40])
    finally:
        httpd.shutdown()


def test_sub_path_search_finds_pages_under_the_path(browser, sub_path_site):
    httpd, base = serve(sub_path_site, prefix="/wmcj")
    try:
        status, results = search(browser, base, "文明")
        assert results, status
        href = results[0].find_element(By.CSS_SELECTOR, "h2 a").get_attribute("href")
        assert urllib.parse.urlparse(href).path.startswith("/wmcj/")
        browser.get(href)
        assert browser.find_element(By.TAG_NAME, "h1").text
    finally:
        httpd.shutdown()
