import CampaignCore
import Crypto
import Foundation

/// An `OutputSink` that passes every write on and remembers the path, so the link check knows
/// every file the build wrote — whichever render step wrote it (pages, feeds, assets, photos).
final class RecordingSink: OutputSink, @unchecked Sendable {
    private let base: any OutputSink
    private let lock = NSLock()
    private var written: Set<String> = []

    init(_ base: any OutputSink) { self.base = base }

    /// Output-relative paths of every file written so far.
    var paths: Set<String> {
        lock.lock()
        defer { lock.unlock() }
        return written
    }

    private func record(_ path: String) {
        lock.lock()
        written.insert(path)
        lock.unlock()
    }

    func write(_ text: String, to relativePath: String) throws {
        try base.write(text, to: relativePath)
        record(relativePath)
    }

    func write(_ bytes: some Collection<UInt8>, to relativePath: String) throws {
        try base.write(bytes, to: relativePath)
        record(relativePath)
    }

    func write(_ bytes: [UInt8], to relativePath: String, sha256 digest: SHA256.Digest) throws {
        try base.write(bytes, to: relativePath, sha256: digest)
        record(relativePath)
    }

    func copy(from source: URL, to relativePath: String) throws {
        try base.copy(from: source, to: relativePath)
        record(relativePath)
    }

    func keep(_ relativePath: String) throws {
        try base.keep(relativePath)
        record(relativePath)
    }
}
