#!/usr/bin/env python3
"""Draws the sample photos of the exposure notices in Content/exposures/.

Street-like scenes made of shapes (road, kerb, buildings, cars seen from behind with a blank plate, stall
awnings, litter bags, pasted ads and scribbles, sheds, laundry lines, waste water, shop fronts). No people,
no faces and no plate or sign text, so the sample holds no personal data of its own.

For every bundle the script reads index.md: the `category` picks the scene, each photo file named there is
drawn (`before-N.jpg` shows the problem, `after-N.jpg` the same place cleaned up), and notices whose `source`
is 随手拍 (a citizen's phone snapshot) get EXIF with a made-up GPS position in their before-1.jpg, so the
build's metadata stripping has something to strip. The `redact` boxes in index.md must cover the car plate
or shop sign, whose fixed positions are below (PLATES, SIGN); the script warns when one does not.

Needs Pillow, only to make the sample:
    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install pillow
    /tmp/venv/bin/python tools/make-sample-photos.py [Content/exposures]
The output is deterministic for a given Pillow version (each image is seeded by its bundle and file name).
"""
import math
import os
import random
import re
import sys
import zlib

from PIL import Image, ImageDraw, ImageFilter

W, H = 1200, 800
QUALITY = 80
GROUND = 470  # where the buildings meet the sidewalk
KERB = 600  # top of the kerb; the road starts 12 px lower

# Plate rectangles (x, y, w, h) of the car in before-1 and before-2 photos; redact boxes must cover them.
PLATES = {1: (575, 590, 130, 40), 2: (235, 610, 130, 40)}
CAR_CENTRES = {1: 640, 2: 300}
# The shop sign of the street-business scene.
SIGN = (310, 165, 580, 70)

CATEGORY_SCENES = {
    "乱停乱放": "parking", "乱摆摊点": "stalls", "乱扔乱倒": "litter", "乱贴乱画": "graffiti",
    "乱搭乱建": "shed", "乱挂乱晒": "laundry", "乱排乱放": "wastewater", "交通违法": "traffic",
    "占道经营": "shopfront",
}
# Notices whose photo shows something other than the usual scene of their category.
SCENE_OVERRIDES = {
    "bg-2026-0110-shidong-litter": "rubble",
    "bg-2026-0112-dunhuang-road-parking": "bikes",
    "bg-2026-0120-jianlan-road-street-business": "stalls",
}

BUILDING_COLOURS = [(214, 200, 178), (190, 186, 180), (168, 120, 96), (222, 214, 196), (176, 184, 190),
                    (200, 170, 140), (150, 156, 166)]


# MARK: - Backgrounds

def sky(d, rnd):
    top = (120 + rnd.randint(-10, 10), 160 + rnd.randint(-10, 10), 205)
    bottom = (214, 222, 230)
    for y in range(0, GROUND):
        t = y / GROUND
        d.line([(0, y), (W, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))


def buildings(d, rnd, lowest=None):
    x = -rnd.randint(0, 60)
    while x < W:
        w = rnd.randint(180, 320)
        top = rnd.randint(40, 200) if lowest is None else rnd.randint(lowest, lowest + 80)
        colour = rnd.choice(BUILDING_COLOURS)
        d.rectangle([x, top, x + w, GROUND], fill=colour, outline=tuple(c - 30 for c in colour))
        win = tuple(max(0, c - 70) for c in colour) if rnd.random() < 0.5 else (120, 150, 170)
        for wy in range(top + 24, GROUND - 60, 46):
            for wx in range(x + 18, x + w - 30, 38):
                d.rectangle([wx, wy, wx + 22, wy + 28], fill=win)
        x += w + rnd.randint(0, 20)


def street(d, rnd, sidewalk_top=GROUND):
    d.rectangle([0, sidewalk_top, W, KERB], fill=(178, 174, 168))
    for y in range(sidewalk_top + 30, KERB, 32):
        d.line([(0, y), (W, y)], fill=(160, 156, 150), width=2)
    for x in range(rnd.randint(0, 40), W, 64):
        d.line([(x, sidewalk_top), (x - 30, KERB)], fill=(160, 156, 150), width=2)
    # tactile paving for the blind, a yellow strip
    d.rectangle([0, KERB - 46, W, KERB - 24], fill=(206, 176, 60))
    d.rectangle([0, KERB, W, KERB + 12], fill=(120, 118, 114))
    d.rectangle([0, KERB + 12, W, H], fill=(82, 84, 88))
    for x in range(rnd.randint(-80, 0), W, 200):
        d.rectangle([x, 730, x + 110, 742], fill=(230, 230, 224))


def trees(d, rnd, xs):
    for x in xs:
        d.rectangle([x - 9, GROUND - 120, x + 9, KERB - 50], fill=(96, 70, 48))
        for _ in range(5):
            r = rnd.randint(45, 70)
            cx = x + rnd.randint(-40, 40)
            cy = GROUND - 170 + rnd.randint(-40, 30)
            d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(70 + rnd.randint(-15, 15), 120, 64))


