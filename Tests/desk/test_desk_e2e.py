"""End to end: the editorial desk in Chromium (Selenium), from a new notice with a redacted photo to
the published page.

Starts `campaign desk` (CAMPAIGN_BIN, default .build/debug/campaign) on 127.0.0.1 over a copy of the
signed fixture in a temporary folder; accounts are made with `campaign desk user add`.
"""
import datetime
import importlib.util
import json
import os
import pathlib
import re
import shutil
import socket
import subprocess
import time

import pytest
from PIL import Image, ImageChops, ImageStat
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = pathlib.Path(__file__).resolve().parents[2]
CAMPAIGN = pathlib.Path(os.environ.get("CAMPAIGN_BIN", ROOT / ".build/debug/campaign")).resolve()
FIXTURE = ROOT / "Tests/SiteBuilderTests/Fixtures/signed/Content"
PHOTO = FIXTURE / "exposures/bg-2026-0001-test-parking/before-1.jpg"
PASSWORD = "Wenming2026!"
ACCOUNTS = [
    ("bianji", "陈编辑", "editor", None),
    ("liangji", "赵磊", "reviewer", "first,second"),
    ("fushen", "王复审", "reviewer", "second"),
    ("zhongshen", "张终审", "reviewer", "final"),
    ("fabu", "孙发布", "publisher", None),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    if not CAMPAIGN.is_file():
        pytest.fail(f"no campaign binary at {CAMPAIGN}: run `swift build` first")
    root = tmp_path_factory.mktemp("desk")
    shutil.copytree(FIXTURE, root / "Content")
    shutil.copytree(ROOT / "Theme", root / "Theme")
    for login, name, role, levels in ACCOUNTS:
        args = [str(CAMPAIGN), "desk", "user", "add", login, "--name", name, "--role", role,
                "--data", str(root / "data"), "--content", str(root / "Content")]
        if levels:
            args += ["--levels", levels]
        subprocess.run(args, input=f"{PASSWORD}\n{PASSWORD}\n", text=True, check=True, capture_output=True)
    port = free_port()
    process = subprocess.Popen(
        [str(CAMPAIGN), "desk", "--port", str(port), "--data", str(root / "data"), "--content",
         str(root / "Content"), "--theme", str(root / "Theme"), "--output", str(root / "Output"),
         "--test-clock-offset", str(root / "clock-offset")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=root)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("the desk did not start")
    yield {"url": f"http://127.0.0.1:{port}", "root": root}
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600"]:
        options.add_argument(argument)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    service = webdriver.ChromeService(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    yield driver
    driver.quit()


def wait(browser, condition, seconds=20):
    return WebDriverWait(browser, seconds).until(condition)


def login(browser, desk, user, password=PASSWORD):
    browser.delete_all_cookies()
    browser.get(desk["url"] + "/login")
    browser.find_element(By.ID, "login").send_keys(user)
    browser.find_element(By.ID, "password").send_keys(password)
    browser.find_element(By.CSS_SELECTOR, "#login-form button[type=submit]").click()


def logged_in(browser, desk, user):
    login(browser, desk, user)
    wait(browser, EC.presence_of_element_located((By.ID, "logout")))


def today() -> str:
    return datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).strftime("%Y-%m-%d")


def sign(browser, button):
    """Clicks a sign button of the notice and waits for the page to reload after the signature."""
    element = browser.find_element(By.XPATH, f"//tr[td/a[contains(., '测试街人行道违停')]]//button[.='{button}']")
    element.click()
    wait(browser, EC.staleness_of(element))


def notice_state(browser, desk):
    browser.get(desk["url"] + "/items/exposure")
    row = wait(browser, EC.presence_of_element_located((By.XPATH, "//tr[td/a[contains(., '测试街人行道违停')]]")))
    return row.text


def test_editor_to_published_page(desk, browser):
    # An editor writes a notice.
    logged_in(browser, desk, "bianji")
    browser.get(desk["url"] + "/items/exposure/new")
    values = {"f-id": "BG-2026-0099", "f-title": "测试街人行道违停", "f-found": today(), "f-district": "城关区",
              "f-category": "乱停乱放", "f-unit": "市城管委", "f-location": "城关区测试街", "f-limit_days": "7"}
    for field, value in values.items():
        browser.find_element(By.ID, field).send_keys(value)
    Select(browser.find_element(By.ID, "f-source")).select_by_value("督查")
    Select(browser.find_element(By.ID, "f-status")).select_by_value("open")
    browser.find_element(By.ID, "f-body").send_keys("督查组发现测试街人行道停放机动车，责成限期整改。")
    browser.find_element(By.CSS_SELECTOR, "#editor button[type=submit]").click()
    wait(browser, EC.url_contains("/items/exposure/BG-2026-0099"))
    # ... with a photo ...
    browser.find_element(By.ID, "photo-file").send_keys(str(PHOTO))
    browser.find_element(By.ID, "photo-alt").send_keys("人行道上违停的轿车")
    browser.find_element(By.CSS_SELECTOR, "#upload button[type=submit]").click()
    canvas = wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "canvas[data-ready='1']")))
    # ... and draws a redact box with the mouse.
    width = canvas.size["width"]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", canvas)
    ActionChains(browser).move_to_element_with_offset(canvas, -width // 4, -canvas.size["height"] // 4) \
        .click_and_hold().pause(0.2).move_by_offset(width // 4, canvas.size["height"] // 4).pause(0.2) \
        .release().perform()
    boxes = browser.find_element(By.CSS_SELECTOR, ".box-list").text
    assert boxes.startswith("["), boxes
    browser.find_element(By.CSS_SELECTOR, ".redact-save").click()
    wait(browser, EC.text_to_be_present_in_element((By.CSS_SELECTOR, ".redact-message"), "打码已保存"))
    text = (desk["root"] / "Content/exposures/bg-2026-0099/index.md").read_text()
    assert '"redact":[[' in text

    # Three reviewers sign in order; the first tries to sign a second level and is refused.
    logged_in(browser, desk, "liangji")
    sign(browser, "签署初审")
    assert "待复审" in notice_state(browser, desk)
    browser.get(desk["url"] + "/")
    browser.find_element(By.XPATH, "//tr[td/a[contains(., '测试街人行道违停')]]//button[.='签署复审']").click()
    alert = wait(browser, EC.alert_is_present())
    assert "已签过" in alert.text
    alert.accept()
    for user, button, state in [("fushen", "签署复审", "待终审"), ("zhongshen", "签署终审", "三审已签")]:
        logged_in(browser, desk, user)
        sign(browser, button)
        assert state in notice_state(browser, desk)

    # The publisher publishes: the publish page shows the steps while the build runs, then the report,
    # updated in place (no reload: the marker set on the page survives).
    logged_in(browser, desk, "fabu")
    browser.find_element(By.ID, "publish").click()
    run = wait(browser, EC.presence_of_element_located((By.ID, "publish-run")))
    assert "/publish/" in browser.current_url
    # The server rendered the page while the build ran (the attribute is never touched by the script);
    # a small fixture site may already be done by the time the browser is asked, so the message is
    # either still the running one or already the final one, never anything else.
    assert run.get_attribute("data-initial-state") == "running", run.text
    message = browser.find_element(By.ID, "publish-message").text
    assert message.startswith("正在发布") or message.startswith("已发布"), message
    browser.execute_script("window.stillTheSamePage = true;")
    wait(browser, EC.text_to_be_present_in_element((By.ID, "publish-message"), "已发布"), seconds=120)
    assert browser.execute_script("return window.stillTheSamePage === true;")
    phases = [li.get_attribute("data-phase") for li in browser.find_elements(By.CSS_SELECTOR, "#publish-steps li")]
    assert phases == ["loading", "photos", "rendering", "checking", "writing"], phases
    assert "生成页面：已写出" in browser.find_element(By.ID, "publish-steps").text
    assert "报告" in browser.find_element(By.ID, "publish-report").text
    assert browser.find_element(By.ID, "publish-reload").get_attribute("hidden") is not None
    output = desk["root"] / "Output"
    page = output / "exposures/bg-2026-0099/index.html"
    assert page.is_file()
    html = page.read_text()
    assert "测试街人行道违停" in html
    source = (desk["root"] / "Content/exposures/bg-2026-0099/index.md").read_text()
    box = json.loads(source.split('"redact":')[1].split("]]")[0] + "]]")[0]
    src = re.search(r'<img src="(/media/exposures/bg-2026-0099/[^"]+\.jpg)"', html).group(1)
    published = Image.open(output / src.lstrip("/")).convert("L")
    original = Image.open(PHOTO).convert("L").resize(published.size)
    difference = ImageChops.difference(published, original)
    scale = published.size[0] / Image.open(PHOTO).size[0]
    inside = (int(box[0] * scale) + 2, int(box[1] * scale) + 2, int((box[0] + box[2]) * scale) - 2,
              int((box[1] + box[3]) * scale) - 2)
    outside = (0, 0, max(8, inside[0] - 4), published.size[1])
    inside_change = ImageStat.Stat(difference.crop(inside)).mean[0]
    outside_change = ImageStat.Stat(difference.crop(outside)).mean[0]
    # Pixelated inside the box, untouched (but for JPEG noise) outside it.
    checked = inside_change > 5 and inside_change > 10 * outside_change
    assert checked, f"the published photo is not pixelated inside the box: {inside_change} vs {outside_change}"

    # An edit after 终审 shows the notice unsigned again.
    logged_in(browser, desk, "bianji")
    browser.get(desk["url"] + "/items/exposure/BG-2026-0099")
    title = browser.find_element(By.ID, "f-title")
    title.send_keys("（更正）")
    browser.find_element(By.CSS_SELECTOR, "#editor button[type=submit]").click()
    wait(browser, EC.text_to_be_present_in_element((By.ID, "form-message"), "已保存"))
    row = notice_state(browser, desk)
    assert "待初审" in row and "因修改失效" in row


LED_SCREENS = """screens:
  - id: bus-stop
    name: 公交站台条屏
    width: 192
    height: 32
    font: 16
    charset: gb2312
    color: red
    mode: paged
    stay: 5
    programs: [slogans]
    exports: [txt]
"""
LED_MESSAGES = """# 公交站台条屏播放的标语（注释保留）
messages:
  - id: slogan-create
    group: slogans
    text: 创建全国文明城市，建设美好幸福兰州

  - id: slogan-civility
    group: slogans
    text: 讲文明树新风
"""


def ensure_led(desk):
    """Content/led/ with one screen and two messages (written after the publish above: unsigned
    messages would stop the production build)."""
    folder = desk["root"] / "Content/led"
    if not (folder / "messages.yml").exists():
        folder.mkdir(exist_ok=True)
        (folder / "screens.yml").write_text(LED_SCREENS, encoding="utf-8")
        (folder / "messages.yml").write_text(LED_MESSAGES, encoding="utf-8")


def test_led_message_edited_in_the_browser(desk, browser):
    ensure_led(desk)
    logged_in(browser, desk, "bianji")
    browser.get(desk["url"] + "/items/led")
    browser.find_element(By.LINK_TEXT, "讲文明树新风").click()
    wait(browser, EC.url_contains("/items/led/slogan-civility"))
    assert browser.find_element(By.ID, "f-id").get_attribute("readonly") is not None
    text = browser.find_element(By.ID, "f-text")
    text.clear()
    text.send_keys("讲文明树新风，做文明有礼兰州人，共建美好家园")
    # The preview lays the new text out on the screen of the message's group.
    browser.find_element(By.ID, "preview-button").click()
    wait(browser, EC.text_to_be_present_in_element((By.ID, "led-preview"), "共建美好家园"))
    assert "公交站台条屏" in browser.find_element(By.ID, "led-preview").text
    assert browser.find_elements(By.CSS_SELECTOR, "#led-preview svg")
    browser.find_element(By.CSS_SELECTOR, "#editor button[type=submit]").click()
    wait(browser, EC.text_to_be_present_in_element((By.ID, "form-message"), "已保存"))
    browser.get(desk["url"] + "/items/led")
    assert "讲文明树新风，做文明有礼兰州人，共建美好家园" in browser.find_element(By.ID, "main").text
    # Only the message's text line changed in messages.yml.
    written = (desk["root"] / "Content/led/messages.yml").read_text(encoding="utf-8")
    assert written == LED_MESSAGES.replace("    text: 讲文明树新风\n", "    text: 讲文明树新风，做文明有礼兰州人，共建美好家园\n")

    # A field the build refuses is marked at the field, and nothing is written.
    browser.get(desk["url"] + "/items/led/new")
    browser.find_element(By.ID, "f-id").send_keys("slogan-new")
    browser.find_element(By.ID, "f-group").send_keys("slogans")
    browser.find_element(By.ID, "f-text").send_keys("文明出行")
    browser.find_element(By.ID, "f-until").send_keys("不是日期")
    browser.find_element(By.CSS_SELECTOR, "#editor button[type=submit]").click()
    wait(browser, lambda b: b.find_element(By.ID, "m-until").text != "")
    assert (desk["root"] / "Content/led/messages.yml").read_text(encoding="utf-8") == written
    until = browser.find_element(By.ID, "f-until")
    until.clear()
    browser.find_element(By.CSS_SELECTOR, "#editor button[type=submit]").click()
    wait(browser, EC.url_contains("/items/led/slogan-new"))
    assert (desk["root"] / "Content/led/messages.yml").read_text(encoding="utf-8").endswith(
        "\n  - id: slogan-new\n    group: slogans\n    text: 文明出行\n")


def test_csrf_and_lockout(desk, browser):
    logged_in(browser, desk, "bianji")
    status = browser.execute_async_script(
        "var done=arguments[0];fetch('/api/items/news',{method:'POST',credentials:'same-origin',"
        "headers:{'Content-Type':'application/json'},body:JSON.stringify({title:'x',slug:'x',date:'2026-11-20'})})"
        ".then(function(r){done(r.status);});")
    assert status == 403
    for _ in range(5):
        login(browser, desk, "fushen", "Wrong-pass-1")
        wait(browser, lambda b: b.find_element(By.ID, "login-message").text != "")
    login(browser, desk, "fushen")
    wait(browser, EC.text_to_be_present_in_element((By.ID, "login-message"), "锁定"))


def test_idle_timeout(desk, browser):
    offset = desk["root"] / "clock-offset"
    logged_in(browser, desk, "bianji")
    offset.write_text(str(29 * 60))
    browser.get(desk["url"] + "/")
    assert browser.current_url.rstrip("/") == desk["url"]
    offset.write_text(str(29 * 60 + 31 * 60))
    browser.get(desk["url"] + "/")
    assert browser.current_url.endswith("/login")
    offset.write_text("0")


def axe_source():
    spec = importlib.util.find_spec("axe_playwright_python")
    assert spec and spec.submodule_search_locations, "axe-playwright-python is not installed (make test installs it)"
    path = pathlib.Path(list(spec.submodule_search_locations)[0]) / "axe.min.js"
    source = path.read_text(encoding="utf-8")
    assert re.match(r"/\*! axe v4\.", source), "axe-core 4.x expected"
    return source


def axe(browser):
    browser.execute_script(axe_source())
    return browser.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
        "  done(r.violations.map(function (v) { return [v.id, v.impact, v.nodes.length,"
        "    v.nodes[0].target.join(' ')]; })); }, function (e) { done([['axe-error', String(e), 0, '']]); });")


def test_axe_finds_nothing_on_the_desk_pages(desk, browser):
    """axe-core 4.x (any impact) on every page of the desk, as each role sees it."""
    problems = []
    browser.delete_all_cookies()
    browser.get(desk["url"] + "/login")
    problems += [f"/login: {v}" for v in axe(browser)]
    ensure_led(desk)
    pages = {
        "bianji": ["/", "/items/news", "/items/exposure", "/items/page", "/items/led", "/items/news/new",
                   "/items/exposure/new", "/items/news/2026-11-20-signed-article",
                   "/items/exposure/BG-2026-0001", "/items/led/new", "/items/led/slogan-create"],
        "zhongshen": ["/", "/items/news", "/items/led"],
        "fabu": ["/"],
    }
    for user, paths in pages.items():
        logged_in(browser, desk, user)
        if user == "fabu":
            # The page of the last publish (its report), linked from the home page.
            browser.get(desk["url"] + "/")
            links = browser.find_elements(By.CSS_SELECTOR, "a[href^='/publish/']")
            paths = paths + [links[0].get_attribute("href").replace(desk["url"], "")] if links else paths
        for path in paths:
            browser.get(desk["url"] + path)
            if path.startswith("/items/exposure/BG"):
                wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "canvas[data-ready='1']")))
            problems += [f"{user} {path}: {v}" for v in axe(browser)]
    assert not problems, "\n".join(problems)
