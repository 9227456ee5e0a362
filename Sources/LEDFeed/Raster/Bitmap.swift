/// A monochrome picture of an LED screen: one pixel per LED, lit or unlit.
///
/// Coordinates start at the top-left corner. Reads outside the picture answer `false` and writes outside it are
/// ignored, so glyphs that run past the right or bottom edge are clipped the way a real screen clips them.
/// A bitmap is always at least 1×1 (PNG cannot hold an empty image).
public struct Bitmap: Sendable, Hashable {
    /// Width in pixels (LEDs).
    public let width: Int
    /// Height in pixels (LEDs).
    public let height: Int
    /// Row-major lit flags, `width * height` entries.
    public private(set) var pixels: [Bool]

    /// Creates an all-unlit bitmap; sizes below 1 are raised to 1.
    public init(width: Int, height: Int) {
        self.width = max(1, width)
        self.height = max(1, height)
        self.pixels = Array(repeating: false, count: self.width * self.height)
    }

    /// Creates a bitmap from rows of text where `#` (or `█`) is lit and any other character unlit.
    ///
    /// Rows shorter than the longest are padded with unlit pixels. Meant for tests and small fixtures.
    public init(art rows: [String]) {
        let width = rows.map(\.count).max() ?? 0
        self.init(width: width, height: rows.count)
        for (y, row) in rows.enumerated() {
            for (x, character) in row.enumerated() where character == "#" || character == "█" {
                self[x, y] = true
            }
        }
    }

    /// Whether the LED at column `x`, row `y` is lit; out-of-range reads are unlit, writes are dropped.
    public subscript(x: Int, y: Int) -> Bool {
        get {
            guard x >= 0, y >= 0, x < width, y < height else { return false }
            return pixels[y * width + x]
        }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            pixels[y * width + x] = newValue
        }
    }

    /// The number of lit LEDs.
    public var litCount: Int { pixels.reduce(0) { $1 ? $0 + 1 : $0 } }

    /// The horizontal runs of lit pixels in row `y`, left to right (empty outside the bitmap).
    public func litRuns(inRow y: Int) -> [Range<Int>] {
        guard y >= 0, y < height else { return [] }
        var runs: [Range<Int>] = []
        var start: Int?
        let base = y * width
        for x in 0..<width {
            if pixels[base + x] {
                if start == nil { start = x }
            } else if let begin = start {
                runs.append(begin..<x)
                start = nil
            }
        }
        if let begin = start { runs.append(begin..<width) }
        return runs
    }

    /// The rows as text, `#` for lit and `.` for unlit; handy in test failure messages.
    public var art: [String] {
        (0..<height).map { y in String((0..<width).map { self[$0, y] ? "#" : "." }) }
    }
}