# MARK: - Objects

def car(d, rnd, variant):
    cx = CAR_CENTRES[variant]
    px, py, pw, ph = PLATES[variant]
    colour = rnd.choice([(236, 236, 232), (40, 42, 48), (150, 154, 160), (120, 30, 34), (40, 70, 120)])
    dark = tuple(max(0, c - 40) for c in colour)
    # wheels, body, rear window, roof
    d.rectangle([cx - 190, py + 40, cx - 130, py + 100], fill=(24, 24, 26))
    d.rectangle([cx + 130, py + 40, cx + 190, py + 100], fill=(24, 24, 26))
    d.polygon([(cx - 150, py - 250), (cx + 150, py - 250), (cx + 190, py - 160), (cx - 190, py - 160)], fill=dark)
    d.polygon([(cx - 135, py - 240), (cx + 135, py - 240), (cx + 170, py - 168), (cx - 170, py - 168)],
              fill=(70, 90, 110))
    d.rounded_rectangle([cx - 205, py - 165, cx + 205, py + 70], radius=26, fill=colour)
    d.rectangle([cx - 195, py - 120, cx - 135, py - 82], fill=(200, 40, 36))
    d.rectangle([cx + 135, py - 120, cx + 195, py - 82], fill=(200, 40, 36))
    d.rectangle([cx - 205, py + 48, cx + 205, py + 70], fill=dark)
    # the plate: blue with a white rim and no characters
    d.rectangle([px, py, px + pw, py + ph], fill=(30, 70, 170), outline=(235, 235, 235), width=3)


def bollards(d, xs):
    for x in xs:
        d.rectangle([x - 7, KERB - 70, x + 7, KERB - 4], fill=(90, 92, 96))
        d.rectangle([x - 7, KERB - 62, x + 7, KERB - 54], fill=(220, 200, 60))


def awning(d, rnd, x, y, w):
    colours = rnd.choice([((200, 40, 40), (240, 240, 240)), ((40, 90, 180), (240, 240, 240)),
                          ((230, 150, 30), (250, 240, 210))])
    stripes = 8
    for i in range(stripes):
        x0 = x + i * w / stripes
        x1 = x + (i + 1) * w / stripes
        d.polygon([(x0 + 20, y), (x1 + 20, y), (x1, y + 60), (x0, y + 60)], fill=colours[i % 2])
    d.line([(x + 10, y + 60), (x + 10, y + 170)], fill=(60, 60, 60), width=5)
    d.line([(x + w - 10, y + 60), (x + w - 10, y + 170)], fill=(60, 60, 60), width=5)
    d.rectangle([x, y + 110, x + w, y + 130], fill=(130, 90, 60))
    for i in range(rnd.randint(4, 7)):
        bx = x + 8 + i * (w - 20) / 7
        d.rectangle([bx, y + 130, bx + 40, y + 170], fill=(160, 120, 70), outline=(110, 80, 50))
        fruit = rnd.choice([(230, 120, 30), (120, 170, 60), (200, 50, 50), (240, 210, 60)])
        for _ in range(4):
            fx = bx + rnd.randint(4, 30)
            d.ellipse([fx, y + 118, fx + 12, y + 130], fill=fruit)


