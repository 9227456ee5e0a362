import CampaignCore
import Foundation

/// `led/<screen>/player.html`: one self-contained page that plays a screen's programs at the screen's exact pixel
/// size, for controllers that show a web page full-screen (NovaStar Taurus/ViPlex "web page" media, Colorlight).
///
/// Everything is inline: the programs, their schedules and the glyph bitmaps of exactly the characters they show,
/// drawn by the same renderer as the PNG proofs, so the page draws what the proofs show, pixel for pixel. The
/// script is ES5 (old controller browsers), loads nothing and uses no system font: it blits the glyph bits into a
/// canvas with `putImageData`. It plays by the device clock in the site's time zone (a fixed UTC offset: China has
/// no daylight saving time): an item plays while the screen's windows and weekdays, its own, and its `from` /
/// `until` all allow it. `?now=2026-11-29T12:00:00+08:00` starts the clock at that time, to check what plays then.
/// Every minute it reads `player-version.txt` beside it and reloads when the build's version changed; when the
/// file cannot be read (offline) it keeps playing what it has.
public enum LEDPlayer {
    /// The page and its version (also the content of `player-version.txt`).
    public struct Output: Sendable {
        public var html: String
        public var version: String
    }

    /// The player of `feed`, drawn with `renderer` (the proofs' renderer) in `color`.
    ///
    /// `meta` (name, content) become `<meta>` tags and `footer` the lines of a hidden `<footer>`: the government
    /// meta tags and the registration block every page of the site carries (docs/architecture.md, "Page metadata"), invisible on the screen.
    public static func page(
        _ feed: ScreenFeed, renderer: DotMatrixRenderer, color: RGBColor, timeZone: TimeZone,
        meta: [(name: String, content: String)] = [], footer: [String] = []
    ) -> Output {
        let s = feed.screen
        var glyphIDs: [Character: Int] = [:]
        var glyphs: [JSONText] = []
        func id(of character: Character) -> Int {
            if let known = glyphIDs[character] { return known }
            let width = renderer.cellWidth(of: character)
            var bitmap = Bitmap(width: max(1, width), height: renderer.font)
            renderer.draw(character, into: &bitmap, x: 0, y: 0)
            glyphs.append(.array([.int(width), .string(letterBits(bitmap, width: width))]))
            glyphIDs[character] = glyphs.count - 1
            return glyphs.count - 1
        }
        func windowsJSON(_ windows: PlayWindows) -> JSONText {
            .object([
                (
                    "ranges",
                    windows.ranges.map { .array($0.map { .array([.int($0.lowerBound), .int($0.upperBound)]) }) }
                        ?? .null
                ),
                ("weekdays", .array(windows.weekdays.map { .int($0) })),
                ("never", .bool(windows.isNever)),
            ])
        }
        func millis(_ date: Date?) -> JSONText {
            date.map { .int(Int(($0.timeIntervalSince1970 * 1000).rounded())) } ?? .null
        }
        let items: [JSONText] = feed.items.map { item in
            let pages: [JSONText] = item.pages.map { page in
                let lines = page.lines.map { line -> JSONText in .array(line.map { .int(id(of: $0)) }) }
                let width = page.lines.map { renderer.width(of: $0) }.max() ?? 0
                return .object([
                    ("lines", .array(lines)), ("stay", .int(page.stayMilliseconds)), ("width", .int(width)),
                    ("height", .int(page.lines.count * (s.font + s.lineGap) - s.lineGap)),
                ])
            }
            return .object([
                ("id", .string(item.id)), ("from", millis(item.from)), ("until", millis(item.until)),
                ("windows", windowsJSON(PlayWindows(item.schedule))), ("pages", .array(pages)),
            ])
        }
        let offset = timeZone.secondsFromGMT(for: feed.generated) / 60
        let content: [(String, JSONText)] = [
            ("width", .int(s.width)), ("height", .int(s.height)), ("font", .int(renderer.font)),
            ("gap", .int(s.lineGap)), ("mode", .string(s.mode.rawValue)),
            ("color", .array([.int(Int(color.red)), .int(Int(color.green)), .int(Int(color.blue))])),
            ("pps", .int(16 * min(10, max(1, s.speed)))), ("offset", .int(offset)),
            ("screen", windowsJSON(PlayWindows(s.schedule))), ("items", .array(items)), ("glyphs", .array(glyphs)),
        ]
        let version = fnvLetters(JSONText.object(content).rendered)
        let data = JSONText.object(content + [("version", .string(version))]).rendered
            .replacingOccurrences(of: "</", with: "<\\/")
        var html = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=\(s.width), initial-scale=1\">\n"
        for tag in meta {
            html +=
                "<meta name=\"\(MarkupEscaping.escape(tag.name))\" content=\"\(MarkupEscaping.escape(tag.content))\">\n"
        }
        html += "<title>\(MarkupEscaping.escape(s.name)) 播放器</title>\n"
        html += "<style>html,body{margin:0;padding:0;background:#000;overflow:hidden}"
        html += "canvas{display:block;image-rendering:pixelated}</style>\n</head>\n<body>\n"
        html += "<canvas id=\"screen\" width=\"\(s.width)\" height=\"\(s.height)\" role=\"img\" "
        html += "aria-label=\"\(MarkupEscaping.escape(s.name))\"></canvas>\n"
        if !footer.isEmpty {
            html += "<footer hidden>" + footer.map { "<p>\(MarkupEscaping.escape($0))</p>" }.joined() + "</footer>\n"
        }
        html += "<script>\nvar PLAYER_DATA = " + data + ";\n" + script + "</script>\n</body>\n</html>\n"
        return Output(html: html, version: version)
    }

