import Foundation

/// The link check of one site that remembers what it found on each page, so that the next check looks
/// again only at the pages whose links changed and at those whose targets appeared, disappeared or
/// changed their anchors (`campaign serve`, docs/performance.md "Incremental serve").
///
/// A check with nothing remembered is the check of a full build (`LinkChecker.check` is one), and a
/// remembered page is reused only when its findings could not have changed, so both give the same
/// diagnostics in the same order. What a page's findings depend on:
/// - the page's own links, anchors, paths and source lines (the whole `PageLinks`);
/// - each path it links to: whether a file is written there (or an `index.html` below it);
/// - each page it links to with a `#fragment`: that page's anchors;
/// - for a broken link, the written files, among which "did you mean" looks for the likely target;
/// - the folders set aside (`setAside`), which are the same for every page.
public struct LinkCheck: Sendable {
    /// Links into a folder set aside (a section the build does not publish), reported by the caller.
    public struct SetAsideLink: Sendable, Hashable {
        /// Where the link came from: the content or template file and line (0 when unknown).
        public var file: String
        public var line: Int
        public var url: String
        /// The folder set aside the link leads into.
        public var folder: String
        /// How many links of all pages it stands for.
        public var count: Int
    }

    /// What a check found.
    public struct Result: Sendable {
        /// Links into folders set aside, in the order of the pages, one per source file, line and URL.
        public var setAside: [SetAsideLink]
        /// Broken links and anchors (`LinkChecker`), in the order of the pages.
        public var diagnostics: [Diagnostic]
    }

    /// The site's `base_url`, which the check resolves links against.
    public let baseURL: String
    /// Whether the check keeps each page's findings for the next check (false for a one-off build).
    public let remembers: Bool
    /// Pages whose findings the last check took from the one before (tests watch it).
    public private(set) var reusedPages = 0

    private let base: LinkChecker.SiteBase
    /// `baseURL` without its final `/`, which links into set-aside folders may start with.
    private let siteRoot: String
    private var setAsideFolders: [String] = []
    private var files: Set<String> = []
    private var idsByPage: [String: Set<String>] = [:]
    /// The findings of each page of the last check, in its order.
    private var results: [PageResult] = []
    /// A number for every path and page findings depend on.
    private var targets: [String: Int] = [:]
    /// Where each root-relative or absolute URL leads, and relative ones from their page (`page\0url`).
    private var resolved: [String: Resolved] = [:]

    struct Resolved: Sendable {
        var target: LinkChecker.Target
        /// The number (`targets`) of the path it leads to, when it leads to a path.
        var dependency: Int?
    }

    /// What one page contributes to the check, and what that was computed from.
    struct PageResult: Sendable {
        var page: PageLinks
        /// Its links into folders set aside, each counted once.
        var setAside: [SetAsideLink] = []
        var findings: [Finding] = []
        /// Numbers (`targets`) of the paths and pages its findings depend on.
        var dependencies: [Int] = []
        /// A finding names a likely target among the written files, so any file written or removed
        /// may change it.
        var suggestsFiles = false
    }

    struct Finding: Sendable {
        var key: Key
        var message: String
    }

    struct Key: Hashable, Sendable {
        var file: String
        var line: Int
        var code: String
        var url: String
        var target: String
    }

    public init(baseURL: String, remembers: Bool = true) {
        self.baseURL = baseURL
        self.remembers = remembers
        self.base = LinkChecker.SiteBase(baseURL)
        var root = Substring(baseURL)
        while root.hasSuffix("/") { root = root.dropLast() }
        self.siteRoot = String(root)
    }

