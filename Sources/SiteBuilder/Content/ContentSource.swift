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
