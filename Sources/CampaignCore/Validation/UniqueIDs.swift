/// The ids that must be unique within one kind of content — news and page slugs, notice ids, screen and
/// message ids, the ids of table rows — with one wording for every clash:
/// `duplicate slug 'x', first used in Content/news/a.md; give each article its own slug`.
///
/// Each loader keeps one while it goes through its items: `claim` says whether an id was taken, by whom.
public struct UniqueIDs<Place: Sendable>: Sendable {
    /// What the id is called in messages: `slug`, `id`, `screen id`.
    public let noun: String
    /// What each id belongs to: `article`, `notice`, `screen`.
    public let item: String
    private var first: [String: Place] = [:]

    /// Ids called `noun`, one per `item`.
    public init(noun: String, item: String) {
        self.noun = noun
        self.item = item
    }

    /// Records that `id` is used at `place`; returns where it was used first when it was already taken (and
    /// keeps that first place).
    public mutating func claim(_ id: String, at place: Place) -> Place? {
        if let taken = first[id] { return taken }
        first[id] = place
        return nil
    }

    /// The message of a clash: `where` tells where the id was used before (`in Content/news/a.md`,
    /// `on line 3`); `hint` is appended after the advice.
    public func message(_ id: String, firstUsed where: String, hint: String = "") -> String {
        let short = noun.split(separator: " ").last.map(String.init) ?? noun
        return "duplicate \(noun) '\(id)', first used \(`where`); give each \(item) its own \(short)\(hint)"
    }

    /// The message of an id that several items share, for the item at one of them: `others` are the other
    /// places (`in Content/exposures/b/index.md`).
    public func message(_ id: String, alsoUsed others: [String]) -> String {
        let short = noun.split(separator: " ").last.map(String.init) ?? noun
        return
            "duplicate \(noun) '\(id)', also used \(others.joined(separator: ", ")); give each \(item) its own \(short)"
    }

    /// For the ids of `items` (in order): the index of every item whose id another item has too, with the
    /// indices of those others. Every item of a clash is named, the first as well.
    public static func clashes(_ ids: [String]) -> [(index: Int, others: [Int])] {
        var byID: [String: [Int]] = [:]
        for (index, id) in ids.enumerated() { byID[id, default: []].append(index) }
        return ids.enumerated().compactMap { index, id in
            guard let group = byID[id], group.count > 1 else { return nil }
            return (index, group.filter { $0 != index })
        }
    }
}
