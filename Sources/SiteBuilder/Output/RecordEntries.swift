import CampaignCore
import Foundation

/// The `files` object of a build record, kept entry by entry so that a build changing a few files
/// encodes only theirs: the rest of the record is encoded by `BuildRecord.encoded()`, and the entries
/// are written as it writes them (sorted by their UTF-8 bytes, as `JSONEncoder` sorts keys on Linux, and
/// escaped as it escapes strings).
struct RecordEntries: Sendable {
    /// Paths in order, and each entry's JSON (`"path":"hash"`).
    private var paths: [String] = []
    private var entries: [[UInt8]] = []

    init(_ files: [String: String]) {
        // Compared with `memcmp` over each path's UTF-8: comparing the `utf8` views element by element took
        // most of a tenth of a second for 20,000 paths, on one core, while the link check wanted both.
        let sorted = files.sorted { Self.precedes($0.key, $1.key) }
        paths = sorted.map(\.key)
        entries = sorted.map { Self.entry($0.key, $0.value) }
    }

    /// Whether `a` comes before `b` in the order of their UTF-8 bytes.
    static func precedes(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Bool in
                let common = min(x.count, y.count)
                let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                return order != 0 ? order < 0 : x.count < y.count
            }
        }
        return (fast ?? nil) ?? a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Applies new hashes (of files changed or added) and removals.
    mutating func update(changed: [(path: String, hash: String)], removed: [String]) {
        if !removed.isEmpty {
            let gone = Set(removed)
            var kept = 0
            for n in paths.indices where !gone.contains(paths[n]) {
                paths.swapAt(kept, n)
                entries.swapAt(kept, n)
                kept += 1
            }
            paths.removeLast(paths.count - kept)
            entries.removeLast(entries.count - kept)
        }
        for (path, hash) in changed {
            let at = index(of: path)
            if at < paths.count && paths[at] == path {
                entries[at] = Self.entry(path, hash)
            } else {
                paths.insert(path, at: at)
                entries.insert(Self.entry(path, hash), at: at)
            }
        }
    }

    /// The record's JSON with these entries as its files.
    func record(_ record: BuildRecord) throws -> Data {
        var header = record
        header.files = [:]
        let empty = try header.encoded()
        let marker = Array(#""files":{}"#.utf8)
        guard let at = empty.firstRange(of: marker) else {
            // Not the layout this was written for: encode the whole record.
            var whole = record
            whole.files = Dictionary(uniqueKeysWithValues: zip(paths, entries.map { Self.hash(of: $0) }))
            return try whole.encoded()
        }
        var out: [UInt8] = []
        out.reserveCapacity(empty.count + entries.reduce(0) { $0 + $1.count + 1 })
        out += empty[..<(at.lowerBound + marker.count - 1)]
        for (n, entry) in entries.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            out += entry
        }
        out += empty[(at.upperBound - 1)...]
        return Data(out)
    }

    /// The `files` of a record as `record(_:)` writes them: `"path":"hash"` pairs without escapes. Nil
    /// for any other layout (a record from another version, or edited by hand), which the caller reads
    /// with `JSONDecoder` instead: this reading only spares decoding 20,000 entries one by one.
    static func files(ofRecord bytes: UnsafeRawBufferPointer) -> [String: String]? {
        let marker = Array(#""files":{"#.utf8)
        guard let start = bytes.firstRange(of: marker)?.upperBound else { return nil }
        let quote = UInt8(ascii: "\"")
        let colon = UInt8(ascii: ":")
        let comma = UInt8(ascii: ",")
        let close = UInt8(ascii: "}")
        var files: [String: String] = [:]
        var at = start
        /// The string starting at `at` (a quote), without escapes or control characters.
        func string() -> String? {
            guard at < bytes.count, bytes[at] == quote else { return nil }
            var end = at + 1
            while end < bytes.count && bytes[end] != quote {
                if bytes[end] == UInt8(ascii: "\\") || bytes[end] < 0x20 { return nil }
                end += 1
            }
            guard end < bytes.count else { return nil }
            defer { at = end + 1 }
            return String(validating: UnsafeRawBufferPointer(rebasing: bytes[(at + 1)..<end]), as: UTF8.self)
        }
        if at < bytes.count && bytes[at] == close { return files }
        while true {
            guard let path = string(), at < bytes.count, bytes[at] == colon else { return nil }
            at += 1
            guard let hash = string(), at < bytes.count else { return nil }
            files[path] = hash
            if bytes[at] == close { return files }
            guard bytes[at] == comma else { return nil }
            at += 1
        }
    }

    /// Where `path` is or would go.
    private func index(of path: String) -> Int {
        var low = 0
        var high = paths.count
        while low < high {
            let mid = (low + high) / 2
            if Self.precedes(paths[mid], path) { low = mid + 1 } else { high = mid }
        }
        return low
    }

    static func entry(_ path: String, _ hash: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count + hash.utf8.count + 6)
        appendString(path, to: &out)
        out.append(UInt8(ascii: ":"))
        appendString(hash, to: &out)
        return out
    }

    /// The hash of an entry (the string after the colon), for the rare whole encoding.
    private static func hash(of entry: [UInt8]) -> String {
        guard let colon = entry.lastIndex(of: UInt8(ascii: ":")) else { return "" }
        return String(decoding: entry[(colon + 2)..<(entry.count - 1)], as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `text` as `JSONEncoder` writes a string without escaping slashes.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Nearly every path and every hash has nothing to escape: then its bytes are copied whole.
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") })
            else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if copied == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), byte]
            case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20: out += Array("\\u00".utf8) + [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 15)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
