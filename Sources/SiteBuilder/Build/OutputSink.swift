import Foundation

/// Where rendered files go: the staging folder of a build, or nowhere for `campaign check`.
public protocol OutputSink: Sendable {
    func write(_ text: String, to relativePath: String) throws
    func write(_ bytes: some Collection<UInt8>, to relativePath: String) throws
    func copy(from source: URL, to relativePath: String) throws
}

extension OutputWriter: OutputSink {}