    /// Checks all links of `pages` against `existingFiles` (output-relative paths, `/`-separated); links
    /// whose path starts with one of the `setAside` folders are not checked but returned apart.
    ///
    /// A full check of a build that is not remembered (`campaign build`) examines the pages on up to
    /// `jobs` threads; the findings are the same and come in the same order.
    public mutating func check(
        pages: [PageLinks], existingFiles: Set<String>, setAside folders: [String] = [], jobs: Int = 1
    ) -> Result {
        if folders != setAsideFolders {
            results = []
            setAsideFolders = folders
        }
        // What may have changed since the last check: the pages, the files written, the anchors. `base`
        // holds each page's last findings, in the order of `pages`, where `examine[page]` is false.
        var base: [PageResult]
        var examine: [Bool]
        var changed: Set<Int> = []
        var filesChanged = false
        var ids = idsByPage
        // Nothing to keep from a last check: every page is examined, and `base` is made by examining them.
        let fresh = results.isEmpty
        if fresh {
            base = []
            examine = [Bool](repeating: true, count: pages.count)
            ids = [:]
            ids.reserveCapacity(pages.count)
            for page in pages { ids[page.outputPath] = page.ids }
        } else {
            var touched: Set<String> = []
            (base, examine) = reusable(pages, touched: &touched, ids: &ids)
            for path in touched where idsByPage[path] != ids[path] { mark(path, in: &changed) }
            if files != existingFiles {
                filesChanged = true
                for file in existingFiles where !files.contains(file) { markFile(file, in: &changed) }
                for file in files where !existingFiles.contains(file) { markFile(file, in: &changed) }
            }
        }
        results = []

        let pending =
            fresh
            ? Array(pages.indices)
            : pages.indices.filter { index in
                examine[index] || (filesChanged && base[index].suggestsFiles)
                    || (!changed.isEmpty && base[index].dependencies.contains(where: changed.contains))
            }
        reusedPages = pages.count - pending.count
        if jobs > 1, !remembers, pending.count >= Self.pagesPerChunk * 2 {
            let examined = examineInParallel(pending, of: pages, files: existingFiles, ids: ids, jobs: jobs)
            if fresh {
                base = examined
            } else {
                for (position, index) in pending.enumerated() { base[index] = examined[position] }
            }
        } else {
            var scratch = Scratch()
            if fresh { base.reserveCapacity(pages.count) }
            for index in pending {
                let result = self.examine(pages[index], files: existingFiles, ids: ids, scratch: &scratch)
                if fresh { base.append(result) } else { base[index] = result }
            }
        }
        var sections = Tally<SetAsideKey, String>()
        var found = Tally<Key, String>()
        for index in pages.indices {
            for link in base[index].setAside {
                sections.record(
                    SetAsideKey(file: link.file, line: link.line, url: link.url), link.folder, count: link.count)
            }
            for finding in base[index].findings { found.record(finding.key, finding.message) }
        }
        if remembers {
            results = base
            files = existingFiles
            idsByPage = ids
        }
        let setAside = sections.entries.map { key, folder, count in
            SetAsideLink(file: key.file, line: key.line, url: key.url, folder: folder, count: count)
        }
        let diagnostics = found.entries.map { key, message, count in
            let more = count > 1 ? " (and on \(count - 1) other page\(count == 2 ? "" : "s"))" : ""
            return Diagnostic.error(message + more, code: key.code, file: key.file, line: key.line)
        }
        return Result(setAside: setAside, diagnostics: diagnostics)
    }

    /// The last findings of each page of `pages`, in its order, and whether each must be examined again
    /// because its links changed (or it is new); the output paths of pages changed, added or gone go into
    /// `touched`, and their anchors into `ids`.
    ///
    /// Usually the pages are those of the last check in the same order (an edit changes a page, it does
    /// not add one): they are compared one by one. Otherwise they are matched by output path and source.
    private mutating func reusable(
        _ pages: [PageLinks], touched: inout Set<String>, ids: inout [String: Set<String>]
    ) -> ([PageResult], [Bool]) {
        var examine = [Bool](repeating: false, count: pages.count)
        // Compared in place: copying a page's links and findings costs more than comparing them.
        let aligned = pages.withUnsafeBufferPointer { pages in
            results.withUnsafeBufferPointer { results in
                guard pages.count == results.count else { return false }
                for index in pages.indices {
                    guard pages[index].outputPath == results[index].page.outputPath,
                        pages[index].sourceFile == results[index].page.sourceFile
                    else { return false }
                    if pages[index] != results[index].page { examine[index] = true }
                }
                return true
            }
        }
        if aligned {
            for index in pages.indices where examine[index] {
                // A page's link records share its anchors: any changed one has them all.
                touched.insert(pages[index].outputPath)
                ids[pages[index].outputPath] = pages[index].ids
            }
            return (results, examine)
        }
        examine = [Bool](repeating: false, count: pages.count)
        var byKey: [String: Int] = [:]
        byKey.reserveCapacity(results.count)
        for (index, old) in results.enumerated() { byKey[Self.key(of: old.page)] = index }
        var base: [PageResult] = []
        base.reserveCapacity(pages.count)
        for (index, page) in pages.enumerated() {
            if let old = byKey.removeValue(forKey: Self.key(of: page)), results[old].page == page {
                base.append(results[old])
            } else {
                base.append(PageResult(page: page))
                examine[index] = true
                touched.insert(page.outputPath)
            }
        }
        for old in byKey.values { touched.insert(results[old].page.outputPath) }
        ids = [:]
        ids.reserveCapacity(pages.count)
        for page in pages { ids[page.outputPath] = page.ids }
        return (base, examine)
    }

