import Foundation

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
