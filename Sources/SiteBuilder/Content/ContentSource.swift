import Foundation

/// Where the content of a site is read from: every loader reads through it, the way every render step writes
/// through an `OutputSink`.
///
/// `FileSystemContentSource` reads the content folder; `MemoryContentSource` holds a tree in memory for tests.
/// Paths are relative to the content folder, `/`-separated, without a leading slash (`news/a.md`,
/// `exposures/bg-1/index.md`); the empty path is the content folder itself.
public protocol ContentSource: Sendable {
    /// The names directly in `folder`, files and folders, hidden ones too, sorted; nil when `folder` is not a
    /// folder.
    func names(in folder: String) -> [String]?
    /// The visible files anywhere below `folder`, as paths relative to it (`before-1.jpg`, `photos/a.jpg`);
    /// hidden files and folders are skipped.
    func files(under folder: String) -> Set<String>
    /// What is at `path` (a file or a folder, and its size); nil when nothing is.
    func info(_ path: String) -> ContentFileInfo?
    /// The bytes of the file at `path`.
    func read(_ path: String) throws -> Data
    /// The bytes of the file at `path` when it has at most `limit` bytes, else its size, unread.
    func read(_ path: String, limit: Int) throws -> LimitedRead
}

/// A file read only when it is not too large.
public enum LimitedRead: Sendable {
    case data(Data)
    /// The file has this many bytes, more than the limit.
    case tooLarge(Int)
}

extension ContentSource {
    public func read(_ path: String, limit: Int) throws -> LimitedRead {
        if let size = info(path)?.size, size > limit { return .tooLarge(size) }
        return .data(try read(path))
    }
}
