import ThemeTemplates

/// Splits a list into pages at `basePath` (page 1 there, then `page/N/`): the one paging helper of
/// news lists, tag pages, the exposure board and every facet.
struct Paginator<Element: Sendable>: Sendable {
    let items: [Element]
    let pageSize: Int
    let basePath: String

    /// At least one page, so an empty list still has its (empty) page.
    var pageCount: Int { max(1, (items.count + pageSize - 1) / pageSize) }

    func path(ofPage n: Int) -> String { n == 1 ? basePath : "\(basePath)page/\(n)/" }

    /// The elements on page `n` (1-based).
    func slice(_ n: Int) -> ArraySlice<Element> { items.dropFirst((n - 1) * pageSize).prefix(pageSize) }

    /// The pager of page `n`.
    func pager(_ n: Int) -> Pager {
        Pager(
            number: n, count: pageCount, previousURL: n > 1 ? path(ofPage: n - 1) : nil,
            nextURL: n < pageCount ? path(ofPage: n + 1) : nil,
            links: Self.links(current: n, count: pageCount, path: path(ofPage:)))
    }

    /// `title` on page 1, `title（第N页）` after.
    func title(_ title: String, page n: Int) -> String { n == 1 ? title : "\(title)（第\(n)页）" }

    /// The page numbers shown in a pager: first, last and three either side of the current page, so a
    /// list of 400 pages does not put 400 links on each of them.
    static func numbers(current: Int, count: Int) -> [Int] {
        guard count > 1 else { return [] }
        var numbers = Set([1, count])
        for n in max(1, current - 3)...min(count, current + 3) { numbers.insert(n) }
        return numbers.sorted()
    }

    static func links(current: Int, count: Int, path: (Int) -> String) -> [Pager.Link] {
        var links: [Pager.Link] = []
        var last = 0
        for number in numbers(current: current, count: count) {
            if number > last + 1 { links.append(.gap) }
            links.append(.page(number: number, url: path(number), current: number == current))
            last = number
        }
        return links
    }
}

/// The paging fields of one list page (the `pagination` partial).
struct Pager: Sendable {
    var number: Int
    var count: Int
    var previousURL: String?
    var nextURL: String?
    var links: [Link]

    /// An entry of the pager: a page link, or a gap between runs of numbers.
    enum Link: TemplateModel {
        case page(number: Int, url: String, current: Bool)
        case gap

        static let summary = "`pages`: an entry of the pager, a page or a gap."
        static let fields = FieldTable<Self>([
            .init("gap", "true for the gap between runs of page numbers") {
                if case .gap = $0 { .bool(true) } else { .bool(false) }
            },
            .init("number", "the page number") { if case .page(let n, _, _) = $0 { .number(n) } else { .null } },
            .init("url", "its path") { if case .page(_, let url, _) = $0 { .text(url) } else { .null } },
            .init("current", "true for the page being rendered") {
                if case .page(_, _, let current) = $0 { .bool(current) } else { .bool(false) }
            },
        ])
    }

    /// The pager fields of a list model whose pager is at `keyPath`.
    static func fields<Model>(_ get: @escaping @Sendable (Model) -> Pager) -> [TemplateField<Model>] {
        [
            .init("page_number", "this page's number, from 1") { .number(get($0).number) },
            .init("page_count", "the number of pages") { .number(get($0).count) },
            .init("paginated", "true when there is more than one page") { .bool(get($0).count > 1) },
            .init("previous_url", "the previous page's path, absent on page 1") {
                .text(get($0).previousURL)
            },
            .init("next_url", "the next page's path, absent on the last page") { .text(get($0).nextURL) },
            .init("pages", "the pager entries (`Pager.Link`)") { .list(get($0).links) },
        ]
    }
}
