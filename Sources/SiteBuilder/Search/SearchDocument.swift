import Foundation

/// One page in the search index: what the results list shows and the keys it is found by.
///
/// Made in the render task of its page (`SiteRenderer.emit`), so reading the text and its keys
/// runs in parallel with the other pages; the index only merges them. A document holds nothing
/// the index does not write: the text already escaped as the text chunks store it, and the
/// distinct keys as numbers (a Han pair is one `UInt32`), each list sized exactly.
struct SearchDocument: Sendable, Equatable {
    /// 新闻, 曝光, 页面, 栏目.
    enum Kind: Int, Sendable, CaseIterable {
        case news, exposure, page, section

        var label: String {
            switch self {
            case .news: return "新闻"
            case .exposure: return "曝光"
            case .page: return "页面"
            case .section: return "栏目"
            }
        }
    }

    /// The fields in one box, never changed once made: a document is copied from its page's render
    /// into the build's list and the index's memory, and a box is one reference to count where the fields
    /// hold seven. A document kept from the last build is the same box, equal at once.
    private final class Fields: Sendable {
        /// What the page says about itself: kind, title, path, date, district and status.
        let entry: SearchEntry
        let text: Text
        let keys: SearchTokenizer.Keys

        init(entry: SearchEntry, text: Text, keys: SearchTokenizer.Keys) {
            self.entry = entry
            self.text = text
            self.keys = keys
        }
    }

    private let fields: Fields

    var kind: Kind { fields.entry.kind }
    var title: String { fields.entry.title }
    /// Root-relative site path, e.g. `/news/x/`.
    var path: String { fields.entry.path }
    var date: Date? { fields.entry.date }
    /// District and status names of an exposure notice (the search page's filters).
    var district: String? { fields.entry.district }
    var status: String? { fields.entry.status }
    /// The page's main text (`SearchText`) as the inside of a JSON string literal, UTF-8, at most
    /// `maxTextBytes` bytes.
    var text: Text { fields.text }
    /// Distinct keys of the title and the text.
    var keys: SearchTokenizer.Keys { fields.keys }

    static func == (a: SearchDocument, b: SearchDocument) -> Bool {
        let (x, y) = (a.fields, b.fields)
        return x === y || (x.entry == y.entry && x.text == y.text && x.keys == y.keys)
    }

    /// Texts longer than this (about 30,000 Chinese characters: a whole table of data) are cut for
    /// the index; what a search can find and what the results can quote stay the same.
    static let maxTextBytes = 90_000

    /// A document of `text` in the form the index stores (see `SearchText.json`).
    init(
        kind: Kind, title: String, path: String, date: Date?, district: String? = nil, status: String? = nil,
        indexedText text: [UInt8], spill: SearchTextSpill? = nil
    ) {
        var utf8Title = title
        let keys = utf8Title.withUTF8 { title in
            text.withUnsafeBufferPointer { SearchTokenizer.keys(title: title, text: $0) }
        }
        fields = Fields(
            entry: SearchEntry(kind, title: title, path: path, date: date, district: district, status: status),
            text: Text(text, spill: spill), keys: keys)
    }

    /// The text of a document: in memory, or in the spill file of a cold build (`SearchTextSpill`) from
    /// when its keys are read until the index writes it into a text chunk.
    struct Text: Sendable, Equatable {
        private enum Storage: Sendable {
            case bytes([UInt8])
            case spilled(SearchTextSpill, offset: Int)
        }
        private let storage: Storage
        /// The length in bytes.
        let count: Int

        init(_ bytes: [UInt8], spill: SearchTextSpill? = nil) {
            count = bytes.count
            if let spill, !bytes.isEmpty {
                storage = .spilled(spill, offset: spill.append(bytes))
            } else {
                storage = .bytes(bytes)
            }
        }

        /// Appends the text to `output`. A spilled text that cannot be read back (the cache folder's disk
        /// failed) leaves the record's text empty: the page can still be found, its excerpt is missing.
        func append(to output: inout [UInt8]) {
            switch storage {
            case .bytes(let bytes): output += bytes
            case .spilled(let spill, let offset): _ = spill.read(offset: offset, count: count, into: &output)
            }
        }

        /// The bytes.
        var bytes: [UInt8] {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(count)
            append(to: &bytes)
            return bytes
        }

        static func == (a: Text, b: Text) -> Bool {
            guard a.count == b.count else { return false }
            // In memory (`campaign serve`, whose index compares every text with the last build's): without
            // a copy, and at once for a text kept from that build.
            if case .bytes(let x) = a.storage, case .bytes(let y) = b.storage { return x == y }
            return a.bytes == b.bytes
        }
    }

    /// A document of plain `text`.
    init(
        kind: Kind, title: String, path: String, date: Date?, district: String? = nil, status: String? = nil,
        text: String
    ) {
        self.init(
            kind: kind, title: title, path: path, date: date, district: district, status: status,
            indexedText: SearchText.json(text, limit: Self.maxTextBytes))
    }

    /// The text as it reads (escapes undone), for tests and diagnostics.
    var plainText: String {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var escaped = false
        for byte in text.bytes {
            if byte == UInt8(ascii: "\\") && !escaped {
                escaped = true
                continue
            }
            escaped = false
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Which page kind and notice attributes a render step passes to `emit` for the search index.
struct SearchEntry: Sendable, Equatable {
    var kind: SearchDocument.Kind
    var title: String
    /// Root-relative site path of the page.
    var path: String
    var date: Date?
    var district: String?
    var status: String?

    init(
        _ kind: SearchDocument.Kind, title: String, path: String, date: Date? = nil, district: String? = nil,
        status: String? = nil
    ) {
        self.kind = kind
        self.title = title
        self.path = path
        self.date = date
        self.district = district
        self.status = status
    }

    /// The document of this page, from its rendered HTML.
    func document(html: [UInt8], spill: SearchTextSpill? = nil) -> SearchDocument {
        SearchDocument(
            kind: kind, title: title, path: path, date: date, district: district, status: status,
            indexedText: SearchText.mainTextJSON(of: html, limit: SearchDocument.maxTextBytes), spill: spill)
    }
}