    /// A page's identity between checks: a page is written once, and its links are split by the file
    /// they came from (content or template).
    static func key(of page: PageLinks) -> String { page.outputPath + "\u{0}" + page.sourceFile }

    // MARK: - One page

    /// What one check learns while examining pages, with the same written files throughout: the "did you
    /// mean" hint of each missing path, and the file each path leads to.
    struct Scratch {
        var hints: [String: String] = [:]
        var existing: [String: String?] = [:]
        /// URLs that lead to the same written file from any page, without a fragment to check (a check
        /// that does not remember only).
        var fine: Set<String> = []
    }

    /// The smallest share of pages one thread examines at a time.
    static let pagesPerChunk = 128

    /// The findings of the pages at `indices` of `pages`, in the order of `indices`, examined on up to `jobs`
    /// threads, each with its own copy of the check (its cache of resolved URLs and hints). Only for a check
    /// that does not remember: the numbers of dependencies are not kept, so no thread needs the others'
    /// numbering. Each result is made in its place in the array returned: joining the threads' parts copied
    /// every page's result once more, on one thread.
    private func examineInParallel(
        _ indices: [Int], of pages: [PageLinks], files: Set<String>, ids: [String: Set<String>], jobs: Int
    ) -> [PageResult] {
        let chunkCount = min(jobs * 8, (indices.count + Self.pagesPerChunk - 1) / Self.pagesPerChunk)
        let chunkSize = (indices.count + chunkCount - 1) / chunkCount
        let snapshot = self
        return [PageResult](unsafeUninitializedCapacity: indices.count) { buffer, initialized in
            let slots = UnsafeSlots(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                var check = snapshot
                var scratch = Scratch()
                for position in min(indices.count, chunk * chunkSize)..<min(indices.count, (chunk + 1) * chunkSize) {
                    let index = indices[position]
                    slots.initialize(
                        position, to: check.examine(pages[index], files: files, ids: ids, scratch: &scratch))
                }
            }
            initialized = indices.count
        }
    }

    /// The findings of one page against the written files and the anchors of every page.
    private mutating func examine(
        _ page: PageLinks, files: Set<String>, ids idsByPage: [String: Set<String>], scratch: inout Scratch
    ) -> PageResult {
        var result = PageResult(page: page)
        var checked: Set<String> = []
        checked.reserveCapacity(page.links.count)
        for link in page.links {
            // Most links of a page are on every page (the navigation, the footer) and fine: one lookup.
            if scratch.fine.contains(link.url) { continue }
            if !setAsideFolders.isEmpty,
                let folder = Self.setAsideFolder(of: link.url, root: siteRoot, folders: setAsideFolders)
            {
                let line = page.sourceLines[link.url] ?? 0
                result.setAside.append(
                    SetAsideLink(file: page.sourceFile, line: line, url: link.url, folder: folder, count: 1))
                continue
            }
            guard checked.insert(link.url).inserted else { continue }
            var line: Int { page.sourceLines[link.url] ?? 0 }
            let (target, dependency) = resolve(link.url, on: page)
            // A URL that leads to the same place from every page, where nothing is wrong, is fine on any
            // page of this check; a check that remembers keeps each page's dependencies instead.
            let sameEverywhere =
                !remembers && (link.url.utf8.first == UInt8(ascii: "/") || LinkChecker.scheme(of: link.url) != nil)
            switch target {
            case .ignored, .external:
                if sameEverywhere { scratch.fine.insert(link.url) }
                continue
            case .outside:
                let key = Key(file: page.sourceFile, line: line, code: "link.broken", url: link.url, target: "")
                result.findings.append(
                    Finding(
                        key: key,
                        message: "broken \(LinkChecker.noun(link.kind)) '\(link.url)' in \(page.outputPath): it points "
                            + "outside the site (\(base.prefix.isEmpty ? "above its root" : "not under '\(base.prefix)/'"))"
                    ))
            case .page(let path, let fragment):
                if path != page.outputPath, let dependency { result.dependencies.append(dependency) }
                let file: String?
                if path == page.outputPath {
                    // `#fragment` on the page itself: a path no other page asks about.
                    file = LinkChecker.existingFile(for: path, in: files)
                } else if let known = scratch.existing[path] {
                    file = known
                } else {
                    file = LinkChecker.existingFile(for: path, in: files)
                    scratch.existing[path] = .some(file)
                }
                guard let file else {
                    let key = Key(file: page.sourceFile, line: line, code: "link.broken", url: link.url, target: path)
                    let wanted = path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path
                    let hint: String
                    if let known = scratch.hints[wanted] {
                        hint = known
                    } else {
                        hint = Suggestion.hint(for: wanted, in: LinkChecker.nearby(wanted, files))
                        scratch.hints[wanted] = hint
                    }
                    result.suggestsFiles = true
                    result.findings.append(
                        Finding(
                            key: key,
                            message: "broken \(LinkChecker.noun(link.kind)) '\(link.url)' in \(page.outputPath): no "
                                + "file '\(wanted)' is written\(hint)"))
                    continue
                }
                guard let fragment, !fragment.isEmpty, fragment != "top" else {
                    if sameEverywhere { scratch.fine.insert(link.url) }
                    continue
                }
                if remembers, file != page.outputPath { result.dependencies.append(number(of: file)) }
                let ids = file == page.outputPath ? page.ids : idsByPage[file]
                guard let ids, !ids.contains(fragment) else { continue }
                let key = Key(file: page.sourceFile, line: line, code: "link.anchor", url: link.url, target: file)
                let hint = Suggestion.hint(for: fragment, in: ids.sorted())
                result.findings.append(
                    Finding(
                        key: key,
                        message: "broken anchor '\(link.url)' in \(page.outputPath): \(file) has no element with "
                            + "id '\(fragment)'\(hint)"))
            }
        }
        return result
    }