def bags(d, rnd, x, y, n):
    for _ in range(n):
        bx = x + rnd.randint(-120, 120)
        by = y + rnd.randint(-30, 30)
        w = rnd.randint(50, 90)
        h = rnd.randint(40, 70)
        colour = rnd.choice([(30, 30, 34), (40, 40, 46), (220, 220, 216), (60, 110, 60)])
        d.ellipse([bx, by, bx + w, by + h], fill=colour)
        d.polygon([(bx + w / 2 - 8, by + 4), (bx + w / 2 + 8, by + 4), (bx + w / 2, by - 14)], fill=colour)
    for _ in range(4):
        bx = x + rnd.randint(-160, 160)
        by = y + rnd.randint(0, 60)
        d.rectangle([bx, by, bx + rnd.randint(40, 80), by + rnd.randint(30, 50)], fill=(176, 136, 90),
                    outline=(120, 90, 60))
    for _ in range(14):
        bx = x + rnd.randint(-260, 260)
        by = y + rnd.randint(20, 100)
        d.rectangle([bx, by, bx + 10, by + 6], fill=rnd.choice([(240, 240, 240), (200, 60, 60), (60, 120, 200)]))


def bins(d, xs, overflow=False, rnd=None):
    for x in xs:
        d.rectangle([x, KERB - 130, x + 60, KERB - 40], fill=(40, 120, 70))
        d.rectangle([x + 70, KERB - 130, x + 130, KERB - 40], fill=(60, 80, 160))
        if overflow and rnd:
            bags(d, rnd, x + 60, KERB - 150, 3)


def scribbles(d, rnd, box):
    x0, y0, x1, y1 = box
    for _ in range(6):
        colour = rnd.choice([(200, 30, 30), (30, 30, 30), (40, 80, 200), (30, 140, 60)])
        x, y = rnd.randint(x0, x1), rnd.randint(y0, y1)
        pts = []
        for _ in range(12):
            x = min(x1, max(x0, x + rnd.randint(-40, 40)))
            y = min(y1, max(y0, y + rnd.randint(-25, 25)))
            pts.append((x, y))
        d.line(pts, fill=colour, width=rnd.randint(4, 8), joint="curve")


def posters(d, rnd, box, n):
    x0, y0, x1, y1 = box
    for _ in range(n):
        w, h = rnd.randint(40, 80), rnd.randint(50, 100)
        x, y = rnd.randint(x0, x1 - w), rnd.randint(y0, y1 - h)
        d.rectangle([x, y, x + w, y + h], fill=rnd.choice([(250, 250, 240), (250, 230, 120), (250, 200, 210)]))
        for ly in range(y + 10, y + h - 6, 12):  # lines standing for text, not text
            d.line([(x + 6, ly), (x + w - rnd.randint(6, 20), ly)], fill=(120, 120, 120), width=3)


