/// Rules that look at all notices together.
public enum ExposureValidation {
    /// One error per notice whose id is also used by another notice, naming the other file(s).
    ///
    /// Ids are compared case-insensitively because the page URL uses the id lowercased.
    public static func duplicateIDs(_ notices: [ExposureNotice]) -> [Diagnostic] {
        let ids = UniqueIDs<String>(noun: "id", item: "notice")
        return UniqueIDs<String>.clashes(notices.map(\.slug)).map { index, others in
            let notice = notices[index]
            return Diagnostic.error(
                ids.message(notice.id, alsoUsed: others.map { "in \(notices[$0].file)" }),
                code: "exposure.duplicate-id", at: notice.positions.id)
        }
    }
}
