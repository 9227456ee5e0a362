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
    /// What is at `path` (a file or a folder, its size and modification time); nil when nothing is.
    func info(_ path: String) -> ContentFileInfo?
    /// The bytes of the file at `path`.
    func read(_ path: String) throws -> Data
}

/// What a content source tells about an entry without reading it.
public struct ContentFileInfo: Sendable, Hashable {
    /// True for a folder.
    public var isFolder: Bool
    /// Size in bytes (0 for a folder).
    public var size: Int
    /// When the entry last changed, when the source knows it; `campaign serve` compares it between scans.
    public var modified: Date?

    /// Creates the information of one entry.
    public init(isFolder: Bool, size: Int, modified: Date? = nil) {
        self.isFolder = isFolder
        self.size = size
        self.modified = modified
    }
}
