import Foundation
import Imaging

/// Processed photo variants on disk, by `ImageProcessor.cacheKey`, so an unchanged photo is not processed
/// again: `<folder>/<key>/manifest.txt` plus one file per variant (`480.jpg`, `480.webp`, …).
///
/// An entry is written into a temporary folder and renamed into place, so a build that is interrupted (or
/// runs beside another) never sees half an entry.
struct PhotoCache: Sendable {
    let folder: URL
    /// False for `campaign check`, which writes nothing: entries are read but not stored.
    var writable = true

    struct Entry: Sendable {
        var width: Int
        var height: Int
        var format: ImageFormat
        var file: URL
    }

    /// The cached variants of `key`, or nil when there is no complete entry.
    func load(_ key: String) -> [Entry]? {
        let entryFolder = folder.appendingPathComponent(key, isDirectory: true)
        guard let data = try? Data(contentsOf: entryFolder.appendingPathComponent("manifest.txt")) else { return nil }
        var entries: [Entry] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 3, let format = ImageFormat(rawValue: String(parts[0])), let width = Int(parts[1]),
                let height = Int(parts[2])
            else { return nil }
            let file = entryFolder.appendingPathComponent("\(width).\(format.fileExtension)")
            guard FileManager.default.fileExists(atPath: file.path) else { return nil }
            entries.append(Entry(width: width, height: height, format: format, file: file))
        }
        return entries.isEmpty ? nil : entries
    }

    /// Stores `variants` under `key` and returns the entries.
    func store(_ key: String, _ variants: [ProcessedVariant]) throws -> [Entry] {
        let fm = FileManager.default
        let final = folder.appendingPathComponent(key, isDirectory: true)
        let temporary = folder.appendingPathComponent(".\(key).tmp-\(UUID().uuidString)", isDirectory: true)
        try fm.createDirectory(at: temporary, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: temporary) }
        var manifest = ""
        for variant in variants {
            let name = "\(variant.width).\(variant.format.fileExtension)"
            try variant.data.write(to: temporary.appendingPathComponent(name))
            manifest += "\(variant.format.rawValue) \(variant.width) \(variant.height)\n"
        }
        try Data(manifest.utf8).write(to: temporary.appendingPathComponent("manifest.txt"))
        // A stale or partial entry under the final name is replaced; a concurrent writer's entry is as good.
        try? fm.removeItem(at: final)
        do {
            try fm.moveItem(at: temporary, to: final)
        } catch {
            if let existing = load(key) { return existing }
            throw error
        }
        return variants.map {
            Entry(
                width: $0.width, height: $0.height, format: $0.format,
                file: final.appendingPathComponent("\($0.width).\($0.format.fileExtension)"))
        }
    }
}
