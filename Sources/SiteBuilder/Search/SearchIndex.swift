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
    ///
    /// The text chunks are most of the index (all pages' text): with `writeChunk` each chunk is handed
    /// over as soon as it is full and not kept, so the build never holds the whole index in memory;
    /// without it they are returned in `files` like the rest.
    static func build(
        _ documents: [SearchDocument], districts: [String], statuses: [String], timeZone: TimeZone,
        jobs: Int, writeChunk: ((_ path: String, _ text: String) -> Void)? = nil
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
            shards(docs, count: shardCount, group: group, groups: groups).map { ($0, Self.contentHash($0.text)) }
        }
        var files: [(path: String, text: String)] = []
        files.reserveCapacity(shardCount + docs.count / 2 + 1)
        // The version hashes each file's hash (computed in parallel) in path order.
        var hashes: [String: UInt64] = [:]
        for group in shardFiles {
            for (file, hash) in group {
                files.append(file)
                hashes[file.path] = hash
            }
        }

        var chunkSizes: [Int] = []
        var chunk: [String] = []
        var chunkSize = 0
        func flush() {
            guard !chunk.isEmpty else { return }
            let file = (path: "search/t/\(chunkSizes.count).json", text: "[" + chunk.joined(separator: ",\n") + "]\n")
            if let writeChunk { writeChunk(file.path, file.text) } else { files.append(file) }
            chunkSizes.append(chunk.count)
            chunk.removeAll(keepingCapacity: true)
            chunkSize = 0
        }
        var recordHashes = FNV1a()
        // Records are made in parallel a batch at a time, so only one batch of escaped text is alive.
        let batch = 1024
        for start in stride(from: 0, to: docs.count, by: batch) {
            let records = await concurrentMap(Array(docs[start..<min(start + batch, docs.count)]), jobs: jobs) {
                doc -> (String, UInt64) in
                let date = doc.date.map { ContentDate.dayString($0, in: timeZone) } ?? ""
                let record = "[\(json(doc.title)),\(json(doc.path)),\(json(date)),\(json(doc.text))]"
                return (record, Self.contentHash(record))
            }
            for (record, hash) in records {
                withUnsafeBytes(of: hash.littleEndian) { recordHashes.combine($0) }
                if !chunk.isEmpty
                    && (chunkSize + record.utf8.count > Self.chunkBytes || chunk.count == alphabet.count - 1)
                {
                    flush()
                }
                chunk.append(record)
                chunkSize += record.utf8.count
            }
        }
        flush()

        var table = ""
        table.reserveCapacity(docs.count * 3)
        for doc in docs {
            table.append(alphabet[doc.kind.rawValue])
            table.append(code(doc.district, in: districts))
            table.append(code(doc.status, in: statuses))
        }
        files.sort { $0.path < $1.path }
        var hash = recordHashes
        for file in files {
            if let fileHash = hashes[file.path] { withUnsafeBytes(of: fileHash.littleEndian) { hash.combine($0) } }
        }
        hash.combine(table)
        let version = hash.hex(12)
        let docsJSON =
            "{\"version\":\(json(version)),\"count\":\(docs.count),\"shards\":\(shardCount),"
            + "\"kinds\":[\(SearchDocument.Kind.allCases.map { json($0.label) }.joined(separator: ","))],"
            + "\"districts\":[\(districts.map(json).joined(separator: ","))],"
            + "\"statuses\":[\(statuses.map(json).joined(separator: ","))],"
            + "\"docs\":\(json(table)),\"chunks\":\(json(String(chunkSizes.map { alphabet[$0] })))}\n"
        files.append(("search/docs.json", docsJSON))
        return SearchIndex(files: files, version: version)
    }

    /// The record character of `name` among `names`: `0` for none, then 1, 2, … in order.
    static func code(_ name: String?, in names: [String]) -> Character {
        guard let name, let index = names.firstIndex(of: name), index + 1 < alphabet.count else { return "0" }
        return alphabet[index + 1]
    }

    /// The shard files of group `group` (shards `s` with `s % groups == group`).
    ///
    /// Bigram postings are gathered as numbers — pair, document number and a title bit in one
    /// `UInt64` — into one array per shard, then each small array is sorted: no hash table, so 10,000
    /// pages and millions of postings take a fraction of a second.
    static func shards(_ docs: [SearchDocument], count: Int, group: Int, groups: Int) -> [(path: String, text: String)]
    {
        struct Lists {
            var all: [Int32] = []
            var title: [Int32] = []
        }
        let mask = UInt32(count - 1)
        func mine(_ shard: Int) -> Bool { groups == 1 || shard % groups == group }
        var sizes = [Int](repeating: 0, count: count)
        for doc in docs {
            for pair in doc.keys.bigrams { sizes[Int(SearchShards.hash(bigram: pair) & mask)] += 1 }
        }
        var postings = [[UInt64]](repeating: [], count: count)
        for shard in 0..<count where mine(shard) { postings[shard].reserveCapacity(sizes[shard]) }
        var words = [[String: Lists]](repeating: [:], count: count)
        for (number, doc) in docs.enumerated() {
            let id = UInt64(number)
            for pair in doc.keys.bigrams {
                let shard = Int(SearchShards.hash(bigram: pair) & mask)
                guard mine(shard) else { continue }
                let title: UInt64 = doc.titleKeys.contains(bigram: pair) ? 1 : 0
                postings[shard].append(UInt64(pair) << 32 | id << 1 | title)
            }
            for word in doc.keys.words {
                let shard = Int(SearchShards.hash(word) & mask)
                guard mine(shard) else { continue }
                words[shard][word, default: Lists()].all.append(Int32(number))
                if doc.titleKeys.words.contains(word) { words[shard][word]?.title.append(Int32(number)) }
            }
        }
        var files: [(path: String, text: String)] = []
        var out: [UInt8] = []
        for shard in stride(from: group, to: count, by: groups) {
            out.removeAll(keepingCapacity: true)
            out.append(UInt8(ascii: "{"))
            // Words first (by text), then the pairs (by number): the order is fixed, so builds repeat.
            for (word, lists) in words[shard].sorted(by: { $0.key < $1.key }) {
                if out.count > 1 { out += [UInt8(ascii: ","), 0x0A] }
                appendJSON(word, to: &out)
                out += [UInt8(ascii: ":"), UInt8(ascii: "[")]
                appendDeltas(lists.all, to: &out)
                out.append(UInt8(ascii: ","))
                appendDeltas(lists.title, to: &out)
                out.append(UInt8(ascii: "]"))
            }
            var list = postings[shard]
            postings[shard] = []
            list.sort()
            var start = 0
            while start < list.count {
                let pair = UInt32(truncatingIfNeeded: list[start] >> 32)
                var end = start
                while end < list.count && UInt32(truncatingIfNeeded: list[end] >> 32) == pair { end += 1 }
                if out.count > 1 { out += [UInt8(ascii: ","), 0x0A] }
                out.append(UInt8(ascii: "\""))
                appendUTF8(UInt16(pair >> 16), to: &out)
                appendUTF8(UInt16(pair & 0xFFFF), to: &out)
                out += [UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "[")]
                for pass in 0..<2 {
                    if pass == 1 { out += [UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: "[")] }
                    var previous: UInt64 = 0
                    var first = true
                    for k in start..<end where pass == 0 || list[k] & 1 == 1 {
                        let id = (list[k] & 0xFFFF_FFFF) >> 1
                        if !first { out.append(UInt8(ascii: ",")) }
                        first = false
                        appendNumber(Int(id - previous), to: &out)
                        previous = id
                    }
                }
                out += [UInt8(ascii: "]"), UInt8(ascii: "]")]
                start = end
            }
            out += [UInt8(ascii: "}"), 0x0A]
            files.append(("search/k/\(shard).json", String(decoding: out, as: UTF8.self)))
        }
        return files
    }

    /// FNV-1a (64 bits) of the UTF-8 bytes of `text`.
    static func contentHash(_ text: String) -> UInt64 { FNV1a.hash(text) }

    /// Appends the UTF-8 bytes of one BMP character (a Han character: three bytes).
    static func appendUTF8(_ u: UInt16, to out: inout [UInt8]) {
        if u < 0x80 {
            out.append(UInt8(u))
        } else if u < 0x800 {
            out += [UInt8(0xC0 | (u >> 6)), UInt8(0x80 | (u & 0x3F))]
        } else {
            out += [UInt8(0xE0 | (u >> 12)), UInt8(0x80 | ((u >> 6) & 0x3F)), UInt8(0x80 | (u & 0x3F))]
        }
    }

    /// Appends `[3,1,4]` for the ascending numbers 3, 4, 8: each number as the gap from the one before.
    static func appendDeltas(_ ids: [Int32], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        var previous: Int32 = 0
        for (i, id) in ids.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            appendNumber(Int(id - previous), to: &out)
            previous = id
        }
        out.append(UInt8(ascii: "]"))
    }

    static func appendNumber(_ n: Int, to out: inout [UInt8]) {
        if n < 10 {
            out.append(UInt8(ascii: "0") + UInt8(n))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0
        )
        var count = 0
        var rest = n
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 && count < 10 {
                buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            for k in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[k]) }
        }
    }

    /// Appends `s` as a JSON string literal, copying the bytes that need no escape as they are.
    static func appendJSON(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            let hex = Array("0123456789abcdef".utf8)
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                switch b {
                case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), b]
                case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), b]
                case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
                case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
                case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
                case 0..<0x20:
                    out += Array("\\u00".utf8)
                    out += [hex[Int(b >> 4)], hex[Int(b & 15)]]
                case 0xE2
                where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    // U+2028 and U+2029 end lines in older JavaScript.
                    out += Array((bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    i += 2
                default: out.append(b)
                }
                i += 1
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// A JSON string literal.
    static func json(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 2)
        appendJSON(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
