/// What a content kind read from the files directly in one folder (`news/*.md`, `pages/*.md`), kept per file so
/// one file can be read again alone.
struct FolderFiles<Loaded: Sendable>: Sendable {
    /// The content-relative folder.
    let folder: String
    /// The file extensions read, lower case.
    let extensions: Set<String>
    /// Reads one file (content-relative path).
    let load: @Sendable (String, LoadContext) -> Loaded
    /// The paths read, sorted, and what was read from each, in the same order.
    private(set) var paths: [String] = []
    private(set) var inOrder: [Loaded] = []
    /// The number of each file's reading (`Reading`), in the same order: new each time it is read.
    private(set) var readings: [Int] = []
    /// Where each path is in `paths`.
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

    /// Where `path` is in `paths` and `inOrder`.
    func position(of path: String) -> Int? { positions[path] }

    /// Reads every file, in parallel.
    mutating func loadAll(_ context: LoadContext) async {
        // Listed in name order already; sorted again only if not, so a build does not copy every file's
        // result into a dictionary and out again.
        var listed = context.source.files(in: folder, extensions: extensions)
        if !listed.isSorted() { listed.sort() }
        let load = self.load
        inOrder = await concurrentMap(listed, jobs: context.jobs) { path in
            defer { context.loaded() }
            return load(path, context)
        }
        paths = listed
        readings = Array(Reading.numbers(listed.count))
        positions = Dictionary(uniqueKeysWithValues: zip(listed, listed.indices))
    }

    /// What was read from each file and the number of each reading, in order, taken out: the folder is
    /// left empty, as before `loadAll`. For a build that uses what was loaded once (`SiteAssembly.spendsLoaded`).
    mutating func takeAll() -> (loaded: [Loaded], readings: [Int]) {
        defer { (paths, inOrder, readings, positions) = ([], [], [], [:]) }
        return (inOrder, readings)
    }

    /// Reads `path` again, or forgets it when it is gone.
    mutating func reload(_ path: String, _ context: LoadContext) {
        guard context.source.info(path) != nil else {
            if let position = positions[path] {
                paths.remove(at: position)
                inOrder.remove(at: position)
                readings.remove(at: position)
                reindex()
            }
            return
        }
        let loaded = load(path, context)
        let reading = Reading.numbers(1).lowerBound
        if let position = positions[path] {
            inOrder[position] = loaded
            readings[position] = reading
        } else {
            let position = paths.firstIndex { path < $0 } ?? paths.count
            paths.insert(path, at: position)
            inOrder.insert(loaded, at: position)
            readings.insert(reading, at: position)
            reindex()
        }
    }

    private mutating func reindex() {
        positions = Dictionary(uniqueKeysWithValues: zip(paths, paths.indices))
    }
}

extension Array where Element: Comparable {
    /// True when every element is at most the next.
    fileprivate func isSorted() -> Bool {
        indices.dropFirst().allSatisfy { self[$0 - 1] <= self[$0] }
    }
}
