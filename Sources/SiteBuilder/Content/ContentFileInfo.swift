/// What a content source tells about an entry without reading it.
public struct ContentFileInfo: Sendable, Hashable {
    /// True for a folder.
    public var isFolder: Bool
    /// Size in bytes (0 for a folder).
    public var size: Int

    /// Creates the information of one entry.
    public init(isFolder: Bool, size: Int) {
        self.isFolder = isFolder
        self.size = size
    }
}
