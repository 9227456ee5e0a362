import Foundation

/// Renders without writing, for `campaign check`.
public struct DiscardingSink: OutputSink {
    public init() {}
    public func write(_ text: String, to relativePath: String) throws {
        guard OutputWriter.isSafe(relativePath) else {
            throw FileIOError(path: relativePath, reason: "refusing to write outside the output folder")
        }
    }
    public func write(_ bytes: some Collection<UInt8>, to relativePath: String) throws {
        try write("", to: relativePath)
    }
    public func copy(from source: URL, to relativePath: String) throws { try write("", to: relativePath) }
}
