import CampaignCore
import Crypto
import Foundation

/// The search index under `campaign serve`: the next index is made from the last one, so an edit
/// rewrites only the shards whose keys it changed and the text chunks it changed, and keeps every
/// other file (docs/performance.md, "Incremental serve"). The files are byte for byte those of
/// `build`, which is what an update falls back to whenever the documents are not numbered as before
/// (a page added, removed or moved in the date order) or the shard count changes.
extension SearchIndex {
    /// What the next update starts from: the documents by number and every file's parts and hash.
    struct Memory: Sendable {
        var districts: [String]
        var statuses: [String]
        var timeZone: TimeZone
        /// The documents, by number.
        var documents: [SearchDocument]
        /// Their records in `docs.json` (`table`).
        var table: [UInt8]
        /// Each document's record bytes before its text (`head(of:timeZone:)`), by number.
        var heads: [[UInt8]]
        /// Keys of all documents: what the shard count follows.
        var postingCount: Int
        /// The postings of every shard, and the first 64 bits of each shard file's SHA-256.
        var shards: [Shard]
        var shardHashes: [UInt64]
        var chunkEnds: [Int]
        var chunkHashes: [UInt64]
    }

    /// Builds the index of `documents` from `memory`, the last index, and leaves in `memory` what
    /// the next build needs. Unchanged files are not made again but named through `keep` (which
    /// returns nil when it cannot keep one: then it is written).
    static func build<Written: Sendable>(
        _ documents: [SearchDocument], districts: [String], statuses: [String], timeZone: TimeZone, jobs: Int,
        memory: inout Memory?, write: @escaping Writer<Written>,
        keep: (_ path: String) -> Written?
    ) async -> (index: SearchIndex, written: [Written]) {
        let order = order(documents)
        if var previous = memory.take(),
            previous.districts == districts, previous.statuses == statuses, previous.timeZone == timeZone,
            let updated = update(
                &previous, documents: documents, order: order, districts: districts, statuses: statuses,
                write: write, keep: keep)
        {
            memory = previous
            return updated
        }
        let built = await build(
            documents, districts: districts, statuses: statuses, timeZone: timeZone, jobs: jobs, remember: true,
            write: write)
        memory = built.memory
        return (built.index, built.written)
    }

    /// The update of `memory` to `documents` (numbered by `order`); nil, with `memory` unchanged, when the
    /// numbers or the shard count are not those of the last index.
    private static func update<Written: Sendable>(
        _ memory: inout Memory, documents: [SearchDocument], order: [Int], districts: [String],
        statuses: [String], write: Writer<Written>,
        keep: (_ path: String) -> Written?
    ) -> (index: SearchIndex, written: [Written])? {
        guard order.count == memory.documents.count else { return nil }
        var changed: [Int] = []
        var postingCount = memory.postingCount
        let equal = documents.withUnsafeBufferPointer { new in
            memory.documents.withUnsafeBufferPointer { old in
                // Borrowed, not copied: a document holds several arrays and strings.
                for (number, index) in order.enumerated() {
                    guard new[index].path == old[number].path else { return false }
                    if new[index] != old[number] {
                        changed.append(number)
                        postingCount += new[index].keys.count - old[number].keys.count
                    }
                }
                return true
            }
        }
        guard equal else { return nil }
        let shardCount = memory.shards.count
        guard SearchShards.count(forPostings: postingCount) == shardCount else { return nil }

        // Postings: only the keys a document gained or lost, or whose title bit changed.
        var touchedShards: Set<Int> = []
        var touchedNumbers: Set<Int> = []
        for number in changed {
            let new = documents[order[number]]
            let old = memory.documents[number]
            if new.keys != old.keys {
                update(&memory.shards, number: number, from: old.keys, to: new.keys, touched: &touchedShards)
            }
            if new.title != old.title || new.date != old.date || new.text != old.text {
                memory.heads[number] = head(of: new, timeZone: memory.timeZone)
                touchedNumbers.insert(number)
            }
            memory.table.replaceSubrange(
                3 * number..<3 * number + 3, with: record(new, districts: districts, statuses: statuses))
            memory.documents[number] = new
        }
        memory.postingCount = postingCount

        var written: [Written] = []
        written.reserveCapacity(shardCount + memory.chunkEnds.count + 1)
        for shard in 0..<shardCount {
            let path = "search/k/\(shard).json"
            if !touchedShards.contains(shard), let kept = keep(path) {
                written.append(kept)
                continue
            }
            let bytes = shardFile(memory.shards[shard])
            let digest = SHA256.hash(data: bytes)
            memory.shardHashes[shard] = versionHash(digest)
            written.append(write(path, bytes, digest))
        }

        // Text chunks: those holding a changed record, and every chunk whose documents are not the same.
        let heads = memory.heads
        let docs = memory.documents
        let ends = chunkEnds(count: docs.count) { heads[$0].count + docs[$0].text.count + 2 }
        let numbers = Array(docs.indices)
        var chunkHashes: [UInt64] = []
        chunkHashes.reserveCapacity(ends.count)
        for (chunk, end) in ends.enumerated() {
            let start = chunk == 0 ? 0 : ends[chunk - 1]
            let path = "search/t/\(chunk).json"
            let same =
                chunk < memory.chunkEnds.count && memory.chunkEnds[chunk] == end
                && (chunk == 0 ? 0 : memory.chunkEnds[chunk - 1]) == start
                && !(start..<end).contains(where: touchedNumbers.contains)
            if same, let kept = keep(path) {
                chunkHashes.append(memory.chunkHashes[chunk])
                written.append(kept)
                continue
            }
            let bytes = textChunk(start..<end, heads: heads, documents: docs, order: numbers)
            let digest = SHA256.hash(data: bytes)
            chunkHashes.append(versionHash(digest))
            written.append(write(path, bytes, digest))
        }
        memory.chunkEnds = ends
        memory.chunkHashes = chunkHashes

        let table = memory.table
        let index = SearchIndex(
            version: version(shardHashes: memory.shardHashes, chunkHashes: chunkHashes, table: table),
            documentCount: docs.count, shardCount: shardCount, chunkCount: ends.count)
        written.append(
            write(
                "search/docs.json",
                docsJSON(index, table: table, chunkEnds: ends, districts: districts, statuses: statuses),
                nil))
        return (index, written)
    }

