import CampaignCore
import Foundation

/// The search index files under `search/`, built from the documents of one build.
///
/// - `search/docs.json`: the documents table — how many, the shard count, the kind, district and
///   status names, one three-character record per document (kind, district, status as positions in
///   an alphabet) and the size of each text chunk. Documents are numbered newest first (undated
///   ones last), so a lower number is a more recent page.
/// - `search/k/<n>.json`: the keys of shard `n`, each with two delta-encoded lists of document
///   numbers — all documents holding the key, and those whose title holds it.
/// - `search/t/<n>.json`: chunk `n` of consecutive documents, each `[title, url, date, text]`: what
///   the results page fetches to confirm a hit as a real substring and to cut its excerpt. Chunks
///   hold about `chunkBytes` of text, so a page of ten results costs a few tens of kilobytes.
struct SearchIndex: Sendable {
    var files: [(path: String, text: String)]
    /// Changes whenever any file changes; the search page asks for `docs.json?v=<version>`.
    var version: String

    static let chunkBytes = 8 * 1024
    /// Positions in a record: `alphabet[i]`; districts past its end are not filterable.
    static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

    /// Builds the files for `documents` (in any order); `jobs` shard groups are merged in parallel.
    static func build(
        _ documents: [SearchDocument], districts: [String], statuses: [String], timeZone: TimeZone,
        jobs: Int
    ) async
        -> SearchIndex
    {
        let docs = documents.sorted { a, b in
            switch (a.date, b.date) {
            case (let x?, let y?) where x != y: return x > y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.path < b.path
            }
        }
        let postings = docs.reduce(0) { $0 + $1.keys.count }
        let shardCount = SearchShards.count(forPostings: postings)
        let groups = max(1, min(jobs, shardCount))
        let shardFiles = await concurrentMap(Array(0..<groups), jobs: groups) { group in
            shards(docs, count: shardCount, group: group, groups: groups)
        }
        var files: [(path: String, text: String)] = []
        files.reserveCapacity(shardCount + docs.count / 2 + 1)
        for group in shardFiles { files += group }

        var chunkSizes: [Int] = []
        var chunk: [String] = []
        var chunkSize = 0
        func flush() {
            guard !chunk.isEmpty else { return }
            files.append(("search/t/\(chunkSizes.count).json", "[" + chunk.joined(separator: ",\n") + "]\n"))
            chunkSizes.append(chunk.count)
            chunk.removeAll(keepingCapacity: true)
            chunkSize = 0
        }
        for doc in docs {
            let date = doc.date.map { ContentDate.dayString($0, in: timeZone) } ?? ""
            let record = "[\(json(doc.title)),\(json(doc.path)),\(json(date)),\(json(doc.text))]"
            if !chunk.isEmpty && (chunkSize + record.utf8.count > Self.chunkBytes || chunk.count == alphabet.count - 1)
            {
                flush()
            }
            chunk.append(record)
            chunkSize += record.utf8.count
        }
        flush()

        var records = ""
        records.reserveCapacity(docs.count * 3)
        for doc in docs {
            records.append(alphabet[doc.kind.rawValue])
            records.append(code(doc.district, in: districts))
            records.append(code(doc.status, in: statuses))
        }
        files.sort { $0.path < $1.path }
        var hash = FNV1a()
        for file in files { hash.combine(file.text) }
        hash.combine(records)
        let version = hash.hex(12)
        let table =
            "{\"version\":\(json(version)),\"count\":\(docs.count),\"shards\":\(shardCount),"
            + "\"kinds\":[\(SearchDocument.Kind.allCases.map { json($0.label) }.joined(separator: ","))],"
            + "\"districts\":[\(districts.map(json).joined(separator: ","))],"
            + "\"statuses\":[\(statuses.map(json).joined(separator: ","))],"
            + "\"docs\":\(json(records)),\"chunks\":\(json(String(chunkSizes.map { alphabet[$0] })))}\n"
        files.append(("search/docs.json", table))
        return SearchIndex(files: files, version: version)
    }

    /// The record character of `name` among `names`: `0` for none, then 1, 2, … in order.
    static func code(_ name: String?, in names: [String]) -> Character {
        guard let name, let index = names.firstIndex(of: name), index + 1 < alphabet.count else { return "0" }
        return alphabet[index + 1]
    }

    /// The shard files of group `group` (shards `s` with `s % groups == group`).
    static func shards(_ docs: [SearchDocument], count: Int, group: Int, groups: Int) -> [(path: String, text: String)]
    {
        struct Lists {
            var all: [Int32] = []
            var title: [Int32] = []
        }
        let mask = UInt32(count - 1)
        var shards = [[String: Lists]](repeating: [:], count: count)
        for (number, doc) in docs.enumerated() {
            let id = Int32(number)
            for (key, hash) in doc.keys {
                let shard = Int(hash & mask)
                guard shard % groups == group else { continue }
                shards[shard][key, default: Lists()].all.append(id)
                if doc.titleKeys.contains(key) { shards[shard][key, default: Lists()].title.append(id) }
            }
        }
        var files: [(path: String, text: String)] = []
        for shard in stride(from: group, to: count, by: groups) {
            var text = "{"
            var first = true
            for (key, lists) in shards[shard].sorted(by: { $0.key < $1.key }) {
                if !first { text += ",\n" }
                first = false
                text += json(key) + ":[" + deltas(lists.all) + "," + deltas(lists.title) + "]"
            }
            text += "}\n"
            files.append(("search/k/\(shard).json", text))
        }
        return files
    }

    /// `[3,1,4]` for the ascending numbers 3, 4, 8: each number as the gap from the one before.
    static func deltas(_ ids: [Int32]) -> String {
        var out = "["
        var previous: Int32 = 0
        for (i, id) in ids.enumerated() {
            if i > 0 { out += "," }
            out += String(id - previous)
            previous = id
        }
        return out + "]"
    }

    /// A JSON string literal.
    static func json(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