    /// Where `url` on `page` leads, and the number of that path; most links come from templates and are
    /// root-relative, so each such URL is resolved once.
    private mutating func resolve(_ url: String, on page: PageLinks) -> (LinkChecker.Target, Int?) {
        if url.hasPrefix("#") { return (LinkChecker.resolve(url, from: page.outputPath, base: base), nil) }
        let absolute = url.hasPrefix("/") || LinkChecker.scheme(of: url) != nil
        let key = absolute ? url : page.outputPath + "\u{0}" + url
        if let known = resolved[key] { return (known.target, known.dependency) }
        let target = LinkChecker.resolve(url, from: page.outputPath, base: base)
        var dependency: Int?
        if remembers, case .page(let path, _) = target { dependency = number(of: path) }
        resolved[key] = Resolved(target: target, dependency: dependency)
        return (target, dependency)
    }

    /// The first folder of a link's path when it is one set aside. An absolute URL on the site's
    /// `base_url` counts by the path after it.
    private static func setAsideFolder(of url: String, root siteRoot: String, folders setAsideFolders: [String])
        -> String?
    {
        // Over the bytes: every link of every page comes here when a section is set aside.
        let bytes = url.utf8
        var start = bytes.startIndex
        if !siteRoot.isEmpty, bytes.starts(with: siteRoot.utf8) {
            let after = bytes.index(start, offsetBy: siteRoot.utf8.count)
            if after < bytes.endIndex, bytes[after] == UInt8(ascii: "/") { start = after }
        }
        guard start < bytes.endIndex, bytes[start] == UInt8(ascii: "/") else { return nil }
        let first = bytes[bytes.index(after: start)...].prefix {
            $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "#") && $0 != UInt8(ascii: "?")
        }
        return setAsideFolders.first { $0.utf8.elementsEqual(first) }
    }

    // MARK: - Dependencies

    private mutating func number(of target: String) -> Int {
        if let known = targets[target] { return known }
        let next = targets.count
        targets[target] = next
        return next
    }

    private func mark(_ target: String, in changed: inout Set<Int>) {
        if let known = targets[target] { changed.insert(known) }
    }

    /// Marks the paths whose target a written or removed `file` decides (`LinkChecker.existingFile`):
    /// the file itself and, for an `index.html`, its folder with and without the final `/`.
    private func markFile(_ file: String, in changed: inout Set<Int>) {
        mark(file, in: &changed)
        guard file == "index.html" || file.hasSuffix("/index.html") else { return }
        let folder = String(file.dropLast("index.html".count))
        mark(folder, in: &changed)
        if folder.hasSuffix("/") { mark(String(folder.dropLast()), in: &changed) }
    }

    struct SetAsideKey: Hashable {
        var file: String
        var line: Int
        var url: String
    }
}

/// Uninitialized memory that several threads fill, each position by exactly one of them.
private struct UnsafeSlots<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>

    func initialize(_ position: Int, to value: consuming Element) { (base + position).initialize(to: value) }
}

/// Counts of keys in the order they were first seen, with the value recorded first.
struct Tally<Key: Hashable, Value> {
    private var values: [Key: (value: Value, count: Int)] = [:]
    private var order: [Key] = []

    mutating func record(_ key: Key, _ value: Value, count: Int = 1) {
        if let existing = values[key] {
            values[key] = (existing.value, existing.count + count)
        } else {
            values[key] = (value, count)
            order.append(key)
        }
    }

    var entries: [(key: Key, value: Value, count: Int)] {
        order.compactMap { key in values[key].map { (key, $0.value, $0.count) } }
    }
}
