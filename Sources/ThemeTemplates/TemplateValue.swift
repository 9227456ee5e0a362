/// A value a theme template can show: what `{{name}}`, `{{#name}}` and `{{^name}}` see
/// (docs/theme.md, "Template data").
///
/// Page models are typed structs that answer `TemplateObject.value(forKey:)`; this enum is the small,
/// closed set of shapes a Mustache tag can meet, so rendering never casts `Any`.
public enum TemplateValue: Sendable {
    /// Text, HTML-escaped by `{{name}}`, written as is by `{{{name}}}` and `{{& name}}`.
    case text(String)
    /// Text as UTF-8 bytes (cmark-gfm's HTML), shown exactly as `.text` of the same characters.
    case utf8([UInt8])
    /// A whole number, written in decimal.
    case number(Int)
    /// A decimal number, written as Swift's shortest round-trip form (`1.21`).
    case decimal(Double)
    /// A flag: a section shows once when true, an inverted section when false.
    case bool(Bool)
    /// A list: a section repeats once per element, an inverted section shows when it is empty.
    case list([TemplateValue])
    /// An object whose fields are looked up by name (made with `.object(_:)`), held by reference: the
    /// renderer copies values onto its context stack and out of it at every lookup, and a copy then counts
    /// one reference instead of copying an existential through its type's value witnesses.
    case objectReference(TemplateObjectReference)
    /// Known but absent (an optional field with no value): falsey, writes nothing.
    case null

    /// An object whose fields are looked up by name.
    public static func object(_ object: any TemplateObject) -> TemplateValue {
        .objectReference(TemplateObjectReference(object))
    }
}

/// An object of a `TemplateValue`, by reference (`TemplateValue.objectReference`).
public final class TemplateObjectReference: Sendable {
    public let object: any TemplateObject

    public init(_ object: any TemplateObject) {
        self.object = object
    }
}

/// An object in the template context: a page model or one of its parts.
public protocol TemplateObject: Sendable {
    /// The value of field `key`, or nil when this object has no such field, so the lookup goes on to
    /// the enclosing contexts (Mustache's context stack). A field that exists but has no value
    /// answers `.null`, not nil: nil means "not a field of this object".
    func value(forKey key: String) -> TemplateValue?

    /// The same for a key of a parsed template, whose hash is known: what the renderer calls. By
    /// default it asks `value(forKey:)`.
    func value(for key: TemplateKey) -> TemplateValue?
}

extension TemplateObject {
    public func value(for key: TemplateKey) -> TemplateValue? { value(forKey: key.name) }
}

/// A field name as a template uses it, with its hash computed once when the template is parsed, so
/// that a lookup in a field table (`TemplateKeyTable`) hashes nothing. The hash is Swift's, seeded per
/// process: keys and tables are made in the same process and never stored.
public struct TemplateKey: Sendable {
    public let name: String
    public let hash: Int

    public init(_ name: String) {
        self.name = name
        hash = name.hashValue
    }
}

/// Field names → positions, found by a `TemplateKey`'s hash with open addressing: a typed model's
/// table of fields.
public struct TemplateKeyTable: Sendable {
    private let slots: [Int32]
    private let keys: [TemplateKey]
    /// The keys' hashes, compared first without touching (and counting a reference to) a key's name.
    private let hashes: [Int]

    /// The table of `names`; a name's position is its index. The first of equal names wins.
    public init(_ names: [String]) {
        keys = names.map(TemplateKey.init)
        hashes = keys.map(\.hash)
        var size = 16
        while size < names.count * 2 { size *= 2 }
        var slots = [Int32](repeating: -1, count: size)
        for (position, key) in keys.enumerated() {
            var slot = key.hash & (size - 1)
            var seen = false
            while slots[slot] >= 0 {
                if keys[Int(slots[slot])].name == key.name { seen = true }
                slot = (slot + 1) & (size - 1)
            }
            if !seen { slots[slot] = Int32(position) }
        }
        self.slots = slots
    }

    /// The position of `key`, nil when it is not in the table.
    @inline(__always)
    public func position(of key: TemplateKey) -> Int? {
        let mask = slots.count - 1
        var slot = key.hash & mask
        while true {
            let position = Int(slots[slot])
            if position < 0 { return nil }
            if hashes[position] == key.hash && keys[position].name == key.name { return position }
            slot = (slot + 1) & mask
        }
    }

    /// The position of `name`.
    public func position(of name: String) -> Int? { position(of: TemplateKey(name)) }
}

/// A dictionary is an object with its keys as fields (spec tests, small ad-hoc contexts).
extension Dictionary: TemplateObject where Key == String, Value == TemplateValue {
    public func value(forKey key: String) -> TemplateValue? { self[key] }
}

extension TemplateValue {
    /// `.text` of an optional string, `.null` when absent.
    public static func text(_ value: String?) -> TemplateValue { value.map { .text($0) } ?? .null }

    /// `.object` of an optional object, `.null` when absent.
    public static func object(_ value: (any TemplateObject)?) -> TemplateValue { value.map { .object($0) } ?? .null }

    /// A list of objects.
    public static func list(_ objects: [any TemplateObject]) -> TemplateValue { .list(objects.map { .object($0) }) }
}
