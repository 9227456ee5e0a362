import Foundation

/// One page in the search index: what the results list shows and the keys it is found by.
///
/// Made in the render task of its page (`SiteRenderer.emit`), so extracting the text and its keys
/// runs in parallel with the other pages; the index only merges the keys.
struct SearchDocument: Sendable {
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

    var kind: Kind
    var title: String
    /// Root-relative site path, e.g. `/news/x/`.
    var path: String
    var date: Date?
    /// District and status names of an exposure notice (the search page's filters).
    var district: String?
    var status: String?
    /// The page's main text (`SearchText.mainText`), at most `maxTextLength` UTF-16 units.
    var text: String
    /// Distinct keys of the title and the text, sorted.
    var keys: SearchTokenizer.Keys
    /// Distinct keys of the title.
    var titleKeys: SearchTokenizer.Keys

    /// Texts longer than this are cut for the index (a whole table of data): what a search can find
    /// and what the results can quote stay the same.
    static let maxTextLength = 30000

    init(
        kind: Kind, title: String, path: String, date: Date?, district: String? = nil, status: String? = nil,
        text: String
    ) {
        self.kind = kind
        self.title = title
        self.path = path
        self.date = date
        self.district = district
        self.status = status
        self.text =
            text.utf16.count > Self.maxTextLength
            ? String(decoding: Array(text.utf16.prefix(Self.maxTextLength)), as: UTF16.self) : text
        let titleKeys = SearchTokenizer.keys(of: title)
        var all = SearchTokenizer.keys(of: self.text)
        all.formUnion(titleKeys)
        self.titleKeys = titleKeys
        self.keys = all
    }
}

/// Which page kind and notice attributes a render step passes to `emit` for the search index.
struct SearchEntry: Sendable {
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
    func document(html: String) -> SearchDocument {
        SearchDocument(
            kind: kind, title: title, path: path, date: date, district: district, status: status,
            text: SearchText.mainText(of: html))
    }
}
