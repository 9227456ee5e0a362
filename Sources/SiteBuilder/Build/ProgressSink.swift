import Crypto
import Foundation

/// An `OutputSink` that passes every write on and reports the count of files written, every
/// `BuildProgress.fileInterval` files, as `rendering` progress.
final class ProgressSink: OutputSink, @unchecked Sendable {
    private let base: any OutputSink
    private let report: @Sendable (BuildProgress) -> Void
    private let lock = NSLock()
    private var count = 0

    init(_ base: any OutputSink, report: @escaping @Sendable (BuildProgress) -> Void) {
        self.base = base
        self.report = report
    }

    private func counted() {
        lock.lock()
        count += 1
        let done = count
        lock.unlock()
        if done % BuildProgress.fileInterval == 0 { report(BuildProgress(.rendering, done: done)) }
    }

    func write(_ text: String, to relativePath: String) throws {
        try base.write(text, to: relativePath)
        counted()
    }

    func write(_ bytes: some Collection<UInt8>, to relativePath: String) throws {
        try base.write(bytes, to: relativePath)
        counted()
    }

    func write(_ bytes: [UInt8], to relativePath: String, sha256 digest: SHA256.Digest) throws {
        try base.write(bytes, to: relativePath, sha256: digest)
        counted()
    }

    func copy(from source: URL, to relativePath: String) throws {
        try base.copy(from: source, to: relativePath)
        counted()
    }

    func keep(_ relativePath: String) throws {
        try base.keep(relativePath)
        counted()
    }
}
