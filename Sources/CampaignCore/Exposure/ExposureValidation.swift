/// Rules that look at all notices together.
public enum ExposureValidation {
    /// One error per notice whose id is also used by another notice, naming the other file(s).
    ///
    /// Ids are compared case-insensitively because the page URL uses the id lowercased.
    public static func duplicateIDs(_ notices: [ExposureNotice]) -> [Diagnostic] {
        var byID: [String: [ExposureNotice]] = [:]
        for notice in notices { byID[notice.slug, default: []].append(notice) }
        var diagnostics: [Diagnostic] = []
        for notice in notices {
            guard let group = byID[notice.slug], group.count > 1 else { continue }
            let others = group.filter { $0.file != notice.file || $0.positions.id != notice.positions.id }
                .map(\.file)
            diagnostics.append(
                .error(
                    "id '\(notice.id)' is also used by \(others.joined(separator: ", ")); each notice needs its own id",
                    code: "exposure.duplicate-id", at: notice.positions.id))
        }
        return diagnostics
    }
}
