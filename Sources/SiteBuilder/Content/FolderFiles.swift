/// What a content kind read from the files directly in one folder (`news/*.md`, `pages/*.md`), kept per file so
/// one file can be read again alone.
struct FolderFiles<Loaded: Sendable>: Sendable {
    /// The content-relative folder.
    let folder: String
    /// The file extensions read, lower case.
    let extensions: Set<String>
    /// Reads one file (content-relative path).
    let load: @Sendable (String, LoadContext) -> Loaded
    /// Path → what was read from it.
    private(set) var files: [String: Loaded] = [:]
    /// What was read, in the order of the file names, and where each path is in it.
    private(set) var inOrder: [Loaded] = []
    private var positions: [String: Int] = [:]

    init(
        folder: String, extensions: Set<String> = ["md", "markdown"],
        load: @escaping @Sendable (String, LoadContext) -> Loaded
    ) {
        self.folder = folder
        self.extensions = extensions
        self.load = load
    }

    /// The path itself when it is one of the folder's files.
    func unit(of path: String) -> String? {
        ContentPath.isFile(path, directlyIn: folder, extensions: extensions) ? path : nil
    }

    /// Reads every file, in parallel.
    mutating func loadAll(_ context: LoadContext) async {
        let paths = context.source.files(in: folder, extensions: extensions)
        let load = self.load
        let loaded = await concurrentMap(paths, jobs: context.jobs) { path in
            defer { context.loaded() }
            return load(path, context)
        }
        files = Dictionary(uniqueKeysWithValues: zip(paths, loaded))
        sort()
    }

    /// Reads `path` again, or forgets it when it is gone.
    mutating func reload(_ path: String, _ context: LoadContext) {
        guard context.source.info(path) != nil else {
            if files.removeValue(forKey: path) != nil { sort() }
            return
        }
        let loaded = load(path, context)
        files[path] = loaded
        if let position = positions[path] {
            inOrder[position] = loaded
        } else {
            sort()
        }
    }

    private mutating func sort() {
        let paths = files.keys.sorted()
        inOrder = paths.compactMap { files[$0] }
        positions = Dictionary(uniqueKeysWithValues: zip(paths, paths.indices))
    }
}
