import CampaignCore

/// One kind of content (news, pages, exposure notices, progress tables, LED messages, …): which files are
/// its own, how to read them, and how what was read joins the site.
///
/// A kind keeps what it read per unit — one file, or one notice's bundle folder — so `LoadedSite.reload(_:)`
/// reads a changed unit again without touching the others, and `assemble(into:_:)` puts the site together
/// again from what is kept. Kinds are registered in one place, `SiteContent.kinds` (docs/architecture.md,
/// "Adding a content kind").
protocol ContentKind: Sendable {
    /// The unit the content-relative `path` belongs to (itself for a file; the bundle folder for a file in
    /// a notice's bundle); nil when the path is none of this kind's.
    func unit(of path: String) -> String?
    /// Reads every unit of the kind.
    mutating func loadAll(_ context: LoadContext) async
    /// Reads `unit` again: it was added, edited or deleted.
    mutating func reload(unit: String, _ context: LoadContext) async
    /// Adds what was read to the site being put together: its items, the checks across its files (duplicate
    /// ids), its review items. Kinds are assembled in registration order, so a kind sees the ones before it.
    mutating func assemble(into site: inout SiteAssembly, _ context: LoadContext) async
}