    /// Moves document `number` in `shards` from the keys `old` to `new`: each posting it lost is
    /// removed and each it gained inserted in order; the shards changed go into `touched`.
    private static func update(
        _ shards: inout [Shard], number: Int, from old: SearchTokenizer.Keys, to new: SearchTokenizer.Keys,
        touched: inout Set<Int>
    ) {
        let mask = UInt32(shards.count - 1)
        func postings(_ keys: SearchTokenizer.Keys) -> Set<UInt64> {
            let id = UInt64(number) << 1
            var set = Set<UInt64>(minimumCapacity: keys.bigrams.count)
            for (k, pair) in keys.bigrams.enumerated() {
                set.insert(UInt64(pair) << 32 | id | (k < keys.titleBigramCount ? 1 : 0))
            }
            return set
        }
        let before = postings(old)
        let after = postings(new)
        for posting in before.subtracting(after) {
            let shard = Int(SearchShards.hash(bigram: UInt32(truncatingIfNeeded: posting >> 32)) & mask)
            let at = lowerBound(of: posting, in: shards[shard].pairs)
            if at < shards[shard].pairs.count && shards[shard].pairs[at] == posting {
                shards[shard].pairs.remove(at: at)
            }
            touched.insert(shard)
        }
        for posting in after.subtracting(before) {
            let shard = Int(SearchShards.hash(bigram: UInt32(truncatingIfNeeded: posting >> 32)) & mask)
            shards[shard].pairs.insert(posting, at: lowerBound(of: posting, in: shards[shard].pairs))
            touched.insert(shard)
        }

        // Words: (in the text, in the title) before and after.
        func words(_ keys: SearchTokenizer.Keys) -> [String: Bool] {
            var words: [String: Bool] = [:]
            for (k, word) in keys.words.enumerated() { words[word] = k < keys.titleWordCount }
            return words
        }
        let wordsBefore = words(old)
        let wordsAfter = words(new)
        let id = Int32(number)
        for word in Set(wordsBefore.keys).union(wordsAfter.keys) where wordsBefore[word] != wordsAfter[word] {
            let shard = Int(SearchShards.hash(word: word) & mask)
            touched.insert(shard)
            var lists = shards[shard].words[word] ?? Lists()
            remove(id, from: &lists.all)
            remove(id, from: &lists.title)
            if let title = wordsAfter[word] {
                lists.all.insert(id, at: lowerBound(of: id, in: lists.all))
                if title { lists.title.insert(id, at: lowerBound(of: id, in: lists.title)) }
            }
            shards[shard].words[word] = lists.all.isEmpty ? nil : lists
        }
    }

    private static func remove(_ id: Int32, from list: inout [Int32]) {
        let at = lowerBound(of: id, in: list)
        if at < list.count && list[at] == id { list.remove(at: at) }
    }

    /// The first index of `sorted` whose element is not less than `value`.
    private static func lowerBound<T: Comparable>(of value: T, in sorted: [T]) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