    /// The bits of a glyph cell, row by row, 4 pixels per letter (`a` = 0000 … `p` = 1111, the last one padded).
    static func letterBits(_ bitmap: Bitmap, width: Int) -> String {
        var bits: [Bool] = []
        for y in 0..<bitmap.height {
            for x in 0..<width { bits.append(bitmap[x, y]) }
        }
        while bits.count % 4 != 0 { bits.append(false) }
        // Letters, not hexadecimal digits: long digit runs in the output would look like ID or phone numbers to
        // the privacy checks, and to people.
        let digits = Array("abcdefghijklmnop")
        var out = ""
        var index = 0
        while index < bits.count {
            var value = 0
            for k in 0..<4 where bits[index + k] { value |= 8 >> k }
            out.append(digits[value])
            index += 4
        }
        return out
    }

    static func fnvLetters(_ text: String) -> String {
        let hash = FNV1a.hash(text)
        let letters = Array("abcdefghijklmnop")
        return String((0..<16).map { letters[Int((hash >> UInt64(60 - 4 * $0)) & 0xF)] })
    }

    /// The player itself, ES5: no `let`, arrow functions, template strings or fetch.
    static let script = """
        (function () {
          'use strict';
          var D = PLAYER_DATA;
          var canvas = document.getElementById('screen');
          var ctx = canvas.getContext('2d');
          var W = D.width, H = D.height, PITCH = D.font + D.gap;
          var glyphs = [];
          var i, k;
          for (i = 0; i < D.glyphs.length; i++) {
            var code = D.glyphs[i][1], bits = [];
            for (k = 0; k < code.length; k++) {
              var v = code.charCodeAt(k) - 97;
              bits.push((v >> 3) & 1, (v >> 2) & 1, (v >> 1) & 1, v & 1);
            }
            glyphs.push({ w: D.glyphs[i][0], bits: bits });
          }
          var match = /[?&]now=([^&]+)/.exec(window.location.search);
          var base = match ? Date.parse(decodeURIComponent(match[1])) : NaN;
          var started = new Date().getTime();
          function now() {
            var t = new Date().getTime();
            return isNaN(base) ? t : base + (t - started);
          }
          function allowed(w, t) {
            if (w.never) { return false; }
            var d = new Date(t + D.offset * 60000);
            var minute = d.getUTCHours() * 60 + d.getUTCMinutes();
            var weekday = (d.getUTCDay() + 6) % 7 + 1;
            if (w.ranges) {
              var inside = false;
              for (var r = 0; r < w.ranges.length; r++) {
                if (minute >= w.ranges[r][0] && minute < w.ranges[r][1]) { inside = true; }
              }
              if (!inside) { return false; }
            }
            if (w.weekdays.length) {
              for (var q = 0; q < w.weekdays.length; q++) { if (w.weekdays[q] === weekday) { return true; } }
              return false;
            }
            return true;
          }
          function plays(item, t) {
            if (item.from !== null && t < item.from) { return false; }
            if (item.until !== null && t > item.until) { return false; }
            return allowed(D.screen, t) && allowed(item.windows, t);
          }
          function draw(page, offX, offY) {
            var image = ctx.createImageData(W, H), data = image.data, p;
            for (p = 3; p < data.length; p += 4) { data[p] = 255; }
            if (page) {
              for (var l = 0; l < page.lines.length; l++) {
                var x = -offX, y0 = l * PITCH - offY;
                for (var c = 0; c < page.lines[l].length; c++) {
                  var g = glyphs[page.lines[l][c]];
                  for (var gy = 0; gy < D.font; gy++) {
                    var py = y0 + gy;
                    if (py < 0 || py >= H) { continue; }
                    for (var gx = 0; gx < g.w; gx++) {
                      var px = x + gx;
                      if (px < 0 || px >= W || !g.bits[gy * g.w + gx]) { continue; }
                      p = (py * W + px) * 4;
                      data[p] = D.color[0]; data[p + 1] = D.color[1]; data[p + 2] = D.color[2];
                    }
                  }
                  x += g.w;
                }
              }
            }
            ctx.putImageData(image, 0, 0);
          }
          var current = -1, pageIndex = 0;
          function nextItem(t) {
            for (var n = 1; n <= D.items.length; n++) {
              var j = (current + n + D.items.length) % D.items.length;
              if (plays(D.items[j], t)) { return j; }
            }
            return -1;
          }
          function show(page, done) {
            var interval = Math.max(5, Math.round(1000 / D.pps)), off;
            if (D.mode === 'scroll-left') {
              off = -W;
              (function tick() {
                draw(page, off, 0);
                off += 1;
                if (off > page.width) { done(); } else { setTimeout(tick, interval); }
              })();
            } else if (D.mode === 'scroll-up' && page.height > H) {
              off = 0;
              (function tick() {
                draw(page, 0, off);
                off += 1;
                if (off > page.height - H) { setTimeout(done, page.stay); } else { setTimeout(tick, interval); }
              })();
            } else {
              draw(page, 0, 0);
              setTimeout(done, page.stay);
            }
          }
          function step() {
            var t = now();
            var item = current >= 0 ? D.items[current] : null;
            if (item && pageIndex + 1 < item.pages.length && plays(item, t)) {
              pageIndex += 1;
            } else {
              current = nextItem(t);
              pageIndex = 0;
            }
            if (current < 0) {
              draw(null, 0, 0);
              setTimeout(step, 1000);
              return;
            }
            show(D.items[current].pages[pageIndex], step);
          }
          function checkVersion() {
            try {
              var request = new XMLHttpRequest();
              request.open('GET', 'player-version.txt?t=' + new Date().getTime(), true);
              request.onreadystatechange = function () {
                if (request.readyState !== 4 || request.status !== 200) { return; }
                var version = request.responseText.replace(/\\s+$/, '');
                if (version && version !== D.version) { window.location.reload(); }
              };
              request.send();
            } catch (e) { /* offline: keep playing what is here */ }
          }
          setInterval(checkVersion, 60000);
          step();
        })();

        """
}
