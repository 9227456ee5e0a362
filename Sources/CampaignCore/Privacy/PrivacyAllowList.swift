/// Personal-data-looking items that may be published as written: public numbers the department lists in
/// `site.yml` (`privacy: {allow: [...]}`, e.g. a unit's duty phone) and the site's own contact numbers.
///
/// Items are compared as the scanner finds them, ignoring spaces, `-`, `·` and ASCII case, so
/// `138-1234-5678` on the list allows `13812345678` in a text and the other way round.
public struct PrivacyAllowList: Sendable, Hashable {
    private var keys: Set<[UInt8]> = []

    /// An empty list: everything detected is masked.
    public init() {}

    /// A list of the items found in `entries` (each entry may be a bare number or a sentence holding some).
    public init(_ entries: [String]) {
        for entry in entries { add(entry) }
    }

    /// The list of `site.yml`: its `privacy.allow` entries and whatever the organisation's contact line holds.
    public init(site: SiteConfig) {
        self.init(site.privacyAllow + [site.organization.contact])
    }

    /// True when nothing is allowed.
    public var isEmpty: Bool { keys.isEmpty }

    /// Allows every item the scanner finds in `entry`, and `entry` itself.
    public mutating func add(_ entry: String) {
        for match in PrivacyScanner.scan(entry) { keys.insert(Self.key(Array(match.original.utf8))) }
        let whole = Self.key(Array(entry.utf8))
        if !whole.isEmpty { keys.insert(whole) }
    }

    /// True when the item written as `bytes` is on the list.
    func allows(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        keys.contains(Self.key(Array(bytes)))
    }

    /// `bytes` without spaces, tabs, `-` and `·`, ASCII letters in lower case.
    private static func key(_ bytes: [UInt8]) -> [UInt8] {
        var key: [UInt8] = []
        key.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0xC2 && index + 1 < bytes.count && bytes[index + 1] == 0xB7 {
                index += 2
                continue
            }
            if byte != 0x20 && byte != 0x09 && byte != UInt8(ascii: "-") {
                key.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
            index += 1
        }
        return key
    }
}
