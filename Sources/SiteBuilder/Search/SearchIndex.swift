import CampaignCore
import Crypto
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
///
/// Every file is made and written by one of `jobs` parallel tasks as soon as it is complete, and
/// `docs.json`, which names the version of all the others, last.
struct SearchIndex: Sendable {
    /// Changes whenever any file changes; the search page asks for `docs.json?v=<version>`.
    var version: String
    var documentCount: Int
    var shardCount: Int
    var chunkCount: Int

    static let chunkBytes = 8 * 1024
    /// Positions in a record: `alphabet[i]`; districts past its end are not filterable.
    static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    static let alphabetBytes = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)

    /// Writes one file of the index: its path, its bytes and, when the index computed it, their SHA-256
    /// (which the build record would otherwise compute again).
    typealias Writer<Written> = @Sendable (_ path: String, _ bytes: [UInt8], _ digest: SHA256.Digest?) -> Written

    /// A share of the work of `build`: a range of shards or of text chunks.
    private enum Work: Sendable {
        case shards(Range<Int>)
        case chunks(Range<Int>)
    }

    /// Builds and writes the files for `documents` (in any order) through `write`, which is called
    /// from several tasks at once; returns the index and what each call of `write` returned.
    static func build<Written: Sendable>(
        _ documents: [SearchDocument], districts: [String], statuses: [String], timeZone: TimeZone, jobs: Int,
        write: @escaping Writer<Written>
    ) async -> (index: SearchIndex, written: [Written]) {
        let built = await build(
            documents, districts: districts, statuses: statuses, timeZone: timeZone, jobs: jobs, remember: false,
            write: write)
        return (built.index, built.written)
    }

    /// The numbers of `documents`: their indices newest first, undated last, then by path.
    static func order(_ documents: [SearchDocument]) -> [Int] {
        // Only the dates and paths are read (a document is large to copy).
        let dates = documents.map(\.date)
        return documents.indices.sorted { i, j in
            switch (dates[i], dates[j]) {
            case (let x?, let y?) where x != y: return x > y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return documents[i].path < documents[j].path
            }
        }
    }

    /// A record's bytes before its text (`[title,url,date,"`).
    static func head(of doc: SearchDocument, timeZone: TimeZone) -> [UInt8] {
        var head: [UInt8] = [UInt8(ascii: "[")]
        head.reserveCapacity(doc.title.utf8.count + doc.path.utf8.count + 24)
        appendJSON(doc.title, to: &head)
        head.append(UInt8(ascii: ","))
        appendJSON(doc.path, to: &head)
        head.append(UInt8(ascii: ","))
        appendJSON(doc.date.map { ContentDate.dayString($0, in: timeZone) } ?? "", to: &head)
        head += [UInt8(ascii: ","), UInt8(ascii: "\"")]
        return head
    }

    /// Where the text chunks end: after the document numbers returned, each chunk holding about
    /// `chunkBytes` of records and fewer documents than `alphabet` has characters.
    static func chunkEnds(count: Int, recordSize: (Int) -> Int) -> [Int] {
        var chunkEnds: [Int] = []
        var size = 0
        var inChunk = 0
        for number in 0..<count {
            let record = recordSize(number)
            if inChunk > 0 && (size + record > chunkBytes || inChunk == alphabet.count - 1) {
                chunkEnds.append(number)
                size = 0
                inChunk = 0
            }
            size += record
            inChunk += 1
        }
        if inChunk > 0 { chunkEnds.append(count) }
        return chunkEnds
    }

    /// Builds every file; with `remember`, also what `update` needs to build the next index from this one.
    static func build<Written: Sendable>(
        _ documents: [SearchDocument], districts: [String], statuses: [String], timeZone: TimeZone, jobs: Int,
        remember: Bool, write: @escaping Writer<Written>
    ) async -> (index: SearchIndex, written: [Written], memory: Memory?) {
        let order = order(documents)
        let postingCount = documents.reduce(0) { $0 + $1.keys.count }
        let shardCount = SearchShards.count(forPostings: postingCount)

        // Each record's bytes before its text; their sizes fix where the text chunks end.
        let heads = await concurrentMap(order, jobs: jobs) { index -> [UInt8] in
            head(of: documents[index], timeZone: timeZone)
        }
        let chunkEnds = chunkEnds(count: order.count) { heads[$0].count + documents[order[$0]].text.count + 2 }

        // Shards in groups small enough that the postings of the groups in progress stay a fraction
        // of the whole; text chunks in runs of about 256 KB.
        var groups = 1
        while groups < shardCount && (groups < jobs * 2 || postingCount / groups > 1_000_000) { groups *= 2 }
        let shardsPerGroup = shardCount / groups
        let shardWork = (0..<groups).map { Work.shards($0 * shardsPerGroup..<($0 + 1) * shardsPerGroup) }
        let chunksPerRun = max(1, 256 * 1024 / chunkBytes)
        let chunkWork = stride(from: 0, to: chunkEnds.count, by: chunksPerRun).map {
            Work.chunks($0..<min(chunkEnds.count, $0 + chunksPerRun))
        }
        // The shard groups, the longest tasks, first: the small chunk runs then fill the cores to the end,
        // instead of a group started last keeping one core busy while the others wait. At most `jobs`
        // groups are in progress at once, each of at most about a million postings (8 MB).
        let work = shardWork + chunkWork

        let ends = chunkEnds
        let results = await inParallel(work, jobs: jobs) { item -> [(UInt64, Written, Shard?)] in
            switch item {
            case .shards(let range):
                return zip(range, postings(range, of: documents, order: order, count: shardCount)).map {
                    shard, shardPostings in
                    let bytes = shardFile(shardPostings)
                    let digest = SHA256.hash(data: bytes)
                    return (
                        versionHash(digest), write("search/k/\(shard).json", bytes, digest),
                        remember ? shardPostings : nil
                    )
                }
            case .chunks(let range):
                return range.map { chunk in
                    let start = chunk == 0 ? 0 : ends[chunk - 1]
                    let bytes = textChunk(start..<ends[chunk], heads: heads, documents: documents, order: order)
                    let digest = SHA256.hash(data: bytes)
                    return (versionHash(digest), write("search/t/\(chunk).json", bytes, digest), nil)
                }
            }
        }
        var written: [Written] = []
        written.reserveCapacity(shardCount + chunkEnds.count + 1)
        var shardHashes: [UInt64] = []
        var chunkHashes: [UInt64] = []
        var shards: [Shard] = []
        for (item, files) in zip(work, results) {
            for (hash, result, postings) in files {
                written.append(result)
                if case .shards = item {
                    shardHashes.append(hash)
                    if let postings { shards.append(postings) }
                } else {
                    chunkHashes.append(hash)
                }
            }
        }
        let table = table(documents, order: order, districts: districts, statuses: statuses)
        let index = SearchIndex(
            version: version(shardHashes: shardHashes, chunkHashes: chunkHashes, table: table),
            documentCount: order.count, shardCount: shardCount, chunkCount: chunkEnds.count)
        written.append(
            write(
                "search/docs.json",
                docsJSON(
                    index, table: table, chunkEnds: chunkEnds, districts: districts,
                    statuses: statuses), nil))
        guard remember else { return (index, written, nil) }
        let memory = Memory(
            districts: districts, statuses: statuses, timeZone: timeZone, documents: order.map { documents[$0] },
            table: table,
            heads: heads, postingCount: postingCount, shards: shards, shardHashes: shardHashes, chunkEnds: chunkEnds,
            chunkHashes: chunkHashes)
        return (index, written, memory)
    }

    /// Three characters per document, in number order: kind, district, status.
    static func table(
        _ documents: [SearchDocument], order: [Int], districts: [String], statuses: [String]
    ) -> [UInt8] {
        var table: [UInt8] = []
        table.reserveCapacity(order.count * 3)
        documents.withUnsafeBufferPointer { documents in
            for index in order {
                table += record(documents[index], districts: districts, statuses: statuses)
            }
        }
        return table
    }

    /// A document's three characters in the table.
    static func record(_ doc: SearchDocument, districts: [String], statuses: [String]) -> [UInt8] {
        [alphabetBytes[doc.kind.rawValue], code(doc.district, in: districts), code(doc.status, in: statuses)]
    }

    /// The version: a hash of each file's hash, chunks first, then the shards, then the table.
    static func version(shardHashes: [UInt64], chunkHashes: [UInt64], table: [UInt8]) -> String {
        var shards = FNV1a()
        for hash in shardHashes { withUnsafeBytes(of: hash.littleEndian) { shards.combine($0) } }
        var hash = FNV1a()
        for chunk in chunkHashes { withUnsafeBytes(of: chunk.littleEndian) { hash.combine($0) } }
        withUnsafeBytes(of: shards.value.littleEndian) { hash.combine($0) }
        hash.combine(table)
        return hash.hex(12)
    }

    /// `search/docs.json`.
    static func docsJSON(
        _ index: SearchIndex, table: [UInt8], chunkEnds: [Int], districts: [String], statuses: [String]
    ) -> [UInt8] {
        var sizes = ""
        var previous = 0
        for end in chunkEnds {
            sizes.append(alphabet[end - previous])
            previous = end
        }
        let text =
            "{\"version\":\(json(index.version)),\"count\":\(index.documentCount),\"shards\":\(index.shardCount),"
            + "\"kinds\":[\(SearchDocument.Kind.allCases.map { json($0.label) }.joined(separator: ","))],"
            + "\"districts\":[\(districts.map(json).joined(separator: ","))],"
            + "\"statuses\":[\(statuses.map(json).joined(separator: ","))],"
            + "\"docs\":\(json(String(decoding: table, as: UTF8.self))),\"chunks\":\(json(sizes))}\n"
        return Array(text.utf8)
    }

    /// Runs `body` on each item with at most `jobs` at a time, handing out the next item as one
    /// finishes; the results keep the order of the items.
    private static func inParallel<Item: Sendable, Result: Sendable>(
        _ items: [Item], jobs: Int, _ body: @escaping @Sendable (Item) -> Result
    ) async -> [Result] {
        await withTaskGroup(of: (Int, Result).self) { group in
            var results = [Result?](repeating: nil, count: items.count)
            var next = 0
            while next < min(items.count, max(1, jobs)) {
                let (n, item) = (next, items[next])
                group.addTask { (n, body(item)) }
                next += 1
            }
            while let (n, result) = await group.next() {
                results[n] = result
                if next < items.count {
                    let (n, item) = (next, items[next])
                    group.addTask { (n, body(item)) }
                    next += 1
                }
            }
            return results.compactMap { $0 }
        }
    }

    /// The first 64 bits of a file's SHA-256, which `version` is made of: the processor's SHA instructions
    /// hash the index's megabytes of text several times faster than FNV-1a's byte loop, and the build
    /// record needs the same digest.
    static func versionHash(_ digest: SHA256.Digest) -> UInt64 {
        UInt64(littleEndian: digest.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
    }

    /// The record character of `name` among `names`: `0` for none, then 1, 2, … in order.
    static func code(_ name: String?, in names: [String]) -> UInt8 {
        guard let name, let index = names.firstIndex(of: name), index + 1 < alphabet.count else {
            return UInt8(ascii: "0")
        }
        return alphabetBytes[index + 1]
    }

    /// Text chunk of the documents numbered `numbers`: `[record,\nrecord,…]`.
    static func textChunk(
        _ numbers: Range<Int>, heads: [[UInt8]], documents: [SearchDocument], order: [Int]
    ) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(numbers.reduce(4) { $0 + heads[$1].count + documents[order[$1]].text.count + 4 })
        out.append(UInt8(ascii: "["))
        for number in numbers {
            if number > numbers.lowerBound { out += [UInt8(ascii: ","), 0x0A] }
            out += heads[number]
            documents[order[number]].text.append(to: &out)
            out += [UInt8(ascii: "\""), UInt8(ascii: "]")]
        }
        out += [UInt8(ascii: "]"), 0x0A]
        return out
    }

    /// The keys of one shard and the documents holding each.
    struct Shard: Sendable, Equatable {
        /// Han pairs: pair, document number and a title bit in one number, `pair << 32 | number << 1 | title`,
        /// sorted.
        var pairs: [UInt64] = []
        /// Words, each with the ascending numbers of the documents holding it.
        var words: [String: Lists] = [:]
    }

    struct Lists: Sendable, Equatable {
        /// Every document holding the key.
        var all: [Int32] = []
        /// Those whose title holds it.
        var title: [Int32] = []
    }

    /// The postings of the shards in `range`.
    ///
    /// Bigram postings are gathered as numbers — pair, document number and a title bit in one
    /// `UInt64` — into one array per shard, then each small array is sorted: no hash table, so 10,000
    /// pages and millions of postings take a fraction of a second. Every document's keys are read
    /// once per range; only this range's postings are held.
    static func postings(
        _ range: Range<Int>, of documents: [SearchDocument], order: [Int], count: Int
    ) -> [Shard] {
        let mask = UInt32(count - 1)
        let low = range.lowerBound
        var shards = [Shard](repeating: Shard(), count: range.count)
        documents.withUnsafeBufferPointer { documents in
            for (number, index) in order.enumerated() {
                let keys = documents[index].keys
                let id = UInt64(number) << 1
                let titleCount = keys.titleBigramCount
                keys.bigrams.withUnsafeBufferPointer { pairs in
                    for k in 0..<pairs.count {
                        let pair = pairs[k]
                        let shard = Int(SearchShards.hash(bigram: pair) & mask)
                        guard shard >= low && shard < range.upperBound else { continue }
                        shards[shard - low].pairs.append(UInt64(pair) << 32 | id | (k < titleCount ? 1 : 0))
                    }
                }
                for (k, word) in keys.words.enumerated() {
                    let shard = Int(SearchShards.hash(word: word) & mask)
                    guard range.contains(shard) else { continue }
                    shards[shard - low].words[word, default: Lists()].all.append(Int32(number))
                    if k < keys.titleWordCount { shards[shard - low].words[word]?.title.append(Int32(number)) }
                }
            }
        }
        for k in shards.indices { shards[k].pairs.sort() }
        return shards
    }

    /// The file of one shard: `{"word":[[all],[title]],\n"文明":[[all],[title]],…}`, numbers as gaps.
    static func shardFile(_ shard: Shard) -> [UInt8] {
        let list = shard.pairs
        var out: [UInt8] = []
        out.reserveCapacity(list.count * 3 + 64)
        out.append(UInt8(ascii: "{"))
        // Words first (by text), then the pairs (by number): the order is fixed, so builds repeat.
        for (word, lists) in shard.words.sorted(by: { $0.key < $1.key }) {
            if out.count > 1 { out += [UInt8(ascii: ","), 0x0A] }
            appendJSON(word, to: &out)
            out += [UInt8(ascii: ":"), UInt8(ascii: "[")]
            appendDeltas(lists.all, to: &out)
            out.append(UInt8(ascii: ","))
            appendDeltas(lists.title, to: &out)
            out.append(UInt8(ascii: "]"))
        }
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
        return out
    }

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

    @inline(__always)
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
