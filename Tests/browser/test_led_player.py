"""The LED screen players (led/<screen>/player.html) in headless Chromium at each screen's exact pixel size."""
import json
import re
from datetime import datetime, timedelta
from urllib.parse import quote

import pytest
from PIL import Image

from test_browser import chromium, server  # noqa: F401  (the server fixture)

NOW = "2026-11-29T12:00:00+08:00"


def players(site):
    return sorted(p.parent for p in (site / "led").glob("*/player.html"))


def feed(folder):
    return json.loads((folder / "feed.json").read_text(encoding="utf-8"))


def minutes(text):
    hours, mins = text.split(":")
    return int(hours) * 60 + int(mins)


def allows(schedule, when):
    """docs/led-guide.md schedule: windows HH:MM-HH:MM (an end before the start runs past midnight), ISO weekdays."""
    if not schedule:
        return True
    minute = when.hour * 60 + when.minute
    windows = schedule.get("windows") or []
    if windows:
        inside = False
        for window in windows:
            start, end = (minutes(part) for part in window.split("-"))
            if start < end:
                inside = inside or start <= minute < end
            else:
                inside = inside or minute >= start or minute < end
        if not inside:
            return False
    weekdays = schedule.get("weekdays") or []
    return not weekdays or when.isoweekday() in weekdays


def first_page_playing(data, when):
    """The number of the PNG proof the player shows first at `when`, or None when nothing plays."""
    if not allows(data["screen"]["schedule"], when):
        return None
    number = 1
    for item in data["programs"]:
        start = datetime.fromisoformat(item["from"]) if item["from"] else None
        end = datetime.fromisoformat(item["until"]) if item["until"] else None
        if (start is None or start <= when) and (end is None or when <= end) and allows(item["schedule"], when):
            return number
        number += len(item["pages"])
    return None


def screenshot(server, folder, width, height, now, tmp_path):
    shot = tmp_path / f"{folder.name}.png"
    url = f"{server}/led/{folder.name}/player.html?now={quote(now, safe='')}"
    result = chromium(
        f"--screenshot={shot}", f"--window-size={width},{height}", "--force-device-scale-factor=1",
        "--hide-scrollbars", "--virtual-time-budget=1000", url,
    )
    assert shot.is_file(), result.stderr[-2000:]
    return Image.open(shot).convert("RGB")


def test_sample_has_players(site):
    assert len(players(site)) >= 3


def test_player_is_self_contained_es5(site):
    for folder in players(site):
        html = (folder / "player.html").read_text(encoding="utf-8")
        assert not re.search(r"\b(src|href)=", html), folder.name
        assert "@font-face" not in html and "font-family" not in html, folder.name
        script = html.split("<script>", 1)[1]
        for token in ("=>", "`", "let ", "const ", "fetch(", "class "):
            assert token not in script, f"{folder.name}: {token!r} is not ES5"
        version = (folder / "player-version.txt").read_text(encoding="utf-8").strip()
        assert f'"version": "{version}"' in html


@pytest.mark.parametrize("shift", [timedelta(0), timedelta(days=-2), timedelta(hours=11, minutes=30)])
def test_player_draws_the_png_proof_pixel_for_pixel(site, server, tmp_path, shift):  # noqa: F811
    """At ?now=…, the first page the player shows equals the PNG proof of what plays then (black when nothing)."""
    checked = 0
    for folder in players(site):
        data = feed(folder)
        screen = data["screen"]
        if screen["mode"] != "paged":
            continue
        width, height = screen["width"], screen["height"]
        when = datetime.fromisoformat(NOW) + shift
        shot = screenshot(server, folder, width, height, when.isoformat(), tmp_path)
        assert shot.size[0] >= width and shot.size[1] >= height, shot.size
        number = first_page_playing(data, when)
        if number is None:
            assert all(shot.getpixel((x, y)) == (0, 0, 0) for x in range(width) for y in range(height)), folder.name
        else:
            proof = Image.open(folder / f"page-{number:03d}.png").convert("RGB")
            assert proof.size == (width, height)
            diff = [
                (x, y) for x in range(width) for y in range(height) if shot.getpixel((x, y)) != proof.getpixel((x, y))
            ]
            assert not diff, f"{folder.name} at {when}: {len(diff)} pixels differ from page-{number:03d}.png"
        checked += 1
    assert checked >= 2