def shed(d, x, y, w, h, colour=(50, 110, 190)):
    d.polygon([(x - 10, y), (x + w + 10, y - 30), (x + w + 10, y - 10), (x - 10, y + 20)], fill=(200, 200, 205))
    d.rectangle([x, y + 10, x + w, y + h], fill=colour)
    for lx in range(x + 8, x + w, 16):
        d.line([(lx, y + 14), (lx, y + h)], fill=tuple(c - 30 for c in colour), width=3)
    d.rectangle([x + w // 3, y + h - 120, x + w // 3 + 70, y + h], fill=(70, 70, 80))


def laundry(d, rnd, x0, x1, y):
    d.line([(x0, y), ((x0 + x1) / 2, y + 30), (x1, y)], fill=(60, 60, 60), width=3)
    x = x0 + 20
    while x < x1 - 60:
        sag = 30 * (1 - abs((x - (x0 + x1) / 2) / ((x1 - x0) / 2)))
        top = y + sag
        colour = rnd.choice([(200, 60, 60), (60, 120, 200), (240, 240, 240), (240, 200, 60), (120, 180, 120)])
        if rnd.random() < 0.5:  # a shirt
            d.polygon([(x, top), (x + 50, top), (x + 60, top + 20), (x + 48, top + 26), (x + 48, top + 80),
                       (x + 2, top + 80), (x + 2, top + 26), (x - 10, top + 20)], fill=colour)
        else:  # a towel or a quilt
            d.rectangle([x, top, x + rnd.randint(40, 90), top + rnd.randint(60, 120)], fill=colour)
        x += rnd.randint(70, 110)


def puddle(d, rnd, cx, cy):
    pts = []
    for i in range(24):
        a = 2 * math.pi * i / 24
        r = rnd.randint(110, 200)
        pts.append((cx + r * 1.8 * math.cos(a), cy + r * 0.35 * math.sin(a)))
    d.polygon(pts, fill=(70, 78, 84))
    d.line([(cx - 40, cy - 6), (cx + 60, cy - 10)], fill=(140, 150, 160), width=3)


def shopfront(d, rnd, clean):
    d.rectangle([200, 120, 1000, GROUND], fill=(226, 218, 204), outline=(180, 170, 156))
    x, y, w, h = SIGN
    d.rectangle([x, y, x + w, y + h], fill=(180, 30, 36), outline=(240, 200, 80), width=4)
    for i in range(6):  # gold blocks where the shop name would be: shapes, not characters
        bx = x + 40 + i * 88
        d.rectangle([bx, y + 16, bx + 56, y + h - 16], fill=(240, 200, 80))
    d.rectangle([250, 270, 560, GROUND], fill=(110, 140, 160))
    d.rectangle([640, 270, 950, GROUND], fill=(110, 140, 160))
    d.rectangle([575, 290, 625, GROUND], fill=(80, 70, 60))
    if clean:
        return
    for i in range(5):  # racks and boxes pushed out onto the sidewalk
        bx = 220 + i * 150 + rnd.randint(-10, 10)
        d.rectangle([bx, GROUND + 10, bx + 90, KERB - 30], fill=(170, 130, 80), outline=(110, 80, 50))
        d.line([(bx + 110, GROUND - 40), (bx + 110, KERB - 20)], fill=(90, 90, 96), width=5)
        for ty in range(GROUND - 30, KERB - 40, 24):
            d.line([(bx + 100, ty), (bx + 140, ty)], fill=rnd.choice([(200, 60, 60), (60, 90, 160)]), width=8)
    for i in range(3):  # tyres
        tx = 900 + i * 80
        d.ellipse([tx, KERB - 100, tx + 70, KERB - 30], fill=(30, 30, 32))
        d.ellipse([tx + 22, KERB - 78, tx + 48, KERB - 52], fill=(120, 120, 124))


def bike(d, x, y, colour):
    d.ellipse([x, y, x + 46, y + 46], outline=(30, 30, 30), width=5)
    d.ellipse([x + 70, y, x + 116, y + 46], outline=(30, 30, 30), width=5)
    d.line([(x + 23, y + 23), (x + 58, y - 10), (x + 93, y + 23), (x + 23, y + 23)], fill=colour, width=6)
    d.line([(x + 58, y - 10), (x + 52, y - 26)], fill=colour, width=5)
    d.line([(x + 86, y - 4), (x + 96, y - 26)], fill=colour, width=5)


def zebra(d):
    for x in range(40, W, 90):
        d.rectangle([x, 640, x + 50, 790], fill=(235, 235, 230))
    d.rectangle([0, 622, W, 632], fill=(235, 235, 230))


def traffic_light(d):
    d.rectangle([1080, 160, 1094, KERB], fill=(70, 70, 74))
    d.rectangle([1050, 160, 1124, 330], fill=(30, 30, 34))
    for i, colour in enumerate([(220, 40, 40), (80, 60, 20), (30, 70, 40)]):
        d.ellipse([1066, 172 + i * 52, 1108, 214 + i * 52], fill=colour)


# MARK: - Scenes

def draw(scene, variant, clean, rnd):
    image = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(image)
    sky(d, rnd)
    if scene in ("graffiti",):
        buildings(d, rnd, lowest=40)
    elif scene != "shopfront":
        buildings(d, rnd)
    street(d, rnd)
    if scene == "parking":
        if clean:
            bollards(d, range(60, W, 110))
        else:
            car(d, rnd, variant)
    elif scene == "traffic":
        zebra(d)
        traffic_light(d)
        if not clean:
            car(d, rnd, variant)
    elif scene == "bikes":
        if clean:
            d.rectangle([700, GROUND + 20, 1150, KERB - 50], outline=(240, 240, 240), width=4)
            for i in range(4):
                bike(d, 720 + i * 100, GROUND + 60, (240, 200, 40))
        else:
            for i in range(16):
                bike(d, rnd.randint(0, W - 120), rnd.randint(GROUND + 10, KERB + 60),
                     rnd.choice([(240, 200, 40), (60, 140, 220), (60, 180, 90), (230, 90, 40)]))
    elif scene == "stalls":
        if clean:
            d.rectangle([560, GROUND - 160, 570, KERB - 40], fill=(80, 80, 84))
            d.rectangle([500, GROUND - 200, 630, GROUND - 140], fill=(30, 100, 180))
        else:
            for x in (60, 420, 780):
                awning(d, rnd, x + rnd.randint(-20, 20), GROUND - 90, 300)
    elif scene == "litter":
        bins(d, [900], overflow=not clean, rnd=rnd)
        if not clean:
            bags(d, rnd, 420, KERB - 110, 9)
            if variant == 2:
                bags(d, rnd, 700, KERB - 60, 6)
    elif scene == "rubble":
        if clean:
            d.rectangle([200, GROUND - 160, 1000, KERB - 20], fill=(60, 130, 180))
        else:
            d.polygon([(160, KERB), (420, GROUND - 110), (560, GROUND - 60), (900, KERB)], fill=(150, 130, 108))
            for _ in range(40):
                x, y = rnd.randint(220, 860), rnd.randint(GROUND - 40, KERB - 10)
                d.rectangle([x, y, x + rnd.randint(12, 40), y + rnd.randint(8, 20)],
                            fill=rnd.choice([(170, 80, 60), (190, 186, 180), (120, 110, 100)]))
    elif scene == "graffiti":
        d.rectangle([0, 230, W, GROUND], fill=(232, 226, 212))
        d.line([(0, 230), (W, 230)], fill=(180, 170, 156), width=6)
        if clean:
            d.rectangle([440, 270, 760, 440], fill=(200, 40, 40), outline=(240, 200, 80), width=6)
            d.ellipse([560, 300, 640, 380], fill=(240, 200, 80))
        else:
            posters(d, rnd, (20, 250, W - 20, GROUND - 10), 26)
            scribbles(d, rnd, (40, 260, W - 40, GROUND - 20))
    elif scene == "shed":
        d.rectangle([0, GROUND - 20, W, GROUND], fill=(150, 146, 140))
        if not clean:
            shed(d, 300, GROUND - 210, 520, 300 - (KERB - GROUND) + 90)
            if variant == 2:
                bags(d, rnd, 950, KERB - 90, 5)
    elif scene == "laundry":
        trees(d, rnd, [180, 1000])
        if not clean:
            laundry(d, rnd, 190, 990, GROUND - 140)
    elif scene == "wastewater":
        d.rectangle([900, GROUND - 60, 930, GROUND + 30], fill=(110, 110, 116))
        if not clean:
            puddle(d, rnd, 640, KERB + 30)
            puddle(d, rnd, 980, KERB - 10)
    elif scene == "shopfront":
        sky(d, rnd)
        street(d, rnd)
        shopfront(d, rnd, clean)
    return image.filter(ImageFilter.GaussianBlur(0.7))


def gps_exif(rnd):
    exif = Image.Exif()
    exif[0x010F] = "SampleCam"  # Make
    exif[0x0110] = "Sample Phone 1"  # Model
    exif[0x0132] = "2026:11:16 10:12:00"  # DateTime
    lat = 36.06 + rnd.uniform(-0.05, 0.05)
    lon = 103.83 + rnd.uniform(-0.1, 0.1)

    def dms(value):
        d = int(value)
        m = int((value - d) * 60)
        return (float(d), float(m), round(((value - d) * 60 - m) * 60, 2))

    exif[0x8825] = {0: b"\x02\x02\x00\x00", 1: "N", 2: dms(lat), 3: "E", 4: dms(lon)}
    return exif


# MARK: - Content

def read_bundle(path):
    """The category, the source and the photos (file → redact boxes) of one index.md."""
    text = open(path, encoding="utf-8").read()
    front = text.split("\n---", 1)[0]
    category = re.search(r"^category:\s*(\S+)", front, re.M)
    source = re.search(r"^source:\s*(\S+)", front, re.M)
    photos = {}
    current = None
    for line in front.splitlines():
        m = re.match(r"\s*-?\s*file:\s*(\S+)", line)
        if m:
            current = m.group(1)
            photos[current] = []
            continue
        m = re.match(r"\s*redact:\s*(\[.*\])", line)
        if m and current:
            inner = re.findall(r"\[([^\[\]]*)\]", m.group(1))
            photos[current] = [list(map(int, re.findall(r"-?\d+", box))) for box in inner]
    return (category.group(1) if category else None, source.group(1) if source else None, photos)


def sensitive_region(scene, variant):
    if scene in ("parking", "traffic"):
        return PLATES[variant]
    if scene == "shopfront":
        return SIGN
    return None


def covered(region, boxes):
    x, y, w, h = region
    return any(bx <= x and by <= y and bx + bw >= x + w and by + bh >= y + h for bx, by, bw, bh in boxes)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "Content/exposures"
    count = 0
    for bundle in sorted(os.listdir(root)):
        index = os.path.join(root, bundle, "index.md")
        if not os.path.isfile(index):
            continue
        category, source, photos = read_bundle(index)
        scene = SCENE_OVERRIDES.get(bundle) or CATEGORY_SCENES.get(category)
        if scene is None:
            print(f"{index}: unknown category {category!r}, skipped", file=sys.stderr)
            continue
        for name, boxes in photos.items():
            m = re.match(r"(before|after)-(\d+)\.jpe?g$", name)
            if not m:
                print(f"{index}: photo {name} is not before-N.jpg or after-N.jpg, skipped", file=sys.stderr)
                continue
            clean = m.group(1) == "after"
            variant = 1 if int(m.group(2)) % 2 else 2
            rnd = random.Random(zlib.crc32(f"{bundle}/{name}".encode()))
            image = draw(scene, variant, clean, rnd)
            region = sensitive_region(scene, variant)
            if boxes and (region is None or not covered(region, boxes)):
                print(f"{index}: redact box of {name} does not cover the plate or sign {region}", file=sys.stderr)
            options = {"quality": QUALITY, "optimize": True}
            if source == "随手拍" and name == "before-1.jpg":
                options["exif"] = gps_exif(rnd)
            out = os.path.join(root, bundle, name)
            image.save(out, "JPEG", **options)
            count += 1
    print(f"wrote {count} photos under {root}")


if __name__ == "__main__":
    main()
