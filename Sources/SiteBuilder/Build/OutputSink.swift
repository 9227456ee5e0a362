import Crypto
import Foundation

/// Where rendered files go: the staging folder of a build, or nowhere for `campaign check`.
public protocol OutputSink: Sendable {
    func write(_ text: String, to relativePath: String) throws
    func write(_ bytes: some Collection<UInt8>, to relativePath: String) throws
    /// Writes `bytes` whose SHA-256 the caller has computed already, so that a sink recording the hash of
    /// every file (the build record) does not compute it a second time.
    func write(_ bytes: [UInt8], to relativePath: String, sha256 digest: SHA256.Digest) throws
    func copy(from source: URL, to relativePath: String) throws
    /// The file at `relativePath` is part of this build unchanged from the previous one (a render unit
    /// `campaign serve` did not need to render again). Only `IncrementalWriter` supports it.
    func keep(_ relativePath: String) throws
}

extension OutputSink {
    public func write(_ bytes: [UInt8], to relativePath: String, sha256 digest: SHA256.Digest) throws {
        try write(bytes, to: relativePath)
    }

    public func keep(_ relativePath: String) throws {
        throw FileIOError(path: relativePath, reason: "this output can not keep files of a previous build")
    }
}

extension OutputWriter: OutputSink {}
