import CampaignCore

/// One page of a screen feed drawn as pixels, for the PNG export, the preview page and the terminal preview.
public struct LEDRasterPage: Sendable {
    /// Index of the program item in `ScreenFeed.items`.
    public var itemIndex: Int
    /// 1-based number over the whole feed, in playing order: the `NNN` of `page-NNN.png`.
    public var number: Int
    /// The page's text lines.
    public var lines: [String]
    /// The pixels, one per LED (see `LEDRaster.pages(of:glyphs:)` for the size by mode).
    public var bitmap: Bitmap

    /// Creates a page.
    public init(itemIndex: Int, number: Int, lines: [String], bitmap: Bitmap) {
        self.itemIndex = itemIndex
        self.number = number
        self.lines = lines
        self.bitmap = bitmap
    }

    /// `page-001.png`, `page-002.png`, …: at least three digits, so names sort in playing order.
    public var fileName: String { "page-" + ContentDate.pad(number, 3) + ".png" }
}
